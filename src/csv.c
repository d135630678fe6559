/*
 * csv.c: an RFC 4180 state machine over a memory buffer. Lines end in LF,
 * CRLF or, as in old Mac files, a CR alone (as Python's csv and spreadsheet
 * programs read them): a file of CR line ends must not read as one record.
 */
#include "csv.h"

#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "text.h"
#include "util.h"

struct csv {
	const char	*p;		/* next unread byte */
	const char	*end;
	const char	*block;		/* where the current block starts */
	const char	*ahead;		/* the input before it has been prefetched */
	int		 final;		/* the block ends the input */
	int		 past_bom;	/* the start of the input has been seen */
	size_t		 line;		/* line of *p, 1-based */
	int		 done;		/* end reached or error reported */
	int		 header_read;	/* the first record has been returned */
	char		*data;		/* unescaped bytes of quoted fields with "" */
	size_t		 used, cap;
	char		 delim;		/* ',' unless csv_set_delim() */
	int		 scalar;	/* csv_set_scalar() */
	unsigned char	 stop[256];	/* bytes that end the fast scan of an unquoted field */
	size_t		 off[CSV_MAX_COLS];	/* into data (it may move), or IN_BUF */
	const char	*f[CSV_MAX_COLS];
	size_t		 len[CSV_MAX_COLS];
};

#define IN_BUF	((size_t)-1)	/* the field is a slice of the input */
#define PREFETCH_AHEAD	2048	/* bytes */

struct csv *
csv_new(const char *buf, size_t len)
{
	struct csv *c = xcalloc(1, sizeof *c);

	c->line = 1;
	c->cap = 4096;
	c->data = xmalloc(c->cap);
	csv_set_delim(c, ',');
	csv_feed(c, buf, len, 1);
	return c;
}

void
csv_set_delim(struct csv *c, char delim)
{
	if (delim != ',' && delim != ';' && delim != '\t' && delim != '|')
		delim = ',';
	c->stop[(unsigned char)c->delim] = 0;
	c->stop['\0'] = c->stop['\n'] = c->stop['\r'] = 1;
	c->delim = delim;
	c->stop[(unsigned char)delim] = 1;
}

char
csv_sniff(const char *buf, size_t len)
{
	static const char cand[] = { ',', ';', '\t', '|' };
	size_t n[sizeof cand] = { 0 }, i, k, best = 0;
	int quoted = 0;

	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	else
		i = 0;
	for (; i < len; i++) {
		if (buf[i] == '"')
			quoted = !quoted;	/* "" inside quotes toggles twice */
		else if (!quoted && (buf[i] == '\n' || buf[i] == '\r'))
			break;
		else if (!quoted)
			for (k = 0; k < sizeof cand; k++)
				n[k] += buf[i] == cand[k];
	}
	for (k = 1; k < sizeof cand; k++)
		if (n[k] > n[best])
			best = k;
	return cand[best];
}

void
csv_feed(struct csv *c, const char *buf, size_t len, int final)
{
	static const char bom[3] = "\xef\xbb\xbf";

	c->p = c->block = c->ahead = buf;
	c->end = buf + len;
	c->final = final;
	c->done = 0;
	if (!c->past_bom) {
		if (len < 3 && (!final || len == 0) && (len == 0 || memcmp(buf, bom, len) == 0)) {
			c->done = 1;	/* too short to tell */
			return;
		}
		if (len >= 3 && memcmp(buf, bom, 3) == 0)
			c->p += 3;
		c->past_bom = 1;
	}
}

void
csv_resume(struct csv *c, size_t line)
{
	c->line = line;
	c->header_read = 1;
	c->past_bom = 1;
	c->p = c->block;	/* csv_feed() may have stepped over what looked like a BOM */
	c->done = 0;
}

size_t
csv_line(const struct csv *c)
{
	return c->line;
}

size_t
csv_consumed(const struct csv *c)
{
	return (size_t)(c->p - c->block);
}

/*
 * A record ran into the end of a block that is not the last: it is left
 * whole for the next one, from its first byte and line.
 */
static int
more(struct csv *c, const char *record, size_t line, char **cause)
{
	if ((size_t)(c->end - record) > CSV_MAX_RECORD) {
		c->done = 1;
		c->p = c->end;
		xasprintf(cause, "line %zu: a record longer than %zu bytes (an unterminated "
		    "quoted field?)", line, (size_t)CSV_MAX_RECORD);
		return -1;
	}
	c->done = 1;
	c->p = record;
	c->line = line;
	return 0;
}

void
csv_free(struct csv *c)
{
	if (c == NULL)
		return;
	free(c->data);
	free(c);
}

/* Sets *cause, and leaves the reader at end so that a caller looping on 1 stops. */
static int
fail(struct csv *c, char **cause, size_t line, const char *why)
{
	c->done = 1;
	c->p = c->end;
	xasprintf(cause, "line %zu: %s", line, why);
	return -1;
}

