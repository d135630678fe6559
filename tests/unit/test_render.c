/*
 * test_render.c: viewport round trips, labels that never collide or leave
 * the frame, and aggregate counts over more events than one core counts.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "timeline.h"

static void
viewport_round_trip(void **state)
{
	struct viewport vp = { 0, 0, 1, 1, 0, 4, 200, 160 };
	struct geo_bbox b = { -1000, -500, 3000, 1500 };
	double px, py, x, y;

	(void)state;
	vp_fit(&vp, &b, 0);
	/* the box's long side fills the area; its centre is the area's centre */
	assert_true(fabs(vp.m_per_px - 20) < 1e-9);
	vp_to_px(&vp, 1000, 500, &px, &py);
	assert_true(fabs(px - 100) < 1e-9 && fabs(py - 84) < 1e-9);
	vp_to_px(&vp, 3000, 1500, &px, &py);	/* north-east corner: right and up */
	assert_true(fabs(px - 200) < 1e-9 && py < 84);
	vp_zoom(&vp, 2, 150, 40);
	vp_from_px(&vp, 150, 40, &x, &y);
	vp_to_px(&vp, x, y, &px, &py);
	assert_true(fabs(px - 150) < 1e-9 && fabs(py - 40) < 1e-9);
	vp_pan(&vp, 10, 0);
	assert_true(fabs(vp.cx_m - (1000 + 100 + 10 * 10)) < 1e-6 || vp.cx_m > 1000);
}

/* Five places in a tight cluster near the right edge: labels must find room or give up. */
static const char places_csv[] =
    "id,name,lat,lon,kind,initial,source\n"
    "a,Alpha,0,94,town,un-camp,s\n"
    "b,Bravo,0,94.3,town,army-held,s\n"
    "c,Charlie,1,94,town,contested,s\n"
    "d,Delta,-1,94.3,town,taken-by-rebels,s\n"
    "e,Echo,0,95.8,town,none,s\n";

static int
count(const char *hay, const char *needle)
{
	int n = 0;

	for (const char *p = hay; (p = strstr(p, needle)) != NULL; p++)
		n++;
	return n;
}

static void
labels_never_collide(void **state)
{
	struct places *pl;
	struct canvas *cv = canvas_new(40, 12, CANVAS_ASCII);
	struct view view;
	struct scene sc;
	char *cause = NULL, frame[12 * 64] = "", row[256];
	size_t i;
	int r;

	(void)state;
	pl = places_load_mem("p.csv", places_csv, sizeof places_csv - 1, &cause);
	assert_non_null(pl);
	for (i = 0; i < pl->n; i++) {
		pl->v[i].xy.x = pl->v[i].lon_deg * 1000;
		pl->v[i].xy.y = pl->v[i].lat_deg * 1000;
	}
	memset(&view, 0, sizeof view);
	view.vp.x0_px = 0, view.vp.y0_px = 2, view.vp.w_px = 80, view.vp.h_px = 20;
	view.vp.px_aspect = 2;
	view.vp.cx_m = 90000, view.vp.cy_m = 0, view.vp.m_per_px = 150;
	view.selected = (size_t)-1;
	memset(&sc, 0, sizeof sc);
	sc.places = pl;
	sc.view = &view;
	render_scene(cv, &sc);
	for (r = 0; r < 12; r++) {
		canvas_row_utf8(cv, r, row, sizeof row);
		assert_true(strlen(row) <= 40);
		strcat(frame, row);
		strcat(frame, "\n");
	}
	if (getenv("SHOW") != NULL)
		fputs(frame, stderr);
	/* every marker is drawn, once: U A ? R . */
	assert_int_equal(count(frame, "U"), 1);
	assert_int_equal(count(frame, "R"), 1);
	/* each label appears at most once and whole, never cut by another */
	assert_true(count(frame, "Alpha") == 1);
	assert_true(count(frame, "Bravo") <= 1);
	assert_true(count(frame, "Charlie") <= 1);
	assert_true(count(frame, "Delta") <= 1);
	/* Echo sits at the right edge: its label goes left of it or nowhere */
	assert_true(count(frame, "Echo") <= 1);
	for (r = 1; r < 11; r++) {
		canvas_row_utf8(cv, r, row, sizeof row);
		if (strstr(row, "Echo") != NULL)
			assert_true(strstr(row, "Echo") - row + 4 <= 40);
	}
	places_free(pl);
	canvas_free(cv);
}

