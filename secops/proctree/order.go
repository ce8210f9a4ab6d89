package proctree

import (
	"sort"
	"strings"
	"time"
)

// tree lays the processes out in drawing order and fills the derived
// fields.
func (b *builder) tree() *Tree {
	n := len(b.procs)
	children := make([][]int, n)
	var roots []int
	for i, p := range b.procs {
		if p.parent >= 0 {
			children[p.parent] = append(children[p.parent], i)
		} else {
			roots = append(roots, i)
		}
	}
	// An inferred node has no creation time; it sorts by its earliest
	// child's, as it existed just before.
	at := make([]time.Time, n)
	for i, p := range b.procs {
		at[i] = p.t
		if p.t.IsZero() {
			for _, c := range children[i] {
				if t := b.procs[c].t; !t.IsZero() && (at[i].IsZero() || t.Before(at[i])) {
					at[i] = t
				}
			}
		}
	}
	less := func(list []int, byHost bool) func(x, y int) bool {
		return func(x, y int) bool {
			p, q := b.procs[list[x]], b.procs[list[y]]
			if byHost && p.host != q.host {
				return p.host < q.host
			}
			if s, t := at[list[x]], at[list[y]]; !s.Equal(t) {
				return s.Before(t)
			}
			return p.key < q.key
		}
	}
	sort.SliceStable(roots, less(roots, true))
	pos := make([]int, n) // procs index → position in Nodes
	out := &Tree{Schema: b.schema, Nodes: make([]Node, 0, n), RowNode: b.rowNode}
	stack := make([]int, 0, len(roots))
	for i := len(roots) - 1; i >= 0; i-- {
		stack = append(stack, roots[i])
	}
	for len(stack) > 0 {
		i := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		pos[i] = len(out.Nodes)
		out.Nodes = append(out.Nodes, b.node(i, pos, out.Nodes))
		kids := children[i]
		sort.SliceStable(kids, less(kids, false))
		for k := len(kids) - 1; k >= 0; k-- {
			stack = append(stack, kids[k])
		}
	}
	for i := range out.Nodes {
		if p := out.Nodes[i].Parent; p >= 0 {
			out.Nodes[p].Children = append(out.Nodes[p].Children, i)
		}
	}
	for i := range out.Nodes {
		out.Nodes[i].IsLeaf = len(out.Nodes[i].Children) == 0
	}
	for r, j := range out.RowNode {
		out.RowNode[r] = pos[j]
	}
	return out
}

// node converts process i, whose parent (if any) is already placed.
func (b *builder) node(i int, pos []int, placed []Node) Node {
	p := b.procs[i]
	nd := Node{
		Key: p.key, Row: p.row, Host: p.host, PID: p.pid, ParentPID: p.ppid, Name: p.name, Command: p.cmd,
		Time: p.t, Inferred: p.inferred, Parent: -1, Path: p.key, IsRoot: p.parent < 0,
	}
	if p.parent >= 0 {
		par := placed[pos[p.parent]]
		nd.Parent = pos[p.parent]
		nd.ParentKey = par.Key
		nd.Depth = par.Depth + 1
		nd.Path = joinPath(par.Path, p.key, nd.Depth)
	}
	return nd
}

func joinPath(parent, key string, depth int) string {
	if depth < maxPathKeys {
		return parent + "/" + key
	}
	parts := strings.Split(strings.TrimPrefix(parent, "…/"), "/")
	return "…/" + strings.Join(append(parts[len(parts)-maxPathKeys+1:], key), "/")
}
