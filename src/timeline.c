/*
 * timeline.c: events.csv and the fold of their effects. An event sits on the
 * timeline at its last effect day (or its first day): a range is never pinned
 * to an invented day, it is shown as a range and takes effect when the
 * sources say the status changed.
 */
#include "timeline.h"

#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "text.h"
#include "util.h"

#define EVENTS_MAX_BYTES	(256u << 20)
#define FIELD_MAX		4096

enum { C_ID, C_DATE, C_END, C_PREC, C_PLACE, C_KIND, C_EFFECTS, C_ACTORS,
	C_SUMMARY, C_SOURCES, C_NOTE, C_COUNT };

static const char *const cols[C_COUNT] = { "id", "date", "end_date", "precision",
	"place", "kind", "effects", "actors", "summary", "sources", "note" };

static char *
field(const struct csv_row *row, int col)
{
	if (col < 0 || (size_t)col >= row->n)
		return xstrdup("");
	return text_sanitize(row->f[col], row->len[col], FIELD_MAX);
}

static const char *
raw(const struct csv_row *row, int col, size_t *len)
{
	if (col < 0 || (size_t)col >= row->n) {
		*len = 0;
		return "";
	}
	*len = row->len[col];
	return row->f[col];
}

static size_t
place_index(const struct places *pl, const char *id, size_t len)
{
	size_t i;

	for (i = 0; i < pl->n; i++)
		if (strlen(pl->v[i].id) == len && memcmp(pl->v[i].id, id, len) == 0)
			return i;
	return (size_t)-1;
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
static int
parse_effects(struct timeline *tl, struct event *ev, const char *s, size_t len,
    char **why)
{
	const char *p = s, *end = s + len;
	size_t cap = tl->neffects;

	ev->first_effect = tl->neffects;
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
		if ((eq = memchr(a, '=', (size_t)(b - a))) == NULL) {
			xasprintf(why, "effect \"%.*s\" is not place=status", (int)(b - a), a);
			return -1;
		}
		tl->effects = xreallocarray(tl->effects, ++cap, sizeof *tl->effects);
		ef = &tl->effects[tl->neffects];
		memset(ef, 0, sizeof *ef);
		ef->day = ev->lo;
		if ((ef->place = place_index(tl->places, a, (size_t)(eq - a))) == (size_t)-1) {
			xasprintf(why, "effect names unknown place \"%.*s\"", (int)(eq - a), a);
			return -1;
		}
		st = eq + 1;
		if ((at = memchr(st, '@', (size_t)(b - st))) != NULL) {
			day_t lo, hi;
			enum date_prec prec;

			if (date_parse(at + 1, (size_t)(b - at - 1), &lo, &hi, &prec) != 0 ||
			    prec != DATE_DAY || lo < ev->lo || lo > ev->hi) {
				xasprintf(why, "effect day \"%.*s\" is not a day within the event's dates",
				    (int)(b - at - 1), at + 1);
				return -1;
			}
			ef->day = lo;
			b = at;
		}
		if ((size_t)(b - st) > 9 && memcmp(st, "attacked>", 9) == 0) {
			ef->attacked = 1;
			st += 9;
		}
		if ((v = status_from_name(st, (size_t)(b - st))) < 0) {
			xasprintf(why, "unknown status \"%.*s\"", (int)(b - st), st);
			return -1;
		}
		if (v == STATUS_ATTACKED) {
			ef->attacked = 1;
			v = STATUS_NONE;	/* no lasting change */
		}
		ef->status = (enum status)v;
		tl->neffects++;
		ev->neffects++;
		if (ef->day > ev->day && !ev->planned)
			ev->day = ef->day;
	}
	return 0;
}

static int
parse_row(struct timeline *tl, const struct csv_row *row, const int *col,
    struct event *ev, char **why)
{
	enum date_prec want;
	const char *s;
	size_t len, i;
	day_t lo, hi;

	ev->id = field(row, col[C_ID]);
	ev->actors = field(row, col[C_ACTORS]);
	ev->summary = field(row, col[C_SUMMARY]);
	ev->sources = field(row, col[C_SOURCES]);
	ev->note = field(row, col[C_NOTE]);
	ev->effects_text = field(row, col[C_EFFECTS]);
	ev->place = (size_t)-1;
	if (ev->id[0] == '\0')
		return xasprintf(why, "empty id"), -1;
	for (i = 0; i + 1 < tl->nevents; i++)
		if (strcmp(tl->events[i].id, ev->id) == 0)
			return xasprintf(why, "duplicate id \"%s\"", ev->id), -1;

	s = raw(row, col[C_PREC], &len);
	if (len == 3 && memcmp(s, "day", 3) == 0)
		want = DATE_DAY;
	else if (len == 5 && memcmp(s, "month", 5) == 0)
		want = DATE_MONTH;
	else if (len == 5 && memcmp(s, "range", 5) == 0)
		want = DATE_RANGE;
	else
		return xasprintf(why, "precision \"%.*s\" is not day, month or range",
		    (int)(len > 40 ? 40 : len), s), -1;

