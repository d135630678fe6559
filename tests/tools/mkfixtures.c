/*
 * mkfixtures.c: writes the shapefile fixtures test_shp checks, one per
 * defect, with shapelib where it can and by patching bytes where it refuses
 * to write the defect. Every fixture is a few hundred bytes.
 *
 *   tool_mkfixtures DIR			fixtures into DIR (which must exist)
 *   tool_mkfixtures --fuzz-seeds DIR	fuzz_shp blobs built from them
 *   tool_mkfixtures --shape DIR NAME point|line|poly < COORDS
 *					DIR/NAME.shp (.shx, .dbf) from text:
 *					"X Y" lines, a blank line between parts,
 *					"--" between shapes (for comparing a
 *					GeoJSON file of the same numbers)
 *
 * Byte offsets below follow the ESRI white paper: a 100-byte header, then
 * records of an 8-byte big-endian header and little-endian content (type,
 * bbox, nParts, nPoints, parts[], points[]); .shx entries are big-endian
 * offset and length in 16-bit words.
 */
#include <errno.h>
#include <ftw.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <shapefil.h>

#include "util.h"

#define REC0		100		/* first record in the .shp */
#define POLY_NPARTS	(REC0 + 8 + 4 + 32)
#define POLY_PARTS	(REC0 + 8 + 4 + 32 + 8)

/* The UTM zone 30N .prj as ArcGIS writes it (EPSG:32630). */
static const char utm30n_prj[] =
	"PROJCS[\"WGS_1984_UTM_Zone_30N\",GEOGCS[\"GCS_WGS_1984\","
	"DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\",6378137.0,298.257223563]],"
	"PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]],"
	"PROJECTION[\"Transverse_Mercator\"],PARAMETER[\"False_Easting\",500000.0],"
	"PARAMETER[\"False_Northing\",0.0],PARAMETER[\"Central_Meridian\",-3.0],"
	"PARAMETER[\"Scale_Factor\",0.9996],PARAMETER[\"Latitude_Of_Origin\",0.0],"
	"UNIT[\"Meter\",1.0]]";

static const char wgs84_prj[] =
	"GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\","
	"SPHEROID[\"WGS_1984\",6378137.0,298.257223563]],"
	"PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]";

static const char *dir;

static char *
file(const char *name, const char *ext)
{
	char *p;

	xasprintf(&p, "%s/%s.%s", dir, name, ext);
	return p;
}

static void
write_text(const char *name, const char *ext, const char *text)
{
	char *p = file(name, ext);
	FILE *f;

	if ((f = fopen(p, "wb")) == NULL || fputs(text, f) == EOF ||
	    fclose(f) != 0)
		die("%s: %s", p, strerror(errno));
	free(p);
}

static void
append_text(const char *name, const char *ext, const char *text)
{
	char *p = file(name, ext);
	FILE *f;

	if ((f = fopen(p, "ab")) == NULL || fputs(text, f) == EOF ||
	    fclose(f) != 0)
		die("%s: %s", p, strerror(errno));
	free(p);
}

static void
patch(const char *name, const char *ext, long off, const void *bytes,
    size_t n)
{
	char *p = file(name, ext);
	FILE *f;

	if ((f = fopen(p, "r+b")) == NULL || fseek(f, off, SEEK_SET) != 0 ||
	    fwrite(bytes, 1, n, f) != n || fclose(f) != 0)
		die("%s: %s", p, strerror(errno));
	free(p);
}

static void
patch_le32(const char *name, const char *ext, long off, uint32_t v)
{
	unsigned char b[4] = { v & 0xff, v >> 8 & 0xff, v >> 16 & 0xff, v >> 24 };

	patch(name, ext, off, b, 4);
}

static void
patch_be32(const char *name, const char *ext, long off, uint32_t v)
{
	unsigned char b[4] = { v >> 24, v >> 16 & 0xff, v >> 8 & 0xff, v & 0xff };

	patch(name, ext, off, b, 4);
}

static long
file_size(const char *name, const char *ext)
{
	char *p = file(name, ext);
	struct stat st;

	if (stat(p, &st) != 0)
		die("%s: %s", p, strerror(errno));
	free(p);
	return (long)st.st_size;
}

static void
cut(const char *name, const char *ext, long len)
{
	char *p = file(name, ext);

	if (truncate(p, len) != 0)
		die("%s: %s", p, strerror(errno));
	free(p);
}

