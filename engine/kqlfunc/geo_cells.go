package kqlfunc

import (
	"strings"

	"github.com/golang/geo/s2"
)

// geoPointJSON is a GeoJSON Point.
func geoPointJSON(lon, lat float64) any {
	return map[string]any{"type": "Point", "coordinates": []any{lon, lat}}
}

// geoPolygonJSON is a GeoJSON Polygon of one ring, closed here.
func geoPolygonJSON(ring [][2]float64) any {
	coords := make([]any, 0, len(ring)+1)
	for _, c := range append(ring, ring[0]) {
		coords = append(coords, []any{c[0], c[1]})
	}
	return map[string]any{"type": "Polygon", "coordinates": []any{coords}}
}

// optLevel reads an optional integer argument (null: invalid).
func optLevel(v any) (int64, bool) {
	switch x := v.(type) {
	case int64:
		return x, true
	case int32:
		return int64(x), true
	}
	return 0, false
}

const geohashAlphabet = "0123456789bcdefghjkmnpqrstuvwxyz"

// GeoPointToGeohash is geo_point_to_geohash(lon, lat, accuracy): the
// geohash of 1 to 18 characters; "" for invalid input.
func GeoPointToGeohash(lon, lat float64, accuracy any) string {
	n, ok := optLevel(accuracy)
	if !ok || n < 1 || n > 18 || !validLonLat(lon, lat) {
		return ""
	}
	lonR, latR := [2]float64{-180, 180}, [2]float64{-90, 90}
	var b strings.Builder
	even, bit, ch := true, 0, 0
	for b.Len() < int(n) {
		r, v := &latR, lat
		if even {
			r, v = &lonR, lon
		}
		mid := (r[0] + r[1]) / 2
		ch <<= 1
		if v >= mid {
			ch |= 1
			r[0] = mid
		} else {
			r[1] = mid
		}
		even = !even
		if bit++; bit == 5 {
			b.WriteByte(geohashAlphabet[ch])
			bit, ch = 0, 0
		}
	}
	return b.String()
}

// geohashBox decodes a geohash to its longitude and latitude ranges.
func geohashBox(h string) (lonR, latR [2]float64, ok bool) {
	lonR, latR = [2]float64{-180, 180}, [2]float64{-90, 90}
	if len(h) < 1 || len(h) > 18 {
		return lonR, latR, false
	}
	even := true
	for i := 0; i < len(h); i++ {
		c := strings.IndexByte(geohashAlphabet, h[i])
		if c < 0 {
			return lonR, latR, false
		}
		for bit := 4; bit >= 0; bit-- {
			r := &latR
			if even {
				r = &lonR
			}
			mid := (r[0] + r[1]) / 2
			if c>>bit&1 == 1 {
				r[0] = mid
			} else {
				r[1] = mid
			}
			even = !even
		}
	}
	return lonR, latR, true
}

// GeoGeohashToCentralPoint is geo_geohash_to_central_point: the centre
// of the geohash cell as a GeoJSON Point; null for an invalid geohash.
func GeoGeohashToCentralPoint(h string) (any, bool) {
	lonR, latR, ok := geohashBox(h)
	if !ok {
		return nil, false
	}
	return geoPointJSON((lonR[0]+lonR[1])/2, (latR[0]+latR[1])/2), true
}

// GeoGeohashToPolygon is geo_geohash_to_polygon: the cell's rectangle,
// counter-clockwise from its south-west corner; null when invalid.
func GeoGeohashToPolygon(h string) (any, bool) {
	lonR, latR, ok := geohashBox(h)
	if !ok {
		return nil, false
	}
	return geoPolygonJSON([][2]float64{{lonR[0], latR[0]}, {lonR[1], latR[0]},
		{lonR[1], latR[1]}, {lonR[0], latR[1]}}), true
}

