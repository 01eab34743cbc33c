package scan

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"os"
	"strings"
	"testing"
	"unicode/utf16"

	"golang.org/x/text/encoding/japanese"
)

// docPieceSpec is one piece of a built document: text, or raw bytes
// (8-bit when compressed, else UTF-16LE).
type docPieceSpec struct {
	text       string
	raw        []byte
	compressed bool
}

// docSpec describes a Word document for buildDOC.
type docSpec struct {
	pieces  []docPieceSpec
	stories []int    // CPs of each story in CP order; nil: all text is the main story
	props   [][]byte // grpprl of each paragraph mark (0x0D, 0x07), in order
	prc     bool     // a Prc before the piece table
	nFib    uint16
	repeat  int    // the pieces listed again this many times, on the same bytes
	summary []byte // a \x05SummaryInformation stream
}

func u16(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = binary.LittleEndian.AppendUint16(b, u)
	}
	return b
}

// sprm is one Prl: a sprm and its operand.
func sprm(op uint16, operand ...byte) []byte {
	return append(binary.LittleEndian.AppendUint16(nil, op), operand...)
}

var (
	papCell = sprm(sprmPFInTable, 1)
	papRow  = append(sprm(sprmPFInTable, 1), sprm(sprmPFTtp, 1)...)
	papIn2  = append(sprm(sprmPFInTable, 1), sprm(sprmPItap, 2, 0, 0, 0)...)
)

const docTextAt = 1024 // where built documents put their text

// buildDOC writes an OLE file holding a Word 97 document: FIB, text
// pieces, PAPX pages for the marks given props, CLX and PlcBtePapx in 1Table.
func buildDOC(s docSpec) []byte {
	le := binary.LittleEndian
	fibLen := 32 + 2 + 28 + 2 + 88 + 2 + 93*8
	wd := make([]byte, docTextAt)
	type mark struct{ from, to uint32 }
	var marks []mark
	var cps []uint32
	var fcs []uint32
	var lens []uint32
	cp, prev := uint32(0), uint32(docTextAt)
	for _, p := range s.pieces {
		cps = append(cps, cp)
		from := cp
		off := uint32(len(wd))
		if p.compressed {
			fcs = append(fcs, off*2|0x40000000)
			for i, c := range p.raw {
				if c == 0x0D || c == 0x07 {
					marks = append(marks, mark{prev, off + uint32(i) + 1})
					prev = off + uint32(i) + 1
				}
			}
			wd = append(wd, p.raw...)
			cp += uint32(len(p.raw))
		} else {
			fcs = append(fcs, off)
			b := p.raw
			if b == nil {
				b = u16(p.text)
			}
			for i := 0; i < len(b); i += 2 {
				if b[i+1] == 0 && (b[i] == 0x0D || b[i] == 0x07) {
					marks = append(marks, mark{prev, off + uint32(i) + 2})
					prev = off + uint32(i) + 2
				}
			}
			wd = append(wd, b...)
			cp += uint32(len(b) / 2)
		}
		lens = append(lens, cp-from)
	}
	for range s.repeat {
		for i := range s.pieces {
			cps, fcs = append(cps, cp), append(fcs, fcs[i])
			cp += lens[i]
		}
	}
	cps = append(cps, cp)
	// FKP pages, a dozen paragraphs each.
	var bte []uint32
	var pns []uint32
	for k := 0; k < len(marks) && s.props != nil; k += 12 {
		for len(wd)%docFKPSize != 0 {
			wd = append(wd, 0)
		}
		page := make([]byte, docFKPSize)
		run := marks[k:min(k+12, len(marks))]
		top := docFKPSize - 1
		for j, m := range run {
			le.PutUint32(page[4*j:], m.from)
			le.PutUint32(page[4*(j+1):], m.to)
			var g []byte
			if k+j < len(s.props) {
				g = s.props[k+j]
			}
			body := append([]byte{0, 0}, g...) // istd 0
			if len(body)%2 == 1 {
				body = append(body, 0)
			}
			body = append([]byte{0, byte(len(body) / 2)}, body...)
			top = (top - len(body)) &^ 1
			copy(page[top:], body)
			page[4*(len(run)+1)+13*j] = byte(top / 2)
		}
		page[docFKPSize-1] = byte(len(run))
		bte = append(bte, run[0].from)
		if len(bte) > 1 {
			bte[len(bte)-1] = marks[k-1].to
		}
		pns = append(pns, uint32(len(wd)/docFKPSize))
		wd = append(wd, page...)
	}
	// FIB.
	fib := wd[:fibLen]
	le.PutUint16(fib, docIdent)
	nFib := s.nFib
	if nFib == 0 {
		nFib = docFIBMin
	}
	le.PutUint16(fib[2:], nFib)
	le.PutUint16(fib[0x0A:], 0x0200) // 1Table
	le.PutUint16(fib[32:], 14)
	lw := 32 + 2 + 28
	le.PutUint16(fib[lw:], 22)
	stories := s.stories
	if stories == nil {
		stories = []int{int(cp)}
	}
	for i, n := range stories {
		le.PutUint32(fib[lw+2+4*(docLwCcpText+i):], uint32(n))
	}
	fcLcb := lw + 2 + 88
	le.PutUint16(fib[fcLcb:], 93)
	// Table stream: Prc, CLX, PlcBtePapx.
	var tbl []byte
	if s.prc {
		tbl = append(tbl, 1, 4, 0, 0x16, 0x24, 1, 0)
	}
	var plc []byte
	for _, c := range cps {
		plc = le.AppendUint32(plc, c)
	}
	for _, fc := range fcs {
		plc = append(plc, 0, 0)
		plc = le.AppendUint32(plc, fc)
		plc = append(plc, 0, 0)
	}
	clx := append(le.AppendUint32([]byte{2}, uint32(len(plc))), plc...)
	pair := func(i, fc, lcb int) {
		le.PutUint32(fib[fcLcb+2+8*i:], uint32(fc))
		le.PutUint32(fib[fcLcb+2+8*i+4:], uint32(lcb))
	}
	pair(docFcClx, len(tbl), len(clx))
	tbl = append(tbl, clx...)
	if len(bte) > 0 {
		var plcBte []byte
		for _, fc := range bte {
			plcBte = le.AppendUint32(plcBte, fc)
		}
		plcBte = le.AppendUint32(plcBte, marks[len(marks)-1].to)
		for _, pn := range pns {
			plcBte = le.AppendUint32(plcBte, pn)
		}
		pair(docFcPlcfBtePapx, len(tbl), len(plcBte))
		tbl = append(tbl, plcBte...)
	}
	names, data := []string{"WordDocument", "1Table"}, [][]byte{wd, tbl}
	if s.summary != nil {
		names, data = append(names, "\x05SummaryInformation"), append(data, s.summary)
	}
	return buildCFB(cfbSpec{shift: 9, names: names, data: data})
}

