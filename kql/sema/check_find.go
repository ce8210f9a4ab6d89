package sema

import (
	"github.com/huntbook/huntbook/kql/syntax"
	"github.com/huntbook/huntbook/table"
)

// findCol is one output column of find and, per searched table, the
// expression that fills it.
type findCol struct {
	col   table.Column
	exprs []Expr
}

// find checks `find [withsource=] [in (Tables)] [where] Predicate
// [project-smart | project Cols] [project-away Cols]`: the searched tables
// filtered by the predicate, reshaped to one schema (Kusto's output
// schema rules), with the source table's name first. A table with none
// of the columns the predicate names is left out; one with some of them
// reads the others as null.
func (c *checker) find(op *syntax.FindOp, sc *scope) Tabular {
	source := "source_"
	if p := op.Param("withsource"); p != nil {
		if source = paramWord(p); source == "" {
			c.errorf(p, "withsource= needs a column name")
		}
	}
	var legs []unionLeg
	for _, e := range op.Tables {
		more, _ := c.unionOperand(e, sc, false, len(legs))
		legs = append(legs, more...)
	}
	if len(op.Tables) == 0 {
		for _, n := range c.matchTables("*", sc) {
			legs = append(legs, unionLeg{t: c.tableName(&syntax.Ident{Span: op.Span, Name: n}, sc), source: n})
		}
	}
	refs := predicateColumns(op.Predicate, legs)
	legs = c.findFilter(op, legs, refs, sc)
	if len(legs) == 0 {
		return &DataTable{Cols: []table.Column{{Name: source, Type: table.String}}}
	}
	var cols []findCol
	if len(op.Project) > 0 {
		cols = c.findProject(op.Project, legs)
	} else {
		cols = findSmart(legs, refs, c.namesOf(op.ProjectAway))
	}
	u := &Union{WithSource: source}
	u.out = []table.Column{{Name: source, Type: table.String}}
	for _, fc := range cols {
		if fc.col.Name == source {
			c.errorf(op, "the withsource column '%s' is also a column of find's output", source)
		}
		u.out = append(u.out, fc.col)
	}
	for i, l := range legs {
		named := make([]NamedExpr, len(cols))
		ident := make([]int, len(cols))
		for j, fc := range cols {
			named[j] = NamedExpr{Name: fc.col.Name, Expr: fc.exprs[i]}
			ident[j] = j
		}
		u.Inputs = append(u.Inputs, &Project{In: l.t, Cols: named})
		u.Maps = append(u.Maps, ident)
		u.Sources = append(u.Sources, l.source)
	}
	return u
}

// predicateColumns lists, in order of first appearance, the names the
// predicate uses that are columns of some searched table (function
// names and dynamic property names are not).
func predicateColumns(pred syntax.Expr, legs []unionLeg) []string {
	isCol := map[string]bool{}
	for _, l := range legs {
		for _, col := range l.t.Schema() {
			isCol[col.Name] = true
		}
	}
	var out []string
	seen := map[string]bool{}
	var walk func(n syntax.Node)
	walk = func(n syntax.Node) {
		switch n := n.(type) {
		case *syntax.Ident:
			if isCol[n.Name] && !seen[n.Name] {
				seen[n.Name] = true
				out = append(out, n.Name)
			}
			return
		case *syntax.Call:
			for _, a := range n.Args {
				walk(a)
			}
			return
		case *syntax.Member:
			walk(n.X)
			return
		}
		for _, child := range syntax.Children(n) {
			walk(child)
		}
	}
	walk(pred)
	return out
}

// findFilter filters each table by the predicate. The predicate's columns
// a table lacks are added to it as nulls first; a table with none of
// them is dropped, and so is one the predicate does not fit (its first
// error is reported when no table is left).
func (c *checker) findFilter(op *syntax.FindOp, legs []unionLeg, refs []string, sc *scope) []unionLeg {
	pred := searchPredicate(op.Predicate, false)
	var kept []unionLeg
	var first *bailout
	for _, l := range legs {
		t, ok := withMissing(l.t, refs, legs)
		if !ok {
			continue
		}
		f, fail := c.searchLeg(pred, t, sc)
		if fail != nil {
			if first == nil {
				first = fail
			}
			continue
		}
		kept = append(kept, unionLeg{t: f, source: l.source})
	}
	if len(kept) == 0 && first != nil {
		panic(*first)
	}
	return kept
}

// withMissing adds to t, as nulls, the referenced columns it lacks (typed
// as in the first table that has them). ok is false when t has none of
// them.
func withMissing(t Tabular, refs []string, legs []unionLeg) (Tabular, bool) {
	if len(refs) == 0 {
		return t, true
	}
	schema := t.Schema()
	out := append([]table.Column(nil), schema...)
	var add []NamedExpr
	for _, name := range refs {
		if columnIndex(schema, name) >= 0 {
			continue
		}
		typ := firstType(legs, name)
		add = append(add, NamedExpr{Name: name, Expr: nullOf(typ)})
		out = append(out, table.Column{Name: name, Type: typ})
	}
	if len(add) == len(refs) {
		return nil, false
	}
	if len(add) == 0 {
		return t, true
	}
	return &Extend{In: t, Cols: add, out: out}, true
}

func firstType(legs []unionLeg, name string) table.Type {
	for _, l := range legs {
		if i := columnIndex(l.t.Schema(), name); i >= 0 {
			return l.t.Schema()[i].Type
		}
	}
	return table.Dynamic
}

// nullOf is the missing value of a type: "" for strings, null otherwise.
func nullOf(t table.Type) Expr {
	if t == table.String {
		return &Literal{T: t, Value: ""}
	}
	return &Literal{T: t}
}

