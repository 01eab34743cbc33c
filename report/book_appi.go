package report

import (
	"slices"

	"mamori/detect"
)

// APPITotals are the figures a 漏えい等報告 (report of a leak to the
// Personal Information Protection Commission) asks for, were every file in
// the book to leak.
type APPITotals struct {
	People              int               `json:"people"`                // 本人の数
	PeopleBasis         string            `json:"people_basis"`          // see the People* constants
	PeopleEstimate      bool              `json:"people_estimate"`       // names may collide: an estimate
	PeopleSummed        bool              `json:"people_summed"`         // summed across reports: an upper bound
	Items               []detect.Category `json:"items"`                 // 項目: categories present, CONTRACT.md order
	Sensitive           bool              `json:"sensitive"`             // 要配慮個人情報 involved
	Financial           bool              `json:"financial"`             // 財産的被害のおそれ
	MyNumber            bool              `json:"my_number"`             // 特定個人情報 involved
	Volume              bool              `json:"volume"`                // a file above the sector's threshold
	Reportable          bool              `json:"reportable"`            // any file with an APPI reason
	EncryptedFiles      []string          `json:"encrypted_files"`       // paths already encrypted
	UnencryptedHighRisk []string          `json:"unencrypted_high_risk"` // paths to deal with first, by score
}

// How People was counted.
const (
	PeopleDistinct = "distinct" // the scans' distinct-people figures
	PeopleFiles    = "files"    // subjects summed over files: a person in several files counts each time
)

func (b *Book) appiTotals() APPITotals {
	a := APPITotals{Items: []detect.Category{}, EncryptedFiles: []string{}, UnencryptedHighRisk: []string{}}
	a.People, a.PeopleBasis, a.PeopleEstimate = b.countPeople()
	a.PeopleSummed = len(b.Sources) > 1
	for _, c := range b.Totals.Categories {
		a.Items = append(a.Items, c.Category)
	}
	for i := range b.Files {
		f := &b.Files[i]
		a.Sensitive = a.Sensitive || slices.Contains(f.APPI, detect.ReasonSensitive)
		a.Financial = a.Financial || slices.Contains(f.APPI, detect.ReasonFinancial)
		a.MyNumber = a.MyNumber || slices.Contains(f.APPI, detect.ReasonMyNumber)
		a.Volume = a.Volume || slices.Contains(f.APPI, detect.ReasonVolume)
		a.Reportable = a.Reportable || len(f.APPI) > 0
		if f.Encrypted {
			a.EncryptedFiles = append(a.EncryptedFiles, f.Path)
		}
		if f.NeedsAction() {
			a.UnencryptedHighRisk = append(a.UnencryptedHighRisk, f.Path)
		}
	}
	return a
}

// countPeople uses each report's distinct-people figure when it wrote one,
// else the sum of its files' subjects, and adds the reports up.
func (b *Book) countPeople() (people int, basis string, estimate bool) {
	basis = PeopleDistinct
	if len(b.people) == 0 {
		basis = PeopleFiles
	}
	for _, p := range b.people {
		if p.ok {
			people += p.distinct
			estimate = estimate || p.estimate
			continue
		}
		people += p.subjects
		basis = PeopleFiles
	}
	return people, basis, estimate
}
