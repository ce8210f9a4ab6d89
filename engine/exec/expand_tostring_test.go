package exec_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/huntbook/huntbook/engine"
	"github.com/huntbook/huntbook/engine/exec"
)

// mixedDynamic holds a dynamic value of every shape mv-expand meets:
// arrays of each JSON type (strings with escapes, quotes, slashes and
// non-ASCII text among them), bags, scalars, nulls and empty values.
const mixedDynamic = `datatable(k:string, d:dynamic)[
	"s", dynamic(["x", "x", "", "a\"b", "back\\slash", "é/ü", " sp "]),
	"n", dynamic([1, -2, 3.5, 1e300, 9223372036854775807]),
	"b", dynamic([true, false]),
	"z", dynamic([null, "y", null]),
	"m", dynamic(["p", 1, true, null, ["q"], {"r": "s"}, [], {}]),
	"o", dynamic({"p": "v", "q/~r": {"s": 2}, "t": [1]}),
	"e", dynamic([]),
	"f", dynamic({}),
	"v", dynamic("scalar \"text\""),
	"i", dynamic(7),
	"t", dynamic(true),
	"u", dynamic(null)]`

// fastPathMark is in the SQL of the string fast path only.
const fastPathMark = "starts_with(CAST(__x AS VARCHAR)"

// TestExpandToString checks that `mv-expand ... to typeof(string)` feeding
// summarize (one lateral unnest of elements converted while expanding)
// gives what the general translation gives (forced by serialize, which
// keeps the order and so the Expand and its converting projection apart)
// on every shape of dynamic value, and that the fast path is the one taken.
func TestExpandToString(t *testing.T) {
	ctx := context.Background()
	db, err := engine.Open(ctx, engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	x := exec.New(db)
	tail := " | summarize n = count() by k, v | order by k asc, v asc"
	cases := []struct {
		expand string
		fast   bool
	}{
		{"mv-expand v = d to typeof(string)", true},
		{"mv-expand bagexpansion=array v = d to typeof(string)", true},
		{"mv-expand with_itemindex=i v = d to typeof(string)", false},
		{"mv-expand v = d to typeof(string) limit 2", false},
		{"mv-expand v = d to typeof(string), w = d", false},
		{"mv-expand v = d to typeof(long)", false},
	}
	for _, c := range cases {
		t.Run(c.expand, func(t *testing.T) {
			fused, err := x.Compile(ctx, mixedDynamic+" | "+c.expand+tail, nil, exec.RunOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Contains(fused.SQL, fastPathMark); got != c.fast {
				t.Errorf("fast path taken %v, want %v:\n%s", got, c.fast, fused.SQL)
			}
			got, err := x.Run(ctx, mixedDynamic+" | "+c.expand+tail, nil, exec.RunOptions{})
			if err != nil {
				t.Fatal(err)
			}
			general, err := x.Compile(ctx, mixedDynamic+" | "+c.expand+" | serialize"+tail, nil, exec.RunOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(general.SQL, fastPathMark) {
				t.Fatalf("serialize took the fast path:\n%s", general.SQL)
			}
			want, err := x.Run(ctx, mixedDynamic+" | "+c.expand+" | serialize"+tail, nil, exec.RunOptions{})
			if err != nil {
				t.Fatal(err)
			}
			compareTwins(t, got.Table, want.Table, "")
		})
	}
}

// TestExpandToStringValues pins the documented conversion: a string
// element gives its text, any other element (and each property of a bag)
// gives "", an empty array or bag gives no row.
func TestExpandToStringValues(t *testing.T) {
	ctx := context.Background()
	db, err := engine.Open(ctx, engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	x := exec.New(db)
	res, err := x.Run(ctx, mixedDynamic+" | mv-expand v = d to typeof(string) | summarize n = count() by k, v | order by k asc, v asc", nil, exec.RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range res.Table.Rows {
		got = append(got, fmt.Sprintf("%v|%v|%v", r[0], r[1], r[2]))
	}
	want := []string{
		"b||2", "i||1", "m||7", "m|p|1", "n||5", "o||3",
		"s||1", "s| sp |1", "s|a\"b|1", "s|back\\slash|1", "s|x|2", "s|é/ü|1",
		"t||1", "u||1", "v|scalar \"text\"|1", "z||2", "z|y|1",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestExpandToStringLongArray expands the longest array range() makes
// under a 1 GiB memory limit: the elements must stream (an unnest in FROM,
// a lateral join in DuckDB, runs out of memory on it).
func TestExpandToStringLongArray(t *testing.T) {
	ctx := context.Background()
	db, err := engine.Open(ctx, engine.Options{MemoryLimit: 1 << 30})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	res, err := exec.New(db).Run(ctx, "print r = range(1, 1000000000) | mv-expand r to typeof(string) | summarize n = count(), e = countif(r == '')", nil, exec.RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(res.Table.Rows); got != "[[1048576 1048576]]" {
		t.Errorf("got %s, want 1048576 rows, all empty (numbers are not strings)", got)
	}
}
