package detect

import (
	"slices"
	"strconv"
	"strings"

	"mamori/scan"
)

// A table is judged by its columns, the way a person reads it: the first
// rows are held back until the header row is found and each column is
// classified from its header and from the share of its sampled values a rule
// accepts; then every row is checked against the classified columns only, so
// a stray match in a column of notes does not make the file personal data.
const (
	sampleRows  = 200     // rows held back to classify columns; enough for shares, small to hold
	sampleBytes = 1 << 20 // and at most this much text, whatever the row width
	headerScan  = 5       // a header may sit below a title line or two
	minDistinct = 5       // fewer distinct values than this prove nothing about a column
	valueShare  = 0.8     // share of distinct values a rule must accept without a header
	headerShare = 0.5     // share of non-empty values a rule must accept under its header
)

type heldCell struct {
	text  string
	at    scan.Loc
	field int
}

type table struct {
	d      *Detector
	notes  *Notes // the file's: rules that failed on its values
	held   [][]heldCell
	bytes  int
	cols   []column // nil until classified
	header []string
	row    []heldCell // the record being held back: it may arrive in parts
	open   bool       // a record has begun and not yet been judged or held
	prose  bool       // too few rows to judge columns: cells are read as prose
	orgs   bool       // rows are about organisations: no row is about a person
	hits   []cellHit  // accepted values of the record being judged
}

// column is what the classifier decided about one field index.
type column struct {
	rule Rule // nil: not personal data
	name string
}

func (t *table) add(cells []scan.Cell, f *File) {
	if len(cells) > 0 && cells[0].Field == 0 && t.open {
		t.endRow(f)
	}
	t.open = true
	if t.prose {
		for _, c := range cells {
			f.Text(c.Text, c.At)
		}
		return
	}
	if t.cols != nil {
		for _, c := range cells {
			t.check(c.Text, c.At, c.Field)
		}
		return
	}
	for _, c := range cells {
		t.row = append(t.row, heldCell{text: c.Text, at: c.At, field: c.Field})
		t.bytes += len(c.Text)
	}
}

// endRow takes the assembled record: held back while sampling, judged after.
func (t *table) endRow(f *File) {
	t.open = false
	if t.cols != nil {
		t.judge(f)
		return
	}
	t.held = append(t.held, t.row)
	t.row = nil
	if len(t.held) >= sampleRows || t.bytes >= sampleBytes {
		t.classify(f)
	}
}

func (t *table) finish(f *File) {
	if t.open {
		t.endRow(f)
	}
	if t.cols == nil {
		t.classify(f)
	}
}

// classify finds the header, decides every column, then judges the held rows.
func (t *table) classify(f *File) {
	data := t.held
	if h := t.findHeader(); h >= 0 {
		t.header = fieldTexts(t.held[h])
		data = t.held[h+1:]
	}
	t.held = nil
	width := 0
	for _, r := range data {
		for _, c := range r {
			width = max(width, c.field+1)
		}
	}
	width = max(width, len(t.header))
	t.cols = make([]column, width)
	if t.header == nil && len(data) < minDistinct {
		// Too few rows to judge columns: read the cells as prose.
		t.prose = true
		for _, r := range data {
			for _, c := range r {
				f.Text(c.text, c.at)
			}
		}
		return
	}
	for j := range t.cols {
		t.cols[j] = t.classifyColumn(j, data)
	}
	t.rosterNames(f, data)
	t.orgs = t.aboutOrganisations()
	for _, r := range data {
		for _, c := range r {
			t.check(c.text, c.at, c.field)
		}
		t.judge(f)
	}
}

func fieldTexts(row []heldCell) []string {
	var out []string
	for _, c := range row {
		for len(out) < c.field {
			out = append(out, "")
		}
		out = append(out, c.text)
	}
	return out
}

// findHeader returns the index of the header row among the first held rows,
// or -1. The header is the row naming the most personal-data columns (two,
// or one in a narrow table): a title line above it ("第2学年 名簿") may name
// one by chance. Failing that, a first row of words above columns of numbers
// is a header too, so its words are not read as values.
func (t *table) findHeader() int {
	best, bestHits := -1, 0
	for i := 0; i < len(t.held) && i < headerScan; i++ {
		hits, filled := t.headerHits(t.held[i])
		if (hits >= 2 || (hits == 1 && filled <= 3)) && hits > bestHits {
			best, bestHits = i, hits
		}
	}
	if best >= 0 {
		return best
	}
	if len(t.held) > 1 && wordsOverNumbers(t.held[0], t.held[1:]) {
		return 0
	}
	return -1
}

// headerHits counts the cells of a row that name a category, and the
// filled cells; a row holding a value a rule finds is no header.
func (t *table) headerHits(row []heldCell) (hits, filled int) {
	for _, c := range row {
		if strings.TrimSpace(c.text) == "" {
			continue
		}
		filled++
		if t.isValue(c.text) {
			return 0, filled
		}
		if len(t.d.headerRules(c.text)) > 0 {
			hits++
		}
	}
	return hits, filled
}

