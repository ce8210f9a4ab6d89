package sema

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/huntbook/huntbook/kql/syntax"
	"github.com/huntbook/huntbook/table"
)

// fakeProbe answers the data questions of bag_unpack and pivot from
// fixed answers.
type fakeProbe struct {
	values []any
	slots  []BagSlot
}

func (p *fakeProbe) Distinct(ctx context.Context, in Tabular, e Expr, limit int) ([]any, error) {
	return p.values, nil
}

func (p *fakeProbe) BagSlots(ctx context.Context, in Tabular, e Expr, limit int) ([]BagSlot, error) {
	return p.slots, nil
}

func analyzeEvaluate(t *testing.T, src string, probe Prober) (*Result, error) {
	t.Helper()
	script, err := syntax.Parse(src)
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	return Analyze(context.Background(), script, src, Options{Probe: probe, Now: time.Unix(0, 0).UTC()})
}

func schemaString(cols []table.Column) string {
	parts := make([]string, len(cols))
	for i, c := range cols {
		parts[i] = c.Name + ":" + c.Type.String()
	}
	return strings.Join(parts, ", ")
}

// TestEvaluateSchemas checks the output schema of every plugin at check
// time, with probed answers where the data decides.
func TestEvaluateSchemas(t *testing.T) {
	const src = `datatable(id:long, d:dynamic, s:string, t:datetime)[1, dynamic({}), "x", datetime(2024-01-01)]`
	slots := []BagSlot{{Key: "a", Types: []table.Type{table.Long}}, {Key: "b", Types: []table.Type{table.Long, table.Real}},
		{Key: "c"}, {Key: "id", Types: []table.Type{table.String}}}
	tests := []struct {
		query, want string
	}{
		{"| evaluate bag_unpack(d, columnsConflict='replace_source')", "s:string, t:datetime, a:long, b:dynamic, c:dynamic, id:string"},
		{"| evaluate bag_unpack(d, columnsConflict='keep_source')", "id:long, s:string, t:datetime, a:long, b:dynamic, c:dynamic"},
		{"| evaluate bag_unpack(d, 'x_')", "id:long, s:string, t:datetime, x_a:long, x_b:dynamic, x_c:dynamic, x_id:string"},
		{"| evaluate bag_unpack(d, 'x_', ignoredProperties=dynamic(['a', 'c']))", "id:long, s:string, t:datetime, x_b:dynamic, x_id:string"},
		{"| evaluate bag_unpack(d) : (q:real)", "q:real"},
		{"| evaluate bag_unpack(d) : (*, q:real)", "id:long, s:string, t:datetime, q:real"},
		{"| evaluate pivot(s)", "id:long, d:dynamic, t:datetime, Column:long, v1:long, v2:long"},
		{"| evaluate pivot(s, sum(id))", "d:dynamic, t:datetime, Column:long, v1:long, v2:long"},
		{"| evaluate pivot(s, make_set(id), t)", "t:datetime, Column:dynamic, v1:dynamic, v2:dynamic"},
		{"| evaluate narrow()", "Row:long, Column:string, Value:string"},
		{"| evaluate ioc_extract(s)", "id:long, d:dynamic, s:string, t:datetime, IoCType:string, Observable:string, Written:string, Within:string"},
		{"| evaluate ioc_extract(s) | evaluate ioc_extract(Observable, 'ipv4')",
			"id:long, d:dynamic, s:string, t:datetime, IoCType:string, Observable:string, Written:string, Within:string, IoCType1:string, Observable1:string, Written1:string, Within1:string"},
		{"| evaluate beacon_detect(t, s, id)", schemaString(BeaconDetectColumns)},
		{"| evaluate session_anomalies(t, s, key=id, key=s)", "id:long, s:string, " + schemaString(SessionAnomaliesColumns)},
		{"| evaluate ipv4_lookup(datatable(net:string, id:long, o:string)[], s, net, id)", "id:long, d:dynamic, s:string, t:datetime, net:string, o:string"},
	}
	probe := &fakeProbe{values: []any{"v2", "v1", ""}, slots: slots}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			res, err := analyzeEvaluate(t, src+tt.query, probe)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, schemaString(res.Query.Schema())); diff != "" {
				t.Errorf("schema (-want +got):\n%s", diff)
			}
		})
	}
}

