package scan

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// odsMaxRepeat bounds how often a repeated row or cell that holds a value
// is passed on (LibreOffice writes the empty rest of a sheet as one row
// repeated a million times; those cost nothing, being empty).
//
// odsMaxCopies bounds the copies made by repetition in one file, so that a
// few bytes of XML cannot stand for millions of cells.
const (
	odsMaxRepeat = 1000
	odsMaxCopies = 200_000
)

func init() { zipKinds[FormatODS] = extractODS }

// extractODS streams content.xml: each table:table a table, each row a
// record, cells as displayed: dates as 2010/04/01, numbers from
// office:value, text from the text:p paragraphs joined by newlines.
// Comments (office:annotation) are not part of a cell's value. Tables
// whose automatic style says table:display="false" are hidden sheets.
func extractODS(ctx context.Context, f *File, ra io.ReaderAt, size int64, sink Sink, lim Limits) error {
	z, err := newSheetZip(ra, size, lim)
	if err != nil {
		return containerFail(f, "ods", err)
	}
	rc, err := z.open("content.xml")
	if err != nil {
		return containerFail(f, "ods", err)
	}
	if rc == nil {
		return containerFail(f, "ods", errors.New("no content.xml"))
	}
	defer rc.Close()
	r := &odsReader{rb: newSheetRows(sink, lim, f), d: xml.NewDecoder(rc), ctx: ctx}
	if err := r.read(); err != nil {
		if errors.Is(err, errSheetCells) {
			return nil
		}
		return containerFail(f, "ods", err)
	}
	return nil
}

type odsReader struct {
	ctx context.Context
	d   *xml.Decoder
	rb  *sheetRows

	line, rep int // the current row and its repetition
	col       int // the last column of the current row
	cells     []odsCell
	bytes     int
	streamed  bool // the row outgrew its buffer and goes straight to rb

	copies int // cells made by repetition so far

	style  string          // the table style being read
	hidden map[string]bool // table styles with table:display="false"
}

type odsCell struct {
	col  int
	text string
}

func (r *odsReader) read() error {
	for n := 1; ; n++ {
		if n%sheetCtxTokens == 0 {
			if err := r.ctx.Err(); err != nil {
				return err
			}
		}
		tok, err := r.d.Token()
		if err == io.EOF {
			r.rb.end()
			return nil
		}
		if err != nil {
			return fmt.Errorf("content.xml: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			err = r.start(t)
		case xml.EndElement:
			switch t.Name.Local {
			case "table-row":
				err = r.endRow()
			case "table":
				r.rb.end()
			}
		}
		if err != nil {
			return err
		}
	}
}

func (r *odsReader) start(t xml.StartElement) error {
	switch t.Name.Local {
	case "style":
		r.style = ""
		if sheetAttr(t, "family") == "table" {
			r.style = sheetAttr(t, "name")
		}
	case "table-properties":
		if r.style != "" && sheetAttr(t, "display") == "false" && len(r.hidden) < 1<<12 {
			if r.hidden == nil {
				r.hidden = map[string]bool{}
			}
			r.hidden[r.style] = true
		}
	case "table":
		r.rb.end()
		r.rb.table, r.line = sheetAttr(t, "name"), 0
		if r.hidden[sheetAttr(t, "style-name")] {
			addHidden(r.rb.f, r.rb.table)
		}
	case "table-row":
		r.line++
		r.rep = odsRepeat(sheetAttr(t, "number-rows-repeated"))
		r.col, r.cells, r.bytes, r.streamed = 0, r.cells[:0], 0, false
	case "table-cell", "covered-table-cell":
		return r.cell(t)
	}
	return nil
}

// odsRepeat reads a repetition count, at least 1 and at most 1<<20.
func odsRepeat(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		return 1
	}
	return min(n, 1<<20)
}

