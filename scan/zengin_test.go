package scan

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
)

// zenginRec pads s (half-width kana as Shift_JIS bytes) to a 120-byte record.
func zenginRec(s string) []byte {
	var b []byte
	for _, r := range s {
		switch {
		case r >= 0xff61 && r <= 0xff9f:
			b = append(b, byte(r-0xff61+0xa1))
		default:
			b = append(b, byte(r))
		}
	}
	for len(b) < zenginRecord {
		b = append(b, ' ')
	}
	return b[:zenginRecord]
}

func pad(s string, n int) string {
	return (s + strings.Repeat(" ", n))[:len(s)+max(0, n-len([]rune(s)))]
}

// zenginFile builds a synthetic 口座振替 file of n data records joined by sep.
func zenginFile(n int, sep string) []byte {
	recs := [][]byte{zenginRec("191" + "0" + "1234567890" + pad("ｶﾞｯｺｳ ｷﾕｳｼﾖｸﾋ", 40) + "0401" + "0128" + pad("ｸﾞﾝﾏ", 15) + "101" + pad("ﾏｴﾊﾞｼ", 15) + "1" + "7000001")}
	holders := []string{"ﾔﾏﾀﾞ ﾀﾛｳ", "ｻﾄｳ ﾊﾅｺ", "ｽｽﾞｷ ｲﾁﾛｳ", "ﾀｶﾊｼ ｼﾞﾛｳ", "ﾀﾅｶ ﾐｷ"}
	for i := 0; i < n; i++ {
		recs = append(recs, zenginRec(fmt.Sprintf("2%04d%s%03d%s    1%07d%s%010d0%020d0",
			128, pad("ｸﾞﾝﾏ", 15), 101+i%3, pad("ﾏｴﾊﾞｼ", 15), 1234500+i*37, pad(holders[i%len(holders)], 30), 4500, i+1)))
	}
	recs = append(recs, zenginRec(fmt.Sprintf("8%06d%012d", n, n*4500)), zenginRec("9"))
	return append(bytes.Join(recs, []byte(sep)), sep...)
}

func TestZenginSniff(t *testing.T) {
	good := zenginFile(3, "\r\n")
	tests := map[string]struct {
		b    []byte
		want bool
	}{
		"crlf":         {good, true},
		"lf":           {zenginFile(3, "\n"), true},
		"no breaks":    {zenginFile(3, ""), true},
		"eof mark":     {append(zenginFile(2, ""), 0x1a), true},
		"121 bytes":    {bytes.ReplaceAll(good, []byte("\r\n"), []byte(" \r\n")), false},
		"no trailer":   {good[:4*122], false},
		"bad order":    {append(zenginRec("9"), good...), false},
		"kanji inside": {bytes.Replace(good, []byte("    1"), []byte("\x93\xfa  1"), 1), false},
		"one record":   {zenginRec("1910"), false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := isZengin(tc.b, true); got != tc.want {
				t.Errorf("isZengin = %v, want %v", got, tc.want)
			}
		})
	}
	if !isZengin(zenginFile(600, "")[:readBufSize], false) {
		t.Error("the head of a long file is not recognised")
	}
}

type rowSink struct {
	rows  [][]Cell
	texts []string
}

func (s *rowSink) Text(t string, _ Loc) { s.texts = append(s.texts, t) }
func (s *rowSink) Row(_ string, c []Cell) {
	s.rows = append(s.rows, append([]Cell(nil), c...))
}

func TestZenginExtract(t *testing.T) {
	for _, sep := range []string{"", "\n", "\r\n"} {
		t.Run(fmt.Sprintf("sep%q", sep), func(t *testing.T) {
			var s rowSink
			f := File{Rel: "FURIKAE.DAT"}
			if err := Extract(context.Background(), &f, bytes.NewReader(zenginFile(20, sep)), &s, Limits{}); err != nil {
				t.Fatal(err)
			}
			if f.Format != FormatZengin || f.Encoding != EncSJIS || f.Status != StatusOK || f.DecodeErrors != 0 {
				t.Fatalf("got %s/%s/%s errs %d", f.Format, f.Encoding, f.Status, f.DecodeErrors)
			}
			if len(s.rows) != 21 {
				t.Fatalf("%d rows, want header and 20", len(s.rows))
			}
			h, r := s.rows[0], s.rows[1]
			if h[7].Text != "口座番号" || h[8].Text != "預金者名" {
				t.Errorf("header fields 7, 8 = %q, %q", h[7].Text, h[8].Text)
			}
			if r[8].Text != "ﾔﾏﾀﾞ ﾀﾛｳ" || r[8].At != (Loc{Line: 2, Col: 51}) || r[8].Field != 8 {
				t.Errorf("holder cell at %v field %d (text matches: %v)", r[8].At, r[8].Field, r[8].Text == "ﾔﾏﾀﾞ ﾀﾛｳ")
			}
			if len(r[7].Text) != 7 || r[7].At.Col != 44 {
				t.Errorf("account cell of %d chars at %v", len(r[7].Text), r[7].At)
			}
			if len(s.texts) != 3 {
				t.Errorf("%d text records, want header, trailer, end", len(s.texts))
			}
		})
	}
}

func FuzzZengin(f *testing.F) {
	f.Add(zenginFile(2, ""))
	f.Add(zenginFile(3, "\r\n"))
	f.Add(zenginFile(1, "\n")[:300])
	f.Fuzz(func(t *testing.T, b []byte) {
		var s rowSink
		fl := File{Rel: "x"}
		_ = Extract(context.Background(), &fl, bytes.NewReader(b), &s, Limits{})
		if fl.Format != FormatZengin {
			return
		}
		for _, r := range s.rows {
			for _, c := range r {
				if c.At.Line < 1 || c.At.Col < 1 || c.At.Col > zenginRecord {
					t.Errorf("cell at %v", c.At)
				}
			}
		}
	})
}
