/*
 * load.c: the files a run reads, and their projection. First the scenario
 * (--scenario DIR, else data/scenario.conf: Mali) and its data, or the
 * data of --events and --places, in lon/lat; data the default scenario's
 * home view does not hold gets the world's layers instead, cut to the
 * region around it, a projection fitted to it and its extent as the home
 * view (fit.c). Then the layers and the data are projected. A layer comes
 * from the cache (projected: the levels of detail its entry holds) or from
 * its file, a shapefile or GeoJSON (layerfile.c chooses the reader), in
 * lon/lat, cut as the scenario says: then only its coarsest level is
 * projected at start (it frames the view), and each finer one when a frame
 * first needs it. A layer from the cache that lacks a level reads its file
 * again (and cuts it again), keeps the levels the entry had, and projects
 * the one missing. Whatever was projected is written to the cache once the
 * frame that needed it is ready: an entry grows with the levels that
 * frames draw. Places and routes are projected or taken from the cache
 * likewise. PROJ is asked for only when something misses the cache, and
 * loads in a thread while the layer files are read (prj_pool_start()).
 */
#include "load.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cache.h"
#include "fit.h"
#include "import.h"
#include "instream.h"
#include "label.h"
#include "layerfile.h"
#include "prj.h"
#include "scenario.h"
#include "shp.h"
#include "text.h"
#include "util.h"

#define MAX_LAYERS	64

struct load {
	/* where an export's parse puts its text and events: read until its timeline is freed */
	struct arena_rooms rooms;
	char		*data_dir;
	char		*proj;		/* the projection definition in use */
	struct prj_pool	*pool;		/* the projection, made when something needs it */
	struct map_layer layers[MAX_LAYERS];
	struct layer_src {
		char	*path;		/* as given: its files are read again for a level */
		char	*key;		/* of its cache entry; NULL: no cache */
		char	*what;		/* what is kept of the file (layerfile_cache_key()) */
		const struct geo_bbox *region;	/* cut to it; NULL: not cut */
		int	 towns;		/* a layer of towns (town_layer()) */
		int	 boxed;		/* polygons cut to their box: no border along it */
		int	 countries;	/* SCENARIO_IN, _OUT: filtered by field; 0: not */
		char	*field;
		int	 dirty;		/* projected beyond what its entry holds */
		int	 unreadable;	/* read again, and failed: not tried again */
	}		 src[MAX_LAYERS];
	int		 loaded;	/* load_new() succeeded: its work may be saved */
	size_t		 nlayers;
	int		 default_layers;
	size_t		 home_layer;	/* the default layers' framing: Mali's outline */
	struct places	*places;
	struct timeline	*tl;
	struct mark_groups *groups;	/* the places' sites: from the events cache, or made */
	uint32_t	*place_events;	/* per place: its events (place_events()) */
	struct geo_pt	*route_xy;	/* every route's geodesic, projected */
	size_t		*route_at;	/* route r is route_xy[route_at[r] .. route_at[r + 1]) */
	struct geo_bbox	 home;		/* what "reset the view" shows, metres */
	struct scenario	*sc;		/* what the view is of: its layers, home, title */
	int		 own_data;	/* the data is the scenario's, or inside its home */
	char		*events_path, *places_path;	/* the data's files (cache keys) */
	int		 imported;	/* the places came with the events (ACLED, UCDP) */
	unsigned char	*keep;		/* per place: inside the data's extent (fit.h) */
	size_t		 nkept;
	struct geo_bbox	 extent;	/* of the located places, lon/lat */
	int		 have_region;
	struct geo_bbox	 region;	/* lon/lat: the world layers are cut to it */
	struct geo_bbox	 bounds;	/* the region, metres: the view zooms out no further */
	char		*title;		/* NULL: none */
	unsigned char	 towns_layer[MAX_LAYERS];	/* a layer of labelled towns */
	int		 nmaps_given;	/* --map: the user's layers frame the view */
	struct strmap	*matched;	/* the data's countries, by the world layers' names */
	size_t		 nmatched;
	char		*matched_list;	/* "Chad|Sudan": for the cache keys */
	char		**matched_names;	/* what matched's keys point into */
	size_t		 nmatched_names;
	size_t		 off_places, off_events;	/* located, outside the home view */
	unsigned char	*off;		/* per place: 1 if it is one of those */
	double		 off_zoom;	/* the --zoom that shows them */
};

/* 1 if a point lon/lat lies in the region, a longitude wrapped by 360 degrees or not. */
static int
in_region(const struct geo_pt *pt, const struct geo_bbox *r)
{
	return pt->y >= r->y0 && pt->y <= r->y1 && ((pt->x >= r->x0 && pt->x <= r->x1) ||
	    (pt->x + 360 >= r->x0 && pt->x + 360 <= r->x1) ||
	    (pt->x - 360 >= r->x0 && pt->x - 360 <= r->x1));
}

/*
 * Cuts a layer lon/lat to the region: the world's, around a view of one
 * country. Points outside it go. A line or a ring keeps its runs of
 * vertices inside and one vertex beyond each end, so that what crosses the
 * region's edge is still drawn up to it; each run is a part of its own
 * (rings are only drawn, never filled). A shape with nothing left goes; if
 * nothing at all is left, the first shape stays whole, so that no layer is
 * empty.
 */
static void
cut_layer(struct geo_layer *l, const struct geo_bbox *region)
{
	unsigned char *keep = xcalloc(l->nshapes + 1, 1);
	struct geo_pt *pts;
	uint32_t *parts;
	size_t s, n = 0, np = 0, nv = 0, cap = l->nparts + 1, p, i;

	if (l->kind == GEO_POINT) {
		for (s = 0; s < l->nshapes; s++)
			n += keep[s] = (unsigned char)(l->shapes[s].nparts > 0 &&
			    in_region(&l->pts[l->parts[l->shapes[s].first_part]], region));
		goto cut;
	}
	pts = xcalloc(l->npts + 1, sizeof *pts);
	parts = xcalloc(cap + 1, sizeof *parts);
	for (s = 0; s < l->nshapes; s++) {
		struct geo_shape *sh = &l->shapes[s];
		size_t first = np;

		for (p = sh->first_part; p < (size_t)sh->first_part + sh->nparts; p++) {
			size_t a = l->parts[p], b = l->parts[p + 1], run = 0;

			for (i = a; i < b; i++) {
				int in = in_region(&l->pts[i], region) || (i > a &&
				    in_region(&l->pts[i - 1], region)) || (i + 1 < b &&
				    in_region(&l->pts[i + 1], region));

				if (in) {
					if (run == 0) {
						if (np + 1 >= cap) {
							cap *= 2;
							parts = xreallocarray(parts, cap + 1, sizeof *parts);
						}
						parts[np++] = (uint32_t)nv;
					}
					pts[nv++] = l->pts[i];
					run++;
				}
				if (!in || i + 1 == b) {
					/* a lone vertex draws nothing */
					if (run == 1) {
						np--;
						nv--;
					}
					run = 0;
				}
			}
		}
		sh->first_part = (uint32_t)first;
		sh->nparts = (uint32_t)(np - first);
		n += keep[s] = np > first;
	}
	parts[np] = (uint32_t)nv;
	if (n == 0) {
		free(pts);
		free(parts);
		memset(keep, 0, l->nshapes);
		goto cut;
	}
	free(l->pts);
	free(l->parts);
	l->pts = pts;
	l->parts = parts;
	l->npts = nv;
	l->nparts = np;
cut:
	if (n == 0 && l->nshapes > 0)
		keep[0] = 1;
	geo_layer_cut(l, keep);
	free(keep);
}

