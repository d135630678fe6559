/*
 * fit.c: the extent of data robust to strays, the projection that suits
 * it, and the region of the world a view of it needs. The rules are in
 * fit.h and sitmap.1 (PROJECTIONS); tests/unit/test_fit.c holds them to
 * made-up points.
 */
#include "fit.h"

#include <math.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/*
 * v[0 .. n) in ascending order (every value finite). A radix sort of the
 * values' bits, flipped so that they order as unsigned integers: a start
 * fits the view to tens of thousands of places, and qsort()'s call per
 * comparison was a fifth of a warm start on a large export.
 */
static void
sort_doubles(double *v, size_t n)
{
	uint64_t *a = xreallocarray(NULL, n + 1, sizeof *a), *b = xreallocarray(NULL, n + 1,
	    sizeof *b), *t;
	size_t i, count[256];
	int shift;

	for (i = 0; i < n; i++) {
		uint64_t u;

		memcpy(&u, &v[i], sizeof u);
		a[i] = u >> 63 ? ~u : u | (uint64_t)1 << 63;
	}
	for (shift = 0; shift < 64; shift += 8) {
		size_t sum = 0, c;

		memset(count, 0, sizeof count);
		for (i = 0; i < n; i++)
			count[a[i] >> shift & 0xff]++;
		for (i = 0; i < 256; i++) {
			c = count[i];
			count[i] = sum;
			sum += c;
		}
		for (i = 0; i < n; i++)
			b[count[a[i] >> shift & 0xff]++] = a[i];
		t = a, a = b, b = t;
	}
	for (i = 0; i < n; i++) {
		uint64_t u = a[i] >> 63 ? a[i] & ~((uint64_t)1 << 63) : ~a[i];

		memcpy(&v[i], &u, sizeof u);
	}
	free(a);
	free(b);
}

/*
 * Longitudes the short way round: the largest gap between two sorted
 * values is where the data is not. When it is not the one across 180
 * degrees, the values west of it move 360 degrees east. Returns the
 * least longitude that stays (values below it move), or -INFINITY.
 */
static double
unwrap_at(double *xs, size_t m)
{
	double gap, wrap;
	size_t i, at = 0;

	if (m < 2)
		return -INFINITY;
	sort_doubles(xs, m);
	wrap = xs[0] + 360 - xs[m - 1];
	for (gap = -1, i = 0; i + 1 < m; i++)
		if (xs[i + 1] - xs[i] > gap) {
			gap = xs[i + 1] - xs[i];
			at = i + 1;
		}
	return gap > wrap ? xs[at] : -INFINITY;
}

/* The fence of one axis: [lo, hi] beyond which a value is a stray; none (all) with few values. */
static void
fence(double *v, size_t m, double *lo, double *hi)
{
	size_t k = m / FIT_TRIM;
	double w;

	if (m < FIT_FEW) {
		*lo = -INFINITY;
		*hi = INFINITY;
		return;
	}
	if (k < 1)
		k = 1;
	sort_doubles(v, m);
	w = (v[m - 1 - k] - v[k]) * FIT_FENCE;
	if (w < FIT_FENCE_MIN)
		w = FIT_FENCE_MIN;
	*lo = v[k] - w;
	*hi = v[m - 1 - k] + w;
}

size_t
fit_extent(const struct geo_pt *ll, size_t n, struct geo_bbox *out, unsigned char *keep)
{
	double *xs = xcalloc(n + 1, sizeof *xs), *ys = xcalloc(n + 1, sizeof *ys);
	double cut, xlo, xhi, ylo, yhi, d;
	size_t i, m = 0, kept = 0;

	geo_bbox_empty(out);
	for (i = 0; i < n; i++)
		if (isfinite(ll[i].x) && isfinite(ll[i].y))
			xs[m++] = ll[i].x;
	cut = unwrap_at(xs, m);
	for (i = m = 0; i < n; i++)
		if (isfinite(ll[i].x) && isfinite(ll[i].y)) {
			xs[m] = ll[i].x < cut ? ll[i].x + 360 : ll[i].x;
			ys[m++] = ll[i].y;
		}
	fence(xs, m, &xlo, &xhi);
	fence(ys, m, &ylo, &yhi);
	for (i = 0; i < n; i++) {
		double x = ll[i].x < cut ? ll[i].x + 360 : ll[i].x, y = ll[i].y;
		int in = isfinite(x) && isfinite(y) && x >= xlo && x <= xhi && y >= ylo &&
		    y <= yhi;

		if (keep != NULL)
			keep[i] = (unsigned char)in;
		if (in) {
			geo_bbox_add(out, x, y);
			kept++;
		}
	}
	free(xs);
	free(ys);
	if (kept == 0)
		return 0;
	/* all of it east of 180 after all: back where it was */
	if (out->x0 >= 180) {
		out->x0 -= 360;
		out->x1 -= 360;
	}
	if ((d = FIT_MIN_DEG - (out->x1 - out->x0)) > 0) {
		out->x0 -= d / 2;
		out->x1 += d / 2;
	}
	if ((d = FIT_MIN_DEG - (out->y1 - out->y0)) > 0) {
		out->y0 -= d / 2;
		out->y1 += d / 2;
	}
	if (out->y0 < -90)
		out->y0 = -90;
	if (out->y1 > 90)
		out->y1 = 90;
	return kept;
}

