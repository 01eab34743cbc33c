//go:build unix

package scan

import (
	"errors"
	"io/fs"
	"syscall"
)

// fileDevice returns the device holding the file info describes, for
// --one-file-system.
func fileDevice(info fs.FileInfo) (uint64, bool) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, false
	}
	return uint64(st.Dev), true // Dev is int32 or uint32 on some systems
}

// isLinkMode reports whether an Lstat mode is a link the walk must not
// follow unless asked to.
func isLinkMode(m fs.FileMode) bool {
	return m&fs.ModeSymlink != 0
}

// isLinkLoopError reports whether stat failed because a chain of links
// loops (a -> b -> a), which the kernel reports as ELOOP.
func isLinkLoopError(err error) bool {
	return errors.Is(err, syscall.ELOOP)
}
