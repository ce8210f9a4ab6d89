package kernel

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
)

// SpecName is the kernelspec name Jupyter lists huntbook under.
const SpecName = "huntbook"

// WorkspaceEnv is the environment variable through which a kernelspec names
// the workspace its kernel opens.
const WorkspaceEnv = "HUNTBOOK_WORKSPACE"

// Spec is a kernelspec's kernel.json.
type Spec struct {
	Argv          []string          `json:"argv"`
	DisplayName   string            `json:"display_name"`
	Language      string            `json:"language"`
	InterruptMode string            `json:"interrupt_mode"`
	Env           map[string]string `json:"env,omitempty"`
	Metadata      map[string]any    `json:"metadata,omitempty"`
}

// NewSpec returns huntbook's kernelspec for the executable at exe (an absolute
// path: Jupyter runs argv without a shell or huntbook's PATH). A non-empty
// workspace is passed to the kernel through WorkspaceEnv.
func NewSpec(exe, workspace string) Spec {
	s := Spec{
		Argv:        []string{exe, "kernel", "--connection-file", "{connection_file}"},
		DisplayName: "KQL (huntbook)",
		Language:    "kql",
		// Interrupts arrive as interrupt_request on the control channel,
		// never as SIGINT: that works the same on every OS and through
		// remote kernel gateways.
		InterruptMode: "message",
		Metadata:      map[string]any{"debugger": false},
	}
	if workspace != "" {
		s.Env = map[string]string{WorkspaceEnv: workspace}
	}
	return s
}

var specNameRE = regexp.MustCompile(`^[A-Za-z0-9._-]+$`)

// InstallSpec writes kernel.json and the two logos Jupyter looks for into dir,
// creating it. Each file is replaced atomically, so a front end scanning
// kernelspecs meanwhile never reads half a file.
func InstallSpec(dir string, spec Spec) error {
	if !specNameRE.MatchString(filepath.Base(dir)) {
		return fmt.Errorf("kernelspec name %q: use letters, digits, '.', '_' and '-' only", filepath.Base(dir))
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("creating kernelspec directory: %w", err)
	}
	js, err := json.MarshalIndent(spec, "", "  ")
	if err != nil {
		return err
	}
	files := []struct {
		name string
		data []byte
	}{
		{"kernel.json", append(js, '\n')},
		{"logo-32x32.png", Logo(32)},
		{"logo-64x64.png", Logo(64)},
	}
	for _, f := range files {
		if err := writeFileAtomic(filepath.Join(dir, f.name), f.data); err != nil {
			return err
		}
	}
	return nil
}

func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // no-op after the rename
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

// Scope selects where a kernelspec is installed, as `jupyter kernelspec
// install` does.
type Scope struct {
	User   bool   // the user's Jupyter data directory
	Prefix string // PREFIX/share/jupyter (a virtualenv, conda env, or test dir)
}

// KernelsDir returns the kernels directory of a scope, following jupyter_core's
// paths: --prefix → PREFIX/share/jupyter/kernels; --user → $JUPYTER_DATA_DIR,
// else the platform's user data dir (Linux: $XDG_DATA_HOME/jupyter or
// ~/.local/share/jupyter); neither → the system directory
// (/usr/local/share/jupyter, %PROGRAMDATA%\jupyter on Windows). getenv reads
// the environment (os.Getenv outside tests).
func KernelsDir(scope Scope, getenv func(string) string) (string, error) {
	switch {
	case scope.User && scope.Prefix != "":
		return "", errors.New("choose either a user install or a prefix, not both")
	case scope.Prefix != "":
		p, err := filepath.Abs(scope.Prefix)
		if err != nil {
			return "", err
		}
		return filepath.Join(p, "share", "jupyter", "kernels"), nil
	case scope.User:
		d, err := userDataDir(getenv)
		if err != nil {
			return "", err
		}
		return filepath.Join(d, "kernels"), nil
	}
	if runtime.GOOS == "windows" {
		pd := getenv("PROGRAMDATA")
		if pd == "" {
			return "", errors.New("PROGRAMDATA is not set")
		}
		return filepath.Join(pd, "jupyter", "kernels"), nil
	}
	return "/usr/local/share/jupyter/kernels", nil
}

func userDataDir(getenv func(string) string) (string, error) {
	if d := getenv("JUPYTER_DATA_DIR"); d != "" {
		return filepath.Abs(d)
	}
	switch runtime.GOOS {
	case "windows":
		if d := getenv("APPDATA"); d != "" {
			return filepath.Join(d, "jupyter"), nil
		}
		return "", errors.New("APPDATA is not set")
	case "darwin":
		home := getenv("HOME")
		if home == "" {
			return "", errors.New("HOME is not set")
		}
		return filepath.Join(home, "Library", "Jupyter"), nil
	}
	if x := getenv("XDG_DATA_HOME"); x != "" {
		return filepath.Join(x, "jupyter"), nil
	}
	home := getenv("HOME")
	if home == "" {
		return "", errors.New("HOME is not set")
	}
	return filepath.Join(home, ".local", "share", "jupyter"), nil
}
