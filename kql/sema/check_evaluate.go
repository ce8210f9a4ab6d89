package sema

import (
	"sort"
	"strings"

	"github.com/huntbook/huntbook/kql/syntax"
	"github.com/huntbook/huntbook/table"
)

// Plugin is an `evaluate` plugin the engine computes in Go over the
// materialised rows of In (ioc_extract, decode_unpack, process_tree,
// narrow, ...). Config holds the plugin's checked arguments: one *XConfig
// type per plugin, which the executor switches on. The output schema is
// known at check time.
type Plugin struct {
	In     Tabular
	Name   string
	Config any
	out    []table.Column
}

func (n *Plugin) Schema() []table.Column { return n.out }
func (*Plugin) tabularNode()             {}

// pluginChecker checks one plugin call and returns its checked operator.
type pluginChecker func(c *checker, op *syntax.EvaluateOp, args *pluginArgs, in Tabular, sc *scope) Tabular

// plugins lists the evaluate plugins huntbook implements, by name. The
// documented plugins that need a cluster (python, r, sql_request, ...)
// are reported as unsupported rather than unknown.
func plugins() map[string]pluginChecker {
	return map[string]pluginChecker{
		"bag_unpack":              (*checker).bagUnpack,
		"pivot":                   (*checker).pivot,
		"narrow":                  (*checker).narrow,
		"ioc_extract":             (*checker).iocExtract,
		"decode_unpack":           (*checker).decodeUnpack,
		"process_tree":            (*checker).processTree,
		"beacon_detect":           (*checker).beaconDetect,
		"session_anomalies":       (*checker).sessionAnomalies,
		"ipv4_lookup":             (*checker).ipv4Lookup,
		"ipv6_lookup":             (*checker).ipv6Lookup,
		"rows_near":               (*checker).rowsNear,
		"rolling_percentile":      (*checker).rollingPercentile,
		"dcount_intersect":        (*checker).dcountIntersect,
		"activity_counts_metrics": (*checker).activityCountsMetrics,
		"sliding_window_counts":   (*checker).slidingWindowCounts,
		"activity_metrics":        (*checker).activityMetrics,
		"new_activity_metrics":    (*checker).newActivityMetrics,
		"activity_engagement":     (*checker).activityEngagement,
		"active_users_count":      (*checker).activeUsersCount,
		"schema_merge":            (*checker).schemaMerge,
	}
}

var knownUnsupportedPlugins = map[string]bool{
	"autocluster": true, "basket": true, "diffpatterns": true, "diffpatterns_text": true,
	"funnel_sequence": true, "funnel_sequence_completion": true, "infer_storage_schema": true,
	"python": true, "r": true, "sequence_detect": true, "session_count": true,
	"sql_request": true, "mysql_request": true, "postgresql_request": true,
	"cosmosdb_sql_request": true, "http_request": true, "http_request_post": true,
	"preview": true, "azure_digital_twins_query_request": true,
	"identity_ipv4_lookup": true, "hll_merge": true,
}

// evaluate checks `T | evaluate plugin(args) [: (schema)]`.
func (c *checker) evaluate(op *syntax.EvaluateOp, in Tabular, sc *scope) Tabular {
	for _, prm := range op.Params {
		if !strings.HasPrefix(strings.ToLower(prm.Name.Name), "hint.") {
			c.errorf(prm, "unknown evaluate parameter '%s'", prm.Name.Name)
		}
	}
	if op.Call.Recv != nil {
		c.unsupported(op.Call, "cross-cluster plugins")
	}
	name := op.Call.Name.Name
	check, ok := plugins()[name]
	if !ok {
		if knownUnsupportedPlugins[name] {
			c.unsupported(op.Call.Name, "the evaluate plugin "+name+"()")
		}
		names := make([]string, 0, len(plugins()))
		for n := range plugins() {
			names = append(names, n)
		}
		sort.Strings(names)
		c.errorf(op.Call.Name, "unknown evaluate plugin '%s'%s", name, didYouMean(name, names))
	}
	if op.Schema != nil && name != "bag_unpack" {
		c.unsupported(op.Schema, "an output schema for the "+name+" plugin")
	}
	return check(c, op, c.splitPluginArgs(op.Call), in, sc)
}

