package detect

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// Fold returns s width-folded the way golang.org/x/text/width.Fold does:
// 全角英数・記号 become half width and 半角カナ full width. It maps rune for
// rune, so the n-th rune of the result is the fold of the n-th rune of s and
// rune positions found in the result index s; byte offsets may differ.
// Invalid UTF-8 bytes are kept as they are. Text with nothing to fold (ASCII,
// mostly kanji) is returned as is without allocating.
//
// Only U+3000 and U+FF01–U+FFEE change under the fold (fold_test.go checks
// this against width.Fold for every rune), so Fold looks at nothing else.
func Fold(s string) string {
	i := nextFoldable(s, 0)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	last := 0
	for i >= 0 {
		r, n := utf8.DecodeRuneInString(s[i:])
		b.WriteString(s[last:i])
		b.WriteRune(foldRune(r))
		last = i + n
		i = nextFoldable(s, last)
	}
	b.WriteString(s[last:])
	return b.String()
}

// nextFoldable returns the byte index of the first rune at or after from
// that Fold changes, or -1.
func nextFoldable(s string, from int) int {
	for i := from; i < len(s); i++ {
		switch s[i] {
		case 0xE3: // U+3000 is E3 80 80
			if i+2 < len(s) && s[i+1] == 0x80 && s[i+2] == 0x80 {
				return i
			}
		case 0xEF: // U+FF01..U+FFEE are EF BC 81 .. EF BF AE
			if i+2 < len(s) && s[i+1] >= 0xBC && s[i+2] >= 0x80 && s[i+2] <= 0xBF &&
				foldable(rune(s[i+1]&0x3F)<<6|rune(s[i+2]&0x3F)|0xF000) {
				return i
			}
		}
	}
	return -1
}

// foldable reports whether Fold changes r.
func foldable(r rune) bool {
	if r == 0x3000 {
		return true
	}
	return r >= 0xFF01 && r <= 0xFFEE && width.LookupRune(r).Folded() != 0
}

// foldRune returns the fold of one rune.
func foldRune(r rune) rune {
	switch {
	case r == 0x3000:
		return ' '
	case r >= 0xFF01 && r <= 0xFF5E:
		return r - 0xFEE0
	}
	if f := width.LookupRune(r).Folded(); f != 0 {
		return f
	}
	return r
}
