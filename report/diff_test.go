package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"mamori/detect"
	"mamori/scan"
)

// line is one crafted file record: kind picks the findings (high: names
// and allergies; medium: names; clean: nothing), status "" is ok.
func line(path string, status scan.Status, kind string, subjects int) string {
	rec := FileRecord{Type: "file", Root: "/srv/s", Path: path, Status: scan.StatusOK, Subjects: subjects,
		Categories: map[detect.Category]detect.Finding{}, APPI: []string{}}
	if status != "" {
		rec.Status, rec.Subjects = status, 0
	}
	switch kind {
	case "high":
		rec.Categories[detect.Allergy] = detect.Finding{Count: subjects, Samples: []string{"卵"}}
		fallthrough
	case "medium":
		rec.Categories[detect.PersonName] = detect.Finding{Count: subjects, Samples: []string{"山＊ 太＊"}}
	}
	b, _ := json.Marshal(rec)
	return string(b) + "\n"
}

func summaryLine(finished string) string {
	return fmt.Sprintf(`{"type":"summary","roots":["/srv/s"],"finished":%q,"files":1,"scanned":1}`+"\n", finished)
}

// diffFixture: an old and a new report of the same share, one file per change.
func diffFixture(t *testing.T, manifest string) *Book {
	t.Helper()
	old := line("same.csv", "", "medium", 10) +
		line("up.csv", "", "medium", 10) +
		line("down.csv", "", "high", 10) +
		line("people.csv", "", "medium", 10) +
		line("gone.csv", "", "high", 40) +
		line("cleaned.csv", "", "medium", 5) +
		line("to-age.csv", "", "high", 30) +
		line("by-manifest.csv", "", "high", 20) +
		line("unread.csv", "", "medium", 8) +
		line("a.zip!/名簿.csv", "", "medium", 12) +
		line("still-skipped.bin", scan.StatusSkipped, "", 0) +
		summaryLine("2026-11-16T03:00:00Z")
	now := line("same.csv", "", "medium", 10) +
		line("up.csv", "", "high", 10) +
		line("down.csv", "", "medium", 10) +
		line("people.csv", "", "medium", 14) +
		line("cleaned.csv", "", "clean", 0) +
		line("to-age.csv.age", scan.StatusEncrypted, "", 0) +
		line("by-manifest.csv", "", "high", 20) +
		line("unread.csv", scan.StatusError, "", 0) +
		line("a.zip!/名簿.csv", "", "medium", 12) +
		line("a.zip!/新しい名簿.csv", "", "medium", 3) +
		line("broken.xlsx", scan.StatusProtected, "", 0) +
		line("photo.png", scan.StatusSkipped, "", 0) +
		line("still-skipped.bin", scan.StatusSkipped, "", 0) +
		summaryLine("2026-11-23T03:00:00Z")
	b, err := NewBook(BookOptions{Now: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if err := b.AddReport("new.jsonl", strings.NewReader(now)); err != nil {
		t.Fatal(err)
	}
	if err := b.AddManifest("manifest.jsonl", strings.NewReader(manifest)); err != nil {
		t.Fatal(err)
	}
	b.Finish()
	if err := b.CompareWith("old.jsonl", strings.NewReader(old)); err != nil {
		t.Fatal(err)
	}
	return b
}

const diffManifest = `{"type":"encrypt","path":"/srv/s/by-manifest.csv","result":"encrypted","original_removed":false}` + "\n"

func TestDiffChanges(t *testing.T) {
	d := diffFixture(t, diffManifest).Diff
	got := map[string]Change{}
	for _, c := range d.Changes {
		if _, dup := got[c.Path]; dup {
			t.Errorf("%s listed twice", c.Path)
		}
		got[c.Path] = c.Change
	}
	want := map[string]Change{
		"up.csv":           ChangeRiskUp,
		"down.csv":         ChangeRiskDown,
		"people.csv":       ChangePeople,
		"gone.csv":         ChangeGone,
		"cleaned.csv":      ChangeGone,
		"to-age.csv.age":   ChangeEncrypted,
		"by-manifest.csv":  ChangeEncrypted,
		"unread.csv":       ChangeNotExamined,
		"a.zip!/新しい名簿.csv": ChangeNew,
		"broken.xlsx":      ChangeNotExamined,
	}
	for p, w := range want {
		if got[p] != w {
			t.Errorf("%s: change %q, want %q", p, got[p], w)
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			t.Errorf("%s: change %q, want none", p, got[p])
		}
	}
	for i := 1; i < len(d.Changes); i++ {
		if indexOf(d.Changes[i-1].Change) > indexOf(d.Changes[i].Change) {
			t.Errorf("changes out of order: %s before %s", d.Changes[i-1].Change, d.Changes[i].Change)
		}
	}
	if d.Counts[ChangeGone] != 2 || d.Counts[ChangeEncrypted] != 2 || d.Counts[ChangeNew] != 1 {
		t.Errorf("counts %v", d.Counts)
	}
	if d.Since.Path != "old.jsonl" || !d.Since.Complete {
		t.Errorf("since %+v", d.Since)
	}
}

func indexOf(c Change) int {
	for i, x := range changeOrder {
		if x == c {
			return i
		}
	}
	return -1
}

// TestDiffSameReport: a report compared with itself has no changes.
func TestDiffSameReport(t *testing.T) {
	r := line("a.csv", "", "high", 10) + line("b.csv", scan.StatusError, "", 0) + summaryLine("x")
	b, _ := NewBook(BookOptions{})
	b.AddReport("r.jsonl", strings.NewReader(r))
	b.Finish()
	if err := b.CompareWith("r.jsonl", strings.NewReader(r)); err != nil {
		t.Fatal(err)
	}
	if len(b.Diff.Changes) != 0 {
		t.Errorf("changes %+v", b.Diff.Changes)
	}
	var out bytes.Buffer
	b.WriteText(&out, LangJA)
	if !strings.Contains(out.String(), LangJA.T("diff.none")) {
		t.Errorf("text lacks %q:\n%s", LangJA.T("diff.none"), out.String())
	}
}

func TestDiffBadOldReport(t *testing.T) {
	b, _ := NewBook(BookOptions{})
	b.Finish()
	if err := b.CompareWith("old.jsonl", strings.NewReader("not json\n")); err == nil || !strings.Contains(err.Error(), "old.jsonl") {
		t.Errorf("err = %v", err)
	}
}

// TestDiffRendered: the change shows in every format, in both languages.
func TestDiffRendered(t *testing.T) {
	b := diffFixture(t, diffManifest)
	for _, l := range []Lang{LangJA, LangEN} {
		var text, page, sheet bytes.Buffer
		if err := b.WriteText(&text, l); err != nil {
			t.Fatal(err)
		}
		if err := b.WriteHTML(&page, l); err != nil {
			t.Fatal(err)
		}
		if err := b.WriteCSV(&sheet, l); err != nil {
			t.Fatal(err)
		}
		wants := []string{l.T("diff.title"), l.ChangeName(ChangeRiskUp), l.Tf("diff.people_was", 10, 14), "gone.csv"}
		for name, s := range map[string]string{"text": text.String(), "html": page.String()} {
			for _, w := range wants {
				if !strings.Contains(s, w) {
					t.Errorf("%s %s lacks %q", l, name, w)
				}
			}
		}
		h := page.String()
		if a, d, c := strings.Index(h, `id="action"`), strings.Index(h, `id="diff"`), strings.Index(h, `class="cards"`); !(a < d && d < c) {
			t.Errorf("%s HTML: the changes are not between the action box and the cards (%d %d %d)", l, a, d, c)
		}
		rows := strings.Split(strings.TrimSpace(sheet.String()), "\r\n")
		if !strings.HasSuffix(rows[0], ","+l.T("col.change")) {
			t.Errorf("%s CSV header %q lacks the change column", l, rows[0])
		}
		changes := map[string]string{}
		for _, r := range rows[1:] {
			cells := strings.Split(r, ",")
			changes[cells[2]] = cells[len(cells)-1]
		}
		for p, c := range map[string]string{"up.csv": l.ChangeName(ChangeRiskUp), "gone.csv": l.ChangeName(ChangeGone),
			"cleaned.csv": l.T("change.gone_now_clean"), "same.csv": "", "by-manifest.csv": l.ChangeName(ChangeEncrypted)} {
			if got, ok := changes[p]; !ok || got != c {
				t.Errorf("%s CSV %s: change %q (row %v), want %q", l, p, got, ok, c)
			}
		}
	}
	var doc struct {
		Diff struct {
			Counts  map[string]int `json:"counts"`
			Changes []struct {
				Change, Path string
			} `json:"changes"`
		} `json:"diff"`
	}
	var js bytes.Buffer
	b.WriteJSON(&js)
	if err := json.Unmarshal(js.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Diff.Counts["risk_up"] != 1 || len(doc.Diff.Changes) != len(b.Diff.Changes) {
		t.Errorf("JSON diff %+v", doc.Diff)
	}
}

// TestNoDiffNoColumn: without --since the CSV and JSON are as before.
func TestNoDiffNoColumn(t *testing.T) {
	b, _ := NewBook(BookOptions{})
	b.AddReport("r.jsonl", strings.NewReader(line("a.csv", "", "high", 10)+summaryLine("x")))
	b.Finish()
	var sheet, js, page bytes.Buffer
	b.WriteCSV(&sheet, LangEN)
	b.WriteJSON(&js)
	b.WriteHTML(&page, LangEN)
	if strings.Contains(sheet.String(), LangEN.T("col.change")) || strings.Contains(js.String(), `"diff"`) || strings.Contains(page.String(), `id="diff"`) {
		t.Error("a change column or diff without --since")
	}
}

// TestDiffIncompleteAndLong: an earlier report cut short is flagged, and
// the terminal lists textDiffTop changes, then how many more.
func TestDiffIncompleteAndLong(t *testing.T) {
	var old, now strings.Builder
	for i := range textDiffTop + 5 {
		old.WriteString(line(fmt.Sprintf("f%02d.csv", i), "", "medium", 10))
		now.WriteString(line(fmt.Sprintf("f%02d.csv", i), "", "medium", 11))
	}
	now.WriteString(summaryLine("x"))
	b, _ := NewBook(BookOptions{})
	b.AddReport("now.jsonl", strings.NewReader(now.String()))
	b.Finish()
	if err := b.CompareWith("old.jsonl", strings.NewReader(old.String())); err != nil {
		t.Fatal(err)
	}
	for _, l := range []Lang{LangJA, LangEN} {
		var text, page bytes.Buffer
		b.WriteText(&text, l)
		b.WriteHTML(&page, l)
		for name, s := range map[string]string{"text": text.String(), "html": page.String()} {
			if !strings.Contains(s, l.T("diff.incomplete")) {
				t.Errorf("%s %s does not say the earlier report was cut short", l, name)
			}
		}
		if got := strings.Count(text.String(), "["+l.ChangeName(ChangePeople)+"]"); got != textDiffTop {
			t.Errorf("%s text lists %d changes, want %d", l, got, textDiffTop)
		}
		if !strings.Contains(text.String(), l.Tf("diff.more", 5)) || !strings.Contains(page.String(), "<details>") {
			t.Errorf("%s: the rest is not counted or folded", l)
		}
	}
}
