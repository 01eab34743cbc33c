package detect

import "strings"

// nameRule finds person names in columns headed 氏名, ふりがな, 保護者氏名,
// 預金者名 and the like. Names in prose and by lexicon come with issue 3.
var nameRule = &columnRule{
	id:  "person_name",
	cat: PersonName,
	headers: []string{
		"氏名", "名前", "姓名", "おなまえ", "お名前", "なまえ", "ふりがな", "フリガナ", "カナ氏名", "氏名カナ",
		"氏名(カナ)", "児童名", "生徒名", "児童氏名", "生徒氏名", "保護者氏名", "保護者名", "預金者名", "口座名義",
		"口座名義人", "名義人", "受取人名", "担任", "担任名", "name", "fullname", "full name", "kana",
	},
	accept: acceptName,
	mask:   MaskText,
	examples: []Example{
		{Text: "山田 太郎", Cell: true, Header: true, Want: true},
		{Text: "ﾔﾏﾀﾞ ﾀﾛｳ", Cell: true, Header: true, Want: true},
		{Text: "株式会社山田商店", Cell: true, Header: true, Want: false},
		{Text: "12345", Cell: true, Header: true, Want: false},
		{Text: "山田 太郎", Cell: true, Header: false, Want: false},
	},
}

func init() { register(nameRule) }

// notPersonMarks are words that make a value an organisation or place.
var notPersonMarks = []string{"株式会社", "(株)", "有限会社", "学校", "小学校", "中学校", "市役所", "役場", "教育委員会", "銀行", "支店", "病院", "協会", "組合"}

// notPersonChars holds a character of every notPersonMarks entry, so most
// names are passed without searching for each mark.
const notPersonChars = "社株会校役所行店院組"

var nameValue = textValue(40)

func acceptName(v string, header bool) (string, bool) {
	if strings.ContainsAny(v, notPersonChars) {
		for _, m := range notPersonMarks {
			if strings.Contains(v, m) {
				return "", false
			}
		}
	}
	return nameValue(v, header)
}
