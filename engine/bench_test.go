package engine

import (
	"context"
	"flag"
	"sync"
	"testing"
	"time"

	duckdb "github.com/duckdb/duckdb-go/v2"

	"github.com/huntbook/huntbook/engine/benchdata"
	"github.com/huntbook/huntbook/engine/kqlfunc"
	"github.com/huntbook/huntbook/engine/sqlrepr"
	"github.com/huntbook/huntbook/table"
)

// benchRows sizes the benchmark table: 10M rows, or 200k with -short.
var benchRows = flag.Int("engine.rows", 0, "rows of the benchmark SecurityEvent table (default 10M, 200k with -short)")

var (
	benchOnce sync.Once
	benchDB   *DB
	benchMB   float64 // MB of CommandLine text
	benchErr  error
)

// benchSetup generates the table once per test binary.
func benchSetup(b *testing.B) *DB {
	b.Helper()
	benchOnce.Do(func() {
		rows := *benchRows
		if rows == 0 {
			rows = 10_000_000
			if testing.Short() {
				rows = 200_000
			}
		}
		ctx := context.Background()
		benchDB, benchErr = Open(ctx, Options{})
		if benchErr != nil {
			return
		}
		start := time.Now()
		for _, stmt := range benchdata.GenerateSQL(rows) {
			if benchErr = benchDB.Exec(ctx, stmt); benchErr != nil {
				return
			}
		}
		b.Logf("generated %d rows in %v", rows, time.Since(start).Round(time.Millisecond))
		var res *Result
		res, benchErr = benchDB.Query(ctx, Query{SQL: `SELECT sum(strlen(CommandLine)) / 1e6 FROM SecurityEvent`,
			Schema: []table.Column{{Name: "mb", Type: table.Real}}}, 0)
		if benchErr == nil {
			benchMB = res.Table.Rows[0][0].(float64)
			benchErr = registerBenchUDF(ctx, benchDB)
		}
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchDB
}

// registerBenchUDF registers has as a plain Go UDF, the alternative the
// kql_has macro is measured against.
func registerBenchUDF(ctx context.Context, db *DB) error {
	c, err := db.sql.Conn(ctx)
	if err != nil {
		return err
	}
	defer c.Close()
	f, err := newScalarUDF(sqlrepr.UDF{Name: "bench_has_udf", Args: []table.Type{table.String, table.String},
		Result: table.Bool, Null: sqlrepr.NullPropagates, Fn: kqlfunc.Has}, db.jsonTyp)
	if err != nil {
		return err
	}
	return duckdb.RegisterScalarUDF(c, "bench_has_udf", f)
}

// runBench times a query; besides wall time it reports CPU ms per run
// (all DuckDB threads), the steadier figure on a shared machine.
func runBench(b *testing.B, db *DB, sqlText string) (cpuPerOp time.Duration) {
	ctx := context.Background()
	cpu := cpuTime()
	for b.Loop() {
		if _, err := db.Query(ctx, Query{SQL: sqlText}, 0); err != nil {
			b.Fatal(err)
		}
	}
	cpuPerOp = (cpuTime() - cpu) / time.Duration(b.N)
	b.ReportMetric(float64(cpuPerOp.Microseconds())/1000, "cpu-ms/op")
	return cpuPerOp
}

// BenchmarkQuestions runs the ten hunting questions as hand-written SQL.
func BenchmarkQuestions(b *testing.B) {
	db := benchSetup(b)
	for _, q := range benchdata.Questions {
		b.Run(q.Name, func(b *testing.B) { runBench(b, db, q.SQL) })
	}
}

// BenchmarkHas measures term matching throughput over the CommandLine
// column (MB/s) for the engine's macro and the alternatives it beat.
func BenchmarkHas(b *testing.B) {
	db := benchSetup(b)
	hasOp, _ := kqlfunc.LookupTermOp("has")
	forms := []struct{ name, where string }{
		{"macro_rare", `kql_has(CommandLine, 'mimikatz')`},
		{"macro_common", `kql_has(CommandLine, 'whoami')`},
		{"go_udf_rare", `bench_has_udf(CommandLine, 'mimikatz')`},
		{"go_udf_common", `bench_has_udf(CommandLine, 'whoami')`},
		{"regex_only_rare", `regexp_matches(CommandLine, '(?:^|[^0-9A-Za-z])[mM][iI][mM][iI][kK][aA][tT][zZ](?:$|[^0-9A-Za-z])')`},
		{"ilike_rare", `CommandLine ILIKE '%mimikatz%'`},
		{"contains_lower_rare", `contains(lower(CommandLine), 'mimikatz')`},
		{"has_any_3", `kql_has_any(CommandLine, CAST('["mimikatz","whoami","sekurlsa"]' AS JSON))`},
		{"regex_any_3", `regexp_matches(CommandLine, ` + sqlrepr.QuoteString(hasOp.AnyRegex([]string{"mimikatz", "whoami", "sekurlsa"})) + `)`},
		{"or_of_has_3", `kql_has(CommandLine, 'mimikatz') OR kql_has(CommandLine, 'whoami') OR kql_has(CommandLine, 'sekurlsa')`},
	}
	for _, f := range forms {
		b.Run(f.name, func(b *testing.B) {
			b.SetBytes(int64(benchMB * 1e6))
			cpu := runBench(b, db, `SELECT count(*) FROM SecurityEvent WHERE `+f.where)
			if cpu > 0 {
				b.ReportMetric(benchMB/cpu.Seconds(), "MB/cpu-s")
			}
		})
	}
}

// BenchmarkLoad measures the Appender-based bulk loader (rows/s).
func BenchmarkLoad(b *testing.B) {
	db := openTest(b, Options{})
	schema := []table.Column{{Name: "t", Type: table.DateTime}, {Name: "host", Type: table.String},
		{Name: "id", Type: table.Int}, {Name: "d", Type: table.TimeSpan}, {Name: "x", Type: table.Dynamic}}
	const n = 100_000
	base := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	dyn := map[string]any{"k": "v"}
	rows := func(yield func([]any, error) bool) {
		for i := range n {
			if !yield([]any{base.Add(time.Duration(i) * time.Second), "HOST-0001", int32(i % 5000), time.Duration(i) * time.Millisecond, dyn}, nil) {
				return
			}
		}
	}
	for b.Loop() {
		if _, err := db.Load(context.Background(), "L", schema, Replace, rows); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// TestBenchWorkload keeps the generator and the ten questions valid (the
// benchmarks themselves only run with -bench), on a small table.
func TestBenchWorkload(t *testing.T) {
	db := openTest(t, Options{})
	ctx := context.Background()
	for _, stmt := range benchdata.GenerateSQL(20_000) {
		if err := db.Exec(ctx, stmt); err != nil {
			t.Fatal(err)
		}
	}
	info, err := db.Table(ctx, benchdata.Table)
	if err != nil || info.Rows != 20_000 {
		t.Fatalf("table: %+v, %v", info, err)
	}
	for i, c := range benchdata.Schema {
		if info.Columns[i] != c {
			t.Errorf("column %d = %v, want %v", i, info.Columns[i], c)
		}
	}
	for _, q := range benchdata.Questions {
		res, err := db.Query(ctx, Query{SQL: q.SQL}, 0)
		if err != nil {
			t.Errorf("%s: %v", q.Name, err)
			continue
		}
		if len(res.Table.Rows) == 0 {
			t.Errorf("%s: no rows", q.Name)
		}
	}
}
