package detect

import (
	"iter"
	"strings"
	"unicode/utf8"
)

// bankAccountRule finds bank records (issue 3, item 3): an account number
// (7 digits; ゆうちょ 記号 5 digits + 番号 8 digits) that comes with a bank,
// a branch, an account type (普通/当座/貯蓄) or a holder. A bare 7-digit
// number is never an account: in prose the evidence must stand within
// bankBackRunes before or bankAheadRunes after the number, and bank and
// branch names and codes are checked against the Zengin list (zengin.go).
// In tables a column headed 口座番号 is enough; a column of 7-digit numbers
// without such a header counts only beside a bank column (Companions).
type bankAccountRule struct{}

func init() { register(bankAccountRule{}) }

const (
	bankBackRunes   = 40 // evidence window before an account number
	bankAheadRunes  = 20 // and after it: 1234567（普通）, 名義 ...
	bankLabelRunes  = 10 // 口座番号, 記号 ... right before the number
	bankRejectRunes = 8  // 〒, 予算, コード ... right before the number
	bankNameRunes   = 12 // the longest bank or branch name tried
	bankThreshold   = 2  // evidence points a record needs (see bankEvidence)
)

var (
	// bankAccountFilter asks only for seven digits. Find's own first test,
	// a run of exactly seven digits (or a ゆうちょ 5-8), is rarer than any
	// keyword and costs one pass; keywords are then looked for in the
	// window around that run only (bankWindowWords). On roster prose the
	// rule costs a third of what an AnyOf of the same words does (each
	// word is a scan of every line with seven digits): BenchmarkBankProse.
	bankAccountFilter = Prefilter{MinDigits: 7}
	// bankWindowWords hold a keyword of every kind of evidence but the
	// label (worth 1 point, so a record always has another kind too). 金
	// covers 金庫, 信金, 預金(者), 貯金, 金融機関; 店 covers 支店, 本店,
	// 店番, 〇一八店; 協 covers 農協, 漁協, 協同組合.
	bankWindowWords = []string{
		"銀行", "金", "店", "協", "組合", "信組", "信連", "ゆうちょ", "郵", "ユウチヨ", "出張所", "営業部", "支所",
		"普", "当座", "貯", "フツウ", "名義", "受取人",
	}
	bankAccountHeaders = []string{
		"口座番号", "預金口座番号", "口座", "記号番号", "通帳番号", "口座no", "口座no.", "口座ナンバー",
		"預金番号", "貯金番号", "account number", "account no", "accountnumber", "account no.",
		"acct no", "bank account", "bankaccount",
	}
	bankAccountCompanions = []string{
		"銀行名", "銀行", "金融機関名", "金融機関", "支店名", "店名", "預金種目", "口座種別", "預金種別", "種目",
		"銀行コード", "支店コード", "金融機関コード", "店番", "預金者名", "預金者", "口座名義", "名義人",
	}

	// bankSuffixes end the name of a bank in prose: 群馬銀行, 北海道信用金庫.
	bankSuffixes = []string{"銀行", "信用金庫", "信金", "信用組合", "信組", "労働金庫", "労金",
		"農業協同組合", "農協", "漁業協同組合", "漁協", "中央金庫", "中金", "信連"}
	// yuchoWords name ゆうちょ銀行 without its suffix; yuchoFormWords only
	// beside a number in ゆうちょ's own form (記号-番号): 郵便局 or 貯金
	// near a 7-digit number say little.
	yuchoWords     = []string{"ゆうちょ", "郵貯", "ユウチヨ"}
	yuchoFormWords = []string{"郵便局", "貯金"}
	// branchSuffixes end a branch name: 前橋支店, 本店営業部, 県庁出張所.
	branchSuffixes   = []string{"支店", "出張所", "営業部", "支所", "本店"}
	bankCodeLabels   = []string{"銀行コード", "金融機関コード", "銀行番号", "金融機関番号", "銀行CD"}
	branchCodeLabels = []string{"支店コード", "支店番号", "店番号", "店番", "店舗番号", "店舗コード", "支店CD"}
	// accountTypes name the type anywhere in the window; bareTypes only
	// right beside the number (普通 1234567, 1234567（普通）): 普通 alone is a
	// common word.
	accountTypes  = []string{"普通預金", "当座預金", "貯蓄預金", "総合口座", "通常貯金", "普通口座", "当座口座"}
	bareTypes     = []string{"普通", "当座", "貯蓄", "フツウ", "(普)"}
	holderWords   = []string{"名義", "預金者", "受取人"}
	accountLabels = []string{"口座", "記号", "通帳", "account", "acct"}
	// accountRejects right before a number make it something else: a postal
	// code, a phone, an amount, a product or staff code (ASCII letters
	// matched in any case).
	accountRejects = []string{"〒", "郵便番号", "電話", "tel", "fax", "携帯", "予算", "金額",
		"合計", "¥", "\\", "コード", "cd", "品番", "型番", "商品", "伝票", "管理番号", "整理番号", "受付番号",
		"会員番号", "注文番号", "学籍番号", "生徒番号", "社員番号", "職員番号", "個人番号", "マイナンバー"}
	// accountUnits right after a number make it a count or an amount (名
	// is not one: 1234567 名義).
	accountUnits = []string{"円", "万", "千", "件", "個", "人", "枚", "冊", "台", "本", "%", "回", "点"}
	// accountFillers may stand between a bare type or label and the number.
	accountFillers = []string{" ", ":", "、", ",", "/", "・", "(", ")", "「", "」", "[", "]", "#", "=", "口座番号",
		"口座", "番号", "No.", "No", "no.", "no", "NO.", "NO", "預金", "は"}
)

