package scan

import (
	"context"
	"io"
)

// cellCost is what one cell counts against Limits.MaxRecord besides its
// text (a Cell and its offset), so that a record of a million empty fields
// is bounded too.
const cellCost = 64

// csvState is where the CSV reader stands between two bytes.
type csvState uint8

const (
	stRecord   csvState = iota // at the start of a record; blank lines are skipped
	stField                    // at the start of a field, after a delimiter
	stUnquoted                 // inside an unquoted field
	stQuoted                   // inside a quoted field
	stQuote                    // after a quote inside a quoted field
	stCR                       // after the \r that ended a record
	stQuotedCR                 // after a \r inside a quoted field
)

// readCSV passes the records of src to sink.Row, splitting fields on delim
// (',' for CSV, '\t' for TSV).
func readCSV(ctx context.Context, src source, sink Sink, lim Limits, f *File, delim byte) error {
	r := newCSVReader(sink, lim, f, delim)
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		c, err := src.next()
		if err != nil {
			r.finish()
			if err == io.EOF {
				return nil
			}
			return err
		}
		r.feed(c)
	}
}

// csvReader is a streaming RFC 4180 reader that never holds more than
// about Limits.MaxRecord bytes of one record, whatever its shape. Quoting
// is lazy: a quote inside an unquoted field is a character, and text after
// a closing quote is appended to the field, as Excel does. Inside quoted
// fields \r\n and \r become \n, so that Loc.Advance over a cell's text
// counts lines as the reader did.
type csvReader struct {
	sink  Sink
	f     *File
	lim   Limits
	delim byte
	state csvState

	// The location of chunk[mark] is line:col+1.
	line, col, mark int

	rec    []byte // text of the cells of the current part of a record
	cells  []Cell // their locations and field numbers; Text is set when passed on
	starts []int  // offset of each cell's text in rec
	cost   int    // rec's size against Limits.MaxRecord
	field  int    // index of the current field in its record
	fchars int    // characters in the current field, or -1 while it is short
	over   bool   // the current field overflows into seg
	seg    segmenter
}

// newCSVReader returns a reader handing records to sink.
func newCSVReader(sink Sink, lim Limits, f *File, delim byte) *csvReader {
	r := &csvReader{sink: sink, f: f, lim: lim, delim: delim, line: 1}
	r.seg.init(sink, lim.MaxLine)
	return r
}

// feed handles one chunk of text.
func (r *csvReader) feed(c []byte) {
	r.mark = 0
	for p := 0; p < len(c); {
		switch r.state {
		case stRecord:
			p = r.record(c, p)
		case stField:
			p = r.fieldStart(c, p)
		case stUnquoted:
			p = r.unquoted(c, p)
		case stQuoted:
			p = r.quoted(c, p)
		case stQuote:
			p = r.quote(c, p)
		case stCR, stQuotedCR:
			if c[p] == '\n' {
				p++
				r.mark = p
			}
			r.state = r.afterCR()
		}
	}
	r.col += countRunes(c[r.mark:])
}

// afterCR is the state that follows a \r and its optional \n.
func (r *csvReader) afterCR() csvState {
	if r.state == stQuotedCR {
		return stQuoted
	}
	return stRecord
}

// record skips blank lines and starts a record at c[p].
func (r *csvReader) record(c []byte, p int) int {
	switch c[p] {
	case '\n':
		r.newline(c, p+1)
		return p + 1
	case '\r':
		r.newline(c, p+1)
		r.state = stCR
		return p + 1
	}
	r.field = 0
	return r.fieldStart(c, p)
}

// fieldStart starts a field at c[p].
func (r *csvReader) fieldStart(c []byte, p int) int {
	if c[p] == '"' {
		r.open(c, p+1)
		r.state = stQuoted
		return p + 1
	}
	r.open(c, p)
	r.state = stUnquoted
	return p
}

// unquoted reads an unquoted field up to a delimiter or line end.
func (r *csvReader) unquoted(c []byte, p int) int {
	i, delim := p, r.delim
	for i < len(c) {
		if b := c[i]; b == delim || b == '\n' || b == '\r' {
			break
		}
		i++
	}
	r.add(c[p:i])
	if i == len(c) {
		return i
	}
	r.end(c, i)
	return i + 1
}

