package encrypt

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"filippo.io/age"

	"mamori/report"
)

// RunDecrypt restores each NAME.age in paths to NAME with o.Identities,
// by the same sequence as encryption: a temporary file beside it, synced,
// renamed without replacing anything; only then is the .age removed
// (unless o.Keep). age authenticates every chunk, so a file that decrypts
// to the end is the file that was encrypted.
func RunDecrypt(ctx context.Context, paths []string, o Options) (Summary, error) {
	if len(o.Identities) == 0 {
		return Summary{}, errors.New("encrypt: no identities to decrypt with")
	}
	d := &decryptor{encryptor{o: &o, fs: o.fsys()}}
	return pool(ctx, dedupe(paths), &o, d.file)
}

type decryptor struct{ encryptor }

func (d *decryptor) file(ctx context.Context, path string) report.ManifestEntry {
	ent := report.ManifestEntry{Type: "decrypt", Path: path, Output: strings.TrimSuffix(path, Suffix)}
	if !strings.HasSuffix(path, Suffix) || ent.Output == "" {
		return d.done(ent, report.ResultFailed, fmt.Errorf("%s does not end in %s", path, Suffix))
	}
	if _, err := d.fs.Lstat(ent.Output); err == nil {
		return d.done(ent, report.ResultSkipped, fmt.Errorf("%s exists; not overwritten", ent.Output))
	}
	if d.o.DryRun {
		fi, err := d.fs.Lstat(path)
		if err != nil {
			return d.done(ent, report.ResultFailed, err)
		}
		ent.Size = fi.Size()
		return d.done(ent, report.ResultPlanned, nil)
	}
	return d.decrypt(ctx, ent)
}

func (d *decryptor) decrypt(ctx context.Context, ent report.ManifestEntry) report.ManifestEntry {
	src, err := d.fs.Open(ent.Path)
	if err != nil {
		return d.done(ent, report.ResultFailed, err)
	}
	defer src.Close()
	fi, err := src.Stat()
	if err != nil || !fi.Mode().IsRegular() {
		return d.done(ent, report.ResultFailed, fmt.Errorf("%s is not a readable regular file: %v", ent.Path, err))
	}
	ent.Modified = fi.ModTime().Format(time.RFC3339Nano)
	ent.Mode = fmt.Sprintf("%04o", fi.Mode().Perm())
	tmp, n, sum, err := d.openTemp(ctx, src, fi)
	if err != nil {
		return d.done(ent, resultOf(err), err)
	}
	ent.Size, ent.CiphertextSHA256 = n, hex.EncodeToString(sum)
	if err := d.publish(tmp, ent.Output); err != nil {
		d.discard(tmp)
		return d.done(ent, report.ResultFailed, err)
	}
	ent.Verified = verifiedDecrypt
	if d.o.Keep {
		return d.done(ent, report.ResultDecrypted, nil)
	}
	if err := d.fs.Remove(ent.Path); err != nil {
		return d.done(ent, report.ResultFailed, fmt.Errorf("restored, but failed to remove %s: %w", ent.Path, err))
	}
	ent.OriginalRemoved = true
	_ = d.fs.SyncDir(filepath.Dir(ent.Path))
	return d.done(ent, report.ResultDecrypted, nil)
}

// openTemp writes the plaintext of src to a synced temporary file with
// src's mode and time. It returns the plaintext size and the ciphertext's
// SHA-256.
func (d *decryptor) openTemp(ctx context.Context, src file, fi fs.FileInfo) (name string, n int64, sum []byte, err error) {
	tmp, err := d.fs.CreateTemp(filepath.Dir(src.Name()), tempPattern(strings.TrimSuffix(filepath.Base(src.Name()), Suffix)))
	if err != nil {
		return "", 0, nil, fmt.Errorf("failed to create a temporary file beside %s: %w", src.Name(), err)
	}
	name = tmp.Name()
	defer func() {
		if err != nil {
			tmp.Close()
			d.discard(name)
		}
	}()
	if err := tmp.Chmod(fi.Mode().Perm()); err != nil {
		return name, 0, nil, fmt.Errorf("failed to set the mode of %s: %w", name, err)
	}
	copyOwner(tmp, fi)
	h := sha256.New()
	r, err := age.Decrypt(io.TeeReader(ctxReader{ctx, src}, h), d.o.Identities...)
	if err != nil {
		return name, 0, nil, fmt.Errorf("failed to decrypt %s: %w", src.Name(), err)
	}
	cw := &countWriter{w: tmp}
	if n, err = io.Copy(cw, r); err != nil {
		return name, n, nil, copyError(ctx, src.Name(), err)
	}
	if err := d.closeTemp(tmp, cw.n); err != nil {
		return name, n, nil, err
	}
	if err := d.fs.Chtimes(name, fi.ModTime()); err != nil {
		return name, n, nil, fmt.Errorf("failed to set the time of %s: %w", name, err)
	}
	return name, n, h.Sum(nil), nil
}

// AgeFiles expands directories among paths to the .age files under them.
func AgeFiles(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !fi.IsDir() {
			out = append(out, p)
			continue
		}
		err = filepath.WalkDir(p, func(path string, de fs.DirEntry, err error) error {
			if err == nil && de.Type().IsRegular() && strings.HasSuffix(path, Suffix) {
				out = append(out, path)
			}
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}
