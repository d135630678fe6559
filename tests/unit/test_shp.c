/*
 * test_shp.c: the shapefile loader on generated fixtures, one per defect.
 * tool_mkfixtures (built beside this binary) writes them into a temporary
 * directory first; tests run from the repository root.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <ftw.h>
#include <glob.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "geo.h"
#include "shp.h"
#include "util.h"

static const char	*argv0;
static char		 fixdir[] = "/tmp/sitmap-test-shp-XXXXXX";

static char *
fixture(const char *name, const char *ext)
{
	char *p;

	xasprintf(&p, "%s/%s.%s", fixdir, name, ext);
	return p;
}

static struct geo_layer *
load(const char *name, char **cause)
{
	char *p = fixture(name, "shp");
	struct geo_layer *l;

	*cause = NULL;
	l = shp_load(p, cause);
	free(p);
	return l;
}

/* Reads name.ext whole, or NULL when it does not exist. */
static char *
slurp(const char *name, const char *ext, size_t *len)
{
	char *p = fixture(name, ext), *buf, *cause;
	struct stat st;

	*len = 0;
	if (stat(p, &st) != 0) {
		free(p);
		return NULL;
	}
	if (util_read_file(p, 1 << 20, &buf, len, &cause) != 0)
		fail_msg("%s", cause);
	free(p);
	return buf;
}

/* The same fixture through shp_load_mem(), named by the same path. */
static struct geo_layer *
load_mem(const char *name, int with_dbf, char **cause)
{
	char *p = fixture(name, "shp"), *shp, *shx, *dbf, *prj;
	size_t shp_len, shx_len, dbf_len = 0, prj_len;
	struct geo_layer *l;

	shp = slurp(name, "shp", &shp_len);
	shx = slurp(name, "shx", &shx_len);
	dbf = with_dbf ? slurp(name, "dbf", &dbf_len) : NULL;
	prj = slurp(name, "prj", &prj_len);
	*cause = NULL;
	l = shp_load_mem(p, shp, shp_len, shx, shx_len, dbf, dbf_len, prj,
	    prj_len, cause);
	free(shp);
	free(shx);
	free(dbf);
	free(prj);
	free(p);
	return l;
}

static void
assert_point(const struct geo_layer *l, size_t i, double x, double y)
{
	assert_true(i < l->npts);
	assert_true(fabs(l->pts[i].x - x) < 1e-9);
	assert_true(fabs(l->pts[i].y - y) < 1e-9);
}

/* Invariants every loaded layer keeps, whatever the file. */
static void
check_layer(const struct geo_layer *l)
{
	size_t s, p;

	assert_int_equal(l->parts[l->nparts], l->npts);
	for (p = 0; p < l->nparts; p++)
		assert_true(l->parts[p] < l->parts[p + 1]);
	for (s = 0; s < l->nshapes; s++) {
		const struct geo_shape *sh = &l->shapes[s];

		assert_true(sh->nparts > 0);
		assert_true(sh->first_part + sh->nparts <= l->nparts);
		assert_true(s == 0 || sh->first_part ==
		    l->shapes[s - 1].first_part + l->shapes[s - 1].nparts);
		assert_true(sh->bbox.x0 <= sh->bbox.x1);
	}
	if (l->kind == GEO_POLY)
		for (p = 0; p < l->nparts; p++) {
			const struct geo_pt *a = &l->pts[l->parts[p]];
			const struct geo_pt *b = &l->pts[l->parts[p + 1] - 1];

			assert_true(l->parts[p + 1] - l->parts[p] >= 4);
			assert_true(a->x == b->x && a->y == b->y);
		}
	for (s = 0; s < l->nshapes * l->nfields; s++)
		assert_non_null(l->attrs[s]);
}

