package encrypt

import (
	"os"
	"path/filepath"
	"strings"
)

// tempMarker names every temporary file mamori writes: .NAME.mamori-tmp-XXXX.
const tempMarker = ".mamori-tmp-"

// maxTempStem keeps .NAME.mamori-tmp-XXXXXXXXXX within a 255-byte name.
const maxTempStem = 200

// tempPattern is the os.CreateTemp pattern for a file beside name.
func tempPattern(name string) string {
	if len(name) > maxTempStem {
		name = name[:maxTempStem]
	}
	return "." + name + tempMarker + "*"
}

// isTemp reports whether a directory entry is one of our temporaries.
func isTemp(name string) bool {
	return strings.HasPrefix(name, ".") && strings.Contains(name, tempMarker)
}

// CleanTemps removes the temporaries an interrupted run left in dir and
// returns how many. Run calls it for every directory before working there.
func CleanTemps(dir string) (int, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, de := range ents {
		if !isTemp(de.Name()) || !de.Type().IsRegular() {
			continue
		}
		if err := os.Remove(filepath.Join(dir, de.Name())); err == nil {
			n++
		}
	}
	return n, nil
}
