package detect

// medicalRule finds conditions, disabilities, history and medication
// (要配慮個人情報): in columns headed 既往症, 病歴, 持病, 配慮事項 and the
// like or in columns of condition names, and in prose where a condition
// stands near a medical word (既往症, 診断, 服薬, 発作, ...のため, あり) and
// a person (さん, 児童, 本人 ...): a leaflet about 喘息 names nobody.
var medicalRule = newHealthRule(&healthRule{
	id:  "medical",
	cat: Medical,
	headers: []string{"既往症", "既往歴", "病歴", "持病", "健康状態", "配慮事項", "服薬", "服薬状況", "障害",
		"障がい", "疾患", "疾病", "病名", "診断名", "傷病名", "主治医所見", "medical", "medical history", "condition",
		"diagnosis", "disability", "medication"},
	terms:    newTermSet(medicalConditions, medicalDisabilities, medicalMental, medicalMedications),
	suffixes: medicalSuffixes,
	context: []string{"既往", "持病", "診断", "服薬", "通院", "入院", "病院", "発作", "主治医", "医師", "配慮", "治療",
		"療育", "投薬", "処方", "内服", "受診", "症状", "罹患", "手帳", "のため", "あり"},
	need: true,
	examples: []Example{
		{Text: "山田さんは喘息の持病があります", Want: true},
		{Text: "本児はてんかんのため服薬中", Want: true},
		{Text: "生徒 佐藤：ADHDの診断あり、主治医と連携", Want: true},
		{Text: "保護者より、1型糖尿病でインスリン注射を行っていると連絡あり", Want: true},
		{Text: "喘息について（保健だより）：発作の予防には換気を", Want: false},
		{Text: "てんかん発作時の対応マニュアル", Want: false},
		{Text: "がんばる生徒が通院の付き添い", Want: false},
		{Text: "WORLD大会の診断士と生徒", Want: false},
		{Text: "喘息", Cell: true, Header: true, Want: true},
		{Text: "食後に服薬(朝夕)", Cell: true, Header: true, Want: true},
		{Text: "特になし", Cell: true, Header: true, Want: false},
		{Text: "良好", Cell: true, Header: true, Want: false},
		{Text: "既往症なし", Cell: true, Header: true, Want: false},
		{Text: "喘息", Cell: true, Header: false, Want: true},
		{Text: "アトピー性皮膚炎・喘息（軽度）", Cell: true, Header: false, Want: true},
		{Text: "ADHD", Cell: true, Header: false, Want: true},
		{Text: "体育館", Cell: true, Header: false, Want: false},
		{Text: "LDK", Cell: true, Header: false, Want: false},
	},
})

func init() { register(medicalRule) }
