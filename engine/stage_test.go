package engine

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/huntbook/huntbook/table"
)

// stageTestSchema has a column of every KQL type.
var stageTestSchema = []table.Column{
	col("b", table.Bool), col("i", table.Int), col("l", table.Long), col("r", table.Real),
	col("d", table.Decimal), col("s", table.String), col("t", table.DateTime),
	col("ts", table.TimeSpan), col("dyn", table.Dynamic), col("g", table.GUID),
}

// stageTestRow is row i of a load: every fifth value is null, and the
// values cover negative numbers, sub-microsecond times and nested JSON.
func stageTestRow(i int) []any {
	row := []any{
		i%3 == 0, int32(-i), int64(i) << 20, float64(i) / 3, fmt.Sprintf("-%d.000000000000000001", i),
		fmt.Sprintf("str %d ü", i), time.Date(2025, 12, 31, 0, 0, i, 100*i, time.UTC),
		time.Duration(i) * 1500 * time.Nanosecond, map[string]any{"n": i, "a": []any{"x", nil}},
		fmt.Sprintf("00000000-0000-4000-8000-%012d", i),
	}
	for k := range row {
		if (i+k)%5 == 0 {
			row[k] = nil
		}
	}
	return row
}

// loadStageTest loads n rows into name, staged (through files of fileRows
// rows) or through the appender.
func loadStageTest(t *testing.T, db *DB, name string, n int, staged bool, fileRows int) string {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	var l *Loader
	var err error
	if staged {
		l, err = db.BeginStagedLoad(ctx, dir)
		l.stageRows = fileRows
	} else {
		l, err = db.BeginLoad(ctx)
	}
	if err != nil {
		t.Fatal(err)
	}
	tl, err := l.Table(name, stageTestSchema, Create, col("extra", table.String))
	if err != nil {
		t.Fatal(err)
	}
	if staged && tl.stage == nil {
		t.Fatal("staged load did not stage the table")
	}
	for i := range n {
		if err := tl.Append(stageTestRow(i)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := l.Commit(); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestStagedLoadSameRows: a staged load stores exactly the rows the
// appender stores, for every type, across several files and row groups,
// and leaves no staging file behind.
func TestStagedLoadSameRows(t *testing.T) {
	db := openTest(t, Options{})
	const n = 2*1000 + 321
	loadStageTest(t, db, "Appended", n, false, 0)
	dir := loadStageTest(t, db, "Staged", n, true, 1000)
	for _, q := range []string{
		`SELECT count(*) FROM (SELECT * FROM "Appended" EXCEPT ALL SELECT * FROM "Staged")`,
		`SELECT count(*) FROM (SELECT * FROM "Staged" EXCEPT ALL SELECT * FROM "Appended")`,
	} {
		if got := mustQuery(t, db, Query{SQL: q}).Rows[0][0]; got != int64(0) {
			t.Errorf("%s = %v, want 0", q, got)
		}
	}
	got := mustQuery(t, db, Query{SQL: `SELECT count(*), count(t), min(extra) FROM "Staged"`}).Rows[0]
	if got[0] != int64(n) || got[1] != int64(n-n/5) || got[2] != "" {
		t.Errorf("staged table: count, count(t), min(extra) = %v", got)
	}
	assertEmptyDir(t, dir)
}

// TestStagedLoadFailureRollsBack: a bad row after a staging file was
// inserted fails the load; Rollback leaves the table as it was and removes
// the staging files.
func TestStagedLoadFailureRollsBack(t *testing.T) {
	ctx := context.Background()
	db := openTest(t, Options{})
	loadStageTest(t, db, "T", 10, false, 0)
	dir := t.TempDir()
	l, err := db.BeginStagedLoad(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	l.stageRows = 100
	tl, err := l.Table("T", []table.Column{col("l", table.Long)}, Replace)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 4500 { // the bad row is in the last, partial batch
		v := any(int64(i))
		if i == 4400 {
			v = "not a long"
		}
		if err := tl.Append([]any{v}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := l.Commit(); !errors.Is(err, ErrSchema) && (err == nil || !strings.Contains(err.Error(), "row 4401")) {
		t.Fatalf("Commit with a string in a long column: %v, want an error naming row 4401", err)
	}
	l.Rollback()
	got := mustQuery(t, db, Query{SQL: `SELECT count(*), count(s) FROM "T"`}).Rows[0]
	if got[0] != int64(10) || got[1] != int64(10) {
		t.Errorf("after rollback T has count, count(s) = %v, want the 10 rows before", got)
	}
	assertEmptyDir(t, dir)
}

// TestStagedLoadInsertFailsInFlight: a staging file is inserted while the
// next one is written; when DuckDB rejects it (here a CHECK constraint on
// the second file), the error reaches the caller by the next file or the
// Commit, and Rollback leaves the table and the staging directory empty.
func TestStagedLoadInsertFailsInFlight(t *testing.T) {
	ctx := context.Background()
	db := openTest(t, Options{})
	if err := db.Exec(ctx, `CREATE TABLE "K" (l BIGINT CHECK (l < 150))`); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	l, err := db.BeginStagedLoad(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	l.stageRows = 100
	tl, err := l.Table("K", []table.Column{col("l", table.Long)}, Append)
	if err != nil {
		t.Fatal(err)
	}
	var loadErr error
	for i := 0; i < 5000 && loadErr == nil; i++ {
		loadErr = tl.Append([]any{int64(i)})
	}
	if loadErr == nil {
		_, loadErr = l.Commit()
	}
	if loadErr == nil || !strings.Contains(loadErr.Error(), "CHECK") {
		t.Fatalf("load past a CHECK constraint: %v, want the constraint's error", loadErr)
	}
	l.Rollback()
	if got := mustQuery(t, db, Query{SQL: `SELECT count(*) FROM "K"`}).Rows[0][0]; got != int64(0) {
		t.Errorf("after rollback K has %v rows, want 0", got)
	}
	assertEmptyDir(t, dir)
}

// TestStagedLoadCancel: cancelling the context stops a staged load, which
// then rolls back without leaving the table or a staging file.
func TestStagedLoadCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	db := openTest(t, Options{})
	dir := t.TempDir()
	l, err := db.BeginStagedLoad(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	l.stageRows = 500
	tl, err := l.Table("C", stageTestSchema, Create)
	if err != nil {
		t.Fatal(err)
	}
	var loadErr error
	for i := 0; i < 100000 && loadErr == nil; i++ {
		if i == 3000 { // after a few files were inserted, one open
			cancel()
		}
		loadErr = tl.Append(stageTestRow(i))
	}
	if !errors.Is(loadErr, ErrCanceled) {
		t.Fatalf("load error = %v, want ErrCanceled", loadErr)
	}
	l.Rollback()
	if _, err := db.Table(context.Background(), "C"); !errors.Is(err, ErrNoTable) {
		t.Errorf("cancelled load left table C: %v", err)
	}
	assertEmptyDir(t, dir)
}

// assertEmptyDir fails when dir holds anything: a staged load removes its
// staging directory.
func assertEmptyDir(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		t.Errorf("left behind in the staging parent: %s", e.Name())
	}
}

// TestStagedLoadEveryType: for each column type, a staged load stores the
// values the appender stores, edge values, nulls and the Go types
// storeValue converts included.
func TestStagedLoadEveryType(t *testing.T) {
	nyc := time.FixedZone("EST", -5*3600)
	tests := []struct {
		typ  table.Type
		vals []any
	}{
		{table.Bool, []any{true, false, nil, true, true, false, true, false, true, nil, false}},
		{table.Int, []any{int32(0), int32(-1), int32(math.MaxInt32), int32(math.MinInt32), nil, int64(5), int8(-3)}},
		{table.Long, []any{int64(0), int64(math.MaxInt64), int64(math.MinInt64), nil, int32(7), uint16(9)}},
		{table.Real, []any{0.5, -1e300, math.Inf(1), math.Inf(-1), math.NaN(), math.SmallestNonzeroFloat64, nil}},
		{table.DateTime, []any{time.Date(2025, 1, 2, 3, 4, 5, 123456789, time.UTC), time.Date(1969, 12, 31, 23, 59, 59, 1, time.UTC),
			time.Date(2025, 6, 1, 12, 0, 0, 0, nyc), nil, time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2300, 1, 1, 0, 0, 0, 0, time.UTC)}},
		{table.TimeSpan, []any{time.Duration(0), -1500 * time.Millisecond, 100 * time.Nanosecond, time.Nanosecond, nil,
			time.Duration(math.MaxInt64), time.Duration(math.MinInt64)}},
		{table.String, []any{"", "a", "ü ✓", strings.Repeat("x", 10000), nil, "tab\tnl\n", "", strings.Repeat("z", 100000), "b"}},
		{table.Dynamic, []any{nil, map[string]any{"a": []any{int64(1), "x", nil}}, []any{}, "text", int64(-3), 2.5, true}},
		{table.Decimal, []any{"0", "-1.5", "123456789012345678.000000000000000001", "1e3", nil, "-0.000000000000000001"}},
		{table.GUID, []any{"00000000-0000-0000-0000-000000000000", "0C7A5B4E-1F2D-4E3C-9A8B-7D6E5F4A3B2C", nil,
			"ffffffff-ffff-ffff-ffff-ffffffffffff"}},
	}
	db := openTest(t, Options{})
	for _, tc := range tests {
		t.Run(tc.typ.String(), func(t *testing.T) {
			schema := []table.Column{col("id", table.Long), col("v", tc.typ)}
			rows := make([][]any, len(tc.vals))
			for i, v := range tc.vals {
				rows[i] = []any{int64(i), v}
			}
			app, staged := "A_"+tc.typ.String(), "S_"+tc.typ.String()
			loadEither(t, db, app, schema, rows, false)
			loadEither(t, db, staged, schema, rows, true)
			assertSameTable(t, db, app, staged, len(rows))
		})
	}
}

// TestStagedLoadManyPages: columns whose values outgrow a data page are
// split into several pages of a row group, next to columns that are not.
func TestStagedLoadManyPages(t *testing.T) {
	db := openTest(t, Options{})
	schema := []table.Column{col("s", table.String), col("b", table.Bool), col("l", table.Long), col("d", table.Dynamic)}
	big := strings.Repeat("y", 900)
	var rows [][]any
	for i := range 5 * loadBatch {
		var l any
		if i%7 != 0 {
			l = int64(i)
		}
		rows = append(rows, []any{fmt.Sprintf("%d %s", i, big), i%3 == 0, l, map[string]any{"i": int64(i)}})
	}
	loadEither(t, db, "A", schema, rows, false)
	loadEither(t, db, "S", schema, rows, true)
	assertSameTable(t, db, "A", "S", len(rows))
}

// loadEither loads rows into a new table, staged or through the appender.
func loadEither(t *testing.T, db *DB, name string, schema []table.Column, rows [][]any, staged bool) {
	t.Helper()
	ctx := context.Background()
	var l *Loader
	var err error
	if staged {
		l, err = db.BeginStagedLoad(ctx, t.TempDir())
	} else {
		l, err = db.BeginLoad(ctx)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer l.Rollback()
	tl, err := l.Table(name, schema, Create)
	if err != nil {
		t.Fatal(err)
	}
	if staged != (tl.stage != nil) {
		t.Fatalf("staged = %v but the table's stage is %v", staged, tl.stage)
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

// assertSameTable fails unless tables a and b hold the same n rows.
func assertSameTable(t *testing.T, db *DB, a, b string, n int) {
	t.Helper()
	for _, q := range []string{
		fmt.Sprintf(`SELECT count(*) FROM (SELECT * FROM %q EXCEPT ALL SELECT * FROM %q)`, a, b),
		fmt.Sprintf(`SELECT count(*) FROM (SELECT * FROM %q EXCEPT ALL SELECT * FROM %q)`, b, a),
	} {
		if got := mustQuery(t, db, Query{SQL: q}).Rows[0][0]; got != int64(0) {
			t.Errorf("%s = %v, want 0", q, got)
		}
	}
	q := fmt.Sprintf(`SELECT count(*) FROM %q`, b)
	if got := mustQuery(t, db, Query{SQL: q}).Rows[0][0]; got != int64(n) {
		t.Errorf("%s = %v, want %d", q, got, n)
	}
}

// TestStageFileReadsBack: a staging file is valid Parquet to parquet-go's
// reader too, with stageSchema's schema, its row groups and every value.
func TestStageFileReadsBack(t *testing.T) {
	const n = 2500
	s := &tableStage{dir: t.TempDir(), name: "T", schema: stageTestSchema, limit: 1000}
	batch := make([][]any, n)
	for i := range batch {
		batch[i] = stageTestRow(i)
	}
	if err := s.write(batch[:1200], 0); err != nil {
		t.Fatal(err)
	}
	if err := s.write(batch[1200:], 1200); err != nil {
		t.Fatal(err)
	}
	path, err := s.seal()
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	pf, err := parquet.OpenFile(f, st.Size())
	if err != nil {
		t.Fatal(err)
	}
	if !parquet.EqualNodes(pf.Schema(), stageSchema(stageTestSchema)) {
		t.Errorf("schema:\n%v\nwant:\n%v", pf.Schema(), stageSchema(stageTestSchema))
	}
	if pf.NumRows() != n || len(pf.RowGroups()) != 2 {
		t.Errorf("%d rows in %d row groups, want %d in 2", pf.NumRows(), len(pf.RowGroups()), n)
	}
	rows := parquet.NewReader(pf)
	got := make([]parquet.Row, 1)
	for i := range n {
		if m, err := rows.ReadRows(got); m != 1 {
			t.Fatalf("row %d: %v", i, err)
		}
		assertStagedRow(t, i, got[0], stageTestRow(i))
	}
}

// assertStagedRow compares a row read back from a staging file with the
// row written, column by column in each column's Parquet form.
func assertStagedRow(t *testing.T, i int, got parquet.Row, want []any) {
	t.Helper()
	for k, v := range want {
		g := got[k]
		if v == nil && stageTestSchema[k].Type != table.String {
			if !g.IsNull() {
				t.Errorf("row %d column %d = %v, want null", i, k, g)
			}
			continue
		}
		var ok bool
		switch x := v.(type) {
		case nil:
			ok = g.String() == ""
		case bool:
			ok = g.Boolean() == x
		case int32:
			ok = g.Int32() == x
		case int64:
			ok = g.Int64() == x
		case float64:
			ok = g.Double() == x
		case time.Time:
			ok = g.Int64() == x.UnixNano()
		case time.Duration:
			ok = g.Int64() == int64(x/table.Tick)
		case string:
			ok = g.String() == x || stageTestSchema[k].Type != table.String // decimal, guid: re-encoded
		default:
			ok = strings.HasPrefix(g.String(), "{")
		}
		if !ok {
			t.Errorf("row %d column %d = %v, want %v", i, k, g, v)
		}
	}
}
