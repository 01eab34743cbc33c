package detect

import (
	"strings"
	"time"
	"unicode/utf8"
)

// birthDateRule finds birth dates: real calendar dates in 西暦 (2010/4/1,
// 2010-04-01, 2010.4.1, 2010年4月1日) or 和暦 (平成22年4月1日, 平成元年,
// 平成二十二年四月一日, H22.4.1, R2/4/1), between 1900 and today. A date is a
// birth date only in context: in prose, after a birth keyword (生年月日,
// 誕生日, 生まれ, 出生, DOB, birth) close before it or with 生 right after it;
// in a table, under a birth-date header.
type birthDateRule struct{}

var (
	birthFilter   = Prefilter{AnyOf: []string{"生", "DOB", "dob", "Dob", "birth", "Birth", "BIRTH"}}
	birthKeywords = []string{"生年", "誕生", "生まれ", "出生", "DOB", "birth"}
	birthHeaders  = []string{"生年月日", "誕生日", "生年", "birthday", "date of birth", "birth date", "DOB",
		"生年月日(西暦)", "生年月日(和暦)"}
)

// birthContextRunes is how far before a date a birth keyword may stand.
const birthContextRunes = 20

// clock gives today's date, the latest plausible birth date.
var clock = time.Now // replaced in tests

func (birthDateRule) ID() string           { return "birthdate" }
func (birthDateRule) Category() Category   { return BirthDate }
func (birthDateRule) Prefilter() Prefilter { return birthFilter }
func (birthDateRule) Headers() []string    { return birthHeaders }

// Find appends the birth dates in s. A keyword counts for the nearest date
// after it only: the context window stops at the previous date.
func (birthDateRule) Find(s string, dst []Match) []Match {
	prev := 0
	for i := 0; i < len(s); i++ {
		if !dateStart[s[i]] {
			continue
		}
		dt, ok := dateAt(s, i, false)
		if !ok {
			continue
		}
		if dt.plausible() && (keywordBefore(s, i, birthContextRunes, prev, birthKeywords) || bornAfter(s, dt.end)) {
			dst = append(dst, Match{Category: BirthDate, Rule: "birthdate", Start: i, End: dt.end, Value: dt.String()})
		}
		prev, i = dt.end, dt.end-1
	}
	return dst
}

// bornAfter reports whether 生 or 生まれ follows the date ending at end,
// maybe after a space or a closing parenthesis; 生 starting a longer word
// (生徒, 生活) does not count.
func bornAfter(s string, end int) bool {
	for end < len(s) && (s[end] == ' ' || s[end] == ')') {
		end++
	}
	rest, ok := strings.CutPrefix(s[end:], "生")
	if !ok {
		return false
	}
	r, _ := utf8.DecodeRuneInString(rest)
	return r < 0x4E00 || r > 0x9FFF
}

// Value accepts a date, also as 8 digits (20100401) and with a midnight
// time after it as spreadsheets export it, only under a birth-date header.
func (birthDateRule) Value(v string, header bool) (string, bool) {
	if !header {
		return "", false
	}
	v = trimTime(v)
	if v == "" {
		return "", false
	}
	dt, ok := dateAt(v, 0, true)
	if !ok || dt.end != len(v) || !dt.plausible() {
		return "", false
	}
	return dt.String(), true
}

// trimTime cuts a trailing " 0:00" or " 00:00:00" from v.
func trimTime(v string) string {
	sp := strings.LastIndexByte(v, ' ')
	if sp < 0 || strings.Trim(v[sp+1:], "0123456789:") != "" || !strings.Contains(v[sp:], ":") {
		return v
	}
	return strings.TrimRight(v[:sp], " ")
}

// Mask keeps the century only: 20**-**-**.
func (birthDateRule) Mask(norm string) string {
	if len(norm) == 10 && norm[4] == '-' && norm[7] == '-' {
		return guard(norm[:2]+"**-**-**", norm)
	}
	return MaskDigits(norm, 0)
}