// findSmart is find's default output (project-smart): the predicate's
// columns (one per type, suffixed _type when a name has several), then
// the columns every table has, then pack_, a bag of each row's other
// columns. Columns in away are left out altogether.
func findSmart(legs []unionLeg, refs []string, away map[string]bool) []findCol {
	var cols []findCol
	taken := map[table.Column]bool{}
	addCol := func(col table.Column) {
		fc := findCol{col: col}
		for _, l := range legs {
			fc.exprs = append(fc.exprs, columnOrNull(l.t.Schema(), col))
		}
		taken[col] = true
		cols = append(cols, fc)
	}
	for _, name := range refs {
		if away[name] {
			continue
		}
		var typed []unionLeg
		for _, l := range legs {
			if i := columnIndex(l.t.Schema(), name); i >= 0 {
				typed = append(typed, unionLeg{t: &DataTable{Cols: l.t.Schema()[i : i+1]}})
			}
		}
		for _, col := range distinctColumns(typed) {
			addCol(col)
		}
	}
	for _, col := range legs[0].t.Schema() {
		if away[col.Name] || taken[col] || columnIndex(namesAsColumns(cols), col.Name) >= 0 {
			continue
		}
		common := true
		for _, l := range legs[1:] {
			common = common && indexOfColumn(l.t.Schema(), col) >= 0
		}
		if common {
			addCol(col)
		}
	}
	renamed := renameByType(namesAsColumns(cols))
	for i := range cols {
		cols[i].col = renamed[i]
	}
	pack := findCol{col: table.Column{Name: "pack_", Type: table.Dynamic}}
	hasRest := false
	for _, l := range legs {
		var rest []table.Column
		for _, col := range l.t.Schema() {
			if !taken[col] && !away[col.Name] {
				rest = append(rest, col)
			}
		}
		hasRest = hasRest || len(rest) > 0
		pack.exprs = append(pack.exprs, bagOf(rest))
	}
	if hasRest {
		cols = append(cols, pack)
	}
	return cols
}

func namesAsColumns(cols []findCol) []table.Column {
	out := make([]table.Column, len(cols))
	for i, fc := range cols {
		out[i] = fc.col
	}
	return out
}

// columnOrNull reads a column of the row, or is null when the row lacks
// it (with that name and type).
func columnOrNull(schema []table.Column, col table.Column) Expr {
	if indexOfColumn(schema, col) >= 0 {
		return &ColumnRef{Name: col.Name, T: col.Type}
	}
	return nullOf(col.Type)
}

// bagOf packs columns into a property bag named by the columns.
func bagOf(cols []table.Column) Expr {
	f, _ := LookupFunction("bag_pack")
	var args []Expr
	for _, col := range cols {
		args = append(args, &Literal{T: table.String, Value: col.Name}, &ColumnRef{Name: col.Name, T: col.Type})
	}
	return &Call{Fn: f, Args: args, T: table.Dynamic}
}

// findProject is `project Name[:Type], ..., pack_all()`: the listed
// columns (null where a table lacks one; converted when a type is given)
// and pack_, a bag of all the row's columns.
func (c *checker) findProject(list []syntax.Expr, legs []unionLeg) []findCol {
	var cols []findCol
	for _, e := range list {
		switch e := e.(type) {
		case *syntax.ColumnDecl:
			cols = append(cols, c.findColumn(e, legs))
		case *syntax.Call:
			if e.Name.Name != "pack_all" || len(e.Args) > 0 {
				c.errorf(e, "find's project takes columns and pack_all()")
			}
			fc := findCol{col: table.Column{Name: "pack_", Type: table.Dynamic}}
			for _, l := range legs {
				fc.exprs = append(fc.exprs, bagOf(l.t.Schema()))
			}
			cols = append(cols, fc)
		default:
			c.unsupported(e, "this element of find's project")
		}
	}
	return cols
}

// findColumn is one Name[:Type] of find's project.
func (c *checker) findColumn(e *syntax.ColumnDecl, legs []unionLeg) findCol {
	name := e.Name.Name
	var types []table.Type
	for _, l := range legs {
		if i := columnIndex(l.t.Schema(), name); i >= 0 {
			types = appendType(types, l.t.Schema()[i].Type)
		}
	}
	var typ table.Type
	switch {
	case e.Type != nil:
		typ = c.typeRef(e.Type)
	case len(types) == 1:
		typ = types[0]
	case len(types) == 0:
		c.errorf(e, "unknown column '%s' in find's project", name)
	default:
		c.errorf(e, "column '%s' has several types in the searched tables; give one (%s:type)", name, name)
	}
	fc := findCol{col: table.Column{Name: name, Type: typ}}
	for _, l := range legs {
		schema := l.t.Schema()
		if i := columnIndex(schema, name); i >= 0 {
			fc.exprs = append(fc.exprs, c.convert(&ColumnRef{Name: name, T: schema[i].Type}, typ))
		} else {
			fc.exprs = append(fc.exprs, nullOf(typ))
		}
	}
	return fc
}

func appendType(ts []table.Type, t table.Type) []table.Type {
	for _, x := range ts {
		if x == t {
			return ts
		}
	}
	return append(ts, t)
}

// namesOf lists the column names of project-away.
func (c *checker) namesOf(list []syntax.Expr) map[string]bool {
	out := map[string]bool{}
	for _, e := range list {
		cd, ok := e.(*syntax.ColumnDecl)
		if !ok || cd.Type != nil {
			c.errorf(e, "find's project-away takes column names")
		}
		out[cd.Name.Name] = true
	}
	return out
}
