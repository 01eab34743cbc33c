package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeClock is a clock a test moves by hand.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func newFakeClock() *fakeClock { return &fakeClock{t: time.Date(2026, 4, 1, 22, 0, 0, 0, time.UTC)} }

// progressLines parses the JSON records written to out.
func progressLines(t *testing.T, out *bytes.Buffer) []map[string]any {
	t.Helper()
	var recs []map[string]any
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("not JSON: %q: %v", sc.Text(), err)
		}
		recs = append(recs, m)
	}
	return recs
}

func TestProgressJSON(t *testing.T) {
	var out bytes.Buffer
	clock := newFakeClock()
	p := newProgress(progressJSON, &out, false, clock.now)
	p.render() // before anything: totals unknown, no ETA
	p.Sized(1000, 100_000)
	for i := range 100 {
		p.File("校務/2017/山田", 1000, i%10 == 0)
	}
	clock.advance(10 * time.Second)
	p.render()
	p.Close()

	recs := progressLines(t, &out)
	if len(recs) != 3 {
		t.Fatalf("%d records, want 3 (two ticks and the last)", len(recs))
	}
	first, mid := recs[0], recs[1]
	if first["type"] != "progress" || first["total_files"] != -1.0 || first["eta_seconds"] != nil {
		t.Errorf("first record %v", first)
	}
	want := map[string]any{
		"type": "progress", "files": 100.0, "bytes": 100_000.0, "total_files": 1000.0, "total_bytes": 100_000.0,
		"findings": 10.0, "rate_bps": 10_000.0, "rate_files": 10.0, "elapsed_seconds": 10.0, "sized": true,
		// bytes are all done, files are 10%: 900 files at 10 files/s
		"eta_seconds": 90.0,
	}
	for k, v := range want {
		if mid[k] != v {
			t.Errorf("%s = %v, want %v", k, mid[k], v)
		}
	}
	for _, r := range recs {
		for k := range r {
			if strings.Contains(k, "dir") || strings.Contains(k, "path") {
				t.Errorf("JSON record carries %s: folder names may name people", k)
			}
		}
	}
	if strings.Contains(out.String(), "山田") {
		t.Error("a folder name reached the JSON records")
	}
}

func TestProgressETA(t *testing.T) {
	for name, tc := range map[string]struct {
		rec  progressRecord
		want float64
		ok   bool
	}{
		"bytes bound": {progressRecord{Sized: true, Files: 50, TotalFiles: 100, Bytes: 100, TotalBytes: 1000, Rate: 10, FileRate: 5}, 90, true},
		"files bound": {progressRecord{Sized: true, Files: 10, TotalFiles: 100, Bytes: 900, TotalBytes: 1000, Rate: 100, FileRate: 1}, 90, true},
		"overshoot":   {progressRecord{Sized: true, Files: 120, TotalFiles: 100, Bytes: 2000, TotalBytes: 1000, Rate: 100, FileRate: 1}, 0, true},
		"counting":    {progressRecord{Sized: false, Files: 10, TotalFiles: 100, Rate: 100, FileRate: 1}, 0, false},
		"no progress": {progressRecord{Sized: true, TotalFiles: 100, TotalBytes: 1000}, 0, false},
	} {
		got, ok := progressETA(tc.rec)
		if got != tc.want || ok != tc.ok {
			t.Errorf("%s: ETA %v %v, want %v %v", name, got, ok, tc.want, tc.ok)
		}
	}
}

func TestProgressFromClock(t *testing.T) {
	clock := newFakeClock()
	p := newProgress(progressJSON, &bytes.Buffer{}, false, clock.now)
	p.Sized(4, 4000)
	p.File("a", 1000, false)
	clock.advance(30 * time.Second)
	if r := p.record(); r.ETA == nil || *r.ETA != 90 {
		t.Fatalf("ETA after 1 of 4 files in 30s: %v", r.ETA)
	}
	clock.advance(30 * time.Second) // nothing more done: slower, later
	if r := p.record(); *r.ETA != 180 {
		t.Errorf("ETA after a stall: %v, want 180", *r.ETA)
	}
}

