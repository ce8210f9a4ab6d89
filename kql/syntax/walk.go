package syntax

// Visitor's Visit is called for each node Walk encounters. If it returns a
// non-nil visitor w, Walk visits the node's children with w and then calls
// w.Visit(nil), as go/ast does.
type Visitor interface {
	Visit(n Node) (w Visitor)
}

// Walk traverses the tree rooted at n in depth-first source order.
func Walk(v Visitor, n Node) {
	if v = v.Visit(n); v == nil {
		return
	}
	n.eachChild(func(c Node) { Walk(v, c) })
	v.Visit(nil)
}

type inspector func(Node) bool

func (f inspector) Visit(n Node) Visitor {
	if f(n) {
		return f
	}
	return nil
}

// Inspect calls f for each node of the tree in depth-first order: f(n) for
// a node, and when it returns true, the node's children, then f(nil).
func Inspect(n Node, f func(Node) bool) {
	Walk(inspector(f), n)
}

// Children returns the direct children of n in source order.
func Children(n Node) []Node {
	var out []Node
	n.eachChild(func(c Node) { out = append(out, c) })
	return out
}

// PathAt returns the chain of nodes whose span contains the byte offset,
// from n down to the innermost one (empty when n does not contain it). An
// offset at a node's end counts as inside, so a cursor just after a name
// finds the name: what an editor needs for completion and hover.
func PathAt(n Node, off int) []Node {
	var path []Node
	for n != nil {
		sp := n.Range()
		if off < sp.Start || off > sp.End {
			break
		}
		path = append(path, n)
		var next Node
		n.eachChild(func(c Node) {
			if sp := c.Range(); next == nil && sp.Start <= off && off <= sp.End && sp.End > sp.Start {
				next = c
			}
		})
		n = next
	}
	return path
}

// each visits every element of a list (lists never hold nil).
func each[T Node](f func(Node), list []T) {
	for _, x := range list {
		f(x)
	}
}

// opt visits an optional pointer-typed child.
func opt[P interface {
	*E
	Node
}, E any](f func(Node), n P) {
	if n != nil {
		f(n)
	}
}

// optE visits an optional interface-typed child (Expr, Stmt, Operator).
func optE[I Node](f func(Node), n I) {
	if Node(n) != nil {
		f(n)
	}
}