/* A town's rank: capitals first (GeoNames' fcode PPLC), then by population, then file order. */
struct town_rank {
	int		 capital;
	long		 population;
	size_t		 shape;
};

static int
by_rank(const void *a, const void *b)
{
	const struct town_rank *x = a, *y = b;

	if (x->capital != y->capital)
		return y->capital - x->capital;
	if (x->population != y->population)
		return x->population > y->population ? -1 : 1;
	return x->shape < y->shape ? -1 : x->shape > y->shape;
}

/*
 * A layer of towns, as the map offers them labels: its points in the
 * order of their rank, each with the fields its label needs (name,
 * name_ascii, fcode). Done once, before the cache: a warm frame reads the
 * towns in order and sorts nothing.
 */
static void
town_layer(struct geo_layer *l)
{
	static const char *const want[] = { "name", "name_ascii", "fcode" };
	int f[3], k, m = 0, fpop = geo_layer_field(l, "population"), fcode;
	struct town_rank *r;
	struct geo_pt *pts;
	char **fields, **attrs;
	size_t s, n = l->nshapes;

	if (l->kind != GEO_POINT || l->attrs == NULL)
		return;
	fcode = geo_layer_field(l, "fcode");
	r = xcalloc(n + 1, sizeof *r);
	for (s = 0; s < n; s++) {
		r[s].capital = strcmp(geo_layer_attr(l, s, fcode), "PPLC") == 0;
		r[s].population = fpop >= 0 ? strtol(geo_layer_attr(l, s, fpop), NULL, 10) : 0;
		r[s].shape = s;
	}
	qsort(r, n, sizeof *r, by_rank);
	for (k = 0; k < 3; k++)
		if ((f[m] = geo_layer_field(l, want[k])) >= 0)
			m++;
	fields = xcalloc((size_t)m + 1, sizeof *fields);
	attrs = xcalloc(n * (size_t)m + 1, sizeof *attrs);
	pts = xcalloc(n + 1, sizeof *pts);
	for (k = 0; k < m; k++)
		fields[k] = xstrdup(l->fields[f[k]]);
	/* one point a town, in rank order: shape s is part s, vertex s */
	for (s = 0; s < n; s++) {
		const struct geo_shape *sh = &l->shapes[r[s].shape];

		pts[s] = sh->nparts > 0 ? l->pts[l->parts[sh->first_part]] :
		    (struct geo_pt){ NAN, NAN };
		for (k = 0; k < m; k++) {
			attrs[s * (size_t)m + (size_t)k] = l->attrs[r[s].shape * l->nfields +
			    (size_t)f[k]];
			l->attrs[r[s].shape * l->nfields + (size_t)f[k]] = NULL;
		}
	}
	for (s = 0; s < n * l->nfields; s++)
		free(l->attrs[s]);
	for (s = 0; s < l->nfields; s++)
		free(l->fields[s]);
	free(l->attrs);
	free(l->fields);
	free(l->pts);
	l->parts = xreallocarray(l->parts, n + 1, sizeof *l->parts);
	for (s = 0; s <= n; s++)
		l->parts[s] = (uint32_t)s;
	for (s = 0; s < n; s++) {
		l->shapes[s].first_part = (uint32_t)s;
		l->shapes[s].nparts = 1;
	}
	l->pts = pts;
	l->npts = n;
	l->nparts = n;
	l->attrs = attrs;
	l->fields = fields;
	l->nfields = (size_t)m;
	geo_layer_update_bbox(l);
	free(r);
}

/*
 * Keeps the shapes whose country (field) is one of the data's (in) or is
 * not (!in); all of them if that would leave none.
 */
static void
filter_countries(struct load *ld, struct geo_layer *l, const char *field, int in)
{
	unsigned char *keep = xcalloc(l->nshapes + 1, 1);
	int f = geo_layer_field(l, field);
	size_t s, n = 0;

	for (s = 0; f >= 0 && s < l->nshapes; s++) {
		const char *v = geo_layer_attr(l, s, f);

		n += keep[s] = (unsigned char)((strmap_get(ld->matched, v, strlen(v)) >= 0) == in);
	}
	if (n > 0)
		geo_layer_cut(l, keep);
	free(keep);
}

/* The key of the cache entry of layer i; NULL when there is no cache. */
static char *
layer_key(const struct load *ld, size_t i)
{
	return layerfile_cache_key(ld->src[i].path, ld->src[i].what, ld->proj);
}

static void
src_clear(struct layer_src *src)
{
	free(src->path);
	free(src->key);
	free(src->what);
	free(src->field);
	memset(src, 0, sizeof *src);
}

/*
 * Layer i read from its file and cut as ld->src[i] says, broken, in
 * lon/lat, nothing projected; NULL with *cause. The same every time: a
 * cache entry's levels fit the layer read again.
 */
static struct geo_layer *
read_layer(struct load *ld, size_t i, char **cause)
{
	const struct layer_src *src = &ld->src[i];
	struct geo_layer *l;

	if ((l = layerfile_load(src->path, cause)) == NULL)
		return NULL;
	if (src->countries)
		filter_countries(ld, l, src->field, src->countries == SCENARIO_IN);
	if (src->region != NULL)
		cut_layer(l, src->region);
	if (src->towns)
		town_layer(l);
	if (l->kind != GEO_POINT) {
		struct geo_bbox box = l->bbox;

		geo_layer_break(l, l->kind == GEO_POLY && src->boxed ? &box : NULL);
	}
	l->in_degrees = 1;
	l->nlod = l->kind == GEO_POINT ? 0 : GEO_NLOD;
	return l;
}

/*
 * Replaces layer i, made from its cache entry, by its file read again:
 * a level the entry lacks is built from the lon/lat points, which an entry
 * does not hold. The levels the entry has are kept, unless the files have
 * changed since it was looked up.
 */
