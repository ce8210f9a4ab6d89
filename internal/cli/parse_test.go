package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseCommand(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "q.kql")
	if err := os.WriteFile(file, []byte("T|where a==1|take 5"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		stdin      string
		args       []string
		wantCode   int
		wantStdout string
		wantStderr string
	}{
		{"stdin canonical", "T|where a==1|take 5", []string{"parse", "-"}, 0, "T\n| where a == 1\n| take 5\n", ""},
		{"file canonical", "", []string{"parse", file}, 0, "T\n| where a == 1\n| take 5\n", ""},
		{"json", "print 1", []string{"parse", "--json", "-"}, 0, `{"kind":"Script","span":[0,7]`, ""},
		{"syntax errors", "T | where\n| frob", []string{"parse", "-"}, 1, "",
			"2:1: expected expression, found \"|\"\n2:3: expected query operator, found \"frob\"\n"},
		{"missing argument", "", []string{"parse"}, 2, "", "Usage: huntbook parse"},
		{"missing file", "", []string{"parse", filepath.Join(dir, "nope.kql")}, 1, "", "no such file"},
		{"help", "", []string{"parse", "-h"}, 0, "", "Usage: huntbook parse"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, tt.stdin, tt.args...)
			if code != tt.wantCode {
				t.Errorf("exit code = %d, want %d (stderr %q)", code, tt.wantCode, stderr)
			}
			if tt.wantCode == 0 && tt.name != "json" && tt.name != "help" && stdout != tt.wantStdout {
				t.Errorf("stdout = %q, want %q", stdout, tt.wantStdout)
			}
			if !strings.Contains(stdout, tt.wantStdout) {
				t.Errorf("stdout = %q, want it to contain %q", stdout, tt.wantStdout)
			}
			if tt.name == "syntax errors" && stderr != tt.wantStderr {
				t.Errorf("stderr = %q, want %q", stderr, tt.wantStderr)
			}
			if !strings.Contains(stderr, tt.wantStderr) {
				t.Errorf("stderr = %q, want it to contain %q", stderr, tt.wantStderr)
			}
		})
	}
}

func TestParseCommandJSONIsValid(t *testing.T) {
	code, stdout, stderr := runCLI(t, "let x = 1; T | extend y = x", "parse", "--json", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var v map[string]any
	if err := json.Unmarshal([]byte(stdout), &v); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, stdout)
	}
	if v["kind"] != "Script" {
		t.Errorf("kind = %v, want Script", v["kind"])
	}
}
