/*
 * import.c: ACLED and UCDP GED exports. Columns are found by header name,
 * since both projects add, drop and reorder them between releases. Every row
 * becomes one event without effects (exports report violence, not who holds
 * a place), and every distinct location one place of kind "site".
 */
#include "import.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csv.h"
#include "date.h"
#include "text.h"
#include "util.h"

#define IMPORT_MAX_BYTES	((size_t)1 << 30)
#define NAME_MAX_BYTES		256	/* a place name is a map label */
#define TEXT_MAX_BYTES		4096	/* what timeline_text() keeps */
#define TYPE_MAX_BYTES		128

enum { A_ID, A_DATE, A_LAT, A_LON, A_TPREC, A_GPREC, A_TYPE, A_SUBTYPE,
	A_ACTOR1, A_ACTOR2, A_NOTES, A_SOURCE, A_FATAL, A_LOCATION, A_ADMIN1,
	A_STAMP, A_COUNTRY, A_REGION, A_COUNT };
static const struct csv_col acled_cols[A_COUNT] = { { "event_id_cnty", 1 },
	{ "event_date", 1 }, { "latitude", 1 }, { "longitude", 1 },
	{ "time_precision", 0 }, { "geo_precision", 0 }, { "event_type", 0 },
	{ "sub_event_type", 0 }, { "actor1", 0 }, { "actor2", 0 }, { "notes", 0 },
	{ "source", 0 }, { "fatalities", 0 }, { "location", 0 }, { "admin1", 0 },
	{ "timestamp", 0 }, { "country", 0 }, { "region", 0 } };

enum { U_ID, U_START, U_LAT, U_LON, U_END, U_DPREC, U_WPREC, U_TYPE, U_SIDE_A,
	U_SIDE_B, U_BEST, U_LOW, U_HIGH, U_WHERE, U_WHERE_DESC, U_ADM1, U_SOURCE,
	U_DYAD, U_CONFLICT, U_COUNTRY, U_REGION, U_COUNT };
static const struct csv_col ucdp_cols[U_COUNT] = { { "id", 1 }, { "date_start", 1 },
	{ "latitude", 1 }, { "longitude", 1 }, { "date_end", 0 }, { "date_prec", 0 },
	{ "where_prec", 0 }, { "type_of_violence", 0 }, { "side_a", 0 },
	{ "side_b", 0 }, { "best", 0 }, { "low", 0 }, { "high", 0 },
	{ "where_coordinates", 0 }, { "where_description", 0 }, { "adm_1", 0 },
	{ "source_article", 0 }, { "dyad_name", 0 }, { "conflict_name", 0 },
	{ "country", 0 }, { "region", 0 } };

static const char *const months[12] = { "january", "february", "march",
	"april", "may", "june", "july", "august", "september", "october",
	"november", "december" };

/* What a loaded row left behind, for later duplicates of its id. */
struct seen {
	size_t		 line;
	long long	 stamp;
};

/*
 * A format, as data: its name, its places' source, how its header is
 * known, its columns (by header name: both projects add, drop and reorder
 * them between releases) and the parser of one of its rows. Whatever a
 * format tolerates (the width of its rows here; delimiters, missing-value
 * markers or another encoding such as JSON later) is said in its row of
 * formats[], after the row parsers. sitmap's own events file is detected
 * here but read by timeline_load().
 */
struct loader;

struct format {
	enum import_format	 id;
	const char		*name;		/* --format's */
	const char		*source;	/* what its places say they came from */
	int			(*detect)(const struct csv_row *header);
	const struct csv_col	*cols;
	size_t			 ncols;
	int			 exact;		/* every row has the header's width */
	int			(*row)(struct loader *, const struct csv_row *, char **why);
};

struct loader {
	const struct format *fmt;
	struct places	*pl;
	size_t		 pcap;
	struct timeline	*tl;
	struct strmap	*locs;		/* "lat\x1flon\x1fname" -> place index */
	struct strmap	*ids;		/* event id -> index in tl->events */
	struct arena	 keys;		/* the keys of locs */
	struct seen	*seen;		/* per event */
	size_t		 scap;
	int		 col[CSV_MAX_COLS];	/* the format's columns in the header */
	int		 replaced;	/* a newer row replaced an event */
	char		*sb;		/* text being put together */
	size_t		 sblen, sbcap;
};

