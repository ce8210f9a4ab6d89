package kernel_test

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log/slog"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/go-zeromq/zmq4"

	"github.com/huntbook/huntbook/kernel"
)

// The harness is a minimal Jupyter client written independently of the
// kernel's own encoder (a shared bug would otherwise cancel out), speaking to
// an in-process kernel over real TCP sockets.

const testKey = "0123-test-key"

// wireMsg is a received message, decoded loosely for assertions.
type wireMsg struct {
	Type     string
	ParentID string
	Content  map[string]any
}

type testClient struct {
	t         testing.TB
	key       string
	session   string
	shell     zmq4.Socket
	control   zmq4.Socket
	iopubSock zmq4.Socket
	shellCh   chan wireMsg
	controlCh chan wireMsg
	iopubCh   chan wireMsg
	info      kernel.ConnectionInfo
	seq       int
	// stash keeps messages received while waiting for another one, per
	// channel, so requests in flight together can be awaited in any order.
	stash map[chan wireMsg][]wireMsg
}

// runningKernel is a kernel started by startKernel.
type runningKernel struct {
	k      *kernel.Kernel
	cancel context.CancelFunc
	done   chan runResult
}

type runResult struct {
	restart bool
	err     error
	at      time.Time
}

// syncBuffer collects the kernel's log; it is printed when a test fails.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// startKernel runs a kernel for sess on free local ports and connects a
// client to it, waiting (as jupyter_client does) until IOPub delivers.
func startKernel(t *testing.T, sess kernel.Session) (*testClient, *runningKernel) {
	t.Helper()
	c, rk := startKernelNoWait(t, sess)
	c.waitReady()
	return c, rk
}

// startKernelNoWait is startKernel without the wait for IOPub.
func startKernelNoWait(t testing.TB, sess kernel.Session) (*testClient, *runningKernel) {
	return startKernelWithKey(t, sess, testKey)
}

// startKernelWithKey starts a kernel signing with key ("" for unsigned
// messages), without waiting for IOPub.
func startKernelWithKey(t testing.TB, sess kernel.Session, key string) (*testClient, *runningKernel) {
	return startKernelWithInfo(t, sess, kernel.ConnectionInfo{Transport: "tcp", IP: "127.0.0.1", Key: key, SignatureScheme: "hmac-sha256"})
}

