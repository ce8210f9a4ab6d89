package plan

import (
	"fmt"

	"github.com/huntbook/huntbook/kql/sema"
	"github.com/huntbook/huntbook/table"
)

// groupWindow lowers a window step inside mv-apply or a grouped
// partition. The rows arrive grouped by ApplyRowColumn, so the window
// functions run over the whole relation in its order, rewritten so that
// none reads a row of another group: prev/next give their default when
// the neighbour's group differs, and row_number/row_cumsum restart where
// the group changes (their restart form).
func (b *builder) groupWindow(t *sema.Window, in Node) Node {
	w := *t
	w.Cols = make([]sema.NamedExpr, len(t.Cols))
	for i, c := range t.Cols {
		w.Cols[i] = sema.NamedExpr{Name: c.Name, Expr: perGroup(c.Expr)}
	}
	b.named(w.Cols)
	return b.window(in, &w)
}

func perGroup(e sema.Expr) sema.Expr {
	call, ok := e.(*sema.Call)
	if !ok {
		return e
	}
	args := make([]sema.Expr, len(call.Args))
	for i, a := range call.Args {
		args[i] = perGroup(a)
	}
	c := &sema.Call{Fn: call.Fn, Args: args, T: call.T}
	if c.Fn.Kind != sema.KindWindow {
		return c
	}
	switch c.Fn.Name {
	case "prev", "next":
		return neighbourInGroup(c)
	case "row_number", "row_cumsum":
		return restartOnGroup(c)
	}
	panic(fmt.Sprintf("plan: %s() inside a group", c.Fn.Name))
}

func op(name string) *sema.Function {
	f, ok := sema.LookupFunction(name)
	if !ok {
		panic("plan: no function " + name)
	}
	return f
}

// neighbourInGroup is iff(prev(__row, n) == __row, prev(x, n), default).
func neighbourInGroup(c *sema.Call) sema.Expr {
	off := sema.Expr(&sema.Literal{T: table.Long, Value: int64(1)})
	if len(c.Args) > 1 {
		off = c.Args[1]
	}
	var def sema.Expr = &sema.Literal{T: c.T}
	if len(c.Args) > 2 {
		def = c.Args[2]
	}
	neighbourRow := &sema.Call{Fn: c.Fn, Args: []sema.Expr{rowRef, off}, T: table.Long}
	same := &sema.Call{Fn: op("=="), Args: []sema.Expr{neighbourRow, rowRef}, T: table.Bool}
	value := &sema.Call{Fn: c.Fn, Args: c.Args[:min(2, len(c.Args))], T: c.T}
	return &sema.Call{Fn: op("iff"), Args: []sema.Expr{same, value, def}, T: c.T}
}

// restartOnGroup adds "the group changed" to the restart condition.
func restartOnGroup(c *sema.Call) sema.Expr {
	prevRow := &sema.Call{Fn: op("prev"), Args: []sema.Expr{rowRef}, T: table.Long}
	changed := sema.Expr(&sema.Call{Fn: op("!="), Args: []sema.Expr{prevRow, rowRef}, T: table.Bool})
	args := append([]sema.Expr(nil), c.Args...)
	if c.Fn.Name == "row_number" && len(args) == 0 {
		args = append(args, &sema.Literal{T: table.Long, Value: int64(1)})
	}
	if len(args) > 1 {
		changed = &sema.Call{Fn: op("or"), Args: []sema.Expr{args[1], changed}, T: table.Bool}
		args[1] = changed
	} else {
		args = append(args, changed)
	}
	return &sema.Call{Fn: c.Fn, Args: args, T: c.T}
}

// groupScan lowers a scan inside mv-apply or a grouped partition: the
// input's columns with ApplyRowColumn last among them, the scan
// restarting where ApplyRowColumn changes, so each group is scanned as
// if alone (the rows come grouped: sema accepts a scan there only over
// sorted rows).
func (b *builder) groupScan(t *sema.Scan, in Node) Node {
	for _, e := range scanExprs(t.Declare, t.Steps) {
		b.exprs(e)
	}
	inCols := t.In.Schema()
	cols := columnRefs(inCols)
	cols = append(cols, sema.NamedExpr{Name: ApplyRowColumn, Expr: rowRef})
	in = &Project{In: in, Cols: cols}
	nIn := len(inCols)
	state := t.StateColumns()
	withRow := append(append(append([]table.Column(nil), state[:nIn]...), table.Column{Name: ApplyRowColumn, Type: table.Long}), state[nIn:]...)
	steps := make([]sema.ScanStep, len(t.Steps))
	for i, st := range t.Steps {
		steps[i] = st
		steps[i].Assigns = map[int]sema.Expr{}
		for j, e := range st.Assigns {
			if j >= nIn {
				j++ // the declared columns come after ApplyRowColumn
			}
			steps[i].Assigns[j] = e
		}
	}
	out := append([]table.Column(nil), withRow...)
	if t.MatchID != "" {
		out = append(out, table.Column{Name: t.MatchID, Type: table.Long})
	}
	return &ScanSteps{In: in, MatchID: t.MatchID, Declare: t.Declare, Steps: steps, State: withRow, Cols: out, Group: ApplyRowColumn}
}