// quoted reads a quoted field up to a quote or line end.
func (r *csvReader) quoted(c []byte, p int) int {
	i := p
	for i < len(c) {
		if b := c[i]; b == '"' || b == '\n' || b == '\r' {
			break
		}
		i++
	}
	r.add(c[p:i])
	if i == len(c) {
		return i
	}
	switch c[i] {
	case '"':
		r.state = stQuote
	case '\r':
		r.state = stQuotedCR
		fallthrough
	default:
		r.add(newline)
		r.newline(c, i+1)
	}
	return i + 1
}

// newline is what a line end inside a quoted field becomes.
var newline = []byte{'\n'}

// quote handles the byte after a quote inside a quoted field.
func (r *csvReader) quote(c []byte, p int) int {
	switch b := c[p]; {
	case b == '"':
		r.add(c[p : p+1])
		r.state = stQuoted
		return p + 1
	case b == r.delim || b == '\n' || b == '\r':
		r.end(c, p)
		return p + 1
	}
	r.state = stUnquoted // lazy: "ab"c reads as abc
	return p
}

// end ends the current field at the delimiter or line end c[i].
func (r *csvReader) end(c []byte, i int) {
	r.closeField()
	switch c[i] {
	case r.delim:
		r.field++
		r.state = stField
		return
	case '\r':
		r.state = stCR
	default:
		r.state = stRecord
	}
	r.endRecord()
	r.newline(c, i+1)
}

// newline moves the location to a line starting at c[p].
func (r *csvReader) newline(c []byte, p int) {
	r.line++
	r.col = 0
	r.mark = p
}

// open starts a cell whose first character is c[p].
func (r *csvReader) open(c []byte, p int) {
	r.col += countRunes(c[r.mark:p])
	r.mark = p
	r.cells = append(r.cells, Cell{At: Loc{Line: r.line, Col: r.col + 1}, Field: r.field})
	r.starts = append(r.starts, len(r.rec))
	r.fchars = -1
}

// add appends text to the current field; past Limits.MaxField characters
// it goes to the segmenter instead.
func (r *csvReader) add(b []byte) {
	if r.over {
		r.seg.write(b)
		return
	}
	if r.fchars < 0 {
		if len(r.rec)-r.starts[len(r.starts)-1]+len(b) <= r.lim.MaxField {
			r.rec = append(r.rec, b...) // bytes bound characters: no need to count
			return
		}
		r.fchars = countRunes(r.rec[r.starts[len(r.starts)-1]:])
	}
	k, n := prefixChars(b, r.lim.MaxField-r.fchars)
	r.rec = append(r.rec, b[:k]...)
	r.fchars += n
	if k < len(b) {
		r.overflow()
		r.seg.write(b[k:])
	}
}

// overflow starts passing the current field on as Text, the segments
// overlapping the end of the part kept in the cell.
func (r *csvReader) overflow() {
	head := r.rec[r.starts[len(r.starts)-1]:]
	off := tailChars(head, r.seg.overlap)
	r.seg.start(advanceBytes(r.cells[len(r.cells)-1].At, head[:off]))
	r.seg.seed(head[off:])
	r.over = true
	r.f.Truncated = true
}

// closeField ends the current field and passes on the record so far when
// it has grown past Limits.MaxRecord.
func (r *csvReader) closeField() {
	if r.over {
		r.seg.finish()
		r.over = false
	}
	r.cost += len(r.rec) - r.starts[len(r.starts)-1] + cellCost
	if r.cost > r.lim.MaxRecord {
		r.f.Truncated = true
		r.flush()
	}
}

// endRecord passes on the rest of the record.
func (r *csvReader) endRecord() {
	if len(r.cells) > 0 {
		r.flush()
	}
}

// flush passes the cells read so far to the sink, with one string for all
// their text.
func (r *csvReader) flush() {
	s := string(r.rec)
	for i := range r.cells {
		end := len(s)
		if i+1 < len(r.cells) {
			end = r.starts[i+1]
		}
		r.cells[i].Text = s[r.starts[i]:end]
	}
	r.sink.Row("", r.cells)
	r.cells, r.starts, r.rec, r.cost = r.cells[:0], r.starts[:0], r.rec[:0], 0
}

// finish ends the last record at the end of the text.
func (r *csvReader) finish() {
	r.mark = 0
	switch r.state {
	case stRecord, stCR:
		return
	case stField:
		r.open(nil, 0) // a delimiter ended the text: one more, empty field
	}
	r.closeField()
	r.endRecord()
	r.state = stRecord
}
