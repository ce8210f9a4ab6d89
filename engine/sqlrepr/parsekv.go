package sqlrepr

import (
	"regexp"
	"strconv"
	"sync"

	"github.com/huntbook/huntbook/engine/kqlfunc"
	"github.com/huntbook/huntbook/table"
)

// ParseKVBag names the internal function behind parse-kv: the text and
// the operator's options as JSON text ({"keys": [...], "pair": ",", "kv": ":",
// "quote": [...], "escape": [...], "greedy": true, "regex": "..."}) give
// a bag of the found keys' values as strings.
const ParseKVBag = "parse_kv#bag"

func parseKVFuncs() []Func {
	return []Func{{Name: ParseKVBag, Args: []table.Type{table.String, table.String}, Result: table.Dynamic,
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
	var cache struct {
		sync.Mutex
		text string
		opts kqlfunc.KVOptions
		ok   bool
	}
	// options decodes the options once per distinct text (one per query).
	options := func(text string) (kqlfunc.KVOptions, bool) {
		cache.Lock()
		defer cache.Unlock()
		if cache.text == text && cache.text != "" {
			return cache.opts, cache.ok
		}
		v, err := table.ParseDynamic(text)
		m, _ := v.(map[string]any)
		o := kqlfunc.KVOptions{Keys: stringList(m["keys"]), Quotes: stringList(m["quote"]), Escapes: stringList(m["escape"])}
		o.Pair, _ = m["pair"].(string)
		o.KV, _ = m["kv"].(string)
		o.Greedy, _ = m["greedy"].(bool)
		ok := err == nil
		if p, isStr := m["regex"].(string); isStr && p != "" {
			o.Regex = regex(p)
			ok = ok && o.Regex != nil
		}
		cache.text, cache.opts, cache.ok = text, o, ok
		return o, ok
	}
	fn := func(text, opts string) any {
		o, ok := options(opts)
		if !ok {
			return nil
		}
		b := &jsonBag{}
		found := kqlfunc.ParseKV(text, o)
		for _, k := range o.Keys {
			if v, ok := found[k]; ok {
				b.add(k, strconv.Quote(v))
			}
		}
		return b.raw()
	}
	return []UDF{{Name: "kql_parse_kv", Args: []table.Type{table.String, table.String}, Result: table.Dynamic,
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
