package plan

// unorderedCombine marks the joins, unions and mv-expands whose rows feed an
// aggregation through row-wise steps only (project, filter): their output
// order cannot show, so the SQL skips numbering and sorting their rows.
// Shared nodes keep their order, since another reader may see it.
var unorderedCombine = Rule{Name: "unordered-combine", Apply: func(n Node) Node {
	agg, ok := n.(*Aggregate)
	if !ok {
		return n
	}
	in := dropOrder(agg.In)
	if in == agg.In {
		return n
	}
	c := *agg
	c.In = in
	return &c
}}

// dropOrder marks the join, union or mv-expand under row-wise steps as
// unordered.
func dropOrder(n Node) Node {
	switch n := n.(type) {
	case *Project, *Filter:
		in := n.Inputs()[0]
		if m := dropOrder(in); m != in {
			return WithInputs(n, []Node{m})
		}
	case *Join:
		if !n.Unordered {
			c := *n
			c.Unordered = true
			return &c
		}
	case *Expand:
		if !n.Unordered {
			c := *n
			c.Unordered = true
			return &c
		}
	case *Union:
		if !n.Unordered {
			c := *n
			c.Unordered = true
			return &c
		}
	}
	return n
}
