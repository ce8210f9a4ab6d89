package kqlfunc

import (
	"cmp"
	"slices"

	"github.com/golang/geo/s2"
)

// onEdge is the distance (radians, about 6 µm on Earth) within which a
// point counts as lying on an edge.
const onEdge = 1e-12

func pointOnEdge(p, a, b s2.Point) bool {
	return s2.DistanceFromSegment(p, a, b).Radians() < onEdge
}

// lineIntersection collects what two edge chains share: isolated points
// and overlapping segments.
type lineIntersection struct {
	points   []s2.Point
	segments [][2]s2.Point
}

func (li *lineIntersection) addPoint(p s2.Point) {
	for _, q := range li.points {
		if q.Distance(p).Radians() < onEdge {
			return
		}
	}
	li.points = append(li.points, p)
}

// edgePair records the intersection of edges ab and cd.
func (li *lineIntersection) edgePair(a, b, c, d s2.Point) {
	var shared []s2.Point
	for _, p := range []s2.Point{a, b} {
		if pointOnEdge(p, c, d) {
			shared = append(shared, p)
		}
	}
	for _, p := range []s2.Point{c, d} {
		if pointOnEdge(p, a, b) && !containsNear(shared, p) {
			shared = append(shared, p)
		}
	}
	switch {
	case len(shared) >= 2:
		// Collinear overlap: from the end nearer a to the one farther.
		p, q := shared[0], shared[1]
		if a.Distance(q) < a.Distance(p) {
			p, q = q, p
		}
		li.segments = append(li.segments, [2]s2.Point{p, q})
	case len(shared) == 1:
		li.addPoint(shared[0])
	case s2.CrossingSign(a, b, c, d) == s2.Cross:
		li.addPoint(s2.Intersection(a, b, c, d))
	}
}

func containsNear(ps []s2.Point, p s2.Point) bool {
	for _, q := range ps {
		if q.Distance(p).Radians() < onEdge {
			return true
		}
	}
	return false
}

// geometry is the GeoJSON of the intersection: Point, MultiPoint,
// LineString, MultiLineString, a GeometryCollection of points and lines,
// or an empty GeometryCollection.
func (li *lineIntersection) geometry() any {
	chains := chainSegments(li.segments)
	var pts []any
	for _, p := range li.points {
		onSegment := false
		for _, s := range li.segments {
			onSegment = onSegment || pointOnEdge(p, s[0], s[1])
		}
		if !onSegment {
			pts = append(pts, lonLatJSON(p))
		}
	}
	var geoms []any
	switch len(pts) {
	case 0:
	case 1:
		geoms = append(geoms, map[string]any{"type": "Point", "coordinates": pts[0]})
	default:
		geoms = append(geoms, map[string]any{"type": "MultiPoint", "coordinates": pts})
	}
	switch len(chains) {
	case 0:
	case 1:
		geoms = append(geoms, map[string]any{"type": "LineString", "coordinates": chains[0]})
	default:
		geoms = append(geoms, map[string]any{"type": "MultiLineString", "coordinates": chains})
	}
	if len(geoms) == 1 {
		return geoms[0]
	}
	return map[string]any{"type": "GeometryCollection", "geometries": append([]any{}, geoms...)}
}

// chainSegments joins segments that continue one another into lines.
func chainSegments(segs [][2]s2.Point) []any {
	var chains []any
	var cur []any
	var end s2.Point
	for i, s := range segs {
		if i > 0 && s[0].Distance(end).Radians() < onEdge {
			cur = append(cur, lonLatJSON(s[1]))
		} else {
			if cur != nil {
				chains = append(chains, cur)
			}
			cur = []any{lonLatJSON(s[0]), lonLatJSON(s[1])}
		}
		end = s[1]
	}
	if cur != nil {
		chains = append(chains, cur)
	}
	return chains
}

func lonLatJSON(p s2.Point) any {
	lon, lat := lonLatOf(p)
	return []any{lon, lat}
}

// GeoIntersection2Lines is geo_intersection_2lines: what two (multi)lines
// share, as GeoJSON; null when either is invalid.
func GeoIntersection2Lines(line1, line2 any) (any, bool) {
	a, ok1 := geoLines(line1)
	b, ok2 := geoLines(line2)
	if !ok1 || !ok2 {
		return nil, false
	}
	var li lineIntersection
	for _, cx := range lineChains(a) {
		cx.edges(func(p, q s2.Point) bool {
			for _, cy := range lineChains(b) {
				cy.edges(func(r, s s2.Point) bool { li.edgePair(p, q, r, s); return false })
			}
			return false
		})
	}
	return li.geometry(), true
}

// GeoIntersectionLineWithPolygon is geo_intersection_line_with_polygon:
// the parts of a (multi)line inside a (multi)polygon, as GeoJSON; null
// when either is invalid.
func GeoIntersectionLineWithPolygon(line, polygon any) (any, bool) {
	lines, ok1 := geoLines(line)
	g, ok2 := parseGeoPolygon(polygon)
	if !ok1 || !ok2 {
		return nil, false
	}
	boundary := g.chains()
	var li lineIntersection
	for _, l := range lines {
		for i := 0; i+1 < len(l); i++ {
			li.clipEdge(l[i], l[i+1], g, boundary)
		}
	}
	return li.geometry(), true
}

// clipEdge adds the pieces of edge ab inside g: ab is cut where it meets
// the boundary, and each piece whose midpoint is inside is kept. (A line
// that only touches the polygon at a point yields nothing here, where
// Kusto would return that Point.)
func (li *lineIntersection) clipEdge(a, b s2.Point, g geoPolygon, boundary []chain) {
	cuts := []s2.Point{a, b}
	for _, c := range boundary {
		c.edges(func(p, q s2.Point) bool {
			switch {
			case s2.CrossingSign(a, b, p, q) == s2.Cross:
				cuts = append(cuts, s2.Intersection(a, b, p, q))
			case pointOnEdge(p, a, b):
				cuts = append(cuts, p)
			}
			return false
		})
	}
	slices.SortFunc(cuts, func(x, y s2.Point) int { return cmp.Compare(a.Distance(x), a.Distance(y)) })
	for i := 0; i+1 < len(cuts); i++ {
		x, y := cuts[i], cuts[i+1]
		if x.Distance(y).Radians() < onEdge {
			continue
		}
		if g.contains(s2.Interpolate(0.5, x, y)) {
			li.segments = append(li.segments, [2]s2.Point{x, y})
		}
	}
}
