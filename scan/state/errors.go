package state

import (
	"errors"
	"fmt"

	"modernc.org/sqlite"
)

// Sentinels for errors.Is; an *Error wraps one of them.
var (
	ErrCorrupt     = errors.New("state: state file is corrupt")
	ErrLocked      = errors.New("state: state file is in use by another scan")
	ErrNewerSchema = errors.New("state: state file was written by a newer mamori")
)

// Error is an error opening a state file that a user can act on. Its
// message names the way forward.
type Error struct {
	Path string
	Kind error // ErrCorrupt, ErrLocked or ErrNewerSchema
	Err  error // the underlying cause, if any
}

func (e *Error) Error() string {
	cause := ""
	if e.Err != nil {
		cause = " (" + e.Err.Error() + ")"
	}
	switch e.Kind {
	case ErrLocked:
		return fmt.Sprintf("state file %s is in use by another running mamori scan%s; wait for it to end, or give this scan its own --state PATH; if no other scan is running, --state-reset moves the file aside", e.Path, cause)
	case ErrNewerSchema:
		return fmt.Sprintf("state file %s was written by a newer version of mamori%s; upgrade mamori, or use --state-reset to move it aside and start afresh", e.Path, cause)
	default:
		return fmt.Sprintf("state file %s is corrupt%s; use --state-reset to move it aside (it is kept as %s.corrupt-<time>) and start a full scan", e.Path, cause, e.Path)
	}
}

func (e *Error) Unwrap() []error { return []error{e.Kind, e.Err} }

// SQLite primary result codes that classify an error.
const (
	sqliteBusy    = 5
	sqliteLocked  = 6
	sqliteCorrupt = 11
	sqliteNotADB  = 26
)

// classify turns a driver error met while opening path into an *Error when
// it is one a user can act on, and returns any other unchanged.
func classify(path string, err error) error {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return err
	}
	switch se.Code() & 0xff {
	case sqliteBusy, sqliteLocked:
		return &Error{Path: path, Kind: ErrLocked}
	case sqliteCorrupt, sqliteNotADB:
		return &Error{Path: path, Kind: ErrCorrupt, Err: err}
	}
	return err
}
