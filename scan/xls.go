package scan

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
)

// A legacy Excel workbook ([MS-XLS], BIFF8 from Excel 97 on, BIFF5/7 from
// Excel 5 and 95) is one stream of records: a globals substream (code page,
// date system, number formats, cell styles, the sheet list and the
// shared-string table) and then one substream per sheet, found by the
// offset the sheet list gives. Every length and count in it is untrusted
// and checked against the bytes that are there before anything is
// allocated from it.
//
// Cells are passed on as spreadsheet rows through sheetRows, like xlsx's.
// Writers store cells in row order, block by block of 32 rows (each block
// closed by a DBCELL record); cells are sorted by row and column within
// what is buffered, and the buffer is passed on at each block's end.
const (
	// xlsMaxBuffered and xlsMaxBufferedBytes bound the cells held before
	// they are sorted and passed on: a block is a few thousand cells.
	xlsMaxBuffered      = 1 << 14
	xlsMaxBufferedBytes = 4 << 20
	// xlsCtxRecords is how many records are read between checks of the context.
	xlsCtxRecords = 1 << 14
)

func init() { oleReaders[FormatXLS] = extractXLS }

// BIFF record types read here (biffBOF, biffEOF and biffFilePass are in ole.go).
const (
	biffContinue   = 0x003C
	biffCodePage   = 0x0042
	biffDateMode   = 0x0022
	biffFormat     = 0x041E
	biffXF         = 0x00E0
	biffBoundSheet = 0x0085
	biffSST        = 0x00FC
	biffDBCell     = 0x00D7
	biffLabelSST   = 0x00FD
	biffLabel      = 0x0204
	biffRString    = 0x00D6
	biffNumber     = 0x0203
	biffRK         = 0x027E
	biffMulRK      = 0x00BD
	biffFormula    = 0x0006
	biffString     = 0x0207
)

// BOF versions and substream types.
const (
	biffVersion5   = 0x0500
	biffVersion8   = 0x0600
	biffGlobals    = 0x0005
	biffWorksheet  = 0x0010
	biffMacroSheet = 0x0040
)

// errXLS is wrapped by every error about a malformed workbook stream.
var errXLS = errors.New("scan: malformed workbook")

func xlsErr(format string, a ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{errXLS}, a...)...)
}

// xlsBook is what the globals substream says, and the state of reading cells.
type xlsBook struct {
	biff8    bool
	cp       encoding.Encoding // code page of 8-bit strings (BIFF5/7)
	dec      *encoding.Decoder // cp's, made on first use
	date1904 bool
	formats  map[uint16]bool   // custom number formats: shows a date
	xfs      []uint16          // number format of each cell style
	dates    []bool            // by cell style: its format shows a date
	digitFmt map[uint16]string // custom number formats that are digit patterns (numfmt.go)
	digits   []string          // by cell style: its digit pattern, or ""
	sheets   []xlsSheet
	shared   []string
	sharedN  int // bytes of shared strings kept

	rb      *sheetRows
	buf     []xlsCell
	bufN    int
	u16     []uint16 // scratch for BIFF8 strings
	nrecs   int
	pending int // a formula whose string value is in the STRING record to come: row<<16|col, or -1
}

type xlsSheet struct {
	pos    int // offset of its BOF in the stream
	kind   byte
	raw    []byte // name as stored: decoded once the code page is known
	name   string
	hidden bool
}

// xlsCell is one cell read and not yet passed on.
type xlsCell struct {
	row, col uint16
	text     string
}

