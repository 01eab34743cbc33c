package encrypt

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"mamori/report"
)

// TestInteropAgeCLI checks both ways with the age command, when installed:
// what mamori encrypts decrypts with `age -d`, and what `age -e` encrypts
// mamori decrypts. SSH recipients are checked when ssh-keygen is there too.
func TestInteropAgeCLI(t *testing.T) {
	ageBin, err := exec.LookPath("age")
	if err != nil {
		t.Skip("age is not installed")
	}
	dir := t.TempDir()
	content := strings.Repeat("山田 太郎,090-1234-5678\n", 5000)
	writeTree(t, dir, map[string]string{"a.csv": content})
	id, rs := newKey(t)
	keyFile := filepath.Join(dir, "key.txt")
	os.WriteFile(keyFile, []byte(id.String()+"\n"), 0o600)
	p := filepath.Join(dir, "a.csv")
	if ent := runOne(t, p, Options{Recipients: rs}); ent.Result != report.ResultEncrypted {
		t.Fatalf("%s: %s", ent.Result, ent.Error)
	}
	out, err := exec.Command(ageBin, "-d", "-i", keyFile, p+Suffix).Output()
	if err != nil || string(out) != content {
		t.Fatalf("age -d: %v", err)
	}
	if out, err := exec.Command(ageBin, "-e", "-r", id.Recipient().String(), "-o", filepath.Join(dir, "b.csv.age"), keyFile).CombinedOutput(); err != nil {
		t.Fatalf("age -e: %v %s", err, out)
	}
	ids, err := ReadIdentities(keyFile)
	if err != nil {
		t.Fatal(err)
	}
	sum, err := RunDecrypt(context.Background(), []string{filepath.Join(dir, "b.csv.age")}, Options{Identities: ids})
	if b, _ := os.ReadFile(filepath.Join(dir, "b.csv")); err != nil || sum.Decrypted != 1 || string(b) != id.String()+"\n" {
		t.Fatalf("decrypt of age -e output: %+v %v", sum, err)
	}
	t.Run("ssh", func(t *testing.T) { interopSSH(t, ageBin, dir, content) })
}

func interopSSH(t *testing.T, ageBin, dir, content string) {
	keygen, err := exec.LookPath("ssh-keygen")
	if err != nil {
		t.Skip("ssh-keygen is not installed")
	}
	for _, kind := range []string{"ed25519", "rsa"} {
		key := filepath.Join(dir, "id_"+kind)
		if out, err := exec.Command(keygen, "-q", "-t", kind, "-N", "", "-f", key).CombinedOutput(); err != nil {
			t.Fatalf("ssh-keygen: %v %s", err, out)
		}
		pub, _ := os.ReadFile(key + ".pub")
		rs, err := ParseRecipients([]string{string(pub)}, nil)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, kind+".csv")
		os.WriteFile(p, []byte(content), 0o600)
		if ent := runOne(t, p, Options{Recipients: rs}); ent.Result != report.ResultEncrypted {
			t.Fatalf("%s: %s: %s", kind, ent.Result, ent.Error)
		}
		out, err := exec.Command(ageBin, "-d", "-i", key, p+Suffix).Output()
		if err != nil || string(out) != content {
			t.Errorf("%s: age -d: %v", kind, err)
		}
	}
}
