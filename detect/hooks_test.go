package detect

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"mamori/scan"
)

var hookRoster = []string{
	"氏名,生年月日,電話番号",
	"山田 太郎,2010/04/01,090-1234-5678",
	"佐藤 花子,2010/05/02,080-2345-6789",
	"鈴木 一郎,2010/06/03,070-3456-7890",
	"高橋 美咲,2010/07/04,090-4567-8901",
	"田中 健太,2010/08/05,080-5678-9012",
}

// feedWith is feed with a file set up by setup.
func feedWith(t *testing.T, d *Detector, setup func(*File), lines []string) Result {
	t.Helper()
	f := d.NewFile()
	setup(f)
	for i, line := range lines {
		f.Row("", cellsOf(line, i+1))
	}
	return f.Result()
}

// TestAllowlistInAFile: values allowed by fingerprint or category are not
// findings, and a row left with nothing is nobody; a whole-file entry
// leaves the file with nothing found.
func TestAllowlistInAFile(t *testing.T) {
	key := bytes.Repeat([]byte{7}, 32)
	d := New(Builtin())
	now := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	list, err := NewAllowlist([]AllowEntry{
		{Category: Phone, Reason: "phones here are the school's own"},
		{Path: "職員/**", Category: PersonName, Fingerprint: Fingerprint(key, "山田 太郎"), Reason: "the head teacher"},
		{Path: "公開/挨拶.csv", Reason: "published on purpose"},
	}, key, now)
	if err != nil {
		t.Fatal(err)
	}
	res := feedWith(t, d, func(f *File) { f.Allow(list.ForFile("職員/名簿.csv")) }, hookRoster)
	if _, ok := res.Categories[Phone]; ok {
		t.Error("allowed phones were reported")
	}
	if got := res.Categories[PersonName].Count; got != 4 {
		t.Errorf("names: %d, want 4 (山田 太郎 is allowed by fingerprint)", got)
	}
	other := feedWith(t, d, func(f *File) { f.Allow(list.ForFile("生徒/名簿.csv")) }, hookRoster)
	if got := other.Categories[PersonName].Count; got != 5 {
		t.Errorf("names elsewhere: %d, want 5 (the fingerprint entry is for 職員/ only)", got)
	}
	whole := feedWith(t, d, func(f *File) { f.Allow(list.ForFile("公開/挨拶.csv")) }, hookRoster)
	if !whole.Allowed || len(whole.Categories) != 0 || whole.Subjects != 0 {
		t.Errorf("whole-file entry: allowed=%v categories=%v subjects=%d", whole.Allowed, categoriesOf(whole), whole.Subjects)
	}
	prose := d.NewFile()
	prose.Allow(list.ForFile("生徒/連絡.txt"))
	prose.Text("連絡先 090-1234-5678 山田 太郎 様", scan.Loc{Line: 1, Col: 1})
	if _, ok := prose.Result().Categories[Phone]; ok {
		t.Error("an allowed phone was reported in prose")
	}
	if unused := list.Unused(); len(unused) != 0 {
		t.Errorf("unused entries: %v", unused)
	}
}

// TestRosterConfirmsRows: rows that match the roster are counted as the
// organisation's own people.
func TestRosterConfirmsRows(t *testing.T) {
	key := bytes.Repeat([]byte{9}, 32)
	cols, err := RosterColumns([]string{"氏名", "生年月日"})
	if err != nil {
		t.Fatal(err)
	}
	b := NewRosterBuilder(key, cols)
	b.Add([]string{"山田太郎", "平成22年4月1日"})
	b.Add([]string{"佐藤 花子", "2010-05-02"})
	b.Add([]string{"伊藤 翔太", "2010/09/09"}) // not in the file
	var buf bytes.Buffer
	if _, err := b.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	r, err := ReadRoster(&buf, key)
	if err != nil {
		t.Fatal(err)
	}
	res := feedWith(t, New(Builtin()), func(f *File) { f.Roster(r) }, hookRoster)
	if res.Confirmed != 2 || res.Subjects != 5 {
		t.Errorf("confirmed %d of %d subjects, want 2 of 5", res.Confirmed, res.Subjects)
	}
}

