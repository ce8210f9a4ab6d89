package kqlfunc

import "testing"

func TestGeoIntersection2Lines(t *testing.T) {
	const (
		line1 = `{"type":"LineString","coordinates":[[-73.978929,40.785155],[-73.980903,40.782621]]}`
		line2 = `{"type":"LineString","coordinates":[[-73.985195,40.788275],[-73.974552,40.779761]]}`
	)
	for _, tc := range []struct{ a, b, want string }{
		// Microsoft's documented examples.
		{line1, line2, `{"type":"Point","coordinates":[-73.979837116670978,40.783989289772165]}`},
		{line1, line1, `{"type":"LineString","coordinates":[[-73.978929,40.785155],[-73.980903,40.782621]]}`},
		{`{"type":"LineString","coordinates":[[1,1],[2,2]]}`, `{"type":"LineString","coordinates":[[3,3],[4,4]]}`, `{"type":"GeometryCollection","geometries":[]}`},
		{`{"type":"LineString","coordinates":[[1,1],[2,2]]}`, `{"type":"LineString","coordinates":[[3,3]]}`, ""},
		{line1, `{"type":"Polygon","coordinates":[]}`, ""},
		// A shared vertex, two crossings, and an overlap along the equator.
		{`{"type":"LineString","coordinates":[[0,0],[1,1]]}`, `{"type":"LineString","coordinates":[[1,1],[2,0]]}`, `{"type":"Point","coordinates":[1,1]}`},
		{`{"type":"LineString","coordinates":[[0,0],[2,0]]}`, `{"type":"LineString","coordinates":[[1,0],[3,0]]}`, `{"type":"LineString","coordinates":[[1,0],[2,0]]}`},
	} {
		got, ok := GeoIntersection2Lines(mustDynamic(t, tc.a), mustDynamic(t, tc.b))
		if tc.want == "" {
			if ok {
				t.Errorf("intersection of %s and %s = %s, want null", tc.a, tc.b, MarshalJSON(got))
			}
			continue
		}
		if !ok || !geoJSONNear(t, got, mustDynamic(t, tc.want)) {
			t.Errorf("intersection of %s and %s = %s, %v; want %s", tc.a, tc.b, MarshalJSON(got), ok, tc.want)
		}
	}
}

func TestGeoIntersectionTwoCrossings(t *testing.T) {
	got, ok := GeoIntersection2Lines(mustDynamic(t, `{"type":"LineString","coordinates":[[0,0],[2,0]]}`),
		mustDynamic(t, `{"type":"LineString","coordinates":[[1,-1],[1,1],[1.5,-1]]}`))
	g, _ := got.(map[string]any)
	if !ok || g["type"] != "MultiPoint" || len(g["coordinates"].([]any)) != 2 {
		t.Errorf("two crossings = %s", MarshalJSON(got))
	}
}

// geoJSONNear compares GeoJSON values with numbers within 1e-9.
func geoJSONNear(t *testing.T, got, want any) bool {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok || len(g) != len(w) {
			return false
		}
		for k, v := range w {
			if !geoJSONNear(t, g[k], v) {
				return false
			}
		}
		return true
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return false
		}
		for i := range w {
			if !geoJSONNear(t, g[i], w[i]) {
				return false
			}
		}
		return true
	}
	wf, wnum := geoNumber(want)
	gf, gnum := geoNumber(got)
	if wnum && gnum {
		return gf-wf < 1e-9 && wf-gf < 1e-9
	}
	return got == want
}

func TestGeoIntersectionLineWithPolygon(t *testing.T) {
	const triangle = `{"type":"Polygon","coordinates":[[[-73.9712905883789,40.78580561168767],[-73.98004531860352,40.775276834803655],[-73.97000312805176,40.77852663535664],[-73.9712905883789,40.78580561168767]]]}`
	for _, tc := range []struct{ line, polygon, want string }{
		// Microsoft's documented examples.
		{`{"type":"LineString","coordinates":[[-73.985195,40.788275],[-73.974552,40.779761]]}`, triangle,
			`{"type":"LineString","coordinates":[[-73.975611956578192,40.78060906714618],[-73.974552,40.779761]]}`},
		{`{"type":"LineString","coordinates":[[-110.522, 39.198],[-91.428, 40.880]]}`,
			`{"type":"Polygon","coordinates":[[[-90.263,36.738],[-102.041,45.274],[-109.335,36.527],[-90.263,36.738]],[[-100.393,41.705],[-103.139,38.925],[-97.558,39.113],[-100.393,41.705]]]}`,
			`{"type":"MultiLineString","coordinates":[[[-106.89353655881905,39.769226209776306],[-101.74448553679453,40.373506008712525]],[[-99.136499431328858,40.589336512699994],[-95.284527737311791,40.799060242246348]]]}`},
		{`{"type":"LineString","coordinates":[[1, 1],[2, 2]]}`, triangle, `{"type":"GeometryCollection","geometries":[]}`},
		{`{"type":"LineString","coordinates":[[1, 1]]}`, triangle, ""},
		{`{"type":"LineString","coordinates":[[1, 1],[2, 2]]}`, `{"type":"Polygon","coordinates":[]}`, ""},
		// Wholly inside: the line itself.
		{`{"type":"LineString","coordinates":[[0.2,0.2],[0.4,0.4],[0.6,0.2]]}`, `{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}`,
			`{"type":"LineString","coordinates":[[0.2,0.2],[0.4,0.4],[0.6,0.2]]}`},
	} {
		got, ok := GeoIntersectionLineWithPolygon(mustDynamic(t, tc.line), mustDynamic(t, tc.polygon))
		if tc.want == "" {
			if ok {
				t.Errorf("intersection of %s with %s = %s, want null", tc.line, tc.polygon, MarshalJSON(got))
			}
			continue
		}
		if !ok || !geoJSONNear(t, got, mustDynamic(t, tc.want)) {
			t.Errorf("intersection of %s with %s = %s, %v; want %s", tc.line, tc.polygon, MarshalJSON(got), ok, tc.want)
		}
	}
}
