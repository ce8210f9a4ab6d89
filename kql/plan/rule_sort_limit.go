package plan

// sortLimit turns `sort | take N` into one top-N sort, which SQL runs as
// ORDER BY ... LIMIT N (a heap of N rows instead of a full sort).
var sortLimit = Rule{Name: "sort-limit", Apply: func(n Node) Node {
	lim, ok := n.(*Limit)
	if !ok {
		return n
	}
	s, ok := lim.In.(*Sort)
	if !ok || s.Limit != nil {
		return n
	}
	return &Sort{In: s.In, Keys: s.Keys, Limit: lim.N}
}}
