package main

import (
	"slices"
	"testing"
)

// TestOfficeDocuments scans the Word, OpenDocument and PowerPoint fixtures
// of scan/testdata/office (written by LibreOffice, see
// fixtures/office/make_documents.sh) end to end: the letter's phone number,
// split by Word across formatting runs, is found whole in its paragraph,
// the addressee before 様 is a name, and the table of eight pupils counts
// one subject per row (eight, plus the addressee).
func TestOfficeDocuments(t *testing.T) {
	files, _, _, err := scanToFile(t, scanOptions{Roots: []string{"scan/testdata/office"}, All: true, Volume: 100})
	if err != nil {
		t.Fatalf("scan: %v", err)
	}
	cases := map[string]struct {
		format   string
		subjects int
		table    string // where the first pupil's name is
		wants    map[string]string
	}{
		// 8 pupils in the table, the addressee, and the author named in the
		// document's properties (作成者).
		"letter.docx": {"docx", 10, "表1!B2", map[string]string{"person_name": "p2", "phone": "p3", "address": "表1!D2"}},
		"letter.odt":  {"odt", 10, "Table1!B2", map[string]string{"person_name": "p2", "phone": "p3", "address": "Table1!D2"}},
		"slides.pptx": {"pptx", 4, "スライド2表1!A2", map[string]string{"person_name": "p2", "phone": "p2"}},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			r, ok := files[name]
			if !ok {
				t.Fatal("no record")
			}
			if r.Format != c.format || r.Status != "ok" {
				t.Fatalf("format %s status %s reason %q", r.Format, r.Status, r.Reason)
			}
			if r.Subjects != c.subjects {
				t.Errorf("subjects %d, want %d", r.Subjects, c.subjects)
			}
			if locs := r.Categories["person_name"].Locations; !slices.Contains(locs, c.table) {
				t.Errorf("person_name at %v, want %s among them", locs, c.table)
			}
			for cat, loc := range c.wants {
				if locs := r.Categories[cat].Locations; !slices.Contains(locs, loc) {
					t.Errorf("%s at %v, want %s among them (categories %v)", cat, locs, loc, categoryKeys(r))
				}
			}
		})
	}
}
