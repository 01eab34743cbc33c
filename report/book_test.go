package report

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"mamori/detect"
)

// Two crafted reports and a manifest (see bookFixture). Report A, under
// /srv/a, is complete and was written before the scan counted distinct
// people; report B, under /srv/b, has the scan's distinct estimate.
const reportA = `{"type":"file","path":"校務/名簿.csv","root":"/srv/a","size":100,"status":"ok","subjects":150,"categories":{"person_name":{"count":150,"samples":["山＊ 太＊"],"locations":["2:1"]},"phone":{"count":150,"samples":["090-****-5678"],"locations":["2:3"]}},"risk":"high","appi":["volume"]}
{"type":"file","path":"保健/健康.csv","root":"/srv/a","size":50,"status":"ok","subjects":30,"categories":{"person_name":{"count":30,"samples":["佐＊ 花＊"],"locations":["2:1"]},"allergy":{"count":12,"samples":["卵"],"locations":["2:4"]}},"risk":"high","appi":["sensitive"]}
{"type":"file","path":"事務/口座.csv","root":"/srv/a","size":70,"status":"ok","subjects":20,"categories":{"person_name":{"count":20,"samples":["鈴＊ 一＊"],"locations":["2:1"]},"bank_account":{"count":20,"samples":["*****67"],"locations":["2:5"]}},"risk":"high","appi":["financial"]}
{"type":"file","path":"旧/名簿.csv.age","root":"/srv/a","size":90,"status":"encrypted","subjects":0,"categories":{},"risk":"none","appi":[]}
{"type":"file","path":"壊れた.csv","root":"/srv/a","size":9,"status":"error","error":"bad zip","subjects":0,"categories":{},"risk":"none","appi":[]}
{"type":"summary","roots":["/srv/a"],"started":"2026-11-01T00:00:00Z","finished":"2026-11-01T00:01:00Z","files":10,"scanned":8,"with_personal_data":3,"subjects":200,"not_examined":2,"by_category":{},"by_status":{},"by_risk":{"none":5}}
`

const reportB = `{"type":"file","path":"公開/名簿_old.csv","root":"/srv/b","size":10,"status":"ok","subjects":50,"categories":{"person_name":{"count":50,"samples":["田＊ 次＊"],"locations":["2:1"]},"my_number":{"count":50,"samples":["****-****-****"],"locations":["2:2"]}},"risk":"high","appi":["my_number"]}
{"type":"file","path":"連絡.txt","root":"/srv/b","size":10,"status":"ok","subjects":3,"categories":{"gender":{"count":3,"samples":["男"],"locations":["1:1"]}},"risk":"low","appi":[]}
{"type":"summary","roots":["/srv/b"],"files":3,"scanned":3,"with_personal_data":2,"subjects":53,"people":41,"people_estimate":true,"not_examined":0}
`

const manifest = `{"type":"encrypt","path":"/srv/a/事務/口座.csv","output":"/srv/a/事務/口座.csv.age","size":70,"result":"encrypted","original_removed":true}
{"type":"encrypt","path":"/srv/a/保健/健康.csv","result":"failed","error":"disk full","original_removed":false}
`

