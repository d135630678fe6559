/*
 * geojson.c: GeoJSON layers through the JSON door (json.c, which streams
 * the text through yajl and says where it is), plus the checks the format
 * leaves to us. Memory stays that of the layer being built, whatever the
 * size of the text: no tree is built.
 *
 * Members come in any order ("coordinates" before "type" is valid), so a
 * geometry's positions are buffered, with where each array opened, until
 * its object closes and its type says how to read them. Every object has a
 * role from where it sits: the root (a FeatureCollection, a Feature or a
 * geometry), a feature (in "features"), a geometry (a feature's
 * "geometry", or in "geometries"), properties; anything else is skipped.
 */
#include "geojson.h"

#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "instream.h"
#include "json.h"
#include "shp.h"
#include "text.h"
#include "util.h"

#define MAX_PATH_BYTES	4096
#define MAX_LABEL	256
#define MAX_NUMBER	512		/* characters of one number */
#define MAX_POS_DIMS	4		/* x, y, z, m */
#define CHUNK		65536

enum role { R_ROOT, R_FEATURE, R_GEOMETRY, R_PROPS };

enum gtype { G_NONE, G_POINT, G_MULTIPOINT, G_LINESTRING, G_MULTILINESTRING, G_POLYGON,
	G_MULTIPOLYGON, G_COLLECTION, G_FEATURE, G_FEATURECOLLECTION, G_OTHER };

static const char *const gtype_names[] = { "", "Point", "MultiPoint", "LineString",
	"MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection", "Feature",
	"FeatureCollection" };

/* What the next value is, from the key before it. */
enum slot { S_NONE, S_TYPE, S_COORDS, S_FEATURES, S_GEOMETRY, S_GEOMETRIES, S_PROPS,
	S_NAME };

struct frame {
	enum role	 role;
	int		 is_array;	/* an array of features or geometries */
	enum slot	 slot;		/* of the value being read */
	enum gtype	 type;
	int		 have_coords, have_geometries, have_features, have_geometry;
	size_t		 tmp_pts, tmp_opens;	/* where its coordinates start */
	size_t		 nparts;	/* the layer's parts when a feature opened */
	size_t		 index;		/* in the array of features or geometries */
};

/* An array opened inside "coordinates": its level (0: the coordinates) and the positions before. */
struct open {
	uint32_t	 level;
	uint32_t	 pos;
};

struct parser {
	char		*path;		/* sanitised, for messages */
	struct geo_layer *l;
	struct json	*j;
	char		**cause;
	locale_t	 c_locale;
	struct frame	 st[GEOJSON_MAX_DEPTH + 2];
	int		 depth;		/* frames in st */
	int		 skip;		/* levels inside a skipped value */
	/* the coordinates being read */
	int		 in_coords;	/* levels open inside them (0: not in them) */
	double		 pos[MAX_POS_DIMS];
	int		 npos;		/* numbers in the position being read */
	int		 pos_level;	/* its array's level */
	struct geo_pt	*tmp;		/* positions of the geometries open */
	uint32_t	*tmp_level;	/* the level of each */
	size_t		 ntmp, cap_tmp;
	struct open	*opens;
	size_t		 nopens, cap_opens;
	/* the layer */
	size_t		 cap_shapes, cap_parts, cap_pts;
	char		**names;	/* properties.name of each shape, or NULL */
	char		*name;		/* of the feature being read */
	int		 any_name;
	unsigned	 classes;	/* 1 points, 2 lines, 4 polygons */
	size_t		 nnull, ndegenerate;
};

/* A semantic error in a callback: json.c adds where; returns 0, which stops the parse. */
static int __attribute__((format(printf, 2, 3)))
fail(struct parser *ps, const char *fmt, ...)
{
	va_list ap;
	char *why;

	va_start(ap, fmt);
	xvasprintf(&why, fmt, ap);
	va_end(ap);
	json_fail(ps->j, "%s", why);
	free(why);
	return 0;
}

