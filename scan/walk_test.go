package scan

import (
	"context"
	"errors"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// newWalkTree creates tree under a new temporary directory and returns it.
// Keys are slash paths; a key ending in "/" is an empty directory; a value
// "-> target" makes a symbolic link to target (relative to the link's
// directory); any other value is the content of a file.
func newWalkTree(t testing.TB, tree map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range tree {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if strings.HasSuffix(name, "/") {
			mkdirWalk(t, p)
			continue
		}
		mkdirWalk(t, filepath.Dir(p))
		if target, ok := strings.CutPrefix(content, "-> "); ok {
			if err := os.Symlink(filepath.FromSlash(target), p); err != nil {
				t.Skipf("cannot create symbolic links here: %v", err)
			}
			continue
		}
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func mkdirWalk(t testing.TB, p string) {
	t.Helper()
	if err := os.MkdirAll(p, 0o700); err != nil {
		t.Fatal(err)
	}
}

// swapVar sets *p to v for the duration of the test.
func swapVar[T any](t testing.TB, p *T, v T) {
	t.Helper()
	old := *p
	*p = v
	t.Cleanup(func() { *p = old })
}

// fakeExtractOK stands in for ExtractFile. It only stats the file (so that a
// vanished file is an error) and refuses anything but a regular file,
// which the walk must never hand over.
func fakeExtractOK(_ context.Context, f *File, s Sink, _ Limits) error {
	fi, err := os.Stat(f.Path)
	if err != nil {
		f.Status, f.Reason = StatusError, "failed to open file: "+pathlessError(err).Error()
		return err
	}
	if !fi.Mode().IsRegular() {
		panic("asked to extract a file that is not regular")
	}
	s.Text("x", Loc{Line: 1, Col: 1})
	f.Format, f.Status = FormatText, StatusOK
	return nil
}

// recOutcome is what a test expects of one record: "ok", or "status: reason".
func recOutcome(f File) string {
	if f.Reason == "" {
		return string(f.Status)
	}
	return string(f.Status) + ": " + f.Reason
}

func TestRunRecords(t *testing.T) {
	tests := map[string]struct {
		tree map[string]string
		opt  Options
		want map[string]string
	}{
		"plain tree": {
			tree: map[string]string{"a.txt": "x", "d/b.txt": "y", "d/e/c.txt": "z", "empty/": ""},
			want: map[string]string{"a.txt": "ok", "d/b.txt": "ok", "d/e/c.txt": "ok"},
		},
		"exclude file by base name": {
			tree: map[string]string{"a.txt": "x", "d/old.bak": "y"},
			opt:  Options{Excludes: []string{"*.bak"}},
			want: map[string]string{"a.txt": "ok", "d/old.bak": "skipped: excluded by pattern *.bak"},
		},
		"exclude directory once": {
			tree: map[string]string{"a.txt": "x", "node_modules/x.js": "y", "node_modules/y/z.js": "z"},
			opt:  Options{Excludes: []string{"node_modules"}},
			want: map[string]string{"a.txt": "ok", "node_modules": "skipped: excluded by pattern node_modules"},
		},
		"exclude with double star": {
			tree: map[string]string{"2017/a.csv": "x", "2017/x/y/b.csv": "y", "2017/c.txt": "z", "2018/d.csv": "w"},
			opt:  Options{Excludes: []string{"2017/**/*.csv"}},
			want: map[string]string{
				"2017/a.csv":     "skipped: excluded by pattern 2017/**/*.csv",
				"2017/x/y/b.csv": "skipped: excluded by pattern 2017/**/*.csv",
				"2017/c.txt":     "ok",
				"2018/d.csv":     "ok",
			},
		},
		"exclude directory anywhere": {
			tree: map[string]string{"a/tmp/x": "x", "tmpfile": "y", "b/c/tmp/y": "z"},
			opt:  Options{Excludes: []string{"**/tmp"}},
			want: map[string]string{
				"a/tmp":   "skipped: excluded by pattern **/tmp",
				"b/c/tmp": "skipped: excluded by pattern **/tmp",
				"tmpfile": "ok",
			},
		},
		"max size": {
			tree: map[string]string{"small": "abc", "big": "abcd"},
			opt:  Options{MaxSize: 3},
			want: map[string]string{"small": "ok", "big": "skipped: larger than --max-size (3 bytes)"},
		},
		"symbolic links not followed": {
			tree: map[string]string{"a.txt": "x", "link": "-> a.txt", "d/b": "y", "dlink": "-> d", "gone": "-> nowhere"},
			want: map[string]string{
				"a.txt": "ok", "d/b": "ok",
				"link":  "skipped: symbolic link not followed",
				"dlink": "skipped: symbolic link not followed",
				"gone":  "skipped: symbolic link not followed",
			},
		},
		"symbolic links followed": {
			tree: map[string]string{"a.txt": "x", "link": "-> a.txt", "d/b": "y", "dlink": "-> d"},
			opt:  Options{FollowSymlinks: true},
			want: map[string]string{"a.txt": "ok", "link": "ok", "d/b": "ok", "dlink/b": "ok"},
		},
		"symbolic link loop": {
			tree: map[string]string{"d/b": "y", "d/up": "-> ..", "self": "-> self"},
			opt:  Options{FollowSymlinks: true},
			want: map[string]string{
				"d/b":  "ok",
				"d/up": "skipped: symbolic link loop",
				"self": "skipped: symbolic link loop",
			},
		},
		"dangling link": {
			tree: map[string]string{"a": "x", "gone": "-> nowhere"},
			opt:  Options{FollowSymlinks: true},
			want: map[string]string{"a": "ok", "gone": "error: broken symbolic link"},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			swapVar(t, &extractFile, fakeExtractOK)
			dir := newWalkTree(t, tc.tree)
			rec := runWalk(t, []string{dir}, tc.opt)
			rec.check(t, tc.want)
		})
	}
}

func TestRunSinkOnlyForExtractedFiles(t *testing.T) {
	swapVar(t, &extractFile, fakeExtractOK)
	dir := newWalkTree(t, map[string]string{"a.txt": "x", "b.bak": "y"})
	rec := runWalk(t, []string{dir}, Options{Excludes: []string{"*.bak"}})
	if !rec.sink["a.txt"] || rec.sink["b.bak"] {
		t.Errorf("sinks handed to Done = %v, want only a.txt", rec.sink)
	}
	if rec.texts.Load() != 1 {
		t.Errorf("sink received %d texts, want 1", rec.texts.Load())
	}
}

func TestRunRoots(t *testing.T) {
	swapVar(t, &extractFile, fakeExtractOK)
	dir := newWalkTree(t, map[string]string{"one.csv": "x", "d/two.csv": "y", "fifo.bak": "z"})

	t.Run("file root is named by its base name", func(t *testing.T) {
		walkRoot := filepath.Join(dir, "one.csv")
		rec := runWalk(t, []string{walkRoot}, Options{})
		rec.check(t, map[string]string{"one.csv": "ok"})
		if f := rec.recs["one.csv"]; f.Root != walkRoot || f.Path != walkRoot || f.Size != 1 {
			t.Errorf("record = %+v, want Root and Path %s, Size 1", f, walkRoot)
		}
	})
	t.Run("file root is excluded by base name", func(t *testing.T) {
		rec := runWalk(t, []string{filepath.Join(dir, "fifo.bak")}, Options{Excludes: []string{"*.bak"}})
		rec.check(t, map[string]string{"fifo.bak": "skipped: excluded by pattern *.bak"})
	})
	t.Run("several roots", func(t *testing.T) {
		rec := runWalk(t, []string{filepath.Join(dir, "d"), filepath.Join(dir, "one.csv")}, Options{})
		rec.check(t, map[string]string{"two.csv": "ok", "one.csv": "ok"})
		if f := rec.recs["two.csv"]; f.Root != filepath.Join(dir, "d") {
			t.Errorf("Root = %q, want the root as given", f.Root)
		}
	})
	t.Run("missing root fails before walking", func(t *testing.T) {
		rec := newWalkRecorder(t)
		err := Run(t.Context(), []string{dir, filepath.Join(dir, "missing")}, Options{}, rec)
		if !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), "failed to stat root") {
			t.Errorf("Run = %v, want a stat error for the missing root", err)
		}
		if len(rec.recs) != 0 {
			t.Errorf("got %d records, want none", len(rec.recs))
		}
	})
	t.Run("malformed pattern fails before walking", func(t *testing.T) {
		err := Run(t.Context(), []string{dir}, Options{Excludes: []string{"a/[x"}}, newWalkRecorder(t))
		if err == nil || !strings.Contains(err.Error(), "failed to parse exclude pattern") {
			t.Errorf("Run = %v, want a pattern error", err)
		}
	})
}

