package sema

import (
	"strconv"
	"strings"

	"github.com/huntbook/huntbook/kql/syntax"
	"github.com/huntbook/huntbook/table"
)

// joinKinds maps every spelling of join's kind= to its kind; the anti and
// semi aliases are Kusto's.
var joinKinds = map[string]JoinKind{
	"innerunique": JoinInnerUnique, "inner": JoinInner,
	"leftouter": JoinLeftOuter, "rightouter": JoinRightOuter, "fullouter": JoinFullOuter,
	"leftsemi": JoinLeftSemi, "rightsemi": JoinRightSemi,
	"leftanti": JoinLeftAnti, "anti": JoinLeftAnti, "leftantisemi": JoinLeftAnti,
	"rightanti": JoinRightAnti, "rightantisemi": JoinRightAnti,
}

// join checks `join [kind=K] Right on Conditions` (or `where Predicate`).
func (c *checker) join(op *syntax.JoinOp, in Tabular, sc *scope) Tabular {
	kind := JoinInnerUnique
	if p := op.Param("kind"); p != nil {
		k, ok := joinKinds[strings.ToLower(paramWord(p))]
		if !ok {
			c.errorf(p, "unknown join kind '%s' (expected innerunique, inner, leftouter, rightouter, fullouter, leftsemi, rightsemi, leftanti or rightanti)", paramWord(p))
		}
		kind = k
	}
	if p := op.Param("withsource"); p != nil {
		c.unsupported(p, "join withsource=")
	}
	right := c.tabular(op.Right, sc)
	j := &Join{Left: in, Right: right, Kind: kind}
	j.On, j.Where = c.joinConditions(op, op.On, op.Where, in.Schema(), right.Schema(), sc)
	j.LeftCols, j.RightCols, j.out = joinOutput(in.Schema(), right.Schema(), kind, nil)
	return j
}

// lookup checks `lookup [kind=leftouter|inner] Right on Conditions`: a
// join whose right key columns stay out of the output.
func (c *checker) lookup(op *syntax.LookupOp, in Tabular, sc *scope) Tabular {
	kind := JoinLeftOuter
	if p := op.Param("kind"); p != nil {
		switch strings.ToLower(paramWord(p)) {
		case "leftouter":
		case "inner":
			kind = JoinInner
		default:
			c.errorf(p, "lookup supports kind=leftouter or kind=inner, not '%s'", paramWord(p))
		}
	}
	right := c.tabular(op.Right, sc)
	j := &Join{Left: in, Right: right, Kind: kind, Lookup: true}
	j.On, _ = c.joinConditions(op, op.On, nil, in.Schema(), right.Schema(), sc)
	drop := map[string]bool{}
	for _, cond := range j.On {
		drop[cond.Right.(*ColumnRef).Name] = true
	}
	j.LeftCols, j.RightCols, j.out = joinOutput(in.Schema(), right.Schema(), kind, drop)
	return j
}

// paramWord is the text of an operator parameter's value (kind=inner,
// isfuzzy=true, withsource=Name).
func paramWord(p *syntax.Param) string {
	switch v := p.Value().(type) {
	case *syntax.Ident:
		return v.Name
	case *syntax.Literal:
		if s, ok := v.Value.(string); ok {
			return s
		}
		return table.FormatValue(v.Value)
	}
	return ""
}

// joinConditions checks the `on` list (or the `where` predicate) of a join:
// every conjunct is a column name common to both sides or an equality
// $left.a == $right.b. Only the `where` form may add other conditions over
// both sides; they come back as one predicate.
func (c *checker) joinConditions(op syntax.Node, on []syntax.Expr, where syntax.Expr, left, right []table.Column, sc *scope) ([]JoinCond, Expr) {
	var conjuncts []syntax.Expr
	for _, e := range on {
		conjuncts = appendConjuncts(conjuncts, e)
	}
	if where != nil {
		conjuncts = appendConjuncts(conjuncts, where)
	}
	row := &rowCtx{left: left, right: right, join: true}
	var conds []JoinCond
	var extra Expr
	for _, e := range conjuncts {
		if cond, ok := c.joinEquality(e, row, sc); ok {
			conds = append(conds, cond)
			continue
		}
		if where == nil {
			c.errorf(e, "a join condition must be a column name or $left.Column == $right.Column")
		}
		p := c.toBool(e, c.scalar(e, sc, row))
		if extra == nil {
			extra = p
		} else {
			extra = c.call2("and", table.Bool, extra, p)
		}
	}
	if len(conds) == 0 {
		c.errorf(op, "a join needs at least one equality condition ($left.Column == $right.Column)")
	}
	return conds, extra
}

