package plan

import (
	"fmt"
	"sort"
	"strings"

	"github.com/huntbook/huntbook/kql/sema"
	"github.com/huntbook/huntbook/table"
)

// FileRead reads local files in one format (externaldata): Cols are the
// raw columns the reader yields (see sema.ExternalData), rows in file
// order, files in the order given.
type FileRead struct {
	Format            string
	Paths             []string
	IgnoreFirstRecord bool
	Cols              []table.Column
}

func (n *FileRead) Schema() []table.Column { return n.Cols }
func (n *FileRead) Inputs() []Node         { return nil }
func (*FileRead) node()                    {}

// TopNested is top-nested (see sema.TopNested).
type TopNested struct {
	In     Node
	Levels []sema.TopNestedLevel
	Cols   []table.Column
}

func (n *TopNested) Schema() []table.Column { return n.Cols }
func (n *TopNested) Inputs() []Node         { return []Node{n.In} }
func (*TopNested) node()                    {}

func (b *builder) topNested(t *sema.TopNested) Node {
	for _, lv := range t.Levels {
		b.exprs(lv.Key.Expr, lv.Agg.Expr, lv.N, lv.Others)
	}
	return &TopNested{In: b.node(t.In), Levels: t.Levels, Cols: t.Schema()}
}

// ScanSteps is the scan operator (see sema.Scan); State are the columns of a
// state record.
type ScanSteps struct {
	In      Node
	MatchID string
	Declare []sema.ScanDecl
	Steps   []sema.ScanStep
	State   []table.Column
	Cols    []table.Column
	// Group, when not empty, names an input column whose rows come
	// grouped: the scan starts afresh (empty states, match id 0) where
	// its value changes (scan inside mv-apply or a grouped partition).
	Group string
}

func (n *ScanSteps) Schema() []table.Column { return n.Cols }
func (n *ScanSteps) Inputs() []Node         { return []Node{n.In} }
func (*ScanSteps) node()                    {}

func (b *builder) scan(t *sema.Scan) Node {
	for _, e := range scanExprs(t.Declare, t.Steps) {
		b.exprs(e)
	}
	return &ScanSteps{In: b.node(t.In), MatchID: t.MatchID, Declare: t.Declare, Steps: t.Steps,
		State: t.StateColumns(), Cols: t.Schema()}
}

func scanExprs(decl []sema.ScanDecl, steps []sema.ScanStep) []sema.Expr {
	var out []sema.Expr
	for _, d := range decl {
		out = append(out, d.Default)
	}
	for _, st := range steps {
		out = append(out, st.Cond)
		for _, i := range assignOrder(st) {
			out = append(out, st.Assigns[i])
		}
	}
	return out
}

// assignOrder lists the assigned state columns of a step in column order.
func assignOrder(st sema.ScanStep) []int {
	var out []int
	for i := range st.Assigns {
		out = append(out, i)
	}
	sort.Ints(out)
	return out
}

// withInputsMisc is WithInputs for the nodes of this file.
func withInputsMisc(n Node, ins []Node) Node {
	switch t := n.(type) {
	case *TopNested:
		c := *t
		c.In = ins[0]
		return &c
	case *ScanSteps:
		c := *t
		c.In = ins[0]
		return &c
	}
	return n
}

func topNestedExprs(n *TopNested) []sema.Expr {
	var out []sema.Expr
	for _, lv := range n.Levels {
		out = append(out, lv.Key.Expr, lv.Agg.Expr, lv.N, lv.Others)
	}
	return out
}

// externalData reads the raw columns, then converts them to the declared
// types.
func (b *builder) externalData(t *sema.ExternalData) Node {
	b.named(t.Cols)
	read := &FileRead{Format: t.Format, Paths: t.Paths, IgnoreFirstRecord: t.IgnoreFirstRecord, Cols: t.Raw}
	return &Project{In: read, Cols: t.Cols}
}

// describeMisc describes the nodes of this file.
func describeMisc(n Node) (string, bool) {
	switch n := n.(type) {
	case *FileRead:
		quoted := make([]string, len(n.Paths))
		for i, p := range n.Paths {
			quoted[i] = fmt.Sprintf("%q", p)
		}
		s := fmt.Sprintf("FileRead %s [%s] %s", n.Format, strings.Join(quoted, ", "), schemaText(n.Cols))
		if n.IgnoreFirstRecord {
			s += " ignoreFirstRecord"
		}
		return s, true
	case *TopNested:
		parts := make([]string, len(n.Levels))
		for i, lv := range n.Levels {
			s := "top-nested"
			if lv.N != nil {
				s += " " + lv.N.String()
			}
			s += " of " + lv.Key.String()
			if lv.Others != nil {
				s += " with others=" + lv.Others.String()
			}
			dir := "asc"
			if lv.Desc {
				dir = "desc"
			}
			parts[i] = s + " by " + lv.Agg.String() + " " + dir
		}
		return "TopNested " + strings.Join(parts, ", "), true
	case *GroupNumber:
		return "GroupNumber " + ApplyRowColumn + "=dense_rank(" + n.Key.String() + ")", true
	case *ScanSteps:
		parts := make([]string, len(n.Steps))
		for i, st := range n.Steps {
			parts[i] = "step " + st.Name
			switch {
			case !st.Output:
				parts[i] += " output=none"
			case st.Last:
				parts[i] += " output=last"
			}
			parts[i] += ": " + st.Cond.String()
			for _, j := range assignOrder(st) {
				parts[i] += ", " + n.State[j].Name + "=" + st.Assigns[j].String()
			}
		}
		s := "Scan"
		if n.MatchID != "" {
			s += " with_match_id=" + n.MatchID
		}
		return s + " " + schemaText(n.Cols) + " [" + strings.Join(parts, "; ") + "]", true
	}
	return "", false
}
