package report

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
)

// ManifestEntry is one line of the encryption manifest (JSON Lines, 0600):
// the evidence of what `mamori encrypt` did to one file. It is defined here,
// beside the scan report, because `mamori report` reads both; the encrypt
// package writes it.
type ManifestEntry struct {
	Type             string   `json:"type"`                        // "encrypt" or "decrypt"
	Time             string   `json:"time"`                        // RFC 3339, when the step finished
	Path             string   `json:"path"`                        // the original file
	Output           string   `json:"output,omitempty"`            // the .age file (or, for decrypt, the restored file)
	Size             int64    `json:"size"`                        // plaintext bytes read
	Modified         string   `json:"modified,omitempty"`          // the original's modification time, RFC 3339
	Mode             string   `json:"mode,omitempty"`              // the original's permission bits, e.g. "0640"
	CiphertextSHA256 string   `json:"ciphertext_sha256,omitempty"` // hex SHA-256 of the .age file
	Recipients       []string `json:"recipients,omitempty"`        // public keys only, never an identity
	Verified         string   `json:"verified,omitempty"`          // "header" or "decrypt"
	OriginalRemoved  bool     `json:"original_removed"`
	Result           string   `json:"result"`          // see the Result* constants
	Error            string   `json:"error,omitempty"` // why, when Result is not a success
}

// Results of one manifest entry.
const (
	ResultEncrypted = "encrypted" // .age written, synced, verified; original removed or kept as asked
	ResultDecrypted = "decrypted" // plaintext restored from a .age
	ResultSkipped   = "skipped"   // already encrypted, or the .age exists already
	ResultConflict  = "conflict"  // the original changed while it was being encrypted; left alone
	ResultFailed    = "failed"    // an error; the original is intact
	ResultPlanned   = "planned"   // --dry-run: what would have been done
)

// ReadManifest calls entry for every line of an encryption manifest.
func ReadManifest(r io.Reader, entry func(ManifestEntry) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxReportLine)
	for n := 1; sc.Scan(); n++ {
		if len(sc.Bytes()) == 0 {
			continue
		}
		var e ManifestEntry
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			return fmt.Errorf("manifest line %d: %w", n, err)
		}
		if err := entry(e); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("failed to read manifest: %w", err)
	}
	return nil
}
