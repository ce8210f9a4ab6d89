package proctree

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/huntbook/huntbook/table"
)

// Node is one process of a tree.
type Node struct {
	Key       string // unique: host|pid|creation time, or the Sysmon GUID
	ParentKey string // "" for a root
	Row       int    // the input row that created it, -1 for an inferred node
	Host      string
	PID       int64 // -1 when unknown
	ParentPID int64 // -1 when unknown
	Name      string
	Command   string
	Time      time.Time // creation time; zero when unknown (inferred nodes)
	Depth     int
	Path      string // the keys from the root to this node, "/"-separated
	IsRoot    bool
	IsLeaf    bool
	Inferred  bool
	Parent    int   // index in Tree.Nodes, -1 for a root
	Children  []int // indexes in Tree.Nodes, in drawing order
}

// Tree is a forest of processes. Nodes are in drawing order: depth first,
// roots by host then creation time, siblings by creation time.
type Tree struct {
	Schema Schema
	Nodes  []Node
	// RowNode maps every input row to its node (duplicate events of one
	// process share a node).
	RowNode []int
}

// maxPathKeys bounds Path so that a pathological chain of processes does
// not cost quadratic memory; longer paths keep their last keys after "…/".
const maxPathKeys = 64

// Build detects the schema of t's columns and builds the process forest of
// its rows. It checks ctx between phases and every few thousand rows.
func Build(ctx context.Context, t *table.Table) (*Tree, error) {
	names := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		names[i] = c.Name
	}
	schema, err := DetectSchema(names)
	if err != nil {
		return nil, err
	}
	b := newBuilder(schema, t)
	if err := b.readRows(ctx); err != nil {
		return nil, err
	}
	if err := b.link(ctx); err != nil {
		return nil, err
	}
	b.breakCycles()
	return b.tree(), nil
}

// proc is the builder's record of one process.
type proc struct {
	key, host, name, parentName, cmd string
	row                              int
	pid, ppid                        int64
	t                                time.Time
	guid, pguid                      string
	ptime                            time.Time
	gpid                             int64
	gpName                           string
	gpTime                           time.Time
	parent                           int
	inferred                         bool
}

type hostPID struct {
	host string
	pid  int64
}

type builder struct {
	schema  Schema
	t       *table.Table
	col     [numRoles]int
	procs   []proc
	byKey   map[string]int
	byPID   map[hostPID][]int // real processes, sorted by time
	rowNode []int
}

func newBuilder(s Schema, t *table.Table) *builder {
	n := len(t.Rows)
	b := &builder{
		schema: s, t: t, byKey: make(map[string]int, n), byPID: make(map[hostPID][]int, n/2), rowNode: make([]int, n),
		procs: make([]proc, 0, n+n/8+16), // room for inferred parents without regrowing
	}
	for r, name := range s.columnsByRole() {
		b.col[r] = -1
		if name != "" {
			b.col[r] = t.ColumnIndex(name)
		}
	}
	return b
}

func (b *builder) cell(row []any, r role) any {
	if b.col[r] < 0 || b.col[r] >= len(row) {
		return nil
	}
	return row[b.col[r]]
}

func (b *builder) pid(row []any, r role) int64 {
	if v, ok := pidOf(b.cell(row, r)); ok {
		return v
	}
	return -1
}

func (b *builder) time(row []any, r role) time.Time {
	t, _ := timeOf(b.cell(row, r))
	return t
}

// processKey names a process by host, pid and creation time, the triple
// that stays unique when pids are reused.
func processKey(host string, pid int64, t time.Time) string {
	p, ts := "?", "?"
	if pid >= 0 {
		p = strconv.FormatInt(pid, 10)
	}
	if !t.IsZero() {
		ts = t.UTC().Format("2006-01-02T15:04:05.0000000Z")
	}
	return keyHost(host) + "|" + p + "|" + ts
}

// keyHost keeps the key's separators out of a host name.
func keyHost(h string) string {
	return strings.NewReplacer("|", "_", "/", "_").Replace(h)
}

func (b *builder) readRows(ctx context.Context) error {
	for i, row := range b.t.Rows {
		if i%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("proctree: %w", err)
			}
		}
		p := proc{
			row: i, host: text(b.cell(row, rHost)), pid: b.pid(row, rPID), ppid: b.pid(row, rParentPID),
			name: text(b.cell(row, rName)), parentName: text(b.cell(row, rParentName)), cmd: text(b.cell(row, rCommandLine)),
			t: b.time(row, rTime), guid: strings.ToLower(text(b.cell(row, rGUID))), pguid: strings.ToLower(text(b.cell(row, rParentGUID))),
			ptime: b.time(row, rParentTime), gpid: b.pid(row, rGPID), gpName: text(b.cell(row, rGPName)),
			gpTime: b.time(row, rGPTime), parent: -1,
		}
		p.key = p.guid
		if p.key == "" {
			p.key = processKey(p.host, p.pid, p.t)
		}
		if j, dup := b.byKey[p.key]; dup {
			if p.pid >= 0 && !p.t.IsZero() {
				b.rowNode[i] = j // the same process logged twice
				continue
			}
			p.key += "#" + strconv.Itoa(i) // unidentifiable: keep apart
		}
		b.add(p)
		b.rowNode[i] = len(b.procs) - 1
		if p.pid >= 0 {
			hp := hostPID{p.host, p.pid}
			b.byPID[hp] = append(b.byPID[hp], len(b.procs)-1)
		}
	}
	for _, list := range b.byPID {
		sort.SliceStable(list, func(x, y int) bool { return b.procs[list[x]].t.Before(b.procs[list[y]].t) })
	}
	return nil
}

func (b *builder) add(p proc) int {
	b.procs = append(b.procs, p)
	b.byKey[p.key] = len(b.procs) - 1
	return len(b.procs) - 1
}
