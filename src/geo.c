/* geo.c: boxes, breaks, levels of detail (large layers on two threads), attributes, lifetime. */
#include "geo.h"

#include <assert.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
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

/*
 * Adds n points to a box, in a loop of min/max instructions: it runs over
 * every vertex read. A NAN (a break, a point PROJ could not project)
 * compares false and leaves the box be; nothing here is ever infinite
 * (shp.c and prj.c see to that), so this agrees with geo_bbox_add().
 */
static void
box_add_points(struct geo_bbox *b, const struct geo_pt *pts, size_t n)
{
	double x0 = b->x0, y0 = b->y0, x1 = b->x1, y1 = b->y1;
	size_t i;

	for (i = 0; i < n; i++) {
		double x = pts[i].x, y = pts[i].y;

		x0 = x < x0 ? x : x0;
		x1 = x > x1 ? x : x1;
		y0 = y < y0 ? y : y0;
		y1 = y > y1 ? y : y1;
	}
	b->x0 = x0, b->y0 = y0, b->x1 = x1, b->y1 = y1;
}

/* Each shape's box from the given parts and points, and their union. */
static void
shape_boxes(const struct geo_layer *l, const uint32_t *parts, const struct geo_pt *pts,
    struct geo_bbox *boxes, struct geo_bbox *all)
{
	size_t s, p;

	geo_bbox_empty(all);
	for (s = 0; s < l->nshapes; s++) {
		const struct geo_shape *sh = &l->shapes[s];

		geo_bbox_empty(&boxes[s]);
		for (p = sh->first_part; p < (size_t)sh->first_part + sh->nparts; p++)
			box_add_points(&boxes[s], pts + parts[p], parts[p + 1] - parts[p]);
		geo_bbox_union(all, &boxes[s]);
	}
}

void
geo_layer_update_bbox(struct geo_layer *l)
{
	size_t s, p;

	geo_bbox_empty(&l->bbox);
	for (s = 0; s < l->nshapes; s++) {
		struct geo_shape *sh = &l->shapes[s];

		geo_bbox_empty(&sh->bbox);
		for (p = sh->first_part; p < (size_t)sh->first_part + sh->nparts; p++)
			box_add_points(&sh->bbox, l->pts + l->parts[p], l->parts[p + 1] - l->parts[p]);
		geo_bbox_union(&l->bbox, &sh->bbox);
	}
}

/*
 * A large layer is worked on in two threads, each over about half of the
 * vertices (whole parts): the other core is idle once PROJ has loaded.
 */
#define SPLIT_POINTS	131072

struct half {
	const struct geo_layer	*l;
	size_t			 p0, p1;	/* the parts */
	void			(*fn)(struct half *);
	/* decimate: the level's vertices of these parts, and their starts in it */
	double			 tol;
	int			 count_only;
	struct geo_pt		*out;
	size_t			 n;
	uint32_t		*parts;		/* the level's table: entries p0 .. p1 - 1 */
	/* find_cuts: where breaks go */
	const struct geo_bbox	*clip;
	size_t			*at, nat, cap;
};

static void *
run_half(void *arg)
{
	struct half *h = arg;

	h->fn(h);
	return NULL;
}

/* Runs fn over the parts in two halves, the second in a thread if the layer is large. */
static void
in_halves(struct half h[2], void (*fn)(struct half *))
{
	const struct geo_layer *l = h[0].l;
	size_t lo = 0, hi = l->nparts, mid = l->nparts;
	pthread_t t;

	if (l->npts >= SPLIT_POINTS) {
		while (lo < hi) {	/* the first part that starts past the middle */
			size_t m = lo + (hi - lo) / 2;

			if (l->parts[m] < l->npts / 2)
				lo = m + 1;
			else
				hi = m;
		}
		mid = lo;
	}
	h[1] = h[0];
	h[0].p0 = 0, h[0].p1 = mid;
	h[1].p0 = mid, h[1].p1 = l->nparts;
	h[0].fn = h[1].fn = fn;
	if (mid > 0 && mid < l->nparts && pthread_create(&t, NULL, run_half, &h[1]) == 0) {
		fn(&h[0]);
		pthread_join(t, NULL);
	} else {
		fn(&h[0]);
		fn(&h[1]);
	}
}

/*
 * Level at tolerance tol of some parts: of each part its ends, its breaks
 * and every vertex at least tol (on either axis) from the last one kept; a
 * part smaller than tol on both axes keeps only its first vertex, a dot.
 * The array is sized for every input vertex but only what is written
 * becomes memory. With count_only, every vertex is written over one slot:
 * the size of a level without its memory.
 */
