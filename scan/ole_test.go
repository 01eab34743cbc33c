package scan

import (
	"bytes"
	"context"
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"
)

// cfbSpec describes a compound file for buildCFB.
type cfbSpec struct {
	shift    uint     // 9 or 12
	names    []string // root streams, in order
	data     [][]byte
	extraFAT int // FAT sectors beyond those needed, to force DIFAT sectors
}

// buildCFB writes a compound file: FAT sectors, DIFAT sectors, directory,
// then each stream in regular sectors (the mini stream cutoff is 0, so no
// stream is small; LibreOffice's fixtures cover the mini stream).
func buildCFB(s cfbSpec) []byte {
	le := binary.LittleEndian
	ss := 1 << s.shift
	per := ss / 4
	ndir := (len(s.names) + 1 + ss/dirSize - 1) / (ss / dirSize)
	var nstream int
	for _, d := range s.data {
		nstream += (len(d) + ss - 1) / ss
	}
	// Solve for FAT and DIFAT sector counts.
	nfat, ndif := 1, 0
	for {
		total := nfat + ndif + ndir + nstream
		need := (total+per-1)/per + s.extraFAT
		nd := 0
		if need > 109 {
			nd = (need - 109 + per - 2) / (per - 1)
		}
		if need == nfat && nd == ndif {
			break
		}
		nfat, ndif = need, nd
	}
	total := nfat + ndif + ndir + nstream
	fat := make([]uint32, nfat*per)
	for i := range fat {
		fat[i] = noStream
	}
	for i := 0; i < nfat; i++ {
		fat[i] = 0xFFFFFFFD
	}
	for i := nfat; i < nfat+ndif; i++ {
		fat[i] = 0xFFFFFFFC
	}
	link := func(start, n int) {
		for i := start; i < start+n-1; i++ {
			fat[i] = uint32(i + 1)
		}
		if n > 0 {
			fat[start+n-1] = secEnd
		}
	}
	dirStart := nfat + ndif
	link(dirStart, ndir)
	out := make([]byte, ss+total*ss)
	h := out[:headerSize]
	copy(h, cfbMagic)
	le.PutUint16(h[24:], 0x3E)
	le.PutUint16(h[26:], uint16(map[uint]int{9: 3, 12: 4}[s.shift]))
	le.PutUint16(h[28:], 0xFFFE)
	le.PutUint16(h[30:], uint16(s.shift))
	le.PutUint16(h[32:], miniShift)
	le.PutUint32(h[44:], uint32(nfat))
	le.PutUint32(h[48:], uint32(dirStart))
	le.PutUint32(h[56:], 0)
	le.PutUint32(h[60:], secEnd)
	le.PutUint32(h[68:], secEnd)
	le.PutUint32(h[72:], uint32(ndif))
	for i := 0; i < 109; i++ {
		v := uint32(noStream)
		if i < nfat {
			v = uint32(i)
		}
		le.PutUint32(h[76+4*i:], v)
	}
	sec := func(n int) []byte { return out[ss+n*ss : ss+(n+1)*ss] }
	if ndif > 0 {
		le.PutUint32(h[68:], uint32(nfat))
		k := 109
		for d := 0; d < ndif; d++ {
			b := sec(nfat + d)
			for i := 0; i < per-1; i++ {
				v := uint32(noStream)
				if k < nfat {
					v = uint32(k)
				}
				k++
				le.PutUint32(b[4*i:], v)
			}
			next := uint32(secEnd)
			if d+1 < ndif {
				next = uint32(nfat + d + 1)
			}
			le.PutUint32(b[4*(per-1):], next)
		}
	}
	entry := func(i int, name string, typ byte, start uint32, size int, right, child uint32) {
		d := out[ss+dirStart*ss+i*dirSize:][:dirSize]
		u := utf16.Encode([]rune(name))
		for j, v := range u {
			le.PutUint16(d[2*j:], v)
		}
		le.PutUint16(d[64:], uint16(2*len(u)+2))
		d[66], d[67] = typ, 1
		le.PutUint32(d[68:], noStream)
		le.PutUint32(d[72:], right)
		le.PutUint32(d[76:], child)
		le.PutUint32(d[116:], start)
		le.PutUint64(d[120:], uint64(size))
	}
	// The tree is a right-leaning list: entry 1's right is 2, and so on.
	child := uint32(noStream)
	if len(s.names) > 0 {
		child = 1
	}
	entry(0, "Root Entry", 5, secEnd, 0, noStream, child)
	next := dirStart + ndir
	for i, name := range s.names {
		n := (len(s.data[i]) + ss - 1) / ss
		link(next, n)
		copy(out[ss+next*ss:], s.data[i])
		right := uint32(noStream)
		if i+1 < len(s.names) {
			right = uint32(i + 2)
		}
		start := uint32(next)
		if n == 0 {
			start = secEnd
		}
		entry(i+1, name, 2, start, len(s.data[i]), right, noStream)
		next += n
	}
	for i := 0; i < nfat; i++ {
		b := sec(i)
		for j := 0; j < per; j++ {
			le.PutUint32(b[4*j:], fat[i*per+j])
		}
	}
	return out
}

