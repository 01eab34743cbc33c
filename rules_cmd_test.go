package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/text/encoding/japanese"

	"mamori/detect"
)

// runRulesCLI runs mamori with args and returns its exit code and stdout.
func runRulesCLI(t *testing.T, args ...string) (int, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	app := newApp()
	app.Writer, app.ErrWriter = &out, &errOut
	err := app.RunContext(context.Background(), append([]string{"mamori"}, args...))
	return exitCode(err), out.String()
}

const rulesDir = "detect/testdata/rules"

func TestRulesTestCommand(t *testing.T) {
	code, out := runRulesCLI(t, "rules", "test", filepath.Join(rulesDir, "smallest.toml"))
	if code != 0 {
		t.Errorf("exit %d, output:\n%s", code, out)
	}
	for _, want := range []string{
		`ok   student-id example 1: "学籍番号 S1234567"`,
		`ok   student-id non-example 3: "型番 S1234567"`,
		`ok   email example 1:`, // built-in rules run too
		", 0 failed",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}

	bad := filepath.Join(t.TempDir(), "bad.toml")
	os.WriteFile(bad, []byte("[[rule]]\nid = \"x\"\ncategory = \"custom:x\"\npattern = 'X\\d+'\nexamples = [\"X\"]\nnon_examples = [\"X12\"]\n"), 0o600)
	code, out = runRulesCLI(t, "rules", "test", bad)
	if code != 1 || !strings.Contains(out, `FAIL x example 1: "X" not found`) || !strings.Contains(out, `FAIL x non-example 2: "X12" found`) {
		t.Errorf("failing examples: exit %d, output:\n%s", code, out)
	}

	broken := filepath.Join(t.TempDir(), "broken.toml")
	os.WriteFile(broken, []byte("[[rule]]\nid = \"x\"\ncategory = \"nope\"\npattern = 'x'\n"), 0o600)
	if code, _ := runRulesCLI(t, "rules", "test", broken); code != 2 {
		t.Errorf("bad rules file: exit %d, want 2", code)
	}
	if code, _ := runRulesCLI(t, "rules", "test"); code != 2 {
		t.Errorf("no file: exit %d, want 2", code)
	}
}

func TestRulesListCommand(t *testing.T) {
	code, out := runRulesCLI(t, "rules", "list", "--rules", filepath.Join(rulesDir, "school.toml"))
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, re := range []string{
		`(?m)^gender +gender +off +builtin`,
		`(?m)^phone +phone +on +builtin`,
		`(?m)^student-id +custom:student_id +on +\S*school.toml`,
		`(?m)^person_name +person_name +on +builtin +\+1 headers, \+2 dictionary words`,
	} {
		if !regexp.MustCompile(re).MatchString(out) {
			t.Errorf("output does not match %s:\n%s", re, out)
		}
	}
	code, out = runRulesCLI(t, "rules", "list")
	if code != 0 || strings.Count(out, "builtin") != len(detect.Builtin()) {
		t.Errorf("built-in list: exit %d\n%s", code, out)
	}
}

func TestFingerprintCommand(t *testing.T) {
	key := filepath.Join(t.TempDir(), "k")
	if code, _ := runRulesCLI(t, "rules", "keygen", key); code != 0 {
		t.Fatalf("keygen exit %d", code)
	}
	if code, _ := runRulesCLI(t, "rules", "keygen", key); code != 2 {
		t.Errorf("keygen over an existing key: exit %d, want 2", code)
	}
	code, out := runRulesCLI(t, "rules", "fingerprint", "--key", key, "090-1234-5678")
	k, _ := detect.LoadKey(key)
	if code != 0 || strings.TrimSpace(out) != detect.Fingerprint(k, "09012345678") {
		t.Errorf("exit %d, output %q", code, out)
	}
	var buf bytes.Buffer
	if err := rulesFingerprint(&buf, strings.NewReader("平成22年4月1日\n\n2010/4/1\n"), key, "birth_date", nil); err != nil {
		t.Fatal(err)
	}
	lines := strings.Fields(buf.String())
	if len(lines) != 2 || lines[0] != lines[1] || strings.Contains(buf.String(), "2010") {
		t.Errorf("stdin fingerprints %q", lines)
	}
	if code, _ := runRulesCLI(t, "rules", "fingerprint", "--key", filepath.Join(t.TempDir(), "none"), "x"); code != 2 {
		t.Errorf("missing key: exit %d, want 2", code)
	}
}

// TestRosterImport builds an index from a Shift_JIS master list and checks
// that it holds no name or date and matches the people it was made from.
func TestRosterImport(t *testing.T) {
	dir := t.TempDir()
	key := filepath.Join(dir, "k")
	if err := detect.WriteKeyFile(key); err != nil {
		t.Fatal(err)
	}
	people := [][3]string{
		{"山田 太郎", "2010/04/01", "1組"}, {"佐藤 花子", "2010/05/12", "1組"}, {"鈴木 一郎", "2010/06/30", "2組"},
		{"田中 次郎", "2010/07/07", "2組"}, {"小鳥遊 三郎", "2010/08/08", "3組"}, {"伊藤 四郎", "2011/03/31", "3組"},
	}
	var csv strings.Builder
	csv.WriteString("令和7年度 第2学年 名簿\r\n氏名,生年月日,組\r\n")
	for _, p := range people {
		csv.WriteString(strings.Join(p[:], ",") + "\r\n")
	}
	sjis, err := japanese.ShiftJIS.NewEncoder().String(csv.String())
	if err != nil {
		t.Fatal(err)
	}
	master := filepath.Join(dir, "名簿.csv")
	os.WriteFile(master, []byte(sjis), 0o600)
	index := filepath.Join(dir, "roster.idx")

	code, _ := runRulesCLI(t, "roster", "import", "--columns", "氏名,生年月日", "--key", key, "--out", index, master)
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	data, err := os.ReadFile(index)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range people {
		for _, v := range []string{p[0], strings.Fields(p[0])[0], strings.Fields(p[0])[1], p[1], strings.ReplaceAll(p[1], "/", "-")} {
			if strings.Contains(string(data), v) {
				t.Errorf("the index holds %q in clear", v)
			}
		}
	}
	if fi, _ := os.Stat(index); fi.Mode().Perm() != 0o600 {
		t.Errorf("index mode %v", fi.Mode().Perm())
	}
	k, _ := detect.LoadKey(key)
	r, err := detect.LoadRoster(index, k)
	if err != nil {
		t.Fatal(err)
	}
	if r.Len() != len(people) {
		t.Errorf("%d people indexed, want %d", r.Len(), len(people))
	}
	if !r.Match(map[detect.Category]string{detect.PersonName: "小鳥遊　三郎", detect.BirthDate: "平成22年8月8日"}) {
		t.Error("a person of the master list does not match")
	}
	if r.Match(map[detect.Category]string{detect.PersonName: "小鳥遊 三郎", detect.BirthDate: "2010-08-09"}) {
		t.Error("a wrong birth date matches")
	}

	if code, _ := runRulesCLI(t, "roster", "import", "--columns", "氏名,住所", "--key", key, "--out", index+"2", master); code != 2 {
		t.Errorf("missing column: exit %d, want 2", code)
	}
	if _, err := os.Stat(index + "2"); err == nil {
		t.Error("an index was written for a failed import")
	}
}
