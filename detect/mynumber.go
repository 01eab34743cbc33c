package detect

import "strings"

// myNumberRule finds 個人番号 (My Number): 12 digits, or 4-4-4 with spaces
// or hyphens, whose check digit is right. In prose a keyword must stand
// within myNumberContextRunes of the number.
type myNumberRule struct{}

var (
	myNumberFilter = Prefilter{MinDigits: 12, AnyOf: []string{"マイナンバー", "個人番号", "番号カード",
		"my number", "My Number", "MY NUMBER", "My number", "mynumber", "MyNumber", "MYNUMBER"}}
	myNumberContext = []string{"マイナンバー", "個人番号", "番号カード", "my number", "mynumber"}
	myNumberHeaders = []string{"個人番号", "マイナンバー", "my number", "mynumber"}
)

const myNumberContextRunes = 20

func (myNumberRule) ID() string           { return "mynumber" }
func (myNumberRule) Category() Category   { return MyNumber }
func (myNumberRule) Prefilter() Prefilter { return myNumberFilter }
func (myNumberRule) Headers() []string    { return myNumberHeaders }

// Find appends the My Numbers in s.
func (myNumberRule) Find(s string, dst []Match) []Match {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) || i > 0 && isDigit(s[i-1]) {
			continue
		}
		nb := readNumber(s, i, allowDash|allowSpace)
		all, beforeSpace := nb.cuts()
		for _, k := range [2]int{all, beforeSpace} {
			norm, ok := myNumberOf(s, &nb, k)
			if !ok || !nb.bounded(s, k) {
				continue
			}
			end := nb.grp[k-1].end
			if keywordBefore(s, i, myNumberContextRunes, 0, myNumberContext) ||
				keywordAfter(s, end, myNumberContextRunes, myNumberContext) {
				dst = append(dst, Match{Category: MyNumber, Rule: "mynumber", Start: i, End: end, Value: norm})
				i = end - 1
				break
			}
		}
	}
	return dst
}

// keywordAfter reports whether one of kws occurs in the n runes after i.
func keywordAfter(s string, i, n int, kws []string) bool {
	j := i
	for ; j < len(s) && n > 0; n-- {
		j++
		for j < len(s) && s[j]&0xC0 == 0x80 {
			j++
		}
	}
	return containsAny(s[i:j], kws)
}

// myNumberOf returns the digits of the first k groups of nb when they are
// 12 digits or 4-4-4 with one kind of separator, and the check digit holds.
func myNumberOf(s string, nb *number, k int) (string, bool) {
	if k == 0 || !nb.lens(k, 12) && !(nb.lens(k, 4, 4, 4) && nb.gap[0] == nb.gap[1]) {
		return "", false
	}
	var buf [12]byte
	d := nb.appendDigits(buf[:0], s, k)
	if !myNumberValid(d) {
		return "", false
	}
	return string(d), true
}

// myNumberValid checks the check digit of a 12-digit My Number, per 行政手続
// における特定の個人を識別するための番号の利用等に関する法律施行令 第8条:
// with Pn the n-th digit from the right excluding the check digit and Qn =
// n+1 for n ≤ 6, n-5 for n ≥ 7, the check digit is 11 - (ΣPn×Qn mod 11),
// or 0 when the remainder is 0 or 1. Numbers of one repeated digit are
// rejected (000000000000 passes the formula but is a placeholder).
func myNumberValid(d []byte) bool {
	if len(d) != 12 || allSame(d) {
		return false
	}
	sum := 0
	for n := 1; n <= 11; n++ {
		p := int(d[11-n] - '0')
		q := n + 1
		if n >= 7 {
			q = n - 5
		}
		sum += p * q
	}
	check := 0
	if r := sum % 11; r > 1 {
		check = 11 - r
	}
	return int(d[11]-'0') == check
}

// allSame reports whether d is one byte repeated.
func allSame(d []byte) bool {
	for _, c := range d {
		if c != d[0] {
			return false
		}
	}
	return true
}

// Value accepts a cell holding one My Number with a valid check digit.
func (myNumberRule) Value(v string, header bool) (string, bool) {
	if v == "" || !isDigit(v[0]) {
		return "", false
	}
	nb := readNumber(v, 0, allowDash|allowSpace)
	norm, ok := myNumberOf(v, &nb, nb.n)
	return norm, ok && !nb.more && nb.grp[nb.n-1].end == len(v)
}

// Mask hides every digit: ****-****-****.
func (myNumberRule) Mask(norm string) string {
	if len(norm) == 12 && strings.Trim(norm, "0123456789") == "" {
		return "****-****-****"
	}
	return MaskDigits(norm, 0)
}

// Examples of the My Number rule (123456789018 has a valid check digit).
func (myNumberRule) Examples() []Example {
	return []Example{
		{Text: "マイナンバー：123456789018", Want: true},
		{Text: "個人番号 1234-5678-9018 を記入", Want: true},
		{Text: "123456789018（個人番号）", Want: true},
		{Text: "My Number 1234 5678 9018", Want: true},
		{Text: "ｍｙ　ｎｕｍｂｅｒ：１２３４５６７８９０１８", Want: true},
		{Text: "マイナンバー：123456789012", Want: false},
		{Text: "伝票番号 123456789018", Want: false},
		{Text: "マイナンバー 1234567890189", Want: false},
		{Text: "個人番号 000000000000", Want: false},
		{Text: "マイナンバーカード申請 1234-5678-9018-5555", Want: false},
		{Text: "123456789018", Cell: true, Header: true, Want: true},
		{Text: "1234-5678-9018", Cell: true, Want: true},
		{Text: "1234-5678 9018", Cell: true, Want: false},
		{Text: "123456789012", Cell: true, Header: true, Want: false},
	}
}