static void
test_ok_poly(void **state)
{
	struct geo_layer *l;
	char *cause;

	(void)state;
	l = load("ok_poly", &cause);
	assert_non_null(l);
	check_layer(l);
	assert_string_equal(l->name, "ok_poly");
	assert_int_equal(l->kind, GEO_POLY);
	/* Record 1 is null, record 2's two-vertex sliver is dropped. */
	assert_int_equal(l->nshapes, 2);
	assert_int_equal(l->nparts, 3);
	assert_int_equal(l->npts, 14);
	assert_int_equal(l->shapes[0].nparts, 2);
	assert_int_equal(l->shapes[1].nparts, 1);
	assert_int_equal(l->parts[1], 5);
	assert_int_equal(l->parts[2], 10);
	/* The hole, counter-clockwise inside the square. */
	assert_point(l, 5, 2, 2);
	assert_point(l, 7, 4, 4);
	assert_true(geo_ring_area(l->pts, 5) < 0);
	assert_true(geo_ring_area(l->pts + 5, 5) > 0);
	/* The unclosed triangle gained its closing vertex. */
	assert_point(l, 10, 20, 0);
	assert_point(l, 13, 20, 0);
	assert_int_equal(l->nfields, 1);
	assert_string_equal(l->fields[0], "name");
	assert_string_equal(geo_layer_attr(l, 0, 0), "square");
	assert_string_equal(geo_layer_attr(l, 1, 0), "tri");
	assert_true(l->shapes[0].bbox.x0 == 0 && l->shapes[0].bbox.x1 == 10);
	assert_true(l->shapes[1].bbox.x0 == 20 && l->shapes[1].bbox.x1 == 25);
	assert_true(l->bbox.x0 == 0 && l->bbox.y0 == 0 && l->bbox.x1 == 25 &&
	    l->bbox.y1 == 10);
	geo_layer_free(l);
}

static void
test_ok_line(void **state)
{
	struct geo_layer *l;
	char *cause;

	(void)state;
	l = load("ok_line", &cause);
	assert_non_null(l);
	check_layer(l);
	assert_int_equal(l->kind, GEO_LINE);	/* ArcZ read as 2D */
	assert_int_equal(l->nshapes, 2);
	assert_int_equal(l->nparts, 3);
	assert_int_equal(l->npts, 7);
	assert_int_equal(l->parts[1], 3);
	assert_int_equal(l->parts[2], 5);
	assert_point(l, 3, 5, 5);
	assert_point(l, 6, -2, -2);
	assert_string_equal(geo_layer_attr(l, 0, 0), "road");
	assert_string_equal(geo_layer_attr(l, 1, 0), "track");
	geo_layer_free(l);
}

static void
test_ok_point(void **state)
{
	struct geo_layer *l;
	const char *hostile;
	char *cause;

	(void)state;
	l = load("ok_point", &cause);
	assert_non_null(l);
	check_layer(l);
	assert_int_equal(l->kind, GEO_POINT);
	assert_int_equal(l->nshapes, 3);
	assert_int_equal(l->nparts, 3);
	assert_int_equal(l->npts, 3);
	assert_point(l, 0, -8.0029, 12.6392);
	assert_point(l, 2, 1.4078, 18.4411);
	assert_string_equal(geo_layer_attr(l, 0, 0), "Bamako");
	assert_string_equal(geo_layer_attr(l, 1, 0), "S\xc3\xa9gou");
	hostile = geo_layer_attr(l, 2, 0);
	assert_null(strchr(hostile, '\x1b'));
	assert_null(strstr(hostile, "\xe2\x80\xae"));
	assert_string_equal(hostile, "A[31mB");
	geo_layer_free(l);
}

static void
test_ok_cp1252(void **state)
{
	struct geo_layer *l;
	char *cause;

	(void)state;
	/* "ANSI 1252" in the .cpg: 0xE9 is é, 0x80 is the euro sign. */
	l = load("ok_cp1252", &cause);
	assert_non_null(l);
	assert_int_equal(l->nfields, 2);
	assert_string_equal(geo_layer_attr(l, 0, 0), "S\xc3\xa9gou \xe2\x82\xac");
	assert_string_equal(l->fields[1], "pop");
	assert_string_equal(geo_layer_attr(l, 0, 1), "");	/* NULL */
	geo_layer_free(l);

	/* Without the .cpg the bytes are taken as UTF-8 and replaced. */
	l = load_mem("ok_cp1252", 1, &cause);
	assert_non_null(l);
	assert_string_equal(geo_layer_attr(l, 0, 0),
	    "S\xef\xbf\xbdgou \xef\xbf\xbd");
	geo_layer_free(l);
}

