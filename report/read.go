package report

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"
)

// maxReportLine bounds one line of a report being read back; a file record
// holds at most a few samples and locations per category.
const maxReportLine = 16 << 20

// Read calls file for every file record of a scan report (JSON Lines, as
// written by Collector) and returns its summary line. A report cut short by
// an interrupted scan has no summary: the zero Summary comes back with no
// error. Lines of other types are passed over, so later additions to the
// format do not break older readers.
func Read(r io.Reader, file func(FileRecord) error) (Summary, error) {
	var sum Summary
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxReportLine)
	for n := 1; sc.Scan(); n++ {
		line := sc.Bytes()
		if len(strings.TrimSpace(string(line))) == 0 {
			continue
		}
		var head struct {
			Type string `json:"type"`
		}
		if err := json.Unmarshal(line, &head); err != nil {
			return sum, fmt.Errorf("report line %d: %w", n, err)
		}
		switch head.Type {
		case "file":
			var rec FileRecord
			if err := json.Unmarshal(line, &rec); err != nil {
				return sum, fmt.Errorf("report line %d: %w", n, err)
			}
			if err := file(rec); err != nil {
				return sum, err
			}
		case "summary":
			if err := json.Unmarshal(line, &sum); err != nil {
				return sum, fmt.Errorf("report line %d: %w", n, err)
			}
		}
	}
	if err := sc.Err(); err != nil {
		return sum, fmt.Errorf("failed to read report: %w", err)
	}
	return sum, nil
}

// memberSep separates an archive's path from a member's inside it.
const memberSep = "!/"

// FSPath is the file on disk a record is about: the root joined with the
// record's path, raw bytes when the name was not UTF-8, and for a member of
// an archive (a.zip!/名簿.csv) the archive itself.
func (r *FileRecord) FSPath() string {
	p := r.Path
	if len(r.PathBytes) > 0 {
		p = string(r.PathBytes)
	}
	if i := strings.Index(p, memberSep); i >= 0 {
		p = p[:i]
	}
	if r.Root == "" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(r.Root, p)
}
