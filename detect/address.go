package detect

import (
	"strings"
	"unicode/utf8"
)

// addressRule finds street addresses: an optional prefecture, a municipality
// from the national list (or, after a prefecture, any name of that shape),
// a town (町域) and block numbers in any of the forms people write —
// 一丁目二番三号, 1丁目2-3, 2-12-1, 123番地の4, 北1条西2丁目3-4 — with an
// optional building and room. A municipality and a town with no number is a
// place, not where someone lives, so prose needs the number; a column
// headed 住所 accepts that too, and a town and number without the
// municipality (住所2 style). Postal codes are the postal rule's.
type addressRule struct{}

func init() { register(addressRule{}) }

var (
	// addressFilter is empty: every address holds a municipality, whose
	// name ends with 市, 区, 町 or 村, and Find's first step, one pass over
	// the bytes for those marks, costs less than AnyOf's four searches
	// (BenchmarkFindText: 1.59 s of CPU against 1.75 s with the AnyOf). A
	// digit count cannot help: 一丁目二番三号 holds none.
	addressFilter = Prefilter{}
	// addressHeaders: a synonym also names longer headers that hold it
	// (連絡先住所, 学校所在地, 町名番地, home address), so the list stays short.
	addressHeaders = []string{
		"住所", "現住所", "自宅住所", "住所1", "住所2", "保護者住所", "所在地", "居所", "address",
		"住居", "番地", "町名", "町域", "addr", "street", "residence",
	}
	// addressLabels may stand right before a municipality: 住所前橋市….
	addressLabels = []string{"住所", "所在地", "居所", "住居", "自宅", "実家", "本籍", "本籍地", "宛先", "送付先"}
)

// Limits of the parts of an address, in runes.
const (
	maxTownRunes     = 16 // 町域 with 大字 and 字: 大字上細井字北原 is 8
	maxShapedRunes   = 10 // a municipality missing from the list, after a prefecture
	maxBuildingRunes = 24
	maxBlockParts    = 6 // 1丁目2番3号 is 3; 1-2-3-101 is 4
)

func (addressRule) ID() string           { return "address" }
func (addressRule) Category() Category   { return Address }
func (addressRule) Prefilter() Prefilter { return addressFilter }
func (addressRule) Headers() []string    { return addressHeaders }

// address is one address found in s: s[start:end], the prefecture and
// municipality being s[start:muniEnd].
type address struct {
	start, muniEnd, end int
	town                bool // a town name follows the municipality
	number              bool // and a block number that is more than 丁目
}

// Find appends the addresses in s. Each holds a municipality, a town and a
// block number.
func (addressRule) Find(s string, dst []Match) []Match {
	ix := places()
	lo := 0 // the end of the last address: the next starts there or after
	for i := 0; i < len(s); {
		m := addrNextMuniMark(s, i)
		if m < 0 {
			break
		}
		a, ok := ix.addressAt(s, m, lo)
		if ok && a.town && a.number {
			dst = append(dst, Match{Category: Address, Rule: "address", Start: a.start, End: a.end, Value: s[a.start:a.end]})
			i, lo = a.end, a.end
			continue
		}
		i = m + len("市") // 町田市: the 町 ends no name, the 市 does
	}
	return dst
}

// addrNextMuniMark returns the index of the next 市, 区, 町 or 村 at or after i,
// or -1. They are E5 B8 82, E5 8C BA, E7 94 BA and E6 9D 91 in UTF-8.
func addrNextMuniMark(s string, i int) int {
	for i+2 < len(s) {
		switch c := s[i]; {
		case c < 0x80:
			i++
			continue
		case c == 0xE5:
			if s[i+1] == 0xB8 && s[i+2] == 0x82 || s[i+1] == 0x8C && s[i+2] == 0xBA {
				return i
			}
		case c == 0xE6:
			if s[i+1] == 0x9D && s[i+2] == 0x91 {
				return i
			}
		case c == 0xE7:
			if s[i+1] == 0x94 && s[i+2] == 0xBA {
				return i
			}
		case c < 0xE0:
			i++ // two-byte runes and stray continuation bytes
			continue
		}
		i += 3 // a three-byte rune, or a four-byte one stepped in two
	}
	return -1
}

