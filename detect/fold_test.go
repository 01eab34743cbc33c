package detect

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// TestFoldEveryRune pins that Fold equals width.Fold and keeps one rune per
// rune, for every valid rune.
func TestFoldEveryRune(t *testing.T) {
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		s := string(r)
		got, want := Fold(s), width.Fold.String(s)
		if got != want {
			t.Fatalf("Fold(%U) = %q, width.Fold = %q", r, got, want)
		}
		if utf8.RuneCountInString(got) != 1 {
			t.Fatalf("Fold(%U) has %d runes", r, utf8.RuneCountInString(got))
		}
	}
}

func TestFoldStrings(t *testing.T) {
	cases := map[string]struct{ in, want string }{
		"ascii":       {"abc 123", "abc 123"},
		"fullwidth":   {"ＴＥＬ：０９０－１２３４", "TEL:090-1234"},
		"ideographic": {"山田\u3000太郎", "山田 太郎"},
		"halfkana":    {"ﾔﾏﾀﾞ ﾀﾛｳ", "ヤマタ\u3099 タロウ"},
		"kanji":       {"生年月日（和暦）", "生年月日(和暦)"},
		"invalid":     {"a\xff\xef\xbc", "a\xff\xef\xbc"},
		"mixed":       {"〒１２３-4567 ｶ", "〒123-4567 カ"},
	}
	for name, c := range cases {
		got := Fold(c.in)
		if got != c.want {
			t.Errorf("%s: Fold = %q, want %q", name, got, c.want)
		}
		if got != width.Fold.String(c.in) {
			t.Errorf("%s: Fold differs from width.Fold", name)
		}
		if utf8.RuneCountInString(got) != utf8.RuneCountInString(c.in) {
			t.Errorf("%s: rune count changed", name)
		}
	}
}

func TestFoldNoAlloc(t *testing.T) {
	for _, s := range []string{"plain ascii text 123", strings.Repeat("生徒の名簿です。", 10)} {
		if n := testing.AllocsPerRun(100, func() { _ = Fold(s) }); n != 0 {
			t.Errorf("Fold allocates %v times on text with nothing to fold", n)
		}
	}
}
