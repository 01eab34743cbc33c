package detect

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestNameValue(t *testing.T) {
	cases := map[string]struct {
		v      string
		header bool
		want   string // normalised value; "" when not a name
	}{
		"kanji spaced":               {"山田 太郎", false, "山田 太郎"},
		"kanji full-width space":     {"山田\u3000太郎", false, "山田 太郎"},
		"kanji two spaces":           {"山田  太郎", false, "山田 太郎"},
		"kanji unspaced":             {"山田太郎", false, "山田 太郎"},
		"itaiji surname":             {"髙橋 美咲", false, "髙橋 美咲"},
		"itaiji unspaced":            {"髙橋美咲", false, "髙橋 美咲"},
		"modern given spaced":        {"佐藤 陽菜", false, "佐藤 陽菜"},
		"modern given unspaced":      {"佐藤陽菜", false, "佐藤 陽菜"},
		"unknown given under header": {"髙橋 心春", true, "髙橋 心春"},
		"one-kanji given spaced":     {"田中 蓮", false, "田中 蓮"},
		"one-kanji given unspaced":   {"田中蓮", false, ""},
		"one-kanji given header":     {"田中蓮", true, "田中 蓮"},
		"kana given":                 {"佐藤さくら", false, "佐藤 さくら"},
		"hiragana reading":           {"やまだ たろう", false, "やまだ たろう"},
		"katakana reading":           {"ヤマダ タロウ", false, "ヤマダ タロウ"},
		"half-width reading":         {Fold("ﾔﾏﾀﾞ ﾀﾛｳ"), false, Fold("ﾔﾏﾀﾞ ﾀﾛｳ")},
		"bank kana without small":    {Fold("ｻｲﾄｳ ｷﾖｳｺ"), false, Fold("ｻｲﾄｳ ｷﾖｳｺ")},
		"unspaced kana no header":    {"やまだたろう", false, ""},
		"unspaced kana header":       {Fold("ﾔﾏﾀﾞﾀﾛｳ"), true, Fold("ﾔﾏﾀﾞﾀﾛｳ")},
		"unknown kana under header":  {"グエン ヴァン", true, "グエン ヴァン"},
		"unknown kana no header":     {"グエン ヴァン", false, ""},
		"romaji header":              {"Yamada Taro", true, "Yamada Taro"},
		"romaji capitals":            {"YAMADA TARO", true, "YAMADA TARO"},
		"romaji no header":           {"Yamada Taro", false, ""},
		"one romaji word":            {"Taro", true, ""},
		"surname alone header":       {"佐藤", true, "佐藤"},
		"surname alone no header":    {"佐藤", false, ""},
		"surname ending in 村":        {"中村", true, "中村"},
		"given name ending in 行":     {"阿部 正行", false, "阿部 正行"},
		"surname ending in 所":        {"田所 花子", false, "田所 花子"},
		"city":                       {"前橋市", true, ""},
		"city no header":             {"前橋市", false, ""},
		"bank":                       {"群馬銀行", false, ""},
		"company":                    {"株式会社山田商店", true, ""},
		"company suffix":             {"山田商店(株)", false, ""},
		"school":                     {"第一小学校", true, ""},
		"gym":                        {"体育館", false, ""},
		"allergens":                  {"卵・小麦", false, ""},
		"town":                       {"大手町", false, ""},
		"word":                       {"学校", false, ""},
		"katakana word":              {"コンピュータ", false, ""},
		"digits":                     {"山田 太郎1", true, ""},
		"none":                       {"なし", true, ""},
		"empty":                      {"", true, ""},
		"three words":                {"山田 太郎 花子", true, ""},
		"too long":                   {"山田山田山田 太郎", true, ""},
		"address":                    {"群馬県前橋市大手町", false, ""},
	}
	r := nameRule{}
	for name, c := range cases {
		norm, ok := r.Value(strings.TrimSpace(Fold(c.v)), c.header)
		if ok != (c.want != "") || norm != c.want {
			t.Errorf("%s: Value ok = %v (norm of %d bytes), want ok = %v (%d bytes)", name, ok, len(norm), c.want != "", len(c.want))
		}
	}
}

