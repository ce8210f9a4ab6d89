package session

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/huntbook/huntbook/kql/syntax"
	"github.com/huntbook/huntbook/table"
)

// ApplyParameters rewrites the top-level `let` statements of a parameters
// cell whose names have overrides, replacing each value with the
// override's KQL literal (InferLiteral). Overrides naming no let of the
// cell are added as new lets at its end, as papermill injects unknown
// parameters, with a warning. It returns the new text and the literals
// applied by name.
//
// A let whose current value is a string literal keeps string type: the
// override is quoted as it is (so -p user=1234 stays the string "1234").
func ApplyParameters(src string, overrides map[string]string) (string, map[string]string, []string, error) {
	if len(overrides) == 0 {
		return src, nil, nil, nil
	}
	script, err := syntax.Parse(src)
	if err != nil {
		return src, nil, nil, fmt.Errorf("parameters cell: %w", err)
	}
	type edit struct {
		span syntax.Span
		text string
	}
	var edits []edit
	applied := map[string]string{}
	for _, st := range script.Stmts {
		let, ok := st.(*syntax.LetStmt)
		if !ok || let.Name == nil || let.Value == nil {
			continue
		}
		raw, ok := overrides[let.Name.Name]
		if !ok {
			continue
		}
		lit := InferLiteral(raw)
		if isStringLiteral(let.Value) {
			lit = QuoteString(raw)
		}
		edits = append(edits, edit{let.Value.Range(), lit})
		applied[let.Name.Name] = lit
	}
	sort.Slice(edits, func(i, j int) bool { return edits[i].span.Start > edits[j].span.Start })
	out := src
	for _, e := range edits {
		out = out[:e.span.Start] + e.text + out[e.span.End:]
	}
	var warnings []string
	var extra []string
	for _, name := range sortedKeys(overrides) {
		if _, ok := applied[name]; ok {
			continue
		}
		lit := InferLiteral(overrides[name])
		applied[name] = lit
		extra = append(extra, fmt.Sprintf("let %s = %s;", bracketName(name), lit))
		warnings = append(warnings, fmt.Sprintf("parameter %q is not a let of the parameters cell: added as a new let", name))
	}
	if len(extra) > 0 {
		out = strings.TrimRight(out, " \t\r\n")
		if out != "" && !strings.HasSuffix(out, ";") {
			out += ";"
		}
		out += "\n// injected parameters\n" + strings.Join(extra, "\n")
	}
	return out, applied, warnings, nil
}

func isStringLiteral(e syntax.Expr) bool {
	lit, ok := e.(*syntax.Literal)
	return ok && lit.Type == table.String
}

// InferLiteral turns an override string into the KQL literal it most
// likely means, as papermill infers the type of `-p` values: integers
// become long, other numbers real, true/false bool, text that parses as a
// KQL timespan (1h, 30m, 1.02:03:04) a timespan, text that parses as a
// date or date-time (2024-01-31, 2024-01-31T10:00:00Z) a datetime, and
// anything else a string. A value already written as a KQL literal
// (datetime(...), "text", dynamic([...])) is kept as written.
func InferLiteral(v string) string {
	t := strings.TrimSpace(v)
	switch {
	case t == "":
		return `""`
	case strings.EqualFold(t, "true") || strings.EqualFold(t, "false"):
		return strings.ToLower(t)
	case strings.EqualFold(t, "null") || strings.EqualFold(t, "none"):
		return `""`
	}
	if _, err := strconv.ParseInt(t, 10, 64); err == nil {
		return t
	}
	if f, err := strconv.ParseFloat(t, 64); err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) {
		s := strconv.FormatFloat(f, 'g', -1, 64)
		if !strings.ContainsAny(s, ".e") {
			s += ".0"
		}
		return "real(" + s + ")"
	}
	if isKQLLiteral(t) {
		return t
	}
	if _, err := syntax.ParseTimeSpan(t); err == nil && startsWithDigit(t) {
		return "timespan(" + t + ")"
	}
	if _, err := syntax.ParseDateTime(t); err == nil && startsWithDigit(t) {
		return "datetime(" + t + ")"
	}
	return QuoteString(v)
}

// isKQLLiteral reports whether t is one literal expression in KQL syntax
// (a quoted string, a typed literal, dynamic(...)) and nothing else: no
// comment or trailing text that would swallow or add to the cell's text.
func isKQLLiteral(t string) bool {
	e, err := syntax.ParseExpr(t)
	if err != nil || e.Range() != (syntax.Span{Start: 0, End: len(t)}) {
		return false
	}
	switch x := e.(type) {
	case *syntax.Literal:
		return true
	case *syntax.Call:
		return x.Name != nil && x.Name.Name == "dynamic"
	}
	return false
}

func startsWithDigit(s string) bool { return s != "" && s[0] >= '0' && s[0] <= '9' }

// QuoteString writes s as a KQL string literal.
func QuoteString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// bracketName writes a name so it parses as one identifier.
func bracketName(name string) string {
	ok := name != "" && !syntax.IsKeyword(name)
	for i, r := range name {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9') {
			ok = false
		}
	}
	if ok {
		return name
	}
	return "['" + strings.ReplaceAll(strings.ReplaceAll(name, `\`, `\\`), "'", `\'`) + "']"
}

func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
