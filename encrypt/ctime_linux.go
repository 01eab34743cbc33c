package encrypt

import (
	"io/fs"
	"syscall"
)

// changed reports whether the inode changed (ctime) between two stats of
// the same file: a write within the same mtime tick still moves ctime.
func changed(before, now fs.FileInfo) bool {
	b, ok1 := before.Sys().(*syscall.Stat_t)
	n, ok2 := now.Sys().(*syscall.Stat_t)
	return ok1 && ok2 && b.Ctim != n.Ctim
}
