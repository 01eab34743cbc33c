package scan

import (
	"context"
	"encoding/xml"
	"io"
	"strconv"
)

// Word documents (docx, docm, dotx) are read part by part in this order, so
// that pN of the body is the Nth paragraph a reader counts in Word, and the
// rest continue the count: body, headers, footers, footnotes, endnotes,
// comments, then the creator and last editor from docProps/core.xml.
//
// Choices where Word's XML leaves room:
//   - Tracked deletions (w:delText, w:moveFrom) stay in the file and leak
//     with it, so a paragraph with one is passed twice: as it reads now, and
//     as it read before the changes, so that "090-1234-" + deleted "5678" is
//     whole in the second.
//   - Field codes (w:instrText) and symbols (w:sym) are not text a reader
//     sees; their results (the runs after w:fldChar separate) are read.
//   - mc:Fallback repeats the mc:Choice beside it (a text box as VML), so it
//     is skipped.
//   - A table inside a text box is read as the text box's paragraphs; a
//     table inside a cell is flattened into the cell's text.

func init() { zipKinds[FormatDOCX] = extractDOCX }

func extractDOCX(ctx context.Context, f *File, ra io.ReaderAt, size int64, sink Sink, lim Limits) error {
	z, err := openDocZip(ra, size)
	if err != nil {
		return containerFail(f, "zip", err)
	}
	parts := []string{"word/document.xml"}
	for _, p := range []string{"header", "footer"} {
		parts = append(parts, z.matching("word/", p)...)
	}
	parts = append(parts, "word/footnotes.xml", "word/endnotes.xml", "word/comments.xml")
	if err := z.checkBudget(append(parts, "docProps/core.xml"), lim); err != nil {
		return containerFail(f, "zip", err)
	}
	o := newDocOut(sink, f, lim)
	w := &wordWalker{o: o}
	for _, p := range parts {
		w.reset()
		if err := z.readPart(ctx, p, true, w.token); err != nil {
			return containerFail(f, p, err)
		}
		o.finish()
	}
	if err := readProperties(ctx, z, "docProps/core.xml", ooxmlProperties, o); err != nil {
		return containerFail(f, "docProps/core.xml", err)
	}
	return nil
}

// wordWalker follows one WordprocessingML part. Elements are matched by
// local name: prefixes are conventional, not fixed.
type wordWalker struct {
	o       *docOut
	tables  int // top-level tables so far, over the document
	tbl     int // depth of tables outside text boxes
	txbx    int // depth of text boxes
	ins     int // depth of tracked insertions
	del     int // depth of tracked deletions and move sources
	capture int // 1 in w:t, 2 in w:delText
	span    int // grid columns of the current top-level cell
}

func (w *wordWalker) reset() {
	o := w.o
	*w = wordWalker{o: o, tables: w.tables}
}

// wordSkipped elements hold no text a reader sees (or repeat it).
var wordSkipped = map[string]bool{
	"pPr": true, "rPr": true, "sectPr": true, "tblPr": true, "tblGrid": true,
	"instrText": true, "delInstrText": true, "Fallback": true,
}

func (w *wordWalker) token(t *docTokens, tok xml.Token) error {
	switch e := tok.(type) {
	case xml.StartElement:
		return w.start(t, e)
	case xml.EndElement:
		w.end(e.Name.Local)
	case xml.CharData:
		if w.capture > 0 {
			w.o.text(e, w.ins > 0, w.capture == 2 || w.del > 0)
		}
	}
	return nil
}

func (w *wordWalker) start(t *docTokens, e xml.StartElement) error {
	o := w.o
	switch n := e.Name.Local; n {
	case "t":
		w.capture = 1
	case "delText":
		w.capture = 2
	case "tab", "ptab":
		o.text([]byte("\t"), w.ins > 0, w.del > 0)
	case "br", "cr":
		o.text([]byte("\n"), w.ins > 0, w.del > 0)
	case "noBreakHyphen":
		o.text([]byte("-"), w.ins > 0, w.del > 0)
	case "p":
		o.beginPara(w.tbl > 0 && w.txbx == 0)
	case "ins", "moveTo":
		w.ins++
	case "del", "moveFrom":
		w.del++
	case "txbxContent":
		w.txbx++
	case "tbl":
		if w.txbx == 0 {
			w.tbl++
			if w.tbl == 1 {
				w.tables++
				o.beginTable("表" + strconv.Itoa(w.tables))
			}
		}
	case "tr":
		if w.top() {
			o.beginRow(0)
		}
	case "gridBefore":
		if w.top() && !o.inCell {
			o.skipCols(docAttrInt(e, "val", 0))
		}
	case "tc":
		if w.top() {
			w.span = 1
			o.beginCell()
		}
	case "footnote", "endnote":
		if typ := docAttr(e, "type"); typ == "separator" || typ == "continuationSeparator" || typ == "continuationNotice" {
			return t.skip()
		}
	case "gridSpan":
		if w.top() {
			w.span = docAttrInt(e, "val", 1)
		}
	default:
		if wordSkipped[n] {
			return t.skip()
		}
	}
	return nil
}

// top reports whether the walk is in a table that is read as a table.
func (w *wordWalker) top() bool { return w.tbl == 1 && w.txbx == 0 }

func (w *wordWalker) end(n string) {
	o := w.o
	switch n {
	case "t", "delText":
		w.capture = 0
	case "p":
		o.endPara()
	case "ins", "moveTo":
		w.ins = max(w.ins-1, 0)
	case "del", "moveFrom":
		w.del = max(w.del-1, 0)
	case "txbxContent":
		w.txbx = max(w.txbx-1, 0)
	case "tc":
		if w.top() {
			o.endCell(w.span)
		}
	case "tr":
		if w.top() {
			o.endRow()
		}
	case "tbl":
		if w.txbx == 0 && w.tbl > 0 {
			w.tbl--
		}
	}
}