// appendConjuncts splits a and b and c into its parts.
func appendConjuncts(out []syntax.Expr, e syntax.Expr) []syntax.Expr {
	for {
		p, ok := e.(*syntax.Paren)
		if !ok {
			break
		}
		e = p.X
	}
	if b, ok := e.(*syntax.Binary); ok && b.Op == syntax.OpAnd {
		return appendConjuncts(appendConjuncts(out, b.X), b.Y)
	}
	return append(out, e)
}

// joinEquality reads one key condition: a name present on both sides, or
// $left.a == $right.b in either order. ok is false for anything else.
func (c *checker) joinEquality(e syntax.Expr, row *rowCtx, sc *scope) (JoinCond, bool) {
	switch e := e.(type) {
	case *syntax.Ident:
		l, r := columnIndex(row.left, e.Name), columnIndex(row.right, e.Name)
		if l < 0 || r < 0 {
			side, cols := "left", row.left
			if l >= 0 {
				side, cols = "right", row.right
			}
			c.errorf(e, "join key '%s' is not a column of the %s side%s", e.Name, side, didYouMean(e.Name, columnNames(cols)))
		}
		lref := &ColumnRef{Name: e.Name, T: row.left[l].Type, Side: SideLeft}
		rref := &ColumnRef{Name: e.Name, T: row.right[r].Type, Side: SideRight}
		return c.joinKey(e, lref, rref), true
	case *syntax.Binary:
		if e.Op != syntax.OpEq || !isSideMember(e.X) || !isSideMember(e.Y) {
			return JoinCond{}, false
		}
		x := c.scalar(e.X, sc, row).(*ColumnRef)
		y := c.scalar(e.Y, sc, row).(*ColumnRef)
		if x.Side == y.Side {
			c.errorf(e, "a join equality compares a $left column with a $right column")
		}
		if x.Side == SideRight {
			x, y = y, x
		}
		return c.joinKey(e, x, y), true
	}
	return JoinCond{}, false
}

// isSideMember reports whether e is $left.Name or $right.Name.
func isSideMember(e syntax.Expr) bool {
	m, ok := e.(*syntax.Member)
	if !ok {
		return false
	}
	id, ok := m.X.(*syntax.Ident)
	return ok && (id.Name == "$left" || id.Name == "$right")
}

// joinKey checks that two key columns can be compared: the same type, or
// two numbers. Dynamic values are not join keys.
func (c *checker) joinKey(n syntax.Node, l, r *ColumnRef) JoinCond {
	switch {
	case l.T == table.Dynamic:
		c.errorf(n, "a join key cannot be dynamic: $left.%s is dynamic; convert it with tostring() first", l.Name)
	case r.T == table.Dynamic:
		c.errorf(n, "a join key cannot be dynamic: $right.%s is dynamic; convert it with tostring() first", r.Name)
	case l.T == r.T:
	case l.T.IsNumeric() && r.T.IsNumeric():
	default:
		c.errorf(n, "join keys of different types: $left.%s is %s, $right.%s is %s", l.Name, l.T, r.Name, r.T)
	}
	return JoinCond{Left: l, Right: r}
}

// joinOutput names the output columns of a join: the left columns, then
// the right ones (except those in drop); a right column whose name is
// taken gets the first free numeric suffix (Key1, Key2, ...), as Kusto
// does. Semi and anti joins output one side only.
func joinOutput(left, right []table.Column, kind JoinKind, drop map[string]bool) (lnames, rnames []string, out []table.Column) {
	lnames, rnames = make([]string, len(left)), make([]string, len(right))
	switch kind {
	case JoinLeftSemi, JoinLeftAnti:
		copy(lnames, columnNames(left))
		return lnames, rnames, append([]table.Column(nil), left...)
	case JoinRightSemi, JoinRightAnti:
		copy(rnames, columnNames(right))
		return lnames, rnames, append([]table.Column(nil), right...)
	}
	taken := map[string]bool{}
	for i, col := range left {
		lnames[i] = col.Name
		taken[col.Name] = true
		out = append(out, col)
	}
	for i, col := range right {
		if drop[col.Name] {
			continue
		}
		name := col.Name
		for k := 1; taken[name]; k++ {
			name = col.Name + strconv.Itoa(k)
		}
		taken[name] = true
		rnames[i] = name
		out = append(out, table.Column{Name: name, Type: col.Type})
	}
	return lnames, rnames, out
}