func (bankAccountRule) ID() string              { return "bank_account" }
func (bankAccountRule) Category() Category      { return BankAccount }
func (bankAccountRule) Prefilter() Prefilter    { return bankAccountFilter }
func (bankAccountRule) Headers() []string       { return bankAccountHeaders }
func (bankAccountRule) Companions() []string    { return bankAccountCompanions }
func (bankAccountRule) Mask(norm string) string { return MaskDigits(norm, 2) }

// account is an account number found in prose.
type account struct {
	start, end int  // the whole value
	sym, num   span // ゆうちょ: 記号 and 番号; num alone for a bank account
	yucho      bool
}

// norm returns the digits: 7 for a bank account, 記号 + 番号 padded to 8
// for ゆうちょ (13).
func (a account) norm(s string) string {
	if !a.yucho {
		return s[a.num.start:a.num.end]
	}
	num := s[a.num.start:a.num.end]
	return s[a.sym.start:a.sym.end] + strings.Repeat("0", 8-len(num)) + num
}

// Find appends the account numbers in s that come with bank evidence.
func (bankAccountRule) Find(s string, dst []Match) []Match {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) || i > 0 && isDigit(s[i-1]) {
			continue
		}
		a, ok := accountAt(s, i)
		if ok && bankEvidence(s, a) >= bankThreshold {
			dst = append(dst, Match{Category: BankAccount, Rule: "bank_account", Start: a.start, End: a.end, Value: a.norm(s)})
			i = a.end - 1
			continue
		}
		for i+1 < len(s) && isDigit(s[i+1]) {
			i++
		}
	}
	return dst
}

// accountAt reads an account number starting at s[i], a digit that starts
// a run: 7 digits standing alone, or a ゆうちょ 記号 (5 digits from 1) and
// 番号 (6 to 8 digits) joined by a dash, a space or 番号.
func accountAt(s string, i int) (account, bool) {
	j := i
	for j < len(s) && isDigit(s[j]) {
		j++
	}
	if continuesBefore(s, i, false) || letterBefore(s, i) {
		return account{}, false
	}
	switch j - i {
	case 7:
		if continuesAfter(s, j, false) || j < len(s) && isLetter(s[j]) || oneDigit(s[i:j]) {
			return account{}, false
		}
		return account{start: i, end: j, num: span{i, j}}, true
	case 5:
		if s[i] != '1' {
			return account{}, false
		}
		k := yuchoGap(s, j)
		if k < 0 {
			return account{}, false
		}
		e := k
		for e < len(s) && isDigit(s[e]) {
			e++
		}
		if n := e - k; n < 6 || n > 8 || continuesAfter(s, e, false) || e < len(s) && isLetter(s[e]) {
			return account{}, false
		}
		return account{start: i, end: e, sym: span{i, j}, num: span{k, e}, yucho: true}, true
	}
	return account{}, false
}

// letterBefore reports whether an ASCII letter stands right before s[i]
// (a product code such as AB1234567), but for No (No1234567).
func letterBefore(s string, i int) bool {
	if i == 0 || !isLetter(s[i-1]) {
		return false
	}
	return !(i >= 2 && equalFoldASCII(s[i-2:i], "no") && (i == 2 || !isLetter(s[i-3])))
}

