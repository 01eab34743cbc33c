package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/urfave/cli/v2"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"
)

// reportApp is the command alone in an app, as main wires it.
func reportApp(stdout io.Writer) *cli.App {
	return &cli.App{
		Name:      "mamori",
		Writer:    stdout,
		ErrWriter: io.Discard,
		Commands:  []*cli.Command{reportCommand()},
		OnUsageError: func(_ *cli.Context, err error, _ bool) error {
			return usageError{err}
		},
	}
}

// scanShare writes a report of the sample share and returns its path.
func scanShare(t *testing.T) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "share.jsonl")
	if err := runScan(context.Background(), scanOptions{Roots: []string{"fixtures/share"}, Output: out, Volume: 100}, io.Discard); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestReportCommandExitCodes(t *testing.T) {
	dir := t.TempDir()
	garbage := filepath.Join(dir, "garbage.jsonl")
	if err := os.WriteFile(garbage, []byte("not json\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	good := scanShare(t)
	cases := map[string]struct {
		args []string
		code int
	}{
		"summary":             {[]string{good}, 0},
		"no report":           {nil, 2},
		"missing report":      {[]string{filepath.Join(dir, "nope.jsonl")}, 2},
		"not a report":        {[]string{garbage}, 2},
		"missing manifest":    {[]string{"--manifest", filepath.Join(dir, "nope"), good}, 2},
		"bad sector":          {[]string{"--sector", "mixed", good}, 2},
		"bad language":        {[]string{"--lang", "fr", good}, 2},
		"unknown flag":        {[]string{"--pdf", "x", good}, 2},
		"output dir missing":  {[]string{"--html", filepath.Join(dir, "no", "r.html"), good}, 2},
		"private sector, en":  {[]string{"--sector", "private", "--lang", "en", good}, 0},
		"two reports at once": {[]string{good, good}, 0},
		"since":               {[]string{"--since", good, good}, 0},
		"since missing":       {[]string{"--since", filepath.Join(dir, "nope.jsonl"), good}, 2},
		"since not a report":  {[]string{"--since", garbage, good}, 2},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			err := reportApp(io.Discard).Run(append([]string{"mamori", "report"}, c.args...))
			if got := exitCode(err); got != c.code {
				t.Errorf("exit code = %d (%v), want %d", got, err, c.code)
			}
		})
	}
}

func TestReportCommandSummary(t *testing.T) {
	good := scanShare(t)
	for lang, wants := range map[string][]string{
		"ja": {"本人の数", "要配慮個人情報: あり", "校務/名簿/3年1組_名簿.csv", "まず対応すべきファイル"},
		"en": {"People", "Sensitive data", "校務/名簿/3年1組_名簿.csv", "Files to deal with first"},
	} {
		var out bytes.Buffer
		if err := reportApp(&out).Run([]string{"mamori", "report", "--lang", lang, good}); err != nil {
			t.Fatal(err)
		}
		for _, w := range wants {
			if !strings.Contains(out.String(), w) {
				t.Errorf("%s summary lacks %q:\n%s", lang, w, out.String())
			}
		}
	}
}

// TestReportCommandFiles writes every format from the sample share and a
// manifest that says the account file was encrypted.
func TestReportCommandFiles(t *testing.T) {
	good := scanShare(t)
	dir := t.TempDir()
	abs, err := filepath.Abs("fixtures/share/校務/給食費/口座振替.csv")
	if err != nil {
		t.Fatal(err)
	}
	manifest := filepath.Join(dir, "manifest.jsonl")
	line := `{"type":"encrypt","path":` + jsonString(abs) + `,"result":"encrypted","original_removed":false}` + "\n"
	if err := os.WriteFile(manifest, []byte(line), 0o600); err != nil {
		t.Fatal(err)
	}
	htmlOut, csvOut, jsonOut := filepath.Join(dir, "r.html"), filepath.Join(dir, "r.csv"), filepath.Join(dir, "r.json")
	var stdout bytes.Buffer
	args := []string{"mamori", "report", "--manifest", manifest, "--html", htmlOut, "--csv", csvOut, "--json", jsonOut, good}
	if err := reportApp(&stdout).Run(args); err != nil {
		t.Fatal(err)
	}
	if stdout.Len() != 0 {
		t.Errorf("wrote to stdout with output files asked for: %q", stdout.String())
	}
	for _, p := range []string{htmlOut, csvOut, jsonOut} {
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != 0o600 {
			t.Errorf("%s mode %v, want 0600", p, st.Mode().Perm())
		}
	}
	var doc struct {
		APPI struct {
			EncryptedFiles []string `json:"encrypted_files"`
			Sensitive      bool     `json:"sensitive"`
		} `json:"appi"`
	}
	data, _ := os.ReadFile(jsonOut)
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	if !doc.APPI.Sensitive || !strings.Contains(strings.Join(doc.APPI.EncryptedFiles, "|"), "口座振替.csv") {
		t.Errorf("JSON appi = %+v, want sensitive and 口座振替.csv encrypted", doc.APPI)
	}
	page, _ := os.ReadFile(htmlOut)
	if !strings.Contains(string(page), "暗号化済み（記録あり）") {
		t.Error("HTML does not show the manifest's encryption")
	}
}

