package scan

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
)

// Options configure a Run. They are read, never changed, by the pipeline.
type Options struct {
	Workers        int      // extract+detect workers; <=0 means runtime.NumCPU()
	FollowSymlinks bool     // follow symbolic links (files and directories), detecting loops
	Excludes       []string // glob patterns (path.Match syntax, plus "**" for any number of directories) matched against the slash path relative to the root AND against the base name
	MaxSize        int64    // files larger than this are skipped (0: no limit)
	OneFileSystem  bool     // do not descend into directories on another device than their root
	Limits         Limits   // passed to ExtractFile; zero value means DefaultLimits
	SMBConf        string   // smb.conf whose shares Exposure names (Linux file servers); "" for none

	// Known, when set, is asked by a worker about each file the walk left
	// to be read, before it is opened. Returning prior (non-nil) says an
	// earlier scan's result still holds: the file is not read, and Done
	// gets it with Prior set, no Status and no Sink. It is called from
	// many goroutines at once.
	Known func(f *File) (prior any)
}

// Handler receives the results of a Run.
type Handler interface {
	// NewSink is called in a worker before extraction of a file that will
	// be read. Calls for different files run concurrently.
	NewSink(f *File) Sink
	// Done is called for every file record, from one goroutine at a time
	// (the writer). s is the sink NewSink gave for f, or nil when f was not
	// extracted: decided by the walk (skipped, or an error before any open),
	// or its extraction panicked and left the sink in an unknown state.
	Done(f *File, s Sink)
}

// Channel sizes.
const (
	// jobsPerWorker sizes the queue from the walk to the workers: a few
	// files per worker keep them busy through a slow directory read
	// without holding many Files.
	jobsPerWorker = 4

	// resultsPerWorker sizes the queue to the writer: one finished file
	// per worker lets them go on while the writer writes.
	resultsPerWorker = 1

	// maxPanicReason bounds the panic value quoted in a Reason.
	maxPanicReason = 200
)

// extractFile is the extraction a worker runs.
var extractFile = ExtractFile // replaced in tests

// Run walks roots and extracts every regular file with bounded parallelism. It returns
// ctx.Err() if ctx was cancelled (after all in-flight records were handed to Done),
// and an error (without walking anything) if a root cannot be stat'ed.
func Run(ctx context.Context, roots []string, opt Options, h Handler) error {
	opt = opt.withDefaults()
	ex, err := newExcluder(opt.Excludes)
	if err != nil {
		return err
	}
	rs, err := statWalkRoots(roots)
	if err != nil {
		return err
	}
	exp, err := newExposer(&opt)
	if err != nil {
		return err
	}
	jobs := make(chan *File, opt.Workers*jobsPerWorker)
	results := make(chan finished, opt.Workers*resultsPerWorker)

	var walking, working sync.WaitGroup
	w := newWalker(ctx, &opt, ex, jobs)
	w.exp = exp
	walking.Go(func() { w.run(rs, dirReaders(opt.Workers)) })
	p := &pipeline{ctx: ctx, lim: opt.Limits, h: h, known: opt.Known, jobs: jobs, results: results}
	for range opt.Workers {
		working.Go(p.work)
	}
	go func() {
		working.Wait()
		close(results)
	}()

	for r := range results { // the writer: this goroutine
		h.Done(r.f, r.s)
	}
	walking.Wait()
	return ctx.Err()
}

// withDefaults fills the zero values that mean a default.
func (o Options) withDefaults() Options {
	if o.Workers <= 0 {
		o.Workers = runtime.NumCPU()
	}
	if o.Limits == (Limits{}) {
		o.Limits = DefaultLimits
	}
	return o
}

// dirReaders is how many goroutines list directories for this many
// workers; see maxDirReaders.
func dirReaders(workers int) int {
	return min(maxDirReaders, workers)
}

// finished is one record on its way to the writer.
type finished struct {
	f *File
	s Sink
}

// pipeline is the running state shared by the workers.
type pipeline struct {
	ctx     context.Context
	lim     Limits
	h       Handler
	known   func(*File) any
	jobs    <-chan *File
	results chan<- finished
}

// work extracts files until the walk ends or ctx is cancelled.
//
// Its one send, to the writer, does not select on ctx.Done: the writer
// drains results until they are closed, so the send cannot block for
// ever, and dropping a finished record on cancellation would leave a file
// that was examined out of the report.
func (p *pipeline) work() {
	for p.ctx.Err() == nil {
		select {
		case <-p.ctx.Done():
			return
		case f, ok := <-p.jobs:
			if !ok {
				return
			}
			p.results <- p.process(f)
		}
	}
}

// process extracts f unless the walk already decided it.
func (p *pipeline) process(f *File) finished {
	if f.Status != "" {
		return finished{f: f}
	}
	if p.known != nil {
		if prior := p.known(f); prior != nil {
			f.Prior = prior
			return finished{f: f}
		}
	}
	return p.extract(f)
}

// extract runs the extraction of one file. A panic in it, or in the sink
// it feeds, costs this file only.
func (p *pipeline) extract(f *File) (r finished) {
	r.f = f
	defer func() {
		if v := recover(); v != nil {
			f.Status = StatusError
			f.Reason = panicReason(v)
			r.s = nil
		}
	}()
	r.s = p.h.NewSink(f)
	limit := p.lim.normalized().MaxFileTime
	ctx, cancel := context.WithTimeoutCause(p.ctx, limit, errFileTime)
	defer cancel()
	err := extractFile(withEmitter(ctx, p.member), f, r.s, p.lim)
	if p.ctx.Err() == nil && context.Cause(ctx) == errFileTime {
		// The scan goes on; this file alone ran out of time.
		f.Status, err = StatusError, nil
		f.Reason = fmt.Sprintf("took longer than %v (--max-file-time)", limit)
	}
	settle(f, err)
	finish(f, r.s)
	return r
}

// finish lets a sink finish its work on the worker, for a file that was read.
func finish(f *File, s Sink) {
	if fin, ok := s.(Finisher); ok && f.Status == StatusOK {
		fin.Finish()
	}
}

// errFileTime is the cause of a file's context that ran out of its time.
var errFileTime = errors.New("scan: per-file time limit")

// member reads one member of an archive the worker is reading, as a file
// of its own, and sends its record to the writer before the archive's.
func (p *pipeline) member(m *File, read func(Sink) error) {
	r := finished{f: m}
	if read != nil {
		r = p.readMember(m, read)
	}
	p.results <- r
}

// readMember runs read with the member's own sink; a panic costs the member.
func (p *pipeline) readMember(m *File, read func(Sink) error) (r finished) {
	r.f = m
	defer func() {
		if v := recover(); v != nil {
			m.Status, m.Reason, r.s = StatusError, panicReason(v), nil
		}
	}()
	r.s = p.h.NewSink(m)
	settle(m, read(r.s))
	finish(m, r.s)
	return r
}

// settle makes sure f has a status once extraction returned.
func settle(f *File, err error) {
	switch {
	case f.Status != "":
	case err != nil:
		f.Status = StatusError
		f.Reason = pathlessError(err).Error()
	default:
		f.Status = StatusOK
	}
}

// panicReason quotes a panic value, bounded so that a panic carrying a
// large value cannot carry much of a file into the report.
func panicReason(v any) string {
	s := fmt.Sprint(v)
	if len(s) > maxPanicReason {
		s = strings.ToValidUTF8(s[:maxPanicReason], "") + "…" // drops a rune cut in two
	}
	return "internal error: " + s
}
