/*
 * import.c: ACLED and UCDP GED exports, as the projects publish them (CSV)
 * and as their APIs answer (JSON), and as analysts' tools re-save them.
 * Each format is a row of formats[]: how it is known, its columns (by
 * name, since both projects add, drop and reorder them between releases),
 * the member of an API answer that holds its records, the columns it
 * keeps as attributes, and the parser of one record. A record reaches that
 * parser as a set of named fields, struct fields, whether it was a CSV
 * line under its header or a JSON object: one parser per format, whatever
 * the encoding. What every format tolerates is done while the fields are
 * gathered (missing-value markers) or by the value parsers below (12.0 as a
 * count, a decimal comma, a time of day after a date).
 *
 * Every row becomes one event, and every distinct location one place of
 * kind "site". ACLED codes territorial change in its sub-event types:
 * those rows set the status of their place (acled_status()), so that an
 * export draws a control map over its counts.
 */
#include "import.h"

#include <inttypes.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <sys/mman.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "csv.h"
#include "date.h"
#include "instream.h"
#include "json.h"
#include "text.h"
#include "util.h"

#define NAME_MAX_BYTES		256	/* a place name is a map label */
#define TEXT_MAX_BYTES		4096	/* what timeline_text() keeps */
#define TYPE_MAX_BYTES		128
#define MAX_FIELDS		32	/* columns a format reads */
#define MAX_ATTRS		8
#define READ_BLOCK		((size_t)4 << 20)
#define JSON_CHUNK		((size_t)256 << 10)
#define PEEK_FIRST		((size_t)64 << 10)

enum { A_ID, A_DATE, A_LAT, A_LON, A_TPREC, A_GPREC, A_TYPE, A_SUBTYPE, A_DISORDER,
	A_ACTOR1, A_ASSOC1, A_INTER1, A_ACTOR2, A_ASSOC2, A_INTER2, A_CIVILIAN, A_NOTES,
	A_SOURCE, A_FATAL, A_LOCATION, A_ADMIN1, A_ADMIN2, A_ADMIN3, A_TAGS, A_STAMP,
	A_COUNTRY, A_REGION, A_COUNT };
static const struct csv_col acled_cols[A_COUNT] = { { "event_id_cnty", 1 },
	{ "event_date", 1 }, { "latitude", 1 }, { "longitude", 1 },
	{ "time_precision", 0 }, { "geo_precision", 0 }, { "event_type", 0 },
	{ "sub_event_type", 0 }, { "disorder_type", 0 }, { "actor1", 0 },
	{ "assoc_actor_1", 0 }, { "inter1", 0 }, { "actor2", 0 }, { "assoc_actor_2", 0 },
	{ "inter2", 0 }, { "civilian_targeting", 0 }, { "notes", 0 }, { "source", 0 },
	{ "fatalities", 0 }, { "location", 0 }, { "admin1", 0 }, { "admin2", 0 },
	{ "admin3", 0 }, { "tags", 0 }, { "timestamp", 0 },
	{ "country", 0 }, { "region", 0 } };

enum { U_ID, U_START, U_LAT, U_LON, U_END, U_DPREC, U_WPREC, U_TYPE, U_SIDE_A,
	U_SIDE_B, U_BEST, U_LOW, U_HIGH, U_WHERE, U_WHERE_DESC, U_ADM1, U_ADM2, U_SOURCE,
	U_DYAD, U_CONFLICT, U_COUNTRY, U_REGION, U_COUNT };
static const struct csv_col ucdp_cols[U_COUNT] = { { "id", 1 }, { "date_start", 1 },
	{ "latitude", 1 }, { "longitude", 1 }, { "date_end", 0 }, { "date_prec", 0 },
	{ "where_prec", 0 }, { "type_of_violence", 0 }, { "side_a", 0 },
	{ "side_b", 0 }, { "best", 0 }, { "low", 0 }, { "high", 0 },
	{ "where_coordinates", 0 }, { "where_description", 0 }, { "adm_1", 0 },
	{ "adm_2", 0 }, { "source_article", 0 }, { "dyad_name", 0 },
	{ "conflict_name", 0 }, { "country", 0 }, { "region", 0 } };

/*
 * An aggregate: counts per cell and day, as an engine writes them (DuckDB,
 * Spark, BigQuery: see sitmap(1)). Each column goes by several names, the
 * first the header has counting: the spellings such queries give, and
 * DuckDB's names for an unnamed count(*) and sum(fatalities).
 */
enum { G_LAT, G_LATITUDE, G_LON, G_LNG, G_LONG, G_LONGITUDE, G_DATE, G_DAY, G_MONTH,
	G_EVDATE, G_COUNT, G_EVENTS, G_N, G_NEVENTS, G_EVCOUNT, G_STAR, G_FATAL, G_DEATHS,
	G_SUMFATAL, G_LABEL, G_NAME, G_LOCATION, G_COUNTRY, G_REGION, G_COUNTS };
static const struct csv_col agg_cols[G_COUNTS] = { { "lat", 0 }, { "latitude", 0 },
	{ "lon", 0 }, { "lng", 0 }, { "long", 0 }, { "longitude", 0 }, { "date", 0 },
	{ "day", 0 }, { "month", 0 }, { "event_date", 0 }, { "count", 0 }, { "events", 0 },
	{ "n", 0 }, { "n_events", 0 }, { "event_count", 0 }, { "count_star()", 0 },
	{ "fatalities", 0 }, { "deaths", 0 }, { "sum(fatalities)", 0 }, { "label", 0 },
	{ "name", 0 }, { "location", 0 }, { "country", 0 }, { "region", 0 } };
/* A value's columns, by name: first .. last of agg_cols. */
static const struct {
	int		 first, last;
	const char	*what;		/* for a message */
} agg_value[] = { { G_LAT, G_LATITUDE, "lat (or latitude)" },
	{ G_LON, G_LONGITUDE, "lon (or lng, long, longitude)" },
	{ G_DATE, G_EVDATE, "date (or day, month, event_date)" },
	{ G_COUNT, G_STAR, "count (or events, n, n_events, event_count, count_star())" } };

/* The attributes each keeps: a key (--list-events' column) and the panel's label. */
struct attr_def {
	const char	*key, *label;
};

enum { AA_SUBTYPE, AA_DISORDER, AA_INTER, AA_ADMIN, AA_CIVILIAN, AA_TAGS, AA_COUNT };
static const struct attr_def acled_attrs[AA_COUNT] = {
	{ "sub_event_type", "Sub-event" }, { "disorder_type", "Disorder" },
	{ "inter", "Actor types" }, { "admin", "Admin" },
	{ "civilian_targeting", "Targeting" }, { "tags", "Tags" } };
enum { UA_ADMIN, UA_COUNT };
static const struct attr_def ucdp_attrs[UA_COUNT] = { { "admin", "Admin" } };

static const char *const months[12] = { "january", "february", "march",
	"april", "may", "june", "july", "august", "september", "october",
	"november", "december" };

/* Values pandas, R, spreadsheets and databases write for "nothing here", case aside. */
static const char *const missing_values[] = { "NA", "N/A", "#N/A", "NULL", "nan", NULL };

/* What a loaded row left behind, for later duplicates of its id (its line is the event's). */
struct seen {
	long long	 stamp;
};

/*
 * A record as named fields, in the format's column order: from a CSV line
 * through the header's map, or from a JSON object's members by their keys.
 * Missing values are empty. Slices of the input, valid for one record.
 */
struct fields {
	size_t		 line;
	unsigned long	 col;		/* a JSON record's column; 0: a CSV line */
	uint32_t	 present;	/* bit c: the header has column c, or the record key c */
	const char	*v[MAX_FIELDS];
	size_t		 len[MAX_FIELDS];
};

struct loader;

/*
 * A format, as data: its name, what its places say they came from, how its
 * header (or a record's keys) is known and what a message says it expects,
 * the member of an API answer that holds the records, its columns, the
 * attributes it keeps, and the parser of one record. sitmap's own events
 * file is detected here but read by timeline_load_stream().
 */
struct format {
	enum import_format	 id;
	const char		*name;		/* --format's */
	const char		*source;	/* what its places say they came from */
	const char		*expect;	/* for "not an events file" */
	int			(*detect)(const struct csv_row *names);
	const char		*json_key;	/* NULL: no JSON */
	const struct csv_col	*cols;
	size_t			 ncols;
	const struct attr_def	*attrs;
	size_t			 nattrs;
	int			(*row)(struct loader *, const struct fields *, char **why);
	/* a check of the header's names beyond the required columns, or NULL: 0 or -1 */
	int			(*names)(const struct csv_row *, char **why);
};

struct loader {
	const struct format *fmt;
	char		*name;		/* sanitised, for messages */
	struct places	*pl;
	size_t		 pcap;
	struct timeline	*tl;
	struct strmap	*locs;		/* "lat\x1flon\x1fname" -> place index */
	struct idmap	*ids;		/* event id -> index in tl->events */
	struct strmap	*keys_map;	/* JSON: a lower-case column name -> its index */
	const struct arena_rooms *rooms;	/* where the events' text goes (NULL: the heap) */
	struct arena	 keys;		/* the keys of locs */
	char		*place_source, *place_empty;	/* every place's, in pl's pool */
	struct seen	*seen;		/* per event */
	size_t		 scap;
	struct scratch	 seen_room, status_room;	/* where seen and status may be */
	uint8_t		*status;	/* per event: what a territorial row sets, or 0 */
	int		 col[CSV_MAX_COLS];	/* CSV: the format's columns in the header */
	size_t		 ncols;		/* CSV: the header's width; 0 until read */
	size_t		 attr[MAX_ATTRS];	/* the format's attributes in the timeline */
	int		 decimal_comma;	/* not comma-separated: "16,27" is a number */
	int		 replaced;	/* a newer row replaced an event */
	int		 json_first;	/* the first JSON record is still to come */
	char		*cause;		/* a JSON record's error */
	char		*sb;		/* text being put together */
	size_t		 sblen, sbcap;
	char		 day_text[32];	/* the last day row_day() parsed, as given */
	size_t		 day_len;	/* 0: none */
	day_t		 day;
};

static const char *
get(const struct fields *f, int c, size_t *len)
{
	*len = f->len[c];
	return f->v[c];
}

/* 1 if s[0..len), blanks aside, is empty or one of missing_values. */
static int
is_missing(const char *s, size_t len)
{
	size_t i;

	/* most fields are long, or short numbers: out at once */
	if (len > 16 || (len > 0 && s[0] >= '0' && s[0] <= '9'))
		return 0;
	/* and most others have no blanks to trim, nor the first letter of a marker */
	if (len > 0 && s[0] != ' ' && s[0] != '\t' && s[len - 1] != ' ' && s[len - 1] != '\t' &&
	    (len > 4 || ((s[0] | 0x20) != 'n' && s[0] != '#')))
		return 0;
	util_trim(&s, &len);
	if (len == 0)
		return 1;
	if (len > 4 || ((s[0] | 0x20) != 'n' && s[0] != '#'))
		return 0;
	for (i = 0; missing_values[i] != NULL; i++)
		if (strlen(missing_values[i]) == len && strncasecmp(s, missing_values[i], len) == 0)
			return 1;
	return 0;
}

/* A value as given, or empty when missing. */
static void
set_field(struct fields *f, int c, const char *s, size_t len)
{
	if (is_missing(s, len))
		len = 0;
	f->v[c] = s;
	f->len[c] = len;
}

/*
 * A number's text with the decimal point a '.': a file split on ';' or tabs
 * (a spreadsheet in a comma-decimal locale) may write 16,2719.
 */
