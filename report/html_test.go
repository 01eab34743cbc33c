package report

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
)

// hostile names a file whose name is markup; the report must show it, inert.
const hostile = `{"type":"file","path":"<img src=x onerror=alert(2)>/<script>alert(1)</script>.csv","root":"/srv/\"'><b>x","size":1,"status":"ok","subjects":200,"categories":{"person_name":{"count":200,"columns":["</td><script>alert(3)</script>"],"samples":["<svg onload=alert(4)>"],"locations":["1:1"]}},"risk":"high","appi":["volume"]}
{"type":"summary","roots":["/srv/<script>alert(5)</script>"],"files":1,"scanned":1,"subjects":200,"people":180,"people_estimate":true}
`

func renderHTML(t *testing.T, b *Book, l Lang) string {
	t.Helper()
	var out bytes.Buffer
	if err := b.WriteHTML(&out, l); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

func TestHTMLSummary(t *testing.T) {
	b := bookFixture(t, SectorPublic, reportA, reportB)
	cases := map[Lang][]string{
		LangJA: {`<html lang="ja">`, "まず対応すべきこと", "未暗号化の高リスクファイル", "3 件", "241 人", "あり（1 件）", "11 件", "個人データの項目", "読み取れなかったファイルが 1 件あります",
			"アレルギー（食物・薬剤）", "複数のスキャン結果の人数を足し合わせています", "暗号化済み（記録あり）", "調べられなかったファイル", "bad zip", "校務/名簿.csv", "<svg"},
		LangEN: {`<html lang="en">`, "What to do first", "Unencrypted high-risk files", "3 files", ">241<", "yes (files: 1)", "11 files",
			"People are summed across reports", "encrypted (per manifest)", "Files not examined"},
	}
	for l, wants := range cases {
		s := renderHTML(t, b, l)
		for _, w := range wants {
			if !strings.Contains(s, w) {
				t.Errorf("%s: HTML lacks %q", l, w)
			}
		}
	}
}

// TestHTMLSelfContained: nothing is fetched; a closed school network shows it all.
func TestHTMLSelfContained(t *testing.T) {
	s := renderHTML(t, bookFixture(t, SectorPublic, reportA, reportB), LangJA)
	for _, bad := range []string{"http://", "https://", "<link", "src=", "@import", "url("} {
		if bad == "http://" {
			s = strings.ReplaceAll(s, `xmlns="http://www.w3.org/2000/svg"`, "")
		}
		if strings.Contains(s, bad) {
			t.Errorf("HTML contains %q", bad)
		}
	}
	for _, font := range []string{`default-src 'none'`, `"Hiragino Sans"`, `"Yu Gothic"`, `"Meiryo"`, `"Noto Sans CJK JP"`, "@media print", "size: A4"} {
		if !strings.Contains(s, font) {
			t.Errorf("HTML lacks %s", font)
		}
	}
}

func TestHTMLEscapes(t *testing.T) {
	b := bookFixture(t, SectorPublic, hostile)
	s := renderHTML(t, b, LangJA)
	if n := strings.Count(s, "<script"); n != 1 {
		t.Errorf("%d <script elements, want only the report's own", n)
	}
	for _, bad := range []string{"<img", "<svg onload", "alert(1)</script>", "<b>x", `"'>`} {
		if strings.Contains(s, bad) {
			t.Errorf("HTML contains %q unescaped", bad)
		}
	}
	for _, want := range []string{"&lt;script&gt;alert(1)&lt;/script&gt;.csv", "&lt;svg onload=alert(4)&gt;", "180 人"} {
		if !strings.Contains(s, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
}

func TestHTMLWithoutFindings(t *testing.T) {
	b := bookFixture(t, SectorPublic, `{"type":"summary","files":4,"scanned":4}`)
	s := renderHTML(t, b, LangJA)
	if !strings.Contains(s, "暗号化されていない高リスクのファイルはありません") || !strings.Contains(s, "該当なし") {
		t.Error("an empty report does not say there is nothing to do")
	}
}

// TestHTMLNoRawKeys: every label the page uses has a translation (T shows
// an unknown key as itself).
func TestHTMLNoRawKeys(t *testing.T) {
	raw := regexp.MustCompile(`\b(title|sum|people|appi|action|chart|table|col|detail|notex|enc|text|sector|cat|item|exp|risk|status)\.[a-z_]+\b`)
	books := map[string]*Book{"scanned": bookFixture(t, SectorPublic, reportA, reportB), "hostile": bookFixture(t, SectorPrivate, hostile), "empty": bookFixture(t, SectorPublic, `{"type":"summary"}`)}
	for name, b := range books {
		for _, l := range []Lang{LangJA, LangEN} {
			s := renderHTML(t, b, l)
			s = s[strings.Index(s, "<body>"):]
			s = s[:strings.Index(s, "<script>")]
			if m := raw.FindString(s); m != "" {
				t.Errorf("%s %s: untranslated label %q", name, l, m)
			}
		}
	}
}

func TestShorten(t *testing.T) {
	cases := map[string]string{
		"校務": "校務",
		"とても長いフォルダの名前ですね": "とても長いフォルダ…",
		"bank account":            "bank account",
		"a-very-long-folder-name": "a-very-long-folder…",
	}
	for in, want := range cases {
		if got := shorten(in); got != want {
			t.Errorf("shorten(%q) = %q, want %q", in, got, want)
		}
	}
}
