package report

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestBrowserRender loads a report in headless Chromium (Debian's chromium
// package): a screenshot must show the summary at the top, and the DOM after
// the script ran must hold the summary figures. Skipped when Chromium is not
// installed, unless MAMORI_REQUIRE_BROWSER=1 (CI sets it).
func TestBrowserRender(t *testing.T) {
	browser := findBrowser()
	if browser == "" {
		if os.Getenv("MAMORI_REQUIRE_BROWSER") == "1" {
			t.Fatal("chromium not found and MAMORI_REQUIRE_BROWSER=1")
		}
		t.Skip("chromium not installed (apt-get install chromium)")
	}
	dir := t.TempDir()
	page := filepath.Join(dir, "report.html")
	b := bookFixture(t, SectorPublic, reportA, reportB)
	if err := WriteFile(page, func(w io.Writer) error { return b.WriteHTML(w, LangJA) }); err != nil {
		t.Fatal(err)
	}
	url := "file://" + filepath.ToSlash(page)
	if !strings.HasPrefix(filepath.ToSlash(page), "/") {
		url = "file:///" + filepath.ToSlash(page) // C:/...
	}

	shot := filepath.Join(dir, "shot.png")
	runBrowser(t, browser, dir, "--screenshot="+shot, "--window-size=1200,1600", url)
	checkScreenshot(t, shot)

	dom := runBrowser(t, browser, dir, "--dump-dom", url)
	for _, want := range []string{"まず対応すべきこと", "241 人", "3 件", "あり（1 件）", "表示中: 5 / 5"} {
		if !strings.Contains(dom, want) {
			t.Errorf("rendered DOM lacks %q", want)
		}
	}
	checkSortAndFilter(t, browser, dir, page)
}

// clickScript sorts the table by people, ascending (a second click), then
// filters it, as a reader would.
const clickScript = `<script>
var th = document.querySelector("th[data-key=people]"); th.click(); th.click();
var f = document.getElementById("filter"); f.value = "保健"; f.dispatchEvent(new Event("input"));
</script></body>`

func checkSortAndFilter(t *testing.T, browser, dir, page string) {
	t.Helper()
	data, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	clicked := filepath.Join(dir, "clicked.html")
	if err := os.WriteFile(clicked, bytes.Replace(data, []byte("</body>"), []byte(clickScript), 1), 0o600); err != nil {
		t.Fatal(err)
	}
	dom := runBrowser(t, browser, dir, "--dump-dom", "file://"+filepath.ToSlash(clicked))
	row := cut(t, cut(t, cut(t, dom, `id="file-table"`), "<tbody>"), "<tr")
	row = row[:strings.IndexByte(row, '>')+1]
	if !strings.Contains(row, `data-people="3"`) {
		t.Errorf("after sorting by people ascending, the first row is %s", row)
	}
	if !strings.Contains(dom, "表示中: 1 / 5") || !strings.Contains(dom, `aria-sort="ascending"`) {
		t.Error("filtering or sorting did not happen")
	}
}

func findBrowser() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// browserTimeout bounds one headless run; a cold start takes about 2 s.
const browserTimeout = 60 * time.Second

func runBrowser(t *testing.T, browser, dir string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), browserTimeout)
	defer cancel()
	base := []string{"--headless", "--disable-gpu", "--no-sandbox", "--no-first-run",
		"--user-data-dir=" + filepath.Join(dir, "profile"), "--hide-scrollbars"}
	cmd := exec.CommandContext(ctx, browser, append(base, args...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %v: %v\n%s", browser, args, err, stderr.String())
	}
	return stdout.String()
}

// checkScreenshot: the top of the page is not blank; it holds text and the
// red of the box that says what to do first.
func checkScreenshot(t *testing.T, path string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("no screenshot: %v", err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("screenshot is not a PNG: %v", err)
	}
	if bnd := img.Bounds(); bnd.Dx() < 800 || bnd.Dy() < 600 {
		t.Fatalf("screenshot is %v", bnd)
	}
	colours, ink, red := topStats(img, 600)
	total := img.Bounds().Dx() * 600
	if colours < 50 || ink < total/50 || red < 500 {
		t.Errorf("top of the page looks blank: %d colours, %d of %d pixels not white, %d red", colours, ink, total, red)
	}
}

func topStats(img image.Image, height int) (colours, ink, red int) {
	seen := map[uint32]bool{}
	bnd := img.Bounds()
	for y := bnd.Min.Y; y < bnd.Min.Y+height && y < bnd.Max.Y; y++ {
		for x := bnd.Min.X; x < bnd.Max.X; x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			r, g, b = r>>8, g>>8, b>>8
			seen[r<<16|g<<8|b] = true
			if r < 240 || g < 240 || b < 240 {
				ink++
			}
			if r > 150 && g < 80 && b < 80 {
				red++
			}
		}
	}
	return len(seen), ink, red
}

// cut returns s from marker on.
func cut(t *testing.T, s, marker string) string {
	t.Helper()
	i := strings.Index(s, marker)
	if i < 0 {
		t.Fatalf("rendered DOM lacks %q", marker)
	}
	return s[i:]
}
