/*
 * shp.c: shapefiles through shapelib, plus the checks shapelib leaves to us.
 *
 * The only file that includes <shapefil.h>. Both entry points hand shapelib
 * the same SAHooks, which serve whole files from memory by extension,
 * read-only: shp_load() maps the .shp, .shx and .dbf and reads the .cpg
 * first (the file sizes then bound every count, and a sequential load makes
 * no seek calls), shp_load_mem() takes the caller's buffers. So the fuzzer
 * runs the very path that files take. The Error hook collects shapelib's messages instead
 * of letting them reach stderr; the Atof hook reads numbers in the C locale.
 *
 * Records become shapes in file order; null and empty records are skipped,
 * so shape s is not record s, and messages name the record ("shape N",
 * counted from 0 as shpdump does). Anything wrong in geometry or attributes
 * fails the whole layer.
 *
 * shapelib 1.5's hooks carry no user pointer (1.6 added pvUserData), so the
 * served files and the captured error text are file-scope globals: loading
 * is not reentrant and not thread-safe.
 */
#include "shp.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <iconv.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <shapefil.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "prj.h"
#include "text.h"
#include "util.h"

#define MAX_CELLS	8000000		/* attribute values per layer */
#define MAX_LABEL	256
#define MAX_PATH_BYTES	4096
#define MAX_FILE	((size_t)1 << 30)
#define MAX_CPG	4096

enum { F_SHP, F_SHX, F_DBF, F_CPG, F_COUNT };

struct mem_file {
	const char	*data;		/* NULL: no such file */
	size_t		 len;
	int		 mapped;	/* data is a file mapping (page-aligned) */
	size_t		 dropped;	/* pages below this are given back */
};

struct mem_handle {
	struct mem_file	*f;
	size_t		 pos;
};

static const char *const file_ext[F_COUNT] = { "shp", "shx", "dbf", "cpg" };

/* What the hooks serve; set only while load() runs. */
#define DROP_BYTES	((size_t)1 << 20)	/* a multiple of the page size */
static struct mem_file served[F_COUNT];

/* What shapelib said through the Error hook since err_reset(). */
static char	 err_text[1024];
static size_t	 err_len;

static locale_t	 c_locale;

static void
err_reset(void)
{
	err_len = 0;
	err_text[0] = '\0';
}

static void
hook_error(const char *msg)
{
	size_t n, room;

	if (err_len > 0 && err_len + 2 < sizeof err_text) {
		memcpy(err_text + err_len, "; ", 2);
		err_len += 2;
	}
	room = sizeof err_text - 1 - err_len;
	n = strlen(msg);
	if (n > room)
		n = room;
	memcpy(err_text + err_len, msg, n);
	err_len += n;
	err_text[err_len] = '\0';
}

/* DBF numbers must not follow LC_NUMERIC (a French locale reads 18,44). */
static double
hook_atof(const char *s)
{
	return strtod_l(s, NULL, c_locale);
}

/* shapelib tries "x.shp", then "x.SHP": only the lower case is served. */
static SAFile
mem_fopen(const char *name, const char *access)
{
	const char *dot = strrchr(name, '.');
	struct mem_handle *h;
	int i;

	if (dot == NULL || strpbrk(access, "wa+") != NULL)
		return NULL;
	for (i = 0; i < F_COUNT; i++) {
		if (served[i].data == NULL || strcmp(dot + 1, file_ext[i]) != 0)
			continue;
		h = xmalloc(sizeof *h);
		h->f = &served[i];
		h->pos = 0;
		return (SAFile)(void *)h;
	}
	return NULL;
}

/*
 * Records are read once, in order: the pages of a mapped file behind pos
 * go back to the page cache, so a large file never counts whole in the
 * resident size. A read behind them would fault them in again.
 */
static void
drop_behind(struct mem_file *f, size_t pos)
{
	if (f->mapped && pos >= f->dropped + DROP_BYTES) {
		size_t end = pos & ~(size_t)(DROP_BYTES - 1);

		(void)madvise((char *)(uintptr_t)f->data + f->dropped, end - f->dropped,
		    MADV_DONTNEED);
		f->dropped = end;
	}
}

/* fread() semantics: a partial item is copied but not counted. */
static SAOffset
mem_fread(void *p, SAOffset size, SAOffset nmemb, SAFile fp)
{
	struct mem_handle *h = (struct mem_handle *)(void *)fp;
	size_t want, have;

	if (size == 0 || nmemb == 0 || h->pos >= h->f->len)
		return 0;
	have = h->f->len - h->pos;
	if (__builtin_mul_overflow(size, nmemb, &want) || want > have)
		want = have;
	memcpy(p, h->f->data + h->pos, want);
	h->pos += want;
	drop_behind(h->f, h->pos);
	return want / size;
}

static SAOffset
mem_fwrite(void *p, SAOffset size, SAOffset nmemb, SAFile fp)
{
	(void)p;
	(void)size;
	(void)nmemb;
	(void)fp;
	return 0;
}

static SAOffset
mem_fseek(SAFile fp, SAOffset off, int whence)
{
	struct mem_handle *h = (struct mem_handle *)(void *)fp;
	size_t base;

	switch (whence) {
	case SEEK_SET:
		h->pos = off;
		return 0;
	case SEEK_CUR:
		base = h->pos;
		break;
	case SEEK_END:
		base = h->f->len;
		break;
	default:
		return (SAOffset)-1;
	}
	/* SAOffset is unsigned: a backward seek arrives wrapped around. */
	if (off > LONG_MAX && (SAOffset)0 - off > base)
		return (SAOffset)-1;
	h->pos = base + off;
	return 0;
}

static SAOffset
mem_ftell(SAFile fp)
{
	return ((struct mem_handle *)(void *)fp)->pos;
}

static int
mem_fflush(SAFile fp)
{
	(void)fp;
	return 0;
}

static int
mem_fclose(SAFile fp)
{
	free(fp);
	return 0;
}

static int
mem_remove(const char *name)
{
	(void)name;
	return -1;
}

