package kernel

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
)

type executeContent struct {
	Code            string         `json:"code"`
	Silent          bool           `json:"silent"`
	StoreHistory    *bool          `json:"store_history"` // default true
	UserExpressions map[string]any `json:"user_expressions"`
	AllowStdin      bool           `json:"allow_stdin"`
	StopOnError     *bool          `json:"stop_on_error"` // default true
}

// The three shapes of execute_reply. user_expressions and payload are required
// (empty) in an ok reply; the error fields only in an error reply.
type executeOK struct {
	Status          string         `json:"status"`
	ExecutionCount  int            `json:"execution_count"`
	UserExpressions map[string]any `json:"user_expressions"`
	Payload         []any          `json:"payload"`
}

type executeFailed struct {
	Status         string   `json:"status"`
	ExecutionCount int      `json:"execution_count"`
	Ename          string   `json:"ename"`
	Evalue         string   `json:"evalue"`
	Traceback      []string `json:"traceback"`
}

type executeAborted struct {
	Status         string `json:"status"`
	ExecutionCount int    `json:"execution_count"`
}

type errorContent struct {
	Ename     string   `json:"ename"`
	Evalue    string   `json:"evalue"`
	Traceback []string `json:"traceback"`
}

type displayContent struct {
	Data     map[string]any `json:"data"`
	Metadata map[string]any `json:"metadata"`
}

type executeResult struct {
	ExecutionCount int            `json:"execution_count"`
	Data           map[string]any `json:"data"`
	Metadata       map[string]any `json:"metadata"`
}

// execute runs one execute_request: execute_input, the outputs as the session
// emits them, execute_result or error, then execute_reply. After a failure
// with stop_on_error, the execute_requests already received are aborted.
func (k *Kernel) execute(ctx context.Context, req *Message, seq uint64) {
	var c executeContent
	if err := decodeContent(req, &c); err != nil {
		k.badRequest(k.shell, req, err)
		return
	}
	if seq <= k.abortThrough {
		k.reply(k.shell, req, "execute_reply", executeAborted{Status: "aborted", ExecutionCount: k.count})
		return
	}
	store := (c.StoreHistory == nil || *c.StoreHistory) && !c.Silent
	if store {
		k.count++
	}
	if !c.Silent {
		k.publish(req, "execute_input", map[string]any{"code": c.Code, "execution_count": k.count})
	}

	value, err, cause := k.runCell(ctx, req, ExecuteRequest{Code: c.Code, Count: k.count, Silent: c.Silent, StoreHistory: store})
	if cause != nil && err != nil {
		// However Execute phrased its failure after its context was
		// cancelled, the user asked for the interruption and should see it
		// as such. (A cell that completed despite a late interrupt keeps its
		// result.)
		err = interruptionError(cause)
	}
	if err != nil {
		if c.StopOnError == nil || *c.StopOnError {
			// Before any reply: a request the client sends once it sees
			// this failure must not count as already waiting.
			k.abortThrough = k.lastSeq.Load()
		}
		e := asExecError(err)
		tb := formatTraceback(c.Code, e)
		if !c.Silent {
			k.publish(req, "error", errorContent{Ename: e.Name, Evalue: e.Value, Traceback: tb})
		}
		k.reply(k.shell, req, "execute_reply", executeFailed{
			Status: "error", ExecutionCount: k.count, Ename: e.Name, Evalue: e.Value, Traceback: tb,
		})
		return
	}
	if value != nil && !c.Silent {
		k.publish(req, "execute_result", executeResult{
			ExecutionCount: k.count, Data: nonNilMap(value.Data), Metadata: nonNilMap(value.Metadata),
		})
	}
	k.reply(k.shell, req, "execute_reply", executeOK{
		Status: "ok", ExecutionCount: k.count,
		UserExpressions: userExpressions(c.UserExpressions), Payload: []any{},
	})
}

