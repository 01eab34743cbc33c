package detect

import (
	"fmt"
	"strings"
	"testing"
)

// TestHealthTables runs menus and health surveys through the real detector:
// allergens in a menu are not allergy data; in a roster they are.
func TestHealthTables(t *testing.T) {
	dishes := []string{"卵焼き", "小麦粉のパン", "牛乳", "えびフライ", "そば", "さばの味噌煮", "大豆の煮物", "りんご"}
	allergies := []string{"卵", "乳・小麦", "そば", "えび、かに", "落花生（エピペン所持）", "キウイフルーツ", "なし", "ペニシリン系"}
	conditions := []string{"喘息", "なし", "てんかん(服薬中)", "アトピー性皮膚炎", "1型糖尿病", "熱性けいれん", "ADHD", "心疾患"}
	checkTables(t, map[string]tableCase{
		"menu with header": {
			lines: append([]string{"日付,献立,使用食材,エネルギー"}, rows(20, func(i int) string {
				return fmt.Sprintf("4/%d,%s,%s,%d", i+1, dishes[i%len(dishes)], dishes[(i+3)%len(dishes)], 600+i)
			})...),
		},
		"menu without header": {
			lines: rows(20, func(i int) string {
				return fmt.Sprintf("4/%d,%s,%s,%d", i+1, dishes[i%len(dishes)], dishes[(i+3)%len(dishes)], 600+i)
			}),
		},
		"allergen table of a menu names nobody": {
			lines: append([]string{"献立名,アレルゲン"}, rows(12, func(i int) string {
				return fmt.Sprintf("%s,%s", dishes[i%len(dishes)], allergies[i%len(allergies)])
			})...),
		},
		"health survey": {
			lines: append([]string{"令和6年度 保健調査票", "学年,組,氏名,性別,アレルギー,既往症,エピペン"}, rows(16, func(i int) string {
				return fmt.Sprintf("%d,%d,%s,%s,%s,%s,%s", 1+i%6, 1+i%3, name(i), []string{"男", "女"}[i%2],
					allergies[i%len(allergies)], conditions[i%len(conditions)], []string{"無", "有"}[i%2])
			})...),
			subjects:   16,
			categories: []string{"person_name", "allergy", "medical", "school_record", "gender"},
		},
		"allergy and medical by value beside phones": {
			lines: rows(16, func(i int) string {
				return fmt.Sprintf("%s,%s,%s", mobile(i), allergies[i%len(allergies)], conditions[i%len(conditions)])
			}),
			subjects:   16,
			categories: []string{"phone", "allergy", "medical"},
		},
		"health columns of none": {
			lines: append([]string{"氏名,アレルギー,既往症,健康状態"}, rows(8, func(i int) string {
				return name(i) + ",アレルギーなし,特記事項なし,良好"
			})...),
			subjects:   8,
			categories: []string{"person_name"},
		},
	})
}

// TestHealthCounts: an allergy column counts the rows that hold one.
func TestHealthCounts(t *testing.T) {
	res := feed(t, append([]string{"氏名,アレルギー"}, rows(10, func(i int) string {
		return name(i) + "," + []string{"卵", "なし"}[i%2]
	})...))
	if got := res.Categories[Allergy].Count; got != 5 {
		t.Errorf("allergy count = %d, want 5", got)
	}
	for _, s := range res.Categories[Allergy].Samples {
		if strings.Contains(s, "卵") {
			t.Errorf("allergy sample (%d bytes) shows the value", len(s))
		}
	}
}

// TestHealthProse checks what prose matches and where, beyond the rules'
// own examples.
func TestHealthProse(t *testing.T) {
	cases := map[string]struct {
		text string
		want map[string]int // matches per rule
	}{
		"allergy with removal":    {"卵アレルギーのため除去食を提供", map[string]int{"allergy": 1}},
		"several allergens":       {"食物アレルギー：えび・かに・そば", map[string]int{"allergy": 3}},
		"drug allergy":            {"アレルギー（薬剤）：セフェム系、アスピリン", map[string]int{"allergy": 2}},
		"menu line":               {"本日の献立: 卵焼き、小麦粉のパン、牛乳", nil},
		"menu notice with words":  {"この献立には卵・乳・小麦を使用しています。アレルギーのある方はご注意ください", nil},
		"notice to all guardians": {"保護者の皆様へ。卵・乳・小麦の除去食を希望する場合は申請書を提出してください", nil},
		"notice to all pupils":    {"生徒の皆さん、花粉症の症状があるときは医師の診断を受けましょう", nil},
		"menu notice for a pupil": {"山田さんは卵アレルギーのため、献立の卵焼きを除去", map[string]int{"allergy": 2}},
		"hiragana inside words":   {"アレルギーをさけるため、たしかにいかがでしょう", nil},
		"milk in infant":          {"乳児のアレルギー相談会", nil},
		"medical with person":     {"3年の田中君は気管支喘息の持病があり、発作時は吸入薬を使用", map[string]int{"medical": 2}},
		"medical leaflet":         {"喘息について：発作が起きたら安静にし、医師の診断を受けましょう", nil},
		"medical without context": {"山田さんの好きな科目は理科です", nil},
		"disability":              {"本人は自閉スペクトラム症の診断を受けており、療育手帳を所持", map[string]int{"medical": 2}},
	}
	d := New(Builtin())
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			folded, ms := d.FindText(c.text, nil)
			got := map[string]int{}
			for _, m := range ms {
				checkMatch(t, name, d, folded, m)
				if m.Category == Allergy || m.Category == Medical {
					got[m.Rule]++
				}
			}
			for _, id := range []string{"allergy", "medical"} {
				if got[id] != c.want[id] {
					t.Errorf("%s matches = %d, want %d", id, got[id], c.want[id])
				}
			}
		})
	}
}

func TestTermStands(t *testing.T) {
	v := newTermSet([]string{"イカ", "いか", "LD", "乳", "卵"})
	cases := map[string]bool{
		"イカ":    true,
		"スイカ":   false,
		"イカリング": false,
		"いかの":   true,
		"いかが":   false,
		"はいかと":  true,
		"LD":    true,
		"WORLD": false,
		"LDK":   false,
		"乳児":    false,
		"乳":     true,
		"卵焼き":   true,
	}
	for s, want := range cases {
		found := false
		for i := 0; i < len(s); i = healthRunesAhead(s, i, 1) {
			found = found || v.termAt(s, i) > 0
		}
		if found != want {
			t.Errorf("%q: term found = %v, want %v", s, found, want)
		}
	}
}

func TestHealthVocabSizes(t *testing.T) {
	if n := allergyRule.terms.size; n < 100 {
		t.Errorf("allergy vocabulary has %d terms, want at least 100", n)
	}
	if n := medicalRule.terms.size; n < 150 {
		t.Errorf("medical vocabulary has %d terms, want at least 150", n)
	}
	for _, a := range []string{"えび", "かに", "くるみ", "小麦", "そば", "卵", "乳", "落花生", "アーモンド", "あわび", "いか",
		"いくら", "オレンジ", "カシューナッツ", "キウイフルーツ", "牛肉", "ごま", "さけ", "さば", "大豆", "鶏肉", "バナナ",
		"豚肉", "マカダミアナッツ", "もも", "やまいも", "りんご", "ゼラチン"} {
		if allergyRule.terms.prefix(a, 0) != len(a) {
			t.Errorf("allergen %q missing", a)
		}
	}
}
