package scan

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
)

const wordNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml"`

// wordDoc builds a docx whose body is body, with extra parts.
func wordDoc(t testing.TB, body string, extra ...docPart) []byte {
	t.Helper()
	parts := []docPart{
		{"[Content_Types].xml", `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`},
		{"word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ` + wordNS + `><w:body>` + body + `</w:body></w:document>`},
	}
	return docZipOf(t, append(parts, extra...)...)
}

// wp is a paragraph of runs.
func wp(runs ...string) string {
	var b strings.Builder
	b.WriteString("<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr>")
	for _, r := range runs {
		b.WriteString(`<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">` + r + `</w:t></w:r>`)
	}
	b.WriteString("</w:p>")
	return b.String()
}

// wtc is a table cell; props go in its w:tcPr.
func wtc(props string, paras ...string) string {
	return "<w:tc><w:tcPr>" + props + "</w:tcPr>" + strings.Join(paras, "") + "</w:tc>"
}

func wtbl(rows ...string) string {
	return `<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/></w:tblGrid>` + strings.Join(rows, "") + `</w:tbl>`
}

func wtr(cells ...string) string { return "<w:tr>" + strings.Join(cells, "") + "</w:tr>" }

func TestDOCXFixture(t *testing.T) {
	f, calls, err := docExtract(t, docFixture(t, "letter.docx"), Limits{})
	if err != nil || f.Format != FormatDOCX || f.Status != StatusOK {
		t.Fatalf("format %s status %s reason %q err %v", f.Format, f.Status, f.Reason, err)
	}
	docCheckCalls(t, calls, Limits{})
	wantTexts(t, calls,
		"p2\t山田 太郎 様",
		"p3\tいつもお世話になっております。遠足の件でご連絡いたします。ご不明な点は担任までお問い合わせください。連絡先 090-1234-5678",
		"p6\t作成者: 教務 一子",
	)
	wantRow(t, calls, "表1!A1=番号", "表1!B1=氏名", "表1!C1=ふりがな", "表1!D1=住所", "表1!E1=電話番号")
	wantRow(t, calls, "表1!A3=2", "表1!B3=鈴木 一郎", "表1!C3=すずき いちろう", "表1!D3=群馬県前橋市大手町一丁目2-3", "表1!E3=027-201-1002")
	if n := len(docRows(calls)); n != 9 {
		t.Errorf("%d rows, want 9", n)
	}
}

func TestDOCXCases(t *testing.T) {
	type tc struct {
		body  string
		extra []docPart
		texts []string // wanted prose, in order, as "loc\ttext"
		rows  [][]string
		not   []string // text that must not be read
		nText int      // prose calls expected, when > 0
	}
	cases := map[string]tc{
		"runs split by proofErr and bookmarks": {
			body: `<w:p><w:r><w:t>連絡先 090-</w:t></w:r><w:proofErr w:type="spellStart"/><w:bookmarkStart w:id="0" w:name="a"/>` +
				`<w:r><w:rPr><w:i/></w:rPr><w:t>1234</w:t></w:r><w:bookmarkEnd w:id="0"/><w:proofErr w:type="spellEnd"/><w:r><w:t>-5678</w:t></w:r></w:p>`,
			texts: []string{"p1\t連絡先 090-1234-5678"},
			nText: 1,
		},
		"tab break and tab stops": {
			body:  `<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t>氏名</w:t><w:tab/><w:t>山田</w:t><w:br/><w:t>次</w:t><w:cr/><w:t>行</w:t></w:r></w:p>`,
			texts: []string{"p1\t氏名\t山田\n次\n行"},
			nText: 1,
		},
		"empty paragraphs count": {
			body:  wp("一") + "<w:p/>" + wp("") + wp("四"),
			texts: []string{"p1\t一", "p4\t四"},
			nText: 2,
		},
		"field codes and symbols": {
			body: `<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> HYPERLINK "mailto:x@example.jp" </w:instrText></w:r>` +
				`<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>表示</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:sym w:font="Wingdings" w:char="F04A"/></w:r></w:p>`,
			texts: []string{"p1\t表示"},
			not:   []string{"HYPERLINK"},
		},
		"tracked changes": {
			body: `<w:p><w:r><w:t>090-1234-</w:t></w:r><w:del w:id="1" w:author="a"><w:r><w:delText>5678</w:delText></w:r></w:del>` +
				`<w:ins w:id="2" w:author="a"><w:r><w:t>9999</w:t></w:r></w:ins></w:p>`,
			texts: []string{"p1\t090-1234-9999", "p1\t090-1234-5678"},
			nText: 2,
		},
		"gridSpan and gridBefore": {
			body: wtbl(
				wtr(wtc("", wp("氏名")), wtc("", wp("住所")), wtc("", wp("電話"))),
				wtr(wtc(`<w:gridSpan w:val="2"/>`, wp("山田 太郎")), wtc("", wp("090-1234-5678"))),
				`<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>`+wtc("", wp("東京都"))+wtc("", wp("03"))+`</w:tr>`,
			),
			rows: [][]string{
				{"表1!A1=氏名", "表1!B1=住所", "表1!C1=電話"},
				{"表1!A2=山田 太郎", "表1!C2=090-1234-5678"},
				{"表1!A3=", "表1!B3=東京都", "表1!C3=03"},
			},
		},
		"nested table and paragraphs of a cell": {
			body: wp("前") + wtbl(wtr(wtc("", wp("一行目"), wp("二行目")), wtc("", wtbl(wtr(wtc("", wp("内1")), wtc("", wp("内2")))), wp("")))) +
				wtbl(wtr(wtc("", wp("次の表")))) + wp("後"),
			rows:  [][]string{{"表1!A1=一行目\n二行目", "表1!B1=内1\n内2"}, {"表2!A1=次の表"}},
			texts: []string{"p1\t前", "p2\t後"},
		},
		"text box once, not its fallback": {
			body: `<w:p><w:r><w:t>本文</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>` + wp("箱の中 山田様") +
				`</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent>` + wp("箱の中 山田様") +
				`</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>続き</w:t></w:r></w:p>`,
			texts: []string{"p2\t箱の中 山田様", "p1\t本文続き"},
			nText: 2,
		},
		"cell outside a row": {
			body: wtbl(wtc("", wp("孤"))),
			rows: [][]string{{"表1!A1=孤"}},
		},
		"text box in a cell is prose": {
			body:  wtbl(wtr(wtc("", `<w:p><w:r><w:t>セル</w:t></w:r><w:r><w:drawing><wps:txbx><w:txbxContent>`+wp("箱")+`</w:txbxContent></wps:txbx></w:drawing></w:r></w:p>`))),
			rows:  [][]string{{"表1!A1=セル"}},
			texts: []string{"p1\t箱"},
		},
		"headers footers notes comments properties": {
			body: wp("本文"),
			extra: []docPart{
				{"word/header2.xml", `<w:hdr ` + wordNS + `>` + wp("ヘッダー2") + `</w:hdr>`},
				{"word/header1.xml", `<w:hdr ` + wordNS + `>` + wp("ヘッダー1") + `</w:hdr>`},
				{"word/footer1.xml", `<w:ftr ` + wordNS + `>` + wp("フッター") + wtbl(wtr(wtc("", wp("脚表")))) + `</w:ftr>`},
				{"word/footnotes.xml", `<w:footnotes ` + wordNS + `><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="1">` + wp("脚注") + `</w:footnote></w:footnotes>`},
				{"word/endnotes.xml", `<w:endnotes ` + wordNS + `><w:endnote w:id="1">` + wp("文末脚注") + `</w:endnote></w:endnotes>`},
				{"word/comments.xml", `<w:comments ` + wordNS + `><w:comment w:id="0" w:author="教頭" w:initials="K">` + wp("保護者 鈴木様に確認") + `</w:comment></w:comments>`},
				{"docProps/core.xml", `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>題</dc:title><dc:creator>佐藤 花子</dc:creator><cp:lastModifiedBy>鈴木 一郎</cp:lastModifiedBy></cp:coreProperties>`},
			},
			texts: []string{"p1\t本文", "p2\tヘッダー1", "p3\tヘッダー2", "p4\tフッター", "p5\t脚注", "p6\t文末脚注", "p7\t保護者 鈴木様に確認", "p8\t作成者: 佐藤 花子", "p9\t最終更新者: 鈴木 一郎"},
			rows:  [][]string{{"表1!A1=脚表"}},
			nText: 9,
		},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			f, calls, err := docExtract(t, wordDoc(t, c.body, c.extra...), Limits{})
			if err != nil || f.Status != StatusOK {
				t.Fatalf("status %s reason %q err %v", f.Status, f.Reason, err)
			}
			docCheckCalls(t, calls, Limits{})
			wantTexts(t, calls, c.texts...)
			for _, r := range c.rows {
				wantRow(t, calls, r...)
			}
			if got := len(docRows(calls)); got != len(c.rows) {
				t.Errorf("%d rows, want %d", got, len(c.rows))
			}
			if got := len(docTexts(calls)); c.nText > 0 && got != c.nText {
				t.Errorf("%d texts, want %d: %v", got, c.nText, docShapes(docTexts(calls)))
			}
			for _, s := range c.not {
				noText(t, calls, s)
			}
		})
	}
}

