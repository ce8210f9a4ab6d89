package engine

import (
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/huntbook/huntbook/engine/sqlrepr"
	"github.com/huntbook/huntbook/table"
)

// TestFunctionsInSQL runs registry entries through DuckDB on documented
// examples: the SQL twin of the Go unit tests.
func TestFunctionsInSQL(t *testing.T) {
	db := openTest(t, Options{})
	dt := time.Date(2017, 1, 29, 9, 0, 5, 0, time.UTC)
	tests := []struct {
		fn   string
		args []any
		want any
	}{
		{"trim", []any{"--", "--https://bing.com--"}, "https://bing.com"},
		{"contains", []any{"FabriKam", "BRik"}, true},
		{"!contains", []any{"Fabrikam", "xyz"}, true},
		{"contains_cs", []any{"FabriKam", "Kam"}, true},
		{"endswith", []any{"Fabrikam", "Kam"}, true},
		{"endswith_cs", []any{"Fabrikam", "Kam"}, false},
		{"startswith", []any{"Fabrikam", "fab"}, true},
		{"=~", []any{"abc", "ABC"}, true},
		{"==", []any{"aBc", "abc"}, false},
		{"isempty", []any{""}, true},
		{"strlen", []any{"héllo"}, int64(5)},
		{"substring", []any{"123456", int64(1), int64(3)}, "234"},
		{"substring", []any{"ABCD", int64(2)}, "CD"},
		{"strcat", []any{"a", "b", "c"}, "abc"},
		{"trim_end", []any{`[^\w]+`, "-  Te st1// $"}, "-  Te st1"},
		{"split", []any{"a__b", "_"}, []any{"a", "", "b"}},
		{"split", []any{"aaa_bbb_ccc", "_", int64(1)}, []any{"bbb"}},
		{"split", []any{"aaa_bbb_ccc", "_", int64(5)}, []any{}},
		{"countof", []any{"aaaa", "aa"}, int64(3)},
		{"indexof", []any{"abcdefg", "cde"}, int64(2)},
		{"indexof", []any{"abcdefgabcdefg", "cde", int64(1), int64(10), int64(2)}, int64(9)},
		{"replace_regex", []any{"abcabc", "b(c)", `x\1`}, "axcaxc"},
		{"extract", []any{`(\d+)`, int64(1), "ab 123 cd"}, "123"},
		{"url_encode", []any{"https://www.bing.com/hello world"}, "https%3a%2f%2fwww.bing.com%2fhello+world"},
		{"base64_encode_tostring", []any{"Kusto"}, "S3VzdG8="},
		{"base64_decode_tostring", []any{"S3VzdG8="}, "Kusto"},
		{"base64_decode_tostring", []any{"!!"}, ""}, // strings are never null
		{"hash_md5", []any{"World"}, "f5a7924e621e84c9280a9a27e1bcb7f6"},
		{"hash", []any{"World"}, int64(1846988464401551951)},
		{"hash", []any{"World", int64(100)}, int64(51)},
		{"parse_ipv4", []any{"192.168.1.1/24"}, int64(3232235776)},
		{"ipv4_is_private", []any{"192.168.1.1/24"}, true},
		{"ipv4_is_private", []any{"not an ip"}, nil},
		{"has_any_ipv4", []any{"05:04:54 127.0.0.1 GET", []any{"127.0.0.1", "127.0.0.2"}}, true},
		{"parse_ipv6", []any{"192.168.255.255/24"}, "0000:0000:0000:0000:0000:ffff:c0a8:ff00"},
		{"format_datetime", []any{dt, "yy-MM-dd [hh:mm:ss tt]"}, "17-01-29 [09:00:05 AM]"},
		{"format_timespan", []any{29*24*time.Hour + 9*time.Hour + 5*time.Second + 123450*time.Microsecond, "dd.hh:mm:ss:FF"}, "29.09:00:05:12"},
		{"todatetime", []any{"2015-12-31 23:59:59.9999999"}, time.Date(2015, 12, 31, 23, 59, 59, 999999900, time.UTC)},
		{"todatetime", []any{"bad"}, nil},
		{"totimespan", []any{"0.00:03:00"}, 3 * time.Minute},
		{"endofyear", []any{time.Date(2017, 1, 1, 10, 10, 17, 0, time.UTC)}, time.Date(2017, 12, 31, 23, 59, 59, 999999900, time.UTC)},
		{"startofweek", []any{time.Date(2017, 1, 4, 10, 0, 0, 0, time.UTC)}, time.Date(2017, 1, 1, 0, 0, 0, 0, time.UTC)},
		{"bin", []any{time.Date(2017, 1, 4, 10, 31, 0, 123456700, time.UTC), time.Hour}, time.Date(2017, 1, 4, 10, 0, 0, 0, time.UTC)},
		{"bin", []any{int64(-7), int64(5)}, int64(-10)},
		{"tostring", []any{1e21}, "1E+21"},
		{"tostring", []any{time.Date(2017, 1, 4, 10, 31, 0, 123456700, time.UTC)}, "2017-01-04T10:31:00.1234567Z"},
		{"tostring", []any{36 * time.Hour}, "1.12:00:00"},
		{"tostring", []any{map[string]any{"a": "b"}}, `{"a":"b"}`},
		{"tostring", []any{"x"}, "x"},
		{"parse_json", []any{`{"a":[1,2]}`}, map[string]any{"a": []any{jsonNum(1), jsonNum(2)}}},
		{"parse_json", []any{`not json`}, "not json"},
		{"parse_command_line", []any{`echo "hello world!"`, "windows"}, []any{"echo", "hello world!"}},
		{"array_slice", []any{[]any{jsonNum(1), jsonNum(2), jsonNum(3)}, int64(-2), int64(-1)}, []any{jsonNum(2), jsonNum(3)}},
		{"set_intersect", []any{[]any{[]any{jsonNum(1), jsonNum(2)}, []any{jsonNum(2)}}}, []any{jsonNum(2)}},
		{"strcat_array", []any{[]any{"a", jsonNum(1)}, "-"}, "a-1"},
	}
	for _, tt := range tests {
		f, args := pickOverload(t, tt.fn, tt.args)
		if f == nil {
			continue
		}
		expr, err := f.Expand(args...)
		if err != nil {
			t.Fatal(err)
		}
		got := mustQuery(t, db, Query{SQL: "SELECT " + expr, Schema: []table.Column{col("r", f.Result)}})
		if diff := cmp.Diff(tt.want, got.Rows[0][0]); diff != "" {
			t.Errorf("%s%v: %s (-want +got):\n%s", tt.fn, tt.args, expr, diff)
		}
	}
}

