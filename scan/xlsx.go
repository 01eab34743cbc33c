package scan

import (
	"archive/zip"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"time"
)

// Spreadsheets (xlsx here, ods in ods.go) are read as streams of XML tokens,
// one row at a time: memory is bounded by the shared strings (capped) and
// one row, never by the size of a sheet.
const (
	// sheetMaxCells bounds the cells read from one workbook; past it the
	// rest is left unread and the file marked truncated.
	sheetMaxCells = 10_000_000
	// sheetMaxSharedBytes and sheetMaxSharedCount bound the shared-string
	// table, the one part of a workbook that must be held whole; past them
	// strings read as empty and the file is marked truncated.
	sheetMaxSharedBytes = 64 << 20
	sheetMaxSharedCount = 2 << 20
	// sheetCtxEvery is how many cells, and sheetCtxTokens how many XML
	// tokens, are read between checks of the context: a few milliseconds.
	sheetCtxEvery  = 4096
	sheetCtxTokens = 1 << 14
	// sheetMaxHidden bounds the hidden sheets named in a file's record.
	sheetMaxHidden = 256
	// sheetMaxOverflow bounds the text of over-long cells passed on as
	// Text in one file: one long shared string named by a million cells
	// must not be read a million times.
	sheetMaxOverflow = 16 << 20
)

func init() { zipKinds[FormatXLSX] = extractXLSX }

// sheetZip opens the members of one workbook against a decompression budget.
type sheetZip struct {
	names  map[string]*zip.File
	budget int64
}

func newSheetZip(ra io.ReaderAt, size int64, lim Limits) (*sheetZip, error) {
	zr, err := zip.NewReader(ra, size)
	if err != nil {
		return nil, err
	}
	z := &sheetZip{names: make(map[string]*zip.File, len(zr.File)), budget: lim.MaxUnpacked}
	for _, zf := range zr.File {
		z.names[zf.Name] = zf
	}
	return z, nil
}

// open opens a member after checking its declared size, or returns nil
// when there is no such member. archive/zip fails a member that inflates
// past its declared size, so the declaration is binding.
func (z *sheetZip) open(name string) (io.ReadCloser, error) {
	zf := z.names[name]
	if zf == nil {
		return nil, nil
	}
	if err := chargeMember(zf, &z.budget); err != nil {
		return nil, err
	}
	return zf.Open()
}

// xlsxBook is what xl/workbook.xml and the parts beside it say.
type xlsxBook struct {
	sheets   []xlsxSheet
	date1904 bool
	shared   []string
	dates    []bool   // by style index: the cell's number format is a date
	digits   []string // by style index: the digit pattern of its number format (numfmt.go), or ""
}

type xlsxSheet struct {
	name, part string
}

func extractXLSX(ctx context.Context, f *File, ra io.ReaderAt, size int64, sink Sink, lim Limits) error {
	z, err := newSheetZip(ra, size, lim)
	if err != nil {
		return containerFail(f, "xlsx", err)
	}
	wb, err := xlsxWorkbook(ctx, z, f)
	if err != nil {
		return containerFail(f, "xlsx", err)
	}
	rb := newSheetRows(sink, lim, f)
	for _, sh := range wb.sheets {
		if err := xlsxWorksheet(ctx, z, wb, sh, rb); err != nil {
			if errors.Is(err, errSheetCells) {
				return nil
			}
			return containerFail(f, "xlsx", err)
		}
	}
	return nil
}

// xlsxWorkbook reads the sheet list, the relationships, the shared strings
// and the styles.
func xlsxWorkbook(ctx context.Context, z *sheetZip, f *File) (*xlsxBook, error) {
	wb := &xlsxBook{}
	rels, err := xlsxRels(z, "xl/_rels/workbook.xml.rels", "xl")
	if err != nil {
		return nil, err
	}
	if err := xlsxSheetList(z, wb, rels, f); err != nil {
		return nil, err
	}
	sst := "xl/sharedStrings.xml"
	for _, r := range rels {
		if strings.HasSuffix(r.typ, "/sharedStrings") {
			sst = r.target
		}
	}
	if wb.shared, err = xlsxSharedStrings(ctx, z, sst, f); err != nil {
		return nil, err
	}
	if wb.dates, wb.digits, err = xlsxStyles(z, "xl/styles.xml"); err != nil {
		return nil, err
	}
	return wb, nil
}