static struct frame *
top(struct parser *ps)
{
	return &ps->st[ps->depth - 1];
}

static enum gtype
gtype_of(const char *s, size_t len)
{
	size_t i;

	for (i = 1; i < sizeof gtype_names / sizeof gtype_names[0]; i++)
		if (strlen(gtype_names[i]) == len && memcmp(gtype_names[i], s, len) == 0)
			return (enum gtype)i;
	return G_OTHER;
}

/* The depth of the positions in a geometry's coordinates: 0 for a Point's. */
static int
pos_depth(enum gtype t)
{
	switch (t) {
	case G_POINT:
		return 0;
	case G_MULTIPOINT: case G_LINESTRING:
		return 1;
	case G_MULTILINESTRING: case G_POLYGON:
		return 2;
	case G_MULTIPOLYGON:
		return 3;
	default:
		return -1;
	}
}

/* Appends positions tmp[a..b) as a part of the layer; a ring is closed, or skipped if no triangle. */
static int
add_part(struct parser *ps, size_t a, size_t b, int ring)
{
	struct geo_layer *l = ps->l;
	size_t n = b - a, i;
	int closed;

	if (n == 0)
		return 0;
	closed = ps->tmp[a].x == ps->tmp[b - 1].x && ps->tmp[a].y == ps->tmp[b - 1].y;
	/* RFC 7946's least ring is 4 positions, the last the first: a triangle */
	if (ring && n + !closed < 4) {
		ps->ndegenerate++;
		return 0;
	}
	if (n + 1 > (size_t)SHP_MAX_VERTICES - l->npts)
		return fail(ps, "more than %d vertices", SHP_MAX_VERTICES), -1;
	xgrow(&l->pts, &ps->cap_pts, l->npts + n + 1, sizeof *l->pts);
	xgrow(&l->parts, &ps->cap_parts, l->nparts + 2, sizeof *l->parts);
	l->parts[l->nparts++] = (uint32_t)l->npts;
	for (i = a; i < b; i++)
		l->pts[l->npts++] = ps->tmp[i];
	if (ring && !closed)
		l->pts[l->npts++] = ps->tmp[a];
	return 0;
}

/* A geometry object closed: its buffered coordinates become parts. */
static int
commit_geometry(struct parser *ps, struct frame *f)
{
	size_t p0 = f->tmp_pts, p1 = ps->ntmp, o, a;
	int want = pos_depth(f->type), ring = f->type == G_POLYGON ||
	    f->type == G_MULTIPOLYGON;
	size_t i;

	if (f->type == G_COLLECTION) {
		if (f->have_coords)
			return fail(ps, "a GeometryCollection has \"geometries\", not "
			    "\"coordinates\""), -1;
		if (!f->have_geometries)
			return fail(ps, "a GeometryCollection without \"geometries\""), -1;
		return 0;
	}
	if (f->have_geometries)
		return fail(ps, "\"geometries\" in a %s, not a GeometryCollection",
		    f->type == G_NONE ? "geometry without \"type\"" : gtype_names[f->type]), -1;
	if (want < 0)
		return fail(ps, f->type == G_NONE ? "a geometry without \"type\"" :
		    "\"type\" of a geometry is not one of Point, MultiPoint, LineString, "
		    "MultiLineString, Polygon, MultiPolygon, GeometryCollection"), -1;
	if (!f->have_coords)
		return fail(ps, "a %s without \"coordinates\"", gtype_names[f->type]), -1;
	for (i = p0; i < p1; i++)
		if (ps->tmp_level[i] != (uint32_t)want)
			return fail(ps, "a %s's positions are %d arrays deep, not %u "
			    "(coordinates of another type?)", gtype_names[f->type], want + 1,
			    ps->tmp_level[i] + 1), -1;
	if (p1 > p0)
		ps->classes |= want == 0 || f->type == G_MULTIPOINT ? 1 : ring ? 4 : 2;
	if (want == 0 || f->type == G_LINESTRING) {
		if (add_part(ps, p0, p1, 0) != 0)
			return -1;
	} else if (f->type == G_MULTIPOINT) {
		for (i = p0; i < p1; i++)
			if (add_part(ps, i, i + 1, 0) != 0)
				return -1;
	} else {
		/* a part per array of positions: opened at the level above them */
		a = p0;
		for (o = f->tmp_opens; o < ps->nopens; o++) {
			if (ps->opens[o].level != (uint32_t)want - 1)
				continue;
			if (ps->opens[o].pos > a && add_part(ps, a, ps->opens[o].pos, ring) != 0)
				return -1;
			a = ps->opens[o].pos;
		}
		if (add_part(ps, a, p1, ring) != 0)
			return -1;
	}
	ps->ntmp = f->tmp_pts;
	ps->nopens = f->tmp_opens;
	return 0;
}

