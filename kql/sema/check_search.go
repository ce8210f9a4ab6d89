package sema

import (
	"regexp"
	"strings"

	"github.com/huntbook/huntbook/kql/syntax"
	"github.com/huntbook/huntbook/table"
)

// search checks `[T |] search [kind=] [in (Tables)] Predicate`: the union
// of the searched tables, each filtered by the predicate, with a $table
// column naming each row's table. A bare string in the predicate is a
// term looked up in every column; Col:"x" looks in one column. A table
// the predicate does not fit (it lacks a column the predicate names) is
// left out, as in Kusto.
func (c *checker) search(op *syntax.SearchOp, in Tabular, sc *scope) Tabular {
	cs := false
	if p := op.Param("kind"); p != nil {
		switch strings.ToLower(paramWord(p)) {
		case "default", "case_insensitive":
		case "case_sensitive":
			cs = true
		default:
			c.errorf(p, "search kind must be default, case_insensitive or case_sensitive, not '%s'", paramWord(p))
		}
	}
	var legs []unionLeg
	switch {
	case in != nil && len(op.Tables) > 0:
		c.errorf(op, "search cannot have both an input table and 'in (...)'")
	case in != nil:
		legs = []unionLeg{{t: in, source: tabularSource(in, "union_arg0")}}
	case len(op.Tables) > 0:
		for _, e := range op.Tables {
			more, _ := c.unionOperand(e, sc, false, len(legs))
			legs = append(legs, more...)
		}
	default:
		for _, n := range c.matchTables("*", sc) {
			legs = append(legs, unionLeg{t: c.tableName(&syntax.Ident{Span: op.Span, Name: n}, sc), source: n})
		}
	}
	pred := searchPredicate(op.Predicate, cs)
	var kept []unionLeg
	var first *bailout
	for _, l := range legs {
		f, fail := c.searchLeg(pred, l.t, sc)
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
	if len(kept) == 0 {
		return &DataTable{Cols: []table.Column{{Name: "$table", Type: table.String}}}
	}
	cols, maps := unionColumns(kept, false)
	u := &Union{Maps: maps, WithSource: "$table", out: append([]table.Column{{Name: "$table", Type: table.String}}, cols...)}
	for _, l := range kept {
		u.Inputs = append(u.Inputs, l.t)
		u.Sources = append(u.Sources, l.source)
	}
	return u
}

// searchLeg filters one searched table. A table the predicate does not
// fit (a column it lacks, a column of another type) is left out: the
// error comes back, and search reports the first one only when no table
// fits. Unsupported features fail the query.
func (c *checker) searchLeg(pred syntax.Expr, t Tabular, sc *scope) (f Tabular, fail *bailout) {
	defer func() {
		if r := recover(); r != nil {
			b, isBail := r.(bailout)
			if !isBail || b.err.Unsupported || c.ctx.Err() != nil {
				panic(r)
			}
			f, fail = nil, &b
		}
	}()
	row := &rowCtx{cols: t.Schema()}
	return &Filter{In: t, Pred: c.toBool(pred, c.scalar(pred, sc, row))}, nil
}

// searchPredicate rewrites the search syntax into ordinary predicates:
// "term" becomes * has "term" (hasprefix, hassuffix, contains or a regex
// by where its asterisks are), Col:"term" the same over one column, and a
// lone * is true. kind=case_sensitive picks the _cs operators.
func searchPredicate(e syntax.Expr, cs bool) syntax.Expr {
	switch x := e.(type) {
	case *syntax.Paren:
		return &syntax.Paren{Span: x.Span, X: searchPredicate(x.X, cs)}
	case *syntax.Wildcard:
		if x.Pattern == "*" {
			return &syntax.Literal{Span: x.Span, Type: table.Bool, Value: true}
		}
	case *syntax.Literal:
		if s, ok := x.Value.(string); ok && x.Type == table.String {
			return searchTerm(&syntax.Wildcard{Span: x.Span, Pattern: "*"}, x, s, cs)
		}
	case *syntax.Binary:
		switch x.Op {
		case syntax.OpAnd, syntax.OpOr:
			return &syntax.Binary{Span: x.Span, Op: x.Op, X: searchPredicate(x.X, cs), Y: searchPredicate(x.Y, cs)}
		case syntax.OpSearch:
			if lit, ok := x.Y.(*syntax.Literal); ok {
				if s, ok := lit.Value.(string); ok {
					return searchTerm(x.X, lit, s, cs)
				}
			}
		}
	}
	return e
}

// searchTerm is the predicate of one term over a column (or * for all):
// has for a plain term, hasprefix for term*, hassuffix for *term,
// contains for *term*, and a word-bounded regex for an inner asterisk.
func searchTerm(col syntax.Expr, lit *syntax.Literal, s string, cs bool) syntax.Expr {
	pick := func(ci, sens syntax.BinaryOp) syntax.BinaryOp {
		if cs {
			return sens
		}
		return ci
	}
	op := pick(syntax.OpHas, syntax.OpHasCs)
	pre, suf := strings.HasPrefix(s, "*") && len(s) > 1, strings.HasSuffix(s, "*") && len(s) > 1
	core := strings.TrimSuffix(strings.TrimPrefix(s, "*"), "*")
	switch {
	case strings.Contains(core, "*"):
		re := `\b` + strings.Join(quoteParts(strings.Split(core, "*")), ".*") + `\b`
		if pre {
			re = ".*" + re[2:]
		}
		if suf {
			re = re[:len(re)-2] + ".*"
		}
		if !cs {
			re = "(?i)" + re
		}
		op, core = syntax.OpMatchesRegex, re
	case pre && suf:
		op = pick(syntax.OpContains, syntax.OpContainsCs)
	case pre:
		op = pick(syntax.OpHasSuffix, syntax.OpHasSuffixCs)
	case suf:
		op = pick(syntax.OpHasPrefix, syntax.OpHasPrefixCs)
	}
	y := &syntax.Literal{Span: lit.Span, Type: table.String, Value: core}
	return &syntax.Binary{Span: lit.Span, Op: op, X: col, Y: y}
}

func quoteParts(parts []string) []string {
	out := make([]string, len(parts))
	for i, p := range parts {
		out[i] = regexp.QuoteMeta(p)
	}
	return out
}
