package detect

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// nameRule finds person names: in columns of names (氏名, ふりがな,
// 保護者氏名, 預金者名 ...) written in kanji, kana, half-width kana or romaji,
// and in prose beside an honorific (山田様, 佐藤先生) or after a label
// (氏名：, 担任：). Without a header a value must split into a surname and a
// given name the lexicon knows (names_lexicon.go), so that a column of
// names is recognised by its values but place, school and company names
// are not.
type nameRule struct{}

func init() { register(nameRule{}) }

func (nameRule) ID() string         { return "person_name" }
func (nameRule) Category() Category { return PersonName }

// ValueShare: the lexicon test seldom accepts what is not a name (26 of
// 56,218 common nouns), so half of a column's values passing it mark a
// column of names; rarer surnames than the lexicon holds make up the rest.
func (nameRule) ValueShare() float64 { return 0.5 }

func (nameRule) Prefilter() Prefilter { return Prefilter{AnyOf: nmContext} }

// nmContext holds every word before or after which Find looks for a name.
var nmContext = []string{"様", "さん", "君", "くん", "ちゃん", "先生", "氏", "殿", "保護者", "名前", "担任", "児童:", "生徒:", "作成者:", "最終更新者:"}

func (nameRule) Headers() []string { return slices.Clone(nmHeaders) }

var nmHeaders = []string{
	"氏名", "名前", "姓名", "おなまえ", "お名前", "なまえ", "ふりがな", "フリガナ", "カナ氏名", "氏名カナ",
	"氏名(カナ)", "児童名", "生徒名", "児童氏名", "生徒氏名", "保護者氏名", "保護者名", "預金者名", "口座名義",
	"口座名義人", "名義人", "受取人名", "担任", "担任名", "name", "fullname", "full name", "kana",
}

// Mask keeps the first character of each part of the name and hides the
// rest with full-width ＊: 山田 太郎 becomes 山＊ 太＊, 林 becomes ＊.
func (nameRule) Mask(norm string) string {
	var b strings.Builder
	b.Grow(len(norm) + 6)
	for i, w := range strings.Split(norm, " ") {
		if i > 0 {
			b.WriteByte(' ')
		}
		n := utf8.RuneCountInString(w)
		if n >= 2 {
			_, size := utf8.DecodeRuneInString(w)
			b.WriteString(w[:size])
			n--
		}
		b.WriteString(strings.Repeat("＊", n))
	}
	return guard(b.String(), norm)
}

// Value reports whether v, one table value, is a person's name.
func (nameRule) Value(v string, header bool) (string, bool) {
	v = trimSpace(v)
	if v == "" || len(v) > 3*16 || hasDigit(v) || isNone(v) {
		return "", false
	}
	script, org := nmScan(v)
	if script == nmScriptOther || nmNotPerson(v, org) {
		return "", false
	}
	sur, given, ok := strings.Cut(v, " ")
	if ok {
		given = strings.TrimLeft(given, " ")
		if given == "" || strings.Contains(given, " ") {
			return nmRomaji(v, header)
		}
	}
	switch script {
	case nmScriptKanji:
		if ok {
			return nmSpacedKanji(v, sur, given, header)
		}
		return nmUnspacedKanji(v, header)
	case nmScriptKana:
		if ok {
			return nmSpacedKana(v, sur, given, header)
		}
		return nmUnspacedKana(v, header)
	case nmScriptLatin:
		return nmRomaji(v, header)
	}
	return "", false
}

// Scripts of a value.
const (
	nmScriptOther = iota
	nmScriptKanji // kanji, with kana or a space or not
	nmScriptKana  // kana and spaces only
	nmScriptLatin // ASCII letters, spaces and the marks romanised names use
)

func nmScript(v string) int {
	sc, _ := nmScan(v)
	return sc
}

// nmScan returns the script of v and whether it holds a character of an
// organisation's or place's mark, in one pass.
func nmScan(v string) (script int, org bool) {
	kanji, kana, latin := false, false, false
	var last rune
	for _, r := range v {
		last = r
		switch {
		case r == ' ':
		case nmIsKanji(r):
			kanji = true
			org = org || nmOrgChar(r)
		case nmIsKana(r):
			kana = true
			org = org || r == 'セ'
		case r < 0x80 && (isLetter(byte(r)) || r == '-' || r == '.' || r == '\''):
			latin = true
		case r == '(':
			return nmScriptOther, true // (株), (有)
		default:
			return nmScriptOther, org
		}
	}
	org = org || nmPlaceLast(last)
	switch {
	case latin && (kanji || kana):
		return nmScriptOther, org
	case latin:
		return nmScriptLatin, org
	case kanji:
		return nmScriptKanji, org
	case kana:
		return nmScriptKana, org
	}
	return nmScriptOther, org
}