static void
decimate(struct half *h)
{
	const struct geo_pt *in = h->l->pts;
	const uint32_t *in_parts = h->l->parts;
	double tol = h->tol;
	size_t p, i, n = 0, slot = h->count_only ? 0 : SIZE_MAX;	/* out[n & slot] */
	struct geo_pt *out = xmalloc(((h->count_only ? 0 :
	    in_parts[h->p1] - in_parts[h->p0]) + 1) * sizeof *out);

	for (p = h->p0; p < h->p1; p++) {
		size_t first = in_parts[p], last = in_parts[p + 1], start = n;
		double x0, x1, y0, y1, kx, ky;

		if (h->parts != NULL)
			h->parts[p] = (uint32_t)n;
		if (first == last)
			continue;
		out[n++ & slot] = in[first];
		x0 = x1 = in[first].x, y0 = y1 = in[first].y;
		/*
		 * Most vertices go at the coarse levels, the ones a cold start
		 * builds: the branch is predicted to drop. NAN compares false,
		 * so a break stays, so does the vertex after it, and neither
		 * moves the box.
		 */
		kx = in[first].x, ky = in[first].y;
		for (i = first + 1; i + 1 < last; i++) {
			struct geo_pt v = in[i];
			int keep = !((fabs(v.x - kx) < tol) & (fabs(v.y - ky) < tol));

			x0 = v.x < x0 ? v.x : x0, x1 = v.x > x1 ? v.x : x1;
			y0 = v.y < y0 ? v.y : y0, y1 = v.y > y1 ? v.y : y1;
			if (__builtin_expect(keep, 0)) {
				out[n++ & slot] = v;
				kx = v.x, ky = v.y;
			}
		}
		if (last - first > 1) {
			struct geo_pt v = in[last - 1];

			x0 = v.x < x0 ? v.x : x0, x1 = v.x > x1 ? v.x : x1;
			y0 = v.y < y0 ? v.y : y0, y1 = v.y > y1 ? v.y : y1;
			out[n++ & slot] = v;
		}
		if (x1 - x0 < tol && y1 - y0 < tol)
			n = start + 1;
	}
	h->out = out;
	h->n = n;
}

static void
free_lod(struct geo_lod *lod)
{
	free(lod->parts);
	free(lod->pts);
	free(lod->boxes);
	memset(lod, 0, sizeof *lod);
}

void
geo_layer_build_level(struct geo_layer *l, int k)
{
	static const double tol[GEO_NLOD] = GEO_LOD_TOLERANCES;

	struct geo_lod *lod = &l->lod[k];
	struct half h[2];
	size_t p;

	assert(l->store.block == NULL && l->in_degrees && k >= 0 && k < l->nlod);
	free_lod(lod);
	memset(h, 0, sizeof h);
	h[0].l = l;
	h[0].tol = tol[k];
	/* the finest level is the one that may keep too much: counted before it is stored */
	if (k == 0) {
		h[0].count_only = 1;
		in_halves(h, decimate);
		free(h[0].out);
		free(h[1].out);
		if (h[0].n + h[1].n > l->npts / 2) {
			lod->absent = 1;
			return;
		}
		h[0].count_only = 0;
	}
	lod->parts = xcalloc(l->nparts + 1, sizeof *lod->parts);
	h[0].parts = lod->parts;
	in_halves(h, decimate);
	/* the second half follows the first: its starts move up by the first's size */
	for (p = h[1].p0; p < h[1].p1; p++)
		lod->parts[p] += (uint32_t)h[0].n;
	lod->npts = h[0].n + h[1].n;
	lod->parts[l->nparts] = (uint32_t)lod->npts;
	lod->pts = xreallocarray(h[0].out, lod->npts ? lod->npts : 1, sizeof *lod->pts);
	memcpy(lod->pts + h[0].n, h[1].out, h[1].n * sizeof *lod->pts);
	free(h[1].out);
	if (lod->npts > l->npts / 2) {
		free_lod(lod);
		lod->absent = 1;
		return;
	}
	if (k == geo_layer_coarsest(l)) {
		geo_bbox_empty(&l->deg_bbox);
		box_add_points(&l->deg_bbox, l->lod[k].pts, l->lod[k].npts);
	}
}

int
geo_layer_coarsest(const struct geo_layer *l)
{
	int k;

	for (k = l->nlod - 1; k >= 0 && l->lod[k].absent; k--)
		;
	return k;
}

/* Map units per degree over the coarsest level's extent; 1 when it has none. */
static double
units_per_deg(const struct geo_bbox *deg, const struct geo_bbox *map)
{
	double u = 0;

	if (deg->x1 - deg->x0 > 1e-9)
		u = (map->x1 - map->x0) / (deg->x1 - deg->x0);
	if (deg->y1 - deg->y0 > 1e-9 && (map->y1 - map->y0) / (deg->y1 - deg->y0) > u)
		u = (map->y1 - map->y0) / (deg->y1 - deg->y0);
	return isfinite(u) && u > 0 ? u : 1;
}

