// Package sema checks a parsed KQL query against a catalog of tables and
// the bindings of earlier queries: it resolves every name, types every
// expression, computes the output schema of every operator (automatic
// column names included), inlines user functions, and reports the first
// problem as a positioned error such as
//
//	3:9: unknown column 'Acount' (did you mean 'Account'?)
//
// Its output is a Tabular tree of typed operators with typed expressions
// (Expr), which kql/plan lowers to relational operators. Features huntbook
// does not implement give an error that names them ("... is not supported
// yet"), never a guess.
package sema

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/huntbook/huntbook/kql/syntax"
	"github.com/huntbook/huntbook/table"
)

// Catalog is the set of stored tables a query can name. The workspace
// provides it: its tables plus the known-but-empty Sentinel tables.
type Catalog interface {
	// Table returns the columns of the named table (exact, case-sensitive).
	Table(name string) ([]table.Column, bool)
	// TableNames lists every table, for wildcards and suggestions.
	TableNames() []string
}

// Env holds what earlier queries of a session bound, so a notebook cell
// sees the lets and results of the cells before it. A nil *Env is empty.
type Env struct {
	// Scalars are let-bound values.
	Scalars map[string]*Literal
	// Tables are let-bound tables and named results, materialised by the
	// engine under Ref.
	Tables map[string]EnvTable
	// Functions are let-bound functions (and views), kept as syntax and
	// re-checked at every call as Kusto does.
	Functions map[string]*FuncDef
}

// EnvTable is a table materialised in the engine.
type EnvTable struct {
	Ref  string
	Cols []table.Column
}

// FuncDef is a user function: its syntax and the text it was parsed from
// (for the positions of errors inside its body).
type FuncDef struct {
	Name string
	Src  string
	Fn   *syntax.Function
}

// Prober answers questions about data that decide the shape of a query:
// the keys bag_unpack turns into columns, the values pivot does. The
// executor implements it by running the input; without one, such
// operators are errors.
type Prober interface {
	// Distinct returns the distinct non-null values of e over the rows of
	// in (flattened when e is an array), at most limit of them.
	Distinct(ctx context.Context, in Tabular, e Expr, limit int) ([]any, error)
}

// Options configure an analysis.
type Options struct {
	Catalog Catalog
	Env     *Env
	// Params are the values of declared query parameters, by name; a
	// declared parameter without a value takes its default.
	Params map[string]*Literal
	// Now is the query's clock: now() and ago() read it once.
	Now time.Time
	// Probe runs data-dependent parts of the analysis; may be nil.
	Probe Prober
}

// Result is an analysed script.
type Result struct {
	// Query is the tabular expression the script ends with, or nil when
	// the script only binds names (a cell of let statements).
	Query Tabular
	// Lets are the script's top-level bindings in order, for a session to
	// carry to the next query.
	Lets []Let
	// Visualization is what a final render operator asked for, or nil.
	Visualization *table.Visualization
}

// Let is one top-level binding; exactly one of Scalar, Table and Func is set.
type Let struct {
	Name   string
	Scalar Expr
	Table  Tabular
	Func   *FuncDef
}

// Analyze checks a parsed script. src is the text it was parsed from (for
// error positions). The error, if any, is an *Error.
func Analyze(ctx context.Context, script *syntax.Script, src string, opts Options) (res *Result, err error) {
	if opts.Catalog == nil {
		opts.Catalog = emptyCatalog{}
	}
	if opts.Now.IsZero() {
		opts.Now = time.Now().UTC()
	}
	c := &checker{ctx: ctx, opts: &opts, src: src, lines: syntax.NewLineIndex(src)}
	defer func() {
		if r := recover(); r != nil {
			b, ok := r.(bailout)
			if !ok {
				panic(r)
			}
			res, err = nil, b.err
		}
	}()
	return c.script(script), nil
}

type emptyCatalog struct{}

func (emptyCatalog) Table(string) ([]table.Column, bool) { return nil, false }
func (emptyCatalog) TableNames() []string                { return nil }

// checker is the state of one analysis.
type checker struct {
	ctx   context.Context
	opts  *Options
	src   string
	lines *syntax.LineIndex
	// depth counts nested function expansions, to stop runaway recursion.
	depth int
	// refs counts named subexpressions, to name their CTEs uniquely.
	refs int
	vis  *table.Visualization
	// binAuto holds `set query_bin_auto_size` and `query_bin_auto_at`,
	// which bin_auto() reads.
	binAutoSize, binAutoAt Expr
}

