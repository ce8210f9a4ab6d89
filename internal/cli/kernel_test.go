package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func readSpec(t *testing.T, path string) map[string]any {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var spec map[string]any
	if err := json.Unmarshal(data, &spec); err != nil {
		t.Fatal(err)
	}
	return spec
}

func TestKernelInstall(t *testing.T) {
	exe, err := executablePath()
	if err != nil {
		t.Fatal(err)
	}
	prefix := t.TempDir()
	ws := t.TempDir()
	code, stdout, stderr := runCLI(t, "", "kernel", "install", "--prefix", prefix, "--workspace", ws)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	dir := filepath.Join(prefix, "share", "jupyter", "kernels", "huntbook")
	if !strings.Contains(stdout, dir) {
		t.Errorf("stdout %q does not name %s", stdout, dir)
	}
	spec := readSpec(t, filepath.Join(dir, "kernel.json"))
	want := map[string]any{
		"argv":           []any{exe, "kernel", "--connection-file", "{connection_file}"},
		"display_name":   "KQL (huntbook)",
		"language":       "kql",
		"interrupt_mode": "message",
		"env":            map[string]any{"HUNTBOOK_WORKSPACE": ws},
		"metadata":       map[string]any{"debugger": false},
	}
	if diff := cmp.Diff(want, spec); diff != "" {
		t.Errorf("kernel.json (-want +got):\n%s", diff)
	}
	for _, logo := range []string{"logo-32x32.png", "logo-64x64.png"} {
		if _, err := os.Stat(filepath.Join(dir, logo)); err != nil {
			t.Error(err)
		}
	}
}

func TestKernelInstallUser(t *testing.T) {
	data := t.TempDir()
	t.Setenv("JUPYTER_DATA_DIR", data)
	code, _, stderr := runCLI(t, "", "kernel", "install", "--user", "--name", "hb2", "--display-name", "KQL 2")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	spec := readSpec(t, filepath.Join(data, "kernels", "hb2", "kernel.json"))
	if spec["display_name"] != "KQL 2" || spec["env"] != nil {
		t.Errorf("kernel.json = %v", spec)
	}
}

func TestKernelCommandErrors(t *testing.T) {
	conn := filepath.Join(t.TempDir(), "kernel-1.json")
	os.WriteFile(conn, []byte(`{"shell_port": 0, "key": "k", "signature_scheme": "hmac-sha256"}`), 0o600)
	badConn := filepath.Join(t.TempDir(), "bad.json")
	os.WriteFile(badConn, []byte(`{"transport": "pgm"}`), 0o600)
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStderr string
	}{
		{"no connection file", []string{"kernel"}, 2, "Usage: huntbook kernel --connection-file"},
		{"stray argument", []string{"kernel", "--connection-file", conn, "extra"}, 2, "Usage"},
		{"missing connection file", []string{"kernel", "--connection-file", "/nonexistent/k.json"}, 1, "reading connection file"},
		{"bad connection file", []string{"kernel", "--connection-file", badConn}, 1, `transport "pgm"`},
		{"not a workspace", []string{"kernel", "--connection-file", conn, "--workspace", t.TempDir()}, 1, "is not a huntbook workspace"},
		{"user and prefix", []string{"kernel", "install", "--user", "--prefix", "/tmp/x"}, 2, "mutually exclusive"},
		{"install argument", []string{"kernel", "install", "now"}, 2, `unexpected argument "now"`},
		{"bad name", []string{"kernel", "install", "--prefix", t.TempDir(), "--name", "a b"}, 1, "letters, digits"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runCLI(t, "", tt.args...)
			if code != tt.wantCode || !strings.Contains(stderr, tt.wantStderr) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, stderr, tt.wantCode, tt.wantStderr)
			}
		})
	}
}
