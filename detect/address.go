package detect

import "strings"

// addressRule finds street addresses in columns headed 住所 and the like, and
// by value when they begin with a prefecture. Postal codes are the postal
// rule's; municipality lists and prose come with issue 3.
var addressRule = &columnRule{
	id:      "address",
	cat:     Address,
	headers: []string{"住所", "現住所", "自宅住所", "住所1", "住所2", "保護者住所", "所在地", "居所", "address"},
	accept:  acceptAddress,
	mask:    maskAddress,
	examples: []Example{
		{Text: "群馬県前橋市大手町二丁目12-1", Cell: true, Header: false, Want: true},
		{Text: "前橋市大手町2-12-1", Cell: true, Header: true, Want: true},
		{Text: "群馬県", Cell: true, Header: false, Want: false},
		{Text: "ボールペン 黒", Cell: true, Header: true, Want: false},
	},
}

func init() { register(addressRule) }

var prefectures = strings.Fields(`北海道 青森県 岩手県 宮城県 秋田県 山形県 福島県 茨城県 栃木県 群馬県 埼玉県 千葉県 東京都 神奈川県
新潟県 富山県 石川県 福井県 山梨県 長野県 岐阜県 静岡県 愛知県 三重県 滋賀県 京都府 大阪府 兵庫県 奈良県 和歌山県
鳥取県 島根県 岡山県 広島県 山口県 徳島県 香川県 愛媛県 高知県 福岡県 佐賀県 長崎県 熊本県 大分県 宮崎県 鹿児島県 沖縄県`)

// prefectureOf returns the prefecture v starts with, or "".
func prefectureOf(v string) string {
	for _, p := range prefectures {
		if strings.HasPrefix(v, p) {
			return p
		}
	}
	return ""
}

// hasMunicipality reports whether s holds a 市, 区, 町, 村 or 郡 mark.
func hasMunicipality(s string) bool { return strings.ContainsAny(s, "市区町村郡") }

func acceptAddress(v string, header bool) (string, bool) {
	if p := prefectureOf(v); p != "" {
		rest := v[len(p):]
		return v, hasMunicipality(rest) && (hasDigit(rest) || strings.ContainsAny(rest, "丁目番地号"))
	}
	return v, header && hasMunicipality(v) && (hasDigit(v) || strings.ContainsAny(v, "丁目番地号"))
}

// maskAddress keeps the prefecture and municipality mark: 群馬県前橋市＊＊.
func maskAddress(norm string) string {
	p := prefectureOf(norm)
	rest := []rune(norm[len(p):])
	for i, r := range rest {
		if strings.ContainsRune("市区町村郡", r) && i < len(rest)-1 {
			return p + string(rest[:i+1]) + "***"
		}
	}
	return p + "***"
}
