/*
 * json.c: the door to yajl, the only file that includes its headers.
 *
 * Why yajl (libyajl-dev): it parses as a stream, calling back on each token
 * (a SAX parser), so memory stays that of one token and one record, however
 * long the text: ACLED's and UCDP's API answers hold millions of records in
 * one array. json-c's tokener is incremental but builds the whole tree, and
 * jansson only loads whole trees. Debian 12 carries its security fixes
 * (2.1.0-3+deb12u2).
 *
 * yajl keeps no depth limit and buffers a token cut between two chunks
 * without bound: both are capped here. It says how far into a chunk it is
 * (yajl_get_bytes_consumed(), also during a callback), so the line and
 * column are counted lazily, up to where they are asked for.
 */
#include "json.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yajl/yajl_parse.h>
#include <yajl/yajl_version.h>

#include "text.h"
#include "util.h"

#define NAME_BYTES	4096
#define PIECE		65536		/* bytes given to yajl at a time */

static const char bom[3] = "\xef\xbb\xbf";

struct json {
	char		*name;		/* sanitised */
	yajl_handle	 h;
	const struct json_callbacks *cb;
	void		*ctx;
	char		*why;		/* json_fail()'s reason */
	char		*err;		/* the message, for every later call */
	int		 stopped;	/* a callback stopped the parse without a reason */
	int		 depth;
	int		 text;		/* anything but blanks seen */
	/* the piece yajl is parsing, and how far line and col have been counted in it */
	const unsigned char *piece;
	size_t		 piece_len, scanned;
	unsigned long	 line, col;
	int		 cb_seen;	/* a callback in this piece, which ended at cb_off */
	size_t		 cb_off;
	unsigned long	 tok_line, tok_col;	/* where the last token ended */
	size_t		 since;		/* bytes since the last token ended */
	unsigned char	 head[3];	/* the first bytes, until they are known not to be a BOM */
	size_t		 nhead;
	int		 past_bom;
};

/* Counts lines and columns (in characters) over piece[scanned .. to). */
static void
advance(struct json *j, size_t to)
{
	const unsigned char *s, *e, *nl;
	size_t nls = 0, i, n;

	if (j->piece == NULL || to <= j->scanned)
		return;
	if (to > j->piece_len)
		to = j->piece_len;
	s = j->piece + j->scanned;
	n = to - j->scanned;
	/* two simple loops, which compilers vectorise: a one-line document is common */
	for (i = 0; i < n; i++)
		nls += s[i] == '\n';
	if (nls > 0) {
		j->line += nls;
		nl = memrchr(s, '\n', n);
		e = s + n;
		s = nl + 1;
		n = (size_t)(e - s);
		j->col = 1;
	}
	for (i = 0; i < n; i++)
		j->col += (s[i] & 0xc0) != 0x80;
	j->scanned = to;
}

void
json_where(struct json *j, unsigned long *line, unsigned long *col)
{
	if (j->piece != NULL)
		advance(j, yajl_get_bytes_consumed(j->h));
	*line = j->line;
	*col = j->col;
}

int
json_fail(struct json *j, const char *fmt, ...)
{
	va_list ap;

	if (j->why == NULL) {
		va_start(ap, fmt);
		xvasprintf(&j->why, fmt, ap);
		va_end(ap);
	}
	return 0;
}

/* A token ended: it resets the token length and says where the parser is. */
static void
token(struct json *j)
{
	j->cb_seen = 1;
	j->cb_off = yajl_get_bytes_consumed(j->h);
}

static int
cb_null(void *ctx)
{
	struct json *j = ctx;

	token(j);
	return j->cb->null == NULL || j->cb->null(j->ctx);
}

static int
cb_boolean(void *ctx, int v)
{
	struct json *j = ctx;

	token(j);
	return j->cb->boolean == NULL || j->cb->boolean(j->ctx, v);
}

static int
cb_number(void *ctx, const char *s, size_t len)
{
	struct json *j = ctx;

	token(j);
	return j->cb->number == NULL || j->cb->number(j->ctx, s, len);
}

