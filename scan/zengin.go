package scan

import (
	"bufio"
	"context"
	"io"
	"strings"
)

// A 全銀協 (Zengin) transfer file is a run of 120-byte records, with or
// without line breaks between them: a header record ('1'), data records
// ('2'), a trailer ('8') and an end record ('9'), in JIS X 0201 (ASCII
// and half-width katakana, as Shift_JIS writes them). It is recognised by
// that structure, whatever its name, and each data record becomes a table
// row under a synthetic header naming its fields.
const (
	zenginRecord = 120
	// zenginCheck is how many records are checked each 64 KiB of a
	// ctx-cancellable read.
	zenginCheck = 512
	// kindKozaFurikae is the header's 種別コード of 口座振替 (direct debit).
	kindKozaFurikae = "91"
)

// zenginField is one fixed-width field of a data record.
type zenginField struct {
	name       string
	start, len int // 0-based byte offset and width
}

// zenginTransfer is the data record of 総合振込 and 給与振込 (種別 21, 11, 12).
var zenginTransfer = []zenginField{
	{"データ区分", 0, 1}, {"銀行番号", 1, 4}, {"銀行名", 5, 15}, {"支店番号", 20, 3}, {"支店名", 23, 15},
	{"手形交換所番号", 38, 4}, {"預金種目", 42, 1}, {"口座番号", 43, 7}, {"受取人名", 50, 30},
	{"振込金額", 80, 10}, {"新規コード", 90, 1}, {"顧客コード1", 91, 10}, {"顧客コード2", 101, 10},
	{"振込指定区分", 111, 1}, {"識別表示", 112, 1}, {"ダミー", 113, 7},
}

// zenginDebit is the data record of 口座振替 (種別 91).
var zenginDebit = []zenginField{
	{"データ区分", 0, 1}, {"銀行番号", 1, 4}, {"銀行名", 5, 15}, {"支店番号", 20, 3}, {"支店名", 23, 15},
	{"ダミー", 38, 4}, {"預金種目", 42, 1}, {"口座番号", 43, 7}, {"預金者名", 50, 30},
	{"引落金額", 80, 10}, {"新規コード", 90, 1}, {"顧客番号", 91, 20}, {"振替結果コード", 111, 1},
	{"ダミー", 112, 8},
}

// zenginByte reports whether c may appear in a record: printable ASCII or
// a half-width katakana byte.
func zenginByte(c byte) bool { return (c >= 0x20 && c < 0x7f) || (c >= 0xa1 && c <= 0xdf) }

func isDigits(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return len(b) > 0
}

// zenginNext says which record types may follow one: a header opens a
// group of data records closed by a trailer; groups repeat; an end closes.
var zenginNext = map[byte]string{0: "1", '1': "28", '2': "28", '8': "19", '9': ""}

// validRecord checks one record's bytes and the digits its type requires.
func validRecord(r []byte, prev byte) bool {
	if !strings.ContainsRune(zenginNext[prev], rune(r[0])) {
		return false
	}
	for _, c := range r {
		if !zenginByte(c) {
			return false
		}
	}
	switch r[0] {
	case '1':
		return isDigits(r[1:3])
	case '2':
		return isDigits(r[1:5])
	case '8':
		return isDigits(r[1:7])
	}
	return true
}

// isZengin reports whether sample starts like a Zengin file: at least a
// header and one more record, all 120 bytes, separated alike, in order.
func isZengin(sample []byte, atEOF bool) bool {
	if len(sample) < 2*zenginRecord || sample[0] != '1' {
		return false
	}
	sep := ""
	switch rest := sample[zenginRecord:]; {
	case strings.HasPrefix(string(rest[:min(2, len(rest))]), "\r\n"):
		sep = "\r\n"
	case rest[0] == '\n':
		sep = "\n"
	}
	var prev byte
	n, off := 0, 0
	for off+zenginRecord <= len(sample) {
		r := sample[off : off+zenginRecord]
		if !validRecord(r, prev) {
			return false
		}
		prev, n, off = r[0], n+1, off+zenginRecord
		tail := sample[off:]
		if strings.HasPrefix(string(tail), sep) && len(tail) >= len(sep)+zenginRecord {
			off += len(sep)
			continue
		}
		if !atEOF {
			break
		}
		return n >= 2 && (prev == '8' || prev == '9') && strings.Trim(string(tail), "\r\n\x1a") == ""
	}
	return n >= 2 && !atEOF
}

// readZengin hands the records of a Zengin file to sink: data records as
// rows of the "" table under a synthetic header, the others as text.
func readZengin(ctx context.Context, br *bufio.Reader, sink Sink, f *File) error {
	layout := zenginTransfer
	rec := make([]byte, zenginRecord)
	cells := make([]Cell, 0, len(zenginDebit))
	for line := 1; ; line++ {
		if line%zenginCheck == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if err := skipSeparators(br); err != nil {
			return nilIfEOF(err)
		}
		n, err := io.ReadFull(br, rec)
		if n < zenginRecord {
			if n > 0 {
				sink.Text(strings.TrimSpace(zenginDecode(rec[:n], f)), Loc{Line: line, Col: 1})
			}
			return nilIfEOF(err)
		}
		switch rec[0] {
		case '1':
			if line == 1 {
				if string(rec[1:3]) == kindKozaFurikae {
					layout = zenginDebit
				}
				cells = cells[:0]
				for i, fd := range layout {
					cells = append(cells, Cell{Text: fd.name, At: Loc{Line: line, Col: fd.start + 1}, Field: i})
				}
				sink.Row("", cells)
			}
			sink.Text(zenginText(rec, f), Loc{Line: line, Col: 1})
		case '2':
			cells = cells[:0]
			for i, fd := range layout {
				s := strings.TrimSpace(zenginDecode(rec[fd.start:fd.start+fd.len], f))
				cells = append(cells, Cell{Text: s, At: Loc{Line: line, Col: fd.start + 1}, Field: i})
			}
			sink.Row("", cells)
		default:
			sink.Text(zenginText(rec, f), Loc{Line: line, Col: 1})
		}
	}
}

// zenginText is a header, trailer or end record as a line of text, its
// padding collapsed so that fields read as words.
func zenginText(rec []byte, f *File) string {
	return strings.Join(strings.Fields(zenginDecode(rec, f)), " ")
}

func nilIfEOF(err error) error {
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return nil
	}
	return err
}

// skipSeparators drops the line breaks (and a DOS end-of-file mark)
// between records.
func skipSeparators(br *bufio.Reader) error {
	for {
		c, err := br.ReadByte()
		if err != nil {
			return err
		}
		if c != '\r' && c != '\n' && c != 0x1a {
			return br.UnreadByte()
		}
	}
}

// zenginDecode decodes JIS X 0201 bytes: ASCII, and half-width katakana
// at 0xA1-0xDF (U+FF61-U+FF9F). Other bytes become U+FFFD.
func zenginDecode(b []byte, f *File) string {
	var sb strings.Builder
	sb.Grow(len(b) * 3)
	for _, c := range b {
		switch {
		case c < 0x80:
			sb.WriteByte(c)
		case c >= 0xa1 && c <= 0xdf:
			sb.WriteRune(rune(c) - 0xa1 + 0xff61)
		default:
			sb.WriteRune('\uFFFD')
			f.DecodeErrors++
		}
	}
	return sb.String()
}
