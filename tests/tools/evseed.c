/*
 * evseed.c: the body of the events cache entry that sitmap writes for an
 * export (timeline_image_write(), with the places' groups, as load.c
 * writes it), on standard output: a seed for fuzz_evcache, whose corpus
 * is written again with it when the image's layout (IMAGE_TAG) changes.
 *   tool_evseed EXPORT > tests/fuzz/corpus/evcache/NAME
 */
#include <stdio.h>
#include <stdlib.h>

#include "import.h"
#include "label.h"
#include "timeline.h"

static void
put(void *ctx, const void *p, size_t n)
{
	if (fwrite(p, 1, n, ctx) != n) {
		fprintf(stderr, "evseed: write error\n");
		exit(1);
	}
}

int
main(int argc, char **argv)
{
	struct places *pl;
	struct timeline *tl;
	struct mark_groups *g;
	char *cause = NULL;
	uint64_t *w;
	size_t nw;

	if (argc != 2) {
		fprintf(stderr, "usage: tool_evseed EXPORT > SEED\n");
		return 2;
	}
	if (import_load(argv[1], -1, &pl, &tl, &cause) < 0) {
		fprintf(stderr, "evseed: %s\n", cause);
		return 1;
	}
	g = mark_groups_new(pl);
	w = mark_groups_words(g, pl->n, &nw);
	if (timeline_image_write(tl, pl, w, nw, 0, 0, put, stdout) != 0 || fflush(stdout) != 0) {
		fprintf(stderr, "evseed: the image was not written\n");
		return 1;
	}
	free(w);
	mark_groups_free(g);
	timeline_free(tl);
	places_free(pl);
	return 0;
}
