package sema

import (
	"strconv"
	"strings"
	"time"

	"github.com/huntbook/huntbook/table"
)

// operatorFuncs are the operators as functions: the checker types them by
// Kusto's operator rules (check_binary.go), so they carry no signatures.
// "neg" is unary minus and "[]" a dynamic property or element access.
func operatorFuncs() []*Function {
	names := `+ - * / % == != < <= > >= and or neg [] =~ !~ between !between
		in !in in~ !in~ has_any has_all`
	var out []*Function
	for _, n := range strings.Fields(names) {
		out = append(out, &Function{Name: n, Kind: KindOperator})
	}
	for _, op := range []string{"has", "hasprefix", "hassuffix", "contains", "startswith", "endswith"} {
		for _, n := range []string{op, "!" + op, op + "_cs", "!" + op + "_cs"} {
			out = append(out, &Function{Name: n, Kind: KindOperator})
		}
	}
	out = append(out, &Function{Name: "matches regex", Kind: KindOperator})
	return out
}

// opFunc returns an operator's function entry.
func opFunc(name string) *Function {
	f, ok := LookupFunction(name)
	if !ok {
		panic("sema: no operator " + name)
	}
	return f
}

// foldDateTimeAdd computes dt + sign*off, folding it when both are
// literals (now() - 1d is a constant of the query).
func foldDateTimeAdd(dt *Literal, off Expr, sign int) Expr {
	if l, ok := off.(*Literal); ok {
		if l.Value == nil {
			return &Literal{T: table.DateTime}
		}
		d := l.Value.(time.Duration)
		return &Literal{T: table.DateTime, Value: dt.Value.(time.Time).Add(time.Duration(sign) * d)}
	}
	op := "+"
	if sign < 0 {
		op = "-"
	}
	return &Call{Fn: opFunc(op), Args: []Expr{dt, off}, T: table.DateTime}
}

func itoa(i int) string { return strconv.Itoa(i) }
