package syntax

import (
	"fmt"
	"strings"
)

// Error is one positioned syntax error.
type Error struct {
	Span Span     // the offending token or range
	Pos  Position // line:col of Span.Start
	Msg  string   // e.g. `expected ")", found "where"`
	// AtEOF reports that the error was found at the end of the input: the
	// text is unfinished rather than wrong (see CheckComplete).
	AtEOF bool
}

func (e *Error) Error() string { return e.Pos.String() + ": " + e.Msg }

// ErrorList is every error of one parse, in source order. It implements
// error; its text is one "line:col: message" line per error.
type ErrorList []*Error

func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Err returns the list as an error, or nil when it is empty, so callers can
// write `return script, errs.Err()` without a typed-nil trap.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// errorSink collects errors with their positions, drops a second error at
// the same offset (the usual cascade of one mistake) and stops accepting
// after a limit.
type errorSink struct {
	idx  *LineIndex
	src  string
	list ErrorList
	max  int
}

func (s *errorSink) add(sp Span, atEOF bool, format string, args ...any) {
	if len(s.list) >= s.max {
		return
	}
	if n := len(s.list); n > 0 && s.list[n-1].Span.Start == sp.Start {
		return
	}
	if s.idx == nil {
		s.idx = NewLineIndex(s.src)
	}
	s.list = append(s.list, &Error{Span: sp, Pos: s.idx.Position(sp.Start), Msg: fmt.Sprintf(format, args...), AtEOF: atEOF})
}

func (s *errorSink) full() bool { return len(s.list) >= s.max }
