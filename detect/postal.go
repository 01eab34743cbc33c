package detect

import "strings"

// postalRule finds 郵便番号: 〒123-4567, 〒1234567, 郵便番号 123-4567. A bare
// number counts only after 〒, 郵便 (郵便番号), postal or ZIP close before it.
type postalRule struct{}

var (
	postalFilter  = Prefilter{MinDigits: 7, AnyOf: []string{"〒", "郵便", "postal", "Postal", "POSTAL", "zip", "ZIP", "Zip"}}
	postalContext = []string{"〒", "郵便", "postal", "zip"}
	postalHeaders = []string{"郵便番号", "〒", "郵便", "zip", "zip code", "postal code", "postcode"}
)

// postalContextRunes is how far before the number a keyword may stand.
const postalContextRunes = 10

func (postalRule) ID() string           { return "postal" }
func (postalRule) Category() Category   { return Address }
func (postalRule) Prefilter() Prefilter { return postalFilter }
func (postalRule) Headers() []string    { return postalHeaders }

// Find appends the postal codes in s.
func (postalRule) Find(s string, dst []Match) []Match {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) || i > 0 && isDigit(s[i-1]) {
			continue
		}
		nb := readNumber(s, i, allowDash)
		norm, ok := postalCode(s, &nb, true)
		if ok && nb.bounded(s, nb.n) && keywordBefore(s, i, postalContextRunes, 0, postalContext) {
			end := nb.grp[nb.n-1].end
			dst = append(dst, Match{Category: Address, Rule: "postal", Start: i, End: end, Value: norm})
			i = end - 1
		}
	}
	return dst
}

// postalCode returns the digits of nb when it is NNN-NNNN or, when bare is
// set, NNNNNNN.
func postalCode(s string, nb *number, bare bool) (string, bool) {
	if nb.more || !nb.lens(nb.n, 3, 4) && !(bare && nb.lens(nb.n, 7)) {
		return "", false
	}
	var buf [7]byte
	return string(nb.appendDigits(buf[:0], s, nb.n)), true
}

// Value accepts NNN-NNNN, after an optional 〒; under a postal header also
// seven bare digits.
func (postalRule) Value(v string, header bool) (string, bool) {
	v = strings.TrimLeft(strings.TrimPrefix(v, "〒"), " ")
	if v == "" || !isDigit(v[0]) {
		return "", false
	}
	nb := readNumber(v, 0, allowDash)
	norm, ok := postalCode(v, &nb, header)
	return norm, ok && nb.grp[nb.n-1].end == len(v)
}

// Mask keeps the first digit, which names only a broad region: 3**-****.
func (postalRule) Mask(norm string) string {
	if len(norm) == 7 && strings.Trim(norm, "0123456789") == "" {
		return guard(norm[:1]+"**-****", norm)
	}
	return MaskDigits(norm, 0)
}

// Examples of the postal rule.
func (postalRule) Examples() []Example {
	return []Example{
		{Text: "〒371-0026 群馬県前橋市大手町", Want: true},
		{Text: "住所〒3710026前橋市", Want: true},
		{Text: "郵便番号 371-0026", Want: true},
		{Text: "〒 371-0026", Want: true},
		{Text: "〒３７１‐００２６", Want: true},
		{Text: "ZIP: 371-0026", Want: true},
		{Text: "品番 371-0026 を発注", Want: false},
		{Text: "〒371-0026-1", Want: false},
		{Text: "郵便番号 12-3456", Want: false},
		{Text: "郵便物 3件 電話027-224-1111", Want: false},
		{Text: "371-0026", Cell: true, Want: true},
		{Text: "〒371-0026", Cell: true, Want: true},
		{Text: "3710026", Cell: true, Want: false},
		{Text: "3710026", Cell: true, Header: true, Want: true},
		{Text: "371-00267", Cell: true, Header: true, Want: false},
	}
}
