package kqlfunc

import (
	"math"
	"slices"
	"testing"

	"github.com/huntbook/huntbook/table"
)

// closeTo compares with the doc-example comparer's relative tolerance.
func closeTo(got, want float64) bool {
	return math.Abs(got-want) <= 1e-9*math.Max(math.Abs(got), math.Abs(want))+1e-9
}

const (
	centralPark = `{"type":"Polygon","coordinates":[[[-73.9495,40.7969],[-73.95807266235352,40.80068603561921],[-73.98201942443848,40.76825672305777],[-73.97317886352539,40.76455136505513],[-73.9495,40.7969]]]}`
	vegasLine   = `{"type":"LineString","coordinates":[[-115.115385,36.229195],[-115.136995,36.200366],[-115.140252,36.192470],[-115.143558,36.188523],[-115.144076,36.181954],[-115.154662,36.174483],[-115.166431,36.176388],[-115.183289,36.175007],[-115.192612,36.176736],[-115.202485,36.173439],[-115.225355,36.174365]]}`
	holed       = `{"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]],[[4,4],[6,4],[6,6],[4,6],[4,4]]]}`
	twoSquares  = `{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,1],[0,0]]],[[[5,5],[6,5],[6,6],[5,6],[5,5]]]]}`
)

func TestGeoDistances(t *testing.T) {
	for _, tc := range []struct {
		name string
		got  func() (float64, bool)
		want float64
		ok   bool
	}{
		// The documented examples' values.
		{"2points", func() (float64, bool) { return GeoDistance2Points(-122.407628, 47.578557, -118.275287, 34.019056) }, 1546754.35197381, true},
		{"2points same", func() (float64, bool) { return GeoDistance2Points(1, 1, 1, 1) }, 0, true},
		{"2points bad lon", func() (float64, bool) { return GeoDistance2Points(300, 1, 1, 1) }, 0, false},
		{"2points bad lat", func() (float64, bool) { return GeoDistance2Points(1, 91, 1, 1) }, 0, false},
		{"2points NaN", func() (float64, bool) { return GeoDistance2Points(math.NaN(), 1, 1, 1) }, 0, false},
		{"line", func() (float64, bool) {
			return GeoDistancePointToLine(-115.199625, 36.210419, mustDynamic(t, vegasLine))
		}, 3797.88887253334, true},
		{"line without coordinates", func() (float64, bool) {
			return GeoDistancePointToLine(1, 1, mustDynamic(t, `{"type":"LineString"}`))
		}, 0, false},
		{"line bad point", func() (float64, bool) {
			return GeoDistancePointToLine(300, 3, mustDynamic(t, `{"type":"LineString","coordinates":[[1,1],[2,2]]}`))
		}, 0, false},
		{"line of one vertex", func() (float64, bool) {
			return GeoDistancePointToLine(1, 1, mustDynamic(t, `{"type":"LineString","coordinates":[[1,1],[1,1]]}`))
		}, 0, false},
		{"polygon outside", func() (float64, bool) {
			return GeoDistancePointToPolygon(-73.9839, 40.7705, mustDynamic(t, centralPark))
		}, 259.940756070596, true},
		{"polygon inside", func() (float64, bool) {
			return GeoDistancePointToPolygon(-73.965, 40.785, mustDynamic(t, centralPark))
		}, 0, true},
		{"polygon bad point", func() (float64, bool) {
			return GeoDistancePointToPolygon(500, 1, mustDynamic(t, `{"type":"Polygon","coordinates":[[[0,0],[10,10],[10,1],[0,0]]]}`))
		}, 0, false},
		{"polygon degenerate", func() (float64, bool) {
			return GeoDistancePointToPolygon(1, 1, mustDynamic(t, `{"type":"Polygon","coordinates":[[[0,0],[10,10],[10,10],[0,0]]]}`))
		}, 0, false},
		// R·asin(sin 1°·cos 5°): to the meridian edge of the hole.
		{"polygon in hole", func() (float64, bool) { return GeoDistancePointToPolygon(5, 5, mustDynamic(t, holed)) }, 110771.92752219981, true},
	} {
		got, ok := tc.got()
		if ok != tc.ok || ok && !closeTo(got, tc.want) {
			t.Errorf("%s = %v, %v; want %v, %v", tc.name, got, ok, tc.want, tc.ok)
		}
	}
}

