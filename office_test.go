package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestOfficeSpreadsheets runs the scan over the spreadsheet fixtures that
// LibreOffice wrote (fixtures/office/make_spreadsheets.sh): each roster is a
// table of 12 pupils whose columns are classified as in a CSV file, with
// locations as Sheet!B7, and a hidden sheet is named in the record.
func TestOfficeSpreadsheets(t *testing.T) {
	// Only the spreadsheets: the directory also holds other Office fixtures.
	dir := t.TempDir()
	for _, name := range []string{"roster.xlsx", "roster.ods", "hidden.xlsx", "hidden.ods"} {
		b, err := os.ReadFile(filepath.Join("scan/testdata/office", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	files, _, data, err := scanToFile(t, scanOptions{Roots: []string{dir}})
	if err != nil {
		t.Fatalf("scan: %v", err)
	}
	for _, name := range []string{"roster.xlsx", "roster.ods"} {
		r, ok := files[name]
		if !ok {
			t.Errorf("%s: no record", name)
			continue
		}
		if r.Status != "ok" || r.Subjects != 12 {
			t.Errorf("%s: status %q, subjects %d, want ok and 12", name, r.Status, r.Subjects)
		}
		for _, cat := range []string{"person_name", "phone", "birth_date", "address"} {
			f, ok := r.Categories[cat]
			if !ok {
				t.Errorf("%s: no %s", name, cat)
				continue
			}
			if len(f.Locations) == 0 || !strings.HasPrefix(f.Locations[0], "名簿!") {
				t.Errorf("%s: %s locations %d, first not on sheet 名簿", name, cat, len(f.Locations))
			}
		}
	}
	hidden := map[string][]string{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		var r struct {
			Path   string   `json:"path"`
			Hidden []string `json:"hidden_sheets"`
		}
		if json.Unmarshal(sc.Bytes(), &r) == nil && r.Hidden != nil {
			hidden[r.Path] = r.Hidden
		}
	}
	if !slices.Equal(hidden["hidden.xlsx"], []string{"保護者"}) || !slices.Equal(hidden["hidden.ods"], []string{"保護者"}) {
		t.Errorf("hidden sheets: xlsx %d, ods %d, want 1 each", len(hidden["hidden.xlsx"]), len(hidden["hidden.ods"]))
	}
}
