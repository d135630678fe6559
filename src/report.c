/*
 * report.c: what sitmap writes as data rather than as a frame: the list of
 * events (--list-events) and the state of every place at a moment
 * (--export), each as text, RFC 4180 CSV or JSON.
 */
#include "report.h"
#include "search.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "prj.h"
#include "text.h"
#include "util.h"

#define NONE	((size_t)-1)

static const char *const format_names[] = { "table", "csv", "json", "geojson" };

const char *
report_format_name(enum report_format f)
{
	return (unsigned)f < sizeof format_names / sizeof format_names[0] ? format_names[f] : "?";
}

int
report_format_from_name(const char *s)
{
	size_t i;

	for (i = 0; i < sizeof format_names / sizeof format_names[0]; i++)
		if (strcmp(s, format_names[i]) == 0)
			return (int)i;
	return -1;
}

/* The events a report is about: reached, in the window and the range, passing the filter. */
static size_t
first_in_window(const struct report_view *v)
{
	size_t from = 0, k;

	if (v->window_days > 0)
		from = timeline_upto_day(v->tl, (day_t)((int64_t)v->day - v->window_days >
		    INT32_MIN ? v->day - v->window_days : INT32_MIN));
	if (v->since > INT32_MIN && (k = timeline_upto_day(v->tl, v->since - 1)) > from)
		from = k;
	return from;
}

static int
listed(const struct report_view *v, size_t i)
{
	return v->match == NULL || v->match[i];
}

/*
 * A CSV cell (RFC 4180): quoted when it holds a comma, a quote or a line
 * break. A text cell that a spreadsheet would take for a formula (= + - @,
 * tab, CR first) gets an apostrophe in front; numbers are written as they are.
 */
static void
csv_text(FILE *fp, const char *s, int last, int ascii)
{
	char *t = ascii ? text_for_charset(s, strlen(s), SIZE_MAX, 0) : NULL;
	int formula;

	if (t != NULL)
		s = t;
	formula = strchr("=+-@\t\r", s[0]) != NULL && s[0] != '\0';

	if (strpbrk(s, ",\"\r\n") != NULL) {
		fputc('"', fp);
		if (formula)
			fputc('\'', fp);
		for (; *s != '\0'; s++) {
			if (*s == '"')
				fputc('"', fp);
			fputc(*s, fp);
		}
		fputc('"', fp);
	} else {
		fprintf(fp, "%s%s", formula ? "'" : "", s);
	}
	fputc(last ? '\n' : ',', fp);
	free(t);
}

static void
csv_raw(FILE *fp, const char *s, int last)
{
	fprintf(fp, "%s%c", s, last ? '\n' : ',');
}

/*
 * A JSON string, escaped (the text is sanitised UTF-8 already), or null for
 * NULL. With ascii, every character past U+007F is a \\u escape (a pair
 * of them past U+FFFF): the same JSON, in ASCII.
 */
static void
json_str(FILE *fp, const char *s, int ascii)
{
	size_t len, i, k;
	uint32_t cp;

	if (s == NULL) {
		fputs("null", fp);
		return;
	}
	fputc('"', fp);
	for (i = 0, len = strlen(s); i < len; i += k) {
		unsigned char c = (unsigned char)s[i];

		k = 1;
		if (c == '"' || c == '\\')
			fprintf(fp, "\\%c", c);
		else if (c < 0x20)
			fprintf(fp, "\\u%04x", c);
		else if (c < 0x80 || !ascii)
			fputc(c, fp);
		else {
			k = text_decode(s + i, len - i, &cp);
			if (cp > 0xffff)
				fprintf(fp, "\\u%04x\\u%04x", 0xd800 + ((cp - 0x10000) >> 10),
				    0xdc00 + ((cp - 0x10000) & 0x3ff));
			else
				fprintf(fp, "\\u%04x", cp);
		}
	}
	fputc('"', fp);
}

/* The shortest of up to 7 decimals: 18.43889, 13.962, -8.00278. */
static void
fmt_deg(char *buf, size_t n, double v)
{
	size_t len;

	snprintf(buf, n, "%.7f", v);
	len = strlen(buf);
	while (len > 0 && buf[len - 1] == '0')
		buf[--len] = '\0';
	if (len > 0 && buf[len - 1] == '.')
		buf[--len] = '\0';
	if (strcmp(buf, "-0") == 0)
		snprintf(buf, n, "0");
}

