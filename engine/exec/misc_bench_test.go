package exec

import (
	"flag"
	"testing"
)

var miscRows = flag.Int("misc.rows", 1_000_000, "rows of the generated SecurityEvent table of the top-nested and partition benchmarks")

// BenchmarkMisc measures top-nested and partition over the generated
// SecurityEvent table (against the SQL of the nearest plain query;
// partition_top runs as grouped SQL, partition_top_legs, whose `as`
// forces it, as one leg per value), and
// scan, whose recursive query costs a fixed amount per row, over a
// thousand rows.
func BenchmarkMisc(b *testing.B) {
	x := benchSecurityEvents(b, *miscRows)
	cases := []twinCase{
		{"top_nested_3_levels", `SecurityEvent
| top-nested 3 of Computer with others = "other" by count(),
  top-nested 2 of Account by count(),
  top-nested 1 of EventID with others = -1 by count()`,
			`SELECT Computer, Account, EventID, count(*) FROM SecurityEvent GROUP BY ALL`},
		{"partition_top", `SecurityEvent
| partition hint.strategy=native by EventID (summarize n = count() by Account | top 2 by n)`,
			`SELECT * FROM (SELECT EventID, Account, count(*) AS n, row_number() OVER (PARTITION BY EventID ORDER BY count(*) DESC) AS rn
 FROM SecurityEvent GROUP BY EventID, Account) WHERE rn <= 2`},
		{"partition_top_legs", `SecurityEvent
| partition hint.strategy=native by EventID (as P | summarize n = count() by Account | top 2 by n)`,
			`SELECT * FROM (SELECT EventID, Account, count(*) AS n, row_number() OVER (PARTITION BY EventID ORDER BY count(*) DESC) AS rn
 FROM SecurityEvent GROUP BY EventID, Account) WHERE rn <= 2`},
		{"scan_1000_rows", `range x from 1 to 1000 step 1
| scan declare (c:long = 0) with (step s1: true => c = x + s1.c;)
| count`, `SELECT count(*) FROM range(1000)`},
	}
	benchTwins(b, x, cases)
}