// yuchoGap returns where the 番号 starts after a 記号 ending at j: after a
// dash, a space, or 番号 with spaces and a colon around it; -1 otherwise.
func yuchoGap(s string, j int) int {
	if n := dashLen(s, j); n > 0 {
		return digitAt(s, j+n)
	}
	k := j
	for k < len(s) && (s[k] == ' ' || s[k] == ':') {
		k++
	}
	if strings.HasPrefix(s[k:], "番号") {
		k += len("番号")
		for k < len(s) && (s[k] == ' ' || s[k] == ':') {
			k++
		}
	} else if k != j+1 || s[j] != ' ' {
		return -1
	}
	return digitAt(s, k)
}

func digitAt(s string, k int) int {
	if k < len(s) && isDigit(s[k]) {
		return k
	}
	return -1
}

// bankEvidence scores what stands around an account number:
//
//	2  a bank in the Zengin list (name, ゆうちょ, or a bank code)
//	1  a bank-like name not in the list (○○銀行)
//	2  a branch of that bank, by name or code, or a ゆうちょ 〇一八店
//	1  a branch with no bank named (companies have 前橋支店 too), or a
//	   branch-like name not in the list
//	1  a valid bank code and a valid branch code of that bank, on top
//	2  an account type (普通預金 anywhere; 普通 right beside the number)
//	2  a holder (名義, 預金者, 受取人)
//	1  a label right before the number (口座番号, 記号, 通帳)
//
// and returns 0 when the number is something else: a postal code, a phone,
// an amount, a product code, or the bank and branch code of the bank named.
func bankEvidence(s string, a account) int {
	lo, hi := runesBack(s, a.start, bankBackRunes, 0), runesAhead(s, a.end, bankAheadRunes)
	if !hasAny(s[lo:hi], bankWindowWords) {
		return 0
	}
	near := afterLastDigit(s[runesBack(s, a.start, bankRejectRunes, 0):a.start])
	if containsAny(near, accountRejects) || unitAfter(s, a.end) {
		return 0
	}
	score := 0
	if containsAny(afterLastDigit(s[runesBack(s, a.start, bankLabelRunes, lo):a.start]), accountLabels) {
		score++
	}
	if hasAny(s[lo:hi], holderWords) {
		score += 2
	}
	if hasAny(s[lo:hi], accountTypes) || bareTypeBeside(s, a, lo, hi) {
		score += 2
	}
	if score >= bankThreshold {
		return score // no need to load the Zengin list
	}
	bs, bank := bankScore(s, lo, hi, a.yucho)
	if bank != nil && !a.yucho && isCodePair(bank, s[a.num.start:a.num.end]) {
		return 0
	}
	return score + bs + branchScore(s, lo, hi, bank)
}

// afterLastDigit returns the part of w after its last ASCII digit: what
// stands before one number is not about another.
func afterLastDigit(w string) string {
	for i := len(w) - 1; i >= 0; i-- {
		if isDigit(w[i]) {
			return w[i+1:]
		}
	}
	return w
}

// unitAfter reports whether a unit (円, 件, 人 ...) follows the number.
func unitAfter(s string, end int) bool {
	for end < len(s) && s[end] == ' ' {
		end++
	}
	for _, u := range accountUnits {
		if strings.HasPrefix(s[end:], u) {
			return true
		}
	}
	return false
}

// hasAny reports whether w contains one of kws (exactly; they are Japanese).
func hasAny(w string, kws []string) bool {
	for _, k := range kws {
		if strings.Contains(w, k) {
			return true
		}
	}
	return false
}

// bareTypeBeside reports whether 普通, 当座 ... stands right before the
// number (fillers such as 口座番号 and ':' between) or right after it.
func bareTypeBeside(s string, a account, lo, hi int) bool {
	before := s[lo:a.start]
	for _, t := range bareTypes {
		if k := strings.LastIndex(before, t); k >= 0 && onlyFillers(before[k+len(t):]) {
			return true
		}
	}
	after := s[a.end:hi]
	for {
		n := fillerPrefix(after)
		if n == 0 {
			break
		}
		after = after[n:]
	}
	for _, t := range bareTypes {
		if strings.HasPrefix(after, t) {
			return true
		}
	}
	return false
}

// onlyFillers reports whether g is made of accountFillers only.
func onlyFillers(g string) bool {
	for g != "" {
		n := fillerPrefix(g)
		if n == 0 {
			return false
		}
		g = g[n:]
	}
	return true
}

func fillerPrefix(g string) int {
	for _, f := range accountFillers {
		if strings.HasPrefix(g, f) {
			return len(f)
		}
	}
	return 0
}

