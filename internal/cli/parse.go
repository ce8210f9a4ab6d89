package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/huntbook/huntbook/kql/syntax"
)

// runParse implements `huntbook parse [--json] (FILE | -)`: it prints the
// canonical KQL of a query, or its syntax tree as JSON; on syntax errors it
// prints one "line:col: message" line per error on stderr and exits 1.
func runParse(_ context.Context, args []string, stdio IO) error {
	fs := newFlagSet("parse", stdio)
	asJSON := fs.Bool("json", false, "print the syntax tree as JSON instead of canonical KQL")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: huntbook parse [--json] (FILE | -)")
		fmt.Fprintln(fs.Output(), "\nParses a KQL query (- reads standard input) and prints it in canonical form.")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return &exitError{code: 2}
	}
	src, err := readQuery(fs.Arg(0), stdio.Stdin)
	if err != nil {
		return err
	}
	script, err := syntax.Parse(src)
	if err != nil {
		var list syntax.ErrorList
		if !errors.As(err, &list) {
			return err
		}
		for _, e := range list {
			fmt.Fprintln(stdio.Stderr, e)
		}
		return &exitError{code: 1}
	}
	if *asJSON {
		b, err := syntax.JSON(script)
		if err != nil {
			return fmt.Errorf("parse: %w", err)
		}
		_, err = fmt.Fprintf(stdio.Stdout, "%s\n", b)
		return err
	}
	_, err = fmt.Fprintln(stdio.Stdout, script.String())
	return err
}

// readQuery reads a query from a file, or from stdin for "-". It reads at
// most one byte more than the parser accepts, so a huge file fails fast
// with the parser's size error instead of filling memory.
func readQuery(name string, stdin io.Reader) (string, error) {
	r := stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return "", fmt.Errorf("parse: %w", err)
		}
		defer f.Close()
		r = f
	}
	b, err := io.ReadAll(io.LimitReader(r, syntax.MaxSourceSize+1))
	if err != nil {
		return "", fmt.Errorf("parse: reading %s: %w", name, err)
	}
	return string(b), nil
}