// nmSpacedKanji judges "姓 名": under a header any short kanji surname and a
// short given name; without, the lexicon must know the surname, and the
// given name or the characters of one.
func nmSpacedKanji(v, sur, given string, header bool) (string, bool) {
	if !nmRunesOf(sur, nmMaxRunes, false) || !nmRunesOf(given, nmMaxRunes, true) {
		return "", false
	}
	if header {
		return nmJoinName(v, sur, given), true
	}
	lx := nmLexicon()
	if !lx.has(sur, nmSurname) {
		return "", false
	}
	if nmGivenName(lx, given) || nmGivenLike(lx, given, true) || nmKanaGiven(given) {
		return nmJoinName(v, sur, given), true
	}
	return "", false
}

// nmUnspacedKanji judges "姓名" by splitting it where the lexicon knows both
// parts; under a header a known surname of two or more characters with a
// short rest, or a known surname alone, will do.
func nmUnspacedKanji(v string, header bool) (string, bool) {
	n := utf8.RuneCountInString(v)
	if n < 2 || n > 2*nmMaxRunes {
		return "", false
	}
	lx := nmLexicon()
	if cut := nmSplitName(lx, v, !header); cut > 0 {
		return v[:cut] + " " + v[cut:], true
	}
	if header && nmAllKanji(v) && lx.has(v, nmSurname) {
		return v, true
	}
	return "", false
}

// nmSplitName returns the byte index at which s splits into a known surname
// and a given name, trying the longest surname first, or 0. strict (no
// header or other context) wants a known given name of two or more
// characters (three when written in kana: 団らん is no name), or two kanji
// that given names begin and end with after a surname of two or more.
func nmSplitName(lx *nmLexiconData, s string, strict bool) int {
	cuts := nmPrefixCuts(s)
	for k := len(cuts) - 1; k >= 0; k-- {
		cut := cuts[k]
		sur, given := s[:cut], s[cut:]
		if !lx.has(sur, nmSurname) {
			continue
		}
		ng := utf8.RuneCountInString(given)
		switch {
		case !nmKanjiOrKana(given) || ng > nmMaxRunes:
		case nmGivenName(lx, given) && (!strict || ng >= 2 && (ng >= 3 || nmAllKanji(given))):
			return cut
		case strict && k >= 1 && ng == 2 && nmGivenLike(lx, given, false):
			return cut
		case !strict && k >= 1 && ng <= 3:
			return cut
		}
	}
	return 0
}

// nmPrefixCuts returns the byte ends of the first 1..nmMaxRunes-1 runes
// of s that leave at least one rune after them.
func nmPrefixCuts(s string) []int {
	var cuts [nmMaxRunes]int
	n := 0
	for i := range s {
		if i == 0 {
			continue
		}
		if n == nmMaxRunes-1 {
			break
		}
		cuts[n] = i
		n++
	}
	return cuts[:n:n]
}

// nmGivenName reports whether the lexicon knows s as a given name, as
// written or by its reading when s is kana.
func nmGivenName(lx *nmLexiconData, s string) bool {
	if lx.has(s, nmGiven) {
		return true
	}
	var buf [3 * nmKanaKeyMax]byte
	k, ok := nmKanaKey(s, buf[:0])
	return ok && len(k) >= 2*3 && lx.hasKana(k, nmGivenKana)
}

// nmGivenLike reports whether s, one to three kanji, begins and ends with
// characters that begin and end many given names (陽菜, 悠真); few will do
// when few is set (a space after a known surname is evidence too), and one
// kanji must be both (湊, 蓮).
func nmGivenLike(lx *nmLexiconData, s string, few bool) bool {
	if !nmRunesOf(s, 3, false) {
		return false
	}
	first, last := nmGivenFirst, nmGivenLast
	if few {
		first, last = nmGivenFirstFew, nmGivenLastFew
	}
	r1, _ := utf8.DecodeRuneInString(s)
	r2, _ := utf8.DecodeLastRuneInString(s)
	return lx.givenChars[r1]&first != 0 && lx.givenChars[r2]&last != 0
}

