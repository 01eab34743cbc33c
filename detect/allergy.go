package detect

// allergyRule finds allergy columns (要配慮個人情報). The allergen
// vocabulary and prose detection come with issue 3.
var allergyRule = &columnRule{
	id:      "allergy",
	cat:     Allergy,
	headers: []string{"アレルギー", "食物アレルギー", "アレルギー食品", "アレルゲン", "除去食", "除去食品", "薬物アレルギー", "エピペン", "allergy", "allergies"},
	accept:  headerOnly,
	mask:    maskAll,
	examples: []Example{
		{Text: "卵・乳", Cell: true, Header: true, Want: true},
		{Text: "なし", Cell: true, Header: true, Want: false},
		{Text: "卵", Cell: true, Header: false, Want: false},
	},
}

func init() { register(allergyRule) }
