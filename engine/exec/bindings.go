package exec

import (
	"github.com/huntbook/huntbook/kql/sema"
	"github.com/huntbook/huntbook/table"
)

// BindTable binds name to the engine table ref (a named result) with the
// given columns, replacing any earlier binding of the name. A notebook
// session uses it to make one result reachable under several names (_,
// _N and the analyst's own) without copying it.
func (e *Env) BindTable(name, ref string, cols []table.Column) {
	e.bindResult(name, ref, cols)
}

// Unbind forgets a name of any kind.
func (e *Env) Unbind(name string) { e.bind(name, nil, nil, nil) }

// TableRefs maps every bound table name (tabular lets, named results) to
// the engine table holding it, so a session can drop them when it restarts.
func (e *Env) TableRefs() map[string]string {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := make(map[string]string, len(e.tables))
	for name, t := range e.tables {
		out[name] = t.Ref
	}
	return out
}

// Table returns the columns of a bound table name.
func (e *Env) Table(name string) ([]table.Column, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	t, ok := e.tables[name]
	return t.Cols, ok
}

// Scalar returns the value of a scalar let.
func (e *Env) Scalar(name string) (*sema.Literal, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	v, ok := e.scalars[name]
	return v, ok
}

// Function returns a let-bound function.
func (e *Env) Function(name string) (*sema.FuncDef, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	f, ok := e.funcs[name]
	return f, ok
}