/* Alpha and Bravo share a cell; Charlie and Delta have one each. */
static const char cell_places_csv[] =
    "id,name,lat,lon,kind,initial,source\n"
    "a,Alpha,0,94,town,none,s\n"
    "b,Bravo,0,94.001,town,none,s\n"
    "c,Charlie,1,94,town,none,s\n"
    "d,Delta,-1,94.3,town,none,s\n";

#define CELL_EVENTS	300000	/* counted in two halves on two cores */

/* An aggregated view, 60x16 pixels at day 19000, fitted to pl's places (at 1000x their degrees). */
static void
aggregate_view(struct places *pl, struct view *v)
{
	struct geo_bbox b;
	size_t i;

	geo_bbox_empty(&b);
	for (i = 0; i < pl->n; i++) {
		pl->v[i].xy.x = pl->v[i].lon_deg * 1000;
		pl->v[i].xy.y = pl->v[i].lat_deg * 1000;
		geo_bbox_add(&b, pl->v[i].xy.x, pl->v[i].xy.y);
	}
	memset(v, 0, sizeof *v);
	v->vp.y0_px = 2, v->vp.w_px = 60, v->vp.h_px = 16, v->vp.px_aspect = 2;
	vp_fit(&v->vp, &b, 0.1);
	v->aggregate = 1;
	v->have_day = 1;
	v->day = 19000;
	v->selected = (size_t)-1;
}

/* Draws pl and tl in view v on cv, what the frame placed reported in rep. */
static void
render_reported(struct canvas *cv, const struct places *pl, const struct timeline *tl,
    const struct view *v, struct render_report *rep)
{
	struct scene sc;

	memset(&sc, 0, sizeof sc);
	memset(rep, 0, sizeof *rep);
	sc.places = pl;
	sc.tl = tl;
	sc.view = v;
	sc.report = rep;
	render_scene(cv, &sc);
}

/*
 * An aggregate frame over 300,000 events, counted on two threads: every
 * cell counts what one count in file order gives (a filter's events only;
 * weights held at UINT_MAX), and a cell shared by two places as busy is
 * named by the one whose last event came first (of weight 0 too), which
 * only the second half tells (the first says the other).
 */
static void
aggregate_counts_on_two_threads(void **state)
{
	struct places *pl;
	char *cause = NULL;
	int weighted;

	(void)state;
	pl = places_load_mem("p.csv", cell_places_csv, sizeof cell_places_csv - 1, &cause);
	assert_non_null(pl);
	for (weighted = 0; weighted < 2; weighted++) {
		struct timeline *tl = timeline_new(pl);
		struct canvas *cv = canvas_new(60, 20, CANVAS_ASCII);
		unsigned char *match = weighted ? NULL : malloc(CELL_EVENTS);
		unsigned want[4] = { 0, 0, 0, 0 };
		size_t last[4] = { 0, 0, 0, 0 }, i, k, half = CELL_EVENTS / 2;
		struct render_report rep;
		struct view v;

		for (i = 0; i < CELL_EVENTS; i++) {
			struct event *ev = timeline_push(tl);
			/* Alpha and Bravo: 3e9 events twice each, once in each half */
			uint32_t w = weighted && (i == 1000 || i == 1001 || i == CELL_EVENTS - 1001 ||
			    i == CELL_EVENTS - 1002) ? 3000000000u : 1;
			char id[16];

			ev->id = timeline_text(tl, id, (size_t)snprintf(id, sizeof id, "E%zu", i));

			/* Charlie in the first half only, Delta in the second, the others turn about */
			ev->place = i < 1000 ? 2 : i >= CELL_EVENTS - 1000 ? 3 :
			    (i % 2 == 0) == (i < half) ? 0 : 1;
			/* an event of weight 0 is still Bravo's last, after Alpha's */
			if (weighted && i == CELL_EVENTS - 1000) {
				ev->place = 1;
				w = 0;
			}
			ev->lo = ev->hi = ev->day = 19000;
			ev->prec = DATE_DAY;
			if (weighted)
				timeline_set_weight(tl, ev, w);
			if (match != NULL)
				match[i] = i % 5 != 0;
			if (match != NULL && !match[i])
				continue;
			want[ev->place] = want[ev->place] > UINT_MAX - w ? UINT_MAX :
			    want[ev->place] + w;
			last[ev->place] = i;
		}
		if ((tl = timeline_finish(tl, "cells", &cause)) == NULL)
			fail_msg("%s", cause);
		aggregate_view(pl, &v);
		v.match = match;
		render_reported(cv, pl, tl, &v, &rep);
		assert_int_equal(rep.nsites, 3);
		for (k = 0; k < rep.nsites; k++) {
			const struct render_site *s = &rep.sites[k];

			if (s->place == 2 || s->place == 3) {
				assert_int_equal(s->events, want[s->place]);
				assert_int_equal(s->places, 1);
				continue;
			}
			/*
			 * As busy (or both held at UINT_MAX): counted, Bravo's last
			 * event came first (the first half says Alpha's); weighted,
			 * Alpha's did (Bravo's last weighs 0).
			 */
			assert_int_equal(want[0], want[1]);
			assert_true(last[0] >= half && last[1] >= half);
			assert_int_equal(s->place, last[1] < last[0] ? 1 : 0);
			assert_int_equal(s->place, weighted ? 0 : 1);
			assert_int_equal(s->events, want[0] > UINT_MAX - want[1] ? UINT_MAX :
			    want[0] + want[1]);
			assert_int_equal(s->places, 2);
		}
		if (weighted)
			assert_true(want[0] == UINT_MAX && want[1] == UINT_MAX);
		free(rep.sites);
		free(match);
		canvas_free(cv);
		timeline_free(tl);
	}
	places_free(pl);
}

