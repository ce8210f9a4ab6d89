package sema

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/huntbook/huntbook/kql/syntax"
	"github.com/huntbook/huntbook/table"
)

// extend checks computed columns added to (or replacing) the input's.
// A later column may use one computed earlier in the same extend.
func (c *checker) extend(list []*syntax.NamedExpr, in Tabular, sc *scope) Tabular {
	out := append([]table.Column(nil), in.Schema()...)
	row := &rowCtx{cols: out, windowOK: true, inCols: in.Schema()}
	var items []NamedExpr
	n := 0
	for _, ne := range list {
		if tuple, ok := c.tupleColumns(ne, sc, row, &n); ok {
			for _, t := range tuple {
				out = setColumn(out, t.Name, t.Expr.Type())
				items = append(items, t)
			}
			row.cols = out
			continue
		}
		e := c.scalar(ne.Value, sc, row)
		name := c.columnName(ne, &n, row, newColumns())
		out = setColumn(out, name, e.Type())
		row.cols = out
		items = append(items, NamedExpr{Name: name, Expr: e})
	}
	if row.usedWindow {
		return &Window{In: in, Cols: items, out: out}
	}
	return &Extend{In: in, Cols: items, out: out}
}

// setColumn replaces the type of a column in place, or appends it.
func setColumn(cols []table.Column, name string, t table.Type) []table.Column {
	if i := columnIndex(cols, name); i >= 0 {
		cols[i].Type = t
		return cols
	}
	return append(cols, table.Column{Name: name, Type: t})
}

// project checks `project a, b = expr, ...`.
func (c *checker) project(op *syntax.ProjectOp, in Tabular, sc *scope) Tabular {
	row := &rowCtx{cols: in.Schema(), windowOK: true}
	b := newColumns()
	var items []NamedExpr
	n := 0
	for _, ne := range op.Columns {
		if tuple, ok := c.tupleColumns(ne, sc, row, &n); ok {
			for _, t := range tuple {
				items = append(items, NamedExpr{Name: b.add(t.Name, t.Expr.Type()), Expr: t.Expr})
			}
			continue
		}
		e := c.scalar(ne.Value, sc, row)
		name := c.columnName(ne, &n, row, b)
		if len(ne.Names) == 0 && b.taken[name] {
			c.errorf(ne, "column '%s' is projected twice", name)
		}
		items = append(items, NamedExpr{Name: b.add(name, e.Type()), Expr: e})
	}
	if !row.usedWindow {
		return &Project{In: in, Cols: items}
	}
	// Window functions are computed first under internal names, then
	// projected, so a new column never shadows an input one too early.
	w := &Window{In: in, out: append([]table.Column(nil), in.Schema()...)}
	var final []NamedExpr
	for i, it := range items {
		tmp := fmt.Sprintf("__w%d", i)
		w.Cols = append(w.Cols, NamedExpr{Name: tmp, Expr: it.Expr})
		w.out = append(w.out, table.Column{Name: tmp, Type: it.Expr.Type()})
		final = append(final, NamedExpr{Name: it.Name, Expr: &ColumnRef{Name: tmp, T: it.Expr.Type()}})
	}
	return &Project{In: w, Cols: final}
}

// matchColumns returns the input columns a name or wildcard selects, in
// input order; a plain name must exist.
func (c *checker) matchColumns(e syntax.Expr, cols []table.Column, op string) []table.Column {
	switch e := e.(type) {
	case *syntax.Ident:
		i := columnIndex(cols, e.Name)
		if i < 0 {
			c.errorf(e, "unknown column '%s' in %s%s", e.Name, op, didYouMean(e.Name, columnNames(cols)))
		}
		return []table.Column{cols[i]}
	case *syntax.Wildcard:
		var out []table.Column
		for _, col := range cols {
			if ok, _ := path.Match(globPattern(e.Pattern), col.Name); ok {
				out = append(out, col)
			}
		}
		return out
	}
	c.errorf(e, "%s takes column names or wildcards", op)
	return nil
}