/* A feature (or a root geometry) closed: the parts since it opened make a shape. */
static int
commit_shape(struct parser *ps, struct frame *f)
{
	struct geo_layer *l = ps->l;
	struct geo_shape *sh;
	size_t p;

	if (l->nparts == f->nparts) {
		ps->nnull++;
		free(ps->name);
		ps->name = NULL;
		return 0;
	}
	if (l->nshapes == SHP_MAX_SHAPES)
		return fail(ps, "more than %d shapes", SHP_MAX_SHAPES), -1;
	if (l->nshapes == ps->cap_shapes) {
		xgrow(&l->shapes, &ps->cap_shapes, l->nshapes + 1, sizeof *l->shapes);
		ps->names = xreallocarray(ps->names, ps->cap_shapes, sizeof *ps->names);
	}
	sh = &l->shapes[l->nshapes];
	sh->first_part = (uint32_t)f->nparts;
	sh->nparts = (uint32_t)(l->nparts - f->nparts);
	geo_bbox_empty(&sh->bbox);
	for (p = l->parts[f->nparts]; p < l->npts; p++)
		geo_bbox_add(&sh->bbox, l->pts[p].x, l->pts[p].y);
	geo_bbox_union(&l->bbox, &sh->bbox);
	ps->names[l->nshapes++] = ps->name;
	ps->name = NULL;
	return 0;
}

/* Records an array opening at level inside "coordinates"; 0 past the cap. */
static int
record_open(struct parser *ps, int level)
{
	/* "[[],[],...]" holds no position: without a cap, memory grows with the text */
	if (ps->nopens == (size_t)SHP_MAX_VERTICES)
		return fail(ps, "more than %d arrays in coordinates", SHP_MAX_VERTICES);
	xgrow(&ps->opens, &ps->cap_opens, ps->nopens + 1, sizeof *ps->opens);
	ps->opens[ps->nopens].level = (uint32_t)level;
	ps->opens[ps->nopens++].pos = (uint32_t)ps->ntmp;
	return 1;
}

static int
push(struct parser *ps, enum role role, int is_array)
{
	struct frame *f;

	/* json.c refuses deeper text first: this guards st[] */
	if (ps->depth == GEOJSON_MAX_DEPTH)
		return fail(ps, "nested more than %d deep", GEOJSON_MAX_DEPTH);
	f = &ps->st[ps->depth++];
	memset(f, 0, sizeof *f);
	f->role = role;
	f->is_array = is_array;
	f->tmp_pts = ps->ntmp;
	f->tmp_opens = ps->nopens;
	f->nparts = ps->l->nparts;
	return 1;
}

