package detect

import (
	"maps"
	"strings"
	"unicode/utf8"
)

// dictNameRule is the name rule with a rules file's surnames and given
// names added to its lexicon. The built-in rule decides first; where it
// finds nothing, the same tests run again against the extended lexicon.
// The built-in lexicon is shared by every detector and never changed: the
// extended one is a copy.
type dictNameRule struct {
	nameRule
	lx    *nmLexiconData // the built-in lexicon and the dictionaries
	extra *nmLexiconData // the dictionaries alone
}

func newDictNameRule(base nameRule, surnames, given []string) *dictNameRule {
	b := nmLexicon()
	r := &dictNameRule{
		nameRule: base,
		lx:       &nmLexiconData{keys: maps.Clone(b.keys), givenChars: b.givenChars},
		extra:    &nmLexiconData{keys: map[string]uint8{}, givenChars: b.givenChars},
	}
	for _, lx := range []*nmLexiconData{r.lx, r.extra} {
		lx.addDict(surnames, nmSurname, nmSurnameKana)
		lx.addDict(given, nmGiven, nmGivenKana)
	}
	return r
}

// addDict adds dictionary entries: a surface (with its variant forms) and a
// reading, given after it or being the surface itself when that is kana.
func (lx *nmLexiconData) addDict(words []string, surface, reading uint8) {
	var buf [3 * nmKanaKeyMax]byte
	for _, w := range words {
		w, rd := dictSplit(w)
		if w == "" {
			continue
		}
		for _, v := range nmItaijiForms(w) {
			lx.keys[v] |= surface
		}
		if rd == "" {
			rd = w
		}
		if k, ok := nmKanaKey(rd, buf[:0]); ok && len(k) > 0 {
			lx.keys[string(k)] |= reading
		}
	}
}

// Value is the built-in test, then the same against the extended lexicon.
func (r *dictNameRule) Value(v string, header bool) (string, bool) {
	if norm, ok := r.nameRule.Value(v, header); ok {
		return norm, true
	}
	return r.lexValue(trimSpace(v), header)
}

// lexValue follows nameRule.Value with the extended lexicon.
func (r *dictNameRule) lexValue(v string, header bool) (string, bool) {
	if v == "" || len(v) > 3*16 || hasDigit(v) || isNone(v) {
		return "", false
	}
	script, org := nmScan(v)
	if script == nmScriptOther || nmNotPerson(v, org) {
		return "", false
	}
	lx := r.lx
	sur, given, spaced := strings.Cut(v, " ")
	given = strings.TrimLeft(given, " ")
	if spaced && (given == "" || strings.Contains(given, " ")) {
		return "", false
	}
	switch {
	case script == nmScriptKanji && spaced:
		if nmRunesOf(sur, nmMaxRunes, false) && nmRunesOf(given, nmMaxRunes, true) && lx.has(sur, nmSurname) &&
			(header || nmGivenName(lx, given) || nmGivenLike(lx, given, true) || nmKanaGiven(given)) {
			return nmJoinName(v, sur, given), true
		}
	case script == nmScriptKanji:
		if n := utf8.RuneCountInString(v); n < 2 || n > 2*nmMaxRunes {
			return "", false
		}
		if cut := nmSplitName(lx, v, !header); cut > 0 {
			return v[:cut] + " " + v[cut:], true
		}
		if header && nmAllKanji(v) && lx.has(v, nmSurname) {
			return v, true
		}
	case script == nmScriptKana && spaced:
		var b1, b2 [3 * nmKanaKeyMax]byte
		ks, ok1 := nmKanaKey(sur, b1[:0])
		kg, ok2 := nmKanaKey(given, b2[:0])
		if ok1 && ok2 && len(ks) >= 2*3 && len(kg) >= 2*3 && lx.hasKana(ks, nmSurnameKana) && lx.hasKana(kg, nmGivenKana) {
			return nmJoinName(v, sur, given), true
		}
	}
	return "", false
}

// Find is the built-in search, then names before an honorific whose
// surname only the dictionaries know (鰐淵様, 鰐淵 花子さん).
func (r *dictNameRule) Find(s string, dst []Match) []Match {
	first := len(dst)
	dst = r.nameRule.Find(s, dst)
	for _, h := range nmHonorifics {
		for from := 0; ; {
			i := strings.Index(s[from:], h)
			if i < 0 {
				break
			}
			i += from
			from = i + len(h)
			if nmNotHonorific(s, i+len(h), h) {
				continue
			}
			end := i
			if end > 0 && s[end-1] == ' ' {
				end--
			}
			if start, norm, ok := r.extraBefore(s, end); ok {
				dst = nmAddName(dst, first, Match{Category: PersonName, Rule: r.ID(), Start: start, End: end, Value: norm})
			}
		}
	}
	return dst
}

// extraBefore finds a name ending at end whose surname is a dictionary
// word: "姓 名", "姓名" or the surname alone.
func (r *dictNameRule) extraBefore(s string, end int) (int, string, bool) {
	run := nmRunStart(s, end, nmMaxRunBack, nmIsKanji)
	if run == end {
		return 0, "", false
	}
	if given := s[run:end]; run > 1 && s[run-1] == ' ' && nmSpacedGiven(r.lx, given) {
		for p := nmRunStart(s, run-1, nmMaxRunes, nmIsKanji); p < run-1; p = nmNextRune(s, p) {
			if r.extra.has(s[p:run-1], nmSurname) {
				return p, s[p:run-1] + " " + given, true
			}
		}
	}
	for p := run; p < end; p = nmNextRune(s, p) {
		cand := s[p:end]
		if r.extra.has(cand, nmSurname) {
			return p, cand, true
		}
		if cut := nmSplitName(r.lx, cand, true); cut > 0 && r.extra.has(cand[:cut], nmSurname) {
			return p, cand[:cut] + " " + cand[cut:], true
		}
	}
	return 0, "", false
}
