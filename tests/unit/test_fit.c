/*
 * test_fit.c: the view fitted to data, on made-up points: the robust extent
 * (strays left out, few points all kept, the antimeridian), the projection
 * an extent gets (and that PROJ takes it), the region of the world layers,
 * the zoom that shows what lies off the map.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fit.h"
#include "prj.h"

/* A made-up generator: the same points on every machine. */
static uint32_t seed;

static double
unit(void)
{
	seed = seed * 1103515245u + 12345u;
	return (double)(seed >> 8) / (double)(1u << 24);
}

/* n points spread over a box, lon/lat */
static void
spread(struct geo_pt *p, size_t n, double x0, double y0, double x1, double y1)
{
	size_t i;

	for (i = 0; i < n; i++) {
		p[i].x = x0 + (x1 - x0) * unit();
		p[i].y = y0 + (y1 - y0) * unit();
	}
}

static int
near(double a, double b, double tol)
{
	return fabs(a - b) <= tol;
}

/* Sudan's towns with two rows at 0, 0 (a missing position written as zeros): those go. */
static void
strays_left_out(void **state)
{
	struct geo_pt p[202];
	unsigned char keep[202];
	struct geo_bbox b;

	(void)state;
	seed = 1;
	spread(p, 200, 22.5, 9.5, 37.5, 21.5);
	p[200].x = p[200].y = p[201].x = p[201].y = 0;
	assert_int_equal(fit_extent(p, 202, &b, keep), 200);
	assert_false(keep[200]);
	assert_false(keep[201]);
	assert_true(keep[0] && keep[199]);
	assert_true(b.x0 >= 22.5 && b.x0 < 23 && b.x1 <= 37.5 && b.x1 > 37);
	assert_true(b.y0 >= 9.5 && b.y0 < 10 && b.y1 <= 21.5 && b.y1 > 21);
}

/* A stray among a handful of places goes too; one among four stays (no core yet). */
static void
few_points(void **state)
{
	struct geo_pt six[6] = { { 30, 15 }, { 31, 14 }, { 32.5, 15.5 }, { 29, 13 },
		{ 33, 16 }, { -70, 40 } };
	struct geo_pt four[4] = { { 30, 15 }, { 31, 14 }, { 32.5, 15.5 }, { -70, 40 } };
	unsigned char keep[6];
	struct geo_bbox b;

	(void)state;
	assert_int_equal(fit_extent(six, 6, &b, keep), 5);
	assert_false(keep[5]);
	assert_true(near(b.x0, 29, 1e-9) && near(b.x1, 33, 1e-9));
	assert_true(near(b.y0, 13, 1e-9) && near(b.y1, 16, 1e-9));
	assert_int_equal(fit_extent(four, 4, &b, NULL), 4);
	assert_true(near(b.x0, -70, 1e-9) && near(b.x1, 32.5, 1e-9));
}

/*
 * Most events in one corner (the east of a country) and a tenth spread
 * over the rest: the rest is the country, not strays.
 */
static void
lopsided_kept(void **state)
{
	struct geo_pt p[440];
	struct geo_bbox b;

	(void)state;
	seed = 7;
	spread(p, 400, 36, 47, 39.5, 49.5);
	spread(p + 400, 40, 24, 45.5, 36, 52);
	assert_int_equal(fit_extent(p, 440, &b, NULL), 440);
	assert_true(b.x0 < 24.5 && b.y0 < 46 && b.y1 > 51.5);
}

/* One place: a box of FIT_MIN_DEG around it. No place, or none finite: nothing. */
static void
one_point_and_none(void **state)
{
	struct geo_pt one = { 2.35, 48.85 }, bad[2] = { { NAN, 3 }, { 4, NAN } };
	struct geo_bbox b;

	(void)state;
	assert_int_equal(fit_extent(&one, 1, &b, NULL), 1);
	assert_true(near(b.x1 - b.x0, FIT_MIN_DEG, 1e-9));
	assert_true(near(b.y1 - b.y0, FIT_MIN_DEG, 1e-9));
	assert_true(near((b.x0 + b.x1) / 2, 2.35, 1e-9));
	assert_int_equal(fit_extent(bad, 2, &b, NULL), 0);
	assert_true(b.x0 > b.x1);
	assert_int_equal(fit_extent(NULL, 0, &b, NULL), 0);
}

/* Fiji: the short way round, across 180 degrees, not around the world. */
static void
antimeridian(void **state)
{
	struct geo_pt p[8] = { { 177.4, -17.7 }, { 178.4, -18.1 }, { 179.3, -16.8 },
		{ -179.9, -16.5 }, { -179.2, -17.2 }, { -178.7, -18.5 }, { 178.0, -17.0 },
		{ 179.9, -16.0 } };
	struct geo_bbox b;

	(void)state;
	assert_int_equal(fit_extent(p, 8, &b, NULL), 8);
	assert_true(near(b.x0, 177.4, 1e-9));
	assert_true(near(b.x1, -178.7 + 360, 1e-9));
}

/* The projection an extent gets, its rounded parameters, and PROJ takes it. */
static void
check_proj(const struct geo_bbox *e, enum fit_kind want, const char *str)
{
	struct fit_proj fp;
	char buf[256], *cause = NULL;
	struct prj *prj;
	struct geo_pt c = { (e->x0 + e->x1) / 2, (e->y0 + e->y1) / 2 };

	assert_int_equal(fit_projection(e, &fp, buf, sizeof buf), want);
	assert_string_equal(buf, str);
	prj = prj_new(buf, &cause);
	assert_non_null(prj);
	assert_int_equal(prj_fwd(prj, &c, 1), 1);
	/* the middle of the extent is near the projection's origin */
	assert_true(fabs(c.x) < 60000 && fabs(c.y) < 120000);
	prj_free(prj);
}

