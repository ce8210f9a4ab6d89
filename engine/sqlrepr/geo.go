package sqlrepr

import (
	"github.com/huntbook/huntbook/engine/kqlfunc"
	"github.com/huntbook/huntbook/table"
)

// Kusto's defaults for the optional precision arguments.
const (
	geohashDefaultAccuracy = "5"
	s2cellDefaultLevel     = "11"
)

func geoUDFs() []UDF {
	r, l, b, s, d := table.Real, table.Long, table.Bool, table.String, table.Dynamic
	return []UDF{
		{Name: "kql_geo_distance_2points", Args: []table.Type{r, r, r, r}, Result: r, Null: NullPropagates, Fn: kqlfunc.GeoDistance2Points},
		{Name: "kql_geo_point_in_circle", Args: []table.Type{r, r, r, r, r}, Result: b, Null: NullPropagates, Fn: kqlfunc.GeoPointInCircle},
		{Name: "kql_geo_point_in_polygon", Args: []table.Type{r, r, s}, Result: b, Null: NullPropagates, Fn: kqlfunc.GeoPointInPolygonText},
		{Name: "kql_geo_distance_point_to_line", Args: []table.Type{r, r, s}, Result: r, Null: NullPropagates, Fn: kqlfunc.GeoDistancePointToLineText},
		{Name: "kql_geo_distance_point_to_polygon", Args: []table.Type{r, r, s}, Result: r, Null: NullPropagates, Fn: kqlfunc.GeoDistancePointToPolygonText},
		{Name: "kql_geo_point_to_geohash", Args: []table.Type{r, r, l}, Result: s, Null: NullAware, Fn: kqlfunc.GeoPointToGeohash},
		{Name: "kql_geo_geohash_to_central_point", Args: []table.Type{s}, Result: d, Null: NullAware, Fn: kqlfunc.GeoGeohashToCentralPoint},
		{Name: "kql_geo_geohash_to_polygon", Args: []table.Type{s}, Result: d, Null: NullAware, Fn: kqlfunc.GeoGeohashToPolygon},
		{Name: "kql_geo_geohash_neighbors", Args: []table.Type{s}, Result: d, Null: NullAware, Fn: kqlfunc.GeoGeohashNeighbors},
		{Name: "kql_geo_point_to_s2cell", Args: []table.Type{r, r, l}, Result: s, Null: NullAware, Fn: kqlfunc.GeoPointToS2Cell},
		{Name: "kql_geo_s2cell_to_central_point", Args: []table.Type{s}, Result: d, Null: NullAware, Fn: kqlfunc.GeoS2CellToCentralPoint},
		{Name: "kql_geo_s2cell_to_polygon", Args: []table.Type{s}, Result: d, Null: NullAware, Fn: kqlfunc.GeoS2CellToPolygon},
		{Name: "kql_geo_s2cell_neighbors", Args: []table.Type{s}, Result: d, Null: NullAware, Fn: kqlfunc.GeoS2CellNeighbors},
		{Name: "kql_geo_azimuth", Args: []table.Type{r, r, r, r}, Result: r, Null: NullPropagates, Fn: kqlfunc.GeoAzimuth},
		{Name: "kql_geo_angle", Args: []table.Type{r, r, r, r, r, r}, Result: r, Null: NullPropagates, Fn: kqlfunc.GeoAngle},
		{Name: "kql_geo_line_length", Args: []table.Type{d}, Result: r, Null: NullPropagates, Fn: kqlfunc.GeoLineLength},
		{Name: "kql_geo_polygon_area", Args: []table.Type{d}, Result: r, Null: NullPropagates, Fn: kqlfunc.GeoPolygonArea},
		{Name: "kql_geo_polygon_perimeter", Args: []table.Type{d}, Result: r, Null: NullPropagates, Fn: kqlfunc.GeoPolygonPerimeter},
		{Name: "kql_geo_polygon_centroid", Args: []table.Type{d}, Result: d, Null: NullPropagates, Fn: kqlfunc.GeoPolygonCentroid},
		{Name: "kql_geo_from_wkt", Args: []table.Type{s}, Result: d, Null: NullAware, Fn: kqlfunc.GeoFromWKT},
		{Name: "kql_geo_intersects_2lines", Args: []table.Type{d, d}, Result: b, Null: NullPropagates, Fn: kqlfunc.GeoIntersects2Lines},
		{Name: "kql_geo_intersects_2polygons", Args: []table.Type{d, d}, Result: b, Null: NullPropagates, Fn: kqlfunc.GeoIntersects2Polygons},
		{Name: "kql_geo_intersects_line_with_polygon", Args: []table.Type{d, d}, Result: b, Null: NullPropagates, Fn: kqlfunc.GeoIntersectsLineWithPolygon},
		{Name: "kql_geo_line_interpolate_point", Args: []table.Type{d, r}, Result: d, Null: NullPropagates, Fn: kqlfunc.GeoLineInterpolatePoint},
		{Name: "kql_geo_line_locate_point", Args: []table.Type{d, r, r}, Result: r, Null: NullPropagates, Fn: kqlfunc.GeoLineLocatePoint},
		{Name: "kql_geo_closest_point_on_polygon", Args: []table.Type{r, r, d}, Result: d, Null: NullPropagates, Fn: kqlfunc.GeoClosestPointOnPolygon},
		{Name: "kql_geo_closest_point_on_line", Args: []table.Type{r, r, d}, Result: d, Null: NullPropagates, Fn: kqlfunc.GeoClosestPointOnLine},
		{Name: "kql_geo_intersection_2lines", Args: []table.Type{d, d}, Result: d, Null: NullPropagates, Fn: kqlfunc.GeoIntersection2Lines},
		{Name: "kql_geo_intersection_line_with_polygon", Args: []table.Type{d, d}, Result: d, Null: NullPropagates, Fn: kqlfunc.GeoIntersectionLineWithPolygon},
		{Name: "kql_geo_polygon_to_s2cells", Args: []table.Type{d, l}, Result: d, Null: NullAware, Fn: kqlfunc.GeoPolygonToS2Cells},
	}
}

