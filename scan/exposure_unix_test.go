//go:build unix

package scan

import (
	"os"
	"path/filepath"
	"testing"
)

// openTree makes dir and the folders above it that the test created
// passable for others, and skips when a folder above those is not (a
// private TMPDIR), where nothing could be world-readable.
func openTree(t *testing.T, dir string) {
	t.Helper()
	for _, d := range []string{filepath.Dir(dir), dir} {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for d := filepath.Dir(filepath.Dir(dir)); ; d = filepath.Dir(d) {
		if !dirOpenToOthers(d) {
			t.Skipf("%s is closed to others", d)
		}
		if filepath.Dir(d) == d {
			return
		}
	}
}

func TestRunExposureMode(t *testing.T) {
	dir := newWalkTree(t, map[string]string{"open/a.csv": "x", "open/b.csv": "x", "open/c.csv": "x", "closed/d.csv": "x"})
	openTree(t, dir)
	for name, mode := range map[string]os.FileMode{
		"open": 0o755, "closed": 0o700,
		"open/a.csv": 0o644, "open/b.csv": 0o600, "open/c.csv": 0o640, "closed/d.csv": 0o644,
	} {
		if err := os.Chmod(filepath.Join(dir, name), mode); err != nil {
			t.Fatal(err)
		}
	}
	got := runExposure(t, dir, Options{})

	a := got["open/a.csv"]
	if a == nil || a.Mode != "0644" || !a.WorldReadable || a.ClosedDir || a.Owner == "" || a.Group == "" || a.Accessed == "" {
		t.Errorf("0644 in an open folder: %+v", a)
	}
	if a != nil && (len(a.Reasons) != 1 || a.Reasons[0] != ReasonWorldReadable) {
		t.Errorf("0644 reasons = %q", a.Reasons)
	}
	b := got["open/b.csv"]
	if b == nil || b.Mode != "0600" || b.WorldReadable || b.GroupReadable || len(b.Reasons) != 0 {
		t.Errorf("0600: %+v", b)
	}
	c := got["open/c.csv"]
	// A user's private group (named as the owner) is no wider audience.
	if c == nil || c.Mode != "0640" || c.WorldReadable || c.GroupReadable != (c.Group != c.Owner) {
		t.Errorf("0640: %+v", c)
	}
	d := got["closed/d.csv"]
	if d == nil || d.Mode != "0644" || d.WorldReadable || !d.ClosedDir {
		t.Errorf("0644 in a folder closed to others: %+v", d)
	}
}

func TestExposureOwnerNamesCached(t *testing.T) {
	x, err := newExposer(&Options{})
	if err != nil {
		t.Fatal(err)
	}
	uid := uint32(os.Getuid())
	first := x.userName(uid)
	if first == "" {
		t.Fatal("no name for our own uid")
	}
	x.users[uid] = "cached"
	if got := x.userName(uid); got != "cached" {
		t.Errorf("userName looked up again: %q", got)
	}
	if got := x.userName(4000000123); got != "4000000123" {
		t.Errorf("an unknown uid is shown as its number, got %q", got)
	}
}
