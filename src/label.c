/*
 * label.c: groups of places at one site, markers kept apart or clustered,
 * and labels placed where they cover nothing. Everything here works on
 * cells and numbers, so that the rules can be tested with made-up places;
 * render.c turns the result into glyphs.
 */
#include "label.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define NONE	((size_t)-1)

static size_t
find(size_t *up, size_t i)
{
	while (up[i] != i) {
		up[i] = up[up[i]];
		i = up[i];
	}
	return i;
}

static void
unite(size_t *up, size_t a, size_t b)
{
	a = find(up, a);
	b = find(up, b);
	/* the lower index stays the root: groups come out in file order */
	if (a < b)
		up[b] = a;
	else if (b < a)
		up[a] = b;
}

/* qsort has no context argument: the places being sorted */
struct sort_ctx {
	const struct places *pl;
	size_t		 i;
};

static int
by_coords(const void *a, const void *b)
{
	const struct sort_ctx *x = a, *y = b;
	const struct place *p = &x->pl->v[x->i], *q = &y->pl->v[y->i];

	if (p->lat_deg != q->lat_deg)
		return p->lat_deg < q->lat_deg ? -1 : 1;
	if (p->lon_deg != q->lon_deg)
		return p->lon_deg < q->lon_deg ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

static int
by_label(const void *a, const void *b)
{
	const struct sort_ctx *x = a, *y = b;
	const struct place *p = &x->pl->v[x->i], *q = &y->pl->v[y->i];
	int c = strcmp(p->label, q->label);

	if (c != 0)
		return c;
	return by_coords(a, b);
}

static double
km_apart(const struct place *p, const struct place *q)
{
	double dlat = (p->lat_deg - q->lat_deg) * 111.2;
	double dlon = (p->lon_deg - q->lon_deg) * 111.2 *
	    cos((p->lat_deg + q->lat_deg) / 2 * 3.14159265358979 / 180);

	return sqrt(dlat * dlat + dlon * dlon);
}

static int
groupable(const struct place *p)
{
	return !p->unlocated && !isnan(p->lat_deg) && !isnan(p->lon_deg);
}

/* Members in glyph order: kind, then file order. */
static int
by_kind(const void *a, const void *b, void *arg)
{
	const struct places *pl = arg;
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	const struct place *p = &pl->v[i], *q = &pl->v[j];

	if (p->kind != q->kind)
		return p->kind < q->kind ? -1 : 1;
	return i < j ? -1 : i > j;
}

struct mark_groups *
mark_groups_new(const struct places *pl)
{
	struct mark_groups *g = xcalloc(1, sizeof *g);
	size_t n = pl != NULL ? pl->n : 0, i, j, k, *up, *count;
	struct sort_ctx *s;

	g->group_of = xcalloc(n + 1, sizeof *g->group_of);
	g->member = xcalloc(n + 1, sizeof *g->member);
	up = xcalloc(n + 1, sizeof *up);
	s = xcalloc(n + 1, sizeof *s);
	for (i = 0; i < n; i++) {
		up[i] = i;
		s[i].pl = pl;
		s[i].i = i;
	}
	/* the same coordinates */
	qsort(s, n, sizeof *s, by_coords);
	for (i = 1; i < n; i++)
		if (groupable(&pl->v[s[i].i]) && groupable(&pl->v[s[i - 1].i]) &&
		    pl->v[s[i].i].lat_deg == pl->v[s[i - 1].i].lat_deg &&
		    pl->v[s[i].i].lon_deg == pl->v[s[i - 1].i].lon_deg)
			unite(up, s[i].i, s[i - 1].i);
	/* the same label, close by: sorted by latitude within a label, so a window */
	qsort(s, n, sizeof *s, by_label);
	for (i = 0; i < n; i++) {
		const struct place *p = &pl->v[s[i].i];

		if (!groupable(p))
			continue;
		for (j = i + 1; j < n; j++) {
			const struct place *q = &pl->v[s[j].i];

			if (strcmp(p->label, q->label) != 0 ||
			    q->lat_deg - p->lat_deg > MARK_GROUP_KM / 100)
				break;
			if (groupable(q) && km_apart(p, q) <= MARK_GROUP_KM)
				unite(up, s[i].i, s[j].i);
		}
	}
	/* groups numbered by their first place; members counted, then laid out */
	count = xcalloc(n + 1, sizeof *count);
	for (i = 0; i < n; i++) {
		g->group_of[i] = NONE;
		if (!groupable(&pl->v[i]))
			continue;
		if (find(up, i) == i)
			g->group_of[i] = g->n++;
	}
	for (i = 0; i < n; i++)
		if (groupable(&pl->v[i])) {
			g->group_of[i] = g->group_of[find(up, i)];
			count[g->group_of[i]]++;
		}
	g->first = xcalloc(g->n + 1, sizeof *g->first);
	for (k = 0; k < g->n; k++)
		g->first[k + 1] = g->first[k] + count[k];
	memset(count, 0, (n + 1) * sizeof *count);
	for (i = 0; i < n; i++)
		if (g->group_of[i] != NONE) {
			k = g->group_of[i];
			g->member[g->first[k] + count[k]++] = i;
		}
	for (k = 0; k < g->n; k++)
		qsort_r(g->member + g->first[k], g->first[k + 1] - g->first[k],
		    sizeof *g->member, by_kind, (void *)(uintptr_t)pl);
	free(count);
	free(up);
	free(s);
	return g;
}

void
mark_groups_free(struct mark_groups *g)
{
	if (g == NULL)
		return;
	free(g->first);
	free(g->member);
	free(g->group_of);
	free(g);
}

void
mark_grid_init(struct mark_grid *g, int col0, int row0, int cols, int rows)
{
	size_t k, n;

	g->col0 = col0;
	g->row0 = row0;
	g->cols = cols > 0 ? cols : 0;
	g->rows = rows > 0 ? rows : 0;
	n = (size_t)g->cols * (size_t)g->rows;
	g->cell = xcalloc(n ? n : 1, sizeof *g->cell);
	for (k = 0; k < n; k++)
		g->cell[k] = MARK_FREE;
}

void
mark_grid_free(struct mark_grid *g)
{
	free(g->cell);
	g->cell = NULL;
}

int
mark_grid_at(const struct mark_grid *g, int col, int row)
{
	col -= g->col0;
	row -= g->row0;
	if (col < 0 || row < 0 || col >= g->cols || row >= g->rows)
		return MARK_OUTSIDE;
	return g->cell[(size_t)row * (size_t)g->cols + (size_t)col];
}

void
mark_grid_set(struct mark_grid *g, int col, int row, int what)
{
	col -= g->col0;
	row -= g->row0;
	if (col >= 0 && row >= 0 && col < g->cols && row < g->rows)
		g->cell[(size_t)row * (size_t)g->cols + (size_t)col] = what;
}

/* The order of mark_place() (by rank) and mark_label() (by prio, then rank), then index. */
static int
by_rank(const void *a, const void *b, void *arg)
{
	const struct mark_item *v = arg;
	size_t i = *(const size_t *)a, j = *(const size_t *)b;

	if (v[i].rank != v[j].rank)
		return v[i].rank < v[j].rank ? -1 : 1;
	return i < j ? -1 : i > j;
}

static int
by_prio(const void *a, const void *b, void *arg)
{
	const struct mark_item *v = arg;
	size_t i = *(const size_t *)a, j = *(const size_t *)b;

	if (v[i].prio != v[j].prio)
		return v[i].prio < v[j].prio ? -1 : 1;
	return by_rank(a, b, arg);
}

static size_t *
order(const struct mark_item *v, size_t n, int prio)
{
	size_t *o = xcalloc(n + 1, sizeof *o), i;

	for (i = 0; i < n; i++)
		o[i] = i;
	qsort_r(o, n, sizeof *o, prio ? by_prio : by_rank, (void *)(uintptr_t)v);
	return o;
}

static int
is_item(int v)
{
	return v >= 0;
}

/* A marker of w cells from (c, r): its cells free, and no marker or label touching it on its row. */
static int
marker_fits(const struct mark_grid *g, int c, int r, int w)
{
	int k;

	for (k = 0; k < w; k++)
		if (mark_grid_at(g, c + k, r) != MARK_FREE)
			return 0;
	return !is_item(mark_grid_at(g, c - 1, r)) && !is_item(mark_grid_at(g, c + w, r));
}

/*
 * The placed item whose marker is nearest the cell (col, r), among those
 * within two rows and two columns of the run c .. c + w - 1; or NONE.
 */
static size_t
in_the_way(const struct mark_grid *g, int c, int r, int w, int col)
{
	size_t best = NONE;
	int x, y, bestd = INT32_MAX;

	for (y = r - 2; y <= r + 2; y++)
		for (x = c - 2; x < c + w + 2; x++) {
			int v = mark_grid_at(g, x, y), d = abs(x - col) + 2 * abs(y - r);

			if (is_item(v) && v % 2 == 0 && d < bestd) {
				bestd = d;
				best = (size_t)(v / 2);
			}
		}
	return best;
}

void
mark_place(struct mark_grid *g, struct mark_item *v, size_t n)
{
	/* where a marker may stand: its cell, a step aside, then two along its row */
	static const int moves[][2] = { { 0, 0 }, { 1, 0 }, { -1, 0 }, { 0, -1 }, { 0, 1 },
	    { 1, -1 }, { -1, -1 }, { 1, 1 }, { -1, 1 }, { 2, 0 }, { -2, 0 } };
	size_t *o = order(v, n, 0), k, i;

	for (i = 0; i < n; i++) {
		v[i].placed = 0;
		v[i].cluster = NONE;
		v[i].joined = 0;
		v[i].pos = -1;
		if (v[i].width < 1)
			v[i].width = 1;
	}
	for (k = 0; k < n; k++) {
		struct mark_item *it = &v[o[k]];
		int c = it->col - (it->width - 1) / 2, m;
		size_t who;

		if (mark_grid_at(g, it->col, it->row) == MARK_OUTSIDE)
			continue;
		for (m = 0; m < (int)(sizeof moves / sizeof moves[0]); m++)
			if (marker_fits(g, c + moves[m][0], it->row + moves[m][1], it->width))
				break;
		if (m < (int)(sizeof moves / sizeof moves[0])) {
			int x;

			it->placed = 1;
			it->mcol = c + moves[m][0];
			it->mrow = it->row + moves[m][1];
			it->cluster = o[k];
			for (x = 0; x < it->width; x++)
				mark_grid_set(g, it->mcol + x, it->mrow, (int)(2 * o[k]));
			continue;
		}
		if ((who = in_the_way(g, c, it->row, it->width, it->col)) != NONE) {
			it->cluster = who;
			v[who].joined++;
		}
	}
	free(o);
}

void
mark_label_at(const struct mark_item *it, enum mark_pos pos, int *col, int *row)
{
	int lw = it->label_width, w = it->width;

	*row = it->mrow + (pos == MARK_ABOVE || pos == MARK_ABOVE_RIGHT ||
	    pos == MARK_ABOVE_LEFT ? -1 : pos == MARK_RIGHT || pos == MARK_LEFT ? 0 : 1);
	switch (pos) {
	case MARK_RIGHT:
		*col = it->mcol + w + 1;
		break;
	case MARK_LEFT:
		*col = it->mcol - 1 - lw;
		break;
	case MARK_ABOVE:
	case MARK_BELOW:
		*col = it->mcol + w / 2 - lw / 2;
		break;
	case MARK_ABOVE_RIGHT:
	case MARK_BELOW_RIGHT:
		*col = it->mcol + w;
		break;
	default:
		*col = it->mcol - lw;
		break;
	}
}

/* Nothing of another item and nothing blocked at (c, r): what may touch a label. */
static int
may_touch(const struct mark_grid *g, int c, int r, size_t self)
{
	int v = mark_grid_at(g, c, r);

	return v != MARK_BLOCKED && !(is_item(v) && (size_t)(v / 2) != self);
}

/*
 * The label's cells free, and the cells either side of it on its row not
 * another item's nor blocked; beside its own marker, a free blank between.
 */
static int
label_fits(const struct mark_grid *g, const struct mark_item *it, size_t self,
    enum mark_pos pos)
{
	int c, r, k, lw = it->label_width;

	mark_label_at(it, pos, &c, &r);
	for (k = 0; k < lw; k++)
		if (mark_grid_at(g, c + k, r) != MARK_FREE)
			return 0;
	if (pos == MARK_RIGHT)
		return mark_grid_at(g, c - 1, r) == MARK_FREE && may_touch(g, c + lw, r, self);
	if (pos == MARK_LEFT)
		return mark_grid_at(g, c + lw, r) == MARK_FREE && may_touch(g, c - 1, r, self);
	return may_touch(g, c - 1, r, self) && may_touch(g, c + lw, r, self);
}

void
mark_label(struct mark_grid *g, struct mark_item *v, size_t n)
{
	size_t *o = order(v, n, 1), k;

	for (k = 0; k < n; k++) {
		struct mark_item *it = &v[o[k]];
		int p, c, r, x;

		it->pos = -1;
		if (!it->placed || it->label_width <= 0)
			continue;
		for (p = 0; p < MARK_NPOS; p++)
			if (label_fits(g, it, o[k], (enum mark_pos)p))
				break;
		if (p == MARK_NPOS)
			continue;
		it->pos = p;
		mark_label_at(it, (enum mark_pos)p, &c, &r);
		it->lcol = c;
		it->lrow = r;
		for (x = 0; x < it->label_width; x++)
			mark_grid_set(g, c + x, r, (int)(2 * o[k] + 1));
		if (p == MARK_RIGHT)
			mark_grid_set(g, c - 1, r, (int)(2 * o[k] + 1));
		else if (p == MARK_LEFT)
			mark_grid_set(g, c + it->label_width, r, (int)(2 * o[k] + 1));
	}
	free(o);
}
