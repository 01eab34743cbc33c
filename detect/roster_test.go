package detect

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

var rosterPeople = [][]string{
	{"山田 太郎", "2010/4/1"},
	{"佐藤　花子", "平成22年5月12日"},
	{"髙橋 一郎", "2011-01-31"},
	{"鈴木 次郎", ""}, // skipped: no birth date
}

func buildTestRoster(t *testing.T) (*RosterBuilder, []RosterColumn) {
	t.Helper()
	cols, err := RosterColumns([]string{"氏名", "生年月日"})
	if err != nil {
		t.Fatal(err)
	}
	if cols[0].Category != PersonName || cols[1].Category != BirthDate {
		t.Fatalf("columns = %v", cols)
	}
	b := NewRosterBuilder(testKey, cols)
	for _, p := range rosterPeople {
		b.Add(p)
	}
	if b.Len() != 3 || b.Skipped() != 1 {
		t.Fatalf("Len %d, Skipped %d", b.Len(), b.Skipped())
	}
	return b, cols
}

func TestRosterMatch(t *testing.T) {
	b, _ := buildTestRoster(t)
	path := filepath.Join(t.TempDir(), "roster.idx")
	if err := b.WriteFile(path); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("index mode %v, %v", fi.Mode(), err)
	}
	data, _ := os.ReadFile(path)
	for _, p := range rosterPeople {
		for _, v := range p {
			for _, part := range append(strings.Fields(v), NormalizeValue(v), normalizeFor(BirthDate, v)) {
				if part != "" && bytes.Contains(data, []byte(part)) {
					t.Errorf("the index holds %q in clear", part)
				}
			}
		}
	}
	for _, w := range []string{"2010", "山田", "太郎", "花子"} {
		if bytes.Contains(data, []byte(w)) {
			t.Errorf("the index holds %q", w)
		}
	}
	r, err := LoadRoster(path, testKey)
	if err != nil {
		t.Fatal(err)
	}
	if r.Len() != 3 || len(r.Columns()) != 2 || r.Columns()[0].Name != "氏名" {
		t.Errorf("loaded %d people, columns %v", r.Len(), r.Columns())
	}
	cases := []struct {
		name, birth string
		want        bool
	}{
		{"山田 太郎", "2010-04-01", true}, // as the rules normalise a table's values
		{"山田太郎", "H22.4.1", true},
		{"佐藤 花子", "2010/05/12", true},
		{"高橋 一郎", "2011/1/31", true}, // 髙 and 高 are one name
		{"山田 太郎", "2010-04-02", false},
		{"山田 次郎", "2010-04-01", false},
		{"鈴木 次郎", "2010-04-01", false},
	}
	for _, c := range cases {
		if got := r.Match(map[Category]string{PersonName: c.name, BirthDate: c.birth}); got != c.want {
			t.Errorf("Match(%s, %s) = %v", c.name, c.birth, got)
		}
	}
	if r.Match(map[Category]string{PersonName: "山田 太郎"}) {
		t.Error("a row without a birth date matched")
	}
	var none *Roster
	if none.Match(map[Category]string{PersonName: "山田 太郎"}) {
		t.Error("a nil roster matched")
	}
	if _, err := LoadRoster(path, []byte("another key another key another!")); !errors.Is(err, ErrRosterKey) {
		t.Errorf("wrong key: err = %v", err)
	}
}

func TestRosterColumns(t *testing.T) {
	cols, err := RosterColumns([]string{"氏名", "組=school_record"})
	if err != nil || cols[1].Category != SchoolRecord {
		t.Errorf("cols %v, err %v", cols, err)
	}
	for _, bad := range [][]string{{"備考"}, {"氏名", "氏名"}, {"x=student"}, {""}} {
		if _, err := RosterColumns(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestReadRosterRejects(t *testing.T) {
	good := "mamori-roster 1\ncolumn\t\"氏名\"\tperson_name\ncheck\t" + keyCheck(testKey) + "\n"
	for name, src := range map[string]string{
		"empty":     "",
		"magic":     "roster\n",
		"no check":  "mamori-roster 1\ncolumn\t\"氏名\"\tperson_name\n",
		"bad hash":  good + "xyz\n",
		"bad cat":   "mamori-roster 1\ncolumn\t\"氏名\"\tname\n",
		"bad quote": "mamori-roster 1\ncolumn\t氏名\tperson_name\n",
	} {
		if _, err := ReadRoster(strings.NewReader(src), testKey); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if _, err := ReadRoster(strings.NewReader(good), testKey); err != nil {
		t.Errorf("good: %v", err)
	}
}

// TestRosterWriteFails injects a full disk: no index is left behind.
func TestRosterWriteFails(t *testing.T) {
	b, _ := buildTestRoster(t)
	dir := t.TempDir()
	defer func(f func(string, string) (*os.File, error)) { rosterCreateTemp = f }(rosterCreateTemp)
	rosterCreateTemp = func(dir, pattern string) (*os.File, error) {
		return nil, &os.PathError{Op: "open", Path: dir, Err: syscall.ENOSPC}
	}
	path := filepath.Join(dir, "roster.idx")
	if err := b.WriteFile(path); !errors.Is(err, syscall.ENOSPC) {
		t.Errorf("err = %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("left behind: %v", entries)
	}
}
