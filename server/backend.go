package server

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/huntbook/huntbook/notebook"
	"github.com/huntbook/huntbook/table"
)

// Backend is everything the server needs from huntbook's analysis side: the
// workspace, its notebooks and the live session of each open notebook. The
// server owns presentation (HTTP, WebSocket, sanitising, paging, charts, CSV);
// the backend owns state (files, the engine, let bindings, the journal).
//
// Every method may be called from many goroutines at once. Errors wrapping
// ErrNotFound become 404, errors wrapping ErrInvalid become 400 with the
// error text shown to the analyst, anything else 500.
type Backend interface {
	// Workspace describes the tables an analyst can query, for the schema
	// sidebar.
	Workspace(ctx context.Context) (*WorkspaceInfo, error)

	// Notebooks lists the workspace's notebooks, in the order to show them.
	Notebooks(ctx context.Context) ([]NotebookInfo, error)
	// CreateNotebook makes an empty notebook named name (ErrInvalid when the
	// name is unusable or taken) and saves it.
	CreateNotebook(ctx context.Context, name string) (NotebookInfo, error)
	// RenameNotebook renames a notebook. Its ID stays the same for the life
	// of the backend, so open sessions and browser tabs keep working.
	RenameNotebook(ctx context.Context, id, name string) (NotebookInfo, error)
	// DeleteNotebook removes a notebook and ends its session if one is open.
	DeleteNotebook(ctx context.Context, id string) error

	// Open starts (or joins) the session of a notebook. The server calls it
	// once per notebook and keeps the session until the notebook is deleted
	// or the server stops, whatever the browser tabs do, so let bindings and
	// results survive a reload. events receives everything the session does
	// on its own (status of executions, saves); it is safe to call from any
	// goroutine and never blocks for long.
	Open(ctx context.Context, id string, events func(Event)) (Session, error)

	// History returns executions from the journal, newest first.
	History(ctx context.Context, q HistoryQuery) ([]HistoryEntry, error)
}

// Session is the live analysis of one open notebook. The session owns the
// notebook document: the browser sends edits, the session merges them by cell
// id, keeps outputs, and saves atomically within seconds of every change and
// after every execution.
type Session interface {
	// Snapshot returns the notebook as it is now, with the version of the
	// last edit applied.
	Snapshot(ctx context.Context) (*NotebookState, error)

	// Edit applies the edits in order and returns the notebook's version
	// after them. It must not wait for the save: the session reports
	// durability later with an EventSaved carrying a version at least this
	// one. An edit naming an unknown cell is ErrInvalid and nothing of the
	// batch is applied.
	Edit(ctx context.Context, edits []Edit) (version int64, err error)
	// Save writes the notebook now and returns once it is durable, with the
	// version saved.
	Save(ctx context.Context) (version int64, err error)

	// Execute queues the cells for execution in the given order and returns
	// at once; the session reports progress with EventStatus events
	// (queued, running, then done, error or interrupted). Executing a
	// markdown cell is a no-op that reports done.
	Execute(ctx context.Context, cellIDs []string) error
	// Interrupt stops the running execution and drops the queued ones.
	Interrupt(ctx context.Context) error
	// Restart interrupts, then forgets every let binding and named result.
	Restart(ctx context.Context) error

	// Result returns a result the session still holds (ErrNotFound when it
	// does not, for example after a restart).
	Result(ctx context.Context, id string) (Result, error)

	// Complete proposes completions at a position of a cell's source, with
	// the let bindings of the cells above it and the workspace catalog.
	Complete(ctx context.Context, req CompletionRequest) (*Completions, error)
	// Diagnose parses and checks a cell's source (not yet saved, as typed)
	// and returns its problems.
	Diagnose(ctx context.Context, cellID, source string) ([]Diagnostic, error)

	// Close saves what is unsaved and releases the session.
	Close(ctx context.Context) error
}

