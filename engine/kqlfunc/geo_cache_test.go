package kqlfunc

import (
	"fmt"
	"sync"
	"testing"

	"github.com/huntbook/huntbook/table"
)

func TestGeoTextFormsAgree(t *testing.T) {
	for _, tc := range []struct {
		lon, lat float64
		shape    string
	}{
		{-73.965, 40.785, centralPark},
		{-73.9839, 40.7705, centralPark},
		{5, 5, holed},
		{300, 1, centralPark},
		{1, 1, `{"type":"Polygon"}`},
		{1, 1, `not json`},
	} {
		wantIn, wantOK := GeoPointInPolygon(tc.lon, tc.lat, parseOrNil(tc.shape))
		for range 2 { // the second call is a cache hit
			if in, ok := GeoPointInPolygonText(tc.lon, tc.lat, tc.shape); in != wantIn || ok != wantOK {
				t.Errorf("in polygon (%v, %v, %s) = %v, %v; want %v, %v", tc.lon, tc.lat, tc.shape, in, ok, wantIn, wantOK)
			}
		}
		wantD, wantOK := GeoDistancePointToPolygon(tc.lon, tc.lat, parseOrNil(tc.shape))
		if d, ok := GeoDistancePointToPolygonText(tc.lon, tc.lat, tc.shape); d != wantD || ok != wantOK {
			t.Errorf("distance (%v, %v, %s) = %v, %v; want %v, %v", tc.lon, tc.lat, tc.shape, d, ok, wantD, wantOK)
		}
	}
	if d, ok := GeoDistancePointToLineText(-115.199625, 36.210419, vegasLine); !ok || !closeTo(d, 3797.88887253334) {
		t.Errorf("distance to line = %v, %v", d, ok)
	}
}

func parseOrNil(s string) any {
	v, _ := geoFromJSON(s)
	return v
}

// TestGeoCacheConcurrent runs the cached forms from several goroutines
// (DuckDB calls UDFs from its worker threads) and past the cache's size;
// run with -race.
func TestGeoCacheConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range geoCacheSize * 2 {
				width := 1 + float64(i)/10 // distinct squares, more than the cache holds
				sq := fmt.Sprintf(`{"type":"Polygon","coordinates":[[[0,0],[%g,0],[%g,1],[0,1],[0,0]]]}`, width, width)
				if in, ok := GeoPointInPolygonText(0.5, 0.5, sq); !in || !ok {
					t.Errorf("worker %d: (0.5, 0.5) not in %s", w, sq)
					return
				}
			}
		}()
	}
	wg.Wait()
}

// geoFromJSON parses GeoJSON text as the engine does.
func geoFromJSON(s string) (any, error) { return table.ParseDynamic(s) }

// BenchmarkGeoPointInPolygon compares a row's cost with the polygon
// parsed on every call and cached by its text.
func BenchmarkGeoPointInPolygon(b *testing.B) {
	b.Run("parse", func(b *testing.B) {
		for b.Loop() {
			v, _ := table.ParseDynamic(centralPark)
			GeoPointInPolygon(-73.965, 40.785, v)
		}
	})
	b.Run("cached", func(b *testing.B) {
		for b.Loop() {
			GeoPointInPolygonText(-73.965, 40.785, centralPark)
		}
	})
}