// TestReportSince: a file gone from the newer report, another with more
// people, in the terminal (ja and en), the JSON and the CSV's change column.
func TestReportSince(t *testing.T) {
	old := scanShare(t)
	data, err := os.ReadFile(old)
	if err != nil {
		t.Fatal(err)
	}
	var kept []string
	for _, line := range strings.SplitAfter(string(data), "\n") {
		switch {
		case strings.Contains(line, `"path":"事務/連絡網.csv"`):
			continue
		case strings.Contains(line, `"path":"保健/健康調査.tsv"`):
			line = strings.Replace(line, `"subjects":12,`, `"subjects":15,`, 1)
		}
		kept = append(kept, line)
	}
	now := filepath.Join(t.TempDir(), "now.jsonl")
	if err := os.WriteFile(now, []byte(strings.Join(kept, "")), 0o600); err != nil {
		t.Fatal(err)
	}
	for lang, wants := range map[string][]string{
		"ja": {"前回からの変化", "なくなった 1 件", "[なくなった] 事務/連絡網.csv", "本人の数 12 → 15"},
		"en": {"Changes since the last scan", "[gone] 事務/連絡網.csv", "people 12 → 15"},
	} {
		var out bytes.Buffer
		if err := reportApp(&out).Run([]string{"mamori", "report", "--lang", lang, "--since", old, now}); err != nil {
			t.Fatal(err)
		}
		for _, w := range wants {
			if !strings.Contains(out.String(), w) {
				t.Errorf("%s lacks %q:\n%s", lang, w, out.String())
			}
		}
	}
	var js, sheet bytes.Buffer
	if err := reportApp(&js).Run([]string{"mamori", "report", "--since", old, "--json", "-", now}); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Diff struct {
			Counts map[string]int `json:"counts"`
		} `json:"diff"`
	}
	if err := json.Unmarshal(js.Bytes(), &doc); err != nil || doc.Diff.Counts["gone"] != 1 || doc.Diff.Counts["people"] != 1 {
		t.Errorf("JSON diff %+v (%v)", doc.Diff, err)
	}
	if err := reportApp(&sheet).Run([]string{"mamori", "report", "--lang", "en", "--since", old, "--csv", "-", now}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(sheet.String(), ",Change\r\n") || !strings.Contains(sheet.String(), ",people changed\r\n") {
		t.Errorf("CSV lacks the change column:\n%s", sheet.String())
	}
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// TestReportNothingLeaks renders every format from scans of the sample
// share (the scan's JSON Lines report, its --log file and its terminal
// summary; mamori report as text, HTML in Japanese and English, CSV in both,
// JSON, and with --since) and looks in each for every personal value the
// share's files hold: no found value may appear in full (CONTRACT.md
// section 5). What counts as a value is shareValues'.
func TestReportNothingLeaks(t *testing.T) {
	dir := t.TempDir()
	good, logPath := filepath.Join(dir, "share.jsonl"), filepath.Join(dir, "scan.log")
	opts := scanOptions{Roots: []string{"fixtures/share"}, Output: good, Volume: 100}
	opts.Log = logPath
	if err := runScan(context.Background(), opts, io.Discard); err != nil {
		t.Fatal(err)
	}
	var human bytes.Buffer
	if err := runScan(context.Background(), scanOptions{Roots: []string{"fixtures/share"}, Volume: 100}, &human); err != nil {
		t.Fatal(err)
	}
	rendered := map[string]string{"scan summary": human.String()}
	for name, p := range map[string]string{"scan report": good, "scan log": logPath} {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		rendered[name] = string(data)
	}
	runs := map[string][]string{
		"text":       {good},
		"text en":    {"--lang", "en", good},
		"text since": {"--since", good, good},
		"html":       {"--html", "-", good},
		"html en":    {"--lang", "en", "--html", "-", good},
		"html since": {"--since", good, "--html", "-", good},
		"csv":        {"--csv", "-", good},
		"csv en":     {"--lang", "en", "--since", good, "--csv", "-", good},
		"json":       {"--since", good, "--json", "-", good},
	}
	for name, args := range runs {
		var out bytes.Buffer
		if err := reportApp(&out).Run(append([]string{"mamori", "report"}, args...)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		rendered[name] = out.String()
	}
	values := shareValues(t)
	if len(values) < 300 {
		t.Fatalf("only %d values read from the share", len(values))
	}
	for format, s := range rendered {
		if len(s) == 0 {
			t.Errorf("%s: nothing rendered", format)
		}
		for _, v := range values {
			if strings.Contains(s, v) {
				t.Errorf("%s holds a value from the share in full (%d runes)", format, len([]rune(v)))
			}
		}
	}
}

// leakColumns are the table columns whose cells are personal data: names
// (kanji, kana, half-width kana; pupils, guardians, account holders),
// addresses, postal codes, phones, e-mails, birth dates and account
// numbers. The other columns hold words any file may hold (学年, 性別,
// 銀行名, アレルギー's 卵, 既往症's 喘息: a category's vocabulary, shown as
// such on purpose) or numbers too small to be a value.
var leakColumns = []string{"氏名", "ふりがな", "預金者名", "住所", "郵便番号", "電話", "携帯", "メール", "生年月日", "口座番号"}

// proseValues are the personal values of the share's prose files.
var proseValues = []string{"435540700610", "uee0026.161@example.jp", "090-1234-5678", "pta.kaicho@example.jp",
	"０８０－２３４５－６７８９", "昭和50年4月1日"}

// shareValues returns every personal value of the sample share: the cells
// of its tables' leakColumns, a name also with its spaces removed (山田 太郎
// and 山田太郎), and proseValues. A value too short to be told from a
// word is left out: under three runes once spaces are removed (a
// two-character name such as 森凛 could be anyone's, and is written in a
// report only masked); so are the columns' header words.
func shareValues(t *testing.T) []string {
	t.Helper()
	seen := map[string]bool{}
	add := func(v string) {
		if len([]rune(strings.ReplaceAll(strings.ReplaceAll(v, " ", ""), "　", ""))) >= 3 {
			seen[v] = true
		}
	}
	for _, p := range []string{"校務/名簿/3年1組_名簿.csv", "校務/給食費/口座振替.csv", "保健/健康調査.tsv", "事務/連絡網.csv"} {
		raw, err := os.ReadFile(filepath.Join("fixtures/share", p))
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range tableValues(decodeFixture(t, raw)) {
			add(v)
			if nospace := strings.Join(strings.Fields(v), ""); nospace != v {
				add(nospace)
			}
		}
	}
	for _, v := range proseValues {
		add(v)
	}
	out := make([]string, 0, len(seen))
	for v := range seen {
		out = append(out, v)
	}
	return out
}

// tableValues returns the cells of a table's leakColumns; the header is
// the first line that names one of them (a title line may come first).
func tableValues(text string) []string {
	split := func(line string) []string {
		cells := strings.FieldsFunc(strings.TrimRight(line, "\r"), func(r rune) bool { return r == ',' || r == '\t' })
		for i, c := range cells {
			cells[i] = strings.Trim(c, "\" ")
		}
		return cells
	}
	var keep []int
	var out []string
	for _, line := range strings.Split(text, "\n") {
		cells := split(line)
		if keep == nil {
			for i, h := range cells {
				for _, k := range leakColumns {
					if strings.Contains(h, k) {
						keep = append(keep, i)
						break
					}
				}
			}
			continue
		}
		for _, i := range keep {
			if i < len(cells) && cells[i] != "" {
				out = append(out, cells[i])
			}
		}
	}
	return out
}

func decodeFixture(t *testing.T, raw []byte) string {
	t.Helper()
	var dec *encoding.Decoder
	switch {
	case bytes.HasPrefix(raw, []byte{0xFF, 0xFE}) || bytes.HasPrefix(raw, []byte{0xFE, 0xFF}):
		dec = unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
	case utf8.Valid(raw):
		return strings.TrimPrefix(string(raw), "\ufeff")
	default:
		dec = japanese.ShiftJIS.NewDecoder()
	}
	s, err := dec.String(string(raw))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestReportCommandJSONToStdout(t *testing.T) {
	var out bytes.Buffer
	if err := reportApp(&out).Run([]string{"mamori", "report", "--json", "-", scanShare(t)}); err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatalf("stdout is not one JSON document: %v", err)
	}
	if _, ok := doc["appi"]; !ok {
		t.Error("JSON on stdout lacks appi")
	}
}

// TestScanFlagsCopies: a roster and its copy in one scan: the one that
// finished later names the other in same_people_as and has the reason copy.
func TestScanFlagsCopies(t *testing.T) {
	roster, err := os.ReadFile("fixtures/share/校務/名簿/3年1組_名簿.csv")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, p := range []string{"名簿.csv", "移行/名簿.csv"} {
		os.MkdirAll(filepath.Dir(filepath.Join(dir, p)), 0o700)
		if err := os.WriteFile(filepath.Join(dir, p), roster, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "r.jsonl")
	if err := runScan(context.Background(), scanOptions{Roots: []string{dir}, Output: out, Volume: 100}, io.Discard); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(out)
	copies := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		var r struct {
			Type, Path   string
			SamePeopleAs string `json:"same_people_as"`
			Exposure     struct{ Reasons []string }
		}
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatal(err)
		}
		if r.Type != "file" {
			continue
		}
		hasReason := strings.Contains(strings.Join(r.Exposure.Reasons, ","), "copy")
		if hasReason != (r.SamePeopleAs != "") {
			t.Errorf("%s: same_people_as %q but reasons %v", r.Path, r.SamePeopleAs, r.Exposure.Reasons)
		}
		if r.SamePeopleAs != "" {
			copies[r.Path] = r.SamePeopleAs
		}
	}
	if len(copies) != 1 {
		t.Fatalf("copies flagged: %v, want exactly one of the two", copies)
	}
	for later, earlier := range copies {
		if later == earlier || !strings.HasSuffix(earlier, "名簿.csv") {
			t.Errorf("%s is said to be a copy of %s", later, earlier)
		}
	}
}
