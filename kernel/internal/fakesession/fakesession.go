// Package fakesession is a TEST FIXTURE: a scripted stand-in for the notebook
// session, so the kernel's protocol can be tested (in Go and against the real
// Jupyter) before the KQL session exists. It executes no KQL. The huntbook
// binary never uses it.
//
// A cell is one command on its first line:
//
//	sleep SECONDS     wait (interruptibly), then return "slept"
//	fail [MESSAGE]    fail with a positioned QueryError
//	slow-fail S       wait S seconds, then fail
//	display           emit a display (text/plain + text/html), then return a value
//	stream TEXT       write TEXT to stdout, then return nothing
//	panic             panic inside Execute
//	ignore-cancel S   wait S seconds ignoring interrupts
//	anything else     echo the code back as the cell's value
package fakesession

import (
	"context"
	"fmt"
	"html"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/huntbook/huntbook/kernel"
)

// Session is the fake. Its zero value is not ready; use New.
type Session struct {
	mu      sync.Mutex
	history []kernel.HistoryEntry
}

// New returns an empty fake session.
func New() *Session { return &Session{} }

// vocabulary is what Complete and Inspect know about.
var vocabulary = map[string]string{
	"SecurityEvent": "table SecurityEvent: Windows security events",
	"SigninLogs":    "table SigninLogs: Entra ID sign-ins",
	"summarize":     "summarize: aggregate rows by groups",
	"where":         "where: keep the rows for which a predicate is true",
	"project":       "project: select and compute columns",
}

// Execute runs one scripted command.
func (s *Session) Execute(ctx context.Context, req kernel.ExecuteRequest, emit func(kernel.Output)) (*kernel.Display, error) {
	if req.StoreHistory {
		s.mu.Lock()
		s.history = append(s.history, kernel.HistoryEntry{Session: 1, Line: req.Count, Input: req.Code})
		s.mu.Unlock()
	}
	cmd, arg, _ := strings.Cut(strings.TrimSpace(firstLine(req.Code)), " ")
	switch cmd {
	case "sleep":
		return sleep(ctx, arg)
	case "ignore-cancel":
		d, _ := strconv.ParseFloat(arg, 64)
		time.Sleep(time.Duration(d * float64(time.Second)))
		return text("ignored the cancellation"), nil
	case "slow-fail":
		if _, err := sleep(ctx, arg); err != nil {
			return nil, err
		}
		return nil, &kernel.ExecError{Name: "QueryError", Value: "slow failure"}
	case "fail":
		msg := arg
		if msg == "" {
			msg = "scripted failure"
		}
		return nil, &kernel.ExecError{Name: "QueryError", Value: msg, Line: 1, Column: 6}
	case "display":
		emit(&kernel.Display{Data: map[string]any{
			"text/plain": "Count\n-----\n42",
			"text/html":  "<table><tr><th>Count</th></tr><tr><td>42</td></tr></table>",
		}})
		return text("displayed"), nil
	case "stream":
		emit(&kernel.Stream{Name: "stdout", Text: arg + "\n"})
		return nil, nil
	case "panic":
		panic("scripted panic")
	}
	return &kernel.Display{Data: map[string]any{
		"text/plain": req.Code,
		"text/html":  "<pre>" + html.EscapeString(req.Code) + "</pre>",
	}}, nil
}

func sleep(ctx context.Context, arg string) (*kernel.Display, error) {
	d, err := strconv.ParseFloat(arg, 64)
	if err != nil {
		return nil, &kernel.ExecError{Name: "UsageError", Value: "sleep SECONDS"}
	}
	select {
	case <-ctx.Done():
		return nil, ctx.Err()
	case <-time.After(time.Duration(d * float64(time.Second))):
		return text("slept"), nil
	}
}

func text(s string) *kernel.Display { return &kernel.Display{Data: map[string]any{"text/plain": s}} }

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// wordAt returns the identifier around byte offset cursor: [start, end).
func wordAt(code string, cursor int) (start, end int) {
	isWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' }
	start = cursor
	for start > 0 {
		r := []rune(code[:start])
		if !isWord(r[len(r)-1]) {
			break
		}
		start -= len(string(r[len(r)-1]))
	}
	end = cursor
	for _, r := range code[cursor:] {
		if !isWord(r) {
			break
		}
		end += len(string(r))
	}
	return start, end
}

// Complete offers the vocabulary words that start with the word before the
// cursor.
func (s *Session) Complete(_ context.Context, code string, cursor int) (kernel.Completion, error) {
	start, _ := wordAt(code, cursor)
	prefix := strings.ToLower(code[start:cursor])
	var matches []string
	for w := range vocabulary {
		if strings.HasPrefix(strings.ToLower(w), prefix) {
			matches = append(matches, w)
		}
	}
	slices.Sort(matches)
	return kernel.Completion{Matches: matches, Start: start, End: cursor}, nil
}

// Inspect describes a vocabulary word under the cursor.
func (s *Session) Inspect(_ context.Context, code string, cursor, _ int) (kernel.Inspection, error) {
	start, end := wordAt(code, cursor)
	doc, ok := vocabulary[code[start:end]]
	if !ok {
		return kernel.Inspection{}, nil
	}
	return kernel.Inspection{Found: true, Data: map[string]any{"text/plain": doc}}, nil
}

// IsComplete: a trailing pipe or an open parenthesis needs more lines.
func (s *Session) IsComplete(code string) (kernel.Completeness, string) {
	t := strings.TrimSpace(code)
	switch {
	case strings.Count(t, "(") < strings.Count(t, ")"):
		return kernel.Invalid, ""
	case strings.HasSuffix(t, "|") || strings.Count(t, "(") > strings.Count(t, ")"):
		return kernel.Incomplete, "    "
	}
	return kernel.Complete, ""
}

// History answers tail, range and search queries over the stored inputs.
func (s *Session) History(_ context.Context, q kernel.HistoryQuery) ([]kernel.HistoryEntry, error) {
	s.mu.Lock()
	all := slices.Clone(s.history)
	s.mu.Unlock()
	switch q.Access {
	case "tail":
		return lastN(all, q.N), nil
	case "search":
		var out []kernel.HistoryEntry
		for _, e := range all {
			if ok, _ := path.Match(q.Pattern, e.Input); ok {
				out = append(out, e)
			}
		}
		return lastN(out, q.N), nil
	case "range":
		var out []kernel.HistoryEntry
		for _, e := range all {
			if e.Line >= q.Start && (q.Stop <= 0 || e.Line < q.Stop) {
				out = append(out, e)
			}
		}
		return out, nil
	}
	return nil, fmt.Errorf("unknown hist_access_type %q", q.Access)
}

func lastN(e []kernel.HistoryEntry, n int) []kernel.HistoryEntry {
	if n > 0 && len(e) > n {
		return e[len(e)-n:]
	}
	return e
}
