package kqlfunc

import (
	"testing"
	"unicode/utf8"
)

func TestGeoFromWKT(t *testing.T) {
	for _, tc := range []struct{ wkt, want string }{
		// Microsoft's documented examples.
		{"POINT (1 2)", `{"type":"Point","coordinates":[1,2]}`},
		{"LINESTRING (1 2, 3 4)", `{"type":"LineString","coordinates":[[1,2],[3,4]]}`},
		{"POLYGON ((0 0, 2 0, 2 2, 0 0))", `{"type":"Polygon","coordinates":[[[0,0],[2,0],[2,2],[0,0]]]}`},
		{"MULTIPOINT (1 1, 2 2, 3 3)", `{"type":"MultiPoint","coordinates":[[1,1],[2,2],[3,3]]}`},
		{"MULTILINESTRING ((1 1, 2 2, 3 3), (4 4, 5 5))", `{"type":"MultiLineString","coordinates":[[[1,1],[2,2],[3,3]],[[4,4],[5,5]]]}`},
		{"MULTIPOLYGON (((0 0, 2 0, 2 2, 0 0)),((10 10, 12 10, 12 12, 10 10)))", `{"type":"MultiPolygon","coordinates":[[[[0,0],[2,0],[2,2],[0,0]]],[[[10,10],[12,10],[12,12],[10,10]]]]}`},
		{"GEOMETRYCOLLECTION (POINT (1 1),LINESTRING (2 2, 3 3, 4 4),POLYGON ((10 10, 12 10, 12 12, 10 10)))",
			`{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,1]},{"type":"LineString","coordinates":[[2,2],[3,3],[4,4]]},{"type":"Polygon","coordinates":[[[10,10],[12,10],[12,12],[10,10]]]}]}`},
		{"point(-1.5 2e1)", `{"type":"Point","coordinates":[-1.5,20]}`},
		{"MULTIPOINT ((1 1), (2 2))", `{"type":"MultiPoint","coordinates":[[1,1],[2,2]]}`},
		{"LINESTRING", ""},
		{"POINT EMPTY", ""},
		{"POINT (200 1)", ""},
		{"POINT (1 2 3)", ""},
		{"LINESTRING (1 2)", ""},
		{"POLYGON ((0 0, 2 0, 2 2, 0 1))", ""},
		{"POINT (1 2) x", ""},
		{"CIRCLE (1 2)", ""},
	} {
		got, ok := GeoFromWKT(tc.wkt)
		if tc.want == "" {
			if ok {
				t.Errorf("GeoFromWKT(%q) = %s, want null", tc.wkt, MarshalJSON(got))
			}
			continue
		}
		if !ok || !jsonEqual(t, MarshalJSON(got), tc.want) {
			t.Errorf("GeoFromWKT(%q) = %s, %v; want %s", tc.wkt, MarshalJSON(got), ok, tc.want)
		}
	}
}

func jsonEqual(t *testing.T, a, b string) bool {
	return MarshalJSON(mustDynamic(t, a)) == MarshalJSON(mustDynamic(t, b))
}

func FuzzGeoFromWKT(f *testing.F) {
	for _, s := range []string{"POINT (1 2)", "MULTIPOLYGON (((0 0, 2 0, 2 2, 0 0)))", "GEOMETRYCOLLECTION (POINT (1 1))", "((("} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		g, ok := GeoFromWKT(s)
		if ok && !utf8.ValidString(MarshalJSON(g)) {
			t.Errorf("invalid JSON for %q", s)
		}
	})
}