static int
reread_layer(struct load *ld, size_t i, char **cause)
{
	struct layer_src *src = &ld->src[i];
	struct geo_layer *old = ld->layers[i].geo, *l;
	char *key;

	/* a frame after another must not read a broken file again */
	if (src->unreadable) {
		xasprintf(cause, "%s: could not be read again", old->path);
		return -1;
	}
	prj_pool_start(ld->pool);
	key = layer_key(ld, i);
	if ((l = read_layer(ld, i, cause)) == NULL) {
		src->unreadable = 1;
		free(key);
		return -1;
	}
	if (key != NULL && src->key != NULL && strcmp(key, src->key) == 0)
		(void)geo_layer_adopt(l, old);	/* else every level is projected anew */
	free(src->key);
	src->key = key;
	if (ld->layers[i].title == old->name)
		ld->layers[i].title = l->name;
	ld->layers[i].geo = l;
	geo_layer_free(old);
	return 0;
}

static int make_ready(struct load *, size_t, double, char **);

/*
 * Builds and projects level k of layer i (k < 0: every vertex) unless it
 * is ready or turns out absent. Levels are built from the points in
 * lon/lat: before those are projected in place, every level is built.
 */
static int
project_level(struct load *ld, size_t i, int k, char **cause)
{
	struct geo_layer *l = ld->layers[i].geo;
	int j;

	if (geo_layer_level_ready(l, k) || (k >= 0 && l->lod[k].absent))
		return 0;
	if (l->store.block != NULL) {
		if (reread_layer(ld, i, cause) != 0)
			return -1;
		/* the coarsest level first: it sets the layer's extent and scale */
		l = ld->layers[i].geo;
		if (make_ready(ld, i, -1, cause) != 0)
			return -1;
		if (geo_layer_level_ready(l, k) || (k >= 0 && l->lod[k].absent))
			return 0;
	}
	/* built while PROJ may still be loading: it needs no projection */
	for (j = k < 0 ? 0 : k; j < (k < 0 ? l->nlod : k + 1); j++)
		if (l->lod[j].pts == NULL && !l->lod[j].absent)
			geo_layer_build_level(l, j);
	ld->src[i].dirty = 1;
	if (k >= 0 && l->lod[k].absent)
		return 0;
	if (prj_pool_get(ld->pool, cause) == NULL)
		return -1;
	if (k < 0)
		prj_pool_fwd(ld->pool, l->pts, l->npts);
	else
		prj_pool_fwd(ld->pool, l->lod[k].pts, l->lod[k].npts);
	geo_lod_projected(l, k);
	return 0;
}

static int
add_layer(struct load *ld, const char *path, enum style style, const char *title,
    const struct geo_bbox *region, int towns, int countries, const char *field,
    char **cause)
{
	struct layer_src *src = &ld->src[ld->nlayers];
	struct geo_layer *l;

	if (ld->nlayers == MAX_LAYERS) {
		xasprintf(cause, "%s: too many layers (at most %d)", path, MAX_LAYERS);
		return -1;
	}
	src->path = xstrdup(path);
	src->region = region;
	src->towns = towns;
	/*
	 * Neighbouring countries come cut to a box, whose sides are no border;
	 * any other layer's sides are its own (a rectangle, a meridian border).
	 */
	src->boxed = style == STYLE_NEIGHBOUR;
	src->countries = countries;
	src->field = countries ? xstrdup(field) : NULL;
	/* what the layer keeps of the file is part of its key */
	if (region != NULL)
		xasprintf(&src->what, "%s cut to %g %g %g %g%s%s%s%s", towns ? " of towns" : "",
		    region->x0, region->y0, region->x1, region->y1,
		    countries ? " where " : "", countries ? field : "",
		    countries == SCENARIO_IN ? " in " : countries ? " not in " : "",
		    countries ? ld->matched_list : "");
	else
		xasprintf(&src->what, "%s", towns ? " of towns" : "");
	/* an entry of before, broken along its box, does not match */
	if (!src->boxed) {
		char *w;

		xasprintf(&w, "%s with its sides", src->what);
		free(src->what);
		src->what = w;
	}
	src->key = layer_key(ld, ld->nlayers);
	if ((l = cache_get_layer(src->key)) != NULL) {
		free(l->path);
		l->path = text_sanitize(path, strlen(path), 4096);
	} else {
		prj_pool_start(ld->pool);
		/* projected by project_layers() */
		if ((l = read_layer(ld, ld->nlayers, cause)) == NULL) {
			src_clear(src);
			return -1;
		}
	}
	ld->layers[ld->nlayers].geo = l;
	ld->layers[ld->nlayers].style = style;
	ld->layers[ld->nlayers].visible = 1;
	ld->layers[ld->nlayers].title = title ? title : l->name;
	ld->nlayers++;
	return 0;
}

/*
 * Makes the level of layer i drawn at units_per_px (< 0: the coarsest)
 * ready: a level built and found absent moves the choice to a finer one.
 */
static int
make_ready(struct load *ld, size_t i, double units_per_px, char **cause)
{
	const struct geo_layer *l;
	int k;

	while (l = ld->layers[i].geo, !geo_layer_level_ready(l, k = units_per_px < 0 ?
	    geo_layer_coarsest(l) : geo_layer_level(l, units_per_px)))
		if (project_level(ld, i, k, cause) != 0)
			return -1;
	return 0;
}

/* Projects the coarsest level of every layer read from its file: it frames the view. */
static int
project_layers(struct load *ld, char **cause)
{
	size_t i;

	for (i = 0; i < ld->nlayers; i++)
		if (make_ready(ld, i, -1, cause) != 0)
			return -1;
	return 0;
}

/* Writes the cache entry of every layer projected beyond what its entry holds. */
static void
save_layers(struct load *ld)
{
	size_t i;

	for (i = 0; i < ld->nlayers; i++) {
		if (!ld->src[i].dirty)
			continue;
		cache_put_layer(ld->src[i].key, ld->layers[i].geo);
		ld->src[i].dirty = 0;
	}
	/* what was written (places and routes too) is kept, the least used goes */
	cache_trim();
}

static char *
data_path(const struct load *ld, const char *rel)
{
	char *p;

	xasprintf(&p, "%s/%s", ld->data_dir, rel);
	return p;
}

/* 1 if a layer's path names the home layer: its file stem. */
static int
is_home_layer(const char *path, const char *stem)
{
	const char *base = strrchr(path, '/');

	base = base != NULL ? base + 1 : path;
	return strlen(stem) == strcspn(base, ".") && strncmp(base, stem, strlen(stem)) == 0;
}

