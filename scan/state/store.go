package state

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// Defaults, each with its reason.
const (
	// DefaultBusyTimeout is how long Open waits for a lock held by another
	// process. Another scan holds it for its whole run, so waiting longer
	// than a moment only delays the error.
	DefaultBusyTimeout = 2 * time.Second

	// DefaultBatchRows and DefaultBatchDelay bound a write transaction:
	// one commit per thousand rows costs about as much as one row, and
	// 200 ms bounds what a power loss costs when files arrive slowly.
	DefaultBatchRows  = 1000
	DefaultBatchDelay = 200 * time.Millisecond

	// fileMode keeps the state private: it names files that hold personal data.
	// cacheKiB is SQLite's page cache. The default 2 MiB makes every
	// lookup in a store of a million files a read from disk; 64 MiB holds
	// the upper levels of both indexes and keeps RSS well under 200 MiB.
	cacheKiB = 64 << 10

	fileMode = 0o600
	dirMode  = 0o700
)

// Options tune a Store. The zero value means the defaults.
type Options struct {
	BusyTimeout time.Duration
	BatchRows   int
	BatchDelay  time.Duration
	// Check runs PRAGMA quick_check at Open, so that a damaged file is
	// reported before the scan rather than when a damaged page is read.
	// It reads the whole file: about a second per million files.
	Check bool
}

func (o Options) withDefaults() Options {
	if o.BusyTimeout <= 0 {
		o.BusyTimeout = DefaultBusyTimeout
	}
	if o.BatchRows <= 0 {
		o.BatchRows = DefaultBatchRows
	}
	if o.BatchDelay <= 0 {
		o.BatchDelay = DefaultBatchDelay
	}
	return o
}

// Store is an open state file. Its methods are safe for concurrent use;
// they share one connection, which holds the file's lock until Close.
type Store struct {
	path string
	opt  Options
	db   *sql.DB
	// lookup is prepared once: it runs once per file of the share.
	lookup *sql.Stmt
}

// DefaultPath is the per-user state file: os.UserConfigDir()/mamori/state.db
// (~/.config/mamori on Linux, %AppData%\mamori on Windows,
// ~/Library/Application Support/mamori on macOS). It does not create it.
func DefaultPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("failed to find a directory for the state file (use --state PATH): %w", err)
	}
	return filepath.Join(dir, "mamori", "state.db"), nil
}

