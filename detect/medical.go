package detect

// medicalRule finds columns of conditions, history and medication
// (要配慮個人情報). The condition vocabulary comes with issue 3.
var medicalRule = &columnRule{
	id:  "medical",
	cat: Medical,
	headers: []string{"既往症", "既往歴", "病歴", "持病", "健康状態", "配慮事項", "服薬", "服薬状況", "障害",
		"障がい", "疾患", "病名", "診断名", "medical", "medical history", "condition"},
	accept: headerOnly,
	mask:   maskAll,
	examples: []Example{
		{Text: "喘息", Cell: true, Header: true, Want: true},
		{Text: "特になし", Cell: true, Header: true, Want: false},
		{Text: "喘息", Cell: true, Header: false, Want: false},
	},
}

func init() { register(medicalRule) }