// extractXLS reads the cells of the Workbook (or Book) stream at index stream.
func extractXLS(ctx context.Context, f *File, c *cfbFile, stream int, sink Sink, lim Limits) error {
	b, err := c.stream(stream, maxOLEStreamRead)
	if err != nil {
		f.Status, f.Reason = StatusError, "failed to read OLE file: "+innerError(err)
		return nil
	}
	if int64(len(b)) < c.dir[stream].size {
		f.Truncated = true
	}
	x := &xlsBook{formats: map[uint16]bool{}, rb: newSheetRows(sink, lim.normalized(), f)}
	if err := x.read(ctx, f, b); err != nil {
		if errors.Is(err, errSheetCells) {
			return nil
		}
		if errors.Is(err, errXLSProtected) {
			f.Status, f.Reason = StatusProtected, reasonProtected
			return nil
		}
		if errors.Is(err, errUnsupportedBIFF) {
			f.Status, f.Reason = StatusSkipped, reasonUnsupported+FormatXLS+" (Excel 4 or older)"
			return nil
		}
		return containerFail(f, "xls", err)
	}
	return nil
}

var errXLSProtected = errors.New("scan: xls: FILEPASS")

func (x *xlsBook) read(ctx context.Context, f *File, b []byte) error {
	s := &biffStream{b: b}
	if err := x.globals(ctx, s); err != nil {
		return err
	}
	for _, sh := range x.sheets {
		if sh.hidden {
			addHidden(f, sh.name)
		}
	}
	// Sheets are read in stream order, and each must start past the end of
	// the one before: no record is read twice, whatever the offsets say.
	order := slices.Clone(x.sheets)
	slices.SortStableFunc(order, func(a, b xlsSheet) int { return a.pos - b.pos })
	end := s.off
	for _, sh := range order {
		if sh.kind != 0 && sh.kind != 1 { // charts and VBA modules hold no cells
			continue
		}
		if sh.pos >= len(b) && f.Truncated {
			continue // past what was read of an over-long stream
		}
		if sh.pos < end || sh.pos >= len(b) {
			return xlsErr("sheet offset %d out of place", sh.pos)
		}
		s.off = sh.pos
		if err := x.sheet(ctx, s, sh.name); err != nil {
			return err
		}
		end = s.off
	}
	return nil
}

// tick counts a record and checks the context now and then.
func (x *xlsBook) tick(ctx context.Context) error {
	if x.nrecs++; x.nrecs%xlsCtxRecords == 0 {
		return ctx.Err()
	}
	return nil
}

// globals reads the globals substream up to its EOF.
func (x *xlsBook) globals(ctx context.Context, s *biffStream) error {
	typ, data, err := s.next()
	if err != nil {
		return err
	}
	if typ != biffBOF || len(data) < 4 {
		return errUnsupportedBIFF
	}
	// BIFF5 and BIFF7 say 0x0500; anything else is read as BIFF8 (0x0600),
	// the only version written since 1997: some writers leave it out.
	x.biff8 = binary.LittleEndian.Uint16(data) != biffVersion5
	if dt := binary.LittleEndian.Uint16(data[2:]); dt != biffGlobals {
		return xlsErr("first substream of type %#x", dt)
	}
	x.cp = charmap.Windows1252
	for {
		if err := x.tick(ctx); err != nil {
			return err
		}
		typ, data, err := s.next()
		if err != nil {
			return err
		}
		if typ == biffEOF {
			break
		}
		if err := x.globalRecord(s, typ, data); err != nil {
			return err
		}
	}
	x.dates, x.digits = make([]bool, len(x.xfs)), make([]string, len(x.xfs))
	for i, id := range x.xfs {
		x.digits[i] = x.digitFmt[id]
		if d, ok := x.formats[id]; ok {
			x.dates[i] = d
		} else {
			x.dates[i] = sheetBuiltinDate(int(id))
		}
	}
	for i := range x.sheets {
		sh := &x.sheets[i]
		if sh.name == "" {
			sh.name = x.str8(sh.raw)
		}
		if sh.name == "" {
			sh.name = "Sheet" + strconv.Itoa(i+1)
		}
	}
	return nil
}

// errUnsupportedBIFF marks a workbook of Excel 2 to 4 (BIFF2-4), whose
// worksheet is the whole stream; these are not read.
var errUnsupportedBIFF = errors.New("scan: xls: before BIFF5")