/* Appends n bytes to the field that starts at off; -1 when it grows too long. */
static int
append(struct csv *c, size_t off, const char *s, size_t n)
{
	if (c->used - off + n > CSV_MAX_FIELD)
		return -1;
	if (c->used + n + 1 > c->cap) {
		while (c->used + n + 1 > c->cap)
			c->cap *= 2;
		c->data = xreallocarray(c->data, c->cap, 1);
	}
	memcpy(c->data + c->used, s, n);
	c->used += n;
	return 0;
}

/* A line end inside a quoted field: LF, or a CR not followed by LF. */
static int
is_eol(const char *q, const char *end)
{
	return *q == '\n' || (*q == '\r' && (q + 1 == end || q[1] != '\n'));
}

/*
 * The scans of a field, a byte at a time or 16 (SSE2, every x86-64): most
 * of a file is in fields, and an export's notes run to hundreds of bytes.
 * Both give the same answer (csv_set_scalar(), for the tests that say so).
 */

#ifdef __SSE2__
/* The first of a, LF, CR or NUL in q[0..end), 16 bytes a step; or where fewer than 16 are left. */
static const char *
scan16(const char *q, const char *end, char a)
{
	const __m128i x = _mm_set1_epi8(a), lf = _mm_set1_epi8('\n');
	const __m128i cr = _mm_set1_epi8('\r'), nul = _mm_setzero_si128();

	for (; end - q >= 16; q += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)q);
		int m = _mm_movemask_epi8(_mm_or_si128(
		    _mm_or_si128(_mm_cmpeq_epi8(v, x), _mm_cmpeq_epi8(v, lf)),
		    _mm_or_si128(_mm_cmpeq_epi8(v, cr), _mm_cmpeq_epi8(v, nul))));

		if (m != 0)
			return q + __builtin_ctz((unsigned)m);
	}
	return q;
}
#endif

/* The end of an unquoted field at q: the first delimiter, LF, CR or NUL, or end. */
static const char *
scan_plain(const struct csv *c, const char *q, const char *end)
{
#ifdef __SSE2__
	if (!c->scalar)
		q = scan16(q, end, c->delim);
#endif
	while (q < end && !c->stop[(unsigned char)*q])
		q++;
	return q;
}

/* The end of a quoted field's text run at q: the next quote or NUL, or end; line ends counted. */
static const char *
scan_quoted(struct csv *c, const char *q, const char *end)
{
	for (;;) {
#ifdef __SSE2__
		if (!c->scalar)
			q = scan16(q, end, '"');
#endif
		while (q < end && *q != '"' && *q != '\0' && *q != '\n' && *q != '\r')
			q++;
		if (q == end || *q == '"' || *q == '\0')
			return q;
		if (is_eol(q, end))
			c->line++;
		q++;
	}
}

void
csv_set_scalar(struct csv *c, int scalar)
{
	c->scalar = scalar;
}

static int
lower(int ch)
{
	return ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch;
}

static int
same_name(const char *a, size_t na, const char *b, size_t nb)
{
	size_t k;

	util_trim(&a, &na);
	util_trim(&b, &nb);
	if (na != nb || na == 0)
		return 0;	/* unnamed columns are not looked up: any number may be */
	for (k = 0; k < na; k++)
		if (lower((unsigned char)a[k]) != lower((unsigned char)b[k]))
			return 0;
	return 1;
}

/* The header names a column twice: csv_column() would silently take the first. */
static int
check_header(struct csv *c, char **cause, size_t line, size_t nf)
{
	size_t i, j, n;
	const char *s;
	char *clean;

	for (j = 1; j < nf; j++) {
		for (i = 0; i < j; i++) {
			if (!same_name(c->f[i], c->len[i], c->f[j], c->len[j]))
				continue;
			s = c->f[j];
			n = c->len[j];
			util_trim(&s, &n);
			clean = text_sanitize(s, n > 64 ? 64 : n, 192);
			c->done = 1;
			c->p = c->end;
			xasprintf(cause, "line %zu: column \"%s\" appears twice", line, clean);
			free(clean);
			return -1;
		}
	}
	return 0;
}

#define STR_(x)	#x
#define STR(x)	STR_(x)
static const char too_long[] = "field longer than " STR(CSV_MAX_FIELD) " bytes";

