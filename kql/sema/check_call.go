package sema

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/huntbook/huntbook/kql/syntax"
	"github.com/huntbook/huntbook/table"
)

// call checks a function call in a scalar position: a user function, a
// built-in function, an aggregate (in summarize) or a window function.
func (c *checker) call(e *syntax.Call, sc *scope, row *rowCtx) Expr {
	if e.Recv != nil {
		c.unsupported(e, "cross-cluster and cross-database references")
	}
	name := e.Name.Name
	if sym, ok := sc.lookup(name); ok && sym.fn != nil {
		if c.funcReturnsTable(sym) {
			c.errorf(e, "function '%s' returns a table; a scalar is expected here", name)
		}
		inner := c.bindCall(e, sym, sc, row, nil)
		return inFunc(c, sym, e, func() Expr {
			c.bodyScope(sym.fn.Fn.Body, inner)
			return c.scalar(sym.fn.Fn.Body.Result, inner, nil)
		})
	}
	switch name {
	case "toscalar":
		return c.toscalar(e, sc, row)
	case "materialize", "view", "table", "range_table":
		c.errorf(e, "%s() is tabular; a scalar is expected here", name)
	case "now":
		return c.now(e, sc, row)
	case "ago":
		return c.ago(e, sc, row)
	case "column_ifexists", "columnifexists":
		return c.columnIfExists(e, sc, row)
	case "column_names_of":
		return c.columnNamesOf(e, sc)
	case "ingestion_time":
		return c.ingestionTime(e, row)
	case "pack_all":
		return c.packAll(e, sc, row)
	}
	f, ok := LookupFunction(name)
	if !ok || f.Kind == KindOperator {
		c.unknownFunction(e, sc)
	}
	return c.builtin(e, f, sc, row)
}

// unknownFunction reports a call to a name that is no function.
func (c *checker) unknownFunction(e *syntax.Call, sc *scope) {
	name := e.Name.Name
	if sym, ok := sc.lookup(name); ok && sym.tab != nil {
		c.errorf(e.Name, "'%s' is a table, not a function", name)
	}
	if sym, ok := sc.lookup(name); ok && sym.pattern != nil {
		c.errorf(e.Name, "'%s' is a pattern: it gives a table, a scalar is expected here", name)
	}
	if knownUnsupported[name] {
		c.unsupported(e.Name, "the function "+name+"()")
	}
	var names []string
	for _, f := range Functions() {
		if f.Kind != KindOperator {
			names = append(names, f.Name)
		}
	}
	c.errorf(e.Name, "unknown function '%s'%s", name, didYouMean(name, append(names, sc.all()...)))
}

// builtin checks a call of a built-in function against its signatures.
func (c *checker) builtin(e *syntax.Call, f *Function, sc *scope, row *rowCtx) Expr {
	if tw := scalarTwin(f, e, row); tw != nil {
		f = tw
	}
	argRow := row
	switch f.Kind {
	case KindAggregate:
		if row == nil || !row.aggOK {
			c.errorf(e.Name, "the aggregate %s() is only allowed in summarize, make-series and similar operators", f.Name)
		}
		if row.inAgg {
			c.errorf(e.Name, "aggregates cannot be nested (%s() inside another aggregate)", f.Name)
		}
		row.usedAgg = true
		inner := *row
		inner.inAgg, inner.aggOK = true, false
		argRow = &inner
	case KindWindow:
		if row == nil || !row.windowOK {
			c.errorf(e.Name, "the window function %s() is only allowed in extend, project or serialize over a serialized input", f.Name)
		}
		row.usedWindow = true
	}
	args := c.callArgs(e, f, sc, argRow)
	for _, i := range f.Constant {
		if i < len(args) && !IsConstant(args[i]) {
			c.errorf(e.Args[i], "argument %d of %s() must be a constant", i+1, f.Name)
		}
	}
	c.checkRegexArg(e, f, args)
	c.checkPartArg(e, f, args)
	if f.Check != nil {
		args, t := f.Check(c, e, args)
		return &Call{Fn: f, Args: args, T: t}
	}
	return c.resolve(e, f, args)
}

// calendarParts are the part names (any case) the datetime functions
// that take one accept, as Kusto's documentation lists them.
var calendarParts = func() map[string]map[string]bool {
	set := func(names ...string) map[string]bool {
		m := map[string]bool{}
		for _, n := range names {
			m[n] = true
		}
		return m
	}
	arith := set("year", "quarter", "month", "week", "day", "hour", "minute", "second", "millisecond", "microsecond", "nanosecond")
	part := set("year", "quarter", "month", "week_of_year", "day", "dayofyear", "hour", "minute", "second", "millisecond",
		"microsecond", "nanosecond")
	return map[string]map[string]bool{"datetime_add": arith, "datetime_diff": arith, "datetime_part": part, "datepart": part}
}()

