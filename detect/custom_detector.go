package detect

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// NewWith returns a detector of the built-in rules as cfg changes them
// (switched off, tuned, their vocabularies extended by dictionaries),
// and cfg's own rules. A nil cfg gives New(Builtin()). Like New's,
// the detector is immutable and safe for concurrent use.
func NewWith(cfg *Config) *Detector {
	if cfg == nil {
		return New(Builtin())
	}
	// The rules file's own rules come first: where a header names both one
	// of them and a built-in rule (学籍番号 names school_record too) and both
	// accept the column, the classifier keeps the first.
	var rules []Rule
	for _, r := range cfg.custom {
		rules = append(rules, r)
	}
	for _, r := range Builtin() {
		ov := cfg.overrides[r.ID()]
		if ov.Enabled != nil && !*ov.Enabled {
			continue
		}
		rules = append(rules, tune(cfg.extend(r), ov))
	}
	d := New(rules)
	d.kinds = maps.Clone(cfg.kinds)
	return d
}

// tunedRule is a built-in rule with an override's extra headers or value
// share. It is a pointer type: rules are compared by identity.
type tunedRule struct {
	Rule
	headers []string
	share   float64 // 0: the rule's own
}

func (r *tunedRule) Headers() []string { return r.headers }

// ValueShare is the override's share, or the rule's own, or the
// classifier's default.
func (r *tunedRule) ValueShare() float64 {
	if r.share > 0 {
		return r.share
	}
	if v, ok := r.Rule.(ValueSharer); ok {
		return v.ValueShare()
	}
	return valueShare
}

// tunedCompanioned is a tunedRule of a Companioned rule, which stays one.
type tunedCompanioned struct{ *tunedRule }

func (r tunedCompanioned) Companions() []string { return r.Rule.(Companioned).Companions() }

func tune(r Rule, ov override) Rule {
	if ov.ValueShare == nil && len(ov.Headers) == 0 {
		return r
	}
	t := &tunedRule{Rule: r, headers: append(slices.Clone(r.Headers()), ov.Headers...)}
	if ov.ValueShare != nil {
		t.share = *ov.ValueShare
	}
	if _, ok := r.(Companioned); ok {
		return tunedCompanioned{t}
	}
	return t
}

// RuleInfo describes one rule for `mamori rules list`.
type RuleInfo struct {
	ID       string
	Category Category
	Source   string // "builtin" or the rules file
	Enabled  bool
	Changes  string // what the rules file changed: "value_share 0.6, 2 headers, 120 words"
}

// ListRules describes every built-in rule and every rule of cfg (which may
// be nil), built-in ones first, each sorted by ID.
func ListRules(cfg *Config) []RuleInfo {
	var out []RuleInfo
	for _, r := range Builtin() {
		info := RuleInfo{ID: r.ID(), Category: r.Category(), Source: "builtin", Enabled: true}
		if cfg != nil {
			ov := cfg.overrides[r.ID()]
			info.Enabled = ov.Enabled == nil || *ov.Enabled
			info.Changes = cfg.changes(r, ov)
		}
		out = append(out, info)
	}
	if cfg == nil {
		return out
	}
	custom := slices.Clone(cfg.custom)
	slices.SortFunc(custom, func(a, b *customRule) int { return strings.Compare(a.id, b.id) })
	for _, r := range custom {
		out = append(out, RuleInfo{ID: r.id, Category: r.cat, Source: cfg.Path, Enabled: true})
	}
	return out
}

func (cfg *Config) changes(r Rule, ov override) string {
	var parts []string
	if ov.ValueShare != nil {
		parts = append(parts, fmt.Sprintf("value_share %g", *ov.ValueShare))
	}
	if n := len(ov.Headers); n > 0 {
		parts = append(parts, fmt.Sprintf("+%d headers", n))
	}
	if n := cfg.dictWords(r); n > 0 {
		parts = append(parts, fmt.Sprintf("+%d dictionary words", n))
	}
	return strings.Join(parts, ", ")
}

// ExampleResult is one example run by RunExamples.
type ExampleResult struct {
	Rule    string
	Example Example
	Got     bool // the rule found it
}

// Pass reports whether the rule did what the example wants.
func (r ExampleResult) Pass() bool { return r.Got == r.Example.Want }

// RunExamples runs the examples of every rule of d the way a scan would:
// prose through FindText, prefilter included, and cells through Value.
// A pattern that runs out of time on an example finds nothing there.
func RunExamples(d *Detector) []ExampleResult {
	var out []ExampleResult
	for _, r := range d.rules {
		for _, ex := range r.Examples() {
			out = append(out, ExampleResult{Rule: r.ID(), Example: ex, Got: d.finds(r, ex)})
		}
	}
	return out
}

// finds reports whether r finds ex in d.
func (d *Detector) finds(r Rule, ex Example) bool {
	if ex.Cell {
		_, ok := r.Value(trimSpace(Fold(ex.Text)), ex.Header)
		return ok
	}
	_, ms := d.FindText(ex.Text, nil)
	for _, m := range ms {
		if m.Rule == r.ID() {
			return true
		}
	}
	return false
}