func TestDOCXLimits(t *testing.T) {
	long := strings.Repeat("あ", 130) + "090-1234-5678" + strings.Repeat("い", 130)
	body := wp(long) + wtbl(wtr(wtc("", wp(long))))
	lim := Limits{MaxLine: 50, MaxField: 40, MaxRecord: 1 << 20}
	f, calls, err := docExtract(t, wordDoc(t, body), lim)
	if err != nil || f.Status != StatusOK || !f.Truncated {
		t.Fatalf("status %s reason %q truncated %v err %v", f.Status, f.Reason, f.Truncated, err)
	}
	docCheckCalls(t, calls, lim)
	whole := map[string]bool{}
	for _, c := range calls {
		if strings.Contains(c.text, "090-1234-5678") {
			whole[c.at.String()] = true
		}
	}
	if !whole["p1"] || !whole["表1!A1"] {
		t.Errorf("phone whole in segments at %v, want p1 and 表1!A1", whole)
	}
}

// TestDOCXRowInParts checks that a row longer than MaxRecord arrives in
// several Row calls of which only the first begins at field 0.
func TestDOCXRowInParts(t *testing.T) {
	body := wtbl(wtr(wtc("", wp("氏名")), wtc(`<w:gridSpan w:val="2"/>`, wp("住所")), wtc("", wp("電話"))))
	lim := Limits{MaxRecord: 1}
	_, calls, err := docExtract(t, wordDoc(t, body), lim)
	if err != nil {
		t.Fatal(err)
	}
	docCheckCalls(t, calls, lim)
	var first []int
	for _, c := range calls {
		first = append(first, c.cells[0].Field)
	}
	if !slices.Equal(first, []int{0, 1, 3}) {
		t.Errorf("calls begin at fields %v, want [0 1 3]", first)
	}
}

