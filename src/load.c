/*
 * load.c: the files a run reads, and their projection. A layer comes from
 * the cache (projected, every level of detail) or from its file, a
 * shapefile or GeoJSON (layerfile.c chooses the reader), in lon/lat: then
 * every level is projected and the layer written to the cache, or, with
 * the cache off, only the coarsest now (it frames the view) and the
 * others when a frame first needs them. Places and routes
 * are projected or taken from the cache likewise. PROJ is asked for only
 * when something misses the cache, and loads in a thread while the
 * layer files are read (prj_pool_start()).
 */
#include "load.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cache.h"
#include "import.h"
#include "instream.h"
#include "layerfile.h"
#include "prj.h"
#include "text.h"
#include "util.h"

#define MAX_LAYERS	64

struct load {
	char		*data_dir;
	char		*proj;		/* the projection definition in use */
	struct prj_pool	*pool;		/* the projection, made when something needs it */
	char		*cache_keys[MAX_LAYERS];	/* of layers read from files; NULL: no cache */
	struct map_layer layers[MAX_LAYERS];
	size_t		 nlayers;
	int		 default_layers;
	size_t		 home_layer;	/* the default layers' framing: Mali's outline */
	struct places	*places;
	struct timeline	*tl;
	struct geo_pt	*route_xy;	/* every route's geodesic, projected */
	size_t		*route_at;	/* route r is route_xy[route_at[r] .. route_at[r + 1]) */
	struct geo_bbox	 home;		/* what "reset the view" shows, metres */
};

/*
 * Builds and projects level k of a layer (k < 0: every vertex) unless it
 * is ready or turns out absent. Levels are built from the points in
 * lon/lat: before those are projected in place, every level is built.
 */
static int
project_level(struct load *ld, struct geo_layer *l, int k, char **cause)
{
	int j;

	if (geo_layer_level_ready(l, k) || (k >= 0 && l->lod[k].absent))
		return 0;
	if (prj_pool_get(ld->pool, cause) == NULL)
		return -1;
	for (j = k < 0 ? 0 : k; j < (k < 0 ? l->nlod : k + 1); j++)
		if (l->lod[j].pts == NULL && !l->lod[j].absent)
			geo_layer_build_level(l, j);
	if (k >= 0 && l->lod[k].absent)
		return 0;
	if (k < 0)
		prj_pool_fwd(ld->pool, l->pts, l->npts);
	else
		prj_pool_fwd(ld->pool, l->lod[k].pts, l->lod[k].npts);
	geo_lod_projected(l, k);
	return 0;
}

static int
add_layer(struct load *ld, const char *path, enum style style, const char *title,
    char **cause)
{
	struct geo_layer *l;
	char *key;

	if (ld->nlayers == MAX_LAYERS) {
		xasprintf(cause, "%s: too many layers (at most %d)", path, MAX_LAYERS);
		return -1;
	}
	key = layerfile_cache_key(path, ld->proj);
	if ((l = cache_get_layer(key)) != NULL) {
		free(l->path);
		l->path = text_sanitize(path, strlen(path), 4096);
		free(key);
	} else {
		prj_pool_start(ld->pool);
		if ((l = layerfile_load(path, cause)) == NULL) {
			free(key);
			return -1;
		}
		if (l->kind != GEO_POINT) {
			struct geo_bbox box = l->bbox;

			geo_layer_break(l, l->kind == GEO_POLY ? &box : NULL);
		}
		/* projected by project_layers() */
		l->in_degrees = 1;
		l->nlod = l->kind == GEO_POINT ? 0 : GEO_NLOD;
		ld->cache_keys[ld->nlayers] = key;
	}
	ld->layers[ld->nlayers].geo = l;
	ld->layers[ld->nlayers].style = style;
	ld->layers[ld->nlayers].visible = 1;
	ld->layers[ld->nlayers].title = title ? title : l->name;
	ld->nlayers++;
	return 0;
}

/*
 * Makes the level drawn at units_per_px (< 0: the coarsest) ready: a level
 * built and found absent moves the choice to a finer one.
 */
static int
make_ready(struct load *ld, struct geo_layer *l, double units_per_px, char **cause)
{
	int k;

	while (!geo_layer_level_ready(l, k = units_per_px < 0 ? geo_layer_coarsest(l) :
	    geo_layer_level(l, units_per_px)))
		if (project_level(ld, l, k, cause) != 0)
			return -1;
	return 0;
}