func bookFixture(t *testing.T, sector string, reports ...string) *Book {
	t.Helper()
	b, err := NewBook(BookOptions{Sector: sector, Now: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range reports {
		if err := b.AddReport("r"+string(rune('A'+i))+".jsonl", strings.NewReader(r)); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.AddManifest("manifest.jsonl", strings.NewReader(manifest)); err != nil {
		t.Fatal(err)
	}
	b.Finish()
	return b
}

func TestBookTotals(t *testing.T) {
	b := bookFixture(t, SectorPublic, reportA, reportB)
	tt := b.Totals
	checks := map[string][2]int{
		"files":                 {tt.Files, 13},
		"examined":              {tt.Examined, 11},
		"not examined":          {tt.NotExamined, 2},
		"with personal data":    {tt.WithPersonalData, 5},
		"subjects":              {tt.Subjects, 253},
		"reportable":            {tt.Reportable, 4},
		"encrypted":             {tt.Encrypted, 2},
		"unencrypted high risk": {tt.UnencryptedHighRisk, 3},
		"high":                  {tt.ByRisk[detect.RiskHigh], 4},
		"low":                   {tt.ByRisk[detect.RiskLow], 1},
		"none":                  {tt.ByRisk[detect.RiskNone], 6},
		// A wrote no distinct figure: its files' subjects (200); B's estimate (41).
		"people": {b.APPI.People, 241},
	}
	for name, c := range checks {
		if c[0] != c[1] {
			t.Errorf("%s = %d, want %d", name, c[0], c[1])
		}
	}
	a := b.APPI
	if !a.Sensitive || !a.Financial || !a.MyNumber || !a.Volume || !a.Reportable {
		t.Errorf("APPI flags = %+v, want all set", a)
	}
	if a.PeopleBasis != PeopleFiles || !a.PeopleSummed || !a.PeopleEstimate {
		t.Errorf("people basis %q summed %v estimate %v, want files, true, true", a.PeopleBasis, a.PeopleSummed, a.PeopleEstimate)
	}
	wantItems := []detect.Category{detect.PersonName, detect.Phone, detect.MyNumber, detect.BankAccount, detect.Allergy, detect.Gender}
	if !slices.Equal(a.Items, wantItems) {
		t.Errorf("items = %v, want %v", a.Items, wantItems)
	}
	if want := []string{"旧/名簿.csv.age", "事務/口座.csv"}; !sameSet(a.EncryptedFiles, want) {
		t.Errorf("encrypted = %v, want %v", a.EncryptedFiles, want)
	}
	if want := []string{"校務/名簿.csv", "保健/健康.csv", "公開/名簿_old.csv"}; !sameSet(a.UnencryptedHighRisk, want) {
		t.Errorf("unencrypted high risk = %v, want %v (a failed encryption does not count)", a.UnencryptedHighRisk, want)
	}
}

func TestBookEncryptedBy(t *testing.T) {
	b := bookFixture(t, SectorPublic, reportA)
	by := map[string]string{}
	for _, f := range b.Files {
		by[f.Path] = f.EncryptedBy
	}
	want := map[string]string{"旧/名簿.csv.age": EncryptedByScan, "事務/口座.csv": EncryptedByManifest, "保健/健康.csv": "", "校務/名簿.csv": ""}
	for p, w := range want {
		if by[p] != w {
			t.Errorf("%s encrypted by %q, want %q", p, by[p], w)
		}
	}
}

func TestBookDecryptedAgain(t *testing.T) {
	b, _ := NewBook(BookOptions{})
	if err := b.AddReport("a", strings.NewReader(reportA)); err != nil {
		t.Fatal(err)
	}
	undo := `{"type":"decrypt","path":"/srv/a/事務/口座.csv.age","output":"/srv/a/事務/口座.csv","result":"decrypted"}`
	for _, m := range []string{manifest, undo} {
		if err := b.AddManifest("m", strings.NewReader(m)); err != nil {
			t.Fatal(err)
		}
	}
	b.Finish()
	if b.Totals.Encrypted != 1 || b.Totals.UnencryptedHighRisk != 3 {
		t.Errorf("encrypted %d, unencrypted high risk %d; want 1 and 3 after decrypting", b.Totals.Encrypted, b.Totals.UnencryptedHighRisk)
	}
}

// TestBookSector: the volume reason follows --sector, not the scan's own.
func TestBookSector(t *testing.T) {
	cases := map[string]struct {
		volume bool
		high   int
		risk   detect.Risk
	}{
		SectorPublic:  {true, 3, detect.RiskHigh},
		SectorPrivate: {false, 2, detect.RiskMedium},
	}
	for sector, c := range cases {
		t.Run(sector, func(t *testing.T) {
			b := bookFixture(t, sector, reportA, reportB)
			if b.APPI.Volume != c.volume || b.Totals.UnencryptedHighRisk != c.high {
				t.Errorf("volume %v, unencrypted high %d; want %v, %d", b.APPI.Volume, b.Totals.UnencryptedHighRisk, c.volume, c.high)
			}
			f := findFile(t, b, "校務/名簿.csv")
			if f.Risk != c.risk || slices.Contains(f.APPI, detect.ReasonVolume) != c.volume {
				t.Errorf("名簿.csv risk %s appi %v", f.Risk, f.APPI)
			}
		})
	}
	if _, err := NewBook(BookOptions{Sector: "mixed"}); err == nil {
		t.Error("sector mixed accepted")
	}
}

func TestBookPeople(t *testing.T) {
	one := bookFixture(t, SectorPublic, reportB)
	if a := one.APPI; a.People != 41 || a.PeopleBasis != PeopleDistinct || a.PeopleSummed || !a.PeopleEstimate {
		t.Errorf("one report: %+v, want 41 distinct, not summed", a)
	}
	two := bookFixture(t, SectorPublic, reportB, reportB)
	if a := two.APPI; a.People != 82 || !a.PeopleSummed {
		t.Errorf("two reports: people %d summed %v, want 82 and summed", a.People, a.PeopleSummed)
	}
	var out bytes.Buffer
	for _, l := range []Lang{LangJA, LangEN} {
		out.Reset()
		if err := two.WriteText(&out, l); err != nil {
			t.Fatal(err)
		}
		if want := l.T("people.summed"); !strings.Contains(out.String(), want) {
			t.Errorf("%s summary does not say people were summed (%q):\n%s", l, want, out.String())
		}
	}
}

// TestBookInterrupted: a report with no summary line counts its records.
func TestBookInterrupted(t *testing.T) {
	cut := reportA[:strings.Index(reportA, `{"type":"summary"`)]
	b := bookFixture(t, SectorPublic, cut)
	if b.Totals.Files != 5 || b.Totals.Examined != 3 || b.Sources[0].Complete {
		t.Errorf("files %d examined %d complete %v; want 5, 3, false", b.Totals.Files, b.Totals.Examined, b.Sources[0].Complete)
	}
}

// TestBookOrder: highest score first, files in which nothing was found last.
func TestBookOrder(t *testing.T) {
	b := bookFixture(t, SectorPublic, reportA, reportB)
	for i := 1; i < len(b.Files); i++ {
		if b.Files[i].Score() > b.Files[i-1].Score() {
			t.Errorf("%s (%d) after %s (%d)", b.Files[i].Path, b.Files[i].Score(), b.Files[i-1].Path, b.Files[i-1].Score())
		}
	}
	if last := b.Files[len(b.Files)-1]; last.Risk != detect.RiskNone {
		t.Errorf("last file %s has risk %s", last.Path, last.Risk)
	}
}

func TestJSONRoundTrip(t *testing.T) {
	b := bookFixture(t, SectorPublic, reportA, reportB)
	var first bytes.Buffer
	if err := b.WriteJSON(&first); err != nil {
		t.Fatal(err)
	}
	var back Book
	if err := json.Unmarshal(first.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	var second bytes.Buffer
	if err := back.WriteJSON(&second); err != nil {
		t.Fatal(err)
	}
	if first.String() != second.String() {
		t.Errorf("JSON changed on a round trip:\n%s\n---\n%s", first.String(), second.String())
	}
	if back.APPI.People != 241 || back.Totals.UnencryptedHighRisk != 3 || len(back.Files) != 7 || back.Sector != SectorPublic {
		t.Errorf("decoded: people %d, unencrypted high %d, files %d, sector %s", back.APPI.People, back.Totals.UnencryptedHighRisk, len(back.Files), back.Sector)
	}
	var generic map[string]any
	_ = json.Unmarshal(first.Bytes(), &generic)
	for _, k := range []string{"files", "totals", "appi", "sources", "sector"} {
		if _, ok := generic[k]; !ok {
			t.Errorf("JSON lacks %q", k)
		}
	}
}

func TestWriteFileIsPrivate(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("mode bits")
	}
	p := filepath.Join(t.TempDir(), "out.html")
	if err := os.WriteFile(p, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(p, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 || st.Size() != 3 {
		t.Errorf("mode %v size %d, want 0600 and 3", st.Mode().Perm(), st.Size())
	}
}

func findFile(t *testing.T, b *Book, path string) *BookFile {
	t.Helper()
	for i := range b.Files {
		if b.Files[i].Path == path {
			return &b.Files[i]
		}
	}
	t.Fatalf("no file %s", path)
	return nil
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}