func TestRunUnlistableDirectory(t *testing.T) {
	swapVar(t, &extractFile, fakeExtractOK)
	dir := newWalkTree(t, map[string]string{"a.txt": "x", "locked/secret.txt": "y", "z/b.txt": "z"})
	swapVar(t, &openDir, func(name string) (dirReader, error) {
		if filepath.Base(name) == "locked" {
			return nil, &fs.PathError{Op: "open", Path: name, Err: syscall.EACCES}
		}
		return openDirOS(name)
	})
	rec := runWalk(t, []string{dir}, Options{})
	rec.check(t, map[string]string{
		"a.txt":   "ok",
		"z/b.txt": "ok",
		"locked":  "error: failed to read directory: " + syscall.EACCES.Error(),
	})
	if f := rec.recs["locked"]; f.Format != formatDirectory {
		t.Errorf("Format = %q, want %q", f.Format, formatDirectory)
	}
}

// partialDir returns the first keep entries of a directory, then fails.
type partialDir struct {
	dirReader
	keep int
}

func (d *partialDir) ReadDir(n int) ([]fs.DirEntry, error) {
	if d.keep == 0 {
		return nil, &fs.PathError{Op: "readdirent", Path: "big", Err: syscall.EIO}
	}
	ents, err := d.dirReader.ReadDir(min(n, d.keep))
	d.keep -= len(ents)
	return ents, err
}

