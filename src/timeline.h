/* timeline.h: dated events, and the status of every place on any day. */
#ifndef SITMAP_TIMELINE_H
#define SITMAP_TIMELINE_H

#include <stddef.h>
#include <stdint.h>
#include "date.h"
#include "places.h"

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
	day_t		 day;		/* its first stop: where it sits on the timeline */
	uint32_t	 first_effect, neffects;
	uint32_t	 seq;		/* row order in the file */
	uint8_t		 prec;		/* enum date_prec */
	uint8_t		 planned;	/* announced in advance; does not change statuses */
	uint16_t	 type;		/* index into the timeline's types; 0 is "" */
	int32_t		 fatalities;	/* -1: not given */
	/* util_hash() of id (0: timeline_finish() hashes it): the id index compares strings on a match */
	uint32_t	 id_hash;
	uint32_t	 line;		/* where its record starts in the file (0: not from a file) */
};

/*
 * A stop: a day on which an event is reached. An event's stops are the
 * distinct days among its anchor (timeline_anchor()) and its effects' days;
 * stops are ordered by day, then file order.
 */
struct stop {
	day_t		 day;
	uint32_t	 ev;		/* index into events */
};

/* A planned effect, and when a report first gave its place that status. */
struct plan {
	uint32_t	 ev;		/* the planned event: index into events */
	uint32_t	 effect;	/* index into effects */
	day_t		 confirmed;	/* first day of a reported effect with the same place and
					   status; INT32_MAX: none */
};

enum plan_state { PLAN_NONE, PLAN_PENDING, PLAN_UNCONFIRMED };

/*
 * A column an import keeps beside an event's own fields (ACLED's
 * sub_event_type, assoc_actor_1...): a dictionary of its distinct values and
 * a code per event, so that a value a million rows share is held once and
 * searched once.
 */
struct timeline_attr {
	const char	*key;		/* the source's column name(s): --list-events' column */
	const char	*label;		/* what the panel calls it */
	char		**dict;		/* the distinct values, sanitised; dict[0] = "" */
	size_t		 ndict;
	void		*code;		/* by the event's seq (row order), into dict */
	size_t		 cap;		/* of code, in codes */
	unsigned	 width;		/* bytes a code: 1, 2 or 4, the fewest that hold ndict - 1 */
};

/* The code of the event of row seq (0, "", past the column's end); not bounded by ndict. */
static inline uint32_t
timeline_attr_code(const struct timeline_attr *a, size_t seq)
{
	if (seq >= a->cap)
		return 0;
	return a->width == 1 ? ((const uint8_t *)a->code)[seq] :
	    a->width == 2 ? ((const uint16_t *)a->code)[seq] : ((const uint32_t *)a->code)[seq];
}

struct timeline_ix;		/* timeline.c's own: see there */
struct timeline_build;		/* while loading only */

/*
 * Events and what frames and reports read of them. Everything else (the
 * strings' arena, the id index, the fold, the extra stops, the plans) is
 * timeline.c's, reached through the functions below.
 */
struct timeline {
	const struct places *places;	/* borrowed */
	size_t		 nevents;
	struct event	*events;	/* sorted by day, then file order */
	size_t		 neffects;
	struct effect	*effects;
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
	uint32_t	*event_weight;	/* how many events events[i] stands for (an aggregate's
					   count); NULL: one each */
	size_t		*planned;	/* indexes of the planned events */
	size_t		 nplanned;
	day_t		 first_lo, last_day;	/* the span: earliest date, latest last day */
	day_t		 initial_from;	/* the places' initial statuses hold from this day;
					   before it a place has only what effects gave it */
	char		**types;	/* event types, for imported data; types[0] = "" */
	size_t		 ntypes;
	struct timeline_attr *attrs;	/* an import's other columns */
	size_t		 nattrs;
	int		 counted;	/* an export: its events are counted per cell, and the
					   statuses it sets are drawn over the counts */
	struct timeline_ix *ix;
	struct timeline_build *build;	/* NULL once loaded */
};

struct instream;

/*
 * Loads events.csv (columns by header name: id, date, end_date, precision,
 * place, kind, effects, actors, summary, sources, note, route). A bad row is fatal:
 * NULL with *cause "FILE:LINE: reason". Any input instream_open() reads
 * (a pipe, "-", gzip, zip), of any size.
 */
struct timeline	*timeline_load(const char *path, const struct places *, char **cause);
/*
 * The same from a stream already open (and perhaps peeked at), whose
 * fields are separated by delim (csv_set_delim()), reading block bytes at
 * a time (0: 4 MiB, as timeline_load(); a record longer grows the block).
 */
struct timeline	*timeline_load_stream(struct instream *, const struct places *, char delim,
		    size_t block, char **cause);
