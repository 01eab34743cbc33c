package scan

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// This file reads legacy Word documents
// (.doc: Word 97 to 2003, [MS-DOC]) for extractOLE.

// A Word document keeps its text in the WordDocument stream as pieces: the
// CLX in the table stream (0Table or 1Table, as the FIB says) lists them in
// character-position (CP) order, each either 8-bit ("compressed") or
// UTF-16LE. The stories follow one another in CP order: the main text,
// footnotes, headers and footers, comments, endnotes, text boxes and the
// text boxes of headers; all are read, in that order, and numbered on from
// the main text as docx's parts are.
//
// Word's control characters become structure: 0x0D ends a paragraph, 0x07
// ends a table cell or row, 0x0C (page or section break) ends a paragraph,
// 0x0B is a line break. Whether a paragraph is in a table, and whether its
// 0x07 ends a row (its TTP) rather than a cell, is read from the paragraph's
// properties (the PAPX in the FKP pages that PlcBtePapx points to), which
// is how an empty cell is told from the end of a row. A top-level table
// goes to Row like a docx table ("表1"); a nested table is flattened into
// its cell's text. Fields keep their result and lose their code (a
// HYPERLINK's target, a DATE's format). Pictures, OLE objects and note
// references are dropped.
//
// Not read: tracked deletions are in the text as if they were not deleted
// (Word keeps them inline, marked only by character properties), text made
// hidden by formatting, Word 6/95 files (skipped), and property changes
// held in the piece table's own sprms (Prc), which a fast save may use.
const (
	docFIBMin     = 0x00C1 // nFib of Word 97; below it is Word 6/95
	docIdent      = 0xA5EC // wIdent of a Word document's FibBase
	docFKPSize    = 512    // an FKP page of the WordDocument stream
	docMaxFields  = 64     // nesting of fields tracked; deeper is all code
	docMaxProp    = 1024   // bytes of one document property read
	docPropStream = 64 << 10
	// docBuf is how much decoded text is gathered before it goes to the
	// paragraph.
	docBuf = 4 << 10
	// docCheck is how many characters are read between context checks.
	docCheck = 64 << 10
)

// FibRgLw97 indexes of the stories' lengths, in CP order, and FibRgFcLcb97
// indexes of the structures read.
const (
	docLwCcpText     = 3
	docLwCcpHdrTxbx  = 10
	docFcPlcfBtePapx = 13
	docFcClx         = 33
)

// Sprms that place a paragraph in a table (a nested table's cells and rows
// are told by depth alone: they are flattened), and the variable-size
// sprms whose operand gives its size its own way.
const (
	sprmPFInTable   = 0x2416
	sprmPFTtp       = 0x2417
	sprmPItap       = 0x6649
	sprmPDtap       = 0x664A
	sprmTDefTable   = 0xD608
	sprmTDefTable10 = 0xD606
	sprmPChgTabs    = 0xC615
)

// errDOC is wrapped by every error about a corrupt Word document.
var errDOC = errors.New("scan: corrupt Word document")

func docErr(format string, a ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{errDOC}, a...)...)
}

// errDOCOld marks a Word 6/95 document, which is skipped.
var errDOCOld = errors.New(FormatDOC + " (Word 6/95)")

func init() { oleReaders[FormatDOC] = extractDOC }

func extractDOC(ctx context.Context, f *File, c *cfbFile, stream int, sink Sink, lim Limits) error {
	d, err := openWordBin(c, stream)
	switch {
	case errors.Is(err, errDOCOld):
		f.Status, f.Reason = StatusSkipped, reasonUnsupported+err.Error()
		return nil
	case err != nil:
		f.Status, f.Reason = StatusError, "failed to read Word document: "+strings.TrimPrefix(innerError(err), errDOC.Error()+": ")
		return nil
	}
	f.Truncated = f.Truncated || d.truncated
	o := newDocOut(sink, f, lim)
	r := &docReader{wordBin: d, ctx: ctx, o: o, f: f, fkpPage: -1}
	start := 0
	for _, n := range d.stories {
		if err := r.story(start, start+n); err != nil {
			return containerFail(f, "WordDocument", err)
		}
		start += n
	}
	for _, p := range docProperties(c) {
		o.prose(p)
	}
	return nil
}

// wordBin is a Word document whose FIB and piece table were checked: every
// piece lies inside the WordDocument stream.
type wordBin struct {
	wd        []byte // the WordDocument stream
	cps       []byte // PlcPcd: n+1 CPs, then n PCDs of 8 bytes
	n         int    // pieces
	bte       []byte // PlcBtePapx: m+1 FCs, then m page numbers
	m         int
	stories   []int // lengths in CPs, in CP order
	truncated bool  // the text was cut to the limits
}

