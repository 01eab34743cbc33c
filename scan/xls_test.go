package scan

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/japanese"
)

// Records of a BIFF stream, built for tests.

func xle16(v ...uint16) []byte {
	var b []byte
	for _, x := range v {
		b = binary.LittleEndian.AppendUint16(b, x)
	}
	return b
}

func xle32(v uint32) []byte { return binary.LittleEndian.AppendUint32(nil, v) }

func xrec(typ uint16, parts ...[]byte) []byte {
	data := slices.Concat(parts...)
	return slices.Concat(xle16(typ, uint16(len(data))), data)
}

// u16chars is s in UTF-16LE; l8chars is s in one byte a character (Latin-1).
func xu16(s string) []byte {
	var b []byte
	for _, v := range utf16.Encode([]rune(s)) {
		b = binary.LittleEndian.AppendUint16(b, v)
	}
	return b
}

func xl8(s string) []byte {
	var b []byte
	for _, r := range s {
		b = append(b, byte(r))
	}
	return b
}

// xlsUniString is an XLUnicodeString: 16-bit count, flags, UTF-16 characters.
func xlsUniString(s string) []byte {
	return slices.Concat(xle16(uint16(len(utf16.Encode([]rune(s))))), []byte{1}, xu16(s))
}

func xlsCellHead(row, col, xf uint16) []byte { return xle16(row, col, xf) }

func xlsLabelSST(row, col uint16, i uint32) []byte {
	return xrec(biffLabelSST, xlsCellHead(row, col, 15), xle32(i))
}

func xlsNumber(row, col, xf uint16, v float64) []byte {
	return xrec(biffNumber, xlsCellHead(row, col, xf), binary.LittleEndian.AppendUint64(nil, math.Float64bits(v)))
}

func xlsRK(row, col, xf uint16, v uint32) []byte {
	return xrec(biffRK, xlsCellHead(row, col, xf), xle32(v))
}

func xlsLabel(row, col uint16, s string) []byte {
	return xrec(biffLabel, xlsCellHead(row, col, 15), xlsUniString(s))
}

type xlsSpec struct {
	biff5   bool
	globals [][]byte // records between the globals' BOF and the sheet list
	after   [][]byte // records after the sheet list (the SST)
	sheets  []xlsSheetSpec
}

type xlsSheetSpec struct {
	name  string // BIFF5: the bytes of the name in the code page
	state byte   // 0 visible, 1 hidden, 2 very hidden
	kind  byte   // 0 worksheet, 2 chart
	recs  [][]byte
}

func xlsBOFRec(biff5 bool, dt uint16) []byte {
	ver := uint16(biffVersion8)
	if biff5 {
		ver = biffVersion5
	}
	return xrec(biffBOF, xle16(ver, dt, 0x0DBB, 0x07CC), make([]byte, 8))
}

// buildXLS lays out a workbook stream: globals, then each sheet at the
// offset its BOUNDSHEET record gives.
func buildXLS(s xlsSpec) []byte {
	head := slices.Concat(append([][]byte{xlsBOFRec(s.biff5, biffGlobals)}, s.globals...)...)
	tail := slices.Concat(append(slices.Clone(s.after), xrec(biffEOF))...)
	names := make([][]byte, len(s.sheets))
	size := len(head) + len(tail)
	for i, sh := range s.sheets {
		if s.biff5 {
			names[i] = slices.Concat([]byte{byte(len(sh.name))}, []byte(sh.name))
		} else {
			names[i] = slices.Concat([]byte{byte(len(utf16.Encode([]rune(sh.name)))), 1}, xu16(sh.name))
		}
		size += 4 + 6 + len(names[i])
	}
	var list, body []byte
	for i, sh := range s.sheets {
		list = append(list, xrec(biffBoundSheet, xle32(uint32(size+len(body))), []byte{sh.state, sh.kind}, names[i])...)
		dt := uint16(biffWorksheet)
		if sh.kind == 2 {
			dt = 0x0020
		}
		body = append(body, xlsBOFRec(s.biff5, dt)...)
		body = append(body, slices.Concat(sh.recs...)...)
		body = append(body, xrec(biffEOF)...)
	}
	return slices.Concat(head, list, tail, body)
}

