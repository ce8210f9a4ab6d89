package kernel

import (
	"bytes"
	"encoding/json"
	"image/png"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestKernelsDir(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the expectations below are Linux paths")
	}
	env := func(vars map[string]string) func(string) string {
		return func(k string) string { return vars[k] }
	}
	tests := []struct {
		name    string
		scope   Scope
		env     map[string]string
		want    string
		wantErr bool
	}{
		{"system", Scope{}, nil, "/usr/local/share/jupyter/kernels", false},
		{"system ignores JUPYTER_DATA_DIR", Scope{}, map[string]string{"JUPYTER_DATA_DIR": "/d"}, "/usr/local/share/jupyter/kernels", false},
		{"user", Scope{User: true}, map[string]string{"HOME": "/home/a"}, "/home/a/.local/share/jupyter/kernels", false},
		{"user with XDG_DATA_HOME", Scope{User: true}, map[string]string{"HOME": "/home/a", "XDG_DATA_HOME": "/x"}, "/x/jupyter/kernels", false},
		{"user with JUPYTER_DATA_DIR", Scope{User: true}, map[string]string{"HOME": "/home/a", "XDG_DATA_HOME": "/x", "JUPYTER_DATA_DIR": "/j"}, "/j/kernels", false},
		{"user without HOME", Scope{User: true}, nil, "", true},
		{"prefix", Scope{Prefix: "/opt/venv"}, nil, "/opt/venv/share/jupyter/kernels", false},
		{"user and prefix", Scope{User: true, Prefix: "/p"}, nil, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := KernelsDir(tt.scope, env(tt.env))
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %v", err, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("KernelsDir = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestInstallSpec(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "kernels", SpecName)
	spec := NewSpec("/opt/huntbook/bin/huntbook", "/srv/hunt")
	if err := InstallSpec(dir, spec); err != nil {
		t.Fatal(err)
	}
	// Installing again replaces the files in place.
	if err := InstallSpec(dir, spec); err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	data, err := os.ReadFile(filepath.Join(dir, "kernel.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"argv":           []any{"/opt/huntbook/bin/huntbook", "kernel", "--connection-file", "{connection_file}"},
		"display_name":   "KQL (huntbook)",
		"language":       "kql",
		"interrupt_mode": "message",
		"env":            map[string]any{"HUNTBOOK_WORKSPACE": "/srv/hunt"},
		"metadata":       map[string]any{"debugger": false},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("kernel.json (-want +got):\n%s", diff)
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if diff := cmp.Diff([]string{"kernel.json", "logo-32x32.png", "logo-64x64.png"}, names); diff != "" {
		t.Errorf("files (-want +got), temporary files must not remain:\n%s", diff)
	}
	if err := InstallSpec(filepath.Join(t.TempDir(), "bad name"), spec); err == nil || !strings.Contains(err.Error(), "bad name") {
		t.Errorf("a name with a space: err = %v", err)
	}
	if s := NewSpec("/x", ""); s.Env != nil {
		t.Errorf("no workspace must leave env out, got %v", s.Env)
	}
}

func TestLogo(t *testing.T) {
	for _, size := range []int{32, 64} {
		img, err := png.Decode(bytes.NewReader(Logo(size)))
		if err != nil {
			t.Fatalf("logo %d: %v", size, err)
		}
		if b := img.Bounds(); b.Dx() != size || b.Dy() != size {
			t.Errorf("logo %d is %v", size, b)
		}
		if _, _, _, a := img.At(0, 0).RGBA(); a != 0 {
			t.Errorf("logo %d: the rounded corner must be transparent", size)
		}
		if _, _, _, a := img.At(size/2, size/8).RGBA(); a != 0xffff {
			t.Errorf("logo %d: the background must be opaque", size)
		}
	}
	if !bytes.Equal(Logo(32), Logo(32)) {
		t.Error("the logo must be deterministic")
	}
}
