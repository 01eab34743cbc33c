package detect

import (
	"slices"
	"testing"
)

func TestPhoneValues(t *testing.T) {
	cases := map[string]struct {
		text string
		want []string
	}{
		"mobile":          {"090-1234-5678", []string{"09012345678"}},
		"intl":            {"+81-90-1234-5678", []string{"09012345678"}},
		"intl fixed":      {"+81 3-1234-5678", []string{"0312345678"}},
		"intl zero":       {"+81(0)90-1234-5678", []string{"09012345678"}},
		"two":             {"090-1234-5678 03-1234-5678", []string{"09012345678", "0312345678"}},
		"paren":           {"03(1234)5678", []string{"0312345678"}},
		"next to kanji":   {"携帯090-1234-5678母", []string{"09012345678"}},
		"spaces run on":   {"090 1234 5678 9012", nil},
		"foreign":         {"+1-090-1234-5678", nil},
		"long run":        {"0901234567890", nil},
		"fax context":     {"FAX:0272241111", []string{"0272241111"}},
		"context too far": {"電話は下記のとおりですがこちらは別の番号です0272241111", nil},
	}
	for name, c := range cases {
		if got := findValues(c.text, "phone"); !slices.Equal(got, c.want) {
			t.Errorf("%s: found %d numbers, want %d (or different ones)", name, len(got), len(c.want))
		}
	}
}
