package exec_test

import (
	"context"
	"strings"
	"testing"

	"github.com/huntbook/huntbook/engine"
	"github.com/huntbook/huntbook/engine/exec"
)

// TestExpandUnordered checks that mv-expand feeding summarize (compiled
// to an unnest of element lists, with no row order) expands arrays, bags,
// scalars, nulls and empty arrays as the ordered translation does (forced
// here by serialize, which keeps the order).
func TestExpandUnordered(t *testing.T) {
	ctx := context.Background()
	db, err := engine.Open(ctx, engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	x := exec.New(db)
	const rows = `datatable(k:string, d:dynamic)["a", dynamic([1, "x", [2]]), "b", dynamic({"p": 1, "q/~r": {"s": 2}}),
		"c", dynamic(null), "d", dynamic([]), "e", dynamic(7), "f", dynamic({})]`
	for _, expand := range []string{"mv-expand d", "mv-expand bagexpansion=array d", "mv-expand d to typeof(string)"} {
		t.Run(expand, func(t *testing.T) {
			tail := " | summarize n = count() by k, v = tostring(d) | order by k asc, v asc"
			unordered, err := x.Compile(ctx, rows+" | "+expand+tail, nil, exec.RunOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(unordered.SQL, "row_number()") || !strings.Contains(unordered.SQL, "unnest(CASE ") {
				t.Errorf("not the unordered translation:\n%s", unordered.SQL)
			}
			got, err := x.Run(ctx, rows+" | "+expand+tail, nil, exec.RunOptions{})
			if err != nil {
				t.Fatal(err)
			}
			want, err := x.Run(ctx, rows+" | "+expand+" | serialize"+tail, nil, exec.RunOptions{})
			if err != nil {
				t.Fatal(err)
			}
			compareTwins(t, got.Table, want.Table, "")
			if len(got.Table.Rows) < 5 { // a, b, c and e expand; d and f do not
				t.Errorf("only %d rows: %v", len(got.Table.Rows), got.Table.Rows)
			}
		})
	}
}
