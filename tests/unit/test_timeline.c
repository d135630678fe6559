/*
 * test_timeline.c: the fold of effects, planned versus reported, precision,
 * bad rows; the rule for dates (anchors, stops) and planned changes, on
 * made-up timelines.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sys/mman.h>

#include "cache.h"
#include "import.h"
#include "instream.h"
#include "util.h"
#include "text.h"
#include "timeline.h"

static const char places_csv[] =
    "id,name,lat,lon,kind,initial,source\n"
    "camp,Camp,18,1,un-camp,un-camp,s\n"
    "town,Town,17,0,town,taken-by-rebels,s\n";

static const char events_csv[] =
    "id,date,end_date,precision,place,kind,effects,actors,summary,sources,note\n"
    "E1,2023-10-16,,day,camp,reported,camp=attacked>un-withdrawing,a,withdrawal announced,http://x,\n"
    "P1,2023-11-15,2023-11-30,range,camp,planned,camp=handed-to-army,a,handover planned,http://x,\n"
    "E2,2023-10-31,,day,camp,reported,camp=taken-by-rebels,a,camp taken,http://x,\n"
    "E3,2023-11-10,2023-11-14,range,town,reported,town=contested;camp=contested;town=retaken-by-army@2023-11-14,a,battle,http://x,\n"
    "E4,2024-07,,month,camp,reported,camp=handed-to-army,a,handed over in July,http://x,\n";

static struct places *pl;
static struct timeline *tl;

static int
setup(void **state)
{
	char *cause = NULL;

	(void)state;
	pl = places_load_mem("p.csv", places_csv, sizeof places_csv - 1, &cause);
	assert_non_null(pl);
	tl = timeline_load_mem("e.csv", events_csv, sizeof events_csv - 1, pl, &cause);
	if (tl == NULL)
		fail_msg("%s", cause);
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

static day_t
d(int y, int m, int dd)
{
	day_t day;

	assert_int_equal(date_from_ymd(y, m, dd, &day), 0);
	return day;
}

static void
order_and_days(void **state)
{
	struct stop at, next;

	(void)state;
	assert_int_equal(tl->nevents, 5);
	/* sorted by first stop; a range is under way from its first day */
	assert_string_equal(tl->events[0].id, "E1");
	assert_string_equal(tl->events[1].id, "E2");
	assert_string_equal(tl->events[2].id, "E3");
	assert_int_equal(tl->events[2].day, d(2023, 11, 10));
	assert_string_equal(tl->events[3].id, "P1");
	assert_true(tl->events[3].planned);
	assert_int_equal(tl->events[4].prec, DATE_MONTH);
	assert_int_equal(tl->events[4].hi, d(2024, 7, 31));
	/* a month is certain from its last day */
	assert_int_equal(tl->events[4].day, d(2024, 7, 31));
	/* E3's second day is a stop of its own, the one stop beyond the events' */
	at.day = d(2023, 11, 10);
	at.ev = 2;
	assert_int_equal(timeline_stop_next(tl, &at, NULL, &next), 0);
	assert_int_equal(next.day, d(2023, 11, 14));
	assert_int_equal(next.ev, 2);
	assert_int_equal(timeline_nstops(tl), 6);
	assert_int_equal(tl->last_day, d(2024, 7, 31));
}

static void
fold(void **state)
{
	enum status st[2];
	unsigned char att[2];

	(void)state;
	timeline_state(tl, d(2023, 10, 15), st, att);	/* before: initial */
	assert_int_equal(st[0], STATUS_UN_CAMP);
	assert_int_equal(st[1], STATUS_REBELS);
	timeline_state(tl, d(2023, 10, 16), st, att);	/* on the day, attacked */
	assert_int_equal(st[0], STATUS_UN_WITHDRAWING);
	assert_int_equal(att[0], 1);
	timeline_state(tl, d(2023, 10, 17), st, att);	/* the marker is for that day only */
	assert_int_equal(st[0], STATUS_UN_WITHDRAWING);
	assert_int_equal(att[0], 0);
	timeline_state(tl, d(2023, 11, 12), st, att);	/* inside the range */
	assert_int_equal(st[0], STATUS_CONTESTED);
	assert_int_equal(st[1], STATUS_CONTESTED);
	timeline_state(tl, d(2023, 11, 14), st, att);
	assert_int_equal(st[1], STATUS_RETAKEN);
	/* the planned handover never applies */
	timeline_state(tl, d(2023, 12, 31), st, att);
	assert_int_equal(st[0], STATUS_CONTESTED);
	/* "July 2024": from its last day, not its first */
	timeline_state(tl, d(2024, 7, 30), st, att);
	assert_int_equal(st[0], STATUS_CONTESTED);
	timeline_state(tl, d(2024, 7, 31), st, att);
	assert_int_equal(st[0], STATUS_HANDED);
}

/* Before the initial statuses' day only effects give a status, and no plan is pending. */
static void
initial_from(void **state)
{
	enum status st[2], origin[2];
	unsigned char att[2];
	day_t since[2];
	size_t from[2];
	enum plan_state ps;

	(void)state;
	tl->initial_from = d(2023, 10, 16);
	timeline_state(tl, d(2023, 10, 15), st, att);
	assert_int_equal(st[0], STATUS_NONE);
	assert_int_equal(st[1], STATUS_NONE);
	assert_null(timeline_plan(tl, 0, d(2023, 10, 15), st[0], &ps));
	assert_int_equal(ps, PLAN_NONE);
	timeline_origins(tl, d(2023, 10, 15), origin, since, from);
	assert_int_equal(origin[1], STATUS_NONE);
	timeline_state(tl, d(2023, 10, 16), st, att);
	assert_int_equal(st[0], STATUS_UN_WITHDRAWING);
	assert_int_equal(st[1], STATUS_REBELS);
	/* an effect before that day still counts; the initial status does not */
	tl->initial_from = d(2023, 11, 13);
	timeline_state(tl, d(2023, 10, 17), st, att);
	assert_int_equal(st[0], STATUS_UN_WITHDRAWING);
	assert_int_equal(st[1], STATUS_NONE);
	timeline_origins(tl, d(2023, 10, 17), origin, since, from);
	assert_int_equal(origin[0], STATUS_UN_WITHDRAWING);
	assert_int_equal(origin[1], STATUS_NONE);
	tl->initial_from = INT32_MIN;
	timeline_state(tl, d(2023, 10, 15), st, att);
	assert_int_equal(st[1], STATUS_REBELS);
	assert_non_null(timeline_plan(tl, 0, d(2023, 10, 15), st[0], &ps));
}

static void
positions(void **state)
{
	(void)state;
	assert_int_equal(timeline_upto_day(tl, d(2023, 1, 1)), 0);
	assert_int_equal(timeline_upto_day(tl, d(2023, 10, 16)), 1);
	assert_int_equal(timeline_upto_day(tl, d(2023, 11, 9)), 2);
	assert_int_equal(timeline_upto_day(tl, d(2023, 11, 13)), 3);
	assert_int_equal(timeline_upto_day(tl, d(2030, 1, 1)), 5);
	assert_int_equal(timeline_find(tl, "E3"), 2);
	assert_int_equal(timeline_find(tl, "nope"), -1);
}

static void
expect_error(const char *rows, const char *msg)
{
	char buf[1024], *cause = NULL;
	struct timeline *t;

	snprintf(buf, sizeof buf, "id,date,end_date,precision,place,kind,effects,actors,"
	    "summary,sources,note\n%s", rows);
	t = timeline_load_mem("e.csv", buf, strlen(buf), pl, &cause);
	assert_null(t);
	assert_non_null(cause);
	assert_string_equal(cause, msg);
	free(cause);
}

static void
bad_rows(void **state)
{
	(void)state;
	expect_error("E1,2023-02-30,,day,camp,reported,,,,,\n",
	    "e.csv:2: date \"2023-02-30\" is not a real date, YYYY-MM-DD or YYYY-MM");
	expect_error("E1,2023-02-01,,day,nowhere,reported,,,,,\n",
	    "e.csv:2: unknown place \"nowhere\"");
	expect_error("E1,2023-02-01,,day,camp,reported,camp=sleeping,,,,\n",
	    "e.csv:2: unknown status \"sleeping\"");
	expect_error("E1,2023-02-01,,day,camp,reported,,,,,\nE1,2023-02-02,,day,camp,reported,,,,,\n",
	    "e.csv:3: duplicate id \"E1\"");
	/* out of date order: the first duplicate in file order, not in date order */
	expect_error("E2,2023-03-01,,day,camp,reported,,,,,\nE1,2023-02-09,,day,camp,reported,,,,,\n"
	    "E2,2023-03-02,,day,camp,reported,,,,,\nE1,2023-01-02,,day,camp,reported,,,,,\n",
	    "e.csv:4: duplicate id \"E2\"");
	expect_error("E1,2023-02,,day,camp,reported,,,,,\n",
	    "e.csv:2: date \"2023-02\" does not have precision day");
	expect_error("E1,2023-02-05,2023-02-01,range,camp,reported,,,,,\n",
	    "e.csv:2: a range needs date and end_date as days, end not before start");
	expect_error("E1,2023-02-01,,day,camp,rumoured,,,,,\n",
	    "e.csv:2: kind \"rumoured\" is not reported or planned");
	expect_error("E1,2023-02-01,,day,camp,reported,camp=contested@2023-03-01,,,,\n",
	    "e.csv:2: effect day \"2023-03-01\" is not a day within the event's dates");
	expect_error("E1,\"2023-02-01,,day\n",
	    "e.csv:2: unterminated quoted field");
}

