package encrypt

import (
	"time"

	"filippo.io/age"

	"mamori/report"
)

// Options say how to encrypt or decrypt. Running state lives elsewhere.
type Options struct {
	Recipients *Recipients                // public keys to encrypt to (encryption only)
	Identities []age.Identity             // decrypt; for encryption, verify each .age by decrypting it
	Keep       bool                       // keep the original (encrypt) or the .age (decrypt)
	DryRun     bool                       // plan only: touch nothing, write no manifest
	Workers    int                        // files at once; <= 0 means DefaultWorkers
	Manifest   *Manifest                  // where entries go; nil writes none
	Progress   func(report.ManifestEntry) // each file's result, from one goroutine

	fs  fileSystem       // nil is the real one; tests fail its methods
	now func() time.Time // nil is time.Now
}

// DefaultWorkers: a file costs three fsyncs (the .age, its directory after
// the rename and after the removal), and on a busy disk those, not the
// cipher (about 700 MB/s a core here), are the limit. Four files in flight
// overlap them: on a loaded machine 10,000 4 KiB files went at 60 files/s
// with one worker and 873 with four; idle, the settings are within 15% of
// each other, and 1 GiB of large files went at 182 MB/s with one worker and
// 293 with four (README, "Encrypting what was found").
const DefaultWorkers = 4

func (o *Options) fsys() fileSystem {
	if o.fs == nil {
		return osFS{}
	}
	return o.fs
}

func (o *Options) clock() time.Time {
	if o.now == nil {
		return time.Now()
	}
	return o.now()
}
