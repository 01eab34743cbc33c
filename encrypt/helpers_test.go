package encrypt

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"

	"mamori/report"
)

// writeTree creates files from a map of slash paths to contents (fastwalk's
// helper).
func writeTree(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o640); err != nil {
			t.Fatal(err)
		}
	}
}

// newKey returns an identity and recipients for it.
func newKey(t testing.TB) (*age.X25519Identity, *Recipients) {
	t.Helper()
	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	rs, err := ParseRecipients([]string{id.Recipient().String()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return id, rs
}

// decryptFile returns the plaintext of an age file.
func decryptFile(t testing.TB, path string, id age.Identity) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := age.Decrypt(f, id)
	if err != nil {
		t.Fatalf("decrypt %s: %v", path, err)
	}
	var b bytes.Buffer
	if _, err := io.Copy(&b, r); err != nil {
		t.Fatalf("decrypt %s: %v", path, err)
	}
	return b.String()
}

// temps lists the temporaries left in dir.
func temps(t testing.TB, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		if isTemp(e.Name()) {
			out = append(out, e.Name())
		}
	}
	return out
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// runOne encrypts one file and returns its entry.
func runOne(t testing.TB, path string, o Options) report.ManifestEntry {
	t.Helper()
	var got []report.ManifestEntry
	o.Progress = func(e report.ManifestEntry) { got = append(got, e) }
	if _, err := Run(context.Background(), []string{path}, o); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 {
		t.Fatalf("got %d entries, want 1", len(got))
	}
	return got[0]
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }

var errCanceled = context.Canceled

func contextWithCancel() (context.Context, context.CancelFunc) {
	return context.WithCancel(context.Background())
}
