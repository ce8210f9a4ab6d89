package kqlfunc

import (
	"encoding/json"
	"math"
)

// Array functions done in Go: several arrays sorted together, array splitting and repetition.

// ArraySortMany is array_sort_asc/desc(a1, a2, ...), given as one array of
// arrays: a1 sorted, and every other array reordered the way a1 was. An
// array whose length differs from a1's (or that is not an array) gives
// null in its place; a1 not an array gives null for every place.
func ArraySortMany(arrays any, asc, nullsLast bool) any {
	outer, _ := arrays.([]any)
	out := make([]any, len(outer))
	if len(outer) == 0 {
		return out
	}
	keys, ok := outer[0].([]any)
	if !ok {
		return out
	}
	order := sortOrder(keys, asc, nullsLast)
	for i, a := range outer {
		if arr, ok := a.([]any); ok && len(arr) == len(keys) {
			out[i] = permute(arr, order)
		}
	}
	return out
}

// ArraySplit is array_split(array, indexes): the array cut before each
// index (negative ones count from the end, all clamped to the array and
// to the index before). indexes is a number or an array of numbers.
func ArraySplit(arr, indexes any) (any, bool) {
	a, ok := arr.([]any)
	if !ok {
		return nil, false
	}
	var cuts []any
	switch x := indexes.(type) {
	case []any:
		cuts = x
	case nil:
		return nil, false
	default:
		cuts = []any{x}
	}
	out := []any{}
	prev := 0
	for _, c := range cuts {
		i, ok := wholeNumber(c)
		if !ok {
			return nil, false
		}
		if i < 0 {
			i += int64(len(a))
		}
		cut := int(min(max(i, int64(prev)), int64(len(a))))
		out = append(out, append([]any{}, a[prev:cut]...))
		prev = cut
	}
	return append(out, append([]any{}, a[prev:]...)), true
}

// wholeNumber reads a JSON number that is an integer.
func wholeNumber(v any) (int64, bool) {
	switch x := v.(type) {
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return i, true
		}
		f, err := x.Float64()
		if err == nil && f == math.Trunc(f) && math.Abs(f) < 1<<53 {
			return int64(f), true
		}
	case int64:
		return x, true
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1<<53 {
			return int64(x), true
		}
	}
	return 0, false
}

// maxRepeat bounds repeat()'s array, so one call cannot exhaust memory.
const maxRepeat = 1 << 20

// Repeat is repeat(value, count): count copies of value; a negative count
// is null, zero an empty array.
func Repeat(value any, count int64) (any, bool) {
	if count < 0 || count > maxRepeat {
		return nil, false
	}
	out := make([]any, count)
	for i := range out {
		out[i] = value
	}
	return out, true
}
