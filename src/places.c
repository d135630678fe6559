/* places.c: the places CSV, status vocabulary and name search. */
#include "places.h"

#include <float.h>
#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csv.h"
#include "instream.h"
#include "text.h"
#include "util.h"

#define PLACES_MAX_BYTES	(64u << 20)
#define FIELD_MAX		4096

static const char *const kind_names[PLACE_KIND_COUNT] = {
	"capital", "town", "village", "un-camp", "army-camp", "site",
};

static const char *const status_names[STATUS_COUNT] = {
#define X(id, name, label, ascii, glyph, style) name,
	STATUS_LIST
#undef X
};

static const char *const status_labels[STATUS_COUNT] = {
#define X(id, name, label, ascii, glyph, style) label,
	STATUS_LIST
#undef X
};

const char *
place_kind_name(enum place_kind k)
{
	return k < PLACE_KIND_COUNT ? kind_names[k] : "?";
}

int
status_from_name(const char *s, size_t len)
{
	int i;

	for (i = 0; i < STATUS_COUNT; i++)
		if (strlen(status_names[i]) == len && strncmp(status_names[i], s, len) == 0)
			return i;
	return -1;
}

const char *
status_name(enum status st)
{
	return st < STATUS_COUNT ? status_names[st] : "?";
}

/* the one-line key's words, in STATUS_LIST order */
static const char *const status_words[STATUS_COUNT] = {
	"place", "UN", "UN leaving", "handed", "army", "rebels", "retaken", "attacked",
	"contested", "closed", "rebel group", "pol. militia", "id. militia", "non-state",
	"base",
};

/* a scenario's wording (scenario.conf, status-label), and its key word */
static char *own_label[STATUS_COUNT], *own_word[STATUS_COUNT];

const char *
status_label(enum status st)
{
	if (st >= STATUS_COUNT)
		return "?";
	return own_label[st] != NULL ? own_label[st] : status_labels[st];
}

const char *
status_word(enum status st)
{
	if (st >= STATUS_COUNT)
		return "?";
	return own_word[st] != NULL ? own_word[st] : status_words[st];
}

void
status_set_label(enum status st, const char *label)
{
	const char *open;
	size_t len;

	if (st >= STATUS_COUNT)
		return;
	free(own_label[st]);
	free(own_word[st]);
	own_label[st] = own_word[st] = NULL;
	if (label == NULL)
		return;
	own_label[st] = xstrdup(label);
	len = strlen(label);
	if (len > 2 && label[len - 1] == ')' && (open = strrchr(label, '(')) != NULL &&
	    (size_t)(label + len - 1 - open) > 1)
		own_word[st] = xstrndup(open + 1, (size_t)(label + len - 2 - open));
}

/*
 * A decimal number as data/README writes them: [+-]digits[.digits][e[+-]digits],
 * blanks around it allowed. strtod() alone would also take hex (0x10,
 * 0x1p3), inf and nan, none of which is a coordinate.
 */
static pthread_once_t	 c_once = PTHREAD_ONCE_INIT;
static locale_t		 c_loc;

static void
c_locale(void)
{
	if ((c_loc = newlocale(LC_ALL_MASK, "C", (locale_t)0)) == (locale_t)0)
		die("cannot create the C locale");
}

/*
 * [+-]digits[.digits] (no exponent) without strtod(), when that is exact:
 * at most 19 significant digits making an integer m <= 2^53, and at most
 * 22 after the point, so that m and 10^k are both doubles exactly and one
 * division rounds m / 10^k correctly, as strtod() does (Clinger's fast
 * path). 1 and *out, or 0: strtod() must say. An import reads two such
 * numbers a row, where strtod() was about 2 % of the time.
 */
static int
fast_decimal(const char *s, size_t len, double *out)
{
#if FLT_EVAL_METHOD == 0
	static const double p10[23] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9,
		1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22 };
	uint64_t m = 0;
	size_t i = 0;
	int neg = 0, point = 0, frac = 0, sig = 0;
	double d;

	if (s[0] == '+' || s[0] == '-')
		neg = s[i++] == '-';
	for (; i < len; i++) {
		if (s[i] == '.') {
			point = 1;
			continue;
		}
		if ((sig > 0 || s[i] != '0') && ++sig > 19)
			return 0;
		m = m * 10 + (uint64_t)(s[i] - '0');
		frac += point;
	}
	if (m > (uint64_t)1 << 53 || frac > 22)
		return 0;
	d = (double)m / p10[frac];
	*out = neg ? -d : d;
	return 1;
#else
	(void)s;
	(void)len;
	(void)out;
	return 0;
#endif
}