// Open opens the state file at path, creating it (and its directory, 0700)
// with mode 0600 if need be, and brings its schema up to date. The errors
// a user can act on are *Error: ErrCorrupt, ErrLocked, ErrNewerSchema.
func Open(path string, opt Options) (*Store, error) {
	opt = opt.withDefaults()
	if strings.ContainsRune(path, '?') {
		return nil, fmt.Errorf("failed to open state file %s: a state path may not contain '?'", path)
	}
	if err := createPrivate(path); err != nil {
		return nil, err
	}
	db, err := sql.Open("sqlite", dsn(path, opt))
	if err != nil {
		return nil, fmt.Errorf("failed to open state file %s: %w", path, err)
	}
	// One connection: exclusive locking mode is per connection, and one
	// writer is all SQLite allows anyway.
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	db.SetConnMaxLifetime(0)
	s := &Store{path: path, opt: opt, db: db}
	if err := s.init(context.Background()); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// dsn is the modernc.org/sqlite data source name. Pragmas in the DSN are
// applied to every connection the pool opens, so a reconnect cannot lose
// the lock mode. BEGIN IMMEDIATE takes the write lock at the start of a
// transaction, so a conflict shows at BEGIN, not halfway through.
func dsn(path string, opt Options) string {
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", opt.BusyTimeout.Milliseconds()))
	q.Add("_pragma", "locking_mode(EXCLUSIVE)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", fmt.Sprintf("cache_size(-%d)", cacheKiB))
	q.Set("_journal_mode", "WAL")
	q.Set("_synchronous", "NORMAL")
	q.Set("_txlock", "immediate")
	return path + "?" + q.Encode()
}

// init checks, migrates and locks the file, then closes runs left running
// by a process that died.
func (s *Store) init(ctx context.Context) error {
	if err := s.db.PingContext(ctx); err != nil {
		return classify(s.path, fmt.Errorf("failed to open state file %s: %w", s.path, err))
	}
	if s.opt.Check {
		if err := s.quickCheck(ctx); err != nil {
			return err
		}
	}
	if err := migrate(ctx, s.db, s.path); err != nil {
		return err
	}
	restrictSidecars(s.path)
	// We hold the exclusive lock: nobody else is running.
	if _, err := s.db.ExecContext(ctx, `UPDATE runs SET state = ? WHERE state = ?`, RunInterrupted, RunRunning); err != nil {
		return classify(s.path, fmt.Errorf("failed to close stale runs in %s: %w", s.path, err))
	}
	st, err := s.db.PrepareContext(ctx, entrySelect+` WHERE f.root = ? AND f.path = ?`)
	if err != nil {
		return classify(s.path, fmt.Errorf("failed to prepare lookup in %s: %w", s.path, err))
	}
	s.lookup = st
	return nil
}

// quickCheck runs PRAGMA quick_check and reports damage as ErrCorrupt.
func (s *Store) quickCheck(ctx context.Context) error {
	var res string
	if err := s.db.QueryRowContext(ctx, `PRAGMA quick_check(1)`).Scan(&res); err != nil {
		return classify(s.path, fmt.Errorf("failed to check state file %s: %w", s.path, err))
	}
	if res != "ok" {
		return &Error{Path: s.path, Kind: ErrCorrupt, Err: errors.New(res)}
	}
	return nil
}

// Path is the file the store was opened from.
func (s *Store) Path() string { return s.path }

// Close releases the file and its lock. Runs must be ended first.
func (s *Store) Close() error {
	if s.lookup != nil {
		s.lookup.Close()
	}
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("failed to close state file %s: %w", s.path, err)
	}
	return nil
}

// createPrivate makes sure path exists with mode 0600 before SQLite opens
// it (SQLite would create it with the umask's mode), and narrows the mode
// of a file that was there. The WAL and shared-memory files SQLite creates
// beside it take the database file's mode.
func createPrivate(path string) error {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, dirMode); err != nil {
			return fmt.Errorf("failed to create directory for state file %s: %w", path, err)
		}
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, fileMode)
	if err != nil {
		return fmt.Errorf("failed to create state file %s: %w", path, err)
	}
	defer f.Close()
	if err := f.Chmod(fileMode); err != nil && !errors.Is(err, errors.ErrUnsupported) {
		return fmt.Errorf("failed to restrict state file %s: %w", path, err)
	}
	return nil
}

// sidecars are the files SQLite keeps beside a database in WAL mode.
var sidecars = []string{"-wal", "-shm", "-journal"}

// restrictSidecars narrows the mode of the WAL and shared-memory files, in
// case they were left by an older mamori or copied in with a wider mode.
func restrictSidecars(path string) {
	for _, suf := range sidecars {
		os.Chmod(path+suf, fileMode) // absent is fine
	}
}

// Reset moves the state file at path aside as path.corrupt-<UTC time>,
// with its WAL and shared-memory files, so that the next Open starts an
// empty store. It deletes nothing: a damaged file may still be of use to
// whoever looks into why. It returns the new name, or "" if there was no
// file. Only call it when no scan holds the file.
func Reset(path string) (string, error) {
	if _, err := os.Lstat(path); errors.Is(err, os.ErrNotExist) {
		return "", nil
	}
	aside := path + ".corrupt-" + time.Now().UTC().Format("20060102T150405Z")
	if err := os.Rename(path, aside); err != nil {
		return "", fmt.Errorf("failed to move state file %s aside: %w", path, err)
	}
	for _, suf := range sidecars {
		// The WAL holds committed rows not yet in the main file: it
		// belongs with it, and must not be replayed into a new one.
		if err := os.Rename(path+suf, aside+suf); err != nil && !errors.Is(err, os.ErrNotExist) {
			return aside, fmt.Errorf("failed to move %s aside: %w", path+suf, err)
		}
	}
	return aside, nil
}
