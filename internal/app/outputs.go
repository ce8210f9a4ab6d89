// Package app holds the adapters that put the notebook session behind the
// front ends that do not know KQL: the Jupyter kernel (kernel.Session),
// headless notebook runs (`huntbook run`) and the choice and opening of a
// workspace. internal/cli wires them to commands.
package app

import (
	"errors"
	"fmt"
	"strings"

	"github.com/huntbook/huntbook/engine"
	"github.com/huntbook/huntbook/kernel"
	"github.com/huntbook/huntbook/kql/sema"
	"github.com/huntbook/huntbook/kql/syntax"
	"github.com/huntbook/huntbook/notebook"
	"github.com/huntbook/huntbook/render"
	"github.com/huntbook/huntbook/session"
)

// Bundle renders an execution's result as a MIME bundle: text/plain
// always, an HTML table, or for a query ending in a chart `render` an SVG
// chart plus a vega-lite spec. A result held only in part (the session's
// first rows of a larger result) says how many rows there are in total.
// A chart that cannot be drawn falls back to the table, and chartErr says
// why. A cell that returned no table (only lets) has a nil bundle.
func Bundle(e *session.Execution, opts render.Options) (b notebook.MIMEBundle, chartErr error, err error) {
	if e == nil || e.Table == nil {
		return nil, nil, nil
	}
	if e.Truncated {
		opts.TotalRows = e.Rows
	}
	b, err = render.Render(e.Table, opts)
	if err != nil && render.IsChartError(err) {
		return b, err, nil
	}
	return b, nil, err
}

// ExecError describes a failed execution the way a notebook shows it:
// the error class, the message and, for parse and semantic errors, the
// position in the cell.
func ExecError(err error) *kernel.ExecError {
	var ee *kernel.ExecError
	if errors.As(err, &ee) {
		return ee
	}
	out := &kernel.ExecError{Name: "QueryError", Value: err.Error(), Err: err}
	var list syntax.ErrorList
	var se *sema.Error
	switch {
	case errors.As(err, &list) && len(list) > 0:
		out.Name = "SyntaxError"
		msgs := make([]string, len(list))
		for i, e := range list {
			msgs[i] = e.Error()
		}
		out.Value = list[0].Msg
		if len(list) > 1 {
			out.Value += fmt.Sprintf(" (and %d more: %s)", len(list)-1, strings.Join(msgs[1:], "; "))
		}
		out.Line, out.Column = list[0].Pos.Line, list[0].Pos.Col
	case errors.As(err, &se):
		out.Name, out.Value = "SemanticError", se.Msg
		if se.Unsupported {
			out.Name = "UnsupportedError"
		}
		out.Line, out.Column = se.Pos.Line, se.Pos.Col
	case errors.Is(err, engine.ErrCanceled):
		out.Name = "Interrupted"
	case errors.Is(err, engine.ErrTimeout):
		out.Name = "TimeoutError"
	case errors.Is(err, engine.ErrMemoryLimit):
		out.Name = "MemoryLimitError"
	}
	return out
}
