/*
 * test_import.c: ACLED and UCDP GED exports, on synthetic files from
 * tests/tools/gen_acled.sh and gen_ucdp.sh (run from the repository root)
 * and on inline rows for the corner cases and the error messages.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <ftw.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "import.h"
#include "timeline.h"
#include "util.h"

#if defined(__SANITIZE_ADDRESS__)
#define SLOW	1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SLOW	1
#endif
#endif
#ifndef SLOW
#define SLOW	0
#endif

#define BIG_ROWS	100000
#define DETECT(s)	import_detect(s, sizeof s - 1)

static char dir[] = "/tmp/sitmap-import-XXXXXX";

/* One generated file: the script, its options, and where it went. */
struct gen {
	const char	*script, *args, *file;
};

static const struct gen gens[] = {
	{ "gen_acled.sh", "", "acled.csv" },
	{ "gen_acled.sh", "-o -c", "acled_old_crlf.csv" },
	{ "gen_acled.sh", "100000", "acled_big.csv" },
	{ "gen_ucdp.sh", "", "ucdp.csv" },
	{ "gen_ucdp.sh", "-o -c", "ucdp_old_crlf.csv" },
	{ "gen_ucdp.sh", "2000", "ucdp_2000.csv" },
};

static char *
path_of(const char *file)
{
	char *p;

	xasprintf(&p, "%s/%s", dir, file);
	return p;
}

static int
rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int
setup(void **state)
{
	size_t i;
	char *cmd;

	(void)state;
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return -1;
	}
	for (i = 0; i < sizeof gens / sizeof gens[0]; i++) {
		xasprintf(&cmd, "sh tests/tools/%s %s >%s/%s", gens[i].script, gens[i].args, dir,
		    gens[i].file);
		if (system(cmd) != 0) {
			fprintf(stderr, "%s: failed (run the tests from the repository root)\n",
			    cmd);
			free(cmd);
			return -1;
		}
		free(cmd);
	}
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	return nftw(dir, rm_entry, 8, FTW_DEPTH | FTW_PHYS);
}

static day_t
d(int y, int m, int dd)
{
	day_t day;

	assert_int_equal(date_from_ymd(y, m, dd, &day), 0);
	return day;
}

static void
load_file(const char *file, int fmt, struct places **pl, struct timeline **tl)
{
	char *p = path_of(file), *cause = NULL;

	if (import_load(p, fmt, pl, tl, &cause) < 0)
		fail_msg("%s", cause);
	free(p);
}

static int
load_str(const char *csv, int fmt, struct places **pl, struct timeline **tl, char **cause)
{
	*cause = NULL;
	if (fmt < 0)
		fmt = import_detect(csv, strlen(csv));
	assert_true(fmt >= 0);
	return import_load_mem("e.csv", csv, strlen(csv), (enum import_format)fmt, pl, tl,
	    cause);
}

static void
load_ok(const char *csv, struct places **pl, struct timeline **tl)
{
	char *cause;

	if (load_str(csv, -1, pl, tl, &cause) < 0)
		fail_msg("%s", cause);
}

/* The load fails with exactly this message, and leaves nothing behind. */
static void
load_fails(const char *csv, int fmt, const char *want)
{
	struct places *pl = (struct places *)1;
	struct timeline *tl = (struct timeline *)1;
	char *cause;

	assert_int_equal(load_str(csv, fmt, &pl, &tl, &cause), -1);
	assert_null(pl);
	assert_null(tl);
	assert_non_null(cause);
	assert_string_equal(cause, want);
	free(cause);
}

static const struct event *
ev(const struct timeline *tl, const char *id)
{
	long i = timeline_find(tl, id);

	if (i < 0)
		fail_msg("no event %s", id);
	return &tl->events[i];
}

static void
dates(const struct event *e, day_t lo, day_t hi, enum date_prec prec)
{
	assert_int_equal(e->lo, lo);
	assert_int_equal(e->hi, hi);
	assert_int_equal(e->prec, prec);
	/* a month takes effect on its last day, anything else on its first */
	assert_int_equal(e->day, timeline_anchor(lo, hi, prec));
}

static const char *
type(const struct timeline *tl, const struct event *e)
{
	return tl->types[e->type];
}

static void
test_detect(void **state)
{
	static const char *const acled[] = { "acled.csv", "acled_old_crlf.csv" };
	static const char *const ucdp[] = { "ucdp.csv", "ucdp_old_crlf.csv" };
	char *p, *buf, *err;
	size_t i, len;

	(void)state;
	for (i = 0; i < 4; i++) {
		p = path_of(i < 2 ? acled[i] : ucdp[i - 2]);
		assert_int_equal(util_read_file(p, 1 << 20, &buf, &len, &err), 0);
		assert_int_equal(import_detect(buf, len), i < 2 ? IMPORT_ACLED : IMPORT_UCDP);
		free(buf);
		free(p);
	}
	assert_int_equal(DETECT("\xef\xbb\xbf" "EVENT_ID_CNTY,Event_Date\r\n"),
	    IMPORT_ACLED);
	assert_int_equal(DETECT("id,date_start,date_end,best\n"), IMPORT_UCDP);
	assert_int_equal(DETECT("id,date_start,deaths_a\n"), IMPORT_UCDP);
	assert_int_equal(DETECT("\"id\",\"date_start\",\"where_prec\""), IMPORT_UCDP);
	assert_int_equal(DETECT("id,date,end_date,precision,place,kind,effects,"
	    "actors,summary,sources,note\n"), IMPORT_SITMAP);
	assert_int_equal(DETECT("id,date,precision,place,kind,summary\n"),
	    IMPORT_SITMAP);
	assert_int_equal(DETECT("id,name,lat,lon,kind,source\n"), -1);
	assert_int_equal(DETECT("id,date_start\n"), -1);
	assert_int_equal(DETECT(""), -1);
	assert_int_equal(DETECT("\"unterminated"), -1);
	assert_int_equal(import_format_from_name("acled"), IMPORT_ACLED);
	assert_int_equal(import_format_from_name("ucdp"), IMPORT_UCDP);
	assert_int_equal(import_format_from_name("sitmap"), IMPORT_SITMAP);
	assert_int_equal(import_format_from_name("ACLED"), -1);
	assert_string_equal(import_format_name(IMPORT_UCDP), "ucdp");
}

/* Every event_date format and time_precision of the generated file. */
static void
test_acled_dates(void **state)
{
	struct places *pl;
	struct timeline *tl;

	(void)state;
	load_file("acled.csv", -1, &pl, &tl);
	assert_int_equal(tl->nevents, 8);
	dates(ev(tl, "MLI1001"), d(2023, 10, 7), d(2023, 10, 7), DATE_DAY);
	dates(ev(tl, "MLI1002"), d(2023, 10, 7), d(2023, 10, 7), DATE_DAY);
	/* week: event_date is the middle of 7 days */
	dates(ev(tl, "MLI1003"), d(2023, 10, 4), d(2023, 10, 10), DATE_RANGE);
	/* month */
	dates(ev(tl, "MLI1004"), d(2023, 10, 1), d(2023, 10, 31), DATE_MONTH);
	/* dd-mm-yyyy */
	dates(ev(tl, "MLI1005"), d(2023, 10, 7), d(2023, 10, 7), DATE_DAY);
	dates(ev(tl, "MLI1006"), d(2023, 11, 14), d(2023, 11, 14), DATE_DAY);
	dates(ev(tl, "MLI1007"), d(2024, 2, 29), d(2024, 2, 29), DATE_DAY);
	dates(ev(tl, "MLI1008"), d(2023, 11, 12), d(2023, 11, 18), DATE_RANGE);
	/* sorted by day (a month at its last), then file order */
	assert_string_equal(tl->events[0].id, "MLI1003");
	assert_string_equal(tl->events[1].id, "MLI1001");
	assert_string_equal(tl->events[2].id, "MLI1002");
	assert_string_equal(tl->events[3].id, "MLI1005");
	assert_string_equal(tl->events[4].id, "MLI1004");
	/* MLI1006, "Government regains territory": Kidal is retaken */
	assert_int_equal(tl->neffects, 1);
	assert_int_equal(ev(tl, "MLI1006")->neffects, 1);
	assert_int_equal(tl->effects[ev(tl, "MLI1006")->first_effect].status, STATUS_RETAKEN);
	assert_int_equal(tl->effects[ev(tl, "MLI1006")->first_effect].place,
	    ev(tl, "MLI1006")->place);
	assert_int_equal(tl->effects[ev(tl, "MLI1006")->first_effect].day, d(2023, 11, 14));
	assert_true(tl->counted);
	timeline_free(tl);
	places_free(pl);
}

static void
test_acled_fields(void **state)
{
	struct places *pl;
	struct timeline *tl;
	const struct event *e;

	(void)state;
	load_file("acled.csv", IMPORT_ACLED, &pl, &tl);
	e = ev(tl, "MLI1001");
	assert_string_equal(type(tl, e), "Battles");
	assert_string_equal(e->actors, "Military Forces of Mali (2021-); CSP-PSD: Permanent "
	    "Strategic Framework for Peace, Security and Development");
	assert_string_equal(e->summary, "On 7 October 2023, FAMa and Wagner Group clashed with "
	    "CSP-PSD fighters near Anefis (Kidal). \"Heavy\" losses, per both sides.");
	assert_string_equal(e->sources, "Le Monde; Reuters");
	assert_string_equal(e->note, "geo precision 1: town");
	assert_int_equal(e->fatalities, 12);
	assert_false(e->planned);
	assert_int_equal(e->neffects, 0);
	/* the other columns, as attributes: sub-event type, disorder, actor types, admin */
	assert_int_equal(tl->nattrs, 6);
	assert_string_equal(tl->attrs[0].key, "sub_event_type");
	assert_string_equal(timeline_attr(tl, e, 0), "Armed clash");
	assert_string_equal(timeline_attr(tl, e, 1), "Political violence");
	assert_string_equal(timeline_attr(tl, e, 2), "State forces; Rebel group");
	assert_string_equal(timeline_attr(tl, e, 3), "Kidal / Kidal");
	assert_string_equal(timeline_attr(tl, e, 4), "");
	assert_string_equal(timeline_attr(tl, e, 5), "");
	assert_string_equal(timeline_attr(tl, ev(tl, "MLI1002"), 5), "casualties unknown");
	assert_string_equal(timeline_attr(tl, ev(tl, "MLI1003"), 4), "Civilian targeting");

	e = ev(tl, "MLI1002");
	assert_string_equal(type(tl, e), "Explosions/Remote violence");
	/* 0 may mean unknown to ACLED, but it is what the row says */
	assert_int_equal(e->fatalities, 0);
	e = ev(tl, "MLI1003");
	assert_string_equal(type(tl, e), "Violence against civilians");
	assert_string_equal(e->summary, "Around the week of 7 October 2023, JNIM militants "
	    "attacked herders near Tarkint, killing 3.");
	assert_string_equal(e->note, "geo precision 2: near a town");
	e = ev(tl, "MLI1004");
	assert_string_equal(e->actors, "Unidentified Armed Group (Mali)");
	assert_string_equal(e->note, "geo precision 3: region");
	assert_int_equal(ev(tl, "MLI1006")->type, ev(tl, "MLI1001")->type);
	assert_string_equal(ev(tl, "MLI1006")->summary, "FAMa and Wagner Group retook Kidal,  "
	    "held by CSP-PSD since 2012.");
	assert_string_equal(ev(tl, "MLI1005")->summary, "Protesters gathered in Bamako, "
	    "chanting \"MINUSMA out\".");
	/* type 0 is "", then one per distinct event_type */
	assert_int_equal(tl->ntypes, 7);
	timeline_free(tl);
	places_free(pl);
}

