package detect

import "strings"

// countryTable lists countries and regions as "日本語名 alpha-2 alpha-3" (ISO
// 3166-1), the names as Japanese forms and 在留カード write them. Public
// facts, typed from the standard.
const countryTable = `
日本 JP JPN
中国 CN CHN
韓国 KR KOR
北朝鮮 KP PRK
台湾 TW TWN
香港 HK HKG
マカオ MO MAC
モンゴル MN MNG
ベトナム VN VNM
フィリピン PH PHL
インドネシア ID IDN
タイ TH THA
マレーシア MY MYS
シンガポール SG SGP
ミャンマー MM MMR
カンボジア KH KHM
ラオス LA LAO
ブルネイ BN BRN
東ティモール TL TLS
ネパール NP NPL
インド IN IND
スリランカ LK LKA
バングラデシュ BD BGD
パキスタン PK PAK
ブータン BT BTN
モルディブ MV MDV
アフガニスタン AF AFG
イラン IR IRN
イラク IQ IRQ
トルコ TR TUR
シリア SY SYR
レバノン LB LBN
ヨルダン JO JOR
イスラエル IL ISR
パレスチナ PS PSE
サウジアラビア SA SAU
アラブ首長国連邦 AE ARE
カタール QA QAT
クウェート KW KWT
バーレーン BH BHR
オマーン OM OMN
イエメン YE YEM
カザフスタン KZ KAZ
ウズベキスタン UZ UZB
キルギス KG KGZ
タジキスタン TJ TJK
トルクメニスタン TM TKM
アゼルバイジャン AZ AZE
アルメニア AM ARM
ジョージア GE GEO
ロシア RU RUS
ウクライナ UA UKR
ベラルーシ BY BLR
モルドバ MD MDA
ポーランド PL POL
チェコ CZ CZE
スロバキア SK SVK
ハンガリー HU HUN
ルーマニア RO ROU
ブルガリア BG BGR
セルビア RS SRB
クロアチア HR HRV
スロベニア SI SVN
ボスニア・ヘルツェゴビナ BA BIH
モンテネグロ ME MNE
北マケドニア MK MKD
アルバニア AL ALB
コソボ XK XKX
ギリシャ GR GRC
キプロス CY CYP
マルタ MT MLT
イタリア IT ITA
サンマリノ SM SMR
バチカン VA VAT
スペイン ES ESP
ポルトガル PT PRT
アンドラ AD AND
フランス FR FRA
モナコ MC MCO
ベルギー BE BEL
オランダ NL NLD
ルクセンブルク LU LUX
ドイツ DE DEU
オーストリア AT AUT
スイス CH CHE
リヒテンシュタイン LI LIE
イギリス GB GBR
アイルランド IE IRL
アイスランド IS ISL
ノルウェー NO NOR
スウェーデン SE SWE
フィンランド FI FIN
デンマーク DK DNK
エストニア EE EST
ラトビア LV LVA
リトアニア LT LTU
アメリカ US USA
カナダ CA CAN
メキシコ MX MEX
グアテマラ GT GTM
ベリーズ BZ BLZ
ホンジュラス HN HND
エルサルバドル SV SLV
ニカラグア NI NIC
コスタリカ CR CRI
パナマ PA PAN
キューバ CU CUB
ジャマイカ JM JAM
ハイチ HT HTI
ドミニカ共和国 DO DOM
ドミニカ国 DM DMA
バハマ BS BHS
バルバドス BB BRB
トリニダード・トバゴ TT TTO
グレナダ GD GRD
セントルシア LC LCA
セントビンセント・グレナディーン VC VCT
セントクリストファー・ネービス KN KNA
アンティグア・バーブーダ AG ATG
プエルトリコ PR PRI
コロンビア CO COL
ベネズエラ VE VEN
ガイアナ GY GUY
スリナム SR SUR
エクアドル EC ECU
ペルー PE PER
ボリビア BO BOL
ブラジル BR BRA
パラグアイ PY PRY
ウルグアイ UY URY
アルゼンチン AR ARG
チリ CL CHL
エジプト EG EGY
リビア LY LBY
チュニジア TN TUN
アルジェリア DZ DZA
モロッコ MA MAR
スーダン SD SDN
南スーダン SS SSD
エチオピア ET ETH
エリトリア ER ERI
ジブチ DJ DJI
ソマリア SO SOM
ケニア KE KEN
ウガンダ UG UGA
タンザニア TZ TZA
ルワンダ RW RWA
ブルンジ BI BDI
コンゴ民主共和国 CD COD
コンゴ共和国 CG COG
ガボン GA GAB
赤道ギニア GQ GNQ
カメルーン CM CMR
中央アフリカ CF CAF
チャド TD TCD
ニジェール NE NER
ナイジェリア NG NGA
ベナン BJ BEN
トーゴ TG TGO
ガーナ GH GHA
コートジボワール CI CIV
リベリア LR LBR
シエラレオネ SL SLE
ギニア GN GIN
ギニアビサウ GW GNB
セネガル SN SEN
ガンビア GM GMB
マリ ML MLI
ブルキナファソ BF BFA
モーリタニア MR MRT
カーボベルデ CV CPV
サントメ・プリンシペ ST STP
アンゴラ AO AGO
ザンビア ZM ZMB
マラウイ MW MWI
モザンビーク MZ MOZ
ジンバブエ ZW ZWE
ボツワナ BW BWA
ナミビア NA NAM
南アフリカ ZA ZAF
レソト LS LSO
エスワティニ SZ SWZ
マダガスカル MG MDG
モーリシャス MU MUS
セーシェル SC SYC
コモロ KM COM
オーストラリア AU AUS
ニュージーランド NZ NZL
パプアニューギニア PG PNG
フィジー FJ FJI
ソロモン諸島 SB SLB
バヌアツ VU VUT
サモア WS WSM
トンガ TO TON
キリバス KI KIR
ツバル TV TUV
ナウル NR NRU
パラオ PW PLW
マーシャル諸島 MH MHL
ミクロネシア FM FSM
`

