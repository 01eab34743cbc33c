package scan

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// sheetSink records what a spreadsheet extractor passes on.
type sheetSink struct {
	rows      [][]Cell
	texts     int
	textBytes int
}

func (s *sheetSink) Text(t string, _ Loc) { s.texts++; s.textBytes += len(t) }
func (s *sheetSink) Row(_ string, cells []Cell) {
	s.rows = append(s.rows, append([]Cell(nil), cells...))
}

// cell returns the text at a location such as "名簿!B7", and whether one was passed on.
func (s *sheetSink) cell(loc string) (string, bool) {
	for _, r := range s.rows {
		for _, c := range r {
			if c.At.String() == loc {
				return c.Text, true
			}
		}
	}
	return "", false
}

func (s *sheetSink) cells() (n int) {
	for _, r := range s.rows {
		for _, c := range r {
			if c.Text != "" {
				n++
			}
		}
	}
	return n
}

// sheetExtract runs Extract on a spreadsheet's bytes.
func sheetExtract(t testing.TB, name string, data []byte) (*File, *sheetSink) {
	t.Helper()
	f := &File{Rel: name, Size: int64(len(data))}
	s := &sheetSink{}
	if err := Extract(context.Background(), f, bytes.NewReader(data), s, Limits{}); err != nil {
		t.Fatalf("%s: Extract: %v", name, err)
	}
	return f, s
}

