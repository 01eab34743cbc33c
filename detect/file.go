package detect

import (
	"hash/maphash"
	"slices"

	"mamori/scan"
)

// Report limits of CONTRACT.md section 3.
const (
	maxSamples   = 3
	maxLocations = 5
	// maxSampleTries bounds the masking done in search of distinct samples:
	// a gender column masks to one shape, and masking every row costs time.
	maxSampleTries = 32
	// maxDistinct bounds the values remembered per category to count
	// distinct ones in prose (8 bytes each); past it counts are estimates.
	maxDistinct = 1 << 20
)

// File gathers what one file holds. It implements scan.Sink. A File is
// used by one goroutine: make one per file with Detector.NewFile.
type File struct {
	d        *Detector
	tables   map[string]*table
	found    map[Category]*finding
	subjects int // rows about a person, over all tables
	matches  []Match

	notes     Notes      // rules that failed on this file (a pattern that timed out)
	allow     *FileAllow // the allowlist entries that apply to this file; nil allows nothing
	roster    *Roster    // the organisation's own people; nil matches nobody
	confirmed int        // rows and passages that matched the roster

	confirmedNames map[string]bool // people confirmed in prose, each counted once

	result *Result // once the file is finished

	hasher      peopleHasher
	rowPeople   map[uint64]struct{}              // people of the tables' rows
	prosePeople map[Category]map[uint64]struct{} // distinct direct identifiers in prose
}

type finding struct {
	Finding
	rule     Rule
	tries    int // values masked in search of distinct samples
	distinct map[uint64]struct{}
	seed     maphash.Seed
}

// NewFile starts the analysis of one file.
func (d *Detector) NewFile() *File {
	return &File{d: d, tables: map[string]*table{}, found: map[Category]*finding{}}
}

// Allow applies the allowlist entries of this file (Allowlist.ForFile).
func (f *File) Allow(fa *FileAllow) { f.allow = fa }

// Roster has rows matched against the organisation's own people.
func (f *File) Roster(r *Roster) { f.roster = r }

// Text reads a run of prose.
func (f *File) Text(s string, at scan.Loc) {
	folded, ms := f.d.FindTextNoting(s, f.matches[:0], &f.notes)
	var vals map[Category]string // for the roster: the passage's first value of each category
	for _, m := range ms {
		r, ok := f.d.Rule(m.Rule)
		if !ok || f.allow.Allows(m.Rule, r.Category(), m.Value) {
			continue
		}
		f.finding(r, m.Value, at.Advance(folded, m.Start), "", f.firstTime(r, m.Value))
		if f.roster != nil {
			if vals == nil {
				vals = map[Category]string{}
			}
			if _, ok := vals[r.Category()]; !ok {
				vals[r.Category()] = m.Value
			}
		}
	}
	f.matches = ms[:0]
	f.confirmPassage(vals)
}

// confirmPassage counts a passage whose values (a name and a birth date on
// one line, say) are those of a person in the roster, each person once.
func (f *File) confirmPassage(vals map[Category]string) {
	if len(vals) < 2 || !f.roster.Match(vals) {
		return
	}
	name := vals[PersonName]
	if f.confirmedNames == nil {
		f.confirmedNames = map[string]bool{}
	}
	if !f.confirmedNames[name] {
		f.confirmedNames[name] = true
		f.confirmed++
	}
}

// Row reads one record of a table.
func (f *File) Row(name string, cells []scan.Cell) {
	t := f.tables[name]
	if t == nil {
		t = &table{d: f.d, notes: &f.notes}
		f.tables[name] = t
	}
	t.add(cells, f)
}

// firstTime reports whether a prose value is new in its category, so prose
// counts distinct values rather than repetitions.
func (f *File) firstTime(r Rule, norm string) bool {
	fd := f.findingFor(r)
	if fd.distinct == nil {
		fd.distinct = map[uint64]struct{}{}
		fd.seed = maphash.MakeSeed()
	}
	h := maphash.String(fd.seed, norm)
	if _, ok := fd.distinct[h]; ok {
		return false
	}
	if len(fd.distinct) < maxDistinct {
		fd.distinct[h] = struct{}{}
	}
	if c := r.Category(); f.d.Kind(c) == Direct {
		if f.prosePeople == nil {
			f.prosePeople = map[Category]map[uint64]struct{}{}
		}
		set := f.prosePeople[c]
		f.addPerson(&set, f.hasher.sum(string(c), personNorm(cellHit{cat: c, norm: norm})))
		f.prosePeople[c] = set
	}
	return true
}

