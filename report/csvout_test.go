package report

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
)

func TestCSV(t *testing.T) {
	inject := `{"type":"file","path":"=HYPERLINK(\"http://x\")","root":"@SUM(A1)","size":1,"status":"ok","subjects":1,"categories":{"phone":{"count":1}},"risk":"medium","appi":[]}
{"type":"file","path":"-2+3.csv","root":"+cmd","size":1,"status":"ok","subjects":1,"categories":{"phone":{"count":1}},"risk":"medium","appi":[]}
`
	b := bookFixture(t, SectorPublic, reportA, inject)
	for _, l := range []Lang{LangJA, LangEN} {
		var out bytes.Buffer
		if err := b.WriteCSV(&out, l); err != nil {
			t.Fatal(err)
		}
		data := out.String()
		if !strings.HasPrefix(data, "\ufeff") {
			t.Fatalf("%s: no BOM", l)
		}
		if strings.Count(data, "\n") != strings.Count(data, "\r\n") || !strings.HasSuffix(data, "\r\n") {
			t.Errorf("%s: lines do not end in CRLF", l)
		}
		rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(data, "\ufeff"))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 1+len(b.Files) {
			t.Fatalf("%s: %d rows, want %d", l, len(rows), 1+len(b.Files))
		}
		if rows[0][2] != l.T("col.path") || rows[0][4] != l.T("col.people") {
			t.Errorf("%s: header %q", l, rows[0])
		}
		for _, r := range rows[1:] {
			for _, c := range r {
				if c != "" && strings.ContainsRune("=+-@", rune(c[0])) {
					t.Errorf("%s: cell %q would run as a formula", l, c)
				}
			}
		}
		if !strings.Contains(data, `'=HYPERLINK`) || !strings.Contains(data, `'@SUM(A1)`) || !strings.Contains(data, `'-2+3.csv`) || !strings.Contains(data, `'+cmd`) {
			t.Errorf("%s: formula cells not prefixed:\n%s", l, data)
		}
	}
	var ja bytes.Buffer
	_ = b.WriteCSV(&ja, LangJA)
	for _, want := range []string{"校務/名簿.csv", "要配慮個人情報", "暗号化済み（記録あり）", "氏名、電話番号"} {
		if !strings.Contains(ja.String(), want) {
			t.Errorf("CSV lacks %q", want)
		}
	}
}
