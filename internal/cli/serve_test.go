package cli

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/huntbook/huntbook/server"
	"github.com/huntbook/huntbook/server/servertest"
)

func TestServeFlags(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		err  string
	}{
		{"neither", nil, 2, "exactly one of"},
		{"both", []string{"--demo", "--workspace", "w"}, 2, "exactly one of"},
		{"extra", []string{"--demo", "x"}, 2, "unexpected arguments"},
		{"bad flag", []string{"--nope"}, 2, "flag provided but not defined"},
		{"no workspace", []string{"--workspace", "/nonexistent/huntbook-ws"}, 1, "/nonexistent/huntbook-ws"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := run(context.Background(), append([]string{"serve"}, tt.args...), IO{Stdout: &out, Stderr: &errb})
			if code != tt.code || !strings.Contains(errb.String(), tt.err) {
				t.Errorf("exit %d stderr %q; want %d and %q", code, errb.String(), tt.code, tt.err)
			}
		})
	}
}

// syncBuffer is written by the serving goroutine and read by the test.
type syncBuffer struct {
	mu  chan struct{}
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu <- struct{}{}
	defer func() { <-b.mu }()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu <- struct{}{}
	defer func() { <-b.mu }()
	return b.buf.String()
}

func TestServeWithFactory(t *testing.T) {
	dir := t.TempDir()
	var got ServeConfig
	closed := false
	factory := func(ctx context.Context, cfg ServeConfig) (server.Backend, func() error, error) {
		got = cfg
		b, err := servertest.New(dir)
		return b, func() error { closed = true; return nil }, err
	}
	ctx, cancel := context.WithCancel(context.Background())
	out := &syncBuffer{mu: make(chan struct{}, 1)}
	var opened []string
	done := make(chan error, 1)
	go func() {
		done <- runServe(ctx, []string{"--workspace", dir, "--port", "0", "--token", "tok123"}, IO{Stdout: out, Stderr: out}, factory,
			func(url string) error { opened = append(opened, url); return nil })
	}()
	re := regexp.MustCompile(`http://127\.0\.0\.1:\d+/\?token=tok123`)
	deadline := time.Now().Add(10 * time.Second)
	for !re.MatchString(out.String()) {
		if time.Now().After(deadline) {
			t.Fatalf("no URL printed: %q", out.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	url := re.FindString(out.String())
	res, err := http.Get(strings.Replace(url, "?token=tok123", "api/notebooks", 1))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusForbidden {
		t.Errorf("without the token: %d, want 403", res.StatusCode)
	}
	cancel()
	if err := <-done; err != nil && !errors.Is(err, context.Canceled) {
		t.Fatalf("serve: %v", err)
	}
	if got.Workspace != dir || got.Demo || !closed || len(opened) != 1 || opened[0] != url {
		t.Errorf("config %+v closed %v opened %v", got, closed, opened)
	}
}