/* Four places far apart, with 1, 3, 10 and 25 events: one of each count class. */
static const char class_places_csv[] =
    "id,name,lat,lon,kind,initial,source\n"
    "a,Alpha,0,90,town,none,s\n"
    "b,Bravo,0,96,town,none,s\n"
    "c,Charlie,4,90,town,none,s\n"
    "d,Delta,4,96,town,none,s\n";

/*
 * In ASCII the counted cells of an export are drawn with characters that
 * no outline, border, river or route is (any of the 16 a cell of 2x2 dots
 * shows): one event was '.', the dot of every outline, so a cell with one
 * event read as a bend of a border. The four classes stay apart.
 */
static void
aggregate_ascii_apart(void **state)
{
	static const unsigned counts[4] = { 1, 3, 10, 25 };
	struct places *pl;
	struct timeline *tl;
	struct canvas *cv = canvas_new(60, 20, CANVAS_ASCII), *one = canvas_new(1, 1, CANVAS_ASCII);
	struct render_report rep;
	struct view v;
	char *cause = NULL;
	uint32_t dots[16], seen[4];
	size_t i, k;
	unsigned j;
	enum style st;

	(void)state;
	for (i = 0; i < 16; i++) {
		canvas_clear(one);
		for (k = 0; k < 4; k++)
			if (i >> k & 1)
				canvas_dot(one, (int)(k % 2), (int)(k / 2), STYLE_BORDER);
		dots[i] = canvas_cell(one, 0, 0, &st);
	}
	pl = places_load_mem("p.csv", class_places_csv, sizeof class_places_csv - 1, &cause);
	assert_non_null(pl);
	tl = timeline_new(pl);
	for (i = 0; i < pl->n; i++)
		for (j = 0; j < counts[i]; j++) {
			struct event *ev = timeline_push(tl);
			char id[16];

			ev->id = timeline_text(tl, id, (size_t)snprintf(id, sizeof id, "E%zu%u", i, j));
			ev->place = i;
			ev->lo = ev->hi = ev->day = 19000;
			ev->prec = DATE_DAY;
		}
	if ((tl = timeline_finish(tl, "classes", &cause)) == NULL)
		fail_msg("%s", cause);
	aggregate_view(pl, &v);
	render_reported(cv, pl, tl, &v, &rep);
	assert_int_equal(rep.nsites, 4);
	for (k = 0; k < rep.nsites; k++) {
		const struct render_site *s = &rep.sites[k];

		assert_int_equal(s->events, counts[s->place]);
		seen[s->place] = canvas_cell(cv, s->mcol, s->mrow, &st);
		for (i = 0; i < 16; i++)
			if (seen[s->place] == dots[i])
				fail_msg("%u event(s) drawn '%c', as the dots %#zx are", counts[s->place],
				    (int)seen[s->place], i);
	}
	for (k = 0; k < 4; k++)
		for (i = k + 1; i < 4; i++)
			assert_int_not_equal(seen[k], seen[i]);
	free(rep.sites);
	timeline_free(tl);
	places_free(pl);
	canvas_free(one);
	canvas_free(cv);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(viewport_round_trip),
		cmocka_unit_test(labels_never_collide),
		cmocka_unit_test(aggregate_counts_on_two_threads),
		cmocka_unit_test(aggregate_ascii_apart),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
