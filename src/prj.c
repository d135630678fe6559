/*
 * prj.c: the only door to PROJ. Every transform is built from geographic
 * WGS 84 and normalised for visualisation, so x is always east and y north
 * (plain EPSG:4326 is latitude first). PROJ's log goes to a buffer, never to
 * the terminal.
 *
 * libproj is opened with dlopen() on first use: linking it costs about 15 ms
 * of dynamic loading before main(), which a run served from the projected
 * layer cache never needs to pay.
 */
#include "prj.h"

#include <dlfcn.h>
#include <pthread.h>
#include <geodesic.h>
#include <math.h>
#include <proj.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text.h"
#include "util.h"

#ifndef SITMAP_PROJ_SONAME
#define SITMAP_PROJ_SONAME "libproj.so.25"
#endif

#define PROJ_SYMBOLS \
	S(proj_context_create) S(proj_context_destroy) S(proj_context_errno) \
	S(proj_context_errno_string) S(proj_context_set_enable_network) \
	S(proj_context_set_search_paths) \
	S(proj_create) S(proj_create_crs_to_crs) S(proj_create_crs_to_crs_from_pj) \
	S(proj_destroy) S(proj_errno_reset) S(proj_get_type) S(proj_info) \
	S(proj_log_func) S(proj_log_level) S(proj_normalize_for_visualization) \
	S(proj_trans_generic) S(geod_init) S(geod_inverse) S(geod_inverseline) \
	S(geod_position)

#define S(name) static __typeof__(name) *sym_##name;
PROJ_SYMBOLS
#undef S

/* Every PROJ call below goes through the pointers proj_open() loads. */
#define proj_context_create (*sym_proj_context_create)
#define proj_context_destroy (*sym_proj_context_destroy)
#define proj_context_errno (*sym_proj_context_errno)
#define proj_context_errno_string (*sym_proj_context_errno_string)
#define proj_context_set_enable_network (*sym_proj_context_set_enable_network)
#define proj_context_set_search_paths (*sym_proj_context_set_search_paths)
#define proj_create (*sym_proj_create)
#define proj_create_crs_to_crs (*sym_proj_create_crs_to_crs)
#define proj_create_crs_to_crs_from_pj (*sym_proj_create_crs_to_crs_from_pj)
#define proj_destroy (*sym_proj_destroy)
#define proj_errno_reset (*sym_proj_errno_reset)
#define proj_get_type (*sym_proj_get_type)
#define proj_info (*sym_proj_info)
#define proj_log_func (*sym_proj_log_func)
#define proj_log_level (*sym_proj_log_level)
#define proj_normalize_for_visualization (*sym_proj_normalize_for_visualization)
#define proj_trans_generic (*sym_proj_trans_generic)
#define geod_init (*sym_geod_init)
#define geod_inverse (*sym_geod_inverse)
#define geod_inverseline (*sym_geod_inverseline)
#define geod_position (*sym_geod_position)

static pthread_once_t opened = PTHREAD_ONCE_INIT;