// Result is a query result held by the backend, read one page at a time so
// that a 10M-row result never travels whole. Page must be fast for any
// offset (the grid jumps), and should cache the sorted and filtered view it
// was last asked for since the grid asks for neighbouring pages of the same
// view.
type Result interface {
	Info() ResultInfo
	// Page returns the rows [q.Offset, q.Offset+q.Limit) of the result
	// filtered by q.Filters and q.Search and sorted by q.Sort, and the number
	// of rows that view has. An unknown column or a filter value that does
	// not convert to the column's type is ErrInvalid.
	Page(ctx context.Context, q PageQuery) (*Page, error)
}

// Errors the server maps to HTTP statuses.
var (
	ErrNotFound = errors.New("not found")
	ErrInvalid  = errors.New("invalid request")
)

// WorkspaceInfo describes the workspace for the schema sidebar.
type WorkspaceInfo struct {
	Name   string      `json:"name"`
	Tables []TableInfo `json:"tables"`
}

// TableInfo is one queryable table.
type TableInfo struct {
	Name        string         `json:"name"`
	Rows        int64          `json:"rows"`
	Description string         `json:"description,omitempty"`
	Columns     []table.Column `json:"columns"`
}

// NotebookInfo is one entry of the notebook list.
type NotebookInfo struct {
	// ID is opaque and stable while the backend runs (rename keeps it).
	ID       string    `json:"id"`
	Name     string    `json:"name"`
	Modified time.Time `json:"modified"`
	// Demo marks the notebooks that come with the demo workspace.
	Demo bool `json:"demo,omitempty"`
}

// NotebookState is an open notebook: its cells with their outputs.
type NotebookState struct {
	ID      string       `json:"id"`
	Name    string       `json:"name"`
	Version int64        `json:"version"`
	Saved   int64        `json:"saved"` // the last version known durable
	Cells   []*CellState `json:"cells"`
}

// CellState is one cell as the browser shows it.
type CellState struct {
	ID       string            `json:"id"`
	Type     notebook.CellType `json:"type"`
	Source   string            `json:"source"`
	Metadata notebook.Metadata `json:"metadata,omitempty"`
	// Attachments of a markdown cell (images the markdown links as
	// attachment:NAME).
	Attachments    map[string]notebook.MIMEBundle `json:"-"`
	ExecutionCount *int                           `json:"executionCount,omitempty"`
	// Status of the last execution; empty when the cell never ran.
	Status  CellStatus `json:"status,omitempty"`
	Outputs []Output   `json:"outputs"`
}

// CellStatus is where a cell is in its execution.
type CellStatus string

// The statuses of an execution, in the order they happen.
const (
	StatusQueued      CellStatus = "queued"
	StatusRunning     CellStatus = "running"
	StatusDone        CellStatus = "done"
	StatusError       CellStatus = "error"
	StatusInterrupted CellStatus = "interrupted"
)

// Output is one output of a cell. Exactly one of its parts is set, by Type.
// HTML is raw from the backend: the server sanitises it before any browser
// sees it, as it does markdown.
type Output struct {
	Type   OutputType  `json:"type"`
	Result *ResultInfo `json:"result,omitempty"` // OutputResult
	HTML   string      `json:"html,omitempty"`   // OutputHTML
	Text   string      `json:"text,omitempty"`   // OutputText
	Error  *QueryError `json:"error,omitempty"`  // OutputError
}

// OutputType says which part of an Output is set.
type OutputType string

// The output types.
const (
	// OutputResult is a table result, paged through Session.Result.
	OutputResult OutputType = "result"
	// OutputHTML is HTML (a stored output of a notebook from disk, a
	// message of a plugin); sanitised by the server.
	OutputHTML OutputType = "html"
	// OutputText is plain text.
	OutputText OutputType = "text"
	// OutputError is a failed execution.
	OutputError OutputType = "error"
)

