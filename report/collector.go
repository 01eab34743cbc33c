package report

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"time"
	"unicode/utf8"

	"mamori/detect"
	"mamori/scan"
)

// Options say where and what to write.
type Options struct {
	Output string // JSON Lines report path; "-" for standard output; "" for none
	All    bool   // also write files that were read and held nothing
	Volume int    // APPI subject threshold (detect.VolumePublic or VolumePrivate)
	Top    int    // riskiest files kept for the human summary
}

// Collector writes file records as they come and keeps the summary. It is
// used by one goroutine (the scan's writer stage), so it needs no locks.
type Collector struct {
	opts Options
	out  io.WriteCloser
	buf  *bufio.Writer
	enc  *json.Encoder
	sum  Summary
	top  []FileRecord
	err  error // first write error; later writes are skipped

	people   map[uint64]struct{} // keyed hashes of the people seen, for Summary.People
	overflow int                 // subjects of files read after people was full
	copies   copyFinder          // people sketches of earlier files, for the exposure reason copy
}

// maxPeople bounds the people remembered to count distinct ones across a
// scan (about 40 bytes each in a map); past it a file's subjects are added
// as they are, so the count errs high.
const maxPeople = 4 << 20

// reportMode keeps reports private: they name files that hold personal data.
const reportMode = 0o600

// Create opens the report (0600) and starts the summary.
func Create(opts Options, roots []string, started time.Time) (*Collector, error) {
	c := &Collector{opts: opts, sum: newSummary(roots, started)}
	switch opts.Output {
	case "":
		return c, nil
	case "-":
		c.out = nopCloser{os.Stdout}
	default:
		f, err := createPrivate(opts.Output)
		if err != nil {
			return nil, err
		}
		c.out = f
	}
	c.buf = bufio.NewWriterSize(c.out, 64<<10)
	c.enc = json.NewEncoder(c.buf)
	c.enc.SetEscapeHTML(false)
	return c, nil
}

// createPrivate creates or truncates path with mode 0600, narrowing the
// mode of a file that was already there.
func createPrivate(path string) (*os.File, error) { return OpenPrivate(path, false) }

// OpenPrivate opens path for writing with mode 0600, truncating it or, with
// appending, adding to its end; the mode of a file that was already there
// is narrowed. Every file mamori writes about personal data (reports,
// manifests, logs) is opened so: each names files that hold it.
func OpenPrivate(path string, appending bool) (*os.File, error) {
	flag := os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	if appending {
		flag = os.O_WRONLY | os.O_CREATE | os.O_APPEND
	}
	f, err := os.OpenFile(path, flag, reportMode)
	if err != nil {
		return nil, fmt.Errorf("failed to create %s: %w", path, err)
	}
	if err := f.Chmod(reportMode); err != nil && !errors.Is(err, errors.ErrUnsupported) {
		f.Close()
		return nil, fmt.Errorf("failed to restrict %s to its owner: %w", path, err)
	}
	return f, nil
}

type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }

// Add records one file and returns its record.
func (c *Collector) Add(f *scan.File, res *detect.Result) FileRecord {
	rec := NewFileRecord(f, res, c.opts.Volume)
	if rec.HasPersonalData() {
		c.countPeople(res)
		c.copies.checkCopy(&rec, res)
	}
	c.write(rec)
	return rec
}

// AddPrevious records a file that was not read again because it has not
// changed: its record from an earlier scan (as Add returned it, encoded),
// with what may have changed since taken from f: where it is, who may read
// it, and so its score. Its people cannot be told from others any more
// (their keys were never kept), so they are added as its subjects and the
// distinct count errs high.
func (c *Collector) AddPrevious(f *scan.File, record []byte) (FileRecord, error) {
	var rec FileRecord
	if err := json.Unmarshal(record, &rec); err != nil {
		return rec, fmt.Errorf("previous record of %s: %w", displayPath(f.Rel), err)
	}
	rec.Root, rec.Path, rec.PathBytes = displayPath(f.Root), displayPath(f.Rel), nil
	if !utf8.ValidString(f.Rel) {
		rec.PathBytes = []byte(f.Rel)
	}
	if f.Exposure != nil {
		rec.Exposure = f.Exposure
	}
	if rec.Categories == nil {
		rec.Categories = map[detect.Category]detect.Finding{}
	}
	rec.Score = Score(&rec)
	if rec.HasPersonalData() {
		c.overflow += rec.Subjects
	}
	c.write(rec)
	return rec, nil
}

