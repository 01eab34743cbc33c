package detect

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// termSet is a set of terms scanned for in folded text: terms are indexed by
// their first rune (ASCII lower-cased), longest first, so a scan costs one
// rune decode and one map look-up per position and no regexp.
type termSet struct {
	first map[rune][]string
	exact map[string]bool // every term, for values that are one term
	size  int
}

func newTermSet(lists ...[]string) *termSet {
	v := &termSet{first: map[rune][]string{}, exact: map[string]bool{}}
	for _, list := range lists {
		for _, t := range list {
			if t == "" || v.exact[t] {
				continue
			}
			v.exact[t] = true
			v.size++
			r, _ := utf8.DecodeRuneInString(t)
			r = termLower(r)
			v.first[r] = append(v.first[r], t)
		}
	}
	for _, ts := range v.first {
		slices.SortFunc(ts, func(a, b string) int { return len(b) - len(a) })
	}
	return v
}

func termLower(r rune) rune {
	if r >= 'A' && r <= 'Z' {
		return r + 'a' - 'A'
	}
	return r
}

// prefix returns the byte length of the longest term that s[i:] starts
// with, or 0. ASCII letters match in any case.
func (v *termSet) prefix(s string, i int) int {
	r, _ := utf8.DecodeRuneInString(s[i:])
	for _, t := range v.first[termLower(r)] {
		if len(s)-i >= len(t) && (s[i:i+len(t)] == t || r < utf8.RuneSelf && equalFoldASCII(s[i:i+len(t)], t)) {
			return len(t)
		}
	}
	return 0
}

// termAt returns the byte length of a term standing at s[i] as a word of
// its own (see termStands), or 0.
func (v *termSet) termAt(s string, i int) int {
	n := v.prefix(s, i)
	if n > 0 && !termStands(s, i, i+n) {
		return 0
	}
	return n
}

// Script classes for word boundaries.
const (
	tsOther = iota
	tsASCII // ASCII letter or digit
	tsHira
	tsKata
)

func termScript(r rune) int {
	switch {
	case r < utf8.RuneSelf && (isLetter(byte(r)) || isDigit(byte(r))):
		return tsASCII
	case r >= 0x3041 && r <= 0x309F:
		return tsHira
	case r >= 0x30A1 && r <= 0x30FF:
		return tsKata
	}
	return tsOther
}

// termHiraJoins are the particles that may follow a hiragana term (そばの,
// えびと); other hiragana after it make it part of a longer word (さける,
// いかが). termHiraLeads may stand before one (はそば, のかに); other hiragana
// before it make it the end of a longer word (たしかに, なかに).
const (
	termHiraJoins = "のとやはをも"
	termHiraLeads = "のとやはをもが"
)

// termStands reports whether the term at s[i:j] is a word, not part of a
// longer one written in the same script: ASCII terms (ADHD, LD) need
// non-alphanumeric neighbours, katakana terms (イカ, エビ) non-katakana ones
// (not スイカ, エビデンス), hiragana terms a non-hiragana rune or a particle
// on either side. Kanji terms stand anywhere (卵焼き holds 卵);
// 乳 does not stand in 乳児 or 乳幼児.
func termStands(s string, i, j int) bool {
	first, _ := utf8.DecodeRuneInString(s[i:])
	last, _ := utf8.DecodeLastRuneInString(s[i:j])
	before, after := rune(-1), rune(-1)
	if i > 0 {
		before, _ = utf8.DecodeLastRuneInString(s[:i])
	}
	if j < len(s) {
		after, _ = utf8.DecodeRuneInString(s[j:])
	}
	if first == '乳' && j-i == len("乳") {
		return !strings.ContainsRune("児幼歯房頭腺酸", after)
	}
	sf, sl := termScript(first), termScript(last)
	if sf != tsOther && termScript(before) == sf && !(sf == tsHira && strings.ContainsRune(termHiraLeads, before)) {
		return false
	}
	switch sl {
	case tsASCII, tsKata:
		return termScript(after) != sl
	case tsHira:
		return termScript(after) != tsHira || strings.ContainsRune(termHiraJoins, after)
	}
	return true
}