/* The role of an object or array starting as the value of the top frame's slot. */
static int
open_value(struct parser *ps, int is_array)
{
	struct frame *f;

	if (ps->depth == 0) {
		if (is_array)
			return fail(ps, "the text is an array, not a GeoJSON object");
		return push(ps, R_ROOT, 0);
	}
	f = top(ps);
	if (f->is_array) {
		/* an element of "features" or "geometries" */
		if (is_array)
			return fail(ps, "%s[%zu] is an array, not an object",
			    f->role == R_FEATURE ? "features" : "geometries", f->index);
		if (f->role == R_FEATURE) {
			free(ps->name);		/* a name is a feature's own */
			ps->name = NULL;
		}
		return push(ps, f->role, 0);
	}
	switch (f->slot) {
	case S_FEATURES:
		if (!is_array)
			return fail(ps, "\"features\" is not an array");
		f->have_features = 1;
		return push(ps, R_FEATURE, 1);
	case S_GEOMETRIES:
		if (!is_array)
			return fail(ps, "\"geometries\" is not an array");
		f->have_geometries = 1;
		return push(ps, R_GEOMETRY, 1);
	case S_GEOMETRY:
		if (is_array)
			return fail(ps, "\"geometry\" is an array, not an object or null");
		f->have_geometry = 1;
		return push(ps, R_GEOMETRY, 0);
	case S_PROPS:
		if (is_array)
			break;		/* not GeoJSON's, but nothing to read in it */
		return push(ps, R_PROPS, 0);
	case S_COORDS:
		if (!is_array)
			return fail(ps, "\"coordinates\" is not an array");
		f->have_coords = 1;
		ps->in_coords = 1;
		ps->npos = 0;
		ps->pos_level = 0;
		return record_open(ps, 0);
	case S_TYPE:
		return fail(ps, "\"type\" is not a string");
	default:
		break;
	}
	ps->skip = 1;
	return 1;
}

/* A scalar as the value of the top frame's slot. */
static int
scalar(struct parser *ps, const char *what, const char *s, size_t len)
{
	struct frame *f;

	if (ps->skip)
		return 1;
	if (ps->in_coords)
		return fail(ps, "coordinates hold %s, not numbers", what);
	if (ps->depth == 0)
		return fail(ps, "the text is %s, not a GeoJSON object", what);
	f = top(ps);
	if (f->is_array)
		return fail(ps, "%s[%zu] is %s, not an object", f->role == R_FEATURE ?
		    "features" : "geometries", f->index++, what);
	switch (f->slot) {
	case S_TYPE:
		if (s == NULL)
			return fail(ps, "\"type\" is %s, not a string", what);
		f->type = gtype_of(s, len);
		if (f->type == G_OTHER) {
			char *t = text_sanitize(s, len > 64 ? 64 : len, 192);

			fail(ps, "unknown \"type\" \"%s\"", t);
			free(t);
			return 0;
		}
		break;
	case S_NAME:
		free(ps->name);
		ps->name = s != NULL ? text_sanitize(s, len, MAX_LABEL) : NULL;
		ps->any_name |= s != NULL;
		break;
	case S_GEOMETRY:
		if (strcmp(what, "null") != 0)
			return fail(ps, "\"geometry\" is %s, not an object or null", what);
		f->have_geometry = 1;	/* a feature without a place */
		break;
	case S_COORDS: case S_FEATURES: case S_GEOMETRIES:
		return fail(ps, "\"%s\" is %s, not an array", f->slot == S_COORDS ?
		    "coordinates" : f->slot == S_FEATURES ? "features" : "geometries", what);
	default:
		break;
	}
	f->slot = S_NONE;
	return 1;
}

static int
cb_null(void *ctx)
{
	return scalar(ctx, "null", NULL, 0);
}

static int
cb_boolean(void *ctx, int v)
{
	return scalar(ctx, v ? "true" : "false", NULL, 0);
}

static int
cb_string(void *ctx, const char *s, size_t len)
{
	return scalar(ctx, "a string", s, len);
}

