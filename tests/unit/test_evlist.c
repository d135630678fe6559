/*
 * test_evlist.c: the events list on the bundled data: a row per event in
 * file order, columns aligned whatever the text, a filter's events, a
 * site's history with its camps' events, the current event marked.
 * Runs from the repository root.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "evlist.h"
#include "places.h"
#include "text.h"
#include "timeline.h"

static struct places *pl;
static struct timeline *tl;

static int
setup(void **state)
{
	char *cause = NULL;

	(void)state;
	if ((pl = places_load("data/places.csv", &cause)) == NULL ||
	    (tl = timeline_load("data/events.csv", pl, &cause)) == NULL) {
		fprintf(stderr, "%s\n", cause);
		return -1;
	}
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	timeline_free(tl);
	places_free(pl);
	return 0;
}

static size_t
place_index(const char *id)
{
	return (size_t)(places_by_id(pl, id) - pl->v);
}

/* The display column where needle starts in s; -1 if absent. */
static int
column_of(const char *s, const char *needle)
{
	const char *p = strstr(s, needle);
	char *head;
	int w;

	if (p == NULL)
		return -1;
	head = strndup(s, (size_t)(p - s));
	w = text_width(head);
	free(head);
	return w;
}

/* Every event, in the timeline's order; the columns line up on every row. */
static void
every_event_aligned(void **state)
{
	struct evlist *el = evlist_new(tl, pl);
	struct listview *lv = evlist_view(el);
	char buf[1024], first[1024];
	size_t i;
	int date_col = -1;

	(void)state;
	assert_int_equal(evlist_show(el, NULL, NULL, 0), tl->nevents);
	assert_int_equal(listview_count(lv), tl->nevents);
	for (i = 0; i < tl->nevents; i++) {
		const struct event *ev = &tl->events[i];
		char date[64];
		int c;

		assert_int_equal(listview_row(lv, i), i);
		evlist_text(el, i, 0, buf, sizeof buf);
		/* the id after the mark's two columns, then the date in its column */
		assert_int_equal(column_of(buf, ev->id), 2);
		date_format(date, sizeof date, ev->lo, ev->hi, (enum date_prec)ev->prec);
		c = column_of(buf, date);
		assert_true(c > 2);
		if (date_col < 0)
			date_col = c;
		assert_int_equal(c, date_col);
		assert_non_null(strstr(buf, ev->summary));
	}
	/* nothing marked until told */
	evlist_text(el, 0, 0, first, sizeof first);
	assert_true(first[0] == ' ');
	evlist_set_current(el, 0);
	evlist_text(el, 0, 0, buf, sizeof buf);
	assert_true(buf[0] == '*');
	assert_string_equal(buf + 1, first + 1);
	evlist_free(el);
}

/* Kidal's site: the town's events and its UN camp's (E30-E33, P8), each naming its place. */
static void
history_of_a_site(void **state)
{
	struct evlist *el = evlist_new(tl, pl);
	struct listview *lv = evlist_view(el);
	size_t site[2] = { place_index("kidal"), place_index("kidal-un") };
	static const char *const want[] = { "E30", "E31", "E32", "E33", "E35", "E36", "P8" };
	char buf[1024];
	size_t n, i, k;

	(void)state;
	n = evlist_show(el, NULL, site, 2);
	assert_int_equal(listview_count(lv), n);
	for (k = 0; k < sizeof want / sizeof want[0]; k++) {
		long e = timeline_find(tl, want[k]);

		assert_true(e >= 0);
		assert_int_equal(listview_goto(lv, (size_t)e), 1);
		assert_int_equal(evlist_event(el), (size_t)e);
	}
	/* and only events that concern the site, in order */
	for (i = 0; i < n; i++) {
		size_t ev = listview_row(lv, i);

		assert_true(i == 0 || ev > listview_row(lv, i - 1));
		evlist_text(el, ev, 0, buf, sizeof buf);
		assert_true(strstr(buf, "Kidal") != NULL);
	}
	/* the town alone has fewer */
	assert_true(evlist_show(el, NULL, site, 1) < n);
	evlist_free(el);
}

/* A filter's events, and a history within it. */
static void
filtered(void **state)
{
	struct evlist *el = evlist_new(tl, pl);
	unsigned char *match = calloc(tl->nevents, 1);
	size_t site[2] = { place_index("kidal"), place_index("kidal-un") };
	size_t n;

	(void)state;
	n = timeline_match(tl, "convoy", match);
	assert_true(n > 0);
	assert_int_equal(evlist_show(el, match, NULL, 0), n);
	assert_true(evlist_show(el, match, site, 2) <= n);
	memset(match, 0, tl->nevents);
	assert_int_equal(evlist_show(el, match, NULL, 0), 0);
	assert_int_equal(evlist_event(el), EVLIST_NONE);
	free(match);
	evlist_free(el);
}

/* The change column says what an event sets, at another place too. */
static void
change_column(void **state)
{
	struct evlist *el = evlist_new(tl, pl);
	char buf[1024];
	long e = timeline_find(tl, "E36");

	(void)state;
	evlist_text(el, (size_t)e, 0, buf, sizeof buf);
	assert_non_null(strstr(buf, status_label(STATUS_RETAKEN)));
	assert_non_null(strstr(buf, "+1"));
	e = timeline_find(tl, "P8");
	evlist_text(el, (size_t)e, 0, buf, sizeof buf);
	assert_non_null(strstr(buf, "planned"));
	evlist_free(el);
}

/*
 * In an 80-column list the summary has a third of the width: the place and
 * change columns give way, cut with a mark, the columns still aligned; a
 * search reads the whole row (cols 0).
 */
static void
narrow_list(void **state)
{
	struct evlist *el = evlist_new(tl, pl);
	long e = timeline_find(tl, "E13");
	char buf[1024], whole[1024];
	size_t i;
	int sum_col = -1, cut = 0;

	(void)state;
	for (i = 0; i < tl->nevents; i++) {
		const struct event *ev = &tl->events[i];
		int c;

		evlist_text(el, i, 80, buf, sizeof buf);
		c = column_of(buf, ev->summary);
		assert_true(c > 0);
		if (sum_col < 0)
			sum_col = c;
		assert_int_equal(c, sum_col);
		cut += strstr(buf, "\xe2\x80\xa6") != NULL;
	}
	/* 80 - 80 / 3 columns at most before the summary */
	assert_true(sum_col <= 80 - 80 / 3);
	assert_true(cut > 0);
	/* E13's change, "held by rebels (CSP) +1", is cut in the list, whole for a search */
	assert_true(e >= 0);
	evlist_text(el, (size_t)e, 80, buf, sizeof buf);
	evlist_text(el, (size_t)e, 0, whole, sizeof whole);
	assert_non_null(strstr(whole, "+1"));
	assert_null(strstr(buf, "+1"));
	assert_non_null(strstr(buf, "\xe2\x80\xa6"));
	/* wide enough, every column whole: the row is the whole row */
	evlist_text(el, (size_t)e, 200, buf, sizeof buf);
	assert_string_equal(buf, whole);
	evlist_free(el);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_event_aligned),
		cmocka_unit_test(history_of_a_site),
		cmocka_unit_test(filtered),
		cmocka_unit_test(change_column),
		cmocka_unit_test(narrow_list),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