static const char *const prec_names[] = { "day", "month", "range" };

/* The date as events.csv writes it: "2023-10-07", "2023-10", and the end of a range. */
static void
iso_date(char *buf, size_t n, const struct event *ev)
{
	char d[16];

	date_iso(d, ev->lo);
	snprintf(buf, n, "%.*s", ev->prec == DATE_MONTH ? 7 : 10, d);
}

/* "2023-11-15", "2023-11" or "2023-11-15/2023-11-30" (ISO 8601). */
static void
iso_span(char *buf, size_t n, const struct event *ev)
{
	char a[16], b[16];

	iso_date(buf, n, ev);
	if (ev->prec == DATE_RANGE) {
		date_iso(a, ev->lo);
		date_iso(b, ev->hi);
		snprintf(buf, n, "%s/%s", a, b);
	}
}

/* A string built piece by piece. */
struct text {
	char	*s;
	size_t	 len, cap;
};

static void __attribute__((format(printf, 2, 3)))
text_add(struct text *t, const char *fmt, ...)
{
	va_list ap;
	char *piece;
	size_t k;

	va_start(ap, fmt);
	k = (size_t)xvasprintf(&piece, fmt, ap);
	va_end(ap);
	if (t->len + k + 1 > t->cap) {
		t->cap = (t->len + k + 1) * 2;
		t->s = xreallocarray(t->s, t->cap, 1);
	}
	memcpy(t->s + t->len, piece, k + 1);
	t->len += k;
	free(piece);
}

/* An event's effects in events.csv's own syntax: "lere=taken-by-rebels@2023-09-17". */
static char *
effects_text(const struct report_view *v, const struct event *ev)
{
	day_t anchor = timeline_anchor(ev->lo, ev->hi, (enum date_prec)ev->prec);
	struct text t = { NULL, 0, 0 };
	size_t e;

	text_add(&t, "%s", "");
	for (e = ev->first_effect; e < ev->first_effect + ev->neffects; e++) {
		const struct effect *ef = &v->tl->effects[e];
		char day[16] = "";

		if (ef->day != anchor) {
			day[0] = '@';
			date_iso(day + 1, ef->day);
		}
		text_add(&t, "%s%s=%s%s%s", t.len ? ";" : "", v->places->v[ef->place].id,
		    ef->attacked && ef->status != STATUS_NONE ? "attacked>" : "",
		    ef->status == STATUS_NONE ? "attacked" : status_name((enum status)ef->status),
		    day);
	}
	return t.s;
}

static int
by_day(const void *a, const void *b)
{
	day_t x = *(const day_t *)a, y = *(const day_t *)b;

	return x < y ? -1 : x > y;
}

/* An event's stops: its anchor and its effects' distinct days, in order. */
static size_t
event_stops(const struct report_view *v, const struct event *ev, day_t **out)
{
	day_t *d = xcalloc(ev->neffects + 1, sizeof *d);
	size_t n = 0, e, k, w = 0;

	d[n++] = timeline_anchor(ev->lo, ev->hi, (enum date_prec)ev->prec);
	for (e = ev->first_effect; e < ev->first_effect + ev->neffects; e++)
		d[n++] = v->tl->effects[e].day;
	qsort(d, n, sizeof *d, by_day);
	for (k = 0; k < n; k++)
		if (w == 0 || d[k] != d[w - 1])
			d[w++] = d[k];
	*out = d;
	return w;
}

static char *
route_text(const struct report_view *v, const struct event *ev)
{
	const struct route *rt = timeline_route(v->tl, ev);
	size_t k, len = 0, cap = 1;
	char *s;

	for (k = 0; rt != NULL && k < rt->n; k++)
		cap += strlen(v->places->v[v->tl->stops[rt->first + k]].id) + 1;
	s = xmalloc(cap);
	s[0] = '\0';
	for (k = 0; rt != NULL && k < rt->n; k++)
		len += (size_t)snprintf(s + len, cap - len, "%s%s", k ? ">" : "",
		    v->places->v[v->tl->stops[rt->first + k]].id);
	return s;
}

