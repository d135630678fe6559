/* test_geojson.c: the GeoJSON loader over texts in memory, good and hostile. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "geo.h"
#include "geojson.h"
#include "json.h"
#include "shp.h"
#include "util.h"

static struct geo_layer *
load(const char *text, char **cause)
{
	*cause = NULL;
	return geojson_load_mem("t/in.geojson", text, strlen(text), cause);
}

/* Loads text, which must load, and checks its counts. */
static struct geo_layer *
ok(const char *text, enum geo_kind kind, size_t nshapes, size_t nparts, size_t npts)
{
	char *cause;
	struct geo_layer *l = load(text, &cause);

	if (l == NULL)
		fail_msg("%s: %s", text, cause);
	assert_int_equal(l->kind, kind);
	assert_int_equal(l->nshapes, nshapes);
	assert_int_equal(l->nparts, nparts);
	assert_int_equal(l->npts, npts);
	assert_int_equal(l->parts[l->nparts], npts);
	assert_string_equal(l->name, "in");
	return l;
}

/* Loads text, which must fail with exactly want. */
static void
bad(const char *text, const char *want)
{
	char *cause;
	struct geo_layer *l = load(text, &cause);

	if (l != NULL)
		fail_msg("%s: loaded, want \"%s\"", text, want);
	assert_non_null(cause);
	if (strcmp(cause, want) != 0)
		fail_msg("%s:\n got  %s\n want %s", text, cause, want);
	free(cause);
}

static void
test_polygon(void **state)
{
	/* a hole, an open ring (closed by the loader), a degenerate ring skipped */
	struct geo_layer *l = ok("{\"type\": \"FeatureCollection\", \"features\": [\n"
	    "{\"type\": \"Feature\", \"properties\": {\"name\": \"Sq\"}, \"geometry\":"
	    " {\"type\": \"Polygon\", \"coordinates\": [[[0,0],[0,10],[10,10],[10,0],[0,0]],"
	    " [[2,2],[2,4],[4,4]], [[5,5],[6,6]]]}}]}", GEO_POLY, 1, 2, 9);

	(void)state;
	assert_int_equal(l->shapes[0].nparts, 2);
	assert_true(l->pts[5].x == 2 && l->pts[5].y == 2);
	assert_true(l->pts[8].x == 2 && l->pts[8].y == 2);	/* closed */
	assert_true(l->bbox.x0 == 0 && l->bbox.y0 == 0 && l->bbox.x1 == 10 && l->bbox.y1 == 10);
	assert_int_equal(l->nfields, 1);
	assert_string_equal(l->fields[0], "name");
	assert_string_equal(geo_layer_attr(l, 0, 0), "Sq");
	geo_layer_free(l);
	/* MultiPolygon: every ring a part of one shape */
	l = ok("{\"type\":\"MultiPolygon\",\"coordinates\":[[[[0,0],[1,0],[1,1],[0,0]]],"
	    "[[[5,5],[6,5],[6,6],[5,5]],[[5.2,5.1],[5.8,5.1],[5.8,5.8],[5.2,5.1]]]]}",
	    GEO_POLY, 1, 3, 12);
	geo_layer_free(l);
}

static void
test_members_in_any_order(void **state)
{
	/* coordinates before type, geometry before type, foreign members anywhere */
	struct geo_layer *l = ok("{\"features\": [{\"geometry\": {\"coordinates\":"
	    " [[1.5, 2.25], [3, 4]], \"bbox\": [1, 2, 3, 4], \"type\": \"LineString\"},"
	    " \"id\": 7, \"properties\": {\"x\": {\"name\": \"inner\"}, \"name\": 12.5},"
	    " \"type\": \"Feature\"}], \"extra\": [[[1]]], \"type\": \"FeatureCollection\"}",
	    GEO_LINE, 1, 1, 2);

	(void)state;
	assert_true(l->pts[0].x == 1.5 && l->pts[0].y == 2.25);
	assert_string_equal(geo_layer_attr(l, 0, 0), "12.5");
	geo_layer_free(l);
}