func TestDOCXCorrupt(t *testing.T) {
	for name, data := range map[string][]byte{
		"unclosed":  wordDoc(t, `<w:p><w:r><w:t>山田 太郎 090-1234-5678`),
		"bad bytes": wordDoc(t, "<w:p><w:r><w:t>\xff\xfe</w:t></w:r></w:p>"),
		"not xml":   docZipOf(t, docPart{"word/document.xml", "<<<山田 太郎"}),
	} {
		t.Run(name, func(t *testing.T) {
			f, _, err := docExtract(t, data, Limits{})
			if err != nil || f.Status != StatusError || !strings.HasPrefix(f.Reason, "failed to ") || strings.Contains(f.Reason, "山田") {
				t.Errorf("status %s reason %s err %v", f.Status, digest(f.Reason), err)
			}
		})
	}
}

// wordBench is a document of n paragraphs and a table of rows rows.
func wordBench(b testing.TB, n, rows int) []byte {
	var body strings.Builder
	for i := range n {
		fmt.Fprintf(&body, `<w:p><w:pPr><w:pStyle w:val="a"/></w:pPr><w:r><w:t xml:space="preserve">第%d段落 保護者の皆様へ。連絡先 </w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:rPr><w:b/></w:rPr><w:t>090-</w:t></w:r><w:r><w:t>%04d-%04d</w:t></w:r><w:proofErr w:type="spellEnd"/><w:r><w:t>までお知らせください。</w:t></w:r></w:p>`, i, i%10000, (i*7)%10000)
	}
	var tbl strings.Builder
	tbl.WriteString(wtr(wtc("", wp("番号")), wtc("", wp("氏名")), wtc("", wp("住所")), wtc("", wp("電話番号"))))
	for i := range rows {
		tbl.WriteString(wtr(wtc("", wp(fmt.Sprint(i+1))), wtc("", wp("山田", " 太郎")), wtc("", wp(fmt.Sprintf("群馬県前橋市大手町%d-%d", i%9+1, i%30+1))), wtc("", wp(fmt.Sprintf("027-201-%04d", i)))))
	}
	return wordDoc(b, body.String()+wtbl(tbl.String()))
}

func BenchmarkDOCX(b *testing.B) {
	data := wordBench(b, 5000, 500)
	r, _ := newDocZipSize(data)
	b.SetBytes(r)
	b.ReportAllocs()
	for b.Loop() {
		f := &File{}
		if err := Extract(b.Context(), f, bytes.NewReader(data), docDiscard{}, Limits{}); err != nil || f.Status != StatusOK {
			b.Fatal(f.Status, f.Reason, err)
		}
	}
}

// newDocZipSize returns the inflated size of a document's parts: MB/s are
// of XML read, the figure comparable with other extractors' text.
func newDocZipSize(data []byte) (int64, error) {
	z, err := openDocZip(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return 0, err
	}
	var n int64
	for _, zf := range z.byName {
		n += int64(zf.UncompressedSize64)
	}
	return n, nil
}

type docDiscard struct{}

func (docDiscard) Text(string, Loc)   {}
func (docDiscard) Row(string, []Cell) {}

func FuzzDOCX(f *testing.F) {
	docSeeds(f, "letter.docx", "word/document.xml")
	f.Add(wordDoc(f, wtbl(wtr(wtc(`<w:gridSpan w:val="3"/>`, wp("a")), wtc("", wtbl(wtr(wtc("", wp("b")))))))), true, uint16(10), uint16(10))
	f.Add([]byte(`<w:document><w:body><w:tbl><w:tr><w:trPr><w:gridBefore w:val="99999999"/></w:trPr><w:tc><w:p><w:r><w:t>x</w:t><w:delText>y</w:delText></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>`), false, uint16(3), uint16(3))
	f.Fuzz(func(t *testing.T, data []byte, whole bool, line, field uint16) {
		docFuzz(t, data, whole, line, field, func(tb testing.TB, b []byte) []byte {
			return docZipOf(tb, docPart{"word/document.xml", string(b)}, docPart{"word/header1.xml", string(b)})
		})
	})
}
