package kqlfunc

import (
	"cmp"
	"encoding/json"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// StringList reads a dynamic value as a list of strings: an array gives its
// elements as text, a scalar gives itself, null gives nothing. has_any and
// friends accept their needles this way.
func StringList(v any) []string {
	switch x := v.(type) {
	case nil:
		return nil
	case []any:
		out := make([]string, 0, len(x))
		for _, e := range x {
			if e != nil {
				out = append(out, DynamicText(e))
			}
		}
		return out
	}
	return []string{DynamicText(v)}
}

// DynamicText is Kusto's tostring() of a dynamic value: a string as itself,
// null as "", anything else as compact JSON.
func DynamicText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case json.Number:
		return x.String()
	case bool:
		return strconv.FormatBool(x)
	}
	return MarshalJSON(v)
}

// Zip is zip(arrays...), given as one array of arrays: element-wise tuples,
// as long as the longest array, missing elements null.
func Zip(arrays any) any {
	outer, _ := arrays.([]any)
	n := 0
	for _, a := range outer {
		if arr, ok := a.([]any); ok {
			n = max(n, len(arr))
		}
	}
	out := make([]any, n)
	for i := range n {
		tuple := make([]any, len(outer))
		for j, a := range outer {
			if arr, ok := a.([]any); ok && i < len(arr) {
				tuple[j] = arr[i]
			}
		}
		out[i] = tuple
	}
	return out
}

// ArraySort is array_sort_asc/array_sort_desc of one array: numbers before
// strings (each in their order), then other values as JSON text; nulls
// last unless nullsLast is false. Not an array gives null.
func ArraySort(arr any, asc, nullsLast bool) (any, bool) {
	a, ok := arr.([]any)
	if !ok {
		return nil, false
	}
	return permute(a, sortOrder(a, asc, nullsLast)), true
}

// ArraySortBy sorts other by the order that ArraySort gives keys: the
// second and later arrays of array_sort_asc(keys, other, ...).
func ArraySortBy(keys, other any, asc, nullsLast bool) (any, bool) {
	k, ok1 := keys.([]any)
	o, ok2 := other.([]any)
	if !ok1 || !ok2 || len(k) != len(o) {
		return nil, false
	}
	return permute(o, sortOrder(k, asc, nullsLast)), true
}

func permute(a []any, order []int) []any {
	out := make([]any, len(a))
	for i, j := range order {
		out[i] = a[j]
	}
	return out
}

func sortOrder(a []any, asc, nullsLast bool) []int {
	order := make([]int, len(a))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int {
		x, y := a[i], a[j]
		if x == nil || y == nil {
			switch {
			case x == nil && y == nil:
				return 0
			case (x == nil) == nullsLast:
				return 1
			}
			return -1
		}
		c := compareDynamic(x, y)
		if !asc {
			c = -c
		}
		return c
	})
	return order
}

// compareDynamic orders numbers, then bools, then strings, then the rest.
func compareDynamic(x, y any) int {
	rx, ry := rank(x), rank(y)
	if rx != ry {
		return cmp.Compare(rx, ry)
	}
	switch xv := x.(type) {
	case json.Number:
		fx, _ := xv.Float64()
		fy, _ := y.(json.Number).Float64()
		return cmp.Compare(fx, fy)
	case bool:
		return cmp.Compare(boolInt(xv), boolInt(y.(bool)))
	case string:
		return strings.Compare(xv, y.(string))
	}
	return strings.Compare(MarshalJSON(x), MarshalJSON(y))
}