static const char *
number_text(const struct loader *ld, const char *s, size_t *len, char *buf, size_t cap)
{
	const char *comma;

	util_trim(&s, len);
	if (!ld->decimal_comma || *len >= cap || (comma = memchr(s, ',', *len)) == NULL ||
	    memchr(s, '.', *len) != NULL || memchr(comma + 1, ',', *len - (size_t)(comma - s) - 1))
		return s;
	memcpy(buf, s, *len);
	buf[comma - s] = '.';
	return buf;
}

/*
 * A count of people or seconds, at most max: digits, perhaps followed by a
 * point and zeros (12.0, as pandas writes a column that has gaps). 0; -1
 * if it is not a number; -2 if it has a fraction.
 */
static int
parse_count(const struct loader *ld, const char *s, size_t len, long long max,
    long long *out)
{
	char buf[64];
	long long v = 0;
	size_t i;

	s = number_text(ld, s, &len, buf, sizeof buf);
	if (len == 0)
		return -1;
	for (i = 0; i < len && s[i] >= '0' && s[i] <= '9'; i++) {
		if (v > max / 10 || v * 10 > max - (s[i] - '0'))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	if (i == 0)
		return -1;
	if (i < len && s[i] == '.') {
		for (i++; i < len && s[i] == '0'; i++)
			;
		if (i < len && s[i] >= '1' && s[i] <= '9') {
			for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
				;
			return i == len ? -2 : -1;
		}
	}
	if (i != len)
		return -1;
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

/*
 * A time of day after a date, which says nothing a day does not: " 00:00:00",
 * "T00:00:00Z", " 00:00:00.000", "T14:30+01:00". 1 if s[0..len) is one.
 */
static int
time_of_day(const char *s, size_t len)
{
	const char *p = s + 1, *end = s + len;
	int h, m;

	if (len < 5 || (*s != ' ' && *s != 'T'))
		return 0;
	if ((h = small_number(&p, end)) < 0 || h > 24 || p == end || *p++ != ':' ||
	    end - p < 2 || (m = small_number(&p, end)) < 0 || m > 59)
		return 0;
	if (p < end && *p == ':') {
		p++;
		if (end - p < 2 || small_number(&p, end) < 0)
			return 0;
		if (p < end && *p == '.')
			for (p++; p < end && *p >= '0' && *p <= '9'; p++)
				;
	}
	if (p < end && *p == ' ')
		p++;
	if (p < end && *p == 'Z')
		p++;
	else if (p < end && (*p == '+' || *p == '-')) {
		for (p++, h = 0; p < end && ((*p >= '0' && *p <= '9') || *p == ':'); p++)
			h++;
		if (h < 2 || h > 5)
			return 0;
	}
	return p == end;
}

/*
 * A day, as either project writes it or a spreadsheet re-saves it:
 * 2023-10-07 (or 2023/10/07), 07 October 2023, 7 Oct 2023, 07-October-2023,
 * 07-10-2023, any of them perhaps followed by a time of day. 07/10/2023 is
 * refused: day/month or month/day, the text cannot tell.
 */
static int
parse_day(const char *s, size_t len, day_t *out)
{
	const char *p, *end, *w;
	char sep;
	int d, m, y, i, n;

	util_trim(&s, &len);
	end = s + len;
	if (len >= 10 && s[0] >= '0' && s[0] <= '9' && (s[4] == '-' || s[4] == '/') &&
	    s[7] == s[4]) {
		for (y = 0, i = 0; i < 4; i++) {
			if (s[i] < '0' || s[i] > '9')
				return -1;
			y = y * 10 + (s[i] - '0');
		}
		p = s + 5;
		if (end - p < 5 || (m = small_number(&p, end)) < 0 || p != s + 7)
			return -1;
		p++;
		if ((d = small_number(&p, end)) < 0 || p != s + 10)
			return -1;
		if (p < end && !time_of_day(p, (size_t)(end - p)))
			return -1;
		return date_from_ymd(y, m, d, out);
	}
	p = s;
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
	if (end - p < 5 || *p != sep)
		return -1;
	for (y = 0, n = 0, p++; p < end && n < 4; p++, n++) {
		if (*p < '0' || *p > '9')
			return -1;
		y = y * 10 + (*p - '0');
	}
	if (n != 4 || (p < end && !time_of_day(p, (size_t)(end - p))))
		return -1;
	return date_from_ymd(y, m, d, out);
}

/*
 * parse_day() of a row's date, the last one's answer again when the text
 * is the same: exports are sorted by date, so thousands of rows running
 * give the same day.
 */
static int
row_day(struct loader *ld, const char *s, size_t len, day_t *out)
{
	if (len > 0 && len == ld->day_len && memcmp(s, ld->day_text, len) == 0) {
		*out = ld->day;
		return 0;
	}
	if (parse_day(s, len, out) != 0)
		return -1;
	if (len <= sizeof ld->day_text) {
		memcpy(ld->day_text, s, len);
		ld->day_len = len;
		ld->day = *out;
	}
	return 0;
}

static int
coordinate(const struct loader *ld, const char *what, const char *s, size_t len, double max,
    double *out, char **why)
{
	char buf[64];
	const char *t;
	size_t tlen = len;

	if (len == 0) {
		xasprintf(why, "%s is missing", what);
		return -1;
	}
	t = number_text(ld, s, &tlen, buf, sizeof buf);
	if (places_parse_double(t, tlen, out) != 0)
		return text_quote_error(why, what, s, len, " is not a number");
	if (fabs(*out) > max)
		return text_quote_error(why, what, s, len, " is out of range");
	return 0;
}

/* The record's latitude and longitude, from columns lat and lon. */
static int
location(const struct loader *ld, const struct fields *f, int lat, int lon,
    double *lat_deg, double *lon_deg, char **why)
{
	const char *s;
	size_t len;

	s = get(f, lat, &len);
	if (coordinate(ld, "latitude", s, len, 90, lat_deg, why) != 0)
		return -1;
	s = get(f, lon, &len);
	return coordinate(ld, "longitude", s, len, 180, lon_deg, why);
}

/* Fatalities and the like: empty is -1 (not given). */
static int
count_field(const struct loader *ld, const char *what, const char *s, size_t len,
    int32_t *out, char **why)
{
	long long v;
	int r;

	if (len == 0) {
		*out = -1;
		return 0;
	}
	if ((r = parse_count(ld, s, len, INT32_MAX, &v)) == -2)
		return text_quote_error(why, what, s, len, " is not a whole number");
	if (r != 0)
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

/* One side of an event: its actor, with its associated actors as ACLED gives them. */
static void
side(struct loader *ld, const struct fields *f, int a, int assoc)
{
	const char *s, *w = "";
	size_t len, wlen = 0;

	s = get(f, a, &len);
	if (assoc >= 0)
		w = get(f, assoc, &wlen);
	if (len == 0 && wlen == 0)
		return;
	sb_sep(ld, "; ");
	sb_add(ld, s, len);
	if (wlen > 0) {
		sb_add(ld, len > 0 ? " (with " : "(with ", len > 0 ? 7 : 6);
		sb_add(ld, w, wlen);
		sb_add(ld, ")", 1);
	}
}

/* "a1; a2", or whichever is given; "a1 (with x; y); a2": shared text, as pairs repeat. */
static char *
actors(struct loader *ld, const struct fields *f, int a1, int assoc1, int a2, int assoc2)
{
	sb_reset(ld);
	side(ld, f, a1, assoc1);
	side(ld, f, a2, assoc2);
	return timeline_intern(ld->tl, ld->sb != NULL ? ld->sb : "", ld->sblen);
}

/* Sets attribute k of the format to the text s[0..len). */
static void
attr(struct loader *ld, const struct event *ev, int k, const char *s, size_t len)
{
	timeline_attr_set(ld->tl, ev, ld->attr[k], s, len);
}

/* Sets attribute k to the given columns joined by sep, the empty ones left out. */
static void
attr_join(struct loader *ld, const struct event *ev, int k, const struct fields *f,
    const char *sep, int c0, int c1, int c2)
{
	int c[3] = { c0, c1, c2 }, i;
	const char *s;
	size_t len;

	sb_reset(ld);
	for (i = 0; i < 3; i++) {
		if (c[i] < 0 || (s = get(f, c[i], &len), len == 0))
			continue;
		sb_sep(ld, sep);
		sb_add(ld, s, len);
	}
	attr(ld, ev, k, ld->sb != NULL ? ld->sb : "", ld->sblen);
}

/* v in decimal at p: the end. */
static char *
put_long(char *p, long v)
{
	char d[24];
	unsigned long u = v < 0 ? 0 - (unsigned long)v : (unsigned long)v;
	size_t n = 0;

	if (v < 0)
		*p++ = '-';
	do
		d[n++] = (char)('0' + u % 10);
	while ((u /= 10) > 0);
	while (n > 0)
		*p++ = d[--n];
	return p;
}

/*
 * What tells places apart: "lat\x1flon\x1funlocated\x1fname", lat and lon
 * to 4 decimals; its length. Made for every row, so by hand: a printf was
 * most of the cost of a place's lookup. key holds NAME_MAX_BYTES + 64.
 */
static int
place_key(char *key, const char *name, double lat, double lon, int unlocated)
{
	size_t n = strlen(name);
	char *p = key;

	if (n > NAME_MAX_BYTES)
		n = NAME_MAX_BYTES;
	p = put_long(p, lround(lat * 1e4));
	*p++ = '\x1f';
	p = put_long(p, lround(lon * 1e4));
	*p++ = '\x1f';
	p = put_long(p, unlocated);
	*p++ = '\x1f';
	memcpy(p, name, n);
	p[n] = '\0';
	return (int)(p + n - key);
}

/*
 * A row's place, before it is looked up: its name, where it is, and its
 * key, hashed, the key's slot in the map of locations asked for at once.
 * The lookup comes at the end of the row, whose other work hides the
 * cache misses of a map of tens of thousands of places (see
 * strmap_prefetch()).
 */
struct row_place {
	char		 name[NAME_MAX_BYTES + 1];
	char		 key[NAME_MAX_BYTES + 64];
	int		 n;		/* of key */
	uint32_t	 hash;
	double		 lat, lon;
	int		 unlocated;
};

/*
 * The place at a location: one per name and lat/lon to 4 decimals (about
 * 11 m), and whether the source locates it only to a region or a country
 * (unlocated: not drawn as a point, see place.unlocated). Named by nm,
 * else region, else its coordinates. place_at() finds or makes it.
 */
static void
place_ahead(struct loader *ld, const char *nm, size_t nmlen, const char *region,
    size_t rlen, double lat, double lon, int unlocated, struct row_place *rp)
{
	text_sanitize_buf(nm, nmlen, rp->name, sizeof rp->name);
	if (rp->name[0] == '\0')
		text_sanitize_buf(region, rlen, rp->name, sizeof rp->name);
	if (rp->name[0] == '\0')
		snprintf(rp->name, sizeof rp->name, "%.4f, %.4f", lat, lon);
	rp->n = place_key(rp->key, rp->name, lat, lon, unlocated);
	rp->hash = strmap_hash(rp->key, (size_t)rp->n);
	rp->lat = lat;
	rp->lon = lon;
	rp->unlocated = unlocated;
	strmap_prefetch(ld->locs, rp->hash);
}

/* A copy of s[0..len) (clean: sanitise first when not), among the places' strings. */
static char *
pooled(struct places *pl, const char *s, size_t len, int clean)
{
	char buf[NAME_MAX_BYTES + 1], *p;

	if (!clean) {
		len = text_sanitize_buf(s, len, buf, sizeof buf);
		s = buf;
	}
	p = arena_alloc(&pl->pool, len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

/* The country and world region a place's first row names (for the title). */
static void
place_country(struct places *pl, struct place *p, const struct fields *f, int country,
    int region)
{
	const char *s;
	size_t len;

	s = get(f, country, &len);
	util_trim(&s, &len);
	p->country = pooled(pl, s, len, 0);
	s = get(f, region, &len);
	util_trim(&s, &len);
	p->area = pooled(pl, s, len, 0);
}

/*
 * The row's place (see place_ahead()), made if new: its region is
 * region[0..rlen), its country and world region are the row's columns
 * country and area. A place keeps what its first row says, so it is
 * set as it is made (not looked at again for every row: a cache miss
 * in a large array of places).
 */
/* Room for cap places, the loader's so far kept: 120 bytes each, copied into the image. */
static void
place_room(struct loader *ld, size_t cap)
{
	if (cap > SIZE_MAX / sizeof *ld->pl->v)
		die("out of memory (%zu places)", cap);
	ld->pl->v = scratch_resize(ld->pl->pool.rooms, &ld->pl->room, ld->pl->v,
	    ld->pl->n * sizeof *ld->pl->v, cap * sizeof *ld->pl->v, 0);
	ld->pcap = cap;
}

static size_t
place_at(struct loader *ld, const struct row_place *rp, const char *region, size_t rlen,
    const struct fields *f, int country, int area)
{
	const char *name = rp->name;
	double lat = rp->lat, lon = rp->lon;
	struct place *p;
	size_t n = (size_t)rp->n;
	long i;
	char *k;

	if ((i = strmap_get_hashed(ld->locs, rp->key, n, rp->hash)) >= 0)
		return (size_t)i;
	k = arena_alloc(&ld->keys, n + 1);
	memcpy(k, rp->key, n + 1);
	strmap_put_hashed(ld->locs, k, n, rp->hash, ld->pl->n);
	if (ld->pl->n == ld->pcap)
		place_room(ld, ld->pcap ? ld->pcap * 2 : 64);
	p = &ld->pl->v[ld->pl->n];
	memset(p, 0, sizeof *p);
	/* its strings pooled (see struct places), those every place has shared */
	if (ld->place_source == NULL) {
		ld->place_source = pooled(ld->pl, ld->fmt->source, strlen(ld->fmt->source), 1);
		ld->place_empty = pooled(ld->pl, "", 0, 1);
	}
	p->name = p->label = pooled(ld->pl, name, strlen(name), 1);
	p->alt = p->note = ld->place_empty;
	p->region = pooled(ld->pl, region, rlen, 0);
	p->source = ld->place_source;
	p->kind = PLACE_SITE;
	p->initial = STATUS_NONE;
	p->unlocated = rp->unlocated;
	p->lat_deg = lat;
	p->lon_deg = lon;
	p->xy.x = lon;
	p->xy.y = lat;
	place_country(ld->pl, p, f, country, area);
	return ld->pl->n++;
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
 * A row's id, sanitised and hashed, its slot in the map of ids (a cache
 * miss in a map of a million) asked for first thing in the row, so that
 * the row's other work hides it.
 */
struct row_id {
	char		 clean[TEXT_MAX_BYTES + 1];
	size_t		 n;
	uint32_t	 hash;
};

static void
id_ahead(struct loader *ld, const char *id, size_t idlen, struct row_id *rid)
{
	rid->n = text_sanitize_buf(id, idlen, rid->clean, sizeof rid->clean);
	rid->hash = strmap_hash(rid->clean, rid->n);
	idmap_prefetch(ld->ids, rid->hash);
}

/*
 * The event for a row's id (id[0..idlen), rid from it), made or found once
 * the row is known to be good: an earlier row with the same id is replaced
 * when this one's timestamp is at least as new (*ev is then that event,
 * cleared), else *ev is NULL and the row is dropped. Without timestamps a
 * duplicate is an error.
 */
/* Room for cap events in what the loader keeps per event (n of them so far). */
static void
per_event(struct loader *ld, size_t cap)
{
	size_t n = ld->tl->nevents < ld->scap ? ld->tl->nevents : ld->scap;

	if (cap > SIZE_MAX / sizeof *ld->seen)
		die("out of memory (%zu events)", cap);
	ld->seen = scratch_resize(ld->rooms, &ld->seen_room, ld->seen, n * sizeof *ld->seen,
	    cap * sizeof *ld->seen, 0);
	ld->status = scratch_resize(ld->rooms, &ld->status_room, ld->status, n, cap, 0);
	ld->scap = cap;
}

static void
per_event_free(struct loader *ld)
{
	scratch_free(ld->rooms, &ld->seen_room, ld->seen);
	scratch_free(ld->rooms, &ld->status_room, ld->status);
	ld->seen = NULL;
	ld->status = NULL;
	ld->scap = 0;
}

static int
event_for(struct loader *ld, const char *what, const char *id, size_t idlen,
    const struct row_id *rid, size_t line, int has_stamp, long long stamp, struct event **ev,
    char **why)
{
	const char *clean = rid->clean;
	size_t n = rid->n, i;
	struct event *e;
	char *idc;
	long k;

	*ev = NULL;
	if (n == 0)
		return text_quote_error(why, what, id, idlen, " is not an id");
	/* the copy first: an id is new far more often than not, and one probe adds it */
	idc = timeline_text(ld->tl, clean, n);
	if ((k = idmap_add_hashed(ld->ids, idc, n, rid->hash, (uint32_t)ld->tl->nevents)) >= 0) {
		timeline_text_drop(ld->tl, idc);
		i = (size_t)k;
		if (!has_stamp) {
			char dup[64], tail[64];

			snprintf(dup, sizeof dup, "duplicate %s", what);
			snprintf(tail, sizeof tail, " (also on line %" PRIu32 ")",
			    ld->tl->events[i].line);
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
		e->id = idc;
		e->id_hash = util_hash(idc, n);	/* while it is in the cache, on a parsing thread */
		i = ld->tl->nevents - 1;
		if (i == ld->scap)
			per_event(ld, ld->scap ? ld->scap * 2 : 1024);
	}
	ld->status[i] = STATUS_NONE;
	e->line = line <= UINT32_MAX ? (uint32_t)line : UINT32_MAX;
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

	util_trim(&s, &len);
	if (len == 0)
		return;
	sb_sep(ld, "; ");
	sb_add(ld, label, strlen(label));
	if (parse_count(ld, s, len, (long long)nmeanings, &v) == 0 && v >= 1) {
		/* the number, not its text (1.0, from a re-saved file, is 1); nmeanings < 10 */
		char num[3] = { (char)('0' + v), ':', ' ' };

		sb_add(ld, num, sizeof num);
		sb_add(ld, meanings[v - 1], strlen(meanings[v - 1]));
	} else {
		sb_add_clean(ld, s, len, 16);
	}
}

/* The text being put together, shared with every row that makes the same. */
static char *
sb_shared(struct loader *ld)
{
	return timeline_intern(ld->tl, ld->sb != NULL ? ld->sb : "", ld->sblen);
}

/*
 * ACLED's actor types (inter1, inter2): words since March 2023, codes 1-8
 * before. The classes a control map names.
 */
enum actor_class { CLASS_OTHER, CLASS_STATE, CLASS_REBEL, CLASS_POLITICAL, CLASS_IDENTITY };

static enum actor_class
actor_class(const struct loader *ld, const char *inter, size_t ilen, const char *name,
    size_t nlen)
{
	static const struct {
		const char	*word;
		enum actor_class c;
	} words[] = { { "state", CLASS_STATE }, { "rebel", CLASS_REBEL },
		{ "political", CLASS_POLITICAL }, { "identity", CLASS_IDENTITY },
		{ "ethnic", CLASS_IDENTITY }, { "communal", CLASS_IDENTITY } };
	static const enum actor_class codes[9] = { CLASS_OTHER, CLASS_STATE, CLASS_REBEL,
		CLASS_POLITICAL, CLASS_IDENTITY, CLASS_OTHER, CLASS_OTHER, CLASS_OTHER,
		CLASS_OTHER };
	char buf[NAME_MAX_BYTES + 1];
	long long v;
	size_t i;

	util_trim(&inter, &ilen);
	if (ilen > 0 && parse_count(ld, inter, ilen, 8, &v) == 0)
		return codes[v];
	for (i = 0; ilen > 0 && i < sizeof words / sizeof words[0]; i++)
		if (ilen >= strlen(words[i].word) &&
		    strncasecmp(inter, words[i].word, strlen(words[i].word)) == 0)
			return words[i].c;
	if (ilen > 0)
		return CLASS_OTHER;
	/* no actor type: the name, as ACLED names actors */
	if (nlen > NAME_MAX_BYTES)
		nlen = NAME_MAX_BYTES;
	memcpy(buf, name, nlen);
	buf[nlen] = '\0';
	if (strncmp(buf, "Military Forces of", 18) == 0 || strncmp(buf, "Police Forces of", 16) == 0)
		return CLASS_STATE;
	if (strstr(buf, "Ethnic Militia") != NULL || strstr(buf, "Communal Militia") != NULL)
		return CLASS_IDENTITY;
	if (strstr(buf, "Militia") != NULL)
		return CLASS_POLITICAL;
	return CLASS_OTHER;
}

/*
 * The status an ACLED row sets at its place, or STATUS_NONE. Territorial
 * change is what ACLED codes in four sub-event types; who gains the place
 * is actor1:
 *   Non-state actor overtakes territory  held by actor1's class
 *   Non-violent transfer of territory    the same (army-held for state forces)
 *   Government regains territory         retaken-by-army
 *   Headquarters or base established     base (army-held for state forces)
 * A row located only to its region (geo_precision 3: the location is the
 * region's capital standing in for it) sets nothing: the town did not change
 * hands.
 */
static enum status
acled_status(const struct loader *ld, const struct fields *f)
{
	enum { TAKE, TRANSFER, REGAIN, BASE };
	static const struct {
		const char	*sub;
		int		 kind;
	} subs[] = { { "Non-state actor overtakes territory", TAKE },
		{ "Non-violent transfer of territory", TRANSFER },
		{ "Government regains territory", REGAIN },
		{ "Headquarters or base established", BASE } };
	static const enum status held[] = { STATUS_HELD_NON_STATE, STATUS_ARMY,
		STATUS_HELD_REBEL, STATUS_HELD_POLITICAL, STATUS_HELD_IDENTITY };
	const char *s, *a;
	size_t len, alen, i;
	enum actor_class c;
	long long gp;
	int kind = -1;

	s = get(f, A_SUBTYPE, &len);
	util_trim(&s, &len);
	for (i = 0; i < sizeof subs / sizeof subs[0] && kind < 0; i++)
		if (strlen(subs[i].sub) == len && strncasecmp(s, subs[i].sub, len) == 0)
			kind = subs[i].kind;
	if (kind < 0)
		return STATUS_NONE;
	s = get(f, A_GPREC, &len);
	if (len > 0 && parse_count(ld, s, len, 9, &gp) == 0 && gp >= 3)
		return STATUS_NONE;
	if (kind == REGAIN)
		return STATUS_RETAKEN;
	s = get(f, A_INTER1, &len);
	a = get(f, A_ACTOR1, &alen);
	c = actor_class(ld, s, len, a, alen);
	if (kind == BASE)
		return c == CLASS_STATE ? STATUS_ARMY : STATUS_BASE;
	return held[c];
}

static int
acled_row(struct loader *ld, const struct fields *f, char **why)
{
	static const char *const geo[] = { "town", "near a town", "region" };
	const char *s, *t;
	size_t len, tlen, i;
	struct event *ev;
	enum date_prec prec;
	day_t day, lo, hi;
	double lat, lon;
	int32_t fat = -1;
	long long v, gp, stamp = 0;
	struct row_id rid;
	struct row_place rp;
	int unlocated;

	s = get(f, A_ID, &len);
	id_ahead(ld, s, len, &rid);
	s = get(f, A_DATE, &len);
	if (row_day(ld, s, len, &day) != 0)
		return text_quote_error(why, "event_date", s, len, " is not a date (2023-10-07, "
		    "07 October 2023, 07-October-2023 or 07-10-2023)");
	s = get(f, A_TPREC, &len);
	v = 1;
	if (len > 0 && (parse_count(ld, s, len, 3, &v) != 0 || v < 1))
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
	if (location(ld, f, A_LAT, A_LON, &lat, &lon, why) != 0)
		return -1;
	s = get(f, A_GPREC, &len);
	/* 3: only a larger region is known, the coordinates are its centre's */
	unlocated = parse_count(ld, s, len, 3, &gp) == 0 && gp == 3;
	s = get(f, A_LOCATION, &len);
	t = get(f, A_ADMIN1, &tlen);
	place_ahead(ld, s, len, t, tlen, lat, lon, unlocated, &rp);
	s = get(f, A_FATAL, &len);
	if (count_field(ld, "fatalities", s, len, &fat, why) != 0)
		return -1;
	s = get(f, A_STAMP, &len);
	if (len > 0 && parse_count(ld, s, len, INT64_MAX, &stamp) != 0)
		return text_quote_error(why, "timestamp", s, len, " is not a number");
	s = get(f, A_ID, &len);
	/* with timestamps (a column, or a JSON record's key) the newest row wins */
	if (event_for(ld, "event_id_cnty", s, len, &rid, f->line, (f->present >> A_STAMP) & 1,
	    stamp, &ev, why) != 0)
		return -1;
	if (ev == NULL)
		return 0;
	set_dates(ev, lo, hi, prec);
	ev->fatalities = fat;
	s = get(f, A_TYPE, &len);
	set_type(ld, ev, s, len);
	ev->actors = actors(ld, f, A_ACTOR1, A_ASSOC1, A_ACTOR2, A_ASSOC2);
	/* the place's slot has come by now: its key, while the notes are copied */
	strmap_prefetch_key(ld->locs, rp.hash);
	s = get(f, A_NOTES, &len);
	ev->summary = timeline_text(ld->tl, s, len);
	s = get(f, A_SOURCE, &len);
	ev->sources = timeline_intern(ld->tl, s, len);
	sb_reset(ld);
	s = get(f, A_GPREC, &len);
	precision_note(ld, "geo precision ", s, len, geo, 3);
	ev->note = sb_shared(ld);

	s = get(f, A_SUBTYPE, &len);
	attr(ld, ev, AA_SUBTYPE, s, len);
	s = get(f, A_DISORDER, &len);
	attr(ld, ev, AA_DISORDER, s, len);
	attr_join(ld, ev, AA_INTER, f, "; ", A_INTER1, A_INTER2, -1);
	attr_join(ld, ev, AA_ADMIN, f, " / ", A_ADMIN1, A_ADMIN2, A_ADMIN3);
	s = get(f, A_CIVILIAN, &len);
	attr(ld, ev, AA_CIVILIAN, s, len);
	s = get(f, A_TAGS, &len);
	attr(ld, ev, AA_TAGS, s, len);

	t = get(f, A_ADMIN1, &tlen);
	ev->place = place_at(ld, &rp, t, tlen, f, A_COUNTRY, A_REGION);
	i = (size_t)(ev - ld->tl->events);
	ld->status[i] = (uint8_t)acled_status(ld, f);
	return 0;
}

static int
ucdp_row(struct loader *ld, const struct fields *f, char **why)
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
	long long v = 0, wp;
	int y0, y1, m0, m1, d, unlocated;
	struct row_id rid;
	struct row_place rp;
	char num[64];

	s = get(f, U_ID, &len);
	id_ahead(ld, s, len, &rid);
	s = get(f, U_START, &len);
	if (row_day(ld, s, len, &start) != 0)
		return text_quote_error(why, "date_start", s, len,
		    " is not a date (2023-10-07 or 2023-10-07 00:00:00.000)");
	s = get(f, U_END, &len);
	end = start;
	if (len > 0 && parse_day(s, len, &end) != 0)
		return text_quote_error(why, "date_end", s, len,
		    " is not a date (2023-10-07 or 2023-10-07 00:00:00.000)");
	if (end < start)
		return text_quote_error(why, "date_end", s, len, " is before date_start");
	s = get(f, U_DPREC, &len);
	if (len > 0 && (parse_count(ld, s, len, 5, &v) != 0 || v < 1))
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
	if (location(ld, f, U_LAT, U_LON, &lat, &lon, why) != 0)
		return -1;
	s = get(f, U_WPREC, &len);
	/* 4 and up: a first-level region, a larger area, the country, or water or air */
	unlocated = parse_count(ld, s, len, 7, &wp) == 0 && wp >= 4;
	s = get(f, U_WHERE, &len);
	t = get(f, U_ADM1, &tlen);
	place_ahead(ld, s, len, t, tlen, lat, lon, unlocated, &rp);
	s = get(f, U_BEST, &len);
	if (count_field(ld, "best", s, len, &best, why) != 0)
		return -1;
	s = get(f, U_LOW, &len);
	if (count_field(ld, "low", s, len, &low, why) != 0)
		return -1;
	s = get(f, U_HIGH, &len);
	if (count_field(ld, "high", s, len, &high, why) != 0)
		return -1;
	s = get(f, U_ID, &len);
	if (event_for(ld, "id", s, len, &rid, f->line, 0, 0, &ev, why) != 0)
		return -1;
	if (ev == NULL)
		return 0;
	set_dates(ev, lo, hi, prec);
	ev->fatalities = best;
	s = get(f, U_TYPE, &len);
	if (parse_count(ld, s, len, 3, &v) == 0 && v >= 1)
		ev->type = timeline_type(ld->tl, violence[v - 1], strlen(violence[v - 1]));
	else
		set_type(ld, ev, s, len);
	ev->actors = actors(ld, f, U_SIDE_A, -1, U_SIDE_B, -1);
	s = get(f, U_DYAD, &len);
	t = get(f, U_CONFLICT, &tlen);
	sb_reset(ld);
	sb_add(ld, s, len);
	if (tlen > 0 && (tlen != len || memcmp(s, t, len) != 0)) {
		sb_add(ld, len > 0 ? " (" : "", len > 0 ? 2 : 0);
		sb_add(ld, t, tlen);
		sb_add(ld, len > 0 ? ")" : "", len > 0);
	}
	ev->summary = sb_shared(ld);
	s = get(f, U_SOURCE, &len);
	ev->sources = timeline_text(ld->tl, s, len);

	sb_reset(ld);
	s = get(f, U_WPREC, &len);
	precision_note(ld, "where precision ", s, len, where, 7);
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
	s = get(f, U_WHERE_DESC, &len);
	if (len > 0) {
		sb_sep(ld, "; ");
		sb_add(ld, s, len);
	}
	ev->note = sb_shared(ld);
	attr_join(ld, ev, UA_ADMIN, f, " / ", U_ADM1, U_ADM2, -1);
	t = get(f, U_ADM1, &tlen);
	ev->place = place_at(ld, &rp, t, tlen, f, U_COUNTRY, U_REGION);
	return 0;
}

/* The first of columns first..last the record has (the header's order of names aside). */
static int
agg_col(const struct fields *f, int first, int last)
{
	int c;

	for (c = first; c <= last; c++)
		if ((f->present >> c) & 1)
			return c;
	return -1;
}

/*
 * A count of an aggregate: a whole number, 0 or more, at most INT32_MAX.
 * what is the column's name as the header has it.
 */
static int
agg_number(const struct loader *ld, const char *what, const char *s, size_t len,
    long long *out, char **why)
{
	const char *t = s;
	size_t tlen = len, i;
	int r;

	if (len == 0) {
		xasprintf(why, "%s is missing", what);
		return -1;
	}
	if ((r = parse_count(ld, s, len, INT32_MAX, out)) == 0)
		return 0;
	util_trim(&t, &tlen);
	if (r == -2)
		return text_quote_error(why, what, s, len, " is not a whole number");
	if (tlen > 1 && t[0] == '-' && t[1] >= '0' && t[1] <= '9')
		return text_quote_error(why, what, s, len, " is negative");
	for (i = 0; i < tlen && t[i] >= '0' && t[i] <= '9'; i++)
		;
	if (i > 0 && (i == tlen || t[i] == '.'))
		return text_quote_error(why, what, s, len, " is too large (at most 2147483647)");
	return text_quote_error(why, what, s, len, " is not a count (a whole number, 0 or more)");
}

/* "1,234": a count with its thousands apart, whatever the locale. */
static void
group_digits(char *buf, size_t cap, long long v)
{
	char digits[24];
	size_t n = (size_t)snprintf(digits, sizeof digits, "%lld", v), i, o = 0;

	for (i = 0; i < n && o + 2 < cap; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = digits[i];
	}
	buf[o] = '\0';
}

/* A coordinate as short as it is exact to 4 decimals: 14.5, -3.25, 0. */
static void
short_degrees(char *buf, size_t cap, double v)
{
	size_t n = (size_t)snprintf(buf, cap, "%.4f", v);

	while (n > 0 && buf[n - 1] == '0')
		buf[--n] = '\0';
	if (n > 0 && buf[n - 1] == '.')
		buf[--n] = '\0';
	if (strcmp(buf, "-0") == 0)
		strcpy(buf, "0");
}

/*
 * A row of an aggregate: count events (and fatalities) at lat/lon on a
 * date. One event stands for them all (its weight is the count); its id is
 * where the row is, its place the label's (else the coordinates'), and its
 * summary the counts.
 */
static int
agg_row(struct loader *ld, const struct fields *f, char **why)
{
	char id[48], num[32], fnum[32], lat_s[32], lon_s[32], name[80];
	const char *s, *t;
	size_t len, tlen, k;
	struct event *ev;
	enum date_prec prec;
	day_t lo, hi;
	double lat, lon;
	long long count, fat = -1;
	struct row_id rid;
	struct row_place rp;
	int c[4], cf, cl;

	for (k = 0; k < 4; k++)
		if ((c[k] = agg_col(f, agg_value[k].first, agg_value[k].last)) < 0)
			return xasprintf(why, "%s is missing",
			    agg_cols[agg_value[k].first].name), -1;
	if (location(ld, f, c[0], c[1], &lat, &lon, why) != 0)
		return -1;
	s = get(f, c[2], &len);
	t = s;
	tlen = len;
	util_trim(&t, &tlen);
	if (date_parse(t, tlen, &lo, &hi, &prec) != 0) {
		if (parse_day(s, len, &lo) != 0)
			return text_quote_error(why, agg_cols[c[2]].name, s, len, " is not a date "
			    "(2023-10-07, 2023-10 for a month, or 2023-10-01..2023-10-07)");
		hi = lo;
		prec = DATE_DAY;
	}
	s = get(f, c[3], &len);
	if (agg_number(ld, agg_cols[c[3]].name, s, len, &count, why) != 0)
		return -1;
	if ((cf = agg_col(f, G_FATAL, G_SUMFATAL)) >= 0 && (s = get(f, cf, &len), len > 0) &&
	    agg_number(ld, agg_cols[cf].name, s, len, &fat, why) != 0)
		return -1;
	if (f->col > 0)
		snprintf(id, sizeof id, "L%zu:%lu", f->line, f->col);
	else
		snprintf(id, sizeof id, "L%zu", f->line);
	id_ahead(ld, id, strlen(id), &rid);
	if (event_for(ld, "id", id, strlen(id), &rid, f->line, 0, 0, &ev, why) != 0)
		return -1;
	set_dates(ev, lo, hi, prec);
	ev->fatalities = (int32_t)fat;
	timeline_set_weight(ld->tl, ev, (uint32_t)count);
	group_digits(num, sizeof num, count);
	sb_reset(ld);
	sb_add(ld, num, strlen(num));
	sb_add(ld, count == 1 ? " event" : " events", count == 1 ? 6 : 7);
	if (fat >= 0) {
		group_digits(fnum, sizeof fnum, fat);
		sb_add(ld, ", ", 2);
		sb_add(ld, fnum, strlen(fnum));
		sb_add(ld, fat == 1 ? " fatality" : " fatalities", fat == 1 ? 9 : 11);
	}
	ev->summary = sb_shared(ld);
	s = "";
	len = 0;
	if ((cl = agg_col(f, G_LABEL, G_LOCATION)) >= 0)
		s = get(f, cl, &len);
	util_trim(&s, &len);
	if (len == 0) {
		short_degrees(lat_s, sizeof lat_s, lat);
		short_degrees(lon_s, sizeof lon_s, lon);
		snprintf(name, sizeof name, "%s, %s", lat_s, lon_s);
		s = name;
		len = strlen(name);
	}
	place_ahead(ld, s, len, "", 0, lat, lon, 0, &rp);
	ev->place = place_at(ld, &rp, "", 0, f, G_COUNTRY, G_REGION);
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
		}
	}
	pl->n = j;
	for (i = 0; i < ld->tl->nevents; i++)
		ld->tl->events[i].place = map[ld->tl->events[i].place];
	free(map);
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

static int agg_names(const struct csv_row *, char **);

static int
agg_detect(const struct csv_row *h)
{
	char *why = NULL;
	int r = agg_names(h, &why) == 0;

	free(why);
	return r;
}

/* An aggregate's header names every value it needs, under one of its names. */
static int
agg_names(const struct csv_row *h, char **why)
{
	size_t k;
	int c;

	for (k = 0; k < sizeof agg_value / sizeof agg_value[0]; k++) {
		for (c = agg_value[k].first; c <= agg_value[k].last; c++)
			if (csv_column(h, agg_cols[c].name) >= 0)
				break;
		if (c > agg_value[k].last)
			return xasprintf(why, "missing column \"%s\"%s",
			    agg_cols[agg_value[k].first].name, strchr(agg_value[k].what, '(') - 1),
			    -1;
	}
	return 0;
}

static int
sitmap_detect(const struct csv_row *h)
{
	return csv_column(h, "effects") >= 0 || csv_column(h, "precision") >= 0;
}

_Static_assert(A_COUNT <= MAX_FIELDS && U_COUNT <= MAX_FIELDS && G_COUNTS <= MAX_FIELDS,
    "MAX_FIELDS");
_Static_assert(AA_COUNT <= MAX_ATTRS && UA_COUNT <= MAX_ATTRS, "MAX_ATTRS");

/* Detection tries them in this order; a message lists what each expects in it. */
static const struct format formats[] = {
	{ IMPORT_SITMAP, "sitmap", "sitmap",
	    "sitmap's columns (id, date, precision, place, kind, summary, ...)",
	    sitmap_detect, NULL, NULL, 0, NULL, 0, NULL, NULL },
	{ IMPORT_ACLED, "acled", "ACLED",
	    "an ACLED export (event_id_cnty, event_date, latitude, longitude, ...)",
	    acled_detect, "data", acled_cols, A_COUNT, acled_attrs, AA_COUNT, acled_row,
	    NULL },
	{ IMPORT_UCDP, "ucdp", "UCDP GED",
	    "a UCDP GED export (id, date_start, latitude, longitude, where_prec, best, ...)",
	    ucdp_detect, "Result", ucdp_cols, U_COUNT, ucdp_attrs, UA_COUNT, ucdp_row,
	    NULL },
	{ IMPORT_AGGREGATE, "aggregate", "aggregate",
	    "an aggregate (lat, lon, date, count, ...)",
	    agg_detect, NULL, agg_cols, G_COUNTS, NULL, 0, agg_row, agg_names },
};
#define NFORMATS	(sizeof formats / sizeof formats[0])

/* The members of an API answer that hold records: every format's, into keys[NFORMATS + 1]. */
static const char *const *
json_keys(const char **keys)
{
	size_t i, n = 0;

	for (i = 0; i < NFORMATS; i++)
		if (formats[i].json_key != NULL)
			keys[n++] = formats[i].json_key;
	keys[n] = NULL;
	return keys;
}

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

/* The format whose names these are, or -1. */
static int
detect_names(const struct csv_row *names)
{
	size_t i;

	for (i = 0; i < NFORMATS; i++)
		if (formats[i].detect(names))
			return (int)formats[i].id;
	return -1;
}

/*
 * "NAME: not an events file: expected ...; the first line has: a, b, c": what
 * was expected, from formats[], and what came, cut short.
 */
static int
not_events(const char *name, const struct csv_row *names, const char *what, char **cause)
{
	char *e = NULL, *t, *has, *clean;
	size_t i, used = 0, cap = 200;

	for (i = 0; i < NFORMATS; i++) {
		xasprintf(&t, "%s%s%s", e ? e : "", i == 0 ? "" : i + 1 == NFORMATS ? " or " :
		    ", ", formats[i].expect);
		free(e);
		e = t;
	}
	has = xcalloc(cap + 8, 1);
	for (i = 0; names != NULL && i < names->n && used < cap; i++) {
		clean = text_sanitize(names->f[i], names->len[i] > 64 ? 64 : names->len[i], 192);
		used += (size_t)snprintf(has + used, cap + 1 - used, "%s%s", i ? ", " : "", clean);
		free(clean);
	}
	if (used > cap || (names != NULL && i < names->n))
		strcpy(has + (used > cap ? cap : used), "...");
	if (names == NULL || names->n == 0)
		xasprintf(cause, "%s: not an events file: expected %s; %s", name, e, what);
	else
		xasprintf(cause, "%s: not an events file: expected %s; %s: %s", name, e, what, has);
	free(e);
	free(has);
	return -1;
}

/* The first record's keys, for detection. */
struct first {
	struct arena	 a;
	struct csv_row	 names;
	const char	*f[JSON_MAX_MEMBERS];
	size_t		 len[JSON_MAX_MEMBERS];
	int		 got;
};

static int
first_record(void *ctx, const struct json_row *r)
{
	struct first *fr = ctx;
	size_t i;

	for (i = 0; i < r->n; i++) {
		char *k = arena_alloc(&fr->a, r->klen[i] + 1);

		memcpy(k, r->key[i], r->klen[i] + 1);
		fr->f[i] = k;
		fr->len[i] = r->klen[i];
	}
	fr->names.line = r->line;
	fr->names.n = r->n;
	fr->names.f = fr->f;
	fr->names.len = fr->len;
	fr->got = 1;
	return 0;
}

/* A JSON input's format: its first record's keys, else the member holding the records. */
static int
sniff_json(const char *name, const char *buf, size_t len, int final, int fmt,
    struct import_kind *kind, char **cause)
{
	struct first *fr = xcalloc(1, sizeof *fr);
	const char *keys[NFORMATS + 1];
	struct json_rows *r = json_rows_new(name, json_keys(keys), JSON_ANY_BYTES, first_record,
	    fr);
	char *clean;
	int st, f;

	kind->encoding = IMPORT_JSON;
	kind->delim = ',';
	st = json_rows_feed(r, buf, len, cause);
	if (st == 0 && final)
		st = json_rows_end(r, cause);
	if (st < 0 || (st == 0 && !final && !fr->got)) {
		st = st < 0 ? -1 : 1;
		goto out;
	}
	st = 0;
	if (fmt >= 0)
		f = fmt;
	else if ((f = fr->got ? detect_names(&fr->names) : -1) < 0) {
		clean = text_sanitize(name, strlen(name), 4096);
		st = not_events(clean, fr->got ? &fr->names : NULL, fr->got ?
		    "the first record has" : json_rows_found(r) ? "the JSON has no records" :
		    "the JSON has no array of records (\"data\", \"Result\")", cause);
		free(clean);
		goto out;
	}
	if (f == IMPORT_SITMAP) {
		clean = text_sanitize(name, strlen(name), 4096);
		xasprintf(cause, "%s: sitmap's events file is CSV, not JSON", clean);
		free(clean);
		st = -1;
	}
	kind->format = f;
out:
	json_rows_free(r);
	arena_free(&fr->a);
	free(fr);
	return st;
}

/* A CSV's header under delim, and its format (-1: none), in *fmt. */
static int
header_format(const char *buf, size_t len, char delim, struct csv **csvp,
    struct csv_row *h, char **err)
{
	struct csv *csv = csv_new(buf, len);
	int r;

	csv_set_delim(csv, delim);
	*csvp = csv;
	if ((r = csv_next(csv, h, err)) != 1)
		return r < 0 ? -2 : -3;
	return detect_names(h);
}

int
import_sniff(const char *name, const char *buf, size_t len, int final, int fmt,
    struct import_kind *kind, char **cause)
{
	static const char delims[] = { ',', ';', '\t', '|' };
	const char *p = buf, *end = buf + len;
	struct csv *csv = NULL;
	struct csv_row h;
	char *err = NULL, *clean, sniffed;
	int quoted = 0, f, r;
	size_t i;

	kind->rooms = NULL;
	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
		p++;
	if (p == end && !final)
		return 1;
	if (p == end && fmt < 0) {
		clean = text_sanitize(name, strlen(name), 4096);
		xasprintf(cause, "%s: empty file, expected a header line", clean);
		free(clean);
		return -1;
	}
	if (p < end && (*p == '{' || *p == '['))
		return sniff_json(name, buf, len, final, fmt, kind, cause);
	/* CSV: the header line whole, quotes and all */
	for (; p < end; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (!quoted && (*p == '\n' || *p == '\r'))
			break;
	}
	if (p == end && !final)
		return 1;
	clean = text_sanitize(name, strlen(name), 4096);
	kind->encoding = IMPORT_CSV;
	kind->delim = sniffed = csv_sniff(buf, len);
	f = header_format(buf, len, sniffed, &csv, &h, &err);
	for (i = 0; f == -1 && fmt < 0 && i < sizeof delims; i++) {
		struct csv *c2 = NULL;
		struct csv_row h2;

		if (delims[i] == sniffed)
			continue;
		if ((r = header_format(buf, len, delims[i], &c2, &h2, &err)) >= 0) {
			csv_free(csv);
			csv = c2;
			h = h2;
			f = r;
			kind->delim = delims[i];
		} else {
			csv_free(c2);
		}
		free(err);
		err = NULL;
	}
	if (f == -2 && fmt < 0) {
		csv_cause(cause, clean, err);
		r = -1;
	} else if (f == -3 && fmt < 0) {
		xasprintf(cause, "%s: empty file, expected a header line", clean);
		r = -1;
	} else if (f == -1 && fmt < 0) {
		r = not_events(clean, &h, "the first line has", cause);
	} else {
		kind->format = fmt >= 0 ? fmt : f;
		r = 0;
	}
	free(err);
	free(clean);
	csv_free(csv);
	return r;
}

int
import_peek(struct instream *s, int fmt, struct import_kind *kind, char **cause)
{
	const char *p;
	size_t n = PEEK_FIRST, len;
	int r;

	for (;;) {
		if (instream_peek(s, n, &p, &len, cause) != 0)
			return -1;
		r = import_sniff(instream_name(s), p, len, len < n || n == INSTREAM_PEEK_MAX, fmt,
		    kind, cause);
		if (r != 1)
			return r;
		n = n > INSTREAM_PEEK_MAX / 4 ? INSTREAM_PEEK_MAX : n * 4;
	}
}

int
import_detect(const char *buf, size_t len)
{
	struct import_kind k;
	char *cause = NULL;
	int r = import_sniff("", buf, len, 1, -1, &k, &cause);

	free(cause);
	return r == 0 ? k.format : -1;
}

static void
loader_free(struct loader *ld)
{
	strmap_free(ld->locs);
	idmap_free(ld->ids);
	strmap_free(ld->keys_map);
	arena_free(&ld->keys);
	per_event_free(ld);
	free(ld->sb);
	free(ld->name);
	free(ld->cause);
}

/* An event's id, for the loader's map of ids (which holds indices, not strings). */
static const char *
event_id(const void *tl, uint32_t i)
{
	const struct timeline *t = tl;

	return i < t->nevents ? t->events[i].id : NULL;
}

/* A loader with nothing loaded yet; name is the input's (sanitised). */
static void
loader_init(struct loader *ld, const struct format *f, const char *name,
    const struct arena_rooms *rooms)
{
	size_t i;

	memset(ld, 0, sizeof *ld);
	ld->fmt = f;
	ld->name = xstrdup(name);
	ld->pl = xcalloc(1, sizeof *ld->pl);
	ld->pl->pooled = 1;
	ld->pl->pool.rooms = rooms;
	ld->tl = timeline_new(ld->pl);
	ld->rooms = rooms;
	timeline_text_rooms(ld->tl, rooms);
	ld->locs = strmap_new();
	ld->ids = idmap_new(event_id, ld->tl);
	idmap_rooms(ld->ids, rooms);
	ld->status = xcalloc(1, 1);
	for (i = 0; i < f->nattrs; i++)
		ld->attr[i] = timeline_attr_add(ld->tl, f->attrs[i].key, f->attrs[i].label);
}

/* loader_free(), and what it has loaded (timeline_free() before places_free()). */
static void
loader_drop(struct loader *ld)
{
	timeline_free(ld->tl);
	places_free(ld->pl);
	loader_free(ld);
	memset(ld, 0, sizeof *ld);
}

/* One record, as named fields: parsed, or *cause "NAME:LINE[:COL]: why". */
static int
record(struct loader *ld, const struct fields *f, char **cause)
{
	char *why = NULL;

	if (ld->fmt->row(ld, f, &why) == 0)
		return 0;
	if (f->col > 0)
		xasprintf(cause, "%s:%zu:%lu: %s", ld->name, f->line, f->col, why);
	else
		xasprintf(cause, "%s:%zu: %s", ld->name, f->line, why);
	free(why);
	return -1;
}

/* The format's own check of the header (or the first record's keys): "NAME:LINE: why". */
static int
header_names(const struct loader *ld, const struct csv_row *names, char **cause)
{
	char *why = NULL;

	if (ld->fmt->names == NULL || ld->fmt->names(names, &why) == 0)
		return 0;
	xasprintf(cause, "%s:%zu: %s", ld->name, names->line, why);
	free(why);
	return -1;
}

/* The header of a CSV: the format's columns found in it. */
static int
csv_head(struct loader *ld, const struct csv_row *row, char **cause)
{
	if (csv_header(row, ld->fmt->cols, ld->fmt->ncols, ld->col, ld->name, cause) != 0 ||
	    header_names(ld, row, cause) != 0)
		return -1;
	ld->ncols = row->n;
	return 0;
}

/* A record after the header: its fields through the header's map, then the row parser. */
static int
csv_record(struct loader *ld, const struct csv_row *row, char **cause)
{
	struct fields f;
	size_t c;

	if (csv_width(row, ld->ncols, 1, ld->name, cause) != 0)
		return -1;
	f.line = row->line;
	f.col = 0;
	f.present = 0;
	for (c = 0; c < ld->fmt->ncols; c++) {
		if (ld->col[c] < 0) {
			f.v[c] = "";
			f.len[c] = 0;
			continue;
		}
		f.present |= 1u << c;
		set_field(&f, (int)c, row->f[ld->col[c]], row->len[ld->col[c]]);
	}
	return record(ld, &f, cause);
}

/* The records of a CSV block: the header first. */
static int
csv_records(struct loader *ld, struct csv *csv, char **cause)
{
	struct csv_row row;
	char *err = NULL;
	int r;

	while ((r = csv_next(csv, &row, &err)) == 1) {
		if (ld->ncols == 0) {
			if (csv_head(ld, &row, cause) != 0)
				return -1;
			continue;
		}
		if (csv_record(ld, &row, cause) != 0)
			return -1;
	}
	if (r < 0) {
		csv_cause(cause, ld->name, err);
		free(err);
		return -1;
	}
	return 0;
}

static int
load_csv(struct loader *ld, struct instream *s, char delim, char **cause)
{
	size_t cap = READ_BLOCK, have = 0, used;
	char *buf = xmalloc(cap);
	struct csv *csv = csv_new(buf, 0);
	ssize_t got;
	int eof = 0, r = -1;

	csv_set_delim(csv, delim);
	ld->decimal_comma = delim != ',';
	for (;;) {
		while (!eof && have < cap) {
			if ((got = instream_read(s, buf + have, cap - have, cause)) < 0)
				goto out;
			eof = got == 0;
			have += (size_t)got;
		}
		csv_feed(csv, buf, have, eof);
		if (csv_records(ld, csv, cause) != 0)
			goto out;
		if (eof)
			break;
		/* the record the block cut, to the front; a block it mostly fills doubles */
		used = csv_consumed(csv);
		memmove(buf, buf + used, have - used);
		have -= used;
		if (have > cap / 2) {
			cap *= 2;
			buf = xreallocarray(buf, cap, 1);
		}
	}
	if (ld->ncols == 0)
		csv_header(NULL, ld->fmt->cols, ld->fmt->ncols, ld->col, ld->name, cause);
	else
		r = 0;
out:
	csv_free(csv);
	free(buf);
	return r;
}

/*
 * A large file in parallel blocks. A plain regular file the stream maps, of
 * PARSE_MIN_BYTES or more, is cut after its header into one block per core
 * (at most PARSE_MAX_BLOCKS), each parsed by a loader of its own in a
 * thread, with the same row parsers; the blocks are then merged in file
 * order into the first. The one pass (load_csv()) is the reference: what
 * the blocks give is what it gives, place for place and event for event.
 *
 * A block starts at a boundary: the first line end outside quotes at or
 * after its share's offset, found from the parity of the quotes before it
 * (a "" inside quotes toggles twice), and its line number is counted with
 * them, line ends as csv.c counts them. A block parses until a record
 * starts at or past the next block's boundary, so the one before a block
 * proves its boundary: it ends exactly there, on the same line. A quote
 * inside an unquoted field, which breaks the parity, fails that proof.
 *
 * The merge, block after block: places through the first block's map of
 * locations (one lookup per distinct place), types and attribute values by
 * name, rows and their seq after the first's, the strings' arenas taken
 * whole. A block is merged as it was parsed only when the one pass would
 * have built the same: its boundary proven, no error, and none of its ids
 * an earlier block's (a duplicate's rule, a newer timestamp replaces an
 * older row and no timestamp is an error, depends on every row before it).
 * Otherwise the first loader, which by then holds everything before the
 * block, parses the block again itself, as the one pass would. Any error
 * ends the blocks, and the one pass reads the file again to report it: its
 * message, and its line, are the one pass's own.
 */
#define PARSE_MIN_BYTES		((size_t)32 << 20)
#define PARSE_MAX_BLOCKS	8
#define UNNEED_STEP		((size_t)32 << 20)	/* read bytes kept mapped, at most */
#define PROGRESS_STEP		((size_t)4 << 20)	/* the stream's progress, told this often */
#define EXPECT_AFTER		((size_t)16384)	/* events parsed before judging how many will come */

/* import_last_blocks()'s */
static _Thread_local size_t last_blocks, last_merged;

struct par;

struct block {
	struct par	*par;
	size_t		 k;
	struct loader	 ld;		/* block 0's is the caller's */
	struct csv	*csv;
	size_t		 base;		/* where csv's input starts in the file */
	size_t		 from;		/* its share's offset */
	size_t		 start, line;	/* its first record's offset and line (once ready) */
	size_t		 stop, stop_line;	/* where it stopped reading, and that line */
	int		 ready;		/* start and line are known (under par->mu) */
	int		 done;		/* parsed (under par->mu) */
	int		 failed;	/* an error, or not parsed: the merge does it again */
	uint32_t	 overlaps;	/* bit k: its slice of block k has an id an earlier
					   block has (see block_main()) */
	int		 threaded;
	pthread_t	 th;
};

struct par {
	struct instream	*s;		/* its progress is the blocks' */
	const char	*map;
	size_t		 len;
	size_t		 data, data_line;	/* the first record after the header, its line */
	char		 delim;
	int		 partial;	/* a block had no thread: the checks are the merge's */
	size_t		 n;
	struct block	*b;
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;
};

/*
 * How many blocks: SITMAP_PARSE_THREADS when it is a number from 1 (for
 * tests and measures: any file, small ones too; more than 8 is 8), else one
 * per online core, at most 8, for a file of PARSE_MIN_BYTES or more.
 */
static size_t
parse_blocks(size_t len)
{
	const char *e = getenv("SITMAP_PARSE_THREADS");
	char *end;
	long n;

	if (e != NULL && (n = strtol(e, &end, 10)) >= 1 && end != e && *end == '\0')
		return n > PARSE_MAX_BLOCKS ? PARSE_MAX_BLOCKS : (size_t)n;
	if (len < PARSE_MIN_BYTES)
		return 1;
	n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > PARSE_MAX_BLOCKS ? PARSE_MAX_BLOCKS : (size_t)n;
}

/*
 * Where block k's share starts, len bytes cut in n: before its records,
 * block k counts the quotes of every byte before its share, at about
 * COUNT_SPEED times the speed it parses, so that later blocks get a little
 * less to parse and all end together. With r the ratio of the speeds, the
 * offsets a(k + 1) = a(k) (1 - r) + t give every block the time t.
 */
#define COUNT_SPEED	16
static size_t
share(size_t len, size_t k, size_t n)
{
	double r = 1.0 / COUNT_SPEED, q = 1 - r, t = (double)len * r / (1 - pow(q, (double)n));
	size_t a = (size_t)(t * (1 - pow(q, (double)k)) / r);

	return a < len ? a : len - 1;
}

/*
 * The quotes and the line ends (LF, CRLF or a CR alone: a CRLF whose LF is
 * past to counts at its LF) in p[from..to), to < len.
 */
static void
count_quotes_lines(const char *p, size_t from, size_t to, size_t *quotes, size_t *lines)
{
	size_t i = from, q = 0, lf = 0, cr = 0, crlf = 0;

#ifdef __SSE2__
	const __m128i dq = _mm_set1_epi8('"'), nl = _mm_set1_epi8('\n');
	const __m128i rt = _mm_set1_epi8('\r'), zero = _mm_setzero_si128();

	/* byte counters that cannot overflow in 255 rounds, then summed */
	while (i + 17 <= to + 1 && to - i >= 16) {
		__m128i aq = zero, an = zero, ar = zero, ap = zero;
		size_t r;

		for (r = 0; r < 255 && i + 16 < to + 1 && to - i >= 16; r++, i += 16) {
			__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
			__m128i w = _mm_loadu_si128((const __m128i *)(const void *)(p + i + 1));
			__m128i c = _mm_cmpeq_epi8(v, rt);

			aq = _mm_sub_epi8(aq, _mm_cmpeq_epi8(v, dq));
			an = _mm_sub_epi8(an, _mm_cmpeq_epi8(v, nl));
			ar = _mm_sub_epi8(ar, c);
			ap = _mm_sub_epi8(ap, _mm_and_si128(c, _mm_cmpeq_epi8(w, nl)));
		}
		aq = _mm_sad_epu8(aq, zero);
		an = _mm_sad_epu8(an, zero);
		ar = _mm_sad_epu8(ar, zero);
		ap = _mm_sad_epu8(ap, zero);
		q += (size_t)_mm_cvtsi128_si32(aq) + (size_t)_mm_extract_epi16(aq, 4);
		lf += (size_t)_mm_cvtsi128_si32(an) + (size_t)_mm_extract_epi16(an, 4);
		cr += (size_t)_mm_cvtsi128_si32(ar) + (size_t)_mm_extract_epi16(ar, 4);
		crlf += (size_t)_mm_cvtsi128_si32(ap) + (size_t)_mm_extract_epi16(ap, 4);
	}
#endif
	for (; i < to; i++) {
		q += p[i] == '"';
		lf += p[i] == '\n';
		cr += p[i] == '\r';
		crlf += p[i] == '\r' && p[i + 1] == '\n';
	}
	*quotes = q;
	*lines = lf + cr - crlf;
}

/*
 * The pages of the map within [lo, hi), which are read no more, out of the
 * process (they stay in the page cache, and come back if read again): a
 * mapped file is not held whole.
 */
static void
unneed(const char *map, size_t lo, size_t hi)
{
	size_t pg = (size_t)sysconf(_SC_PAGESIZE);

	lo = (lo + pg - 1) / pg * pg;
	hi = hi / pg * pg;
	if (hi > lo)
		(void)madvise((void *)(uintptr_t)(map + lo), hi - lo, MADV_DONTNEED);
}

/*
 * The map's pages within [lo, hi) made present at once, before they are
 * read: one call instead of a fault every few pages (on a virtual machine
 * each fault is a trap to the hypervisor). Where the kernel cannot, they
 * fault as they are read.
 */
static void
populate(const char *map, size_t lo, size_t hi)
{
#ifdef MADV_POPULATE_READ
	size_t pg = (size_t)sysconf(_SC_PAGESIZE);

	lo = lo / pg * pg;
	if (hi > lo)
		(void)madvise((void *)(uintptr_t)(map + lo), hi - lo, MADV_POPULATE_READ);
#else
	(void)map;
	(void)lo;
	(void)hi;
#endif
}

/* A block's boundary and line, published for the block before it. */
static void
block_find(struct block *b)
{
	struct par *par = b->par;
	const char *p = par->map;
	size_t i, q = 0, lines = 0, end = par->len, n, nq, nl;

	for (i = par->data; i < b->from; i += n) {
		n = b->from - i < UNNEED_STEP ? b->from - i : UNNEED_STEP;
		populate(p, i, i + n);
		count_quotes_lines(p, i, i + n, &nq, &nl);
		q += nq;
		lines += nl;
		unneed(p, i, i + n);
	}
	for (i = b->from; i < end; i++) {
		if (p[i] == '"') {
			q++;
		} else if (p[i] == '\n') {
			lines++;
			if (q % 2 == 0)
				break;
		} else if (p[i] == '\r' && (i + 1 == end || p[i + 1] != '\n')) {
			lines++;
		}
	}
	pthread_mutex_lock(&par->mu);
	b->start = i < end ? i + 1 : end;
	b->line = par->data_line + lines;
	b->ready = 1;
	pthread_cond_broadcast(&par->cv);
	pthread_mutex_unlock(&par->mu);
}

/* Where block k starts, once it is known. */
static size_t
block_start(struct par *par, size_t k)
{
	size_t start;

	if (k == par->n)
		return par->len;
	pthread_mutex_lock(&par->mu);
	while (!par->b[k].ready)
		pthread_cond_wait(&par->cv, &par->mu);
	start = par->b[k].start;
	pthread_mutex_unlock(&par->mu);
	return start;
}

/*
 * Room for the events that bytes [0, span) of a block will make, judged
 * from the first done bytes: block 0's take in every later block's at the
 * merge, and a room grown by doubling is copied at each growth. Not the
 * per-row state (9 bytes a row): reserved on the heap ahead, it stayed
 * there, 14 bytes an event more at 100k rows.
 */
static void
expect_events(struct loader *ld, size_t done, size_t span)
{
	size_t want;

	if (done == 0 || span <= done)
		return;
	want = (size_t)((double)ld->tl->nevents * ((double)span / (double)done) * 1.04) + 1024;
	timeline_reserve(ld->tl, want);
}

/*
 * Records from csv, whose input starts at base in the file, until one
 * starts at or past end (a lower bound of it when k names the block whose
 * start it is: that is waited for once reached). 0 with *pos and *line
 * where reading stopped, or -1 on an error.
 */
static int
parse_until(struct loader *ld, struct par *par, struct csv *csv, size_t base, size_t end,
    size_t k, size_t *pos, size_t *line, char **cause)
{
	struct csv_row row;
	char *err = NULL;
	size_t dropped = base, ahead = base, told = base, judge = EXPECT_AFTER;
	size_t span = (k <= 1 || k >= par->n ? par->len : end) - base;
	int r = 0, final = k >= par->n;

	for (;;) {
		*pos = base + csv_consumed(csv);
		*line = csv_line(csv);
		if (*pos - dropped >= UNNEED_STEP) {
			unneed(par->map, dropped, *pos);
			dropped = *pos;
		}
		if (*pos - told >= PROGRESS_STEP) {
			instream_map_read(par->s, *pos - told);
			told = *pos;
		}
		if (ahead < par->len && *pos + UNNEED_STEP / 2 > ahead) {
			populate(par->map, ahead, ahead + UNNEED_STEP < par->len ?
			    ahead + UNNEED_STEP : par->len);
			ahead = ahead + UNNEED_STEP < par->len ? ahead + UNNEED_STEP : par->len;
		}
		if (*pos >= end) {
			if (final)
				break;
			end = block_start(par, k);
			final = 1;
			continue;
		}
		if ((r = csv_next(csv, &row, &err)) == 0) {
			*pos = base + csv_consumed(csv);
			*line = csv_line(csv);
			break;
		}
		if (r < 0) {
			csv_cause(cause, ld->name, err);
			free(err);
			break;
		}
		if ((r = csv_record(ld, &row, cause) == 0 ? 1 : -1) < 0)
			break;
		if (ld->tl->nevents >= judge) {
			expect_events(ld, csv_consumed(csv), span);
			judge *= 2;
		}
	}
	if (*pos > told)
		instream_map_read(par->s, *pos - told);
	return r < 0 ? -1 : 0;
}

/* 1 if an event of ld in [from, to) has an id that ids has. */
static int
ids_overlap(const struct loader *ld, size_t from, size_t to, const struct idmap *ids)
{
	size_t i;

	for (i = from; i < to; i++) {
		const char *id = ld->tl->events[i].id;
		size_t len = strlen(id);

		if (idmap_get_hashed(ids, id, len, strmap_hash(id, len)) >= 0)
			return 1;
	}
	return 0;
}

/*
 * A block: its boundary (but block 0's), its records; then, once every
 * block is parsed, its share of the check of ids against earlier blocks':
 * a slice of every later block's events, so that the probes, a cache miss
 * each, are spread over the threads.
 */
static void *
block_main(void *arg)
{
	struct block *b = arg;
	struct par *par = b->par;
	char *cause = NULL;
	size_t j, k, m;
	int failed = 0;

	if (b->k > 0) {
		block_find(b);
		b->base = b->start;
		b->csv = csv_new(par->map + b->start, par->len - b->start);
		csv_set_delim(b->csv, par->delim);
		csv_resume(b->csv, b->line);
	}
	failed = parse_until(&b->ld, par, b->csv, b->base, b->k + 1 < par->n ?
	    par->b[b->k + 1].from : par->len, b->k + 1, &b->stop, &b->stop_line, &cause) != 0;
	free(cause);
	pthread_mutex_lock(&par->mu);
	b->failed |= failed;
	b->done = 1;
	pthread_cond_broadcast(&par->cv);
	for (j = 0; j < par->n; j++)
		while (!par->b[j].done)
			pthread_cond_wait(&par->cv, &par->mu);
	pthread_mutex_unlock(&par->mu);
	for (k = 1; k < par->n; k++) {
		const struct loader *ld = &par->b[k].ld;

		m = ld->tl != NULL ? ld->tl->nevents : 0;
		/* a block that failed is parsed again: its ids, and those after it, are checked then */
		for (j = 0; j < k && !par->b[k].failed; j++)
			if (par->b[j].failed || ids_overlap(ld, m * b->k / par->n,
			    m * (b->k + 1) / par->n, par->b[j].ld.ids))
				break;
		if (j < k)
			b->overlaps |= (uint32_t)1 << k;
	}
	return NULL;
}

/* Block c's places, events and what they had, into ld after ld's own (see above). */
static void
absorb(struct loader *ld, struct loader *c)
{
	size_t *map = xcalloc(c->pl->n + 1, sizeof *map), n0 = ld->tl->nevents, n, i;
	char key[NAME_MAX_BYTES + 64], *k;
	long j;
	int len;

	for (i = 0; i < c->pl->n; i++) {
		struct place *p = &c->pl->v[i];

		len = place_key(key, p->name, p->lat_deg, p->lon_deg, p->unlocated);
		if ((j = strmap_get(ld->locs, key, (size_t)len)) >= 0) {
			map[i] = (size_t)j;	/* the first row there came earlier: its place stays */
			continue;
		}
		k = arena_alloc(&ld->keys, (size_t)len + 1);
		memcpy(k, key, (size_t)len + 1);
		strmap_put(ld->locs, k, (size_t)len, ld->pl->n);
		if (ld->pl->n == ld->pcap)
			place_room(ld, ld->pcap ? ld->pcap * 2 : 64);
		ld->pl->v[ld->pl->n] = *p;
		map[i] = ld->pl->n++;
	}
	c->pl->n = 0;
	arena_take(&ld->pl->pool, &c->pl->pool);
	n = c->tl->nevents;
	timeline_append(ld->tl, c->tl, map);
	c->tl = NULL;
	if (n0 + n > ld->scap)
		per_event(ld, n0 + n);
	if (n > 0) {
		memcpy(ld->seen + n0, c->seen, n * sizeof *c->seen);
		memcpy(ld->status + n0, c->status, n);
	}
	ld->replaced |= c->replaced;
	free(map);
}

/* ld's events from the first one not yet there, into its id map: before it parses again. */
static void
index_ids(struct loader *ld, size_t *indexed)
{
	size_t i;

	for (i = *indexed; i < ld->tl->nevents; i++) {
		const char *id = ld->tl->events[i].id;
		size_t len = strlen(id);

		(void)idmap_add_hashed(ld->ids, id, len, strmap_hash(id, len), (uint32_t)i);
	}
	*indexed = i;
}

/* The blocks, in file order, into block 0's loader: 0, or -1 on any error. */
static int
merge_blocks(struct par *par)
{
	struct loader *ld = &par->b[0].ld;
	size_t pos = par->b[0].stop, line = par->b[0].stop_line, k, j, end;
	size_t indexed = ld->tl->nevents;	/* ld's events whose ids ld->ids has */
	struct csv *csv;
	char *cause = NULL;
	/* exact: every block so far merged as parsed, each with its thread's share of the checks */
	int exact = !par->partial, r;

	if (par->b[0].failed)
		return -1;
	last_blocks = par->n;
	last_merged = 1;
	for (k = 1; k < par->n; k++) {
		struct block *b = &par->b[k];
		int overlap = 0;

		for (j = 0; j < par->n; j++)
			overlap |= (par->b[j].overlaps >> k) & 1;
		end = k + 1 < par->n ? par->b[k + 1].start : par->len;
		if (b->start == pos && b->line == line && !b->failed &&
		    b->ld.tl->ntypes < UINT16_MAX &&
		    (exact ? !overlap : !ids_overlap(&b->ld, 0, b->ld.tl->nevents, ld->ids))) {
			absorb(ld, &b->ld);
			last_merged++;
			if (!exact)
				index_ids(ld, &indexed);
			pos = b->stop;
			line = b->stop_line;
			continue;
		}
		/* the one pass's loader, where the one pass would be */
		exact = 0;
		index_ids(ld, &indexed);
		if (pos >= end)
			continue;
		csv = csv_new(par->map + pos, par->len - pos);
		csv_set_delim(csv, par->delim);
		csv_resume(csv, line);
		r = parse_until(ld, par, csv, pos, end, par->n, &pos, &line, &cause);
		csv_free(csv);
		free(cause);
		if (r != 0)
			return -1;
		index_ids(ld, &indexed);
	}
	return 0;
}

/*
 * ld's file in parallel blocks (see above): 0 when loaded; 1 when it is
 * for the one pass (not a mapped file, an error), ld as it came. One
 * block (a small file, one core) is the one pass read straight from the
 * map, without copying the file through the stream's buffer: its records
 * are the one pass's (a record the streaming reader would refuse for its
 * length is an error either way, and the one pass then says it).
 */
static int
load_blocks(struct loader *ld, struct instream *s, char delim)
{
	struct par par;
	struct csv_row row;
	struct block *b;
	char *err = NULL;
	size_t k, n;
	int r = 1;

	memset(&par, 0, sizeof par);
	if (instream_map(s, &par.map, &par.len) != 0)
		return 1;
	n = parse_blocks(par.len);
	par.s = s;
	par.delim = delim;
	b = xcalloc(n, sizeof *b);
	b[0].ld = *ld;
	b[0].csv = csv_new(par.map, par.len);
	csv_set_delim(b[0].csv, delim);
	b[0].ld.decimal_comma = delim != ',';
	/* a bad or missing header, or nothing after it: the one pass says so */
	if (csv_next(b[0].csv, &row, &err) != 1 || csv_head(&b[0].ld, &row, &err) != 0 ||
	    (par.data = csv_consumed(b[0].csv)) >= par.len) {
		free(err);
		csv_free(b[0].csv);
		free(b);
		return 1;
	}
	par.data_line = csv_line(b[0].csv);
	par.n = n;
	par.b = b;
	pthread_mutex_init(&par.mu, NULL);
	pthread_cond_init(&par.cv, NULL);
	for (k = 0; k < n; k++) {
		b[k].par = &par;
		b[k].k = k;
		b[k].from = par.data + share(par.len - par.data, k, n);
		if (k == 0)
			continue;
		loader_init(&b[k].ld, ld->fmt, ld->name, ld->rooms);
		b[k].ld.ncols = b[0].ld.ncols;
		memcpy(b[k].ld.col, b[0].ld.col, sizeof b[k].ld.col);
		b[k].ld.decimal_comma = b[0].ld.decimal_comma;
	}
	for (k = 1; k < n; k++)
		if (!(b[k].threaded = pthread_create(&b[k].th, NULL, block_main, &b[k]) == 0))
			break;
	/* a block without a thread is found here and parsed again by the merge */
	par.partial = k < n;
	for (; k < n; k++) {
		block_find(&b[k]);
		pthread_mutex_lock(&par.mu);
		b[k].failed = b[k].done = 1;
		pthread_mutex_unlock(&par.mu);
	}
	block_main(&b[0]);
	for (k = 1; k < n; k++)
		if (b[k].threaded)
			pthread_join(b[k].th, NULL);
	/* the checks across blocks are done: only the first block's ids are asked again */
	for (k = 1; k < n; k++) {
		idmap_free(b[k].ld.ids);
		b[k].ld.ids = NULL;
	}
	if (merge_blocks(&par) == 0) {
		*ld = b[0].ld;
		r = 0;
	} else {
		/* the one pass again, from the start: its message is the one to give */
		char *name = xstrdup(ld->name);

		loader_drop(&b[0].ld);
		loader_init(ld, ld->fmt, name, ld->rooms);
		free(name);
		last_blocks = 1;
		last_merged = 0;
	}
	for (k = 0; k < n; k++) {
		csv_free(b[k].csv);
		if (k > 0)
			loader_drop(&b[k].ld);
	}
	pthread_mutex_destroy(&par.mu);
	pthread_cond_destroy(&par.cv);
	free(b);
	return r;
}

/* A JSON record: its keys mapped to the format's columns, then the row parser. */
static int
json_record(void *ctx, const struct json_row *r)
{
	struct loader *ld = ctx;
	struct fields f;
	char low[64];
	size_t i, k;
	long c;

	if (ld->json_first) {
		struct csv_row names = { r->line, r->n, r->key, (size_t *)r->klen };
		int col[MAX_FIELDS];

		ld->json_first = 0;
		if (csv_header(&names, ld->fmt->cols, ld->fmt->ncols, col, ld->name,
		    &ld->cause) != 0 || header_names(ld, &names, &ld->cause) != 0)
			return 0;
	}
	f.line = r->line;
	f.col = r->col;
	f.present = 0;
	for (c = 0; c < (long)ld->fmt->ncols; c++) {
		f.v[c] = "";
		f.len[c] = 0;
	}
	for (i = 0; i < r->n; i++) {
		const char *key = r->key[i];
		size_t klen = r->klen[i];

		util_trim(&key, &klen);
		if (klen >= sizeof low)
			continue;
		for (k = 0; k < klen; k++)
			low[k] = key[k] >= 'A' && key[k] <= 'Z' ? (char)(key[k] - 'A' + 'a') : key[k];
		if ((c = strmap_get(ld->keys_map, low, klen)) < 0)
			continue;
		if (r->type[i] == JSON_NESTED) {
			xasprintf(&ld->cause, "%s:%lu:%lu: %s is an array or object, not a value",
			    ld->name, r->line, r->col, ld->fmt->cols[c].name);
			return 0;
		}
		f.present |= 1u << c;
		set_field(&f, (int)c, r->val[i], r->vlen[i]);
	}
	return record(ld, &f, &ld->cause) == 0;
}

static int
load_json(struct loader *ld, struct instream *s, char **cause)
{
	const char *keys[NFORMATS + 1];
	struct json_rows *r;
	char *buf = xmalloc(JSON_CHUNK), *err = NULL;
	ssize_t got;
	size_t c;
	int st = 0;

	ld->keys_map = strmap_new();
	for (c = 0; c < ld->fmt->ncols; c++)
		strmap_put(ld->keys_map, ld->fmt->cols[c].name, strlen(ld->fmt->cols[c].name), c);
	ld->json_first = 1;
	/* the records may be under any format's member: the keys said what they are */
	r = json_rows_new(ld->name, json_keys(keys), JSON_ANY_BYTES, json_record, ld);
	while (st == 0) {
		if ((got = instream_read(s, buf, JSON_CHUNK, cause)) < 0)
			goto fail;
		st = got > 0 ? json_rows_feed(r, buf, (size_t)got, &err) :
		    json_rows_end(r, &err);
		if (got == 0 && st == 0)
			break;
	}
	if (ld->cause != NULL) {
		*cause = ld->cause;
		ld->cause = NULL;
		goto fail;
	}
	if (st != 0) {
		*cause = err;
		goto fail_err;
	}
	if (!json_rows_found(r)) {
		xasprintf(cause, "%s: no array of records: expected an API answer with \"data\" "
		    "(ACLED) or \"Result\" (UCDP), or an array", ld->name);
		goto fail;
	}
	json_rows_free(r);
	free(buf);
	return 0;
fail:
	free(err);
fail_err:
	json_rows_free(r);
	free(buf);
	return -1;
}

/* Places and events once every record is in: ids for places, statuses as effects. */
static int
load_end(struct loader *ld, struct places **plp, struct timeline **tlp, char **cause)
{
	size_t i;

	if (ld->replaced)
		drop_unused_places(ld);
	for (i = 0; i < ld->pl->n; i++) {
		char id[32];
		int n = snprintf(id, sizeof id, "loc-%zu", i + 1);

		ld->pl->v[i].id = pooled(ld->pl, id, (size_t)n, 1);
	}
	/* effects after the places are final, in event order: contiguous per event */
	for (i = 0; i < ld->tl->nevents; i++) {
		struct event *ev = &ld->tl->events[i];
		struct effect *ef;

		if (ld->status[i] == STATUS_NONE || ev->place == (size_t)-1)
			continue;
		ef = timeline_effect(ld->tl, ev);
		ef->place = (uint32_t)ev->place;
		ef->status = ld->status[i];
	}
	ld->tl->counted = 1;
	/* what found duplicates and places is done with: not held through the finish */
	idmap_free(ld->ids);
	strmap_free(ld->locs);
	arena_free(&ld->keys);
	per_event_free(ld);
	ld->ids = NULL;
	ld->locs = NULL;
	/* ids are unique by now, so this only sorts */
	if ((*tlp = timeline_finish(ld->tl, ld->name, cause)) == NULL) {
		ld->tl = NULL;
		return -1;
	}
	*plp = ld->pl;
	return 0;
}

int
import_load_stream(struct instream *s, const struct import_kind *kind, struct places **plp,
    struct timeline **tlp, char **cause)
{
	const struct format *f = format_of(kind->format);
	struct loader ld;
	int r;

	*plp = NULL;
	*tlp = NULL;
	if (kind->format == IMPORT_SITMAP)
		return IMPORT_SITMAP;
	if (f == NULL || f->row == NULL) {
		xasprintf(cause, "%s: unknown import format %d", instream_name(s), kind->format);
		return -1;
	}
	loader_init(&ld, f, instream_name(s), kind->rooms);
	last_blocks = 1;
	last_merged = 0;
	if (kind->encoding == IMPORT_JSON)
		r = load_json(&ld, s, cause);
	else if ((r = load_blocks(&ld, s, kind->delim)) > 0)
		r = load_csv(&ld, s, kind->delim, cause);
	if (r == 0 && load_end(&ld, plp, tlp, cause) == 0) {
		loader_free(&ld);
#ifdef __GLIBC__
		/* the blocks' rows, maps and arrays grown by doubling: freed, not yet given back */
		malloc_trim(0);
#endif
		return f->id;
	}
	timeline_free(ld.tl);
	places_free(ld.pl);
	loader_free(&ld);
	*plp = NULL;
	*tlp = NULL;
	return -1;
}

void
import_last_blocks(size_t *blocks, size_t *merged)
{
	*blocks = last_blocks;
	*merged = last_merged;
}

int
import_load_mem(const char *name, const char *buf, size_t len, enum import_format fmt,
    struct places **pl, struct timeline **tl, char **cause)
{
	struct import_kind kind;
	struct instream *s;
	int r;

	*pl = NULL;
	*tl = NULL;
	if (fmt == IMPORT_SITMAP)
		return IMPORT_SITMAP;
	if ((s = instream_open_mem(name, buf, len, 0, cause)) == NULL)
		return -1;
	r = import_peek(s, (int)fmt, &kind, cause);
	if (r == 0)
		r = import_load_stream(s, &kind, pl, tl, cause);
	instream_close(s);
	return r;
}

int
import_load(const char *path, int fmt, struct places **pl, struct timeline **tl,
    char **cause)
{
	struct import_kind kind;
	struct instream *s;
	int r;

	*pl = NULL;
	*tl = NULL;
	if ((s = instream_open(path, INSTREAM_MMAP, cause)) == NULL)
		return -1;
	r = import_peek(s, fmt, &kind, cause);
	if (r == 0)
		r = import_load_stream(s, &kind, pl, tl, cause);
	instream_close(s);
	return r;
}