static void
test_kinds(void **state)
{
	struct geo_layer *l;

	(void)state;
	l = ok("{\"type\":\"Point\",\"coordinates\":[1,2,300]}", GEO_POINT, 1, 1, 1);
	geo_layer_free(l);
	/* MultiPoint: a part per point, as shp.c makes a multipoint's */
	l = ok("{\"type\":\"Feature\",\"geometry\":{\"type\":\"MultiPoint\","
	    "\"coordinates\":[[1,2],[3,4],[5,6]]},\"properties\":null}", GEO_POINT, 1, 3, 3);
	assert_int_equal(l->nfields, 0);
	geo_layer_free(l);
	l = ok("{\"type\":\"MultiLineString\",\"coordinates\":[[[0,0],[1,1]],[[2,2],[3,3],"
	    "[4,4]]]}", GEO_LINE, 1, 2, 5);
	geo_layer_free(l);
	/* a collection, nested: its members' parts make one shape */
	l = ok("{\"type\":\"GeometryCollection\",\"geometries\":[{\"type\":\"Point\","
	    "\"coordinates\":[1,1]},{\"type\":\"GeometryCollection\",\"geometries\":"
	    "[{\"type\":\"Point\",\"coordinates\":[2,2]}]}]}", GEO_POINT, 1, 2, 2);
	geo_layer_free(l);
	/* mixed classes: lines, so that everything is drawn */
	l = ok("{\"type\":\"FeatureCollection\",\"features\":["
	    "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,1]}},"
	    "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
	    "[[[0,0],[1,0],[1,1],[0,0]]]}}]}", GEO_LINE, 2, 2, 5);
	geo_layer_free(l);
}

static void
test_null_geometries(void **state)
{
	/* skipped, as shp.c skips null records; a feature's name stays its own */
	struct geo_layer *l = ok("{\"type\":\"FeatureCollection\",\"properties\":"
	    "{\"name\":\"collection\"},\"features\":["
	    "{\"type\":\"Feature\",\"geometry\":null,\"properties\":{\"name\":\"a\"}},"
	    "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[]}},"
	    "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[3,4]}},"
	    "{\"type\":\"Feature\",\"properties\":{\"name\":\"d\"},\"geometry\":"
	    "{\"type\":\"Point\",\"coordinates\":[5,6]}}]}", GEO_POINT, 2, 2, 2);

	(void)state;
	assert_string_equal(geo_layer_attr(l, 0, 0), "");
	assert_string_equal(geo_layer_attr(l, 1, 0), "d");
	geo_layer_free(l);
}

static void
test_text(void **state)
{
	struct geo_layer *l;
	char *cause;
	static const char crlf[] = "\xef\xbb\xbf{\"type\":\"Point\",\r\n\"coordinates\":[1,2]}\r\n";

	(void)state;
	/* a BOM and CRLF line ends */
	l = geojson_load_mem("x.json", crlf, sizeof crlf - 1, &cause);
	assert_non_null(l);
	assert_string_equal(l->name, "x");
	geo_layer_free(l);
	/* a hostile name is sanitised */
	l = ok("{\"type\":\"Feature\",\"properties\":{\"name\":\"a\\u001b]0;x\\u0007b\"},"
	    "\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]}}", GEO_POINT, 1, 1, 1);
	assert_string_equal(geo_layer_attr(l, 0, 0), "a]0;xb");
	geo_layer_free(l);
	assert_string_equal(json_version(), "yajl 2.1.0");
}

/*
 * Invalid JSON is placed just after the last good token, as json.c places
 * it, so that a file, a pipe and gzip (chunks cut anywhere) say the same.
 */
static void
test_bad_json(void **state)
{
	(void)state;
	bad("", "t/in.geojson: empty, not JSON");
	bad("{\"type\": \"Point\",\n \"coordinates\": [1, 2,]}",
	    "t/in.geojson:2:22: invalid JSON: parse error: unallowed token at this point in "
	    "JSON text");
	bad("{\"type\": \"Point\", \"coordinates\": [NaN, 2]}",
	    "t/in.geojson:1:35: invalid JSON: lexical error: invalid char in json text");
	bad("{\"type\": \"Point\", \"coordinates\": [1, 2]",
	    "t/in.geojson:1:40: invalid JSON: parse error: premature EOF");
	bad("{\"type\": \"Point\", \"coordinates\": [1, 2]} x",
	    "t/in.geojson:1:41: invalid JSON: parse error: trailing garbage");
	bad("{\"type\": \"Po\xffint\"}",
	    "t/in.geojson:1:8: invalid JSON: lexical error: invalid bytes in UTF8 string");
	bad("[1, 2]", "t/in.geojson:1:2: the text is an array, not a GeoJSON object");
	bad("42", "t/in.geojson:1:3: the text is a number, not a GeoJSON object");
}

