package session

import (
	"context"
	"fmt"
	"strings"

	"github.com/huntbook/huntbook/kql/sema"
	"github.com/huntbook/huntbook/table"
)

// Inspect describes the name at byte offset cursor of src, as plain text
// for a hover or Jupyter's Shift-Tab: a table or result with its columns
// and row count, a scalar let with its value, a let function, a built-in
// function with its signatures, an operator. found is false for a word
// the session does not know.
func (s *Session) Inspect(ctx context.Context, src string, cursor int) (text string, found bool, err error) {
	cursor = max(0, min(cursor, len(src)))
	start, end := wordAround(src, cursor)
	word := src[start:end]
	if word == "" {
		return "", false, nil
	}
	s.mu.Lock()
	env := s.env
	s.mu.Unlock()
	if v, ok := env.Scalar(word); ok {
		return fmt.Sprintf("%s: %s = %s (let)", word, v.T, table.FormatValue(v.Value)), true, nil
	}
	if cols, ok := env.Table(word); ok {
		rows := ""
		if e := s.Result(word); e != nil {
			rows = fmt.Sprintf(", %d rows, from execution %d", e.Rows, e.N)
		}
		return fmt.Sprintf("%s: result%s\n%s", word, rows, describeColumns(cols)), true, nil
	}
	if f, ok := env.Function(word); ok {
		return fmt.Sprintf("%s: function (let)\n%s", word, f.Fn.String()), true, nil
	}
	info, ok, err := s.ws.Table(ctx, word)
	if err != nil {
		return "", false, err
	}
	if ok {
		head := fmt.Sprintf("%s: table, %d rows", word, info.Rows)
		if !info.Stored {
			head = word + ": table with no data in this workspace (reads as empty)"
		}
		if info.Description != "" {
			head += "\n" + info.Description
		}
		return head + "\n" + describeColumns(info.Columns), true, nil
	}
	if f, ok := sema.LookupFunction(word); ok {
		return describeFunction(f), true, nil
	}
	for _, op := range operatorWordsList() {
		if op == word {
			return word + ": tabular operator", true, nil
		}
	}
	return "", false, nil
}

func describeColumns(cols []table.Column) string {
	var b strings.Builder
	for _, c := range cols {
		fmt.Fprintf(&b, "  %s: %s\n", c.Name, c.Type)
	}
	return strings.TrimRight(b.String(), "\n")
}

func describeFunction(f *sema.Function) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: function", f.Name)
	for _, sig := range f.Sigs {
		fmt.Fprintf(&b, "\n  %s", sigString(f.Name, sig))
	}
	return b.String()
}

// paramKindNames are short names of sema's parameter kinds for signatures.
var paramKindNames = map[sema.ParamKind]string{
	sema.PAny: "scalar", sema.PNotDynamic: "scalar", sema.PString: "string", sema.PBool: "bool",
	sema.PInt: "int", sema.PNum: "number", sema.PReal: "real", sema.PDateTime: "datetime",
	sema.PTimeSpan: "timespan", sema.PDynamic: "dynamic", sema.PSummable: "summable",
	sema.POrdered: "scalar", sema.PType: "type", sema.PStrDyn: "string|dynamic", sema.PText: "string",
}

// sigString writes one overload as name(string, [int], number...).
func sigString(name string, sig sema.Sig) string {
	parts := make([]string, len(sig.Params))
	for i, p := range sig.Params {
		t := paramKindNames[p.Kind]
		if t == "" {
			t = "any"
		}
		if p.Repeat {
			t += "..."
		}
		if p.Optional {
			t = "[" + t + "]"
		}
		parts[i] = t
	}
	return name + "(" + strings.Join(parts, ", ") + ")"
}
