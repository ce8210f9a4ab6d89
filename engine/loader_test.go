package engine

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/huntbook/huntbook/table"
)

// TestLoaderInterleavedTables loads two tables whose rows arrive
// interleaved, as a Windows event log split by channel does, in one
// transaction.
func TestLoaderInterleavedTables(t *testing.T) {
	ctx := context.Background()
	db := openTest(t, Options{})
	l, err := db.BeginLoad(ctx)
	if err != nil {
		t.Fatal(err)
	}
	a, err := l.Table("A", []table.Column{col("n", table.Long)}, Create)
	if err != nil {
		t.Fatal(err)
	}
	b, err := l.Table("B", []table.Column{col("s", table.String), col("n", table.Long)}, Append)
	if err != nil {
		t.Fatal(err)
	}
	const n = 3*loadBatch + 7 // several flushes and a partial batch
	row := make([]any, 2)
	for i := range n {
		if err := a.Append([]any{int64(i)}); err != nil {
			t.Fatal(err)
		}
		row[0], row[1] = "x", int64(i) // the slice is reused: Append must copy
		if i%2 == 0 {
			if err := b.Append(row); err != nil {
				t.Fatal(err)
			}
		}
	}
	// Nothing is visible before Commit.
	if _, err := db.Table(ctx, "A"); !errors.Is(err, ErrNoTable) {
		t.Errorf("table A visible before commit: %v", err)
	}
	counts, err := l.Commit()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]int64{"A": n, "B": (n + 1) / 2}, counts); diff != "" {
		t.Errorf("counts (-want +got):\n%s", diff)
	}
	got := mustQuery(t, db, Query{SQL: `SELECT count(*), sum(n), min(s) FROM "B"`})
	want := []any{int64((n + 1) / 2), nil, "x"}
	if got.Rows[0][0] != want[0] || got.Rows[0][2] != want[2] {
		t.Errorf("B = %v, want count %v and s %q", got.Rows[0], want[0], want[2])
	}
	if err := l.Rollback(); err != nil {
		t.Errorf("rollback after commit: %v", err)
	}
}

func TestLoaderRollbackLeavesEveryTable(t *testing.T) {
	ctx := context.Background()
	db := openTest(t, Options{})
	schema := []table.Column{col("n", table.Long)}
	if _, err := db.Load(ctx, "A", schema, Create, rowsOf([]any{int64(1)})); err != nil {
		t.Fatal(err)
	}
	l, err := db.BeginLoad(ctx)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := l.Table("A", schema, Replace)
	c, _ := l.Table("C", schema, Create)
	for i := range 5000 {
		_ = a.Append([]any{int64(i)})
		_ = c.Append([]any{int64(i)})
	}
	// A bad value fails the loader; afterwards only Rollback is accepted.
	if err := c.Append([]any{"not a number"}); err == nil {
		if _, err = l.Commit(); err == nil {
			t.Fatal("a bad value was committed")
		}
	}
	if _, err := l.Table("D", schema, Create); err == nil {
		t.Error("a failed loader accepted another table")
	}
	if err := l.Rollback(); err != nil {
		t.Fatal(err)
	}
	got := mustQuery(t, db, Query{SQL: `SELECT n FROM "A"`, Schema: schema})
	if diff := cmp.Diff([][]any{{int64(1)}}, got.Rows); diff != "" {
		t.Errorf("A after rollback (-want +got):\n%s", diff)
	}
	if _, err := db.Table(ctx, "C"); !errors.Is(err, ErrNoTable) {
		t.Errorf("C exists after rollback: %v", err)
	}
}

