package state

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
)

// OptionsHash digests v (JSON-encoded) for BeginRun: give it a struct of
// every option that changes which files a scan meets or what it reports
// of them (excludes, max size, symlinks, file systems, sector, --all,
// --full), so that a scan with other options starts a run of its own
// instead of resuming one that answered another question.
func OptionsHash(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic("state: OptionsHash of a value JSON cannot encode: " + err.Error())
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:8])
}
