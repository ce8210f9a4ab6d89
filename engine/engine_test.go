package engine

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/huntbook/huntbook/engine/sqlrepr"
	"github.com/huntbook/huntbook/table"
)

func openTest(t testing.TB, opts Options) *DB {
	t.Helper()
	if opts.Threads == 0 {
		opts.Threads = 2
	}
	db, err := Open(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func mustQuery(t testing.TB, db *DB, q Query) *table.Table {
	t.Helper()
	res, err := db.Query(context.Background(), q, 0)
	if err != nil {
		t.Fatalf("%s: %v", q.SQL, err)
	}
	return res.Table
}

func rowsOf(rows ...[]any) iter.Seq2[[]any, error] {
	return func(yield func([]any, error) bool) {
		for _, r := range rows {
			if !yield(r, nil) {
				return
			}
		}
	}
}

func dyn(t testing.TB, s string) any {
	t.Helper()
	v, err := table.ParseDynamic(s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// allTypes is one column of every KQL type.
var allTypes = []table.Column{
	{Name: "b", Type: table.Bool}, {Name: "i", Type: table.Int}, {Name: "l", Type: table.Long},
	{Name: "r", Type: table.Real}, {Name: "m", Type: table.Decimal}, {Name: "s", Type: table.String},
	{Name: "t", Type: table.DateTime}, {Name: "d", Type: table.TimeSpan}, {Name: "x", Type: table.Dynamic},
	{Name: "g", Type: table.GUID},
}

func allTypesRows(t testing.TB) [][]any {
	return [][]any{
		{true, int32(-7), int64(1) << 60, 2.5, "1.25", "héllo", time.Date(2017, 10, 30, 1, 2, 3, 765432100, time.UTC),
			36*time.Hour + table.Tick, dyn(t, `{"a":[1,9007199254740993,"x"],"b":null}`), "6f3a1b6e-1234-4abc-8def-0123456789ab"},
		{nil, nil, nil, nil, nil, nil, nil, nil, nil, nil},
	}
}

// TestRoundTrip loads a value of every type into a file database, reopens
// it, and reads the table back with the KQL types recovered from the file.
func TestRoundTrip(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "ws.duckdb")
	db := openTest(t, Options{Path: path})
	rows := allTypesRows(t)
	n, err := db.Load(ctx, "T", allTypes, Create, rowsOf(rows...))
	if err != nil || n != 2 {
		t.Fatalf("Load = %d, %v", n, err)
	}
	db.Close()

	db = openTest(t, Options{Path: path, ReadOnly: true})
	info, err := db.Table(ctx, "T")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(TableInfo{Name: "T", Columns: allTypes, Rows: 2}, info); diff != "" {
		t.Errorf("Table (-want +got):\n%s", diff)
	}
	got := mustQuery(t, db, Query{SQL: `SELECT * FROM "T" ORDER BY rowid`, Schema: info.Columns})
	want := rows
	want[1][5] = "" // strings are never null
	if diff := cmp.Diff(want, got.Rows); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
}

func TestQueryInferredSchema(t *testing.T) {
	db := openTest(t, Options{})
	got := mustQuery(t, db, Query{SQL: `SELECT 1::BIGINT AS a, 'x' AS b, TIMESTAMP_NS '2020-01-01' AS c,
		'{"k":1}'::JSON AS d, [1,2] AS e, NULL::VARCHAR AS f, INTERVAL 90 MINUTE AS g`})
	want := &table.Table{
		Columns: []table.Column{col("a", table.Long), col("b", table.String), col("c", table.DateTime),
			col("d", table.Dynamic), col("e", table.Dynamic), col("f", table.String), col("g", table.TimeSpan)},
		Rows: [][]any{{int64(1), "x", time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC),
			`{"k":1}`, []any{int32(1), int32(2)}, "", 90 * time.Minute}},
	}
	_ = want
	if got.Columns[3].Type != table.Dynamic || got.Rows[0][5] != "" || got.Rows[0][6] != 90*time.Minute {
		t.Errorf("inferred: %v %v", got.Columns, got.Rows)
	}
}

func TestQuerySchemaNamesAndCap(t *testing.T) {
	db := openTest(t, Options{})
	schema := []table.Column{col("n", table.Long), col("ts", table.TimeSpan), col("j", table.Dynamic)}
	res, err := db.Query(context.Background(), Query{
		SQL:    `SELECT i, i * 10000000, json_object('i', i) FROM range(10) t(i) ORDER BY i DESC`,
		Schema: schema,
	}, 3)
	if err != nil {
		t.Fatal(err)
	}
	want := &table.Table{Columns: schema, Rows: [][]any{
		{int64(9), 9 * time.Second, map[string]any{"i": json.Number("9")}},
		{int64(8), 8 * time.Second, map[string]any{"i": json.Number("8")}},
		{int64(7), 7 * time.Second, map[string]any{"i": json.Number("7")}},
	}}
	if diff := cmp.Diff(want, res.Table); diff != "" || !res.Truncated {
		t.Errorf("truncated=%v (-want +got):\n%s", res.Truncated, diff)
	}
}

func TestQuerySchemaMismatch(t *testing.T) {
	db := openTest(t, Options{})
	_, err := db.Query(context.Background(), Query{SQL: `SELECT 1, 2`, Schema: []table.Column{col("a", table.Long)}}, 0)
	if !errors.Is(err, ErrSchema) {
		t.Errorf("err = %v, want ErrSchema", err)
	}
	_, err = db.Query(context.Background(), Query{SQL: `SELECT 'x'`, Schema: []table.Column{col("a", table.Long)}}, 0)
	if !errors.Is(err, ErrSchema) {
		t.Errorf("err = %v, want ErrSchema", err)
	}
}

// TestOrderPreserved checks that the engine's wrapping projection keeps the
// order of a sorted query across threads.
func TestOrderPreserved(t *testing.T) {
	db := openTest(t, Options{Threads: 4})
	var prev int64 = 1 << 62
	err := db.Stream(context.Background(), Query{
		SQL:    `SELECT hash(i) % 1000000 AS k FROM range(300000) t(i) ORDER BY k DESC`,
		Schema: []table.Column{col("k", table.Long)},
	}, 10000, func(b *table.Table) error {
		for _, r := range b.Rows {
			k := r[0].(int64)
			if k > prev {
				t.Fatalf("order lost: %d after %d", k, prev)
			}
			prev = k
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestStreamBatches(t *testing.T) {
	db := openTest(t, Options{})
	var sizes []int
	err := db.Stream(context.Background(), Query{SQL: `SELECT i FROM range(2500) t(i)`, Schema: []table.Column{col("i", table.Long)}},
		1000, func(b *table.Table) error { sizes = append(sizes, len(b.Rows)); return nil })
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]int{1000, 1000, 500}, sizes); diff != "" {
		t.Errorf("batches (-want +got):\n%s", diff)
	}
}

func TestExtensionsBuiltIn(t *testing.T) {
	db := openTest(t, Options{})
	got := mustQuery(t, db, Query{SQL: `SELECT extension_name FROM duckdb_extensions()
		WHERE loaded AND install_mode = 'STATICALLY_LINKED' AND extension_name IN ('json','parquet','icu','core_functions')
		ORDER BY 1`})
	if len(got.Rows) != 4 {
		t.Errorf("built-in extensions loaded: %v", got.Rows)
	}
	settings := mustQuery(t, db, Query{SQL: `SELECT name, value FROM duckdb_settings()
		WHERE name IN ('autoinstall_known_extensions','autoload_known_extensions') ORDER BY 1`})
	want := [][]any{{"autoinstall_known_extensions", "false"}, {"autoload_known_extensions", "false"}}
	if diff := cmp.Diff(want, settings.Rows); diff != "" {
		t.Errorf("settings (-want +got):\n%s", diff)
	}
	if err := db.Exec(context.Background(), "LOAD spatial"); err == nil {
		t.Error("LOAD spatial succeeded; extensions must not be fetched")
	}
}

func TestOptionsApplied(t *testing.T) {
	dir := t.TempDir()
	db := openTest(t, Options{MemoryLimit: 256 << 20, Threads: 1, TempDir: dir})
	got := mustQuery(t, db, Query{SQL: `SELECT current_setting('threads')::BIGINT, current_setting('temp_directory'),
		current_setting('memory_limit')`})
	if got.Rows[0][0] != int64(1) || got.Rows[0][1] != dir || got.Rows[0][2] != "256.0 MiB" {
		t.Errorf("settings = %v", got.Rows[0])
	}
}

func col(name string, t table.Type) table.Column { return table.Column{Name: name, Type: t} }

func sqlDur(ticks int64) any { return sqlrepr.Duration(ticks * 10000000) }

func jsonNum(i int64) any { return json.Number(fmt.Sprint(i)) }

func TestQueryArgs(t *testing.T) {
	db := openTest(t, Options{})
	ts := time.Date(2017, 10, 30, 1, 2, 3, 765432100, time.UTC)
	got := mustQuery(t, db, Query{
		SQL:    `SELECT $1::BIGINT + 1, $2 = 'it''s', CAST($3 AS TIMESTAMP_NS)`,
		Args:   []any{int64(41), "it's", ts},
		Schema: []table.Column{col("a", table.Long), col("b", table.Bool), col("c", table.DateTime)},
	})
	if diff := cmp.Diff([][]any{{int64(42), true, ts}}, got.Rows); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestConcurrentQueries runs queries, loads and results from several
// goroutines at once (run with -race).
func TestConcurrentQueries(t *testing.T) {
	ctx := context.Background()
	db := openTest(t, Options{})
	errs := make(chan error, 8)
	for g := range 8 {
		go func() {
			name := fmt.Sprintf("r%d", g)
			_, err := db.Materialize(ctx, name, Query{SQL: `SELECT i FROM range(1000) t(i)`, Schema: []table.Column{col("i", table.Long)}})
			if err == nil {
				var page *table.Table
				page, err = db.Page(ctx, name, 10, 5)
				if err == nil && (len(page.Rows) != 5 || page.Rows[0][0] != int64(10)) {
					err = fmt.Errorf("page %v", page.Rows)
				}
			}
			if err == nil {
				_, err = db.Load(ctx, fmt.Sprintf("L%d", g), []table.Column{col("a", table.Long)}, Create, rowsOf([]any{int64(g)}))
			}
			errs <- err
		}()
	}
	for range 8 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
	if _, err := db.Query(ctx, Query{SQL: "CREATE TABLE x (a INT)"}, 0); !errors.Is(err, ErrSchema) {
		t.Errorf("DDL through Query: %v", err)
	}
}
