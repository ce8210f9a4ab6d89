package plan

import (
	"testing"

	"github.com/huntbook/huntbook/kql/sema"
	"github.com/huntbook/huntbook/table"
)

func TestHoistBags(t *testing.T) {
	bagFn, ok := sema.LookupFunction("series_stats#bag")
	if !ok {
		t.Fatal("no series_stats#bag")
	}
	pick, _ := sema.LookupFunction("[]")
	in := &Values{Cols: []table.Column{{Name: "y", Type: table.Dynamic}}}
	y := &sema.ColumnRef{Name: "y", T: table.Dynamic}
	bag := &sema.Call{Fn: bagFn, Args: []sema.Expr{y}, T: table.Dynamic}
	field := func(name string) sema.Expr {
		return &sema.Call{Fn: pick, Args: []sema.Expr{bag, &sema.Literal{T: table.String, Value: name}}, T: table.Dynamic}
	}
	shared := &Project{In: in, Cols: []sema.NamedExpr{{Name: "y", Expr: y}, {Name: "min", Expr: field("min")}, {Name: "max", Expr: field("max")}}}
	single := &Project{In: in, Cols: []sema.NamedExpr{{Name: "min", Expr: field("min")}}}

	got, ok := hoistBags.Apply(shared).(*Project)
	if !ok {
		t.Fatalf("want a projection, got %T", got)
	}
	below, ok := got.In.(*Project)
	if !ok || len(below.Cols) != 2 || below.Cols[1].Name != "__bag0" || below.Cols[1].Expr != bag {
		t.Fatalf("the bag is not computed once below: %v", got.In)
	}
	for _, c := range got.Cols[1:] {
		var found bool
		sema.Walk(c.Expr, func(x sema.Expr) bool {
			if r, ok := x.(*sema.ColumnRef); ok && r.Name == "__bag0" {
				found = true
			}
			if x == sema.Expr(bag) {
				t.Errorf("column %s still calls the function", c.Name)
			}
			return true
		})
		if !found {
			t.Errorf("column %s does not read __bag0", c.Name)
		}
	}
	if hoistBags.Apply(single) != Node(single) {
		t.Error("a bag used once should stay in place")
	}
}
