package detect

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

// spanOf returns the byte span of want in s, or [-1,-1).
func spanOf(s, want string) [2]int {
	i := strings.Index(s, want)
	if i < 0 {
		return [2]int{-1, -1}
	}
	return [2]int{i, i + len(want)}
}

// TestAddressFind checks the spans found in prose. want lists the expected
// addresses as substrings of the folded text; failures print spans only.
func TestAddressFind(t *testing.T) {
	cases := map[string]struct {
		text string
		want []string
	}{
		"prefecture, kanji chome":   {"住所：群馬県前橋市大手町二丁目12-1です", []string{"群馬県前橋市大手町二丁目12-1"}},
		"no prefecture":             {"前橋市大手町1丁目2番3号", []string{"前橋市大手町1丁目2番3号"}},
		"all kanji":                 {"草津町草津一丁目二番三号、以上", []string{"草津町草津一丁目二番三号"}},
		"gun form":                  {"群馬県吾妻郡草津町草津1-2", []string{"群馬県吾妻郡草津町草津1-2"}},
		"ward of a designated city": {"横浜市中区山下町123番地の4に転居", []string{"横浜市中区山下町123番地の4"}},
		"full-width digits":         {"前橋市大手町２－１２－１", []string{"前橋市大手町2-12-1"}},
		"space after municipality":  {"群馬県 前橋市 大手町 2-12-1", []string{"群馬県 前橋市 大手町 2-12-1"}},
		"building and room":         {"東京都千代田区千代田1-1-1 グリーンマンション101号室 電話", []string{"東京都千代田区千代田1-1-1 グリーンマンション101号室"}},
		"room after dash":           {"前橋市大手町2-12-1-305、", []string{"前橋市大手町2-12-1-305"}},
		"name after address":        {"群馬県前橋市大手町1-2-3 山田太郎", []string{"群馬県前橋市大手町1-2-3"}},
		"phone after address":       {"前橋市大手町1-2-3 TEL 027-000-0000", []string{"前橋市大手町1-2-3"}},
		"sapporo jo":                {"北海道札幌市中央区北1条西2丁目3-4", []string{"北海道札幌市中央区北1条西2丁目3-4"}},
		"banchi":                    {"群馬県利根郡みなかみ町湯原123番地", []string{"群馬県利根郡みなかみ町湯原123番地"}},
		"town with kanji numeral":   {"仙台市青葉区一番町4-1-1", []string{"仙台市青葉区一番町4-1-1"}},
		"merged-away municipality":  {"群馬県勢多郡富士見村原之郷1-2", []string{"群馬県勢多郡富士見村原之郷1-2"}},
		"two addresses":             {"前橋市大手町1-2-3、高崎市高松町35-1", []string{"前橋市大手町1-2-3", "高崎市高松町35-1"}},
		"label before":              {"住所前橋市大手町1-2-3", []string{"前橋市大手町1-2-3"}},
		"ke variant":                {"鶴ケ島市大字脚折1-2", []string{"鶴ケ島市大字脚折1-2"}},
		"prefecture alone":          {"群馬県に住んでいます", nil},
		"city alone":                {"前橋市の人口は33万人", nil},
		"city office":               {"前橋市役所 2階", nil},
		"prefectural office":        {"群馬県庁で会議", nil},
		"station":                   {"大手町駅 1番線", nil},
		"schools in the city":       {"市内の小学校 3校", nil},
		"ward budget":               {"区の予算 1-2-3 期", nil},
		"town without number":       {"通学路は前橋市大手町二丁目です", nil},
		"inside a longer word":      {"新前橋市大手町1-2-3", nil},
		"city school":               {"前橋市立第一中学校2年", nil},
		"ordinal":                   {"前橋市大会で3番目", nil},
		"road number":               {"前橋市の国道17号", nil},
		"year":                      {"前橋市大手町2024年", nil},
	}
	d := New([]Rule{addressRule{}})
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			folded, ms := d.FindText(c.text, nil)
			var got, want [][2]int
			for _, m := range ms {
				checkMatch(t, name, d, folded, m)
				got = append(got, [2]int{m.Start, m.End})
			}
			for _, w := range c.want {
				want = append(want, spanOf(folded, w))
			}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("spans %v, want %v", got, want)
			}
		})
	}
}