static void
test_acled_places(void **state)
{
	struct places *pl;
	struct timeline *tl;
	const struct place *p;
	size_t i;

	(void)state;
	load_file("acled.csv", -1, &pl, &tl);
	/* Anefis twice at one point, then Anefis again 1 km away: two places */
	assert_int_equal(pl->n, 7);
	assert_int_equal(ev(tl, "MLI1001")->place, ev(tl, "MLI1002")->place);
	assert_int_not_equal(ev(tl, "MLI1001")->place, ev(tl, "MLI1008")->place);
	p = &pl->v[ev(tl, "MLI1001")->place];
	assert_string_equal(p->id, "loc-1");
	assert_string_equal(p->name, "Anefis");
	assert_string_equal(p->label, "Anefis");
	assert_string_equal(p->region, "Kidal");
	assert_string_equal(p->source, "ACLED");
	assert_int_equal(p->kind, PLACE_SITE);
	assert_int_equal(p->initial, STATUS_NONE);
	assert_true(p->lat_deg == 18.0439 && p->lon_deg == 0.6031);
	assert_string_equal(pl->v[ev(tl, "MLI1008")->place].name, "Anefis");
	assert_string_equal(pl->v[ev(tl, "MLI1007")->place].name, "S\xc3\xa9gou");
	assert_string_equal(pl->v[ev(tl, "MLI1007")->place].id, "loc-6");
	/* geo_precision 3: only a region is known, the point is its centre's */
	assert_true(pl->v[ev(tl, "MLI1004")->place].unlocated);
	assert_false(pl->v[ev(tl, "MLI1003")->place].unlocated);
	assert_false(pl->v[ev(tl, "MLI1001")->place].unlocated);
	for (i = 0; i < tl->nevents; i++)
		assert_true(tl->events[i].place < pl->n);
	assert_ptr_equal(tl->places, pl);
	timeline_free(tl);
	places_free(pl);
}

/* The layout before March 2023 and CRLF give the same events. */
static void
same_events(const char *a, const char *b)
{
	struct places *pa, *pb;
	struct timeline *ta, *tb;
	size_t i;

	load_file(a, -1, &pa, &ta);
	load_file(b, -1, &pb, &tb);
	assert_int_equal(ta->nevents, tb->nevents);
	assert_int_equal(pa->n, pb->n);
	for (i = 0; i < ta->nevents; i++) {
		const struct event *x = &ta->events[i], *y = &tb->events[i];

		assert_string_equal(x->id, y->id);
		assert_int_equal(x->lo, y->lo);
		assert_int_equal(x->hi, y->hi);
		assert_int_equal(x->prec, y->prec);
		assert_int_equal(x->fatalities, y->fatalities);
		assert_string_equal(x->actors, y->actors);
		assert_string_equal(x->summary, y->summary);
		assert_string_equal(x->sources, y->sources);
		assert_string_equal(x->note, y->note);
		assert_string_equal(ta->types[x->type], tb->types[y->type]);
		assert_string_equal(pa->v[x->place].name, pb->v[y->place].name);
	}
	timeline_free(ta);
	places_free(pa);
	timeline_free(tb);
	places_free(pb);
}

static void
test_layouts(void **state)
{
	(void)state;
	same_events("acled.csv", "acled_old_crlf.csv");
	same_events("ucdp.csv", "ucdp_old_crlf.csv");
}

static const char acled_head[] =
    "event_id_cnty,event_date,time_precision,event_type,sub_event_type,actor1,actor2,"
    "location,admin1,latitude,longitude,geo_precision,source,notes,fatalities\n";

/* event_date in each accepted spelling, as the only row of a file */
static void
acled_one_date(const char *date, const char *tp, day_t lo, day_t hi, enum date_prec prec)
{
	struct places *pl;
	struct timeline *tl;
	char *csv;

	xasprintf(&csv, "%sX1,%s,%s,Battles,,,,Gao,Gao,16.27,-0.04,1,s,n,\n", acled_head,
	    date, tp);
	load_ok(csv, &pl, &tl);
	dates(&tl->events[0], lo, hi, prec);
	assert_int_equal(tl->events[0].fatalities, -1);
	timeline_free(tl);
	places_free(pl);
	free(csv);
}

static void
test_acled_date_forms(void **state)
{
	(void)state;
	acled_one_date("2023-10-07", "1", d(2023, 10, 7), d(2023, 10, 7), DATE_DAY);
	acled_one_date("07 October 2023", "", d(2023, 10, 7), d(2023, 10, 7), DATE_DAY);
	acled_one_date("7 October 2023", "1", d(2023, 10, 7), d(2023, 10, 7), DATE_DAY);
	acled_one_date("07-October-2023", "1", d(2023, 10, 7), d(2023, 10, 7), DATE_DAY);
	acled_one_date("7-october-2023", "1", d(2023, 10, 7), d(2023, 10, 7), DATE_DAY);
	acled_one_date("07 Oct 2023", "1", d(2023, 10, 7), d(2023, 10, 7), DATE_DAY);
	acled_one_date("07-10-2023", "1", d(2023, 10, 7), d(2023, 10, 7), DATE_DAY);
	acled_one_date(" 07-10-2023 ", "1", d(2023, 10, 7), d(2023, 10, 7), DATE_DAY);
	/* a week across a year end, a February month, a week across a leap day */
	acled_one_date("31 December 2023", "2", d(2023, 12, 28), d(2024, 1, 3), DATE_RANGE);
	acled_one_date("15-02-2024", "3", d(2024, 2, 1), d(2024, 2, 29), DATE_MONTH);
	acled_one_date("2023-02-15", "3", d(2023, 2, 1), d(2023, 2, 28), DATE_MONTH);
	acled_one_date("01 March 2024", "2", d(2024, 2, 27), d(2024, 3, 4), DATE_RANGE);
	acled_one_date("2023-12-31", "3", d(2023, 12, 1), d(2023, 12, 31), DATE_MONTH);
}

static void
acled_bad_date(const char *date)
{
	char *csv, *want, *clean = NULL;

	xasprintf(&csv, "%sX1,%s,1,Battles,,,,Gao,Gao,16.27,-0.04,1,s,n,0\n", acled_head, date);
	clean = date[0] == '"' ? xstrndup(date + 1, strlen(date) - 2) : xstrdup(date);
	xasprintf(&want, "e.csv:2: event_date \"%s\" is not a date (2023-10-07, "
	    "07 October 2023, 07-October-2023 or 07-10-2023)", clean);
	load_fails(csv, IMPORT_ACLED, want);
	free(csv);
	free(want);
	free(clean);
}

static void
test_acled_bad_dates(void **state)
{
	(void)state;
	acled_bad_date("2023-02-30");
	acled_bad_date("2023-02-29");
	acled_bad_date("31-04-2023");
	acled_bad_date("07/10/2023");
	acled_bad_date("10-07-2023x");
	acled_bad_date("2023-10-7");
	acled_bad_date("07 Octobre 2023");
	acled_bad_date("07 Octob 2023");
	acled_bad_date("07-October 2023");
	acled_bad_date("07 10 2023");
	acled_bad_date("7 October 23");
	acled_bad_date("October 7 2023");
	acled_bad_date("007 October 2023");
	acled_bad_date("0 October 2023");
	acled_bad_date("");
	acled_bad_date("\"7 October, 2023\"");
}

