package encrypt

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// linkRename gives old the name new with a hard link, which never replaces
// an existing file, then drops the name old. Where links are not supported
// (FAT, some SMB shares) it checks and renames: a file created at new in
// between by someone else would be replaced, which is why it is the last
// resort.
func linkRename(old, new string) error {
	err := os.Link(old, new)
	if err == nil {
		return os.Remove(old)
	}
	if errors.Is(err, fs.ErrExist) {
		return err
	}
	if _, serr := os.Lstat(new); serr == nil {
		return &os.LinkError{Op: "rename", Old: old, New: new, Err: fs.ErrExist}
	} else if !errors.Is(serr, fs.ErrNotExist) {
		return fmt.Errorf("failed to check %s: %w", new, serr)
	}
	return os.Rename(old, new)
}