// checkPartArg reports an unknown constant part name of datetime_add,
// datetime_diff and datetime_part at its position.
func (c *checker) checkPartArg(e *syntax.Call, f *Function, args []Expr) {
	parts, ok := calendarParts[f.Name]
	if !ok || len(args) == 0 {
		return
	}
	if lit, ok := args[0].(*Literal); ok {
		if name, ok := lit.Value.(string); ok && !parts[strings.ToLower(name)] {
			c.errorf(e.Args[0], "%s(): unknown part '%s'", f.Name, name)
		}
	}
}

// regexArg is the position of the regular expression among a function's
// arguments.
var regexArg = map[string]int{
	"extract": 0, "extract_all": 0, "extractall": 0, "replace_regex": 1, "trim": 0, "trim_start": 0, "trim_end": 0,
	"indexof_regex": 1,
}

// checkRegexArg reports a constant regular expression that does not
// compile (RE2, as Kusto's) at its position, as Kusto rejects the query,
// rather than as an engine error at run time.
func (c *checker) checkRegexArg(e *syntax.Call, f *Function, args []Expr) {
	i, ok := regexArg[f.Name]
	if !ok || i >= len(args) {
		return
	}
	c.checkRegexLiteral(e.Args[i], f.Name+"()", args[i])
}

// checkRegexLiteral reports a constant regular expression that does not
// compile at n.
func (c *checker) checkRegexLiteral(n syntax.Node, what string, e Expr) {
	lit, ok := e.(*Literal)
	if !ok {
		return
	}
	if re, ok := lit.Value.(string); ok {
		if _, err := regexp.Compile(re); err != nil {
			c.errorf(n, "%s: invalid regular expression: %v", what, err)
		}
	}
}

// callArgs checks the arguments of a built-in call; * expands to the
// row's columns where the function allows it.
func (c *checker) callArgs(e *syntax.Call, f *Function, sc *scope, row *rowCtx) []Expr {
	var args []Expr
	for _, a := range e.Args {
		switch a := a.(type) {
		case *syntax.Wildcard:
			if !f.Star || a.Pattern != "*" || row == nil {
				c.errorf(a, "'*' is not allowed as an argument of %s()", f.Name)
			}
			for _, col := range row.cols {
				args = append(args, &ColumnRef{Name: col.Name, T: col.Type})
			}
		case *syntax.NamedArg:
			c.errorf(a, "%s() takes no named arguments", f.Name)
		default:
			args = append(args, c.scalar(a, sc, row))
		}
	}
	return args
}

// resolve picks the first signature the arguments fit, converting
// dynamic arguments to strings where a string is expected.
func (c *checker) resolve(e *syntax.Call, f *Function, args []Expr) Expr {
	types := make([]table.Type, len(args))
	for i, a := range args {
		types[i] = a.Type()
	}
	var firstBad string
	for _, sig := range f.Sigs {
		lo, hi := sig.arity()
		if len(args) < lo || hi >= 0 && len(args) > hi {
			continue
		}
		conv, bad := fitSig(sig, types)
		if bad >= 0 {
			if firstBad == "" {
				prm, _ := sig.paramAt(bad)
				firstBad = fmt.Sprintf("argument %d of %s() must be %s, got %s", bad+1, f.Name, kindName(prm.Kind), types[bad])
			}
			continue
		}
		out := make([]Expr, len(args))
		for i, a := range args {
			out[i] = a
			if conv[i] {
				out[i] = c.convert(a, table.String)
				types[i] = table.String
			}
		}
		return &Call{Fn: f, Args: out, T: sig.Result(types)}
	}
	if firstBad != "" {
		c.errorf(e, "%s", firstBad)
	}
	c.errorf(e, "%s() takes %s arguments, got %d", f.Name, f.arityText(), len(args))
	return nil
}

// fitSig checks argument types against a signature: which arguments need
// a string conversion, and the index of the first that does not fit (-1).
func fitSig(sig Sig, types []table.Type) ([]bool, int) {
	conv := make([]bool, len(types))
	for i, t := range types {
		prm, _ := sig.paramAt(i)
		ok, toStr := accepts(prm.Kind, t)
		if !ok {
			return nil, i
		}
		conv[i] = toStr
	}
	return conv, -1
}

// toscalar turns a tabular expression into its single value.
func (c *checker) toscalar(e *syntax.Call, sc *scope, row *rowCtx) Expr {
	if len(e.Args) != 1 {
		c.errorf(e, "toscalar() takes 1 argument, got %d", len(e.Args))
	}
	if !c.isTabular(e.Args[0], sc) {
		return c.scalar(e.Args[0], sc, row)
	}
	q := c.tabular(e.Args[0], sc)
	cols := q.Schema()
	if len(cols) == 0 {
		c.errorf(e, "toscalar() of a table without columns")
	}
	return &Subquery{Query: q, T: cols[0].Type}
}