func TestGeoContainment(t *testing.T) {
	pip := func(lon, lat float64, poly string) func() (bool, bool) {
		return func() (bool, bool) { return GeoPointInPolygon(lon, lat, mustDynamic(t, poly)) }
	}
	for _, tc := range []struct {
		name   string
		got    func() (bool, bool)
		want   bool
		wantOK bool
	}{
		// geo_point_in_circle's documented examples.
		{"circle in", func() (bool, bool) { return GeoPointInCircle(-122.143564, 47.535677, -122.100896, 47.527351, 3500) }, true, true},
		{"circle out", func() (bool, bool) { return GeoPointInCircle(-122.137575, 47.630683, -122.100896, 47.527351, 3500) }, false, true},
		{"circle bad point", func() (bool, bool) { return GeoPointInCircle(200, 1, 1, 1, 1) }, false, false},
		{"circle negative radius", func() (bool, bool) { return GeoPointInCircle(1, 1, 1, 1, -1) }, false, false},
		{"circle centre, radius 0", func() (bool, bool) { return GeoPointInCircle(1, 1, 1, 1, 0) }, true, true},
		{"polygon in", pip(-73.965, 40.785, centralPark), true, true},
		{"polygon out", pip(-73.9839, 40.7705, centralPark), false, true},
		{"polygon either winding", pip(-73.965, 40.785, `{"type":"Polygon","coordinates":[[[-73.9495,40.7969],[-73.97317886352539,40.76455136505513],[-73.98201942443848,40.76825672305777],[-73.95807266235352,40.80068603561921],[-73.9495,40.7969]]]}`), true, true},
		{"shell", pip(2, 2, holed), true, true},
		{"hole", pip(5, 5, holed), false, true},
		{"multi second", pip(5.5, 5.5, twoSquares), true, true},
		{"multi gap", pip(3, 3, twoSquares), false, true},
		{"not a polygon", pip(1, 1, `{"type":"LineString","coordinates":[[1,1],[2,2]]}`), false, false},
		{"open ring", pip(1, 1, `{"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10]]]}`), false, false},
		{"bad vertex", pip(1, 1, `{"type":"Polygon","coordinates":[[[0,0],[190,0],[10,10],[0,0]]]}`), false, false},
		{"bad point", pip(1, 100, twoSquares), false, false},
	} {
		got, ok := tc.got()
		if got != tc.want || ok != tc.wantOK {
			t.Errorf("%s = %v, %v; want %v, %v", tc.name, got, ok, tc.want, tc.wantOK)
		}
	}
}

