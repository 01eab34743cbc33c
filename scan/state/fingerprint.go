package state

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"io"
	"os"
)

// fingerprintSpan is how much of each end of a file Fingerprint reads.
const fingerprintSpan = 64 << 10

// Fingerprint is a fast content fingerprint for when the modification time
// cannot be trusted (a copy that kept the time, a file system with coarse
// times, a racy entry). It hashes with SHA-256 the size (8 bytes, big
// endian), the first 64 KiB and the last 64 KiB (the whole file when it is
// under 128 KiB), and keeps the first 16 bytes as 32 hex digits. It reads
// at most 128 KiB whatever the size, so it catches any change of size and
// any change at either end (headers, appended rows, a zip's central
// directory), but not an edit in the middle of a large file of the same
// size: it is a hint, not a proof. It holds no content: a truncated hash
// of 128 KiB cannot be turned back into a value.
func Fingerprint(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("failed to fingerprint %s: %w", path, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return "", fmt.Errorf("failed to fingerprint %s: %w", path, err)
	}
	fp, err := fingerprintOf(f, info.Size())
	if err != nil {
		return "", fmt.Errorf("failed to fingerprint %s: %w", path, err)
	}
	return fp, nil
}

// fingerprintOf hashes size and the ends of r as Fingerprint documents.
func fingerprintOf(r io.ReaderAt, size int64) (string, error) {
	h := sha256.New()
	var n [8]byte
	binary.BigEndian.PutUint64(n[:], uint64(size))
	h.Write(n[:])
	if size <= 2*fingerprintSpan {
		if _, err := io.Copy(h, io.NewSectionReader(r, 0, size)); err != nil {
			return "", err
		}
		return hex.EncodeToString(h.Sum(nil)[:16]), nil
	}
	for _, off := range []int64{0, size - fingerprintSpan} {
		if _, err := io.Copy(h, io.NewSectionReader(r, off, fingerprintSpan)); err != nil {
			return "", err
		}
	}
	return hex.EncodeToString(h.Sum(nil)[:16]), nil
}

// SameContent reports whether fp, a Fingerprint taken now, matches prev's.
// An entry without a fingerprint matches nothing.
func SameContent(prev Entry, fp string) bool {
	return prev.Fingerprint != "" && prev.Fingerprint == fp
}
