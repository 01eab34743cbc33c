package report

import (
	"strconv"

	"mamori/detect"
)

// Charts are horizontal bar charts drawn as inline SVG. Go computes the
// geometry; the template writes the elements, so every label is escaped by
// html/template like any other text.
type chart struct {
	Title  string
	Width  int
	Height int
	Bars   []bar
	Legend []legendItem
	Empty  string // shown instead of bars when there are none
}

type bar struct {
	Label  string // shortened to fit
	Full   string // the whole label, as a tooltip
	Y      int    // top of the bar
	TextY  int    // baseline of the label and value
	Segs   []seg
	Value  string
	ValueX int
}

type seg struct {
	X, W  int
	Class string
}

type legendItem struct {
	Label string
	Class string
}

// Chart geometry, in SVG user units (pixels at 100%).
const (
	chartLabelW = 130 // label column
	chartBarW   = 230 // longest bar
	chartValueW = 70  // value after the bar
	chartRowH   = 24
	chartBarH   = 16
	chartMaxLen = 18 // label width before it is cut with …, in half-width units
	chartRows   = 13 // bars per chart (every built-in category); the table has the rest
)

// barRow is one bar before layout: its label and its stacked parts.
type barRow struct {
	label string
	parts []int
	class []string
	value string
}

func layoutChart(title string, rows []barRow, legend []legendItem, empty string) chart {
	c := chart{Title: title, Width: chartLabelW + chartBarW + chartValueW, Legend: legend, Empty: empty}
	if len(rows) > chartRows {
		rows = rows[:chartRows]
	}
	top := 1
	for _, r := range rows {
		top = max(top, sum(r.parts))
	}
	for i, r := range rows {
		c.Bars = append(c.Bars, layoutBar(i, r, top))
	}
	c.Height = max(len(rows), 1)*chartRowH + 4
	return c
}

func layoutBar(i int, r barRow, top int) bar {
	b := bar{Label: shorten(r.label), Full: r.label, Y: 2 + i*chartRowH + (chartRowH-chartBarH)/2, TextY: 2 + i*chartRowH + chartRowH/2 + 5, Value: r.value}
	x := chartLabelW
	for j, p := range r.parts {
		if p <= 0 {
			continue
		}
		w := max(p*chartBarW/top, 2)
		b.Segs = append(b.Segs, seg{X: x, W: w, Class: r.class[j]})
		x += w
	}
	b.ValueX = x + 6
	return b
}

// shorten cuts a label to chartMaxLen half-width units; Japanese
// characters count two.
func shorten(s string) string {
	w := 0
	for i, r := range s {
		w += runeWidth(r)
		if w > chartMaxLen {
			return s[:i] + "…"
		}
	}
	return s
}

func runeWidth(r rune) int {
	if r < 0x1100 || (r >= 0xFF61 && r <= 0xFFDC) {
		return 1
	}
	return 2
}

func sum(xs []int) int {
	n := 0
	for _, x := range xs {
		n += x
	}
	return n
}

// riskChart: files by risk.
func (b *Book) riskChart(l Lang) chart {
	var rows []barRow
	for _, r := range []detect.Risk{detect.RiskHigh, detect.RiskMedium, detect.RiskLow, detect.RiskNone} {
		n := b.Totals.ByRisk[r]
		rows = append(rows, barRow{label: l.Risk(r), parts: []int{n}, class: []string{"c-" + string(r)}, value: strconv.Itoa(n)})
	}
	return layoutChart(l.T("chart.risk"), rows, nil, l.T("chart.empty"))
}

// categoryChart: people by category, summed over the files holding it.
func (b *Book) categoryChart(l Lang) chart {
	var rows []barRow
	for _, c := range b.Totals.Categories {
		rows = append(rows, barRow{label: l.Category(c.Category), parts: []int{c.Subjects}, class: []string{categoryClass(c.Category)}, value: strconv.Itoa(c.Subjects)})
	}
	return layoutChart(l.T("chart.category"), rows, nil, l.T("chart.empty"))
}

func categoryClass(c detect.Category) string {
	switch c.Kind() {
	case detect.Health:
		return "c-health"
	case detect.Financial:
		return "c-financial"
	}
	if c == detect.MyNumber {
		return "c-mynumber"
	}
	return "c-other"
}

// folderChart: files with personal data by top-level folder, the
// unencrypted high-risk ones first in each bar.
func (b *Book) folderChart(l Lang) chart {
	var rows []barRow
	for _, f := range b.Totals.Folders {
		name := f.Folder
		if name == "." {
			name = l.T("chart.root")
		}
		value := strconv.Itoa(f.Files)
		if f.Open > 0 {
			value += " ⚠" + strconv.Itoa(f.Open)
		}
		rows = append(rows, barRow{label: name, parts: []int{f.HighRisk, f.Files - f.HighRisk}, class: []string{"c-high", "c-slate"}, value: value})
	}
	legend := []legendItem{{l.T("chart.high"), "c-high"}, {l.T("chart.other"), "c-slate"}, {"⚠ " + l.T("chart.exposed"), ""}}
	return layoutChart(l.T("chart.folder"), rows, legend, l.T("chart.empty"))
}
