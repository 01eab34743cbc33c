package encrypt

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"filippo.io/age"

	"mamori/report"
)

// Suffix is appended to an encrypted file's name.
const Suffix = ".age"

// writeBuffer batches age's 64 KiB chunks into fewer writes.
const writeBuffer = 1 << 20

// bufferFor sizes the write buffer to the file: a small file needs no
// megabyte (10,000 small files would allocate 10 GB).
func bufferFor(size int64) int {
	return int(min(writeBuffer, max(4096, size+4096)))
}

// errConflict marks a file that changed while it was being encrypted.
var errConflict = errors.New("encrypt: file changed while it was being encrypted")

// encryptor runs the safety sequence for one file at a time; it is shared
// by the workers and holds nothing that changes.
type encryptor struct {
	o  *Options
	fs fileSystem
}

// file encrypts one file and says what happened.
func (e *encryptor) file(ctx context.Context, path string) report.ManifestEntry {
	ent := e.entry(path)
	fi, err := e.fs.Lstat(path)
	_, ageErr := e.fs.Lstat(ent.Output)
	switch {
	case errors.Is(err, fs.ErrNotExist) && ageErr == nil:
		return e.done(ent, report.ResultSkipped, errors.New("already encrypted"))
	case err != nil:
		return e.done(ent, report.ResultFailed, err)
	case !fi.Mode().IsRegular():
		return e.done(ent, report.ResultFailed, fmt.Errorf("%s is not a regular file", path))
	case ageErr == nil:
		return e.resume(ctx, ent, fi)
	case linkCount(fi) > 1 && !e.o.Keep:
		return e.done(ent, report.ResultFailed, fmt.Errorf("%s has %d hard links: its content would stay readable through the others; remove them or use --keep-original", path, linkCount(fi)))
	case !errors.Is(ageErr, fs.ErrNotExist):
		return e.done(ent, report.ResultFailed, ageErr)
	}
	if e.o.DryRun {
		e.describe(&ent, fi)
		ent.OriginalRemoved = !e.o.Keep
		return e.done(ent, report.ResultPlanned, nil)
	}
	return e.encrypt(ctx, ent)
}

func (e *encryptor) entry(path string) report.ManifestEntry {
	return report.ManifestEntry{
		Type:       "encrypt",
		Path:       path,
		Output:     path + Suffix,
		Recipients: e.o.Recipients.Keys(),
	}
}

// done finishes an entry with its result.
func (e *encryptor) done(ent report.ManifestEntry, result string, err error) report.ManifestEntry {
	ent.Time = e.o.clock().UTC().Format(time.RFC3339)
	ent.Result = result
	if err != nil {
		ent.Error = err.Error()
	}
	return ent
}

func (e *encryptor) describe(ent *report.ManifestEntry, fi fs.FileInfo) {
	ent.Size = fi.Size()
	ent.Modified = fi.ModTime().Format(time.RFC3339Nano)
	ent.Mode = fmt.Sprintf("%04o", fi.Mode().Perm())
}

// written is what step 3 produced.
type written struct {
	tmp        string // the temporary file, synced and closed
	plainSum   []byte
	cipherSum  []byte
	cipherSize int64
}

// encrypt runs the safety sequence of the package doc on a file that has
// no .age yet.
func (e *encryptor) encrypt(ctx context.Context, ent report.ManifestEntry) report.ManifestEntry {
	src, err := e.fs.Open(ent.Path)
	if err != nil {
		return e.done(ent, report.ResultFailed, err)
	}
	defer src.Close()
	fi, err := src.Stat()
	if err != nil {
		return e.done(ent, report.ResultFailed, fmt.Errorf("failed to stat %s: %w", ent.Path, err))
	}
	if !fi.Mode().IsRegular() { // replaced since the Lstat
		return e.done(ent, report.ResultConflict, fmt.Errorf("%w: %s is no longer a regular file", errConflict, ent.Path))
	}
	e.describe(&ent, fi)
	w, err := e.writeTemp(ctx, src, fi)
	if err != nil {
		return e.done(ent, resultOf(err), err)
	}
	src.Close() // Windows cannot remove a file that is open
	if err := e.publish(w.tmp, ent.Output); err != nil {
		e.discard(w.tmp)
		return e.done(ent, report.ResultFailed, err)
	}
	ent.CiphertextSHA256 = hex.EncodeToString(w.cipherSum)
	verified, err := e.verify(ent.Output, fi.Size(), w.cipherSum, w.plainSum)
	if err != nil {
		e.unpublish(ent.Output)
		return e.done(ent, report.ResultFailed, err)
	}
	ent.Verified = verified
	return e.finish(ent, fi, true)
}

// finish re-checks the original and removes it (unless kept). The .age is
// complete and verified when it is called; ours says this run made it, so
// it goes if the original changed (it holds an older version).
func (e *encryptor) finish(ent report.ManifestEntry, fi fs.FileInfo, ours bool) report.ManifestEntry {
	if err := e.unchanged(ent.Path, fi); err != nil {
		if ours {
			e.unpublish(ent.Output)
			ent.CiphertextSHA256, ent.Verified = "", ""
		}
		return e.done(ent, resultOf(err), err)
	}
	if e.o.Keep {
		return e.done(ent, report.ResultEncrypted, nil)
	}
	if err := e.fs.Remove(ent.Path); err != nil {
		return e.done(ent, report.ResultFailed, fmt.Errorf("encrypted, but failed to remove the original: %w", err))
	}
	ent.OriginalRemoved = true
	if err := e.fs.SyncDir(filepath.Dir(ent.Path)); err != nil {
		return e.done(ent, report.ResultEncrypted, fmt.Errorf("original removed, but failed to sync its directory: %w", err))
	}
	return e.done(ent, report.ResultEncrypted, nil)
}