static void
hooks_init(SAHooks *h)
{
	if (c_locale == (locale_t)0 &&
	    (c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0)) == (locale_t)0)
		die("out of memory");
	SASetupDefaultHooks(h);
	h->FOpen = mem_fopen;
	h->FRead = mem_fread;
	h->FWrite = mem_fwrite;
	h->FSeek = mem_fseek;
	h->FTell = mem_ftell;
	h->FFlush = mem_fflush;
	h->FClose = mem_fclose;
	h->Remove = mem_remove;
	h->Error = hook_error;
	h->Atof = hook_atof;
}

/* Length of s without its extension, stripped the way shapelib 1.5 does. */
static size_t
stem_len(const char *s)
{
	size_t i, n = strlen(s);

	for (i = n; i-- > 1 && s[i] != '/' && s[i] != '\\';)
		if (s[i] == '.')
			return i;
	return n;
}

static const char *
type_name(int t)
{
	switch (t) {
	case SHPT_NULL:		return "Null";
	case SHPT_POINT:	return "Point";
	case SHPT_ARC:		return "Arc";
	case SHPT_POLYGON:	return "Polygon";
	case SHPT_MULTIPOINT:	return "MultiPoint";
	case SHPT_POINTZ:	return "PointZ";
	case SHPT_ARCZ:		return "ArcZ";
	case SHPT_POLYGONZ:	return "PolygonZ";
	case SHPT_MULTIPOINTZ:	return "MultiPointZ";
	case SHPT_POINTM:	return "PointM";
	case SHPT_ARCM:		return "ArcM";
	case SHPT_POLYGONM:	return "PolygonM";
	case SHPT_MULTIPOINTM:	return "MultiPointM";
	case SHPT_MULTIPATCH:	return "MultiPatch";
	default:		return "unknown";
	}
}

static int
kind_of(int t, enum geo_kind *kind)
{
	switch (t) {
	case SHPT_POINT:
	case SHPT_POINTZ:
	case SHPT_POINTM:
	case SHPT_MULTIPOINT:
	case SHPT_MULTIPOINTZ:
	case SHPT_MULTIPOINTM:
		*kind = GEO_POINT;
		return 0;
	case SHPT_ARC:
	case SHPT_ARCZ:
	case SHPT_ARCM:
		*kind = GEO_LINE;
		return 0;
	case SHPT_POLYGON:
	case SHPT_POLYGONZ:
	case SHPT_POLYGONM:
		*kind = GEO_POLY;
		return 0;
	default:
		return -1;
	}
}

/*
 * iconv descriptor from the .cpg's code page to UTF-8, or (iconv_t)-1 for
 * "already UTF-8". The LDID byte is ignored: shapelib's own DBFCreate()
 * stamps LDID/87 on files in any encoding. Unknown names fall back to UTF-8
 * too; the sanitiser then shows bad bytes as U+FFFD.
 */
static iconv_t
cpg_open(const char *cp)
{
	char name[48], norm[32];
	size_t i, n = 0, k = 0;
	int digits = 1;

	if (cp == NULL || strncmp(cp, "LDID/", 5) == 0)
		return (iconv_t)-1;
	for (i = 0; cp[i] != '\0'; i++) {
		unsigned char c = (unsigned char)cp[i];

		if (n + 1 >= sizeof norm)
			return (iconv_t)-1;
		if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
		    (c >= 'a' && c <= 'z') || c == '-' || c == '_') {
			name[n++] = (char)c;
			if (c == '-' || c == '_')
				continue;
			norm[k++] = (char)(c >= 'a' && c <= 'z' ? c - 32 : c);
			if (c < '0' || c > '9')
				digits = 0;
		} else if (c != ' ' && c != '\t' && c != 0xef && c != 0xbb &&
		    c != 0xbf)		/* blanks and a UTF-8 BOM */
			return (iconv_t)-1;	/* keeps "//" suffixes from iconv */
	}
	name[n] = norm[k] = '\0';
	if (k == 0 || strcmp(norm, "UTF8") == 0 || strcmp(norm, "65001") == 0)
		return (iconv_t)-1;
	/* ArcGIS writes "ANSI 1252", "1252", "8859_1", "ISO 88591". */
	if (strncmp(norm, "ANSI", 4) == 0 && norm[4] != '\0' &&
	    strspn(norm + 4, "0123456789") == strlen(norm + 4))
		snprintf(name, sizeof name, "CP%s", norm + 4);
	else if (strncmp(norm, "ISO8859", 7) == 0 && norm[7] != '\0')
		snprintf(name, sizeof name, "ISO-8859-%s", norm + 7);
	else if (digits && strncmp(norm, "8859", 4) == 0 && norm[4] != '\0')
		snprintf(name, sizeof name, "ISO-8859-%s", norm + 4);
	else if (digits)
		snprintf(name, sizeof name, "CP%s", norm);
	return iconv_open("UTF-8", name);
}

/* An attribute value as sanitised UTF-8. */
static char *
attr_text(iconv_t cd, const char *s)
{
	size_t len = strlen(s), cap, inleft, outleft, i;
	char *buf, *in, *out, *r;

	/* Printable ASCII is what the sanitiser would return unchanged. */
	for (i = 0; i < len && s[i] >= 0x20 && s[i] < 0x7f; i++)
		;
	if (i == len && len <= MAX_LABEL)
		return xstrndup(s, len);
	if (cd == (iconv_t)-1)
		return text_sanitize(s, len, MAX_LABEL);
	cap = len * 4 + 16;
	buf = xmalloc(cap);
	in = (char *)s;
	inleft = len;
	out = buf;
	outleft = cap;
	iconv(cd, NULL, NULL, NULL, NULL);
	while (inleft > 0) {
		if (iconv(cd, &in, &inleft, &out, &outleft) != (size_t)-1)
			break;
		if (errno == E2BIG) {
			size_t used = (size_t)(out - buf);

			buf = xreallocarray(buf, cap, 2);
			cap *= 2;
			out = buf + used;
			outleft = cap - used;
			continue;
		}
		/* EILSEQ, EINVAL: one U+FFFD per bad byte, as the sanitiser does. */
		if (outleft < 3)
			break;
		memcpy(out, "\xef\xbf\xbd", 3);
		out += 3;
		outleft -= 3;
		in++;
		inleft--;
	}
	r = text_sanitize(buf, (size_t)(out - buf), MAX_LABEL);
	free(buf);
	return r;
}

