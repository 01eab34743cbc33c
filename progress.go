package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// progressMode is the --progress flag.
type progressMode string

const (
	progressAuto progressMode = "auto" // a bar on a terminal, else nothing
	progressBar  progressMode = "bar"  // a bar even when stderr is not a terminal
	progressJSON progressMode = "json" // periodic JSON records on stderr
	progressNone progressMode = "none"
)

func parseProgressMode(s string) (progressMode, error) {
	switch m := progressMode(s); m {
	case "", progressAuto:
		return progressAuto, nil
	case progressBar, progressJSON, progressNone:
		return m, nil
	}
	return "", fmt.Errorf("--progress must be auto, bar, json or none, not %q", s)
}

// Render intervals.
const (
	// barInterval redraws the live line four times a second: smooth to
	// the eye, and nothing next to the scan's own cost.
	barInterval = 250 * time.Millisecond
	// jsonInterval spaces progress records for schedulers and log
	// collectors: often enough to see a scan is alive, few enough that a
	// night's scan writes a few thousand lines.
	jsonInterval = 10 * time.Second
	// dirRunes is how much of the current folder the live line shows (its
	// end: the deepest folders say most).
	dirRunes = 24
)

// scanProgress counts what a scan has done and shows it on a ticker. File and
// Sized are safe for concurrent use: counters are atomics, and rendering
// happens on the ticker goroutine only. A nil *scanProgress does nothing, so
// callers need not check the mode.
type scanProgress struct {
	mode  progressMode
	out   io.Writer
	now   func() time.Time // replaced in tests
	start time.Time

	files, bytes           atomic.Int64
	findings               atomic.Int64
	totalFiles, totalBytes atomic.Int64
	sized                  atomic.Bool // the counting pass has finished
	dir                    atomic.Pointer[string]

	bar       *progressbar.ProgressBar
	stop      chan struct{}
	done      sync.WaitGroup
	closeOnce sync.Once
}

// startProgress starts the reporter --progress asked for on stderr, or
// returns nil when it shows nothing (none, or auto off a terminal).
func startProgress(mode progressMode) *scanProgress {
	p := newProgress(mode, os.Stderr, term.IsTerminal(int(os.Stderr.Fd())), time.Now)
	if p == nil {
		return nil
	}
	interval := barInterval
	if p.mode == progressJSON {
		interval = jsonInterval
	}
	p.run(interval)
	return p
}

// newProgress builds a reporter writing to out without starting its
// ticker; nil when there is nothing to show.
func newProgress(mode progressMode, out io.Writer, isTerminal bool, now func() time.Time) *scanProgress {
	if mode == progressAuto {
		mode = progressNone
		if isTerminal {
			mode = progressBar
		}
	}
	if mode == progressNone || mode == "" {
		return nil
	}
	p := &scanProgress{mode: mode, out: out, now: now, start: now()}
	p.totalFiles.Store(-1)
	p.totalBytes.Store(-1)
	if mode == progressBar {
		p.bar = newProgressBar(out)
	}
	return p
}

func newProgressBar(out io.Writer) *progressbar.ProgressBar {
	return progressbar.NewOptions64(-1,
		progressbar.OptionSetWriter(out),
		progressbar.OptionShowBytes(true),
		progressbar.OptionShowCount(),           // bytes done / total
		progressbar.OptionThrottle(0),           // the ticker is the throttle: a render per tick
		progressbar.OptionSetPredictTime(false), // ours counts files too
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionSetWidth(20),
		progressbar.OptionShowDescriptionAtLineEnd(),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionSpinnerType(14),
		progressbar.OptionSetDescription("mamori: scanning"),
	)
}

// run renders every interval until Close.
func (p *scanProgress) run(interval time.Duration) {
	p.stop = make(chan struct{})
	p.done.Go(func() {
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-p.stop:
				return
			case <-t.C:
				p.render()
			}
		}
	})
}

// Counting records the running totals of a counting pass not yet done.
func (p *scanProgress) Counting(files, bytes int64) {
	if p == nil || p.sized.Load() {
		return
	}
	p.totalFiles.Store(files)
	p.totalBytes.Store(bytes)
}

// Sized records the totals of the finished counting pass; from now on
// there is an ETA.
func (p *scanProgress) Sized(files, bytes int64) {
	if p == nil {
		return
	}
	p.totalFiles.Store(files)
	p.totalBytes.Store(bytes)
	p.sized.Store(true)
}

// File records one file record: dir is its folder (shown on the live
// line, never in JSON), size its bytes, found whether it holds personal data.
func (p *scanProgress) File(dir string, size int64, found bool) {
	if p == nil {
		return
	}
	p.files.Add(1)
	p.bytes.Add(size)
	if found {
		p.findings.Add(1)
	}
	p.dir.Store(&dir)
}

// Close stops the ticker and writes a last record (JSON) or clears the
// live line (bar).
func (p *scanProgress) Close() {
	if p == nil {
		return
	}
	p.closeOnce.Do(func() {
		if p.stop != nil {
			close(p.stop)
			p.done.Wait()
		}
		switch p.mode {
		case progressJSON:
			p.render()
		case progressBar:
			p.bar.Finish()
		}
	})
}

