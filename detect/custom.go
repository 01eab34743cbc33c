package detect

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dlclark/regexp2"
)

// customRule is a rule from a rules file: a regexp2 pattern (backtracking,
// so lookarounds work as users of other scanners expect), keywords that
// must stand within window runes of a match in prose or in the column's
// header, and an optional checksum. Every search runs under a match
// timeout; a search that runs out of time finds nothing and is reported
// through the note function (see Noting). This file is the only user of
// regexp2.
type customRule struct {
	id       string
	cat      Category
	re       *regexp2.Regexp
	keywords []string // folded
	window   int
	headers  []string
	check    checksum
	filter   Prefilter
	examples []Example
	valueGrp int // the number of the group named "value", or 0 for the whole match
}

type customSpec struct {
	id, pattern           string
	cat                   Category
	ignoreCase            bool
	keywords, headers     []string
	window                int
	check                 checksum
	timeout               time.Duration
	examples, nonExamples []string
}

// maxCustomMatches bounds the matches one pattern reports in one piece of
// text: a pattern that matches everywhere would otherwise fill memory.
const maxCustomMatches = 1000

func newCustomRule(s customSpec) (*customRule, error) {
	opt := regexp2.RegexOptions(regexp2.None)
	if s.ignoreCase {
		opt |= regexp2.IgnoreCase
	}
	re, err := regexp2.Compile(s.pattern, opt)
	if err != nil {
		return nil, fmt.Errorf("bad pattern: %w", err)
	}
	re.MatchTimeout = s.timeout
	r := &customRule{id: s.id, cat: s.cat, re: re, window: s.window, check: s.check}
	if n := re.GroupNumberFromName("value"); n > 0 {
		r.valueGrp = n
	}
	for _, k := range s.keywords {
		if k = trimSpace(Fold(k)); k != "" {
			r.keywords = append(r.keywords, k)
		}
	}
	r.headers = append(slices.Clone(r.keywords), s.headers...)
	r.filter = Prefilter{AnyOf: keywordVariants(r.keywords)}
	for _, e := range s.examples {
		r.examples = append(r.examples, Example{Text: e, Want: true})
	}
	for _, e := range s.nonExamples {
		r.examples = append(r.examples, Example{Text: e, Want: false})
	}
	return r, nil
}

// keywordVariants returns the keywords as the prefilter compares them
// (case-sensitively): as written, lower and upper case.
func keywordVariants(kws []string) []string {
	var out []string
	for _, k := range kws {
		for _, v := range []string{k, strings.ToLower(k), strings.ToUpper(k)} {
			if !slices.Contains(out, v) {
				out = append(out, v)
			}
		}
	}
	return out
}

func (r *customRule) ID() string           { return r.id }
func (r *customRule) Category() Category   { return r.cat }
func (r *customRule) Prefilter() Prefilter { return r.filter }
func (r *customRule) Headers() []string    { return r.headers }
func (r *customRule) Examples() []Example  { return r.examples }

// Mask keeps the first character of each word: S1234567 becomes S*******.
func (r *customRule) Mask(norm string) string { return MaskText(norm) }

// Noting is implemented by rules that can fail on a piece of text (a
// rules-file pattern that ran out of time). They find nothing there and
// tell note, which may be nil, with a *RuleError.
type Noting interface {
	FindNoting(s string, dst []Match, note func(error)) []Match
	ValueNoting(v string, header bool, note func(error)) (string, bool)
}

// ErrMatchTimeout is what a pattern that ran out of time fails with.
var ErrMatchTimeout = errors.New("detect: match timeout")

// RuleError is a rule's failure on one piece of text. It never holds the
// text.
type RuleError struct {
	Rule string
	Err  error
}

func (e *RuleError) Error() string { return "rule " + e.Rule + ": " + e.Err.Error() }
func (e *RuleError) Unwrap() error { return e.Err }

// Find appends the matches in s.
func (r *customRule) Find(s string, dst []Match) []Match { return r.FindNoting(s, dst, nil) }

// FindNoting appends the matches in s that have a keyword near (when the
// rule has keywords) and pass the checksum.
func (r *customRule) FindNoting(s string, dst []Match, note func(error)) []Match {
	return r.search(s, dst, note, func(start, end int) bool {
		return len(r.keywords) == 0 || keywordBefore(s, start, r.window, 0, r.keywords) ||
			keywordAfter(s, end, r.window, r.keywords)
	})
}

// Value accepts a table value: under a header naming the rule (one of its
// keywords or headers) any match in it; otherwise, only for a rule without
// keywords, a match that is the whole value.
func (r *customRule) Value(v string, header bool) (string, bool) {
	return r.ValueNoting(v, header, nil)
}

