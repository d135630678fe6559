/* geojson.h: GeoJSON (RFC 7946) -> geo_layer in lon/lat, read through json.h. */
#ifndef SITMAP_GEOJSON_H
#define SITMAP_GEOJSON_H

#include <stddef.h>
#include "geo.h"

struct instream;

#define GEOJSON_MAX_DEPTH	64		/* nested arrays and objects (JSON_MAX_DEPTH) */
#define GEOJSON_MAX_FILE	((size_t)1 << 30)

/*
 * Loads a GeoJSON text: a FeatureCollection, a Feature or a bare geometry
 * (Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon,
 * GeometryCollection), members in any order. Each feature is a shape, its
 * rings, lines or points its parts; a feature without geometry (null, or
 * no coordinates) is skipped, and so are polygon rings of under 3 corners
 * (under RFC 7946's 4 positions once closed); an open ring is closed.
 * properties.name, when any feature has one, becomes the field "name". A
 * layer of one geometry class is of that kind; a mixed one is of lines
 * (rings are drawn as lines anyway, points as dots). Validated as shp_load() validates: finite coordinates in the
 * lon/lat range, caps of SHP_MAX_SHAPES shapes and SHP_MAX_VERTICES
 * vertices, GEOJSON_MAX_DEPTH levels, GEOJSON_MAX_FILE bytes, and a layer
 * with nothing to draw is an error. The text is read as a stream (the
 * parser keeps no tree), through instream.h: "-" is standard input, a pipe
 * works, gzip is read as it comes; a UTF-8 BOM is skipped.
 * Returns NULL with *cause set to an allocated "FILE:LINE:COLUMN: reason"
 * (the column in characters): a GeoJSON error just after the offending
 * token, invalid JSON just after the last good token (json_feed()).
 * Caller frees with geo_layer_free().
 */
struct geo_layer	*geojson_load(const char *path, char **cause);
/*
 * The same from an open input (a file, "-", a pipe, gzip data: instream.h),
 * from where it stands to its end, named in messages and in the layer by
 * instream_name(). The caller closes it.
 */
struct geo_layer	*geojson_load_stream(struct instream *, char **cause);
/* The same over memory: the fuzz entry point. */
struct geo_layer	*geojson_load_mem(const char *name, const void *buf, size_t len,
			    char **cause);

#endif
