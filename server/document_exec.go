package server

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/huntbook/huntbook/notebook"
	"github.com/huntbook/huntbook/render"
	"github.com/huntbook/huntbook/table"
)

// Execute queues cells; the worker runs them in order.
func (d *Document) Execute(ctx context.Context, cellIDs []string) error {
	d.mu.Lock()
	for _, id := range cellIDs {
		if d.nb.CellByID(id) < 0 {
			d.mu.Unlock()
			return fmt.Errorf("%w: no cell %q", ErrInvalid, id)
		}
	}
	for _, id := range cellIDs {
		d.queue = append(d.queue, id)
		d.runs[id].status = StatusQueued
	}
	d.mu.Unlock()
	for _, id := range cellIDs {
		d.opts.Events(Event{Type: EventStatus, CellID: id, Status: StatusQueued})
	}
	select {
	case d.wake <- struct{}{}:
	default:
	}
	return nil
}

// Interrupt cancels the running cell and drops the queue.
func (d *Document) Interrupt(ctx context.Context) error {
	d.mu.Lock()
	dropped := d.queue
	d.queue = nil
	for _, id := range dropped {
		if r := d.runs[id]; r != nil {
			r.status = StatusInterrupted
		}
	}
	if d.cancelRun != nil {
		d.cancelRun()
	}
	d.mu.Unlock()
	for _, id := range dropped {
		d.opts.Events(Event{Type: EventStatus, CellID: id, Status: StatusInterrupted})
	}
	return nil
}

// Restart interrupts, then has the runner forget every binding and result.
func (d *Document) Restart(ctx context.Context) error {
	d.opts.Events(Event{Type: EventKernel, State: "restarting"})
	_ = d.Interrupt(ctx)
	err := d.runner.Restart(context.WithoutCancel(ctx))
	d.opts.Events(Event{Type: EventKernel, State: "idle"})
	return err
}

func (d *Document) worker() {
	for range d.wake {
		for {
			d.mu.Lock()
			if len(d.queue) == 0 || d.closed {
				d.mu.Unlock()
				break
			}
			id := d.queue[0]
			d.queue = d.queue[1:]
			ctx, cancel := context.WithCancel(context.Background())
			d.cancelRun = cancel
			d.mu.Unlock()
			d.opts.Events(Event{Type: EventKernel, State: "busy"})
			d.run(ctx, id)
			cancel()
			d.mu.Lock()
			d.cancelRun = nil
			idle := len(d.queue) == 0
			d.mu.Unlock()
			if idle {
				d.opts.Events(Event{Type: EventKernel, State: "idle"})
			}
		}
	}
}

// run executes one cell with the runner and reports it. A markdown, raw or
// blank cell is done at once.
func (d *Document) run(ctx context.Context, id string) {
	d.mu.Lock()
	i := d.nb.CellByID(id)
	if i < 0 {
		d.mu.Unlock()
		return
	}
	cell := d.nb.Cells[i]
	req := RunCell{ID: id, Source: cell.Source, Parameters: cell.HasTag(notebook.ParametersTag)}
	code := cell.Type == notebook.Code && strings.TrimSpace(cell.Source) != ""
	d.runs[id].status = StatusRunning
	d.mu.Unlock()
	start := time.Now()
	d.opts.Events(Event{Type: EventStatus, CellID: id, Status: StatusRunning, Started: start})
	if !code {
		d.finish(id, RunOutcome{Status: StatusDone}, 0)
		return
	}
	out := d.runner.Run(ctx, req)
	d.finish(id, out, time.Since(start))
}

// finish records the cell's outcome in the document, reports it and saves
// (every execution is saved). An interrupted cell keeps its last outputs.
func (d *Document) finish(id string, out RunOutcome, elapsed time.Duration) {
	if out.Outputs == nil {
		out.Outputs = []Output{}
	}
	ev := Event{Type: EventStatus, CellID: id, Status: out.Status, Elapsed: Duration(elapsed),
		ExecutionCount: out.ExecutionCount, Rows: out.Rows, Outputs: out.Outputs}
	d.mu.Lock()
	if i := d.nb.CellByID(id); i >= 0 && d.nb.Cells[i].Type == notebook.Code && out.Status != StatusInterrupted {
		c := d.nb.Cells[i]
		c.ExecutionCount = out.ExecutionCount
		c.Outputs = notebookOutputs(out)
	}
	if run := d.runs[id]; run != nil {
		run.status = out.Status
		if out.Status != StatusInterrupted {
			run.outputs = out.Outputs
		}
	}
	d.version++
	d.mu.Unlock()
	d.opts.Events(ev)
	_, _ = d.Save(context.Background())
}

// notebookOutputs is what the .ipynb file keeps of an execution: the error,
// or the result's first rows rendered (HTML table or chart, with the total).
func notebookOutputs(out RunOutcome) []*notebook.Output {
	if out.Status == StatusError {
		msg := "error"
		for _, o := range out.Outputs {
			if o.Type == OutputError && o.Error != nil {
				msg = o.Error.Message
				break
			}
		}
		return []*notebook.Output{{Type: notebook.Error, EName: "KQLError", EValue: msg, Traceback: []string{msg}}}
	}
	if out.Head == nil {
		return nil
	}
	head := out.Head
	if len(head.Rows) > StoredRows {
		head = &table.Table{Columns: head.Columns, Rows: head.Rows[:StoredRows], Visualization: head.Visualization}
	}
	bundle, err := render.Render(head, render.Options{TotalRows: out.Rows})
	if err != nil {
		return []*notebook.Output{{Type: notebook.Stream, Name: "stderr", Text: err.Error()}}
	}
	n := 0
	if out.ExecutionCount != nil {
		n = *out.ExecutionCount
	}
	return []*notebook.Output{{Type: notebook.ExecuteResult, ExecutionCount: &n, Data: bundle, Metadata: notebook.Metadata{}}}
}