// TestEvaluateErrors checks the positioned errors of plugin calls.
func TestEvaluateErrors(t *testing.T) {
	const src = `datatable(id:long, d:dynamic, s:string, t:datetime)[1, dynamic({}), "x", datetime(2024-01-01)]
`
	probe := &fakeProbe{slots: []BagSlot{{Key: "s", Types: []table.Type{table.String}}}}
	tests := []struct {
		query, want string
	}{
		{"| evaluate nope()", "2:12: unknown evaluate plugin 'nope'"},
		{"| evaluate narow()", "2:12: unknown evaluate plugin 'narow' (did you mean 'narrow'?)"},
		{"| evaluate rows_near(s, 1)", "2:22: the condition of rows_near() must be a bool, got string"},
		{"| evaluate session_count(s, t, 1, 2, 3, 4)", "2:12: the evaluate plugin session_count() is not supported yet"},
		{"| evaluate rolling_percentile(s, 50, t, 1d, 3)", "2:31: the value column of rolling_percentile() must be numeric"},
		{"| evaluate dcount_intersect(s, s)", "2:29: dcount_intersect() needs hll() results (dynamic)"},
		{"| evaluate hint.distribution=per_node narrow()", ""},
		{"| evaluate bag_unpack(d)", "2:12: bag_unpack(): the slot 's' conflicts with the column of that name (use columnsConflict='replace_source' or 'keep_source')"},
		{"| evaluate bag_unpack(s)", "2:23: bag_unpack() needs a dynamic column, 's' is string"},
		{"| evaluate bag_unpack(d, 1)", "2:26: the column prefix of bag_unpack() must be a string, got long"},
		{"| evaluate bag_unpack(d, ignoredProperties=dynamic([1]))", "2:44: ignoredProperties must be an array of strings"},
		{"| evaluate bag_unpack()", "2:12: bag_unpack() takes 1 to 4 arguments, got 0"},
		{"| evaluate pivot(s, percentile(id, 5))", "2:21: pivot() cannot aggregate with percentile()"},
		{"| evaluate pivot(nope)", "2:18: unknown column 'nope'"},
		{"| evaluate ioc_extract(s, 'ipv4, bogus')", "2:27: ioc_extract(): unknown IoC type \"bogus\""},
		{"| evaluate ioc_extract(s, 'ipv4, url')", ""},
		{"| evaluate ioc_extract(s, s)", "2:27: unknown name 's'"},
		{"| evaluate decode_unpack()", "2:12: decode_unpack() takes 1 argument, got 0"},
		{"| evaluate process_tree()", "2:12: process_tree(): proctree: no process-creation schema fits the columns"},
		{"| evaluate beacon_detect(s, s, s)", "2:26: the time column of beacon_detect() must be a datetime column, 's' is string"},
		{"| evaluate beacon_detect(t, s, s, s)", "2:35: the bytes column of beacon_detect() must be numeric, 's' is string"},
		{"| evaluate beacon_detect(t, s, s, threshold=2)", "2:12: beacon_detect(): beacon: need min_events >= 3"},
		{"| evaluate beacon_detect(t, s, s, min_events=s)", "2:46: unknown name 's'"},
		{"| evaluate session_anomalies(t, s, window=1)", "2:43: window must be at least 2"},
		{"| evaluate session_anomalies(t, s, max_gap=0s)", "2:12: session_anomalies(): max_session and max_gap must be positive"},
		{"| evaluate session_anomalies(t, s, model='markov')", "2:42: session_anomalies(): "},
		{"| evaluate session_anomalies(t, s, key=nope)", "2:40: unknown column 'nope'"},
		{"| evaluate ipv4_lookup(nope, s, s)", "2:24: unknown table 'nope'"},
		{"| evaluate ipv4_lookup(datatable(n:string)[], s, m)", "2:50: unknown column 'm'"},
		{"| evaluate ipv4_lookup(datatable(n:string)[], s, n, 'yes')", "2:53: return_unmatched must be a bool, got string"},
		{"| evaluate narrow() : (a:long)", "2:23: an output schema for the narrow plugin is not supported yet"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			_, err := analyzeEvaluate(t, src+tt.query, probe)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("unexpected error %v", err)
				}
				return
			}
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error = %v\nwant prefix %q", err, tt.want)
			}
		})
	}
}