/* timeline_load() reading block bytes at a time; for tests. */
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
void		 timeline_reserve(struct timeline *, size_t);
/* A sanitised copy of s[0..len) kept by the timeline (at most 4 KiB). */
char		*timeline_text(struct timeline *, const char *s, size_t len);
/*
 * Where timeline_text()'s blocks come from (NULL: the heap): an events
 * cache entry's rooms, so that the text is written once, where the entry
 * keeps it; and the dictionaries' strings, and the events and the id
 * index while they are built (in its scratch rooms, see scratch_resize()).
 * rooms must outlive the timeline.
 */
struct arena_rooms;
void		 timeline_text_rooms(struct timeline *, const struct arena_rooms *);
/* Gives back s, the latest timeline_text(), which was not needed after all. */
void		 timeline_text_drop(struct timeline *, char *s);
/*
 * A sanitised copy of s[0..len) (at most 4 KiB) shared by every caller that
 * asks for the same text: for strings many events repeat (actors, sources).
 */
char		*timeline_intern(struct timeline *, const char *s, size_t len);
/* The index of a type name, added if new (at most 65535 types, then 0). */
uint16_t	 timeline_type(struct timeline *, const char *s, size_t len);
/* A new attribute column (key and label are borrowed: static text); its index. */
size_t		 timeline_attr_add(struct timeline *, const char *key, const char *label);
/* Sets attribute a of ev (pushed, not yet finished) to a sanitised s[0..len). */
void		 timeline_attr_set(struct timeline *, const struct event *ev, size_t a,
		    const char *s, size_t len);
/*
 * Sets how many events ev (pushed, not yet finished) stands for: a row of
 * an aggregate. Once one is set, an event not given one stands for none.
 */
void		 timeline_set_weight(struct timeline *, const struct event *ev, uint32_t n);
/* How many events events[i] stands for: its weight, else 1. */
uint32_t	 timeline_weight(const struct timeline *, size_t i);
/*
 * Adds an effect to ev, zeroed but for its day (ev's anchor), for the caller
 * to fill: events' effects are contiguous, so ev must be the latest event
 * given effects. Not for an event a later row may replace.
 */
struct effect	*timeline_effect(struct timeline *, struct event *ev);
/*
 * Appends the events of src (pushed, not finished, with no effects; its
 * attributes those of dst, added in the same order) after dst's, as if they
 * had been pushed to dst: their rows (seq) after dst's, their places
 * through place_map (src's place i is dst's place_map[i]), their types and
 * attribute values by name, new ones after dst's in src's order. Takes
 * src's strings and frees src. For a file parsed in blocks (import.c): the
 * blocks' timelines, appended in file order, are the one a single pass
 * builds. src must not have run out of types (ntypes below 65535).
 */
void		 timeline_append(struct timeline *dst, struct timeline *src,
		    const size_t *place_map);
struct timeline	*timeline_finish(struct timeline *, const char *name, char **cause);

/*
 * The day an event dated lo..hi takes effect when an effect names no day:
 * the first day of a day or a range (a range is under way from its first
 * day), the last day of a month (a month only says it happened within it).
 */
day_t		 timeline_anchor(day_t lo, day_t hi, enum date_prec);

/*
 * Each place's status at the end of day: the fold of every reported effect
 * on or before it (planned events change nothing). out[i] is for place i;
 * attacked[i] (may be NULL) is 1 if place i was attacked on that very day.
 */
void		 timeline_state(const struct timeline *, day_t day, enum status *out,
		    unsigned char *attacked);
/*
 * The same, with where each status came from: since[i] the day it began
 * and from[i] the event that set it (an index into events), or INT32_MIN
 * and (size_t)-1 for a place still in its initial status.
 */
void		 timeline_origins(const struct timeline *, day_t day, enum status *out,
		    day_t *since, size_t *from);
/* Number of events whose first stop is on or before day. */
size_t		 timeline_upto_day(const struct timeline *, day_t day);

/*
 * Walking stops. match (may be NULL: every event) has a byte per event, 0
 * to skip it. Each returns 0 with *out set, or -1 if there is no such stop.
 * at NULL: before the first stop (next) or after the last (prev).
 */
int		 timeline_stop_next(const struct timeline *, const struct stop *at,
		    const unsigned char *match, struct stop *out);
int		 timeline_stop_prev(const struct timeline *, const struct stop *at,
		    const unsigned char *match, struct stop *out);
/* The last stop on or before day. */
int		 timeline_stop_at(const struct timeline *, day_t day, const unsigned char *match,
		    struct stop *out);
/* Events (that match) whose first stop is at or before at (NULL: none). */
size_t		 timeline_reached(const struct timeline *, const struct stop *at,
		    const unsigned char *match);
