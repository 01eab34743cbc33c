package detect

import "strings"

// genderRule finds 性別 columns.
var genderRule = &columnRule{
	id:      "gender",
	cat:     Gender,
	headers: []string{"性別", "男女", "男女別", "sex", "gender"},
	accept:  acceptGender,
	mask:    maskAll,
	examples: []Example{
		{Text: "男", Cell: true, Header: true, Want: true},
		{Text: "女性", Cell: true, Header: true, Want: true},
		{Text: "F", Cell: true, Header: true, Want: true},
		{Text: "未定", Cell: true, Header: true, Want: false},
		{Text: "男", Cell: true, Header: false, Want: false},
	},
}

func init() { register(genderRule) }

var genderValues = map[string]bool{
	"男": true, "女": true, "男性": true, "女性": true, "男子": true, "女子": true,
	"m": true, "f": true, "male": true, "female": true, "1": true, "2": true,
}

func acceptGender(v string, header bool) (string, bool) {
	return v, header && genderValues[strings.ToLower(v)]
}
