package scan

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestRunPanicCostsOneFile(t *testing.T) {
	swapVar(t, &extractFile, func(ctx context.Context, f *File, s Sink, lim Limits) error {
		switch filepath.Base(f.Path) {
		case "boom.txt":
			panic("kaboom")
		case "nilmap.txt":
			var m map[string]int
			m["x"]++
		}
		return fakeExtractOK(ctx, f, s, lim)
	})
	dir := newWalkTree(t, map[string]string{"a.txt": "x", "boom.txt": "y", "nilmap.txt": "z", "sink.txt": "w"})
	before := runtime.NumGoroutine()
	rec := newWalkRecorder(t)
	rec.sinkFor = func(f *File) Sink {
		if filepath.Base(f.Path) == "sink.txt" {
			return panicWalkSink{}
		}
		return walkCountSink{&rec.texts}
	}
	if err := Run(t.Context(), []string{dir}, Options{Workers: 2}, rec); err != nil {
		t.Fatal(err)
	}
	checkNoGoroutineLeak(t, before)
	rec.check(t, map[string]string{
		"a.txt":      "ok",
		"boom.txt":   "error: internal error: kaboom",
		"nilmap.txt": "error: internal error: assignment to entry in nil map",
		"sink.txt":   "error: internal error: sink failed",
	})
	if rec.sink["boom.txt"] || rec.sink["sink.txt"] {
		t.Error("Done got the sink of a file whose extraction panicked")
	}
}

type panicWalkSink struct{}

func (panicWalkSink) Text(string, Loc)   { panic(errors.New("sink failed")) }
func (panicWalkSink) Row(string, []Cell) {}

func TestPanicReasonIsBounded(t *testing.T) {
	got := panicReason(strings.Repeat("山", 1000))
	if len(got) > maxPanicReason+len("internal error: …") || !strings.HasSuffix(got, "…") {
		t.Errorf("panicReason = %d bytes %q…, want at most %d", len(got), got[:40], maxPanicReason)
	}
}

func TestRunExtractErrors(t *testing.T) {
	tests := map[string]struct {
		extract func(context.Context, *File, Sink, Limits) error
		want    string
	}{
		"vanished before extraction": {
			extract: func(ctx context.Context, f *File, s Sink, lim Limits) error {
				if err := os.Remove(f.Path); err != nil {
					return err
				}
				return fakeExtractOK(ctx, f, s, lim)
			},
			want: "error: failed to open file: " + errNotExistText(),
		},
		"error without a status": {
			extract: func(context.Context, *File, Sink, Limits) error {
				return &os.PathError{Op: "read", Path: "x", Err: errors.New("stale file handle")}
			},
			want: "error: stale file handle",
		},
		"success without a status": {
			extract: func(context.Context, *File, Sink, Limits) error { return nil },
			want:    "ok",
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			swapVar(t, &extractFile, tc.extract)
			dir := newWalkTree(t, map[string]string{"f.txt": "x"})
			runWalk(t, []string{dir}, Options{}).check(t, map[string]string{"f.txt": tc.want})
		})
	}
}

// errNotExistText is how this OS words a missing file.
func errNotExistText() string {
	_, err := os.Stat(filepath.Join(os.TempDir(), "no such file here"))
	return pathlessError(err).Error()
}

// wideWalkTree is a tree of dirs directories of files files each, with a few
// entries the walk decides on its own.
func wideWalkTree(dirs, files int) map[string]string {
	tree := map[string]string{"skip.bak": "x", "big": "0123456789", "empty/": ""}
	for d := range dirs {
		for f := range files {
			tree[fmt.Sprintf("d%03d/sub/f%03d.txt", d, f)] = "x"
		}
	}
	return tree
}

func TestRunWorkersGiveSameRecords(t *testing.T) {
	swapVar(t, &extractFile, fakeExtractOK)
	dir := newWalkTree(t, wideWalkTree(20, 30))
	opt := Options{Excludes: []string{"*.bak"}, MaxSize: 5}
	var runs []map[string]string
	for _, workers := range []int{1, 8} {
		opt.Workers = workers
		rec := runWalk(t, []string{dir}, opt)
		rec.check(t, nil) // duplicates only
		got := map[string]string{}
		for rel, f := range rec.recs {
			got[rel] = recOutcome(f)
		}
		runs = append(runs, got)
	}
	if len(runs[0]) != 20*30+2 {
		t.Errorf("got %d records, want %d", len(runs[0]), 20*30+2)
	}
	if !maps.Equal(runs[0], runs[1]) {
		t.Errorf("Workers=1 and Workers=8 differ: %d and %d records", len(runs[0]), len(runs[1]))
	}
}

