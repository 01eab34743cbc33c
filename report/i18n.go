package report

import (
	"fmt"
	"strings"

	"mamori/detect"
	"mamori/scan"
)

// Lang is the language of a written report.
type Lang string

// Languages of the report: Japanese first, for the people who read it.
const (
	LangJA Lang = "ja"
	LangEN Lang = "en"
)

// ParseLang accepts ja or en ("" is ja).
func ParseLang(s string) (Lang, error) {
	switch s {
	case "", "ja":
		return LangJA, nil
	case "en":
		return LangEN, nil
	}
	return "", fmt.Errorf("report: language must be ja or en, not %q", s)
}

// T returns the label key in the language; an unknown key comes back as is,
// so a missing translation shows instead of vanishing (a test walks them all).
func (l Lang) T(key string) string {
	m, ok := labels[key]
	if !ok {
		return key
	}
	if l == LangEN {
		return m[1]
	}
	return m[0]
}

// Tf formats the label key with args.
func (l Lang) Tf(key string, args ...any) string { return fmt.Sprintf(l.T(key), args...) }

// Category is the short name of a category (chart and table labels).
func (l Lang) Category(c detect.Category) string { return l.lookup("cat.", string(c)) }

// Item is the full name of a category, as CONTRACT.md lists it: the 項目 of
// a breach report.
func (l Lang) Item(c detect.Category) string { return l.lookup("item.", string(c)) }

// Reason names an APPI reason.
func (l Lang) Reason(r string) string { return l.lookup("appi.", r) }

// Exposure names an exposure reason code.
func (l Lang) Exposure(r string) string { return l.lookup("exp.", r) }

// Risk names a risk level.
func (l Lang) Risk(r detect.Risk) string { return l.lookup("risk.", string(r)) }

// Status names a file status.
func (l Lang) Status(s scan.Status) string { return l.lookup("status.", string(s)) }

// lookup falls back to the code itself for a custom category or a reason
// added after this table.
func (l Lang) lookup(prefix, code string) string {
	if _, ok := labels[prefix+code]; ok {
		return l.T(prefix + code)
	}
	return code
}

// Join lists names the way the language does.
func (l Lang) Join(names []string) string {
	if l == LangEN {
		return strings.Join(names, ", ")
	}
	return strings.Join(names, "、")
}

// ActionLead is the sentence above the files to deal with first.
func (l Lang) ActionLead(n int) string {
	if n == 1 {
		return l.T("action.some_one")
	}
	return l.Tf("action.some", n)
}

// Files counts files: "3 件", "1 file", "3 files".
func (l Lang) Files(n int) string {
	if l == LangEN && n == 1 {
		return "1 file"
	}
	return l.Tf("sum.files_unit", n)
}

// YesNo says yes or no.
func (l Lang) YesNo(b bool) string {
	if b {
		return l.T("yes")
	}
	return l.T("no")
}

