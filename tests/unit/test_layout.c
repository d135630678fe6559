/* test_layout.c: the frame's regions tile it at every size, and the view's widest zoom. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "layout.h"
#include "viewport.h"

#define MALI	1.073		/* Mali's width over its height in the default projection */

static struct layout_want
want(int cols, int rows, int panel, int legend, double aspect)
{
	struct layout_want w;

	memset(&w, 0, sizeof w);
	w.cols = cols;
	w.rows = rows;
	w.panel = panel;
	w.legend = legend;
	w.strip = 1;
	w.legend_lines = 13;
	w.legend_width = 24;
	w.aspect = aspect;
	return w;
}

static int
inside(const struct layout_rect *r, int cols, int rows)
{
	return r->cols == 0 || (r->col >= 0 && r->row >= 0 && r->col + r->cols <= cols &&
	    r->row + r->rows <= rows);
}

static int
overlap(const struct layout_rect *a, const struct layout_rect *b)
{
	if (a->cols == 0 || b->cols == 0)
		return 0;
	return a->col < b->col + b->cols && b->col < a->col + a->cols &&
	    a->row < b->row + b->rows && b->row < a->row + a->rows;
}

/* Every size, toggle and shape: regions inside the frame, none overlapping another. */
static void
regions_tile(void **state)
{
	static const double aspects[] = { 0, 0.4, MALI, 2.1, 5 };
	int cols, rows, t, a;

	(void)state;
	for (cols = 1; cols <= 240; cols += cols < 50 ? 1 : 7)
		for (rows = 1; rows <= 80; rows += rows < 30 ? 1 : 5)
			for (t = 0; t < 4; t++)
				for (a = 0; a < 5; a++) {
					struct layout_want w = want(cols, rows, t & 1, t >> 1,
					    aspects[a]);
					struct layout l;
					const struct layout_rect *r[6];
					int i, j;

					layout_compute(&w, &l);
					r[0] = &l.title, r[1] = &l.map, r[2] = &l.legend;
					r[3] = &l.panel, r[4] = &l.strip, r[5] = &l.footer;
					for (i = 0; i < 6; i++) {
						assert_true(inside(r[i], cols, rows));
						for (j = i + 1; j < 6; j++)
							assert_false(overlap(r[i], r[j]));
					}
					if (rows >= 2)
						assert_true(l.map.rows >= 1 && l.map.cols >= 1);
					/* what is wanted is there, from 8 rows on */
					if (rows >= 8 && (t & 1))
						assert_true(l.panel.rows >= 1);
					if (rows >= 8 && (t >> 1))
						assert_true(l.legend.rows >= 1 && !l.legend_hidden);
					if (!(t & 1))
						assert_int_equal(l.panel.rows, 0);
					if (!(t >> 1))
						assert_int_equal(l.legend.rows, 0);
				}
}

/* 80x24, the terminal most people have: Mali is as tall as the frame allows. */
static void
terminal_80x24(void **state)
{
	struct layout_want w = want(80, 24, 1, 1, MALI);
	struct layout l;

	(void)state;
	layout_compute(&w, &l);
	assert_int_equal(l.form, LAYOUT_SIDE);
	/* title, map, strip, footer; the column beside the map holds legend and panel */
	assert_int_equal(l.map.row, 1);
	assert_int_equal(l.map.rows, 21);
	assert_int_equal(l.map.cols, 54);
	assert_int_equal(l.legend.col, 54);
	assert_int_equal(l.legend.rows, 13);
	assert_int_equal(l.panel.row, 14);
	assert_int_equal(l.panel.rows, 8);
	assert_int_equal(l.strip.row, 22);
	assert_int_equal(l.footer.row, 23);
	/* the panel off: the legend keeps its place, the map its size */
	w.panel = 0;
	layout_compute(&w, &l);
	assert_int_equal(l.form, LAYOUT_SIDE);
	assert_int_equal(l.map.cols, 54);
	assert_int_equal(l.panel.rows, 0);
	/* both off: the whole width is map */
	w.legend = 0;
	layout_compute(&w, &l);
	assert_int_equal(l.map.cols, 80);
	assert_int_equal(l.map.rows, 21);
}

/* Small frames: a one-line panel and a one-line key; tiny ones hide the legend. */
static void
small_frames(void **state)
{
	struct layout_want w = want(40, 12, 1, 1, MALI);
	struct layout l;

	(void)state;
	layout_compute(&w, &l);
	assert_int_equal(l.form, LAYOUT_LINE);
	assert_int_equal(l.panel.rows, 1);
	assert_int_equal(l.legend.rows, 1);
	assert_int_equal(l.map.rows, 7);
	assert_int_equal(l.legend.row, l.map.row + l.map.rows);
	assert_int_equal(l.panel.row, l.legend.row + 1);
	w = want(40, 6, 1, 1, MALI);
	layout_compute(&w, &l);
	assert_int_equal(l.form, LAYOUT_BARE);
	assert_true(l.legend_hidden);
	assert_int_equal(l.legend.rows, 0);
	assert_true(l.map.rows >= 2);
}

/* The arrangement follows the data's shape: a wide extent puts the panel under the map. */
static void
shape_decides(void **state)
{
	struct layout_want w = want(80, 24, 1, 1, 2.1);
	struct layout l;

	(void)state;
	layout_compute(&w, &l);
	assert_int_not_equal(l.form, LAYOUT_SIDE);
	assert_int_equal(l.map.cols, 80);
	/* a tall, narrow frame too */
	w = want(60, 50, 1, 1, MALI);
	layout_compute(&w, &l);
	assert_int_not_equal(l.form, LAYOUT_SIDE);
	/* and wide frames keep the side column */
	w = want(160, 50, 1, 1, MALI);
	layout_compute(&w, &l);
	assert_int_equal(l.form, LAYOUT_SIDE);
	assert_int_equal(l.map.rows, 47);
}

/* The layout depends on the wants alone: the same in, the same out. */
static void
stable(void **state)
{
	struct layout_want w = want(100, 40, 1, 1, MALI);
	struct layout a, b;

	(void)state;
	layout_compute(&w, &a);
	layout_compute(&w, &b);
	assert_true(layout_same(&a, &b));
	w.legend = 0;
	layout_compute(&w, &b);
	assert_false(layout_same(&a, &b));
}

/* Zooming out stops while the home extent is min_cells wide, never before the home view. */
static void
widest_zoom(void **state)
{
	struct viewport vp = { 0, 0, 1, 2, 0, 4, 100, 80 };	/* 50 cells of 2 sub-pixels */
	struct geo_bbox home = { 0, 0, 1000000, 800000 };
	double lim;

	(void)state;
	vp_fit(&vp, &home, 0.02);
	lim = vp_widest(&vp, &home, 0.02, 16, 2);
	/* 1000 km over 16 cells of 2 sub-pixels */
	assert_true(fabs(lim - 1000000.0 / 32) < 1e-6);
	assert_true(lim > vp.m_per_px);
	/* a frame where home is under 16 cells wide: its own fit is the limit */
	vp.w_px = 20;
	vp_fit(&vp, &home, 0.02);
	lim = vp_widest(&vp, &home, 0.02, 16, 2);
	assert_true(fabs(lim - vp.m_per_px) < 1e-9);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(regions_tile),
		cmocka_unit_test(terminal_80x24),
		cmocka_unit_test(small_frames),
		cmocka_unit_test(shape_decides),
		cmocka_unit_test(stable),
		cmocka_unit_test(widest_zoom),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