func resultOf(err error) string {
	if errors.Is(err, errConflict) {
		return report.ResultConflict
	}
	return report.ResultFailed
}

// writeTemp is steps 2 to 4: the ciphertext in a synced, closed temporary
// file beside the original. On error the temporary file is gone.
func (e *encryptor) writeTemp(ctx context.Context, src file, fi fs.FileInfo) (w written, err error) {
	tmp, err := e.fs.CreateTemp(filepath.Dir(src.Name()), tempPattern(filepath.Base(src.Name())))
	if err != nil {
		return w, fmt.Errorf("failed to create a temporary file beside %s: %w", src.Name(), err)
	}
	w.tmp = tmp.Name()
	defer func() {
		if err != nil {
			tmp.Close()
			e.discard(w.tmp)
		}
	}()
	if err := tmp.Chmod(fi.Mode().Perm()); err != nil {
		return w, fmt.Errorf("failed to set the mode of %s: %w", w.tmp, err)
	}
	copyOwner(tmp, fi)
	n, err := e.seal(ctx, tmp, src, fi, &w)
	if err != nil {
		return w, err
	}
	if n != fi.Size() {
		return w, fmt.Errorf("%w: read %d bytes, expected %d", errConflict, n, fi.Size())
	}
	if err := e.closeTemp(tmp, w.cipherSize); err != nil {
		return w, err
	}
	if err := e.fs.Chtimes(w.tmp, fi.ModTime()); err != nil {
		return w, fmt.Errorf("failed to set the time of %s: %w", w.tmp, err)
	}
	return w, nil
}

// seal streams src through age into tmp, hashing both sides. It returns
// the plaintext bytes read.
func (e *encryptor) seal(ctx context.Context, tmp, src file, fi fs.FileInfo, w *written) (int64, error) {
	cipherHash := sha256.New()
	cw := &countWriter{w: io.MultiWriter(tmp, cipherHash)}
	buf := bufio.NewWriterSize(cw, bufferFor(fi.Size()))
	aw, err := age.Encrypt(buf, e.o.Recipients.list...)
	if err != nil {
		return 0, fmt.Errorf("failed to start encrypting %s: %w", src.Name(), err)
	}
	plainHash := sha256.New()
	n, err := io.Copy(io.MultiWriter(aw, plainHash), ctxReader{ctx, src})
	if err != nil {
		return n, copyError(ctx, src.Name(), err)
	}
	if err := aw.Close(); err != nil {
		return n, fmt.Errorf("failed to finish encrypting %s: %w", src.Name(), err)
	}
	if err := buf.Flush(); err != nil {
		return n, fmt.Errorf("failed to write beside %s: %w", src.Name(), err)
	}
	w.plainSum, w.cipherSum, w.cipherSize = plainHash.Sum(nil), cipherHash.Sum(nil), cw.n
	return n, nil
}

func copyError(ctx context.Context, name string, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return fmt.Errorf("failed to encrypt %s: %w", name, err)
}

// closeTemp checks the bytes on disk, syncs and closes.
func (e *encryptor) closeTemp(tmp file, size int64) error {
	st, err := tmp.Stat()
	if err != nil {
		return fmt.Errorf("failed to stat %s: %w", tmp.Name(), err)
	}
	if st.Size() != size {
		return fmt.Errorf("%s holds %d bytes, %d were written", tmp.Name(), st.Size(), size)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("failed to sync %s: %w", tmp.Name(), err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("failed to close %s: %w", tmp.Name(), err)
	}
	return nil
}

// publish is step 5: give the temporary file its name, never replacing a
// file, and make the name durable.
func (e *encryptor) publish(tmp, out string) error {
	if err := e.fs.Rename(tmp, out); err != nil {
		return fmt.Errorf("failed to rename to %s: %w", out, err)
	}
	if err := e.fs.SyncDir(filepath.Dir(out)); err != nil {
		e.unpublish(out)
		return fmt.Errorf("failed to sync the directory of %s: %w", out, err)
	}
	return nil
}

// discard removes a temporary file; if that fails, the next run will.
func (e *encryptor) discard(tmp string) { _ = e.fs.Remove(tmp) }

// unpublish removes a .age this run made and will not stand by.
func (e *encryptor) unpublish(out string) {
	if e.fs.Remove(out) == nil {
		_ = e.fs.SyncDir(filepath.Dir(out))
	}
}

// unchanged is step 7: the name still points at the file that was read,
// with the same size and time.
func (e *encryptor) unchanged(path string, before fs.FileInfo) error {
	now, err := e.fs.Lstat(path)
	if err != nil {
		return fmt.Errorf("%w: %s: %w", errConflict, path, err)
	}
	if !os.SameFile(before, now) || now.Size() != before.Size() || !now.ModTime().Equal(before.ModTime()) || changed(before, now) {
		return fmt.Errorf("%w: %s; the original is kept", errConflict, path)
	}
	return nil
}

// countWriter counts the bytes that reached w.
type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// ctxReader stops a copy when the context is cancelled.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}