func openWordBin(c *cfbFile, stream int) (*wordBin, error) {
	le := binary.LittleEndian
	wd, err := c.stream(stream, maxOLEStreamRead)
	if err != nil {
		return nil, err
	}
	if len(wd) < 34 || le.Uint16(wd) != docIdent {
		return nil, docErr("no FIB")
	}
	if le.Uint16(wd[2:]) < docFIBMin {
		return nil, errDOCOld
	}
	// FibBase (32 bytes), then csw 16-bit values, cslw 32-bit values and
	// cbRgFcLcb pairs of 32-bit values, each behind its count.
	off := 32 + 2 + 2*int(le.Uint16(wd[32:]))
	if off+2 > len(wd) {
		return nil, docErr("FIB cut short")
	}
	cslw := int(le.Uint16(wd[off:]))
	lw := off + 2
	off = lw + 4*cslw
	if cslw <= docLwCcpHdrTxbx || off+2 > len(wd) {
		return nil, docErr("FIB cut short")
	}
	cb := int(le.Uint16(wd[off:]))
	fcLcb := off + 2
	if cb <= docFcClx || fcLcb+8*cb > len(wd) {
		return nil, docErr("FIB cut short")
	}
	d := &wordBin{wd: wd}
	total := 0
	for i := docLwCcpText; i <= docLwCcpHdrTxbx; i++ {
		n := int32(le.Uint32(wd[lw+4*i:]))
		if n < 0 || int64(total)+int64(n) > 1<<31 {
			return nil, docErr("bad text length")
		}
		d.stories = append(d.stories, int(n))
		total += int(n)
	}
	tbl, err := tableStream(c, le.Uint16(wd[0x0A:])&0x0200 != 0)
	if err != nil {
		return nil, err
	}
	pair := func(i int) (int, int) {
		return int(le.Uint32(wd[fcLcb+8*i:])), int(le.Uint32(wd[fcLcb+8*i+4:]))
	}
	fc, lcb := pair(docFcClx)
	clx, err := docSlice(tbl, fc, lcb)
	if err != nil {
		return nil, fmt.Errorf("CLX: %w", err)
	}
	if err := d.readPieces(clx); err != nil {
		return nil, err
	}
	if err := d.limitStories(total, c.dir[stream].size > int64(len(wd))); err != nil {
		return nil, err
	}
	// Paragraph properties only shape tables: without them the text is
	// still read, as paragraphs.
	fc, lcb = pair(docFcPlcfBtePapx)
	if bte, err := docSlice(tbl, fc, lcb); err == nil && len(bte) >= 12 && (len(bte)-4)%8 == 0 {
		d.bte, d.m = bte, (len(bte)-4)/8
	}
	return d, nil
}

// tableStream reads 1Table or 0Table.
func tableStream(c *cfbFile, one bool) ([]byte, error) {
	name := "0TABLE"
	if one {
		name = "1TABLE"
	}
	i, ok := c.rootStreams()[name]
	if !ok {
		return nil, docErr("no table stream")
	}
	return c.stream(i, maxOLEStreamRead)
}

// docSlice returns b[fc:fc+lcb], checked.
func docSlice(b []byte, fc, lcb int) ([]byte, error) {
	if fc < 0 || lcb < 0 || fc > len(b) || lcb > len(b)-fc {
		return nil, docErr("structure outside the table stream")
	}
	return b[fc : fc+lcb], nil
}

// readPieces finds the piece table in the CLX, after any Prc, and checks it.
func (d *wordBin) readPieces(clx []byte) error {
	le := binary.LittleEndian
	for len(clx) > 0 && clx[0] == 1 { // Prc: clxt, cbGrpprl, grpprl
		if len(clx) < 3 {
			return docErr("CLX cut short")
		}
		n := int(int16(le.Uint16(clx[1:])))
		if n < 0 || 3+n > len(clx) {
			return docErr("bad Prc")
		}
		clx = clx[3+n:]
	}
	if len(clx) < 5 || clx[0] != 2 {
		return docErr("no piece table")
	}
	lcb := int(le.Uint32(clx[1:]))
	if lcb < 16 || lcb > len(clx)-5 || (lcb-4)%12 != 0 {
		return docErr("bad piece table")
	}
	d.cps, d.n = clx[5:5+lcb], (lcb-4)/12
	if d.cp(0) != 0 {
		return docErr("piece table does not start at 0")
	}
	for i := range d.n {
		if d.cp(i+1) <= d.cp(i) {
			return docErr("piece table out of order")
		}
	}
	return nil
}

// cp returns the ith CP of the piece table (i ≤ n).
func (d *wordBin) cp(i int) int { return int(binary.LittleEndian.Uint32(d.cps[4*i:]) & 0x7FFFFFFF) }

