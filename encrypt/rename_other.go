//go:build !linux

package encrypt

// renameNoReplace renames old to new, failing with an error matching
// fs.ErrExist if new exists.
func renameNoReplace(old, new string) error { return linkRename(old, new) }
