package proctree

import (
	"context"
	"fmt"
	"sort"
	"time"
)

// orphanGroup collects the orphans that share one inferred parent.
type orphanGroup struct {
	host     string
	ppid     int64
	name     string // the parent's image as the first orphan names it
	children []int
}

// link gives every real process its parent, creating inferred parents for
// orphans.
func (b *builder) link(ctx context.Context) error {
	real := len(b.procs)
	groups := map[[3]string]*orphanGroup{}
	var order [][3]string
	for i := range real {
		if i%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("proctree: %w", err)
			}
		}
		p := &b.procs[i]
		switch {
		case p.pguid != "":
			b.procs[i].parent = b.findOrInfer(p.pguid, proc{host: p.host, pid: p.ppid, name: p.parentName})
		case !p.ptime.IsZero() && p.ppid >= 0:
			b.procs[i].parent = b.linkExact(i)
		case p.ppid >= 0:
			if j := b.latestBefore(i); j >= 0 {
				p.parent = j
				continue
			}
			g := [3]string{p.host, fmt.Sprint(p.ppid), baseName(p.parentName)}
			if groups[g] == nil {
				groups[g] = &orphanGroup{host: p.host, ppid: p.ppid, name: p.parentName}
				order = append(order, g)
			}
			groups[g].children = append(groups[g].children, i)
		}
	}
	for _, g := range order {
		b.inferGroup(groups[g])
	}
	return nil
}

// findOrInfer returns the process with the key, creating an inferred one
// from the template when the events never showed it.
func (b *builder) findOrInfer(key string, tmpl proc) int {
	if j, ok := b.byKey[key]; ok {
		return j
	}
	tmpl.key, tmpl.row, tmpl.parent, tmpl.inferred = key, -1, -1, true
	tmpl.ppid = -1
	return b.add(tmpl)
}

// linkExact links by the parent's pid and creation time (Defender), adding
// the parent and its own parent as inferred nodes when they are missing.
func (b *builder) linkExact(i int) int {
	p := b.procs[i]
	key := processKey(p.host, p.ppid, p.ptime)
	if j, ok := b.byKey[key]; ok {
		return j
	}
	j := b.findOrInfer(key, proc{host: p.host, pid: p.ppid, name: p.parentName, t: p.ptime})
	if p.gpid >= 0 && !p.gpTime.IsZero() {
		gp := b.findOrInfer(processKey(p.host, p.gpid, p.gpTime), proc{host: p.host, pid: p.gpid, name: p.gpName, t: p.gpTime})
		b.procs[j].parent, b.procs[j].ppid = gp, p.gpid
	}
	return j
}

// latestBefore returns the most recent process on the child's host with the
// child's parent pid that was created no later than the child, or -1. A
// candidate whose image differs from the parent image the child's event
// names is another process that reused the pid: the child is an orphan.
func (b *builder) latestBefore(i int) int {
	p := b.procs[i]
	list := b.byPID[hostPID{p.host, p.ppid}]
	k := len(list)
	if !p.t.IsZero() {
		k = sort.Search(len(list), func(x int) bool { return b.procs[list[x]].t.After(p.t) })
	}
	for k--; k >= 0 && list[k] == i; k-- {
	}
	if k < 0 {
		return -1
	}
	c := b.procs[list[k]]
	if p.parentName != "" && c.name != "" && baseName(p.parentName) != baseName(c.name) {
		return -1
	}
	return list[k]
}

// inferGroup creates the parent the orphans of a group share. Its key
// records that it was created before its earliest child.
func (b *builder) inferGroup(g *orphanGroup) {
	var first time.Time
	for _, c := range g.children {
		if t := b.procs[c].t; !t.IsZero() && (first.IsZero() || t.Before(first)) {
			first = t
		}
	}
	key := processKey(g.host, g.ppid, time.Time{})
	if !first.IsZero() {
		key = keyHost(g.host) + "|" + fmt.Sprint(g.ppid) + "|<" + first.Format("2006-01-02T15:04:05.0000000Z")
	}
	for n := 2; ; n++ {
		if _, taken := b.byKey[key]; !taken {
			break
		}
		key = fmt.Sprintf("%s#%d", key, n)
	}
	j := b.add(proc{key: key, host: g.host, pid: g.ppid, ppid: -1, name: g.name, row: -1, parent: -1, inferred: true})
	for _, c := range g.children {
		b.procs[c].parent = j
	}
}

// breakCycles cuts parent links that would make a process its own
// ancestor, which malformed or clock-skewed events can produce.
func (b *builder) breakCycles() {
	const (
		unseen = iota
		onPath
		done
	)
	state := make([]uint8, len(b.procs))
	var path []int
	for i := range b.procs {
		path = path[:0]
		for j := i; j >= 0 && state[j] != done; j = b.procs[j].parent {
			if state[j] == onPath {
				b.procs[path[len(path)-1]].parent = -1
				break
			}
			state[j] = onPath
			path = append(path, j)
		}
		for _, j := range path {
			state[j] = done
		}
	}
}