// nmKanaGiven reports whether s is three to six kana, as a given name
// written in kana after a known surname and a space can be (ひまり); two
// are too often a word (です, さま).
func nmKanaGiven(s string) bool {
	n := 0
	for _, r := range s {
		if !nmIsKana(r) || r == 'ー' {
			return false
		}
		n++
	}
	return n >= 3 && n <= 6
}

// nmSpacedKana judges "せい めい" written in kana: without a header the
// lexicon must know the surname's and given name's readings.
func nmSpacedKana(v, sur, given string, header bool) (string, bool) {
	ns, ng := utf8.RuneCountInString(sur), utf8.RuneCountInString(given)
	if header {
		if ns >= 2 && ns <= 8+2 && ng >= 1 && ng <= 8+2 {
			return nmJoinName(v, sur, given), true
		}
		return "", false
	}
	var b1, b2 [3 * nmKanaKeyMax]byte
	ks, ok1 := nmKanaKey(sur, b1[:0])
	kg, ok2 := nmKanaKey(given, b2[:0])
	if ok1 && ok2 && len(ks) >= 2*3 && len(kg) >= 2*3 && nmLexicon().hasKana(ks, nmSurnameKana) && nmLexicon().hasKana(kg, nmGivenKana) {
		return nmJoinName(v, sur, given), true
	}
	return "", false
}

// nmUnspacedKana judges a reading written without a space, under a header
// only: it must begin with a known surname reading.
func nmUnspacedKana(v string, header bool) (string, bool) {
	if !header {
		// Unspaced kana words split too easily (アイショウ is アイ+ショウ).
		return "", false
	}
	var buf [3 * nmKanaKeyMax]byte
	k, ok := nmKanaKey(v, buf[:0])
	if !ok || len(k) < 3*3 {
		return "", false
	}
	lx := nmLexicon()
	// Keys are katakana, 3 bytes a rune: a surname reading of two to six
	// and at least one more.
	for cut := min(len(k)-3, 6*3); cut >= 2*3; cut -= 3 {
		if lx.hasKana(k[:cut], nmSurnameKana) {
			return v, true
		}
	}
	return "", false
}

// nmRomaji accepts a romanised name (Yamada Taro, YAMADA TARO) under a header:
// two or three words of letters.
func nmRomaji(v string, header bool) (string, bool) {
	if !header || nmScript(v) != nmScriptLatin {
		return "", false
	}
	words := 0
	for w := range strings.FieldsSeq(v) {
		if len(w) < 2 || len(w) > 20 || !isLetter(w[0]) {
			return "", false
		}
		words++
	}
	if words < 2 || words > 3 {
		return "", false
	}
	return v, true
}

// nmJoinName returns "sur given" with one ASCII space: v itself when it is
// already written so.
func nmJoinName(v, sur, given string) string {
	if len(v) == len(sur)+1+len(given) {
		return v
	}
	return sur + " " + given
}

// nmRunesOf reports whether s is 1 to n kanji (or kana, when kana is set).
// A ノ between kanji belongs to the name (一ノ瀬, 木ノ下).
func nmRunesOf(s string, n int, kana bool) bool {
	for i, r := range s {
		inner := r == 'ノ' && i > 0 && i+len("ノ") < len(s)
		if n == 0 || !nmIsKanji(r) && !inner && (!kana || !nmIsKana(r)) {
			return false
		}
		n--
	}
	return s != ""
}

func nmAllKanji(s string) bool {
	for _, r := range s {
		if !nmIsKanji(r) {
			return false
		}
	}
	return s != ""
}

func nmKanjiOrKana(s string) bool {
	for _, r := range s {
		if !nmIsKanji(r) && !nmIsKana(r) {
			return false
		}
	}
	return s != ""
}

// nmNotPersonMarks are words that make a value an organisation or place.
var nmNotPersonMarks = []string{
	"株式会社", "(株)", "有限会社", "会社", "学校", "小学校", "中学校", "高校", "大学", "幼稚園", "保育園",
	"市役所", "役所", "役場", "教育委員会", "委員会", "銀行", "支店", "病院", "医院", "協会", "組合",
	"商店", "事務所", "センター", "工業", "産業", "体育館", "公民館",
}

// nmOrgChar reports whether r is a kanji of one of nmNotPersonMarks or
// one that ends place and organisation names, so most names are passed
// without searching for each mark.
func nmOrgChar(r rune) bool {
	switch r {
	case '社', '株', '会', '校', '学', '役', '所', '行', '店', '院', '組', '園', '工', '産', '館':
		return true
	}
	return nmPlaceLast(r)
}

