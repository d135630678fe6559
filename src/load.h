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
	const char	**maps;		/* replace the default layers */
	size_t		 nmaps;
	const char	**overlays;	/* drawn on top of the default layers */
	size_t		 noverlays;
	const char	*places_path, *events_path;	/* NULL: the defaults */
	const char	*proj;		/* NULL: automatic */
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
 * (load_ready()). NULL with *cause on bad input. Free with load_free().
 */
struct load	*load_new(const struct load_options *, char **cause);
void		 load_free(struct load *);	/* NULL is fine */

/* The map layers, bottom first; the viewer may toggle their visible flag. */
struct map_layer *load_layers(struct load *, size_t *n);
struct places	*load_places(const struct load *);
struct timeline	*load_timeline(const struct load *);
/* 1 if the layers are the bundled ones (Mali's), not --map files. */
int		 load_bundled(const struct load *);
/* The default framing in metres: Mali's outline, else every layer, else every place. */
void		 load_home(const struct load *, struct geo_bbox *);
/* An event's movement as a projected polyline, or NULL (*n = 0) when it has none. */
const struct geo_pt *load_route(const struct load *, const struct event *, size_t *n);
/*
 * Makes the level of detail that a frame at units_per_px map units per
 * sub-pixel draws ready in every visible layer. A level that cannot be
 * projected is left out of the frame.
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
