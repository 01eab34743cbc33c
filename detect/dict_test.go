package detect

import (
	"slices"
	"testing"
)

// TestDictionaryExtends checks that each kind of dictionary of the school
// file makes the detector find what it did not before.
func TestDictionaryExtends(t *testing.T) {
	base := New(Builtin())
	ext := NewWith(loadTestRules(t, "school.toml"))
	prose := []struct {
		rule, text string
	}{
		{"person_name", "小鳥遊様より連絡がありました"},
		{"person_name", "百目鬼 花子さんの件"},
		{"person_name", "担任の小鳥遊一郎先生"},
		{"allergy", "食物アレルギー: マンゴスチン (除去)"},
		{"address", "住所 新田町村田1-2-3"},
	}
	for _, c := range prose {
		if _, ms := base.FindText(c.text, nil); hasRule(ms, c.rule) {
			t.Errorf("%s: the built-in rule already finds %q; pick a rarer word", c.rule, c.text)
		}
		if _, ms := ext.FindText(c.text, nil); !hasRule(ms, c.rule) {
			t.Errorf("%s: %q not found with the dictionary", c.rule, c.text)
		}
	}
	cellsCases := []struct {
		rule, value string
		header      bool
	}{
		{"person_name", "小鳥遊 花子", false},
		{"person_name", "小鳥遊花子", false},
		{"person_name", "どうめき はなこ", false},
		{"person_name", "小鳥遊", true},
		{"allergy", "キャッサバ", false},
		{"address", "新田町村田1-2-3", false},
	}
	for _, c := range cellsCases {
		br, _ := base.Rule(c.rule)
		er, _ := ext.Rule(c.rule)
		if _, ok := br.Value(c.value, c.header); ok {
			t.Errorf("%s: the built-in rule already accepts %q", c.rule, c.value)
		}
		if _, ok := er.Value(c.value, c.header); !ok {
			t.Errorf("%s: %q not accepted with the dictionary", c.rule, c.value)
		}
	}
	// The built-in lexicon is untouched: a detector made after the
	// extended one still does not know the words.
	if _, ms := New(Builtin()).FindText("小鳥遊様", nil); hasRule(ms, "person_name") {
		t.Error("the dictionary leaked into the shared lexicon")
	}
}

func TestDictWordsEncodings(t *testing.T) {
	sjis := []byte{0x8f, 0xac, 0x92, 0xb9, 0x97, 0x56, '\t', 0x82, 0xbd, 0x82, 0xa9, 0x82, 0xc8, 0x82, 0xb5, '\n', '#', 'x', '\n'} // 小鳥遊	たかなし
	cases := map[string]struct {
		data []byte
		want []string
	}{
		"utf-8":           {[]byte("# comment\n小鳥遊\n\n百目鬼 # rare\r\n"), []string{"小鳥遊", "百目鬼"}},
		"utf-8 bom":       {[]byte("\xEF\xBB\xBF小鳥遊\n"), []string{"小鳥遊"}},
		"shift_jis":       {sjis, []string{"小鳥遊\tたかなし"}},
		"full width fold": {[]byte("ＡＢＣ\n"), []string{"ABC"}},
	}
	for name, c := range cases {
		got, err := dictWords(c.data)
		if err != nil || !slices.Equal(got, c.want) {
			t.Errorf("%s: got %q, %v; want %q", name, got, err, c.want)
		}
	}
	if _, err := dictWords([]byte{0xff, 0xfe, 0x00, 0x81}); err == nil {
		t.Error("binary data read as a word list")
	}
}
