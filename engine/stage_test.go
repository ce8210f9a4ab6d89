package engine

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

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
		i%2 == 0, int32(-i), int64(i) << 20, float64(i) / 3, fmt.Sprintf("-%d.000000000000000001", i),
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
