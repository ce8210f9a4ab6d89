package server

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/huntbook/huntbook/notebook"
	"github.com/huntbook/huntbook/table"
)

// StoredRows is how many rows of a result a notebook file keeps (with the
// total): enough to read the result in Jupyter, small enough to keep the
// file small.
const StoredRows = 200

// Document is the notebook-document half of a Session, the same for every
// Backend: the cells, merged by id from the browser's edits (ApplyEdit);
// the status and outputs of each cell's last execution; a queue of cells
// executed one at a time by a Runner, with Interrupt and Restart; saving
// (within SaveDelay of an edit, after every execution, on Close) and the
// events that report all of it. A Backend's Session embeds a Document and
// adds what needs the query language (Complete, Diagnose).
type Document struct {
	runner Runner
	opts   DocumentOptions

	saveMu sync.Mutex // one save at a time, in version order

	mu        sync.Mutex
	nb        *notebook.Notebook
	runs      map[string]*cellRun
	version   int64
	saved     int64
	saveTimer *time.Timer
	queue     []string
	wake      chan struct{}
	cancelRun context.CancelFunc
	closed    bool
}

// Runner runs the cells of one Document: the part of a session that knows
// the query language and holds the results.
type Runner interface {
	// Run executes a code cell with a non-blank source. ctx is cancelled
	// when the analyst interrupts; the run then reports StatusInterrupted.
	Run(ctx context.Context, cell RunCell) RunOutcome
	// Result returns a result a Run made that the runner still holds
	// (ErrNotFound when it does not).
	Result(id string) (Result, error)
	// Restart forgets every binding and result.
	Restart(ctx context.Context) error
	// Close releases the runner; no Run follows.
	Close() error
}

// RunCell is a code cell to run.
type RunCell struct {
	ID     string
	Source string
	// Parameters says the cell is tagged notebook.ParametersTag.
	Parameters bool
}

// RunOutcome is what running a cell gave.
type RunOutcome struct {
	// Status is StatusDone, StatusError (Outputs then start with an
	// OutputError) or StatusInterrupted.
	Status         CellStatus
	Outputs        []Output
	Rows           int64 // of the result
	ExecutionCount *int
	// Head holds the result's first rows (StoredRows of them are kept in
	// the notebook file, rendered, with Rows as the total); nil when the
	// cell made no table.
	Head *table.Table
}

// DocumentOptions say where a Document's notebook lives and whom it tells.
type DocumentOptions struct {
	// ID is the notebook's id, Name says its name now (it may be renamed
	// while open); both go into snapshots.
	ID   string
	Name func() string
	// Write stores the notebook file's bytes durably and atomically
	// (notebook.WriteFileAtomic); saves are never concurrent.
	Write func(data []byte) error
	// SaveDelay is how long after an edit the notebook is saved.
	SaveDelay time.Duration
	// Events receives every status, save and kernel event.
	Events func(Event)
}

// cellRun is what the document knows of a cell beyond the notebook file:
// the status and outputs of its last execution.
type cellRun struct {
	status  CellStatus
	outputs []Output
}

// NewDocument starts the document of a loaded notebook; its outputs show
// until the cells run again. Close (or Discard) ends it.
func NewDocument(nb *notebook.Notebook, runner Runner, opts DocumentOptions) *Document {
	d := &Document{runner: runner, opts: opts, nb: nb, runs: map[string]*cellRun{}, wake: make(chan struct{}, 1)}
	for _, c := range nb.Cells {
		d.runs[c.ID] = &cellRun{outputs: storedOutputs(c.Outputs)}
	}
	go d.worker()
	return d
}

// storedOutputs turns a notebook file's outputs into the browser's: a
// stored result is its HTML (sanitised by the server), errors stay errors.
func storedOutputs(outs []*notebook.Output) []Output {
	res := []Output{}
	for _, o := range outs {
		switch o.Type {
		case notebook.Error:
			res = append(res, Output{Type: OutputError, Error: &QueryError{Message: o.EValue}})
		case notebook.Stream:
			res = append(res, Output{Type: OutputText, Text: o.Text})
		default:
			if h, ok := o.Data["text/html"].(string); ok {
				res = append(res, Output{Type: OutputHTML, HTML: h})
			} else if img := imageHTML(o.Data); img != "" {
				res = append(res, Output{Type: OutputHTML, HTML: img})
			} else if t, ok := o.Data["text/plain"].(string); ok {
				res = append(res, Output{Type: OutputText, Text: t})
			}
		}
	}
	return res
}

