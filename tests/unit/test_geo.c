/* test_geo.c: breaking lines where an edge must not be drawn. */
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

/* Cuts the edge that leaves x = 5. */
static int
leaves_five(const struct geo_pt *a, const struct geo_pt *b, void *ctx)
{
	(void)b;
	(void)ctx;
	return a->x == 5;
}

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

/* x of each point, with NAN as -1, for one comparison. */
static void
expect_xs(const struct geo_layer *l, const double *want, size_t n)
{
	size_t i;

	assert_int_equal(l->npts, n);
	for (i = 0; i < n; i++) {
		if (want[i] < 0)
			assert_true(isnan(l->pts[i].x) && isnan(l->pts[i].y));
		else
			assert_true(l->pts[i].x == want[i]);
	}
}

static void
test_break_inserts_gaps(void **state)
{
	/* three parts: cut, not cut, cut twice */
	static const struct geo_pt pts[] = {
		{ 0, 0 }, { 5, 0 }, { 10, 0 },
		{ 1, 1 }, { 2, 1 },
		{ 5, 2 }, { 6, 2 }, { 5, 2 }, { 7, 2 },
	};
	static const uint32_t parts[] = { 0, 3, 5, 9 };
	static const double want[] = { 0, 5, -1, 10, 1, 2, 5, -1, 6, 5, -1, 7 };
	static const uint32_t want_parts[] = { 0, 4, 6, 12 };
	struct geo_layer *l = layer(pts, 9, parts, 3);

	(void)state;
	assert_int_equal(geo_layer_break(l, leaves_five, NULL), 3);
	expect_xs(l, want, 12);
	assert_memory_equal(l->parts, want_parts, sizeof want_parts);
	assert_true(l->pts[3].y == 0 && l->pts[4].y == 1 && l->pts[11].y == 2);
	geo_layer_free(l);
}

static void
test_break_nothing_to_cut(void **state)
{
	static const struct geo_pt pts[] = { { 0, 0 }, { 1, 0 }, { 5, 0 } };
	static const uint32_t parts[] = { 0, 3 };
	static const double want[] = { 0, 1, 5 };
	struct geo_layer *l = layer(pts, 3, parts, 1);

	(void)state;
	/* the last point of a part starts no edge */
	assert_int_equal(geo_layer_break(l, leaves_five, NULL), 0);
	expect_xs(l, want, 3);
	assert_int_equal(l->parts[1], 3);
	geo_layer_free(l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_break_inserts_gaps),
		cmocka_unit_test(test_break_nothing_to_cut),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
