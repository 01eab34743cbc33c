package report

import (
	"path/filepath"
	"slices"
	"strings"

	"mamori/detect"
	"mamori/scan"
)

// Totals sum the book's files.
type Totals struct {
	Files               int                     `json:"files"`              // files the scans met
	Examined            int                     `json:"examined"`           // read and scanned (status ok)
	NotExamined         int                     `json:"not_examined"`       // skipped, protected, encrypted, error
	WithPersonalData    int                     `json:"with_personal_data"` // files where anything was found
	Subjects            int                     `json:"subjects"`           // subjects summed over files (one pupil in three files counts three times)
	Reportable          int                     `json:"reportable"`         // files with an APPI reason
	Encrypted           int                     `json:"encrypted"`          // files encrypted (by the scan's status or a manifest)
	UnencryptedHighRisk int                     `json:"unencrypted_high_risk"`
	Exposed             int                     `json:"exposed"`    // files with personal data and any exposure reason
	Open                int                     `json:"open"`       // of which others can read (world, group, guest share, shared folder)
	ByRisk              map[detect.Risk]int     `json:"by_risk"`    // examined files; none includes files left out of the report
	ByStatus            map[scan.Status]int     `json:"by_status"`  // ok from the summaries; the others from the records
	Categories          []CategoryTotal         `json:"categories"` // in CONTRACT.md order
	Folders             []FolderTotal           `json:"folders"`    // top-level folders holding personal data
	catIndex            map[detect.Category]int // into Categories
}

// CategoryTotal is one category of personal data across the book.
type CategoryTotal struct {
	Category detect.Category `json:"category"`
	Files    int             `json:"files"`
	Subjects int             `json:"subjects"` // subjects of the files that hold it, summed
}

// FolderTotal is one top-level folder (relative to its scan root).
type FolderTotal struct {
	Folder   string `json:"folder"`
	Files    int    `json:"files"`     // files with personal data
	Open     int    `json:"open"`      // of which others can read
	HighRisk int    `json:"high_risk"` // of which high risk and not encrypted
	Subjects int    `json:"subjects"`
}

// addFiles sums the files. A complete report's summary counts the files
// with nothing found, which its records leave out; a report cut short has
// no summary, and its files are counted from its records.
func (t *Totals) addFiles(files []BookFile, sums []Summary) {
	t.ByRisk = map[detect.Risk]int{}
	t.ByStatus = map[scan.Status]int{}
	t.Categories = []CategoryTotal{}
	t.catIndex = map[detect.Category]int{}
	folders := map[string]*FolderTotal{}
	roots := distinctRoots(files)
	seen := make([]Totals, len(sums)) // per source: files and examined in its records
	for i := range files {
		f := &files[i]
		seen[f.Source].Files++
		if f.Status == scan.StatusOK {
			seen[f.Source].Examined++
		}
		t.addFile(f, folders, roots)
	}
	t.Files, t.Examined = 0, 0
	for i, s := range sums {
		if s.Type == "summary" {
			t.Files += max(s.Files, seen[i].Files)
			t.Examined += max(s.Scanned, seen[i].Examined)
		} else {
			t.Files += seen[i].Files
			t.Examined += seen[i].Examined
		}
	}
	t.ByRisk[detect.RiskNone] = t.Examined - t.ByRisk[detect.RiskHigh] - t.ByRisk[detect.RiskMedium] - t.ByRisk[detect.RiskLow]
	t.NotExamined = t.Files - t.Examined
	t.ByStatus[scan.StatusOK] = t.Examined // files with nothing found are in summaries only
	slices.SortStableFunc(t.Categories, func(a, b CategoryTotal) int { return categoryOrder(a.Category) - categoryOrder(b.Category) })
	t.Folders = sortedFolders(folders)
}

func (t *Totals) addFile(f *BookFile, folders map[string]*FolderTotal, roots int) {
	t.ByStatus[f.Status]++
	if f.Encrypted {
		t.Encrypted++
	}
	if f.Status != scan.StatusOK {
		return
	}
	t.ByRisk[f.Risk]++
	if !f.HasPersonalData() {
		return
	}
	t.WithPersonalData++
	t.Subjects += f.Subjects
	if len(f.APPI) > 0 {
		t.Reportable++
	}
	if f.NeedsAction() {
		t.UnencryptedHighRisk++
	}
	if f.Exposed() {
		t.Exposed++
	}
	if f.Open() {
		t.Open++
	}
	for c := range f.Categories {
		t.addCategory(c, f.Subjects)
	}
	t.addFolder(f, folders, roots)
}

func (t *Totals) addCategory(c detect.Category, subjects int) {
	i, ok := t.catIndex[c]
	if !ok {
		i = len(t.Categories)
		t.catIndex[c] = i
		t.Categories = append(t.Categories, CategoryTotal{Category: c})
	}
	t.Categories[i].Files++
	t.Categories[i].Subjects += subjects
}

func (t *Totals) addFolder(f *BookFile, folders map[string]*FolderTotal, roots int) {
	name := topFolder(f.Path)
	if roots > 1 {
		name = filepath.Base(f.Root) + "/" + name
	}
	ft := folders[name]
	if ft == nil {
		ft = &FolderTotal{Folder: name}
		folders[name] = ft
	}
	ft.Files++
	ft.Subjects += f.Subjects
	if f.Open() {
		ft.Open++
	}
	if f.NeedsAction() {
		ft.HighRisk++
	}
}

// topFolder is the first element of a record's path; "." for a file at the root.
func topFolder(p string) string {
	parts := strings.FieldsFunc(p, func(r rune) bool { return r == '/' || r == '\\' })
	if len(parts) < 2 {
		return "."
	}
	return parts[0]
}

func distinctRoots(files []BookFile) int {
	seen := map[string]bool{}
	for _, f := range files {
		seen[f.Root] = true
	}
	return len(seen)
}

func sortedFolders(m map[string]*FolderTotal) []FolderTotal {
	out := make([]FolderTotal, 0, len(m))
	for _, f := range m {
		out = append(out, *f)
	}
	slices.SortFunc(out, func(a, b FolderTotal) int {
		if d := b.HighRisk - a.HighRisk; d != 0 {
			return d
		}
		if d := b.Files - a.Files; d != 0 {
			return d
		}
		return strings.Compare(a.Folder, b.Folder)
	})
	return out
}

// categoryOrder places built-in categories in CONTRACT.md order, then others.
func categoryOrder(c detect.Category) int {
	if i := slices.Index(detect.Categories, c); i >= 0 {
		return i
	}
	return len(detect.Categories)
}
