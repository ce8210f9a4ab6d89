package session

import (
	"context"
	"strings"

	"github.com/huntbook/huntbook/engine/exec"
	"github.com/huntbook/huntbook/kql/sema"
	"github.com/huntbook/huntbook/kql/syntax"
	"github.com/huntbook/huntbook/table"
)

// Completion kinds (CompletionItem.Kind).
const (
	KindTable    = "table"    // a stored table of the workspace
	KindColumn   = "column"   // a column of the pipeline's input at the cursor
	KindFunction = "function" // a built-in or let-bound function
	KindOperator = "operator" // a tabular operator (after |)
	KindKeyword  = "keyword"  // let, by, and, ...
	KindVariable = "variable" // a scalar let
	KindResult   = "result"   // a tabular let or a cell result (_, _N, a named result)
)

// Completion is the answer to Complete: Items replace src[Start:End]
// (byte offsets; the word around the cursor).
type Completion struct {
	Start, End int
	Items      []CompletionItem
}

// CompletionItem is one suggestion.
type CompletionItem struct {
	Label  string `json:"label"`
	Kind   string `json:"kind"`
	Detail string `json:"detail,omitempty"` // a column's type, a table's row count
}

// maxCompletions bounds a completion list.
const maxCompletions = 300

// statementKeywords start a statement or a source.
var statementKeywords = []string{"let", "print", "datatable", "range", "union", "search", "find", "declare", "set", "materialize", "toscalar"}

// clauseKeywords appear inside operators.
var clauseKeywords = []string{"and", "or", "not", "by", "on", "with", "kind", "asc", "desc", "in", "in~", "!in", "has", "!has",
	"has_any", "has_all", "contains", "!contains", "startswith", "endswith", "between", "matches regex", "to", "step", "from"}

// Complete suggests what can be typed at byte offset cursor of src: after
// `|` the tabular operators; at the start of a statement or source the
// tables, results and lets; elsewhere the columns of the pipeline's input
// (found by analysing the text before the last `|`), scalar lets,
// functions and keywords. Only suggestions starting with the word typed
// so far (case-insensitively) are kept.
func (s *Session) Complete(ctx context.Context, src string, cursor int) (Completion, error) {
	cursor = max(0, min(cursor, len(src)))
	start, end := wordAround(src, cursor)
	prefix := strings.ToLower(src[start:cursor])
	cx := completionContext(src, start)
	var items []CompletionItem
	add := func(kind, detail string, labels ...string) {
		for _, l := range labels {
			if strings.HasPrefix(strings.ToLower(l), prefix) {
				items = append(items, CompletionItem{Label: l, Kind: kind, Detail: detail})
			}
		}
	}
	s.mu.Lock()
	env := s.env
	s.mu.Unlock()
	names := s.Names()
	if err := s.cat.refresh(ctx); err != nil {
		return Completion{}, err
	}
	switch {
	case cx.inText:
	case cx.afterPipe:
		add(KindOperator, "", syntax.OperatorWords()...)
	case cx.source:
		if err := s.addTables(ctx, add); err != nil {
			return Completion{}, err
		}
		add(KindResult, "", names.Tables...)
		add(KindFunction, "", names.Functions...)
		add(KindFunction, "stored function", s.cat.FunctionNames()...)
		add(KindKeyword, "", statementKeywords...)
	default:
		for _, c := range s.columnsAt(ctx, env, src, cx) {
			add(KindColumn, c.Type.String(), c.Name)
		}
		add(KindVariable, "", names.Scalars...)
		add(KindFunction, "", names.Functions...)
		for _, f := range sema.Functions() {
			add(KindFunction, "", f.Name)
		}
		add(KindKeyword, "", clauseKeywords...)
		add(KindResult, "", names.Tables...)
	}
	items = dedupe(items)
	if len(items) > maxCompletions {
		items = items[:maxCompletions]
	}
	return Completion{Start: start, End: end, Items: items}, nil
}

// addTables offers the stored tables first, then the known-but-empty
// Sentinel tables (queryable, they read as empty).
func (s *Session) addTables(ctx context.Context, add func(kind, detail string, labels ...string)) error {
	infos, err := s.ws.Tables(ctx)
	if err != nil {
		return err
	}
	for _, t := range infos {
		if t.Stored {
			add(KindTable, table.FormatValue(t.Rows)+" rows", t.Name)
		}
	}
	for _, t := range infos {
		if !t.Stored {
			add(KindTable, "no data", t.Name)
		}
	}
	return nil
}

// dedupe keeps the first item of each label (the list is in priority order).
func dedupe(items []CompletionItem) []CompletionItem {
	seen := map[string]bool{}
	out := items[:0]
	for _, it := range items {
		if !seen[it.Label] {
			seen[it.Label] = true
			out = append(out, it)
		}
	}
	return out
}

