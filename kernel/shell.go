package kernel

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/go-zeromq/zmq4"
)

// queued is a shell message with its arrival number, which stop_on_error
// uses to abort the requests that were waiting when a cell failed.
type queued struct {
	seq uint64
	msg *Message
}

// readShell moves verified shell messages into queue as they arrive, so the
// arrival order (and what was waiting when a cell failed) is known while a
// cell runs.
func (k *Kernel) readShell(queue chan<- queued) {
	var seq uint64
	for {
		m, ok := k.recv(k.shell, "shell")
		if !ok {
			return
		}
		seq++
		k.lastSeq.Store(seq)
		select {
		case queue <- queued{seq, m}:
		case <-k.sockCtx.Done():
			return
		}
	}
}

// serveShell handles shell messages one at a time, in arrival order.
func (k *Kernel) serveShell(ctx context.Context, queue <-chan queued) {
	for {
		select {
		case <-ctx.Done():
			return
		case q := <-queue:
			if ctx.Err() != nil {
				return
			}
			k.dispatchShell(ctx, q)
		}
	}
}

// dispatchShell handles one shell request between busy and idle statuses.
func (k *Kernel) dispatchShell(ctx context.Context, q queued) {
	req := q.msg
	k.busy.Add(1)
	k.publish(req, "status", statusContent{"busy"})
	defer func() {
		k.busy.Add(-1)
		k.publish(req, "status", statusContent{"idle"})
	}()
	switch t := req.Header.MsgType; t {
	case "execute_request":
		k.execute(ctx, req, q.seq)
	case "kernel_info_request":
		k.reply(k.shell, req, "kernel_info_reply", k.kernelInfo())
	case "complete_request":
		k.complete(ctx, req)
	case "inspect_request":
		k.inspect(ctx, req)
	case "is_complete_request":
		k.isComplete(req)
	case "history_request":
		k.history(ctx, req)
	case "comm_info_request":
		k.reply(k.shell, req, "comm_info_reply", commInfoReply{Status: "ok", Comms: map[string]any{}})
	case "comm_open":
		k.commOpen(req)
	case "comm_msg", "comm_close":
		// No comm is ever open (comm_open is refused), so there is nothing to route.
	case "shutdown_request", "interrupt_request":
		// Old clients send these on shell; accept them there too.
		k.controlRequest(k.shell, req)
	default:
		k.log.Warn("unknown shell message type", "type", t)
	}
}

// badRequest answers a request whose content cannot be decoded.
func (k *Kernel) badRequest(sock zmq4.Socket, req *Message, err error) {
	k.log.Warn("bad request", "type", req.Header.MsgType, "err", err)
	replyType := strings.TrimSuffix(req.Header.MsgType, "_request") + "_reply"
	k.reply(sock, req, replyType, errorReply("BadRequest", err.Error()))
}

// errorReply is the content of a failed *_reply.
func errorReply(ename, evalue string) map[string]any {
	return map[string]any{"status": "error", "ename": ename, "evalue": evalue, "traceback": []string{ename + ": " + evalue}}
}

// decodeContent unmarshals a request's content into v.
func decodeContent(req *Message, v any) error {
	if err := json.Unmarshal(req.Content, v); err != nil {
		return fmt.Errorf("%s content: %w", req.Header.MsgType, err)
	}
	return nil
}

// protect runs a Session call, turning a panic into an error so a bug in one
// request does not kill the kernel and the user's state with it.
func protect[T any](k *Kernel, call string, f func() (T, error)) (v T, err error) {
	defer func() {
		if r := recover(); r != nil {
			k.log.Error("session panicked", "call", call, "panic", r, "stack", string(debug.Stack()))
			err = &ExecError{Name: "InternalError", Value: fmt.Sprintf("huntbook bug: %s panicked: %v", call, r)}
		}
	}()
	return f()
}

type commInfoReply struct {
	Status string         `json:"status"`
	Comms  map[string]any `json:"comms"`
}

// commOpen refuses every comm: the kernel registers no comm targets. Like
// ipykernel with an unknown target, it closes the comm at once so the front
// end does not wait on it.
func (k *Kernel) commOpen(req *Message) {
	var c struct {
		CommID     string `json:"comm_id"`
		TargetName string `json:"target_name"`
	}
	if err := decodeContent(req, &c); err != nil || c.CommID == "" {
		k.log.Warn("ignoring malformed comm_open", "err", err)
		return
	}
	k.log.Info("no comm target; closing the comm", "target", c.TargetName)
	k.publish(req, "comm_close", map[string]any{"comm_id": c.CommID, "data": map[string]any{}})
}

type completeReply struct {
	Status      string         `json:"status"`
	Matches     []string       `json:"matches"`
	CursorStart int            `json:"cursor_start"`
	CursorEnd   int            `json:"cursor_end"`
	Metadata    map[string]any `json:"metadata"`
}