// biff builds BIFF records.
func biff(recs ...uint16) []byte {
	var b []byte
	for _, r := range recs {
		b = binary.LittleEndian.AppendUint16(b, r)
		b = binary.LittleEndian.AppendUint16(b, 4)
		b = append(b, 0, 6, 5, 0)
	}
	return b
}

func fib(flags uint16) []byte {
	b := make([]byte, 64)
	binary.LittleEndian.PutUint16(b, 0xA5EC)
	binary.LittleEndian.PutUint16(b[0x0A:], flags)
	return b
}

// extractOLEBytes runs Extract on b and returns what it recorded.
func extractOLEBytes(b []byte) File {
	f := File{Rel: "x"}
	_ = Extract(context.Background(), &f, bytes.NewReader(b), &nopSink{}, Limits{})
	return f
}

func TestOLE(t *testing.T) {
	big := bytes.Repeat([]byte{7}, 5000)
	tests := map[string]struct {
		spec   cfbSpec
		format string
		status Status
		reason string
	}{
		"encrypted ooxml": {cfbSpec{shift: 9, names: []string{"EncryptionInfo", "EncryptedPackage"}, data: [][]byte{{4, 0, 4, 0}, big}},
			FormatOOXMLEncrypted, StatusProtected, reasonProtected},
		"encrypted ooxml 4096": {cfbSpec{shift: 12, names: []string{"\x06DataSpaces", "encryptedpackage", "ENCRYPTIONINFO"}, data: [][]byte{{1}, big, {4, 0}}},
			FormatOOXMLEncrypted, StatusProtected, reasonProtected},
		"xls filepass": {cfbSpec{shift: 9, names: []string{"Workbook"}, data: [][]byte{biff(biffBOF, biffFilePass, biffEOF)}},
			FormatXLS, StatusProtected, reasonProtected},
		"xls plain": {cfbSpec{shift: 9, names: []string{"Workbook"}, data: [][]byte{biff(biffBOF, 0x00E1, biffEOF, biffFilePass)}},
			FormatXLS, StatusOK, ""},
		"biff5 book": {cfbSpec{shift: 9, names: []string{"Book"}, data: [][]byte{biff(biffBOF, biffFilePass)}},
			FormatXLS, StatusProtected, reasonProtected},
		"doc encrypted": {cfbSpec{shift: 9, names: []string{"1Table", "WordDocument"}, data: [][]byte{{0}, fib(0x0100)}},
			FormatDOC, StatusProtected, reasonProtected},
		"doc word 6/95": {cfbSpec{shift: 9, names: []string{"WordDocument"}, data: [][]byte{fib(0x0200)}},
			FormatDOC, StatusSkipped, "unsupported format: doc (Word 6/95)"},
		"ppt": {cfbSpec{shift: 9, names: []string{"PowerPoint Document"}, data: [][]byte{{1, 2}}},
			FormatPPT, StatusSkipped, "unsupported format: ppt (not read yet)"},
		"other": {cfbSpec{shift: 9, names: []string{"Contents"}, data: [][]byte{{1}}},
			FormatOLE, StatusSkipped, "unsupported format: ole"},
		"difat sectors": {cfbSpec{shift: 9, names: []string{"EncryptionInfo", "EncryptedPackage"}, data: [][]byte{{4}, big}, extraFAT: 250},
			FormatOOXMLEncrypted, StatusProtected, reasonProtected},
		"xls without BOF": {cfbSpec{shift: 9, names: []string{"Workbook"}, data: [][]byte{biff(biffFilePass)}},
			FormatXLS, StatusError, "failed to read OLE file: scan: corrupt OLE file: workbook stream does not start with BOF"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			f := extractOLEBytes(buildCFB(tc.spec))
			if f.Format != tc.format || f.Status != tc.status || f.Reason != tc.reason {
				t.Errorf("got %s/%s %q, want %s/%s %q", f.Format, f.Status, f.Reason, tc.format, tc.status, tc.reason)
			}
		})
	}
}

