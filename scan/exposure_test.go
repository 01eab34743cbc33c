package scan

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"
)

func TestPathHints(t *testing.T) {
	tests := map[string][]string{
		"/srv/公開/2024":            {"公開"},
		"/srv/非公開/2024":           nil, // private is the opposite
		"/srv/未公開":                nil,
		"/srv/ＰＵＢＬＩＣ":             {"public"}, // full-width
		"/srv/Public/写真":          {"public"},
		"/var/www/html":           {"www"},
		"/home/sato/public_html":  {"public_html"},
		"/srv/SharedDocs":         {"shared"},
		"/srv/shared_docs/2024":   {"shared"},
		"/srv/SHARE":              {"share"},
		"/srv/共有/職員/共用":           {"共有", "共用"},
		"/srv/生徒用":                {"生徒"},
		"/srv/生徒":                 {"生徒"},
		"/srv/全校児童向け":             {"児童"},
		"/srv/保護者配布":              {"保護者"},
		"/srv/保護者":                nil, // staff papers about parents, not for them
		"/srv/生徒指導":               nil, // student guidance: staff only
		"/srv/児童名簿":               nil,
		"/srv/publication":        nil, // false friends of public and share
		"/srv/republic":           nil,
		"/srv/Sharepoint":         nil,
		"/srv/wwwroot/app/public": {"wwwroot", "public"},
		"/srv/ftp/pub":            {"pub"},
		"/srv/教務/2024":            nil,
	}
	for dir, want := range tests {
		if got := pathHints(filepath.FromSlash(dir)); !reflect.DeepEqual(got, want) {
			t.Errorf("pathHints(%s) = %q, want %q", dir, got, want)
		}
	}
}

func TestNameHints(t *testing.T) {
	tests := map[string][]string{
		"名簿_export.csv":       {"export"},
		"exported_roster.csv": {"export"},
		"名簿.csv.bak":          {"bak"},
		"名簿.csv~":             {"bak"},
		"roster_old.xlsx":     {"old"},
		"oldRoster.xlsx":      {"old"},
		"backup2019.zip":      {"backup"},
		"ＢＡＣＫＵＰ.csv":          {"backup"},
		"Copy of 名簿.xlsx":     {"copy"},
		"tmp.csv":             {"tmp"},
		"名簿 - コピー.xlsx":       {"コピー"},
		"ｺﾋﾟｰ名簿.csv":          {"コピー"}, // half-width kana
		"ﾊﾞｯｸｱｯﾌﾟ_名簿.csv":     {"バックアップ"},
		"旧名簿.csv":             {"旧"},
		"データ移行.csv":           {"移行"},
		"名簿(抽出).csv":          {"抽出"},
		"出力結果.csv":            {"出力"},
		"一時ファイル.csv":          {"一時"},
		"退避_名簿_old.csv":       {"old", "退避"},
		// False friends.
		"bold.csv":      nil,
		"Golden.csv":    nil,
		"template.xlsx": nil,
		"exporter.txt":  nil,
		"copyright.txt": nil,
		"コピー機利用記録.xlsx": nil,
		"旧姓一覧.csv":      nil,
		"復旧手順.docx":     nil,
		"一時保護記録.docx":   nil,
		"一時金支給.xlsx":    nil,
		"移行支援計画.docx":   nil,
		"名簿.csv":        nil,
	}
	for name, want := range tests {
		if got := nameHints(name); !reflect.DeepEqual(got, want) {
			t.Errorf("nameHints(%s) = %q, want %q", name, got, want)
		}
	}
}

func TestStaleDays(t *testing.T) {
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	tests := map[string]struct {
		mod  time.Time
		want int
	}{
		"unknown":       {time.Time{}, 0},
		"future":        {now.Add(time.Hour), 0},
		"today":         {now.Add(-23 * time.Hour), 0},
		"one day":       {now.Add(-25 * time.Hour), 1},
		"a year":        {now.AddDate(-1, 0, 0), 365},
		"a year less 1": {now.AddDate(-1, 0, 1), 364},
	}
	for name, tt := range tests {
		if got := staleDays(now, tt.mod); got != tt.want {
			t.Errorf("%s: staleDays = %d, want %d", name, got, tt.want)
		}
	}
}

func TestReasons(t *testing.T) {
	tests := map[string]struct {
		e    Exposure
		want []string
	}{
		"nothing":           {Exposure{StaleDays: 364}, nil},
		"world wins group":  {Exposure{WorldReadable: true, GroupReadable: true}, []string{ReasonWorldReadable}},
		"group":             {Exposure{GroupReadable: true}, []string{ReasonGroupReadable}},
		"guest share":       {Exposure{Share: "公開", GuestShare: true}, []string{ReasonGuestShare, ReasonSharedPath}},
		"restricted share":  {Exposure{Share: "staff", ShareUsers: []string{"@staff"}}, nil},
		"path, name, stale": {Exposure{PathHints: []string{"公開"}, NameHints: []string{"old"}, StaleDays: 365}, []string{ReasonSharedPath, ReasonLeftoverName, ReasonStale}},
	}
	for name, tt := range tests {
		if got := reasonsOf(&tt.e); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: reasons = %q, want %q", name, got, tt.want)
		}
	}
}

