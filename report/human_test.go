package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"mamori/detect"
	"mamori/scan"
)

// TestHumanTopLines: the scan's summary opens with the answers of the HTML
// report's top, in its order and words, Japanese then English.
func TestHumanTopLines(t *testing.T) {
	s := newSummary([]string{"share"}, time.Now())
	var top []FileRecord
	for i := range 7 {
		r := FileRecord{Type: "file", Path: fmt.Sprintf("f%d.csv", i), Status: scan.StatusOK, Subjects: 10 + i,
			Risk: detect.RiskHigh, APPI: []string{detect.ReasonSensitive}, Score: 50 + i,
			Categories: map[detect.Category]detect.Finding{detect.Allergy: {Count: 1}}}
		if i == 6 {
			r.Exposure = &scan.Exposure{Reasons: []string{scan.ReasonWorldReadable}}
		}
		s.add(&r)
		top = append(top, r)
	}
	s.People = 60
	var out bytes.Buffer
	if err := WriteHuman(&out, s, top); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(out.String(), "\n")
	want := []string{
		"mamori スキャン結果 / scan summary",
		"まず対応すべきこと / What to do first",
		"  " + LangJA.ActionLead(7),
		"  " + LangEN.ActionLead(7),
		"  1. f6.csv  本人の数 16 / People 16  要配慮個人情報、誰でも読める権限 / sensitive (要配慮), readable by everyone",
		"  2. f5.csv  本人の数 15 / People 15  要配慮個人情報 / sensitive (要配慮)",
	}
	for i, w := range want {
		if i >= len(lines) || lines[i] != w {
			t.Fatalf("line %d:\n got %q\nwant %q\n%s", i+1, lines[min(i, len(lines)-1)], w, out.String())
		}
	}
	s2 := out.String()
	order := []string{"  5. f2.csv", "ほか 2 件", "2 more", "未暗号化の高リスクファイル / Unencrypted high-risk files: 7",
		"本人の数 / People: 約 60 人", "要配慮個人情報 / Sensitive data (要配慮): あり（7 件） / yes (files: 7)",
		"財産的被害のおそれ / Financial loss possible: なし / none", "個人情報を含むファイル / Files with personal data: 7",
		"調べたファイル / Files examined: 7", "本人の数 / subjects"}
	at := 0
	for _, w := range order {
		i := strings.Index(s2[at:], w)
		if i < 0 {
			t.Fatalf("lacks %q after byte %d:\n%s", w, at, s2)
		}
		at += i
	}
}

func TestHumanNothingToDo(t *testing.T) {
	s := newSummary([]string{"share"}, time.Now())
	var out bytes.Buffer
	if err := WriteHuman(&out, s, nil); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), LangJA.T("action.none")+"\n  "+LangEN.T("action.none")) {
		t.Errorf("no action line:\n%s", out.String())
	}
}
