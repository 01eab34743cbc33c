package report

import "mamori/detect"

func init() {
	for k, v := range map[string][2]string{
		"diff.title":            {"前回からの変化", "Changes since the last scan"},
		"diff.since":            {"比較した前回のスキャン結果: %s（%s 終了）", "Compared with %s (finished %s)"},
		"diff.none":             {"前回から変わったファイルはありません。", "No file has changed since."},
		"diff.incomplete":       {"前回のスキャン結果は途中で終わっています。「なくなった」には、まだあるファイルが含まれることがあります。", "The earlier report was cut short: files listed as gone may still be there."},
		"diff.more":             {"ほか %d 件", "%d more"},
		"diff.people":           {"本人の数 %d", "people %d"},
		"diff.people_was":       {"本人の数 %d → %d", "people %d → %d"},
		"diff.risk_was":         {"リスク %s → %s", "risk %s → %s"},
		"diff.risk":             {"リスク %s", "risk %s"},
		"diff.was":              {"前回: %s", "before: %s"},
		"col.change":            {"前回からの変化", "Change"},
		"col.detail":            {"内容", "Detail"},
		"change.new":            {"新たに見つかった", "new"},
		"change.risk_up":        {"リスクが上がった", "risk up"},
		"change.not_examined":   {"新たに調べられなかった", "newly not examined"},
		"change.people":         {"本人の数が変わった", "people changed"},
		"change.risk_down":      {"リスクが下がった", "risk down"},
		"change.encrypted":      {"新たに暗号化された", "newly encrypted"},
		"change.gone":           {"なくなった", "gone"},
		"change.gone_now_clean": {"個人情報が見つからなくなった", "nothing found any more"},
	} {
		labels[k] = v
	}
}

// textDiffTop is how many changed files the terminal lists.
const textDiffTop = 20

// ChangeName names a change in the language.
func (l Lang) ChangeName(c Change) string { return l.lookup("change.", string(c)) }

// diffLine is one changed file as a reader sees it.
type diffLine struct {
	Code   Change
	Name   string
	Path   string
	Detail string
}

// lines returns the changes in the language, at most n (all when n < 0).
func (d *Diff) lines(l Lang, n int) []diffLine {
	var out []diffLine
	for i := range d.Changes {
		if n >= 0 && len(out) == n {
			break
		}
		c := &d.Changes[i]
		out = append(out, diffLine{Code: c.Change, Name: c.name(l), Path: c.Path, Detail: c.detail(l)})
	}
	return out
}

func (c *DiffFile) name(l Lang) string {
	if c.Change == ChangeGone && c.Status != "" {
		return l.T("change.gone_now_clean")
	}
	return l.ChangeName(c.Change)
}

// detail says what changed, in numbers: never a found value.
func (c *DiffFile) detail(l Lang) string {
	risk := func(r string) string { return l.Risk(detect.Risk(r)) }
	var parts []string
	switch c.Change {
	case ChangeRiskUp, ChangeRiskDown:
		parts = append(parts, l.Tf("diff.risk_was", risk(c.OldRisk), risk(c.Risk)))
		if c.OldSubjects != c.Subjects {
			parts = append(parts, l.Tf("diff.people_was", c.OldSubjects, c.Subjects))
		}
	case ChangePeople:
		parts = append(parts, l.Tf("diff.people_was", c.OldSubjects, c.Subjects))
	case ChangeNew, ChangeEncrypted:
		parts = append(parts, l.Tf("diff.risk", risk(c.Risk)), l.Tf("diff.people", c.Subjects))
	case ChangeNotExamined:
		parts = append(parts, l.Status(c.Status))
		if c.OldStatus != "" {
			parts = append(parts, l.Tf("diff.was", l.Status(c.OldStatus)))
		}
	case ChangeGone:
		was := l.Join([]string{l.Tf("diff.risk", risk(c.OldRisk)), l.Tf("diff.people", c.OldSubjects)})
		parts = append(parts, l.Tf("diff.was", was))
	}
	return l.Join(parts)
}

// countsLine lists the number of files per change, in change order.
func (d *Diff) countsLine(l Lang) string {
	var parts []string
	for _, c := range changeOrder {
		if n := d.Counts[c]; n > 0 {
			parts = append(parts, l.ChangeName(c)+" "+l.Files(n))
		}
	}
	if len(parts) == 0 {
		return l.T("diff.none")
	}
	return l.Join(parts)
}

// sinceLine names the earlier report.
func (d *Diff) sinceLine(l Lang) string {
	when := d.Since.Finished
	if when == "" {
		when = "?"
	}
	return l.Tf("diff.since", d.Since.Path, when)
}

// textDiff writes 前回からの変化 for the terminal.
func (b *Book) textDiff(p *printer, l Lang) {
	d := b.Diff
	if d == nil {
		return
	}
	p.line("%s:", l.T("diff.title"))
	p.line("  %s", d.sinceLine(l))
	if !d.Since.Complete {
		p.line("  %s", l.T("diff.incomplete"))
	}
	p.line("  %s", d.countsLine(l))
	for _, x := range d.lines(l, textDiffTop) {
		p.line("  [%s] %s  %s", x.Name, x.Path, x.Detail)
	}
	if more := len(d.Changes) - textDiffTop; more > 0 {
		p.line("  %s", l.Tf("diff.more", more))
	}
}
