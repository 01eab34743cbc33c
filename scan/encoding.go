package scan

import (
	"bytes"
	"io"
	"slices"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/transform"
)

// EncISO2022JP is 7-bit JIS as old mail and some Unix tools wrote it.
const EncISO2022JP = "iso-2022-jp"

const (
	// minUTF16Plausible is the share of UTF-16 code units that must be
	// ASCII text or Japanese for BOM-less content to be taken as UTF-16.
	minUTF16Plausible = 0.9
	// minUTF16PlausibleNoNUL is the same for UTF-16 with no NUL byte at
	// all (Japanese with no ASCII): only when Shift_JIS and EUC-JP fail.
	minUTF16PlausibleNoNUL = 0.95
	// halfwidthWeight discounts halfwidth katakana: EUC-JP read as
	// Shift_JIS turns into runs of them, real text has few.
	halfwidthWeight = 0.3
	// minUTF8PerInvalid is how many valid multibyte runes a sample with
	// invalid UTF-8 needs per invalid byte to be taken as damaged UTF-8.
	minUTF8PerInvalid = 8
	// invalidPenalty is what one invalid sequence costs a candidate.
	invalidPenalty = 2.0
	// scoreBytes bound the text rated as Shift_JIS and EUC-JP: some
	// thousands of characters tell them apart.
	scoreBytes = 16 << 10
)

// bomEncoding returns the encoding announced by a byte order mark, or "".
func bomEncoding(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte("\xEF\xBB\xBF")):
		return EncUTF8BOM
	case bytes.HasPrefix(b, []byte("\xFF\xFE")):
		return EncUTF16LE
	case bytes.HasPrefix(b, []byte("\xFE\xFF")):
		return EncUTF16BE
	}
	return ""
}

// guessEncoding decides the encoding of BOM-less text from its first bytes.
// atEOF says that sample is the whole file, so a rune cut at its end is an
// error rather than the end of the sample.
func guessEncoding(sample []byte, atEOF bool) string {
	ascii := asciiPrefix(sample) == len(sample)
	if ascii && bytes.Contains(sample, []byte("\x1b$")) {
		return EncISO2022JP
	}
	if ascii || mostlyUTF8(sample, atEOF) {
		return EncUTF8
	}
	sjis, euc := legacyScores(sample)
	if max(sjis, euc) < 0.5 && bytes.IndexByte(sample, 0x1b) < 0 {
		if enc := utf16Plausible(sample, minUTF16PlausibleNoNUL); enc != "" {
			return enc
		}
	}
	if euc > sjis {
		return EncEUCJP
	}
	return EncSJIS
}

// mostlyUTF8 reports whether b is UTF-8, allowing a rune cut at the end
// of a sample and a few invalid bytes among many valid multibyte runes:
// a damaged UTF-8 file is still UTF-8, and Shift_JIS or EUC-JP text
// seldom forms valid UTF-8 by chance.
func mostlyUTF8(b []byte, atEOF bool) bool {
	if !atEOF {
		b = b[:completeRunes(b)]
	}
	if utf8.Valid(b) {
		return true
	}
	multi, invalid := 0, 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		switch {
		case r == utf8.RuneError && size == 1:
			invalid++
		case size > 1:
			multi++
		}
		b = b[size:]
	}
	return multi >= minUTF8PerInvalid*invalid
}

// completeRunes is the length of b without an incomplete rune at its end.
func completeRunes(b []byte) int {
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			if utf8.FullRune(b[i:]) {
				return len(b)
			}
			return i
		}
	}
	return len(b)
}

// asciiPrefix returns the index of the first byte of b that is not ASCII.
func asciiPrefix(b []byte) int {
	i := 0
	for ; i+8 <= len(b); i += 8 {
		if (uint64(b[i])|uint64(b[i+1])|uint64(b[i+2])|uint64(b[i+3])|
			uint64(b[i+4])|uint64(b[i+5])|uint64(b[i+6])|uint64(b[i+7]))&0x80 != 0 {
			break
		}
	}
	for ; i < len(b); i++ {
		if b[i] >= utf8.RuneSelf {
			return i
		}
	}
	return i
}

// japaneseScore decodes sample and rates how much the non-ASCII result
// looks like Japanese: 1 when all of it is kana, kanji or Japanese
// punctuation, lower for halfwidth katakana, unknown runes and errors.
func japaneseScore(dec transform.Transformer, sample []byte) float64 {
	out := make([]byte, 3*len(sample)+utf8.UTFMax)
	n, _, _ := dec.Transform(out, sample, false)
	var total, good, bad float64
	for s := out[:n]; len(s) > 0; {
		r, size := utf8.DecodeRune(s)
		s = s[size:]
		if r < utf8.RuneSelf {
			continue
		}
		total++
		switch {
		case r == utf8.RuneError:
			bad++
		case isJapanese(r):
			good++
		case r >= 0xFF61 && r <= 0xFF9F:
			good += halfwidthWeight
		}
	}
	if total == 0 {
		return 0
	}
	return (good - invalidPenalty*bad) / total
}