static int
cb_number(void *ctx, const char *s, size_t len)
{
	struct parser *ps = ctx;
	char buf[MAX_NUMBER + 1];
	double v;

	if (ps->skip)
		return 1;
	if (!ps->in_coords) {
		struct frame *f = ps->depth > 0 ? top(ps) : NULL;

		/* properties.name may be a number: its text is the label */
		if (f != NULL && !f->is_array && f->slot == S_NAME)
			return scalar(ps, "a number", s, len);
		return scalar(ps, "a number", NULL, 0);
	}
	if (len > MAX_NUMBER)
		return fail(ps, "a number of more than %d characters", MAX_NUMBER);
	memcpy(buf, s, len);
	buf[len] = '\0';
	v = strtod_l(buf, NULL, ps->c_locale);
	if (ps->npos == MAX_POS_DIMS)
		return fail(ps, "a position of more than %d numbers", MAX_POS_DIMS);
	ps->pos[ps->npos++] = v;
	/* the level of the array the numbers are in: commit_geometry() checks it */
	ps->pos_level = ps->in_coords - 1;
	return 1;
}

static int
cb_start_map(void *ctx)
{
	struct parser *ps = ctx;

	if (ps->skip) {
		ps->skip++;
		return 1;
	}
	if (ps->in_coords)
		return fail(ps, "coordinates hold an object, not numbers");
	return open_value(ps, 0);
}

static int
cb_map_key(void *ctx, const char *k, size_t len)
{
	struct parser *ps = ctx;
	struct frame *f;

#define KEY(s)	(len == sizeof s - 1 && memcmp(k, s, len) == 0)
	if (ps->skip)
		return 1;
	f = top(ps);
	f->slot = S_NONE;
	if (f->role == R_PROPS) {
		if (KEY("name"))
			f->slot = S_NAME;
		return 1;
	}
	if (KEY("type"))
		f->slot = S_TYPE;
	else if (f->role == R_GEOMETRY || f->role == R_ROOT) {
		if (KEY("coordinates"))
			f->slot = f->have_coords ? S_NONE : S_COORDS;
		else if (KEY("geometries"))
			f->slot = S_GEOMETRIES;
	}
	if (f->slot == S_NONE && (f->role == R_FEATURE || f->role == R_ROOT)) {
		if (KEY("geometry"))
			f->slot = S_GEOMETRY;
		else if (KEY("properties"))
			f->slot = S_PROPS;
		else if (KEY("features") && f->role == R_ROOT)
			f->slot = S_FEATURES;
	}
	return 1;
#undef KEY
}

static int
close_object(struct parser *ps)
{
	struct frame *f = top(ps), *parent;

	switch (f->role) {
	case R_GEOMETRY:
		if (commit_geometry(ps, f) != 0)
			return 0;
		break;
	case R_FEATURE:
		if (f->type != G_FEATURE)
			return fail(ps, "features[%zu]: \"type\" is %s, not \"Feature\"",
			    ps->st[ps->depth - 2].index, f->type == G_NONE ? "missing" :
			    gtype_names[f->type]);
		if (commit_shape(ps, f) != 0)
			return 0;
		break;
	case R_ROOT:
		if (f->type == G_FEATURECOLLECTION) {
			if (!f->have_features)
				return fail(ps, "a FeatureCollection without \"features\"");
		} else if (f->type == G_FEATURE) {
			if (!f->have_geometry)
				return fail(ps, "a Feature without \"geometry\"");
			if (commit_shape(ps, f) != 0)
				return 0;
		} else if (f->type == G_NONE) {
			return fail(ps, "no \"type\": not a GeoJSON object");
		} else {
			if (commit_geometry(ps, f) != 0 || commit_shape(ps, f) != 0)
				return 0;
		}
		break;
	default:
		break;
	}
	ps->depth--;
	if (ps->depth > 0) {
		parent = top(ps);
		if (parent->is_array)
			parent->index++;
		else
			parent->slot = S_NONE;
	}
	return 1;
}

static int
cb_end_map(void *ctx)
{
	struct parser *ps = ctx;

	if (ps->skip) {
		if (--ps->skip == 0 && ps->depth > 0)
			top(ps)->slot = S_NONE;
		return 1;
	}
	return close_object(ps);
}

