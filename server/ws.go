package server

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"sync"
	"time"

	"github.com/coder/websocket"
)

// sendQueue is how many messages may wait for a slow tab before it is
// dropped (it reconnects and gets a fresh snapshot).
const sendQueue = 256

// clientMsg is a message from the browser. Seq numbers the requests that
// expect an answer; the answer carries the same Seq.
type clientMsg struct {
	Type   string   `json:"type"`
	Seq    int64    `json:"seq"`
	Edits  []Edit   `json:"edits,omitempty"`
	Cells  []string `json:"cells,omitempty"`
	CellID string   `json:"cellId,omitempty"`
	Source string   `json:"source,omitempty"`
	Pos    int      `json:"pos,omitempty"` // UTF-16 offset into Source
}

// Answers to requests.
type ackMsg struct {
	Type    string `json:"type"` // ack
	Seq     int64  `json:"seq"`
	Version int64  `json:"version,omitempty"`
}

type errorMsg struct {
	Type    string `json:"type"` // error
	Seq     int64  `json:"seq,omitempty"`
	Message string `json:"message"`
}

type completionsMsg struct {
	Type string `json:"type"` // completions
	Seq  int64  `json:"seq"`
	Completions
}

type diagnosticsMsg struct {
	Type        string       `json:"type"` // diagnostics
	Seq         int64        `json:"seq"`
	Diagnostics []Diagnostic `json:"diagnostics"`
}

// Unsolicited messages.
type snapshotMsg struct {
	Type     string             `json:"type"` // snapshot
	Notebook *wireNotebookState `json:"notebook"`
}

type editsMsg struct {
	Type    string `json:"type"` // edits: another tab changed the notebook
	Version int64  `json:"version"`
	Edits   []Edit `json:"edits"`
}

// wsConn is one browser tab's WebSocket on a notebook.
type wsConn struct {
	c    *websocket.Conn
	out  chan any
	done chan struct{}
	once sync.Once
	why  string
}

func (c *wsConn) send(msg any) {
	select {
	case c.out <- msg:
	case <-c.done:
	default:
		c.close("too slow to keep up")
	}
}

func (c *wsConn) close(reason string) {
	c.once.Do(func() {
		c.why = reason
		close(c.done)
	})
}