static struct timeline *
load_routes(const char *rows, char **cause)
{
	char buf[1024];

	snprintf(buf, sizeof buf, "id,date,end_date,precision,place,kind,effects,actors,"
	    "summary,sources,note,route\n%s", rows);
	return timeline_load_mem("e.csv", buf, strlen(buf), pl, cause);
}

static void
expect_route_error(const char *route, const char *msg)
{
	char row[256], *cause = NULL;

	snprintf(row, sizeof row, "R1,2023-02-01,,day,camp,reported,,,,,,%s\n", route);
	assert_null(load_routes(row, &cause));
	assert_non_null(cause);
	assert_string_equal(cause, msg);
	free(cause);
}

static void
routes(void **state)
{
	char *cause = NULL;
	const struct route *r;
	struct timeline *t;

	(void)state;
	/* out of date order: routes follow their events through the sort */
	t = load_routes("R2,2023-03-01,,day,camp,reported,,,,,,town>camp\n"
	    "R1,2023-02-01,,day,town,reported,,,,,, camp > town >camp\n"
	    "R3,2023-04-01,,day,town,reported,,,,,,\n", &cause);
	if (t == NULL)
		fail_msg("%s", cause);
	assert_string_equal(t->events[0].id, "R1");
	assert_non_null(r = timeline_route(t, &t->events[0]));
	assert_int_equal(r->n, 3);
	assert_int_equal(t->stops[r->first], 0);
	assert_int_equal(t->stops[r->first + 1], 1);
	assert_int_equal(t->stops[r->first + 2], 0);
	assert_non_null(r = timeline_route(t, &t->events[1]));
	assert_int_equal(r->n, 2);
	assert_int_equal(t->stops[r->first], 1);
	assert_null(timeline_route(t, &t->events[2]));
	timeline_free(t);

	expect_route_error("camp", "e.csv:2: route \"camp\" needs two places or more, a>b");
	expect_route_error("camp>nowhere", "e.csv:2: route names unknown place \"nowhere\"");
	expect_route_error("camp>camp", "e.csv:2: route \"camp>camp\" names a place twice in a row");
	expect_route_error("camp>>town", "e.csv:2: route \"camp>>town\" has an empty stop");
}

/* Beyond one snapshot interval, the fold must equal a plain replay of every effect. */
static void
fold_matches_replay(void **state)
{
	enum { NP = 7, NE = 20000 };
	static const char *const st[] = { "un-camp", "army-held", "contested",
	    "attacked>taken-by-rebels", "attacked", "retaken-by-army" };
	size_t cap = 64 + (size_t)NE * 80, len = 0, i, e;
	char *buf = malloc(cap), *cause = NULL, pbuf[512];
	struct places *p;
	struct timeline *t;
	enum status got[NP], want[NP];
	unsigned int seed = 12345;

	(void)state;
	len = (size_t)snprintf(pbuf, sizeof pbuf, "id,name,lat,lon,kind,initial,source\n");
	for (i = 0; i < NP; i++)
		len += (size_t)snprintf(pbuf + len, sizeof pbuf - len,
		    "p%zu,P,15,0,town,army-held,s\n", i);
	p = places_load_mem("p.csv", pbuf, len, &cause);
	assert_non_null(p);
	len = (size_t)snprintf(buf, cap, "id,date,precision,place,kind,effects,summary\n");
	for (i = 0; i < NE; i++) {
		seed = seed * 1103515245 + 12345;
		len += (size_t)snprintf(buf + len, cap - len,
		    "e%zu,%04zu-%02zu-%02zu,day,p%u,reported,p%u=%s,x\n", i, 2000 + i / 3000,
		    1 + i / 250 % 12, 1 + i / 10 % 28, seed % NP, seed / 7 % NP,
		    st[seed / 49 % 6]);
	}
	t = timeline_load_mem("e.csv", buf, len, p, &cause);
	if (t == NULL)
		fail_msg("%s", cause);
	for (i = 0; i < t->nevents; i += 997) {
		day_t day = t->events[i].day;
		size_t k;

		for (k = 0; k < NP; k++)
			want[k] = STATUS_ARMY;
		/* events are sorted by day, and file order within a day */
		for (k = 0; k < t->nevents && t->events[k].day <= day; k++)
			for (e = t->events[k].first_effect;
			    e < t->events[k].first_effect + t->events[k].neffects; e++)
				if (t->effects[e].status != STATUS_NONE)
					want[t->effects[e].place] = t->effects[e].status;
		timeline_state(t, day, got, NULL);
		assert_memory_equal(got, want, sizeof got);
	}
	timeline_free(t);
	places_free(p);
	free(buf);
}

static const char rule_places[] =
    "id,name,lat,lon,kind,initial,source\n"
    "a,A,18,1,un-camp,un-camp,s\n"
    "b,B,17,0,town,army-held,s\n";

/* Rows in file order: seq 0..9. */
static const char rule_events[] =
    "id,date,end_date,precision,place,kind,effects,actors,summary,sources,note\n"
    "D1,2023-03-05,,day,a,reported,,x,one day,s,\n"
    "R1,2023-03-01,2023-03-10,range,a,reported,a=contested,x,under way from day one,s,\n"
    "R2,2023-03-02,2023-03-09,range,b,reported,a=taken-by-rebels@2023-03-04;"
	"b=attacked>army-held@2023-03-08,x,two changes inside a range,s,\n"
    "M1,2023-03,,month,b,reported,b=contested,x,sometime in March,s,\n"
    "M2,2023-02,,month,a,reported,a=contested@2023-02-10,x,a day inside a month,s,\n"
    "D2,2023-03-04,,day,b,reported,,x,same day as R2's second stop,s,\n"
    "R3,2023-04-01,2023-04-05,range,a,reported,a=army-held@2023-04-05,x,first in the file,s,\n"
    "D3,2023-04-05,,day,a,reported,a=retaken-by-army,x,later in the file,s,\n"
    "D4,2023-05-05,,day,b,reported,b=retaken-by-army,x,earlier in the file,s,\n"
    "R4,2023-05-01,2023-05-05,range,b,reported,b=taken-by-rebels@2023-05-05,x,later in the file,s,\n";

static struct timeline *
load_rule(struct places **p, const char *events)
{
	char *cause = NULL;
	struct timeline *t;

	*p = places_load_mem("p.csv", rule_places, sizeof rule_places - 1, &cause);
	assert_non_null(*p);
	if ((t = timeline_load_mem("e.csv", events, strlen(events), *p, &cause)) == NULL)
		fail_msg("%s", cause);
	return t;
}

static const char *
stop_id(const struct timeline *t, const struct stop *st)
{
	return t->events[st->ev].id;
}

/* Anchors: a day and a range at their first day, a month at its last. */
static void
anchors(void **state)
{
	(void)state;
	assert_int_equal(timeline_anchor(d(2023, 3, 5), d(2023, 3, 5), DATE_DAY), d(2023, 3, 5));
	assert_int_equal(timeline_anchor(d(2023, 3, 1), d(2023, 3, 10), DATE_RANGE),
	    d(2023, 3, 1));
	assert_int_equal(timeline_anchor(d(2024, 2, 1), d(2024, 2, 29), DATE_MONTH),
	    d(2024, 2, 29));
}