// summaryInfo builds a property set with a code page, an 8-bit author and
// a UTF-16 last author.
func summaryInfo(cpage uint16, author []byte, last string) []byte {
	le := binary.LittleEndian
	b := make([]byte, 48)
	le.PutUint16(b, 0xFFFE)
	le.PutUint32(b[24:], 1)
	le.PutUint32(b[44:], 48)
	var vals [][]byte
	vals = append(vals, le.AppendUint16(le.AppendUint32(nil, vtI2), cpage))
	a := le.AppendUint32(le.AppendUint32(nil, vtLPSTR), uint32(len(author)+1))
	vals = append(vals, append(append(a, author...), 0))
	w := le.AppendUint32(le.AppendUint32(nil, vtLPWSTR), uint32(len([]rune(last))+1))
	vals = append(vals, append(append(w, u16(last)...), 0, 0))
	ids := []uint32{pidCodePage, pidAuthor, pidLastAuthor}
	sec := make([]byte, 8+8*len(ids))
	for i, v := range vals {
		for len(v)%4 != 0 {
			v = append(v, 0)
		}
		le.PutUint32(sec[8+8*i:], ids[i])
		le.PutUint32(sec[12+8*i:], uint32(len(sec)))
		sec = append(sec, v...)
	}
	le.PutUint32(sec, uint32(len(sec)))
	le.PutUint32(sec[4:], uint32(len(ids)))
	return append(b, sec...)
}