func TestProgressSilentOffTerminal(t *testing.T) {
	var out bytes.Buffer
	p := newProgress(progressAuto, &out, false, time.Now)
	if p != nil {
		t.Fatal("auto off a terminal built a reporter")
	}
	// A nil reporter takes every call.
	p.Sized(1, 1)
	p.Counting(1, 1)
	p.File("x", 1, true)
	p.Close()
	if newProgress(progressNone, &out, true, time.Now) != nil {
		t.Error("none on a terminal built a reporter")
	}
	if out.Len() != 0 {
		t.Errorf("wrote %q", out.String())
	}
}

func TestProgressBar(t *testing.T) {
	var out bytes.Buffer
	clock := newFakeClock()
	p := newProgress(progressAuto, &out, true, clock.now)
	if p == nil || p.mode != progressBar {
		t.Fatal("auto on a terminal did not choose the bar")
	}
	p.Sized(10, 10<<20)
	p.File("/srv/share/校務/2017/とても長いフォルダの名前が続いて行く/給食費", 1<<20, true)
	clock.advance(2 * time.Second)
	p.render()
	got := out.String()
	for _, want := range []string{"1/10 files", "1 with findings", "ETA 18s", "…", "給食費"} {
		if !strings.Contains(got, want) {
			t.Errorf("live line %q lacks %q", got, want)
		}
	}
	p.Close()
}

func TestProgressConcurrent(t *testing.T) {
	p := newProgress(progressJSON, &bytes.Buffer{}, false, time.Now)
	p.run(time.Millisecond)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 1000 {
				p.File("d", 1, true)
			}
		})
	}
	wg.Wait()
	p.Close()
	if r := p.record(); r.Files != 8000 || r.Findings != 8000 {
		t.Errorf("counted %d files, %d findings", r.Files, r.Findings)
	}
}

func TestParseProgressMode(t *testing.T) {
	for in, want := range map[string]progressMode{"": progressAuto, "auto": progressAuto, "bar": progressBar, "json": progressJSON, "none": progressNone} {
		if got, err := parseProgressMode(in); got != want || err != nil {
			t.Errorf("%q: %v %v", in, got, err)
		}
	}
	if _, err := parseProgressMode("fancy"); err == nil {
		t.Error("accepted fancy")
	}
}

func TestCountTree(t *testing.T) {
	root := t.TempDir()
	for name, size := range map[string]int{"a.csv": 10, "d/b.txt": 20, "d/e/c.xlsx": 30, "skip/x.csv": 1000} {
		p := filepath.Join(root, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o700)
		os.WriteFile(p, make([]byte, size), 0o600)
	}
	file := filepath.Join(root, "a.csv")
	p := newProgress(progressJSON, &bytes.Buffer{}, false, time.Now)
	skip := func(rel, base string) bool { return base == "skip" }
	files, size := countTree(context.Background(), []string{root, file}, false, skip, p)
	if files != 4 || size != 70 {
		t.Errorf("counted %d files, %d bytes; want 4, 70", files, size)
	}
	if r := p.record(); !r.Sized || r.TotalFiles != 4 || r.TotalBytes != 70 {
		t.Errorf("progress not sized: %+v", r)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	p2 := newProgress(progressJSON, &bytes.Buffer{}, false, time.Now)
	countTree(ctx, []string{root}, false, nil, p2)
	if p2.record().Sized {
		t.Error("a cancelled count claimed final totals")
	}
}

func TestETAText(t *testing.T) {
	for sec, want := range map[float64]string{0: "0s", 45: "45s", 750: "12m30s", 3600*3 + 5*60 + 29: "3h05m", 3600*30 + 59*60 + 31: "31h00m"} {
		if got := etaText(sec); got != want {
			t.Errorf("etaText(%v) = %q, want %q", sec, got, want)
		}
	}
}