/* Events (that match) whose first stop is within from..to. */
size_t		 timeline_count(const struct timeline *, day_t from, day_t to,
		    const unsigned char *match);
/* Number of stops in all. */
size_t		 timeline_nstops(const struct timeline *);
/* Number of planned effects that would change a status (see timeline_plan()). */
size_t		 timeline_nplans(const struct timeline *);

/* Events per place, and the last of them (an index into events). */
struct place_count {
	unsigned	 n;	/* an aggregate's rows add their counts, held at UINT_MAX */
	uint32_t	 last;
};

/*
 * The events from .. to (an index range, those match[] keeps if not NULL)
 * counted per place into per[0..np). A place with none has n 0.
 */
void		 timeline_count_places(const struct timeline *, size_t from, size_t to,
		    const unsigned char *match, struct place_count *per, size_t np);

/*
 * The filter: match[i] = 1 if event i's id, type, actors, summary, place
 * name or any attribute contains folded (a text_fold()ed, non-empty
 * string). Returns how many match.
 */
size_t		 timeline_match(const struct timeline *, const char *folded, unsigned char *match);

/*
 * The planned change to show at place on day, when its status then is now:
 * a pending one (its event's last day not past, a status the place does not
 * have), the soonest first; else one whose dates have passed without a
 * report confirming it (the latest). NULL and PLAN_NONE if there is none.
 */
const struct plan *timeline_plan(const struct timeline *, size_t place, day_t day,
		    enum status now, enum plan_state *);
/* The route of an event (its places in order, at least two), or NULL. */
const struct route *timeline_route(const struct timeline *, const struct event *);
/* Attribute a's value for ev ("" when none). */
const char	*timeline_attr(const struct timeline *, const struct event *, size_t a);
/* Index of the event with this id, or -1. */
long		 timeline_find(const struct timeline *, const char *id);
void		 timeline_free(struct timeline *);	/* NULL is fine */

/*
 * The events cache's image of an import: places (lon/lat; not projected)
 * and a finished timeline over them, written through put(ctx, p, n), for
 * a file whose body starts at body_off and whose first body_used bytes are
 * in place: the text arena's rooms (timeline_text_rooms()), zero around
 * them. Its events are read where they lie (no copy, no page touched but
 * theirs) when the file is mapped at TIMELINE_IMAGE_BASE, an address far
 * from where a process's own mappings go; mapped elsewhere, they are
 * copied and their strings moved. extra[0.. nextra) are the caller's
 * words, checksummed with the rest: what else a start would derive from
 * the places (their groups, see load.c). -1 if a string was in no arena
 * when it was needed, or a room is not in body_used: the image is wrong.
 * Events and id index built in scratch rooms of ctx (its rooms') are made
 * the image's sections where they lie: the timeline's events are then the
 * image's, not to be read before timeline_image_undo(), and only freed.
 */
#define TIMELINE_IMAGE_BASE	((uintptr_t)0x3e0000000000ULL)
int		 timeline_image_write(struct timeline *, const struct places *,
		    const uint64_t *extra, size_t nextra, size_t body_off, uint64_t body_used,
		    void (*put)(void *ctx, const void *p, size_t n), void *ctx);
/* The events of a timeline_image_write() that made them the image's, as they were. */
void		 timeline_image_undo(struct timeline *);
/*
 * Reads an image, body base[off .. off + len) with off a multiple of 8:
 * 0 with *pl and *tl set (timeline_free() before places_free()), or -1 if
 * it is not a whole, consistent image. Takes base in every case (mapped:
 * base_len bytes to munmap(); else malloc'd); the timeline's arrays lie in it.
 */
int		 timeline_image_read(char *base, size_t base_len, int mapped, size_t off,
		    size_t len, struct places **pl, struct timeline **tl);
/* 1 if body[0..len) ends with an image trailer of another layout than this build's. */
int		 timeline_image_foreign(const char *body, size_t len);
/* The extra words of the image a timeline was read from (NULL, 0 if none), where they lie. */
const uint64_t	*timeline_image_extra(const struct timeline *, size_t *nextra);
/*
 * Sets the checksum of an image body[0..len) to what its sections hold:
 * for tests and the fuzz target, which forge images whose every other
 * check must hold. 0, or -1 if its sections do not lie within it.
 */
int		 timeline_image_seal(char *body, size_t len);
/*
 * Where the sections the checksum covers lie in an image body[0..len):
 * [*from, *to), from its events to its attribute codes; the text lies
 * before them. For tests. -1 if it has no trailer.
 */
int		 timeline_image_checked(const char *body, size_t len, size_t *from, size_t *to);

#endif