static void
remove_file(const char *name, const char *ext)
{
	char *p = file(name, ext);

	if (unlink(p) != 0 && errno != ENOENT)
		die("%s: %s", p, strerror(errno));
	free(p);
}

/* A shape: nparts rings or lines given by starts, nv vertices. */
struct shape {
	int		 type;		/* SHPT_NULL for a null record */
	int		 nparts;
	const int	*starts;
	int		 nv;
	const double	*x, *y;
};

static void
write_shp(const char *name, int type, const struct shape *s, int n)
{
	char *p = file(name, "shp");
	SHPHandle h;
	SHPObject *o;
	double z[64] = { 0 };
	int i;

	if ((h = SHPCreate(p, type)) == NULL)
		die("%s: cannot create", p);
	for (i = 0; i < n; i++) {
		int t = s[i].type != 0 ? s[i].type : SHPT_NULL;

		if (t == SHPT_NULL)
			o = SHPCreateSimpleObject(SHPT_NULL, 0, NULL, NULL, NULL);
		else
			o = SHPCreateObject(t, -1, s[i].nparts, s[i].starts, NULL,
			    s[i].nv, s[i].x, s[i].y, z, NULL);
		if (o == NULL || SHPWriteObject(h, -1, o) < 0)
			die("%s: cannot write shape %d", p, i);
		SHPDestroyObject(o);
	}
	SHPClose(h);
	free(p);
}

/* One text field "name" (and a numeric "pop", set to NULL, when pop). */
static void
write_dbf(const char *name, const char *const *names, int n, int pop)
{
	char *p = file(name, "dbf");
	DBFHandle h;
	int i;

	if ((h = DBFCreate(p)) == NULL || DBFAddField(h, "name", FTString, 32, 0) < 0 ||
	    (pop && DBFAddField(h, "pop", FTInteger, 10, 0) < 0))
		die("%s: cannot create", p);
	for (i = 0; i < n; i++) {
		if (!DBFWriteStringAttribute(h, i, 0, names[i]) ||
		    (pop && !DBFWriteNULLAttribute(h, i, 1)))
			die("%s: cannot write record %d", p, i);
	}
	DBFClose(h);
	free(p);
}

/* The shapes most error fixtures start from. */
static const double sq_x[] = { 0, 0, 10, 10, 0 }, sq_y[] = { 0, 10, 10, 0, 0 };
static const int start0[] = { 0 };
static const struct shape square = { SHPT_POLYGON, 1, start0, 5, sq_x, sq_y };
static const char *const names3[] = { "one", "two", "three" };

static void
ok_poly(void)
{
	/* Outer ring clockwise, hole counter-clockwise, both closed. */
	static const double x0[] = { 0, 0, 10, 10, 0, 2, 4, 4, 2, 2 };
	static const double y0[] = { 0, 10, 10, 0, 0, 2, 2, 4, 4, 2 };
	static const int p0[] = { 0, 5 };
	/* An unclosed triangle and a two-vertex sliver. */
	static const double x2[] = { 20, 20, 25, 30, 31 };
	static const double y2[] = { 0, 5, 0, 0, 1 };
	static const int p2[] = { 0, 3 };
	const struct shape s[] = {
		{ SHPT_POLYGON, 2, p0, 10, x0, y0 },
		{ SHPT_NULL, 0, NULL, 0, NULL, NULL },
		{ SHPT_POLYGON, 2, p2, 5, x2, y2 },
	};
	static const char *const names[] = { "square", "empty", "tri" };

	write_shp("ok_poly", SHPT_POLYGON, s, 3);
	write_dbf("ok_poly", names, 3, 0);
}

static void
ok_line(void)
{
	static const double x0[] = { 0, 1, 2, 5, 6 }, y0[] = { 0, 1, 0, 5, 6 };
	static const double x1[] = { -1, -2 }, y1[] = { -1, -2 };
	static const int p0[] = { 0, 3 };
	const struct shape s[] = {
		{ SHPT_ARCZ, 2, p0, 5, x0, y0 },
		{ SHPT_ARCZ, 1, start0, 2, x1, y1 },
	};
	static const char *const names[] = { "road", "track" };

	write_shp("ok_line", SHPT_ARCZ, s, 2);
	write_dbf("ok_line", names, 2, 0);
}

