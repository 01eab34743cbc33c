package report

import (
	"fmt"
	"io"
	"strings"

	"mamori/detect"
	"mamori/scan"
)

// WriteHuman writes a short summary for a person at a terminal, in Japanese
// with English beside it.
func WriteHuman(w io.Writer, s Summary, top []FileRecord) error {
	p := &printer{w: w}
	p.line("mamori スキャン結果 / scan summary")
	if s.Interrupted {
		p.line("  中断されました / interrupted: the figures cover the files read so far")
	}
	p.line("  調べたファイル / files examined:          %d", s.Scanned)
	p.line("  個人情報を含むファイル / with personal data: %d", s.WithPersonalData)
	p.line("  本人の数 / subjects:                      %d (重複を除くと約 %d 人 / about %d distinct people)", s.Subjects, s.People, s.People)
	p.line("  調べられなかったファイル / not examined:  %d%s", s.NotExamined, statusBreakdown(s))
	if len(top) > 0 {
		p.line("リスクの高いファイル / riskiest files:")
		for _, r := range top {
			p.line("  %-6s %s  本人 %d  %s%s", r.Risk, r.Path, r.Subjects, categoryList(r), appiList(r))
		}
	}
	return p.err
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
