package exec

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"

	"github.com/huntbook/huntbook/engine"
	"github.com/huntbook/huntbook/table"
)

var update = flag.Bool("update", false, "rewrite the expectations of the golden files")

// testNow is the clock of the golden queries.
var testNow = time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)

func openTestDB(t testing.TB) *engine.DB {
	t.Helper()
	db, err := engine.Open(context.Background(), engine.Options{Threads: 1, MemoryLimit: 512 << 20})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// TestEvaluateGolden runs the query of every testdata/evaluate/*.txtar
// file and compares its result (or its error) with the file's "expect"
// (or "error") section. -update rewrites the expectations.
func TestEvaluateGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/evaluate/*.txtar")
	if len(files) == 0 {
		t.Fatal("no golden files")
	}
	x := New(openTestDB(t))
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			query, _ := archiveFile(ar, "query")
			got := txtar.File{Name: "expect"}
			res, err := x.Run(context.Background(), query, nil, RunOptions{Now: testNow})
			if err != nil {
				got = txtar.File{Name: "error", Data: []byte(err.Error() + "\n")}
			} else {
				got.Data = []byte(formatResult(res.Table))
			}
			if *update {
				ar.Files = []txtar.File{{Name: "query", Data: []byte(query)}, got}
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, _ := archiveFile(ar, got.Name)
			if diff := cmp.Diff(want, string(got.Data)); diff != "" {
				t.Errorf("%s (-want +got):\n%s\n(got %s)", got.Name, diff, got.Data)
			}
		})
	}
}

// formatResult prints a result for golden files: the schema, one line per
// row (values as KQL prints them, separated by " | "), and the
// visualization when there is one.
func formatResult(t *table.Table) string {
	var b strings.Builder
	cols := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		cols[i] = c.Name + ":" + c.Type.String()
	}
	b.WriteString(strings.Join(cols, ", ") + "\n")
	for _, row := range t.Rows {
		cells := make([]string, len(row))
		for i, v := range row {
			cells[i] = table.FormatValue(v)
		}
		b.WriteString(strings.Join(cells, " | ") + "\n")
	}
	if t.Visualization != nil {
		j, _ := json.Marshal(t.Visualization)
		b.WriteString("visualization: " + string(j) + "\n")
	}
	return b.String()
}