func (x *xlsBook) globalRecord(s *biffStream, typ uint16, data []byte) error {
	le := binary.LittleEndian
	switch typ {
	case biffFilePass:
		return errXLSProtected
	case biffCodePage:
		if len(data) >= 2 {
			x.cp, x.dec = xlsCodePage(le.Uint16(data)), nil
		}
	case biffDateMode:
		x.date1904 = len(data) >= 2 && le.Uint16(data) == 1
	case biffFormat:
		return x.format(data)
	case biffXF:
		if len(data) < 4 {
			return xlsErr("short XF record")
		}
		if len(x.xfs) < 1<<16 {
			x.xfs = append(x.xfs, le.Uint16(data[2:]))
		}
	case biffBoundSheet:
		return x.boundSheet(data)
	case biffSST:
		if !x.biff8 {
			return nil
		}
		return x.sst(&biffSegs{segs: append([][]byte{data}, s.continues()...)})
	}
	return nil
}

// format reads a FORMAT record: a number format's index and code.
func (x *xlsBook) format(data []byte) error {
	if len(data) < 3 {
		return xlsErr("short FORMAT record")
	}
	id := binary.LittleEndian.Uint16(data)
	var code string
	if x.biff8 {
		r := &biffSegs{segs: [][]byte{data[2:]}}
		cch, err := r.u16()
		if err != nil {
			return xlsErr("short FORMAT record")
		}
		if code, err = x.uniString(r, int(cch), false); err != nil {
			return err
		}
	} else {
		n := int(data[2])
		if 3+n > len(data) {
			return xlsErr("short FORMAT record")
		}
		code = x.str8(data[3 : 3+n])
	}
	if len(x.formats) < 1<<16 {
		x.formats[id] = sheetDateFormat(code)
		if d := sheetDigitFormat(code); d != "" {
			if x.digitFmt == nil {
				x.digitFmt = map[uint16]string{}
			}
			x.digitFmt[id] = d
		}
	}
	return nil
}

// boundSheet reads a BOUNDSHEET record: where a sheet starts, whether it
// is hidden, what kind it is and its name.
func (x *xlsBook) boundSheet(data []byte) error {
	if len(data) < 7 {
		return xlsErr("short BOUNDSHEET record")
	}
	sh := xlsSheet{pos: int(binary.LittleEndian.Uint32(data)), kind: data[5],
		hidden: data[4]&3 == 1 || data[4]&3 == 2}
	n := int(data[6])
	if x.biff8 {
		r := &biffSegs{segs: [][]byte{data[7:]}}
		var err error
		if sh.name, err = x.uniString(r, n, false); err != nil {
			return err
		}
	} else {
		if 7+n > len(data) {
			return xlsErr("short BOUNDSHEET record")
		}
		sh.raw = data[7 : 7+n]
	}
	if len(x.sheets) >= 1<<16 {
		return xlsErr("too many sheets")
	}
	x.sheets = append(x.sheets, sh)
	return nil
}

// sst reads the shared-string table. Its declared count is checked against
// its bytes (a string takes three at least) before anything is allocated.
func (x *xlsBook) sst(r *biffSegs) error {
	if _, err := r.u32(); err != nil {
		return xlsErr("short SST record")
	}
	n, err := r.u32()
	if err != nil {
		return xlsErr("short SST record")
	}
	if int64(n) > int64(r.left()/3) {
		return xlsErr("SST declares %d strings in %d bytes", n, r.left())
	}
	x.shared = make([]string, 0, min(int(n), sheetMaxSharedCount))
	for i := 0; i < int(n) && r.left() > 0; i++ {
		s, err := x.uniString(r, -1, true)
		if err != nil {
			return err
		}
		if x.sharedN+len(s) > sheetMaxSharedBytes || len(x.shared) >= sheetMaxSharedCount {
			x.rb.f.Truncated = true
			s = ""
		}
		x.sharedN += len(s)
		if len(x.shared) < sheetMaxSharedCount {
			x.shared = append(x.shared, s)
		}
	}
	return nil
}