static int
cb_start_array(void *ctx)
{
	struct parser *ps = ctx;

	if (ps->skip) {
		ps->skip++;
		return 1;
	}
	if (ps->in_coords) {
		if (ps->npos > 0)
			return fail(ps, "a position holds an array, not a number");
		if (ps->in_coords > 4)
			return fail(ps, "coordinates nested more than 4 arrays deep");
		if (!record_open(ps, ps->in_coords))
			return 0;
		ps->in_coords++;
		return 1;
	}
	return open_value(ps, 1);
}

static int
cb_end_array(void *ctx)
{
	struct parser *ps = ctx;

	if (ps->skip) {
		if (--ps->skip == 0 && ps->depth > 0)
			top(ps)->slot = S_NONE;
		return 1;
	}
	if (ps->in_coords) {
		if (ps->npos > 0) {
			double x = ps->pos[0], y = ps->pos[1];

			if (ps->npos < 2)
				return fail(ps, "a position of one number, not two or three");
			if (!isfinite(x) || !isfinite(y))
				return fail(ps, "coordinate is not finite (%g, %g)", x, y);
			if (fabs(x) > 180 || fabs(y) > 90)
				return fail(ps, "coordinate out of lon/lat range (%g, %g): "
				    "GeoJSON is WGS 84 longitude, latitude (RFC 7946); "
				    "ogr2ogr -t_srs EPSG:4326 converts", x, y);
			if (ps->ntmp >= (size_t)SHP_MAX_VERTICES)
				return fail(ps, "more than %d vertices", SHP_MAX_VERTICES);
			if (ps->ntmp == ps->cap_tmp) {
				xgrow(&ps->tmp, &ps->cap_tmp, ps->ntmp + 1, sizeof *ps->tmp);
				ps->tmp_level = xreallocarray(ps->tmp_level, ps->cap_tmp,
				    sizeof *ps->tmp_level);
			}
			ps->tmp[ps->ntmp].x = x;
			ps->tmp[ps->ntmp].y = y;
			ps->tmp_level[ps->ntmp++] = (uint32_t)ps->pos_level;
			ps->npos = 0;
		}
		if (--ps->in_coords == 0)
			top(ps)->slot = S_NONE;
		return 1;
	}
	/* the end of "features" or "geometries" */
	ps->depth--;
	if (ps->depth > 0)
		top(ps)->slot = S_NONE;
	return 1;
}

static const struct json_callbacks callbacks = {
	cb_null, cb_boolean, cb_number, cb_string, cb_start_map, cb_map_key, cb_end_map,
	cb_start_array, cb_end_array,
};

/* The layer's name: the file's stem, as shp.c names a shapefile's. */
static char *
stem_of(const char *p)
{
	size_t n = strlen(p), base = n, stem = n, i;

	while (base > 0 && p[base - 1] != '/')
		base--;
	for (i = n; i > base + 1; i--)
		if (p[i - 1] == '.') {
			stem = i - 1;
			break;
		}
	return xstrndup(p + base, stem - base);
}

static void
parser_init(struct parser *ps, const char *name, char **cause)
{
	memset(ps, 0, sizeof *ps);
	*cause = NULL;
	ps->cause = cause;
	ps->path = text_sanitize(name, strlen(name), MAX_PATH_BYTES);
	ps->l = xcalloc(1, sizeof *ps->l);
	geo_bbox_empty(&ps->l->bbox);
	ps->l->path = xstrdup(ps->path);
	ps->l->name = stem_of(ps->path);
	ps->j = json_new(name, &callbacks, ps, 0);
	if ((ps->c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0)) == (locale_t)0)
		die("cannot make the C locale");
}

