package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// record is the part of a report line the tests read.
type record struct {
	Type       string `json:"type"`
	Path       string `json:"path"`
	Format     string `json:"format"`
	Encoding   string `json:"encoding"`
	Status     string `json:"status"`
	Reason     string `json:"reason"`
	Error      string `json:"error"`
	Subjects   int    `json:"subjects"`
	Risk       string `json:"risk"`
	APPI       []string
	Categories map[string]struct {
		Count     int      `json:"count"`
		Columns   []string `json:"columns"`
		Samples   []string `json:"samples"`
		Locations []string `json:"locations"`
	} `json:"categories"`
	// summary
	Files            int            `json:"files"`
	Scanned          int            `json:"scanned"`
	WithPersonalData int            `json:"with_personal_data"`
	NotExamined      int            `json:"not_examined"`
	ByCategory       map[string]int `json:"by_category"`
	Interrupted      bool           `json:"interrupted"`
}

func (r *record) UnmarshalJSON(b []byte) error {
	type plain record
	var aux struct {
		plain
		APPI []string `json:"appi"`
	}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	*r = record(aux.plain)
	r.APPI = aux.APPI
	return nil
}

// scanToFile runs a scan with a report file and returns its records by path
// and its summary.
func scanToFile(t *testing.T, o scanOptions) (map[string]record, record, []byte, error) {
	t.Helper()
	o.Output = filepath.Join(t.TempDir(), "report.jsonl")
	if o.Volume == 0 {
		o.Volume = 100
	}
	runErr := runScan(context.Background(), o, io.Discard)
	data, err := os.ReadFile(o.Output)
	if err != nil {
		t.Fatalf("report not written: %v", err)
	}
	files, sum := parseReport(t, data)
	return files, sum, data, runErr
}

func parseReport(t *testing.T, data []byte) (map[string]record, record) {
	t.Helper()
	files := map[string]record{}
	var sum record
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var r record
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("report line is not JSON: %v", err)
		}
		switch r.Type {
		case "file":
			files[r.Path] = r
		case "summary":
			sum = r
		default:
			t.Fatalf("unknown record type %q", r.Type)
		}
	}
	if sum.Type != "summary" {
		t.Fatal("report has no summary line")
	}
	return files, sum
}

func categoryKeys(r record) []string {
	var ks []string
	for k := range r.Categories {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// TestSampleShare checks the README's first command against the labels of
// the sample share (fixtures/gen/sample.go says what each file holds).
func TestSampleShare(t *testing.T) {
	files, sum, data, err := scanToFile(t, scanOptions{Roots: []string{"fixtures/share"}, All: true, Workers: 4})
	if err != nil {
		t.Fatalf("scan of the sample share: %v", err)
	}
	want := []struct {
		path, format, encoding, status string
		subjects                       int
		categories                     []string
		risk                           string
		appi                           []string
	}{
		{"校務/名簿/3年1組_名簿.csv", "csv", "shift_jis", "ok", 30,
			[]string{"address", "allergy", "birth_date", "gender", "medical", "person_name", "phone", "school_record"}, "high", []string{"sensitive"}},
		{"校務/給食費/口座振替.csv", "csv", "utf-8-bom", "ok", 25, []string{"bank_account", "person_name"}, "high", []string{"financial"}},
		{"保健/健康調査.tsv", "tsv", "utf-8", "ok", 12, []string{"allergy", "birth_date", "email", "person_name", "phone"}, "high", []string{"sensitive"}},
		{"職員室/引き継ぎメモ.txt", "text", "utf-8", "ok", 2, []string{"birth_date", "email", "phone"}, "medium", nil},
		{"旧システム/移行メモ.txt", "text", "euc-jp", "ok", 1, []string{"email", "my_number"}, "high", []string{"my_number"}},
		{"事務/連絡網.csv", "csv", "utf-16le", "ok", 8, []string{"address", "person_name", "phone"}, "medium", nil},
		{"事務/備品一覧.csv", "csv", "utf-8", "ok", 0, nil, "none", nil},
		{"事務/壊れた出力.csv", "binary", "", "skipped", 0, nil, "none", nil},
		{"写真/校章.png", "image", "", "skipped", 0, nil, "none", nil},
		{"校務/名簿/旧名簿.csv.age", "age", "", "encrypted", 0, nil, "none", nil},
		{"職員室/空.txt", "empty", "", "ok", 0, nil, "none", nil},
	}
	for _, w := range want {
		t.Run(w.path, func(t *testing.T) {
			r, ok := files[w.path]
			if !ok {
				t.Fatalf("no record")
			}
			if r.Format != w.format || r.Encoding != w.encoding || r.Status != w.status {
				t.Errorf("format/encoding/status = %s/%s/%s, want %s/%s/%s (%s%s)", r.Format, r.Encoding, r.Status, w.format, w.encoding, w.status, r.Reason, r.Error)
			}
			if r.Subjects != w.subjects {
				t.Errorf("subjects = %d, want %d", r.Subjects, w.subjects)
			}
			if got := categoryKeys(r); !slices.Equal(got, w.categories) {
				t.Errorf("categories = %v, want %v", got, w.categories)
			}
			if r.Risk != w.risk {
				t.Errorf("risk = %s, want %s", r.Risk, w.risk)
			}
			slices.Sort(r.APPI)
			if !slices.Equal(r.APPI, w.appi) && !(len(r.APPI) == 0 && len(w.appi) == 0) {
				t.Errorf("appi = %v, want %v", r.APPI, w.appi)
			}
		})
	}
	if sum.Files != len(want) || sum.NotExamined != 3 || sum.Scanned != len(want)-3 || sum.WithPersonalData != 6 {
		t.Errorf("summary files/scanned/not examined/with data = %d/%d/%d/%d", sum.Files, sum.Scanned, sum.NotExamined, sum.WithPersonalData)
	}
	// The free-dial number and the product code in the note are not phones.
	if n := files["職員室/引き継ぎメモ.txt"].Categories["phone"].Count; n != 2 {
		t.Errorf("note phones = %d, want 2 (free dial is business)", n)
	}
	for _, raw := range []string{"090-1234-5678", "09012345678", "pta.kaicho@example.jp", "08023456789"} {
		if bytes.Contains(data, []byte(raw)) {
			t.Errorf("report holds an unmasked value of the note")
		}
	}
}

// TestReportIsPrivate: a report names where personal data is; others must not read it.
func TestReportIsPrivate(t *testing.T) {
	if os.Getenv("GOOS") == "windows" {
		t.Skip("mode bits")
	}
	out := filepath.Join(t.TempDir(), "r.jsonl")
	if err := os.WriteFile(out, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := runScan(context.Background(), scanOptions{Roots: []string{"fixtures/share/職員室"}, Output: out, Volume: 100}, io.Discard); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("report mode = %v, want 0600", st.Mode().Perm())
	}
}

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	if err := os.Symlink(filepath.Join(dir, "missing"), filepath.Join(dir, "dangling")); err != nil {
		t.Skip("no symlinks here")
	}
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	cases := map[string]struct {
		ctx  context.Context
		o    scanOptions
		code int
	}{
		"completed with findings":  {context.Background(), scanOptions{Roots: []string{"fixtures/share"}}, 0},
		"fail on findings":         {context.Background(), scanOptions{Roots: []string{"fixtures/share"}, FailOnFindings: true}, 1},
		"root does not exist":      {context.Background(), scanOptions{Roots: []string{filepath.Join(dir, "nowhere")}}, 2},
		"unreadable file":          {context.Background(), scanOptions{Roots: []string{dir}, FollowSymlinks: true}, 3},
		"interrupted":              {canceled, scanOptions{Roots: []string{"fixtures/share"}}, 130},
		"findings beat unreadable": {context.Background(), scanOptions{Roots: []string{dir, "fixtures/share"}, FollowSymlinks: true, FailOnFindings: true}, 1},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			c.o.Volume = 100
			c.o.Output = filepath.Join(t.TempDir(), "r.jsonl")
			err := runScan(c.ctx, c.o, io.Discard)
			if got := exitCode(err); got != c.code {
				t.Errorf("exit code = %d (%v), want %d", got, err, c.code)
			}
		})
	}
}