// countryAliases are other names forms write for the countries above.
var countryAliases = []string{
	"中華人民共和国", "大韓民国", "朝鮮", "朝鮮民主主義人民共和国", "米国", "アメリカ合衆国", "英国",
	"連合王国", "ベトナム社会主義共和国", "ヴェトナム", "フィリピン共和国", "ブラジル連邦共和国", "ペルー共和国",
	"インド共和国", "ネパール連邦民主共和国", "インドネシア共和国", "タイ王国", "ミャンマー連邦共和国",
	"ビルマ", "ロシア連邦", "豪州", "独逸", "仏国", "伊国", "加国", "印度", "越南", "比国", "泰国", "蒙古",
	"中華民国", "グルジア", "スワジランド", "マケドニア", "チェコ共和国", "ニュージランド", "無国籍", "日本国",
}

var (
	countryNames = map[string]bool{} // Japanese names and aliases
	countryCodes = map[string]bool{} // ISO 3166-1 alpha-2 and alpha-3, upper case
)

func init() {
	for _, line := range strings.Split(countryTable, "\n") {
		f := strings.Fields(line)
		if len(f) != 3 {
			continue
		}
		countryNames[f[0]] = true
		countryCodes[f[1]], countryCodes[f[2]] = true, true
	}
	for _, a := range countryAliases {
		countryNames[a] = true
	}
}

// isCountry reports whether v names a country or region: a Japanese name,
// maybe with 籍 or 国籍 after it (ベトナム籍), or under a header an ISO code.
func isCountry(v string, codes bool) bool {
	if countryNames[v] {
		return true
	}
	for _, suf := range []string{"国籍", "籍", "人"} {
		if head, ok := strings.CutSuffix(v, suf); ok && countryNames[head] {
			return true
		}
	}
	return codes && len(v) <= 3 && countryCodes[strings.ToUpper(v)]
}
