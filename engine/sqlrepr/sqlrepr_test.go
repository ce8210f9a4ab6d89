package sqlrepr

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/huntbook/huntbook/table"
)

func TestLiteral(t *testing.T) {
	tests := []struct {
		t    table.Type
		v    any
		want string
	}{
		{table.String, "it's", "'it''s'"},
		{table.String, "a\x00b", "('a' || chr(0) || 'b')"},
		{table.String, nil, "''"},
		{table.Long, nil, "CAST(NULL AS BIGINT)"},
		{table.Long, int64(-5), "CAST(-5 AS BIGINT)"},
		{table.Real, math.Inf(-1), "CAST('-Infinity' AS DOUBLE)"},
		{table.Real, 1e21, "CAST(1e+21 AS DOUBLE)"},
		{table.DateTime, time.Date(2017, 10, 30, 1, 2, 3, 765432100, time.UTC), "TIMESTAMP_NS '2017-10-30 01:02:03.765432100'"},
		{table.DateTime, time.Date(1600, 1, 1, 0, 0, 0, 0, time.UTC), "CAST(NULL AS TIMESTAMP_NS)"},
		{table.TimeSpan, time.Hour + table.Tick, "CAST(36000000001 AS BIGINT)"},
		{table.Dynamic, map[string]any{"a": "x'y"}, `CAST('{"a":"x''y"}' AS JSON)`},
		{table.GUID, "6F3A1B6E-1234-4ABC-8DEF-0123456789AB", "CAST('6f3a1b6e-1234-4abc-8def-0123456789ab' AS UUID)"},
		{table.Decimal, "1.50", "CAST('1.50' AS DECIMAL(38,18))"},
	}
	for _, tt := range tests {
		got, err := Literal(tt.t, tt.v)
		if err != nil || got != tt.want {
			t.Errorf("Literal(%v, %#v) = %q, %v; want %q", tt.t, tt.v, got, err, tt.want)
		}
	}
	bad := []struct {
		t table.Type
		v any
	}{
		{table.Long, "1; DROP TABLE x"}, {table.GUID, "x' OR '1'='1"}, {table.Decimal, "1e5"}, {table.Decimal, "1; --"},
		{table.Int, int64(1)}, {table.Real, math.NaN() == 0},
	}
	for _, tt := range bad {
		if got, err := Literal(tt.t, tt.v); err == nil {
			t.Errorf("Literal(%v, %#v) = %q, want an error", tt.t, tt.v, got)
		}
	}
}

func TestColumnComment(t *testing.T) {
	for ty := table.Bool; ty <= table.GUID; ty++ {
		if got, ok := ParseColumnComment(ColumnComment(ty)); !ok || got != ty {
			t.Errorf("comment round trip of %v: %v %v", ty, got, ok)
		}
	}
	if _, ok := ParseColumnComment("a note"); ok {
		t.Error("a plain comment read as a type")
	}
	infer := map[string]table.Type{"BIGINT": table.Long, "TIMESTAMP_NS": table.DateTime, "INTERVAL": table.TimeSpan,
		"JSON": table.Dynamic, "VARCHAR[]": table.Dynamic, "DECIMAL(18,3)": table.Decimal, "UUID": table.GUID}
	for duck, want := range infer {
		if got, ok := InferType(duck); !ok || got != want {
			t.Errorf("InferType(%q) = %v, %v", duck, got, ok)
		}
	}
}

func TestExpand(t *testing.T) {
	f := Func{Name: "f", Args: []table.Type{table.String, table.Long}, SQL: "g($2, $1, '$x')"}
	if got, err := f.Expand("a", "b"); err != nil || got != "g(b, a, '$x')" {
		t.Errorf("Expand = %q, %v", got, err)
	}
	if _, err := f.Expand("a"); err == nil {
		t.Error("wrong arity accepted")
	}
	v := Func{Name: "v", Args: []table.Type{Any}, Variadic: true, SQL: "json_array($*)"}
	if got, _ := v.Expand("1", "2", "3"); got != "json_array(1, 2, 3)" {
		t.Errorf("variadic Expand = %q", got)
	}
}

// TestRegistryConsistent checks that every kql_ name a template or macro
// calls is defined, overloads are distinct, and every entry explains its
// kind and null rule.
func TestRegistryConsistent(t *testing.T) {
	// Registered by the engine itself, not through UDFs().
	defined := map[string]bool{"kql_has_any_set": true, "kql_has_all_set": true}
	for _, u := range UDFs() {
		if defined[u.Name] {
			t.Errorf("UDF %s defined twice", u.Name)
		}
		defined[u.Name] = true
	}
	for _, m := range Macros() {
		for _, call := range kqlCalls(m.Body) {
			if !defined[call] {
				t.Errorf("macro %s calls %s before it is defined", m.Name, call)
			}
		}
		defined[m.Name] = true
	}
	seen := map[string]bool{}
	for _, f := range Functions() {
		key := f.Name
		for _, a := range f.Args {
			key += "," + a.String()
		}
		if seen[key] {
			t.Errorf("overload %s listed twice", key)
		}
		seen[key] = true
		if f.Impl == 0 || f.Null == 0 || f.Result == table.Invalid {
			t.Errorf("%s: missing kind, null rule or result type", key)
		}
		for _, call := range kqlCalls(f.SQL) {
			if !defined[call] {
				t.Errorf("%s calls undefined %s", key, call)
			}
		}
	}
}

// kqlCalls returns the kql_ function names called in SQL text.
func kqlCalls(sql string) []string {
	var out []string
	for i := strings.Index(sql, "kql_"); i >= 0; i = strings.Index(sql, "kql_") {
		j := i
		for j < len(sql) && (sql[j] == '_' || sql[j] >= 'a' && sql[j] <= 'z' || sql[j] >= '0' && sql[j] <= '9') {
			j++
		}
		if j < len(sql) && sql[j] == '(' {
			out = append(out, sql[i:j])
		}
		sql = sql[j:]
	}
	return out
}

func TestLookup(t *testing.T) {
	fs := Lookup("has")
	if len(fs) != 1 || fs[0].Impl != ImplMacro || fs[0].Result != table.Bool {
		t.Errorf("Lookup(has) = %+v", fs)
	}
	if len(Lookup("indexof")) != 4 {
		t.Errorf("indexof overloads: %d", len(Lookup("indexof")))
	}
	if Lookup("nope") != nil {
		t.Error("unknown function found")
	}
}

func TestResolve(t *testing.T) {
	s, i, l, r := table.String, table.Int, table.Long, table.Real
	tests := []struct {
		name string
		args []table.Type
		sql  string
		ok   bool
	}{
		{"indexof", []table.Type{s, s}, "(strpos($1, $2) - 1)", true},
		{"indexof", []table.Type{s, s, i}, "kql_indexof($1, $2, $3, -1, 1)", true},
		{"bin", []table.Type{i, l}, "kql_floor($1, $2)", true},
		{"bin", []table.Type{r, i}, "kql_bin_real($1, $2)", true},
		{"pack_array", []table.Type{s, l, r}, "json_array($*)", true},
		{"hash", []table.Type{i}, "kql_xxhash64_long($1)", true},
		{"parse_ipv4", []table.Type{l}, "", false},
		{"nope", nil, "", false},
	}
	for _, tt := range tests {
		f, ok := Resolve(tt.name, tt.args)
		if ok != tt.ok || ok && f.SQL != tt.sql {
			t.Errorf("Resolve(%s, %v) = %q, %v", tt.name, tt.args, f.SQL, ok)
		}
	}
}
