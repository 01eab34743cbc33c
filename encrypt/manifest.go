package encrypt

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"mamori/report"
)

// ManifestName is the default manifest's name, in the user's configuration
// directory (os.UserConfigDir()/mamori: ~/.config/mamori on Linux,
// %AppData%\mamori on Windows, ~/Library/Application Support/mamori on macOS).
const ManifestName = "mamori-manifest.jsonl"

// DefaultManifestPath is where the manifest goes without --manifest.
func DefaultManifestPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("failed to find the configuration directory for the manifest (give --manifest): %w", err)
	}
	return filepath.Join(dir, "mamori", ManifestName), nil
}

// Manifest appends entries to the encryption manifest (JSON Lines). Each
// entry is one write of one line to a file opened O_APPEND, so runs that
// share a manifest do not interleave within a line. It is used by one
// goroutine.
type Manifest struct {
	f    *os.File
	path string
}

// OpenManifest opens path for appending, creating it 0600 (and its
// directory 0700) and narrowing the mode of an existing one.
func OpenManifest(path string) (*Manifest, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("failed to create the directory of manifest %s: %w", path, err)
	}
	f, err := report.OpenPrivate(path, true)
	if err != nil {
		return nil, fmt.Errorf("manifest: %w", err)
	}
	return &Manifest{f: f, path: path}, nil
}

// Path is the manifest's file name.
func (m *Manifest) Path() string { return m.path }

// Write appends one entry.
func (m *Manifest) Write(e report.ManifestEntry) error {
	b, err := json.Marshal(e)
	if err != nil {
		return err
	}
	if _, err := m.f.Write(append(b, '\n')); err != nil {
		return fmt.Errorf("failed to write manifest %s: %w", m.path, err)
	}
	return nil
}

// Close syncs and closes the manifest.
func (m *Manifest) Close() error {
	err := m.f.Sync()
	if cerr := m.f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("failed to close manifest %s: %w", m.path, err)
	}
	return nil
}
