package detect

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

// The values below are synthetic; failures print masks and positions only.

func TestBankAccountValue(t *testing.T) {
	r := bankAccountRule{}
	cases := map[string]struct {
		v      string
		header bool
		want   string // "" when refused
	}{
		"seven digits":            {"1234567", true, "1234567"},
		"seven digits, no header": {"1234567", false, "1234567"},
		"zero dropped":            {"123456", true, "0123456"},
		"two zeros dropped":       {"23456", true, ""},
		"zeros dropped, no head":  {"123456", false, ""},
		"yucho dashed":            {"10170-12345671", false, "1017012345671"},
		"yucho short number":      {"10170-1234561", true, "1017001234561"},
		"yucho labelled":          {"記号 10170 番号 12345671", true, "1017012345671"},
		"yucho together":          {"1017012345671", true, "1017012345671"},
		"yucho together, no head": {"1017012345671", false, ""},
		"yucho symbol from 0":     {"00170-12345671", false, ""},
		"type and number":         {"普通 1234567", true, "1234567"},
		"full width":              {Fold("１２３４５６７"), true, "1234567"},
		"placeholder":             {"0000000", true, ""},
		"none":                    {"なし", true, ""},
		"eight digits":            {"12345678", true, ""},
		"yucho number alone":      {"12345671", true, "12345671"},
		"yucho number, no header": {"12345671", false, ""},
		"four digits":             {"1234", true, ""},
		"bank and branch code":    {"0128101", false, ""},
		"code pair under header":  {"0128101", true, "0128101"},
		"phone":                   {"027-224-1111", false, ""},
		"postal":                  {"371-0026", true, ""},
		"amount":                  {"1,234,567", true, ""},
		"words":                   {"普通", true, ""},
	}
	for name, c := range cases {
		norm, ok := r.Value(c.v, c.header)
		if ok != (c.want != "") || ok && norm != c.want {
			t.Errorf("%s: Value = %q (%v), want %q", name, r.Mask(norm), ok, r.Mask(c.want))
		}
	}
}

// TestBankAccountFind checks where prose matches start and end: want is
// the matched text, as a byte range of the folded text.
func TestBankAccountFind(t *testing.T) {
	d := New([]Rule{bankAccountRule{}})
	cases := map[string]struct {
		text string
		want []string
	}{
		"bank branch type":   {"振込先は群馬銀行 前橋支店 普通 1234567 です", []string{"1234567"}},
		"full width":         {"群馬銀行　前橋支店　普通　１２３４５６７", []string{"1234567"}},
		"yucho labelled":     {"ゆうちょ 記号10170 番号12345671", []string{"10170 番号12345671"}},
		"yucho dashed":       {"ゆうちょ銀行 10170-12345671 まで", []string{"10170-12345671"}},
		"type after":         {"口座番号：1234567（普通）", []string{"1234567"}},
		"yucho branch":       {"ゆうちょ銀行 〇一八店 当座 0123456", []string{"0123456"}},
		"holder":             {"口座名義 ヤマダ タロウ、口座番号 7654321", []string{"7654321"}},
		"holder after":       {"口座番号 1234567 名義 ヤマダ タロウ", []string{"1234567"}},
		"amount in man-yen":  {"群馬銀行 普通預金残高 1234567万円", nil},
		"shinkin full name":  {"北海道信用金庫 本店 口座 2345678", []string{"2345678"}},
		"two accounts":       {"群馬銀行 前橋支店 普通 1234567、当座 7654321", []string{"1234567", "7654321"}},
		"codes":              {"銀行コード 0128 支店コード 112 番号 1234567", []string{"1234567"}},
		"no evidence":        {"受付 1234567 件名", nil},
		"branch alone":       {"日本運輸 前橋支店 1234567", nil},
		"branch and label":   {"前橋支店 口座 1234567", []string{"1234567"}},
		"label only":         {"口座番号 1234567", nil},
		"unknown bank":       {"ミライ銀行 1234567", nil},
		"master list line":   {"0128 群馬銀行 112 前橋支店", nil},
		"branch number":      {"支店番号 123", nil},
		"budget":             {"群馬銀行 前橋支店 予算額 1234567円", nil},
		"product code":       {"普通紙 A4 品番 1234567", nil},
		"letters around":     {"群馬銀行 普通 AB1234567", nil},
		"postal code":        {"群馬銀行前橋支店 〒3710026", nil},
		"phone":              {"群馬銀行前橋支店 電話 2241111", nil},
		"eight digits":       {"群馬銀行 前橋支店 普通 12345678", nil},
		"dashed number":      {"群馬銀行 前橋支店 普通 123-4567", nil},
		"combined code":      {"群馬銀行 前橋支店 0128112", nil},
		"savings box":        {"貯金箱の番号 1234567", nil},
		"post office":        {"郵便局 記号 10170 番号 12345671", []string{"10170 番号 12345671"}},
		"insurance card":     {"保険証 記号10170 番号12345671", nil},
		"ordinary classroom": {"普通教室 1234567 番", nil},
	}
	for name, c := range cases {
		folded, ms := d.FindText(c.text, nil)
		var got []string
		for _, m := range ms {
			checkMatch(t, name, d, folded, m)
			got = append(got, folded[m.Start:m.End])
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: %d matches at %v, want %d", name, len(ms), spans(ms), len(c.want))
		}
	}
}

