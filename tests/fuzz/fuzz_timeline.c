/*
 * fuzz_timeline.c: places_load_mem() and timeline_load_mem() on arbitrary
 * bytes. A timeline they return is sorted, its indexes stay in range, its
 * text is clean, timeline_state() agrees with a naive fold of the effects
 * on every day the events name, and its stops are each walked once, in
 * order; a failure is one clean message that names the file.
 *
 * Input: places CSV, a 0 byte, events CSV; without a 0 byte, the whole
 * input is the events CSV over a fixed copy of data/places.csv.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "places.h"
#include "timeline.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Like assert(), but kept under NDEBUG. */
#define CHECK(c)	do { if (!(c)) abort(); } while (0)
#define MAX_DAYS	24

#include "fixed_places.h"

/* What the sanitiser never lets through: C0, DEL, C1 as UTF-8, ESC above all. */
static void
check_clean(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	for (; *u != '\0'; u++) {
		CHECK(*u >= 0x20 && *u != 0x7f);
		CHECK(!(u[0] == 0xc2 && u[1] >= 0x80 && u[1] <= 0x9f));
	}
}

static void
check_cause(const char *cause, const char *name)
{
	size_t n = strlen(name);

	CHECK(cause != NULL);
	CHECK(strncmp(cause, name, n) == 0 && cause[n] == ':');
	check_clean(cause);
}

/*
 * The documented fold, the slow way: the last reported effect on or before
 * day wins, the later day first, then the later in file order.
 */
static void
naive_state(const struct timeline *tl, const size_t *by_row, day_t day, enum status *out,
    unsigned char *attacked, day_t *when)
{
	size_t i, e, np = tl->places->n;

	for (i = 0; i < np; i++) {
		out[i] = tl->places->v[i].initial;
		attacked[i] = 0;
		when[i] = INT32_MIN;
	}
	for (i = 0; i < tl->nevents; i++) {
		const struct event *ev = &tl->events[by_row[i]];

		if (ev->planned)
			continue;
		for (e = ev->first_effect; e < ev->first_effect + ev->neffects; e++) {
			const struct effect *ef = &tl->effects[e];

			if (ef->day > day)
				continue;
			if (ef->status != STATUS_NONE && ef->day >= when[ef->place]) {
				out[ef->place] = (enum status)ef->status;
				when[ef->place] = ef->day;
			}
			if (ef->attacked && ef->day == day)
				attacked[ef->place] = 1;
		}
	}
}

static void
check_days(const struct timeline *tl)
{
	size_t np = tl->places->n, i, n = 0;
	enum status *got = calloc(np + 1, sizeof *got), *want = calloc(np + 1, sizeof *want);
	unsigned char *got_a = calloc(np + 1, 1), *want_a = calloc(np + 1, 1);
	day_t *when = calloc(np + 1, sizeof *when), days[MAX_DAYS];
	size_t *by_row = calloc(tl->nevents + 1, sizeof *by_row);

	CHECK(got != NULL && want != NULL && got_a != NULL && want_a != NULL &&
	    when != NULL && by_row != NULL);
	for (i = 0; i < tl->nevents; i++)
		by_row[tl->events[i].seq] = i;
	days[n++] = INT32_MIN / 2;
	days[n++] = INT32_MAX / 2;
	for (i = 0; i < tl->nevents && n + 3 <= MAX_DAYS; i++) {
		days[n++] = tl->events[i].lo - 1;
		days[n++] = tl->events[i].day;
		days[n++] = tl->events[i].hi;
	}
	for (i = 0; i < n; i++) {
		timeline_state(tl, days[i], got, got_a);
		naive_state(tl, by_row, days[i], want, want_a, when);
		CHECK(memcmp(got, want, np * sizeof *got) == 0);
		CHECK(memcmp(got_a, want_a, np) == 0);
		timeline_state(tl, days[i], got, NULL);
		CHECK(memcmp(got, want, np * sizeof *got) == 0);
	}
	free(got);
	free(want);
	free(got_a);
	free(want_a);
	free(when);
	free(by_row);
}