func TestRunDirectoryFailsMidway(t *testing.T) {
	swapVar(t, &extractFile, fakeExtractOK)
	dir := newWalkTree(t, map[string]string{"big/1": "1", "big/2": "2", "big/3": "3", "big/4": "4", "other": "o"})
	swapVar(t, &openDir, func(name string) (dirReader, error) {
		d, err := openDirOS(name)
		if err == nil && filepath.Base(name) == "big" {
			return &partialDir{dirReader: d, keep: 2}, nil
		}
		return d, err
	})
	rec := runWalk(t, []string{dir}, Options{})
	var inBig int
	for rel, f := range rec.recs {
		if strings.HasPrefix(rel, "big/") && f.Status == StatusOK {
			inBig++
		}
	}
	if inBig != 2 {
		t.Errorf("got %d files of big, want the 2 read before the error", inBig)
	}
	if got, want := recOutcome(rec.recs["big"]), "error: failed to read directory: "+syscall.EIO.Error(); got != want {
		t.Errorf("big: got %q, want %q", got, want)
	}
	if recOutcome(rec.recs["other"]) != "ok" {
		t.Errorf("other: got %q, want ok", recOutcome(rec.recs["other"]))
	}
}

func TestRunRealUnreadableDirectory(t *testing.T) {
	if runtime.GOOS == "windows" || os.Geteuid() == 0 {
		t.Skip("needs a non-root Unix user: chmod 000 does not deny root")
	}
	swapVar(t, &extractFile, fakeExtractOK)
	dir := newWalkTree(t, map[string]string{"a.txt": "x", "locked/secret.txt": "y"})
	locked := filepath.Join(dir, "locked")
	if err := os.Chmod(locked, 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(locked, 0o700) })
	rec := runWalk(t, []string{dir}, Options{})
	rec.check(t, map[string]string{"a.txt": "ok", "locked": "error: failed to read directory: permission denied"})
}

func TestRunEntryVanishedBeforeStat(t *testing.T) {
	swapVar(t, &extractFile, fakeExtractOK)
	dir := newWalkTree(t, map[string]string{"a.txt": "x", "gone.txt": "y"})
	swapVar(t, &entryInfo, func(e fs.DirEntry) (fs.FileInfo, error) {
		if e.Name() == "gone.txt" {
			return nil, &fs.PathError{Op: "lstat", Path: e.Name(), Err: fs.ErrNotExist}
		}
		return e.Info()
	})
	rec := runWalk(t, []string{dir}, Options{})
	rec.check(t, map[string]string{"a.txt": "ok", "gone.txt": "error: failed to stat file: " + fs.ErrNotExist.Error()})
}

// fakeWalkInfo is a FileInfo with a chosen name and mode.
type fakeWalkInfo struct {
	name string
	mode fs.FileMode
}

