// Package report writes what a scan found: the JSON Lines report of
// CONTRACT.md section 3 and a short human summary. It only formats what
// scan and detect produced.
package report

import (
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/japanese"

	"mamori/detect"
	"mamori/scan"
)

// FileRecord is one `type: file` line of the report.
type FileRecord struct {
	Type         string                             `json:"type"`
	Path         string                             `json:"path"`
	PathBytes    []byte                             `json:"path_bytes,omitempty"` // the raw name when it is not UTF-8
	Root         string                             `json:"root"`
	Size         int64                              `json:"size"`
	Modified     string                             `json:"modified,omitempty"`
	Format       string                             `json:"format,omitempty"`
	Encoding     string                             `json:"encoding,omitempty"`
	Status       scan.Status                        `json:"status"`
	Reason       string                             `json:"reason,omitempty"`
	Error        string                             `json:"error,omitempty"`
	DecodeErrors int                                `json:"decode_errors,omitempty"`
	Truncated    bool                               `json:"truncated,omitempty"`
	HiddenSheets []string                           `json:"hidden_sheets,omitempty"` // a hidden sheet of personal data is worse
	Subjects     int                                `json:"subjects"`
	Categories   map[detect.Category]detect.Finding `json:"categories"`
	Risk         detect.Risk                        `json:"risk"`
	APPI         []string                           `json:"appi"`
	Exposure     *scan.Exposure                     `json:"exposure,omitempty"`       // who may read it, where it sits, how stale
	Score        int                                `json:"score"`                    // 0–100, see Score
	Confirmed    int                                `json:"confirmed,omitempty"`      // rows that matched the organisation's roster
	Notices      []string                           `json:"notices,omitempty"`        // what went wrong with a rule on this file (a custom pattern that timed out)
	SamePeopleAs string                             `json:"same_people_as,omitempty"` // an earlier file of the scan that holds most of this file's people (exposure reason copy; see copies.go)
}

// ReasonAllowlisted is the reason of a file an allowlist entry covers whole.
const ReasonAllowlisted = "allowlisted: an allowlist entry covers the whole file"

// NewFileRecord builds the record of one file; res is nil when the file was
// not read. volume is the APPI subject threshold of the sector.
func NewFileRecord(f *scan.File, res *detect.Result, volume int) FileRecord {
	rec := FileRecord{
		Type:         "file",
		Path:         displayPath(f.Rel),
		Root:         displayPath(f.Root),
		Size:         f.Size,
		Format:       f.Format,
		Encoding:     f.Encoding,
		Status:       f.Status,
		DecodeErrors: f.DecodeErrors,
		Truncated:    f.Truncated,
		HiddenSheets: f.Hidden,
		Categories:   map[detect.Category]detect.Finding{},
		Risk:         detect.RiskNone,
		APPI:         []string{},
	}
	if !utf8.ValidString(f.Rel) {
		rec.PathBytes = []byte(f.Rel)
	}
	if !f.ModTime.IsZero() {
		rec.Modified = f.ModTime.Format(time.RFC3339)
	}
	switch f.Status {
	case scan.StatusError:
		rec.Error = f.Reason
	default:
		rec.Reason = f.Reason
	}
	if res != nil && f.Status == scan.StatusOK {
		rec.Notices, rec.Confirmed = res.Notices, res.Confirmed
		if res.Allowed {
			rec.Reason = ReasonAllowlisted
		}
		rec.Subjects = res.Subjects
		rec.Categories = res.Categories
		risk, appi := res.Assess(volume)
		rec.Risk = risk
		if appi != nil {
			rec.APPI = appi
		}
	}
	rec.Exposure = f.Exposure
	rec.Score = Score(&rec)
	return rec
}

// HasPersonalData reports whether anything was found in the file.
func (r *FileRecord) HasPersonalData() bool { return len(r.Categories) > 0 }

// displayPath returns a name fit for a report. File servers that began on
// Windows often hold names in Shift_JIS: a name that is not UTF-8 but reads
// cleanly as CP932 is shown so; any other is shown with U+FFFD (the raw bytes
// go to path_bytes).
func displayPath(p string) string {
	if utf8.ValidString(p) {
		return p
	}
	if s, err := japanese.ShiftJIS.NewDecoder().String(p); err == nil && !strings.ContainsRune(s, utf8.RuneError) {
		return s
	}
	return strings.ToValidUTF8(p, "\uFFFD")
}