/*
 * Stops: every event's first stop and extra stops, each once, in order
 * (by day, then file order); forwards and backwards alike.
 */
static void
check_stops(const struct timeline *tl)
{
	size_t n = 0, firsts = 0;
	struct stop st, prev;
	int have = 0;

	while (timeline_stop_next(tl, have ? &prev : NULL, NULL, &st) == 0) {
		const struct event *ev = &tl->events[st.ev];

		CHECK(st.ev < tl->nevents);
		CHECK(st.day >= ev->day && st.day <= ev->hi);
		if (have)
			CHECK(prev.day < st.day || (prev.day == st.day &&
			    tl->events[prev.ev].seq < ev->seq));
		firsts += st.day == ev->day;
		CHECK(timeline_reached(tl, &st, NULL) > st.ev);
		prev = st;
		have = 1;
		CHECK(++n <= timeline_nstops(tl));
	}
	CHECK(n == timeline_nstops(tl) && firsts == tl->nevents);
	while (n > 0) {
		CHECK(timeline_stop_prev(tl, n == timeline_nstops(tl) ? NULL : &prev, NULL,
		    &st) == 0);
		prev = st;
		n--;
	}
	CHECK(!have || timeline_stop_prev(tl, &prev, NULL, &st) == -1);
}

static void
walk(const struct timeline *tl)
{
	size_t i, e, np = tl->places->n;

	for (i = 0; i < tl->nevents; i++) {
		const struct event *ev = &tl->events[i];

		CHECK(ev->id[0] != '\0');
		check_clean(ev->id);
		check_clean(ev->actors);
		check_clean(ev->summary);
		check_clean(ev->sources);
		check_clean(ev->note);
		CHECK(ev->lo <= ev->hi);
		CHECK(ev->place == (size_t)-1 || ev->place < np);
		CHECK((size_t)ev->first_effect + ev->neffects <= tl->neffects);
		if (i > 0)
			CHECK(tl->events[i - 1].day < ev->day ||
			    (tl->events[i - 1].day == ev->day &&
			    tl->events[i - 1].seq < ev->seq));
		CHECK(timeline_find(tl, ev->id) == (long)i);
		CHECK(timeline_upto_day(tl, ev->day) > i);
		CHECK(ev->day <= timeline_anchor(ev->lo, ev->hi, (enum date_prec)ev->prec));
		for (e = ev->first_effect; e < ev->first_effect + ev->neffects; e++) {
			const struct effect *ef = &tl->effects[e];

			CHECK(ef->place < np && ef->status < STATUS_COUNT);
			CHECK(ef->day >= ev->lo && ef->day <= ev->hi);
			CHECK(ef->day >= ev->day);	/* an event sits at its first stop */
		}
	}
	CHECK(timeline_upto_day(tl, INT32_MAX) == tl->nevents);
	check_days(tl);
	check_stops(tl);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *buf = (const char *)data, *nul = memchr(buf, '\0', size);
	const char *pbuf = fixed_places, *ebuf = buf;
	size_t plen = sizeof fixed_places - 1, elen = size, i;
	struct places *pl;
	struct timeline *tl;
	char *cause = NULL;

	if (nul != NULL) {
		pbuf = buf;
		plen = (size_t)(nul - buf);
		ebuf = nul + 1;
		elen = size - plen - 1;
	}
	if ((pl = places_load_mem("fuzz-places.csv", pbuf, plen, &cause)) == NULL) {
		check_cause(cause, "fuzz-places.csv");
		free(cause);
		return 0;
	}
	for (i = 0; i < pl->n; i++) {
		check_clean(pl->v[i].id);
		check_clean(pl->v[i].name);
		check_clean(pl->v[i].label);
		CHECK(pl->v[i].initial < STATUS_COUNT);
	}
	if ((tl = timeline_load_mem("fuzz-events.csv", ebuf, elen, pl, &cause)) == NULL) {
		check_cause(cause, "fuzz-events.csv");
		free(cause);
	} else {
		walk(tl);
		timeline_free(tl);
	}
	places_free(pl);
	return 0;
}
