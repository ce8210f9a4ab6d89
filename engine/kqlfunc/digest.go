package kqlfunc

import (
	"cmp"
	"encoding/json"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/huntbook/huntbook/table"
)

// Digests: huntbook's tdigest() and hll() results.
//
// Kusto's tdigest and hll values are opaque dynamic values whose binary
// form is undocumented. huntbook keeps them exact, so that every
// function reading them (percentile_tdigest, rank_tdigest, dcount_hll,
// dcount_intersect) gives the figures of the exact computation, and so
// that merging is lossless:
//
//	tdigest: [["tdigest", KIND], [v1, v2, ...], [w1, w2, ...]]
//	hll:     [["hll"], [v1, v2, ...]]
//
// KIND is the KQL type of the values ("long", "real", "datetime",
// "timespan"); datetimes are stored as 100 ns ticks since the Unix epoch
// and timespans as ticks. The values of a tdigest are distinct, in order
// of first appearance, each with its total weight; the values of an hll
// are the distinct values (their JSON form). A digest therefore grows with
// the number of distinct values of its group.

// TDigestKinds are the value kinds a tdigest records.
var TDigestKinds = []string{"long", "real", "datetime", "timespan"}

// TDigest builds a digest from a JSON array of [value, weight] pairs.
// Pairs with a null value, or a weight that is null or not positive, are
// left out; no value gives null.
func TDigest(pairs any, kind string) (any, bool) {
	list, _ := pairs.([]any)
	d := newDigestBuilder(kind)
	for _, x := range list {
		pair, ok := x.([]any)
		if !ok || len(pair) != 2 {
			continue
		}
		w, ok := numberOf(pair[1])
		if !ok {
			continue
		}
		d.add(pair[0], w)
	}
	return d.result()
}

// TDigestMerge merges a JSON array of digests (nulls and values that are
// no digest are skipped); the kind is the first digest's.
func TDigestMerge(digests any) (any, bool) {
	list, _ := digests.([]any)
	var d *digestBuilder
	for _, x := range list {
		t, ok := parseTDigest(x)
		if !ok {
			continue
		}
		if d == nil {
			d = newDigestBuilder(t.kind)
		}
		for i, v := range t.values {
			d.add(v, t.weights[i])
		}
	}
	if d == nil {
		return nil, false
	}
	return d.result()
}

type digestBuilder struct {
	kind    string
	index   map[string]int
	values  []any
	weights []float64
}

func newDigestBuilder(kind string) *digestBuilder {
	return &digestBuilder{kind: kind, index: map[string]int{}}
}

func (d *digestBuilder) add(v any, w float64) {
	if v == nil || !(w > 0) {
		return
	}
	if _, ok := numberOf(v); !ok {
		return
	}
	key := MarshalJSON(v)
	if i, ok := d.index[key]; ok {
		d.weights[i] += w
		return
	}
	d.index[key] = len(d.values)
	d.values = append(d.values, v)
	d.weights = append(d.weights, w)
}

func (d *digestBuilder) result() (any, bool) {
	if len(d.values) == 0 {
		return nil, false
	}
	ws := make([]any, len(d.weights))
	for i, w := range d.weights {
		ws[i] = jsonNumber(w)
	}
	return []any{[]any{"tdigest", d.kind}, d.values, ws}, true
}

// tdigest is a parsed digest: values sorted ascending with their weights.
type tdigest struct {
	kind    string
	values  []any
	nums    []float64
	weights []float64
	total   float64
}

func parseTDigest(x any) (*tdigest, bool) {
	parts, ok := x.([]any)
	if !ok || len(parts) != 3 {
		return nil, false
	}
	head, _ := parts[0].([]any)
	vs, _ := parts[1].([]any)
	ws, _ := parts[2].([]any)
	if len(head) != 2 || head[0] != "tdigest" || len(vs) != len(ws) {
		return nil, false
	}
	kind, _ := head[1].(string)
	t := &tdigest{kind: kind}
	order := make([]int, len(vs))
	for i := range order {
		order[i] = i
	}
	nums := make([]float64, len(vs))
	for i, v := range vs {
		f, ok := numberOf(v)
		if !ok {
			return nil, false
		}
		nums[i] = f
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(nums[a], nums[b]) })
	for _, i := range order {
		w, ok := numberOf(ws[i])
		if !ok {
			return nil, false
		}
		t.values = append(t.values, vs[i])
		t.nums = append(t.nums, nums[i])
		t.weights = append(t.weights, w)
		t.total += w
	}
	return t, t.total > 0
}

// at is the nearest-rank weighted percentile: the smallest value whose
// cumulative weight reaches p% of the total (Kusto's percentile and
// percentilew).
func (t *tdigest) at(p float64) int {
	target := p / 100 * t.total
	cum := 0.0
	for i, w := range t.weights {
		cum += w
		if cum >= target-1e-9*t.total {
			return i
		}
	}
	return len(t.weights) - 1
}

// TDigestPercentile is percentile_tdigest(digest, p) as a dynamic value
// of the digest's kind (a number, or a datetime or timespan string).
func TDigestPercentile(digest any, p float64) (any, bool) {
	t, ok := parseTDigest(digest)
	if !ok || math.IsNaN(p) {
		return nil, false
	}
	return t.dynamicValue(t.at(p)), true
}

