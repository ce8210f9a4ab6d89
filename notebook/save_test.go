package notebook

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// faultFS wraps the real file system and fails the named step.
type faultFS struct {
	osFS
	failAt string // create, write, chmod, sync, close, rename, syncdir
	// shortWrite makes the write store half the data before failing, as a
	// full disk does.
	shortWrite bool
}

var errInjected = errors.New("injected failure")

func (f faultFS) CreateTemp(dir, pattern string) (tempFile, error) {
	if f.failAt == "create" {
		return nil, errInjected
	}
	file, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return nil, err
	}
	return &faultFile{File: file, fs: f}, nil
}

func (f faultFS) Rename(oldpath, newpath string) error {
	if f.failAt == "rename" {
		return errInjected
	}
	return os.Rename(oldpath, newpath)
}

func (f faultFS) SyncDir(dir string) error {
	if f.failAt == "syncdir" {
		return errInjected
	}
	return f.osFS.SyncDir(dir)
}

type faultFile struct {
	*os.File
	fs faultFS
}

func (f *faultFile) Write(p []byte) (int, error) {
	if f.fs.failAt == "write" {
		n := 0
		if f.fs.shortWrite {
			n, _ = f.File.Write(p[:len(p)/2])
		}
		return n, errInjected
	}
	return f.File.Write(p)
}

func (f *faultFile) Chmod(mode fs.FileMode) error {
	if f.fs.failAt == "chmod" {
		return errInjected
	}
	return f.File.Chmod(mode)
}

func (f *faultFile) Sync() error {
	if f.fs.failAt == "sync" {
		return errInjected
	}
	return f.File.Sync()
}

func (f *faultFile) Close() error {
	err := f.File.Close()
	if f.fs.failAt == "close" {
		return errInjected
	}
	return err
}

func TestAtomicWriteFailuresKeepOldFile(t *testing.T) {
	for _, step := range []string{"create", "write", "chmod", "sync", "close", "rename"} {
		t.Run(step, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "hunt.ipynb")
			old := []byte("old content\n")
			if err := os.WriteFile(path, old, 0o600); err != nil {
				t.Fatal(err)
			}
			err := writeAtomic(faultFS{failAt: step, shortWrite: true}, path, []byte("new content that is longer\n"))
			if !errors.Is(err, errInjected) {
				t.Fatalf("error = %v, want the injected failure", err)
			}
			if !strings.Contains(err.Error(), path) {
				t.Errorf("error %q does not name the file", err)
			}
			got, _ := os.ReadFile(path)
			if string(got) != string(old) {
				t.Errorf("old file changed to %q", got)
			}
			entries, _ := os.ReadDir(dir)
			if len(entries) != 1 {
				t.Errorf("temporary files left behind: %v", entries)
			}
		})
	}
}

func TestAtomicWriteDirSyncFailureIsReported(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "hunt.ipynb")
	err := writeAtomic(faultFS{failAt: "syncdir"}, path, []byte("new\n"))
	if !errors.Is(err, errInjected) {
		t.Fatalf("error = %v, want the injected failure", err)
	}
	// The rename happened: the new content is in place.
	if got, _ := os.ReadFile(path); string(got) != "new\n" {
		t.Errorf("content = %q", got)
	}
}

func TestSaveKeepsPermissionsAndLoads(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "hunt.ipynb")
	if err := os.WriteFile(path, []byte("{}"), 0o600); err != nil {
		t.Fatal(err)
	}
	nb := sampleNotebook()
	if err := Save(path, nb); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("mode = %v, want 0600", fi.Mode().Perm())
	}
	back, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(back.Cells) != len(nb.Cells) || back.Cells[2].Outputs[0].Data["text/plain"] != "a\n1\n" {
		t.Errorf("loaded notebook differs: %+v", back.Cells)
	}
	newPath := filepath.Join(dir, "new.ipynb")
	if err := Save(newPath, nb); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(newPath); fi.Mode().Perm() != 0o644 {
		t.Errorf("new file mode = %v, want 0644", fi.Mode().Perm())
	}
}

func TestSaveRefusesDirectory(t *testing.T) {
	dir := t.TempDir()
	if err := Save(dir, New()); err == nil {
		t.Fatal("saving over a directory succeeded")
	}
}

func TestLoadCorruptFileIsPositionedAndUntouched(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "broken.ipynb")
	corrupt := []byte("{\n \"nbformat\": 4,\n \"cells\": [\n  {\"cell_type\": \"code\",, }\n ]\n}\n")
	if err := os.WriteFile(path, corrupt, 0o644); err != nil {
		t.Fatal(err)
	}
	before, _ := os.Stat(path)
	_, err := Load(path)
	if err == nil {
		t.Fatal("corrupt notebook loaded")
	}
	want := path + ":4:24: invalid JSON: invalid character ',' looking for beginning of object key string"
	if err.Error() != want {
		t.Errorf("error = %q\nwant    %q", err, want)
	}
	after, _ := os.Stat(path)
	got, _ := os.ReadFile(path)
	if string(got) != string(corrupt) || !after.ModTime().Equal(before.ModTime()) {
		t.Error("corrupt file was modified")
	}
	_, err = Load(filepath.Join(dir, "missing.ipynb"))
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file error = %v", err)
	}
	structural := filepath.Join(dir, "v3.ipynb")
	os.WriteFile(structural, []byte(`{"nbformat": 3, "worksheets": []}`), 0o644)
	if _, err := Load(structural); err == nil || !strings.HasPrefix(err.Error(), structural+": notebook format 3") {
		t.Errorf("v3 error = %v", err)
	}
}
