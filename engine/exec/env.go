package exec

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/huntbook/huntbook/engine"
	"github.com/huntbook/huntbook/kql/plan"
	"github.com/huntbook/huntbook/kql/sema"
	"github.com/huntbook/huntbook/table"
)

// Env carries a session's bindings from one query to the next: scalar
// lets as values, tabular lets and named results as engine tables,
// functions as syntax, and query parameter values. It is safe for
// concurrent use; a session normally runs one query at a time.
type Env struct {
	mu      sync.Mutex
	scalars map[string]*sema.Literal
	tables  map[string]sema.EnvTable
	funcs   map[string]*sema.FuncDef
	params  map[string]*sema.Literal
	seq     int
}

// NewEnv returns an empty environment.
func NewEnv() *Env {
	return &Env{scalars: map[string]*sema.Literal{}, tables: map[string]sema.EnvTable{},
		funcs: map[string]*sema.FuncDef{}, params: map[string]*sema.Literal{}}
}

// SetParam sets a query parameter value (declare query_parameters reads
// it); a nil value removes it.
func (e *Env) SetParam(name string, t table.Type, v any) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if v == nil && t == table.Invalid {
		delete(e.params, name)
		return
	}
	e.params[name] = &sema.Literal{T: t, Value: v}
}

// Names lists the bound names by kind, for completion and inspection.
func (e *Env) Names() (scalars, tables, functions []string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	for n := range e.scalars {
		scalars = append(scalars, n)
	}
	for n := range e.tables {
		tables = append(tables, n)
	}
	for n := range e.funcs {
		functions = append(functions, n)
	}
	return
}

// semaEnv is a snapshot of the bindings for the analyser.
func (e *Env) semaEnv() *sema.Env {
	if e == nil {
		return nil
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	out := &sema.Env{Scalars: map[string]*sema.Literal{}, Tables: map[string]sema.EnvTable{}, Functions: map[string]*sema.FuncDef{}}
	for k, v := range e.scalars {
		out.Scalars[k] = v
	}
	for k, v := range e.tables {
		out.Tables[k] = v
	}
	for k, v := range e.funcs {
		out.Functions[k] = v
	}
	return out
}

func (e *Env) paramValues() map[string]*sema.Literal {
	if e == nil {
		return nil
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	out := map[string]*sema.Literal{}
	for k, v := range e.params {
		out[k] = v
	}
	return out
}

// bind records one name, replacing any earlier binding of it.
func (e *Env) bind(name string, scalar *sema.Literal, tab *sema.EnvTable, fn *sema.FuncDef) {
	e.mu.Lock()
	defer e.mu.Unlock()
	delete(e.scalars, name)
	delete(e.tables, name)
	delete(e.funcs, name)
	switch {
	case scalar != nil:
		e.scalars[name] = scalar
	case tab != nil:
		e.tables[name] = *tab
	case fn != nil:
		e.funcs[name] = fn
	}
}

func (e *Env) bindResult(name, ref string, cols []table.Column) {
	e.bind(name, nil, &sema.EnvTable{Ref: ref, Cols: cols}, nil)
}

// resultName picks the engine table name of a tabular let: a prefix, the
// name made safe, and a sequence number (names differing only in case
// must not collide, and re-binding a name must not clobber a table an
// earlier function still reads).
func (e *Env) resultName(name string) string {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.seq++
	return fmt.Sprintf("let_%s_%d", unsafeChars.ReplaceAllString(strings.ToLower(name), "_"), e.seq)
}

var unsafeChars = regexp.MustCompile(`[^a-z0-9_]`)

// bindLets records a script's top-level lets: scalars are evaluated to
// values, tables materialised in the engine, functions kept as syntax.
func (x *Executor) bindLets(ctx context.Context, c *Compiled, env *Env) error {
	for _, l := range c.Analysis.Lets {
		switch {
		case l.Func != nil:
			env.bind(l.Name, nil, nil, l.Func)
		case l.Table != nil:
			ref := env.resultName(l.Name)
			var info engine.TableInfo
			err := x.withPlugins(ctx, plan.Optimize(plan.Build(l.Table)), func(text string) (err error) {
				if info, err = x.db.Materialize(ctx, ref, engine.Query{SQL: text, Schema: l.Table.Schema()}); err != nil {
					return wrapEngine(err)
				}
				return nil
			})
			if err != nil {
				return err
			}
			env.bind(l.Name, nil, &sema.EnvTable{Ref: ref, Cols: info.Columns}, nil)
		case l.Scalar != nil:
			lit, err := x.evalScalar(ctx, l.Scalar)
			if err != nil {
				return fmt.Errorf("let %s: %w", l.Name, err)
			}
			env.bind(l.Name, lit, nil, nil)
		}
	}
	return nil
}

// evalScalar computes a scalar expression once.
func (x *Executor) evalScalar(ctx context.Context, e sema.Expr) (*sema.Literal, error) {
	if lit, ok := e.(*sema.Literal); ok {
		return lit, nil
	}
	var res *engine.Result
	err := x.withPlugins(ctx, plan.Optimize(plan.BuildScalar(e)), func(text string) (err error) {
		if res, err = x.db.Query(ctx, engine.Query{SQL: text, Schema: []table.Column{{Name: "v", Type: e.Type()}}}, 1); err != nil {
			return wrapEngine(err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &sema.Literal{T: e.Type(), Value: res.Table.Rows[0][0]}, nil
}