// xlsFile wraps a workbook stream in a compound file.
func xlsFile(stream []byte, biff5 bool) []byte {
	name := "Workbook"
	if biff5 {
		name = "Book"
	}
	return buildCFB(cfbSpec{shift: 9, names: []string{name}, data: [][]byte{stream}})
}

// xlsCheckCalls checks what holds for any sheet: rows only, each record
// starting at field 0 with fields increasing, cells located on their
// sheet within the limits.
func xlsCheckCalls(t *testing.T, calls []extractCall, lim Limits) {
	t.Helper()
	lim = lim.normalized()
	last, line := -1, 0
	for _, c := range calls {
		if c.cells == nil {
			if c.at.Sheet == "" || !utf8.ValidString(c.text) || utf8.RuneCountInString(c.text) > lim.MaxLine {
				t.Fatalf("bad text %v", c)
			}
			continue
		}
		if len(c.cells) == 0 {
			t.Fatal("empty row")
		}
		if c.cells[0].Field == 0 {
			last, line = -1, c.cells[0].At.Line
		}
		for _, cl := range c.cells {
			if cl.Field <= last || cl.At.Sheet == "" || cl.At.Line != line || cl.At.Line < 1 || cl.At.Col != cl.Field+1 {
				t.Fatalf("bad cell %+v after field %d in %v", cl, last, c)
			}
			if n := utf8.RuneCountInString(cl.Text); n > lim.MaxField || !utf8.ValidString(cl.Text) {
				t.Fatalf("cell of %d characters", n)
			}
			last = cl.Field
		}
	}
}

// xlsCells extracts b and returns its cells as "Sheet!B7=text", rows in order.
func xlsCells(t *testing.T, b []byte) (*File, []string) {
	t.Helper()
	f, s := extractBytes(t, "x.xls", b, Limits{})
	xlsCheckCalls(t, s.calls, DefaultLimits)
	var out []string
	for _, c := range s.calls {
		for _, cl := range c.cells {
			if cl.Text != "" {
				out = append(out, cl.At.String()+"="+cl.Text)
			}
		}
	}
	return f, out
}

// xlsSSTSplit is an SST of three strings where the second is split over a
// CONTINUE record, its option byte switching from 8-bit to 16-bit
// characters, and the third, rich and phonetic, is split twice, switching
// back, with its runs and phonetic block spanning a record boundary too.
func xlsSSTSplit() [][]byte {
	sst := slices.Concat(xle32(3), xle32(3),
		xle16(2), []byte{0}, xl8("ab"),
		xle16(6), []byte{0}, xl8("Tar"))
	c1 := slices.Concat([]byte{1}, xu16("郎さん"),
		xle16(4), []byte{0x0D}, xle16(1), xle32(6), xu16("山田"))
	c2 := slices.Concat([]byte{0}, xl8("x"))                             // a new option byte: 8-bit
	c3 := slices.Concat([]byte{1}, xu16("子"), xle16(0, 0), []byte{1, 2}) // 16-bit again, the run, phonetic bytes
	c4 := []byte{3, 4, 5, 6}                                             // the rest of the phonetic block: no option byte
	return [][]byte{xrec(biffSST, sst), xrec(biffContinue, c1), xrec(biffContinue, c2), xrec(biffContinue, c3), xrec(biffContinue, c4)}
}

