package kqlfunc

import "testing"

func TestExtractJSON(t *testing.T) {
	doc := `{"a": {"b": [1, "x", {"c": true}]}, "k y": null, "s": "t"}`
	for _, tc := range []struct {
		path, want string
		ok         bool
	}{
		{"$.s", "t", true},
		{"$.a.b[0]", "1", true},
		{"$.a.b[-1].c", "true", true},
		{"$['a'][\"b\"][1]", "x", true},
		{"$.a.b", `[1,"x",{"c":true}]`, true},
		{"$['k y']", "", false}, // null value
		{"$.a.b[3]", "", false},
		{"$.a.b.c", "", false},
		{"$.a.*", "", false}, // wildcards are not supported
		{"a", "", false},
		{"$[", "", false},
	} {
		got, ok := ExtractJSON(tc.path, doc)
		if got != tc.want || ok != tc.ok {
			t.Errorf("ExtractJSON(%q) = %q, %v; want %q, %v", tc.path, got, ok, tc.want, tc.ok)
		}
	}
	if _, ok := ExtractJSON("$.a", "not json"); ok {
		t.Error("ExtractJSON of invalid JSON gave a value")
	}
}

func TestBagSetKey(t *testing.T) {
	for _, tc := range []struct {
		bag   string
		key   string
		value any
		want  string
		ok    bool
	}{
		{`{"a":1}`, "b", "x", `{"a":1,"b":"x"}`, true},
		{`{"a":1}`, "a", nil, `{"a":null}`, true},
		{`{"a":{"b":1}}`, "$.a.c", 2.0, `{"a":{"b":1,"c":2}}`, true},
		{`{"a":5}`, "$.a.c", 2.0, `{"a":{"c":2}}`, true},
		{`{"a":[1]}`, "$.a[0]", 2.0, "", false},
		{`[1]`, "a", 1.0, "", false},
	} {
		got, ok := BagSetKey(mustDynamic(t, tc.bag), tc.key, tc.value)
		if ok != tc.ok || ok && MarshalJSON(got) != tc.want {
			t.Errorf("BagSetKey(%s, %q) = %v, %v; want %s, %v", tc.bag, tc.key, got, ok, tc.want, tc.ok)
		}
	}
}

func TestExtractAllGroups(t *testing.T) {
	got, ok := ExtractAllGroups(`(?P<k>\w)=(\d)`, []any{"k", 2.0}, "a=1 b=2")
	if !ok || MarshalJSON(got) != `[["a","1"],["b","2"]]` {
		t.Errorf("named and numbered groups: %v, %v", got, ok)
	}
	got, ok = ExtractAllGroups(`(\w)=(\d)`, []any{2.0}, "a=1 b=2")
	if !ok || MarshalJSON(got) != `["1","2"]` {
		t.Errorf("one group: %v, %v", got, ok)
	}
	for _, groups := range []any{[]any{0.0}, []any{3.0}, []any{"nope"}, []any{}, "1"} {
		if _, ok := ExtractAllGroups(`(\w)=(\d)`, groups, "a=1"); ok {
			t.Errorf("groups %v gave a value", groups)
		}
	}
}

func TestBagHasPath(t *testing.T) {
	bag := mustDynamic(t, `{"a": {"b": null}, "c": [1, 2]}`)
	for path, want := range map[string]bool{
		"$.a": true, "$.a.b": true, "$['a']['b']": true, "$.c[1]": true,
		"$.c[2]": false, "$.a.x": false, "$.c.x": false, "$.*": false, "a": false,
	} {
		if got := BagHasPath(bag, path); got != want {
			t.Errorf("BagHasPath(%q) = %v, want %v", path, got, want)
		}
	}
	if BagHasPath([]any{1.0}, "$[0]") {
		t.Error("BagHasPath of an array gave true")
	}
}
