package encrypt

import (
	"context"
	"errors"
	"path/filepath"

	"golang.org/x/sync/errgroup"

	"mamori/report"
)

// Summary counts what a run did.
type Summary struct {
	Encrypted  int   // .age written and verified (original removed or kept as asked)
	Decrypted  int   // plaintext restored
	Skipped    int   // nothing to do: already encrypted, or already restored
	Conflicts  int   // changed during the run, or a .age that is not the file's
	Failed     int   // an error; the original is intact
	Planned    int   // --dry-run
	Bytes      int64 // plaintext bytes of the files encrypted, decrypted or planned
	TempsFound int   // temporaries of interrupted runs removed
}

// OK reports whether everything asked for was done.
func (s Summary) OK() bool { return s.Conflicts == 0 && s.Failed == 0 }

func (s *Summary) add(e report.ManifestEntry) {
	switch e.Result {
	case report.ResultEncrypted:
		s.Encrypted++
	case report.ResultDecrypted:
		s.Decrypted++
	case report.ResultSkipped:
		s.Skipped++
		return
	case report.ResultConflict:
		s.Conflicts++
		return
	case report.ResultFailed:
		s.Failed++
		return
	case report.ResultPlanned:
		s.Planned++
	}
	s.Bytes += e.Size
}

// Run encrypts the files at paths (each once) to o.Recipients. Each file's
// result goes to the manifest and to o.Progress. The error is the context's
// when interrupted, or the manifest's; per-file failures are in the Summary.
func Run(ctx context.Context, paths []string, o Options) (Summary, error) {
	if o.Recipients == nil {
		return Summary{}, errors.New("encrypt: no recipients")
	}
	e := &encryptor{o: &o, fs: o.fsys()}
	return pool(ctx, dedupe(paths), &o, e.file)
}

// pool runs do on every path with o.Workers at once and collects the
// results in this goroutine: it alone writes the manifest.
func pool(ctx context.Context, paths []string, o *Options, do func(context.Context, string) report.ManifestEntry) (Summary, error) {
	var sum Summary
	if !o.DryRun {
		sum.TempsFound = cleanDirs(paths)
	}
	results := make(chan report.ManifestEntry)
	// A manifest that cannot be written stops the run: files done without
	// their record would be evidence lost.
	work, stop := context.WithCancel(ctx)
	defer stop()
	go feed(work, paths, o.Workers, do, results)
	var merr error
	for ent := range results {
		sum.add(ent)
		if o.Manifest != nil && merr == nil {
			if merr = o.Manifest.Write(ent); merr != nil {
				stop()
			}
		}
		if o.Progress != nil {
			o.Progress(ent)
		}
	}
	if err := ctx.Err(); err != nil {
		return sum, err
	}
	return sum, merr
}

// feed hands paths to a bounded pool and closes results when all are done.
// A cancelled context stops the handing out; files under way abort.
func feed(ctx context.Context, paths []string, workers int, do func(context.Context, string) report.ManifestEntry, results chan<- report.ManifestEntry) {
	defer close(results)
	var g errgroup.Group
	g.SetLimit(max(workers, 1))
	if workers <= 0 {
		g.SetLimit(DefaultWorkers)
	}
	for _, p := range paths {
		if ctx.Err() != nil {
			break
		}
		g.Go(func() error {
			results <- do(ctx, p)
			return nil
		})
	}
	g.Wait()
}

// cleanDirs removes leftover temporaries in the directories of paths,
// before any worker writes one there.
func cleanDirs(paths []string) int {
	seen := map[string]bool{}
	n := 0
	for _, p := range paths {
		d := filepath.Dir(p)
		if seen[d] {
			continue
		}
		seen[d] = true
		c, _ := CleanTemps(d)
		n += c
	}
	return n
}

// dedupe keeps the first of each path (members of one archive name it once
// each).
func dedupe(paths []string) []string {
	seen := make(map[string]bool, len(paths))
	out := make([]string, 0, len(paths))
	for _, p := range paths {
		c := filepath.Clean(p)
		if !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	return out
}