/* Every stop in order, forwards and backwards; the last on or before a day. */
static void
stops(void **state)
{
	static const struct { const char *id; int m, dd; } want[] = {
		{ "M2", 2, 10 }, { "M2", 2, 28 }, { "R1", 3, 1 }, { "R2", 3, 2 },
		{ "R2", 3, 4 }, { "D2", 3, 4 }, { "D1", 3, 5 }, { "R2", 3, 8 },
		{ "M1", 3, 31 }, { "R3", 4, 1 }, { "R3", 4, 5 }, { "D3", 4, 5 },
		{ "R4", 5, 1 }, { "D4", 5, 5 }, { "R4", 5, 5 },
	};
	enum { N = sizeof want / sizeof want[0] };
	struct places *p;
	struct timeline *t = load_rule(&p, rule_events);
	struct stop st, prev;
	size_t i;

	(void)state;
	assert_int_equal(timeline_nstops(t), N);
	/* an event sits at its first stop: a month with an earlier effect day at that day */
	assert_string_equal(t->events[0].id, "M2");
	assert_int_equal(t->events[0].day, d(2023, 2, 10));
	for (i = 0; i < N; i++) {
		assert_int_equal(timeline_stop_next(t, i ? &prev : NULL, NULL, &st), 0);
		if (strcmp(stop_id(t, &st), want[i].id) != 0 || st.day != d(2023, want[i].m,
		    want[i].dd))
			fail_msg("stop %zu: %s, wanted %s on %d/%d", i, stop_id(t, &st),
			    want[i].id, want[i].dd, want[i].m);
		prev = st;
	}
	assert_int_equal(timeline_stop_next(t, &prev, NULL, &st), -1);
	for (i = N; i-- > 0;) {
		assert_int_equal(timeline_stop_prev(t, i < N - 1 ? &prev : NULL, NULL, &st), 0);
		assert_string_equal(stop_id(t, &st), want[i].id);
		assert_int_equal(st.day, d(2023, want[i].m, want[i].dd));
		prev = st;
	}
	assert_int_equal(timeline_stop_prev(t, &prev, NULL, &st), -1);

	/* the last stop on or before a day: of that day, the last in file order */
	assert_int_equal(timeline_stop_at(t, d(2023, 2, 9), NULL, &st), -1);
	assert_int_equal(timeline_stop_at(t, d(2023, 3, 4), NULL, &st), 0);
	assert_string_equal(stop_id(t, &st), "D2");
	assert_int_equal(timeline_stop_at(t, d(2023, 3, 20), NULL, &st), 0);
	assert_string_equal(stop_id(t, &st), "R2");
	assert_int_equal(st.day, d(2023, 3, 8));
	assert_int_equal(timeline_stop_at(t, d(2030, 1, 1), NULL, &st), 0);
	assert_string_equal(stop_id(t, &st), "R4");

	/* events reached: monotonic along the stops */
	assert_int_equal(timeline_reached(t, NULL, NULL), 0);
	assert_int_equal(timeline_stop_at(t, d(2023, 3, 4), NULL, &st), 0);
	assert_int_equal(timeline_reached(t, &st, NULL), 4);	/* M2 R1 R2 D2 */
	assert_int_equal(timeline_stop_at(t, d(2023, 3, 8), NULL, &st), 0);
	assert_int_equal(timeline_reached(t, &st, NULL), 5);	/* and D1 */
	assert_int_equal(timeline_count(t, d(2023, 3, 1), d(2023, 3, 5), NULL), 4);
	timeline_free(t);
	places_free(p);
}

/* A filter: only matching events' stops are walked; counts are of them. */
static void
stops_filtered(void **state)
{
	struct places *p;
	struct timeline *t = load_rule(&p, rule_events);
	unsigned char *match = calloc(t->nevents, 1);
	struct stop st;
	char *f = text_fold("TWO CHANGES");

	(void)state;
	assert_int_equal(timeline_match(t, f, match), 1);
	assert_int_equal(timeline_stop_next(t, NULL, match, &st), 0);
	assert_string_equal(stop_id(t, &st), "R2");
	assert_int_equal(st.day, d(2023, 3, 2));
	assert_int_equal(timeline_stop_next(t, &st, match, &st), 0);
	assert_int_equal(st.day, d(2023, 3, 4));
	assert_int_equal(timeline_stop_next(t, &st, match, &st), 0);
	assert_int_equal(st.day, d(2023, 3, 8));
	assert_int_equal(timeline_reached(t, &st, match), 1);
	assert_int_equal(timeline_stop_next(t, &st, match, &st), -1);
	assert_int_equal(timeline_stop_at(t, d(2023, 3, 3), match, &st), 0);
	assert_int_equal(st.day, d(2023, 3, 2));
	free(f);
	/* by id, place name and actors too, accents and case ignored */
	f = text_fold("m1");
	assert_int_equal(timeline_match(t, f, match), 1);
	assert_true(match[timeline_find(t, "M1")]);
	free(f);
	f = text_fold("X");
	assert_int_equal(timeline_match(t, f, match), t->nevents);
	free(f);
	free(match);
	timeline_free(t);
	places_free(p);
}

/*
 * The filter searches ASCII in place, 16 bytes at a time, and hands other
 * text to text_fold(): on summaries that put capitals, the characters just
 * outside A-Z and accents on both sides of the 8- and 16-byte boundaries and
 * in the last bytes of a long text, it matches exactly what folding the
 * whole text and searching it finds.
 */
static void
filter_folds_as_text_fold(void **state)
{
	static const char *const summaries[] = {
		"ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefgh", "ABCDEFGH", "@[`{AZaz",
		"Convoy AMBUSHED near S\xc3\xa9var\xc3\xa9", "SEVARE convoy", "1234567Kidal",
		"12345678KIDAL", "\xc3\x89" "CHEC at Gao", "xxxxxxx\xc3\xa9GAO", "Gao\x7f@Z[",
		"", "k", "TIMBUKTU-GOUNDAM ROAD", "ZEBRA ZONE ROAD",
		"The convoy left GAO for Kidal at dawn, escorted by the army",
		"0123456789abcdeKIDAL and 0123456789abcdefKIDAL, then the road to "
		"S\xc3\xa9var\xc3\xa9",
		"A long report from the road between Mopti and Sevare, a caf\xc3\xa9",
		"A long report from the road between Mopti and Sevare, a CAFE\xcc\x81",
	};
	static const char *const queries[] = {
		"kidal", "sevare", "convoy", "gao", "a", "z", "@", "[", "`", "{", "echec",
		"defgh", "hijklmnop", "timbuktu-goundam", "road", "78kid", "\x7f@z", "zebra",
		"abcdefgh", "left gao", "dawn", "the army", "ekidal", "fkidal", "cafe", "e, a caf",
	};
	char *csv = NULL, *f;
	size_t len = 0, i, k;
	FILE *fp = open_memstream(&csv, &len);
	struct places *p;
	struct timeline *t;
	unsigned char *match;

	(void)state;
	fputs("id,date,end_date,precision,place,kind,effects,actors,summary,sources,note\n", fp);
	for (i = 0; i < sizeof summaries / sizeof *summaries; i++)
		fprintf(fp, "Q%zu,2023-03-01,,day,a,reported,,-,\"%s\",s,\n", i, summaries[i]);
	fclose(fp);
	t = load_rule(&p, csv);
	match = calloc(t->nevents, 1);
	for (k = 0; k < sizeof queries / sizeof *queries; k++) {
		f = text_fold(queries[k]);
		timeline_match(t, f, match);
		for (i = 0; i < t->nevents; i++) {
			const struct event *ev = &t->events[i];
			char *id = text_fold(ev->id), *sum = text_fold(ev->summary);
			char *act = text_fold(ev->actors), *place = text_fold(p->v[ev->place].name);
			int want = strstr(id, f) || strstr(sum, f) || strstr(act, f) ||
			    strstr(place, f);

			if (match[i] != want)
				fail_msg("query \"%s\", summary \"%s\": %d, want %d", queries[k],
				    ev->summary, match[i], want);
			free(id), free(sum), free(act), free(place);
		}
		free(f);
	}
	free(match);
	free(csv);
	timeline_free(t);
	places_free(p);
}

/* The state is a function of the day: effects on their own days, file order within one. */
static void
rule_state(void **state)
{
	struct places *p;
	struct timeline *t = load_rule(&p, rule_events);
	enum status st[2];
	unsigned char att[2];
	day_t since[2];
	size_t from[2];

	(void)state;
	timeline_state(t, d(2023, 2, 9), st, att);
	assert_int_equal(st[0], STATUS_UN_CAMP);
	timeline_state(t, d(2023, 2, 10), st, att);	/* the month's @ day */
	assert_int_equal(st[0], STATUS_CONTESTED);
	timeline_state(t, d(2023, 3, 3), st, att);
	assert_int_equal(st[0], STATUS_CONTESTED);
	timeline_state(t, d(2023, 3, 4), st, att);	/* R2's own day, not its first */
	assert_int_equal(st[0], STATUS_REBELS);
	timeline_state(t, d(2023, 3, 8), st, att);
	assert_int_equal(st[1], STATUS_ARMY);
	assert_int_equal(att[1], 1);			/* attacked: exactly that day */
	timeline_state(t, d(2023, 3, 9), st, att);
	assert_int_equal(att[1], 0);
	timeline_state(t, d(2023, 3, 30), st, att);
	assert_int_equal(st[1], STATUS_ARMY);
	timeline_state(t, d(2023, 3, 31), st, att);	/* M1: the last day of March */
	assert_int_equal(st[1], STATUS_CONTESTED);
	/* one day, two events: the later row wins, whatever their first stops */
	timeline_state(t, d(2023, 4, 5), st, att);
	assert_int_equal(st[0], STATUS_RETAKEN);
	timeline_state(t, d(2023, 5, 5), st, att);
	assert_int_equal(st[1], STATUS_REBELS);

	/* where each status came from: a repeated status keeps its first day */
	timeline_origins(t, d(2023, 3, 3), st, since, from);
	assert_int_equal(st[0], STATUS_CONTESTED);
	assert_int_equal(since[0], d(2023, 2, 10));
	assert_string_equal(t->events[from[0]].id, "M2");
	assert_int_equal(since[1], INT32_MIN);		/* still its initial status */
	assert_int_equal(from[1], (size_t)-1);
	timeline_origins(t, d(2023, 3, 8), st, since, from);
	assert_int_equal(st[1], STATUS_ARMY);		/* the same as its initial status */
	assert_int_equal(from[1], (size_t)-1);
	timeline_origins(t, d(2023, 5, 5), st, since, from);
	assert_int_equal(st[1], STATUS_REBELS);
	assert_string_equal(t->events[from[1]].id, "R4");
	assert_int_equal(since[1], d(2023, 5, 5));
	timeline_free(t);
	places_free(p);
}

