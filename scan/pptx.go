package scan

import (
	"context"
	"encoding/xml"
	"io"
	"path"
	"strconv"
	"strings"
)

// Presentations are read slide by slide in the order of the deck
// (presentation.xml's sldIdLst through its relationships; file names in
// natural order when that fails), each slide followed by its speaker notes.
// Paragraphs are numbered over the whole deck, notes included; the tables
// of slide N are "スライドN表M". Masters and layouts are templates and are
// not read.

func init() { zipKinds[FormatPPTX] = extractPPTX }

func extractPPTX(ctx context.Context, f *File, ra io.ReaderAt, size int64, sink Sink, lim Limits) error {
	z, err := openDocZip(ra, size)
	if err != nil {
		return containerFail(f, "zip", err)
	}
	if err := z.checkBudget([]string{"ppt/presentation.xml"}, lim); err != nil {
		return containerFail(f, "zip", err)
	}
	slides, err := pptxSlides(ctx, z)
	if err != nil {
		return containerFail(f, "ppt/presentation.xml", err)
	}
	var parts []string
	notes := map[string]string{}
	for _, s := range slides {
		n, err := pptxNotes(ctx, z, s)
		if err != nil {
			return containerFail(f, s, err)
		}
		notes[s] = n
		parts = append(parts, s, n)
	}
	if err := z.checkBudget(append(parts, "docProps/core.xml"), lim); err != nil {
		return containerFail(f, "zip", err)
	}
	o := newDocOut(sink, f, lim)
	for i, s := range slides {
		w := &slideWalker{o: o, slide: i + 1}
		for _, p := range []string{s, notes[s]} {
			if p == "" {
				continue
			}
			if err := z.readPart(ctx, p, true, w.token); err != nil {
				return containerFail(f, p, err)
			}
			o.finish()
		}
	}
	if err := readProperties(ctx, z, "docProps/core.xml", ooxmlProperties, o); err != nil {
		return containerFail(f, "docProps/core.xml", err)
	}
	return nil
}

// pptxSlides lists the slide parts in deck order.
func pptxSlides(ctx context.Context, z *docZip) ([]string, error) {
	rels, err := pptxRels(ctx, z, "ppt/presentation.xml")
	if err != nil {
		return nil, err
	}
	var ids []string
	err = z.readPart(ctx, "ppt/presentation.xml", true, func(_ *docTokens, tok xml.Token) error {
		if e, ok := tok.(xml.StartElement); ok && e.Name.Local == "sldId" {
			ids = append(ids, pptxRelID(e))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	var out []string
	seen := map[string]bool{}
	for _, id := range ids {
		if p := rels[id]; p != "" && z.byName[p] != nil && !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		out = z.matching("ppt/slides/", "slide")
	}
	return out, nil
}

// pptxRelID is the r:id of a sldId (the only attribute named id with a prefix).
func pptxRelID(e xml.StartElement) string {
	for _, a := range e.Attr {
		if a.Name.Local == "id" && a.Name.Space != "" {
			return a.Value
		}
	}
	return ""
}

// pptxNotes returns the notes part of a slide, or "".
func pptxNotes(ctx context.Context, z *docZip, slide string) (string, error) {
	rels, err := pptxRelTypes(ctx, z, slide)
	if err != nil {
		return "", err
	}
	for target, typ := range rels {
		if strings.HasSuffix(typ, "/notesSlide") && z.byName[target] != nil {
			return target, nil
		}
	}
	return "", nil
}

// pptxRels maps the relationship ids of part to the parts they point at.
func pptxRels(ctx context.Context, z *docZip, part string) (map[string]string, error) {
	out := map[string]string{}
	err := pptxEachRel(ctx, z, part, func(id, _, target string) { out[id] = target })
	return out, err
}

// pptxRelTypes maps the targets of part's relationships to their types.
func pptxRelTypes(ctx context.Context, z *docZip, part string) (map[string]string, error) {
	out := map[string]string{}
	err := pptxEachRel(ctx, z, part, func(_, typ, target string) { out[target] = typ })
	return out, err
}

func pptxEachRel(ctx context.Context, z *docZip, part string, fn func(id, typ, target string)) error {
	dir, base := path.Split(part)
	relsName := dir + "_rels/" + base + ".rels"
	if zf := z.byName[relsName]; zf == nil || zf.UncompressedSize64 > zipRatioFloor {
		return nil // no relationships, or too many to be a real deck's
	}
	return z.readPart(ctx, relsName, true, func(_ *docTokens, tok xml.Token) error {
		e, ok := tok.(xml.StartElement)
		if !ok || e.Name.Local != "Relationship" || docAttr(e, "TargetMode") == "External" {
			return nil
		}
		target := docAttr(e, "Target")
		if strings.HasPrefix(target, "/") {
			target = strings.TrimPrefix(target, "/")
		} else {
			target = path.Join(dir, target)
		}
		fn(docAttr(e, "Id"), docAttr(e, "Type"), target)
		return nil
	})
}

// slideWalker follows one slide or notes part (DrawingML text).
type slideWalker struct {
	o       *docOut
	slide   int
	tables  int // tables of this slide so far
	tbl     int // depth of tables
	capture bool
}

// slideSkipped elements hold no text or repeat it.
var slideSkipped = map[string]bool{"pPr": true, "rPr": true, "endParaRPr": true, "Fallback": true, "tcPr": true}

func (w *slideWalker) token(t *docTokens, tok xml.Token) error {
	o := w.o
	switch e := tok.(type) {
	case xml.StartElement:
		switch n := e.Name.Local; n {
		case "t":
			w.capture = true
		case "br":
			o.text([]byte("\n"), false, false)
		case "p":
			o.beginPara(w.tbl > 0)
		case "tbl":
			w.tbl++
			if w.tbl == 1 {
				w.tables++
				o.beginTable("スライド" + strconv.Itoa(w.slide) + "表" + strconv.Itoa(w.tables))
			}
		case "tr":
			if w.tbl == 1 {
				o.beginRow(0)
			}
		case "tc":
			if w.tbl == 1 {
				o.beginCell()
			}
		default:
			if slideSkipped[n] {
				return t.skip()
			}
		}
	case xml.EndElement:
		switch e.Name.Local {
		case "t":
			w.capture = false
		case "p":
			o.endPara()
		case "tc":
			if w.tbl == 1 {
				o.endCell(1) // merged cells are a:tc of their own
			}
		case "tr":
			if w.tbl == 1 {
				o.endRow()
			}
		case "tbl":
			w.tbl = max(w.tbl-1, 0)
		}
	case xml.CharData:
		if w.capture {
			o.text(e, false, false)
		}
	}
	return nil
}
