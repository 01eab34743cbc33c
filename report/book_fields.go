package report

import "mamori/scan"

// The book reads the scan's exposure, score and distinct-people figures
// only through these accessors, so a change of their shape touches one file.

// exposureOf returns what the scan measured of the file's exposure, or nil.
func exposureOf(r *FileRecord) *scan.Exposure { return r.Exposure }

// scoreOf returns the file's 0–100 score.
func scoreOf(r *FileRecord) int { return r.Score }

// rescore scores a record again once its risk was re-assessed for the
// book's sector, so the ranking follows --sector as the APPI reasons do.
// Score is deterministic: with the scan's sector it gives the scan's score.
func rescore(r *FileRecord) { r.Score = Score(r) }

// peopleOf returns the distinct-people estimate a scan wrote in its summary,
// whether names may collide in it, and whether it was there at all.
// A report that found people has People > 0; one written before the field
// existed has People 0 with Subjects above 0.
func peopleOf(s *Summary) (people int, estimate, ok bool) {
	if s.Type != "summary" || (s.People == 0 && s.Subjects > 0) {
		return 0, false, false
	}
	return s.People, s.PeopleEstimate, true
}
