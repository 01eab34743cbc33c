package scan

import (
	"bytes"
	"testing"
	"unicode/utf8"
)

// docStreams returns the WordDocument and table streams of a .doc file.
func docStreams(tb testing.TB, data []byte) (wd, tbl []byte) {
	tb.Helper()
	c, err := openCFB(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		tb.Fatal(err)
	}
	s := c.rootStreams()
	if wd, err = c.stream(s["WORDDOCUMENT"], maxOLEStreamRead); err != nil {
		tb.Fatal(err)
	}
	i, ok := s["1TABLE"]
	if !ok {
		i = s["0TABLE"]
	}
	if tbl, err = c.stream(i, maxOLEStreamRead); err != nil {
		tb.Fatal(err)
	}
	return wd, tbl
}

// FuzzDOC feeds whole files (whole) or a WordDocument and a table stream
// put in a compound file, so that mutations reach the Word structures
// rather than break the compound file around them.
func FuzzDOC(f *testing.F) {
	seeds := [][]byte{
		docFixture(f, "doc_letter.doc"), docFixture(f, "plain.doc"),
		buildDOC(docSpec{
			pieces:  []docPieceSpec{{text: "前\r氏名\x07\x07\x13 HYPERLINK \x14a@example.jp\x15\x07\x07"}, {raw: []byte("\x93x\x94\r"), compressed: true}},
			props:   [][]byte{nil, papCell, papRow, papCell, papRow},
			prc:     true,
			stories: []int{8, 4, 0, 0, 0, 0, 0, 0},
			summary: summaryInfo(932, []byte{0x8e, 0x52, 0x93, 0x63}, "x"),
		}),
		buildDOC(docSpec{
			pieces: []docPieceSpec{{text: "外\r内1\r内2\r\r\x07外2\x07\x07"}},
			props:  [][]byte{papCell, papIn2, papIn2, papIn2, papCell, papCell, papRow},
		}),
	}
	for _, s := range seeds {
		f.Add(s, []byte(nil), true, uint16(64))
		wd, tbl := docStreams(f, s)
		f.Add(wd, tbl, false, uint16(64))
		f.Add(wd, tbl, false, uint16(3))
	}
	f.Fuzz(func(t *testing.T, data, tbl []byte, whole bool, line uint16) {
		if !whole {
			data = buildCFB(cfbSpec{shift: 9, names: []string{"WordDocument", "1Table", "0Table"}, data: [][]byte{data, tbl, tbl}})
		}
		lim := Limits{MaxLine: 1 + int(line%300), MaxField: 1 + int(line%200), MaxRecord: 1 + int(line%2000)}
		fl, calls, err := docExtract(t, data, lim)
		if err != nil {
			t.Fatalf("error %v", err) // only interruptions are returned
		}
		switch fl.Status {
		case StatusOK, StatusProtected, StatusSkipped:
		case StatusError:
			if fl.Reason == "" || !utf8.ValidString(fl.Reason) {
				t.Fatalf("error without a reason")
			}
		default:
			t.Fatalf("status %q", fl.Status)
		}
		if fl.Format == FormatDOC {
			docCheckCalls(t, calls, lim)
		}
	})
}
