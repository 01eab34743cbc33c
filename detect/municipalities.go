package detect

import (
	_ "embed"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// municipalityData is data/municipalities.txt: "prefecture<TAB>municipality"
// lines built by gen/municipalities from Japan Post's postal-code list (see
// data/MUNICIPALITIES-LICENSE.txt).
//
//go:embed data/municipalities.txt
var municipalityData string

// placeIndex is the set of prefecture and municipality names the address
// rule looks up, keyed by the whole name so that a lookup of a slice of the
// text allocates nothing.
//
// Names are all kanji and kana, three bytes a rune in UTF-8, and at least two
// runes long; head and tail map a name's first and last two runes (six
// bytes) to the byte lengths of the names that begin or end with them,
// longest first, so that a place in the text that starts no name costs one
// lookup.
type placeIndex struct {
	prefs map[string]struct{}
	munis map[string]struct{}
	head  map[string][]uint8
	tail  map[string][]uint8
}

// nameEdge is the byte length of the two runes head and tail are keyed by.
const nameEdge = 6

// places loads the index once, on first use: the list costs nothing to
// programs and tests that never look for an address.
var places = sync.OnceValue(func() *placeIndex { return loadPlaces(municipalityData) })

// loadPlaces indexes each municipality under its full name and the forms
// addresses are also written in: 吾妻郡草津町 also as 草津町 (the 郡 is often
// left out), 横浜市中区 also as 横浜市 and 中区, and ヶ and ケ either way
// (鶴ヶ島市, 鶴ケ島市).
func loadPlaces(data string) *placeIndex {
	ix := &placeIndex{prefs: map[string]struct{}{}, munis: make(map[string]struct{}, 4096),
		head: make(map[string][]uint8, 2048), tail: make(map[string][]uint8, 2048)}
	for line := range strings.Lines(data) {
		pref, name, ok := strings.Cut(strings.TrimRight(line, "\r\n"), "\t")
		if !ok || pref == "" || name == "" {
			continue
		}
		ix.prefs[pref] = struct{}{}
		for _, k := range municipalityKeys(name) {
			ix.add(k)
			ix.add(strings.ReplaceAll(k, "ヶ", "ケ"))
			ix.add(strings.ReplaceAll(k, "ケ", "ヶ"))
		}
	}
	return ix
}

func (ix *placeIndex) add(k string) {
	if _, dup := ix.munis[k]; dup || len(k) < nameEdge || len(k) > 255 || !threeByteRunes(k) {
		return
	}
	ix.munis[k] = struct{}{}
	ix.head[k[:nameEdge]] = insertLen(ix.head[k[:nameEdge]], uint8(len(k)))
	ix.tail[k[len(k)-nameEdge:]] = insertLen(ix.tail[k[len(k)-nameEdge:]], uint8(len(k)))
}

// insertLen adds n to lens, kept in decreasing order without repeats.
func insertLen(lens []uint8, n uint8) []uint8 {
	i := 0
	for i < len(lens) && lens[i] > n {
		i++
	}
	if i < len(lens) && lens[i] == n {
		return lens
	}
	return slices.Insert(lens, i, n)
}

// threeByteRunes reports whether every rune of k takes three bytes.
func threeByteRunes(k string) bool {
	for _, r := range k {
		if utf8.RuneLen(r) != 3 {
			return false
		}
	}
	return true
}

// municipalityKeys returns the forms of one municipality name.
func municipalityKeys(name string) []string {
	keys := []string{name}
	if i := strings.Index(name, "郡"); i > 0 && i+len("郡") < len(name) {
		keys = append(keys, name[i+len("郡"):])
	}
	if i := strings.Index(name, "市"); i > 0 && strings.HasSuffix(name, "区") && i+len("市") < len(name) {
		keys = append(keys, name[:i+len("市")], name[i+len("市"):])
	}
	return keys
}

// isMuni reports whether k is a municipality name.
func (ix *placeIndex) isMuni(k string) bool {
	_, ok := ix.munis[k]
	return ok
}

// prefBefore returns the start of a prefecture name ending at i, or -1.
func (ix *placeIndex) prefBefore(s string, i int) int {
	if i < 9 || !isPrefMark(s[i-3:i]) {
		return -1
	}
	for _, n := range [...]int{9, 12} { // 3 and 4 kanji
		if i >= n {
			if _, ok := ix.prefs[s[i-n:i]]; ok {
				return i - n
			}
		}
	}
	return -1
}

// prefAt returns the end of a prefecture name starting at i, or -1.
func (ix *placeIndex) prefAt(s string, i int) int {
	for _, n := range [...]int{9, 12} {
		if i+n <= len(s) && isPrefMark(s[i+n-3:i+n]) {
			if _, ok := ix.prefs[s[i:i+n]]; ok {
				return i + n
			}
		}
	}
	return -1
}

// isPrefMark reports whether m is 都, 道, 府 or 県, the ends of prefecture names.
func isPrefMark(m string) bool { return m == "県" || m == "都" || m == "府" || m == "道" }

// keyEndingAt returns the start of the longest municipality name ending at
// end and starting at or after lo, or -1.
func (ix *placeIndex) keyEndingAt(s string, end, lo int) int {
	if end-nameEdge < lo {
		return -1
	}
	for _, n := range ix.tail[s[end-nameEdge:end]] {
		if st := end - int(n); st >= lo && ix.isMuni(s[st:end]) {
			return st
		}
	}
	return -1
}

// keyFrom returns the end of the longest municipality name starting at i,
// or -1.
func (ix *placeIndex) keyFrom(s string, i int) int {
	if i+nameEdge > len(s) {
		return -1
	}
	for _, n := range ix.head[s[i:i+nameEdge]] {
		if e := i + int(n); e <= len(s) && ix.isMuni(s[i:e]) {
			return e
		}
	}
	return -1
}

// addrIsMuniMark reports whether r ends a municipality name.
func addrIsMuniMark(r rune) bool { return r == '市' || r == '区' || r == '町' || r == '村' }
