package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"mamori/detect"
	"mamori/scan"
)

func okFile(rel string) *scan.File {
	return &scan.File{Root: "share", Rel: rel, Size: 10, ModTime: time.Date(2017, 8, 1, 9, 12, 0, 0, time.UTC),
		Format: scan.FormatCSV, Encoding: scan.EncSJIS, Status: scan.StatusOK}
}

func roster(subjects int) *detect.Result {
	return &detect.Result{Subjects: subjects, Categories: map[detect.Category]detect.Finding{
		detect.PersonName: {Count: subjects, Columns: []string{"氏名"}, Samples: []string{"山* 太*"}, Locations: []string{"2:4"}},
	}}
}

func TestNewFileRecord(t *testing.T) {
	cases := map[string]struct {
		f        *scan.File
		res      *detect.Result
		risk     detect.Risk
		appi     []string
		path     string
		rawBytes bool
	}{
		"roster under the public threshold": {okFile("名簿.csv"), roster(100), detect.RiskMedium, nil, "名簿.csv", false},
		"roster over the public threshold":  {okFile("名簿.csv"), roster(101), detect.RiskHigh, []string{"volume"}, "名簿.csv", false},
		"Shift_JIS file name":               {okFile("\x96\xbc\x95\xeb.csv"), roster(1), detect.RiskMedium, nil, "名簿.csv", true},
		"undecodable file name":             {okFile("\xff\xfe.csv"), roster(1), detect.RiskMedium, nil, "\ufffd.csv", true},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			rec := NewFileRecord(c.f, c.res, detect.VolumePublic)
			if rec.Risk != c.risk || strings.Join(rec.APPI, ",") != strings.Join(c.appi, ",") {
				t.Errorf("risk %s appi %v, want %s %v", rec.Risk, rec.APPI, c.risk, c.appi)
			}
			if rec.Path != c.path {
				t.Errorf("path %q, want %q", rec.Path, c.path)
			}
			if (rec.PathBytes != nil) != c.rawBytes || (c.rawBytes && string(rec.PathBytes) != c.f.Rel) {
				t.Errorf("path_bytes %v, want raw name: %v", rec.PathBytes, c.rawBytes)
			}
			if rec.Modified != "2017-08-01T09:12:00Z" {
				t.Errorf("modified %q", rec.Modified)
			}
		})
	}
}

func TestErrorRecordCarriesReason(t *testing.T) {
	f := &scan.File{Rel: "a.csv", Status: scan.StatusError, Reason: "permission denied"}
	rec := NewFileRecord(f, nil, detect.VolumePublic)
	if rec.Error != "permission denied" || rec.Reason != "" || rec.Risk != detect.RiskNone {
		t.Errorf("error record = %+v", rec)
	}
}

// TestCollector: the report is 0600, lists what it must, and ends with the summary.
func TestCollector(t *testing.T) {
	out := filepath.Join(t.TempDir(), "r.jsonl")
	c, err := Create(Options{Output: out, Volume: detect.VolumePublic, Top: 1}, []string{"share"}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	c.Add(okFile("a.csv"), roster(3))
	c.Add(okFile("b.csv"), roster(200))
	c.Add(okFile("empty.csv"), &detect.Result{Categories: map[detect.Category]detect.Finding{}})
	c.Add(&scan.File{Rel: "c.bin", Status: scan.StatusSkipped, Reason: "binary file"}, nil)
	c.Add(&scan.File{Rel: "d.csv", Status: scan.StatusError, Reason: "permission denied"}, nil)
	sum, err := c.Close(time.Now(), false)
	if err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(out); st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", st.Mode().Perm())
	}
	data, _ := os.ReadFile(out)
	var types, paths []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		var r struct{ Type, Path string }
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		types, paths = append(types, r.Type), append(paths, r.Path)
	}
	if strings.Join(paths, " ") != "a.csv b.csv c.bin d.csv " || types[len(types)-1] != "summary" {
		t.Errorf("report lines %v %v: files with nothing found are left out, the rest kept, summary last", types, paths)
	}
	if sum.Files != 5 || sum.Scanned != 3 || sum.NotExamined != 2 || sum.WithPersonalData != 2 || sum.Subjects != 203 || sum.Errors() != 1 {
		t.Errorf("summary %+v", sum)
	}
	if top := c.Top(); len(top) != 1 || top[0].Path != "b.csv" {
		t.Errorf("top = %v, want b.csv (high risk) only", top)
	}
	var human bytes.Buffer
	if err := WriteHuman(&human, sum, c.Top()); err != nil || !strings.Contains(human.String(), "b.csv") || !strings.Contains(human.String(), "error 1") {
		t.Errorf("human summary:\n%s", human.String())
	}
}
