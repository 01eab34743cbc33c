package detect

import "strings"

// phoneRule finds Japanese telephone numbers: mobile (070/080/090) and IP
// (050) numbers of 11 digits, fixed lines of 10 digits grouped after a real
// area-code length, in +81 form too. Free dial and navi dial numbers
// (0120, 0800, 0570, 0180, 0990) belong to businesses and never match.
type phoneRule struct{}

var (
	phoneFilter  = Prefilter{MinDigits: 10}
	phoneContext = []string{"電話", "TEL", "☎", "℡", "携帯", "連絡先", "自宅", "FAX"}
	phoneHeaders = []string{"電話", "電話番号", "TEL", "連絡先", "携帯", "携帯電話", "携帯番号", "自宅電話",
		"緊急連絡先", "phone", "phone number", "telephone", "保護者連絡先", "連絡先電話番号", "FAX"}
)

// phoneContextRunes is how far before an unseparated 10-digit number a
// phone keyword may stand.
const phoneContextRunes = 15

func (phoneRule) ID() string           { return "phone" }
func (phoneRule) Category() Category   { return Phone }
func (phoneRule) Prefilter() Prefilter { return phoneFilter }
func (phoneRule) Headers() []string    { return phoneHeaders }

// Find appends the phone numbers in s.
func (phoneRule) Find(s string, dst []Match) []Match {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) || i > 0 && isDigit(s[i-1]) {
			continue
		}
		if m, ok := phoneAt(s, i); ok {
			if !businessLine(s, m.End) {
				dst = append(dst, m)
			}
			i = m.End - 1
		}
	}
	return dst
}

// businessMarks after a number say it is an organisation's switchboard, as
// press releases and notices write it: 027-224-1111（代表） 内線1234.
var businessMarks = []string{"代表", "内線"}

// businessLineRunes is how far after a number a business mark may stand.
const businessLineRunes = 4

// businessLine reports whether the number ending at end is a business line.
func businessLine(s string, end int) bool {
	return keywordAfter(s, end, businessLineRunes, businessMarks)
}

// phoneAt reads a phone number whose first digit run starts at s[i].
func phoneAt(s string, i int) (Match, bool) {
	start, j, intl := i, i, false
	if i > 0 && s[i-1] == '+' {
		var ok bool
		if j, ok = afterCountryCode(s, i); !ok {
			return Match{}, false
		}
		start, intl = i-1, true
	}
	nb := readNumber(s, j, allowDash|allowSpace|allowParen)
	lead := !intl && i > 0 && s[i-1] == '(' && nb.n > 1 && nb.gap[0] == gapClose // (03)1234-5678
	if lead {
		start = i - 1
	}
	all, beforeSpace := nb.cuts()
	for _, k := range [2]int{all, beforeSpace} {
		if k == 0 {
			continue
		}
		var buf [16]byte
		d, ok := phoneGroups(s, &nb, k, buf[:0], lead, intl)
		end := nb.grp[k-1].end
		space := nb.hasSpace(k)
		if !ok || continuesBefore(s, start, space) || continuesAfter(s, end, space) {
			continue
		}
		if k == 1 && len(d) == 10 && !intl && !keywordBefore(s, start, phoneContextRunes, 0, phoneContext) {
			continue
		}
		return Match{Category: Phone, Rule: "phone", Start: start, End: end, Value: string(d)}, true
	}
	return Match{}, false
}

// afterCountryCode reads "81", a separator, an optional "(0)" and another
// separator after a '+' at s[i-1], returning where the national number starts.
func afterCountryCode(s string, i int) (int, bool) {
	if !strings.HasPrefix(s[i:], "81") {
		return 0, false
	}
	j := skipPhoneSep(s, i+2)
	if strings.HasPrefix(s[j:], "(0)") {
		j = skipPhoneSep(s, j+3)
	}
	return j, j < len(s) && isDigit(s[j]) && (j > i+2 || s[j] != '0')
}

