package scan

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf16"
)

// An OLE compound file ([MS-CFB]) is a small file system inside a file:
// fixed-size sectors chained by a FAT, a directory of 128-byte entries, and
// a mini stream of 64-byte sectors for small streams. Every number in it is
// untrusted: chains are checked for loops and out-of-range sectors, and the
// directory and what is read of a stream are bounded.
const (
	// maxOLEDirEntries bounds the directory: real files hold a few dozen.
	maxOLEDirEntries = 1 << 16
	// maxOLEStreamRead is the most read of one stream into memory.
	maxOLEStreamRead = 64 << 20
	// maxBIFFRecords and biffHead bound the records of a workbook's
	// globals looked at for FILEPASS, which Excel writes right after the
	// first BOF.
	maxBIFFRecords = 4096
	biffHead       = 64 << 10
)

// Formats found inside OLE files.
const (
	FormatXLS            = "xls"
	FormatDOC            = "doc"
	FormatPPT            = "ppt"
	FormatOOXMLEncrypted = "ooxml-encrypted" // an encrypted xlsx, docx or pptx
)

const reasonProtected = "password-protected Office document"

// errCFB is wrapped by every error about a corrupt compound file.
var errCFB = errors.New("scan: corrupt OLE file")

func cfbErr(format string, a ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{errCFB}, a...)...)
}

// Special sector numbers.
const (
	secMaxReg  = 0xFFFFFFFA
	secEnd     = 0xFFFFFFFE
	noStream   = 0xFFFFFFFF
	cfbMagic   = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"
	headerSize = 512
	dirSize    = 128
	miniShift  = 6
)

// cfbEntry is one directory entry.
type cfbEntry struct {
	name               string
	typ                byte // 1 storage, 2 stream, 5 root
	left, right, child uint32
	start              uint32
	size               int64
}

// cfbFile is an open compound file.
type cfbFile struct {
	r        io.ReaderAt
	size     int64
	shift    uint // sector size is 1 << shift
	nsec     uint32
	fat      []uint32
	minifat  []uint32
	cutoff   int64
	dir      []cfbEntry
	ministrm []byte // the root's mini stream, read on first use
}

// openCFB reads the header, FAT, mini FAT and directory of a compound file.
func openCFB(r io.ReaderAt, size int64) (*cfbFile, error) {
	var h [headerSize]byte
	if size < headerSize {
		return nil, cfbErr("shorter than its header")
	}
	if _, err := r.ReadAt(h[:], 0); err != nil {
		return nil, err
	}
	if string(h[:8]) != cfbMagic {
		return nil, cfbErr("bad signature")
	}
	le := binary.LittleEndian
	c := &cfbFile{r: r, size: size, shift: uint(le.Uint16(h[30:]))}
	switch {
	case c.shift == 9 || c.shift == 12:
	default:
		return nil, cfbErr("sector shift %d", c.shift)
	}
	if le.Uint16(h[32:]) != miniShift {
		return nil, cfbErr("mini sector shift %d", le.Uint16(h[32:]))
	}
	c.nsec = uint32(min((size-1)>>c.shift, secMaxReg))
	c.cutoff = int64(le.Uint32(h[56:]))
	if err := c.readFAT(h[:]); err != nil {
		return nil, err
	}
	var err error
	if c.minifat, err = c.readTable(le.Uint32(h[60:])); err != nil {
		return nil, fmt.Errorf("mini FAT: %w", err)
	}
	if err := c.readDir(le.Uint32(h[48:])); err != nil {
		return nil, err
	}
	return c, nil
}

func (c *cfbFile) secSize() int64 { return 1 << c.shift }

// readSector reads whole sector n.
func (c *cfbFile) readSector(n uint32, buf []byte) error {
	if n >= c.nsec {
		return cfbErr("sector %d out of range", n)
	}
	off := (int64(n) + 1) << c.shift
	k, err := c.r.ReadAt(buf[:c.secSize()], off)
	if k == len(buf[:c.secSize()]) {
		return nil
	}
	if err == io.EOF || err == nil {
		// The last sector may be cut short: pad it.
		clear(buf[k:c.secSize()])
		return nil
	}
	return err
}

