package state

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// Entry is one row of the files table: what the last scan of a file saw
// and concluded. The result fields are opaque here; the caller gives them
// meaning. Record must already be masked (it is the report's own line).
type Entry struct {
	Root         string    // the root, as the caller keys it (see Run.Put)
	Path         string    // slash path relative to Root
	Size         int64     // bytes
	ModTime      time.Time // stored to the nanosecond
	FileID       string    // scan.FileID(info); "" where the platform has none
	Fingerprint  string    // Fingerprint(path) when the caller took one; "" otherwise
	RulesVersion string    // the detection rules that produced the result
	Status       string    // ok, protected, encrypted, skipped, error
	Categories   []string  // category keys found
	Subjects     int
	Risk         string
	Record       []byte    // the masked JSON file record, given back as is
	ScannedAt    time.Time // when the file was last read; kept when carried
	RunID        string    // the last run that met the file
}

// entryColumns are the files columns in the order scanEntry reads them.
const entryColumns = `root, path, size, mtime_ns, file_id, fingerprint, rules_version, status, categories, subjects, risk, record, scanned_at, run_id`

// entrySelect reads entries in the order scanEntry reads them, each with
// its record from the records table (schema 2); the queries add WHERE and
// ORDER BY on f.
const entrySelect = `SELECT f.root, f.path, f.size, f.mtime_ns, f.file_id, f.fingerprint, f.rules_version,
	f.status, f.categories, f.subjects, f.risk, COALESCE(r.record, f.record), f.scanned_at, f.run_id
	FROM files f LEFT JOIN records r ON r.root = f.root AND r.path = f.path`

// rowScanner is *sql.Row or *sql.Rows.
type rowScanner interface{ Scan(dest ...any) error }

func scanEntry(r rowScanner) (Entry, error) {
	var e Entry
	var mtime, scanned int64
	var cats, rec string
	err := r.Scan(&e.Root, &e.Path, &e.Size, &mtime, &e.FileID, &e.Fingerprint, &e.RulesVersion,
		&e.Status, &cats, &e.Subjects, &e.Risk, &rec, &scanned, &e.RunID)
	if err != nil {
		return Entry{}, err
	}
	e.ModTime = time.Unix(0, mtime)
	e.ScannedAt = time.Unix(0, scanned)
	e.Record = []byte(rec)
	if err := json.Unmarshal([]byte(cats), &e.Categories); err != nil {
		return Entry{}, fmt.Errorf("categories of %s: %w", e.Path, err)
	}
	return e, nil
}

// Lookup returns what the store knows of root/path. A miss is (Entry{},
// false, nil). Safe for concurrent use; about 10 µs (see the benchmark).
func (s *Store) Lookup(root, path string) (Entry, bool, error) {
	e, err := scanEntry(s.lookup.QueryRowContext(context.Background(), root, path))
	if errors.Is(err, sql.ErrNoRows) {
		return Entry{}, false, nil
	}
	if err != nil {
		return Entry{}, false, fmt.Errorf("failed to look up %s in state file %s: %w", path, s.path, err)
	}
	return e, true, nil
}

// racyWindow is how close to its scan a file's modification time may be
// before the time can no longer prove the file unchanged: a write in the
// same tick as the read leaves the same time (git's "racily clean" entries).
// Two seconds covers FAT's and SMB1's two-second times.
const racyWindow = 2 * time.Second

// Unchanged reports whether a file whose walk saw size, mtime and fileID
// can carry prev's result instead of being read again. It says no when:
// the size or the modification time differs; both identities are known
// and differ (a file replaced by another with the same size and time);
// prev came from other rules; prev was an error (it may read now); or
// prev's modification time was within racyWindow of its scan, so that a
// later write may have kept the time.
func Unchanged(prev Entry, size int64, mtime time.Time, fileID, rulesVersion string) bool {
	switch {
	case prev.Size != size, !prev.ModTime.Equal(mtime):
		return false
	case prev.FileID != "" && fileID != "" && prev.FileID != fileID:
		return false
	case prev.RulesVersion != rulesVersion:
		return false
	case prev.Status == "error":
		return false
	case Racy(prev):
		return false
	}
	return true
}

// Racy reports whether prev's modification time was too close to its scan
// to prove anything. A caller that cannot afford to read such a file again
// may compare Fingerprint(path) with prev.Fingerprint instead.
func Racy(prev Entry) bool {
	return !prev.ModTime.Before(prev.ScannedAt.Add(-racyWindow))
}
