package exec_test

import (
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"

	"github.com/huntbook/huntbook/engine"
	"github.com/huntbook/huntbook/engine/exec"
	"github.com/huntbook/huntbook/kql/syntax"
	"github.com/huntbook/huntbook/table"
)

var updateReshape = flag.Bool("update-reshape", false, "rewrite the expect sections of testdata/reshape/*.txtar")

// TestReshapeGolden runs the queries of testdata/reshape/*.txtar (mv-expand,
// parse, make-series, the series_* functions): each archive holds
// `-- query --` and either `-- expect --` (the result: a header of
// name:type columns, then one line per row, cells separated by " | ") or
// `-- error --` (the positioned errors, one per line). The expected
// results come from the examples of Microsoft's KQL documentation.
func TestReshapeGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/reshape/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	ctx := context.Background()
	db, err := engine.Open(ctx, engine.Options{QueryTimeout: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	x := exec.New(db)
	now := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			query, want, section := "", "", ""
			for _, f := range ar.Files {
				switch f.Name {
				case "query":
					query = string(f.Data)
				case "expect", "error":
					want, section = string(f.Data), f.Name
				}
			}
			if query == "" || section == "" {
				t.Fatalf("%s needs a query and an expect or error section", file)
			}
			got, gotSection := runGolden(ctx, x, query, now)
			if *updateReshape {
				for i := range ar.Files {
					if ar.Files[i].Name == section {
						ar.Files[i] = txtar.File{Name: gotSection, Data: []byte(got)}
					}
				}
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if gotSection != section {
				t.Fatalf("want %s, got %s:\n%s", section, gotSection, got)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s mismatch (-want +got):\n%s", section, diff)
			}
		})
	}
}

// runGolden runs a query and renders its result or its errors.
func runGolden(ctx context.Context, x *exec.Executor, query string, now time.Time) (text, section string) {
	res, err := x.Run(ctx, query, nil, exec.RunOptions{Now: now})
	if err != nil {
		var list syntax.ErrorList
		if errors.As(err, &list) {
			var b strings.Builder
			for _, e := range list {
				b.WriteString(e.Error() + "\n")
			}
			return b.String(), "error"
		}
		return err.Error() + "\n", "error"
	}
	return renderGolden(res.Table), "expect"
}

func renderGolden(tb *table.Table) string {
	if tb == nil {
		return "(no table)\n"
	}
	var b strings.Builder
	head := make([]string, len(tb.Columns))
	for i, c := range tb.Columns {
		head[i] = c.Name + ":" + c.Type.String()
	}
	b.WriteString(strings.Join(head, " | ") + "\n")
	for _, row := range tb.Rows {
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
