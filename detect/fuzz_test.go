package detect

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// FuzzFindText runs the detector and every rule's Value over arbitrary
// text: no panic, offsets in range and on rune boundaries, masks never
// showing the value, and Fold equal to width.Fold rune for rune.
func FuzzFindText(f *testing.F) {
	for _, r := range Builtin() {
		for _, ex := range r.Examples() {
			f.Add(ex.Text)
		}
	}
	f.Add("070 0000 0000\xa3") // a match next to invalid UTF-8
	d := New(Builtin())
	f.Fuzz(func(t *testing.T, s string) {
		folded, ms := d.FindText(s, nil)
		if utf8.ValidString(s) {
			if folded != width.Fold.String(s) || utf8.RuneCountInString(folded) != utf8.RuneCountInString(s) {
				t.Fatal("Fold differs from width.Fold or changes the rune count")
			}
		}
		for _, m := range ms {
			checkMatch(t, "fuzz", d, folded, m)
		}
		v := strings.TrimSpace(folded)
		for _, r := range d.Rules() {
			for _, header := range []bool{false, true} {
				if norm, ok := r.Value(v, header); ok {
					checkMask(t, "fuzz value", r, norm)
				}
			}
		}
	})
}
