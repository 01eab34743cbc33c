package encrypt

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"

	"mamori/report"
)

// resume handles a file whose .age already exists: an earlier run stopped
// between writing the .age and removing the original, or someone else made
// it. The .age is only taken as this file's when its header has our
// recipients, its size fits the original's, and its mtime is the original's
// (step 4 copies it); with identities, when it decrypts to the original.
// Otherwise nothing is touched and the file is a conflict.
func (e *encryptor) resume(ctx context.Context, ent report.ManifestEntry, fi fs.FileInfo) report.ManifestEntry {
	e.describe(&ent, fi)
	if err := e.belongs(ent.Output, fi); err != nil {
		return e.done(ent, report.ResultConflict, fmt.Errorf("%s exists and is not this file's: %w; both left alone", ent.Output, err))
	}
	var plainSum []byte
	if len(e.o.Identities) > 0 {
		sum, err := e.hashFile(ent.Path)
		if err != nil {
			return e.done(ent, report.ResultFailed, err)
		}
		plainSum = sum
	}
	if e.o.DryRun {
		ent.OriginalRemoved = !e.o.Keep
		return e.done(ent, report.ResultPlanned, fmt.Errorf("%s exists from an earlier run; it would be finished", ent.Output))
	}
	verified, err := e.verify(ent.Output, fi.Size(), nil, plainSum)
	if err != nil {
		return e.done(ent, report.ResultConflict, fmt.Errorf("%s exists and is not this file's: %w; both left alone", ent.Output, err))
	}
	sum, err := e.hashFile(ent.Output)
	if err != nil {
		return e.done(ent, report.ResultFailed, err)
	}
	ent.CiphertextSHA256, ent.Verified = hex.EncodeToString(sum), verified
	return e.finish(ent, fi, false)
}

// belongs checks the .age's mtime and size against the original's.
func (e *encryptor) belongs(out string, fi fs.FileInfo) error {
	st, err := e.fs.Lstat(out)
	if err != nil {
		return err
	}
	if !st.Mode().IsRegular() {
		return fmt.Errorf("not a regular file")
	}
	if !st.ModTime().Equal(fi.ModTime()) {
		return fmt.Errorf("its time %s is not the original's %s", st.ModTime().Format("2006-01-02T15:04:05.999999999"), fi.ModTime().Format("2006-01-02T15:04:05.999999999"))
	}
	return nil
}

// hashFile returns the SHA-256 of a file's content.
func (e *encryptor) hashFile(path string) ([]byte, error) {
	f, err := e.fs.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return nil, fmt.Errorf("failed to read %s: %w", path, err)
	}
	return h.Sum(nil), nil
}