// sheetZipOf builds a zip from member names and contents.
func sheetZipOf(t testing.TB, parts map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range sheetSortedNames(parts) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(parts[name]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func sheetSortedNames(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

const (
	xlsxNS  = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
	xlsxRel = `http://schemas.openxmlformats.org/officeDocument/2006/relationships/`
)

// xlsxOf builds a minimal workbook: sheets by name with their sheetData,
// optional shared strings, styles and workbookPr.
func xlsxOf(t testing.TB, wbPr string, sheets []string, data []string, sst, styles string) []byte {
	t.Helper()
	parts := map[string]string{}
	var sh, rels strings.Builder
	for i, name := range sheets {
		state := ""
		if strings.HasPrefix(name, "~") {
			name, state = name[1:], ` state="hidden"`
		}
		fmt.Fprintf(&sh, `<sheet name="%s" sheetId="%d"%s r:id="rId%d"/>`, name, i+1, state, i+1)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="%sworksheet" Target="worksheets/s%d.xml"/>`, i+1, xlsxRel, i+1)
		parts[fmt.Sprintf("xl/worksheets/s%d.xml", i+1)] = `<worksheet ` + xlsxNS + `><sheetData>` + data[i] + `</sheetData></worksheet>`
	}
	parts["xl/workbook.xml"] = `<workbook ` + xlsxNS + `>` + wbPr + `<sheets>` + sh.String() + `</sheets></workbook>`
	parts["xl/_rels/workbook.xml.rels"] = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` + rels.String() + `</Relationships>`
	if sst != "" {
		parts["xl/sharedStrings.xml"] = `<sst ` + xlsxNS + `>` + sst + `</sst>`
	}
	if styles != "" {
		parts["xl/styles.xml"] = `<styleSheet ` + xlsxNS + `>` + styles + `</styleSheet>`
	}
	parts["[Content_Types].xml"] = `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`
	return sheetZipOf(t, parts)
}

func TestXLSXFixtures(t *testing.T) {
	cases := map[string]struct {
		file   string
		format string
		hidden []string
		cells  int
		want   map[string]string // location → text
	}{
		"roster xlsx": {
			file: "roster.xlsx", format: FormatXLSX, cells: 13 * 6,
			want: map[string]string{"名簿!B1": "氏名", "名簿!D2": "2010/04/02", "名簿!A13": "12", "名簿!D13": "2011/03/28", "名簿!E4": "070-3345-2281"},
		},
		"roster ods": {
			file: "roster.ods", format: FormatODS, cells: 13 * 6,
			want: map[string]string{"名簿!B1": "氏名", "名簿!D2": "2010/04/02", "名簿!A13": "12", "名簿!D13": "2011/03/28", "名簿!E4": "070-3345-2281"},
		},
		"hidden xlsx": {
			file: "hidden.xlsx", format: FormatXLSX, hidden: []string{"保護者"}, cells: 8,
			want: map[string]string{"一覧!B2": "2024/05/10", "保護者!A1": "保護者氏名", "保護者!B2": "090-3312-7789"},
		},
		"hidden ods": {
			file: "hidden.ods", format: FormatODS, hidden: []string{"保護者"}, cells: 8,
			want: map[string]string{"一覧!B2": "2024/05/10", "保護者!A1": "保護者氏名", "保護者!B2": "090-3312-7789"},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", "office", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			f, s := sheetExtract(t, tc.file, data)
			if f.Format != tc.format || f.Status != StatusOK {
				t.Fatalf("format %q status %q reason %q", f.Format, f.Status, f.Reason)
			}
			if fmt.Sprint(f.Hidden) != fmt.Sprint(tc.hidden) {
				t.Errorf("hidden sheets: got %d, want %d", len(f.Hidden), len(tc.hidden))
			}
			if got := s.cells(); got != tc.cells {
				t.Errorf("cells: got %d, want %d", got, tc.cells)
			}
			for loc, want := range tc.want {
				if got, ok := s.cell(loc); !ok || got != want {
					t.Errorf("%s: found %v, matches %v", loc, ok, got == want)
				}
			}
			checkSheetRecords(t, s)
		})
	}
}

// checkSheetRecords pins the record shape: every row starts at field 0, fields
// follow columns, locations are in range.
func checkSheetRecords(t testing.TB, s *sheetSink) {
	t.Helper()
	for i, r := range s.rows {
		if len(r) == 0 || r[0].Field != 0 {
			t.Errorf("row %d: does not start at field 0", i)
			continue
		}
		for _, c := range r {
			if c.Field != c.At.Col-1 || c.At.Line < 1 || c.At.Sheet == "" {
				t.Errorf("row %d: cell at line %d col %d field %d", i, c.At.Line, c.At.Col, c.Field)
			}
		}
	}
}

func TestXLSXEdgeCases(t *testing.T) {
	styles := `<numFmts><numFmt numFmtId="170" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="171" formatCode="h:mm"/><numFmt numFmtId="172" formatCode="&quot;day&quot;0"/><numFmt numFmtId="173" formatCode="00000000000"/><numFmt numFmtId="174" formatCode="000\-0000\-0000"/></numFmts>` +
		`<cellStyleXfs><xf numFmtId="14"/></cellStyleXfs><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="170"/><xf numFmtId="171"/><xf numFmtId="172"/><xf numFmtId="173"/><xf numFmtId="174"/></cellXfs>`
	sst := `<si><t>山田 太郎</t></si>` +
		`<si><r><t>090-</t></r><r><rPr><b/></rPr><t>1234-5678</t></r></si>` +
		`<si><t>佐藤</t><rPh sb="0" eb="2"><t>サトウ</t></rPh></si>`
	cases := map[string]struct {
		wbPr, data string
		want       map[string]string
		absent     []string
		cells      int
	}{
		"shared and rich text": {
			data: `<row r="7"><c r="A7" t="s"><v>0</v></c><c r="B7" t="s"><v>1</v></c><c r="C7" t="s"><v>2</v></c><c r="D7" t="s"><v>99</v></c></row>`,
			want: map[string]string{"S!A7": "山田 太郎", "S!B7": "090-1234-5678", "S!C7": "佐藤"}, cells: 3,
		},
		"inline, bool, formula, error": {
			data: `<row r="2"><c r="A2" t="inlineStr"><is><r><t>群馬県</t></r><r><t>前橋市</t></r></is></c><c r="B2" t="b"><v>1</v></c><c r="C2" t="str"><f>A2</f><v>x</v></c><c r="D2" t="e"><v>#N/A</v></c></row>`,
			want: map[string]string{"S!A2": "群馬県前橋市", "S!B2": "TRUE", "S!C2": "x"}, absent: []string{"S!D2"}, cells: 3,
		},
		"dates 1900": {
			data: `<row r="1"><c r="A1" s="1"><v>40269</v></c><c r="B1" s="2"><v>40269.5</v></c><c r="C1" s="3"><v>0.5</v></c><c r="D1" s="4"><v>40269</v></c><c r="E1" s="1"><v>60</v></c><c r="F1" s="1"><v>59</v></c><c r="G1" t="d"><v>2010-04-01T00:00:00</v></c></row>`,
			want: map[string]string{"S!A1": "2010/04/01", "S!B1": "2010/04/01", "S!C1": "0.5", "S!D1": "40269", "S!E1": "1900/02/29", "S!F1": "1900/02/28", "S!G1": "2010/04/01"}, cells: 7,
		},
		"dates 1904": {
			wbPr: `<workbookPr date1904="1"/>`,
			data: `<row r="1"><c r="A1" s="1"><v>38807</v></c></row>`,
			want: map[string]string{"S!A1": "2010/04/01"}, cells: 1,
		},
		"numbers": {
			data: `<row r="1"><c r="A1"><v>0.30000000000000004</v></c><c r="B1"><v>9012345678</v></c><c r="C1"><v>1.5E+3</v></c><c r="D1"><v>1.0</v></c></row>`,
			want: map[string]string{"S!A1": "0.3", "S!B1": "9012345678", "S!C1": "1500", "S!D1": "1"}, cells: 4,
		},
		"numbers that keep their leading zeros": {
			data: `<row r="1"><c r="A1" s="5"><v>9012345678</v></c><c r="B1" s="6"><v>9012345678</v></c><c r="C1" s="5"><v>-3</v></c></row>`,
			want: map[string]string{"S!A1": "09012345678", "S!B1": "090-1234-5678", "S!C1": "-3"}, cells: 3,
		},
		"sparse cells without r": {
			data: `<row><c t="inlineStr"><is><t>a</t></is></c><c r="C1" t="inlineStr"><is><t>c</t></is></c><c t="inlineStr"><is><t>d</t></is></c></row><row/><row r="5"><c t="inlineStr"><is><t>e</t></is></c></row><row><c r="B6" t="inlineStr"><is><t>f</t></is></c></row>`,
			want: map[string]string{"S!A1": "a", "S!C1": "c", "S!D1": "d", "S!A5": "e", "S!B6": "f"}, cells: 5,
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			data := xlsxOf(t, tc.wbPr, []string{"S"}, []string{tc.data}, sst, styles)
			f, s := sheetExtract(t, "edge.xlsx", data)
			if f.Status != StatusOK {
				t.Fatalf("status %q reason %q", f.Status, f.Reason)
			}
			if got := s.cells(); got != tc.cells {
				t.Errorf("cells: got %d, want %d", got, tc.cells)
			}
			for loc, want := range tc.want {
				if got, ok := s.cell(loc); !ok || got != want {
					t.Errorf("%s: found %v, matches %v (len %d)", loc, ok, got == want, len(got))
				}
			}
			for _, loc := range tc.absent {
				if _, ok := s.cell(loc); ok {
					t.Errorf("%s: passed on", loc)
				}
			}
			checkSheetRecords(t, s)
		})
	}
}

func TestSheetDateFormat(t *testing.T) {
	cases := map[string]bool{
		`yyyy"年"m"月"d"日"`:        true,
		`[$-411]ggge"年"m"月"d"日"`: true,
		`yyyy\-mm\-dd`:           true,
		`h:mm:ss`:                false,
		`mm:ss`:                  false,
		`0.00`:                   false,
		`"day"0`:                 false,
		`[Red]#,##0`:             false,
		`General`:                false,
		`m/d`:                    true,
		`#,##0_);[Red](#,##0)`:   false,
	}
	for code, want := range cases {
		if got := sheetDateFormat(code); got != want {
			t.Errorf("sheetDateFormat(%q) = %v, want %v", code, got, want)
		}
	}
}

func TestXLSXZipBomb(t *testing.T) {
	data := xlsxOf(t, "", []string{"S"}, []string{`<row r="1"><c r="A1"><v>1</v></c></row>`}, "", "")
	// Rewrite the sheet's declared size in both headers to 2 GiB.
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var sheet *zip.File
	for _, zf := range zr.File {
		if zf.Name == "xl/worksheets/s1.xml" {
			sheet = zf
		}
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, zf := range zr.File {
		h := zf.FileHeader
		if zf == sheet {
			h.UncompressedSize64 = 2 << 30
		}
		raw, _ := zf.OpenRaw()
		w, err := zw.CreateRaw(&h)
		if err != nil {
			t.Fatal(err)
		}
		b := new(bytes.Buffer)
		b.ReadFrom(raw)
		w.Write(b.Bytes())
	}
	zw.Close()
	f, s := sheetExtract(t, "bomb.xlsx", buf.Bytes())
	if f.Status != StatusError || !strings.HasPrefix(f.Reason, "zip bomb: ") {
		t.Errorf("status %q reason %q", f.Status, f.Reason)
	}
	if len(s.rows) != 0 {
		t.Errorf("%d rows passed on", len(s.rows))
	}
}

func TestXLSXCorrupt(t *testing.T) {
	data := xlsxOf(t, "", []string{"S"}, []string{`<row r="1"><c r="A1"><v>1</v></c>`}, "", "")
	f, _ := sheetExtract(t, "bad.xlsx", bytes.ReplaceAll(data, []byte("</sheetData>"), []byte("</sheetDat>")))
	if f.Status != StatusError || !strings.HasPrefix(f.Reason, "failed to parse xlsx: XML syntax error on line") {
		t.Errorf("status %q reason %q", f.Status, f.Reason)
	}
	if strings.Contains(f.Reason, "sheetDat") {
		t.Errorf("reason quotes the broken markup: %q", f.Reason)
	}
}

func TestXLSXLimits(t *testing.T) {
	long := strings.Repeat("あ", DefaultLimits.MaxField+10)
	var row strings.Builder
	row.WriteString(`<row r="3">`)
	for col := 2; col < 40; col++ {
		fmt.Fprintf(&row, `<c r="%s3" t="inlineStr"><is><t>%s</t></is></c>`, ColumnName(col), long)
	}
	row.WriteString(`</row>`)
	data := xlsxOf(t, "", []string{"S"}, []string{row.String()}, "", "")
	f, s := sheetExtract(t, "wide.xlsx", data)
	if !f.Truncated || s.texts == 0 || len(s.rows) < 2 {
		t.Errorf("truncated %v, texts %d, rows %d", f.Truncated, s.texts, len(s.rows))
	}
	if s.rows[0][0].Field != 0 || s.rows[1][0].Field == 0 {
		t.Errorf("parts start at fields %d, %d", s.rows[0][0].Field, s.rows[1][0].Field)
	}
	for _, r := range s.rows {
		for _, c := range r {
			if n := len([]rune(c.Text)); n > DefaultLimits.MaxField {
				t.Errorf("%s: %d characters", c.At, n)
			}
		}
	}
}

// TestXLSXLongShared pins the overflow budget: a long shared string named
// by many cells is passed on as Text only up to sheetMaxOverflow.
func TestXLSXLongShared(t *testing.T) {
	sst := `<si><t>` + strings.Repeat("a", 1<<20) + `</t></si>`
	var rows strings.Builder
	for i := 1; i <= 100; i++ {
		fmt.Fprintf(&rows, `<row r="%d">`, i)
		for j := 1; j <= 5; j++ {
			fmt.Fprintf(&rows, `<c r="%s%d" t="s"><v>0</v></c>`, ColumnName(j), i)
		}
		rows.WriteString(`</row>`)
	}
	f, s := sheetExtract(t, "long.xlsx", xlsxOf(t, "", []string{"S"}, []string{rows.String()}, sst, ""))
	if !f.Truncated || s.cells() != 500 {
		t.Errorf("truncated %v, cells %d", f.Truncated, s.cells())
	}
	if s.textBytes > sheetMaxOverflow+2<<20 {
		t.Errorf("%d bytes passed on as Text, budget %d", s.textBytes, sheetMaxOverflow)
	}
}

func TestXLSXCancel(t *testing.T) {
	data := bigXLSX(t, 10000)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	f := &File{Rel: "big.xlsx"}
	err := Extract(ctx, f, bytes.NewReader(data), &sheetSink{}, Limits{})
	if err == nil || f.Status != StatusError || f.Reason != reasonInterrupted {
		t.Errorf("err %v status %q reason %q", err, f.Status, f.Reason)
	}
}

// bigXLSX generates a roster sheet of n rows with shared strings, numbers
// and dates, written the way Excel writes it.
func bigXLSX(t testing.TB, n int) []byte { return bigSheetXLSX(t, n, true) }

// bigSheetXLSX is bigXLSX with the names as shared strings or inline strings.
func bigSheetXLSX(t testing.TB, n int, shared bool) []byte {
	t.Helper()
	var sst, rows strings.Builder
	for i := range n {
		name, addr := fmt.Sprintf("山田 太郎%d", i), fmt.Sprintf("群馬県前橋市大手町%d-1", i%1000)
		b := fmt.Sprintf(`<c r="B%d" t="inlineStr"><is><t>%s</t></is></c>`, i+1, name)
		e := fmt.Sprintf(`<c r="E%d" t="inlineStr"><is><t>%s</t></is></c>`, i+1, addr)
		if shared {
			fmt.Fprintf(&sst, `<si><t>%s</t></si><si><t>%s</t></si>`, name, addr)
			b = fmt.Sprintf(`<c r="B%d" t="s"><v>%d</v></c>`, i+1, 2*i)
			e = fmt.Sprintf(`<c r="E%d" t="s"><v>%d</v></c>`, i+1, 2*i+1)
		}
		fmt.Fprintf(&rows, `<row r="%d"><c r="A%d"><v>%d</v></c>%s<c r="C%d" s="1"><v>%d</v></c><c r="D%d" t="inlineStr"><is><t>090-%04d-%04d</t></is></c>%s<c r="F%d"><v>%d.25</v></c></row>`,
			i+1, i+1, i+1, b, i+1, 40000+i%3000, i+1, i%10000, (i*7)%10000, e, i+1, i)
	}
	return xlsxOf(t, "", []string{"名簿"}, []string{rows.String()}, sst.String(), `<cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs>`)
}

func BenchmarkXLSX(b *testing.B) {
	data := bigXLSX(b, 20000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	rows := 0
	for range b.N {
		s := &nopSink{}
		f := &File{Rel: "big.xlsx"}
		if err := Extract(context.Background(), f, bytes.NewReader(data), s, Limits{}); err != nil || f.Status != StatusOK {
			b.Fatal(err, f.Reason)
		}
		rows += s.n
	}
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64(sheetInflated(b, data))*float64(b.N)/1e6/b.Elapsed().Seconds(), "xmlMB/s")
}

// sheetInflated is the sum of a zip's declared member sizes.
func sheetInflated(t testing.TB, data []byte) (n uint64) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		n += zf.UncompressedSize64
	}
	return n
}

// TestXLSXPeakHeap reads a 300k-row sheet and reports the peak heap; run
// with MAMORI_BIG=1 (it takes a while and some disk-free memory for the
// generated file itself).
func TestXLSXPeakHeap(t *testing.T) {
	if os.Getenv("MAMORI_BIG") == "" {
		t.Skip("set MAMORI_BIG=1")
	}
	for _, shared := range []bool{true, false} {
		sheetPeakHeap(t, bigSheetXLSX(t, 300000, shared), shared)
	}
}

func sheetPeakHeap(t *testing.T, data []byte, shared bool) {
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	var peak, live uint64
	s := &sheetHeapSink{peak: &peak, live: &live}
	f := &File{Rel: "big.xlsx"}
	if err := Extract(context.Background(), f, bytes.NewReader(data), s, Limits{}); err != nil {
		t.Fatal(err)
	}
	t.Logf("shared strings %v: file %.1f MB (%.1f MB of XML), rows %d, heap before %.1f MB (the file itself), peak heap %.1f MB, peak live heap %.1f MB",
		shared, float64(len(data))/1e6, float64(sheetInflated(t, data))/1e6, s.n, float64(before.HeapAlloc)/1e6, float64(peak)/1e6, float64(live)/1e6)
}

type sheetHeapSink struct {
	n          int
	peak, live *uint64
}

func (s *sheetHeapSink) Text(string, Loc) {}
func (s *sheetHeapSink) Row(string, []Cell) {
	s.n++
	if s.n%5000 == 0 {
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		*s.peak = max(*s.peak, m.HeapAlloc)
	}
	if s.n%50000 == 0 {
		var m runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&m)
		*s.live = max(*s.live, m.HeapAlloc)
	}
}

func FuzzXLSX(f *testing.F) {
	for _, name := range []string{"roster.xlsx", "hidden.xlsx"} {
		if data, err := os.ReadFile(filepath.Join("testdata", "office", name)); err == nil {
			f.Add(data)
		}
	}
	f.Add(xlsxOf(f, `<workbookPr date1904="1"/>`, []string{"S", "~H"},
		[]string{`<row><c t="s"><v>1</v></c><c r="C1" s="1"><v>40269</v></c></row>`, `<row r="9"><c t="inlineStr"><is><t>x</t></is></c></row>`},
		`<si><t>a</t></si><si><r><t>b</t></r><rPh><t>c</t></rPh></si>`, `<cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzSheet(t, "f.xlsx", data)
	})
}

// fuzzSheet extracts data and checks that nothing panics and every
// location is in range.
func fuzzSheet(t *testing.T, name string, data []byte) {
	f := &File{Rel: name, Size: int64(len(data))}
	s := &sheetSink{}
	Extract(context.Background(), f, bytes.NewReader(data), s, Limits{})
	if f.Status == StatusOK && (f.Format == FormatXLSX || f.Format == FormatODS) {
		checkSheetRecords(t, s)
	}
}
