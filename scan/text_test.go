package scan

import (
	"context"
	"io"
	"runtime"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// textCalls reads data as text in chunks of size bytes.
func textCalls(t testing.TB, data string, lim Limits, size int) []extractCall {
	t.Helper()
	s := &extractSink{}
	f := &File{}
	tr := &textReader{sink: s, max: lim.MaxLine, line: 1, f: f}
	tr.seg.init(s, lim.MaxLine)
	for len(data) > 0 {
		n := min(size, len(data))
		for n < len(data) && !isRuneStart(data[n]) {
			n++
		}
		tr.feed([]byte(data[:n]))
		data = data[n:]
	}
	tr.endLine()
	return s.calls
}

func TestText(t *testing.T) {
	tests := map[string]struct {
		in   string
		want []string
	}{
		"lines":           {"山田\n佐藤\n", []string{`text 1:1 "山田"`, `text 2:1 "佐藤"`}},
		"no final end":    {"a\nb", []string{`text 1:1 "a"`, `text 2:1 "b"`}},
		"crlf":            {"a\r\nb\r\n", []string{`text 1:1 "a"`, `text 2:1 "b"`}},
		"cr":              {"a\rb\r", []string{`text 1:1 "a"`, `text 2:1 "b"`}},
		"mixed":           {"a\r\rb\n\nc\r\n\r\nd", []string{`text 1:1 "a"`, `text 3:1 "b"`, `text 5:1 "c"`, `text 7:1 "d"`}},
		"empty skipped":   {"\n\n\n", []string{}},
		"spaces kept":     {"  \n", []string{`text 1:1 "  "`}},
		"quotes are text": {"\"a,b\n", []string{`text 1:1 "\"a,b"`}},
	}
	for name, tc := range tests {
		for _, size := range []int{1, 2, 5, 1 << 20} {
			calls := textCalls(t, tc.in, DefaultLimits, size)
			got := []string{}
			for _, c := range calls {
				got = append(got, c.String())
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("%s (chunks of %d): got %q, want %q", name, size, got, tc.want)
			}
		}
	}
}

func TestTextLongLine(t *testing.T) {
	lim := Limits{MaxLine: 200}                       // an overlap of segOverlap
	line := strings.Repeat("山田太郎090-1234-5678,", 100) // 1900 characters
	for _, size := range []int{3, 64, 1 << 20} {
		calls := textCalls(t, "短い\n"+line+"\n次", lim, size)
		if calls[0].text != "短い" || calls[len(calls)-1].at != (Loc{Line: 3, Col: 1}) {
			t.Fatalf("chunks of %d: %v", size, calls)
		}
		segs := calls[1 : len(calls)-1]
		if segs[0].at != (Loc{Line: 2, Col: 1}) {
			t.Errorf("first segment at %s", segs[0].at)
		}
		checkSegments(t, segs, lim.MaxLine)
		if got := joinSegments(segs); got != line {
			t.Errorf("chunks of %d: line not conserved (%d chars)", size, runeCount(got))
		}
		for _, s := range segs {
			if !strings.Contains(s.text, "090-1234-5678") {
				t.Errorf("segment %s holds no whole phone number", s.at)
			}
		}
	}
}

func TestTextExactlyMaxLine(t *testing.T) {
	lim := Limits{MaxLine: 10}
	for _, in := range []string{"0123456789", "0123456789\n", "あいうえおかきくけこ"} {
		calls := textCalls(t, in, lim, 4)
		if len(calls) != 1 || calls[0].text != strings.TrimSuffix(in, "\n") {
			t.Errorf("%q: %v", in, calls)
		}
	}
}

// endlessLine is a reader of n bytes of one line with no newline.
type endlessLine struct {
	n       int64
	pattern string
	off     int
}

func (r *endlessLine) Read(p []byte) (int, error) {
	if r.n <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > r.n {
		p = p[:r.n]
	}
	for i := range p {
		p[i] = r.pattern[r.off]
		r.off = (r.off + 1) % len(r.pattern)
	}
	r.n -= int64(len(p))
	return len(p), nil
}

// segmentSink checks segments as they come, keeping only the last one,
// and samples the heap.
type segmentSink struct {
	t       testing.TB
	max     int
	last    extractCall
	n       int
	chars   int64
	maxHeap uint64
}

func (s *segmentSink) Text(text string, at Loc) {
	c := extractCall{text: strings.Clone(text), at: at}
	n := runeCount(text)
	if n > s.max {
		s.t.Fatalf("segment of %d characters", n)
	}
	if s.n > 0 {
		checkSegments(s.t, []extractCall{s.last, c}, s.max)
		n -= segOverlap
	}
	s.chars += int64(n)
	s.last = c
	s.n++
	if s.n%64 == 0 {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		s.maxHeap = max(s.maxHeap, ms.HeapAlloc)
	}
}

func (s *segmentSink) Row(string, []Cell) { s.t.Fatal("row in text") }

func TestText100MBLine(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 100 MB")
	}
	const size = 100 << 20
	pattern := "山田太郎 090-1234-5678 群馬県前橋市 " // 28 characters, 54 bytes
	r := &endlessLine{n: size, pattern: pattern}
	s := &segmentSink{t: t, max: DefaultLimits.MaxLine}
	runtime.GC()
	f := &File{Rel: "huge.txt"}
	if err := Extract(context.Background(), f, r, s, DefaultLimits); err != nil {
		t.Fatal(err)
	}
	if f.Format != FormatText || f.Status != StatusOK || !f.Truncated {
		t.Errorf("%+v", f)
	}
	// A cut pattern at the end: count its characters from bytes.
	whole := size / len(pattern)
	want := int64(whole*runeCount(pattern) + runeCount(pattern[:size%len(pattern)]))
	if s.chars != want {
		t.Errorf("%d characters passed on, want %d", s.chars, want)
	}
	if s.maxHeap > 50<<20 {
		t.Errorf("heap reached %d MB", s.maxHeap>>20)
	}
	t.Logf("%d segments, heap at most %d MB", s.n, s.maxHeap>>20)
}

