/* evlist.c: the rows of the events list and of a site's history, in aligned columns. */
#include "evlist.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "report.h"
#include "text.h"
#include "util.h"

/* The widest a column gets: the summary takes what is left. */
#define ID_MAX		10
#define DATE_MAX	18
#define PLACE_MAX	20
#define CHANGE_MAX	26
/* In a narrow list the place and change columns give way, down to these, ... */
#define PLACE_MIN	8
#define CHANGE_MIN	8
/* ... until the summary has a third of the width, and at least this. */
#define SUMMARY_MIN	20

struct evlist {
	const struct timeline *tl;
	const struct places *pl;
	struct listview	*lv;
	size_t		*rows;		/* the events shown */
	size_t		 current;
	int		 wid, wdate, wplace, wchange;
};

static void
date_of(const struct event *ev, char *buf, size_t len)
{
	date_format(buf, len, ev->lo, ev->hi, (enum date_prec)ev->prec);
}

static const char *
place_of(const struct evlist *el, const struct event *ev)
{
	return ev->place < el->pl->n ? el->pl->v[ev->place].name : "-";
}

/*
 * What the event changes: the first status it sets ("Kidal UN camp: UN
 * withdrawing" when the place is not the event's own), "+N" for the
 * others; else "planned", "attacked" or the type of imported data.
 */
static void
change_of(const struct evlist *el, const struct event *ev, char *buf, size_t len)
{
	const struct timeline *tl = el->tl;
	const char *type = tl->types != NULL && ev->type < tl->ntypes ? tl->types[ev->type] : "";

	buf[0] = '\0';
	if (ev->neffects > 0) {
		const struct effect *ef = &tl->effects[ev->first_effect];
		const char *what = ef->status == STATUS_NONE ? "attacked" :
		    status_label((enum status)ef->status);
		size_t at = 0;

		if (ev->planned)
			at += (size_t)snprintf(buf, len, "planned: ");
		if (ef->place != ev->place && ef->place < el->pl->n && at < len)
			at += (size_t)snprintf(buf + at, len - at, "%s: ", el->pl->v[ef->place].name);
		if (at < len)
			at += (size_t)snprintf(buf + at, len - at, "%s", what);
		if (ev->neffects > 1 && at < len)
			snprintf(buf + at, len - at, " +%u", (unsigned)ev->neffects - 1);
	} else if (ev->planned) {
		snprintf(buf, len, "planned");
	} else if (type[0] != '\0') {
		snprintf(buf, len, "%s", type);
	}
}

static int
capped(int w, int max)
{
	return w > max ? max : w;
}

/*
 * The columns' widths, over every event. An export has millions of events
 * but few places, types and days, and they come sorted by date: each
 * place's and type's width is measured once, a date only when it differs
 * from the previous event's, and a column no more once it is at its cap.
 */
#define LIST_AHEAD	16	/* events */

