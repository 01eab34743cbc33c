package detect

import (
	"cmp"
	"slices"
	"strings"
)

// Detector runs a fixed set of rules over prose. It is immutable after New
// and safe for concurrent use by any number of goroutines.
type Detector struct {
	rules     []Rule
	filters   []Prefilter
	maxDigits int // the most digits any prose prefilter asks for
	headers   *headerIndex
	kinds     map[Category]Kind // kinds of custom categories (NewWith); see Kind
}

// New returns a detector for rules, run in the order given. It copies the
// slice and each rule's prefilter.
func New(rules []Rule) *Detector {
	d := &Detector{rules: slices.Clone(rules), filters: make([]Prefilter, len(rules))}
	for i, r := range d.rules {
		p := r.Prefilter()
		p.AnyOf = slices.Clone(p.AnyOf)
		d.filters[i] = p
		if p.MinDigits < proseNever {
			d.maxDigits = max(d.maxDigits, p.MinDigits)
		}
	}
	d.headers = newHeaderIndex(d.rules)
	return d
}

// Rules returns a copy of the detector's rules.
func (d *Detector) Rules() []Rule { return slices.Clone(d.rules) }

// Rule returns the detector's rule with the given ID.
func (d *Detector) Rule(id string) (Rule, bool) {
	for _, r := range d.rules {
		if r.ID() == id {
			return r, true
		}
	}
	return nil, false
}

// FindText folds s once (see Fold), runs every rule whose prefilter passes
// and appends the matches to dst. Offsets are byte offsets into folded,
// which is returned so that callers can map them (rune n of folded is rune
// n of s). The matches appended are sorted by position.
func (d *Detector) FindText(s string, dst []Match) (folded string, matches []Match) {
	folded = Fold(s)
	return folded, d.FindFolded(folded, dst)
}

// FindFolded is FindText for text that is already folded.
func (d *Detector) FindFolded(folded string, dst []Match) []Match {
	return d.FindFoldedNoting(folded, dst, nil)
}

// FindTextNoting is FindText that records in notes (which may be nil) the
// rules that failed on s, a rules-file pattern that ran out of time, and
// skips those that failed too often in the same file (see Notes).
func (d *Detector) FindTextNoting(s string, dst []Match, notes *Notes) (folded string, matches []Match) {
	folded = Fold(s)
	return folded, d.FindFoldedNoting(folded, dst, notes)
}

// FindFoldedNoting is FindTextNoting for text that is already folded.
func (d *Detector) FindFoldedNoting(folded string, dst []Match, notes *Notes) []Match {
	digits := countDigits(folded, d.maxDigits)
	first := len(dst)
	for i, r := range d.rules {
		if passes(d.filters[i], folded, digits) {
			dst = findWith(r, folded, dst, notes)
		}
	}
	if len(dst)-first > 1 {
		slices.SortStableFunc(dst[first:], compareMatches)
	}
	return dst
}

// compareMatches orders matches by position, then rule.
func compareMatches(a, b Match) int {
	return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End), strings.Compare(a.Rule, b.Rule))
}

// passes reports whether s, holding digits ASCII digits (counted up to the
// largest MinDigits), passes the prefilter p.
func passes(p Prefilter, s string, digits int) bool {
	if digits < p.MinDigits {
		return false
	}
	if len(p.AnyOf) == 0 {
		return true
	}
	for _, k := range p.AnyOf {
		if strings.Contains(s, k) {
			return true
		}
	}
	return false
}

// countDigits counts the ASCII digits in s, stopping at limit.
func countDigits(s string, limit int) int {
	n := 0
	for i := 0; i < len(s) && n < limit; i++ {
		if isDigit(s[i]) {
			n++
		}
	}
	return n
}

// Text helpers shared by the rules. All work on folded text, byte by byte.

func isDigit(c byte) bool { return c-'0' < 10 }

func isLetter(c byte) bool { return (c|0x20)-'a' < 26 }

// dashLen returns the byte length of a hyphen-like rune at s[i] ('-',
// U+2010–U+2015, '−' U+2212, 'ー' U+30FC, often typed in numbers), or 0.
func dashLen(s string, i int) int {
	if i >= len(s) {
		return 0
	}
	switch s[i] {
	case '-':
		return 1
	case 0xE2:
		if i+2 < len(s) && (s[i+1] == 0x80 && s[i+2]-0x90 < 6 || s[i+1] == 0x88 && s[i+2] == 0x92) {
			return 3
		}
	case 0xE3:
		if i+2 < len(s) && s[i+1] == 0x83 && s[i+2] == 0xBC {
			return 3
		}
	}
	return 0
}

// joinLen returns the byte length of a rune at s[i] that joins digits into
// one number (a dash, '.', '/' or ':'), or 0.
func joinLen(s string, i int) int {
	if i < len(s) && (s[i] == '.' || s[i] == '/' || s[i] == ':') {
		return 1
	}
	return dashLen(s, i)
}

// joinLenBefore is joinLen for the rune ending at s[i-1].
func joinLenBefore(s string, i int) int {
	if i >= 1 && joinLen(s, i-1) == 1 {
		return 1
	}
	if i >= 3 && dashLen(s, i-3) == 3 {
		return 3
	}
	return 0
}

// continuesAfter reports whether a number ending at end goes on: a digit, or
// a joiner (or a space, when space is set) and a digit follow.
func continuesAfter(s string, end int, space bool) bool {
	if end >= len(s) {
		return false
	}
	if isDigit(s[end]) {
		return true
	}
	n := joinLen(s, end)
	if n == 0 && space && s[end] == ' ' {
		n = 1
	}
	return n > 0 && end+n < len(s) && isDigit(s[end+n])
}

