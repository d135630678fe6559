/*
 * fuzz_json.c: the records reader (json_rows) on arbitrary bytes, fed whole
 * and in pieces of a size the input's first byte picks. Both ways give the
 * same records and the same end: the same message, which names the input
 * and a line and column, or none. Records have sane members: keys and
 * values within their caps, a known type, no text for null and nested
 * values.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Like assert(), but kept under NDEBUG. */
#define CHECK(c)	do { if (!(c)) abort(); } while (0)

struct log {
	unsigned long	 h;		/* a hash of every record seen */
	size_t		 n;
};

static void
mix(struct log *l, const void *p, size_t n)
{
	const unsigned char *s = p;
	size_t i;

	for (i = 0; i < n; i++)
		l->h = (l->h ^ s[i]) * 1099511628211UL;
}

static int
on_row(void *ctx, const struct json_row *r)
{
	struct log *l = ctx;
	size_t i;

	CHECK(r->n <= JSON_MAX_MEMBERS && r->line >= 1 && r->col >= 1);
	for (i = 0; i < r->n; i++) {
		CHECK(r->klen[i] <= JSON_MAX_VALUE && r->vlen[i] <= JSON_MAX_VALUE);
		CHECK(r->type[i] <= JSON_NESTED);
		CHECK(r->key[i][r->klen[i]] == '\0' && r->val[i][r->vlen[i]] == '\0');
		if (r->type[i] == JSON_NULL || r->type[i] == JSON_NESTED)
			CHECK(r->vlen[i] == 0);
		mix(l, r->key[i], r->klen[i] + 1);
		mix(l, r->val[i], r->vlen[i] + 1);
		mix(l, &r->type[i], 1);
	}
	mix(l, &r->line, sizeof r->line);
	mix(l, &r->col, sizeof r->col);
	l->n++;
	return 1;
}

/* Feeds data in pieces of step bytes (0: whole); the status and the message. */
static int
run(const uint8_t *data, size_t size, size_t step, struct log *l, char **cause)
{
	static const char *const keys[] = { "data", "Result", NULL };
	struct json_rows *r = json_rows_new("fuzz.json", keys, JSON_ANY_BYTES, on_row, l);
	size_t off = 0, k;
	int st = 0;

	memset(l, 0, sizeof *l);
	*cause = NULL;
	while (st == 0 && off < size) {
		k = step == 0 || size - off < step ? size - off : step;
		st = json_rows_feed(r, data + off, k, cause);
		off += k;
	}
	if (st == 0)
		st = json_rows_end(r, cause);
	CHECK(st == 0 || st == -1);
	if (st == 0)
		CHECK(*cause == NULL);
	else
		CHECK(*cause != NULL && strncmp(*cause, "fuzz.json:", 10) == 0);
	json_rows_free(r);
	return st;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct log a, b;
	char *ca, *cb;
	int ra, rb;

	ra = run(data, size, 0, &a, &ca);
	rb = run(data, size, size > 0 ? 1 + data[0] % 7 : 1, &b, &cb);
	CHECK(ra == rb && a.n == b.n && a.h == b.h);
	if (ra != 0)
		CHECK(strcmp(ca, cb) == 0);
	free(ca);
	free(cb);
	return 0;
}
