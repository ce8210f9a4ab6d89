package kqlfunc

import (
	"math"
	"testing"
)

func TestGeoMeasures(t *testing.T) {
	const (
		line      = `{"type":"LineString","coordinates":[[-73.95807266235352,40.800426144169315],[-73.94966125488281,40.79691751000055],[-73.97317886352539,40.764486356930334]]}`
		multiLine = `{"type":"MultiLineString","coordinates":[[[-73.95798683166502,40.800556090021466],[-73.98193359375,40.76819171855746]],[[-73.94940376281738,40.79691751000055],[-73.97317886352539,40.76435634049001]]]}`
		// Two overlapping polygons: Kusto measures their union.
		overlapping = `{"type":"MultiPolygon","coordinates":[[[[-73.9495,40.7969],[-73.95807266235352,40.80068603561921],[-73.98201942443848,40.76825672305777],[-73.97317886352539,40.76455136505513],[-73.9495,40.7969]]],[[[-73.94262313842773,40.775991804565585],[-73.98107528686523,40.791849155467695],[-73.99600982666016,40.77092185281977],[-73.96150588989258,40.75609977566361],[-73.94262313842773,40.775991804565585]]]]}`
		degenerate  = `{"type":"Polygon","coordinates":[[[0,0],[10,10],[10,10],[0,0]]]}`
	)
	// One degree of a great circle, in metres.
	deg := math.Pi / 180 * earthRadius
	for _, tc := range []struct {
		name string
		got  func() (float64, bool)
		want float64
		ok   bool
	}{
		// The documented examples' values.
		{"azimuth", func() (float64, bool) { return GeoAzimuth(5, 10, 10, -40) }, 3.05459939796449, true},
		{"azimuth same point", func() (float64, bool) { return GeoAzimuth(5, 10, 5, 10) }, 0, false},
		{"azimuth antipodes", func() (float64, bool) { return GeoAzimuth(0, 0, 180, 0) }, 0, false},
		{"azimuth due west", func() (float64, bool) { return GeoAzimuth(10, 0, 0, 0) }, 3 * math.Pi / 2, true},
		{"angle", func() (float64, bool) { return GeoAngle(0, 10, 0, 5, 3, -10) }, 2.94493843406882, true},
		{"angle undefined", func() (float64, bool) { return GeoAngle(0, 10, 0, 10, 3, -10) }, 0, false},
		{"angle bad point", func() (float64, bool) { return GeoAngle(0, 100, 0, 10, 3, -10) }, 0, false},
		{"line length", func() (float64, bool) { return GeoLineLength(mustDynamic(t, line)) }, 4922.48016992081, true},
		{"multiline length", func() (float64, bool) { return GeoLineLength(mustDynamic(t, multiLine)) }, 8262.24339753741, true},
		{"line of one point", func() (float64, bool) {
			return GeoLineLength(mustDynamic(t, `{"type":"LineString","coordinates":[[1,1]]}`))
		}, 0, false},
		{"area", func() (float64, bool) { return GeoPolygonArea(mustDynamic(t, centralPark)) }, 3475207.28346606, true},
		{"area degenerate", func() (float64, bool) { return GeoPolygonArea(mustDynamic(t, degenerate)) }, 0, false},
		{"area overlapping parts", func() (float64, bool) { return GeoPolygonArea(mustDynamic(t, overlapping)) }, 0, false},
		{"area disjoint parts", func() (float64, bool) {
			a, _ := GeoPolygonArea(mustDynamic(t, `{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}`))
			b, ok := GeoPolygonArea(mustDynamic(t, twoSquares))
			return b - a, ok
		}, 12307575092.027315, true}, // the square at (5,5): L'Huilier's formula over two triangles
		{"perimeter", func() (float64, bool) {
			return GeoPolygonPerimeter(mustDynamic(t, `{"type":"Polygon","coordinates":[[[0,0],[0,1],[1,1],[1,0],[0,0]]]}`))
		}, 3*deg + 111178.1651951688, true}, // three 1° edges and the 1° arc along latitude 1 (haversine)
	} {
		got, ok := tc.got()
		if ok != tc.ok || ok && math.Abs(got-tc.want) > 1e-9*math.Abs(tc.want)+0.01*(1+math.Abs(tc.want)/1e7) {
			t.Errorf("%s = %v, %v; want %v, %v", tc.name, got, ok, tc.want, tc.ok)
		}
	}
	c, ok := GeoPolygonCentroid(mustDynamic(t, centralPark))
	coords := c.(map[string]any)["coordinates"].([]any)
	if !ok || math.Abs(coords[0].(float64)+73.965735689907618) > 1e-9 || math.Abs(coords[1].(float64)-40.782550538057812) > 1e-9 {
		t.Errorf("centroid of Central Park = %v", c)
	}
	if _, ok := GeoPolygonCentroid(mustDynamic(t, degenerate)); ok {
		t.Error("centroid of a degenerate polygon is not null")
	}
}
