package notebook

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Load reads and parses a notebook file. The file is only read: a corrupt
// notebook gives an error naming the file and position and stays as it is.
func Load(path string) (*Notebook, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("notebook: %w", err)
	}
	nb, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s:%w", path, prefixColon(err))
	}
	return nb, nil
}

// prefixColon keeps "file:line:col: msg" and "file: path: msg" readable.
func prefixColon(err error) error {
	var pe *ParseError
	if errors.As(err, &pe) && pe.Line > 0 {
		return err
	}
	return fmt.Errorf(" %w", err)
}

// Save writes the notebook to path atomically (see WriteFileAtomic).
func Save(path string, nb *Notebook) error {
	data, err := Marshal(nb)
	if err != nil {
		return err
	}
	return WriteFileAtomic(path, data)
}

// WriteFileAtomic replaces path with data so that a crash or a failure at
// any moment leaves either the old file or the new one, never a mix: it
// writes a temporary file in the same directory, syncs it, renames it over
// path and syncs the directory so the rename itself is durable. The file
// keeps the permissions of the file it replaces (0644 for a new file).
func WriteFileAtomic(path string, data []byte) error {
	return writeAtomic(osFS{}, path, data)
}

// fileSystem is the part of the OS the atomic write uses; tests replace it
// to inject failures at every step.
type fileSystem interface {
	CreateTemp(dir, pattern string) (tempFile, error)
	Stat(name string) (fs.FileInfo, error)
	Rename(oldpath, newpath string) error
	Remove(name string) error
	SyncDir(dir string) error
}

type tempFile interface {
	Name() string
	Write(p []byte) (int, error)
	Chmod(mode fs.FileMode) error
	Sync() error
	Close() error
}

func writeAtomic(fsys fileSystem, path string, data []byte) (err error) {
	dir := filepath.Dir(path)
	mode := fs.FileMode(0o644)
	if fi, statErr := fsys.Stat(path); statErr == nil {
		if !fi.Mode().IsRegular() {
			return fmt.Errorf("notebook: save %s: not a regular file", path)
		}
		mode = fi.Mode().Perm()
	}
	f, err := fsys.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("notebook: save %s: %w", path, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			_ = f.Close() // already failed; the first error is the useful one
			_ = fsys.Remove(tmp)
		}
	}()
	if _, err = f.Write(data); err != nil {
		return fmt.Errorf("notebook: save %s: write: %w", path, err)
	}
	if err = f.Chmod(mode); err != nil {
		return fmt.Errorf("notebook: save %s: chmod: %w", path, err)
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("notebook: save %s: sync: %w", path, err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("notebook: save %s: close: %w", path, err)
	}
	if err = fsys.Rename(tmp, path); err != nil {
		return fmt.Errorf("notebook: save %s: rename: %w", path, err)
	}
	// The data is in place; a failed directory sync only means the rename
	// might not survive a power cut, which the caller should still hear of.
	if syncErr := fsys.SyncDir(dir); syncErr != nil {
		return fmt.Errorf("notebook: save %s: sync directory: %w", path, syncErr)
	}
	return nil
}

type osFS struct{}

func (osFS) CreateTemp(dir, pattern string) (tempFile, error) { return os.CreateTemp(dir, pattern) }
func (osFS) Stat(name string) (fs.FileInfo, error)            { return os.Stat(name) }
func (osFS) Rename(oldpath, newpath string) error             { return os.Rename(oldpath, newpath) }
func (osFS) Remove(name string) error                         { return os.Remove(name) }

func (osFS) SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}