int
csv_next(struct csv *c, struct csv_row *row, char **cause)
{
	const char *p, *q, *end = c->end, *record;
	size_t nf = 0, start, i;

	if (c->done)
		return 0;
	for (p = c->p; p < end; p++) {		/* blank lines */
		if (*p == '\n')
			c->line++;
		else if (*p != '\r')
			break;
		else if (p + 1 == end && !c->final)
			return more(c, p, c->line, cause);	/* a CR alone, or CRLF */
		else if (p + 1 == end || p[1] != '\n')
			c->line++;			/* a CR alone; CRLF counts at its LF */
	}
	if (p == end) {
		c->done = 1;
		c->p = p;
		return 0;
	}
	start = c->line;
	record = p;
	c->used = 0;
	/*
	 * The input PREFETCH_AHEAD bytes on asked for now, a line at a time:
	 * it streams in from memory, and the hardware's prefetcher stops at
	 * each page.
	 */
	if (c->ahead < p)
		c->ahead = p;
	while (c->ahead < end && (size_t)(c->ahead - p) < PREFETCH_AHEAD) {
		__builtin_prefetch(c->ahead);
		c->ahead += (size_t)(end - c->ahead) < 64 ? (size_t)(end - c->ahead) : 64;
	}
	for (;;) {
		if (nf == CSV_MAX_COLS)
			return fail(c, cause, start, "more than " STR(CSV_MAX_COLS) " fields");
		if (p < end && *p == '"') {
			/* a slice of the input up to the closing quote, unless "" needs unescaping */
			q = scan_quoted(c, ++p, end);
			if (q + 1 < end && *q == '"' && q[1] == '"') {
				c->off[nf] = c->used;
				for (;;) {	/* p..q is a run of text ending at a quote */
					int pair = q + 1 < end && q[1] == '"';

					/* Take the first quote of a "" pair along. */
					if (append(c, c->off[nf], p, (size_t)(q - p) + pair) == -1)
						return fail(c, cause, c->line, too_long);
					if (!pair)
						break;
					q = scan_quoted(c, p = q + 2, end);
					if (q == end || *q == '\0')
						break;
				}
				c->len[nf] = c->used - c->off[nf];
			} else {
				c->off[nf] = IN_BUF;
				c->f[nf] = p;
				c->len[nf] = (size_t)(q - p);
			}
			if (q == end && !c->final)
				return more(c, record, start, cause);
			if (q == end)
				return fail(c, cause, start, "unterminated quoted field");
			if (*q == '\0')
				return fail(c, cause, c->line, "NUL byte");
			if (c->len[nf] > CSV_MAX_FIELD)
				return fail(c, cause, c->line, too_long);
			p = q + 1;
			if (p < end && *p != c->delim && *p != '\n' && *p != '\r')
				return fail(c, cause, c->line,
				    "text after closing quote");
		} else {
			/* A quote inside an unquoted field is kept as text. */
			q = scan_plain(c, p, end);
			if (q == end && !c->final)
				return more(c, record, start, cause);
			if (q < end && *q == '\0')
				return fail(c, cause, c->line, "NUL byte");
			if ((size_t)(q - p) > CSV_MAX_FIELD)
				return fail(c, cause, c->line, too_long);
			c->off[nf] = IN_BUF;
			c->f[nf] = p;
			c->len[nf] = (size_t)(q - p);
			p = q;
		}
		nf++;
		if (p < end && *p == '\r') {
			/* CRLF, or a CR alone: either ends the record */
			if (p + 1 == end && !c->final)
				return more(c, record, start, cause);
			p += p + 1 < end && p[1] == '\n' ? 2 : 1;
			c->line++;
			break;
		}
		if (p == end && !c->final)
			return more(c, record, start, cause);
		if (p == end)
			break;
		if (*p++ == '\n') {
			c->line++;
			break;
		}
	}
	c->p = p;
	for (i = 0; i < nf; i++)
		if (c->off[i] != IN_BUF)
			c->f[i] = c->data + c->off[i];
	if (!c->header_read) {
		c->header_read = 1;
		if (check_header(c, cause, start, nf) != 0)
			return -1;
	}
	row->line = start;
	row->n = nf;
	row->f = c->f;
	row->len = c->len;
	return 1;
}

int
csv_column(const struct csv_row *header, const char *name)
{
	size_t i;

	for (i = 0; i < header->n; i++)
		if (same_name(header->f[i], header->len[i], name, strlen(name)))
			return (int)i;
	return -1;
}

const char *
csv_field(const struct csv_row *row, int col, size_t *len)
{
	if (col < 0 || (size_t)col >= row->n) {
		*len = 0;
		return "";
	}
	*len = row->len[col];
	return row->f[col];
}

void
csv_cause(char **cause, const char *name, const char *err)
{
	xasprintf(cause, "%s:%s", name, err + (strncmp(err, "line ", 5) == 0 ? 5 : 0));
}

int
csv_header(const struct csv_row *header, const struct csv_col *cols, size_t n, int *col,
    const char *name, char **cause)
{
	size_t i;

	if (header == NULL) {
		xasprintf(cause, "%s: empty file, expected a header line", name);
		return -1;
	}
	for (i = 0; i < n; i++)
		col[i] = csv_column(header, cols[i].name);
	for (i = 0; i < n; i++) {
		if (cols[i].required && col[i] < 0) {
			xasprintf(cause, "%s:%zu: missing column \"%s\"", name, header->line,
			    cols[i].name);
			return -1;
		}
	}
	return 0;
}

int
csv_width(const struct csv_row *row, size_t ncols, int exact, const char *name, char **cause)
{
	if (row->n > ncols || (exact && row->n != ncols)) {
		xasprintf(cause, "%s:%zu: %zu fields, but the header names %zu", name, row->line,
		    row->n, ncols);
		return -1;
	}
	return 0;
}