/* Display columns of s as the table writes it (text_for_charset()). */
static size_t
shown_width(const struct report_view *v, const char *s)
{
	char *t = text_for_charset(s, strlen(s), SIZE_MAX / 4, !v->ascii);
	int w = text_width(t);

	free(t);
	return (size_t)w;
}

/*
 * s as the table writes it: sanitised, in the locale's charset when it goes
 * to the terminal (v->ascii), padded with blanks to width columns (none
 * when 0).
 */
static void
put_cell(const struct report_view *v, FILE *fp, const char *s, size_t width)
{
	char *t = text_for_charset(s, strlen(s), SIZE_MAX / 4, !v->ascii);
	size_t w = (size_t)text_width(t);

	fputs(t, fp);
	for (; w < width; w++)
		fputc(' ', fp);
	free(t);
}

/*
 * Columns line up by display width, not bytes: names carry accents, CJK and
 * emoji. The widths are those of the text as written: a transliteration may
 * be longer or shorter.
 */
static void
list_table(const struct report_view *v, size_t from, FILE *fp)
{
	size_t i, e, wplace = 5, wid = 4;

	for (i = from; i < v->upto; i++) {
		const struct event *ev = &v->tl->events[i];
		size_t w;

		if (!listed(v, i))
			continue;
		w = ev->place != NONE ? shown_width(v, v->places->v[ev->place].name) : 1;
		if (w > wplace)
			wplace = w;
		if ((w = shown_width(v, ev->id)) > wid)
			wid = w > 24 ? 24 : w;
	}
	put_cell(v, fp, "ID", wid);
	fprintf(fp, " %-18s ", "DATE");
	put_cell(v, fp, "PLACE", wplace);
	fprintf(fp, " %-8s %-34s %s\n", "KIND", "STATUS CHANGE", "SUMMARY");
	for (i = from; i < v->upto; i++) {
		const struct event *ev = &v->tl->events[i];
		const char *pname = ev->place != NONE ? v->places->v[ev->place].name : "-";
		char date[64], change[256] = "";

		if (!listed(v, i))
			continue;
		date_format(date, sizeof date, ev->lo, ev->hi, ev->prec);
		for (e = ev->first_effect; e < ev->first_effect + ev->neffects; e++) {
			const struct effect *ef = &v->tl->effects[e];
			char item[96];

			snprintf(item, sizeof item, "%s%s=%s%s", change[0] ? "," : "",
			    v->places->v[ef->place].id, ef->attacked ? "attacked>" : "",
			    ef->status == STATUS_NONE ? "same" : status_name(ef->status));
			strncat(change, item, sizeof change - strlen(change) - 1);
		}
		if (change[0] == '\0')
			snprintf(change, sizeof change, "-");
		put_cell(v, fp, ev->id, wid);
		fprintf(fp, " %-18s ", date);
		put_cell(v, fp, pname, wplace);
		fprintf(fp, " %-8s ", ev->planned ? "planned" : "reported");
		put_cell(v, fp, change, 34);
		fputc(' ', fp);
		put_cell(v, fp, ev->summary, 0);
		fputc('\n', fp);
	}
}

