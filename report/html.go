package report

import (
	"embed"
	"html/template"
	"io"
	"strconv"
	"strings"
	"time"

	"mamori/detect"
	"mamori/scan"
)

//go:embed templates/report.html.tmpl templates/report.css templates/report.js
var templateFS embed.FS

// htmlTemplate is parsed once; html/template escapes every value it is
// given, file names included (they are chosen by whoever wrote the file).
var htmlTemplate = template.Must(template.New("report.html.tmpl").ParseFS(templateFS, "templates/*"))

// htmlActions is how many files the box at the top lists.
const htmlActions = 5

// WriteHTML writes the book as one self-contained HTML page: styles and
// script inline, charts as inline SVG, nothing fetched from the network.
func (b *Book) WriteHTML(w io.Writer, l Lang) error {
	return htmlTemplate.Execute(w, b.htmlView(l))
}

type htmlView struct {
	L           Lang
	B           *Book
	Roots       []string
	Actions     []htmlRow
	ActionsMore int
	ActionsOpen int
	Cards       []htmlCard
	PeopleNotes []string
	Items       []string
	APPIRows    []htmlFact
	Charts      []chart
	Rows        []htmlRow // files with personal data
	NotExamined []htmlRow
	Incomplete  bool
	Interrupted bool
	Scored      bool // the scans scored files; otherwise the score column is left out
	Generated   string
	Unreadable  int // files with status error
}

type htmlCard struct {
	Label, Value, Note string
	Alert, Good        bool
}

type htmlFact struct {
	Label, Value string
	Alert        bool
}

type htmlRow struct {
	ID         string
	F          *BookFile
	Score      int
	RiskRank   int
	Risk       string
	RiskClass  string
	Categories string
	APPI       []string
	Exposure   []string
	ExpoNone   string
	Encrypted  string
	Action     bool
	Status     string
	Reason     string
	Details    []htmlCategory
	Facts      []htmlFact
	Source     string
}

type htmlCategory struct {
	Name      string
	Finding   detect.Finding
	Sensitive bool
}

func (b *Book) htmlView(l Lang) htmlView {
	v := htmlView{L: l, B: b, Items: b.itemNames(l), PeopleNotes: b.peopleNotes(l)}
	v.Roots = b.roots()
	v.Scored = b.Scored()
	v.Generated = b.Generated
	if t, err := time.Parse(time.RFC3339, b.Generated); err == nil {
		v.Generated = t.Format("2006-01-02 15:04 MST")
	}
	for i := range b.Files {
		f := &b.Files[i]
		switch {
		case f.Status == scan.StatusOK && f.HasPersonalData():
			v.Rows = append(v.Rows, b.htmlRow(f, l, len(v.Rows)))
		case f.Status != scan.StatusOK:
			v.NotExamined = append(v.NotExamined, b.htmlRow(f, l, -1))
		}
	}
	for _, r := range v.Rows {
		if !r.Action {
			continue
		}
		if len(v.Actions) < htmlActions {
			v.Actions = append(v.Actions, r)
		}
		if r.F.Open() {
			v.ActionsOpen++
		}
	}
	v.ActionsMore = b.Totals.UnencryptedHighRisk - len(v.Actions)
	v.Unreadable = b.Totals.ByStatus[scan.StatusError]
	v.Cards = b.htmlCards(l)
	v.APPIRows = b.appiFacts(l)
	v.Charts = []chart{b.riskChart(l), b.categoryChart(l), b.folderChart(l)}
	for _, s := range b.Sources {
		v.Incomplete = v.Incomplete || !s.Complete
		v.Interrupted = v.Interrupted || s.Interrupted
	}
	return v
}

func (b *Book) roots() []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range b.Sources {
		for _, r := range s.Roots {
			if !seen[r] {
				seen[r] = true
				out = append(out, r)
			}
		}
	}
	return out
}

func (b *Book) htmlCards(l Lang) []htmlCard {
	t, a := &b.Totals, &b.APPI
	files := l.Files
	yes := func(on bool, n int) string {
		if !on {
			return l.T("sum.not_involved")
		}
		return l.Tf("sum.involved", n)
	}
	return []htmlCard{
		{Label: l.T("sum.unenc_high"), Value: files(t.UnencryptedHighRisk), Alert: t.UnencryptedHighRisk > 0, Good: t.UnencryptedHighRisk == 0},
		{Label: l.T("sum.people"), Value: l.Tf("sum.people_unit", a.People), Note: strings.Join(b.peopleNotes(l), " ")},
		{Label: l.T("sum.sensitive"), Value: yes(a.Sensitive, b.filesWith(detect.ReasonSensitive)), Alert: a.Sensitive},
		{Label: l.T("sum.financial"), Value: yes(a.Financial, b.filesWith(detect.ReasonFinancial)), Alert: a.Financial},
		{Label: l.T("sum.with_pd"), Value: files(t.WithPersonalData)},
		{Label: l.T("sum.examined"), Value: files(t.Examined), Note: notExaminedNote(l, t)},
	}
}

