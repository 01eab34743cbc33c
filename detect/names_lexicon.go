package detect

import (
	_ "embed"
	"strings"
	"sync"
	"unicode/utf8"
)

// The person-name entries of the IPA dictionary (see data/NAMES-LICENSE.txt),
// one "surface<TAB>reading" a line, written by detect/gen/names.
var (
	//go:embed data/surnames.txt
	nmSurnamesData string
	//go:embed data/given_names.txt
	nmGivenNamesData string
)

// Flags of a lexicon key. Surfaces are kept as written (kanji, with kana
// in some given names); readings as nmKanaKey makes them, so that hiragana,
// katakana and half-width katakana all look up the same key.
const (
	nmSurname     uint8 = 1 << iota // a surname as written
	nmGiven                         // a given name as written
	nmSurnameKana                   // a surname's reading
	nmGivenKana                     // a given name's reading
)

// Flags of a kanji in givenChars: whether it begins or ends many given
// names (陽, 美, 翔 ...; 子, 菜, 太 ...), or a few.
const (
	nmGivenFirst uint8 = 1 << iota
	nmGivenLast
	nmGivenFirstFew
	nmGivenLastFew
)

// nmGivenCharMin is how many given names of the lexicon a kanji must
// begin (or end) to count as a given-name character, and nmGivenCharFew
// for the weaker flag: modern names (陽菜, 悠真) are missing from a 2007
// dictionary, but their characters are not.
const (
	nmGivenCharMin = 8
	nmGivenCharFew = 2
)

// nmMaxRunes bounds the surname and given name looked up: longer
// candidates are never tried.
const nmMaxRunes = 5

// nmLexiconData is the loaded lexicon; it is read-only once built.
type nmLexiconData struct {
	keys       map[string]uint8
	givenChars map[rune]uint8
}

// nmLexicon returns the name lexicon, loading it on first use.
var nmLexicon = sync.OnceValue(nmLoadLexicon)

func nmLoadLexicon() *nmLexiconData {
	lx := &nmLexiconData{
		keys:       make(map[string]uint8, 52000),
		givenChars: map[rune]uint8{},
	}
	first, last := map[rune]int{}, map[rune]int{}
	lx.addLines(nmSurnamesData, nmSurname, nmSurnameKana, nil, nil)
	lx.addLines(nmGivenNamesData, nmGiven, nmGivenKana, first, last)
	lx.flagChars(first, nmGivenFirst, nmGivenFirstFew)
	lx.flagChars(last, nmGivenLast, nmGivenLastFew)
	return lx
}

// flagChars flags the kanji counted in counts: many if counted
// nmGivenCharMin times, few if nmGivenCharFew.
func (lx *nmLexiconData) flagChars(counts map[rune]int, many, few uint8) {
	for r, n := range counts {
		switch {
		case !nmIsKanji(r):
		case n >= nmGivenCharMin:
			lx.givenChars[r] |= many | few
		case n >= nmGivenCharFew:
			lx.givenChars[r] |= few
		}
	}
}

// addLines adds the entries of one list; first and last, when not nil,
// count the kanji that begin and end the surfaces.
func (lx *nmLexiconData) addLines(data string, surface, reading uint8, first, last map[rune]int) {
	var buf [3 * 2 * nmKanaKeyMax]byte
	for line := range strings.Lines(data) {
		w, rd, ok := strings.Cut(strings.TrimRight(line, "\r\n"), "\t")
		if !ok || w == "" {
			continue
		}
		for _, v := range nmItaijiForms(w) {
			lx.keys[v] |= surface
		}
		if k, ok := nmKanaKey(rd, buf[:0]); ok && len(k) > 0 {
			lx.keys[string(k)] |= reading
		}
		if first != nil && utf8.RuneCountInString(w) >= 2 {
			r, _ := utf8.DecodeRuneInString(w)
			first[r]++
			r, _ = utf8.DecodeLastRuneInString(w)
			last[r]++
		}
	}
}

// nmItaiji maps a common character to the variant forms (異体字) that
// registers of names keep: 髙橋 and 高橋 are one surname to the lexicon.
var nmItaiji = map[rune]string{
	'高': "髙", '崎': "﨑嵜", '辺': "邊邉", '斎': "齋齊斉", '浜': "濱濵", '沢': "澤", '島': "嶋嶌",
	'広': "廣", '国': "國", '吉': "𠮷", '桜': "櫻", '富': "冨", '恵': "惠", '真': "眞", '竜': "龍",
	'瀬': "瀨", '徳': "德", '関': "關", '柳': "栁", '槙': "槇", '礼': "禮", '条': "條", '実': "實",
	'寿': "壽", '栄': "榮", '桧': "檜", '峰': "峯", '凛': "凜", '館': "舘", '塚': "\uFA10", '隆': "\uF9DC",
	'野': "埜", '蔵': "藏", '滝': "瀧", '来': "來", '万': "萬", '与': "與",
	'伝': "傳", '黒': "黑", '横': "橫", '德': "徳", '学': "學", '亜': "亞",
}