// isJapanese reports runes common in Japanese text: kana, kanji, CJK and
// fullwidth punctuation, fullwidth letters and digits.
func isJapanese(r rune) bool {
	switch {
	case r >= 0x3000 && r <= 0x30FF: // punctuation, hiragana, katakana
		return true
	case r >= 0x4E00 && r <= 0x9FFF: // CJK unified ideographs
		return true
	case r >= 0xFF01 && r <= 0xFF60: // fullwidth forms
		return true
	case r == 0x00D7 || r == 0x00F7 || (r >= 0x2010 && r <= 0x266F): // symbols in JIS X 0208
		return true
	}
	return false
}

// utf16NoBOM recognises BOM-less UTF-16 with NUL bytes: the NULs of its
// ASCII characters fall on one side of each code unit.
func utf16NoBOM(b []byte) string {
	even, odd := 0, 0
	for i := 0; i+1 < len(b); i += 2 {
		if b[i] == 0 {
			even++
		}
		if b[i+1] == 0 {
			odd++
		}
	}
	switch {
	case odd > 0 && even*10 <= odd && plausible16(b, false) >= minUTF16Plausible:
		return EncUTF16LE
	case even > 0 && odd*10 <= even && plausible16(b, true) >= minUTF16Plausible:
		return EncUTF16BE
	}
	return ""
}

// utf16Plausible returns the UTF-16 byte order in which b reads as text at
// least as well as share, or "".
func utf16Plausible(b []byte, share float64) string {
	switch {
	case plausible16(b, false) >= share:
		return EncUTF16LE
	case plausible16(b, true) >= share:
		return EncUTF16BE
	}
	return ""
}

// plausible16 is the share of UTF-16 code units of b that are text: ASCII
// letters, digits, punctuation or line ends, Japanese, or valid surrogate pairs.
func plausible16(b []byte, be bool) float64 {
	units, good := 0, 0
	for i := 0; i+1 < len(b); i += 2 {
		u := unit16(b[i:], be)
		units++
		switch {
		case u >= 0x20 && u < 0x7f, u == '\t', u == '\n', u == '\r':
			good++
		case isJapanese(rune(u)) || (u >= 0xFF61 && u <= 0xFF9F):
			good++
		case u >= 0xD800 && u < 0xDC00 && i+3 < len(b):
			if u2 := unit16(b[i+2:], be); u2 >= 0xDC00 && u2 < 0xE000 {
				good += 2
				units++
				i += 2
			}
		}
	}
	if units == 0 {
		return 0
	}
	return float64(good) / float64(units)
}

// unit16 reads one UTF-16 code unit.
func unit16(b []byte, be bool) uint16 {
	if be {
		return uint16(b[0])<<8 | uint16(b[1])
	}
	return uint16(b[1])<<8 | uint16(b[0])
}

// source yields decoded text: valid UTF-8 in chunks that end on rune
// boundaries. A chunk stays valid until the next call. At the end next
// returns io.EOF; it never returns both text and an error.
type source interface {
	next() ([]byte, error)
}

// newSource decodes r, which is in encoding enc with any BOM already
// skipped, counting invalid sequences into errs. size, when positive and
// below chunkSize, is the whole length of r: small files get small buffers.
func newSource(r io.Reader, enc string, errs *int, size int) source {
	if size <= 0 || size > chunkSize {
		size = chunkSize
	}
	switch enc {
	case EncSJIS:
		return newDecodeSource(r, japanese.ShiftJIS.NewDecoder(), errs, size)
	case EncEUCJP:
		return newDecodeSource(r, japanese.EUCJP.NewDecoder(), errs, size)
	case EncISO2022JP:
		return newDecodeSource(r, japanese.ISO2022JP.NewDecoder(), errs, size)
	case EncUTF16LE, EncUTF16BE:
		return newDecodeSource(r, &utf16Decoder{be: enc == EncUTF16BE, errs: errs}, nil, size)
	}
	return &utf8Source{r: r, buf: make([]byte, size+utf8.UTFMax), errs: errs}
}

