package syntax

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestInspectOrder(t *testing.T) {
	s, err := Parse("T | where a > 1 | project b")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	Inspect(s, func(n Node) bool {
		if n != nil {
			got = append(got, fmt.Sprintf("%T", n))
		}
		return true
	})
	want := []string{"*syntax.Script", "*syntax.ExprStmt", "*syntax.Pipeline", "*syntax.Ident",
		"*syntax.WhereOp", "*syntax.Binary", "*syntax.Ident", "*syntax.Literal",
		"*syntax.ProjectOp", "*syntax.NamedExpr", "*syntax.Ident"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("visit order (-want +got):\n%s", diff)
	}
}

func TestInspectPrune(t *testing.T) {
	s, _ := Parse("T | where f(g(x))")
	calls := 0
	Inspect(s, func(n Node) bool {
		if _, ok := n.(*Call); ok {
			calls++
			return false // do not look inside the outer call
		}
		return true
	})
	if calls != 1 {
		t.Errorf("visited %d calls, want 1 (children of a pruned node are skipped)", calls)
	}
}

// TestChildrenComplete checks, over every golden tree, that each node's
// eachChild visits exactly the nodes held in its fields: a field missed by
// Walk would hide a subtree from sema.
func TestChildrenComplete(t *testing.T) {
	inputs := goldenQueries(t)
	for _, tc := range canonicalCases {
		inputs = append(inputs, tc.in)
	}
	for _, in := range inputs {
		s, _ := Parse(in)
		Inspect(s, func(n Node) bool {
			if n == nil {
				return false
			}
			want := fieldNodes(reflect.ValueOf(n).Elem())
			var got []string
			for _, c := range Children(n) {
				got = append(got, fmt.Sprintf("%p", c))
			}
			sort.Strings(want)
			sort.Strings(got)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%T in %q: children differ from fields (-fields +children):\n%s", n, in, diff)
			}
			return true
		})
	}
}

// fieldNodes lists the addresses of the nodes held in a struct's fields.
func fieldNodes(v reflect.Value) []string {
	var out []string
	add := func(f reflect.Value) {
		if f.Kind() == reflect.Interface {
			f = f.Elem()
		}
		if f.IsValid() && !f.IsNil() {
			out = append(out, fmt.Sprintf("%p", f.Interface()))
		}
	}
	for i := 0; i < v.NumField(); i++ {
		f, ft := v.Field(i), v.Type().Field(i)
		switch {
		case ft.Type == spanType:
		case isNodeField(ft.Type):
			add(f)
		case ft.Type.Kind() == reflect.Slice && isNodeField(ft.Type.Elem()):
			for j := 0; j < f.Len(); j++ {
				add(f.Index(j))
			}
		}
	}
	return out
}

func TestJSON(t *testing.T) {
	s, err := Parse("T | where t > datetime(2020-01-01) and d < 1h | take 5")
	if err != nil {
		t.Fatal(err)
	}
	b, err := JSON(s)
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("JSON output is not JSON: %v\n%s", err, b)
	}
	for _, want := range []string{
		`"kind":"WhereOp"`, `"kind":"TakeOp"`, `"Op":"and"`,
		`{"kind":"Literal","span":[14,34],"Type":"datetime","Value":"2020-01-01T00:00:00.0000000Z"}`,
		`"Type":"timespan","Value":"01:00:00"`, `"span":[0,54]`, `"Op":">"`,
	} {
		if !strings.Contains(string(b), want) {
			t.Errorf("JSON lacks %s:\n%s", want, b)
		}
	}
}

func TestParseExpr(t *testing.T) {
	e, err := ParseExpr("a + b * 2")
	if err != nil {
		t.Fatal(err)
	}
	if got := e.String(); got != "a + b * 2" {
		t.Errorf("String() = %q", got)
	}
	if _, err := ParseExpr("a b"); err == nil {
		t.Error("ParseExpr(\"a b\") succeeded, want an error")
	}
}

func TestPathAt(t *testing.T) {
	src := "T | where Account has 'adm' | take 5"
	s, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, n := range PathAt(s, strings.Index(src, "count")) {
		got = append(got, fmt.Sprintf("%T", n))
	}
	want := []string{"*syntax.Script", "*syntax.ExprStmt", "*syntax.Pipeline", "*syntax.WhereOp", "*syntax.Binary", "*syntax.Ident"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("PathAt (-want +got):\n%s", diff)
	}
	if p := PathAt(s, len(src)+10); len(p) != 0 {
		t.Errorf("PathAt past the end = %d nodes, want none", len(p))
	}
}