// now is the query's clock, plus an optional offset.
func (c *checker) now(e *syntax.Call, sc *scope, row *rowCtx) Expr {
	nowLit := &Literal{T: table.DateTime, Value: c.opts.Now}
	switch len(e.Args) {
	case 0:
		return nowLit
	case 1:
		off := c.scalar(e.Args[0], sc, row)
		if off.Type() != table.TimeSpan {
			c.errorf(e.Args[0], "now() takes a timespan offset, got %s", off.Type())
		}
		return foldDateTimeAdd(nowLit, off, 1)
	}
	c.errorf(e, "now() takes 0 or 1 arguments, got %d", len(e.Args))
	return nil
}

// ago is now() minus a timespan.
func (c *checker) ago(e *syntax.Call, sc *scope, row *rowCtx) Expr {
	if len(e.Args) != 1 {
		c.errorf(e, "ago() takes 1 argument, got %d", len(e.Args))
	}
	off := c.scalar(e.Args[0], sc, row)
	if off.Type() != table.TimeSpan {
		c.errorf(e.Args[0], "ago() takes a timespan, got %s", off.Type())
	}
	return foldDateTimeAdd(&Literal{T: table.DateTime, Value: c.opts.Now}, off, -1)
}

// bindCall binds the arguments of a user function call to its parameters
// in a new scope under the function's definition scope. input, when
// set, is the first (tabular) argument (invoke).
func (c *checker) bindCall(e *syntax.Call, sym *symbol, sc *scope, row *rowCtx, input Tabular) *scope {
	fnx := sym.fn.Fn
	inner := newScope(sym.fnScope)
	given := map[string]syntax.Expr{}
	pos := 0
	params := fnx.Params
	if input != nil {
		if len(params) == 0 || params[0].Type == nil || params[0].Type.Name != "" {
			c.errorf(e, "invoke needs a function whose first parameter is a table")
		}
		c.bindTableParam(e, params[0], input, inner)
		params = params[1:]
	}
	for _, a := range e.Args {
		if na, ok := a.(*syntax.NamedArg); ok {
			given[na.Name.Name] = na.Value
			continue
		}
		if pos >= len(params) {
			c.errorf(a, "too many arguments for %s(): it takes %d", sym.fn.Name, len(params))
		}
		given[params[pos].Name.Name] = a
		pos++
	}
	for _, prm := range params {
		arg, ok := given[prm.Name.Name]
		delete(given, prm.Name.Name)
		if prm.Type != nil && prm.Type.Name == "" {
			if !ok {
				c.errorf(e, "missing table argument '%s' of %s()", prm.Name.Name, sym.fn.Name)
			}
			c.bindTableParam(arg, prm, c.tabular(arg, sc), inner)
			continue
		}
		t := c.typeRef(prm.Type)
		var v Expr
		switch {
		case ok:
			v = c.coerce(arg, c.scalar(arg, sc, row), t)
		case prm.Default != nil:
			v = inFunc(c, sym, e, func() Expr { return c.coerce(prm.Default, c.scalar(prm.Default, sym.fnScope, nil), t) })
		default:
			c.errorf(e, "missing argument '%s' of %s()", prm.Name.Name, sym.fn.Name)
		}
		inner.bind(prm.Name.Name, &symbol{scalar: v})
	}
	for n := range given {
		c.errorf(e, "%s() has no parameter '%s'", sym.fn.Name, n)
	}
	return inner
}

// bindTableParam binds a tabular argument, checking the columns the
// parameter's schema declares.
func (c *checker) bindTableParam(n syntax.Node, prm *syntax.FuncParam, t Tabular, inner *scope) {
	have := t.Schema()
	for _, want := range c.schemaRef(prm.Type) {
		i := columnIndex(have, want.Name)
		if i < 0 {
			c.errorf(n, "table argument '%s' lacks the column '%s' its parameter declares", prm.Name.Name, want.Name)
		}
		if have[i].Type != want.Type {
			c.errorf(n, "column '%s' of table argument '%s' is %s, the parameter declares %s",
				want.Name, prm.Name.Name, have[i].Type, want.Type)
		}
	}
	inner.bind(prm.Name.Name, &symbol{tab: t})
}

