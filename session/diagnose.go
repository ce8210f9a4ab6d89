package session

import (
	"context"
	"errors"
	"unicode/utf8"

	"github.com/huntbook/huntbook/engine/exec"
	"github.com/huntbook/huntbook/kql/sema"
	"github.com/huntbook/huntbook/kql/syntax"
)

// Diagnostic is one problem in a query text, for an editor to underline.
type Diagnostic struct {
	// Start and End are byte offsets of the offending text in the source.
	Start int `json:"start"`
	End   int `json:"end"`
	// Line and Column (1-based, Column in characters) locate Start.
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Message string `json:"message"`
	// Unsupported marks a valid KQL feature huntbook does not implement.
	Unsupported bool `json:"unsupported,omitempty"`
}

// Diagnose checks a cell without running it: every syntax error, or else
// the first semantic error (unknown names, type mismatches, unsupported
// features) against the workspace's tables and the session's bindings.
// No error gives an empty list. Markdown is not KQL: do not diagnose it.
func (s *Session) Diagnose(ctx context.Context, src string) ([]Diagnostic, error) {
	if _, err := syntax.Parse(src); err != nil {
		return diagnostics(src, err), nil
	}
	if _, err := cellLimit(src, DefaultTruncationMaxRecords); err != nil {
		return diagnostics(src, err), nil
	}
	s.mu.Lock()
	env := s.env
	s.mu.Unlock()
	if err := s.cat.refresh(ctx); err != nil {
		return nil, err
	}
	_, err := s.x.Compile(ctx, src, env, exec.RunOptions{Now: s.opts.Now()})
	if err == nil || sema.NeedsData(err) {
		// a query whose shape depends on its data is checked when it runs
		return nil, nil
	}
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	return diagnostics(src, err), nil
}

// diagnostics turns a compile error into positioned diagnostics; an error
// without a position covers the whole text.
func diagnostics(src string, err error) []Diagnostic {
	var list syntax.ErrorList
	if errors.As(err, &list) {
		out := make([]Diagnostic, 0, len(list))
		for _, e := range list {
			out = append(out, diag(src, e.Span, e.Pos, e.Msg, false))
		}
		return out
	}
	var se *sema.Error
	if errors.As(err, &se) {
		return []Diagnostic{diag(src, se.Span, se.Pos, se.Msg, se.Unsupported)}
	}
	return []Diagnostic{{Start: 0, End: len(src), Line: 1, Column: 1, Message: err.Error(), Unsupported: sema.IsUnsupported(err)}}
}

// diag builds one diagnostic; an empty span is widened to the character
// it points at, so an editor has something to underline.
func diag(src string, sp syntax.Span, pos syntax.Position, msg string, unsupported bool) Diagnostic {
	start, end := max(0, min(sp.Start, len(src))), max(0, min(sp.End, len(src)))
	if end <= start && start < len(src) {
		_, size := utf8.DecodeRuneInString(src[start:])
		end = start + size
	}
	return Diagnostic{Start: start, End: end, Line: pos.Line, Column: pos.Col, Message: msg, Unsupported: unsupported}
}
