/* whereami.c: a view as a --dump command line, a position, a distance between places. */
#include "whereami.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "prj.h"
#include "util.h"

/* Metres in a degree of latitude, rounded up: a degree of longitude is never more. */
#define M_PER_DEG	111700.0

/* A growing string. */
struct buf {
	char	*s;
	size_t	 len, cap;
};

static void
add(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = xreallocarray(b->s, b->cap, 1);
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void
adds(struct buf *b, const char *s)
{
	add(b, s, strlen(s));
}

/* A word for sh: as it is when nothing in it is special, else in single quotes. */
static void
add_word(struct buf *b, const char *w)
{
	static const char plain[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789_-+=.,:/@%";
	const char *p;

	adds(b, " ");
	if (w[0] != '\0' && strspn(w, plain) == strlen(w)) {
		adds(b, w);
		return;
	}
	adds(b, "'");
	for (p = w; *p != '\0'; p++) {
		if (*p == '\'')
			adds(b, "'\\''");
		else
			add(b, p, 1);
	}
	adds(b, "'");
}

/* v with decimals, trailing zeros (and a bare point) dropped; never "-0". */
static void
fixed(char *out, size_t len, double v, int decimals)
{
	size_t n;

	snprintf(out, len, "%.*f", decimals, v);
	n = strlen(out);
	if (strchr(out, '.') != NULL) {
		while (n > 0 && out[n - 1] == '0')
			out[--n] = '\0';
		if (n > 0 && out[n - 1] == '.')
			out[--n] = '\0';
	}
	if (strcmp(out, "-0") == 0)
		strcpy(out, "0");
}

/* The shortest decimal (no exponent) that strtod() reads back as v. */
static void
shortest(char *out, size_t len, double v)
{
	int p;

	for (p = 1; p <= 17; p++) {
		snprintf(out, len, "%.*g", p, v);
		if (strchr(out, 'e') == NULL && strtod(out, NULL) == v)
			return;
	}
	fixed(out, len, v, 17);
}

/*
 * Decimals of a degree such that rounding moves the centre by less than a
 * millionth of a sub-pixel: a vertex then lands on the same cell unless it
 * lies that close to a cell's edge.
 */
static int
decimals(double m_per_px)
{
	double tol = m_per_px * 1e-6;
	int d = 4;

	if (!(m_per_px > 0) || !isfinite(m_per_px))
		return 12;
	while (d < 15 && 0.5 * pow(10, -d) * M_PER_DEG > tol)
		d++;
	return d;
}

char *
whereami_command(const struct whereami_view *v, char **cause)
{
	struct buf b = { NULL, 0, 0 };
	char num[64], num2[64], word[160];
	int d = decimals(v->m_per_px);
	size_t i;

	if (!isfinite(v->lat) || !isfinite(v->lon) || fabs(v->lat) > 90 || fabs(v->lon) > 180) {
		xasprintf(cause, "the centre of the view is not on the map's projection");
		return NULL;
	}
	if (!(v->zoom >= WHEREAMI_ZOOM_MIN && v->zoom <= WHEREAMI_ZOOM_MAX)) {
		xasprintf(cause, "the zoom (%g) is outside --zoom's %g to %g", v->zoom,
		    WHEREAMI_ZOOM_MIN, WHEREAMI_ZOOM_MAX);
		return NULL;
	}
	adds(&b, "sitmap --dump");
	snprintf(word, sizeof word, "%dx%d", v->cols, v->rows);
	adds(&b, " --size");
	add_word(&b, word);
	fixed(num, sizeof num, v->lat, d);
	fixed(num2, sizeof num2, v->lon, d);
	snprintf(word, sizeof word, "%s,%s", num, num2);
	adds(&b, " --center");
	add_word(&b, word);
	shortest(num, sizeof num, v->zoom);
	adds(&b, " --zoom");
	add_word(&b, num);
	if (v->event_id != NULL) {
		adds(&b, " --event");
		add_word(&b, v->event_id);
	} else if (v->have_day) {
		int y, m, dd;

		date_to_ymd(v->day, &y, &m, &dd);
		if (v->month)
			snprintf(word, sizeof word, "%04d-%02d", y, m);
		else
			date_iso(word, v->day);
		adds(&b, " --date");
		add_word(&b, word);
	}
	for (i = 0; i < v->nargs; i++)
		add_word(&b, v->args[i]);
	return b.s;
}

int
whereami_latlon(char *buf, size_t len, double lat, double lon, int utf8)
{
	const char *deg = utf8 ? "\xc2\xb0" : "";
	char a[32], o[32];

	fixed(a, sizeof a, fabs(lat), 4);
	fixed(o, sizeof o, fabs(lon), 4);
	return snprintf(buf, len, "%s%s%c %s%s%c", a, deg, lat < 0 ? 'S' : 'N', o, deg,
	    lon < 0 ? 'W' : 'E');
}

int
whereami_measure(char *buf, size_t len, const struct place *a, const struct place *b,
    int utf8)
{
	static const char *const wind[16] = { "N", "NNE", "NE", "ENE", "E", "ESE", "SE",
	    "SSE", "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW" };
	const char *arrow = utf8 ? "\xe2\x86\x92" : "->";
	double az, km;
	int deg;

	km = prj_geod_km(a->lat_deg, a->lon_deg, b->lat_deg, b->lon_deg, &az);
	if (km < 0.0005)
		return snprintf(buf, len, "%s %s %s: 0.0 km (the same point)", a->name, arrow,
		    b->name);
	deg = (int)lround(az) % 360;
	return snprintf(buf, len, "%s %s %s: %.1f km, bearing %d%s (%s)", a->name, arrow,
	    b->name, km, deg, utf8 ? "\xc2\xb0" : " deg",
	    wind[(int)floor(fmod(az + 11.25, 360) / 22.5) % 16]);
}
