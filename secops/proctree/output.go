package proctree

import (
	"time"

	"github.com/huntbook/huntbook/table"
)

// OutputColumns are the columns evaluate process_tree() appends.
var OutputColumns = []table.Column{
	{Name: "ProcessKey", Type: table.String},
	{Name: "ParentKey", Type: table.String},
	{Name: "Depth", Type: table.Long},
	{Name: "Path", Type: table.String},
	{Name: "IsRoot", Type: table.Bool},
	{Name: "IsLeaf", Type: table.Bool},
	{Name: "IsInferred", Type: table.Bool},
	{Name: "TreeOrder", Type: table.Long},
}

// Table returns the result of evaluate process_tree() over in (the table
// the tree was built from): in's columns plus [OutputColumns], one row per
// node in drawing order. A duplicate input event of a process follows the
// process's row. An inferred node's row fills the columns of its schema
// roles it knows (host, pid, image, time) and leaves the others null ("" for
// strings).
func (t *Tree) Table(in *table.Table) *table.Table {
	out := &table.Table{Columns: append(append([]table.Column{}, in.Columns...), OutputColumns...)}
	dups := make(map[int][]int) // node → extra input rows
	for r, n := range t.RowNode {
		if t.Nodes[n].Row != r {
			dups[n] = append(dups[n], r)
		}
	}
	out.Rows = make([][]any, 0, len(in.Rows)+len(t.Nodes))
	for i, n := range t.Nodes {
		var base []any
		if n.Row >= 0 {
			base = in.Rows[n.Row]
		} else {
			base = t.inferredRow(in, n)
		}
		out.Rows = append(out.Rows, t.annotate(base, n, i))
		for _, r := range dups[i] {
			out.Rows = append(out.Rows, t.annotate(in.Rows[r], n, i))
		}
	}
	return out
}

func (t *Tree) annotate(base []any, n Node, order int) []any {
	row := make([]any, 0, len(base)+len(OutputColumns))
	row = append(row, base...)
	return append(row, n.Key, n.ParentKey, int64(n.Depth), n.Path, n.IsRoot, n.IsLeaf, n.Inferred, int64(order))
}

// inferredRow builds the input-column part of an inferred node's row.
func (t *Tree) inferredRow(in *table.Table, n Node) []any {
	row := make([]any, len(in.Columns))
	for i, c := range in.Columns {
		if c.Type == table.String {
			row[i] = ""
		}
	}
	set := func(col string, s string, num int64, tm time.Time) {
		i := in.ColumnIndex(col)
		if col == "" || i < 0 {
			return
		}
		switch in.Columns[i].Type {
		case table.String:
			row[i] = s
		case table.Long:
			if num >= 0 {
				row[i] = num
			}
		case table.Int:
			if num >= 0 && num <= 1<<31-1 {
				row[i] = int32(num)
			}
		case table.DateTime:
			if !tm.IsZero() {
				row[i] = tm
			}
		}
	}
	set(t.Schema.Host, n.Host, -1, time.Time{})
	set(t.Schema.Name, n.Name, -1, time.Time{})
	if n.PID >= 0 {
		set(t.Schema.PID, pidText(t.Schema.Kind, n.PID), n.PID, time.Time{})
	}
	if !n.Time.IsZero() {
		set(t.Schema.Time, n.Time.Format(time.RFC3339Nano), -1, n.Time)
	}
	return row
}

// pidText writes a pid as the schema's events do: 4688 in hex.
func pidText(k Kind, pid int64) string {
	if k == Windows4688 {
		return "0x" + formatHex(pid)
	}
	return formatDec(pid)
}