// TDigestPercentileNumber is percentile_tdigest(digest, p) as a number
// (ticks for datetime and timespan digests), for typed results.
func TDigestPercentileNumber(digest any, p float64) (float64, bool) {
	t, ok := parseTDigest(digest)
	if !ok || math.IsNaN(p) {
		return 0, false
	}
	return t.nums[t.at(p)], true
}

// TDigestPercentiles is percentiles_array_tdigest(digest, ps): an array
// with one dynamic value per percentile of the array ps.
func TDigestPercentiles(digest any, ps any) (any, bool) {
	t, ok := parseTDigest(digest)
	list, isList := ps.([]any)
	if !ok || !isList {
		return nil, false
	}
	out := make([]any, 0, len(list))
	for _, p := range list {
		f, ok := numberOf(p)
		if !ok {
			out = append(out, nil)
			continue
		}
		out = append(out, t.dynamicValue(t.at(f)))
	}
	return out, true
}

// TDigestRank is rank_tdigest(digest, v): the total weight of the values
// less than or equal to v.
func TDigestRank(digest any, v float64) (int64, bool) {
	t, ok := parseTDigest(digest)
	if !ok || math.IsNaN(v) {
		return 0, false
	}
	return int64(math.Round(t.weightUpTo(v))), true
}

// TDigestPercentRank is percentrank_tdigest(digest, v): the rank as a
// percentage of the total weight.
func TDigestPercentRank(digest any, v float64) (float64, bool) {
	t, ok := parseTDigest(digest)
	if !ok || math.IsNaN(v) {
		return 0, false
	}
	return 100 * t.weightUpTo(v) / t.total, true
}

func (t *tdigest) weightUpTo(v float64) float64 {
	sum := 0.0
	for i, x := range t.nums {
		if x > v {
			break
		}
		sum += t.weights[i]
	}
	return sum
}

// dynamicValue is the i-th value as its kind's dynamic form.
func (t *tdigest) dynamicValue(i int) any {
	switch t.kind {
	case "datetime":
		return table.FormatDateTime(time.Unix(0, 0).UTC().Add(time.Duration(t.nums[i]) * 100))
	case "timespan":
		return table.FormatTimeSpan(time.Duration(t.nums[i]) * 100)
	}
	return t.values[i]
}

// HLL builds an hll digest from a JSON array of values (nulls left out);
// no value gives null.
func HLL(values any) (any, bool) {
	vs, _ := values.([]any)
	h := newHLLBuilder()
	for _, v := range vs {
		h.add(v)
	}
	return h.result()
}

// HLLMerge merges a JSON array of hll digests; nulls are skipped.
func HLLMerge(digests any) (any, bool) {
	list, _ := digests.([]any)
	h := newHLLBuilder()
	found := false
	for _, x := range list {
		vs, ok := parseHLL(x)
		if !ok {
			continue
		}
		found = true
		for _, v := range vs {
			h.add(v)
		}
	}
	if !found {
		return nil, false
	}
	return h.result()
}

// DcountHLL is dcount_hll(digest): the number of distinct values.
func DcountHLL(digest any) (int64, bool) {
	vs, ok := parseHLL(digest)
	if !ok {
		return 0, false
	}
	return int64(len(vs)), true
}

// HLLIntersect is the number of values common to every digest of a JSON
// array (dcount_intersect's s_i for its first i+1 digests).
func HLLIntersect(digests []any) int64 {
	var common map[string]bool
	for _, d := range digests {
		vs, _ := parseHLL(d)
		next := map[string]bool{}
		for _, v := range vs {
			k := MarshalJSON(v)
			if common == nil || common[k] {
				next[k] = true
			}
		}
		common = next
	}
	return int64(len(common))
}

type hllBuilder struct {
	seen   map[string]bool
	values []any
}

func newHLLBuilder() *hllBuilder { return &hllBuilder{seen: map[string]bool{}} }

func (h *hllBuilder) add(v any) {
	if v == nil {
		return
	}
	k := MarshalJSON(v)
	if h.seen[k] {
		return
	}
	h.seen[k] = true
	h.values = append(h.values, v)
}

func (h *hllBuilder) result() (any, bool) {
	if len(h.values) == 0 {
		return nil, false
	}
	return []any{[]any{"hll"}, h.values}, true
}

func parseHLL(x any) ([]any, bool) {
	parts, ok := x.([]any)
	if !ok || len(parts) != 2 {
		return nil, false
	}
	head, _ := parts[0].([]any)
	vs, ok := parts[1].([]any)
	if len(head) != 1 || head[0] != "hll" || !ok {
		return nil, false
	}
	return vs, true
}

// numberOf reads a JSON number (or a Go number) as float64.
func numberOf(v any) (float64, bool) {
	switch x := v.(type) {
	case json.Number:
		f, err := x.Float64()
		return f, err == nil
	case float64:
		return x, true
	case int64:
		return float64(x), true
	case int:
		return float64(x), true
	case string:
		f, err := strconv.ParseFloat(x, 64)
		return f, err == nil
	}
	return 0, false
}

// jsonNumber writes a whole weight as an integer.
func jsonNumber(f float64) any {
	if f == math.Trunc(f) && math.Abs(f) < 1<<53 {
		return json.Number(strconv.FormatInt(int64(f), 10))
	}
	return f
}
