package kernel_test

import (
	"io"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-zeromq/zmq4"
	"github.com/google/go-cmp/cmp"

	"github.com/huntbook/huntbook/kernel"
	"github.com/huntbook/huntbook/kernel/internal/fakesession"
)

func TestKernelInfo(t *testing.T) {
	c, _ := startKernel(t, fakesession.New())
	for _, ch := range []struct {
		name    string
		sock    zmq4.Socket
		replies chan wireMsg
	}{{"shell", c.shell, c.shellCh}, {"control", c.control, c.controlCh}} {
		t.Run(ch.name, func(t *testing.T) {
			id := c.send(ch.sock, "kernel_info_request", map[string]any{})
			r := c.reply(ch.replies, id, 5*time.Second)
			if r.Type != "kernel_info_reply" {
				t.Fatalf("reply type %s", r.Type)
			}
			li := r.Content["language_info"].(map[string]any)
			got := map[string]any{
				"protocol_version": r.Content["protocol_version"], "implementation": r.Content["implementation"],
				"name": li["name"], "mimetype": li["mimetype"], "file_extension": li["file_extension"],
				"codemirror_mode": li["codemirror_mode"], "status": r.Content["status"],
			}
			want := map[string]any{
				"protocol_version": "5.3", "implementation": "huntbook", "name": "kql", "mimetype": "text/x-kql",
				"file_extension": ".kql", "codemirror_mode": "kql", "status": "ok",
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("kernel_info_reply (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff([]string{"status:busy", "status:idle"}, types(c.iopub(id, 5*time.Second))); diff != "" {
				t.Errorf("iopub (-want +got):\n%s", diff)
			}
		})
	}
}

func TestExecute(t *testing.T) {
	c, _ := startKernel(t, fakesession.New())
	tests := []struct {
		code      string
		wantIOPub []string
		check     func(t *testing.T, reply wireMsg, iopub []wireMsg)
	}{
		{
			code:      "SecurityEvent | take 1",
			wantIOPub: []string{"status:busy", "execute_input", "execute_result", "status:idle"},
			check: func(t *testing.T, r wireMsg, io []wireMsg) {
				res := io[2].Content
				if res["execution_count"] != 1.0 || res["data"].(map[string]any)["text/plain"] != "SecurityEvent | take 1" {
					t.Errorf("execute_result = %v", res)
				}
				if io[1].Content["execution_count"] != 1.0 || io[1].Content["code"] != "SecurityEvent | take 1" {
					t.Errorf("execute_input = %v", io[1].Content)
				}
				if diff := cmp.Diff(map[string]any{"status": "ok", "execution_count": 1.0, "user_expressions": map[string]any{}, "payload": []any{}}, r.Content); diff != "" {
					t.Errorf("execute_reply (-want +got):\n%s", diff)
				}
			},
		},
		{
			code:      "display",
			wantIOPub: []string{"status:busy", "execute_input", "display_data", "execute_result", "status:idle"},
			check: func(t *testing.T, r wireMsg, io []wireMsg) {
				data := io[2].Content["data"].(map[string]any)
				if !strings.Contains(data["text/html"].(string), "<table>") || data["text/plain"] == nil {
					t.Errorf("display_data = %v", io[2].Content)
				}
				if r.Content["execution_count"] != 2.0 {
					t.Errorf("execution_count = %v, want 2", r.Content["execution_count"])
				}
			},
		},
		{
			code:      "stream progress",
			wantIOPub: []string{"status:busy", "execute_input", "stream", "status:idle"},
			check: func(t *testing.T, r wireMsg, io []wireMsg) {
				if diff := cmp.Diff(map[string]any{"name": "stdout", "text": "progress\n"}, io[2].Content); diff != "" {
					t.Errorf("stream (-want +got):\n%s", diff)
				}
			},
		},
		{
			code:      "fail no such table",
			wantIOPub: []string{"status:busy", "execute_input", "error", "status:idle"},
			check: func(t *testing.T, r wireMsg, io []wireMsg) {
				e := io[2].Content
				tb := e["traceback"].([]any)
				if e["ename"] != "QueryError" || e["evalue"] != "no such table" || len(tb) != 4 || !strings.Contains(tb[2].(string), "fail no such table") {
					t.Errorf("error = %v", e)
				}
				if r.Content["status"] != "error" || r.Content["ename"] != "QueryError" || r.Content["execution_count"] != 4.0 {
					t.Errorf("execute_reply = %v", r.Content)
				}
			},
		},
		{
			code:      "panic",
			wantIOPub: []string{"status:busy", "execute_input", "error", "status:idle"},
			check: func(t *testing.T, r wireMsg, io []wireMsg) {
				if r.Content["ename"] != "InternalError" || !strings.Contains(r.Content["evalue"].(string), "scripted panic") {
					t.Errorf("execute_reply = %v", r.Content)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			r, io := c.execute(tt.code, nil)
			if diff := cmp.Diff(tt.wantIOPub, types(io)); diff != "" {
				t.Fatalf("iopub (-want +got):\n%s", diff)
			}
			tt.check(t, r, io)
		})
	}
	// The kernel survived the panic.
	if r, _ := c.execute("still alive", nil); r.Content["status"] != "ok" {
		t.Errorf("after a panic: %v", r.Content)
	}
}

func TestExecuteSilentAndStoreHistory(t *testing.T) {
	c, _ := startKernel(t, fakesession.New())
	c.execute("first", nil)
	r, io := c.execute("display", map[string]any{"silent": true})
	if diff := cmp.Diff([]string{"status:busy", "status:idle"}, types(io)); diff != "" {
		t.Errorf("silent cell iopub (-want +got):\n%s", diff)
	}
	if r.Content["execution_count"] != 1.0 {
		t.Errorf("a silent cell changed the count: %v", r.Content)
	}
	r, io = c.execute("unstored", map[string]any{"store_history": false})
	if r.Content["execution_count"] != 1.0 || io[1].Content["execution_count"] != 1.0 {
		t.Errorf("store_history=false changed the count: %v / %v", r.Content, io[1].Content)
	}
	r, _ = c.execute("second", nil)
	if r.Content["execution_count"] != 2.0 {
		t.Errorf("execution_count = %v, want 2", r.Content["execution_count"])
	}
	r, _ = c.execute("x", map[string]any{"user_expressions": map[string]any{"a": "1+1"}})
	ue := r.Content["user_expressions"].(map[string]any)["a"].(map[string]any)
	if ue["status"] != "error" {
		t.Errorf("user expression a = %v, want an error entry", ue)
	}
	id := c.send(c.shell, "history_request", map[string]any{"hist_access_type": "tail", "n": 10, "output": false, "raw": true})
	h := c.reply(c.shellCh, id, 5*time.Second)
	want := []any{[]any{1.0, 1.0, "first"}, []any{1.0, 2.0, "second"}, []any{1.0, 3.0, "x"}}
	if diff := cmp.Diff(want, h.Content["history"]); diff != "" {
		t.Errorf("history (-want +got):\n%s", diff)
	}
}

func TestStopOnErrorAbortsQueue(t *testing.T) {
	c, _ := startKernel(t, fakesession.New())
	content := func(code string, stop bool) map[string]any {
		return map[string]any{"code": code, "silent": false, "store_history": true, "stop_on_error": stop}
	}
	// Queue two cells and a request behind a failing cell. Like ipykernel,
	// the kernel aborts what had arrived when the cell failed: the cell takes
	// a moment so the queue has arrived.
	fail := c.send(c.shell, "execute_request", content("slow-fail 0.3", true))
	queued1 := c.send(c.shell, "execute_request", content("after 1", true))
	info := c.send(c.shell, "kernel_info_request", map[string]any{})
	queued2 := c.send(c.shell, "execute_request", content("after 2", true))
	if r := c.reply(c.shellCh, fail, 5*time.Second); r.Content["status"] != "error" {
		t.Fatalf("fail: %v", r.Content)
	}
	for _, id := range []string{queued1, queued2} {
		if r := c.reply(c.shellCh, id, 5*time.Second); r.Content["status"] != "aborted" {
			t.Errorf("queued cell: %v, want aborted", r.Content)
		}
	}
	// Only executions are aborted; other requests are answered.
	if r := c.reply(c.shellCh, info, 5*time.Second); r.Content["status"] != "ok" {
		t.Errorf("kernel_info behind a failure: %v", r.Content)
	}
	// A cell sent after the failure was handled runs normally.
	if r, _ := c.execute("later", nil); r.Content["status"] != "ok" {
		t.Errorf("cell after the abort: %v", r.Content)
	}

	// stop_on_error=false keeps the queue.
	fail = c.send(c.shell, "execute_request", content("fail", false))
	next := c.send(c.shell, "execute_request", content("runs anyway", true))
	c.reply(c.shellCh, fail, 5*time.Second)
	if r := c.reply(c.shellCh, next, 5*time.Second); r.Content["status"] != "ok" {
		t.Errorf("with stop_on_error=false: %v", r.Content)
	}
}

// startLongCell sends code and waits until it is running.
func startLongCell(t *testing.T, c *testClient, code string) string {
	t.Helper()
	id := c.send(c.shell, "execute_request", map[string]any{"code": code, "silent": false, "store_history": true})
	started := func(m wireMsg) bool { return m.ParentID == id && m.Type == "execute_input" }
	if _, ok := c.next(c.iopubCh, started, time.After(5*time.Second)); !ok {
		t.Fatal("the long cell never started")
	}
	return id
}

func TestControlDuringExecute(t *testing.T) {
	c, _ := startKernel(t, fakesession.New())
	exec := startLongCell(t, c, "sleep 30")

	// Control answers while shell is busy: kernel_info, then interrupt.
	start := time.Now()
	info := c.send(c.control, "kernel_info_request", map[string]any{})
	if r := c.reply(c.controlCh, info, 2*time.Second); r.Type != "kernel_info_reply" {
		t.Errorf("control kernel_info: %s", r.Type)
	}
	intr := c.send(c.control, "interrupt_request", map[string]any{})
	if r := c.reply(c.controlCh, intr, 2*time.Second); r.Type != "interrupt_reply" || r.Content["status"] != "ok" {
		t.Errorf("interrupt_reply = %s %v", r.Type, r.Content)
	}
	r := c.reply(c.shellCh, exec, 2*time.Second)
	if r.Content["status"] != "error" || r.Content["ename"] != "Interrupted" {
		t.Errorf("interrupted execute_reply = %v", r.Content)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("control round trips and interrupt took %v", d)
	}
	// The shell is usable again.
	if r, _ := c.execute("after", nil); r.Content["status"] != "ok" {
		t.Errorf("after interrupt: %v", r.Content)
	}
	// An interrupt with nothing running is harmless.
	intr = c.send(c.control, "interrupt_request", map[string]any{})
	c.reply(c.controlCh, intr, 2*time.Second)
	if r, _ := c.execute("still fine", nil); r.Content["status"] != "ok" {
		t.Errorf("after idle interrupt: %v", r.Content)
	}
}

func TestShutdownDuringExecute(t *testing.T) {
	for _, restart := range []bool{false, true} {
		t.Run(map[bool]string{false: "shutdown", true: "restart"}[restart], func(t *testing.T) {
			c, rk := startKernel(t, fakesession.New())
			exec := startLongCell(t, c, "sleep 30")
			start := time.Now()
			id := c.send(c.control, "shutdown_request", map[string]any{"restart": restart})
			r := c.reply(c.controlCh, id, 2*time.Second)
			if r.Content["status"] != "ok" || r.Content["restart"] != restart {
				t.Errorf("shutdown_reply = %v", r.Content)
			}
			er := c.reply(c.shellCh, exec, 2*time.Second)
			if er.Content["ename"] != "Interrupted" {
				t.Errorf("the running cell's reply = %v", er.Content)
			}
			select {
			case res := <-rk.done:
				if res.err != nil || res.restart != restart {
					t.Errorf("Run = %v, %v; want %v, nil", res.restart, res.err, restart)
				}
				if d := res.at.Sub(start); d > time.Second {
					t.Errorf("shutdown took %v", d)
				}
				rk.done <- res // for the cleanup
			case <-time.After(5 * time.Second):
				t.Fatal("Run did not return after shutdown_request")
			}
		})
	}
}

func TestShutdownWhenCellIgnoresCancel(t *testing.T) {
	c, rk := startKernel(t, fakesession.New())
	startLongCell(t, c, "ignore-cancel 30")
	start := time.Now()
	c.send(c.control, "shutdown_request", map[string]any{"restart": false})
	select {
	case res := <-rk.done:
		// The kernel gives the cell a grace period, then exits anyway.
		if d := res.at.Sub(start); d < time.Second || d > 5*time.Second {
			t.Errorf("shutdown took %v, want the ~2s grace", d)
		}
		rk.done <- res
	case <-time.After(10 * time.Second):
		t.Fatal("a cell ignoring cancellation blocked the shutdown")
	}
}

func TestRejectsBadMessages(t *testing.T) {
	c, _ := startKernel(t, fakesession.New())
	content := map[string]any{"code": "x", "silent": false}
	_, wrongKey := c.frames("not-the-key", "execute_request", content)
	_, unsigned := c.frames("", "execute_request", content)
	_, tampered := c.frames(c.key, "execute_request", content)
	tampered[5] = []byte(`{"code":"evil","silent":false}`)
	tests := []struct {
		name   string
		frames [][]byte
	}{
		{"wrong key", wrongKey},
		{"unsigned", unsigned},
		{"tampered content", tampered},
		{"no delimiter", [][]byte{[]byte("garbage")}},
		{"truncated", wrongKey[:3]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c.sendFrames(c.shell, tt.frames)
			c.expectSilence(c.shellCh, 300*time.Millisecond, "shell")
			c.expectSilence(c.iopubCh, 0, "iopub")
		})
	}
	t.Run("replayed", func(t *testing.T) {
		id, f := c.frames(c.key, "kernel_info_request", map[string]any{})
		c.sendFrames(c.shell, f)
		if r := c.reply(c.shellCh, id, 2*time.Second); r.Type != "kernel_info_reply" {
			t.Fatalf("first delivery: %s", r.Type)
		}
		c.sendFrames(c.shell, f)
		c.expectSilence(c.shellCh, 300*time.Millisecond, "replay")
	})
	t.Run("undecodable content", func(t *testing.T) {
		id := c.send(c.shell, "complete_request", map[string]any{"code": 42})
		if r := c.reply(c.shellCh, id, 2*time.Second); r.Content["status"] != "error" || r.Content["ename"] != "BadRequest" {
			t.Errorf("reply = %v", r.Content)
		}
	})
	// Still serving.
	c.drainIOPub()
	if r, _ := c.execute("ok", nil); r.Content["status"] != "ok" {
		t.Errorf("after bad messages: %v", r.Content)
	}
}

func TestCompleteInspectIsComplete(t *testing.T) {
	c, _ := startKernel(t, fakesession.New())
	ask := func(msgType string, content map[string]any) map[string]any {
		t.Helper()
		id := c.send(c.shell, msgType, content)
		return c.reply(c.shellCh, id, 5*time.Second).Content
	}
	tests := []struct {
		name    string
		msgType string
		content map[string]any
		want    map[string]any
	}{
		{"complete", "complete_request", map[string]any{"code": "Se", "cursor_pos": 2},
			map[string]any{"status": "ok", "matches": []any{"SecurityEvent"}, "cursor_start": 0.0, "cursor_end": 2.0, "metadata": map[string]any{}}},
		// Cursor positions count code points: "é🦊 | su" has 7 characters, 10 bytes.
		{"complete after non-ASCII", "complete_request", map[string]any{"code": "é🦊 | su", "cursor_pos": 7},
			map[string]any{"status": "ok", "matches": []any{"summarize"}, "cursor_start": 5.0, "cursor_end": 7.0, "metadata": map[string]any{}}},
		{"complete without cursor", "complete_request", map[string]any{"code": "T | wh"},
			map[string]any{"status": "ok", "matches": []any{"where"}, "cursor_start": 4.0, "cursor_end": 6.0, "metadata": map[string]any{}}},
		{"complete nothing", "complete_request", map[string]any{"code": "zz", "cursor_pos": 2},
			map[string]any{"status": "ok", "matches": []any{}, "cursor_start": 0.0, "cursor_end": 2.0, "metadata": map[string]any{}}},
		{"inspect found", "inspect_request", map[string]any{"code": "T | where x", "cursor_pos": 6, "detail_level": 0},
			map[string]any{"status": "ok", "found": true, "data": map[string]any{"text/plain": "where: keep the rows for which a predicate is true"}, "metadata": map[string]any{}}},
		{"inspect not found", "inspect_request", map[string]any{"code": "T", "cursor_pos": 1, "detail_level": 0},
			map[string]any{"status": "ok", "found": false, "data": map[string]any{}, "metadata": map[string]any{}}},
		{"is_complete complete", "is_complete_request", map[string]any{"code": "T | take 1"},
			map[string]any{"status": "complete"}},
		{"is_complete incomplete", "is_complete_request", map[string]any{"code": "T |"},
			map[string]any{"status": "incomplete", "indent": "    "}},
		{"is_complete invalid", "is_complete_request", map[string]any{"code": "T)"},
			map[string]any{"status": "invalid"}},
		{"comm_info", "comm_info_request", map[string]any{},
			map[string]any{"status": "ok", "comms": map[string]any{}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, ask(tt.msgType, tt.content)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestCommsAndUnknownMessages(t *testing.T) {
	c, _ := startKernel(t, fakesession.New())
	id := c.send(c.shell, "comm_open", map[string]any{"comm_id": "c1", "target_name": "jupyter.widget", "data": map[string]any{}})
	io := c.iopub(id, 5*time.Second)
	if diff := cmp.Diff([]string{"status:busy", "comm_close", "status:idle"}, types(io)); diff != "" {
		t.Fatalf("comm_open iopub (-want +got):\n%s", diff)
	}
	if io[1].Content["comm_id"] != "c1" {
		t.Errorf("comm_close = %v", io[1].Content)
	}
	for _, msgType := range []string{"comm_msg", "comm_close", "no_such_request"} {
		id := c.send(c.shell, msgType, map[string]any{"comm_id": "c1", "data": map[string]any{}})
		if diff := cmp.Diff([]string{"status:busy", "status:idle"}, types(c.iopub(id, 5*time.Second))); diff != "" {
			t.Errorf("%s iopub (-want +got):\n%s", msgType, diff)
		}
	}
	c.expectSilence(c.shellCh, 200*time.Millisecond, "replies to messages that have none")
}

func TestHeartbeat(t *testing.T) {
	c, _ := startKernel(t, fakesession.New())
	ctx := t.Context()
	// Two peers connected at once each get their own echo, round after round.
	var peers []zmq4.Socket
	for range 2 {
		req := zmq4.NewReq(ctx)
		defer req.Close()
		if err := req.Dial("tcp://127.0.0.1:" + strconv.Itoa(c.info.HBPort)); err != nil {
			t.Fatal(err)
		}
		peers = append(peers, req)
	}
	for round := range 2 {
		for i, req := range peers {
			ping := []byte("ping-" + strconv.Itoa(i) + "-" + strconv.Itoa(round))
			if err := req.Send(zmq4.NewMsg(ping)); err != nil {
				t.Fatal(err)
			}
			got := make(chan zmq4.Msg, 1)
			go func() {
				m, _ := req.Recv()
				got <- m
			}()
			select {
			case m := <-got:
				if len(m.Frames) == 0 || string(m.Frames[len(m.Frames)-1]) != string(ping) {
					t.Errorf("echo = %q, want %q", m.Frames, ping)
				}
			case <-time.After(2 * time.Second):
				t.Fatal("no heartbeat echo")
			}
		}
	}
}

func TestNewRequiresSession(t *testing.T) {
	if _, err := kernel.New(kernel.Config{}); err == nil {
		t.Error("New without a session must fail")
	}
	if _, err := kernel.New(kernel.Config{Session: fakesession.New(), Connection: kernel.ConnectionInfo{Key: "k", SignatureScheme: "hmac-md5"}}); err == nil {
		t.Error("New with an unsupported scheme must fail")
	}
}

func TestIOPubGreetsFirstSubscriber(t *testing.T) {
	// jupyter_client counts a kernel ready when an IOPub message follows its
	// first kernel_info_reply; the kernel greets its first subscriber so that
	// holds even when that request's own statuses were published too early.
	c, _ := startKernelNoWait(t, fakesession.New())
	select {
	case m := <-c.iopubCh:
		if m.Type != "status" || m.Content["execution_state"] != "idle" || m.ParentID != "" {
			t.Errorf("greeting = %s %v (parent %q)", m.Type, m.Content, m.ParentID)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no IOPub message without a request")
	}
}

func TestUnsignedWhenKeyIsEmpty(t *testing.T) {
	// An empty key in the connection file turns signing off both ways: the
	// kernel accepts unsigned requests and sends an empty signature.
	c, _ := startKernelWithKey(t, fakesession.New(), "")
	c.waitReady()
	if r, io := c.execute("unsigned", nil); r.Content["status"] != "ok" || len(io) != 4 {
		t.Errorf("execute without signing: %v, %v", r.Content, types(io))
	}
}

func TestHostilePeers(t *testing.T) {
	c, _ := startKernel(t, fakesession.New())
	shell := "127.0.0.1:" + strconv.Itoa(c.info.ShellPort)

	// A connection that never speaks must not keep new clients out.
	silent, err := net.Dial("tcp", shell)
	if err != nil {
		t.Fatal(err)
	}
	defer silent.Close()
	late := dial(t, c.info)
	defer late.close()
	id := late.send(late.shell, "kernel_info_request", map[string]any{})
	late.reply(late.shellCh, id, 3*time.Second)

	// A frame announcing 1 TiB closes that connection, not the kernel.
	evil, err := net.Dial("tcp", shell)
	if err != nil {
		t.Fatal(err)
	}
	defer evil.Close()
	greeting := make([]byte, 64)
	greeting[0], greeting[9], greeting[10] = 0xff, 0x7f, 3
	copy(greeting[12:], "NULL")
	ready := []byte("\x05READY\x0bSocket-Type\x00\x00\x00\x06DEALER")
	evil.Write(greeting)
	evil.Write(append([]byte{0x04, byte(len(ready))}, ready...))
	evil.Write([]byte{0x02, 0, 0, 1, 0, 0, 0, 0, 0})
	evil.SetReadDeadline(time.Now().Add(3 * time.Second))
	if _, err := io.Copy(io.Discard, evil); err != nil {
		t.Errorf("the kernel did not close the connection: %v", err)
	}
	if r, _ := c.execute("survived", nil); r.Content["status"] != "ok" {
		t.Errorf("after a hostile frame: %v", r.Content)
	}
}

func TestIPCTransport(t *testing.T) {
	prefix := filepath.Join(t.TempDir(), "kernel")
	c, _ := startKernelWithInfo(t, fakesession.New(), kernel.ConnectionInfo{
		Transport: "ipc", IP: prefix, Key: testKey, SignatureScheme: "hmac-sha256",
		ShellPort: 1, IOPubPort: 2, StdinPort: 3, ControlPort: 4, HBPort: 5,
	})
	c.waitReady()
	if r, _ := c.execute("over ipc", nil); r.Content["status"] != "ok" {
		t.Errorf("execute over ipc: %v", r.Content)
	}
	if _, err := os.Stat(prefix + "-1"); err != nil {
		t.Errorf("shell socket file: %v", err)
	}
}
