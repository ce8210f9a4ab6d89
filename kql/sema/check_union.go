package sema

import (
	"fmt"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/huntbook/huntbook/kql/syntax"
	"github.com/huntbook/huntbook/table"
)

// unionLeg is one input of a union with the name withsource= shows for it.
type unionLeg struct {
	t      Tabular
	source string
}

// union checks `[T |] union [kind=] [withsource=] [isfuzzy=] Tables`.
func (c *checker) union(op *syntax.UnionOp, in Tabular, sc *scope) Tabular {
	inner, fuzzy := false, false
	if p := op.Param("kind"); p != nil {
		switch strings.ToLower(paramWord(p)) {
		case "inner":
			inner = true
		case "outer":
		default:
			c.errorf(p, "union kind must be inner or outer, not '%s'", paramWord(p))
		}
	}
	if p := op.Param("isfuzzy"); p != nil {
		switch strings.ToLower(paramWord(p)) {
		case "true":
			fuzzy = true
		case "false":
		default:
			c.errorf(p, "isfuzzy must be true or false, not '%s'", paramWord(p))
		}
	}
	var legs []unionLeg
	if in != nil {
		legs = append(legs, unionLeg{t: in, source: tabularSource(in, "union_arg0")})
	}
	var dropped *bailout
	for _, e := range op.Tables {
		more, fail := c.unionOperand(e, sc, fuzzy, len(legs))
		legs = append(legs, more...)
		if dropped == nil {
			dropped = fail
		}
	}
	if len(legs) == 0 && dropped != nil {
		panic(*dropped)
	}
	if len(legs) == 0 {
		c.errorf(op, "union: none of its tables could be resolved")
	}
	u := &Union{}
	cols, maps := unionColumns(legs, inner)
	u.Maps = maps
	for _, l := range legs {
		u.Inputs = append(u.Inputs, l.t)
		u.Sources = append(u.Sources, l.source)
	}
	if p := op.Param("withsource"); p != nil {
		u.WithSource = paramWord(p)
		if u.WithSource == "" {
			c.errorf(p, "withsource= needs a column name")
		}
		if columnIndex(cols, u.WithSource) >= 0 {
			c.errorf(p, "the withsource column '%s' is also a column of the union's tables", u.WithSource)
		}
		cols = append([]table.Column{{Name: u.WithSource, Type: table.String}}, cols...)
	}
	u.out = cols
	return u
}

// unionOperand resolves one table of a union: a wildcard matches the
// catalog's tables and the views in scope, in name order. With isfuzzy, a
// leg that fails to check (a table or a column that does not exist, as
// happens when a query spans optional data sources) is left out and its
// error returned; Kusto warns, huntbook drops it silently. Unsupported
// features still fail the query: dropping their rows would be a wrong
// answer.
func (c *checker) unionOperand(e syntax.Expr, sc *scope, fuzzy bool, index int) ([]unionLeg, *bailout) {
	if w, ok := e.(*syntax.Wildcard); ok {
		names := c.matchTables(w.Pattern, sc)
		if len(names) == 0 && !fuzzy {
			c.errorf(w, "no table matches '%s'", w.Pattern)
		}
		var legs []unionLeg
		for _, n := range names {
			legs = append(legs, unionLeg{t: c.tableName(&syntax.Ident{Span: w.Span, Name: n}, sc), source: n})
		}
		return legs, nil
	}
	var t Tabular
	if fuzzy {
		var fail *bailout
		if t, fail = c.tryTabular(e, sc); fail != nil {
			return nil, fail
		}
	} else {
		t = c.tabular(e, sc)
	}
	source := fmt.Sprintf("union_arg%d", index)
	if id, ok := e.(*syntax.Ident); ok {
		source = id.Name
	} else {
		source = tabularSource(t, source)
	}
	return []unionLeg{{t: t, source: source}}, nil
}

// tryTabular checks a tabular expression, returning its error instead of
// failing when the expression is wrong (isfuzzy). Unsupported features
// and interruptions still fail.
func (c *checker) tryTabular(e syntax.Expr, sc *scope) (t Tabular, fail *bailout) {
	defer func() {
		if r := recover(); r != nil {
			b, isBail := r.(bailout)
			if !isBail || b.err.Unsupported || c.ctx.Err() != nil {
				panic(r)
			}
			t, fail = nil, &b
		}
	}()
	return c.tabular(e, sc), nil
}