static void
list_csv(const struct report_view *v, size_t from, FILE *fp)
{
	int weighted = v->tl->event_weight != NULL;
	size_t i, k, n;

	fputs("id,date,end_date,precision,place,place_name,kind,effects,stops,type,"
	    "fatalities,actors,summary,sources,note,", fp);
	csv_raw(fp, "route", v->tl->nattrs == 0 && !weighted);
	/* an import's other columns, by their source names */
	for (k = 0; k < v->tl->nattrs; k++)
		csv_text(fp, v->tl->attrs[k].key, k + 1 == v->tl->nattrs && !weighted, v->ascii);
	/* an aggregate's: how many events the row counts */
	if (weighted)
		csv_raw(fp, "count", 1);
	for (i = from; i < v->upto; i++) {
		const struct event *ev = &v->tl->events[i];
		char date[16], end[16] = "", num[32] = "", *fx, *route, *stops;
		day_t *d;

		if (!listed(v, i))
			continue;
		iso_date(date, sizeof date, ev);
		if (ev->prec == DATE_RANGE)
			date_iso(end, ev->hi);
		if (ev->fatalities >= 0)
			snprintf(num, sizeof num, "%d", (int)ev->fatalities);
		n = event_stops(v, ev, &d);
		stops = xcalloc(n * 11 + 1, 1);
		for (k = 0; k < n; k++) {
			if (k > 0)
				strcat(stops, ";");
			date_iso(stops + strlen(stops), d[k]);
		}
		fx = effects_text(v, ev);
		route = route_text(v, ev);
		csv_text(fp, ev->id, 0, v->ascii);
		csv_raw(fp, date, 0);
		csv_raw(fp, end, 0);
		csv_raw(fp, prec_names[ev->prec], 0);
		csv_text(fp, ev->place != NONE ? v->places->v[ev->place].id : "", 0, v->ascii);
		csv_text(fp, ev->place != NONE ? v->places->v[ev->place].name : "", 0,
		    v->ascii);
		csv_raw(fp, ev->planned ? "planned" : "reported", 0);
		csv_text(fp, fx, 0, v->ascii);
		csv_raw(fp, stops, 0);
		csv_text(fp, v->tl->types[ev->type], 0, v->ascii);
		csv_raw(fp, num, 0);
		csv_text(fp, ev->actors, 0, v->ascii);
		csv_text(fp, ev->summary, 0, v->ascii);
		csv_text(fp, ev->sources, 0, v->ascii);
		csv_text(fp, ev->note, 0, v->ascii);
		csv_text(fp, route, v->tl->nattrs == 0 && !weighted, v->ascii);
		for (k = 0; k < v->tl->nattrs; k++)
			csv_text(fp, timeline_attr(v->tl, ev, k), k + 1 == v->tl->nattrs &&
			    !weighted, v->ascii);
		if (weighted) {
			snprintf(num, sizeof num, "%" PRIu32, timeline_weight(v->tl, i));
			csv_raw(fp, num, 1);
		}
		free(d);
		free(stops);
		free(fx);
		free(route);
	}
}