// addressAt reads the address whose municipality ends with the mark at m,
// starting at or after lo.
func (ix *placeIndex) addressAt(s string, m, lo int) (address, bool) {
	end := m + len("市")
	st := ix.keyEndingAt(s, end, lo)
	if st < 0 {
		return ix.shapedAt(s, end, lo)
	}
	if e := ix.keyFrom(s, st); e > end {
		end = e // 横浜市 goes on as 横浜市中区
	}
	start := st
	if p := ix.prefBefore(s, addrSkipSpaceBack(s, st, lo)); p >= lo {
		start = p
	} else if !addrWordStart(s, st, lo) {
		return address{}, false
	}
	return addrRest(s, start, end)
}

// shapedAt reads an address whose municipality, ending at end, is missing
// from the list (a name from before a merger) but follows a prefecture.
func (ix *placeIndex) shapedAt(s string, end, lo int) (address, bool) {
	b := end - len("市")
	for n := 0; n < maxShapedRunes && b > lo; n++ {
		r, size := utf8.DecodeLastRuneInString(s[lo:b])
		if !addrIsKanji(r) || addrIsMuniMark(r) {
			return address{}, false
		}
		b -= size
		if p := ix.prefBefore(s, b); p >= lo && b < end-len("市") {
			return addrRest(s, p, end)
		}
	}
	return address{}, false
}

func addrSkipSpaceBack(s string, i, lo int) int {
	if i > lo && s[i-1] == ' ' {
		return i - 1
	}
	return i
}

