package detect

import (
	"fmt"
	"strings"
	"testing"
)

func TestGenderValues(t *testing.T) {
	for _, v := range []string{"男", "女", "男性", "女性", "男子", "女子", "M", "f", "Male", "FEMALE", "1", "2", "♀"} {
		if _, ok := genderRule.Value(Fold(v), true); !ok {
			t.Errorf("%q under 性別 not accepted", v)
		}
		if _, ok := genderRule.Value(Fold(v), false); ok {
			t.Errorf("%q accepted without a header", v)
		}
	}
	for _, v := range []string{"0", "3", "未定", "男女", "-", ""} {
		if _, ok := genderRule.Value(v, true); ok {
			t.Errorf("%q under 性別 accepted", v)
		}
	}
}

func TestNationalityValues(t *testing.T) {
	if n := len(countryNames); n < 200 {
		t.Errorf("%d country names, want at least 200", n)
	}
	if n := len(countryCodes); n < 380 {
		t.Errorf("%d country codes, want at least 380", n)
	}
	for _, v := range []string{"日本", "中国", "韓国", "朝鮮", "ベトナム", "フィリピン", "ブラジル", "ネパール", "インドネシア",
		"ミャンマー", "台湾", "米国", "アメリカ", "ペルー", "タイ", "ベトナム籍", "JP", "JPN", "VN", "VNM", "ph", "BRA"} {
		if _, ok := nationalityRule.Value(v, true); !ok {
			t.Errorf("%q under 国籍 not accepted", v)
		}
	}
	bare := map[string]bool{"日本": true, "ブラジル": true, "ネパール籍": true, "JP": false, "VNM": false, "前橋": false, "男": false}
	for v, want := range bare {
		if _, ok := nationalityRule.Value(v, false); ok != want {
			t.Errorf("%q without a header: ok = %v, want %v", v, ok, want)
		}
	}
	for _, line := range strings.Split(countryTable, "\n") {
		if f := strings.Fields(line); len(f) != 0 && (len(f) != 3 || len(f[1]) != 2 || len(f[2]) != 3) {
			t.Errorf("bad country line %q", line)
		}
	}
}

func TestDemographicTables(t *testing.T) {
	nat := []string{"日本", "ベトナム", "中国", "フィリピン", "ブラジル", "ネパール", "韓国"}
	checkTables(t, map[string]tableCase{
		"roster with gender and nationality": {
			lines: append([]string{"氏名,性別,国籍"}, rows(14, func(i int) string {
				return fmt.Sprintf("%s,%s,%s", name(i), []string{"M", "F"}[i%2], nat[i%len(nat)])
			})...),
			subjects:   14,
			categories: []string{"person_name", "gender", "nationality"},
		},
		"nationality by value beside phones": {
			lines:      rows(14, func(i int) string { return fmt.Sprintf("%s,%s", mobile(i), nat[i%len(nat)]) }),
			subjects:   14,
			categories: []string{"phone", "nationality"},
		},
		"country list names nobody": {
			lines: append([]string{"国名,輸入額"}, rows(14, func(i int) string { return fmt.Sprintf("%s,%d", nat[i%len(nat)], 1000+i) })...),
		},
		"gender and class alone single out nobody": {
			lines: append([]string{"性別,学年,国籍"}, rows(10, func(i int) string {
				return fmt.Sprintf("%s,%d,%s", []string{"男", "女"}[i%2], 1+i%6, nat[i%len(nat)])
			})...),
		},
	})
}

// TestDemographicMasks: quasi and health values mask to runs of '*'.
func TestDemographicMasks(t *testing.T) {
	for _, r := range []Rule{genderRule, nationalityRule, schoolRecordRule, allergyRule, medicalRule} {
		for _, v := range []string{"男", "ベトナム", "3年2組", "卵・乳", "喘息", "*", "**"} {
			m := r.Mask(v)
			if strings.Contains(m, v) || strings.Trim(m, "*#") != "" {
				t.Errorf("%s: mask of a %d-byte value is not a run of stars", r.ID(), len(v))
			}
		}
	}
}
