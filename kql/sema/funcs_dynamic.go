package sema

import (
	"github.com/huntbook/huntbook/table"
)

// dynamicFuncs are the functions over dynamic arrays and property bags.
func dynamicFuncs() []*Function {
	d, l, b, r := table.Dynamic, table.Long, table.Bool, table.Real
	fs := []*Function{
		fnT("array_length", l, p(PDynamic)),
		fnT("array_reverse", d, p(PDynamic)),
		fnT("array_concat", d, rep(PDynamic)),
		fnT("array_iff", d, p(PDynamic), p(PAny), p(PAny)),
		fnT("array_index_of", l, p(PDynamic), p(PAny), opt(PInt), opt(PInt), opt(PInt)),
		fnT("array_rotate_left", d, p(PDynamic), p(PInt)),
		fnT("array_rotate_right", d, p(PDynamic), p(PInt)),
		fnT("array_shift_left", d, p(PDynamic), p(PInt), opt(PAny)),
		fnT("array_shift_right", d, p(PDynamic), p(PInt), opt(PAny)),
		fnT("array_slice", d, p(PDynamic), p(PInt), p(PInt)),
		fnT("array_split", d, p(PDynamic), p(PAny)),
		fnT("array_sum", r, p(PDynamic)),
		fnT("array_sort_asc", d, p(PDynamic), opt(PBool)).custom(checkArraySort),
		fnT("array_sort_desc", d, p(PDynamic), opt(PBool)).custom(checkArraySort),
		fnT("bag_has_key", b, p(PDynamic), p(PString)),
		fnT("bag_keys", d, p(PDynamic)),
		fnT("bag_merge", d, rep(PDynamic)),
		fnT("bag_remove_keys", d, p(PDynamic), p(PDynamic)),
		fnT("bag_set_key", d, p(PDynamic), p(PString), p(PAny)),
		fnT("bag_zip", d, p(PDynamic), p(PDynamic)),
		fnT("pack_array", d, rep(PAny)),
		fnT("range", d, p(PSummable), p(PSummable), opt(PSummable)),
		fnT("repeat", d, p(PAny), p(PInt)).named(NamePrefixFirstArg, "repeat"),
		fnT("set_difference", d, p(PDynamic), rep(PDynamic)),
		fnT("set_intersect", d, p(PDynamic), rep(PDynamic)),
		fnT("set_union", d, p(PDynamic), rep(PDynamic)),
		fnT("set_has_element", b, p(PDynamic), p(PAny)),
		fnT("treepath", d, p(PDynamic)).named(NamePrefixFirstArg, "tree"),
		fnT("zip", d, p(PDynamic), rep(PDynamic)),
		fnT("jaccard_index", r, p(PDynamic), p(PDynamic)),
		fnT("bag_pack", d, optRep(PAny)).custom(checkBagPack),
		fnT("bag_pack_columns", d, rep(PAny)).custom(checkBagPackColumns),
		fnT("pack_all", d, opt(PBool)).custom(checkPackAll),
	}
	fs = append(fs, aliasOf(fs, "array_length", "arraylength")...)
	fs = append(fs, aliasOf(fs, "bag_pack", "pack", "pack_dictionary")...)
	fs = append(fs, aliasOf(fs, "array_iff", "array_iif")...)
	return fs
}

// checkBagPack types bag_pack(key1, value1, key2, value2, ...): keys are
// strings (or dynamic values), one value per key.
func checkBagPack(c *checker, call *syntaxCall, args []Expr) ([]Expr, table.Type) {
	if len(args)%2 != 0 {
		c.errorf(call, "%s() takes key-value pairs: an even number of arguments, got %d", call.Name.Name, len(args))
	}
	out := append([]Expr(nil), args...)
	for i := 0; i < len(out); i += 2 {
		switch out[i].Type() {
		case table.String:
		case table.Dynamic:
			out[i] = c.convert(out[i], table.String)
		default:
			c.errorf(call.Args[i], "argument %d of %s() is a key and must be a string, got %s", i+1, call.Name.Name, out[i].Type())
		}
	}
	return out, table.Dynamic
}

// checkBagPackColumns types bag_pack_columns(col1, col2, ...): a bag of
// the named columns; it becomes bag_pack("col1", col1, ...).
func checkBagPackColumns(c *checker, call *syntaxCall, args []Expr) ([]Expr, table.Type) {
	var out []Expr
	for i, a := range args {
		ref, ok := a.(*ColumnRef)
		if !ok {
			c.errorf(call.Args[i], "the arguments of bag_pack_columns() must be columns")
		}
		out = append(out, &Literal{T: table.String, Value: ref.Name}, ref)
	}
	return out, table.Dynamic
}

// checkPackAll only checks the argument: calls are resolved against the
// row by checker.packAll before signature matching.
func checkPackAll(c *checker, call *syntaxCall, args []Expr) ([]Expr, table.Type) {
	if len(args) == 1 && args[0].Type() != table.Bool {
		c.errorf(call.Args[0], "pack_all() takes a bool, got %s", args[0].Type())
	}
	return args, table.Dynamic
}

// checkArraySort types array_sort_asc/desc(array1 [, array2, ...] [,
// nulls_last]): arrays, then an optional bool. With several arrays the
// value is one sorted array per argument: as a column, one column each
// (tupleColumns); inside an expression, an array of them, so [i] picks
// one as in Kusto.
func checkArraySort(c *checker, call *syntaxCall, args []Expr) ([]Expr, table.Type) {
	if len(args) == 0 {
		c.errorf(call, "%s() takes at least one array", call.Name.Name)
	}
	for i, a := range args {
		last := i == len(args)-1 && i > 0
		switch {
		case a.Type() == table.Dynamic:
		case last && a.Type() == table.Bool:
		default:
			c.errorf(call.Args[i], "argument %d of %s() must be a dynamic array, got %s", i+1, call.Name.Name, a.Type())
		}
	}
	return args, table.Dynamic
}

// SortedArrayCount is the number of arrays a call of array_sort_asc/desc
// sorts together (its dynamic arguments).
func SortedArrayCount(c *Call) int {
	n := 0
	for _, a := range c.Args {
		if a.Type() == table.Dynamic {
			n++
		}
	}
	return n
}
