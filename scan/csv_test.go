package scan

import (
	"context"
	"slices"
	"strings"
	"testing"
)

// csvCalls reads data as CSV (or TSV) through a reader fed in chunks of
// size bytes, so that every state is also met at a chunk boundary.
func csvCalls(t testing.TB, data string, delim byte, lim Limits, size int) ([]string, *File) {
	t.Helper()
	f := &File{}
	s := &extractSink{}
	r := newCSVReader(s, lim.normalized(), f, delim)
	for len(data) > 0 {
		n := min(size, len(data))
		for n < len(data) && !isRuneStart(data[n]) {
			n++ // sources cut chunks on rune boundaries
		}
		r.feed([]byte(data[:n]))
		data = data[n:]
	}
	r.finish()
	return s.strings(), f
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

func TestCSV(t *testing.T) {
	tests := map[string]struct {
		in    string
		delim byte
		want  []string
	}{
		"simple": {
			in:   "a,b,c\n1,2,3\n",
			want: []string{`row 0@1:1="a" 1@1:3="b" 2@1:5="c"`, `row 0@2:1="1" 1@2:3="2" 2@2:5="3"`},
		},
		"columns after multibyte": {
			in:   "氏名,電話\n山田 太郎,090-1234-5678\n",
			want: []string{`row 0@1:1="氏名" 1@1:4="電話"`, `row 0@2:1="山田 太郎" 1@2:7="090-1234-5678"`},
		},
		"no final newline": {
			in:   "a,b",
			want: []string{`row 0@1:1="a" 1@1:3="b"`},
		},
		"trailing delimiter": {
			in:   "a,\nb,",
			want: []string{`row 0@1:1="a" 1@1:3=""`, `row 0@2:1="b" 1@2:3=""`},
		},
		"quoted": {
			in:   `"山田","a,b","say ""hi"""` + "\n",
			want: []string{`row 0@1:2="山田" 1@1:7="a,b" 2@1:13="say \"hi\""`},
		},
		"empty quoted": {
			in:   `"",x` + "\n",
			want: []string{`row 0@1:2="" 1@1:4="x"`},
		},
		"embedded newlines": {
			in: "id,memo,tel\n1,\"一行目\n二行目\r\n三行目\",090\n2,x,080\n",
			want: []string{
				`row 0@1:1="id" 1@1:4="memo" 2@1:9="tel"`,
				`row 0@2:1="1" 1@2:4="一行目\n二行目\n三行目" 2@4:6="090"`,
				`row 0@5:1="2" 1@5:3="x" 2@5:5="080"`,
			},
		},
		"lone cr in quotes": {
			in:   "\"a\rb\",c\n",
			want: []string{`row 0@1:2="a\nb" 1@2:4="c"`},
		},
		"ragged": {
			in:   "a\nb,c,d,e\n\nf,g\n",
			want: []string{`row 0@1:1="a"`, `row 0@2:1="b" 1@2:3="c" 2@2:5="d" 3@2:7="e"`, `row 0@4:1="f" 1@4:3="g"`},
		},
		"crlf and cr": {
			in:   "a,b\r\nc,d\re,f\r\n\r\n\rg\r",
			want: []string{`row 0@1:1="a" 1@1:3="b"`, `row 0@2:1="c" 1@2:3="d"`, `row 0@3:1="e" 1@3:3="f"`, `row 0@6:1="g"`},
		},
		"blank lines skipped": {
			in:   "\n\n\na\n\n",
			want: []string{`row 0@4:1="a"`},
		},
		"whitespace line kept": {
			in:   " \n",
			want: []string{`row 0@1:1=" "`},
		},
		"stray quote in unquoted field": {
			in:   `ab"c,d"` + "\n",
			want: []string{`row 0@1:1="ab\"c" 1@1:6="d\""`},
		},
		"text after closing quote": {
			in:   `"ab"c,d` + "\n",
			want: []string{`row 0@1:2="abc" 1@1:7="d"`},
		},
		"unterminated quote": {
			in:   "a,\"bc\nd",
			want: []string{`row 0@1:1="a" 1@1:4="bc\nd"`},
		},
		"tsv": {
			in:    "氏名\t住所\n\"山田\t太郎\"\t前橋市,大手町\n",
			delim: '\t',
			want:  []string{`row 0@1:1="氏名" 1@1:4="住所"`, `row 0@2:2="山田\t太郎" 1@2:9="前橋市,大手町"`},
		},
		"fullwidth and halfwidth": {
			in:   "ﾔﾏﾀﾞ,０９０\n",
			want: []string{`row 0@1:1="ﾔﾏﾀﾞ" 1@1:6="０９０"`},
		},
	}
	for name, tc := range tests {
		delim := tc.delim
		if delim == 0 {
			delim = ','
		}
		for _, size := range []int{1, 2, 3, 7, 1 << 20} {
			got, _ := csvCalls(t, tc.in, delim, DefaultLimits, size)
			if !slices.Equal(got, tc.want) {
				t.Errorf("%s (chunks of %d):\ngot  %q\nwant %q", name, size, got, tc.want)
			}
		}
	}
}

func TestCSVLocAdvanceInsideCell(t *testing.T) {
	_, sk := extractBytes(t, "a.csv", []byte("id,memo\n1,\"住所\r\n前橋市 090-1234-5678\"\n"), DefaultLimits)
	c := sk.calls[1].cells[1]
	off := strings.Index(c.Text, "090")
	if got := c.At.Advance(c.Text, off); got != (Loc{Line: 3, Col: 5}) {
		t.Errorf("phone at %s, want 3:5", got)
	}
}

func TestCSVHugeField(t *testing.T) {
	lim := Limits{MaxField: 100, MaxRecord: 1 << 20, MaxLine: 300}
	body := strings.Repeat("あいうえお\n", 500) // 3000 characters, 500 lines
	in := "a,\"" + body + "\",b\nc\n"
	s := &extractSink{}
	f := &File{}
	r := newCSVReader(s, lim.normalized(), f, ',')
	r.feed([]byte(in))
	r.finish()
	if !f.Truncated {
		t.Error("Truncated not set")
	}
	var rows, texts []extractCall
	for _, c := range s.calls {
		if c.cells != nil {
			rows = append(rows, c)
		} else {
			texts = append(texts, c)
		}
	}
	if len(rows) != 2 || len(rows[0].cells) != 3 {
		t.Fatalf("rows %v", s.strings())
	}
	head := rows[0].cells[1]
	if runeCount(head.Text) != 100 || !strings.HasPrefix(body, head.Text) || head.At != (Loc{Line: 1, Col: 4}) {
		t.Errorf("head %d chars at %s", runeCount(head.Text), head.At)
	}
	if c := rows[0].cells[2]; c.Text != "b" || c.At != (Loc{Line: 501, Col: 3}) || c.Field != 2 {
		t.Errorf("cell after huge field: %+v", c)
	}
	checkSegments(t, texts, lim.MaxLine)
	// The segments overlap the head and, together, hold the rest of the field.
	first := texts[0]
	if want := head.At.Advance(head.Text, len(head.Text)-len(lastChars(head.Text, segOverlap))); first.at != want {
		t.Errorf("first segment at %s, want %s", first.at, want)
	}
	joined := head.Text + string([]rune(joinSegments(texts))[segOverlap:])
	if joined != body {
		t.Errorf("field not conserved: %d chars, want %d", runeCount(joined), runeCount(body))
	}
}

// lastChars returns the last n characters of s.
func lastChars(s string, n int) string {
	r := []rune(s)
	return string(r[max(0, len(r)-n):])
}

// checkSegments checks that consecutive segments are at most max
// characters, overlap by segOverlap and that each one's location follows
// from the previous one.
func checkSegments(t testing.TB, segs []extractCall, max int) {
	t.Helper()
	for i, s := range segs {
		if n := runeCount(s.text); n > max || n == 0 {
			t.Fatalf("segment %d has %d characters", i, n)
		}
		if i == 0 {
			continue
		}
		prev := segs[i-1]
		off := len(prev.text) - len(lastChars(prev.text, segOverlap))
		if want := prev.at.Advance(prev.text, off); s.at != want {
			t.Fatalf("segment %d at %s, want %s", i, s.at, want)
		}
		if !strings.HasPrefix(s.text, prev.text[off:]) {
			t.Fatalf("segment %d does not overlap its predecessor", i)
		}
	}
}

// joinSegments undoes segmentation.
func joinSegments(segs []extractCall) string {
	var b strings.Builder
	for i, s := range segs {
		if i > 0 {
			s.text = string([]rune(s.text)[segOverlap:])
		}
		b.WriteString(s.text)
	}
	return b.String()
}

func TestCSVRecordInParts(t *testing.T) {
	lim := Limits{MaxField: 1000, MaxRecord: 300, MaxLine: 1000}
	fields := make([]string, 50)
	for i := range fields {
		fields[i] = strings.Repeat("x", i%7)
	}
	in := strings.Join(fields, ",") + "\nlast\n"
	s := &extractSink{}
	f := &File{}
	r := newCSVReader(s, lim, f, ',')
	r.feed([]byte(in))
	r.finish()
	if !f.Truncated {
		t.Error("Truncated not set")
	}
	next := 0
	for _, c := range s.calls[:len(s.calls)-1] {
		if len(c.cells) == 0 {
			t.Fatalf("empty row")
		}
		for _, cl := range c.cells {
			if cl.Field != next || cl.Text != fields[next] {
				t.Fatalf("cell %+v, want field %d", cl, next)
			}
			next++
		}
	}
	if next != len(fields) || len(s.calls) < 3 {
		t.Errorf("%d fields in %d calls", next, len(s.calls))
	}
}

func TestCSVManyEmptyFieldsBounded(t *testing.T) {
	s := &countSink{}
	f := &File{}
	r := newCSVReader(s, DefaultLimits, f, ',')
	chunk := []byte(strings.Repeat(",", 1<<16))
	for range 64 {
		r.feed(chunk)
		if cap(r.cells) > 2*DefaultLimits.MaxRecord/cellCost {
			t.Fatalf("cells grew to %d", cap(r.cells))
		}
	}
	r.finish()
	if s.cells != 64<<16+1 {
		t.Errorf("%d cells, want %d", s.cells, 64<<16+1)
	}
}

// countSink counts what it receives.
type countSink struct{ texts, rows, cells, chars int }

func (s *countSink) Text(t string, _ Loc) { s.texts++; s.chars += len(t) }

func (s *countSink) Row(_ string, cells []Cell) {
	s.rows++
	s.cells += len(cells)
	for _, c := range cells {
		s.chars += len(c.Text)
	}
}

func TestCSVThroughExtract(t *testing.T) {
	f, s := extractBytes(t, "名簿.csv", []byte(rosterSample), DefaultLimits)
	if f.Format != FormatCSV || len(s.calls) != 4 {
		t.Fatalf("%+v %v", f, s.strings())
	}
	c := s.calls[2].cells[2]
	if c.Text != "０２７－２２４－１１１１" || c.At != (Loc{Line: 3, Col: 15}) {
		t.Errorf("got %+v", c)
	}
	if f.Truncated || f.DecodeErrors != 0 {
		t.Errorf("%+v", f)
	}
}

func TestReadCSVStopsOnCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	f := &File{}
	src := newSource(strings.NewReader("a,b\n"), EncUTF8, &f.DecodeErrors, 0)
	if err := readCSV(ctx, src, &countSink{}, DefaultLimits, f, ','); err != context.Canceled {
		t.Errorf("got %v", err)
	}
}