func (i fakeWalkInfo) Name() string       { return i.name }
func (i fakeWalkInfo) Size() int64        { return 0 }
func (i fakeWalkInfo) Mode() fs.FileMode  { return i.mode }
func (i fakeWalkInfo) ModTime() time.Time { return time.Time{} }
func (i fakeWalkInfo) IsDir() bool        { return i.mode.IsDir() }
func (i fakeWalkInfo) Sys() any           { return nil }

func TestRunSpecialFilesAreNeverOpened(t *testing.T) {
	swapVar(t, &extractFile, fakeExtractOK) // panics on a non-regular file
	dir := newWalkTree(t, map[string]string{"a.txt": "x", "fifo": "", "tty": ""})
	modes := map[string]fs.FileMode{"fifo": fs.ModeNamedPipe, "tty": fs.ModeDevice | fs.ModeCharDevice}
	swapVar(t, &entryInfo, func(e fs.DirEntry) (fs.FileInfo, error) {
		if m, ok := modes[e.Name()]; ok {
			return fakeWalkInfo{name: e.Name(), mode: m}, nil
		}
		return e.Info()
	})
	rec := runWalk(t, []string{dir}, Options{})
	rec.check(t, map[string]string{
		"a.txt": "ok",
		"fifo":  "skipped: not a regular file: named pipe",
		"tty":   "skipped: not a regular file: character device",
	})
}

func TestRunRealSocket(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Unix sockets in the file system are a Unix matter")
	}
	swapVar(t, &extractFile, fakeExtractOK)
	dir, err := os.MkdirTemp("", "sock") // short: socket paths are limited to ~100 bytes
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	l, err := net.Listen("unix", filepath.Join(dir, "s"))
	if err != nil {
		t.Skipf("cannot create a Unix socket: %v", err)
	}
	defer l.Close()
	rec := runWalk(t, []string{dir}, Options{})
	rec.check(t, map[string]string{"s": "skipped: not a regular file: socket"})
}

func TestRunInvalidUTF8Name(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("only Linux file systems take any bytes in a name")
	}
	swapVar(t, &extractFile, fakeExtractOK)
	dir := t.TempDir()
	name := "\x93\xfa\x96\x7b\xff.csv" // 日本 in Shift_JIS, and a byte valid in nothing
	mkdirWalk(t, filepath.Join(dir, "d\xff"))
	for _, p := range []string{name, "d\xff/" + name} {
		if err := os.WriteFile(filepath.Join(dir, p), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	rec := runWalk(t, []string{dir}, Options{Excludes: []string{"nothing"}})
	rec.check(t, map[string]string{name: "ok", "d\xff/" + name: "ok"})
	if f := rec.recs["d\xff/"+name]; f.Path != filepath.Join(dir, "d\xff", name) {
		t.Errorf("Path = %q, want the bytes unchanged", f.Path)
	}
}

func TestRunOneFileSystem(t *testing.T) {
	swapVar(t, &extractFile, fakeExtractOK)
	dir := newWalkTree(t, map[string]string{"a.txt": "x", "mnt/b.txt": "y", "d/c.txt": "z"})
	swapVar(t, &deviceOf, func(fi fs.FileInfo) (uint64, bool) {
		if fi.Name() == "mnt" {
			return 2, true
		}
		return 1, true
	})
	tests := map[string]struct {
		opt  Options
		want map[string]string
	}{
		"stays on the root's device": {
			opt:  Options{OneFileSystem: true},
			want: map[string]string{"a.txt": "ok", "d/c.txt": "ok", "mnt": "skipped: on another file system"},
		},
		"crosses devices by default": {
			want: map[string]string{"a.txt": "ok", "d/c.txt": "ok", "mnt/b.txt": "ok"},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			runWalk(t, []string{dir}, tc.opt).check(t, tc.want)
		})
	}
}