static void
test_errors(void **state)
{
	static const char ucdp_head[] = "id,date_start,date_end,date_prec,latitude,longitude,best\n";
	struct places *pl;
	struct timeline *tl;
	char *csv, *want, *cause;
	int i;

	(void)state;
	load_fails("", IMPORT_ACLED, "e.csv: empty file, expected a header line");
	load_fails("event_id_cnty,event_date,longitude\n", IMPORT_ACLED,
	    "e.csv:1: missing column \"latitude\"");
	load_fails("\n\nevent_id_cnty,latitude,longitude\n", IMPORT_ACLED,
	    "e.csv:3: missing column \"event_date\"");
	load_fails("id,date_start,longitude,latitude\n", IMPORT_ACLED,
	    "e.csv:1: missing column \"event_id_cnty\"");
	load_fails("id,date_end,latitude,longitude\n", IMPORT_UCDP,
	    "e.csv:1: missing column \"date_start\"");
	xasprintf(&csv, "%sX1,2023-10-07,1,Battles,,,,Gao,Gao,95.5,-0.04,1,s,n,0\n", acled_head);
	load_fails(csv, IMPORT_ACLED, "e.csv:2: latitude \"95.5\" is out of range");
	free(csv);
	xasprintf(&csv, "%sX1,2023-10-07,1,Battles,,,,Gao,Gao,16\xc2\xb0" "27',-0.04,1,s,n,0\n",
	    acled_head);
	load_fails(csv, IMPORT_ACLED, "e.csv:2: latitude \"16\xc2\xb0" "27'\" is not a number");
	free(csv);
	xasprintf(&csv, "%sX1,2023-10-07,1,Battles,,,,Gao,Gao,16.27,,1,s,n,0\n", acled_head);
	load_fails(csv, IMPORT_ACLED, "e.csv:2: longitude is missing");
	free(csv);
	/* hex, hex floats, infinities and NaN parse with strtod(), but are no coordinates */
	{
		static const char *const bad[] = { "0x10", "0x1p3", "inf", "nanx", "1e", "+", ".",
		    "1.2.3", "-0x0" };

		for (i = 0; i < (int)(sizeof bad / sizeof bad[0]); i++) {
			xasprintf(&csv, "%sX1,2023-10-07,1,Battles,,,,Gao,Gao,%s,-0.04,1,s,n,0\n",
			    acled_head, bad[i]);
			xasprintf(&want, "e.csv:2: latitude \"%s\" is not a number", bad[i]);
			load_fails(csv, IMPORT_ACLED, want);
			free(want);
			free(csv);
		}
	}
	/* what is a decimal number still is: blanks around, signs, exponents */
	{
		xasprintf(&csv, "%sX1,2023-10-07,1,Battles,,,,Gao,Gao, +16.27e0 ,-.04,1,s,n,0\n",
		    acled_head);
		load_ok(csv, &pl, &tl);
		assert_true(fabs(pl->v[0].lat_deg - 16.27) < 1e-9);
		assert_true(fabs(pl->v[0].lon_deg + 0.04) < 1e-9);
		timeline_free(tl);
		places_free(pl);
		free(csv);
	}
	/* French Excel: a decimal comma is not a number */
	xasprintf(&csv, "%sX1,2023-10-07,1,Battles,,,,Gao,Gao,\"16,27\",-0.04,1,s,n,0\n",
	    acled_head);
	load_fails(csv, IMPORT_ACLED, "e.csv:2: latitude \"16,27\" is not a number");
	free(csv);
	xasprintf(&csv, "%sX1,2023-10-07,1,Battles,,,,Gao,Gao,16.27,-180.5,1,s,n,0\n",
	    acled_head);
	load_fails(csv, IMPORT_ACLED, "e.csv:2: longitude \"-180.5\" is out of range");
	free(csv);
	xasprintf(&csv, "%sX1,2023-10-07,1,Battles,,,,Gao,Gao,16.27,-0.04,1,s,n,many\n",
	    acled_head);
	load_fails(csv, IMPORT_ACLED, "e.csv:2: fatalities \"many\" is not a count");
	free(csv);
	xasprintf(&csv, "%sX1,2023-10-07,1,Battles,,,,Gao,Gao,16.27,-0.04,1,s,n,-1\n",
	    acled_head);
	load_fails(csv, IMPORT_ACLED, "e.csv:2: fatalities \"-1\" is not a count");
	free(csv);
	xasprintf(&csv, "%sX1,2023-10-07,4,Battles,,,,Gao,Gao,16.27,-0.04,1,s,n,0\n",
	    acled_head);
	load_fails(csv, IMPORT_ACLED, "e.csv:2: time_precision \"4\" is not 1, 2 or 3");
	free(csv);
	/* ragged rows, both ways */
	xasprintf(&csv, "%sX1,2023-10-07,1,Battles,,,,Gao,Gao,16.27,-0.04,1,s,n,0,extra\n",
	    acled_head);
	load_fails(csv, IMPORT_ACLED, "e.csv:2: 16 fields, but the header names 15");
	free(csv);
	xasprintf(&csv, "%sX1,2023-10-07,1,Battles,,,,Gao,Gao,16.27,-0.04,1,s,n,0\n"
	    "X2,2023-10-07,1\n", acled_head);
	load_fails(csv, IMPORT_ACLED, "e.csv:3: 3 fields, but the header names 15");
	free(csv);
	/* the line where a multi-line record starts */
	xasprintf(&csv, "%sX1,2023-10-07,1,Battles,,,,Gao,Gao,16.27,-0.04,1,s,\"a\nb\",0\n"
	    "X2,2023-13-07,1,Battles,,,,Gao,Gao,16.27,-0.04,1,s,n,0\n", acled_head);
	load_fails(csv, IMPORT_ACLED, "e.csv:4: event_date \"2023-13-07\" is not a date "
	    "(2023-10-07, 07 October 2023, 07-October-2023 or 07-10-2023)");
	free(csv);
	xasprintf(&csv, "%sX1,2023-10-07,1,Battles,,,,Gao,Gao,16.27,-0.04,1,s,\"a,0\n", acled_head);
	load_fails(csv, IMPORT_ACLED, "e.csv:2: unterminated quoted field");
	free(csv);
	/* no timestamp column: a duplicate id is an error */
	xasprintf(&csv, "%sX1,2023-10-07,1,Battles,,,,Gao,Gao,16.27,-0.04,1,s,n,0\n"
	    "X2,2023-10-07,1,Battles,,,,Gao,Gao,16.27,-0.04,1,s,n,0\n"
	    "X1,2023-10-08,1,Battles,,,,Gao,Gao,16.27,-0.04,1,s,n,0\n", acled_head);
	load_fails(csv, IMPORT_ACLED, "e.csv:4: duplicate event_id_cnty \"X1\" (also on line 2)");
	free(csv);
	xasprintf(&csv, "%s,2023-10-07,1,Battles,,,,Gao,Gao,16.27,-0.04,1,s,n,0\n", acled_head);
	load_fails(csv, IMPORT_ACLED, "e.csv:2: event_id_cnty \"\" is not an id");
	free(csv);
	/* what reaches the terminal is sanitised: no ESC, no bidi controls */
	xasprintf(&csv, "%sX1,\x1b]0;PWNED\x07\xe2\x80\xae,1,Battles,,,,Gao,Gao,1,1,1,s,n,0\n",
	    acled_head);
	load_fails(csv, IMPORT_ACLED, "e.csv:2: event_date \"]0;PWNED\" is not a date "
	    "(2023-10-07, 07 October 2023, 07-October-2023 or 07-10-2023)");
	free(csv);
	assert_int_equal(import_load_mem("bad\x1b[2Jname.csv", "", 0, IMPORT_UCDP, &pl, &tl,
	    &cause), -1);
	assert_string_equal(cause, "bad[2Jname.csv: empty file, expected a header line");
	free(cause);

	/* UCDP */
	xasprintf(&csv, "%s1,2023-10-07 00:00:00.000,2023-10-06,1,16.27,-0.04,3\n", ucdp_head);
	load_fails(csv, IMPORT_UCDP, "e.csv:2: date_end \"2023-10-06\" is before date_start");
	free(csv);
	xasprintf(&csv, "%s1,07/10/2023,,1,16.27,-0.04,3\n", ucdp_head);
	load_fails(csv, IMPORT_UCDP, "e.csv:2: date_start \"07/10/2023\" is not a date "
	    "(2023-10-07 or 2023-10-07 00:00:00.000)");
	free(csv);
	xasprintf(&csv, "%s1,2023-10-07 noon,,1,16.27,-0.04,3\n", ucdp_head);
	load_fails(csv, IMPORT_UCDP, "e.csv:2: date_start \"2023-10-07 noon\" is not a date "
	    "(2023-10-07 or 2023-10-07 00:00:00.000)");
	free(csv);
	xasprintf(&csv, "%s1,2023-10-07,2023-10-32,1,16.27,-0.04,3\n", ucdp_head);
	load_fails(csv, IMPORT_UCDP, "e.csv:2: date_end \"2023-10-32\" is not a date "
	    "(2023-10-07 or 2023-10-07 00:00:00.000)");
	free(csv);
	for (i = 0; i < 2; i++) {
		xasprintf(&csv, "%s1,2023-10-07,,%s,16.27,-0.04,3\n", ucdp_head, i ? "6" : "0");
		xasprintf(&want, "e.csv:2: date_prec \"%s\" is not 1 to 5", i ? "6" : "0");
		load_fails(csv, IMPORT_UCDP, want);
		free(csv);
		free(want);
	}
	xasprintf(&csv, "%s1,2023-10-07,,1,-90.01,-0.04,3\n", ucdp_head);
	load_fails(csv, IMPORT_UCDP, "e.csv:2: latitude \"-90.01\" is out of range");
	free(csv);
	xasprintf(&csv, "%s1,2023-10-07,,1,16.27,-0.04,3.5\n", ucdp_head);
	load_fails(csv, IMPORT_UCDP, "e.csv:2: best \"3.5\" is not a whole number");
	free(csv);
	xasprintf(&csv, "%s7,2023-10-07,,1,16.27,-0.04,3\n7,2023-10-08,,1,16.27,-0.04,3\n",
	    ucdp_head);
	load_fails(csv, IMPORT_UCDP, "e.csv:3: duplicate id \"7\" (also on line 2)");
	free(csv);
}

/* ACLED files with a timestamp column keep the newest row of an id. */
static void
test_acled_dedupe(void **state)
{
	static const char csv[] =
	    "event_id_cnty,event_date,location,latitude,longitude,fatalities,notes,timestamp\r\n"
	    "MLI1,2023-10-07,Gao,16.2717,-0.0447,1,first,100\r\n"
	    "MLI2,2023-10-09,Kidal,18.4411,1.4078,2,other,100\r\n"
	    "MLI1,2023-10-08,Anefis,18.0439,0.6031,5,newest,300\r\n"
	    "MLI1,2023-10-06,Tessalit,20.2011,1.0125,9,older,200\r\n"
	    "MLI2,2023-10-09,Kidal,18.4411,1.4078,3,same time: the later row,100\r\n";
	struct places *pl;
	struct timeline *tl;
	const struct event *e;

	(void)state;
	load_ok(csv, &pl, &tl);
	assert_int_equal(tl->nevents, 2);
	e = ev(tl, "MLI1");
	assert_int_equal(e->fatalities, 5);
	assert_string_equal(e->summary, "newest");
	dates(e, d(2023, 10, 8), d(2023, 10, 8), DATE_DAY);
	assert_string_equal(ev(tl, "MLI2")->summary, "same time: the later row");
	/* Gao and Tessalit lost their only rows; the ids stay dense */
	assert_int_equal(pl->n, 2);
	assert_string_equal(pl->v[e->place].name, "Anefis");
	assert_string_equal(pl->v[ev(tl, "MLI2")->place].name, "Kidal");
	assert_string_equal(pl->v[0].id, "loc-1");
	assert_string_equal(pl->v[1].id, "loc-2");
	assert_string_equal(tl->events[0].id, "MLI1");
	timeline_free(tl);
	places_free(pl);

	load_fails("event_id_cnty,event_date,latitude,longitude,timestamp\n"
	    "A,2023-10-07,1,1,soon\n", IMPORT_ACLED,
	    "e.csv:2: timestamp \"soon\" is not a number");
}

