package sema

import (
	"reflect"
	"testing"

	"github.com/huntbook/huntbook/kql/syntax"
	"github.com/huntbook/huntbook/table"
)

func cols(spec ...string) []table.Column {
	var out []table.Column
	for i := 0; i+1 < len(spec); i += 2 {
		t, ok := table.ParseType(spec[i+1])
		if !ok {
			panic(spec[i+1])
		}
		out = append(out, table.Column{Name: spec[i], Type: t})
	}
	return out
}

func TestJoinOutputNames(t *testing.T) {
	tests := []struct {
		name        string
		left, right []table.Column
		kind        JoinKind
		drop        map[string]bool
		want        []string
	}{
		{"key repeated with suffix 1", cols("Key", "string", "Value1", "long"), cols("Key", "string", "Value2", "long"),
			JoinInner, nil, []string{"Key", "Value1", "Key1", "Value2"}},
		{"suffix skips taken names", cols("a", "long", "a1", "long"), cols("a", "long"),
			JoinLeftOuter, nil, []string{"a", "a1", "a2"}},
		{"suffixed name of a renamed right column", cols("V", "long", "V1", "long"), cols("V", "long", "V1", "long"),
			JoinInner, nil, []string{"V", "V1", "V2", "V11"}},
		{"leftsemi keeps the left side", cols("k", "long", "x", "long"), cols("k", "long", "y", "long"),
			JoinLeftSemi, nil, []string{"k", "x"}},
		{"rightanti keeps the right side", cols("k", "long", "x", "long"), cols("k", "long", "y", "long"),
			JoinRightAnti, nil, []string{"k", "y"}},
		{"lookup drops the right keys", cols("k", "long", "x", "long"), cols("k", "long", "x", "long", "z", "long"),
			JoinLeftOuter, map[string]bool{"k": true}, []string{"k", "x", "x1", "z"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, out := joinOutput(tt.left, tt.right, tt.kind, tt.drop)
			if got := columnNames(out); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestUnionColumns(t *testing.T) {
	leg := func(c []table.Column) unionLeg { return unionLeg{t: &DataTable{Cols: c}} }
	tests := []struct {
		name     string
		legs     []unionLeg
		inner    bool
		want     []table.Column
		wantMaps [][]int
	}{
		{"outer fills missing columns", []unionLeg{leg(cols("a", "long", "b", "string")), leg(cols("b", "string", "c", "real"))}, false,
			cols("a", "long", "b", "string", "c", "real"), [][]int{{0, 1, -1}, {-1, 0, 1}}},
		{"one column per type, suffixed", []unionLeg{leg(cols("x", "long")), leg(cols("x", "int"))}, false,
			cols("x_long", "long", "x_int", "int"), [][]int{{0, -1}, {-1, 0}}},
		{"suffixed name clashing with a real column gets a number", []unionLeg{leg(cols("x", "long")), leg(cols("x", "int")), leg(cols("x_long", "long"))}, false,
			cols("x_long1", "long", "x_int", "int", "x_long", "long"), [][]int{{0, -1, -1}, {-1, 0, -1}, {-1, -1, 0}}},
		{"inner keeps common columns of the same type", []unionLeg{leg(cols("a", "long", "b", "string", "c", "long")), leg(cols("c", "long", "a", "long", "b", "long"))}, true,
			cols("a", "long", "c", "long"), [][]int{{0, 2}, {1, 0}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, maps := unionColumns(tt.legs, tt.inner)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("columns: got %v, want %v", got, tt.want)
			}
			if !reflect.DeepEqual(maps, tt.wantMaps) {
				t.Errorf("maps: got %v, want %v", maps, tt.wantMaps)
			}
		})
	}
}

func TestSearchTerm(t *testing.T) {
	tests := []struct {
		term string
		cs   bool
		op   syntax.BinaryOp
		arg  string
	}{
		{"billg", false, syntax.OpHas, "billg"},
		{"billg", true, syntax.OpHasCs, "billg"},
		{"*billg", false, syntax.OpHasSuffix, "billg"},
		{"billg*", false, syntax.OpHasPrefix, "billg"},
		{"billg*", true, syntax.OpHasPrefixCs, "billg"},
		{"*billg*", false, syntax.OpContains, "billg"},
		{"*billg*", true, syntax.OpContainsCs, "billg"},
		{"Lab*PC", false, syntax.OpMatchesRegex, `(?i)\bLab.*PC\b`},
		{"Lab*PC", true, syntax.OpMatchesRegex, `\bLab.*PC\b`},
		{"a.b*c", true, syntax.OpMatchesRegex, `\ba\.b.*c\b`},
	}
	for _, tt := range tests {
		lit := &syntax.Literal{Type: table.String, Value: tt.term}
		b := searchTerm(&syntax.Wildcard{Pattern: "*"}, lit, tt.term, tt.cs).(*syntax.Binary)
		if b.Op != tt.op || b.Y.(*syntax.Literal).Value != tt.arg {
			t.Errorf("%q cs=%v: got %s %v, want %s %q", tt.term, tt.cs, b.Op, b.Y.(*syntax.Literal).Value, tt.op, tt.arg)
		}
	}
}
