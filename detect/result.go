package detect

import "slices"

// Result is what one file holds.
type Result struct {
	Subjects   int // 本人の数: rows about a person, plus people found in prose
	Categories map[Category]Finding
	// People are keyed hashes of the people the file is about (see
	// people.go), for counting people across files; never written out.
	People []uint64
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
	for c := range r.Categories {
		if c.Kind() == Direct {
			direct = true
		}
	}
	if has(Allergy) || has(Medical) {
		appi = append(appi, ReasonSensitive)
	}
	if (has(BankAccount) || has(CreditCard)) && direct {
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
	case direct || has(BankAccount) || has(CreditCard):
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