static void
test_acled_text(void **state)
{
	struct places *pl;
	struct timeline *tl;
	const struct event *e;
	char *csv, *notes = xmalloc(6001);
	size_t n;

	(void)state;
	memset(notes, 'x', 6000);
	notes[6000] = '\0';
	xasprintf(&csv, "%s"
	    "X1,2023-10-07,1,Battles\x1b[31m,Armed clash,A\xe2\x80\xae" "B,,,,16.27,-0.04,9,s,"
	    "\"a\x1b]0;PWNED\x07" "b\",0\n"
	    "X2,2023-10-07,1,,Attack,,C,Gao,,16.27,-0.04,,s,%s,0\n"
	    "X3,2023-10-07,1,Battles[31m,,,,Gao,,16.27,-0.04,,,,0\n", acled_head, notes);
	load_ok(csv, &pl, &tl);
	e = ev(tl, "X1");
	assert_string_equal(type(tl, e), "Battles[31m");
	assert_string_equal(e->actors, "AB");
	assert_string_equal(e->summary, "a]0;PWNEDb");
	assert_string_equal(timeline_attr(tl, e, 0), "Armed clash");
	assert_string_equal(e->note, "geo precision 9");
	/* no location nor admin1: named by its coordinates */
	assert_string_equal(pl->v[e->place].name, "16.2700, -0.0400");
	e = ev(tl, "X2");
	assert_int_equal(e->type, 0);
	assert_string_equal(e->actors, "C");
	assert_string_equal(e->note, "");
	/* long notes are cut; the sub-event type is an attribute of its own */
	n = strlen(e->summary);
	assert_true(n <= 4096 && n > 4000);
	assert_string_equal(timeline_attr(tl, e, 0), "Attack");
	/* the same type, once cleaned, is one type */
	assert_int_equal(ev(tl, "X3")->type, ev(tl, "X1")->type);
	assert_string_equal(ev(tl, "X3")->summary, "");
	assert_string_equal(ev(tl, "X3")->sources, "");
	assert_int_equal(pl->n, 2);
	timeline_free(tl);
	places_free(pl);
	free(csv);
	free(notes);
}

/* Every date_prec of the generated file. */
static void
test_ucdp_dates(void **state)
{
	struct places *pl;
	struct timeline *tl;

	(void)state;
	load_file("ucdp.csv", -1, &pl, &tl);
	assert_int_equal(tl->nevents, 6);
	dates(ev(tl, "500001"), d(2023, 10, 7), d(2023, 10, 7), DATE_DAY);
	dates(ev(tl, "500002"), d(2023, 10, 5), d(2023, 10, 8), DATE_RANGE);
	dates(ev(tl, "500003"), d(2023, 10, 2), d(2023, 10, 8), DATE_RANGE);
	dates(ev(tl, "500004"), d(2023, 10, 1), d(2023, 10, 31), DATE_MONTH);
	dates(ev(tl, "500005"), d(2023, 1, 1), d(2023, 12, 31), DATE_RANGE);
	dates(ev(tl, "500006"), d(2023, 10, 9), d(2023, 10, 9), DATE_DAY);
	assert_string_equal(tl->events[0].id, "500005");
	timeline_free(tl);
	places_free(pl);
}

static void
ucdp_one(const char *start, const char *end, const char *prec, day_t lo, day_t hi,
    enum date_prec want)
{
	struct places *pl;
	struct timeline *tl;
	char *csv;

	xasprintf(&csv, "id,date_start,date_end,date_prec,latitude,longitude,best\n"
	    "1,%s,%s,%s,16.27,-0.04,\n", start, end, prec);
	load_ok(csv, &pl, &tl);
	dates(&tl->events[0], lo, hi, want);
	assert_int_equal(tl->events[0].fatalities, -1);
	timeline_free(tl);
	places_free(pl);
	free(csv);
}

static void
test_ucdp_date_forms(void **state)
{
	(void)state;
	ucdp_one("2023-10-07", "2023-10-07", "1", d(2023, 10, 7), d(2023, 10, 7), DATE_DAY);
	ucdp_one("2023-10-07 00:00:00.000", "", "1", d(2023, 10, 7), d(2023, 10, 7), DATE_DAY);
	ucdp_one("2023-10-07T00:00:00", "2023-10-07 00:00:00", "", d(2023, 10, 7),
	    d(2023, 10, 7), DATE_DAY);
	/* day precision over two days: the range the sources give, no invented day */
	ucdp_one("2023-10-07", "2023-10-08", "1", d(2023, 10, 7), d(2023, 10, 8), DATE_RANGE);
	ucdp_one("2023-10-07", "2023-10-07", "2", d(2023, 10, 7), d(2023, 10, 7), DATE_RANGE);
	ucdp_one("2023-10-07", "2023-10-10", "2", d(2023, 10, 7), d(2023, 10, 10), DATE_RANGE);
	ucdp_one("2023-12-28", "2024-01-03", "3", d(2023, 12, 28), d(2024, 1, 3), DATE_RANGE);
	ucdp_one("2024-02-10", "2024-02-20", "4", d(2024, 2, 1), d(2024, 2, 29), DATE_MONTH);
	ucdp_one("2023-10-15", "2023-11-15", "4", d(2023, 10, 1), d(2023, 11, 30), DATE_RANGE);
	ucdp_one("2023-06-15", "2023-06-15", "5", d(2023, 1, 1), d(2023, 12, 31), DATE_RANGE);
	ucdp_one("2022-06-15", "2023-02-01", "5", d(2022, 1, 1), d(2023, 12, 31), DATE_RANGE);
}

static void
test_ucdp_fields(void **state)
{
	struct places *pl;
	struct timeline *tl;
	const struct event *e;
	const struct place *p;

	(void)state;
	load_file("ucdp.csv", IMPORT_UCDP, &pl, &tl);
	e = ev(tl, "500001");
	assert_string_equal(type(tl, e), "State-based conflict");
	assert_string_equal(e->actors, "Government of Mali; CSP");
	assert_string_equal(e->summary, "Government of Mali - CSP (Mali: Government)");
	assert_string_equal(e->sources,
	    "Le Monde, \"Mali: clashes at Anefis\", 2023-10-08; Reuters, 2023-10-08");
	assert_string_equal(e->note, "where precision 1: exact; deaths low 10, high 15; "
	    "Anefis, Kidal region");
	assert_int_equal(e->fatalities, 12);
	assert_int_equal(e->neffects, 0);
	e = ev(tl, "500002");
	assert_string_equal(type(tl, e), "One-sided violence");
	assert_string_equal(e->summary, "JNIM - Civilians");
	assert_string_equal(e->note, "where precision 2: near; deaths low 5, high 9; near Tarkint");
	assert_string_equal(type(tl, ev(tl, "500003")), "Non-state conflict");
	assert_string_equal(ev(tl, "500004")->note, "where precision 3: ADM2; deaths low 7, "
	    "high 7; Niono cercle");
	assert_string_equal(ev(tl, "500005")->note, "where precision 6: country; deaths low 30, "
	    "high 60; Mali, location unknown");
	/* located to a point up to ADM2 (3); to a region (4) or the country (6), not */
	assert_false(pl->v[ev(tl, "500001")->place].unlocated);
	assert_false(pl->v[ev(tl, "500002")->place].unlocated);
	assert_false(pl->v[ev(tl, "500004")->place].unlocated);
	assert_true(pl->v[ev(tl, "500003")->place].unlocated);
	assert_true(pl->v[ev(tl, "500005")->place].unlocated);
	assert_string_equal(ev(tl, "500006")->sources,
	    "Local sources, 2023-10-10 follow-up, 2023-10-11");
	assert_int_equal(tl->ntypes, 4);

	/* 500001 and 500006 at one place; five places in all */
	assert_int_equal(pl->n, 5);
	assert_int_equal(ev(tl, "500001")->place, ev(tl, "500006")->place);
	p = &pl->v[ev(tl, "500001")->place];
	assert_string_equal(p->id, "loc-1");
	assert_string_equal(p->name, "Anefis town");
	assert_string_equal(p->region, "Kidal region");
	assert_string_equal(p->source, "UCDP GED");
	assert_int_equal(p->kind, PLACE_SITE);
	assert_string_equal(pl->v[ev(tl, "500003")->place].name, "M\xc3\xa9naka region");
	p = &pl->v[ev(tl, "500005")->place];
	assert_string_equal(p->name, "Mali");
	assert_string_equal(p->region, "");
	timeline_free(tl);
	places_free(pl);

	/* unknown type_of_violence: kept as it is; adm_1 names a place without where_coordinates */
	load_ok("id,date_start,latitude,longitude,type_of_violence,adm_1,side_b,best,low,high\n"
	    "1,2023-10-07,16.27,-0.04,4,Gao region,JNIM,,,2\n", &pl, &tl);
	assert_string_equal(type(tl, &tl->events[0]), "4");
	assert_string_equal(pl->v[0].name, "Gao region");
	assert_string_equal(tl->events[0].actors, "JNIM");
	assert_int_equal(tl->events[0].fatalities, -1);
	assert_string_equal(tl->events[0].note, "deaths high 2");
	timeline_free(tl);
	places_free(pl);
}

static void
test_load_file(void **state)
{
	struct places *pl;
	struct timeline *tl;
	char *p = path_of("sitmap.csv"), *cause = NULL;
	FILE *f;

	(void)state;
	assert_non_null(f = fopen(p, "w"));
	fputs("id,date,end_date,precision,place,kind,effects,actors,summary,sources,note\n", f);
	fclose(f);
	assert_int_equal(import_load(p, -1, &pl, &tl, &cause), IMPORT_SITMAP);
	assert_null(pl);
	assert_null(tl);
	assert_null(cause);
	/* forced: the header says which columns are missing */
	assert_int_equal(import_load(p, IMPORT_ACLED, &pl, &tl, &cause), -1);
	assert_non_null(strstr(cause, "sitmap.csv:1: missing column \"event_id_cnty\""));
	free(cause);
	assert_non_null(f = fopen(p, "w"));
	fputs("a,b,c\n1,2,3\n", f);
	fclose(f);
	assert_int_equal(import_load(p, -1, &pl, &tl, &cause), -1);
	/* one message that says what was expected, and what came */
	assert_non_null(strstr(cause, "sitmap.csv: not an events file: expected sitmap's columns "
	    "(id, date, precision, place, kind, summary, ...), an ACLED export (event_id_cnty, "
	    "event_date, latitude, longitude, ...), a UCDP GED export (id, date_start, latitude, "
	    "longitude, where_prec, best, ...) or an aggregate (lat, lon, date, count, ...); the "
	    "first line has: a, b, c"));
	free(cause);
	free(p);
	p = path_of("missing.csv");
	assert_int_equal(import_load(p, -1, &pl, &tl, &cause), -1);
	assert_non_null(strstr(cause, "missing.csv"));
	free(cause);
	free(p);

	load_file("ucdp_2000.csv", -1, &pl, &tl);
	assert_int_equal(tl->nevents, 2000);
	/* a location given as a point and as a region's centre is two places */
	assert_true(pl->n <= 2 * 15);
	timeline_free(tl);
	places_free(pl);
}

/*
 * A 100k-row export loads in well under a second (sanitizers aside): CPU
 * time, so that a busy machine does not fail the test.
 */
static void
test_big(void **state)
{
	struct places *pl;
	struct timeline *tl;
	struct timespec a, b;
	double secs;
	size_t i;

	(void)state;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &a);
	load_file("acled_big.csv", -1, &pl, &tl);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &b);
	secs = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
	print_message("%d ACLED rows in %.3f s of CPU\n", BIG_ROWS, secs);
	assert_int_equal(tl->nevents, BIG_ROWS);
	assert_true(pl->n <= 2 * (8 + 16));	/* as a point, and as a region's centre */
	for (i = 1; i < tl->nevents; i++)
		assert_true(tl->events[i - 1].day <= tl->events[i].day);
	assert_true(secs < (SLOW ? 20.0 : 1.0));
	timeline_free(tl);
	places_free(pl);
}

