package state

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// scaleRows sizes TestScale, which is skipped unless it is given:
//
//	go test -c -o /tmp/state.test ./scan/state
//	/usr/bin/time -v /tmp/state.test -test.run '^TestScale$' -test.v -state.scale 1000000
var scaleRows = flag.Int("state.scale", 0, "rows for TestScale (0 skips it)")

// TestScale inserts, looks up, carries and lists scaleRows files, as a
// first and a second scan of a share would, and logs the rates. Memory
// must not grow with the number of rows: it logs the Go heap too.
func TestScale(t *testing.T) {
	n := *scaleRows
	if n == 0 {
		t.Skip("give -state.scale N")
	}
	path := filepath.Join(t.TempDir(), "state.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	defer func() {
		for _, name := range []string{path, path + "-wal"} {
			if fi, err := os.Stat(name); err == nil {
				t.Logf("%s: %d MiB", filepath.Base(name), fi.Size()>>20)
			}
		}
	}()
	root := "/srv/share"
	// Paths in walk order: a directory's files arrive together, as the
	// walk lists one directory at a time (a few at once with 4 readers).
	rel := func(i int) string {
		return fmt.Sprintf("校務/%04d/%03d/生徒名簿_%d.csv", i/100_000, i/100%1000, i)
	}
	mtime := time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC)
	record := []byte(`{"type":"file","path":"校務/000/0000/生徒名簿_0.csv","root":"/srv/share","size":1834,"modified":"2024-04-01T09:00:00+09:00","format":"csv","encoding":"shift_jis","status":"ok","subjects":40,"categories":{"person_name":{"count":40,"columns":["氏名"],"samples":["ﾔﾏ** ﾀ**"],"locations":["2:1"]}},"risk":"medium","appi":[]}`)

	phase := func(name string, fn func(i int) error) {
		start := time.Now()
		for i := range n {
			if err := fn(i); err != nil {
				t.Fatalf("%s %d: %v", name, i, err)
			}
		}
		report(t, name, n, time.Since(start))
	}

	r1, _ := s.BeginRun([]string{root}, "h", "r1")
	phase("first scan: Put", func(i int) error {
		return r1.Put(Entry{Root: root, Path: rel(i), Size: 1834, ModTime: mtime, FileID: fmt.Sprint("64769:", i),
			RulesVersion: "r1", Status: "ok", Categories: []string{"person_name"}, Subjects: 40, Risk: "medium", Record: record})
	})
	if err := r1.Done(true); err != nil {
		t.Fatal(err)
	}

	r2, _ := s.BeginRun([]string{root}, "h", "r1")
	phase("second scan: Lookup+Unchanged+Carry", func(i int) error {
		p, ok, err := s.Lookup(root, rel(i))
		if err != nil || !ok || !Unchanged(p, 1834, mtime, fmt.Sprint("64769:", i), "r1") {
			return fmt.Errorf("lookup %v %v", ok, err)
		}
		return r2.Carry(root, rel(i))
	})
	start := time.Now()
	count := 0
	if err := r2.Records(func(Entry) error { count++; return nil }); err != nil || count != n {
		t.Fatalf("Records: %d, %v", count, err)
	}
	report(t, "Records", n, time.Since(start))
	start = time.Now()
	if pruned, err := r2.Prune(); err != nil || pruned != 0 {
		t.Fatalf("Prune: %d %v", pruned, err)
	}
	t.Logf("Prune (nothing gone): %v", time.Since(start))
	r2.Done(true)
}

func report(t *testing.T, name string, n int, d time.Duration) {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	t.Logf("%-40s %8d rows in %8.2fs = %8.0f rows/s; Go heap in use %d MiB, sys %d MiB",
		name, n, d.Seconds(), float64(n)/d.Seconds(), m.HeapInuse>>20, m.Sys>>20)
}

// BenchmarkLookup measures one point lookup in a store of 100,000 files.
func BenchmarkLookup(b *testing.B) {
	s, err := Open(filepath.Join(b.TempDir(), "state.db"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	r, _ := s.BeginRun([]string{"/r"}, "h", "r1")
	const n = 100_000
	for i := range n {
		r.Put(Entry{Root: "/r", Path: fmt.Sprint("dir/", i), Status: "ok", Record: []byte(`{}`)})
	}
	r.Done(true)
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if _, ok, err := s.Lookup("/r", fmt.Sprint("dir/", i%n)); !ok || err != nil {
			b.Fatal(ok, err)
		}
	}
}
