package detect

import (
	"maps"
	"slices"
)

// dictAddressRule is the address rule with a rules file's municipality
// names added to its place index (a town merged away, whose old name
// addresses still carry). It searches a copy of the built-in index.
type dictAddressRule struct {
	addressRule
	ix *placeIndex
}

func newDictAddressRule(words []string) *dictAddressRule {
	b := places()
	ix := &placeIndex{prefs: maps.Clone(b.prefs), munis: maps.Clone(b.munis), head: maps.Clone(b.head), tail: maps.Clone(b.tail)}
	for _, w := range words {
		pref, name := dictSplit(w)
		if name == "" {
			pref, name = "", pref
		}
		if pref != "" && threeByteRunes(pref) {
			ix.prefs[pref] = struct{}{}
		}
		for _, k := range municipalityKeys(name) {
			ix.addCopy(k)
		}
	}
	return &dictAddressRule{ix: ix}
}

// addCopy is add for an index whose length lists are shared with the
// built-in one: a list is copied before it changes.
func (ix *placeIndex) addCopy(k string) {
	if len(k) >= nameEdge {
		ix.head[k[:nameEdge]] = slices.Clip(slices.Clone(ix.head[k[:nameEdge]]))
		ix.tail[k[len(k)-nameEdge:]] = slices.Clip(slices.Clone(ix.tail[k[len(k)-nameEdge:]]))
	}
	ix.add(k)
}

// Find is addressRule.Find on the extended index.
func (r *dictAddressRule) Find(s string, dst []Match) []Match {
	lo := 0
	for i := 0; i < len(s); {
		m := addrNextMuniMark(s, i)
		if m < 0 {
			break
		}
		a, ok := r.ix.addressAt(s, m, lo)
		if ok && a.town && a.number {
			dst = append(dst, Match{Category: Address, Rule: "address", Start: a.start, End: a.end, Value: s[a.start:a.end]})
			i, lo = a.end, a.end
			continue
		}
		i = m + len("市")
	}
	return dst
}

// Value is the built-in test, then the extended index's.
func (r *dictAddressRule) Value(v string, header bool) (string, bool) {
	if norm, ok := r.addressRule.Value(v, header); ok {
		return norm, true
	}
	v = trimSpace(v)
	if v == "" || isNone(v) {
		return "", false
	}
	if a, ok := r.ix.addressFrom(addrSkipPostal(v)); ok {
		return v, a.town && (a.number || header)
	}
	return "", false
}
