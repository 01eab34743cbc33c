package detect

import (
	"slices"
	"strings"
)

// builtin holds the built-in rules: the prose rules below, then the rules
// other files add with register from their init functions.
var builtin = []Rule{
	emailRule{}, phoneRule{}, postalRule{}, birthDateRule{}, myNumberRule{}, creditCardRule{},
}

// register adds a built-in rule. It is for init functions; a second rule
// with the same ID panics.
func register(r Rule) {
	for _, b := range builtin {
		if b.ID() == r.ID() {
			panic("detect: duplicate rule " + r.ID())
		}
	}
	builtin = append(builtin, r)
}

// RulesVersion names the built-in rules' behaviour. A scan that keeps state
// reads again every file whose earlier result came from another version:
// change it with any change to a rule, a dictionary or the classifier that
// can change what a file is found to hold.
const RulesVersion = "2026-11-23.1"

// Builtin returns the built-in rules sorted by ID, a fixed order whatever
// the order of registration. The slice is the caller's.
func Builtin() []Rule {
	rules := slices.Clone(builtin)
	slices.SortFunc(rules, func(a, b Rule) int { return strings.Compare(a.ID(), b.ID()) })
	return rules
}
