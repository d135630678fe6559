/* test_geo.c: breaking lines where an edge must not be drawn; levels of detail. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "geo.h"
#include "util.h"

static struct geo_layer *
layer(const struct geo_pt *pts, size_t npts, const uint32_t *parts, size_t nparts)
{
	struct geo_layer *l = xcalloc(1, sizeof *l);

	l->kind = GEO_LINE;
	l->npts = npts;
	l->pts = xcalloc(npts, sizeof *pts);
	memcpy(l->pts, pts, npts * sizeof *pts);
	l->nparts = nparts;
	l->parts = xcalloc(nparts + 1, sizeof *parts);
	memcpy(l->parts, parts, (nparts + 1) * sizeof *parts);
	return l;
}

/* x of each point; NAN wants a break. */
static void
expect_xs(const struct geo_layer *l, const double *want, size_t n)
{
	size_t i;

	assert_int_equal(l->npts, n);
	for (i = 0; i < n; i++) {
		if (isnan(want[i]))
			assert_true(isnan(l->pts[i].x) && isnan(l->pts[i].y));
		else
			assert_true(l->pts[i].x == want[i]);
	}
}

static void
test_break_inserts_gaps(void **state)
{
	/* three parts: across the antimeridian, nothing to cut, across it twice */
	static const struct geo_pt pts[] = {
		{ 170, 0 }, { 179, 0 }, { -179, 0 },
		{ 1, 1 }, { 2, 1 },
		{ -178, 2 }, { 178, 2 }, { -177, 2 }, { -170, 2 },
	};
	static const uint32_t parts[] = { 0, 3, 5, 9 };
	static const double want[] = { 170, 179, NAN, -179, 1, 2, -178, NAN, 178, NAN, -177, -170 };
	static const uint32_t want_parts[] = { 0, 4, 6, 12 };
	struct geo_layer *l = layer(pts, 9, parts, 3);

	(void)state;
	assert_int_equal(geo_layer_break(l, NULL), 3);
	expect_xs(l, want, 12);
	assert_memory_equal(l->parts, want_parts, sizeof want_parts);
	assert_true(l->pts[3].y == 0 && l->pts[4].y == 1 && l->pts[11].y == 2);
	geo_layer_free(l);
}

static void
test_break_along_clip_box(void **state)
{
	/* a square cut to the box x <= 10: its side on x = 10 is no border */
	static const struct geo_pt pts[] = {
		{ 0, 0 }, { 10, 0 }, { 10, 5 }, { 10, 10 }, { 0, 10 }, { 0, 0 },
	};
	static const uint32_t parts[] = { 0, 6 };
	static const struct geo_bbox clip = { -20, -20, 10, 20 };
	static const double want[] = { 0, 10, NAN, 10, NAN, 10, 0, 0 };
	struct geo_layer *l = layer(pts, 6, parts, 1);

	(void)state;
	assert_int_equal(geo_layer_break(l, &clip), 2);
	expect_xs(l, want, 8);
	assert_int_equal(l->parts[1], 8);
	geo_layer_free(l);
}

static void
test_break_nothing_to_cut(void **state)
{
	static const struct geo_pt pts[] = { { 0, 0 }, { 1, 0 }, { 180, 0 } };
	static const uint32_t parts[] = { 0, 3 };
	static const double want[] = { 0, 1, 180 };
	struct geo_layer *l = layer(pts, 3, parts, 1);

	(void)state;
	/* 179 degrees apart is not across the antimeridian; without a box no side is cut */
	assert_int_equal(geo_layer_break(l, NULL), 0);
	expect_xs(l, want, 3);
	assert_int_equal(l->parts[1], 3);
	geo_layer_free(l);
}

/*
 * Two parts in one shape: a line with close vertices and a break, and a
 * ring smaller than the coarsest tolerance.
 */
static struct geo_layer *
level_layer(void)
{
	static const struct geo_pt pts[] = {
		{ 0, 0 }, { 0.01, 0 }, { 0.02, 0 }, { 0.5, 0 }, { 0.51, 0 },
		{ NAN, NAN }, { 1, 0 }, { 1.01, 0 }, { 2, 0 },
		{ 10, 10 }, { 10.1, 10 }, { 10.1, 10.1 }, { 10, 10 },
	};
	static const uint32_t parts[] = { 0, 9, 13 };
	struct geo_layer *l = layer(pts, 13, parts, 2);

	l->nshapes = 1;
	l->shapes = xcalloc(1, sizeof *l->shapes);
	l->shapes[0].nparts = 2;
	l->in_degrees = 1;
	l->nlod = GEO_NLOD;
	geo_layer_update_bbox(l);
	return l;
}

