package sema

import "github.com/huntbook/huntbook/kql/syntax"

func (c *checker) join(op *syntax.JoinOp, in Tabular, sc *scope) Tabular {
	c.unsupported(op, "join")
	return nil
}

func (c *checker) lookup(op *syntax.LookupOp, in Tabular, sc *scope) Tabular {
	c.unsupported(op, "lookup")
	return nil
}

func (c *checker) union(op *syntax.UnionOp, in Tabular, sc *scope) Tabular {
	c.unsupported(op, "union")
	return nil
}

func (c *checker) mvExpand(op *syntax.MvExpandOp, in Tabular, sc *scope) Tabular {
	c.unsupported(op, "mv-expand")
	return nil
}

func (c *checker) parse(op *syntax.ParseOp, in Tabular, sc *scope) Tabular {
	c.unsupported(op, "parse")
	return nil
}

func (c *checker) makeSeries(op *syntax.MakeSeriesOp, in Tabular, sc *scope) Tabular {
	c.unsupported(op, "make-series")
	return nil
}

func (c *checker) search(op *syntax.SearchOp, in Tabular, sc *scope) Tabular {
	c.unsupported(op, "search")
	return nil
}

func (c *checker) tupleColumns(ne *syntax.NamedExpr, sc *scope, row *rowCtx, n *int) ([]NamedExpr, bool) {
	return nil, false
}

func (c *checker) patternCall(e *syntax.Call, path syntax.Expr, p *syntax.PatternStmt, sc *scope) Tabular {
	c.unsupported(e, "patterns")
	return nil
}

func (c *checker) patternMember(e *syntax.Member, sc *scope) Tabular {
	c.unsupported(e, "patterns")
	return nil
}