// piece returns the byte offset of piece i's text in the WordDocument
// stream and whether it is 8-bit.
func (d *wordBin) piece(i int) (off int, compressed bool) {
	fc := binary.LittleEndian.Uint32(d.cps[4*(d.n+1)+8*i+2:])
	off, compressed = int(fc&0x3FFFFFFF), fc&0x40000000 != 0
	if compressed {
		off /= 2
	}
	return off, compressed
}

// limitStories checks that the stories lie in the piece table and every
// piece in the stream, and bounds the text: a piece past the end of a
// stream that was cut to maxOLEStreamRead ends it (truncated), and so does
// text longer than the stream could hold (pieces sharing bytes).
func (d *wordBin) limitStories(total int, cut bool) error {
	last := d.cp(d.n)
	if total > last {
		return docErr("text lengths exceed the piece table")
	}
	end := total
	for i := range d.n {
		from, to := d.cp(i), min(d.cp(i+1), total)
		if from >= to {
			break
		}
		off, compressed := d.piece(i)
		w := 2
		if compressed {
			w = 1
		}
		if off+(to-from)*w <= len(d.wd) {
			continue
		}
		if !cut {
			return docErr("piece outside the WordDocument stream")
		}
		end = from
		break
	}
	end = min(end, len(d.wd)) // text never takes less than a byte a character
	if end < total {
		d.truncated = true
		for i, n := range d.stories {
			d.stories[i] = max(0, min(n, end))
			end -= d.stories[i]
		}
	}
	return nil
}