// nameSpans reads a name in prose: text [brackets] the name expected there.
func nameSpans(marked string) (text string, want [][2]int) {
	var b strings.Builder
	for {
		i := strings.IndexByte(marked, '[')
		if i < 0 {
			b.WriteString(marked)
			return b.String(), want
		}
		j := strings.IndexByte(marked, ']')
		b.WriteString(marked[:i])
		start := b.Len()
		b.WriteString(marked[i+1 : j])
		want = append(want, [2]int{start, b.Len()})
		marked = marked[j+1:]
	}
}

func TestNameFind(t *testing.T) {
	cases := map[string]struct {
		text  string // the names found are in brackets
		norms []string
	}{
		"sama":              {"本日、[山田太郎]様より連絡", []string{"山田 太郎"}},
		"san surname":       {"[佐藤]さんと話した", []string{"佐藤"}},
		"sensei":            {"担任は[佐藤]先生です", []string{"佐藤"}},
		"spaced":            {"[鈴木 花子]さんの作文", []string{"鈴木 花子"}},
		"full-width space":  {"[鈴木 花子]さん", []string{"鈴木 花子"}},
		"kun":               {"[田中]君と[伊藤]くん", []string{"田中", "伊藤"}},
		"chan hiragana":     {"きのう[さくら]ちゃんが", []string{"さくら"}},
		"particle":          {"先生が[さくら]ちゃんに", []string{"さくら"}},
		"katakana":          {"[ヤマダ]さんへ", []string{"ヤマダ"}},
		"katakana pair":     {"[ヤマダ タロウ]様", []string{"ヤマダ タロウ"}},
		"half-width pair":   {"[ﾔﾏﾀﾞ ﾀﾛｳ]様", []string{Fold("ﾔﾏﾀﾞ ﾀﾛｳ")}},
		"kanji and kana":    {"[山田さくら]さん", []string{"山田 さくら"}},
		"shi":               {"[高橋]氏の発言", []string{"高橋"}},
		"dono":              {"[中村 一郎]殿", []string{"中村 一郎"}},
		"guardian":          {"[渡辺]保護者より", []string{"渡辺"}},
		"label":             {"氏名：[山田 太郎]", []string{"山田 太郎"}},
		"label ascii colon": {"氏名:[山田太郎]です", []string{"山田 太郎"}},
		"label tannin":      {"担任：[佐藤]", []string{"佐藤"}},
		"label space":       {"担任 [佐藤 花子]", []string{"佐藤 花子"}},
		"label kana":        {"名前：[やまだ たろう]", []string{"やまだ たろう"}},
		"label and sama":    {"保護者：[山田 花子]様", []string{"山田 花子"}},
		"address form":      {"[山田]様方", []string{"山田"}},
		"itaiji":            {"[髙橋]さん", []string{"髙橋"}},
		"two":               {"[山田]さんと[鈴木]さん", []string{"山田", "鈴木"}},
		"nakamura":          {"[中村]さん、[阿部 正行]様", []string{"中村", "阿部 正行"}},
		"space before sama": {"[鈴木 一郎] 様", []string{"鈴木 一郎"}},
		"after label kana":  {"生徒:[ヤマダ タロウ]", []string{"ヤマダ タロウ"}},
		"child in hiragana": {"[いとう]さんが[ゆう]くんと", []string{"いとう", "ゆう"}},
		"mother":            {"お母さんへ", nil},
		"role":              {"PTA会長様、教頭先生、担任の先生、大家さん", nil},
		"after kanji":       {"本日[山田]さんが", []string{"山田"}},
		"city office":       {"前橋市役所様", nil},
		"company":           {"株式会社山田様", nil},
		"shop":              {"山田商店様", nil},
		"customers":         {"お客様各位", nil},
		"everyone":          {"皆様、みなさん、お父さん、お母さん", nil},
		"god":               {"神様", nil},
		"principal":         {"校長先生", nil},
		"yousu":             {"様子を見る、同様に", nil},
		"label alone":       {"氏名：", nil},
		"label header":      {"氏名 ふりがな 住所", nil},
		"menu":              {"卵・小麦のアレルギー", nil},
		"romaji":            {"Yamada-san", nil},
	}
	d := New(Builtin())
	for name, c := range cases {
		text, want := nameSpans(c.text)
		folded, ms := d.FindText(text, nil)
		var got [][2]int
		var norms []string
		for _, m := range ms {
			if m.Rule != "person_name" {
				continue
			}
			checkMatch(t, name, d, folded, m)
			got = append(got, [2]int{m.Start, m.End})
			norms = append(norms, m.Value)
		}
		// Folding keeps rune positions; here it keeps byte positions too
		// but for the full-width space and colon, which are one byte less.
		want = foldedSpans(text, want)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: found at %v, want %v", name, got, want)
		}
		if fmt.Sprint(norms) != fmt.Sprint(c.norms) && len(got) == len(want) {
			t.Errorf("%s: normalised values differ (%d, want %d)", name, len(norms), len(c.norms))
		}
	}
}