// inFunc runs f with the function's own source text for error positions
// (a function bound by an earlier query was parsed from another text),
// counting the nesting of calls. An error inside a stored function is
// moved to at, the call in the caller's text.
func inFunc[T any](c *checker, sym *symbol, at syntax.Node, f func() T) T {
	if sym.stored {
		defer c.relocateStoredError(sym, at)
	}
	c.depth++
	defer func() { c.depth-- }()
	if c.depth > maxCallDepth {
		c.errorf(sym.fn.Fn, "function calls nested too deep (recursive function '%s'?)", sym.fn.Name)
	}
	if sym.fn.Src != "" && sym.fn.Src != c.src {
		src, lines := c.src, c.lines
		c.src, c.lines = sym.fn.Src, syntax.NewLineIndex(sym.fn.Src)
		defer func() { c.src, c.lines = src, lines }()
	}
	return f()
}

// bodyScope binds the let statements of a function body.
func (c *checker) bodyScope(body *syntax.FuncBody, inner *scope) *scope {
	for _, st := range body.Stmts {
		switch st := st.(type) {
		case *syntax.LetStmt:
			c.letStmt(st, inner)
		case *syntax.QueryParamsStmt:
			c.queryParams(st, inner)
		default:
			c.errorf(st, "only let statements may precede the result of a function body")
		}
	}
	return inner
}

// knownUnsupported are real KQL functions huntbook does not implement:
// calling one gives "not supported", not "unknown".
var knownUnsupported = func() map[string]bool {
	m := map[string]bool{}
	for _, n := range strings.Fields(`cursor_after cursor_before_or_at cursor_current current_cluster_endpoint
		current_database current_principal current_principal_details current_principal_is_member_of
		extent_id extent_tags estimate_data_size cluster database table
		geo_h3cell_children
		geo_h3cell_level geo_h3cell_neighbors geo_h3cell_parent geo_h3cell_rings geo_h3cell_to_central_point
		geo_h3cell_to_polygon geo_intersection_2polygons
		geo_line_buffer
		geo_line_centroid geo_line_densify geo_line_simplify geo_line_to_s2cells
		geo_point_buffer geo_point_to_h3cell
		geo_polygon_buffer geo_polygon_densify
		geo_polygon_simplify geo_polygon_to_h3cells
		geo_simplify_polygons_array
		geo_union_lines_array geo_union_polygons_array
		geo_info_from_ip_address
		ai_embed_text ai_chat_completion ai_chat_completion_prompt`) {
		m[n] = true
	}
	return m
}()

// columnIfExists resolves column_ifexists(name, default) while checking:
// the row's column when it has one by that (constant) name, with the
// column's type, else the default expression.
func (c *checker) columnIfExists(e *syntax.Call, sc *scope, row *rowCtx) Expr {
	if len(e.Args) != 2 {
		c.errorf(e, "%s() takes 2 arguments, got %d", e.Name.Name, len(e.Args))
	}
	name, ok := c.scalar(e.Args[0], sc, nil).(*Literal)
	text, isString := "", false
	if ok {
		text, isString = name.Value.(string)
	}
	if !isString {
		c.errorf(e.Args[0], "argument 1 of %s() must be a constant string", e.Name.Name)
	}
	if row != nil {
		for _, col := range row.cols {
			if col.Name == text {
				return &ColumnRef{Name: col.Name, T: col.Type}
			}
		}
	}
	return c.scalar(e.Args[1], sc, row)
}

// ingestionTime resolves ingestion_time(). huntbook's tables record no
// ingestion time, so it stands for the row's TimeGenerated, the time the
// Log Analytics tables that hunting queries read are stamped with (an
// ingestion delay computed from it is zero). On rows without a
// TimeGenerated datetime it is unsupported rather than guessed.
func (c *checker) ingestionTime(e *syntax.Call, row *rowCtx) Expr {
	if len(e.Args) != 0 {
		c.errorf(e, "ingestion_time() takes no arguments, got %d", len(e.Args))
	}
	if row != nil {
		for _, col := range row.cols {
			if col.Name == "TimeGenerated" && col.Type == table.DateTime {
				return &ColumnRef{Name: col.Name, T: col.Type}
			}
		}
	}
	c.unsupported(e.Name, "ingestion_time() on rows without a TimeGenerated datetime column")
	return nil
}

// columnNamesOf is column_names_of(T): the column names of a tabular
// expression's schema, known while checking, as a dynamic array.
func (c *checker) columnNamesOf(e *syntax.Call, sc *scope) Expr {
	if len(e.Args) != 1 {
		c.errorf(e, "column_names_of() takes 1 argument, got %d", len(e.Args))
	}
	if !c.isTabular(e.Args[0], sc) {
		c.errorf(e.Args[0], "column_names_of() takes a tabular expression")
	}
	names := []any{}
	for _, col := range c.tabular(e.Args[0], sc).Schema() {
		names = append(names, col.Name)
	}
	return &Literal{T: table.Dynamic, Value: names}
}