/*
 * Projects the layers add_layer() read from their files. Without a cache
 * only the coarsest level is projected now (it frames the view) and the
 * rest when a frame needs it: a cache entry holds every level.
 */
static int
project_layers(struct load *ld, char **cause)
{
	size_t i;
	int k;

	for (i = 0; i < ld->nlayers; i++) {
		struct geo_layer *l = ld->layers[i].geo;

		if (make_ready(ld, l, -1, cause) != 0)
			return -1;
		if (ld->cache_keys[i] == NULL)
			continue;
		for (k = 0; k < l->nlod; k++)
			if (project_level(ld, l, k, cause) != 0)
				return -1;
		if (project_level(ld, l, -1, cause) != 0)
			return -1;
		cache_put_layer(ld->cache_keys[i], l);
		free(ld->cache_keys[i]);
		ld->cache_keys[i] = NULL;
	}
	return 0;
}

static char *
data_path(const struct load *ld, const char *rel)
{
	char *p;

	xasprintf(&p, "%s/%s", ld->data_dir, rel);
	return p;
}

static int
load_default_layers(struct load *ld, char **cause)
{
	static const struct {
		const char	*file;
		enum style	 style;
		const char	*title;
		int		 home;		/* frames the view, not the neighbours */
	} def[] = {
		{ "maps/neighbours.shp", STYLE_NEIGHBOUR, "neighbouring countries", 0 },
		{ "maps/water.shp", STYLE_WATER, "lakes and river banks", 0 },
		{ "maps/rivers.shp", STYLE_RIVER, "rivers", 0 },
		{ "maps/mali_admin1.shp", STYLE_REGION, "Mali regions", 0 },
		{ "maps/mali_admin0.shp", STYLE_BORDER, "Mali outline", 1 },
	};
	size_t i;

	for (i = 0; i < sizeof def / sizeof def[0]; i++) {
		char *p = data_path(ld, def[i].file);
		int r = add_layer(ld, p, def[i].style, def[i].title, cause);

		free(p);
		if (r != 0)
			return -1;
		if (def[i].home)
			ld->home_layer = ld->nlayers - 1;
	}
	ld->default_layers = 1;
	return 0;
}

/*
 * The projection: the user's; Mali's LCC for the default layers; a world
 * projection when the maps' headers span more than a region.
 */
static const char *
choose_projection(const struct load_options *o)
{
	struct geo_bbox b, one;
	size_t i;

	if (o->proj != NULL)
		return o->proj;
	if (o->nmaps == 0)
		return PRJ_DEFAULT;
	geo_bbox_empty(&b);
	for (i = 0; i < o->nmaps; i++)
		if (layerfile_peek_bbox(o->maps[i], &one) == 0 && fabs(one.x0) <= 180 &&
		    fabs(one.x1) <= 180 && fabs(one.y0) <= 90 && fabs(one.y1) <= 90)
			geo_bbox_union(&b, &one);
	if (b.x1 - b.x0 > 60 || b.y1 - b.y0 > 50)
		return "+proj=eqearth +datum=WGS84 +units=m";
	return PRJ_DEFAULT;
}

static int
project_places(struct load *ld, const char *places_path, char **cause)
{
	struct geo_pt *pts = xcalloc(ld->places->n + 1, sizeof *pts);
	const char *files[1] = { places_path };
	char *key = places_path != NULL ? cache_key("places", ld->proj, files, 1) : NULL;
	size_t i, n = ld->places->n;
	struct prj *prj;

	if (cache_get_points(key, pts, n) != 0) {
		if ((prj = prj_pool_get(ld->pool, cause)) == NULL) {
			free(key);
			free(pts);
			return -1;
		}
		for (i = 0; i < n; i++) {
			pts[i].x = ld->places->v[i].lon_deg;
			pts[i].y = ld->places->v[i].lat_deg;
		}
		prj_fwd(prj, pts, n);
		cache_put_points(key, pts, n);
	}
	for (i = 0; i < n; i++)
		ld->places->v[i].xy = pts[i];
	free(key);
	free(pts);
	return 0;
}