// ResultInfo describes a result without its rows.
type ResultInfo struct {
	// ID names the result for Session.Result. A result restored from a
	// notebook file has an ID as well (its stored rows are its rows).
	ID      string         `json:"id"`
	Name    string         `json:"name,omitempty"` // the name the analyst gave it (_3, suspects)
	Columns []table.Column `json:"columns"`
	// Rows is the number of rows of the result.
	Rows int64 `json:"rows"`
	// Partial says the backend holds only the first rows of a larger result
	// (a result restored from a notebook file); TotalRows is the full count.
	Partial       bool                 `json:"partial,omitempty"`
	TotalRows     int64                `json:"totalRows,omitempty"`
	Visualization *table.Visualization `json:"visualization,omitempty"`
}

// QueryError is why an execution failed, positioned in the cell's source
// when the error has a position (Line and Col are 1-based, 0 when unknown;
// Col counts bytes, as the Go parser does).
type QueryError struct {
	Message string `json:"message"`
	Line    int    `json:"line,omitempty"`
	Col     int    `json:"col,omitempty"`
	EndLine int    `json:"endLine,omitempty"`
	EndCol  int    `json:"endCol,omitempty"`
}

// Edit is one change the browser made to the notebook. Fields beyond Op and
// CellID are read according to Op.
type Edit struct {
	Op     EditOp `json:"op"`
	CellID string `json:"cellId"`
	// Index is where EditInsert puts the new cell and where EditMove moves
	// the cell (its index after the move).
	Index int `json:"index,omitempty"`
	// CellType is the type of an inserted cell or the new type (EditType).
	CellType notebook.CellType `json:"cellType,omitempty"`
	// Source is the whole new source (EditInsert, EditSource).
	Source string `json:"source,omitempty"`
	// Metadata replaces the cell's metadata (EditMetadata).
	Metadata notebook.Metadata `json:"metadata,omitempty"`
}

// EditOp is the kind of an Edit.
type EditOp string

// The edit operations. EditInsert carries the new cell's ID, made by the
// browser (notebook.NewCellID's form), so later edits can name it at once.
const (
	EditInsert   EditOp = "insert"
	EditDelete   EditOp = "delete"
	EditMove     EditOp = "move"
	EditSource   EditOp = "source"
	EditType     EditOp = "type"
	EditMetadata EditOp = "metadata"
)

// Event is something a session did on its own.
type Event struct {
	Type EventType `json:"type"`
	// EventStatus
	CellID         string     `json:"cellId,omitempty"`
	Status         CellStatus `json:"status,omitempty"`
	Started        time.Time  `json:"started,omitzero"`
	Elapsed        Duration   `json:"elapsed,omitempty"` // done, error, interrupted
	ExecutionCount *int       `json:"executionCount,omitempty"`
	// Rows of the result (done), Outputs the cell's new outputs (done,
	// error, interrupted).
	Rows    int64    `json:"rows,omitempty"`
	Outputs []Output `json:"outputs,omitempty"`
	// EventSaved: every edit up to Version is durable on disk.
	Version int64 `json:"version,omitempty"`
	// EventKernel: State is "idle", "busy" or "restarting".
	State string `json:"state,omitempty"`
	// EventSaveFailed: why.
	Message string `json:"message,omitempty"`
}

// EventType is the kind of an Event.
type EventType string

// The event types.
const (
	EventStatus     EventType = "status"
	EventSaved      EventType = "saved"
	EventSaveFailed EventType = "saveFailed"
	EventKernel     EventType = "kernel"
)

// Duration is a time.Duration that travels as milliseconds in JSON.
type Duration time.Duration

// MarshalJSON writes the duration as (fractional) milliseconds.
func (d Duration) MarshalJSON() ([]byte, error) {
	return []byte(formatMillis(time.Duration(d))), nil
}

// UnmarshalJSON reads milliseconds.
func (d *Duration) UnmarshalJSON(b []byte) error {
	var ms float64
	if err := json.Unmarshal(b, &ms); err != nil {
		return err
	}
	*d = Duration(ms * float64(time.Millisecond))
	return nil
}