// isValue reports whether a prose rule finds a value in s: a cell holding a
// phone number or an address is data, whatever words stand beside it.
func (t *table) isValue(s string) bool {
	_, ms := t.d.FindText(s, nil)
	return len(ms) > 0
}

// wordsOverNumbers reports whether a first row without digits stands above
// a column whose values mostly hold digits.
func wordsOverNumbers(first []heldCell, rest [][]heldCell) bool {
	for _, c := range first {
		if hasDigit(Fold(c.text)) {
			return false
		}
	}
	for _, c := range first {
		digits, n := 0, 0
		for _, r := range rest {
			if v, ok := cellAt(r, c.field); ok {
				n++
				if hasDigit(Fold(v)) {
					digits++
				}
			}
		}
		if n > 0 && digits*10 >= n*8 {
			return true
		}
	}
	return false
}

func cellAt(row []heldCell, field int) (string, bool) {
	for _, c := range row {
		if c.field == field {
			return c.text, strings.TrimSpace(c.text) != ""
		}
	}
	return "", false
}

// classifyColumn picks the rule that best explains column j: one its header
// names whose test accepts at least headerShare of the values, or failing
// that one that accepts valueShare of at least minDistinct distinct values.
func (t *table) classifyColumn(j int, data [][]heldCell) column {
	col := column{name: "列" + strconv.Itoa(j+1)}
	var named []Rule
	if j < len(t.header) && strings.TrimSpace(t.header[j]) != "" {
		col.name = strings.TrimSpace(t.header[j])
		named = t.d.headerRules(col.name)
	}
	values := distinctValues(j, data)
	if len(values) == 0 {
		return col
	}
	best := 0.0
	for _, r := range named {
		if s := acceptShare(r, values, true, t.notes); s >= headerShare && s > best {
			best, col.rule = s, r
		}
	}
	if col.rule != nil || len(values) < minDistinct || measureHeader(col.name) {
		return col
	}
	for _, r := range t.d.Rules() {
		if !t.hasCompanion(r) {
			continue
		}
		if s := acceptShare(r, values, false, t.notes); s >= shareFor(r) && s > best {
			best, col.rule = s, r
		}
	}
	return col
}

// orgHeaders name columns of organisations: a list of businesses, schools
// or facilities with their phones and addresses is not about people. The
// short ones match a whole header only (支店名 is a bank's branch, not a
// shop), the long ones also inside a header (取引先会社名).
var (
	orgHeaders     = []string{"店名", "店舗名", "名称", "機関名", "取引先", "事業所", "company", "organization", "organisation"}
	orgHeaderParts = []string{"会社名", "事業所名", "事業者名", "企業名", "法人名", "団体名", "施設名", "学校名", "業者名", "勤務先名"}
)

// aboutOrganisations reports whether the table names organisations and no
// person: then its phones, addresses and e-mails are business contacts.
func (t *table) aboutOrganisations() bool {
	for _, c := range t.cols {
		if c.rule != nil && c.rule.Category() == PersonName {
			return false
		}
	}
	for _, h := range t.header {
		if h = normHeader(h); h != "" && (slices.Contains(orgHeaders, h) || containsAny(h, orgHeaderParts)) {
			return true
		}
	}
	return false
}

// measureMarks in a header say its column holds amounts, counts or codes:
// such a column is never taken for personal data by its values alone (a
// column of 7-digit 予算額 beside 銀行名 is not one of account numbers).
var (
	measureMarks   = []string{"額", "金", "数", "価", "円", "量", "費", "点", "率", "コード", "code"}
	measureHeaders = []string{"no", "no.", "id", "#"}
)

// measureHeader reports whether a header names a measure or a code.
func measureHeader(h string) bool {
	h = normHeader(h)
	return containsAny(h, measureMarks) || slices.Contains(measureHeaders, h)
}

// shareFor is the share of distinct values a rule must accept to classify a
// column without a header.
func shareFor(r Rule) float64 {
	if v, ok := r.(ValueSharer); ok {
		return v.ValueShare()
	}
	return valueShare
}

// hasCompanion reports whether the table has the companion columns a rule
// needs to be accepted by value (see Companioned).
func (t *table) hasCompanion(r Rule) bool {
	c, ok := r.(Companioned)
	if !ok {
		return true
	}
	for _, h := range t.header {
		h = normHeader(h)
		for _, w := range c.Companions() {
			if h != "" && strings.Contains(h, normHeader(w)) {
				return true
			}
		}
	}
	return false
}