func TestAddressValue(t *testing.T) {
	cases := map[string]struct {
		v            string
		plain, named bool // accepted without and with an address header
	}{
		"full":                   {"群馬県前橋市大手町二丁目12-1", true, true},
		"postal code first":      {"〒371-0026 群馬県前橋市大手町2-12-1", true, true},
		"no prefecture":          {"前橋市大手町2-12-1", true, true},
		"gun omitted":            {"草津町草津1-2", true, true},
		"kanji":                  {"前橋市大手町一丁目二番三号", true, true},
		"banchi no":              {"吾妻郡草津町大字草津123番地の4", true, true},
		"building":               {"前橋市大手町1-2-3 コーポ山田203", true, true},
		"town only":              {"前橋市大手町", false, true},
		"chome only":             {"群馬県前橋市大手町二丁目", false, true},
		"town and number":        {"大手町2-12-1", false, true},
		"town, chome and banchi": {"大手町一丁目2番地", false, true},
		"prefecture":             {"群馬県", false, false},
		"city":                   {"前橋市", false, false},
		"prefecture and city":    {"群馬県前橋市", false, false},
		"words":                  {"ボールペン 黒", false, false},
		"number only":            {"1-2-3", false, false},
		"none":                   {"なし", false, false},
		"school":                 {"前橋市立大手町小学校", false, false},
		"city office":            {"前橋市役所", false, false},
	}
	r := addressRule{}
	for name, c := range cases {
		for _, header := range []bool{false, true} {
			want := c.plain
			if header {
				want = c.named
			}
			norm, ok := r.Value(Fold(c.v), header)
			if ok != want {
				t.Errorf("%s (header %v): ok = %v, want %v", name, header, ok, want)
			}
			if ok {
				checkMask(t, name, r, norm)
			}
		}
	}
}

func TestAddressMask(t *testing.T) {
	r := addressRule{}
	cases := map[string]string{
		"群馬県前橋市大手町二丁目12-1":       "群馬県前橋市＊＊＊",
		"横浜市中区山下町123番地の4":        "横浜市中区＊＊＊",
		"群馬県吾妻郡草津町草津1-2":         "群馬県吾妻郡草津町＊＊＊",
		"〒371-0026 前橋市大手町2-12-1": "前橋市＊＊＊",
		"大手町2-12-1":              "＊＊＊",
		"群馬県勢多郡富士見村原之郷1-2":       "群馬県勢多郡富士見村＊＊＊",
	}
	for v, want := range cases {
		if got := r.Mask(v); got != want {
			t.Errorf("mask of a %d-byte address = %q, want %q", len(v), got, want)
		}
	}
}

// TestAddressMaskProperty: a mask never equals or contains its value, for
// every found value and for odd strings.
func TestAddressMaskProperty(t *testing.T) {
	r := addressRule{}
	values := []string{"＊＊＊", "群馬県前橋市＊＊＊", "前橋市", "", "x", "群馬県前橋市大手町1-2-3"}
	for _, ex := range r.Examples() {
		values = append(values, Fold(ex.Text))
	}
	for i, v := range values {
		checkMask(t, fmt.Sprintf("value %d", i), r, v)
		if v != "" && r.Mask(v) == v {
			t.Errorf("value %d: mask equals the value", i)
		}
	}
}

