package engine

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/huntbook/huntbook/table"
)

func TestMaterializePageDrop(t *testing.T) {
	ctx := context.Background()
	db := openTest(t, Options{})
	schema := []table.Column{col("n", table.Long), col("s", table.String), col("d", table.TimeSpan), col("x", table.Dynamic)}
	info, err := db.Materialize(ctx, "cell_1", Query{
		SQL:    `SELECT i, CASE WHEN i % 2 = 0 THEN NULL ELSE 'odd' END, i * 10000000, json_array(i) FROM range(100000) t(i) ORDER BY i DESC`,
		Schema: schema,
	})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(TableInfo{Name: "cell_1", Columns: schema, Rows: 100000, Result: true}, info); diff != "" {
		t.Errorf("info (-want +got):\n%s", diff)
	}
	page, err := db.Page(ctx, "cell_1", 50000, 3)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]any{
		{int64(49999), "odd", sqlDur(49999), []any{jsonNum(49999)}},
		{int64(49998), "", sqlDur(49998), []any{jsonNum(49998)}},
		{int64(49997), "odd", sqlDur(49997), []any{jsonNum(49997)}},
	}
	if diff := cmp.Diff(want, page.Rows); diff != "" {
		t.Errorf("page (-want +got):\n%s", diff)
	}
	// Later SQL reads the result; the stored strings are never null.
	got := mustQuery(t, db, Query{SQL: `SELECT count(*) FROM ` + ResultTable("cell_1") + ` WHERE s IS NULL`})
	if got.Rows[0][0] != int64(0) {
		t.Errorf("null strings stored: %v", got.Rows)
	}
	if err := db.Drop(ctx, "cell_1"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Page(ctx, "cell_1", 0, 1); !errors.Is(err, ErrNoTable) {
		t.Errorf("after drop: %v", err)
	}
}

func TestResultsSeparateFromTables(t *testing.T) {
	ctx := context.Background()
	db := openTest(t, Options{})
	if _, err := db.Load(ctx, "Events", []table.Column{col("a", table.Long)}, Create, rowsOf([]any{int64(1)})); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Materialize(ctx, "r", Query{SQL: `SELECT 'x'`, Schema: []table.Column{col("v", table.String)}}); err != nil {
		t.Fatal(err)
	}
	infos, err := db.Tables(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []TableInfo{
		{Name: "Events", Columns: []table.Column{col("a", table.Long)}, Rows: 1},
		{Name: "r", Columns: []table.Column{col("v", table.String)}, Rows: 1, Result: true},
	}
	if diff := cmp.Diff(want, infos); diff != "" {
		t.Errorf("Tables (-want +got):\n%s", diff)
	}
}

// wordCount is a plugin whose output columns depend on the data, as
// bag_unpack's do: one column per distinct word.
func wordCount(ctx context.Context, in *Cursor, out *Sink) error {
	counts := map[string]int64{}
	var order []string
	for {
		batch, err := in.Next(100)
		for _, r := range batch.Rows {
			for _, w := range strings.Fields(r[0].(string)) {
				if _, ok := counts[w]; !ok {
					order = append(order, w)
				}
				counts[w]++
			}
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
	}
	var schema []table.Column
	row := []any{}
	for _, w := range order {
		schema = append(schema, col(w, table.Long))
		row = append(row, counts[w])
	}
	if err := out.Begin(schema); err != nil {
		return err
	}
	return out.Append(row)
}

func TestRunPlugin(t *testing.T) {
	ctx := context.Background()
	db := openTest(t, Options{})
	in := Query{SQL: `SELECT * FROM (VALUES ('a b'), ('b c'), ('b')) t(s)`, Schema: []table.Column{col("s", table.String)}}
	info, err := db.RunPlugin(ctx, "wc", in, wordCount)
	if err != nil {
		t.Fatal(err)
	}
	wantCols := []table.Column{col("a", table.Long), col("b", table.Long), col("c", table.Long)}
	if diff := cmp.Diff(TableInfo{Name: "wc", Columns: wantCols, Rows: 1, Result: true}, info); diff != "" {
		t.Errorf("info (-want +got):\n%s", diff)
	}
	got := mustQuery(t, db, Query{SQL: `SELECT b * 10 + c FROM ` + ResultTable("wc"), Schema: []table.Column{col("v", table.Long)}})
	if got.Rows[0][0] != int64(31) {
		t.Errorf("later SQL over the plugin output: %v", got.Rows)
	}

	// A failing plugin leaves the earlier result as it was.
	boom := func(ctx context.Context, in *Cursor, out *Sink) error {
		if err := out.Begin([]table.Column{col("z", table.Long)}); err != nil {
			return err
		}
		for i := range 5000 {
			if err := out.Append([]any{int64(i)}); err != nil {
				return err
			}
		}
		return fmt.Errorf("boom")
	}
	if _, err := db.RunPlugin(ctx, "wc", in, boom); err == nil || !strings.Contains(err.Error(), "boom") {
		t.Fatalf("err = %v", err)
	}
	after, err := db.Table(ctx, "wc")
	if err != nil || len(after.Columns) != 3 {
		t.Errorf("after a failed plugin: %+v, %v", after, err)
	}
}
