package report

import (
	"math"
	"slices"

	"mamori/detect"
	"mamori/scan"
)

// Score ranks a file from 0 to 100 by how much harm a leak would do and
// how easily it could leak. It is deterministic: the same record always
// gets the same score, so two officers get the same ranking.
//
//	score = round(100 × S × (0.5 + 0.5 × X))
//
// S, sensitivity (0–1), is
//
//		S = 0.40 × risk + 0.30 × kind + 0.30 × people
//
//	  - risk: high 1.0, medium 0.5, low 0.2, none 0.
//	  - kind: the weightiest category found: health (allergy, medical) 1.0,
//	    my_number 1.0, financial (bank_account, credit_card) 0.8, direct
//	    (person_name, phone, email) 0.5, quasi (address, birth_date,
//	    school_record, gender, nationality, and custom rules) 0.25; each
//	    further category adds 0.05; at most 1.
//	  - people: log10(1 + subjects) / log10(1 + 10,000), at most 1: one
//	    person 0.08, 10 people 0.26, 100 0.50, 1,000 0.75, 10,000 1.
//
// X, exposure (0–1), is the sum of the weights of the file's exposure
// reasons, at most 1: world_readable 0.40, guest_share 0.40,
// shared_path 0.20, group_readable 0.15, leftover_name 0.15, copy 0.15,
// stale 0.10.
//
// So a file scores at most half its sensitivity when nothing exposes it,
// and all of it when it is open to everyone; a file in which nothing was
// found (or that could not be read) scores 0 however exposed it is. For
// example, allergies of 30 pupils (high, person_name and allergy) in a
// world-readable file under 公開 score 65; the same file readable by its
// owner only, 41; a class list of 30 names (medium) in the same open
// place, 37.
func Score(r *FileRecord) int {
	s := Sensitivity(r)
	if s == 0 {
		return 0
	}
	var x float64
	if r.Exposure != nil {
		x = ExposureLevel(r.Exposure.Reasons)
	}
	return int(math.Round(100 * s * (exposureFloor + (1-exposureFloor)*x)))
}

// Weights of the score; see Score.
const (
	weightRisk   = 0.40 // of sensitivity: the risk level
	weightKind   = 0.30 // of sensitivity: the weightiest category
	weightPeople = 0.30 // of sensitivity: how many people, log-scaled

	kindBreadth = 0.05 // added to kind for each category after the first

	peopleFull = 10000 // subjects at which the people term is full

	exposureFloor = 0.5 // the share of sensitivity scored with no exposure
)

// riskWeights are the risk terms of sensitivity.
var riskWeights = map[detect.Risk]float64{
	detect.RiskHigh:   1.0,
	detect.RiskMedium: 0.5,
	detect.RiskLow:    0.2,
}

// kindWeights are the category terms, by kind; my_number is direct in
// kind but weighs as much as health (特定個人情報).
var kindWeights = map[detect.Kind]float64{
	detect.Health:    1.0,
	detect.Financial: 0.8,
	detect.Direct:    0.5,
	detect.Quasi:     0.25,
}

const myNumberWeight = 1.0

// reasonWeights are the exposure terms, by reason code.
var reasonWeights = map[string]float64{
	scan.ReasonWorldReadable: 0.40,
	scan.ReasonGuestShare:    0.40,
	scan.ReasonSharedPath:    0.20,
	scan.ReasonGroupReadable: 0.15,
	scan.ReasonLeftoverName:  0.15,
	ReasonCopy:               0.15, // the same people in another file: one more copy to lose
	scan.ReasonStale:         0.10,
}

// Sensitivity is S of Score, from 0 to 1; 0 when nothing was found.
func Sensitivity(r *FileRecord) float64 {
	if len(r.Categories) == 0 {
		return 0
	}
	return weightRisk*riskWeights[r.Risk] + weightKind*kindTerm(r.Categories) + weightPeople*peopleTerm(r.Subjects)
}

// kindTerm is the weight of the weightiest category plus kindBreadth for
// each other one, at most 1.
func kindTerm(cats map[detect.Category]detect.Finding) float64 {
	var top float64
	for c := range cats {
		w := kindWeights[c.Kind()]
		if c == detect.MyNumber {
			w = myNumberWeight
		}
		top = max(top, w)
	}
	return min(1, top+kindBreadth*float64(len(cats)-1))
}

// peopleTerm scales subjects logarithmically to 0–1.
func peopleTerm(subjects int) float64 {
	if subjects <= 0 {
		return 0
	}
	return min(1, math.Log10(1+float64(subjects))/math.Log10(1+peopleFull))
}

// ExposureLevel is X of Score, from 0 to 1: the summed weights of the
// reasons, each counted once; unknown codes weigh nothing.
func ExposureLevel(reasons []string) float64 {
	var x float64
	for i, r := range reasons {
		if !slices.Contains(reasons[:i], r) {
			x += reasonWeights[r]
		}
	}
	return min(1, x)
}
