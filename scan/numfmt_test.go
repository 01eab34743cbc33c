package scan

import "testing"

func TestSheetDigitFormat(t *testing.T) {
	for code, want := range map[string]string{
		"00000000000":        "00000000000",
		"000-0000-0000":      "000-0000-0000",
		`000\-0000\-0000`:    "000-0000-0000",
		`000"-"0000"-"0000`:  "000-0000-0000",
		"0000000;@":          "0000000",
		"(000) 000-0000":     "(000) 000-0000",
		"General":            "",
		"#,##0":              "",
		"0.00":               "",
		"yyyy/mm/dd":         "",
		"###":                "", // no zero: nothing to put back
		`0"円"`:               "",
		"[<=999]000;000-000": "",
	} {
		if got := sheetDigitFormat(code); got != want {
			t.Errorf("sheetDigitFormat(%q) = %q, want %q", code, got, want)
		}
	}
}

func TestSheetPadDigits(t *testing.T) {
	cases := []struct{ v, pattern, want string }{
		{"9012345678", "00000000000", "09012345678"},
		{"9012345678", "000-0000-0000", "090-1234-5678"},
		{"272241111", "0000000000", "0272241111"},
		{"1234567", "0000000", "1234567"},
		{"1234", "0000000", "0001234"},
		{"123456789012", "0000000", "123456789012"},
		{"5", "##0", "5"},
		{"0", "000", "000"},
		{"9012345678.0", "00000000000", "09012345678"},
		{"3712345", "###-####", "371-2345"},
		{"12345", "###-####", "1-2345"},
		{"2345", "###-####", "2345"},
		{"5551234", "(000) 000-0000", "(000) 555-1234"},
	}
	for _, c := range cases {
		got, ok := sheetPadDigits(c.v, c.pattern)
		if !ok || got != c.want {
			t.Errorf("sheetPadDigits(%q, %q) = %q, %v; want %q", c.v, c.pattern, got, ok, c.want)
		}
	}
	for _, v := range []string{"-5", "1.5", "abc", "", "1e20"} {
		if got, ok := sheetPadDigits(v, "000"); ok {
			t.Errorf("sheetPadDigits(%q) = %q, want left to the general format", v, got)
		}
	}
}
