package sema

import (
	"encoding/json"
	"regexp"
	"strings"

	"github.com/huntbook/huntbook/kql/syntax"
	"github.com/huntbook/huntbook/table"
)

// parseKV checks `parse-kv Source as (k1:T1, ...) with (pair_delimiter=,
// kv_delimiter=, quote=, escape=, greedy=, regex=)`: one column per key,
// added like extend (null, or "" for strings, when the key is absent).
// The engine extracts all keys at once into a bag; each column picks its
// key and converts it.
func (c *checker) parseKV(op *syntax.ParseKVOp, in Tabular, sc *scope) Tabular {
	src := c.scalar(op.Source, sc, &rowCtx{cols: in.Schema()})
	if src.Type() != table.String {
		src = c.convert(src, table.String)
	}
	opts := c.parseKVOptions(op)
	var keys []any
	for _, col := range op.Columns {
		keys = append(keys, col.Name.Name)
	}
	opts["keys"] = keys
	f, _ := LookupFunction("parse_kv#bag")
	// The bag is computed once into a hidden column that the key columns
	// read, then dropped: each column calling the function would parse
	// the text again.
	hidden := "__kv"
	for columnIndex(in.Schema(), hidden) >= 0 {
		hidden += "_"
	}
	withBag := append(append([]table.Column(nil), in.Schema()...), table.Column{Name: hidden, Type: table.Dynamic})
	bagStep := &Extend{In: in, out: withBag, Cols: []NamedExpr{{Name: hidden,
		Expr: &Call{Fn: f, Args: []Expr{src, &Literal{T: table.String, Value: optionsJSON(opts)}}, T: table.Dynamic}}}}
	bag := &ColumnRef{Name: hidden, T: table.Dynamic}
	out := append([]table.Column(nil), withBag...)
	var items []NamedExpr
	seen := map[string]bool{}
	for _, col := range op.Columns {
		if seen[col.Name.Name] {
			c.errorf(col, "key '%s' is listed twice", col.Name.Name)
		}
		seen[col.Name.Name] = true
		t := table.String
		if col.Type != nil {
			t = c.typeRef(col.Type)
		}
		pick := &Call{Fn: opFunc("[]"), Args: []Expr{bag, &Literal{T: table.String, Value: col.Name.Name}}, T: table.Dynamic}
		items = append(items, NamedExpr{Name: col.Name.Name, Expr: c.convert(pick, t)})
		out = setColumn(out, col.Name.Name, t)
	}
	if len(items) == 0 {
		c.errorf(op, "parse-kv needs at least one key")
	}
	picked := &Extend{In: bagStep, Cols: items, out: out}
	var keep []NamedExpr
	for _, col := range out {
		if col.Name != hidden {
			keep = append(keep, NamedExpr{Name: col.Name, Expr: &ColumnRef{Name: col.Name, T: col.Type}})
		}
	}
	return &Project{In: picked, Cols: keep}
}

// parseKVOptions reads the with (...) properties into the bag the engine
// function takes.
func (c *checker) parseKVOptions(op *syntax.ParseKVOp) map[string]any {
	opts := map[string]any{}
	var quotes, escapes []any
	for _, p := range op.With {
		name := strings.ToLower(p.Name.Name)
		for _, v := range p.Values {
			lit, ok := v.(*syntax.Literal)
			if !ok {
				c.errorf(v, "the parse-kv property %s needs a constant", p.Name.Name)
			}
			switch name {
			case "greedy":
				b, ok := lit.Value.(bool)
				if !ok {
					c.errorf(v, "greedy must be true or false")
				}
				opts["greedy"] = b
				continue
			}
			s, ok := lit.Value.(string)
			if !ok {
				c.errorf(v, "the parse-kv property %s needs a string", p.Name.Name)
			}
			switch name {
			case "pair_delimiter", "kv_delimiter":
				if s == "" {
					c.errorf(v, "%s must not be empty", p.Name.Name)
				}
				opts[strings.TrimSuffix(name, "_delimiter")] = s
			case "quote":
				if len(s) < 1 || len(s) > 2 {
					c.errorf(v, "a quote is one or two characters")
				}
				quotes = append(quotes, s)
			case "escape":
				if len(s) != 1 {
					c.errorf(v, "an escape is one character")
				}
				escapes = append(escapes, s)
			case "regex":
				re, err := regexp.Compile(s)
				if err != nil {
					c.errorf(v, "invalid regular expression: %v", err)
				}
				if re.NumSubexp() != 2 {
					c.errorf(v, "the parse-kv regex needs exactly two capture groups (key and value), got %d", re.NumSubexp())
				}
				opts["regex"] = s
			default:
				c.errorf(p, "unknown parse-kv property '%s'", p.Name.Name)
			}
		}
	}
	_, pair := opts["pair"]
	_, kv := opts["kv"]
	if pair != kv {
		c.errorf(op, "parse-kv needs both pair_delimiter and kv_delimiter, or neither")
	}
	opts["quote"], opts["escape"] = quotes, escapes
	return opts
}

// optionsJSON is the options bag as the JSON text the engine function
// takes (a constant string it decodes once per query).
func optionsJSON(opts map[string]any) string {
	b, err := json.Marshal(opts)
	if err != nil {
		panic("sema: parse-kv options: " + err.Error())
	}
	return string(b)
}
