package engine

import (
	"context"
	"errors"
	"iter"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/huntbook/huntbook/table"
)

// slowSQL runs for many seconds on two threads unless interrupted.
const slowSQL = `SELECT count(*) FROM range(100000000000) t(i) WHERE hash(i) % 7 = 3`

func TestBadSQL(t *testing.T) {
	db := openTest(t, Options{})
	_, err := db.Query(context.Background(), Query{SQL: `SELEC 1`}, 0)
	if err == nil || !strings.Contains(err.Error(), "syntax error") {
		t.Errorf("err = %v, want a syntax error", err)
	}
	_, err = db.Query(context.Background(), Query{SQL: `SELECT * FROM nowhere`}, 0)
	if err == nil || !strings.Contains(err.Error(), "nowhere") {
		t.Errorf("err = %v, want a catalog error", err)
	}
	if _, err := db.Table(context.Background(), "nowhere"); !errors.Is(err, ErrNoTable) {
		t.Errorf("Table err = %v, want ErrNoTable", err)
	}
}

func TestCancelMidQuery(t *testing.T) {
	db := openTest(t, Options{})
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(200*time.Millisecond, cancel)
	start := time.Now()
	_, err := db.Query(ctx, Query{SQL: slowSQL}, 0)
	if !errors.Is(err, ErrCanceled) {
		t.Fatalf("err = %v, want ErrCanceled", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("cancellation took %v", d)
	}
	// The connection is usable afterwards.
	if got := mustQuery(t, db, Query{SQL: `SELECT 42`}); got.Rows[0][0] != int32(42) {
		t.Errorf("after cancel: %v", got.Rows)
	}
}

func TestTimeout(t *testing.T) {
	db := openTest(t, Options{QueryTimeout: 200 * time.Millisecond})
	start := time.Now()
	_, err := db.Query(context.Background(), Query{SQL: slowSQL}, 0)
	if !errors.Is(err, ErrTimeout) {
		t.Fatalf("err = %v, want ErrTimeout", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("timeout took %v", d)
	}
	// A cursor's deadline covers the reading too.
	err = db.Stream(context.Background(), Query{SQL: `SELECT i FROM range(10) t(i)`}, 1, func(*table.Table) error {
		time.Sleep(50 * time.Millisecond)
		return nil
	})
	if !errors.Is(err, ErrTimeout) {
		t.Errorf("stream err = %v, want ErrTimeout", err)
	}
}

func TestMemoryLimit(t *testing.T) {
	// No temp directory: nothing can spill, so a large aggregation fails.
	db := openTest(t, Options{MemoryLimit: 64 << 20, Threads: 1})
	_, err := db.Query(context.Background(), Query{
		SQL: `SELECT list(repeat('x', 100) || i) FROM range(5000000) t(i)`,
	}, 0)
	if !errors.Is(err, ErrMemoryLimit) {
		t.Fatalf("err = %v, want ErrMemoryLimit", err)
	}
}

func TestLoadFailureLeavesTable(t *testing.T) {
	ctx := context.Background()
	db := openTest(t, Options{})
	schema := []table.Column{col("n", table.Long), col("s", table.String)}
	if _, err := db.Load(ctx, "T", schema, Create, rowsOf([]any{int64(1), "one"}, []any{int64(2), "two"})); err != nil {
		t.Fatal(err)
	}
	want := [][]any{{int64(1), "one"}, {int64(2), "two"}}
	check := func(what string) {
		t.Helper()
		got := mustQuery(t, db, Query{SQL: `SELECT * FROM "T" ORDER BY n`, Schema: schema})
		if diff := cmp.Diff(want, got.Rows); diff != "" {
			t.Errorf("after %s (-want +got):\n%s", what, diff)
		}
	}
	many := func(bad []any) iter.Seq2[[]any, error] {
		return func(yield func([]any, error) bool) {
			for i := range 10000 {
				if !yield([]any{int64(100 + i), "x"}, nil) {
					return
				}
			}
			yield(bad, nil)
		}
	}
	// A bad value after 10,000 good rows.
	for _, mode := range []LoadMode{Append, Replace} {
		if _, err := db.Load(ctx, "T", schema, mode, many([]any{"not a long", "x"})); err == nil {
			t.Errorf("mode %d: bad row accepted", mode)
		}
		check("a failed load")
	}
	// The source fails.
	failing := func(yield func([]any, error) bool) {
		if yield([]any{int64(3), "three"}, nil) {
			yield(nil, errors.New("disk on fire"))
		}
	}
	if _, err := db.Load(ctx, "T", schema, Append, failing); err == nil || !strings.Contains(err.Error(), "disk on fire") {
		t.Errorf("err = %v", err)
	}
	check("a failed source")
	// Create over an existing table, and a schema mismatch on append.
	if _, err := db.Load(ctx, "T", schema, Create, rowsOf()); err == nil {
		t.Error("Create over an existing table succeeded")
	}
	conflict := []table.Column{{Name: schema[1].Name, Type: table.Long}}
	if _, err := db.Load(ctx, "T", conflict, Append, rowsOf([]any{int64(5)})); !errors.Is(err, ErrSchema) {
		t.Errorf("append with a conflicting column type: err = %v", err)
	}
	check("a conflicting append")
	// Cancellation.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := db.Load(cctx, "T", schema, Append, many([]any{int64(1), "ok"})); !errors.Is(err, ErrCanceled) {
		t.Errorf("canceled load: err = %v", err)
	}
	check("a canceled load")
}
