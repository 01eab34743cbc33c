package detect

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"mamori/scan"
)

// feed hands a CSV-like table (one record a line, comma-separated, no
// quoting) to a new File and returns its result.
func feed(t *testing.T, lines []string) Result {
	t.Helper()
	f := New(Builtin()).NewFile()
	for i, line := range lines {
		f.Row("", cellsOf(line, i+1))
	}
	return f.Result()
}

func cellsOf(line string, lineNo int) []scan.Cell {
	var cells []scan.Cell
	col := 1
	for j, v := range strings.Split(line, ",") {
		cells = append(cells, scan.Cell{Text: v, At: scan.Loc{Line: lineNo, Col: col}, Field: j})
		col += len([]rune(v)) + 1
	}
	return cells
}

func categoriesOf(r Result) []string {
	var out []string
	for _, c := range r.Sorted() {
		out = append(out, string(c))
	}
	return out
}

// rows makes n data rows from a format taking the row number.
func rows(n int, format func(i int) string) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = format(i)
	}
	return out
}

// name returns a distinct synthetic name for row i.
func name(i int) string {
	sur := []string{"山田", "佐藤", "鈴木", "田中", "伊藤", "高橋", "渡辺", "中村"}
	given := []string{"太郎", "花子", "翔太", "美咲", "大輝", "結衣", "蓮", "陽菜", "悠真", "葵", "湊"}
	return sur[i%len(sur)] + " " + given[(i/len(sur))%len(given)]
}

// mobile returns a distinct, valid mobile number for row i.
func mobile(i int) string { return fmt.Sprintf("090-%04d-%04d", 1000+i, 2000+i*7) }

// tableCase is a table and what a person would say it holds.
type tableCase struct {
	lines      []string
	subjects   int
	categories []string
}

// checkTables feeds each case's table to a new File and compares.
func checkTables(t *testing.T, cases map[string]tableCase) {
	t.Helper()
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			res := feed(t, c.lines)
			if res.Subjects != c.subjects {
				t.Errorf("subjects = %d, want %d", res.Subjects, c.subjects)
			}
			if got := categoriesOf(res); !slices.Equal(got, c.categories) {
				t.Errorf("categories = %v, want %v", got, c.categories)
			}
		})
	}
}

