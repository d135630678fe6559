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
#include <stdio.h>
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

/*
 * What the sorts compare, copied out of the places: reaching each through
 * its place was a cache miss per comparison (an export has a place per
 * location, 90,000 of them).
 */
struct sort_ctx {
	double		 lat, lon;
	const char	*label;
	size_t		 i;
	uint32_t	 label_hash;	/* equal labels sort together: strcmp() only on a tie */
};

static int
by_coords(const void *a, const void *b)
{
	const struct sort_ctx *x = a, *y = b;

	if (x->lat != y->lat)
		return x->lat < y->lat ? -1 : 1;
	if (x->lon != y->lon)
		return x->lon < y->lon ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

static int
by_label(const void *a, const void *b)
{
	const struct sort_ctx *x = a, *y = b;
	int c;

	if (x->label_hash != y->label_hash)
		return x->label_hash < y->label_hash ? -1 : 1;
	if ((c = strcmp(x->label, y->label)) != 0)
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
		s[i].lat = pl->v[i].lat_deg;
		s[i].lon = pl->v[i].lon_deg;
		s[i].label = pl->v[i].label;
		s[i].i = i;
		s[i].label_hash = util_hash(pl->v[i].label, strlen(pl->v[i].label));
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

/* The version of the rules above: a change to them makes cached groups stale. */
#define MARK_GROUPS_RULES	1

uint64_t *
mark_groups_words(const struct mark_groups *g, size_t np, size_t *nwords)
{
	size_t m = g->first[g->n], i, k = 0;
	uint64_t *w = xreallocarray(NULL, 2 + g->n + 1 + m + np, sizeof *w);

	w[k++] = MARK_GROUPS_RULES;
	w[k++] = g->n;
	for (i = 0; i <= g->n; i++)
		w[k++] = g->first[i];
	for (i = 0; i < m; i++)
		w[k++] = g->member[i];
	for (i = 0; i < np; i++)
		w[k++] = g->group_of[i];
	*nwords = k;
	return w;
}

struct mark_groups *
mark_groups_from_words(const struct places *pl, const uint64_t *w, size_t nw)
{
	struct mark_groups *g;
	size_t np = pl != NULL ? pl->n : 0, n, m, i, k;
	unsigned char *seen;

	/* read where they lie: as size_t, which must be the words' size */
	if (sizeof(size_t) != sizeof(uint64_t) || w == NULL || nw < 3 ||
	    w[0] != MARK_GROUPS_RULES || (n = w[1]) > np || nw - 2 < n + 1)
		return NULL;
	m = w[2 + n];
	if (m > np || nw != 2 + n + 1 + m + np || w[2] != 0)
		return NULL;
	g = xcalloc(1, sizeof *g);
	g->borrowed = 1;
	g->n = n;
	g->first = (size_t *)(uintptr_t)(w + 2);
	g->member = g->first + n + 1;
	g->group_of = g->member + m;
	seen = xcalloc(np / 8 + 1, 1);
	/* each member once, in the group its place says */
	for (k = 0; k < n; k++) {
		if (g->first[k + 1] <= g->first[k])
			goto bad;
		for (i = g->first[k]; i < g->first[k + 1]; i++) {
			size_t p = g->member[i];

			if (p >= np || g->group_of[p] != k || seen[p / 8] & (1u << p % 8))
				goto bad;
			seen[p / 8] |= (unsigned char)(1u << p % 8);
		}
	}
	/* and every place in a group among them */
	for (i = 0; i < np; i++)
		if (g->group_of[i] != NONE && !(seen[i / 8] & (1u << i % 8)))
			goto bad;
	free(seen);
	return g;
bad:
	free(seen);
	free(g);
	return NULL;
}

void
mark_group_text(const struct mark_groups *g, const struct places *pl, const enum status *status,
    const unsigned char *attacked, size_t k, char *buf, size_t n)
{
	size_t j, used = 0, m = g->first[k + 1] - g->first[k];

	if (n == 0)
		return;
	buf[0] = '\0';
	if (m > 1)
		used = (size_t)snprintf(buf, n, "%s (%zu places): ",
		    pl->v[g->member[g->first[k]]].label, m);
	for (j = g->first[k]; j < g->first[k + 1] && used < n; j++) {
		size_t i = g->member[j];
		enum status st = status != NULL ? status[i] : pl->v[i].initial;
		const char *what = attacked != NULL && attacked[i] ? "attacked that day" :
		    st == STATUS_NONE ? "no status" : status_label(st);

		used += (size_t)snprintf(buf + used, n - used, m == 1 ? "%s%s: %s" : "%s%s, %s",
		    j == g->first[k] ? "" : "; ", pl->v[i].name, what);
	}
}

void
mark_groups_free(struct mark_groups *g)
{
	if (g == NULL)
		return;
	if (!g->borrowed) {
		free(g->first);
		free(g->member);
		free(g->group_of);
	}
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
 * The placed item whose marker (label: 1, the room kept for it while
 * markers are placed) is nearest the cell (col, r), among those within two
 * rows and two columns of the run c .. c + w - 1; or NONE.
 */
static size_t
in_the_way(const struct mark_grid *g, int c, int r, int w, int col, int label)
{
	size_t best = NONE;
	int x, y, bestd = INT32_MAX;

	for (y = r - 2; y <= r + 2; y++)
		for (x = c - 2; x < c + w + 2; x++) {
			int v = mark_grid_at(g, x, y), d = abs(x - col) + 2 * abs(y - r);

			if (is_item(v) && v % 2 == label && d < bestd) {
				bestd = d;
				best = (size_t)(v / 2);
			}
		}
	return best;
}

/*
 * The placed item nearest item i, by their true positions, within radius
 * cells (a row counting two), or NONE.
 */
static size_t
near_marker(const struct mark_grid *g, const struct mark_item *v, size_t i, int radius)
{
	size_t best = NONE;
	double bestd = radius + 1e-9;
	int x, y;

	for (y = v[i].row - radius / 2 - 1; y <= v[i].row + radius / 2 + 1; y++)
		for (x = v[i].col - radius - 2; x <= v[i].col + radius + 2; x++) {
			int c = mark_grid_at(g, x, y);
			size_t j;
			double dx, dy, d;

			if (!is_item(c) || c % 2 != 0)
				continue;
			j = (size_t)(c / 2);
			dx = v[j].x - v[i].x;
			dy = 2 * (v[j].y - v[i].y);
			d = sqrt(dx * dx + dy * dy);
			if (d < bestd || (d == bestd && j < best)) {
				bestd = d;
				best = j;
			}
		}
	return best;
}

static int label_fits(const struct mark_grid *, const struct mark_item *, size_t,
    enum mark_pos);

/*
 * Keeps the room of item i's label at pos (-1: the first position where it
 * fits), as wide as it is with " +9" (sites may join it) or as its name
 * alone: its cells and MARK_CLEAR cells on each side of them on its row,
 * so that no marker placed after it stands there. mark_label() frees them
 * again, and places this label before the others (its prio). Nothing if it
 * does not fit.
 */
static void
reserve_label(struct mark_grid *g, struct mark_item *it, size_t i, int pos)
{
	int base = it->lbase + (it->flags & MARK_SELECTED ? 2 : 0), p = -1, w, q, c, r, x;

	if (it->lbase <= 0)
		return;
	for (w = base + 3; p < 0 && w >= base; w -= 3) {
		it->lwidth = w;
		for (q = pos >= 0 ? pos : 0; p < 0 && q < (pos >= 0 ? pos + 1 : MARK_NPOS); q++)
			if (label_fits(g, it, i, (enum mark_pos)q))
				p = q;
	}
	if (p < 0)
		return;
	mark_label_at(it, (enum mark_pos)p, &c, &r);
	for (x = -MARK_CLEAR; x < it->lwidth + MARK_CLEAR; x++)
		if (mark_grid_at(g, c + x, r) == MARK_FREE)
			mark_grid_set(g, c + x, r, (int)(2 * i + 1));
}

/*
 * One placement with sites within radius of a marker joining it; returns
 * the markers placed. With reserve >= 0, the items that hold the current
 * event's place or the selection come first in o and keep the room for
 * their labels before any other marker is placed: the first of them at
 * that position, the others where they first fit.
 */
static size_t
place_once(struct mark_grid *g, struct mark_item *v, const size_t *o, size_t n, int radius,
    int reserve)
{
	/* where a marker may stand: its cell, a step aside, then two along its row */
	static const int moves[][2] = { { 0, 0 }, { 1, 0 }, { -1, 0 }, { 0, -1 }, { 0, 1 },
	    { 1, -1 }, { -1, -1 }, { 1, 1 }, { -1, 1 }, { 2, 0 }, { -2, 0 } };
	const int nmoves = (int)(sizeof moves / sizeof moves[0]);
	size_t k, i, placed = 0;
	int pos = reserve;

	for (i = 0; i < n; i++) {
		v[i].placed = 0;
		v[i].cluster = NONE;
		v[i].joined = 0;
		v[i].pos = -1;
		v[i].namer = NONE;
		v[i].unnamed = 0;
		if (v[i].width < 1)
			v[i].width = 1;
	}
	for (k = 0; k < n; k++) {
		struct mark_item *it = &v[o[k]];
		int c = it->col - (it->width - 1) / 2, m = nmoves, x;
		size_t who = NONE;

		if (mark_grid_at(g, it->col, it->row) == MARK_OUTSIDE)
			continue;
		if (radius > 0 && !(it->flags & MARK_ALONE))
			who = near_marker(g, v, o[k], radius);
		for (m = who != NONE ? nmoves : 0; m < nmoves; m++)
			if (marker_fits(g, c + moves[m][0], it->row + moves[m][1], it->width))
				break;
		if (m < nmoves) {
			it->placed = 1;
			it->mcol = c + moves[m][0];
			it->mrow = it->row + moves[m][1];
			it->cluster = o[k];
			for (x = 0; x < it->width; x++)
				mark_grid_set(g, it->mcol + x, it->mrow, (int)(2 * o[k]));
			if (reserve >= 0 && it->flags & (MARK_CURRENT | MARK_SELECTED)) {
				reserve_label(g, it, o[k], pos);
				pos = -1;
			}
			placed++;
			continue;
		}
		/* in the way: a marker, else the room kept for a label (it counts the site) */
		if (who == NONE)
			who = in_the_way(g, c, it->row, it->width, it->col, 0);
		if (who == NONE)
			who = in_the_way(g, c, it->row, it->width, it->col, 1);
		if (who != NONE) {
			it->cluster = who;
			v[who].joined++;
		}
	}
	return placed;
}

void
mark_place(struct mark_grid *g, struct mark_item *v, size_t n, int radius)
{
	size_t *o = order(v, n, 0);

	place_once(g, v, o, n, radius, -1);
	free(o);
}

void
mark_label_at(const struct mark_item *it, enum mark_pos pos, int *col, int *row)
{
	int lw = it->lwidth, w = it->width;

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
 * Cell x of the row of a label at pos, counted from its first cell: -1 if
 * the label needs it free (its own), 1 if it only must not hold another
 * item nor a blocked cell (one of the MARK_CLEAR on each side), 0 if it is
 * none of the label's business. Beside its own marker the label needs the
 * blank between them free; its marker is on the other side of it.
 */
static int
label_cell(const struct mark_item *it, enum mark_pos pos, int x)
{
	int lw = it->lwidth;

	if (x >= 0 && x < lw)
		return -1;
	if (pos == MARK_RIGHT && x < 0)
		return x == -1 ? -1 : 0;
	if (pos == MARK_LEFT && x >= lw)
		return x == lw ? -1 : 0;
	return x >= -MARK_CLEAR && x < lw + MARK_CLEAR ? 1 : 0;
}

/*
 * The label's cells free, no other item and nothing blocked within
 * MARK_CLEAR cells of it on its row, so that two names never read as one
 * and a status never reads as another site's; beside its own marker, a
 * free blank between.
 */
static int
label_fits(const struct mark_grid *g, const struct mark_item *it, size_t self,
    enum mark_pos pos)
{
	int c, r, x;

	mark_label_at(it, pos, &c, &r);
	for (x = -MARK_CLEAR; x < it->lwidth + MARK_CLEAR; x++) {
		int need = label_cell(it, pos, x);

		if ((need < 0 && mark_grid_at(g, c + x, r) != MARK_FREE) ||
		    (need > 0 && !may_touch(g, c + x, r, self)))
			return 0;
	}
	return 1;
}

/* Writes (what = 2 * i + 1) or clears (MARK_FREE) the cells of item i's label at pos. */
static void
label_cells(struct mark_grid *g, struct mark_item *it, enum mark_pos pos, int what)
{
	int c, r, x;

	mark_label_at(it, pos, &c, &r);
	for (x = 0; x < it->lwidth; x++)
		mark_grid_set(g, c + x, r, what);
	if (pos == MARK_RIGHT)
		mark_grid_set(g, c - 1, r, what);
	else if (pos == MARK_LEFT)
		mark_grid_set(g, c + it->lwidth, r, what);
}

static void
put_label(struct mark_grid *g, struct mark_item *it, size_t i, enum mark_pos pos)
{
	it->pos = pos;
	mark_label_at(it, pos, &it->lcol, &it->lrow);
	label_cells(g, it, pos, (int)(2 * i + 1));
}

/* The first position in order where item i's label fits, or -1. */
static int
first_fit(const struct mark_grid *g, const struct mark_item *it, size_t i)
{
	int p;

	for (p = 0; p < MARK_NPOS; p++)
		if (label_fits(g, it, i, (enum mark_pos)p))
			return p;
	return -1;
}

/*
 * The one label (not a marker, not a blocked cell) that keeps item i's
 * label from pos: the label in the cells it needs or touching them; NONE
 * if there are several, or something else in the way.
 */
static size_t
one_in_the_way(const struct mark_grid *g, const struct mark_item *it, size_t i,
    enum mark_pos pos)
{
	size_t who = NONE;
	int c, r, x;

	mark_label_at(it, pos, &c, &r);
	for (x = -MARK_CLEAR; x < it->lwidth + MARK_CLEAR; x++) {
		int v = mark_grid_at(g, c + x, r), need = label_cell(it, pos, x);

		if (need == 0 || v == MARK_FREE || (v >= 0 && (size_t)(v / 2) == i) ||
		    (need > 0 && (v == MARK_OUTSIDE || v == MARK_MOVE)))
			continue;
		if (v < 0 || v % 2 == 0)
			return NONE;
		if (who != NONE && who != (size_t)(v / 2))
			return NONE;
		who = (size_t)(v / 2);
	}
	return who;
}

void
mark_label(struct mark_grid *g, struct mark_item *v, size_t n)
{
	size_t *o = order(v, n, 1), k, cells = (size_t)g->cols * (size_t)g->rows;

	for (k = 0; k < cells; k++)
		if (g->cell[k] >= 0 && g->cell[k] % 2 == 1)
			g->cell[k] = MARK_FREE;
	for (k = 0; k < n; k++) {
		struct mark_item *it = &v[o[k]];
		int p;

		it->pos = -1;
		if (!it->placed || it->lwidth <= 0 || (p = first_fit(g, it, o[k])) < 0)
			continue;
		put_label(g, it, o[k], (enum mark_pos)p);
	}
	/*
	 * A repair for each label that found no room: if a single label is in
	 * the way at one of its positions, and moves to another of its own,
	 * both are placed.
	 */
	for (k = 0; k < n; k++) {
		struct mark_item *it = &v[o[k]];
		int p, q;

		if (!it->placed || it->lwidth <= 0 || it->pos >= 0)
			continue;
		for (p = 0; p < MARK_NPOS && it->pos < 0; p++) {
			size_t b = one_in_the_way(g, it, o[k], (enum mark_pos)p);
			int was;

			if (b == NONE)
				continue;
			was = v[b].pos;
			label_cells(g, &v[b], (enum mark_pos)was, MARK_FREE);
			if (!label_fits(g, it, o[k], (enum mark_pos)p)) {
				label_cells(g, &v[b], (enum mark_pos)was, (int)(2 * b + 1));
				continue;
			}
			put_label(g, it, o[k], (enum mark_pos)p);
			if ((q = first_fit(g, &v[b], b)) >= 0) {
				put_label(g, &v[b], b, (enum mark_pos)q);
				continue;
			}
			/* no other place for it: as it was */
			label_cells(g, it, (enum mark_pos)p, MARK_FREE);
			it->pos = -1;
			put_label(g, &v[b], b, (enum mark_pos)was);
		}
	}
	free(o);
}

size_t
mark_name(struct mark_item *v, size_t n)
{
	size_t i, j, count = 0;

	for (i = 0; i < n; i++)
		v[i].namer = v[i].placed && v[i].pos >= 0 ? i : NONE;
	for (i = 0; i < n; i++) {
		size_t best = NONE;
		int bestd = INT32_MAX;

		if (!v[i].placed || v[i].pos >= 0 || v[i].lwidth <= 0)
			continue;
		for (j = 0; j < n; j++) {
			int dc, dr, d;

			if (!v[j].placed || v[j].pos < 0)
				continue;
			/* between the nearest ends of the two markers */
			dc = v[j].mcol > v[i].mcol + v[i].width - 1 ?
			    v[j].mcol - (v[i].mcol + v[i].width - 1) :
			    v[i].mcol > v[j].mcol + v[j].width - 1 ?
			    v[i].mcol - (v[j].mcol + v[j].width - 1) : 0;
			dr = abs(v[j].mrow - v[i].mrow);
			d = dc + 2 * dr;
			if (dc <= MARK_NAME_COLS && dr <= MARK_NAME_ROWS && d < bestd) {
				bestd = d;
				best = j;
			}
		}
		if (best == NONE)
			continue;
		v[i].namer = best;
		v[best].unnamed += 1 + v[i].joined;
		count++;
	}
	return count;
}

/* The placed item whose label stands for item i (NONE: none). */
static size_t
shown_by(const struct mark_item *v, size_t i)
{
	size_t c = v[i].cluster;

	if (c == NONE)
		return NONE;
	return v[c].namer != NONE ? v[c].namer : c;
}

/*
 * Each label's priority (the best of the sites it stands for), flags and
 * width: the name, brackets when it holds the selection, " +N" when it
 * stands for N other sites.
 */
static void
cluster_labels(struct mark_item *v, size_t n)
{
	size_t i, s;

	for (i = 0; i < n; i++) {
		v[i].cflags = 0;
		v[i].prio = INT32_MAX;
	}
	for (i = 0; i < n; i++)
		if ((s = shown_by(v, i)) != NONE) {
			v[s].cflags |= v[i].flags;
			v[s].prio = v[i].own < v[s].prio ? v[i].own : v[s].prio;
		}
	for (i = 0; i < n; i++) {
		size_t others = v[i].joined + v[i].unnamed, k;
		int digits = 1;

		v[i].lwidth = 0;
		/* one counted by a neighbour's label has none of its own */
		if (!v[i].placed || v[i].lbase <= 0 || (v[i].namer != NONE && v[i].namer != i))
			continue;
		for (k = others; k >= 10; k /= 10)
			digits++;
		v[i].lwidth = v[i].lbase + (v[i].cflags & MARK_SELECTED ? 2 : 0) +
		    (others > 0 ? 2 + digits : 0);
	}
}

/* 1 if an item with one of flags is on the grid without a label of its own. */
static int
unnamed(const struct mark_grid *g, const struct mark_item *v, size_t n, int flags)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i].flags & flags && v[i].lbase > 0 &&
		    mark_grid_at(g, v[i].col, v[i].row) != MARK_OUTSIDE &&
		    !(v[i].placed && v[i].pos >= 0))
			return 1;
	return 0;
}

static int
by_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return x < y ? -1 : x > y;
}

