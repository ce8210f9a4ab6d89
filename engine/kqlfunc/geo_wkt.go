package kqlfunc

import (
	"strconv"
	"strings"
	"unicode"
)

// GeoFromWKT is geo_from_wkt: the GeoJSON geometry of a 2-D WKT text
// (POINT, LINESTRING, POLYGON, their MULTI forms and
// GEOMETRYCOLLECTION); null for text that does not parse, an EMPTY
// geometry, invalid coordinates, a line of fewer than 2 positions or a
// ring that is not closed or has fewer than 4.
func GeoFromWKT(text string) (any, bool) {
	p := &wktParser{s: text}
	g, ok := p.geometry()
	p.skipSpace()
	if !ok || p.i != len(p.s) {
		return nil, false
	}
	return g, true
}

type wktParser struct {
	s string
	i int
}

func (p *wktParser) skipSpace() {
	for p.i < len(p.s) && unicode.IsSpace(rune(p.s[p.i])) {
		p.i++
	}
}

// eat consumes c after optional space.
func (p *wktParser) eat(c byte) bool {
	p.skipSpace()
	if p.i < len(p.s) && p.s[p.i] == c {
		p.i++
		return true
	}
	return false
}

func (p *wktParser) word() string {
	p.skipSpace()
	start := p.i
	for p.i < len(p.s) && (p.s[p.i] >= 'A' && p.s[p.i] <= 'Z' || p.s[p.i] >= 'a' && p.s[p.i] <= 'z') {
		p.i++
	}
	return strings.ToUpper(p.s[start:p.i])
}

func (p *wktParser) geometry() (any, bool) {
	kind := p.word()
	types := map[string]string{"POINT": "Point", "LINESTRING": "LineString", "POLYGON": "Polygon",
		"MULTIPOINT": "MultiPoint", "MULTILINESTRING": "MultiLineString", "MULTIPOLYGON": "MultiPolygon"}
	if kind == "GEOMETRYCOLLECTION" {
		geoms, ok := wktList(p, p.geometry)
		return map[string]any{"type": "GeometryCollection", "geometries": geoms}, ok
	}
	name, known := types[kind]
	if !known {
		return nil, false
	}
	var coords any
	var ok bool
	switch kind {
	case "POINT":
		if !p.eat('(') {
			return nil, false
		}
		coords, ok = p.position()
		ok = ok && p.eat(')')
	case "LINESTRING":
		coords, ok = p.line(2)
	case "POLYGON":
		coords, ok = p.polygon()
	case "MULTIPOINT":
		coords, ok = wktList(p, p.multiPointMember)
	case "MULTILINESTRING":
		coords, ok = wktList(p, func() (any, bool) { return p.line(2) })
	case "MULTIPOLYGON":
		coords, ok = wktList(p, p.polygon)
	}
	return map[string]any{"type": name, "coordinates": coords}, ok
}

// wktList reads "(" item {"," item} ")".
func wktList(p *wktParser, item func() (any, bool)) ([]any, bool) {
	if !p.eat('(') {
		return nil, false
	}
	var out []any
	for {
		v, ok := item()
		if !ok {
			return nil, false
		}
		out = append(out, v)
		if p.eat(')') {
			return out, true
		}
		if !p.eat(',') {
			return nil, false
		}
	}
}

// multiPointMember accepts both "1 2" and "(1 2)".
func (p *wktParser) multiPointMember() (any, bool) {
	if p.eat('(') {
		v, ok := p.position()
		return v, ok && p.eat(')')
	}
	return p.position()
}

func (p *wktParser) line(least int) (any, bool) {
	pts, ok := wktList(p, p.position)
	return pts, ok && len(pts) >= least
}

func (p *wktParser) ring() (any, bool) {
	v, ok := p.line(4)
	if !ok {
		return nil, false
	}
	pts := v.([]any)
	first, last := pts[0].([]any), pts[len(pts)-1].([]any)
	return pts, first[0] == last[0] && first[1] == last[1]
}

func (p *wktParser) polygon() (any, bool) {
	return wktList(p, p.ring)
}

// position reads "lon lat" within Kusto's coordinate ranges.
func (p *wktParser) position() (any, bool) {
	lon, ok1 := p.number()
	lat, ok2 := p.number()
	if !ok1 || !ok2 || !validLonLat(lon, lat) {
		return nil, false
	}
	return []any{lon, lat}, true
}

func (p *wktParser) number() (float64, bool) {
	p.skipSpace()
	start := p.i
	for p.i < len(p.s) && strings.IndexByte("+-.0123456789eE", p.s[p.i]) >= 0 {
		p.i++
	}
	f, err := strconv.ParseFloat(p.s[start:p.i], 64)
	return f, err == nil
}
