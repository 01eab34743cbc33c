package scan

import (
	"strconv"
	"strings"
)

// Spreadsheets often keep phone numbers, postal codes and account numbers
// as numbers under a format that puts back their leading zeros
// (00000000000, 000-0000-0000, 0000000): shown as a bare number,
// 09012345678 would read 9012345678 and no longer be a phone number. A
// cell whose format is only digit placeholders and separators is shown as
// the format shows it.

// maxDigitFormat bounds the format codes taken as digit patterns.
const maxDigitFormat = 32

// sheetDigitFormat returns the positive section of a number format when it
// is made of digit placeholders (0 and #) and the separators - ( ) and
// space, with at least one 0, and "" otherwise. Escaped (\-) and quoted
// ("-") separators are unescaped.
func sheetDigitFormat(code string) string {
	if i := strings.IndexByte(code, ';'); i >= 0 {
		code = code[:i]
	}
	var b strings.Builder
	zero := false
	for i := 0; i < len(code); i++ {
		c := code[i]
		switch {
		case c == '0':
			zero = true
			b.WriteByte(c)
		case c == '#' || c == '-' || c == '(' || c == ')' || c == ' ':
			b.WriteByte(c)
		case c == '\\' && i+1 < len(code) && strings.IndexByte("-() ", code[i+1]) >= 0:
			i++
			b.WriteByte(code[i])
		case c == '"':
			j := strings.IndexByte(code[i+1:], '"')
			if j < 0 || strings.Trim(code[i+1:i+1+j], "-() ") != "" {
				return ""
			}
			b.WriteString(code[i+1 : i+1+j])
			i += j + 1
		default:
			return ""
		}
	}
	if !zero || b.Len() > maxDigitFormat {
		return ""
	}
	return b.String()
}

// sheetPadDigits shows a stored number under a digit pattern: the number's
// digits fill the placeholders from the right, unfilled 0s show as 0,
// unfilled #s and the separators before them as nothing. Only non-negative
// whole numbers are shown so; others are left to the general format.
func sheetPadDigits(v, pattern string) (string, bool) {
	v = strings.TrimSpace(v)
	if strings.ContainsAny(v, ".eE") {
		x, err := strconv.ParseFloat(v, 64)
		if err != nil || x < 0 || x != float64(int64(x)) || x >= 1e15 {
			return "", false
		}
		v = strconv.FormatInt(int64(x), 10)
	}
	if v == "" || strings.Trim(v, "0123456789") != "" {
		return "", false
	}
	digits := strings.TrimLeft(v, "0")
	out := make([]byte, 0, len(pattern)+len(digits))
	var held []byte // separators waiting to see whether a digit comes before them
	for i := len(pattern) - 1; i >= 0; i-- {
		switch c := pattern[i]; c {
		case '0', '#':
			var d byte
			switch {
			case len(digits) > 0:
				d, digits = digits[len(digits)-1], digits[:len(digits)-1]
			case c == '0':
				d = '0'
			default:
				continue
			}
			out = append(out, held...)
			held = held[:0]
			out = append(out, d)
		default:
			held = append(held, c)
		}
	}
	for i := len(digits) - 1; i >= 0; i-- { // more digits than placeholders
		out = append(out, digits[i])
	}
	if strings.IndexByte(string(held), '(') >= 0 { // "(000) 000-0000": the parenthesis opens before the digits
		out = append(out, '(')
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return string(out), true
}
