package syntax

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// FuzzParse checks that no input panics or hangs the parser, that every
// span lies inside the input, and that a tree that parses prints to text
// that parses to an equal tree and prints the same again.
func FuzzParse(f *testing.F) {
	for _, tc := range canonicalCases {
		f.Add(tc.in)
	}
	for _, tc := range errorCases {
		f.Add(tc.in)
	}
	for _, q := range goldenQueries(f) {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, src string) {
		s, err := Parse(src)
		if s == nil {
			t.Fatal("Parse returned a nil tree")
		}
		checkSpans(t, s, len(src))
		text := s.String()
		_ = Dump(s)
		if _, jerr := JSON(s); jerr != nil {
			t.Fatalf("JSON: %v", jerr)
		}
		CheckComplete(src)
		Tokenize(src)
		if err != nil {
			return
		}
		s2, err := Parse(text)
		if err != nil {
			t.Fatalf("canonical text of %q does not parse: %v\n%s", src, err, text)
		}
		if d := cmp.Diff(s, s2, treeOpts); d != "" {
			t.Fatalf("print→parse changed the tree of %q:\n%s\ntext:\n%s", src, d, text)
		}
		if text2 := s2.String(); text2 != text {
			t.Fatalf("printing is not stable for %q:\n%s\n---\n%s", src, text, text2)
		}
	})
}

// checkSpans verifies 0 <= Start <= End <= n for every node.
func checkSpans(t *testing.T, root Node, n int) {
	t.Helper()
	Inspect(root, func(x Node) bool {
		if x == nil {
			return false
		}
		if sp := x.Range(); sp.Start < 0 || sp.End < sp.Start || sp.End > n {
			t.Fatalf("%T has span %v outside [0, %d]", x, sp, n)
		}
		return true
	})
}
