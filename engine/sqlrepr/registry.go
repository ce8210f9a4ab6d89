package sqlrepr

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/huntbook/huntbook/table"
)

// Func is one KQL function (or string operator) and the SQL that computes
// it over the representation this package fixes.
type Func struct {
	// Name is the KQL name: "has", "parse_url", "ipv4_is_in_range", ...
	// Operators carry their KQL spelling ("has", "!has", "hasprefix_cs").
	Name string
	// Args are the KQL argument types; Any accepts every type. Optional
	// arguments are separate overloads (one Func per arity).
	Args []table.Type
	// Variadic lets the last argument repeat; $* then spells them all.
	Variadic bool
	// Result is the KQL result type.
	Result table.Type
	// SQL is the expression template: $1, $2, ... are the SQL of the
	// arguments (already in their DuckDB representation), $* all of them
	// separated by commas. Every argument appears at most once, so it can
	// be any expression.
	SQL string
	// Impl says what SQL calls: a DuckDB built-in, an engine macro or a Go
	// UDF. It is documentation for people; SQL is what runs.
	Impl Impl
	// Null is what a null argument does.
	Null NullRule
	// Note says why the function is done this way, and what differs from
	// Kusto, for the next person who wonders.
	Note string
}

// Any, in Func.Args, accepts an argument of any KQL type.
const Any = table.Invalid

// Impl is the kind of SQL behind a function.
type Impl uint8

const (
	// ImplBuiltin: a DuckDB function or expression.
	ImplBuiltin Impl = iota + 1
	// ImplMacro: an engine SQL macro (see Macros), made of DuckDB built-ins
	// and possibly Go UDFs evaluated once at plan time.
	ImplMacro
	// ImplUDF: a Go function registered in DuckDB (see UDFs); it costs about
	// 70-150 ns per row, so hot paths prefer SQL.
	ImplUDF
)

func (i Impl) String() string {
	switch i {
	case ImplBuiltin:
		return "builtin"
	case ImplMacro:
		return "macro"
	case ImplUDF:
		return "go-udf"
	}
	return "impl(" + strconv.Itoa(int(i)) + ")"
}

// NullRule says what a null argument does to a function.
type NullRule uint8

const (
	// NullPropagates: any null argument gives null (SQL's rule). Strings
	// are never null in KQL, so for string arguments this never fires.
	NullPropagates NullRule = iota + 1
	// NullAware: the function sees null arguments and decides (string
	// arguments read as "", and most such functions never return null).
	NullAware
)

func (n NullRule) String() string {
	switch n {
	case NullPropagates:
		return "propagates"
	case NullAware:
		return "aware"
	}
	return "null(" + strconv.Itoa(int(n)) + ")"
}

// Expand fills the template with the SQL of the arguments.
func (f Func) Expand(args ...string) (string, error) {
	if !f.Variadic && len(args) != len(f.Args) || f.Variadic && len(args) < len(f.Args)-1 {
		return "", fmt.Errorf("sqlrepr: %s takes %d arguments, got %d", f.Name, len(f.Args), len(args))
	}
	var b strings.Builder
	t := f.SQL
	for {
		i := strings.IndexByte(t, '$')
		if i < 0 || i == len(t)-1 {
			b.WriteString(t)
			return b.String(), nil
		}
		b.WriteString(t[:i])
		t = t[i+1:]
		if t[0] == '*' {
			b.WriteString(strings.Join(args, ", "))
			t = t[1:]
			continue
		}
		j := 0
		for j < len(t) && t[j] >= '0' && t[j] <= '9' {
			j++
		}
		if j == 0 {
			b.WriteByte('$')
			continue
		}
		n, _ := strconv.Atoi(t[:j])
		if n < 1 || n > len(args) {
			return "", fmt.Errorf("sqlrepr: %s template refers to argument %d of %d", f.Name, n, len(args))
		}
		b.WriteString(args[n-1])
		t = t[j:]
	}
}

// Functions returns the registry, sorted by name then arity.
func Functions() []Func {
	var all []Func
	for _, group := range [][]Func{termFuncs(), stringOpFuncs(), stringFuncs(), urlFuncs(), encodingFuncs(),
		ipv4Funcs(), ipv6Funcs(), timeFuncs(), dynamicFuncs(), secopsFuncs(), seriesRegistry(), parseKVFuncs(),
		textCodecFuncs(), mathFuncs(), scalarFuncs(), geoFuncs()} {
		all = append(all, group...)
	}
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].Name != all[j].Name {
			return all[i].Name < all[j].Name
		}
		return len(all[i].Args) < len(all[j].Args)
	})
	return all
}

// Lookup returns the overloads of a KQL function (case-sensitive, as KQL
// function names are).
func Lookup(name string) []Func {
	var out []Func
	for _, f := range Functions() {
		if f.Name == name {
			out = append(out, f)
		}
	}
	return out
}

// Resolve picks the overload of a KQL function for arguments of the given
// types: an exact match first, then one that needs only widening (int to
// long, int or long to real, any type to Any), preferring the fewest
// widenings. ok is false when no overload fits.
func Resolve(name string, args []table.Type) (Func, bool) {
	best, bestCost := Func{}, -1
	for _, f := range Lookup(name) {
		cost, fits := fitCost(f, args)
		if fits && (bestCost < 0 || cost < bestCost) {
			best, bestCost = f, cost
		}
	}
	return best, bestCost >= 0
}

// fitCost counts the widenings args need to fit f, or reports no fit.
func fitCost(f Func, args []table.Type) (int, bool) {
	if !f.Variadic && len(args) != len(f.Args) || f.Variadic && len(args) < len(f.Args)-1 {
		return 0, false
	}
	cost := 0
	for i, a := range args {
		p := f.Args[min(i, len(f.Args)-1)]
		switch {
		case p == a:
		case p == Any:
			cost += 2
		case widens(a, p):
			cost++
		default:
			return 0, false
		}
	}
	return cost, true
}

// widens reports whether KQL converts a value of type from to type to
// implicitly in a function call.
func widens(from, to table.Type) bool {
	switch to {
	case table.Long:
		return from == table.Int
	case table.Real:
		return from == table.Int || from == table.Long
	}
	return false
}
