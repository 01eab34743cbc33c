package state

import (
	"bytes"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// openTemp opens a fresh store in a temporary directory.
func openTemp(t *testing.T) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "sub", "state.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

func TestOpenCreatesPrivateFile(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix modes")
	}
	s, path := openTemp(t)
	r, err := s.BeginRun([]string{"/srv"}, "h", "r1")
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Put(Entry{Root: "/srv", Path: "a.csv", Status: "ok"}); err != nil {
		t.Fatal(err)
	}
	if err := r.Flush(); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{path, path + "-wal"} {
		fi, err := os.Stat(name)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v, want 0600", filepath.Base(name), fi.Mode().Perm())
		}
	}
	// Exclusive locking mode before WAL: no shared-memory file, so a state
	// on a network home directory works.
	if _, err := os.Stat(path + "-shm"); err == nil {
		t.Error("a -shm file was created")
	}
	if fi, err := os.Stat(filepath.Dir(path)); err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("directory: %v %v, want 0700", fi.Mode().Perm(), err)
	}
	r.Done(true)
}

func TestOpenNarrowsWideFile(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix modes")
	}
	path := filepath.Join(t.TempDir(), "state.db")
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", fi.Mode().Perm())
	}
}

func TestMigrations(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := schemaVersion(t.Context(), s.db); v != SchemaVersion() {
		t.Errorf("fresh file at version %d, want %d", v, SchemaVersion())
	}
	s.Close()

	// A later build adds a migration: the file moves up on open, once.
	saved := migrations
	t.Cleanup(func() { migrations = saved })
	migrations = append(append([]string(nil), saved...), `ALTER TABLE files ADD COLUMN owner TEXT NOT NULL DEFAULT ''`)
	for range 2 {
		s, err = Open(path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if v, _ := schemaVersion(t.Context(), s.db); v != len(saved)+1 {
			t.Errorf("version %d after migration, want %d", v, len(saved)+1)
		}
		if _, err := s.db.Exec(`SELECT owner FROM files`); err != nil {
			t.Errorf("new column missing: %v", err)
		}
		s.Close()
	}
}

func TestFailedMigrationLeavesVersion(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	saved := migrations
	t.Cleanup(func() { migrations = saved })
	migrations = append(append([]string(nil), saved...), `CREATE TABLE x (a TEXT); THIS IS NOT SQL`)
	if _, err := Open(path, Options{}); err == nil {
		t.Fatal("Open succeeded with a broken migration")
	}
	migrations = saved
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, _ := schemaVersion(t.Context(), s.db); v != len(saved) {
		t.Errorf("version %d, want %d", v, len(saved))
	}
	if _, err := s.db.Exec(`SELECT a FROM x`); err == nil {
		t.Error("half a migration was kept")
	}
}

func TestNewerSchema(t *testing.T) {
	s, path := openTemp(t)
	if _, err := s.db.Exec(`UPDATE meta SET value = '999' WHERE key = 'schema_version'`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	_, err := Open(path, Options{})
	if !errors.Is(err, ErrNewerSchema) {
		t.Fatalf("got %v, want ErrNewerSchema", err)
	}
	if !strings.Contains(err.Error(), "--state-reset") || !strings.Contains(err.Error(), "999") {
		t.Errorf("message %q does not give the way forward", err)
	}
}

func TestCorruptAndReset(t *testing.T) {
	for name, content := range map[string][]byte{
		"not a database": bytes.Repeat([]byte("氏名,電話\n"), 1000),
		"bad header":     append([]byte("SQLite format 3\x00"), bytes.Repeat([]byte{0xff}, 8192)...),
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "state.db")
			if err := os.WriteFile(path, content, 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := Open(path, Options{Check: true})
			var se *Error
			if !errors.Is(err, ErrCorrupt) || !errors.As(err, &se) || se.Path != path {
				t.Fatalf("got %v, want *Error with ErrCorrupt", err)
			}
			if !strings.Contains(err.Error(), "--state-reset") {
				t.Errorf("message %q does not name --state-reset", err)
			}
			aside, err := Reset(path)
			if err != nil {
				t.Fatal(err)
			}
			if got, _ := os.ReadFile(aside); !bytes.Equal(got, content) {
				t.Error("Reset did not keep the old file")
			}
			s, err := Open(path, Options{})
			if err != nil {
				t.Fatalf("Open after Reset: %v", err)
			}
			s.Close()
		})
	}
}

