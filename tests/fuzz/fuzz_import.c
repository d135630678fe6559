/*
 * fuzz_import.c: import_sniff(), import_detect() and import_load_mem() on
 * arbitrary bytes, read as ACLED, as UCDP GED and as an aggregate whatever
 * the start says,
 * as CSV with any delimiter or as API JSON (an input that starts with '{'
 * or '['). The sniff's answer is one of its three and never "more" once
 * final; what loads is sorted, its indexes stay in range, its ids are
 * unique, its text and attributes are clean, and its effects are the
 * statuses of territorial rows at their own place and day; a failure is
 * one clean message that names the input.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Like assert(), but kept under NDEBUG. */
#define CHECK(c)	do { if (!(c)) abort(); } while (0)

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

static void
walk(const struct places *pl, const struct timeline *tl)
{
	size_t i, *used = calloc(pl->n + 1, sizeof *used);

	CHECK(used != NULL);
	CHECK(tl->places == pl && tl->counted);
	/* an aggregate's rows, and only an aggregate's, count: at most INT32_MAX each */
	for (i = 0; tl->event_weight != NULL && i < tl->nevents; i++)
		CHECK(tl->event_weight[i] <= INT32_MAX);
	for (i = 0; i < tl->nattrs; i++) {
		size_t k;

		CHECK(tl->attrs[i].ndict >= 1 && tl->attrs[i].dict[0][0] == '\0');
		for (k = 0; k < tl->attrs[i].ndict; k++)
			check_clean(tl->attrs[i].dict[k]);
	}
	for (i = 0; i < pl->n; i++) {
		const struct place *p = &pl->v[i];

		CHECK(p->id != NULL && p->name != NULL && p->label != NULL);
		CHECK(p->name[0] != '\0');
		check_clean(p->id);
		check_clean(p->name);
		check_clean(p->label);
		check_clean(p->region);
		CHECK(strlen(p->name) <= 256);
		CHECK(p->kind == PLACE_SITE && p->initial == STATUS_NONE);
		CHECK(p->lat_deg >= -90 && p->lat_deg <= 90);
		CHECK(p->lon_deg >= -180 && p->lon_deg <= 180);
		CHECK(places_by_id(pl, p->id) == p);
	}
	for (i = 0; i < tl->ntypes; i++)
		check_clean(tl->types[i]);
	for (i = 0; i < tl->nevents; i++) {
		const struct event *ev = &tl->events[i];

		CHECK(ev->id[0] != '\0');
		check_clean(ev->id);
		check_clean(ev->actors);
		check_clean(ev->summary);
		check_clean(ev->sources);
		check_clean(ev->note);
		CHECK(strlen(ev->summary) <= 4096);
		CHECK(ev->lo <= ev->hi &&
		    ev->day == timeline_anchor(ev->lo, ev->hi, (enum date_prec)ev->prec));
		CHECK(ev->prec <= DATE_RANGE);
		CHECK(ev->type < tl->ntypes);
		CHECK(ev->fatalities >= -1);
		CHECK(ev->place < pl->n);
		CHECK(ev->neffects <= 1 && !ev->planned);
		if (ev->neffects == 1) {
			const struct effect *ef = &tl->effects[ev->first_effect];

			CHECK(ef->place == ev->place && ef->day == ev->day && !ef->attacked);
			CHECK(ef->status == STATUS_HELD_REBEL || ef->status == STATUS_HELD_POLITICAL ||
			    ef->status == STATUS_HELD_IDENTITY || ef->status == STATUS_HELD_NON_STATE ||
			    ef->status == STATUS_BASE || ef->status == STATUS_ARMY ||
			    ef->status == STATUS_RETAKEN);
		}
		{
			size_t k;

			for (k = 0; k < tl->nattrs; k++) {
				CHECK(ev->seq >= tl->attrs[k].cap ||
				    timeline_attr_code(&tl->attrs[k], ev->seq) < tl->attrs[k].ndict);
				check_clean(timeline_attr(tl, ev, k));
			}
		}
		used[ev->place] = 1;
		if (i > 0)
			CHECK(tl->events[i - 1].day < ev->day ||
			    (tl->events[i - 1].day == ev->day &&
			    tl->events[i - 1].seq < ev->seq));
		CHECK(timeline_find(tl, ev->id) == (long)i);
	}
	/* every place is some event's */
	for (i = 0; i < pl->n; i++)
		CHECK(used[i]);
	free(used);
}

static void
one(const char *buf, size_t size, enum import_format fmt)
{
	struct places *pl = NULL;
	struct timeline *tl = NULL;
	char *cause = NULL;
	int r = import_load_mem("fuzz.csv", buf, size, fmt, &pl, &tl, &cause);

	if (r < 0) {
		CHECK(pl == NULL && tl == NULL);
		check_cause(cause, "fuzz.csv");
		free(cause);
		return;
	}
	CHECK(r == (int)fmt && cause == NULL && pl != NULL && tl != NULL);
	walk(pl, tl);
	timeline_free(tl);
	places_free(pl);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *buf = (const char *)data;
	int fmt = import_detect(buf, size), final, r;
	struct import_kind k;
	char *cause;

	CHECK(fmt >= -1 && fmt <= IMPORT_AGGREGATE);
	for (final = 0; final <= 1; final++) {
		cause = NULL;
		r = import_sniff("fuzz.csv", buf, size, final, -1, &k, &cause);
		CHECK(r >= -1 && r <= (final ? 0 : 1));
		if (r < 0) {
			check_cause(cause, "fuzz.csv");
			free(cause);
		} else {
			CHECK(cause == NULL);
		}
		if (r == 0) {
			CHECK(k.format >= IMPORT_SITMAP && k.format <= IMPORT_AGGREGATE);
			CHECK(k.encoding == IMPORT_CSV || k.encoding == IMPORT_JSON);
			CHECK(strchr(",;\t|", k.delim) != NULL && k.delim != '\0');
			CHECK(!final || k.format == fmt);
		}
	}
	one(buf, size, IMPORT_ACLED);
	one(buf, size, IMPORT_UCDP);
	one(buf, size, IMPORT_AGGREGATE);
	return 0;
}
