package kqlfunc

import (
	"math"
	"testing"
)

func TestGeoIntersects(t *testing.T) {
	const (
		line1    = `{"type":"LineString","coordinates":[[-73.978929,40.785155],[-73.980903,40.782621]]}`
		line2    = `{"type":"LineString","coordinates":[[-73.985195,40.788275],[-73.974552,40.779761]]}`
		poly1    = `{"type":"Polygon","coordinates":[[[-73.9630937576294,40.77498840732385],[-73.963565826416,40.774383111780914],[-73.96205306053162,40.773745311181585],[-73.96160781383514,40.7743912365898],[-73.9630937576294,40.77498840732385]]]}`
		poly2    = `{"type":"Polygon","coordinates":[[[-73.96213352680206,40.775045280447145],[-73.9631313085556,40.774578106920345],[-73.96207988262177,40.77416780398293],[-73.96213352680206,40.775045280447145]]]}`
		unit     = `{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}`
		inner    = `{"type":"Polygon","coordinates":[[[0.2,0.2],[0.4,0.2],[0.4,0.4],[0.2,0.2]]]}`
		far      = `{"type":"Polygon","coordinates":[[[5,5],[6,5],[6,6],[5,5]]]}`
		touching = `{"type":"LineString","coordinates":[[1,0.5],[2,0.5]]}`
	)
	two := func(f func(a, b any) (bool, bool), a, b string) func() (bool, bool) {
		return func() (bool, bool) { return f(mustDynamic(t, a), mustDynamic(t, b)) }
	}
	for _, tc := range []struct {
		name       string
		got        func() (bool, bool)
		want, isOK bool
	}{
		{"2lines documented", two(GeoIntersects2Lines, line1, line2), true, true},
		{"2lines one point", two(GeoIntersects2Lines, line1, `{"type":"LineString","coordinates":[[-73.985195,40.788275]]}`), false, false},
		{"2lines apart", two(GeoIntersects2Lines, line1, `{"type":"LineString","coordinates":[[0,0],[1,1]]}`), false, true},
		{"2lines shared vertex", two(GeoIntersects2Lines, `{"type":"LineString","coordinates":[[0,0],[1,1]]}`, `{"type":"LineString","coordinates":[[1,1],[2,0]]}`), true, true},
		{"2polygons documented", two(GeoIntersects2Polygons, poly1, poly2), true, true},
		{"2polygons invalid", two(GeoIntersects2Polygons, `{"type":"Polygon"}`, poly1), false, false},
		{"2polygons nested", two(GeoIntersects2Polygons, unit, inner), true, true},
		{"2polygons nested reversed", two(GeoIntersects2Polygons, inner, unit), true, true},
		{"2polygons apart", two(GeoIntersects2Polygons, unit, far), false, true},
		{"line with polygon touching", two(GeoIntersectsLineWithPolygon, touching, unit), true, true},
		{"line inside polygon", two(GeoIntersectsLineWithPolygon, `{"type":"LineString","coordinates":[[0.2,0.2],[0.3,0.3]]}`, unit), true, true},
		{"line apart from polygon", two(GeoIntersectsLineWithPolygon, line1, unit), false, true},
	} {
		got, ok := tc.got()
		if got != tc.want || ok != tc.isOK {
			t.Errorf("%s = %v, %v; want %v, %v", tc.name, got, ok, tc.want, tc.isOK)
		}
	}
}

// pointNear checks a GeoJSON Point against documented coordinates.
func pointNear(t *testing.T, name string, v any, ok bool, lon, lat float64) {
	t.Helper()
	if !ok {
		t.Errorf("%s: null", name)
		return
	}
	c := v.(map[string]any)["coordinates"].([]any)
	if math.Abs(c[0].(float64)-lon) > 1e-9 || math.Abs(c[1].(float64)-lat) > 1e-9 {
		t.Errorf("%s = %v, want [%v %v]", name, c, lon, lat)
	}
}