static int
cb_string(void *ctx, const unsigned char *s, size_t len)
{
	struct json *j = ctx;

	token(j);
	return j->cb->string == NULL || j->cb->string(j->ctx, (const char *)s, len);
}

static int
cb_map_key(void *ctx, const unsigned char *s, size_t len)
{
	struct json *j = ctx;

	token(j);
	return j->cb->map_key == NULL || j->cb->map_key(j->ctx, (const char *)s, len);
}

static int
open_one(struct json *j)
{
	token(j);
	if (++j->depth > JSON_MAX_DEPTH)
		return json_fail(j, "nested more than %d deep", JSON_MAX_DEPTH);
	return 1;
}

static int
cb_start_map(void *ctx)
{
	struct json *j = ctx;

	return open_one(j) && (j->cb->start_map == NULL || j->cb->start_map(j->ctx));
}

static int
cb_start_array(void *ctx)
{
	struct json *j = ctx;

	return open_one(j) && (j->cb->start_array == NULL || j->cb->start_array(j->ctx));
}

static int
cb_end_map(void *ctx)
{
	struct json *j = ctx;

	token(j);
	j->depth--;
	return j->cb->end_map == NULL || j->cb->end_map(j->ctx);
}

static int
cb_end_array(void *ctx)
{
	struct json *j = ctx;

	token(j);
	j->depth--;
	return j->cb->end_array == NULL || j->cb->end_array(j->ctx);
}

static const yajl_callbacks callbacks = {
	cb_null, cb_boolean, NULL, NULL, cb_number, cb_string, cb_start_map, cb_map_key,
	cb_end_map, cb_start_array, cb_end_array,
};

static void *
y_malloc(void *ctx, size_t n)
{
	(void)ctx;
	return xmalloc(n ? n : 1);
}

static void *
y_realloc(void *ctx, void *p, size_t n)
{
	(void)ctx;
	return xreallocarray(p, n ? n : 1, 1);
}

static void
y_free(void *ctx, void *p)
{
	(void)ctx;
	free(p);
}

struct json *
json_new(const char *name, const struct json_callbacks *cb, void *ctx, int flags)
{
	yajl_alloc_funcs af = { y_malloc, y_realloc, y_free, NULL };
	struct json *j = xcalloc(1, sizeof *j);

	j->name = text_sanitize(name, strlen(name), NAME_BYTES);
	j->cb = cb;
	j->ctx = ctx;
	j->line = j->col = j->tok_line = j->tok_col = 1;
	if ((j->h = yajl_alloc(&callbacks, &af, j)) == NULL)
		die("out of memory");
	if (flags & JSON_ANY_BYTES)
		yajl_config(j->h, yajl_dont_validate_strings, 1);
	return j;
}

/* The parse stopped in p[0..n): the message, or 1 for a callback's plain stop. */
static int
stopped(struct json *j, yajl_status st, const unsigned char *p, size_t n, char **cause)
{
	unsigned char *y;
	char *clean;
	size_t len;

	if (st == yajl_status_client_canceled && j->why == NULL) {
		j->stopped = 1;
		return 1;
	}
	if (st == yajl_status_client_canceled) {
		/* at the end of the token called back on */
		advance(j, yajl_get_bytes_consumed(j->h));
		xasprintf(&j->err, "%s:%lu:%lu: %s", j->name, j->line, j->col, j->why);
	} else {
		/*
		 * After the last good token: yajl's own offset of an error moves
		 * with where the chunks happen to be cut, and a file, a pipe and
		 * gzip must say the same
		 */
		if (j->cb_seen) {
			advance(j, j->cb_off);
			j->tok_line = j->line;
			j->tok_col = j->col;
		}
		y = yajl_get_error(j->h, 0, p, n);
		len = y != NULL ? strlen((char *)y) : 0;
		/* yajl's words end with ".\n" */
		while (len > 0 && (y[len - 1] == '\n' || y[len - 1] == '.' || y[len - 1] == ' '))
			len--;
		clean = text_sanitize(y != NULL ? (char *)y : "", len, 256);
		xasprintf(&j->err, "%s:%lu:%lu: invalid JSON: %s", j->name, j->tok_line, j->tok_col,
		    len > 0 ? clean : "cannot parse");
		free(clean);
		if (y != NULL)
			yajl_free_error(j->h, y);
	}
	*cause = xstrdup(j->err);
	return -1;
}