// globPattern escapes everything but '*' for path.Match.
func globPattern(p string) string {
	var b strings.Builder
	for _, r := range p {
		switch r {
		case '*':
			b.WriteRune(r)
		case '?', '[', ']', '\\':
			b.WriteRune('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func refs(cols []table.Column) []NamedExpr {
	out := make([]NamedExpr, len(cols))
	for i, col := range cols {
		out[i] = NamedExpr{Name: col.Name, Expr: &ColumnRef{Name: col.Name, T: col.Type}}
	}
	return out
}

// projectAway drops the listed columns.
func (c *checker) projectAway(op *syntax.ProjectAwayOp, in Tabular) Tabular {
	cols := in.Schema()
	drop := map[string]bool{}
	for _, e := range op.Columns {
		for _, col := range c.matchColumns(e, cols, "project-away") {
			drop[col.Name] = true
		}
	}
	var keep []table.Column
	for _, col := range cols {
		if !drop[col.Name] {
			keep = append(keep, col)
		}
	}
	return &Project{In: in, Cols: refs(keep)}
}

// projectKeep keeps the listed columns, in input order.
func (c *checker) projectKeep(op *syntax.ProjectKeepOp, in Tabular) Tabular {
	cols := in.Schema()
	keepSet := map[string]bool{}
	for _, e := range op.Columns {
		for _, col := range c.matchColumns(e, cols, "project-keep") {
			keepSet[col.Name] = true
		}
	}
	var keep []table.Column
	for _, col := range cols {
		if keepSet[col.Name] {
			keep = append(keep, col)
		}
	}
	return &Project{In: in, Cols: refs(keep)}
}

// projectRename renames columns in place.
func (c *checker) projectRename(op *syntax.ProjectRenameOp, in Tabular) Tabular {
	cols := in.Schema()
	items := refs(cols)
	for _, ne := range op.Columns {
		old, ok := ne.Value.(*syntax.Ident)
		if !ok || len(ne.Names) != 1 {
			c.errorf(ne, "project-rename takes NewName = OldName pairs")
		}
		i := columnIndex(cols, old.Name)
		if i < 0 {
			c.errorf(old, "unknown column '%s' in project-rename%s", old.Name, didYouMean(old.Name, columnNames(cols)))
		}
		items[i].Name = ne.Names[0].Name
	}
	seen := map[string]bool{}
	for _, it := range items {
		if seen[it.Name] {
			c.errorf(op, "project-rename makes two columns named '%s'", it.Name)
		}
		seen[it.Name] = true
	}
	return &Project{In: in, Cols: items}
}

// projectReorder moves the listed columns first; a wildcard's matches
// keep input order, or are sorted by name with asc/desc.
func (c *checker) projectReorder(op *syntax.ProjectReorderOp, in Tabular) Tabular {
	cols := in.Schema()
	var first []table.Column
	placed := map[string]bool{}
	for _, k := range op.Columns {
		matched := c.matchColumns(k.Expr, cols, "project-reorder")
		switch k.Order {
		case syntax.SortAsc, syntax.SortGrannyAsc:
			sort.SliceStable(matched, func(i, j int) bool {
				return lessName(matched[i].Name, matched[j].Name, k.Order == syntax.SortGrannyAsc)
			})
		case syntax.SortDesc, syntax.SortGrannyDesc:
			sort.SliceStable(matched, func(i, j int) bool {
				return lessName(matched[j].Name, matched[i].Name, k.Order == syntax.SortGrannyDesc)
			})
		}
		for _, col := range matched {
			if !placed[col.Name] {
				placed[col.Name] = true
				first = append(first, col)
			}
		}
	}
	for _, col := range cols {
		if !placed[col.Name] {
			first = append(first, col)
		}
	}
	return &Project{In: in, Cols: refs(first)}
}

// lessName orders names, numerically within digit runs for the granny
// orders (a2 before a10).
func lessName(a, b string, natural bool) bool {
	if !natural {
		return a < b
	}
	for a != "" && b != "" {
		da, db := leadingDigits(a), leadingDigits(b)
		if da != "" && db != "" {
			if len(da) != len(db) {
				return len(da) < len(db)
			}
			if da != db {
				return da < db
			}
			a, b = a[len(da):], b[len(db):]
			continue
		}
		if a[0] != b[0] {
			return a[0] < b[0]
		}
		a, b = a[1:], b[1:]
	}
	return len(a) < len(b)
}

func leadingDigits(s string) string {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return s[:i]
}

// serialize marks the input as ordered and computes window columns.
func (c *checker) serialize(op *syntax.SerializeOp, in Tabular, sc *scope) Tabular {
	out := append([]table.Column(nil), in.Schema()...)
	row := &rowCtx{cols: out, windowOK: true}
	var items []NamedExpr
	n := 0
	for _, ne := range op.Columns {
		e := c.scalar(ne.Value, sc, row)
		name := c.columnName(ne, &n, row, newColumns())
		out = setColumn(out, name, e.Type())
		row.cols = out
		items = append(items, NamedExpr{Name: name, Expr: e})
	}
	return &Window{In: in, Cols: items, out: out}
}

// render records the visualization the result asks for.
func (c *checker) render(op *syntax.RenderOp) {
	v := &table.Visualization{Kind: op.Chart.Name}
	for _, prm := range op.With {
		c.renderProp(v, prm)
	}
	c.vis = v
}

// renderProp applies one `with (...)` property of render.
func (c *checker) renderProp(v *table.Visualization, prm *syntax.Param) {
	text := func() string {
		switch x := prm.Value().(type) {
		case *syntax.Literal:
			return table.FormatValue(x.Value)
		case *syntax.Ident:
			return x.Name
		}
		return ""
	}
	names := func() []string {
		var out []string
		for _, val := range prm.Values {
			switch x := val.(type) {
			case *syntax.Ident:
				out = append(out, x.Name)
			case *syntax.Literal:
				out = append(out, table.FormatValue(x.Value))
			}
		}
		return out
	}
	switch strings.ToLower(prm.Name.Name) {
	case "title":
		v.Title = text()
	case "xcolumn":
		v.XColumn = text()
	case "ycolumns":
		v.YColumns = names()
	case "series":
		v.Series = names()
	case "anomalycolumns":
		v.AnomalyColumns = names()
	case "xtitle":
		v.XTitle = text()
	case "ytitle":
		v.YTitle = text()
	case "xaxis":
		v.XAxis = text()
	case "yaxis":
		v.YAxis = text()
	case "legend":
		v.Legend = text()
	case "ysplit":
		v.YSplit = text()
	case "accumulate":
		v.Accumulate = text() == "true"
	case "kind":
		v.Mode = text()
	case "xmin":
		v.XMin = literalValue(prm.Value())
	case "xmax":
		v.XMax = literalValue(prm.Value())
	case "ymin":
		v.YMin = literalValue(prm.Value())
	case "ymax":
		v.YMax = literalValue(prm.Value())
	default:
		if v.Properties == nil {
			v.Properties = map[string]string{}
		}
		v.Properties[prm.Name.Name] = text()
	}
}

func literalValue(e syntax.Expr) any {
	if l, ok := e.(*syntax.Literal); ok {
		return l.Value
	}
	return nil
}
