//go:build windows

package scan

import (
	"errors"
	"io/fs"
	"syscall"
)

// errCantResolveFilename is ERROR_CANT_RESOLVE_FILENAME, what Windows
// returns for a chain of symbolic links that loops.
const errCantResolveFilename = syscall.Errno(1921)

// fileDevice cannot tell the volume from a FileInfo on Windows (its Sys is
// a Win32FileAttributeData, without the volume serial number), so
// --one-file-system never stops a directory here. Volumes mounted into a
// folder are junctions, which the walk does not follow unless asked to.
func fileDevice(fs.FileInfo) (uint64, bool) {
	return 0, false
}

// isLinkMode reports whether an Lstat mode is a link the walk must not
// follow unless asked to: a symbolic link, or a junction or other
// name-surrogate reparse point, which Go reports as ModeIrregular.
func isLinkMode(m fs.FileMode) bool {
	return m&(fs.ModeSymlink|fs.ModeIrregular) != 0
}

// isLinkLoopError reports whether stat failed because a chain of links
// loops.
func isLinkLoopError(err error) bool {
	return errors.Is(err, errCantResolveFilename)
}
