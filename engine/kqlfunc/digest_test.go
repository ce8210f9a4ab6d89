package kqlfunc

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func parse(t *testing.T, s string) any {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("%s: %v", s, err)
	}
	return v
}

func TestTDigestPercentiles(t *testing.T) {
	tests := []struct {
		name, pairs string
		p           float64
		want        string
	}{
		{"median of 1..4", `[[1,1],[2,1],[3,1],[4,1]]`, 50, "2"},
		{"0 is the minimum", `[[3,1],[1,1],[2,1]]`, 0, "1"},
		{"100 is the maximum", `[[3,1],[1,1],[2,1]]`, 100, "3"},
		// the percentilesw page: weights 8, 6, 3, 1 of 10, 20, 30, 40
		{"weighted 50", `[[10,8],[20,6],[30,3],[40,1]]`, 50, "20"},
		{"weighted 75", `[[10,8],[20,6],[30,3],[40,1]]`, 75, "20"},
		{"weighted 99.9", `[[10,8],[20,6],[30,3],[40,1]]`, 99.9, "40"},
		{"repeated values merge", `[[5,1],[5,1],[7,1]]`, 60, "5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, ok := TDigest(parse(t, tt.pairs), "long")
			if !ok {
				t.Fatal("no digest")
			}
			got, ok := TDigestPercentile(d, tt.p)
			if !ok || MarshalJSON(got) != tt.want {
				t.Errorf("percentile %v = %v (%v), want %s", tt.p, got, ok, tt.want)
			}
		})
	}
}

func TestTDigestMergeAndRank(t *testing.T) {
	a, _ := TDigest(parse(t, `[[1,1],[2,1],[3,1]]`), "long")
	b, _ := TDigest(parse(t, `[[3,1],[4,1]]`), "long")
	m, ok := TDigestMerge([]any{a, nil, b})
	if !ok {
		t.Fatal("no merge")
	}
	if diff := cmp.Diff(`[["tdigest","long"],[1,2,3,4],[1,1,2,1]]`, MarshalJSON(m)); diff != "" {
		t.Errorf("merge (-want +got):\n%s", diff)
	}
	if r, _ := TDigestRank(m, 3); r != 4 {
		t.Errorf("rank of 3 = %d, want 4", r)
	}
	if pr, _ := TDigestPercentRank(m, 2); pr != 40 {
		t.Errorf("percentrank of 2 = %v, want 40", pr)
	}
	if _, ok := TDigest(parse(t, `[]`), "long"); ok {
		t.Error("an empty group gave a digest, want null")
	}
	if _, ok := TDigestPercentile("not a digest", 50); ok {
		t.Error("a non-digest gave a percentile, want null")
	}
}

func TestHLL(t *testing.T) {
	h1, _ := HLL(parse(t, `[1,2,2,3,"a"]`))
	h2, _ := HLL(parse(t, `[3,4,"a"]`))
	if n, _ := DcountHLL(h1); n != 4 {
		t.Errorf("dcount = %d, want 4", n)
	}
	m, _ := HLLMerge([]any{h1, h2, nil})
	if n, _ := DcountHLL(m); n != 5 {
		t.Errorf("merged dcount = %d, want 5", n)
	}
	if got := HLLIntersect([]any{h1, h2}); got != 2 {
		t.Errorf("intersection = %d, want 2", got)
	}
	if _, ok := HLLMerge([]any{nil}); ok {
		t.Error("merging nulls gave a digest, want null")
	}
}

func TestBuildSchema(t *testing.T) {
	tests := []struct{ values, want string }{
		// the buildschema page's example
		{`[{"x":1,"y":3.5},{"x":"somevalue","z":[1,2,3]},{"y":{"w":"zzz"},"t":["aa","bb"],"z":["foo"]}]`,
			`{"x":["long","string"],"y":["double",{"w":"string"}],"z":{"indexer":["long","string"]},"t":{"indexer":"string"}}`},
		{`[1, 2.5, true, null]`, `["long","double","bool"]`},
		{`[[1], {"a": 1}]`, `{"indexer":"long","a":"long"}`},
	}
	for _, tt := range tests {
		got, ok := BuildSchema(parse(t, tt.values))
		if !ok {
			t.Fatalf("%s: no schema", tt.values)
		}
		if diff := cmp.Diff(tt.want, MarshalJSON(got)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.values, diff)
		}
	}
	if _, ok := BuildSchema(parse(t, `[null]`)); ok {
		t.Error("only nulls gave a schema, want null")
	}
}
