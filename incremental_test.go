package main

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"mamori/report"
)

// stateTree writes n small CSV files, a third of them with personal data,
// and a zip holding one, under a new directory.
func stateTree(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	for i := range n {
		sub := filepath.Join(dir, fmt.Sprintf("d%02d", i%7))
		os.MkdirAll(sub, 0o755)
		body := fmt.Sprintf("品番,数量\nA-%d,%d\n", i, i)
		if i%3 == 0 {
			body = fmt.Sprintf("氏名,電話番号\n山田 太郎,090-1234-%04d\n佐藤 花子,080-2345-%04d\n", i, i)
		}
		if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("f%04d.csv", i)), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	writeZip(t, filepath.Join(dir, "export.zip"), map[string]string{"名簿.csv": "氏名,電話番号\n鈴木 一郎,070-3456-7890\n"})
	// An hour old: a file modified just before it was scanned may change
	// again within the same second, so the state reads such a file again.
	old := time.Now().Add(-time.Hour)
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			os.Chtimes(p, old, old)
		}
		return nil
	})
	return dir
}

// reportDigest is what a report says of each file, in path order, without
// what may differ between two scans of the same files (times).
func reportDigest(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sum, err := report.Read(f, func(r report.FileRecord) error {
		var cats []string
		for c, fd := range r.Categories {
			cats = append(cats, fmt.Sprintf("%s=%d", c, fd.Count))
		}
		slices.Sort(cats)
		out = append(out, fmt.Sprintf("%s %s %s subjects=%d %v %v", r.Path, r.Status, r.Risk, r.Subjects, cats, r.APPI))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return append(out, fmt.Sprintf("summary files=%d scanned=%d with=%d subjects=%d", sum.Files, sum.Scanned, sum.WithPersonalData, sum.Subjects))
}

// scanLogFinished returns the attributes of the log's "scan finished" line.
func scanLogFinished(t *testing.T, path string) map[string]any {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var last map[string]any
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var m map[string]any
		if json.Unmarshal(sc.Bytes(), &m) == nil && m["msg"] == "scan finished" {
			last = m
		}
	}
	return last
}

// TestIncrementalRescan: a second scan reads only what changed, and its
// report is what a full scan says.
func TestIncrementalRescan(t *testing.T) {
	dir := stateTree(t, 60)
	tmp := t.TempDir()
	st := filepath.Join(tmp, "state.db")
	scanTo := func(name string, extra ...string) ([]string, map[string]any) {
		out, log := filepath.Join(tmp, name+".jsonl"), filepath.Join(tmp, name+".log")
		args := append([]string{"scan", "--state", st, "-o", out, "--log", log}, extra...)
		if code := runCLI(t, append(args, dir)...); code != 0 {
			t.Fatalf("%s: exit %d", name, code)
		}
		return reportDigest(t, out), scanLogFinished(t, log)
	}
	first, log1 := scanTo("first")
	if log1["carried"] != 0.0 {
		t.Errorf("first scan carried %v files", log1["carried"])
	}
	second, log2 := scanTo("second")
	if !slices.Equal(first, second) {
		t.Errorf("rescan of an unchanged tree differs:\n%s\nwant\n%s", strings.Join(second, "\n"), strings.Join(first, "\n"))
	}
	if log2["carried"] != 61.0 { // 60 files and the zip (its member comes with it)
		t.Errorf("second scan carried %v files, want 61", log2["carried"])
	}

	// Change one file (new content, same size would not do: a new mtime does),
	// delete one, add one.
	changed := filepath.Join(dir, "d01", "f0001.csv")
	os.WriteFile(changed, []byte("氏名,電話番号\n高橋 美咲,090-4567-8901\n"), 0o644)
	later := time.Now().Add(-30 * time.Minute)
	os.Chtimes(changed, later, later)
	os.Remove(filepath.Join(dir, "d02", "f0002.csv"))
	os.WriteFile(filepath.Join(dir, "new.csv"), []byte("氏名,メール\n田中 健太,kenta@example.jp\n"), 0o644)
	os.Chtimes(filepath.Join(dir, "new.csv"), later, later)
	third, log3 := scanTo("third")
	full, _ := scanTo("full", "--full")
	if !slices.Equal(third, full) {
		t.Errorf("incremental report differs from a full one:\n%s\nwant\n%s", strings.Join(third, "\n"), strings.Join(full, "\n"))
	}
	if log3["carried"] != 59.0 {
		t.Errorf("third scan carried %v files, want 59 (one changed, one gone, one new)", log3["carried"])
	}
	if fi, err := os.Stat(st); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("state file: %v %v, want mode 0600", fi, err)
	}
	if data, _ := os.ReadFile(st); bytes.Contains(data, []byte("090-4567-8901")) || bytes.Contains(data, []byte("高橋 美咲")) {
		t.Error("the state file holds a found value")
	}
}

