/* geo.c: bounding boxes, attribute lookup and layer lifetime. */
#include "geo.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <strings.h>
#include <sys/mman.h>

#include "util.h"

void
geo_bbox_empty(struct geo_bbox *b)
{
	b->x0 = b->y0 = INFINITY;
	b->x1 = b->y1 = -INFINITY;
}

void
geo_bbox_add(struct geo_bbox *b, double x, double y)
{
	if (!isfinite(x) || !isfinite(y))
		return;
	if (x < b->x0)
		b->x0 = x;
	if (x > b->x1)
		b->x1 = x;
	if (y < b->y0)
		b->y0 = y;
	if (y > b->y1)
		b->y1 = y;
}

void
geo_bbox_union(struct geo_bbox *b, const struct geo_bbox *o)
{
	if (o->x0 > o->x1)
		return;
	geo_bbox_add(b, o->x0, o->y0);
	geo_bbox_add(b, o->x1, o->y1);
}

int
geo_bbox_overlaps(const struct geo_bbox *a, const struct geo_bbox *b)
{
	return a->x0 <= b->x1 && b->x0 <= a->x1 && a->y0 <= b->y1 &&
	    b->y0 <= a->y1;
}

void
geo_layer_update_bbox(struct geo_layer *l)
{
	size_t s, p, i;

	geo_bbox_empty(&l->bbox);
	for (s = 0; s < l->nshapes; s++) {
		struct geo_shape *sh = &l->shapes[s];

		geo_bbox_empty(&sh->bbox);
		for (p = sh->first_part; p < (size_t)sh->first_part + sh->nparts; p++)
			for (i = l->parts[p]; i < l->parts[p + 1]; i++)
				geo_bbox_add(&sh->bbox, l->pts[i].x, l->pts[i].y);
		geo_bbox_union(&l->bbox, &sh->bbox);
	}
}

/* Vertices kept at tolerance tol, written to out (counted only when out is NULL). */
static size_t
decimate(const struct geo_layer *l, double tol, uint32_t *parts, struct geo_pt *out)
{
	size_t p, i, n = 0;

	for (p = 0; p < l->nparts; p++) {
		size_t first = l->parts[p], last = l->parts[p + 1];
		struct geo_pt kept = { NAN, NAN };

		if (parts != NULL)
			parts[p] = (uint32_t)n;
		for (i = first; i < last; i++) {
			const struct geo_pt *v = &l->pts[i];

			/* breaks and the ends of each part always stay */
			if (i == first || i + 1 == last || isnan(v->x) || isnan(kept.x) ||
			    fabs(v->x - kept.x) >= tol || fabs(v->y - kept.y) >= tol) {
				if (out != NULL)
					out[n] = *v;
				n++;
				kept = *v;
			}
		}
	}
	if (parts != NULL)
		parts[l->nparts] = (uint32_t)n;
	return n;
}

/* Two passes, so that a level never costs a full-size array, even for a moment. */
static void
build_lod(const struct geo_layer *l, struct geo_lod *lod, double tol)
{
	lod->npts = decimate(l, tol, NULL, NULL);
	lod->parts = xcalloc(l->nparts + 1, sizeof *lod->parts);
	lod->pts = xcalloc(lod->npts ? lod->npts : 1, sizeof *lod->pts);
	decimate(l, tol, lod->parts, lod->pts);
}

void
geo_layer_index(struct geo_layer *l)
{
	static const double tol[GEO_NLOD] = GEO_LOD_TOLERANCES;
	size_t n = l->npts / GEO_CHUNK + 1, k, i;

	assert(l->blob == NULL);
	for (k = 0; k < GEO_NLOD; k++) {
		free(l->lod[k].parts);
		free(l->lod[k].pts);
		build_lod(l, &l->lod[k], tol[k]);
	}

	free(l->chunks);
	l->chunks = xcalloc(n, sizeof *l->chunks);
	for (k = 0; k < n; k++) {
		size_t end = (k + 1) * GEO_CHUNK;

		geo_bbox_empty(&l->chunks[k]);
		for (i = k * GEO_CHUNK; i <= end && i < l->npts; i++)
			geo_bbox_add(&l->chunks[k], l->pts[i].x, l->pts[i].y);
	}
}

int
geo_layer_field(const struct geo_layer *l, const char *name)
{
	size_t i;

	for (i = 0; i < l->nfields; i++)
		if (strcasecmp(l->fields[i], name) == 0)
			return (int)i;
	return -1;
}

const char *
geo_layer_attr(const struct geo_layer *l, size_t s, int f)
{
	if (f < 0 || (size_t)f >= l->nfields || s >= l->nshapes)
		return "";
	return l->attrs[s * l->nfields + (size_t)f];
}

double
geo_ring_area(const struct geo_pt *pts, size_t n)
{
	double a = 0;
	size_t i;

	for (i = 0; i + 1 < n; i++)
		a += pts[i].x * pts[i + 1].y - pts[i + 1].x * pts[i].y;
	return a / 2;
}

size_t
geo_layer_break(struct geo_layer *l,
    int (*cut)(const struct geo_pt *, const struct geo_pt *, void *), void *ctx)
{
	size_t p, i, j, end, breaks = 0;

	for (p = 0; p < l->nparts; p++)
		for (i = (size_t)l->parts[p] + 1; i < l->parts[p + 1]; i++)
			breaks += cut(&l->pts[i - 1], &l->pts[i], ctx) != 0;
	if (breaks == 0)
		return 0;
	/*
	 * In place, from the end: a point only ever moves up, past points
	 * already read, so no second array (a world map's worth) is needed.
	 */
	l->pts = xreallocarray(l->pts, l->npts + breaks, sizeof *l->pts);
	j = l->npts + breaks;
	end = l->npts;
	l->parts[l->nparts] = (uint32_t)j;
	for (p = l->nparts; p-- > 0;) {
		size_t first = l->parts[p];

		for (i = end; i-- > first;) {
			int c = i > first && cut(&l->pts[i - 1], &l->pts[i], ctx);

			l->pts[--j] = l->pts[i];
			if (c) {
				l->pts[--j].x = NAN;
				l->pts[j].y = NAN;
			}
		}
		l->parts[p] = (uint32_t)j;
		end = first;
	}
	l->npts += breaks;
	return breaks;
}

void
geo_layer_free(struct geo_layer *l)
{
	size_t i;

	if (l == NULL)
		return;
	if (l->strings == NULL && l->blob == NULL) {
		for (i = 0; i < l->nfields; i++)
			free(l->fields[i]);
		for (i = 0; i < l->nshapes * l->nfields; i++)
			free(l->attrs[i]);
	}
	free(l->strings);
	free(l->fields);
	free(l->attrs);
	if (l->blob == NULL) {
		free(l->shapes);
		free(l->parts);
		free(l->pts);
		free(l->chunks);
		for (i = 0; i < GEO_NLOD; i++) {
			free(l->lod[i].parts);
			free(l->lod[i].pts);
		}
	}
	if (l->blob_mapped > 0)
		munmap(l->blob, l->blob_mapped);
	else
		free(l->blob);
	free(l->name);
	free(l->path);
	free(l);
}