// foldedSpans maps byte spans of s to the same runes of Fold(s).
func foldedSpans(s string, sp [][2]int) [][2]int {
	folded := Fold(s)
	at := func(i int) int {
		n := utf8.RuneCountInString(s[:i])
		for j := range folded {
			if n == 0 {
				return j
			}
			n--
		}
		return len(folded)
	}
	var out [][2]int
	for _, p := range sp {
		out = append(out, [2]int{at(p[0]), at(p[1])})
	}
	return out
}

func TestNameMask(t *testing.T) {
	r := nameRule{}
	cases := map[string]string{
		"山田 太郎":       "山＊ 太＊",
		"林 一":         "＊ ＊",
		"佐藤":          "佐＊",
		"やまだ たろう":     "や＊＊ た＊＊",
		"Yamada Taro": "Y＊＊＊＊＊ T＊＊＊",
		"＊":           "***",
	}
	for in, want := range cases {
		if got := r.Mask(in); got != want {
			t.Errorf("Mask of %d runes = %q, want %q", utf8.RuneCountInString(in), got, want)
		}
	}
}

// TestNameMaskNeverShows checks the mask property on random names made of
// kana, kanji, ＊ and spaces.
func TestNameMaskNeverShows(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	alphabet := []rune("山田太郎あい＊ 一*#?x")
	r := nameRule{}
	for n := 0; n < 5000; n++ {
		rs := make([]rune, 1+rng.IntN(8))
		for i := range rs {
			rs[i] = alphabet[rng.IntN(len(alphabet))]
		}
		s := string(rs)
		if m := r.Mask(s); m == s || strings.Contains(m, s) {
			t.Fatalf("case %d: mask of %d runes shows the value", n, len(rs))
		}
	}
}

func TestNameLexicon(t *testing.T) {
	lx := nmLexicon()
	surnames, given, sk, gk := 0, 0, 0, 0
	for _, f := range lx.keys {
		if f&nmSurname != 0 {
			surnames++
		}
		if f&nmGiven != 0 {
			given++
		}
		if f&nmSurnameKana != 0 {
			sk++
		}
		if f&nmGivenKana != 0 {
			gk++
		}
	}
	t.Logf("lexicon: %d keys: %d surnames, %d given names, %d surname readings, %d given readings, %d given-name kanji",
		len(lx.keys), surnames, given, sk, gk, len(lx.givenChars))
	if surnames < 10000 || given < 15000 || sk < 5000 || gk < 5000 {
		t.Errorf("lexicon too small")
	}
	var buf [3 * nmKanaKeyMax]byte
	for _, c := range []struct {
		key  string
		flag uint8
	}{{"山田", nmSurname}, {"髙橋", nmSurname}, {"齋藤", nmSurname}, {"太郎", nmGiven}, {"やまだ", nmSurnameKana}, {"ﾀﾛｳ", nmGivenKana}, {"ｷﾖｳｺ", nmGivenKana}} {
		key := c.key
		if c.flag&(nmSurnameKana|nmGivenKana) != 0 {
			k, ok := nmKanaKey(Fold(key), buf[:0])
			if !ok {
				t.Fatalf("no kana key for %q", key)
			}
			key = string(k)
		}
		if !lx.has(key, c.flag) {
			t.Errorf("lexicon lacks %q (flag %d)", c.key, c.flag)
		}
	}
}

func TestNameKanaKey(t *testing.T) {
	cases := map[string]string{
		"やまだ":        "ヤマダ",
		Fold("ﾔﾏﾀﾞ"): "ヤマダ",
		Fold("ﾎﾟﾁ"):  "ポチ",
		"きょうこ":       "キヨウコ",
		"ちぢみ":        "チジミ",
		"ヴ":          "ヴ",
		Fold("ｳﾞｨ"):  "ヴイ",
		"゛":          "",
	}
	for in, want := range cases {
		k, ok := nmKanaKey(in, nil)
		if !ok || string(k) != want {
			t.Errorf("nmKanaKey(%q) = %q, %v; want %q", in, k, ok, want)
		}
	}
	if _, ok := nmKanaKey("山田", nil); ok {
		t.Error("nmKanaKey accepts kanji")
	}
}

