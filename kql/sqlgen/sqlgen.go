// Package sqlgen turns a logical plan into DuckDB SQL: one common table
// expression per plan step, in the value representation engine/sqlrepr
// fixes (datetime as TIMESTAMP_NS, timespan as BIGINT ticks, dynamic as
// JSON, strings never null), with Kusto's semantics spelled out in SQL
// (term matching for has, case-insensitive operators, innerunique joins,
// integer division, bin flooring, null placement of sort, ...).
//
// Every value of the query reaches the SQL through sqlrepr.Literal or
// sqlrepr.QuoteString, and every name through sqlrepr.QuoteIdent: query
// text is never spliced in raw. The function translations are tables in
// the funcs_*.go files, one per area. sqlgen imports no database code.
package sqlgen

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/huntbook/huntbook/engine/sqlrepr"
	"github.com/huntbook/huntbook/kql/plan"
	"github.com/huntbook/huntbook/table"
)

// Options configure the generator.
type Options struct {
	// ResultTable returns the SQL reference of a result the engine
	// materialised earlier (engine.ResultTable); nil quotes the name.
	ResultTable func(ref string) string
	// Unstored reports a table the catalog knows (a Sentinel table no data
	// was loaded into) but the database does not hold; it reads as empty.
	// nil: every table is stored.
	Unstored func(table string) bool
	// PluginTable returns the SQL reference of the table holding a Go
	// plugin's output (the executor runs the plugin first); nil makes Go
	// plugins an error.
	PluginTable func(p *plan.GoPlugin) string
}

// Error is a plan the generator cannot express in SQL. It should not
// happen for plans built from checked queries; it names what failed.
type Error struct{ Msg string }

func (e *Error) Error() string { return "sqlgen: " + e.Msg }

// fail stops generation; Generate recovers it.
func fail(format string, args ...any) {
	panic(&Error{Msg: fmt.Sprintf(format, args...)})
}

// Generate returns the SQL of a planned query: a WITH list of steps and a
// final SELECT whose columns are the root's schema, in order.
func Generate(q *plan.Query, opts Options) (sqlText string, err error) {
	g := &gen{opts: opts, q: q, rels: map[plan.Node]*rel{}}
	defer func() {
		if r := recover(); r != nil {
			e, ok := r.(*Error)
			if !ok {
				panic(r)
			}
			sqlText, err = "", e
		}
	}()
	root := g.rel(q.Root)
	var b strings.Builder
	if len(g.ctes) > 0 {
		b.WriteString("WITH ")
		b.WriteString(strings.Join(g.ctes, ",\n"))
		b.WriteString("\n")
	}
	b.WriteString("SELECT ")
	b.WriteString(selectList(root.cols, root.cols))
	b.WriteString(" FROM " + root.name)
	return b.String(), nil
}

// gen is the state of one generation: the steps emitted so far and the
// relation of each node already translated (shared nodes once).
type gen struct {
	opts Options
	q    *plan.Query
	ctes []string
	rels map[plan.Node]*rel
	n    int
}

// rel is a relation the SQL can read: a CTE or a table, and the SQL name
// of each of its columns (parallel to the node's schema).
type rel struct {
	name   string
	cols   []string
	schema []table.Column
}

// ref returns the quoted SQL column of a KQL column of the relation.
func (r *rel) ref(name string) (string, bool) {
	for i, c := range r.schema {
		if c.Name == name {
			return sqlrepr.QuoteIdent(r.cols[i]), true
		}
	}
	return "", false
}

// scope maps the KQL columns of the current row(s) to SQL references.
func (r *rel) scope(qualifier string) *scope {
	s := &scope{cols: map[string]string{}}
	for i, c := range r.schema {
		ref := sqlrepr.QuoteIdent(r.cols[i])
		if qualifier != "" {
			ref = qualifier + "." + ref
		}
		s.cols[c.Name] = ref
	}
	return s
}

// sqlNames picks SQL column names for a schema: the KQL name, made unique
// without regard to case (DuckDB folds identifier case; KQL does not).
func sqlNames(schema []table.Column) []string {
	seen := map[string]bool{}
	out := make([]string, len(schema))
	for i, c := range schema {
		n := c.Name
		if n == "" {
			n = "_"
		}
		base := n
		for k := 2; seen[strings.ToLower(n)]; k++ {
			n = base + "_" + strconv.Itoa(k)
		}
		seen[strings.ToLower(n)] = true
		out[i] = n
	}
	return out
}

// emit adds a step and returns its relation. body is a SELECT whose
// columns come in schema order (their names are set by the CTE's column
// list).
func (g *gen) emit(body string, schema []table.Column, materialized bool) *rel {
	g.n++
	r := &rel{name: "q" + strconv.Itoa(g.n), cols: sqlNames(schema), schema: schema}
	quoted := make([]string, len(r.cols))
	for i, c := range r.cols {
		quoted[i] = sqlrepr.QuoteIdent(c)
	}
	head := r.name
	if len(quoted) > 0 {
		head += "(" + strings.Join(quoted, ", ") + ")"
	}
	as := " AS ("
	if materialized {
		as = " AS MATERIALIZED ("
	}
	g.ctes = append(g.ctes, head+as+body+")")
	return r
}

// selectList selects the given SQL columns under new names.
func selectList(from, as []string) string {
	if len(from) == 0 {
		return "NULL AS \"__empty\""
	}
	parts := make([]string, len(from))
	for i := range from {
		parts[i] = sqlrepr.QuoteIdent(from[i])
		if as[i] != from[i] {
			parts[i] += " AS " + sqlrepr.QuoteIdent(as[i])
		}
	}
	return strings.Join(parts, ", ")
}

// rel translates a node (once) and returns its relation.
func (g *gen) rel(n plan.Node) *rel {
	if r, ok := g.rels[n]; ok {
		return r
	}
	r := g.node(n)
	g.rels[n] = r
	return r
}
