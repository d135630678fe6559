/*
 * timeline.c: events.csv and the fold of their effects. One rule for dates:
 * an effect takes place on its @date, else on its event's anchor (the first
 * day of a day or a range, the last day of a month). An event is reached on
 * its stops, the distinct days among its anchor and its effects' days, and
 * sits on the timeline at the first. Planned events change no status.
 */
#include "timeline.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "instream.h"
#include "text.h"
#include "util.h"

#define FIELD_MAX		4096

/* A slot of the id index: event ev - 1 has an id whose hash is hash; ev 0 is empty. */
struct id_slot {
	uint32_t	 hash, ev;
};

/* What the timeline keeps for its own functions; readers see struct timeline. */
struct timeline_ix {
	struct arena	 text;		/* every event's strings */
	struct arena	 dict;		/* shared strings: interned, attributes' values */
	struct id_slot	*id_slots;	/* event id -> index: open addressing, at most half full */
	size_t		 id_cap;	/* a power of two */
	/* reported effects by day: the fold; a snapshot of all statuses every snap_every */
	struct effect	*fold;
	size_t		 nfold, snap_every;
	uint8_t		*snaps;
	/* the second and later stops of the few events that have several, in stop order */
	struct stop	*xstops;
	size_t		 nxstops;
	struct plan	*plans;		/* planned effects with a status, by place, then event */
	size_t		 nplans;
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

/* Sorts by day (events is NULL when empty: no qsort then) and builds the fold. */
static void
sort_and_fold(struct timeline *tl)
{
	size_t i;

	/* files are usually in date order already: then there is nothing to sort */
	for (i = 1; i < tl->nevents && by_day(&tl->events[i - 1], &tl->events[i]) <= 0; i++)
		;
	if (i < tl->nevents) {
		qsort(tl->events, tl->nevents, sizeof *tl->events, by_day);
		(void)index_ids(tl);	/* it holds file positions: only a sort moves them */
	}
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
	arena_free(&ix->text);
	arena_free(&ix->dict);
	free(ix->fold);
	free(ix->snaps);
	free(ix->id_slots);
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
	free(b);
}

struct timeline *
timeline_new(const struct places *pl)
{
	struct timeline *tl = xcalloc(1, sizeof *tl);
	size_t i;

	tl->places = pl;
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

struct event *
timeline_push(struct timeline *tl)
{
	struct event *ev;

	tl->events = grow(tl->events, tl->nevents, sizeof *tl->events);
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
	bd->attr_ids = xreallocarray(bd->attr_ids, tl->nattrs + 2, sizeof *bd->attr_ids);
	bd->attr_ids[tl->nattrs] = strmap_new();
	bd->attr_ids[tl->nattrs + 1] = NULL;
	return tl->nattrs++;
}

void
timeline_attr_set(struct timeline *tl, const struct event *ev, size_t k, const char *s,
    size_t len)
{
	struct timeline_attr *a = &tl->attrs[k];
	struct strmap *ids = tl->build->attr_ids[k];
	char *clean;
	long i;

	if (ev->seq >= a->cap) {
		size_t cap = a->cap ? a->cap : 1024;
		uint32_t *code;

		while (cap <= ev->seq)
			cap *= 2;
		/* zeroed pages the kernel gives, not a memset that touches the unused half */
		code = xcalloc(cap, sizeof *code);
		if (a->cap > 0)
			memcpy(code, a->code, a->cap * sizeof *code);
		free(a->code);
		a->code = code;
		a->cap = cap;
	}
	if (len == 0) {
		a->code[ev->seq] = 0;
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
	a->code[ev->seq] = (uint32_t)i;
}

const char *
timeline_attr(const struct timeline *tl, const struct event *ev, size_t k)
{
	const struct timeline_attr *a = &tl->attrs[k];

	return ev->seq < a->cap ? a->dict[a->code[ev->seq]] : "";
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

	while (cap < 2 * tl->nevents)
		cap *= 2;
	free(ix->id_slots);
	ix->id_slots = xcalloc(cap, sizeof *ix->id_slots);
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

	for (i = 0; i < tl->nevents; i++)
		tl->events[i].id_hash = util_hash(tl->events[i].id, strlen(tl->events[i].id));
	if ((i = index_ids(tl)) != (size_t)-1) {
		xasprintf(cause, "%s: duplicate id \"%s\"", name, tl->events[i].id);
		timeline_free(tl);
		return NULL;
	}
	sort_and_fold(tl);
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
		if (csv_width(&row, ld->ncols, 0, ld->name, cause) != 0)
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
	if ((i = index_ids(tl)) != (size_t)-1) {
		xasprintf(cause, "%s:%" PRIu32 ": duplicate id \"%s\"", ld->name,
		    tl->events[i].line, tl->events[i].id);
		goto fail;
	}
	free(ld->name);
	sort_and_fold(tl);
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
		out[i] = tl->places->v[i].initial;
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

/* 1 if s, folded into buf (room for 3 * FIELD_MAX + 1), contains folded. */
static int
fold_has(const char *s, char *buf, const char *folded)
{
	size_t len = strlen(s);

	if (len > FIELD_MAX)
		len = FIELD_MAX;
	text_fold_into(s, len, buf);
	return strstr(buf, folded) != NULL;
}

size_t
timeline_match(const struct timeline *tl, const char *folded, unsigned char *match)
{
	size_t i, k, n = 0, np = tl->places->n;
	char *buf = xmalloc(3 * FIELD_MAX + 1);
	unsigned char *type_hit = xcalloc(tl->ntypes + 1, 1), *place_hit = xcalloc(np + 1, 1);
	unsigned char **attr_hit = xcalloc(tl->nattrs + 1, sizeof *attr_hit);

	/* types, place names and attributes are shared by many events: once each */
	for (i = 0; i < tl->ntypes; i++)
		type_hit[i] = (unsigned char)fold_has(tl->types[i], buf, folded);
	for (i = 0; i < np; i++)
		place_hit[i] = (unsigned char)fold_has(tl->places->v[i].name, buf, folded);
	for (k = 0; k < tl->nattrs; k++) {
		attr_hit[k] = xcalloc(tl->attrs[k].ndict, 1);
		for (i = 1; i < tl->attrs[k].ndict; i++)
			attr_hit[k][i] = (unsigned char)fold_has(tl->attrs[k].dict[i], buf, folded);
	}
	for (i = 0; i < tl->nevents; i++) {
		const struct event *ev = &tl->events[i];
		int hit = type_hit[ev->type] || (ev->place < np && place_hit[ev->place]);

		for (k = 0; k < tl->nattrs && !hit; k++)
			hit = ev->seq < tl->attrs[k].cap &&
			    attr_hit[k][tl->attrs[k].code[ev->seq]];
		match[i] = hit || fold_has(ev->id, buf, folded) ||
		    fold_has(ev->actors, buf, folded) || fold_has(ev->summary, buf, folded);
		n += match[i];
	}
	for (k = 0; k < tl->nattrs; k++)
		free(attr_hit[k]);
	free(attr_hit);
	free(buf);
	free(type_hit);
	free(place_hit);
	return n;
}

const struct plan *
timeline_plan(const struct timeline *tl, size_t place, day_t day, enum status now,
    enum plan_state *state)
{
	const struct timeline_ix *ix = tl->ix;
	size_t lo = 0, hi = ix->nplans;
	const struct plan *late = NULL;

	*state = PLAN_NONE;
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
	ix_free(tl->ix);
	build_free(tl->build);
	free(tl->events);
	free(tl->effects);
	free(tl->routes);
	free(tl->stops);
	free(tl->event_place);
	free(tl->planned);
	free(tl->types);
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
