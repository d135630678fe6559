/*
 * fuzz_instream.c: instream over any bytes, as a file and as a pipe. The
 * same input read in blocks of one size, and again after peeks in blocks
 * of another, must give the same bytes or the same message; progress never
 * passes its total; and nothing reads out of bounds (the sanitizers).
 *
 * Input: a byte whose low bits pick the block sizes and whose top bit picks
 * a pipe, then the data (plain, gzip or zip).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "instream.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Like assert(), but kept under NDEBUG. */
#define CHECK(c)	do { if (!(c)) abort(); } while (0)

/* Decoded output, at most 1 MiB of it (a zip bomb is fine, and stops there). */
#define OUT_MAX	((size_t)1 << 20)

struct result {
	unsigned char	*out;
	size_t		 n;
	char		*err;
};

static void
decode(const uint8_t *data, size_t size, int flags, size_t block, size_t peek,
    struct result *r)
{
	struct instream *s;
	unsigned char buf[4096];
	const char *p;
	size_t len;
	ssize_t got;
	uint64_t done, total, out;

	memset(r, 0, sizeof *r);
	r->out = malloc(OUT_MAX);
	CHECK(r->out != NULL);
	if ((s = instream_open_mem("fuzz", data, size, flags, &r->err)) == NULL) {
		CHECK(r->err != NULL);
		return;
	}
	if (peek > 0) {
		if (instream_peek(s, peek, &p, &len, &r->err) != 0)
			goto out;
		CHECK(len <= peek);
		if (instream_peek(s, peek / 2, &p, &len, &r->err) != 0)
			goto out;
		CHECK(len <= peek / 2);
	}
	while (r->n < OUT_MAX) {
		size_t want = block < OUT_MAX - r->n ? block : OUT_MAX - r->n;

		if ((got = instream_read(s, buf, want, &r->err)) <= 0)
			break;
		CHECK((size_t)got <= want);
		memcpy(r->out + r->n, buf, (size_t)got);
		r->n += (size_t)got;
		instream_progress(s, &done, &total, &out);
		CHECK(out == r->n);
		CHECK(total == 0 || done <= total);
	}
out:
	instream_close(s);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const size_t blocks[] = { 1, 3, 17, 4096 };
	struct result a, b;
	int flags;

	if (size == 0)
		return 0;
	flags = data[0] & 0x80 ? INSTREAM_STREAM : 0;
	decode(data + 1, size - 1, flags, blocks[data[0] & 3], 0, &a);
	decode(data + 1, size - 1, flags, blocks[(data[0] >> 2) & 3], 1 + (data[0] >> 4 & 7) * 9,
	    &b);
	CHECK((a.err == NULL) == (b.err == NULL));
	if (a.err != NULL)
		CHECK(strcmp(a.err, b.err) == 0);
	/* an error may come sooner or later with other blocks; what was given agrees */
	CHECK(memcmp(a.out, b.out, a.n < b.n ? a.n : b.n) == 0);
	if (a.err == NULL)
		CHECK(a.n == b.n);
	free(a.out);
	free(a.err);
	free(b.out);
	free(b.err);
	return 0;
}
