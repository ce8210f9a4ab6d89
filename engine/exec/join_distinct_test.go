package exec_test

import (
	"context"
	"strings"
	"testing"

	"github.com/huntbook/huntbook/engine"
	"github.com/huntbook/huntbook/engine/exec"
)

// TestInnerUniqueDistinct checks that an innerunique join feeding
// summarize, whose left side is only its keys (compiled to SELECT
// DISTINCT), counts as the ordered translation does (forced by serialize):
// duplicate left rows match once, empty and null-free keys alike.
func TestInnerUniqueDistinct(t *testing.T) {
	ctx := context.Background()
	db, err := engine.Open(ctx, engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	x := exec.New(db)
	const join = `datatable(a:string, n:long)["x", 1, "x", 1, "", 2, "", 2, "y", 3]
| project a, n
| join (datatable(a:string, n:long, p:string)["x", 1, "p1", "x", 1, "p2", "", 2, "p3", "y", 4, "p4"]) on a, n`
	tail := " | summarize c = count() by p, a"
	compiled, err := x.Compile(ctx, join+tail, nil, exec.RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(compiled.SQL, "SELECT DISTINCT") || strings.Contains(compiled.SQL, "row_number()") {
		t.Errorf("not the distinct translation:\n%s", compiled.SQL)
	}
	got, err := x.Run(ctx, join+tail, nil, exec.RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want, err := x.Run(ctx, join+" | serialize"+tail, nil, exec.RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	compareTwins(t, got.Table, want.Table, "")
	if len(got.Table.Rows) != 3 {
		t.Errorf("rows %v, want p1, p2 and p3 once each", got.Table.Rows)
	}
	for _, r := range got.Table.Rows {
		if r[2] != int64(1) {
			t.Errorf("row %v: a duplicate left row matched twice", r)
		}
	}
}
