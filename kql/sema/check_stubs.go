package sema

import "github.com/huntbook/huntbook/kql/syntax"

func (c *checker) patternCall(e *syntax.Call, path syntax.Expr, p *syntax.PatternStmt, sc *scope) Tabular {
	c.unsupported(e, "patterns")
	return nil
}

func (c *checker) patternMember(e *syntax.Member, sc *scope) Tabular {
	c.unsupported(e, "patterns")
	return nil
}