func TestExcludeMatch(t *testing.T) {
	tests := map[string]struct {
		pattern, rel string
		want         bool
	}{
		"base name":                 {"*.bak", "a/b/c.bak", true},
		"base name no match":        {"*.bak", "a/b/c.txt", false},
		"star stops at slash":       {"a/*.csv", "a/b/c.csv", false},
		"relative path":             {"a/*.csv", "a/c.csv", true},
		"leading slash":             {"/a/*.csv", "a/c.csv", true},
		"double star none":          {"a/**/c.csv", "a/c.csv", true},
		"double star many":          {"a/**/c.csv", "a/x/y/z/c.csv", true},
		"double star prefix":        {"**/secret", "x/y/secret", true},
		"double star suffix":        {"backup/**", "backup/x/y", true},
		"double star suffix itself": {"backup/**", "backup", true},
		"double star elsewhere":     {"backup/**", "other/backup2", false},
		"character class":           {"[0-9]*.tmp", "d/1x.tmp", true},
		"japanese":                  {"個人*", "校務/個人情報.xlsx", true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			ex, err := newExcluder([]string{tc.pattern})
			if err != nil {
				t.Fatal(err)
			}
			base := tc.rel[strings.LastIndexByte(tc.rel, '/')+1:]
			if _, got := ex.match(tc.rel, base); got != tc.want {
				t.Errorf("match(%q, %q) = %v, want %v", tc.pattern, tc.rel, got, tc.want)
			}
		})
	}
}

func TestJoinPath(t *testing.T) {
	sep := string(os.PathSeparator)
	for _, dir := range []string{"root", "root" + sep} {
		if got, want := joinPath(dir, "x"), "root"+sep+"x"; got != want {
			t.Errorf("joinPath(%q, x) = %q, want %q", dir, got, want)
		}
	}
}

// walkRecorder is a Handler that keeps every record by Rel.
type walkRecorder struct {
	t     testing.TB
	busy  atomic.Bool
	recs  map[string]File
	sink  map[string]bool
	dups  []string
	texts atomic.Int64
	// sinkFor, when set, chooses the Sink of a file.
	sinkFor func(f *File) Sink
}

func newWalkRecorder(t testing.TB) *walkRecorder {
	return &walkRecorder{t: t, recs: map[string]File{}, sink: map[string]bool{}}
}

func (r *walkRecorder) NewSink(f *File) Sink {
	if r.sinkFor != nil {
		return r.sinkFor(f)
	}
	return walkCountSink{&r.texts}
}

func (r *walkRecorder) Done(f *File, s Sink) {
	if !r.busy.CompareAndSwap(false, true) {
		r.t.Error("Done called concurrently")
	}
	defer r.busy.Store(false)
	if _, ok := r.recs[f.Rel]; ok {
		r.dups = append(r.dups, f.Rel)
	}
	if f.Status == "" {
		r.t.Errorf("%q: record without a status", f.Rel)
	}
	r.recs[f.Rel] = *f
	r.sink[f.Rel] = s != nil
}

// check reports duplicates and, unless want is nil, compares the outcome
// of every record with want.
func (r *walkRecorder) check(t testing.TB, want map[string]string) {
	t.Helper()
	if len(r.dups) > 0 {
		t.Errorf("records given twice: %q", r.dups)
	}
	got := map[string]string{}
	for rel, f := range r.recs {
		got[rel] = recOutcome(f)
	}
	if want == nil {
		return
	}
	for _, rel := range sortedWalkKeys(want, got) {
		if got[rel] != want[rel] {
			t.Errorf("%q: got %q, want %q", rel, got[rel], want[rel])
		}
	}
}

func sortedWalkKeys(ms ...map[string]string) []string {
	var keys []string
	for _, m := range ms {
		for k := range m {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

// walkCountSink counts the texts it receives.
type walkCountSink struct{ n *atomic.Int64 }

func (s walkCountSink) Text(string, Loc)   { s.n.Add(1) }
func (s walkCountSink) Row(string, []Cell) {}

// runWalk runs and fails the test on an error or a goroutine left behind.
func runWalk(t testing.TB, roots []string, opt Options) *walkRecorder {
	t.Helper()
	before := runtime.NumGoroutine()
	rec := newWalkRecorder(t)
	if err := Run(context.Background(), roots, opt, rec); err != nil {
		t.Fatalf("Run: %v", err)
	}
	checkNoGoroutineLeak(t, before)
	return rec
}

// checkNoGoroutineLeak waits briefly for the goroutine count to come back to before.
func checkNoGoroutineLeak(t testing.TB, before int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<16)
			t.Fatalf("%d goroutines left, was %d:\n%s", runtime.NumGoroutine(), before, buf[:runtime.Stack(buf, true)])
		}
		time.Sleep(5 * time.Millisecond)
	}
}