/* Points per leg of a route: a geodesic, drawn as a polyline. */
#define LEG_POINTS	24

/*
 * Each route's legs as geodesics (great circles on the ellipsoid), projected
 * once at load and cached like the places: drawing one costs no PROJ.
 */
static int
project_routes(struct load *ld, const char *events, const char *places, char **cause)
{
	const struct timeline *tl = ld->tl;
	const char *files[2] = { events, places };
	size_t r, k, n = 0;
	struct prj *prj;
	char *key;

	if (tl->nroutes == 0)
		return 0;
	ld->route_at = xcalloc(tl->nroutes + 1, sizeof *ld->route_at);
	for (r = 0; r < tl->nroutes; r++) {
		ld->route_at[r] = n;
		n += (tl->routes[r].n - 1) * (LEG_POINTS - 1) + 1;
	}
	ld->route_at[r] = n;
	ld->route_xy = xcalloc(n, sizeof *ld->route_xy);
	key = events != NULL && places != NULL ? cache_key("routes", ld->proj, files, 2) : NULL;
	if (cache_get_points(key, ld->route_xy, n) != 0) {
		if ((prj = prj_pool_get(ld->pool, cause)) == NULL) {
			free(key);
			return -1;
		}
		for (r = 0; r < tl->nroutes; r++) {
			const struct route *rt = &tl->routes[r];

			/* leg k ends where leg k + 1 starts: they share that point */
			for (k = 0; k + 1 < rt->n; k++) {
				const struct place *a = &ld->places->v[tl->stops[rt->first + k]];
				const struct place *b = &ld->places->v[tl->stops[rt->first + k + 1]];

				prj_geod_line(a->lat_deg, a->lon_deg, b->lat_deg, b->lon_deg,
				    ld->route_xy + ld->route_at[r] + k * (LEG_POINTS - 1),
				    LEG_POINTS);
			}
		}
		prj_fwd(prj, ld->route_xy, n);
		cache_put_points(key, ld->route_xy, n);
	}
	free(key);
	return 0;
}

/*
 * Places and events: sitmap's two CSV files, or an ACLED or UCDP export
 * (detected from the start of the input, or named by --format) that brings
 * its own places, one per location. Each input is opened once and read
 * once, through instream: a pipe, a FIFO, "-" (standard input), gzip and
 * zip are read as a file is, and nothing is stat()ed apart from it. The
 * detection peeks at the decoded start, which the load then reads again
 * from the stream's buffer.
 */
static int
load_events(struct load *ld, const struct load_options *o, char **cause)
{
	char *events = o->events_path ? xstrdup(o->events_path) :
	    data_path(ld, "data/events.csv"), *places;
	struct import_kind kind;
	struct instream *s;
	/* "-" has no identity for a cache key: it would name a file "-" */
	const char *ekey = strcmp(events, "-") == 0 ? NULL : events;
	int r = -1;

	if (o->places_path != NULL && strcmp(o->places_path, "-") == 0 &&
	    strcmp(events, "-") == 0) {
		xasprintf(cause, "--events - and --places -: standard input can be read once, "
		    "for one of them");
		free(events);
		return -1;
	}
	if ((s = instream_open(events, 0, cause)) == NULL ||
	    import_peek(s, o->format, &kind, cause) != 0)
		goto out;
	if (kind.format != IMPORT_SITMAP) {
		if (import_load_stream(s, &kind, &ld->places, &ld->tl, cause) < 0 ||
		    (!o->data_only && project_places(ld, ekey, cause) != 0))
			goto out;
		r = 0;
		goto out;
	}
	places = o->places_path ? xstrdup(o->places_path) : data_path(ld, "data/places.csv");
	ld->places = places_load(places, cause);
	/* the events before the places' projection, which may wait for PROJ */
	if (ld->places != NULL &&
	    (ld->tl = timeline_load_stream(s, ld->places, kind.delim, 0, cause)) != NULL &&
	    (o->data_only || (project_places(ld, strcmp(places, "-") == 0 ? NULL : places,
	    cause) == 0 && project_routes(ld, ekey, strcmp(places, "-") == 0 ? NULL : places,
	    cause) == 0)))
		r = 0;
	free(places);
out:
	instream_close(s);
	free(events);
	return r;
}