static int
parse(struct json *j, const unsigned char *p, size_t n, char **cause)
{
	yajl_status st;
	size_t k;

	/*
	 * Text, not tokens, tells an empty document: "42" or "\"abc" calls
	 * nothing back until the end, and must not be called empty
	 */
	for (k = 0; !j->text && k < n; k++)
		j->text = p[k] != ' ' && p[k] != '\t' && p[k] != '\r' && p[k] != '\n';
	while (n > 0) {
		k = n < PIECE ? n : PIECE;
		j->piece = p;
		j->piece_len = k;
		j->scanned = 0;
		j->cb_seen = 0;
		st = yajl_parse(j->h, p, k);
		if (st != yajl_status_ok) {
			int r = stopped(j, st, p, k, cause);

			j->piece = NULL;
			return r;
		}
		if (j->cb_seen) {
			advance(j, j->cb_off);
			j->tok_line = j->line;
			j->tok_col = j->col;
		}
		advance(j, k);
		j->piece = NULL;
		j->since = j->cb_seen ? k - j->cb_off : j->since + k;
		if (j->since > JSON_MAX_TOKEN) {
			/* where it began: after the last token */
			xasprintf(&j->err, "%s:%lu:%lu: a string, number or run of blanks longer "
			    "than %zu bytes follows", j->name, j->tok_line, j->tok_col,
			    JSON_MAX_TOKEN);
			*cause = xstrdup(j->err);
			return -1;
		}
		p += k;
		n -= k;
	}
	return 0;
}

/* After an error or a stop, every call again. */
static int
again(struct json *j, char **cause)
{
	if (j->err != NULL) {
		*cause = xstrdup(j->err);
		return -1;
	}
	return j->stopped ? 1 : 0;
}

int
json_feed(struct json *j, const void *buf, size_t len, char **cause)
{
	const unsigned char *p = buf;
	int r;

	if ((r = again(j, cause)) != 0)
		return r;
	/* a BOM is not JSON's, but editors write one: RFC 8259 lets a parser skip it */
	while (!j->past_bom && len > 0) {
		j->head[j->nhead++] = *p++;
		len--;
		if (memcmp(j->head, bom, j->nhead) != 0) {
			j->past_bom = 1;
			if ((r = parse(j, j->head, j->nhead, cause)) != 0)
				return r;
		} else if (j->nhead == 3) {
			j->past_bom = 1;
		}
	}
	return parse(j, p, len, cause);
}

int
json_end(struct json *j, char **cause)
{
	yajl_status st;
	int r;

	if ((r = again(j, cause)) != 0)
		return r;
	if (!j->past_bom) {
		j->past_bom = 1;
		if ((r = parse(j, j->head, j->nhead, cause)) != 0)
			return r;
	}
	if (!j->text) {
		xasprintf(&j->err, "%s: empty, not JSON", j->name);
		*cause = xstrdup(j->err);
		return -1;
	}
	j->cb_seen = 0;
	if ((st = yajl_complete_parse(j->h)) != yajl_status_ok)
		return stopped(j, st, (const unsigned char *)"", 0, cause);
	return 0;
}

void
json_free(struct json *j)
{
	if (j == NULL)
		return;
	yajl_free(j->h);
	free(j->name);
	free(j->why);
	free(j->err);
	free(j);
}

const char *
json_version(void)
{
	static char v[32];

	if (v[0] == '\0') {
		int n = yajl_version();

		snprintf(v, sizeof v, "yajl %d.%d.%d", n / 10000, n / 100 % 100, n % 100);
	}
	return v;
}

/*
 * The records reader. Depths count the arrays and objects open: the root
 * is at depth 1 once open, the records array at rec (1 or 2), a record at
 * rec + 1; a nested value inside a record is skipped to its end.
 */
