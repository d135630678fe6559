/*
 * fuzz_evcache.c: an events cache entry's body is untrusted input like any
 * file. The input is resealed first (timeline_image_seal()), so that a
 * mutation reaches the checks behind the checksum: an image that is read
 * has every index in range, and the readers of a timeline walk it safely;
 * its places' groups are read back only if every index holds.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "label.h"
#include "timeline.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(c)	do { if (!(c)) abort(); } while (0)

static void
walk(const struct places *pl, const struct timeline *tl)
{
	enum status *st = calloc(pl->n + 1, sizeof *st);
	unsigned char *att = calloc(pl->n + 1, 1), *match = calloc(tl->nevents + 1, 1);
	struct stop at, next;
	size_t i, k, n = 0;
	day_t days[3] = { tl->first_lo, tl->last_day,
	    (day_t)(((int64_t)tl->first_lo + tl->last_day) / 2) };
	enum plan_state ps;

	CHECK(st != NULL && att != NULL && match != NULL);
	for (i = 0; i < tl->nevents; i++) {
		const struct event *ev = &tl->events[i];

		n += strlen(ev->id) + strlen(ev->actors) + strlen(ev->summary) +
		    strlen(ev->sources) + strlen(ev->note);
		CHECK(ev->type < tl->ntypes);
		CHECK(ev->place < pl->n || ev->place == (size_t)-1);
		for (k = 0; k < tl->nattrs; k++)
			n += strlen(timeline_attr(tl, ev, k));
		(void)timeline_find(tl, ev->id);
		(void)timeline_route(tl, ev);
	}
	for (i = 0; i < pl->n; i++)
		n += strlen(pl->v[i].name) + strlen(pl->v[i].id);
	for (i = 0; i < 3; i++) {
		timeline_state(tl, days[i], st, att);
		for (k = 0; k < pl->n && k < 64; k++)
			(void)timeline_plan(tl, k, days[i], st[k], &ps);
		(void)timeline_upto_day(tl, days[i]);
		(void)timeline_count(tl, days[0], days[i], NULL);
	}
	(void)timeline_match(tl, "a", match);
	for (i = 0, k = timeline_stop_next(tl, NULL, NULL, &at) == 0; k && i < 1000; i++) {
		if (timeline_stop_next(tl, &at, match, &next) != 0)
			break;
		at = next;
	}
	(void)n;
	free(st);
	free(att);
	free(match);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* 8-aligned, as a mapping is */
	char *buf = malloc(size ? size : 1);
	struct places *pl;
	struct timeline *tl;

	CHECK(buf != NULL);
	memcpy(buf, data, size);
	(void)timeline_image_seal(buf, size);
	if (timeline_image_read(buf, size, 0, 0, size, &pl, &tl) != 0)
		return 0;
	CHECK(tl->places == pl);
	walk(pl, tl);
	/* the places' groups the image carries (load.c): read only if they hold */
	{
		size_t nw, k, j;
		const uint64_t *w = timeline_image_extra(tl, &nw);
		struct mark_groups *g = mark_groups_from_words(pl, w, nw);

		for (k = 0; g != NULL && k < g->n; k++)
			for (j = g->first[k]; j < g->first[k + 1]; j++)
				CHECK(g->member[j] < pl->n && g->group_of[g->member[j]] == k);
		mark_groups_free(g);
	}
	timeline_free(tl);
	places_free(pl);
	return 0;
}
