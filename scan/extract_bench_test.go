package scan

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/text/encoding/japanese"
)

// nopSink counts calls and nothing else.
type nopSink struct{ n int }

func (s *nopSink) Text(string, Loc)   { s.n++ }
func (s *nopSink) Row(string, []Cell) { s.n++ }

// rosterCSV generates a school roster of n rows, about 150 bytes each
// with 15 fields: names, kana, addresses, phones, dates, notes.
func rosterCSV(n int) string {
	family := []string{"山田", "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "中村"}
	given := []string{"太郎", "花子", "一郎", "美咲", "翔太", "陽菜", "大輔", "結衣"}
	kana := []string{"やまだ たろう", "さとう はなこ", "すずき いちろう", "たかはし みさき"}
	town := []string{"前橋市大手町", "高崎市高松町", "桐生市織姫町", "伊勢崎市今泉町"}
	var b strings.Builder
	b.WriteString("番号,学年,組,氏名,ふりがな,性別,生年月日,郵便番号,住所,電話,保護者,緊急連絡先,アレルギー,備考,更新日\n")
	for i := range n {
		fmt.Fprintf(&b, "%d,%d,%d,%s %s,%s,%s,2012/%d/%d,371-%04d,群馬県%s%d-%d,027-%03d-%04d,%s %s,\"090-%04d-%04d\",%s,%s,2024/4/1\n",
			i+1, i%6+1, i%4+1, family[i%8], given[i%7], kana[i%4], []string{"男", "女"}[i%2],
			i%12+1, i%28+1, i%10000, town[i%4], i%30+1, i%20+1, i%1000, i%10000,
			family[i%8], given[(i+3)%8], i%10000, (i*7)%10000, []string{"", "卵", "乳", "小麦"}[i%4],
			[]string{"", "徒歩通学", "\"特記\"\"なし\"\"\"", "バス"}[i%4])
	}
	return b.String()
}

// benchExtract runs Extract over data b.N times.
func benchExtract(b *testing.B, name string, data []byte, wantEnc string) {
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	sink := &nopSink{}
	for b.Loop() {
		f := &File{Rel: name}
		if err := Extract(context.Background(), f, bytes.NewReader(data), sink, DefaultLimits); err != nil {
			b.Fatal(err)
		}
		if f.Encoding != wantEnc || f.DecodeErrors != 0 {
			b.Fatalf("%s with %d errors", f.Encoding, f.DecodeErrors)
		}
	}
}

func BenchmarkCSVUTF8(b *testing.B) {
	benchExtract(b, "名簿.csv", []byte(rosterCSV(50000)), EncUTF8)
}

func BenchmarkCSVShiftJIS(b *testing.B) {
	data, err := japanese.ShiftJIS.NewEncoder().Bytes([]byte(rosterCSV(50000)))
	if err != nil {
		b.Fatal(err)
	}
	benchExtract(b, "名簿.csv", data, EncSJIS)
}

func BenchmarkText(b *testing.B) {
	var t strings.Builder
	for i := range 100000 {
		fmt.Fprintf(&t, "%d組の山田太郎さん（090-%04d-1234）は群馬県前橋市大手町に住んでいます。卵アレルギーあり。\n", i%4+1, i%10000)
	}
	benchExtract(b, "memo.txt", []byte(t.String()), EncUTF8)
}
