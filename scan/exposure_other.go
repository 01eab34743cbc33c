//go:build !unix && !windows

package scan

import "io/fs"

// checkTraversal: folders are not checked where there are no Unix owners.
const checkTraversal = false

// platform fills what the mode alone says (js, wasip1, plan9): no owner,
// no access time.
func (x *exposer) platform(e *Exposure, _ *File, info fs.FileInfo, _ *dirFacts) {
	perm := info.Mode().Perm()
	e.Mode = modeString(perm)
	e.WorldReadable = perm&0o004 != 0
	e.GroupReadable = perm&0o040 != 0
}

func dirOpenToOthers(string) bool { return true }