// addrWordStart reports whether a municipality name at i starts a word: it does
// not continue a kanji or katakana word (新前橋市), unless that word is a
// label such as 住所.
func addrWordStart(s string, i, lo int) bool {
	if i <= lo {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(s[lo:i])
	if !addrIsKanji(r) && !addrIsKatakana(r) {
		return true
	}
	for _, l := range addressLabels {
		if strings.HasSuffix(s[lo:i], l) {
			return true
		}
	}
	return false
}

// addrRest reads the town, block number and building after a municipality
// s[start:muniEnd]; ok says a town follows.
func addrRest(s string, start, muniEnd int) (a address, ok bool) {
	a = address{start: start, muniEnd: muniEnd, end: muniEnd}
	k := muniEnd
	if k < len(s) && s[k] == ' ' {
		k++
	}
	townEnd, blockEnd, number := addrTownBlock(s, k)
	if townEnd > k {
		a.town, a.end = true, townEnd
	}
	if blockEnd > 0 {
		a.end, a.number = blockEnd, number
		if number {
			a.end = addrBuilding(s, blockEnd)
		}
	}
	return a, a.town
}

// addrTownBlock reads a town name from k and the block number after it. It
// returns the end of the town (k when there is none), and the end of the
// block (0 when there is none) and whether it holds a number finer than
// 丁目 or 条. A town may hold numbers itself: 北1条西 2丁目3-4.
func addrTownBlock(s string, k int) (townEnd, blockEnd int, number bool) {
	start, runes := k, 0
	if k < len(s) {
		if r, _ := utf8.DecodeRuneInString(s[k:]); addrNotTownStart(r) {
			return k, 0, false
		}
	}
	for k < len(s) && runes < maxTownRunes {
		r, n := utf8.DecodeRuneInString(s[k:])
		numeric := isDigit(s[k]) || addrIsKanjiNumeral(r)
		if r == ' ' && k > start && k+1 < len(s) && isDigit(s[k+1]) {
			k++ // 大手町 2-12-1
			continue
		}
		if numeric && k > start {
			if e, strong, ok := addrBlockAt(s, k); ok {
				if strong {
					return k, e, true
				}
				if e < len(s) {
					if r2, _ := utf8.DecodeRuneInString(s[e:]); addrIsTownRune(r2) && !addrIsKanjiNumeral(r2) {
						k, runes = e, runes+1 // 北1条 goes on as 北1条西
						continue
					}
				}
				return k, e, false
			}
		}
		if isDigit(s[k]) || !addrIsTownRune(r) {
			break
		}
		k += n
		runes++
	}
	return k, 0, false
}

// addrNotTownStart: what follows a municipality name in prose that is not a
// town: particles (前橋市の…, 前橋市では…) and words that make the name part
// of another (市立, 市役所, 市内, 市民, 町長, 区議会).
func addrNotTownStart(r rune) bool {
	switch r {
	case 'の', 'に', 'で', 'は', 'を', 'へ', 'と', 'も', 'や', 'が', 'か',
		'立', '役', '内', '外', '民', '長', '議', '営', '庁', '域', '政', '制', '全':
		return true
	}
	return false
}

// addrIsTownRune: the runes of a town name. Hiragana that are particles in
// prose end it (前橋市に住む).
func addrIsTownRune(r rune) bool {
	switch {
	case addrIsKanji(r), addrIsKatakana(r):
		return true
	case r >= 0x3041 && r <= 0x3096:
		return r != 'は' && r != 'を' && r != 'に' && r != 'で' && r != 'へ'
	}
	return false
}

func addrIsKanji(r rune) bool {
	return r >= 0x4E00 && r <= 0x9FFF || r == '々' || r == '〆' || r == 'ヶ' || r == '〇'
}

func addrIsKatakana(r rune) bool { return r >= 0x30A1 && r <= 0x30FC && r != '・' }

func addrIsKanjiNumeral(r rune) bool {
	switch r {
	case '〇', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '百', '千':
		return true
	}
	return false
}

// Units of a block number.
const (
	unitNone = iota
	unitChome
	unitBanchi
	unitBan
	unitGo
)

// addrBlockAt reads a block number at k: numbers (ASCII or kanji) with their
// units (丁目, 条, 地割, 番地, 番, 号) or joined by a dash or の. strong says
// it holds more than 丁目 or 条; ok says it is a block number at all (a
// kanji numeral or a bare number followed by a word is not).
func addrBlockAt(s string, k int) (end int, strong, ok bool) {
	for parts := 0; parts < maxBlockParts; parts++ {
		ne, kanji := addrNumberAt(s, k)
		if ne == k {
			break
		}
		u, ul := addrUnitAt(s, ne)
		switch {
		case u == unitGo && parts == 0, u == unitNone && kanji:
			return end, strong, parts > 0
		case u == unitNone && parts == 0 && !addrBlockJoined(s, ne) && !addrEndsValue(s, ne):
			return 0, false, false // 前橋市大手町2024年
		}
		strong = strong || u != unitChome
		end = ne + ul
		if j := addrJoinAt(s, end); j > 0 && addrIsNumberStart(s, end+j) {
			k = end + j
		} else if u != unitNone && addrIsNumberStart(s, end) {
			k = end // 1丁目2番
		} else {
			break
		}
	}
	return end, strong, end > 0
}

// addrBlockJoined reports whether a dash or の and a number follow k.
func addrBlockJoined(s string, k int) bool {
	j := addrJoinAt(s, k)
	return j > 0 && addrIsNumberStart(s, k+j)
}

// addrEndsValue reports whether a value may end at k: the end, a space or a
// punctuation mark, not a word (2024年, 3人).
func addrEndsValue(s string, k int) bool {
	if k >= len(s) {
		return true
	}
	switch r, _ := utf8.DecodeRuneInString(s[k:]); r {
	case ' ', '\t', '\r', '\n', ',', '、', '。', '.', '，', ')', '）', '」', '』', ';', ':', '/':
		return true
	}
	return false
}

// addrNumberAt returns the end of an ASCII or kanji number at k (k if none).
func addrNumberAt(s string, k int) (end int, kanji bool) {
	e := k
	for e < len(s) && isDigit(s[e]) {
		e++
	}
	if e > k {
		return e, false
	}
	for e < len(s) {
		r, n := utf8.DecodeRuneInString(s[e:])
		if !addrIsKanjiNumeral(r) {
			break
		}
		e += n
	}
	return e, true
}

func addrIsNumberStart(s string, k int) bool {
	if k >= len(s) {
		return false
	}
	if isDigit(s[k]) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s[k:])
	return addrIsKanjiNumeral(r)
}

