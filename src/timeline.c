/*
 * timeline.c: events.csv and the fold of their effects. One rule for dates:
 * an effect takes place on its @date, else on its event's anchor (the first
 * day of a day or a range, the last day of a month). An event is reached on
 * its stops, the distinct days among its anchor and its effects' days, and
 * sits on the timeline at the first. Planned events change no status.
 */
#include "timeline.h"

#include <assert.h>
#include <inttypes.h>
#include <limits.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "cache.h"
#include "csv.h"
#include "instream.h"
#include "text.h"
#include "util.h"

#define FIELD_MAX		4096

/* A slot of the id index: event ev - 1 has an id whose hash is hash; ev 0 is empty. */
struct id_slot {
	uint32_t	 hash, ev;
};

/* A piece of the text: the strings lie in these; the rest is zero, or holes of scratch rooms. */
struct image_span {
	uint64_t	 at, len;
};

/* What the timeline keeps for its own functions; readers see struct timeline. */
struct timeline_ix {
	/* while built: the events' capacity, and the scratch room they may be in */
	size_t		 ev_cap;
	struct scratch	 ev_room;
	/*
	 * Written as the image's events where they lie (see image_events()):
	 * the text's blocks by offset, to find the strings again if this
	 * copy is used after all (timeline_image_undo()).
	 */
	struct text_block *undo;
	size_t		 nundo;
	uint64_t	 undo_base;
	struct arena	 text;		/* every event's strings */
	struct arena	 dict;		/* shared strings: interned, attributes' values */
	struct id_slot	*id_slots;	/* event id -> index: open addressing, at most half full */
	size_t		 id_cap;	/* a power of two */
	struct scratch	 id_room;	/* where id_slots are, while built */
	/* reported effects by day: the fold; a snapshot of all statuses every snap_every */
	struct effect	*fold;
	size_t		 nfold, snap_every;
	uint8_t		*snaps;
	/* the second and later stops of the few events that have several, in stop order */
	struct stop	*xstops;
	size_t		 nxstops;
	struct plan	*plans;		/* planned effects with a status, by place, then event */
	size_t		 nplans;
	/* from the events cache: the image the arrays above lie in (see timeline_image_read()) */
	char		*image;
	size_t		 image_len;
	int		 image_mapped;
	int		 events_owned;	/* copied out of the image, not read where they lie */
	const char	*image_text;	/* its text: the strings, end to end */
	size_t		 image_text_len;
	const struct image_span *image_spans;	/* where in it the strings are */
	size_t		 image_nspans;
	const uint64_t	*extra;		/* the caller's words (timeline_image_extra()) */
	size_t		 nextra;
	/*
	 * timeline_match()'s map of the text's windows, kept for the next
	 * filter: cleared is cheaper than new pages (12 MB at 2.7M events).
	 */
	struct window	*match_map;
	size_t		 match_cap;
	/* timeline_count_places()'s snapshots: ncount_snaps of count_np places */
	struct place_count *count_snaps;
	size_t		 count_every, ncount_snaps, count_np, count_tried_np;
};

/* While loading only: freed once the events are sorted and folded. */
struct timeline_build {
	struct strmap	*place_ids;	/* place id -> index */
	size_t		 last_place;	/* the last place looked up */
	uint32_t	*multi;		/* rows (seq) with more than one stop */
	size_t		 nmulti;
	struct strmap	*type_ids;	/* type name -> index */
	struct strmap	*interned;	/* timeline_intern()'s texts -> index in interned_v */
	char		**interned_v;
	size_t		 ninterned;
	struct strmap	**attr_ids;	/* per attribute: value -> code */
	uint32_t	*weight;	/* by seq: timeline_set_weight()'s; NULL: none set */
	size_t		 wcap;
};

enum { C_ID, C_DATE, C_END, C_PREC, C_PLACE, C_KIND, C_EFFECTS, C_ACTORS,
	C_SUMMARY, C_SOURCES, C_NOTE, C_ROUTE, C_COUNT };

static const struct csv_col cols[C_COUNT] = { { "id", 1 }, { "date", 1 },
	{ "end_date", 0 }, { "precision", 1 }, { "place", 1 }, { "kind", 1 },
	{ "effects", 0 }, { "actors", 0 }, { "summary", 1 }, { "sources", 0 },
	{ "note", 0 }, { "route", 0 } };

/*
 * Room for element n of an array that holds n: the capacity is 16 at
 * first and doubles at each power of two, so it is derived from n alone.
 */
static void *
grow(void *v, size_t n, size_t size)
{
	if (n == 0)
		return xreallocarray(v, 16, size);
	if (n >= 16 && (n & (n - 1)) == 0)
		return xreallocarray(v, n * 2, size);
	return v;
}

/* A sanitised copy of a field in the timeline's arena: no malloc per string. */
static char *
field(struct timeline *tl, const struct csv_row *row, int col)
{
	if (col < 0 || (size_t)col >= row->n)
		return (char *)"";
	return timeline_text(tl, row->f[col], row->len[col]);
}

static size_t
place_index(struct timeline *tl, const char *id, size_t len)
{
	struct timeline_build *bd = tl->build;
	long i;

	/* an event and its effect usually name the same place: skip the hash */
	if (bd->last_place != (size_t)-1 && strlen(tl->places->v[bd->last_place].id) == len &&
	    memcmp(tl->places->v[bd->last_place].id, id, len) == 0)
		return bd->last_place;
	i = strmap_get(bd->place_ids, id, len);
	bd->last_place = i < 0 ? (size_t)-1 : (size_t)i;
	return bd->last_place;
}

static const char *
trim(const char *s, const char *end, const char **tend)
{
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	*tend = end;
	return s;
}

/* Parses "place=[attacked>]status[@YYYY-MM-DD]" items separated by ';'. */
static void	build_fold(struct timeline *);
static void	build_free(struct timeline_build *);
static size_t	index_ids(struct timeline *);

static int
parse_effects(struct timeline *tl, struct event *ev, const char *s, size_t len,
    char **why)
{
	struct timeline_build *bd = tl->build;
	const char *p = s, *end = s + len;
	day_t anchor = timeline_anchor(ev->lo, ev->hi, (enum date_prec)ev->prec);
	int multi = 0;

	ev->first_effect = (uint32_t)tl->neffects;
	ev->day = anchor;
	while (p < end) {
		const char *item_end = memchr(p, ';', (size_t)(end - p));
		const char *a, *b, *eq, *at, *st;
		struct effect *ef;
		int v;

		if (item_end == NULL)
			item_end = end;
		a = trim(p, item_end, &b);
		p = item_end + 1;
		if (a == b)
			continue;
		if ((eq = memchr(a, '=', (size_t)(b - a))) == NULL)
			return text_quote_error(why, "effect", a, (size_t)(b - a), " is not place=status");
		tl->effects = grow(tl->effects, tl->neffects, sizeof *tl->effects);
		ef = &tl->effects[tl->neffects];
		memset(ef, 0, sizeof *ef);
		ef->day = anchor;
		{
			size_t pi = place_index(tl, a, (size_t)(eq - a));

			if (pi == (size_t)-1)
				return text_quote_error(why, "effect names unknown place", a,
				    (size_t)(eq - a), "");
			ef->place = (uint32_t)pi;
		}
		st = eq + 1;
		if ((at = memchr(st, '@', (size_t)(b - st))) != NULL) {
			day_t lo, hi;
			enum date_prec prec;

			if (date_parse(at + 1, (size_t)(b - at - 1), &lo, &hi, &prec) != 0 ||
			    prec != DATE_DAY || lo < ev->lo || lo > ev->hi)
				return text_quote_error(why, "effect day", at + 1, (size_t)(b - at - 1),
				    " is not a day within the event's dates");
			ef->day = lo;
			b = at;
		}
		if ((size_t)(b - st) > 9 && memcmp(st, "attacked>", 9) == 0) {
			ef->attacked = 1;
			st += 9;
		}
		if ((v = status_from_name(st, (size_t)(b - st))) < 0)
			return text_quote_error(why, "unknown status", st, (size_t)(b - st), "");
		if (v == STATUS_ATTACKED) {
			ef->attacked = 1;
			v = STATUS_NONE;	/* no lasting change */
		}
		ef->status = (uint8_t)v;
		tl->neffects++;
		ev->neffects++;
		/* the first stop; any other day is a stop of its own, kept aside */
		if (ef->day != anchor)
			multi = 1;
		if (ef->day < ev->day)
			ev->day = ef->day;
	}
	if (multi) {
		bd->multi = grow(bd->multi, bd->nmulti, sizeof *bd->multi);
		bd->multi[bd->nmulti++] = ev->seq;
	}
	return 0;
}

/* "gao>tarkint>anefis": known places, at least two, none twice in a row. */
static int
parse_route(struct timeline *tl, const struct event *ev, const char *s, size_t len,
    char **why)
{
	const char *p = s, *end = s + len;
	struct route *r;

	tl->routes = grow(tl->routes, tl->nroutes, sizeof *tl->routes);
	r = &tl->routes[tl->nroutes];
	r->seq = ev->seq;
	r->first = (uint32_t)tl->nstops;
	r->n = 0;
	while (p <= end) {
		const char *stop_end = memchr(p, '>', (size_t)(end - p)), *a, *b;
		size_t pi;

		if (stop_end == NULL)
			stop_end = end;
		a = trim(p, stop_end, &b);
		p = stop_end + 1;
		if (a == b)
			return text_quote_error(why, "route", s, len, " has an empty stop");
		if ((pi = place_index(tl, a, (size_t)(b - a))) == (size_t)-1)
			return text_quote_error(why, "route names unknown place", a,
			    (size_t)(b - a), "");
		if (r->n > 0 && tl->stops[tl->nstops - 1] == pi)
			return text_quote_error(why, "route", s, len, " names a place twice in a row");
		tl->stops = grow(tl->stops, tl->nstops, sizeof *tl->stops);
		tl->stops[tl->nstops++] = (uint32_t)pi;
		r->n++;
	}
	if (r->n < 2)
		return text_quote_error(why, "route", s, len, " needs two places or more, a>b");
	tl->nroutes++;
	return 0;
}

static int
parse_row(struct timeline *tl, const struct csv_row *row, const int *col,
    struct event *ev, char **why)
{
	enum date_prec want, prec;
	const char *s;
	size_t len;
	day_t lo, hi;

	ev->line = row->line <= UINT32_MAX ? (uint32_t)row->line : UINT32_MAX;
	ev->id = field(tl, row, col[C_ID]);
	ev->actors = field(tl, row, col[C_ACTORS]);
	ev->summary = field(tl, row, col[C_SUMMARY]);
	ev->sources = field(tl, row, col[C_SOURCES]);
	ev->note = field(tl, row, col[C_NOTE]);
	ev->place = (size_t)-1;
	if (ev->id[0] == '\0')
		return xasprintf(why, "empty id"), -1;
	ev->id_hash = util_hash(ev->id, strlen(ev->id));	/* while it is in the cache */

	s = csv_field(row, col[C_PREC], &len);
	if (len == 3 && memcmp(s, "day", 3) == 0)
		want = DATE_DAY;
	else if (len == 5 && memcmp(s, "month", 5) == 0)
		want = DATE_MONTH;
	else if (len == 5 && memcmp(s, "range", 5) == 0)
		want = DATE_RANGE;
	else
		return text_quote_error(why, "precision", s, len, " is not day, month or range");

	s = csv_field(row, col[C_DATE], &len);
	if (date_parse(s, len, &ev->lo, &ev->hi, &prec) != 0 || prec == DATE_RANGE)
		return text_quote_error(why, "date", s, len,
		    " is not a real date, YYYY-MM-DD or YYYY-MM");
	ev->prec = (uint8_t)prec;
	if (want == DATE_RANGE) {
		s = csv_field(row, col[C_END], &len);
		if (prec != DATE_DAY || date_parse(s, len, &lo, &hi, &prec) != 0 ||
		    prec != DATE_DAY || lo < ev->lo)
			return xasprintf(why, "a range needs date and end_date as days, "
			    "end not before start"), -1;
		ev->hi = hi;
		ev->prec = DATE_RANGE;
	} else if (prec != want) {
		return text_quote_error(why, "date", s, len, want == DATE_DAY ?
		    " does not have precision day" : " does not have precision month");
	} else if (csv_field(row, col[C_END], &len), len != 0) {
		return xasprintf(why, "end_date is only for precision range"), -1;
	}
	ev->day = timeline_anchor(ev->lo, ev->hi, (enum date_prec)ev->prec);

	s = csv_field(row, col[C_KIND], &len);
	if (len == 7 && memcmp(s, "planned", 7) == 0)
		ev->planned = 1;
	else if (!(len == 8 && memcmp(s, "reported", 8) == 0))
		return text_quote_error(why, "kind", s, len, " is not reported or planned");

	s = csv_field(row, col[C_PLACE], &len);
	if (len > 0 && (ev->place = place_index(tl, s, len)) == (size_t)-1)
		return text_quote_error(why, "unknown place", s, len, "");
	s = csv_field(row, col[C_ROUTE], &len);
	if (len > 0 && parse_route(tl, ev, s, len, why) != 0)
		return -1;
	s = csv_field(row, col[C_EFFECTS], &len);
	return parse_effects(tl, ev, s, len, why);
}

static int
by_day(const void *a, const void *b)
{
	const struct event *x = a, *y = b;

	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;	/* file order */
}

/* What a frame of every event reads, packed (see struct timeline). */
static void
pack_events(struct timeline *tl)
{
	size_t i, n = 0;

	tl->event_place = xcalloc(tl->nevents ? tl->nevents : 1, sizeof *tl->event_place);
	tl->first_lo = tl->nevents ? tl->events[0].lo : 0;
	tl->last_day = tl->nevents ? tl->events[0].hi : 0;
	for (i = 0; i < tl->nevents; i++) {
		const struct event *ev = &tl->events[i];

		tl->event_place[i] = ev->place < UINT32_MAX ? (uint32_t)ev->place : UINT32_MAX;
		tl->first_lo = ev->lo < tl->first_lo ? ev->lo : tl->first_lo;
		tl->last_day = ev->hi > tl->last_day ? ev->hi : tl->last_day;
		n += ev->planned;
	}
	tl->planned = xcalloc(n ? n : 1, sizeof *tl->planned);
	for (i = 0; i < tl->nevents; i++)
		if (tl->events[i].planned)
			tl->planned[tl->nplanned++] = i;
	if (tl->build->weight != NULL) {
		const struct timeline_build *b = tl->build;

		tl->event_weight = xcalloc(tl->nevents ? tl->nevents : 1,
		    sizeof *tl->event_weight);
		for (i = 0; i < tl->nevents; i++)
			if (tl->events[i].seq < b->wcap)
				tl->event_weight[i] = b->weight[tl->events[i].seq];
	}
}

/* Stop order as one number: by day, then file order. */
static int64_t
skey(int64_t day, uint32_t seq)
{
	return day * ((int64_t)1 << 32) + seq;
}

static int64_t
ev_key(const struct timeline *tl, size_t i)
{
	return skey(tl->events[i].day, tl->events[i].seq);
}

static int64_t
x_key(const struct timeline *tl, size_t j)
{
	return skey(tl->ix->xstops[j].day, tl->events[tl->ix->xstops[j].ev].seq);
}

static int
by_xstop(const void *a, const void *b, void *arg)
{
	const struct timeline *tl = arg;
	const struct stop *x = a, *y = b;
	int64_t kx = skey(x->day, tl->events[x->ev].seq), ky = skey(y->day, tl->events[y->ev].seq);

	return kx < ky ? -1 : kx > ky;
}

static int
by_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

static int
by_day_only(const void *a, const void *b)
{
	day_t x = *(const day_t *)a, y = *(const day_t *)b;

	return x < y ? -1 : x > y;
}