func spans(ms []Match) []string {
	var out []string
	for _, m := range ms {
		out = append(out, fmt.Sprintf("[%d,%d)", m.Start, m.End))
	}
	return out
}

func TestBankAccountNormalised(t *testing.T) {
	d := New([]Rule{bankAccountRule{}})
	_, ms := d.FindText("ゆうちょ 記号10170 番号1234561", nil)
	if len(ms) != 1 || ms[0].Value != "1017001234561" {
		t.Fatalf("ゆうちょ with a 7-digit 番号: %d matches, want 1 of 13 digits", len(ms))
	}
}

func TestBankTables(t *testing.T) {
	banks := []string{"群馬銀行", "みずほ銀行", "北海道信用金庫", "ゆうちょ銀行"}
	branches := []string{"前橋支店", "東京営業部", "本店", "〇一八店"}
	master := append([]string{"銀行コード,銀行名,支店コード,支店名"},
		rows(30, func(i int) string { return fmt.Sprintf("%04d,%s,%03d,%s", 128+i, banks[i%4], 100+i, branches[i%4]) })...)
	transfer := append([]string{"児童氏名,銀行名,支店名,預金種目,口座番号,預金者名"},
		rows(20, func(i int) string {
			return fmt.Sprintf("%s,%s,%s,普通,%07d,%s", name(i), banks[i%4], branches[i%4], 1234560+i*13, name(i+1))
		})...)
	byValue := append([]string{"預金者名,銀行名,支店名,種別,番号"},
		rows(12, func(i int) string {
			return fmt.Sprintf("%s,%s,%s,普通,%07d", name(i), banks[i%4], branches[i%4], 2345671+i*31)
		})...)
	noHolder := append([]string{"銀行名,支店名,種別,番号"},
		rows(12, func(i int) string { return fmt.Sprintf("%s,%s,普通,%07d", banks[i%4], branches[i%4], 2345671+i*31) })...)
	inventory := append([]string{"品名,数量,備品番号"},
		rows(12, func(i int) string { return fmt.Sprintf("机%d,%d,%07d", i, i+1, 3456780+i*17) })...)
	budget := append([]string{"銀行名,費目,予算額"},
		rows(12, func(i int) string { return fmt.Sprintf("%s,消耗品%d,%d", banks[i%4], i, 1000000+i*12300) })...)

	cases := map[string]struct {
		lines     []string
		subjects  int
		bank      bool
		financial bool
	}{
		"bank master list":           {master, 0, false, false},
		"transfer list":              {transfer, 20, true, true},
		"accounts by value":          {byValue, 12, true, true},
		"accounts with no holder":    {noHolder, 12, true, false}, // bank records (issue 3), but no identifiable holder for the APPI
		"7 digits without bank cols": {inventory, 0, false, false},
		"round amounts beside banks": {budget, 0, false, false},
	}
	for name, c := range cases {
		f := New(Builtin()).NewFile()
		for i, line := range c.lines {
			f.Row("", cellsOf(line, i+1))
		}
		res := f.Result()
		_, bank := res.Categories[BankAccount]
		_, appi := res.Assess(VolumePublic)
		financial := slices.Contains(appi, ReasonFinancial)
		if res.Subjects != c.subjects || bank != c.bank || financial != c.financial {
			t.Errorf("%s: subjects %d, bank_account %v, financial %v; want %d, %v, %v (categories %v)",
				name, res.Subjects, bank, financial, c.subjects, c.bank, c.financial, categoriesOf(res))
		}
		if bank && res.Categories[BankAccount].Count != c.subjects {
			t.Errorf("%s: bank_account count %d, want %d", name, res.Categories[BankAccount].Count, c.subjects)
		}
	}
}

