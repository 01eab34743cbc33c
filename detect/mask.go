package detect

import (
	"strings"
	"unicode/utf8"
)

// MaskDigits returns s with its ASCII digits replaced by '*' but for the
// last keep of them; other characters (separators) stay, so the mask keeps
// the value's shape. It shows fewer digits than s holds, and never returns
// a string that equals or contains s.
func MaskDigits(s string, keep int) string {
	digits := 0
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			digits++
		}
	}
	keep = max(0, min(keep, digits-1))
	b := []byte(s)
	hide := digits - keep
	for i := 0; i < len(b) && hide > 0; i++ {
		if isDigit(b[i]) {
			b[i] = '*'
			hide--
		}
	}
	return guard(string(b), s)
}

// MaskText keeps the first character of each space-separated word of s and
// replaces the others with '*': "山田 太郎" becomes "山* 太*". A word of one
// character becomes "*". It never returns a string that equals or contains
// s (for s not empty).
func MaskText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i, w := range strings.Split(s, " ") {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(maskWord(w))
	}
	return guard(b.String(), s)
}

// maskWord keeps the first rune of a word of two or more runes.
func maskWord(w string) string {
	n := utf8.RuneCountInString(w)
	if n < 2 {
		return strings.Repeat("*", n)
	}
	_, size := utf8.DecodeRuneInString(w)
	return w[:size] + strings.Repeat("*", n-1)
}

// guard returns mask, unless it equals or contains value: then a run of a
// filler character that value lacks.
func guard(mask, value string) string {
	if value == "" || !strings.Contains(mask, value) {
		return mask
	}
	for _, f := range "*#?x" {
		if !strings.ContainsRune(value, f) {
			return strings.Repeat(string(f), max(3, utf8.RuneCountInString(value)))
		}
	}
	return "***" // value holds '#', so it is not in "***"
}
