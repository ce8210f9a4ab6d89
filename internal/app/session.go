package app

import (
	"github.com/huntbook/huntbook/notebook"
	"github.com/huntbook/huntbook/server"
	"github.com/huntbook/huntbook/session"
)

// Session is the live analysis of one open notebook: its document
// (server.Document: edits merged by cell id, the run queue, saving within
// SaveDelay of a change and after every execution) whose cells a
// session.Session executes (let bindings, _ and _N, parameters, the
// journal), which also answers completion and diagnostics.
type Session struct {
	*server.Document
	sess *session.Session
}

func newSession(b *Backend, id string, sess *session.Session, nb *notebook.Notebook, events func(server.Event)) *Session {
	runner := &kqlRunner{sess: sess, results: map[string]*engineResult{}}
	doc := server.NewDocument(nb, runner, server.DocumentOptions{
		ID:        id,
		Name:      func() string { return b.nameOf(id) },
		Write:     func(data []byte) error { return notebook.WriteFileAtomic(b.pathOf(id), data) },
		SaveDelay: b.opts.SaveDelay,
		Events:    events,
	})
	return &Session{Document: doc, sess: sess}
}
