package kernel

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-zeromq/zmq4"
)

// Config configures a Kernel.
type Config struct {
	Connection ConnectionInfo
	Session    Session
	// Logger receives the kernel's diagnostics (Jupyter shows a kernel's
	// stderr in its server log). Nil logs warnings and errors to stderr.
	Logger *slog.Logger
	// Version is huntbook's version, reported in kernel_info_reply.
	Version string
}

// Kernel serves one Session over the five Jupyter channels. See the package
// documentation for its threading model.
type Kernel struct {
	conn    ConnectionInfo
	sess    Session
	log     *slog.Logger
	version string
	signer  *signer
	guard   *replayGuard
	session string // this kernel's session id, in every header it sends

	sockCtx    context.Context // the sockets' lifetime
	sockCancel context.CancelFunc
	shell      zmq4.Socket
	control    zmq4.Socket
	stdin      zmq4.Socket
	hb         zmq4.Socket
	iopub      zmq4.Socket

	execMu     sync.Mutex
	cancelExec context.CancelCauseFunc // of the running Execute, nil when idle

	shutdownCh chan bool     // a shutdown_request's restart flag
	lastSeq    atomic.Uint64 // sequence number of the last shell message read
	busy       atomic.Int32  // requests being handled (shell and control)

	// Owned by the shell goroutine.
	count        int    // execution count
	abortThrough uint64 // execute_requests read up to this seq are aborted
}

// The causes a running Execute's context is cancelled with.
var (
	errInterrupted = errors.New("interrupted")
	errShutdown    = errors.New("kernel shutting down")
)

const (
	// shellQueue bounds the shell messages read ahead of the one running;
	// beyond it ZeroMQ's own queues and TCP apply back-pressure.
	shellQueue = 256
	// shutdownGrace is how long shutdown waits for a cancelled Execute to
	// return before the kernel exits anyway.
	shutdownGrace = 2 * time.Second
	// iopubLinger gives the last IOPub messages (the shutdown's status) time
	// to leave: zmq4's PUB socket queues internally and has no flush, so this
	// plays the role of ZMQ_LINGER.
	iopubLinger = 50 * time.Millisecond
)

// New checks the configuration and returns a kernel ready to Listen.
func New(cfg Config) (*Kernel, error) {
	if cfg.Session == nil {
		return nil, errors.New("kernel: no session")
	}
	s, err := newSigner(cfg.Connection.SignatureScheme, cfg.Connection.Key)
	if err != nil {
		return nil, fmt.Errorf("kernel: %w", err)
	}
	logger := cfg.Logger
	if logger == nil {
		logger = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	}
	ctx, cancel := context.WithCancel(context.Background())
	return &Kernel{
		conn:       cfg.Connection,
		sess:       cfg.Session,
		log:        logger,
		version:    cfg.Version,
		signer:     s,
		guard:      newReplayGuard(replayWindow),
		session:    newID(),
		sockCtx:    ctx,
		sockCancel: cancel,
		shutdownCh: make(chan bool, 1),
	}, nil
}

// Listen binds the five sockets. Ports given as 0 are chosen by the system;
// Connection reports them afterwards.
func (k *Kernel) Listen() error {
	if err := registerGuards(); err != nil {
		return fmt.Errorf("kernel: %w", err)
	}
	opts := []zmq4.Option{zmq4.WithLogger(slog.NewLogLogger(k.log.Handler(), slog.LevelWarn))}
	socks := []struct {
		sock *zmq4.Socket
		port *int
		name string
		make func(context.Context, ...zmq4.Option) zmq4.Socket
	}{
		{&k.shell, &k.conn.ShellPort, "shell", zmq4.NewRouter},
		{&k.control, &k.conn.ControlPort, "control", zmq4.NewRouter},
		{&k.stdin, &k.conn.StdinPort, "stdin", zmq4.NewRouter},
		// ROUTER rather than REP for the heartbeat, as ipykernel does since
		// libzmq 4.0.6: it echoes each ping to its own sender, where zmq4's
		// REP keeps a single reply envelope shared by all peers.
		{&k.hb, &k.conn.HBPort, "heartbeat", zmq4.NewRouter},
		{&k.iopub, &k.conn.IOPubPort, "iopub", zmq4.NewPub},
	}
	for _, s := range socks {
		sock := s.make(k.sockCtx, opts...)
		if err := sock.Listen(guardedEndpoint(k.conn.endpoint(*s.port))); err != nil {
			sock.Close()
			k.closeSockets()
			return fmt.Errorf("kernel: %s channel: %w", s.name, err)
		}
		*s.sock = sock
		if tcp, ok := sock.Addr().(*net.TCPAddr); ok {
			*s.port = tcp.Port
		}
	}
	return nil
}

// Connection returns the connection info, with the ports actually bound once
// Listen has run.
func (k *Kernel) Connection() ConnectionInfo { return k.conn }

// Interrupt cancels the running Execute, if any: what an interrupt_request
// does, exposed for SIGINT.
func (k *Kernel) Interrupt() { k.cancelRunning(errInterrupted) }

func (k *Kernel) cancelRunning(cause error) {
	k.execMu.Lock()
	if k.cancelExec != nil {
		k.cancelExec(cause)
	}
	k.execMu.Unlock()
}

