package detect

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// ownRules are the rules of this file set; other files register more.
var ownRules = []string{"birthdate", "creditcard", "email", "mynumber", "phone", "postal"}

func TestBuiltinSortedAndComplete(t *testing.T) {
	rules := Builtin()
	ids := map[string]bool{}
	for i, r := range rules {
		if i > 0 && rules[i-1].ID() >= r.ID() {
			t.Errorf("Builtin not sorted by ID at %q", r.ID())
		}
		ids[r.ID()] = true
	}
	for _, id := range ownRules {
		if !ids[id] {
			t.Errorf("rule %q missing from Builtin", id)
		}
	}
}

// TestExamples runs every rule's examples: prose through the real detector,
// prefilter included, and cells through Value.
func TestExamples(t *testing.T) {
	d := New(Builtin())
	for _, r := range d.Rules() {
		t.Run(r.ID(), func(t *testing.T) {
			var pos, neg int
			for i, ex := range r.Examples() {
				name := fmt.Sprintf("%s example %d", r.ID(), i)
				if ex.Want {
					pos++
				} else {
					neg++
				}
				if ex.Cell {
					checkCell(t, name, r, ex)
				} else {
					checkProse(t, name, d, r, ex)
				}
			}
			if pos == 0 || neg == 0 {
				t.Errorf("%s has %d positive and %d negative examples; want both", r.ID(), pos, neg)
			}
		})
	}
}

func checkCell(t *testing.T, name string, r Rule, ex Example) {
	t.Helper()
	norm, ok := r.Value(strings.TrimSpace(Fold(ex.Text)), ex.Header)
	if ok != ex.Want {
		t.Errorf("%s (cell, header %v): Value ok = %v, want %v", name, ex.Header, ok, ex.Want)
	}
	if ok {
		checkMask(t, name, r, norm)
	}
}

func checkProse(t *testing.T, name string, d *Detector, r Rule, ex Example) {
	t.Helper()
	folded, ms := d.FindText(ex.Text, nil)
	if ex.Want && !passes(r.Prefilter(), folded, countDigits(folded, 1<<30)) {
		t.Errorf("%s: positive example fails the rule's own prefilter", name)
	}
	found := false
	for _, m := range ms {
		checkMatch(t, name, d, folded, m)
		found = found || m.Rule == r.ID()
	}
	if found != ex.Want {
		t.Errorf("%s: found = %v, want %v", name, found, ex.Want)
	}
}

// checkMatch checks a match's offsets and its mask.
func checkMatch(t testing.TB, name string, d *Detector, folded string, m Match) {
	t.Helper()
	if m.Start < 0 || m.End > len(folded) || m.Start >= m.End {
		t.Fatalf("%s: match of %s at [%d,%d) outside text of %d bytes", name, m.Rule, m.Start, m.End, len(folded))
	}
	if !runeBoundary(folded, m.Start) || !runeBoundary(folded, m.End) {
		t.Fatalf("%s: match of %s at [%d,%d) splits a rune", name, m.Rule, m.Start, m.End)
	}
	r, ok := d.Rule(m.Rule)
	if !ok {
		t.Fatalf("%s: match from unknown rule %q", name, m.Rule)
	}
	if m.Category != r.Category() || m.Value == "" {
		t.Fatalf("%s: match of %s has category %q or an empty value", name, m.Rule, m.Category)
	}
	checkMask(t, name, r, m.Value)
}

// runeBoundary reports whether a rune of s, as range decodes it (a stray
// byte of invalid UTF-8 is a rune), starts or ends at i.
func runeBoundary(s string, i int) bool {
	if i == len(s) {
		return true
	}
	for j := range s {
		if j >= i {
			return j == i
		}
	}
	return false
}

// checkMask fails when a mask shows its value; it prints only the mask's length.
func checkMask(t testing.TB, name string, r Rule, norm string) {
	t.Helper()
	if norm == "" {
		return
	}
	if mask := r.Mask(norm); strings.Contains(mask, norm) {
		t.Fatalf("%s: %s mask (%d bytes) shows the value", name, r.ID(), len(mask))
	}
}

// TestMaskRandomDigits checks every rule's mask and MaskDigits on random
// digit strings and the MaskText forms.
func TestMaskRandomDigits(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	rules := Builtin()
	for n := 0; n < 2000; n++ {
		b := make([]byte, 1+rng.IntN(20))
		for i := range b {
			b[i] = byte('0' + rng.IntN(10))
		}
		s := string(b)
		for _, r := range rules {
			checkMask(t, fmt.Sprintf("random digits %d", n), r, s)
		}
		for keep := 0; keep < 4; keep++ {
			if m := MaskDigits(s, keep); strings.Contains(m, s) {
				t.Fatalf("MaskDigits(%d digits, %d) shows the value", len(s), keep)
			}
		}
	}
}

func TestMaskForms(t *testing.T) {
	cases := map[string]struct{ got, want string }{
		"name":       {MaskText("山田 太郎"), "山* 太*"},
		"one rune":   {MaskText("山 太郎"), "* 太*"},
		"stars":      {MaskText("**"), "###"},
		"digits":     {MaskDigits("090-1234-5678", 2), "***-****-**78"},
		"short":      {MaskDigits("12", 5), "*2"},
		"phone":      {phoneRule{}.Mask("09012345678"), "090-****-5678"},
		"email":      {emailRule{}.Mask("taro@example.jp"), "t***@e******.jp"},
		"mynumber":   {myNumberRule{}.Mask("123456789018"), "****-****-****"},
		"card":       {creditCardRule{}.Mask("4111111111111111"), "****-****-****-**11"},
		"birth date": {birthDateRule{}.Mask("2010-04-01"), "20**-**-**"},
		"postal":     {postalRule{}.Mask("3710026"), "3**-****"},
	}
	for name, c := range cases {
		if c.got != c.want {
			t.Errorf("%s: mask = %q, want %q", name, c.got, c.want)
		}
	}
}

func TestFindTextNoAllocWithoutMatches(t *testing.T) {
	d := New(Builtin())
	lines := []string{
		"3年2組の生徒は、本日の学級活動で係の仕事を最後までやり遂げました。",
		"5時間目の授業で12人の生徒が感想を述べ、2024年4月6日の入学式の準備をしました。",
		"注文番号 1234567890123 と 4901234567894、@tanaka さん",
	}
	dst := make([]Match, 0, 8)
	for i, s := range lines {
		if n := testing.AllocsPerRun(50, func() { _, dst = d.FindText(s, dst[:0]) }); n != 0 {
			t.Errorf("line %d: FindText allocates %v times without matches", i, n)
		}
	}
}

func TestNoticesCoverEmbeddedData(t *testing.T) {
	n := Notices()
	for _, want := range []string{"surnames.txt", "municipalities.txt", "zengin.txt", "NAIST"} {
		if !strings.Contains(n, want) {
			t.Errorf("notices do not mention %s", want)
		}
	}
}
