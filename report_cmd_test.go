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

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// TestReportNothingLeaks renders every format from a scan of the sample
// share and looks in each for every cell of its tables: no found value may
// appear in full (CONTRACT.md section 5).
func TestReportNothingLeaks(t *testing.T) {
	good := scanShare(t)
	dir := t.TempDir()
	outs := map[string]string{"html": filepath.Join(dir, "r.html"), "csv": filepath.Join(dir, "r.csv"), "json": filepath.Join(dir, "r.json")}
	args := []string{"mamori", "report", "--html", outs["html"], "--csv", outs["csv"], "--json", outs["json"], good}
	if err := reportApp(io.Discard).Run(args); err != nil {
		t.Fatal(err)
	}
	var text bytes.Buffer
	if err := reportApp(&text).Run([]string{"mamori", "report", good}); err != nil {
		t.Fatal(err)
	}
	rendered := map[string]string{"text": text.String()}
	for k, p := range outs {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		rendered[k] = string(data)
	}
	values := shareCells(t)
	if len(values) < 100 {
		t.Fatalf("only %d values read from the share's tables", len(values))
	}
	for format, s := range rendered {
		for _, v := range values {
			if strings.Contains(s, v) {
				t.Errorf("%s output holds a value from the share in full (%d runes)", format, len([]rune(v)))
			}
		}
	}
}

// shareCells returns the data cells of the sample share's tables that hold
// a number or an address sign and are long enough to be a value rather than
// a word (six runes or more): phones, e-mails, accounts, dates, addresses.
func shareCells(t *testing.T) []string {
	t.Helper()
	var cells []string
	for _, p := range []string{"校務/名簿/3年1組_名簿.csv", "校務/給食費/口座振替.csv", "保健/健康調査.tsv", "事務/連絡網.csv"} {
		raw, err := os.ReadFile(filepath.Join("fixtures/share", p))
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(decodeFixture(t, raw), "\n")
		for _, line := range lines[1:] {
			for _, c := range strings.FieldsFunc(line, func(r rune) bool { return r == ',' || r == '\t' }) {
				if c = strings.Trim(c, "\" \r"); len([]rune(c)) >= 6 && strings.ContainsAny(c, "0123456789０１２３４５６７８９@") {
					cells = append(cells, c)
				}
			}
		}
	}
	return cells
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