static void
test_level_keeps_ends_breaks_and_far_vertices(void **state)
{
	struct geo_layer *l = level_layer();
	const struct geo_lod *c = &l->lod[GEO_NLOD - 1];
	static const double want[] = { 0, 0.5, -1, 1, 2, 10 };
	size_t i;

	(void)state;
	assert_int_equal(geo_layer_coarsest(l), GEO_NLOD - 1);
	assert_false(geo_layer_level_ready(l, GEO_NLOD - 1));
	geo_layer_build_level(l, GEO_NLOD - 1);
	/* tolerance 0.3: close vertices go; the break, the vertex after it and the ends stay */
	assert_int_equal(c->npts, 6);
	for (i = 0; i < 6; i++) {
		if (want[i] < 0)
			assert_true(isnan(c->pts[i].x));
		else
			assert_true(c->pts[i].x == want[i]);
	}
	/* the small ring is a dot: its first vertex */
	assert_int_equal(c->parts[0], 0);
	assert_int_equal(c->parts[1], 5);
	assert_int_equal(c->parts[2], 6);
	assert_true(c->pts[5].y == 10);
	/* the finest level would keep 9 of 13 (what is at least 0.025 apart): too many */
	geo_layer_build_level(l, 0);
	assert_true(l->lod[0].absent);
	assert_int_equal(l->lod[0].npts, 0);
	assert_null(l->lod[0].pts);
	assert_int_equal(geo_layer_coarsest(l), GEO_NLOD - 1);
	geo_layer_free(l);
}

static void
test_level_projected_boxes_and_choice(void **state)
{
	struct geo_layer *l = level_layer();
	struct geo_lod *c = &l->lod[GEO_NLOD - 1];
	size_t i;

	(void)state;
	geo_layer_build_level(l, GEO_NLOD - 1);
	/* a projection that maps a degree to 1000 units */
	for (i = 0; i < c->npts; i++)
		c->pts[i].x *= 1000, c->pts[i].y *= 1000;
	geo_lod_projected(l, GEO_NLOD - 1);
	assert_true(geo_layer_level_ready(l, GEO_NLOD - 1));
	assert_false(geo_layer_level_ready(l, -1));
	assert_true(fabs(l->units_per_deg - 1000) < 1e-9);
	assert_true(c->boxes[0].x0 == 0 && c->boxes[0].x1 == 10000 &&
	    c->boxes[0].y0 == 0 && c->boxes[0].y1 == 10000);
	assert_memory_equal(&l->bbox, &c->boxes[0], sizeof l->bbox);
	/* a level is drawn when its tolerance is within a third of a dot */
	assert_int_equal(geo_layer_level(l, 900), GEO_NLOD - 1);
	assert_int_equal(geo_layer_level(l, 899), GEO_NLOD - 2);
	assert_int_equal(geo_layer_level(l, 75), 0);
	assert_int_equal(geo_layer_level(l, 74), -1);
	/* an absent level is passed over for a finer one */
	l->lod[GEO_NLOD - 2].absent = 1;
	assert_int_equal(geo_layer_level(l, 899), 0);
	l->lod[0].absent = 1;
	assert_int_equal(geo_layer_level(l, 899), -1);
	assert_int_equal(geo_layer_coarsest(l), GEO_NLOD - 1);
	geo_layer_free(l);
}

/* Projects level k of l as test_level_projected_boxes_and_choice() does: a degree is 1000 units. */
static void
project_level_1000(struct geo_layer *l, int k)
{
	size_t i;

	geo_layer_build_level(l, k);
	for (i = 0; i < l->lod[k].npts; i++)
		l->lod[k].pts[i].x *= 1000, l->lod[k].pts[i].y *= 1000;
	geo_lod_projected(l, k);
}

/*
 * A layer read again from its files takes a cache entry's projected
 * levels, and what it knows to be absent, and no more; not from a layer
 * of other parts.
 */