static int
inside1(const struct geo_bbox *a, const struct geo_bbox *b, double shift)
{
	return a->x0 + shift >= b->x0 && a->x1 + shift <= b->x1 && a->y0 >= b->y0 &&
	    a->y1 <= b->y1;
}

int
fit_inside(const struct geo_bbox *inner, const struct geo_bbox *outer)
{
	if (inner->x0 > inner->x1 || outer->x0 > outer->x1)
		return 0;
	return inside1(inner, outer, 0) || inside1(inner, outer, 360) ||
	    inside1(inner, outer, -360);
}

const char *
fit_kind_name(enum fit_kind k)
{
	return k == FIT_LCC ? "lcc" : k == FIT_LAEA ? "laea" : "world";
}

/* A longitude in -180 .. 180. */
static double
lon_norm(double lon)
{
	while (lon > 180)
		lon -= 360;
	while (lon < -180)
		lon += 360;
	return lon;
}

enum fit_kind
fit_projection(const struct geo_bbox *e, struct fit_proj *fp, char *buf, size_t len)
{
	double dlat = e->y1 - e->y0, dlon = e->x1 - e->x0;
	long p1 = lround(e->y0 + dlat / 6), p2 = lround(e->y1 - dlat / 6);
	long lat0 = lround((e->y0 + e->y1) / 2), lon0 = lround(lon_norm((e->x0 + e->x1) / 2));

	if (lon0 == -180)
		lon0 = 180;
	fp->lat_0 = (double)lat0;
	fp->lon_0 = (double)lon0;
	fp->lat_1 = fp->lat_2 = 0;
	if (!(dlon <= FIT_WORLD_LON && dlat <= FIT_WORLD_LAT)) {
		fp->kind = FIT_WORLD;
		fp->lat_0 = fp->lon_0 = 0;
		snprintf(buf, len, "+proj=eqearth +datum=WGS84 +units=m");
	} else if (dlat <= FIT_CONIC_LAT && dlon <= FIT_CONIC_LON &&
	    ((p1 > 0 && p2 > 0) || (p1 < 0 && p2 < 0))) {
		/* rounded parallels on one side of the equator: a cone, never a cylinder */
		fp->kind = FIT_LCC;
		fp->lat_1 = (double)p1;
		fp->lat_2 = (double)p2;
		snprintf(buf, len, "+proj=lcc +lat_0=%ld +lon_0=%ld +lat_1=%ld +lat_2=%ld "
		    "+datum=WGS84 +units=m", lat0, lon0, p1, p2);
	} else {
		fp->kind = FIT_LAEA;
		snprintf(buf, len, "+proj=laea +lat_0=%ld +lon_0=%ld +datum=WGS84 +units=m",
		    lat0, lon0);
	}
	return fp->kind;
}

void
fit_region(const struct geo_bbox *e, struct geo_bbox *r)
{
	double w = e->x1 - e->x0, h = e->y1 - e->y0, g = FIT_REGION * (w > h ? w : h);

	if (g < FIT_REGION_MIN)
		g = FIT_REGION_MIN;
	r->x0 = e->x0 - g;
	r->x1 = e->x1 + g;
	r->y0 = e->y0 - g < -90 ? -90 : e->y0 - g;
	r->y1 = e->y1 + g > 90 ? 90 : e->y1 + g;
	if (r->x1 - r->x0 >= 360) {
		double c = (e->x0 + e->x1) / 2;

		r->x0 = c - 180;
		r->x1 = c + 180;
	}
}

int
fit_touches(const struct geo_bbox *s, const struct geo_bbox *r)
{
	struct geo_bbox e = *s, w = *s;

	e.x0 += 360, e.x1 += 360;
	w.x0 -= 360, w.x1 -= 360;
	return geo_bbox_overlaps(s, r) || geo_bbox_overlaps(&e, r) || geo_bbox_overlaps(&w, r);
}

double
fit_round_zoom(double want)
{
	static const double mult[] = { 1, 0.5, 0.2 };
	double p;
	int k;

	for (p = 1; p >= 0.01; p /= 10)
		for (k = 0; k < 3; k++)
			if (p * mult[k] <= want * (1 + 1e-9) && p * mult[k] >= 0.01 * (1 - 1e-9))
				return p * mult[k];
	return 0.01;
}
