package detect

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// schoolRecordRule finds school-record columns: class placement (学年, 組,
// 出席番号, 学籍番号) and marks (点数, 得点, 成績, 評定, 評価 and the subjects'
// score columns). They are quasi identifiers, counted only in rows about a
// person. Under a header, values are marks (0–1000, decimals for 偏差値),
// grades (1–5, A–C, 優良可, ◎○△, よくできる), class forms (1組, A組, い組,
// 3年2組, 3-2, 小1, 中3, 1年生) or student numbers; without one, only the
// forms that say school by themselves (3年2組, 小3, 第1学年, 1年生).
var schoolRecordRule = &schoolRule{columnRule{
	id:  "school_record",
	cat: SchoolRecord,
	headers: []string{"学年", "組", "学級", "クラス", "出席番号", "学籍番号", "生徒番号", "児童番号", "点数", "得点",
		"成績", "評定", "採点結果", "評価", "合計点", "平均点", "偏差値", "通知表", "国語", "数学", "算数", "英語",
		"理科", "社会", "class", "grade", "score"},
	accept: acceptSchool,
	mask:   maskAll,
	examples: []Example{
		{Text: "3", Cell: true, Header: true, Want: true},
		{Text: "A", Cell: true, Header: true, Want: true},
		{Text: "87.5", Cell: true, Header: true, Want: true},
		{Text: "1組", Cell: true, Header: true, Want: true},
		{Text: "い", Cell: true, Header: true, Want: true},
		{Text: "中3", Cell: true, Header: true, Want: true},
		{Text: "よくできる", Cell: true, Header: true, Want: true},
		{Text: "S2024-015", Cell: true, Header: true, Want: true},
		{Text: "-", Cell: true, Header: true, Want: false},
		{Text: "2024/4/1", Cell: true, Header: true, Want: false},
		{Text: "1500", Cell: true, Header: true, Want: false},
		{Text: "英語名の読み方", Cell: true, Header: true, Want: false},
		{Text: "3", Cell: true, Header: false, Want: false},
		{Text: "3年2組", Cell: true, Header: false, Want: true},
		{Text: "小4", Cell: true, Header: false, Want: true},
		{Text: "1年", Cell: true, Header: false, Want: false},
		{Text: "0", Cell: true, Header: true, Want: true},
	},
}}

// schoolRule is a columnRule whose values include 0, a mark, which other
// columns write for "none".
type schoolRule struct{ columnRule }

// Value is columnRule.Value but for 0; values come trimmed, and
// strings.TrimSpace is slow on kanji, so only ASCII spaces are cut.
func (r *schoolRule) Value(v string, header bool) (string, bool) {
	if v = trimSpace(v); v == "0" {
		return v, header
	}
	if v == "" || isNone(v) {
		return "", false
	}
	return acceptSchool(v, header)
}

func init() { register(schoolRecordRule) }

// schoolGradeWords are marks written as words or signs.
var schoolGradeWords = map[string]bool{
	"s": true, "a": true, "b": true, "c": true, "d": true, "e": true, "f": true, "a+": true, "a-": true,
	"b+": true, "b-": true, "c+": true, "c-": true, "aa": true, "秀": true, "優": true, "良": true, "可": true,
	"不可": true, "◎": true, "○": true, "◯": true, "△": true, "よくできる": true, "できる": true,
	"もう少し": true, "もうすこし": true, "がんばろう": true, "おおむねできる": true, "十分満足": true,
	"おおむね満足": true, "努力を要する": true, "合格": true, "不合格": true, "欠席": true, "欠": true,
}

// schoolClassNames are one-character class names (い組, 松組).
const schoolClassNames = "いろはにほへとabcdefghij松竹梅月雪花"

