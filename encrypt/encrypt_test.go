package encrypt

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"filippo.io/age"

	"mamori/report"
)

func TestEncryptRoundTrip(t *testing.T) {
	for name, tc := range map[string]struct {
		content string
		keep    bool
		verify  bool
	}{
		"empty":          {content: ""},
		"small":          {content: "山田 太郎,090-1234-5678\n"},
		"one chunk":      {content: strings.Repeat("x", chunkSize)},
		"chunks and bit": {content: strings.Repeat("あ", chunkSize)},
		"keep original":  {content: "keep me", keep: true},
		"verify decrypt": {content: strings.Repeat("y", 3*chunkSize+7), verify: true},
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			writeTree(t, dir, map[string]string{"名簿.csv": tc.content})
			p := filepath.Join(dir, "名簿.csv")
			mtime := time.Date(2017, 8, 1, 9, 12, 0, 0, time.UTC)
			os.Chtimes(p, time.Time{}, mtime)
			id, rs := newKey(t)
			o := Options{Recipients: rs, Keep: tc.keep}
			if tc.verify {
				o.Identities = append(o.Identities, id)
			}
			ent := runOne(t, p, o)
			if ent.Result != report.ResultEncrypted || ent.Error != "" {
				t.Fatalf("result %s: %s", ent.Result, ent.Error)
			}
			if got := decryptFile(t, p+Suffix, id); got != tc.content {
				t.Errorf("decrypted %d bytes, want %d", len(got), len(tc.content))
			}
			if exists(p) != tc.keep || ent.OriginalRemoved == tc.keep {
				t.Errorf("original exists %v, removed %v; keep %v", exists(p), ent.OriginalRemoved, tc.keep)
			}
			st, _ := os.Stat(p + Suffix)
			if st.Mode().Perm() != 0o640 {
				t.Errorf(".age mode %v, want 0640", st.Mode().Perm())
			}
			if !st.ModTime().Equal(mtime) || ent.Modified != mtime.Format(time.RFC3339Nano) {
				t.Errorf(".age mtime %v, manifest %s; want %v", st.ModTime(), ent.Modified, mtime)
			}
			want := map[bool]string{false: verifiedHeader, true: verifiedDecrypt}[tc.verify]
			if ent.Verified != want || len(ent.CiphertextSHA256) != 64 || ent.Size != int64(len(tc.content)) {
				t.Errorf("entry %+v", ent)
			}
			if tmp := temps(t, dir); len(tmp) > 0 {
				t.Errorf("temporaries left: %v", tmp)
			}
		})
	}
}

func TestModeNeverWider(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.csv")
	os.WriteFile(p, []byte("secret"), 0o600)
	os.Chmod(p, 0o400)
	_, rs := newKey(t)
	if ent := runOne(t, p, Options{Recipients: rs}); ent.Result != report.ResultEncrypted {
		t.Fatalf("%s: %s", ent.Result, ent.Error)
	}
	st, _ := os.Stat(p + Suffix)
	if st.Mode().Perm() != 0o400 {
		t.Errorf("mode %v, want 0400", st.Mode().Perm())
	}
}

func TestRefusesExistingAge(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"a.csv": "new data", "a.csv.age": "someone else's file"})
	_, rs := newKey(t)
	p := filepath.Join(dir, "a.csv")
	ent := runOne(t, p, Options{Recipients: rs})
	if ent.Result != report.ResultConflict {
		t.Fatalf("result %s, want conflict", ent.Result)
	}
	b, _ := os.ReadFile(p + Suffix)
	if string(b) != "someone else's file" || !exists(p) {
		t.Errorf("existing .age or original touched")
	}
}

func TestRenameNoReplace(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"a": "a", "b": "b"})
	err := renameNoReplace(filepath.Join(dir, "a"), filepath.Join(dir, "b"))
	if err == nil {
		t.Fatal("rename replaced an existing file")
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "b")); string(b) != "b" {
		t.Error("b was overwritten")
	}
	if err := linkRename(filepath.Join(dir, "a"), filepath.Join(dir, "b")); err == nil {
		t.Error("linkRename replaced an existing file")
	}
}

