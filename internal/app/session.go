package app

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/huntbook/huntbook/notebook"
	"github.com/huntbook/huntbook/server"
	"github.com/huntbook/huntbook/session"
)

// Session is the live analysis of one open notebook: the document (edits
// merged by cell id, saved atomically within SaveDelay of a change and
// after every execution) and a queue of cells executed one at a time by a
// session.Session (let bindings, _ and _N, parameters, the journal).
type Session struct {
	b      *Backend
	id     string
	sess   *session.Session
	events func(server.Event)

	saveMu sync.Mutex // one save at a time, in version order

	mu        sync.Mutex
	nb        *notebook.Notebook
	runs      map[string]*cellRun
	results   map[string]*engineResult
	version   int64
	saved     int64
	saveTimer *time.Timer
	queue     []string
	wake      chan struct{}
	cancelRun context.CancelFunc
	closed    bool
}

// cellRun is what the session knows of a cell beyond its document: the
// status and outputs of its last execution.
type cellRun struct {
	status  server.CellStatus
	outputs []server.Output
}

func newSession(b *Backend, id string, sess *session.Session, nb *notebook.Notebook, events func(server.Event)) *Session {
	s := &Session{
		b: b, id: id, sess: sess, events: events, nb: nb,
		runs: map[string]*cellRun{}, results: map[string]*engineResult{},
		wake: make(chan struct{}, 1),
	}
	for _, c := range nb.Cells {
		s.runs[c.ID] = &cellRun{outputs: storedOutputs(c.Outputs)}
	}
	go s.worker()
	return s
}

// storedOutputs turns a notebook file's outputs into the browser's: a
// stored result is its HTML (sanitised by the server), errors stay errors.
func storedOutputs(outs []*notebook.Output) []server.Output {
	res := []server.Output{}
	for _, o := range outs {
		switch o.Type {
		case notebook.Error:
			res = append(res, server.Output{Type: server.OutputError, Error: &server.QueryError{Message: o.EValue}})
		case notebook.Stream:
			res = append(res, server.Output{Type: server.OutputText, Text: o.Text})
		default:
			if h, ok := o.Data["text/html"].(string); ok {
				res = append(res, server.Output{Type: server.OutputHTML, HTML: h})
			} else if img := imageHTML(o.Data); img != "" {
				res = append(res, server.Output{Type: server.OutputHTML, HTML: img})
			} else if t, ok := o.Data["text/plain"].(string); ok {
				res = append(res, server.Output{Type: server.OutputText, Text: t})
			}
		}
	}
	return res
}

// imageHTML shows a stored image output (a chart saved as SVG or PNG) as
// an <img> with a data: URI, which the server's sanitiser keeps; "" when
// the bundle has no image.
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
func (s *Session) Snapshot(ctx context.Context) (*server.NotebookState, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := &server.NotebookState{ID: s.id, Name: s.b.nameOf(s.id), Version: s.version, Saved: s.saved, Cells: []*server.CellState{}}
	for _, c := range s.nb.Cells {
		cs := &server.CellState{
			ID: c.ID, Type: c.Type, Source: c.Source, Metadata: c.Metadata,
			Attachments: c.Attachments, ExecutionCount: c.ExecutionCount, Outputs: []server.Output{},
		}
		if run := s.runs[c.ID]; run != nil {
			cs.Status = run.status
			cs.Outputs = append(cs.Outputs, run.outputs...)
		}
		st.Cells = append(st.Cells, cs)
	}
	return st, nil
}

// Edit applies a batch of edits, all or nothing, and schedules a save.
func (s *Session) Edit(ctx context.Context, edits []server.Edit) (int64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return 0, errors.New("the notebook's session has ended")
	}
	cells := make([]*notebook.Cell, len(s.nb.Cells))
	for i, c := range s.nb.Cells {
		cp := *c
		cells[i] = &cp
	}
	for _, e := range edits {
		var err error
		if cells, err = server.ApplyEdit(cells, e); err != nil {
			return 0, fmt.Errorf("%w: %v", server.ErrInvalid, err)
		}
	}
	s.nb.Cells = cells
	for _, c := range cells {
		if s.runs[c.ID] == nil {
			s.runs[c.ID] = &cellRun{outputs: []server.Output{}}
		}
	}
	s.version++
	s.scheduleSaveLocked()
	return s.version, nil
}

func (s *Session) scheduleSaveLocked() {
	if s.saveTimer == nil {
		s.saveTimer = time.AfterFunc(s.b.opts.SaveDelay, func() { _, _ = s.Save(context.Background()) })
	}
}

// Save writes the notebook atomically (temp file, fsync, rename) and
// reports the saved version once it is durable.
func (s *Session) Save(ctx context.Context) (int64, error) {
	s.saveMu.Lock()
	defer s.saveMu.Unlock()
	s.mu.Lock()
	if s.closed { // Close saved the last version; nothing may write after it
		s.mu.Unlock()
		return s.saved, nil
	}
	s.saveTimer = nil
	v := s.version
	data, err := notebook.Marshal(s.nb)
	s.mu.Unlock()
	if err == nil {
		err = notebook.WriteFileAtomic(s.b.pathOf(s.id), data)
	}
	if err != nil {
		s.events(server.Event{Type: server.EventSaveFailed, Message: err.Error()})
		return 0, err
	}
	s.mu.Lock()
	s.saved = max(s.saved, v)
	s.mu.Unlock()
	s.events(server.Event{Type: server.EventSaved, Version: v})
	return v, nil
}

// Result returns a result the session holds.
func (s *Session) Result(ctx context.Context, id string) (server.Result, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.results[id]
	if !ok {
		return nil, fmt.Errorf("result %q: %w", id, server.ErrNotFound)
	}
	return r, nil
}

// Close saves, stops the worker and ends the analysis (dropping its
// results from the engine).
func (s *Session) Close(ctx context.Context) error {
	_ = s.Interrupt(ctx)
	_, err := s.Save(ctx)
	s.stop(ctx)
	return err
}

// discard ends the session without saving (its notebook is being deleted).
func (s *Session) discard(ctx context.Context) {
	_ = s.Interrupt(ctx)
	s.stop(ctx)
}

func (s *Session) stop(ctx context.Context) {
	s.saveMu.Lock() // no save in flight from here on
	defer s.saveMu.Unlock()
	s.mu.Lock()
	if s.saveTimer != nil {
		s.saveTimer.Stop()
	}
	wasClosed := s.closed
	if !s.closed {
		s.closed = true
		close(s.wake)
	}
	s.results = map[string]*engineResult{}
	s.mu.Unlock()
	if !wasClosed {
		_ = s.sess.Close()
	}
}
