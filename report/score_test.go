package report

import (
	"encoding/json"
	"strings"
	"testing"

	"mamori/detect"
	"mamori/scan"
)

// scored builds a record of a file with the given findings and exposure
// reasons and returns its score.
func scored(risk detect.Risk, subjects int, reasons []string, cats ...detect.Category) int {
	r := &FileRecord{Risk: risk, Subjects: subjects, Categories: map[detect.Category]detect.Finding{}}
	for _, c := range cats {
		r.Categories[c] = detect.Finding{Count: subjects}
	}
	if reasons != nil {
		r.Exposure = &scan.Exposure{Reasons: reasons}
	}
	return Score(r)
}

var allReasons = []string{
	scan.ReasonWorldReadable, scan.ReasonGroupReadable, scan.ReasonGuestShare,
	scan.ReasonSharedPath, scan.ReasonLeftoverName, scan.ReasonStale,
}

// TestScoreExamples pins the examples of Score's doc comment (and the
// README), so that the documented numbers stay true.
func TestScoreExamples(t *testing.T) {
	open := []string{scan.ReasonWorldReadable, scan.ReasonSharedPath}
	tests := map[string]struct {
		got, want int
	}{
		"allergies, open":     {scored(detect.RiskHigh, 30, open, detect.PersonName, detect.Allergy), 65},
		"allergies, private":  {scored(detect.RiskHigh, 30, nil, detect.PersonName, detect.Allergy), 41},
		"class list, open":    {scored(detect.RiskMedium, 30, open, detect.PersonName), 37},
		"everything, maximal": {scored(detect.RiskHigh, 1_000_000, allReasons, detect.Categories...), 100},
	}
	for name, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: score %d, want %d", name, tt.got, tt.want)
		}
	}
}

// TestScoreMoreExposureScoresHigher: at equal sensitivity, adding any
// reason never lowers the score, and the open file beats the closed one.
func TestScoreMoreExposureScoresHigher(t *testing.T) {
	for mask := 0; mask < 1<<len(allReasons); mask++ {
		base := subset(mask)
		for i, r := range allReasons {
			if mask&(1<<i) != 0 {
				continue
			}
			more := append(append([]string{}, base...), r)
			a := scored(detect.RiskMedium, 40, base, detect.PersonName, detect.Phone)
			b := scored(detect.RiskMedium, 40, more, detect.PersonName, detect.Phone)
			if b < a {
				t.Errorf("adding %s to %q lowers the score: %d → %d", r, base, a, b)
			}
		}
	}
	closed := scored(detect.RiskHigh, 200, nil, detect.PersonName, detect.Medical)
	for _, r := range allReasons {
		if got := scored(detect.RiskHigh, 200, []string{r}, detect.PersonName, detect.Medical); got <= closed {
			t.Errorf("%s alone does not raise the score: %d ≤ %d", r, got, closed)
		}
	}
}

func subset(mask int) []string {
	var out []string
	for i, r := range allReasons {
		if mask&(1<<i) != 0 {
			out = append(out, r)
		}
	}
	return out
}

// TestScoreSensitivityOrder: at equal exposure, higher risk, weightier
// categories and more people score higher.
func TestScoreSensitivityOrder(t *testing.T) {
	for _, reasons := range [][]string{nil, {scan.ReasonStale}, allReasons} {
		high := scored(detect.RiskHigh, 50, reasons, detect.PersonName, detect.Allergy)
		medium := scored(detect.RiskMedium, 50, reasons, detect.PersonName, detect.Allergy)
		low := scored(detect.RiskLow, 50, reasons, detect.PersonName, detect.Allergy)
		none := scored(detect.RiskNone, 0, reasons)
		if !(high > medium && medium > low && low > none) {
			t.Errorf("reasons %q: high %d, medium %d, low %d, none %d", reasons, high, medium, low, none)
		}
		for _, heavy := range []detect.Category{detect.Allergy, detect.Medical, detect.MyNumber, detect.BankAccount} {
			h := scored(detect.RiskHigh, 50, reasons, heavy)
			d := scored(detect.RiskHigh, 50, reasons, detect.Phone)
			q := scored(detect.RiskHigh, 50, reasons, detect.Gender)
			if !(h > d && d > q) {
				t.Errorf("reasons %q: %s %d, phone %d, gender %d", reasons, heavy, h, d, q)
			}
		}
		prev := -1
		for _, n := range []int{1, 10, 100, 1000, 10000} {
			s := scored(detect.RiskMedium, n, reasons, detect.PersonName)
			if s <= prev {
				t.Errorf("reasons %q: %d people score %d, not above %d", reasons, n, s, prev)
			}
			prev = s
		}
	}
}