/* The ranks of the sites on the grid without a label of their own, best first, then INT32_MAX. */
static void
unlabelled_ranks(const struct mark_grid *g, const struct mark_item *v, size_t n, int *out)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		if (v[i].lbase > 0 && mark_grid_at(g, v[i].col, v[i].row) != MARK_OUTSIDE &&
		    !(v[i].placed && v[i].pos >= 0))
			out[k++] = v[i].rank;
	qsort(out, k, sizeof *out, by_int);
	out[k] = INT32_MAX;
}

/*
 * How well a layout names what the user looks at, as unlabelled_ranks()
 * after two words: the current event's site unnamed (1) or not (0), the
 * selection's likewise.
 */
static void
layout_score(const struct mark_grid *g, const struct mark_item *v, size_t n, int *out)
{
	out[0] = unnamed(g, v, n, MARK_CURRENT);
	out[1] = unnamed(g, v, n, MARK_SELECTED);
	unlabelled_ranks(g, v, n, out + 2);
}

/*
 * 1 if layout a is better than b: the current event's site named, then
 * the selection, then the sites without a label of their own less
 * important (at the first that differs, a worse rank).
 */
static int
better(const int *a, const int *b)
{
	if (a[0] != b[0] || a[1] != b[1])
		return a[0] != b[0] ? a[0] < b[0] : a[1] < b[1];
	for (a += 2, b += 2; *a == *b && *a != INT32_MAX; a++, b++)
		;
	return *a > *b;
}

