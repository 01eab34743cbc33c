package detect

import "strings"

// creditCardRule finds payment card numbers: 13 to 19 digits, bare or in
// groups of four (Amex 4-6-5, Diners 4-6-4), Luhn-valid and within a known
// issuer's range and length.
type creditCardRule struct{}

var (
	creditCardFilter  = Prefilter{MinDigits: 13}
	creditCardHeaders = []string{"カード番号", "クレジットカード", "クレジットカード番号", "card number", "credit card", "card no"}
)

func (creditCardRule) ID() string           { return "creditcard" }
func (creditCardRule) Category() Category   { return CreditCard }
func (creditCardRule) Prefilter() Prefilter { return creditCardFilter }
func (creditCardRule) Headers() []string    { return creditCardHeaders }

// Find appends the card numbers in s.
func (creditCardRule) Find(s string, dst []Match) []Match {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) || i > 0 && isDigit(s[i-1]) {
			continue
		}
		nb := readNumber(s, i, allowDash|allowSpace)
		all, beforeSpace := nb.cuts()
		for _, k := range [2]int{all, beforeSpace} {
			if norm, ok := cardOf(s, &nb, k); ok && nb.bounded(s, k) {
				end := nb.grp[k-1].end
				dst = append(dst, Match{Category: CreditCard, Rule: "creditcard", Start: i, End: end, Value: norm})
				i = end - 1
				break
			}
		}
	}
	return dst
}

// cardOf returns the digits of the first k groups of nb when they form a
// card number.
func cardOf(s string, nb *number, k int) (string, bool) {
	if k == 0 || !cardGroups(nb, k) {
		return "", false
	}
	var buf [maxGroups * 19]byte
	d := nb.appendDigits(buf[:0], s, k)
	if len(d) < 13 || len(d) > 19 || allSame(d) || !cardIssuer(d) || !luhn(d) {
		return "", false
	}
	return string(d), true
}

// cardGroups checks the grouping: one run, groups of four with a shorter
// last group, or 4-6-5 / 4-6-4.
func cardGroups(nb *number, k int) bool {
	if k == 1 || nb.lens(k, 4, 6, 5) || nb.lens(k, 4, 6, 4) {
		return true
	}
	if k < 4 {
		return false
	}
	for g := 0; g < k-1; g++ {
		if nb.grp[g].end-nb.grp[g].start != 4 {
			return false
		}
	}
	return nb.grp[k-1].end-nb.grp[k-1].start <= 4
}

// cardIssuer reports whether d lies in a known issuer's range with one of
// its lengths.
func cardIssuer(d []byte) bool {
	n := len(d)
	p2, p3, p4 := atoi(d[:2]), atoi(d[:3]), atoi(d[:4])
	switch {
	case d[0] == '4': // Visa; 13-digit cards are long gone and 13 digits from 45/49 are JAN codes
		return n == 16 || n == 19
	case p2 >= 51 && p2 <= 55 || p4 >= 2221 && p4 <= 2720: // Mastercard
		return n == 16
	case p2 == 34 || p2 == 37: // American Express
		return n == 15
	case p4 >= 3528 && p4 <= 3589: // JCB
		return n >= 16
	case p2 == 36 || p2 == 38 || p2 == 39 || p3 >= 300 && p3 <= 305: // Diners Club
		return n >= 14
	case p4 == 6011 || p2 == 65 || p3 >= 644 && p3 <= 649: // Discover
		return n >= 16
	case p2 == 62: // UnionPay
		return n >= 16
	}
	return false
}

// atoi reads ASCII digits.
func atoi(d []byte) int {
	v := 0
	for _, c := range d {
		v = v*10 + int(c-'0')
	}
	return v
}

// luhn checks the Luhn checksum of d.
func luhn(d []byte) bool {
	sum := 0
	for i := len(d) - 1; i >= 0; i -= 2 {
		sum += int(d[i] - '0')
	}
	for i := len(d) - 2; i >= 0; i -= 2 {
		v := 2 * int(d[i]-'0')
		sum += v/10 + v%10
	}
	return sum%10 == 0
}

// Value accepts a cell holding one card number.
func (creditCardRule) Value(v string, header bool) (string, bool) {
	if v == "" || !isDigit(v[0]) {
		return "", false
	}
	nb := readNumber(v, 0, allowDash|allowSpace)
	norm, ok := cardOf(v, &nb, nb.n)
	return norm, ok && !nb.more && nb.grp[nb.n-1].end == len(v)
}

// Mask shows the last two digits in groups of four: ****-****-****-**11.
func (creditCardRule) Mask(norm string) string {
	var b strings.Builder
	for i := 0; i < len(norm); i++ {
		if i > 0 && i%4 == 0 {
			b.WriteByte('-')
		}
		b.WriteByte(norm[i])
	}
	return guard(MaskDigits(b.String(), 2), norm)
}

// Examples of the card rule (well-known test numbers).
func (creditCardRule) Examples() []Example {
	return []Example{
		{Text: "カード番号 4111 1111 1111 1111 有効期限12/29", Want: true},
		{Text: "引落し用5555-5555-5555-4444", Want: true},
		{Text: "ＪＣＢ：３５３０１１１３３３３０００００", Want: true},
		{Text: "Amex 3782-822463-10005", Want: true},
		{Text: "Diners 30569309025904", Want: true},
		{Text: "6011111111111117で決済", Want: true},
		{Text: "4111 1111 1111 1111 と 5555 5555 5555 4444", Want: true},
		{Text: "注文番号4111111111111112", Want: false},
		{Text: "JANコード 4901234567894", Want: false},
		{Text: "1234567890123456", Want: false},
		{Text: "4111-1111-1111-1111-1", Want: false},
		{Text: "0000 0000 0000 0000", Want: false},
		{Text: "4111 1111 1111 1111", Cell: true, Want: true},
		{Text: "4111111111111111", Cell: true, Header: true, Want: true},
		{Text: "4111111111111112", Cell: true, Header: true, Want: false},
		{Text: "4111-1111", Cell: true, Header: true, Want: false},
	}
}
