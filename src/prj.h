/* prj.h: lon/lat degrees -> metres in the map CRS; the only door to PROJ. */
#ifndef SITMAP_PRJ_H
#define SITMAP_PRJ_H

#include <stddef.h>
#include "geo.h"

/* Lambert conformal conic fitted to Mali: 0.48 % worst scale error over the country. */
#define PRJ_DEFAULT \
	"+proj=lcc +lat_0=17.5 +lon_0=-4 +lat_1=12.5 +lat_2=22.5 +datum=WGS84 +units=m"

struct prj;			/* opaque */

/*
 * A transform from geographic WGS 84 to the CRS def (a proj-string, EPSG code
 * or WKT), with axes normalised to x = east, y = north. NULL with *cause on
 * error. PROJ's log output is captured, never printed.
 */
struct prj	*prj_new(const char *def, char **cause);
/*
 * Projects n points in place (lon/lat -> metres). Points that cannot be
 * projected become NAN; returns how many did.
 */
size_t		 prj_fwd(struct prj *, struct geo_pt *pts, size_t n);
/* Metres -> lon/lat in place; failures become NAN; returns how many failed. */
size_t		 prj_inv(struct prj *, struct geo_pt *pts, size_t n);
void		 prj_free(struct prj *);	/* NULL is fine */

/*
 * The loaders' projection, made once and only when something needs
 * projecting: a run served from the cache never loads PROJ. Loading the
 * library takes 15 ms or more, so prj_pool_start() makes the projection in a
 * thread while the caller reads its files; prj_pool_get() joins it. A large
 * batch of points is projected on two cores, with a second projection made
 * for the other one. The thread writes only its own job: the pool is its
 * caller's, used by one thread.
 */
struct prj_pool;		/* opaque */

/* A pool for the CRS def (see prj_new()); nothing is made yet. */
struct prj_pool	*prj_pool_new(const char *def);
/* Starts making the projection in a thread, unless it is made or started. */
void		 prj_pool_start(struct prj_pool *);
/*
 * The projection, joined from the thread or made now; NULL with *cause if
 * def is not a projection. Borrowed from the pool.
 */
struct prj	*prj_pool_get(struct prj_pool *, char **cause);
/* 1 once prj_pool_get() has found that def is not a projection. */
int		 prj_pool_failed(const struct prj_pool *);
/* prj_fwd() of n points, split between two cores when n is large; after prj_pool_get(). */
void		 prj_pool_fwd(struct prj_pool *, struct geo_pt *pts, size_t n);
void		 prj_pool_free(struct prj_pool *);	/* joins the thread; NULL is fine */

/*
 * Converts n points from the CRS in wkt (a .prj text) to lon/lat WGS 84 in
 * place. Returns 0 (nothing to do when wkt is geographic WGS 84), or -1 with
 * *cause when the CRS is unknown or a point does not convert.
 */
int		 prj_to_lonlat(const char *wkt, struct geo_pt *pts, size_t n,
		    char **cause);
/* 1 if wkt plainly describes geographic WGS 84 lon/lat (checked without PROJ). */
int		 prj_wkt_is_wgs84(const char *wkt);

/* Geodesic distance in km on WGS 84 (Karney); az1 (may be NULL) gets the start azimuth. */
double		 prj_geod_km(double lat1, double lon1, double lat2, double lon2,
		    double *az1_deg);
/* Intermediate points of the geodesic; pts gets n lon/lat points from 1 to 2. */
void		 prj_geod_line(double lat1, double lon1, double lat2, double lon2,
		    struct geo_pt *pts, size_t n);
/* "9.1.1" */
const char	*prj_version(void);

#endif