// runCell calls Session.Execute with a context the control channel can
// cancel. cause is non-nil when the cell was interrupted or the kernel is
// shutting down.
func (k *Kernel) runCell(ctx context.Context, req *Message, er ExecuteRequest) (value *Display, err, cause error) {
	cellCtx, cancel := context.WithCancelCause(ctx)
	k.execMu.Lock()
	k.cancelExec = cancel
	k.execMu.Unlock()
	em := &emitter{k: k, req: req, silent: er.Silent}
	value, err = protect(k, "Execute", func() (*Display, error) { return k.sess.Execute(cellCtx, er, em.emit) })
	em.close()
	k.execMu.Lock()
	k.cancelExec = nil
	k.execMu.Unlock()
	if cellCtx.Err() != nil {
		cause = context.Cause(cellCtx)
		if errors.Is(cause, context.Canceled) && ctx.Err() != nil {
			cause = errShutdown // the kernel's own context ended
		}
	}
	cancel(nil)
	return value, err, cause
}

// emitter publishes a cell's outputs while it runs and drops any emitted after
// Execute returned, so outputs never follow the cell's reply.
type emitter struct {
	k      *Kernel
	req    *Message
	silent bool
	mu     sync.Mutex
	done   bool
}

func (e *emitter) emit(o Output) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.done || e.silent {
		return
	}
	switch o := o.(type) {
	case *Display:
		if o != nil {
			e.k.publish(e.req, "display_data", displayContent{Data: nonNilMap(o.Data), Metadata: nonNilMap(o.Metadata)})
		}
	case *Stream:
		if o != nil && o.Text != "" {
			name := o.Name
			if name != "stderr" {
				name = "stdout"
			}
			e.k.publish(e.req, "stream", map[string]string{"name": name, "text": o.Text})
		}
	}
}

func (e *emitter) close() {
	e.mu.Lock()
	e.done = true
	e.mu.Unlock()
}

// userExpressions answers the expressions a client asked to evaluate after the
// cell: KQL has no expression side channel, so each one reports an error
// rather than being silently absent.
func userExpressions(req map[string]any) map[string]any {
	out := make(map[string]any, len(req))
	for name := range req {
		out[name] = map[string]any{
			"status": "error", "ename": "NotSupported",
			"evalue": "user_expressions are not supported by the KQL kernel", "traceback": []string{},
		}
	}
	return out
}

func interruptionError(cause error) *ExecError {
	if errors.Is(cause, errShutdown) {
		return &ExecError{Name: "Interrupted", Value: "the kernel is shutting down", Err: cause}
	}
	return &ExecError{Name: "Interrupted", Value: "the cell was interrupted", Err: cause}
}

// asExecError gives any error the ename/evalue shape of the protocol.
func asExecError(err error) *ExecError {
	var e *ExecError
	if errors.As(err, &e) {
		if e.Name == "" {
			c := *e
			c.Name = "Error"
			return &c
		}
		return e
	}
	return &ExecError{Name: "Error", Value: err.Error(), Err: err}
}

// execErrorReply is the content of a failed complete/inspect/history reply.
func execErrorReply(err error) map[string]any {
	e := asExecError(err)
	return errorReply(e.Name, e.Value)
}

const (
	ansiRed   = "\x1b[0;31m"
	ansiGreen = "\x1b[0;32m"
	ansiBold  = "\x1b[1m"
	ansiReset = "\x1b[0m"
)

// formatTraceback renders an error the way Jupyter front ends display
// tracebacks (lines joined with newlines, ANSI colours): the error class and
// message, then, when the position is known, the offending line of the cell
// with a caret under the column.
func formatTraceback(code string, e *ExecError) []string {
	if e.Traceback != nil {
		return e.Traceback
	}
	tb := []string{ansiRed + e.Name + ansiReset + ": " + e.Value}
	lines := strings.Split(code, "\n")
	if e.Line < 1 || e.Line > len(lines) {
		return tb
	}
	src := strings.ReplaceAll(strings.TrimRight(lines[e.Line-1], "\r"), "\t", " ")
	gutter := strconv.Itoa(e.Line)
	pad := strings.Repeat(" ", len(gutter))
	col := clamp(e.Column, 1, len([]rune(src))+1)
	tb = append(tb,
		fmt.Sprintf("%s--> line %d, column %d", pad, e.Line, e.Column),
		fmt.Sprintf("%s%s |%s %s", ansiBold, gutter, ansiReset, src),
		fmt.Sprintf("%s |%s%s^%s", pad, strings.Repeat(" ", col), ansiGreen, ansiReset),
	)
	return tb
}