func TestGeoGeohash(t *testing.T) {
	for _, tc := range []struct {
		lon, lat float64
		acc      any
		want     string
	}{
		{-80.195829, 25.802215, int64(8), "dhwfz15h"}, // documented examples
		{-122.303404, 47.570482, int64(5), "c23n8"},
		{-122.278156, 47.566936, int64(5), "c23n9"},
		{200, 1, int64(8), ""},
		{1, 1, nil, ""},
		{1, 1, int64(0), ""},
		{1, 1, int64(19), ""},
		{180, 90, int64(3), "zzz"},
	} {
		if got := GeoPointToGeohash(tc.lon, tc.lat, tc.acc); got != tc.want {
			t.Errorf("GeoPointToGeohash(%v, %v, %v) = %q, want %q", tc.lon, tc.lat, tc.acc, got, tc.want)
		}
	}
	p, ok := GeoGeohashToCentralPoint("sv8wzvy7")
	coords := p.(map[string]any)["coordinates"].([]any)
	if !ok || !closeTo(coords[0].(float64), 34.80245590209961) || !closeTo(coords[1].(float64), 32.15620994567871) {
		t.Errorf("central point of sv8wzvy7 = %v", p)
	}
	poly, ok := GeoGeohashToPolygon("dr5ru")
	want := `{"coordinates":[[[-74.00390625,40.7373046875],[-73.9599609375,40.7373046875],[-73.9599609375,40.78125],[-74.00390625,40.78125],[-74.00390625,40.7373046875]]],"type":"Polygon"}`
	if got := MarshalJSON(poly); !ok || got != want {
		t.Errorf("polygon of dr5ru = %s", got)
	}
	n, ok := GeoGeohashNeighbors("sunny")
	wantN := []any{"sunnt", "sunpj", "sunnx", "sunpn", "sunnv", "sunpp", "sunnz", "sunnw"}
	if !ok || !slices.Equal(n.([]any), wantN) {
		t.Errorf("neighbors of sunny = %v", n)
	}
	if n, _ := GeoGeohashNeighbors("z"); len(n.([]any)) != 5 {
		t.Errorf("neighbors of z (at the pole, across the antimeridian) = %v", n)
	}
	for _, bad := range []string{"", "a", "sunnyi", "SUNNY", "0123456789012345678"} {
		if _, ok := GeoGeohashToCentralPoint(bad); ok {
			t.Errorf("geohash %q accepted", bad)
		}
	}
}

func TestGeoS2Cell(t *testing.T) {
	for _, tc := range []struct {
		lon, lat float64
		level    any
		want     string
	}{
		{-80.195829, 25.802215, int64(8), "88d9b"}, // documented examples
		{10.1234, 53, int64(8), "47b1d"},
		{10.3579, 53, int64(8), "47b1d"},
		{10.6842, 53, int64(8), "47ae3"},
		{300, 1, int64(8), ""},
		{1, 1, int64(35), ""},
		{1, 1, nil, ""},
	} {
		if got := GeoPointToS2Cell(tc.lon, tc.lat, tc.level); got != tc.want {
			t.Errorf("GeoPointToS2Cell(%v, %v, %v) = %q, want %q", tc.lon, tc.lat, tc.level, got, tc.want)
		}
	}
	poly, ok := GeoS2CellToPolygon("89c259")
	want := mustDynamic(t, `[[[-74.030012249838478, 40.8012684339439], [-74.030012249838478, 40.7222262918358], [-73.935982114337421, 40.708880489804564], [-73.935982114337421, 40.787917134506841], [-74.030012249838478, 40.8012684339439]]]`)
	got := poly.(map[string]any)["coordinates"].([]any)[0].([]any)
	for i, w := range want.([]any)[0].([]any) {
		for j := range 2 {
			wf, _ := geoNumber(w.([]any)[j])
			if !ok || !closeTo(got[i].([]any)[j].(float64), wf) {
				t.Fatalf("polygon of 89c259 = %v", poly)
			}
		}
	}
	n, ok := GeoS2CellNeighbors("89c259")
	cells := n.([]any)
	slices.SortFunc(cells, func(a, b any) int { return cmpString(a.(string), b.(string)) })
	wantN := []any{"89c251", "89c257", "89c25b", "89c25d", "89c25f", "89c2f5", "89c2f7", "89c2f9"}
	if !ok || !slices.Equal(cells, wantN) {
		t.Errorf("neighbors of 89c259 = %v", cells)
	}
	for _, bad := range []string{"", "a", "zz", "89C259", "89c2590"} {
		if _, ok := GeoS2CellToCentralPoint(bad); ok {
			t.Errorf("s2 token %q accepted", bad)
		}
	}
	if _, err := table.ParseDynamic(MarshalJSON(poly)); err != nil {
		t.Error(err)
	}
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
