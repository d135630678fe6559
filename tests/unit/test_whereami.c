/* test_whereami.c: the command line of a view, a position, and a measured distance. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "places.h"
#include "whereami.h"

static void
expect_command(const struct whereami_view *v, const char *want)
{
	char *cause = NULL, *got = whereami_command(v, &cause);

	if (got == NULL)
		fail_msg("no command: %s", cause);
	assert_string_equal(got, want);
	free(got);
}

static void
expect_refused(const struct whereami_view *v, const char *want)
{
	char *cause = NULL;

	assert_null(whereami_command(v, &cause));
	assert_string_equal(cause, want);
	free(cause);
}

static struct whereami_view
kidal_view(void)
{
	struct whereami_view v;

	memset(&v, 0, sizeof v);
	v.lat = 18.43889;
	v.lon = 1.40833;
	v.zoom = 3.375;
	v.m_per_px = 8000;
	v.cols = 100;
	v.rows = 40;
	assert_int_equal(date_from_ymd(2023, 11, 14, &v.day), 0);
	v.have_day = 1;
	return v;
}

static void
test_command(void **state)
{
	struct whereami_view v = kidal_view();

	(void)state;
	expect_command(&v, "sitmap --dump --size 100x40 --center 18.43889,1.40833 --zoom 3.375 "
	    "--date 2023-11-14");
	/* a month, an event, the start */
	v.month = 1;
	expect_command(&v, "sitmap --dump --size 100x40 --center 18.43889,1.40833 --zoom 3.375 "
	    "--date 2023-11");
	v.event_id = "E31";
	expect_command(&v, "sitmap --dump --size 100x40 --center 18.43889,1.40833 --zoom 3.375 "
	    "--event E31");
	v.event_id = NULL;
	v.have_day = 0;
	expect_command(&v, "sitmap --dump --size 100x40 --center 18.43889,1.40833 --zoom 3.375");
	/* south and west, whole degrees, and no "-0" */
	v.lat = -12.5;
	v.lon = -0.0000000001;
	v.zoom = 1;
	expect_command(&v, "sitmap --dump --size 100x40 --center -12.5,0 --zoom 1");
}

/* As many decimals as the scale needs: rounding moves the view by under 1e-6 sub-pixel. */
static void
test_precision(void **state)
{
	struct whereami_view v = kidal_view();
	char *cause = NULL, *cmd, *c, *comma;
	double mpp[] = { 20000, 8000, 500, 5, 0.05 };
	int want[] = { 7, 7, 9, 11, 13 };
	size_t i;

	(void)state;
	v.lat = 18.123456789012345;
	v.lon = -4.987654321098765;
	v.have_day = 0;
	for (i = 0; i < sizeof mpp / sizeof mpp[0]; i++) {
		double lat, lon;

		v.m_per_px = mpp[i];
		cmd = whereami_command(&v, &cause);
		assert_non_null(cmd);
		c = strstr(cmd, "--center ") + 9;
		comma = strchr(c, ',');
		assert_int_equal(comma - strchr(c, '.') - 1, want[i]);
		lat = strtod(c, NULL);
		lon = strtod(comma + 1, NULL);
		/* within a millionth of a sub-pixel, in metres */
		assert_true(fabs(lat - v.lat) * 111700 < mpp[i] * 1e-6);
		assert_true(fabs(lon - v.lon) * 111700 < mpp[i] * 1e-6);
		free(cmd);
	}
	/* unknown scale: plenty */
	v.m_per_px = 0;
	cmd = whereami_command(&v, &cause);
	assert_non_null(strstr(cmd, "--center 18.123456789012,-4.987654321099 "));
	free(cmd);
}

/* The zoom reads back as the very same double, in the fewest digits. */
static void
test_zoom(void **state)
{
	struct whereami_view v = kidal_view();
	double z[] = { 1, 1.5, 2.25, 3.375, 1.5 * 1.5 * 1.5 * 1.5 * 1.5 * 1.5 * 1.5,
		1 / 1.5, 0.01, 100000, 0.1 + 0.2, 14236.123456789 / 7.0 };
	size_t i;

	(void)state;
	v.have_day = 0;
	for (i = 0; i < sizeof z / sizeof z[0]; i++) {
		char *cause = NULL, *cmd, *p;

		v.zoom = z[i];
		cmd = whereami_command(&v, &cause);
		assert_non_null(cmd);
		p = strstr(cmd, "--zoom ") + 7;
		assert_null(strchr(p, 'e'));
		assert_true(strtod(p, NULL) == z[i]);
		if (i == 4)
			assert_string_equal(p, "17.0859375");
		if (i == 7)
			assert_string_equal(p, "100000");
		if (i == 8)
			assert_string_equal(p, "0.30000000000000004");
		free(cmd);
	}
}

