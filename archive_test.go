package main

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestArchiveReport: a roster inside a zip is reported as a file of its own,
// named inside the archive, and counted; a member name in Shift_JIS (as
// Japanese Windows writes zips) is shown decoded.
func TestArchiveReport(t *testing.T) {
	roster, err := os.ReadFile("fixtures/share/校務/給食費/口座振替.csv")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range []string{"移行用/口座振替.csv", "\x96\xbc\x95\xeb.csv"} { // the second is 名簿.csv in Shift_JIS
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, NonUTF8: true})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(roster)
	}
	zw.Close()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "backup.zip"), buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	files, sum, _, err := scanToFile(t, scanOptions{Roots: []string{dir}, All: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"backup.zip!/移行用/口座振替.csv", "backup.zip!/名簿.csv"} {
		r, ok := files[path]
		if !ok {
			t.Errorf("no record for %s among %d", path, len(files))
			continue
		}
		if r.Subjects != 25 || r.Risk != "high" {
			t.Errorf("%s: subjects %d risk %s, want 25 high", path, r.Subjects, r.Risk)
		}
	}
	if a := files["backup.zip"]; a.Status != "ok" || a.Format != "zip" {
		t.Errorf("archive record %s/%s", a.Status, a.Format)
	}
	if sum.Files != 3 || sum.Subjects != 50 {
		t.Errorf("summary files %d subjects %d, want 3 and 50", sum.Files, sum.Subjects)
	}
}