/* A string that may be NULL, for comparing places. */
static void
same_str(const char *a, const char *b)
{
	assert_string_equal(a != NULL ? a : "(null)", b != NULL ? b : "(null)");
}

/* Everything a load gives, compared: a parse in blocks must be the one pass's. */
static void
same_load(const struct places *pa, const struct timeline *ta, const struct places *pb,
    const struct timeline *tb)
{
	size_t i, k;

	assert_int_equal(pa->n, pb->n);
	for (i = 0; i < pa->n; i++) {
		const struct place *a = &pa->v[i], *b = &pb->v[i];

		same_str(a->id, b->id);
		same_str(a->name, b->name);
		same_str(a->label, b->label);
		same_str(a->region, b->region);
		same_str(a->country, b->country);
		same_str(a->area, b->area);
		assert_int_equal(a->unlocated, b->unlocated);
		assert_true(a->lat_deg == b->lat_deg && a->lon_deg == b->lon_deg);
	}
	assert_int_equal(ta->nevents, tb->nevents);
	assert_int_equal(ta->neffects, tb->neffects);
	assert_int_equal(ta->ntypes, tb->ntypes);
	for (i = 0; i < ta->ntypes; i++)
		assert_string_equal(ta->types[i], tb->types[i]);
	assert_int_equal(ta->nattrs, tb->nattrs);
	for (k = 0; k < ta->nattrs; k++) {
		assert_int_equal(ta->attrs[k].ndict, tb->attrs[k].ndict);
		for (i = 0; i < ta->attrs[k].ndict; i++)
			assert_string_equal(ta->attrs[k].dict[i], tb->attrs[k].dict[i]);
	}
	for (i = 0; i < ta->nevents; i++) {
		const struct event *a = &ta->events[i], *b = &tb->events[i];

		assert_string_equal(a->id, b->id);
		assert_string_equal(a->actors, b->actors);
		assert_string_equal(a->summary, b->summary);
		assert_string_equal(a->sources, b->sources);
		assert_string_equal(a->note, b->note);
		assert_int_equal(a->place, b->place);
		assert_int_equal(a->lo, b->lo);
		assert_int_equal(a->hi, b->hi);
		assert_int_equal(a->day, b->day);
		assert_int_equal(a->prec, b->prec);
		assert_int_equal(a->type, b->type);
		assert_int_equal(a->fatalities, b->fatalities);
		assert_int_equal(a->seq, b->seq);
		assert_int_equal(a->neffects, b->neffects);
		assert_int_equal(a->first_effect, b->first_effect);
		assert_int_equal(timeline_weight(ta, i), timeline_weight(tb, i));
		for (k = 0; k < ta->nattrs; k++)
			assert_string_equal(timeline_attr(ta, a, k), timeline_attr(tb, b, k));
	}
	for (i = 0; i < ta->neffects; i++)
		assert_memory_equal(&ta->effects[i], &tb->effects[i], sizeof ta->effects[i]);
}

/*
 * file loaded in one pass, then in 2, 3 and 8 blocks: the same places and
 * events, or the same message. min_merged: the blocks merged as their
 * threads parsed them must be at least that many (all of them: -1), so
 * that the merge is what is tested, not the one pass again.
 */
static void
blocks_case(const char *file, int min_merged)
{
	static const char *const counts[] = { "2", "3", "8" };
	struct places *pl, *pl1;
	struct timeline *tl, *tl1;
	char *p = path_of(file), *cause = NULL, *cause1 = NULL;
	size_t i, blocks, merged;
	int r, r1;

	setenv("SITMAP_PARSE_THREADS", "1", 1);
	r1 = import_load(p, -1, &pl1, &tl1, &cause1);
	import_last_blocks(&blocks, &merged);
	assert_int_equal(blocks, 1);
	for (i = 0; i < sizeof counts / sizeof counts[0]; i++) {
		setenv("SITMAP_PARSE_THREADS", counts[i], 1);
		r = import_load(p, -1, &pl, &tl, &cause);
		import_last_blocks(&blocks, &merged);
		assert_int_equal(r, r1);
		if (r1 < 0) {
			assert_string_equal(cause, cause1);
			free(cause);
			cause = NULL;
			continue;
		}
		assert_int_equal(blocks, (size_t)atoi(counts[i]));
		if (min_merged < 0)
			assert_int_equal(merged, blocks);
		else
			assert_true((merged >= (size_t)min_merged && merged < blocks) ||
			    (print_error("%s in %zu blocks: %zu merged\n", file, blocks, merged), 0));
		same_load(pl1, tl1, pl, tl);
		timeline_free(tl);
		places_free(pl);
	}
	unsetenv("SITMAP_PARSE_THREADS");
	if (r1 >= 0) {
		timeline_free(tl1);
		places_free(pl1);
	}
	free(cause1);
	free(p);
}

enum { BV_STAMP = 1, BV_DUP_NEWER = 2, BV_DUP_OLDER = 4, BV_BAD_LATE = 8, BV_BAD_EARLY = 16,
	BV_MULTILINE = 32, BV_CRLF = 64, BV_STRAY = 128 };

/*
 * An ACLED export of n rows for blocks_case(), with what a parse in blocks
 * must get right where the file is cut: rows of the first half repeated at
 * the end (newer or older timestamps, or none), a bad row late or early,
 * notes over several lines, CRLF, a quote inside an unquoted field.
 */
static void
blocks_file(const char *file, int n, int how)
{
	const char *eol = how & BV_CRLF ? "\r\n" : "\n";
	char *p = path_of(file);
	FILE *f;
	int i, j;

	assert_non_null(f = fopen(p, "w"));
	fprintf(f, "event_id_cnty,event_date,latitude,longitude,event_type,sub_event_type,"
	    "admin1,location,notes,fatalities%s%s", how & BV_STAMP ? ",timestamp" : "", eol);
	for (j = 0; j < n + n / 50; j++) {
		int row = j < n ? j : (j - n) * 25;	/* the repeats: rows of the first half */
		long stamp = 1700000000 + row;

		if (j >= n && !(how & (BV_DUP_NEWER | BV_DUP_OLDER)))
			break;
		if (j >= n)
			stamp += how & BV_DUP_NEWER && (!(how & BV_DUP_OLDER) || j % 2) ? 500 : -500;
		fprintf(f, "X%d,%s,%d.%04d,%d.5,Type %d,\"Sub, %d\",Region %d,%s%d,", row,
		    (how & BV_BAD_LATE && j == 3 * n / 4) || (how & BV_BAD_EARLY && j == n / 5) ?
		    "2023-13-45" : "2023-05-01", 10 + row % 7, row % 13, row % 5, row % 9,
		    row % 17, row % 11, how & BV_STRAY && j == n / 10 ? "Camp 5\" north " : "Town ",
		    j < n ? row % 97 : 1000 + j);
		fputc('"', f);
		for (i = 0; i < 3; i++)
			fprintf(f, "Note %d part %d, \"\"quoted\"\"%s", j, i, how & BV_MULTILINE ?
			    (i % 2 ? "\r\n" : "\n") : " ");
		fprintf(f, "\",%d", j % 4);
		if (how & BV_STAMP)
			fprintf(f, ",%ld", stamp);
		fputs(eol, f);
	}
	fclose(f);
	free(p);
}

/* Large files in parallel blocks (import.c): the one pass's result, whatever the blocks. */
static void
test_blocks(void **state)
{
	char *p;
	FILE *f;
	int i;

	(void)state;
	blocks_file("b_plain.csv", 3000, BV_STAMP);
	blocks_case("b_plain.csv", -1);
	blocks_case("acled_big.csv", -1);
	blocks_case("ucdp_2000.csv", -1);
	blocks_file("b_multi.csv", 3000, BV_STAMP | BV_MULTILINE);
	blocks_case("b_multi.csv", -1);
	blocks_file("b_crlf.csv", 3000, BV_STAMP | BV_CRLF | BV_MULTILINE);
	blocks_case("b_crlf.csv", -1);
	/* an id of a block that an earlier one has: that block is parsed again */
	blocks_file("b_newer.csv", 3000, BV_STAMP | BV_DUP_NEWER);
	blocks_case("b_newer.csv", 1);
	blocks_file("b_older.csv", 3000, BV_STAMP | BV_DUP_OLDER);
	blocks_case("b_older.csv", 1);
	blocks_file("b_mixed.csv", 3000, BV_STAMP | BV_DUP_NEWER | BV_DUP_OLDER);
	blocks_case("b_mixed.csv", 1);
	/* errors: without timestamps a repeated id; a bad row late, or early and late */
	blocks_file("b_nostamp.csv", 3000, BV_DUP_NEWER);
	blocks_case("b_nostamp.csv", 0);
	blocks_file("b_late.csv", 3000, BV_STAMP | BV_BAD_LATE);
	blocks_case("b_late.csv", 0);
	blocks_file("b_both.csv", 3000, BV_STAMP | BV_BAD_LATE | BV_BAD_EARLY);
	blocks_case("b_both.csv", 0);
	/* a quote in an unquoted field: the parity of quotes is wrong after it */
	blocks_file("b_stray.csv", 3000, BV_STAMP | BV_STRAY | BV_MULTILINE);
	blocks_case("b_stray.csv", 1);
	/* an aggregate, whose ids are its lines */
	p = path_of("b_agg.csv");
	assert_non_null(f = fopen(p, "w"));
	fputs("lat,lon,date,count,fatalities,label\n", f);
	for (i = 0; i < 3000; i++)
		fprintf(f, "%d.5,%d.25,2024-01-%02d,%d,%d,%s\n", i % 9, i % 7, 1 + i % 28, i,
		    i % 3, i % 4 ? "" : "\"Cell,\nnamed\"");
	fclose(f);
	free(p);
	blocks_case("b_agg.csv", -1);
}