/* DBF conventions for an unset value, by field type. */
static int
attr_is_null(char type, const char *s)
{
	while (*s == ' ')
		s++;
	switch (type) {
	case 'N':
	case 'F':
		return *s == '*' || *s == '\0';
	case 'D':
		return *s == '\0' || strncmp(s, "00000000", 8) == 0;
	case 'L':
		return *s == '?' || *s == '\0';
	default:
		return 0;
	}
}

struct loader {
	char		*path;		/* sanitised, for messages */
	char		*dbf_path;	/* the same with .dbf */
	SHPHandle	 shp;
	DBFHandle	 dbf;
	iconv_t		 cd;
	char		*ftypes;	/* DBF field types */
	struct geo_layer *l;
	size_t		 nrec;
	size_t		 cap_shapes, cap_parts, cap_pts;
	uint32_t	*recno;		/* record of each kept shape */
	size_t		 nnull;		/* null or empty records skipped */
	size_t		 ndegenerate;	/* polygon rings under 3 vertices skipped */
	size_t		 nflat;		/* records skipped for having only those */
	char		**cause;
};

static int __attribute__((format(printf, 3, 4)))
fail(struct loader *ld, long rec, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	xvasprintf(&msg, fmt, ap);
	va_end(ap);
	if (rec >= 0)
		xasprintf(ld->cause, "%s: shape %ld: %s", ld->path, rec, msg);
	else
		xasprintf(ld->cause, "%s: %s", ld->path, msg);
	free(msg);
	return -1;
}

/* "FILE: what", then shapelib's own words if it said anything. */
static int
fail_lib(struct loader *ld, const char *file, const char *what)
{
	char *lib;

	if (err_len == 0) {
		xasprintf(ld->cause, "%s: %s", file, what);
		return -1;
	}
	lib = text_sanitize(err_text, err_len, sizeof err_text);
	xasprintf(ld->cause, "%s: %s: %s", file, what, lib);
	free(lib);
	return -1;
}

static int
check_lonlat(struct loader *ld, long rec, double x, double y)
{
	if (!isfinite(x) || !isfinite(y))
		return fail(ld, rec, "coordinate is not finite (%g, %g)", x, y);
	if (fabs(x) > 180 || fabs(y) > 90)
		return fail(ld, rec,
		    "coordinate out of lon/lat range (%g, %g)", x, y);
	return 0;
}

/* Index of the first point failing check_lonlat(), or n. */
static size_t
first_bad(const double *x, const double *y, size_t n, int geographic)
{
	size_t i;

	if (geographic) {
		/* False for NaN too. */
		for (i = 0; i < n; i++)
			if (!(fabs(x[i]) <= 180) || !(fabs(y[i]) <= 90))
				return i;
		return n;
	}
	for (i = 0; i < n; i++)
		if (!isfinite(x[i]) || !isfinite(y[i]))
			return i;
	return n;
}

static int
add_attrs(struct loader *ld, int rec)
{
	struct geo_layer *l = ld->l;
	char **slot;
	size_t f;

	if (l->nfields == 0)
		return 0;
	slot = l->attrs + l->nshapes * l->nfields;
	for (f = 0; f < l->nfields; f++) {
		const char *s;

		err_reset();
		if ((s = DBFReadStringAttribute(ld->dbf, rec, (int)f)) == NULL) {
			char what[64];

			while (f-- > 0)
				free(slot[f]);
			snprintf(what, sizeof what, "record %d: unreadable", rec);
			return fail_lib(ld, ld->dbf_path, what);
		}
		slot[f] = attr_is_null(ld->ftypes[f], s) ? xstrdup("") :
		    attr_text(ld->cd, s);
	}
	return 0;
}

static int end_shape(struct loader *, int, size_t, const struct geo_bbox *);

/* Appends record rec's geometry as one shape; 1 if nothing was kept. */
static int
add_shape(struct loader *ld, int rec, const SHPObject *o, int geographic)
{
	struct geo_layer *l = ld->l;
	struct geo_bbox box;
	size_t nv = (size_t)o->nVertices, np, p, i, start, end, first_part;
	int one_part = l->kind == GEO_POINT || o->nParts <= 0;

	np = one_part ? 1 : (size_t)o->nParts;
	if ((i = first_bad(o->padfX, o->padfY, nv, geographic)) < nv) {
		check_lonlat(ld, rec, o->padfX[i], o->padfY[i]);
		return -1;
	}
	if (!one_part) {
		if (o->panPartStart[0] != 0)
			return fail(ld, rec, "part 0 starts at vertex %d, not 0",
			    o->panPartStart[0]);
		for (p = 1; p < np; p++) {
			int s = o->panPartStart[p];

			if (s <= o->panPartStart[p - 1] || (size_t)s >= nv)
				return fail(ld, rec, "part %zu starts at vertex "
				    "%d, out of order or past the last (%zu)",
				    p, s, nv - 1);
		}
	}
	/* A ring may gain a closing vertex, hence nv + np. */
	if (nv + np > SHP_MAX_VERTICES - l->npts)
		return fail(ld, -1, "more than %d vertices", SHP_MAX_VERTICES);
	xgrow(&l->pts, &ld->cap_pts, l->npts + nv + np, sizeof *l->pts);
	xgrow(&l->parts, &ld->cap_parts, l->nparts + np + 1, sizeof *l->parts);
	first_part = l->nparts;
	geo_bbox_empty(&box);
	for (p = 0; p < np; p++) {
		struct geo_pt *pt;

		start = one_part ? 0 : (size_t)o->panPartStart[p];
		end = one_part || p + 1 == np ? nv :
		    (size_t)o->panPartStart[p + 1];
		if (l->kind == GEO_POLY && end - start < 3) {
			ld->ndegenerate++;
			continue;
		}
		l->parts[l->nparts++] = (uint32_t)l->npts;
		pt = l->pts + l->npts;
		/* the box on the way: the copy waits on memory anyway */
		for (i = start; i < end; i++, pt++) {
			double x = o->padfX[i], y = o->padfY[i];

			pt->x = x;
			pt->y = y;
			box.x0 = x < box.x0 ? x : box.x0, box.x1 = x > box.x1 ? x : box.x1;
			box.y0 = y < box.y0 ? y : box.y0, box.y1 = y > box.y1 ? y : box.y1;
		}
		/* Rings are closed: the last vertex repeats the first. */
		if (l->kind == GEO_POLY && (o->padfX[start] != o->padfX[end - 1] ||
		    o->padfY[start] != o->padfY[end - 1])) {
			pt->x = o->padfX[start];
			pt->y = o->padfY[start];
			pt++;
		}
		l->npts = (size_t)(pt - l->pts);
	}
	return end_shape(ld, rec, first_part, &box);
}