// sheet reads the substream of one sheet starting at s.off, up to its EOF.
func (x *xlsBook) sheet(ctx context.Context, s *biffStream, name string) error {
	typ, data, err := s.next()
	if err != nil {
		return err
	}
	if typ != biffBOF || len(data) < 4 {
		return xlsErr("sheet does not start with BOF")
	}
	dt := binary.LittleEndian.Uint16(data[2:])
	cells := dt == biffWorksheet || dt == biffMacroSheet
	x.rb.table, x.rb.line, x.pending = name, 0, -1
	for depth := 0; ; {
		if err := x.tick(ctx); err != nil {
			return err
		}
		typ, data, err := s.next()
		if err != nil {
			return err
		}
		switch {
		case typ == biffBOF: // an embedded chart, up to its own EOF
			depth++
		case typ == biffEOF && depth > 0:
			depth--
		case typ == biffEOF:
			if err := x.flush(ctx); err != nil {
				return err
			}
			x.rb.end()
			return nil
		case depth == 0 && cells:
			if err := x.sheetRecord(ctx, s, typ, data); err != nil {
				return err
			}
		}
	}
}

// sheetRecord reads one record of a worksheet.
func (x *xlsBook) sheetRecord(ctx context.Context, s *biffStream, typ uint16, data []byte) error {
	if typ == biffString {
		if x.pending >= 0 {
			str, err := x.stringRecord(s, data)
			if err != nil {
				return err
			}
			x.add(uint16(x.pending>>16), uint16(x.pending), str)
		}
		x.pending = -1
		return nil
	}
	p, err := x.cell(typ, data)
	if err != nil {
		return err
	}
	if p >= 0 || isCellRecord(typ) {
		x.pending = p
	}
	if typ == biffDBCell || len(x.buf) >= xlsMaxBuffered || x.bufN >= xlsMaxBufferedBytes {
		return x.flush(ctx)
	}
	return nil
}

func isCellRecord(typ uint16) bool {
	switch typ {
	case biffLabelSST, biffLabel, biffRString, biffNumber, biffRK, biffMulRK, biffFormula,
		0x0201, 0x00BE, 0x0205: // BLANK, MULBLANK, BOOLERR
		return true
	}
	return false
}

// cell reads one cell record. For a formula whose value is a string it
// returns the cell (row<<16|col) that the following STRING record fills;
// otherwise -1.
func (x *xlsBook) cell(typ uint16, data []byte) (int, error) {
	le := binary.LittleEndian
	n := cellRecordSize(typ)
	if n == 0 {
		return -1, nil
	}
	if len(data) < n {
		return -1, xlsErr("short cell record %#x", typ)
	}
	row, col, xf := le.Uint16(data), le.Uint16(data[2:]), le.Uint16(data[4:])
	switch typ {
	case biffLabelSST:
		if i := le.Uint32(data[6:]); int64(i) < int64(len(x.shared)) {
			x.add(row, col, x.shared[i])
		}
	case biffLabel, biffRString:
		s, err := x.label(data[6:])
		if err != nil {
			return -1, err
		}
		x.add(row, col, s)
	case biffNumber:
		x.add(row, col, x.number(math.Float64frombits(le.Uint64(data[6:])), xf))
	case biffRK:
		x.add(row, col, x.number(rkValue(le.Uint32(data[6:])), xf))
	case biffMulRK:
		k := (len(data) - 6) / 6
		for j := 0; j < k; j++ {
			d := data[4+6*j:]
			x.add(row, col+uint16(j), x.number(rkValue(le.Uint32(d[2:])), le.Uint16(d)))
		}
	case biffFormula:
		v := data[6:14]
		if le.Uint16(v[6:]) != 0xFFFF {
			x.add(row, col, x.number(math.Float64frombits(le.Uint64(v)), xf))
		} else if v[0] == 0 {
			return int(row)<<16 | int(col), nil
		}
	}
	return -1, nil
}