/* The kind of an input from its start: encoding, delimiter, format; or one message. */
static void
test_sniff(void **state)
{
	struct import_kind k;
	char *cause = NULL;

	(void)state;
#define SNIFF(s, final, fmt)	import_sniff("in\x1b.csv", s, sizeof s - 1, final, fmt, &k, &cause)
	assert_int_equal(SNIFF("EVENT_ID_CNTY;Event_Date;notes\nX;2023-10-07;a,b,c,d,e\n", 1, -1),
	    0);
	assert_int_equal(k.format, IMPORT_ACLED);
	assert_int_equal(k.encoding, IMPORT_CSV);
	assert_int_equal(k.delim, ';');
	assert_int_equal(SNIFF("\xef\xbb\xbfid\tdate_start\tbest\r\n", 1, -1), 0);
	assert_int_equal(k.format, IMPORT_UCDP);
	assert_int_equal(k.delim, '\t');
	/* the sniffed delimiter names no format: the others are tried */
	assert_int_equal(SNIFF("event_id_cnty;event_date;a,b,c,d\n", 1, -1), 0);
	assert_int_equal(k.format, IMPORT_ACLED);
	assert_int_equal(k.delim, ';');
	assert_int_equal(SNIFF("id,date,precision,place,kind,summary,effects\n", 1, -1), 0);
	assert_int_equal(k.format, IMPORT_SITMAP);
	/* JSON: the first record's keys */
	assert_int_equal(SNIFF(" \n{\"status\": 200, \"data\": [{\"event_date\": \"x\", "
	    "\"EVENT_ID_CNTY\": 1}]}", 1, -1), 0);
	assert_int_equal(k.format, IMPORT_ACLED);
	assert_int_equal(k.encoding, IMPORT_JSON);
	assert_int_equal(SNIFF("[{\"id\": 1, \"date_start\": \"2023-01-01\", \"best\": 2}", 1,
	    -1), 0);
	assert_int_equal(k.format, IMPORT_UCDP);
	/* not yet: more bytes may tell; a header line or a first record not complete */
	assert_int_equal(SNIFF("event_id_cnty,event_da", 0, -1), 1);
	assert_int_equal(SNIFF("{\"data\": [{\"event_id_cnty\": \"X\", \"ev", 0, -1), 1);
	assert_int_equal(SNIFF("  ", 0, -1), 1);
	/* forced: the encoding and the delimiter are still found */
	assert_int_equal(SNIFF("a;b;c\n", 1, IMPORT_UCDP), 0);
	assert_int_equal(k.format, IMPORT_UCDP);
	assert_int_equal(k.delim, ';');
	/* what is no events file says what was expected, and what came */
	assert_int_equal(SNIFF("name;lat;lon\nx;1;2\n", 1, -1), -1);
	assert_string_equal(cause, "in.csv: not an events file: expected sitmap's columns (id, "
	    "date, precision, place, kind, summary, ...), an ACLED export (event_id_cnty, "
	    "event_date, latitude, longitude, ...), a UCDP GED export (id, date_start, latitude, "
	    "longitude, where_prec, best, ...) or an aggregate (lat, lon, date, count, ...); the "
	    "first line has: name, lat, lon");
	free(cause);
	assert_int_equal(SNIFF("{\"data\": [{\"name\": \"x\", \"lat\": 1}]}", 1, -1), -1);
	assert_non_null(strstr(cause, "; the first record has: name, lat"));
	free(cause);
	assert_int_equal(SNIFF("{\"data\": []}", 1, -1), -1);
	assert_non_null(strstr(cause, "; the JSON has no records"));
	free(cause);
	assert_int_equal(SNIFF("{\"error\": {\"message\": \"Access denied\"}}", 1, -1), -1);
	assert_non_null(strstr(cause, "; the JSON has no array of records (\"data\", \"Result\")"));
	free(cause);
	assert_int_equal(SNIFF("{\"data\": [{\"a\" 1}]}", 1, -1), -1);
	assert_string_equal(cause, "in.csv:1:15: invalid JSON: parse error: object key and value "
	    "must be separated by a colon (':')");
	free(cause);
	assert_int_equal(SNIFF(" \r\n", 1, -1), -1);
	assert_string_equal(cause, "in.csv: empty file, expected a header line");
	free(cause);
	assert_int_equal(SNIFF("[{\"effects\": 1}]", 1, IMPORT_SITMAP), -1);
	assert_string_equal(cause, "in.csv: sitmap's events file is CSV, not JSON");
	free(cause);
	/* a long header: the message is cut */
	{
		char head[2000];
		size_t i, n = 0;

		for (i = 0; i < 100; i++)
			n += (size_t)snprintf(head + n, sizeof head - n, "%scolumn%zu", i ? "," : "", i);
		assert_int_equal(import_sniff("x", head, n, 1, -1, &k, &cause), -1);
		assert_non_null(strstr(cause, "the first line has: column0, column1, "));
		assert_non_null(strstr(cause, "..."));
		assert_true(strlen(cause) < 700);
		free(cause);
	}
#undef SNIFF
}

/* What pandas, R and spreadsheets write: the same events as the export. */
static void
test_tolerant_values(void **state)
{
	static const char plain[] =
	    "event_id_cnty,event_date,time_precision,event_type,sub_event_type,actor1,actor2,"
	    "location,admin1,latitude,longitude,geo_precision,source,notes,fatalities\n"
	    "X1,2023-10-07,1,Battles,Armed clash,A,,Gao,Gao,16.27,-0.04,1,s,n,12\n"
	    "X2,07 October 2023,2,Battles,,B,,Gao,,16.27,-0.04,,s,,\n";
	static const char resaved[] =
	    "\xef\xbb\xbf" "NOTES;FATALITIES;EVENT_ID_CNTY;Event_Date;TIME_PRECISION;EVENT_TYPE;"
	    "sub_event_type;actor1;actor2;location;admin1;latitude;longitude;geo_precision;"
	    "source\r\n"
	    "n;12.0;X1;2023-10-07 00:00:00;1.0;Battles;Armed clash;A;NA;Gao;Gao;16,27;-0,04;1.00;s\r\n"
	    "N/A;nan;X2;07 October 2023T00:00:00Z;2;Battles;NULL;B;#N/A;Gao;;16.27;-0.04;;s\r\n";
	struct places *pa, *pb;
	struct timeline *ta, *tb;
	size_t i;

	(void)state;
	load_ok(plain, &pa, &ta);
	load_ok(resaved, &pb, &tb);
	assert_int_equal(ta->nevents, 2);
	assert_int_equal(tb->nevents, ta->nevents);
	for (i = 0; i < ta->nevents; i++) {
		const struct event *x = &ta->events[i], *y = &tb->events[i];
		size_t k;

		assert_string_equal(x->id, y->id);
		assert_int_equal(x->lo, y->lo);
		assert_int_equal(x->hi, y->hi);
		assert_int_equal(x->fatalities, y->fatalities);
		assert_string_equal(x->actors, y->actors);
		assert_string_equal(x->summary, y->summary);
		assert_string_equal(x->note, y->note);
		assert_string_equal(pa->v[x->place].name, pb->v[y->place].name);
		assert_true(pa->v[x->place].lat_deg == pb->v[y->place].lat_deg);
		for (k = 0; k < ta->nattrs; k++)
			assert_string_equal(timeline_attr(ta, x, k), timeline_attr(tb, y, k));
	}
	assert_int_equal(ev(tb, "X1")->fatalities, 12);
	assert_int_equal(ev(tb, "X2")->fatalities, -1);
	assert_string_equal(ev(tb, "X1")->note, "geo precision 1: town");
	timeline_free(ta);
	places_free(pa);
	timeline_free(tb);
	places_free(pb);
}

/* A count with a fraction, a date either way round: refused, by line and column. */
static void
test_tolerant_limits(void **state)
{
	char *csv;

	(void)state;
	xasprintf(&csv, "%sX1,2023-10-07,1,Battles,,,,Gao,Gao,16.27,-0.04,1,s,n,12.5\n",
	    acled_head);
	load_fails(csv, IMPORT_ACLED, "e.csv:2: fatalities \"12.5\" is not a whole number");
	free(csv);
	xasprintf(&csv, "%sX1,2023-10-07,1.5,Battles,,,,Gao,Gao,16.27,-0.04,1,s,n,1\n",
	    acled_head);
	load_fails(csv, IMPORT_ACLED, "e.csv:2: time_precision \"1.5\" is not 1, 2 or 3");
	free(csv);
	xasprintf(&csv, "%sX1,10/07/2023,1,Battles,,,,Gao,Gao,16.27,-0.04,1,s,n,1\n", acled_head);
	load_fails(csv, IMPORT_ACLED, "e.csv:2: event_date \"10/07/2023\" is not a date "
	    "(2023-10-07, 07 October 2023, 07-October-2023 or 07-10-2023)");
	free(csv);
	xasprintf(&csv, "%sX1,2023-10-07 25:00,1,Battles,,,,Gao,Gao,16.27,-0.04,1,s,n,1\n",
	    acled_head);
	load_fails(csv, IMPORT_ACLED, "e.csv:2: event_date \"2023-10-07 25:00\" is not a date "
	    "(2023-10-07, 07 October 2023, 07-October-2023 or 07-10-2023)");
	free(csv);
	/* a decimal comma only where the comma is no delimiter */
	xasprintf(&csv, "%sX1,2023-10-07,1,Battles,,,,Gao,Gao,\"16,27\",-0.04,1,s,n,1\n",
	    acled_head);
	load_fails(csv, IMPORT_ACLED, "e.csv:2: latitude \"16,27\" is not a number");
	free(csv);
	/* NA where a value is needed */
	xasprintf(&csv, "%sX1,2023-10-07,1,Battles,,,,Gao,Gao,NA,-0.04,1,s,n,1\n", acled_head);
	load_fails(csv, IMPORT_ACLED, "e.csv:2: latitude is missing");
	free(csv);
}

/* Each date form with each time of day. */
static void
test_date_times(void **state)
{
	static const char *const days[] = { "2023-10-07", "2023/10/07", "07 October 2023",
		"7 Oct 2023", "07-October-2023", "07-10-2023" };
	static const char *const times[] = { "", " 00:00:00", "T00:00:00Z", " 00:00:00.000",
		"T14:30", "T14:30:05+01:00", " 00:00:00 Z" };
	size_t i, j;

	(void)state;
	for (i = 0; i < sizeof days / sizeof days[0]; i++)
		for (j = 0; j < sizeof times / sizeof times[0]; j++) {
			char date[64];

			snprintf(date, sizeof date, "%s%s", days[i], times[j]);
			acled_one_date(date, "1", d(2023, 10, 7), d(2023, 10, 7), DATE_DAY);
		}
}

