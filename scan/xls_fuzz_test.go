package scan

import (
	"bytes"
	"context"
	"testing"
)

// FuzzXLS fuzzes the workbook stream of a legacy Excel file (wrapped in a
// compound file each time, so that the BIFF reader, not the OLE one, meets
// the mutations), seeded from the xls fixtures and the crafted workbooks
// of xls_test.go (xls_sst.xls is left out: minimizing a 60 KB stream
// stalls the fuzzer for a minute at a time; the crafted SST covers
// CONTINUE records).
func FuzzXLS(f *testing.F) {
	for _, name := range []string{"xls_roster.xls", "xls_numbers.xls", "plain.xls"} {
		f.Add(xlsStream(f, name), false, uint16(40))
	}
	f.Add(buildXLS(xlsSpec{after: xlsSSTSplit(), sheets: []xlsSheetSpec{{name: "名簿", recs: [][]byte{
		xlsLabelSST(0, 0, 1), xlsLabelSST(1, 2, 2), xlsRK(0, 1, 15, 7<<2|2),
		xrec(biffMulRK, xle16(4, 1), xle16(15), xle32(7<<2|2), xle16(15), xle32(40269<<2|3), xle16(2)),
		xrec(biffFormula, xlsCellHead(0, 5, 15), []byte{0, 0, 0, 0, 0, 0, 0xFF, 0xFF}, make([]byte, 6)),
		xrec(biffString, xle16(4), []byte{0}, xl8("ab")), xrec(biffContinue, []byte{1}, xu16("太郎")),
	}}, {name: "隠し", state: 1}}}), false, uint16(100))
	f.Add(buildXLS(xlsSpec{biff5: true, globals: [][]byte{xrec(biffCodePage, xle16(932)), xrec(biffDateMode, xle16(1)),
		xrec(biffFormat, xle16(200), []byte{10}, []byte("yyyy/mm/dd")), xrec(biffXF, xle16(0, 200), make([]byte, 12))},
		sheets: []xlsSheetSpec{{name: xlsSJIS("名簿"), recs: [][]byte{
			xrec(biffLabel, xlsCellHead(0, 0, 0), xle16(4), []byte(xlsSJIS("山田"))), xlsNumber(0, 1, 0, 38807)}}}}), true, uint16(5))
	f.Fuzz(func(t *testing.T, stream []byte, biff5 bool, field uint16) {
		lim := Limits{MaxField: 1 + int(field%200), MaxRecord: 2000, MaxLine: 100}
		file := &File{Rel: "x.xls"}
		s := &extractSink{}
		if err := Extract(context.Background(), file, bytes.NewReader(xlsFile(stream, biff5)), s, lim); err != nil {
			t.Fatal(err)
		}
		switch file.Status {
		case StatusOK, StatusProtected, StatusSkipped, StatusError:
		default:
			t.Fatalf("status %q", file.Status)
		}
		if file.Status != StatusProtected && (file.Status == StatusOK) != (file.Reason == "") {
			t.Fatalf("status %q with reason %q", file.Status, file.Reason)
		}
		xlsCheckCalls(t, s.calls, lim)
	})
}
