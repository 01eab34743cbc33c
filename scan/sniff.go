package scan

import (
	"bytes"
	"path"
	"strings"
)

const (
	// sniffSize is how many leading bytes decide the kind of content
	// (magic numbers, NUL and control bytes).
	sniffSize = 8 << 10
	// tableSniffBytes and tableSniffRecords bound the decoded text used to
	// tell CSV, TSV and prose apart: a screenful of records is enough.
	tableSniffBytes   = 16 << 10
	tableSniffRecords = 20
	// maxControlShare is the share of control bytes (other than tab, line
	// ends, form feed, ESC and Ctrl-Z) above which content is binary.
	maxControlShare = 0.05
)

// sniffed is what the first bytes of a file say about it.
type sniffed struct {
	format string
	enc    string
	status Status
	reason string
}

// isText reports whether the content is text to decode and scan.
func (s sniffed) isText() bool {
	switch s.format {
	case FormatText, FormatCSV, FormatTSV:
		return true
	}
	return false
}

// magic is a signature at the start of a file.
type magic struct {
	prefix string
	format string
}

// magics are checked in order; the first match wins.
var magics = []magic{
	{"PK\x03\x04", FormatZip},
	{"PK\x05\x06", FormatZip}, // empty archive
	{"PK\x07\x08", FormatZip}, // spanned archive
	{"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", FormatOLE},
	{"age-encryption.org/v1\n", FormatAge},
	{"%PDF-", FormatPDF},
	{"\x89PNG\r\n\x1a\n", FormatImage},
	{"\xFF\xD8\xFF", FormatImage},
	{"GIF87a", FormatImage},
	{"GIF89a", FormatImage},
	{"II*\x00", FormatImage}, // TIFF, little-endian
	{"MM\x00*", FormatImage}, // TIFF, big-endian
}

// armoredAge starts an age file in ASCII armor (age -a).
const armoredAge = "-----BEGIN AGE ENCRYPTED FILE-----"

// sniff decides the format and encoding of a file from its first bytes.
// atEOF says that sample is the whole file. name only breaks ties between
// CSV, TSV and text.
func sniff(sample []byte, atEOF bool, name string) sniffed {
	if len(sample) == 0 {
		return sniffed{format: FormatEmpty, status: StatusOK}
	}
	head := sample[:min(len(sample), sniffSize)]
	if f := magicFormat(head); f != "" {
		return opaque(f)
	}
	if isZengin(sample, atEOF) {
		return sniffed{format: FormatZengin, enc: EncSJIS, status: StatusOK}
	}
	enc := bomEncoding(head)
	if enc == "" {
		switch {
		case bytes.IndexByte(head, 0) >= 0:
			if enc = utf16NoBOM(head); enc == "" {
				return opaque(FormatBinary)
			}
		case controlShare(head) > maxControlShare:
			// UTF-16 Japanese has bytes such as 01 30 (、) but no NUL.
			if enc = utf16Plausible(head, minUTF16PlausibleNoNUL); enc == "" {
				return opaque(FormatBinary)
			}
		default:
			enc = guessEncoding(sample, atEOF)
		}
	}
	text, complete := decodeSample(sample, enc, atEOF)
	format := tableFormat(text, complete, path.Ext(name))
	return sniffed{format: format, enc: enc, status: StatusOK}
}

// opaque is the verdict on content that is not text.
func opaque(format string) sniffed {
	switch format {
	case FormatAge:
		return sniffed{format: format, status: StatusEncrypted}
	case FormatBinary:
		return sniffed{format: format, status: StatusSkipped, reason: reasonBinary}
	}
	return sniffed{format: format, status: StatusSkipped, reason: reasonUnsupported + format}
}

// magicFormat returns the format announced by a signature, or "".
func magicFormat(b []byte) string {
	for _, m := range magics {
		if bytes.HasPrefix(b, []byte(m.prefix)) {
			return m.format
		}
	}
	if bytes.HasPrefix(bytes.TrimLeft(b, " \t\r\n"), []byte(armoredAge)) {
		return FormatAge
	}
	if isBMP(b) || isRIFFImage(b) || isISOImage(b) {
		return FormatImage
	}
	return ""
}

// isBMP checks "BM", a size, then four reserved zero bytes: "BM" alone
// could start a line of text.
func isBMP(b []byte) bool {
	return len(b) >= 14 && b[0] == 'B' && b[1] == 'M' && string(b[6:10]) == "\x00\x00\x00\x00"
}

// isRIFFImage checks a RIFF container holding a WebP image.
func isRIFFImage(b []byte) bool {
	return len(b) >= 12 && string(b[:4]) == "RIFF" && string(b[8:12]) == "WEBP"
}

// imageBrands are ISO base media brands of still images (HEIC, HEIF, AVIF).
var imageBrands = []string{"heic", "heix", "hevc", "heim", "heis", "mif1", "msf1", "avif"}

// isISOImage checks an ISO base media file ("ftyp" box) with an image brand.
func isISOImage(b []byte) bool {
	if len(b) < 12 || string(b[4:8]) != "ftyp" {
		return false
	}
	brand := string(b[8:12])
	for _, ib := range imageBrands {
		if brand == ib {
			return true
		}
	}
	return false
}

// controlShare is the share of bytes that do not occur in text.
func controlShare(b []byte) float64 {
	n := 0
	for _, c := range b {
		if c < 0x20 || c == 0x7f {
			switch c {
			case '\t', '\n', '\r', '\f', 0x1b, 0x1a:
			default:
				n++
			}
		}
	}
	return float64(n) / float64(len(b))
}