func (k *Kernel) complete(ctx context.Context, req *Message) {
	var c struct {
		Code      string `json:"code"`
		CursorPos *int   `json:"cursor_pos"`
	}
	if err := decodeContent(req, &c); err != nil {
		k.badRequest(k.shell, req, err)
		return
	}
	cursor := len(c.Code)
	if c.CursorPos != nil {
		cursor = byteOffset(c.Code, *c.CursorPos)
	}
	comp, err := protect(k, "Complete", func() (Completion, error) { return k.sess.Complete(ctx, c.Code, cursor) })
	if err != nil {
		k.reply(k.shell, req, "complete_reply", execErrorReply(err))
		return
	}
	start, end := clamp(comp.Start, 0, len(c.Code)), clamp(comp.End, 0, len(c.Code))
	if start > end {
		start = end
	}
	k.reply(k.shell, req, "complete_reply", completeReply{
		Status:      "ok",
		Matches:     nonNilSlice(comp.Matches),
		CursorStart: runeOffset(c.Code, start),
		CursorEnd:   runeOffset(c.Code, end),
		Metadata:    nonNilMap(comp.Metadata),
	})
}

type inspectReply struct {
	Status   string         `json:"status"`
	Found    bool           `json:"found"`
	Data     map[string]any `json:"data"`
	Metadata map[string]any `json:"metadata"`
}

func (k *Kernel) inspect(ctx context.Context, req *Message) {
	var c struct {
		Code        string `json:"code"`
		CursorPos   *int   `json:"cursor_pos"`
		DetailLevel int    `json:"detail_level"`
	}
	if err := decodeContent(req, &c); err != nil {
		k.badRequest(k.shell, req, err)
		return
	}
	cursor := len(c.Code)
	if c.CursorPos != nil {
		cursor = byteOffset(c.Code, *c.CursorPos)
	}
	in, err := protect(k, "Inspect", func() (Inspection, error) { return k.sess.Inspect(ctx, c.Code, cursor, c.DetailLevel) })
	if err != nil {
		k.reply(k.shell, req, "inspect_reply", execErrorReply(err))
		return
	}
	data := nonNilMap(in.Data)
	if !in.Found {
		data = map[string]any{}
	}
	k.reply(k.shell, req, "inspect_reply", inspectReply{Status: "ok", Found: in.Found, Data: data, Metadata: nonNilMap(in.Metadata)})
}

func (k *Kernel) isComplete(req *Message) {
	var c struct {
		Code string `json:"code"`
	}
	if err := decodeContent(req, &c); err != nil {
		k.badRequest(k.shell, req, err)
		return
	}
	type verdict struct {
		status Completeness
		indent string
	}
	v, err := protect(k, "IsComplete", func() (verdict, error) {
		s, indent := k.sess.IsComplete(c.Code)
		return verdict{s, indent}, nil
	})
	if err != nil {
		v = verdict{Unknown, ""}
	}
	content := map[string]any{"status": string(v.status)}
	switch v.status {
	case Complete, Invalid, Unknown:
	case Incomplete:
		content["indent"] = v.indent
	default:
		k.log.Warn("session returned an unknown completeness", "status", v.status)
		content["status"] = string(Unknown)
	}
	k.reply(k.shell, req, "is_complete_reply", content)
}

func (k *Kernel) history(ctx context.Context, req *Message) {
	var c struct {
		Output         bool   `json:"output"`
		Raw            bool   `json:"raw"`
		HistAccessType string `json:"hist_access_type"`
		Session        int    `json:"session"`
		Start          int    `json:"start"`
		Stop           int    `json:"stop"`
		N              int    `json:"n"`
		Pattern        string `json:"pattern"`
		Unique         bool   `json:"unique"`
	}
	if err := decodeContent(req, &c); err != nil {
		k.badRequest(k.shell, req, err)
		return
	}
	q := HistoryQuery{Access: c.HistAccessType, Output: c.Output, Raw: c.Raw, Session: c.Session,
		Start: c.Start, Stop: c.Stop, N: c.N, Pattern: c.Pattern, Unique: c.Unique}
	entries, err := protect(k, "History", func() ([]HistoryEntry, error) { return k.sess.History(ctx, q) })
	if err != nil {
		k.reply(k.shell, req, "history_reply", execErrorReply(err))
		return
	}
	hist := make([]any, 0, len(entries))
	for _, e := range entries {
		if c.Output {
			var out any // null when the entry has no output
			if e.Output != "" {
				out = e.Output
			}
			hist = append(hist, []any{e.Session, e.Line, []any{e.Input, out}})
		} else {
			hist = append(hist, []any{e.Session, e.Line, e.Input})
		}
	}
	k.reply(k.shell, req, "history_reply", map[string]any{"status": "ok", "history": hist})
}

func clamp(v, lo, hi int) int { return max(lo, min(v, hi)) }

func nonNilSlice(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func nonNilMap(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return m
}