/* The extra stops of the events parse_effects() found with more than one day. */
static void
build_stops(struct timeline *tl)
{
	struct timeline_ix *ix = tl->ix;
	struct timeline_build *bd = tl->build;
	size_t i, k, e, cap = 0;
	day_t *days = NULL;

	if (bd->nmulti == 0)
		return;
	qsort(bd->multi, bd->nmulti, sizeof *bd->multi, by_u32);
	for (i = 0; i < tl->nevents; i++) {
		const struct event *ev;
		size_t n = 0;

		if (bsearch(&tl->events[i].seq, bd->multi, bd->nmulti, sizeof *bd->multi,
		    by_u32) == NULL)
			continue;
		ev = &tl->events[i];
		if (ev->neffects + 1 > cap) {
			cap = ev->neffects + 1;
			days = xreallocarray(days, cap, sizeof *days);
		}
		days[n++] = timeline_anchor(ev->lo, ev->hi, (enum date_prec)ev->prec);
		for (e = ev->first_effect; e < ev->first_effect + ev->neffects; e++)
			days[n++] = tl->effects[e].day;
		qsort(days, n, sizeof *days, by_day_only);
		/* days[0] is ev->day, the first stop */
		for (k = 1; k < n; k++) {
			if (days[k] == days[k - 1])
				continue;
			ix->xstops = grow(ix->xstops, ix->nxstops, sizeof *ix->xstops);
			ix->xstops[ix->nxstops].day = days[k];
			ix->xstops[ix->nxstops++].ev = (uint32_t)i;
		}
	}
	free(days);
	free(bd->multi);
	bd->multi = NULL;
	bd->nmulti = 0;
	if (ix->nxstops > 1)
		qsort_r(ix->xstops, ix->nxstops, sizeof *ix->xstops, by_xstop, tl);
}

/* A reported change, for finding when a planned one came true. */
struct change {
	uint32_t	 place;
	uint8_t		 status;
	day_t		 day;
};

static int
by_change(const void *a, const void *b)
{
	const struct change *x = a, *y = b;

	if (x->place != y->place)
		return x->place < y->place ? -1 : 1;
	if (x->status != y->status)
		return x->status < y->status ? -1 : 1;
	return x->day < y->day ? -1 : x->day > y->day;
}

static int
by_plan(const void *a, const void *b, void *arg)
{
	const struct timeline *tl = arg;
	const struct plan *x = a, *y = b;
	uint32_t px = tl->effects[x->effect].place, py = tl->effects[y->effect].place;

	if (px != py)
		return px < py ? -1 : 1;
	return x->ev < y->ev ? -1 : x->ev > y->ev;
}

/* The planned effects that change a status, with the day a report first made it so. */
static void
build_plans(struct timeline *tl)
{
	struct timeline_ix *ix = tl->ix;
	struct change *ch;
	size_t i, e, n = 0;

	for (i = 0; i < tl->nplanned; i++) {
		const struct event *ev = &tl->events[tl->planned[i]];

		for (e = ev->first_effect; e < ev->first_effect + ev->neffects; e++) {
			if (tl->effects[e].status == STATUS_NONE)
				continue;
			ix->plans = grow(ix->plans, ix->nplans, sizeof *ix->plans);
			ix->plans[ix->nplans].ev = (uint32_t)tl->planned[i];
			ix->plans[ix->nplans].effect = (uint32_t)e;
			ix->plans[ix->nplans++].confirmed = INT32_MAX;
		}
	}
	if (ix->nplans == 0)
		return;
	ch = xcalloc(ix->nfold + 1, sizeof *ch);
	for (i = 0; i < ix->nfold; i++)
		if (ix->fold[i].status != STATUS_NONE) {
			ch[n].place = ix->fold[i].place;
			ch[n].status = ix->fold[i].status;
			ch[n++].day = ix->fold[i].day;
		}
	qsort(ch, n, sizeof *ch, by_change);
	for (i = 0; i < ix->nplans; i++) {
		const struct effect *ef = &tl->effects[ix->plans[i].effect];
		size_t lo = 0, hi = n;

		while (lo < hi) {	/* the first change of that place to that status */
			size_t mid = lo + (hi - lo) / 2;

			if (ch[mid].place < ef->place ||
			    (ch[mid].place == ef->place && ch[mid].status < ef->status))
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < n && ch[lo].place == ef->place && ch[lo].status == ef->status)
			ix->plans[i].confirmed = ch[lo].day;
	}
	free(ch);
	qsort_r(ix->plans, ix->nplans, sizeof *ix->plans, by_plan, tl);
}

static void
reverse_events(struct event *v, size_t n)
{
	struct event t;
	size_t i;

	for (i = 0; i < n / 2; i++) {
		t = v[i];
		v[i] = v[n - 1 - i];
		v[n - 1 - i] = t;
	}
}

/*
 * Events newest first, as ACLED exports them, in order in linear time: 1
 * when they were (the days never rise), reversed, and each day's events
 * back in file order; else 0, nothing moved. qsort() took a fifth of a
 * large export's load, and its merge a copy of every event.
 */
static int
newest_first(struct timeline *tl)
{
	struct event *v = tl->events;
	size_t n = tl->nevents, i, j;

	for (i = 1; i < n && v[i - 1].day >= v[i].day; i++)
		;
	if (i < n)
		return 0;
	reverse_events(v, n);
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && v[j].day == v[i].day; j++)
			;
		reverse_events(v + i, j - i);
	}
	return 1;
}

/*
 * The events by day, then file order, when they are in file order now
 * (their seq rising): the keys (day, index) sorted by radix, then the
 * events moved where they go in place. qsort() of the 88-byte events
 * themselves (an export with months or ranges among its dates, which
 * newest_first() cannot take) was a twentieth of a first open's CPU, on
 * one core, most of it the fresh pages of its copy. 0 if they were not in
 * file order (nothing moved).
 */
static int
sort_by_day(struct timeline *tl)
{
	size_t n = tl->nevents, i, pass, count[256];
	uint64_t *key, *tmp, *from, *to;
	const struct arena_rooms *rooms = tl->ix->text.rooms;
	struct scratch key_room = { 0, 0, 0 }, tmp_room = { 0, 0, 0 };
	struct event *v;

	if (n < 2 || n > UINT32_MAX)
		return 0;
	for (i = 1; i < n; i++)
		if (tl->events[i - 1].seq >= tl->events[i].seq)
			return 0;
	key = scratch_resize(rooms, &key_room, NULL, 0, n * sizeof *key, 0);
	tmp = scratch_resize(rooms, &tmp_room, NULL, 0, n * sizeof *tmp, 0);
	for (i = 0; i < n; i++)
		key[i] = (uint64_t)((uint32_t)tl->events[i].day ^ 0x80000000u) << 32 | i;
	from = key;
	to = tmp;
	/* the keys start in row order and each pass is stable: the day's four bytes sort them */
	for (pass = 4; pass < 8; pass++) {
		unsigned shift = (unsigned)pass * 8;
		size_t sum = 0, c;

		memset(count, 0, sizeof count);
		for (i = 0; i < n; i++)
			count[(from[i] >> shift) & 0xff]++;
		if (count[(from[0] >> shift) & 0xff] == n)
			continue;	/* every key has this digit: nothing to move */
		for (i = 0; i < 256; i++) {
			c = count[i];
			count[i] = sum;
			sum += c;
		}
		for (i = 0; i < n; i++)
			to[count[(from[i] >> shift) & 0xff]++] = from[i];
		{
			uint64_t *t = from;

			from = to;
			to = t;
		}
	}
	/* a cycle at a time */
	v = tl->events;
	for (i = 0; i < n; i++) {
		size_t j = i, k;
		struct event hold;

		if ((from[i] & 0xffffffffu) == i)
			continue;
		hold = v[i];
		while ((k = from[j] & 0xffffffffu) != i) {
			v[j] = v[k];
			from[j] = j;
			j = k;
		}
		v[j] = hold;
		from[j] = j;
	}
	scratch_free(rooms, &key_room, key);
	scratch_free(rooms, &tmp_room, tmp);
	return 1;
}

