package encrypt

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/crypto/ssh"

	"mamori/report"
)

// sshKeyFiles writes an ed25519 SSH key pair, the private half protected by
// passphrase when it is not empty, and returns the public key line and the
// private key's file.
func sshKeyFiles(t *testing.T, dir, passphrase string) (string, string) {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	var block *pem.Block
	if passphrase == "" {
		block, err = ssh.MarshalPrivateKey(priv, "")
	} else {
		block, err = ssh.MarshalPrivateKeyWithPassphrase(priv, "", []byte(passphrase))
	}
	if err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(dir, "id_ed25519")
	if passphrase != "" {
		name = filepath.Join(dir, "id_locked")
	}
	if err := os.WriteFile(name, pem.EncodeToMemory(block), 0o600); err != nil {
		t.Fatal(err)
	}
	sp, err := ssh.NewPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(ssh.MarshalAuthorizedKey(sp))), name
}

// TestSSHIdentity: a file encrypted to an SSH public key opens with the SSH
// private key; a passphrase-protected key is refused with a way forward.
func TestSSHIdentity(t *testing.T) {
	dir := t.TempDir()
	pubLine, privFile := sshKeyFiles(t, dir, "")
	rs, err := ParseRecipients([]string{pubLine}, nil)
	if err != nil {
		t.Fatal(err)
	}
	writeTree(t, dir, map[string]string{"名簿.csv": "山田 太郎,090-1234-5678\n"})
	p := filepath.Join(dir, "名簿.csv")
	if ent := runOne(t, p, Options{Recipients: rs}); ent.Result != report.ResultEncrypted {
		t.Fatalf("result %s: %s", ent.Result, ent.Error)
	}
	ids, err := ReadIdentities(privFile)
	if err != nil {
		t.Fatal(err)
	}
	if got := decryptFile(t, p+Suffix, ids[0]); got != "山田 太郎,090-1234-5678\n" {
		t.Errorf("decrypted %q", got)
	}
	_, locked := sshKeyFiles(t, dir, "secret")
	if _, err := ReadIdentities(locked); err == nil || !strings.Contains(err.Error(), "age -d -i") || strings.Contains(err.Error(), "secret") {
		t.Errorf("passphrase-protected key: %v", err)
	}
}