// PageQuery selects a page of a result's view.
type PageQuery struct {
	Offset  int64          `json:"offset"`
	Limit   int            `json:"limit"`
	Sort    []SortKey      `json:"sort,omitempty"`
	Filters []ColumnFilter `json:"filters,omitempty"`
	// Search keeps the rows where any column's text (table.FormatValue)
	// contains Search, case-insensitively.
	Search string `json:"search,omitempty"`
}

// SortKey sorts by one column; nulls sort first ascending, last descending
// (as Kusto's sort does).
type SortKey struct {
	Column string `json:"column"`
	Desc   bool   `json:"desc,omitempty"`
}

// ColumnFilter keeps the rows whose column satisfies Op Value. Value is text
// converted to the column's type (datetime and timespan in Kusto's forms);
// contains and notcontains compare the text form case-insensitively, empty
// and notempty ignore Value.
type ColumnFilter struct {
	Column string   `json:"column"`
	Op     FilterOp `json:"op"`
	Value  string   `json:"value,omitempty"`
}

// FilterOp is a column filter's comparison.
type FilterOp string

// The filter operations.
const (
	FilterContains    FilterOp = "contains"
	FilterNotContains FilterOp = "notcontains"
	FilterEq          FilterOp = "eq"
	FilterNe          FilterOp = "ne"
	FilterLt          FilterOp = "lt"
	FilterLe          FilterOp = "le"
	FilterGt          FilterOp = "gt"
	FilterGe          FilterOp = "ge"
	FilterEmpty       FilterOp = "empty"
	FilterNotEmpty    FilterOp = "notempty"
)

// Page is a slice of a result's view. Rows hold table's Go values.
type Page struct {
	Offset int64   `json:"offset"`
	Total  int64   `json:"total"` // rows in the filtered view
	Rows   [][]any `json:"rows"`
}

// CompletionRequest asks for completions at Pos, a byte offset into Source.
type CompletionRequest struct {
	CellID string
	Source string
	Pos    int
}

// Completions replace the bytes [From, To) of the source with one of Items.
type Completions struct {
	From  int          `json:"from"`
	To    int          `json:"to"`
	Items []Completion `json:"items"`
}

// Completion is one proposal.
type Completion struct {
	Label string `json:"label"`
	// Kind is table, column, function, operator, keyword or variable.
	Kind   string `json:"kind"`
	Detail string `json:"detail,omitempty"` // a column's type, a function's signature
	Doc    string `json:"doc,omitempty"`
	// Insert is the text to insert when it differs from Label (a quoted
	// column name ['Event ID'], a function with its parentheses).
	Insert string `json:"insert,omitempty"`
}

// Diagnostic is a problem in a cell's source, between the byte offsets From
// and To (To > From; the browser underlines them).
type Diagnostic struct {
	From     int    `json:"from"`
	To       int    `json:"to"`
	Severity string `json:"severity"` // error, warning, info
	Message  string `json:"message"`
}

// HistoryQuery selects journal entries.
type HistoryQuery struct {
	// NotebookID keeps one notebook's executions; empty means all.
	NotebookID string
	// Search keeps the entries whose query contains it, case-insensitively.
	Search string
	// Before keeps entries older than this time (paging); zero means now.
	Before time.Time
	Limit  int
}

// HistoryEntry is one execution from the journal.
type HistoryEntry struct {
	ID           string    `json:"id"`
	Time         time.Time `json:"time"`
	NotebookID   string    `json:"notebookId,omitempty"`
	NotebookName string    `json:"notebookName,omitempty"`
	CellID       string    `json:"cellId,omitempty"`
	Query        string    `json:"query"`
	Elapsed      Duration  `json:"elapsed"`
	Rows         int64     `json:"rows"`
	Error        string    `json:"error,omitempty"`
}