// addrUnitAt returns the block unit at k and its length. 番目, 番線 and the like
// are counts, not units; 号 must not begin another word (号車, 号機).
func addrUnitAt(s string, k int) (int, int) {
	r := s[k:]
	switch {
	case strings.HasPrefix(r, "丁目"):
		return unitChome, len("丁目")
	case strings.HasPrefix(r, "地割"):
		return unitChome, len("地割")
	case strings.HasPrefix(r, "条"):
		return unitChome, len("条")
	case strings.HasPrefix(r, "番地"):
		return unitBanchi, len("番地")
	case strings.HasPrefix(r, "番"):
		if next := r[len("番"):]; strings.HasPrefix(next, "目") || strings.HasPrefix(next, "線") || strings.HasPrefix(next, "手") {
			return unitNone, 0
		}
		return unitBan, len("番")
	case strings.HasPrefix(r, "号"):
		if next := r[len("号"):]; strings.HasPrefix(next, "車") || strings.HasPrefix(next, "機") || strings.HasPrefix(next, "線") {
			return unitNone, 0
		}
		return unitGo, len("号")
	}
	return unitNone, 0
}

// addrJoinAt returns the length of a joiner at k: a dash or の, or 0.
func addrJoinAt(s string, k int) int {
	if strings.HasPrefix(s[k:], "の") || strings.HasPrefix(s[k:], "ノ") {
		return len("の")
	}
	return dashLen(s, k)
}

// addrBuilding extends an address ending at k over a building and room:
// 〇〇マンション101号室, コーポ山田 203. A word after the block is taken
// only when a room number follows it or it names a building, so a name
// after an address stays out.
func addrBuilding(s string, k int) int {
	j := k
	if j < len(s) && s[j] == ' ' {
		j++
	}
	runStart, runes := j, 0
	for j < len(s) && runes < maxBuildingRunes {
		r, n := utf8.DecodeRuneInString(s[j:])
		if !addrIsKanji(r) && !addrIsKatakana(r) && !isLetter(s[j]) {
			break
		}
		j += n
		runes++
	}
	run := s[runStart:j]
	if j < len(s) && s[j] == ' ' && runes > 0 {
		j++
	}
	if e := addrRoom(s, j); e > 0 && (runes > 0 || j > k) {
		return e
	}
	if runes > 0 && addrIsBuildingName(run) {
		return runStart + len(run)
	}
	return k
}

// addrRoom returns the end of a room number at j (101, 101号室, 2F), or 0.
func addrRoom(s string, j int) int {
	e := j
	for e < len(s) && isDigit(s[e]) && e-j < 5 {
		e++
	}
	if e == j || e < len(s) && isDigit(s[e]) {
		return 0
	}
	for _, u := range [...]string{"号室", "号", "室", "階", "F"} {
		if strings.HasPrefix(s[e:], u) {
			return e + len(u)
		}
	}
	if !addrEndsValue(s, e) || addrBlockJoined(s, e) {
		return 0
	}
	return e
}

var addrBuildingWords = []string{"マンション", "ハイツ", "コーポ", "アパート", "ビル", "荘", "寮", "団地", "住宅", "レジデンス", "メゾン", "ハウス", "パレス", "ヒルズ", "タワー", "コート", "棟"}

func addrIsBuildingName(run string) bool {
	for _, w := range addrBuildingWords {
		if strings.HasSuffix(run, w) {
			return true
		}
	}
	return false
}

// Value accepts a cell that is an address: one that Find would take,
// starting at the cell's start (after a postal code). Under an address
// header it also accepts a municipality and town without a number
// (前橋市大手町) and a town and number whose municipality is in another
// column (大手町2-12-1), but not a prefecture or municipality alone.
func (addressRule) Value(v string, header bool) (string, bool) {
	if v != "" && (v[0] <= ' ' || v[len(v)-1] <= ' ') {
		v = trimSpace(v)
	}
	if v == "" || isNone(v) {
		return "", false
	}
	s := addrSkipPostal(v)
	ix := places()
	if a, ok := ix.addressFrom(s); ok {
		return v, a.town && (a.number || header)
	}
	if !header {
		return "", false
	}
	a, ok := addrRest(s, 0, 0)
	return v, ok && a.town && a.number
}