/* The scenario's layers, bottom first; the world's cut to the region around the view. */
static int
load_scenario_layers(struct load *ld, char **cause)
{
	const struct scenario *sc = ld->sc;
	size_t i;

	for (i = 0; i < sc->nlayers; i++) {
		const struct scenario_layer *sl = &sc->layers[i];
		int countries = ld->nmatched > 0 ? sl->countries : 0;
		enum style st = sl->style;

		/* the data's countries unknown: every country a country, not a neighbour */
		if (sl->countries && ld->nmatched == 0 && sl->countries == SCENARIO_IN &&
		    strcmp(sl->field, "name") == 0)
			continue;
		if (sl->countries == SCENARIO_OUT && ld->nmatched == 0)
			st = STYLE_BORDER;
		if (add_layer(ld, sl->path, st, ld->nmatched == 0 && sl->countries ==
		    SCENARIO_OUT ? "countries" : sl->title, sl->cut && ld->have_region ?
		    &ld->region : NULL, sl->towns, countries, sl->field, cause) != 0)
			return -1;
		ld->towns_layer[ld->nlayers - 1] = (unsigned char)sl->towns;
		ld->layers[ld->nlayers - 1].towns = sl->towns;
		if (sc->home == SCENARIO_HOME_LAYER && is_home_layer(sl->path, sc->home_layer))
			ld->home_layer = ld->nlayers - 1;
	}
	return 0;
}

/*
 * The home view lon/lat before anything is projected: the data's extent,
 * a layer's box (its .shp header) or the scenario's box. 0 if unknown.
 */
static int
home_lonlat(const struct load *ld, struct geo_bbox *b)
{
	const struct scenario *sc = ld->sc;
	size_t i;

	switch (sc->home) {
	case SCENARIO_HOME_BOX:
		*b = sc->home_box;
		return 1;
	case SCENARIO_HOME_LAYER:
		for (i = 0; i < sc->nlayers; i++)
			if (is_home_layer(sc->layers[i].path, sc->home_layer))
				return layerfile_peek_bbox(sc->layers[i].path, b) == 0;
		return 0;
	case SCENARIO_HOME_DATA:
		break;
	}
	*b = ld->extent;
	return ld->nkept > 0;
}

/*
 * The projection: the user's; the scenario's (Mali's LCC for the default
 * one); else fitted to the home view (fit.h); for --map files, a world
 * projection when their headers span more than a region.
 */
