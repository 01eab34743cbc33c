package detect

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mamori/scan"
)

// loadTestRules loads a rules file of testdata/rules.
func loadTestRules(t *testing.T, name string) *Config {
	t.Helper()
	cfg, err := LoadRules(filepath.Join("testdata", "rules", name))
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// TestRulesFileExamples runs the examples of every built-in rule and every
// rule of the example files through the detector the files make, as
// `mamori rules test` does: the smallest file of issue 8 as given, and the
// school file of the README.
func TestRulesFileExamples(t *testing.T) {
	for _, name := range []string{"smallest.toml", "school.toml"} {
		t.Run(name, func(t *testing.T) {
			cfg := loadTestRules(t, name)
			results := RunExamples(NewWith(cfg))
			custom := 0
			for _, r := range results {
				if !r.Pass() {
					t.Errorf("%s: example %q (want %v) failed", r.Rule, r.Example.Text, r.Example.Want)
				}
				if strings.Contains(r.Rule, "-") {
					custom++
				}
			}
			if custom == 0 {
				t.Error("no custom example was run")
			}
		})
	}
}

func TestSmallestRulesFile(t *testing.T) {
	d := NewWith(loadTestRules(t, "smallest.toml"))
	r, ok := d.Rule("student-id")
	if !ok {
		t.Fatal("rule student-id missing")
	}
	if r.Category() != Category("custom:student_id") || !r.Category().IsCustom() {
		t.Errorf("category = %q", r.Category())
	}
	cases := map[string]bool{
		"学籍番号 S1234567":                               true,
		"学籍番号：Ｓ１２３４５６７ の生徒":                           true, // full width, folded first
		"S1234567 (学籍番号)":                             true, // keyword after
		"学籍番号 S12345678":                              false,
		"型番 S1234567":                                 false,
		"学籍番号 AS1234567":                              false, // lookbehind
		"学籍番号" + strings.Repeat("。", 40) + "S1234567": false, // beyond the window
	}
	for text, want := range cases {
		_, ms := d.FindText(text, nil)
		got := false
		for _, m := range ms {
			got = got || m.Rule == "student-id"
			if m.Rule == "student-id" && (m.Category != "custom:student_id" || m.Value != "S1234567") {
				t.Errorf("%q: match %+v", text, m)
			}
		}
		if got != want {
			t.Errorf("%q: found = %v, want %v", text, got, want)
		}
	}
}

// TestCustomCategoryInResult follows a custom category from prose and
// from a column headed by a keyword to the file's result.
func TestCustomCategoryInResult(t *testing.T) {
	d := NewWith(loadTestRules(t, "school.toml"))
	f := d.NewFile()
	f.Text("学籍番号 S1234567 の生徒", scan.Loc{Line: 1, Col: 1})
	res := f.Result()
	fd, ok := res.Categories["custom:student_id"]
	if !ok || fd.Count != 1 || fd.Samples[0] == "S1234567" || !strings.HasPrefix(fd.Samples[0], "S*") {
		t.Errorf("prose: result %+v", res.Categories)
	}

	f = d.NewFile()
	f.Row("", cells("氏名", "学籍番号", "喫食者コード"))
	for i, name := range []string{"山田 太郎", "佐藤 花子", "鈴木 一郎", "田中 次郎", "高橋 三郎", "伊藤 四郎"} {
		f.Row("", cells(name, fmt.Sprintf("S202400%d", i+1), kyushokuCode(fmt.Sprintf("%06d", 111111*(i+1)))))
	}
	res = f.Result()
	if fd := res.Categories["custom:student_id"]; fd.Count != 6 || len(fd.Columns) != 1 || fd.Columns[0] != "学籍番号" {
		t.Errorf("table: student_id %+v; categories %v", fd, res.Sorted())
	}
	if _, ok := res.Categories[SchoolRecord]; ok {
		t.Error("学籍番号 column taken by school_record, not by the custom rule")
	}
	if fd := res.Categories["custom:kyushoku_id"]; fd.Count == 0 {
		t.Errorf("kyushoku codes not found: %v", res.Sorted())
	}
	if d.Kind("custom:student_id") != Direct || d.Kind("custom:other") != Quasi || d.Kind(Phone) != Direct {
		t.Error("Kind does not follow the rules file")
	}
}

// kyushokuCode returns K, body and its mod-10 check digit (weights 3,1,...).
func kyushokuCode(body string) string {
	sum := 0
	for i, c := range body {
		sum += int(c-'0') * []int{3, 1}[i%2]
	}
	return fmt.Sprintf("K%s%d", body, (10-sum%10)%10)
}

func cells(texts ...string) []scan.Cell {
	out := make([]scan.Cell, len(texts))
	for i, s := range texts {
		out[i] = scan.Cell{Text: s, Field: i, At: scan.Loc{Line: 1, Col: i + 1}}
	}
	return out
}

// TestCustomTimeout runs a catastrophic pattern against a long chunk: the
// search stops at its timeout, finds nothing and is reported against the
// rule, and the other rules still run.
func TestCustomTimeout(t *testing.T) {
	cfg, err := ParseRules([]byte(`
[[rule]]
id = "slow"
category = "custom:slow"
pattern = '''(a+)+$'''
`), "slow.toml")
	if err != nil {
		t.Fatal(err)
	}
	d := NewWith(cfg)
	chunk := strings.Repeat("a", 5000) + "b taro@example.jp"
	var notes Notes
	var ms []Match
	for range 5 {
		_, ms = d.FindTextNoting(chunk, ms, &notes)
	}
	list := notes.List()
	if len(list) != 1 || list[0] != "rule slow timed out (3 pieces of text; not run on the rest of the file)" {
		t.Errorf("notes = %q", list)
	}
	email := 0
	for _, m := range ms {
		if m.Rule == "slow" {
			t.Errorf("timed-out rule matched %+v", m)
		}
		if m.Rule == "email" {
			email++
		}
	}
	if email != 5 {
		t.Errorf("email found %d times, want 5: other rules must run on", email)
	}
	// Without notes (FindText) the search is still bounded.
	if _, ms := d.FindText(chunk, nil); !hasRule(ms, "email") || hasRule(ms, "slow") {
		t.Errorf("FindText: %v", ms)
	}
	f := d.NewFile()
	f.Text(chunk, scan.Loc{Line: 1, Col: 1})
	if _, ok := f.Result().Categories[Email]; !ok {
		t.Error("a file with a timed-out pattern lost its other findings")
	}
	r, _ := d.Rule("slow")
	var one Notes
	if _, ok := ValueNoting(r, chunk, true, &one); ok || len(one.List()) != 1 {
		t.Errorf("ValueNoting: ok %v, notes %q", ok, one.List())
	}
	var ferr error
	r.(Noting).FindNoting(chunk, nil, func(e error) { ferr = e })
	var re *RuleError
	if !errors.Is(ferr, ErrMatchTimeout) || !errors.As(ferr, &re) || re.Rule != "slow" || strings.Contains(ferr.Error(), "aaaa") {
		t.Errorf("error %v should name the rule and not the text", ferr)
	}
}

func TestChecksumRules(t *testing.T) {
	cases := []struct {
		name, checksum, weights string
		good, bad               []string
	}{
		{"mynumber", `"mynumber"`, "", []string{"123456789018"}, []string{"123456789012", "000000000000"}},
		{"luhn", `"luhn"`, "", []string{"4111111111111111", "79927398713"}, []string{"4111111111111112"}},
		{"mod10", `"mod10"`, "[3, 1, 3, 1, 3, 1]", []string{"1234561"}, []string{"1234567", "12345610"}},
		{"mod11", `"mod11"`, "[7, 6, 5, 4, 3, 2]", []string{"1234560", "0000019"}, []string{"1234561"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := "[[rule]]\nid = \"x\"\ncategory = \"custom:x\"\npattern = '''\\b\\d+\\b'''\nchecksum = " + c.checksum + "\n"
			if c.weights != "" {
				src += "weights = " + c.weights + "\n"
			}
			cfg, err := ParseRules([]byte(src), "x.toml")
			if err != nil {
				t.Fatal(err)
			}
			d := NewWith(cfg)
			for _, v := range c.good {
				if _, ms := d.FindText("番号 "+v, nil); !hasRule(ms, "x") {
					t.Errorf("%s: valid %s not found", c.name, v)
				}
			}
			for _, v := range c.bad {
				if _, ms := d.FindText("番号 "+v, nil); hasRule(ms, "x") {
					t.Errorf("%s: invalid %s found", c.name, v)
				}
			}
		})
	}
}

func hasRule(ms []Match, id string) bool {
	for _, m := range ms {
		if m.Rule == id {
			return true
		}
	}
	return false
}

// TestRulesFileErrors checks that a bad file names the line and the field.
func TestRulesFileErrors(t *testing.T) {
	rule := "[[rule]]\nid = \"a\"\ncategory = \"custom:a\"\npattern = 'x'\n"
	cases := map[string]struct {
		src   string
		line  int
		field string
		msg   string
	}{
		"bad toml":         {"[[rule]]\nid = \"a\n", 2, "", ""},
		"unknown field":    {rule + "patern = 'y'\n", 5, "rule.patern", "unknown field"},
		"unknown table":    {rule + "[[rules]]\nid = 'b'\n", 5, "rules", "unknown field"},
		"unknown override": {rule + "[override.gender]\nenabld = false\n", 6, "override.gender.enabld", "unknown field"},
		"bad category":     {"[[rule]]\nid = \"a\"\ncategory = \"student\"\npattern = 'x'\n", 3, "rule[0].category", "custom:<name>"},
		"bad regex":        {rule + "[[rule]]\nid = \"b\"\ncategory = \"phone\"\npattern = '(a'\n", 8, "rule[1].pattern", "bad pattern"},
		"missing pattern":  {"[[rule]]\nid = \"a\"\ncategory = \"custom:a\"\n", 1, "rule[0].pattern", "missing"},
		"duplicate id":     {rule + rule, 6, "rule[1].id", "already"},
		"builtin id":       {"[[rule]]\nid = \"phone\"\ncategory = \"phone\"\npattern = 'x'\n", 2, "rule[0].id", "already"},
		"bad checksum":     {rule + "checksum = \"crc\"\n", 5, "rule[0].checksum", "not one of"},
		"weights missing":  {rule + "checksum = \"mod10\"\n", 5, "rule[0].checksum", "weights"},
		"bad window":       {rule + "window = 0\n", 5, "rule[0].window", "1 to"},
		"wrong type":       {rule + "window = \"wide\"\n", 5, "rule.window", "incompatible types"},
		"bad kind":         {rule + "kind = \"secret\"\n", 5, "rule[0].kind", "quasi"},
		"kind of builtin":  {"[[rule]]\nid = \"a\"\ncategory = \"phone\"\nkind = \"health\"\npattern = 'x'\n", 4, "rule[0].kind", "fixed"},
		"no such builtin":  {"[override.fone]\nenabled = false\n", 1, "override.fone", "no built-in"},
		"bad share":        {"[override.person_name]\nvalue_share = 2.0\n", 1, "override.person_name.value_share", "at most 1"},
		"allow no reason":  {"[[allow]]\ncategory = \"phone\"\n", 1, "allow[0].reason", "missing"},
		"allow bad fp":     {"[[allow]]\nfingerprint = \"abc\"\nreason = \"x\"\n", 2, "allow[0].fingerprint", "hmac-sha256"},
		"allow bad date":   {"[[allow]]\npath = \"a/**\"\nreason = \"x\"\nexpires = \"next year\"\n", 4, "", "date"},
		"allow bad rule":   {"[[allow]]\nrule = \"nope\"\nreason = \"x\"\n", 2, "allow[0].rule", "no rule"},
		"allow empty":      {"[[allow]]\nreason = \"x\"\n", 1, "allow[0].path", "needs"},
		"dict bad cat":     {"[[dictionary]]\ncategory = \"phone\"\npath = \"x.txt\"\n", 2, "dictionary[0].category", "extend"},
		"dict no kind":     {"[[dictionary]]\ncategory = \"person_name\"\npath = \"x.txt\"\n", 1, "dictionary[0].kind", "surname"},
		"dict no file":     {"[[dictionary]]\ncategory = \"allergy\"\npath = \"none.txt\"\n", 3, "dictionary[0].path", "failed to read"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := ParseRules([]byte(c.src), filepath.Join(t.TempDir(), "r.toml"))
			var re *RulesError
			if !errors.As(err, &re) {
				t.Fatalf("err = %v, want a *RulesError", err)
			}
			if re.Line != c.line || c.field != "" && re.Field != c.field || !strings.Contains(err.Error(), c.msg) {
				t.Errorf("err = %q (line %d, field %q), want line %d, field %q, %q", err, re.Line, re.Field, c.line, c.field, c.msg)
			}
			if !strings.Contains(err.Error(), "r.toml:") {
				t.Errorf("err = %q does not name the file", err)
			}
		})
	}
}