func isWordByte(c byte) bool {
	return c == '_' || c == '-' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// wordAround returns the byte range of the word the cursor is in or at
// the end of. A hyphen belongs to a word (project-away) but not at its start.
func wordAround(src string, cursor int) (start, end int) {
	start, end = cursor, cursor
	for start > 0 && isWordByte(src[start-1]) {
		start--
	}
	for start < cursor && src[start] == '-' {
		start++
	}
	for end < len(src) && isWordByte(src[end]) {
		end++
	}
	return start, end
}

// cursorPlace is where a word being completed stands.
type cursorPlace struct {
	afterPipe bool // the word follows | : an operator
	source    bool // the word starts a statement or a parenthesised query
	stmtStart int  // byte offset of the statement holding the cursor
	segStart  int  // start of the innermost (...) around the cursor, or stmtStart
	lastPipe  int  // the last | of the segment before the word, or -1
	inText    bool // the cursor is inside a string or a comment: nothing to offer
}

// completionContext scans the tokens before the word at start.
func completionContext(src string, start int) cursorPlace {
	toks, _ := syntax.Tokenize(src[:start])
	cx := cursorPlace{lastPipe: -1}
	type open struct{ pos, lastPipe int }
	var stack []open
	var prev *syntax.Token
	pipeOp := "" // the operator word after the segment's last |
	for i := range toks {
		t := &toks[i]
		if (t.Kind == syntax.Comment || t.Kind == syntax.String || t.Kind == syntax.Illegal) && t.Span.End == start {
			cx.inText = true // inside a comment or a string (maybe unterminated)
		}
		switch t.Kind {
		case syntax.Comment, syntax.EOF:
			continue
		case syntax.Semi:
			if len(stack) == 0 {
				cx.stmtStart, cx.segStart, cx.lastPipe = t.Span.End, t.Span.End, -1
			}
		case syntax.LParen, syntax.LBrack, syntax.LBrace:
			stack = append(stack, open{t.Span.End, cx.lastPipe})
			cx.segStart, cx.lastPipe = t.Span.End, -1
		case syntax.RParen, syntax.RBrack, syntax.RBrace:
			if n := len(stack); n > 0 {
				cx.lastPipe = stack[n-1].lastPipe
				stack = stack[:n-1]
				cx.segStart = cx.stmtStart
				if n > 1 {
					cx.segStart = stack[n-2].pos
				}
			}
		case syntax.Pipe:
			cx.lastPipe = t.Span.Start
			pipeOp = ""
		case syntax.Word:
			if prev != nil && prev.Kind == syntax.Pipe {
				pipeOp = t.Text
			}
		}
		prev = t
	}
	switch {
	case prev == nil:
		cx.source = true
	case prev.Kind == syntax.Pipe:
		cx.afterPipe = true
	case prev.Kind == syntax.Semi || prev.Kind == syntax.LParen || prev.Kind == syntax.Comma && cx.lastPipe < 0:
		cx.source = true
	case prev.Kind == syntax.Assign && cx.lastPipe < 0 && strings.HasPrefix(strings.TrimSpace(src[cx.segStart:]), "let "):
		cx.source = true
	case prev.Kind == syntax.Word && prev.Text != "on" && (isSourceOperator(prev.Text) || isSourceOperator(pipeOp)):
		// join T, join kind=inner T, union T1, T2
		cx.source = true
	}
	return cx
}

// isSourceOperator: operators followed by a table name.
func isSourceOperator(w string) bool {
	switch w {
	case "join", "union", "lookup", "in", "from":
		return true
	}
	return false
}

// columnsAt analyses the pipeline before the cursor's last | and returns
// its columns; nil when that text does not analyse.
func (s *Session) columnsAt(ctx context.Context, env *exec.Env, src string, cx cursorPlace) []table.Column {
	if cx.lastPipe < 0 {
		return nil
	}
	body := src[cx.segStart:cx.lastPipe]
	if cx.segStart == cx.stmtStart {
		body = stripLet(body)
	}
	text := src[:cx.stmtStart] + "\n" + body
	c, err := s.x.Compile(ctx, text, env, exec.RunOptions{})
	if err != nil || c.Analysis == nil || c.Analysis.Query == nil {
		return nil
	}
	return c.Analysis.Query.Schema()
}

// stripLet drops a leading `let Name =` so the rest analyses as a query.
func stripLet(body string) string {
	t := strings.TrimLeft(body, " \t\r\n")
	if !strings.HasPrefix(t, "let ") {
		return body
	}
	if i := strings.Index(t, "="); i >= 0 {
		return t[i+1:]
	}
	return body
}

func operatorWordsList() []string { return syntax.OperatorWords() }
