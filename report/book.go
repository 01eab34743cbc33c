package report

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"time"

	"mamori/detect"
	"mamori/scan"
)

// Book is the combined view of one or more scan reports and encryption
// manifests: every file, re-assessed for the sector, with its encryption
// status, and the totals a 漏えい等報告 (breach report to the Personal
// Information Protection Commission) asks for. `mamori report` builds one
// and writes it as text, HTML, CSV or JSON. Build it with NewBook, AddReport,
// AddManifest and Finish; after Finish it is read only.
type Book struct {
	Generated string     `json:"generated"` // RFC 3339
	Sector    string     `json:"sector"`    // public or private
	Volume    int        `json:"volume"`    // APPI subject threshold of the sector
	Sources   []Source   `json:"sources"`
	Files     []BookFile `json:"files"` // by score, then risk, then people
	Totals    Totals     `json:"totals"`
	APPI      APPITotals `json:"appi"`
	Diff      *Diff      `json:"diff,omitempty"` // what changed since an earlier report (--since); see CompareWith

	encrypted map[string]bool // manifest: absolute path → encrypted now
	people    []reportPeople  // per source, for Finish
	sums      []Summary       // per source, for Finish
}

// Source is one scan report read into the book.
type Source struct {
	Path        string   `json:"path"`
	Roots       []string `json:"roots,omitempty"`
	Started     string   `json:"started,omitempty"`
	Finished    string   `json:"finished,omitempty"`
	Complete    bool     `json:"complete"` // it ended with a summary line
	Interrupted bool     `json:"interrupted,omitempty"`
}

// BookFile is one file record with what the book adds to it. Risk and APPI
// of the embedded record are re-assessed for the book's sector.
type BookFile struct {
	FileRecord
	Encrypted   bool   `json:"encrypted"`
	EncryptedBy string `json:"encrypted_by,omitempty"` // "scan" (an age file) or "manifest"
	Source      int    `json:"source"`                 // index into Book.Sources
}

// Encryption evidence of a BookFile.
const (
	EncryptedByScan     = "scan"
	EncryptedByManifest = "manifest"
)

// Sectors of the APPI volume threshold (CONTRACT.md section 2).
const (
	SectorPublic  = "public"
	SectorPrivate = "private"
)

// BookOptions choose how the book assesses files.
type BookOptions struct {
	Sector string    // SectorPublic (default) or SectorPrivate
	Now    time.Time // when the book is made; zero for time.Now
}

// NewBook starts an empty book.
func NewBook(o BookOptions) (*Book, error) {
	volume := detect.VolumePublic
	switch o.Sector {
	case "", SectorPublic:
		o.Sector = SectorPublic
	case SectorPrivate:
		volume = detect.VolumePrivate
	default:
		return nil, fmt.Errorf("report: sector must be public or private, not %q", o.Sector)
	}
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	return &Book{
		Generated: o.Now.Format(time.RFC3339),
		Sector:    o.Sector,
		Volume:    volume,
		Sources:   []Source{},
		Files:     []BookFile{},
		encrypted: map[string]bool{},
	}, nil
}

// reportPeople is what one report says about its people.
type reportPeople struct {
	distinct int  // the scan's distinct-people figure, when it wrote one
	estimate bool // names may collide in it
	ok       bool // distinct was written
	subjects int  // sum of subjects over the report's files
}

// AddReport reads one scan report; name is how the report is shown.
func (b *Book) AddReport(name string, r io.Reader) error {
	idx := len(b.Sources)
	var rp reportPeople
	sum, err := Read(r, func(rec FileRecord) error {
		b.Files = append(b.Files, b.fileFrom(rec, idx))
		rp.subjects += rec.Subjects
		return nil
	})
	if err != nil {
		return fmt.Errorf("failed to read report %s: %w", name, err)
	}
	rp.distinct, rp.estimate, rp.ok = peopleOf(&sum)
	b.people = append(b.people, rp)
	b.Sources = append(b.Sources, Source{
		Path: name, Roots: sum.Roots, Started: sum.Started, Finished: sum.Finished,
		Complete: sum.Type == "summary", Interrupted: sum.Interrupted,
	})
	b.sums = append(b.sums, sum)
	return nil
}