// nmPlaceLast reports whether r ends place and organisation names and
// hardly ever a person's: 前橋市, 大手町, 第一小学校. (村, 部, 所 and 行 end
// too many surnames and given names: 中村, 阿部, 田所, 正行.)
func nmPlaceLast(r rune) bool {
	switch r {
	case '市', '区', '町', '県', '郡', '府', '駅', '店', '館', '園', '校', '局', '課', '係', '社', '署':
		return true
	}
	return false
}

// nmNotPerson reports whether v, with org as nmScan found it, names an
// organisation or a place.
func nmNotPerson(v string, org bool) bool {
	if !org {
		return false
	}
	if r, _ := utf8.DecodeLastRuneInString(v); nmPlaceLast(r) {
		return true
	}
	for _, m := range nmNotPersonMarks {
		if strings.Contains(v, m) {
			return true
		}
	}
	return false
}

// Find finds names in prose: before an honorific (山田様, 佐藤 花子さん,
// たろうくん) and after a label (氏名：山田 太郎, 担任 佐藤). One pass looks
// for the first character of a context word, so text without one costs a
// byte loop.
func (r nameRule) Find(s string, dst []Match) []Match {
	first := len(dst)
	for i := 0; i+2 < len(s); i++ {
		if c := s[i]; c < 0xE3 || c > 0xE7 || !nmContextRune(rune(c&0x0F)<<12|rune(s[i+1]&0x3F)<<6|rune(s[i+2]&0x3F)) {
			continue
		}
		for _, h := range nmHonorifics {
			if strings.HasPrefix(s[i:], h) && !nmNotHonorific(s, i+len(h), h) {
				dst = r.honorific(s, i, dst, first)
				break
			}
		}
		for _, l := range nmLabels {
			if strings.HasPrefix(s[i:], l) {
				if start, end, norm, ok := nmNameAfter(s, i+len(l)); ok {
					dst = nmAddName(dst, first, Match{Category: PersonName, Rule: r.ID(), Start: start, End: end, Value: norm})
				}
				break
			}
		}
		i += 2
	}
	return dst
}

// honorific adds the name before the honorific at s[i:], if any.
func (r nameRule) honorific(s string, i int, dst []Match, first int) []Match {
	end := i
	if end > 0 && s[end-1] == ' ' {
		end-- // 鈴木 様, as letters write it
	}
	if start, norm, ok := nmNameBefore(s, end); ok {
		dst = nmAddName(dst, first, Match{Category: PersonName, Rule: r.ID(), Start: start, End: end, Value: norm})
	}
	return dst
}

// nmContextRune reports whether r begins one of nmHonorifics or nmLabels.
func nmContextRune(r rune) bool {
	switch r {
	case '様', 'さ', '君', 'く', 'ち', '先', '氏', '殿', '保', '名', '担', '児', '生', '作', '最':
		return true
	}
	return false
}

// nmHonorifics follow a name; nmLabels precede one (after folding, ：is :).
var (
	nmHonorifics = []string{"様", "さん", "君", "くん", "ちゃん", "先生", "氏", "殿", "保護者"}
	nmLabels     = []string{"氏名:", "名前:", "担任:", "担任 ", "児童:", "生徒:", "保護者:", "作成者:", "最終更新者:"}
)

// nmNotHonorific reports whether the honorific h ending at s[end:] begins a
// word instead (様子, 同様, 氏名, 殿堂, 君主).
func nmNotHonorific(s string, end int, h string) bool {
	r, _ := utf8.DecodeRuneInString(s[end:])
	switch h {
	case "様":
		return strings.ContainsRune("子々式相態", r)
	case "氏":
		return strings.ContainsRune("名族", r)
	case "殿":
		return strings.ContainsRune("堂下様", r)
	case "君":
		return strings.ContainsRune("主臨", r)
	case "保護者":
		return r == ':' || r == '会'
	}
	return false
}

// nmAddName appends m unless a name already found overlaps it; the longer
// of two overlapping names is kept.
func nmAddName(dst []Match, first int, m Match) []Match {
	for k := first; k < len(dst); k++ {
		o := &dst[k]
		if o.Rule != m.Rule || o.End <= m.Start || m.End <= o.Start {
			continue
		}
		if m.End-m.Start > o.End-o.Start {
			*o = m
		}
		return dst
	}
	return append(dst, m)
}

