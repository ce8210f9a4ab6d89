// Command huntbook is the threat-hunting notebook. All of its behaviour lives
// in internal/cli; main only supplies the process's context and streams.
package main

import (
	"context"
	"os"
	"os/signal"

	"github.com/huntbook/huntbook/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := cli.Run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
