package sema

import "github.com/huntbook/huntbook/kql/syntax"

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