// nmMaxRunBack bounds the characters read back from an honorific.
const nmMaxRunBack = 8

// nmNameBefore finds the name that ends at s[end:], before an honorific.
func nmNameBefore(s string, end int) (start int, norm string, ok bool) {
	r, _ := utf8.DecodeLastRuneInString(s[:end])
	switch {
	case nmIsKanji(r):
		return nmKanjiBefore(s, end)
	case nmIsKana(r):
		return nmKanaBefore(s, end)
	}
	return 0, "", false
}

// nmKanjiBefore looks back from end over a run of kanji for the longest
// known surname, or surname and given name, that ends there; "姓 名" with a
// space is read too.
func nmKanjiBefore(s string, end int) (int, string, bool) {
	lx := nmLexicon()
	run := nmRunStart(s, end, nmMaxRunBack, nmIsKanji)
	if given := s[run:end]; run > 1 && s[run-1] == ' ' && nmSpacedGiven(lx, given) {
		sur := nmRunStart(s, run-1, nmMaxRunes, nmIsKanji)
		for p := sur; p < run-1; p = nmNextRune(s, p) {
			if lx.has(s[p:run-1], nmSurname) && !nmOrgBefore(s, p) {
				return p, s[p:run-1] + " " + given, true
			}
		}
	}
	for p := run; p < end; p = nmNextRune(s, p) {
		cand := s[p:end]
		if nmOrgBefore(s, p) || nmNotPerson(cand, true) {
			continue
		}
		one := utf8.RuneCountInString(cand) == 1
		if nmKanjiStop[cand] {
			continue
		}
		if lx.has(cand, nmSurname) && (!one || p == run) {
			return p, cand, true
		}
		if cut := nmSplitName(lx, cand, true); cut > 0 {
			return p, cand[:cut] + " " + cand[cut:], true
		}
	}
	return 0, "", false
}

// nmSpacedGiven reports whether a kanji run after "姓 " and before an
// honorific is a given name: one the lexicon knows or resembles, or, the
// honorific being context enough, any one to three kanji that are not a role
// (市長, 会長, 担当者): modern names (颯太, 心春) postdate the dictionary.
func nmSpacedGiven(lx *nmLexiconData, given string) bool {
	if nmKanjiStop[given] || strings.ContainsRune("長員者部課係所会様殿氏", nmLastRune(given)) {
		return false
	}
	return nmGivenName(lx, given) || nmGivenLike(lx, given, true) || nmRunesOf(given, 3, false)
}

// nmKanaBefore reads a name in kana before an honorific: a whole run of
// katakana, or of hiragana after a particle, that the lexicon knows as a
// reading (サクラちゃん, がたろうくん), with a kanji surname before it or not.
func nmKanaBefore(s string, end int) (int, string, bool) {
	kata := func(r rune) bool { return nmIsKatakana(r) || nmIsKanaMark(r) }
	hira := func(r rune) bool { return nmIsHiragana(r) || r == 'ー' }
	r, _ := utf8.DecodeLastRuneInString(s[:end])
	in := hira
	if kata(r) {
		in = kata
	}
	run := nmRunStart(s, end, 10, in)
	p := nmKanaStart(s, run, end)
	if p < 0 {
		return nmForeignName(s, run, end, kata(r))
	}
	cand := s[p:end]
	if p == run && run > 1 && s[run-1] == ' ' {
		// ヤマダ タロウ様: a surname reading, a space and the given name.
		if sur := nmRunStart(s, run-1, 10, in); sur < run-1 && nmKanaSurname(s[sur:run-1]) {
			return sur, s[sur:end], true
		}
	}
	lx := nmLexicon()
	kanji := nmRunStart(s, p, nmMaxRunes, nmIsKanji)
	for q := kanji; q < p; q = nmNextRune(s, q) {
		if sur := s[q:p]; utf8.RuneCountInString(sur) >= 2 && lx.has(sur, nmSurname) && !nmOrgBefore(s, q) {
			return q, sur + " " + cand, true
		}
	}
	if kanji < p && utf8.RuneCountInString(cand) < 3 {
		// Two kana after a kanji are more often a word's ending than a name.
		return 0, "", false
	}
	return p, cand, true
}

// nmKatakanaRoles are katakana words that take an honorific without being
// a name (コーチさん, ママさん).
var nmKatakanaRoles = map[string]bool{"コーチ": true, "ママ": true, "パパ": true, "ガイド": true, "スタッフ": true,
	"ドクター": true, "ナース": true, "シェフ": true, "メンバー": true, "ゲスト": true, "ボランティア": true,
	"サポーター": true, "ヘルパー": true, "キャプテン": true, "マネージャー": true, "オーナー": true, "ファン": true}