func TestRunCancel(t *testing.T) {
	const dirs, files = 20, 25
	tests := map[string]struct {
		workers  int
		cancelAt int64 // the extraction that cancels
		extract  func(context.Context, *File, Sink, Limits) error
	}{
		"cancel after some files": {workers: 4, cancelAt: 50, extract: fakeExtractOK},
		"files in hand abandoned": {
			workers:  8,
			cancelAt: 8,
			extract: func(ctx context.Context, f *File, _ Sink, _ Limits) error {
				select { // a long file: ExtractFile watches ctx
				case <-ctx.Done():
				case <-time.After(10 * time.Second):
				}
				f.Status, f.Reason = StatusError, "interrupted"
				return ctx.Err()
			},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			dir := newWalkTree(t, wideWalkTree(dirs, files))
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			var started atomic.Int64
			swapVar(t, &extractFile, func(c context.Context, f *File, s Sink, lim Limits) error {
				n := started.Add(1)
				if n == tc.cancelAt {
					cancel()
				}
				return tc.extract(c, f, s, lim)
			})
			before := runtime.NumGoroutine()
			rec := newWalkRecorder(t)
			err := Run(ctx, []string{dir}, Options{Workers: tc.workers}, rec)
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("Run = %v, want context.Canceled", err)
			}
			checkNoGoroutineLeak(t, before)
			rec.check(t, nil) // duplicates only
			if len(rec.recs) >= dirs*files {
				t.Errorf("got %d records: the walk did not stop", len(rec.recs))
			}
			if got := started.Load(); int64(len(rec.recs)) < got {
				t.Errorf("%d files were given to extraction but %d records reached Done", got, len(rec.recs))
			}
		})
	}
}

func TestRunCancelledBeforeStart(t *testing.T) {
	swapVar(t, &extractFile, fakeExtractOK)
	dir := newWalkTree(t, wideWalkTree(2, 2))
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	before := runtime.NumGoroutine()
	if err := Run(ctx, []string{dir}, Options{}, newWalkRecorder(t)); !errors.Is(err, context.Canceled) {
		t.Errorf("Run = %v, want context.Canceled", err)
	}
	checkNoGoroutineLeak(t, before)
}

func BenchmarkWalk(b *testing.B) {
	const dirs, files = 200, 100 // 20,000 small files
	tree := map[string]string{}
	for d := range dirs {
		for f := range files {
			tree[fmt.Sprintf("d%03d/e/f%03d.txt", d, f)] = "x"
		}
	}
	dir := newWalkTree(b, tree)
	swapVar(b, &extractFile, func(_ context.Context, f *File, _ Sink, _ Limits) error {
		f.Status = StatusOK
		return nil
	})
	var n int
	for b.Loop() {
		h := &walkCountHandler{}
		if err := Run(context.Background(), []string{dir}, Options{}, h); err != nil {
			b.Fatal(err)
		}
		if h.n != dirs*files {
			b.Fatalf("got %d records, want %d", h.n, dirs*files)
		}
		n += h.n
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "files/s")
}

// walkCountHandler counts records and gives no sink.
type walkCountHandler struct{ n int }

func (h *walkCountHandler) NewSink(*File) Sink { return nil }
func (h *walkCountHandler) Done(*File, Sink)   { h.n++ }

