package detect

import (
	"strings"
	"unicode/utf8"
)

// headerIndex maps normalised header synonyms to the rules they name.
type headerIndex struct {
	exact    map[string][]Rule
	contains []headerWord // synonyms of two or more characters, also matched inside longer headers
}

type headerWord struct {
	word string
	rule Rule
}

func newHeaderIndex(rules []Rule) *headerIndex {
	ix := &headerIndex{exact: map[string][]Rule{}}
	for _, r := range rules {
		for _, h := range r.Headers() {
			w := normHeader(h)
			ix.exact[w] = appendRule(ix.exact[w], r)
			if utf8.RuneCountInString(w) >= 2 {
				ix.contains = append(ix.contains, headerWord{w, r})
			}
		}
	}
	return ix
}

// lookup returns the rules a header names: exactly, or by a synonym inside
// it (保護者氏名 holds 氏名, 自宅電話番号 holds 電話).
func (ix *headerIndex) lookup(header string) []Rule {
	w := normHeader(header)
	if w == "" {
		return nil
	}
	rules := ix.exact[w]
	for _, hw := range ix.contains {
		if strings.Contains(w, hw.word) {
			rules = appendRule(rules, hw.rule)
		}
	}
	return rules
}

func appendRule(rules []Rule, r Rule) []Rule {
	for _, x := range rules {
		if x == r {
			return rules
		}
	}
	return append(rules[:len(rules):len(rules)], r)
}

// normHeader folds width, lower-cases and drops spaces and joining marks,
// so "電話 番号", "ＴＥＬ" and "E-Mail" compare as 電話番号, tel and email.
func normHeader(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '\u3000', '_', '-', '・', '\n', '\r', '"', '*', '※':
			return -1
		}
		return r
	}, strings.ToLower(Fold(s)))
}

// headerRules returns the rules that a column header names.
func (d *Detector) headerRules(header string) []Rule { return d.headers.lookup(header) }