func TestDOCFixture(t *testing.T) {
	f, calls, err := docExtract(t, docFixture(t, "doc_letter.doc"), Limits{})
	if err != nil || f.Format != FormatDOC || f.Status != StatusOK || f.Truncated {
		t.Fatalf("format %s status %s reason %q truncated %v err %v", f.Format, f.Status, f.Reason, f.Truncated, err)
	}
	docCheckCalls(t, calls, Limits{})
	wantTexts(t, calls,
		"p2\t保護者 山田 花子 様",
		"p3\t〒371-0026 群馬県前橋市大手町二丁目12-1\n電話 090-1234-5678",
		"p4\tお子様 山田 太郎 さん（第2学年1組）の食物アレルギー（卵・小麦）について、給食の対応を確認いたします。",
		"p5\tご質問は hanako@example.jp まで。",          // the HYPERLINK field's result, not its code
		"p8\t\t緊急連絡先は 祖父 山田 一郎 080-2222-3333 です。", // footnote
		"p10\t前橋市立大手小学校 第2学年 担任 佐藤 健一",            // header
		"p12\t連絡先 027-201-0000 1",                 // footer, with its PAGE field's result
		"p19\t養護教諭 鈴木 先生に確認済み",                    // comment
		"p21\t緊急時 090-8765-4321",                  // text box
		"p24\t作成者: 教務 一子",
		"p25\t最終更新者: 事務 次郎",
	)
	rows := [][]string{
		{"表1!A1=氏名", "表1!B1=生年月日", "表1!C1=電話番号"},
		{"表1!A2=佐藤 花子", "表1!B2=2016年4月2日", "表1!C2=027-201-1001"},
		{"表1!A3=鈴木 一郎", "表1!B3=", "表1!C3=027-201-1002"},
		{"表1!A4=高橋 美咲\nたかはし みさき", "表1!B4=平成28年6月3日", "表1!C4=027-201-1003"},
	}
	for _, r := range rows {
		wantRow(t, calls, r...)
	}
	if n := len(docRows(calls)); n != len(rows) {
		t.Errorf("%d rows, want %d", n, len(rows))
	}
	for _, s := range []string{"HYPERLINK", "mailto", "PAGE", "\x13", "\x07", "\r"} {
		noText(t, calls, s)
	}
}

func TestDOCLongFixture(t *testing.T) {
	f, calls, err := docExtract(t, docFixture(t, "doc_long.doc"), Limits{})
	if err != nil || f.Status != StatusOK || f.Truncated {
		t.Fatalf("status %s reason %q truncated %v err %v", f.Status, f.Reason, f.Truncated, err)
	}
	docCheckCalls(t, calls, Limits{})
	if n := len(docTexts(calls)); n != 2402 {
		t.Errorf("%d texts, want 2402", n)
	}
	wantTexts(t, calls,
		"p1\tRecord 0001: the school trip leaves at eight and returns by five; pupils bring lunch, water and a hat.",
		"p1200\t第0600号 保護者 佐藤 花子 様 連絡先 090-0000-0600 給食の食物アレルギー対応について確認をお願いいたします。",
		"p2401\tEND OF DOCUMENT 最後の段落",
		"p2402\t作成者: 教務 一子",
	)
}

func TestDOCPlainFixture(t *testing.T) {
	f, calls, err := docExtract(t, docFixture(t, "plain.doc"), Limits{})
	if err != nil || f.Status != StatusOK {
		t.Fatalf("status %s reason %q err %v", f.Status, f.Reason, err)
	}
	wantTexts(t, calls, "p1\t保護者各位", "p3\t給食費の口座振替について、山田 太郎 様 090-0000-1234 までご連絡ください。")
}

// TestDOCPieces reads more than 64 KiB of text in alternating 8-bit and
// UTF-16 pieces, with a value and a surrogate pair cut by piece boundaries.
func TestDOCPieces(t *testing.T) {
	var pieces []docPieceSpec
	var want []string
	for i := range 800 {
		en := fmt.Sprintf("Record %04d: the school trip leaves at eight and returns by five; pupils bring lunch.", i)
		ja := fmt.Sprintf("第%04d号 保護者 佐藤 花子 様 連絡先 090-0000-%04d", i, i)
		pieces = append(pieces, docPieceSpec{raw: []byte(en + "\r"), compressed: true}, docPieceSpec{text: ja + "\r"})
		want = append(want, fmt.Sprintf("p%d\t%s", 2*i+1, en), fmt.Sprintf("p%d\t%s", 2*i+2, ja))
	}
	pieces = append(pieces,
		docPieceSpec{raw: []byte("tel 090-12"), compressed: true}, docPieceSpec{text: "34-5678 𠮷"[:len("34-5678 ")]},
		docPieceSpec{raw: append([]byte{0x93}, "quoted\x94 \x80\x85 \x82\x9F\x8D\r"...), compressed: true},
	)
	want = append(want, "p1601\ttel 090-1234-5678 “quoted” \u0080… ‚Ÿ\u008d")
	data := buildDOC(docSpec{pieces: pieces})
	f, calls, err := docExtract(t, data, Limits{})
	if err != nil || f.Status != StatusOK || f.Truncated {
		t.Fatalf("status %s reason %q truncated %v err %v", f.Status, f.Reason, f.Truncated, err)
	}
	docCheckCalls(t, calls, Limits{})
	wantTexts(t, calls, want...)
	if n := len(docTexts(calls)); n != len(want) {
		t.Errorf("%d texts, want %d", n, len(want))
	}
}

