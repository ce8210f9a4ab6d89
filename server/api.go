package server

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

func (s *Server) routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /{$}", s.serveIndex)
	mux.HandleFunc("GET /static/", s.serveStatic)
	mux.HandleFunc("GET /api/workspace", s.handleWorkspace)
	mux.HandleFunc("GET /api/notebooks", s.handleListNotebooks)
	mux.HandleFunc("POST /api/notebooks", s.handleCreateNotebook)
	mux.HandleFunc("PATCH /api/notebooks/{id}", s.handleRenameNotebook)
	mux.HandleFunc("DELETE /api/notebooks/{id}", s.handleDeleteNotebook)
	mux.HandleFunc("GET /api/notebooks/{id}", s.handleSnapshot)
	mux.HandleFunc("GET /api/notebooks/{id}/ws", s.handleWebSocket)
	mux.HandleFunc("GET /api/notebooks/{id}/results/{rid}/page", s.handlePage)
	mux.HandleFunc("GET /api/notebooks/{id}/results/{rid}/csv", s.handleCSV)
	mux.HandleFunc("GET /api/notebooks/{id}/results/{rid}/chart", s.handleChart)
	mux.HandleFunc("GET /api/history", s.handleHistory)
	mux.HandleFunc("POST /api/markdown", s.handleMarkdown)
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeJSONError(w, http.StatusNotFound, "no such API endpoint")
	})
}

func (s *Server) handleWorkspace(w http.ResponseWriter, r *http.Request) {
	info, err := s.backend.Workspace(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, info)
}

func (s *Server) handleListNotebooks(w http.ResponseWriter, r *http.Request) {
	list, err := s.backend.Notebooks(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if list == nil {
		list = []NotebookInfo{}
	}
	writeJSON(w, http.StatusOK, list)
}

type nameBody struct {
	Name string `json:"name"`
}

func (s *Server) handleCreateNotebook(w http.ResponseWriter, r *http.Request) {
	var body nameBody
	if !s.readJSON(w, r, &body) {
		return
	}
	info, err := s.backend.CreateNotebook(r.Context(), strings.TrimSpace(body.Name))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, info)
}

func (s *Server) handleRenameNotebook(w http.ResponseWriter, r *http.Request) {
	var body nameBody
	if !s.readJSON(w, r, &body) {
		return
	}
	info, err := s.backend.RenameNotebook(r.Context(), r.PathValue("id"), strings.TrimSpace(body.Name))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, info)
}

func (s *Server) handleDeleteNotebook(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	s.hub.forget(r.Context(), id)
	if err := s.backend.DeleteNotebook(r.Context(), id); err != nil {
		s.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) handleSnapshot(w http.ResponseWriter, r *http.Request) {
	rm, err := s.hub.room(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	st, err := rm.sess.Snapshot(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, s.wireNotebook(st))
}

func (s *Server) handleHistory(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	hq := HistoryQuery{NotebookID: q.Get("notebook"), Search: q.Get("q"), Limit: 200}
	if l, err := strconv.Atoi(q.Get("limit")); err == nil && l > 0 && l < 1000 {
		hq.Limit = l
	}
	if b := q.Get("before"); b != "" {
		t, err := time.Parse(time.RFC3339Nano, b)
		if err != nil {
			writeJSONError(w, http.StatusBadRequest, "before: not an RFC 3339 time")
			return
		}
		hq.Before = t
	}
	entries, err := s.backend.History(r.Context(), hq)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if entries == nil {
		entries = []HistoryEntry{}
	}
	writeJSON(w, http.StatusOK, entries)
}

type markdownBody struct {
	Source string `json:"source"`
}

func (s *Server) handleMarkdown(w http.ResponseWriter, r *http.Request) {
	var body markdownBody
	if !s.readJSON(w, r, &body) {
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"html": s.san.Markdown(body.Source, nil)})
}

// readJSON decodes a JSON request body; it answers 400 or 413 itself and
// returns false when the body is not usable.
func (s *Server) readJSON(w http.ResponseWriter, r *http.Request, v any) bool {
	dec := json.NewDecoder(r.Body)
	if err := dec.Decode(v); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			writeJSONError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("request body larger than %d bytes", tooBig.Limit))
			return false
		}
		writeJSONError(w, http.StatusBadRequest, "bad JSON body: "+err.Error())
		return false
	}
	return true
}

// fail answers an error from the backend with its status: the message of
// ErrNotFound and ErrInvalid errors is for the analyst, other errors are
// logged and answered with a generic text.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	status, msg := errorStatus(err)
	if status == http.StatusInternalServerError {
		s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	writeJSONError(w, status, msg)
}

func errorStatus(err error) (int, string) {
	switch {
	case errors.Is(err, ErrNotFound):
		return http.StatusNotFound, err.Error()
	case errors.Is(err, ErrInvalid):
		return http.StatusBadRequest, err.Error()
	case errors.Is(err, errTooBig):
		return http.StatusRequestEntityTooLarge, err.Error()
	}
	return http.StatusInternalServerError, "internal error: " + err.Error()
}

var errTooBig = errors.New("request too large")

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true) // JSON read as HTML by a confused client stays inert
	_ = enc.Encode(v)
}

func writeJSONError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}