// runesAhead returns the byte index n runes after i.
func runesAhead(s string, i, n int) int {
	for ; i < len(s) && n > 0; n-- {
		i++
		for i < len(s) && s[i]&0xC0 == 0x80 {
			i++
		}
	}
	return i
}

// bankScore finds the bank in s[lo:hi]: a name ending in 銀行, 信用金庫 ...
// checked against the Zengin list, ゆうちょ, or a labelled bank code.
func bankScore(s string, lo, hi int, yucho bool) (int, *zenginBank) {
	best := 0
	w := s[lo:hi]
	for n := range suffixedNames(s, lo, hi, bankSuffixes) {
		if n.st == n.p {
			continue // 銀行コード, 銀行名: a label, not a name
		}
		if b := bankNamedIn(s, n.st, n.p, n.e); b != nil {
			return 2, b
		}
		best = 1
	}
	if hasAny(w, yuchoWords) || yucho && hasAny(w, yuchoFormWords) {
		return 2, zengin().bank(9900)
	}
	if code, ok := labelledCode(s, lo, hi, bankCodeLabels, 4); ok {
		if b := zengin().bank(code); b != nil {
			return 2, b
		}
	}
	if yucho {
		return best, zengin().bank(9900)
	}
	return best, nil
}

// suffixedName is a name ending in a suffix (群馬銀行, 前橋支店): the run
// of name characters before it starts at st, the suffix spans s[p:e].
type suffixedName struct{ st, p, e int }

// suffixedNames yields every occurrence in s[lo:hi] of one of sufs, with
// the name run before it.
func suffixedNames(s string, lo, hi int, sufs []string) iter.Seq[suffixedName] {
	return func(yield func(suffixedName) bool) {
		w := s[lo:hi]
		for _, suf := range sufs {
			for off := 0; ; {
				k := strings.Index(w[off:], suf)
				if k < 0 {
					break
				}
				p := lo + off + k
				off += k + len(suf)
				if !yield(suffixedName{st: nameRunStart(s, p, lo), p: p, e: p + len(suf)}) {
					return
				}
			}
		}
	}
}

// bankNamedIn tries s[a:e] for a from st to p, longest first: 振込先群馬銀行
// holds 群馬銀行.
func bankNamedIn(s string, st, p, e int) *zenginBank {
	z := zengin()
	for a := st; a < p; {
		if b := z.bankNamed(s[a:e]); b != nil {
			return b
		}
		_, n := utf8.DecodeRuneInString(s[a:])
		a += n
	}
	return nil
}

// nameRunStart returns where the run of name characters (kanji, kana, ASCII
// letters) ending at p starts, at most bankNameRunes back and not before lo.
func nameRunStart(s string, p, lo int) int {
	st := p
	for n := 0; n < bankNameRunes && st > lo; n++ {
		r, size := utf8.DecodeLastRuneInString(s[lo:st])
		if !isNameRune(r) {
			break
		}
		st -= size
	}
	return st
}

func isNameRune(r rune) bool {
	switch {
	case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
		return true
	case r >= 0x3041 && r <= 0x3096, r >= 0x30A1 && r <= 0x30FA, r == 0x30FC, r == 0x3099 || r == 0x309A:
		return true // kana, ー, sound marks
	case r >= 0x4E00 && r <= 0x9FFF, r == 0x3005, r == 0x3007, r == 0x30F6:
		return true // kanji, 々, 〇, ヶ
	}
	return false
}

// branchScore finds a branch in s[lo:hi]: a name ending in 支店 ... (or a
// ゆうちょ 〇一八店), or a labelled 3-digit code; it is checked against
// bank when one is known.
func branchScore(s string, lo, hi int, bank *zenginBank) int {
	best := 0
	w := s[lo:hi]
	for n := range suffixedNames(s, lo, hi, branchSuffixes) {
		if bank != nil && branchNamedIn(s, n.st, n.p, n.e, bank) {
			return 2
		}
		if n.st < n.p || branchNamedIn(s, n.st, n.p, n.e, nil) {
			best = 1
		}
	}
	if yuchoBranch(w) {
		return 2
	}
	code, ok := labelledCode(s, lo, hi, branchCodeLabels, 3)
	switch {
	case !ok:
	case bank == nil:
		best = max(best, 1)
	case bank.branch(code) != nil:
		if _, byCode := labelledCode(s, lo, hi, bankCodeLabels, 4); byCode {
			return 3 // a valid bank code and a valid branch code of that bank
		}
		return 2
	}
	return best
}

