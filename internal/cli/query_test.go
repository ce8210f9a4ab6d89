package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// queryWorkspace is a workspace holding one small ingested table, Logons.
func queryWorkspace(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "ws")
	csv := filepath.Join(t.TempDir(), "logons.csv")
	data := "TimeGenerated,Account,Count\n2026-11-01T10:00:00Z,alice,3\n2026-11-01T11:00:00Z,bob,5\n2026-11-02T09:30:00Z,alice,7\n"
	if err := os.WriteFile(csv, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCLI(t, "", "ingest", "--workspace", dir, "--table", "Logons", "--quiet", csv); code != 0 {
		t.Fatalf("ingest: %s", stderr)
	}
	return dir
}

func TestQueryCommand(t *testing.T) {
	ws := queryWorkspace(t)
	t.Setenv("HUNTBOOK_DEMO_DIR", filepath.Join(t.TempDir(), "no-demo"))
	tests := []struct {
		name       string
		args       []string
		stdin      string
		code       int
		stdout     string // substring (exact when exact is set)
		exact      bool
		stderrPart string
	}{
		{name: "inline csv", args: []string{"--format", "csv", "print x = 1 + 2, s = strcat('a', 'b')"},
			stdout: "x,s\n3,ab\n", exact: true},
		{name: "stdin", args: []string{"--format", "csv", "-"}, stdin: "range i from 1 to 3 step 1 | summarize sum(i)",
			stdout: "sum_i\n6\n", exact: true},
		{name: "stored table", args: []string{"--workspace", ws, "--format", "csv",
			"Logons | summarize Total = sum(Count) by Account | order by Account asc"},
			stdout: "Account,Total\nalice,10\nbob,5\n", exact: true},
		// A Sentinel table no data was loaded into reads as empty, with its
		// catalog columns, instead of being unknown.
		{name: "known but empty table", args: []string{"--workspace", ws, "--format", "csv", "SigninLogs | count"},
			stdout: "Count\n0\n", exact: true},
		{name: "known but empty columns", args: []string{"--workspace", ws, "--format", "csv",
			"SigninLogs | project UserPrincipalName, IPAddress | take 1"},
			stdout: "UserPrincipalName,IPAddress\n", exact: true},
		{name: "json", args: []string{"--format", "json", "print n = 1"}, stdout: `"name":"n"`},
		{name: "now", args: []string{"--format", "csv", "--now", "2026-01-02T03:04:05Z", "print t = now()"},
			stdout: "t\n2026-01-02T03:04:05.0000000Z\n", exact: true},
		{name: "positioned error", args: []string{"--workspace", ws, "Logons | where Acount == 'x'"},
			code: 1, stderrPart: "1:16: unknown column 'Acount'"},
		{name: "not a workspace", args: []string{"--workspace", filepath.Join(t.TempDir(), "nope"), "T"},
			code: 1, stderrPart: "is not a workspace"},
		{name: "no demo yet", args: []string{"--demo", "T"}, code: 1, stderrPart: "run `huntbook demo` first"},
		{name: "bad format", args: []string{"--format", "xml", "print 1"}, code: 2, stderrPart: "unknown format"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, tc.stdin, append([]string{"query"}, tc.args...)...)
			if code != tc.code {
				t.Fatalf("exit code %d, want %d; stderr: %s", code, tc.code, stderr)
			}
			if tc.exact && stdout != tc.stdout || !tc.exact && !strings.Contains(stdout, tc.stdout) {
				t.Errorf("stdout %q, want %q", stdout, tc.stdout)
			}
			if !strings.Contains(stderr, tc.stderrPart) {
				t.Errorf("stderr %q, want it to contain %q", stderr, tc.stderrPart)
			}
		})
	}
}