// continuesBefore is continuesAfter for a number starting at start.
func continuesBefore(s string, start int, space bool) bool {
	if start == 0 {
		return false
	}
	if isDigit(s[start-1]) {
		return true
	}
	n := joinLenBefore(s, start)
	if n == 0 && space && s[start-1] == ' ' {
		n = 1
	}
	return n > 0 && start-n > 0 && isDigit(s[start-n-1])
}

// runesBack returns the byte index n runes before i, but not before lo.
func runesBack(s string, i, n, lo int) int {
	for ; i > lo && n > 0; n-- {
		i--
		for i > lo && s[i]&0xC0 == 0x80 {
			i--
		}
	}
	return i
}

// keywordBefore reports whether one of kws occurs in the n runes before i
// (not before lo).
func keywordBefore(s string, i, n, lo int, kws []string) bool {
	return containsAny(s[runesBack(s, i, n, lo):i], kws)
}

// containsAny reports whether w contains one of kws, ASCII letters matched
// in any case.
func containsAny(w string, kws []string) bool {
	for _, k := range kws {
		if containsFold(w, k) {
			return true
		}
	}
	return false
}

// containsFold is strings.Contains with ASCII letters matched in any case.
func containsFold(s, k string) bool {
	for i := 0; i+len(k) <= len(s); i++ {
		if equalFoldASCII(s[i:i+len(k)], k) {
			return true
		}
	}
	return false
}

// equalFoldASCII reports whether a and b are equal but for the case of
// ASCII letters.
func equalFoldASCII(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if x != y && (x|0x20 != y|0x20 || !isLetter(x)) {
			return false
		}
	}
	return true
}

// maxGroups bounds the digit groups read as one number: no rule wants more
// than five (a 19-digit card in groups of four).
const maxGroups = 5

// Gaps between digit groups.
const (
	gapNone  uint8 = iota
	gapDash        // a hyphen-like rune
	gapSpace       // one space
	gapOpen        // "("
	gapClose       // ")", with a space or dash after it or not
)

// Separator sets for readNumber.
const (
	allowDash = 1 << iota
	allowSpace
	allowParen
)

// span is a byte range.
type span struct{ start, end int }

// number is a run of digit groups, each separated by one allowed gap.
type number struct {
	n    int              // groups read
	grp  [maxGroups]span  // the groups' digits
	gap  [maxGroups]uint8 // gap[k] lies between grp[k] and grp[k+1]
	more bool             // a further group follows grp[maxGroups-1]
}

// readNumber reads the digit groups starting at s[i], a digit.
func readNumber(s string, i int, allow int) number {
	var nb number
	for {
		j := i
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		nb.grp[nb.n] = span{i, j}
		nb.n++
		kind, w := gapAt(s, j, allow)
		if kind == gapNone || j+w >= len(s) || !isDigit(s[j+w]) {
			return nb
		}
		if nb.n == maxGroups {
			nb.more = true
			return nb
		}
		nb.gap[nb.n-1] = kind
		i = j + w
	}
}

// gapAt returns the kind and byte length of an allowed gap at s[j].
func gapAt(s string, j, allow int) (uint8, int) {
	if j >= len(s) {
		return gapNone, 0
	}
	switch s[j] {
	case ' ':
		if allow&allowSpace != 0 {
			return gapSpace, 1
		}
	case '(':
		if allow&allowParen != 0 {
			return gapOpen, 1
		}
	case ')':
		if allow&allowParen != 0 {
			if j+1 < len(s) && s[j+1] == ' ' {
				return gapClose, 2
			}
			return gapClose, 1 + dashLen(s, j+1)
		}
	}
	if n := dashLen(s, j); n > 0 && allow&allowDash != 0 {
		return gapDash, n
	}
	return gapNone, 0
}

// cuts returns the group counts worth trying as one value: all the groups
// when the number ends there, and the groups before the first space (a
// space may separate two values) — 0 when there is no such count.
func (nb *number) cuts() (all, beforeSpace int) {
	if !nb.more {
		all = nb.n
	}
	for k := 0; k < nb.n-1; k++ {
		if nb.gap[k] == gapSpace {
			return all, k + 1
		}
	}
	return all, 0
}

// hasSpace reports whether a space separates any of the first k groups.
func (nb *number) hasSpace(k int) bool {
	for g := 0; g < k-1; g++ {
		if nb.gap[g] == gapSpace {
			return true
		}
	}
	return false
}

// lens reports whether the first k groups have exactly the lengths want.
func (nb *number) lens(k int, want ...int) bool {
	if k != len(want) {
		return false
	}
	for g, n := range want {
		if nb.grp[g].end-nb.grp[g].start != n {
			return false
		}
	}
	return true
}

// appendDigits appends the digits of the first k groups to buf.
func (nb *number) appendDigits(buf []byte, s string, k int) []byte {
	for g := 0; g < k; g++ {
		buf = append(buf, s[nb.grp[g].start:nb.grp[g].end]...)
	}
	return buf
}

// bounded reports whether the first k groups, as read from s, stand alone:
// no digit run goes on before or after them.
func (nb *number) bounded(s string, k int) bool {
	space := nb.hasSpace(k)
	return !continuesBefore(s, nb.grp[0].start, space) && !continuesAfter(s, nb.grp[k-1].end, space)
}