func geoFuncs() []Func {
	r, l, b, s, d := table.Real, table.Long, table.Bool, table.String, table.Dynamic
	udf := func(name string, args []table.Type, res table.Type, sql string, null NullRule, note string) Func {
		return Func{Name: name, Args: args, Result: res, SQL: sql, Impl: ImplUDF, Null: null, Note: note}
	}
	const sphere = "on a sphere of S2's Earth radius (6371010 m), as Kusto; invalid coordinates give null"
	const multiNote = "S2 loops on the sphere; a MultiPolygon whose polygons overlap gives null: Kusto measures their union, and huntbook has no polygon union"
	return []Func{
		udf("geo_distance_2points", []table.Type{r, r, r, r}, r, "kql_geo_distance_2points($1, $2, $3, $4)", NullPropagates, sphere),
		udf("geo_point_in_circle", []table.Type{r, r, r, r, r}, b, "kql_geo_point_in_circle($1, $2, $3, $4, $5)", NullPropagates, sphere),
		udf("geo_point_in_polygon", []table.Type{r, r, d}, b, "kql_geo_point_in_polygon($1, $2, $3)", NullPropagates,
			"S2 loops: geodesic edges, each ring the smaller region it bounds"),
		udf("geo_distance_point_to_line", []table.Type{r, r, d}, r, "kql_geo_distance_point_to_line($1, $2, $3)", NullPropagates, sphere),
		udf("geo_distance_point_to_polygon", []table.Type{r, r, d}, r, "kql_geo_distance_point_to_polygon($1, $2, $3)", NullPropagates, sphere),
		udf("geo_point_to_geohash", []table.Type{r, r}, s, "kql_geo_point_to_geohash($1, $2, "+geohashDefaultAccuracy+")", NullAware, ""),
		udf("geo_point_to_geohash", []table.Type{r, r, l}, s, "kql_geo_point_to_geohash($1, $2, $3)", NullAware, "\"\" for invalid input"),
		udf("geo_geohash_to_central_point", []table.Type{s}, d, "kql_geo_geohash_to_central_point($1)", NullAware, ""),
		udf("geo_geohash_to_polygon", []table.Type{s}, d, "kql_geo_geohash_to_polygon($1)", NullAware, ""),
		udf("geo_geohash_neighbors", []table.Type{s}, d, "kql_geo_geohash_neighbors($1)", NullAware, "in the documented example's order"),
		udf("geo_point_to_s2cell", []table.Type{r, r}, s, "kql_geo_point_to_s2cell($1, $2, "+s2cellDefaultLevel+")", NullAware, ""),
		udf("geo_point_to_s2cell", []table.Type{r, r, l}, s, "kql_geo_point_to_s2cell($1, $2, $3)", NullAware, "github.com/golang/geo's S2 cell token"),
		udf("geo_s2cell_to_central_point", []table.Type{s}, d, "kql_geo_s2cell_to_central_point($1)", NullAware, ""),
		udf("geo_s2cell_to_polygon", []table.Type{s}, d, "kql_geo_s2cell_to_polygon($1)", NullAware, ""),
		udf("geo_s2cell_neighbors", []table.Type{s}, d, "kql_geo_s2cell_neighbors($1)", NullAware,
			"the same 8 cells as Kusto, in S2's AllNeighbors order (Kusto's documented order differs)"),
		udf("geo_azimuth", []table.Type{r, r, r, r}, r, "kql_geo_azimuth($1, $2, $3, $4)", NullPropagates,
			"initial bearing on the sphere; null for equal or antipodal points"),
		udf("geo_angle", []table.Type{r, r, r, r, r, r}, r, "kql_geo_angle($1, $2, $3, $4, $5, $6)", NullPropagates,
			"clockwise, from the bearing towards the first point to the one towards the third"),
		udf("geo_line_length", []table.Type{d}, r, "kql_geo_line_length($1)", NullPropagates,
			sphere+"; a MultiLineString's lines are summed, so overlapping lines count twice (Kusto measures their union)"),
		udf("geo_polygon_area", []table.Type{d}, r, "kql_geo_polygon_area($1)", NullPropagates, multiNote),
		udf("geo_polygon_perimeter", []table.Type{d}, r, "kql_geo_polygon_perimeter($1)", NullPropagates, multiNote),
		udf("geo_polygon_centroid", []table.Type{d}, d, "kql_geo_polygon_centroid($1)", NullPropagates, multiNote),
		udf("geo_from_wkt", []table.Type{s}, d, "kql_geo_from_wkt($1)", NullAware, "2-D WKT only; null for EMPTY or Z/M coordinates"),
		udf("geo_intersects_2lines", []table.Type{d, d}, b, "kql_geo_intersects_2lines($1, $2)", NullPropagates, "S2 edge crossings of geodesic edges"),
		udf("geo_intersects_2polygons", []table.Type{d, d}, b, "kql_geo_intersects_2polygons($1, $2)", NullPropagates, "edge crossings, or one inside the other"),
		udf("geo_intersects_line_with_polygon", []table.Type{d, d}, b, "kql_geo_intersects_line_with_polygon($1, $2)", NullPropagates, "edge crossings, or the line inside"),
		udf("geo_line_interpolate_point", []table.Type{d, r}, d, "kql_geo_line_interpolate_point($1, $2)", NullPropagates, "LineString only; S2 Polyline.Interpolate"),
		udf("geo_line_locate_point", []table.Type{d, r, r}, r, "kql_geo_line_locate_point($1, $2, $3)", NullPropagates, "LineString only; S2 Polyline.Project"),
		udf("geo_closest_point_on_polygon", []table.Type{r, r, d}, d, "kql_geo_closest_point_on_polygon($1, $2, $3)", NullPropagates, "the point itself when inside"),
		udf("geo_closest_point_on_line", []table.Type{r, r, d}, d, "kql_geo_closest_point_on_line($1, $2, $3)", NullPropagates, "S2 Project onto each edge"),
		udf("geo_intersection_2lines", []table.Type{d, d}, d, "kql_geo_intersection_2lines($1, $2)", NullPropagates,
			"crossing points and collinear overlaps of geodesic edges; overlaps joined in the first line's order"),
		udf("geo_intersection_line_with_polygon", []table.Type{d, d}, d, "kql_geo_intersection_line_with_polygon($1, $2)", NullPropagates,
			"the line's pieces inside the polygon; a line touching it at one point gives an empty collection, not that Point"),
		udf("geo_polygon_to_s2cells", []table.Type{d}, d, "kql_geo_polygon_to_s2cells($1, "+s2cellDefaultLevel+")", NullAware, ""),
		udf("geo_polygon_to_s2cells", []table.Type{d, l}, d, "kql_geo_polygon_to_s2cells($1, $2)", NullAware,
			"S2 RegionCoverer at one level; null past 65536 cells per polygon; the radius argument is not supported"),
	}
}