func TestTables(t *testing.T) {
	checkTables(t, map[string]tableCase{
		"roster with header": {
			lines:      append([]string{"氏名,電話番号,性別"}, rows(10, func(i int) string { return fmt.Sprintf("%s,%s,男", name(i), mobile(i)) })...),
			subjects:   10,
			categories: []string{"person_name", "phone", "gender"},
		},
		"header below a title line": {
			lines:      append([]string{"令和6年度 名簿", "氏名,メールアドレス"}, rows(6, func(i int) string { return fmt.Sprintf("%s,user%d@example.jp", name(i), i) })...),
			subjects:   6,
			categories: []string{"person_name", "email"},
		},
		"title line naming a category above the header": {
			lines:      append([]string{"第2学年 連絡名簿", "児童名,TEL,E-mail"}, rows(6, func(i int) string { return fmt.Sprintf("%s,%s,user%d@example.jp", name(i), mobile(i), i) })...),
			subjects:   6,
			categories: []string{"person_name", "phone", "email"},
		},
		"no header, names by value though some are rare": {
			lines: rows(10, func(i int) string {
				if i%3 == 0 {
					return fmt.Sprintf("勅使河原 %s,%d", []string{"紬", "凪", "朔", "碧"}[i/3], i)
				}
				return fmt.Sprintf("%s,%d", name(i), i)
			}),
			subjects:   10,
			categories: []string{"person_name"},
		},
		"no header, place names are not names": {
			lines: rows(10, func(i int) string {
				return fmt.Sprintf("%s,%d", []string{"前橋市", "高崎市", "桐生市", "伊勢崎市", "太田市", "沼田市", "館林市", "渋川市", "藤岡市", "富岡市"}[i], i)
			}),
			subjects: 0,
		},
		"no header, phones by value": {
			lines:      rows(8, func(i int) string { return fmt.Sprintf("%d,%s", i, mobile(i)) }),
			subjects:   8,
			categories: []string{"phone"},
		},
		"8-digit product codes are not phones": {
			lines:    append([]string{"品番,品名,単価"}, rows(30, func(i int) string { return fmt.Sprintf("%08d,鉛筆,%d", 12345678+i*1111, 100+i) })...),
			subjects: 0,
		},
		"one stray phone in a notes column": {
			lines: append([]string{"品名,数量,備考"}, rows(20, func(i int) string {
				if i == 3 {
					return "鉛筆,3,担当 090-1234-5678"
				}
				return fmt.Sprintf("鉛筆,%d,特記なし", i)
			})...),
			subjects: 0,
		},
		"addresses without people are not personal data": {
			lines: append([]string{"学校名,所在地,郵便番号"}, rows(10, func(i int) string {
				return fmt.Sprintf("第%d小学校,群馬県前橋市大手町%d-1-1,371-%04d", i, i+1, 100+i)
			})...),
			subjects: 0,
		},
		"business phone list is not about people": {
			lines: append([]string{"事業所名,電話番号,メール"}, rows(10, func(i int) string {
				return fmt.Sprintf("株式会社前橋商事%d,%s,info%d@example.co.jp", i, mobile(i), i)
			})...),
			subjects: 0,
		},
		"school and pupil in one table is about the pupil": {
			lines:      append([]string{"学校名,氏名,電話番号"}, rows(6, func(i int) string { return fmt.Sprintf("第一小学校,%s,%s", name(i), mobile(i)) })...),
			subjects:   6,
			categories: []string{"person_name", "phone"},
		},
		"birth dates need a birth-date header": {
			lines:    append([]string{"日付,件名"}, rows(10, func(i int) string { return fmt.Sprintf("2010/4/%d,会議", i+1) })...),
			subjects: 0,
		},
		"quasi set singles out a person": {
			lines:      append([]string{"生年月日,性別,学年"}, rows(5, func(i int) string { return fmt.Sprintf("2010/4/%d,女,3", i+1) })...),
			subjects:   5,
			categories: []string{"birth_date", "school_record", "gender"},
		},
		"allergy column of なし is not sensitive": {
			lines:      append([]string{"氏名,アレルギー"}, rows(5, func(i int) string { return name(i) + ",なし" })...),
			subjects:   5,
			categories: []string{"person_name"},
		},
		"tiny headerless table is read as prose": {
			lines:      []string{"連絡先,090-1111-2222"},
			subjects:   1,
			categories: []string{"phone"},
		},
	})
}

// TestTableBeyondSample: rows after the sampled ones are judged too, and
// each category counts rows, not cells.
func TestTableBeyondSample(t *testing.T) {
	n := sampleRows*3 + 7
	lines := append([]string{"氏名,保護者氏名,電話番号"}, rows(n, func(i int) string { return fmt.Sprintf("%s,%s,%s", name(i), name(i+1), mobile(i%9000)) })...)
	res := feed(t, lines)
	if res.Subjects != n {
		t.Errorf("subjects = %d, want %d", res.Subjects, n)
	}
	name := res.Categories[PersonName]
	if name.Count != n {
		t.Errorf("person_name count = %d, want %d (rows, not cells)", name.Count, n)
	}
	if want := []string{"氏名", "保護者氏名"}; !slices.Equal(name.Columns, want) {
		t.Errorf("person_name columns = %v, want %v", name.Columns, want)
	}
	if len(name.Samples) > maxSamples || len(name.Locations) != maxLocations {
		t.Errorf("samples %d, locations %d: limits are %d and %d", len(name.Samples), len(name.Locations), maxSamples, maxLocations)
	}
	if name.Locations[0] != "2:1" {
		t.Errorf("first location = %s, want 2:1", name.Locations[0])
	}
}

// TestRecordInParts: a record passed on in parts (longer than the scan's
// limits) is still one row.
func TestRecordInParts(t *testing.T) {
	f := New(Builtin()).NewFile()
	f.Row("", cellsOf("氏名,備考,電話番号", 1))
	for i := 0; i < 6; i++ {
		cells := cellsOf(fmt.Sprintf("%s,x,%s", name(i), mobile(i)), i+2)
		f.Row("", cells[:2])
		f.Row("", cells[2:])
	}
	res := f.Result()
	if res.Subjects != 6 || res.Categories[Phone].Count != 6 {
		t.Errorf("subjects %d, phones %d; want 6 and 6", res.Subjects, res.Categories[Phone].Count)
	}
}