// readFAT collects the FAT sectors from the header's DIFAT and the DIFAT
// chain, then reads them.
func (c *cfbFile) readFAT(h []byte) error {
	le := binary.LittleEndian
	nfat := le.Uint32(h[44:])
	if nfat > c.nsec {
		return cfbErr("%d FAT sectors in a file of %d", nfat, c.nsec)
	}
	var secs []uint32
	for i := 0; i < 109 && uint32(len(secs)) < nfat; i++ {
		secs = append(secs, le.Uint32(h[76+4*i:]))
	}
	buf := make([]byte, c.secSize())
	per := int(c.secSize()/4) - 1
	seen := newBitmap(c.nsec)
	for next := le.Uint32(h[68:]); uint32(len(secs)) < nfat && next <= secMaxReg; {
		if next >= c.nsec || seen.testSet(next) {
			return cfbErr("DIFAT chain broken at sector %d", next)
		}
		if err := c.readSector(next, buf); err != nil {
			return err
		}
		for i := 0; i < per && uint32(len(secs)) < nfat; i++ {
			secs = append(secs, le.Uint32(buf[4*i:]))
		}
		next = le.Uint32(buf[4*per:])
	}
	if uint32(len(secs)) < nfat {
		return cfbErr("DIFAT lists %d of %d FAT sectors", len(secs), nfat)
	}
	c.fat = make([]uint32, 0, len(secs)*(per+1))
	for _, s := range secs {
		if err := c.readSector(s, buf); err != nil {
			return fmt.Errorf("FAT: %w", err)
		}
		for i := 0; i <= per; i++ {
			c.fat = append(c.fat, le.Uint32(buf[4*i:]))
		}
	}
	return nil
}

// chain follows the FAT from start, up to limit sectors, refusing loops
// and sectors outside the file.
func (c *cfbFile) chain(start uint32, limit int) ([]uint32, error) {
	var out []uint32
	seen := newBitmap(c.nsec)
	for s := start; s != secEnd; s = c.fat[s] {
		if s >= c.nsec || int(s) >= len(c.fat) {
			return nil, cfbErr("sector %d out of range", s)
		}
		if seen.testSet(s) {
			return nil, cfbErr("sector chain loops at %d", s)
		}
		if len(out) == limit {
			break
		}
		out = append(out, s)
	}
	return out, nil
}

