package sema

import (
	"github.com/huntbook/huntbook/kql/syntax"
	"github.com/huntbook/huntbook/table"
)

// PartitionGroups is partition compiled without reading the data: the
// subquery Sub reads Rows, the rows of one partition, and runs once per
// distinct value of Key, as grouped SQL (aggregates group by the
// partition too, sorts sort by it first, take and top keep N rows per
// partition). Only subqueries whose every operator has that per-group
// form get this node; the others are expanded per value read from the
// data (partition legs).
type PartitionGroups struct {
	In   Tabular
	Key  *ColumnRef
	Rows *ApplyRows
	Sub  Tabular
}

func (n *PartitionGroups) Schema() []table.Column { return n.Sub.Schema() }
func (*PartitionGroups) tabularNode()             {}

// partitionGroups checks the subquery once over the rows of one
// partition; ok is false when it has an operator without a per-group
// form (or refers to the partition by name), and the caller expands the
// partitions from the data instead.
func (c *checker) partitionGroups(op *syntax.PartitionOp, in Tabular, key table.Column, sc *scope) (Tabular, bool) {
	if op.Braces || op.Scope != nil || hasAsOp(op.Subquery) {
		return nil, false
	}
	rows := &ApplyRows{Cols: in.Schema()}
	sub := c.subquery(op.Subquery, rows, sc)
	if !groupedForm(sub) {
		return nil, false
	}
	return &PartitionGroups{In: in, Key: &ColumnRef{Name: key.Name, T: key.Type}, Rows: rows, Sub: sub}, true
}

// hasAsOp reports an `as` inside the subquery: it names the partition for
// toscalar() and the like, which only the per-value expansion can give.
func hasAsOp(e syntax.Node) bool {
	found := false
	syntax.Inspect(e, func(n syntax.Node) bool {
		if _, ok := n.(*syntax.AsOp); ok {
			found = true
		}
		return !found
	})
	return found
}

// groupWindowFuncs are the window functions plan can confine to one
// group (mv-apply's input row, a partition): prev and next read no
// neighbour of another group, row_number and row_cumsum restart.
var groupWindowFuncs = map[string]bool{"prev": true, "next": true, "row_number": true, "row_cumsum": true}

// groupWindowOK reports a window step whose functions all have the
// per-group form.
func groupWindowOK(w *Window) bool {
	ok := true
	for _, c := range w.Cols {
		Walk(c.Expr, func(e Expr) bool {
			if call, isCall := e.(*Call); isCall && call.Fn.Kind == KindWindow && !groupWindowFuncs[call.Fn.Name] {
				ok = false
			}
			return ok
		})
	}
	return ok
}

// sortedBelow reports a sort or top under row-wise operators: what makes
// a partition's rows come grouped, in order, to a window step.
func sortedBelow(t Tabular) bool {
	switch t := t.(type) {
	case *Sort, *Top:
		return true
	case *Filter:
		return sortedBelow(t.In)
	case *Extend:
		return sortedBelow(t.In)
	case *Project:
		return sortedBelow(t.In)
	case *Window:
		return sortedBelow(t.In)
	case *Scan:
		return sortedBelow(t.In)
	}
	return false
}

// groupedForm reports whether t runs per partition as grouped SQL. (A
// summarize without keys gives every partition a row, even one whose
// rows were all filtered out: the plan's FillGroups.)
func groupedForm(t Tabular) bool {
	switch t := t.(type) {
	case *ApplyRows:
		return true
	case *Filter:
		return groupedForm(t.In)
	case *Extend:
		return groupedForm(t.In)
	case *Project:
		return groupedForm(t.In)
	case *Sort:
		return groupedForm(t.In)
	case *Summarize:
		return groupedForm(t.In)
	case *Take:
		return groupedForm(t.In)
	case *Top:
		return groupedForm(t.In)
	case *MvExpand:
		return groupedForm(t.In)
	case *Parse:
		return groupedForm(t.In)
	case *Window:
		return groupWindowOK(t) && sortedBelow(t.In) && groupedForm(t.In)
	case *Scan:
		return sortedBelow(t.In) && groupedForm(t.In)
	}
	return false
}