// listOf reports whether v is a list of terms and nothing else: terms
// separated by punctuation or spaces, each maybe followed by one of the
// suffixes ("卵・乳・小麦", "そばアレルギー", "喘息(軽度)"); a parenthesised
// note is skipped.
func (v *termSet) listOf(s string, suffixes []string) bool {
	terms := 0
	for i := 0; i < len(s); {
		if n := termSepLen(s, i); n > 0 {
			i += n
			continue
		}
		if s[i] == '(' {
			end := strings.IndexByte(s[i:], ')')
			if end < 0 || terms == 0 {
				return false
			}
			i += end + 1
			continue
		}
		if n := v.prefix(s, i); n > 0 {
			terms++
			i += n
			continue
		}
		n := termSuffixLen(s, i, suffixes)
		if n == 0 || terms == 0 {
			return false
		}
		i += n
	}
	return terms > 0
}

// termListSeps separate the items of a list.
var termListSeps = []string{" ", ",", "、", "，", "・", "/", "／", ";", "；", "。", "と", "及び", "および", "や", "\t"}

func termSepLen(s string, i int) int { return termSuffixLen(s, i, termListSeps) }

func termSuffixLen(s string, i int, words []string) int {
	for _, w := range words {
		if strings.HasPrefix(s[i:], w) {
			return len(w)
		}
	}
	return 0
}

// healthRunesAhead returns the byte index n runes after i, at most len(s).
func healthRunesAhead(s string, i, n int) int {
	for ; i < len(s) && n > 0; n-- {
		i++
		for i < len(s) && s[i]&0xC0 == 0x80 {
			i++
		}
	}
	return i
}

// healthRule finds a health category (allergy, medical): in prose, a term
// of its vocabulary within window runes of a context word, about a person
// when needPerson is set (a person word within healthPersonWindow runes), and not
// in a passage about food or leaflets (veto words) unless a person word is
// near; in tables, values that are lists of terms, or under a header any
// description that is not a "none" value.
type healthRule struct {
	id       string
	cat      Category
	headers  []string
	terms    *termSet
	markers  *termSet // terms that count in prose only beside a person (エピペン)
	suffixes []string
	context  []string // words that make a passage worth reading (Find)
	veto     []string
	need     bool // every prose term needs a person word near
	examples []Example

	ctx      *termSet // context, built by newHealthRule
	ctxFirst *runeSet // the first runes of context words
}

// newHealthRule builds the context index of r.
func newHealthRule(r *healthRule) *healthRule {
	r.ctx = newTermSet(r.context)
	r.ctxFirst = new(runeSet)
	for _, w := range r.context {
		c, _ := utf8.DecodeRuneInString(w)
		r.ctxFirst.add(c)
	}
	return r
}

// runeSet is a set of runes of the Basic Multilingual Plane, one bit each.
type runeSet [1 << 16 / 64]uint64

func (b *runeSet) add(r rune) {
	if r >= 0 && r < 1<<16 {
		b[r>>6] |= 1 << (r & 63)
	}
}

func (b *runeSet) has(r rune) bool { return r >= 0 && r < 1<<16 && b[r>>6]&(1<<(r&63)) != 0 }

// nextContext returns the byte span of the first context word at or after
// i, or -1. It is the rule's real prefilter: one pass over the text with a
// bit test per rune, where Prefilter.AnyOf would read the whole text once
// per word (a dozen Japanese words cost more than all other rules).
func (r *healthRule) nextContext(s string, i int) (int, int) {
	for i < len(s) {
		c, n := rune(s[i]), 1
		switch {
		case c < utf8.RuneSelf:
		case c&0xF0 == 0xE0 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80:
			c, n = (c&0x0F)<<12|rune(s[i+1]&0x3F)<<6|rune(s[i+2]&0x3F), 3
		default:
			c, n = utf8.DecodeRuneInString(s[i:])
		}
		if r.ctxFirst.has(c) {
			if k := r.ctx.prefix(s, i); k > 0 {
				return i, i + k
			}
		}
		i += n
	}
	return -1, -1
}

// Windows around context words, in runes.
const (
	healthWindow       = 20
	healthPersonWindow = 40
)

func (r *healthRule) ID() string         { return r.id }
func (r *healthRule) Category() Category { return r.cat }

// Prefilter is empty: Find's first pass over the text for context words
// (nextContext) is cheaper than AnyOf would be.
func (r *healthRule) Prefilter() Prefilter { return Prefilter{} }
func (r *healthRule) Headers() []string    { return r.headers }
func (r *healthRule) Examples() []Example  { return r.examples }

// Mask hides the whole value: a condition has no harmless part.
func (r *healthRule) Mask(norm string) string { return maskAll(norm) }