static void
ok_point(void)
{
	static const double x[] = { -8.0029, -6.2633, 1.4078 };
	static const double y[] = { 12.6392, 13.4317, 18.4411 };
	const struct shape s[] = {
		{ SHPT_POINT, 0, NULL, 1, x, y },
		{ SHPT_POINT, 0, NULL, 1, x + 1, y + 1 },
		{ SHPT_POINT, 0, NULL, 1, x + 2, y + 2 },
	};
	static const char *const names[] = {
		"Bamako", "S\xc3\xa9gou", "A\x1b[31mB\xe2\x80\xae"
	};

	write_shp("ok_point", SHPT_POINT, s, 3);
	write_dbf("ok_point", names, 3, 0);
	write_text("ok_point", "cpg", "UTF-8\n");
	write_text("ok_point", "prj", wgs84_prj);
}

static void
ok_cp1252(void)
{
	static const double x[] = { -6.2633 }, y[] = { 13.4317 };
	const struct shape s[] = { { SHPT_POINT, 0, NULL, 1, x, y } };
	static const char *const names[] = { "S\xe9gou \x80" };

	write_shp("ok_cp1252", SHPT_POINT, s, 1);
	write_dbf("ok_cp1252", names, 1, 1);
	write_text("ok_cp1252", "cpg", "ANSI 1252");
}

static void
one_shape(const char *name, int type, const struct shape *s)
{
	write_shp(name, type, s, 1);
	write_dbf(name, names3, 1, 0);
}

static void
coords(void)
{
	static const double nx[] = { 0, 0, 10, 10, 0 };
	static double ny[] = { 0, 10, 10, 0, 0 }, nanx[5];
	static const double ix[] = { 0, 1 }, iy[] = { 0, 1 };
	static double infx[2];
	static const double hx[] = { 1e308 }, hy[] = { 5 };
	static const double lx[] = { 200 }, ly[] = { 10 };
	struct shape s;

	memcpy(nanx, nx, sizeof nanx);
	nanx[2] = NAN;
	ny[2] = 5;
	s = (struct shape){ SHPT_POLYGON, 1, start0, 5, nanx, ny };
	one_shape("nan_coord", SHPT_POLYGON, &s);

	memcpy(infx, ix, sizeof infx);
	infx[1] = INFINITY;
	s = (struct shape){ SHPT_ARC, 1, start0, 2, infx, iy };
	one_shape("inf_coord", SHPT_ARC, &s);

	s = (struct shape){ SHPT_POINT, 0, NULL, 1, hx, hy };
	one_shape("huge_coord", SHPT_POINT, &s);

	s = (struct shape){ SHPT_POINT, 0, NULL, 1, lx, ly };
	one_shape("lon_out_of_range", SHPT_POINT, &s);
}

static void
parts(void)
{
	static const double x[] = { 0, 0, 1, 1, 0, 2, 2, 3, 3, 2, 4, 4, 5, 5, 4 };
	static const double y[] = { 0, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 1, 1, 0, 0 };
	static const int p3[] = { 0, 5, 10 };
	struct shape s = { SHPT_POLYGON, 1, start0, 15, x, y };

	/* The first ring claims to start at vertex 3: 0-2 would be orphans. */
	one_shape("part_start_nonzero", SHPT_POLYGON, &s);
	patch_le32("part_start_nonzero", "shp", POLY_PARTS, 3);

	s.nparts = 3;
	s.starts = p3;
	one_shape("parts_out_of_order", SHPT_POLYGON, &s);
	patch_le32("parts_out_of_order", "shp", POLY_PARTS + 4, 10);
	patch_le32("parts_out_of_order", "shp", POLY_PARTS + 8, 5);

	one_shape("absurd_counts", SHPT_POLYGON, &square);
	patch_le32("absurd_counts", "shp", POLY_NPARTS, 0x7fffffff);
}