// branchNamedIn tries s[a:p] and s[a:e] (前橋, 本店営業部) for a from st
// to p as a branch of bank, or of any bank when bank is nil.
func branchNamedIn(s string, st, p, e int, bank *zenginBank) bool {
	z := zengin()
	for a := st; a <= p; {
		for _, name := range [2]string{s[a:p], s[a:e]} {
			if name == "" {
				continue
			}
			if bank != nil && bank.branchNamed(name) != nil || bank == nil && z.isBranchName(name) {
				return true
			}
		}
		if a == p {
			break
		}
		_, n := utf8.DecodeRuneInString(s[a:])
		a += n
	}
	return false
}

// yuchoBranch reports whether w names a ゆうちょ branch the way ゆうちょ
// writes them for transfers: three kanji digits and 店 (〇一八店).
func yuchoBranch(w string) bool {
	for off := 0; ; {
		k := strings.Index(w[off:], "店")
		if k < 0 {
			return false
		}
		p := off + k
		off = p + len("店")
		if p >= 9 && kanjiDigits(w[p-9:p]) && zengin().bank(9900).branchNamed(w[p-9:p]) != nil {
			return true
		}
	}
}

// kanjiDigits reports whether w is made of 〇一二三四五六七八九.
func kanjiDigits(w string) bool {
	for _, r := range w {
		if !strings.ContainsRune("〇一二三四五六七八九", r) {
			return false
		}
	}
	return w != ""
}

// labelledCode returns the code of n digits after one of labels in s[lo:hi]
// (銀行コード 0128, 店番：101).
func labelledCode(s string, lo, hi int, labels []string, n int) (int, bool) {
	w := s[lo:hi]
	for _, l := range labels {
		k := strings.Index(w, l)
		if k < 0 {
			continue
		}
		i := lo + k + len(l)
		for i < hi && (s[i] == ' ' || s[i] == ':' || s[i] == '(' || s[i] == '#') {
			i++
		}
		j := i
		for j < hi && isDigit(s[j]) {
			j++
		}
		if j-i == n {
			return atoiDigits(s[i:j])
		}
	}
	return 0, false
}

// isCodePair reports whether seven digits are bank's code and the code of
// one of its branches (0128101 for 群馬銀行 前橋支店): a master list's code.
func isCodePair(bank *zenginBank, d string) bool {
	code, _ := atoiDigits(d[:4])
	br, _ := atoiDigits(d[4:])
	return len(d) == 7 && code == bank.code && bank.branch(br) != nil
}

// isAnyCodePair reports whether seven digits are a bank code and a branch
// code of that bank in the Zengin list.
func isAnyCodePair(d string) bool {
	code, _ := atoiDigits(d[:4])
	b := zengin().bank(code)
	return b != nil && isCodePair(b, d)
}

// accountWords are dropped from a value under an account header: 普通
// 1234567, 記号10170 番号12345671.
var accountWords = strings.NewReplacer("記号", "", "番号", " ", "普通", "", "当座", "", "貯蓄", "",
	"総合", "", "預金", "", "口座", "", ":", "", "(", "", ")", "")

// Value accepts one account number: 7 digits, or a ゆうちょ 記号-番号
// (10170-12345671). Under an account header it also takes 6 digits (a
// spreadsheet drops the leading zero of one account in ten; padded to 7:
// fewer digits are more often an amount under 口座振替額 than an account
// that lost two zeros), a ゆうちょ 番号 alone (8 digits ending in 1), 13
// digits (ゆうちょ written together) and a type or labels around the
// number. Without a header a 7-digit number that is a bank and branch code
// pair (a master list's combined code) or ends in 00 (a round amount:
// 予算額 1234500) is refused, and the classifier accepts such a column
// only beside a bank column (Companions).
func (bankAccountRule) Value(v string, header bool) (string, bool) {
	v = trimSpace(v)
	if v == "" || isNone(v) {
		return "", false
	}
	if header && !isDigits(v) {
		v = strings.Join(strings.Fields(accountWords.Replace(v)), " ")
	}
	if v == "" || !isDigit(v[0]) {
		return "", false
	}
	nb := readNumber(v, 0, allowDash|allowSpace)
	if nb.more || nb.grp[nb.n-1].end != len(v) {
		return "", false
	}
	switch {
	case nb.n == 1:
		return accountDigits(v, header)
	case nb.n == 2 && nb.lens(2, 5, nb.grp[1].end-nb.grp[1].start):
		sym, num := v[nb.grp[0].start:nb.grp[0].end], v[nb.grp[1].start:nb.grp[1].end]
		if len(num) < 6 || len(num) > 8 || !header && sym[0] != '1' || oneDigit(num) {
			return "", false
		}
		return sym + strings.Repeat("0", 8-len(num)) + num, true
	}
	return "", false
}

