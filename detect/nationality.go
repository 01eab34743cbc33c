package detect

// nationalityRule finds 国籍 columns. Under a header it accepts a country
// name (countries.go), an ISO 3166-1 code (JP, VNM) or any short text
// without digits (forms write 中国（台湾）or スリランカ民主社会主義共和国);
// without a header, only country names: codes alone are any two letters.
var nationalityRule = &columnRule{
	id:      "nationality",
	cat:     Nationality,
	headers: []string{"国籍", "国籍・地域", "国籍地域", "出身国", "nationality", "citizenship"},
	accept:  acceptNationality,
	mask:    maskAll,
	examples: []Example{
		{Text: "ベトナム", Cell: true, Header: true, Want: true},
		{Text: "日本", Cell: true, Header: true, Want: true},
		{Text: "VNM", Cell: true, Header: true, Want: true},
		{Text: "jp", Cell: true, Header: true, Want: true},
		{Text: "1234", Cell: true, Header: true, Want: false},
		{Text: "日本", Cell: true, Header: false, Want: true},
		{Text: "ネパール籍", Cell: true, Header: false, Want: true},
		{Text: "JP", Cell: true, Header: false, Want: false},
		{Text: "東京", Cell: true, Header: false, Want: false},
	},
}

func init() { register(nationalityRule) }

var nationalityText = textValue(30)

func acceptNationality(v string, header bool) (string, bool) {
	if isCountry(v, header) {
		return v, true
	}
	return nationalityText(v, header)
}
