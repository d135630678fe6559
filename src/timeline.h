/* timeline.h: dated events, and the status of every place on any day. */
#ifndef SITMAP_TIMELINE_H
#define SITMAP_TIMELINE_H

#include <stddef.h>
#include "date.h"
#include "places.h"

/* One status change: place pl becomes status st on day (attacked: for that day only). */
struct effect {
	size_t		 place;		/* index into places */
	enum status	 status;	/* the status after; ATTACKED alone means no lasting change */
	int		 attacked;	/* 1 if the place was attacked that day */
	day_t		 day;
};

struct event {
	char		*id;
	day_t		 lo, hi;	/* the date as the sources give it */
	enum date_prec	 prec;
	day_t		 day;		/* where the event sits on the timeline (its last effect day, or lo) */
	size_t		 place;		/* where it happened: index into places, or (size_t)-1 */
	int		 planned;	/* announced in advance; does not change statuses */
	size_t		 first_effect, neffects;
	char		*actors, *summary, *sources, *note;
	char		*effects_text;	/* the effects column as written */
	size_t		 seq;		/* row order in the file */
};

struct timeline {
	const struct places *places;	/* borrowed */
	size_t		 nevents;
	struct event	*events;	/* sorted by day, then file order */
	size_t		 neffects;
	struct effect	*effects;
};

/*
 * Loads events.csv (columns by header name: id, date, end_date, precision,
 * place, kind, effects, actors, summary, sources, note). A bad row is fatal:
 * NULL with *cause "FILE:LINE: reason".
 */
struct timeline	*timeline_load(const char *path, const struct places *, char **cause);
struct timeline	*timeline_load_mem(const char *name, const char *buf, size_t len,
		    const struct places *, char **cause);

/*
 * Each place's status at the end of day: the fold of every reported effect
 * on or before it (planned events change nothing). out[i] is for place i;
 * attacked[i] (may be NULL) is 1 if place i was attacked on that very day.
 */
void		 timeline_state(const struct timeline *, day_t day, enum status *out,
		    unsigned char *attacked);
/* Number of events whose day is <= day (the position of a date). */
size_t		 timeline_upto_day(const struct timeline *, day_t day);
/* Index of the event with this id, or -1. */
long		 timeline_find(const struct timeline *, const char *id);
void		 timeline_free(struct timeline *);	/* NULL is fine */

#endif