void
geo_lod_projected(struct geo_layer *l, int k)
{
	struct geo_bbox all;
	size_t n, c;

	assert(l->store.block == NULL);
	if (k >= 0) {
		struct geo_lod *lod = &l->lod[k];

		free(lod->boxes);
		lod->boxes = xcalloc(l->nshapes ? l->nshapes : 1, sizeof *lod->boxes);
		shape_boxes(l, lod->parts, lod->pts, lod->boxes, &all);
	} else {
		struct geo_bbox keep = l->bbox;	/* the coarsest level sets it, below */

		geo_layer_update_bbox(l);
		all = l->bbox;
		l->bbox = keep;
		n = l->npts / GEO_CHUNK + 1;
		free(l->chunks);
		l->chunks = xcalloc(n, sizeof *l->chunks);
		for (c = 0; c < n; c++) {
			geo_bbox_empty(&l->chunks[c]);
			box_add_points(&l->chunks[c], l->pts + c * GEO_CHUNK,
			    l->npts - c * GEO_CHUNK < GEO_CHUNK + 1 ? l->npts - c * GEO_CHUNK : GEO_CHUNK + 1);
		}
		l->in_degrees = 0;
	}
	if (k == geo_layer_coarsest(l)) {
		/* a layer without levels is its own coarsest: its box in degrees is bbox */
		l->units_per_deg = units_per_deg(k < 0 ? &l->bbox : &l->deg_bbox, &all);
		l->bbox = all;
	}
}

int
geo_layer_level(const struct geo_layer *l, double units_per_px)
{
	static const double tol[GEO_NLOD] = GEO_LOD_TOLERANCES;
	int k;

	for (k = l->nlod - 1; k >= 0; k--)
		if (!l->lod[k].absent && tol[k] * l->units_per_deg * 3 <= units_per_px)
			return k;
	return -1;
}

int
geo_layer_level_ready(const struct geo_layer *l, int k)
{
	return k < 0 ? !l->in_degrees : l->lod[k].boxes != NULL;
}

static void *
copy_of(const void *p, size_t n, size_t size)
{
	void *q = xreallocarray(NULL, n ? n : 1, size);

	memcpy(q, p, n * size);
	return q;
}