// startKernelWithInfo starts a kernel for a connection, without waiting for
// IOPub.
func startKernelWithInfo(t testing.TB, sess kernel.Session, info kernel.ConnectionInfo) (*testClient, *runningKernel) {
	t.Helper()
	logs := &syncBuffer{}
	k, err := kernel.New(kernel.Config{
		Connection: info,
		Session:    sess,
		Logger:     slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
		Version:    "test",
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := k.Listen(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	rk := &runningKernel{k: k, cancel: cancel, done: make(chan runResult, 1)}
	go func() {
		restart, err := k.Run(ctx)
		rk.done <- runResult{restart, err, time.Now()}
	}()
	c := dial(t, k.Connection())
	t.Cleanup(func() {
		cancel()
		select {
		case <-rk.done:
		case <-time.After(10 * time.Second):
			t.Error("kernel did not stop")
		}
		c.close()
		if t.Failed() {
			t.Logf("kernel log:\n%s", logs.String())
		}
	})
	return c, rk
}

func dial(t testing.TB, info kernel.ConnectionInfo) *testClient {
	t.Helper()
	ctx := context.Background()
	c := &testClient{
		t: t, key: info.Key, session: "client-session", info: info,
		shell:     zmq4.NewDealer(ctx, zmq4.WithID(zmq4.SocketIdentity("client-shell"))),
		control:   zmq4.NewDealer(ctx, zmq4.WithID(zmq4.SocketIdentity("client-control"))),
		iopubSock: zmq4.NewSub(ctx),
		shellCh:   make(chan wireMsg, 100),
		controlCh: make(chan wireMsg, 100),
		iopubCh:   make(chan wireMsg, 1000),
		stash:     map[chan wireMsg][]wireMsg{},
	}
	addr := func(port int) string {
		if info.Transport == "ipc" {
			return "ipc://" + info.IP + "-" + strconv.Itoa(port)
		}
		return "tcp://127.0.0.1:" + strconv.Itoa(port)
	}
	for _, d := range []struct {
		s    zmq4.Socket
		port int
	}{{c.shell, info.ShellPort}, {c.control, info.ControlPort}, {c.iopubSock, info.IOPubPort}} {
		if err := d.s.Dial(addr(d.port)); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.iopubSock.SetOption(zmq4.OptionSubscribe, ""); err != nil {
		t.Fatal(err)
	}
	go c.pump(c.shell, c.shellCh)
	go c.pump(c.control, c.controlCh)
	go c.pump(c.iopubSock, c.iopubCh)
	return c
}

func (c *testClient) close() {
	c.shell.Close()
	c.control.Close()
	c.iopubSock.Close()
}

// pump decodes and verifies every message of sock into ch.
func (c *testClient) pump(sock zmq4.Socket, ch chan<- wireMsg) {
	for {
		raw, err := sock.Recv()
		if err != nil {
			return
		}
		m, err := c.decode(raw.Frames)
		if err != nil {
			c.t.Errorf("kernel sent an invalid message: %v", err)
			continue
		}
		ch <- m
	}
}

func (c *testClient) decode(frames [][]byte) (wireMsg, error) {
	d := -1
	for i, f := range frames {
		if string(f) == "<IDS|MSG>" {
			d = i
			break
		}
	}
	if d < 0 || len(frames) < d+6 {
		return wireMsg{}, fmt.Errorf("bad framing: %q", frames)
	}
	f := frames[d+1:]
	want := ""
	if c.key != "" {
		mac := hmac.New(sha256.New, []byte(c.key))
		for _, p := range f[1:5] {
			mac.Write(p)
		}
		want = hex.EncodeToString(mac.Sum(nil))
	}
	if string(f[0]) != want {
		return wireMsg{}, fmt.Errorf("bad signature %q on %s", f[0], f[1])
	}
	var hdr, parent struct {
		MsgType string `json:"msg_type"`
		MsgID   string `json:"msg_id"`
		Version string `json:"version"`
	}
	var m wireMsg
	if err := json.Unmarshal(f[1], &hdr); err != nil || hdr.Version != "5.3" {
		return m, fmt.Errorf("bad header %s: %v", f[1], err)
	}
	if err := json.Unmarshal(f[2], &parent); err != nil {
		return m, fmt.Errorf("bad parent header %s: %v", f[2], err)
	}
	if err := json.Unmarshal(f[4], &m.Content); err != nil {
		return m, fmt.Errorf("bad content %s: %v", f[4], err)
	}
	m.Type, m.ParentID = hdr.MsgType, parent.MsgID
	return m, nil
}

// frames builds a signed request; key "" leaves it unsigned.
func (c *testClient) frames(key, msgType string, content any) (msgID string, frames [][]byte) {
	c.seq++
	msgID = fmt.Sprintf("req-%d-%d", time.Now().UnixNano(), c.seq)
	hdr, _ := json.Marshal(map[string]any{
		"msg_id": msgID, "session": c.session, "username": "tester", "msg_type": msgType,
		"version": "5.3", "date": time.Now().UTC().Format(time.RFC3339Nano),
	})
	body, _ := json.Marshal(content)
	parts := [][]byte{hdr, []byte("{}"), []byte("{}"), body}
	var sig []byte
	if key != "" {
		mac := hmac.New(sha256.New, []byte(key))
		for _, p := range parts {
			mac.Write(p)
		}
		sig = []byte(hex.EncodeToString(mac.Sum(nil)))
	}
	return msgID, append([][]byte{[]byte("<IDS|MSG>"), sig}, parts...)
}

// send sends a signed request on sock and returns its msg_id.
func (c *testClient) send(sock zmq4.Socket, msgType string, content any) string {
	id, f := c.frames(c.key, msgType, content)
	c.sendFrames(sock, f)
	return id
}

func (c *testClient) sendFrames(sock zmq4.Socket, frames [][]byte) {
	if err := sock.SendMulti(zmq4.NewMsgFrom(frames...)); err != nil {
		c.t.Fatalf("send: %v", err)
	}
}

// next returns the first message on ch (stashed ones first) accepted by
// match, stashing the others.
func (c *testClient) next(ch chan wireMsg, match func(wireMsg) bool, deadline <-chan time.Time) (wireMsg, bool) {
	for i, m := range c.stash[ch] {
		if match(m) {
			c.stash[ch] = append(c.stash[ch][:i:i], c.stash[ch][i+1:]...)
			return m, true
		}
	}
	for {
		select {
		case m := <-ch:
			if match(m) {
				return m, true
			}
			c.stash[ch] = append(c.stash[ch], m)
		case <-deadline:
			return wireMsg{}, false
		}
	}
}

// reply waits for the reply to msgID on ch.
func (c *testClient) reply(ch chan wireMsg, msgID string, timeout time.Duration) wireMsg {
	c.t.Helper()
	m, ok := c.next(ch, func(m wireMsg) bool { return m.ParentID == msgID }, time.After(timeout))
	if !ok {
		c.t.Fatalf("no reply to %s within %v", msgID, timeout)
	}
	return m
}

// iopub collects the IOPub messages of request msgID up to its idle status.
func (c *testClient) iopub(msgID string, timeout time.Duration) []wireMsg {
	c.t.Helper()
	var out []wireMsg
	deadline := time.After(timeout)
	for {
		m, ok := c.next(c.iopubCh, func(m wireMsg) bool { return m.ParentID == msgID }, deadline)
		if !ok {
			c.t.Fatalf("no idle status for %s within %v (got %v)", msgID, timeout, types(out))
		}
		out = append(out, m)
		if m.Type == "status" && m.Content["execution_state"] == "idle" {
			return out
		}
	}
}

// expectSilence fails if ch delivers anything within d.
func (c *testClient) expectSilence(ch <-chan wireMsg, d time.Duration, what string) {
	c.t.Helper()
	select {
	case m := <-ch:
		c.t.Errorf("%s: unexpected %s %v", what, m.Type, m.Content)
	case <-time.After(d):
	}
}

// waitReady sends kernel_info_request until IOPub delivers its status: the
// SUB socket's subscription reaches the kernel asynchronously.
func (c *testClient) waitReady() {
	c.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		id := c.send(c.shell, "kernel_info_request", map[string]any{})
		c.reply(c.shellCh, id, 5*time.Second)
		select {
		case <-c.iopubCh:
			c.drainIOPub()
			return
		case <-time.After(100 * time.Millisecond):
		}
	}
	c.t.Fatal("IOPub never delivered")
}

func (c *testClient) drainIOPub() {
	c.stash[c.iopubCh] = nil
	for {
		select {
		case <-c.iopubCh:
		case <-time.After(100 * time.Millisecond):
			return
		}
	}
}

// execute runs code and returns its reply and IOPub messages.
func (c *testClient) execute(code string, extra map[string]any) (wireMsg, []wireMsg) {
	c.t.Helper()
	content := map[string]any{"code": code, "silent": false, "store_history": true, "user_expressions": map[string]any{}, "allow_stdin": false}
	for k, v := range extra {
		content[k] = v
	}
	id := c.send(c.shell, "execute_request", content)
	r := c.reply(c.shellCh, id, 10*time.Second)
	return r, c.iopub(id, 10*time.Second)
}

func types(ms []wireMsg) []string {
	var out []string
	for _, m := range ms {
		t := m.Type
		if t == "status" {
			t += ":" + fmt.Sprint(m.Content["execution_state"])
		}
		out = append(out, t)
	}
	return out
}
