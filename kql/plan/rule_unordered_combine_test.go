package plan

import (
	"testing"

	"github.com/huntbook/huntbook/kql/sema"
	"github.com/huntbook/huntbook/table"
)

func TestUnorderedCombine(t *testing.T) {
	cols := []table.Column{{Name: "k", Type: table.Long}}
	k := &sema.ColumnRef{Name: "k", T: table.Long}
	newJoin := func() *Join {
		v := &Values{Cols: cols}
		return &Join{Left: v, Right: v, On: []sema.JoinCond{{Left: k, Right: k}}, LeftCols: []string{"k"}, RightCols: []string{""}, Cols: cols}
	}
	newUnion := func() *Union {
		v := &Values{Cols: cols}
		return &Union{Ins: []Node{v, v}, Maps: [][]int{{0}, {0}}, Cols: cols}
	}
	agg := func(in Node) Node { return &Aggregate{In: in, Keys: []sema.NamedExpr{{Name: "k", Expr: k}}} }
	tests := []struct {
		name      string
		root      Node
		unordered bool
	}{
		{"join under an aggregation", agg(newJoin()), true},
		{"through project and filter", agg(&Filter{In: &Project{In: newJoin(), Cols: []sema.NamedExpr{{Name: "k", Expr: k}}},
			Pred: &sema.Literal{T: table.Bool, Value: true}}), true},
		{"union under an aggregation", agg(newUnion()), true},
		{"join at the root keeps its order", newJoin(), false},
		{"join under a sort keeps its order", &Sort{In: newJoin(), Keys: []sema.SortKey{{Expr: k}}}, false},
		{"shared join keeps its order", agg(&Shared{Name: "s", In: newJoin()}), false},
		{"join under a limit keeps its order", agg(&Limit{In: newJoin(), N: &sema.Literal{T: table.Long, Value: int64(1)}}), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := applyRule(&Query{Root: tt.root}, unorderedCombine)
			found, got := false, false
			Walk(q.Root, func(n Node) {
				switch n := n.(type) {
				case *Join:
					found, got = true, n.Unordered
				case *Union:
					found, got = true, n.Unordered
				}
			})
			if !found || got != tt.unordered {
				t.Errorf("unordered = %v (found %v), want %v", got, found, tt.unordered)
			}
		})
	}
}