// TestSheetsAreSeparateTables: two tables in one file are classified apart.
func TestSheetsAreSeparateTables(t *testing.T) {
	f := New(Builtin()).NewFile()
	f.Row("名簿", cellsOf("氏名,電話番号", 1))
	for i := 0; i < 4; i++ {
		f.Row("名簿", cellsOf(fmt.Sprintf("%s,%s", name(i), mobile(i)), i+2))
	}
	f.Row("備品", cellsOf("品名,数量", 1))
	for i := 0; i < 4; i++ {
		f.Row("備品", cellsOf(fmt.Sprintf("のり,%d", i), i+2))
	}
	if res := f.Result(); res.Subjects != 4 {
		t.Errorf("subjects = %d, want 4", res.Subjects)
	}
}

func TestProseCountsDistinctValues(t *testing.T) {
	f := New(Builtin()).NewFile()
	f.Text("連絡先 090-1234-5678 または 090-1234-5678", scan.Loc{Line: 1, Col: 1})
	f.Text("予備 080-2345-6789", scan.Loc{Line: 2, Col: 1})
	res := f.Result()
	if got := res.Categories[Phone].Count; got != 2 {
		t.Errorf("phone count = %d, want 2 distinct", got)
	}
	if want := []string{"1:5", "2:4"}; !slices.Equal(res.Categories[Phone].Locations, want) {
		t.Errorf("locations = %v, want %v", res.Categories[Phone].Locations, want)
	}
}

// TestAddressAloneInProse: a venue's address names nobody.
func TestAddressAloneInProse(t *testing.T) {
	for text, want := range map[string]bool{
		"運動会の会場：〒371-0026 群馬県前橋市大手町二丁目12-1":        false,
		"〒371-0026 前橋市大手町2-12-1 連絡先 090-1234-5678": true,
	} {
		f := New(Builtin()).NewFile()
		f.Text(text, scan.Loc{Line: 1, Col: 1})
		if _, got := f.Result().Categories[Address]; got != want {
			t.Errorf("%q: address reported %v, want %v", text, got, want)
		}
	}
}

func TestAssess(t *testing.T) {
	found := func(cs ...Category) map[Category]Finding {
		m := map[Category]Finding{}
		for _, c := range cs {
			m[c] = Finding{Count: 1}
		}
		return m
	}
	cases := map[string]struct {
		res  Result
		risk Risk
		appi []string
	}{
		"nothing":              {Result{}, RiskNone, nil},
		"quasi only":           {Result{Categories: found(Gender, BirthDate)}, RiskLow, nil},
		"direct":               {Result{Subjects: 3, Categories: found(PersonName, Phone)}, RiskMedium, nil},
		"health":               {Result{Subjects: 3, Categories: found(PersonName, Allergy)}, RiskHigh, []string{ReasonSensitive}},
		"account with holder":  {Result{Subjects: 3, Categories: found(PersonName, BankAccount)}, RiskHigh, []string{ReasonFinancial}},
		"account, no holder":   {Result{Subjects: 3, Categories: found(BankAccount)}, RiskMedium, nil},
		"my number":            {Result{Subjects: 1, Categories: found(MyNumber)}, RiskHigh, []string{ReasonMyNumber}},
		"volume over 100":      {Result{Subjects: 101, Categories: found(PersonName)}, RiskHigh, []string{ReasonVolume}},
		"volume at 100 is not": {Result{Subjects: 100, Categories: found(PersonName)}, RiskMedium, nil},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			risk, appi := c.res.Assess(VolumePublic)
			if risk != c.risk || !slices.Equal(appi, c.appi) {
				t.Errorf("Assess = %s %v, want %s %v", risk, appi, c.risk, c.appi)
			}
		})
	}
}

func TestHeaderIndex(t *testing.T) {
	d := New(Builtin())
	cases := map[string]Category{
		"電話番号":    Phone,
		"ＴＥＬ":     Phone,
		"保護者氏名":   PersonName,
		"E-Mail":  Email,
		"生年月日":    BirthDate,
		"自宅 電話番号": Phone,
		"組":       SchoolRecord,
	}
	for h, want := range cases {
		rules := d.headerRules(h)
		if !slices.ContainsFunc(rules, func(r Rule) bool { return r.Category() == want }) {
			t.Errorf("header %q names %v, want %s among them", h, rules, want)
		}
	}
	for _, h := range []string{"品名", "数量", "組合せ"} {
		for _, r := range d.headerRules(h) {
			if r.Category() == SchoolRecord || r.Category() == Phone {
				t.Errorf("header %q names %s", h, r.Category())
			}
		}
	}
}
