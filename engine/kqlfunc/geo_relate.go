package kqlfunc

import (
	"github.com/golang/geo/s2"
)

// edgesTouch reports whether two geodesic edges cross or touch.
func edgesTouch(a, b, c, d s2.Point) bool {
	if s2.CrossingSign(a, b, c, d) == s2.Cross || s2.EdgeOrVertexCrossing(a, b, c, d) {
		return true
	}
	const touch = 1e-15 // radians: a vertex lying on the other edge
	return s2.DistanceFromSegment(a, c, d).Radians() < touch || s2.DistanceFromSegment(b, c, d).Radians() < touch ||
		s2.DistanceFromSegment(c, a, b).Radians() < touch || s2.DistanceFromSegment(d, a, b).Radians() < touch
}

// chains are the edge chains of a geometry: polylines, or loops closed
// back to their first vertex.
type chain struct {
	pts    []s2.Point
	closed bool
}

func (c chain) edges(f func(a, b s2.Point) bool) bool {
	n := len(c.pts)
	last := n - 1
	if c.closed {
		last = n
	}
	for i := 0; i < last; i++ {
		if f(c.pts[i], c.pts[(i+1)%n]) {
			return true
		}
	}
	return false
}

func chainsTouch(x, y []chain) bool {
	for _, cx := range x {
		for _, cy := range y {
			if cx.edges(func(a, b s2.Point) bool {
				return cy.edges(func(c, d s2.Point) bool { return edgesTouch(a, b, c, d) })
			}) {
				return true
			}
		}
	}
	return false
}

func lineChains(lines []s2.Polyline) []chain {
	out := make([]chain, len(lines))
	for i, l := range lines {
		out[i] = chain{pts: l}
	}
	return out
}

func (g geoPolygon) chains() []chain {
	var out []chain
	for _, loops := range g.parts {
		for _, l := range loops {
			out = append(out, chain{pts: l.Vertices(), closed: true})
		}
	}
	return out
}

// GeoIntersects2Lines is geo_intersects_2lines: whether two (multi)lines
// share a point; null when either is invalid.
func GeoIntersects2Lines(line1, line2 any) (bool, bool) {
	a, ok1 := geoLines(line1)
	b, ok2 := geoLines(line2)
	if !ok1 || !ok2 {
		return false, false
	}
	return chainsTouch(lineChains(a), lineChains(b)), true
}

// GeoIntersects2Polygons is geo_intersects_2polygons: whether two
// (multi)polygons share a point; null when either is invalid.
func GeoIntersects2Polygons(polygon1, polygon2 any) (bool, bool) {
	a, ok1 := parseGeoPolygon(polygon1)
	b, ok2 := parseGeoPolygon(polygon2)
	if !ok1 || !ok2 {
		return false, false
	}
	return chainsTouch(a.chains(), b.chains()) || a.containsAnyVertex(b) || b.containsAnyVertex(a), true
}

// GeoIntersectsLineWithPolygon is geo_intersects_line_with_polygon:
// whether a (multi)line and a (multi)polygon share a point; null when
// either is invalid.
func GeoIntersectsLineWithPolygon(line, polygon any) (bool, bool) {
	l, ok1 := geoLines(line)
	g, ok2 := parseGeoPolygon(polygon)
	if !ok1 || !ok2 {
		return false, false
	}
	return chainsTouch(lineChains(l), g.chains()) || g.contains(l[0][0]), true
}

// containsAnyVertex reports whether g contains a shell vertex of o (with
// no boundary crossing, one vertex inside means o's part is inside).
func (g geoPolygon) containsAnyVertex(o geoPolygon) bool {
	for _, loops := range o.parts {
		if g.contains(loops[0].Vertex(0)) {
			return true
		}
	}
	return false
}

// GeoLineInterpolatePoint is geo_line_interpolate_point: the point at a
// fraction (0 to 1) of a LineString's length, as a GeoJSON Point; null
// for an invalid line or a fraction outside [0, 1].
func GeoLineInterpolatePoint(line any, fraction float64) (any, bool) {
	l, ok := singleLine(line)
	if !ok || !(fraction >= 0 && fraction <= 1) {
		return nil, false
	}
	p, _ := l.Interpolate(fraction)
	lon, lat := lonLatOf(p)
	return geoPointJSON(lon, lat), true
}

