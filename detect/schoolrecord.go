package detect

// schoolRecordRule finds school-record columns: class placement and marks.
// They are quasi identifiers: counted only in rows about a person.
var schoolRecordRule = &columnRule{
	id:  "school_record",
	cat: SchoolRecord,
	headers: []string{"学年", "組", "学級", "クラス", "出席番号", "学籍番号", "点数", "得点", "成績", "評定",
		"採点結果", "評価", "合計点", "偏差値", "class", "grade", "score"},
	accept: headerOnly,
	mask:   maskAll,
	examples: []Example{
		{Text: "3", Cell: true, Header: true, Want: true},
		{Text: "A", Cell: true, Header: true, Want: true},
		{Text: "-", Cell: true, Header: true, Want: false},
		{Text: "3", Cell: true, Header: false, Want: false},
	},
}

func init() { register(schoolRecordRule) }