static void
set_home(struct load *ld)
{
	size_t i;

	geo_bbox_empty(&ld->home);
	if (ld->default_layers) {
		/* Mali's outline, not the neighbours around it nor an overlay */
		geo_bbox_union(&ld->home, &ld->layers[ld->home_layer].geo->bbox);
		return;
	}
	for (i = 0; i < ld->nlayers; i++)
		geo_bbox_union(&ld->home, &ld->layers[i].geo->bbox);
	if (ld->home.x0 > ld->home.x1 && ld->places != NULL)
		for (i = 0; i < ld->places->n; i++)
			geo_bbox_add(&ld->home, ld->places->v[i].xy.x, ld->places->v[i].xy.y);
}


struct load *
load_new(const struct load_options *o, char **cause)
{
	struct load *ld = xcalloc(1, sizeof *ld);
	size_t i;

	ld->data_dir = xstrdup(o->data_dir);
	ld->proj = xstrdup(choose_projection(o));
	ld->pool = prj_pool_new(ld->proj);
	/* reports need no map */
	if (!o->data_only && o->nmaps == 0 && load_default_layers(ld, cause) != 0)
		goto fail;
	for (i = 0; i < o->nmaps && !o->data_only; i++)
		if (add_layer(ld, o->maps[i], STYLE_MAP, NULL, cause) != 0)
			goto fail;
	for (i = 0; i < o->noverlays && !o->data_only; i++)
		if (add_layer(ld, o->overlays[i], STYLE_MAP, NULL, cause) != 0)
			goto fail;
	if (load_events(ld, o, cause) != 0 ||
	    (!o->data_only && project_layers(ld, cause) != 0))
		goto fail;
	set_home(ld);
	return ld;
fail:
	load_free(ld);
	return NULL;
}

void
load_free(struct load *ld)
{
	size_t i;

	if (ld == NULL)
		return;
	/* joins the PROJ thread: what it made is freed with the rest */
	prj_pool_free(ld->pool);
	for (i = 0; i < ld->nlayers; i++) {
		geo_layer_free(ld->layers[i].geo);
		free(ld->cache_keys[i]);
	}
	timeline_free(ld->tl);
	places_free(ld->places);
	free(ld->route_xy);
	free(ld->route_at);
	free(ld->data_dir);
	free(ld->proj);
	free(ld);
}

struct map_layer *
load_layers(struct load *ld, size_t *n)
{
	*n = ld->nlayers;
	return ld->layers;
}

struct places *
load_places(const struct load *ld)
{
	return ld->places;
}

struct timeline *
load_timeline(const struct load *ld)
{
	return ld->tl;
}

int
load_bundled(const struct load *ld)
{
	return ld->default_layers;
}

void
load_home(const struct load *ld, struct geo_bbox *b)
{
	*b = ld->home;
}

const struct geo_pt *
load_route(const struct load *ld, const struct event *ev, size_t *n)
{
	const struct route *rt;
	size_t r;

	*n = 0;
	if (ld->route_xy == NULL || (rt = timeline_route(ld->tl, ev)) == NULL)
		return NULL;
	r = (size_t)(rt - ld->tl->routes);
	*n = ld->route_at[r + 1] - ld->route_at[r];
	return ld->route_xy + ld->route_at[r];
}

void
load_ready(struct load *ld, double units_per_px)
{
	size_t i;

	for (i = 0; i < ld->nlayers; i++) {
		char *cause = NULL;

		/* PROJ is loaded already: the coarsest levels were projected */
		if (ld->layers[i].visible &&
		    make_ready(ld, ld->layers[i].geo, units_per_px, &cause) != 0)
			free(cause);
	}
}

int
load_project(struct load *ld, struct geo_pt *pts, size_t n, char **cause)
{
	struct prj *prj;

	if ((prj = prj_pool_get(ld->pool, cause)) == NULL)
		return -1;
	return prj_fwd(prj, pts, n) == n ? 0 : 1;
}

int
load_unproject(struct load *ld, struct geo_pt *pts, size_t n, char **cause)
{
	struct prj *prj;

	if ((prj = prj_pool_get(ld->pool, cause)) == NULL)
		return -1;
	return prj_inv(prj, pts, n) == 0 ? 0 : 1;
}