func TestCorruptPageFoundByCheck(t *testing.T) {
	s, path := openTemp(t)
	r, _ := s.BeginRun([]string{"/srv"}, "h", "r1")
	for i := range 2000 {
		r.Put(Entry{Root: "/srv", Path: strings.Repeat("x", 100) + string(rune('a'+i%26)) + time.Duration(i).String(), Status: "ok"})
	}
	r.Done(true)
	s.db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
	s.Close()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := 4096 * 3; i < len(b)-4096; i += 4096 { // pages after the schema
		copy(b[i+100:i+400], bytes.Repeat([]byte{0xa5}, 300))
	}
	os.WriteFile(path, b, 0o600)
	if _, err := Open(path, Options{Check: true}); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("got %v, want ErrCorrupt", err)
	}
}

func TestResetMissingFile(t *testing.T) {
	if aside, err := Reset(filepath.Join(t.TempDir(), "none.db")); aside != "" || err != nil {
		t.Errorf("Reset of nothing = %q, %v", aside, err)
	}
}

func TestLockedBySecondScan(t *testing.T) {
	_, path := openTemp(t)
	start := time.Now()
	_, err := Open(path, Options{BusyTimeout: 100 * time.Millisecond})
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("second Open: got %v, want ErrLocked", err)
	}
	if !strings.Contains(err.Error(), "another running mamori scan") {
		t.Errorf("message %q", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("second Open waited %v", d)
	}
}

func TestLockReleasedOnClose(t *testing.T) {
	s, path := openTemp(t)
	s.Close()
	s2, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s2.Close()
}

// TestRecordsMoveToTheirTable: a state file of schema 1 keeps its entries,
// records included, when schema 2 moves the records to their own table;
// carrying a file then leaves its record where it is.
func TestRecordsMoveToTheirTable(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	// A file as the first release wrote it: schema 1 only.
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(createMeta); err != nil {
		t.Fatal(err)
	}
	if err := applyMigration(t.Context(), db, 1); err != nil {
		t.Fatal(err)
	}
	mtime := time.Date(2017, 8, 1, 9, 12, 0, 0, time.UTC)
	_, err = db.Exec(`INSERT INTO files (`+entryColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		"/srv", "a.csv", 10, mtime.UnixNano(), "", "", "r1", "ok", `["phone"]`, 1, "medium", `{"path":"a.csv"}`, mtime.UnixNano(), "run1")
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	os.Chmod(path, 0o600)

	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	e, ok, err := s.Lookup("/srv", "a.csv")
	if err != nil || !ok || string(e.Record) != `{"path":"a.csv"}` || e.Categories[0] != "phone" {
		t.Fatalf("after migration: %+v %v %v", e, ok, err)
	}
	var inFiles string
	s.db.QueryRow(`SELECT record FROM files WHERE path = 'a.csv'`).Scan(&inFiles)
	if inFiles != "" {
		t.Errorf("the record is still in files: %q", inFiles)
	}
	run, err := s.BeginRun([]string{"/srv"}, "o", "r1")
	if err != nil {
		t.Fatal(err)
	}
	if err := run.Carry("/srv", "a.csv"); err != nil {
		t.Fatal(err)
	}
	var got []string
	if err := run.Records(func(e Entry) error { got = append(got, e.Path+" "+string(e.Record)); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0] != `a.csv {"path":"a.csv"}` {
		t.Errorf("records of the run after a carry: %q", got)
	}
	if n, err := run.Prune(); err != nil || n != 0 {
		t.Errorf("prune: %d %v", n, err)
	}
	run.Done(true)
}
