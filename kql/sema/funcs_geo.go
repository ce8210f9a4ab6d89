package sema

import "github.com/huntbook/huntbook/table"

// geoFuncs are the geospatial functions huntbook implements (the rest of
// Kusto's geo_* are in knownUnsupported).
func geoFuncs() []*Function {
	r, b, s, d := table.Real, table.Bool, table.String, table.Dynamic
	return []*Function{
		fnT("geo_distance_2points", r, p(PReal), p(PReal), p(PReal), p(PReal)),
		fnT("geo_point_in_circle", b, p(PReal), p(PReal), p(PReal), p(PReal), p(PReal)),
		fnT("geo_point_in_polygon", b, p(PReal), p(PReal), p(PDynamic)),
		fnT("geo_distance_point_to_line", r, p(PReal), p(PReal), p(PDynamic)),
		fnT("geo_distance_point_to_polygon", r, p(PReal), p(PReal), p(PDynamic)),
		fnT("geo_point_to_geohash", s, p(PReal), p(PReal), opt(PInt)),
		fnT("geo_geohash_to_central_point", d, p(PString)),
		fnT("geo_geohash_to_polygon", d, p(PString)),
		fnT("geo_geohash_neighbors", d, p(PString)),
		fnT("geo_point_to_s2cell", s, p(PReal), p(PReal), opt(PInt)),
		fnT("geo_s2cell_to_central_point", d, p(PString)),
		fnT("geo_s2cell_to_polygon", d, p(PString)),
		fnT("geo_s2cell_neighbors", d, p(PString)),
		fnT("geo_azimuth", r, p(PReal), p(PReal), p(PReal), p(PReal)),
		fnT("geo_angle", r, p(PReal), p(PReal), p(PReal), p(PReal), p(PReal), p(PReal)),
		fnT("geo_line_length", r, p(PDynamic)),
		fnT("geo_polygon_area", r, p(PDynamic)),
		fnT("geo_polygon_perimeter", r, p(PDynamic)),
		fnT("geo_polygon_centroid", d, p(PDynamic)),
		fnT("geo_from_wkt", d, p(PString)),
		fnT("geo_intersects_2lines", b, p(PDynamic), p(PDynamic)),
		fnT("geo_intersects_2polygons", b, p(PDynamic), p(PDynamic)),
		fnT("geo_intersects_line_with_polygon", b, p(PDynamic), p(PDynamic)),
		fnT("geo_line_interpolate_point", d, p(PDynamic), p(PReal)),
		fnT("geo_line_locate_point", r, p(PDynamic), p(PReal), p(PReal)),
		fnT("geo_closest_point_on_polygon", d, p(PReal), p(PReal), p(PDynamic)),
		fnT("geo_closest_point_on_line", d, p(PReal), p(PReal), p(PDynamic)),
		fnT("geo_intersection_2lines", d, p(PDynamic), p(PDynamic)),
		fnT("geo_intersection_line_with_polygon", d, p(PDynamic), p(PDynamic)),
		fnT("geo_polygon_to_s2cells", d, p(PDynamic), opt(PInt)),
	}
}
