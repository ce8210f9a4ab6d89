// Package server is huntbook's HTTP and WebSocket API for the browser
// notebook, and the server of the web UI's assets.
//
// It owns presentation: authentication and the browser security rules of
// DESIGN.md (loopback by default, a random token exchanged for an HttpOnly
// SameSite=Strict cookie, Host and Origin checks, a strict
// Content-Security-Policy, request size limits), sanitising every markdown and
// HTML output, paging, sorting and filtering results, CSV downloads and the
// chart model of a result. Everything stateful lives behind Backend, which
// internal/app implements over the session package; docs/api.md describes
// the wire protocol. Document (with ApplyEdit) is the notebook-document half
// of a Backend's Session, shared by every implementation, fake or real.
package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/huntbook/huntbook/notebook"
)

// DefaultPort is the first port tried when Options.Port is 0, as Jupyter
// does with 8888.
const DefaultPort = 8888

// portsToTry is how many ports from DefaultPort Listen tries.
const portsToTry = 100

// Options configure a Server. The zero value listens on 127.0.0.1, on the
// first free port from 8888, with a random token.
type Options struct {
	// Addr is the host to listen on (default 127.0.0.1). Listening beyond
	// loopback exposes the notebook to the network: the token is then the
	// only protection.
	Addr string
	// Port to listen on; 0 means the first free port from DefaultPort.
	Port int
	// Listener, when set, is used instead of Addr and Port (tests).
	Listener net.Listener
	// Token is the secret of the URL; empty means a random one.
	Token string
	// AllowedHosts are extra host names accepted in the Host header (a
	// name of this machine when Addr is not loopback).
	AllowedHosts []string
	// Assets is the built web UI (web.Assets()); nil serves a page saying
	// the UI is not built.
	Assets fs.FS
	// Logger receives request failures; nil discards them.
	Logger *slog.Logger
	// MaxBodyBytes caps a request body and a WebSocket message (default
	// 8 MiB: a notebook cell is text, not data).
	MaxBodyBytes int64
}

// Server serves the notebook UI and its API for one Backend.
type Server struct {
	backend Backend
	opts    Options
	token   string
	san     *notebook.Sanitizer
	log     *slog.Logger
	hub     *hub
	assets  *assets

	ln    net.Listener
	port  int
	hosts map[string]bool // accepted Host names (without port)

	mu      sync.Mutex
	conns   map[*wsConn]struct{}
	closing bool
}

// New returns a server for backend. It does not listen yet.
func New(backend Backend, opts Options) (*Server, error) {
	if backend == nil {
		return nil, errors.New("server: nil backend")
	}
	if opts.Addr == "" {
		opts.Addr = "127.0.0.1"
	}
	if opts.MaxBodyBytes <= 0 {
		opts.MaxBodyBytes = 8 << 20
	}
	token := opts.Token
	if token == "" {
		var b [24]byte
		if _, err := rand.Read(b[:]); err != nil {
			return nil, fmt.Errorf("server: token: %w", err)
		}
		token = hex.EncodeToString(b[:])
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &Server{
		backend: backend, opts: opts, token: token, log: log,
		san:   notebook.NewSanitizer(),
		conns: map[*wsConn]struct{}{},
	}
	s.hub = newHub(backend, s)
	a, err := loadAssets(opts.Assets)
	if err != nil {
		return nil, err
	}
	s.assets = a
	return s, nil
}

// Listen opens the listening socket: Options.Listener, else Addr:Port, else
// the first free port from 8888 on Addr.
func (s *Server) Listen() error {
	ln := s.opts.Listener
	if ln == nil {
		var err error
		if ln, err = listen(s.opts.Addr, s.opts.Port); err != nil {
			return err
		}
	}
	s.ln = ln
	host, portText, err := net.SplitHostPort(ln.Addr().String())
	if err != nil {
		return fmt.Errorf("server: listen address: %w", err)
	}
	s.port, _ = strconv.Atoi(portText)
	s.hosts = map[string]bool{"localhost": true, "127.0.0.1": true, "::1": true, host: true, s.opts.Addr: true}
	for _, h := range s.opts.AllowedHosts {
		s.hosts[strings.ToLower(h)] = true
	}
	return nil
}

func listen(addr string, port int) (net.Listener, error) {
	if port != 0 {
		ln, err := net.Listen("tcp", net.JoinHostPort(addr, strconv.Itoa(port)))
		if err != nil {
			return nil, fmt.Errorf("server: %w", err)
		}
		return ln, nil
	}
	var firstErr error
	for p := DefaultPort; p < DefaultPort+portsToTry; p++ {
		ln, err := net.Listen("tcp", net.JoinHostPort(addr, strconv.Itoa(p)))
		if err == nil {
			return ln, nil
		}
		if firstErr == nil {
			firstErr = err
		}
	}
	return nil, fmt.Errorf("server: no free port in %d-%d: %w", DefaultPort, DefaultPort+portsToTry-1, firstErr)
}

// URL is the address to open, with the token (valid after Listen).
func (s *Server) URL() string {
	host := s.opts.Addr
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	return fmt.Sprintf("http://%s/?token=%s", net.JoinHostPort(host, strconv.Itoa(s.port)), s.token)
}

// Token is the secret the URL carries.
func (s *Server) Token() string { return s.token }

// Serve answers requests until ctx is done, then shuts down gracefully:
// it stops accepting, closes the WebSockets, waits up to five seconds for
// requests in flight (then closes them), and closes the sessions it opened (which saves them).
func (s *Server) Serve(ctx context.Context) error {
	if s.ln == nil {
		return errors.New("server: Serve before Listen")
	}
	hs := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		BaseContext:       func(net.Listener) context.Context { return ctx },
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(s.ln) }()
	select {
	case err := <-errc:
		s.hub.closeAll()
		return fmt.Errorf("server: %w", err)
	case <-ctx.Done():
	}
	s.closeWebSockets()
	shutCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutCtx); err != nil {
		// A request still running after the grace period (a slow client
		// reading a large download, say) is cut off: stopping is what the
		// user asked for, so this is logged, not returned as a failure.
		s.log.Warn("server: requests still in flight after the grace period were closed", "err", err)
		_ = hs.Close()
	}
	s.hub.closeAll()
	return nil
}

// ListenAndServe is Listen followed by Serve.
func (s *Server) ListenAndServe(ctx context.Context) error {
	if err := s.Listen(); err != nil {
		return err
	}
	return s.Serve(ctx)
}

// Handler is the server's HTTP handler with every security check in front
// (valid after Listen: the Host check needs the port).
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	s.routes(mux)
	return s.secure(mux)
}

func (s *Server) closeWebSockets() {
	s.mu.Lock()
	s.closing = true
	conns := make([]*wsConn, 0, len(s.conns))
	for c := range s.conns {
		conns = append(conns, c)
	}
	s.mu.Unlock()
	for _, c := range conns {
		c.close("server shutting down")
	}
}

// trackConn registers a WebSocket for shutdown; false when the server is
// already shutting down.
func (s *Server) trackConn(c *wsConn, on bool) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if on && s.closing {
		return false
	}
	if on {
		s.conns[c] = struct{}{}
	} else {
		delete(s.conns, c)
	}
	return true
}

func formatMillis(d time.Duration) string {
	return strconv.FormatFloat(float64(d)/float64(time.Millisecond), 'f', -1, 64)
}