// Find scans the windows around the context words for terms, each window
// once.
func (r *healthRule) Find(s string, dst []Match) []Match {
	done := 0
	start, end := r.nextContext(s, 0)
	for start >= 0 {
		hi := healthRunesAhead(s, end, healthWindow)
		ns, ne := r.nextContext(s, end)
		for ns >= 0 && ns <= hi {
			hi = max(hi, healthRunesAhead(s, ne, healthWindow))
			ns, ne = r.nextContext(s, ne)
		}
		lo := max(runesBack(s, start, healthWindow, 0), done)
		dst = r.scan(s, lo, hi, dst)
		done = hi
		start, end = ns, ne
	}
	return dst
}

// scan appends the terms that start in s[lo:hi] and pass the person and
// veto tests.
func (r *healthRule) scan(s string, lo, hi int, dst []Match) []Match {
	for i := lo; i < hi; {
		n, marker := r.terms.termAt(s, i), false
		if n == 0 && r.markers != nil {
			n, marker = r.markers.termAt(s, i), true
		}
		if n == 0 {
			i = healthRunesAhead(s, i, 1)
			continue
		}
		if r.stands(s, i, i+n, r.need || marker) {
			dst = append(dst, Match{Category: r.cat, Rule: r.id, Start: i, End: i + n, Value: s[i : i+n]})
		}
		i += n
	}
	return dst
}

// stands applies the person and veto tests to a term at s[i:j].
func (r *healthRule) stands(s string, i, j int, needPerson bool) bool {
	person := healthPersonNear(s, i, j)
	if needPerson && !person {
		return false
	}
	if person || len(r.veto) == 0 {
		return true
	}
	lo, hi := runesBack(s, i, healthWindow, 0), healthRunesAhead(s, j, healthWindow)
	return !containsAny(s[lo:hi], r.veto)
}

// healthPersonWords say that a passage is about a person: a name's honorific,
// the pupil, the child, the writer. 様 in 様子 and 君 in 君が代 do not.
var healthPersonWords = []string{
	"さん", "君", "くん", "ちゃん", "様", "殿", "児童", "生徒", "本人", "本児", "園児", "保護者", "息子", "娘",
	"長男", "長女", "次男", "次女", "三男", "三女", "我が子", "うちの子", "私", "氏名", "名前", "患者",
}

// healthPersonNear reports whether a person word stands within healthPersonWindow
// runes of s[i:j].
func healthPersonNear(s string, i, j int) bool {
	w := s[runesBack(s, i, healthPersonWindow, 0):healthRunesAhead(s, j, healthPersonWindow)]
	for _, p := range healthPersonWords {
		for off := 0; ; {
			k := strings.Index(w[off:], p)
			if k < 0 {
				break
			}
			k += off
			if healthPersonWordStands(w, k, p) {
				return true
			}
			off = k + len(p)
		}
	}
	return false
}

func healthPersonWordStands(w string, k int, p string) bool {
	rest := w[k+len(p):]
	for _, g := range genericAfter {
		if strings.HasPrefix(rest, g) {
			return false // 保護者の皆様, 生徒各位: everyone, not one person
		}
	}
	head := w[:k]
	if strings.HasSuffix(head, "皆") || strings.HasSuffix(head, "みな") {
		return false // 皆さん, 皆様, みなさん
	}
	after, _ := utf8.DecodeRuneInString(rest)
	switch p {
	case "様":
		return !strings.ContainsRune("子々式相態", after)
	case "君":
		return after != 'が'
	case "私":
		return !strings.ContainsRune("立学物服", after)
	}
	return true
}

// genericAfter follow a person word that addresses everyone.
var genericAfter = []string{"の皆", "のみな", "各位", "全員", "一同", "全体", "向け"}

// Value accepts a list of terms in any column, and under the category's
// header any description that is not a "none" value.
func (r *healthRule) Value(v string, header bool) (string, bool) {
	v = trimSpace(v)
	if v == "" || isNone(v) || r.none(v) {
		return "", false
	}
	if r.terms.exact[v] || r.terms.listOf(v, r.suffixes) || r.markers != nil && r.markers.listOf(v, r.suffixes) {
		return v, true
	}
	if !header || !hasLetter(v) || healthDateLike(v) {
		return "", false
	}
	return v, true
}

// healthNone are answers in a health column that say nothing about the
// person's health.
var healthNone = map[string]bool{
	"特記事項なし": true, "特記なし": true, "異常なし": true, "問題なし": true, "良好": true, "健康": true,
	"普通": true, "特にない": true, "ありません": true, "特にありません": true, "不明": true, "未記入": true,
	"未提出": true, "未確認": true, "無い": true, "いいえ": true, "no": true, "なし(特記なし)": true,
	"特に無": true, "該当無し": true, "該当者なし": true, "記入なし": true, "空欄": true, "未回答": true,
}