// Examples of the birth-date rule.
func (birthDateRule) Examples() []Example {
	return []Example{
		{Text: "生年月日：2010年4月1日", Want: true},
		{Text: "誕生日は2010/4/1です", Want: true},
		{Text: "山田太郎（平成22年4月1日生）", Want: true},
		{Text: "2010.04.01生まれ", Want: true},
		{Text: "生年月日 H22.4.1 性別 男", Want: true},
		{Text: "生年月日 昭和62年12月3日", Want: true},
		{Text: "生年月日：平成元年1月8日", Want: true},
		{Text: "生年月日 平成二十二年四月一日", Want: true},
		{Text: "ＤＯＢ　２０１０－０４－０１", Want: true},
		{Text: "R2/4/1生", Want: true},
		{Text: "date of birth: S62-12-3", Want: true},
		{Text: "2000年2月29日生まれ", Want: true},
		{Text: "入学式 2016年4月6日 生徒集合", Want: false},
		{Text: "生年月日 2010年2月30日", Want: false},
		{Text: "生年月日 2100年1月1日", Want: false},
		{Text: "生年月日 平成32年1月1日", Want: false},
		{Text: "生年月日：2010年4月1日 入学日：2016年4月6日", Want: true},
		{Text: "生年月日 1899年12月31日", Want: false},
		{Text: "生年月日 20100401", Want: false},
		{Text: "生年月日 1.2010.4.1", Want: false},
		{Text: "先生との面談 2024/5/10", Want: false},
		{Text: "2010/4/1", Cell: true, Header: true, Want: true},
		{Text: "20100401", Cell: true, Header: true, Want: true},
		{Text: "平成22年4月1日", Cell: true, Header: true, Want: true},
		{Text: "H22.4.1", Cell: true, Header: true, Want: true},
		{Text: "2010/04/01 0:00:00", Cell: true, Header: true, Want: true},
		{Text: "2010/4/1", Cell: true, Want: false},
		{Text: "40269", Cell: true, Header: true, Want: false},
		{Text: "2010/13/1", Cell: true, Header: true, Want: false},
	}
}

// date is a calendar date read from text, ending at byte end.
type date struct{ y, m, d, end int }

// era is a Japanese era: its name, its letter, the Gregorian year of its
// first year, and its last year (0 while it lasts).
type era struct {
	name  string
	key   uint32 // the first rune's UTF-8 bytes
	first int
	last  int
}

var eras = [...]era{
	{"明治", 0xE6988E, 1868, 45},
	{"大正", 0xE5A4A7, 1912, 15},
	{"昭和", 0xE698AD, 1926, 64},
	{"平成", 0xE5B9B3, 1989, 31},
	{"令和", 0xE4BBA4, 2019, 0},
}

// eraLetters index eras by their Latin initial.
var eraLetters = map[byte]int{'M': 0, 'T': 1, 'S': 2, 'H': 3, 'R': 4}

// dateStart marks the bytes a date can start with: digits, era letters and
// the lead byte of the era names.
var dateStart = func() (t [256]bool) {
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for c := range eraLetters {
		t[c], t[c|0x20] = true, true
	}
	t[0xE4], t[0xE5], t[0xE6] = true, true, true
	return t
}()

// dateAt reads a date starting at s[i]. compact admits 8 bare digits.
func dateAt(s string, i int, compact bool) (date, bool) {
	c := s[i]
	switch {
	case isDigit(c):
		if i > 0 && (isDigit(s[i-1]) || isLetter(s[i-1])) || continuesBefore(s, i, false) {
			return date{}, false
		}
		return westernDate(s, i, compact)
	case isLetter(c):
		e, ok := eraLetters[c&^0x20]
		if !ok || i+1 >= len(s) || !isDigit(s[i+1]) || i > 0 && (isLetter(s[i-1]) || isDigit(s[i-1])) {
			return date{}, false
		}
		return eraDate(s, i+1, eras[e], false)
	}
	if e, ok := eraAt(s, i); ok {
		return eraDate(s, skipSpaces(s, i+len(eras[e].name)), eras[e], true)
	}
	return date{}, false
}

// eraAt returns the era whose name starts at s[i].
func eraAt(s string, i int) (int, bool) {
	if i+6 > len(s) {
		return 0, false
	}
	key := uint32(s[i])<<16 | uint32(s[i+1])<<8 | uint32(s[i+2])
	for k := range eras {
		if eras[k].key == key {
			return k, s[i+3:i+6] == eras[k].name[3:]
		}
	}
	return 0, false
}

// westernDate reads 2010/4/1, 2010-4-1, 2010.4.1 or 2010年4月1日 at s[i],
// and 20100401 when compact is set.
func westernDate(s string, i int, compact bool) (date, bool) {
	j := i
	for j < len(s) && isDigit(s[j]) {
		j++
	}
	if compact && j-i == 8 && j == len(s) {
		dt := date{atoiStr(s[i : i+4]), atoiStr(s[i+4 : i+6]), atoiStr(s[i+6 : i+8]), j}
		return dt, dt.valid()
	}
	if j-i != 4 {
		return date{}, false
	}
	return monthDay(s, j, atoiStr(s[i:j]))
}

// eraDate reads the year of era e at s[j] (digits; 元 or kanji numerals
// after an era name) and the month and day after it.
func eraDate(s string, j int, e era, named bool) (date, bool) {
	y, k, ok := smallNum(s, j)
	digits := ok
	switch {
	case ok:
	case named && strings.HasPrefix(s[j:], "元"):
		y, k, ok = 1, j+len("元"), true
	case named:
		y, k, ok = kanjiNum(s, j)
	}
	if !ok || y < 1 || e.last > 0 && y > e.last {
		return date{}, false
	}
	if !digits && !strings.HasPrefix(s[k:], "年") {
		return date{}, false
	}
	return monthDay(s, k, e.first+y-1)
}

