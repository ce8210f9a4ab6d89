package demo

import (
	"container/heap"
	"context"
	"fmt"
	"time"

	"github.com/huntbook/huntbook/table"
)

// cell is one column value of a row being built.
type cell struct {
	c col
	v any
}

// rowBuf is a row waiting for its turn: its TimeGenerated, an insertion
// number that breaks ties deterministically, and the cells set on it.
type rowBuf struct {
	t     time.Time
	ns    int64 // t in Unix nanoseconds, for ordering
	seq   uint64
	cells []cell
}

// set records a value for column c. Values are in the table package's Go
// representation of the column's type.
func (r *rowBuf) set(c col, v any) *rowBuf {
	if c != noCol {
		r.cells = append(r.cells, cell{c, v})
	}
	return r
}

// str sets a string column, skipping empty strings (the row template already
// holds "" for every string column).
func (r *rowBuf) str(c col, s string) *rowBuf {
	if s != "" && c != noCol {
		r.cells = append(r.cells, cell{c, s})
	}
	return r
}

type rowHeap []*rowBuf

func (h rowHeap) Len() int { return len(h) }
func (h rowHeap) Less(i, j int) bool {
	if h[i].ns != h[j].ns {
		return h[i].ns < h[j].ns
	}
	return h[i].seq < h[j].seq
}
func (h rowHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *rowHeap) Push(x any)   { *h = append(*h, x.(*rowBuf)) }
func (h *rowHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	old[len(old)-1] = nil
	*h = old[:len(old)-1]
	return x
}

// emitter streams one table to the sink in TimeGenerated order. Generators
// create rows at any time at or after the current chunk's start (a logoff an
// hour after its logon, say); flush hands over every row before a bound, so
// memory holds one chunk plus the rows scheduled beyond it.
type emitter struct {
	ctx     context.Context
	sink    Sink
	name    string
	schema  []table.Column
	blank   []any // the all-empty row: "" for strings, nil otherwise
	out     []any // the row handed to the sink, reused
	timeCol col
	pending rowHeap
	free    []*rowBuf
	seq     uint64
	rows    int64
	last    time.Time
	dirty   []col // columns the previous row set, to reset before the next
}

func newEmitter(ctx context.Context, sink Sink, name string, schema []table.Column) *emitter {
	e := &emitter{ctx: ctx, sink: sink, name: name, schema: schema, timeCol: noCol}
	e.blank = make([]any, len(schema))
	for i, c := range schema {
		if c.Type == table.String {
			e.blank[i] = ""
		}
		if c.Name == "TimeGenerated" {
			e.timeCol = col(i)
		}
	}
	e.out = make([]any, len(schema))
	copy(e.out, e.blank)
	return e
}

// fix makes every row of the table carry value v in the named column, if the
// schema has it.
func (e *emitter) fix(name string, v any) {
	for i, c := range e.schema {
		if c.Name == name {
			e.blank[i] = v
			e.out[i] = v
		}
	}
}

// row starts a row with TimeGenerated t (truncated to Kusto's 100 ns tick).
func (e *emitter) row(t time.Time) *rowBuf {
	var r *rowBuf
	if n := len(e.free); n > 0 {
		r = e.free[n-1]
		e.free = e.free[:n-1]
		r.cells = r.cells[:0]
	} else {
		r = &rowBuf{cells: make([]cell, 0, 32)}
	}
	r.t = t.Truncate(100 * time.Nanosecond).UTC()
	r.ns = r.t.UnixNano()
	e.seq++
	r.seq = e.seq
	heap.Push(&e.pending, r)
	return r
}

// adopt schedules a row built elsewhere (a story's) for this table.
func (e *emitter) adopt(r *rowBuf) {
	e.seq++
	cp := &rowBuf{t: r.t, ns: r.t.UnixNano(), seq: e.seq, cells: append([]cell(nil), r.cells...)}
	heap.Push(&e.pending, cp)
}

// flush writes every pending row with TimeGenerated before until.
func (e *emitter) flush(until time.Time) error {
	if err := e.ctx.Err(); err != nil {
		return err
	}
	bound := until.UnixNano()
	for len(e.pending) > 0 && e.pending[0].ns < bound {
		r := heap.Pop(&e.pending).(*rowBuf)
		if err := e.write(r); err != nil {
			return err
		}
		e.free = append(e.free, r)
	}
	return nil
}

func (e *emitter) write(r *rowBuf) error {
	// Reset only what the previous row set: wide tables (SecurityEvent has
	// over 200 columns) fill a few dozen per row.
	for _, c := range e.dirty {
		e.out[c] = e.blank[c]
	}
	e.dirty = e.dirty[:0]
	if e.timeCol != noCol {
		e.out[e.timeCol] = r.t
	}
	for _, c := range r.cells {
		e.out[c.c] = c.v
		e.dirty = append(e.dirty, c.c)
	}
	if r.t.Before(e.last) {
		return fmt.Errorf("demo: %s rows out of order at %s", e.name, r.t)
	}
	e.last = r.t
	e.rows++
	if err := e.sink.AppendRow(e.out); err != nil {
		return fmt.Errorf("demo: table %s: %w", e.name, err)
	}
	return nil
}

// drop discards pending rows at or after end: episodes that would run past
// the end of the data.
func (e *emitter) drop() { e.pending = e.pending[:0] }

// rowMaker starts rows of one table: the emitter while streaming, or a
// story's list of rows built up front.
type rowMaker interface {
	row(t time.Time) *rowBuf
}

// storyTable collects a story's rows of one table.
type storyTable struct {
	rows *[]*rowBuf
}

func (s storyTable) row(t time.Time) *rowBuf {
	r := &rowBuf{t: t.Truncate(100 * time.Nanosecond).UTC(), cells: make([]cell, 0, 16)}
	r.ns = r.t.UnixNano()
	*s.rows = append(*s.rows, r)
	return r
}