struct json_rows {
	struct json	*j;
	const char *const *keys;
	int		(*row)(void *, const struct json_row *);
	void		*ctx;
	int		 depth;
	int		 want;		/* the root member being read is the records array's */
	int		 rec;		/* depth of the records array; 0: none open */
	int		 in;		/* depth of the record being read; 0: none */
	int		 skip;		/* depth of a nested value being skipped; 0: none */
	int		 found;
	/* the record: keys and values in buf (which moves), by offset */
	char		*buf;
	size_t		 used, cap;
	size_t		 n, mcap;
	size_t		*koff, *klen, *voff, *vlen;
	unsigned char	*type;
	int		 have_key;	/* members[n] has its key, not yet its value */
	const char	**kp, **vp;
	unsigned long	 line, col;
};

static size_t
put(struct json_rows *r, const char *s, size_t len)
{
	size_t off = r->used;

	if (r->used + len + 1 > r->cap) {
		while (r->used + len + 1 > r->cap)
			r->cap = r->cap ? r->cap * 2 : 4096;
		r->buf = xreallocarray(r->buf, r->cap, 1);
	}
	memcpy(r->buf + r->used, s, len);
	r->used += len;
	r->buf[r->used++] = '\0';
	return off;
}

static const char *const type_names[] = { "null", "false", "true", "a number", "a string",
	"an array or object" };

/*
 * A value inside the container at depth d (the current one for a scalar,
 * the outer one for an array or object opening): a record's member, a
 * record that is not an object, or nothing kept.
 */
static int
value_at(struct json_rows *r, int d, enum json_type t, const char *s, size_t len)
{
	size_t i;

	if (d == 1)
		r->want = 0;
	if (r->skip)
		return 1;
	if (r->in && d == r->in) {
		if (!r->have_key)
			return 1;
		if (len > JSON_MAX_VALUE)
			return json_fail(r->j, "a value longer than %d bytes", JSON_MAX_VALUE);
		i = r->n++;
		r->voff[i] = put(r, s, len);
		r->vlen[i] = len;
		r->type[i] = (unsigned char)t;
		r->have_key = 0;
		return 1;
	}
	if (r->rec && d == r->rec && !r->in)
		return json_fail(r->j, "a record is %s, not an object", type_names[t]);
	return 1;
}

static int
value(struct json_rows *r, enum json_type t, const char *s, size_t len)
{
	return value_at(r, r->depth, t, s, len);
}

static int
rows_null(void *ctx)
{
	return value(ctx, JSON_NULL, "", 0);
}

static int
rows_boolean(void *ctx, int v)
{
	return v ? value(ctx, JSON_TRUE, "true", 4) : value(ctx, JSON_FALSE, "false", 5);
}

static int
rows_number(void *ctx, const char *s, size_t len)
{
	return value(ctx, JSON_NUMBER, s, len);
}

static int
rows_string(void *ctx, const char *s, size_t len)
{
	return value(ctx, JSON_STRING, s, len);
}

static int
rows_key(void *ctx, const char *s, size_t len)
{
	struct json_rows *r = ctx;
	size_t i;

	if (r->depth == 1 && r->rec == 0) {
		for (r->want = 0, i = 0; r->keys[i] != NULL && !r->want; i++)
			r->want = strlen(r->keys[i]) == len && memcmp(r->keys[i], s, len) == 0;
		return 1;
	}
	if (r->skip || !r->in || r->depth != r->in)
		return 1;
	if (r->n == JSON_MAX_MEMBERS)
		return json_fail(r->j, "a record with more than %d members", JSON_MAX_MEMBERS);
	if (r->n == r->mcap) {
		r->mcap = r->mcap ? r->mcap * 2 : 64;
		r->koff = xreallocarray(r->koff, r->mcap, sizeof *r->koff);
		r->klen = xreallocarray(r->klen, r->mcap, sizeof *r->klen);
		r->voff = xreallocarray(r->voff, r->mcap, sizeof *r->voff);
		r->vlen = xreallocarray(r->vlen, r->mcap, sizeof *r->vlen);
		r->type = xreallocarray(r->type, r->mcap, 1);
		r->kp = xreallocarray(r->kp, r->mcap, sizeof *r->kp);
		r->vp = xreallocarray(r->vp, r->mcap, sizeof *r->vp);
	}
	if (len > JSON_MAX_VALUE)
		return json_fail(r->j, "a key longer than %d bytes", JSON_MAX_VALUE);
	r->koff[r->n] = put(r, s, len);
	r->klen[r->n] = len;
	r->have_key = 1;
	return 1;
}