static const char *
get(const struct loader *ld, const struct csv_row *row, int c, size_t *len)
{
	int i = ld->col[c];

	if (i < 0 || (size_t)i >= row->n) {
		*len = 0;
		return "";
	}
	*len = row->len[i];
	return row->f[i];
}


static void
trim(const char **s, size_t *len)
{
	while (*len > 0 && **s == ' ') {
		(*s)++;
		(*len)--;
	}
	while (*len > 0 && (*s)[*len - 1] == ' ')
		(*len)--;
}

/* A count of people or seconds: digits only, at most max. 0 or -1. */
static int
parse_count(const char *s, size_t len, long long max, long long *out)
{
	long long v = 0;

	trim(&s, &len);
	if (len == 0)
		return -1;
	for (; len > 0; s++, len--) {
		if (*s < '0' || *s > '9' || v > max / 10 || v * 10 > max - (*s - '0'))
			return -1;
		v = v * 10 + (*s - '0');
	}
	*out = v;
	return 0;
}

/* 1 or 2 digits at *s, advancing it; -1 if none. */
static int
small_number(const char **s, const char *end)
{
	int v = 0, n = 0;

	while (*s < end && n < 2 && **s >= '0' && **s <= '9') {
		v = v * 10 + (**s - '0');
		(*s)++;
		n++;
	}
	return n > 0 ? v : -1;
}