func distinctValues(j int, data [][]heldCell) []string {
	seen := map[string]bool{}
	var out []string
	for _, r := range data {
		v, ok := cellAt(r, j)
		if !ok {
			continue
		}
		v = trimSpace(Fold(v))
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}

func acceptShare(r Rule, values []string, header bool, notes *Notes) float64 {
	n := 0
	for _, v := range values {
		if _, ok := ValueNoting(r, v, header, notes); ok {
			n++
		}
	}
	return float64(n) / float64(len(values))
}

// check tests one value against its column's rule and keeps it when accepted.
func (t *table) check(text string, at scan.Loc, field int) {
	if field >= len(t.cols) || t.cols[field].rule == nil {
		return
	}
	col := t.cols[field]
	// A classified column speaks for its values as a header would: a rare
	// name in a column of names is a name.
	if norm, ok := ValueNoting(col.rule, trimSpace(Fold(text)), true, t.notes); ok {
		t.hits = append(t.hits, cellHit{rule: col.rule, cat: col.rule.Category(), norm: norm, at: at, column: col.name})
	}
}

// judge records the checked record when it is about a person.
func (t *table) judge(f *File) {
	hits := t.hits
	t.hits = hits[:0]
	if f.allow != nil {
		hits = slices.DeleteFunc(hits, func(h cellHit) bool { return f.allow.Allows(h.rule.ID(), h.cat, h.norm) })
	}
	if t.orgs || !aboutPerson(hits, f.d) {
		return
	}
	f.subjects++
	if f.roster != nil && f.roster.Match(rowValues(hits)) {
		f.confirmed++
	}
	f.addPerson(&f.rowPeople, f.hasher.rowPerson(hits))
	for i, h := range hits {
		f.finding(h.rule, h.norm, h.at, h.column, !seenBefore(hits[:i], h.cat))
	}
}

// seenBefore reports whether a category is among hits: a row counts once
// per category however many of its columns hold it.
func seenBefore(hits []cellHit, c Category) bool {
	for _, h := range hits {
		if h.cat == c {
			return true
		}
	}
	return false
}

type cellHit struct {
	rule   Rule
	cat    Category
	norm   string
	at     scan.Loc
	column string
}

// aboutPerson reports whether a row's values point at one person: a direct
// identifier, an account or card, or a quasi set (a birth date or address
// with another quasi value) that singles a person out.
func aboutPerson(hits []cellHit, d *Detector) bool {
	quasi, anchor := 0, false
	for i, h := range hits {
		c := h.cat
		switch d.Kind(c) {
		case Direct, Financial:
			return true
		case Quasi:
			if !seenBefore(hits[:i], c) {
				quasi++
				anchor = anchor || c == BirthDate || c == Address
			}
		}
	}
	return anchor && quasi >= 2
}

// rowValues gives a row's first accepted value of each category, for the
// roster.
func rowValues(hits []cellHit) map[Category]string {
	vals := make(map[Category]string, len(hits))
	for _, h := range hits {
		if _, ok := vals[h.cat]; !ok {
			vals[h.cat] = h.norm
		}
	}
	return vals
}

// rosterNames settles a column of names the classifier could not tell
// (names the lexicon does not hold, under a header it does not know) when
// the organisation's roster knows the people: when no column was taken for
// names, the column whose values, with the row's classified values, are
// those of people in the roster in at least half of its rows (and two at
// the least) is taken as names.
func (t *table) rosterNames(f *File, data [][]heldCell) {
	if f.roster == nil {
		return
	}
	var names Rule
	for _, c := range t.cols {
		if c.rule != nil && c.rule.Category() == PersonName {
			return
		}
	}
	for _, r := range t.d.rules {
		if r.Category() == PersonName {
			names = r
			break
		}
	}
	if names == nil {
		return
	}
	best, bestJ := 0, -1
	for j := range t.cols {
		if t.cols[j].rule != nil {
			continue
		}
		matched, filled := 0, 0
		for _, r := range data {
			v, ok := cellAt(r, j)
			if !ok {
				continue
			}
			filled++
			norm, ok := ValueNoting(names, trimSpace(Fold(v)), true, t.notes)
			if !ok {
				continue
			}
			vals := t.classifiedValues(r)
			vals[PersonName] = norm
			if f.roster.Match(vals) {
				matched++
			}
		}
		if matched >= 2 && matched*2 >= filled && matched > best {
			best, bestJ = matched, j
		}
	}
	if bestJ >= 0 {
		t.cols[bestJ].rule = names
	}
}

// classifiedValues gives a held row's accepted values of the classified
// columns, the first of each category.
func (t *table) classifiedValues(row []heldCell) map[Category]string {
	vals := map[Category]string{}
	for _, c := range row {
		if c.field >= len(t.cols) || t.cols[c.field].rule == nil {
			continue
		}
		r := t.cols[c.field].rule
		if _, ok := vals[r.Category()]; ok {
			continue
		}
		if norm, ok := ValueNoting(r, trimSpace(Fold(c.text)), true, t.notes); ok {
			vals[r.Category()] = norm
		}
	}
	return vals
}