func TestXLSCrafted(t *testing.T) {
	xf := [][]byte{
		xrec(biffFormat, xle16(200), xlsUniString("yyyy\"年\"m\"月\"d\"日\"")),
		xrec(biffFormat, xle16(201), xlsUniString("0.00\" 円\"")),
		xrec(biffFormat, xle16(202), xlsUniString("000-0000-0000")),
	}
	for i := 0; i < 16; i++ {
		xf = append(xf, xrec(biffXF, xle16(0, 0), make([]byte, 16)))
	}
	xf = append(xf, xrec(biffXF, xle16(0, 14), make([]byte, 16)),
		xrec(biffXF, xle16(0, 200), make([]byte, 16)), xrec(biffXF, xle16(0, 201), make([]byte, 16)),
		xrec(biffXF, xle16(0, 202), make([]byte, 16)))
	const xfGeneral, xfDate, xfCustomDate, xfYen, xfPhone = 15, 16, 17, 18, 19
	tests := map[string]struct {
		spec   xlsSpec
		hidden []string
		want   []string
	}{
		"sst continue": {
			spec: xlsSpec{after: xlsSSTSplit(), sheets: []xlsSheetSpec{{name: "名簿", recs: [][]byte{
				xlsLabelSST(0, 0, 0), xlsLabelSST(0, 1, 1), xlsLabelSST(1, 2, 2), xlsLabelSST(2, 0, 3)}}}},
			want: []string{"名簿!A1=ab", "名簿!B1=Tar郎さん", "名簿!C2=山田x子"},
		},
		"rk": {
			spec: xlsSpec{globals: xf, sheets: []xlsSheetSpec{{name: "S", recs: [][]byte{
				xlsRK(0, 0, xfGeneral, 42<<2|2),                                // integer
				xlsRK(0, 1, xfGeneral, 1234<<2|3),                              // integer / 100
				xlsRK(0, 2, xfGeneral, uint32(math.Float64bits(3.5)>>32)),      // float
				xlsRK(0, 3, xfGeneral, uint32(math.Float64bits(1234.5)>>32)|1), // float / 100
				xlsRK(0, 4, xfGeneral, uint32(0xFFFFFFFF)&^3|2),                // integer -1
				xlsRK(0, 5, xfDate, 40269<<2|2),                                // a date
			}}}},
			want: []string{"S!A1=42", "S!B1=12.34", "S!C1=3.5", "S!D1=12.345", "S!E1=-1", "S!F1=2010/04/01"},
		},
		"mulrk": {
			spec: xlsSpec{globals: xf, sheets: []xlsSheetSpec{{name: "S", recs: [][]byte{
				xrec(biffMulRK, xle16(4, 1), xle16(xfGeneral), xle32(7<<2|2), xle16(xfCustomDate), xle32(40269<<2|2),
					xle16(xfYen), xle32(150<<2|3), xle16(3)),
			}}}},
			want: []string{"S!B5=7", "S!C5=2010/04/01", "S!D5=1.5"},
		},
		"numbers and dates": {
			spec: xlsSpec{globals: xf, sheets: []xlsSheetSpec{{name: "S", recs: [][]byte{
				xlsNumber(0, 0, xfGeneral, 2), xlsNumber(0, 1, xfGeneral, 0.1+0.2), xlsNumber(0, 2, xfDate, 60),
				xlsNumber(0, 3, xfDate, 40269.75), xlsNumber(0, 4, xfGeneral, math.NaN()), xlsNumber(0, 5, xfGeneral, 123456789012),
			}}}},
			want: []string{"S!A1=2", "S!B1=0.3", "S!C1=1900/02/29", "S!D1=2010/04/01", "S!F1=123456789012"},
		},
		"numbers that keep their leading zeros": {
			spec: xlsSpec{globals: xf, sheets: []xlsSheetSpec{{name: "S", recs: [][]byte{
				xlsNumber(0, 0, xfPhone, 9012345678), xlsRK(0, 1, xfPhone, 272241111<<2|2), xlsNumber(0, 2, xfPhone, -5),
			}}}},
			want: []string{"S!A1=090-1234-5678", "S!B1=002-7224-1111", "S!C1=-5"},
		},
		"1904": {
			spec: xlsSpec{globals: append([][]byte{xrec(biffDateMode, xle16(1))}, xf...), sheets: []xlsSheetSpec{{name: "S", recs: [][]byte{
				xlsNumber(0, 0, xfDate, 38807)}}}},
			want: []string{"S!A1=2010/04/01"},
		},
		"formulas": {
			spec: xlsSpec{globals: xf, sheets: []xlsSheetSpec{{name: "S", recs: [][]byte{
				xrec(biffFormula, xlsCellHead(0, 0, xfGeneral), binary.LittleEndian.AppendUint64(nil, math.Float64bits(84)), make([]byte, 6)),
				xrec(biffFormula, xlsCellHead(0, 1, xfGeneral), []byte{0, 0, 0, 0, 0, 0, 0xFF, 0xFF}, make([]byte, 6)),
				xrec(0x04BC, make([]byte, 8)), // SHRFMLA between a formula and its string
				xrec(biffString, xlsUniString("山田 太郎")),
				xrec(biffFormula, xlsCellHead(0, 2, xfGeneral), []byte{1, 0, 1, 0, 0, 0, 0xFF, 0xFF}, make([]byte, 6)), // boolean
				xrec(biffFormula, xlsCellHead(0, 3, xfGeneral), []byte{0, 0, 0, 0, 0, 0, 0xFF, 0xFF}, make([]byte, 6)),
				xlsNumber(0, 4, xfGeneral, 5),
				xrec(biffString, xlsUniString("orphan")), // its formula was followed by another cell
			}}}},
			want: []string{"S!A1=84", "S!B1=山田 太郎", "S!E1=5"},
		},
		"long string record": {
			spec: xlsSpec{sheets: []xlsSheetSpec{{name: "S", recs: [][]byte{
				xrec(biffFormula, xlsCellHead(0, 0, 15), []byte{0, 0, 0, 0, 0, 0, 0xFF, 0xFF}, make([]byte, 6)),
				xrec(biffString, xle16(4), []byte{0}, xl8("ab")),
				xrec(biffContinue, []byte{1}, xu16("太郎")),
			}}}},
			want: []string{"S!A1=ab太郎"},
		},
		"order and hidden": {
			spec: xlsSpec{sheets: []xlsSheetSpec{
				{name: "表", recs: [][]byte{xlsLabel(1, 1, "d"), xlsLabel(0, 2, "b"), xlsLabel(0, 0, "a"), xlsLabel(1, 0, "c"), xrec(biffDBCell, xle32(0))}},
				{name: "隠し", state: 1, recs: [][]byte{xlsLabel(0, 0, "h")}},
				{name: "グラフ", kind: 2, recs: [][]byte{xlsLabel(0, 0, "never")}},
				{name: "深く隠し", state: 2, recs: [][]byte{
					xlsBOFRec(false, 0x0020), xlsLabel(0, 0, "chart"), xrec(biffEOF), // an embedded chart
					xlsLabel(9, 3, "v")}},
			}},
			hidden: []string{"隠し", "深く隠し"},
			want:   []string{"表!A1=a", "表!C1=b", "表!A2=c", "表!B2=d", "隠し!A1=h", "深く隠し!D10=v"},
		},
		"biff5 shift_jis": {
			spec: xlsSpec{biff5: true, globals: [][]byte{xrec(biffCodePage, xle16(932))}, sheets: []xlsSheetSpec{
				{name: xlsSJIS("名簿"), recs: [][]byte{
					xrec(biffLabel, xlsCellHead(0, 0, 15), xle16(uint16(len(xlsSJIS("山田 太郎")))), []byte(xlsSJIS("山田 太郎"))),
					xrec(biffRString, xlsCellHead(0, 1, 15), xle16(uint16(len(xlsSJIS("ｶﾅ")))), []byte(xlsSJIS("ｶﾅ")), []byte{1, 0, 0}),
				}}}},
			want: []string{"名簿!A1=山田 太郎", "名簿!B1=ｶﾅ"},
		},
		"biff5 cp1252": {
			spec: xlsSpec{biff5: true, globals: [][]byte{xrec(biffCodePage, xle16(1252))}, sheets: []xlsSheetSpec{
				{name: "Liste", recs: [][]byte{xrec(biffLabel, xlsCellHead(0, 0, 15), xle16(5), []byte("M\xfcller"[:5]))}}}},
			want: []string{"Liste!A1=Mülle"},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			f, got := xlsCells(t, xlsFile(buildXLS(tc.spec), tc.spec.biff5))
			if f.Status != StatusOK || f.Format != FormatXLS {
				t.Fatalf("status %s/%s %q", f.Format, f.Status, f.Reason)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("cells\n%q\nwant\n%q", got, tc.want)
			}
			if !slices.Equal(f.Hidden, tc.hidden) {
				t.Errorf("hidden %q, want %q", f.Hidden, tc.hidden)
			}
		})
	}
}