func TestResumeAndSkip(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"a.csv": "a", "b.csv": "b", "c.csv": "c"})
	id, rs := newKey(t)
	a, b, c := filepath.Join(dir, "a.csv"), filepath.Join(dir, "b.csv"), filepath.Join(dir, "c.csv")
	// a: encrypted, original kept (as if killed before removing it);
	// b: fully encrypted; c: a leftover temporary beside it.
	runOne(t, a, Options{Recipients: rs, Keep: true})
	runOne(t, b, Options{Recipients: rs})
	os.WriteFile(filepath.Join(dir, ".c.csv.mamori-tmp-123"), []byte("partial"), 0o600)
	var got = map[string]string{}
	sum, err := Run(context.Background(), []string{a, b, c}, Options{Recipients: rs, Identities: nil,
		Progress: func(e report.ManifestEntry) { got[filepath.Base(e.Path)] = e.Result }})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"a.csv": report.ResultEncrypted, "b.csv": report.ResultSkipped, "c.csv": report.ResultEncrypted}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %s, want %s", k, got[k], v)
		}
	}
	if sum.TempsFound != 1 || len(temps(t, dir)) != 0 {
		t.Errorf("temporaries: found %d, left %v", sum.TempsFound, temps(t, dir))
	}
	for _, p := range []string{a, b, c} {
		if exists(p) {
			t.Errorf("%s still there", p)
		}
		if got := decryptFile(t, p+Suffix, id); got != strings.TrimSuffix(filepath.Base(p), ".csv") {
			t.Errorf("%s decrypts to %q", p, got)
		}
	}
}

func TestResumeConflictWhenOriginalChanged(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"a.csv": "old"})
	_, rs := newKey(t)
	p := filepath.Join(dir, "a.csv")
	runOne(t, p, Options{Recipients: rs, Keep: true})
	os.WriteFile(p, []byte("edited later"), 0o640)
	os.Chtimes(p, time.Time{}, time.Now().Add(time.Hour))
	if ent := runOne(t, p, Options{Recipients: rs}); ent.Result != report.ResultConflict {
		t.Fatalf("result %s, want conflict", ent.Result)
	}
	if !exists(p) || !exists(p+Suffix) {
		t.Error("a conflict touched a file")
	}
}

func TestDryRunChangesNothing(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"a.csv": "a", "b.csv": "bb"})
	os.WriteFile(filepath.Join(dir, ".a.csv.mamori-tmp-1"), nil, 0o600)
	_, rs := newKey(t)
	sum, err := Run(context.Background(), []string{filepath.Join(dir, "a.csv"), filepath.Join(dir, "b.csv")}, Options{Recipients: rs, DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Planned != 2 || sum.Bytes != 3 {
		t.Errorf("summary %+v", sum)
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 3 {
		t.Errorf("dry run changed the directory: %d entries", len(ents))
	}
}

func TestDedupeArchiveMembers(t *testing.T) {
	got := dedupe([]string{"a.zip", "./a.zip", "b.csv", "a.zip"})
	if len(got) != 2 {
		t.Errorf("dedupe: %v", got)
	}
}

func TestManifest(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"a.csv": "a"})
	_, rs := newKey(t)
	mp := filepath.Join(dir, "sub", "manifest.jsonl")
	for range 2 {
		m, err := OpenManifest(mp)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Run(context.Background(), []string{filepath.Join(dir, "a.csv")}, Options{Recipients: rs, Manifest: m}); err != nil {
			t.Fatal(err)
		}
		if err := m.Close(); err != nil {
			t.Fatal(err)
		}
	}
	st, _ := os.Stat(mp)
	if st.Mode().Perm() != 0o600 {
		t.Errorf("manifest mode %v", st.Mode().Perm())
	}
	f, _ := os.Open(mp)
	defer f.Close()
	var results []string
	report.ReadManifest(bufio.NewReader(f), func(e report.ManifestEntry) error {
		results = append(results, e.Result)
		if len(e.Recipients) != 1 || !strings.HasPrefix(e.Recipients[0], "age1") || e.Time == "" {
			t.Errorf("entry %+v", e)
		}
		return nil
	})
	if strings.Join(results, ",") != "encrypted,skipped" {
		t.Errorf("manifest results %v", results)
	}
}

func TestRecipientsRejectPrivateKeys(t *testing.T) {
	id, _ := newKey(t)
	_, err := ParseRecipients([]string{id.String()}, nil)
	if err == nil || strings.Contains(err.Error(), id.String()) {
		t.Errorf("private key accepted or quoted: %v", err)
	}
	f := filepath.Join(t.TempDir(), "recipients.txt")
	os.WriteFile(f, []byte("# team\n"+id.Recipient().String()+"\n\n"), 0o600)
	rs, err := ParseRecipients(nil, []string{f})
	if err != nil || len(rs.Keys()) != 1 {
		t.Errorf("recipients file: %v", err)
	}
}

