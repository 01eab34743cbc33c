package report

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"mamori/detect"
	"mamori/scan"
)

func TestReadRoundTrip(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "r.jsonl")
	c2, err := Create(Options{Output: out, All: true, Volume: detect.VolumePublic}, []string{"/srv/share"}, time.Unix(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	c2.Add(&scan.File{Root: "/srv/share", Rel: "a/名簿.csv", Status: scan.StatusOK, Size: 10}, nil)
	c2.Add(&scan.File{Root: "/srv/share", Rel: "b.zip!/x.csv", Status: scan.StatusOK}, nil)
	c2.Add(&scan.File{Root: "/srv/share", Rel: "c\x82\xa0.csv", Status: scan.StatusError, Reason: "boom"}, nil)
	if _, err := c2.Close(time.Unix(1, 0), false); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var got []string
	sum, err := Read(f, func(r FileRecord) error { got = append(got, r.FSPath()); return nil })
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"/srv/share/a/名簿.csv", "/srv/share/b.zip", "/srv/share/c\x82\xa0.csv"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("paths = %q, want %q", got, want)
	}
	if sum.Files != 3 || sum.Type != "summary" {
		t.Errorf("summary = %+v", sum)
	}
}

func TestReadRejectsGarbage(t *testing.T) {
	_, err := Read(strings.NewReader("{\"type\":\"file\"}\nnot json\n"), func(FileRecord) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("err = %v, want one naming line 2", err)
	}
}

func TestReadManifest(t *testing.T) {
	in := `{"type":"encrypt","path":"/a.csv","output":"/a.csv.age","size":3,"recipients":["age1x"],"result":"encrypted","original_removed":true}` + "\n\n"
	var got []ManifestEntry
	if err := ReadManifest(strings.NewReader(in), func(e ManifestEntry) error { got = append(got, e); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Result != ResultEncrypted || !got[0].OriginalRemoved || got[0].Recipients[0] != "age1x" {
		t.Errorf("got %+v", got)
	}
}

// TestSummaryCountsPeopleOnce: people keyed alike in two files count once.
func TestSummaryCountsPeopleOnce(t *testing.T) {
	c, err := Create(Options{Volume: detect.VolumePublic}, []string{"share"}, time.Unix(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	found := map[detect.Category]detect.Finding{detect.PersonName: {Count: 2}}
	c.Add(&scan.File{Rel: "a.csv", Status: scan.StatusOK}, &detect.Result{Subjects: 2, Categories: found, People: []uint64{1, 2}})
	c.Add(&scan.File{Rel: "b.csv", Status: scan.StatusOK}, &detect.Result{Subjects: 3, Categories: found, People: []uint64{2, 3, 4}})
	c.Add(&scan.File{Rel: "c.csv", Status: scan.StatusOK}, &detect.Result{People: []uint64{9}}) // nothing found: no people
	sum, err := c.Close(time.Unix(1, 0), false)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Subjects != 5 || sum.People != 4 || !sum.PeopleEstimate {
		t.Errorf("subjects %d people %d (estimate %v), want 5 and 4", sum.Subjects, sum.People, sum.PeopleEstimate)
	}
}

// TestAddPrevious: a record carried from an earlier scan counts as if the
// file had been read, with where it is and who may read it taken anew.
func TestAddPrevious(t *testing.T) {
	first, err := Create(Options{Volume: detect.VolumePublic}, []string{"old"}, time.Unix(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	found := map[detect.Category]detect.Finding{detect.PersonName: {Count: 2, Samples: []string{"山＊ 太＊"}}, detect.Allergy: {Count: 1}}
	rec := first.Add(&scan.File{Root: "old", Rel: "a.csv", Status: scan.StatusOK, Size: 9}, &detect.Result{Subjects: 2, Categories: found, People: []uint64{1, 2}})
	data, err := json.Marshal(rec)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "r.jsonl")
	c, err := Create(Options{Output: out, Volume: detect.VolumePublic}, []string{"/srv"}, time.Unix(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	exp := &scan.Exposure{WorldReadable: true, Reasons: []string{"world_readable"}}
	got, err := c.AddPrevious(&scan.File{Root: "/srv", Rel: "b/a.csv", Exposure: exp}, data)
	if err != nil {
		t.Fatal(err)
	}
	if got.Path != "b/a.csv" || got.Root != "/srv" || got.Exposure != exp || got.Risk != detect.RiskHigh || got.Score <= rec.Score {
		t.Errorf("carried record %+v (score %d, was %d)", got, got.Score, rec.Score)
	}
	c.Add(&scan.File{Root: "/srv", Rel: "c.csv", Status: scan.StatusOK}, &detect.Result{Subjects: 1, Categories: found, People: []uint64{1}})
	sum, err := c.Close(time.Unix(1, 0), false)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Scanned != 2 || sum.WithPersonalData != 2 || sum.Subjects != 3 || sum.People != 3 {
		t.Errorf("summary %+v, want 2 files, 3 subjects, 3 people (carried people cannot be told apart)", sum)
	}
	if _, err := c.AddPrevious(&scan.File{Rel: "x"}, []byte("{")); err == nil {
		t.Error("a broken previous record was taken")
	}
}

// TestAddPreviousEmpty: an unchanged file that held nothing is counted as
// read without its record, unless the report lists such files.
func TestAddPreviousEmpty(t *testing.T) {
	c, err := Create(Options{Volume: detect.VolumePublic}, []string{"/srv"}, time.Unix(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	if !c.AddPreviousEmpty(&scan.File{Root: "/srv", Rel: "a.txt", Size: 7}) {
		t.Fatal("not counted")
	}
	sum, _ := c.Close(time.Unix(1, 0), false)
	if sum.Files != 1 || sum.Scanned != 1 || sum.Bytes != 7 || sum.ByRisk[detect.RiskNone] != 1 || sum.WithPersonalData != 0 {
		t.Errorf("summary %+v", sum)
	}
	all, _ := Create(Options{All: true}, []string{"/srv"}, time.Unix(0, 0))
	if all.AddPreviousEmpty(&scan.File{Rel: "a.txt"}) {
		t.Error("with --all the record must be added whole")
	}
}