/* An array or object opens; depth is already the new one's. */
static int
rows_open(struct json_rows *r, int array)
{
	int outer = r->depth - 1;

	if (outer == 1)
		r->want = r->want && array;
	if (r->skip)
		return 1;
	if (r->in) {
		/* a nested value: kept as a member without text, and skipped */
		if (outer == r->in && value_at(r, outer, JSON_NESTED, "", 0) == 0)
			return 0;
		r->skip = r->depth;
		return 1;
	}
	if (r->rec && outer == r->rec) {
		if (array)
			return json_fail(r->j, "a record is an array, not an object");
		r->in = r->depth;
		r->n = r->used = 0;
		r->have_key = 0;
		json_where(r->j, &r->line, &r->col);
		if (r->col > 1)
			r->col--;		/* at the '{' */
		return 1;
	}
	if (array && r->rec == 0 && (outer == 0 || (outer == 1 && r->want))) {
		r->rec = r->depth;
		r->found = 1;
		r->want = 0;
	}
	return 1;
}

static int
rows_close(struct json_rows *r)
{
	int was = r->depth + 1;
	struct json_row row;
	size_t i;

	if (r->skip) {
		if (was == r->skip)
			r->skip = 0;
		return 1;
	}
	if (r->in && was == r->in) {
		r->in = 0;
		for (i = 0; i < r->n; i++) {
			r->kp[i] = r->buf + r->koff[i];
			r->vp[i] = r->buf + r->voff[i];
		}
		row.line = r->line;
		row.col = r->col;
		row.n = r->n;
		row.key = r->kp;
		row.klen = r->klen;
		row.val = r->vp;
		row.vlen = r->vlen;
		row.type = r->type;
		return r->row(r->ctx, &row);
	}
	if (r->rec && was == r->rec)
		r->rec = -1;		/* one array of records: later ones are not read */
	return 1;
}

static int
rows_start_map(void *ctx)
{
	struct json_rows *r = ctx;

	r->depth++;
	return rows_open(r, 0);
}

static int
rows_start_array(void *ctx)
{
	struct json_rows *r = ctx;

	r->depth++;
	return rows_open(r, 1);
}

static int
rows_end(void *ctx)
{
	struct json_rows *r = ctx;

	r->depth--;
	return rows_close(r);
}

static const struct json_callbacks rows_callbacks = {
	rows_null, rows_boolean, rows_number, rows_string, rows_start_map, rows_key, rows_end,
	rows_start_array, rows_end,
};

struct json_rows *
json_rows_new(const char *name, const char *const *keys, int flags,
    int (*row)(void *, const struct json_row *), void *ctx)
{
	struct json_rows *r = xcalloc(1, sizeof *r);

	r->keys = keys;
	r->row = row;
	r->ctx = ctx;
	r->j = json_new(name, &rows_callbacks, r, flags);
	return r;
}

int
json_rows_feed(struct json_rows *r, const void *buf, size_t len, char **cause)
{
	return json_feed(r->j, buf, len, cause);
}

int
json_rows_end(struct json_rows *r, char **cause)
{
	return json_end(r->j, cause);
}

int
json_rows_found(const struct json_rows *r)
{
	return r->found;
}

struct json *
json_rows_parser(struct json_rows *r)
{
	return r->j;
}

void
json_rows_free(struct json_rows *r)
{
	if (r == NULL)
		return;
	json_free(r->j);
	free(r->buf);
	free(r->koff);
	free(r->klen);
	free(r->voff);
	free(r->vlen);
	free(r->type);
	free(r->kp);
	free(r->vp);
	free(r);
}