static void
test_projected(void **state)
{
	struct geo_layer *l;
	char *cause;

	(void)state;
	/* UTM 30N metres; expected values from cs2cs EPSG:32630 EPSG:4326. */
	l = load("projected_prj", &cause);
	if (l == NULL)
		fail_msg("%s", cause);
	assert_int_equal(l->nshapes, 2);
	assert_true(fabs(l->pts[0].x - -3.0) < 1e-7);
	assert_true(fabs(l->pts[0].y - 13.568451278) < 1e-7);
	assert_true(fabs(l->pts[1].x - -3.927889567) < 1e-7);
	assert_true(fabs(l->pts[1].y - 14.470819672) < 1e-7);
	assert_true(l->shapes[1].bbox.x0 == l->pts[1].x);
	geo_layer_free(l);
}

static const struct {
	const char	*name;
	const char	*msg;		/* after "DIR/NAME.shp: " */
} bad[] = {
	{ "nan_coord", "shape 0: coordinate is not finite (nan, 5)" },
	{ "inf_coord", "shape 0: coordinate is not finite (inf, 1)" },
	{ "huge_coord", "shape 0: coordinate out of lon/lat range (1e+308, 5)" },
	{ "lon_out_of_range",
	    "shape 0: coordinate out of lon/lat range (200, 10)" },
	{ "part_start_nonzero", "shape 0: part 0 starts at vertex 3, not 0" },
	{ "lat_out_of_range",
	    "shape 0: coordinate out of lon/lat range (10, 95)" },
	/* shapelib itself refuses decreasing starts and absurd counts. */
	{ "parts_out_of_order", "shape 0: unreadable record: Corrupted .shp "
	    "file : shape 0 : panPartStart[2] = 5, panPartStart[1] = 10" },
	{ "part_out_of_range", "shape 0: unreadable record: Corrupted .shp "
	    "file : shape 0 : panPartStart[2] = 100, nVertices = 15" },
	{ "absurd_counts", "shape 0: unreadable record: Corrupted .shp file : "
	    "shape 0, nPoints=5, nParts=2147483647." },
	{ "npoints_absurd", "shape 0: unreadable record: Corrupted .shp file : "
	    "shape 0, nPoints=2147483647, nParts=1." },
	{ "truncated_shp",
	    "truncated: the header says 372 bytes, the file has 332" },
	{ "shp_length_huge",
	    "truncated: the header says 4294967294 bytes, the file has 236" },
	{ "shx_shp_mismatch", "shape 1: unreadable record: Error in fread() "
	    "reading object of size 136 at offset 500 from .shp file" },
	{ "zero_length_shp",
	    "not a shapefile: 0 bytes, shorter than the 100-byte header" },
	{ "not_a_shapefile", "not a shapefile: file code 0, expected 9994" },
	{ "type_disagree",
	    "the .shp header says Point shapes, the .shx Polygon" },
	{ "unknown_type", "unsupported shape type 99 (unknown)" },
	{ "dbf_count_mismatch", "2 records in .shp but 1 in .dbf" },
	{ "wrong_type", "shape 1: Point record in a Polygon file" },
	{ "multipatch", "unsupported shape type 31 (MultiPatch)" },
	{ "bad_prj", ".prj is not a coordinate reference system PROJ knows "
	    "(proj_create: unrecognized format / unknown name)" },
};

static void
test_errors(void **state)
{
	struct geo_layer *l;
	char *cause, *want;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		xasprintf(&want, "%s/%s.shp: %s", fixdir, bad[i].name, bad[i].msg);
		l = load(bad[i].name, &cause);
		if (l != NULL)
			fail_msg("%s: loaded", bad[i].name);
		assert_string_equal(cause, want);
		free(cause);
		/* The in-memory path takes the same turns. */
		l = load_mem(bad[i].name, 1, &cause);
		assert_null(l);
		assert_string_equal(cause, want);
		free(cause);
		free(want);
	}
}

