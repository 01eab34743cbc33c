package scan

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"golang.org/x/text/encoding/japanese"
)

// textOf joins what a sink received, one line per call.
func textOf(s *extractSink) string {
	var b strings.Builder
	for _, c := range s.calls {
		if c.cells == nil {
			b.WriteString(c.text)
		} else {
			for i, cl := range c.cells {
				if i > 0 {
					b.WriteByte(',')
				}
				b.WriteString(cl.Text)
			}
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func TestDecode(t *testing.T) {
	tests := map[string]struct {
		data   []byte
		enc    string
		errors int
	}{
		"utf-8":          {[]byte(rosterSample), EncUTF8, 0},
		"utf-8 bom":      {append([]byte("\xEF\xBB\xBF"), rosterSample...), EncUTF8BOM, 0},
		"shift_jis":      {encodeWith(t, japanese.ShiftJIS, rosterSample), EncSJIS, 0},
		"euc-jp":         {encodeWith(t, japanese.EUCJP, rosterSample), EncEUCJP, 0},
		"utf-16le bom":   {append([]byte("\xFF\xFE"), encodeWith(t, utf16LE, rosterSample)...), EncUTF16LE, 0},
		"utf-16be bom":   {append([]byte("\xFE\xFF"), encodeWith(t, utf16BE, rosterSample)...), EncUTF16BE, 0},
		"utf-16le":       {encodeWith(t, utf16LE, rosterSample), EncUTF16LE, 0},
		"iso-2022-jp":    {encodeWith(t, japanese.ISO2022JP, rosterSample), EncISO2022JP, 0},
		"cp932 extended": {encodeWith(t, japanese.ShiftJIS, "①髙﨑,ｱｲｳ,№\n"), EncSJIS, 0},
	}
	for name, tc := range tests {
		for _, oneByte := range []bool{false, true} {
			var r io.Reader = bytes.NewReader(tc.data)
			if oneByte {
				r = iotest.OneByteReader(r)
			}
			f := &File{Rel: "a.csv"}
			s := &extractSink{}
			if err := Extract(context.Background(), f, r, s, DefaultLimits); err != nil {
				t.Fatal(err)
			}
			want := rosterSample
			if name == "cp932 extended" {
				want = "①髙﨑,ｱｲｳ,№\n"
			}
			if f.Encoding != tc.enc || f.DecodeErrors != tc.errors || textOf(s) != want {
				t.Errorf("%s (one byte reads %v): %s with %d errors, text %q",
					name, oneByte, f.Encoding, f.DecodeErrors, textOf(s))
			}
		}
	}
}

func TestDecodeErrors(t *testing.T) {
	sjis := encodeWith(t, japanese.ShiftJIS, rosterSample)
	tests := map[string]struct {
		data   []byte
		enc    string
		errors int
		want   string // a line that must come out whole
	}{
		"shift_jis with invalid bytes": {withInvalid(sjis), EncSJIS, 3, "鈴木 一郎,すずき いちろう,080-9876-5432,大阪府大阪市北区梅田三丁目"},
		"shift_jis cut at the end":     {sjis[:len(sjis)-2], EncSJIS, 1, "山田 太郎,やまだ たろう,090-1234-5678,群馬県前橋市大手町二丁目12-1"},
		"invalid utf-8": {
			[]byte("山田,\xff\xfe\n" + strings.Repeat("佐藤,090\n", 2000) + "鈴木,\xe3\x81\n"),
			EncUTF8, 4, "佐藤,090",
		},
		"utf-8 with literal U+FFFD": {[]byte("a,\uFFFD\nb,c\n"), EncUTF8, 0, "a,\uFFFD"},
		"utf-16le unpaired surrogate": {
			append([]byte("\xFF\xFE"), append(encodeWith(t, utf16LE, "a,b\n"), 0x00, 0xD8, ',', 0, 'c', 0, '\n', 0)...),
			EncUTF16LE, 1, "\uFFFD,c",
		},
		"utf-16le odd length":     {append([]byte("\xFF\xFE"), append(encodeWith(t, utf16LE, "a,b\nc,d\n"), 'x')...), EncUTF16LE, 1, "c,d"},
		"utf-16be literal U+FFFD": {append([]byte("\xFE\xFF"), encodeWith(t, utf16BE, "a,\uFFFD\nb,c\n")...), EncUTF16BE, 0, "a,\uFFFD"},
	}
	for name, tc := range tests {
		for _, oneByte := range []bool{false, true} {
			var r io.Reader = bytes.NewReader(tc.data)
			if oneByte {
				r = iotest.OneByteReader(r)
			}
			f := &File{Rel: "a.csv"}
			s := &extractSink{}
			if err := Extract(context.Background(), f, r, s, DefaultLimits); err != nil {
				t.Fatal(err)
			}
			if f.Encoding != tc.enc || f.DecodeErrors != tc.errors || !strings.Contains(textOf(s), tc.want+"\n") {
				t.Errorf("%s (one byte reads %v): %s with %d errors, want %s with %d; text %.300q",
					name, oneByte, f.Encoding, f.DecodeErrors, tc.enc, tc.errors, textOf(s))
			}
		}
	}
}

func TestUTF8SourcePassesValidChunksThrough(t *testing.T) {
	data := []byte(strings.Repeat("山田太郎,090-1234-5678\n", 10000))
	var errs int
	src := newSource(bytes.NewReader(data), EncUTF8, &errs, 0)
	var out []byte
	for {
		c, err := src.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if len(c) > chunkSize+4 {
			t.Fatalf("chunk of %d bytes", len(c))
		}
		out = append(out, c...)
	}
	if !bytes.Equal(out, data) || errs != 0 {
		t.Errorf("%d bytes out of %d, %d errors", len(out), len(data), errs)
	}
	if s := src.(*utf8Source); s.fix != nil {
		t.Error("valid UTF-8 went through repair")
	}
}

func TestGuessEncodingCutRune(t *testing.T) {
	b := []byte("山田太郎")
	if got := guessEncoding(b[:len(b)-1], false); got != EncUTF8 {
		t.Errorf("cut sample: %s", got)
	}
	if got := guessEncoding(b[:len(b)-1], true); got == EncUTF8 {
		t.Errorf("cut file: %s", got)
	}
}

func TestLateNonASCII(t *testing.T) {
	ascii := strings.Repeat("id,name,tel\n", 10000) // 120 KB, past the sniffed sample
	tests := map[string]struct {
		data []byte
		enc  string
	}{
		"shift_jis": {append([]byte(ascii), encodeWith(t, japanese.ShiftJIS, rosterSample)...), EncSJIS},
		"euc-jp":    {append([]byte(ascii), encodeWith(t, japanese.EUCJP, rosterSample)...), EncEUCJP},
		"utf-8":     {append([]byte(ascii), rosterSample...), EncUTF8},
	}
	for name, tc := range tests {
		for _, oneByte := range []bool{false, true} {
			var r io.Reader = bytes.NewReader(tc.data)
			if oneByte {
				r = iotest.OneByteReader(r)
			}
			f := &File{Rel: "a.csv"}
			s := &extractSink{}
			if err := Extract(context.Background(), f, r, s, DefaultLimits); err != nil {
				t.Fatal(err)
			}
			if f.Encoding != tc.enc || f.DecodeErrors != 0 || textOf(s) != ascii+rosterSample {
				t.Errorf("%s (one byte reads %v): %s with %d errors", name, oneByte, f.Encoding, f.DecodeErrors)
			}
		}
	}
}

func TestLateNonASCIIReadError(t *testing.T) {
	data := append([]byte(strings.Repeat("id,name,tel\n", 10000)), encodeWith(t, japanese.ShiftJIS, rosterSample)...)
	f := &File{Rel: "a.csv"}
	err := Extract(context.Background(), f, &failingReader{data: data, err: io.ErrUnexpectedEOF}, &extractSink{}, DefaultLimits)
	if err == nil || f.Status != StatusError || f.Encoding != EncSJIS {
		t.Errorf("%v, %+v", err, f)
	}
}
