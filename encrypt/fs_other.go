//go:build !unix

package encrypt

import "io/fs"

// syncDir is a no-op where directories cannot be opened for syncing
// (Windows); NTFS journals renames.
func syncDir(string) error { return nil }

func copyOwner(file, fs.FileInfo) {}

func linkCount(fs.FileInfo) uint64 { return 0 }