/*
 * Records the parts added since first_part as shape rec, with its box and
 * attributes; 1 if there are none (nothing kept).
 */
static int
end_shape(struct loader *ld, int rec, size_t first_part, const struct geo_bbox *box)
{
	struct geo_layer *l = ld->l;

	if (l->nparts == first_part)
		return 1;
	if (l->nshapes == ld->cap_shapes) {
		size_t n = ld->cap_shapes < 32 ? 64 : ld->cap_shapes * 2;

		if (n > ld->nrec)
			n = ld->nrec;
		l->shapes = xreallocarray(l->shapes, n, sizeof *l->shapes);
		ld->recno = xreallocarray(ld->recno, n, sizeof *ld->recno);
		if (l->nfields > 0)
			l->attrs = xreallocarray(l->attrs, n,
			    l->nfields * sizeof *l->attrs);
		ld->cap_shapes = n;
	}
	if (add_attrs(ld, rec) != 0)
		return -1;
	l->shapes[l->nshapes].bbox = *box;
	geo_bbox_union(&l->bbox, box);
	l->shapes[l->nshapes].first_part = (uint32_t)first_part;
	l->shapes[l->nshapes].nparts = (uint32_t)(l->nparts - first_part);
	ld->recno[l->nshapes] = (uint32_t)rec;
	l->nshapes++;
	return 0;
}

static void
load_fields(struct loader *ld)
{
	struct geo_layer *l = ld->l;
	char name[XBASE_FLDNAME_LEN_READ + 21];
	int i, n = DBFGetFieldCount(ld->dbf);

	if (n <= 0)
		return;
	l->fields = xcalloc((size_t)n, sizeof *l->fields);
	ld->ftypes = xcalloc((size_t)n, 1);
	for (i = 0; i < n; i++) {
		memset(name, 0, sizeof name);
		DBFGetFieldInfo(ld->dbf, i, name, NULL, NULL);
		ld->ftypes[i] = DBFGetNativeFieldType(ld->dbf, i);
		l->fields[i] = text_sanitize(name, strlen(name), MAX_LABEL);
		l->nfields++;
	}
}

static int
reproject(struct loader *ld, const char *prj)
{
	struct geo_layer *l = ld->l;
	size_t s, p, i;
	char *pc, *clean;

	if (prj_to_lonlat(prj, l->pts, l->npts, &pc) != 0) {
		clean = text_sanitize(pc, strlen(pc), MAX_PATH_BYTES);
		free(pc);
		xasprintf(ld->cause, "%s: %s", ld->path, clean);
		free(clean);
		return -1;
	}
	for (s = 0; s < l->nshapes; s++) {
		const struct geo_shape *sh = &l->shapes[s];

		for (p = sh->first_part; p < sh->first_part + sh->nparts; p++)
			for (i = l->parts[p]; i < l->parts[p + 1]; i++)
				if (check_lonlat(ld, (long)ld->recno[s],
				    l->pts[i].x, l->pts[i].y) != 0)
					return -1;
	}
	return 0;
}

static uint32_t
le32(const char *p)
{
	const unsigned char *b = (const unsigned char *)p;

	return (uint32_t)b[3] << 24 | (uint32_t)b[2] << 16 | (uint32_t)b[1] << 8 |
	    b[0];
}

static uint32_t
be32(const char *p)
{
	const unsigned char *b = (const unsigned char *)p;

	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 |
	    b[3];
}

/*
 * A polygon or polyline record read in place, in the mapped .shp, rather
 * than through shapelib's copies of it: with the checks SHPReadObject()
 * makes, made here. A record that fails one, or would fail one of
 * add_shape()'s but a coordinate's, or is of another kind, is left to
 * shapelib and add_shape(), so that what is reported stays theirs.
 */
struct raw {
	size_t		 nparts, nverts;
	const char	*starts;	/* nparts little-endian int32 */
	const char	*xy;		/* nverts pairs of little-endian doubles */
};

static int
raw_record(const struct loader *ld, int rec, int type, struct raw *r)
{
	const struct mem_file *f = &served[F_SHP];
	const char *p;
	uint64_t off, size, need;
	uint32_t np, nv, i;
	int32_t t, start, prev = 0;

	if (__BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__ || f->data == NULL ||
	    ld->shp->panRecOffset[rec] == 0)
		return -1;
	off = ld->shp->panRecOffset[rec];
	size = (uint64_t)ld->shp->panRecSize[rec] + 8;
	if (size < 52 || off > f->len || size > f->len - off)
		return -1;
	p = f->data + off;
	memcpy(&t, p + 8, 4);
	memcpy(&np, p + 44, 4);
	memcpy(&nv, p + 48, 4);
	/* the .shx and .shp lengths agree, and the record is what the file holds */
	if ((uint64_t)be32(p + 4) * 2 + 8 != size || t != type ||
	    (t != SHPT_POLYGON && t != SHPT_ARC && t != SHPT_POLYGONZ && t != SHPT_ARCZ &&
	    t != SHPT_POLYGONM && t != SHPT_ARCM) ||
	    nv == 0 || nv > 50000000 || np > 10000000)
		return -1;
	need = 52 + 4 * (uint64_t)np + 16 * (uint64_t)nv;
	if (t == SHPT_POLYGONZ || t == SHPT_ARCZ)
		need += 16 + 8 * (uint64_t)nv;
	if (need > size || (uint64_t)nv + (np ? np : 1) > SHP_MAX_VERTICES - ld->l->npts)
		return -1;
	for (i = 0; i < np; i++) {
		memcpy(&start, p + 52 + 4 * (size_t)i, 4);
		if (start < 0 || (uint32_t)start >= nv || (i == 0 && start != 0) ||
		    (i > 0 && start <= prev))
			return -1;
		prev = start;
	}
	r->nparts = np;
	r->nverts = nv;
	r->starts = p + 52;
	r->xy = p + 52 + 4 * (size_t)np;
	return 0;
}