// maxCallDepth bounds nested user-function calls (KQL has no recursion;
// the limit turns a cycle through the environment into an error).
const maxCallDepth = 64

func (c *checker) script(s *syntax.Script) *Result {
	res := &Result{}
	sc := c.globalScope()
	for i, st := range s.Stmts {
		last := i == len(s.Stmts)-1
		switch st := st.(type) {
		case *syntax.LetStmt:
			res.Lets = append(res.Lets, c.letStmt(st, sc))
		case *syntax.QueryParamsStmt:
			c.queryParams(st, sc)
		case *syntax.SetStmt:
			c.setStmt(st)
		case *syntax.ExprStmt:
			if !last {
				c.errorf(st, "only the last statement of a query may be a tabular expression")
			}
			res.Query = c.tabular(st.X, sc)
		case *syntax.PatternStmt:
			c.patternStmt(st, sc)
		case *syntax.AliasStmt:
			c.unsupported(st, "alias database")
		case *syntax.RestrictStmt:
			c.unsupported(st, "restrict access")
		default:
			c.errorf(st, "unexpected statement")
		}
	}
	res.Visualization = c.vis
	return res
}

// setStmt accepts the request options that change nothing here and
// rejects the ones whose meaning would be silently lost.
func (c *checker) setStmt(st *syntax.SetStmt) {
	switch st.Name.Name {
	case "query_bin_auto_size", "query_bin_auto_at":
		if st.Value == nil {
			c.errorf(st, "set %s needs a value", st.Name.Name)
		}
		e := c.scalar(st.Value, c.globalScope(), nil)
		if !IsConstant(e) {
			c.errorf(st.Value, "set %s needs a constant", st.Name.Name)
		}
		if st.Name.Name == "query_bin_auto_size" {
			c.binAutoSize = e
		} else {
			c.binAutoAt = e
		}
	}
}

// queryParams binds declared parameters to the supplied values or their
// defaults.
func (c *checker) queryParams(st *syntax.QueryParamsStmt, sc *scope) {
	for _, prm := range st.Params {
		t := c.typeRef(prm.Type)
		if v, ok := c.opts.Params[prm.Name.Name]; ok {
			lit := c.convertLiteral(prm.Name, v, t)
			sc.bind(prm.Name.Name, &symbol{scalar: lit})
			continue
		}
		if prm.Default == nil {
			c.errorf(prm, "query parameter '%s' has no value and no default", prm.Name.Name)
		}
		e := c.scalar(prm.Default, sc, nil)
		sc.bind(prm.Name.Name, &symbol{scalar: c.coerce(prm.Default, e, t)})
	}
}

// convertLiteral checks a supplied parameter value against its declared
// type; strings convert to other types with Kusto's literal rules.
func (c *checker) convertLiteral(n syntax.Node, v *Literal, t table.Type) *Literal {
	if v.T == t || t == table.Dynamic {
		return v
	}
	if v.T == table.String && v.Value != nil {
		text := v.Value.(string)
		switch t {
		case table.DateTime:
			if tm, err := syntax.ParseDateTime(text); err == nil {
				return &Literal{T: t, Value: tm}
			}
		case table.TimeSpan:
			if d, err := syntax.ParseTimeSpan(text); err == nil {
				return &Literal{T: t, Value: d}
			}
		}
		if lit, err := syntax.ParseExpr(text); err == nil {
			if l, ok := lit.(*syntax.Literal); ok && l.Type == t {
				return &Literal{T: t, Value: l.Value}
			}
		}
	}
	if v.T == table.Long && t == table.Real && v.Value != nil {
		return &Literal{T: t, Value: float64(v.Value.(int64))}
	}
	c.errorf(n, "query parameter value of type %s does not fit its declared type %s", v.T, t)
	return nil
}

// errNotTabular is returned (wrapped in an Error) when a scalar stands
// where a table is expected.
var errNotTabular = errors.New("not a tabular expression")

func (c *checker) checkCtx(n syntax.Node) {
	if err := c.ctx.Err(); err != nil {
		panic(bailout{c.newError(n, false, fmt.Sprintf("analysis interrupted: %v", err))})
	}
}
