package report

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"mamori/detect"
	"mamori/scan"
)

// humanActions is how many files to deal with first the scan's summary
// lists: as many as the HTML report's box at the top.
const humanActions = htmlActions

func init() {
	for k, v := range map[string][2]string{
		"human.title":    {"mamori スキャン結果", "scan summary"},
		"human.people":   {"約 %d 人（重複を除いた推定値）", "about %d (distinct people, an estimate)"},
		"human.subjects": {"延べ本人の数", "subjects (summed over files)"},
		"human.more":     {"ほか %d 件（-o でスキャン結果を保存し、mamori report で一覧できます）", "%d more (save the report with -o and list them with mamori report)"},
		"human.top":      {"リスクの高いファイル", "riskiest files"},
		"human.cut":      {"中断されました", "interrupted: the figures cover the files read so far"},
	} {
		labels[k] = v
	}
}

// WriteHuman writes a short summary for a person at a terminal, in Japanese
// with English beside it. Its first lines answer what the HTML report's top
// answers, in the same words: the unencrypted high-risk files and the first
// of them with their reasons (まず対応すべきこと), then people, 要配慮,
// financial loss, files with personal data and files examined.
func WriteHuman(w io.Writer, s Summary, top []FileRecord) error {
	p := &printer{w: w}
	p.line("%s", bi("human.title"))
	if s.Interrupted {
		p.line("  %s", bi("human.cut"))
	}
	humanActionsOf(p, s, top)
	high := s.ByRisk[detect.RiskHigh] // read as plain text, so not encrypted
	p.line("  %s: %d", bi("sum.unenc_high"), high)
	p.line("  %s: %s", bi("sum.people"), biF("human.people", s.People))
	p.line("  %s: %s", bi("sum.sensitive"), involvedBoth(s.ByAPPI[detect.ReasonSensitive]))
	p.line("  %s: %s", bi("sum.financial"), involvedBoth(s.ByAPPI[detect.ReasonFinancial]))
	p.line("  %s: %d", bi("sum.with_pd"), s.WithPersonalData)
	p.line("  %s: %d", bi("sum.examined"), s.Scanned)
	p.line("  %s: %d", bi("human.subjects"), s.Subjects)
	p.line("  %s: %d%s", bi("sum.not_examined"), s.NotExamined, statusBreakdown(s))
	if len(top) > 0 {
		p.line("%s:", bi("human.top"))
		for _, r := range top {
			p.line("  %-6s %s  本人 %d  %s%s", r.Risk, r.Path, r.Subjects, categoryList(r), appiList(r))
		}
	}
	return p.err
}

// humanActionsOf writes まず対応すべきこと: the lead sentence and the first
// unencrypted high-risk files, highest score first, with their reasons.
func humanActionsOf(p *printer, s Summary, top []FileRecord) {
	p.line("%s", bi("action.title"))
	high := s.ByRisk[detect.RiskHigh]
	if high == 0 {
		p.line("  %s", LangJA.T("action.none"))
		p.line("  %s", LangEN.T("action.none"))
		return
	}
	p.line("  %s", LangJA.ActionLead(high))
	p.line("  %s", LangEN.ActionLead(high))
	todo := humanTodo(top)
	for i, r := range todo {
		p.line("  %d. %s  %s %d / %s %d  %s", i+1, r.Path, LangJA.T("col.people"), r.Subjects,
			LangEN.T("col.people"), r.Subjects, humanReasons(&r))
	}
	if more := high - len(todo); more > 0 {
		p.line("  %s", biF("human.more", more))
	}
}

// humanTodo returns the first high-risk files of top in the order of the
// report's files (byScore).
func humanTodo(top []FileRecord) []FileRecord {
	var out []FileRecord
	for _, r := range top {
		if r.Risk == detect.RiskHigh && r.Status == scan.StatusOK {
			out = append(out, r)
		}
	}
	slices.SortStableFunc(out, func(a, b FileRecord) int {
		if d := b.Score - a.Score; d != 0 {
			return d
		}
		return riskier(a, b)
	})
	return out[:min(len(out), humanActions)]
}

// humanReasons lists a file's APPI and exposure reasons, Japanese then English.
func humanReasons(r *FileRecord) string {
	codes := slices.Clone(r.APPI)
	names := func(l Lang) []string {
		out := reasonNames(l, codes)
		if e := exposureOf(r); e != nil {
			out = append(out, exposureNames(l, e.Reasons)...)
		}
		return out
	}
	ja, en := names(LangJA), names(LangEN)
	if len(ja) == 0 {
		return ""
	}
	return LangJA.Join(ja) + " / " + LangEN.Join(en)
}

// bi is a label in Japanese, then English.
func bi(key string) string { return LangJA.T(key) + " / " + LangEN.T(key) }

// biF is a formatted label in Japanese, then English.
func biF(key string, args ...any) string {
	return LangJA.Tf(key, args...) + " / " + LangEN.Tf(key, args...)
}

// involvedBoth says whether files are involved and how many, Japanese then English.
func involvedBoth(files int) string {
	return involved(LangJA, files > 0, files) + " / " + involved(LangEN, files > 0, files)
}

type printer struct {
	w   io.Writer
	err error
}

func (p *printer) line(format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format+"\n", args...)
	}
}

func statusBreakdown(s Summary) string {
	var parts []string
	for _, st := range []scan.Status{scan.StatusError, scan.StatusSkipped, scan.StatusProtected, scan.StatusEncrypted} {
		if n := s.ByStatus[st]; n > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", st, n))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

func categoryList(r FileRecord) string {
	res := detect.Result{Categories: r.Categories}
	var names []string
	for _, c := range res.Sorted() {
		names = append(names, string(c))
	}
	return strings.Join(names, ",")
}

func appiList(r FileRecord) string {
	if len(r.APPI) == 0 {
		return ""
	}
	return "  APPI: " + strings.Join(r.APPI, ",")
}