// utf8Source passes UTF-8 through untouched when it is valid, which
// utf8.Valid checks far faster than any transform; invalid sequences are
// replaced by U+FFFD and counted.
//
// When the encoding was only guessed from an all-ASCII start (enc set),
// the first non-ASCII bytes decide again: if they are not UTF-8, a
// Shift_JIS or EUC-JP decoder takes over the rest of the file and *enc
// says so. ASCII reads the same in all three, so nothing read is wrong.
// The look-ahead of readMore makes the choice the same whatever the size
// of the reads.
type utf8Source struct {
	r         io.Reader
	buf       []byte // buf[:tail] is the last chunk, buf[tail:end] a rune cut by the read
	tail, end int
	fix       []byte
	errs      *int
	eof       bool
	err       error   // the read error to return once buf is drained
	enc       *string // set while all text so far was ASCII and UTF-8 a guess
	legacy    source  // the source that took over, if any
}

// next reads, validates and returns the next chunk.
func (s *utf8Source) next() ([]byte, error) {
	if s.legacy != nil {
		return s.legacy.next()
	}
	for {
		n := copy(s.buf, s.buf[s.tail:s.end])
		if s.eof || s.err != nil {
			return s.drain(n)
		}
		m, err := s.r.Read(s.buf[n:])
		n += m
		switch {
		case err == io.EOF:
			s.eof = true
		case err != nil:
			s.err = err
		}
		s.end, s.tail = n, n
		if !s.eof && s.err == nil {
			s.tail = completeRunes(s.buf[:n])
		}
		if s.tail > 0 {
			return s.check(s.buf[:s.tail])
		}
	}
}

// drain returns the last n bytes, cut short by the end of input or an error.
func (s *utf8Source) drain(n int) ([]byte, error) {
	s.tail, s.end = 0, 0
	switch {
	case n > 0:
		return s.check(s.buf[:n])
	case s.err != nil:
		return nil, s.err
	}
	return nil, io.EOF
}

// check validates chunk c, repairing it or handing over to a legacy decoder.
func (s *utf8Source) check(c []byte) ([]byte, error) {
	if s.enc != nil {
		if i := asciiPrefix(c); i < len(c) {
			return s.handOver(c[:i], s.buf[i:s.end])
		}
		return c, nil
	}
	if utf8.Valid(c) {
		return c, nil
	}
	return s.repair(c), nil
}

// handOver decides the encoding again from the first non-ASCII bytes,
// passes the rest of the input, starting with rest, to a new source for it
// and returns the ASCII before it.
func (s *utf8Source) handOver(ascii, rest []byte) ([]byte, error) {
	rest = s.readMore(bytes.Clone(rest))
	judge := rest[:min(len(rest), sniffSize)] // the same whatever the reads
	if mostlyUTF8(judge, len(judge) == len(rest) && (s.eof || s.err != nil)) {
		*s.enc = EncUTF8
	} else {
		*s.enc = legacyEncoding(judge)
	}
	var tail io.Reader = s.r
	switch {
	case s.err != nil:
		tail = errReader{s.err}
	case s.eof:
		tail = bytes.NewReader(nil)
	}
	r := io.MultiReader(bytes.NewReader(rest), tail)
	s.legacy = newSource(r, *s.enc, s.errs, 0)
	s.enc = nil
	if len(ascii) > 0 {
		return ascii, nil
	}
	return s.legacy.next()
}

// readMore reads on until b holds sniffSize bytes to judge the encoding by,
// whatever the size of the reads.
func (s *utf8Source) readMore(b []byte) []byte {
	b = slices.Grow(b, sniffSize)
	for len(b) < sniffSize && !s.eof && s.err == nil {
		n, err := s.r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		switch {
		case err == io.EOF:
			s.eof = true
		case err != nil:
			s.err = err
		}
	}
	return b
}

// errReader fails every read with err.
type errReader struct{ err error }

func (r errReader) Read([]byte) (int, error) { return 0, r.err }

// legacyEncoding chooses between Shift_JIS and EUC-JP for b.
func legacyEncoding(b []byte) string {
	if sjis, euc := legacyScores(b); euc > sjis {
		return EncEUCJP
	}
	return EncSJIS
}

// legacyScores rates b as Shift_JIS and as EUC-JP, from its first
// non-ASCII byte on and over at most scoreBytes.
func legacyScores(b []byte) (sjis, euc float64) {
	b = b[asciiPrefix(b):]
	b = b[:min(len(b), scoreBytes)]
	return japaneseScore(japanese.ShiftJIS.NewDecoder(), b), japaneseScore(japanese.EUCJP.NewDecoder(), b)
}

// repair replaces each invalid byte of b by U+FFFD, as range over a string does.
func (s *utf8Source) repair(b []byte) []byte {
	s.fix = s.fix[:0]
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size == 1 {
			s.fix = utf8.AppendRune(s.fix, utf8.RuneError)
			*s.errs++
		} else {
			s.fix = append(s.fix, b[:size]...)
		}
		b = b[size:]
	}
	return s.fix
}