/* API JSON: the same rows as the CSV; errors at the record's line and column. */
static void
test_json(void **state)
{
	static const char csv[] =
	    "event_id_cnty,event_date,time_precision,event_type,sub_event_type,actor1,"
	    "assoc_actor_1,actor2,location,admin1,latitude,longitude,geo_precision,source,notes,"
	    "fatalities,timestamp\n"
	    "X1,2023-10-07,1,Battles,Armed clash,A,Wagner Group,B,Gao,Gao,16.27,-0.04,1,s,n,12,5\n"
	    "X1,2023-10-07,1,Battles,Armed clash,A,Wagner Group,B,Gao,Gao,16.27,-0.04,1,s,newer,12,6\n"
	    "X2,2023-10-08,1,Riots,,C,,,Gao,Gao,16.27,-0.04,1,s,m,,\n";
	static const char json[] =
	    "{\"status\": 200, \"success\": true, \"data\": [\n"
	    "{\"event_id_cnty\": \"X1\", \"event_date\": \"2023-10-07\", \"time_precision\": \"1\","
	    " \"event_type\": \"Battles\", \"sub_event_type\": \"Armed clash\", \"actor1\": \"A\","
	    " \"assoc_actor_1\": \"Wagner Group\", \"actor2\": \"B\", \"location\": \"Gao\","
	    " \"admin1\": \"Gao\", \"latitude\": 16.27, \"longitude\": -0.04, \"geo_precision\": 1,"
	    " \"source\": \"s\", \"notes\": \"n\", \"fatalities\": 12, \"timestamp\": 5},\n"
	    "{\"EVENT_ID_CNTY\": \"X1\", \"event_date\": \"2023-10-07\", \"time_precision\": 1,"
	    " \"event_type\": \"Battles\", \"sub_event_type\": \"Armed clash\", \"actor1\": \"A\","
	    " \"assoc_actor_1\": \"Wagner Group\", \"actor2\": \"B\", \"location\": \"Gao\","
	    " \"admin1\": \"Gao\", \"latitude\": \"16.27\", \"longitude\": \"-0.04\","
	    " \"geo_precision\": \"1\", \"source\": \"s\", \"notes\": \"newer\","
	    " \"fatalities\": \"12\", \"timestamp\": \"6\", \"extra\": [1, {\"x\": 2}]},\n"
	    "{\"event_id_cnty\": \"X2\", \"event_date\": \"2023-10-08\", \"event_type\": \"Riots\","
	    " \"actor1\": \"C\", \"location\": \"Gao\", \"admin1\": \"Gao\", \"latitude\": 16.27,"
	    " \"longitude\": -0.04, \"geo_precision\": 1, \"source\": \"s\", \"notes\": \"m\","
	    " \"time_precision\": \"1\", \"fatalities\": null, \"timestamp\": \"\"}],"
	    " \"filename\": \"x\"}";
	struct places *pa, *pb;
	struct timeline *ta, *tb;
	unsigned char *m;
	char *bad, *cause;
	size_t i;

	(void)state;
	load_ok(csv, &pa, &ta);
	load_ok(json, &pb, &tb);
	assert_int_equal(tb->nevents, 2);
	for (i = 0; i < ta->nevents; i++) {
		assert_string_equal(ta->events[i].id, tb->events[i].id);
		assert_string_equal(ta->events[i].summary, tb->events[i].summary);
		assert_string_equal(ta->events[i].actors, tb->events[i].actors);
		assert_int_equal(ta->events[i].fatalities, tb->events[i].fatalities);
	}
	/* the newer row won; the associated actor is with its actor, and found by the filter */
	assert_string_equal(ev(tb, "X1")->summary, "newer");
	assert_string_equal(ev(tb, "X1")->actors, "A (with Wagner Group); B");
	m = xcalloc(tb->nevents, 1);
	assert_int_equal(timeline_match(tb, "wagner", m), 1);
	assert_true(m[timeline_find(tb, "X1")]);
	/* attributes are searched too: one comparison per distinct value */
	assert_int_equal(timeline_match(tb, "armed cl", m), 1);
	free(m);
	timeline_free(ta);
	places_free(pa);
	timeline_free(tb);
	places_free(pb);

	/* a record's error: its line and column */
	bad = xstrdup(json);
	memcpy(strstr(bad, "\"latitude\": \"16.27\""), "\"latitude\":   true ", 19);
	assert_int_equal(load_str(bad, -1, &pb, &tb, &cause), -1);
	assert_string_equal(cause, "e.csv:3:1: latitude \"true\" is not a number");
	free(cause);
	memcpy(strstr(bad, "\"latitude\":   true "), "\"latitude\":[1,2]   ", 19);
	assert_int_equal(load_str(bad, -1, &pb, &tb, &cause), -1);
	assert_string_equal(cause, "e.csv:3:1: latitude is an array or object, not a value");
	free(cause);
	free(bad);
	/* the first record lacks a column every record needs */
	assert_int_equal(load_str("[{\"event_id_cnty\": \"X\", \"event_date\": \"2023-01-01\"}]",
	    -1, &pb, &tb, &cause), -1);
	assert_string_equal(cause, "e.csv:1: missing column \"latitude\"");
	free(cause);
	/* a huge number is text like any other */
	assert_int_equal(load_str("[{\"event_id_cnty\": \"X\", \"event_date\": \"2023-01-01\", "
	    "\"latitude\": 1e999999, \"longitude\": 1}]", -1, &pb, &tb, &cause), -1);
	assert_string_equal(cause, "e.csv:1:2: latitude \"1e999999\" is not a number");
	free(cause);
	assert_int_equal(load_str("[{\"event_id_cnty\": \"X\", \"event_date\": \"2023-01-01\", "
	    "\"latitude\": 1, \"longitude\": 1, \"fatalities\": 99999999999999999999}]", -1, &pb,
	    &tb, &cause), -1);
	assert_string_equal(cause, "e.csv:1:2: fatalities \"99999999999999999999\" is not a "
	    "count");
	free(cause);
}

/* ACLED's territorial sub-event types, and the class of the actor that gains the place. */
static void
test_territory(void **state)
{
	static const char head[] = "event_id_cnty,event_date,sub_event_type,actor1,inter1,"
	    "location,latitude,longitude,geo_precision\n";
	static const struct {
		const char	*row;
		int		 status;	/* -1: no effect */
	} cases[] = {
		{ "Non-state actor overtakes territory,JNIM,Rebel group,A,1,1,1", STATUS_HELD_REBEL },
		{ "Non-state actor overtakes territory,X,Political militia,A,1,1,1",
		    STATUS_HELD_POLITICAL },
		{ "non-state actor overtakes territory,X,Identity militia,A,1,1,2",
		    STATUS_HELD_IDENTITY },
		{ "Non-state actor overtakes territory,X,External/Other forces,A,1,1,",
		    STATUS_HELD_NON_STATE },
		/* the codes before March 2023 */
		{ "Non-state actor overtakes territory,X,3,A,1,1,1", STATUS_HELD_POLITICAL },
		{ "Non-state actor overtakes territory,X,4,A,1,1,1", STATUS_HELD_IDENTITY },
		/* no actor type: the name says what it can */
		{ "Non-state actor overtakes territory,Dozo Communal Militia (Mali),,A,1,1,1",
		    STATUS_HELD_IDENTITY },
		{ "Non-state actor overtakes territory,Ganda Izo Militia,,A,1,1,1",
		    STATUS_HELD_POLITICAL },
		{ "Non-state actor overtakes territory,JNIM,,A,1,1,1", STATUS_HELD_NON_STATE },
		{ "Non-violent transfer of territory,CSP,Rebel group,A,1,1,1", STATUS_HELD_REBEL },
		{ "Non-violent transfer of territory,Military Forces of Mali (2021-),,A,1,1,1",
		    STATUS_ARMY },
		{ "Government regains territory,Military Forces of Mali (2021-),State forces,A,1,1,1",
		    STATUS_RETAKEN },
		{ "Headquarters or base established,IS Sahel,Rebel group,A,1,1,1", STATUS_BASE },
		{ "Headquarters or base established,Military Forces of Mali,1,A,1,1,1",
		    STATUS_ARMY },
		/* located only to its region: the capital standing in did not change hands */
		{ "Non-state actor overtakes territory,JNIM,Rebel group,A,1,1,3", -1 },
		{ "Armed clash,JNIM,Rebel group,A,1,1,1", -1 },
	};
	struct places *pl;
	struct timeline *tl;
	size_t i;
	char *csv;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		xasprintf(&csv, "%sX1,2024-01-10,%s\n", head, cases[i].row);
		load_ok(csv, &pl, &tl);
		assert_true(tl->counted);
		if (cases[i].status < 0) {
			assert_int_equal(tl->neffects, 0);
		} else {
			assert_int_equal(tl->neffects, 1);
			assert_int_equal(tl->effects[0].status, cases[i].status);
			assert_int_equal(tl->effects[0].place, tl->events[0].place);
			assert_int_equal(tl->effects[0].day, d(2024, 1, 10));
			assert_false(tl->effects[0].attacked);
		}
		timeline_free(tl);
		places_free(pl);
		free(csv);
	}
	/* the fold: held, then retaken; a newer row of an id replaces its status */
	xasprintf(&csv, "event_id_cnty,event_date,sub_event_type,actor1,inter1,location,latitude,"
	    "longitude,timestamp\n"
	    "X1,2024-01-10,Non-state actor overtakes territory,J,Rebel group,A,1,1,1\n"
	    "X2,2024-01-20,Government regains territory,F,State forces,A,1,1,1\n"
	    "X3,2024-01-15,Armed clash,J,Rebel group,B,2,2,1\n"
	    "X3,2024-01-15,Non-state actor overtakes territory,J,Identity militia,B,2,2,2\n");
	load_ok(csv, &pl, &tl);
	{
		enum status st[2];

		timeline_state(tl, d(2024, 1, 12), st, NULL);
		assert_int_equal(st[0], STATUS_HELD_REBEL);
		assert_int_equal(st[1], STATUS_NONE);
		timeline_state(tl, d(2024, 1, 31), st, NULL);
		assert_int_equal(st[0], STATUS_RETAKEN);
		assert_int_equal(st[1], STATUS_HELD_IDENTITY);
	}
	assert_int_equal(tl->neffects, 3);
	timeline_free(tl);
	places_free(pl);
	free(csv);
	/* UCDP codes no territory */
	load_file("ucdp.csv", -1, &pl, &tl);
	assert_int_equal(tl->neffects, 0);
	assert_true(tl->counted);
	timeline_free(tl);
	places_free(pl);
}

/* Any input through instream: gzip as plain, a pipe's worth read once. */
static void
test_compressed(void **state)
{
	struct places *pa, *pb;
	struct timeline *ta, *tb;
	char *p = path_of("acled.csv"), *cmd, *gz;
	size_t i;

	(void)state;
	xasprintf(&gz, "%s.gz", p);
	xasprintf(&cmd, "gzip -c '%s' >'%s'", p, gz);
	assert_int_equal(system(cmd), 0);
	load_file("acled.csv", -1, &pa, &ta);
	load_file("acled.csv.gz", -1, &pb, &tb);
	assert_int_equal(ta->nevents, tb->nevents);
	for (i = 0; i < ta->nevents; i++)
		assert_string_equal(ta->events[i].summary, tb->events[i].summary);
	timeline_free(ta);
	places_free(pa);
	timeline_free(tb);
	places_free(pb);
	free(cmd);
	free(gz);
	free(p);
}

