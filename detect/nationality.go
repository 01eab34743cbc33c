package detect

// nationalityRule finds 国籍 columns.
var nationalityRule = &columnRule{
	id:      "nationality",
	cat:     Nationality,
	headers: []string{"国籍", "国籍・地域", "nationality", "citizenship"},
	accept:  textValue(30),
	mask:    maskAll,
	examples: []Example{
		{Text: "ベトナム", Cell: true, Header: true, Want: true},
		{Text: "日本", Cell: true, Header: true, Want: true},
		{Text: "日本", Cell: true, Header: false, Want: false},
		{Text: "1234", Cell: true, Header: true, Want: false},
	},
}

func init() { register(nationalityRule) }