/*
 * The layout from the cells saved, with the radii in turn from the from'th;
 * see mark_layout(). Returns the index of the radius it kept.
 */
static int
layout_once(struct mark_grid *g, struct mark_item *v, size_t n, const size_t *o,
    const int *saved, size_t budget, int reserve, int from)
{
	static const int radius[] = { 0, 1, 2, 3, 4, 6, 8, 12 };
	const int nradius = (int)(sizeof radius / sizeof radius[0]);
	size_t cells = (size_t)g->cols * (size_t)g->rows, i;
	int r;

	for (r = from; r < nradius; r++) {
		size_t placed = 0, nameless = 0;

		memcpy(g->cell, saved, cells * sizeof *saved);
		place_once(g, v, o, n, radius[r], reserve);
		cluster_labels(v, n);
		mark_label(g, v, n);
		if (mark_name(v, n) > 0) {
			cluster_labels(v, n);
			mark_label(g, v, n);
		}
		/* markers the radius does not cluster (MARK_ALONE) do not ask for a wider one */
		for (i = 0; i < n; i++) {
			if (v[i].flags & MARK_ALONE)
				continue;
			placed += v[i].placed;
			nameless += v[i].placed && v[i].pos < 0 && v[i].namer == NONE;
		}
		if (nameless <= placed / MARK_NAMELESS && placed <= budget)
			break;
	}
	return r < nradius ? r : nradius - 1;
}

