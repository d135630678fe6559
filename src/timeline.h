/* timeline.h: dated events, and the status of every place on any day. */
#ifndef SITMAP_TIMELINE_H
#define SITMAP_TIMELINE_H

#include <stddef.h>
#include <stdint.h>
#include "date.h"
#include "places.h"
#include "util.h"

/* One status change: place pl becomes status st on day (attacked: for that day only). */
struct effect {
	uint32_t	 place;		/* index into places */
	uint8_t		 status;	/* enum status after; NONE: no lasting change */
	uint8_t		 attacked;	/* 1 if the place was attacked that day */
	day_t		 day;
};

struct event {
	char		*id;
	char		*actors, *summary, *sources, *note;
	size_t		 place;		/* where it happened: index into places, or (size_t)-1 */
	day_t		 lo, hi;	/* the date as the sources give it */
	day_t		 day;		/* where the event sits on the timeline (its last effect day, or lo) */
	uint32_t	 first_effect, neffects;
	uint32_t	 seq;		/* row order in the file */
	uint8_t		 prec;		/* enum date_prec */
	uint8_t		 planned;	/* announced in advance; does not change statuses */
	uint16_t	 type;		/* index into the timeline's types; 0 is "" */
	int32_t		 fatalities;	/* -1: not given */
	uint32_t	 id_hash;	/* util_hash() of id: the id index compares strings only on a match */
	uint32_t	 line;		/* where its record starts in the file (0: not from a file) */
};

/* A slot of the id index: event ev - 1 has an id whose hash is hash; ev 0 is empty. */
struct id_slot {
	uint32_t	 hash, ev;
};

struct timeline {
	const struct places *places;	/* borrowed */
	size_t		 nevents;
	struct event	*events;	/* sorted by day, then file order */
	size_t		 neffects;
	struct effect	*effects;
	struct id_slot	*id_slots;	/* event id -> index: open addressing, at most half full */
	size_t		 id_cap;	/* a power of two */
	struct strmap	*place_ids;	/* while loading only */
	size_t		 last_place;	/* while loading: the last place looked up */
	struct arena	 text;		/* every event's strings */
	/* reported effects by day: the fold; a snapshot of all statuses every snap_every */
	struct effect	*fold;
	size_t		 nfold, snap_every;
	uint8_t		*snaps;
	/* movements: the places an event's convoy went through, in order */
	struct route {
		uint32_t	 seq;		/* the event's row (event.seq) */
		uint32_t	 first, n;	/* stops[first .. first + n) */
	}		*routes;	/* in row order */
	size_t		 nroutes;
	uint32_t	*stops;		/* place indexes */
	size_t		 nstops;
	/* for frames that go through every event: packed, in event order */
	uint32_t	*event_place;	/* events[i].place, or UINT32_MAX for none */
	size_t		*planned;	/* indexes of the planned events */
	size_t		 nplanned;
	day_t		 first_lo, last_day;	/* the span: earliest date, latest day */
	char		**types;	/* event types, for imported data; types[0] = "" */
	size_t		 ntypes;
	struct strmap	*type_ids;	/* type name -> index */
};

/*
 * Loads events.csv (columns by header name: id, date, end_date, precision,
 * place, kind, effects, actors, summary, sources, note, route). A bad row is fatal:
 * NULL with *cause "FILE:LINE: reason".
 */
struct timeline	*timeline_load(const char *path, const struct places *, char **cause);
/* The same, reading block bytes at a time (timeline_load: 4 MiB); for tests. */
struct timeline	*timeline_load_blocks(const char *path, const struct places *, size_t block,
		    char **cause);
struct timeline	*timeline_load_mem(const char *name, const char *buf, size_t len,
		    const struct places *, char **cause);

/*
 * Building a timeline from other formats (see import.c): new, then one
 * timeline_push() per event, whose strings come from timeline_text() and
 * whose type from timeline_type(), then timeline_finish(), which fails on a
 * duplicate id (NULL and *cause set, the timeline freed).
 */
struct timeline	*timeline_new(const struct places *);
struct event	*timeline_push(struct timeline *);
/* A sanitised copy of s[0..len) kept by the timeline (at most 4 KiB). */
char		*timeline_text(struct timeline *, const char *s, size_t len);
/* The index of a type name, added if new (at most 65535 types, then 0). */
uint16_t	 timeline_type(struct timeline *, const char *s, size_t len);
struct timeline	*timeline_finish(struct timeline *, const char *name, char **cause);

/*
 * Each place's status at the end of day: the fold of every reported effect
 * on or before it (planned events change nothing). out[i] is for place i;
 * attacked[i] (may be NULL) is 1 if place i was attacked on that very day.
 */
void		 timeline_state(const struct timeline *, day_t day, enum status *out,
		    unsigned char *attacked);
/* Number of events whose day is <= day (the position of a date). */
size_t		 timeline_upto_day(const struct timeline *, day_t day);
/* The route of an event (its places in order, at least two), or NULL. */
const struct route *timeline_route(const struct timeline *, const struct event *);
/* Index of the event with this id, or -1. */
long		 timeline_find(const struct timeline *, const char *id);
void		 timeline_free(struct timeline *);	/* NULL is fine */

#endif