func xlsSJIS(s string) string {
	b, err := japanese.ShiftJIS.NewEncoder().String(s)
	if err != nil {
		panic(err)
	}
	return b
}

// TestXLSRows checks how rows reach the sink: a record starts at field 0,
// the sheet name is the table.
func TestXLSRows(t *testing.T) {
	b := xlsFile(buildXLS(xlsSpec{sheets: []xlsSheetSpec{{name: "名簿", recs: [][]byte{xlsLabel(6, 1, "山田 太郎"), xlsLabel(6, 3, "x")}}}}), false)
	f, s := extractBytes(t, "a.xls", b, Limits{})
	if f.Status != StatusOK || len(s.calls) != 1 {
		t.Fatalf("%s %q: %v", f.Status, f.Reason, s.strings())
	}
	want := `row 0@名簿!A7="" 1@名簿!B7="山田 太郎" 3@名簿!D7="x"`
	if got := s.calls[0].String(); got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

func TestXLSFixtures(t *testing.T) {
	tests := map[string]struct {
		hidden []string
		rows   int
		want   []string // cells that must be among those read
	}{
		"xls_roster.xls": {hidden: []string{"保護者"}, rows: 16, want: []string{
			"名簿!A1=出席番号", "名簿!D1=生年月日", "名簿!G1=アレルギー",
			"名簿!A2=1", "名簿!B2=青木 陽菜", "名簿!C2=あおき ひな", "名簿!D2=2010/04/02", "名簿!E2=090-2381-4417",
			"名簿!F2=群馬県前橋市大手町三丁目5-8", "名簿!G2=卵", "名簿!B13=須藤 陽翔", "名簿!D13=2011/03/28",
			"保護者!A2=森田 裕子", "保護者!C3=080-4410-2356"}},
		"xls_numbers.xls": {rows: 8, want: []string{
			"数値!B2=42", "数値!C2=84", "数値!B3=3.25", "数値!C3=0.8125", "数値!B4=-1234", "数値!C4=山田 太郎",
			"数値!B5=123456789012", "数値!B6=0.125", "数値!B7=2017/04/06", "数値!C7=1999/12/31", "数値!G8=6"}},
		"xls_sst.xls": {rows: 2101, want: []string{
			"xls_sst!A1=番号", "xls_sst!B2=田中 花子 第1番", "xls_sst!A2101=2100", "xls_sst!B2101=山田 太郎 第2100番"}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			f := &File{Path: filepath.Join("testdata", "office", name)}
			s := &extractSink{}
			if err := ExtractFile(context.Background(), f, s, Limits{}); err != nil {
				t.Fatal(err)
			}
			if f.Status != StatusOK || f.Format != FormatXLS || f.Truncated {
				t.Fatalf("%s/%s %q truncated %v", f.Format, f.Status, f.Reason, f.Truncated)
			}
			if !slices.Equal(f.Hidden, tc.hidden) {
				t.Errorf("hidden %q, want %q", f.Hidden, tc.hidden)
			}
			xlsCheckCalls(t, s.calls, DefaultLimits)
			got := map[string]bool{}
			for _, c := range s.calls {
				if c.cells == nil {
					t.Errorf("text call %v", c)
				}
				for _, cl := range c.cells {
					got[cl.At.String()+"="+cl.Text] = true
				}
			}
			if len(s.calls) != tc.rows {
				t.Errorf("%d rows, want %d", len(s.calls), tc.rows)
			}
			for _, w := range tc.want {
				if !got[w] {
					t.Errorf("missing %s", w)
				}
			}
		})
	}
}