func TestCSV100MBField(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 100 MB")
	}
	pattern := "山田太郎 090-1234-5678\r\n"
	size := (100 << 20) / len(pattern) * len(pattern) // whole lines
	body := &endlessLine{n: int64(size), pattern: pattern}
	r := io.MultiReader(strings.NewReader("氏名,備考,電話\n山田,\""), body, strings.NewReader("\",090\n"))
	s := &fieldSink{segmentSink: segmentSink{t: t, max: DefaultLimits.MaxLine}}
	runtime.GC()
	f := &File{Rel: "huge.csv"}
	if err := Extract(context.Background(), f, r, s, DefaultLimits); err != nil {
		t.Fatal(err)
	}
	if f.Format != FormatCSV || !f.Truncated || s.rows != 2 {
		t.Errorf("%+v, %d rows", f, s.rows)
	}
	if s.maxHeap > 50<<20 {
		t.Errorf("heap reached %d MB", s.maxHeap>>20)
	}
	want := Loc{Line: 2 + size/len(body.pattern), Col: 3}
	if s.lastCell.At != want || s.lastCell.Text != "090" {
		t.Errorf("last cell %+v, want at %s", s.lastCell, want)
	}
}

// fieldSink is a segmentSink that also takes rows.
type fieldSink struct {
	segmentSink
	rows     int
	lastCell Cell
}

func (s *fieldSink) Row(_ string, cells []Cell) {
	s.rows++
	s.lastCell = cells[len(cells)-1]
	s.lastCell.Text = strings.Clone(s.lastCell.Text)
}

func TestCountRunes(t *testing.T) {
	for _, s := range []string{"", "a", "山", "abcdefgh", "山田太郎 090-1234-5678 ｱｲｳ 😀 é", strings.Repeat("あa", 33)} {
		for i := range len(s) + 1 {
			if !utf8.ValidString(s[i:]) {
				continue
			}
			if got, want := countRunes([]byte(s[i:])), utf8.RuneCountInString(s[i:]); got != want {
				t.Errorf("%q: %d, want %d", s[i:], got, want)
			}
		}
	}
}
