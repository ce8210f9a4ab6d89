package engine

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/huntbook/huntbook/engine/kqlfunc"
	"github.com/huntbook/huntbook/engine/sqlrepr"
	"github.com/huntbook/huntbook/table"
)

// TestTermMacros runs every term operator through DuckDB and compares it
// with the Go definition, over haystacks with tricky boundaries.
func TestTermMacros(t *testing.T) {
	db := openTest(t, Options{})
	haystacks := []string{"North America", `C:\Windows\System32\cmd.exe /c whoami`, "user_name", "ÄBC-def",
		"\u212Aelvin", "", "a.b.c", "foo.bar baz", "xfoo.barx"}
	needles := []string{"america", "Amer", "ica", "cmd.exe", "md.exe", "/c", "name", "äbc", "kelvin", "", "b", ".b.", "foo.bar", "FOO"}
	ops := []string{"has", "has_cs", "hasprefix", "hasprefix_cs", "hassuffix", "hassuffix_cs"}
	for _, opName := range ops {
		op, _ := kqlfunc.LookupTermOp(opName)
		f := sqlrepr.Lookup(opName)[0]
		// One query per operator, one column per (haystack, needle).
		var exprs []string
		var schema []table.Column
		var want []any
		for _, h := range haystacks {
			for _, n := range needles {
				expr, err := f.Expand(sqlrepr.QuoteString(h), sqlrepr.QuoteString(n))
				if err != nil {
					t.Fatal(err)
				}
				exprs = append(exprs, expr)
				schema = append(schema, col(fmt.Sprintf("c%d", len(schema)), table.Bool))
				want = append(want, op.Match(h, n))
			}
		}
		got := mustQuery(t, db, Query{SQL: "SELECT " + strings.Join(exprs, ", "), Schema: schema})
		for i, w := range want {
			if got.Rows[0][i] != w {
				t.Errorf("%s: SQL %v, Go %v", exprs[i], got.Rows[0][i], w)
			}
		}
	}
}

func TestHasAnyAllSQL(t *testing.T) {
	db := openTest(t, Options{})
	for _, tt := range []struct {
		fn, list string
		want     bool
	}{
		{"has_any", `["this","example"]`, true},
		{"has_any", `["his","examp"]`, false},
		{"has_any", `[]`, false},
		{"has_all", `["this","example"]`, true},
		{"has_all", `["this","examp"]`, false},
	} {
		expr, _ := sqlrepr.Lookup(tt.fn)[0].Expand("'this is an example'", "CAST('"+tt.list+"' AS JSON)")
		got := mustQuery(t, db, Query{SQL: "SELECT " + expr, Schema: []table.Column{col("r", table.Bool)}})
		if got.Rows[0][0] != tt.want {
			t.Errorf("%s %s = %v", tt.fn, tt.list, got.Rows[0][0])
		}
	}
}

// TestRegistryExpands checks every registry entry expands and runs in
// DuckDB on sample arguments of its types.
func TestRegistryExpands(t *testing.T) {
	db := openTest(t, Options{})
	samples := map[table.Type]string{
		table.Bool: "true", table.Int: "CAST(1 AS INTEGER)", table.Long: "CAST(2 AS BIGINT)", table.Real: "CAST(1.5 AS DOUBLE)",
		table.Decimal: "CAST(1.5 AS DECIMAL(38,18))", table.String: "'1.2.3.4'", table.DateTime: "TIMESTAMP_NS '2020-01-01'",
		table.TimeSpan: "CAST(36000000000 AS BIGINT)", table.Dynamic: `CAST('["a",1]' AS JSON)`, table.GUID: "uuid()",
		sqlrepr.Any: "'x'",
	}
	for _, f := range sqlrepr.Functions() {
		args := make([]string, len(f.Args))
		for i, a := range f.Args {
			args[i] = samples[a]
		}
		expr, err := f.Expand(args...)
		if err != nil {
			t.Errorf("%s: %v", f.Name, err)
			continue
		}
		q := Query{SQL: "SELECT " + expr, Schema: []table.Column{col("r", f.Result)}}
		if _, err := db.Query(context.Background(), q, 0); err != nil {
			t.Errorf("%s%v: %s: %v", f.Name, f.Args, expr, err)
		}
	}
}

