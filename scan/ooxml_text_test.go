package scan

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// Helpers shared by the docx, pptx and odt tests. Failures name locations,
// counts and hashes, never extracted text.

// docPart is one member of a hand-built document.
type docPart struct{ name, body string }

// docZipOf builds a zip of parts, in order, deflated.
func docZipOf(t testing.TB, parts ...docPart) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.Create(p.name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(p.body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// docExtract runs Extract on data and records the calls.
func docExtract(t testing.TB, data []byte, lim Limits) (*File, []extractCall, error) {
	t.Helper()
	s := &extractSink{}
	f := &File{Rel: "doc"}
	err := Extract(context.Background(), f, bytes.NewReader(data), s, lim)
	return f, s.calls, err
}

// docFixture reads a file of testdata/office.
func docFixture(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "office", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// digest names a text in failures without showing it.
func digest(s string) string {
	h := sha256.Sum256([]byte(s))
	return fmt.Sprintf("%d chars sha256:%x", utf8.RuneCountInString(s), h[:4])
}

// docTexts returns the prose calls as "loc\ttext".
func docTexts(calls []extractCall) []string {
	var out []string
	for _, c := range calls {
		if c.cells == nil {
			out = append(out, c.at.String()+"\t"+c.text)
		}
	}
	return out
}

// docRows returns the cells of every Row call as "loc=text", one slice per call.
func docRows(calls []extractCall) [][]string {
	var out [][]string
	for _, c := range calls {
		if c.cells == nil {
			continue
		}
		var r []string
		for _, cl := range c.cells {
			r = append(r, cl.At.String()+"="+cl.Text)
		}
		out = append(out, r)
	}
	return out
}

// wantTexts checks that want are among the prose calls, in order.
func wantTexts(t *testing.T, calls []extractCall, want ...string) {
	t.Helper()
	got := docTexts(calls)
	i := 0
	for _, w := range want {
		for i < len(got) && got[i] != w {
			i++
		}
		if i == len(got) {
			loc, _, _ := strings.Cut(w, "\t")
			t.Errorf("missing text at %s (%s) among %d texts: %v", loc, digest(w), len(got), docShapes(got))
			return
		}
	}
}

// docShapes shows texts as location and digest.
func docShapes(lines []string) []string {
	var out []string
	for _, l := range lines {
		loc, text, _ := strings.Cut(l, "\t")
		out = append(out, loc+" "+digest(text))
	}
	return out
}

// wantRow checks that some Row call holds exactly the cells want.
func wantRow(t *testing.T, calls []extractCall, want ...string) {
	t.Helper()
	rows := docRows(calls)
	for _, r := range rows {
		if slices.Equal(r, want) {
			return
		}
	}
	var shapes []string
	for _, r := range rows {
		var locs []string
		for _, c := range r {
			loc, _, _ := strings.Cut(c, "=")
			locs = append(locs, loc)
		}
		shapes = append(shapes, strings.Join(locs, ","))
	}
	loc, _, _ := strings.Cut(want[0], "=")
	t.Errorf("no row like the one starting at %s (%d cells); rows: %v", loc, len(want), shapes)
}

// noText checks that no call carries s (text that must be skipped).
func noText(t *testing.T, calls []extractCall, s string) {
	t.Helper()
	for _, c := range calls {
		in := strings.Contains(c.text, s)
		for _, cl := range c.cells {
			in = in || strings.Contains(cl.Text, s)
		}
		if in {
			t.Errorf("%s read at %s", digest(s), c.at)
		}
	}
}

// docCheckCalls checks what holds for any document: valid locations,
// segments and cells within the limits, fields increasing in a record and
// agreeing with the cell's column.
func docCheckCalls(t *testing.T, calls []extractCall, lim Limits) {
	t.Helper()
	lim = lim.normalized()
	last := -1
	for i, c := range calls {
		if c.cells == nil {
			if (c.at.Para == (c.at.Sheet != "")) || c.at.Line < 1 || (c.at.Sheet != "" && c.at.Col < 1) {
				t.Fatalf("call %d: bad location %+v", i, c.at)
			}
			if n := utf8.RuneCountInString(c.text); n == 0 || n > lim.MaxLine || !utf8.ValidString(c.text) {
				t.Fatalf("call %d at %s: segment of %d characters", i, c.at, n)
			}
			continue
		}
		if len(c.cells) == 0 {
			t.Fatalf("call %d: empty row", i)
		}
		if c.cells[0].Field == 0 {
			last = -1
		}
		for _, cl := range c.cells {
			if cl.At.Sheet == "" || cl.At.Line < 1 || cl.At.Col < 1 || cl.Field <= last || cl.Field != cl.At.Col-1 {
				t.Fatalf("call %d: bad cell field %d at %+v after field %d", i, cl.Field, cl.At, last)
			}
			if n := utf8.RuneCountInString(cl.Text); n > lim.MaxField || !utf8.ValidString(cl.Text) {
				t.Fatalf("call %d: cell of %d characters at %s", i, n, cl.At)
			}
			last = cl.Field
		}
	}
}

func TestNaturalCompare(t *testing.T) {
	names := []string{"slide10.xml", "slide2.xml", "slide1.xml", "header2.xml", "header10.xml", "header1.xml", "slide.xml"}
	slices.SortFunc(names, naturalCompare)
	want := []string{"header1.xml", "header2.xml", "header10.xml", "slide.xml", "slide1.xml", "slide2.xml", "slide10.xml"}
	if !slices.Equal(names, want) {
		t.Errorf("got %v, want %v", names, want)
	}
}

// bombZip declares a member of 5 GiB in a few bytes.
func bombZip(t *testing.T, name string, others ...docPart) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range others {
		w, _ := zw.Create(p.name)
		w.Write([]byte(p.body))
	}
	w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CompressedSize64: 5, UncompressedSize64: 5 << 30})
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte{3, 0, 0, 0, 0})
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestDocBombs(t *testing.T) {
	for name, data := range map[string][]byte{
		"docx":      bombZip(t, "word/document.xml", docPart{"[Content_Types].xml", "<Types/>"}),
		"pptx":      bombZip(t, "ppt/slides/slide1.xml", docPart{"ppt/presentation.xml", "<p:presentation/>"}),
		"pptx list": bombZip(t, "ppt/presentation.xml"),
		"odt":       bombZip(t, "content.xml", docPart{"mimetype", "application/vnd.oasis.opendocument.text"}),
	} {
		t.Run(name, func(t *testing.T) {
			f, calls, err := docExtract(t, data, Limits{})
			if err != nil || f.Status != StatusError || !strings.HasPrefix(f.Reason, "zip bomb: ") || len(calls) != 0 {
				t.Errorf("format %s status %s reason %q err %v, %d calls", f.Format, f.Status, f.Reason, err, len(calls))
			}
		})
	}
}