// progressRecord is one reading of the counters; the JSON form is the progress
// record of `--progress=json`. Totals are -1 while unknown and eta_seconds
// null until the counting pass has finished and something was done.
type progressRecord struct {
	Type       string   `json:"type"`
	Files      int64    `json:"files"`
	Bytes      int64    `json:"bytes"`
	TotalFiles int64    `json:"total_files"`
	TotalBytes int64    `json:"total_bytes"`
	Sized      bool     `json:"sized"` // the totals are final
	Findings   int64    `json:"findings"`
	Elapsed    float64  `json:"elapsed_seconds"`
	Rate       float64  `json:"rate_bps"`
	FileRate   float64  `json:"rate_files"`
	ETA        *float64 `json:"eta_seconds"`
}

func (p *scanProgress) record() progressRecord {
	s := progressRecord{
		Type: "progress", Files: p.files.Load(), Bytes: p.bytes.Load(),
		TotalFiles: p.totalFiles.Load(), TotalBytes: p.totalBytes.Load(),
		Sized: p.sized.Load(), Findings: p.findings.Load(),
		Elapsed: p.now().Sub(p.start).Seconds(),
	}
	if s.Elapsed > 0 {
		s.Rate = float64(s.Bytes) / s.Elapsed
		s.FileRate = float64(s.Files) / s.Elapsed
	}
	if eta, ok := progressETA(s); ok {
		s.ETA = &eta
	}
	return s
}

// progressETA is the time left at the average rates so far, by bytes and by
// files, whichever is longer: a share of small files is bound by the files
// per second, one of large files by the bytes. Unknown until the counting
// pass is done and both rates are positive.
func progressETA(s progressRecord) (float64, bool) {
	if !s.Sized || s.Rate <= 0 || s.FileRate <= 0 {
		return 0, false
	}
	byBytes := float64(max(0, s.TotalBytes-s.Bytes)) / s.Rate
	byFiles := float64(max(0, s.TotalFiles-s.Files)) / s.FileRate
	return math.Round(max(byBytes, byFiles)), true
}

// render draws once.
func (p *scanProgress) render() {
	s := p.record()
	switch p.mode {
	case progressJSON:
		b, _ := json.Marshal(s)
		p.out.Write(append(b, '\n'))
	case progressBar:
		// The bar ends itself when it reaches its max: keep the max
		// ahead of files that grew since they were counted.
		if m := max(s.TotalBytes, s.Bytes+1); s.Sized && p.bar.GetMax64() != m {
			p.bar.ChangeMax64(m)
		}
		p.bar.Set64(s.Bytes)
		p.bar.Describe(p.describe(s))
	}
}

// describe is the text beside the bar.
func (p *scanProgress) describe(s progressRecord) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d", s.Files)
	if s.TotalFiles >= 0 {
		more := ""
		if !s.Sized {
			more = "+" // still counting
		}
		fmt.Fprintf(&b, "/%d%s", s.TotalFiles, more)
	}
	fmt.Fprintf(&b, " files, %d with findings", s.Findings)
	if s.ETA != nil {
		fmt.Fprintf(&b, ", ETA %s", etaText(*s.ETA))
	}
	if d := p.dir.Load(); d != nil {
		b.WriteString(", ")
		b.WriteString(tailRunes(*d, dirRunes))
	}
	return b.String()
}

// etaText is seconds as 45s, 12m30s or 3h05m: to the second is noise
// past an hour.
func etaText(sec float64) string {
	d := time.Duration(sec) * time.Second
	if d < time.Hour {
		return d.String()
	}
	d = d.Round(time.Minute)
	return fmt.Sprintf("%dh%02dm", int(d.Hours()), int(d.Minutes())%60)
}

// tailRunes keeps the last n runes of s, marking a cut with "…".
func tailRunes(s string, n int) string {
	r := []rune(strings.ToValidUTF8(s, "\uFFFD"))
	if len(r) <= n {
		return string(r)
	}
	return "…" + string(r[len(r)-n+1:])
}

// countTree is the counting pass that sizes a scan for the ETA: it walks
// roots with filepath.WalkDir in one goroutine (so that it takes little
// from the scan: a stat per file, no reads), counts regular files and
// their bytes, reports running totals to p every countEvery files and the
// final ones with Sized. skip, when not nil, is given each entry's slash
// path relative to its root and base name and prunes what it matches (give
// it the scan's exclude matcher so the totals agree). It stops quietly
// when ctx ends (the scan finished first); unreadable entries are passed
// over, as the scan will report them.
func countTree(ctx context.Context, roots []string, followSymlinks bool, skip func(rel, base string) bool, p *scanProgress) (files, bytes int64) {
	n := 0
	for _, root := range roots {
		filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if ctx.Err() != nil {
				return filepath.SkipAll
			}
			if err != nil || path == root {
				if err == nil && !d.IsDir() {
					files, bytes = files+1, bytes+entrySize(d, path, followSymlinks)
				}
				return nil
			}
			rel, _ := filepath.Rel(root, path)
			if skip != nil && skip(filepath.ToSlash(rel), d.Name()) {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			files, bytes = files+1, bytes+entrySize(d, path, followSymlinks)
			if n++; n%countEvery == 0 {
				p.Counting(files, bytes)
			}
			return nil
		})
	}
	if ctx.Err() == nil {
		p.Sized(files, bytes)
	}
	return files, bytes
}

// countEvery is how often countTree publishes its running totals.
const countEvery = 1000

// entrySize is the size of a regular file the scan will read: 0 for
// anything else, as the scan reads nothing of it.
func entrySize(d fs.DirEntry, path string, follow bool) int64 {
	info, err := d.Info()
	if err != nil {
		return 0
	}
	if follow && info.Mode()&fs.ModeSymlink != 0 {
		if info, err = os.Stat(path); err != nil {
			return 0
		}
	}
	if !info.Mode().IsRegular() {
		return 0
	}
	return info.Size()
}