func acceptSchool(v string, header bool) (string, bool) {
	if !header {
		return v, isStrongClass(v)
	}
	switch {
	case isSchoolMark(v), isStudentNumber(v), schoolGradeWords[v], hasUpperASCII(v) && schoolGradeWords[strings.ToLower(v)],
		isStrongClass(v), isSchoolClass(v):
		return v, true
	case utf8.RuneCountInString(v) == 1:
		return v, strings.Contains(schoolClassNames, strings.ToLower(v))
	}
	return "", false
}

// isSchoolMark reports whether v is a mark: 0–1000 with at most two decimals.
func isSchoolMark(v string) bool {
	if len(v) == 0 || len(v) > 7 {
		return false
	}
	if len(v) <= 3 && isDigit(v[0]) && (len(v) < 2 || isDigit(v[1])) && (len(v) < 3 || isDigit(v[2])) {
		return true // the common case, 0 to 999, without ParseFloat
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || !isDigit(v[0]) || !isDigit(v[len(v)-1]) {
		return false
	}
	if dot := strings.IndexByte(v, '.'); dot >= 0 && len(v)-dot > 3 {
		return false
	}
	return f >= 0 && f <= 1000
}

// isStudentNumber reports whether v is a student number: 5 to 12 ASCII
// letters, digits and dashes, with at least three digits and a digit last
// (shorter numbers are marks, and those past 1000 are no mark).
func isStudentNumber(v string) bool {
	if len(v) < 5 || len(v) > 12 || !isDigit(v[len(v)-1]) {
		return false
	}
	digits := 0
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case isDigit(c):
			digits++
		case isLetter(c), c == '-':
		default:
			return false
		}
	}
	return digits >= 3
}

// isSchoolClass reports whether v is a class or year as a header may hold it:
// 1組, A組, 1年, 3-2, or a strong form.
func isSchoolClass(v string) bool {
	if rest, ok := strings.CutSuffix(v, "組"); ok {
		return rest != "" && (schoolNumberLen(rest, 0) == len(rest) || utf8.RuneCountInString(rest) == 1)
	}
	if rest, ok := strings.CutSuffix(v, "年"); ok {
		return schoolNumberLen(rest, 0) == len(rest) && rest != ""
	}
	if i := schoolNumberLen(v, 0); i > 0 && i < len(v) {
		if n := dashLen(v, i); n > 0 && i+n < len(v) && schoolNumberLen(v, i+n) == len(v) {
			return len(v) <= 7
		}
	}
	return false
}

// isStrongClass reports whether v names a school year or class by itself:
// 3年2組, 3年A組, 小1, 中3, 高2, 第1学年, 1年生, 小学3年.
func isStrongClass(v string) bool {
	i := 0
	for _, p := range []string{"小学校", "中学校", "小学", "中学", "高校", "小", "中", "高", "第"} {
		if strings.HasPrefix(v, p) {
			i = len(p)
			break
		}
	}
	prefixed := i > 0
	n := schoolNumberLen(v, i)
	if n == i {
		return false
	}
	rest := v[n:]
	switch {
	case rest == "" || rest == "年":
		return prefixed && !strings.HasPrefix(v, "第")
	case rest == "学年" || rest == "年生":
		return true
	}
	rest, ok := strings.CutPrefix(rest, "年")
	if !ok {
		return false
	}
	rest, ok = strings.CutSuffix(rest, "組")
	return ok && rest != "" && (schoolNumberLen(rest, 0) == len(rest) || utf8.RuneCountInString(rest) == 1)
}

// schoolNumberLen returns the end of a run of one or two ASCII digits or one
// kanji numeral (一 to 九) starting at v[i], or i.
func schoolNumberLen(v string, i int) int {
	j := i
	for j < len(v) && j-i < 2 && isDigit(v[j]) {
		j++
	}
	if j > i {
		if j < len(v) && isDigit(v[j]) {
			return i
		}
		return j
	}
	r, size := utf8.DecodeRuneInString(v[i:])
	if i < len(v) && strings.ContainsRune("一二三四五六七八九", r) {
		return i + size
	}
	return i
}
