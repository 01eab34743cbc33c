package report

import "html/template"

// htmlDiffOpen is how many changes the HTML shows before the rest are
// folded away, so the summary cards stay near the top.
const htmlDiffOpen = 10

// diffTemplate is the section 前回からの変化, under the action box of
// report.html.tmpl (which calls it), added to the page's template set.
var diffTemplate = template.Must(htmlTemplate.New("diff").Parse(`{{with .B.Diff}}{{$d := .}}
<section class="diff" id="diff">
 <style>.diff .tag{white-space:nowrap}.diff td.detail{color:var(--muted);font-size:13px}.diff summary{cursor:pointer;color:var(--muted);margin:4px 0}
 .chg-new,.chg-risk_up,.chg-not_examined{color:var(--high);font-weight:600}.chg-encrypted,.chg-gone,.chg-risk_down{color:var(--good)}</style>
 <h2>{{$.L.T "diff.title"}}</h2>
 <p class="hint">{{.SinceLine $.L}}</p>
 {{if not .Since.Complete}}<p class="warn">{{$.L.T "diff.incomplete"}}</p>{{end}}
 <p class="lead">{{.CountsLine $.L}}</p>
 {{with .HTMLLines $.L}}
 <table class="list">
  <thead><tr><th>{{$.L.T "col.change"}}</th><th>{{$.L.T "col.path"}}</th><th>{{$.L.T "col.detail"}}</th></tr></thead>
  <tbody>{{range .Shown}}<tr><td><span class="tag chg-{{.Code}}">{{.Name}}</span></td><td class="path">{{.Path}}</td><td class="detail">{{.Detail}}</td></tr>
  {{end}}</tbody>
 </table>
 {{with .Folded}}<details><summary>{{$.L.Tf "diff.more" (len .)}}</summary>
 <table class="list"><tbody>{{range .}}<tr><td><span class="tag chg-{{.Code}}">{{.Name}}</span></td><td class="path">{{.Path}}</td><td class="detail">{{.Detail}}</td></tr>
 {{end}}</tbody></table></details>{{end}}
 {{end}}
</section>
{{end}}`))

// diffHTMLLines are the changes of the HTML: the first shown, the rest folded.
type diffHTMLLines struct{ Shown, Folded []diffLine }

// HTMLLines splits the changes for the HTML; nil when there are none.
func (d *Diff) HTMLLines(l Lang) *diffHTMLLines {
	all := d.lines(l, -1)
	if len(all) == 0 {
		return nil
	}
	n := min(len(all), htmlDiffOpen)
	return &diffHTMLLines{Shown: all[:n], Folded: all[n:]}
}

// SinceLine names the earlier report (for the HTML template).
func (d *Diff) SinceLine(l Lang) string { return d.sinceLine(l) }

// CountsLine lists files per change (for the HTML template).
func (d *Diff) CountsLine(l Lang) string { return d.countsLine(l) }
