package exec

import (
	"context"
	"encoding/csv"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/huntbook/huntbook/engine"
	"github.com/huntbook/huntbook/secops/proctree"
	"github.com/huntbook/huntbook/table"
)

const sharedDir = "../../../shared"

// readSharedCSV reads a CSV of ../shared/datasets as string columns,
// skipping the test when ../shared is absent and failing when it is
// present but broken.
func readSharedCSV(t *testing.T, rel string) *table.Table {
	t.Helper()
	if _, err := os.Stat(sharedDir); errors.Is(err, fs.ErrNotExist) {
		t.Skipf("%s is absent: skipping the test on MSTICPy's data", sharedDir)
	}
	f, err := os.Open(filepath.Join(sharedDir, "datasets", rel))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.LazyQuotes = true
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
	tb := &table.Table{}
	for i, h := range recs[0] {
		h = strings.TrimPrefix(h, "\ufeff")
		if h == "" {
			h = "Index" + strings.Repeat("_", i)
		}
		tb.Columns = append(tb.Columns, table.Column{Name: h, Type: table.String})
	}
	for _, rec := range recs[1:] {
		row := make([]any, len(rec))
		for i, v := range rec {
			row[i] = v
		}
		tb.Rows = append(tb.Rows, row)
	}
	return tb
}

// TestProcessTreeOnMSTICPyData runs evaluate process_tree() over a day of
// real 4688 events from one host and checks the plugin gives the forest
// secops/proctree builds from the same rows.
func TestProcessTreeOnMSTICPyData(t *testing.T) {
	in := readSharedCSV(t, "msticpy/tests/testdata/processes_on_host.csv")
	ctx := context.Background()
	db := openTestDB(t)
	rows := func(yield func([]any, error) bool) {
		for _, r := range in.Rows {
			if !yield(r, nil) {
				return
			}
		}
	}
	if _, err := db.Load(ctx, "ProcessEvents", in.Columns, engine.Create, rows); err != nil {
		t.Fatal(err)
	}
	res, err := New(db).Run(ctx, "ProcessEvents | evaluate process_tree() | project ProcessKey, ParentKey, Depth, Path, IsRoot, IsLeaf", nil, RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	tree, err := proctree.Build(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, row := range tree.Table(in).Rows {
		want = append(want, keyLine(row[len(in.Columns):len(in.Columns)+6]))
	}
	var got []string
	for _, row := range res.Table.Rows {
		got = append(got, keyLine(row))
	}
	slices.Sort(want)
	slices.Sort(got)
	if len(got) < len(in.Rows) {
		t.Fatalf("process_tree gave %d rows for %d events", len(got), len(in.Rows))
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("plugin and secops/proctree disagree (-want +got):\n%s", diff)
	}
	roots := 0
	for _, row := range res.Table.Rows {
		if row[4].(bool) {
			roots++
		}
	}
	t.Logf("%d events → %d rows, %d roots", len(in.Rows), len(got), roots)
}

func keyLine(vals []any) string {
	parts := make([]string, len(vals))
	for i, v := range vals {
		parts[i] = table.FormatValue(v)
	}
	return strings.Join(parts, "\t")
}
