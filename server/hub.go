package server

import (
	"context"
	"sync"
	"time"
)

// hub keeps one room per open notebook: its session and the WebSockets of
// the tabs that show it. A session outlives its tabs (a reload must find
// the let bindings and results), until the notebook is deleted or the
// server stops.
type hub struct {
	backend Backend
	srv     *Server

	mu    sync.Mutex
	rooms map[string]*room
	// opening serialises Backend.Open per notebook, so two tabs opening the
	// same notebook at once share one session.
	opening map[string]chan struct{}
}

// room is one open notebook.
type room struct {
	id   string
	sess Session
	srv  *Server

	mu      sync.Mutex
	clients map[*wsConn]struct{}
}

func newHub(b Backend, s *Server) *hub {
	return &hub{backend: b, srv: s, rooms: map[string]*room{}, opening: map[string]chan struct{}{}}
}

// room returns the notebook's room, opening its session on first use.
func (h *hub) room(ctx context.Context, id string) (*room, error) {
	for {
		h.mu.Lock()
		if rm, ok := h.rooms[id]; ok {
			h.mu.Unlock()
			return rm, nil
		}
		wait, busy := h.opening[id]
		if !busy {
			done := make(chan struct{})
			h.opening[id] = done
			h.mu.Unlock()
			rm, err := h.open(ctx, id)
			h.mu.Lock()
			delete(h.opening, id)
			if err == nil {
				h.rooms[id] = rm
			}
			close(done)
			h.mu.Unlock()
			return rm, err
		}
		h.mu.Unlock()
		select {
		case <-wait:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}

func (h *hub) open(ctx context.Context, id string) (*room, error) {
	rm := &room{id: id, srv: h.srv, clients: map[*wsConn]struct{}{}}
	sess, err := h.backend.Open(context.WithoutCancel(ctx), id, rm.publish)
	if err != nil {
		return nil, err
	}
	rm.sess = sess
	return rm, nil
}

// forget closes a notebook's room before the notebook is deleted.
func (h *hub) forget(ctx context.Context, id string) {
	h.mu.Lock()
	rm := h.rooms[id]
	delete(h.rooms, id)
	h.mu.Unlock()
	if rm != nil {
		rm.closeClients("the notebook was deleted")
		if err := rm.sess.Close(ctx); err != nil {
			h.srv.log.Error("closing session", "notebook", id, "err", err)
		}
	}
}

// closeAll closes every session (each saves what is unsaved).
func (h *hub) closeAll() {
	h.mu.Lock()
	rooms := h.rooms
	h.rooms = map[string]*room{}
	h.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for id, rm := range rooms {
		if err := rm.sess.Close(ctx); err != nil {
			h.srv.log.Error("closing session", "notebook", id, "err", err)
		}
	}
}

func (rm *room) join(c *wsConn) {
	rm.mu.Lock()
	rm.clients[c] = struct{}{}
	rm.mu.Unlock()
}

func (rm *room) leave(c *wsConn) {
	rm.mu.Lock()
	delete(rm.clients, c)
	rm.mu.Unlock()
}

// publish sends a session event to every tab of the notebook, with its
// outputs sanitised.
func (rm *room) publish(ev Event) {
	msg := rm.srv.wireEvent(ev)
	rm.broadcast(msg, nil)
}

// broadcast sends msg to every tab but except.
func (rm *room) broadcast(msg any, except *wsConn) {
	rm.mu.Lock()
	clients := make([]*wsConn, 0, len(rm.clients))
	for c := range rm.clients {
		if c != except {
			clients = append(clients, c)
		}
	}
	rm.mu.Unlock()
	for _, c := range clients {
		c.send(msg)
	}
}

func (rm *room) closeClients(reason string) {
	rm.mu.Lock()
	clients := make([]*wsConn, 0, len(rm.clients))
	for c := range rm.clients {
		clients = append(clients, c)
	}
	rm.mu.Unlock()
	for _, c := range clients {
		c.close(reason)
	}
}
