package scan

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// odsOf builds a minimal ods whose spreadsheet body is body.
func odsOf(t testing.TB, body string) []byte {
	t.Helper()
	return sheetZipOf(t, map[string]string{
		"mimetype": "application/vnd.oasis.opendocument.spreadsheet",
		"content.xml": `<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" ` +
			`xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">` +
			`<office:body><office:spreadsheet>` + body + `</office:spreadsheet></office:body></office:document-content>`,
	})
}

func TestODSEdgeCases(t *testing.T) {
	const str = `<table:table-cell office:value-type="string">`
	cases := map[string]struct {
		body  string
		want  map[string]string
		cells int
	}{
		"values": {
			body: `<table:table table:name="名簿"><table:table-row>` +
				`<table:table-cell office:value-type="date" office:date-value="2010-04-01"><text:p>H22.4.1</text:p></table:table-cell>` +
				`<table:table-cell office:value-type="float" office:value="0.30000000000000004"><text:p>0.3</text:p></table:table-cell>` +
				str + `<text:p>山田<text:s text:c="2"/><text:span>太郎</text:span></text:p><text:p>やまだ</text:p><office:annotation><text:p>memo</text:p></office:annotation></table:table-cell>` +
				`</table:table-row></table:table>`,
			want:  map[string]string{"名簿!A1": "2010/04/01", "名簿!B1": "0.3", "名簿!C1": "山田  太郎\nやまだ"},
			cells: 3,
		},
		"repeats": {
			body: `<table:table table:name="S">` +
				`<table:table-row table:number-rows-repeated="3"><table:table-cell table:number-columns-repeated="2"/>` + str + `<text:p>x</text:p></table:table-cell></table:table-row>` +
				`<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>` +
				`<table:table-row><table:table-cell table:number-columns-repeated="2" office:value-type="float" office:value="7"/></table:table-row>` +
				`</table:table>`,
			want:  map[string]string{"S!C1": "x", "S!C3": "x", "S!A1048574": "7", "S!B1048574": "7"},
			cells: 5,
		},
		"two tables": {
			body: `<table:table table:name="A"><table:table-row>` + str + `<text:p>a</text:p></table:table-cell></table:table-row></table:table>` +
				`<table:table table:name="B"><table:table-row><table:covered-table-cell/>` + str + `<text:p>b</text:p></table:table-cell></table:table-row></table:table>`,
			want:  map[string]string{"A!A1": "a", "B!B1": "b"},
			cells: 2,
		},
		"huge odsRepeat": {
			body:  `<table:table table:name="S"><table:table-row table:number-rows-repeated="99999999">` + str + `<text:p>x</text:p></table:table-cell></table:table-row></table:table>`,
			want:  map[string]string{"S!A1": "x", "S!A1000": "x"},
			cells: odsMaxRepeat,
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			f, s := sheetExtract(t, "edge.ods", odsOf(t, tc.body))
			if f.Format != FormatODS || f.Status != StatusOK {
				t.Fatalf("format %q status %q reason %q", f.Format, f.Status, f.Reason)
			}
			if got := s.cells(); got != tc.cells {
				t.Errorf("cells: got %d, want %d", got, tc.cells)
			}
			for loc, want := range tc.want {
				if got, ok := s.cell(loc); !ok || got != want {
					t.Errorf("%s: found %v, matches %v (len %d)", loc, ok, got == want, len(got))
				}
			}
			checkSheetRecords(t, s)
		})
	}
}

// TestODSAmplification pins the copy budget: a few hundred bytes of
// repeated rows and cells cannot stand for millions of cells.
func TestODSAmplification(t *testing.T) {
	row := `<table:table-row table:number-rows-repeated="1000"><table:table-cell table:number-columns-repeated="1000" office:value-type="float" office:value="1"/></table:table-row>`
	f, s := sheetExtract(t, "amp.ods", odsOf(t, `<table:table table:name="S">`+strings.Repeat(row, 20)+`</table:table>`))
	if !f.Truncated || s.cells() > odsMaxCopies+20*odsMaxRepeat+odsMaxRepeat {
		t.Errorf("truncated %v, cells %d", f.Truncated, s.cells())
	}
	checkSheetRecords(t, s)
}

// bigODS generates a roster table of n rows.
func bigODS(t testing.TB, n int) []byte {
	var b strings.Builder
	b.WriteString(`<table:table table:name="名簿">`)
	for i := range n {
		fmt.Fprintf(&b, `<table:table-row><table:table-cell office:value-type="float" office:value="%d"><text:p>%d</text:p></table:table-cell>`+
			`<table:table-cell office:value-type="string"><text:p>山田 太郎%d</text:p></table:table-cell>`+
			`<table:table-cell office:value-type="date" office:date-value="2010-04-%02d"><text:p>x</text:p></table:table-cell>`+
			`<table:table-cell office:value-type="string"><text:p>090-%04d-%04d</text:p></table:table-cell></table:table-row>`,
			i+1, i+1, i, i%28+1, i%10000, (i*7)%10000)
	}
	b.WriteString(`</table:table>`)
	return odsOf(t, b.String())
}

func TestODSCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	f := &File{Rel: "big.ods"}
	err := Extract(ctx, f, bytes.NewReader(bigODS(t, 20000)), &sheetSink{}, Limits{})
	if err == nil || f.Status != StatusError || f.Reason != reasonInterrupted {
		t.Errorf("err %v status %q reason %q", err, f.Status, f.Reason)
	}
}

func BenchmarkODS(b *testing.B) {
	data := bigODS(b, 20000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	rows := 0
	for range b.N {
		s := &nopSink{}
		f := &File{Rel: "big.ods"}
		if err := Extract(context.Background(), f, bytes.NewReader(data), s, Limits{}); err != nil || f.Status != StatusOK {
			b.Fatal(err, f.Reason)
		}
		rows += s.n
	}
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64(sheetInflated(b, data))*float64(b.N)/1e6/b.Elapsed().Seconds(), "xmlMB/s")
}

func TestODSCorrupt(t *testing.T) {
	data := odsOf(t, `<table:table table:name="S"><table:table-row>`)
	f, _ := sheetExtract(t, "bad.ods", data)
	if f.Status != StatusError || !strings.HasPrefix(f.Reason, "failed to parse ods: XML syntax error on line") {
		t.Errorf("status %q reason %q", f.Status, f.Reason)
	}
}

func FuzzODS(f *testing.F) {
	for _, name := range []string{"roster.ods", "hidden.ods"} {
		if data, err := os.ReadFile(filepath.Join("testdata", "office", name)); err == nil {
			f.Add(data)
		}
	}
	f.Add(odsOf(f, `<table:table table:name="S"><table:table-row table:number-rows-repeated="3"><table:table-cell table:number-columns-repeated="2"/>`+
		`<table:table-cell office:value-type="date" office:date-value="2010-04-01"><text:p>a<text:s/>b</text:p></table:table-cell></table:table-row></table:table>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzSheet(t, "f.ods", data)
	})
}
