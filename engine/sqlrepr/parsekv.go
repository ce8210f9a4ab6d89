package sqlrepr

import (
	"regexp"
	"sync"

	"github.com/huntbook/huntbook/engine/kqlfunc"
	"github.com/huntbook/huntbook/table"
)

// ParseKVBag names the internal function behind parse-kv: the text and
// the operator's options as a bag ({"keys": [...], "pair": ",", "kv": ":",
// "quote": [...], "escape": [...], "greedy": true, "regex": "..."}) give
// a bag of the found keys' values as strings.
const ParseKVBag = "parse_kv#bag"

func parseKVFuncs() []Func {
	return []Func{{Name: ParseKVBag, Args: []table.Type{table.String, table.Dynamic}, Result: table.Dynamic,
		SQL: "kql_parse_kv($1, $2)", Impl: ImplUDF, Null: NullAware,
		Note: "kqlfunc.ParseKV; the checker picks each key's column out of the bag"}}
}

func parseKVUDFs() []UDF {
	var mu sync.Mutex
	compiled := map[string]*regexp.Regexp{} // the query's one pattern, compiled once
	regex := func(p string) *regexp.Regexp {
		mu.Lock()
		defer mu.Unlock()
		if re, ok := compiled[p]; ok {
			return re
		}
		re, err := regexp.Compile(p)
		if err != nil {
			return nil
		}
		if len(compiled) > 64 {
			clear(compiled)
		}
		compiled[p] = re
		return re
	}
	fn := func(text string, opts any) any {
		m, _ := opts.(map[string]any)
		o := kqlfunc.KVOptions{Keys: stringList(m["keys"]), Quotes: stringList(m["quote"]), Escapes: stringList(m["escape"])}
		o.Pair, _ = m["pair"].(string)
		o.KV, _ = m["kv"].(string)
		o.Greedy, _ = m["greedy"].(bool)
		if p, ok := m["regex"].(string); ok && p != "" {
			if o.Regex = regex(p); o.Regex == nil {
				return nil
			}
		}
		out := map[string]any{}
		for k, v := range kqlfunc.ParseKV(text, o) {
			out[k] = v
		}
		return out
	}
	return []UDF{{Name: "kql_parse_kv", Args: []table.Type{table.String, table.Dynamic}, Result: table.Dynamic,
		Null: NullAware, Fn: fn}}
}

// stringList reads a JSON array of strings.
func stringList(v any) []string {
	arr, _ := v.([]any)
	var out []string
	for _, x := range arr {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}
