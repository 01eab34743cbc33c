package scan

import (
	"archive/zip"
	"context"
	"encoding/xml"
	"io"
	"path"
	"slices"
	"strconv"
	"strings"
)

// Word, PowerPoint and OpenDocument text files share one way of reading:
// each XML part is streamed token by token (never unmarshalled whole), text
// runs are joined into paragraphs that go to Sink.Text with Loc{Para} and a
// paragraph number counted over the whole document, and tables go to
// Sink.Row one row at a time with Loc{Sheet: table name}.

// Decompression limits, checked on the sizes a zip member declares before
// it is opened (archive/zip refuses to inflate more than was declared).
const (
	// docCtxEvery is how many XML tokens are read between context checks.
	docCtxEvery = 4096
	// docMaxCols bounds column numbers (spans and repeats are attacker-set).
	docMaxCols = 16384
	// docMaxSpaces bounds one run of ODF text:s spaces.
	docMaxSpaces = 1024
)

// docZip is an opened Office document: its members by name.
type docZip struct {
	byName map[string]*zip.File
	names  []string
}

func openDocZip(ra io.ReaderAt, size int64) (*docZip, error) {
	zr, err := zip.NewReader(ra, size)
	if err != nil {
		return nil, err
	}
	z := &docZip{byName: make(map[string]*zip.File, len(zr.File))}
	for _, zf := range zr.File {
		if _, dup := z.byName[zf.Name]; !dup {
			z.byName[zf.Name] = zf
			z.names = append(z.names, zf.Name)
		}
	}
	return z, nil
}

// matching returns the names of members in dir whose base name starts with
// prefix and ends with ".xml", in natural order (slide2 before slide10).
func (z *docZip) matching(dir, prefix string) []string {
	var out []string
	for _, n := range z.names {
		d, b := path.Split(n)
		if d == dir && strings.HasPrefix(b, prefix) && strings.HasSuffix(b, ".xml") {
			out = append(out, n)
		}
	}
	slices.SortFunc(out, naturalCompare)
	return out
}

// naturalCompare orders names by their text with digit runs compared as numbers.
func naturalCompare(a, b string) int {
	for a != "" && b != "" {
		da, db := leadingDigits(a), leadingDigits(b)
		if da > 0 && db > 0 {
			na, _ := strconv.Atoi(a[:min(da, 9)])
			nb, _ := strconv.Atoi(b[:min(db, 9)])
			if na != nb {
				return na - nb
			}
			a, b = a[da:], b[db:]
			continue
		}
		if a[0] != b[0] {
			return int(a[0]) - int(b[0])
		}
		a, b = a[1:], b[1:]
	}
	return len(a) - len(b)
}

func leadingDigits(s string) int {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}

// checkBudget checks the declared sizes of the parts to be read, before
// any is opened.
func (z *docZip) checkBudget(parts []string, lim Limits) error {
	budget := lim.MaxUnpacked
	for _, n := range parts {
		if zf := z.byName[n]; zf != nil {
			if err := chargeMember(zf, &budget); err != nil {
				return err
			}
		}
	}
	return nil
}

// docTokens streams the tokens of one part, checking ctx as it goes. raw
// chooses RawToken (prefixes kept, no namespace work: fast) over Token.
type docTokens struct {
	ctx   context.Context
	d     *xml.Decoder
	raw   bool
	n     int
	depth int // open elements, for RawToken, which does not check them at EOF
}

func (t *docTokens) next() (xml.Token, error) {
	t.n++
	if t.n%docCtxEvery == 0 {
		if err := t.ctx.Err(); err != nil {
			return nil, err
		}
	}
	if !t.raw {
		return t.d.Token()
	}
	tok, err := t.d.RawToken()
	switch tok.(type) {
	case xml.StartElement:
		t.depth++
	case xml.EndElement:
		t.depth--
	}
	if err == io.EOF && t.depth > 0 {
		line, _ := t.d.InputPos()
		return nil, &xml.SyntaxError{Msg: "unexpected EOF", Line: line}
	}
	return tok, err
}

// skip reads past the end of the element just started.
func (t *docTokens) skip() error {
	depth := 1
	for depth > 0 {
		tok, err := t.next()
		if err != nil {
			return err
		}
		switch tok.(type) {
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
		}
	}
	return nil
}

// readPart streams one member through fn, which sees every token.
func (z *docZip) readPart(ctx context.Context, name string, raw bool, fn func(*docTokens, xml.Token) error) error {
	zf := z.byName[name]
	if zf == nil {
		return nil
	}
	rc, err := zf.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	t := &docTokens{ctx: ctx, d: d, raw: raw}
	for {
		tok, err := t.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if err := fn(t, tok); err != nil {
			return err
		}
	}
}