/* An aggregate: detected by its names in any spelling, one weighted event per row. */
static void
test_aggregate(void **state)
{
	struct places *pl;
	struct timeline *tl;
	const struct event *e;
	size_t i;
	uint64_t total;

	(void)state;
	assert_int_equal(DETECT("lat,lon,date,count\n"), IMPORT_AGGREGATE);
	assert_int_equal(DETECT("Latitude;Longitude;Day;Events;Deaths\n"), IMPORT_AGGREGATE);
	assert_int_equal(DETECT("\"lng\",\"lat\",\"month\",\"n\"\n"), IMPORT_AGGREGATE);
	assert_int_equal(DETECT("latitude,longitude,event_date,count_star(),sum(fatalities)\n"),
	    IMPORT_AGGREGATE);
	assert_int_equal(DETECT("lat,long,date,event_count,label\n"), IMPORT_AGGREGATE);
	assert_int_equal(DETECT("lat,lon,date,n_events\n"), IMPORT_AGGREGATE);
	/* each of the four is needed */
	assert_int_equal(DETECT("lat,lon,date\n"), -1);
	assert_int_equal(DETECT("lat,date,count\n"), -1);
	assert_int_equal(DETECT("lon,date,count\n"), -1);
	assert_int_equal(DETECT("lat,lon,count\n"), -1);
	/* an ACLED export has latitude, longitude, event_date: never an aggregate */
	assert_int_equal(DETECT("event_id_cnty,event_date,latitude,longitude,fatalities\n"),
	    IMPORT_ACLED);
	assert_int_equal(import_format_from_name("aggregate"), IMPORT_AGGREGATE);
	assert_string_equal(import_format_name(IMPORT_AGGREGATE), "aggregate");

	load_ok("lat,lon,date,count,fatalities,label\n"
	    "16.3,0.0,2024-01-05,30,,Gao\n"
	    "16.3,0.0,2024-01-02,12,3,Gao\n"
	    "18.4,1.4,2024-01-03,1250,17,Kidal\n"
	    "14.5,-4.2,2024-01,40,5,Mopti\n"
	    "12.6,-8.0,2024-01-08..2024-01-14,7,,Bamako\n"
	    "16.8,-3.0,2024-01-12 00:00:00,1,,\n"
	    "15.2,-2.0,2024-01-09,0,0, Boni \n", &pl, &tl);
	assert_int_equal(tl->nevents, 7);
	assert_non_null(tl->event_weight);
	assert_true(tl->counted);
	assert_int_equal(tl->neffects, 0);
	/* the weights follow their events through the sort by day */
	for (i = 0, total = 0; i < tl->nevents; i++) {
		total += timeline_weight(tl, i);
		assert_true(i == 0 || tl->events[i - 1].day <= tl->events[i].day);
	}
	assert_int_equal(total, 30 + 12 + 1250 + 40 + 7 + 1 + 0);
	assert_int_equal(timeline_weight(tl, (size_t)timeline_find(tl, "L2")), 30);
	assert_int_equal(timeline_weight(tl, (size_t)timeline_find(tl, "L3")), 12);
	assert_int_equal(timeline_weight(tl, (size_t)timeline_find(tl, "L4")), 1250);
	assert_int_equal(timeline_weight(tl, (size_t)timeline_find(tl, "L8")), 0);
	e = ev(tl, "L3");
	dates(e, d(2024, 1, 2), d(2024, 1, 2), DATE_DAY);
	assert_int_equal(e->fatalities, 3);
	assert_string_equal(e->summary, "12 events, 3 fatalities");
	assert_string_equal(pl->v[e->place].name, "Gao");
	/* one place per label and location: Gao's two rows share it */
	assert_int_equal(ev(tl, "L2")->place, e->place);
	e = ev(tl, "L4");
	assert_string_equal(e->summary, "1,250 events, 17 fatalities");
	dates(ev(tl, "L5"), d(2024, 1, 1), d(2024, 1, 31), DATE_MONTH);
	dates(ev(tl, "L6"), d(2024, 1, 8), d(2024, 1, 14), DATE_RANGE);
	e = ev(tl, "L7");
	dates(e, d(2024, 1, 12), d(2024, 1, 12), DATE_DAY);
	assert_int_equal(e->fatalities, -1);
	assert_string_equal(e->summary, "1 event");
	/* no label: the place is called by its coordinates, as short as they are exact */
	assert_string_equal(pl->v[e->place].name, "16.8, -3");
	assert_false(pl->v[e->place].unlocated);
	e = ev(tl, "L8");
	assert_string_equal(e->summary, "0 events, 0 fatalities");
	assert_string_equal(pl->v[e->place].name, "Boni");
	assert_int_equal(pl->n, 6);
	assert_true(pl->v[0].country == NULL || pl->v[0].country[0] == '\0');
	timeline_free(tl);
	places_free(pl);

	/* another spelling, a semicolon and a decimal comma, 12.0 as a count; country for the title */
	load_ok("Latitude;Longitude;Day;Events;Deaths;Name;Country\n"
	    "16,3;0,5;2024-01-05;12.0;1.0;Gao;Mali\n", &pl, &tl);
	assert_true(fabs(pl->v[0].lon_deg - 0.5) < 1e-9);
	assert_int_equal(timeline_weight(tl, 0), 12);
	assert_int_equal(tl->events[0].fatalities, 1);
	assert_string_equal(pl->v[0].country, "Mali");
	timeline_free(tl);
	places_free(pl);

	/* the first of a value's names wins when the header has two */
	load_ok("n,count,lat,lon,date\n5,6,1,2,2024-01-01\n", &pl, &tl);
	assert_int_equal(timeline_weight(tl, 0), 6);
	timeline_free(tl);
	places_free(pl);

	/* the API's shape: a JSON array of records; ids name the line and the column */
	load_ok("[{\"lat\": 1, \"lon\": 2, \"date\": \"2024-01-01\", \"count\": 4},\n"
	    " {\"lat\": 1, \"lon\": 2, \"date\": \"2024-01-02\", \"count\": 5, "
	    "\"fatalities\": null}]", &pl, &tl);
	assert_int_equal(tl->nevents, 2);
	assert_int_equal(timeline_weight(tl, (size_t)timeline_find(tl, "L2:2")), 5);
	timeline_free(tl);
	places_free(pl);
}

/* An aggregate's bad rows: FILE:LINE: what is wrong. */
static void
test_aggregate_errors(void **state)
{
	static const struct {
		const char	*row, *want;
	} bad[] = {
		{ "1,1,2024-01-01,-3,", "e.csv:2: count \"-3\" is negative" },
		{ "1,1,2024-01-01,1.5,", "e.csv:2: count \"1.5\" is not a whole number" },
		{ "1,1,2024-01-01,x,", "e.csv:2: count \"x\" is not a count (a whole number, 0 or "
		    "more)" },
		{ "1,1,2024-01-01,,", "e.csv:2: count is missing" },
		{ "1,1,2024-01-01,NA,", "e.csv:2: count is missing" },
		{ "1,1,2024-01-01,2147483648,", "e.csv:2: count \"2147483648\" is too large (at "
		    "most 2147483647)" },
		{ "1,1,2024-01-01,3,-1", "e.csv:2: fatalities \"-1\" is negative" },
		{ "1,1,2024-01-01,3,2.5", "e.csv:2: fatalities \"2.5\" is not a whole number" },
		{ "91,1,2024-01-01,3,", "e.csv:2: latitude \"91\" is out of range" },
		{ "1,-180.5,2024-01-01,3,", "e.csv:2: longitude \"-180.5\" is out of range" },
		{ ",1,2024-01-01,3,", "e.csv:2: latitude is missing" },
		{ "1,1,01/02/2024,3,", "e.csv:2: date \"01/02/2024\" is not a date (2023-10-07, "
		    "2023-10 for a month, or 2023-10-01..2023-10-07)" },
		{ "1,1,2024-02-30,3,", "e.csv:2: date \"2024-02-30\" is not a date (2023-10-07, "
		    "2023-10 for a month, or 2023-10-01..2023-10-07)" },
		{ "1,1,2024-01-09..2024-01-02,3,", "e.csv:2: date \"2024-01-09..2024-01-02\" is not "
		    "a date (2023-10-07, 2023-10 for a month, or 2023-10-01..2023-10-07)" },
		{ "1,1,2024-01-01,3,,x", "e.csv:2: 6 fields, but the header names 5" },
	};
	char *csv;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		xasprintf(&csv, "lat,lon,date,count,fatalities\n1,1,2024-01-01,1,\n%s\n", bad[i].row);
		/* the good row first: the message names the bad one's line */
		{
			char *want, *colon = strchr(bad[i].want, ':');

			xasprintf(&want, "e.csv:3%s", strchr(colon + 1, ':'));
			load_fails(csv, -1, want);
			free(want);
		}
		free(csv);
	}
	/* forced on a file that lacks a value: the header says which */
	load_fails("lat,lon,date\n1,1,2024-01-01\n", IMPORT_AGGREGATE,
	    "e.csv:1: missing column \"count\" (or events, n, n_events, event_count, "
	    "count_star())");
	load_fails("latitude,lon,count\n", IMPORT_AGGREGATE,
	    "e.csv:1: missing column \"date\" (or day, month, event_date)");
	load_fails("[{\"lat\": 1, \"lon\": 2, \"date\": \"2024-01-01\", \"count\": 4},\n"
	    " {\"lat\": 1, \"lon\": 2, \"date\": \"2024-01-02\"}]", -1,
	    "e.csv:2:2: count is missing");
	load_fails("[{\"lat\": 1, \"lon\": 2, \"date\": \"2024-01-01\", \"count\": -4}]", -1,
	    "e.csv:1:2: count \"-4\" is negative");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_detect),
		cmocka_unit_test(test_acled_dates),
		cmocka_unit_test(test_acled_fields),
		cmocka_unit_test(test_acled_places),
		cmocka_unit_test(test_layouts),
		cmocka_unit_test(test_acled_date_forms),
		cmocka_unit_test(test_acled_bad_dates),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_acled_dedupe),
		cmocka_unit_test(test_acled_text),
		cmocka_unit_test(test_ucdp_dates),
		cmocka_unit_test(test_ucdp_date_forms),
		cmocka_unit_test(test_ucdp_fields),
		cmocka_unit_test(test_load_file),
		cmocka_unit_test(test_big),
		cmocka_unit_test(test_blocks),
		cmocka_unit_test(test_sniff),
		cmocka_unit_test(test_tolerant_values),
		cmocka_unit_test(test_tolerant_limits),
		cmocka_unit_test(test_date_times),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_territory),
		cmocka_unit_test(test_compressed),
		cmocka_unit_test(test_aggregate),
		cmocka_unit_test(test_aggregate_errors),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
