package kqlfunc

import (
	"sync"

	"github.com/golang/geo/s2"

	"github.com/huntbook/huntbook/table"
)

// A query usually tests every row against the same few shapes (a
// constant polygon, or a small lookup table of them): parsing the
// GeoJSON and building S2 loops costs ~8 µs a row, a cached shape ~0.3.
// The cache maps a shape's JSON text to what it parsed to; it is
// cleared when full, which bounds its memory.
const geoCacheSize = 256

type geoShapeCache[T any] struct {
	mu sync.Mutex
	m  map[string]geoCached[T]
}

type geoCached[T any] struct {
	v  T
	ok bool
}

func (c *geoShapeCache[T]) get(text string, parse func(any) (T, bool)) (T, bool) {
	c.mu.Lock()
	e, hit := c.m[text]
	c.mu.Unlock()
	if hit {
		return e.v, e.ok
	}
	var v T
	ok := false
	if d, err := table.ParseDynamic(text); err == nil {
		v, ok = parse(d)
	}
	c.mu.Lock()
	if c.m == nil || len(c.m) >= geoCacheSize {
		c.m = map[string]geoCached[T]{}
	}
	c.m[text] = geoCached[T]{v, ok}
	c.mu.Unlock()
	return v, ok
}

var (
	polygonCache geoShapeCache[geoPolygon]
	lineCache    geoShapeCache[[]s2.Polyline]
)

// The *Text forms take the shape as JSON text (the UDFs' form) and
// parse each distinct shape once.

// GeoPointInPolygonText is GeoPointInPolygon over JSON text.
func GeoPointInPolygonText(lon, lat float64, polygon string) (bool, bool) {
	g, ok := polygonCache.get(polygon, parseGeoPolygon)
	if !ok || !validLonLat(lon, lat) {
		return false, false
	}
	return g.contains(toPoint(lon, lat)), true
}

// GeoDistancePointToPolygonText is GeoDistancePointToPolygon over JSON text.
func GeoDistancePointToPolygonText(lon, lat float64, polygon string) (float64, bool) {
	g, ok := polygonCache.get(polygon, parseGeoPolygon)
	if !ok {
		return 0, false
	}
	return g.distanceTo(lon, lat)
}

// GeoDistancePointToLineText is GeoDistancePointToLine over JSON text.
func GeoDistancePointToLineText(lon, lat float64, line string) (float64, bool) {
	lines, ok := lineCache.get(line, geoLines)
	if !ok {
		return 0, false
	}
	return linesDistance(lines, lon, lat)
}