func TestDocCanceled(t *testing.T) {
	var b strings.Builder
	for range 3 * docCtxEvery {
		b.WriteString("<w:p><w:r><w:t>x</w:t></w:r></w:p>")
	}
	data := wordDoc(t, b.String())
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	f := &File{}
	err := Extract(ctx, f, bytes.NewReader(data), &extractSink{}, Limits{})
	if err == nil || f.Status != StatusError || f.Reason != reasonInterrupted {
		t.Errorf("status %s reason %q err %v", f.Status, f.Reason, err)
	}
}

// docFuzz runs one fuzz input: data is a whole document (whole) or the XML
// of its main part, put in a package by wrap.
func docFuzz(t *testing.T, data []byte, whole bool, line, field uint16, wrap func(testing.TB, []byte) []byte) {
	if !whole {
		data = wrap(t, data)
	}
	lim := Limits{MaxLine: 1 + int(line%300), MaxField: 1 + int(field%300), MaxRecord: 1 + int(field%2000)}
	f, calls, err := docExtract(t, data, lim)
	if err != nil {
		t.Fatalf("error %v", err) // only interruptions are returned
	}
	if f.Status == StatusError && (f.Reason == "" || !utf8.ValidString(f.Reason)) {
		t.Fatalf("error without a reason")
	}
	switch f.Format {
	case FormatDOCX, FormatPPTX, FormatODT:
		docCheckCalls(t, calls, lim)
	}
}

// docSeeds adds a fixture to a fuzz corpus whole, and its part main alone.
func docSeeds(f *testing.F, fixture, main string) {
	data := docFixture(f, fixture)
	f.Add(data, true, uint16(64), uint16(40))
	z, err := openDocZip(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		f.Fatal(err)
	}
	rc, err := z.byName[main].Open()
	if err != nil {
		f.Fatal(err)
	}
	defer rc.Close()
	var part bytes.Buffer
	if _, err := part.ReadFrom(rc); err != nil {
		f.Fatal(err)
	}
	f.Add(part.Bytes(), false, uint16(64), uint16(40))
	f.Add(part.Bytes(), false, uint16(5), uint16(3))
}