static void
list_json(const struct report_view *v, size_t from, FILE *fp)
{
	size_t i, k, n, e, count = 0;

	fputs("[", fp);
	for (i = from; i < v->upto; i++) {
		const struct event *ev = &v->tl->events[i];
		const struct route *rt = timeline_route(v->tl, ev);
		char date[16], end[16];
		day_t *d;

		if (!listed(v, i))
			continue;
		iso_date(date, sizeof date, ev);
		date_iso(end, ev->hi);
		fprintf(fp, "%s\n {\"id\": ", count++ ? "," : "");
		json_str(fp, ev->id, v->ascii);
		fprintf(fp, ", \"date\": \"%s\", \"end_date\": ", date);
		json_str(fp, ev->prec == DATE_RANGE ? end : NULL, v->ascii);
		fprintf(fp, ", \"precision\": \"%s\", \"place\": ", prec_names[ev->prec]);
		json_str(fp, ev->place != NONE ? v->places->v[ev->place].id : NULL, v->ascii);
		fputs(", \"place_name\": ", fp);
		json_str(fp, ev->place != NONE ? v->places->v[ev->place].name : NULL, v->ascii);
		fprintf(fp, ", \"kind\": \"%s\",\n  \"effects\": [",
		    ev->planned ? "planned" : "reported");
		for (e = ev->first_effect; e < ev->first_effect + ev->neffects; e++) {
			const struct effect *ef = &v->tl->effects[e];
			char day[16];

			date_iso(day, ef->day);
			fprintf(fp, "%s{\"place\": ", e > ev->first_effect ? ", " : "");
			json_str(fp, v->places->v[ef->place].id, v->ascii);
			fputs(", \"status\": ", fp);
			json_str(fp, ef->status == STATUS_NONE ? NULL :
			    status_name((enum status)ef->status), v->ascii);
			fprintf(fp, ", \"attacked\": %s, \"day\": \"%s\"}",
			    ef->attacked ? "true" : "false", day);
		}
		fputs("], \"stops\": [", fp);
		n = event_stops(v, ev, &d);
		for (k = 0; k < n; k++) {
			char day[16];

			date_iso(day, d[k]);
			fprintf(fp, "%s\"%s\"", k ? ", " : "", day);
		}
		free(d);
		fputs("],\n  \"type\": ", fp);
		json_str(fp, v->tl->types[ev->type][0] ? v->tl->types[ev->type] : NULL,
		    v->ascii);
		if (ev->fatalities >= 0)
			fprintf(fp, ", \"fatalities\": %d", (int)ev->fatalities);
		else
			fputs(", \"fatalities\": null", fp);
		/* an aggregate's: how many events the row counts */
		if (v->tl->event_weight != NULL)
			fprintf(fp, ", \"count\": %" PRIu32, timeline_weight(v->tl, i));
		fputs(", \"actors\": ", fp);
		json_str(fp, ev->actors, v->ascii);
		fputs(",\n  \"summary\": ", fp);
		json_str(fp, ev->summary, v->ascii);
		fputs(",\n  \"sources\": ", fp);
		json_str(fp, ev->sources, v->ascii);
		fputs(",\n  \"note\": ", fp);
		json_str(fp, ev->note, v->ascii);
		fputs(", \"route\": [", fp);
		for (k = 0; rt != NULL && k < rt->n; k++) {
			fputs(k ? ", " : "", fp);
			json_str(fp, v->places->v[v->tl->stops[rt->first + k]].id, v->ascii);
		}
		fputs("]", fp);
		/* an import's other columns, by their source names */
		if (v->tl->nattrs > 0) {
			fputs(",\n  \"attributes\": {", fp);
			for (k = 0; k < v->tl->nattrs; k++) {
				const char *a = timeline_attr(v->tl, ev, k);

				fputs(k ? ", " : "", fp);
				json_str(fp, v->tl->attrs[k].key, v->ascii);
				fputs(": ", fp);
				json_str(fp, a[0] != '\0' ? a : NULL, v->ascii);
			}
			fputs("}", fp);
		}
		fputs("}", fp);
	}
	fputs(count ? "\n]\n" : "]\n", fp);
}

int
report_list(const struct report_view *v, enum report_format f, FILE *fp)
{
	size_t from = first_in_window(v);

	if (f == REPORT_CSV)
		list_csv(v, from, fp);
	else if (f == REPORT_JSON)
		list_json(v, from, fp);
	else
		list_table(v, from, fp);
	return ferror(fp) ? -1 : 0;
}

/* One place's row: every column as text (NULL: empty), and which are numbers. */
enum { X_ID, X_NAME, X_LAT, X_LON, X_STATUS, X_SINCE, X_EVENT, X_LABEL, X_KIND,
	X_ATTACKED, X_PLANNED, X_PLANNED_DATE, X_PLANNED_EVENT, X_PLANNED_STATE, X_EVENTS,
	X_FATALITIES, X_DATE, X_COUNT };

static const char *const x_names[X_COUNT] = { "id", "name", "lat", "lon", "status",
	"since", "event", "label", "kind", "attacked", "planned", "planned_date",
	"planned_event", "planned_state", "events", "fatalities", "date" };

/* numbers, written bare in CSV and as JSON numbers; attacked is a JSON boolean */
static int
x_number(int k)
{
	return k == X_LAT || k == X_LON || k == X_EVENTS || k == X_FATALITIES;
}

struct row {
	const char	*cell[X_COUNT];
	char		 lat[32], lon[32], since[16], pdate[32], events[24], fatal[24], date[16];
};

struct state {
	enum status	*status;
	unsigned char	*attacked;
	day_t		*since;
	size_t		*from;
	size_t		*count;		/* events per place */
	long long	*fatal;		/* their known fatalities; -1: none known */
};

