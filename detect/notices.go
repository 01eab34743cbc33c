package detect

import (
	"embed"
	"io/fs"
	"strings"
)

// The licences of the public data the detectors embed (names, municipalities,
// bank codes). The IPA dictionary's terms ask that its notice travel with
// every copy, so the binary carries them and `mamori licenses` prints them.
//
//go:embed data/*-LICENSE.txt
var notices embed.FS

// Notices returns the licence texts of the embedded data.
func Notices() string {
	var b strings.Builder
	names, _ := fs.Glob(notices, "data/*-LICENSE.txt")
	for i, n := range names {
		if i > 0 {
			b.WriteString("\n\n")
		}
		data, _ := notices.ReadFile(n)
		b.Write(data)
	}
	return b.String()
}
