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
	if _, ok := groupedForm(sub); !ok {
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

// groupedForm reports whether t runs per partition as grouped SQL, and
// whether its output may be empty for a partition. A summarize without
// keys must give one row per partition even when the rows before it were
// all filtered out; the grouped form would give none, so it is accepted
// only over an input that cannot be empty (a partition has a row).
func groupedForm(t Tabular) (mayBeEmpty, ok bool) {
	switch t := t.(type) {
	case *ApplyRows:
		return false, true
	case *Filter:
		_, ok := groupedForm(t.In)
		return true, ok
	case *Extend:
		return groupedForm(t.In)
	case *Project:
		return groupedForm(t.In)
	case *Sort:
		return groupedForm(t.In)
	case *Summarize:
		empty, ok := groupedForm(t.In)
		if len(t.Keys) == 0 {
			return false, ok && !empty
		}
		return empty, ok
	case *Take:
		_, ok := groupedForm(t.In)
		return true, ok
	case *Top:
		_, ok := groupedForm(t.In)
		return true, ok
	case *MvExpand:
		_, ok := groupedForm(t.In)
		return true, ok
	case *Parse:
		empty, ok := groupedForm(t.In)
		return empty || t.Filter, ok
	}
	return false, false
}
