package detect

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

var testKey = []byte("0123456789abcdef0123456789abcdef")

func day(s string) time.Time {
	t, err := time.ParseInLocation(time.DateOnly, s, time.Local)
	if err != nil {
		panic(err)
	}
	return t
}

func TestAllowlist(t *testing.T) {
	school := Fingerprint(testKey, "027-224-1111")
	entries := []AllowEntry{
		{Path: "公開/**", Reason: "published", Line: 1},
		{Category: Phone, Fingerprint: school, Reason: "school's number", Line: 2},
		{Path: "**/献立*.csv", Category: Allergy, Reason: "menus", Line: 3},
		{Path: "old/**", Reason: "expired", Expires: day("2026-03-31"), Line: 4},
		{Category: Email, Reason: "never used", Expires: day("2026-04-01"), Line: 5},
		{Rule: "student-id", Path: "名簿/*.csv", Reason: "rule only", Line: 6},
	}
	a, err := NewAllowlist(entries, testKey, day("2026-04-01").Add(13*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if fa := a.ForFile("公開/2025/だより.pdf"); !fa.Whole() {
		t.Error("公開/** does not allow a file below it")
	}
	if fa := a.ForFile("校務/公開.csv"); fa.Whole() {
		t.Error("公開/** allows a file elsewhere")
	}
	if fa := a.ForFile("old/list.csv"); fa.Whole() {
		t.Error("an expired entry still applies")
	}
	fa := a.ForFile("校務/連絡網.csv")
	if !fa.Allows("phone", Phone, "0272241111") || !fa.Allows("phone", Phone, "027 224 1111") {
		t.Error("the fingerprinted number is not allowed in its normal forms")
	}
	if fa.Allows("phone", Phone, "0272241112") {
		t.Error("another number is allowed")
	}
	if fa.Allows("email", Email, "0272241111") == false {
		// An e-mail entry (line 5) applies through 2026-04-01.
		t.Error("an entry on its last day does not apply")
	}
	if fa := a.ForFile("給食/献立2026.csv"); !fa.Allows("allergy", Allergy, "卵") || fa.Allows("medical", Medical, "喘息") {
		t.Error("path and category entry")
	}
	if fa := a.ForFile("名簿/1年.csv"); !fa.Allows("student-id", "custom:student_id", "S1234567") || fa.Allows("phone", Phone, "0901234") {
		t.Error("rule entry")
	}
	var nilFA *FileAllow
	if nilFA.Whole() || nilFA.Allows("phone", Phone, "1") {
		t.Error("a nil FileAllow allows")
	}
	unused := a.Unused()
	if len(unused) != 0 {
		t.Errorf("unused = %v", unused)
	}
	// A day later: the e-mail entry has expired; the others were used.
	b, _ := NewAllowlist(entries, testKey, day("2026-04-02"))
	if got := lines(b.Expired()); !slices.Equal(got, []int{4, 5}) {
		t.Errorf("expired = %v, want lines 4 and 5", got)
	}
	if got := lines(b.Unused()); !slices.Equal(got, []int{1, 2, 3, 6}) {
		t.Errorf("unused of a fresh list = %v", got)
	}
	if _, err := NewAllowlist(entries, nil, time.Now()); !errors.Is(err, ErrNoFingerprintKey) {
		t.Errorf("no key: err = %v", err)
	}
}

func lines(es []AllowEntry) []int {
	var out []int
	for _, e := range es {
		out = append(out, e.Line)
	}
	return out
}

func TestGlobMatch(t *testing.T) {
	cases := []struct {
		pat, name string
		want      bool
	}{
		{"公開/**", "公開/a/b.pdf", true},
		{"公開/**", "公開", true},
		{"公開/**", "校務/公開/a", false},
		{"**/公開/**", "校務/公開/a", true},
		{"*.csv", "a/b/c.csv", true},
		{"a/*.csv", "a/b/c.csv", false},
		{"a/**/c.csv", "a/c.csv", true},
		{"a/**/c.csv", "a/x/y/c.csv", true},
		{"arch.zip!/*.csv", "arch.zip!/名簿.csv", true},
	}
	for _, c := range cases {
		if got := globMatch(c.pat, c.name); got != c.want {
			t.Errorf("globMatch(%q, %q) = %v", c.pat, c.name, got)
		}
	}
}

func TestFingerprintNormalises(t *testing.T) {
	same := [][]string{
		{"090-1234-5678", "09012345678", "０９０－１２３４－５６７８", "090 1234 5678"},
		{"山田 太郎", "山田　太郎", "山田太郎"},
		{"髙橋 一郎", "高橋一郎"},
		{"Taro@Example.JP", "taro@example.jp"},
	}
	for _, group := range same {
		for _, v := range group[1:] {
			if Fingerprint(testKey, v) != Fingerprint(testKey, group[0]) {
				t.Errorf("%q and %q differ", v, group[0])
			}
		}
	}
	if Fingerprint(testKey, "ルーシー") == Fingerprint(testKey, "ルシ") {
		t.Error("the long-vowel mark of a name was dropped")
	}
	f := Fingerprint(testKey, "090-1234-5678")
	if !validFingerprint(f) || strings.Contains(f, "5678") || f == Fingerprint([]byte("another key another key another!"), "090-1234-5678") {
		t.Errorf("fingerprint %q", f)
	}
	if FingerprintOf(testKey, BirthDate, "平成22年4月1日") != FingerprintOf(testKey, BirthDate, "2010/4/1") {
		t.Error("FingerprintOf does not normalise a date as its rule does")
	}
}

func TestKeyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "k")
	if err := WriteKeyFile(path); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", fi.Mode())
	}
	k, err := LoadKey(path)
	if err != nil || len(k) != KeySize {
		t.Fatalf("LoadKey: %v", err)
	}
	if err := WriteKeyFile(path); err == nil {
		t.Error("an existing key file was replaced")
	}
	os.WriteFile(path+"2", []byte("not hex\n"), 0o600)
	if _, err := LoadKey(path + "2"); !errors.Is(err, ErrBadKey) {
		t.Errorf("bad key: %v", err)
	}
}

// TestAllowedValueNotReported follows the school file's allowlist the way
// the scan applies it (see the hooks in the report of issue 8): the
// school's own number stops being reported, another number is.
func TestAllowedValueNotReported(t *testing.T) {
	cfg := loadTestRules(t, "school.toml")
	key, err := LoadKey(cfg.FingerprintKey)
	if err != nil {
		t.Fatal(err)
	}
	a, err := cfg.Allowlist(key, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	d := NewWith(cfg)
	fa := a.ForFile("校務/連絡.txt")
	count := func(text string) int {
		n := 0
		_, ms := d.FindText(text, nil)
		for _, m := range ms {
			if m.Category == Phone && !fa.Allows(m.Rule, m.Category, m.Value) {
				n++
			}
		}
		return n
	}
	if n := count("学校 電話 027-224-1111"); n != 0 {
		t.Errorf("allowlisted number reported %d times", n)
	}
	if n := count("自宅 電話 090-1234-5678"); n != 1 {
		t.Errorf("other number reported %d times", n)
	}
	if len(a.Unused()) != 1 || a.Unused()[0].Path != "公開/**" {
		t.Errorf("unused = %v", a.Unused())
	}
}