func TestDOCSurrogates(t *testing.T) {
	hi, lo := utf16.EncodeRune('𠮷')
	le := binary.LittleEndian
	// A pair cut by a piece boundary is joined; a lone half is U+FFFD.
	a := le.AppendUint16(u16("名前 "), uint16(hi))
	b := append(le.AppendUint16(nil, uint16(lo)), u16(" 末尾")...)
	b = le.AppendUint16(b, uint16(hi))
	b = append(b, u16("\r")...)
	data := buildDOC(docSpec{pieces: []docPieceSpec{{raw: a}, {raw: b}}})
	_, calls, _ := docExtract(t, data, Limits{})
	wantTexts(t, calls, "p1\t名前 𠮷 末尾\uFFFD")
}

func TestDOCCases(t *testing.T) {
	type tc struct {
		spec  docSpec
		texts []string
		rows  [][]string
		not   []string
	}
	one := func(s string) docSpec { return docSpec{pieces: []docPieceSpec{{text: s}}} }
	cases := map[string]tc{
		"controls": {
			spec:  one("氏名\t山田\v次の行\x1e\x1f線\x01\x08\x02\r\x0c改ページ後\r"),
			texts: []string{"p1\t氏名\t山田\n次の行-線", "p3\t改ページ後"},
		},
		"fields keep their result": {
			spec:  one("連絡先 \x13 HYPERLINK \"mailto:a@example.jp\" \x14a@example.jp\x15 まで\r\x13 PAGE \x155\r\x13 IF \x13 DATE \x14x\x15 \x14結果\x15\r"),
			texts: []string{"p1\t連絡先 a@example.jp まで", "p2\t5", "p3\t結果"},
			not:   []string{"HYPERLINK", "PAGE", "DATE"},
		},
		"unbalanced fields": {
			spec:  one("前\x15\x14後\r" + strings.Repeat("\x13", 100) + "隠\r" + strings.Repeat("\x15", 100) + "見える\r"),
			texts: []string{"p1\t前後", "p3\t見える"},
			not:   []string{"隠"},
		},
		"table with an empty cell and a cell of two paragraphs": {
			spec: docSpec{
				pieces: []docPieceSpec{{text: "前\r氏名\x07電話\x07\x07山田 太郎\x07\x07\x07鈴木\r一郎\x07090-1234-5678\x07\x07後\r"}},
				props:  [][]byte{nil, papCell, papCell, papRow, papCell, papCell, papRow, papCell, papCell, papCell, papRow, nil},
			},
			texts: []string{"p1\t前", "p2\t後"},
			rows: [][]string{
				{"表1!A1=氏名", "表1!B1=電話"},
				{"表1!A2=山田 太郎", "表1!B2="},
				{"表1!A3=鈴木\n一郎", "表1!B3=090-1234-5678"},
			},
		},
		"nested table flattened": {
			spec: docSpec{
				pieces: []docPieceSpec{{text: "外\r内1\r内2\r\r\x07外2\x07\x07"}},
				props:  [][]byte{papCell, papIn2, papIn2, papIn2, papCell, papCell, papRow},
			},
			rows: [][]string{{"表1!A1=外\n内1\n内2", "表1!B1=外2"}},
		},
		"two tables": {
			spec: docSpec{
				pieces: []docPieceSpec{{text: "a\x07\x07間\rb\x07\x07"}},
				props:  [][]byte{papCell, papRow, nil, papCell, papRow},
			},
			rows:  [][]string{{"表1!A1=a"}, {"表2!A1=b"}},
			texts: []string{"p1\t間"},
		},
		"cell marks without properties are paragraphs": {
			spec:  one("氏名\x07山田\x07\x07"),
			texts: []string{"p1\t氏名", "p2\t山田"},
		},
		"stories in CP order": {
			spec: docSpec{
				pieces:  []docPieceSpec{{text: "本文\r\x02\t脚注 山田\r\x03\r\x04\r\r見出し\r\r"}, {raw: []byte("\x05comment\rbox\r\r"), compressed: true}},
				stories: []int{3, 8, 10, 0, 9, 0, 5, 0},
			},
			texts: []string{"p1\t本文", "p2\t\t脚注 山田", "p6\t見出し", "p8\tcomment", "p9\tbox"},
		},
		"prc before the piece table": {
			spec:  docSpec{pieces: []docPieceSpec{{text: "本文\r"}}, prc: true},
			texts: []string{"p1\t本文"},
		},
		"author in Shift_JIS": {
			spec: docSpec{pieces: []docPieceSpec{{text: "本文\r"}},
				summary: summaryInfo(932, sjis(t, "教務 一子"), "事務 次郎")},
			texts: []string{"p1\t本文", "p2\t作成者: 教務 一子", "p3\t最終更新者: 事務 次郎"},
		},
		"author in UTF-8": {
			spec: docSpec{pieces: []docPieceSpec{{text: "本文\r"}},
				summary: summaryInfo(65001, []byte("教務 一子"), "")},
			texts: []string{"p1\t本文", "p2\t作成者: 教務 一子"},
		},
		"broken property set": {
			spec:  docSpec{pieces: []docPieceSpec{{text: "本文\r"}}, summary: []byte{0xFE, 0xFF, 1}},
			texts: []string{"p1\t本文"},
		},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			f, calls, err := docExtract(t, buildDOC(c.spec), Limits{})
			if err != nil || f.Status != StatusOK {
				t.Fatalf("status %s reason %q err %v", f.Status, f.Reason, err)
			}
			docCheckCalls(t, calls, Limits{})
			wantTexts(t, calls, c.texts...)
			if n := len(docTexts(calls)); n != len(c.texts) {
				t.Errorf("%d texts, want %d: %v", n, len(c.texts), docShapes(docTexts(calls)))
			}
			for _, r := range c.rows {
				wantRow(t, calls, r...)
			}
			if n := len(docRows(calls)); n != len(c.rows) {
				t.Errorf("%d rows, want %d", n, len(c.rows))
			}
			for _, s := range c.not {
				noText(t, calls, s)
			}
		})
	}
}

