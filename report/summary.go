package report

import (
	"time"

	"mamori/detect"
	"mamori/scan"
)

// Summary is the last line of the report (`type: summary`).
type Summary struct {
	Type             string                  `json:"type"`
	Roots            []string                `json:"roots"`
	Started          string                  `json:"started"`
	Finished         string                  `json:"finished"`
	Interrupted      bool                    `json:"interrupted"`
	Files            int                     `json:"files"`
	Scanned          int                     `json:"scanned"`
	WithPersonalData int                     `json:"with_personal_data"`
	Subjects         int                     `json:"subjects"`
	People           int                     `json:"people"`          // distinct people across the files, an estimate (see detect/people.go)
	PeopleEstimate   bool                    `json:"people_estimate"` // always true when People > 0: names may collide or be written two ways
	NotExamined      int                     `json:"not_examined"`
	ByCategory       map[detect.Category]int `json:"by_category"`
	ByStatus         map[scan.Status]int     `json:"by_status"`
	ByRisk           map[detect.Risk]int     `json:"by_risk"`
	ByAPPI           map[string]int          `json:"by_appi"` // files per APPI reason (sensitive, financial, my_number, volume)
	Bytes            int64                   `json:"bytes"`
}

func newSummary(roots []string, started time.Time) Summary {
	shown := make([]string, len(roots))
	for i, r := range roots {
		shown[i] = displayPath(r)
	}
	return Summary{
		Type:       "summary",
		Roots:      shown,
		Started:    started.Format(time.RFC3339),
		ByCategory: map[detect.Category]int{},
		ByStatus:   map[scan.Status]int{},
		ByRisk:     map[detect.Risk]int{},
		ByAPPI:     map[string]int{},
	}
}

func (s *Summary) add(r *FileRecord) {
	s.Files++
	s.ByStatus[r.Status]++
	if r.Status != scan.StatusOK {
		s.NotExamined++
		return
	}
	s.Scanned++
	s.Bytes += r.Size
	s.ByRisk[r.Risk]++
	if !r.HasPersonalData() {
		return
	}
	s.WithPersonalData++
	s.Subjects += r.Subjects
	for c := range r.Categories {
		s.ByCategory[c]++
	}
	for _, a := range r.APPI {
		s.ByAPPI[a]++
	}
}

// Errors is the number of files that could not be examined because of an error.
func (s *Summary) Errors() int { return s.ByStatus[scan.StatusError] }
