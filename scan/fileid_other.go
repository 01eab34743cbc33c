//go:build !unix

package scan

import "io/fs"

// FileID returns "" here. On Windows the file index is only known from an
// open handle (GetFileInformationByHandle), and the walk does not open
// files it may not read; size and modification time still guard, and
// Unchanged ignores an unknown identity.
func FileID(fs.FileInfo) string { return "" }