static void
state_at(const struct report_view *v, struct state *s)
{
	size_t np = v->places->n ? v->places->n : 1, i;

	s->status = xcalloc(np, sizeof *s->status);
	s->attacked = xcalloc(np, 1);
	s->since = xcalloc(np, sizeof *s->since);
	s->from = xcalloc(np, sizeof *s->from);
	s->count = xcalloc(np, sizeof *s->count);
	s->fatal = xcalloc(np, sizeof *s->fatal);
	timeline_state(v->tl, v->day, s->status, s->attacked);
	timeline_origins(v->tl, v->day, s->status, s->since, s->from);
	for (i = 0; i < v->places->n; i++)
		s->fatal[i] = -1;
	for (i = first_in_window(v); i < v->upto; i++) {
		const struct event *ev = &v->tl->events[i];

		if (!listed(v, i) || ev->place == NONE)
			continue;
		s->count[ev->place] += timeline_weight(v->tl, i);
		if (ev->fatalities >= 0)
			s->fatal[ev->place] = (s->fatal[ev->place] < 0 ? 0 : s->fatal[ev->place]) +
			    ev->fatalities;
	}
}

static void
state_free(struct state *s)
{
	free(s->status);
	free(s->attacked);
	free(s->since);
	free(s->from);
	free(s->count);
	free(s->fatal);
}

static void
make_row(const struct report_view *v, const struct state *s, size_t i, struct row *r)
{
	const struct place *p = &v->places->v[i];

	memset(r, 0, sizeof *r);
	fmt_deg(r->lat, sizeof r->lat, p->lat_deg);
	fmt_deg(r->lon, sizeof r->lon, p->lon_deg);
	r->cell[X_ID] = p->id;
	r->cell[X_NAME] = p->name;
	r->cell[X_LAT] = r->lat;
	r->cell[X_LON] = r->lon;
	r->cell[X_LABEL] = p->label;
	r->cell[X_KIND] = place_kind_name(p->kind);
	snprintf(r->events, sizeof r->events, "%zu", s->count[i]);
	r->cell[X_EVENTS] = r->events;
	date_iso(r->date, v->day);
	r->cell[X_DATE] = r->date;
	if (s->fatal[i] >= 0) {
		snprintf(r->fatal, sizeof r->fatal, "%lld", s->fatal[i]);
		r->cell[X_FATALITIES] = r->fatal;
	}
	/* an export without statuses has nothing more to say */
	if (v->aggregate && v->tl->neffects == 0)
		return;
	r->cell[X_STATUS] = status_name(s->status[i]);
	if (s->from[i] != NONE) {
		date_iso(r->since, s->since[i]);
		r->cell[X_SINCE] = r->since;
		r->cell[X_EVENT] = v->tl->events[s->from[i]].id;
	}
	r->cell[X_ATTACKED] = s->attacked[i] ? "1" : "0";
	{
		enum plan_state ps;
		const struct plan *pl = timeline_plan(v->tl, i, v->day, s->status[i], &ps);

		if (pl != NULL) {
			const struct event *ev = &v->tl->events[pl->ev];

			r->cell[X_PLANNED] =
			    status_name((enum status)v->tl->effects[pl->effect].status);
			iso_span(r->pdate, sizeof r->pdate, ev);
			r->cell[X_PLANNED_DATE] = r->pdate;
			r->cell[X_PLANNED_EVENT] = ev->id;
			r->cell[X_PLANNED_STATE] = ps == PLAN_PENDING ? "pending" : "unconfirmed";
		}
	}
}

static void
export_csv(const struct report_view *v, const struct state *s, int first, FILE *fp)
{
	size_t i;
	int k;

	for (k = 0; k < X_COUNT && first; k++)
		csv_raw(fp, x_names[k], k == X_COUNT - 1);
	for (i = 0; i < v->places->n; i++) {
		struct row r;

		make_row(v, s, i, &r);
		for (k = 0; k < X_COUNT; k++) {
			const char *c = r.cell[k] ? r.cell[k] : "";

			if (x_number(k) || k == X_ATTACKED)
				csv_raw(fp, c, k == X_COUNT - 1);
			else
				csv_text(fp, c, k == X_COUNT - 1, v->ascii);
		}
	}
}

