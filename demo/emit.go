package demo

import (
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
	tv    any   // t boxed, by the producer: the writer shares the sink's goroutine
	ns    int64 // t in Unix nanoseconds, for ordering
	seq   uint64
	cells []cell
}

// setTime sets the row's TimeGenerated, truncated to Kusto's 100 ns tick.
func (r *rowBuf) setTime(t time.Time) {
	r.t = t.Truncate(100 * time.Nanosecond).UTC()
	r.tv = r.t
	r.ns = r.t.UnixNano()
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

// val sets a value boxed ahead of time, skipping nil: str for the strings
// of an identity, an image or a user, which appear in many rows and would
// allocate if boxed again for each.
func (r *rowBuf) val(c col, v any) *rowBuf {
	if v != nil && c != noCol {
		r.cells = append(r.cells, cell{c, v})
	}
	return r
}

// box is s boxed for val: nil for "", which val skips as str does.
func box(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// emitter builds one table's rows in TimeGenerated order. Generators create
// rows at any time at or after the current chunk's start (a logoff an hour
// after its logon, say); flush hands every row before a bound to the
// table's writer as one sorted batch, so memory holds one chunk plus the
// rows scheduled beyond it. The emitter and the writer may run in
// different goroutines: batches travel to the writer, and their rows come
// back through the pool to be reused.
type emitter struct {
	ctx     context.Context
	pending rowQueue
	free    []*rowBuf
	seq     uint64
	send    func([]*rowBuf) error
	pool    *rowPool
	scratch scratch
}

// scratch holds the activity streams a table's generator derives its rows
// from, rebuilt every chunk into the same slices: a chunk's events would
// otherwise be a fresh allocation (flows are the largest) every hour.
type scratch struct {
	flows   []flowEvent
	procs   []procEvent
	logons  []logonEvent
	signins []signinEvent
	office  []officeEvent
}

func newEmitter(ctx context.Context, send func([]*rowBuf) error, pool *rowPool) *emitter {
	return &emitter{ctx: ctx, send: send, pool: pool}
}

// row starts a row with TimeGenerated t (truncated to Kusto's 100 ns tick).
func (e *emitter) row(t time.Time) *rowBuf {
	r := e.newRow()
	r.setTime(t)
	e.seq++
	r.seq = e.seq
	e.pending.push(r)
	return r
}

// newRow is an empty row, a written one when the pool has some back.
func (e *emitter) newRow() *rowBuf {
	if len(e.free) == 0 {
		e.free = e.pool.swapRows(e.free)
	}
	n := len(e.free)
	if n == 0 {
		return &rowBuf{cells: make([]cell, 0, 32)}
	}
	r := e.free[n-1]
	e.free = e.free[:n-1]
	r.cells = r.cells[:0]
	return r
}

// adopt schedules a row built elsewhere (a story's) for this table.
func (e *emitter) adopt(r *rowBuf) {
	cp := e.newRow()
	cp.t, cp.tv, cp.ns, cp.cells = r.t, r.tv, r.ns, append(cp.cells, r.cells...)
	e.seq++
	cp.seq = e.seq
	e.pending.push(cp)
}

// flush sends every pending row with TimeGenerated before until.
func (e *emitter) flush(until time.Time) error {
	if err := e.ctx.Err(); err != nil {
		return err
	}
	bound := until.UnixNano()
	var batch []*rowBuf
	for len(e.pending) > 0 && e.pending.head() < bound {
		if batch == nil {
			batch = e.pool.batch()
		}
		batch = append(batch, e.pending.pop())
		if len(batch) == maxBatch {
			if err := e.send(batch); err != nil {
				return err
			}
			batch = nil
		}
	}
	if len(batch) == 0 {
		return nil
	}
	return e.send(batch)
}

// maxBatch bounds the rows in flight between a producer and the sink.
const maxBatch = 4096

// drop discards pending rows at or after the end of the data: episodes
// that would run past it.
func (e *emitter) drop() { e.pending = e.pending[:0] }

// writer turns a table's batches into full rows for the sink.
type writer struct {
	sink   Sink
	name   string
	schema []table.Column
	blank  []any // the all-empty row, with the table's fixed values
	out    []any // the row handed to the sink, reused
	dirty  []col // columns the previous row set, to reset before the next
	tcol   col
	rows   int64
	last   int64
}

func newWriter(sink Sink, name string, schema []table.Column) *writer {
	w := &writer{sink: sink, name: name, schema: schema, tcol: noCol, last: -1 << 63}
	w.blank = make([]any, len(schema))
	for i, c := range schema {
		if c.Type == table.String {
			w.blank[i] = ""
		}
		if c.Name == "TimeGenerated" {
			w.tcol = col(i)
		}
	}
	w.out = make([]any, len(schema))
	copy(w.out, w.blank)
	return w
}

// fix makes every row of the table carry value v in the named column, if
// the schema has it.
func (w *writer) fix(name string, v any) {
	for i, c := range w.schema {
		if c.Name == name {
			w.blank[i] = v
			w.out[i] = v
		}
	}
}

// write hands a batch to the sink.
func (w *writer) write(batch []*rowBuf) error {
	for _, r := range batch {
		// Reset only what the previous row set: wide tables (SecurityEvent
		// has over 200 columns) fill a few dozen per row.
		for _, c := range w.dirty {
			w.out[c] = w.blank[c]
		}
		w.dirty = w.dirty[:0]
		if w.tcol != noCol {
			w.out[w.tcol] = r.tv
		}
		for _, c := range r.cells {
			w.out[c.c] = c.v
			w.dirty = append(w.dirty, c.c)
		}
		if r.ns < w.last {
			return fmt.Errorf("demo: %s rows out of order at %s", w.name, r.t)
		}
		w.last = r.ns
		w.rows++
		if err := w.sink.AppendRow(w.out); err != nil {
			return fmt.Errorf("demo: table %s: %w", w.name, err)
		}
	}
	return nil
}

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
	r := &rowBuf{cells: make([]cell, 0, 16)}
	r.setTime(t)
	*s.rows = append(*s.rows, r)
	return r
}
