package detect

import (
	_ "embed"
	"sort"
	"strings"
	"sync"
)

// zenginText is the Zengin bank and branch code list (data/zengin.txt,
// built by gen/zengin from the MIT-licensed npm package zengin-code; see
// data/ZENGIN-LICENSE.txt): a bank line "code<TAB>name<TAB>kana" with a
// 4-digit code, then its branches with 3-digit codes.
//
//go:embed data/zengin.txt
var zenginText string

// zenginBank is one bank of the list. Names are as the list writes them:
// 群馬 for 群馬銀行, 北海道信金 for 北海道信用金庫.
type zenginBank struct {
	code       int
	name, kana string
	branches   []zenginBranch // sorted by code
}

type zenginBranch struct {
	code       int
	name, kana string
}

// zenginList indexes the banks by code and by name, and every branch name.
// Its strings are slices of zenginText, so it holds little beyond the maps.
type zenginList struct {
	banks    []zenginBank
	byCode   [10000]int16        // index+1 into banks; 0: no such bank
	byName   map[string]int16    // name variants and kana → index into banks
	branches map[string]struct{} // every branch name and kana, of any bank
}

// zengin returns the list, parsed on first use and shared after: about
// 10 ms and 3 MB of heap (TestZenginLoad logs both), paid only by files
// that hold a 7-digit number near bank words, or a table beside a bank
// column.
var zengin = sync.OnceValue(func() *zenginList { return parseZengin(zenginText) })

func parseZengin(text string) *zenginList {
	z := &zenginList{byName: map[string]int16{}, branches: map[string]struct{}{}}
	for line := range strings.Lines(text) {
		line = strings.TrimRight(line, "\r\n")
		if line == "" || line[0] == '#' {
			continue
		}
		code, rest, _ := strings.Cut(line, "\t")
		name, kana, _ := strings.Cut(rest, "\t")
		n, ok := atoiDigits(code)
		switch {
		case !ok:
		case len(code) == 4:
			z.banks = append(z.banks, zenginBank{code: n, name: name, kana: kana})
		case len(code) == 3 && len(z.banks) > 0:
			b := &z.banks[len(z.banks)-1]
			b.branches = append(b.branches, zenginBranch{code: n, name: name, kana: kana})
			z.branches[name] = struct{}{}
			z.branches[kana] = struct{}{}
		}
	}
	for i := range z.banks {
		b := &z.banks[i]
		z.byCode[b.code] = int16(i + 1)
		sort.Slice(b.branches, func(x, y int) bool { return b.branches[x].code < b.branches[y].code })
		for _, v := range bankNameVariants(b.code, b.name) {
			if _, dup := z.byName[v]; !dup {
				z.byName[v] = int16(i)
			}
		}
		for _, v := range bankKanaVariants(b.code, b.kana) {
			if _, dup := z.byName[v]; !dup {
				z.byName[v] = int16(i)
			}
		}
	}
	return z
}

