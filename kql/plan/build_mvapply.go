package plan

import (
	"fmt"

	"github.com/huntbook/huntbook/kql/sema"
	"github.com/huntbook/huntbook/table"
)

// ApplyRowColumn is the hidden column that numbers the input rows of
// mv-apply; every step of the subquery carries it and works per value.
const ApplyRowColumn = "__row"

// RowNumber adds ApplyRowColumn, the input's row number from 1.
type RowNumber struct {
	In Node
}

// PartLimit keeps the first N rows of each ApplyRowColumn value, in Keys
// order (take and top inside mv-apply).
type PartLimit struct {
	In   Node
	N    sema.Expr
	Keys []sema.SortKey
}

// ApplyJoin joins the subquery results of mv-apply (Inner) back to their
// input rows (Outer) by ApplyRowColumn: Cols are the outer columns the
// inner side lacks, then the inner ones, in input order.
type ApplyJoin struct {
	Outer, Inner Node
	Cols         []table.Column
}

// GroupNumber adds ApplyRowColumn, the dense rank of Key (nulls last):
// the partitions of partition compiled as grouped SQL, numbered from 1.
type GroupNumber struct {
	In  Node
	Key sema.Expr
}

func (n *GroupNumber) Schema() []table.Column {
	return append(append([]table.Column(nil), n.In.Schema()...), table.Column{Name: ApplyRowColumn, Type: table.Long})
}
func (n *GroupNumber) Inputs() []Node { return []Node{n.In} }
func (*GroupNumber) node()            {}

// partitionGroups lowers partition without the data: number the
// partitions, run the subquery per number as mv-apply's is, drop the
// number. The rows come grouped by partition, in key order.
func (b *builder) partitionGroups(t *sema.PartitionGroups) Node {
	b.exprs(t.Key)
	rows := &GroupNumber{In: b.node(t.In), Key: t.Key}
	saved := b.groups
	b.groups = rows
	inner := b.applyNode(t.Sub, rows)
	b.groups = saved
	cols := make([]sema.NamedExpr, 0, len(t.Schema()))
	for _, c := range t.Schema() {
		cols = append(cols, sema.NamedExpr{Name: c.Name, Expr: &sema.ColumnRef{Name: c.Name, T: c.Type}})
	}
	if !ordered(t.Sub) {
		// the subquery's own order (sort, top) already leads with the
		// partition; otherwise group the rows by partition
		inner = &Sort{In: inner, Keys: []sema.SortKey{{Expr: rowRef}}}
	}
	return &Project{In: inner, Cols: cols}
}

// ordered reports a subquery whose output the per-group form sorts by
// the group first (a sort or top, under row-wise operators).
func ordered(t sema.Tabular) bool {
	switch t := t.(type) {
	case *sema.Sort, *sema.Top:
		return true
	case *sema.Filter:
		return ordered(t.In)
	case *sema.Extend:
		return ordered(t.In)
	case *sema.Project:
		return ordered(t.In)
	case *sema.Take:
		return ordered(t.In)
	case *sema.Parse:
		return ordered(t.In)
	}
	return false
}

// FillGroups is Agg, an aggregate without keys per ApplyRowColumn value,
// with a row for every value of Groups: the values without rows in Agg
// take Empty's values, the aggregates over no rows.
type FillGroups struct {
	Agg, Empty, Groups Node
}

func (n *FillGroups) Schema() []table.Column { return n.Agg.Schema() }
func (n *FillGroups) Inputs() []Node         { return []Node{n.Agg, n.Empty, n.Groups} }
func (*FillGroups) node()                    {}

func (n *RowNumber) Schema() []table.Column {
	return append(append([]table.Column(nil), n.In.Schema()...), table.Column{Name: ApplyRowColumn, Type: table.Long})
}
func (n *PartLimit) Schema() []table.Column { return n.In.Schema() }
func (n *ApplyJoin) Schema() []table.Column { return n.Cols }
func (n *RowNumber) Inputs() []Node         { return []Node{n.In} }
func (n *PartLimit) Inputs() []Node         { return []Node{n.In} }
func (n *ApplyJoin) Inputs() []Node         { return []Node{n.Outer, n.Inner} }
func (*RowNumber) node()                    {}
func (*PartLimit) node()                    {}
func (*ApplyJoin) node()                    {}

var rowRef = &sema.ColumnRef{Name: ApplyRowColumn, T: table.Long}

// mvApply lowers mv-apply: number the input rows, expand them, run the
// subquery per row number, join the results back.
func (b *builder) mvApply(t *sema.MvApply) Node {
	outer := &RowNumber{In: b.node(t.In)}
	rows := b.mvExpandOver(t.Expand, outer)
	saved := b.groups
	b.groups = outer
	inner := b.applyNode(t.Sub, rows)
	b.groups = saved
	return &ApplyJoin{Outer: outer, Inner: inner, Cols: t.Schema()}
}

// applyNode lowers one operator of an mv-apply subquery so that it works
// per input row: aggregates group by the row number too, sorts sort by it
// first, take and top keep N rows per row number.
func (b *builder) applyNode(t sema.Tabular, rows Node) Node {
	switch t := t.(type) {
	case *sema.ApplyRows:
		return rows
	case *sema.Filter:
		b.exprs(t.Pred)
		return &Filter{In: b.applyNode(t.In, rows), Pred: t.Pred}
	case *sema.Extend:
		b.named(t.Cols)
		return b.extend(b.applyNode(t.In, rows), t.Cols)
	case *sema.Project:
		b.named(t.Cols)
		cols := append([]sema.NamedExpr{{Name: ApplyRowColumn, Expr: rowRef}}, t.Cols...)
		return &Project{In: b.applyNode(t.In, rows), Cols: cols}
	case *sema.Summarize:
		b.named(t.Keys)
		for _, a := range t.Aggs {
			b.exprs(a.Expr)
		}
		keys := append([]sema.NamedExpr{{Name: ApplyRowColumn, Expr: rowRef}}, t.Keys...)
		in := b.applyNode(t.In, rows)
		agg := &Aggregate{In: in, Keys: keys, Aggs: t.Aggs}
		if len(t.Keys) > 0 || b.groups == nil {
			return agg
		}
		// a summarize without keys gives one row per group even when the
		// group has no rows left (count 0, an empty list, ...)
		none := &Filter{In: in, Pred: &sema.Literal{T: table.Bool, Value: false}}
		return &FillGroups{Agg: agg, Empty: &Aggregate{In: none, Aggs: t.Aggs}, Groups: b.groups}
	case *sema.Sort:
		b.sortKeys(t.Keys)
		return &Sort{In: b.applyNode(t.In, rows), Keys: append([]sema.SortKey{{Expr: rowRef}}, t.Keys...)}
	case *sema.Take:
		b.exprs(t.N)
		return &PartLimit{In: b.applyNode(t.In, rows), N: t.N}
	case *sema.Top:
		b.sortKeys(t.Keys)
		b.exprs(t.N)
		return &PartLimit{In: b.applyNode(t.In, rows), N: t.N, Keys: t.Keys}
	case *sema.MvExpand:
		return b.mvExpandOver(t, b.applyNode(t.In, rows))
	case *sema.Window:
		return b.groupWindow(t, b.applyNode(t.In, rows))
	case *sema.Scan:
		return b.groupScan(t, b.applyNode(t.In, rows))
	case *sema.Parse:
		return b.parseOver(t, b.applyNode(t.In, rows))
	}
	panic(fmt.Sprintf("plan: %T inside mv-apply", t))
}