func TestBankAccountMask(t *testing.T) {
	r := bankAccountRule{}
	if got := r.Mask("1234567"); got != "*****67" {
		t.Errorf("Mask of 7 digits = %q, want *****67", got)
	}
	if got := r.Mask("1017012345671"); got != "***********71" {
		t.Errorf("Mask of 13 digits = %q, want ***********71", got)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for n := 0; n < 5000; n++ {
		b := make([]byte, 7)
		if n%2 == 1 {
			b = make([]byte, 13)
		}
		for i := range b {
			b[i] = byte('0' + rng.IntN(10))
		}
		v := string(b)
		m := r.Mask(v)
		if m == v || strings.Contains(m, v) || strings.Count(m, "*") < len(v)-2 {
			t.Fatalf("mask %d (%d bytes) shows too much of its value", n, len(m))
		}
	}
}

func TestZenginLookups(t *testing.T) {
	z := zengin()
	if len(z.banks) < 1000 {
		t.Fatalf("Zengin list holds %d banks, want over 1000", len(z.banks))
	}
	gunma := z.bank(128)
	if gunma == nil || gunma.name != "群馬" {
		t.Fatalf("bank 0128 = %v, want 群馬", gunma)
	}
	for _, n := range []string{"群馬銀行", "群馬", "グンマ", "グンマ銀行", "ク\u3099ンマ"} {
		if z.bankNamed(n) != gunma {
			t.Errorf("bankNamed(%q) is not 群馬銀行", n)
		}
	}
	named := map[string]int{"北海道信用金庫": 1001, "北海道信金": 1001, "ゆうちょ銀行": 9900, "みずほ銀行": 1,
		"三菱UFJ銀行": 5, "商工組合中央金庫": 2004, "中央労働金庫": 2963}
	for n, code := range named {
		if b := z.bankNamed(n); b == nil || b.code != code {
			t.Errorf("bankNamed(%q) is not bank %04d", n, code)
		}
	}
	for _, n := range []string{"ミライ銀行", "銀行", ""} {
		if z.bankNamed(n) != nil {
			t.Errorf("bankNamed(%q) found a bank", n)
		}
	}
	if br := gunma.branch(112); br == nil || br.name != "前橋" {
		t.Errorf("群馬銀行 branch 112 is not 前橋")
	}
	if gunma.branch(999) != nil || z.bank(9999) != nil && z.bank(9999).name == "" {
		t.Errorf("unknown codes found")
	}
	if gunma.branchNamed("前橋") == nil || gunma.branchNamed("マエハ\u3099シ") == nil || gunma.branchNamed("東京営業部") != nil {
		t.Errorf("群馬銀行 branch names are wrong")
	}
	if yu := z.bank(9900); yu == nil || yu.branchNamed("〇一八") == nil || yu.branch(18) == nil {
		t.Errorf("ゆうちょ branch 〇一八 (018) missing")
	}
	if !z.isBranchName("東京営業部") || z.isBranchName("存在しない") {
		t.Errorf("isBranchName is wrong")
	}
	if !isAnyCodePair("0128112") || isAnyCodePair("0128999") {
		t.Errorf("isAnyCodePair is wrong")
	}
}

// TestZenginLoad reports what parsing the list costs (it runs once, lazily).
func TestZenginLoad(t *testing.T) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	z := parseZengin(zenginText)
	took := time.Since(start)
	runtime.GC()
	runtime.ReadMemStats(&after)
	n := 0
	for _, b := range z.banks {
		n += len(b.branches)
	}
	t.Logf("Zengin list: %d banks, %d branches, %d bytes embedded, parsed in %v, %d KiB of heap",
		len(z.banks), n, len(zenginText), took, (int64(after.HeapAlloc)-int64(before.HeapAlloc))/1024)
	runtime.KeepAlive(z)
}

func TestBankAccountFindNoAlloc(t *testing.T) {
	d := New([]Rule{bankAccountRule{}})
	zengin()
	lines := []string{
		"普通教室の備品 1234567 と 2345678 を点検しました。",
		"ミライ銀行 サクラ支店 受付 1234567",
		"口座振替の案内、給食費は2024年4月15日に引き落とします。",
	}
	dst := make([]Match, 0, 8)
	for i, s := range lines {
		if n := testing.AllocsPerRun(50, func() { _, dst = d.FindText(s, dst[:0]) }); n != 0 {
			t.Errorf("line %d: FindText allocates %v times without matches", i, n)
		}
	}
}

// BenchmarkBankProse measures the rule alone on prose: roster lines with
// no bank data (the common case), lines full of 7-digit codes, and bank
// records.
func BenchmarkBankProse(b *testing.B) {
	cases := map[string][]string{
		"roster": rosterLines(1000),
		"codes": rows(200, func(i int) string {
			return fmt.Sprintf("備品 %07d 机 %07d 椅子 %d台", 1000000+i*7, 2000000+i*9, i)
		}),
		"bank": rows(200, func(i int) string {
			return fmt.Sprintf("振込先は群馬銀行 前橋支店 普通 %07d です。名義はヤマダ タロウ。", 1234567+i)
		}),
	}
	d := New([]Rule{bankAccountRule{}})
	zengin()
	for name, lines := range cases {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(strings.Join(lines, ""))))
			var dst []Match
			for b.Loop() {
				for _, l := range lines {
					dst = d.FindFolded(l, dst[:0])
				}
			}
		})
	}
}