static void
test_refused(void **state)
{
	struct whereami_view v = kidal_view();

	(void)state;
	v.lat = NAN;
	expect_refused(&v, "the centre of the view is not on the map's projection");
	v.lat = 91;
	expect_refused(&v, "the centre of the view is not on the map's projection");
	v.lat = 10;
	v.lon = -180.5;
	expect_refused(&v, "the centre of the view is not on the map's projection");
	v.lon = 0;
	v.zoom = 0.005;
	expect_refused(&v, "the zoom (0.005) is outside --zoom's 0.01 to 100000");
	v.zoom = INFINITY;
	expect_refused(&v, "the zoom (inf) is outside --zoom's 0.01 to 100000");
	v.zoom = NAN;
	expect_refused(&v, "the zoom (nan) is outside --zoom's 0.01 to 100000");
}

/* The words of sitmap's own command line come through a shell unchanged. */
static void
test_quoting(void **state)
{
	struct whereami_view v = kidal_view();
	const char *args[] = { "--events", "my events.csv", "--filter", "it's $HOME",
		"--places", "data/places.csv", "--window", "", "--proj", "+proj=lcc +lat_0=17" };

	(void)state;
	v.have_day = 0;
	v.args = args;
	v.nargs = sizeof args / sizeof args[0];
	expect_command(&v, "sitmap --dump --size 100x40 --center 18.43889,1.40833 --zoom 3.375 "
	    "--events 'my events.csv' --filter 'it'\\''s $HOME' --places data/places.csv "
	    "--window '' --proj '+proj=lcc +lat_0=17'");
	v.nargs = 0;
	v.event_id = "E 1;rm";
	expect_command(&v, "sitmap --dump --size 100x40 --center 18.43889,1.40833 --zoom 3.375 "
	    "--event 'E 1;rm'");
}

static void
test_latlon(void **state)
{
	char buf[64];

	(void)state;
	whereami_latlon(buf, sizeof buf, 18.43889, 1.40833, 1);
	assert_string_equal(buf, "18.4389\xc2\xb0N 1.4083\xc2\xb0" "E");
	whereami_latlon(buf, sizeof buf, -33.9, -70.25, 0);
	assert_string_equal(buf, "33.9S 70.25W");
	whereami_latlon(buf, sizeof buf, 0, 0, 0);
	assert_string_equal(buf, "0N 0E");
	assert_int_equal(whereami_latlon(buf, 4, 12.5, 3.25, 0), (int)strlen("12.5N 3.25E"));
	assert_string_equal(buf, "12.");
}

static struct place
place(const char *name, double lat, double lon)
{
	struct place p;

	memset(&p, 0, sizeof p);
	p.name = (char *)name;
	p.lat_deg = lat;
	p.lon_deg = lon;
	return p;
}

static void
test_measure(void **state)
{
	struct place kidal = place("Kidal", 18.43889, 1.40833),
	    gao = place("Gao", 16.26667, -0.05),
	    camp = place("Gao army camp", 16.26667, -0.05),
	    north = place("North", 19, 0), south = place("South", 18, 0);
	char buf[128];

	(void)state;
	/* as --distance gives it: 286.0 km, initial bearing 213.0 */
	whereami_measure(buf, sizeof buf, &kidal, &gao, 1);
	assert_string_equal(buf, "Kidal \xe2\x86\x92 Gao: 286.0 km, bearing 213\xc2\xb0 (SSW)");
	whereami_measure(buf, sizeof buf, &gao, &kidal, 0);
	assert_string_equal(buf, "Gao -> Kidal: 286.0 km, bearing 33 deg (NNE)");
	whereami_measure(buf, sizeof buf, &gao, &camp, 0);
	assert_string_equal(buf, "Gao -> Gao army camp: 0.0 km (the same point)");
	whereami_measure(buf, sizeof buf, &south, &north, 0);
	assert_string_equal(buf, "South -> North: 110.7 km, bearing 0 deg (N)");
	whereami_measure(buf, sizeof buf, &north, &south, 0);
	assert_string_equal(buf, "North -> South: 110.7 km, bearing 180 deg (S)");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_command),
		cmocka_unit_test(test_precision),
		cmocka_unit_test(test_zoom),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_quoting),
		cmocka_unit_test(test_latlon),
		cmocka_unit_test(test_measure),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
