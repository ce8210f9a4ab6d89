package kqlfunc

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestArraySort(t *testing.T) {
	tests := []struct {
		in        string
		asc, last bool
		want      string
	}{
		{`[null,"blue","yellow","green",null]`, true, true, `["blue","green","yellow",null,null]`},
		{`[null,"blue","yellow","green",null]`, true, false, `[null,null,"blue","green","yellow"]`},
		{`[1,3,4,5,2]`, true, true, `[1,2,3,4,5]`},
		{`[1,3,4,5,2]`, false, true, `[5,4,3,2,1]`},
		{`["John","Paul","Jane","Kao"]`, true, true, `["Jane","John","Kao","Paul"]`},
	}
	for _, tt := range tests {
		got, _ := ArraySort(mustDynamic(t, tt.in), tt.asc, tt.last)
		if diff := cmp.Diff(mustDynamic(t, tt.want), got); diff != "" {
			t.Errorf("sort %s (-want +got):\n%s", tt.in, diff)
		}
	}
	got, _ := ArraySortBy(mustDynamic(t, `[1,3,4,5,2]`), mustDynamic(t, `["a","b","c","d","e"]`), true, true)
	if diff := cmp.Diff(mustDynamic(t, `["a","e","b","c","d"]`), got); diff != "" {
		t.Error(diff)
	}
}

func TestSets(t *testing.T) {
	tests := []struct {
		fn       func(any) any
		in, want string
	}{
		{SetIntersect, `[[1,2,1,4],[1,2],[8,1]]`, `[1]`},
		{SetIntersect, `[[1,2,3],[4,5]]`, `[]`},
		{SetUnion, `[[1,2,3],[3,4],["a"]]`, `[1,2,3,4,"a"]`},
		{SetDifference, `[[1,2,3],[3,4],[1]]`, `[2]`},
		{Zip, `[[1,3,5],[2,4,6]]`, `[[1,2],[3,4],[5,6]]`},
		{Zip, `[[1,3],[2]]`, `[[1,2],[3,null]]`},
		{BagMerge, `[{"A1":12,"B1":2,"C1":3},{"A2":81,"B2":82,"A1":1}]`, `{"A1":12,"B1":2,"C1":3,"A2":81,"B2":82}`},
		{TreePath, `{"a":{"b":[1,2],"c d":1}}`, `["['a']","['a']['b']","['a']['b'][0]","['a']['c d']"]`},
		// the documented examples of treepath()
		{TreePath, `{"a":"b", "c":123}`, `["['a']","['c']"]`},
		{TreePath, `{"prop1":[1,2,3,4], "prop2":"value2"}`, `["['prop1']","['prop1'][0]","['prop2']"]`},
		{TreePath, `{"listProperty":[100,200,300,"abcde",{"x":"y"}]}`, `["['listProperty']","['listProperty'][0]","['listProperty'][0]['x']"]`},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(mustDynamic(t, tt.want), tt.fn(mustDynamic(t, tt.in))); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestBagRemoveKeys(t *testing.T) {
	tests := []struct{ bag, keys, want string }{
		{`{"key1":123,"key2":"abc"}`, `["key2","key4"]`, `{"key1":123}`},
		{`{"key1":"value","key3":42.0}`, `["key2","key4"]`, `{"key1":"value","key3":42.0}`},
		{`{"key1":123,"key2":{"prop1":"abc","prop2":"xyz"},"key3":[100,200]}`, `["$.key2.prop1","key3"]`, `{"key1":123,"key2":{"prop2":"xyz"}}`},
		{`{"a":{"b":1}}`, `["$['a']['b']"]`, `{"a":{}}`},
	}
	for _, tt := range tests {
		got, _ := BagRemoveKeys(mustDynamic(t, tt.bag), mustDynamic(t, tt.keys))
		if diff := cmp.Diff(mustDynamic(t, tt.want), got); diff != "" {
			t.Errorf("bag_remove_keys(%s, %s) (-want +got):\n%s", tt.bag, tt.keys, diff)
		}
	}
}

func TestSliceJaccard(t *testing.T) {
	tests := []struct {
		start, end int64
		want       string
	}{
		{1, 2, `[2,3]`}, {-2, -1, `[4,5]`}, {2, 100, `[3,4,5]`}, {4, 1, `[]`}, {0, -3, `[1,2,3]`},
	}
	arr := mustDynamic(t, `[1,2,3,4,5]`)
	for _, tt := range tests {
		got, _ := ArraySlice(arr, tt.start, tt.end)
		if diff := cmp.Diff(mustDynamic(t, tt.want), got); diff != "" {
			t.Errorf("array_slice(%d, %d) (-want +got):\n%s", tt.start, tt.end, diff)
		}
	}
	if j, _ := JaccardIndex(mustDynamic(t, `[1,2,3]`), mustDynamic(t, `[2,3,4,5]`)); j != 0.4 {
		t.Errorf("jaccard = %v", j)
	}
	if j, _ := JaccardIndex(mustDynamic(t, `[]`), mustDynamic(t, `[]`)); !math.IsNaN(j) {
		t.Errorf("jaccard of empty sets = %v", j)
	}
}

func TestParseXML(t *testing.T) {
	got, ok := ParseXML(`<?xml version="1.0"?><event id="4688" level="info"><data name="a">x</data><data name="b"/><user>bob</user><empty/></event>`)
	want := mustDynamic(t, `{"event":{"@id":"4688","@level":"info","data":[{"@name":"a","#text":"x"},{"@name":"b"}],"user":"bob","empty":null}}`)
	if diff := cmp.Diff(want, got); diff != "" || !ok {
		t.Errorf("parse_xml (-want +got):\n%s", diff)
	}
	if _, ok := ParseXML("<a><b></a>"); ok {
		t.Error("bad XML parsed")
	}
}

func FuzzParseXML(f *testing.F) {
	f.Add(`<a x="1"><b>t</b><b/></a>`)
	f.Fuzz(func(t *testing.T, s string) {
		if v, ok := ParseXML(s); ok {
			MarshalJSON(v)
		}
	})
}