// TestMaxDurationResumes: a scan stopped at its deadline says so, and the
// same command then finishes with the report of an uninterrupted scan; the
// files cut short when the deadline came are read again, not reported as
// errors.
func TestMaxDurationResumes(t *testing.T) {
	dir := stateTree(t, 300)
	tmp := t.TempDir()
	want := filepath.Join(tmp, "want.jsonl")
	if code := runCLI(t, "scan", "--no-state", "-o", want, dir); code != 0 {
		t.Fatalf("uninterrupted: exit %d", code)
	}
	for _, stop := range [][]string{
		{"--max-duration", "1ns"}, // before anything is read
		// After the first second's hundred files, in the middle of the rest.
		{"--max-duration", "1500ms", "--files-per-second", "100", "--workers", "4"},
	} {
		st, out := filepath.Join(tmp, "state.db"), filepath.Join(tmp, "r.jsonl")
		os.Remove(st)
		args := append(append([]string{"scan", "--state", st}, stop...), "-o", out, dir)
		if code := runCLI(t, args...); code != 130 {
			t.Errorf("%v: stopped at the deadline: exit %d, want 130", stop, code)
		}
		if code := runCLI(t, "scan", "--state", st, "-o", out, dir); code != 0 {
			t.Fatalf("%v: resumed: exit %d", stop, code)
		}
		if got, w := reportDigest(t, out), reportDigest(t, want); !slices.Equal(got, w) {
			t.Errorf("%v: resumed report:\n%s\nwant\n%s", stop, strings.Join(got, "\n"), strings.Join(w, "\n"))
		}
	}
}

// TestResumeAfterKill kills scans at random points and checks that the next
// run of the same command gives the report of an uninterrupted scan.
func TestResumeAfterKill(t *testing.T) {
	if os.Getenv("MAMORI_KILL_CHILD") != "" {
		t.Skip("child")
	}
	if runtime.GOOS == "windows" {
		t.Skip("kills with SIGKILL")
	}
	dir := stateTree(t, 600)
	tmp := t.TempDir()
	want := filepath.Join(tmp, "want.jsonl")
	if code := runCLI(t, "scan", "--no-state", "-o", want, dir); code != 0 {
		t.Fatalf("uninterrupted: exit %d", code)
	}
	wantDigest := reportDigest(t, want)
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(1, seed))
	landed := 0
	for run := range 5 {
		st, out := filepath.Join(tmp, fmt.Sprintf("s%d.db", run)), filepath.Join(tmp, fmt.Sprintf("r%d.jsonl", run))
		// At most 300 files a second (after a first second's worth at
		// once), so the 601 files take a second or more and a kill
		// within that lands in the middle of the scan.
		args := []string{"-test.run=^TestScanChild$", "--", "scan", "--state", st, "--workers", "2",
			"--files-per-second", "300", "-o", out, dir}
		for kill := range 3 { // killed up to three times, then left to finish
			cmd := exec.Command(os.Args[0], args...)
			cmd.Env = append(os.Environ(), "MAMORI_KILL_CHILD=1")
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			if kill < 2 {
				select {
				case <-time.After(time.Duration(rng.IntN(1000)) * time.Millisecond):
					cmd.Process.Kill()
					<-done
					landed++
					continue
				case err := <-done: // finished before the kill
					if err != nil {
						t.Fatalf("run %d: child: %v", run, err)
					}
				}
			} else if err := <-done; err != nil {
				t.Fatalf("run %d: last child: %v", run, err)
			}
			break
		}
		if got := reportDigest(t, out); !slices.Equal(got, wantDigest) {
			t.Errorf("run %d: report after kills differs:\n%s\nwant\n%s", run, strings.Join(got, "\n"), strings.Join(wantDigest, "\n"))
		}
	}
	t.Logf("%d kills landed before a scan ended", landed)
}

// TestScanChild is the scan TestResumeAfterKill runs and kills.
func TestScanChild(t *testing.T) {
	if os.Getenv("MAMORI_KILL_CHILD") == "" {
		t.Skip("run by TestResumeAfterKill")
	}
	i := slices.Index(os.Args, "--")
	app := newApp()
	app.Writer = io.Discard
	err := app.RunContext(context.Background(), append([]string{"mamori"}, os.Args[i+1:]...))
	if err != nil && !errors.Is(err, errUnreadable) {
		t.Fatal(err)
	}
}

// writeZip writes a zip of the given members to path.
func writeZip(t *testing.T, path string, members map[string]string) {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range members {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(body))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestRulesVersion: what decides a file's result is in the rules version,
// so that a change to it reads files again.
func TestRulesVersion(t *testing.T) {
	dir := t.TempDir()
	rules, roster := filepath.Join(dir, "rules.toml"), filepath.Join(dir, "roster.idx")
	os.WriteFile(rules, []byte("# none\n"), 0o600)
	os.WriteFile(roster, []byte("x"), 0o600)
	base := scanOptions{Volume: 100}
	seen := map[string]string{}
	for name, o := range map[string]scanOptions{
		"built-in": base,
		"private":  {Volume: 1000},
		"rules":    {Volume: 100, rulesOptions: rulesOptions{Rules: rules}},
		"roster":   {Volume: 100, rulesOptions: rulesOptions{Roster: roster}},
	} {
		v := rulesVersion(o)
		if other, dup := seen[v]; dup {
			t.Errorf("%s and %s share the rules version %q", name, other, v)
		}
		seen[v] = name
	}
	before := rulesVersion(scanOptions{Volume: 100, rulesOptions: rulesOptions{Rules: rules}})
	os.WriteFile(rules, []byte("# changed\n"), 0o600)
	if rulesVersion(scanOptions{Volume: 100, rulesOptions: rulesOptions{Rules: rules}}) == before {
		t.Error("an edited rules file keeps its rules version")
	}
}
