/* load.h: what a run reads and projects: map layers, places, events and their routes. */
#ifndef SITMAP_LOAD_H
#define SITMAP_LOAD_H

#include <stddef.h>
#include "geo.h"
#include "places.h"
#include "render.h"
#include "timeline.h"

struct load_options {
	const char	*data_dir;	/* holds maps/ and data/ */
	const char	*scenario_dir;	/* --scenario; NULL: data/, the default (Mali) */
	const char	**maps;		/* replace the default layers */
	size_t		 nmaps;
	const char	**overlays;	/* drawn on top of the default layers */
	size_t		 noverlays;
	const char	*places_path, *events_path;	/* NULL: the defaults */
	const char	*proj;		/* NULL: automatic */
	const char	*proj_where;	/* "FILE:LINE" of the config that set proj; NULL */
	int		 format;	/* enum import_format of --events; -1: detect */
	int		 data_only;	/* no map layers, nothing projected: for reports */
};

struct load;			/* opaque */

/*
 * Reads the layers, places and events, and projects them: each from the
 * cache when it holds them (then PROJ is never loaded), else read and
 * projected, the PROJ library loading in a thread meanwhile, and written
 * to the cache. Of a layer read from its files only the coarsest level of
 * detail is projected now, the others when a frame needs them
 * (load_ready()). NULL with *cause, and *status EXIT_DATA for bad input
 * or EXIT_USAGE for a projection (proj) that PROJ does not know. Free
 * with load_free().
 */
struct load	*load_new(const struct load_options *, int *status, char **cause);
void		 load_free(struct load *);	/* NULL is fine */

/* The map layers, bottom first; the viewer may toggle their visible flag. */
struct map_layer *load_layers(struct load *, size_t *n);
struct places	*load_places(const struct load *);
struct timeline	*load_timeline(const struct load *);
/* The places' groups (label.h): the events cache's, else made once. */
const struct mark_groups *load_groups(struct load *);
/* 1 if the layers are the bundled Mali ones, of the default scenario (no --map, no --scenario). */
int		 load_bundled(const struct load *);
/* 1 if the layers are the bundled world's (cut around the view), not --map files. */
int		 load_world(const struct load *);
/*
 * The default framing in metres: --map files' extent; else the scenario's
 * home (Mali's outline for the default); else the extent of the located
 * places, strays left out (fit.h); else every layer, else every place.
 */
void		 load_home(const struct load *, struct geo_bbox *);
/* 1 and the widest view in metres when the layers are cut to a region around home; else 0. */
int		 load_bounds(const struct load *, struct geo_bbox *);
/*
 * What the view is of, without "sitmap: ": a --scenario's title, else the
 * countries an export names ("Sudan", "Sudan, Chad", "Western Africa: 5
 * countries"), else the scenario's when the data is its own or lies inside
 * its home (Mali); NULL: none.
 */
const char	*load_title(const struct load *);
/*
 * Events at located places outside the home view (strays, or beyond a
 * scenario's home): returns how many; *places gets how many places, *zoom
 * the round --zoom that shows them all.
 */
size_t		 load_off_map(const struct load *, size_t *places, double *zoom);
/* Per place, 1 if it is one of those (located, outside the home view); NULL if none is. */
const unsigned char *load_off_places(const struct load *);
/* An event's movement as a projected polyline, or NULL (*n = 0) when it has none. */
const struct geo_pt *load_route(const struct load *, const struct event *, size_t *n);
/*
 * Makes the level of detail that a frame at units_per_px map units per
 * sub-pixel draws ready in every visible layer, then writes to the cache
 * the layers that gained a level (a layer from the cache that lacks it
 * reads its shapefile again). A level that cannot be made is left out of
 * the frame.
 */
void		 load_ready(struct load *, double units_per_px);
/*
 * Projects n lon/lat points in place: 0, 1 if a point has no image (NAN),
 * or -1 with *cause when the projection cannot be made.
 */
int		 load_project(struct load *, struct geo_pt *pts, size_t n, char **cause);
/* The inverse: metres to lon/lat in place; 0, 1 if a point has none, or -1 with *cause. */
int		 load_unproject(struct load *, struct geo_pt *pts, size_t n, char **cause);

#endif