// TestAddressTables: a list of school sites is addresses without people;
// a roster row with a name and an address counts the address.
func TestAddressTables(t *testing.T) {
	sites := []string{"学校名,所在地,郵便番号"}
	towns := []string{"大手町", "本町", "千代田町", "朝日町", "岩神町", "日吉町"}
	for i := 0; i < 12; i++ {
		sites = append(sites, fmt.Sprintf("前橋市立第%d小学校,群馬県前橋市%s%d丁目%d-%d,371-00%02d", i+1, towns[i%len(towns)], 1+i%3, 1+i, 2+i, 10+i))
	}
	res := feed(t, sites)
	if res.Subjects != 0 {
		t.Errorf("school sites: %d subjects, want 0", res.Subjects)
	}

	roster := []string{"氏名,住所,備考"}
	for i := 0; i < 8; i++ {
		roster = append(roster, fmt.Sprintf("%s,群馬県前橋市%s%d-%d-%d,", name(i), towns[i%len(towns)], 1+i%3, 1+i, 2+i))
	}
	res = feed(t, roster)
	if _, ok := res.Categories[Address]; !ok {
		t.Errorf("roster: categories %v lack address", categoriesOf(res))
	}

	split := []string{"氏名,市区町村,住所2"}
	for i := 0; i < 8; i++ {
		split = append(split, fmt.Sprintf("%s,前橋市,%s%d-%d", name(i), towns[i%len(towns)], 1+i, 2+i))
	}
	res = feed(t, split)
	if fd, ok := res.Categories[Address]; !ok || fd.Count != 8 {
		t.Errorf("split address columns: categories %v, want 8 addresses", categoriesOf(res))
	}
}

func TestMunicipalityList(t *testing.T) {
	ix := places()
	if n := len(ix.prefs); n != 47 {
		t.Errorf("%d prefectures, want 47", n)
	}
	for _, k := range []string{"前橋市", "吾妻郡草津町", "草津町", "横浜市中区", "横浜市", "中区", "千代田区", "鶴ヶ島市", "鶴ケ島市"} {
		if !ix.isMuni(k) {
			t.Errorf("%s missing from the municipality list", k)
		}
	}
	for _, k := range []string{"群馬県", "大手町", "吾妻郡", "前橋"} {
		if ix.isMuni(k) {
			t.Errorf("%s is not a municipality", k)
		}
	}
}

func TestAddressFindNoAlloc(t *testing.T) {
	d := New([]Rule{addressRule{}})
	places()
	lines := []string{"群馬県前橋市大手町二丁目12-1 コーポ山田203", "通学路は前橋市大手町二丁目です", "前橋市大手町1-2-3"}
	dst := make([]Match, 0, 4)
	for i, s := range lines {
		if n := testing.AllocsPerRun(50, func() { _, dst = d.FindText(s, dst[:0]) }); n != 0 {
			t.Errorf("line %d: FindText allocates %v times", i, n)
		}
		if n := testing.AllocsPerRun(50, func() { addressRule{}.Value(s, true) }); n != 0 {
			t.Errorf("line %d: Value allocates %v times", i, n)
		}
	}
}

// TestMunicipalityData checks the embedded list: UTF-8, one tab a line.
func TestMunicipalityData(t *testing.T) {
	if !utf8.ValidString(municipalityData) {
		t.Fatal("municipality list is not UTF-8")
	}
	n := 0
	for line := range strings.Lines(municipalityData) {
		n++
		if strings.Count(line, "\t") != 1 || !strings.HasSuffix(line, "\n") {
			t.Fatalf("line %d is not prefecture<TAB>municipality", n)
		}
	}
	if n < 1890 {
		t.Errorf("%d municipalities, want the full list (about 1,900 with wards)", n)
	}
}

func BenchmarkAddressValue(b *testing.B) {
	r := addressRule{}
	vs := []string{"群馬県前橋市大手町3丁目12-1", "前橋市大手町2-12-1", "ボールペン 黒"}
	places()
	for b.Loop() {
		for _, v := range vs {
			r.Value(v, true)
		}
	}
}

// BenchmarkLoadPlaces measures loading the municipality list: time and heap.
func BenchmarkLoadPlaces(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		loadPlaces(municipalityData)
	}
}
