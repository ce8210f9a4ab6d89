package sema

import (
	"fmt"
	"strings"

	"github.com/huntbook/huntbook/kql/syntax"
	"github.com/huntbook/huntbook/table"
)

// patternCall checks an invocation of a declared pattern,
// Name(Arg, ...) or Name(Arg, ...).Path: the arguments (and the path)
// are constant strings, matched exactly against the pattern's
// definitions; the matching definition's body is the table. The body is
// checked in the scope of the declaration, with the parameters bound to
// the invocation's values. path is nil when the invocation has none.
func (c *checker) patternCall(e *syntax.Call, path *syntax.Ident, sym *symbol, sc *scope) Tabular {
	p := sym.pattern
	if len(e.Args) != len(p.Params) {
		c.errorf(e, "pattern '%s' takes %d arguments, got %d", p.Name.Name, len(p.Params), len(e.Args))
	}
	args := make([]string, len(e.Args))
	for i, a := range e.Args {
		args[i] = c.patternValue(a, sc)
	}
	switch {
	case p.PathParam != nil && path == nil:
		c.errorf(e, "pattern '%s' needs a path: %s(...).%s", p.Name.Name, p.Name.Name, p.PathParam.Name.Name)
	case p.PathParam == nil && path != nil:
		c.errorf(path, "pattern '%s' has no path parameter", p.Name.Name)
	case path != nil && path.Name == "*":
		c.unsupported(path, "a pattern invoked with a wildcard path")
	}
	for _, m := range p.Matches {
		if !c.patternMatches(m, args, path, sym.fnScope) {
			continue
		}
		inner := newScope(sym.fnScope)
		for i, prm := range p.Params {
			inner.bind(prm.Name.Name, &symbol{scalar: &Literal{T: table.String, Value: args[i]}})
		}
		if path != nil {
			inner.bind(p.PathParam.Name.Name, &symbol{scalar: &Literal{T: table.String, Value: path.Name}})
		}
		c.bodyScope(m.Body, inner)
		return c.tabular(m.Body.Result, inner)
	}
	what := fmt.Sprintf("(%s)", quoteAll(args))
	if path != nil {
		what += fmt.Sprintf(".[%q]", path.Name)
	}
	c.errorf(e, "pattern '%s' has no definition for %s", p.Name.Name, what)
	return nil
}

// patternMember checks Name(Args).Path, the invocation with a path.
func (c *checker) patternMember(e *syntax.Member, sc *scope) Tabular {
	call, ok := e.X.(*syntax.Call)
	if !ok {
		c.errorf(e, "expected a tabular expression")
	}
	sym, ok := sc.lookup(call.Name.Name)
	if !ok || sym.pattern == nil {
		c.errorf(e, "expected a tabular expression ('%s' is no pattern)", call.Name.Name)
	}
	return c.patternCall(call, e.Name, sym, sc)
}

// patternValue is the constant string value of a pattern argument.
func (c *checker) patternValue(e syntax.Expr, sc *scope) string {
	v := c.scalar(e, sc, nil)
	lit, ok := v.(*Literal)
	if !ok || lit.T != table.String {
		c.errorf(e, "a pattern argument must be a constant string")
	}
	return lit.Value.(string)
}

// patternMatches reports whether a definition is the one invoked.
func (c *checker) patternMatches(m *syntax.PatternMatch, args []string, path *syntax.Ident, declScope *scope) bool {
	if len(m.Args) != len(args) {
		c.errorf(m, "this definition has %d arguments; the pattern declares %d", len(m.Args), len(args))
	}
	for i, a := range m.Args {
		if c.patternValue(a, declScope) != args[i] {
			return false
		}
	}
	if path == nil {
		return m.Path == nil
	}
	return m.Path != nil && c.patternValue(m.Path, declScope) == path.Name
}

func quoteAll(vs []string) string {
	q := make([]string, len(vs))
	for i, v := range vs {
		q[i] = fmt.Sprintf("%q", v)
	}
	return strings.Join(q, ", ")
}
