package sema

import "github.com/huntbook/huntbook/kql/syntax"

func (c *checker) makeSeries(op *syntax.MakeSeriesOp, in Tabular, sc *scope) Tabular {
	c.unsupported(op, "make-series")
	return nil
}