// addressFrom reads an address at the start of s: an optional prefecture,
// then a municipality, listed or (after a prefecture) shaped like one.
func (ix *placeIndex) addressFrom(s string) (address, bool) {
	i, pref := 0, false
	if p := ix.prefAt(s, 0); p > 0 {
		i, pref = p, true
		if i < len(s) && s[i] == ' ' {
			i++
		}
	}
	if e := ix.keyFrom(s, i); e > 0 {
		return addrRest(s, 0, e)
	}
	if !pref {
		return address{}, false
	}
	for k, n := i, 0; k < len(s) && n < maxShapedRunes; n++ {
		r, size := utf8.DecodeRuneInString(s[k:])
		if !addrIsKanji(r) {
			break
		}
		k += size
		if addrIsMuniMark(r) && n > 0 {
			return addrRest(s, 0, k)
		}
	}
	return address{}, false
}

// addrSkipPostal skips a leading postal code: 〒371-0026 群馬県….
func addrSkipPostal(v string) string {
	s := strings.TrimPrefix(v, "〒")
	i := 0
	for i < len(s) && (isDigit(s[i]) || s[i] == '-') {
		i++
	}
	if i < 7 || i > 8 {
		return v
	}
	return strings.TrimLeft(s[i:], " ")
}

// Mask keeps the prefecture and municipality and hides the rest:
// 群馬県前橋市大手町二丁目12-1 becomes 群馬県前橋市＊＊＊.
func (addressRule) Mask(norm string) string {
	s := addrSkipPostal(norm)
	keep := 0
	if a, ok := places().addressFrom(s); ok {
		keep = a.muniEnd
	}
	return guard(s[:keep]+"＊＊＊", norm)
}

// Examples of the address rule.
func (addressRule) Examples() []Example {
	return []Example{
		{Text: "住所：群馬県前橋市大手町二丁目12-1", Want: true},
		{Text: "現住所 前橋市大手町1丁目2番3号 電話027-000-0000", Want: true},
		{Text: "横浜市中区山下町123番地の4に転居", Want: true},
		{Text: "群馬県吾妻郡草津町草津1-2", Want: true},
		{Text: "草津町草津一丁目二番三号", Want: true},
		{Text: "東京都千代田区千代田1-1-1 ○○マンション101号室", Want: true},
		{Text: "北海道札幌市中央区北1条西2丁目3-4", Want: true},
		{Text: "群馬県前橋市", Want: false},
		{Text: "前橋市役所 2階", Want: false},
		{Text: "群馬県庁で会議", Want: false},
		{Text: "大手町駅 1番線", Want: false},
		{Text: "市内の小学校 3校", Want: false},
		{Text: "区の予算 1-2-3 期", Want: false},
		{Text: "通学路は前橋市大手町二丁目です", Want: false},
		{Text: "前橋市の人口は33万人", Want: false},
		{Text: "新前橋市大手町1-2-3", Want: false},
		{Text: "群馬県前橋市大手町二丁目12-1", Cell: true, Want: true},
		{Text: "〒371-0026 前橋市大手町2-12-1", Cell: true, Want: true},
		{Text: "前橋市大手町2-12-1", Cell: true, Header: true, Want: true},
		{Text: "前橋市大手町", Cell: true, Header: true, Want: true},
		{Text: "大手町二丁目12-1 コーポ山田203", Cell: true, Header: true, Want: true},
		{Text: "前橋市大手町", Cell: true, Want: false},
		{Text: "群馬県", Cell: true, Header: true, Want: false},
		{Text: "前橋市", Cell: true, Header: true, Want: false},
		{Text: "ボールペン 黒", Cell: true, Header: true, Want: false},
		{Text: "前橋市立大手町小学校", Cell: true, Want: false},
	}
}
