package report

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
)

// utf8BOM lets Japanese Excel open the file as UTF-8 instead of CP932.
const utf8BOM = "\ufeff"

// csvColumns are the CSV's columns, as label keys.
var csvColumns = []string{
	"col.score", "col.risk", "col.path", "col.root", "col.people", "col.categories",
	"col.appi", "col.exposure", "col.encrypted", "col.status", "col.reason",
	"col.size", "col.modified", "col.accessed", "col.mode", "col.share", "col.source",
}

// WriteCSV writes one row per file: UTF-8 with a BOM, CRLF line ends and a
// header in the language, so that Excel in Japan opens it as it is. Cells
// that a spreadsheet would take for a formula are defused.
func (b *Book) WriteCSV(w io.Writer, l Lang) error {
	if _, err := io.WriteString(w, utf8BOM); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	header := make([]string, len(csvColumns))
	for i, k := range csvColumns {
		header[i] = l.T(k)
	}
	rows := b.csvRows(l)
	if b.Diff != nil {
		header = append(header, l.T("col.change"))
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, row := range rows {
		if err := cw.Write(defuseRow(row)); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// csvRows are the rows of the book's files; with a Diff, each ends with
// the file's change, and the files gone since follow, as they were.
func (b *Book) csvRows(l Lang) [][]string {
	scored := b.Scored()
	var changes map[*BookFile]Change
	if b.Diff != nil {
		changes = b.Diff.changeByFile()
	}
	var rows [][]string
	for i := range b.Files {
		row := b.csvRow(&b.Files[i], l, scored)
		if b.Diff != nil {
			row = append(row, csvChangeName(l, changes[&b.Files[i]]))
		}
		rows = append(rows, row)
	}
	if b.Diff != nil {
		for _, f := range b.Diff.gone() {
			row := b.csvRow(f, l, scored)
			row[len(row)-1] = b.Diff.Since.Path // the report it was in
			rows = append(rows, append(row, l.ChangeName(ChangeGone)))
		}
	}
	return rows
}

// csvRow is one file's row; the score is left empty when the scans wrote none.
func (b *Book) csvRow(f *BookFile, l Lang, scored bool) []string {
	var expo, accessed, mode, share []string
	if e := f.Exposure(); e != nil {
		expo = exposureNames(l, e.Reasons)
		accessed, mode, share = []string{e.Accessed}, []string{e.Mode}, []string{e.Share}
	}
	reason := f.Reason
	if f.Error != "" {
		reason = f.Error
	}
	score := ""
	if scored {
		score = strconv.Itoa(f.Score())
	}
	return []string{
		score, l.Risk(f.Risk), f.Path, f.Root, strconv.Itoa(f.Subjects),
		l.Join(b.categoryNames(f, l)), l.Join(reasonNames(l, f.APPI)), l.Join(expo),
		encryptedLabel(f, l), l.Status(f.Status), reason,
		strconv.FormatInt(f.Size, 10), f.Modified, strings.Join(accessed, ""),
		strings.Join(mode, ""), strings.Join(share, ""), b.sourceName(f),
	}
}

func (b *Book) categoryNames(f *BookFile, l Lang) []string {
	var names []string
	for _, c := range sortedCategories(f) {
		names = append(names, l.Category(c))
	}
	return names
}

func (b *Book) sourceName(f *BookFile) string {
	if f.Source >= 0 && f.Source < len(b.Sources) {
		return b.Sources[f.Source].Path
	}
	return ""
}

func encryptedLabel(f *BookFile, l Lang) string {
	switch f.EncryptedBy {
	case EncryptedByScan:
		return l.T("enc.by.scan")
	case EncryptedByManifest:
		return l.T("enc.by.manifest")
	}
	return l.T("enc.no")
}

// defuseRow prefixes with ' every cell that a spreadsheet would run as a
// formula (OWASP "CSV injection"): file names are chosen by whoever wrote
// the file.
func defuseRow(row []string) []string {
	for i, c := range row {
		row[i] = defuseCell(c)
	}
	return row
}

func defuseCell(c string) string {
	if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
		return "'" + c
	}
	return c
}
