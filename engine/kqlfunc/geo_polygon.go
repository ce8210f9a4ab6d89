package kqlfunc

import (
	"github.com/golang/geo/s1"
	"github.com/golang/geo/s2"
)

// geoPolygon is a GeoJSON polygon on the sphere: per polygon, its shell
// and holes as loops of geodesic edges.
type geoPolygon struct {
	parts [][]*s2.Loop // [polygon][0] is the shell, the rest holes
}

// geoRing reads a closed LinearRing: at least 4 positions, first equal
// to last, and at least 3 distinct vertices. The loop is the smaller of
// the two regions the ring bounds, as Kusto takes it.
func geoRing(v any) (*s2.Loop, bool) {
	a, ok := v.([]any)
	if !ok || len(a) < 4 {
		return nil, false
	}
	pts, ok := geoPoints(a)
	if !ok || len(pts) < 2 || pts[0] != pts[len(pts)-1] {
		return nil, false
	}
	pts = pts[:len(pts)-1]
	if countDistinct(pts) < 3 {
		return nil, false
	}
	l := s2.LoopFromPoints(pts)
	l.Normalize()
	return l, true
}

func countDistinct(pts []s2.Point) int {
	seen := map[s2.Point]bool{}
	for _, p := range pts {
		seen[p] = true
	}
	return len(seen)
}

func geoPolygonRings(v any) ([]*s2.Loop, bool) {
	rings, ok := v.([]any)
	if !ok || len(rings) == 0 {
		return nil, false
	}
	var loops []*s2.Loop
	for _, r := range rings {
		l, ok := geoRing(r)
		if !ok {
			return nil, false
		}
		loops = append(loops, l)
	}
	return loops, true
}

// parseGeoPolygon reads a GeoJSON Polygon or MultiPolygon.
func parseGeoPolygon(v any) (geoPolygon, bool) {
	t, c, ok := geoShape(v)
	if !ok {
		return geoPolygon{}, false
	}
	var raw []any
	switch t {
	case "Polygon":
		raw = []any{c}
	case "MultiPolygon":
		if raw, ok = c.([]any); !ok || len(raw) == 0 {
			return geoPolygon{}, false
		}
	default:
		return geoPolygon{}, false
	}
	var g geoPolygon
	for _, r := range raw {
		loops, ok := geoPolygonRings(r)
		if !ok {
			return geoPolygon{}, false
		}
		g.parts = append(g.parts, loops)
	}
	return g, true
}

// contains reports whether p is inside a shell and outside its holes.
func (g geoPolygon) contains(p s2.Point) bool {
	for _, loops := range g.parts {
		if !loops[0].ContainsPoint(p) {
			continue
		}
		inHole := false
		for _, h := range loops[1:] {
			if h.ContainsPoint(p) {
				inHole = true
				break
			}
		}
		if !inHole {
			return true
		}
	}
	return false
}

// boundaryDistance is the shortest angle from p to any edge.
func (g geoPolygon) boundaryDistance(p s2.Point) s1.Angle {
	best := s1.InfAngle()
	for _, loops := range g.parts {
		for _, l := range loops {
			n := l.NumVertices()
			for i := range n {
				best = min(best, s2.DistanceFromSegment(p, l.Vertex(i), l.Vertex((i+1)%n)))
			}
		}
	}
	return best
}

// GeoPointInPolygon is geo_point_in_polygon: whether the point is inside
// the (multi)polygon, whose edges are geodesics; null for invalid input.
func GeoPointInPolygon(lon, lat float64, polygon any) (bool, bool) {
	g, ok := parseGeoPolygon(polygon)
	if !ok || !validLonLat(lon, lat) {
		return false, false
	}
	return g.contains(toPoint(lon, lat)), true
}

// GeoDistancePointToPolygon is geo_distance_point_to_polygon: 0 inside,
// else the shortest distance in metres to the polygon's boundary; null
// for invalid input.
func GeoDistancePointToPolygon(lon, lat float64, polygon any) (float64, bool) {
	g, ok := parseGeoPolygon(polygon)
	if !ok {
		return 0, false
	}
	return g.distanceTo(lon, lat)
}

// distanceTo is 0 inside, else the distance in metres to the boundary;
// false for an invalid point.
func (g geoPolygon) distanceTo(lon, lat float64) (float64, bool) {
	if !validLonLat(lon, lat) {
		return 0, false
	}
	p := toPoint(lon, lat)
	if g.contains(p) {
		return 0, true
	}
	return angleMeters(g.boundaryDistance(p)), true
}
