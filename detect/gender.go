package detect

import "strings"

// genderRule finds 性別 columns. It works by header only: a gender column
// holds two or three distinct values, and the classifier never judges a
// column by its values alone with fewer than minDistinct (5) distinct
// values, since so few prove nothing (a column of 1 and 2 is any flag).
var genderRule = &columnRule{
	id:      "gender",
	cat:     Gender,
	headers: []string{"性別", "男女", "男女別", "性", "sex", "gender"},
	accept:  acceptGender,
	mask:    maskAll,
	examples: []Example{
		{Text: "男", Cell: true, Header: true, Want: true},
		{Text: "女性", Cell: true, Header: true, Want: true},
		{Text: "F", Cell: true, Header: true, Want: true},
		{Text: "Male", Cell: true, Header: true, Want: true},
		{Text: "2", Cell: true, Header: true, Want: true},
		{Text: "男児", Cell: true, Header: true, Want: true},
		{Text: "未定", Cell: true, Header: true, Want: false},
		{Text: "3", Cell: true, Header: true, Want: false},
		{Text: "男", Cell: true, Header: false, Want: false},
	},
}

func init() { register(genderRule) }

// genderValues are the answers a 性別 column holds; 1 and 2 are the codes
// of ISO/IEC 5218 and of Japanese administrative systems (1 男, 2 女).
var genderValues = map[string]bool{
	"男": true, "女": true, "男性": true, "女性": true, "男子": true, "女子": true, "男児": true, "女児": true,
	"おとこ": true, "おんな": true, "♂": true, "♀": true, "m": true, "f": true, "male": true, "female": true,
	"man": true, "woman": true, "boy": true, "girl": true, "1": true, "2": true,
}

func acceptGender(v string, header bool) (string, bool) {
	if !header {
		return "", false
	}
	if genderValues[v] {
		return v, true
	}
	return v, hasUpperASCII(v) && genderValues[strings.ToLower(v)]
}
