package sema

import (
	"sort"
	"strings"
	"sync"

	"github.com/huntbook/huntbook/kql/syntax"
	"github.com/huntbook/huntbook/table"
)

// Kind tells scalar functions, aggregates and window functions apart.
type Kind uint8

// Function kinds.
const (
	KindScalar    Kind = iota // a value per row
	KindAggregate             // summarize, make-series, ...
	KindWindow                // row_number, prev, next, row_cumsum: need a serialized input
	KindOperator              // ==, has, and, in, ...: printed infix
)

// Function is one KQL function or operator as sema knows it: its overloads
// (argument kinds and result type), how a column computed by it is named,
// and whether its value can change between two calls.
//
// The tables of functions live in the funcs_*.go files, one per area; a new
// function is one entry there plus its SQL translation in kql/sqlgen.
type Function struct {
	Name string
	Kind Kind
	Sigs []Sig
	// Naming says how an unnamed column computed by the function is named
	// (Kusto's result-name rules); Prefix is used by the Prefix* kinds.
	Naming Naming
	Prefix string
	// Volatile functions (rand, new_guid) give a new value per call, so
	// they are never folded or deduplicated.
	Volatile bool
	// Star allows * among the arguments (arg_max(t, *), take_any(*)).
	Star bool
	// Multi marks aggregates whose result is several columns (arg_max,
	// percentiles, take_any of several arguments): they must stand alone in
	// a summarize, and Columns names them.
	Multi bool
	// Check, when set, replaces signature matching: it types the call
	// itself (functions whose result type depends on argument values, or
	// that take names or row scope).
	Check func(c *checker, call *syntax.Call, args []Expr) ([]Expr, table.Type)
	// Constant lists the 0-based argument positions that must be constant
	// (a regex, a format, a part name).
	Constant []int
	// Canonical is the name of the function this one is an alias of
	// (base64_decodestring of base64_decode_tostring), "" when it is not
	// an alias: sqlgen translates an alias as its canonical function.
	Canonical string
}

// Sig is one overload: parameter kinds in order and the result rule.
type Sig struct {
	Params []Param
	Result ResultType
}

// Param is one parameter of a signature.
type Param struct {
	Kind ParamKind
	// Optional parameters may be left out (only at the end).
	Optional bool
	// Repeat lets the parameter take any number of further arguments (at
	// least one unless Optional).
	Repeat bool
}

// ParamKind is the set of argument types a parameter accepts.
type ParamKind uint8

// Parameter kinds. Where a string is expected a dynamic value is accepted
// too (its tostring), as Kusto does for most string functions.
const (
	PAny        ParamKind = iota // any scalar, dynamic included
	PNotDynamic                  // any scalar but dynamic
	PString
	PBool
	PInt  // int or long
	PNum  // int, long, real or decimal
	PReal // a number, used as real
	PDateTime
	PTimeSpan
	PDynamic  // dynamic (arrays and bags)
	PSummable // a number, datetime or timespan
	POrdered  // anything that orders: not dynamic
	PType     // typeof(...)
	PStrDyn   // string or dynamic, kept as it is
	PText     // any scalar, used as its string form (tostring)
)

// ResultType computes the result type of a call from its argument types.
type ResultType func(args []table.Type) table.Type

// Fixed is a result of one type whatever the arguments.
func Fixed(t table.Type) ResultType { return func([]table.Type) table.Type { return t } }

// ArgType is a result of the type of argument i.
func ArgType(i int) ResultType {
	return func(a []table.Type) table.Type {
		if i < len(a) {
			return a[i]
		}
		return table.Invalid
	}
}

// Promoted is the type of argument i with int promoted to long (sum).
func Promoted(i int) ResultType {
	return func(a []table.Type) table.Type {
		if i < len(a) && a[i] == table.Int {
			return table.Long
		}
		return ArgType(i)(a)
	}
}

// Widest is the widest numeric type among the arguments (bin, max_of).
func Widest(a []table.Type) table.Type {
	w := table.Invalid
	for _, t := range a {
		w = widerOf(w, t)
	}
	return w
}

// widerOf orders int < long < decimal < real; other types win over
// nothing and keep their own type.
func widerOf(a, b table.Type) table.Type {
	rank := func(t table.Type) int {
		switch t {
		case table.Int:
			return 1
		case table.Long:
			return 2
		case table.Decimal:
			return 3
		case table.Real:
			return 4
		}
		return 0
	}
	switch {
	case a == table.Invalid:
		return b
	case b == table.Invalid:
		return a
	case rank(a) > 0 && rank(b) > 0:
		if rank(b) > rank(a) {
			return b
		}
		return a
	}
	return a
}

// Naming is Kusto's rule for the name of an unnamed column computed by a
// function call.
type Naming uint8

// Naming rules.
const (
	NameNone           Naming = iota // ColumnN
	NameFirstArg                     // the name of the first argument (tostring(x) → x)
	NamePrefixFirstArg               // Prefix_ + the first argument's name (sum(x) → sum_x; count() → count_)
	NamePrefixOnlyArg                // as NamePrefixFirstArg when there is exactly one argument
	NameOnlyArg                      // the argument's name when there is exactly one
	NamePrefixOnly                   // Prefix alone
	NameColumnArg                    // column_ifexists("x", d): x when x is a column
	NamePrefixTwoArgs                // Prefix_ + the first two arguments' names (covariance(x, y) → covariance_x_y)
)

// registryState is every function sema knows, built on first use and
// never modified afterwards.
var registryState struct {
	once sync.Once
	m    map[string]*Function
}

func registry() map[string]*Function {
	registryState.once.Do(func() { registryState.m = buildRegistry() })
	return registryState.m
}