// GeoLineLocatePoint is geo_line_locate_point: the fraction (0 to 1) of
// a LineString's length at which its point closest to (lon, lat) lies;
// null for an invalid line or point.
func GeoLineLocatePoint(line any, lon, lat float64) (float64, bool) {
	l, ok := singleLine(line)
	if !ok || !validLonLat(lon, lat) {
		return 0, false
	}
	p, next := l.Project(toPoint(lon, lat))
	return l.Uninterpolate(p, next), true
}

func singleLine(line any) (*s2.Polyline, bool) {
	t, _, _ := geoShape(line)
	lines, ok := geoLines(line)
	if !ok || t != "LineString" {
		return nil, false
	}
	return &lines[0], true
}

// GeoClosestPointOnPolygon is geo_closest_point_on_polygon: the point
// itself when the (multi)polygon contains it, else the closest point of
// its boundary, as a GeoJSON Point; null for invalid input.
func GeoClosestPointOnPolygon(lon, lat float64, polygon any) (any, bool) {
	g, ok := parseGeoPolygon(polygon)
	if !ok || !validLonLat(lon, lat) {
		return nil, false
	}
	p := toPoint(lon, lat)
	if g.contains(p) {
		return geoPointJSON(lon, lat), true
	}
	best, bestD := p, -1.0
	for _, c := range g.chains() {
		c.edges(func(a, b s2.Point) bool {
			q := s2.Project(p, a, b)
			if d := p.Distance(q).Radians(); bestD < 0 || d < bestD {
				best, bestD = q, d
			}
			return false
		})
	}
	plon, plat := lonLatOf(best)
	return geoPointJSON(plon, plat), true
}

// maxCoveringCells bounds geo_polygon_to_s2cells' result.
const maxCoveringCells = 65536

// GeoPolygonToS2Cells is geo_polygon_to_s2cells: the tokens of the S2
// cells of one level (0 to 30) that cover a (multi)polygon; null for
// invalid input or when the covering would pass maxCoveringCells.
func GeoPolygonToS2Cells(polygon any, level any) (any, bool) {
	n, ok := optLevel(level)
	g, okp := parseGeoPolygon(polygon)
	if !ok || !okp || n < 0 || n > 30 {
		return nil, false
	}
	rc := &s2.RegionCoverer{MinLevel: int(n), MaxLevel: int(n), MaxCells: maxCoveringCells + 1}
	seen := map[s2.CellID]bool{}
	var out []any
	for _, loops := range g.parts {
		region := s2.PolygonFromLoops(loops)
		// The covering holds at least area/cell-area cells: refuse early
		// rather than enumerate millions of cells.
		if region.Area()/s2.AvgAreaMetric.Value(int(n)) > maxCoveringCells {
			return nil, false
		}
		for _, id := range rc.Covering(region) {
			if !seen[id] {
				seen[id] = true
				out = append(out, id.ToToken())
			}
		}
		if len(out) > maxCoveringCells {
			return nil, false
		}
	}
	return out, true
}

// GeoClosestPointOnLine is geo_closest_point_on_line: the point of a
// (multi)line closest to (lon, lat), as a GeoJSON Point; null for
// invalid input.
func GeoClosestPointOnLine(lon, lat float64, line any) (any, bool) {
	lines, ok := geoLines(line)
	if !ok || !validLonLat(lon, lat) {
		return nil, false
	}
	p := toPoint(lon, lat)
	best, bestD := p, -1.0
	for _, c := range lineChains(lines) {
		c.edges(func(a, b s2.Point) bool {
			q := s2.Project(p, a, b)
			if d := p.Distance(q).Radians(); bestD < 0 || d < bestD {
				best, bestD = q, d
			}
			return false
		})
	}
	plon, plat := lonLatOf(best)
	return geoPointJSON(plon, plat), true
}