static void
test_bad_geojson(void **state)
{
	(void)state;
	bad("{\"coordinates\": [1, 2]}",
	    "t/in.geojson:1:24: no \"type\": not a GeoJSON object");
	bad("{\"type\": \"Pointy\", \"coordinates\": [1, 2]}",
	    "t/in.geojson:1:18: unknown \"type\" \"Pointy\"");
	bad("{\"type\": 3, \"coordinates\": [1, 2]}",
	    "t/in.geojson:1:11: \"type\" is a number, not a string");
	bad("{\"type\": \"Point\"}",
	    "t/in.geojson:1:18: a Point without \"coordinates\"");
	bad("{\"type\": \"Point\", \"coordinates\": \"1, 2\"}",
	    "t/in.geojson:1:40: \"coordinates\" is a string, not an array");
	bad("{\"type\": \"Point\", \"coordinates\": [1, \"2\"]}",
	    "t/in.geojson:1:41: coordinates hold a string, not numbers");
	bad("{\"type\": \"Point\", \"coordinates\": [1]}",
	    "t/in.geojson:1:37: a position of one number, not two or three");
	bad("{\"type\": \"Point\", \"coordinates\": [1, 2, 3, 4, 5]}",
	    "t/in.geojson:1:48: a position of more than 4 numbers");
	bad("{\"type\": \"LineString\", \"coordinates\": [1, 2]}",
	    "t/in.geojson:1:46: a LineString's positions are 2 arrays deep, not 1 "
	    "(coordinates of another type?)");
	bad("{\"type\": \"Polygon\", \"coordinates\": [[1, 2], [3, 4]]}",
	    "t/in.geojson:1:53: a Polygon's positions are 3 arrays deep, not 2 "
	    "(coordinates of another type?)");
	bad("{\"type\": \"Point\", \"coordinates\": [1e308, 2]}",
	    "t/in.geojson:1:44: coordinate out of lon/lat range (1e+308, 2): GeoJSON is WGS 84 "
	    "longitude, latitude (RFC 7946); ogr2ogr -t_srs EPSG:4326 converts");
	bad("{\"type\": \"Point\", \"coordinates\": [1e999, 2]}",
	    "t/in.geojson:1:44: coordinate is not finite (inf, 2)");
	bad("{\"type\": \"Point\", \"coordinates\": [500000, 1800000]}",
	    "t/in.geojson:1:51: coordinate out of lon/lat range (500000, 1.8e+06): GeoJSON is "
	    "WGS 84 longitude, latitude (RFC 7946); ogr2ogr -t_srs EPSG:4326 converts");
	bad("{\"type\": \"FeatureCollection\", \"features\": {}}",
	    "t/in.geojson:1:44: \"features\" is not an array");
	bad("{\"type\": \"FeatureCollection\", \"features\": [3]}",
	    "t/in.geojson:1:45: features[0] is a number, not an object");
	bad("{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Point\", "
	    "\"coordinates\": [1, 2]}]}",
	    "t/in.geojson:1:84: features[0]: \"type\" is Point, not \"Feature\"");
	bad("{\"type\": \"FeatureCollection\"}",
	    "t/in.geojson:1:30: a FeatureCollection without \"features\"");
	bad("{\"type\": \"FeatureCollection\", \"features\": []}",
	    "t/in.geojson: no shapes to draw: no features");
	bad("{\"type\": \"Feature\", \"geometry\": null}",
	    "t/in.geojson: no shapes to draw: no feature has a geometry with coordinates");
	bad("{\"type\": \"Polygon\", \"coordinates\": [[[0, 0], [1, 1]]]}",
	    "t/in.geojson: no shapes to draw: 1 polygon ring of under 3 corners, and "
	    "nothing else");
	bad("{\"type\": \"Polygon\", \"coordinates\": [[[0, 0], [1, 1], [0, 0]]]}",
	    "t/in.geojson: no shapes to draw: 1 polygon ring of under 3 corners, and "
	    "nothing else");
	bad("{\"type\": \"GeometryCollection\", \"coordinates\": [1, 2]}",
	    "t/in.geojson:1:54: a GeometryCollection has \"geometries\", not \"coordinates\"");
	bad("{\"type\": \"Feature\", \"geometry\": {\"type\": \"Feature\"}}",
	    "t/in.geojson:1:52: \"type\" of a geometry is not one of Point, MultiPoint, "
	    "LineString, MultiLineString, Polygon, MultiPolygon, GeometryCollection");
}

