package main

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"mamori/detect"
	"mamori/scan"
)

var lineCol = regexp.MustCompile(`^[1-9][0-9]*:[1-9][0-9]*$`)

// FuzzPipeline runs any bytes through extraction and detection, as a worker
// does: no panic, and every finding within the report's limits with a real
// line:column. Seeds are the sample share's files.
func FuzzPipeline(f *testing.F) {
	filepath.WalkDir("fixtures/share", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if data, err := os.ReadFile(p); err == nil {
				f.Add(data, filepath.Ext(p))
			}
		}
		return nil
	})
	det := detect.New(detect.Builtin())
	f.Fuzz(func(t *testing.T, data []byte, ext string) {
		file := &scan.File{Rel: "fuzz" + ext, Size: int64(len(data))}
		sink := det.NewFile()
		lim := scan.Limits{MaxField: 64, MaxRecord: 512, MaxLine: 128} // small, to reach the splitting paths
		if err := scan.Extract(context.Background(), file, bytes.NewReader(data), sink, lim); err != nil {
			t.Fatalf("extract of in-memory bytes failed: %v", err)
		}
		res := sink.Result()
		if res.Subjects < 0 {
			t.Fatalf("subjects %d", res.Subjects)
		}
		for c, fd := range res.Categories {
			if fd.Count <= 0 || len(fd.Samples) > 3 || len(fd.Samples) == 0 || len(fd.Locations) > 5 || len(fd.Locations) == 0 {
				t.Fatalf("%s: count %d, %d samples, %d locations", c, fd.Count, len(fd.Samples), len(fd.Locations))
			}
			for _, l := range fd.Locations {
				if !lineCol.MatchString(l) {
					t.Fatalf("%s: location %q is not line:column", c, l)
				}
			}
		}
	})
}
