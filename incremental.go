package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"

	"mamori/detect"
	"mamori/report"
	"mamori/scan"
	"mamori/scan/state"
)

// stateOptions are the flags of the state store (issue 7).
type stateOptions struct {
	Path   string // --state; "" for state.DefaultPath()
	Off    bool   // --no-state: read everything, remember nothing
	Reset  bool   // --state-reset: move a damaged state file aside first
	Full   bool   // --full: read every file again, whatever the state says
	Resume bool   // --resume: say so when there is nothing to resume
}

// scanState connects one scan to the state store: it tells the workers
// which files need not be read again, carries their earlier records into
// the report, and remembers what this scan concluded. A failure of the
// store after it opened costs the incremental part only: the report stays
// right, and a warning says so once.
type scanState struct {
	st      *state.Store
	run     *state.Run
	keys    map[string]string // the root as given on the command line → its key in the store
	given   map[string]string // key → root as given
	rules   string
	full    bool
	stderr  io.Writer
	warnMu  sync.Mutex
	warned  bool
	carried atomic.Int64 // files whose earlier record was carried
}

// openScanState opens the store and begins (or resumes) the run of roots.
// It returns nil when the scan keeps no state.
func openScanState(o scanOptions, stderr io.Writer) (*scanState, error) {
	so := o.State
	if so.Off {
		return nil, nil
	}
	path := so.Path
	if path == "" {
		var err error
		if path, err = state.DefaultPath(); err != nil {
			return nil, fmt.Errorf("no place for the state file: %w (give --state FILE, or --no-state)", err)
		}
	}
	if so.Reset {
		aside, err := state.Reset(path)
		if err != nil {
			return nil, err
		}
		if aside != "" {
			fmt.Fprintf(stderr, "mamori: 状態ファイルを退避しました / state file moved aside: %s\n", aside)
		}
	}
	st, err := state.Open(path, state.Options{})
	if err != nil {
		return nil, err
	}
	s := &scanState{st: st, keys: map[string]string{}, given: map[string]string{}, full: so.Full, stderr: stderr}
	keys := make([]string, len(o.Roots))
	for i, r := range o.Roots {
		abs, err := filepath.Abs(r)
		if err != nil {
			st.Close()
			return nil, err
		}
		keys[i] = filepath.Clean(abs)
		s.keys[r], s.given[keys[i]] = keys[i], r
	}
	s.rules = rulesVersion(o)
	if s.run, err = st.BeginRun(keys, state.OptionsHash(stateHashed(o)), s.rules); err != nil {
		st.Close()
		return nil, err
	}
	switch {
	case s.run.Resumed:
		fmt.Fprintln(stderr, "mamori: 中断したスキャンを再開します / resuming the interrupted scan")
	case so.Resume:
		fmt.Fprintln(stderr, "mamori: 再開できるスキャンはありません。最初から調べます / nothing to resume: scanning from the start")
	}
	return s, nil
}

// stateHashed are the options that change which files a scan meets and
// what it concludes of them: a run resumes only a run with the same ones.
func stateHashed(o scanOptions) any {
	return struct {
		Excludes       []string
		MaxSize        int64
		FollowSymlinks bool
		OneFileSystem  bool
		Limits         scan.Limits
		SMBConf        string
	}{o.Excludes, o.MaxSize, o.FollowSymlinks, o.OneFileSystem, o.Limits, o.SMBConf}
}

// rulesVersion names what decides a file's result: the built-in rules, the
// rules file's content, the roster index (by size and time: it may be
// large), and the sector (a record's risk depends on it). A file scanned
// under another is read again.
func rulesVersion(o scanOptions) string {
	v := detect.RulesVersion + "/volume=" + strconv.Itoa(o.Volume)
	rules := o.Rules
	if rules == "" {
		rules = defaultRulesFile()
	}
	if rules != "" {
		if b, err := os.ReadFile(rules); err == nil {
			sum := sha256.Sum256(b)
			v += "/rules=" + hex.EncodeToString(sum[:8])
		}
	}
	if o.Roster != "" {
		if fi, err := os.Stat(o.Roster); err == nil {
			v += fmt.Sprintf("/roster=%d.%d", fi.Size(), fi.ModTime().UnixNano())
		}
	}
	return v
}

// warn says once that the state could not be kept.
func (s *scanState) warn(err error) {
	if s == nil {
		return
	}
	s.warnMu.Lock()
	defer s.warnMu.Unlock()
	if !s.warned {
		s.warned = true
		fmt.Fprintf(s.stderr, "mamori: 状態ファイルに記録できません。次回は全件を調べ直します / cannot keep the state (the next scan reads everything again): %v\n", err)
	}
}

