package encrypt

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"filippo.io/age"
	"filippo.io/age/agessh"
	"golang.org/x/crypto/ssh"
)

// Recipients are the public keys files are encrypted to. It never holds a
// private key: parsing one is an error.
type Recipients struct {
	list    []age.Recipient
	keys    []string // public keys as written in the manifest
	stanzas []string // the stanza type each recipient writes in a header
}

// Stanza types age writes for each kind of recipient.
const (
	stanzaX25519  = "X25519"
	stanzaHybrid  = "mlkem768x25519"
	stanzaSSHEd   = "ssh-ed25519"
	stanzaSSHRSA  = "ssh-rsa"
	labelPQPrefix = "age1pq1"
)

// maxRecipientsFile bounds a recipients file, as age's own parser does.
const maxRecipientsFile = 16 << 20

// errPrivateKey is returned for a private key given where a public one is
// expected. The key itself is never quoted.
var errPrivateKey = errors.New("encrypt: a private key was given as a recipient; give its public key (age-keygen -y, or the .pub file)")

// ParseRecipients reads recipients given on the command line (age1...,
// age1pq1..., ssh-ed25519 AAAA..., ssh-rsa AAAA...) and in recipients files
// (one per line; # comments; SSH public keys allowed).
func ParseRecipients(args, files []string) (*Recipients, error) {
	rs := &Recipients{}
	for _, a := range args {
		if err := rs.add(strings.TrimSpace(a)); err != nil {
			return nil, fmt.Errorf("recipient %d: %w", len(rs.list)+1, err)
		}
	}
	for _, name := range files {
		if err := rs.addFile(name); err != nil {
			return nil, err
		}
	}
	if len(rs.list) == 0 {
		return nil, errors.New("encrypt: no recipients")
	}
	if err := rs.checkMix(); err != nil {
		return nil, err
	}
	return rs, nil
}

func (rs *Recipients) addFile(name string) error {
	f, err := os.Open(name)
	if err != nil {
		return fmt.Errorf("failed to open recipients file %s: %w", name, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(io.LimitReader(f, maxRecipientsFile))
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if err := rs.add(line); err != nil {
			return fmt.Errorf("recipients file %s line %d: %w", name, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("failed to read recipients file %s: %w", name, err)
	}
	return nil
}

// add parses one recipient. Errors never quote the text: it may be a
// private key pasted by mistake.
func (rs *Recipients) add(s string) error {
	switch {
	case strings.HasPrefix(s, "AGE-SECRET-KEY-"), strings.Contains(s, "PRIVATE KEY"):
		return errPrivateKey
	case strings.HasPrefix(s, "age1"):
		return rs.addAge(s)
	case strings.HasPrefix(s, "ssh-"):
		return rs.addSSH(s)
	}
	return errors.New("not an age (age1...) or SSH (ssh-ed25519, ssh-rsa) public key")
}

func (rs *Recipients) addAge(s string) error {
	r, err := age.ParseRecipients(strings.NewReader(s))
	if err != nil {
		return err
	}
	stanza := stanzaX25519
	if strings.HasPrefix(s, labelPQPrefix) {
		stanza = stanzaHybrid
	}
	rs.list = append(rs.list, r[0])
	rs.keys = append(rs.keys, fmt.Sprint(r[0]))
	rs.stanzas = append(rs.stanzas, stanza)
	return nil
}

func (rs *Recipients) addSSH(s string) error {
	pk, _, _, _, err := ssh.ParseAuthorizedKey([]byte(s))
	if err != nil {
		return fmt.Errorf("malformed SSH public key: %w", err)
	}
	key := strings.TrimSpace(string(ssh.MarshalAuthorizedKey(pk)))
	r, err := newSSHRecipient(pk)
	if err != nil {
		return err
	}
	rs.list = append(rs.list, r)
	rs.keys = append(rs.keys, key)
	rs.stanzas = append(rs.stanzas, pk.Type())
	return nil
}

// checkMix refuses post-quantum recipients mixed with classic ones, which
// age refuses too, before any file is touched.
func (rs *Recipients) checkMix() error {
	pq := 0
	for _, s := range rs.stanzas {
		if s == stanzaHybrid {
			pq++
		}
	}
	if pq > 0 && pq < len(rs.stanzas) {
		return errors.New("encrypt: post-quantum (age1pq1...) recipients cannot be mixed with other kinds")
	}
	return nil
}

// Keys returns the public keys, as the manifest records them.
func (rs *Recipients) Keys() []string { return append([]string(nil), rs.keys...) }

// ReadIdentities reads an identity file, for decryption and --verify: age
// identities (AGE-SECRET-KEY-1..., one a line), or an SSH private key
// (ssh-ed25519 or ssh-rsa, as `age -i ~/.ssh/id_ed25519` takes it). A
// passphrase-protected SSH key is refused with a pointer to `age -d`, which
// asks for the passphrase; mamori never prompts.
func ReadIdentities(name string) ([]age.Identity, error) {
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("failed to read identity file %s: %w", name, err)
	}
	if strings.Contains(string(b), "-----BEGIN") {
		id, err := agessh.ParseIdentity(b)
		var missing *ssh.PassphraseMissingError
		switch {
		case errors.As(err, &missing):
			return nil, fmt.Errorf("identity file %s is a passphrase-protected SSH key: decrypt with `age -d -i %s`, which asks for the passphrase", name, name)
		case err != nil:
			return nil, fmt.Errorf("failed to parse SSH identity file %s: %w", name, err)
		}
		return []age.Identity{id}, nil
	}
	ids, err := age.ParseIdentities(strings.NewReader(string(b)))
	if err != nil {
		return nil, fmt.Errorf("failed to parse identity file %s: %w", name, err)
	}
	return ids, nil
}