// pieceAt returns the piece holding cp.
func (d *wordBin) pieceAt(cp int) int {
	lo, hi := 0, d.n-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if d.cp(mid) <= cp {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}

// docPAP is what a paragraph's properties say of tables.
type docPAP struct {
	inTable bool
	ttp     bool // the paragraph ends a row of its table
	itap    int  // table depth
}

// depth returns the table depth of the paragraph, 0 outside tables.
func (p docPAP) depth() int {
	switch {
	case p.itap > 0:
		return p.itap
	case p.inTable:
		return 1
	}
	return 0
}

// docReader walks the stories of a document into a docOut.
type docReader struct {
	*wordBin
	ctx     context.Context
	o       *docOut
	f       *File
	buf     []byte
	fields  []bool // open fields: true while in the code, before 0x14
	deep    int    // fields nested beyond docMaxFields
	code    int    // open fields in their code
	hi      rune   // a high surrogate waiting for its pair
	tables  int
	inTable bool
	inRow   bool
	fkpPage int
	fkp     []byte
	done    int // characters since the context was checked
}

// story reads the CPs [from, to) as paragraphs and tables.
func (r *docReader) story(from, to int) error {
	r.fields, r.deep, r.code, r.hi = r.fields[:0], 0, 0, 0
	for cp := from; cp < to; {
		mark, ch := r.findMark(cp, to)
		var pap docPAP
		if mark < to {
			pap = r.papAt(mark)
		}
		if err := r.paragraph(cp, mark, ch, pap); err != nil {
			return err
		}
		if err := r.tick(mark + 1 - cp); err != nil {
			return err
		}
		cp = mark + 1
	}
	r.endTable()
	r.o.finish()
	return nil
}

// findMark returns the first paragraph, cell or section mark in [from,
// to), and the mark, or to and 0.
func (r *docReader) findMark(from, to int) (int, uint16) {
	for i := r.pieceAt(from); i < r.n && from < to; i++ {
		end := min(r.cp(i+1), to)
		off, compressed := r.piece(i)
		off += (from - r.cp(i)) << b2i(!compressed)
		n := end - from
		if compressed {
			for k, c := range r.wd[off : off+n] {
				if c == 0x0D || c == 0x07 || c == 0x0C {
					return from + k, uint16(c)
				}
			}
		} else {
			b := r.wd[off : off+2*n]
			for k := 0; k < len(b); k += 2 {
				if c := b[k]; b[k+1] == 0 && (c == 0x0D || c == 0x07 || c == 0x0C) {
					return from + k/2, uint16(c)
				}
			}
		}
		from = end
	}
	return to, 0
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// paragraph passes on the text [from, mark) of a paragraph ended by ch.
func (r *docReader) paragraph(from, mark int, ch uint16, pap docPAP) error {
	o := r.o
	depth := pap.depth()
	if depth == 0 {
		r.endTable()
		o.beginPara(false)
		err := r.text(from, mark)
		o.endPara()
		return err
	}
	if !r.inTable {
		r.tables++
		o.beginTable("表" + strconv.Itoa(r.tables))
		r.inTable, r.inRow = true, false
	}
	if depth == 1 && pap.ttp {
		r.endRow()
		return r.text(from, from) // keep the field state as it is
	}
	if !r.inRow {
		o.beginRow(0)
		r.inRow = true
	}
	if !o.inCell {
		o.beginCell()
	}
	o.beginPara(true)
	err := r.text(from, mark)
	o.endPara()
	if depth == 1 && ch == 0x07 {
		o.endCell(1)
	}
	return err
}

func (r *docReader) endRow() {
	if r.inRow {
		r.o.endRow()
		r.inRow = false
	}
}

func (r *docReader) endTable() {
	r.endRow()
	r.inTable = false
}

// tick counts characters read and checks the context every docCheck.
func (r *docReader) tick(n int) error {
	r.done += n
	if r.done < docCheck {
		return nil
	}
	r.done = 0
	return r.ctx.Err()
}

// text decodes the CPs [from, to) into the current paragraph, docCheck
// characters at a time.
func (r *docReader) text(from, to int) error {
	for from < to {
		i := r.pieceAt(from)
		end := min(r.cp(i+1), to, from+docCheck)
		off, compressed := r.piece(i)
		if compressed {
			off += from - r.cp(i)
			for _, c := range r.wd[off : off+end-from] {
				r.char(rune(cp1252Word[c]))
			}
		} else {
			off += 2 * (from - r.cp(i))
			b := r.wd[off : off+2*(end-from)]
			for k := 0; k < len(b); k += 2 {
				r.unit(rune(b[k]) | rune(b[k+1])<<8)
			}
		}
		if err := r.tick(end - from); err != nil {
			return err
		}
		from = end
	}
	r.pair()
	r.flush()
	return nil
}

// unit takes one UTF-16 code unit, pairing surrogates.
func (r *docReader) unit(u rune) {
	switch {
	case utf16.IsSurrogate(u) && u < 0xDC00:
		r.pair()
		r.hi = u
	case utf16.IsSurrogate(u):
		if r.hi != 0 {
			u = utf16.DecodeRune(r.hi, u)
			r.hi = 0
		} else {
			u = utf8.RuneError
		}
		r.char(u)
	default:
		r.pair()
		r.char(u)
	}
}

// pair passes on a high surrogate left without its low half.
func (r *docReader) pair() {
	if r.hi != 0 {
		r.hi = 0
		r.char(utf8.RuneError)
	}
}

// char takes one character of a paragraph: fields and control characters
// are followed here.
func (r *docReader) char(c rune) {
	switch c {
	case 0x13: // field begin: its code follows
		if len(r.fields) < docMaxFields {
			r.fields = append(r.fields, true)
		} else {
			r.deep++
		}
		r.code++
		return
	case 0x14: // field separator: its result follows
		if r.deep == 0 && len(r.fields) > 0 && r.fields[len(r.fields)-1] {
			r.fields[len(r.fields)-1] = false
			r.code--
		}
		return
	case 0x15: // field end
		switch {
		case r.deep > 0:
			r.deep--
			r.code--
		case len(r.fields) > 0:
			if r.fields[len(r.fields)-1] {
				r.code--
			}
			r.fields = r.fields[:len(r.fields)-1]
		}
		return
	}
	if r.code > 0 {
		return
	}
	switch {
	case c == 0x0B || c == 0x0E: // line break, column break
		c = '\n'
	case c == 0x1E: // non-breaking hyphen
		c = '-'
	case c == '\t':
	case c < 0x20: // pictures, objects, note references, optional hyphens
		return
	}
	r.buf = utf8.AppendRune(r.buf, c)
	if len(r.buf) >= docBuf {
		r.flush()
	}
}

func (r *docReader) flush() {
	if len(r.buf) > 0 {
		r.o.text(r.buf, false, false)
		r.buf = r.buf[:0]
	}
}

// cp1252Word maps the bytes of an 8-bit piece ([MS-DOC] 2.9.73
// FcCompressed): Latin-1, but for the listed bytes of 0x82 to 0x9F.
var cp1252Word = func() (t [256]uint16) {
	for i := range t {
		t[i] = uint16(i)
	}
	for b, u := range map[byte]uint16{
		0x82: 0x201A, 0x83: 0x0192, 0x84: 0x201E, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021,
		0x88: 0x02C6, 0x89: 0x2030, 0x8A: 0x0160, 0x8B: 0x2039, 0x8C: 0x0152, 0x91: 0x2018,
		0x92: 0x2019, 0x93: 0x201C, 0x94: 0x201D, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014,
		0x98: 0x02DC, 0x99: 0x2122, 0x9A: 0x0161, 0x9B: 0x203A, 0x9C: 0x0153, 0x9F: 0x0178,
	} {
		t[b] = u
	}
	return t
}()