func TestOLEFixtures(t *testing.T) {
	tests := map[string]struct {
		format string
		status Status
	}{
		"plain.xls":     {FormatXLS, StatusOK},
		"protected.xls": {FormatXLS, StatusProtected},
		"plain.doc":     {FormatDOC, StatusOK},
		"protected.doc": {FormatDOC, StatusProtected},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			f := File{Path: filepath.Join("testdata", "office", name)}
			if err := ExtractFile(context.Background(), &f, &nopSink{}, Limits{}); err != nil {
				t.Fatal(err)
			}
			if f.Format != tc.format || f.Status != tc.status {
				t.Errorf("got %s/%s (%s), want %s/%s", f.Format, f.Status, f.Reason, tc.format, tc.status)
			}
		})
	}
}

// TestOLECorrupt checks that broken compound files are errors, not panics.
func TestOLECorrupt(t *testing.T) {
	good := buildCFB(cfbSpec{shift: 9, names: []string{"Workbook"}, data: [][]byte{biff(biffBOF, biffEOF)}})
	le := binary.LittleEndian
	mod := func(fn func(b []byte)) []byte { b := bytes.Clone(good); fn(b); return b }
	dirSec := int(le.Uint32(good[48:]))
	fatAt := func(i int) int { return 512 + 4*i } // FAT sector 0 is sector 0
	tests := map[string][]byte{
		"truncated":    good[:600],
		"bad shift":    mod(func(b []byte) { le.PutUint16(b[30:], 20) }),
		"dir loop":     mod(func(b []byte) { le.PutUint32(b[fatAt(dirSec):], uint32(dirSec)) }),
		"dir far":      mod(func(b []byte) { le.PutUint32(b[48:], 1<<30) }),
		"fat count":    mod(func(b []byte) { le.PutUint32(b[44:], 1<<20) }),
		"stream huge":  mod(func(b []byte) { le.PutUint64(b[512*(dirSec+1)+dirSize+120:], 1<<31) }),
		"stream start": mod(func(b []byte) { le.PutUint32(b[512*(dirSec+1)+dirSize+116:], 99999) }),
		"no root":      mod(func(b []byte) { b[512*(dirSec+1)+66] = 1 }),
	}
	// The directory starts at sector dirSec: its bytes are at 512*(dirSec+1).
	for name, b := range tests {
		t.Run(name, func(t *testing.T) {
			f := extractOLEBytes(b)
			if f.Status != StatusError || !strings.HasPrefix(f.Reason, "failed to read OLE file: ") {
				t.Errorf("got %s %q, want an error", f.Status, f.Reason)
			}
		})
	}
}

func FuzzOLE(f *testing.F) {
	f.Add(buildCFB(cfbSpec{shift: 9, names: []string{"EncryptionInfo", "EncryptedPackage"}, data: [][]byte{{4}, {5}}}))
	f.Add(buildCFB(cfbSpec{shift: 12, names: []string{"Workbook"}, data: [][]byte{biff(biffBOF, biffFilePass)}}))
	f.Add(buildCFB(cfbSpec{shift: 9, names: []string{"WordDocument"}, data: [][]byte{fib(0x100)}, extraFAT: 120}))
	for _, n := range []string{"plain.xls", "protected.xls", "plain.doc", "protected.doc", "xls_roster.xls", "doc_letter.doc"} {
		if b, err := os.ReadFile(filepath.Join("testdata", "office", n)); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) < 8 || string(b[:8]) != cfbMagic {
			b = append([]byte(cfbMagic), b...)
		}
		fl := extractOLEBytes(b)
		switch fl.Status {
		case StatusOK, StatusProtected, StatusSkipped, StatusError:
		default:
			t.Errorf("status %q", fl.Status)
		}
	})
}

func BenchmarkOLE(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("testdata", "office", "plain.xls"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		extractOLEBytes(data)
	}
}
