/*
 * test_scenario.c: scenario.conf as written and as refused, the bundled
 * default (data/scenario.conf, run from the repository root), the world
 * scenario, the titles countries give, and the keys that make ACLED's,
 * UCDP's and Natural Earth's names of one country meet.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "places.h"
#include "scenario.h"
#include "util.h"

static char dir[64];

static void
put(const char *name, const char *text)
{
	char path[128];
	FILE *fp;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	assert_non_null(fp = fopen(path, "w"));
	fputs(text, fp);
	fclose(fp);
}

static int
setup(void **state)
{
	const char *t = getenv("TMPDIR");

	(void)state;
	snprintf(dir, sizeof dir, "%s/scenarioXXXXXX", t != NULL && t[0] == '/' ? t : "/tmp");
	if (mkdtemp(dir) == NULL)
		return -1;
	put("events.csv", "id,date\n");
	put("places.csv", "id,name\n");
	put("coast.shp", "");
	return 0;
}

static int
teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* Reads dir's scenario.conf written as text; NULL and the message in *cause. */
static struct scenario *
conf(const char *text, char **cause)
{
	*cause = NULL;
	put("scenario.conf", text);
	return scenario_load(dir, "DATA", cause);
}

static void
island(void **state)
{
	char *cause;
	struct scenario *sc = conf("# an island\n\ntitle = Isla  Prueba\n"
	    "projection = +proj=laea +lat_0=-10 +lon_0=-140\r\n"
	    "home = -141 -11 -139 -9\n"
	    "layers = own\n"
	    "layer = border \"coast.shp\" the coast\n", &cause);

	(void)state;
	assert_null(cause);
	assert_non_null(sc);
	assert_string_equal(sc->title, "Isla  Prueba");
	assert_string_equal(sc->proj, "+proj=laea +lat_0=-10 +lon_0=-140");
	assert_int_equal(sc->home, SCENARIO_HOME_BOX);
	assert_true(sc->home_box.x0 == -141 && sc->home_box.y1 == -9);
	assert_int_equal(sc->nlayers, 1);
	assert_int_equal(sc->layers[0].style, STYLE_BORDER);
	assert_string_equal(sc->layers[0].title, "the coast");
	assert_non_null(strstr(sc->layers[0].path, "/coast.shp"));
	/* the default files, there */
	assert_non_null(strstr(sc->places, "/places.csv"));
	assert_non_null(strstr(sc->events, "/events.csv"));
	assert_false(sc->world);
	scenario_free(sc);
}

/* Without layer lines, the world's; with "layers = world", the world's under its own and towns on top. */
static void
world_layers(void **state)
{
	char *cause;
	struct scenario *sc = conf("title = x\n", &cause);

	(void)state;
	assert_non_null(sc);
	assert_true(sc->world);
	assert_int_equal(sc->home, SCENARIO_HOME_DATA);
	assert_null(sc->proj);
	assert_true(sc->nlayers >= 5);
	assert_true(sc->layers[sc->nlayers - 1].towns);
	assert_non_null(strstr(sc->layers[0].path, "DATA/maps/world_"));
	assert_int_equal(sc->initial_from, INT32_MIN);	/* initial statuses on every day */
	scenario_free(sc);
	sc = conf("layers = world\nlayer = map coast.shp\nhome = layer coast\n", &cause);
	assert_non_null(sc);
	assert_true(sc->world);
	assert_true(sc->layers[sc->nlayers - 1].towns);
	assert_non_null(strstr(sc->layers[sc->nlayers - 2].path, "/coast.shp"));
	assert_int_equal(sc->layers[sc->nlayers - 2].style, STYLE_MAP);
	assert_true(sc->layers[0].cut && !sc->layers[sc->nlayers - 2].cut);
	assert_int_equal(sc->home, SCENARIO_HOME_LAYER);
	assert_string_equal(sc->home_layer, "coast");
	scenario_free(sc);
	sc = scenario_world("DATA");
	assert_true(sc->world && sc->title == NULL && sc->home == SCENARIO_HOME_DATA);
	scenario_free(sc);
}