type sheetRel struct{ typ, target string }

// xlsxRels reads a relationships part; targets are resolved against dir.
func xlsxRels(z *sheetZip, name, dir string) (map[string]sheetRel, error) {
	rels := map[string]sheetRel{}
	err := sheetWalk(z, name, func(d *xml.Decoder, t xml.StartElement) error {
		if t.Name.Local != "Relationship" {
			return nil
		}
		id, target := sheetAttr(t, "Id"), sheetAttr(t, "Target")
		if strings.HasPrefix(target, "/") {
			target = strings.TrimPrefix(target, "/")
		} else {
			target = path.Join(dir, target)
		}
		rels[id] = sheetRel{typ: sheetAttr(t, "Type"), target: target}
		return nil
	})
	return rels, err
}

func xlsxSheetList(z *sheetZip, wb *xlsxBook, rels map[string]sheetRel, f *File) error {
	return sheetWalk(z, "xl/workbook.xml", func(d *xml.Decoder, t xml.StartElement) error {
		switch t.Name.Local {
		case "workbookPr":
			v := sheetAttr(t, "date1904")
			wb.date1904 = v == "1" || v == "true"
		case "sheet":
			name := sheetAttr(t, "name")
			part := fmt.Sprintf("xl/worksheets/sheet%d.xml", len(wb.sheets)+1)
			for _, a := range t.Attr {
				if a.Name.Local == "id" && a.Name.Space != "" {
					if r, ok := rels[a.Value]; ok {
						part = r.target
					}
				}
			}
			if s := sheetAttr(t, "state"); s == "hidden" || s == "veryHidden" {
				addHidden(f, name)
			}
			wb.sheets = append(wb.sheets, xlsxSheet{name: name, part: part})
		}
		return nil
	})
}

// sheetWalk calls fn on every start element of a member; a missing member
// is no error.
func sheetWalk(z *sheetZip, name string, fn func(*xml.Decoder, xml.StartElement) error) error {
	rc, err := z.open(name)
	if err != nil || rc == nil {
		return err
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		if t, ok := tok.(xml.StartElement); ok {
			if err := fn(d, t); err != nil {
				return err
			}
		}
	}
}

// addHidden names a hidden sheet in f's record.
func addHidden(f *File, name string) {
	if len(f.Hidden) < sheetMaxHidden {
		f.Hidden = append(f.Hidden, name)
	}
}