static const char plan_events[] =
    "id,date,end_date,precision,place,kind,effects,actors,summary,sources,note\n"
    "P1,2023-06-10,2023-06-20,range,a,planned,a=handed-to-army,x,handover planned,s,\n"
    "P2,2023-07,,month,b,planned,b=handed-to-army,x,never happens,s,\n"
    "E1,2023-06-15,,day,a,reported,a=handed-to-army,x,as planned,s,\n"
    "P3,2023-08-01,,day,a,planned,a=army-held,x,comes late,s,\n"
    "P4,2023-08-01,,day,a,planned,,x,planned without a change,s,\n"
    "E2,2023-09-01,,day,a,reported,a=army-held,x,a month late,s,\n";

static void
expect_plan(const struct timeline *t, size_t place, day_t day, enum status now,
    enum plan_state want, const char *id)
{
	enum plan_state ps;
	const struct plan *p = timeline_plan(t, place, day, now, &ps);

	assert_int_equal(ps, want);
	if (want == PLAN_NONE) {
		assert_null(p);
		return;
	}
	assert_non_null(p);
	assert_string_equal(t->events[p->ev].id, id);
}

/* Planned changes: pending until their last day, then confirmed or not. */
static void
plans(void **state)
{
	struct places *p;
	struct timeline *t = load_rule(&p, plan_events);
	enum status st[2];

	(void)state;
	assert_int_equal(timeline_nplans(t), 3);	/* P4 changes nothing */
	/* a month plan sits at its last day */
	assert_int_equal(t->events[timeline_find(t, "P2")].day, d(2023, 7, 31));
	expect_plan(t, 0, d(2023, 1, 1), STATUS_UN_CAMP, PLAN_PENDING, "P1");
	/* the place has the planned status: the next plan is the pending one */
	expect_plan(t, 0, d(2023, 6, 15), STATUS_HANDED, PLAN_PENDING, "P3");
	expect_plan(t, 0, d(2023, 6, 21), STATUS_HANDED, PLAN_PENDING, "P3");
	/* P3's day passed, no report yet: unconfirmed; once reported, nothing */
	expect_plan(t, 0, d(2023, 8, 2), STATUS_HANDED, PLAN_UNCONFIRMED, "P3");
	expect_plan(t, 0, d(2023, 9, 1), STATUS_ARMY, PLAN_NONE, NULL);
	expect_plan(t, 1, d(2023, 7, 31), STATUS_ARMY, PLAN_PENDING, "P2");
	expect_plan(t, 1, d(2023, 8, 1), STATUS_ARMY, PLAN_UNCONFIRMED, "P2");
	expect_plan(t, 1, d(2030, 1, 1), STATUS_ARMY, PLAN_UNCONFIRMED, "P2");
	/* and plans never change a status */
	timeline_state(t, d(2030, 1, 1), st, NULL);
	assert_int_equal(st[1], STATUS_ARMY);
	timeline_free(t);
	places_free(p);
}