// docAttr returns the value of the attribute with local name local.
func docAttr(e xml.StartElement, local string) string {
	for _, a := range e.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// docAttrInt returns a positive integer attribute, or def.
func docAttrInt(e xml.StartElement, local string, def int) int {
	n, err := strconv.Atoi(docAttr(e, local))
	if err != nil || n < 1 {
		return def
	}
	return min(n, docMaxCols)
}

// docOut turns the events of a document walk into Sink calls: paragraphs
// (which may nest: a text box inside a paragraph) and table rows.
type docOut struct {
	sink  Sink
	f     *File
	lim   Limits
	para  int // paragraphs numbered so far, over the whole document
	paras []*docPara

	// the table being read
	table    string
	row      int // 1-based row of the current w:tr
	col      int // 1-based grid column of the next cell
	cells    []Cell
	rowBytes int
	rowSent  bool // part of the current row has gone to Row
	inCell   bool
	cell     docCell
}

// docPara is one paragraph being read. cur is the text as it reads now;
// orig the text before tracked changes (kept when the paragraph has a
// deletion, since deleted text stays in the file and leaks with it).
type docPara struct {
	inCell  bool
	at      Loc
	cur     []byte
	chars   int
	split   bool
	orig    []byte
	origN   int  // characters in orig
	origCap bool // orig stopped growing at MaxLine characters
	hasDel  bool
	moved   bool // part of this cell paragraph is already in its cell
}

// docCell is the text of one table cell: its paragraphs joined with
// newlines, up to MaxField characters; the rest goes on as Text.
type docCell struct {
	at    Loc
	text  []byte
	chars int
	over  *docPara // overflow, as prose at the cell's location
	orig  []byte
	del   bool
}

func newDocOut(sink Sink, f *File, lim Limits) *docOut {
	return &docOut{sink: sink, f: f, lim: lim}
}

// beginPara starts a paragraph: of the current cell when inCell, else prose.
func (o *docOut) beginPara(inCell bool) {
	p := &docPara{inCell: inCell && o.inCell}
	if !p.inCell {
		o.para++
		p.at = Loc{Para: true, Line: o.para}
	}
	o.paras = append(o.paras, p)
}

// text adds text to the current paragraph. ins: inserted by a tracked
// change (not in the original); del: deleted (in the original only).
func (o *docOut) text(s []byte, ins, del bool) {
	if len(o.paras) == 0 || len(s) == 0 {
		return
	}
	p := o.paras[len(o.paras)-1]
	if !ins {
		p.addOrig(s, o.lim.MaxLine, o.f)
	}
	if del {
		p.hasDel = true
		return
	}
	p.cur = append(p.cur, s...)
	p.chars += countRunes(s)
	switch {
	case !p.inCell:
		o.flushLong(p, false)
	case p.chars > o.lim.MaxField:
		o.cellAdd(p) // bounds a cell's paragraph as prose is bounded
	}
}

func (p *docPara) addOrig(s []byte, max int, f *File) {
	if p.origCap {
		return
	}
	n := countRunes(s)
	if p.origN+n > max {
		p.origCap = true
		f.Truncated = true
		return
	}
	p.orig = append(p.orig, s...)
	p.origN += n
}

// flushLong passes on full segments of a long prose paragraph, keeping
// segOverlap characters so that a value cut by the boundary is whole in
// one segment; at the end (final) it passes on the rest.
func (o *docOut) flushLong(p *docPara, final bool) {
	max := o.lim.MaxLine
	overlap := min(segOverlap, (max-1)/2)
	for p.chars > max {
		k, _ := prefixChars(p.cur, max)
		o.sink.Text(string(p.cur[:k]), p.at)
		off := tailChars(p.cur[:k], overlap)
		p.cur = p.cur[:copy(p.cur, p.cur[off:])]
		p.chars = countRunes(p.cur)
		p.split = true
		o.f.Truncated = true
	}
	if final && len(p.cur) > 0 && (!p.split || p.chars > overlap) {
		o.sink.Text(string(p.cur), p.at)
	}
}

// endPara passes the paragraph on: as prose, or into its cell.
func (o *docOut) endPara() {
	if len(o.paras) == 0 {
		return
	}
	p := o.paras[len(o.paras)-1]
	o.paras = o.paras[:len(o.paras)-1]
	if p.inCell {
		o.cellAdd(p)
		return
	}
	o.flushLong(p, true)
	if p.hasDel && len(p.orig) > 0 {
		o.sink.Text(string(p.orig), p.at)
	}
}

// prose passes one line of its own (a document property) as a paragraph.
func (o *docOut) prose(s string) {
	o.beginPara(false)
	o.text([]byte(s), false, false)
	o.endPara()
}

// beginTable starts a table; rows are numbered from 1.
func (o *docOut) beginTable(name string) {
	o.table, o.row = name, 0
}

// beginRow starts a row; skip grid columns come before its first cell.
func (o *docOut) beginRow(skip int) {
	o.row++
	o.col = 1 + min(skip, docMaxCols)
	o.cells, o.rowBytes, o.rowSent = o.cells[:0], 0, false
}

// skipCols moves the next cell right (gridBefore of a row already begun).
func (o *docOut) skipCols(n int) { o.col = min(o.col+n, docMaxCols+1) }

func (o *docOut) beginCell() {
	if o.row == 0 {
		o.beginRow(0) // a cell outside any row starts one
	}
	o.inCell = true
	o.cell = docCell{at: Loc{Sheet: o.table, Line: o.row, Col: o.col}, text: o.cell.text[:0], orig: o.cell.orig[:0]}
}

func (o *docOut) cellAdd(p *docPara) {
	c := &o.cell
	c.del = c.del || p.hasDel
	if len(c.orig)+len(p.orig) <= 4*o.lim.MaxLine { // bytes: at most MaxLine characters of Japanese text
		if len(c.orig) > 0 && !p.moved {
			c.orig = append(c.orig, '\n')
		}
		c.orig = append(c.orig, p.orig...)
	}
	p.orig, p.origN = p.orig[:0], 0
	if len(p.cur) == 0 {
		return
	}
	var sep []byte
	if (len(c.text) > 0 || c.over != nil) && !p.moved {
		sep = []byte("\n")
	}
	p.moved = true // the rest of this paragraph continues the cell's text
	cur := p.cur
	p.cur, p.chars = p.cur[:0], 0
	if c.over != nil {
		o.overflow(c, sep, cur)
		return
	}
	n := countRunes(cur)
	if c.chars+len(sep)+n <= o.lim.MaxField {
		c.text = append(append(c.text, sep...), cur...)
		c.chars += len(sep) + n
		return
	}
	if room := o.lim.MaxField - c.chars - len(sep); room > 0 {
		k, n := prefixChars(cur, room)
		c.text = append(append(c.text, sep...), cur[:k]...)
		c.chars += len(sep) + n
		cur, sep = cur[k:], nil
	}
	c.over = &docPara{at: c.at}
	o.f.Truncated = true
	o.overflow(c, sep, cur)
}

// overflow passes text beyond MaxField on as prose at the cell's location.
func (o *docOut) overflow(c *docCell, sep, b []byte) {
	c.over.cur = append(append(c.over.cur, sep...), b...)
	c.over.chars = countRunes(c.over.cur)
	o.flushLong(c.over, false)
}

// endCell ends the cell begun last, which spans span grid columns.
func (o *docOut) endCell(span int) {
	if !o.inCell {
		return
	}
	o.inCell = false
	c := &o.cell
	if c.over != nil {
		o.flushLong(c.over, true)
		c.over = nil
	}
	if c.del && len(c.orig) > 0 {
		o.flushLong(&docPara{at: c.at, cur: c.orig, chars: countRunes(c.orig)}, true)
	}
	o.col = min(o.col+max(span, 1), docMaxCols+1)
	if c.at.Col > docMaxCols {
		return
	}
	if len(o.cells) == 0 && !o.rowSent && c.at.Col > 1 {
		// Sinks take a record as begun by its field 0.
		o.cells = append(o.cells, Cell{At: Loc{Sheet: o.table, Line: o.row, Col: 1}})
	}
	o.cells = append(o.cells, Cell{Text: string(c.text), At: c.at, Field: c.at.Col - 1})
	o.rowBytes += len(c.text)
	if o.rowBytes >= o.lim.MaxRecord {
		o.flushRow()
	}
}

// flushRow passes on the cells read so far of the current row.
func (o *docOut) flushRow() {
	if len(o.cells) > 0 {
		o.sink.Row(o.table, o.cells)
		o.rowSent = true
	}
	o.cells, o.rowBytes = o.cells[:0], 0
}

// endRow ends the row: a row is one record.
func (o *docOut) endRow() {
	if o.inCell {
		o.endCell(1)
	}
	o.flushRow()
}

// finish passes on whatever a truncated part left open.
func (o *docOut) finish() {
	for len(o.paras) > 0 {
		o.endPara()
	}
	o.endRow()
}

// readProperties passes a document's creator and last editor on as prose
// lines: in docProps/core.xml (OOXML) or meta.xml (ODF). labels maps an
// element's local name (prefixes vary) to the label put before its value.
func readProperties(ctx context.Context, z *docZip, part string, labels map[string]string, o *docOut) error {
	label := ""
	return z.readPart(ctx, part, true, func(t *docTokens, tok xml.Token) error {
		switch e := tok.(type) {
		case xml.StartElement:
			label = labels[e.Name.Local]
		case xml.CharData:
			if v := strings.TrimSpace(string(e)); label != "" && v != "" {
				o.prose(label + v)
			}
			label = ""
		case xml.EndElement:
			label = ""
		}
		return nil
	})
}

// ooxmlProperties are the people named in docProps/core.xml.
var ooxmlProperties = map[string]string{
	"creator":        "作成者: ",
	"lastModifiedBy": "最終更新者: ",
}