static void
files(void)
{
	const struct shape two[] = { square, square };
	static const double px[] = { 1 }, py[] = { 1 };
	const struct shape pt = { SHPT_POINT, 0, NULL, 1, px, py };
	static const double mx[] = { 0, 0, 1 }, my[] = { 0, 1, 0 };
	static const int mtypes[] = { SHPP_TRISTRIP };
	double z[3] = { 0 };
	SHPHandle h;
	SHPObject *o;
	char *p;

	write_shp("truncated_shp", SHPT_POLYGON, two, 2);
	write_dbf("truncated_shp", names3, 2, 0);
	cut("truncated_shp", "shp", file_size("truncated_shp", "shp") - 40);

	one_shape("zero_length_shp", SHPT_POLYGON, &square);
	cut("zero_length_shp", "shp", 0);

	/* Record 1's index entry points past the end of the .shp. */
	write_shp("shx_shp_mismatch", SHPT_POLYGON, two, 2);
	write_dbf("shx_shp_mismatch", names3, 2, 0);
	patch_be32("shx_shp_mismatch", "shx", REC0 + 8,
	    (uint32_t)(file_size("shx_shp_mismatch", "shp") / 2 + 64));

	write_shp("dbf_count_mismatch", SHPT_POLYGON, two, 2);
	write_dbf("dbf_count_mismatch", names3, 1, 0);

	/* The header still claims two records; the second is cut short. */
	write_shp("dbf_truncated", SHPT_POLYGON, two, 2);
	write_dbf("dbf_truncated", names3, 2, 0);
	cut("dbf_truncated", "dbf", file_size("dbf_truncated", "dbf") - 20);

	write_shp("missing_dbf", SHPT_POLYGON, &square, 1);
	remove_file("missing_dbf", "dbf");

	/* shapelib asserts on a record of the wrong type, so patch it in. */
	write_shp("wrong_type", SHPT_POLYGON, two, 2);
	write_dbf("wrong_type", names3, 2, 0);
	patch_le32("wrong_type", "shp", file_size("wrong_type", "shp") -
	    (long)(4 + 32 + 4 + 4 + 4 + 5 * 16), SHPT_POINT);

	p = file("multipatch", "shp");
	if ((h = SHPCreate(p, SHPT_MULTIPATCH)) == NULL ||
	    (o = SHPCreateObject(SHPT_MULTIPATCH, -1, 1, start0, mtypes, 3,
	    mx, my, z, NULL)) == NULL || SHPWriteObject(h, -1, o) < 0)
		die("%s: cannot write", p);
	SHPDestroyObject(o);
	SHPClose(h);
	free(p);
	write_dbf("multipatch", names3, 1, 0);

	one_shape("bad_prj", SHPT_POINT, &pt);
	write_text("bad_prj", "prj", "this is not WKT\n");
}

/* The cases tests/hostile/run.sh adds to the ones above. */
static void
hostile(void)
{
	static const double x[] = { 0, 0, 1, 1, 0, 2, 2, 3, 3, 2, 4, 4, 5, 5, 4 };
	static const double y[] = { 0, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 1, 1, 0, 0 };
	static const int p3[] = { 0, 5, 10 };
	static const double lx[] = { 10 }, ly[] = { 95 };
	const struct shape lat = { SHPT_POINT, 0, NULL, 1, lx, ly };
	const struct shape three = { SHPT_POLYGON, 3, p3, 15, x, y };
	const struct shape null = { SHPT_NULL, 0, NULL, 0, NULL, NULL };
	const struct shape nulls[] = { null, square, null, null };
	static const char *const names4[] = { "a", "b", "c", "d" };
	const struct shape flat[] = {
		{ SHPT_POLYGON, 1, start0, 1, sq_x, sq_y },
		{ SHPT_POLYGON, 1, start0, 2, sq_x, sq_y },
	};
	const struct shape mixed[] = { null, flat[1] };
	long shx;

	one_shape("lat_out_of_range", SHPT_POINT, &lat);
	write_text("lat_out_of_range", "prj", wgs84_prj);

	/* The last ring starts past the last vertex. */
	one_shape("part_out_of_range", SHPT_POLYGON, &three);
	patch_le32("part_out_of_range", "shp", POLY_PARTS + 8, 100);

	one_shape("npoints_absurd", SHPT_POLYGON, &square);
	patch_le32("npoints_absurd", "shp", POLY_NPARTS + 4, 0x7fffffff);

	/* Header lengths are big-endian 16-bit words at byte 24. */
	one_shape("shp_length_huge", SHPT_POLYGON, &square);
	patch_be32("shp_length_huge", "shp", 24, 0x7fffffff);

	one_shape("shx_length_huge", SHPT_POLYGON, &square);
	patch_be32("shx_length_huge", "shx", 24, 0x7fffffff);

	/* A sparse .shx of a million and one entries, its header agreeing. */
	one_shape("shx_too_many", SHPT_POLYGON, &square);
	shx = REC0 + 8 * 1000001L;
	cut("shx_too_many", "shx", shx);
	patch_be32("shx_too_many", "shx", 24, (uint32_t)(shx / 2));

	one_shape("not_a_shapefile", SHPT_POLYGON, &square);
	patch_be32("not_a_shapefile", "shp", 0, 0);

	one_shape("zero_length_shx", SHPT_POLYGON, &square);
	cut("zero_length_shx", "shx", 0);

	one_shape("type_disagree", SHPT_POLYGON, &square);
	patch_le32("type_disagree", "shp", 32, SHPT_POINT);

	one_shape("unknown_type", SHPT_POLYGON, &square);
	patch_le32("unknown_type", "shp", 32, 99);
	patch_le32("unknown_type", "shx", 32, 99);

	write_shp("null_shapes", SHPT_POLYGON, nulls, 4);
	write_dbf("null_shapes", names4, 4, 0);

	write_shp("all_null", SHPT_POLYGON, nulls, 1);
	write_dbf("all_null", names4, 1, 0);

	/* Nothing to draw: no records; a one-point and a two-point polygon. */
	write_shp("no_records", SHPT_POLYGON, NULL, 0);
	write_dbf("no_records", names3, 0, 0);
	write_shp("degenerate_only", SHPT_POLYGON, flat, 2);
	write_dbf("degenerate_only", names3, 2, 0);
	write_shp("null_and_degenerate", SHPT_POLYGON, mixed, 2);
	write_dbf("null_and_degenerate", names3, 2, 0);

	one_shape("unknown_prj", SHPT_POINT, &lat);
	write_text("unknown_prj", "prj", "PROJCS[\"Made_Up\",GEOGCS[\"GCS_WGS_1984\","
	    "DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\",6378137.0,298.257223563]],"
	    "PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]],"
	    "PROJECTION[\"No_Such_Projection\"],UNIT[\"Meter\",1.0]]");

	one_shape("hostile_prj", SHPT_POINT, &lat);
	write_text("hostile_prj", "prj", "\x1b]0;owned\x07\x1b[2J\xe2\x80\xae\xc2\x9b\xff");
}

