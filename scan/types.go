package scan

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Status says what became of a file. The values are those of CONTRACT.md section 3.
type Status string

const (
	StatusOK        Status = "ok"        // read and scanned
	StatusProtected Status = "protected" // password-protected office document
	StatusEncrypted Status = "encrypted" // an age file
	StatusSkipped   Status = "skipped"   // excluded by a rule; Reason says which
	StatusError     Status = "error"     // could not be read or parsed; Reason says why
)

// File is one file met by the walk, and what extraction learnt about it.
// Fields are filled by the walker (names, size, times) and then by Extract
// (format, encoding, status). A File belongs to one goroutine at a time.
type File struct {
	Root    string    // the root as given on the command line
	Rel     string    // path relative to Root, slash-separated; "." when Root is the file itself
	Path    string    // the OS path used to open the file
	Size    int64     // bytes, from the walk's stat
	ModTime time.Time // from the walk's stat

	Format       string // see the Format* constants
	Encoding     string // see the Enc* constants; "" for binary formats
	Status       Status
	Reason       string   // why skipped or error; "" when ok
	DecodeErrors int      // byte sequences that were invalid in Encoding (replaced by U+FFFD)
	Truncated    bool     // some record or field was longer than the limits and was split
	Hidden       []string // sheets of a workbook that are hidden from its reader

	Exposure *Exposure // who may read it, where it sits, how stale; set by the walk for regular files

	ID    string // the file's identity (FileID) where the platform gives one
	Prior any    // set by Options.Known: what an earlier scan concluded; the file was not read again
}

// Formats recognised by content (sniffing), never by extension alone.
const (
	FormatCSV    = "csv"
	FormatTSV    = "tsv"
	FormatText   = "text"
	FormatEmpty  = "empty"
	FormatZip    = "zip"
	FormatOLE    = "ole"
	FormatAge    = "age"
	FormatPDF    = "pdf"
	FormatImage  = "image"
	FormatBinary = "binary"
)

// Encodings recorded in the report.
const (
	EncUTF8    = "utf-8"
	EncUTF8BOM = "utf-8-bom"
	EncSJIS    = "shift_jis" // as Windows writes it: CP932 / Windows-31J
	EncEUCJP   = "euc-jp"
	EncUTF16LE = "utf-16le"
	EncUTF16BE = "utf-16be"
)

// Loc is where a piece of extracted text starts in its document. For text and
// CSV it is a 1-based line and a 1-based column counted in characters of the
// decoded text; for spreadsheets Sheet is set and Line/Col are the cell's row
// and column; for paragraph-based documents Para is set and Line is the
// paragraph number.
type Loc struct {
	Sheet string
	Line  int
	Col   int
	Para  bool
}

// String formats a location as CONTRACT.md section 3 asks: "12:4", "Sheet!B7", "p12".
func (l Loc) String() string {
	switch {
	case l.Sheet != "":
		return l.Sheet + "!" + ColumnName(l.Col) + strconv.Itoa(l.Line)
	case l.Para:
		return "p" + strconv.Itoa(l.Line)
	default:
		return strconv.Itoa(l.Line) + ":" + strconv.Itoa(l.Col)
	}
}

// Advance returns the location of the byte at offset off in text s, where s
// starts at l. Only line:column locations move; a cell or paragraph is one place.
func (l Loc) Advance(s string, off int) Loc {
	if l.Sheet != "" || l.Para {
		return l
	}
	if off > len(s) {
		off = len(s)
	}
	head := s[:off]
	if nl := strings.LastIndexByte(head, '\n'); nl >= 0 {
		l.Line += strings.Count(head, "\n")
		l.Col = 1
		head = head[nl+1:]
	}
	l.Col += utf8.RuneCountInString(head)
	return l
}

// ColumnName turns a 1-based column number into spreadsheet letters: 1 → A, 28 → AB.
func ColumnName(n int) string {
	if n < 1 {
		return "?"
	}
	var b []byte
	for n > 0 {
		n--
		b = append(b, byte('A'+n%26))
		n /= 26
	}
	for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
		b[i], b[j] = b[j], b[i]
	}
	return string(b)
}

// Cell is one value of a table record.
type Cell struct {
	Text  string // decoded text, without CSV quoting
	At    Loc    // where the value's first character is
	Field int    // 0-based index of the field in its record
}

// Sink receives the text extracted from one file, in document order. Extract
// calls it from one goroutine. Strings passed to it are never reused, so a
// Sink may keep them; the cells slice is reused once Row returns.
type Sink interface {
	// Text receives a run of prose: a line, or a segment of a very long line.
	Text(s string, at Loc)
	// Row receives one record of a table. table names the table ("" for a
	// CSV or TSV file, the sheet name in a workbook). The first record of a
	// table may be its header. A record longer than the limits arrives in
	// several calls; each cell keeps its true Field index. The first call
	// of a record always begins with the cell of Field 0 (empty if the
	// record has none, as a sheet row starting at column B), and only the
	// first: that is how a Sink tells a new record from a continuation.
	Row(table string, cells []Cell)
}

// Finisher is a Sink with work to do once a file has been read (judging
// its tables, say). A scan calls Finish on the worker that read the file,
// so that the work runs in parallel rather than on the goroutine that
// calls Handler.Done.
type Finisher interface {
	Finish()
}