// skipPhoneSep skips one space or dash at s[j].
func skipPhoneSep(s string, j int) int {
	if j < len(s) && s[j] == ' ' {
		return j + 1
	}
	return j + dashLen(s, j)
}

// phoneGroups appends to d the national digits of the first k groups of nb
// and reports whether they are a phone number written in a strict form.
func phoneGroups(s string, nb *number, k int, d []byte, lead, intl bool) ([]byte, bool) {
	first := nb.grp[0].end - nb.grp[0].start
	if intl && s[nb.grp[0].start] != '0' {
		d = append(d, '0')
		first++
	}
	d = nb.appendDigits(d, s, k)
	if !validPhone(d) {
		return d, false
	}
	switch k {
	case 1:
		return d, !lead
	case 3:
		g := func(n int) int { return nb.grp[n].end - nb.grp[n].start }
		return d, parensBalanced(nb, lead) && phoneShape(d, first, g(1), g(2))
	}
	return d, false
}

// parensBalanced checks the parentheses of a three-group number:
// (03)1234-5678 or 03(1234)5678, or none.
func parensBalanced(nb *number, lead bool) bool {
	plain := func(g uint8) bool { return g == gapDash || g == gapSpace }
	switch {
	case lead:
		return nb.gap[0] == gapClose && plain(nb.gap[1])
	case nb.gap[0] == gapOpen:
		return nb.gap[1] == gapClose
	}
	return plain(nb.gap[0]) && plain(nb.gap[1])
}

// phoneShape checks the group lengths a-b-c of the number d: the last group
// has 4 digits, an 11-digit number is 3-4-4, and a fixed line's area code
// (with its 0) has 2 (03, 04, 06 only), 3, 4 or 5 digits.
func phoneShape(d []byte, a, b, c int) bool {
	if c != 4 {
		return false
	}
	if len(d) == 11 {
		return a == 3 && b == 4
	}
	switch a {
	case 2:
		return b == 4 && (d[1] == '3' || d[1] == '4' || d[1] == '6')
	case 3, 4, 5:
		return a+b == 6
	}
	return false
}

// validPhone reports whether d, digits only, is a personal phone number:
// 050/070/080/090 and 8 digits, or 0 and 9 digits with no 0 in the second
// or third place (those prefixes are not geographic) and no business prefix.
func validPhone(d []byte) bool {
	switch len(d) {
	case 11:
		return d[0] == '0' && d[2] == '0' && (d[1] == '5' || d[1] == '7' || d[1] == '8' || d[1] == '9')
	case 10:
		return d[0] == '0' && d[1] != '0' && d[2] != '0' && !businessPhone(string(d[:4]))
	}
	return false
}

// businessPhone reports whether a 10-digit number with this 4-digit prefix
// is free dial or navi dial (0800 is excluded by its third digit).
func businessPhone(prefix string) bool {
	switch prefix {
	case "0120", "0570", "0180", "0990":
		return true
	}
	return false
}

// Value accepts a cell holding one phone number. Under a phone header any
// separators may be used; otherwise only the strict forms of prose count
// (an unseparated 10-digit number needs the header).
func (phoneRule) Value(v string, header bool) (string, bool) {
	if header {
		return looseDigits(v)
	}
	i := strings.IndexAny(v, "0123456789")
	if i < 0 {
		return "", false
	}
	m, ok := phoneAt(v, i)
	if !ok || m.Start != 0 || m.End != len(v) {
		return "", false
	}
	return m.Value, true
}