/* Each refusal names the file, the line and what is wrong. */
static void
refused(void **state)
{
	static const struct {
		const char	*text, *why;
	} bad[] = {
		{ "title = a\ncolour = red\n", ":2: unknown key \"colour\"" },
		{ "title = a\n\ntitle = b\n", ":3: title given twice (also on line 1)" },
		{ "home = 1 2 3\n", ":1: home \"1 2 3\": expected data, layer NAME, or" },
		{ "home = 10 0 5 1\n", ":1: home \"10 0 5 1\"" },
		{ "home = layer nowhere\nlayer = map coast.shp\n",
		    ":1: home: no layer \"nowhere\"" },
		{ "layer = blue coast.shp\n", ":1: layer style \"blue\": expected border" },
		{ "layer = map\n", ":1: layer \"map\": expected STYLE FILE [TITLE]" },
		{ "layer = map \"coast.shp\n", ":1: layer \"map \"coast.shp\": expected" },
		{ "layer = map gone.shp\n", ":1: layer \"gone.shp\": no such file" },
		{ "events = gone.csv\n", ":1: \"" },
		{ "layers = some\n", ":1: layers \"some\": expected world or own" },
		{ "just words\n", ":1: expected \"key = value\", not \"just words\"" },
		{ "title =\n", ":1: title: no value" },
		{ "status-label = held-by-rebels the Frente\n",
		    ":1: status-label \"held-by-rebels the Frente\": expected a status" },
		{ "status-label = base\n", ":1: status-label \"base\": no label" },
		{ "status-label = base a\nstatus-label = base b\n",
		    ":2: status-label \"base b\": that status has a label already" },
		{ "initial-date = 2023-06\n", ":1: initial-date \"2023-06\": expected a day" },
		{ "initial-date = 2023-02-30\n", ":1: initial-date \"2023-02-30\": expected a day" },
		{ "initial-date = 1..2\n", ":1: initial-date \"1..2\": expected a day" },
		{ "initial-date = 2023-06-16\ninitial-date = 2023-06-17\n",
		    ":2: initial-date given twice (also on line 1)" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char *cause;
		struct scenario *sc = conf(bad[i].text, &cause);

		assert_null(sc);
		assert_non_null(cause);
		if (strstr(cause, bad[i].why) == NULL || strstr(cause, "scenario.conf:") == NULL)
			fail_msg("%s: got \"%s\"", bad[i].why, cause);
		free(cause);
	}
}

static void
no_conf_no_events(void **state)
{
	char *cause = NULL, path[128];
	struct scenario *sc;

	(void)state;
	snprintf(path, sizeof path, "%s/nothing", dir);
	assert_null(scenario_load(path, "DATA", &cause));
	assert_non_null(strstr(cause, "not a scenario directory (no scenario.conf)"));
	free(cause);
	snprintf(path, sizeof path, "%s/events.csv", dir);
	unlink(path);
	assert_null(sc = conf("title = a\n", &cause));
	assert_non_null(strstr(cause, "no events"));
	free(cause);
	put("events.csv", "id,date\n");
}

/* The bundled Mali scenario, as the default dump reads it. */
static void
bundled_default(void **state)
{
	day_t eve;
	char *cause = NULL;
	struct scenario *sc = scenario_load("data", ".", &cause);

	(void)state;
	assert_non_null(sc);
	assert_string_equal(sc->title, "Mali");
	assert_string_equal(sc->proj, "+proj=lcc +lat_0=17.5 +lon_0=-4 +lat_1=12.5 +lat_2=22.5 "
	    "+datum=WGS84 +units=m");
	assert_int_equal(sc->home, SCENARIO_HOME_LAYER);
	assert_string_equal(sc->home_layer, "mali_admin0");
	assert_int_equal(sc->nlayers, 5);
	assert_false(sc->world);
	assert_int_equal(sc->layers[0].style, STYLE_NEIGHBOUR);
	assert_int_equal(sc->layers[4].style, STYLE_BORDER);
	assert_string_equal(sc->layers[4].title, "Mali outline");
	/* the rebels of the period by their name: the scenario's, not the vocabulary's */
	assert_string_equal(sc->status_label[STATUS_REBELS], "held by rebels (CSP)");
	assert_null(sc->status_label[STATUS_ARMY]);
	/* places.csv's initial statuses are those of the eve of E0 */
	assert_int_equal(date_from_ymd(2023, 6, 16, &eve), 0);
	assert_int_equal(sc->initial_from, eve);
	scenario_free(sc);
}

/* A scenario's wording and its key word; NULL gives the vocabulary's back. */
static void
status_wording(void **state)
{
	char *cause;
	struct scenario *sc = conf("status-label = taken-by-rebels  held by the Frente (FLI)\n"
	    "status-label = base a camp ()\n", &cause);

	(void)state;
	assert_non_null(sc);
	assert_string_equal(status_label(STATUS_REBELS), "held by rebels");
	assert_string_equal(status_word(STATUS_REBELS), "rebels");
	status_set_label(STATUS_REBELS, sc->status_label[STATUS_REBELS]);
	assert_string_equal(status_label(STATUS_REBELS), "held by the Frente (FLI)");
	assert_string_equal(status_word(STATUS_REBELS), "FLI");
	/* empty parentheses name no one: the vocabulary's word */
	status_set_label(STATUS_BASE, sc->status_label[STATUS_BASE]);
	assert_string_equal(status_label(STATUS_BASE), "a camp ()");
	assert_string_equal(status_word(STATUS_BASE), "base");
	status_set_label(STATUS_REBELS, NULL);
	status_set_label(STATUS_BASE, NULL);
	assert_string_equal(status_label(STATUS_REBELS), "held by rebels");
	assert_string_equal(status_word(STATUS_REBELS), "rebels");
	scenario_free(sc);
}

static void
title_of(struct scenario_country *c, size_t n, const char *want)
{
	char buf[128];

	scenario_title(c, n, buf, sizeof buf);
	assert_string_equal(buf, want);
}

static void
titles(void **state)
{
	struct scenario_country one[] = { { "Sudan", "Northern Africa", 12 } };
	struct scenario_country two[] = { { "Chad", "Middle Africa", 3 },
		{ "Sudan", "Northern Africa", 12 } };
	struct scenario_country sahel[] = { { "Mali", "Western Africa", 50 },
		{ "Burkina Faso", "Western Africa", 70 }, { "Niger", "Western Africa", 30 },
		{ "Nigeria", "Western Africa", 90 }, { "Senegal", "Western Africa", 2 } };
	struct scenario_country africa[] = { { "Mali", "Western Africa", 50 },
		{ "Chad", "Middle Africa", 20 }, { "Sudan", "Northern Africa", 80 },
		{ "Niger", "Western Africa", 30 } };
	struct scenario_country mixed[] = { { "Syria", "Middle East", 5 },
		{ "Ukraine", "Europe", 9 }, { "Sudan", "Northern Africa", 1 }, { "Mali", "", 2 } };
	struct scenario_country longnames[] = {
		{ "Democratic Republic of Congo", "Middle Africa", 9 },
		{ "Central African Republic", "Middle Africa", 5 } };

	(void)state;
	title_of(NULL, 0, "");
	title_of(one, 1, "Sudan");
	title_of(two, 2, "Sudan, Chad");
	title_of(sahel, 5, "Western Africa: 5 countries");
	title_of(africa, 4, "Africa: 4 countries");
	title_of(mixed, 4, "4 countries");
	title_of(longnames, 2, "Middle Africa: 2 countries");
}

static void
same_key(const char *a, const char *b)
{
	char ka[128], kb[128];

	scenario_country_key(a, ka, sizeof ka);
	scenario_country_key(b, kb, sizeof kb);
	if (strcmp(ka, kb) != 0)
		fail_msg("\"%s\" (%s) and \"%s\" (%s) differ", a, ka, b, kb);
}

static void
country_keys(void **state)
{
	char k1[64], k2[64];

	(void)state;
	same_key("Democratic Republic of Congo", "Dem. Rep. Congo");
	same_key("DR Congo (Zaire)", "Dem. Rep. Congo");
	same_key("Central African Republic", "Central African Rep.");
	same_key("South Sudan", "S. Sudan");
	same_key("Cote d'Ivoire", "C\xc3\xb4te d'Ivoire");
	same_key("Ivory Coast", "C\xc3\xb4te d'Ivoire");
	same_key("Bosnia and Herzegovina", "Bosnia and Herz.");
	same_key("Myanmar (Burma)", "Myanmar");
	same_key("Russia (Soviet Union)", "Russia");
	same_key("Republic of Congo", "Congo");
	same_key("United States", "United States of America");
	same_key("Western Sahara", "W. Sahara");
	same_key("Czech Republic", "Czechia");
	same_key("SUDAN", "Sudan");
	scenario_country_key("Sudan", k1, sizeof k1);
	scenario_country_key("S. Sudan", k2, sizeof k2);
	assert_string_not_equal(k1, k2);
	scenario_country_key("Niger", k1, sizeof k1);
	scenario_country_key("Nigeria", k2, sizeof k2);
	assert_string_not_equal(k1, k2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(island),
		cmocka_unit_test(world_layers),
		cmocka_unit_test(refused),
		cmocka_unit_test(no_conf_no_events),
		cmocka_unit_test(bundled_default),
		cmocka_unit_test(status_wording),
		cmocka_unit_test(titles),
		cmocka_unit_test(country_keys),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