// pickOverload finds the overload whose argument types fit the Go values
// and writes them as SQL literals.
func pickOverload(t *testing.T, name string, vals []any) (*sqlrepr.Func, []string) {
	t.Helper()
	for _, f := range sqlrepr.Lookup(name) {
		if !f.Variadic && len(f.Args) != len(vals) {
			continue
		}
		args := make([]string, len(vals))
		ok := true
		for i, v := range vals {
			ty := f.Args[min(i, len(f.Args)-1)]
			if ty == sqlrepr.Any {
				ty = goType(v)
			}
			lit, err := sqlrepr.Literal(ty, v)
			if err != nil {
				ok = false
				break
			}
			args[i] = lit
		}
		if ok {
			return &f, args
		}
	}
	t.Errorf("no overload of %s fits %v", name, vals)
	return nil, nil
}

// FuzzLiteralRoundTrip checks that any string, written as a SQL literal,
// reaches DuckDB unchanged: query text never escapes its quotes.
func FuzzLiteralRoundTrip(f *testing.F) {
	db := openTest(f, Options{Threads: 1})
	for _, s := range []string{"it's", `'); DROP TABLE x; --`, "a\x00b", `\'`, "ünï", "$1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			t.Skip() // DuckDB strings are UTF-8
		}
		lit, err := sqlrepr.Literal(table.String, s)
		if err != nil {
			t.Fatal(err)
		}
		got := mustQuery(t, db, Query{SQL: "SELECT " + lit, Schema: []table.Column{col("s", table.String)}})
		if got.Rows[0][0] != s {
			t.Fatalf("%q came back as %q", s, got.Rows[0][0])
		}
	})
}

// goType is the KQL type of a Go value of the table package's forms.
func goType(v any) table.Type {
	switch v.(type) {
	case string:
		return table.String
	case int64:
		return table.Long
	case float64:
		return table.Real
	case bool:
		return table.Bool
	case time.Time:
		return table.DateTime
	case time.Duration:
		return table.TimeSpan
	}
	return table.Dynamic
}
