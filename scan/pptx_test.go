package scan

import (
	"fmt"
	"strings"
	"testing"
)

const drawNS = `xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`

// ap is a DrawingML paragraph of runs.
func ap(runs ...string) string {
	var b strings.Builder
	b.WriteString(`<a:p><a:pPr algn="l"/>`)
	for _, r := range runs {
		b.WriteString(`<a:r><a:rPr lang="ja-JP"/><a:t>` + r + `</a:t></a:r>`)
	}
	b.WriteString(`<a:endParaRPr lang="ja-JP"/></a:p>`)
	return b.String()
}

func slideXML(body string) string {
	return `<p:sld ` + drawNS + `><p:cSld><p:spTree><p:sp><p:txBody><a:bodyPr/>` + body + `</p:txBody></p:sp></p:spTree></p:cSld></p:sld>`
}

// deck builds a pptx whose slides are listed in sldIdLst in the order given
// by order (indexes into slides, which are stored as slide1.xml...).
func deck(t testing.TB, slides []string, order []int, extra ...docPart) []byte {
	t.Helper()
	var ids, rels strings.Builder
	for _, i := range order {
		fmt.Fprintf(&ids, `<p:sldId id="%d" r:id="rId%d"/>`, 256+i, 10+i)
	}
	for i := range slides {
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide" Target="slides/slide%d.xml"/>`, 10+i, i+1)
	}
	parts := []docPart{
		{"ppt/presentation.xml", `<p:presentation ` + drawNS + `><p:sldIdLst>` + ids.String() + `</p:sldIdLst></p:presentation>`},
		{"ppt/_rels/presentation.xml.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` + rels.String() + `</Relationships>`},
	}
	for i, s := range slides {
		parts = append(parts, docPart{fmt.Sprintf("ppt/slides/slide%d.xml", i+1), slideXML(s)})
	}
	return docZipOf(t, append(parts, extra...)...)
}

func TestPPTXFixture(t *testing.T) {
	f, calls, err := docExtract(t, docFixture(t, "slides.pptx"), Limits{})
	if err != nil || f.Format != FormatPPTX || f.Status != StatusOK {
		t.Fatalf("format %s status %s reason %q err %v", f.Format, f.Status, f.Reason, err)
	}
	docCheckCalls(t, calls, Limits{})
	wantTexts(t, calls, "p1\t保護者会のお知らせ", "p2\t山田 太郎 様 連絡先 090-1234-5678", "p3\t担任 佐藤 に確認すること")
	wantRow(t, calls, "スライド2表1!A1=氏名", "スライド2表1!B1=電話番号", "スライド2表1!C1=学年")
	wantRow(t, calls, "スライド2表1!A3=鈴木 一郎", "スライド2表1!B3=027-201-1002", "スライド2表1!C3=2年")
}

func TestPPTXCases(t *testing.T) {
	table := `</p:txBody></p:sp><p:graphicFrame><a:graphic><a:graphicData><a:tbl><a:tblGrid><a:gridCol w="1"/></a:tblGrid>` +
		`<a:tr><a:tc gridSpan="2"><a:txBody>` + ap("氏名と電話") + `</a:txBody><a:tcPr/></a:tc><a:tc hMerge="1"><a:txBody><a:p/></a:txBody></a:tc><a:tc><a:txBody>` + ap("備考") + ap("二行") + `</a:txBody></a:tc></a:tr>` +
		`</a:tbl></a:graphicData></a:graphic></p:graphicFrame><p:sp><p:txBody>`
	slides := []string{
		ap("一枚目 090-", "1234-5678") + `<a:p><a:r><a:t>改</a:t></a:r><a:br/><a:r><a:t>行</a:t></a:r></a:p>`,
		ap("二枚目") + table,
		ap("三枚目"),
	}
	notes := []docPart{
		{"ppt/slides/_rels/slide2.xml.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/notesSlide" Target="../notesSlides/notesSlide7.xml"/></Relationships>`},
		{"ppt/notesSlides/notesSlide7.xml", `<p:notes ` + drawNS + `><p:cSld><p:spTree><p:sp><p:txBody>` + ap("ノート 鈴木様") + `</p:txBody></p:sp></p:spTree></p:cSld></p:notes>`},
		{"ppt/slideLayouts/slideLayout1.xml", slideXML(ap("レイアウト"))},
	}
	f, calls, err := docExtract(t, deck(t, slides, []int{2, 0, 1}, notes...), Limits{})
	if err != nil || f.Status != StatusOK {
		t.Fatalf("status %s reason %q err %v", f.Status, f.Reason, err)
	}
	docCheckCalls(t, calls, Limits{})
	wantTexts(t, calls, "p1\t三枚目", "p2\t一枚目 090-1234-5678", "p3\t改\n行", "p4\t二枚目", "p5\tノート 鈴木様")
	wantRow(t, calls, "スライド3表1!A1=氏名と電話", "スライド3表1!B1=", "スライド3表1!C1=備考\n二行")
	noText(t, calls, "レイアウト")
	if n := len(docTexts(calls)); n != 5 {
		t.Errorf("%d texts, want 5", n)
	}

	// Without a slide list, slides go in natural order of their names.
	f, calls, err = docExtract(t, docZipOf(t,
		docPart{"ppt/presentation.xml", `<p:presentation ` + drawNS + `/>`},
		docPart{"ppt/slides/slide10.xml", slideXML(ap("十"))},
		docPart{"ppt/slides/slide2.xml", slideXML(ap("二"))},
	), Limits{})
	if err != nil || f.Status != StatusOK {
		t.Fatalf("status %s reason %q err %v", f.Status, f.Reason, err)
	}
	wantTexts(t, calls, "p1\t二", "p2\t十")
}

func FuzzPPTX(f *testing.F) {
	docSeeds(f, "slides.pptx", "ppt/slides/slide2.xml")
	f.Fuzz(func(t *testing.T, data []byte, whole bool, line, field uint16) {
		docFuzz(t, data, whole, line, field, func(tb testing.TB, b []byte) []byte {
			return docZipOf(tb, docPart{"ppt/presentation.xml", "<p:presentation/>"}, docPart{"ppt/slides/slide1.xml", string(b)})
		})
	})
}
