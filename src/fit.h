/*
 * fit.h: a view and a projection fitted to data: the extent of points in
 * lon/lat robust to a few stray ones, the projection that suits an extent,
 * and the region of the world layers a view of it needs. Arithmetic only.
 */
#ifndef SITMAP_FIT_H
#define SITMAP_FIT_H

#include <stddef.h>
#include "geo.h"

/*
 * The extent of n points lon/lat (x, y), robust to a few stray ones. On
 * each axis the values are sorted and a core taken between the k-th
 * smallest and the k-th largest, k = n / FIT_TRIM (at least 1: the core
 * leaves out the outermost 2 %; with fewer than FIT_FEW points there is no
 * core, every point counts). A point more than
 * FIT_FENCE times the core's width (at least FIT_FENCE_MIN degrees) beyond
 * the core on either axis is a stray; the extent is the box of the others,
 * at least FIT_MIN_DEG on each side. Longitudes are taken the short way
 * round: points on both sides of 180 degrees give x0 < 180 < x1 (x1 may
 * exceed 180). keep (may be NULL) gets 1 for each point inside the extent.
 * Non-finite points are ignored. Returns the points kept; 0 (and an empty
 * box) when there are none.
 */
#define FIT_FEW		5
#define FIT_TRIM	50
#define FIT_FENCE	1.0
#define FIT_FENCE_MIN	1.0
#define FIT_MIN_DEG	0.5
size_t	fit_extent(const struct geo_pt *lonlat, size_t n, struct geo_bbox *out,
	    unsigned char *keep);

/* 1 if inner lies inside outer (both lon/lat), a longitude wrapped by 360 degrees or not. */
int	fit_inside(const struct geo_bbox *inner, const struct geo_bbox *outer);

/*
 * The projection for an extent lon/lat, as a PROJ string, in buf:
 *   FIT_LCC    a Lambert conformal conic, standard parallels by the
 *              one-sixth rule (lat_1 a sixth of the extent's height above
 *              its south edge, lat_2 a sixth below its north edge), lat_0
 *              and lon_0 at its middle, when both parallels lie on the same
 *              side of the equator and the extent spans at most
 *              FIT_CONIC_LAT degrees of latitude and FIT_CONIC_LON of
 *              longitude;
 *   FIT_LAEA   else a Lambert azimuthal equal-area centred on it (near the
 *              equator, or large), up to FIT_WORLD_LON degrees of
 *              longitude or FIT_WORLD_LAT of latitude;
 *   FIT_WORLD  else Equal Earth centred on Greenwich, as for a world map.
 * Every angle is rounded to a whole degree, so that exports of one country
 * share one projection (and its cached layers).
 */
enum fit_kind { FIT_LCC, FIT_LAEA, FIT_WORLD };

#define FIT_CONIC_LAT	50.0
#define FIT_CONIC_LON	90.0
#define FIT_WORLD_LAT	100.0
#define FIT_WORLD_LON	160.0

struct fit_proj {
	enum fit_kind	 kind;
	double		 lat_0, lon_0, lat_1, lat_2;	/* degrees, as in the string */
};

enum fit_kind	 fit_projection(const struct geo_bbox *lonlat, struct fit_proj *,
		    char *buf, size_t len);
/* "lcc", "laea", "world". */
const char	*fit_kind_name(enum fit_kind);

/*
 * The region of the world a view fitted to the extent needs: the extent
 * grown on each side by FIT_REGION times its size (at least
 * FIT_REGION_MIN degrees), latitudes within -90 .. 90 and at most 360
 * degrees of longitude. The world layers are cut to it. The view zooms
 * out no further than the home view grown by FIT_BOUNDS times its size
 * on each side: well inside the region, so that a frame wider than tall
 * (up to about 1.8 times) still sees no edge of it.
 */
#define FIT_REGION	1.5
#define FIT_BOUNDS	1.0
#define FIT_REGION_MIN	10.0
void	fit_region(const struct geo_bbox *extent, struct geo_bbox *region);

/* 1 if the box of a shape (lon/lat, within -180 .. 180) touches the region, wrapped or not. */
int	fit_touches(const struct geo_bbox *shape, const struct geo_bbox *region);

/*
 * A round zoom factor (1, 0.5, 0.2, 0.1, 0.05 ...) at or below want, at
 * least 0.01 (--zoom's least): what to suggest to show more.
 */
double	fit_round_zoom(double want);

#endif
