package exec

import (
	"errors"
	"regexp"
	"strings"

	"github.com/huntbook/huntbook/kql/sema"
	"github.com/huntbook/huntbook/kql/sqlgen"
	"github.com/huntbook/huntbook/kql/syntax"
)

// sqlgenFunction finds the function a generator error is about: "no SQL
// for f(types)", "f is not supported yet", "f with ... is not supported
// yet", "f: unknown part".
var sqlgenFunction = regexp.MustCompile(`^(?:no SQL for )?([a-z_][a-z0-9_]*)\b`)

// positionSQLError turns a generator error about a function into an
// unsupported sema error positioned at the function's first call in the
// query, so every unsupported feature reads as line:col: message. Errors
// it cannot place (a call inside a function bound by an earlier query)
// are returned as they are.
func positionSQLError(err error, script *syntax.Script, src string) error {
	var gerr *sqlgen.Error
	if !errors.As(err, &gerr) {
		return err
	}
	m := sqlgenFunction.FindStringSubmatch(gerr.Msg)
	if m == nil {
		return err
	}
	var call *syntax.Call
	syntax.Inspect(script, func(n syntax.Node) bool {
		if c, ok := n.(*syntax.Call); ok && call == nil && c.Name != nil && c.Name.Name == m[1] {
			call = c
		}
		return call == nil
	})
	if call == nil {
		return err
	}
	msg := gerr.Msg
	if rest, ok := strings.CutPrefix(msg, "no SQL for "); ok {
		msg = rest + " is not supported yet"
	}
	span := call.Range()
	return &sema.Error{Span: span, Pos: syntax.NewLineIndex(src).Position(span.Start), Msg: msg, Unsupported: true}
}