/* Frees the parser; returns its layer, given fields and kind, or NULL with *cause. */
static struct geo_layer *
parser_finish(struct parser *ps, int ok)
{
	struct geo_layer *l = ps->l;
	size_t s, nnames = l->nshapes;	/* names of shapes, given to the layer or not */

	if (ok && ps->depth > 0) {
		xasprintf(ps->cause, "%s: the text ends inside an object", ps->path);
		ok = 0;
	}
	if (ok && l->nshapes == 0) {
		if (ps->ndegenerate > 0)
			xasprintf(ps->cause, "%s: no shapes to draw: %zu polygon ring%s of "
			    "under 3 corners, and nothing else", ps->path, ps->ndegenerate,
			    ps->ndegenerate == 1 ? "" : "s");
		else
			xasprintf(ps->cause, "%s: no shapes to draw: %s", ps->path,
			    ps->nnull > 0 ? "no feature has a geometry with coordinates" :
			    "no features");
		ok = 0;
	}
	if (ok) {
		l->kind = ps->classes == 1 ? GEO_POINT : ps->classes == 4 ? GEO_POLY : GEO_LINE;
		l->parts = xreallocarray(l->parts, l->nparts + 1, sizeof *l->parts);
		l->parts[l->nparts] = (uint32_t)l->npts;
		l->pts = xreallocarray(l->pts, l->npts, sizeof *l->pts);
		l->shapes = xreallocarray(l->shapes, l->nshapes, sizeof *l->shapes);
		if (ps->any_name) {
			l->nfields = 1;
			l->fields = xcalloc(1, sizeof *l->fields);
			l->fields[0] = xstrdup("name");
			l->attrs = xcalloc(l->nshapes, sizeof *l->attrs);
			for (s = 0; s < l->nshapes; s++) {
				l->attrs[s] = ps->names[s] != NULL ? ps->names[s] : xstrdup("");
				ps->names[s] = NULL;
			}
		}
	} else {
		if (*ps->cause == NULL)
			xasprintf(ps->cause, "%s: cannot read", ps->path);
		geo_layer_free(l);
		l = NULL;
	}
	for (s = 0; ps->names != NULL && s < nnames; s++)
		free(ps->names[s]);
	free(ps->names);
	free(ps->name);
	free(ps->tmp);
	free(ps->tmp_level);
	free(ps->opens);
	free(ps->path);
	json_free(ps->j);
	freelocale(ps->c_locale);
	return l;
}

/* Parses head[0..len), then in to its end (NULL: none). */
static struct geo_layer *
parse(struct parser *ps, struct instream *in, const unsigned char *head, size_t len)
{
	unsigned char *buf = NULL;
	const unsigned char *chunk;
	size_t total = 0, n;
	int ok = 0;

	for (;;) {
		if (len > 0) {
			chunk = head;
			n = len;
			len = 0;
		} else if (in != NULL) {
			ssize_t r;

			if (buf == NULL)
				buf = xmalloc(CHUNK);
			/* its message names the input already: "NAME: reason" */
			if ((r = instream_read(in, buf, CHUNK, ps->cause)) == -1)
				goto out;
			if (r == 0)
				break;
			chunk = buf;
			n = (size_t)r;
		} else {
			break;
		}
		if (n > GEOJSON_MAX_FILE - total) {
			xasprintf(ps->cause, "%s: more than %zu bytes", ps->path,
			    GEOJSON_MAX_FILE);
			goto out;
		}
		total += n;
		/* a callback never stops the parse without a reason: 1 is not returned */
		if (json_feed(ps->j, chunk, n, ps->cause) != 0)
			goto out;
	}
	if (json_end(ps->j, ps->cause) != 0)
		goto out;
	ok = 1;
out:
	free(buf);
	return parser_finish(ps, ok);
}

struct geo_layer *
geojson_load_stream(struct instream *in, char **cause)
{
	struct parser ps;

	parser_init(&ps, instream_name(in), cause);
	return parse(&ps, in, NULL, 0);
}

struct geo_layer *
geojson_load_mem(const char *name, const void *buf, size_t len, char **cause)
{
	struct parser ps;

	parser_init(&ps, name, cause);
	return parse(&ps, NULL, buf, len);
}

struct geo_layer *
geojson_load(const char *path, char **cause)
{
	struct instream *in;
	struct geo_layer *l;

	if ((in = instream_open(path, 0, cause)) == NULL)
		return NULL;
	l = geojson_load_stream(in, cause);
	instream_close(in);
	return l;
}
