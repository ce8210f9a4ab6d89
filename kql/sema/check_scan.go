package sema

import (
	"strings"

	"github.com/huntbook/huntbook/kql/syntax"
	"github.com/huntbook/huntbook/table"
)

// Scan is the scan operator (see docs/kql-operators.md): a state machine
// over the input in its order. Every step's state holds, per step up to
// it, a record of the input columns and the declared ones. A condition or
// assignment reads the current row's input columns by name and a state
// record's by Step.Column (a ColumnRef named "Step.Column").
type Scan struct {
	In      Tabular
	MatchID string // the with_match_id column, or ""
	Declare []ScanDecl
	Steps   []ScanStep
	out     []table.Column
}

// ScanDecl is a declared column and its default value (a constant).
type ScanDecl struct {
	Name    string
	T       table.Type
	Default Expr
}

// ScanStep is one step: its condition, whether its matches are output,
// and the columns it assigns, by index in StateColumns (declared columns,
// or input columns the matching row's value is replaced in).
type ScanStep struct {
	Name   string
	Output bool
	// Last (output=last) outputs only the last record of the step's
	// series of matches in each sequence (match id).
	Last    bool
	Cond    Expr
	Assigns map[int]Expr
}

func (n *Scan) Schema() []table.Column { return n.out }
func (*Scan) tabularNode()             {}

// StateColumns are the columns of a state record: the input's, then the
// declared ones.
func (n *Scan) StateColumns() []table.Column {
	cols := append([]table.Column(nil), n.In.Schema()...)
	for _, d := range n.Declare {
		cols = append(cols, table.Column{Name: d.Name, Type: d.T})
	}
	return cols
}

// scan checks `scan [with_match_id=Id] [declare (...)] with (steps)`.
func (c *checker) scan(op *syntax.ScanOp, in Tabular, sc *scope) Tabular {
	if len(op.OrderBy) > 0 || len(op.PartitionBy) > 0 {
		c.unsupported(op, "scan order by / partition by (sort the input, or use partition)")
	}
	n := &Scan{In: in}
	b := newColumns()
	for _, col := range in.Schema() {
		b.add(col.Name, col.Type)
	}
	for _, d := range op.Declare {
		n.Declare = append(n.Declare, c.scanDecl(d, sc, b))
	}
	if p := op.Param("with_match_id"); p != nil {
		n.MatchID = paramWord(p)
		if n.MatchID == "" || b.taken[n.MatchID] {
			c.errorf(p, "with_match_id needs a new column name")
		}
		b.add(n.MatchID, table.Long)
	}
	if len(op.Steps) == 0 {
		c.errorf(op, "scan needs at least one step")
	}
	row := &rowCtx{cols: in.Schema(), scanState: n.StateColumns(), scanSteps: map[string]bool{}}
	for _, st := range op.Steps {
		if row.scanSteps[st.Name.Name] {
			c.errorf(st.Name, "duplicate step name '%s'", st.Name.Name)
		}
		row.scanSteps[st.Name.Name] = true
	}
	for _, st := range op.Steps {
		n.Steps = append(n.Steps, c.scanStep(st, n, sc, row))
	}
	n.out = b.cols
	return n
}

func (c *checker) scanDecl(d *syntax.FuncParam, sc *scope, b *columns) ScanDecl {
	t := c.typeRef(d.Type)
	if b.taken[d.Name.Name] {
		c.errorf(d.Name, "declared column '%s' is already a column of the input", d.Name.Name)
	}
	b.add(d.Name.Name, t)
	def := Expr(&Literal{T: t})
	if t == table.String {
		def = &Literal{T: t, Value: ""}
	}
	if d.Default != nil {
		v := c.scalar(d.Default, sc, nil)
		if !IsConstant(v) {
			c.errorf(d.Default, "a declared column's default must be a constant")
		}
		def = c.scanValue(d.Default, v, t)
	}
	return ScanDecl{Name: d.Name.Name, T: t, Default: def}
}

// scanValue converts a value to a declared column's type, as assignments
// do: numbers convert among themselves, other types must match.
func (c *checker) scanValue(at syntax.Node, v Expr, t table.Type) Expr {
	switch {
	case v.Type() == t:
		return v
	case t == table.Dynamic, v.Type().IsNumeric() && t.IsNumeric():
		return c.convert(v, t)
	case isNullLiteral(v):
		return c.convert(v, t)
	}
	c.errorf(at, "a %s value for a %s column", v.Type(), t)
	return nil
}

func isNullLiteral(e Expr) bool {
	l, ok := e.(*Literal)
	return ok && l.Value == nil
}

func (c *checker) scanStep(st *syntax.ScanStep, n *Scan, sc *scope, row *rowCtx) ScanStep {
	if st.Optional {
		c.unsupported(st, "optional scan steps")
	}
	out := ScanStep{Name: st.Name.Name, Output: true, Assigns: map[int]Expr{}}
	if st.Output != nil {
		switch strings.ToLower(st.Output.Name) {
		case "all":
		case "none":
			out.Output = false
		case "last":
			out.Last = true
		default:
			c.errorf(st.Output, "scan step output must be all, last or none")
		}
	}
	out.Cond = c.toBool(st.Cond, c.scalar(st.Cond, sc, row))
	for _, a := range st.Assigns {
		if len(a.Names) != 1 {
			c.errorf(a, "a scan assignment is Column = Expression")
		}
		name := a.Names[0].Name
		state := n.StateColumns()
		idx := columnIndex(state, name)
		if idx < 0 {
			c.errorf(a.Names[0], "'%s' is not a declared column of the scan or a column of its input", name)
		}
		out.Assigns[idx] = c.scanValue(a.Value, c.scalar(a.Value, sc, row), state[idx].Type)
	}
	return out
}

// scanStateRef resolves Step.Column in a scan condition or assignment.
func (c *checker) scanStateRef(e *syntax.Member, step string, row *rowCtx) Expr {
	i := columnIndex(row.scanState, e.Name.Name)
	if i < 0 {
		c.errorf(e.Name, "unknown column '%s' in the state of step %s%s", e.Name.Name, step,
			didYouMean(e.Name.Name, columnNames(row.scanState)))
	}
	return &ColumnRef{Name: step + "." + e.Name.Name, T: row.scanState[i].Type}
}