// cellRecordSize is the least size of a cell record read here, 0 for others.
func cellRecordSize(typ uint16) int {
	switch typ {
	case biffLabelSST, biffRK:
		return 10
	case biffLabel, biffRString:
		return 8
	case biffNumber:
		return 14
	case biffMulRK:
		return 12
	case biffFormula:
		return 20
	}
	return 0
}

// label reads the string of a LABEL or RSTRING record.
func (x *xlsBook) label(b []byte) (string, error) {
	if x.biff8 {
		return x.uniString(&biffSegs{segs: [][]byte{b}}, -1, false)
	}
	n := int(binary.LittleEndian.Uint16(b))
	if 2+n > len(b) {
		return "", xlsErr("short LABEL record")
	}
	return x.str8(b[2 : 2+n]), nil
}

// stringRecord reads a STRING record (a formula's string value), which
// may go on in CONTINUE records.
func (x *xlsBook) stringRecord(s *biffStream, data []byte) (string, error) {
	if x.biff8 {
		return x.uniString(&biffSegs{segs: append([][]byte{data}, s.continues()...)}, -1, false)
	}
	if len(data) < 2 {
		return "", xlsErr("short STRING record")
	}
	return x.label(data)
}

// rkValue decodes an RK number: a 30-bit integer or the high 30 bits of
// a double, either divided by 100 when bit 0 is set.
func rkValue(rk uint32) float64 {
	var v float64
	if rk&2 != 0 {
		v = float64(int32(rk) >> 2)
	} else {
		v = math.Float64frombits(uint64(rk&^3) << 32)
	}
	if rk&1 != 0 {
		v /= 100
	}
	return v
}

// number shows a number as the cell's style would: a date as 2010/04/01,
// anything else as a general format does (integers without ".0").
func (x *xlsBook) number(v float64, xf uint16) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return ""
	}
	date := int(xf) < len(x.dates) && x.dates[xf]
	if int(xf) < len(x.digits) && x.digits[xf] != "" && v >= 0 && v == math.Trunc(v) && v < 1e15 {
		if s, ok := sheetPadDigits(strconv.FormatInt(int64(v), 10), x.digits[xf]); ok {
			return s
		}
	}
	if !date && v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return strconv.FormatInt(int64(v), 10) // most numbers: no float formatting
	}
	s := strconv.FormatFloat(v, 'g', -1, 64)
	if date {
		if d, ok := sheetSerialDate(s, x.date1904); ok {
			return d
		}
	}
	return sheetNumber(s)
}

// add buffers a cell.
func (x *xlsBook) add(row, col uint16, text string) {
	if text == "" {
		return
	}
	x.buf = append(x.buf, xlsCell{row: row, col: col, text: text})
	x.bufN += len(text)
}

// flush sorts the buffered cells and passes them on, row by row.
func (x *xlsBook) flush(ctx context.Context) error {
	cmp := func(a, b xlsCell) int {
		if a.row != b.row {
			return int(a.row) - int(b.row)
		}
		return int(a.col) - int(b.col)
	}
	if !slices.IsSortedFunc(x.buf, cmp) {
		slices.SortStableFunc(x.buf, cmp)
	}
	rb := x.rb
	for _, c := range x.buf {
		if err := rb.count(ctx); err != nil {
			x.buf, x.bufN = x.buf[:0], 0
			return err
		}
		if line := int(c.row) + 1; line != rb.line {
			rb.begin(line)
		}
		rb.add(int(c.col)+1, c.text)
	}
	clear(x.buf)
	x.buf, x.bufN = x.buf[:0], 0
	return nil
}