/* Vertex i of a raw record. */
static struct geo_pt
raw_pt(const struct raw *r, size_t i)
{
	struct geo_pt v;

	memcpy(&v, r->xy + 16 * i, 16);
	return v;
}

/*
 * add_shape() of a raw record: each vertex read once, checked, boxed and
 * stored on the way. Only a coordinate can be wrong now, and the first
 * wrong one in the record is the one reported.
 */
static int
add_raw_shape(struct loader *ld, int rec, const struct raw *r, int geographic)
{
	struct geo_layer *l = ld->l;
	struct geo_bbox box;
	size_t np = r->nparts ? r->nparts : 1, p, i, start, end, first_part;

	xgrow(&l->pts, &ld->cap_pts, l->npts + r->nverts + np, sizeof *l->pts);
	xgrow(&l->parts, &ld->cap_parts, l->nparts + np + 1, sizeof *l->parts);
	first_part = l->nparts;
	geo_bbox_empty(&box);
	for (p = 0; p < np; p++) {
		struct geo_pt *pt = l->pts + l->npts;
		double x0 = box.x0, x1 = box.x1, y0 = box.y0, y1 = box.y1;
		int32_t s;
		int keep;

		memcpy(&s, r->starts + 4 * p, 4);
		start = r->nparts ? (size_t)s : 0;
		if (p + 1 < np)
			memcpy(&s, r->starts + 4 * (p + 1), 4);
		end = p + 1 < np ? (size_t)s : r->nverts;
		keep = l->kind != GEO_POLY || end - start >= 3;
		i = start;
#ifdef __SSE2__
		/*
		 * The common case, lon/lat kept, two lanes at once: the same
		 * checks and the same box (min and max take the box's value on a
		 * tie, as the comparisons below do); it stops short of a vertex
		 * out of range, which the loop below then reports.
		 */
		if (geographic && keep) {
			const __m128d lim = _mm_set_pd(90, 180), sign = _mm_set1_pd(-0.0);
			__m128d lo = _mm_set_pd(y0, x0), hi = _mm_set_pd(y1, x1);

			for (; i < end; i++) {
				__m128d v = _mm_loadu_pd((const double *)(const void *)(r->xy + 16 * i));

				if (_mm_movemask_pd(_mm_cmple_pd(_mm_andnot_pd(sign, v), lim)) != 3)
					break;
				_mm_storeu_pd((double *)(void *)pt++, v);
				lo = _mm_min_pd(v, lo);
				hi = _mm_max_pd(v, hi);
			}
			x0 = _mm_cvtsd_f64(lo), y0 = _mm_cvtsd_f64(_mm_unpackhi_pd(lo, lo));
			x1 = _mm_cvtsd_f64(hi), y1 = _mm_cvtsd_f64(_mm_unpackhi_pd(hi, hi));
		}
#endif
		for (; i < end; i++) {
			struct geo_pt v = raw_pt(r, i);

			if (geographic ? !(fabs(v.x) <= 180) || !(fabs(v.y) <= 90) :
			    !isfinite(v.x) || !isfinite(v.y)) {
				check_lonlat(ld, rec, v.x, v.y);
				return -1;
			}
			if (!keep)
				continue;
			*pt++ = v;
			x0 = v.x < x0 ? v.x : x0, x1 = v.x > x1 ? v.x : x1;
			y0 = v.y < y0 ? v.y : y0, y1 = v.y > y1 ? v.y : y1;
		}
		if (!keep) {
			ld->ndegenerate++;
			continue;
		}
		box.x0 = x0, box.x1 = x1, box.y0 = y0, box.y1 = y1;
		l->parts[l->nparts++] = (uint32_t)l->npts;
		/* Rings are closed: the last vertex repeats the first. */
		if (l->kind == GEO_POLY) {
			struct geo_pt a = raw_pt(r, start), b = raw_pt(r, end - 1);

			if (a.x != b.x || a.y != b.y)
				*pt++ = a;
		}
		l->npts = (size_t)(pt - l->pts);
	}
	return end_shape(ld, rec, first_part, &box);
}

static int in_place = 1;

void
shp_read_in_place(int on)
{
	in_place = on;
}

static int
load_records(struct loader *ld, int nrec, int type, int geographic)
{
	struct geo_layer *l = ld->l;
	struct raw raw;
	SHPObject *o;
	int rec, r;

	for (rec = 0; rec < nrec; rec++) {
		if (in_place && raw_record(ld, rec, type, &raw) == 0) {
			if ((r = add_raw_shape(ld, rec, &raw, geographic)) < 0)
				return -1;
			if (r > 0)
				ld->nflat++;
			drop_behind(&served[F_SHP], (size_t)(raw.xy - served[F_SHP].data) +
			    16 * raw.nverts);
			continue;
		}
		err_reset();
		if ((o = SHPReadObject(ld->shp, rec)) == NULL) {
			char what[64];

			snprintf(what, sizeof what, "shape %d: unreadable record", rec);
			return fail_lib(ld, ld->path, what);
		}
		if (o->nSHPType != SHPT_NULL && o->nSHPType != type) {
			fail(ld, rec, "%s record in a %s file",
			    type_name(o->nSHPType), type_name(type));
			SHPDestroyObject(o);
			return -1;
		}
		if (o->nSHPType == SHPT_NULL || o->nVertices <= 0) {
			ld->nnull++;
			r = 0;
		} else if ((r = add_shape(ld, rec, o, geographic)) > 0)
			ld->nflat++;
		SHPDestroyObject(o);
		if (r < 0)
			return -1;
	}
	l->parts[l->nparts] = (uint32_t)l->npts;
	return 0;
}

