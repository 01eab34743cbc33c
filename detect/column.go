package detect

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// columnRule is a rule that recognises its category in table columns: named
// by a header, with each value checked by accept. It finds nothing in prose
// yet; the Japanese name, address and health detectors of a later issue
// replace these with rules that also read prose.
type columnRule struct {
	id       string
	cat      Category
	headers  []string
	accept   func(v string, header bool) (string, bool)
	mask     func(norm string) string
	examples []Example
}

func (r *columnRule) ID() string                         { return r.id }
func (r *columnRule) Category() Category                 { return r.cat }
func (r *columnRule) Prefilter() Prefilter               { return Prefilter{MinDigits: proseNever} }
func (r *columnRule) Find(_ string, dst []Match) []Match { return dst }
func (r *columnRule) Headers() []string                  { return r.headers }
func (r *columnRule) Examples() []Example                { return r.examples }
func (r *columnRule) Mask(norm string) string            { return r.mask(norm) }

func (r *columnRule) Value(v string, header bool) (string, bool) {
	v = trimSpace(v)
	if v == "" || isNone(v) {
		return "", false
	}
	return r.accept(v, header)
}

// trimSpace cuts ASCII white space from both ends. Table values are width-
// folded first, which turns the ideographic space into ' ', so this is all
// the trimming they need; strings.TrimSpace is slow on kanji.
func trimSpace(s string) string {
	i, j := 0, len(s)
	for i < j && isSpaceByte(s[i]) {
		i++
	}
	for j > i && isSpaceByte(s[j-1]) {
		j--
	}
	return s[i:j]
}

func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

// proseNever is a digit count no piece of prose reaches, so the detector
// skips column-only rules in prose without calling them.
const proseNever = 1 << 30

// noneValues are what forms put in a field that holds nothing about the
// person: an allergy column of なし is not allergy data.
var noneValues = map[string]bool{
	"なし": true, "無し": true, "無": true, "特になし": true, "特に無し": true, "ない": true,
	"-": true, "--": true, "―": true, "ー": true, "・": true, "なし。": true, "該当なし": true,
	"none": true, "n/a": true, "na": true, "null": true, "nil": true, "0": true, "×": true,
}

// noneMaxLen is the longest of noneValues in bytes: longer values are
// never "none", and most values are, so the check stays cheap.
const noneMaxLen = len("特に無し")

func isNone(v string) bool {
	if len(v) > noneMaxLen {
		return false
	}
	if noneValues[v] {
		return true
	}
	return hasUpperASCII(v) && noneValues[strings.ToLower(v)]
}

func hasUpperASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 'A' && s[i] <= 'Z' {
			return true
		}
	}
	return false
}

// headerOnly accepts any non-empty value, but only in a column whose header
// names the category.
func headerOnly(v string, header bool) (string, bool) { return v, header }

// textValue accepts values in a named column that hold letters and no
// digits, within a length a name or word can have.
func textValue(maxRunes int) func(string, bool) (string, bool) {
	return func(v string, header bool) (string, bool) {
		if !header || hasDigit(v) {
			return "", false
		}
		return v, hasLetter(v) && utf8.RuneCountInString(v) <= maxRunes
	}
}

// hasLetter reports whether s holds a letter; kana and kanji are decided
// without a table search.
func hasLetter(s string) bool {
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= 0x3041 && r <= 0x9FFF:
			return true
		case r >= 0x80 && unicode.IsLetter(r):
			return true
		}
	}
	return false
}

func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			return true
		}
	}
	return false
}

// maskAll hides every character but keeps the length's rough shape.
func maskAll(norm string) string {
	return guard(strings.Repeat("*", min(utf8.RuneCountInString(norm), 4)+1), norm)
}