// cell reads one cell to its end and adds it, repeated, to the row.
func (r *odsReader) cell(t xml.StartElement) error {
	if err := r.rb.count(r.ctx); err != nil {
		return err
	}
	n := odsRepeat(sheetAttr(t, "number-columns-repeated"))
	text, err := r.cellText(t)
	if err != nil {
		return err
	}
	col := r.col + 1
	r.col += n
	if text == "" {
		return nil
	}
	n = r.copiesAllowed(n, 1)
	for i := range n {
		if i > 0 {
			if err := r.rb.count(r.ctx); err != nil {
				return err
			}
		}
		r.add(col+i, text)
	}
	return nil
}

// copiesAllowed returns how many of n repetitions of width cells may be
// passed on, counting the copies against odsMaxCopies.
func (r *odsReader) copiesAllowed(n, width int) int {
	if n > odsMaxRepeat {
		n = odsMaxRepeat
		r.rb.f.Truncated = true
	}
	if room := (odsMaxCopies - r.copies) / max(width, 1); n-1 > room {
		n = max(room, 0) + 1
		r.rb.f.Truncated = true
	}
	r.copies += (n - 1) * width
	return n
}

// cellText is a cell's value as displayed, read to the cell's end.
func (r *odsReader) cellText(t xml.StartElement) (string, error) {
	var value string
	switch sheetAttr(t, "value-type") {
	case "float", "percentage", "currency":
		value = sheetNumber(sheetAttr(t, "value"))
	case "date":
		value = sheetISODate(sheetAttr(t, "date-value"))
	}
	text, err := r.paragraphs(t.Name.Local)
	if value != "" {
		return value, err
	}
	return text, err
}

// paragraphs joins the text:p of a cell with newlines, spans and spaces
// (text:s) inside, annotations left out, to at most Limits.MaxRecord bytes.
func (r *odsReader) paragraphs(end string) (string, error) {
	var b []byte
	paras, skip := 0, 0
	max := r.rb.lim.MaxRecord
	for {
		tok, err := r.d.Token()
		if err != nil {
			return "", sheetEOF(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "annotation":
				skip++
			case "p", "h":
				if skip == 0 {
					if paras > 0 {
						b = append(b, '\n')
					}
					paras++
				}
			case "s":
				if skip == 0 {
					b = append(b, strings.Repeat(" ", min(odsRepeat(sheetAttr(t, "c")), 64))...)
				}
			case "tab":
				if skip == 0 {
					b = append(b, '\t')
				}
			case "line-break":
				if skip == 0 {
					b = append(b, '\n')
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "annotation":
				skip--
			case end:
				if len(b) > max {
					r.rb.f.Truncated = true
					k, _ := prefixChars(b, max)
					b = b[:k]
				}
				return string(b), nil
			}
		case xml.CharData:
			if skip == 0 && paras > 0 && len(b) <= max {
				b = append(b, t...)
			}
		}
	}
}

// add adds a cell to the row: held back while the row may be repeated,
// passed straight on once it outgrows Limits.MaxRecord.
func (r *odsReader) add(col int, text string) {
	if r.streamed {
		r.rb.add(col, text)
		return
	}
	r.cells = append(r.cells, odsCell{col: col, text: text})
	r.bytes += len(text) + cellCost
	if r.bytes > r.rb.lim.MaxRecord {
		if r.rep > 1 {
			r.rb.f.Truncated = true
		}
		r.rb.begin(r.line)
		r.replay()
		r.streamed = true
	}
}

func (r *odsReader) replay() {
	for _, c := range r.cells {
		r.rb.add(c.col, c.text)
	}
	r.cells = r.cells[:0]
}

// endRow passes the row on, as many times as it repeats.
func (r *odsReader) endRow() error {
	first := r.line
	r.line += r.rep - 1
	if r.streamed {
		r.rb.end()
		return nil
	}
	if len(r.cells) == 0 {
		return nil
	}
	n := r.copiesAllowed(r.rep, len(r.cells))
	held := r.cells
	for i := range n {
		if i > 0 {
			for range held {
				if err := r.rb.count(r.ctx); err != nil {
					return err
				}
			}
		}
		r.rb.begin(first + i)
		for _, c := range held {
			r.rb.add(c.col, c.text)
		}
		r.rb.end()
	}
	r.cells = held[:0]
	return nil
}
