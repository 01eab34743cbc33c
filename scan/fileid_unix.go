//go:build unix

package scan

import (
	"io/fs"
	"strconv"
	"syscall"
)

// FileID is the identity of the file info describes, as "device:inode", or
// "" when the platform does not give one. A file replaced by another (a
// copy over it, a rename into place) gets a new identity even when its size
// and time are the same. Network file systems give inodes too (NFS, and
// SMB mounts with serverino, the Linux default).
func FileID(info fs.FileInfo) string {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return ""
	}
	return strconv.FormatUint(uint64(st.Dev), 10) + ":" + strconv.FormatUint(uint64(st.Ino), 10)
}
