package report

import (
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"mamori/scan"
)

// Diff is what changed between an earlier scan report (--since) and the
// book's reports: the weekly view of an overnight job. Files are matched by
// their root and path as the reports show them (an archive member by its
// own path, a.zip!/名簿.csv), so both scans must be given the roots the
// same way; an age file (名簿.csv.age) is matched with the file it
// encrypts. Each file gets at most one change, the first that applies in
// the order of the Change constants.
type Diff struct {
	Since   Source         `json:"since"`   // the earlier report
	Counts  map[Change]int `json:"counts"`  // files per change
	Changes []DiffFile     `json:"changes"` // in the order of the Change constants, then by score
}

// Change is what happened to one file between the two scans.
type Change string

// Changes, in the order a reader deals with them.
const (
	ChangeNew         Change = "new"          // personal data now, none (or no file) before
	ChangeRiskUp      Change = "risk_up"      // personal data both times, higher risk now
	ChangeNotExamined Change = "not_examined" // could not be read now (error, protected; or skipped when it was read before), and was read before or is new
	ChangePeople      Change = "people"       // same risk, another number of people
	ChangeRiskDown    Change = "risk_down"    // lower risk now, still some personal data
	ChangeEncrypted   Change = "encrypted"    // encrypted now (an age file, or per --manifest), not before
	ChangeGone        Change = "gone"         // personal data before; now no file, or nothing found in it
)

var changeOrder = []Change{ChangeNew, ChangeRiskUp, ChangeNotExamined, ChangePeople, ChangeRiskDown, ChangeEncrypted, ChangeGone}

// DiffFile is one changed file: how it is now and how it was.
type DiffFile struct {
	Change      Change      `json:"change"`
	Path        string      `json:"path"`
	Root        string      `json:"root"`
	Risk        string      `json:"risk,omitempty"` // now; empty when gone
	OldRisk     string      `json:"old_risk,omitempty"`
	Subjects    int         `json:"subjects"`
	OldSubjects int         `json:"old_subjects"`
	Score       int         `json:"score"`
	OldScore    int         `json:"old_score"`
	Status      scan.Status `json:"status,omitempty"`
	OldStatus   scan.Status `json:"old_status,omitempty"`

	file *BookFile // the file now, or for gone the file before
}

// CompareWithFile reads the earlier report at path and sets b.Diff. Call it
// after Finish.
func (b *Book) CompareWithFile(path string) error { return readFile(path, b.CompareWith) }

// CompareWith reads the earlier report (name is how it is shown) and sets
// b.Diff. Its files are assessed for the book's sector, as the book's are,
// so a change of --sector is not a change of the files.
func (b *Book) CompareWith(name string, r io.Reader) error {
	old := map[string]*BookFile{}
	var order []string
	sum, err := Read(r, func(rec FileRecord) error {
		f := b.fileFrom(rec, -1)
		k := diffKey(&f.FileRecord)
		if _, dup := old[k]; !dup {
			order = append(order, k)
		}
		old[k] = &f
		return nil
	})
	if err != nil {
		return fmt.Errorf("failed to read report %s: %w", name, err)
	}
	d := &Diff{
		Since: Source{Path: name, Roots: sum.Roots, Started: sum.Started, Finished: sum.Finished,
			Complete: sum.Type == "summary", Interrupted: sum.Interrupted},
		Counts: map[Change]int{}, Changes: []DiffFile{},
	}
	seen := map[string]bool{}
	for i := range b.Files {
		f := &b.Files[i]
		k := diffKey(&f.FileRecord)
		seen[k] = true
		if c, ok := changeOf(old[k], f); ok {
			d.add(c, old[k], f, f)
		}
	}
	for _, k := range order {
		if o := old[k]; !seen[k] && hadData(o) {
			d.add(ChangeGone, o, nil, o)
		}
	}
	slices.SortStableFunc(d.Changes, func(a, b DiffFile) int {
		if d := slices.Index(changeOrder, a.Change) - slices.Index(changeOrder, b.Change); d != 0 {
			return d
		}
		return b.Score + b.OldScore - a.Score - a.OldScore
	})
	b.Diff = d
	return nil
}

// diffKey names a file for matching: root and path, raw bytes when the name
// was not UTF-8, and an age file by the file it encrypts.
func diffKey(r *FileRecord) string {
	p := r.Path
	if len(r.PathBytes) > 0 {
		p = string(r.PathBytes)
	}
	if r.Status == scan.StatusEncrypted {
		p = strings.TrimSuffix(p, ageSuffix)
	}
	return filepath.ToSlash(filepath.Join(r.Root, p))
}

// ageSuffix is the name mamori encrypt gives an encrypted file (the report
// package may not import encrypt).
const ageSuffix = ".age"

// hadData reports whether the file held personal data and was readable.
func hadData(f *BookFile) bool {
	return f != nil && f.Status == scan.StatusOK && f.HasPersonalData() && !f.Encrypted
}

// changeOf is the change from old (nil when the earlier scan did not list
// the file) to now, if any.
func changeOf(old, now *BookFile) (Change, bool) {
	wasEncrypted := old != nil && old.Encrypted
	switch {
	case now.Encrypted:
		return ChangeEncrypted, !wasEncrypted && (old != nil || now.HasPersonalData())
	case now.Status != scan.StatusOK:
		return ChangeNotExamined, newlyUnread(old, now)
	case !now.HasPersonalData():
		return ChangeGone, hadData(old)
	case !hadData(old):
		return ChangeNew, true
	}
	switch d := riskRank(now.Risk) - riskRank(old.Risk); {
	case d > 0:
		return ChangeRiskUp, true
	case d < 0:
		return ChangeRiskDown, true
	}
	return ChangePeople, now.Subjects != old.Subjects
}

// newlyUnread: a file that cannot be read now, and could be before or is
// new; a file skipped by a rule (size, type, pattern) counts only when it
// was read before.
func newlyUnread(old, now *BookFile) bool {
	if old == nil {
		return now.Status == scan.StatusError || now.Status == scan.StatusProtected
	}
	return old.Status == scan.StatusOK
}

func (d *Diff) add(c Change, old, now, file *BookFile) {
	df := DiffFile{Change: c, file: file, Path: file.Path, Root: file.Root}
	if now != nil {
		df.Risk, df.Subjects, df.Score, df.Status = string(now.Risk), now.Subjects, now.Score(), now.Status
	}
	if old != nil {
		df.OldRisk, df.OldSubjects, df.OldScore, df.OldStatus = string(old.Risk), old.Subjects, old.Score(), old.Status
	}
	d.Changes = append(d.Changes, df)
	d.Counts[c]++
}

// changeByFile maps the book's changed files to their change, for the CSV.
func (d *Diff) changeByFile() map[*BookFile]Change {
	m := map[*BookFile]Change{}
	for i := range d.Changes {
		if c := &d.Changes[i]; c.Change != ChangeGone || c.Status != "" {
			m[c.file] = c.Change
		}
	}
	return m
}

// csvChangeName is the change cell of a file of the book: empty when
// unchanged; gone for a file still there means nothing is found in it now.
func csvChangeName(l Lang, c Change) string {
	switch c {
	case "":
		return ""
	case ChangeGone:
		return l.T("change.gone_now_clean")
	}
	return l.ChangeName(c)
}

// gone returns the files that held personal data before and are gone now.
func (d *Diff) gone() []*BookFile {
	var out []*BookFile
	for i := range d.Changes {
		if c := &d.Changes[i]; c.Change == ChangeGone && c.Status == "" {
			out = append(out, c.file)
		}
	}
	return out
}
