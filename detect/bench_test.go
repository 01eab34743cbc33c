package detect

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// rosterLines generates roster-like prose: Japanese lines with a few
// numbers each, some with personal data and many without.
func rosterLines(n int) []string {
	rng := rand.New(rand.NewPCG(7, 11))
	names := []string{"山田太郎", "佐藤花子", "鈴木一郎", "高橋美咲", "田中健太"}
	forms := []string{
		"%d年%d組の%sさんは、本日の学級活動で係の仕事を最後までやり遂げました。",
		"%d年%d組 %s 保護者連絡先：090-%04d-%04d（母）",
		"%d月%d日の家庭訪問では、%sさんの生活の様子について話しました。",
		"生年月日：平成%d年%d月%d日 %s 通学路は前橋市大手町二丁目です。",
		"%d時間目の授業で%sさんが発表し、%d人の生徒が感想を述べました。",
		"住所 〒371-%04d 群馬県前橋市大手町%d-%d %s",
	}
	lines := make([]string, n)
	for i := range lines {
		name := names[rng.IntN(len(names))]
		a, b, c := 1+rng.IntN(6), 1+rng.IntN(9), rng.IntN(10000)
		switch k := rng.IntN(len(forms)); k {
		case 0, 2:
			lines[i] = fmt.Sprintf(forms[k], a, b, name)
		case 1:
			lines[i] = fmt.Sprintf(forms[k], a, b, name, c, rng.IntN(10000))
		case 3:
			lines[i] = fmt.Sprintf(forms[k], 10+a, b, 1+c%28, name)
		case 4:
			lines[i] = fmt.Sprintf(forms[k], a, name, b)
		default:
			lines[i] = fmt.Sprintf(forms[k], c, a, b, name)
		}
	}
	return lines
}

func BenchmarkFindText(b *testing.B) {
	lines := rosterLines(1000)
	d := New(Builtin())
	b.SetBytes(int64(len(strings.Join(lines, ""))))
	var dst []Match
	b.ReportAllocs()
	for b.Loop() {
		for _, l := range lines {
			_, dst = d.FindText(l, dst[:0])
		}
	}
}

func BenchmarkFold(b *testing.B) {
	cases := map[string]string{
		"ascii":     strings.Repeat("Tel 090-1234-5678 taro@example.jp ", 30),
		"kanji":     strings.Join(rosterLines(50), ""),
		"fullwidth": strings.Repeat("ＴＥＬ：０９０－１２３４－５６７８　ﾔﾏﾀﾞ ", 30),
	}
	for name, s := range cases {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(s)))
			for b.Loop() {
				_ = Fold(s)
			}
		})
	}
}
