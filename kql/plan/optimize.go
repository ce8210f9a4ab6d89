package plan

import "github.com/huntbook/huntbook/kql/sema"

// Rule is one rewrite: given a node whose inputs are already rewritten,
// it returns the node to use instead (or the node itself). Rules never
// modify nodes; they build new ones.
type Rule struct {
	Name  string
	Apply func(n Node) Node
}

// Rules are the rewrites Optimize applies, in order, each over the whole
// tree bottom-up. Each lives in its own rule_*.go file.
func Rules() []Rule {
	return []Rule{
		innerUniqueFilter,
		mergeFilters,
		sortLimit,
		shortHasAny,
		unorderedCombine,
		hoistBags,
	}
}

// Optimize applies every rule to the query's plan and subqueries.
func Optimize(q *Query) *Query {
	for _, r := range Rules() {
		q = applyRule(q, r)
	}
	return q
}

// applyRule rewrites the root and each subquery plan with one rule;
// shared nodes are rewritten once and stay shared.
func applyRule(q *Query, r Rule) *Query {
	t := &transformer{rule: r, done: map[Node]Node{}}
	out := &Query{Root: t.node(q.Root), Subqueries: map[*sema.Subquery]Node{}}
	for s, n := range q.Subqueries {
		out.Subqueries[s] = t.node(n)
	}
	return out
}

type transformer struct {
	rule Rule
	done map[Node]Node
}

func (t *transformer) node(n Node) Node {
	if n == nil {
		return nil
	}
	if r, ok := t.done[n]; ok {
		return r
	}
	ins := n.Inputs()
	changed := false
	newIns := make([]Node, len(ins))
	for i, in := range ins {
		newIns[i] = t.node(in)
		changed = changed || newIns[i] != in
	}
	m := n
	if changed {
		m = WithInputs(n, newIns)
	}
	r := t.rule.Apply(m)
	t.done[n] = r
	return r
}

// WithInputs returns a copy of n reading the given inputs.
func WithInputs(n Node, ins []Node) Node {
	switch n := n.(type) {
	case *Project:
		c := *n
		c.In = ins[0]
		return &c
	case *Filter:
		c := *n
		c.In = ins[0]
		return &c
	case *Aggregate:
		c := *n
		c.In = ins[0]
		return &c
	case *Sort:
		c := *n
		c.In = ins[0]
		return &c
	case *Limit:
		c := *n
		c.In = ins[0]
		return &c
	case *Join:
		c := *n
		c.Left, c.Right = ins[0], ins[1]
		return &c
	case *Union:
		c := *n
		c.Ins = ins
		return &c
	case *Expand:
		c := *n
		c.In = ins[0]
		return &c
	case *Series:
		c := *n
		c.In = ins[0]
		return &c
	case *Window:
		c := *n
		c.In = ins[0]
		return &c
	case *Shared:
		// A shared node keeps its identity: rewrite it in place of a copy
		// only once (the transformer memoizes it).
		c := *n
		c.In = ins[0]
		return &c
	case *Sample:
		c := *n
		c.In = ins[0]
		return &c
	case *GoPlugin:
		c := *n
		c.In = ins[0]
		return &c
	case *IPLookup:
		c := *n
		c.Left, c.Right = ins[0], ins[1]
		return &c
	}
	return withInputsMisc(n, ins)
}