static void
test_dbf_errors(void **state)
{
	static const struct {
		const char	*name;
		const char	*msg;	/* after "DIR/NAME.dbf: " */
	} dbf[] = {
		{ "missing_dbf", "No such file or directory" },
		{ "dbf_truncated",
		    "record 1: unreadable: fread(33) failed on DBF file." },
	};
	struct geo_layer *l;
	char *cause, *want;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof dbf / sizeof dbf[0]; i++) {
		xasprintf(&want, "%s/%s.dbf: %s", fixdir, dbf[i].name,
		    dbf[i].msg);
		l = load(dbf[i].name, &cause);
		assert_null(l);
		assert_string_equal(cause, want);
		free(cause);
		free(want);
	}
}

static void
test_hostile_path(void **state)
{
	struct geo_layer *l;
	char *cause, *want, *p;

	(void)state;
	/* A file name is text like any other: sanitised in the message. */
	xasprintf(&p, "%s/\x1b]0;owned\x07x.shp", fixdir);
	l = shp_load(p, &cause);
	assert_null(l);
	xasprintf(&want, "%s/]0;ownedx.shp: No such file or directory", fixdir);
	assert_string_equal(cause, want);
	free(cause);
	free(want);
	free(p);
}

static void
test_mem(void **state)
{
	static const char *const ok[] = { "ok_poly", "ok_line", "ok_point" };
	struct geo_layer *l, *m;
	char *cause;
	size_t i, k;

	(void)state;
	for (i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		l = load(ok[i], &cause);
		m = load_mem(ok[i], 1, &cause);
		assert_non_null(l);
		assert_non_null(m);
		assert_string_equal(m->name, ok[i]);
		assert_int_equal(m->nshapes, l->nshapes);
		assert_int_equal(m->nparts, l->nparts);
		assert_int_equal(m->npts, l->npts);
		assert_memory_equal(m->pts, l->pts, l->npts * sizeof *l->pts);
		assert_memory_equal(m->parts, l->parts,
		    (l->nparts + 1) * sizeof *l->parts);
		for (k = 0; k < l->nshapes * l->nfields; k++)
			assert_string_equal(m->attrs[k], l->attrs[k]);
		geo_layer_free(l);
		geo_layer_free(m);
	}
	/* No .dbf: shapes without attributes. */
	m = load_mem("ok_poly", 0, &cause);
	assert_non_null(m);
	assert_int_equal(m->nshapes, 2);
	assert_int_equal(m->nfields, 0);
	assert_string_equal(geo_layer_attr(m, 0, 0), "");
	geo_layer_free(m);
	/* No .shp at all. */
	m = shp_load_mem("x.shp", NULL, 0, NULL, 0, NULL, 0, NULL, 0, &cause);
	assert_null(m);
	assert_string_equal(cause,
	    "x.shp: cannot open: Unable to open x.shp or x.SHP.");
	free(cause);
}

static void
test_mali_admin1(void **state)
{
	struct geo_layer *l;
	char *cause;
	size_t s;
	int f, segou = 0;

	(void)state;
	if (access("maps/mali_admin1.shp", R_OK) != 0) {
		print_message("maps/mali_admin1.shp missing (run from the "
		    "repository root after make maps): skipped\n");
		skip();
	}
	l = shp_load("maps/mali_admin1.shp", &cause);
	if (l == NULL)
		fail_msg("%s", cause);
	check_layer(l);
	assert_int_equal(l->kind, GEO_POLY);
	assert_int_equal(l->nshapes, 9);
	assert_true((f = geo_layer_field(l, "iso3166_2")) >= 0);
	for (s = 0; s < l->nshapes; s++)
		for (f = 0; f < (int)l->nfields; f++)
			if (strcmp(geo_layer_attr(l, s, f), "S\xc3\xa9gou") == 0)
				segou = 1;
	assert_true(segou);
	assert_true(l->bbox.x0 > -13 && l->bbox.x1 < 5);
	assert_true(l->bbox.y0 > 10 && l->bbox.y1 < 25.1);
	geo_layer_free(l);
}

