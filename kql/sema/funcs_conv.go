package sema

import "github.com/huntbook/huntbook/table"

// convFuncs are the conversion functions. Each takes any scalar and gives
// null (never an error) when the value does not convert; an unnamed
// column computed by one keeps its argument's name.
func convFuncs() []*Function {
	conv := func(name string, t table.Type) *Function {
		return fnT(name, t, p(PAny)).named(NameFirstArg, "")
	}
	return []*Function{
		conv("tostring", table.String),
		conv("tolong", table.Long),
		conv("toint", table.Int),
		conv("toreal", table.Real),
		conv("todouble", table.Real),
		conv("todatetime", table.DateTime),
		conv("totimespan", table.TimeSpan),
		conv("totime", table.TimeSpan),
		conv("tobool", table.Bool),
		conv("toboolean", table.Bool),
		conv("todecimal", table.Decimal),
		conv("toguid", table.GUID),
		conv("todynamic", table.Dynamic),
		conv("toobject", table.Dynamic),
		conv("parse_json", table.Dynamic),
		conv("parsejson", table.Dynamic),
		fnT("tohex", table.String, p(PInt), opt(PInt)).named(NameFirstArg, ""),
		fnT("gettype", table.String, p(PAny)).named(NamePrefixFirstArg, "type"),
		fnT("dynamic_to_json", table.String, p(PAny)),
	}
}