func buildRegistry() map[string]*Function {
	m := map[string]*Function{}
	for _, group := range [][]*Function{
		operatorFuncs(), stringFuncs(), convFuncs(), mathFuncs(), timeFuncs(), dynamicFuncs(),
		ipFuncs(), hashFuncs(), condFuncs(), aggFuncs(), windowFuncs(), seriesFuncs(), secopsFuncs(), digestFuncs(),
		geoFuncs(),
	} {
		for _, f := range group {
			if _, dup := m[f.Name]; dup {
				panic("sema: function " + f.Name + " defined twice")
			}
			m[f.Name] = f
		}
	}
	return m
}

// LookupFunction returns the function or operator of that name (KQL names
// are case-sensitive).
func LookupFunction(name string) (*Function, bool) {
	f, ok := registry()[name]
	return f, ok
}

// Functions returns every function and operator sema knows, sorted by name.
func Functions() []*Function {
	var out []*Function
	for _, f := range registry() {
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// The table-building helpers below keep the funcs_*.go files short.

// fn is a function with one signature.
func fn(name string, result ResultType, params ...Param) *Function {
	return &Function{Name: name, Sigs: []Sig{{Params: params, Result: result}}}
}

// fnT is a function of fixed result type.
func fnT(name string, t table.Type, params ...Param) *Function {
	return fn(name, Fixed(t), params...)
}

// or adds an overload.
func (f *Function) or(result ResultType, params ...Param) *Function {
	f.Sigs = append(f.Sigs, Sig{Params: params, Result: result})
	return f
}

// orT adds an overload of fixed result type.
func (f *Function) orT(t table.Type, params ...Param) *Function {
	return f.or(Fixed(t), params...)
}

func (f *Function) named(n Naming, prefix string) *Function {
	f.Naming, f.Prefix = n, prefix
	return f
}

func (f *Function) kind(k Kind) *Function { f.Kind = k; return f }

func (f *Function) constArgs(i ...int) *Function { f.Constant = i; return f }

func (f *Function) volatile() *Function { f.Volatile = true; return f }

func (f *Function) custom(check func(c *checker, call *syntax.Call, args []Expr) ([]Expr, table.Type)) *Function {
	f.Check = check
	return f
}

func p(k ParamKind) Param   { return Param{Kind: k} }
func opt(k ParamKind) Param { return Param{Kind: k, Optional: true} }
func rep(k ParamKind) Param { return Param{Kind: k, Repeat: true} }

// optRep is a parameter that may repeat zero or more times.
func optRep(k ParamKind) Param { return Param{Kind: k, Repeat: true, Optional: true} }

// aliases gives other names to existing functions (deprecated spellings).
func alias(f *Function, names ...string) []*Function {
	out := []*Function{f}
	for _, n := range names {
		g := *f
		g.Name = n
		g.Canonical = f.Name
		out = append(out, &g)
	}
	return out
}

// accepts reports whether an argument of type t fits parameter kind k, and
// whether it needs a conversion to string first.
func accepts(k ParamKind, t table.Type) (ok, toString bool) {
	switch k {
	case PAny:
		return true, false
	case PNotDynamic, POrdered:
		return t != table.Dynamic, false
	case PString:
		return t == table.String || t == table.Dynamic, t == table.Dynamic
	case PStrDyn:
		return t == table.String || t == table.Dynamic, false
	case PText:
		return true, t != table.String
	case PBool:
		return t == table.Bool || t == table.Dynamic, false
	case PInt:
		return t == table.Int || t == table.Long, false
	case PNum, PReal:
		return t.IsNumeric(), false
	case PDateTime:
		return t == table.DateTime, false
	case PTimeSpan:
		return t == table.TimeSpan, false
	case PDynamic:
		return t == table.Dynamic, false
	case PSummable:
		return t.IsNumeric() || t == table.DateTime || t == table.TimeSpan, false
	case PType:
		return false, false
	}
	return false, false
}

// kindName describes a parameter kind in error messages.
func kindName(k ParamKind) string {
	return [...]string{
		PAny: "a scalar", PNotDynamic: "a non-dynamic scalar", PString: "a string", PBool: "a bool",
		PInt: "an integer", PNum: "a number", PReal: "a number", PDateTime: "a datetime",
		PTimeSpan: "a timespan", PDynamic: "a dynamic value", PSummable: "a number, datetime or timespan",
		POrdered: "a non-dynamic scalar", PType: "a type (typeof)", PStrDyn: "a string or dynamic value",
		PText: "a scalar",
	}[k]
}

// arity returns the least and most arguments a signature takes (-1: no
// upper bound).
func (s Sig) arity() (lo, hi int) {
	for _, prm := range s.Params {
		if !prm.Optional {
			lo++
		}
		if prm.Repeat {
			hi = -1
		} else if hi >= 0 {
			hi++
		}
	}
	return lo, hi
}

// paramAt returns the parameter an argument at position i binds to.
func (s Sig) paramAt(i int) (Param, bool) {
	if i < len(s.Params) {
		return s.Params[i], true
	}
	if n := len(s.Params); n > 0 && s.Params[n-1].Repeat {
		return s.Params[n-1], true
	}
	return Param{}, false
}

// arityText describes how many arguments the function's overloads take.
func (f *Function) arityText() string {
	var parts []string
	seen := map[string]bool{}
	for _, s := range f.Sigs {
		lo, hi := s.arity()
		var t string
		switch {
		case hi < 0:
			t = itoa(lo) + " or more"
		case lo == hi:
			t = itoa(lo)
		default:
			t = itoa(lo) + " to " + itoa(hi)
		}
		if !seen[t] {
			seen[t] = true
			parts = append(parts, t)
		}
	}
	return strings.Join(parts, " or ")
}

// syntaxCall is the call node custom checks receive.
type syntaxCall = syntax.Call