// AddPreviousEmpty counts a file that was read before, found to hold
// nothing, and has not changed, without decoding its earlier record: most
// files of a share are such, and a rescan meets them all. It reports false,
// adding nothing, when the report lists such files too (Options.All): then
// the record must come through AddPrevious.
func (c *Collector) AddPreviousEmpty(f *scan.File) bool {
	if c.opts.All {
		return false
	}
	c.sum.add(&FileRecord{Status: scan.StatusOK, Size: f.Size, Risk: detect.RiskNone})
	return true
}

// write counts a record in the summary and writes it.
func (c *Collector) write(rec FileRecord) {
	c.sum.add(&rec)
	c.keepTop(rec)
	if c.enc == nil || c.err != nil {
		return
	}
	if rec.Status == scan.StatusOK && !rec.HasPersonalData() && !c.opts.All {
		return
	}
	c.err = c.enc.Encode(rec)
}

// countPeople adds a file's people to the scan's distinct people.
func (c *Collector) countPeople(res *detect.Result) {
	if c.people == nil {
		c.people = map[uint64]struct{}{}
	}
	if len(c.people)+len(res.People) > maxPeople {
		c.overflow += res.Subjects
		return
	}
	for _, k := range res.People {
		c.people[k] = struct{}{}
	}
}

// keepTop keeps the Top riskiest files with personal data for the human summary.
func (c *Collector) keepTop(rec FileRecord) {
	if c.opts.Top <= 0 || !rec.HasPersonalData() {
		return
	}
	c.top = append(c.top, rec)
	slices.SortStableFunc(c.top, riskier)
	if len(c.top) > c.opts.Top {
		c.top = c.top[:c.opts.Top]
	}
}

// riskier orders records by risk, then score, subjects and path: within a
// risk level the order of the report's files (byScore).
func riskier(a, b FileRecord) int {
	if d := riskRank(b.Risk) - riskRank(a.Risk); d != 0 {
		return d
	}
	if d := b.Score - a.Score; d != 0 {
		return d
	}
	if d := b.Subjects - a.Subjects; d != 0 {
		return d
	}
	switch {
	case a.Path < b.Path:
		return -1
	case a.Path > b.Path:
		return 1
	}
	return 0
}

func riskRank(r detect.Risk) int {
	return map[detect.Risk]int{detect.RiskHigh: 3, detect.RiskMedium: 2, detect.RiskLow: 1}[r]
}

// Close writes the summary line and closes the report.
func (c *Collector) Close(finished time.Time, interrupted bool) (Summary, error) {
	c.sum.Finished = finished.Format(time.RFC3339)
	c.sum.People = len(c.people) + c.overflow
	c.sum.PeopleEstimate = c.sum.People > 0
	c.sum.Interrupted = interrupted
	if c.enc == nil {
		return c.sum, nil
	}
	if c.err == nil {
		c.err = c.enc.Encode(c.sum)
	}
	if err := c.buf.Flush(); c.err == nil {
		c.err = err
	}
	if err := c.out.Close(); c.err == nil {
		c.err = err
	}
	if c.err != nil {
		return c.sum, fmt.Errorf("failed to write report %s: %w", c.opts.Output, c.err)
	}
	return c.sum, nil
}

// Top returns the riskiest files kept for the human summary.
func (c *Collector) Top() []FileRecord { return c.top }
