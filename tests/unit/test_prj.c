/* test_prj.c: projection values pinned to catch axis-order and datum mistakes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "prj.h"

static void
laea_pinned(void **state)
{
	struct geo_pt p = { -5, 15 };
	char *cause = NULL;
	struct prj *prj = prj_new("+proj=laea +lat_0=17 +lon_0=-4 +datum=WGS84", &cause);

	(void)state;
	assert_non_null(prj);
	assert_int_equal(prj_fwd(prj, &p, 1), 1);
	assert_true(fabs(p.x - -107562.86) < 0.01);
	assert_true(fabs(p.y - -221043.77) < 0.01);
	prj_free(prj);
}

static void
default_lcc_kidal(void **state)
{
	struct geo_pt p = { 1.4078, 18.4411 };
	struct prj *prj = prj_new(NULL, NULL);

	(void)state;
	assert_non_null(prj);
	assert_int_equal(prj_fwd(prj, &p, 1), 1);
	/* east and north of the origin (-4, 17.5): x is easting */
	assert_true(fabs(p.x - 569107.3) < 0.5);
	assert_true(fabs(p.y - 111858.5) < 0.5);
	assert_int_equal(prj_inv(prj, &p, 1), 0);
	assert_true(fabs(p.x - 1.4078) < 1e-9 && fabs(p.y - 18.4411) < 1e-9);
	prj_free(prj);
}

static void
unprojectable_is_nan(void **state)
{
	struct geo_pt p[2] = { { 0, -90 }, { NAN, 10 } };
	struct prj *prj = prj_new(NULL, NULL);

	(void)state;
	assert_int_equal(prj_fwd(prj, p, 2), 0);
	assert_true(isnan(p[0].x) && isnan(p[1].y));
	prj_free(prj);
}

static void
bad_projection(void **state)
{
	char *cause = NULL;

	(void)state;
	assert_null(prj_new("+proj=nonsense", &cause));
	assert_non_null(cause);
	assert_non_null(strstr(cause, "projection \"+proj=nonsense\""));
	free(cause);
}

static void
geodesics(void **state)
{
	double az;

	(void)state;
	/* values from geod -I, coordinates as in PITFALLS' table */
	assert_true(fabs(prj_geod_km(16.2717, -0.0447, 18.4411, 1.4078, &az) - 285.4) < 0.1);
	assert_true(fabs(az - 32.5) < 0.1);
	assert_true(fabs(prj_geod_km(18.0505, 0.6071, 18.4411, 1.4078, NULL) - 95.1) < 0.1);
	assert_true(fabs(prj_geod_km(12.6392, -8.0029, 18.4411, 1.4078, NULL) - 1195.9) < 0.1);
}

static void
wkt_detection(void **state)
{
	(void)state;
	assert_true(prj_wkt_is_wgs84("GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\"]]"));
	assert_false(prj_wkt_is_wgs84("PROJCS[\"WGS_1984_UTM_Zone_30N\",GEOGCS[\"GCS_WGS_1984\"]]"));
	assert_false(prj_wkt_is_wgs84("GEOGCS[\"GCS_ED_1950\"]"));
}

static void
utm_prj_to_lonlat(void **state)
{
	const char *wkt = "PROJCS[\"WGS 84 / UTM zone 30N\",GEOGCS[\"WGS 84\","
	    "DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563]],"
	    "PRIMEM[\"Greenwich\",0],UNIT[\"degree\",0.0174532925199433]],"
	    "PROJECTION[\"Transverse_Mercator\"],PARAMETER[\"latitude_of_origin\",0],"
	    "PARAMETER[\"central_meridian\",-3],PARAMETER[\"scale_factor\",0.9996],"
	    "PARAMETER[\"false_easting\",500000],PARAMETER[\"false_northing\",0],"
	    "UNIT[\"metre\",1]]";
	struct geo_pt p = { 500000, 0 };
	char *cause = NULL;

	(void)state;
	assert_int_equal(prj_to_lonlat(wkt, &p, 1, &cause), 0);
	assert_true(fabs(p.x - -3) < 1e-9 && fabs(p.y) < 1e-9);
	assert_int_equal(prj_to_lonlat("garbage", &p, 1, &cause), -1);
	assert_non_null(cause);
	free(cause);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(laea_pinned),
		cmocka_unit_test(default_lcc_kidal),
		cmocka_unit_test(unprojectable_is_nan),
		cmocka_unit_test(bad_projection),
		cmocka_unit_test(geodesics),
		cmocka_unit_test(wkt_detection),
		cmocka_unit_test(utm_prj_to_lonlat),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
