// Command testkernel is a TEST FIXTURE: huntbook's Jupyter kernel serving the
// scripted fake session of kernel/internal/fakesession instead of KQL, so the
// protocol can be tested against the real jupyter_client, jupyter console and
// nbconvert before the notebook session exists. Tests build it; it is not
// installed anywhere. Its command line is that of `huntbook kernel`.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"

	"github.com/huntbook/huntbook/kernel"
	"github.com/huntbook/huntbook/kernel/internal/fakesession"
)

func main() {
	fs := flag.NewFlagSet("testkernel", flag.ExitOnError)
	connFile := fs.String("connection-file", "", "Jupyter connection file")
	args := os.Args[1:]
	if len(args) > 0 && args[0] == "kernel" {
		args = args[1:] // accept huntbook's "kernel" subcommand word
	}
	fs.Parse(args)
	if *connFile == "" {
		fmt.Fprintln(os.Stderr, "testkernel: --connection-file is required")
		os.Exit(2)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	err := kernel.Serve(context.Background(), *connFile, kernel.Config{
		Session: fakesession.New(),
		Logger:  logger,
		Version: "0.0.0-testkernel",
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "testkernel:", err)
		os.Exit(1)
	}
}
