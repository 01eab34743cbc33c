package main

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"golang.org/x/text/encoding/japanese"

	"mamori/detect"
	"mamori/scan"
)

// benchRoster builds a roster CSV like the sample share's, about size bytes.
func benchRoster(size int) []byte {
	sur := []string{"佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤", "吉田", "山田"}
	given := []string{"太郎", "花子", "翔太", "美咲", "大輝", "結衣", "蓮", "陽菜", "悠真", "さくら", "湊", "葵"}
	var b bytes.Buffer
	b.WriteString("学年,組,出席番号,氏名,ふりがな,性別,生年月日,住所,電話番号,保護者氏名,アレルギー,既往症\r\n")
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, "%d,%d,%d,%s %s,やまだ たろう,%s,2010/%d/%d,群馬県前橋市大手町%d丁目%d-%d,027-%03d-%04d,%s %s,%s,%s\r\n",
			1+i%6, 1+i%4, 1+i%40, sur[i%12], given[(i/12)%12], []string{"男", "女"}[i%2], 1+i%12, 1+i%28,
			1+i%5, 1+i%30, 1+i%20, 200+i%700, i%10000, sur[i%12], given[(i/7)%12],
			[]string{"なし", "卵", "なし", "小麦"}[i%4], []string{"なし", "喘息", "なし"}[i%3])
	}
	return b.Bytes()
}

// benchmarkPipeline measures one worker's extract and detect on one file,
// the work `mamori scan` does per core.
func benchmarkPipeline(b *testing.B, data []byte, name string) {
	det := detect.New(detect.Builtin())
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		f := &scan.File{Rel: name, Size: int64(len(data))}
		sink := det.NewFile()
		if err := scan.Extract(context.Background(), f, bytes.NewReader(data), sink, scan.DefaultLimits); err != nil {
			b.Fatal(err)
		}
		if res := sink.Result(); res.Subjects == 0 {
			b.Fatal("no subjects found")
		}
	}
}

func BenchmarkPipelineUTF8(b *testing.B) {
	benchmarkPipeline(b, benchRoster(8<<20), "roster.csv")
}

func BenchmarkPipelineShiftJIS(b *testing.B) {
	data, err := japanese.ShiftJIS.NewEncoder().Bytes(benchRoster(8 << 20))
	if err != nil {
		b.Fatal(err)
	}
	benchmarkPipeline(b, data, "roster.csv")
}
