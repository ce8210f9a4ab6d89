package app

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/huntbook/huntbook/notebook"
	"github.com/huntbook/huntbook/render"
	"github.com/huntbook/huntbook/session"
)

// RunOptions tune a headless notebook run.
type RunOptions struct {
	// Parameters override the lets of the cell tagged "parameters"
	// (name → value as typed after -p; see session.InferLiteral).
	Parameters map[string]string
	// Render shapes the stored outputs (rows kept in the HTML table, chart
	// size). The zero value gives render's defaults.
	Render render.Options
	// Progress, when set, is called after every executed code cell with
	// its index in the notebook.
	Progress func(index int, e *session.Execution)
}

// CellError is a run's failure: the cell that failed and why.
type CellError struct {
	Index     int    // 0-based index of the cell in the notebook
	FirstLine string // the cell's first non-blank line
	Err       error
}

func (e *CellError) Error() string {
	return fmt.Sprintf("cell %d (%s): %v", e.Index+1, e.FirstLine, e.Err)
}

func (e *CellError) Unwrap() error { return e.Err }

// ErrNoParametersCell is returned when parameters are given for a
// notebook that has no cell tagged "parameters".
var ErrNoParametersCell = errors.New(`the notebook has no cell tagged "parameters" to override`)

// RunNotebook executes the code cells of nb top to bottom in sess, as
// papermill does: it clears every code cell's outputs first, then stores
// each cell's execution count and outputs (parameter warnings on stderr,
// the result as an execute_result MIME bundle: text, an HTML table of the
// first rows with the total, or an SVG chart and a vega-lite spec). It
// stops at the first failing cell, which gets an error output, and returns
// a *CellError naming it. Markdown and raw cells are not run. The
// parameters applied are recorded in nb.Metadata["huntbook"]["parameters"].
func RunNotebook(ctx context.Context, sess *session.Session, nb *notebook.Notebook, opts RunOptions) error {
	params := nb.ParametersCell()
	if len(opts.Parameters) > 0 && params < 0 {
		return ErrNoParametersCell
	}
	sess.SetParameters(opts.Parameters)
	for _, c := range nb.Cells {
		if c.Type == notebook.Code {
			c.Outputs, c.ExecutionCount = nil, nil
		}
	}
	recordRun(nb, opts.Parameters)
	for i, c := range nb.Cells {
		if c.Type != notebook.Code || strings.TrimSpace(c.Source) == "" {
			continue
		}
		e, err := sess.Run(ctx, session.Cell{Source: c.Source, Parameters: i == params})
		if e != nil {
			n := e.N
			c.ExecutionCount = &n
			for _, w := range e.Warnings {
				c.Outputs = append(c.Outputs, &notebook.Output{Type: notebook.Stream, Name: "stderr", Text: "warning: " + w + "\n"})
			}
		}
		if err == nil {
			err = storeResult(c, e, opts.Render)
		}
		if opts.Progress != nil && e != nil {
			opts.Progress(i, e)
		}
		if err != nil {
			c.Outputs = append(c.Outputs, errorOutput(c.Source, err))
			return &CellError{Index: i, FirstLine: firstLine(c.Source), Err: err}
		}
	}
	return nil
}

// storeResult adds a cell's result as its execute_result.
func storeResult(c *notebook.Cell, e *session.Execution, ro render.Options) error {
	b, chartErr, err := Bundle(e, ro)
	if err != nil {
		return err
	}
	if chartErr != nil {
		c.Outputs = append(c.Outputs, &notebook.Output{Type: notebook.Stream, Name: "stderr", Text: "chart: " + chartErr.Error() + "\n"})
	}
	if b != nil {
		n := e.N
		c.Outputs = append(c.Outputs, &notebook.Output{Type: notebook.ExecuteResult, ExecutionCount: &n, Data: b, Metadata: notebook.Metadata{}})
	}
	return nil
}

// errorOutput is the error output of a failed cell: the class, the
// message and the offending line with a caret (plain text, so the report
// shows it as it is).
func errorOutput(src string, err error) *notebook.Output {
	ee := ExecError(err)
	tb := []string{ee.Name + ": " + ee.Value}
	lines := strings.Split(src, "\n")
	if ee.Line >= 1 && ee.Line <= len(lines) {
		line := strings.TrimRight(lines[ee.Line-1], "\r")
		gutter := strconv.Itoa(ee.Line)
		tb = append(tb,
			fmt.Sprintf("%s--> line %d, column %d", strings.Repeat(" ", len(gutter)), ee.Line, ee.Column),
			gutter+" | "+line,
			strings.Repeat(" ", len(gutter))+" |"+strings.Repeat(" ", max(ee.Column, 1))+"^",
		)
	}
	return &notebook.Output{Type: notebook.Error, EName: ee.Name, EValue: ee.Value, Traceback: tb}
}

// recordRun notes in the notebook's metadata when it was run and with
// which parameters, so the executed notebook says how it was made.
func recordRun(nb *notebook.Notebook, params map[string]string) {
	if nb.Metadata == nil {
		nb.Metadata = notebook.Metadata{}
	}
	meta, _ := nb.Metadata["huntbook"].(map[string]any)
	if meta == nil {
		meta = map[string]any{}
	}
	p := map[string]any{}
	for k, v := range params {
		p[k] = v
	}
	meta["parameters"] = p
	meta["run_at"] = time.Now().UTC().Format(time.RFC3339)
	nb.Metadata["huntbook"] = meta
}

// firstLine is a cell's first non-blank line, shortened for a message.
func firstLine(src string) string {
	for _, l := range strings.Split(src, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			if r := []rune(l); len(r) > 60 {
				l = string(r[:57]) + "..."
			}
			return l
		}
	}
	return ""
}