// nmForeignName reads a foreign pupil's or parent's name, written as two
// katakana words before an honorific (グエン ヴァンアンさん, キム・ミンジュン君):
// one katakana word alone is too often a role (ママさん) to count.
func nmForeignName(s string, run, end int, katakana bool) (int, string, bool) {
	if !katakana || run < 2 || nmKatakanaRoles[s[run:end]] || utf8.RuneCountInString(s[run:end]) < 2 {
		return 0, "", false
	}
	sep, size := utf8.DecodeLastRuneInString(s[:run])
	if sep != ' ' && sep != '・' {
		return 0, "", false
	}
	kata := func(r rune) bool { return nmIsKatakana(r) || r == 'ー' }
	first := nmRunStart(s, run-size, 10, kata)
	if n := utf8.RuneCountInString(s[first : run-size]); n < 2 {
		return 0, "", false
	}
	if before, _ := utf8.DecodeLastRuneInString(s[:first]); first > 0 && (nmIsKatakana(before) || nmIsKanji(before)) {
		return 0, "", false
	}
	return first, s[first:run-size] + " " + s[run:end], true
}

// nmKanjiStop are words before an honorific that are roles or beings, not
// names, though some are surnames too (神様, 奥さん, 校長先生).
var nmKanjiStop = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`神 王 仏 奥 皆 客 姉 兄 母 父 娘 息子 子 孫 嫁 婿 夫 妻 主人 旦那 若 姫 嬢 坊 赤 殿 貴 諸 細 主 暴 両 同 各 当 御 上 下 中
		校長 教頭 副校長 部長 課長 係長 社長 会長 院長 園長 所長 店長 局長 市長 町長 村長 知事 議長 委員長 理事長 学長 総長
		担任 主任 先輩 後輩 隣 大家 業者 学生 店員 駅員 医者 看護師 保護者 利用者 担当者 患者 会員 家族 王子 女王 天皇 皇后
		方 人 者 氏 様 君 先生 生徒 児童 園児 友達 友人 親 親御 兄弟 姉妹 叔父 叔母 伯父 伯母 祖父 祖母 先方 相手 本人 各位`) {
		nmKanjiStop[w] = true
	}
}

// nmKanaStop are kana words before an honorific that are not names
// (みなさん, おじさん, あかちゃん), as nmKanaKey writes them.
var nmKanaStop = map[string]bool{
	"ミナ": true, "ミナサ": true, "オジ": true, "オバ": true, "オジイ": true, "オバア": true, "ジイ": true, "バア": true,
	"ネエ": true, "ニイ": true, "オネエ": true, "オニイ": true, "アカ": true, "オク": true, "オトウ": true, "オカア": true,
	"トウ": true, "カア": true, "オキヤク": true, "オイシャ": true, "オイシヤ": true, "オコ": true, "ボツ": true,
	"オマワリ": true, "オヒメ": true, "オウジ": true, "カミ": true, "オツカレ": true, "ゴクロウ": true, "オセワ": true,
}

// nmKanaReading reports whether s, kana, is a known surname or given name
// reading, or a surname reading and a given reading.
func nmKanaReading(s string) bool {
	var buf [3 * nmKanaKeyMax]byte
	k, ok := nmKanaKey(s, buf[:0])
	if !ok || len(k) < 2*3 || nmKanaStop[string(k)] {
		return false
	}
	lx := nmLexicon()
	if lx.hasKana(k, nmSurnameKana|nmGivenKana) {
		return true
	}
	for cut := 2 * 3; cut <= len(k)-2*3; cut += 3 {
		if lx.hasKana(k[:cut], nmSurnameKana) && lx.hasKana(k[cut:], nmGivenKana) {
			return true
		}
	}
	return false
}

// nmKanaWord reports whether s, kana, is one known surname or given name
// reading.
func nmKanaWord(s string) bool {
	var buf [3 * nmKanaKeyMax]byte
	k, ok := nmKanaKey(s, buf[:0])
	return ok && len(k) >= 2*3 && !nmKanaStop[string(k)] && nmLexicon().hasKana(k, nmSurnameKana|nmGivenKana)
}