func TestDecryptRestores(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"a.csv": "氏名,電話\n", "b.csv": ""})
	id, rs := newKey(t)
	paths := []string{filepath.Join(dir, "a.csv"), filepath.Join(dir, "b.csv")}
	mtime := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	os.Chtimes(paths[0], time.Time{}, mtime)
	if sum, err := Run(context.Background(), paths, Options{Recipients: rs}); err != nil || sum.Encrypted != 2 {
		t.Fatalf("encrypt: %+v %v", sum, err)
	}
	ages, err := AgeFiles([]string{dir})
	if err != nil || len(ages) != 2 {
		t.Fatalf("AgeFiles: %v %v", ages, err)
	}
	sum, err := RunDecrypt(context.Background(), ages, Options{Identities: []age.Identity{id}})
	if err != nil || sum.Decrypted != 2 {
		t.Fatalf("decrypt: %+v %v", sum, err)
	}
	b, _ := os.ReadFile(paths[0])
	st, _ := os.Stat(paths[0])
	if string(b) != "氏名,電話\n" || st.Mode().Perm() != 0o640 || !st.ModTime().Equal(mtime) || exists(paths[0]+Suffix) {
		t.Errorf("restored %q mode %v time %v", b, st.Mode().Perm(), st.ModTime())
	}
	// A second decrypt finds nothing to do; a wrong key fails and keeps the .age.
	other, _ := newKey(t)
	writeTree(t, dir, map[string]string{"c.csv": "c"})
	Run(context.Background(), []string{filepath.Join(dir, "c.csv")}, Options{Recipients: rs})
	sum, _ = RunDecrypt(context.Background(), []string{filepath.Join(dir, "c.csv.age")}, Options{Identities: []age.Identity{other}})
	if sum.Failed != 1 || !exists(filepath.Join(dir, "c.csv.age")) || len(temps(t, dir)) > 0 {
		t.Errorf("wrong key: %+v", sum)
	}
}

func TestHardLinkedOriginalRefused(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"a.csv": "data"})
	p := filepath.Join(dir, "a.csv")
	if err := os.Link(p, filepath.Join(dir, "other-name.csv")); err != nil {
		t.Skip("no hard links here")
	}
	_, rs := newKey(t)
	if ent := runOne(t, p, Options{Recipients: rs}); ent.Result != report.ResultFailed || exists(p+Suffix) {
		t.Errorf("hard-linked original: %s, .age %v", ent.Result, exists(p+Suffix))
	}
	if ent := runOne(t, p, Options{Recipients: rs, Keep: true}); ent.Result != report.ResultEncrypted {
		t.Errorf("with Keep: %s (%s)", ent.Result, ent.Error)
	}
}

func TestHeaderCheck(t *testing.T) {
	h := header{len: 100, stanzas: []string{stanzaX25519, stanzaSSHEd}}
	for name, c := range map[string]struct {
		want []string
		size int64
		ok   bool
	}{
		"matches":           {[]string{stanzaSSHEd, stanzaX25519}, ciphertextSize(100, 10), true},
		"missing recipient": {[]string{stanzaX25519}, ciphertextSize(100, 10), false},
		"wrong type":        {[]string{stanzaX25519, stanzaSSHRSA}, ciphertextSize(100, 10), false},
		"truncated":         {[]string{stanzaSSHEd, stanzaX25519}, ciphertextSize(100, 10) - 1, false},
	} {
		if err := h.check(c.want, c.size, 10); (err == nil) != c.ok {
			t.Errorf("%s: %v", name, err)
		}
	}
	if ciphertextSize(0, 0) != 32 || ciphertextSize(0, chunkSize) != 16+chunkSize+16 || ciphertextSize(0, chunkSize+1) != 16+chunkSize+1+32 {
		t.Error("ciphertextSize disagrees with age's STREAM layout")
	}
}

func TestManifestFailureStops(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{}
	var paths []string
	for i := range 20 {
		name := string(rune('a'+i)) + ".csv"
		files[name] = name
		paths = append(paths, filepath.Join(dir, name))
	}
	writeTree(t, dir, files)
	_, rs := newKey(t)
	m, err := OpenManifest(filepath.Join(t.TempDir(), "m.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	m.f.Close() // every write now fails
	sum, err := Run(context.Background(), paths, Options{Recipients: rs, Manifest: m, Workers: 1})
	if err == nil || sum.Encrypted == len(paths) {
		t.Errorf("run went on without its manifest: %+v %v", sum, err)
	}
}