func (r *customRule) ValueNoting(v string, header bool, note func(error)) (string, bool) {
	v = trimSpace(v)
	if v == "" || isNone(v) || !header && len(r.keywords) > 0 {
		return "", false
	}
	var buf [1]Match
	ms := r.search(v, buf[:0], note, func(start, end int) bool {
		return header || start == 0 && end == len(v)
	})
	if len(ms) == 0 {
		return "", false
	}
	return ms[0].Value, true
}

// search appends the matches in s that keep accepts and whose value passes
// the checksum.
func (r *customRule) search(s string, dst []Match, note func(error), keep func(start, end int) bool) []Match {
	if s == "" {
		return dst
	}
	runes := []rune(s)
	var offs []int // byte offset of each rune, made on the first match
	m, err := r.re.FindRunesMatch(runes)
	for n := 0; m != nil && err == nil && n < maxCustomMatches; n++ {
		if offs == nil {
			offs = runeOffsets(s, len(runes))
		}
		g := &m.Group
		if r.valueGrp > 0 {
			if vg := m.GroupByNumber(r.valueGrp); vg != nil && len(vg.Captures) > 0 {
				g = vg
			}
		}
		start, end := offs[g.Index], offs[g.Index+g.Length]
		if end > start && keep(start, end) && r.check.ok(s[start:end]) {
			dst = append(dst, Match{Category: r.cat, Rule: r.id, Start: start, End: end, Value: s[start:end]})
		}
		m, err = r.re.FindNextMatch(m)
	}
	if err != nil && note != nil {
		// regexp2's error quotes the text: only the fact is passed on.
		note(&RuleError{Rule: r.id, Err: ErrMatchTimeout})
	}
	return dst
}

// runeOffsets returns the byte offset of each of the n runes of s, and
// len(s) after them. Invalid bytes are one rune each, as []rune(s) makes them.
func runeOffsets(s string, n int) []int {
	offs := make([]int, 0, n+1)
	for i := 0; i < len(s); {
		offs = append(offs, i)
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return append(offs, len(s))
}

// findWith runs one rule over folded text, recording its failures in
// notes (which may be nil).
func findWith(r Rule, folded string, dst []Match, notes *Notes) []Match {
	if notes == nil {
		return r.Find(folded, dst)
	}
	n, ok := r.(Noting)
	switch {
	case !ok:
		return r.Find(folded, dst)
	case notes.stopped(r.ID()):
		return dst
	}
	return n.FindNoting(folded, dst, notes.Note)
}

// ValueNoting runs r's value test, recording its failures in notes (which
// may be nil): the table classifier's way to call a rule.
func ValueNoting(r Rule, v string, header bool, notes *Notes) (string, bool) {
	n, ok := r.(Noting)
	switch {
	case !ok || notes == nil:
		return r.Value(v, header)
	case notes.stopped(r.ID()):
		return "", false
	}
	return n.ValueNoting(v, header, notes.Note)
}

// maxTimeoutsPerFile is how many pieces of text a pattern may run out of
// time on in one file before it is no longer run there: a pattern that
// timed out thrice will again, and each costs the whole timeout, so a
// 100,000-line file would otherwise take hours.
const maxTimeoutsPerFile = 3

// Notes gathers the failures of rules while one file is read, each rule
// once with a count, and stops a rule that keeps timing out. It is for one
// goroutine, like File; the zero value is ready to use.
type Notes struct {
	order    []string
	count    map[string]int
	timeouts map[string]int // by rule
}

// Note records err (as passed to a note function).
func (n *Notes) Note(err error) {
	var re *RuleError
	key := err.Error()
	if errors.As(err, &re) && errors.Is(err, ErrMatchTimeout) {
		key = "rule " + re.Rule + " timed out"
		if n.timeouts == nil {
			n.timeouts = map[string]int{}
		}
		n.timeouts[re.Rule]++
	}
	if n.count == nil {
		n.count = map[string]int{}
	}
	if n.count[key] == 0 {
		n.order = append(n.order, key)
	}
	n.count[key]++
}

// stopped reports whether rule timed out too often to be run again.
func (n *Notes) stopped(rule string) bool { return n.timeouts[rule] >= maxTimeoutsPerFile }

// List returns the notices in the order first met, such as
// "rule student-id timed out (3 pieces of text; not run on the rest of the
// file)"; nil when there are none.
func (n *Notes) List() []string {
	var out []string
	for _, k := range n.order {
		c := n.count[k]
		switch {
		case c >= maxTimeoutsPerFile && strings.HasSuffix(k, " timed out"):
			k += fmt.Sprintf(" (%d pieces of text; not run on the rest of the file)", c)
		case c > 1:
			k += fmt.Sprintf(" (%d pieces of text)", c)
		}
		out = append(out, k)
	}
	return out
}

// Kind returns the kind of c: a custom category's as its rules file says
// (quasi when it says nothing), a built-in one's as CONTRACT.md does.
func (d *Detector) Kind(c Category) Kind {
	if k, ok := d.kinds[c]; ok {
		return k
	}
	return c.Kind()
}