func (s *Server) handleWebSocket(w http.ResponseWriter, r *http.Request) {
	rm, err := s.hub.room(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	// The Origin was checked by secure(); websocket.Accept checks it again
	// against Host, which is the same rule for a browser.
	ws, err := websocket.Accept(w, r, nil)
	if err != nil {
		return // Accept answered the request
	}
	ws.SetReadLimit(s.opts.MaxBodyBytes)
	c := &wsConn{c: ws, out: make(chan any, sendQueue), done: make(chan struct{})}
	if !s.trackConn(c, true) {
		ws.Close(websocket.StatusGoingAway, "server shutting down")
		return
	}
	defer s.trackConn(c, false)
	ctx, cancel := context.WithCancel(context.WithoutCancel(r.Context()))
	defer cancel()
	go s.writeLoop(ctx, c)

	st, err := rm.sess.Snapshot(ctx)
	if err != nil {
		c.send(errorMsg{Type: "error", Message: err.Error()})
		c.close("snapshot failed")
	} else {
		c.send(snapshotMsg{Type: "snapshot", Notebook: s.wireNotebook(st)})
		rm.join(c)
		defer rm.leave(c)
	}
	go func() {
		<-c.done
		cancel()
	}()
	s.readLoop(ctx, rm, c)
	c.close("")
}

func (s *Server) writeLoop(ctx context.Context, c *wsConn) {
	defer func() {
		code := websocket.StatusNormalClosure
		if c.why != "" {
			code = websocket.StatusGoingAway
		}
		c.c.Close(code, c.why)
	}()
	for {
		select {
		case <-c.done:
			return
		case msg := <-c.out:
			data, err := json.Marshal(msg)
			if err != nil {
				s.log.Error("encoding a WebSocket message", "err", err)
				continue
			}
			wctx, cancel := context.WithTimeout(ctx, 10*time.Second)
			err = c.c.Write(wctx, websocket.MessageText, data)
			cancel()
			if err != nil {
				c.close("")
				return
			}
		}
	}
}

func (s *Server) readLoop(ctx context.Context, rm *room, c *wsConn) {
	for {
		typ, data, err := c.c.Read(ctx)
		if err != nil {
			if websocket.CloseStatus(err) == websocket.StatusMessageTooBig {
				s.log.Info("WebSocket message too big", "notebook", rm.id)
			}
			return
		}
		if typ != websocket.MessageText {
			c.send(errorMsg{Type: "error", Message: "binary messages are not part of the protocol"})
			continue
		}
		var m clientMsg
		if err := json.Unmarshal(data, &m); err != nil {
			c.send(errorMsg{Type: "error", Message: "bad message: " + err.Error()})
			continue
		}
		// Requests run one at a time per tab, in order: edits must reach
		// the session in the order they were typed. Completion and
		// diagnostics are fast (the parser, no engine).
		if reply := s.dispatch(ctx, rm, c, m); reply != nil {
			c.send(reply)
		}
	}
}

// dispatch runs one request and returns its answer.
func (s *Server) dispatch(ctx context.Context, rm *room, c *wsConn, m clientMsg) any {
	fail := func(err error) any {
		_, msg := errorStatus(err)
		if !errors.Is(err, ErrInvalid) && !errors.Is(err, ErrNotFound) {
			s.log.Error("WebSocket request failed", "type", m.Type, "err", err)
		}
		return errorMsg{Type: "error", Seq: m.Seq, Message: msg}
	}
	switch m.Type {
	case "edit":
		v, err := rm.sess.Edit(ctx, m.Edits)
		if err != nil {
			return fail(err)
		}
		rm.broadcast(editsMsg{Type: "edits", Version: v, Edits: m.Edits}, c)
		return ackMsg{Type: "ack", Seq: m.Seq, Version: v}
	case "save":
		v, err := rm.sess.Save(ctx)
		if err != nil {
			return fail(err)
		}
		return ackMsg{Type: "ack", Seq: m.Seq, Version: v}
	case "execute":
		return ackOrFail(m.Seq, rm.sess.Execute(ctx, m.Cells), fail)
	case "interrupt":
		return ackOrFail(m.Seq, rm.sess.Interrupt(ctx), fail)
	case "restart":
		return ackOrFail(m.Seq, rm.sess.Restart(ctx), fail)
	case "complete":
		return s.complete(ctx, rm, m, fail)
	case "diagnose":
		ds, err := rm.sess.Diagnose(ctx, m.CellID, m.Source)
		if err != nil {
			return fail(err)
		}
		return diagnosticsMsg{Type: "diagnostics", Seq: m.Seq, Diagnostics: diagnosticsToUTF16(m.Source, ds)}
	case "ping":
		return ackMsg{Type: "ack", Seq: m.Seq}
	}
	return errorMsg{Type: "error", Seq: m.Seq, Message: "unknown message type " + m.Type}
}

func ackOrFail(seq int64, err error, fail func(error) any) any {
	if err != nil {
		return fail(err)
	}
	return ackMsg{Type: "ack", Seq: seq}
}

func (s *Server) complete(ctx context.Context, rm *room, m clientMsg, fail func(error) any) any {
	req := CompletionRequest{CellID: m.CellID, Source: m.Source, Pos: utf16ToByte(m.Source, m.Pos)}
	cs, err := rm.sess.Complete(ctx, req)
	if err != nil {
		return fail(err)
	}
	if cs == nil {
		cs = &Completions{From: req.Pos, To: req.Pos}
	}
	out := completionsMsg{Type: "completions", Seq: m.Seq, Completions: *cs}
	out.From, out.To = byteToUTF16(m.Source, cs.From), byteToUTF16(m.Source, cs.To)
	if out.Items == nil {
		out.Items = []Completion{}
	}
	return out
}

func diagnosticsToUTF16(src string, ds []Diagnostic) []Diagnostic {
	out := make([]Diagnostic, len(ds))
	for i, d := range ds {
		d.From, d.To = byteToUTF16(src, d.From), byteToUTF16(src, d.To)
		if d.To <= d.From {
			d.To = d.From + 1 // an empty range would underline nothing
		}
		out[i] = d
	}
	return out
}
