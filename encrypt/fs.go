package encrypt

import (
	"io"
	"io/fs"
	"os"
	"time"
)

// fileSystem is every operation the safety sequence makes on the disk. The
// real one is osFS; tests embed it and fail one method to prove the original
// survives (restic's missingFS).
type fileSystem interface {
	Open(name string) (file, error)
	CreateTemp(dir, pattern string) (file, error)
	// Rename moves old to new and fails if new exists.
	Rename(old, new string) error
	Remove(name string) error
	Lstat(name string) (fs.FileInfo, error)
	Chtimes(name string, mtime time.Time) error
	SyncDir(dir string) error
}

// file is the part of *os.File the sequence uses.
type file interface {
	io.Reader
	io.Writer
	Name() string
	Stat() (fs.FileInfo, error)
	Chmod(fs.FileMode) error
	Sync() error
	Close() error
}

type osFS struct{}

func (osFS) Open(name string) (file, error) { return os.Open(name) }

func (osFS) CreateTemp(dir, pattern string) (file, error) { return os.CreateTemp(dir, pattern) }

func (osFS) Rename(old, new string) error { return renameNoReplace(old, new) }

func (osFS) Remove(name string) error { return os.Remove(name) }

func (osFS) Lstat(name string) (fs.FileInfo, error) { return os.Lstat(name) }

func (osFS) Chtimes(name string, mtime time.Time) error { return os.Chtimes(name, time.Time{}, mtime) }

func (osFS) SyncDir(dir string) error { return syncDir(dir) }
