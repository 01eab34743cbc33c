package scan

import (
	"bytes"
	"context"
	"encoding/binary"
	"io"
	"math/bits"
	"unicode/utf8"
)

// segOverlap is how many characters consecutive segments of a long line
// share, so that a value cut by a segment boundary (a phone number, a
// 12-digit My Number, an e-mail address) is whole in one of them.
const segOverlap = 64

// readText passes the lines of src to sink, one Text call per non-empty
// line (without its terminator; \r\n, \n and \r all end lines), cutting
// lines longer than lim.MaxLine into overlapping segments.
func readText(ctx context.Context, src source, sink Sink, lim Limits, f *File) error {
	t := &textReader{sink: sink, max: lim.MaxLine, line: 1, f: f}
	t.seg.init(sink, lim.MaxLine)
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		c, err := src.next()
		if err != nil {
			t.endLine()
			if err == io.EOF {
				return nil
			}
			return err
		}
		t.feed(c)
	}
}

// textReader splits decoded text into lines.
type textReader struct {
	sink    Sink
	f       *File
	max     int
	line    int  // number of the current line
	cr      bool // the last chunk ended with \r: a \n starting the next is its pair
	pending bool // the current line has started in seg
	seg     segmenter
}

// feed handles one chunk of text.
func (t *textReader) feed(c []byte) {
	if t.cr && len(c) > 0 {
		t.cr = false
		if c[0] == '\n' {
			c = c[1:]
		}
	}
	for len(c) > 0 {
		i := lineEnd(c)
		if i < 0 {
			t.part(c)
			return
		}
		t.whole(c[:i])
		if c[i] == '\r' {
			if i+1 == len(c) {
				t.cr = true
			} else if c[i+1] == '\n' {
				i++
			}
		}
		c = c[i+1:]
	}
}

// lineEnd returns the index of the first \r or \n in c, or -1.
func lineEnd(c []byte) int {
	n := bytes.IndexByte(c, '\n')
	in := c
	if n >= 0 {
		in = c[:n]
	}
	if r := bytes.IndexByte(in, '\r'); r >= 0 {
		return r
	}
	return n
}

// whole handles the rest of the current line, b, and ends the line.
func (t *textReader) whole(b []byte) {
	if !t.pending && len(b) <= t.max {
		if len(b) > 0 {
			t.sink.Text(string(b), Loc{Line: t.line, Col: 1})
		}
		t.line++
		return
	}
	t.part(b)
	t.endLine()
}

// part adds b to the current line, which goes on.
func (t *textReader) part(b []byte) {
	if !t.pending {
		t.pending = true
		t.seg.start(Loc{Line: t.line, Col: 1})
	}
	t.seg.write(b)
}

// endLine passes on what is left of the current line and starts the next.
func (t *textReader) endLine() {
	if t.pending {
		if t.seg.finish() {
			t.f.Truncated = true
		}
		t.pending = false
	}
	t.line++
}

// segmenter cuts a long run of text into segments of at most max
// characters, consecutive segments sharing segOverlap characters, and
// passes each to sink.Text with the location of its first character.
// Its memory is bounded by max characters whatever the length of the run.
type segmenter struct {
	sink    Sink
	max     int
	overlap int
	buf     []byte
	chars   int  // characters in buf
	at      Loc  // location of buf's first character
	fresh   bool // buf holds characters not yet passed on
	split   bool // more than one segment was passed on
}

// init sets the sink and the segment size.
func (s *segmenter) init(sink Sink, max int) {
	s.sink, s.max = sink, max
	s.overlap = min(segOverlap, (max-1)/2) // segments must move forward
}

// start begins a run at location at.
func (s *segmenter) start(at Loc) {
	s.buf, s.chars, s.at, s.fresh, s.split = s.buf[:0], 0, at, false, false
}

// seed puts text already passed on elsewhere at the start of the run, so
// that the first segment overlaps it.
func (s *segmenter) seed(b []byte) {
	s.buf = append(s.buf, b...)
	s.chars += countRunes(b)
}

// write adds text to the run, passing on every full segment.
func (s *segmenter) write(p []byte) {
	for len(p) > 0 {
		room := s.max - s.chars
		if room == 0 {
			s.emit()
			s.slide()
			continue
		}
		k, n := prefixChars(p, room)
		s.buf = append(s.buf, p[:k]...)
		s.chars += n
		s.fresh = true
		p = p[k:]
	}
}

// finish passes on what is left and reports whether the run was split.
func (s *segmenter) finish() bool {
	if s.fresh {
		s.emit()
	}
	split := s.split
	s.start(s.at)
	return split
}

// emit passes the buffer on as one segment.
func (s *segmenter) emit() {
	s.sink.Text(string(s.buf), s.at)
	s.fresh = false
}

// slide keeps the last overlap characters of a full buffer as the start of
// the next segment.
func (s *segmenter) slide() {
	off := tailChars(s.buf, s.overlap)
	s.at = advanceBytes(s.at, s.buf[:off])
	s.buf = s.buf[:copy(s.buf, s.buf[off:])]
	s.chars = countRunes(s.buf)
	s.split = true
}

// prefixChars returns the length in bytes k of the longest prefix of p
// that has at most room characters, and its count of characters n.
func prefixChars(p []byte, room int) (k, n int) {
	for k < len(p) && n < room {
		end := k + room - n // room-n bytes hold at most room-n characters
		if end >= len(p) {
			return len(p), n + countRunes(p[k:])
		}
		for end < len(p) && !utf8.RuneStart(p[end]) {
			end++
		}
		n += countRunes(p[k:end])
		k = end
	}
	return k, n
}

// tailChars returns the offset in b where its last n characters start.
func tailChars(b []byte, n int) int {
	i := len(b)
	for n > 0 && i > 0 {
		i--
		if utf8.RuneStart(b[i]) {
			n--
		}
	}
	return i
}

// advanceBytes is Loc.Advance over all of b.
func advanceBytes(l Loc, b []byte) Loc {
	if nl := bytes.LastIndexByte(b, '\n'); nl >= 0 {
		l.Line += bytes.Count(b, []byte{'\n'})
		l.Col = 1
		b = b[nl+1:]
	}
	l.Col += countRunes(b)
	return l
}

// countRunes is utf8.RuneCount for valid UTF-8, which the sources
// guarantee: it counts the bytes that start a character, eight at a time,
// where utf8.RuneCount decodes every multibyte character.
func countRunes(b []byte) int {
	const high = 0x8080808080808080
	cont := 0 // continuation bytes: 10xxxxxx
	i := 0
	for ; i+8 <= len(b); i += 8 {
		w := binary.LittleEndian.Uint64(b[i:])
		cont += bits.OnesCount64(w &^ (w << 1) & high)
	}
	for ; i < len(b); i++ {
		if b[i]&0xC0 == 0x80 {
			cont++
		}
	}
	return len(b) - cont
}