// TestScoreNothingFoundIsZero: exposure alone is no risk to anyone.
func TestScoreNothingFoundIsZero(t *testing.T) {
	if got := scored(detect.RiskNone, 0, allReasons); got != 0 {
		t.Errorf("an open file with no personal data scores %d, want 0", got)
	}
	if got := Score(&FileRecord{Status: scan.StatusError, Exposure: &scan.Exposure{Reasons: allReasons}}); got != 0 {
		t.Errorf("an unread file scores %d, want 0", got)
	}
}

func TestScoreBounded(t *testing.T) {
	for _, n := range []int{-5, 0, 1, 1 << 40} {
		for _, reasons := range [][]string{nil, allReasons, append(allReasons, allReasons...), {"unknown"}} {
			s := scored(detect.RiskHigh, n, reasons, detect.Categories...)
			if s < 0 || s > 100 {
				t.Errorf("%d people, reasons %q: score %d out of 0..100", n, reasons, s)
			}
		}
	}
	if x := ExposureLevel(append(allReasons, allReasons...)); x != 1 {
		t.Errorf("ExposureLevel of every reason twice = %v, want 1", x)
	}
}

// TestFileRecordExposureJSON: the exposure and the score are in the record.
func TestFileRecordExposureJSON(t *testing.T) {
	f := &scan.File{Rel: "公開/名簿_old.csv", Root: "/srv", Status: scan.StatusOK, Exposure: &scan.Exposure{
		Mode: "0644", Owner: "tanaka", Group: "staff", WorldReadable: true,
		Share: "公開", GuestShare: true, PathHints: []string{"公開"}, NameHints: []string{"old"},
		Accessed: "2025-01-01T00:00:00Z", StaleDays: 400,
		Reasons: []string{scan.ReasonWorldReadable, scan.ReasonGuestShare, scan.ReasonSharedPath, scan.ReasonLeftoverName, scan.ReasonStale},
	}}
	res := &detect.Result{Subjects: 30, Categories: map[detect.Category]detect.Finding{
		detect.PersonName: {Count: 30}, detect.Allergy: {Count: 12},
	}}
	rec := NewFileRecord(f, res, detect.VolumePublic)
	b, err := json.Marshal(rec)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`"exposure":{"mode":"0644","owner":"tanaka","group":"staff","world_readable":true,`,
		`"share":"公開","guest_share":true,"path_hints":["公開"],"name_hints":["old"],`,
		`"accessed":"2025-01-01T00:00:00Z","stale_days":400,`,
		`"reasons":["world_readable","guest_share","shared_path","leftover_name","stale"]}`,
		`"score":81`,
	} {
		if !strings.Contains(string(b), want) {
			t.Errorf("record lacks %s:\n%s", want, b)
		}
	}
	bare, err := json.Marshal(NewFileRecord(&scan.File{Rel: "a.csv", Status: scan.StatusOK}, nil, detect.VolumePublic))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(bare), `"exposure"`) || !strings.Contains(string(bare), `"score":0`) {
		t.Errorf("a record without exposure: %s", bare)
	}
}
