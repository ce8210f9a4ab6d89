package exec

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/huntbook/huntbook/engine"
	"github.com/huntbook/huntbook/table"
)

// TestPartitionGroupsMatchLegs compiles partition queries without the
// data (grouped SQL) and checks that running that SQL gives the rows of
// the per-value expansion (one leg per value read from the data, forced
// by an `as` in the subquery). Partition's output order
// is unspecified, so the rows compare as sorted sets; the order within a
// partition is checked where the subquery sorts.
func TestPartitionGroupsMatchLegs(t *testing.T) {
	ctx := context.Background()
	db, err := engine.Open(ctx, engine.Options{Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	loadCombineTables(ctx, t, db)
	x := New(db)
	grouped := []string{
		`DeviceProcessEvents | partition by DeviceName (top 1 by Timestamp)`,
		`DeviceProcessEvents | partition hint.strategy=native by DeviceName (summarize n = count(), m = max(ProcessId) by FileName | top 1 by n)`,
		`DeviceProcessEvents | partition by DeviceName (summarize n = count(), s = sum(ProcessId))`,
		`DeviceProcessEvents | partition by DeviceName (sort by Timestamp asc | take 1 | project DeviceName, FileName)`,
		`DeviceProcessEvents | partition by DeviceName (extend p = ProcessId * 2 | where p > 200 | project DeviceName, p)`,
		`datatable(k:long, v:long) [1, 10, long(null), 20, 1, 30, long(null), 40] | partition by k (summarize s = sum(v))`,
		`datatable(k:string, a:dynamic) ["x", dynamic([1,2]), "y", dynamic([3])] | partition by k (mv-expand a to typeof(long) | summarize s = sum(a), c = count() by k)`,
		`datatable(k:string, a:dynamic) ["x", dynamic([1,2]), "y", dynamic([3])] | partition by k (mv-expand a to typeof(long) | where a > 1)`,
		`DeviceProcessEvents | partition by DeviceName (count)`,
		`DeviceProcessEvents | partition by DeviceName (sort by Timestamp asc | scan with_match_id=m declare (total:long=0) with (step s: true => total = s.total + ProcessId;))`,
		`DeviceProcessEvents | partition by DeviceName (sort by Timestamp asc | scan with_match_id=m declare (first:string) with (step a: FileName != "x" => first = FileName; step b output=last: true => first = a.first;) | extend p = prev(m))`,
		`DeviceProcessEvents | partition by DeviceName (sort by Timestamp asc | extend gap = Timestamp - prev(Timestamp), n = row_number(), c = row_cumsum(ProcessId), nx = next(FileName, 1, "none"))`,
		`DeviceProcessEvents | partition by DeviceName (top 5 by Timestamp asc | where ProcessId > 0 | extend p = prev(ProcessId, 1, -1))`,
		`DeviceProcessEvents | partition by DeviceName (where ProcessId > 150 | count)`,
		`DeviceProcessEvents | partition by DeviceName (where ProcessId > 150 | summarize n = count(), l = make_list(FileName), s = sum(ProcessId), m = max(Timestamp))`,
		`datatable(k:string, a:dynamic) ["x", dynamic([1,2]), "y", dynamic([])] | partition by k (mv-expand a | summarize c = count())`,
		`DeviceProcessEvents | partition by DeviceName (distinct FileName)`,
		`DeviceProcessEvents | where false | partition by DeviceName (summarize by FileName)`,
	}
	for _, q := range grouped {
		t.Run(q, func(t *testing.T) {
			c, err := x.Compile(ctx, q, nil, RunOptions{})
			if err != nil {
				t.Fatalf("compile: %v", err)
			}
			if !strings.Contains(c.PlanText, "GroupNumber") {
				t.Fatalf("not compiled as groups:\n%s", c.PlanText)
			}
			got, err := db.Query(ctx, engine.Query{SQL: c.SQL, Schema: c.Schema}, 0)
			if err != nil {
				t.Fatalf("grouped SQL: %v\n%s", err, c.SQL)
			}
			// `as` in the subquery forces the per-value expansion (legs)
			legs := legsVariant(q)
			wantC, err := x.Run(ctx, legs, nil, RunOptions{})
			if err != nil {
				t.Fatalf("run %s: %v", legs, err)
			}
			want := wantC
			if strings.Contains(want.Compiled.PlanText, "GroupNumber") {
				t.Fatalf("the legs variant compiled as groups:\n%s", want.Compiled.PlanText)
			}
			if g, w := sortedRows(got.Table), sortedRows(want.Table); g != w {
				t.Errorf("grouped rows\n%s\nwant (legs)\n%s", g, w)
			}
		})
	}
	// subqueries without a per-group form still need the data
	legs := []string{
		`DeviceProcessEvents | partition by DeviceName (as P | extend n = toscalar(P | count))`,
		`DeviceProcessEvents | partition by DeviceName (serialize | extend r = row_number())`,
		`DeviceProcessEvents | partition by DeviceName (sort by Timestamp asc | extend r = row_rank_dense(FileName))`,
		`range x from 1 to 2 step 1 | partition by x { print y = x }`,
	}
	for _, q := range legs {
		if _, err := x.Compile(ctx, q, nil, RunOptions{}); err == nil || !strings.Contains(err.Error(), "depends on the data") {
			t.Errorf("%s: compile error %v, want a needs-data error", q, err)
		}
	}
}

func sortedRows(tab *table.Table) string {
	lines := make([]string, len(tab.Rows))
	for i, r := range tab.Rows {
		lines[i] = fmt.Sprint(r...)
	}
	sort.Strings(lines)
	head := make([]string, len(tab.Columns))
	for i, c := range tab.Columns {
		head[i] = c.Name + ":" + string(c.Type.String())
	}
	return strings.Join(head, ",") + "\n" + strings.Join(lines, "\n")
}

// legsVariant starts the partition subquery with `as`, which only the
// per-value expansion supports, so the query runs as legs.
func legsVariant(q string) string {
	i := strings.Index(q, "partition")
	j := i + strings.Index(q[i:], "(")
	return q[:j+1] + "as __legs | " + q[j+1:]
}