// nmKanaSurname reports whether s, kana, is a known surname reading.
func nmKanaSurname(s string) bool {
	var buf [3 * nmKanaKeyMax]byte
	k, ok := nmKanaKey(s, buf[:0])
	return ok && len(k) >= 2*3 && nmLexicon().hasKana(k, nmSurnameKana)
}

// nmKanaStart returns where the name in kana that ends the run s[run:end]
// begins, or -1: the longest known reading that takes the whole run, or
// follows a particle (がさくら), or is three or more characters long
// and is one known reading (きのうさくら).
func nmKanaStart(s string, run, end int) int {
	for p := run; p < end; p = nmNextRune(s, p) {
		if n := utf8.RuneCountInString(s[p:end]); n < 2 {
			break
		}
		bounded := p == run || strings.ContainsRune("はがのをにともへでや", nmLastRune(s[:p]))
		if bounded && nmKanaReading(s[p:end]) {
			return p
		}
	}
	for p := run; p < end; p = nmNextRune(s, p) {
		if n := utf8.RuneCountInString(s[p:end]); n < 3 {
			break
		}
		if nmKanaWord(s[p:end]) {
			return p
		}
	}
	return -1
}

// nmNameAfter reads the name that follows a label at s[at:]: a run of kanji
// or kana, a space and a second run or not, as a header-named cell.
func nmNameAfter(s string, at int) (start, end int, norm string, ok bool) {
	for at < len(s) && s[at] == ' ' {
		at++
	}
	start = at
	end = nmPartEnd(s, at)
	if end == start {
		return 0, 0, "", false
	}
	if end+1 < len(s) && s[end] == ' ' {
		if e2 := nmPartEnd(s, end+1); e2 > end+1 {
			end = e2
		}
	}
	end = nmTrimHonorific(s, start, end)
	cand := s[start:end]
	if nmLabelWord(cand) {
		return 0, 0, "", false
	}
	if nmScript(cand) == nmScriptKana && !strings.Contains(cand, " ") && !nmKanaReading(cand) {
		return 0, 0, "", false
	}
	norm, ok = nameRule{}.Value(cand, true)
	return start, end, norm, ok
}

// nmPartEnd returns the end of the part of a name that begins at s[p:]:
// a run of kanji, with a kana given name after it or not (山田さくら, not
// 山田太郎です), or a run of hiragana or of katakana.
func nmPartEnd(s string, p int) int {
	r, _ := utf8.DecodeRuneInString(s[p:])
	switch {
	case nmIsKanji(r):
		end := nmRunEnd(s, p, nmMaxRunes+3, nmIsKanji)
		if k := nmRunEnd(s, end, nmKanaKeyMax, nmIsHiragana); k > end && nmKanaReading(s[end:k]) {
			return k
		}
		return end
	case nmIsHiragana(r):
		return nmRunEnd(s, p, nmKanaKeyMax, func(r rune) bool { return nmIsHiragana(r) || r == 'ー' })
	case nmIsKatakana(r):
		return nmRunEnd(s, p, nmKanaKeyMax, func(r rune) bool { return nmIsKatakana(r) || nmIsKanaMark(r) })
	}
	return p
}

// nmTrimHonorific drops an honorific that ends the run s[start:end].
func nmTrimHonorific(s string, start, end int) int {
	for _, h := range nmHonorifics {
		if strings.HasSuffix(s[start:end], h) && end-len(h) > start {
			return end - len(h)
		}
	}
	return end
}

// nmLabelWord reports whether a word after a label is another label
// (氏名 ふりがな ...), not a name.
func nmLabelWord(w string) bool {
	for _, h := range nmHeaders {
		if strings.HasPrefix(w, h) {
			return true
		}
	}
	return strings.HasPrefix(w, "未定") || strings.HasPrefix(w, "なし")
}

// nmOrgBefore reports whether the text before s[p:] ends with a word that
// makes what follows an organisation's name (株式会社山田).
func nmOrgBefore(s string, p int) bool {
	for _, m := range []string{"株式会社", "有限会社", "(株)", "(有)", "会社", "法人"} {
		if strings.HasSuffix(s[:p], m) {
			return true
		}
	}
	return false
}

// nmRunStart returns where the run of at most n runes satisfying in that
// ends at s[end:] begins.
func nmRunStart(s string, end, n int, in func(rune) bool) int {
	p := end
	for ; n > 0 && p > 0; n-- {
		r, size := utf8.DecodeLastRuneInString(s[:p])
		if !in(r) {
			break
		}
		p -= size
	}
	return p
}