int
places_parse_double(const char *s, size_t len, double *out)
{
	char buf[64], *end;
	size_t i = 0, digits = 0;
	int exponent = 0;

	while (len > 0 && (*s == ' ' || *s == '\t'))
		s++, len--;
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (i < len && (s[i] == '+' || s[i] == '-'))
		i++;
	for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
		digits++;
	if (i < len && s[i] == '.')
		for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			digits++;
	if (digits == 0)
		return -1;
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		exponent = 1;
		if (++i < len && (s[i] == '+' || s[i] == '-'))
			i++;
		if (i == len || s[i] < '0' || s[i] > '9')
			return -1;
		while (i < len && s[i] >= '0' && s[i] <= '9')
			i++;
	}
	/* strtod needs a C string: longer than any honest number is not one */
	if (i != len || len >= sizeof buf)
		return -1;
	if (!exponent && fast_decimal(s, len, out))
		return 0;
	/* once: the blocks of a large import parse in threads (import.c) */
	pthread_once(&c_once, c_locale);
	memcpy(buf, s, len);
	buf[len] = '\0';
	/* the C locale whatever LC_NUMERIC says */
	*out = strtod_l(buf, &end, c_loc);
	return end == buf + len && isfinite(*out) ? 0 : -1;
}

static char *
field(const struct csv_row *row, int col)
{
	size_t i, len;

	if (col < 0 || (size_t)col >= row->n)
		return xstrdup("");
	/* printable ASCII is what the sanitiser returns unchanged: one exact allocation */
	len = row->len[col];
	for (i = 0; i < len && row->f[col][i] >= 0x20 && row->f[col][i] < 0x7f; i++)
		;
	if (i == len && len <= FIELD_MAX)
		return xstrndup(row->f[col], len);
	return text_sanitize(row->f[col], len, FIELD_MAX);
}

struct places *
places_load_mem(const char *path, const char *buf, size_t len, char **cause)
{
	enum { C_ID, C_NAME, C_ALT, C_LAT, C_LON, C_KIND, C_INITIAL, C_REGION,
	    C_SOURCE, C_NOTE, C_OUTSIDE, C_LABEL, C_COUNT };
	static const struct csv_col cols[C_COUNT] = { { "id", 1 }, { "name", 1 },
	    { "alt", 0 }, { "lat", 1 }, { "lon", 1 }, { "kind", 1 }, { "initial", 0 },
	    { "region", 0 }, { "source", 1 }, { "note", 0 }, { "outside_mali", 0 },
	    { "label", 0 } };
	struct places *pl = xcalloc(1, sizeof *pl);
	struct csv *csv = csv_new(buf, len);
	struct csv_row row;
	int col[C_COUNT], r, v;
	size_t cap = 0, ncols;
	char *err = NULL, *name = text_sanitize(path, strlen(path), 4096);

	/* a spreadsheet may have saved it with ';' or tabs */
	csv_set_delim(csv, csv_sniff(buf, len));

	if ((r = csv_next(csv, &row, &err)) < 0) {
		csv_cause(cause, name, err);
		goto fail;
	}
	if (csv_header(r == 1 ? &row : NULL, cols, C_COUNT, col, name, cause) != 0)
		goto fail;
	ncols = row.n;
	pl->ids = strmap_new();
	while ((r = csv_next(csv, &row, &err)) == 1) {
		struct place *p;
		char *s;

		if (csv_width(&row, ncols, 1, name, cause) != 0)
			goto fail;
		if (pl->n == cap) {
			cap = cap ? cap * 2 : 32;
			pl->v = xreallocarray(pl->v, cap, sizeof *pl->v);
		}
		p = &pl->v[pl->n];
		memset(p, 0, sizeof *p);
		pl->n++;
		p->id = field(&row, col[C_ID]);
		p->name = field(&row, col[C_NAME]);
		p->alt = field(&row, col[C_ALT]);
		p->region = field(&row, col[C_REGION]);
		p->source = field(&row, col[C_SOURCE]);
		p->note = field(&row, col[C_NOTE]);
		p->label = field(&row, col[C_LABEL]);
		if (p->label[0] == '\0') {
			free(p->label);
			p->label = xstrdup(p->name);
		}
		if (p->id[0] == '\0' || p->name[0] == '\0') {
			xasprintf(cause, "%s:%zu: empty %s", name, row.line,
			    p->id[0] == '\0' ? "id" : "name");
			goto fail;
		}
		if (strmap_get(pl->ids, p->id, strlen(p->id)) >= 0) {
			xasprintf(cause, "%s:%zu: duplicate id \"%s\"", name, row.line, p->id);
			goto fail;
		}
		strmap_put(pl->ids, p->id, strlen(p->id), pl->n - 1);
		if (places_parse_double(row.f[col[C_LAT]], row.len[col[C_LAT]], &p->lat_deg) != 0 ||
		    fabs(p->lat_deg) > 90) {
			s = field(&row, col[C_LAT]);
			xasprintf(cause, "%s:%zu: lat \"%s\" is not a latitude", name, row.line, s);
			free(s);
			goto fail;
		}
		if (places_parse_double(row.f[col[C_LON]], row.len[col[C_LON]], &p->lon_deg) != 0 ||
		    fabs(p->lon_deg) > 180) {
			s = field(&row, col[C_LON]);
			xasprintf(cause, "%s:%zu: lon \"%s\" is not a longitude", name, row.line, s);
			free(s);
			goto fail;
		}
		s = field(&row, col[C_KIND]);
		for (v = 0; v < PLACE_KIND_COUNT && strcmp(s, kind_names[v]) != 0; v++)
			;
		if (v == PLACE_KIND_COUNT) {
			xasprintf(cause, "%s:%zu: unknown kind \"%s\"", name, row.line, s);
			free(s);
			goto fail;
		}
		free(s);
		p->kind = (enum place_kind)v;
		p->initial = STATUS_NONE;
		if (col[C_INITIAL] >= 0 && row.len[col[C_INITIAL]] > 0) {
			v = status_from_name(row.f[col[C_INITIAL]], row.len[col[C_INITIAL]]);
			if (v < 0) {
				s = field(&row, col[C_INITIAL]);
				xasprintf(cause, "%s:%zu: unknown status \"%s\"", name, row.line, s);
				free(s);
				goto fail;
			}
			/* a one-day marker of an event, never a standing status */
			if (v == STATUS_ATTACKED) {
				xasprintf(cause, "%s:%zu: initial \"attacked\" is not a status a "
				    "place can start in (it marks an event's day)", name, row.line);
				goto fail;
			}
			p->initial = (enum status)v;
		}
		if (col[C_OUTSIDE] >= 0 && (size_t)col[C_OUTSIDE] < row.n)
			p->outside_mali = row.len[col[C_OUTSIDE]] > 0 && row.f[col[C_OUTSIDE]][0] == '1';
		p->xy.x = p->lon_deg;
		p->xy.y = p->lat_deg;
	}
	if (r < 0) {
		csv_cause(cause, name, err);
		goto fail;
	}
	csv_free(csv);
	free(name);
	return pl;
fail:
	free(err);
	free(name);
	csv_free(csv);
	places_free(pl);
	return NULL;
}

