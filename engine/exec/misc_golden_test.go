package exec

import (
	"context"
	"flag"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"github.com/huntbook/huntbook/engine"
)

var updateMisc = flag.Bool("update-misc", false, "rewrite the expectations of testdata/misc")

// TestMiscGolden runs the examples of testdata/misc (externaldata,
// table(), top-nested, ...) in the format of TestCombineGolden, over the
// same workspace. externaldata reads the files of testdata/misc/data by
// paths relative to this package's directory (go test's working directory).
func TestMiscGolden(t *testing.T) {
	ctx := context.Background()
	db, err := engine.Open(ctx, engine.Options{Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
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
	x := New(db, WithClock(func() time.Time { return time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC) }))
	files, _ := filepath.Glob("testdata/misc/*.txtar")
	if len(files) == 0 {
		t.Fatal("no golden files in testdata/misc")
	}
	for _, file := range files {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if *updateMisc {
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