/* Text of n times a, then b, then n times c. */
static char *
repeat(const char *a, const char *b, const char *c, size_t n)
{
	size_t la = strlen(a), lb = strlen(b), lc = strlen(c), i;
	char *s = xmalloc(n * (la + lc) + lb + 1), *p = s;

	for (i = 0; i < n; i++, p += la)
		memcpy(p, a, la);
	memcpy(p, b, lb);
	p += lb;
	for (i = 0; i < n; i++, p += lc)
		memcpy(p, c, lc);
	*p = '\0';
	return s;
}

static void
test_hostile_sizes(void **state)
{
	char *s, *cause, *t;
	struct geo_layer *l;

	(void)state;
	/* deep nesting, in a skipped member and in coordinates */
	s = repeat("[", "1", "]", 100000);
	xasprintf(&t, "{\"type\": \"Point\", \"x\": %s, \"coordinates\": [1, 2]}", s);
	l = load(t, &cause);
	assert_null(l);
	assert_string_equal(cause, "t/in.geojson:1:88: nested more than 64 deep");
	free(cause);
	free(t);
	xasprintf(&t, "{\"type\": \"Point\", \"coordinates\": %s}", s);
	l = load(t, &cause);
	assert_null(l);
	assert_string_equal(cause, "t/in.geojson:1:40: coordinates nested more than 4 arrays deep");
	free(cause);
	free(t);
	free(s);
	s = repeat("{\"a\":", "1", "}", 100000);
	xasprintf(&t, "{\"type\": \"Point\", \"coordinates\": [1, 2], \"x\": %s}", s);
	l = load(t, &cause);
	assert_null(l);
	assert_string_equal(cause, "t/in.geojson:1:363: nested more than 64 deep");
	free(cause);
	free(t);
	free(s);
	/* a long number, a long name */
	s = repeat("1", ".", "0", 1000);
	xasprintf(&t, "{\"type\": \"Point\", \"coordinates\": [%s, 2]}", s);
	l = load(t, &cause);
	assert_null(l);
	assert_string_equal(cause, "t/in.geojson:1:2036: a number of more than 512 characters");
	free(cause);
	free(t);
	free(s);
	s = repeat("x", "", "y", 100000);
	xasprintf(&t, "{\"type\": \"Feature\", \"properties\": {\"name\": \"%s\"}, "
	    "\"geometry\": {\"type\": \"Point\", \"coordinates\": [1, 2]}}", s);
	l = load(t, &cause);
	assert_non_null(l);
	assert_int_equal(strlen(geo_layer_attr(l, 0, 0)), 256);
	geo_layer_free(l);
	free(t);
	free(s);
	/* a huge array of positions: every one kept, in order */
	s = repeat("[1.5, 2.5],", "", "", 200000);
	xasprintf(&t, "{\"type\": \"LineString\", \"coordinates\": [%s[3, 4]]}", s);
	l = load(t, &cause);
	assert_non_null(l);
	assert_int_equal(l->npts, 200001);
	assert_true(l->pts[200000].x == 3);
	geo_layer_free(l);
	free(t);
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_polygon),
		cmocka_unit_test(test_members_in_any_order),
		cmocka_unit_test(test_kinds),
		cmocka_unit_test(test_null_geometries),
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_bad_json),
		cmocka_unit_test(test_bad_geojson),
		cmocka_unit_test(test_hostile_sizes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
