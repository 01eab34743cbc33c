package scan

import (
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"strconv"
)

// OpenDocument text (odt) is read from content.xml (the body), styles.xml
// (headers and footers of the page styles, continuing the paragraph count)
// and meta.xml (initial creator and last editor). Elements are matched by
// namespace, not prefix: text is taken only from elements of the text
// namespace, so annotations' authors and dates, frame titles and footnote
// citation numbers do not run into a paragraph. Footnotes, annotations and
// frames inside a paragraph are paragraphs of their own. Tables go to Row
// under their table:name ("表1" when they have none); a table inside a cell
// is flattened into the cell's text. Tracked deletions (text:tracked-changes)
// are read as paragraphs: they stay in the file.

func init() { zipKinds[FormatODT] = extractODT }

const (
	odfText   = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
	odfTable  = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
	odfOffice = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
)

// odfProperties are the people named in meta.xml.
var odfProperties = map[string]string{
	"initial-creator": "作成者: ",
	"creator":         "最終更新者: ",
}

func extractODT(ctx context.Context, f *File, ra io.ReaderAt, size int64, sink Sink, lim Limits) error {
	z, err := openDocZip(ra, size)
	if err != nil {
		return containerFail(f, "zip", err)
	}
	parts := []string{"content.xml", "styles.xml"}
	if err := z.checkBudget(append(parts, "meta.xml"), lim); err != nil {
		return containerFail(f, "zip", err)
	}
	o := newDocOut(sink, f, lim)
	w := &odfWalker{o: o}
	for _, p := range parts {
		w.reset()
		if err := z.readPart(ctx, p, false, w.token); err != nil {
			return containerFail(f, p, err)
		}
		o.finish()
	}
	if err := readProperties(ctx, z, "meta.xml", odfProperties, o); err != nil {
		return containerFail(f, "meta.xml", err)
	}
	return nil
}

// odfWalker follows one ODF part.
type odfWalker struct {
	o      *docOut
	tables int    // unnamed tables so far
	tbl    int    // depth of tables
	text   []bool // per open element: whether its character data is text
	rowRep int    // table:number-rows-repeated of the current row
	cellN  int    // grid columns the current cell stands for
}

func (w *odfWalker) reset() {
	*w = odfWalker{o: w.o, tables: w.tables, text: w.text[:0]}
}

func (w *odfWalker) token(t *docTokens, tok xml.Token) error {
	switch e := tok.(type) {
	case xml.StartElement:
		return w.start(t, e)
	case xml.EndElement:
		w.end(e)
	case xml.CharData:
		if n := len(w.text); n > 0 && w.text[n-1] {
			w.o.text(e, false, false)
		}
	}
	return nil
}

func (w *odfWalker) start(t *docTokens, e xml.StartElement) error {
	o := w.o
	isText := e.Name.Space == odfText
	switch e.Name.Space + " " + e.Name.Local {
	case odfText + " p", odfText + " h":
		o.beginPara(w.tbl > 0)
	case odfText + " s":
		o.text(bytes.Repeat([]byte{' '}, min(docAttrInt(e, "c", 1), docMaxSpaces)), false, false)
	case odfText + " tab":
		o.text([]byte("\t"), false, false)
	case odfText + " line-break":
		o.text([]byte("\n"), false, false)
	case odfText + " note-citation", odfOffice + " annotation-end":
		return t.skip()
	case odfTable + " table":
		w.tbl++
		if w.tbl == 1 {
			name := docAttr(e, "name")
			if name == "" {
				w.tables++
				name = "表" + strconv.Itoa(w.tables)
			}
			o.beginTable(name)
		}
	case odfTable + " table-row":
		if w.tbl == 1 {
			o.beginRow(0)
			w.rowRep = docAttrInt(e, "number-rows-repeated", 1)
		}
	case odfTable + " table-cell", odfTable + " covered-table-cell":
		if w.tbl == 1 {
			w.cellN = docAttrInt(e, "number-columns-repeated", 1)
			o.beginCell()
		}
	}
	w.text = append(w.text, isText)
	return nil
}

func (w *odfWalker) end(e xml.EndElement) {
	if n := len(w.text); n > 0 {
		w.text = w.text[:n-1]
	}
	o := w.o
	switch e.Name.Space + " " + e.Name.Local {
	case odfText + " p", odfText + " h":
		o.endPara()
	case odfTable + " table":
		w.tbl = max(w.tbl-1, 0)
	case odfTable + " table-row":
		if w.tbl == 1 {
			o.endRow()
			o.row += min(w.rowRep, docMaxCols) - 1 // repeated rows are read once
		}
	case odfTable + " table-cell", odfTable + " covered-table-cell":
		if w.tbl == 1 {
			o.endCell(w.cellN) // repeated cells are read once
		}
	}
}
