package syntax

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/huntbook/huntbook/table"
)

// printer writes canonical KQL. The canonical form puts each operator of a
// statement-level pipeline on its own line and everything else on one line,
// spells every keyword, operator and literal one way, and brackets a name
// only when the bare name would read differently.
type printer struct {
	b strings.Builder
	// pipeStart is set while nothing has been written of an expression in
	// a position where a pipeline may begin with an operator: a name such
	// as `count` must then be bracketed or it would read as the operator.
	pipeStart bool
	// topPipe asks the next Pipeline to print one operator per line.
	topPipe bool
	// signedLits is set in literal-only positions (datatable cells,
	// parameter values and defaults), where -1 reads as one literal; in
	// expressions it reads as -(1), so negative numbers print as long(-1).
	signedLits bool
}

func nodeString(n Node) string {
	var p printer
	n.format(&p)
	return p.b.String()
}

// str writes text; every write ends a pipe start.
func (p *printer) str(s string) {
	p.pipeStart = false
	p.topPipe = false
	p.b.WriteString(s)
}

// list prints the elements separated by ", ".
func list[T Node](p *printer, xs []T) {
	for i, x := range xs {
		if i > 0 {
			p.str(", ")
		}
		x.format(p)
	}
}

// exprs prints expressions separated by ", ", each at the given precedence.
func (p *printer) exprs(xs []Expr, prec int) {
	for i, x := range xs {
		if i > 0 {
			p.str(", ")
		}
		p.expr(x, prec)
	}
}

// expr prints e, parenthesized when it binds looser than prec. Parsed trees
// keep their parentheses as Paren nodes, so this only adds parentheses to
// trees built by hand.
func (p *printer) expr(e Expr, prec int) {
	if e == nil {
		p.str("<missing>")
		return
	}
	if exprPrec(e) < prec {
		p.str("(")
		e.format(p)
		p.str(")")
		return
	}
	e.format(p)
}

// pipeExpr prints an expression in a position where a pipeline may start
// with an operator (statement, let value, parentheses, subquery).
func (p *printer) pipeExpr(e Expr) {
	p.pipeStart = true
	p.expr(e, 0)
	p.pipeStart = false
}

func exprPrec(e Expr) int {
	switch x := e.(type) {
	case *Pipeline:
		return 0
	case *Binary:
		return x.Op.Precedence()
	case *In, *Between:
		return precEquality
	case *Unary:
		return precUnary
	case *NamedArg:
		return precOr
	}
	return precPostfix
}

func isNegative(l *Literal) bool {
	switch v := l.Value.(type) {
	case int64:
		return v < 0
	case float64:
		return v < 0 && !math.IsInf(v, -1) // -inf and -0.0 have typed spellings already
	}
	return false
}

// name prints a name bare when the lexer and parser would read it back as
// the same name, and as ['...'] otherwise.
func (p *printer) name(s string) {
	if isBareName(s, p.pipeStart) {
		p.str(s)
		return
	}
	p.str("[" + quote(s, '\'') + "]")
}

// isBareName reports whether s can be written without brackets.
func isBareName(s string, pipeStart bool) bool {
	if !identShaped(s) || reservedWords[s] || s == "h" || s == "H" || s == "matches" {
		return false
	}
	return !pipeStart || !operatorWords[s]
}

// identShaped reports whether s lexes as one plain identifier token.
func identShaped(s string) bool {
	if s == "" || boolWords[s] {
		return false
	}
	for i, r := range s {
		switch {
		case r == '_' || unicode.IsLetter(r):
		case r == '$' && i == 0:
		case unicode.IsDigit(r) && i > 0:
		default:
			return false
		}
	}
	return true
}

// callName prints the name of a call bare when the parser reads name( as
// a call: not a type keyword (datetime( is a literal), not a word the
// parser treats specially, not an operator at the start of a pipeline.
func (p *printer) callName(s string) {
	special := typedLitWords[s] || isNonName(s) || s == "h" || s == "H" || s == "matches"
	switch s {
	case "dynamic", "typeof", "datatable", "externaldata", "external_data":
		special = true
	case "count", "range":
	default:
		special = special || (p.pipeStart && operatorWords[s])
	}
	if special || !identShaped(s) {
		p.str("[" + quote(s, '\'') + "]")
		return
	}
	p.str(s)
}

// quote writes s as a KQL string literal in quote q, escaping what the
// scanner would otherwise misread; bytes that are not UTF-8 become \xHH so
// the value survives a round trip.
func quote(s string, q byte) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte(q)
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == rune(q) || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	b.WriteByte(q)
	return b.String()
}

func (n *Script) format(p *printer) {
	for i, s := range n.Stmts {
		if i > 0 {
			p.str(";\n")
		}
		s.format(p)
	}
}

func (n *Ident) format(p *printer) { p.name(n.Name) }

func (n *Literal) format(p *printer) {
	if !p.signedLits && isNegative(n) {
		switch v := n.Value.(type) {
		case int64:
			p.str("long(" + strconv.FormatInt(v, 10) + ")")
			return
		case float64:
			p.str("real(" + realText(v) + ")")
			return
		}
	}
	p.str(literalText(n))
}

// literals prints expressions of a literal-only position.
func (p *printer) literals(xs []Expr) {
	p.signedLits = true
	p.exprs(xs, precUnary)
	p.signedLits = false
}

