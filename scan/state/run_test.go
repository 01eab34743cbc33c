package state

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestUnchanged(t *testing.T) {
	mtime := time.Date(2025, 4, 1, 9, 0, 0, 123456789, time.UTC)
	prev := Entry{Size: 100, ModTime: mtime, FileID: "1:2", RulesVersion: "r1", Status: "ok", ScannedAt: mtime.Add(time.Hour)}
	for name, tc := range map[string]struct {
		edit   func(*Entry)
		size   int64
		mtime  time.Time
		fileID string
		rules  string
		want   bool
	}{
		"same":                 {size: 100, mtime: mtime, fileID: "1:2", rules: "r1", want: true},
		"same time other zone": {size: 100, mtime: mtime.In(time.FixedZone("JST", 9*3600)), fileID: "1:2", rules: "r1", want: true},
		"size":                 {size: 101, mtime: mtime, fileID: "1:2", rules: "r1"},
		"mtime":                {size: 100, mtime: mtime.Add(time.Nanosecond), fileID: "1:2", rules: "r1"},
		"identity":             {size: 100, mtime: mtime, fileID: "1:3", rules: "r1"},
		"identity unknown now": {size: 100, mtime: mtime, fileID: "", rules: "r1", want: true},
		"identity unknown before": {edit: func(e *Entry) { e.FileID = "" },
			size: 100, mtime: mtime, fileID: "1:2", rules: "r1", want: true},
		"rules":       {size: 100, mtime: mtime, fileID: "1:2", rules: "r2"},
		"error again": {edit: func(e *Entry) { e.Status = "error" }, size: 100, mtime: mtime, fileID: "1:2", rules: "r1"},
		"skipped":     {edit: func(e *Entry) { e.Status = "skipped" }, size: 100, mtime: mtime, fileID: "1:2", rules: "r1", want: true},
		"racy":        {edit: func(e *Entry) { e.ScannedAt = mtime.Add(time.Second) }, size: 100, mtime: mtime, fileID: "1:2", rules: "r1"},
		"future mtime": {edit: func(e *Entry) { e.ScannedAt = mtime.Add(-time.Hour) },
			size: 100, mtime: mtime, fileID: "1:2", rules: "r1"},
	} {
		t.Run(name, func(t *testing.T) {
			p := prev
			if tc.edit != nil {
				tc.edit(&p)
			}
			if got := Unchanged(p, tc.size, tc.mtime, tc.fileID, tc.rules); got != tc.want {
				t.Errorf("Unchanged = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestPutLookupRoundTrip(t *testing.T) {
	s, _ := openTemp(t)
	r, err := s.BeginRun([]string{"/srv/share"}, "h", "r1")
	if err != nil {
		t.Fatal(err)
	}
	want := Entry{
		Root: "/srv/share", Path: "校務/名簿.csv", Size: 1834120,
		ModTime: time.Date(2017, 8, 1, 9, 12, 0, 5, time.UTC), FileID: "64769:1234",
		Fingerprint: "00ff", RulesVersion: "r1", Status: "ok",
		Categories: []string{"person_name", "phone"}, Subjects: 40, Risk: "medium",
		Record:    []byte(`{"type":"file","path":"校務/名簿.csv","categories":{"phone":{"samples":["090-****-**78"]}}}`),
		ScannedAt: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
	}
	if err := r.Put(want); err != nil {
		t.Fatal(err)
	}
	if err := r.Flush(); err != nil {
		t.Fatal(err)
	}
	got, ok, err := s.Lookup("/srv/share", "校務/名簿.csv")
	if err != nil || !ok {
		t.Fatalf("Lookup: %v %v", ok, err)
	}
	want.RunID = r.ID
	if !got.ModTime.Equal(want.ModTime) || !got.ScannedAt.Equal(want.ScannedAt) {
		t.Errorf("times %v %v, want %v %v", got.ModTime, got.ScannedAt, want.ModTime, want.ScannedAt)
	}
	got.ModTime, got.ScannedAt, want.ModTime, want.ScannedAt = time.Time{}, time.Time{}, time.Time{}, time.Time{}
	if g, w := strings.ReplaceAll(sprint(got), " ", ""), strings.ReplaceAll(sprint(want), " ", ""); g != w {
		t.Errorf("got  %s\nwant %s", g, w)
	}
	if _, ok, _ := s.Lookup("/srv/share", "other"); ok {
		t.Error("Lookup of an unknown path found something")
	}
	r.Done(true)
}

func sprint(e Entry) string {
	return strings.Join([]string{e.Root, e.Path, e.FileID, e.Fingerprint, e.RulesVersion, e.Status,
		strings.Join(e.Categories, ","), e.Risk, string(e.Record), e.RunID}, "|") + "|" + time.Duration(e.Size).String() + "|" + time.Duration(e.Subjects).String()
}

// TestStoresOnlyWhatItIsGiven pins the contract: the state holds the masked
// record it was given and nothing derived from a file's content.
func TestStoresOnlyWhatItIsGiven(t *testing.T) {
	s, path := openTemp(t)
	dir := t.TempDir()
	secret := "090-1234-5678"
	f := filepath.Join(dir, "名簿.csv")
	os.WriteFile(f, []byte("氏名,電話\n山田 太郎,"+secret+"\n"), 0o600)
	fp, err := Fingerprint(f)
	if err != nil {
		t.Fatal(err)
	}
	r, _ := s.BeginRun([]string{dir}, "h", "r1")
	r.Put(Entry{Root: dir, Path: "名簿.csv", Fingerprint: fp, Status: "ok",
		Categories: []string{"phone"}, Subjects: 1, Risk: "medium",
		Record: []byte(`{"samples":["090-****-**78"]}`)})
	r.Done(true)
	s.db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
	s.Close()
	for _, name := range []string{path, path + "-wal"} {
		b, _ := os.ReadFile(name)
		if bytes.Contains(b, []byte(secret)) || bytes.Contains(b, []byte("山田")) {
			t.Errorf("%s holds a found value", filepath.Base(name))
		}
	}
}

func TestBatchCommitsOnTimer(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	s, err := Open(path, Options{BatchDelay: 20 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	r, _ := s.BeginRun([]string{"/r"}, "h", "r1")
	defer r.Done(true)
	r.Put(Entry{Root: "/r", Path: "a"})
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if _, ok, _ := s.Lookup("/r", "a"); ok {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatal("a lone row was never committed without Flush")
}

func TestPutAfterDone(t *testing.T) {
	s, _ := openTemp(t)
	r, _ := s.BeginRun([]string{"/r"}, "h", "r1")
	r.Done(true)
	if err := r.Put(Entry{Root: "/r", Path: "a"}); err == nil {
		t.Error("Put after Done succeeded")
	}
}

// paths lists the paths Records gives.
func paths(t *testing.T, r *Run) []string {
	t.Helper()
	var got []string
	if err := r.Records(func(e Entry) error { got = append(got, e.Path); return nil }); err != nil {
		t.Fatal(err)
	}
	return got
}

func TestResume(t *testing.T) {
	s, _ := openTemp(t)
	roots := []string{"/srv/a", "/srv/b"}
	r1, _ := s.BeginRun(roots, "opts", "r1")
	if r1.Resumed {
		t.Fatal("first run resumed")
	}
	r1.Put(Entry{Root: "/srv/a", Path: "1"})
	r1.Put(Entry{Root: "/srv/b", Path: "2"})
	r1.Done(false) // Ctrl-C

	for name, tc := range map[string]struct {
		roots       []string
		opts, rules string
		wantResumed bool
	}{
		"other options": {roots, "other", "r1", false},
		"other rules":   {roots, "opts", "r2", false},
		"other roots":   {roots[:1], "opts", "r1", false},
	} {
		r, _ := s.BeginRun(tc.roots, tc.opts, tc.rules)
		if r.Resumed != tc.wantResumed || r.ID == r1.ID {
			t.Errorf("%s: resumed %v (id %s)", name, r.Resumed, r.ID)
		}
		r.Done(true)
	}

	r2, _ := s.BeginRun(roots, "opts", "r1")
	if !r2.Resumed || r2.ID != r1.ID {
		t.Fatalf("interrupted run not resumed: %+v", r2)
	}
	r2.Put(Entry{Root: "/srv/a", Path: "3"})
	if got := paths(t, r2); !slices.Equal(got, []string{"1", "3", "2"}) {
		t.Errorf("Records = %v, want files of before and after the interruption", got)
	}
	r2.Done(true)
	r3, _ := s.BeginRun(roots, "opts", "r1")
	if r3.Resumed {
		t.Error("a complete run was resumed")
	}
	r3.Done(true)
}

// TestResumeAfterKill kills a process in the middle of a run: the lock
// goes with it, and the next Open resumes what was committed.
func TestResumeAfterKill(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperScan$")
	cmd.Env = append(os.Environ(), "STATE_HELPER="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 5)
	if _, err := out.Read(buf); err != nil || string(buf) != "ready" {
		t.Fatalf("helper: %q %v", buf, err)
	}
	// The helper holds the file: a second scan is refused.
	if _, err := Open(path, Options{BusyTimeout: 50 * time.Millisecond}); err == nil {
		t.Fatal("Open while another process scans succeeded")
	} else if !strings.Contains(err.Error(), "in use") {
		t.Fatalf("got %v, want ErrLocked", err)
	}
	cmd.Process.Kill()
	cmd.Wait()

	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	r, _ := s.BeginRun([]string{"/srv"}, "h", "r1")
	if !r.Resumed {
		t.Fatal("killed run not resumed")
	}
	if got := paths(t, r); len(got) != 1500 {
		t.Errorf("resumed run has %d committed files, want the 1500 flushed", len(got))
	}
	r.Done(true)
}

// TestHelperScan is the process TestResumeAfterKill kills.
func TestHelperScan(t *testing.T) {
	path := os.Getenv("STATE_HELPER")
	if path == "" {
		t.Skip("helper process")
	}
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	r, _ := s.BeginRun([]string{"/srv"}, "h", "r1")
	for i := range 1500 {
		r.Put(Entry{Root: "/srv", Path: time.Duration(i).String()})
	}
	r.Flush()
	r.Put(Entry{Root: "/srv", Path: "lost with the process"})
	os.Stdout.WriteString("ready")
	time.Sleep(time.Minute)
}

func TestGoneAndPrune(t *testing.T) {
	s, _ := openTemp(t)
	roots := []string{"/srv/a"}
	r1, _ := s.BeginRun(roots, "h", "r1")
	for _, p := range []string{"keep", "changed", "deleted"} {
		r1.Put(Entry{Root: "/srv/a", Path: p})
	}
	r1.Done(true)
	other, _ := s.BeginRun([]string{"/srv/other"}, "h", "r1")
	other.Put(Entry{Root: "/srv/other", Path: "elsewhere"})
	other.Done(true)

	r2, _ := s.BeginRun(roots, "h", "r1")
	r2.Carry("/srv/a", "keep")
	r2.Put(Entry{Root: "/srv/a", Path: "changed"})
	r2.Put(Entry{Root: "/srv/a", Path: "new"})
	var gone []string
	if err := r2.Gone(func(e Entry) error { gone = append(gone, e.Path); return nil }); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(gone, []string{"deleted"}) {
		t.Errorf("Gone = %v, want [deleted]", gone)
	}
	if n, err := r2.Prune(); n != 1 || err != nil {
		t.Errorf("Prune = %d, %v", n, err)
	}
	if got := paths(t, r2); !slices.Equal(got, []string{"changed", "keep", "new"}) {
		t.Errorf("Records = %v", got)
	}
	if _, ok, _ := s.Lookup("/srv/other", "elsewhere"); !ok {
		t.Error("Prune reached another root")
	}
	r2.Done(true)
}

func TestStaleRunningRunIsInterrupted(t *testing.T) {
	s, path := openTemp(t)
	r, _ := s.BeginRun([]string{"/r"}, "h", "r1")
	r.w.close() // the process died: no Done
	s.Close()
	s2, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	var state string
	s2.db.QueryRow(`SELECT state FROM runs WHERE run_id = ?`, r.ID).Scan(&state)
	if state != RunInterrupted {
		t.Errorf("state %q, want interrupted", state)
	}
}

func TestFingerprint(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, b, 0o600)
		return p
	}
	big := bytes.Repeat([]byte("0123456789abcdef"), 64<<10) // 1 MiB
	fp := func(b []byte) string {
		v, err := Fingerprint(write("f", b))
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	base := fp(big)
	if len(base) != 32 {
		t.Errorf("fingerprint %q: want 32 hex digits", base)
	}
	edit := func(at int) []byte {
		b := bytes.Clone(big)
		b[at] ^= 1
		return b
	}
	for name, tc := range map[string]struct {
		b    []byte
		same bool
	}{
		"same":         {big, true},
		"head":         {edit(10), false},
		"tail":         {edit(len(big) - 1), false},
		"size":         {big[:len(big)-1], false},
		"middle":       {edit(len(big) / 2), true}, // documented blind spot
		"small":        {[]byte("a"), false},
		"small edited": {[]byte("b"), false},
	} {
		if got := fp(tc.b) == base; got != tc.same {
			t.Errorf("%s: same = %v, want %v", name, got, tc.same)
		}
	}
	if fp([]byte("a")) == fp([]byte("b")) {
		t.Error("small files with different content share a fingerprint")
	}
}

func TestArchiveMembersCarried(t *testing.T) {
	s, _ := openTemp(t)
	roots := []string{"/srv"}
	r1, _ := s.BeginRun(roots, "h", "r1")
	for _, p := range []string{"a.zip", "a.zip!/名簿.csv", "a.zip!/b.zip", "a.zip!/b.zip!/c.csv", "a.zip2", "a.zipx!/d.csv", "z.csv"} {
		r1.Put(Entry{Root: "/srv", Path: p, Record: []byte(`{"path":"` + p + `"}`)})
	}
	r1.Done(true)

	r2, _ := s.BeginRun(roots, "h", "r1")
	r2.Carry("/srv", "a.zip")
	r2.CarryUnder("/srv", "a.zip!/")
	r2.Flush()
	var under []string
	if err := s.Under("/srv", "a.zip!/", func(e Entry) error { under = append(under, e.Path); return nil }); err != nil {
		t.Fatal(err)
	}
	want := []string{"a.zip!/b.zip", "a.zip!/b.zip!/c.csv", "a.zip!/名簿.csv"}
	if !slices.Equal(under, want) {
		t.Errorf("Under = %v, want %v", under, want)
	}
	if got := paths(t, r2); !slices.Equal(got, append([]string{"a.zip"}, want...)) {
		t.Errorf("carried %v", got)
	}
	r2.Done(true)
}

func TestPrefixEnd(t *testing.T) {
	for in, want := range map[string]string{"a.zip!/": "a.zip!0", "a\xff": "b", "\xff": "\xff\xff\xff\xff"} {
		if got := prefixEnd(in); got != want {
			t.Errorf("prefixEnd(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestOptionsHash(t *testing.T) {
	type opts struct {
		Excludes []string
		MaxSize  int64
	}
	a := OptionsHash(opts{[]string{"*.tmp"}, 0})
	if a != OptionsHash(opts{[]string{"*.tmp"}, 0}) || a == OptionsHash(opts{[]string{"*.tmp"}, 1}) || len(a) != 16 {
		t.Errorf("OptionsHash not a stable digest: %s", a)
	}
}

// TestResumeAtRandomPoints interrupts a run of 3,000 files at random
// points, again and again, resuming each time as the command would (skip
// files this run already met, carry unchanged ones, read the rest), and
// checks that the records of the finished run are those of one that was
// never interrupted.
func TestResumeAtRandomPoints(t *testing.T) {
	const n = 3000
	s, _ := openTemp(t)
	roots := []string{"/srv"}
	mtime := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	name := func(i int) string { return fmt.Sprintf("d%02d/f%04d.csv", i%37, i) }
	// A previous complete run knows the even files.
	r0, _ := s.BeginRun(roots, "h", "r1")
	for i := 0; i < n; i += 2 {
		r0.Put(Entry{Root: "/srv", Path: name(i), Size: 1, ModTime: mtime, RulesVersion: "r1", Status: "ok", Record: []byte("old")})
	}
	r0.Done(true)

	rng := rand.New(rand.NewPCG(1, 2))
	reads := 0
	for attempt := 0; ; attempt++ {
		r, _ := s.BeginRun(roots, "h", "r1")
		if attempt > 0 && !r.Resumed {
			t.Fatal("interrupted run not resumed")
		}
		stop := rng.IntN(n)
		complete := true
		for i := range n {
			if attempt < 5 && i == stop {
				complete = false
				break
			}
			prev, ok, err := s.Lookup("/srv", name(i))
			switch {
			case err != nil:
				t.Fatal(err)
			case ok && prev.RunID == r.ID: // met before the interruption
			case ok && Unchanged(prev, 1, mtime, "", "r1"):
				r.Carry("/srv", name(i))
			default:
				reads++
				r.Put(Entry{Root: "/srv", Path: name(i), Size: 1, ModTime: mtime, RulesVersion: "r1", Status: "ok", Record: []byte("new")})
			}
		}
		r.Done(complete)
		if !complete {
			continue
		}
		got := map[string]string{}
		r.Records(func(e Entry) error { got[e.Path] = string(e.Record); return nil })
		if len(got) != n {
			t.Fatalf("%d records, want %d", len(got), n)
		}
		for i := range n {
			want := map[bool]string{true: "old", false: "new"}[i%2 == 0]
			if got[name(i)] != want {
				t.Fatalf("%s: record %q, want %q", name(i), got[name(i)], want)
			}
		}
		if reads != n/2 {
			t.Errorf("read %d files, want %d: a file was read twice or an unchanged one read", reads, n/2)
		}
		return
	}
}