func TestOverrides(t *testing.T) {
	cfg, err := ParseRules([]byte(`
[override.gender]
enabled = false
[override.person_name]
value_share = 0.9
headers = ["喫食者名"]
[override.bank_account]
headers = ["振替口座"]
`), "o.toml")
	if err != nil {
		t.Fatal(err)
	}
	d := NewWith(cfg)
	if _, ok := d.Rule("gender"); ok {
		t.Error("gender not switched off")
	}
	r, _ := d.Rule("person_name")
	if vs, ok := r.(ValueSharer); !ok || vs.ValueShare() != 0.9 {
		t.Error("value_share not applied")
	}
	if rules := d.headerRules("喫食者名"); len(rules) != 1 || rules[0].ID() != "person_name" {
		t.Errorf("header 喫食者名 names %v", rules)
	}
	ba, _ := d.Rule("bank_account")
	if _, ok := ba.(Companioned); !ok {
		t.Error("a tuned bank_account lost its companions")
	}
	for _, info := range ListRules(cfg) {
		if info.ID == "gender" && info.Enabled {
			t.Error("ListRules shows gender on")
		}
	}
	// Every built-in rule's examples still pass with the overrides.
	for _, res := range RunExamples(d) {
		if !res.Pass() {
			t.Errorf("%s: %q", res.Rule, res.Example.Text)
		}
	}
}

func TestLoadRulesMissingFile(t *testing.T) {
	if _, err := LoadRules(filepath.Join(t.TempDir(), "none.toml")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("err = %v", err)
	}
}
