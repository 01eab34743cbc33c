package scan

import (
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// addSeeds adds every file of testdata/extract to a fuzz corpus.
func addSeeds(f *testing.F, add func(data []byte)) {
	f.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "extract", "*"))
	if err != nil || len(paths) == 0 {
		f.Fatalf("no seeds: %v", err)
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		add(data)
	}
}

// chunkReader returns reads of at most n bytes.
type chunkReader struct {
	data []byte
	n    int
}

func (r *chunkReader) Read(p []byte) (int, error) {
	if len(r.data) == 0 {
		return 0, io.EOF
	}
	k := copy(p[:min(len(p), r.n)], r.data)
	r.data = r.data[k:]
	return k, nil
}

// fuzzLimits turns fuzz parameters into small limits that exercise splitting.
func fuzzLimits(field, record, line uint16) Limits {
	return Limits{MaxField: 1 + int(field%300), MaxRecord: 1 + int(record%2000), MaxLine: 1 + int(line%300)}
}

// checkCalls checks what holds for any input: locations in range,
// segments and cells within the limits, fields increasing in a record.
func checkCalls(t *testing.T, calls []extractCall, lim Limits) {
	t.Helper()
	lastField := -1
	for _, c := range calls {
		if c.cells == nil {
			if c.at.Line < 1 || c.at.Col < 1 {
				t.Fatalf("bad location: %v", c)
			}
			if n := utf8.RuneCountInString(c.text); n > lim.MaxLine || n == 0 || !utf8.ValidString(c.text) {
				t.Fatalf("segment of %d characters: %v", n, c)
			}
			continue
		}
		if len(c.cells) == 0 {
			t.Fatal("empty row")
		}
		if c.cells[0].Field == 0 {
			lastField = -1
		}
		for _, cl := range c.cells {
			if cl.At.Line < 1 || cl.At.Col < 1 || cl.Field != lastField+1 {
				t.Fatalf("bad cell %+v after field %d in %v", cl, lastField, c)
			}
			if n := utf8.RuneCountInString(cl.Text); n > lim.MaxField || !utf8.ValidString(cl.Text) {
				t.Fatalf("cell of %d characters", n)
			}
			lastField = cl.Field
		}
	}
}

func FuzzCSV(f *testing.F) {
	addSeeds(f, func(data []byte) { f.Add(data, false, uint16(20), uint16(200), uint16(40), uint8(3)) })
	f.Fuzz(func(t *testing.T, data []byte, tab bool, field, record, line uint16, chunk uint8) {
		data = bytes.ToValidUTF8(data, []byte("\uFFFD")) // as sources deliver it
		delim := byte(',')
		if tab {
			delim = '\t'
		}
		lim := fuzzLimits(field, record, line)
		whole, _ := csvCalls(t, string(data), delim, lim, len(data)+1)
		cut, _ := csvCalls(t, string(data), delim, lim, 1+int(chunk%16))
		if !slices.Equal(whole, cut) {
			t.Fatalf("chunking changed the result:\n%q\n%q", whole, cut)
		}
		s := &extractSink{}
		r := newCSVReader(s, lim, &File{}, delim)
		r.feed(data)
		r.finish()
		checkCalls(t, s.calls, lim)
		checkAgainstEncodingCSV(t, data, delim)
	})
}