// known is scan.Options.Known: the earlier entry of a file that has not
// changed since, or nil. It runs on the workers.
func (s *scanState) known(f *scan.File) any {
	prev, ok, err := s.st.Lookup(s.keys[f.Root], f.Rel)
	switch {
	case err != nil:
		s.warn(err)
		return nil
	case !ok:
		return nil
	case prev.RunID == s.run.ID: // read before this run was interrupted
		return prev
	case s.full || !state.Unchanged(prev, f.Size, f.ModTime, f.ID, s.rules):
		return nil
	}
	return prev
}

// replay writes the records of the files a resumed run had already met, so
// that its report equals that of an uninterrupted scan.
func (s *scanState) replay(col *report.Collector, emit func(report.FileRecord)) error {
	if s == nil || !s.run.Resumed {
		return nil
	}
	return s.run.Records(func(e state.Entry) error {
		f := &scan.File{Root: s.given[e.Root], Rel: e.Path}
		rec, err := col.AddPrevious(f, e.Record)
		if err == nil {
			emit(rec)
		}
		return err
	})
}

// carriedFiles is the number of files whose earlier record was carried.
func (s *scanState) carriedFiles() int64 {
	if s == nil {
		return 0
	}
	return s.carried.Load()
}

// handled reports whether a finished file needs nothing more: an unchanged
// file whose earlier record it carried into the report, or one a resumed
// run had already met (its record came with replay). Called by the
// writer, before the file's own record is made.
func (s *scanState) handled(f *scan.File, col *report.Collector, emit func(report.FileRecord)) bool {
	if s == nil {
		return false
	}
	key := s.keys[f.Root]
	if prev, ok := f.Prior.(state.Entry); ok {
		if prev.RunID != s.run.ID {
			s.carry(f, key, prev, col, emit)
		}
		return true
	}
	if s.run.Resumed {
		if prev, ok, _ := s.st.Lookup(key, f.Rel); ok && prev.RunID == s.run.ID {
			return true // an archive member or a file the walk decided, met before the interruption
		}
	}
	return false
}

// carry brings an unchanged file's earlier record, and those of its
// members when it is an archive, into this run and its report.
func (s *scanState) carry(f *scan.File, key string, prev state.Entry, col *report.Collector, emit func(report.FileRecord)) {
	s.carried.Add(1)
	if prev.Status == string(scan.StatusOK) && len(prev.Categories) == 0 && !isArchiveRecord(prev.Record) && col.AddPreviousEmpty(f) {
		if err := s.run.Carry(key, f.Rel); err != nil {
			s.warn(err)
		}
		return // nothing found and nothing to list: its record need not be read
	}
	rec, err := col.AddPrevious(f, prev.Record)
	if err != nil {
		s.warn(err)
	} else {
		emit(rec)
	}
	if err := s.run.Carry(key, f.Rel); err != nil {
		s.warn(err)
	}
	if err != nil || rec.Format != scan.FormatZip {
		return // only an archive has members: no query for the others
	}
	if err := s.run.CarryUnder(key, f.Rel+"!/"); err != nil {
		s.warn(err)
	}
	err = s.st.Under(key, f.Rel+"!/", func(e state.Entry) error {
		rec, err := col.AddPrevious(&scan.File{Root: f.Root, Rel: e.Path, Exposure: f.Exposure}, e.Record)
		if err == nil {
			emit(rec)
		}
		return err
	})
	if err != nil {
		s.warn(err)
	}
}

// isArchiveRecord reports whether a stored record is a zip archive's, whose
// members have records of their own. Records are put by json.Marshal of a
// report.FileRecord, so the field reads exactly so; a miss only costs the
// full decoding.
func isArchiveRecord(record []byte) bool {
	return bytes.Contains(record, []byte(`"format":"`+scan.FormatZip+`"`))
}

// put remembers what this scan concluded of a file.
func (s *scanState) put(f *scan.File, rec report.FileRecord) {
	if s == nil {
		return
	}
	data, err := json.Marshal(rec) // masked: the report's own line
	if err != nil {
		s.warn(err)
		return
	}
	cats := make([]string, 0, len(rec.Categories))
	for c := range rec.Categories {
		cats = append(cats, string(c))
	}
	err = s.run.Put(state.Entry{
		Root: s.keys[f.Root], Path: f.Rel, Size: f.Size, ModTime: f.ModTime, FileID: f.ID, RulesVersion: s.rules,
		Status: string(rec.Status), Categories: cats, Subjects: rec.Subjects, Risk: string(rec.Risk), Record: data,
	})
	if err != nil {
		s.warn(err)
	}
}

// finish ends the run: after a complete walk, files the store knew and the
// walk did not meet (deleted since) are forgotten.
func (s *scanState) finish(complete bool) error {
	if s == nil {
		return nil
	}
	var errs []error
	if complete {
		if _, err := s.run.Prune(); err != nil {
			errs = append(errs, err)
		}
	}
	errs = append(errs, s.run.Done(complete), s.st.Close())
	return errors.Join(errs...)
}
