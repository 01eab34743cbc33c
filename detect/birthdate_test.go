package detect

import (
	"slices"
	"testing"
	"time"
)

// findValues returns the values rule id finds in s through the detector.
func findValues(s string, id string) []string {
	r, _ := New(Builtin()).Rule(id)
	_, ms := New([]Rule{r}).FindText(s, nil)
	var vs []string
	for _, m := range ms {
		vs = append(vs, m.Value)
	}
	return vs
}

func TestBirthDateValues(t *testing.T) {
	defer func(c func() time.Time) { clock = c }(clock)
	clock = func() time.Time { return time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC) }
	cases := map[string]struct {
		text string
		want []string
	}{
		"western":         {"生年月日：2010年4月1日", []string{"2010-04-01"}},
		"era":             {"生年月日 昭和62年12月3日", []string{"1987-12-03"}},
		"gannen":          {"生年月日 平成元年1月8日", []string{"1989-01-08"}},
		"kanji numerals":  {"生年月日 平成二十二年四月一日", []string{"2010-04-01"}},
		"letter":          {"生年月日 H22.4.1", []string{"2010-04-01"}},
		"reiwa":           {"R2/4/1生", []string{"2020-04-01"}},
		"leap":            {"2000年2月29日生まれ", []string{"2000-02-29"}},
		"second date":     {"生年月日：2010年4月1日 入学日：2016年4月6日", []string{"2010-04-01"}},
		"future":          {"生年月日 2025年6月2日", nil},
		"today":           {"生年月日 2025年6月1日", []string{"2025-06-01"}},
		"reiwa too late":  {"生年月日 令和8年1月1日", nil},
		"not a leap year": {"生年月日 1900年2月29日", nil},
		"showa 64":        {"生年月日 昭和64年1月7日", []string{"1989-01-07"}},
		"showa 65":        {"生年月日 昭和65年1月7日", nil},
	}
	for name, c := range cases {
		if got := findValues(c.text, "birthdate"); !slices.Equal(got, c.want) {
			t.Errorf("%s: found %d dates, want %d (or different ones)", name, len(got), len(c.want))
		}
	}
}
