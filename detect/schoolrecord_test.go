package detect

import (
	"fmt"
	"testing"
)

func TestSchoolRecordValues(t *testing.T) {
	cases := map[string]struct {
		header, bare bool // accepted under a header, and without one
	}{
		"0":              {true, false},
		"100":            {true, false},
		"1000":           {true, false},
		"1001":           {false, false},
		"58.3":           {true, false},
		"5":              {true, false},
		"A":              {true, false},
		"B+":             {true, false},
		"優":              {true, false},
		"◎":              {true, false},
		"もう少し":           {true, false},
		"1組":             {true, false},
		"A組":             {true, false},
		"い組":             {true, false},
		"い":              {true, false},
		"3-2":            {true, false},
		"1年":             {true, false},
		"3年2組":           {true, true},
		"三年一組":           {true, true},
		"3年A組":           {true, true},
		"小1":             {true, true},
		"中3":             {true, true},
		"高2":             {true, true},
		"第1学年":           {true, true},
		"5年生":            {true, true},
		"2024001":        {true, false},
		"S2024-015":      {true, false},
		"2024/4/1":       {false, false},
		"100点満点":         {false, false},
		"山田":             {false, false},
		"123組合":          {false, false},
		"第1":             {false, false},
		"12345678901234": {false, false},
	}
	for v, c := range cases {
		_, h := schoolRecordRule.Value(v, true)
		_, b := schoolRecordRule.Value(v, false)
		if h != c.header || b != c.bare {
			t.Errorf("%q: header %v, bare %v; want %v, %v", v, h, b, c.header, c.bare)
		}
	}
}

func TestSchoolRecordTables(t *testing.T) {
	checkTables(t, map[string]tableCase{
		"score sheet": {
			lines: append([]string{"出席番号,氏名,国語,算数,理科,社会,評定"}, rows(12, func(i int) string {
				return fmt.Sprintf("%d,%s,%d,%d,%d,%d,%d", i+1, name(i), 60+i, 95-i, 70+i%7, 88-i%5, 1+i%5)
			})...),
			subjects:   12,
			categories: []string{"person_name", "school_record"},
		},
		"class list without people": {
			lines: append([]string{"学年,組,教室,担当教科"}, rows(10, func(i int) string {
				return fmt.Sprintf("%d,%d,第%d教室,理科", 1+i%3, 1+i%4, i+1)
			})...),
		},
		"classes by value beside phones": {
			lines: rows(10, func(i int) string {
				return fmt.Sprintf("%s,%d年%d組", mobile(i), 1+i%6, 1+i%4)
			}),
			subjects:   10,
			categories: []string{"phone", "school_record"},
		},
		"inventory with 評価額 is not marks": {
			lines: append([]string{"品名,数量,評価額"}, rows(10, func(i int) string {
				return fmt.Sprintf("机,%d,%d", i+1, 12000+i*100)
			})...),
		},
	})
}