// atoiDigits parses a short run of ASCII digits.
func atoiDigits(s string) (int, bool) {
	if s == "" || len(s) > 8 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

// bankNameSuffixes maps the list's abbreviations to the full forms people
// write: 北海道信金 is also 北海道信用金庫.
var bankNameSuffixes = []struct{ short, full, prefix string }{
	{"信漁連", "信用漁業協同組合連合会", ""},
	{"信金", "信用金庫", ""},
	{"信組", "信用組合", ""},
	{"労金", "労働金庫", ""},
	{"信連", "信用農業協同組合連合会", ""},
	{"農協", "農業協同組合", "JA"},
	{"漁協", "漁業協同組合", "JF"},
}

// bankNameVariants returns the names a bank goes by: the list's name, its
// full form, and for banks (codes below 1000, and ゆうちょ) name+銀行.
func bankNameVariants(code int, name string) []string {
	out := []string{name}
	switch name {
	case "商工中金":
		return append(out, "商工組合中央金庫")
	case "農林中金":
		return append(out, "農林中央金庫")
	}
	for _, s := range bankNameSuffixes {
		if base, ok := strings.CutSuffix(name, s.short); ok && base != "" {
			out = append(out, base+s.full)
			if s.prefix != "" {
				out = append(out, s.prefix+base, s.prefix+base+s.short)
			}
			return out
		}
	}
	if code < 1000 || code == 9900 {
		out = append(out, name+"銀行")
	}
	return out
}

// bankKanaVariants returns a bank's kana, and for banks kana+銀行 and
// kana+ギンコウ (ｸﾞﾝﾏｷﾞﾝｺｳ).
func bankKanaVariants(code int, kana string) []string {
	if kana == "" {
		return nil
	}
	if code < 1000 || code == 9900 {
		return []string{kana, kana + "銀行", kana + "ギンコウ"}
	}
	return []string{kana}
}

// bank returns the bank with a 4-digit code, or nil.
func (z *zenginList) bank(code int) *zenginBank {
	if code < 0 || code >= len(z.byCode) || z.byCode[code] == 0 {
		return nil
	}
	return &z.banks[z.byCode[code]-1]
}

// bankNamed returns the bank a name (群馬銀行, 群馬, グンマ, 北海道信用金庫)
// stands for, or nil.
func (z *zenginList) bankNamed(name string) *zenginBank {
	if i, ok := z.byName[name]; ok {
		return &z.banks[i]
	}
	if k := composeKana(name); k != name {
		if i, ok := z.byName[k]; ok {
			return &z.banks[i]
		}
	}
	return nil
}

// isBranchName reports whether some bank has a branch of that name or kana.
func (z *zenginList) isBranchName(name string) bool {
	_, ok := z.branches[name]
	if !ok {
		_, ok = z.branches[composeKana(name)]
	}
	return ok
}

// branch returns the bank's branch with a 3-digit code, or nil.
func (b *zenginBank) branch(code int) *zenginBranch {
	i := sort.Search(len(b.branches), func(i int) bool { return b.branches[i].code >= code })
	if i < len(b.branches) && b.branches[i].code == code {
		return &b.branches[i]
	}
	return nil
}

// branchNamed returns the bank's branch of that name or kana, or nil.
func (b *zenginBank) branchNamed(name string) *zenginBranch {
	k := composeKana(name)
	for i := range b.branches {
		br := &b.branches[i]
		if br.name == name || br.kana == k {
			return br
		}
	}
	return nil
}

// composeKana joins a katakana and a following voiced or semi-voiced sound
// mark (half-width ﾊﾞ folds to ハ and U+3099) into one rune, and writes
// small kana large, as the list's kana are written. It returns s itself
// when there is nothing to change.
func composeKana(s string) string {
	if !strings.ContainsAny(s, "\u3099\u309a\u309b\u309cァィゥェォッャュョヮ") {
		return s
	}
	var b strings.Builder
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if i+1 < len(rs) {
			if c := voiced(r, rs[i+1]); c != 0 {
				b.WriteRune(c)
				i++
				continue
			}
		}
		switch r {
		case 'ァ', 'ィ', 'ゥ', 'ェ', 'ォ', 'ッ', 'ャ', 'ュ', 'ョ', 'ヮ':
			r++
		}
		b.WriteRune(r)
	}
	return b.String()
}

// voiced returns the katakana r with the sound mark m, or 0.
func voiced(r, m rune) rune {
	switch m {
	case '\u3099', '\u309b':
		switch {
		case r == 'ウ':
			return 'ヴ'
		case r >= 'カ' && r <= 'チ' && (r-'カ')%2 == 0, r == 'ツ', r == 'テ', r == 'ト':
			return r + 1
		case r >= 'ハ' && r <= 'ホ' && (r-'ハ')%3 == 0:
			return r + 1
		}
	case '\u309a', '\u309c':
		if r >= 'ハ' && r <= 'ホ' && (r-'ハ')%3 == 0 {
			return r + 2
		}
	}
	return 0
}