static int
by_seq(const void *a, const void *b)
{
	const struct event *x = a, *y = b;

	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/*
 * Puts the events in order, by day then file order (events is NULL when
 * empty: no qsort then), and indexes their ids, once: (size_t)-1, or the
 * index of the first event, in file order, whose id an earlier one has
 * (the events then in file order, for the message).
 */
static size_t
order_and_index(struct timeline *tl)
{
	size_t i;
	int sorted;

	/* files are usually in date order already: then there is nothing to sort */
	for (i = 1; i < tl->nevents && by_day(&tl->events[i - 1], &tl->events[i]) <= 0; i++)
		;
	sorted = i >= tl->nevents;
	if (!sorted && !newest_first(tl) && !sort_by_day(tl))
		qsort(tl->events, tl->nevents, sizeof *tl->events, by_day);
	if ((i = index_ids(tl)) == (size_t)-1 || sorted)
		return i;
	qsort(tl->events, tl->nevents, sizeof *tl->events, by_seq);
	return index_ids(tl);
}

/* Builds the fold, once the events are in order and indexed. */
static void
fold_events(struct timeline *tl)
{
	build_fold(tl);
	pack_events(tl);
	build_stops(tl);
	build_plans(tl);
	build_free(tl->build);
	tl->build = NULL;
}

static void
ix_free(struct timeline_ix *ix)
{
	free(ix->match_map);
	free(ix->count_snaps);
	if (ix->image != NULL) {
		if (ix->image_mapped)
			munmap(ix->image, ix->image_len);
		else
			free(ix->image);
		free(ix);
		return;
	}
	scratch_free(ix->text.rooms, &ix->id_room, ix->id_slots);
	free(ix->undo);
	arena_free(&ix->text);
	arena_free(&ix->dict);
	free(ix->fold);
	free(ix->snaps);
	free(ix->xstops);
	free(ix->plans);
	free(ix);
}

static void
build_free(struct timeline_build *b)
{
	size_t i;

	if (b == NULL)
		return;
	strmap_free(b->place_ids);
	strmap_free(b->type_ids);
	strmap_free(b->interned);
	free(b->interned_v);
	for (i = 0; b->attr_ids != NULL && b->attr_ids[i] != NULL; i++)
		strmap_free(b->attr_ids[i]);
	free(b->attr_ids);
	free(b->multi);
	free(b->weight);
	free(b);
}

struct timeline *
timeline_new(const struct places *pl)
{
	struct timeline *tl = xcalloc(1, sizeof *tl);
	size_t i;

	tl->places = pl;
	tl->initial_from = INT32_MIN;
	tl->ix = xcalloc(1, sizeof *tl->ix);
	tl->build = xcalloc(1, sizeof *tl->build);
	tl->build->place_ids = strmap_new();
	for (i = 0; i < pl->n; i++)
		strmap_put(tl->build->place_ids, pl->v[i].id, strlen(pl->v[i].id), i);
	tl->types = xcalloc(1, sizeof *tl->types);
	tl->types[0] = (char *)"";
	tl->ntypes = 1;
	tl->build->type_ids = strmap_new();
	tl->build->last_place = (size_t)-1;
	return tl;
}

static void
events_drop(struct timeline *tl)
{
	scratch_free(tl->ix->text.rooms, &tl->ix->ev_room, tl->events);
	tl->events = NULL;
	tl->ix->ev_cap = 0;
}

/*
 * Room for cap events, the first nevents kept. A large export's events
 * are built in scratch rooms of its cache entry, as their text is in its
 * rooms: at 88 bytes an event they were half of a first open's heap, and
 * the image is written from them.
 */
static void
events_room(struct timeline *tl, size_t cap)
{
	if (cap > SIZE_MAX / sizeof *tl->events)
		die("out of memory (%zu events)", cap);
	tl->events = scratch_resize(tl->ix->text.rooms, &tl->ix->ev_room, tl->events,
	    tl->nevents * sizeof *tl->events, cap * sizeof *tl->events, 0);
	tl->ix->ev_cap = cap;
}

/*
 * Room for n events before they come: a parse that knows about how many it
 * will push is spared the copies of doubling, each a new room's pages.
 */
void
timeline_reserve(struct timeline *tl, size_t n)
{
	if (n > tl->ix->ev_cap)
		events_room(tl, n);
}

struct event *
timeline_push(struct timeline *tl)
{
	struct event *ev;

	if (tl->nevents == tl->ix->ev_cap)
		events_room(tl, tl->nevents < 16 ? 16 : tl->nevents * 2);
	ev = &tl->events[tl->nevents];
	memset(ev, 0, sizeof *ev);
	ev->seq = (uint32_t)tl->nevents++;
	ev->place = (size_t)-1;
	ev->fatalities = -1;
	ev->id = ev->actors = ev->summary = ev->sources = ev->note = (char *)"";
	return ev;
}

char *
timeline_text(struct timeline *tl, const char *s, size_t len)
{
	size_t cap = (len > FIELD_MAX / 3 ? FIELD_MAX : len * 3) + 1;
	char *out = arena_alloc(&tl->ix->text, cap);

	arena_trim(&tl->ix->text, out, text_sanitize_buf(s, len, out, cap) + 1);
	return out;
}

void
timeline_text_rooms(struct timeline *tl, const struct arena_rooms *rooms)
{
	tl->ix->text.rooms = rooms;
	tl->ix->dict.rooms = rooms;
}

void
timeline_text_drop(struct timeline *tl, char *s)
{
	arena_trim(&tl->ix->text, s, 0);
}

uint16_t
timeline_type(struct timeline *tl, const char *s, size_t len)
{
	struct timeline_build *bd = tl->build;
	char *clean;
	long i;

	if (len == 0)
		return 0;
	/* a hashed lookup: a hostile file may hold thousands of types */
	if ((i = strmap_get(bd->type_ids, s, len)) >= 0)
		return (uint16_t)i;
	clean = timeline_text(tl, s, len);
	if ((i = strmap_get(bd->type_ids, clean, strlen(clean))) >= 0) {
		arena_trim(&tl->ix->text, clean, 0);	/* the copy was not needed */
		return (uint16_t)i;
	}
	if (tl->ntypes == UINT16_MAX)
		return 0;
	tl->types = xreallocarray(tl->types, tl->ntypes + 1, sizeof *tl->types);
	tl->types[tl->ntypes] = clean;
	strmap_put(bd->type_ids, clean, strlen(clean), tl->ntypes);
	return (uint16_t)tl->ntypes++;
}

/*
 * timeline_text() into the arena of shared strings: they stay together, few
 * and hot in the cache, for the comparisons of every lookup.
 */
static char *
dict_text(struct timeline *tl, const char *s, size_t len)
{
	size_t cap = (len > FIELD_MAX / 3 ? FIELD_MAX : len * 3) + 1;
	char *out = arena_alloc(&tl->ix->dict, cap);

	arena_trim(&tl->ix->dict, out, text_sanitize_buf(s, len, out, cap) + 1);
	return out;
}

char *
timeline_intern(struct timeline *tl, const char *s, size_t len)
{
	struct timeline_build *bd = tl->build;
	char *clean;
	long i;

	if (len == 0)
		return (char *)"";
	if (bd->interned == NULL)
		bd->interned = strmap_new();
	if ((i = strmap_get(bd->interned, s, len)) >= 0)
		return bd->interned_v[i];
	clean = dict_text(tl, s, len);
	if ((i = strmap_get(bd->interned, clean, strlen(clean))) >= 0) {
		arena_trim(&tl->ix->dict, clean, 0);	/* the copy was not needed */
		return bd->interned_v[i];
	}
	bd->interned_v = grow(bd->interned_v, bd->ninterned, sizeof *bd->interned_v);
	bd->interned_v[bd->ninterned] = clean;
	strmap_put(bd->interned, clean, strlen(clean), bd->ninterned++);
	return clean;
}

size_t
timeline_attr_add(struct timeline *tl, const char *key, const char *label)
{
	struct timeline_build *bd = tl->build;
	struct timeline_attr *a;

	tl->attrs = xreallocarray(tl->attrs, tl->nattrs + 1, sizeof *tl->attrs);
	a = &tl->attrs[tl->nattrs];
	memset(a, 0, sizeof *a);
	a->key = key;
	a->label = label;
	a->dict = xcalloc(1, sizeof *a->dict);
	a->dict[0] = (char *)"";
	a->ndict = 1;
	a->width = 1;
	bd->attr_ids = xreallocarray(bd->attr_ids, tl->nattrs + 2, sizeof *bd->attr_ids);
	bd->attr_ids[tl->nattrs] = strmap_new();
	bd->attr_ids[tl->nattrs + 1] = NULL;
	return tl->nattrs++;
}

/* A column of one code per event, indexed by row: grown to hold row, zeroed. */
static void
grow_column(uint32_t **v, size_t *cap, size_t row)
{
	size_t n = *cap ? *cap : 1024;
	uint32_t *w;

	if (row < *cap)
		return;
	while (n <= row)
		n *= 2;
	/* zeroed pages the kernel gives, not a memset that touches the unused half */
	w = xcalloc(n, sizeof *w);
	if (*cap > 0)
		memcpy(w, *v, *cap * sizeof *w);
	free(*v);
	*v = w;
	*cap = n;
}

/*
 * An attribute's codes take the fewest bytes that hold its largest: most
 * columns have a few values, and a code of 4 bytes for each of six was
 * 24 bytes an event of a parse's memory.
 */
static unsigned
code_width(uint32_t max)
{
	return max <= UINT8_MAX ? 1 : max <= UINT16_MAX ? 2 : 4;
}

static void
code_put(struct timeline_attr *a, size_t seq, uint32_t c)
{
	if (a->width == 1)
		((uint8_t *)a->code)[seq] = (uint8_t)c;
	else if (a->width == 2)
		((uint16_t *)a->code)[seq] = (uint16_t)c;
	else
		((uint32_t *)a->code)[seq] = c;
}

/* a's codes grown to hold row (zeroed), and widened to hold max. */
static void
grow_codes(struct timeline_attr *a, size_t row, uint32_t max)
{
	size_t n = a->cap, i;
	unsigned w = code_width(max) > a->width ? code_width(max) : a->width;
	struct timeline_attr old = *a;

	if (row < a->cap && w == a->width)
		return;
	if (row >= n) {
		n = n ? n : 1024;
		while (n <= row)
			n *= 2;
	}
	/* zeroed pages the kernel gives, not a memset that touches the unused part */
	a->code = xcalloc(n, w);
	a->cap = n;
	a->width = w;
	if (w == old.width && old.cap > 0)
		memcpy(a->code, old.code, old.cap * w);
	else
		for (i = 0; i < old.cap; i++)
			code_put(a, i, timeline_attr_code(&old, i));
	free(old.code);
}

void
timeline_attr_set(struct timeline *tl, const struct event *ev, size_t k, const char *s,
    size_t len)
{
	struct timeline_attr *a = &tl->attrs[k];
	struct strmap *ids = tl->build->attr_ids[k];
	char *clean;
	long i;

	grow_codes(a, ev->seq, 0);
	if (len == 0) {
		code_put(a, ev->seq, 0);
		return;
	}
	if ((i = strmap_get(ids, s, len)) < 0) {
		clean = dict_text(tl, s, len);
		if ((i = strmap_get(ids, clean, strlen(clean))) >= 0) {
			arena_trim(&tl->ix->dict, clean, 0);
		} else if (clean[0] == '\0') {
			i = 0;
		} else {
			if ((a->ndict & (a->ndict - 1)) == 0)
				a->dict = xreallocarray(a->dict, a->ndict * 2, sizeof *a->dict);
			a->dict[a->ndict] = clean;
			strmap_put(ids, clean, strlen(clean), a->ndict);
			i = (long)a->ndict++;
		}
	}
	grow_codes(a, ev->seq, (uint32_t)i);
	code_put(a, ev->seq, (uint32_t)i);
}

void
timeline_set_weight(struct timeline *tl, const struct event *ev, uint32_t n)
{
	struct timeline_build *b = tl->build;

	grow_column(&b->weight, &b->wcap, ev->seq);
	b->weight[ev->seq] = n;
}

uint32_t
timeline_weight(const struct timeline *tl, size_t i)
{
	return tl->event_weight != NULL ? tl->event_weight[i] : 1;
}

const char *
timeline_attr(const struct timeline *tl, const struct event *ev, size_t k)
{
	const struct timeline_attr *a = &tl->attrs[k];

	/* a code beyond the dictionary: a hostile events cache (see timeline_image_read()) */
	uint32_t c = timeline_attr_code(a, ev->seq);

	return c < a->ndict ? a->dict[c] : "";
}

struct effect *
timeline_effect(struct timeline *tl, struct event *ev)
{
	struct effect *ef;

	tl->effects = grow(tl->effects, tl->neffects, sizeof *tl->effects);
	if (ev->neffects == 0)
		ev->first_effect = (uint32_t)tl->neffects;
	ef = &tl->effects[tl->neffects++];
	ev->neffects++;
	memset(ef, 0, sizeof *ef);
	ef->day = timeline_anchor(ev->lo, ev->hi, (enum date_prec)ev->prec);
	return ef;
}

void
timeline_append(struct timeline *dst, struct timeline *src, const size_t *place_map)
{
	struct timeline_build *db = dst->build, *sb = src->build;
	size_t n0 = dst->nevents, n = src->nevents, i, k, c, given = 0;
	uint16_t *tmap = xcalloc(src->ntypes, sizeof *tmap);
	long v;

	assert(src->neffects == 0 && src->nattrs == dst->nattrs && src->ntypes < UINT16_MAX);
	/* the strings first: the dictionaries below keep src's */
	arena_take(&dst->ix->text, &src->ix->text);
	arena_take(&dst->ix->dict, &src->ix->dict);
	for (i = 1; i < src->ntypes; i++)
		tmap[i] = timeline_type(dst, src->types[i], strlen(src->types[i]));
	if (n > 0) {
		if (dst->ix->ev_cap < n0 + n)
			events_room(dst, n0 + n);
		for (i = n0; i < n0 + n; i++) {
			struct event *ev = &dst->events[i];

			*ev = src->events[i - n0];
			ev->seq = (uint32_t)i;
			ev->place = ev->place == (size_t)-1 ? ev->place : place_map[ev->place];
			ev->type = ev->type < src->ntypes ? tmap[ev->type] : 0;
			/* src's events given back as they are copied */
			if (src->ix->ev_room.bytes == 0 && (i + 1 - n0 - given == 65536 ||
			    i + 1 == n0 + n)) {
				util_release(src->events + given, (i + 1 - n0 - given) *
				    sizeof *src->events);
				given = i + 1 - n0;
			}
		}
		dst->nevents = n0 + n;
	}
	for (k = 0; k < src->nattrs; k++) {
		struct timeline_attr *da = &dst->attrs[k], *sa = &src->attrs[k];
		uint32_t *amap = xcalloc(sa->ndict, sizeof *amap);

		/* each distinct value once, then the codes through the map */
		for (c = 1; c < sa->ndict; c++) {
			if ((v = strmap_add(db->attr_ids[k], sa->dict[c], strlen(sa->dict[c]),
			    da->ndict)) >= 0) {
				amap[c] = (uint32_t)v;
				continue;
			}
			if ((da->ndict & (da->ndict - 1)) == 0)
				da->dict = xreallocarray(da->dict, da->ndict * 2, sizeof *da->dict);
			da->dict[da->ndict] = sa->dict[c];
			amap[c] = (uint32_t)da->ndict++;
		}
		if (n > 0 && sa->cap > 0) {
			grow_codes(da, n0 + n - 1, (uint32_t)(da->ndict - 1));
			for (i = 0; i < n && i < sa->cap; i++) {
				uint32_t code = timeline_attr_code(sa, i);

				code_put(da, n0 + i, code < sa->ndict ? amap[code] : 0);
			}
		}
		free(amap);
	}
	if (sb->weight != NULL && n > 0) {
		grow_column(&db->weight, &db->wcap, n0 + n - 1);
		memcpy(db->weight + n0, sb->weight, (n < sb->wcap ? n : sb->wcap) *
		    sizeof *sb->weight);
	}
	free(tmap);
	timeline_free(src);
}

/*
 * Builds the id index in one pass after parsing, not row by row, from the
 * hashes taken while each id was in the cache: the inserts are cache misses
 * and a tight loop overlaps them. The index of the first event whose id an
 * earlier one has, or (size_t)-1.
 */
static size_t
index_ids(struct timeline *tl)
{
	struct timeline_ix *ix = tl->ix;
	size_t i, j, cap = 64;

	/*
	 * At most three quarters full: a probe stays short (the hash is in the
	 * slot), and the index is half the size that "half full" would make
	 * it, in memory and in the cache entry (67 MB at 2.7M events).
	 */
	while (cap / 4 * 3 < tl->nevents)
		cap *= 2;
	scratch_free(ix->text.rooms, &ix->id_room, ix->id_slots);
	ix->id_slots = scratch_resize(ix->text.rooms, &ix->id_room, NULL, 0,
	    cap * sizeof *ix->id_slots, 1);
	ix->id_cap = cap;
	for (i = 0; i < tl->nevents; i++) {
		const struct event *ev = &tl->events[i];

		for (j = ev->id_hash & (cap - 1);; j = (j + 1) & (cap - 1)) {
			struct id_slot *sl = &ix->id_slots[j];

			if (sl->ev == 0) {
				sl->hash = ev->id_hash;
				sl->ev = (uint32_t)i + 1;
				break;
			}
			if (sl->hash == ev->id_hash && strcmp(tl->events[sl->ev - 1].id, ev->id) == 0)
				return i;
		}
	}
	return (size_t)-1;
}

struct timeline *
timeline_finish(struct timeline *tl, const char *name, char **cause)
{
	size_t i;

	/* those the loader did not hash (a hash of 0 is only hashed again) */
	for (i = 0; i < tl->nevents; i++)
		if (tl->events[i].id_hash == 0)
			tl->events[i].id_hash = util_hash(tl->events[i].id,
			    strlen(tl->events[i].id));
	if ((i = order_and_index(tl)) != (size_t)-1) {
		xasprintf(cause, "%s: duplicate id \"%s\"", name, tl->events[i].id);
		timeline_free(tl);
		return NULL;
	}
	fold_events(tl);
	return tl;
}

struct loader {
	struct timeline	*tl;
	struct csv	*csv;
	char		*name;		/* sanitised, for messages */
	int		 col[C_COUNT];
	size_t		 ncols;		/* 0 until the header is read */
};

/* Parses every record csv_next() gives: the header first. -1 with *cause on error. */
static int
load_records(struct loader *ld, char **cause)
{
	struct csv_row row;
	char *err = NULL;
	int r;

	while ((r = csv_next(ld->csv, &row, &err)) == 1) {
		struct event *ev;

		if (ld->ncols == 0) {
			if (csv_header(&row, cols, C_COUNT, ld->col, ld->name, cause) != 0)
				return -1;
			ld->ncols = row.n;
			continue;
		}
		if (csv_width(&row, ld->ncols, 1, ld->name, cause) != 0)
			return -1;
		ev = timeline_push(ld->tl);
		if (parse_row(ld->tl, &row, ld->col, ev, &err) != 0) {
			xasprintf(cause, "%s:%zu: %s", ld->name, row.line, err);
			free(err);
			return -1;
		}
	}
	if (r < 0) {
		csv_cause(cause, ld->name, err);
		free(err);
		return -1;
	}
	return 0;
}

/* The end of a load: ids must be unique. */
static struct timeline *
load_end(struct loader *ld, char **cause)
{
	struct timeline *tl = ld->tl;
	size_t i;

	csv_free(ld->csv);
	if (ld->ncols == 0 && csv_header(NULL, cols, C_COUNT, ld->col, ld->name, cause) != 0)
		goto fail;
	if ((i = order_and_index(tl)) != (size_t)-1) {
		xasprintf(cause, "%s:%" PRIu32 ": duplicate id \"%s\"", ld->name,
		    tl->events[i].line, tl->events[i].id);
		goto fail;
	}
	free(ld->name);
	fold_events(tl);
	return tl;
fail:
	free(ld->name);
	timeline_free(tl);
	return NULL;
}

static void
load_begin(struct loader *ld, const char *path, const struct places *pl)
{
	memset(ld, 0, sizeof *ld);
	ld->tl = timeline_new(pl);
	ld->name = text_sanitize(path, strlen(path), 4096);
}

static void
load_abort(struct loader *ld)
{
	csv_free(ld->csv);
	free(ld->name);
	timeline_free(ld->tl);
}

struct timeline *
timeline_load_mem(const char *path, const char *buf, size_t len,
    const struct places *pl, char **cause)
{
	struct loader ld;

	load_begin(&ld, path, pl);
	ld.csv = csv_new(buf, len);
	if (load_records(&ld, cause) != 0) {
		load_abort(&ld);
		return NULL;
	}
	return load_end(&ld, cause);
}

/* Bytes read at a time; a record longer than that makes the block grow. */
#define READ_BLOCK	(4u << 20)

struct timeline *
timeline_load(const char *path, const struct places *pl, char **cause)
{
	return timeline_load_blocks(path, pl, READ_BLOCK, cause);
}

struct timeline *
timeline_load_blocks(const char *path, const struct places *pl, size_t block,
    char **cause)
{
	struct instream *s;
	struct timeline *tl;

	if ((s = instream_open(path, 0, cause)) == NULL)
		return NULL;
	tl = timeline_load_stream(s, pl, ',', block, cause);
	instream_close(s);
	return tl;
}

/*
 * The input is read in blocks cut between records, so a million events
 * never cost a copy of the whole file in fresh memory (zeroed by the
 * kernel, then filled: a sixth of the load time), and a file of any size,
 * or a pipe, streams through.
 */
struct timeline *
timeline_load_stream(struct instream *s, const struct places *pl, char delim, size_t block,
    char **cause)
{
	struct loader ld;
	size_t cap = block > 0 ? block : READ_BLOCK, have = 0, used;
	char *buf;
	ssize_t got;
	int eof = 0;

	load_begin(&ld, instream_name(s), pl);
	buf = xmalloc(cap);
	ld.csv = csv_new(buf, 0);
	csv_set_delim(ld.csv, delim);
	for (;;) {
		/* a full block (or the end) before parsing, so that a long record is re-read rarely */
		while (!eof && have < cap) {
			if ((got = instream_read(s, buf + have, cap - have, cause)) < 0)
				goto fail;
			eof = got == 0;
			have += (size_t)got;
		}
		csv_feed(ld.csv, buf, have, eof);
		if (load_records(&ld, cause) != 0)
			goto fail;
		if (eof)
			break;
		/* the record the block cut, to the front; a block it mostly fills doubles */
		used = csv_consumed(ld.csv);
		memmove(buf, buf + used, have - used);
		have -= used;
		if (have > cap / 2) {
			cap *= 2;
			buf = xreallocarray(buf, cap, 1);
		}
	}
	free(buf);
	return load_end(&ld, cause);
fail:
	free(buf);
	load_abort(&ld);
	return NULL;
}

static int
by_effect_day(const void *a, const void *b)
{
	const struct effect *x = a, *y = b;

	return x->day < y->day ? -1 : x->day > y->day;
}

/*
 * The fold: reported effects sorted by day (stable in file order), and
 * every snap_every effects a snapshot of all statuses, so that the state at
 * any day is a snapshot plus at most snap_every effects. snap_every is at
 * least the number of places: snapshots never take more than a byte per effect.
 */
static void
build_fold(struct timeline *tl)
{
	struct timeline_ix *ix = tl->ix;
	size_t i, e, n = 0, np = tl->places->n, k;
	uint8_t *cur;

	/* effects are in file order: a planned event's are left out */
	ix->fold = xcalloc(tl->neffects + 1, sizeof *ix->fold);
	if (tl->neffects > 0)
		memcpy(ix->fold, tl->effects, tl->neffects * sizeof *ix->fold);
	for (i = 0; i < tl->nevents; i++) {
		const struct event *ev = &tl->events[i];

		if (ev->planned)
			for (e = ev->first_effect; e < ev->first_effect + ev->neffects; e++)
				ix->fold[e].place = UINT32_MAX;
	}
	for (e = 0; e < tl->neffects; e++)
		if (ix->fold[e].place != UINT32_MAX)
			ix->fold[n++] = ix->fold[e];
	/* effects mostly come in day order already: then there is nothing to sort */
	for (i = 1; i < n && ix->fold[i - 1].day <= ix->fold[i].day; i++)
		;
	/* mergesort keeps the effects of one day in file order */
	if (i < n) {
		struct effect *tmp = xcalloc(n, sizeof *tmp);
		size_t w;

		for (w = 1; w < n; w *= 2) {
			for (i = 0; i < n; i += 2 * w) {
				size_t a = i, am = i + w < n ? i + w : n, b = am,
				    bm = i + 2 * w < n ? i + 2 * w : n, o = i;

				while (a < am && b < bm)
					tmp[o++] = by_effect_day(&ix->fold[b], &ix->fold[a]) < 0 ?
					    ix->fold[b++] : ix->fold[a++];
				while (a < am)
					tmp[o++] = ix->fold[a++];
				while (b < bm)
					tmp[o++] = ix->fold[b++];
			}
			memcpy(ix->fold, tmp, n * sizeof *tmp);
		}
		free(tmp);
	}
	ix->nfold = n;
	ix->snap_every = np > 4096 ? np : 4096;
	k = n / ix->snap_every + 1;
	ix->snaps = xcalloc(k * (np ? np : 1), 1);
	cur = xcalloc(np ? np : 1, 1);
	for (i = 0; i < np; i++)
		cur[i] = (uint8_t)tl->places->v[i].initial;
	for (i = 0; i < n; i++) {
		if (i % ix->snap_every == 0)
			memcpy(ix->snaps + i / ix->snap_every * np, cur, np);
		if (ix->fold[i].status != STATUS_NONE)
			cur[ix->fold[i].place] = ix->fold[i].status;
	}
	if (n == 0)
		memcpy(ix->snaps, cur, np);
	free(cur);
}

void
timeline_state(const struct timeline *tl, day_t day, enum status *out,
    unsigned char *attacked)
{
	const struct timeline_ix *ix = tl->ix;
	size_t lo = 0, hi = ix->nfold, i, np = tl->places->n, base;
	const uint8_t *snap;

	while (lo < hi) {		/* effects on or before day: [0, lo) */
		size_t mid = lo + (hi - lo) / 2;

		if (ix->fold[mid].day <= day)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* snapshot j holds the statuses after effects [0, j * snap_every) */
	base = lo == 0 ? 0 : (lo - 1) / ix->snap_every * ix->snap_every;
	snap = ix->snaps + base / ix->snap_every * np;
	for (i = 0; i < np; i++)
		out[i] = (enum status)snap[i];
	if (day < tl->initial_from) {
		/* before the initial statuses were known: only what effects said */
		base = 0;
		for (i = 0; i < np; i++)
			out[i] = STATUS_NONE;
	}
	for (i = base; i < lo; i++)
		if (ix->fold[i].status != STATUS_NONE)
			out[ix->fold[i].place] = (enum status)ix->fold[i].status;
	if (attacked != NULL) {
		memset(attacked, 0, np);
		for (i = lo; i > 0 && ix->fold[i - 1].day == day; i--)
			if (ix->fold[i - 1].attacked)
				attacked[ix->fold[i - 1].place] = 1;
	}
}

day_t
timeline_anchor(day_t lo, day_t hi, enum date_prec prec)
{
	return prec == DATE_MONTH ? hi : lo;
}

struct origin {
	day_t		 day;
	uint32_t	 ev, effect;
};

static int
by_origin(const void *a, const void *b)
{
	const struct origin *x = a, *y = b;

	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	return x->effect < y->effect ? -1 : x->effect > y->effect;
}

/* The fold again, knowing each effect's event: for exports, not for frames. */
void
timeline_origins(const struct timeline *tl, day_t day, enum status *out, day_t *since,
    size_t *from)
{
	size_t i, e, n = 0, np = tl->places->n;
	struct origin *o = xcalloc(tl->neffects + 1, sizeof *o);

	for (i = 0; i < np; i++) {
		out[i] = day < tl->initial_from ? STATUS_NONE : tl->places->v[i].initial;
		since[i] = INT32_MIN;
		from[i] = (size_t)-1;
	}
	for (i = 0; i < tl->nevents; i++) {
		const struct event *ev = &tl->events[i];

		if (ev->planned)
			continue;
		for (e = ev->first_effect; e < ev->first_effect + ev->neffects; e++)
			if (tl->effects[e].day <= day && tl->effects[e].status != STATUS_NONE) {
				o[n].day = tl->effects[e].day;
				o[n].ev = (uint32_t)i;
				o[n++].effect = (uint32_t)e;
			}
	}
	/* the fold's order: by day, then file order */
	qsort(o, n, sizeof *o, by_origin);
	for (i = 0; i < n; i++) {
		const struct effect *ef = &tl->effects[o[i].effect];

		if (out[ef->place] == (enum status)ef->status)
			continue;	/* the same status again: it began earlier */
		out[ef->place] = (enum status)ef->status;
		since[ef->place] = ef->day;
		from[ef->place] = o[i].ev;
	}
	free(o);
}

static int64_t
stop_key(const struct timeline *tl, const struct stop *st)
{
	return skey(st->day, tl->events[st->ev].seq);
}

/* The first event, and the first extra stop, whose key is above k. */
static size_t
ev_above(const struct timeline *tl, int64_t k)
{
	size_t lo = 0, hi = tl->nevents;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (ev_key(tl, mid) <= k)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static size_t
x_above(const struct timeline *tl, int64_t k)
{
	size_t lo = 0, hi = tl->ix->nxstops;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (x_key(tl, mid) <= k)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The first stop whose key is above k. */
static int
next_above(const struct timeline *tl, int64_t k, const unsigned char *match,
    struct stop *out)
{
	const struct timeline_ix *ix = tl->ix;
	size_t i = ev_above(tl, k), j = x_above(tl, k);

	while (i < tl->nevents && match != NULL && !match[i])
		i++;
	while (j < ix->nxstops && match != NULL && !match[ix->xstops[j].ev])
		j++;
	if (i < tl->nevents && (j == ix->nxstops || ev_key(tl, i) < x_key(tl, j))) {
		out->day = tl->events[i].day;
		out->ev = (uint32_t)i;
		return 0;
	}
	if (j < ix->nxstops) {
		*out = ix->xstops[j];
		return 0;
	}
	return -1;
}

/* The last stop whose key is below k. */
static int
prev_below(const struct timeline *tl, int64_t k, const unsigned char *match,
    struct stop *out)
{
	size_t i = ev_above(tl, k - 1), j = x_above(tl, k - 1);

	/* i and j: one past the last below k */
	while (i > 0 && match != NULL && !match[i - 1])
		i--;
	while (j > 0 && match != NULL && !match[tl->ix->xstops[j - 1].ev])
		j--;
	if (i > 0 && (j == 0 || ev_key(tl, i - 1) > x_key(tl, j - 1))) {
		out->day = tl->events[i - 1].day;
		out->ev = (uint32_t)(i - 1);
		return 0;
	}
	if (j > 0) {
		*out = tl->ix->xstops[j - 1];
		return 0;
	}
	return -1;
}

int
timeline_stop_next(const struct timeline *tl, const struct stop *at,
    const unsigned char *match, struct stop *out)
{
	return next_above(tl, at != NULL ? stop_key(tl, at) : INT64_MIN, match, out);
}

int
timeline_stop_prev(const struct timeline *tl, const struct stop *at,
    const unsigned char *match, struct stop *out)
{
	return prev_below(tl, at != NULL ? stop_key(tl, at) : INT64_MAX, match, out);
}

int
timeline_stop_at(const struct timeline *tl, day_t day, const unsigned char *match,
    struct stop *out)
{
	return prev_below(tl, day == INT32_MAX ? INT64_MAX : skey((int64_t)day + 1, 0), match,
	    out);
}

static size_t
count_match(const unsigned char *match, size_t from, size_t to)
{
	size_t n = 0;

	if (match == NULL)
		return to > from ? to - from : 0;
	for (; from < to; from++)
		n += match[from] != 0;
	return n;
}

size_t
timeline_reached(const struct timeline *tl, const struct stop *at, const unsigned char *match)
{
	if (at == NULL)
		return 0;
	return count_match(match, 0, ev_above(tl, stop_key(tl, at)));
}

size_t
timeline_count(const struct timeline *tl, day_t from, day_t to, const unsigned char *match)
{
	if (from > to)
		return 0;
	return count_match(match, from == INT32_MIN ? 0 : timeline_upto_day(tl, from - 1),
	    timeline_upto_day(tl, to));
}

size_t
timeline_nstops(const struct timeline *tl)
{
	return tl->nevents + tl->ix->nxstops;
}

/* run(job[0]) and run(job[1]), on two cores if threaded. */
static void
run_halves(void *(*run)(void *), void *job0, void *job1, int threaded)
{
	pthread_t th;

	threaded = threaded && pthread_create(&th, NULL, run, job0) == 0;
	if (!threaded)
		run(job0);
	run(job1);
	if (threaded)
		pthread_join(th, NULL);
}

/*
 * The filter reads every event's id, actors and summary: 2.7 million events
 * are 800 MB of text, which memory gives at 15-20 GB/s per core, but one
 * text at a time (its length, a call, a search) costs ten times that. So
 * an ASCII query first reads the text where it lies, end to end, in a few
 * long spans (the arenas' blocks, or the image's text), and notes the texts
 * that may match it (text_fold_marks()) in a map of struct window per
 * SCAN_WINDOW bytes. Then each event's texts are looked up in the map: one
 * that surely matches is a match, one in no marked text is not, and the
 * few others are searched as before. What matches is what text_fold_has()
 * finds in every text, exactly.
 */
#define SCAN_WINDOW		128
#define WIN_MAYBE		0xff

struct window {
	/*
	 * Where the marked text that starts in the window starts (1 + its
	 * offset) if it surely matches; WIN_MAYBE if it may only, or if two
	 * start there; 0: none.
	 */
	uint8_t		 start;
	/*
	 * 1 + the last offset inside a marked text that started in a window
	 * before (0: none): the offsets from 0 to it may be in one.
	 */
	uint8_t		 inside;
};

struct text_span {
	const char	*p;
	size_t		 len;
	size_t		 win;		/* its first window in the map */
};

static int
by_span(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)((const struct text_span *)a)->p;
	uintptr_t y = (uintptr_t)((const struct text_span *)b)->p;

	return x < y ? -1 : x > y;
}

/* Where the events' strings lie, by address: *nwin, the windows of them all. */
static struct text_span *
text_spans(const struct timeline *tl, size_t *n, size_t *nwin)
{
	const struct timeline_ix *ix = tl->ix;
	struct text_span *v = NULL;
	const char *data;
	size_t used, i, j, k;
	uint64_t at;

	*n = 0;
	for (k = 0; k < 3; k++)
		for (j = 0; ; j++) {
			if (k == 2) {
				if (j >= ix->image_nspans)
					break;
				data = ix->image_text + ix->image_spans[j].at;
				used = ix->image_spans[j].len;
			} else if (arena_block(k == 0 ? &ix->text : &ix->dict, j, &data, &used,
			    &at) != 0) {
				break;
			}
			if (used == 0)
				continue;
			v = xreallocarray(v, *n + 1, sizeof *v);
			v[*n].p = data;
			v[(*n)++].len = used;
		}
	if (*n > 0)
		qsort(v, *n, sizeof *v, by_span);
	*nwin = 0;
	for (i = 0; i < *n; i++) {
		v[i].win = *nwin;
		*nwin += (v[i].len + SCAN_WINDOW - 1) / SCAN_WINDOW;
	}
	return v;
}

/*
 * A piece of the text for one thread at a time: span's bytes from .. to,
 * cut between two texts. The window the piece before may write too
 * (shared) is written to shared_v, merged after.
 */
struct scan_piece {
	size_t		 span, from, to;
	size_t		 shared;	/* SIZE_MAX: none */
	struct window	 shared_v;
};

/*
 * The pieces, taken in turn by two threads: one that shares a core with
 * another job does fewer of them, where halves would wait for it.
 */
struct scan_job {
	const struct text_span *spans;
	struct scan_piece *pieces;
	size_t		 npieces;
	size_t		*next;		/* the next piece to take */
	const char	*folded;
	size_t		 n;		/* its length */
	struct window	*map;
	struct scan_piece *piece;	/* being read, for mark_text() */
};

/* w with a marked text's start (1 + offset, or WIN_MAYBE) and the last offset inside one. */
static void
win_add(struct window *w, unsigned start, unsigned inside)
{
	if (start != 0)
		w->start = (uint8_t)(w->start != 0 && w->start != start ? WIN_MAYBE : start);
	if (inside > w->inside)
		w->inside = (uint8_t)inside;
}

static void
win_put(struct scan_job *j, size_t w, unsigned start, unsigned inside)
{
	win_add(w == j->piece->shared ? &j->piece->shared_v : &j->map[w], start, inside);
}

/*
 * text_fold_marks()'s mark: the text s[lo..hi), with an ASCII match at at,
 * which text_fold_has() finds if it is within what it reads (FIELD_MAX).
 */
static void
mark_text(void *ctx, size_t lo, size_t hi, size_t at)
{
	struct scan_job *j = ctx;
	size_t win = j->spans[j->piece->span].win, w = lo / SCAN_WINDOW, last = hi / SCAN_WINDOW;

	/* inside it, in the windows after its first: up to hi (its NUL, empty from there) */
	win_put(j, win + w, at != (size_t)-1 && at + j->n <= lo + FIELD_MAX ?
	    (unsigned)(lo % SCAN_WINDOW + 1) : WIN_MAYBE, 0);
	for (w++; w <= last; w++)
		win_put(j, win + w, 0, w == last ? (unsigned)(hi % SCAN_WINDOW + 1) :
		    SCAN_WINDOW);
}

static void *
scan_text(void *arg)
{
	struct scan_job *j = arg;
	size_t k;

	while ((k = __atomic_fetch_add(j->next, 1, __ATOMIC_RELAXED)) < j->npieces) {
		const struct text_span *sp = &j->spans[j->pieces[k].span];

		j->piece = &j->pieces[k];
		text_fold_marks(sp->p, sp->len, j->piece->from, j->piece->to, j->folded,
		    mark_text, j);
	}
	return NULL;
}

#define SCAN_PIECES		32	/* about, of the whole text */
#define SCAN_PIECE_MIN		((size_t)64 << 10)

/* The texts of spans[0..nspans) marked for folded in map, a window per SCAN_WINDOW bytes. */
static void
scan_spans(const struct text_span *spans, size_t nspans, const char *folded, struct window *map,
    int threaded)
{
	struct scan_piece *pc = NULL;
	struct scan_job j[2];
	size_t total = 0, size, k, at, npc = 0, next = 0;

	for (k = 0; k < nspans; k++)
		total += spans[k].len;
	size = total / SCAN_PIECES > SCAN_PIECE_MIN ? total / SCAN_PIECES : SCAN_PIECE_MIN;
	/* each span in pieces of about size bytes, cut after a NUL (every span ends with one) */
	for (k = 0; k < nspans; k++)
		for (at = 0; at < spans[k].len; ) {
			const char *nul = spans[k].len - at > size ?
			    memchr(spans[k].p + at + size, 0, spans[k].len - at - size) : NULL;

			pc = xreallocarray(pc, npc + 1, sizeof *pc);
			pc[npc].span = k;
			pc[npc].from = at;
			pc[npc].to = at = nul != NULL ? (size_t)(nul - spans[k].p) + 1 : spans[k].len;
			pc[npc].shared = pc[npc].from % SCAN_WINDOW != 0 ?
			    spans[k].win + pc[npc].from / SCAN_WINDOW : SIZE_MAX;
			pc[npc].shared_v.start = pc[npc].shared_v.inside = 0;
			npc++;
		}
	for (k = 0; k < 2; k++) {
		j[k].spans = spans;
		j[k].pieces = pc;
		j[k].npieces = npc;
		j[k].next = &next;
		j[k].folded = folded;
		j[k].n = strlen(folded);
		j[k].map = map;
		j[k].piece = NULL;
	}
	run_halves(scan_text, &j[0], &j[1], threaded);
	for (k = 0; k < npc; k++)
		if (pc[k].shared != SIZE_MAX)
			win_add(&map[pc[k].shared], pc[k].shared_v.start, pc[k].shared_v.inside);
	free(pc);
}

/* A thread of timeline_match(): the events, MATCH_PIECE at a time, as the pieces are taken. */
struct match_job {
	const struct timeline *tl;
	const char	*folded;
	unsigned char	*match;
	const unsigned char *type_hit, *place_hit;
	const unsigned char *const *attr_hit;
	const size_t	*live;		/* the attributes with a value that matches */
	size_t		 nlive;
	const struct text_span *spans;	/* NULL: every text searched */
	size_t		 nspans;
	/* the span at or after each 2 MiB of the addresses the spans cover, from gbase */
	const uint32_t	*gfirst;
	uintptr_t	 gbase, grange;
	const struct window *map;	/* scan_spans()'s */
	size_t		*next;		/* the next piece to take */
	size_t		 n;		/* the events it matched */
};

#define MATCH_THREAD_EVENTS	8192
#define SPAN_GRANULE		21	/* 2 MiB */

/*
 * For each 2 MiB of the addresses the spans cover, the first span that
 * ends after its start: an event's text found in a step or two, not a
 * binary search over the hundreds of pieces a large entry's text is in
 * (its rooms, between the holes of its scratch rooms), which events in
 * date order visit in no order. NULL when the spans lie too far apart
 * (the heap's arena blocks): then the binary search.
 */
static uint32_t *
span_granules(const struct text_span *spans, size_t n, uintptr_t *base, uintptr_t *range)
{
	uintptr_t end;
	uint32_t *g;
	size_t i, k = 0, ng;

	if (n < 2 || n > UINT32_MAX)
		return NULL;
	*base = (uintptr_t)spans[0].p;
	end = (uintptr_t)spans[n - 1].p + spans[n - 1].len;
	*range = end - *base;
	ng = (*range >> SPAN_GRANULE) + 1;
	if (ng > 16 * n + 4096)
		return NULL;
	g = xmalloc(ng * sizeof *g);
	for (i = 0; i < ng; i++) {
		uintptr_t at = *base + ((uintptr_t)i << SPAN_GRANULE);

		while (k + 1 < n && (uintptr_t)spans[k].p + spans[k].len <= at)
			k++;
		g[i] = (uint32_t)k;
	}
	return g;
}
#define MATCH_PIECE		4096

/* 1 if s (its first FIELD_MAX bytes) folded contains folded; buf has room for 3 * FIELD_MAX + 1. */
static int
fold_has(const char *s, char *buf, const char *folded)
{
	size_t len = strlen(s);

	return text_fold_has(s, len > FIELD_MAX ? FIELD_MAX : len, folded, buf);
}

/*
 * fold_has() for a text an event points at, from the map of scan_spans():
 * searched only if the map cannot tell. *last: the span the same text of
 * the event before was in (the next one's is most often in it too).
 */
static int
text_has(const struct match_job *j, const char *s, char *buf, size_t *last)
{
	uintptr_t a = (uintptr_t)s;
	const struct text_span *sp = &j->spans[*last];
	const struct window *w;
	size_t off;

	if (a - (uintptr_t)sp->p >= sp->len) {
		size_t lo = 0, hi = j->nspans;

		/* the last span that starts at or before s */
		if (j->gfirst != NULL && a - j->gbase < j->grange) {
			lo = j->gfirst[(a - j->gbase) >> SPAN_GRANULE];
			while (lo + 1 < hi && (uintptr_t)j->spans[lo + 1].p <= a)
				lo++;
		} else {
			while (hi - lo > 1) {
				size_t mid = lo + (hi - lo) / 2;

				if ((uintptr_t)j->spans[mid].p <= a)
					lo = mid;
				else
					hi = mid;
			}
		}
		sp = &j->spans[lo];
		if (a - (uintptr_t)sp->p >= sp->len)
			return fold_has(s, buf, j->folded);	/* in none: a literal */
		*last = lo;
	}
	off = a - (uintptr_t)sp->p;
	w = &j->map[sp->win + off / SCAN_WINDOW];
	off %= SCAN_WINDOW;
	if (w->start == off + 1)
		return 1;	/* it starts here, and surely matches */
	/* before the window's marked text (if any), not inside one that started before */
	if (w->start != WIN_MAYBE && (w->start == 0 || off + 1 < w->start) && w->inside < off + 1)
		return 0;
	return fold_has(s, buf, j->folded);
}

/* 1 if the event's type, place or an attribute matches: the dictionaries, searched once each. */
static int
dict_hit(const struct match_job *j, const struct event *ev)
{
	const struct timeline *tl = j->tl;
	size_t k;

	if (j->type_hit[ev->type] || (ev->place < tl->places->n && j->place_hit[ev->place]))
		return 1;
	for (k = 0; k < j->nlive; k++) {
		const struct timeline_attr *a = &tl->attrs[j->live[k]];
		uint32_t c = timeline_attr_code(a, ev->seq);

		if (c < a->ndict && j->attr_hit[j->live[k]][c])
			return 1;
	}
	return 0;
}

#define MATCH_AHEAD		4	/* events */

/* Events from .. to matched into j->match: how many match. */
static size_t
match_range(const struct match_job *j, size_t from, size_t to, char *buf, size_t last[3])
{
	const struct event *events = j->tl->events;
	const char *folded = j->folded;
	unsigned char *match = j->match;
	size_t i, n = 0;

	/*
	 * Locals, and the count returned: match[] is unsigned char, which may
	 * alias anything, so each store to it would have the job read again.
	 */
	for (i = from; i < to; i++) {
		const struct event *ev = &events[i];
		int hit = dict_hit(j, ev);

		if (hit) {
			;
		} else if (j->spans != NULL) {
			hit = text_has(j, ev->id, buf, &last[0]) ||
			    text_has(j, ev->actors, buf, &last[1]) ||
			    text_has(j, ev->summary, buf, &last[2]);
		} else {
			/* the texts are read from memory, not computed on: ask for them early */
			if (i + MATCH_AHEAD < to) {
				const char *next = events[i + MATCH_AHEAD].summary;

				__builtin_prefetch(next);
				__builtin_prefetch(next + 64);
				__builtin_prefetch(next + 128);
				__builtin_prefetch(next + 192);
			}
			hit = fold_has(ev->id, buf, folded) || fold_has(ev->actors, buf, folded) ||
			    fold_has(ev->summary, buf, folded);
		}
		match[i] = (unsigned char)hit;
		n += (size_t)hit;
	}
	return n;
}

/*
 * The events in pieces, taken in turn by two threads: one that shares a
 * core with another job does fewer of them, where halves would wait for it.
 */
static void *
match_events(void *arg)
{
	struct match_job *j = arg;
	size_t k, nevents = j->tl->nevents, n = 0, last[3] = { 0, 0, 0 };
	char *buf = xmalloc(3 * FIELD_MAX + 1);

	while ((k = __atomic_fetch_add(j->next, 1, __ATOMIC_RELAXED)) * MATCH_PIECE < nevents)
		n += match_range(j, k * MATCH_PIECE, nevents - k * MATCH_PIECE > MATCH_PIECE ?
		    k * MATCH_PIECE + MATCH_PIECE : nevents, buf, last);
	j->n = n;
	free(buf);
	return NULL;
}

/*
 * Whether reading the text end to end pays: a search of each event's texts
 * reads the whole of those that hold no match, but stops at the first match
 * in the others, which most texts hold early for a query of a letter or two
 * ("e"), and the scan would mark. The events of a sample tell which: more
 * than a quarter of them matching nowhere, the scan pays.
 */
#define MATCH_SAMPLE		1024

static int
scan_pays(const struct match_job *j)
{
	const struct timeline *tl = j->tl;
	size_t i, n = 0, none = 0, step = tl->nevents / MATCH_SAMPLE + 1;
	char *buf = xmalloc(3 * FIELD_MAX + 1);

	for (i = 0; i < tl->nevents; i += step, n++) {
		const struct event *ev = &tl->events[i];

		none += !dict_hit(j, ev) && !fold_has(ev->id, buf, j->folded) &&
		    !fold_has(ev->actors, buf, j->folded) && !fold_has(ev->summary, buf, j->folded);
	}
	free(buf);
	return none * 4 > n;
}

size_t
timeline_match(const struct timeline *tl, const char *folded, unsigned char *match)
{
	size_t i, k, n = 0, np = tl->places->n, nlive = 0, nspans = 0, nwin = 0, next = 0;
	size_t *live = xcalloc(tl->nattrs + 1, sizeof *live);
	char *buf = xmalloc(3 * FIELD_MAX + 1);
	unsigned char *type_hit = xcalloc(tl->ntypes + 1, 1), *place_hit = xcalloc(np + 1, 1);
	unsigned char **attr_hit = xcalloc(tl->nattrs + 1, sizeof *attr_hit);
	struct text_span *spans = NULL;
	struct window *map = NULL;
	struct match_job job[2];
	uint32_t *gfirst = NULL;
	uintptr_t gbase = 0, grange = 0;
	int threaded = tl->nevents >= MATCH_THREAD_EVENTS, ascii = folded[0] != '\0';

	/* types, place names and attributes are shared by many events: once each */
	for (i = 0; i < tl->ntypes; i++)
		type_hit[i] = (unsigned char)fold_has(tl->types[i], buf, folded);
	/* a world's 90,000 place names lie apart in memory: asked for ahead */
	for (i = 0; i < np; i++) {
		if (i + MATCH_AHEAD < np)
			__builtin_prefetch(tl->places->v[i + MATCH_AHEAD].name);
		place_hit[i] = (unsigned char)fold_has(tl->places->v[i].name, buf, folded);
	}
	for (k = 0; k < tl->nattrs; k++) {
		attr_hit[k] = xcalloc(tl->attrs[k].ndict, 1);
		for (i = 1; i < tl->attrs[k].ndict; i++) {
			if (i + MATCH_AHEAD < tl->attrs[k].ndict)
				__builtin_prefetch(tl->attrs[k].dict[i + MATCH_AHEAD]);
			attr_hit[k][i] = (unsigned char)fold_has(tl->attrs[k].dict[i], buf, folded);
		}
		/* an attribute no value of which matches is not read per event */
		if (memchr(attr_hit[k], 1, tl->attrs[k].ndict) != NULL)
			live[nlive++] = k;
	}
	for (i = 0; folded[i] != '\0'; i++)
		ascii = ascii && (unsigned char)folded[i] < 0x80;
	for (k = 0; k < 2; k++) {
		job[k].tl = tl;
		job[k].folded = folded;
		job[k].match = match;
		job[k].type_hit = type_hit;
		job[k].place_hit = place_hit;
		job[k].attr_hit = (const unsigned char *const *)attr_hit;
		job[k].live = live;
		job[k].nlive = nlive;
		job[k].spans = NULL;
		job[k].nspans = 0;
		job[k].gfirst = NULL;
		job[k].map = NULL;
		job[k].next = &next;
		job[k].n = 0;
	}
	/* text_fold_marks() takes an ASCII query; others fold every text, as "" matches them */
	if (ascii && scan_pays(&job[0]) && (spans = text_spans(tl, &nspans, &nwin)) != NULL) {
		if (tl->ix->match_cap < nwin + 1) {
			free(tl->ix->match_map);
			tl->ix->match_map = xreallocarray(NULL, nwin + 1, sizeof *map);
			tl->ix->match_cap = nwin + 1;
		}
		map = tl->ix->match_map;
		memset(map, 0, (nwin + 1) * sizeof *map);
		scan_spans(spans, nspans, folded, map, threaded);
		gfirst = span_granules(spans, nspans, &gbase, &grange);
		for (k = 0; k < 2; k++) {
			job[k].spans = spans;
			job[k].nspans = nspans;
			job[k].gfirst = gfirst;
			job[k].gbase = gbase;
			job[k].grange = grange;
			job[k].map = map;
		}
	}
	/* most of a filter is reading every event's texts: on two cores */
	run_halves(match_events, &job[0], &job[1], threaded);
	n = job[0].n + job[1].n;
	for (k = 0; k < tl->nattrs; k++)
		free(attr_hit[k]);
	free(attr_hit);
	free(live);
	free(buf);
	free(type_hit);
	free(place_hit);
	free(spans);
	free(gfirst);
	return n;
}

/* A thread of count_scan(): the events from .. to, COUNT_PIECE at a time, as taken. */
struct count_job {
	const struct timeline *tl;
	const unsigned char *match;
	size_t		 from, to;
	size_t		*next;		/* the next piece to take */
	struct place_count *per;
};

#define COUNT_PIECE		(1 << 16)

static void *
count_range(void *arg)
{
	const struct count_job *j = arg;
	const uint32_t *event_place = j->tl->event_place, *weight = j->tl->event_weight;
	const unsigned char *match = j->match;
	struct place_count *per = j->per;
	size_t i, k, to;

	while ((k = __atomic_fetch_add(j->next, 1, __ATOMIC_RELAXED)) <
	    (j->to - j->from + COUNT_PIECE - 1) / COUNT_PIECE) {
		i = j->from + k * COUNT_PIECE;
		to = j->to - i > COUNT_PIECE ? i + COUNT_PIECE : j->to;
		for (; i < to; i++) {
			uint32_t place = event_place[i];

			if (place == UINT32_MAX || (match != NULL && !match[i]))
				continue;
			/* an aggregate's row counts its events (sums held at UINT_MAX, not wrapped) */
			if (weight != NULL)
				per[place].n = per[place].n > UINT_MAX - weight[i] ? UINT_MAX :
				    per[place].n + weight[i];
			else
				per[place].n++;
			/* the pieces come in order to each thread: the last is the latest */
			per[place].last = (uint32_t)i;
		}
	}
	return NULL;
}

#define COUNT_THREAD_EVENTS	(1 << 18)

/*
 * Adds the events from .. to (those match[] keeps, if given) to
 * per[0..np): one read of the packed places each, in pieces that two
 * threads take in turn (one that shares a core with another job does
 * fewer), each into counts of its own, added after: held at UINT_MAX as
 * one sum would be, the last event (of weight 0 too) the later of the two.
 */
static void
count_scan(const struct timeline *tl, size_t from, size_t to, const unsigned char *match,
    struct place_count *per, size_t np)
{
	struct count_job j[2];
	pthread_t th;
	size_t i, next = 0;

	for (i = 0; i < 2; i++) {
		j[i].tl = tl;
		j[i].match = match;
		j[i].from = from;
		j[i].to = to;
		j[i].next = &next;
	}
	j[0].per = per;
	if (to - from < COUNT_THREAD_EVENTS) {
		count_range(&j[0]);
		return;
	}
	j[1].per = xcalloc(np ? np : 1, sizeof *per);
	if (pthread_create(&th, NULL, count_range, &j[1]) != 0) {
		count_range(&j[0]);
	} else {
		count_range(&j[0]);
		pthread_join(th, NULL);
	}
	/* a place one thread never saw has last 0, before any other */
	for (i = 0; i < np; i++) {
		if (j[1].per[i].last > per[i].last)
			per[i].last = j[1].per[i].last;
		per[i].n = per[i].n > UINT_MAX - j[1].per[i].n ? UINT_MAX :
		    per[i].n + j[1].per[i].n;
	}
	free(j[1].per);
}


/*
 * Counting every event of a 2.7M-event export for each aggregated frame
 * is a cache miss per event into the per-place counts (about 6 ms on two
 * cores). Without a filter, counts up to an event are a snapshot plus the
 * events since it: a snapshot of every place's count every count_every
 * events, made at the first such count. Sums that could pass UINT_MAX,
 * which a count holds at UINT_MAX, are counted in full instead.
 */
#define COUNT_SNAP_MIN		((size_t)1 << 18)	/* events between snapshots, at least */
#define COUNT_SNAPS_MAX		16

static int
count_snaps_ready(const struct timeline *tl, size_t np)
{
	struct timeline_ix *ix = tl->ix;
	struct place_count *cur;
	uint64_t total = 0;
	size_t i, s, nsnaps;

	if (ix->count_snaps != NULL && ix->count_np == np)
		return 1;
	if (ix->count_tried_np == np + 1 || tl->nevents < 2 * COUNT_SNAP_MIN)
		return 0;
	ix->count_tried_np = np + 1;
	for (i = 0; tl->event_weight != NULL && i < tl->nevents; i++)
		total += tl->event_weight[i];
	if (total > UINT_MAX)
		return 0;
	/* at most 4 bytes an event, for an aggregate of as many cells as rows */
	nsnaps = tl->nevents * 4 / ((np ? np : 1) * sizeof *cur);
	if (nsnaps > COUNT_SNAPS_MAX)
		nsnaps = COUNT_SNAPS_MAX;
	if (nsnaps == 0)
		return 0;
	free(ix->count_snaps);
	ix->count_every = (tl->nevents + nsnaps - 1) / nsnaps;
	if (ix->count_every < COUNT_SNAP_MIN)
		ix->count_every = COUNT_SNAP_MIN;
	ix->ncount_snaps = tl->nevents / ix->count_every;
	ix->count_np = np;
	ix->count_snaps = xcalloc(ix->ncount_snaps * (np ? np : 1), sizeof *ix->count_snaps);
	cur = xcalloc(np ? np : 1, sizeof *cur);
	for (s = 1; s <= ix->ncount_snaps; s++) {
		count_scan(tl, (s - 1) * ix->count_every, s * ix->count_every, NULL, cur, np);
		memcpy(ix->count_snaps + (s - 1) * np, cur, np * sizeof *cur);
	}
	free(cur);
	return 1;
}

/* The counts of events 0 .. to into per[0..np): the snapshot before to, and the events after it. */
static void
count_upto(const struct timeline *tl, size_t to, struct place_count *per, size_t np)
{
	const struct timeline_ix *ix = tl->ix;
	size_t s = to / ix->count_every;

	if (s > ix->ncount_snaps)
		s = ix->ncount_snaps;
	if (s > 0)
		memcpy(per, ix->count_snaps + (s - 1) * np, np * sizeof *per);
	else
		memset(per, 0, np * sizeof *per);
	count_scan(tl, s * ix->count_every, to, NULL, per, np);
}

void
timeline_count_places(const struct timeline *tl, size_t from, size_t to,
    const unsigned char *match, struct place_count *per, size_t np)
{
	struct place_count *before;
	size_t i;

	if (to <= from) {
		memset(per, 0, np * sizeof *per);
		return;
	}
	if (match != NULL || !count_snaps_ready(tl, np)) {
		memset(per, 0, np * sizeof *per);
		count_scan(tl, from, to, match, per, np);
		return;
	}
	count_upto(tl, to, per, np);
	if (from == 0)
		return;
	/* a place with events before from only: a count of 0, as if never seen */
	before = xcalloc(np ? np : 1, sizeof *before);
	count_upto(tl, from, before, np);
	for (i = 0; i < np; i++)
		per[i].n -= before[i].n;
	free(before);
}

const struct plan *
timeline_plan(const struct timeline *tl, size_t place, day_t day, enum status now,
    enum plan_state *state)
{
	const struct timeline_ix *ix = tl->ix;
	size_t lo = 0, hi = ix->nplans;
	const struct plan *late = NULL;

	*state = PLAN_NONE;
	if (day < tl->initial_from)
		return NULL;	/* no plan is pending for a place whose status is unknown */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (tl->effects[ix->plans[mid].effect].place < place)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < ix->nplans && tl->effects[ix->plans[lo].effect].place == place; lo++) {
		const struct plan *p = &ix->plans[lo];
		const struct event *ev = &tl->events[p->ev];

		if (ev->hi >= day) {
			if (now != (enum status)tl->effects[p->effect].status) {
				*state = PLAN_PENDING;
				return p;
			}
		} else if (p->confirmed > day) {
			late = p;
		}
	}
	if (late != NULL)
		*state = PLAN_UNCONFIRMED;
	return late;
}

size_t
timeline_upto_day(const struct timeline *tl, day_t day)
{
	size_t lo = 0, hi = tl->nevents;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (tl->events[mid].day <= day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

const struct route *
timeline_route(const struct timeline *tl, const struct event *ev)
{
	size_t lo = 0, hi = tl->nroutes;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (tl->routes[mid].seq < ev->seq)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < tl->nroutes && tl->routes[lo].seq == ev->seq ? &tl->routes[lo] : NULL;
}

long
timeline_find(const struct timeline *tl, const char *id)
{
	const struct timeline_ix *ix = tl->ix;
	uint32_t h = util_hash(id, strlen(id));
	size_t j;

	if (ix->id_cap == 0)
		return -1;
	for (j = h & (ix->id_cap - 1); ix->id_slots[j].ev != 0; j = (j + 1) & (ix->id_cap - 1))
		if (ix->id_slots[j].hash == h && strcmp(tl->events[ix->id_slots[j].ev - 1].id, id) == 0)
			return (long)ix->id_slots[j].ev - 1;
	return -1;
}

void
timeline_free(struct timeline *tl)
{
	size_t i;

	if (tl == NULL)
		return;
	build_free(tl->build);
	if (tl->ix->image == NULL || tl->ix->events_owned)
		events_drop(tl);
	free(tl->types);
	if (tl->ix->image != NULL) {
		free(tl->planned);
		for (i = 0; i < tl->nattrs; i++)
			free(tl->attrs[i].dict);
		free(tl->attrs);
		ix_free(tl->ix);
		free(tl);
		return;
	}
	ix_free(tl->ix);
	free(tl->effects);
	free(tl->routes);
	free(tl->stops);
	free(tl->event_place);
	free(tl->event_weight);
	free(tl->planned);
	for (i = 0; i < tl->nattrs; i++) {
		free(tl->attrs[i].dict);
		free(tl->attrs[i].code);
	}
	free(tl->attrs);
	free(tl);
}

size_t
timeline_nplans(const struct timeline *tl)
{
	return tl->ix->nplans;
}

/*
 * The image of a loaded import (its places and timeline) for the events
 * cache: the text, then sections of fixed-size records, each 8-aligned,
 * then a trailer that says where each section is. Strings are offsets into
 * the text, which is the timeline's arenas as they are (an interned string
 * stays one copy), the blocks that were rooms of the entry where they lie. A reader maps the image: only the events are
 * copied (their strings become pointers again); every other array is used
 * where it lies, the text read on demand. The checksum covers every
 * section but the text and the attribute codes, which are bounded instead
 * (a string ends within the text, a code beyond its dictionary reads ""):
 * checking them would read the whole file at every start.
 */
#define IMAGE_TAG	"SMEVIMG8"
#define EV_CHUNK	4096

enum { S_EVENTS, S_EFFECTS, S_ROUTES, S_STOPS, S_EVPLACE, S_PLANNED, S_FOLD, S_SNAPS,
	S_XSTOPS, S_PLANS, S_IDSLOTS, S_PLACES, S_TYPES, S_ATTRS, S_DICTS, S_EXTRA, S_CODES,
	S_TEXT, S_WEIGHT, S_SPANS, S_COUNT };


struct image_trailer {
	char		 tag[8];
	uint64_t	 nplaces, nevents, neffects, nroutes, nstops, nplanned, ntypes, nattrs;
	uint64_t	 nfold, nsnaps, nxstops, nplans, id_cap, ndicts, ncodes, text_len, nextra;
	int64_t		 first_lo, last_day;
	uint64_t	 counted, has_evplace, has_weight;
	uint64_t	 text_base;	/* the text's address the events' strings hold */
	uint64_t	 at[S_COUNT];	/* where each section starts in the body */
	uint64_t	 nspans;
	uint64_t	 sum;		/* of every section but the text and the codes */
};

/* tests/cache/run.sh finds the events' section through it */
_Static_assert(sizeof(struct image_trailer) == 368 && offsetof(struct image_trailer, at) == 192,
    "the image trailer's layout changed");

struct image_place {
	uint64_t	 str[9];	/* id, name, label, alt, region, source, note, country, area */
	int32_t		 kind, initial, outside_mali, unlocated;
	double		 lon_deg, lat_deg;
};

struct image_attr {
	uint64_t	 key, label, ndict, cap, width;	/* cap codes of width bytes */
};

struct image_out {
	void		(*put)(void *, const void *, size_t);
	void		*ctx;
	uint64_t	 pos, sum;
	/* the text: "" at 0, the arenas' blocks, then strings that were in neither */
	struct text_block {
		const char	*data;
		size_t		 used;
		uint64_t	 at;
	}		*blocks;
	size_t		 nblocks;
	/* by BLOCK_GRANULE of addresses, the first block there: see block_granules() */
	struct granule {
		uintptr_t	 g;	/* the granule's number + 1; 0: a free slot */
		size_t		 k;
	}		*gran;
	size_t		 gcap;
	char		*extra;
	size_t		 nextra, extra_cap;
	uint64_t	 extra_at;
	int		 sealed;	/* the text is written: a string not in it is an error */
	int		 bad;
};

/*
 * A section's sum: Fletcher's over 64-bit words (a changed word changes
 * the first sum, a moved one the second). Not cache_checksum(): at a
 * start it runs over a few hundred MB, at the speed of memory.
 */
static uint64_t
img_sum(const void *p, size_t n)
{
	const unsigned char *b = p;
	uint64_t s1 = 0x9e3779b97f4a7c15ULL, s2 = n, w;
	size_t i;

	for (i = 0; i + 8 <= n; i += 8) {
		memcpy(&w, b + i, 8);
		s1 += w;
		s2 += s1;
	}
	for (; i < n; i++) {
		s1 += b[i];
		s2 += s1;
	}
	return s1 ^ (s2 * 0x100000001b3ULL) ^ (s2 >> 29);
}

static uint64_t
sum_fold(uint64_t h, uint64_t x)
{
	h = (h ^ x) * 0x100000001b3ULL;
	return h ^ (h >> 29);
}

/* Writes p[0..n); summed: as a section the checksum covers, one fold per call. */
static void
img_put(struct image_out *o, const void *p, size_t n, int summed)
{
	if (summed)
		o->sum = sum_fold(o->sum, n ? img_sum(p, n) : 0);
	if (n == 0)
		return;
	o->put(o->ctx, p, n);
	o->pos += n;
}

static void
img_pad(struct image_out *o)
{
	static const char zero[8];

	o->put(o->ctx, zero, (8 - o->pos % 8) % 8);
	o->pos += (8 - o->pos % 8) % 8;
}

static int
by_data(const void *a, const void *b)
{
	const struct text_block *x = a, *y = b;

	return x->data < y->data ? -1 : x->data > y->data;
}

#define BLOCK_GRANULE	21	/* 2 MiB */

static size_t
granule_slot(const struct image_out *o, uintptr_t g)
{
	size_t j = (size_t)((g * 0x9e3779b97f4a7c15ULL) >> 20) & (o->gcap - 1);

	while (o->gran[j].g != 0 && o->gran[j].g != g + 1)
		j = (j + 1) & (o->gcap - 1);
	return j;
}

/*
 * For each 2 MiB of addresses that a block (o->blocks, in address order)
 * has bytes in, the first such block: a string is in it or in one of the
 * few after it that start before the string. Hashed, as the blocks are in
 * the heap and in rooms, far apart.
 */
static void
block_granules(struct image_out *o)
{
	size_t i, j, n = 0;
	uintptr_t g;

	for (i = 0; i < o->nblocks; i++)
		if (o->blocks[i].used > 0)
			n += ((uintptr_t)(o->blocks[i].data + o->blocks[i].used - 1) >>
			    BLOCK_GRANULE) - ((uintptr_t)o->blocks[i].data >> BLOCK_GRANULE) + 1;
	for (o->gcap = 16; o->gcap < 2 * n; o->gcap *= 2)
		;
	o->gran = xcalloc(o->gcap, sizeof *o->gran);
	for (i = 0; i < o->nblocks; i++) {
		if (o->blocks[i].used == 0)
			continue;
		for (g = (uintptr_t)o->blocks[i].data >> BLOCK_GRANULE;
		    g <= (uintptr_t)(o->blocks[i].data + o->blocks[i].used - 1) >> BLOCK_GRANULE;
		    g++) {
			j = granule_slot(o, g);
			if (o->gran[j].g == 0) {
				o->gran[j].g = g + 1;
				o->gran[j].k = i;
			}
		}
	}
}

/*
 * The offset of s in the image's text: in an arena's block, or copied to
 * the extra strings. *hint: the block the caller's last string was in,
 * where its next one mostly is; else the block is found through the
 * granules (a binary search per string of a million events sorted by
 * date, whose strings are in any block, took 130 ms).
 */
static uint64_t
text_at_hinted(struct image_out *o, const char *s, size_t *hint)
{
	size_t j, k, n;

	/* *s is read only for a string in no block: a read each was a cache miss */
	if (s == NULL)
		return 0;
	if (*hint < o->nblocks && s >= o->blocks[*hint].data &&
	    s < o->blocks[*hint].data + o->blocks[*hint].used)
		return o->blocks[*hint].at + (uint64_t)(s - o->blocks[*hint].data);
	j = granule_slot(o, (uintptr_t)s >> BLOCK_GRANULE);
	for (k = o->gran[j].k; o->gran[j].g != 0 && k < o->nblocks && o->blocks[k].data <= s;
	    k++)
		if (s < o->blocks[k].data + o->blocks[k].used) {
			*hint = k;
			return o->blocks[k].at + (uint64_t)(s - o->blocks[k].data);
		}
	if (*s == '\0')
		return 0;
	if (o->sealed) {
		o->bad = 1;
		return 0;
	}
	n = strlen(s) + 1;
	if (o->nextra + n > o->extra_cap) {
		o->extra_cap = (o->nextra + n) * 2;
		o->extra = xreallocarray(o->extra, o->extra_cap, 1);
	}
	memcpy(o->extra + o->nextra, s, n);
	o->nextra += n;
	return o->extra_at + o->nextra - n;
}

static int
by_at(const void *a, const void *b)
{
	const struct image_span *x = a, *y = b;

	return x->at < y->at ? -1 : x->at > y->at;
}

/*
 * Where the text's strings are, in order, those side by side joined: the
 * arenas' blocks and the strings copied after them. A filter scans these,
 * not the holes that the scratch rooms left between them.
 */
static struct image_span *
text_pieces(const struct image_out *o, uint64_t *n)
{
	struct image_span *v = xcalloc(o->nblocks + 2, sizeof *v);
	size_t i, k = 0;

	for (i = 0; i < o->nblocks; i++)
		if (o->blocks[i].used > 0 && o->blocks[i].at != UINT64_MAX) {
			v[k].at = o->blocks[i].at;
			v[k++].len = o->blocks[i].used;
		}
	if (o->nextra > 0) {
		v[k].at = o->extra_at;
		v[k++].len = o->nextra;
	}
	qsort(v, k, sizeof *v, by_at);
	for (*n = 0, i = 0; i < k; i++) {
		if (*n > 0 && v[*n - 1].at + v[*n - 1].len >= v[i].at) {
			uint64_t end = v[i].at + v[i].len;

			if (end > v[*n - 1].at + v[*n - 1].len)
				v[*n - 1].len = end - v[*n - 1].at;
			continue;
		}
		v[(*n)++] = v[i];
	}
	return v;
}

static uint64_t
text_at(struct image_out *o, const char *s)
{
	size_t hint = SIZE_MAX;

	return text_at_hinted(o, s, &hint);
}

/* An event as the image has it: its strings' pointers made text_base + their offsets. */
static void
event_to_image(struct image_out *o, struct event *ev, uint64_t text_base, size_t *hint)
{
	ev->id = (char *)(uintptr_t)(text_base + text_at_hinted(o, ev->id, &hint[0]));
	ev->actors = (char *)(uintptr_t)(text_base + text_at_hinted(o, ev->actors, &hint[1]));
	ev->summary = (char *)(uintptr_t)(text_base + text_at_hinted(o, ev->summary, &hint[2]));
	ev->sources = (char *)(uintptr_t)(text_base + text_at_hinted(o, ev->sources, &hint[3]));
	ev->note = (char *)(uintptr_t)(text_base + text_at_hinted(o, ev->note, &hint[4]));
}

static int
by_block_at(const void *a, const void *b)
{
	const struct text_block *x = a, *y = b;

	return x->at < y->at ? -1 : x->at > y->at;
}

/* A thread of image_events(): chunks from .. to, each's sum kept; out, its own copy (bad). */
struct image_events_job {
	struct image_out out;
	struct event	*events;
	size_t		 nevents, from, to;
	uint64_t	 text_base;
	uint64_t	*sums;
};

static void *
image_events_chunks(void *arg)
{
	struct image_events_job *j = arg;
	size_t hint[5] = { SIZE_MAX, SIZE_MAX, SIZE_MAX, SIZE_MAX, SIZE_MAX }, c, i, n;

	for (c = j->from; c < j->to; c++) {
		struct event *chunk = j->events + c * EV_CHUNK;

		n = j->nevents - c * EV_CHUNK < EV_CHUNK ? j->nevents - c * EV_CHUNK : EV_CHUNK;
		for (i = 0; i < n; i++)
			event_to_image(&j->out, &chunk[i], j->text_base, hint);
		j->sums[c] = img_sum(chunk, n * sizeof *chunk);
	}
	return NULL;
}

#define IMAGE_THREAD_EVENTS	65536

/*
 * The events, when they were built in a scratch room of the entry being
 * written (ctx): made the image's where they lie, and that room kept as
 * the section. Copied and written, they were 88 MB of new pages at 1M
 * events, and the room's pages punched out after. Two threads take half
 * the chunks each (finding each string's block is most of it: 65 ms at
 * 1M events on one), each chunk summed apart and the sums folded in order
 * after, as one thread would. The text is sealed by then: a string in no
 * block only sets bad, which each thread has its own of. 1 if done (*at:
 * where).
 */
static int
image_events(struct image_out *o, struct timeline *tl, uint64_t text_base,
    uint64_t *at)
{
	struct timeline_ix *ix = tl->ix;
	const struct arena_rooms *rooms = ix->text.rooms;
	size_t c, nchunks = (tl->nevents + EV_CHUNK - 1) / EV_CHUNK;
	struct image_events_job job[2];
	uint64_t *sums;

	if (rooms == NULL || rooms->ctx != o->ctx || ix->ev_room.bytes == 0 || ix->ev_room.kept)
		return 0;
	sums = xcalloc(nchunks + 1, sizeof *sums);
	for (c = 0; c < 2; c++) {
		job[c].out = *o;
		job[c].events = tl->events;
		job[c].nevents = tl->nevents;
		job[c].from = c == 0 ? 0 : nchunks / 2;
		job[c].to = c == 0 ? nchunks / 2 : nchunks;
		job[c].text_base = text_base;
		job[c].sums = sums;
	}
	run_halves(image_events_chunks, &job[0], &job[1], tl->nevents >= IMAGE_THREAD_EVENTS);
	o->bad |= job[0].out.bad | job[1].out.bad;
	for (c = 0; c < nchunks; c++)
		o->sum = sum_fold(o->sum, sums[c]);
	free(sums);
	*at = ix->ev_room.at;
	scratch_keep(rooms, &ix->ev_room, tl->events, tl->nevents * sizeof *tl->events);
	ix->undo = xreallocarray(NULL, o->nblocks + 1, sizeof *ix->undo);
	memcpy(ix->undo, o->blocks, o->nblocks * sizeof *ix->undo);
	qsort(ix->undo, o->nblocks, sizeof *ix->undo, by_block_at);
	ix->nundo = o->nblocks;
	ix->undo_base = text_base;
	return 1;
}

/* A string of an event made the image's by image_events(), found again in the blocks. */
static char *
undo_string(const struct timeline_ix *ix, const char *s)
{
	uint64_t off = (uint64_t)(uintptr_t)s - ix->undo_base;
	size_t lo = 0, hi = ix->nundo;

	while (off != 0 && lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (off < ix->undo[mid].at)
			hi = mid;
		else if (off >= ix->undo[mid].at + ix->undo[mid].used)
			lo = mid + 1;
		else
			return (char *)(uintptr_t)(ix->undo[mid].data + (off - ix->undo[mid].at));
	}
	return (char *)"";
}

void
timeline_image_undo(struct timeline *tl)
{
	struct timeline_ix *ix = tl->ix;
	struct event *v;
	size_t i;

	if (ix->undo == NULL)
		return;
	/* a copy: the room is the entry's now, which other runs may map */
	v = xreallocarray(NULL, tl->nevents + 1, sizeof *v);
	for (i = 0; i < tl->nevents; i++) {
		v[i] = tl->events[i];
		v[i].id = undo_string(ix, v[i].id);
		v[i].actors = undo_string(ix, v[i].actors);
		v[i].summary = undo_string(ix, v[i].summary);
		v[i].sources = undo_string(ix, v[i].sources);
		v[i].note = undo_string(ix, v[i].note);
	}
	scratch_free(ix->text.rooms, &ix->ev_room, tl->events);
	tl->events = v;
	ix->ev_cap = tl->nevents;
	free(ix->undo);
	ix->undo = NULL;
	ix->nundo = 0;
}

/*
 * The text comes first, at body offset 0: the arenas' blocks that are
 * rooms of the entry (arena_rooms) are in it already, where the parse
 * wrote them; the others and the strings in no arena are written after
 * them. So the offsets the events' strings take are known before a byte
 * is written, and text an import put in its entry is never copied.
 */
int
timeline_image_write(struct timeline *tl, const struct places *pl, const uint64_t *extra,
    size_t nextra, size_t body_off, uint64_t body_used,
    void (*put)(void *, const void *, size_t), void *ctx)
{
	const struct timeline_ix *ix = tl->ix;
	struct image_trailer tr;
	struct image_out o;
	struct event *chunk = xmalloc(EV_CHUNK * sizeof *chunk);
	struct image_place *ip = xcalloc(pl->n + 1, sizeof *ip);
	struct image_attr *ia = xcalloc(tl->nattrs + 1, sizeof *ia);
	uint64_t *types = xcalloc(tl->ntypes + 1, sizeof *types), *dicts, *planned;
	uint64_t text_base = TIMELINE_IMAGE_BASE + body_off, at;
	struct image_span *spans;
	size_t i, k, j, hint[5] = { SIZE_MAX, SIZE_MAX, SIZE_MAX, SIZE_MAX, SIZE_MAX };
	const char *data;
	size_t used;

	memset(&o, 0, sizeof o);
	memset(&tr, 0, sizeof tr);
	o.put = put;
	o.ctx = ctx;
	o.pos = body_used;
	if (o.pos == 0)
		img_put(&o, "", 1, 0);
	/* the places' strings too: an import's are pooled where its events' are */
	for (k = 0; k < 3; k++) {
		const struct arena *a = k == 0 ? &ix->text : k == 1 ? &ix->dict : &pl->pool;

		for (j = 0; arena_block(a, j, &data, &used, &at) == 0; j++) {
			if (at == UINT64_MAX) {
				at = o.pos;
				img_put(&o, data, used, 0);
			} else if (at == 0 || at > body_used || used > body_used - at) {
				o.bad = 1;	/* not in this entry's rooms */
			}
			o.blocks = xreallocarray(o.blocks, o.nblocks + 1, sizeof *o.blocks);
			o.blocks[o.nblocks].data = data;
			o.blocks[o.nblocks].used = used;
			o.blocks[o.nblocks++].at = at;
		}
	}
	o.extra_at = o.pos;
	if (o.nblocks > 0)
		qsort(o.blocks, o.nblocks, sizeof *o.blocks, by_data);
	block_granules(&o);
	for (i = 0; i < pl->n; i++) {
		const struct place *p = &pl->v[i];

		ip[i].str[0] = text_at(&o, p->id);
		ip[i].str[1] = text_at(&o, p->name);
		ip[i].str[2] = text_at(&o, p->label);
		ip[i].str[3] = text_at(&o, p->alt);
		ip[i].str[4] = text_at(&o, p->region);
		ip[i].str[5] = text_at(&o, p->source);
		ip[i].str[6] = text_at(&o, p->note);
		ip[i].str[7] = text_at(&o, p->country);
		ip[i].str[8] = text_at(&o, p->area);
		ip[i].kind = (int32_t)p->kind;
		ip[i].initial = (int32_t)p->initial;
		ip[i].outside_mali = p->outside_mali;
		ip[i].unlocated = p->unlocated;
		ip[i].lon_deg = p->lon_deg;
		ip[i].lat_deg = p->lat_deg;
	}
	for (i = 0; i < tl->ntypes; i++)
		types[i] = text_at(&o, tl->types[i]);
	for (k = 0; k < tl->nattrs; k++) {
		ia[k].key = text_at(&o, tl->attrs[k].key);
		ia[k].label = text_at(&o, tl->attrs[k].label);
		ia[k].ndict = tl->attrs[k].ndict;
		ia[k].cap = tl->attrs[k].cap < tl->nevents ? tl->attrs[k].cap : tl->nevents;
		ia[k].width = tl->attrs[k].width;
		tr.ndicts += ia[k].ndict;
		/* each column 8-aligned: the bytes of the codes, the section's length */
		tr.ncodes += (ia[k].cap * ia[k].width + 7) / 8 * 8;
	}
	dicts = xcalloc(tr.ndicts + 1, sizeof *dicts);
	for (i = 0, k = 0; k < tl->nattrs; k++)
		for (j = 0; j < tl->attrs[k].ndict; j++)
			dicts[i++] = text_at(&o, tl->attrs[k].dict[j]);
	img_put(&o, o.extra, o.nextra, 0);
	tr.text_len = o.pos;
	o.sealed = 1;
	img_pad(&o);

	tr.at[S_EVENTS] = o.pos;
	if (!image_events(&o, tl, text_base, &tr.at[S_EVENTS]))
		for (i = 0; i < tl->nevents; i += EV_CHUNK) {
			size_t n = tl->nevents - i < EV_CHUNK ? tl->nevents - i : EV_CHUNK;

			memcpy(chunk, tl->events + i, n * sizeof *chunk);
			for (j = 0; j < n; j++)
				event_to_image(&o, &chunk[j], text_base, hint);
			img_put(&o, chunk, n * sizeof *chunk, 1);
		}
	img_pad(&o);
	free(chunk);
#define SECTION(s, p, n, size) do {			\
	tr.at[s] = o.pos;				\
	img_put(&o, (p), (n) * (size), 1);		\
	img_pad(&o);					\
} while (0)
	SECTION(S_EFFECTS, tl->effects, tl->neffects, sizeof *tl->effects);
	SECTION(S_ROUTES, tl->routes, tl->nroutes, sizeof *tl->routes);
	SECTION(S_STOPS, tl->stops, tl->nstops, sizeof *tl->stops);
	tr.has_evplace = tl->event_place != NULL;
	SECTION(S_EVPLACE, tl->event_place, tr.has_evplace ? tl->nevents : 0, sizeof(uint32_t));
	planned = xcalloc(tl->nplanned + 1, sizeof *planned);
	for (i = 0; i < tl->nplanned; i++)
		planned[i] = tl->planned[i];
	SECTION(S_PLANNED, planned, tl->nplanned, sizeof *planned);
	free(planned);
	SECTION(S_FOLD, ix->fold, ix->nfold, sizeof *ix->fold);
	tr.nsnaps = (ix->nfold / (ix->snap_every ? ix->snap_every : 1) + 1) *
	    (pl->n ? pl->n : 1);
	SECTION(S_SNAPS, ix->snaps, ix->snaps != NULL ? tr.nsnaps : 0, 1);
	if (ix->snaps == NULL)
		tr.nsnaps = 0;
	SECTION(S_XSTOPS, ix->xstops, ix->nxstops, sizeof *ix->xstops);
	SECTION(S_PLANS, ix->plans, ix->nplans, sizeof *ix->plans);
	if (ix->text.rooms != NULL && ix->text.rooms->ctx == o.ctx && ix->id_room.bytes > 0 &&
	    !ix->id_room.kept) {
		/* as the events: the section where the index was built */
		tr.at[S_IDSLOTS] = ix->id_room.at;
		o.sum = sum_fold(o.sum, img_sum(ix->id_slots, ix->id_cap * sizeof *ix->id_slots));
		scratch_keep(ix->text.rooms, &tl->ix->id_room, ix->id_slots,
		    ix->id_cap * sizeof *ix->id_slots);
	} else {
		SECTION(S_IDSLOTS, ix->id_slots, ix->id_cap, sizeof *ix->id_slots);
	}
	SECTION(S_PLACES, ip, pl->n, sizeof *ip);
	SECTION(S_TYPES, types, tl->ntypes, sizeof *types);
	SECTION(S_ATTRS, ia, tl->nattrs, sizeof *ia);
	SECTION(S_DICTS, dicts, tr.ndicts, sizeof *dicts);
	free(ip);
	free(types);
	free(ia);
	free(dicts);
	tr.nextra = nextra;
	SECTION(S_EXTRA, extra, nextra, sizeof *extra);
	tr.has_weight = tl->event_weight != NULL;
	SECTION(S_WEIGHT, tl->event_weight, tr.has_weight ? tl->nevents : 0, sizeof(uint32_t));
	spans = text_pieces(&o, &tr.nspans);
	SECTION(S_SPANS, spans, tr.nspans, sizeof *spans);
	free(spans);
	tr.at[S_CODES] = o.pos;
	for (k = 0; k < tl->nattrs; k++) {
		img_put(&o, tl->attrs[k].code, (tl->attrs[k].cap < tl->nevents ?
		    tl->attrs[k].cap : tl->nevents) * tl->attrs[k].width, 0);
		img_pad(&o);
	}
#undef SECTION
	tr.at[S_TEXT] = 0;
	memcpy(tr.tag, IMAGE_TAG, 8);
	tr.nplaces = pl->n;
	tr.nevents = tl->nevents;
	tr.neffects = tl->neffects;
	tr.nroutes = tl->nroutes;
	tr.nstops = tl->nstops;
	tr.nplanned = tl->nplanned;
	tr.ntypes = tl->ntypes;
	tr.nattrs = tl->nattrs;
	tr.nfold = ix->nfold;
	tr.nxstops = ix->nxstops;
	tr.nplans = ix->nplans;
	tr.id_cap = ix->id_cap;
	tr.first_lo = tl->first_lo;
	tr.last_day = tl->last_day;
	tr.counted = (uint64_t)tl->counted;
	tr.text_base = text_base;
	tr.sum = sum_fold(o.sum, cache_checksum(&tr, offsetof(struct image_trailer, sum)));
	o.put(o.ctx, &tr, sizeof tr);
	free(o.blocks);
	free(o.gran);
	free(o.extra);
	return o.bad ? -1 : 0;
}

/* Section s of the image, n records of size bytes: NULL if it does not lie where it should. */
static const char *
section(const char *body, size_t len, const struct image_trailer *tr, int s, uint64_t n,
    size_t size, int *bad)
{
	uint64_t at = tr->at[s];

	if (at % 8 != 0 || at > len || (size != 0 && n > (len - at) / size)) {
		*bad = 1;
		return NULL;
	}
	return body + at;
}

/* Section s, nbytes long, folded into *sum. */
static void *
summed(const char *body, const struct image_trailer *tr, int s, uint64_t *sum, uint64_t nbytes)
{
	*sum = sum_fold(*sum, nbytes > 0 ? img_sum(body + tr->at[s], nbytes) : 0);
	return (void *)(uintptr_t)(body + tr->at[s]);
}

/* A string of the image's text at offset at; NULL if out of it. */
static char *
img_text(const char *text, uint64_t len, uint64_t at)
{
	return at < len ? (char *)text + at : NULL;
}

/* A share of the events of an image: chunks from .. to, summed into csum[], checked. */
struct ev_check {
	struct event	*ev;
	size_t		 from, to, nevents;
	uint64_t	*csum;
	uint64_t	 here, text_base, text_len, np, ntypes, neffects;
	int		 move;		/* copied: their strings moved from text_base to here */
	int		 bad;
};

static void *
check_events(void *arg)
{
	struct ev_check *j = arg;
	size_t c, i, n;

	for (c = j->from; c < j->to && !j->bad; c++) {
		n = j->nevents - c * EV_CHUNK < EV_CHUNK ? j->nevents - c * EV_CHUNK : EV_CHUNK;
		j->csum[c] = img_sum(j->ev + c * EV_CHUNK, n * sizeof *j->ev);
		for (i = c * EV_CHUNK; i < c * EV_CHUNK + n; i++) {
			struct event *ev = &j->ev[i];

			if (j->move) {
				ev->id = (char *)(uintptr_t)((uintptr_t)ev->id - j->text_base + j->here);
				ev->actors = (char *)(uintptr_t)((uintptr_t)ev->actors - j->text_base +
				    j->here);
				ev->summary = (char *)(uintptr_t)((uintptr_t)ev->summary -
				    j->text_base + j->here);
				ev->sources = (char *)(uintptr_t)((uintptr_t)ev->sources -
				    j->text_base + j->here);
				ev->note = (char *)(uintptr_t)((uintptr_t)ev->note - j->text_base +
				    j->here);
			}
			/* unsigned: a pointer below the text wraps above it */
			if ((uintptr_t)ev->id - j->here >= j->text_len ||
			    (uintptr_t)ev->actors - j->here >= j->text_len ||
			    (uintptr_t)ev->summary - j->here >= j->text_len ||
			    (uintptr_t)ev->sources - j->here >= j->text_len ||
			    (uintptr_t)ev->note - j->here >= j->text_len ||
			    (ev->place >= j->np && ev->place != (size_t)-1) ||
			    ev->type >= j->ntypes || ev->first_effect > j->neffects ||
			    ev->neffects > j->neffects - ev->first_effect ||
			    ev->seq >= j->nevents || ev->prec > DATE_RANGE)
				j->bad = 1;
		}
	}
	return NULL;
}

int
timeline_image_read(char *base, size_t base_len, int mapped, size_t off, size_t len,
    struct places **plp, struct timeline **tlp)
{
	const char *body = base + off, *text, *p;
	struct image_trailer tr;
	struct places *pl = NULL;
	struct timeline *tl = NULL;
	struct timeline_ix *ix;
	uint64_t sum = 0, i, k, np, here;
	int bad = 0;

	if (len < sizeof tr || off % 8 != 0)
		goto fail;
	memcpy(&tr, body + len - sizeof tr, sizeof tr);
	len -= sizeof tr;
	if (memcmp(tr.tag, IMAGE_TAG, 8) != 0 || tr.text_len == 0 ||
	    tr.at[S_TEXT] > len || tr.text_len > len - tr.at[S_TEXT])
		goto fail;
	text = body + tr.at[S_TEXT];
	if (text[0] != '\0' || text[tr.text_len - 1] != '\0')
		goto fail;
	np = tr.nplaces;
	if (tr.nevents > UINT32_MAX || np > UINT32_MAX || tr.neffects > UINT32_MAX ||
	    tr.ntypes == 0 || tr.ntypes > UINT16_MAX + 1ULL || tr.nattrs > 256 ||
	    (tr.id_cap & (tr.id_cap - 1)) != 0)
		goto fail;
	/* the checksummed sections, in the order they were written */
	{
		static const struct { int s; size_t size; } order[] = {
			{ S_EFFECTS, sizeof(struct effect) }, { S_ROUTES, sizeof(struct route) },
			{ S_STOPS, 4 }, { S_EVPLACE, 4 }, { S_PLANNED, 8 },
			{ S_FOLD, sizeof(struct effect) }, { S_SNAPS, 1 },
			{ S_XSTOPS, sizeof(struct stop) }, { S_PLANS, sizeof(struct plan) },
			{ S_IDSLOTS, sizeof(struct id_slot) },
			{ S_PLACES, sizeof(struct image_place) }, { S_TYPES, 8 },
			{ S_ATTRS, sizeof(struct image_attr) }, { S_DICTS, 8 }, { S_EXTRA, 8 },
			{ S_WEIGHT, 4 }, { S_SPANS, sizeof(struct image_span) } };
		const uint64_t count[] = { tr.neffects, tr.nroutes, tr.nstops,
			tr.has_evplace ? tr.nevents : 0, tr.nplanned, tr.nfold, tr.nsnaps,
			tr.nxstops, tr.nplans, tr.id_cap, np, tr.ntypes, tr.nattrs, tr.ndicts,
			tr.nextra, tr.has_weight ? tr.nevents : 0, tr.nspans };
		size_t j;

		if (section(body, len, &tr, S_EVENTS, tr.nevents, sizeof(struct event), &bad),
		    bad)
			goto fail;
		for (j = 0; j < sizeof order / sizeof order[0]; j++) {
			p = section(body, len, &tr, order[j].s, count[j], order[j].size, &bad);
			if (bad)
				goto fail;
			/* the events' sums come first: they are summed while copied */
			(void)p;
		}
		if (section(body, len, &tr, S_CODES, tr.ncodes, 1, &bad), bad)
			goto fail;
	}

	tl = xcalloc(1, sizeof *tl);
	tl->initial_from = INT32_MIN;
	tl->ix = ix = xcalloc(1, sizeof *ix);
	ix->image = base;
	ix->image_len = base_len;
	ix->image_text = text;
	ix->image_text_len = tr.text_len;
	ix->image_mapped = mapped;
	base = NULL;		/* the timeline's now */
	pl = xcalloc(1, sizeof *pl);
	pl->borrowed = 1;	/* its strings are in the image, which the timeline frees */
	tl->places = pl;

	/*
	 * The events: where they lie when the image is mapped where it was
	 * written for (their strings point into it); else copied, their
	 * strings moved. Summed and checked on the way.
	 */
	tl->nevents = tr.nevents;
	here = (uintptr_t)text;
#ifdef MADV_POPULATE_READ
	/*
	 * What is checked is read whole: its page tables made in one call, not
	 * in 60,000 faults (on a VM, the dearest thing a warm start did).
	 */
	if (mapped) {
		/* the events and the id index may lie where they were built, among the text */
		const uint64_t range[3][2] = { { tr.at[S_EVENTS], tr.at[S_EVENTS] +
		    tr.nevents * sizeof(struct event) }, { tr.at[S_IDSLOTS], tr.at[S_IDSLOTS] +
		    tr.id_cap * sizeof(struct id_slot) }, { tr.at[S_EFFECTS], tr.at[S_CODES] } };

		for (k = 0; k < 3; k++) {
			uintptr_t from = (uintptr_t)(body + range[k][0]) & ~(uintptr_t)4095;

			if (range[k][1] > range[k][0])
				(void)madvise((void *)from, (uintptr_t)(body + range[k][1]) - from,
				    MADV_POPULATE_READ);
		}
	}
#endif
	if (here == tr.text_base) {
		tl->events = (struct event *)(uintptr_t)(body + tr.at[S_EVENTS]);
	} else {
		tl->events = xreallocarray(NULL, tr.nevents + 1, sizeof *tl->events);
		memcpy(tl->events, body + tr.at[S_EVENTS], tr.nevents * sizeof *tl->events);
		ix->events_owned = 1;
	}
	{
		struct ev_check job[2];
		size_t nchunks = (tr.nevents + EV_CHUNK - 1) / EV_CHUNK, half = nchunks / 2;
		uint64_t *csum = xcalloc(nchunks + 1, sizeof *csum);
		pthread_t th;
		int threaded;

		/* two halves, one on each core; their sums folded in order after */
		for (k = 0; k < 2; k++) {
			job[k].ev = tl->events;
			job[k].from = k == 0 ? 0 : half;
			job[k].to = k == 0 ? half : nchunks;
			job[k].nevents = tr.nevents;
			job[k].csum = csum;
			job[k].here = here;
			job[k].text_base = tr.text_base;
			job[k].text_len = tr.text_len;
			job[k].np = np;
			job[k].ntypes = tr.ntypes;
			job[k].neffects = tr.neffects;
			job[k].move = ix->events_owned;
			job[k].bad = 0;
		}
		threaded = half > 0 && pthread_create(&th, NULL, check_events, &job[0]) == 0;
		if (!threaded)
			check_events(&job[0]);
		check_events(&job[1]);
		if (threaded)
			pthread_join(th, NULL);
		for (i = 0; i < nchunks; i++)
			sum = sum_fold(sum, csum[i]);
		free(csum);
		if (job[0].bad || job[1].bad)
			goto fail;
	}
	tl->neffects = tr.neffects;
	tl->effects = summed(body, &tr, S_EFFECTS, &sum, tr.neffects * sizeof *tl->effects);
	for (i = 0; i < tr.neffects; i++)
		if (tl->effects[i].place >= np || tl->effects[i].status >= STATUS_COUNT)
			goto fail;
	tl->nroutes = tr.nroutes;
	tl->routes = summed(body, &tr, S_ROUTES, &sum, tr.nroutes * sizeof *tl->routes);
	tl->nstops = tr.nstops;
	tl->stops = summed(body, &tr, S_STOPS, &sum, tr.nstops * sizeof *tl->stops);
	for (i = 0; i < tr.nroutes; i++)
		if (tl->routes[i].seq >= tr.nevents || tl->routes[i].first > tr.nstops ||
		    tl->routes[i].n > tr.nstops - tl->routes[i].first)
			goto fail;
	for (i = 0; i < tr.nstops; i++)
		if (tl->stops[i] >= np)
			goto fail;
	tl->event_place = summed(body, &tr, S_EVPLACE, &sum, tr.has_evplace ? tr.nevents * 4 : 0);
	if (!tr.has_evplace)
		tl->event_place = NULL;
	for (i = 0; tl->event_place != NULL && i < tr.nevents; i++)
		if (tl->event_place[i] >= np && tl->event_place[i] != UINT32_MAX)
			goto fail;
	{
		const uint64_t *planned = summed(body, &tr, S_PLANNED, &sum, tr.nplanned * 8);

		tl->nplanned = tr.nplanned;
		tl->planned = xreallocarray(NULL, tr.nplanned + 1, sizeof *tl->planned);
		for (i = 0; i < tr.nplanned; i++)
			if ((tl->planned[i] = planned[i]) >= tr.nevents)
				goto fail;
	}
	ix->nfold = tr.nfold;
	ix->fold = summed(body, &tr, S_FOLD, &sum, tr.nfold * sizeof *ix->fold);
	for (i = 0; i < tr.nfold; i++)
		if (ix->fold[i].place >= np || ix->fold[i].status >= STATUS_COUNT)
			goto fail;
	ix->snap_every = np > 4096 ? np : 4096;
	if (tr.nsnaps != (tr.nfold / ix->snap_every + 1) * (np ? np : 1))
		goto fail;
	ix->snaps = summed(body, &tr, S_SNAPS, &sum, tr.nsnaps);
	for (i = 0; i < tr.nsnaps; i++)
		if (ix->snaps[i] >= STATUS_COUNT)
			goto fail;
	ix->nxstops = tr.nxstops;
	ix->xstops = summed(body, &tr, S_XSTOPS, &sum, tr.nxstops * sizeof *ix->xstops);
	for (i = 0; i < tr.nxstops; i++)
		if (ix->xstops[i].ev >= tr.nevents)
			goto fail;
	ix->nplans = tr.nplans;
	ix->plans = summed(body, &tr, S_PLANS, &sum, tr.nplans * sizeof *ix->plans);
	for (i = 0; i < tr.nplans; i++)
		if (ix->plans[i].ev >= tr.nevents || ix->plans[i].effect >= tr.neffects)
			goto fail;
	ix->id_cap = tr.id_cap;
	ix->id_slots = summed(body, &tr, S_IDSLOTS, &sum, tr.id_cap * sizeof *ix->id_slots);
	{
		size_t used = 0;

		for (i = 0; i < tr.id_cap; i++) {
			if (ix->id_slots[i].ev > tr.nevents)
				goto fail;
			used += ix->id_slots[i].ev != 0;
		}
		/* a lookup stops at an empty slot: a full index would never end one */
		if (used > tr.nevents || (tr.id_cap > 0 && used == tr.id_cap))
			goto fail;
	}

	{
		const struct image_place *ip = summed(body, &tr, S_PLACES, &sum, np * sizeof *ip);

		pl->v = xcalloc(np + 1, sizeof *pl->v);
		for (i = 0; i < np; i++, pl->n++) {
			struct place *q = &pl->v[i];
			char *str[9];

			for (k = 0; k < 9; k++)
				if ((str[k] = img_text(text, tr.text_len, ip[i].str[k])) == NULL)
					goto fail;
			if (ip[i].kind < 0 || ip[i].kind >= PLACE_KIND_COUNT || ip[i].initial < 0 ||
			    ip[i].initial >= STATUS_COUNT)
				goto fail;
			q->id = str[0];
			q->name = str[1];
			q->label = str[2];
			q->alt = str[3];
			q->region = str[4];
			q->source = str[5];
			q->note = str[6];
			/* NULL when the export named none, as import.c leaves it */
			q->country = str[7][0] != '\0' ? str[7] : NULL;
			q->area = str[8][0] != '\0' ? str[8] : NULL;
			q->kind = (enum place_kind)ip[i].kind;
			q->initial = (enum status)ip[i].initial;
			q->outside_mali = ip[i].outside_mali != 0;
			q->unlocated = ip[i].unlocated != 0;
			q->lon_deg = ip[i].lon_deg;
			q->lat_deg = ip[i].lat_deg;
		}
	}
	{
		const uint64_t *types = summed(body, &tr, S_TYPES, &sum, tr.ntypes * 8);

		tl->types = xcalloc(tr.ntypes, sizeof *tl->types);
		tl->ntypes = tr.ntypes;
		for (i = 0; i < tr.ntypes; i++)
			if ((tl->types[i] = img_text(text, tr.text_len, types[i])) == NULL)
				goto fail;
	}
	{
		const struct image_attr *ia = summed(body, &tr, S_ATTRS, &sum, tr.nattrs * sizeof *ia);
		const uint64_t *dict = summed(body, &tr, S_DICTS, &sum, tr.ndicts * 8);
		const char *code = body + tr.at[S_CODES];
		uint64_t nd = 0, nc = 0;	/* nc: bytes of codes */

		tl->attrs = xcalloc(tr.nattrs + 1, sizeof *tl->attrs);
		for (k = 0; k < tr.nattrs; k++) {
			struct timeline_attr *a = &tl->attrs[k];

			if (ia[k].ndict == 0 || ia[k].ndict > tr.ndicts - nd ||
			    ia[k].cap > tr.nevents || (ia[k].width != 1 && ia[k].width != 2 &&
			    ia[k].width != 4) ||
			    (ia[k].cap * ia[k].width + 7) / 8 * 8 > tr.ncodes - nc ||
			    (a->key = img_text(text, tr.text_len, ia[k].key)) == NULL ||
			    (a->label = img_text(text, tr.text_len, ia[k].label)) == NULL)
				goto fail;
			a->ndict = ia[k].ndict;
			a->dict = xcalloc(a->ndict, sizeof *a->dict);
			tl->nattrs = k + 1;
			for (i = 0; i < a->ndict; i++)
				if ((a->dict[i] = img_text(text, tr.text_len, dict[nd + i])) == NULL)
					goto fail;
			/* read where they lie, unchecked: timeline_attr() bounds a code */
			a->code = (void *)(uintptr_t)(code + nc);
			a->cap = ia[k].cap;
			a->width = (unsigned)ia[k].width;
			nd += a->ndict;
			nc += (a->cap * a->width + 7) / 8 * 8;
		}
		if (nd != tr.ndicts || nc != tr.ncodes)
			goto fail;
	}
	ix->nextra = tr.nextra;
	ix->extra = summed(body, &tr, S_EXTRA, &sum, tr.nextra * 8);
	/* an aggregate's counts: any value is one */
	tl->event_weight = summed(body, &tr, S_WEIGHT, &sum, tr.has_weight ? tr.nevents * 4 : 0);
	if (!tr.has_weight)
		tl->event_weight = NULL;
	ix->image_spans = summed(body, &tr, S_SPANS, &sum, tr.nspans * sizeof *ix->image_spans);
	ix->image_nspans = tr.nspans;
	/* in order, apart, inside the text: a filter reads them */
	for (here = 0, i = 0; i < tr.nspans; i++) {
		const struct image_span *sp = &ix->image_spans[i];

		if (sp->at < here || sp->len == 0 || sp->len > tr.text_len ||
		    sp->at > tr.text_len - sp->len)
			goto fail;
		here = sp->at + sp->len + 1;
	}
	if (sum_fold(sum, cache_checksum(&tr, offsetof(struct image_trailer, sum))) != tr.sum)
		goto fail;
	tl->first_lo = (day_t)tr.first_lo;
	tl->last_day = (day_t)tr.last_day;
	tl->counted = tr.counted != 0;
	*plp = pl;
	*tlp = tl;
	return 0;
fail:
	if (base != NULL) {
		if (mapped)
			munmap(base, base_len);
		else
			free(base);
	}
	timeline_free(tl);
	places_free(pl);
	return -1;
}

const uint64_t *
timeline_image_extra(const struct timeline *tl, size_t *n)
{
	*n = tl->ix->nextra;
	return tl->ix->extra;
}

int
timeline_image_checked(const char *body, size_t len, size_t *from, size_t *to)
{
	struct image_trailer tr;

	if (len < sizeof tr)
		return -1;
	memcpy(&tr, body + len - sizeof tr, sizeof tr);
	*from = (size_t)tr.at[S_EVENTS];
	*to = (size_t)tr.at[S_CODES];
	return 0;
}

int
timeline_image_foreign(const char *body, size_t len)
{
	struct image_trailer tr;

	if (len < sizeof tr)
		return 0;
	memcpy(&tr, body + len - sizeof tr, sizeof tr);
	/* an image's tag, but not this one's */
	return memcmp(tr.tag, IMAGE_TAG, 6) == 0 && memcmp(tr.tag, IMAGE_TAG, 8) != 0;
}

int
timeline_image_seal(char *body, size_t len)
{
	struct image_trailer tr;
	uint64_t sum = 0, i, n;
	const uint64_t *count;
	int bad = 0;
	size_t j;

	if (len < sizeof tr || (uintptr_t)body % 8 != 0)
		return -1;
	memcpy(&tr, body + len - sizeof tr, sizeof tr);
	len -= sizeof tr;
	{
		/* the order and the sizes of timeline_image_read() */
		const int order[] = { S_EFFECTS, S_ROUTES, S_STOPS, S_EVPLACE, S_PLANNED, S_FOLD,
			S_SNAPS, S_XSTOPS, S_PLANS, S_IDSLOTS, S_PLACES, S_TYPES, S_ATTRS, S_DICTS,
			S_EXTRA, S_WEIGHT, S_SPANS };
		const size_t size[] = { sizeof(struct effect), sizeof(struct route), 4, 4, 8,
			sizeof(struct effect), 1, sizeof(struct stop), sizeof(struct plan),
			sizeof(struct id_slot), sizeof(struct image_place), 8,
			sizeof(struct image_attr), 8, 8, 4, sizeof(struct image_span) };
		const uint64_t c[] = { tr.neffects, tr.nroutes, tr.nstops,
			tr.has_evplace ? tr.nevents : 0, tr.nplanned, tr.nfold, tr.nsnaps,
			tr.nxstops, tr.nplans, tr.id_cap, tr.nplaces, tr.ntypes, tr.nattrs,
			tr.ndicts, tr.nextra, tr.has_weight ? tr.nevents : 0, tr.nspans };

		count = c;
		section(body, len, &tr, S_EVENTS, tr.nevents, sizeof(struct event), &bad);
		for (j = 0; j < sizeof order / sizeof order[0] && !bad; j++)
			section(body, len, &tr, order[j], count[j], size[j], &bad);
		if (bad)
			return -1;
		for (i = 0; i < tr.nevents; i += EV_CHUNK) {
			n = tr.nevents - i < EV_CHUNK ? tr.nevents - i : EV_CHUNK;
			sum = sum_fold(sum, img_sum(body + tr.at[S_EVENTS] +
			    i * sizeof(struct event), n * sizeof(struct event)));
		}
		for (j = 0; j < sizeof order / sizeof order[0]; j++)
			(void)summed(body, &tr, order[j], &sum, count[j] * size[j]);
	}
	tr.sum = sum_fold(sum, cache_checksum(&tr, offsetof(struct image_trailer, sum)));
	memcpy(body + len, &tr, sizeof tr);
	return 0;
}