	s = raw(row, col[C_DATE], &len);
	if (date_parse(s, len, &ev->lo, &ev->hi, &ev->prec) != 0 || ev->prec == DATE_RANGE)
		return xasprintf(why, "date \"%.*s\" is not YYYY-MM-DD or YYYY-MM",
		    (int)(len > 40 ? 40 : len), s), -1;
	if (want == DATE_RANGE) {
		s = raw(row, col[C_END], &len);
		if (ev->prec != DATE_DAY || date_parse(s, len, &lo, &hi, &ev->prec) != 0 ||
		    ev->prec != DATE_DAY || lo < ev->lo)
			return xasprintf(why, "a range needs date and end_date as days, "
			    "end not before start"), -1;
		ev->hi = hi;
		ev->prec = DATE_RANGE;
	} else if (ev->prec != want) {
		return xasprintf(why, "date \"%.*s\" does not have precision %s",
		    (int)(len > 40 ? 40 : len), s, want == DATE_DAY ? "day" : "month"), -1;
	} else if (raw(row, col[C_END], &len), len != 0) {
		return xasprintf(why, "end_date is only for precision range"), -1;
	}
	ev->day = ev->lo;

	s = raw(row, col[C_KIND], &len);
	if (len == 7 && memcmp(s, "planned", 7) == 0)
		ev->planned = 1;
	else if (!(len == 8 && memcmp(s, "reported", 8) == 0))
		return xasprintf(why, "kind \"%.*s\" is not reported or planned",
		    (int)(len > 40 ? 40 : len), s), -1;

	s = raw(row, col[C_PLACE], &len);
	if (len > 0 && (ev->place = place_index(tl->places, s, len)) == (size_t)-1) {
		char *bad = text_sanitize(s, len, 80);

		xasprintf(why, "unknown place \"%s\"", bad);
		free(bad);
		return -1;
	}
	s = raw(row, col[C_EFFECTS], &len);
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

static void
free_event(struct event *ev)
{
	free(ev->id);
	free(ev->actors);
	free(ev->summary);
	free(ev->sources);
	free(ev->note);
	free(ev->effects_text);
}

struct timeline *
timeline_load_mem(const char *name, const char *buf, size_t len,
    const struct places *pl, char **cause)
{
	struct timeline *tl = xcalloc(1, sizeof *tl);
	struct csv *csv = csv_new(buf, len);
	struct csv_row row;
	char *err = NULL;
	size_t cap = 0, i, order = 0;
	int col[C_COUNT], r;

	tl->places = pl;
	if ((r = csv_next(csv, &row, &err)) <= 0) {
		if (r == 0)
			xasprintf(cause, "%s: empty file, expected a header line", name);
		else
			xasprintf(cause, "%s:%s", name, err + (strncmp(err, "line ", 5) ? 0 : 5));
		goto fail;
	}
	for (i = 0; i < C_COUNT; i++) {
		col[i] = csv_column(&row, cols[i]);
		if (col[i] < 0 && i != C_END && i != C_NOTE && i != C_ACTORS &&
		    i != C_EFFECTS && i != C_SOURCES) {
			xasprintf(cause, "%s:%zu: missing column \"%s\"", name, row.line, cols[i]);
			goto fail;
		}
	}
	while ((r = csv_next(csv, &row, &err)) == 1) {
		struct event *ev;

		if (tl->nevents == cap) {
			cap = cap ? cap * 2 : 64;
			tl->events = xreallocarray(tl->events, cap, sizeof *tl->events);
		}
		ev = &tl->events[tl->nevents++];
		memset(ev, 0, sizeof *ev);
		if (parse_row(tl, &row, col, ev, &err) != 0) {
			xasprintf(cause, "%s:%zu: %s", name, row.line, err);
			goto fail;
		}
		ev->seq = order++;
	}
	if (r < 0) {
		xasprintf(cause, "%s:%s", name, err + (strncmp(err, "line ", 5) ? 0 : 5));
		goto fail;
	}
	qsort(tl->events, tl->nevents, sizeof *tl->events, by_day);
	csv_free(csv);
	return tl;
fail:
	free(err);
	csv_free(csv);
	timeline_free(tl);
	return NULL;
}

struct timeline *
timeline_load(const char *path, const struct places *pl, char **cause)
{
	struct timeline *tl;
	size_t len;
	char *buf;

	if (util_read_file(path, EVENTS_MAX_BYTES, &buf, &len, cause) != 0)
		return NULL;
	tl = timeline_load_mem(path, buf, len, pl, cause);
	free(buf);
	return tl;
}

void
timeline_state(const struct timeline *tl, day_t day, enum status *out,
    unsigned char *attacked)
{
	size_t i, e;

	for (i = 0; i < tl->places->n; i++) {
		out[i] = tl->places->v[i].initial;
		if (attacked != NULL)
			attacked[i] = 0;
	}
	for (i = 0; i < tl->nevents; i++) {
		const struct event *ev = &tl->events[i];

		if (ev->planned || ev->lo > day)
			continue;
		for (e = ev->first_effect; e < ev->first_effect + ev->neffects; e++) {
			const struct effect *ef = &tl->effects[e];

			if (ef->day > day)
				continue;
			if (ef->status != STATUS_NONE)
				out[ef->place] = ef->status;
			if (ef->attacked && ef->day == day && attacked != NULL)
				attacked[ef->place] = 1;
		}
	}
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

long
timeline_find(const struct timeline *tl, const char *id)
{
	size_t i;

	for (i = 0; i < tl->nevents; i++)
		if (strcmp(tl->events[i].id, id) == 0)
			return (long)i;
	return -1;
}

void
timeline_free(struct timeline *tl)
{
	size_t i;

	if (tl == NULL)
		return;
	for (i = 0; i < tl->nevents; i++)
		free_event(&tl->events[i]);
	free(tl->events);
	free(tl->effects);
	free(tl);
}
