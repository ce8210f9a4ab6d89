package exec

import (
	"context"
	"strings"
	"testing"
)

// TestCompilePlugins checks what Compile (no run, hence no probe) says
// about plugins: Go plugins plan to a GoPlugin node whose output table the
// SQL reads; data-dependent plugins need their schema or a run.
func TestCompilePlugins(t *testing.T) {
	x := New(openTestDB(t))
	tests := []struct {
		name, query string
		planHas     string // a line of the plan, when it compiles
		sqlHas      string
		err         string // the error, when it does not
	}{
		{name: "go plugin", query: `datatable(c:string)["x"] | evaluate ioc_extract(c)`,
			planHas: "GoPlugin ioc_extract (c:string, IoCType:string, Observable:string, Written:string, Within:string)",
			sqlHas:  `memory.main."plugin_1_ioc_extract"`},
		{name: "bag_unpack with schema", query: `datatable(d:dynamic)[dynamic({"a":1})] | evaluate bag_unpack(d) : (a:long)`,
			planHas: `Project [a=tolong([](d, "a"))]`},
		{name: "bag_unpack without schema", query: `datatable(d:dynamic)[dynamic({"a":1})] | evaluate bag_unpack(d)`,
			err: "1:51: bag_unpack() without an output schema: its columns depend on the data"},
		{name: "pivot", query: `datatable(a:string)["x"] | evaluate pivot(a)`,
			err: "1:37: pivot(): its columns depend on the data; it cannot be compiled without running"},
		{name: "schema on another plugin", query: `datatable(c:string)["x"] | evaluate narrow() : (Row:long)`,
			err: "1:48: an output schema for the narrow plugin is not supported yet"},
		{name: "named arg unknown", query: `datatable(d:dynamic)[dynamic({})] | evaluate bag_unpack(d, prefix="x")`,
			err: "1:60: bag_unpack() has no argument named 'prefix'"},
		{name: "positional after named", query: `datatable(d:dynamic)[dynamic({})] | evaluate bag_unpack(d, columnsConflict="error", "p_")`,
			err: "1:85: a positional argument cannot follow a named one"},
		{name: "process_tree args", query: `datatable(d:dynamic)[dynamic({})] | evaluate process_tree(d)`,
			err: "1:46: process_tree() takes 0 arguments, got 1"},
		{name: "ioc_extract column expression", query: `datatable(c:string)["x"] | evaluate ioc_extract(strcat(c, "y"))`,
			err: "1:49: the first argument of ioc_extract() must be a column name"},
		{name: "rows_near hidden condition", query: `datatable(a:long)[1, 2] | evaluate rows_near(a == 2, 1)`,
			planHas: "GoPlugin rows_near (a:long)",
			sqlHas:  `memory.main."plugin_1_rows_near"`},
		{name: "activity period expression", query: `datatable(u:string, t:datetime)["a", datetime(2020-01-01)] | evaluate new_activity_metrics(u, t, datetime(2020-01-01), datetime(2020-01-03) - 1tick, 1d)`,
			planHas: "GoPlugin new_activity_metrics (from_t:datetime, to_t:datetime, dcount_new_values:long"},
		{name: "new_activity_metrics lookback table", query: `datatable(u:string, t:datetime)["a", datetime(2020-01-01)] | evaluate new_activity_metrics(u, t, datetime(2020-01-01), datetime(2020-01-03), 1d, datetime(2020-01-01), u2)`,
			err: "1:168: new_activity_metrics() with a lookback table is not supported yet"},
		{name: "ioc_extract types not constant", query: `datatable(c:string)["x"] | evaluate ioc_extract(c, c)`,
			err: "1:52: unknown name 'c'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := x.Compile(context.Background(), tt.query, nil, RunOptions{Now: testNow})
			if tt.err != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tt.err) {
					t.Fatalf("error = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(c.PlanText, tt.planHas) {
				t.Errorf("plan lacks %q:\n%s", tt.planHas, c.PlanText)
			}
			if !strings.Contains(c.SQL, tt.sqlHas) {
				t.Errorf("SQL lacks %q:\n%s", tt.sqlHas, c.SQL)
			}
		})
	}
}

// TestPluginCancel checks a query with a Go plugin fails under a cancelled
// context and leaves no plugin table behind.
func TestPluginCancel(t *testing.T) {
	db := openTestDB(t)
	x := New(db)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := x.Run(ctx, `range i from 1 to 100000 step 1 | extend c = strcat("10.0.0.", i % 250) | evaluate ioc_extract(c)`, nil, RunOptions{})
	if err == nil {
		t.Fatal("a cancelled query succeeded")
	}
	infos, err := db.Tables(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, info := range infos {
		if strings.HasPrefix(info.Name, "plugin_") {
			t.Errorf("plugin table %s left behind", info.Name)
		}
	}
}
