package sema

import (
	"strings"

	"github.com/huntbook/huntbook/kql/syntax"
	"github.com/huntbook/huntbook/table"
)

// mvExpand checks `mv-expand [bagexpansion=bag|array] [with_itemindex=I]
// a [to typeof(T)], b ... [limit N]`. An expanded column keeps its place
// (an array expression named like an input column replaces it), a new one
// goes at the end, and the index column comes last.
func (c *checker) mvExpand(op *syntax.MvExpandOp, in Tabular, sc *scope) Tabular {
	out := append([]table.Column(nil), in.Schema()...)
	row := &rowCtx{cols: in.Schema()}
	n := &MvExpand{In: in}
	for _, p := range op.Params {
		c.mvExpandParam(p, n)
	}
	count := 0
	for _, it := range op.Items {
		item := c.mvItem(it, sc, row, &count)
		out = setColumn(out, item.Name, item.To)
		n.Items = append(n.Items, item)
	}
	for i, a := range n.Items {
		for _, b := range n.Items[:i] {
			if a.Name == b.Name {
				c.errorf(op.Items[i], "column '%s' is expanded twice", a.Name)
			}
		}
	}
	if n.Index != "" {
		if columnIndex(out, n.Index) >= 0 {
			c.errorf(op.Param("with_itemindex"), "the index column '%s' already exists", n.Index)
		}
		out = append(out, table.Column{Name: n.Index, Type: table.Long})
	}
	if op.Limit != nil {
		n.Limit = c.count64(op.Limit, sc, "mv-expand limit")
	}
	n.out = out
	return n
}

// mvExpandParam applies one parameter of mv-expand.
func (c *checker) mvExpandParam(p *syntax.Param, n *MvExpand) {
	word := ""
	if id, ok := p.Value().(*syntax.Ident); ok {
		word = id.Name
	}
	switch strings.ToLower(p.Name.Name) {
	case "bagexpansion", "kind":
		switch word {
		case "bag":
			n.BagArray = false
		case "array":
			n.BagArray = true
		default:
			c.errorf(p, "%s must be bag or array", p.Name.Name)
		}
	case "with_itemindex":
		if word == "" {
			c.errorf(p, "with_itemindex needs a column name")
		}
		n.Index = word
	default:
		c.errorf(p, "unknown mv-expand parameter '%s'", p.Name.Name)
	}
}

// mvItem checks one expanded array: a dynamic expression, named after its
// column (or Column1, ...), converted to the `to typeof()` type.
func (c *checker) mvItem(it *syntax.MvItem, sc *scope, row *rowCtx, count *int) MvItem {
	e := c.scalar(it.Column.Value, sc, row)
	if e.Type() != table.Dynamic {
		c.errorf(it.Column.Value, "mv-expand needs a dynamic array or property bag, got %s", e.Type())
	}
	name := c.columnName(it.Column, count, row, newColumns())
	to := table.Dynamic
	if it.To != nil {
		to = c.typeRef(it.To)
	}
	return MvItem{Expr: e, Name: name, To: to}
}
