package server

import (
	"cmp"
	"context"
	"strings"
	"time"
)

// sortKey is one sort column read into a typed slice once, so sorting a
// million rows compares machine values instead of switching on interface
// types at every comparison (4× faster on a million rows, BenchmarkTableResultSort1M).
type sortKey struct {
	desc  bool
	null  []bool
	ints  []int64 // int, long, bool, datetime, timespan
	reals []float64
	strs  []string
	any   []any // anything else: compareValues
}

// typedKey reads column c of the rows (in view order idx) into a sortKey.
func typedKey(rows [][]any, c int, desc bool) *sortKey {
	k := &sortKey{desc: desc, null: make([]bool, len(rows))}
	kind := ""
	for _, row := range rows {
		var this string
		switch v := row[c].(type) {
		case nil:
			continue
		case int64, int32, bool, time.Duration:
			this = "int"
		case time.Time:
			if v.Year() < 1700 || v.Year() > 2200 { // UnixNano would overflow
				this = "any"
			} else {
				this = "int"
			}
		case float64:
			this = "real"
		case string:
			this = "str"
		default:
			this = "any"
		}
		if kind == "" {
			kind = this
		} else if kind != this {
			kind = "any"
		}
	}
	switch kind {
	case "int":
		k.ints = make([]int64, len(rows))
	case "real":
		k.reals = make([]float64, len(rows))
	case "str":
		k.strs = make([]string, len(rows))
	default:
		k.any = make([]any, len(rows))
	}
	for i, row := range rows {
		v := row[c]
		k.null[i] = v == nil
		switch {
		case k.any != nil:
			k.any[i] = v
		case v == nil:
		case k.ints != nil:
			k.ints[i] = intKey(v)
		case k.reals != nil:
			k.reals[i] = v.(float64)
		default:
			k.strs[i] = v.(string)
		}
	}
	return k
}

func intKey(v any) int64 {
	switch x := v.(type) {
	case int64:
		return x
	case int32:
		return int64(x)
	case bool:
		return int64(boolInt(x))
	case time.Duration:
		return int64(x)
	case time.Time:
		return x.UnixNano()
	}
	return 0
}

// compare orders rows a and b by this key, nulls first ascending and last
// descending.
func (k *sortKey) compare(a, b int32) int {
	if k.any != nil {
		return compareValues(k.any[a], k.any[b], k.desc)
	}
	na, nb := k.null[a], k.null[b]
	if na || nb {
		if na == nb {
			return 0
		}
		if na {
			return -1 * sign(!k.desc)
		}
		return sign(!k.desc)
	}
	var d int
	switch {
	case k.ints != nil:
		d = cmp.Compare(k.ints[a], k.ints[b])
	case k.reals != nil:
		d = cmp.Compare(k.reals[a], k.reals[b])
	default:
		d = strings.Compare(k.strs[a], k.strs[b])
	}
	if k.desc {
		return -d
	}
	return d
}

// sortKeys reads the sort columns; nil when ctx was cancelled.
func sortKeys(ctx context.Context, rows [][]any, cols []int, q []SortKey) []*sortKey {
	keys := make([]*sortKey, len(cols))
	for i, c := range cols {
		if ctx.Err() != nil {
			return nil
		}
		keys[i] = typedKey(rows, c, q[i].Desc)
	}
	return keys
}
