package state

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"sync"
	"time"
)

// op is one row for the writer, or a request to commit.
type op struct {
	entry  Entry
	carry  bool         // only mark entry.Root/Path as met by this run
	prefix bool         // with carry: every path starting with entry.Path
	done   chan<- error // a flush: reply once all before it is committed
}

// writer is the goroutine that owns the run's write transactions. Rows
// wait in a batch of at most BatchRows; the channel holds at most as many
// again, so memory is bounded by two batches.
type writer struct {
	s     *Store
	runID string
	in    chan op
	quit  sync.WaitGroup

	sendMu sync.RWMutex // held to send, and to close in
	closed bool

	mu  sync.Mutex
	err error // first commit error; sticky
}

func newWriter(s *Store, runID string) *writer {
	w := &writer{s: s, runID: runID, in: make(chan op, s.opt.BatchRows)}
	w.quit.Go(w.loop)
	return w
}

// send queues o and returns the first error the writer met.
func (w *writer) send(o op) error {
	w.sendMu.RLock()
	defer w.sendMu.RUnlock()
	if w.closed {
		return fmt.Errorf("state: run %s is done", w.runID)
	}
	if err := w.firstErr(); err != nil {
		return err
	}
	w.in <- o // the loop drains in until it is closed, so this ends
	return nil
}

// flush waits until everything sent before it is committed.
func (w *writer) flush() error {
	w.sendMu.RLock()
	closed := w.closed
	w.sendMu.RUnlock()
	if closed { // close committed everything
		return w.firstErr()
	}
	done := make(chan error, 1)
	if err := w.send(op{done: done}); err != nil {
		return err
	}
	return <-done
}

// close commits what is queued and stops the writer.
func (w *writer) close() error {
	w.sendMu.Lock()
	if w.closed {
		w.sendMu.Unlock()
		return w.firstErr()
	}
	w.closed = true
	close(w.in)
	w.sendMu.Unlock()
	w.quit.Wait()
	return w.firstErr()
}

func (w *writer) firstErr() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err
}

// loop batches rows and commits a batch when it is full, when it is
// BatchDelay old, when asked to, and at the end.
func (w *writer) loop() {
	batch := make([]op, 0, w.s.opt.BatchRows)
	timer := time.NewTimer(w.s.opt.BatchDelay)
	timer.Stop()
	commit := func() {
		if len(batch) > 0 {
			w.fail(w.commit(batch))
			clear(batch) // drop the records' memory
			batch = batch[:0]
		}
		timer.Stop()
	}
	for {
		select {
		case o, ok := <-w.in:
			switch {
			case !ok:
				commit()
				return
			case o.done != nil:
				commit()
				o.done <- w.firstErr()
				continue
			}
			if len(batch) == 0 {
				timer.Reset(w.s.opt.BatchDelay)
			}
			batch = append(batch, o)
			if len(batch) >= w.s.opt.BatchRows {
				commit()
			}
		case <-timer.C:
			commit()
		}
	}
}

func (w *writer) fail(err error) {
	if err == nil {
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.err == nil {
		w.err = fmt.Errorf("failed to write state file %s: %w", w.s.path, err)
	}
}

const (
	upsert = `INSERT INTO files (` + entryColumns + `)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (root, path) DO UPDATE SET
		size = excluded.size, mtime_ns = excluded.mtime_ns, file_id = excluded.file_id,
		fingerprint = excluded.fingerprint, rules_version = excluded.rules_version,
		status = excluded.status, categories = excluded.categories, subjects = excluded.subjects,
		risk = excluded.risk, record = excluded.record, scanned_at = excluded.scanned_at,
		run_id = excluded.run_id`
	carry = `UPDATE files SET run_id = ? WHERE root = ? AND path = ?`
	// putRecord keeps a file's report line apart from its row (schema 2).
	putRecord = `INSERT INTO records (root, path, record) VALUES (?, ?, ?)
		ON CONFLICT (root, path) DO UPDATE SET record = excluded.record`
)

// commit writes one batch in one transaction.
func (w *writer) commit(batch []op) error {
	ctx := context.Background()
	tx, err := w.s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	put, err := tx.PrepareContext(ctx, upsert)
	if err != nil {
		return err
	}
	defer put.Close()
	car, err := tx.PrepareContext(ctx, carry)
	if err != nil {
		return err
	}
	defer car.Close()
	rec, err := tx.PrepareContext(ctx, putRecord)
	if err != nil {
		return err
	}
	defer rec.Close()
	exec := func(ctx context.Context, q string, args ...any) error {
		_, err := tx.ExecContext(ctx, q, args...)
		return err
	}
	for _, o := range batch {
		var err error
		if o.prefix {
			err = w.carryUnder(ctx, exec, o.entry)
		} else {
			err = w.write(ctx, put, car, rec, o)
		}
		if err != nil {
			return err
		}
	}
	return tx.Commit()
}

func (w *writer) write(ctx context.Context, put, car, rec *sql.Stmt, o op) error {
	e := o.entry
	if o.carry {
		_, err := car.ExecContext(ctx, w.runID, e.Root, e.Path)
		return err
	}
	cats := e.Categories
	if cats == nil {
		cats = []string{}
	}
	cj, err := json.Marshal(cats)
	if err != nil {
		return err
	}
	_, err = put.ExecContext(ctx, e.Root, e.Path, e.Size, e.ModTime.UnixNano(), e.FileID, e.Fingerprint,
		e.RulesVersion, e.Status, string(cj), e.Subjects, e.Risk, "", e.ScannedAt.UnixNano(), e.RunID)
	if err != nil {
		return err
	}
	_, err = rec.ExecContext(ctx, e.Root, e.Path, string(e.Record))
	return err
}