static void
projections(void **state)
{
	/* Sudan: a cone, the parallels a sixth in from each edge */
	struct geo_bbox sudan = { 21.8, 8.7, 38.6, 22.2 }, ukraine = { 22.1, 44.4, 40.2, 52.4 },
	    myanmar = { 92.2, 9.8, 101.2, 28.5 }, colombia = { -79.0, -4.2, -66.9, 12.5 },
	    kampala = { 32.4, 0.2, 32.8, 0.5 }, chile = { -75.7, -56.0, -66.4, -17.5 },
	    africa = { -17.5, -34.8, 51.4, 37.3 }, world = { -180, -60, 180, 80 },
	    mali = { -12.24, 10.15, 4.27, 25.0 };

	(void)state;
	check_proj(&sudan, FIT_LCC, "+proj=lcc +lat_0=15 +lon_0=30 +lat_1=11 +lat_2=20 "
	    "+datum=WGS84 +units=m");
	check_proj(&ukraine, FIT_LCC, "+proj=lcc +lat_0=48 +lon_0=31 +lat_1=46 +lat_2=51 "
	    "+datum=WGS84 +units=m");
	check_proj(&myanmar, FIT_LCC, "+proj=lcc +lat_0=19 +lon_0=97 +lat_1=13 +lat_2=25 "
	    "+datum=WGS84 +units=m");
	/* the default's own parallels (12.5, 22.5) by the same rule, to the degree */
	check_proj(&mali, FIT_LCC, "+proj=lcc +lat_0=18 +lon_0=-4 +lat_1=13 +lat_2=23 "
	    "+datum=WGS84 +units=m");
	/* south of the equator: a cone too */
	check_proj(&chile, FIT_LCC, "+proj=lcc +lat_0=-37 +lon_0=-71 +lat_1=-50 +lat_2=-24 "
	    "+datum=WGS84 +units=m");
	/* across the equator, or on it: azimuthal, never a cone that is a cylinder */
	check_proj(&colombia, FIT_LAEA, "+proj=laea +lat_0=4 +lon_0=-73 +datum=WGS84 +units=m");
	check_proj(&kampala, FIT_LAEA, "+proj=laea +lat_0=0 +lon_0=33 +datum=WGS84 +units=m");
	/* a continent: too tall for a cone */
	check_proj(&africa, FIT_LAEA, "+proj=laea +lat_0=1 +lon_0=17 +datum=WGS84 +units=m");
	{
		struct fit_proj fp;
		char buf[256];

		assert_int_equal(fit_projection(&world, &fp, buf, sizeof buf), FIT_WORLD);
		assert_string_equal(buf, "+proj=eqearth +datum=WGS84 +units=m");
		assert_string_equal(fit_kind_name(fp.kind), "world");
	}
}

/* The region grows by FIT_REGION of the extent, at least FIT_REGION_MIN degrees, within the poles. */
static void
regions(void **state)
{
	struct geo_bbox sudan = { 22, 10, 38, 22 }, city = { 30.3, 50.3, 30.7, 50.6 },
	    north = { 10, 70, 40, 80 }, r;
	struct geo_bbox shape = { 170, -20, 180, -10 }, fiji = { 175, -20, 185, -15 };

	(void)state;
	fit_region(&sudan, &r);
	assert_true(near(r.x0, 22 - 24, 1e-9) && near(r.x1, 38 + 24, 1e-9));
	assert_true(near(r.y0, 10 - 24, 1e-9) && near(r.y1, 22 + 24, 1e-9));
	fit_region(&city, &r);
	assert_true(near(r.x0, 30.3 - FIT_REGION_MIN, 1e-9) && near(r.y1, 50.6 + 10, 1e-9));
	fit_region(&north, &r);
	assert_true(near(r.y1, 90, 1e-9));
	assert_true(fit_touches(&shape, &fiji));
	shape.x0 = -180, shape.x1 = -175;
	assert_true(fit_touches(&shape, &fiji));
	shape.x0 = -170, shape.x1 = -160;
	assert_false(fit_touches(&shape, &fiji));
	assert_true(fit_inside(&city, &sudan) == 0);
	assert_true(fit_inside(&sudan, &(struct geo_bbox){ 0, 0, 40, 30 }));
}

static void
round_zooms(void **state)
{
	(void)state;
	assert_true(near(fit_round_zoom(1), 1, 1e-12));
	assert_true(near(fit_round_zoom(0.7), 0.5, 1e-12));
	assert_true(near(fit_round_zoom(0.3), 0.2, 1e-12));
	assert_true(near(fit_round_zoom(0.19), 0.1, 1e-12));
	assert_true(near(fit_round_zoom(0.05), 0.05, 1e-12));
	assert_true(near(fit_round_zoom(0.001), 0.01, 1e-12));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(strays_left_out),
		cmocka_unit_test(few_points),
		cmocka_unit_test(lopsided_kept),
		cmocka_unit_test(one_point_and_none),
		cmocka_unit_test(antimeridian),
		cmocka_unit_test(projections),
		cmocka_unit_test(regions),
		cmocka_unit_test(round_zooms),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