/*
 * The headers, before shapelib trusts them: it reads neither the .shp file
 * code nor its length, and allocates for as many records as the .shx length
 * claims before finding out whether they are there.
 */
static int
check_headers(struct loader *ld)
{
	int stem = (int)stem_len(ld->path), i;
	uint64_t claim;

	for (i = F_SHP; i <= F_SHX; i++) {
		const struct mem_file *f = &served[i];
		const char *ext = file_ext[i];

		if (f->data == NULL)
			continue;	/* shapelib names the missing file */
		if (f->len < 100)
			return xasprintf(ld->cause, "%.*s.%s: not a shapefile: %zu "
			    "bytes, shorter than the 100-byte header", stem,
			    ld->path, ext, f->len), -1;
		if (be32(f->data) != 9994)
			return xasprintf(ld->cause, "%.*s.%s: not a shapefile: file "
			    "code %" PRIu32 ", expected 9994", stem, ld->path, ext,
			    be32(f->data)), -1;
		claim = (uint64_t)be32(f->data + 24) * 2;
		if (claim < 100 || claim > f->len)
			return xasprintf(ld->cause, "%.*s.%s: %s: the header says %"
			    PRIu64 " bytes, the file has %zu", stem, ld->path, ext,
			    claim < 100 ? "corrupt header" : "truncated", claim,
			    f->len), -1;
		if (i == F_SHX && (claim - 100) / 8 > SHP_MAX_SHAPES)
			return xasprintf(ld->cause, "%.*s.shx: %" PRIu64 " shapes, "
			    "more than %d", stem, ld->path, (claim - 100) / 8,
			    SHP_MAX_SHAPES), -1;
	}
	if (served[F_SHX].data != NULL && memcmp(served[F_SHP].data + 32,
	    served[F_SHX].data + 32, 4) != 0)
		return fail(ld, -1, "the .shp header says %s shapes, the .shx %s",
		    type_name((int)le32(served[F_SHP].data + 32)),
		    type_name((int)le32(served[F_SHX].data + 32)));
	return 0;
}

/*
 * The shared loader over the files in served[]. path names the layer in
 * messages; prj is the .prj text or NULL.
 */
static struct geo_layer *
load(const char *path, const char *prj, char **cause)
{
	struct loader ld;
	struct geo_layer *l;
	SAHooks hooks;
	double mn[4], mx[4];
	size_t stem, base, hint;
	int nrec, type, geographic;

	memset(&ld, 0, sizeof ld);
	ld.cd = (iconv_t)-1;
	ld.cause = cause;
	ld.path = text_sanitize(path, strlen(path), MAX_PATH_BYTES);
	ld.l = l = xcalloc(1, sizeof *l);
	geo_bbox_empty(&l->bbox);
	l->path = xstrdup(ld.path);
	stem = stem_len(ld.path);
	xasprintf(&ld.dbf_path, "%.*s.dbf", (int)stem, ld.path);
	for (base = stem; base > 0 && ld.path[base - 1] != '/'; base--)
		;
	l->name = xstrndup(ld.path + base, stem - base);
	geographic = prj == NULL || prj_wkt_is_wgs84(prj);
	hooks_init(&hooks);

	if (served[F_SHP].data != NULL && check_headers(&ld) != 0)
		goto fail;
	/* shapelib swaps the extension; the hooks look only at that. */
	err_reset();
	if ((ld.shp = SHPOpenLL(ld.path, "rb", &hooks)) == NULL) {
		fail_lib(&ld, ld.path, "cannot open");
		goto fail;
	}
	/*
	 * One buffer for every record, grown to the largest: not four arrays
	 * allocated and zeroed per record. It halves the time a large layer
	 * takes to read, most of which was page faults on new memory.
	 */
	SHPSetFastModeReadObject(ld.shp, 1);
	SHPGetInfo(ld.shp, &nrec, &type, mn, mx);
	if (kind_of(type, &l->kind) != 0) {
		fail(&ld, -1, "unsupported shape type %d (%s)", type,
		    type_name(type));
		goto fail;
	}
	if (nrec < 0 || nrec > SHP_MAX_SHAPES) {
		fail(&ld, -1, "%d shapes, more than %d", nrec, SHP_MAX_SHAPES);
		goto fail;
	}
	ld.nrec = (size_t)nrec;
	if (served[F_DBF].data != NULL) {
		err_reset();
		if ((ld.dbf = DBFOpenLL(ld.path, "rb", &hooks)) == NULL) {
			fail_lib(&ld, ld.dbf_path, "cannot open");
			goto fail;
		}
		if (DBFGetRecordCount(ld.dbf) != nrec) {
			fail(&ld, -1, "%d records in .shp but %d in .dbf", nrec,
			    DBFGetRecordCount(ld.dbf));
			goto fail;
		}
		load_fields(&ld);
		if (l->nfields > 0 && ld.nrec > MAX_CELLS / l->nfields) {
			fail(&ld, -1, "%d records of %zu fields, more than %d "
			    "values", nrec, l->nfields, MAX_CELLS);
			goto fail;
		}
		ld.cd = cpg_open(DBFGetCodePage(ld.dbf));
	}

	/*
	 * Each vertex takes 16 bytes or more: reserve once, trim at the end.
	 * By the header's length, not the file's: junk past the records
	 * reserves nothing.
	 */
	hint = (size_t)be32(served[F_SHP].data + 24) * 2 / 16;
	xgrow(&l->pts, &ld.cap_pts, hint < SHP_MAX_VERTICES ? hint :
	    SHP_MAX_VERTICES, sizeof *l->pts);
	xgrow(&l->parts, &ld.cap_parts, 1, sizeof *l->parts);
	if (load_records(&ld, nrec, type, geographic) != 0)
		goto fail;
	/* an empty map must not pass for a drawn one */
	if (l->nshapes == 0) {
		const char *rs = nrec == 1 ? "" : "s";

		if (nrec == 0)
			fail(&ld, -1, "no shapes to draw: the layer has no records");
		else if (ld.nflat == 0)
			fail(&ld, -1, "no shapes to draw: %d record%s, all null or "
			    "empty", nrec, rs);
		else if (ld.nnull == 0)
			fail(&ld, -1, "no shapes to draw: %d record%s, all polygons "
			    "of under 3 vertices", nrec, rs);
		else
			fail(&ld, -1, "no shapes to draw: %d records, %zu null or "
			    "empty, %zu polygon%s of under 3 vertices", nrec,
			    ld.nnull, ld.nflat, ld.nflat == 1 ? "" : "s");
		goto fail;
	}
	l->pts = xreallocarray(l->pts, l->npts, sizeof *l->pts);
	if (!geographic) {
		if (reproject(&ld, prj) != 0)
			goto fail;
		geo_layer_update_bbox(l);
	}
	goto done;

fail:
	geo_layer_free(l);
	l = NULL;
done:
	if (ld.shp != NULL)
		SHPClose(ld.shp);
	if (ld.dbf != NULL)
		DBFClose(ld.dbf);
	if (ld.cd != (iconv_t)-1)
		iconv_close(ld.cd);
	free(ld.ftypes);
	free(ld.recno);
	free(ld.dbf_path);
	free(ld.path);
	return l;
}

