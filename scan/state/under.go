package state

import (
	"context"
	"fmt"
)

// Archive members are files of their own whose paths extend the archive's
// ("a.zip!/名簿.csv", nested "a.zip!/b.zip!/c.csv"). When an archive is
// unchanged and not opened, its members' records must be carried with it:
// Under lists them and CarryUnder marks them met.

// Under calls fn for every file of root whose path starts with prefix, in
// path order, a page at a time. Give it the archive's path + "!/".
func (s *Store) Under(root, prefix string, fn func(Entry) error) error {
	if prefix == "" {
		return fmt.Errorf("state: Under needs a prefix")
	}
	const q = entrySelect + `
		WHERE f.root = ? AND f.path >= ? AND f.path < ? AND f.path > ?
		ORDER BY f.path LIMIT ?`
	end := prefixEnd(prefix)
	after := ""
	for {
		page, err := s.page(q, root, prefix, end, after, pageRows)
		if err != nil {
			return fmt.Errorf("failed to read files under %s from state file %s: %w", prefix, s.path, err)
		}
		for _, e := range page {
			if err := fn(e); err != nil {
				return err
			}
		}
		if len(page) < pageRows {
			return nil
		}
		after = page[len(page)-1].Path
	}
}

// CarryUnder marks every file of root whose path starts with prefix as met
// by this run, keeping their results (Carry for an archive's members). It
// is queued like Carry.
func (r *Run) CarryUnder(root, prefix string) error {
	if prefix == "" {
		return fmt.Errorf("state: CarryUnder needs a prefix")
	}
	return r.w.send(op{carry: true, prefix: true, entry: Entry{Root: root, Path: prefix}})
}

// prefixEnd is the least string greater than every string starting with
// prefix, comparing bytes (SQLite's BINARY collation; on PostgreSQL the
// column needs COLLATE "C" for the same order).
func prefixEnd(prefix string) string {
	b := []byte(prefix)
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] < 0xff {
			b[i]++
			return string(b[:i+1])
		}
	}
	return "\xff\xff\xff\xff" // a prefix of 0xff bytes only: past any path in practice
}

// carryUnder runs a queued CarryUnder inside the writer's transaction.
func (w *writer) carryUnder(ctx context.Context, exec func(ctx context.Context, query string, args ...any) error, e Entry) error {
	return exec(ctx, `UPDATE files SET run_id = ? WHERE root = ? AND path >= ? AND path < ?`, w.runID, e.Root, e.Path, prefixEnd(e.Path))
}