/* Opens libproj; dies with a clear message if it is not installed. */
static void
proj_open_once(void)
{
	void *h;

	if ((h = dlopen(SITMAP_PROJ_SONAME, RTLD_NOW | RTLD_LOCAL)) == NULL &&
	    (h = dlopen("libproj.so", RTLD_NOW | RTLD_LOCAL)) == NULL)
		die("cannot load PROJ (%s): %s", SITMAP_PROJ_SONAME, dlerror());
#define S(name) \
	if ((*(void **)&sym_##name = dlsym(h, #name)) == NULL) \
		die("PROJ library %s has no %s", SITMAP_PROJ_SONAME, #name);
	PROJ_SYMBOLS
#undef S
}

/* Once per process, whichever thread comes first; the others wait for it. */
static void
proj_open(void)
{
	pthread_once(&opened, proj_open_once);
}

#define LONLAT_CRS "+proj=longlat +datum=WGS84 +no_defs +type=crs"

struct prj {
	PJ_CONTEXT	*ctx;
	PJ		*pj;
	int		 radians;	/* lon/lat go in (and come out) in radians */
};

/* PROJ logs from the thread that calls it: two projections may be made at once. */
static _Thread_local char last_log[256];

static void
log_to_buffer(void *data, int level, const char *msg)
{
	(void)data;
	(void)level;
	snprintf(last_log, sizeof last_log, "%s", msg);
}

static PJ_CONTEXT *
context_new(void)
{
	PJ_CONTEXT *ctx;

	proj_open();
	ctx = proj_context_create();

	if (ctx == NULL)
		die("PROJ: cannot create a context");
	proj_log_func(ctx, NULL, log_to_buffer);
	proj_log_level(ctx, PJ_LOG_ERROR);
	proj_context_set_enable_network(ctx, 0);
	return ctx;
}

static const char *
context_error(PJ_CONTEXT *ctx)
{
	int e = proj_context_errno(ctx);

	if (last_log[0] != '\0')
		return last_log;
	return e ? proj_context_errno_string(ctx, e) : "unknown error";
}

/* A proj-string needs +type=crs to be taken as a CRS rather than an operation. */
static char *
as_crs(const char *def)
{
	char *s;

	if (def[0] == '+' && strstr(def, "+type=crs") == NULL)
		xasprintf(&s, "%s +type=crs", def);
	else
		s = xstrdup(def);
	return s;
}

static PJ *
normalised(PJ_CONTEXT *ctx, PJ *raw)
{
	PJ *pj;

	if (raw == NULL)
		return NULL;
	pj = proj_normalize_for_visualization(ctx, raw);
	proj_destroy(raw);
	return pj;
}

/*
 * A plain proj-string is made without proj.db: a context that cannot find
 * its resource files skips opening the database and proj.ini, about 15 ms
 * of a cold start, and makes the same operation. One that needs a file
 * (a grid, +init=) fails that way and is made again the usual way.
 */
static PJ *
plain_operation(struct prj *p, const char *def)
{
	static const char *const nowhere[] = { "/nonexistent/sitmap-no-proj-data" };
	PJ *pj;

	proj_context_set_search_paths(p->ctx, 1, nowhere);
	if ((pj = proj_create(p->ctx, def)) != NULL)
		return pj;
	proj_context_destroy(p->ctx);
	last_log[0] = '\0';
	p->ctx = context_new();
	return proj_create(p->ctx, def);
}

/*
 * 1 if def is a plain proj-string ("+proj=..."), which prj_new() makes
 * without the CRS database: in well under a millisecond once PROJ is
 * loaded, against 10 ms or more for an EPSG code or WKT.
 */
static int
def_is_plain(const char *def)
{
	return strncmp(def, "+proj=", 6) == 0 && strstr(def, "+type=crs") == NULL &&
	    strstr(def, "pipeline") == NULL;
}

struct prj *
prj_new(const char *def, char **cause)
{
	struct prj *p = xcalloc(1, sizeof *p);
	char *crs;

	if (def == NULL)
		def = PRJ_DEFAULT;
	last_log[0] = '\0';
	p->ctx = context_new();
	if (def_is_plain(def)) {
		/*
		 * A plain proj-string is used as the operation itself: no CRS
		 * database and no pipeline, about 140 ns a point. It takes
		 * radians, converted in transform().
		 */
		crs = NULL;
		p->pj = plain_operation(p, def);
		p->radians = 1;
	} else {
		crs = as_crs(def);
		p->pj = normalised(p->ctx, proj_create_crs_to_crs(p->ctx, LONLAT_CRS,
		    crs, NULL));
	}
	free(crs);
	if (p->pj == NULL) {
		char *tail;

		/* the definition may be anything the user typed: quoted short and clean */
		xasprintf(&tail, ": %s", context_error(p->ctx));
		text_quote_error(cause, "projection", def, strlen(def), tail);
		free(tail);
		prj_free(p);
		return NULL;
	}
	return p;
}

static size_t
transform(PJ *pj, PJ_DIRECTION dir, int radians, struct geo_pt *pts, size_t n)
{
	size_t i, bad = 0;

	if (n == 0)
		return 0;
	if (radians && dir == PJ_FWD)
		for (i = 0; i < n; i++) {
			pts[i].x *= M_PI / 180;
			pts[i].y *= M_PI / 180;
		}
	proj_trans_generic(pj, dir, &pts[0].x, sizeof pts[0], n, &pts[0].y,
	    sizeof pts[0], n, NULL, 0, 0, NULL, 0, 0);
	proj_errno_reset(pj);
	for (i = 0; i < n; i++) {
		/* PROJ reports failures as HUGE_VAL, not NAN. */
		if (!isfinite(pts[i].x) || !isfinite(pts[i].y) ||
		    fabs(pts[i].x) > 1e15 || fabs(pts[i].y) > 1e15) {
			pts[i].x = pts[i].y = NAN;
			bad++;
		} else if (radians && dir == PJ_INV) {
			pts[i].x *= 180 / M_PI;
			pts[i].y *= 180 / M_PI;
		}
	}
	return bad;
}

size_t
prj_fwd(struct prj *p, struct geo_pt *pts, size_t n)
{
	return n - transform(p->pj, PJ_FWD, p->radians, pts, n);
}

size_t
prj_inv(struct prj *p, struct geo_pt *pts, size_t n)
{
	return transform(p->pj, PJ_INV, p->radians, pts, n);
}

void
prj_free(struct prj *p)
{
	if (p == NULL)
		return;
	proj_destroy(p->pj);
	proj_context_destroy(p->ctx);
	free(p);
}

/* What the pool's thread makes: the thread writes only this, until joined. */
struct prj_job {
	pthread_t	 thread;
	const char	*def;
	struct prj	*prj, *prj2;
	char		*cause;
};

struct prj_pool {
	char		*def;
	struct prj	*prj;		/* NULL until made or joined */
	struct prj	*prj2;		/* the same for a second core, on large loads */
	int		 prj2_tried;
	int		 failed;	/* the projection could not be made */
	int		 running;	/* the job's thread is started, not joined */
	struct prj_job	 job;
};

/*
 * Below SPLIT_MIN_POINTS a thread costs more than it saves; below
 * MAKE_PRJ2_POINTS, so does making a second projection from an EPSG code
 * or WKT (a plain proj-string has one already, see job_main()).
 */
#define SPLIT_MIN_POINTS	4096
#define MAKE_PRJ2_POINTS	100000

static void *
job_main(void *arg)
{
	struct prj_job *job = arg;

	job->prj = prj_new(job->def, &job->cause);
	/* a second one for the other core, when it is cheap */
	if (job->prj != NULL && def_is_plain(job->def)) {
		char *ignored = NULL;

		job->prj2 = prj_new(job->def, &ignored);
		free(ignored);
	}
	return NULL;
}

struct prj_pool *
prj_pool_new(const char *def)
{
	struct prj_pool *pool = xcalloc(1, sizeof *pool);

	pool->def = xstrdup(def);
	return pool;
}

void
prj_pool_start(struct prj_pool *pool)
{
	if (pool->running || pool->prj != NULL)
		return;
	pool->job.def = pool->def;
	if (pthread_create(&pool->job.thread, NULL, job_main, &pool->job) == 0)
		pool->running = 1;
}

/* Waits for the thread, if one runs, and takes what it made; -1 with *cause if it failed. */
static int
pool_join(struct prj_pool *pool, char **cause)
{
	if (!pool->running)
		return 0;
	pthread_join(pool->job.thread, NULL);
	pool->running = 0;
	pool->prj = pool->job.prj;
	pool->prj2 = pool->job.prj2;
	if (pool->prj == NULL) {
		*cause = pool->job.cause;
		pool->job.cause = NULL;
		pool->failed = 1;
		return -1;
	}
	free(pool->job.cause);
	pool->job.cause = NULL;
	return 0;
}

struct prj *
prj_pool_get(struct prj_pool *pool, char **cause)
{
	if (pool_join(pool, cause) != 0)
		return NULL;
	if (pool->prj == NULL && (pool->prj = prj_new(pool->def, cause)) == NULL)
		pool->failed = 1;
	return pool->prj;
}

int
prj_pool_failed(const struct prj_pool *pool)
{
	return pool->failed;
}

struct half {
	struct prj	*prj;
	struct geo_pt	*pts;
	size_t		 n;
};

static void *
project_half(void *arg)
{
	struct half *h = arg;

	prj_fwd(h->prj, h->pts, h->n);
	return NULL;
}

void
prj_pool_fwd(struct prj_pool *pool, struct geo_pt *pts, size_t n)
{
	struct half h = { NULL, pts + n / 2, n - n / 2 };
	pthread_t t;

	if (n >= MAKE_PRJ2_POINTS && pool->prj2 == NULL && !pool->prj2_tried) {
		char *ignored = NULL;

		pool->prj2 = prj_new(pool->def, &ignored);
		pool->prj2_tried = 1;
		free(ignored);
	}
	h.prj = pool->prj2;
	if (n >= SPLIT_MIN_POINTS && h.prj != NULL &&
	    pthread_create(&t, NULL, project_half, &h) == 0) {
		prj_fwd(pool->prj, pts, n / 2);
		pthread_join(t, NULL);
	} else {
		prj_fwd(pool->prj, pts, n);
	}
}

void
prj_pool_free(struct prj_pool *pool)
{
	char *ignored = NULL;

	if (pool == NULL)
		return;
	/* what the thread made is freed with the rest */
	pool_join(pool, &ignored);
	free(ignored);
	prj_free(pool->prj);
	prj_free(pool->prj2);
	free(pool->def);
	free(pool);
}

int
prj_wkt_is_wgs84(const char *wkt)
{
	while (*wkt == ' ' || *wkt == '\t' || *wkt == '\r' || *wkt == '\n')
		wkt++;
	if (strncasecmp(wkt, "GEOGCS[", 7) != 0 && strncasecmp(wkt, "GEOGCRS[", 8) != 0)
		return 0;
	return (strstr(wkt, "WGS_1984") != NULL || strstr(wkt, "WGS 84") != NULL ||
	    strstr(wkt, "WGS84") != NULL) && strstr(wkt, "PROJCS") == NULL;
}

int
prj_to_lonlat(const char *wkt, struct geo_pt *pts, size_t n, char **cause)
{
	PJ_CONTEXT *ctx;
	PJ *src, *op;
	PJ_TYPE type;
	size_t bad;
	int ret = -1;

	if (prj_wkt_is_wgs84(wkt))
		return 0;
	last_log[0] = '\0';
	ctx = context_new();
	src = proj_create(ctx, wkt);
	type = src ? proj_get_type(src) : PJ_TYPE_UNKNOWN;
	if (src == NULL || type < PJ_TYPE_GEODETIC_CRS || type > PJ_TYPE_OTHER_CRS) {
		xasprintf(cause, ".prj is not a coordinate reference system PROJ knows (%s)",
		    src ? "not a CRS" : context_error(ctx));
		goto out;
	}
	{
		PJ *dst = proj_create(ctx, LONLAT_CRS);

		op = normalised(ctx, proj_create_crs_to_crs_from_pj(ctx, src, dst,
		    NULL, NULL));
		proj_destroy(dst);
	}
	if (op == NULL) {
		xasprintf(cause, ".prj: no transformation to WGS 84 (%s)",
		    context_error(ctx));
		goto out;
	}
	bad = transform(op, PJ_FWD, 0, pts, n);
	proj_destroy(op);
	if (bad > 0) {
		xasprintf(cause, ".prj: %zu of %zu points do not convert to lon/lat",
		    bad, n);
		goto out;
	}
	ret = 0;
out:
	proj_destroy(src);
	proj_context_destroy(ctx);
	return ret;
}

static struct geod_geodesic *
wgs84(void)
{
	static struct geod_geodesic g;
	static int ready;

	if (!ready) {
		proj_open();
		geod_init(&g, 6378137, 1 / 298.257223563);
		ready = 1;
	}
	return &g;
}

double
prj_geod_km(double lat1, double lon1, double lat2, double lon2, double *az1_deg)
{
	const struct geod_geodesic *g = wgs84();	/* loads PROJ before the call */
	double s12, az1, az2;

	geod_inverse(g, lat1, lon1, lat2, lon2, &s12, &az1, &az2);
	if (az1_deg != NULL)
		*az1_deg = az1 < 0 ? az1 + 360 : az1;
	return s12 / 1000;
}

void
prj_geod_line(double lat1, double lon1, double lat2, double lon2,
    struct geo_pt *pts, size_t n)
{
	const struct geod_geodesic *g = wgs84();
	struct geod_geodesicline line;
	size_t i;

	geod_inverseline(&line, g, lat1, lon1, lat2, lon2, 0);
	for (i = 0; i < n; i++) {
		double lat, lon, s = n > 1 ? line.s13 * (double)i / (double)(n - 1) : 0;

		geod_position(&line, s, &lat, &lon, NULL);
		pts[i].x = lon;
		pts[i].y = lat;
	}
}

const char *
prj_version(void)
{
	proj_open();
	return proj_info().version;
}