// geohashNeighborOrder is the order of Kusto's neighbours as (east,
// north) steps, read off the documented example (SW, NW, SE, N, W, NE,
// E, S).
var geohashNeighborOrder = [8][2]int{{-1, -1}, {-1, 1}, {1, -1}, {0, 1}, {-1, 0}, {1, 1}, {1, 0}, {0, -1}}

// GeoGeohashNeighbors is geo_geohash_neighbors: the geohashes of the
// same length around the cell (longitude wraps; none past a pole); null
// for an invalid geohash.
func GeoGeohashNeighbors(h string) (any, bool) {
	lonR, latR, ok := geohashBox(h)
	if !ok {
		return nil, false
	}
	w, hgt := lonR[1]-lonR[0], latR[1]-latR[0]
	clon, clat := (lonR[0]+lonR[1])/2, (latR[0]+latR[1])/2
	out := []any{}
	for _, d := range geohashNeighborOrder {
		lat := clat + float64(d[1])*hgt
		if lat < -90 || lat > 90 {
			continue
		}
		lon := clon + float64(d[0])*w
		if lon > 180 {
			lon -= 360
		} else if lon < -180 {
			lon += 360
		}
		out = append(out, GeoPointToGeohash(lon, lat, int64(len(h))))
	}
	return out, true
}

// GeoPointToS2Cell is geo_point_to_s2cell(lon, lat, level): the token of
// the S2 cell of level 0 to 30; "" for invalid input.
func GeoPointToS2Cell(lon, lat float64, level any) string {
	n, ok := optLevel(level)
	if !ok || n < 0 || n > 30 || !validLonLat(lon, lat) {
		return ""
	}
	return s2.CellIDFromLatLng(s2.LatLngFromDegrees(lat, lon)).Parent(int(n)).ToToken()
}

func s2CellFromToken(token string) (s2.CellID, bool) {
	if token == "" || len(token) > 16 || strings.ToLower(token) != token {
		return 0, false
	}
	id := s2.CellIDFromToken(token)
	return id, id.IsValid() && id.ToToken() == token
}

func lonLatOf(p s2.Point) (float64, float64) {
	ll := s2.LatLngFromPoint(p)
	return ll.Lng.Degrees(), ll.Lat.Degrees()
}

// GeoS2CellToCentralPoint is geo_s2cell_to_central_point: the cell's
// centre as a GeoJSON Point; null for an invalid token.
func GeoS2CellToCentralPoint(token string) (any, bool) {
	id, ok := s2CellFromToken(token)
	if !ok {
		return nil, false
	}
	lon, lat := lonLatOf(id.Point())
	return geoPointJSON(lon, lat), true
}

// GeoS2CellToPolygon is geo_s2cell_to_polygon: the cell's four vertices
// (its edges are geodesics); null for an invalid token.
func GeoS2CellToPolygon(token string) (any, bool) {
	id, ok := s2CellFromToken(token)
	if !ok {
		return nil, false
	}
	c := s2.CellFromCellID(id)
	ring := make([][2]float64, 4)
	for i := range 4 {
		lon, lat := lonLatOf(c.Vertex(s2VertexOrder[i]))
		ring[i] = [2]float64{lon, lat}
	}
	return geoPolygonJSON(ring), true
}

// s2VertexOrder maps Kusto's vertex order to S2's (read off the
// documented example).
var s2VertexOrder = [4]int{0, 1, 2, 3}

// GeoS2CellNeighbors is geo_s2cell_neighbors: the 8 cells of the same
// level around the cell; null for an invalid token. The cells are
// Kusto's but their order is S2's AllNeighbors order, which differs
// from the documented example's.
func GeoS2CellNeighbors(token string) (any, bool) {
	id, ok := s2CellFromToken(token)
	if !ok {
		return nil, false
	}
	out := []any{}
	for _, n := range id.AllNeighbors(id.Level()) {
		out = append(out, n.ToToken())
	}
	return out, true
}
