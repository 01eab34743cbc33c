package scan

import (
	"strings"
	"testing"
)

const odfNS = `xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"`

// odtOf builds an odt whose body is body, with extra parts.
func odtOf(t testing.TB, body string, extra ...docPart) []byte {
	t.Helper()
	parts := []docPart{
		{"mimetype", "application/vnd.oasis.opendocument.text"},
		{"content.xml", `<?xml version="1.0" encoding="UTF-8"?><office:document-content ` + odfNS + `><office:body><office:text>` + body + `</office:text></office:body></office:document-content>`},
	}
	return docZipOf(t, append(parts, extra...)...)
}

func TestODTFixture(t *testing.T) {
	f, calls, err := docExtract(t, docFixture(t, "letter.odt"), Limits{})
	if err != nil || f.Format != FormatODT || f.Status != StatusOK {
		t.Fatalf("format %s status %s reason %q err %v", f.Format, f.Status, f.Reason, err)
	}
	docCheckCalls(t, calls, Limits{})
	wantTexts(t, calls,
		"p2\t山田 太郎 様",
		"p3\tいつもお世話になっております。遠足の件でご連絡いたします。ご不明な点は担任までお問い合わせください。連絡先 090-1234-5678",
		"p6\t作成者: 教務 一子",
	)
	if n := len(docRows(calls)); n != 9 {
		t.Errorf("%d rows, want 9", n)
	}
	rows := docRows(calls)
	if len(rows) > 0 && !strings.HasSuffix(rows[0][0], "!A1=番号") {
		t.Errorf("first cell at %s", strings.SplitN(rows[0][0], "=", 2)[0])
	}
}

func TestODTCases(t *testing.T) {
	body := `<text:tracked-changes/><text:h text:outline-level="1">見出し</text:h>` +
		`<text:p>氏名<text:tab/>山田<text:s text:c="2"/>太郎<text:line-break/>連絡先 <text:span>090-</text:span>1234-5678</text:p>` +
		`<text:p>本文<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>脚注の文</text:p></text:note-body></text:note>続き</text:p>` +
		`<text:p>注記<office:annotation><dc:creator>教頭</dc:creator><dc:date>2024-04-01T00:00:00</dc:date><text:p>鈴木様に確認</text:p></office:annotation>あり</text:p>` +
		`<text:p><draw:frame><svg:title>題</svg:title><draw:text-box><text:p>枠の中</text:p></draw:text-box></draw:frame></text:p>` +
		`<table:table table:name="名簿"><table:table-column table:number-columns-repeated="3"/>` +
		`<table:table-header-rows><table:table-row><table:table-cell><text:p>氏名</text:p></table:table-cell><table:table-cell table:number-columns-spanned="2"><text:p>電話</text:p></table:table-cell><table:covered-table-cell/></table:table-row></table:table-header-rows>` +
		`<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="2"/><table:table-cell><text:p>同</text:p></table:table-cell></table:table-row>` +
		`<table:table-row><table:table-cell><text:p>佐藤</text:p><text:p>花子</text:p></table:table-cell><table:table-cell><table:table><table:table-row><table:table-cell><text:p>内</text:p></table:table-cell></table:table-row></table:table></table:table-cell></table:table-row>` +
		`</table:table><table:table><table:table-row><table:table-cell><text:p>無名</text:p></table:table-cell></table:table-row></table:table>`
	styles := `<office:document-styles ` + odfNS + `><office:master-styles><style:master-page style:name="Standard"><style:header><text:p>学校だより</text:p></style:header><style:footer><text:p>前橋市立第一小学校</text:p></style:footer></style:master-page></office:master-styles></office:document-styles>`
	meta := `<office:document-meta ` + odfNS + `><office:meta><meta:initial-creator>佐藤 花子</meta:initial-creator><dc:creator>鈴木 一郎</dc:creator><dc:title>題</dc:title></office:meta></office:document-meta>`
	f, calls, err := docExtract(t, odtOf(t, body, docPart{"styles.xml", styles}, docPart{"meta.xml", meta}), Limits{})
	if err != nil || f.Status != StatusOK {
		t.Fatalf("status %s reason %q err %v", f.Status, f.Reason, err)
	}
	docCheckCalls(t, calls, Limits{})
	wantTexts(t, calls, "p1\t見出し", "p2\t氏名\t山田  太郎\n連絡先 090-1234-5678", "p4\t脚注の文", "p3\t本文続き",
		"p6\t鈴木様に確認", "p5\t注記あり", "p8\t枠の中", "p9\t学校だより", "p10\t前橋市立第一小学校", "p11\t作成者: 佐藤 花子", "p12\t最終更新者: 鈴木 一郎")
	wantRow(t, calls, "名簿!A1=氏名", "名簿!B1=電話", "名簿!C1=")
	wantRow(t, calls, "名簿!A2=", "名簿!C2=同")
	wantRow(t, calls, "名簿!A4=佐藤\n花子", "名簿!B4=内")
	wantRow(t, calls, "表1!A1=無名")
	noText(t, calls, "教頭")
	noText(t, calls, "題")
	if n := len(docRows(calls)); n != 4 {
		t.Errorf("%d rows, want 4", n)
	}
}

func FuzzODT(f *testing.F) {
	docSeeds(f, "letter.odt", "content.xml")
	f.Fuzz(func(t *testing.T, data []byte, whole bool, line, field uint16) {
		docFuzz(t, data, whole, line, field, func(tb testing.TB, b []byte) []byte {
			return docZipOf(tb, docPart{"mimetype", "application/vnd.oasis.opendocument.text"}, docPart{"content.xml", string(b)}, docPart{"styles.xml", string(b)})
		})
	})
}