// TestLoaderAppendReconciles: appending data with fewer and with new
// columns widens the table; a column of another type is refused.
func TestLoaderAppendReconciles(t *testing.T) {
	ctx := context.Background()
	db := openTest(t, Options{})
	first := []table.Column{col("n", table.Long), col("s", table.String)}
	if _, err := db.Load(ctx, "T", first, Create, rowsOf([]any{int64(1), "one"})); err != nil {
		t.Fatal(err)
	}
	second := []table.Column{col("extra", table.Real), col("n", table.Long)}
	if _, err := db.Load(ctx, "T", second, Append, rowsOf([]any{2.5, int64(2)})); err != nil {
		t.Fatal(err)
	}
	info, err := db.Table(ctx, "T")
	if err != nil {
		t.Fatal(err)
	}
	wantCols := []table.Column{col("n", table.Long), col("s", table.String), col("extra", table.Real)}
	if diff := cmp.Diff(wantCols, info.Columns); diff != "" {
		t.Errorf("columns (-want +got):\n%s", diff)
	}
	got := mustQuery(t, db, Query{SQL: `SELECT * FROM "T" ORDER BY n`, Schema: wantCols})
	want := [][]any{{int64(1), "one", nil}, {int64(2), "", 2.5}}
	if diff := cmp.Diff(want, got.Rows); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	conflict := []table.Column{col("s", table.Long)}
	if _, err := db.Load(ctx, "T", conflict, Append, rowsOf([]any{int64(3)})); !errors.Is(err, ErrSchema) {
		t.Errorf("conflicting type: err = %v, want ErrSchema", err)
	}
}