// TestXLSSSTDistinct checks that the big shared-string table, which spans
// CONTINUE records, reads back every string.
func TestXLSSSTDistinct(t *testing.T) {
	f := &File{Path: filepath.Join("testdata", "office", "xls_sst.xls")}
	s := &extractSink{}
	if err := ExtractFile(context.Background(), f, s, Limits{}); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, c := range s.calls[1:] {
		if len(c.cells) != 2 || !strings.HasSuffix(c.cells[1].Text, "第"+c.cells[0].Text+"番") {
			t.Fatalf("row %v", c)
		}
		seen[c.cells[1].Text] = true
	}
	if len(seen) != 2100 {
		t.Errorf("%d distinct strings, want 2100", len(seen))
	}
}

func TestXLSCorrupt(t *testing.T) {
	ok := xlsSpec{after: xlsSSTSplit(), sheets: []xlsSheetSpec{{name: "S", recs: [][]byte{xlsLabelSST(0, 0, 1)}}}}
	good := buildXLS(ok)
	bad := func(fn func(s *xlsSpec)) []byte {
		s := ok
		s.sheets = slices.Clone(ok.sheets)
		fn(&s)
		return buildXLS(s)
	}
	tests := map[string][]byte{
		"no globals EOF":  good[:len(good)-40],
		"record past end": slices.Concat(xlsBOFRec(false, biffGlobals), xle16(biffXF, 100), make([]byte, 10)),
		"sst count": bad(func(s *xlsSpec) {
			s.after = [][]byte{xrec(biffSST, xle32(1<<30), xle32(1<<30), xle16(1), []byte{0}, []byte("a"))}
		}),
		"sst string long": bad(func(s *xlsSpec) {
			s.after = [][]byte{xrec(biffSST, xle32(1), xle32(1), xle16(60000), []byte{1}, []byte("abcd"))}
		}),
		"sst runs": bad(func(s *xlsSpec) {
			s.after = [][]byte{xrec(biffSST, xle32(1), xle32(1), xle16(1), []byte{8}, xle16(9999), []byte("a"))}
		}),
		"sst half char": bad(func(s *xlsSpec) {
			s.after = [][]byte{xrec(biffSST, xle32(1), xle32(1), xle16(2), []byte{1}, []byte("a")), xrec(biffContinue, []byte{1, 0, 'b', 0})}
		}),
		"sheet offset": func() []byte {
			b := bytes.Clone(good)
			i := bytes.Index(b, xle16(biffBoundSheet))
			binary.LittleEndian.PutUint32(b[i+4:], 3)
			return b
		}(),
		"sheet offset far": func() []byte {
			b := bytes.Clone(good)
			i := bytes.Index(b, xle16(biffBoundSheet))
			binary.LittleEndian.PutUint32(b[i+4:], 1<<30)
			return b
		}(),
		"short cell": bad(func(s *xlsSpec) { s.sheets[0].recs = [][]byte{xrec(biffNumber, xle16(1, 2))} }),
		"short label": bad(func(s *xlsSpec) {
			s.sheets[0].recs = [][]byte{xrec(biffLabel, xlsCellHead(0, 0, 0), xle16(50), []byte{0}, []byte("ab"))}
		}),
		"sheet no EOF": good[:len(good)-4],
		"not globals":  slices.Concat(xlsBOFRec(false, biffWorksheet), xrec(biffEOF)),
	}
	for name, b := range tests {
		t.Run(name, func(t *testing.T) {
			f, s := extractBytes(t, "x.xls", xlsFile(b, false), Limits{})
			if f.Status != StatusError || !strings.HasPrefix(f.Reason, "failed to read xls: scan: malformed workbook") {
				t.Errorf("got %s %q, want an error", f.Status, f.Reason)
			}
			if strings.ContainsAny(f.Reason, "太郎") {
				t.Errorf("reason %q quotes content", f.Reason)
			}
			xlsCheckCalls(t, s.calls, DefaultLimits)
		})
	}
}

