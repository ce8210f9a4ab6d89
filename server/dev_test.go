package server_test

import (
	"context"
	"os"
	"os/signal"
	"testing"

	"github.com/huntbook/huntbook/server"
	"github.com/huntbook/huntbook/server/servertest"
	"github.com/huntbook/huntbook/web"
)

// TestDevServer serves the UI over the fake backend for manual checks:
//
//	HUNTBOOK_DEV=/tmp/nbs go test ./server -run TestDevServer -v
//
// It prints the URL and serves until interrupted.
func TestDevServer(t *testing.T) {
	dir := os.Getenv("HUNTBOOK_DEV")
	if dir == "" {
		t.Skip("set HUNTBOOK_DEV=DIR to serve the UI over the fake backend")
	}
	b, err := servertest.New(dir)
	if err != nil {
		t.Fatal(err)
	}
	srv, err := server.New(b, server.Options{Assets: web.Assets(), Token: os.Getenv("HUNTBOOK_TOKEN")})
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Listen(); err != nil {
		t.Fatal(err)
	}
	t.Log(srv.URL())
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := srv.Serve(ctx); err != nil {
		t.Fatal(err)
	}
}