// monthDay reads the month and day after the year y, which ends at s[j]:
// 年M月D日, or /M/D with '/', '-' or '.' twice.
func monthDay(s string, j, y int) (date, bool) {
	if strings.HasPrefix(s[j:], "年") {
		return kanjiMonthDay(s, j+len("年"), y)
	}
	if j >= len(s) || s[j] != '/' && s[j] != '-' && s[j] != '.' {
		return date{}, false
	}
	sep := s[j]
	m, k, ok := smallNum(s, j+1)
	if !ok || k >= len(s) || s[k] != sep {
		return date{}, false
	}
	d, end, ok := smallNum(s, k+1)
	if !ok || continuesAfter(s, end, false) {
		return date{}, false
	}
	dt := date{y, m, d, end}
	return dt, dt.valid()
}

// kanjiMonthDay reads M月D日 at s[j], with digits or kanji numerals.
func kanjiMonthDay(s string, j, y int) (date, bool) {
	m, j, ok := anyNum(s, skipSpaces(s, j))
	if !ok || !strings.HasPrefix(s[skipSpaces(s, j):], "月") {
		return date{}, false
	}
	d, j, ok := anyNum(s, skipSpaces(s, skipSpaces(s, j)+len("月")))
	j = skipSpaces(s, j)
	if !ok || !strings.HasPrefix(s[j:], "日") {
		return date{}, false
	}
	dt := date{y, m, d, j + len("日")}
	return dt, dt.valid()
}

// anyNum reads one or two digits or a kanji numeral.
func anyNum(s string, j int) (int, int, bool) {
	if v, k, ok := smallNum(s, j); ok {
		return v, k, true
	}
	return kanjiNum(s, j)
}

// smallNum reads a run of one or two digits at s[j].
func smallNum(s string, j int) (v, end int, ok bool) {
	end = j
	for end < len(s) && isDigit(s[end]) {
		end++
	}
	if n := end - j; n < 1 || n > 2 {
		return 0, j, false
	}
	return atoiStr(s[j:end]), end, true
}

// kanjiNum reads a kanji numeral up to 99 at s[j]: 一, 十二, 二十, 二十二.
func kanjiNum(s string, j int) (v, end int, ok bool) {
	var seq [4]int // digit values, 10 for 十
	n, end := 0, j
	for n < len(seq) {
		r, size := utf8.DecodeRuneInString(s[end:])
		k := strings.IndexRune("〇一二三四五六七八九十", r)
		if k < 0 || r == utf8.RuneError {
			break
		}
		seq[n] = utf8.RuneCountInString("〇一二三四五六七八九十"[:k])
		n++
		end += size
	}
	switch {
	case n == 1 && seq[0] < 10:
		return seq[0], end, true
	case n == 1:
		return 10, end, true
	case n == 2 && seq[0] == 10 && seq[1] < 10:
		return 10 + seq[1], end, true
	case n == 2 && seq[0] < 10 && seq[1] == 10:
		return seq[0] * 10, end, true
	case n == 3 && seq[0] < 10 && seq[1] == 10 && seq[2] < 10:
		return seq[0]*10 + seq[2], end, true
	}
	return 0, j, false
}

// skipSpaces skips spaces at s[j].
func skipSpaces(s string, j int) int {
	for j < len(s) && s[j] == ' ' {
		j++
	}
	return j
}

// atoiStr reads ASCII digits.
func atoiStr(s string) int {
	v := 0
	for i := 0; i < len(s); i++ {
		v = v*10 + int(s[i]-'0')
	}
	return v
}

// valid reports whether dt is a real calendar date.
func (dt date) valid() bool {
	return dt.m >= 1 && dt.m <= 12 && dt.d >= 1 && dt.d <= daysIn(dt.y, dt.m)
}

// daysIn returns the number of days in month m of year y.
func daysIn(y, m int) int {
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// plausible reports whether dt can be a living person's birth date: from
// 1900 to today.
func (dt date) plausible() bool {
	if dt.y < 1900 {
		return false
	}
	ty, tm, td := clock().Date()
	return dt.y*10000+dt.m*100+dt.d <= ty*10000+int(tm)*100+td
}

// String formats dt as YYYY-MM-DD.
func (dt date) String() string {
	b := []byte("0000-00-00")
	put := func(at, v, n int) {
		for k := at + n - 1; k >= at; k-- {
			b[k] = byte('0' + v%10)
			v /= 10
		}
	}
	put(0, dt.y, 4)
	put(5, dt.m, 2)
	put(8, dt.d, 2)
	return string(b)
}