// literalText is the canonical spelling of a literal: one that the lexer
// and parser turn back into the same type and value.
func literalText(n *Literal) string {
	if n.Value == nil {
		if n.Type == table.String {
			return `""`
		}
		return n.Type.String() + "(null)"
	}
	switch v := n.Value.(type) {
	case string:
		switch n.Type {
		case table.String:
			if n.Obfuscated {
				return "h" + quote(v, '"')
			}
			return quote(v, '"')
		case table.GUID:
			return "guid(" + v + ")"
		case table.Decimal:
			return "decimal(" + v + ")"
		}
	case int64:
		return strconv.FormatInt(v, 10)
	case int32:
		return "int(" + strconv.FormatInt(int64(v), 10) + ")"
	case float64:
		return realText(v)
	case bool:
		return strconv.FormatBool(v)
	case time.Time:
		return "datetime(" + table.FormatDateTime(v) + ")"
	case time.Duration:
		return timeSpanText(v)
	}
	if n.Type == table.Dynamic {
		return "dynamic(" + dynamicText(n.Value) + ")"
	}
	return fmt.Sprintf("<bad literal %T>", n.Value)
}

// realText writes a real so it reads back as a real: 1.0, not 1.
func realText(f float64) string {
	switch {
	case math.IsNaN(f):
		return "real(nan)"
	case math.IsInf(f, 1):
		return "real(+inf)"
	case math.IsInf(f, -1):
		return "real(-inf)"
	case f == 0 && math.Signbit(f):
		return "real(-0.0)"
	}
	s := strconv.FormatFloat(f, 'g', -1, 64)
	if !strings.ContainsAny(s, ".e") {
		s += ".0"
	}
	return s
}

// timeSpanText writes a timespan in the largest unit that is exact;
// negative values use time(...) so they stay one literal.
func timeSpanText(d time.Duration) string {
	if d < 0 {
		return "time(" + table.FormatTimeSpan(d) + ")"
	}
	units := []struct {
		d    time.Duration
		name string
	}{{24 * time.Hour, "d"}, {time.Hour, "h"}, {time.Minute, "m"}, {time.Second, "s"},
		{time.Millisecond, "ms"}, {time.Microsecond, "microsecond"}, {table.Tick, "tick"}}
	for _, u := range units {
		if d%u.d == 0 {
			return strconv.FormatInt(int64(d/u.d), 10) + u.name
		}
	}
	return strconv.FormatInt(int64(d), 10) + "nanosecond"
}

// dynamicText writes a dynamic value as the JSON inside dynamic(...), with
// KQL string quoting and object keys sorted.
func dynamicText(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		return strconv.FormatBool(x)
	case json.Number:
		return x.String()
	case string:
		return quote(x, '"')
	case []any:
		var b strings.Builder
		b.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(dynamicText(e))
		}
		b.WriteByte(']')
		return b.String()
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var b strings.Builder
		b.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(quote(k, '"'))
			b.WriteString(": ")
			b.WriteString(dynamicText(x[k]))
		}
		b.WriteByte('}')
		return b.String()
	}
	return fmt.Sprintf("%q", fmt.Sprint(v))
}

func (n *TypeRef) format(p *printer) {
	if n.Name != "" {
		p.str(n.Name)
		return
	}
	p.str("(")
	list(p, n.Columns)
	if n.Open {
		if len(n.Columns) > 0 {
			p.str(", ")
		}
		p.str("*")
	}
	p.str(")")
}

func (n *ColumnDecl) format(p *printer) {
	n.Name.format(p)
	if n.Type != nil {
		p.str(":")
		n.Type.format(p)
	}
}

func (n *Param) format(p *printer) {
	p.str(n.Name.Name) // parameter names are keywords: never bracketed
	p.str("=")
	p.literals(n.Values)
}

// params prints operator parameters, each followed by a space.
func (p *printer) params(ps []*Param) {
	for _, x := range ps {
		x.format(p)
		p.str(" ")
	}
}

func (n *NamedExpr) format(p *printer) {
	switch len(n.Names) {
	case 0:
	case 1:
		n.Names[0].format(p)
		p.str(" = ")
	default:
		p.str("(")
		list(p, n.Names)
		p.str(") = ")
	}
	p.expr(n.Value, precOr)
}

var sortOrderText = [...]string{SortAsc: " asc", SortDesc: " desc", SortGrannyAsc: " granny-asc", SortGrannyDesc: " granny-desc"}

func (n *SortKey) format(p *printer) {
	p.expr(n.Expr, precOr)
	if int(n.Order) < len(sortOrderText) {
		p.str(sortOrderText[n.Order])
	}
	switch n.Nulls {
	case NullsFirst:
		p.str(" nulls first")
	case NullsLast:
		p.str(" nulls last")
	}
}

func (n *FuncParam) format(p *printer) {
	n.Name.format(p)
	p.str(":")
	if n.Type != nil {
		n.Type.format(p)
	}
	if n.Default != nil {
		p.str(" = ")
		p.literals([]Expr{n.Default})
	}
}

func (n *FuncBody) format(p *printer) {
	p.str("{ ")
	for _, s := range n.Stmts {
		s.format(p)
		p.str("; ")
	}
	if n.Result != nil {
		p.pipeExpr(n.Result)
		p.str(" ")
	}
	p.str("}")
}