/* 1 if the .prj says nothing: treated as absent, hence geographic. */
static int
prj_blank(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
			return 0;
	return 1;
}

/* "ext" in the case pattern of model ("Shp" makes "Dbf"), or as it is. */
static void
ext_like(char out[4], const char *ext, const char *model)
{
	int i;

	for (i = 0; i < 3; i++) {
		unsigned char m = model != NULL ? (unsigned char)model[i] : 'a';

		out[i] = m >= 'A' && m <= 'Z' && ext[i] >= 'a' && ext[i] <= 'z' ?
		    (char)(ext[i] - 'a' + 'A') : ext[i];
	}
	out[3] = '\0';
}

void
shp_layer_files(const char *path, char *files[SHP_NFILES])
{
	static const char *const ext[SHP_NFILES] = { "shp", "shx", "dbf", "prj", "cpg" };
	size_t stem = stem_len(path), i;
	const char *given = path[stem] == '.' && strlen(path + stem + 1) == 3 ?
	    path + stem + 1 : NULL;
	char cand[3][4];
	struct stat st;
	int k;

	for (i = 0; i < SHP_NFILES; i++) {
		/* the case the user typed, then lower, then upper case */
		ext_like(cand[0], ext[i], given);
		ext_like(cand[1], ext[i], NULL);
		ext_like(cand[2], ext[i], "SHP");
		files[i] = NULL;
		for (k = 0; k < 3 && files[i] == NULL; k++) {
			xasprintf(&files[i], "%.*s.%s", (int)stem, path, cand[k]);
			/* only "not there" moves on: EACCES is the loader's to report */
			if (stat(files[i], &st) != 0 && errno == ENOENT) {
				free(files[i]);
				files[i] = NULL;
			}
		}
		if (files[i] == NULL)	/* absent: named as first looked for */
			xasprintf(&files[i], "%.*s.%s", (int)stem, path, cand[0]);
	}
}

/*
 * Reads a part of the layer, a regular file (shapelib seeks in it; a FIFO
 * or device is refused before it is read), into *buf, or maps it when
 * mapped is not NULL: a loader touching a few records of a huge or sparse
 * file then costs a few pages. *buf stays NULL when the file does not exist
 * and !required. *cause is sanitised.
 */
static int
read_part(const char *name, size_t max, int required, char **buf, size_t *len,
    int *mapped, char **cause)
{
	struct stat st;
	char *c;
	void *p;
	int fd, r;

	*buf = NULL;
	*len = 0;
	if (mapped != NULL)
		*mapped = 0;
	if ((fd = util_open_input(name, max, UTIL_IN_REGULAR, &st, &c)) == -1) {
		if (!required && errno == ENOENT) {
			free(c);
			return 0;
		}
		goto fail;
	}
	if (mapped != NULL && st.st_size > 0) {
		p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
		if (p != MAP_FAILED) {
			close(fd);
			*buf = p;
			*len = (size_t)st.st_size;
			*mapped = 1;
			return 0;
		}
	}
	r = util_read_fd(fd, name, max, buf, len, &c);
	close(fd);
	if (r == 0)
		return 0;
fail:
	*cause = text_sanitize(c, strlen(c), MAX_PATH_BYTES + 256);
	free(c);
	return -1;
}

/* A mapped file cut short by another process faults: an error, not a crash. */
static char	 bus_msg[MAX_PATH_BYTES + 64];
static size_t	 bus_len;

static void
on_bus(int sig)
{
	(void)sig;
	if (write(STDERR_FILENO, bus_msg, bus_len) < 0)
		_exit(EXIT_DATA);
	_exit(EXIT_DATA);
}

/* The .prj's text, or NULL if it says nothing; a UTF-8 BOM (as some tools write) is skipped. */
static char *
prj_text(const char *s, size_t len)
{
	if (s == NULL)
		return NULL;
	if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		s += 3, len -= 3;
	return prj_blank(s, len) ? NULL : xstrndup(s, len);
}