// healthNoneEndings end a "none" answer such as アレルギーなし or 既往症無し.
var healthNoneEndings = []string{"なし", "無し", "ない", "ありません", "無", "なし。", "ありません。", "は特にない"}

// none reports whether v says there is nothing: a none word, or a short
// answer ending in なし that names no term (卵なし is not none).
func (r *healthRule) none(v string) bool {
	v = strings.TrimRight(v, "。.")
	if v == "" || healthNone[v] || hasUpperASCII(v) && healthNone[strings.ToLower(v)] {
		return true
	}
	if utf8.RuneCountInString(v) > 16 {
		return false
	}
	for _, e := range healthNoneEndings {
		if head, ok := strings.CutSuffix(v, e); ok {
			return !r.mentionsTerm(head)
		}
	}
	return false
}

func (r *healthRule) mentionsTerm(s string) bool {
	for i := 0; i < len(s); i = healthRunesAhead(s, i, 1) {
		if r.terms.prefix(s, i) > 0 {
			return true
		}
	}
	return false
}

// healthDateLike reports whether v is a date or time rather than a description.
func healthDateLike(v string) bool {
	return hasDigit(v) && strings.Trim(v, "0123456789/-.: 年月日時分") == ""
}

// The allergy vocabulary. specifiedAllergens and recommendedAllergens are
// the 特定原材料 (8) and 特定原材料に準ずるもの (20) of 食品表示基準, each
// with the spellings forms use (kana, kanji, everyday words).
var (
	specifiedAllergens = []string{
		"えび", "エビ", "海老", "蝦", "かに", "カニ", "蟹", "くるみ", "クルミ", "胡桃",
		"小麦", "こむぎ", "コムギ", "小麦粉", "そば", "ソバ", "蕎麦", "そば粉",
		"卵", "たまご", "タマゴ", "玉子", "鶏卵", "卵白", "卵黄", "全卵",
		"乳", "牛乳", "乳製品", "乳成分", "ミルク", "乳糖",
		"落花生", "らっかせい", "ピーナッツ", "ピーナツ",
	}
	recommendedAllergens = []string{
		"アーモンド", "あわび", "アワビ", "鮑", "いか", "イカ", "烏賊", "いくら", "イクラ", "オレンジ",
		"カシューナッツ", "キウイフルーツ", "キウイ", "キウィ", "牛肉", "ごま", "ゴマ", "胡麻",
		"さけ", "サケ", "鮭", "しゃけ", "シャケ", "さば", "サバ", "鯖", "大豆", "だいず", "ダイズ",
		"鶏肉", "とり肉", "鳥肉", "バナナ", "豚肉", "ぶた肉", "マカダミアナッツ", "マカデミアナッツ",
		"もも", "モモ", "桃", "やまいも", "ヤマイモ", "山芋", "山いも", "長芋", "長いも", "とろろ",
		"りんご", "リンゴ", "林檎", "ゼラチン",
	}
	// otherAllergens are food groups and non-food allergens school forms name.
	otherAllergens = []string{
		"甲殻類", "ナッツ類", "ナッツ", "木の実", "魚卵", "青魚", "魚介類", "貝類", "大豆製品", "納豆", "魚",
		"果物", "フルーツ", "メロン", "パイナップル", "トマト", "花粉", "ダニ", "ハウスダスト", "ラテックス",
		"金属", "猫", "ネコ", "犬", "イヌ", "ハチ", "蜂",
	}
	drugAllergens = []string{
		"ペニシリン", "セフェム", "アスピリン", "造影剤", "ヨード造影剤", "抗生物質", "抗生剤", "抗菌薬",
		"解熱鎮痛剤", "解熱剤", "鎮痛剤", "NSAIDs", "ロキソニン", "ボルタレン", "サルファ剤", "局所麻酔",
		"麻酔薬", "ヨード", "アルコール綿",
	}
	// allergyMarkers show an allergy without naming the allergen.
	allergyMarkers  = []string{"エピペン", "アナフィラキシー", "アナフィラキシーショック"}
	allergySuffixes = []string{
		"アレルギー", "系", "類", "全般", "など", "等", "製品", "加工品", "全て", "すべて", "少量", "微量",
		"除去", "不可", "あり", "有", "注意", "疑い", "単体", "の", "(", ")",
	}
)

