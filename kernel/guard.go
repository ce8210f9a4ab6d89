package kernel

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"time"

	"github.com/go-zeromq/zmq4"
	"github.com/go-zeromq/zmq4/transport"
)

// zmq4 (v0.17.0) trusts its peers more than a kernel can afford to, since any
// local user can connect to a kernel's ports before any signature is checked:
//
//   - it runs each connection's ZMTP handshake inside its single accept loop,
//     so one TCP connection that never speaks blocks every later client of
//     that channel;
//   - it allocates a frame's announced size before reading the frame, so 11
//     bytes announcing a 1 TiB frame kill the process (a fatal out-of-memory,
//     not a recoverable panic) and the user's session with it.
//
// The kernel therefore listens through a guarded copy of zmq4's own tcp and
// ipc transports: a connection is handed to zmq4 only once it has sent the
// 10-byte ZMTP signature (every ZMTP 3 peer sends it unprompted), the
// handshake must finish within handshakeTimeout, and a frame larger than
// maxFrameSize closes the connection before zmq4 sees its size.

const (
	// maxFrameSize bounds one incoming frame. Requests are KQL text and
	// small JSON; the kernel opens no comms that could carry big buffers.
	maxFrameSize = 16 << 20
	// handshakeTimeout bounds the ZMTP greeting and READY exchange.
	handshakeTimeout = 5 * time.Second
	// zmtpGreeting is the length of a ZMTP 3 greeting; zmtpSignature its
	// first part, which peers send without waiting for the other side.
	zmtpGreeting  = 64
	zmtpSignature = 10
)

// registerGuards registers the guarded transports with zmq4's process-wide
// transport registry, once.
var registerGuards = sync.OnceValue(func() error {
	for name, network := range map[string]string{"tcp": "tcp", "ipc": "unix"} {
		if err := zmq4.RegisterTransport(guardedScheme(name), guardedTransport{transport.New(network)}); err != nil {
			return err
		}
	}
	return nil
})

func guardedScheme(transport string) string { return "huntbook-" + transport }

// guardedEndpoint rewrites a tcp:// or ipc:// endpoint to its guarded
// transport.
func guardedEndpoint(ep string) string {
	scheme, rest, _ := strings.Cut(ep, "://")
	return guardedScheme(scheme) + "://" + rest
}

type guardedTransport struct{ base transport.Transport }

func (t guardedTransport) Dial(ctx context.Context, d transport.Dialer, addr string) (net.Conn, error) {
	return t.base.Dial(ctx, d, addr) // the kernel only listens
}

func (t guardedTransport) Addr(ep string) (string, error) { return t.base.Addr(ep) }

func (t guardedTransport) Listen(ctx context.Context, addr string) (net.Listener, error) {
	l, err := t.base.Listen(ctx, addr)
	if err != nil {
		return nil, err
	}
	g := &guardedListener{Listener: l, conns: make(chan net.Conn), done: make(chan struct{})}
	go g.acceptLoop()
	return g, nil
}

// guardedListener admits connections to zmq4 once they have spoken.
type guardedListener struct {
	net.Listener
	conns     chan net.Conn
	done      chan struct{}
	closeOnce sync.Once
}

func (l *guardedListener) acceptLoop() {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			if errors.Is(err, net.ErrClosed) {
				return
			}
			time.Sleep(10 * time.Millisecond) // e.g. out of file descriptors
			continue
		}
		go l.admit(c)
	}
}

// admit waits, off zmq4's accept loop, for the peer's ZMTP signature.
func (l *guardedListener) admit(c net.Conn) {
	c.SetReadDeadline(time.Now().Add(handshakeTimeout))
	sig := make([]byte, zmtpSignature)
	if _, err := io.ReadFull(c, sig); err != nil {
		c.Close()
		return
	}
	g := &frameGuard{Conn: c, pending: sig}
	select {
	case l.conns <- g:
	case <-l.done:
		c.Close()
	}
}

func (l *guardedListener) Accept() (net.Conn, error) {
	select {
	case c := <-l.conns:
		return c, nil
	case <-l.done:
		return nil, net.ErrClosed
	}
}

func (l *guardedListener) Close() error {
	l.closeOnce.Do(func() { close(l.done) })
	return l.Listener.Close()
}

var errFrameTooLarge = fmt.Errorf("ZMTP frame larger than %d bytes", maxFrameSize)

// frameGuard follows the ZMTP byte stream a peer sends (greeting, then
// frames: a flags byte, a 1- or 8-byte size, the body) and fails the read
// that completes an oversized frame header, so zmq4 never allocates it. It
// lifts the handshake deadline once the peer's first command (READY) is in.
type frameGuard struct {
	net.Conn
	pending    []byte // the signature read by admit, replayed first
	scanned    int    // greeting bytes seen
	hdr        [9]byte
	hdrLen     int
	body       uint64 // body bytes still to come
	isCmd      bool
	handshaken bool
}

func (g *frameGuard) Read(p []byte) (int, error) {
	var n int
	var err error
	if len(g.pending) > 0 {
		n = copy(p, g.pending)
		g.pending = g.pending[n:]
	} else {
		n, err = g.Conn.Read(p)
	}
	if serr := g.scan(p[:n]); serr != nil {
		g.Conn.Close()
		return 0, serr
	}
	return n, err
}

// scan advances the stream state over b.
func (g *frameGuard) scan(b []byte) error {
	for len(b) > 0 {
		switch {
		case g.scanned < zmtpGreeting:
			k := min(zmtpGreeting-g.scanned, len(b))
			g.scanned += k
			b = b[k:]
		case g.body > 0:
			k := min(g.body, uint64(len(b)))
			g.body -= k
			b = b[k:]
			if g.body == 0 {
				g.frameDone()
			}
		default:
			g.hdr[g.hdrLen] = b[0]
			g.hdrLen++
			b = b[1:]
			if err := g.header(); err != nil {
				return err
			}
		}
	}
	return nil
}

// header checks a frame header once its size is complete.
func (g *frameGuard) header() error {
	long := g.hdr[0]&0x02 != 0
	want := 2
	if long {
		want = 9
	}
	if g.hdrLen < want {
		return nil
	}
	size := uint64(g.hdr[1])
	if long {
		size = binary.BigEndian.Uint64(g.hdr[1:9])
	}
	if size > maxFrameSize {
		return errFrameTooLarge
	}
	g.isCmd = g.hdr[0]&0x04 != 0
	g.hdrLen = 0
	g.body = size
	if size == 0 {
		g.frameDone()
	}
	return nil
}

func (g *frameGuard) frameDone() {
	if g.isCmd && !g.handshaken {
		g.handshaken = true
		g.Conn.SetReadDeadline(time.Time{})
	}
}
