package sema

import (
	"strconv"
	"strings"

	"github.com/huntbook/huntbook/kql/syntax"
	"github.com/huntbook/huntbook/table"
)

// exprName is the name Kusto gives a column computed by an unnamed
// expression, or "" when the expression suggests none (then the column
// is ColumnN). Names pass through parentheses, conversions and bin;
// dynamic paths join their parts with '_' (d.a["b"] → d_a_b); aggregates
// prefix their argument's name (sum(x) → sum_x, count() → count_).
func exprName(e syntax.Expr) string {
	switch e := e.(type) {
	case *syntax.Paren:
		return exprName(e.X)
	case *syntax.Ident:
		return e.Name
	case *syntax.Member:
		if id, ok := e.X.(*syntax.Ident); ok && (id.Name == "$left" || id.Name == "$right") {
			return e.Name.Name
		}
		return joinName(exprName(e.X), e.Name.Name)
	case *syntax.Index:
		sel := ""
		if lit, ok := e.Index.(*syntax.Literal); ok && lit.Value != nil {
			switch lit.Type {
			case table.String, table.Long, table.Int:
				sel = table.FormatValue(lit.Value)
			}
		}
		return joinName(exprName(e.X), sel)
	case *syntax.Call:
		return callName(e)
	}
	return ""
}

func joinName(left, right string) string {
	if strings.TrimSpace(left) == "" {
		return right
	}
	return left + "_" + right
}

// callName applies a function's naming rule to a call.
func callName(e *syntax.Call) string {
	f, ok := LookupFunction(e.Name.Name)
	if !ok {
		return ""
	}
	first := func() string {
		if len(e.Args) == 0 {
			return ""
		}
		return exprName(e.Args[0])
	}
	switch f.Naming {
	case NameFirstArg:
		return first()
	case NamePrefixFirstArg:
		if len(e.Args) == 0 {
			return f.Prefix + "_"
		}
		return f.Prefix + "_" + first()
	case NamePrefixOnlyArg:
		if len(e.Args) == 1 {
			return f.Prefix + "_" + first()
		}
	case NameOnlyArg:
		if len(e.Args) == 1 {
			return first()
		}
	case NamePrefixOnly:
		return f.Prefix
	case NamePrefixTwoArgs:
		if len(e.Args) >= 2 {
			return f.Prefix + "_" + first() + "_" + exprName(e.Args[1])
		}
	case NameColumnArg:
		if len(e.Args) > 0 {
			if lit, ok := e.Args[0].(*syntax.Literal); ok {
				if s, ok := lit.Value.(string); ok {
					return s
				}
			}
		}
	}
	return ""
}

// nameFragment turns a constant into a name part (99.9 → 99_9), as the
// percentile columns are named.
func nameFragment(v any) string {
	s := table.FormatValue(v)
	var b strings.Builder
	for _, r := range s {
		if r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	return b.String()
}

// columns builds an output schema, renaming a column whose name is
// already taken the way Kusto does (x, x1, x2, ...).
type columns struct {
	cols  []table.Column
	taken map[string]bool
}

func newColumns() *columns { return &columns{taken: map[string]bool{}} }

// add appends a column under a free name derived from name and returns it.
func (b *columns) add(name string, t table.Type) string {
	name = b.free(name)
	b.taken[name] = true
	b.cols = append(b.cols, table.Column{Name: name, Type: t})
	return name
}

// free returns name, or name with the smallest number suffix not taken.
func (b *columns) free(name string) string {
	if !b.taken[name] {
		return name
	}
	for i := 1; ; i++ {
		if n := name + strconv.Itoa(i); !b.taken[n] {
			return n
		}
	}
}

// columnN returns the next unused ColumnN name, counting from *n.
func columnN(n *int, taken func(string) bool) string {
	for {
		*n++
		name := "Column" + strconv.Itoa(*n)
		if !taken(name) {
			return name
		}
	}
}
