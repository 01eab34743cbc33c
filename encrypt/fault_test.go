package encrypt

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"mamori/report"
)

// faultFS is the real file system with one operation failing (restic's
// failSaveRepo): op names the step, on limits it to paths containing a
// string ("" for any).
type faultFS struct {
	osFS
	op, on string
	err    error
	hook   func() // called instead of failing, for changing files mid-run
}

func (f *faultFS) fails(op, path string) bool {
	return f.op == op && strings.Contains(path, f.on)
}

func (f *faultFS) Open(name string) (file, error) {
	if f.fails("open", name) {
		return nil, f.err
	}
	fl, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	return &faultFile{File: fl, fs: f}, nil
}

func (f *faultFS) CreateTemp(dir, pattern string) (file, error) {
	if f.fails("create", dir) {
		return nil, f.err
	}
	fl, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return nil, err
	}
	return &faultFile{File: fl, fs: f}, nil
}

func (f *faultFS) Rename(old, new string) error {
	if f.op == "rename" && f.hook != nil {
		f.hook()
	} else if f.fails("rename", new) {
		return f.err
	}
	return f.osFS.Rename(old, new)
}

func (f *faultFS) Remove(name string) error {
	if f.fails("remove", name) && !isTemp(filepath.Base(name)) {
		return f.err
	}
	return f.osFS.Remove(name)
}

func (f *faultFS) Chtimes(name string, t time.Time) error {
	if f.fails("chtimes", name) {
		return f.err
	}
	return f.osFS.Chtimes(name, t)
}

func (f *faultFS) SyncDir(dir string) error {
	if f.fails("syncdir", dir) {
		return f.err
	}
	return f.osFS.SyncDir(dir)
}

// faultFile fails reads of the original, or writes, syncs, closes and
// chmods of the temporary file.
type faultFile struct {
	*os.File
	fs   *faultFS
	read int
}

func (f *faultFile) temp() bool { return isTemp(filepath.Base(f.Name())) }

func (f *faultFile) Read(p []byte) (int, error) {
	if f.fs.op == "read" && !f.temp() && !strings.HasSuffix(f.Name(), Suffix) {
		if f.read > 0 {
			return 0, f.fs.err
		}
		f.read++
		return f.File.Read(p[:min(len(p), 10)])
	}
	return f.File.Read(p)
}

func (f *faultFile) Write(p []byte) (int, error) {
	if f.fs.op == "write" && f.temp() {
		n, _ := f.File.Write(p[:len(p)/2]) // a partial write, then the disk is full
		return n, f.fs.err
	}
	return f.File.Write(p)
}

func (f *faultFile) Sync() error {
	if f.fs.op == "sync" && f.temp() {
		return f.fs.err
	}
	return f.File.Sync()
}

func (f *faultFile) Close() error {
	err := f.File.Close()
	if f.fs.op == "close" && f.temp() {
		return f.fs.err
	}
	return err
}

func (f *faultFile) Chmod(m fs.FileMode) error {
	if f.fs.op == "chmod" && f.temp() {
		return f.fs.err
	}
	return f.File.Chmod(m)
}

// TestFaults fails each step of the safety sequence in turn. Whatever
// fails, the original is intact, no temporary is left, a .age is either
// absent or complete, and a second run with a healthy disk finishes.
func TestFaults(t *testing.T) {
	content := strings.Repeat("山田 太郎,090-1234-5678\n", 20000) // ~560 KB, several chunks
	for name, tc := range map[string]struct {
		fs      *faultFS
		ageLeft bool // a complete .age stays beside the original
	}{
		"open original":       {fs: &faultFS{op: "open", on: "名簿.csv", err: fs.ErrPermission}},
		"read original":       {fs: &faultFS{op: "read", err: syscall.EIO}},
		"create temp":         {fs: &faultFS{op: "create", err: syscall.EACCES}},
		"chmod temp":          {fs: &faultFS{op: "chmod", err: syscall.EPERM}},
		"write ENOSPC":        {fs: &faultFS{op: "write", err: syscall.ENOSPC}},
		"sync temp":           {fs: &faultFS{op: "sync", err: syscall.EIO}},
		"close temp":          {fs: &faultFS{op: "close", err: syscall.EIO}},
		"chtimes temp":        {fs: &faultFS{op: "chtimes", err: syscall.EPERM}},
		"rename":              {fs: &faultFS{op: "rename", err: syscall.EXDEV}},
		"rename exists":       {fs: &faultFS{op: "rename", err: fs.ErrExist}},
		"sync directory":      {fs: &faultFS{op: "syncdir", err: syscall.EIO}},
		"open .age to verify": {fs: &faultFS{op: "open", on: Suffix, err: syscall.EIO}},
		"remove original":     {fs: &faultFS{op: "remove", on: "名簿.csv", err: syscall.EACCES}, ageLeft: true},
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			writeTree(t, dir, map[string]string{"名簿.csv": content})
			p := filepath.Join(dir, "名簿.csv")
			id, rs := newKey(t)
			ent := runOne(t, p, Options{Recipients: rs, fs: tc.fs})
			if ent.Result != report.ResultFailed || ent.Error == "" || ent.OriginalRemoved {
				t.Fatalf("result %s (%s), want failed", ent.Result, ent.Error)
			}
			if b, err := os.ReadFile(p); err != nil || string(b) != content {
				t.Fatalf("original not intact: %v", err)
			}
			if tmp := temps(t, dir); len(tmp) > 0 {
				t.Errorf("temporaries left: %v", tmp)
			}
			if exists(p+Suffix) != tc.ageLeft {
				t.Errorf(".age exists %v, want %v", exists(p+Suffix), tc.ageLeft)
			}
			if tc.ageLeft && decryptFile(t, p+Suffix, id) != content {
				t.Error(".age left is not complete")
			}
			ent = runOne(t, p, Options{Recipients: rs})
			if ent.Result != report.ResultEncrypted || exists(p) || decryptFile(t, p+Suffix, id) != content {
				t.Errorf("second run: %s (%s)", ent.Result, ent.Error)
			}
		})
	}
}

// TestConflictWhileEncrypting edits the original between writing the .age
// and removing the original: the original stays, the .age (an older
// version) goes.
func TestConflictWhileEncrypting(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"a.csv": "before"})
	p := filepath.Join(dir, "a.csv")
	_, rs := newKey(t)
	edit := &faultFS{op: "rename", hook: func() {
		os.WriteFile(p, []byte("after, longer"), 0o640)
	}}
	ent := runOne(t, p, Options{Recipients: rs, fs: edit})
	if ent.Result != report.ResultConflict {
		t.Fatalf("result %s (%s), want conflict", ent.Result, ent.Error)
	}
	if b, _ := os.ReadFile(p); string(b) != "after, longer" || exists(p+Suffix) || len(temps(t, dir)) > 0 {
		t.Errorf("after a conflict: original %q, .age %v", b, exists(p+Suffix))
	}
}

// TestInterruptedRunLeavesOriginals cancels before anything starts.
func TestInterruptedRun(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"a.csv": "a"})
	_, rs := newKey(t)
	ctx, cancel := contextWithCancel()
	cancel()
	_, err := Run(ctx, []string{filepath.Join(dir, "a.csv")}, Options{Recipients: rs})
	if !errors.Is(err, errCanceled) || !exists(filepath.Join(dir, "a.csv")) {
		t.Errorf("err %v", err)
	}
}
