package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// zenginRecord pads s, half-width katakana written as Shift_JIS bytes, to
// the 120 bytes of a 全銀協 record.
func zenginRecord(s string) []byte {
	var b []byte
	for _, r := range s {
		if r >= 0xff61 && r <= 0xff9f {
			b = append(b, byte(r-0xff61+0xa1))
		} else {
			b = append(b, byte(r))
		}
	}
	return append(b, bytes.Repeat([]byte{' '}, 120-len(b))...)[:120]
}

// kana pads half-width katakana to n characters.
func kana(s string, n int) string {
	return s + strings.Repeat(" ", n-len([]rune(s)))
}

// syntheticZengin is a 口座振替 file of 20 invented debtors.
func syntheticZengin(sep string) []byte {
	recs := [][]byte{zenginRecord("1910" + "1234567890" + kana("ｶﾞｯｺｳ ｷﾕｳｼﾖｸﾋ", 40) + "0401" + "0128" + kana("ｸﾞﾝﾏ", 15) + "101" + kana("ﾏｴﾊﾞｼ", 15) + "1" + "7000001")}
	family := []string{"ﾔﾏﾀﾞ", "ｻﾄｳ", "ｽｽﾞｷ", "ﾀｶﾊｼ", "ﾀﾅｶ", "ﾜﾀﾅﾍﾞ", "ｲﾄｳ"}
	given := []string{"ﾀﾛｳ", "ﾊﾅｺ", "ｲﾁﾛｳ", "ｼﾞﾛｳ", "ﾐｷ", "ｹﾝｼﾞ"}
	for i := 0; i < 20; i++ {
		holder := family[i%len(family)] + " " + given[i%len(given)]
		recs = append(recs, zenginRecord(fmt.Sprintf("2%04d%s%03d%s    1%07d%s%010d0%020d0",
			128, kana("ｸﾞﾝﾏ", 15), 101+i%3, kana("ﾏｴﾊﾞｼ", 15), 1234501+i*7919, kana(holder, 30), 4500, i+1)))
	}
	recs = append(recs, zenginRecord(fmt.Sprintf("8%06d%012d", 20, 20*4500)), zenginRecord("9"))
	return append(bytes.Join(recs, []byte(sep)), sep...)
}

func TestZenginScan(t *testing.T) {
	for name, sep := range map[string]string{"no breaks": "", "crlf": "\r\n"} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "FURIKAE.DAT"), syntheticZengin(sep), 0o600); err != nil {
				t.Fatal(err)
			}
			files, _, _, err := scanToFile(t, scanOptions{Roots: []string{dir}, All: true, Volume: 100})
			if err != nil {
				t.Fatalf("scan: %v", err)
			}
			r, ok := files["FURIKAE.DAT"]
			if !ok {
				t.Fatal("no record for the file")
			}
			if r.Format != "zengin" || r.Encoding != "shift_jis" || r.Status != "ok" {
				t.Errorf("format %s, encoding %s, status %s", r.Format, r.Encoding, r.Status)
			}
			if r.Subjects != 20 {
				t.Errorf("subjects %d, want 20", r.Subjects)
			}
			for _, c := range []string{"bank_account", "person_name"} {
				if _, ok := r.Categories[c]; !ok {
					t.Errorf("no %s", c)
				}
			}
			if !slices.Contains(r.APPI, "financial") {
				t.Errorf("appi %v, want financial", r.APPI)
			}
		})
	}
}