// looseDigits reads a phone number written with any of the separators
// people use ('-', dashes, spaces, parentheses, '.', '/') and a +81 prefix.
func looseDigits(v string) (string, bool) {
	var buf [16]byte
	d := buf[:0]
	if rest, ok := strings.CutPrefix(v, "+81"); ok {
		v = rest
		d = append(d, '0')
	}
	for i := 0; i < len(v); {
		switch c := v[i]; {
		case isDigit(c):
			if len(d) == len(buf) {
				return "", false
			}
			d = append(d, c)
		case c == ' ' || c == '(' || c == ')' || c == '.' || c == '/':
		case dashLen(v, i) > 0:
			i += dashLen(v, i)
			continue
		default:
			return "", false
		}
		i++
	}
	if len(d) == 12 && d[0] == '0' && d[1] == '0' { // +81 (0)90...
		d = append(d[:1], d[2:]...)
	}
	if !validPhone(d) {
		return "", false
	}
	return string(d), true
}

// Mask keeps the prefix of an 11-digit number (it only tells mobile from IP)
// and the last two digits: 090-****-**78.
// The middle group is hidden, as issue 3 asks: 090-1234-5678 becomes
// 090-****-5678 and 0272241111 becomes 027-***-1111, so a reader sees the
// kind of line (mobile, area) and can match it against a known number.
func (phoneRule) Mask(norm string) string {
	if strings.Trim(norm, "0123456789") != "" {
		return MaskDigits(norm, 2)
	}
	switch len(norm) {
	case 11:
		return guard(norm[:3]+"-****-"+norm[7:], norm)
	case 10:
		return guard(norm[:3]+"-***-"+norm[6:], norm)
	}
	return MaskDigits(norm, 2)
}

// Examples of the phone rule.
func (phoneRule) Examples() []Example {
	return []Example{
		{Text: "保護者連絡先：090-1234-5678（母）", Want: true},
		{Text: "携帯08012345678までご連絡ください", Want: true},
		{Text: "ＴＥＬ　０２７－２２４－１１１１", Want: true},
		{Text: "自宅電話0272241111", Want: true},
		{Text: "03(1234)5678に電話", Want: true},
		{Text: "(03)1234-5678へ", Want: true},
		{Text: "（090-1234-5678）", Want: true},
		{Text: "父 +81-90-1234-5678", Want: true},
		{Text: "+81 3-1234-5678", Want: true},
		{Text: "+81(0)90-1234-5678", Want: true},
		{Text: "090ー1234ー5678", Want: true},
		{Text: "0276-12-3456に連絡", Want: true},
		{Text: "01267-2-3456", Want: true},
		{Text: "母090 1234 5678父", Want: true},
		{Text: "050-1234-5678と090-2345-6789", Want: true},
		{Text: "フリーダイヤル0120-123-456", Want: false},
		{Text: "学校教育課 電話 027-224-1111（代表） 内線1234", Want: false},
		{Text: "電話 027-224-1111 内線 215", Want: false},
		{Text: "ナビダイヤル 0570-012-345", Want: false},
		{Text: "0800-123-4567（無料）", Want: false},
		{Text: "番号123456789012の件", Want: false},
		{Text: "2010-04-01 入学", Want: false},
		{Text: "商品コード12345678を注文", Want: false},
		{Text: "受付番号0272241111", Want: false},
		{Text: "ID 090-1234-5678-9", Want: false},
		{Text: "部品 12-3456-7890", Want: false},
		{Text: "合計1,234,567,890円", Want: false},
		{Text: "03-12345678", Want: false},
		{Text: "090-1234-5678", Cell: true, Want: true},
		{Text: "(03)1234-5678", Cell: true, Want: true},
		{Text: "0272241111", Cell: true, Want: false},
		{Text: "0272241111", Cell: true, Header: true, Want: true},
		{Text: "03.1234.5678", Cell: true, Header: true, Want: true},
		{Text: "+81 90 1234 5678", Cell: true, Header: true, Want: true},
		{Text: "0120-123-456", Cell: true, Header: true, Want: false},
		{Text: "123-4567", Cell: true, Header: true, Want: false},
		{Text: "090-1234-5678(携帯)", Cell: true, Want: false},
	}
}