func notExaminedNote(l Lang, t *Totals) string {
	if t.NotExamined == 0 {
		return ""
	}
	return l.T("sum.not_examined") + ": " + l.Files(t.NotExamined)
}

func (b *Book) appiFacts(l Lang) []htmlFact {
	a := &b.APPI
	enc := l.T("appi.none_files")
	if n := len(a.EncryptedFiles); n > 0 {
		enc = l.Files(n)
	}
	return []htmlFact{
		{Label: l.T("appi.people"), Value: l.Tf("sum.people_unit", a.People)},
		{Label: l.T("appi.items"), Value: l.Join(b.itemNames(l))},
		{Label: l.T("appi.row_sensitive"), Value: l.YesNo(a.Sensitive), Alert: a.Sensitive},
		{Label: l.T("appi.row_financial"), Value: l.YesNo(a.Financial), Alert: a.Financial},
		{Label: l.T("appi.row_my_number"), Value: l.YesNo(a.MyNumber), Alert: a.MyNumber},
		{Label: l.T("appi.row_volume"), Value: l.YesNo(a.Volume), Alert: a.Volume},
		{Label: l.T("appi.encrypted"), Value: enc},
		{Label: l.T("appi.unenc_high"), Value: l.Files(len(a.UnencryptedHighRisk)), Alert: len(a.UnencryptedHighRisk) > 0},
	}
}

func (b *Book) htmlRow(f *BookFile, l Lang, n int) htmlRow {
	r := htmlRow{
		F: f, Score: f.Score(), RiskRank: riskRank(f.Risk), Risk: l.Risk(f.Risk), RiskClass: "r-" + string(f.Risk),
		Categories: l.Join(b.categoryNames(f, l)), APPI: reasonNames(l, f.APPI), Encrypted: encryptedLabel(f, l),
		Action: f.NeedsAction(), Status: l.Status(f.Status), Reason: f.Reason, Source: b.sourceName(f),
	}
	if n >= 0 {
		r.ID = "f" + strconv.Itoa(n+1)
	}
	if f.Error != "" {
		r.Reason = f.Error
	}
	r.ExpoNone = l.T("detail.exp_unknown")
	if e := f.Exposure(); e != nil {
		r.Exposure = exposureNames(l, e.Reasons)
		r.ExpoNone = l.T("detail.exp_none")
	}
	for _, c := range sortedCategories(f) {
		r.Details = append(r.Details, htmlCategory{Name: l.Category(c), Finding: f.Categories[c], Sensitive: c.Kind() == detect.Health})
	}
	r.Facts = b.fileFacts(f, l)
	return r
}

// fileFacts are the per-file detail lines other than categories.
func (b *Book) fileFacts(f *BookFile, l Lang) []htmlFact {
	facts := []htmlFact{
		{Label: l.T("col.root"), Value: f.Root},
		{Label: l.T("col.format"), Value: strings.Trim(f.Format+" "+f.Encoding, " ")},
		{Label: l.T("col.size"), Value: strconv.FormatInt(f.Size, 10)},
		{Label: l.T("col.modified"), Value: f.Modified},
	}
	if e := f.Exposure(); e != nil {
		stale := ""
		if e.StaleDays > 0 {
			stale = strconv.Itoa(e.StaleDays)
		}
		facts = append(facts,
			htmlFact{Label: l.T("col.accessed"), Value: e.Accessed},
			htmlFact{Label: l.T("col.stale_days"), Value: stale},
			htmlFact{Label: l.T("col.mode"), Value: strings.Trim(e.Mode+" "+e.Owner+":"+e.Group, " :")},
			htmlFact{Label: l.T("col.share"), Value: e.Share})
	}
	if len(f.HiddenSheets) > 0 {
		facts = append(facts, htmlFact{Label: l.T("detail.hidden"), Value: strings.Join(f.HiddenSheets, ", "), Alert: true})
	}
	facts = append(facts, htmlFact{Label: l.T("col.same_people_as"), Value: f.SamePeopleAs, Alert: true})
	facts = append(facts, htmlFact{Label: l.T("col.source"), Value: b.sourceName(f)})
	out := facts[:0]
	for _, x := range facts {
		if x.Value != "" {
			out = append(out, x)
		}
	}
	return out
}
