package scan

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
)

// Container formats (zip-based Office files, OLE compound files) need
// random access, so Extract hands them to the extractor registered for
// their kind instead of streaming them as text.
const (
	FormatXLSX   = "xlsx"
	FormatDOCX   = "docx"
	FormatPPTX   = "pptx"
	FormatODS    = "ods"
	FormatODT    = "odt"
	FormatZengin = "zengin" // 全銀協 fixed-width transfer file
)

// containerExtractor reads one container. It sets f.Status (ok, protected,
// skipped with a Reason) and hands the container's text to sink: sheets and
// Word tables through Row with Loc.Sheet set, paragraphs through Text with
// Loc.Para set.
type containerExtractor func(ctx context.Context, f *File, ra io.ReaderAt, size int64, sink Sink, lim Limits) error

var (
	// zipKinds are the extractors of zip-based formats, keyed by format;
	// each registers itself from its own file's init.
	zipKinds = map[string]containerExtractor{}
	// oleExtractor reads OLE compound files (legacy Office, encrypted OOXML).
	oleExtractor containerExtractor
)

// Decompression limits of zip-based containers, checked on the sizes a
// member declares before it is opened (archive/zip refuses to inflate more
// than a member declares, so the declaration binds).
const (
	zipBudget     = 1 << 30 // bytes inflated from the members of one file
	zipMaxRatio   = 100     // office XML deflates 5:1 to 30:1; a bomb a thousand to one
	zipRatioFloor = 8 << 20 // members smaller than this are cheap to stream whatever their ratio
)

// errZipBomb marks a container whose members declare more than the limits.
var errZipBomb = errors.New("zip bomb")

// chargeMember checks the size a member declares against the ratio limit
// and the budget left, and charges it.
func chargeMember(zf *zip.File, budget *int64) error {
	n := zf.UncompressedSize64
	if n > zipRatioFloor && n/max(zf.CompressedSize64, 1) > zipMaxRatio {
		return fmt.Errorf("%w: %s declares a compression ratio over %d:1", errZipBomb, zf.Name, zipMaxRatio)
	}
	if n > uint64(*budget) {
		return fmt.Errorf("%w: members declare more than the unpacked limit (--max-unpacked)", errZipBomb)
	}
	*budget -= int64(n)
	return nil
}

// containerFail records why a container could not be read. Interruptions
// are returned; anything else costs this file only.
func containerFail(f *File, part string, err error) error {
	f.Status = StatusError
	switch {
	case errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded):
		f.Reason = reasonInterrupted
		return err
	case errors.Is(err, errZipBomb):
		f.Reason = err.Error()
	default:
		f.Reason = partReason(part, err)
	}
	return nil
}

// partReason says why a part of a container could not be read without
// quoting it: encoding/xml's messages may hold a piece of the broken markup,
// and that may be personal data, so a syntax error is reported by line.
func partReason(part string, err error) string {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("failed to parse %s: XML syntax error on line %d", part, se.Line)
	}
	return fmt.Sprintf("failed to read %s: %v", part, err)
}

// maxSpool bounds what is held in memory to give a reader that is not a
// file (an archive member) random access.
const maxSpool = 64 << 20

// isContainer reports whether a sniffed format is read by a container extractor.
func isContainer(format string) bool { return format == FormatZip || format == FormatOLE }

// extractContainer gives the container random access and hands it on.
func extractContainer(ctx context.Context, f *File, r io.Reader, sample []byte, atEOF bool, sink Sink, lim Limits) error {
	ra, size, err := randomAccess(r, sample, atEOF)
	if err != nil {
		f.Status, f.Reason = StatusSkipped, err.Error()
		return nil
	}
	if f.Format == FormatOLE {
		if oleExtractor == nil {
			return nil // sniff's "unsupported format: ole" stands
		}
		return oleExtractor(ctx, f, ra, size, sink, lim)
	}
	zr, err := zip.NewReader(ra, size)
	if err != nil {
		f.Status, f.Reason = StatusError, "failed to read zip: "+err.Error()
		return nil
	}
	kind := zipKind(zr)
	x := zipKinds[kind]
	if x == nil {
		f.Reason = "unsupported format: " + kind
		return nil
	}
	f.Format, f.Status, f.Reason = kind, StatusOK, ""
	return x(ctx, f, ra, size, sink, lim)
}

// randomAccess returns r as an io.ReaderAt with its size: a file as it is,
// anything else read into memory up to maxSpool.
func randomAccess(r io.Reader, sample []byte, atEOF bool) (io.ReaderAt, int64, error) {
	type statReaderAt interface {
		io.ReaderAt
		Stat() (fs.FileInfo, error)
	}
	if atEOF {
		return bytes.NewReader(sample), int64(len(sample)), nil
	}
	if f, ok := r.(statReaderAt); ok {
		if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
			return f, st.Size(), nil
		}
	}
	data, err := io.ReadAll(io.LimitReader(io.MultiReader(bytes.NewReader(sample), r), maxSpool+1))
	if err != nil {
		return nil, 0, fmt.Errorf("failed to read container: %w", err)
	}
	if len(data) > maxSpool {
		return nil, 0, fmt.Errorf("container larger than %d MiB read from a stream", maxSpool>>20)
	}
	return bytes.NewReader(data), int64(len(data)), nil
}

// zipKind tells an Office file from a plain archive by what it holds:
// OOXML parts ([Content_Types].xml and the main part) or ODF's mimetype.
func zipKind(zr *zip.Reader) string {
	names := map[string]*zip.File{}
	for _, zf := range zr.File {
		names[zf.Name] = zf
	}
	switch {
	case names["xl/workbook.xml"] != nil:
		return FormatXLSX
	case names["word/document.xml"] != nil:
		return FormatDOCX
	case names["ppt/presentation.xml"] != nil:
		return FormatPPTX
	}
	if mt := names["mimetype"]; mt != nil && mt.UncompressedSize64 < 128 {
		if rc, err := mt.Open(); err == nil {
			b, _ := io.ReadAll(io.LimitReader(rc, 128))
			rc.Close()
			switch strings.TrimSpace(string(b)) {
			case "application/vnd.oasis.opendocument.spreadsheet":
				return FormatODS
			case "application/vnd.oasis.opendocument.text":
				return FormatODT
			}
		}
	}
	return FormatZip
}
