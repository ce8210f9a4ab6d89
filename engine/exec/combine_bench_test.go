package exec

import (
	"context"
	"flag"
	"testing"

	"github.com/huntbook/huntbook/engine"
	"github.com/huntbook/huntbook/engine/benchdata"
)

var combineRows = flag.Int("combine.rows", 1_000_000, "rows of the generated SecurityEvent table of the join and union benchmarks")

// BenchmarkCombine compares join and union queries compiled by huntbook
// with hand-written DuckDB SQL over the generated SecurityEvent table:
// the innerunique join of benchdata's join_logon_process question, and a
// union of two filtered legs.
func BenchmarkCombine(b *testing.B) {
	x := benchSecurityEvents(b, *combineRows)
	var joinSQL string
	for _, q := range benchdata.Questions {
		if q.Name == "join_logon_process" {
			joinSQL = q.SQL
		}
	}
	cases := []twinCase{
		{"join_logon_process", `SecurityEvent
| where EventID == 4624 and LogonType == 10
| project Account, Computer
| join (SecurityEvent | where EventID == 4688 | project Account, Computer, Process) on Account, Computer
| summarize count() by Process
| sort by count_ desc`, joinSQL},
		{"leftouter_rows", `SecurityEvent
| where EventID == 4625
| project Computer, Account
| join kind=leftouter (SecurityEvent | where EventID == 4672 | summarize n = count() by Computer) on Computer
| count`, `SELECT count(*) FROM (SELECT Computer FROM SecurityEvent WHERE EventID = 4625) l
 LEFT JOIN (SELECT Computer, count(*) AS n FROM SecurityEvent WHERE EventID = 4672 GROUP BY Computer) r USING (Computer)`},
		{"union_two_legs", `union (SecurityEvent | where EventID == 4625), (SecurityEvent | where EventID == 4672)
| summarize count() by Computer`, `SELECT Computer, count(*) FROM (SELECT * FROM SecurityEvent WHERE EventID = 4625
 UNION ALL SELECT * FROM SecurityEvent WHERE EventID = 4672) GROUP BY Computer`},
	}
	benchTwins(b, x, cases)
}

// twinCase is a KQL query and the hand-written SQL it is measured against.
type twinCase struct{ name, kql, sql string }

// benchSecurityEvents is an executor over a database holding benchdata's
// generated SecurityEvent table of the given size.
func benchSecurityEvents(b *testing.B, rows int) *Executor {
	ctx := context.Background()
	db, err := engine.Open(ctx, engine.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	for _, stmt := range benchdata.GenerateSQL(rows) {
		if err := db.Exec(ctx, stmt); err != nil {
			b.Fatal(err)
		}
	}
	return New(db)
}

// benchTwins measures each case's KQL and its SQL as sub-benchmarks.
func benchTwins(b *testing.B, x *Executor, cases []twinCase) {
	ctx := context.Background()
	for _, c := range cases {
		b.Run(c.name+"/kql", func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := x.Run(ctx, c.kql, nil, RunOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(c.name+"/sql", func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := x.db.Query(ctx, engine.Query{SQL: c.sql}, 0); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