func sheetAttr(t xml.StartElement, local string) string {
	for _, a := range t.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// xlsxSharedStrings reads the shared-string table, each string's plain and
// rich-text runs joined, phonetic guides (rPh) left out.
func xlsxSharedStrings(ctx context.Context, z *sheetZip, name string, f *File) ([]string, error) {
	var out []string
	total, n := 0, 0
	full := false
	err := sheetWalk(z, name, func(d *xml.Decoder, t xml.StartElement) error {
		if t.Name.Local != "si" {
			return nil
		}
		if n++; n%sheetCtxEvery == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		s, err := sheetRichText(d, "si")
		if err != nil {
			return err
		}
		if full || total+len(s) > sheetMaxSharedBytes || len(out) >= sheetMaxSharedCount {
			full, s = true, ""
			f.Truncated = true
		}
		total += len(s)
		if len(out) < sheetMaxSharedCount {
			out = append(out, s)
		}
		return nil
	})
	return out, err
}

// sheetRichText reads the text of the t elements inside the element being read
// (end names it), skipping phonetic runs, until its end.
func sheetRichText(d *xml.Decoder, end string) (string, error) {
	var b []byte
	inT, rph := false, 0
	for {
		tok, err := d.Token()
		if err != nil {
			return "", sheetEOF(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "rPh":
				rph++
			case "t":
				inT = rph == 0
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "rPh":
				rph--
			case "t":
				inT = false
			case end:
				return string(b), nil
			}
		case xml.CharData:
			if inT && len(b) <= sheetMaxSharedBytes {
				b = append(b, t...)
			}
		}
	}
}

// sheetPlainText reads the text of the element being read until its end.
func sheetPlainText(d *xml.Decoder, end string) (string, error) {
	var b []byte
	for {
		tok, err := d.Token()
		if err != nil {
			return "", sheetEOF(err)
		}
		switch t := tok.(type) {
		case xml.EndElement:
			if t.Name.Local == end {
				return string(b), nil
			}
		case xml.CharData:
			if len(b) <= sheetMaxSharedBytes {
				b = append(b, t...)
			}
		}
	}
}

func sheetEOF(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

// xlsxStyles returns, for each cell style (cellXfs), whether its number
// format shows a date.
func xlsxStyles(z *sheetZip, name string) (dates []bool, digits []string, err error) {
	custom := map[string]bool{}
	customDigits := map[string]string{}
	var xfs []string
	inXfs := false
	err = sheetWalk(z, name, func(d *xml.Decoder, t xml.StartElement) error {
		switch t.Name.Local {
		case "numFmt":
			id, code := sheetAttr(t, "numFmtId"), sheetAttr(t, "formatCode")
			custom[id] = sheetDateFormat(code)
			customDigits[id] = sheetDigitFormat(code)
		case "cellXfs":
			inXfs = true
		case "cellStyles", "dxfs":
			inXfs = false
		case "xf":
			if inXfs && len(xfs) < 1<<16 {
				xfs = append(xfs, sheetAttr(t, "numFmtId"))
			}
		}
		return nil
	})
	dates, digits = make([]bool, len(xfs)), make([]string, len(xfs))
	for i, id := range xfs {
		digits[i] = customDigits[id]
		if d, ok := custom[id]; ok {
			dates[i] = d
		} else if n, err := strconv.Atoi(id); err == nil {
			dates[i] = sheetBuiltinDate(n)
		}
	}
	return dates, digits, err
}

// sheetBuiltinDate reports whether a built-in number format shows a date
// (including the Japanese-locale ones, 27–36 and 50–58).
func sheetBuiltinDate(id int) bool {
	return id >= 14 && id <= 22 || id >= 27 && id <= 36 || id >= 45 && id <= 47 || id >= 50 && id <= 58
}

// sheetDateFormat reports whether a custom format code shows a date: it holds
// y, d, e or g (era), or m without h or s (minutes), outside quoted text,
// brackets and escaped characters.
func sheetDateFormat(code string) bool {
	code = strings.ToLower(code)
	if i := strings.IndexByte(code, ';'); i >= 0 {
		code = code[:i] // the positive section decides
	}
	code = strings.ReplaceAll(code, "general", "")
	var m, hs, date bool
	for i := 0; i < len(code); i++ {
		switch c := code[i]; c {
		case '"':
			if j := strings.IndexByte(code[i+1:], '"'); j >= 0 {
				i += j + 1
			} else {
				i = len(code)
			}
		case '[':
			if j := strings.IndexByte(code[i:], ']'); j >= 0 {
				i += j
			} else {
				i = len(code)
			}
		case '\\', '_', '*':
			i++
		case 'y', 'd', 'e', 'g':
			date = true
		case 'm':
			m = true
		case 'h', 's':
			hs = true
		}
	}
	return date || m && !hs
}

// errSheetCells ends a workbook that holds more than Limits.MaxCells.
var errSheetCells = errors.New("scan: too many cells")

// xlsxWorksheet streams one sheet part, one row to the sink at a time.
func xlsxWorksheet(ctx context.Context, z *sheetZip, wb *xlsxBook, sh xlsxSheet, rb *sheetRows) error {
	rc, err := z.open(sh.part)
	if err != nil || rc == nil {
		return err
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	rb.table = sh.name
	line := 0
	var c xlsxCell
	for n := 1; ; n++ {
		if n%sheetCtxTokens == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		tok, err := d.Token()
		if err == io.EOF {
			rb.end()
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", sh.part, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "row":
				line = sheetRowIndex(sheetAttr(t, "r"), line)
				rb.begin(line)
			case "c":
				if err := rb.count(ctx); err != nil {
					return err
				}
				c = xlsxCell{typ: "n", style: -1}
				for _, a := range t.Attr {
					switch a.Name.Local {
					case "r":
						c.col, _ = sheetSplitRef(a.Value)
					case "t":
						c.typ = a.Value
					case "s":
						c.style, _ = strconv.Atoi(a.Value)
					}
				}
				if c.col == 0 {
					c.col = rb.col + 1
				}
			case "v":
				s, err := sheetPlainText(d, "v")
				if err != nil {
					return err
				}
				c.v, c.hasV = s, true
			case "is":
				s, err := sheetRichText(d, "is")
				if err != nil {
					return err
				}
				c.v, c.hasV = s, true
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "c":
				if rb.line == 0 { // a cell outside any row
					line++
					rb.begin(line)
				}
				rb.add(c.col, wb.render(&c))
			case "row":
				rb.end()
			}
		}
	}
}

type xlsxCell struct {
	col   int
	typ   string
	style int
	v     string
	hasV  bool
}

// render turns a cell's stored value into its text as displayed: shared
// strings looked up, dates as 2010/04/01, numbers without float noise.
func (wb *xlsxBook) render(c *xlsxCell) string {
	if !c.hasV {
		return ""
	}
	switch c.typ {
	case "s":
		i, err := strconv.Atoi(strings.TrimSpace(c.v))
		if err != nil || i < 0 || i >= len(wb.shared) {
			return ""
		}
		return wb.shared[i]
	case "inlineStr", "str":
		return c.v
	case "b":
		if strings.TrimSpace(c.v) == "1" {
			return "TRUE"
		}
		return "FALSE"
	case "e":
		return ""
	case "d":
		return sheetISODate(c.v)
	}
	if c.style >= 0 && c.style < len(wb.dates) && wb.dates[c.style] {
		if s, ok := sheetSerialDate(c.v, wb.date1904); ok {
			return s
		}
	}
	if c.style >= 0 && c.style < len(wb.digits) && wb.digits[c.style] != "" {
		if s, ok := sheetPadDigits(c.v, wb.digits[c.style]); ok {
			return s
		}
	}
	return sheetNumber(c.v)
}

// sheetNumber shows a stored number as a general format would: integers
// as they are, others to 15 significant digits without exponent.
func sheetNumber(v string) string {
	v = strings.TrimSpace(v)
	if !strings.ContainsAny(v, ".eE") {
		return v
	}
	x, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return v
	}
	x, _ = strconv.ParseFloat(strconv.FormatFloat(x, 'g', 15, 64), 64)
	return strconv.FormatFloat(x, 'f', -1, 64)
}

// sheetSerialDate turns a date serial into 2010/04/01. In the 1900 system
// Excel counts a 29 February 1900 that never was (serial 60).
func sheetSerialDate(v string, date1904 bool) (string, bool) {
	x, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil || x < 1 || x >= 2958466 {
		return "", false
	}
	days := int(x)
	var t time.Time
	switch {
	case date1904:
		t = time.Date(1904, 1, 1+days, 0, 0, 0, 0, time.UTC)
	case days == 60:
		return "1900/02/29", true
	case days < 60:
		t = time.Date(1899, 12, 31+days, 0, 0, 0, 0, time.UTC)
	default:
		t = time.Date(1899, 12, 30+days, 0, 0, 0, 0, time.UTC)
	}
	return t.Format("2006/01/02"), true
}

// sheetISODate turns "2010-04-01" or "2010-04-01T00:00:00" into "2010/04/01".
func sheetISODate(v string) string {
	v = strings.TrimSpace(v)
	if len(v) >= 10 && v[4] == '-' && v[7] == '-' {
		return v[:4] + "/" + v[5:7] + "/" + v[8:10]
	}
	return v
}

// sheetRowIndex reads a 1-based row number, or follows prev when there is none.
func sheetRowIndex(s string, prev int) int {
	if n, err := strconv.Atoi(s); err == nil && n > 0 && n <= 1<<24 {
		return n
	}
	return prev + 1
}

// sheetSplitRef splits a cell reference "B7" into column 2 and row 7; zero
// when a part is missing or out of range.
func sheetSplitRef(ref string) (col, row int) {
	i := 0
	for ; i < len(ref) && i < 4; i++ {
		c := ref[i] | 0x20
		if c < 'a' || c > 'z' {
			break
		}
		col = col*26 + int(c-'a'+1)
	}
	if i < len(ref) && ref[i]|0x20 >= 'a' && ref[i]|0x20 <= 'z' {
		return 0, 0 // more than four letters
	}
	row, err := strconv.Atoi(ref[i:])
	if err != nil || row < 0 || row > 1<<24 {
		row = 0
	}
	return col, row
}

// sheetRows gathers the cells of one spreadsheet row and passes them to
// the sink as a record: empty cells left out, a cell longer than
// Limits.MaxField passed on in part as Text, a row larger than
// Limits.MaxRecord in several parts. A record always starts at field 0
// (an empty cell stands for column A), because the sink reads a first cell
// at another field as the continuation of the record before.
type sheetRows struct {
	sink  Sink
	lim   Limits
	f     *File
	seg   segmenter
	table string
	line  int // the row being read, 0 before the first
	col   int // the last column read
	cells []Cell
	cost  int
	part  bool // a part of this row was passed on already
	n     int  // cells read in this file
	spill int  // bytes of over-long cells passed on as Text in this file
}

func newSheetRows(sink Sink, lim Limits, f *File) *sheetRows {
	rb := &sheetRows{sink: sink, lim: lim, f: f}
	rb.seg.init(sink, lim.MaxLine)
	return rb
}

// begin starts row line.
func (rb *sheetRows) begin(line int) {
	rb.end()
	rb.line, rb.col, rb.part = line, 0, false
}

// count counts one more cell and checks the context now and then.
func (rb *sheetRows) count(ctx context.Context) error {
	rb.n++
	if rb.n > rb.lim.MaxCells {
		rb.f.Truncated = true
		rb.end()
		return errSheetCells
	}
	if rb.n%sheetCtxEvery == 0 {
		return ctx.Err()
	}
	return nil
}

// add adds a cell of column col (1-based) to the row.
func (rb *sheetRows) add(col int, text string) {
	if col <= rb.col || col > 1<<20 {
		col = rb.col + 1
	}
	rb.col = col
	if text == "" {
		return
	}
	at := Loc{Sheet: rb.table, Line: rb.line, Col: col}
	if len(text) > rb.lim.MaxField {
		text = rb.overflow(text, at)
	}
	if len(rb.cells) == 0 && !rb.part && col != 1 {
		rb.cells = append(rb.cells, Cell{At: Loc{Sheet: rb.table, Line: rb.line, Col: 1}})
	}
	rb.cells = append(rb.cells, Cell{Text: text, At: at, Field: col - 1})
	rb.cost += len(text) + cellCost
	if rb.cost > rb.lim.MaxRecord {
		rb.f.Truncated = true
		rb.flush()
		rb.part = true
	}
}

// overflow keeps the first Limits.MaxField characters of a long cell and
// passes the rest on as Text, overlapping the part kept.
func (rb *sheetRows) overflow(text string, at Loc) string {
	k, _ := prefixChars([]byte(text), rb.lim.MaxField)
	if k == len(text) {
		return text
	}
	rb.f.Truncated = true
	if rb.spill += len(text) - k; rb.spill > sheetMaxOverflow {
		return text[:k]
	}
	head := []byte(text[:k])
	rb.seg.start(at)
	rb.seg.seed(head[tailChars(head, rb.seg.overlap):])
	rb.seg.write([]byte(text[k:]))
	rb.seg.finish()
	return text[:k]
}

// end passes on the row read so far.
func (rb *sheetRows) end() {
	rb.flush()
	rb.line = 0
}

func (rb *sheetRows) flush() {
	if len(rb.cells) > 0 {
		rb.sink.Row(rb.table, rb.cells)
	}
	rb.cells, rb.cost = rb.cells[:0], 0
}
