package scan

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"
)

// rosterSample is Japanese text in JIS X 0208, so every legacy encoding has it.
const rosterSample = "氏名,ふりがな,電話番号,住所\n" +
	"山田 太郎,やまだ たろう,090-1234-5678,群馬県前橋市大手町二丁目12-1\n" +
	"佐藤 花子,さとう はなこ,０２７－２２４－１１１１,東京都千代田区丸の内一丁目\n" +
	"鈴木 一郎,すずき いちろう,080-9876-5432,大阪府大阪市北区梅田三丁目\n"

// encodeWith encodes s, failing the test on any unencodable rune.
func encodeWith(t testing.TB, e encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := e.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("failed to encode sample: %v", err)
	}
	return b
}

var (
	utf16LE = unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)
	utf16BE = unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)
)

func TestSniff(t *testing.T) {
	sjis := encodeWith(t, japanese.ShiftJIS, rosterSample)
	tests := map[string]struct {
		name   string
		data   []byte
		format string
		enc    string
		status Status
		reason string
	}{
		"empty":                  {"a.csv", nil, FormatEmpty, "", StatusOK, ""},
		"utf-8 csv":              {"a.csv", []byte(rosterSample), FormatCSV, EncUTF8, StatusOK, ""},
		"utf-8 csv, no ext":      {"a", []byte(rosterSample), FormatCSV, EncUTF8, StatusOK, ""},
		"utf-8 csv named .txt":   {"a.txt", []byte(rosterSample), FormatCSV, EncUTF8, StatusOK, ""},
		"ascii":                  {"a.txt", []byte("hello world\n"), FormatText, EncUTF8, StatusOK, ""},
		"utf-8 bom":              {"a.csv", append([]byte("\xEF\xBB\xBF"), rosterSample...), FormatCSV, EncUTF8BOM, StatusOK, ""},
		"utf-16le bom":           {"a.csv", append([]byte("\xFF\xFE"), encodeWith(t, utf16LE, rosterSample)...), FormatCSV, EncUTF16LE, StatusOK, ""},
		"utf-16be bom":           {"a.csv", append([]byte("\xFE\xFF"), encodeWith(t, utf16BE, rosterSample)...), FormatCSV, EncUTF16BE, StatusOK, ""},
		"utf-16le no bom":        {"a.csv", encodeWith(t, utf16LE, rosterSample), FormatCSV, EncUTF16LE, StatusOK, ""},
		"utf-16be no bom":        {"a.txt", encodeWith(t, utf16BE, "山田太郎さんの電話番号は090-1234-5678です。\n"), FormatText, EncUTF16BE, StatusOK, ""},
		"utf-16le japanese only": {"a.txt", encodeWith(t, utf16LE, strings.Repeat("山田太郎さんの電話番号は、存じません。", 20)), FormatText, EncUTF16LE, StatusOK, ""},
		"shift_jis":              {"a.csv", sjis, FormatCSV, EncSJIS, StatusOK, ""},
		"shift_jis, invalid":     {"a.csv", withInvalid(sjis), FormatCSV, EncSJIS, StatusOK, ""},
		"euc-jp":                 {"a.csv", encodeWith(t, japanese.EUCJP, rosterSample), FormatCSV, EncEUCJP, StatusOK, ""},
		"euc-jp kanji only":      {"a.txt", encodeWith(t, japanese.EUCJP, "山田太郎\n前橋市大手町\n"), FormatText, EncEUCJP, StatusOK, ""},
		"shift_jis kanji only":   {"a.txt", encodeWith(t, japanese.ShiftJIS, "山田太郎\n前橋市大手町\n"), FormatText, EncSJIS, StatusOK, ""},
		"iso-2022-jp":            {"a.txt", encodeWith(t, japanese.ISO2022JP, "山田太郎, 前橋市\n"), FormatText, EncISO2022JP, StatusOK, ""},
		"shift_jis after ascii":  {"a.txt", append([]byte(strings.Repeat("header line\n", 1000)), sjis...), FormatText, EncSJIS, StatusOK, ""},
		"tsv":                    {"a.txt", []byte(strings.ReplaceAll(rosterSample, ",", "\t")), FormatTSV, EncUTF8, StatusOK, ""},
		"tsv named .tsv":         {"a.tsv", []byte("氏名\t電話\n山田\t090\n"), FormatTSV, EncUTF8, StatusOK, ""},
		"text with commas":       {"a.txt", []byte("Hello, world.\nGoodbye, moon.\n"), FormatText, EncUTF8, StatusOK, ""},
		"prose with commas":      {"memo", []byte("山田さん, 田中さん, 佐藤さん\nこんにちは\n今日は, 晴れ\n"), FormatText, EncUTF8, StatusOK, ""},
		"csv one column":         {"a.csv", []byte("山田\n佐藤\n"), FormatCSV, EncUTF8, StatusOK, ""},
		"csv quoted newlines":    {"a", []byte("a,b,c\n\"x\ny,z\",2,3\n\"p\",\"q\",r\n"), FormatCSV, EncUTF8, StatusOK, ""},
		"csv one line":           {"a.csv", []byte("山田,090-1234-5678"), FormatCSV, EncUTF8, StatusOK, ""},
		"binary named .csv":      {"a.csv", []byte("\x00\x01\x02\x03binary\x00\xff\xfe\x00\x10"), FormatBinary, "", StatusSkipped, "binary file"},
		"control bytes":          {"a.csv", bytes.Repeat([]byte("ab\x01\x02\x03\x04"), 100), FormatBinary, "", StatusSkipped, "binary file"},
		"truncated zip":          {"a.csv", []byte("PK\x03\x04\x14\x00\x00\x00"), FormatZip, "", StatusError, "failed to read zip: zip: not a valid zip file"},
		"empty zip archive":      {"a.csv", append([]byte("PK\x05\x06"), make([]byte, 18)...), FormatZip, "", StatusSkipped, "zip archive: members are read in a scan"},
		"empty zip":              {"a.zip", []byte("PK\x05\x06" + strings.Repeat("\x00", 18)), FormatZip, "", StatusSkipped, "zip archive: members are read in a scan"},
		"truncated ole":          {"a.xls", []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00"), FormatOLE, "", StatusError, "failed to read OLE file: scan: corrupt OLE file: shorter than its header"},
		"age":                    {"a.csv.age", []byte("age-encryption.org/v1\n-> X25519 abc\n"), FormatAge, "", StatusEncrypted, ""},
		"age armored":            {"a.age", []byte("-----BEGIN AGE ENCRYPTED FILE-----\nYWdl\n"), FormatAge, "", StatusEncrypted, ""},
		"pdf":                    {"a.pdf", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"), FormatPDF, "", StatusSkipped, "unsupported format: pdf"},
		"png":                    {"a.csv", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), FormatImage, "", StatusSkipped, "unsupported format: image"},
		"jpeg":                   {"a.jpg", []byte("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00"), FormatImage, "", StatusSkipped, "unsupported format: image"},
		"gif":                    {"a.gif", []byte("GIF89a\x01\x00"), FormatImage, "", StatusSkipped, "unsupported format: image"},
		"tiff":                   {"a.tif", []byte("II*\x00\x08\x00\x00\x00"), FormatImage, "", StatusSkipped, "unsupported format: image"},
		"bmp":                    {"a.bmp", []byte("BM\x36\x00\x0c\x00\x00\x00\x00\x00\x36\x00\x00\x00"), FormatImage, "", StatusSkipped, "unsupported format: image"},
		"text starting BM":       {"a.txt", []byte("BMI is 22\n"), FormatText, EncUTF8, StatusOK, ""},
		"webp":                   {"a.webp", []byte("RIFF\x24\x00\x00\x00WEBPVP8 "), FormatImage, "", StatusSkipped, "unsupported format: image"},
		"heic":                   {"a.heic", []byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00"), FormatImage, "", StatusSkipped, "unsupported format: image"},
		"mp4":                    {"a.mp4", []byte("\x00\x00\x00\x18ftypisom\x00\x00\x00\x00"), FormatBinary, "", StatusSkipped, "binary file"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			f, _ := extractBytes(t, tc.name, tc.data, DefaultLimits)
			if f.Format != tc.format || f.Encoding != tc.enc || f.Status != tc.status || f.Reason != tc.reason {
				t.Errorf("got %s/%s/%s %q, want %s/%s/%s %q",
					f.Format, f.Encoding, f.Status, f.Reason, tc.format, tc.enc, tc.status, tc.reason)
			}
		})
	}
}

// withInvalid puts a few byte sequences that are invalid in Shift_JIS
// into b: a lead byte before ASCII, and bytes no encoding uses.
func withInvalid(b []byte) []byte {
	out := append([]byte{}, b[:20]...)
	out = append(out, 0x81, ',', 0xFD)
	out = append(out, b[20:60]...)
	out = append(out, 0xFF)
	return append(out, b[60:]...)
}

func TestSniffIgnoresExtension(t *testing.T) {
	for _, name := range []string{"a.txt", "a.zip", "a.pdf", "a.png", "a"} {
		if got := sniff([]byte("PK\x03\x04"), true, name); got.format != FormatZip {
			t.Errorf("%s: %s", name, got.format)
		}
		if got := sniff([]byte("plain text\n"), true, name); got.format != FormatText {
			t.Errorf("%s: %s", name, got.format)
		}
	}
}