// TestRunFileTimeCostsOneFile: a file that takes longer than its time is an
// error of its own; the others are read and the scan ends normally.
func TestRunFileTimeCostsOneFile(t *testing.T) {
	swapVar(t, &extractFile, func(ctx context.Context, f *File, s Sink, lim Limits) error {
		if filepath.Base(f.Path) == "slow.csv" {
			<-ctx.Done() // a reader checks its context now and then
			f.Status, f.Reason = StatusError, reasonInterrupted
			return ctx.Err()
		}
		return fakeExtractOK(ctx, f, s, lim)
	})
	dir := newWalkTree(t, map[string]string{"a.txt": "x", "slow.csv": "y", "b.txt": "z"})
	rec := newWalkRecorder(t)
	lim := DefaultLimits
	lim.MaxFileTime = 20 * time.Millisecond
	if err := Run(t.Context(), []string{dir}, Options{Workers: 2, Limits: lim}, rec); err != nil {
		t.Fatal(err)
	}
	rec.check(t, map[string]string{
		"a.txt":    "ok",
		"slow.csv": "error: took longer than 20ms (--max-file-time)",
		"b.txt":    "ok",
	})
}

// knownRecorder records what Done got for each file.
type knownRecorder struct {
	mu   sync.Mutex
	seen map[string]string
}

func (h *knownRecorder) NewSink(*File) Sink { return walkCountSink{new(atomic.Int64)} }
func (h *knownRecorder) Done(f *File, s Sink) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.seen[f.Rel] = fmt.Sprintf("%s prior=%v sink=%v id=%v", f.Status, f.Prior, s != nil, f.ID != "")
}

// TestRunKnownFilesAreNotRead: a file whose earlier result holds is not
// opened, and Done gets it with that result.
func TestRunKnownFilesAreNotRead(t *testing.T) {
	var read sync.Map
	swapVar(t, &extractFile, func(ctx context.Context, f *File, s Sink, lim Limits) error {
		read.Store(filepath.Base(f.Path), true)
		return fakeExtractOK(ctx, f, s, lim)
	})
	dir := newWalkTree(t, map[string]string{"same.csv": "x", "new.csv": "y"})
	h := &knownRecorder{seen: map[string]string{}}
	known := func(f *File) any {
		if f.Rel == "same.csv" {
			return "earlier"
		}
		return nil
	}
	if err := Run(t.Context(), []string{dir}, Options{Workers: 2, Known: known}, h); err != nil {
		t.Fatal(err)
	}
	if _, ok := read.Load("same.csv"); ok {
		t.Error("a known file was read again")
	}
	wantID := runtime.GOOS != "windows"
	want := map[string]string{
		"same.csv": fmt.Sprintf(" prior=earlier sink=false id=%v", wantID),
		"new.csv":  fmt.Sprintf("ok prior=<nil> sink=true id=%v", wantID),
	}
	for rel, w := range want {
		if got := h.seen[rel]; got != w {
			t.Errorf("%s: %q, want %q", rel, got, w)
		}
	}
}

// finishSink records whether Finish was called.
type finishSink struct{ finished atomic.Bool }

func (*finishSink) Text(string, Loc)   {}
func (*finishSink) Row(string, []Cell) {}
func (s *finishSink) Finish()          { s.finished.Store(true) }

type finishRecorder struct {
	mu   sync.Mutex
	seen map[string]bool
}

func (h *finishRecorder) NewSink(*File) Sink { return &finishSink{} }
func (h *finishRecorder) Done(f *File, s Sink) {
	h.mu.Lock()
	defer h.mu.Unlock()
	fs, _ := s.(*finishSink)
	h.seen[f.Rel] = fs != nil && fs.finished.Load()
}

// TestRunFinishesSinks: a sink's Finish runs once its file was read, before
// Done, and not for a file that could not be read.
func TestRunFinishesSinks(t *testing.T) {
	swapVar(t, &extractFile, func(ctx context.Context, f *File, s Sink, lim Limits) error {
		if f.Rel == "bad.csv" {
			f.Status, f.Reason = StatusError, "broken"
			return nil
		}
		return fakeExtractOK(ctx, f, s, lim)
	})
	dir := newWalkTree(t, map[string]string{"good.csv": "x", "bad.csv": "y"})
	h := &finishRecorder{seen: map[string]bool{}}
	if err := Run(t.Context(), []string{dir}, Options{Workers: 2}, h); err != nil {
		t.Fatal(err)
	}
	if !h.seen["good.csv"] || h.seen["bad.csv"] {
		t.Errorf("finished: %v, want good.csv only", h.seen)
	}
}