/* ACLED's event_date: 2023-10-07, 07 October 2023, 7 Oct 2023, 07-October-2023, 07-10-2023. */
static int
acled_date(const char *s, size_t len, day_t *out)
{
	const char *p, *end, *w;
	enum date_prec prec;
	char sep;
	day_t hi;
	int d, m, y, i;

	trim(&s, &len);
	if (len == 10 && s[4] == '-')
		return date_parse(s, len, out, &hi, &prec);
	p = s;
	end = s + len;
	if ((d = small_number(&p, end)) < 0 || p == end || (*p != ' ' && *p != '-'))
		return -1;
	sep = *p++;
	if (p < end && *p >= '0' && *p <= '9') {
		if (sep != '-' || (m = small_number(&p, end)) < 0)
			return -1;
	} else {
		for (w = p; p < end && ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z'); p++)
			;
		for (m = 0, i = 0; i < 12 && m == 0; i++)
			if (((size_t)(p - w) == strlen(months[i]) || p - w == 3) &&
			    strncasecmp(w, months[i], (size_t)(p - w)) == 0)
				m = i + 1;
		if (m == 0)
			return -1;
	}
	if (end - p != 5 || *p != sep)
		return -1;
	for (y = 0, p++; p < end; p++) {
		if (*p < '0' || *p > '9')
			return -1;
		y = y * 10 + (*p - '0');
	}
	return date_from_ymd(y, m, d, out);
}

/* UCDP's dates: 2023-10-07, or with a time of day that says nothing (00:00:00.000). */
static int
ucdp_date(const char *s, size_t len, day_t *out)
{
	enum date_prec prec;
	day_t hi;
	size_t i;

	trim(&s, &len);
	if (len < 10 || date_parse(s, 10, out, &hi, &prec) != 0)
		return -1;
	if (len == 10)
		return 0;
	if (s[10] != ' ' && s[10] != 'T')
		return -1;
	for (i = 11; i < len; i++)
		if (strchr("0123456789:.Z", s[i]) == NULL || s[i] == '\0')
			return -1;
	return 0;
}

static int
coordinate(const char *what, const char *s, size_t len, double max, double *out,
    char **why)
{
	if (places_parse_double(s, len, out) != 0)
		return text_quote_error(why, what, s, len, " is not a number");
	if (fabs(*out) > max)
		return text_quote_error(why, what, s, len, " is out of range");
	return 0;
}

/* The row's latitude and longitude, from columns lat and lon. */
static int
location(const struct loader *ld, const struct csv_row *row, int lat, int lon,
    double *lat_deg, double *lon_deg, char **why)
{
	const char *s;
	size_t len;

	s = get(ld, row, lat, &len);
	if (coordinate("latitude", s, len, 90, lat_deg, why) != 0)
		return -1;
	s = get(ld, row, lon, &len);
	return coordinate("longitude", s, len, 180, lon_deg, why);
}

/* Fatalities and the like: empty is -1 (not given). */
static int
count_field(const char *what, const char *s, size_t len, int32_t *out, char **why)
{
	long long v;

	if (len == 0) {
		*out = -1;
		return 0;
	}
	if (parse_count(s, len, INT32_MAX, &v) != 0)
		return text_quote_error(why, what, s, len, " is not a count");
	*out = (int32_t)v;
	return 0;
}

static void
sb_reset(struct loader *ld)
{
	ld->sblen = 0;
}

static void
sb_reserve(struct loader *ld, size_t n)
{
	if (ld->sblen + n + 1 > ld->sbcap) {
		while (ld->sblen + n + 1 > ld->sbcap)
			ld->sbcap = ld->sbcap ? ld->sbcap * 2 : 4096;
		ld->sb = xreallocarray(ld->sb, ld->sbcap, 1);
	}
}

/* Raw bytes; ASCII glue between fields keeps broken UTF-8 from joining across them. */
static void
sb_add(struct loader *ld, const char *s, size_t len)
{
	sb_reserve(ld, len);
	memcpy(ld->sb + ld->sblen, s, len);
	ld->sblen += len;
	ld->sb[ld->sblen] = '\0';
}

/* Sanitised text of at most max bytes. */
static void
sb_add_clean(struct loader *ld, const char *s, size_t len, size_t max)
{
	sb_reserve(ld, max);
	ld->sblen += text_sanitize_buf(s, len, ld->sb + ld->sblen, max + 1);
}

static void
sb_sep(struct loader *ld, const char *sep)
{
	if (ld->sblen > 0)
		sb_add(ld, sep, strlen(sep));
}

static char *
sb_text(struct loader *ld)
{
	return timeline_text(ld->tl, ld->sb != NULL ? ld->sb : "", ld->sblen);
}

/* "a; b", or whichever is given. */
static char *
pair(struct loader *ld, const char *a, size_t alen, const char *b, size_t blen)
{
	sb_reset(ld);
	sb_add(ld, a, alen);
	if (blen > 0) {
		sb_sep(ld, "; ");
		sb_add(ld, b, blen);
	}
	return sb_text(ld);
}

/*
 * The place at a location: one per name and lat/lon to 4 decimals (about
 * 11 m), and whether the source locates it only to a region or a country
 * (unlocated: not drawn as a point, see place.unlocated).
 */
static size_t
place_at(struct loader *ld, const char *nm, size_t nmlen, const char *region,
    size_t rlen, double lat, double lon, int unlocated)
{
	char name[NAME_MAX_BYTES + 1], key[NAME_MAX_BYTES + 64], *k;
	struct place *p;
	long i;
	int n;

	text_sanitize_buf(nm, nmlen, name, sizeof name);
	if (name[0] == '\0')
		text_sanitize_buf(region, rlen, name, sizeof name);
	if (name[0] == '\0')
		snprintf(name, sizeof name, "%.4f, %.4f", lat, lon);
	n = snprintf(key, sizeof key, "%ld\x1f%ld\x1f%d\x1f%s", lround(lat * 1e4),
	    lround(lon * 1e4), unlocated, name);
	if ((i = strmap_get(ld->locs, key, (size_t)n)) >= 0)
		return (size_t)i;
	k = arena_alloc(&ld->keys, (size_t)n + 1);
	memcpy(k, key, (size_t)n + 1);
	strmap_put(ld->locs, k, (size_t)n, ld->pl->n);
	if (ld->pl->n == ld->pcap) {
		ld->pcap = ld->pcap ? ld->pcap * 2 : 64;
		ld->pl->v = xreallocarray(ld->pl->v, ld->pcap, sizeof *ld->pl->v);
	}
	p = &ld->pl->v[ld->pl->n];
	memset(p, 0, sizeof *p);
	p->name = xstrdup(name);
	p->label = xstrdup(name);
	p->alt = xstrdup("");
	p->region = text_sanitize(region, rlen, NAME_MAX_BYTES);
	p->source = xstrdup(ld->fmt->source);
	p->note = xstrdup("");
	p->kind = PLACE_SITE;
	p->initial = STATUS_NONE;
	p->unlocated = unlocated;
	p->lat_deg = lat;
	p->lon_deg = lon;
	p->xy.x = lon;
	p->xy.y = lat;
	return ld->pl->n++;
}

/* The country and world region a row names, kept by its place (its first row's): for the title. */
static void
place_country(struct loader *ld, const struct csv_row *row, size_t i, int country, int region)
{
	struct place *p = &ld->pl->v[i];
	const char *s;
	size_t len;

	if (p->country != NULL)
		return;
	s = get(ld, row, country, &len);
	trim(&s, &len);
	p->country = text_sanitize(s, len, NAME_MAX_BYTES);
	s = get(ld, row, region, &len);
	trim(&s, &len);
	p->area = text_sanitize(s, len, NAME_MAX_BYTES);
}

/* The 1st to the last day of day's month. */
static void
month_days(day_t day, day_t *lo, day_t *hi)
{
	int y, m, d, y1, m1, d1;

	date_to_ymd(day, &y, &m, &d);
	*lo = day - (d - 1);
	for (*hi = *lo + 27;; ++*hi) {
		date_to_ymd(*hi + 1, &y1, &m1, &d1);
		if (m1 != m)
			break;
	}
}

/*
 * The event for a row's id, made or found once the row is known to be good:
 * an earlier row with the same id is replaced when this one's timestamp is
 * at least as new (*ev is then that event, cleared), else *ev is NULL and
 * the row is dropped. Without timestamps a duplicate is an error.
 */
static int
event_for(struct loader *ld, const char *what, const char *id, size_t idlen,
    size_t line, int has_stamp, long long stamp, struct event **ev, char **why)
{
	char clean[TEXT_MAX_BYTES + 1];
	size_t n = text_sanitize_buf(id, idlen, clean, sizeof clean), i;
	struct event *e;
	long k;

	*ev = NULL;
	if (n == 0)
		return text_quote_error(why, what, id, idlen, " is not an id");
	if ((k = strmap_get(ld->ids, clean, n)) >= 0) {
		i = (size_t)k;
		if (!has_stamp) {
			char dup[64], tail[64];

			snprintf(dup, sizeof dup, "duplicate %s", what);
			snprintf(tail, sizeof tail, " (also on line %zu)", ld->seen[i].line);
			return text_quote_error(why, dup, clean, n, tail);
		}
		if (stamp < ld->seen[i].stamp)
			return 0;
		e = &ld->tl->events[i];
		e->place = (size_t)-1;
		e->type = 0;
		ld->replaced = 1;
	} else {
		e = timeline_push(ld->tl);
		/* clean text comes back unchanged, n bytes long */
		e->id = timeline_text(ld->tl, clean, n);
		i = ld->tl->nevents - 1;
		strmap_put(ld->ids, e->id, n, i);
		if (i == ld->scap) {
			ld->scap = ld->scap ? ld->scap * 2 : 1024;
			ld->seen = xreallocarray(ld->seen, ld->scap, sizeof *ld->seen);
		}
	}
	ld->seen[i].line = line;
	ld->seen[i].stamp = stamp;
	*ev = e;
	return 0;
}

/* The event's dates as the row gives them, and its first stop. */
static void
set_dates(struct event *ev, day_t lo, day_t hi, enum date_prec prec)
{
	ev->lo = lo;
	ev->hi = hi;
	ev->day = timeline_anchor(lo, hi, prec);
	ev->prec = (uint8_t)prec;
}

/* Sets the event's type from a name that may need cleaning. */
static void
set_type(struct loader *ld, struct event *ev, const char *s, size_t len)
{
	char clean[TYPE_MAX_BYTES + 1];
	size_t n = text_sanitize_buf(s, len, clean, sizeof clean);

	ev->type = timeline_type(ld->tl, clean, n);
}

/* "label N: meaning", or just "label N" for a value outside the list. */
static void
precision_note(struct loader *ld, const char *label, const char *s, size_t len,
    const char *const *meanings, size_t nmeanings)
{
	long long v;

	trim(&s, &len);
	if (len == 0)
		return;
	sb_sep(ld, "; ");
	sb_add(ld, label, strlen(label));
	sb_add_clean(ld, s, len, 16);
	if (parse_count(s, len, (long long)nmeanings, &v) == 0 && v >= 1) {
		sb_add(ld, ": ", 2);
		sb_add(ld, meanings[v - 1], strlen(meanings[v - 1]));
	}
}

static int
acled_row(struct loader *ld, const struct csv_row *row, char **why)
{
	static const char *const geo[] = { "town", "near a town", "region" };
	const char *s, *t;
	size_t len, tlen, room;
	struct event *ev;
	enum date_prec prec;
	day_t day, lo, hi;
	double lat, lon;
	int32_t fat = -1;
	long long v, stamp = 0;
	int unlocated;

	s = get(ld, row, A_DATE, &len);
	if (acled_date(s, len, &day) != 0)
		return text_quote_error(why, "event_date", s, len, " is not a date (2023-10-07, "
		    "07 October 2023, 07-October-2023 or 07-10-2023)");
	s = get(ld, row, A_TPREC, &len);
	v = 1;
	if (len > 0 && (parse_count(s, len, 3, &v) != 0 || v < 1))
		return text_quote_error(why, "time_precision", s, len, " is not 1, 2 or 3");
	if (v == 1) {
		lo = hi = day;
		prec = DATE_DAY;
	} else if (v == 2) {
		/* a week: event_date is its middle */
		lo = day - 3;
		hi = day + 3;
		prec = DATE_RANGE;
	} else {
		month_days(day, &lo, &hi);
		prec = DATE_MONTH;
	}
	if (location(ld, row, A_LAT, A_LON, &lat, &lon, why) != 0)
		return -1;
	s = get(ld, row, A_FATAL, &len);
	if (count_field("fatalities", s, len, &fat, why) != 0)
		return -1;
	s = get(ld, row, A_STAMP, &len);
	if (len > 0 && parse_count(s, len, INT64_MAX, &stamp) != 0)
		return text_quote_error(why, "timestamp", s, len, " is not a number");
	s = get(ld, row, A_ID, &len);
	if (event_for(ld, "event_id_cnty", s, len, row->line, ld->col[A_STAMP] >= 0, stamp,
	    &ev, why) != 0)
		return -1;
	if (ev == NULL)
		return 0;
	set_dates(ev, lo, hi, prec);
	ev->fatalities = fat;
	s = get(ld, row, A_TYPE, &len);
	set_type(ld, ev, s, len);
	s = get(ld, row, A_ACTOR1, &len);
	t = get(ld, row, A_ACTOR2, &tlen);
	ev->actors = pair(ld, s, len, t, tlen);

	/* the notes, cut so that the sub-event type after them survives */
	sb_reset(ld);
	t = get(ld, row, A_SUBTYPE, &tlen);
	sb_add_clean(ld, t, tlen, TYPE_MAX_BYTES);
	tlen = ld->sblen;
	room = TEXT_MAX_BYTES - tlen - 3;
	s = get(ld, row, A_NOTES, &len);
	sb_add_clean(ld, s, len, room);
	if (tlen > 0 && ld->sblen > tlen) {
		/* sub-event type first in the buffer: move it behind the notes */
		char sub[TYPE_MAX_BYTES + 1];

		memcpy(sub, ld->sb, tlen);
		memmove(ld->sb, ld->sb + tlen, ld->sblen - tlen);
		ld->sblen -= tlen;
		sb_add(ld, " (", 2);
		sb_add(ld, sub, tlen);
		sb_add(ld, ")", 1);
	}
	ev->summary = sb_text(ld);

	s = get(ld, row, A_SOURCE, &len);
	ev->sources = timeline_text(ld->tl, s, len);
	sb_reset(ld);
	s = get(ld, row, A_GPREC, &len);
	precision_note(ld, "geo precision ", s, len, geo, 3);
	/* 3: only a larger region is known, the coordinates are its centre's */
	unlocated = parse_count(s, len, 3, &v) == 0 && v == 3;
	ev->note = sb_text(ld);
	s = get(ld, row, A_LOCATION, &len);
	t = get(ld, row, A_ADMIN1, &tlen);
	ev->place = place_at(ld, s, len, t, tlen, lat, lon, unlocated);
	place_country(ld, row, ev->place, A_COUNTRY, A_REGION);
	return 0;
}

static int
ucdp_row(struct loader *ld, const struct csv_row *row, char **why)
{
	static const char *const where[] = { "exact", "near", "ADM2", "ADM1",
		"larger area", "country", "water or air" };
	static const char *const violence[] = { "State-based conflict",
		"Non-state conflict", "One-sided violence" };
	const char *s, *t;
	size_t len, tlen;
	struct event *ev;
	enum date_prec prec;
	day_t start, end, lo, hi, x;
	double lat, lon;
	int32_t best = -1, low = -1, high = -1;
	long long v = 0;
	int y0, y1, m0, m1, d, unlocated;
	char num[64];

	s = get(ld, row, U_START, &len);
	if (ucdp_date(s, len, &start) != 0)
		return text_quote_error(why, "date_start", s, len,
		    " is not a date (2023-10-07 or 2023-10-07 00:00:00.000)");
	s = get(ld, row, U_END, &len);
	end = start;
	if (len > 0 && ucdp_date(s, len, &end) != 0)
		return text_quote_error(why, "date_end", s, len,
		    " is not a date (2023-10-07 or 2023-10-07 00:00:00.000)");
	if (end < start)
		return text_quote_error(why, "date_end", s, len, " is before date_start");
	s = get(ld, row, U_DPREC, &len);
	if (len > 0 && (parse_count(s, len, 5, &v) != 0 || v < 1))
		return text_quote_error(why, "date_prec", s, len, " is not 1 to 5");
	date_to_ymd(start, &y0, &m0, &d);
	date_to_ymd(end, &y1, &m1, &d);
	lo = start;
	hi = end;
	prec = lo == hi ? DATE_DAY : DATE_RANGE;
	if (v == 2 || v == 3) {
		prec = DATE_RANGE;
	} else if (v == 4) {
		month_days(start, &lo, &x);
		month_days(end, &x, &hi);
		prec = y0 == y1 && m0 == m1 ? DATE_MONTH : DATE_RANGE;
	} else if (v == 5) {
		date_from_ymd(y0, 1, 1, &lo);
		date_from_ymd(y1, 12, 31, &hi);
		prec = DATE_RANGE;
	}
	if (location(ld, row, U_LAT, U_LON, &lat, &lon, why) != 0)
		return -1;
	s = get(ld, row, U_BEST, &len);
	if (count_field("best", s, len, &best, why) != 0)
		return -1;
	s = get(ld, row, U_LOW, &len);
	if (count_field("low", s, len, &low, why) != 0)
		return -1;
	s = get(ld, row, U_HIGH, &len);
	if (count_field("high", s, len, &high, why) != 0)
		return -1;
	s = get(ld, row, U_ID, &len);
	if (event_for(ld, "id", s, len, row->line, 0, 0, &ev, why) != 0)
		return -1;
	if (ev == NULL)
		return 0;
	set_dates(ev, lo, hi, prec);
	ev->fatalities = best;
	s = get(ld, row, U_TYPE, &len);
	trim(&s, &len);
	if (parse_count(s, len, 3, &v) == 0 && v >= 1)
		ev->type = timeline_type(ld->tl, violence[v - 1], strlen(violence[v - 1]));
	else
		set_type(ld, ev, s, len);
	s = get(ld, row, U_SIDE_A, &len);
	t = get(ld, row, U_SIDE_B, &tlen);
	ev->actors = pair(ld, s, len, t, tlen);
	s = get(ld, row, U_DYAD, &len);
	t = get(ld, row, U_CONFLICT, &tlen);
	sb_reset(ld);
	sb_add(ld, s, len);
	if (tlen > 0 && (tlen != len || memcmp(s, t, len) != 0)) {
		sb_add(ld, len > 0 ? " (" : "", len > 0 ? 2 : 0);
		sb_add(ld, t, tlen);
		sb_add(ld, len > 0 ? ")" : "", len > 0);
	}
	ev->summary = sb_text(ld);
	s = get(ld, row, U_SOURCE, &len);
	ev->sources = timeline_text(ld->tl, s, len);

	sb_reset(ld);
	s = get(ld, row, U_WPREC, &len);
	precision_note(ld, "where precision ", s, len, where, 7);
	/* 4 and up: a first-level region, a larger area, the country, or water or air */
	unlocated = parse_count(s, len, 7, &v) == 0 && v >= 4;
	if (low >= 0 || high >= 0) {
		sb_sep(ld, "; ");
		if (low >= 0 && high >= 0)
			snprintf(num, sizeof num, "deaths low %d, high %d", (int)low, (int)high);
		else if (low >= 0)
			snprintf(num, sizeof num, "deaths low %d", (int)low);
		else
			snprintf(num, sizeof num, "deaths high %d", (int)high);
		sb_add(ld, num, strlen(num));
	}
	s = get(ld, row, U_WHERE_DESC, &len);
	if (len > 0) {
		sb_sep(ld, "; ");
		sb_add(ld, s, len);
	}
	ev->note = sb_text(ld);
	s = get(ld, row, U_WHERE, &len);
	t = get(ld, row, U_ADM1, &tlen);
	ev->place = place_at(ld, s, len, t, tlen, lat, lon, unlocated);
	place_country(ld, row, ev->place, U_COUNTRY, U_REGION);
	return 0;
}

/* After newer rows replaced older ones, places only those had are dropped. */
static void
drop_unused_places(struct loader *ld)
{
	struct places *pl = ld->pl;
	size_t *map = xcalloc(pl->n + 1, sizeof *map), i, j;

	for (i = 0; i < ld->tl->nevents; i++)
		map[ld->tl->events[i].place] = 1;
	for (i = j = 0; i < pl->n; i++) {
		if (map[i]) {
			map[i] = j;
			pl->v[j++] = pl->v[i];
		} else {
			place_clear(&pl->v[i]);	/* ids come later: id is still NULL */
		}
	}
	pl->n = j;
	for (i = 0; i < ld->tl->nevents; i++)
		ld->tl->events[i].place = map[ld->tl->events[i].place];
	free(map);
}

static void
loader_free(struct loader *ld)
{
	strmap_free(ld->locs);
	strmap_free(ld->ids);
	arena_free(&ld->keys);
	free(ld->seen);
	free(ld->sb);
}

static int
acled_detect(const struct csv_row *h)
{
	return csv_column(h, "event_id_cnty") >= 0 && csv_column(h, "event_date") >= 0;
}

static int
ucdp_detect(const struct csv_row *h)
{
	return csv_column(h, "date_start") >= 0 && (csv_column(h, "where_prec") >= 0 ||
	    csv_column(h, "best") >= 0 || csv_column(h, "deaths_a") >= 0);
}

static int
sitmap_detect(const struct csv_row *h)
{
	return csv_column(h, "effects") >= 0 || csv_column(h, "precision") >= 0;
}

/* Detection tries them in this order. */
static const struct format formats[] = {
	{ IMPORT_ACLED, "acled", "ACLED", acled_detect, acled_cols, A_COUNT, 1, acled_row },
	{ IMPORT_UCDP, "ucdp", "UCDP GED", ucdp_detect, ucdp_cols, U_COUNT, 1, ucdp_row },
	{ IMPORT_SITMAP, "sitmap", "sitmap", sitmap_detect, NULL, 0, 0, NULL },
};
#define NFORMATS	(sizeof formats / sizeof formats[0])

static const struct format *
format_of(int id)
{
	size_t i;

	for (i = 0; i < NFORMATS; i++)
		if ((int)formats[i].id == id)
			return &formats[i];
	return NULL;
}

const char *
import_format_name(enum import_format fmt)
{
	const struct format *f = format_of((int)fmt);

	return f != NULL ? f->name : "?";
}

int
import_format_from_name(const char *s)
{
	size_t i;

	for (i = 0; i < NFORMATS; i++)
		if (strcmp(s, formats[i].name) == 0)
			return (int)formats[i].id;
	return -1;
}

int
import_detect(const char *buf, size_t len)
{
	struct csv *csv = csv_new(buf, len);
	struct csv_row h;
	char *err = NULL;
	size_t i;
	int fmt = -1;

	if (csv_next(csv, &h, &err) == 1)
		for (i = 0; i < NFORMATS && fmt < 0; i++)
			if (formats[i].detect(&h))
				fmt = (int)formats[i].id;
	free(err);
	csv_free(csv);
	return fmt;
}

int
import_load_mem(const char *path, const char *buf, size_t len, enum import_format fmt,
    struct places **plp, struct timeline **tlp, char **cause)
{
	const struct format *f = format_of((int)fmt);
	struct loader ld;
	struct csv *csv = NULL;
	struct csv_row row;
	size_t i, ncols;
	char *err = NULL, *why = NULL, *name;
	int r;

	*plp = NULL;
	*tlp = NULL;
	if (fmt == IMPORT_SITMAP)
		return IMPORT_SITMAP;
	name = text_sanitize(path, strlen(path), 4096);
	if (f == NULL || f->row == NULL) {
		xasprintf(cause, "%s: unknown import format %d", name, (int)fmt);
		free(name);
		return -1;
	}
	memset(&ld, 0, sizeof ld);
	ld.fmt = f;
	ld.pl = xcalloc(1, sizeof *ld.pl);
	ld.tl = timeline_new(ld.pl);
	ld.locs = strmap_new();
	ld.ids = strmap_new();
	csv = csv_new(buf, len);
	if ((r = csv_next(csv, &row, &err)) < 0) {
		csv_cause(cause, name, err);
		goto fail;
	}
	if (csv_header(r == 1 ? &row : NULL, f->cols, f->ncols, ld.col, name, cause) != 0)
		goto fail;
	ncols = row.n;
	while ((r = csv_next(csv, &row, &err)) == 1) {
		if (csv_width(&row, ncols, f->exact, name, cause) != 0)
			goto fail;
		if (f->row(&ld, &row, &why) != 0) {
			xasprintf(cause, "%s:%zu: %s", name, row.line, why);
			goto fail;
		}
	}
	if (r < 0) {
		csv_cause(cause, name, err);
		goto fail;
	}
	csv_free(csv);
	csv = NULL;
	if (ld.replaced)
		drop_unused_places(&ld);
	for (i = 0; i < ld.pl->n; i++)
		xasprintf(&ld.pl->v[i].id, "loc-%zu", i + 1);
	/* ids are unique by now, so this only sorts */
	if ((*tlp = timeline_finish(ld.tl, name, cause)) == NULL) {
		ld.tl = NULL;
		goto fail;
	}
	*plp = ld.pl;
	loader_free(&ld);
	free(name);
	return fmt;
fail:
	free(err);
	free(why);
	csv_free(csv);
	timeline_free(ld.tl);
	places_free(ld.pl);
	loader_free(&ld);
	free(name);
	return -1;
}

int
import_load(const char *path, int fmt, struct places **pl, struct timeline **tl,
    char **cause)
{
	size_t len;
	char *buf, *err, *name;
	int r;

	*pl = NULL;
	*tl = NULL;
	if (util_read_file(path, IMPORT_MAX_BYTES, &buf, &len, &err) != 0) {
		*cause = text_sanitize(err, strlen(err), 4096 + 256);
		free(err);
		return -1;
	}
	if (fmt < 0 && (fmt = import_detect(buf, len)) < 0) {
		name = text_sanitize(path, strlen(path), 4096);
		xasprintf(cause, "%s:1: not an ACLED or UCDP GED export, nor a sitmap "
		    "events file (unknown header)", name);
		free(name);
		free(buf);
		return -1;
	}
	r = import_load_mem(path, buf, len, (enum import_format)fmt, pl, tl, cause);
	free(buf);
	return r;
}