static void
test_adopt_levels(void **state)
{
	struct geo_layer *src = level_layer(), *dst = level_layer(), *other;
	const int c = GEO_NLOD - 1;
	static const struct geo_pt pts[] = { { 0, 0 }, { 1, 1 }, { 2, 2 } };
	static const uint32_t parts[] = { 0, 3 };

	(void)state;
	project_level_1000(src, c);
	geo_layer_build_level(src, 0);
	assert_true(src->lod[0].absent);
	assert_int_equal(geo_layer_adopt(dst, src), 0);
	assert_true(geo_layer_level_ready(dst, c));
	assert_int_equal(dst->lod[c].npts, src->lod[c].npts);
	assert_ptr_not_equal(dst->lod[c].pts, src->lod[c].pts);
	assert_memory_equal(dst->lod[c].pts, src->lod[c].pts,
	    src->lod[c].npts * sizeof *src->lod[c].pts);
	assert_memory_equal(dst->lod[c].parts, src->lod[c].parts,
	    (src->nparts + 1) * sizeof *src->parts);
	assert_memory_equal(dst->lod[c].boxes, src->lod[c].boxes, sizeof *src->lod[c].boxes);
	assert_memory_equal(&dst->bbox, &src->bbox, sizeof dst->bbox);
	assert_true(dst->units_per_deg == src->units_per_deg);
	assert_true(dst->lod[0].absent);
	/* the middle level was never projected: still to be built from lon/lat */
	assert_false(geo_layer_level_ready(dst, 1));
	assert_null(dst->lod[1].pts);
	assert_true(dst->in_degrees);
	/* and it is then built as it would have been */
	project_level_1000(dst, 1);
	project_level_1000(src, 1);
	assert_int_equal(dst->lod[1].npts, src->lod[1].npts);
	assert_memory_equal(dst->lod[1].pts, src->lod[1].pts,
	    src->lod[1].npts * sizeof *src->lod[1].pts);
	other = layer(pts, 3, parts, 1);
	other->nshapes = 1;
	other->shapes = xcalloc(1, sizeof *other->shapes);
	other->shapes[0].nparts = 1;
	other->in_degrees = 1;
	other->nlod = GEO_NLOD;
	assert_int_equal(geo_layer_adopt(other, src), -1);
	assert_null(other->lod[c].pts);
	geo_layer_free(other);
	geo_layer_free(src);
	geo_layer_free(dst);
}

/* n points of a wandering line from x0, jumping across the antimeridian now and then. */
static void
wander(struct geo_pt *pts, size_t n, double x0)
{
	size_t i;

	for (i = 0; i < n; i++) {
		pts[i].x = x0 + 0.003 * (double)(i % 5000) + 0.01 * sin((double)i);
		pts[i].y = 0.002 * (double)(i % 7919);
		if (i % 20011 == 0)
			pts[i].x -= 350;	/* across the antimeridian and back */
	}
}

/*
 * A layer big enough to be worked on in two threads gives the same breaks
 * and levels as its two halves worked on alone.
 */
static void
test_big_layer_in_two_halves(void **state)
{
	enum { HALF = 100000, PARTS = 40 };
	struct geo_pt *pts = xcalloc(2 * HALF, sizeof *pts);
	uint32_t parts[PARTS + 1], half_parts[PARTS / 2 + 1];
	struct geo_layer *big, *a, *b;
	size_t i, nb;
	int k;

	(void)state;
	wander(pts, 2 * HALF, -170);
	for (i = 0; i <= PARTS; i++)
		parts[i] = (uint32_t)(i * (2 * HALF / PARTS));
	for (i = 0; i <= PARTS / 2; i++)
		half_parts[i] = parts[i];
	big = layer(pts, 2 * HALF, parts, PARTS);
	a = layer(pts, HALF, half_parts, PARTS / 2);
	b = layer(pts + HALF, HALF, half_parts, PARTS / 2);
	nb = geo_layer_break(big, NULL);
	assert_true(nb > 0);
	assert_int_equal(geo_layer_break(a, NULL) + geo_layer_break(b, NULL), nb);
	assert_memory_equal(big->pts, a->pts, a->npts * sizeof *pts);
	assert_memory_equal(big->pts + a->npts, b->pts, b->npts * sizeof *pts);
	big->in_degrees = a->in_degrees = b->in_degrees = 1;
	big->nlod = a->nlod = b->nlod = GEO_NLOD;
	for (k = 0; k < GEO_NLOD; k++) {
		const struct geo_lod *L = &big->lod[k], *A = &a->lod[k], *B = &b->lod[k];

		geo_layer_build_level(big, k);
		geo_layer_build_level(a, k);
		geo_layer_build_level(b, k);
		assert_int_equal(L->npts, A->npts + B->npts);
		assert_memory_equal(L->pts, A->pts, A->npts * sizeof *pts);
		assert_memory_equal(L->pts + A->npts, B->pts, B->npts * sizeof *pts);
		for (i = 0; i < PARTS / 2; i++) {
			assert_int_equal(L->parts[i], A->parts[i]);
			assert_int_equal(L->parts[PARTS / 2 + i], A->npts + B->parts[i]);
		}
		assert_int_equal(L->parts[PARTS], L->npts);
	}
	geo_layer_free(big);
	geo_layer_free(a);
	geo_layer_free(b);
	free(pts);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_break_inserts_gaps),
		cmocka_unit_test(test_break_along_clip_box),
		cmocka_unit_test(test_break_nothing_to_cut),
		cmocka_unit_test(test_level_keeps_ends_breaks_and_far_vertices),
		cmocka_unit_test(test_level_projected_boxes_and_choice),
		cmocka_unit_test(test_adopt_levels),
		cmocka_unit_test(test_big_layer_in_two_halves),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