// readChain reads the sectors of a chain into one buffer of at most max bytes.
func (c *cfbFile) readChain(start uint32, max int64) ([]byte, error) {
	if start == secEnd || start == noStream {
		return nil, nil
	}
	secs, err := c.chain(start, int((max+c.secSize()-1)>>c.shift))
	if err != nil {
		return nil, err
	}
	out := make([]byte, int64(len(secs))<<c.shift)
	for i, s := range secs {
		if err := c.readSector(s, out[int64(i)<<c.shift:]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// readTable reads a chain of 32-bit sector numbers (the mini FAT).
func (c *cfbFile) readTable(start uint32) ([]uint32, error) {
	b, err := c.readChain(start, int64(c.nsec)<<c.shift)
	if err != nil {
		return nil, err
	}
	t := make([]uint32, len(b)/4)
	for i := range t {
		t[i] = binary.LittleEndian.Uint32(b[4*i:])
	}
	return t, nil
}

// readDir reads the directory as a flat list of entries.
func (c *cfbFile) readDir(start uint32) error {
	b, err := c.readChain(start, maxOLEDirEntries*dirSize)
	if err != nil {
		return fmt.Errorf("directory: %w", err)
	}
	le := binary.LittleEndian
	for off := 0; off+dirSize <= len(b); off += dirSize {
		d := b[off : off+dirSize]
		e := cfbEntry{typ: d[66], left: le.Uint32(d[68:]), right: le.Uint32(d[72:]),
			child: le.Uint32(d[76:]), start: le.Uint32(d[116:]), size: int64(le.Uint64(d[120:]))}
		if c.shift == 9 {
			e.size &= 0xFFFFFFFF // version 3: the high half may be garbage
		}
		n := min(int(le.Uint16(d[64:])), 64) / 2
		u := make([]uint16, 0, n)
		for i := 0; i < n; i++ {
			if v := le.Uint16(d[2*i:]); v != 0 {
				u = append(u, v)
			}
		}
		e.name = string(utf16.Decode(u))
		c.dir = append(c.dir, e)
	}
	if len(c.dir) == 0 || c.dir[0].typ != 5 {
		return cfbErr("no root entry")
	}
	return nil
}

// rootStreams returns the streams directly under the root storage, keyed
// by their upper-cased name (CFB compares names without case), walking the
// root's red-black tree with a visited set.
func (c *cfbFile) rootStreams() map[string]int {
	out := map[string]int{}
	seen := newBitmap(uint32(len(c.dir)))
	stack := []uint32{c.dir[0].child}
	for len(stack) > 0 {
		i := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if i >= uint32(len(c.dir)) || seen.testSet(i) {
			continue
		}
		e := c.dir[i]
		out[strings.ToUpper(e.name)] = int(i)
		stack = append(stack, e.left, e.right)
	}
	return out
}

// stream reads up to max bytes of the stream at directory index i.
func (c *cfbFile) stream(i int, max int64) ([]byte, error) {
	e := c.dir[i]
	if e.typ != 2 {
		return nil, cfbErr("%q is not a stream", e.name)
	}
	if e.size < 0 || e.size > c.size {
		return nil, cfbErr("stream %q claims %d bytes", e.name, e.size)
	}
	n := min(e.size, max, maxOLEStreamRead)
	var b []byte
	var err error
	if e.size < c.cutoff {
		b, err = c.miniStream(e.start, n)
	} else {
		b, err = c.readChain(e.start, n)
	}
	if err != nil {
		return nil, err
	}
	if int64(len(b)) < n {
		return nil, cfbErr("stream %q is cut short", e.name)
	}
	return b[:n], nil
}

// miniStream reads n bytes of a stream held in the mini stream.
func (c *cfbFile) miniStream(start uint32, n int64) ([]byte, error) {
	if c.ministrm == nil {
		root := c.dir[0]
		b, err := c.readChain(root.start, min(root.size, maxOLEStreamRead))
		if err != nil {
			return nil, fmt.Errorf("mini stream: %w", err)
		}
		c.ministrm = b[:min(int64(len(b)), root.size)]
	}
	out := make([]byte, 0, n)
	seen := newBitmap(uint32(len(c.minifat)))
	for s := start; int64(len(out)) < n; s = c.minifat[s] {
		if s >= uint32(len(c.minifat)) || seen.testSet(s) {
			return nil, cfbErr("mini sector chain broken at %d", s)
		}
		off := int64(s) << miniShift
		if off+1<<miniShift > int64(len(c.ministrm)) {
			return nil, cfbErr("mini sector %d outside the mini stream", s)
		}
		out = append(out, c.ministrm[off:off+1<<miniShift]...)
	}
	return out, nil
}

// bitmap marks visited sectors or entries.
type bitmap []uint64

func newBitmap(n uint32) bitmap { return make(bitmap, (uint64(n)+63)/64) }

// testSet marks i and reports whether it was marked already; out of range
// counts as marked.
func (b bitmap) testSet(i uint32) bool {
	w := int(i / 64)
	if w >= len(b) {
		return true
	}
	m := uint64(1) << (i % 64)
	was := b[w]&m != 0
	b[w] |= m
	return was
}

func init() { oleExtractor = extractOLE }

// extractOLE tells what an OLE file holds: a password-protected document
// is counted as protected, not as an error or an unknown file; a workbook
// or a Word document is handed to its reader in oleReaders.
func extractOLE(ctx context.Context, f *File, ra io.ReaderAt, size int64, sink Sink, lim Limits) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c, err := openCFB(ra, size)
	if err != nil {
		f.Status, f.Reason = StatusError, "failed to read OLE file: "+innerError(err)
		return nil
	}
	streams := c.rootStreams()
	has := func(n string) (int, bool) { i, ok := streams[strings.ToUpper(n)]; return i, ok }
	f.Status = StatusSkipped
	_, info := has("EncryptionInfo")
	_, pkg := has("EncryptedPackage")
	switch {
	case info && pkg:
		f.Format, f.Status, f.Reason = FormatOOXMLEncrypted, StatusProtected, reasonProtected
		return nil
	}
	var kind string
	var check func([]byte) (bool, error)
	var idx int
	max := int64(biffHead)
	if i, ok := has("Workbook"); ok {
		kind, check, idx = FormatXLS, biffProtected, i
	} else if i, ok := has("Book"); ok {
		kind, check, idx = FormatXLS, biffProtected, i
	} else if i, ok := has("WordDocument"); ok {
		kind, check, idx, max = FormatDOC, fibProtected, i, 32
	} else if _, ok := has("PowerPoint Document"); ok {
		f.Format, f.Reason = FormatPPT, reasonUnsupported+FormatPPT+" (not read yet)"
		if _, enc := has("EncryptedSummary"); enc {
			f.Status, f.Reason = StatusProtected, reasonProtected
		}
		return nil
	} else {
		f.Reason = reasonUnsupported + FormatOLE
		return nil
	}
	f.Format = kind
	b, err := c.stream(idx, max)
	if err == nil {
		var prot bool
		if prot, err = check(b); err == nil && prot {
			f.Status, f.Reason = StatusProtected, reasonProtected
			return nil
		}
	}
	if err != nil {
		f.Status, f.Reason = StatusError, "failed to read OLE file: "+innerError(err)
		return nil
	}
	read, ok := oleReaders[kind]
	if !ok {
		f.Reason = reasonUnsupported + kind + " (not read yet)"
		return nil
	}
	f.Status, f.Reason = StatusOK, ""
	return read(ctx, f, c, idx, sink, lim)
}

// oleReaders read the text of a legacy Office document whose main stream
// (Workbook or WordDocument, at index stream of c's directory) was found
// and is not encrypted. Each reader registers itself from its own file.
// A reader sets f.Status and f.Reason itself when the document cannot be
// read (StatusError with a reason); the error it returns is only the
// context's.
var oleReaders = map[string]func(ctx context.Context, f *File, c *cfbFile, stream int, sink Sink, lim Limits) error{}

// BIFF record types.
const (
	biffBOF      = 0x0809
	biffBOF5     = 0x0009 // BIFF2-4 style BOF numbers seen in old files
	biffEOF      = 0x000A
	biffFilePass = 0x002F
)

// biffProtected walks the records of a workbook stream's globals substream
// and reports whether it holds FILEPASS (the workbook is encrypted).
func biffProtected(b []byte) (bool, error) {
	for n, off := 0, 0; n < maxBIFFRecords; n++ {
		if off+4 > len(b) {
			if n == 0 {
				return false, cfbErr("empty workbook stream")
			}
			return false, nil // past what was read: no FILEPASS up front
		}
		typ := binary.LittleEndian.Uint16(b[off:])
		ln := int(binary.LittleEndian.Uint16(b[off+2:]))
		if n == 0 && typ != biffBOF && typ&0xFF != biffBOF5 {
			return false, cfbErr("workbook stream does not start with BOF")
		}
		switch typ {
		case biffFilePass:
			return true, nil
		case biffEOF:
			return false, nil
		}
		off += 4 + ln
	}
	return false, nil
}

// fibProtected reads fEncrypted from the FibBase of a WordDocument stream.
func fibProtected(b []byte) (bool, error) {
	if len(b) < 12 {
		return false, cfbErr("WordDocument stream shorter than its FIB")
	}
	return binary.LittleEndian.Uint16(b[0x0A:])&0x0100 != 0, nil
}