struct geo_layer *
shp_load(const char *path, char **cause)
{
	static const size_t max[F_COUNT] = {
		MAX_FILE, MAX_FILE, MAX_FILE, MAX_CPG
	};
	/* served[] order: .shp, .shx, .dbf, .cpg */
	static const int part[F_COUNT] = { SHP_FILE_SHP, SHP_FILE_SHX, SHP_FILE_DBF,
	    SHP_FILE_CPG };
	struct geo_layer *l = NULL;
	struct sigaction sa, old_bus;
	char *buf[F_COUNT] = { NULL }, *prj_raw = NULL, *prj = NULL, *clean;
	char *files[SHP_NFILES];
	size_t len[F_COUNT], prj_len;
	int i, mapped[F_COUNT] = { 0 };

	shp_layer_files(path, files);
	for (i = 0; i < F_COUNT; i++)
		if (read_part(files[part[i]], max[i], i != F_CPG, &buf[i], &len[i],
		    i == F_CPG ? NULL : &mapped[i], cause) != 0)
			goto out;
	if (read_part(files[SHP_FILE_PRJ], SHP_MAX_PRJ, 0, &prj_raw, &prj_len, NULL,
	    cause) != 0)
		goto out;
	prj = prj_text(prj_raw, prj_len);
	for (i = 0; i < F_COUNT; i++) {
		served[i].data = buf[i];
		served[i].len = len[i];
		served[i].mapped = mapped[i];
	}
	clean = text_sanitize(path, strlen(path), MAX_PATH_BYTES);
	snprintf(bus_msg, sizeof bus_msg, "sitmap: %s: the file changed while "
	    "being read\n", clean);
	free(clean);
	bus_len = strlen(bus_msg);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_bus;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGBUS, &sa, &old_bus);
	l = load(path, prj, cause);
	sigaction(SIGBUS, &old_bus, NULL);
	memset(served, 0, sizeof served);
out:
	for (i = 0; i < F_COUNT; i++) {
		if (mapped[i])
			munmap(buf[i], len[i]);
		else
			free(buf[i]);
	}
	for (i = 0; i < SHP_NFILES; i++)
		free(files[i]);
	free(prj_raw);
	free(prj);
	return l;
}

struct geo_layer *
shp_load_mem(const char *name, const void *shp, size_t shp_len,
    const void *shx, size_t shx_len, const void *dbf, size_t dbf_len,
    const char *prj, size_t prj_len, char **cause)
{
	struct geo_layer *l;
	char *wkt = NULL, *clean;

	if (prj != NULL && prj_len > SHP_MAX_PRJ) {
		clean = text_sanitize(name, strlen(name), MAX_PATH_BYTES);
		xasprintf(cause, "%s: .prj is larger than %d bytes", clean,
		    SHP_MAX_PRJ);
		free(clean);
		return NULL;
	}
	wkt = prj_text(prj, prj_len);
	memset(served, 0, sizeof served);
	served[F_SHP].data = shp, served[F_SHP].len = shp_len;
	served[F_SHX].data = shx, served[F_SHX].len = shx_len;
	served[F_DBF].data = dbf, served[F_DBF].len = dbf_len;
	l = load(name, wkt, cause);
	memset(served, 0, sizeof served);
	free(wkt);
	return l;
}

const char *
shp_version(void)
{
#ifdef SHAPELIB_VERSION_MAJOR
#define STR_(x)	#x
#define STR(x)	STR_(x)
	return STR(SHAPELIB_VERSION_MAJOR) "." STR(SHAPELIB_VERSION_MINOR)
	    "." STR(SHAPELIB_VERSION_MICRO);
#else
	return "1.5.0";		/* 1.5 has no version macros; 1.6 added them */
#endif
}

int
shp_peek_bbox(const char *path, struct geo_bbox *b)
{
	unsigned char h[100];
	struct stat st;
	double v[4];
	ssize_t got;
	int fd, i;

	/* O_NONBLOCK: a FIFO would block the open, and be empty for the loader */
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)) == -1)
		return -1;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return -1;
	}
	got = read(fd, h, sizeof h);
	close(fd);
	/* file code 9994, big-endian; the box is four little-endian doubles at 36 */
	if (got != (ssize_t)sizeof h || h[0] != 0 || h[1] != 0 || h[2] != 0x27 || h[3] != 0x0a)
		return -1;
	for (i = 0; i < 4; i++) {
		uint64_t u = 0;
		int k;

		for (k = 7; k >= 0; k--)
			u = u << 8 | h[36 + 8 * i + k];
		memcpy(&v[i], &u, 8);
		if (!isfinite(v[i]))
			return -1;
	}
	b->x0 = v[0];
	b->y0 = v[1];
	b->x1 = v[2];
	b->y1 = v[3];
	return 0;
}

size_t
shp_peek_column(const char *path, const char *field, char ***values)
{
	char *files[SHP_NFILES], *buf = NULL, *err = NULL, **v = NULL;
	size_t len, i, nrec = 0, hlen, rlen, off = 1, flen = 0, n = 0;
	const unsigned char *b;
	int found = 0;

	*values = NULL;
	shp_layer_files(path, files);
	if (util_read_input(files[SHP_FILE_DBF], 64u << 20, UTIL_IN_REGULAR, &buf, &len,
	    &err) != 0)
		goto out;
	b = (const unsigned char *)buf;
	if (len < 32)
		goto out;
	nrec = (size_t)b[4] | (size_t)b[5] << 8 | (size_t)b[6] << 16 | (size_t)b[7] << 24;
	hlen = (size_t)b[8] | (size_t)b[9] << 8;
	rlen = (size_t)b[10] | (size_t)b[11] << 8;
	if (hlen > len || rlen == 0 || nrec > (len - hlen) / rlen)
		goto out;
	/* the field descriptors, 32 bytes each, up to 0x0D */
	for (i = 32; i + 32 <= hlen && b[i] != 0x0d; i += 32) {
		char name[12];

		memcpy(name, b + i, 11);
		name[11] = '\0';
		if (!found && strcasecmp(name, field) == 0) {
			found = 1;
			flen = b[i + 16];
		} else if (!found) {
			off += b[i + 16];
		}
	}
	if (!found || off + flen > rlen)
		goto out;
	v = xcalloc(nrec + 1, sizeof *v);
	for (i = 0; i < nrec; i++) {
		const char *r = buf + hlen + i * rlen, *s = r + off;
		size_t l = flen;

		if (r[0] == '*')	/* deleted */
			continue;
		while (l > 0 && s[l - 1] == ' ')
			l--;
		while (l > 0 && *s == ' ')
			s++, l--;
		v[n++] = text_sanitize(s, l, 256);
	}
	*values = v;
out:
	for (i = 0; i < SHP_NFILES; i++)
		free(files[i]);
	free(buf);
	free(err);
	return n;
}