// The medical vocabulary: conditions school health forms ask about,
// disabilities, mental health, and medication. Injuries (骨折) and school
// refusal (不登校) are left out: they are not conditions, and 骨折 fills
// safety notices.
var (
	medicalConditions = []string{
		"喘息", "ぜんそく", "ぜん息", "気管支喘息", "小児喘息", "てんかん", "癲癇", "点頭てんかん",
		"熱性けいれん", "熱性痙攣", "けいれん", "痙攣", "糖尿病", "1型糖尿病", "I型糖尿病", "2型糖尿病",
		"心疾患", "先天性心疾患", "心臓病", "心室中隔欠損", "心房中隔欠損", "不整脈", "QT延長症候群",
		"心筋症", "心雑音", "川崎病", "腎臓病", "腎疾患", "腎炎", "慢性腎炎", "ネフローゼ", "ネフローゼ症候群",
		"IgA腎症", "紫斑病", "アトピー", "アトピー性皮膚炎", "食物依存性運動誘発アナフィラキシー",
		"花粉症", "アレルギー性鼻炎", "鼻炎", "白血病", "小児がん", "がん", "癌", "悪性腫瘍", "脳腫瘍",
		"腫瘍", "血友病", "貧血", "鉄欠乏性貧血", "甲状腺機能低下症", "甲状腺機能亢進症", "バセドウ病",
		"成長ホルモン分泌不全", "低身長症", "肥満症", "高血圧", "肝炎", "B型肝炎", "C型肝炎", "HIV",
		"結核", "潰瘍性大腸炎", "クローン病", "過敏性腸症候群", "片頭痛", "偏頭痛", "膠原病",
		"若年性特発性関節炎", "リウマチ", "筋ジストロフィー", "二分脊椎", "水頭症", "口唇口蓋裂",
		"口蓋裂", "先天性疾患", "染色体異常", "ダウン症", "ダウン症候群", "気胸", "中耳炎", "夜尿症",
		"睡眠障害", "ナルコレプシー", "脊柱側弯症", "側弯症", "起立性調節障害", "難病", "小児慢性特定疾病",
		"心臓ペースメーカー", "ペースメーカー", "人工透析", "透析", "人工内耳", "医療的ケア", "経管栄養",
		"導尿", "在宅酸素",
	}
	medicalDisabilities = []string{
		"発達障害", "発達障がい", "自閉症", "自閉スペクトラム症", "自閉症スペクトラム", "アスペルガー",
		"アスペルガー症候群", "広汎性発達障害", "ASD", "ADHD", "AD/HD", "注意欠如・多動症", "注意欠如多動症",
		"注意欠陥多動性障害", "注意欠陥・多動性障害", "多動症", "LD", "学習障害", "限局性学習症",
		"ディスレクシア", "読み書き障害", "知的障害", "知的障がい", "知的発達症", "知的発達障害",
		"脳性まひ", "脳性麻痺", "肢体不自由", "難聴", "聴覚障害", "聴覚障がい", "視覚障害", "視覚障がい",
		"弱視", "色覚異常", "色弱", "斜視", "吃音", "構音障害", "言語障害", "高次脳機能障害", "身体障害",
		"身体障がい", "精神障害", "精神障がい", "障害者手帳", "身体障害者手帳", "療育手帳",
		"精神障害者保健福祉手帳", "車椅子", "車いす", "補聴器",
	}
	medicalMental = []string{
		"うつ病", "鬱病", "抑うつ", "双極性障害", "統合失調症", "不安障害", "パニック障害", "適応障害",
		"強迫性障害", "摂食障害", "拒食症", "過食症", "神経性やせ症", "PTSD", "心的外傷後ストレス障害",
		"場面緘黙", "緘黙", "チック", "トゥレット症候群", "自律神経失調症",
	}
	medicalMedications = []string{
		"インスリン", "抗てんかん薬", "抗けいれん薬", "内服薬", "吸入薬", "吸入ステロイド", "ステロイド",
		"コンサータ", "ストラテラ", "インチュニブ", "ビバンセ", "抗うつ薬", "抗不安薬", "睡眠薬",
		"デパケン", "テグレトール", "イーケプラ", "ダイアップ", "抗精神病薬",
	}
	medicalSuffixes = []string{
		"の疑い", "疑い", "あり", "有", "傾向", "治療中", "服薬中", "通院中", "経過観察中", "経過観察", "既往",
		"軽度", "中等度", "重度", "気味", "症状", "の", "使用", "(", ")",
	}
)