func rank(v any) int {
	switch v.(type) {
	case json.Number:
		return 0
	case bool:
		return 1
	case string:
		return 2
	}
	return 3
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// setKey identifies a value for the set functions.
func setKey(v any) string { return MarshalJSON(v) }

// SetUnion is set_union(arrays...), given as one array of arrays: the
// distinct elements in first-seen order.
func SetUnion(arrays any) any {
	seen := map[string]bool{}
	out := []any{}
	for _, a := range arrayList(arrays) {
		for _, e := range a {
			if k := setKey(e); !seen[k] {
				seen[k] = true
				out = append(out, e)
			}
		}
	}
	return out
}

// MakeSet is make_set over dynamic values (a list of the group's values):
// the distinct values in order of first appearance, an array contributing
// its elements (Kusto flattens them) and a scalar itself; nulls are skipped.
func MakeSet(values any) any {
	seen := map[string]bool{}
	out := []any{}
	add := func(e any) {
		if k := setKey(e); !seen[k] {
			seen[k] = true
			out = append(out, e)
		}
	}
	list, _ := values.([]any)
	for _, v := range list {
		switch v := v.(type) {
		case nil:
		case []any:
			for _, e := range v {
				add(e)
			}
		default:
			add(v)
		}
	}
	return out
}

// SetIntersect is set_intersect(arrays...): the distinct elements of the
// first array that every other array has.
func SetIntersect(arrays any) any {
	lists := arrayList(arrays)
	out := []any{}
	if len(lists) == 0 {
		return out
	}
	sets := make([]map[string]bool, len(lists))
	for i, a := range lists {
		sets[i] = keySet(a)
	}
	seen := map[string]bool{}
	for _, e := range lists[0] {
		k := setKey(e)
		if seen[k] {
			continue
		}
		seen[k] = true
		all := true
		for _, s := range sets[1:] {
			all = all && s[k]
		}
		if all {
			out = append(out, e)
		}
	}
	return out
}

// SetDifference is set_difference(first, others...): the distinct elements
// of the first array that no other array has.
func SetDifference(arrays any) any {
	lists := arrayList(arrays)
	out := []any{}
	if len(lists) == 0 {
		return out
	}
	other := map[string]bool{}
	for _, a := range lists[1:] {
		for k := range keySet(a) {
			other[k] = true
		}
	}
	seen := map[string]bool{}
	for _, e := range lists[0] {
		if k := setKey(e); !seen[k] && !other[k] {
			seen[k] = true
			out = append(out, e)
		}
	}
	return out
}

func keySet(a []any) map[string]bool {
	s := make(map[string]bool, len(a))
	for _, e := range a {
		s[setKey(e)] = true
	}
	return s
}

// arrayList reads an array of arrays; elements that are not arrays count
// as empty.
func arrayList(v any) [][]any {
	outer, _ := v.([]any)
	out := make([][]any, len(outer))
	for i, a := range outer {
		out[i], _ = a.([]any)
	}
	return out
}

// JaccardIndex is jaccard_index(a, b): |a ∩ b| / |a ∪ b| over distinct
// elements, NaN when both are empty; null (ok false) when either is not an
// array.
func JaccardIndex(a, b any) (float64, bool) {
	x, ok1 := a.([]any)
	y, ok2 := b.([]any)
	if !ok1 || !ok2 {
		return 0, false
	}
	sx, sy := keySet(x), keySet(y)
	inter := 0
	for k := range sx {
		if sy[k] {
			inter++
		}
	}
	union := len(sx) + len(sy) - inter
	if union == 0 {
		return math.NaN(), true
	}
	return float64(inter) / float64(union), true
}

// ArraySlice is array_slice(arr, start, end): elements start..end
// inclusive; negative indexes count from the end; out of range gives [].
func ArraySlice(arr any, start, end int64) (any, bool) {
	a, ok := arr.([]any)
	if !ok {
		return nil, false
	}
	n := int64(len(a))
	if start < 0 {
		start += n
	}
	if end < 0 {
		end += n
	}
	start = max(start, 0)
	end = min(end, n-1)
	if start > end {
		return []any{}, true
	}
	return append([]any{}, a[start:end+1]...), true
}

// BagMerge is bag_merge(bags...), given as one array of bags: on a key
// conflict the first bag wins. Elements that are not bags are skipped.
func BagMerge(bags any) any {
	out := map[string]any{}
	outer, _ := bags.([]any)
	for _, b := range outer {
		m, ok := b.(map[string]any)
		if !ok {
			continue
		}
		for k, v := range m {
			if _, exists := out[k]; !exists {
				out[k] = v
			}
		}
	}
	return out
}

// BagRemoveKeys is bag_remove_keys(bag, keys): keys are names or JSONPath
// ($.a.b, $['a']) into nested bags. Not a bag gives null.
func BagRemoveKeys(bag any, keys any) (any, bool) {
	m, ok := bag.(map[string]any)
	if !ok {
		return nil, false
	}
	out := deepCopy(m).(map[string]any)
	for _, k := range StringList(keys) {
		removePath(out, jsonPath(k))
	}
	return out, true
}

func removePath(m map[string]any, path []string) {
	for len(path) > 1 {
		next, ok := m[path[0]].(map[string]any)
		if !ok {
			return
		}
		m, path = next, path[1:]
	}
	if len(path) == 1 {
		delete(m, path[0])
	}
}

// jsonPath splits "$.a.b" or "$['a']['b']" (or a plain key) into keys.
func jsonPath(p string) []string {
	if !strings.HasPrefix(p, "$") {
		return []string{p}
	}
	var keys []string
	rest := p[1:]
	for rest != "" {
		switch {
		case strings.HasPrefix(rest, "['") || strings.HasPrefix(rest, `["`):
			q := rest[1]
			end := strings.IndexByte(rest[2:], q)
			if end < 0 {
				return append(keys, rest)
			}
			keys = append(keys, rest[2:2+end])
			rest = strings.TrimPrefix(rest[2+end+1:], "]")
		case rest[0] == '.':
			rest = rest[1:]
			end := strings.IndexAny(rest, ".[")
			if end < 0 {
				end = len(rest)
			}
			keys = append(keys, rest[:end])
			rest = rest[end:]
		default:
			return append(keys, rest)
		}
	}
	return keys
}

func deepCopy(v any) any {
	switch x := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = deepCopy(e)
		}
		return m
	case []any:
		a := make([]any, len(x))
		for i, e := range x {
			a[i] = deepCopy(e)
		}
		return a
	}
	return v
}

// TreePath is treepath(d): the path of every node under the root of a
// bag, in bracket notation as Kusto's documentation shows it (['a'],
// ['a'][0], ['a'][0]['x']): an array's elements share the one path [0],
// and the bags among them add their keys under it. Sorted, without
// duplicates; not a bag or array gives an empty array.
func TreePath(d any) any {
	seen := map[string]bool{}
	var walk func(prefix string, v any)
	walk = func(prefix string, v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				p := prefix + "['" + strings.ReplaceAll(k, "'", "\\'") + "']"
				seen[p] = true
				walk(p, e)
			}
		case []any:
			if len(x) > 0 {
				p := prefix + "[0]"
				seen[p] = true
				for _, e := range x {
					walk(p, e)
				}
			}
		}
	}
	walk("", d)
	paths := make([]string, 0, len(seen))
	for p := range seen {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	out := make([]any, len(paths))
	for i, p := range paths {
		out[i] = p
	}
	return out
}
