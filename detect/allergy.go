package detect

// allergyRule finds allergy data (要配慮個人情報): food allergens named by
// 食品表示基準 and drug and other allergens, in columns headed アレルギー,
// 除去食 and the like or in columns of allergen lists, and in prose near
// アレルギー, エピペン, 除去 or アナフィラキシー. A menu that lists 卵 and
// 小麦 has no such word near them and is not allergy data; a food notice
// (献立, 原材料, 表示 ...) is not either, unless a person is named near.
var allergyRule = newHealthRule(&healthRule{
	id:  "allergy",
	cat: Allergy,
	headers: []string{"アレルギー", "食物アレルギー", "アレルギー食品", "アレルゲン", "除去食", "除去食品",
		"薬物アレルギー", "薬剤アレルギー", "エピペン", "allergy", "allergies", "allergen"},
	terms:    newTermSet(specifiedAllergens, recommendedAllergens, otherAllergens, drugAllergens),
	markers:  newTermSet(allergyMarkers),
	suffixes: allergySuffixes,
	context:  []string{"アレルギー", "アレルゲン", "エピペン", "除去", "アナフィラキシー"},
	// veto marks menus, labels and notices to everyone: allergens named
	// there are about food, not a person (unless a person word is near).
	veto: []string{"献立", "メニュー", "原材料", "材料", "食材", "含む", "含み", "含まれ", "含有", "表示", "使用", "商品",
		"調理", "希望する", "申請", "場合", "について", "皆様", "皆さん", "各位", "お知らせ"},
	examples: []Example{
		{Text: "卵アレルギーのため除去食", Want: true},
		{Text: "エピペン所持（落花生）", Want: true},
		{Text: "山田さんはそばアレルギーがあります", Want: true},
		{Text: "薬物アレルギー：ペニシリン系", Want: true},
		{Text: "佐藤さんはエピペンを持っています", Want: true},
		{Text: "本日の献立: 卵焼き、小麦粉のパン、牛乳", Want: false},
		{Text: "アレルギー表示（特定原材料）：卵・乳・小麦を含みます", Want: false},
		{Text: "エピペンの使い方研修を行います", Want: false},
		{Text: "保護者の皆様へ：卵・乳の除去食を希望する場合は申請してください", Want: false},
		{Text: "スイカとエビデンスのアレルギー", Want: false},
		{Text: "卵・乳", Cell: true, Header: true, Want: true},
		{Text: "果物全般", Cell: true, Header: true, Want: true},
		{Text: "有", Cell: true, Header: true, Want: true},
		{Text: "なし", Cell: true, Header: true, Want: false},
		{Text: "アレルギーなし", Cell: true, Header: true, Want: false},
		{Text: "2024/4/1", Cell: true, Header: true, Want: false},
		{Text: "卵", Cell: true, Header: false, Want: true},
		{Text: "小麦・そば（アナフィラキシー）", Cell: true, Header: false, Want: true},
		{Text: "エビ、カニ", Cell: true, Header: false, Want: true},
		{Text: "卵焼き", Cell: true, Header: false, Want: false},
		{Text: "鶏のから揚げ", Cell: true, Header: false, Want: false},
	},
})

func init() { register(allergyRule) }
