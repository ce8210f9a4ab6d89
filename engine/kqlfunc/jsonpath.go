package kqlfunc

import (
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
)

// pathStep is one step of a JSONPath: a property name, or an array index
// when isIndex.
type pathStep struct {
	key     string
	index   int
	isIndex bool
}

// parseJSONPath reads the JSONPath subset Kusto documents for
// extract_json and bag_set_key: $ followed by .name, ['name'], ["name"]
// and [n] steps. ok is false for anything else (wildcards, filters).
func parseJSONPath(p string) (steps []pathStep, ok bool) {
	if !strings.HasPrefix(p, "$") {
		return nil, false
	}
	rest := p[1:]
	for rest != "" {
		var step pathStep
		switch {
		case rest[0] == '.':
			end := strings.IndexAny(rest[1:], ".[")
			if end < 0 {
				end = len(rest) - 1
			}
			step.key, rest = rest[1:1+end], rest[1+end:]
			if step.key == "" || step.key == "*" {
				return nil, false
			}
		case strings.HasPrefix(rest, "['") || strings.HasPrefix(rest, `["`):
			end := strings.Index(rest[2:], string(rest[1])+"]")
			if end < 0 {
				return nil, false
			}
			step.key, rest = rest[2:2+end], rest[2+end+2:]
		case rest[0] == '[':
			end := strings.IndexByte(rest, ']')
			n, err := strconv.Atoi(rest[1:max(end, 1)])
			if end < 0 || err != nil {
				return nil, false
			}
			step.index, step.isIndex, rest = n, true, rest[end+1:]
		default:
			return nil, false
		}
		steps = append(steps, step)
	}
	return steps, true
}

// ExtractJSON is extract_json(path, text): the element of the JSON text at
// the JSONPath, as text (a string as itself, anything else as compact
// JSON). Null when the text is not JSON, the path is not supported or
// nothing is there.
func ExtractJSON(path, text string) (string, bool) {
	steps, ok := parseJSONPath(path)
	if !ok {
		return "", false
	}
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return "", false
	}
	for _, st := range steps {
		switch x := v.(type) {
		case map[string]any:
			if st.isIndex {
				return "", false
			}
			if v, ok = x[st.key]; !ok {
				return "", false
			}
		case []any:
			i := st.index
			if i < 0 {
				i += len(x)
			}
			if !st.isIndex || i < 0 || i >= len(x) {
				return "", false
			}
			v = x[i]
		default:
			return "", false
		}
	}
	if v == nil {
		return "", false
	}
	return DynamicText(v), true
}

// BagSetKey is bag_set_key(bag, key, value): a copy of the bag with the
// key set, where key is a property name or a JSONPath of property names
// ($.a.b) whose missing levels are created and whose non-bag levels are
// replaced by bags. Null when bag is not a bag or the path has array
// indexes, which Kusto does not accept either.
func BagSetKey(bag any, key string, value any) (any, bool) {
	m, ok := bag.(map[string]any)
	if !ok {
		return nil, false
	}
	steps := []pathStep{{key: key}}
	if strings.HasPrefix(key, "$") {
		if steps, ok = parseJSONPath(key); !ok || len(steps) == 0 {
			return nil, false
		}
	}
	out := deepCopy(m).(map[string]any)
	cur := out
	for i, st := range steps {
		if st.isIndex {
			return nil, false
		}
		if i == len(steps)-1 {
			cur[st.key] = value
			break
		}
		next, isBag := cur[st.key].(map[string]any)
		if !isBag {
			next = map[string]any{}
			cur[st.key] = next
		}
		cur = next
	}
	return out, true
}

// ExtractAllGroups is extract_all(regex, captureGroups, text): for every
// match, the selected groups (1-based indexes or group names) — one
// string per match when one group is selected, else an array per match.
// Null when nothing matches or a selector names no group.
func ExtractAllGroups(regex string, groups any, text string) (any, bool) {
	re, err := regexp.Compile(regex)
	if err != nil {
		return nil, false
	}
	sel, ok := groupIndexes(re, groups)
	if !ok {
		return nil, false
	}
	matches := re.FindAllStringSubmatch(text, -1)
	if len(matches) == 0 {
		return nil, false
	}
	out := make([]any, len(matches))
	for i, m := range matches {
		if len(sel) == 1 {
			out[i] = m[sel[0]]
			continue
		}
		picked := make([]any, len(sel))
		for j, g := range sel {
			picked[j] = m[g]
		}
		out[i] = picked
	}
	return out, true
}

// groupIndexes resolves capture-group selectors (numbers or names) to
// submatch indexes.
func groupIndexes(re *regexp.Regexp, groups any) ([]int, bool) {
	list, ok := groups.([]any)
	if !ok || len(list) == 0 {
		return nil, false
	}
	out := make([]int, len(list))
	for i, g := range list {
		n := -1
		switch x := g.(type) {
		case json.Number:
			if v, err := x.Int64(); err == nil {
				n = int(v)
			}
		case float64:
			n = int(x)
		case int64:
			n = int(x)
		case string:
			n = re.SubexpIndex(x)
		}
		if n < 1 || n > re.NumSubexp() {
			return nil, false
		}
		out[i] = n
	}
	return out, true
}

// BagDropEmpty is the bag without its null and empty-string values
// (pack_all(true)). A value that is not a bag is returned as is.
func BagDropEmpty(bag any) any {
	m, ok := bag.(map[string]any)
	if !ok {
		return bag
	}
	out := make(map[string]any, len(m))
	for k, v := range m {
		if v != nil && v != "" {
			out[k] = v
		}
	}
	return out
}

// BagHasPath is bag_has_key(bag, "$.a.b"): whether the JSONPath of
// names and indexes leads to a value (a null value counts) in the bag.
func BagHasPath(bag any, path string) bool {
	steps, ok := parseJSONPath(path)
	if _, isBag := bag.(map[string]any); !ok || !isBag {
		return false
	}
	v := bag
	for _, st := range steps {
		switch x := v.(type) {
		case map[string]any:
			if v, ok = x[st.key]; st.isIndex || !ok {
				return false
			}
		case []any:
			if !st.isIndex || st.index < 0 || st.index >= len(x) {
				return false
			}
			v = x[st.index]
		default:
			return false
		}
	}
	return true
}

// ArrayIndexOf is array_index_of(arr, value, start, length, occurrence):
// the index in arr of the occurrence-th element equal to value among the
// length elements from start (a negative start counts from the end, a
// negative length runs to the end); -1 when there is none. Elements are
// equal when their JSON is. Null when arr is not an array.
func ArrayIndexOf(arr, value any, start, length, occurrence int64) (int64, bool) {
	a, ok := arr.([]any)
	if !ok {
		return 0, false
	}
	n := int64(len(a))
	if start < 0 {
		start = max(start+n, 0)
	}
	end := n
	if length >= 0 {
		end = min(start+length, n)
	}
	want := MarshalJSON(value)
	for i := start; i < end; i++ {
		if MarshalJSON(a[i]) == want {
			if occurrence--; occurrence <= 0 {
				return i, true
			}
		}
	}
	return -1, true
}
