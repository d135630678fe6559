/*
 * test_data.c: validates data/ against the maps and the sources: every event
 * cites a URL, every place lies in Mali, and the statuses on key dates are
 * the ones TIMELINE-SOURCES' "status by place" table gives. Runs from the
 * repository root.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "search.h"
#include "shp.h"
#include "timeline.h"

static struct places *pl;
static struct timeline *tl;
static struct geo_layer *mali;

static int
setup(void **state)
{
	char *cause = NULL;

	(void)state;
	if ((pl = places_load("data/places.csv", &cause)) == NULL ||
	    (tl = timeline_load("data/events.csv", pl, &cause)) == NULL ||
	    (mali = shp_load("maps/mali_admin0.shp", &cause)) == NULL) {
		fprintf(stderr, "%s\n", cause);
		return -1;
	}
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	geo_layer_free(mali);
	timeline_free(tl);
	places_free(pl);
	return 0;
}

/* Even-odd point in polygon over every ring of the layer. */
static int
inside(const struct geo_layer *l, double x, double y)
{
	size_t p, i;
	int in = 0;

	for (p = 0; p < l->nparts; p++)
		for (i = (size_t)l->parts[p] + 1; i < l->parts[p + 1]; i++) {
			const struct geo_pt *a = &l->pts[i - 1], *b = &l->pts[i];

			if ((a->y > y) != (b->y > y) &&
			    x < a->x + (y - a->y) * (b->x - a->x) / (b->y - a->y))
				in = !in;
		}
	return in;
}

static void
places_in_mali(void **state)
{
	size_t i;

	(void)state;
	assert_true(pl->n >= 19);
	for (i = 0; i < pl->n; i++) {
		const struct place *p = &pl->v[i];

		if (p->outside_mali)
			continue;
		if (!inside(mali, p->lon_deg, p->lat_deg))
			fail_msg("%s (%f, %f) is not inside Mali", p->id, p->lat_deg, p->lon_deg);
		if (strncmp(p->source, "http", 4) != 0)
			fail_msg("place %s has no source URL", p->id);
	}
}

static void
required_places(void **state)
{
	static const char *const names[] = { "Kidal", "Gao", "Timbuktu", "Tombouctou",
	    "Anefis", "Anéfis", "Bamako", "Tessalit", "Aguelhok", "Ber", "Ansongo", "Mopti",
	    "Ménaka", "Menaka", "Bourem", "Léré", "Goundam", "Douentza", "Ogossagou", "Bamba",
	    "Taoussa", "Dioura" };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (search_find(pl, names[i]) == NULL)
			fail_msg("no place matches %s", names[i]);
}

static void
events_sourced(void **state)
{
	size_t i, reported = 0, planned = 0;

	(void)state;
	for (i = 0; i < tl->nevents; i++) {
		const struct event *ev = &tl->events[i];

		if (strncmp(ev->sources, "http", 4) != 0)
			fail_msg("event %s has no source URL", ev->id);
		if (ev->place == (size_t)-1)
			fail_msg("event %s has no place", ev->id);
		if (ev->summary[0] == '\0')
			fail_msg("event %s has no summary", ev->id);
		if (ev->planned)
			planned++;
		else
			reported++;
	}
	/* E0-E46 and the 2012/2015 context, and P1-P8 */
	assert_true(reported >= 49);
	assert_int_equal(planned, 8);
	for (i = 0; i <= 46; i++) {
		char id[8];

		snprintf(id, sizeof id, "E%zu", i);
		if (timeline_find(tl, id) < 0)
			fail_msg("event %s is missing", id);
	}
}

static void
expect(const char *date, const char *place, enum status want)
{
	enum status *st = calloc(pl->n, sizeof *st);
	day_t lo, hi;
	enum date_prec prec;
	struct place *p = places_by_id(pl, place);

	assert_non_null(p);
	assert_int_equal(date_parse(date, strlen(date), &lo, &hi, &prec), 0);
	timeline_state(tl, lo, st, NULL);
	if (st[p - pl->v] != want)
		fail_msg("%s on %s: %s, expected %s", place, date,
		    status_name(st[p - pl->v]), status_name(want));
	free(st);
}

static void
statuses_match_sources(void **state)
{
	(void)state;
	expect("2023-07-01", "kidal-un", STATUS_UN_CAMP);
	expect("2023-07-01", "kidal", STATUS_REBELS);
	expect("2023-07-01", "anefis", STATUS_REBELS);
	expect("2023-08-03", "ogossagou", STATUS_HANDED);
	expect("2023-08-12", "ber", STATUS_CONTESTED);
	expect("2023-08-13", "ber", STATUS_HANDED);
	expect("2023-09-17", "lere", STATUS_REBELS);
	expect("2023-09-18", "lere", STATUS_RETAKEN);
	expect("2023-10-05", "anefis", STATUS_CONTESTED);
	expect("2023-10-07", "anefis", STATUS_RETAKEN);
	expect("2023-10-07", "tessalit", STATUS_UN_CAMP);
	expect("2023-10-16", "tessalit", STATUS_UN_WITHDRAWING);
	expect("2023-10-21", "tessalit", STATUS_HANDED);
	expect("2023-10-21", "douentza", STATUS_HANDED);
	expect("2023-10-23", "aguelhok", STATUS_CONTESTED);
	expect("2023-10-25", "kidal-un", STATUS_UN_WITHDRAWING);
	expect("2023-10-31", "kidal-un", STATUS_REBELS);
	expect("2023-11-10", "kidal", STATUS_CONTESTED);
	expect("2023-11-14", "kidal", STATUS_RETAKEN);
	expect("2023-11-14", "kidal-un", STATUS_RETAKEN);
	expect("2023-11-14", "ansongo", STATUS_UN_CAMP);
	expect("2023-11-18", "ansongo", STATUS_HANDED);
	expect("2023-12-08", "sevare-un", STATUS_HANDED);
	expect("2023-12-11", "gao-un", STATUS_UN_WITHDRAWING);
	expect("2023-12-20", "aguelhok", STATUS_RETAKEN);
	expect("2023-12-27", "timbuktu-un", STATUS_UN_WITHDRAWING);
	expect("2023-12-28", "timbuktu-un", STATUS_HANDED);
	expect("2023-12-31", "bamako-un", STATUS_UN_WITHDRAWING);
	expect("2024-07-31", "gao-un", STATUS_HANDED);
	expect("2024-11-15", "bamako-un", STATUS_HANDED);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(places_in_mali),
		cmocka_unit_test(required_places),
		cmocka_unit_test(events_sourced),
		cmocka_unit_test(statuses_match_sources),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
