package workspace

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/huntbook/huntbook/engine"
	"github.com/huntbook/huntbook/table"
)

func TestOpenCreatesAndReopens(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "hunt")
	if _, err := Open(ctx, dir, OpenOptions{}); !errors.Is(err, ErrNotWorkspace) {
		t.Fatalf("open of a missing workspace: err = %v, want ErrNotWorkspace", err)
	}
	ws, err := Open(ctx, dir, OpenOptions{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	if ws.Config.Name != "hunt" || ws.Config.QueryTimeout.Duration() != 10*time.Minute {
		t.Errorf("default config = %+v", ws.Config)
	}
	cols := []table.Column{{Name: "TimeGenerated", Type: table.DateTime}, {Name: "Msg", Type: table.String}}
	rows := func(yield func([]any, error) bool) {
		yield([]any{time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC), "hello"}, nil)
	}
	if _, err := ws.DB.Load(ctx, "MyLogs_CL", cols, engine.Create, rows); err != nil {
		t.Fatal(err)
	}
	if err := ws.Close(); err != nil {
		t.Fatal(err)
	}
	for _, sub := range []string{DatabaseFile, ConfigFile, NotebooksDir, JournalDir} {
		if _, err := os.Stat(filepath.Join(dir, sub)); err != nil {
			t.Errorf("workspace lacks %s: %v", sub, err)
		}
	}
	ws, err = Open(ctx, dir, OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	info, ok, err := ws.Table(ctx, "MyLogs_CL")
	if err != nil || !ok || !info.Stored || info.Rows != 1 {
		t.Fatalf("Table(MyLogs_CL) = %+v, %v, %v", info, ok, err)
	}
	if diff := cmp.Diff(cols, info.Columns); diff != "" {
		t.Errorf("columns after reopen (-want +got):\n%s", diff)
	}
}

func TestTablesMergesCatalog(t *testing.T) {
	ctx := context.Background()
	ws, err := Open(ctx, t.TempDir(), OpenOptions{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	cols := []table.Column{{Name: "TimeGenerated", Type: table.DateTime}, {Name: "EventID", Type: table.Int}}
	one := func(yield func([]any, error) bool) { yield([]any{time.Unix(0, 0).UTC(), int32(4624)}, nil) }
	if _, err := ws.DB.Load(ctx, "SecurityEvent", cols, engine.Create, one); err != nil {
		t.Fatal(err)
	}
	tables, err := ws.Tables(ctx)
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]TableInfo{}
	for _, ti := range tables {
		byName[ti.Name] = ti
	}
	if se := byName["SecurityEvent"]; !se.Stored || se.Rows != 1 || se.Description == "" || len(se.Columns) != 2 {
		t.Errorf("SecurityEvent = %+v", se)
	}
	if sl, ok := byName["SigninLogs"]; !ok || sl.Stored || sl.Rows != 0 || len(sl.Columns) < 10 {
		t.Errorf("SigninLogs (known, empty) = %+v", sl)
	}
	if _, ok, err := ws.Table(ctx, "NoSuchTable"); ok || err != nil {
		t.Errorf("Table(NoSuchTable) = %v, %v", ok, err)
	}
}

func TestBadConfig(t *testing.T) {
	tests := []struct {
		name, yaml, want string
	}{
		{"unknown key", "name: x\nmemory: 3\n", "field memory not found"},
		{"bad size", "memory_limit: lots\n", "memory_limit"},
		{"bad timeout", "query_timeout: soon\n", "soon"},
		{"negative threads", "threads: -1\n", "threads"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, ConfigFile), []byte(tt.yaml), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Open(context.Background(), dir, OpenOptions{})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to mention %q", err, tt.want)
			}
		})
	}
}

func TestParseBytes(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"", 0, true}, {"1000", 1000, true}, {"512MB", 512e6, true}, {"4GiB", 4 << 30, true},
		{"1.5 GB", 1.5e9, true}, {"x", 0, false}, {"-1GB", 0, false},
	}
	for _, tt := range tests {
		got, err := parseBytes(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("parseBytes(%q) = %d, %v; want %d, ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}
