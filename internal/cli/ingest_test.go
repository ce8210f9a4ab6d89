package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/huntbook/huntbook/engine"
	"github.com/huntbook/huntbook/workspace"
)

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// tableRows opens the workspace and counts a table's rows (-1 when absent).
func tableRows(t *testing.T, dir, name string) int64 {
	t.Helper()
	ws, err := workspace.Open(context.Background(), dir, workspace.OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	info, ok, err := ws.Table(context.Background(), name)
	if err != nil {
		t.Fatal(err)
	}
	if !ok || !info.Stored {
		return -1
	}
	return info.Rows
}

func TestIngestCommand(t *testing.T) {
	dir := t.TempDir()
	ws := filepath.Join(dir, "ws")
	good := writeFile(t, dir, "app.jsonl", `{"TimeGenerated":"2024-01-01T00:00:00Z","User":"alice","Bytes":10}
{"TimeGenerated":"2024-01-01T00:01:00Z","User":"bob","Bytes":20}
`)
	syslog := writeFile(t, dir, "auth.log", "<38>Jan  5 10:00:00 web01 sshd[42]: Failed password for root from 203.0.113.9 port 22 ssh2\n")

	code, stdout, stderr := runCLI(t, "", "ingest", "--workspace", ws, "--table", "App_CL", good)
	if code != 0 || !strings.Contains(stdout, "App_CL\t2 rows") {
		t.Fatalf("first ingest: code %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	// Appending again doubles the table.
	if code, _, stderr := runCLI(t, "", "ingest", "--workspace", ws, "--table", "App_CL", good); code != 0 {
		t.Fatalf("second ingest: %s", stderr)
	}
	if n := tableRows(t, ws, "App_CL"); n != 4 {
		t.Errorf("App_CL has %d rows after two appends, want 4", n)
	}
	if code, _, stderr := runCLI(t, "", "ingest", "--workspace", ws, "--replace", "--table", "App_CL", good); code != 0 {
		t.Fatalf("replace: %s", stderr)
	}
	if n := tableRows(t, ws, "App_CL"); n != 2 {
		t.Errorf("App_CL has %d rows after replace, want 2", n)
	}
	if code, stdout, stderr := runCLI(t, "", "ingest", "--workspace", ws, syslog); code != 0 || !strings.Contains(stdout, "Syslog\t1 rows") {
		t.Errorf("syslog ingest: code %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}

// TestIngestFailureChangesNothing: a strict ingest that meets a bad line
// after good ones, and garbage input, leave the workspace as it was.
func TestIngestFailureChangesNothing(t *testing.T) {
	dir := t.TempDir()
	ws := filepath.Join(dir, "ws")
	good := writeFile(t, dir, "good.jsonl", `{"TimeGenerated":"2024-01-01T00:00:00Z","A":1}`+"\n")
	bad := writeFile(t, dir, "bad.jsonl", `{"TimeGenerated":"2024-01-01T00:00:00Z","A":2}`+"\n{not json\n")
	if code, _, stderr := runCLI(t, "", "ingest", "--workspace", ws, "--table", "T_CL", good); code != 0 {
		t.Fatal(stderr)
	}
	code, _, stderr := runCLI(t, "", "ingest", "--workspace", ws, "--strict", "--table", "T_CL", good, bad)
	if code != 1 || !strings.Contains(stderr, "bad.jsonl:2") || !strings.Contains(stderr, "nothing was loaded") {
		t.Errorf("strict ingest: code %d, stderr %q", code, stderr)
	}
	if n := tableRows(t, ws, "T_CL"); n != 1 {
		t.Errorf("T_CL has %d rows after a failed ingest, want 1", n)
	}
	// Without --strict the bad line is reported with its line and skipped.
	code, _, stderr = runCLI(t, "", "ingest", "--workspace", ws, "--table", "T_CL", bad)
	if code != 0 || !strings.Contains(stderr, "bad.jsonl:2") || !strings.Contains(stderr, "1 malformed records skipped") {
		t.Errorf("lenient ingest: code %d, stderr %q", code, stderr)
	}
	if n := tableRows(t, ws, "T_CL"); n != 2 {
		t.Errorf("T_CL has %d rows, want 2", n)
	}
}

func TestIngestParquet(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	pq := filepath.Join(dir, "flows.parquet")
	db, err := engine.Open(ctx, engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	err = db.Exec(ctx, `COPY (SELECT TIMESTAMP '2024-01-01 00:00:00' + INTERVAL (i) MINUTE AS TimeGenerated,
		'10.0.0.' || i AS SrcIp, i * 100 AS Bytes FROM range(5) t(i)) TO '`+pq+`' (FORMAT parquet)`)
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	ws := filepath.Join(dir, "ws")
	code, stdout, stderr := runCLI(t, "", "ingest", "--workspace", ws, pq)
	if code != 0 || !strings.Contains(stdout, "flows\t5 rows") {
		t.Fatalf("parquet ingest: code %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}

func TestIngestUsage(t *testing.T) {
	code, _, stderr := runCLI(t, "", "ingest", "some.csv")
	if code != 2 || !strings.Contains(stderr, "usage: huntbook ingest") {
		t.Errorf("code %d, stderr %q", code, stderr)
	}
}