// decodeSample decodes the start of sample for the table sniffer and says
// whether that is the whole file.
func decodeSample(sample []byte, enc string, atEOF bool) ([]byte, bool) {
	sample = sample[bomLen(sample, enc):]
	if len(sample) > tableSniffBytes {
		sample, atEOF = sample[:tableSniffBytes], false
	}
	switch enc {
	case EncUTF8, EncUTF8BOM, EncSJIS, EncEUCJP:
		// Quotes, delimiters and line ends are ASCII and never part of a
		// multibyte sequence in these encodings: no need to decode.
		return sample, atEOF
	}
	var errs int
	src := newSource(bytes.NewReader(sample), enc, &errs, len(sample))
	var out []byte
	for {
		c, err := src.next()
		if err != nil {
			break
		}
		out = append(out, c...)
	}
	return out, atEOF
}

// delimiter returns the field separator of a table format.
func delimiter(format string) byte {
	if format == FormatTSV {
		return '\t'
	}
	return ','
}

// delimStats sums up how one delimiter occurs in the sniffed records.
type delimStats struct {
	records int     // complete records looked at
	mode    int     // most frequent count per record
	share   float64 // share of records with exactly mode delimiters
	present float64 // share of records with at least one
}

// consistent says the delimiter splits every record into the same number
// of fields, as prose seldom does.
func (d delimStats) consistent() bool {
	return d.records >= 2 && d.mode >= 1 && d.share >= 0.8
}

// strong says it does so over enough records or fields that it is no
// coincidence ("Hello, world." on two lines is not a table).
func (d delimStats) strong() bool {
	return d.consistent() && (d.mode >= 2 || d.records >= 5)
}

// tableFormat tells CSV, TSV and text apart from the first records of
// decoded text, with the file extension as a tie-breaker.
func tableFormat(text []byte, atEOF bool, ext string) string {
	counts := sniffRecords(text, atEOF)
	comma, tab := statsOf(counts, 0), statsOf(counts, 1)
	switch strings.ToLower(ext) {
	case ".csv":
		return favour(FormatCSV, comma, FormatTSV, tab)
	case ".tsv", ".tab":
		return favour(FormatTSV, tab, FormatCSV, comma)
	case ".txt", ".text", ".log", ".md":
		return strictTable(comma, tab)
	}
	return looseTable(comma, tab)
}

// favour decides for a file whose name announces format a.
func favour(a string, as delimStats, b string, bs delimStats) string {
	switch {
	case as.present >= 0.5 || as.consistent():
		return a
	case bs.strong():
		return b
	case as.present == 0 && bs.present == 0:
		return a // one column
	}
	return FormatText
}

// strictTable decides for a file named as text: only a clear table wins.
func strictTable(comma, tab delimStats) string {
	switch {
	case tab.strong() && tab.mode >= 2:
		return FormatTSV
	case comma.strong() && comma.mode >= 2:
		return FormatCSV
	}
	return FormatText
}

// looseTable decides for a file whose name says nothing.
func looseTable(comma, tab delimStats) string {
	switch {
	case tab.strong() && (!comma.strong() || tab.mode >= comma.mode):
		return FormatTSV
	case comma.strong():
		return FormatCSV
	}
	return FormatText
}

// statsOf sums up column d (0 comma, 1 tab) of per-record counts.
func statsOf(counts [][2]int, d int) delimStats {
	s := delimStats{records: len(counts)}
	if len(counts) == 0 {
		return s
	}
	freq := map[int]int{}
	present := 0
	for _, c := range counts {
		freq[c[d]]++
		if c[d] > 0 {
			present++
		}
	}
	best := 0
	for n, k := range freq {
		if k > best || (k == best && n > s.mode) {
			s.mode, best = n, k
		}
	}
	s.share = float64(best) / float64(len(counts))
	s.present = float64(present) / float64(len(counts))
	return s
}

// sniffRecords counts commas and tabs outside quotes in each non-blank
// record of text, quoting as the CSV reader does. Unless atEOF, the last
// record may be cut and is dropped when others exist.
func sniffRecords(text []byte, atEOF bool) [][2]int {
	var out [][2]int
	var cur [2]int
	inQuote, closed, fieldStart, blank := false, false, true, true
	for _, c := range text {
		if inQuote {
			inQuote, closed = c != '"', c == '"'
			continue
		}
		switch c {
		case '"':
			inQuote = fieldStart || closed // "" inside quotes is a quote
		case ',':
			cur[0]++
		case '\t':
			cur[1]++
		case '\n', '\r':
			if !blank {
				out = append(out, cur)
			}
			cur, blank, fieldStart, closed = [2]int{}, true, true, false
			if len(out) == tableSniffRecords {
				return out
			}
			continue
		}
		fieldStart, closed = c == ',' || c == '\t', false
		blank = false
	}
	if !blank && (atEOF || len(out) == 0) {
		out = append(out, cur)
	}
	return out
}

// bomLen is the length of the byte order mark that starts sample in enc.
func bomLen(sample []byte, enc string) int {
	switch enc {
	case EncUTF8BOM:
		return 3
	case EncUTF16LE, EncUTF16BE:
		if e := bomEncoding(sample); e == enc {
			return 2
		}
	}
	return 0
}