static const char *
choose_projection(const struct load_options *o, const struct load *ld, char *buf, size_t len)
{
	struct geo_bbox b, one;
	struct fit_proj fp;
	size_t i;

	if (o->proj != NULL)
		return o->proj;
	if (o->nmaps == 0 && ld->sc->proj != NULL)
		return ld->sc->proj;
	if (o->nmaps == 0) {
		if (!home_lonlat(ld, &b)) {
			b.x0 = -180, b.x1 = 180;
			b.y0 = -90, b.y1 = 90;
		}
		fit_projection(&b, &fp, buf, len);
		return buf;
	}
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
 * The events cache's key for an export at path read as fmt: NULL for
 * standard input, a pipe, or with the cache off. The format is in it:
 * --format changes what the same bytes load as.
 */
static char *
events_key(const char *path, int fmt)
{
	char kind[32];

	if (strcmp(path, "-") == 0)
		return NULL;
	snprintf(kind, sizeof kind, "events-%d", fmt);
	return cache_key(kind, "", &path, 1);
}

/*
 * Progress on standard error while events are read (and an export cached),
 * once it has taken half a second: a million rows take seconds, ten
 * million a minute, and a blank terminal all that time looks hung. A
 * thread shows it, four times a second, from the stream's counters.
 */
struct progress {
	pthread_mutex_t		 lock;
	pthread_cond_t		 wake;
	pthread_t		 thread;
	int			 running, stop, writing;
	const struct instream	*s;
	const char		*name;
};

static void
after_ms(struct timespec *t, long ms)
{
	t->tv_sec += ms / 1000;
	t->tv_nsec += ms % 1000 * 1000000L;
	if (t->tv_nsec >= 1000000000L) {
		t->tv_sec++;
		t->tv_nsec -= 1000000000L;
	}
}

static void *
progress_main(void *arg)
{
	struct progress *p = arg;
	struct timespec at;
	char line[256];

	clock_gettime(CLOCK_REALTIME, &at);
	after_ms(&at, 500);
	pthread_mutex_lock(&p->lock);
	while (!p->stop) {
		uint64_t done, total, out;

		if (pthread_cond_timedwait(&p->wake, &p->lock, &at) != ETIMEDOUT || p->stop)
			continue;
		instream_progress(p->s, &done, &total, &out);
		if (p->writing)
			snprintf(line, sizeof line, "%s: writing its cache entry", p->name);
		else if (total > 0)
			snprintf(line, sizeof line, "reading %s: %d%% (%.0f of %.0f MB)", p->name,
			    (int)(done >= total ? 100 : done * 100 / total), done / 1e6,
			    total / 1e6);
		else
			snprintf(line, sizeof line, "reading %s: %.0f MB", p->name, out / 1e6);
		pthread_mutex_unlock(&p->lock);
		text_status(line);
		pthread_mutex_lock(&p->lock);
		after_ms(&at, 250);
	}
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

static void
progress_start(struct progress *p, const struct instream *s)
{
	memset(p, 0, sizeof *p);
	if (!isatty(STDERR_FILENO))
		return;
	p->s = s;
	p->name = instream_name(s);
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->wake, NULL);
	p->running = pthread_create(&p->thread, NULL, progress_main, p) == 0;
}

static void
progress_writing(struct progress *p)
{
	if (!p->running)
		return;
	pthread_mutex_lock(&p->lock);
	p->writing = 1;
	pthread_mutex_unlock(&p->lock);
}

/* Stops the thread and erases the line: before any message about the load. */
static void
progress_end(struct progress *p)
{
	if (!p->running)
		return;
	pthread_mutex_lock(&p->lock);
	p->stop = 1;
	pthread_cond_signal(&p->wake);
	pthread_mutex_unlock(&p->lock);
	pthread_join(p->thread, NULL);
	pthread_mutex_destroy(&p->lock);
	pthread_cond_destroy(&p->wake);
	p->running = 0;
	text_status(NULL);
}

/*
 * An export from its events cache entry: 0 with ld->places and ld->tl set,
 * or -1 (none, or one not trusted: then the caller rebuilds it, and says so
 * on standard error if there was one, since a rebuild of a large export
 * takes as long as a first run).
 */
static int
events_from_cache(struct load *ld, const char *key, const char *path, int quiet)
{
	size_t map_len, off, len;
	char *map;
	int foreign;
	void *at = (void *)TIMELINE_IMAGE_BASE;

#if defined(__SANITIZE_THREAD__)
	at = NULL;	/* ThreadSanitizer's shadow lies there: mapped anywhere, copied */
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
	at = NULL;
#endif
#endif
	if ((map = cache_map(key, at, &map_len, &off, &len)) == NULL) {
		if (!quiet && cache_entry_exists(key))
			text_error("%s: events cache entry unreadable (truncated, corrupt or "
			    "from another version): rebuilt", path);
		return -1;
	}
	/* asked first: a failed read unmaps the entry */
	foreign = timeline_image_foreign(map + off, len);
	if (timeline_image_read(map, map_len, 1, off, len, &ld->places, &ld->tl) != 0) {
		if (quiet)
			;
		else if (foreign)
			text_error("%s: events cache entry written by another version: rebuilt",
			    path);
		else
			text_error("%s: events cache entry inconsistent (truncated or corrupt): "
			    "rebuilt", path);
		return -1;
	}
	/* checksummed with the image; groups of older rules are made again (load_groups()) */
	{
		size_t nw;
		const uint64_t *w = timeline_image_extra(ld->tl, &nw);

		ld->groups = mark_groups_from_words(ld->places, w, nw);
	}
	return 0;
}

/*
 * The image, and with it the places' groups: grouping the 91,600 places of
 * the 2.7M-row export took a third of a warm start's CPU.
 */
static int
events_to_cache(struct cache_out *c, const char *key, struct load *ld)
{
	uint64_t *w;
	size_t nw;
	int r;

	if (c == NULL)
		return -1;
	w = mark_groups_words(load_groups(ld), ld->places->n, &nw);
	r = timeline_image_write(ld->tl, ld->places, w, nw, cache_body_offset(key),
	    cache_body_used(c), cache_write, c);
	free(w);
	if (r != 0) {
		cache_abandon(c);
		timeline_image_undo(ld->tl);
		return -1;
	}
	if ((r = cache_commit(c)) != 0)
		timeline_image_undo(ld->tl);
	return r;
}

/*
 * Once its entry is written, the export as a later run sees it: mapped from
 * the entry, the parsed copy freed. The 2.7M-row export held 1.2 GB of heap
 * for the whole session after a first open; a warm one holds a third of
 * that, in pages the kernel can drop. If the entry cannot be mapped again
 * (another run replaced it since), the parsed copy stays.
 */
static void
events_from_written(struct load *ld, const char *key, const char *path)
{
	struct places *places = ld->places;
	struct timeline *tl = ld->tl;
	struct mark_groups *groups = ld->groups;

	ld->places = NULL;
	ld->tl = NULL;
	ld->groups = NULL;
	if (events_from_cache(ld, key, path, 1) != 0) {
		timeline_free(ld->tl);
		places_free(ld->places);
		ld->places = places;
		ld->tl = tl;
		ld->groups = groups;
		timeline_image_undo(tl);
		return;
	}
	mark_groups_free(groups);
	timeline_free(tl);
	places_free(places);
#ifdef __GLIBC__
	/* the parse's small strings and the parallel blocks' malloc arenas: freed, not given back */
	malloc_trim(0);
#endif
}

/*
 * Places and events, lon/lat: sitmap's two CSV files, or an ACLED or UCDP
 * export (detected from the start of the input, or named by --format) that
 * brings its own places, one per location. The files are the command
 * line's, else the scenario's. Each input is opened once and read once,
 * through instream: a pipe, a FIFO, "-" (standard input), gzip and zip are
 * read as a file is, and nothing is stat()ed apart from it. The detection
 * peeks at the decoded start, which the load then reads again from the
 * stream's buffer. An export whose events cache entry is good is mapped
 * from it instead. They are projected later (project_data()), once the
 * projection is fitted to them.
 */
static int
load_events(struct load *ld, const struct load_options *o, char **cause)
{
	char *events = xstrdup(o->events_path ? o->events_path : ld->sc->events);
	const char *places;
	struct import_kind kind;
	struct progress progress = { .running = 0 };
	struct instream *s;
	char *ckey = NULL;
	int r = -1;

	if (o->places_path != NULL && strcmp(o->places_path, "-") == 0 &&
	    strcmp(events, "-") == 0) {
		xasprintf(cause, "--events - and --places -: standard input can be read once, "
		    "for one of them");
		free(events);
		return -1;
	}
	/* "-" has no identity for a cache key: it would name a file "-" */
	ld->events_path = strcmp(events, "-") == 0 ? NULL : xstrdup(events);
	/* before the file is read: a change while it is read makes the key stale, not wrong */
	ckey = events_key(events, o->format);
	if (ckey != NULL && events_from_cache(ld, ckey, events, 0) == 0) {
		/* only an export is cached: its places came with it */
		s = NULL;
		ld->imported = 1;
		r = 0;
		goto out;
	}
	if ((s = instream_open(events, INSTREAM_MMAP, cause)) == NULL ||
	    import_peek(s, o->format, &kind, cause) != 0)
		goto out;
	progress_start(&progress, s);
	if (kind.format != IMPORT_SITMAP) {
		/* the entry is begun first: the events' text is parsed into it */
		struct cache_out *c = cache_begin(ckey);

		ld->rooms = (struct arena_rooms){ cache_room, c, cache_scratch,
		    cache_scratch_drop };
		kind.rooms = c != NULL ? &ld->rooms : NULL;
		ld->imported = 1;
		if (import_load_stream(s, &kind, &ld->places, &ld->tl, cause) < 0) {
			cache_abandon(c);
			goto out;
		}
		progress_writing(&progress);
		if (events_to_cache(c, ckey, ld) == 0)
			events_from_written(ld, ckey, events);
		r = 0;
		goto out;
	}
	if (o->places_path == NULL && ld->sc->places == NULL) {
		xasprintf(cause, "%s: no places: sitmap's events need a places.csv",
		    ld->sc->path);
		goto out;
	}
	places = o->places_path ? o->places_path : ld->sc->places;
	ld->places_path = strcmp(places, "-") == 0 ? NULL : xstrdup(places);
	if ((ld->places = places_load(places, cause)) != NULL &&
	    (ld->tl = timeline_load_stream(s, ld->places, kind.delim, 0, cause)) != NULL)
		r = 0;
out:
	progress_end(&progress);
	instream_close(s);
	free(ckey);
	free(events);
	return r;
}

/* The places' projection, and the routes' of sitmap's events. */
static int
project_data(struct load *ld, char **cause)
{
	if (ld->imported)
		return project_places(ld, ld->events_path, cause);
	return project_places(ld, ld->places_path, cause) != 0 ||
	    project_routes(ld, ld->events_path, ld->places_path, cause) != 0 ? -1 : 0;
}

/*
 * The scenario: --scenario DIR, else the default, data/scenario.conf (the
 * bundled Mali data).
 */
static int
load_scenario(struct load *ld, const struct load_options *o, char **cause)
{
	char *dir;

	if (o->scenario_dir != NULL) {
		ld->sc = scenario_load(o->scenario_dir, ld->data_dir, cause);
		return ld->sc != NULL ? 0 : -1;
	}
	dir = data_path(ld, "data");
	ld->sc = scenario_load(dir, ld->data_dir, cause);
	free(dir);
	return ld->sc != NULL ? 0 : -1;
}

/* The margin of the default's home that data may touch and still be held by it. */
#define FRAME_MARGIN	0.02

/*
 * The data's extent (fit_extent()); and the world's layers and a fitted
 * view instead of the default scenario's when data given on the command
 * line lies outside its home view (Mali's). With world layers, the region
 * they are cut to: the home view grown (fit_region()), rounded out to
 * whole multiples of 5 degrees so that exports of one country share it.
 */
static void
fit_data(struct load *ld, const struct load_options *o)
{
	struct geo_pt *ll = xcalloc(ld->places->n + 1, sizeof *ll);
	struct geo_bbox frame, home;
	size_t i;

	for (i = 0; i < ld->places->n; i++) {
		const struct place *p = &ld->places->v[i];

		ll[i].x = p->unlocated ? NAN : p->lon_deg;
		ll[i].y = p->unlocated ? NAN : p->lat_deg;
	}
	ld->keep = xcalloc(ld->places->n + 1, 1);
	ld->nkept = fit_extent(ll, ld->places->n, &ld->extent, ld->keep);
	free(ll);
	ld->own_data = o->events_path == NULL && o->places_path == NULL;
	if (!ld->own_data && ld->nkept > 0 && ld->sc->home != SCENARIO_HOME_DATA &&
	    home_lonlat(ld, &frame)) {
		double mx = (frame.x1 - frame.x0) * FRAME_MARGIN, my = (frame.y1 - frame.y0) *
		    FRAME_MARGIN;

		frame.x0 -= mx, frame.x1 += mx;
		frame.y0 -= my, frame.y1 += my;
		ld->own_data = fit_inside(&ld->extent, &frame);
	}
	if (o->scenario_dir == NULL && !ld->own_data && ld->nkept > 0) {
		scenario_free(ld->sc);
		ld->sc = scenario_world(ld->data_dir);
	}
	if (ld->sc->world && o->nmaps == 0 && home_lonlat(ld, &home)) {
		fit_region(&home, &ld->region);
		ld->region.x0 = floor(ld->region.x0 / 5) * 5;
		ld->region.y0 = floor(ld->region.y0 / 5) * 5;
		ld->region.x1 = ceil(ld->region.x1 / 5) * 5;
		ld->region.y1 = ceil(ld->region.y1 / 5) * 5;
		ld->have_region = ld->region.x1 - ld->region.x0 < 360 ||
		    ld->region.y0 > -90 || ld->region.y1 < 90;
	}
}

/*
 * Events per place, counted once for the title and the strays: from the
 * events' packed places (4 bytes an event) when there are, not the events
 * themselves (88). An aggregate's rows count their events (sums held at
 * UINT32_MAX).
 */
static const uint32_t *
place_events(struct load *ld)
{
	const struct timeline *tl = ld->tl;
	size_t i, n = ld->places->n;
	uint32_t *c;

	if (ld->place_events != NULL)
		return ld->place_events;
	c = ld->place_events = xcalloc(n + 1, sizeof *c);
	if (tl->event_place != NULL && tl->event_weight != NULL) {
		for (i = 0; i < tl->nevents; i++)
			if (tl->event_place[i] < n)
				c[tl->event_place[i]] = c[tl->event_place[i]] >
				    UINT32_MAX - tl->event_weight[i] ? UINT32_MAX :
				    c[tl->event_place[i]] + tl->event_weight[i];
	} else if (tl->event_place != NULL) {
		for (i = 0; i < tl->nevents; i++)
			if (tl->event_place[i] < n)
				c[tl->event_place[i]]++;
	} else {
		for (i = 0; i < tl->nevents; i++)
			if (tl->events[i].place < n)
				c[tl->events[i].place]++;
	}
	return c;
}

struct country_count {
	size_t	 place;		/* one of its places: the name and region */
	size_t	 events;
};

/*
 * An aggregate's title, "aggregate: 12,345 events": the counts say what is
 * in it, not where (it names no country, and lying inside Mali's frame
 * makes it no more Mali's data than an export is).
 */
static char *
aggregate_title(const struct timeline *tl)
{
	char digits[32], num[48], *t;
	uint64_t total = 0;
	size_t i, n, o = 0;

	for (i = 0; i < tl->nevents; i++)
		total += tl->event_weight[i];
	n = (size_t)snprintf(digits, sizeof digits, "%" PRIu64, total);
	for (i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			num[o++] = ',';
		num[o++] = digits[i];
	}
	num[o] = '\0';
	xasprintf(&t, "aggregate: %s event%s", num, total == 1 ? "" : "s");
	return t;
}

/*
 * The title: a --scenario's own; else the countries the export names
 * (scenario_title()); else an aggregate's counts; else the scenario's when
 * the data is its own or lies inside its home view; else none.
 */
static void
make_title(struct load *ld, const struct load_options *o)
{
	struct strmap *idx = strmap_new();
	struct country_count *cc = xcalloc(ld->places->n + 1, sizeof *cc);
	struct scenario_country *c;
	size_t *of = xcalloc(ld->places->n + 1, sizeof *of), i, n = 0;
	char buf[256];

	for (i = 0; i < ld->places->n; i++) {
		const char *name = ld->places->v[i].country;
		long k;

		of[i] = (size_t)-1;
		if (name == NULL || name[0] == '\0')
			continue;
		if ((k = strmap_get(idx, name, strlen(name))) < 0) {
			strmap_put(idx, name, strlen(name), n);
			cc[n].place = i;
			k = (long)n++;
		}
		of[i] = (size_t)k;
	}
	{
		const uint32_t *per = place_events(ld);

		for (i = 0; i < ld->places->n; i++)
			if (of[i] != (size_t)-1)
				cc[of[i]].events += per[i];
	}
	c = xcalloc(n + 1, sizeof *c);
	for (i = 0; i < n; i++) {
		const struct place *p = &ld->places->v[cc[i].place];

		c[i].name = p->country;
		c[i].region = p->area != NULL ? p->area : "";
		c[i].events = cc[i].events;
	}
	if (o->scenario_dir != NULL && ld->sc->title != NULL)
		ld->title = xstrdup(ld->sc->title);
	else if (scenario_title(c, n, buf, sizeof buf) > 0)
		ld->title = xstrdup(buf);
	else if (ld->tl->event_weight != NULL)
		ld->title = aggregate_title(ld->tl);
	else if (ld->own_data && ld->sc->title != NULL)
		ld->title = xstrdup(ld->sc->title);
	free(c);
	free(cc);
	free(of);
	strmap_free(idx);
}

/* Points per side of a box lon/lat, projected as its outline. */
#define BOX_SIDE	16

/* A box lon/lat as the box of its projected outline, metres; from the cache like the places. */
static int
box_metres(struct load *ld, const struct geo_bbox *b, struct geo_bbox *out, char **cause)
{
	struct geo_pt pts[4 * BOX_SIDE];
	char *key, kind[128];
	struct prj *prj;
	size_t i, k;

	snprintf(kind, sizeof kind, "box %.17g %.17g %.17g %.17g", b->x0, b->y0, b->x1, b->y1);
	key = cache_key(kind, ld->proj, NULL, 0);
	if (cache_get_points(key, pts, 4 * BOX_SIDE) != 0) {
		if ((prj = prj_pool_get(ld->pool, cause)) == NULL) {
			free(key);
			return -1;
		}
		for (i = 0; i < BOX_SIDE; i++) {
			double t = (double)i / BOX_SIDE;

			k = 4 * i;
			pts[k].x = b->x0 + t * (b->x1 - b->x0), pts[k++].y = b->y0;
			pts[k].x = b->x1, pts[k++].y = b->y0 + t * (b->y1 - b->y0);
			pts[k].x = b->x1 - t * (b->x1 - b->x0), pts[k++].y = b->y1;
			pts[k].x = b->x0, pts[k].y = b->y1 - t * (b->y1 - b->y0);
		}
		prj_fwd(prj, pts, 4 * BOX_SIDE);
		cache_put_points(key, pts, 4 * BOX_SIDE);
	}
	free(key);
	geo_bbox_empty(out);
	for (i = 0; i < 4 * BOX_SIDE; i++)
		geo_bbox_add(out, pts[i].x, pts[i].y);
	return 0;
}

/* The least home view of data: a town's surroundings, not a street. */
#define HOME_MIN_M	50000.0

/*
 * What "reset the view" shows, metres: the --map files' extent; the
 * scenario's home layer (Mali's outline, not the neighbours around it nor
 * an overlay) or box; or the located places inside the data's extent (not
 * a stray). With world layers cut to a region, the view zooms out no
 * further than home grown by FIT_BOUNDS (fit.h), inside the region.
 */
static int
set_home(struct load *ld, char **cause)
{
	struct geo_bbox *h = &ld->home;
	double w, ht, g;
	size_t i;

	geo_bbox_empty(h);
	if (ld->nmaps_given) {
		for (i = 0; i < ld->nlayers; i++)
			geo_bbox_union(h, &ld->layers[i].geo->bbox);
	} else if (ld->sc->home == SCENARIO_HOME_LAYER) {
		geo_bbox_union(h, &ld->layers[ld->home_layer].geo->bbox);
	} else if (ld->sc->home == SCENARIO_HOME_BOX) {
		if (box_metres(ld, &ld->sc->home_box, h, cause) != 0)
			return -1;
	} else if (ld->nkept > 0) {
		for (i = 0; i < ld->places->n; i++)
			if (ld->keep[i])
				geo_bbox_add(h, ld->places->v[i].xy.x, ld->places->v[i].xy.y);
		if (h->x0 <= h->x1 && (g = HOME_MIN_M - (h->x1 - h->x0)) > 0)
			h->x0 -= g / 2, h->x1 += g / 2;
		if (h->x0 <= h->x1 && (g = HOME_MIN_M - (h->y1 - h->y0)) > 0)
			h->y0 -= g / 2, h->y1 += g / 2;
	} else {
		for (i = 0; i < ld->nlayers; i++)
			if (!ld->towns_layer[i])
				geo_bbox_union(h, &ld->layers[i].geo->bbox);
	}
	if (h->x0 > h->x1 && ld->places != NULL)
		for (i = 0; i < ld->places->n; i++)
			geo_bbox_add(h, ld->places->v[i].xy.x, ld->places->v[i].xy.y);
	if (ld->have_region && h->x0 < h->x1) {
		w = h->x1 - h->x0;
		ht = h->y1 - h->y0;
		g = FIT_BOUNDS * (w > ht ? w : ht);
		ld->bounds.x0 = h->x0 - g, ld->bounds.x1 = h->x1 + g;
		ld->bounds.y0 = h->y0 - g, ld->bounds.y1 = h->y1 + g;
	}
	return 0;
}

/*
 * Located places outside the home view (the strays fit_extent() left out,
 * or places a scenario's home leaves out), and their events; and the zoom
 * that would show every located place.
 */
static void
count_off_map(struct load *ld)
{
	struct geo_bbox all, h = ld->home;
	unsigned char *off = ld->off = xcalloc(ld->places->n + 1, 1);
	double w = h.x1 - h.x0, ht = h.y1 - h.y0, zx, zy;
	size_t i;

	if (!(w > 0 && ht > 0))
		return;
	geo_bbox_empty(&all);
	geo_bbox_union(&all, &h);
	for (i = 0; i < ld->places->n; i++) {
		const struct place *p = &ld->places->v[i];

		if (p->unlocated || isnan(p->xy.x) || isnan(p->xy.y))
			continue;
		/* a margin as the view's: what the view fitted to home shows */
		if (p->xy.x < h.x0 - w * FRAME_MARGIN || p->xy.x > h.x1 + w * FRAME_MARGIN ||
		    p->xy.y < h.y0 - ht * FRAME_MARGIN || p->xy.y > h.y1 + ht * FRAME_MARGIN) {
			off[i] = 1;
			ld->off_places++;
			geo_bbox_add(&all, p->xy.x, p->xy.y);
		}
	}
	{
		const uint32_t *per = place_events(ld);

		for (i = 0; i < ld->places->n; i++)
			if (off[i])
				ld->off_events += per[i];
	}
	/* the view is centred on home: zoomed out about its middle */
	zx = w / (2 * fmax(fabs(all.x0 - (h.x0 + h.x1) / 2), fabs(all.x1 - (h.x0 + h.x1) / 2)));
	zy = ht / (2 * fmax(fabs(all.y0 - (h.y0 + h.y1) / 2), fabs(all.y1 - (h.y0 + h.y1) / 2)));
	ld->off_zoom = fit_round_zoom(fmin(zx, zy) * (1 - 2 * FRAME_MARGIN));
}

static int
by_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * The countries the data names (ACLED's and UCDP's country column), as
 * the world layers name them: the names of the layer a scenario's country
 * filter reads that meet a data country by scenario_country_key().
 */
static void
match_countries(struct load *ld)
{
	struct strmap *want = strmap_new(), *raw = strmap_new();
	struct arena keys;
	char **names = NULL, **hit, key[256];
	const char *layer = NULL, *prev = NULL;
	size_t i, n, nhit = 0, used = 0, nwant = 0;

	memset(&keys, 0, sizeof keys);
	ld->matched = strmap_new();
	for (i = 0; i < ld->sc->nlayers && layer == NULL; i++)
		if (ld->sc->layers[i].countries && strcmp(ld->sc->layers[i].field, "name") == 0)
			layer = ld->sc->layers[i].path;
	for (i = 0; layer != NULL && i < ld->places->n; i++) {
		const char *c = ld->places->v[i].country;
		char *k;

		/* each name keyed once: 91,600 places name a few dozen countries */
		if (c == NULL || c[0] == '\0' || c == prev)
			continue;
		prev = c;
		if (strmap_get(raw, c, strlen(c)) >= 0)
			continue;
		strmap_put(raw, c, strlen(c), 0);
		scenario_country_key(c, key, sizeof key);
		if (strmap_get(want, key, strlen(key)) >= 0)
			continue;
		k = arena_alloc(&keys, strlen(key) + 1);
		memcpy(k, key, strlen(key) + 1);
		strmap_put(want, k, strlen(k), nwant++);
	}
	n = nwant > 0 ? shp_peek_column(layer, "name", &names) : 0;
	hit = xcalloc(n + 1, sizeof *hit);
	for (i = 0; i < n; i++) {
		scenario_country_key(names[i], key, sizeof key);
		if (strmap_get(want, key, strlen(key)) >= 0 &&
		    strmap_get(ld->matched, names[i], strlen(names[i])) < 0) {
			strmap_put(ld->matched, names[i], strlen(names[i]), nhit);
			hit[nhit++] = names[i];
		}
	}
	qsort(hit, nhit, sizeof *hit, by_str);
	for (i = 0; i < nhit; i++)
		used += strlen(hit[i]) + 1;
	ld->matched_list = xcalloc(used + 1, 1);
	for (i = 0; i < nhit; i++) {
		strcat(ld->matched_list, i > 0 ? "|" : "");
		strcat(ld->matched_list, hit[i]);
	}
	ld->nmatched = nhit;
	/* the map's keys point into names: kept until load_free() */
	ld->matched_names = names;
	ld->nmatched_names = n;
	free(hit);
	strmap_free(want);
	strmap_free(raw);
	arena_free(&keys);
}

struct load *
load_new(const struct load_options *o, int *status, char **cause)
{
	struct load *ld = xcalloc(1, sizeof *ld);
	char proj[256];
	size_t i;

	*status = EXIT_DATA;

	ld->data_dir = xstrdup(o->data_dir);
	/* the data first, lon/lat: the view, its layers and their projection may fit it */
	if (load_scenario(ld, o, cause) != 0 || load_events(ld, o, cause) != 0)
		goto fail;
	fit_data(ld, o);
	make_title(ld, o);
	/* a scenario's wording names its actors: only over its own events */
	for (i = 0; i < STATUS_COUNT; i++)
		status_set_label((enum status)i, o->events_path == NULL ?
		    ld->sc->status_label[i] : NULL);
	/* its places' initial statuses are of its own period too */
	if (o->events_path == NULL && ld->tl != NULL)
		ld->tl->initial_from = ld->sc->initial_from;
	ld->nmaps_given = o->nmaps > 0;
	ld->proj = xstrdup(choose_projection(o, ld, proj, sizeof proj));
	ld->pool = prj_pool_new(ld->proj);
	/* reports need no map */
	if (o->data_only)
		return ld;
	if (o->nmaps == 0 && ld->sc->world)
		match_countries(ld);
	if (o->nmaps == 0 && load_scenario_layers(ld, cause) != 0)
		goto fail;
	/* the bundled Mali layers: their sources' attribution */
	ld->default_layers = o->nmaps == 0 && o->scenario_dir == NULL && !ld->sc->world;
	for (i = 0; i < o->nmaps; i++)
		if (add_layer(ld, o->maps[i], STYLE_MAP, NULL, NULL, 0, 0, NULL, cause) != 0)
			goto fail;
	for (i = 0; i < o->noverlays; i++)
		if (add_layer(ld, o->overlays[i], STYLE_MAP, NULL, NULL, 0, 0, NULL, cause) != 0)
			goto fail;
	if (project_data(ld, cause) != 0 || project_layers(ld, cause) != 0)
		goto fail;
	if (set_home(ld, cause) != 0)
		goto fail;
	count_off_map(ld);
	ld->loaded = 1;
	return ld;
fail:
	/* a projection the user named and PROJ does not know is bad usage */
	if (o->proj != NULL && prj_pool_failed(ld->pool)) {
		*status = EXIT_USAGE;
		if (o->proj_where != NULL) {
			char *why = *cause;

			xasprintf(cause, "%s: %s", o->proj_where, why);
			free(why);
		}
	}
	load_free(ld);
	return NULL;
}

void
load_free(struct load *ld)
{
	size_t i;

	if (ld == NULL)
		return;
	/* what no frame has saved yet: a run that drew none */
	if (ld->loaded)
		save_layers(ld);
	cache_trim();
	/* joins the PROJ thread: what it made is freed with the rest */
	prj_pool_free(ld->pool);
	for (i = 0; i < ld->nlayers; i++) {
		geo_layer_free(ld->layers[i].geo);
		src_clear(&ld->src[i]);
	}
	mark_groups_free(ld->groups);
	timeline_free(ld->tl);
	places_free(ld->places);
	scenario_free(ld->sc);
	free(ld->events_path);
	free(ld->places_path);
	free(ld->keep);
	free(ld->off);
	free(ld->place_events);
	free(ld->title);
	strmap_free(ld->matched);
	free(ld->matched_list);
	for (i = 0; i < ld->nmatched_names; i++)
		free(ld->matched_names[i]);
	free(ld->matched_names);
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

const struct mark_groups *
load_groups(struct load *ld)
{
	if (ld->groups == NULL)
		ld->groups = mark_groups_new(ld->places);
	return ld->groups;
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

int
load_bounds(const struct load *ld, struct geo_bbox *b)
{
	if (!ld->have_region || !(ld->bounds.x0 < ld->bounds.x1))
		return 0;
	*b = ld->bounds;
	return 1;
}

const char *
load_title(const struct load *ld)
{
	return ld->title;
}

int
load_world(const struct load *ld)
{
	return ld->sc != NULL && ld->sc->world && !ld->nmaps_given;
}

const unsigned char *
load_off_places(const struct load *ld)
{
	return ld->off_places > 0 ? ld->off : NULL;
}

size_t
load_off_map(const struct load *ld, size_t *places, double *zoom)
{
	*places = ld->off_places;
	*zoom = ld->off_zoom;
	return ld->off_events;
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

		if (ld->layers[i].visible && make_ready(ld, i, units_per_px, &cause) != 0)
			free(cause);
	}
	save_layers(ld);
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