// labels holds every label in Japanese and English.
var labels = map[string][2]string{
	"title":               {"個人情報 所在調査 報告書", "Personal data report"},
	"subtitle":            {"ファイル共有に残された個人情報と、漏えいした場合の影響", "Personal data left on file shares, and what a leak would mean"},
	"generated":           {"作成日時", "Generated"},
	"scanned_roots":       {"調査した場所", "Scanned"},
	"sources":             {"スキャン結果", "Scan reports"},
	"sector":              {"区分", "Sector"},
	"sector.public":       {"公的機関（地方公共団体・公立学校）: 本人の数が100人を超えると報告対象", "public body (local government, public school): reportable above 100 people"},
	"sector.private":      {"民間事業者: 本人の数が1,000人を超えると報告対象", "private body: reportable above 1,000 people"},
	"interrupted":         {"中断されたスキャンを含みます。数字は読めた範囲のものです。", "Includes an interrupted scan: the figures cover the files read."},
	"incomplete":          {"集計行のない（途中で終わった）スキャン結果を含みます。", "Includes a report without its summary line (cut short)."},
	"action.title":        {"まず対応すべきこと", "What to do first"},
	"action.some":         {"暗号化されていない高リスクのファイルが %d 件あります。上から順に、暗号化（mamori encrypt）するか、不要なら削除してください。", "%d high-risk files are not encrypted. Starting at the top, encrypt them (mamori encrypt) or delete them if no longer needed."},
	"action.some_one":     {"暗号化されていない高リスクのファイルが 1 件あります。暗号化（mamori encrypt）するか、不要なら削除してください。", "1 high-risk file is not encrypted. Encrypt it (mamori encrypt), or delete it if it is no longer needed."},
	"action.none":         {"暗号化されていない高リスクのファイルはありません。", "No high-risk file is left unencrypted."},
	"action.more":         {"ほか %d 件は下の一覧を見てください。", "%d more in the table below."},
	"action.errors":       {"読み取れなかったファイルが %d 件あります（下の「調べられなかったファイル」）。中身を確認してください。", "%d files could not be read (see Files not examined): check what they hold."},
	"action.exposed":      {"うち %d 件は、ほかの人も読める状態です。", "%d of them can be read by others."},
	"sum.title":           {"概要", "Summary"},
	"sum.examined":        {"調べたファイル", "Files examined"},
	"sum.with_pd":         {"個人情報を含むファイル", "Files with personal data"},
	"sum.people":          {"本人の数", "People"},
	"sum.sensitive":       {"要配慮個人情報", "Sensitive data (要配慮)"},
	"sum.financial":       {"財産的被害のおそれ", "Financial loss possible"},
	"sum.unenc_high":      {"未暗号化の高リスクファイル", "Unencrypted high-risk files"},
	"sum.encrypted":       {"暗号化済みのファイル", "Encrypted files"},
	"sum.not_examined":    {"調べられなかったファイル", "Files not examined"},
	"sum.files_unit":      {"%d 件", "%d files"},
	"sum.people_unit":     {"%d 人", "%d"},
	"sum.involved":        {"あり（%d 件）", "yes (files: %d)"},
	"sum.not_involved":    {"なし", "none"},
	"people.distinct":     {"ファイルをまたいで同じ人は1人と数えています。", "Counted across files: the same person once."},
	"people.estimate":     {"同姓同名は区別できないため推定値です。", "An estimate: people with the same name cannot be told apart."},
	"people.files":        {"ファイルごとの本人の数の合計です。同じ人が複数のファイルにいれば重ねて数えるため、実際より多めです（上限）。", "The sum of each file's people: a person in several files is counted in each, so this is an upper bound."},
	"people.summed":       {"複数のスキャン結果の人数を足し合わせています（上限）。", "People are summed across reports: an upper bound."},
	"appi.title":          {"漏えい等報告に必要な事項", "What a breach report (漏えい等報告) asks for"},
	"appi.people":         {"本人の数", "Number of people"},
	"appi.items":          {"個人データの項目", "Items of personal data"},
	"appi.row_sensitive":  {"要配慮個人情報", "Sensitive personal data (要配慮個人情報)"},
	"appi.row_financial":  {"財産的被害のおそれ", "Possible financial loss"},
	"appi.row_my_number":  {"個人番号（特定個人情報）", "My Number (特定個人情報)"},
	"appi.row_volume":     {"本人の数が基準を超える", "People above the threshold"},
	"appi.sector":         {"区分", "Sector"},
	"appi.encrypted":      {"暗号化済みのファイル", "Files already encrypted"},
	"appi.unenc_high":     {"未暗号化の高リスクファイル", "Unencrypted high-risk files"},
	"appi.reportable":     {"これらのファイルが漏えいした場合、個人情報保護委員会への報告と本人への通知が必要です。", "Were these files to leak, a report to the Personal Information Protection Commission and notice to the people concerned would be required."},
	"appi.not_reportable": {"件数・内容の上では報告対象のファイルはありません。", "By content and number, no file would by itself be reportable."},
	"appi.access_note":    {"不正アクセスなど不正の目的による漏えいは、件数にかかわらず報告対象です。", "A leak caused by unauthorised access or other wrongful purpose is reportable whatever its size."},
	"appi.none_files":     {"なし", "none"},
	"chart.risk":          {"リスク別のファイル数", "Files by risk"},
	"chart.category":      {"項目別の本人の数（延べ）", "People by category (summed over files)"},
	"chart.folder":        {"フォルダ別の個人情報ファイル", "Files with personal data by folder"},
	"chart.exposed":       {"ほかの人も読める", "readable by others"},
	"chart.high":          {"未暗号化の高リスク", "unencrypted high risk"},
	"chart.other":         {"その他", "other"},
	"chart.empty":         {"該当なし", "nothing to show"},
	"chart.root":          {"（直下）", "(top level)"},
	"table.title":         {"ファイル一覧", "Files"},
	"table.note":          {"点数の高い順。見出しを押すと並べ替え、入力欄で絞り込みができます。", "Highest score first. Click a heading to sort; type to filter."},
	"table.note_risk":     {"リスクの高い順（同じなら本人の数の多い順）。見出しを押すと並べ替え、入力欄で絞り込みができます。", "Highest risk first, then most people. Click a heading to sort; type to filter."},
	"table.filter":        {"絞り込み", "Filter"},
	"table.only_high":     {"未暗号化の高リスクのみ", "Unencrypted high risk only"},
	"table.shown":         {"表示中", "shown"},
	"col.score":           {"点数", "Score"},
	"col.risk":            {"リスク", "Risk"},
	"col.path":            {"ファイル", "File"},
	"col.root":            {"調査した場所", "Root"},
	"col.people":          {"本人の数", "People"},
	"col.categories":      {"項目", "Categories"},
	"col.appi":            {"報告が必要な理由", "Why reportable (APPI)"},
	"col.exposure":        {"露出", "Exposure"},
	"col.encrypted":       {"暗号化", "Encrypted"},
	"col.status":          {"状態", "Status"},
	"col.size":            {"サイズ（バイト）", "Size (bytes)"},
	"col.modified":        {"更新日時", "Modified"},
	"col.accessed":        {"最終アクセス", "Last accessed"},
	"col.stale_days":      {"未更新の日数", "Days since modified"},
	"col.mode":            {"権限", "Mode"},
	"col.share":           {"共有名", "Share"},
	"col.format":          {"形式", "Format"},
	"col.source":          {"スキャン結果", "Scan report"},
	"col.reason":          {"理由", "Reason"},
	"col.count":           {"件数", "Count"},
	"col.columns":         {"列", "Columns"},
	"col.samples":         {"例（伏せ字）", "Samples (masked)"},
	"col.locations":       {"位置", "Locations"},
	"detail.title":        {"ファイルごとの詳細", "File details"},
	"detail.appi_none":    {"なし（件数・内容の上では）", "none by content and number"},
	"detail.exp_none":     {"指摘なし", "nothing noted"},
	"detail.exp_unknown":  {"測定なし", "not measured"},
	"detail.hidden":       {"非表示シート", "Hidden sheets"},
	"detail.back":         {"一覧へ戻る", "Back to the table"},
	"notex.title":         {"調べられなかったファイル", "Files not examined"},
	"notex.note":          {"読めなかったファイルは「個人情報なし」ではありません。確認してください。", "A file that could not be read is not a file without personal data: check these."},
	"enc.yes":             {"暗号化済み", "encrypted"},
	"enc.no":              {"未暗号化", "not encrypted"},
	"enc.by.scan":         {"暗号化済み（age形式）", "encrypted (age file)"},
	"enc.by.manifest":     {"暗号化済み（記録あり）", "encrypted (per manifest)"},
	"yes":                 {"あり", "yes"},
	"no":                  {"なし", "no"},
	"footer":              {"mamori が作成。例はすべて伏せ字で、見つかった値そのものは含みません。この報告書には個人情報の所在が書かれています。取り扱いに注意してください。", "Made by mamori. Samples are masked; no found value appears in full. This report says where personal data is: handle it with care."},
	"text.top":            {"まず対応すべきファイル（未暗号化・高リスク）", "Files to deal with first (unencrypted, high risk)"},
	"text.written":        {"%s を書き出しました", "wrote %s"},

	"risk.high":   {"高", "high"},
	"risk.medium": {"中", "medium"},
	"risk.low":    {"低", "low"},
	"risk.none":   {"なし", "none"},

	"status.ok":        {"調査済み", "examined"},
	"status.protected": {"パスワード保護", "password protected"},
	"status.encrypted": {"暗号化済み", "encrypted"},
	"status.skipped":   {"対象外", "skipped"},
	"status.error":     {"読み取りエラー", "could not be read"},

	"appi.sensitive": {"要配慮個人情報", "sensitive (要配慮)"},
	"appi.financial": {"財産的被害のおそれ", "financial loss possible"},
	"appi.my_number": {"個人番号", "My Number"},
	"appi.volume":    {"本人の数が基準超", "people above threshold"},

	"exp.world_readable": {"誰でも読める権限", "readable by everyone"},
	"exp.group_readable": {"グループで読める権限", "readable by the group"},
	"exp.guest_share":    {"ゲストで入れる共有", "guest share"},
	"exp.shared_path":    {"共有・公開のフォルダ", "shared or public folder"},
	"exp.leftover_name":  {"出力・コピーらしい名前", "looks like a leftover copy"},
	"exp.stale":          {"1年以上更新なし", "untouched for a year"},

	"cat.person_name":   {"氏名", "name"},
	"cat.address":       {"住所", "address"},
	"cat.phone":         {"電話番号", "phone"},
	"cat.email":         {"メールアドレス", "e-mail"},
	"cat.birth_date":    {"生年月日", "birth date"},
	"cat.my_number":     {"個人番号", "My Number"},
	"cat.bank_account":  {"口座", "bank account"},
	"cat.credit_card":   {"クレジットカード", "credit card"},
	"cat.allergy":       {"アレルギー", "allergy"},
	"cat.medical":       {"既往症・病歴", "medical"},
	"cat.school_record": {"成績", "school record"},
	"cat.gender":        {"性別", "gender"},
	"cat.nationality":   {"国籍", "nationality"},

	"item.person_name":   {"氏名・ふりがな・保護者氏名・預金者名", "names (incl. kana, guardians, account holders)"},
	"item.address":       {"住所", "addresses"},
	"item.phone":         {"電話番号", "phone numbers"},
	"item.email":         {"メールアドレス", "e-mail addresses"},
	"item.birth_date":    {"生年月日", "dates of birth"},
	"item.my_number":     {"個人番号", "My Numbers (individual numbers)"},
	"item.bank_account":  {"口座（銀行名・支店名・種別・口座番号）", "bank accounts"},
	"item.credit_card":   {"クレジットカード番号", "credit card numbers"},
	"item.allergy":       {"アレルギー（食物・薬剤）", "allergies (food, drugs)"},
	"item.medical":       {"既往症・病歴・障害・服薬", "medical history, disabilities, medication"},
	"item.school_record": {"成績・点数・評定", "school records and grades"},
	"item.gender":        {"性別", "gender"},
	"item.nationality":   {"国籍", "nationality"},
}