struct evlist *
evlist_new(const struct timeline *tl, const struct places *pl)
{
	struct evlist *el = xcalloc(1, sizeof *el);
	unsigned char *place_seen = xcalloc(pl->n + 1, 1);
	unsigned char *type_seen = xcalloc(tl->ntypes + 1, 1);
	const struct event *prev = NULL;
	size_t i;

	el->tl = tl;
	el->pl = pl;
	el->current = EVLIST_NONE;
	el->rows = xcalloc(tl->nevents ? tl->nevents : 1, sizeof *el->rows);
	el->lv = listview_new(tl->nevents, evlist_text, el);
	el->wid = el->wdate = el->wplace = el->wchange = 1;
	for (i = 0; i < tl->nevents; prev = &tl->events[i], i++) {
		const struct event *ev = &tl->events[i];
		char buf[256];
		int w;

		/* a million ids lie apart from their events: asked for ahead */
		if (el->wid < ID_MAX && i + LIST_AHEAD < tl->nevents)
			__builtin_prefetch(tl->events[i + LIST_AHEAD].id);
		if (el->wid < ID_MAX && (w = text_width(ev->id)) > el->wid)
			el->wid = capped(w, ID_MAX);
		if (el->wdate < DATE_MAX && (prev == NULL || prev->lo != ev->lo ||
		    prev->hi != ev->hi || prev->prec != ev->prec)) {
			date_of(ev, buf, sizeof buf);
			if ((w = text_width(buf)) > el->wdate)
				el->wdate = capped(w, DATE_MAX);
		}
		if (el->wplace < PLACE_MAX) {
			size_t k = ev->place < pl->n ? ev->place : pl->n;

			if (!place_seen[k]) {
				place_seen[k] = 1;
				if ((w = text_width(place_of(el, ev))) > el->wplace)
					el->wplace = capped(w, PLACE_MAX);
			}
		}
		if (el->wchange >= CHANGE_MAX)
			continue;
		/* a row that changes nothing shows its type (or nothing): once per type */
		if (ev->neffects == 0 && !ev->planned) {
			size_t k = ev->type < tl->ntypes ? ev->type : tl->ntypes;

			if (type_seen[k])
				continue;
			type_seen[k] = 1;
		}
		change_of(el, ev, buf, sizeof buf);
		if ((w = text_width(buf)) > el->wchange)
			el->wchange = capped(w, CHANGE_MAX);
	}
	free(place_seen);
	free(type_seen);
	return el;
}

void
evlist_free(struct evlist *el)
{
	if (el == NULL)
		return;
	listview_free(el->lv);
	free(el->rows);
	free(el);
}

struct listview *
evlist_view(struct evlist *el)
{
	return el->lv;
}

size_t
evlist_show(struct evlist *el, const unsigned char *match, const size_t *place, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < el->tl->nevents; i++) {
		if (match != NULL && !match[i])
			continue;
		if (n > 0 && report_history_hit(el->tl, &el->tl->events[i], place, n) ==
		    (size_t)-1)
			continue;
		el->rows[k++] = i;
	}
	listview_filter(el->lv, match == NULL && n == 0 ? NULL : el->rows, k);
	return k;
}

size_t
evlist_event(const struct evlist *el)
{
	size_t r = listview_selected(el->lv);

	return r == LISTVIEW_NONE ? EVLIST_NONE : r;
}

void
evlist_set_current(struct evlist *el, size_t ev)
{
	el->current = ev;
}

/*
 * The place and change columns' widths in a list cols wide (0: as wide as
 * they get): the wider of the two gives way a column at a time, until the
 * summary has its share or both are at their least.
 */
static void
fit_columns(const struct evlist *el, int cols, int *wplace, int *wchange)
{
	int summary = cols / 3 > SUMMARY_MIN ? cols / 3 : SUMMARY_MIN;
	int room = cols - 2 - (el->wid + 2) - (el->wdate + 2) - 4 - summary;

	*wplace = el->wplace;
	*wchange = el->wchange;
	if (cols <= 0)
		return;
	while (*wplace + *wchange > room && (*wplace > PLACE_MIN || *wchange > CHANGE_MIN)) {
		if (*wchange > CHANGE_MIN && (*wchange >= *wplace || *wplace <= PLACE_MIN))
			(*wchange)--;
		else
			(*wplace)--;
	}
}

const char *
evlist_text(void *ctx, size_t i, int cols, char *buf, size_t len)
{
	const struct evlist *el = ctx;
	const struct event *ev;
	char date[64], change[256];
	int wplace, wchange;

	if (i >= el->tl->nevents) {
		snprintf(buf, len, "%s", "");
		return buf;
	}
	ev = &el->tl->events[i];
	date_of(ev, date, sizeof date);
	change_of(el, ev, change, sizeof change);
	fit_columns(el, cols, &wplace, &wchange);
	buf[0] = '\0';
	listview_column(buf, len, i == el->current ? "*" : "", 2);
	listview_cell(buf, len, ev->id, el->wid, 2);
	listview_cell(buf, len, date, el->wdate, 2);
	listview_cell(buf, len, place_of(el, ev), wplace, 2);
	listview_cell(buf, len, change, wchange, 2);
	listview_column(buf, len, ev->summary, text_width(ev->summary));
	return buf;
}
