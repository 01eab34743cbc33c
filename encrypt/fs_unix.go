//go:build unix

package encrypt

import (
	"errors"
	"io/fs"
	"os"
	"syscall"
)

// syncDir makes a rename or removal in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	// Some file systems (SMB, some FUSE) cannot sync a directory; the rename
	// is still atomic there.
	if errors.Is(err, syscall.EINVAL) || errors.Is(err, syscall.ENOTSUP) {
		return nil
	}
	return err
}

// copyOwner gives f the owner and group of fi, where the process may; a
// failure is not an error (only root may give a file away).
func copyOwner(f file, fi fs.FileInfo) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	of, isOS := f.(*os.File)
	if !ok || !isOS {
		return
	}
	_ = of.Chown(int(st.Uid), int(st.Gid))
}

// linkCount is how many names the file has; 0 when unknown.
func linkCount(fi fs.FileInfo) uint64 {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Nlink)
	}
	return 0
}