// checkAgainstEncodingCSV compares the cells with encoding/csv's fields for
// input that encoding/csv reads strictly, without \r (which it keeps in
// fields) and in valid UTF-8.
func checkAgainstEncodingCSV(t *testing.T, data []byte, delim byte) {
	if !utf8.Valid(data) || bytes.IndexByte(data, '\r') >= 0 {
		return
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = rune(delim)
	cr.FieldsPerRecord = -1
	want, err := cr.ReadAll()
	if err != nil {
		return
	}
	var got [][]string
	for _, c := range mustCSV(t, data, delim) {
		if c.cells[0].Field == 0 {
			got = append(got, nil)
		}
		for _, cl := range c.cells {
			got[len(got)-1] = append(got[len(got)-1], cl.Text)
		}
	}
	if len(got) != len(want) {
		t.Fatalf("%d records, encoding/csv reads %d", len(got), len(want))
	}
	for i := range got {
		if !slices.Equal(got[i], want[i]) {
			t.Fatalf("record %d: %q, encoding/csv reads %q", i, got[i], want[i])
		}
	}
}

// mustCSV reads data with limits that never split.
func mustCSV(t *testing.T, data []byte, delim byte) []extractCall {
	s := &extractSink{}
	lim := Limits{MaxField: len(data) + 1, MaxRecord: 64*len(data) + 1000, MaxLine: len(data) + 1}
	r := newCSVReader(s, lim, &File{}, delim)
	r.feed(data)
	r.finish()
	for _, c := range s.calls {
		if c.cells == nil {
			t.Fatalf("text from unsplit CSV: %v", c)
		}
	}
	return s.calls
}

func FuzzText(f *testing.F) {
	addSeeds(f, func(data []byte) { f.Add(data, uint16(100), uint8(3)) })
	f.Fuzz(func(t *testing.T, data []byte, line uint16, chunk uint8) {
		data = bytes.ToValidUTF8(data, []byte("\uFFFD"))
		if countRunes(data) != utf8.RuneCount(data) {
			t.Fatalf("countRunes %d, utf8.RuneCount %d", countRunes(data), utf8.RuneCount(data))
		}
		lim := Limits{MaxLine: 1 + int(line%300)}
		whole := textCalls(t, string(data), lim, len(data)+1)
		cut := textCalls(t, string(data), lim, 1+int(chunk%16))
		if !slices.EqualFunc(whole, cut, func(a, b extractCall) bool { return a.String() == b.String() }) {
			t.Fatalf("chunking changed the result:\n%v\n%v", whole, cut)
		}
		checkCalls(t, whole, lim)
		checkLines(t, data, textCalls(t, string(data), Limits{MaxLine: len(data) + 1}, 7))
	})
}

// checkLines compares unsplit text calls with the non-empty lines of data.
func checkLines(t *testing.T, data []byte, calls []extractCall) {
	lines := strings.Split(strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(string(data)), "\n")
	var want []string
	for i, l := range lines {
		if l != "" {
			want = append(want, extractCall{text: l, at: Loc{Line: i + 1, Col: 1}}.String())
		}
	}
	var got []string
	for _, c := range calls {
		got = append(got, c.String())
	}
	if !slices.Equal(got, want) {
		t.Fatalf("lines:\n%q\nwant\n%q", got, want)
	}
}

func FuzzSniff(f *testing.F) {
	addSeeds(f, func(data []byte) { f.Add(data, uint8(0), false) })
	addSeeds(f, func(data []byte) { f.Add(data, uint8(0), true) })
	f.Add([]byte("PK\x05\x06"), uint8(1), false)
	f.Add([]byte("age-encryption.org/v1\n"), uint8(2), false)
	for _, n := range []string{"roster.xlsx", "letter.docx", "plain.xls", "protected.xls", "doc_letter.doc"} {
		if data, err := os.ReadFile(filepath.Join("testdata", "office", n)); err == nil {
			f.Add(data, uint8(3), false)
		}
	}
	names := []string{"a.csv", "a.tsv", "a.txt", "a", "a.zip!/名簿.csv"}
	f.Fuzz(func(t *testing.T, data []byte, name uint8, late bool) {
		if late { // past the sniffed sample: the encoding is decided again
			data = append(bytes.Repeat([]byte("a,b\n"), readBufSize/4), data...)
		}
		lim := Limits{MaxField: 50, MaxRecord: 500, MaxLine: 50}
		file := &File{Rel: names[int(name)%len(names)]}
		s := &extractSink{}
		if err := Extract(context.Background(), file, bytes.NewReader(data), s, lim); err != nil {
			t.Fatal(err)
		}
		if slices.Contains([]string{FormatCSV, FormatTSV, FormatText}, file.Format) {
			checkCalls(t, s.calls, lim) // containers have their own checks in their fuzz targets
		}
		switch file.Status {
		case StatusOK, StatusSkipped, StatusEncrypted:
		case StatusProtected: // a password-protected Office document
			if file.Reason == "" {
				t.Fatalf("protected %s without a reason", file.Format)
			}
		case StatusError: // a corrupt container costs its file (issue 4), with a reason
			if slices.Contains([]string{FormatCSV, FormatTSV, FormatText, FormatEmpty}, file.Format) || file.Reason == "" {
				t.Fatalf("status error for format %s with reason %q", file.Format, file.Reason)
			}
		default:
			t.Fatalf("status %q", file.Status)
		}
		if (file.Status == StatusSkipped || file.Status == StatusError || file.Status == StatusProtected) != (file.Reason != "") {
			t.Fatalf("status %q with reason %q", file.Status, file.Reason)
		}
		if len(data) == 0 && file.Format != FormatEmpty {
			t.Fatalf("empty file is %s", file.Format)
		}
		again, s2 := &File{Rel: file.Rel}, &extractSink{}
		r := &chunkReader{data: data, n: 1 + len(data)%7}
		if err := Extract(context.Background(), again, r, s2, lim); err != nil || !reflect.DeepEqual(again, file) {
			t.Fatalf("short reads changed the file: %+v, %+v", again, file)
		}
		if !slices.Equal(s.strings(), s2.strings()) {
			t.Fatalf("short reads changed the result:\n%q\n%q", s.strings(), s2.strings())
		}
	})
}
