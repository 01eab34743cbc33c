package report

import (
	"fmt"
	"io"
)

// textTop is how many files the terminal summary lists to deal with first.
const textTop = 10

// WriteText writes the book's summary for a person at a terminal.
func (b *Book) WriteText(w io.Writer, l Lang) error {
	p := &printer{w: w}
	t, a := &b.Totals, &b.APPI
	p.line("%s", l.T("title"))
	p.line("  %s: %s", l.T("sector"), l.T("sector."+b.Sector))
	p.line("  %s: %d", l.T("sum.examined"), t.Examined)
	p.line("  %s: %d", l.T("sum.with_pd"), t.WithPersonalData)
	p.line("  %s: %d", l.T("sum.people"), a.People)
	for _, n := range b.peopleNotes(l) {
		p.line("    %s", n)
	}
	p.line("  %s: %s", l.T("sum.sensitive"), involved(l, a.Sensitive, b.filesWith("sensitive")))
	p.line("  %s: %s", l.T("sum.financial"), involved(l, a.Financial, b.filesWith("financial")))
	p.line("  %s: %d", l.T("sum.unenc_high"), t.UnencryptedHighRisk)
	p.line("  %s: %d", l.T("sum.encrypted"), t.Encrypted)
	p.line("  %s: %d", l.T("sum.not_examined"), t.NotExamined)
	p.line("  %s: %s", l.T("appi.items"), l.Join(b.itemNames(l)))
	b.textActions(p, l)
	b.textDiff(p, l)
	p.line("%s", l.T("appi.access_note"))
	return p.err
}

func (b *Book) textActions(p *printer, l Lang) {
	todo := b.Actions(textTop)
	if len(todo) == 0 {
		p.line("%s", l.T("action.none"))
		return
	}
	p.line("%s", l.ActionLead(b.Totals.UnencryptedHighRisk))
	p.line("%s:", l.T("text.top"))
	for _, f := range todo {
		score := ""
		if b.Scored() {
			score = fmt.Sprintf("%3d  ", f.Score())
		}
		p.line("  %s%s  %s %d  %s", score, f.Path, l.T("col.people"), f.Subjects, l.Join(reasonNames(l, f.APPI)))
	}
	if more := b.Totals.UnencryptedHighRisk - len(todo); more > 0 {
		p.line("  %s", l.Tf("action.more", more))
	}
}

// Actions returns up to n unencrypted high-risk files, highest score first.
func (b *Book) Actions(n int) []*BookFile {
	var out []*BookFile
	for i := range b.Files {
		if len(out) == n {
			break
		}
		if b.Files[i].NeedsAction() {
			out = append(out, &b.Files[i])
		}
	}
	return out
}

// peopleNotes say how the people figure was counted.
func (b *Book) peopleNotes(l Lang) []string {
	var notes []string
	a := &b.APPI
	if a.PeopleBasis == PeopleDistinct {
		notes = append(notes, l.T("people.distinct"))
	} else {
		notes = append(notes, l.T("people.files"))
	}
	if a.PeopleEstimate {
		notes = append(notes, l.T("people.estimate"))
	}
	if a.PeopleSummed {
		notes = append(notes, l.T("people.summed"))
	}
	return notes
}

// filesWith counts the files with an APPI reason.
func (b *Book) filesWith(reason string) int {
	n := 0
	for i := range b.Files {
		for _, r := range b.Files[i].APPI {
			if r == reason {
				n++
				break
			}
		}
	}
	return n
}

func involved(l Lang, yes bool, files int) string {
	if !yes {
		return l.T("sum.not_involved")
	}
	return l.Tf("sum.involved", files)
}

func (b *Book) itemNames(l Lang) []string {
	names := make([]string, 0, len(b.APPI.Items))
	for _, c := range b.APPI.Items {
		names = append(names, l.Item(c))
	}
	if len(names) == 0 {
		names = append(names, l.T("appi.none_files"))
	}
	return names
}

func reasonNames(l Lang, codes []string) []string {
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = l.Reason(c)
	}
	return out
}

func exposureNames(l Lang, codes []string) []string {
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = l.Exposure(c)
	}
	return out
}
