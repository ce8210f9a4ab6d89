package kqlfunc

import (
	"math"

	"github.com/golang/geo/s2"
)

// azimuth is the initial bearing of the geodesic from a to b in radians,
// clockwise from north, in [0, 2π).
func azimuth(lon1, lat1, lon2, lat2 float64) float64 {
	p1, p2 := lat1*math.Pi/180, lat2*math.Pi/180
	dl := (lon2 - lon1) * math.Pi / 180
	a := math.Atan2(math.Sin(dl)*math.Cos(p2), math.Cos(p1)*math.Sin(p2)-math.Sin(p1)*math.Cos(p2)*math.Cos(dl))
	if a < 0 {
		a += 2 * math.Pi
	}
	return a
}

// geodesicDefined reports whether a unique geodesic joins two valid
// points: they differ and are not antipodal.
func geodesicDefined(lon1, lat1, lon2, lat2 float64) bool {
	if !validLonLat(lon1, lat1) || !validLonLat(lon2, lat2) {
		return false
	}
	a, b := toPoint(lon1, lat1), toPoint(lon2, lat2)
	return !a.ApproxEqual(b) && !a.ApproxEqual(s2.Point{Vector: b.Mul(-1)})
}

// GeoAzimuth is geo_azimuth: the bearing in radians, clockwise from
// north, of the geodesic from the first point to the second; null for
// invalid, equal or antipodal points.
func GeoAzimuth(lon1, lat1, lon2, lat2 float64) (float64, bool) {
	if !geodesicDefined(lon1, lat1, lon2, lat2) {
		return 0, false
	}
	return azimuth(lon1, lat1, lon2, lat2), true
}

// GeoAngle is geo_angle: the clockwise angle in radians at the second
// point from the geodesic towards the first to the one towards the
// third, in [0, 2π); null when either geodesic is undefined.
func GeoAngle(lon1, lat1, lon2, lat2, lon3, lat3 float64) (float64, bool) {
	if !geodesicDefined(lon2, lat2, lon1, lat1) || !geodesicDefined(lon2, lat2, lon3, lat3) {
		return 0, false
	}
	a := azimuth(lon2, lat2, lon3, lat3) - azimuth(lon2, lat2, lon1, lat1)
	if a < 0 {
		a += 2 * math.Pi
	}
	return a, true
}

// GeoLineLength is geo_line_length: the total length in metres of a
// LineString or MultiLineString's geodesic edges; null when invalid.
func GeoLineLength(line any) (float64, bool) {
	lines, ok := geoLines(line)
	if !ok {
		return 0, false
	}
	total := 0.0
	for _, l := range lines {
		total += angleMeters(l.Length())
	}
	return total, true
}

// disjoint reports whether the polygon's parts do not overlap, the case
// where its measures are the sums of its parts' (huntbook has no
// polygon union).
func (g geoPolygon) disjoint() bool {
	for i := range g.parts {
		for j := i + 1; j < len(g.parts); j++ {
			if g.parts[i][0].Intersects(g.parts[j][0]) {
				return false
			}
		}
	}
	return true
}

// GeoPolygonArea is geo_polygon_area: the area in square metres of a
// Polygon (shell less holes) or of a MultiPolygon of disjoint polygons;
// null when invalid or, for lack of a polygon union, when the
// MultiPolygon's polygons overlap.
func GeoPolygonArea(polygon any) (float64, bool) {
	g, ok := parseGeoPolygon(polygon)
	if !ok || !g.disjoint() {
		return 0, false
	}
	total := 0.0
	for _, loops := range g.parts {
		total += loops[0].Area()
		for _, h := range loops[1:] {
			total -= h.Area()
		}
	}
	return total * earthRadius * earthRadius, true
}

// GeoPolygonPerimeter is geo_polygon_perimeter: the total length in
// metres of the boundaries (holes included); null as for
// GeoPolygonArea.
func GeoPolygonPerimeter(polygon any) (float64, bool) {
	g, ok := parseGeoPolygon(polygon)
	if !ok || !g.disjoint() {
		return 0, false
	}
	total := 0.0
	for _, loops := range g.parts {
		for _, l := range loops {
			n := l.NumVertices()
			for i := range n {
				total += angleMeters(l.Vertex(i).Distance(l.Vertex((i + 1) % n)))
			}
		}
	}
	return total, true
}

// GeoPolygonCentroid is geo_polygon_centroid: the area-weighted centroid
// on the sphere as a GeoJSON Point; null as for GeoPolygonArea.
func GeoPolygonCentroid(polygon any) (any, bool) {
	g, ok := parseGeoPolygon(polygon)
	if !ok || !g.disjoint() {
		return nil, false
	}
	var sum s2.Point
	for _, loops := range g.parts {
		sum = s2.Point{Vector: sum.Add(loops[0].Centroid().Vector)}
		for _, h := range loops[1:] {
			sum = s2.Point{Vector: sum.Sub(h.Centroid().Vector)}
		}
	}
	if sum.Norm() == 0 {
		return nil, false
	}
	lon, lat := lonLatOf(s2.Point{Vector: sum.Normalize()})
	return geoPointJSON(lon, lat), true
}