// pluginArgs are a plugin call's arguments: positional ones in order,
// then the named ones (bag_unpack(d, columnsConflict='keep_source')).
type pluginArgs struct {
	call  *syntax.Call
	pos   []syntax.Expr
	named map[string]*syntax.NamedArg
	// all lists the named arguments in order (a name may repeat:
	// session_anomalies(..., key=User, key=ClientIP)).
	all []*syntax.NamedArg
}

func (c *checker) splitPluginArgs(call *syntax.Call) *pluginArgs {
	a := &pluginArgs{call: call, named: map[string]*syntax.NamedArg{}}
	for _, x := range call.Args {
		if na, ok := x.(*syntax.NamedArg); ok {
			a.named[strings.ToLower(na.Name.Name)] = na
			a.all = append(a.all, na)
			continue
		}
		if len(a.named) > 0 {
			c.errorf(x, "a positional argument cannot follow a named one")
		}
		a.pos = append(a.pos, x)
	}
	return a
}

// arity checks the number of positional arguments and rejects named ones
// the plugin does not know.
func (c *checker) pluginArity(a *pluginArgs, lo, hi int, named ...string) {
	name := a.call.Name.Name
	if len(a.pos) < lo || hi >= 0 && len(a.pos) > hi {
		want := "at least " + itoa(lo)
		switch {
		case lo == hi:
			want = itoa(lo)
		case hi >= 0:
			want = itoa(lo) + " to " + itoa(hi)
		}
		noun := "arguments"
		if lo == hi && lo == 1 {
			noun = "argument"
		}
		c.errorf(a.call, "%s() takes %s %s, got %d", name, want, noun, len(a.pos))
	}
	for key, na := range a.named {
		found := false
		for _, n := range named {
			found = found || strings.EqualFold(n, key)
		}
		if !found {
			c.errorf(na.Name, "%s() has no argument named '%s'", name, na.Name.Name)
		}
	}
}

// arg returns the i-th positional argument, or the named one, or nil.
func (a *pluginArgs) arg(i int, name string) syntax.Expr {
	if i >= 0 && i < len(a.pos) {
		return a.pos[i]
	}
	if na, ok := a.named[strings.ToLower(name)]; ok {
		return na.Value
	}
	return nil
}

// pluginColumn resolves an argument that names a column of the input.
func (c *checker) pluginColumn(e syntax.Expr, in Tabular, what string) table.Column {
	id, ok := unparen(e).(*syntax.Ident)
	if !ok {
		c.errorf(e, "%s must be a column name", what)
	}
	cols := in.Schema()
	i := columnIndex(cols, id.Name)
	if i < 0 {
		c.errorf(e, "unknown column '%s'%s", id.Name, didYouMean(id.Name, columnNames(cols)))
	}
	return cols[i]
}

// pluginConst checks an argument that must be a constant of type t (a
// string, a dynamic array, ...) and returns its value.
func (c *checker) pluginConst(e syntax.Expr, sc *scope, t table.Type, what string) any {
	x := c.scalar(e, sc, nil)
	lit, ok := x.(*Literal)
	if !ok {
		c.errorf(e, "%s must be a constant", what)
	}
	if lit.T != t {
		c.errorf(e, "%s must be a %s, got %s", what, t, lit.T)
	}
	return lit.Value
}

// pluginStrings reads a constant that is a string or a dynamic array of
// strings (the list arguments of ioc_extract and bag_unpack).
func (c *checker) pluginStrings(e syntax.Expr, sc *scope, what string) []string {
	x := c.scalar(e, sc, nil)
	lit, ok := x.(*Literal)
	if !ok {
		c.errorf(e, "%s must be a constant", what)
	}
	switch v := lit.Value.(type) {
	case nil:
		return nil
	case string:
		if v == "" {
			return nil
		}
		return []string{v}
	case []any:
		out := make([]string, 0, len(v))
		for _, el := range v {
			s, ok := el.(string)
			if !ok {
				c.errorf(e, "%s must be an array of strings", what)
			}
			out = append(out, s)
		}
		return out
	}
	c.errorf(e, "%s must be a string or an array of strings, got %s", what, lit.T)
	return nil
}

// withColumns appends plugin columns to the input's, renaming the ones
// whose names are taken (as extend does not: a plugin never replaces an
// input column).
func withColumns(in []table.Column, extra []table.Column) []table.Column {
	b := newColumns()
	for _, col := range in {
		b.add(col.Name, col.Type)
	}
	for _, col := range extra {
		b.add(col.Name, col.Type)
	}
	return b.cols
}
