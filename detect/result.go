package detect

import "slices"

// Result is what one file holds.
type Result struct {
	Subjects   int // 本人の数: rows about a person, plus people found in prose
	Categories map[Category]Finding
	// People are keyed hashes of the people the file is about (see
	// people.go), for counting people across files; never written out.
	People []uint64
	// Notices say what went wrong with a rule on this file, such as a
	// rules-file pattern that ran out of time; they hold no found value.
	Notices []string
	// Confirmed is the number of table rows that matched the roster: the
	// organisation's own people, known for certain.
	Confirmed int
	// Allowed says an allowlist entry covers the whole file: it is
	// reported with nothing found.
	Allowed bool

	kinds map[Category]Kind // of custom categories (Detector.Kind)
}

// kind is the kind of c, a custom category's as its rules file says.
func (r Result) kind(c Category) Kind {
	if k, ok := r.kinds[c]; ok {
		return k
	}
	return c.Kind()
}

// Finding is one category's findings in a file. Samples are masked.
type Finding struct {
	Count     int      `json:"count"`
	Columns   []string `json:"columns,omitempty"`
	Samples   []string `json:"samples"`
	Locations []string `json:"locations"`
}

// Risk levels of CONTRACT.md section 3.
type Risk string

const (
	RiskHigh   Risk = "high"
	RiskMedium Risk = "medium"
	RiskLow    Risk = "low"
	RiskNone   Risk = "none"
)

// APPI reasons of CONTRACT.md section 2.
const (
	ReasonSensitive = "sensitive"
	ReasonFinancial = "financial"
	ReasonMyNumber  = "my_number"
	ReasonVolume    = "volume"
)

// Volume thresholds of CONTRACT.md section 2.
const (
	VolumePublic  = 100  // 地方公共団体 and public schools
	VolumePrivate = 1000 // private bodies
)

// Assess returns the APPI reasons a leak of the file would have to be
// reported for, and its risk. volume is the subject threshold of the sector.
func (r Result) Assess(volume int) (Risk, []string) {
	var appi []string
	has := func(c Category) bool { _, ok := r.Categories[c]; return ok }
	direct := false
	health, financial := false, false
	for c := range r.Categories {
		switch r.kind(c) {
		case Direct:
			direct = true
		case Health:
			health = true
		case Financial:
			financial = true
		}
	}
	if health {
		appi = append(appi, ReasonSensitive)
	}
	if financial && direct {
		appi = append(appi, ReasonFinancial)
	}
	if has(MyNumber) {
		appi = append(appi, ReasonMyNumber)
	}
	if r.Subjects > volume {
		appi = append(appi, ReasonVolume)
	}
	switch {
	case len(appi) > 0:
		return RiskHigh, appi
	case direct || financial:
		return RiskMedium, nil
	case len(r.Categories) > 0:
		return RiskLow, nil
	}
	return RiskNone, nil
}

// Sorted returns the result's categories in the order of CONTRACT.md.
func (r Result) Sorted() []Category {
	var out []Category
	for _, c := range Categories {
		if _, ok := r.Categories[c]; ok {
			out = append(out, c)
		}
	}
	var extra []Category
	for c := range r.Categories {
		if !slices.Contains(Categories, c) {
			extra = append(extra, c)
		}
	}
	slices.Sort(extra)
	return append(out, extra...)
}