// fileFrom re-assesses one record for the book's sector.
func (b *Book) fileFrom(rec FileRecord, source int) BookFile {
	if rec.Status == scan.StatusOK {
		risk, appi := detect.Result{Subjects: rec.Subjects, Categories: rec.Categories}.Assess(b.Volume)
		rec.Risk, rec.APPI = risk, appi
		rescore(&rec)
	}
	if rec.APPI == nil {
		rec.APPI = []string{}
	}
	if rec.Categories == nil {
		rec.Categories = map[detect.Category]detect.Finding{}
	}
	f := BookFile{FileRecord: rec, Source: source}
	if rec.Status == scan.StatusEncrypted {
		f.Encrypted, f.EncryptedBy = true, EncryptedByScan
	}
	return f
}

// AddManifest reads one encryption manifest. The last entry about a path
// decides: encrypted, or decrypted again.
func (b *Book) AddManifest(name string, r io.Reader) error {
	err := ReadManifest(r, func(e ManifestEntry) error {
		switch {
		case e.Type == "encrypt" && e.Result == ResultEncrypted:
			b.encrypted[pathKey(e.Path)] = true
		case e.Type == "decrypt" && e.Result == ResultDecrypted && e.Output != "":
			b.encrypted[pathKey(e.Output)] = false
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("failed to read manifest %s: %w", name, err)
	}
	return nil
}

// pathKey makes a path comparable between a report and a manifest written
// from the same working directory.
func pathKey(p string) string {
	if abs, err := filepath.Abs(p); err == nil {
		return abs
	}
	return filepath.Clean(p)
}

// Finish applies the manifests, orders the files and sums the totals.
func (b *Book) Finish() {
	for i := range b.Files {
		f := &b.Files[i]
		if !f.Encrypted && b.encrypted[pathKey(f.FSPath())] {
			f.Encrypted, f.EncryptedBy = true, EncryptedByManifest
		}
	}
	slices.SortStableFunc(b.Files, byScore)
	b.Totals.addFiles(b.Files, b.sums)
	b.APPI = b.appiTotals()
}

// byScore orders files by score, then risk, people and path (riskier).
func byScore(a, b BookFile) int {
	if d := scoreOf(&b.FileRecord) - scoreOf(&a.FileRecord); d != 0 {
		return d
	}
	return riskier(a.FileRecord, b.FileRecord)
}

// ReadBook builds a book from report and manifest files on disk.
func ReadBook(o BookOptions, reports, manifests []string) (*Book, error) {
	b, err := NewBook(o)
	if err != nil {
		return nil, err
	}
	for _, p := range reports {
		if err := readFile(p, b.AddReport); err != nil {
			return nil, err
		}
	}
	for _, p := range manifests {
		if err := readFile(p, b.AddManifest); err != nil {
			return nil, err
		}
	}
	b.Finish()
	return b, nil
}

func readFile(path string, add func(string, io.Reader) error) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("failed to open %s: %w", path, err)
	}
	defer f.Close()
	return add(path, f)
}

// NeedsAction reports whether the file is high risk and not yet encrypted:
// the files to deal with first.
func (f *BookFile) NeedsAction() bool {
	return f.Risk == detect.RiskHigh && !f.Encrypted
}

// Exposed reports whether the scan found the file reachable or left over.
func (f *BookFile) Exposed() bool {
	e := exposureOf(&f.FileRecord)
	return e != nil && len(e.Reasons) > 0
}

// openReasons are the exposure reasons that let people other than the
// file's owner read it.
var openReasons = []string{scan.ReasonWorldReadable, scan.ReasonGroupReadable, scan.ReasonGuestShare, scan.ReasonSharedPath}

// Open reports whether people other than the owner can read the file.
func (f *BookFile) Open() bool {
	e := exposureOf(&f.FileRecord)
	if e == nil {
		return false
	}
	for _, r := range e.Reasons {
		if slices.Contains(openReasons, r) {
			return true
		}
	}
	return false
}

// Score is the file's 0–100 score from the scan.
func (f *BookFile) Score() int { return scoreOf(&f.FileRecord) }

// Exposure is what the scan measured of the file's exposure, or nil.
func (f *BookFile) Exposure() *scan.Exposure { return exposureOf(&f.FileRecord) }

// sortedCategories lists a file's categories in CONTRACT.md order.
func sortedCategories(f *BookFile) []detect.Category {
	return detect.Result{Categories: f.Categories}.Sorted()
}

// Scored reports whether the scans gave any file a score; reports written
// before scores existed have none, and their files go by risk and people.
func (b *Book) Scored() bool {
	for i := range b.Files {
		if b.Files[i].Score() > 0 {
			return true
		}
	}
	return false
}
