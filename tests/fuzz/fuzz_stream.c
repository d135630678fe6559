/*
 * fuzz_stream.c: timeline_load_blocks(), which reads a file in blocks cut
 * between records, against timeline_load_mem() on the same bytes: the same
 * events in the same order, or the same error message. The block size
 * (1 to 64 bytes, from the first input byte) makes cuts fall everywhere:
 * inside quotes, between CR and LF, in a BOM.
 *
 * Input: a byte for the block size, then an events CSV over a fixed copy of
 * data/places.csv. A file that starts as gzip or zip does is decoded by the
 * file reader and not by the in-memory one, so the two cannot agree on it:
 * such inputs are instream's (fuzz_instream), not this target's.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "places.h"
#include "timeline.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Like assert(), but kept under NDEBUG. */
#define CHECK(c)	do { if (!(c)) abort(); } while (0)

#include "fixed_places.h"

static struct places *pl;
static char path[64];

static void
same_events(const struct timeline *a, const struct timeline *b)
{
	size_t i;

	CHECK(a->nevents == b->nevents && a->neffects == b->neffects);
	for (i = 0; i < a->nevents; i++) {
		const struct event *x = &a->events[i], *y = &b->events[i];

		CHECK(strcmp(x->id, y->id) == 0 && strcmp(x->summary, y->summary) == 0 &&
		    strcmp(x->actors, y->actors) == 0 && strcmp(x->sources, y->sources) == 0 &&
		    strcmp(x->note, y->note) == 0);
		CHECK(x->place == y->place && x->lo == y->lo && x->hi == y->hi &&
		    x->day == y->day && x->prec == y->prec && x->planned == y->planned &&
		    x->seq == y->seq && x->neffects == y->neffects);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct timeline *a, *b;
	char *ca = NULL, *cb = NULL;
	size_t block;
	FILE *fp;

	if (size == 0)
		return 0;
	if (pl == NULL) {
		char *cause = NULL;
		int fd;

		pl = places_load_mem("places.csv", fixed_places, sizeof fixed_places - 1, &cause);
		CHECK(pl != NULL);
		snprintf(path, sizeof path, "/tmp/sitmap-fuzz-stream-XXXXXX");
		CHECK((fd = mkstemp(path)) >= 0);
		close(fd);
	}
	block = 1 + data[0] % 64;
	data++, size--;
	if ((size >= 2 && data[0] == 0x1f && data[1] == 0x8b) ||
	    (size >= 4 && memcmp(data, "PK\003\004", 4) == 0))
		return 0;
	CHECK((fp = fopen(path, "wb")) != NULL);
	CHECK(fwrite(data, 1, size, fp) == size);
	CHECK(fclose(fp) == 0);
	a = timeline_load_blocks(path, pl, block, &ca);
	b = timeline_load_mem(path, (const char *)data, size, pl, &cb);
	CHECK((a == NULL) == (b == NULL));
	if (a == NULL)
		CHECK(strcmp(ca, cb) == 0);
	else
		same_events(a, b);
	free(ca);
	free(cb);
	timeline_free(a);
	timeline_free(b);
	return 0;
}