// TestXLSTruncated cuts a fixture's workbook stream at many places: every
// cut is an error with a reason or a shorter read, never a panic.
func TestXLSTruncated(t *testing.T) {
	for _, name := range []string{"xls_roster.xls", "xls_numbers.xls"} {
		stream := xlsStream(t, name)
		for n := 0; n < len(stream); n += 1 + n/50 {
			f, _ := extractBytes(t, "x.xls", xlsFile(stream[:n], false), Limits{})
			if f.Status != StatusError || f.Reason == "" {
				t.Fatalf("%s cut at %d: %s %q", name, n, f.Status, f.Reason)
			}
		}
		for n := 0; n < len(stream); n += 97 { // and corrupted in place
			b := bytes.Clone(stream)
			b[n] ^= 0xFF
			f, s := extractBytes(t, "x.xls", xlsFile(b, false), Limits{})
			if f.Status == StatusError && f.Reason == "" {
				t.Fatalf("%s flipped at %d: no reason", name, n)
			}
			xlsCheckCalls(t, s.calls, DefaultLimits)
		}
	}
}

// xlsStream returns the workbook stream of a fixture.
func xlsStream(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "office", name))
	if err != nil {
		t.Fatal(err)
	}
	c, err := openCFB(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	i, ok := c.rootStreams()["WORKBOOK"]
	if !ok {
		t.Fatal("no Workbook stream")
	}
	d, err := c.stream(i, maxOLEStreamRead)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestXLSProtectedLate(t *testing.T) {
	// FILEPASS past the first 64 KiB that extractOLE looks at.
	pad := make([][]byte, 0, 40)
	for i := 0; i < 40; i++ {
		pad = append(pad, xrec(0x00E1, make([]byte, 2000)))
	}
	b := buildXLS(xlsSpec{globals: append(pad, xrec(biffFilePass, make([]byte, 6)))})
	f, _ := extractBytes(t, "x.xls", xlsFile(b, false), Limits{})
	if f.Status != StatusProtected {
		t.Errorf("got %s %q", f.Status, f.Reason)
	}
}

func TestXLSOld(t *testing.T) {
	b := slices.Concat(xrec(0x0409, xle16(0, 0x10, 0, 0)), xrec(biffEOF))
	f, _ := extractBytes(t, "x.xls", xlsFile(b, false), Limits{})
	if f.Status != StatusSkipped || !strings.HasPrefix(f.Reason, reasonUnsupported) {
		t.Errorf("got %s %q", f.Status, f.Reason)
	}
}

// xlsCancelSink cancels its context on the first row.
type xlsCancelSink struct {
	cancel context.CancelFunc
	rows   int
}

func (s *xlsCancelSink) Text(string, Loc) {}
func (s *xlsCancelSink) Row(string, []Cell) {
	s.rows++
	s.cancel()
}

// TestXLSCancel cancels the context while a sheet is read: the read stops
// with the context's error.
func TestXLSCancel(t *testing.T) {
	var recs [][]byte
	for i := 0; i < 4*xlsCtxRecords; i++ {
		recs = append(recs, xlsNumber(uint16(i/10), uint16(i%10), 15, float64(i)))
	}
	b := xlsFile(buildXLS(xlsSpec{sheets: []xlsSheetSpec{{name: "S", recs: recs}}}), false)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	f := &File{Rel: "x.xls"}
	s := &xlsCancelSink{cancel: cancel}
	err := Extract(ctx, f, bytes.NewReader(b), s, Limits{})
	if !errors.Is(err, context.Canceled) || f.Status != StatusError || f.Reason == "" {
		t.Errorf("got %v, %s %q", err, f.Status, f.Reason)
	}
	if s.rows == 0 || s.rows >= len(recs)/10 {
		t.Errorf("%d rows read of %d", s.rows, len(recs)/10)
	}
}

// TestXLSLimits checks that a long cell is split by MaxField as xlsx's are.
func TestXLSLimits(t *testing.T) {
	long := strings.Repeat("山", 500)
	b := xlsFile(buildXLS(xlsSpec{sheets: []xlsSheetSpec{{name: "S", recs: [][]byte{xlsLabel(0, 0, long)}}}}), false)
	lim := Limits{MaxField: 100, MaxRecord: 1000, MaxLine: 100}
	f, s := extractBytes(t, "x.xls", b, lim)
	if !f.Truncated || f.Status != StatusOK {
		t.Errorf("truncated %v, %s", f.Truncated, f.Status)
	}
	xlsCheckCalls(t, s.calls, lim)
}

// BenchmarkXLS reads the workbook that MAMORI_XLS_BENCH names (made by
// fixtures/office/make_xls.sh bench 50000), or the roster fixture:
//
//	fixtures/office/make_xls.sh bench 50000
//	MAMORI_XLS_BENCH=/tmp/xls_bench.xls go test ./scan -run '^$' -bench BenchmarkXLS -benchtime 20x
func BenchmarkXLS(b *testing.B) {
	path := os.Getenv("MAMORI_XLS_BENCH")
	if path == "" {
		path = filepath.Join("testdata", "office", "xls_roster.xls")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	var s countSink
	for b.Loop() {
		s = countSink{}
		f := &File{Rel: "x.xls"}
		if err := Extract(context.Background(), f, bytes.NewReader(data), &s, Limits{}); err != nil || f.Status != StatusOK {
			b.Fatalf("%v %s %q", err, f.Status, f.Reason)
		}
	}
	b.ReportMetric(float64(s.rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64(s.cells)*float64(b.N)/b.Elapsed().Seconds(), "cells/s")
}