func TestUDFNullHandling(t *testing.T) {
	db := openTest(t, Options{})
	got := mustQuery(t, db, Query{SQL: `SELECT kql_has(NULL, 'a'), kql_term_regex(NULL, 'has')`,
		Schema: []table.Column{col("a", table.Bool), col("b", table.String)}})
	if diff := cmp.Diff([][]any{{false, ""}}, got.Rows); diff != "" {
		t.Error(diff)
	}
}

// TestHasAnySetPerRowAndLarge covers needle lists that vary per row, nulls,
// and a 10,000-needle IoC list (linear, unlike an RE2 alternation).
func TestHasAnySetPerRowAndLarge(t *testing.T) {
	db := openTest(t, Options{})
	got := mustQuery(t, db, Query{SQL: `SELECT kql_has_any(h, CAST(n AS JSON)), kql_has_all(h, CAST(n AS JSON)) FROM (VALUES
		('this is an example', '["this","examp"]'), ('cmd.exe /c whoami', '["cmd.exe","/c"]'),
		(NULL, '["x"]'), ('x', NULL), ('x', '[]')) t(h, n)`,
		Schema: []table.Column{col("any", table.Bool), col("all", table.Bool)}})
	want := [][]any{{true, false}, {true, true}, {false, false}, {false, true}, {false, true}}
	if diff := cmp.Diff(want, got.Rows); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	needles := make([]string, 10000)
	for i := range needles {
		needles[i] = fmt.Sprintf(`"ioc%05d.example"`, i)
	}
	list := "[" + strings.Join(needles, ",") + `,"whoami"]`
	got = mustQuery(t, db, Query{
		SQL: `SELECT count(*) FILTER (WHERE kql_has_any('C:\x.exe /c whoami ' || i, CAST('` + list + `' AS JSON)))
		      FROM range(100000) t(i)`,
		Schema: []table.Column{col("n", table.Long)}})
	if got.Rows[0][0] != int64(100000) {
		t.Errorf("large list: %v", got.Rows)
	}
}

// TestTermMacroColumnNeedle: a needle from a column cannot be folded; the
// pattern is then built per row, slower but the same answer.
func TestTermMacroColumnNeedle(t *testing.T) {
	db := openTest(t, Options{})
	got := mustQuery(t, db, Query{SQL: `SELECT kql_has(h, n), kql_hasprefix(h, n) FROM (VALUES
		('cmd.exe /c whoami', 'WHOAMI'), ('cmd.exe /c whoami', 'who'), ('x', '')) t(h, n)`,
		Schema: []table.Column{col("has", table.Bool), col("prefix", table.Bool)}})
	want := [][]any{{true, true}, {false, true}, {true, true}}
	if diff := cmp.Diff(want, got.Rows); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestMaterializeWithArgs(t *testing.T) {
	db := openTest(t, Options{MaxConns: 1})
	info, err := db.Materialize(context.Background(), "p", Query{SQL: `SELECT i FROM range(10) t(i) WHERE i >= $1`,
		Args: []any{int64(7)}, Schema: []table.Column{col("i", table.Long)}})
	if err != nil || info.Rows != 3 {
		t.Fatalf("%+v, %v", info, err)
	}
	// One connection asked for, two given: a plugin still runs.
	if _, err := db.RunPlugin(context.Background(), "wc", Query{SQL: `SELECT 'a b'`, Schema: []table.Column{col("s", table.String)}}, wordCount); err != nil {
		t.Fatal(err)
	}
}

// TestMacrosOnEveryConnection holds all four pooled connections open at
// once, so each must have received the macros and the workspace default.
func TestMacrosOnEveryConnection(t *testing.T) {
	ctx := context.Background()
	db := openTest(t, Options{MaxConns: 4})
	if _, err := db.Load(ctx, "T", []table.Column{col("s", table.String)}, Create, rowsOf([]any{"cmd.exe /c whoami"})); err != nil {
		t.Fatal(err)
	}
	var curs []*Cursor
	for range 4 {
		cur, err := db.OpenCursor(ctx, Query{SQL: `SELECT kql_has(s, 'whoami') FROM T`, Schema: []table.Column{col("b", table.Bool)}})
		if err != nil {
			t.Fatal(err)
		}
		curs = append(curs, cur)
	}
	for _, cur := range curs {
		batch, _ := cur.Next(10)
		if len(batch.Rows) != 1 || batch.Rows[0][0] != true {
			t.Errorf("rows = %v", batch.Rows)
		}
		cur.Close()
	}
}