void
mark_layout(struct mark_grid *g, struct mark_item *v, size_t n)
{
	size_t cells = (size_t)g->cols * (size_t)g->rows, *o = order(v, n, 0), i, k, budget;
	int *saved = xcalloc(cells + 1, sizeof *saved), c0 = INT32_MAX, c1 = INT32_MIN,
	    r0 = INT32_MAX, r1 = INT32_MIN, r;

	memcpy(saved, g->cell, cells * sizeof *saved);
	/* the area the sites span: room for so many markers */
	for (i = 0; i < n; i++)
		if (mark_grid_at(g, v[i].col, v[i].row) != MARK_OUTSIDE) {
			c0 = v[i].col < c0 ? v[i].col : c0;
			c1 = v[i].col > c1 ? v[i].col : c1;
			r0 = v[i].row < r0 ? v[i].row : r0;
			r1 = v[i].row > r1 ? v[i].row : r1;
		}
	budget = c1 >= c0 ? (size_t)(c1 - c0 + 1) * (size_t)(r1 - r0 + 1) / MARK_CELLS_PER_SITE :
	    0;
	budget = budget < 1 ? 1 : budget;
	r = layout_once(g, v, n, o, saved, budget, -1, 0);
	if (unnamed(g, v, n, MARK_CURRENT | MARK_SELECTED)) {
		/*
		 * The current event's site or the selection lost its label to
		 * its neighbours: its marker went into a cluster, or theirs
		 * took every place around it. Again with them first (the
		 * current event's, then the selection), their markers and
		 * their labels' room kept before any other marker stands, the
		 * first's at each position in turn, so that the neighbours
		 * move, join them or are counted by their "+N"; the best
		 * layout wins (better()), the first one on a tie.
		 */
		struct mark_item *best = xcalloc(n + 1, sizeof *best);
		int *grid = xcalloc(cells + 1, sizeof *grid), p, f;
		int *score = xcalloc(n + 3, sizeof *score), *best_score = xcalloc(n + 3, sizeof *score);

		for (f = 0, k = 0; f < 2; f++)
			for (i = k; i < n; i++)
				if (v[o[i]].flags & (f == 0 ? MARK_CURRENT : MARK_SELECTED)) {
					size_t t = o[i];

					memmove(o + k + 1, o + k, (i - k) * sizeof *o);
					o[k++] = t;
				}
		memcpy(best, v, n * sizeof *v);
		memcpy(grid, g->cell, cells * sizeof *grid);
		layout_score(g, v, n, best_score);
		/* markers no denser than the first layout's: from its radius on */
		for (p = 0; p < MARK_NPOS; p++) {
			layout_once(g, v, n, o, saved, budget, p, r);
			layout_score(g, v, n, score);
			if (!better(score, best_score))
				continue;
			memcpy(best_score, score, (n + 3) * sizeof *score);
			memcpy(best, v, n * sizeof *v);
			memcpy(grid, g->cell, cells * sizeof *grid);
		}
		memcpy(v, best, n * sizeof *v);
		memcpy(g->cell, grid, cells * sizeof *grid);
		free(best_score);
		free(score);
		free(grid);
		free(best);
	}
	free(saved);
	free(o);
}

int
mark_add(struct mark_grid *g, struct mark_item *it, size_t i)
{
	int c = it->col, r = it->row, x, p;

	/* a blank row-neighbourhood, and nothing straight above or below */
	for (x = -MARK_CLEAR; x <= MARK_CLEAR; x++)
		if (mark_grid_at(g, c + x, r) != MARK_FREE && !(x != 0 &&
		    mark_grid_at(g, c + x, r) == MARK_OUTSIDE))
			return 0;
	if (mark_grid_at(g, c, r - 1) >= 0 || mark_grid_at(g, c, r - 1) == MARK_BLOCKED ||
	    mark_grid_at(g, c, r + 1) >= 0 || mark_grid_at(g, c, r + 1) == MARK_BLOCKED)
		return 0;
	it->placed = 1;
	it->mcol = c;
	it->mrow = r;
	it->width = 1;
	it->cluster = i;
	it->pos = -1;
	mark_grid_set(g, c, r, (int)(2 * i));
	if (it->lwidth <= 0 || (p = first_fit(g, it, i)) < 0) {
		mark_grid_set(g, c, r, MARK_FREE);
		it->placed = 0;
		return 0;
	}
	put_label(g, it, i, (enum mark_pos)p);
	return 1;
}
