package exec_test

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/huntbook/huntbook/engine"
	"github.com/huntbook/huntbook/engine/benchdata"
	"github.com/huntbook/huntbook/engine/exec"
	"github.com/huntbook/huntbook/table"
)

var questionRows = flag.Int("questions.rows", 10_000_000, "rows of the generated SecurityEvent table of BenchmarkQuestionsKQL")

// openQuestions generates the benchmark table of rows rows in a fresh DB.
func openQuestions(tb testing.TB, rows int) (*engine.DB, *exec.Executor) {
	tb.Helper()
	ctx := context.Background()
	db, err := engine.Open(ctx, engine.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	for _, stmt := range benchdata.GenerateSQL(rows) {
		if err := db.Exec(ctx, stmt); err != nil {
			tb.Fatal(err)
		}
	}
	return db, exec.New(db)
}

// BenchmarkQuestionsKQL times each of benchdata's ten hunting questions as
// its KQL twin (compiled and run by the executor, as huntbook query does)
// and as the hand-written SQL, alternately in the same loop over the same
// table, so a shared machine's load hits both alike. It reports kql-ms/op,
// sql-ms/op and their ratio (ns/op is their sum):
//
//	go test ./engine/exec -run '^$' -bench QuestionsKQL -benchtime 3x -count 3 [-questions.rows N]
func BenchmarkQuestionsKQL(b *testing.B) {
	db, x := openQuestions(b, *questionRows)
	ctx := context.Background()
	for _, q := range benchdata.Questions {
		src := benchdata.KQL[q.Name]
		b.Run(q.Name, func(b *testing.B) {
			// one untimed run of each first: the first query of a kind pays
			// one-time costs (catalog, macros, plan caches)
			if _, err := x.Run(ctx, src, nil, exec.RunOptions{}); err != nil {
				b.Fatal(err)
			}
			if _, err := db.Query(ctx, engine.Query{SQL: q.SQL}, 0); err != nil {
				b.Fatal(err)
			}
			var kql, sql time.Duration
			for b.Loop() {
				start := time.Now()
				if _, err := x.Run(ctx, src, nil, exec.RunOptions{}); err != nil {
					b.Fatal(err)
				}
				mid := time.Now()
				if _, err := db.Query(ctx, engine.Query{SQL: q.SQL}, 0); err != nil {
					b.Fatal(err)
				}
				kql, sql = kql+mid.Sub(start), sql+time.Since(mid)
			}
			n := float64(b.N)
			b.ReportMetric(float64(kql.Microseconds())/1000/n, "kql-ms/op")
			b.ReportMetric(float64(sql.Microseconds())/1000/n, "sql-ms/op")
			b.ReportMetric(kql.Seconds()/sql.Seconds(), "kql/sql")
		})
	}
}

// topBy names the ranking column of the questions that keep the top N
// rows: rows tied at the cut may differ between two correct answers.
var topBy = map[string]string{
	"contains_in":   "count_",
	"top_failed":    "count_",
	"dcount_ips":    "dcount_IpAddress",
	"parse_cmdline": "count_",
}

// TestQuestionTwins checks that every question's KQL twin returns the rows
// of its hand-written SQL (as multisets, numbers to 9 significant digits)
// on a small generated table, so the benchmark compares equal work.
func TestQuestionTwins(t *testing.T) {
	db, x := openQuestions(t, 50_000)
	ctx := context.Background()
	for _, q := range benchdata.Questions {
		t.Run(q.Name, func(t *testing.T) {
			src, ok := benchdata.KQL[q.Name]
			if !ok {
				t.Fatal("no KQL twin")
			}
			got, err := x.Run(ctx, src, nil, exec.RunOptions{})
			if err != nil {
				t.Fatal(err)
			}
			want, err := db.Query(ctx, engine.Query{SQL: q.SQL}, 0)
			if err != nil {
				t.Fatal(err)
			}
			if len(want.Table.Rows) == 0 {
				t.Fatal("the SQL returns no rows: the table is too small to compare")
			}
			compareTwins(t, got.Table, want.Table, topBy[q.Name])
		})
	}
}

// compareTwins compares the KQL result got with the SQL result want by
// column name and as multisets of rows. With rank set, rows tied with the
// lowest kept rank only have to agree in number.
func compareTwins(t *testing.T, got, want *table.Table, rank string) {
	t.Helper()
	if g, w := columnNames(got.Columns), columnNames(want.Columns); strings.Join(g, ",") != strings.Join(w, ",") {
		t.Fatalf("columns %v, want %v", g, w)
	}
	g, w := canonicalRows(got, rank), canonicalRows(want, rank)
	if strings.Join(g, "\n") != strings.Join(w, "\n") {
		t.Errorf("rows differ\n got: %s\nwant: %s", strings.Join(g, "\n      "), strings.Join(w, "\n      "))
	}
}

// canonicalRows renders the rows as sorted strings; with rank set, a row
// tied at the lowest rank renders as its rank alone.
func canonicalRows(tb *table.Table, rank string) []string {
	ri, low := tb.ColumnIndex(rank), math.Inf(1)
	if ri >= 0 {
		for _, r := range tb.Rows {
			low = min(low, toFloat(r[ri]))
		}
	}
	var out []string
	for _, r := range tb.Rows {
		if ri >= 0 && toFloat(r[ri]) == low {
			out = append(out, "tied at "+canonical(r[ri]))
			continue
		}
		var cells []string
		for _, v := range r {
			cells = append(cells, canonical(v))
		}
		out = append(out, strings.Join(cells, " | "))
	}
	sort.Strings(out)
	return out
}

func toFloat(v any) float64 {
	f, _ := number(v)
	return f
}

// number converts any Go numeric value to float64.
func number(v any) (float64, bool) {
	switch n := v.(type) {
	case int:
		return float64(n), true
	case int8:
		return float64(n), true
	case int16:
		return float64(n), true
	case int32:
		return float64(n), true
	case int64:
		return float64(n), true
	case uint8:
		return float64(n), true
	case uint16:
		return float64(n), true
	case uint32:
		return float64(n), true
	case uint64:
		return float64(n), true
	case float32:
		return float64(n), true
	case float64:
		return n, true
	case json.Number:
		f, err := n.Float64()
		return f, err == nil
	}
	return 0, false
}

// canonical renders a value so that equal values of either side print
// alike: numbers of any Go type to 9 significant digits, times in UTC,
// lists and bags element by element.
func canonical(v any) string {
	if f, ok := number(v); ok {
		return strconv.FormatFloat(f, 'g', 9, 64)
	}
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		return strconv.Quote(x)
	case time.Time:
		return x.UTC().Format(time.RFC3339Nano)
	case []any:
		var parts []string
		for _, e := range x {
			parts = append(parts, canonical(e))
		}
		return "[" + strings.Join(parts, ",") + "]"
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var parts []string
		for _, k := range keys {
			parts = append(parts, strconv.Quote(k)+":"+canonical(x[k]))
		}
		return "{" + strings.Join(parts, ",") + "}"
	}
	return fmt.Sprintf("%T(%v)", v, v)
}

