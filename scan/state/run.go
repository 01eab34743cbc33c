package state

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"
)

// States of a run.
const (
	RunRunning     = "running"
	RunComplete    = "complete"
	RunInterrupted = "interrupted"
)

// Run is one scan recorded in the store. Its writer goroutine runs from
// BeginRun to Done; Put and Carry may be called from any goroutine.
type Run struct {
	ID      string   // unique across stores: start time and random bits
	Resumed bool     // an interrupted run with the same roots, options and rules goes on
	Roots   []string // as given to BeginRun: the Root of every Entry of this run
	s       *Store
	w       *writer
}

// BeginRun starts a run over roots, or resumes the latest run with the same
// roots (in the same order), options and rules when that run did not
// complete (interrupted, or killed while running). optionsHash is the
// caller's digest of every option that changes what a scan reports; roots
// are the keys the caller will give as Entry.Root (use absolute, cleaned
// paths, so a scan from cron and one from a shell resume each other).
func (s *Store) BeginRun(roots []string, optionsHash, rulesVersion string) (*Run, error) {
	ctx := context.Background()
	rootsJSON, err := json.Marshal(roots)
	if err != nil {
		return nil, err
	}
	r := &Run{Roots: append([]string(nil), roots...), s: s}
	var state string
	err = s.db.QueryRowContext(ctx, `SELECT run_id, state FROM runs
		WHERE roots = ? AND options_hash = ? AND rules_version = ?
		ORDER BY started DESC LIMIT 1`, string(rootsJSON), optionsHash, rulesVersion).Scan(&r.ID, &state)
	switch {
	case err == nil && state != RunComplete:
		r.Resumed = true
		_, err = s.db.ExecContext(ctx, `UPDATE runs SET state = ?, pid = ? WHERE run_id = ?`, RunRunning, os.Getpid(), r.ID)
	case err == nil || errors.Is(err, sql.ErrNoRows):
		r.ID = newRunID(time.Now())
		host, _ := os.Hostname()
		_, err = s.db.ExecContext(ctx, `INSERT INTO runs (run_id, roots, started, finished, state, options_hash, rules_version, host, pid)
			VALUES (?, ?, ?, 0, ?, ?, ?, ?, ?)`, r.ID, string(rootsJSON), time.Now().UnixNano(), RunRunning, optionsHash, rulesVersion, host, os.Getpid())
	}
	if err != nil {
		return nil, fmt.Errorf("failed to begin run in state file %s: %w", s.path, err)
	}
	r.w = newWriter(s, r.ID)
	return r, nil
}

// newRunID is sortable by start time and unique without a central counter,
// so that runs of many servers can share one database later.
func newRunID(t time.Time) string {
	var b [4]byte
	rand.Read(b[:])
	return t.UTC().Format("20060102T150405.000000Z") + "-" + hex.EncodeToString(b[:])
}

// Put records a file this run read (or decided on without reading). It
// sets e.RunID, and e.ScannedAt when zero, and queues the row for the
// writer; it blocks only when a batch is waiting to be committed. It
// returns the writer's first error, if any. e.Record must be masked.
func (r *Run) Put(e Entry) error {
	e.RunID = r.ID
	if e.ScannedAt.IsZero() {
		e.ScannedAt = time.Now()
	}
	return r.w.send(op{entry: e})
}

// Carry marks a file unchanged since its last scan as met by this run,
// keeping its previous result and scan time.
func (r *Run) Carry(root, path string) error {
	return r.w.send(op{carry: true, entry: Entry{Root: root, Path: path}})
}

// Flush commits every row queued so far.
func (r *Run) Flush() error { return r.w.flush() }

// Done commits what is queued, stops the writer and records how the run
// ended: complete when every file was met, else interrupted (resumable).
func (r *Run) Done(complete bool) error {
	werr := r.w.close()
	state := RunInterrupted
	if complete && werr == nil {
		state = RunComplete
	}
	_, err := r.s.db.ExecContext(context.Background(), `UPDATE runs SET state = ?, finished = ? WHERE run_id = ?`, state, time.Now().UnixNano(), r.ID)
	if err != nil {
		err = fmt.Errorf("failed to end run in state file %s: %w", r.s.path, err)
	}
	return errors.Join(werr, err)
}

// pageRows is how many rows Records and Gone read at a time, so that
// memory stays bounded and fn may use the store between pages.
const pageRows = 1000

// Records calls fn for every file met by this run, root by root (in the
// order given to BeginRun) and by path within a root, after committing what is queued. A resumed run thus gives the
// records of the files read before the interruption as well, so that its
// report equals that of an uninterrupted run. fn's error stops the loop.
func (r *Run) Records(fn func(Entry) error) error {
	if err := r.Flush(); err != nil {
		return err
	}
	return r.each(`run_id = ?`, fn)
}

// Gone calls fn for every file under this run's roots that the store knows
// but this run did not meet: deleted (or newly excluded) since the last
// run. It only means that after a complete walk; call it before Done(true)
// and Prune after.
func (r *Run) Gone(fn func(Entry) error) error {
	if err := r.Flush(); err != nil {
		return err
	}
	return r.each(`run_id <> ?`, fn)
}

// each calls fn for the rows of this run's roots that match cond (which
// takes the run ID as its one argument), root by root in path order, a
// page at a time: one pass over the primary key.
func (r *Run) each(cond string, fn func(Entry) error) error {
	q := entrySelect + `
		WHERE f.root = ? AND f.path > ? AND f.` + cond + `
		ORDER BY f.path LIMIT ?`
	for _, root := range r.Roots {
		var path string
		for {
			page, err := r.s.page(q, root, path, r.ID, pageRows)
			if err != nil {
				return fmt.Errorf("failed to read files of %s from state file %s: %w", root, r.s.path, err)
			}
			for _, e := range page {
				if err := fn(e); err != nil {
					return err
				}
			}
			if len(page) < pageRows {
				break
			}
			path = page[len(page)-1].Path
		}
	}
	return nil
}

// Prune deletes the rows Gone lists and returns how many. Only after a
// complete walk: an interrupted one has not met everything.
func (r *Run) Prune() (int64, error) {
	if err := r.Flush(); err != nil {
		return 0, err
	}
	if len(r.Roots) == 0 {
		return 0, nil
	}
	ph := strings.TrimSuffix(strings.Repeat("?, ", len(r.Roots)), ", ")
	args := []any{r.ID}
	for _, root := range r.Roots {
		args = append(args, root)
	}
	ctx := context.Background()
	tx, err := r.s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("failed to prune state file %s: %w", r.s.path, err)
	}
	defer tx.Rollback()
	gone := `run_id <> ? AND root IN (` + ph + `)`
	if _, err := tx.ExecContext(ctx, `DELETE FROM records WHERE EXISTS (SELECT 1 FROM files f
		WHERE f.root = records.root AND f.path = records.path AND f.`+gone+`)`, args...); err != nil {
		return 0, fmt.Errorf("failed to prune state file %s: %w", r.s.path, err)
	}
	res, err := tx.ExecContext(ctx, `DELETE FROM files WHERE `+gone, args...)
	if err != nil {
		return 0, fmt.Errorf("failed to prune state file %s: %w", r.s.path, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, err
	}
	return n, tx.Commit()
}

// page reads one page of entries.
func (s *Store) page(q string, args ...any) ([]Entry, error) {
	rows, err := s.db.QueryContext(context.Background(), q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var page []Entry
	for rows.Next() {
		e, err := scanEntry(rows)
		if err != nil {
			return nil, err
		}
		page = append(page, e)
	}
	return page, rows.Err()
}
