package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

const reportScored = `{"type":"file","path":"公開/名簿.csv","root":"/srv/c","size":1,"status":"ok","subjects":5,"categories":{"person_name":{"count":5}},"risk":"medium","appi":[],"score":91,"exposure":{"mode":"0644","world_readable":true,"share":"public","stale_days":500,"reasons":["world_readable","shared_path","stale"]}}
{"type":"file","path":"保健/健康.csv","root":"/srv/c","size":1,"status":"ok","subjects":9,"categories":{"person_name":{"count":9},"medical":{"count":2}},"risk":"high","appi":["sensitive"],"score":60,"exposure":{"mode":"0600"}}
{"type":"file","path":"旧/export_old.csv","root":"/srv/c","size":1,"status":"ok","subjects":2,"categories":{"phone":{"count":2}},"risk":"medium","appi":[],"score":30,"exposure":{"mode":"0600","name_hints":["export","old"],"reasons":["leftover_name"]}}
{"type":"summary","roots":["/srv/c"],"files":3,"scanned":3,"subjects":16,"people":15,"people_estimate":true}
`

// TestBookExposure: files go by score; exposure reaches the totals and
// every format.
func TestBookExposure(t *testing.T) {
	b := bookFixture(t, SectorPublic, reportScored)
	if !b.Scored() {
		t.Fatal("book not scored")
	}
	for _, f := range b.Files {
		if f.Score() != Score(&f.FileRecord) {
			t.Errorf("%s score %d, Score says %d", f.Path, f.Score(), Score(&f.FileRecord))
		}
	}
	if b.Totals.Exposed != 2 || b.Totals.Open != 1 {
		t.Errorf("exposed %d open %d, want 2 and 1", b.Totals.Exposed, b.Totals.Open)
	}
	if f := b.Totals.Folders; len(f) != 3 || f[0].Folder != "保健" || findFolder(f, "公開").Open != 1 {
		t.Errorf("folders = %+v", f)
	}
	open := findFile(t, b, "公開/名簿.csv")
	html := renderHTML(t, b, LangJA)
	for _, want := range []string{"誰でも読める権限", "1年以上更新なし", "出力・コピーらしい名前", fmt.Sprintf(`data-score="%d"`, open.Score()), "0644", "点数"} {
		if !strings.Contains(html, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
	var csvOut bytes.Buffer
	if err := b.WriteCSV(&csvOut, LangEN); err != nil {
		t.Fatal(err)
	}
	row := fmt.Sprintf("%d,medium,公開/名簿.csv", open.Score())
	if !strings.Contains(csvOut.String(), row) || !strings.Contains(csvOut.String(), "readable by everyone, shared or public folder, untouched for a year") {
		t.Errorf("CSV lacks %q or the exposure:\n%s", row, csvOut.String())
	}
}

// TestBookRescores: the score follows --sector, as the risk does.
func TestBookRescores(t *testing.T) {
	pub := findFile(t, bookFixture(t, SectorPublic, reportA), "校務/名簿.csv")
	priv := findFile(t, bookFixture(t, SectorPrivate, reportA), "校務/名簿.csv")
	if pub.Score() <= priv.Score() {
		t.Errorf("150 people score %d public, %d private; want public higher (high risk there)", pub.Score(), priv.Score())
	}
}

func findFolder(fs []FolderTotal, name string) FolderTotal {
	for _, f := range fs {
		if f.Folder == name {
			return f
		}
	}
	return FolderTotal{}
}