static void
projected(void)
{
	static const double x[] = { 500000, 400000 }, y[] = { 1500000, 1600000 };
	const struct shape s[] = {
		{ SHPT_POINT, 0, NULL, 1, x, y },
		{ SHPT_POINT, 0, NULL, 1, x + 1, y + 1 },
	};
	static const char *const names[] = { "a", "b" };

	write_shp("projected_prj", SHPT_POINT, s, 2);
	write_dbf("projected_prj", names, 2, 0);
	write_text("projected_prj", "prj", utm30n_prj);

	/* The same .prj as Windows tools may save it: a UTF-8 BOM first. */
	write_shp("prj_bom", SHPT_POINT, s, 2);
	write_dbf("prj_bom", names, 2, 0);
	write_text("prj_bom", "prj", "\xef\xbb\xbf");
	append_text("prj_bom", "prj", utm30n_prj);
}

static void
write_fixtures(void)
{
	ok_poly();
	ok_line();
	ok_point();
	ok_cp1252();
	coords();
	parts();
	files();
	projected();
	hostile();
}

static unsigned char *
slurp(const char *name, const char *ext, size_t *len)
{
	char *p = file(name, ext), *buf, *cause;

	if (util_read_file(p, 65535, &buf, len, &cause) != 0)
		die("%s", cause);
	free(p);
	return (unsigned char *)buf;
}

/* u16 shx_len | u16 dbf_len | shx | dbf | shp, lengths little-endian. */
static void
write_seed(const char *out, const char *name, int with_dbf)
{
	unsigned char *shp, *shx, *dbf = NULL;
	size_t shp_len, shx_len, dbf_len = 0;
	unsigned char hdr[4];
	char *p;
	FILE *f;

	shp = slurp(name, "shp", &shp_len);
	shx = slurp(name, "shx", &shx_len);
	if (with_dbf)
		dbf = slurp(name, "dbf", &dbf_len);
	hdr[0] = shx_len & 0xff;
	hdr[1] = shx_len >> 8;
	hdr[2] = dbf_len & 0xff;
	hdr[3] = dbf_len >> 8;
	xasprintf(&p, "%s/%s%s", out, name, with_dbf ? "" : "_nodbf");
	if ((f = fopen(p, "wb")) == NULL || fwrite(hdr, 1, 4, f) != 4 ||
	    fwrite(shx, 1, shx_len, f) != shx_len ||
	    (dbf_len > 0 && fwrite(dbf, 1, dbf_len, f) != dbf_len) ||
	    fwrite(shp, 1, shp_len, f) != shp_len || fclose(f) != 0)
		die("%s: %s", p, strerror(errno));
	free(p);
	free(shp);
	free(shx);
	free(dbf);
}

