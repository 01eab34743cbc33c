package scan

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLimitsAreHonoured: each container limit stops a file when set below
// what the file needs, and the same file reads whole under the default.
func TestLimitsAreHonoured(t *testing.T) {
	read := func(name string) []byte {
		data, err := os.ReadFile(filepath.Join("testdata", "office", name))
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	cases := map[string]struct {
		file   string
		set    func(*Limits)
		status Status
		reason string // substring of the reason when limited
		trunc  bool
	}{
		"cells":    {"roster.xlsx", func(l *Limits) { l.MaxCells = 5 }, StatusOK, "", true},
		"unpacked": {"letter.docx", func(l *Limits) { l.MaxUnpacked = 100 }, StatusError, "--max-unpacked", false},
		"ods":      {"roster.ods", func(l *Limits) { l.MaxUnpacked = 100 }, StatusError, "--max-unpacked", false},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			data := read(tc.file)
			f, _ := extractBytes(t, tc.file, data, DefaultLimits)
			if f.Status != StatusOK || f.Truncated {
				t.Fatalf("default limits: %s %q truncated=%v", f.Status, f.Reason, f.Truncated)
			}
			lim := DefaultLimits
			tc.set(&lim)
			f, _ = extractBytes(t, tc.file, data, lim)
			if f.Status != tc.status || f.Truncated != tc.trunc || !strings.Contains(f.Reason, tc.reason) {
				t.Errorf("limited: %s %q truncated=%v, want %s %q truncated=%v", f.Status, f.Reason, f.Truncated, tc.status, tc.reason, tc.trunc)
			}
		})
	}
}

// TestArchiveLimits: --max-depth and --max-members, lowered and raised.
func TestArchiveLimits(t *testing.T) {
	csv := []byte("氏名\n山田 太郎\n")
	nested := zipOf(t, map[string][]byte{"x.csv": csv})
	nested = zipOf(t, map[string][]byte{"in.zip": nested})
	wide := zipOf(t, map[string][]byte{"a.csv": csv, "b.csv": csv, "c.csv": csv})
	dir := t.TempDir()
	for name, data := range map[string][]byte{"nested.zip": nested, "wide.zip": wide} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	scanWith := func(lim Limits) map[string]*File {
		h := &archiveRecorder{records: map[string]*File{}, rows: map[string]int{}}
		if err := Run(context.Background(), []string{dir}, Options{Workers: 1, Limits: lim}, h); err != nil {
			t.Fatal(err)
		}
		return h.records
	}
	lim := DefaultLimits
	lim.MaxDepth, lim.MaxMembers = 1, 2
	got := scanWith(lim)
	if f := got["nested.zip!/in.zip!/x.csv"]; f == nil || f.Status != StatusSkipped || !strings.Contains(f.Reason, "--max-depth") {
		t.Errorf("depth 1: %+v, want skipped for depth", f)
	}
	if f := got["wide.zip"]; f == nil || !f.Truncated {
		t.Errorf("2 members: wide.zip %+v, want truncated", f)
	}
	if n := len(got); n != 2+2+2 { // two archives, in.zip and x.csv, two of wide's three
		t.Errorf("records with lowered limits: %d", n)
	}
	got = scanWith(DefaultLimits)
	if f := got["nested.zip!/in.zip!/x.csv"]; f == nil || f.Status != StatusOK {
		t.Errorf("default depth: %+v, want ok", f)
	}
	if f := got["wide.zip"]; f == nil || f.Truncated || got["wide.zip!/c.csv"] == nil {
		t.Errorf("default members: wide.zip %+v, want all three read", f)
	}
}