/* Writes len bytes to a new temporary file; returns its path (static). */
static const char *
temp_file(const char *buf, size_t len)
{
	static char path[] = "/tmp/sitmap-test-XXXXXX";
	FILE *fp;
	int fd;

	strcpy(path + strlen(path) - 6, "XXXXXX");
	assert_true((fd = mkstemp(path)) >= 0);
	assert_non_null(fp = fdopen(fd, "wb"));
	assert_int_equal(fwrite(buf, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
	return path;
}

/* The file read in blocks gives what the whole buffer gives, or the same error. */
static void
expect_same_load(const char *buf, size_t len)
{
	const char *path = temp_file(buf, len);
	char *cause_file = NULL, *cause_mem = NULL;
	struct timeline *a = timeline_load(path, pl, &cause_file);
	struct timeline *b = timeline_load_mem(path, buf, len, pl, &cause_mem);
	size_t i;

	unlink(path);
	if (b == NULL) {
		assert_null(a);
		assert_string_equal(cause_file, cause_mem);
		free(cause_file);
		free(cause_mem);
		return;
	}
	if (a == NULL)
		fail_msg("%s", cause_file);
	assert_int_equal(a->nevents, b->nevents);
	for (i = 0; i < a->nevents; i++) {
		assert_string_equal(a->events[i].id, b->events[i].id);
		assert_string_equal(a->events[i].summary, b->events[i].summary);
		assert_int_equal(a->events[i].day, b->events[i].day);
		assert_int_equal(a->events[i].place, b->events[i].place);
	}
	timeline_free(a);
	timeline_free(b);
}

/*
 * Big files are read in blocks cut between records: quoted line breaks,
 * "" and CRLF across the cuts, a BOM, errors with their lines, a record
 * that outgrows a block.
 */
static void
read_in_blocks(void **state)
{
	enum { N = 250000 };
	size_t cap = (size_t)N * 120 + 4096, len, i, mid;
	char *buf = malloc(cap);

	(void)state;
	len = (size_t)snprintf(buf, cap, "\xef\xbb\xbfid,date,precision,place,kind,summary\n");
	for (i = 0; i < N; i++)
		len += (size_t)snprintf(buf + len, cap - len, i % 3 == 0 ?
		    "E%zu,2023-%02zu-%02zu,day,camp,reported,\"line one\nline \"\"two\"\"\n\"\r\n" :
		    "E%zu,2023-%02zu-%02zu,day,town,reported,plain %zu\n",
		    i, 1 + i % 12, 1 + i % 28, i);
	assert_true(len > 2 * (4u << 20));
	expect_same_load(buf, len);

	/* a bad row far into the file: the same line in the message */
	mid = len;
	len += (size_t)snprintf(buf + len, cap - len, "X1,2023-13-01,day,camp,reported,x\n");
	expect_same_load(buf, len);

	/* a duplicate id: its line is found by reading the file again */
	len = mid + (size_t)snprintf(buf + mid, cap - mid, "E7,2023-01-01,day,camp,reported,x\n");
	expect_same_load(buf, len);

	/* an unterminated quote early on: the rest is one record, longer than a block */
	memcpy(buf + 200, "E0,2023-01-01,day,camp,reported,\"", 33);
	expect_same_load(buf, mid);
	free(buf);
}

/* The events cache's image: what reads back is what was written. */
struct membuf {
	char	*p;
	size_t	 n, cap;
};

static void
mem_put(void *ctx, const void *p, size_t n)
{
	struct membuf *m = ctx;

	if (m->n + n > m->cap) {
		m->cap = (m->n + n) * 2;
		m->p = realloc(m->p, m->cap);
		assert_non_null(m->p);
	}
	memcpy(m->p + m->n, p, n);
	m->n += n;
}

static void
same_timeline(const struct places *pa, const struct timeline *a, const struct places *pb,
    const struct timeline *b)
{
	enum status *sa = calloc(pa->n + 1, sizeof *sa), *sb = calloc(pb->n + 1, sizeof *sb);
	size_t i, k;
	day_t d;

	assert_int_equal(pa->n, pb->n);
	for (i = 0; i < pa->n; i++) {
		assert_string_equal(pa->v[i].id, pb->v[i].id);
		assert_string_equal(pa->v[i].name, pb->v[i].name);
		assert_string_equal(pa->v[i].region, pb->v[i].region);
		assert_true(pa->v[i].lon_deg == pb->v[i].lon_deg);
		assert_true(pa->v[i].lat_deg == pb->v[i].lat_deg);
	}
	assert_int_equal(a->nevents, b->nevents);
	assert_int_equal(a->ntypes, b->ntypes);
	assert_int_equal(a->nattrs, b->nattrs);
	assert_int_equal(a->counted, b->counted);
	/* an aggregate's counts come back, and only an aggregate has them */
	assert_int_equal(a->event_weight != NULL, b->event_weight != NULL);
	for (i = 0; i < a->nevents; i++)
		assert_int_equal(timeline_weight(a, i), timeline_weight(b, i));
	for (i = 0; i < a->nevents; i++) {
		const struct event *x = &a->events[i], *y = &b->events[i];

		assert_string_equal(x->id, y->id);
		assert_string_equal(x->actors, y->actors);
		assert_string_equal(x->summary, y->summary);
		assert_string_equal(x->sources, y->sources);
		assert_string_equal(x->note, y->note);
		assert_string_equal(a->types[x->type], b->types[y->type]);
		assert_true(x->place == y->place && x->day == y->day && x->lo == y->lo &&
		    x->hi == y->hi && x->seq == y->seq && x->fatalities == y->fatalities &&
		    x->line == y->line);
		for (k = 0; k < a->nattrs; k++)
			assert_string_equal(timeline_attr(a, x, k), timeline_attr(b, y, k));
		assert_int_equal(timeline_find(b, y->id), (long)i);
	}
	for (d = a->first_lo - 1; d <= a->last_day + 1; d++) {
		timeline_state(a, d, sa, NULL);
		timeline_state(b, d, sb, NULL);
		assert_memory_equal(sa, sb, pa->n * sizeof *sa);
		assert_int_equal(timeline_upto_day(a, d), timeline_upto_day(b, d));
	}
	free(sa);
	free(sb);
}

static void
image_round_trip(void **state)
{
	const char *inputs[] = { "tests/fixtures/acled_control.csv", "tests/fixtures/acled_wide.csv",
		"tests/fixtures/ucdp_small.csv", "tests/fixtures/aggregate_small.csv" };
	size_t f;

	(void)state;
	for (f = 0; f < sizeof inputs / sizeof inputs[0]; f++) {
		struct places *ipl, *pl2;
		struct timeline *itl, *tl2;
		struct membuf m = { NULL, 0, 0 };
		char *cause = NULL, *copy, *at;
		const uint64_t extra[3] = { 7, f, UINT64_MAX }, *x;
		size_t i, nx, from, to;

		assert_true(import_load(inputs[f], -1, &ipl, &itl, &cause) >= 0);
		/* the caller's words (load.c's: the places' groups), after the other sections */
		assert_int_equal(timeline_image_write(itl, ipl, extra, 3, 0, 0, mem_put, &m), 0);
		/* elsewhere than written for: the events are copied */
		copy = malloc(m.n);
		memcpy(copy, m.p, m.n);
		assert_int_equal(timeline_image_read(copy, m.n, 0, 0, m.n, &pl2, &tl2), 0);
		same_timeline(ipl, itl, pl2, tl2);
		x = timeline_image_extra(tl2, &nx);
		assert_int_equal(nx, 3);
		assert_memory_equal(x, extra, sizeof extra);
		assert_null(timeline_image_extra(itl, &nx));
		assert_int_equal(nx, 0);
		timeline_free(tl2);
		places_free(pl2);
		/* where it was written for: read where they lie */
		at = mmap((void *)TIMELINE_IMAGE_BASE, m.n, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
		if (at == (void *)TIMELINE_IMAGE_BASE) {
			memcpy(at, m.p, m.n);
			assert_int_equal(timeline_image_read(at, m.n, 1, 0, m.n, &pl2, &tl2), 0);
			assert_true((char *)tl2->events >= at && (char *)tl2->events < at + m.n);
			same_timeline(ipl, itl, pl2, tl2);
			x = timeline_image_extra(tl2, &nx);
			assert_true(nx == 3 && (const char *)x > at && (const char *)x < at + m.n);
			assert_memory_equal(x, extra, sizeof extra);
			timeline_free(tl2);	/* unmaps it */
			places_free(pl2);
		}
		/* truncated anywhere, or a byte changed in the checked sections: refused */
		for (i = 0; i < m.n; i += m.n / 97 + 1) {
			copy = malloc(m.n);
			memcpy(copy, m.p, m.n);
			assert_int_equal(timeline_image_read(copy, i, 0, 0, i, &pl2, &tl2), -1);
		}
		assert_int_equal(timeline_image_checked(m.p, m.n, &from, &to), 0);
		/* the text first: "" at 0, the events' strings in it */
		assert_true(from > 0 && from < to && to < m.n && m.p[0] == '\0');
		for (i = 0; i < m.n; i += 7) {
			struct image_probe { char *p; } pr;

			pr.p = malloc(m.n);
			memcpy(pr.p, m.p, m.n);
			pr.p[i] ^= 0x41;
			if (timeline_image_read(pr.p, m.n, 0, 0, m.n, &pl2, &tl2) == 0) {
				/* only the text and the attribute codes are unchecked, bounded,
				   and the zero padding between sections */
				assert_true(i < from || i >= to || m.p[i] == 0);
				timeline_free(tl2);
				places_free(pl2);
			}
		}
		free(m.p);
		timeline_free(itl);
		places_free(ipl);
	}
}

/* Removes dir/sitmap/'s files, then the two directories. */
static void
remove_cache_dir(const char *dir)
{
	char *sub, *path;
	DIR *d;
	struct dirent *de;

	xasprintf(&sub, "%s/sitmap", dir);
	if ((d = opendir(sub)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			if (de->d_name[0] == '.')
				continue;
			xasprintf(&path, "%s/%s", sub, de->d_name);
			unlink(path);
			free(path);
		}
		closedir(d);
	}
	rmdir(sub);
	rmdir(dir);
	free(sub);
}

/*
 * An events cache entry begun for input under a fresh XDG_CACHE_HOME
 * (*dir), its key in *key; end_entry_dir() removes them.
 */
static struct cache_out *
begin_entry_dir(const char *name, const char *input, char **dir, char **key)
{
	struct cache_out *c;

	xasprintf(dir, "%s/sitmap-test-%s-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") :
	    P_tmpdir, name);
	assert_non_null(mkdtemp(*dir));
	setenv("XDG_CACHE_HOME", *dir, 1);
	*key = cache_key(name, "", &input, 1);
	assert_non_null(*key);
	assert_non_null(c = cache_begin(*key));
	return c;
}

static void
end_entry_dir(char *dir, char *key)
{
	free(key);
	remove_cache_dir(dir);
	free(dir);
	unsetenv("XDG_CACHE_HOME");
}

/*
 * An import whose text is parsed into an events cache entry's rooms: the
 * entry reads back as the parsed timeline, and its events' strings lie in
 * the rooms, where the parse wrote them (the text never copied).
 */
static void
image_rooms(void **state)
{
	const char *input = "tests/fixtures/acled_wide.csv";
	char *dir, *key, *cause = NULL, *map;
	struct arena_rooms rooms = { NULL, NULL, NULL, NULL };
	struct import_kind kind;
	struct instream *s;
	struct cache_out *c;
	struct places *ipl, *pl2;
	struct timeline *itl, *tl2;
	size_t map_len, off, len, i, in_rooms = 0;
	uint64_t used;

	(void)state;
	c = begin_entry_dir("rooms", input, &dir, &key);
	rooms.room = cache_room;
	rooms.ctx = c;
	assert_non_null(s = instream_open(input, INSTREAM_MMAP, &cause));
	assert_int_equal(import_peek(s, -1, &kind, &cause), 0);
	kind.rooms = &rooms;
	assert_true(import_load_stream(s, &kind, &ipl, &itl, &cause) >= 0);
	instream_close(s);
	used = cache_body_used(c);
	assert_true(used > 0);
	assert_int_equal(timeline_image_write(itl, ipl, NULL, 0, cache_body_offset(key), used,
	    cache_write, c), 0);
	assert_int_equal(cache_commit(c), 0);
	assert_non_null(map = cache_map(key, NULL, &map_len, &off, &len));
	assert_int_equal(timeline_image_read(map, map_len, 1, off, len, &pl2, &tl2), 0);
	same_timeline(ipl, itl, pl2, tl2);
	for (i = 0; i < tl2->nevents; i++) {
		const char *sum = tl2->events[i].summary;

		if (*sum == '\0')
			continue;
		assert_true(sum > map + off && sum < map + map_len);
		in_rooms += (uint64_t)(sum - (map + off)) < used;
	}
	/* every summary: none in memory, copied after the rooms */
	assert_true(in_rooms > 0);
	for (i = 0; i < tl2->nevents; i++)
		if (*tl2->events[i].summary != '\0')
			in_rooms--;
	assert_int_equal(in_rooms, 0);
	timeline_free(tl2);
	places_free(pl2);
	timeline_free(itl);	/* unmaps the rooms */
	places_free(ipl);
	end_entry_dir(dir, key);
}

/*
 * Events pushed newest first (as ACLED exports them), several on a day:
 * put in order by day, then file order, as when they come in any order.
 */
static void
newest_first(void **state)
{
	static const int days[] = { 40, 40, 39, 30, 30, 30, 12, 5, 5 };
	static const int shuffled[] = { 30, 40, 5, 12, 30, 39, 5, 40, 30 };
	const int *const orders[] = { days, shuffled };
	struct places epl = { 0 };
	struct timeline *t;
	char *cause = NULL, id[16];
	size_t i, k, n = sizeof days / sizeof days[0];

	(void)state;
	for (k = 0; k < 2; k++) {
		t = timeline_new(&epl);
		for (i = 0; i < n; i++) {
			struct event *ev = timeline_push(t);

			snprintf(id, sizeof id, "E%zu", i);
			ev->id = timeline_text(t, id, strlen(id));
			ev->lo = ev->hi = ev->day = orders[k][i];
		}
		assert_non_null(t = timeline_finish(t, "t", &cause));
		for (i = 1; i < n; i++)
			assert_true(t->events[i - 1].day < t->events[i].day ||
			    (t->events[i - 1].day == t->events[i].day &&
			    t->events[i - 1].seq < t->events[i].seq));
		/* the id index follows the events where they went */
		for (i = 0; i < n; i++) {
			snprintf(id, sizeof id, "E%zu", i);
			assert_int_equal(t->events[timeline_find(t, id)].seq, i);
		}
		timeline_free(t);
	}
}

static int
by_day_seq(const void *a, const void *b)
{
	const struct event *x = a, *y = b;

	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* A small generator of its own: the same cases on every run. */
static uint32_t
rnd(uint64_t *st)
{
	*st = *st * 6364136223846793005ull + 1442695040888963407ull;
	return (uint32_t)(*st >> 33);
}

/*
 * Events in no order (days before and after 1970, from one to a hundred
 * thousand apart, many on a day): put in order by day then file order, as
 * qsort() by the same rule puts a copy of them, the id index following.
 */
static void
random_order(void **state)
{
	static const size_t sizes[] = { 2, 3, 100, 5000, 70000 };
	static const int spans[] = { 1, 3, 400, 100000 };
	struct places epl = { 0 };
	uint64_t st = 19;
	size_t z, k, i;
	char *cause = NULL, id[24];

	(void)state;
	for (z = 0; z < sizeof sizes / sizeof *sizes; z++) {
		for (k = 0; k < sizeof spans / sizeof *spans; k++) {
			size_t n = sizes[z];
			struct timeline *t = timeline_new(&epl);
			struct event *want = malloc(n * sizeof *want);

			for (i = 0; i < n; i++) {
				struct event *ev = timeline_push(t);

				snprintf(id, sizeof id, "E%zu", i);
				ev->id = timeline_text(t, id, strlen(id));
				ev->lo = ev->hi = ev->day = (day_t)(rnd(&st) % (uint32_t)spans[k]) -
				    spans[k] / 2;
				want[i] = *ev;
			}
			qsort(want, n, sizeof *want, by_day_seq);
			assert_non_null(t = timeline_finish(t, "t", &cause));
			assert_int_equal(t->nevents, n);
			for (i = 0; i < n; i++) {
				assert_int_equal(t->events[i].day, want[i].day);
				assert_int_equal(t->events[i].seq, want[i].seq);
			}
			for (i = 0; i < n; i += n / 50 + 1) {
				snprintf(id, sizeof id, "E%zu", i);
				assert_int_equal(t->events[timeline_find(t, id)].seq, i);
			}
			free(want);
			timeline_free(t);
		}
	}
}

/* A random text of about want bytes: ASCII near the needles, or not (accents, marks, bad bytes). */
static size_t
random_text(uint64_t *st, char *out, size_t want, uint32_t rare)
{
	static const char *const pieces[] = {
		"a", "c", "s", "p", "A", "C", "S", "P", " ", "@", "`", "\xc3\xa9", "\xc3\x89",
		"\xc3\x9f", "\xcc\x81", "\xe2\x80\x8b", "\xce\xa9", "\xff", "\xc3", "Mali", "CSP"
	};
	static const char asciiset[] = "acspmliACSPML @`";
	size_t len = 0;

	while (len < want) {
		const char *p = rare == 0 || rnd(st) % rare != 0 ? NULL :
		    pieces[rnd(st) % (sizeof pieces / sizeof *pieces)];

		if (p == NULL) {
			out[len++] = asciiset[rnd(st) % (sizeof asciiset - 1)];
		} else {
			memcpy(out + len, p, strlen(p));
			len += strlen(p);
		}
	}
	return len;
}

/*
 * Rooms in one mapped region, 3 MiB of junk letters after each: the
 * entry's text in pieces with holes between them (its scratch rooms), which
 * the image lists and a filter must not read.
 */
struct gap_rooms {
	char	*base;
	size_t	 cap, next;
};

#define GAP_BYTES	((size_t)3 << 20)

static void *
gap_room(void *ctx, size_t n, uint64_t *at)
{
	struct gap_rooms *g = ctx;
	char *p = g->base + g->next;
	size_t i;

	if (g->next + n + GAP_BYTES > g->cap)
		return NULL;
	*at = g->next;
	for (i = 0; i < GAP_BYTES; i++)
		p[n + i] = (char)('a' + i % 26);
	g->next += n + GAP_BYTES;
	return p;
}

/*
 * The filter reads the texts end to end, then looks each event's texts up:
 * on random timelines (ids, summaries of their own, actors shared through
 * the dictionary, types, places; texts near the longest kept, and read from
 * inside; on one core and on two), loaded and read back from the events
 * cache's image, it matches what folding every text of every event and
 * searching it finds. The last timeline's text is in rooms with junk
 * between them, as a large entry's is.
 */
static void
filter_scan_random(void **state)
{
	static const size_t sizes[] = { 3, 200, 9000, 9000 };
	char *cause = NULL, *text = malloc(4200), *actors[24];
	uint64_t st = 11;
	size_t z, i, q, nactors = sizeof actors / sizeof *actors, found = 0, missed = 0;

	(void)state;
	assert_non_null(text);
	for (z = 0; z < sizeof sizes / sizeof *sizes; z++) {
		struct timeline *t = timeline_new(pl), *t2 = NULL;
		struct places *pl2 = NULL;
		struct membuf m = { NULL, 0, 0 };
		char **fold;
		unsigned char *match, *match2;
		struct gap_rooms g = { NULL, (size_t)64 << 20, 4096 };
		struct arena_rooms rooms = { gap_room, &g, NULL, NULL };

		if (z == 3) {
			g.base = mmap(NULL, g.cap, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
			assert_true(g.base != MAP_FAILED);
			timeline_text_rooms(t, &rooms);
		}
		for (i = 0; i < nactors; i++) {
			size_t n = random_text(&st, text, rnd(&st) % 40, 6);

			actors[i] = timeline_intern(t, text, n);
		}
		for (i = 0; i < sizes[z]; i++) {
			struct event *ev = timeline_push(t);
			uint32_t rare = (uint32_t[]){ 0, 30, 3 }[rnd(&st) % 3];
			size_t n;

			n = random_text(&st, text, rnd(&st) % 6, rare);
			n += (size_t)snprintf(text + n, 32, "#%zu", i);
			ev->id = timeline_text(t, text, n);
			n = random_text(&st, text, rnd(&st) % 50 == 0 ? 4000 + rnd(&st) % 190 :
			    rnd(&st) % 300, rare);
			ev->summary = timeline_text(t, text, n);
			ev->actors = rnd(&st) % 5 == 0 ? (char *)"" : actors[rnd(&st) % nactors];
			n = random_text(&st, text, rnd(&st) % 12, rare);
			ev->type = timeline_type(t, text, rnd(&st) % 8 == 0 ? n : 0);
			ev->place = rnd(&st) % 3 == 0 ? (size_t)-1 : rnd(&st) % pl->n;
			ev->lo = ev->hi = ev->day = d(2023, 1, 1) + (day_t)(rnd(&st) % 300);
			ev->prec = DATE_DAY;
		}
		if ((t = timeline_finish(t, "random", &cause)) == NULL)
			fail_msg("%s", cause);
		/* a text read from a place inside it (an image may say so), up to its NUL */
		for (i = 0; i < t->nevents; i += 7)
			t->events[i].summary += rnd(&st) % (strlen(t->events[i].summary) + 1);
		if (z == 3) {
			/* the entry's body so far: the rooms where they lie, the junk between */
			assert_true(g.next > 4 * GAP_BYTES);
			m.p = malloc(g.next);
			assert_non_null(m.p);
			memcpy(m.p, g.base, g.next);
			m.n = m.cap = g.next;
		}
		assert_int_equal(timeline_image_write(t, pl, NULL, 0, 0, m.n, mem_put, &m), 0);
		assert_int_equal(timeline_image_read(m.p, m.n, 0, 0, m.n, &pl2, &t2), 0);
		/* the reference: every text folded whole */
		fold = calloc(4 * t->nevents + 1, sizeof *fold);
		for (i = 0; i < t->nevents; i++) {
			const struct event *ev = &t->events[i];

			fold[4 * i] = text_fold(ev->id);
			fold[4 * i + 1] = text_fold(ev->actors);
			fold[4 * i + 2] = text_fold(ev->summary);
			fold[4 * i + 3] = text_fold(ev->place < pl->n ? pl->v[ev->place].name : "");
		}
		match = calloc(t->nevents + 1, 1);
		match2 = calloc(t->nevents + 1, 1);
		for (q = 0; q < 60; q++) {
			char *needle, *tf;
			size_t n, want = 0;

			/* a needle from a text (its middle, its end, across its end), or made up */
			if (q % 3 != 0) {
				const struct event *ev = &t->events[rnd(&st) % t->nevents];
				const char *from = q % 2 ? ev->summary : ev->id;
				size_t len = strlen(from), at = len ? rnd(&st) % len : 0;

				n = 1 + rnd(&st) % 6;
				snprintf(text, 64, "%.*s%s", (int)n, from + at,
				    q % 5 == 0 ? ev->summary : "");
				text[n] = '\0';
			} else {
				n = random_text(&st, text, 1 + rnd(&st) % 5, 10);
				text[n] = '\0';
			}
			needle = text_fold(text);
			assert_int_equal(timeline_match(t, needle, match), timeline_match(t2, needle,
			    match2));
			for (i = 0; i < t->nevents; i++) {
				int hit = strstr(fold[4 * i], needle) || strstr(fold[4 * i + 1], needle) ||
				    strstr(fold[4 * i + 2], needle) || strstr(fold[4 * i + 3], needle);

				tf = text_fold(t->types[t->events[i].type]);
				hit = hit || strstr(tf, needle) != NULL;
				free(tf);
				if (match[i] != hit || match2[i] != hit)
					fail_msg("%zu events, \"%s\" in \"%s\": %d (image %d), want %d",
					    t->nevents, needle, t->events[i].summary, match[i],
					    match2[i], hit);
				want += (size_t)hit;
			}
			found += want;
			missed += t->nevents - want;
			free(needle);
		}
		for (i = 0; i < 4 * t->nevents; i++)
			free(fold[i]);
		free(fold);
		free(match);
		free(match2);
		timeline_free(t2);
		places_free(pl2);
		timeline_free(t);	/* unmaps its rooms */
		if (g.base != NULL)
			munmap(g.base, g.cap);
	}
	/* the needles found events, and missed some */
	assert_true(found > 1000 && missed > 1000);
	free(text);
}

/* timeline_count_places() counted by hand: events from .. to, per place. */
static void
count_by_hand(const struct timeline *t, size_t from, size_t to, struct place_count *want,
    size_t np)
{
	size_t i;

	memset(want, 0, np * sizeof *want);
	for (i = from; i < to; i++) {
		uint32_t p = t->event_place[i], w = timeline_weight(t, i);

		if (p == UINT32_MAX)
			continue;
		want[p].n = want[p].n > UINT_MAX - w ? UINT_MAX : want[p].n + w;
		want[p].last = (uint32_t)i;
	}
}

/*
 * Over 2^19 events, counts come from snapshots (taken every so many
 * events) plus the events since: any range, at and beside a snapshot,
 * counts what a count by hand does, and what the filter's path (a full
 * count) does with every event kept. Weights that could pass UINT_MAX,
 * and places too many for a snapshot's memory, are counted in full.
 */
static void
count_places_from_snapshots(void **state)
{
	const size_t nev = 600000, np = pl->n;
	int pass;

	(void)state;
	for (pass = 0; pass < 3; pass++) {
		struct timeline *t = timeline_new(pl);
		struct place_count *got = calloc(np, sizeof *got), *want = calloc(np, sizeof *want);
		unsigned char *all = malloc(nev);
		size_t cut[] = { 0, 1, 262143, 262144, 262145, 300000, 524287, 524288, 524289,
		    599999, 600000 };
		size_t i, a, b, k;
		char *cause = NULL;

		for (i = 0; i < nev; i++) {
			struct event *ev = timeline_push(t);
			char id[16];

			ev->id = timeline_text(t, id, (size_t)snprintf(id, sizeof id, "E%zu", i));
			/* one event in 7 has no place */
			ev->place = i % 7 == 3 ? (size_t)-1 : (i * 2654435761u) % np;
			ev->lo = ev->hi = ev->day = d(2020, 1, 1) + (day_t)(i / 1000);
			ev->prec = DATE_DAY;
			if (pass > 0)
				timeline_set_weight(t, ev, pass == 1 ? (uint32_t)(i % 4) :
				    i == 1000 ? 4294967000u : 2);
		}
		if ((t = timeline_finish(t, "counts", &cause)) == NULL)
			fail_msg("%s", cause);
		memset(all, 1, nev);
		for (a = 0; a < sizeof cut / sizeof *cut; a++)
			for (b = 0; b < sizeof cut / sizeof *cut; b++) {
				count_by_hand(t, cut[a], cut[b], want, np);
				timeline_count_places(t, cut[a], cut[b], NULL, got, np);
				for (k = 0; k < np; k++) {
					assert_int_equal(got[k].n, want[k].n);
					if (want[k].n > 0)
						assert_int_equal(got[k].last, want[k].last);
				}
				timeline_count_places(t, cut[a], cut[b], all, got, np);
				for (k = 0; k < np; k++) {
					assert_int_equal(got[k].n, want[k].n);
					if (want[k].n > 0)
						assert_int_equal(got[k].last, want[k].last);
				}
			}
		if (pass == 0) {
			/*
			 * Counts into as many places as events: snapshots would
			 * take 8 bytes an event a snapshot, so none are taken
			 * (at most 4 bytes an event in all), and all is counted.
			 */
			struct place_count *wide = calloc(nev, sizeof *wide);

			timeline_count_places(t, 300000, 599999, NULL, wide, nev);
			count_by_hand(t, 300000, 599999, want, np);
			for (k = 0; k < nev; k++) {
				assert_int_equal(wide[k].n, k < np ? want[k].n : 0);
				if (k < np && want[k].n > 0)
					assert_int_equal(wide[k].last, want[k].last);
			}
			free(wide);
		}
		if (pass == 2) {
			count_by_hand(t, 0, nev, want, np);
			assert_int_equal(want[((size_t)1000 * 2654435761u) % np].n, UINT_MAX);
		}
		free(all);
		free(got);
		free(want);
		timeline_free(t);
	}
}

/* attr_code_widths()'s value of attribute k for row i. */
static void
width_value(size_t k, size_t i, char *buf, size_t len)
{
	if (k == 0)
		snprintf(buf, len, "%s", i % 3 == 0 ? "" : i % 3 == 1 ? "one" : "two");
	else if (k == 1)
		snprintf(buf, len, "v%zu", i % 300);
	else
		snprintf(buf, len, "row %zu", i);
}

/* Rows from .. to with attr_code_widths()'s values, pushed to t. */
static void
width_rows(struct timeline *t, size_t from, size_t to)
{
	size_t i, k;

	for (i = from; i < to; i++) {
		struct event *ev = timeline_push(t);
		char id[24], v[24];

		ev->id = timeline_text(t, id, (size_t)snprintf(id, sizeof id, "W%zu", i));
		ev->place = (size_t)-1;
		ev->lo = ev->hi = ev->day = d(2021, 1, 1) + (day_t)(i / 500);
		ev->prec = DATE_DAY;
		for (k = 0; k < 3; k++) {
			width_value(k, i, v, sizeof v);
			timeline_attr_set(t, ev, k, v, strlen(v));
		}
	}
}

/*
 * Attribute codes take 1, 2 or 4 bytes, the fewest their values need (3,
 * 300, and 70,000 values), widened as values come, when rows are pushed
 * and when a block is appended after another; every row reads its own
 * value, and again from the events cache's image.
 */
static void
attr_code_widths(void **state)
{
	enum { N = 70000 };
	static const unsigned width[3] = { 1, 2, 4 };
	int appended;

	(void)state;
	for (appended = 0; appended < 2; appended++) {
		struct timeline *t = timeline_new(pl), *b, *t2;
		struct places *pl2;
		struct membuf m = { NULL, 0, 0 };
		char *cause = NULL, v[24];
		size_t i, k, *map = calloc(pl->n + 1, sizeof *map);

		for (k = 0; k < 3; k++)
			timeline_attr_add(t, k == 0 ? "few" : k == 1 ? "some" : "many", "A");
		if (!appended) {
			width_rows(t, 0, N);
		} else {
			/* the second block's values are new to the first: dst widens as it takes them */
			width_rows(t, 0, 200);
			b = timeline_new(pl);
			for (k = 0; k < 3; k++)
				timeline_attr_add(b, k == 0 ? "few" : k == 1 ? "some" : "many", "A");
			width_rows(b, 200, N);
			for (i = 0; i < pl->n; i++)
				map[i] = i;
			assert_int_equal(t->attrs[1].width, 1);
			timeline_append(t, b, map);
		}
		if ((t = timeline_finish(t, "widths", &cause)) == NULL)
			fail_msg("%s", cause);
		for (k = 0; k < 3; k++)
			assert_int_equal(t->attrs[k].width, width[k]);
		for (i = 0; i < N; i++)
			for (k = 0; k < 3; k++) {
				width_value(k, t->events[i].seq, v, sizeof v);
				assert_string_equal(timeline_attr(t, &t->events[i], k), v);
			}
		assert_int_equal(timeline_image_write(t, pl, NULL, 0, 0, 0, mem_put, &m), 0);
		assert_int_equal(timeline_image_read(m.p, m.n, 0, 0, m.n, &pl2, &t2), 0);
		for (k = 0; k < 3; k++)
			assert_int_equal(t2->attrs[k].width, width[k]);
		for (i = 0; i < N; i += 7)
			for (k = 0; k < 3; k++)
				assert_string_equal(timeline_attr(t2, &t2->events[i], k),
				    timeline_attr(t, &t->events[i], k));
		timeline_free(t2);
		places_free(pl2);
		timeline_free(t);
		free(map);
	}
}

/* Scratch rooms mapped from nowhere, counted; from the fail-th on there is none. */
struct scratch_count {
	size_t	 taken, dropped, fail;
	uint64_t next;
};

static void *
no_room(void *ctx, size_t n, uint64_t *at)
{
	(void)ctx;
	(void)n;
	(void)at;
	return NULL;
}

static void *
count_scratch(void *ctx, size_t n, uint64_t *at)
{
	struct scratch_count *f = ctx;
	void *p;

	assert_int_equal(n % (size_t)sysconf(_SC_PAGESIZE), 0);
	if (f->taken >= f->fail)
		return NULL;
	p = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	assert_true(p != MAP_FAILED);
	*at = f->next;
	f->next += n;
	f->taken++;
	return p;
}

static void
count_drop(void *ctx, void *p, size_t n, uint64_t at)
{
	struct scratch_count *f = ctx;

	assert_true(at < f->next);
	assert_int_equal(munmap(p, n), 0);
	f->dropped++;
}

/*
 * A large timeline's events are built in scratch rooms (those of the
 * events cache entry being written), not on the heap: small ones stay on
 * the heap; a block appended gives its room back; every room taken is
 * dropped once; with no room left the events go back to the heap, none
 * lost. Every event reads back its own id and day after the sort.
 */
static void
events_in_scratch_rooms(void **state)
{
	enum { SMALL = 8000, N = 150000 };
	size_t fails[3] = { SIZE_MAX, 1, 2 }, f, i, k, *map = calloc(pl->n + 1, sizeof *map);

	(void)state;
	for (i = 0; i < pl->n; i++)
		map[i] = i;
	for (f = 0; f < 3; f++) {
		struct scratch_count sc = { 0, 0, fails[f], 4096 };
		struct arena_rooms rooms = { no_room, &sc, count_scratch, count_drop };
		struct timeline *t = timeline_new(pl), *b = timeline_new(pl);
		char *cause = NULL, id[24];

		timeline_text_rooms(t, &rooms);
		timeline_text_rooms(b, &rooms);
		for (k = 0; k < 3; k++) {
			timeline_attr_add(t, k == 0 ? "few" : k == 1 ? "some" : "many", "A");
			timeline_attr_add(b, k == 0 ? "few" : k == 1 ? "some" : "many", "A");
		}
		width_rows(t, 0, SMALL);
		assert_int_equal(sc.taken, 0);		/* 0.7 MB: the heap */
		/* newest first in b: the sort moves events inside the room */
		for (i = N; i-- > SMALL;)
			width_rows(b, i, i + 1);
		if (f == 0)
			assert_true(sc.taken >= 2 && sc.taken - sc.dropped == 1);
		timeline_append(t, b, map);
		if (f == 0)
			assert_int_equal(sc.taken - sc.dropped, 1);
		if ((t = timeline_finish(t, "scratch", &cause)) == NULL)
			fail_msg("%s", cause);
		assert_int_equal(t->nevents, N);
		for (i = 0; i < N; i++) {
			const struct event *ev = &t->events[i];
			size_t row = ev->seq < SMALL ? ev->seq : N - 1 - (ev->seq - SMALL);

			snprintf(id, sizeof id, "W%zu", row);
			assert_string_equal(ev->id, id);
			assert_int_equal(ev->day, d(2021, 1, 1) + (day_t)(row / 500));
			if (i > 0)
				assert_true(t->events[i - 1].day <= ev->day);
		}
		assert_true((k = (size_t)timeline_find(t, "W149999")) < N);
		assert_string_equal(t->events[k].id, "W149999");
		timeline_free(t);
		assert_int_equal(sc.taken, sc.dropped);
		if (fails[f] != SIZE_MAX)
			assert_int_equal(sc.taken, fails[f]);
	}
	free(map);
}

/*
 * Events and id index built in scratch rooms of the entry being written
 * are made the image's where they lie: the image reads back every event,
 * by id too; the timeline written gets its events back as they were
 * (timeline_image_undo(), for a first open whose entry cannot be read
 * again); freeing it leaves the entry whole.
 */
static void
image_in_place(void **state)
{
	enum { N = 150000 };
	const char *input = "tests/fixtures/acled_wide.csv";
	struct arena_rooms rooms = { cache_room, NULL, cache_scratch, cache_scratch_drop };
	struct places *pl2;
	struct timeline *t, *t2;
	struct cache_out *c;
	char *dir, *key, *cause = NULL, *map, id[24];
	size_t map_len, off, len, i, k, round;
	day_t *day = calloc(N, sizeof *day);

	(void)state;
	c = begin_entry_dir("in-place", input, &dir, &key);
	rooms.ctx = c;
	t = timeline_new(pl);
	timeline_text_rooms(t, &rooms);
	for (k = 0; k < 3; k++)
		timeline_attr_add(t, k == 0 ? "few" : k == 1 ? "some" : "many", "A");
	/* newest first: the sort moves them inside their room */
	for (i = N; i-- > 0;)
		width_rows(t, i, i + 1);
	if ((t = timeline_finish(t, "in place", &cause)) == NULL)
		fail_msg("%s", cause);
	for (i = 0; i < N; i++)
		day[i] = t->events[i].day;
	assert_int_equal(timeline_image_write(t, pl, NULL, 0, cache_body_offset(key),
	    cache_body_used(c), cache_write, c), 0);
	/* the image's pointers, not the timeline's: made where they lie */
	assert_true((uintptr_t)t->events[0].id >= TIMELINE_IMAGE_BASE);
	assert_int_equal(cache_commit(c), 0);
	timeline_image_undo(t);
	for (i = 0; i < N; i++) {
		snprintf(id, sizeof id, "W%zu", (size_t)(N - 1 - t->events[i].seq));
		assert_string_equal(t->events[i].id, id);
		assert_int_equal(t->events[i].day, day[i]);
	}
	assert_string_equal(t->events[timeline_find(t, "W0")].id, "W0");
	/* read back before and after the written timeline is freed: its rooms unmapped only */
	for (round = 0; round < 2; round++) {
		if (round == 1)
			timeline_free(t);
		assert_non_null(map = cache_map(key, NULL, &map_len, &off, &len));
		assert_int_equal(timeline_image_read(map, map_len, 1, off, len, &pl2, &t2), 0);
		assert_int_equal(t2->nevents, N);
		for (i = 0; i < N; i++) {
			snprintf(id, sizeof id, "W%zu", (size_t)(N - 1 - t2->events[i].seq));
			assert_string_equal(t2->events[i].id, id);
			assert_int_equal(t2->events[i].day, day[i]);
		}
		for (i = 0; i < N; i += 997) {
			snprintf(id, sizeof id, "W%zu", i);
			assert_string_equal(t2->events[timeline_find(t2, id)].id, id);
		}
		timeline_free(t2);
		places_free(pl2);
	}
	free(day);
	end_entry_dir(dir, key);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(order_and_days),
		cmocka_unit_test(fold),
		cmocka_unit_test(initial_from),
		cmocka_unit_test(positions),
		cmocka_unit_test(bad_rows),
		cmocka_unit_test(routes),
		cmocka_unit_test(fold_matches_replay),
		cmocka_unit_test(anchors),
		cmocka_unit_test(stops),
		cmocka_unit_test(stops_filtered),
		cmocka_unit_test(filter_folds_as_text_fold),
		cmocka_unit_test(filter_scan_random),
		cmocka_unit_test(rule_state),
		cmocka_unit_test(plans),
		cmocka_unit_test(read_in_blocks),
		cmocka_unit_test(image_round_trip),
		cmocka_unit_test(image_rooms),
		cmocka_unit_test(image_in_place),
		cmocka_unit_test(newest_first),
		cmocka_unit_test(random_order),
		cmocka_unit_test(count_places_from_snapshots),
		cmocka_unit_test(attr_code_widths),
		cmocka_unit_test(events_in_scratch_rooms),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