/*
 * Read whole, through instream: "-", a pipe, gzip or zip as well as a file.
 * Places are a gazetteer, not a feed: PLACES_MAX_BYTES is far above any.
 */
struct places *
places_load(const char *path, char **cause)
{
	struct instream *s;
	struct places *pl = NULL;
	size_t len = 0, cap = 65536;
	char *buf;
	ssize_t got;

	if ((s = instream_open(path, 0, cause)) == NULL)
		return NULL;
	buf = xmalloc(cap);
	for (;;) {
		/* at most a byte past the cap is read */
		if (len == cap) {
			if (cap > PLACES_MAX_BYTES) {
				xasprintf(cause, "%s: file is larger than %u bytes", instream_name(s),
				    PLACES_MAX_BYTES);
				goto out;
			}
			cap = cap > PLACES_MAX_BYTES / 2 ? (size_t)PLACES_MAX_BYTES + 1 : cap * 2;
			buf = xreallocarray(buf, cap, 1);
		}
		if ((got = instream_read(s, buf + len, cap - len, cause)) < 0)
			goto out;
		if (got == 0)
			break;
		len += (size_t)got;
	}
	pl = places_load_mem(instream_name(s), buf, len, cause);
out:
	free(buf);
	instream_close(s);
	return pl;
}

struct place *
places_by_id(const struct places *pl, const char *id)
{
	size_t i;
	long k;

	if (pl->ids != NULL)
		return (k = strmap_get(pl->ids, id, strlen(id))) >= 0 ? &pl->v[k] : NULL;
	for (i = 0; i < pl->n; i++)
		if (strcmp(pl->v[i].id, id) == 0)
			return &pl->v[i];
	return NULL;
}

void
place_clear(struct place *p)
{
	free(p->id);
	free(p->name);
	free(p->label);
	free(p->alt);
	free(p->region);
	free(p->source);
	free(p->note);
	free(p->country);
	free(p->area);
}

void
places_free(struct places *pl)
{
	size_t i;

	if (pl == NULL)
		return;
	for (i = 0; i < pl->n && !pl->borrowed && !pl->pooled; i++)
		place_clear(&pl->v[i]);
	arena_free(&pl->pool);
	strmap_free(pl->ids);
	scratch_free(pl->pool.rooms, &pl->room, pl->v);
	free(pl);
}
