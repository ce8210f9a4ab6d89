package sema

import (
	"fmt"

	"github.com/huntbook/huntbook/kql/syntax"
)

// FunctionCatalog is a Catalog that also stores functions: the workspace's
// saved functions and parsers, such as Sentinel's ASIM normalisation
// functions (imProcessCreate, _Im_Dns, ...). A query calls one like a
// function bound by let, and one without parameters (or whose parameters
// all have defaults) also by its bare name, as a table. Let-bound names
// and the catalog's tables take precedence over stored functions.
type FunctionCatalog interface {
	Catalog
	// Function returns the definition of the named function (exact,
	// case-sensitive) as KQL function text:
	// `(p:type=default, ...) { [let ...;] body }`.
	Function(name string) (source string, ok bool)
	// FunctionNames lists every stored function, for suggestions.
	FunctionNames() []string
}

// storedScope returns the root scope of stored functions, or nil when the
// catalog stores none: the query's root scope resolves them through it,
// and their bodies are checked under it, seeing the catalog's tables and
// other stored functions but not the query's lets (as in Kusto, where a
// stored function is defined apart from the queries that call it). A
// definition is parsed on first use; one that does not parse is an error
// of the catalog, reported at the query's start.
func (c *checker) storedScope() *scope {
	fc, ok := c.opts.Catalog.(FunctionCatalog)
	if !ok {
		return nil
	}
	root := newScope(nil)
	root.storedNames = fc.FunctionNames
	parsed := map[string]*syntax.Function{} // by source: aliases share one
	root.stored = func(name string) (*symbol, bool) {
		if _, isTable := c.opts.Catalog.Table(name); isTable {
			return nil, false
		}
		src, ok := fc.Function(name)
		if !ok {
			return nil, false
		}
		fn := parsed[src]
		if fn == nil {
			var err error
			if fn, err = parseStoredFunction(src); err != nil {
				c.errorf(nil, "stored function '%s' does not parse: %v", name, err)
			}
			parsed[src] = fn
		}
		def := &FuncDef{Name: name, Src: storedPrefix + src, Fn: fn}
		return &symbol{fn: def, fnScope: root, stored: true}, true
	}
	return root
}

// storedPrefix makes a function definition text a let statement, which
// is where KQL's grammar has function literals. The spans of the parsed
// function are in the prefixed text; storedPosition takes the prefix off.
const storedPrefix = "let f="

// parseStoredFunction parses a function definition text.
func parseStoredFunction(src string) (*syntax.Function, error) {
	script, err := syntax.Parse(storedPrefix + src)
	if err != nil {
		return nil, err
	}
	if len(script.Stmts) == 1 {
		if let, ok := script.Stmts[0].(*syntax.LetStmt); ok {
			if fn, ok := let.Value.(*syntax.Function); ok {
				return fn, nil
			}
		}
	}
	return nil, fmt.Errorf("not a single function definition")
}

// storedPosition is the line:col, in a stored function's definition, of
// an offset in its prefixed text.
func storedPosition(def *FuncDef, offset int) syntax.Position {
	text := def.Src[len(storedPrefix):]
	return syntax.NewLineIndex(text).Position(max(0, offset-len(storedPrefix)))
}

// relocateStoredError turns an error inside a stored function's body,
// positioned in the function's own text, into an error at the call in the
// caller's query that still tells where in the function it arose: the
// analyst did not write that text and cannot see it.
func (c *checker) relocateStoredError(sym *symbol, at syntax.Node) {
	r := recover()
	if r == nil {
		return
	}
	b, ok := r.(bailout)
	if !ok || !sym.stored || at == nil {
		panic(r)
	}
	e := c.newError(at, b.err.Unsupported,
		fmt.Sprintf("in stored function '%s' (at %s of its definition): %s",
			sym.fn.Name, storedPosition(sym.fn, b.err.Span.Start), b.err.Msg))
	e.NeedsData = b.err.NeedsData
	panic(bailout{e})
}

// storedBare tells whether a stored function may be named without
// parentheses, as a table: Sentinel's parsers are, with every parameter
// taking its default (`imProcessCreate | where ...`).
func storedBare(sym *symbol) bool {
	if !sym.stored {
		return false
	}
	for _, p := range sym.fn.Fn.Params {
		if p.Default == nil {
			return false
		}
	}
	return true
}