// decodeSource runs a decoder as transform.Reader does, but hands out its
// output buffer without a copy and counts the U+FFFD it produces. Both
// decode Shift_JIS at about 300 MB/s on one core: the decoder's per-rune
// work dominates, so there is nothing more to gain around it.
type decodeSource struct {
	r      io.Reader
	t      transform.Transformer
	src    []byte
	s0, s1 int // pending input is src[s0:s1]
	dst    []byte
	errs   *int // nil when the decoder counts its own errors
	eof    bool
	err    error
}

// newDecodeSource decodes r with t. When errs is not nil, every U+FFFD
// that t produces is counted there: the legacy Japanese encodings have no
// U+FFFD of their own, so each one replaces an invalid sequence.
func newDecodeSource(r io.Reader, t transform.Transformer, errs *int, size int) *decodeSource {
	size = max(size/2, 2*utf8.UTFMax) // output is up to 3 times larger
	return &decodeSource{
		r:    r,
		t:    t,
		src:  make([]byte, size),
		dst:  make([]byte, 3*size+utf8.UTFMax), // each byte gives at most 3
		errs: errs,
	}
}

// next decodes the next chunk.
func (d *decodeSource) next() ([]byte, error) {
	for {
		if d.s0 == d.s1 && (d.eof || d.err != nil) {
			if d.err != nil {
				return nil, d.err
			}
			return nil, io.EOF
		}
		if !d.eof && d.err == nil {
			d.fill()
		}
		atEOF := d.eof || d.err != nil
		nDst, nSrc, err := d.t.Transform(d.dst, d.src[d.s0:d.s1], atEOF)
		d.s0 += nSrc
		if err != nil && err != transform.ErrShortSrc && err != transform.ErrShortDst {
			return nil, err
		}
		if nDst == 0 && nSrc == 0 && atEOF && d.s0 < d.s1 {
			d.s0 = d.s1 // a decoder stuck on the last bytes: drop them
			if d.errs != nil {
				*d.errs++
			}
			continue
		}
		if nDst > 0 {
			out := d.dst[:nDst]
			if d.errs != nil {
				*d.errs += bytes.Count(out, replacement)
			}
			return out, nil
		}
	}
}

// replacement is U+FFFD in UTF-8.
var replacement = []byte("\uFFFD")

// fill moves pending input to the front of src and reads more after it.
func (d *decodeSource) fill() {
	d.s1 = copy(d.src, d.src[d.s0:d.s1])
	d.s0 = 0
	n, err := d.r.Read(d.src[d.s1:])
	d.s1 += n
	switch {
	case err == io.EOF:
		d.eof = true
	case err != nil:
		d.err = err
	}
}

// utf16Decoder decodes UTF-16 and counts unpaired surrogates and a
// dangling last byte, each replaced by U+FFFD.
type utf16Decoder struct {
	transform.NopResetter
	be   bool
	errs *int
}

// Transform implements transform.Transformer.
func (d *utf16Decoder) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	for nSrc < len(src) {
		r, size := d.decode(src[nSrc:], atEOF)
		if size == 0 {
			return nDst, nSrc, transform.ErrShortSrc
		}
		bad := r < 0
		if bad {
			r = utf8.RuneError
		}
		if nDst+utf8.RuneLen(r) > len(dst) {
			return nDst, nSrc, transform.ErrShortDst
		}
		nDst += utf8.EncodeRune(dst[nDst:], r)
		nSrc += size
		if bad {
			*d.errs++
		}
	}
	return nDst, nSrc, nil
}

// decode reads one rune from b. It returns a negative rune for an invalid
// sequence and size 0 when b is too short and more input may come.
func (d *utf16Decoder) decode(b []byte, atEOF bool) (r rune, size int) {
	if len(b) < 2 {
		return -1, short(1, atEOF)
	}
	u := unit16(b, d.be)
	switch {
	case u < 0xD800 || u >= 0xE000:
		return rune(u), 2
	case u >= 0xDC00:
		return -1, 2 // low surrogate alone
	case len(b) < 4:
		return -1, short(2, atEOF)
	}
	u2 := unit16(b[2:], d.be)
	if u2 < 0xDC00 || u2 >= 0xE000 {
		return -1, 2 // high surrogate alone
	}
	return utf16.DecodeRune(rune(u), rune(u2)), 4
}

// short is the size of an incomplete sequence: all of it at the end of
// input, none while more may come.
func short(n int, atEOF bool) int {
	if atEOF {
		return n
	}
	return 0
}