// Run serves the channels until a shutdown_request arrives or ctx ends, then
// cancels the running cell, closes the sockets and returns the request's
// restart flag. Jupyter restarts a kernel by starting a new process, so a
// restart, like a shutdown, ends Run; the flag is for the caller's logs.
func (k *Kernel) Run(ctx context.Context) (restart bool, err error) {
	if k.shell == nil {
		if err := k.Listen(); err != nil {
			return false, err
		}
	}
	defer k.closeSockets()
	runCtx, stop := context.WithCancel(ctx)
	defer stop()

	queue := make(chan queued, shellQueue)
	shellDone := make(chan struct{})
	go k.heartbeat()
	go k.drain(k.stdin, "stdin") // this kernel never asks for input
	go k.readShell(queue)
	go k.serveControl()
	go k.greetFirstSubscriber(runCtx)
	go func() {
		defer close(shellDone)
		k.serveShell(runCtx, queue)
	}()
	k.publish(nil, "status", statusContent{"starting"})
	k.log.Info("kernel ready", "shell", k.conn.endpoint(k.conn.ShellPort))

	select {
	case restart = <-k.shutdownCh:
	case <-ctx.Done():
	}
	k.cancelRunning(errShutdown)
	stop()
	select {
	case <-shellDone:
	case <-time.After(shutdownGrace):
		k.log.Warn("the running cell ignored its cancellation; exiting anyway", "grace", shutdownGrace)
	}
	time.Sleep(iopubLinger)
	return restart, nil
}

// requestShutdown ends Run; the first request wins.
func (k *Kernel) requestShutdown(restart bool) {
	select {
	case k.shutdownCh <- restart:
	default:
	}
}

func (k *Kernel) closeSockets() {
	k.sockCancel()
	for _, s := range []zmq4.Socket{k.shell, k.control, k.stdin, k.hb, k.iopub} {
		if s != nil {
			s.Close()
		}
	}
}

// closed reports whether the sockets are being closed, so a failing Recv is
// the end rather than a fault.
func (k *Kernel) closed() bool { return k.sockCtx.Err() != nil }

// recvRaw reads the next frames from sock; ok is false once the socket is
// closed.
func (k *Kernel) recvRaw(sock zmq4.Socket, channel string) (m zmq4.Msg, ok bool) {
	for {
		m, err := sock.Recv()
		if err == nil {
			return m, true
		}
		if k.closed() {
			return m, false
		}
		k.log.Warn("receive failed", "channel", channel, "err", err)
		time.Sleep(10 * time.Millisecond) // no hot loop on a persistent fault
	}
}

// recv reads the next verified message from sock; ok is false once the socket
// is closed. Malformed, unsigned or replayed messages are logged and skipped.
func (k *Kernel) recv(sock zmq4.Socket, channel string) (m *Message, ok bool) {
	for {
		raw, ok := k.recvRaw(sock, channel)
		if !ok {
			return nil, false
		}
		m, err := decodeMessage(raw.Frames, k.signer, k.guard)
		if err != nil {
			k.log.Warn("dropping message", "channel", channel, "err", err)
			continue
		}
		return m, true
	}
}

// send encodes and sends one message; failures are logged (a reply that
// cannot be delivered has nobody else to tell).
func (k *Kernel) send(sock zmq4.Socket, m *outgoing) {
	frames, err := m.encode(k.signer, k.session, time.Now())
	if err != nil {
		k.log.Error("cannot encode message", "type", m.msgType, "err", err)
		return
	}
	if err := sock.SendMulti(zmq4.NewMsgFrom(frames...)); err != nil && !k.closed() {
		k.log.Warn("send failed", "type", m.msgType, "err", err)
	}
}

// reply answers req on the socket it came from.
func (k *Kernel) reply(sock zmq4.Socket, req *Message, msgType string, content any) {
	k.send(sock, &outgoing{identities: req.Identities, msgType: msgType, parent: req.RawHeader, content: content})
}

// publish broadcasts on IOPub with parent's header (none when parent is nil).
// The topic follows ipykernel's "kernel.<session>.<type>"; clients subscribe
// to everything.
func (k *Kernel) publish(parent *Message, msgType string, content any) {
	m := &outgoing{
		identities: [][]byte{[]byte("kernel." + k.session + "." + msgType)},
		msgType:    msgType,
		content:    content,
	}
	if parent != nil {
		m.parent = parent.RawHeader
	}
	k.send(k.iopub, m)
}

// greetFirstSubscriber publishes the kernel's status as soon as the first
// IOPub subscription arrives. jupyter_client (7.x) deems a kernel ready only
// when an IOPub message follows its first kernel_info_reply within 0.2 s, but
// that request's busy/idle are usually published before the client's
// subscription has reached the kernel, and are lost: the client then waits
// the 0.2 s and asks again. The greeting makes the first round count (the
// idea of protocol 5.4's iopub_welcome, which 5.3 clients do not know).
// zmq4 does not report subscriptions, so this polls for the first one for a
// while after startup.
func (k *Kernel) greetFirstSubscriber(ctx context.Context) {
	topics, ok := k.iopub.(zmq4.Topics)
	if !ok {
		return
	}
	tick := time.NewTicker(2 * time.Millisecond)
	defer tick.Stop()
	giveUp := time.After(time.Minute)
	for {
		select {
		case <-ctx.Done():
			return
		case <-giveUp:
			return
		case <-tick.C:
		}
		if len(topics.Topics()) > 0 {
			state := "idle"
			if k.busy.Load() > 0 {
				state = "busy"
			}
			k.publish(nil, "status", statusContent{state})
			return
		}
	}
}

type statusContent struct {
	ExecutionState string `json:"execution_state"`
}

// heartbeat echoes every ping to its sender.
func (k *Kernel) heartbeat() {
	for {
		m, ok := k.recvRaw(k.hb, "heartbeat")
		if !ok {
			return
		}
		if err := k.hb.Send(m); err != nil && !k.closed() {
			k.log.Warn("heartbeat echo failed", "err", err)
		}
	}
}

// drain reads and discards everything sent to sock.
func (k *Kernel) drain(sock zmq4.Socket, channel string) {
	for {
		if _, ok := k.recvRaw(sock, channel); !ok {
			return
		}
	}
}
