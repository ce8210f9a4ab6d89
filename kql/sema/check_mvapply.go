package sema

import (
	"github.com/huntbook/huntbook/kql/syntax"
	"github.com/huntbook/huntbook/table"
)

// MvApply applies a subquery to the expansion of each input row's arrays
// (`mv-apply`). Sub reads Rows, the expanded rows of one input row; the
// output is the input columns the subquery's output does not have (and
// that are not expanded items), then the subquery's columns, per input
// row in input order.
type MvApply struct {
	In     Tabular
	Expand *MvExpand
	Rows   *ApplyRows
	Sub    Tabular
	out    []table.Column
}

// ApplyRows stands for the expanded rows of one input row inside an
// mv-apply subquery.
type ApplyRows struct {
	Cols []table.Column
}

func (n *MvApply) Schema() []table.Column   { return n.out }
func (n *ApplyRows) Schema() []table.Column { return n.Cols }
func (*MvApply) tabularNode()               {}
func (*ApplyRows) tabularNode()             {}

// mvApply checks `mv-apply [with_itemindex=I] items [limit N] on (sub)`.
func (c *checker) mvApply(op *syntax.MvApplyOp, in Tabular, sc *scope) Tabular {
	if op.ID != nil {
		c.unsupported(op.ID, "mv-apply id")
	}
	params := make([]*syntax.Param, 0, len(op.Params))
	for _, p := range op.Params {
		if p.Name.Name == "itemindex" {
			q := *p
			q.Name = &syntax.Ident{Span: p.Name.Span, Name: "with_itemindex"}
			p = &q
		}
		params = append(params, p)
	}
	exp := c.mvExpand(&syntax.MvExpandOp{Span: op.Span, Params: params, Items: op.Items, Limit: op.Limit}, in, sc).(*MvExpand)
	rows := &ApplyRows{Cols: exp.Schema()}
	sub := c.subquery(op.Subquery, rows, sc)
	c.checkApplySub(op.Subquery, sub)
	subCols := sub.Schema()
	items := map[string]bool{}
	for _, it := range exp.Items {
		items[it.Name] = true
	}
	var out []table.Column
	for _, col := range in.Schema() {
		if !items[col.Name] && columnIndex(subCols, col.Name) < 0 {
			out = append(out, col)
		}
	}
	out = append(out, subCols...)
	return &MvApply{In: in, Expand: exp, Rows: rows, Sub: sub, out: out}
}

// checkApplySub accepts the operators that run per input row: row-wise
// ones, summarize, sort, take and top.
func (c *checker) checkApplySub(n syntax.Node, t Tabular) {
	switch t := t.(type) {
	case *ApplyRows:
		return
	case *Filter:
		c.checkApplySub(n, t.In)
	case *Extend:
		c.checkApplySub(n, t.In)
	case *Project:
		c.checkApplySub(n, t.In)
	case *Summarize:
		c.checkApplySub(n, t.In)
	case *Sort:
		c.checkApplySub(n, t.In)
	case *Take:
		c.checkApplySub(n, t.In)
	case *Top:
		c.checkApplySub(n, t.In)
	case *MvExpand:
		c.checkApplySub(n, t.In)
	case *Parse:
		c.checkApplySub(n, t.In)
	case *Scan:
		c.checkApplySub(n, t.In)
	case *Window:
		// the expanded rows come grouped by input row, in order
		if !groupWindowOK(t) {
			c.unsupported(n, "this window function inside mv-apply (only prev, next, row_number and row_cumsum)")
		}
		c.checkApplySub(n, t.In)
	default:
		c.unsupported(n, "this subquery inside mv-apply (only where, extend, project, serialize, summarize, sort, take, top, mv-expand, parse and scan)")
	}
}
