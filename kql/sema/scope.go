package sema

import (
	"sort"

	"github.com/huntbook/huntbook/kql/syntax"
	"github.com/huntbook/huntbook/table"
)

// symbol is what a name bound by let (or a parameter, or the environment)
// stands for: a scalar, a table, a function or a pattern.
type symbol struct {
	scalar  Expr
	tab     Tabular
	fn      *FuncDef
	fnScope *scope // where the function (or pattern) was defined (its closure)
	pattern *syntax.PatternStmt
	stored  bool // a function of the catalog (FunctionCatalog)
}

// scope maps let-bound names to symbols; inner scopes (function bodies)
// shadow outer ones.
type scope struct {
	parent *scope
	names  map[string]*symbol
	// stored resolves, at the root, the functions the catalog stores
	// (lazily: most queries call none); nil when it stores none.
	stored func(name string) (*symbol, bool)
	// storedNames lists them, for suggestions.
	storedNames func() []string
}

func newScope(parent *scope) *scope { return &scope{parent: parent, names: map[string]*symbol{}} }

func (s *scope) bind(name string, sym *symbol) { s.names[name] = sym }

func (s *scope) lookup(name string) (*symbol, bool) {
	for ; s != nil; s = s.parent {
		if sym, ok := s.names[name]; ok {
			return sym, true
		}
		if s.parent == nil && s.stored != nil {
			if sym, ok := s.stored(name); ok {
				s.names[name] = sym
				return sym, true
			}
		}
	}
	return nil, false
}

// all lists every name visible in s (for suggestions).
func (s *scope) all() []string {
	seen := map[string]bool{}
	var out []string
	for ; s != nil; s = s.parent {
		for n := range s.names {
			if !seen[n] {
				seen[n] = true
				out = append(out, n)
			}
		}
		if s.parent == nil && s.storedNames != nil {
			for _, n := range s.storedNames() {
				if !seen[n] {
					seen[n] = true
					out = append(out, n)
				}
			}
		}
	}
	sort.Strings(out)
	return out
}

// globalScope binds the environment of earlier queries.
func (c *checker) globalScope() *scope {
	sc := newScope(nil)
	if stored := c.storedScope(); stored != nil {
		sc.stored, sc.storedNames = stored.lookup, stored.all
	}
	env := c.opts.Env
	if env == nil {
		return sc
	}
	for n, lit := range env.Scalars {
		sc.bind(n, &symbol{scalar: lit})
	}
	for n, t := range env.Tables {
		sc.bind(n, &symbol{tab: &TableScan{Name: n, Ref: t.Ref, Result: true, Cols: t.Cols}})
	}
	for n, f := range env.Functions {
		sc.bind(n, &symbol{fn: f, fnScope: sc})
	}
	return sc
}

// letStmt binds a name to a function, a table or a scalar.
func (c *checker) letStmt(st *syntax.LetStmt, sc *scope) Let {
	name := st.Name.Name
	if fnx, ok := st.Value.(*syntax.Function); ok {
		def := &FuncDef{Name: name, Src: c.src, Fn: fnx}
		sc.bind(name, &symbol{fn: def, fnScope: sc})
		return Let{Name: name, Func: def}
	}
	if c.isTabular(st.Value, sc) {
		t := c.tabular(st.Value, sc)
		if _, ok := t.(*Ref); !ok {
			c.refs++
			t = &Ref{Name: name, Query: t}
		}
		sc.bind(name, &symbol{tab: t})
		return Let{Name: name, Table: t}
	}
	e := c.scalar(st.Value, sc, nil)
	sc.bind(name, &symbol{scalar: e})
	return Let{Name: name, Scalar: e}
}

// isTabular decides whether an expression is a table or a scalar, which
// KQL's syntax leaves open (`let x = T;`).
func (c *checker) isTabular(e syntax.Expr, sc *scope) bool {
	switch e := e.(type) {
	case *syntax.Pipeline, *syntax.DataTable, *syntax.ExternalData:
		return true
	case *syntax.Paren:
		return c.isTabular(e.X, sc)
	case *syntax.Ident:
		if sym, ok := sc.lookup(e.Name); ok {
			return sym.tab != nil || sym.fn != nil && (sym.fn.Fn.View || storedBare(sym))
		}
		_, ok := c.opts.Catalog.Table(e.Name)
		return ok
	case *syntax.Call:
		if e.Recv != nil {
			return true
		}
		switch e.Name.Name {
		case "materialize", "view", "table", "range_table":
			return true
		case "toscalar":
			return false
		}
		if sym, ok := sc.lookup(e.Name.Name); ok && sym.fn != nil {
			return c.funcReturnsTable(sym)
		}
		if sym, ok := sc.lookup(e.Name.Name); ok && sym.pattern != nil {
			return true
		}
	case *syntax.Member:
		if call, ok := e.X.(*syntax.Call); ok {
			if sym, ok := sc.lookup(call.Name.Name); ok && sym.pattern != nil {
				return true
			}
		}
	}
	return false
}

// funcReturnsTable tells whether a user function's body ends with a
// tabular expression.
func (c *checker) funcReturnsTable(sym *symbol) bool {
	body := sym.fn.Fn.Body
	if body == nil || body.Result == nil {
		return false
	}
	inner := newScope(sym.fnScope)
	for _, prm := range sym.fn.Fn.Params {
		if prm.Type != nil && prm.Type.Name == "" {
			inner.bind(prm.Name.Name, &symbol{tab: &DataTable{}})
		} else {
			inner.bind(prm.Name.Name, &symbol{scalar: &Literal{T: table.Dynamic}})
		}
	}
	for _, st := range body.Stmts {
		if l, ok := st.(*syntax.LetStmt); ok {
			if _, isFn := l.Value.(*syntax.Function); isFn {
				inner.bind(l.Name.Name, &symbol{fn: &FuncDef{Name: l.Name.Name, Fn: l.Value.(*syntax.Function)}, fnScope: inner})
			} else if c.isTabular(l.Value, inner) {
				inner.bind(l.Name.Name, &symbol{tab: &DataTable{}})
			} else {
				inner.bind(l.Name.Name, &symbol{scalar: &Literal{T: table.Dynamic}})
			}
		}
	}
	return c.isTabular(body.Result, inner)
}

// patternStmt binds a declared pattern.
func (c *checker) patternStmt(st *syntax.PatternStmt, sc *scope) {
	if len(st.Matches) == 0 {
		c.unsupported(st, "a pattern without definitions")
	}
	sc.bind(st.Name.Name, &symbol{pattern: st, fnScope: sc})
}
