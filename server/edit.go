package server

import (
	"fmt"

	"github.com/huntbook/huntbook/notebook"
)

// ApplyEdit applies one edit to a copy of a notebook's cells, as every
// Backend's Session.Edit does (insert, delete, move, source, type,
// metadata); an edit naming no cell, or inserting a taken id, fails.
func ApplyEdit(cells []*notebook.Cell, e Edit) ([]*notebook.Cell, error) {
	i := -1
	for j, c := range cells {
		if c.ID == e.CellID {
			i = j
		}
	}
	if e.Op == EditInsert {
		if i >= 0 || e.CellID == "" {
			return nil, fmt.Errorf("insert: cell id %q is empty or taken", e.CellID)
		}
		typ := e.CellType
		if typ == "" {
			typ = notebook.Code
		}
		c := notebook.NewCell(typ, e.Source)
		c.ID = e.CellID
		at := min(max(e.Index, 0), len(cells))
		return append(cells[:at], append([]*notebook.Cell{c}, cells[at:]...)...), nil
	}
	if i < 0 {
		return nil, fmt.Errorf("%s: no cell %q", e.Op, e.CellID)
	}
	switch e.Op {
	case EditDelete:
		return append(cells[:i], cells[i+1:]...), nil
	case EditMove:
		c := cells[i]
		cells = append(cells[:i], cells[i+1:]...)
		at := min(max(e.Index, 0), len(cells))
		return append(cells[:at], append([]*notebook.Cell{c}, cells[at:]...)...), nil
	case EditSource:
		cells[i].Source = e.Source
	case EditType:
		if e.CellType != notebook.Code && e.CellType != notebook.Markdown && e.CellType != notebook.Raw {
			return nil, fmt.Errorf("type: unknown cell type %q", e.CellType)
		}
		cells[i].Type = e.CellType
		if e.CellType != notebook.Code {
			cells[i].Outputs, cells[i].ExecutionCount = nil, nil
		}
	case EditMetadata:
		cells[i].Metadata = e.Metadata
	default:
		return nil, fmt.Errorf("unknown edit %q", e.Op)
	}
	return cells, nil
}
