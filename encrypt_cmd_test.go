package main

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"filippo.io/age"

	"mamori/detect"
	"mamori/report"
)

func TestEncryptSelection(t *testing.T) {
	rec := func(risk detect.Risk, cats ...detect.Category) *report.FileRecord {
		r := &report.FileRecord{Risk: risk, Categories: map[detect.Category]detect.Finding{}}
		for _, c := range cats {
			r.Categories[c] = detect.Finding{Count: 1}
		}
		return r
	}
	for name, c := range map[string]struct {
		sel  encryptSelection
		rec  *report.FileRecord
		want bool
	}{
		"nothing found":          {encryptSelection{}, rec(detect.RiskNone), false},
		"default takes any":      {encryptSelection{}, rec(detect.RiskLow, detect.Gender), true},
		"below the risk":         {encryptSelection{minRisk: detect.RiskHigh}, rec(detect.RiskMedium, detect.Phone), false},
		"at the risk":            {encryptSelection{minRisk: detect.RiskMedium}, rec(detect.RiskMedium, detect.Phone), true},
		"above the risk":         {encryptSelection{minRisk: detect.RiskMedium}, rec(detect.RiskHigh, detect.MyNumber), true},
		"in a category":          {encryptSelection{categories: []detect.Category{detect.MyNumber}}, rec(detect.RiskHigh, detect.MyNumber, detect.PersonName), true},
		"not in the category":    {encryptSelection{categories: []detect.Category{detect.MyNumber}}, rec(detect.RiskMedium, detect.PersonName), false},
		"risk and category both": {encryptSelection{minRisk: detect.RiskHigh, categories: []detect.Category{detect.Phone}}, rec(detect.RiskMedium, detect.Phone), false},
	} {
		if got := c.sel.wants(c.rec); got != c.want {
			t.Errorf("%s: wants = %v", name, got)
		}
	}
}

// writeReport writes file records as a scan report.
func writeReport(t *testing.T, recs ...report.FileRecord) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "report.jsonl")
	f, _ := os.Create(p)
	defer f.Close()
	for _, r := range recs {
		r.Type = "file"
		json.NewEncoder(f).Encode(r)
	}
	return p
}

func TestTargetsFromReportArchiveOnce(t *testing.T) {
	found := map[detect.Category]detect.Finding{detect.Phone: {Count: 1}}
	rep := writeReport(t,
		report.FileRecord{Root: "/srv/share", Path: "a.zip!/名簿.csv", Risk: detect.RiskMedium, Categories: found},
		report.FileRecord{Root: "/srv/share", Path: "a.zip!/b/連絡先.csv", Risk: detect.RiskMedium, Categories: found},
		report.FileRecord{Root: "/srv/share", Path: "clean.txt", Risk: detect.RiskNone},
		report.FileRecord{Root: "/srv/share", Path: "c.csv", Risk: detect.RiskMedium, Categories: found},
	)
	got, err := targetsFromReport(rep, encryptSelection{})
	want := []string{"/srv/share/a.zip", "/srv/share/c.csv"}
	if err != nil || !slices.Equal(got, want) {
		t.Errorf("targets %v %v, want %v", got, err, want)
	}
}

// runCLI runs mamori with args and returns the exit code.
func runCLI(t *testing.T, args ...string) int {
	t.Helper()
	app := newApp()
	app.Writer = io.Discard
	return exitCode(app.RunContext(context.Background(), append([]string{"mamori"}, args...)))
}

func TestEncryptCommand(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "名簿.csv")
	os.WriteFile(p, []byte("山田 太郎,090-1234-5678\n"), 0o640)
	rep := writeReport(t, report.FileRecord{Root: dir, Path: "名簿.csv", Risk: detect.RiskMedium,
		Categories: map[detect.Category]detect.Finding{detect.Phone: {Count: 1}}})
	id, _ := age.GenerateX25519Identity()
	key := filepath.Join(dir, "key.txt")
	os.WriteFile(key, []byte(id.String()+"\n"), 0o600)
	man := filepath.Join(dir, "manifest.jsonl")
	pub := id.Recipient().String()

	cases := []struct {
		name string
		args []string
		code int
	}{
		{"no recipient", []string{"encrypt", "--from", rep}, 2},
		{"private key as recipient", []string{"encrypt", "--from", rep, "-r", id.String()}, 2},
		{"identity without verify", []string{"encrypt", "--from", rep, "-r", pub, "-i", key}, 2},
		{"bad risk", []string{"encrypt", "--from", rep, "-r", pub, "--min-risk", "extreme"}, 2},
		{"dry run", []string{"encrypt", "--from", rep, "-r", pub, "--dry-run", "--manifest", man}, 0},
		{"encrypt and verify", []string{"encrypt", "--from", rep, "-r", pub, "--verify", "-i", key, "--manifest", man}, 0},
		{"again: skipped", []string{"encrypt", "--from", rep, "-r", pub, "--manifest", man}, 0},
		{"decrypt", []string{"decrypt", "-i", key, "--manifest", man, dir}, 0},
	}
	for _, c := range cases {
		if got := runCLI(t, c.args...); got != c.code {
			t.Fatalf("%s: exit %d, want %d", c.name, got, c.code)
		}
		if c.name == "dry run" && (encExists(p+".age") || encExists(man)) {
			t.Fatal("dry run changed something")
		}
	}
	b, _ := os.ReadFile(p)
	m, _ := os.ReadFile(man)
	if string(b) != "山田 太郎,090-1234-5678\n" || strings.Count(string(m), "\n") != 3 || strings.Contains(string(m), "AGE-SECRET-KEY") {
		t.Errorf("after the round trip: %q; manifest:\n%s", b, m)
	}
	// A .age that is not this file's: exit 3, both left alone.
	os.WriteFile(p+".age", []byte("not ours"), 0o600)
	if got := runCLI(t, "encrypt", "--from", rep, "-r", pub, "--manifest", man); got != 3 {
		t.Errorf("conflict: exit %d, want 3", got)
	}
	if !encExists(p) {
		t.Error("conflict removed the original")
	}
}

func TestScanEncrypt(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "名簿.csv"), []byte("氏名,電話番号\n山田 太郎,090-1234-5678\n佐藤 花子,080-2345-6789\n"), 0o600)
	os.WriteFile(filepath.Join(dir, "readme.txt"), []byte("nothing personal\n"), 0o600)
	id, _ := age.GenerateX25519Identity()
	man := filepath.Join(t.TempDir(), "m.jsonl")
	if code := runCLI(t, "scan", "-o", filepath.Join(t.TempDir(), "r.jsonl"), "-r", id.Recipient().String(), dir); code != 2 {
		t.Errorf("-r without --encrypt: exit %d, want 2", code)
	}
	code := runCLI(t, "scan", "-o", filepath.Join(t.TempDir(), "r.jsonl"), "--encrypt", "-r", id.Recipient().String(), "--manifest", man, dir)
	if code != 0 || !encExists(filepath.Join(dir, "名簿.csv.age")) || encExists(filepath.Join(dir, "名簿.csv")) || !encExists(filepath.Join(dir, "readme.txt")) {
		t.Errorf("scan --encrypt: exit %d", code)
	}
}

func encExists(p string) bool { _, err := os.Lstat(p); return err == nil }
