package scan

import (
	"bytes"
	"encoding/binary"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
)

// Properties of a SummaryInformation property set ([MS-OLEPS]).
const (
	pidCodePage   = 1
	pidAuthor     = 4
	pidLastAuthor = 8
	vtI2          = 0x02
	vtLPSTR       = 0x1E
	vtLPWSTR      = 0x1F
)

// docProperties returns the author and last editor of an OLE document
// from its \x05SummaryInformation stream, labelled as docx labels them.
// A missing or broken property set gives nothing: the text was read.
func docProperties(c *cfbFile) []string {
	i, ok := c.rootStreams()["\x05SUMMARYINFORMATION"]
	if !ok {
		return nil
	}
	b, err := c.stream(i, docPropStream)
	if err != nil {
		return nil
	}
	props := summaryProps(b)
	var out []string
	for _, p := range []struct {
		id    uint32
		label string
	}{{pidAuthor, ooxmlProperties["creator"]}, {pidLastAuthor, ooxmlProperties["lastModifiedBy"]}} {
		if v := props[p.id]; v != "" {
			out = append(out, p.label+v)
		}
	}
	return out
}

// summaryProps reads the string properties of the first section of a
// property set, decoded by its code page.
func summaryProps(b []byte) map[uint32]string {
	le := binary.LittleEndian
	if len(b) < 48 || le.Uint16(b) != 0xFFFE || le.Uint32(b[24:]) == 0 {
		return nil
	}
	sec := int(le.Uint32(b[44:]))
	if sec < 0 || sec > len(b)-8 {
		return nil
	}
	s := b[sec:]
	n := int(le.Uint32(s[4:]))
	if n < 0 || n > (len(s)-8)/8 {
		return nil
	}
	cpage := 0
	raw := map[uint32][]byte{}
	wide := map[uint32]bool{}
	for k := range n {
		id, at := le.Uint32(s[8+8*k:]), int(le.Uint32(s[12+8*k:]))
		if at < 0 || at > len(s)-8 {
			continue
		}
		v := s[at:]
		switch le.Uint16(v) {
		case vtI2:
			if id == pidCodePage {
				cpage = int(le.Uint16(v[4:]))
			}
		case vtLPSTR, vtLPWSTR:
			size := int(le.Uint32(v[4:]))
			w := le.Uint16(v) == vtLPWSTR
			if w {
				size *= 2
			}
			if size < 0 || size > len(v)-8 {
				continue
			}
			raw[id], wide[id] = v[8:8+min(size, docMaxProp)], w
		}
	}
	out := map[uint32]string{}
	for id, v := range raw {
		if id != pidAuthor && id != pidLastAuthor {
			continue
		}
		if wide[id] || cpage == 1200 {
			out[id] = decodeUTF16LE(v)
		} else {
			out[id] = decodeCodePage(v, cpage)
		}
		out[id] = strings.TrimSpace(strings.TrimRight(out[id], "\x00"))
	}
	return out
}

// decodeUTF16LE decodes UTF-16LE up to its first NUL.
func decodeUTF16LE(b []byte) string {
	u := make([]uint16, 0, len(b)/2)
	for k := 0; k+1 < len(b); k += 2 {
		c := binary.LittleEndian.Uint16(b[k:])
		if c == 0 {
			break
		}
		u = append(u, c)
	}
	return string(utf16.Decode(u))
}

// decodeCodePage decodes an 8-bit property string up to its first NUL.
func decodeCodePage(b []byte, cpage int) string {
	if k := bytes.IndexByte(b, 0); k >= 0 {
		b = b[:k]
	}
	var dec *encoding.Decoder
	switch cpage {
	case 932:
		dec = japanese.ShiftJIS.NewDecoder()
	case 20932, 51932:
		dec = japanese.EUCJP.NewDecoder()
	case 65001:
		return strings.ToValidUTF8(string(b), "\uFFFD")
	default:
		if utf8.Valid(b) {
			return string(b)
		}
		dec = charmap.Windows1252.NewDecoder()
	}
	s, err := dec.Bytes(b)
	if err != nil {
		return strings.ToValidUTF8(string(b), "\uFFFD")
	}
	return string(s)
}
