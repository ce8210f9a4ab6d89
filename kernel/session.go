package kernel

import (
	"context"
	"fmt"
)

// Session is the live analysis a kernel serves: it executes cells and answers
// the editor's questions about code. The notebook `session` package implements
// it; the kernel only translates between it and the Jupyter protocol.
//
// Calls: the kernel makes every Session call from its shell goroutine, one at
// a time, never two concurrently (the shell channel is sequential in every
// Jupyter kernel). Interrupts and shutdowns arrive on the control goroutine and
// reach a running Execute only by cancelling its ctx. The kernel never closes
// the Session: whoever created it closes it after Kernel.Run returns.
//
// Offsets: cursor and completion offsets are byte offsets into the code string
// (Go's native string indexing). The kernel converts them from and to the
// protocol's Unicode code-point offsets.
type Session interface {
	// Execute runs one cell. It calls emit for every output produced before
	// the cell's value (tables of intermediate statements, progress text), in
	// order; emit may be called from any goroutine until Execute returns and
	// is a no-op afterwards. The returned Display, when non-nil, is the cell's
	// value (Jupyter's execute_result). An error ends the cell; return an
	// *ExecError to control what the user sees.
	//
	// ctx is cancelled when the user interrupts the cell or the kernel shuts
	// down; Execute must then stop promptly and return (its error is replaced
	// by the kernel's interruption error).
	Execute(ctx context.Context, req ExecuteRequest, emit func(Output)) (*Display, error)

	// Complete lists completions for the code at byte offset cursor; the
	// matches replace code[Start:End].
	Complete(ctx context.Context, code string, cursor int) (Completion, error)

	// Inspect describes the name at byte offset cursor (the editor's
	// Shift-Tab / hover help). detail is 0 for a summary, 1 for more.
	Inspect(ctx context.Context, code string, cursor, detail int) (Inspection, error)

	// IsComplete tells a console whether code can run as typed or needs more
	// lines; indent is the suggested indentation of the next line when the
	// code is Incomplete.
	IsComplete(code string) (status Completeness, indent string)

	// History returns past inputs for history_request (the console's up-arrow
	// and search). Entries are in chronological order.
	History(ctx context.Context, q HistoryQuery) ([]HistoryEntry, error)
}

// ExecuteRequest is one cell to run.
type ExecuteRequest struct {
	Code string
	// Count is the execution count the cell gets (In[Count]); it is the
	// previous count when the cell is not stored in history.
	Count int
	// Silent cells produce no outputs and are not stored in history; the
	// kernel drops whatever they emit.
	Silent bool
	// StoreHistory asks the session to record the cell in its history (and
	// to bind its value for later cells, if the language has such a notion).
	StoreHistory bool
}

// Output is one output emitted while a cell runs: a *Display or a *Stream.
type Output interface{ isOutput() }

// Display is a rich output: a MIME bundle, as the render package produces.
// Data maps a MIME type to its value: "text/plain" is always present (a
// string); "text/html" and "image/svg+xml" are strings;
// "application/vnd.vegalite.v5+json" and other JSON types are JSON values
// (map[string]any or json.RawMessage). Metadata is optional and keyed by MIME
// type as in nbformat, e.g. {"image/svg+xml": {"isolated": true}}.
type Display struct {
	Data     map[string]any
	Metadata map[string]any
}

// Stream is plain text written to the cell's stdout or stderr (Jupyter's
// stream message), e.g. progress or warnings.
type Stream struct {
	Name string // "stdout" or "stderr"
	Text string
}

func (*Display) isOutput() {}
func (*Stream) isOutput()  {}

// ExecError is the error a Session returns when a cell fails, so the user sees
// a precise message: Name is the error class (Jupyter's ename, e.g.
// "SyntaxError", "SemanticError", "QueryError"), Value the message (evalue).
// Line and Column (1-based, in the cell's code, Column counting characters)
// locate the error when known: the kernel then quotes the offending line with
// a caret in the traceback. A non-nil Traceback replaces the kernel's
// formatting entirely (one string per line, ANSI colour allowed).
type ExecError struct {
	Name, Value  string
	Line, Column int
	Traceback    []string
	Err          error // the underlying cause, if any
}

func (e *ExecError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s: %d:%d: %s", e.Name, e.Line, e.Column, e.Value)
	}
	return e.Name + ": " + e.Value
}

// Unwrap returns the underlying cause.
func (e *ExecError) Unwrap() error { return e.Err }

// Completion is the answer to a completion request: Matches replace
// code[Start:End] (byte offsets). Metadata is passed through to the
// front end (e.g. "_jupyter_types_experimental").
type Completion struct {
	Matches    []string
	Start, End int
	Metadata   map[string]any
}

// Inspection is the answer to an inspection request: when Found, Data is a
// MIME bundle describing the name under the cursor (text/plain at least).
type Inspection struct {
	Found    bool
	Data     map[string]any
	Metadata map[string]any
}

// Completeness is the status of an is_complete_request.
type Completeness string

// The completeness statuses of the protocol.
const (
	Complete   Completeness = "complete"   // run it
	Incomplete Completeness = "incomplete" // wait for more lines
	Invalid    Completeness = "invalid"    // cannot become valid by adding lines; run it to show the error
	Unknown    Completeness = "unknown"    // the session cannot tell
)

// HistoryQuery is a history_request: Access is "range" (Session, Start and
// Stop select lines of one session; Session 0 is the current one, negative
// counts back), "tail" (the last N entries) or "search" (entries matching the
// glob Pattern, the last N of them, Unique dropping duplicate inputs). Output
// asks for the entries' outputs too.
type HistoryQuery struct {
	Access      string
	Output, Raw bool
	Session     int
	Start, Stop int
	N           int
	Pattern     string
	Unique      bool
}

// HistoryEntry is one input of the history. Output is the text form of its
// result, filled only when the query asked for outputs.
type HistoryEntry struct {
	Session int
	Line    int
	Input   string
	Output  string
}