static void
export_geojson(const struct report_view *v, const struct state *s, int first, FILE *fp)
{
	size_t i;
	int k;

	for (i = 0; i < v->places->n; i++) {
		struct row r;

		make_row(v, s, i, &r);
		/* RFC 7946: longitude first */
		fprintf(fp, "%s\n {\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", "
		    "\"coordinates\": [%s, %s]},\n  \"properties\": {", i || !first ? "," : "",
		    r.lon, r.lat);
		for (k = 0; k < X_COUNT; k++) {
			fprintf(fp, "%s\"%s\": ", k ? ", " : "", x_names[k]);
			if (r.cell[k] == NULL)
				fputs("null", fp);
			else if (k == X_ATTACKED)
				fputs(r.cell[k][0] == '1' ? "true" : "false", fp);
			else if (x_number(k))
				fputs(r.cell[k], fp);
			else
				json_str(fp, r.cell[k], v->ascii);
		}
		fputs("}}", fp);
	}
}

int
report_export(const struct report_view *v, size_t n, enum report_format f, FILE *fp)
{
	struct state s;
	size_t k;

	if (f == REPORT_GEOJSON)
		fputs("{\"type\": \"FeatureCollection\", \"features\": [", fp);
	for (k = 0; k < n; k++) {
		state_at(&v[k], &s);
		if (f == REPORT_GEOJSON)
			export_geojson(&v[k], &s, k == 0, fp);
		else
			export_csv(&v[k], &s, k == 0, fp);
		state_free(&s);
		if (ferror(fp))
			return -1;
	}
	if (f == REPORT_GEOJSON)
		fputs(n > 0 && v[0].places->n > 0 ? "\n]}\n" : "]}\n", fp);
	return ferror(fp) ? -1 : 0;
}

size_t
report_history_hit(const struct timeline *tl, const struct event *ev, const size_t *place,
    size_t n)
{
	size_t k, e;

	for (k = 0; k < n; k++)
		if (ev->place == place[k])
			return place[k];
	for (e = ev->first_effect; e < ev->first_effect + ev->neffects; e++)
		for (k = 0; k < n; k++)
			if (tl->effects[e].place == place[k])
				return place[k];
	return NONE;
}

char *
report_history(const struct places *pl, const struct timeline *tl, const size_t *place,
    size_t n)
{
	struct text t = { NULL, 0, 0 };
	size_t i, found = 0;

	if (n > 1)
		text_add(&t, "%s (%zu places): history (Esc closes)\n", pl->v[place[0]].label, n);
	else
		text_add(&t, "%s: history (Esc closes)\n", pl->v[place[0]].name);
	for (i = 0; i < tl->nevents; i++) {
		const struct event *ev = &tl->events[i];
		size_t at = report_history_hit(tl, ev, place, n);
		char date[64], where[160] = "";

		if (at == NONE)
			continue;
		date_format(date, sizeof date, ev->lo, ev->hi, (enum date_prec)ev->prec);
		if (n > 1)
			snprintf(where, sizeof where, " (%s)", pl->v[at].name);
		text_add(&t, "%s %s%s%s: %s\n  %s%s%s\n", date, ev->id,
		    ev->planned ? " (planned)" : "", where, ev->summary, ev->sources,
		    ev->note[0] ? "\n  Note: " : "", ev->note);
		found++;
	}
	if (found == 0)
		text_add(&t, n > 1 ? "no events at these places\n" : "no events at this place\n");
	return t.s;
}

int
report_distance(const struct places *pl, const char *a, const char *b, FILE *fp,
    char **cause)
{
	const struct place *pa = search_find(pl, a), *pb = search_find(pl, b);
	double az, km;
	char *line;

	if (pa == NULL || pb == NULL) {
		const char *q = pa == NULL ? a : b;
		char *s = text_sanitize(q, strlen(q), 64);

		xasprintf(cause, "--distance \"%s\": no place has this name, id or spelling", s);
		free(s);
		return -1;
	}
	km = prj_geod_km(pa->lat_deg, pa->lon_deg, pb->lat_deg, pb->lon_deg, &az);
	xasprintf(&line, "%s -> %s: %.1f km (straight line on the WGS 84 ellipsoid), "
	    "initial bearing %.1f\xc2\xb0\n", pa->name, pb->name, km, az);
	/* a line for the terminal: in the locale's charset */
	text_fputs(line, fp);
	free(line);
	return 0;
}