// benchCatalog is the catalog of BenchmarkCompile: the generated table.
type benchCatalog struct{}

func (benchCatalog) Table(name string) ([]table.Column, bool) {
	return benchdata.Schema, name == benchdata.Table
}

func (benchCatalog) TableNames() []string { return []string{benchdata.Table} }

// huntingQuery is a typical 20-line hunting query: lets, filters with
// has/in~, a join, parse, summarize by bin, extend and top.
const huntingQuery = `let lookback = 7d;
let suspicious = dynamic(["mimikatz", "sekurlsa", "procdump"]);
let remoteLogons = SecurityEvent
    | where TimeGenerated > ago(lookback)
    | where EventID == 4624 and LogonType in (3, 10)
    | summarize FirstLogon = min(TimeGenerated), Sources = make_set(IpAddress, 20) by Account, Computer;
SecurityEvent
| where TimeGenerated > ago(lookback)
| where EventID == 4688
| where Process in~ (@"C:\Windows\System32\cmd.exe", @"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe")
| where CommandLine has_any (suspicious) or CommandLine contains "-EncodedCommand"
| parse CommandLine with * "-EncodedCommand " Payload
| extend Parent = tostring(AdditionalFields.ParentProcess), Hour = bin(TimeGenerated, 1h)
| join kind=inner remoteLogons on Account, Computer
| where TimeGenerated > FirstLogon
| summarize Events = count(), Hosts = dcount(Computer), Payloads = make_set(Payload, 10),
    LastSeen = max(TimeGenerated) by Account, Parent, Hour
| extend Score = Events * Hosts
| where Score > 1
| top 50 by Score desc
| project Account, Parent, Hour, Events, Hosts, Score, LastSeen, Payloads`

// BenchmarkCompile times the compilation of a 20-line hunting query
// (parse, check, plan, optimize, SQL) without running it: with a given
// catalog (as the workspace passes one), and with the default catalog
// read from the database on every query.
func BenchmarkCompile(b *testing.B) {
	db, _ := openQuestions(b, 10)
	ctx := context.Background()
	for _, c := range []struct {
		name string
		x    *exec.Executor
	}{{"given_catalog", exec.New(db, exec.WithCatalog(benchCatalog{}))}, {"engine_catalog", exec.New(db)}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := c.x.Compile(ctx, huntingQuery, nil, exec.RunOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
