package encrypt

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"

	"filippo.io/age"
)

// Verification levels recorded in the manifest.
const (
	verifiedHeader  = "header"
	verifiedDecrypt = "decrypt"
)

var errMismatch = errors.New("encrypt: the .age does not match")

// verify is step 6. It re-opens the .age and checks its header and size;
// with identities it also decrypts it whole and compares the plaintext's
// hash. cipherSum, when known, must match the file's hash.
func (e *encryptor) verify(out string, n int64, cipherSum, plainSum []byte) (string, error) {
	f, err := e.fs.Open(out)
	if err != nil {
		return "", fmt.Errorf("failed to open %s to verify it: %w", out, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return "", fmt.Errorf("failed to stat %s: %w", out, err)
	}
	h, err := readHeader(f)
	if err != nil {
		return "", fmt.Errorf("failed to verify %s: %w", out, err)
	}
	if err := h.check(e.o.Recipients.stanzas, st.Size(), n); err != nil {
		return "", fmt.Errorf("%w: %s: %w", errMismatch, out, err)
	}
	if len(e.o.Identities) == 0 {
		return verifiedHeader, nil
	}
	if err := e.decryptCheck(out, cipherSum, plainSum); err != nil {
		return "", err
	}
	return verifiedDecrypt, nil
}

// decryptCheck decrypts out whole and compares both hashes.
func (e *encryptor) decryptCheck(out string, cipherSum, plainSum []byte) error {
	f, err := e.fs.Open(out)
	if err != nil {
		return fmt.Errorf("failed to open %s to verify it: %w", out, err)
	}
	defer f.Close()
	ch := sha256.New()
	r, err := age.Decrypt(io.TeeReader(f, ch), e.o.Identities...)
	if err != nil {
		return fmt.Errorf("failed to decrypt %s to verify it: %w", out, err)
	}
	ph := sha256.New()
	if _, err := io.Copy(ph, r); err != nil {
		return fmt.Errorf("failed to decrypt %s to verify it: %w", out, err)
	}
	if _, err := io.Copy(ch, f); err != nil {
		return fmt.Errorf("failed to read %s: %w", out, err)
	}
	if !bytes.Equal(ph.Sum(nil), plainSum) {
		return fmt.Errorf("%w: %s decrypts to other content than the original", errMismatch, out)
	}
	if cipherSum != nil && !bytes.Equal(ch.Sum(nil), cipherSum) {
		return fmt.Errorf("%w: %s changed on disk after it was written", errMismatch, out)
	}
	return nil
}
