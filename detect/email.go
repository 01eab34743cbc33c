package detect

import "strings"

// emailRule finds e-mail addresses with a hand-written scanner: from each
// '@' it widens over the characters an address may hold, then checks that
// the domain has a dot and a top-level label of two or more letters.
type emailRule struct{}

var (
	emailFilter  = Prefilter{AnyOf: []string{"@"}}
	emailHeaders = []string{"メール", "メールアドレス", "メアド", "mail", "e-mail", "email", "Eメール", "連絡先メール", "mail address"}
)

// Limits of RFC 5321 on the two halves of an address.
const (
	maxLocal  = 64
	maxDomain = 253
)

func (emailRule) ID() string           { return "email" }
func (emailRule) Category() Category   { return Email }
func (emailRule) Prefilter() Prefilter { return emailFilter }
func (emailRule) Headers() []string    { return emailHeaders }

// Find appends the addresses in s.
func (emailRule) Find(s string, dst []Match) []Match {
	for from := 0; from < len(s); {
		a := strings.IndexByte(s[from:], '@')
		if a < 0 {
			break
		}
		a += from
		start, end, ok := emailAt(s, a, from)
		if !ok {
			from = a + 1
			continue
		}
		dst = append(dst, Match{Category: Email, Rule: "email", Start: start, End: end, Value: s[start:end]})
		from = end
	}
	return dst
}

// Value accepts a cell that is one address and nothing else.
func (emailRule) Value(v string, header bool) (string, bool) {
	a := strings.IndexByte(v, '@')
	if a < 0 {
		return "", false
	}
	if start, end, ok := emailAt(v, a, 0); !ok || start != 0 || end != len(v) {
		return "", false
	}
	return v, true
}

// emailAt returns the address around the '@' at s[a], starting no earlier
// than lo.
func emailAt(s string, a, lo int) (start, end int, ok bool) {
	start = a
	for start > lo && a-start < maxLocal && isLocalByte(s[start-1]) {
		start--
	}
	if start > lo && isLocalByte(s[start-1]) { // longer than any local part
		return 0, 0, false
	}
	for start < a && s[start] == '.' {
		start++
	}
	end = a + 1
	for end < len(s) && end-a <= maxDomain && isDomainByte(s[end]) {
		end++
	}
	if end < len(s) && isDomainByte(s[end]) {
		return 0, 0, false
	}
	for end > a+1 && (s[end-1] == '.' || s[end-1] == '-') {
		end--
	}
	return start, end, start < a && validDomain(s[a+1:end])
}

// isLocalByte reports whether c may appear in the local part of an address
// as people write them (no '*', so that masks never hold an address).
func isLocalByte(c byte) bool {
	return isDigit(c) || isLetter(c) || c == '.' || c == '_' || c == '-' || c == '+' || c == '%'
}

func isDomainByte(c byte) bool { return isDigit(c) || isLetter(c) || c == '.' || c == '-' }

// validDomain reports whether d has two or more labels, none empty or
// starting or ending with '-', and a last label of two or more letters.
func validDomain(d string) bool {
	dot := strings.LastIndexByte(d, '.')
	if dot <= 0 || len(d)-dot-1 < 2 {
		return false
	}
	for i := dot + 1; i < len(d); i++ {
		if !isLetter(d[i]) {
			return false
		}
	}
	for label := range strings.SplitSeq(d[:dot], ".") {
		if label == "" || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
	}
	return true
}

// Mask shows the first character of each half and the top-level domain:
// taro@example.jp becomes t***@e******.jp.
func (emailRule) Mask(norm string) string {
	at := strings.LastIndexByte(norm, '@')
	dot := strings.LastIndexByte(norm, '.')
	if at < 0 || dot < at {
		return MaskText(norm)
	}
	return guard(firstAndStars(norm[:at], 3)+"@"+firstAndStars(norm[at+1:dot], 1)+norm[dot:], norm)
}

// firstAndStars keeps the first byte of an ASCII word and stars the rest,
// with at least least stars.
func firstAndStars(w string, least int) string {
	if w == "" {
		return strings.Repeat("*", least)
	}
	return w[:1] + strings.Repeat("*", max(least, len(w)-1))
}

// Examples of the email rule.
func (emailRule) Examples() []Example {
	return []Example{
		{Text: "保護者の連絡先は taro.yamada@example.ne.jp です。", Want: true},
		{Text: "メール：hanako_s+school@mail.example.jp まで", Want: true},
		{Text: "ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐへ送付", Want: true},
		{Text: "返信はyamada-t@example.co.jp。", Want: true},
		{Text: "@tanaka さん、資料ありがとうございます", Want: false},
		{Text: "サーバー root@localhost のログ", Want: false},
		{Text: "単価@120円×3", Want: false},
		{Text: "user@example.c0m は無効", Want: false},
		{Text: "taro@example.jp", Cell: true, Header: true, Want: true},
		{Text: "taro@example.jp", Cell: true, Want: true},
		{Text: "tanaka", Cell: true, Header: true, Want: false},
		{Text: "taro@example", Cell: true, Header: true, Want: false},
		{Text: "a@example.jp b@example.jp", Cell: true, Header: true, Want: false},
	}
}