// nmMaxItaijiForms bounds the variants added for one entry.
const nmMaxItaijiForms = 16

// nmItaijiForms returns w and its forms with variant characters.
func nmItaijiForms(w string) []string {
	forms := []string{w}
	for i, r := range w {
		vs, ok := nmItaiji[r]
		if !ok {
			continue
		}
		n := len(forms)
		for _, f := range forms[:n] {
			for _, v := range vs {
				if len(forms) < nmMaxItaijiForms {
					forms = append(forms, f[:i]+string(v)+f[i+utf8.RuneLen(r):])
				}
			}
		}
	}
	return forms
}

// has reports whether key carries one of the flags.
func (lx *nmLexiconData) has(key string, flags uint8) bool { return lx.keys[key]&flags != 0 }

// hasKana is has for a kana key made by nmKanaKey.
func (lx *nmLexiconData) hasKana(key []byte, flags uint8) bool {
	return lx.keys[string(key)]&flags != 0
}

// Character classes of names.

// nmIsKanji reports whether r is a kanji or a mark written inside kanji
// names (々, 〆, ヶ).
func nmIsKanji(r rune) bool {
	switch {
	case r >= 0x4E00 && r <= 0x9FFF, r >= 0x3400 && r <= 0x4DBF, r >= 0xF900 && r <= 0xFAFF,
		r >= 0x20000 && r <= 0x3FFFF:
		return true
	}
	return r == '々' || r == '〆' || r == 'ヶ'
}

func nmIsHiragana(r rune) bool { return r >= 0x3041 && r <= 0x3096 || r == 'ゝ' || r == 'ゞ' }

func nmIsKatakana(r rune) bool { return r >= 0x30A1 && r <= 0x30FA || r == 'ヽ' || r == 'ヾ' }

// nmIsKanaMark reports whether r is the long-vowel mark or a (combining)
// voicing mark: width folding turns ﾀﾞ into タ and ゛.
func nmIsKanaMark(r rune) bool { return r == 'ー' || r >= 0x3099 && r <= 0x309C }

func nmIsKana(r rune) bool { return nmIsHiragana(r) || nmIsKatakana(r) || nmIsKanaMark(r) }

// nmKanaKeyMax bounds the runes of a kana key.
const nmKanaKeyMax = 24

// nmKanaKey appends to buf the lookup key of a reading written in kana:
// katakana, voicing marks composed (タ゛ is ダ), small kana made large (bank
// files have none: ｷﾖｳｺ is きょうこ), ヂ and ヅ as ジ and ズ. It reports false
// when s holds anything but kana or is too long.
func nmKanaKey(s string, buf []byte) ([]byte, bool) {
	var rs [nmKanaKeyMax]rune
	n := 0
	for _, r := range s {
		switch {
		case r >= 0x3041 && r <= 0x3096:
			r += 0x60
		case r == 0x3099 || r == 0x309B:
			if n > 0 {
				rs[n-1] = nmVoiced(rs[n-1], false)
			}
			continue
		case r == 0x309A || r == 0x309C:
			if n > 0 {
				rs[n-1] = nmVoiced(rs[n-1], true)
			}
			continue
		case nmIsKatakana(r) || r == 'ー':
		default:
			return buf, false
		}
		if n == len(rs) {
			return buf, false
		}
		rs[n] = nmLargeKana(r)
		n++
	}
	for _, r := range rs[:n] {
		buf = utf8.AppendRune(buf, r)
	}
	return buf, true
}

// nmVoiced returns katakana r with a voicing mark (semi: ゜) added, or r.
func nmVoiced(r rune, semi bool) rune {
	switch {
	case semi:
		if r >= 'ハ' && r <= 'ホ' && (r-'ハ')%3 == 0 {
			return r + 2
		}
	case r >= 'カ' && r <= 'チ' && (r-'カ')%2 == 0, r >= 'ツ' && r <= 'ト' && (r-'ツ')%2 == 0:
		return nmLargeKana(r + 1)
	case r >= 'ハ' && r <= 'ホ' && (r-'ハ')%3 == 0:
		return r + 1
	case r == 'ウ':
		return 'ヴ'
	}
	return r
}

// nmLargeKana maps small katakana to large ones, ヂ and ヅ to ジ and ズ.
func nmLargeKana(r rune) rune {
	switch r {
	case 'ァ', 'ィ', 'ゥ', 'ェ', 'ォ', 'ッ', 'ャ', 'ュ', 'ョ', 'ヮ':
		return r + 1
	case 'ヵ':
		return 'カ'
	case 'ヶ':
		return 'ケ'
	case 'ヂ':
		return 'ジ'
	case 'ヅ':
		return 'ズ'
	}
	return r
}