func sjis(t *testing.T, s string) []byte {
	b, err := japanese.ShiftJIS.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDOCLimits(t *testing.T) {
	long := strings.Repeat("連絡先 090-1234-5678 山田 太郎。", 300) // 8,100 characters
	data := buildDOC(docSpec{
		pieces: []docPieceSpec{{text: long + "\r" + long + "\x07\x07"}},
		props:  [][]byte{nil, papCell, papRow},
	})
	lim := Limits{MaxLine: 500, MaxField: 300, MaxRecord: 1000}
	f, calls, err := docExtract(t, data, lim)
	if err != nil || f.Status != StatusOK || !f.Truncated {
		t.Fatalf("status %s reason %q truncated %v err %v", f.Status, f.Reason, f.Truncated, err)
	}
	docCheckCalls(t, calls, lim)
}

// TestDOCSharedPieces: pieces that all point at the same bytes would make
// text out of nothing; the text is cut at the stream's length.
func TestDOCSharedPieces(t *testing.T) {
	data := buildDOC(docSpec{pieces: []docPieceSpec{{raw: []byte("Yamada Taro 090-1234-5678\r"), compressed: true}}, repeat: 1000})
	f, calls, err := docExtract(t, data, Limits{})
	if err != nil || f.Status != StatusOK || !f.Truncated {
		t.Fatalf("status %s reason %q truncated %v err %v", f.Status, f.Reason, f.Truncated, err)
	}
	n := 0
	for _, c := range calls {
		n += len(c.text)
	}
	if n > 8<<10 {
		t.Errorf("%d bytes of text from a stream of %d", n, len(data))
	}
}

func TestDOCCorrupt(t *testing.T) {
	good := docSpec{pieces: []docPieceSpec{{text: "山田 太郎 090-1234-5678\r"}}}
	base := buildDOC(good)
	c, err := openCFB(bytes.NewReader(base), int64(len(base)))
	if err != nil {
		t.Fatal(err)
	}
	le := binary.LittleEndian
	wdAt := int(c.dir[c.rootStreams()["WORDDOCUMENT"]].start+1) * 512
	tblAt := int(c.dir[c.rootStreams()["1TABLE"]].start+1) * 512
	fcLcb := 32 + 2 + 28 + 2 + 88 + 2
	mod := func(fn func(b []byte)) []byte { b := bytes.Clone(base); fn(b); return b }
	tests := map[string][]byte{
		"bad ident":        mod(func(b []byte) { b[wdAt] = 0 }),
		"csw too big":      mod(func(b []byte) { le.PutUint16(b[wdAt+32:], 0xFFFF) }),
		"few fcLcb":        mod(func(b []byte) { le.PutUint16(b[wdAt+fcLcb-2:], 10) }),
		"clx outside":      mod(func(b []byte) { le.PutUint32(b[wdAt+fcLcb+8*docFcClx:], 1<<30) }),
		"no pcdt":          mod(func(b []byte) { b[tblAt] = 7 }),
		"bad lcb":          mod(func(b []byte) { le.PutUint32(b[tblAt+1:], 13) }),
		"cp not zero":      mod(func(b []byte) { le.PutUint32(b[tblAt+5:], 1) }),
		"cps out of order": mod(func(b []byte) { le.PutUint32(b[tblAt+9:], 0) }),
		"piece outside":    mod(func(b []byte) { le.PutUint32(b[tblAt+5+8+2:], 1<<29) }),
		"text too long":    mod(func(b []byte) { le.PutUint32(b[wdAt+32+2+28+2+4*docLwCcpText:], 1000) }),
		"negative length":  mod(func(b []byte) { le.PutUint32(b[wdAt+32+2+28+2+4*(docLwCcpText+1):], 0xFFFFFFFF) }),
		"no table stream":  mod(func(b []byte) { le.PutUint16(b[wdAt+0x0A:], 0) }),
		"fib cut":          buildCFB(cfbSpec{shift: 9, names: []string{"WordDocument"}, data: [][]byte{fib(0x0200)[:20]}}),
	}
	for name, b := range tests {
		t.Run(name, func(t *testing.T) {
			f, calls, err := docExtract(t, b, Limits{})
			if err != nil || f.Status != StatusError || !strings.HasPrefix(f.Reason, "failed to read") ||
				strings.Contains(f.Reason, "山田") || len(calls) != 0 {
				t.Errorf("status %s reason %q err %v, %d calls", f.Status, f.Reason, err, len(calls))
			}
		})
	}
	f, _, _ := docExtract(t, buildDOC(docSpec{pieces: good.pieces, nFib: 0x0068}), Limits{})
	if f.Status != StatusSkipped || f.Reason != "unsupported format: doc (Word 6/95)" {
		t.Errorf("Word 95: status %s reason %q", f.Status, f.Reason)
	}
}

// docCancelSink cancels its context at the first text it receives.
type docCancelSink struct {
	extractSink
	cancel context.CancelFunc
}

func (s *docCancelSink) Text(t string, at Loc) { s.cancel(); s.extractSink.Text(t, at) }

func TestDOCCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	f := &File{}
	err := Extract(ctx, f, bytes.NewReader(docFixture(t, "doc_long.doc")), &docCancelSink{cancel: cancel}, Limits{})
	if err == nil || f.Status != StatusError || f.Reason != reasonInterrupted {
		t.Errorf("status %s reason %q err %v", f.Status, f.Reason, err)
	}
}

// BenchmarkDOC reads doc_long.doc, or the file MAMORI_BENCH_DOC names (a
// larger document made the way fixtures/office/make_doc.sh makes it).
func BenchmarkDOC(b *testing.B) {
	var data []byte
	if p := os.Getenv("MAMORI_BENCH_DOC"); p != "" {
		var err error
		if data, err = os.ReadFile(p); err != nil {
			b.Fatal(err)
		}
	} else {
		data = docFixture(b, "doc_long.doc")
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		f := &File{}
		if err := Extract(b.Context(), f, bytes.NewReader(data), docDiscard{}, Limits{}); err != nil || f.Status != StatusOK {
			b.Fatal(f.Status, f.Reason, err)
		}
	}
}
