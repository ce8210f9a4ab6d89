package sema

import (
	"github.com/huntbook/huntbook/kql/syntax"
	"github.com/huntbook/huntbook/table"
)

// tableFunc checks table(Name [, DataScope]): the table (or let-bound
// table or view) named by a constant string, typically a parameter of a
// function written once for several tables (Sentinel's
// aadFunc("SigninLogs")). The data scope (all, hotcache, default) is
// accepted and ignored: huntbook has no cache tiers.
func (c *checker) tableFunc(e *syntax.Call, sc *scope) Tabular {
	if len(e.Args) < 1 || len(e.Args) > 2 {
		c.errorf(e, "table() takes 1 or 2 arguments, got %d", len(e.Args))
	}
	arg := e.Args[0]
	name, ok := c.constString(c.scalar(arg, sc, nil))
	if !ok {
		c.errorf(arg, "table() needs a constant string naming a table")
	}
	if len(e.Args) == 2 {
		c.dataScope(e.Args[1], sc)
	}
	return c.tableName(&syntax.Ident{Span: arg.Range(), Name: name}, sc)
}

// constString is the value of a constant string expression: a literal,
// or (through the prober) one computed from literals, such as
// strcat(tableName, "Events").
func (c *checker) constString(e Expr) (string, bool) {
	if v, ok := e.(*Literal); ok {
		s, isStr := v.Value.(string)
		return s, isStr
	}
	if e.Type() != table.String || !IsConstant(e) || c.opts.Probe == nil {
		return "", false
	}
	one := &Print{Cols: []NamedExpr{{Name: "one", Expr: &Literal{T: table.Long, Value: int64(1)}}}}
	vals, err := c.opts.Probe.Distinct(c.ctx, one, e, 1)
	if err != nil || len(vals) != 1 {
		return "", false
	}
	s, ok := vals[0].(string)
	return s, ok
}

// dataScope checks table()'s second argument.
func (c *checker) dataScope(arg syntax.Expr, sc *scope) {
	s := ""
	if id, ok := arg.(*syntax.Ident); ok {
		s = id.Name
	} else if v, ok := c.scalar(arg, sc, nil).(*Literal); ok {
		s, _ = v.Value.(string)
	}
	switch s {
	case "all", "hotcache", "default":
	default:
		c.errorf(arg, "table() data scope must be all, hotcache or default")
	}
}