// exposureHandler keeps every record's exposure by relative path.
type exposureHandler struct {
	mu  sync.Mutex
	got map[string]*Exposure
}

func (h *exposureHandler) NewSink(*File) Sink { return nil }
func (h *exposureHandler) Done(f *File, _ Sink) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.got[f.Rel] = f.Exposure
}

// runExposure scans dir with opt and returns the exposures by Rel.
func runExposure(t *testing.T, dir string, opt Options) map[string]*Exposure {
	t.Helper()
	swapVar(t, &extractFile, fakeExtractOK)
	h := &exposureHandler{got: map[string]*Exposure{}}
	if err := Run(context.Background(), []string{dir}, opt, h); err != nil {
		t.Fatal(err)
	}
	return h.got
}

func TestRunExposure(t *testing.T) {
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	swapVar(t, &clock, func() time.Time { return now })
	dir := newWalkTree(t, map[string]string{
		"公開/名簿_old.csv": "x",
		"教務/成績.csv":     "y",
		"empty/":        "",
	})
	old := now.AddDate(-2, 0, 0)
	if err := os.Chtimes(filepath.Join(dir, "公開", "名簿_old.csv"), old, old); err != nil {
		t.Fatal(err)
	}
	conf := filepath.Join(t.TempDir(), "smb.conf")
	smb := "[公開]\npath = " + filepath.Join(dir, "公開") + "\nguest ok = yes\n[教務]\npath = " + dir + "\nvalid users = @staff\n"
	if err := os.WriteFile(conf, []byte(smb), 0o600); err != nil {
		t.Fatal(err)
	}
	got := runExposure(t, dir, Options{SMBConf: conf})

	pub := got["公開/名簿_old.csv"]
	if pub == nil {
		t.Fatalf("no exposure for 公開/名簿_old.csv: %v", got)
	}
	if pub.Share != "公開" || !pub.GuestShare || pub.StaleDays != 730 {
		t.Errorf("public file: %+v", pub)
	}
	want := []string{ReasonGuestShare, ReasonSharedPath, ReasonLeftoverName, ReasonStale}
	if !reflect.DeepEqual(pub.Reasons, want) {
		t.Errorf("public file reasons = %q, want %q", pub.Reasons, want)
	}
	staff := got["教務/成績.csv"]
	if staff == nil || staff.Share != "教務" || staff.GuestShare || !slices.Equal(staff.ShareUsers, []string{"@staff"}) || len(staff.Reasons) != 0 {
		t.Errorf("staff file: %+v", staff)
	}
	if e, ok := got["empty"]; ok && e != nil {
		t.Errorf("a directory has no exposure: %+v", e)
	}
}

func TestRunExposureBadSMBConf(t *testing.T) {
	dir := newWalkTree(t, map[string]string{"a.txt": "x"})
	err := Run(context.Background(), []string{dir}, Options{SMBConf: filepath.Join(dir, "missing.conf")}, &exposureHandler{got: map[string]*Exposure{}})
	if err == nil {
		t.Error("a missing smb.conf must fail the scan before it starts")
	}
}

// BenchmarkExposure is the cost exposure adds to each file of a walk: the
// folder's facts are cached, so this is the per-file path.
func BenchmarkExposure(b *testing.B) {
	for name, file := range map[string]string{
		"ascii":    "roster_2024.csv",
		"japanese": "児童名簿_令和6年度.csv",
		"hints":    "ｺﾋﾟｰ名簿_old.csv",
	} {
		b.Run(name, func(b *testing.B) {
			dir := newWalkTree(b, map[string]string{"共有/" + file: "x"})
			p := filepath.Join(dir, "共有", file)
			info, err := os.Lstat(p)
			if err != nil {
				b.Fatal(err)
			}
			x, err := newExposer(&Options{})
			if err != nil {
				b.Fatal(err)
			}
			f := &File{Root: dir, Rel: "共有/" + file, Path: p, ModTime: info.ModTime()}
			b.ReportAllocs()
			for b.Loop() {
				f.Exposure = x.measure(f, info)
			}
			if f.Exposure == nil || f.Exposure.Mode == "" && filepath.Separator == '/' {
				b.Fatalf("exposure = %+v", f.Exposure)
			}
		})
	}
}