// TestLoaderExtraColumns loads rows that fill some of a table's columns:
// the others exist with their defaults, and appending later with a wider
// row adds nothing twice.
func TestLoaderExtraColumns(t *testing.T) {
	ctx := context.Background()
	db := openTest(t, Options{})
	load := func(schema []table.Column, mode LoadMode, extra []table.Column, rows ...[]any) {
		t.Helper()
		l, err := db.BeginLoad(ctx)
		if err != nil {
			t.Fatal(err)
		}
		tl, err := l.Table("T", schema, mode, extra...)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			if err := tl.Append(r); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := l.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	catalog := []table.Column{col("Id", table.Long), col("Name", table.String), col("Score", table.Real)}
	load([]table.Column{col("Id", table.Long)}, Replace, catalog, []any{int64(1)})
	load([]table.Column{col("Name", table.String), col("Id", table.Long)}, Append, catalog, []any{"b", int64(2)})
	info, err := db.Table(ctx, "T")
	if err != nil {
		t.Fatal(err)
	}
	// Name was a placeholder until the second load filled it: it is now
	// stored, at the end of the table.
	wantCols := []table.Column{catalog[0], catalog[2], catalog[1]}
	if diff := cmp.Diff(wantCols, info.Columns); diff != "" {
		t.Errorf("columns (-want +got):\n%s", diff)
	}
	got := mustQuery(t, db, Query{SQL: `SELECT Id, Name, Score FROM "T" ORDER BY Id`})
	want := [][]any{{int64(1), "", nil}, {int64(2), "b", nil}}
	if diff := cmp.Diff(want, got.Rows); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	// The data's type wins over the extra column's; the table then disagrees.
	l, err := db.BeginLoad(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Rollback()
	if _, err := l.Table("T", []table.Column{col("Score", table.String)}, Append, catalog...); !errors.Is(err, ErrSchema) {
		t.Errorf("a type conflict gives %v, want ErrSchema", err)
	}
}

// TestLoaderAppendOwned hands over batches, mixed with copied rows; a
// short row fails the load before anything is written.
func TestLoaderAppendOwned(t *testing.T) {
	ctx := context.Background()
	db := openTest(t, Options{})
	l, err := db.BeginLoad(ctx)
	if err != nil {
		t.Fatal(err)
	}
	tl, err := l.Table("T", []table.Column{col("n", table.Long), col("s", table.String)}, Create)
	if err != nil {
		t.Fatal(err)
	}
	const n = 2*loadBatch + 5
	batch := make([][]any, 0, n)
	for i := range n {
		batch = append(batch, []any{int64(i), "x"})
	}
	if err := tl.AppendOwned(batch[:loadBatch-1]); err != nil {
		t.Fatal(err)
	}
	if err := tl.Append([]any{int64(-1), nil}); err != nil {
		t.Fatal(err)
	}
	if err := tl.AppendOwned(batch[loadBatch-1:]); err != nil {
		t.Fatal(err)
	}
	if got := tl.Rows(); got != n+1 {
		t.Errorf("Rows() = %d, want %d", got, n+1)
	}
	if _, err := l.Commit(); err != nil {
		t.Fatal(err)
	}
	got := mustQuery(t, db, Query{SQL: `SELECT count(*), sum(n), count(*) FILTER (s = '') FROM "T"`})
	want := []any{int64(n + 1), int64(n*(n-1)/2 - 1), int64(1)}
	if diff := cmp.Diff(want, got.Rows[0]); diff != "" {
		t.Errorf("T (-want +got):\n%s", diff)
	}

	l, err = db.BeginLoad(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Rollback()
	tl, err = l.Table("T", []table.Column{col("n", table.Long), col("s", table.String)}, Append)
	if err != nil {
		t.Fatal(err)
	}
	if err := tl.AppendOwned([][]any{{int64(1), "a"}, {int64(2)}}); !errors.Is(err, ErrSchema) {
		t.Errorf("short row gives %v, want ErrSchema", err)
	}
	if _, err := l.Commit(); err == nil {
		t.Error("commit after a failed append succeeded")
	}
}

// TestLoadersHoldingEveryConnection begins as many loaders as the pool has
// connections: beginning their tables must not need another connection.
func TestLoadersHoldingEveryConnection(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	db := openTest(t, Options{MaxConns: 2})
	var loaders []*Loader
	for range 2 {
		l, err := db.BeginLoad(ctx)
		if err != nil {
			t.Fatal(err)
		}
		loaders = append(loaders, l)
	}
	for i, l := range loaders {
		tl, err := l.Table(fmt.Sprintf("T%d", i), []table.Column{col("n", table.Long)}, Append)
		if err != nil {
			t.Fatalf("loader %d: %v", i, err)
		}
		if err := tl.Append([]any{int64(i)}); err != nil {
			t.Fatal(err)
		}
	}
	for _, l := range loaders {
		if _, err := l.Commit(); err != nil {
			t.Fatal(err)
		}
	}
}

// TestRowGroupSize: a database opened with a row group size writes row
// groups of that size, so a load of a few row groups is compressed into the
// database file at commit instead of copied into the write-ahead log; the
// file opens again with DuckDB's default size and takes more rows.
func TestRowGroupSize(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "db.duckdb")
	db := openTest(t, Options{Path: path, RowGroupSize: 4096})
	load := func(db *DB, name string, n int) {
		t.Helper()
		rows := func(yield func([]any, error) bool) {
			for i := range n {
				if !yield([]any{int64(i)}, nil) {
					return
				}
			}
		}
		if _, err := db.Load(ctx, name, []table.Column{col("n", table.Long)}, Create, rows); err != nil {
			t.Fatal(err)
		}
	}
	load(db, "T", 10000)
	groups := mustQuery(t, db, Query{SQL: `SELECT count(DISTINCT row_group_id) FROM pragma_storage_info('ws.main.T')`})
	if got := groups.Rows[0][0]; got != int64(3) {
		t.Errorf("10,000 rows in %v row groups, want 3 of 4096 rows", got)
	}
	if fi, err := os.Stat(path + ".wal"); err == nil && fi.Size() > 64<<10 {
		t.Errorf("write-ahead log holds %d bytes after loading three row groups: the rows were copied into it", fi.Size())
	}
	db.Close()
	db = openTest(t, Options{Path: path})
	load(db, "U", 5000)
	got := mustQuery(t, db, Query{SQL: `SELECT (SELECT sum(n) FROM ws.main.T), (SELECT count(*) FROM ws.main.U)`}).Rows[0]
	if got[0] != float64(10000*9999/2) && got[0] != int64(10000*9999/2) {
		t.Errorf("sum(n) of T after reopening = %v (%T)", got[0], got[0])
	}
	if got[1] != int64(5000) {
		t.Errorf("U has %v rows, want 5000", got[1])
	}
	if _, err := Open(ctx, Options{Path: path, RowGroupSize: 1000}); err == nil {
		t.Error("Open with a row group size of 1000 rows succeeded, want an error")
	}
}
