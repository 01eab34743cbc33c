package scan

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"sync"
	"time"
)

// Limits bound the memory and time one file can take, whatever its size or
// shape. The first three size buffers; the others stop hostile containers
// (zip bombs, sheets of millions of cells, archives nested without end) and
// are what `mamori scan --max-*` raises.
type Limits struct {
	MaxField  int // characters of one CSV field; the rest is passed on as Text
	MaxRecord int // bytes of one CSV record before it is passed on in parts
	MaxLine   int // characters of one prose segment; longer lines are split

	MaxUnpacked int64         // bytes inflated from the members of one zip-based file
	MaxCells    int           // cells read from one workbook; past it the file is truncated
	MaxDepth    int           // archives nested in archives that are still read
	MaxMembers  int           // members read from one archive
	MaxFileTime time.Duration // time one file may take; past it the file is an error
}

// DefaultLimits keep one worker's buffers well under a few MB (a 100 MB line
// with no newline is read in 64 Ki-character segments).
var DefaultLimits = Limits{
	MaxField:  64 << 10,
	MaxRecord: 1 << 20,
	MaxLine:   64 << 10,

	MaxUnpacked: zipBudget,
	MaxCells:    sheetMaxCells,
	MaxDepth:    maxArchiveDepth,
	MaxMembers:  maxArchiveMembers,
	MaxFileTime: maxFileTime,
}

// maxFileTime is how long one file may take by default: a 20 GB CSV is read
// in about five minutes on one core.
const maxFileTime = 15 * time.Minute

// normalized replaces unset (zero or negative) limits by their defaults.
func (l Limits) normalized() Limits {
	d := DefaultLimits
	orDefault(&l.MaxField, d.MaxField)
	orDefault(&l.MaxRecord, d.MaxRecord)
	orDefault(&l.MaxLine, d.MaxLine)
	orDefault(&l.MaxUnpacked, d.MaxUnpacked)
	orDefault(&l.MaxCells, d.MaxCells)
	orDefault(&l.MaxDepth, d.MaxDepth)
	orDefault(&l.MaxMembers, d.MaxMembers)
	orDefault(&l.MaxFileTime, d.MaxFileTime)
	return l
}

// orDefault sets an unset (zero or negative) limit to its default.
func orDefault[T int | int64 | time.Duration](v *T, def T) {
	if *v <= 0 {
		*v = def
	}
}

const (
	// readBufSize is the read buffer of one file and the most that sniffing
	// may look at: large enough that a file whose first 8 KiB are ASCII is
	// still given a fair chance to show its encoding.
	readBufSize = 64 << 10
	// chunkSize is how much decoded text the readers handle between two
	// checks of the context: a few hundred CSV records.
	chunkSize = 64 << 10
)

// Reasons recorded in File.Reason.
const (
	reasonPermission  = "permission denied"
	reasonVanished    = "file vanished before it could be read"
	reasonInterrupted = "interrupted"
	reasonBinary      = "binary file"
	reasonUnsupported = "unsupported format: "
)

// readers recycles read buffers: a share holds many small files, and each
// would otherwise cost a fresh 64 KiB.
var readers = sync.Pool{New: func() any { return bufio.NewReaderSize(nil, readBufSize) }}

// openFile opens a file for ExtractFile.
var openFile = func(name string) (io.ReadCloser, error) { return os.Open(name) } // replaced in tests

// ExtractFile opens f.Path, sniffs its format from content, decodes it and
// hands its text to sink. It sets f.Format, f.Encoding, f.Status, f.Reason,
// f.DecodeErrors and f.Truncated. Failures to read are recorded in f
// (Status error, Reason) and also returned.
func ExtractFile(ctx context.Context, f *File, sink Sink, lim Limits) error {
	rc, err := openFile(f.Path)
	if err != nil {
		f.Status, f.Reason = StatusError, openReason(err)
		return fmt.Errorf("failed to open %s: %w", f.Path, err)
	}
	defer rc.Close()
	return Extract(ctx, f, rc, sink, lim)
}

// openReason turns an open error into a short reason that names no content.
func openReason(err error) string {
	switch {
	case errors.Is(err, fs.ErrPermission):
		return reasonPermission
	case errors.Is(err, fs.ErrNotExist):
		return reasonVanished
	}
	return "failed to open file: " + innerError(err)
}

// readReason turns a read error into a short reason.
func readReason(err error) string {
	if errors.Is(err, fs.ErrPermission) {
		return reasonPermission
	}
	return "failed to read file: " + innerError(err)
}

// innerError drops the path that a *fs.PathError repeats.
func innerError(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// Extract is ExtractFile on an open reader: it sniffs r's format from
// content, decodes it and hands its text to sink, recording in f what it
// found. f.Rel (or f.Path) only serves as a tie-breaker between CSV, TSV and
// text; it may name an archive member ("a.zip!/名簿.csv"). Extract returns
// ctx.Err() when ctx ends (f.Status error, Reason "interrupted") and an error
// when r fails; files that are skipped or encrypted are not errors.
func Extract(ctx context.Context, f *File, r io.Reader, sink Sink, lim Limits) error {
	lim = lim.normalized()
	f.DecodeErrors, f.Truncated = 0, false
	br := readers.Get().(*bufio.Reader)
	br.Reset(r)
	defer func() { br.Reset(nil); readers.Put(br) }()
	sample, err := br.Peek(readBufSize)
	atEOF := errors.Is(err, io.EOF)
	if err != nil && !atEOF {
		return fail(f, err)
	}
	sn := sniff(sample, atEOF, nameOf(f))
	f.Format, f.Encoding, f.Status, f.Reason = sn.format, sn.enc, sn.status, sn.reason
	if isContainer(sn.format) {
		return extractContainer(ctx, f, r, sample, atEOF, sink, lim)
	}
	if sn.format == FormatZengin {
		if err := readZengin(ctx, br, sink, f); err != nil {
			return fail(f, err)
		}
		return nil
	}
	if !sn.isText() {
		return nil
	}
	if _, err := br.Discard(bomLen(sample, sn.enc)); err != nil {
		return fail(f, err)
	}
	size := 0
	if atEOF {
		size = len(sample) // the whole file
	}
	src := newSource(br, sn.enc, &f.DecodeErrors, size)
	if u, ok := src.(*utf8Source); ok && sn.enc == EncUTF8 && !atEOF && asciiPrefix(sample) == len(sample) {
		u.enc = &f.Encoding // all ASCII so far: later bytes may still say Shift_JIS
	}
	if sn.format == FormatText {
		err = readText(ctx, src, sink, lim, f)
	} else {
		err = readCSV(ctx, src, sink, lim, f, delimiter(sn.format))
	}
	if err != nil {
		return fail(f, err)
	}
	return nil
}

// fail records err in f and returns it with the file's name.
func fail(f *File, err error) error {
	f.Status = StatusError
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		f.Reason = reasonInterrupted
		return err
	}
	f.Reason = readReason(err)
	return fmt.Errorf("failed to read %s: %w", nameOf(f), err)
}

// nameOf is the name a file is known by in reports.
func nameOf(f *File) string {
	if f.Rel != "" && f.Rel != "." {
		return f.Rel
	}
	return f.Path
}