// imageHTML shows a stored image output (a chart saved as SVG or PNG) as
// an <img> with a data: URI, which the sanitiser keeps; "" when the bundle
// has no image.
func imageHTML(b notebook.MIMEBundle) string {
	if svg, ok := b["image/svg+xml"].(string); ok {
		return `<img alt="chart" src="data:image/svg+xml;base64,` + base64.StdEncoding.EncodeToString([]byte(svg)) + `">`
	}
	if png, ok := b["image/png"].(string); ok {
		return `<img alt="image" src="data:image/png;base64,` + strings.Join(strings.Fields(png), "") + `">`
	}
	return ""
}

// Snapshot returns the notebook with statuses and outputs.
func (d *Document) Snapshot(ctx context.Context) (*NotebookState, error) {
	name := d.opts.Name()
	d.mu.Lock()
	defer d.mu.Unlock()
	st := &NotebookState{ID: d.opts.ID, Name: name, Version: d.version, Saved: d.saved, Cells: []*CellState{}}
	for _, c := range d.nb.Cells {
		cs := &CellState{
			ID: c.ID, Type: c.Type, Source: c.Source, Metadata: c.Metadata,
			Attachments: c.Attachments, ExecutionCount: c.ExecutionCount, Outputs: []Output{},
		}
		if run := d.runs[c.ID]; run != nil {
			cs.Status = run.status
			cs.Outputs = append(cs.Outputs, run.outputs...)
		}
		st.Cells = append(st.Cells, cs)
	}
	return st, nil
}

// CellType is the type of a cell ("" when there is no such cell).
func (d *Document) CellType(id string) notebook.CellType {
	d.mu.Lock()
	defer d.mu.Unlock()
	if i := d.nb.CellByID(id); i >= 0 {
		return d.nb.Cells[i].Type
	}
	return ""
}

// Edit applies a batch of edits, all or nothing, and schedules a save.
func (d *Document) Edit(ctx context.Context, edits []Edit) (int64, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		return 0, errors.New("the notebook's session has ended")
	}
	cells := make([]*notebook.Cell, len(d.nb.Cells))
	for i, c := range d.nb.Cells {
		cp := *c
		cells[i] = &cp
	}
	for _, e := range edits {
		var err error
		if cells, err = ApplyEdit(cells, e); err != nil {
			return 0, fmt.Errorf("%w: %v", ErrInvalid, err)
		}
	}
	d.nb.Cells = cells
	for _, c := range cells {
		if d.runs[c.ID] == nil {
			d.runs[c.ID] = &cellRun{}
		}
	}
	d.version++
	if d.saveTimer == nil {
		d.saveTimer = time.AfterFunc(d.opts.SaveDelay, func() { _, _ = d.Save(context.Background()) })
	}
	return d.version, nil
}

// Save writes the notebook and reports the saved version once it is
// durable.
func (d *Document) Save(ctx context.Context) (int64, error) {
	d.saveMu.Lock()
	defer d.saveMu.Unlock()
	d.mu.Lock()
	if d.closed { // Close saved the last version; nothing may write after it
		d.mu.Unlock()
		return d.saved, nil
	}
	d.saveTimer = nil
	v := d.version
	data, err := notebook.Marshal(d.nb)
	d.mu.Unlock()
	if err == nil {
		err = d.opts.Write(data)
	}
	if err != nil {
		d.opts.Events(Event{Type: EventSaveFailed, Message: err.Error()})
		return 0, err
	}
	d.mu.Lock()
	d.saved = max(d.saved, v)
	d.mu.Unlock()
	d.opts.Events(Event{Type: EventSaved, Version: v})
	return v, nil
}

// HoldSaves waits for the save in flight and holds off every save until
// release is called: a Backend moving the notebook's file does it between
// the two (a save during a rename would write the old name back).
func (d *Document) HoldSaves() (release func()) {
	d.saveMu.Lock()
	return d.saveMu.Unlock
}

// Result returns a result the runner holds.
func (d *Document) Result(ctx context.Context, id string) (Result, error) {
	return d.runner.Result(id)
}

// Close interrupts, saves and ends the document and its runner.
func (d *Document) Close(ctx context.Context) error {
	_ = d.Interrupt(ctx)
	_, err := d.Save(ctx)
	d.stop()
	return err
}

// Discard ends the document without saving (its notebook is being
// deleted).
func (d *Document) Discard(ctx context.Context) {
	_ = d.Interrupt(ctx)
	d.stop()
}

func (d *Document) stop() {
	d.saveMu.Lock() // no save in flight from here on
	defer d.saveMu.Unlock()
	d.mu.Lock()
	if d.saveTimer != nil {
		d.saveTimer.Stop()
	}
	wasClosed := d.closed
	if !d.closed {
		d.closed = true
		close(d.wake)
	}
	d.mu.Unlock()
	if !wasClosed {
		_ = d.runner.Close()
	}
}