func TestNameValueNoAlloc(t *testing.T) {
	nmLexicon()
	r := nameRule{}
	for _, v := range []string{"山田 太郎", "やまだ たろう", "ヤマダ タロウ", "前橋市", "12345"} {
		for _, header := range []bool{true, false} {
			if n := testing.AllocsPerRun(50, func() { r.Value(v, header) }); n != 0 {
				t.Errorf("Value (%d bytes, header %v) allocates %v times", len(v), header, n)
			}
		}
	}
}

// TestNameLexiconCost logs what loading the lexicon costs (run with -v).
func TestNameLexiconCost(t *testing.T) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	lx := nmLoadLexicon()
	took := time.Since(start)
	runtime.GC()
	runtime.ReadMemStats(&after)
	t.Logf("lexicon load: %v, heap %.1f MB (embedded lists %.0f kB)", took,
		float64(after.HeapAlloc-before.HeapAlloc)/1e6, float64(len(nmSurnamesData)+len(nmGivenNamesData))/1e3)
	runtime.KeepAlive(lx)
}

func BenchmarkNameValue(b *testing.B) {
	nmLexicon()
	r := nameRule{}
	vals := []string{"山田 太郎", "佐藤花子", "やまだ たろう", Fold("ﾔﾏﾀﾞ ﾀﾛｳ"), "群馬県前橋市大手町1-2-3", "株式会社山田商店"}
	for _, header := range []bool{true, false} {
		b.Run(fmt.Sprint("header=", header), func(b *testing.B) {
			for b.Loop() {
				for _, v := range vals {
					r.Value(v, header)
				}
			}
		})
	}
}

func BenchmarkNameLexiconLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		nmLoadLexicon()
	}
}

// TestNameColumnsByValue checks that a column of names without a header is
// recognised by its values, and columns of places and companies are not.
func TestNameColumnsByValue(t *testing.T) {
	sur := []string{"山田", "佐藤", "鈴木", "髙橋", "田中", "伊藤", "渡辺", "中村", "小林", "加藤"}
	given := []string{"太郎", "花子", "翔太", "美咲", "大輝", "結衣", "陽菜", "悠真", "さくら", "一郎"}
	kana := []string{"ﾔﾏﾀﾞ ﾀﾛｳ", "ｻﾄｳ ﾊﾅｺ", "ｽｽﾞｷ ｲﾁﾛｳ", "ﾀﾅｶ ﾐｻｷ", "ｲﾄｳ ｹﾝﾀ", "ﾜﾀﾅﾍﾞ ﾕｲ"}
	places := []string{"前橋市", "高崎市", "群馬銀行", "第一小学校", "株式会社山田商店", "体育館", "大手町", "山田商店(株)", "市民会館", "中央公民館"}
	cases := map[string]struct {
		cell func(i int) string
		want bool
	}{
		"spaced kanji":   {func(i int) string { return sur[i%10] + " " + given[(i/10+i)%10] }, true},
		"unspaced kanji": {func(i int) string { return sur[i%10] + given[(i/10+i)%10] }, true},
		"half-width":     {func(i int) string { return kana[i%len(kana)] }, true},
		"places":         {func(i int) string { return places[i%len(places)] }, false},
	}
	for name, c := range cases {
		lines := rows(20, func(i int) string { return fmt.Sprintf("%s,%s", c.cell(i), mobile(i)) })
		res := feed(t, lines)
		_, got := res.Categories[PersonName]
		if got != c.want {
			t.Errorf("%s: person_name found = %v, want %v", name, got, c.want)
		}
	}
}

func TestNameFindNoAllocWithoutNames(t *testing.T) {
	d := New([]Rule{nameRule{}})
	dst := make([]Match, 0, 8)
	for i, s := range []string{"皆さん、校長先生のお話です。", "氏名：", "入学式の様子をお知らせします", "みなさん、おはようございます"} {
		s = Fold(s)
		if n := testing.AllocsPerRun(50, func() { dst = d.FindFolded(s, dst[:0]) }); n != 0 {
			t.Errorf("line %d: FindFolded allocates %v times without names", i, n)
		}
	}
}