// TestCustomRulesInAFile: a custom category of kind health makes a file
// high risk; a pattern that runs out of time is a notice of the file.
func TestCustomRulesInAFile(t *testing.T) {
	cfg, err := ParseRules([]byte(`
[[rule]]
id = "counselling"
category = "custom:counselling"
kind = "health"
pattern = '''相談記録\d{4}'''
examples = ["相談記録1234"]

[[rule]]
id = "slow"
category = "custom:slow"
pattern = '''(a+)+$'''
`), "test.toml")
	if err != nil {
		t.Fatal(err)
	}
	d := NewWith(cfg)
	f := d.NewFile()
	f.Text("山田 太郎 様 相談記録1234 090-1234-5678", scan.Loc{Line: 1, Col: 1})
	f.Text(strings.Repeat("a", 5000)+"b", scan.Loc{Line: 2, Col: 1})
	res := f.Result()
	if _, ok := res.Categories["custom:counselling"]; !ok {
		t.Fatalf("custom category not found: %v", categoriesOf(res))
	}
	if risk, appi := res.Assess(VolumePublic); risk != RiskHigh || !strings.Contains(strings.Join(appi, ","), ReasonSensitive) {
		t.Errorf("risk %s %v, want high for a health category", risk, appi)
	}
	if len(res.Notices) != 1 || !strings.Contains(res.Notices[0], "slow") || strings.Contains(res.Notices[0], "aaa") {
		t.Errorf("notices %q, want one naming the rule and no text", res.Notices)
	}
}

// TestRosterSettlesNameColumn: names the lexicon does not hold, under a
// header that names nothing, are not taken for names, until the roster
// knows the people.
func TestRosterSettlesNameColumn(t *testing.T) {
	rows := []string{
		"対象,生年月日,備考",
		"小鳥遊 三郎,2010/04/01,済",
		"百目鬼 花子,2010/05/02,済",
		"月見里 二郎,2010/06/03,未",
		"勘解由小路 一,2010/07/04,済",
		"四月一日 結,2010/08/05,未",
	}
	d := New(Builtin())
	without := feedWith(t, d, func(*File) {}, rows)
	if _, ok := without.Categories[PersonName]; ok {
		t.Fatalf("the lexicon already takes these for names (pick rarer ones): %v", categoriesOf(without))
	}
	key := bytes.Repeat([]byte{5}, 32)
	cols, err := RosterColumns([]string{"氏名", "生年月日"})
	if err != nil {
		t.Fatal(err)
	}
	b := NewRosterBuilder(key, cols)
	for _, p := range [][]string{{"小鳥遊 三郎", "2010/04/01"}, {"百目鬼 花子", "2010/05/02"}, {"月見里 二郎", "2010/06/03"}, {"四月一日 結", "2010/08/05"}} {
		b.Add(p)
	}
	var buf bytes.Buffer
	b.WriteTo(&buf)
	r, err := ReadRoster(&buf, key)
	if err != nil {
		t.Fatal(err)
	}
	with := feedWith(t, d, func(f *File) { f.Roster(r) }, rows)
	if got := with.Categories[PersonName].Count; got != 5 {
		t.Errorf("names with the roster: %d, want 5 (%v)", got, categoriesOf(with))
	}
	if with.Confirmed != 4 || with.Subjects != 5 {
		t.Errorf("confirmed %d of %d subjects, want 4 of 5", with.Confirmed, with.Subjects)
	}
	stranger := feedWith(t, d, func(f *File) { f.Roster(r) }, []string{
		"対象,生年月日,備考",
		"小鳥遊 三郎,2011/04/01,済", // another birth date: not the roster's pupil
		"百目鬼 花子,2011/05/02,済",
		"月見里 二郎,2011/06/03,未",
		"勘解由小路 一,2011/07/04,済",
		"四月一日 結,2011/08/05,未",
	})
	if _, ok := stranger.Categories[PersonName]; ok {
		t.Error("a column matching nobody in the roster was taken for names")
	}
}

// TestRosterConfirmsPassages: a letter naming a pupil with their birth
// date confirms that pupil once, however often the line recurs.
func TestRosterConfirmsPassages(t *testing.T) {
	key := bytes.Repeat([]byte{6}, 32)
	cols, err := RosterColumns([]string{"氏名", "生年月日"})
	if err != nil {
		t.Fatal(err)
	}
	b := NewRosterBuilder(key, cols)
	b.Add([]string{"山田 太郎", "2010/04/01"})
	var buf bytes.Buffer
	b.WriteTo(&buf)
	r, err := ReadRoster(&buf, key)
	if err != nil {
		t.Fatal(err)
	}
	f := New(Builtin()).NewFile()
	f.Roster(r)
	for i, line := range []string{
		"児童氏名 山田 太郎 様（生年月日 平成22年4月1日）",
		"児童氏名 山田 太郎 様（生年月日 平成22年4月1日）",
		"児童氏名 佐藤 花子 様（生年月日 平成22年5月2日）",
		"山田 太郎 様へのお知らせ",
	} {
		f.Text(line, scan.Loc{Line: i + 1, Col: 1})
	}
	if got := f.Result().Confirmed; got != 1 {
		t.Errorf("confirmed %d, want 1 (山田 太郎 with his birth date, once)", got)
	}
}
