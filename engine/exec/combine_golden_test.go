package exec

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"github.com/huntbook/huntbook/engine"
	"github.com/huntbook/huntbook/table"
)

var updateCombine = flag.Bool("update-combine", false, "rewrite the expectations of testdata/combine")

// TestCombineGolden runs the join, lookup and union examples of
// testdata/combine: each archive holds cases NAME.kql with either
// NAME.out (the result: a header of name:type columns, then one line per
// row, cells separated by " | ", null printed as "null") or NAME.err (the
// positioned error), and optionally NAME.plan (the plan tree). The workspace holds the small tables of
// combineTables. Run with -update-combine to rewrite the expectations.
func TestCombineGolden(t *testing.T) { runCaseArchives(t, "testdata/combine", *updateCombine) }

// runCaseArchives runs every case of the archives in dir over the
// workspace of combineTables, or rewrites their expectations with update.
func runCaseArchives(t *testing.T, dir string, update bool) {
	ctx := context.Background()
	db, err := engine.Open(ctx, engine.Options{Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	loadCombineTables(ctx, t, db)
	x := New(db, WithClock(func() time.Time { return time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC) }))
	files, _ := filepath.Glob(filepath.Join(dir, "*.txtar"))
	if len(files) == 0 {
		t.Fatalf("no golden files in %s", dir)
	}
	for _, file := range files {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if update {
			updateArchive(ctx, t, x, file, ar)
			continue
		}
		for _, f := range ar.Files {
			name, ok := strings.CutSuffix(f.Name, ".kql")
			if !ok {
				continue
			}
			t.Run(filepath.Base(file)+"/"+name, func(t *testing.T) {
				checkGoldenCase(ctx, t, x, ar, name, string(f.Data))
			})
		}
	}
}

// loadCombineTables creates the tables of combineTables in db.
func loadCombineTables(ctx context.Context, t *testing.T, db *engine.DB) {
	t.Helper()
	for name, tab := range combineTables() {
		rows := func(yield func([]any, error) bool) {
			for _, r := range tab.Rows {
				if !yield(r, nil) {
					return
				}
			}
		}
		if _, err := db.Load(ctx, name, tab.Columns, engine.Create, rows); err != nil {
			t.Fatalf("load %s: %v", name, err)
		}
	}
}

// checkGoldenCase compares a query's result (or error) and, when the
// archive has one, its plan with the expectations.
func checkGoldenCase(ctx context.Context, t *testing.T, x *Executor, ar *txtar.Archive, name, src string) {
	got := runCombineCase(ctx, x, src)
	want, ok := archiveFile(ar, name+".out")
	if !ok {
		want, ok = archiveFile(ar, name+".err")
	}
	if !ok {
		t.Fatalf("no %s.out or %s.err for the query; it gives:\n%s", name, name, got)
	}
	if strings.TrimSpace(got) != strings.TrimSpace(want) {
		t.Errorf("query:\n%s\ngot:\n%s\nwant:\n%s", src, got, want)
	}
	if wantPlan, ok := archiveFile(ar, name+".plan"); ok {
		gotPlan := compilePlan(ctx, x, src)
		if strings.TrimSpace(gotPlan) != strings.TrimSpace(wantPlan) {
			t.Errorf("plan of:\n%s\ngot:\n%s\nwant:\n%s", src, gotPlan, wantPlan)
		}
	}
}

func archiveFile(ar *txtar.Archive, name string) (string, bool) {
	for _, f := range ar.Files {
		if f.Name == name {
			return string(f.Data), true
		}
	}
	return "", false
}

// runCombineCase runs a query and renders its result, or its error.
func runCombineCase(ctx context.Context, x *Executor, src string) string {
	res, err := x.Run(ctx, src, nil, RunOptions{})
	if err != nil {
		return err.Error()
	}
	return formatGolden(res.Table)
}

// compilePlan is the plan text of a query, or its compile error.
func compilePlan(ctx context.Context, x *Executor, src string) string {
	c, err := x.Compile(ctx, src, nil, RunOptions{})
	if err != nil {
		return err.Error()
	}
	return c.PlanText
}

// formatGolden renders a table for the golden files.
func formatGolden(t *table.Table) string {
	var b strings.Builder
	head := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		head[i] = c.Name + ":" + c.Type.String()
	}
	b.WriteString(strings.Join(head, " | ") + "\n")
	for _, row := range t.Rows {
		cells := make([]string, len(row))
		for i, v := range row {
			cells[i] = table.FormatValue(v)
			if v == nil {
				cells[i] = "null"
			}
		}
		b.WriteString(strings.Join(cells, " | ") + "\n")
	}
	return b.String()
}

// combineTables is the workspace of the golden tests: two Device tables
// (for wildcards) whose shared column DeviceName joins them, and a table
// whose Port column has another type than DeviceNetworkEvents' one.
func combineTables() map[string]*table.Table {
	ts := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			panic(err)
		}
		return v
	}
	s := table.String
	return map[string]*table.Table{
		"DeviceProcessEvents": {
			Columns: []table.Column{{Name: "Timestamp", Type: table.DateTime}, {Name: "DeviceName", Type: s},
				{Name: "FileName", Type: s}, {Name: "ProcessId", Type: table.Long}},
			Rows: [][]any{
				{ts("2024-01-01T10:00:00Z"), "pc1", "powershell.exe", int64(100)},
				{ts("2024-01-01T10:05:00Z"), "pc2", "cmd.exe", int64(200)},
				{ts("2024-01-01T10:07:00Z"), "pc1", "whoami.exe", int64(101)},
			},
		},
		"DeviceNetworkEvents": {
			Columns: []table.Column{{Name: "Timestamp", Type: table.DateTime}, {Name: "DeviceName", Type: s},
				{Name: "RemoteIP", Type: s}, {Name: "RemotePort", Type: table.Long}, {Name: "ProcessId", Type: table.Long}},
			Rows: [][]any{
				{ts("2024-01-01T10:01:00Z"), "pc1", "10.0.0.5", int64(443), int64(100)},
				{ts("2024-01-01T10:06:00Z"), "pc3", "10.0.0.9", int64(80), int64(300)},
			},
		},
		"Firewall": {
			Columns: []table.Column{{Name: "DeviceName", Type: s}, {Name: "RemotePort", Type: s}},
			Rows:    [][]any{{"pc1", "https"}},
		},
	}
}

// updateArchive rewrites the expectation of every query of an archive
// with what it gives now; review the diff before committing it.
func updateArchive(ctx context.Context, t *testing.T, x *Executor, file string, ar *txtar.Archive) {
	var files []txtar.File
	for _, f := range ar.Files {
		name, ok := strings.CutSuffix(f.Name, ".kql")
		if !ok {
			continue
		}
		res, err := x.Run(ctx, string(f.Data), nil, RunOptions{})
		out := txtar.File{Name: name + ".out"}
		if err != nil {
			out = txtar.File{Name: name + ".err", Data: []byte(err.Error() + "\n")}
		} else {
			out.Data = []byte(formatGolden(res.Table))
		}
		files = append(files, f, out)
		if _, ok := archiveFile(ar, name+".plan"); ok {
			files = append(files, txtar.File{Name: name + ".plan", Data: []byte(compilePlan(ctx, x, string(f.Data)))})
		}
	}
	ar.Files = files
	if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
		t.Fatal(err)
	}
}
