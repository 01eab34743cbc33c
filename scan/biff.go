package scan

import (
	"encoding/binary"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// The record layer of a legacy Excel workbook stream: records and their
// CONTINUE records read as one run of bytes, BIFF8 strings (which may be
// split across CONTINUE records, each part saying again whether it holds
// one or two bytes a character), and the code pages of BIFF5 text.
// uniString reads a BIFF8 string: its character count (when cch < 0, a
// 16-bit count read first), option flags, then, in rich form (rich set),
// the run count and phonetic block size before the characters and the
// runs and phonetic block after them, which are skipped. At each segment
// boundary inside the characters the option byte is read again.
func (x *xlsBook) uniString(r *biffSegs, cch int, rich bool) (string, error) {
	if cch < 0 {
		n, err := r.u16()
		if err != nil {
			return "", xlsErr("string header cut short")
		}
		cch = int(n)
	}
	flags, err := r.u8()
	if err != nil {
		return "", xlsErr("string header cut short")
	}
	var runs, ext uint32
	if rich && flags&0x08 != 0 {
		n, err := r.u16()
		if err != nil {
			return "", xlsErr("string header cut short")
		}
		runs = uint32(n)
	}
	if rich && flags&0x04 != 0 {
		if ext, err = r.u32(); err != nil {
			return "", xlsErr("string header cut short")
		}
	}
	if cch > r.left() {
		return "", xlsErr("string of %d characters in %d bytes", cch, r.left())
	}
	s, err := x.chars(r, cch, flags&1 != 0)
	if err != nil {
		return "", err
	}
	if err := r.skip(int64(runs)*4 + int64(ext)); err != nil {
		return "", xlsErr("string formatting runs cut short")
	}
	return s, nil
}

// chars reads cch characters, one or two bytes each as high says and as
// the option byte at the start of each following segment says.
func (x *xlsBook) chars(r *biffSegs, cch int, high bool) (string, error) {
	u := x.u16[:0]
	ascii := true
	for cch > 0 {
		if r.off == len(r.segs[r.i]) {
			if r.i+1 >= len(r.segs) {
				return "", xlsErr("string cut short")
			}
			r.i, r.off = r.i+1, 0
			if seg := r.segs[r.i]; len(seg) > 0 {
				high = seg[0]&1 != 0
				r.off, r.used = 1, r.used+1
			}
			continue
		}
		seg := r.segs[r.i][r.off:]
		var n int
		if high {
			n = min(cch, len(seg)/2)
			if n == 0 {
				return "", xlsErr("string split inside a character")
			}
			for j := 0; j < n; j++ {
				v := uint16(seg[2*j]) | uint16(seg[2*j+1])<<8
				ascii = ascii && v < utf8.RuneSelf
				u = append(u, v)
			}
			n2 := 2 * n
			r.off, r.used = r.off+n2, r.used+n2
		} else {
			n = min(cch, len(seg))
			for _, c := range seg[:n] {
				ascii = ascii && c < utf8.RuneSelf
				u = append(u, uint16(c))
			}
			r.off, r.used = r.off+n, r.used+n
		}
		cch -= n
	}
	x.u16 = u
	if ascii {
		b := make([]byte, len(u))
		for i, v := range u {
			b[i] = byte(v)
		}
		return string(b), nil
	}
	return utf16String(u), nil
}

// utf16String decodes UTF-16, unpaired surrogates as U+FFFD.
func utf16String(u []uint16) string {
	b := make([]byte, 0, len(u)*3)
	for i := 0; i < len(u); i++ {
		r := rune(u[i])
		if utf16.IsSurrogate(r) {
			if i+1 < len(u) {
				if d := utf16.DecodeRune(r, rune(u[i+1])); d != utf8.RuneError {
					b = utf8.AppendRune(b, d)
					i++
					continue
				}
			}
			r = utf8.RuneError
		}
		b = utf8.AppendRune(b, r)
	}
	return string(b)
}

// str8 decodes an 8-bit string in the workbook's code page.
func (x *xlsBook) str8(b []byte) string {
	ascii := true
	for _, c := range b {
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return string(b)
	}
	if x.dec == nil {
		x.dec = x.cp.NewDecoder()
	}
	out, err := x.dec.Bytes(b)
	if err != nil {
		out = []byte(latin1(b))
	}
	return strings.ToValidUTF8(string(out), "\uFFFD")
}

func latin1(b []byte) string {
	out := make([]byte, 0, 2*len(b))
	for _, c := range b {
		out = utf8.AppendRune(out, rune(c))
	}
	return string(out)
}

// xlsCodePage maps a CODEPAGE record's value to a decoder of 8-bit strings.
func xlsCodePage(cp uint16) encoding.Encoding {
	switch cp {
	case 932:
		return japanese.ShiftJIS
	case 936:
		return simplifiedchinese.GBK
	case 949:
		return korean.EUCKR
	case 950:
		return traditionalchinese.Big5
	case 874:
		return charmap.Windows874
	case 1250:
		return charmap.Windows1250
	case 1251:
		return charmap.Windows1251
	case 1253:
		return charmap.Windows1253
	case 1254:
		return charmap.Windows1254
	case 1255:
		return charmap.Windows1255
	case 1256:
		return charmap.Windows1256
	case 1257:
		return charmap.Windows1257
	case 1258:
		return charmap.Windows1258
	case 437:
		return charmap.CodePage437
	case 850:
		return charmap.CodePage850
	case 10000, 32768:
		return charmap.Macintosh
	}
	return charmap.Windows1252
}

// biffStream reads records one after another.
type biffStream struct {
	b   []byte
	off int
}

// next returns the record at s.off and moves past it. The stream ending
// before an EOF record is an error.
func (s *biffStream) next() (uint16, []byte, error) {
	if s.off+4 > len(s.b) {
		return 0, nil, xlsErr("stream ends before EOF record")
	}
	typ := binary.LittleEndian.Uint16(s.b[s.off:])
	n := int(binary.LittleEndian.Uint16(s.b[s.off+2:]))
	if s.off+4+n > len(s.b) {
		return 0, nil, xlsErr("record %#x at %d runs past the stream", typ, s.off)
	}
	data := s.b[s.off+4 : s.off+4+n]
	s.off += 4 + n
	return typ, data, nil
}

// continues returns the data of the CONTINUE records that follow.
func (s *biffStream) continues() [][]byte {
	var out [][]byte
	for s.off+4 <= len(s.b) && binary.LittleEndian.Uint16(s.b[s.off:]) == biffContinue {
		n := int(binary.LittleEndian.Uint16(s.b[s.off+2:]))
		if s.off+4+n > len(s.b) {
			break
		}
		out = append(out, s.b[s.off+4:s.off+4+n])
		s.off += 4 + n
	}
	return out
}

// biffSegs reads a record and its CONTINUE records as one run of bytes,
// except that strings see where one ends and the next begins.
type biffSegs struct {
	segs   [][]byte
	i, off int // position: segment and offset in it
	used   int // bytes read
	total  int // bytes in all segments, counted on first use
}

func (r *biffSegs) left() int {
	if r.total == 0 {
		for _, s := range r.segs {
			r.total += len(s)
		}
	}
	return r.total - r.used
}

// byte1 reads one byte, moving to the next segment when needed.
func (r *biffSegs) byte1() (byte, error) {
	for r.off == len(r.segs[r.i]) {
		if r.i+1 >= len(r.segs) {
			return 0, errXLS
		}
		r.i, r.off = r.i+1, 0
	}
	c := r.segs[r.i][r.off]
	r.off++
	r.used++
	return c, nil
}

func (r *biffSegs) u8() (byte, error) { return r.byte1() }

func (r *biffSegs) u16() (uint16, error) {
	var v uint16
	for k := 0; k < 2; k++ {
		c, err := r.byte1()
		if err != nil {
			return 0, err
		}
		v |= uint16(c) << (8 * k)
	}
	return v, nil
}

func (r *biffSegs) u32() (uint32, error) {
	var v uint32
	for k := 0; k < 4; k++ {
		c, err := r.byte1()
		if err != nil {
			return 0, err
		}
		v |= uint32(c) << (8 * k)
	}
	return v, nil
}

// skip moves n bytes on, across segments.
func (r *biffSegs) skip(n int64) error {
	if n > int64(r.left()) {
		return errXLS
	}
	for n > 0 {
		if r.off == len(r.segs[r.i]) {
			r.i, r.off = r.i+1, 0
			continue
		}
		k := int(min(n, int64(len(r.segs[r.i])-r.off)))
		r.off, r.used, n = r.off+k, r.used+k, n-int64(k)
	}
	return nil
}
