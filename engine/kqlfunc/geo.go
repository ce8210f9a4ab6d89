package kqlfunc

import (
	"math"

	"github.com/golang/geo/s1"
	"github.com/golang/geo/s2"
)

// earthRadius is the sphere Kusto measures on: S2's mean Earth radius
// (6371.01 km). The documented geo_distance_2points example matches it
// to the metre; the WGS-84 mean radius (6371008.8 m) is 0.3 m off.
const earthRadius = 6371010.0

// validLonLat reports whether a longitude and latitude are in Kusto's
// ranges ([-180, 180] and [-90, 90]); anything else gives a null result.
func validLonLat(lon, lat float64) bool {
	return lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90
}

func toPoint(lon, lat float64) s2.Point {
	return s2.PointFromLatLng(s2.LatLngFromDegrees(lat, lon))
}

func angleMeters(a s1.Angle) float64 { return a.Radians() * earthRadius }

// GeoDistance2Points is geo_distance_2points: the great-circle distance
// in metres, null for invalid coordinates.
func GeoDistance2Points(lon1, lat1, lon2, lat2 float64) (float64, bool) {
	if !validLonLat(lon1, lat1) || !validLonLat(lon2, lat2) {
		return 0, false
	}
	return angleMeters(toPoint(lon1, lat1).Distance(toPoint(lon2, lat2))), true
}

// GeoPointInCircle is geo_point_in_circle: whether the point lies within
// radius metres of the centre; null for invalid coordinates or a
// negative radius.
func GeoPointInCircle(lon, lat, clon, clat, radius float64) (bool, bool) {
	d, ok := GeoDistance2Points(lon, lat, clon, clat)
	if !ok || radius < 0 || math.IsNaN(radius) {
		return false, false
	}
	return d <= radius, true
}

// geoCoord reads a GeoJSON position [lon, lat] (extra members ignored).
func geoCoord(v any) (float64, float64, bool) {
	a, ok := v.([]any)
	if !ok || len(a) < 2 {
		return 0, 0, false
	}
	lon, ok1 := geoNumber(a[0])
	lat, ok2 := geoNumber(a[1])
	if !ok1 || !ok2 || !validLonLat(lon, lat) {
		return 0, 0, false
	}
	return lon, lat, true
}

// geoNumber is numberOf for a coordinate, which is never text.
func geoNumber(v any) (float64, bool) {
	if _, text := v.(string); text {
		return 0, false
	}
	return numberOf(v)
}

// geoPoints reads a list of positions, dropping consecutive duplicates.
func geoPoints(v any) ([]s2.Point, bool) {
	a, ok := v.([]any)
	if !ok {
		return nil, false
	}
	var pts []s2.Point
	for _, c := range a {
		lon, lat, ok := geoCoord(c)
		if !ok {
			return nil, false
		}
		p := toPoint(lon, lat)
		if len(pts) > 0 && pts[len(pts)-1] == p {
			continue
		}
		pts = append(pts, p)
	}
	return pts, true
}

// geoShape reads a GeoJSON geometry bag: its type and coordinates.
func geoShape(v any) (string, any, bool) {
	m, ok := v.(map[string]any)
	if !ok {
		return "", nil, false
	}
	t, _ := m["type"].(string)
	c, ok := m["coordinates"]
	return t, c, ok
}

// geoLines reads a LineString or MultiLineString as polylines of at
// least two distinct vertices.
func geoLines(v any) ([]s2.Polyline, bool) {
	t, c, ok := geoShape(v)
	if !ok {
		return nil, false
	}
	var raw []any
	switch t {
	case "LineString":
		raw = []any{c}
	case "MultiLineString":
		if raw, ok = c.([]any); !ok || len(raw) == 0 {
			return nil, false
		}
	default:
		return nil, false
	}
	var lines []s2.Polyline
	for _, r := range raw {
		pts, ok := geoPoints(r)
		if !ok || len(pts) < 2 {
			return nil, false
		}
		lines = append(lines, s2.Polyline(pts))
	}
	return lines, true
}

// GeoDistancePointToLine is geo_distance_point_to_line: the shortest
// distance in metres from the point to a (multi)line of geodesic edges;
// null for an invalid point or line.
func GeoDistancePointToLine(lon, lat float64, line any) (float64, bool) {
	lines, ok := geoLines(line)
	if !ok {
		return 0, false
	}
	return linesDistance(lines, lon, lat)
}

// linesDistance is the distance in metres from a point to the nearest
// edge; false for an invalid point.
func linesDistance(lines []s2.Polyline, lon, lat float64) (float64, bool) {
	if !validLonLat(lon, lat) {
		return 0, false
	}
	p := toPoint(lon, lat)
	best := s1.InfAngle()
	for _, l := range lines {
		for i := 0; i+1 < len(l); i++ {
			best = min(best, s2.DistanceFromSegment(p, l[i], l[i+1]))
		}
	}
	return angleMeters(best), true
}
