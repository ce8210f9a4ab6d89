package sema

import (
	"github.com/huntbook/huntbook/kql/syntax"
	"github.com/huntbook/huntbook/table"
)

// packAll resolves pack_all([ignore_null_empty]) against the row: a call
// of pack_all whose arguments are the flag, then a name and a column
// reference for every column of the operator's input, in order, so that
// sqlgen writes the bag without knowing the row. In an extend, Kusto packs
// the input row, not the columns the same extend computes (its page's
// example packs twice without nesting).
func (c *checker) packAll(e *syntax.Call, sc *scope, row *rowCtx) Expr {
	if len(e.Args) > 1 {
		c.errorf(e, "pack_all() takes 0 or 1 arguments, got %d", len(e.Args))
	}
	if row == nil {
		c.errorf(e, "pack_all() packs the columns of a row; use it where there is one (extend, project, where)")
	}
	ignore := Expr(&Literal{T: table.Bool, Value: false})
	if len(e.Args) == 1 {
		ignore = c.scalar(e.Args[0], sc, row)
		if ignore.Type() != table.Bool {
			c.errorf(e.Args[0], "pack_all() takes a bool, got %s", ignore.Type())
		}
	}
	cols := row.cols
	if row.inCols != nil {
		cols = row.inCols
	}
	args := []Expr{ignore}
	for _, col := range cols {
		args = append(args, &Literal{T: table.String, Value: col.Name}, &ColumnRef{Name: col.Name, T: col.Type})
	}
	f, _ := LookupFunction("pack_all")
	return &Call{Fn: f, Args: args, T: table.Dynamic}
}