// nmRunEnd returns where the run of at most n runes satisfying in that
// begins at s[start:] ends.
func nmRunEnd(s string, start, n int, in func(rune) bool) int {
	p := start
	for ; n > 0 && p < len(s); n-- {
		r, size := utf8.DecodeRuneInString(s[p:])
		if !in(r) {
			break
		}
		p += size
	}
	return p
}

func nmNextRune(s string, p int) int {
	_, n := utf8.DecodeRuneInString(s[p:])
	return p + n
}

func nmLastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

func (nameRule) Examples() []Example {
	cell := func(text string, header, want bool) Example {
		return Example{Text: text, Cell: true, Header: header, Want: want}
	}
	return []Example{
		{Text: "作成者: 山田 太郎", Want: true},
		{Text: "最終更新者: 佐藤 花子", Want: true},
		{Text: "作成者: 教務部", Want: false},
		{Text: "グエン ヴァンアンさんの保護者へ連絡", Want: true},
		{Text: "キム・ミンジュン君", Want: true},
		{Text: "サッカーのコーチさん", Want: false},
		{Text: "ママさんバレー", Want: false},
		{Text: "清水 心春 様", Want: true},
		{Text: "田中 颯太 様へ", Want: true},
		{Text: "前橋 市長 様", Want: false},
		// Columns named by a header.
		cell("山田 太郎", true, true),
		cell("山田太郎", true, true),
		cell("髙橋 心春", true, true),
		cell("やまだ たろう", true, true),
		cell("ヤマダ タロウ", true, true),
		cell("ﾔﾏﾀﾞ ﾀﾛｳ", true, true),
		cell("ﾔﾏﾀﾞﾀﾛｳ", true, true),
		cell("Yamada Taro", true, true),
		cell("YAMADA TARO", true, true),
		cell("株式会社山田商店", true, false),
		cell("第一小学校", true, false),
		cell("前橋市", true, false),
		cell("12345", true, false),
		cell("なし", true, false),
		cell("Taro", true, false),
		// Columns recognised by values: the lexicon must know both parts.
		cell("山田 太郎", false, true),
		cell("佐藤花子", false, true),
		cell("髙橋 美咲", false, true),
		cell("鈴木 陽菜", false, true),
		cell("やまだ たろう", false, true),
		cell("ｻﾄｳ ﾊﾅｺ", false, true),
		cell("前橋市", false, false),
		cell("群馬銀行", false, false),
		cell("株式会社山田商店", false, false),
		cell("山田商店(株)", false, false),
		cell("第一小学校", false, false),
		cell("体育館", false, false),
		cell("卵・小麦", false, false),
		cell("山田", false, false),
		cell("学校", false, false),
		cell("Yamada Taro", false, false),
		cell("コンピュータ", false, false),
		cell("大手町", false, false),
		// Prose.
		{Text: "本日、山田太郎様より連絡がありました。", Want: true},
		{Text: "佐藤さんと話しました。", Want: true},
		{Text: "佐藤先生の授業", Want: true},
		{Text: "鈴木 花子さんの保護者", Want: true},
		{Text: "さくらちゃんが泣いていた", Want: true},
		{Text: "ヤマダさんへ", Want: true},
		{Text: "ﾔﾏﾀﾞ ﾀﾛｳ様", Want: true},
		{Text: "鈴木 一郎 様", Want: true},
		{Text: "生徒：いとう ゆい", Want: true},
		{Text: "保護者：佐藤 花子", Want: true},
		{Text: "氏名：山田 太郎", Want: true},
		{Text: "担任：佐藤", Want: true},
		{Text: "田中先生方式で進める", Want: true},
		{Text: "山田様方", Want: true},
		{Text: "前橋市役所様", Want: false},
		{Text: "株式会社山田様", Want: false},
		{Text: "お客様各位", Want: false},
		{Text: "皆様、みなさん、お父さん", Want: false},
		{Text: "様子を見る", Want: false},
		{Text: "氏名：", Want: false},
		{Text: "氏名 ふりがな 住所", Want: false},
		{Text: "卵・小麦のアレルギー", Want: false},
		{Text: "Yamada-san", Want: false},
		{Text: "校長先生、教頭先生、担任の先生", Want: false},
		{Text: "神様、王様、お疲れ様です", Want: false},
		{Text: "第一小学校様、群馬銀行様", Want: false},
		{Text: "皆さんこんにちは", Want: false},
	}
}