// accountDigits accepts a run of digits as an account number.
func accountDigits(d string, header bool) (string, bool) {
	if oneDigit(d) {
		return "", false
	}
	switch n := len(d); {
	case n == 7:
		return d, header || !strings.HasSuffix(d, "00") && !isAnyCodePair(d)
	case header && n == 6:
		return "0" + d, true
	case header && n == 13 && d[0] == '1':
		return d, true
	case header && n == 8 && d[7] == '1':
		return d, true // a ゆうちょ 番号 in a column of its own (貯金番号), which ends in 1
	}
	return "", false
}

// oneDigit reports whether s is one digit repeated (0000000, a placeholder).
func oneDigit(s string) bool {
	for i := 1; i < len(s); i++ {
		if s[i] != s[0] {
			return false
		}
	}
	return true
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}

// Examples of the bank-record rule: prose needs bank evidence, and bank
// master lists, budgets, codes, phones and postal codes are no accounts.
func (bankAccountRule) Examples() []Example {
	return []Example{
		{Text: "振込先：群馬銀行 前橋支店 普通 1234567", Want: true},
		{Text: "群馬銀行前橋支店 口座番号1234567", Want: true},
		{Text: "ゆうちょ 記号10170 番号12345671", Want: true},
		{Text: "ゆうちょ銀行 10170-12345671", Want: true},
		{Text: "口座番号：1234567（普通）", Want: true},
		{Text: "ゆうちょ銀行 〇一八店 普通 1234567", Want: true},
		{Text: "銀行コード0128 支店コード101 口座番号 7654321", Want: true},
		{Text: "口座名義 ヤマダ タロウ 口座番号 1234567", Want: true},
		{Text: "ｸﾞﾝﾏ銀行 ﾏｴﾊﾞｼ支店 ﾌﾂｳ １２３４５６７", Want: true},
		{Text: "みずほ銀行 東京営業部 当座預金 2345678", Want: true},
		{Text: "1234567", Want: false},
		{Text: "0128 群馬銀行 101 前橋支店", Want: false},
		{Text: "支店番号 123", Want: false},
		{Text: "群馬銀行 前橋支店 予算額 1234567円", Want: false},
		{Text: "普通教室の備品 商品コード 1234567", Want: false},
		{Text: "群馬銀行 前橋支店 〒3710026 前橋市本町", Want: false},
		{Text: "群馬銀行 前橋支店 TEL 2241111", Want: false},
		{Text: "群馬銀行 前橋支店の金融機関コードは0128101です", Want: false},
		{Text: "予算額 1234567円", Want: false},
		{Text: "備品台帳：机 1234567、椅子 2345678（前橋支店）", Want: false},
		{Text: "群馬銀行 前橋支店 電話 027-224-1111", Want: false},
		{Text: "日本運輸 前橋支店 1234567", Want: false},
		{Text: "口座番号 1234567", Want: false},
		{Text: "健康保険証 記号10170 番号12345671", Want: false},
		{Text: "ABC銀行 1234567", Want: false},
		{Text: "1234567", Cell: true, Header: true, Want: true},
		{Text: "0123456", Cell: true, Header: false, Want: true},
		{Text: "123456", Cell: true, Header: true, Want: true},
		{Text: "10170-12345671", Cell: true, Header: true, Want: true},
		{Text: "10170-12345671", Cell: true, Header: false, Want: true},
		{Text: "記号10170 番号12345671", Cell: true, Header: true, Want: true},
		{Text: "普通 1234567", Cell: true, Header: true, Want: true},
		{Text: "普通", Cell: true, Header: true, Want: false},
		{Text: "123456", Cell: true, Header: false, Want: false},
		{Text: "12345678", Cell: true, Header: true, Want: false},
		{Text: "0000000", Cell: true, Header: true, Want: false},
		{Text: "0128101", Cell: true, Header: false, Want: false},
		{Text: "1234500", Cell: true, Header: false, Want: false},
		{Text: "027-224-1111", Cell: true, Header: false, Want: false},
		{Text: "371-0026", Cell: true, Header: false, Want: false},
	}
}
