package session

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/huntbook/huntbook/engine"
	"github.com/huntbook/huntbook/kql/sema"
	"github.com/huntbook/huntbook/kql/syntax"
	"github.com/huntbook/huntbook/table"
)

// DefaultTruncationMaxRecords is Kusto's default result-set limit: a
// query's result is cut to this many rows unless the cell says
// `set truncationmaxrecords = N;` or `set notruncation;`.
const DefaultTruncationMaxRecords = 500_000

// rowLimit is the result-set limit of one cell and where the session
// splices the `take` that enforces it into the cell's text.
type rowLimit struct {
	max    int64  // 0: no limit
	at     int    // byte offset of the splice in the source, -1: no query
	insert string // text spliced in at `at`
}

// cellLimit reads the cell's `set` statements and decides its row limit
// (def when the cell sets none; def <= 0 means no limit). A script that
// does not parse gets no limit: the run reports the syntax error.
func cellLimit(src string, def int64) (rowLimit, error) {
	lim := rowLimit{max: def, at: -1}
	if def < 0 {
		lim.max = 0
	}
	script, err := syntax.Parse(src)
	if err != nil || len(script.Stmts) == 0 {
		return lim, nil
	}
	lines := syntax.NewLineIndex(src)
	for _, st := range script.Stmts {
		set, ok := st.(*syntax.SetStmt)
		if !ok || set.Name == nil {
			continue
		}
		if err := applySet(&lim, set, lines); err != nil {
			return lim, err
		}
	}
	if lim.max > 0 {
		lim.at, lim.insert = takeSplice(src, script, lim.max+1)
	}
	return lim, nil
}

// applySet applies one of the two request options the session implements;
// the others are left to the analyser (which accepts the harmless ones).
func applySet(lim *rowLimit, set *syntax.SetStmt, lines *syntax.LineIndex) error {
	fail := func(n syntax.Node, format string, args ...any) error {
		return &sema.Error{Span: n.Range(), Pos: lines.Position(n.Range().Start), Msg: fmt.Sprintf(format, args...)}
	}
	switch set.Name.Name {
	case "notruncation":
		on := true
		if set.Value != nil {
			lit, ok := set.Value.(*syntax.Literal)
			if !ok || lit.Type != table.Bool || lit.Value == nil {
				return fail(set.Value, "set notruncation takes true or false")
			}
			on = lit.Value.(bool)
		}
		if on {
			lim.max = 0
		}
	case "truncationmaxrecords":
		n, ok := int64(0), false
		if lit, isLit := set.Value.(*syntax.Literal); isLit {
			n, ok = literalCount(lit)
		}
		if !ok {
			node := syntax.Node(set)
			if set.Value != nil {
				node = set.Value
			}
			return fail(node, "set truncationmaxrecords takes a whole number of rows (set truncationmaxrecords = 1000;)")
		}
		lim.max = n
	}
	return nil
}

// literalCount is the non-negative integer a literal holds.
func literalCount(lit *syntax.Literal) (int64, bool) {
	switch v := lit.Value.(type) {
	case int64:
		return v, v >= 0
	case int32:
		return int64(v), v >= 0
	}
	return 0, false
}

// takeSplice returns where to put a `take n` in the script's query and the
// text to put there: before the trailing `as` and `render` operators (so
// the named result and the chart hold the limited rows), else after the
// query. A script without a query gets none (-1).
func takeSplice(src string, script *syntax.Script, n int64) (int, string) {
	stmt, ok := script.Stmts[len(script.Stmts)-1].(*syntax.ExprStmt)
	if !ok || stmt.X == nil {
		return -1, ""
	}
	take := "take " + strconv.FormatInt(n, 10)
	if p, ok := stmt.X.(*syntax.Pipeline); ok {
		i := len(p.Ops)
		for i > 0 && isTrailingOp(p.Ops[i-1]) {
			i--
		}
		if i < len(p.Ops) {
			return p.Ops[i].Range().Start, take + " | "
		}
	}
	return stmt.X.Range().End, " | " + take
}

func isTrailingOp(op syntax.Operator) bool {
	switch op.(type) {
	case *syntax.AsOp, *syntax.RenderOp:
		return true
	}
	return false
}

// text is the source that runs: the cell's with the limiting take spliced in.
func (l rowLimit) text(src string) string {
	if l.at < 0 {
		return src
	}
	return src[:l.at] + l.insert + src[l.at:]
}

// unshift maps a semantic error's position in the spliced text back to the
// cell's own text, so the caret points where the analyst wrote.
func (l rowLimit) unshift(err error, src string) error {
	var se *sema.Error
	if l.at < 0 || !errors.As(err, &se) || se.Span.Start < l.at {
		return err
	}
	fixed := *se
	shift := len(l.insert)
	fixed.Span.Start = max(l.at, fixed.Span.Start-shift)
	fixed.Span.End = max(fixed.Span.Start, fixed.Span.End-shift)
	fixed.Pos = syntax.NewLineIndex(src).Position(fixed.Span.Start)
	return &fixed
}

// enforce cuts a result that went past the limit (the spliced take let one
// row more through, to tell "exactly max rows" from "more") back to max rows
// and says so in a warning.
func (s *Session) enforce(ctx context.Context, lim rowLimit, e *Execution) error {
	if lim.max <= 0 || e.Rows <= lim.max {
		return nil
	}
	stmt := fmt.Sprintf("DELETE FROM %s WHERE rowid >= %d", engine.ResultTable(e.Ref), lim.max)
	if err := s.ws.DB.Exec(ctx, stmt); err != nil {
		return fmt.Errorf("truncating the result: %w", err)
	}
	e.Rows, e.Limited = lim.max, true
	if int64(len(e.Table.Rows)) > lim.max {
		e.Table.Rows = e.Table.Rows[:lim.max]
	}
	e.Truncated = int64(len(e.Table.Rows)) < e.Rows
	e.Warnings = append(e.Warnings, truncationWarning(lim.max))
	return nil
}

// truncationWarning tells the analyst the result is cut and how to lift it.
func truncationWarning(n int64) string {
	return fmt.Sprintf("the result was truncated to %s rows (the result-set limit); "+
		"add `set truncationmaxrecords = N;` before the query to change the limit, "+
		"or `set notruncation;` to remove it", groupThousands(n))
}

// groupThousands writes n as 500,000.
func groupThousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