/* The same layer, or the same error, whichever way the records are read. */
static void
assert_same_load(const char *path)
{
	struct geo_layer *a, *b;
	char *ca = NULL, *cb = NULL;
	size_t s, i;

	a = shp_load(path, &ca);
	shp_read_in_place(0);
	b = shp_load(path, &cb);
	shp_read_in_place(1);
	if (a == NULL || b == NULL) {
		if (a != NULL || b != NULL)
			fail_msg("%s: %s", path, ca != NULL ? ca : cb);
		assert_string_equal(ca, cb);
		free(ca);
		free(cb);
		return;
	}
	assert_int_equal(a->kind, b->kind);
	assert_int_equal(a->nshapes, b->nshapes);
	assert_int_equal(a->nparts, b->nparts);
	assert_int_equal(a->npts, b->npts);
	assert_memory_equal(&a->bbox, &b->bbox, sizeof a->bbox);
	assert_memory_equal(a->parts, b->parts, (a->nparts + 1) * sizeof *a->parts);
	assert_memory_equal(a->pts, b->pts, a->npts * sizeof *a->pts);
	assert_memory_equal(a->shapes, b->shapes, a->nshapes * sizeof *a->shapes);
	for (i = 0; i < a->nshapes * a->nfields; i++)
		assert_string_equal(a->attrs[i], b->attrs[i]);
	for (s = 0; s < a->nshapes; s++)
		assert_true(a->shapes[s].nparts > 0);
	geo_layer_free(a);
	geo_layer_free(b);
}

/*
 * Records read in place give what shapelib gives: on every fixture (the
 * defects each fail alike) and every bundled layer.
 */
static void
test_in_place(void **state)
{
	glob_t g;
	char *pattern;
	size_t i, n = 0;

	(void)state;
	xasprintf(&pattern, "%s/*.shp", fixdir);
	if (glob(pattern, 0, NULL, &g) == 0) {
		for (i = 0; i < g.gl_pathc; i++, n++)
			assert_same_load(g.gl_pathv[i]);
		globfree(&g);
	}
	free(pattern);
	if (glob("maps/*.shp", 0, NULL, &g) == 0) {
		for (i = 0; i < g.gl_pathc; i++, n++)
			assert_same_load(g.gl_pathv[i]);
		globfree(&g);
	}
	assert_true(n > 20);
}

static void
test_version(void **state)
{
	(void)state;
	assert_string_equal(shp_version(), "1.5.0");
}

static int
rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* Runs tool_mkfixtures from this binary's directory into fixdir. */
static int
setup(void **state)
{
	const char *slash = strrchr(argv0, '/');
	char *tool;
	pid_t pid;
	int status;

	(void)state;
	if (mkdtemp(fixdir) == NULL) {
		perror("mkdtemp");
		return -1;
	}
	xasprintf(&tool, "%.*stool_mkfixtures",
	    slash ? (int)(slash - argv0 + 1) : 0, argv0);
	if ((pid = fork()) == 0) {
		execl(tool, tool, fixdir, (char *)NULL);
		fprintf(stderr, "%s: %s (make unit builds it)\n", tool,
		    strerror(errno));
		_exit(127);
	}
	free(tool);
	if (pid < 0 || waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0)
		return -1;
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	return nftw(fixdir, rm_entry, 8, FTW_DEPTH | FTW_PHYS);
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ok_poly),
		cmocka_unit_test(test_ok_line),
		cmocka_unit_test(test_ok_point),
		cmocka_unit_test(test_ok_cp1252),
		cmocka_unit_test(test_projected),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_dbf_errors),
		cmocka_unit_test(test_hostile_path),
		cmocka_unit_test(test_mem),
		cmocka_unit_test(test_mali_admin1),
		cmocka_unit_test(test_in_place),
		cmocka_unit_test(test_version),
	};

	(void)argc;
	argv0 = argv[0];
	return cmocka_run_group_tests(tests, setup, teardown);
}