static int
rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void
write_seeds(const char *out)
{
	static const char *const with[] = {
		"ok_poly", "ok_line", "ok_point", "ok_cp1252", "wrong_type",
		"part_start_nonzero", "truncated_shp", "nan_coord",
		"multipatch", "shx_shp_mismatch", "null_shapes",
		"part_out_of_range", "type_disagree", "shp_length_huge",
		"not_a_shapefile", "unknown_type"
	};
	char tmp[] = "/tmp/sitmap-seeds-XXXXXX";
	size_t i;

	if (mkdtemp(tmp) == NULL)
		die("mkdtemp: %s", strerror(errno));
	dir = tmp;
	write_fixtures();
	for (i = 0; i < sizeof with / sizeof with[0]; i++)
		write_seed(out, with[i], 1);
	write_seed(out, "ok_line", 0);
	nftw(tmp, rm_entry, 8, FTW_DEPTH | FTW_PHYS);
}

/* --shape: the shapes of stdin, as the usage above says. */
static void
write_from_text(const char *name, const char *kind)
{
	int type = strcmp(kind, "point") == 0 ? SHPT_MULTIPOINT : strcmp(kind, "line") == 0 ?
	    SHPT_ARC : strcmp(kind, "poly") == 0 ? SHPT_POLYGON : -1;
	static double x[100000], y[100000];
	static int starts[10000];
	static struct shape sh[1000];
	static char names[1000][16];
	const char *np[1000];
	char line[256];
	int n = 0, nv = 0, np_ = 0, first_v = 0, first_p = 0, new_part = 1, i;

	if (type < 0)
		die("--shape: kind \"%s\": expected point, line or poly", kind);
	for (;;) {
		int end = fgets(line, sizeof line, stdin) == NULL;

		if (end || strcmp(line, "--\n") == 0) {
			if (nv > first_v) {
				if (n == 1000)
					die("--shape: more than 1000 shapes");
				sh[n].type = type;
				sh[n].nparts = np_ - first_p;
				sh[n].starts = starts + first_p;
				sh[n].nv = nv - first_v;
				sh[n].x = x + first_v;
				sh[n].y = y + first_v;
				/* shapelib wants starts relative to the shape */
				for (i = first_p; i < np_; i++)
					starts[i] -= first_v;
				snprintf(names[n], sizeof names[n], "s%d", n);
				np[n] = names[n];
				n++;
			}
			if (end)
				break;
			first_v = nv;
			first_p = np_;
			new_part = 1;
			continue;
		}
		if (line[0] == '\n') {
			new_part = 1;
			continue;
		}
		if (nv == 100000 || np_ == 10000)
			die("--shape: too many vertices or parts");
		if (sscanf(line, "%lf %lf", &x[nv], &y[nv]) != 2)
			die("--shape: not \"X Y\": %s", line);
		if (new_part && type != SHPT_MULTIPOINT)
			starts[np_++] = nv;
		new_part = 0;
		nv++;
	}
	if (type == SHPT_MULTIPOINT)
		for (i = 0; i < n; i++)
			sh[i].nparts = 0;
	write_shp(name, type, sh, n);
	write_dbf(name, np, n, 0);
}

int
main(int argc, char **argv)
{
	if (argc == 5 && strcmp(argv[1], "--shape") == 0) {
		dir = argv[2];
		write_from_text(argv[3], argv[4]);
		return 0;
	}
	if (argc == 3 && strcmp(argv[1], "--fuzz-seeds") == 0) {
		write_seeds(argv[2]);
		return 0;
	}
	if (argc != 2 || argv[1][0] == '-') {
		fprintf(stderr, "usage: tool_mkfixtures DIR\n"
		    "       tool_mkfixtures --fuzz-seeds DIR\n"
		    "       tool_mkfixtures --shape DIR NAME point|line|poly < COORDS\n");
		return EXIT_USAGE;
	}
	dir = argv[1];
	write_fixtures();
	return 0;
}
