package sema

import (
	"github.com/huntbook/huntbook/kql/syntax"
	"github.com/huntbook/huntbook/table"
)

// IPLookup is `evaluate ipv4_lookup(LookupTable, SourceKey, LookupKey
// [, ExtraKey...] [, return_unmatched])` (and ipv6_lookup): a join of the
// input with the lookup table where the source address lies in the lookup
// row's address or prefix (and the extra keys are equal). The output is
// the input's columns, then the lookup table's but its extra keys, as the
// lookup operator gives.
type IPLookup struct {
	In, Lookup Tabular
	// Cond is over $left (the input) and $right (the lookup table).
	Cond Expr
	// Unmatched keeps input rows without a match (return_unmatched=true).
	Unmatched bool
	// RightCols gives, per lookup column, its output name or "" when it
	// is dropped.
	RightCols []string
	out       []table.Column
}

func (n *IPLookup) Schema() []table.Column { return n.out }
func (*IPLookup) tabularNode()             {}

func (c *checker) ipv4Lookup(op *syntax.EvaluateOp, a *pluginArgs, in Tabular, sc *scope) Tabular {
	return c.ipLookup(op, a, in, sc, "ipv4_is_in_range")
}

func (c *checker) ipv6Lookup(op *syntax.EvaluateOp, a *pluginArgs, in Tabular, sc *scope) Tabular {
	return c.ipLookup(op, a, in, sc, "ipv6_is_in_range")
}

func (c *checker) ipLookup(op *syntax.EvaluateOp, a *pluginArgs, in Tabular, sc *scope, match string) Tabular {
	name := a.call.Name.Name
	c.pluginArity(a, 3, -1, "return_unmatched")
	lookup := c.tabular(a.pos[0], sc)
	src := c.pluginColumn(a.pos[1], in, "the source key of "+name+"()")
	key := c.pluginColumn(a.pos[2], lookup, "the lookup key of "+name+"()")
	for _, col := range []table.Column{src, key} {
		if col.Type != table.String {
			c.errorf(op.Call, "%s() needs string address columns, '%s' is %s", name, col.Name, col.Type)
		}
	}
	rest := a.pos[3:]
	n := &IPLookup{In: in, Lookup: lookup}
	if len(rest) > 0 {
		if _, isName := unparen(rest[len(rest)-1]).(*syntax.Ident); !isName {
			v := c.pluginConst(rest[len(rest)-1], sc, table.Bool, "return_unmatched")
			n.Unmatched, _ = v.(bool)
			rest = rest[:len(rest)-1]
		}
	}
	if e := a.arg(-1, "return_unmatched"); e != nil {
		n.Unmatched, _ = c.pluginConst(e, sc, table.Bool, "return_unmatched").(bool)
	}
	f, _ := LookupFunction(match)
	n.Cond = &Call{Fn: f, Args: []Expr{&ColumnRef{Name: src.Name, T: table.String, Side: SideLeft},
		&ColumnRef{Name: key.Name, T: table.String, Side: SideRight}}, T: table.Bool}
	extra := map[string]bool{}
	for _, k := range rest {
		l := c.pluginColumn(k, in, "an extra key of "+name+"()")
		r := c.pluginColumn(k, lookup, "an extra key of "+name+"()")
		eq := c.compare(k, "==", &ColumnRef{Name: l.Name, T: l.Type, Side: SideLeft}, &ColumnRef{Name: r.Name, T: r.Type, Side: SideRight})
		n.Cond = c.call2("and", table.Bool, n.Cond, eq)
		extra[r.Name] = true
	}
	b := newColumns()
	for _, col := range in.Schema() {
		b.add(col.Name, col.Type)
	}
	for _, col := range lookup.Schema() {
		out := ""
		if !extra[col.Name] {
			out = b.add(col.Name, col.Type)
		}
		n.RightCols = append(n.RightCols, out)
	}
	n.out = b.cols
	return n
}
