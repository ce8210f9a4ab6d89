package plan

import (
	"strconv"

	"github.com/huntbook/huntbook/kql/sema"
	"github.com/huntbook/huntbook/table"
)

// restartPos is the position of the restart argument of the window
// functions that take one.
var restartPos = map[string]int{"row_number": 1, "row_cumsum": 1, "row_rank_min": 1, "row_rank_dense": 1,
	"row_window_session": 3}

// Internal window functions the restart rewrite produces; sqlgen writes
// them (their '#' keeps them out of reach of queries).
var (
	fnRestartGroup = &sema.Function{Name: "restart_group#", Kind: sema.KindWindow}
	fnTermChanged  = &sema.Function{Name: "term_changed#", Kind: sema.KindWindow}
)

// restartRewrite turns window calls whose value restarts (row_number(1,
// restart), row_cumsum(x, restart)) or depends on the previous row's term
// (row_rank_min, row_rank_dense) into calls over hidden columns computed
// one window level below: the restart flag, the running count of
// restarts (a partition key) and whether the term changed. SQL cannot
// nest one window function in another, which computing them in one
// expression would need.
type restartRewrite struct {
	taken  []table.Column
	n      int
	hidden []sema.NamedExpr
}

// hoistRestarts rewrites the window columns; the hidden columns come
// right before the column that reads them.
func hoistRestarts(cols []sema.NamedExpr, in []table.Column) (out []sema.NamedExpr, hidden map[string]bool) {
	rw := &restartRewrite{taken: append(append([]table.Column(nil), in...), namedColumns(cols)...)}
	hidden = map[string]bool{}
	for _, c := range cols {
		rw.hidden = nil
		e := rw.expr(c.Expr)
		for _, h := range rw.hidden {
			hidden[h.Name] = true
		}
		out = append(out, rw.hidden...)
		out = append(out, sema.NamedExpr{Name: c.Name, Expr: e})
	}
	return out, hidden
}

func namedColumns(cols []sema.NamedExpr) []table.Column {
	out := make([]table.Column, len(cols))
	for i, c := range cols {
		out[i] = table.Column{Name: c.Name, Type: c.Expr.Type()}
	}
	return out
}

func (rw *restartRewrite) expr(e sema.Expr) sema.Expr {
	call, ok := e.(*sema.Call)
	if !ok {
		return e
	}
	args := make([]sema.Expr, len(call.Args))
	for i, a := range call.Args {
		args[i] = rw.expr(a)
	}
	if call.Fn.Kind == sema.KindWindow {
		for i, a := range args {
			if hasWindowCall(a) {
				args[i] = rw.add("a", a) // row_cumsum(prev(x)): no nesting in SQL
			}
		}
	}
	call = &sema.Call{Fn: call.Fn, Args: args, T: call.T}
	pos, ok := restartPos[call.Fn.Name]
	if !ok || call.Fn.Kind != sema.KindWindow {
		return call
	}
	if call.Fn.Name == "row_window_session" {
		return rw.session(call, pos)
	}
	rank := call.Fn.Name == "row_rank_min" || call.Fn.Name == "row_rank_dense"
	if !rank && len(args) <= pos {
		return call
	}
	var restart sema.Expr = &sema.Literal{T: table.Bool, Value: false}
	if len(args) > pos {
		restart = args[pos]
	}
	var r, g sema.Expr = restart, &sema.Literal{T: table.Long, Value: int64(0)} // no restart: one partition
	if _, constant := restart.(*sema.Literal); !constant {
		r = rw.add("r", restart)
		g = rw.add("g", &sema.Call{Fn: fnRestartGroup, Args: []sema.Expr{r}, T: table.Long})
	}
	first := args[0] // row_number's start, row_cumsum's term
	if rank {
		term := rw.add("t", args[0])
		first = rw.add("c", &sema.Call{Fn: fnTermChanged, Args: []sema.Expr{term, r}, T: table.Bool})
	}
	grouped := &sema.Function{Name: call.Fn.Name + "#grouped", Kind: sema.KindWindow}
	return &sema.Call{Fn: grouped, Args: []sema.Expr{first, g}, T: call.T}
}

// session rewrites row_window_session(value, maxFirst, maxNeighbor [,
// restart]): the value and the restart flag become hidden columns, which
// sqlgen reads over the whole input at once (a session's start depends on
// the one before, beyond what SQL windows express).
func (rw *restartRewrite) session(call *sema.Call, pos int) sema.Expr {
	args := call.Args
	var restart sema.Expr = &sema.Literal{T: table.Bool, Value: false}
	if len(args) > pos {
		restart = args[pos]
	}
	value := rw.add("v", args[0])
	r := rw.add("r", restart)
	grouped := &sema.Function{Name: "row_window_session#grouped", Kind: sema.KindWindow}
	return &sema.Call{Fn: grouped, Args: []sema.Expr{value, args[1], args[2], r}, T: call.T}
}

// hasWindowCall reports whether e calls a window function.
func hasWindowCall(e sema.Expr) bool {
	found := false
	sema.Walk(e, func(x sema.Expr) bool {
		if c, ok := x.(*sema.Call); ok && c.Fn.Kind == sema.KindWindow {
			found = true
		}
		return !found
	})
	return found
}

// add appends a hidden column and returns a reference to it; a column
// reference needs none.
func (rw *restartRewrite) add(kind string, e sema.Expr) *sema.ColumnRef {
	if ref, ok := e.(*sema.ColumnRef); ok && ref.Side == sema.SideRow {
		return ref
	}
	name := freeName(rw.taken, "__w"+strconv.Itoa(rw.n)+kind)
	rw.n++
	rw.taken = append(rw.taken, table.Column{Name: name, Type: e.Type()})
	rw.hidden = append(rw.hidden, sema.NamedExpr{Name: name, Expr: e})
	return &sema.ColumnRef{Name: name, T: e.Type()}
}