func (f *File) findingFor(r Rule) *finding {
	fd := f.found[r.Category()]
	if fd == nil {
		fd = &finding{rule: r}
		f.found[r.Category()] = fd
	}
	return fd
}

// finding records one found value; count says whether it adds to the count.
func (f *File) finding(r Rule, norm string, at scan.Loc, column string, count bool) {
	fd := f.findingFor(r)
	if count {
		fd.Count++
	}
	if column != "" && !slices.Contains(fd.Columns, column) {
		fd.Columns = append(fd.Columns, column)
	}
	if len(fd.Samples) < maxSamples && fd.tries < maxSampleTries {
		fd.tries++
		if s := r.Mask(norm); !slices.Contains(fd.Samples, s) {
			fd.Samples = append(fd.Samples, s)
		}
	}
	if count && len(fd.Locations) < maxLocations {
		fd.Locations = append(fd.Locations, at.String())
	}
}

// Result returns what was found, finishing the file first if the scan has
// not (see Finish). Once finished, a File takes no more text.
func (f *File) Result() Result {
	if f.result == nil {
		f.Finish()
	}
	return *f.result
}

// Finish judges the file's tables and keeps the result (scan.Finisher):
// the scan calls it on the worker that read the file.
func (f *File) Finish() {
	if f.result != nil {
		return
	}
	r := f.judge()
	f.result = &r
}

// judge finishes the file's tables and returns what was found.
func (f *File) judge() Result {
	for _, name := range sortedKeys(f.tables) {
		f.tables[name].finish(f)
	}
	res := Result{
		Subjects:   f.subjects + f.proseSubjects(),
		Categories: map[Category]Finding{},
		People:     f.people(),
		Notices:    f.notes.List(),
		Confirmed:  f.confirmed,
		kinds:      f.d.kinds,
	}
	if f.allow.Whole() {
		res.Allowed = true
		res.Subjects, res.People, res.Confirmed = 0, nil, 0
		return res
	}
	for c, fd := range f.found {
		if fd.Count > 0 {
			res.Categories[c] = fd.Finding
		}
	}
	if !res.aboutSomeone() {
		// An address with nobody it belongs to (a venue, an office) is not
		// personal data; tables already count it only in rows about a person.
		delete(res.Categories, Address)
	}
	return res
}

// aboutSomeone reports whether the result names or reaches a person: a
// direct identifier, an account or card, or people counted in a table.
func (r Result) aboutSomeone() bool {
	if r.Subjects > 0 {
		return true
	}
	for c := range r.Categories {
		if k := r.kind(c); k == Direct || k == Financial {
			return true
		}
	}
	return false
}

// proseSubjects estimates the people named in prose: until names are read
// (issue 3), the most distinct values of any one direct identifier.
func (f *File) proseSubjects() int {
	n := 0
	for c, fd := range f.found {
		if f.d.Kind(c) == Direct {
			n = max(n, len(fd.distinct))
		}
	}
	return n
}

// people returns the keys of the people the file is about: those of the
// tables' rows and, in prose, those of the direct identifier with the most
// distinct values (the one proseSubjects counts).
func (f *File) people() []uint64 {
	var prose map[uint64]struct{}
	for _, c := range personOrder {
		if s := f.prosePeople[c]; len(s) > len(prose) {
			prose = s
		}
	}
	keys := make([]uint64, 0, len(f.rowPeople)+len(prose))
	for k := range f.rowPeople {
		keys = append(keys, k)
	}
	for k := range prose {
		if _, dup := f.rowPeople[k]; !dup {
			keys = append(keys, k)
		}
	}
	return keys
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