// TestInterruptedReportIsValid: after Ctrl-C the report so far parses and says so.
func TestInterruptedReportIsValid(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	out := filepath.Join(t.TempDir(), "r.jsonl")
	err := runScan(ctx, scanOptions{Roots: []string{"fixtures/share"}, Output: out, Volume: 100}, io.Discard)
	if !errors.Is(err, errInterrupted) {
		t.Fatalf("err = %v, want interrupted", err)
	}
	data, rerr := os.ReadFile(out)
	if rerr != nil {
		t.Fatal(rerr)
	}
	_, sum := parseReport(t, data)
	if !sum.Interrupted {
		t.Error("summary does not say the scan was interrupted")
	}
}

func TestHumanSummary(t *testing.T) {
	var out bytes.Buffer
	if err := runScan(context.Background(), scanOptions{Roots: []string{"fixtures/share"}, Volume: 100}, &out); err != nil {
		t.Fatal(err)
	}
	s := out.String()
	for _, want := range []string{"本人の数 / subjects", "3年1組_名簿.csv", "high"} {
		if !strings.Contains(s, want) {
			t.Errorf("summary lacks %q:\n%s", want, s)
		}
	}
}

func TestParseSize(t *testing.T) {
	cases := map[string]int64{"": 0, "500": 500, "64K": 64 << 10, "500M": 500 << 20, "2G": 2 << 30, "2GB": 2 << 30, "1GiB": 1 << 30}
	for in, want := range cases {
		if got, err := parseSize(in); err != nil || got != want {
			t.Errorf("parseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{"big", "-1", "1X"} {
		if _, err := parseSize(bad); err == nil {
			t.Errorf("parseSize(%q) accepted", bad)
		}
	}
}

// TestSampleShareIsGenerated: the committed sample share is exactly what
// its generator writes, so the labels in fixtures/gen/sample.go hold.
func TestSampleShareIsGenerated(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the generator")
	}
	dir := t.TempDir()
	if out, err := exec.Command("go", "run", "./fixtures/gen", "-sample", "-out", dir).CombinedOutput(); err != nil {
		t.Fatalf("generator: %v\n%s", err, out)
	}
	want := map[string][]byte{}
	filepath.WalkDir("fixtures/share", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel("fixtures/share", p)
			want[rel], _ = os.ReadFile(p)
		}
		return nil
	})
	got := 0
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		got++
		rel, _ := filepath.Rel(dir, p)
		data, _ := os.ReadFile(p)
		if w, ok := want[rel]; !ok || !bytes.Equal(w, data) {
			t.Errorf("%s differs from the committed sample share", rel)
		}
		return nil
	})
	if got != len(want) {
		t.Errorf("generator wrote %d files, the sample share has %d", got, len(want))
	}
}
