package session

import (
	"sort"

	"github.com/huntbook/huntbook/kql/syntax"
)

// resultName is the analyst's name for a cell's result: the query (the
// script's last statement) ends in `| as Name`, possibly followed by a
// `| render`. KQL's own `as` names a result inside one query; the session
// extends that name to the cells after it.
func resultName(script *syntax.Script) string {
	if script == nil || len(script.Stmts) == 0 {
		return ""
	}
	stmt, ok := script.Stmts[len(script.Stmts)-1].(*syntax.ExprStmt)
	if !ok {
		return ""
	}
	p, ok := stmt.X.(*syntax.Pipeline)
	if !ok {
		return ""
	}
	ops := p.Ops
	for len(ops) > 0 {
		if _, ok := ops[len(ops)-1].(*syntax.RenderOp); !ok {
			break
		}
		ops = ops[:len(ops)-1]
	}
	if len(ops) == 0 {
		return ""
	}
	if as, ok := ops[len(ops)-1].(*syntax.AsOp); ok && as.Name != nil {
		return as.Name.Name
	}
	return ""
}

// Names lists what the session has bound, by kind, each sorted: scalar
// lets, tables (tabular lets and results: _, _N, analysts' names) and
// functions.
type Names struct {
	Scalars, Tables, Functions []string
}

// Names returns the current bindings.
func (s *Session) Names() Names {
	s.mu.Lock()
	env := s.env
	s.mu.Unlock()
	sc, tb, fn := env.Names()
	sort.Strings(sc)
	sort.Strings(tb)
	sort.Strings(fn)
	return Names{Scalars: sc, Tables: tb, Functions: fn}
}
