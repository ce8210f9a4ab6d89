package engine

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/huntbook/huntbook/table"
)

// everyType is one column of each KQL type.
var everyType = []table.Column{
	col("b", table.Bool), col("i", table.Int), col("l", table.Long), col("r", table.Real),
	col("d", table.Decimal), col("s", table.String), col("t", table.DateTime),
	col("ts", table.TimeSpan), col("dyn", table.Dynamic), col("g", table.GUID),
}

// loadRows loads rows into table name in one Loader and commits.
func loadRows(t *testing.T, db *DB, name string, schema []table.Column, mode LoadMode, extra []table.Column, rows ...[]any) error {
	t.Helper()
	l, err := db.BeginLoad(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer l.Rollback()
	tl, err := l.Table(name, schema, mode, extra...)
	if err != nil {
		return err
	}
	for _, r := range rows {
		if err := tl.Append(r); err != nil {
			return err
		}
	}
	_, err = l.Commit()
	return err
}

// TestPlaceholderColumns creates a table whose extra columns (one of each
// KQL type) are placeholders: the catalog shows them with their types, they
// read as "" or null, and a later load fills each one.
func TestPlaceholderColumns(t *testing.T) {
	ctx := context.Background()
	db := openTest(t, Options{})
	id := []table.Column{col("id", table.Long)}
	if err := loadRows(t, db, "P", id, Replace, everyType, []any{int64(1)}); err != nil {
		t.Fatal(err)
	}
	info, err := db.Table(ctx, "P")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(append(id, everyType...), info.Columns); diff != "" {
		t.Errorf("columns (-want +got):\n%s", diff)
	}
	got := mustQuery(t, db, Query{SQL: `SELECT * FROM "P"`})
	want := [][]any{{int64(1), nil, nil, nil, nil, nil, "", nil, nil, nil, nil}}
	if diff := cmp.Diff(want, got.Rows); diff != "" {
		t.Errorf("placeholders (-want +got):\n%s", diff)
	}
	if got := mustQuery(t, db, Query{SQL: `SELECT count(*) FROM "P" WHERE s = ''`}); got.Rows[0][0] != int64(1) {
		t.Errorf("a string placeholder is not \"\": count %v", got.Rows[0][0])
	}
	// Fill every placeholder: each becomes a stored column.
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	row := []any{true, int64(7), int64(8), 1.5, "2.5", "x", at, time.Second,
		map[string]any{"k": "v"}, "6f1c0a3e-8b9e-4a51-9a3c-2d0c4c8f1e11", int64(2)}
	schema := append(append([]table.Column(nil), everyType...), id...)
	if err := loadRows(t, db, "P", schema, Append, nil, row); err != nil {
		t.Fatal(err)
	}
	got = mustQuery(t, db, Query{SQL: `SELECT id, b, i, l, r, s, t, g FROM "P" ORDER BY id`})
	if len(got.Rows) != 2 || got.Rows[0][1] != nil || got.Rows[0][5] != "" || got.Rows[1][1] != true ||
		got.Rows[1][5] != "x" || got.Rows[1][3] != int64(8) {
		t.Errorf("after filling the placeholders: %v", got.Rows)
	}
	info, err = db.Table(ctx, "P")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(append(id, everyType...), info.Columns); diff != "" {
		t.Errorf("columns after filling (-want +got):\n%s", diff)
	}
}

// TestPlaceholderFillRolledBack fills a placeholder in a load that then
// fails: the column stays a placeholder, and the table keeps its rows.
func TestPlaceholderFillRolledBack(t *testing.T) {
	ctx := context.Background()
	db := openTest(t, Options{})
	id := []table.Column{col("id", table.Long)}
	extra := []table.Column{col("name", table.String)}
	if err := loadRows(t, db, "R", id, Replace, extra, []any{int64(1)}); err != nil {
		t.Fatal(err)
	}
	schema := []table.Column{col("name", table.String), col("id", table.Long)}
	err := loadRows(t, db, "R", schema, Append, nil, []any{"a", int64(2)}, []any{"b", "not a long"})
	if err == nil {
		t.Fatal("a bad row loaded")
	}
	got := mustQuery(t, db, Query{SQL: `SELECT id, name FROM "R"`})
	if diff := cmp.Diff([][]any{{int64(1), ""}}, got.Rows); diff != "" {
		t.Errorf("rows after the failed load (-want +got):\n%s", diff)
	}
	// Still a placeholder: it can be filled (again in place of the failed load).
	if err := loadRows(t, db, "R", schema, Append, nil, []any{"c", int64(3)}); err != nil {
		t.Fatal(err)
	}
	got = mustQuery(t, db, Query{SQL: `SELECT id, name FROM "R" ORDER BY id`})
	if diff := cmp.Diff([][]any{{int64(1), ""}, {int64(3), "c"}}, got.Rows); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	info, err := db.Table(ctx, "R")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]table.Column{id[0], extra[0]}, info.Columns); diff != "" {
		t.Errorf("columns (-want +got):\n%s", diff)
	}
}

// TestGeneratedColumnNotAPlaceholder: a generated column made outside the
// engine is not replaced by a load; the load fails and changes nothing.
func TestGeneratedColumnNotAPlaceholder(t *testing.T) {
	ctx := context.Background()
	db := openTest(t, Options{})
	if err := db.Exec(ctx, `CREATE TABLE G (id BIGINT, twice BIGINT GENERATED ALWAYS AS (id * 2) VIRTUAL)`); err != nil {
		t.Fatal(err)
	}
	if err := db.Exec(ctx, `INSERT INTO G (id) VALUES (4)`); err != nil {
		t.Fatal(err)
	}
	schema := []table.Column{col("id", table.Long), col("twice", table.Long)}
	if err := loadRows(t, db, "G", schema, Append, nil, []any{int64(5), int64(1)}); err == nil {
		t.Error("a load wrote a generated column")
	}
	got := mustQuery(t, db, Query{SQL: `SELECT id, twice FROM G`})
	if diff := cmp.Diff([][]any{{int64(4), int64(8)}}, got.Rows); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	if !isPlaceholder("CAST(CASE  WHEN (CAST('f' AS BOOLEAN)) THEN ('huntbook:placeholder') ELSE '' END AS VARCHAR)") ||
		isPlaceholder("(id * 2)") || isPlaceholder("''") {
		t.Error("isPlaceholder misreads a column default")
	}
}