int
geo_layer_adopt(struct geo_layer *dst, const struct geo_layer *src)
{
	size_t s;
	int k;

	assert(dst->store.block == NULL && dst->in_degrees);
	if (dst->kind != src->kind || dst->nlod != src->nlod || dst->nshapes != src->nshapes ||
	    dst->nparts != src->nparts || dst->npts != src->npts ||
	    memcmp(dst->parts, src->parts, (dst->nparts + 1) * sizeof *dst->parts) != 0)
		return -1;
	for (s = 0; s < dst->nshapes; s++)
		if (dst->shapes[s].first_part != src->shapes[s].first_part ||
		    dst->shapes[s].nparts != src->shapes[s].nparts)
			return -1;
	for (k = 0; k < dst->nlod; k++) {
		struct geo_lod *d = &dst->lod[k];
		const struct geo_lod *o = &src->lod[k];

		if (d->boxes != NULL || (!o->absent && o->boxes == NULL))
			continue;
		free_lod(d);
		if (o->absent) {
			d->absent = 1;
			continue;
		}
		d->npts = o->npts;
		d->parts = copy_of(o->parts, dst->nparts + 1, sizeof *d->parts);
		d->pts = copy_of(o->pts, o->npts, sizeof *d->pts);
		d->boxes = copy_of(o->boxes, dst->nshapes, sizeof *d->boxes);
	}
	/* the coarsest level was projected, or the layer has none: its extent and scale */
	if (geo_layer_level_ready(src, geo_layer_coarsest(src))) {
		dst->bbox = src->bbox;
		dst->units_per_deg = src->units_per_deg;
	}
	return 0;
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

/* Whether the edge a-b is one geo_layer_break() cuts. */
static inline int
cut_edge(const struct geo_pt *a, const struct geo_pt *b, const struct geo_bbox *clip)
{
	if (fabs(a->x - b->x) > 180)
		return 1;
	return clip != NULL &&
	    ((a->x == b->x && (a->x == clip->x0 || a->x == clip->x1)) ||
	    (a->y == b->y && (a->y == clip->y0 || a->y == clip->y1)));
}

/* The vertex indexes of some parts a break goes before, ascending. */
static void
find_cuts(struct half *h)
{
	const struct geo_layer *l = h->l;
	size_t p, i;

	for (p = h->p0; p < h->p1; p++)
		for (i = (size_t)l->parts[p] + 1; i < l->parts[p + 1]; i++)
			if (__builtin_expect(cut_edge(&l->pts[i - 1], &l->pts[i], h->clip), 0)) {
				if (h->nat == h->cap) {
					h->cap = h->cap ? 2 * h->cap : 64;
					h->at = xreallocarray(h->at, h->cap, sizeof *h->at);
				}
				h->at[h->nat++] = i;
			}
}

size_t
geo_layer_break(struct geo_layer *l, const struct geo_bbox *clip)
{
	struct half h[2];
	size_t p, j, b, end, nbreaks, *at;

	memset(h, 0, sizeof h);
	h[0].l = l;
	h[0].clip = clip;
	in_halves(h, find_cuts);
	nbreaks = h[0].nat + h[1].nat;
	if (nbreaks == 0)
		return 0;
	at = xreallocarray(h[0].at, nbreaks, sizeof *at);
	if (h[1].nat > 0)
		memcpy(at + h[0].nat, h[1].at, h[1].nat * sizeof *at);
	free(h[1].at);
	/*
	 * In place, from the end, a run of vertices at a time: a point only
	 * ever moves up, past points already moved, so no second array (a
	 * world map's worth) is needed, and what lies before the first break
	 * stays where it is.
	 */
	l->pts = xreallocarray(l->pts, l->npts + nbreaks, sizeof *l->pts);
	end = l->npts;
	for (b = nbreaks; b-- > 0;) {
		j = at[b] + b + 1;	/* where vertex at[b] goes */
		memmove(&l->pts[j], &l->pts[at[b]], (end - at[b]) * sizeof *l->pts);
		l->pts[j - 1].x = NAN;
		l->pts[j - 1].y = NAN;
		end = at[b];
	}
	/* a part gains the breaks before its first vertex and those inside it */
	for (p = 0, b = 0; p <= l->nparts; p++) {
		while (b < nbreaks && at[b] < l->parts[p])
			b++;
		l->parts[p] += (uint32_t)b;
	}
	l->npts += nbreaks;
	free(at);
	return nbreaks;
}

/* Gives back a store's block (freed or unmapped); an empty store is fine. */
static void
store_release(struct geo_store *st)
{
	if (st->block != NULL && st->mapped > 0)
		munmap(st->block, st->mapped);
	else
		free(st->block);
	st->block = NULL;
	st->mapped = 0;
}

void
geo_layer_free(struct geo_layer *l)
{
	size_t i;

	if (l == NULL)
		return;
	/* the arrays and strings are the layer's own, or all in its store's block */
	if (l->store.block == NULL) {
		for (i = 0; l->fields != NULL && i < l->nfields; i++)
			free(l->fields[i]);
		for (i = 0; l->attrs != NULL && i < l->nshapes * l->nfields; i++)
			free(l->attrs[i]);
		free(l->shapes);
		free(l->parts);
		free(l->pts);
		free(l->chunks);
		for (i = 0; i < GEO_NLOD; i++)
			free_lod(&l->lod[i]);
	}
	store_release(&l->store);
	free(l->fields);
	free(l->attrs);
	free(l->name);
	free(l->path);
	free(l);
}

size_t
geo_layer_cut(struct geo_layer *l, const unsigned char *keep)
{
	size_t s, k = 0, np = 0, nv = 0, f, p;

	assert(l->store.block == NULL && l->nlod == 0 && l->chunks == NULL);
	for (s = 0; s < l->nshapes; s++) {
		struct geo_shape sh = l->shapes[s];

		if (!keep[s]) {
			for (f = 0; l->attrs != NULL && f < l->nfields; f++)
				free(l->attrs[s * l->nfields + f]);
			continue;
		}
		for (f = 0; l->attrs != NULL && f < l->nfields; f++)
			l->attrs[k * l->nfields + f] = l->attrs[s * l->nfields + f];
		/* parts and points move down, in order: nothing kept is overwritten first */
		for (p = sh.first_part; p < (size_t)sh.first_part + sh.nparts; p++) {
			uint32_t a = l->parts[p], b = l->parts[p + 1];

			memmove(l->pts + nv, l->pts + a, (b - a) * sizeof *l->pts);
			l->parts[np++] = (uint32_t)nv;
			nv += b - a;
		}
		l->shapes[k] = sh;
		l->shapes[k].first_part = (uint32_t)(np - sh.nparts);
		k++;
	}
	l->parts[np] = (uint32_t)nv;
	l->nshapes = k;
	l->nparts = np;
	l->npts = nv;
	geo_layer_update_bbox(l);
	return k;
}
