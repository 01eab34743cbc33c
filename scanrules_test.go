package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mamori/report"
)

// TestScanWithRules: a scan given a rules file finds its custom category,
// leaves out what its allowlist allows, marks rows of the roster as
// confirmed, and lists the allowlist entries that matched nothing.
func TestScanWithRules(t *testing.T) {
	dir, tmp := t.TempDir(), t.TempDir()
	write := func(p, body string) {
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(dir, "成績", "学籍.csv"), "学籍番号,氏名,生年月日\nS1234567,山田 太郎,2010/04/01\nS2345678,佐藤 花子,2010/05/02\nS3456789,鈴木 一郎,2010/06/03\nS4567890,高橋 美咲,2010/07/04\nS5678901,田中 健太,2010/08/05\n")
	write(filepath.Join(dir, "公開", "挨拶.txt"), "校長 山田 太郎 様 電話 090-1234-5678\n")
	rules := filepath.Join(tmp, "rules.toml")
	write(rules, `
[[rule]]
id = "student-id"
category = "custom:student_id"
pattern = '''(?<![0-9A-Z])S\d{7}(?![0-9])'''
keywords = ["学籍番号"]
examples = ["学籍番号 S1234567"]

[[allow]]
path = "公開/挨拶.txt"
reason = "published on purpose"

[[allow]]
path = "事務/**"
category = "phone"
reason = "an entry that matches nothing"
`)
	key := filepath.Join(tmp, "roster.key")
	master := filepath.Join(tmp, "master.csv")
	write(master, "氏名,生年月日\n山田 太郎,平成22年4月1日\n佐藤 花子,2010-05-02\n伊藤 翔太,2010/09/09\n")
	index := filepath.Join(tmp, "roster.idx")
	if code, _ := runRulesCLI(t, "rules", "keygen", key); code != 0 {
		t.Fatalf("keygen: exit %d", code)
	}
	if code, _ := runRulesCLI(t, "roster", "import", "--columns", "氏名,生年月日", "--key", key, "--out", index, master); code != 0 {
		t.Fatalf("roster import: exit %d", code)
	}
	out := filepath.Join(tmp, "r.jsonl")
	var said bytes.Buffer
	errOut = &said
	t.Cleanup(func() { errOut = os.Stderr })
	if code := runCLI(t, "scan", "--no-state", "--rules", rules, "--roster", index, "--roster-key", key,
		"--report-unused-allowlist", "-o", out, dir); code != 0 {
		t.Fatalf("scan: exit %d", code)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs := map[string]report.FileRecord{}
	if _, err := report.Read(f, func(r report.FileRecord) error { recs[r.Path] = r; return nil }); err != nil {
		t.Fatal(err)
	}
	roster := recs["成績/学籍.csv"]
	if _, ok := roster.Categories["custom:student_id"]; !ok {
		t.Errorf("custom category not found: %v", roster.Categories)
	}
	if roster.Confirmed != 2 {
		t.Errorf("confirmed rows %d, want 2 (山田 太郎 and 佐藤 花子 are in the master list)", roster.Confirmed)
	}
	if r, ok := recs["公開/挨拶.txt"]; ok {
		t.Errorf("an allowlisted file was reported with findings: %+v", r.Categories)
	}
	if code := runCLI(t, "scan", "--no-state", "--rules", filepath.Join(tmp, "missing.toml"), dir); code != 2 {
		t.Errorf("missing rules file: exit %d, want 2", code)
	}
	if code := runCLI(t, "scan", "--no-state", "--roster", index, dir); code != 2 {
		t.Errorf("roster without its key: exit %d, want 2", code)
	}
	if !strings.Contains(said.String(), "事務/**") || strings.Contains(said.String(), "挨拶") {
		t.Errorf("unused allowlist entries: want the 事務/** entry only, got %q", said.String())
	}
}