// matchTables lists the tables and views whose names match a wildcard
// pattern, sorted.
func (c *checker) matchTables(pattern string, sc *scope) []string {
	seen := map[string]bool{}
	var out []string
	add := func(n string) {
		if ok, _ := path.Match(pattern, n); ok && !seen[n] && !strings.ContainsAny(n, "[]?\\") {
			seen[n] = true
			out = append(out, n)
		}
	}
	for _, n := range sc.all() {
		if sym, _ := sc.lookup(n); sym != nil && sym.fn != nil && sym.fn.Fn.View {
			add(n)
		}
	}
	for _, n := range c.opts.Catalog.TableNames() {
		add(n)
	}
	sort.Strings(out)
	return out
}

// tabularSource is the withsource= name of a union input that is not a
// plain name: the table or named result its pipeline reads, or dflt.
func tabularSource(t Tabular, dflt string) string {
	for {
		switch n := t.(type) {
		case *TableScan:
			return n.Name
		case *Ref:
			return n.Name
		case *Filter:
			t = n.In
		case *Extend:
			t = n.In
		case *Project:
			t = n.In
		case *Sort:
			t = n.In
		case *Take:
			t = n.In
		case *Top:
			t = n.In
		case *Window:
			t = n.In
		case *Sample:
			t = n.In
		default:
			return dflt
		}
	}
}

// unionColumns computes a union's output columns and, per input, where
// each output column comes from (-1: null). kind=outer keeps one column
// per distinct name and type, in order of first appearance; a name seen
// with several types becomes one column per type, suffixed _type, and a
// suffixed name that clashes with another column gets a number (x_long1),
// as Kusto does. kind=inner keeps the columns every input has, with the
// same type, in the first input's order.
func unionColumns(legs []unionLeg, inner bool) ([]table.Column, [][]int) {
	var cols []table.Column
	if inner {
		for _, col := range legs[0].t.Schema() {
			all := true
			for _, l := range legs[1:] {
				i := columnIndex(l.t.Schema(), col.Name)
				all = all && i >= 0 && l.t.Schema()[i].Type == col.Type
			}
			if all {
				cols = append(cols, col)
			}
		}
	} else {
		cols = distinctColumns(legs)
	}
	maps := make([][]int, len(legs))
	for i, l := range legs {
		maps[i] = make([]int, len(cols))
		for j := range cols {
			maps[i][j] = -1
		}
		for k, col := range l.t.Schema() {
			if j := indexOfColumn(cols, col); j >= 0 {
				maps[i][j] = k
			}
		}
	}
	return renameByType(cols), maps
}

// distinctColumns lists the distinct (name, type) columns of the inputs
// in order of first appearance.
func distinctColumns(legs []unionLeg) []table.Column {
	var cols []table.Column
	for _, l := range legs {
		for _, col := range l.t.Schema() {
			if indexOfColumn(cols, col) < 0 {
				cols = append(cols, col)
			}
		}
	}
	return cols
}

func indexOfColumn(cols []table.Column, col table.Column) int {
	for i, c := range cols {
		if c == col {
			return i
		}
	}
	return -1
}

// renameByType gives the columns that share a name with a column of
// another type the names name_type, numbered when that is taken.
func renameByType(cols []table.Column) []table.Column {
	count := map[string]int{}
	for _, col := range cols {
		count[col.Name]++
	}
	taken := map[string]bool{}
	for _, col := range cols {
		if count[col.Name] == 1 {
			taken[col.Name] = true
		}
	}
	out := make([]table.Column, len(cols))
	for i, col := range cols {
		out[i] = col
		if count[col.Name] == 1 {
			continue
		}
		base := col.Name + "_" + col.Type.String()
		name := base
		for k := 1; taken[name]; k++ {
			name = base + strconv.Itoa(k)
		}
		taken[name] = true
		out[i].Name = name
	}
	return out
}
