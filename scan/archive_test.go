package scan

import (
	"archive/zip"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// zipOf builds a zip of the given members; a member named with a leading
// "!" is written with the encryption bit set (its content is not real
// ciphertext, which the scan never reads).
func zipOf(t *testing.T, members map[string][]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, data := range members {
		h := &zip.FileHeader{Name: name, Method: zip.Store}
		if name[0] == '!' {
			h.Name, h.Flags = name[1:], 0x1
			h.CRC32, h.CompressedSize64, h.UncompressedSize64 = 0, uint64(len(data)), uint64(len(data))
			w, err := zw.CreateRaw(h)
			if err != nil {
				t.Fatal(err)
			}
			w.Write(data)
			continue
		}
		w, err := zw.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// rowCounter counts the rows a member's sink receives.
type rowCounter struct{ rows int }

func (c *rowCounter) Text(string, Loc)   {}
func (c *rowCounter) Row(string, []Cell) { c.rows++ }

type archiveRecorder struct {
	mu      sync.Mutex
	records map[string]*File
	rows    map[string]int
}

func (h *archiveRecorder) NewSink(*File) Sink { return &rowCounter{} }
func (h *archiveRecorder) Done(f *File, s Sink) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.records[f.Rel] = f
	if c, ok := s.(*rowCounter); ok {
		h.rows[f.Rel] = c.rows
	}
}

func TestArchiveMembers(t *testing.T) {
	csv := []byte("氏名,電話番号\n山田 太郎,090-1234-5678\n佐藤 花子,080-2345-6789\n")
	deep := zipOf(t, map[string][]byte{"d.csv": csv})
	for i := 0; i < maxArchiveDepth; i++ {
		deep = zipOf(t, map[string][]byte{"n.zip": deep})
	}
	archive := zipOf(t, map[string][]byte{
		"名簿/3年1組.csv": csv,
		"inner.zip":   zipOf(t, map[string][]byte{"x.csv": csv}),
		"!secret.csv": []byte("not really encrypted"),
		"deep.zip":    deep,
	})
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.zip"), archive, 0o644); err != nil {
		t.Fatal(err)
	}
	h := &archiveRecorder{records: map[string]*File{}, rows: map[string]int{}}
	if err := Run(context.Background(), []string{dir}, Options{Workers: 2}, h); err != nil {
		t.Fatal(err)
	}
	want := map[string]struct {
		status Status
		format string
		rows   int
	}{
		"a.zip":                   {StatusOK, FormatZip, 0},
		"a.zip!/名簿/3年1組.csv":      {StatusOK, FormatCSV, 3},
		"a.zip!/inner.zip":        {StatusOK, FormatZip, 0},
		"a.zip!/inner.zip!/x.csv": {StatusOK, FormatCSV, 3},
		"a.zip!/secret.csv":       {StatusProtected, "", 0},
	}
	for rel, w := range want {
		f := h.records[rel]
		if f == nil {
			t.Errorf("%s: no record", rel)
			continue
		}
		if f.Status != w.status || f.Format != w.format || h.rows[rel] != w.rows {
			t.Errorf("%s: %s/%s %q with %d rows, want %s/%s with %d", rel, f.Status, f.Format, f.Reason, h.rows[rel], w.status, w.format, w.rows)
		}
	}
	tooDeep := "a.zip!/deep.zip" + "!/n.zip" + "!/n.zip" + "!/n.zip"
	if f := h.records[tooDeep]; f == nil || f.Status != StatusSkipped {
		t.Errorf("%s: want skipped as too deep, got %+v", tooDeep, f)
	}
}

// TestArchiveOutsideAScan: Extract alone has nowhere to send members.
func TestArchiveOutsideAScan(t *testing.T) {
	f := &File{Rel: "a.zip"}
	data := zipOf(t, map[string][]byte{"a.csv": []byte("a,b\n")})
	if err := Extract(context.Background(), f, bytes.NewReader(data), &rowCounter{}, DefaultLimits); err != nil {
		t.Fatal(err)
	}
	if f.Status != StatusSkipped || f.Reason == "" {
		t.Errorf("status %s %q", f.Status, f.Reason)
	}
}

// FuzzArchive reads any bytes as an archive inside a scan: no panic, and
// every member is named inside the archive.
func FuzzArchive(f *testing.F) {
	csv := []byte("氏名,電話番号\n山田 太郎,090-1234-5678\n")
	f.Add(zipOf(&testing.T{}, map[string][]byte{"a.csv": csv, "!e.csv": csv}))
	f.Add(zipOf(&testing.T{}, map[string][]byte{"in.zip": zipOf(&testing.T{}, map[string][]byte{"x.txt": csv})}))
	f.Fuzz(func(t *testing.T, data []byte) {
		a := &File{Rel: "a.zip"}
		emit := func(m *File, read func(Sink) error) {
			if len(m.Rel) < len("a.zip!/") || m.Rel[:len("a.zip!/")] != "a.zip!/" {
				t.Fatalf("member named %q", m.Rel)
			}
			if read != nil {
				read(&rowCounter{})
			}
		}
		ctx := withEmitter(context.Background(), emit)
		Extract(ctx, a, bytes.NewReader(data), &rowCounter{}, Limits{MaxField: 64, MaxRecord: 512, MaxLine: 128})
	})
}