func TestGeoLinePoints(t *testing.T) {
	const short = `{"type":"LineString","coordinates":[[-73.95796, 40.80042], [-73.97317, 40.764486]]}`
	const long = `{"type":"LineString","coordinates":[[-73.95807266235352,40.800426144169315],[-73.94966125488281,40.79691751000055],[-73.97317886352539,40.764486356930334],[-73.98210525512695,40.76786669510221],[-73.96004676818848,40.7980870753293]]}`
	const bad = `{"type":"LineString","coordinates":[[1, 1]]}`
	// Microsoft's documented values.
	p, ok := GeoLineInterpolatePoint(mustDynamic(t, short), 0.25)
	pointNear(t, "interpolate 0.25", p, ok, -73.961764043218281, 40.791436687257232)
	p, ok = GeoLineInterpolatePoint(mustDynamic(t, long), 0.9)
	if c := p.(map[string]any)["coordinates"].([]any); !ok || math.Abs(c[0].(float64)+73.96556545832799) > 1e-9 {
		t.Errorf("interpolate 0.9 = %v", p)
	}
	if _, ok := GeoLineInterpolatePoint(mustDynamic(t, bad), 0.5); ok {
		t.Error("interpolate on a one-point line is not null")
	}
	if _, ok := GeoLineInterpolatePoint(mustDynamic(t, short), 1.5); ok {
		t.Error("interpolate at 1.5 is not null")
	}
	f, ok := GeoLineLocatePoint(mustDynamic(t, short), -73.965, 40.792)
	if !ok || math.Abs(f-0.25560135100307552) > 1e-9 {
		t.Errorf("locate = %v, %v", f, ok)
	}
	if _, ok := GeoLineLocatePoint(mustDynamic(t, bad), 1, 1); ok {
		t.Error("locate on a one-point line is not null")
	}
	p, ok = GeoClosestPointOnPolygon(-73.9839, 40.7705, mustDynamic(t, centralPark))
	pointNear(t, "closest on polygon", p, ok, -73.981205580153926, 40.769359452843211)
	p, ok = GeoClosestPointOnPolygon(-73.965, 40.785, mustDynamic(t, centralPark))
	pointNear(t, "closest on polygon, inside", p, ok, -73.965, 40.785)
	if _, ok := GeoClosestPointOnPolygon(1, 1, mustDynamic(t, `{"type":"Polygon","coordinates":[[[0,0],[10,10],[10,10],[0,0]]]}`)); ok {
		t.Error("closest point on a degenerate polygon is not null")
	}
	// On the equator the closest point of a meridian segment is due west.
	p, ok = GeoClosestPointOnLine(1, 0, mustDynamic(t, `{"type":"LineString","coordinates":[[0,-1],[0,1]]}`))
	pointNear(t, "closest on line", p, ok, 0, 0)
}

func TestGeoPolygonToS2Cells(t *testing.T) {
	const triangle = `{"type":"Polygon","coordinates":[[[0,0],[0,50],[100,50],[0,0]]]}`
	cells, ok := GeoPolygonToS2Cells(mustDynamic(t, triangle), int64(5))
	if !ok || len(cells.([]any)) != 286 { // the documented count
		t.Errorf("level-5 covering has %d cells", len(cells.([]any)))
	}
	if _, ok := GeoPolygonToS2Cells(mustDynamic(t, triangle), int64(30)); ok {
		t.Error("a level-30 covering of a continent is not null")
	}
	for _, level := range []any{nil, int64(-1), int64(31)} {
		if _, ok := GeoPolygonToS2Cells(mustDynamic(t, triangle), level); ok {
			t.Errorf("level %v accepted", level)
		}
	}
	// Every cell of the covering contains or crosses the polygon, and the
	// cell of an inside point is among them.
	cells, _ = GeoPolygonToS2Cells(mustDynamic(t, centralPark), int64(16))
	want := GeoPointToS2Cell(-73.965, 40.785, int64(16))
	found := false
	for _, c := range cells.([]any) {
		found = found || c == want
	}
	if !found {
		t.Errorf("covering misses %s", want)
	}
}
