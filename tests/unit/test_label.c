/* test_label.c: groups of places at one site, markers apart or clustered, labels that cover nothing. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "label.h"

/* A UN camp listed before its town, an army camp with the town's label, one far namesake. */
static const char sites_csv[] =
    "id,name,label,lat,lon,kind,initial,source\n"
    "gao-un,Gao UN camp,Gao,16.26667,-0.05,un-camp,un-camp,s\n"
    "kidal,Kidal,,18.43889,1.40833,town,taken-by-rebels,s\n"
    "gao,Gao,,16.26667,-0.05,town,none,s\n"
    "gao-army,Gao army camp,Gao,16.29,-0.02,army-camp,army-held,s\n"
    "kidal-un,Kidal UN camp,Kidal,18.43889,1.40833,un-camp,un-camp,s\n"
    "far,Gao,Gao,17.0,-0.05,village,none,s\n"
    "mopti,Mopti,,14.49583,-4.19861,town,none,s\n"
    "sevare,Sévaré UN camp,Sévaré,14.53333,-4.1,un-camp,un-camp,s\n"
    "vague,Mali,,14.49583,-4.19861,site,none,s\n";

static size_t
idx(const struct places *pl, const char *id)
{
	return (size_t)(places_by_id(pl, id) - pl->v);
}

static void
groups_of_sites(void **state)
{
	char *cause = NULL;
	struct places *pl = places_load_mem("p.csv", sites_csv, sizeof sites_csv - 1, &cause);
	struct mark_groups *g;
	size_t gao, k;

	(void)state;
	assert_non_null(pl);
	pl->v[idx(pl, "vague")].unlocated = 1;
	g = mark_groups_new(pl);
	/* gao (3), kidal (2), far, mopti, sevare: the unlocated place in none */
	assert_int_equal(g->n, 5);
	assert_int_equal(g->group_of[idx(pl, "vague")], (size_t)-1);
	gao = g->group_of[idx(pl, "gao")];
	assert_int_equal(g->group_of[idx(pl, "gao-un")], gao);
	/* the same label 3.5 km away: the same site */
	assert_int_equal(g->group_of[idx(pl, "gao-army")], gao);
	/* the same label 80 km away: another place */
	assert_int_not_equal(g->group_of[idx(pl, "far")], gao);
	/* another label 11 km away: another place (the zoom may cluster them) */
	assert_int_not_equal(g->group_of[idx(pl, "sevare")], g->group_of[idx(pl, "mopti")]);
	/* members in glyph order: the town, the UN camp, the army camp */
	assert_int_equal(g->first[gao + 1] - g->first[gao], 3);
	k = g->first[gao];
	assert_int_equal(g->member[k], idx(pl, "gao"));
	assert_int_equal(g->member[k + 1], idx(pl, "gao-un"));
	assert_int_equal(g->member[k + 2], idx(pl, "gao-army"));
	/* groups in file order of their first place: gao-un is row 1 */
	assert_int_equal(gao, 0);
	assert_int_equal(g->group_of[idx(pl, "kidal")], 1);
	mark_groups_free(g);
	mark_groups_free(NULL);
	places_free(pl);
}

/* The events cache keeps groups as words: read back where they lie, or refused if wrong. */
static void
groups_as_words(void **state)
{
	char *cause = NULL;
	struct places *pl = places_load_mem("p.csv", sites_csv, sizeof sites_csv - 1, &cause);
	struct mark_groups *g, *h;
	uint64_t *w, *bad;
	size_t nw, i, n1;

	(void)state;
	assert_non_null(pl);
	pl->v[idx(pl, "vague")].unlocated = 1;
	g = mark_groups_new(pl);
	w = mark_groups_words(g, pl->n, &nw);
	h = mark_groups_from_words(pl, w, nw);
	assert_non_null(h);
	assert_int_equal(h->n, g->n);
	assert_memory_equal(h->first, g->first, (g->n + 1) * sizeof *g->first);
	assert_memory_equal(h->member, g->member, g->first[g->n] * sizeof *g->member);
	assert_memory_equal(h->group_of, g->group_of, pl->n * sizeof *g->group_of);
	/* read where they lie: freeing them leaves the words alone */
	assert_true((const uint64_t *)(const void *)h->first > w &&
	    (const uint64_t *)(const void *)h->first < w + nw);
	mark_groups_free(h);
	/* too short, too long, none */
	assert_null(mark_groups_from_words(pl, w, nw - 1));
	assert_null(mark_groups_from_words(pl, NULL, 0));
	bad = malloc((nw + 1) * sizeof *bad);
	memcpy(bad, w, nw * sizeof *w);
	bad[nw] = 0;
	assert_null(mark_groups_from_words(pl, bad, nw + 1));
	/* any one word changed: another rules' version, a group or member out of place */
	n1 = 2 + g->n + 1;	/* the first member */
	for (i = 0; i < nw; i++) {
		memcpy(bad, w, nw * sizeof *w);
		bad[i] ^= i == 0 || i >= n1 ? 1 : 2;
		assert_null(mark_groups_from_words(pl, bad, nw));
	}
	/* a place twice in its group, another left out */
	memcpy(bad, w, nw * sizeof *w);
	bad[n1 + 1] = bad[n1];
	assert_null(mark_groups_from_words(pl, bad, nw));
	free(bad);
	free(w);
	mark_groups_free(g);
	places_free(pl);
}

static struct mark_item
item(int col, int row, int width, int rank, int lwidth, int prio)
{
	struct mark_item it;

	memset(&it, 0, sizeof it);
	it.col = col;
	it.row = row;
	it.x = col + 0.5;
	it.y = row + 0.5;
	it.width = width;
	it.rank = rank;
	it.lwidth = lwidth;
	it.prio = prio;
	return it;
}

/* What the placer promises, checked cell by cell on the grid and the items. */
static void
check_invariants(const struct mark_grid *g, const struct mark_item *v, size_t n)
{
	size_t i;
	int c, r;

	for (i = 0; i < n; i++) {
		const struct mark_item *it = &v[i];
		int x;

		if (!it->placed)
			continue;
		assert_int_equal(it->cluster, i);
		for (x = 0; x < it->width; x++)
			assert_int_equal(mark_grid_at(g, it->mcol + x, it->mrow), (int)(2 * i));
		/* no other marker or label touching it on its row */
		for (x = -1; x <= it->width; x += it->width + 1) {
			int o = mark_grid_at(g, it->mcol + x, it->mrow);

			assert_true(o < 0 || (size_t)(o / 2) == i);
		}
		if (it->pos < 0)
			continue;
		assert_true(it->lcol >= g->col0 && it->lcol + it->lwidth <= g->col0 + g->cols);
		assert_true(it->lrow >= g->row0 && it->lrow < g->row0 + g->rows);
		for (x = 0; x < it->lwidth; x++)
			assert_int_equal(mark_grid_at(g, it->lcol + x, it->lrow), (int)(2 * i + 1));
		for (x = -1; x <= it->lwidth; x += it->lwidth + 1) {
			int o = mark_grid_at(g, it->lcol + x, it->lrow);

			assert_true(o != MARK_BLOCKED && (o < 0 || (size_t)(o / 2) == i));
		}
	}
	/* every cell an item holds belongs to a placed item */
	for (r = g->row0; r < g->row0 + g->rows; r++)
		for (c = g->col0; c < g->col0 + g->cols; c++) {
			int o = mark_grid_at(g, c, r);

			if (o >= 0)
				assert_true(v[o / 2].placed);
			/* a label's cell is its label's, or the blank beside its marker: nothing kept */
			if (o >= 0 && o % 2 == 1) {
				const struct mark_item *it = &v[o / 2];

				assert_true(it->pos >= 0 && r == it->lrow);
				assert_true(c >= it->lcol - 1 && c <= it->lcol + it->lwidth);
			}
		}
}

static void
markers_apart(void **state)
{
	struct mark_grid g;
	struct mark_item v[5];

	(void)state;
	mark_grid_init(&g, 0, 1, 40, 10);
	v[0] = item(10, 5, 3, 0, 0, 0);		/* a site of three: centred on its cell */
	v[1] = item(10, 5, 1, 1, 0, 0);		/* in the same cell: a row up or down */
	v[2] = item(20, 5, 1, 2, 0, 0);
	v[3] = item(21, 5, 1, 3, 0, 0);		/* touching the last: one step aside */
	v[4] = item(35, 9, 1, 4, 0, 0);
	mark_place(&g, v, 5, 0);
	assert_true(v[0].placed && v[0].mcol == 9 && v[0].mrow == 5);
	assert_true(v[1].placed && abs(v[1].mcol - 10) <= 1 && abs(v[1].mrow - 5) == 1);
	assert_true(v[2].placed && v[2].mcol == 20 && v[2].mrow == 5);
	assert_true(v[3].placed && v[3].mcol == 22 && v[3].mrow == 5);
	assert_true(v[4].placed && v[4].mcol == 35);
	check_invariants(&g, v, 5);
	mark_grid_free(&g);
}

/*
 * A radius clusters a site near a marker placed before, unless its marker
 * alone shows a status (MARK_ALONE): then it stands apart where there is
 * room, and joins only a marker in the way of every cell it may take.
 */
static void
alone_stands_apart(void **state)
{
	struct mark_grid g;
	struct mark_item v[3];
	int alone;

	(void)state;
	for (alone = 0; alone < 2; alone++) {
		mark_grid_init(&g, 0, 0, 40, 12);
		v[0] = item(20, 6, 1, 0, 0, 0);
		v[1] = item(23, 6, 1, 1, 0, 0);		/* three cells away: within a radius of 4 */
		v[2] = item(30, 6, 1, 2, 0, 0);		/* far */
		v[1].flags = alone ? MARK_ALONE : 0;
		mark_place(&g, v, 3, 4);
		assert_true(v[0].placed && v[2].placed);
		if (alone)
			assert_true(v[1].placed && v[1].mcol == 23 && v[1].mrow == 6);
		else
			assert_true(!v[1].placed && v[1].cluster == 0 && v[0].joined == 1);
		check_invariants(&g, v, 3);
		mark_grid_free(&g);
	}
	/* no cell for it (its cell and every step aside taken): it joins after all */
	mark_grid_init(&g, 0, 0, 40, 12);
	v[0] = item(20, 6, 5, 0, 0, 0);		/* 18 .. 22 */
	v[1] = item(20, 6, 1, 1, 0, 0);
	v[1].flags = MARK_ALONE;
	for (int r = 4; r <= 8; r++)
		for (int c = 14; c <= 26; c++)
			if (mark_grid_at(&g, c, r) == MARK_FREE && (r != 6 || c < 18 || c > 22))
				mark_grid_set(&g, c, r, MARK_BLOCKED);
	mark_place(&g, v, 2, 4);
	assert_true(v[0].placed && !v[1].placed && v[1].cluster == 0);
	mark_grid_free(&g);
}

/* Many sites on one cell: the first by rank stands for them all, "+N". */
static void
clusters(void **state)
{
	struct mark_grid g;
	struct mark_item v[30];
	size_t i, placed = 0, joined = 0;

	(void)state;
	mark_grid_init(&g, 0, 0, 40, 12);
	for (i = 0; i < 30; i++)
		v[i] = item(20 + (int)(i % 3), 6 + (int)(i % 2), 1 + (int)(i % 2), 30 - (int)i, 0, 0);
	mark_place(&g, v, 30, 0);
	for (i = 0; i < 30; i++) {
		if (v[i].placed) {
			placed++;
			joined += v[i].joined;
		} else {
			/* joined a placed marker near its own cell */
			assert_true(v[i].cluster < 30 && v[v[i].cluster].placed);
			assert_true(abs(v[v[i].cluster].mcol - v[i].col) <= 4);
		}
	}
	assert_true(placed < 30 && placed >= 2);
	assert_int_equal(placed + joined, 30);
	/* the lowest rank (the last item) had first pick: its own cell */
	assert_true(v[29].placed && v[29].mrow == v[29].row);
	check_invariants(&g, v, 30);
	mark_grid_free(&g);
}

/* The first free position in the documented order; the higher priority chooses first. */
static void
positions_in_order(void **state)
{
	struct mark_grid g;
	struct mark_item v[2];
	int c, r;

	(void)state;
	mark_grid_init(&g, 0, 0, 30, 5);
	v[0] = item(10, 2, 1, 0, 5, 1);
	mark_place(&g, v, 1, 0);
	mark_label(&g, v, 1);
	assert_int_equal(v[0].pos, MARK_RIGHT);
	assert_int_equal(v[0].lcol, 12);	/* a blank between marker and name */
	assert_int_equal(v[0].lrow, 2);
	mark_grid_free(&g);

	/* right blocked by the edge: left */
	mark_grid_init(&g, 0, 0, 14, 5);
	v[0] = item(10, 2, 1, 0, 5, 1);
	mark_place(&g, v, 1, 0);
	mark_label(&g, v, 1);
	assert_int_equal(v[0].pos, MARK_LEFT);
	assert_int_equal(v[0].lcol, 4);
	mark_grid_free(&g);

	/* right and left blocked (chrome drawn into the map, a route mark): above, centred */
	mark_grid_init(&g, 0, 0, 30, 5);
	mark_grid_set(&g, 13, 2, MARK_BLOCKED);
	mark_grid_set(&g, 7, 2, MARK_BLOCKED);
	v[0] = item(10, 2, 1, 0, 5, 1);
	mark_place(&g, v, 1, 0);
	mark_label(&g, v, 1);
	assert_int_equal(v[0].pos, MARK_ABOVE);
	mark_label_at(&v[0], MARK_ABOVE, &c, &r);
	assert_int_equal(r, 1);
	assert_int_equal(c, 8);
	check_invariants(&g, v, 1);
	mark_grid_free(&g);

	/* two neighbours wanting the same gap: the higher priority gets its right side */
	mark_grid_init(&g, 0, 0, 40, 5);
	v[0] = item(10, 2, 1, 0, 6, 5);
	v[1] = item(16, 2, 1, 1, 6, 1);
	mark_place(&g, v, 2, 0);
	mark_label(&g, v, 2);
	assert_int_equal(v[1].pos, MARK_RIGHT);
	assert_int_not_equal(v[0].pos, MARK_RIGHT);
	assert_true(v[0].pos >= 0);
	check_invariants(&g, v, 2);
	mark_grid_free(&g);
}

/* Crowds of random sites: whatever is placed keeps every promise. */
static void
random_crowds(void **state)
{
	unsigned seed = 12345;
	int round;

	(void)state;
	for (round = 0; round < 200; round++) {
		struct mark_grid g;
		struct mark_item v[60];
		int cols = 10 + (int)(seed % 70), rows = 3 + (int)(seed / 7 % 30);
		size_t n = 1 + seed / 13 % 60, i, placed = 0, joined = 0, inside = 0;

		mark_grid_init(&g, 2, 1, cols, rows);
		for (i = 0; i < n; i++) {
			seed = seed * 1103515245 + 12345;
			v[i] = item(2 + (int)(seed >> 8) % (cols + 4) - 2, 1 + (int)(seed >> 16) % rows,
			    1 + (int)(seed >> 4) % 3, (int)(seed >> 12) % 7, 1 + (int)(seed >> 20) % 12,
			    (int)(seed >> 24) % 5);
			if (i % 9 == 0)
				mark_grid_set(&g, v[i].col + 3, v[i].row, MARK_BLOCKED);
		}
		mark_place(&g, v, n, 0);
		mark_label(&g, v, n);
		check_invariants(&g, v, n);
		/* each site inside the grid is drawn, or counted in a cluster that is */
		for (i = 0; i < n; i++) {
			placed += v[i].placed;
			joined += v[i].placed ? v[i].joined : 0;
			inside += mark_grid_at(&g, v[i].col, v[i].row) != MARK_OUTSIDE;
		}
		assert_true(placed + joined <= inside);
		assert_true(placed + joined >= inside);
		mark_grid_free(&g);
		seed = seed * 1103515245 + 12345;
	}
}

/* The best-priority label is placed first: with room for one label, it is the one. */
static void
priority_wins(void **state)
{
	struct mark_grid g;
	struct mark_item v[2];
	int k;

	(void)state;
	/* a one-row strip: both labels want cells 4 and 5; whoever goes first takes them */
	for (k = 0; k < 2; k++) {
		mark_grid_init(&g, 0, 0, 14, 1);
		v[0] = item(0, 0, 1, 0, 4, k ? 0 : 3);	/* only right of it: 2..5 */
		v[1] = item(9, 0, 1, 1, 4, k ? 3 : 0);	/* only left of it: 4..7 */
		mark_place(&g, v, 2, 0);
		mark_label(&g, v, 2);
		assert_int_equal(v[0].pos, k ? MARK_RIGHT : -1);
		assert_int_equal(v[1].pos, k ? -1 : MARK_LEFT);
		check_invariants(&g, v, 2);
		mark_grid_free(&g);
	}
}

/*
 * The current event's site, hemmed in by four better-ranked neighbours
 * whose markers leave none of its label's positions free, is named by its
 * own label: it is laid out first and they move, join it or are counted
 * by its "+N" (it was counted by a neighbour's "+1" instead); so is the
 * selected site. Its neighbours keep being drawn or counted; with neither
 * flag, the layout is the one of rank order (it has no label).
 */
static void
current_wins(void **state)
{
	static const int at[][2] = { { 15, 3 }, { 17, 3 }, { 13, 3 }, { 15, 2 }, { 15, 4 } };
	struct mark_grid g;
	struct mark_item v[5];
	size_t i;
	int cur;

	(void)state;
	/* no flag, the current event's, the selection */
	for (cur = 0; cur < 3; cur++) {
		mark_grid_init(&g, 0, 0, 40, 8);
		for (i = 0; i < 5; i++) {
			v[i] = item(at[i][0], at[i][1], 1, i == 0 ? 50 : (int)i, 0, 0);
			v[i].lbase = i == 0 ? 5 : 3;
			v[i].own = v[i].rank;
		}
		if (cur) {
			v[0].flags = cur == 1 ? MARK_CURRENT : MARK_SELECTED;
			v[0].own = cur - 1;
		}
		mark_layout(&g, v, 5);
		check_invariants(&g, v, 5);
		if (cur) {
			assert_true(v[0].placed && v[0].pos >= 0);
			assert_true(v[0].mcol == 15 && v[0].mrow == 3);
			assert_true(v[0].cflags & (cur == 1 ? MARK_CURRENT : MARK_SELECTED));
		} else {
			/* the crowd as rank orders it: the current site has no label of its own */
			assert_true(v[0].pos < 0);
		}
		for (i = 1; i < 5; i++) {
			size_t c = v[i].cluster;

			/* each neighbour drawn and named, or counted by a label */
			assert_true(c < 5 && v[c].placed);
			if (v[c].pos < 0)
				assert_true(v[c].namer < 5 && v[v[c].namer].pos >= 0);
		}
		mark_grid_free(&g);
	}
}

/*
 * Crowds of random sites laid out whole (mark_layout()), with a current
 * event's site and a selection among them: every promise kept (no room
 * kept for a label is left over), every site drawn or in a drawn cluster,
 * and the flagged sites named by their own labels at least as often as the
 * same crowds name them unflagged (the rule only ever adds a name).
 */
static void
random_layouts(void **state)
{
	unsigned seed = 4242;
	int round, named[2] = { 0, 0 }, flagged;

	(void)state;
	for (round = 0; round < 300; round++) {
		struct mark_grid g;
		struct mark_item v[80];
		int cols = 12 + (int)(seed % 80), rows = 4 + (int)(seed / 7 % 30);
		size_t n = 2 + seed / 13 % 79, i, cur = seed / 3 % n, sel = seed / 5 % n;

		for (flagged = 0; flagged < 2; flagged++) {
			unsigned s = seed;

			mark_grid_init(&g, 1, 2, cols, rows);
			for (i = 0; i < n; i++) {
				s = s * 1103515245 + 12345;
				v[i] = item(1 + (int)(s >> 8) % cols, 2 + (int)(s >> 16) % rows,
				    1 + (int)(s >> 4) % 3, (int)(s >> 12) % 200, 0, 0);
				v[i].lbase = 2 + (int)(s >> 20) % 9;
				v[i].own = 2000 + v[i].rank;
				if (i % 11 == 0)
					mark_grid_set(&g, v[i].col + 2, v[i].row, MARK_BLOCKED);
			}
			if (flagged) {
				v[cur].flags |= MARK_CURRENT;
				v[cur].own = v[cur].rank;
				v[sel].flags |= MARK_SELECTED;
				v[sel].own = sel == cur ? v[cur].own : 1000 + v[sel].rank;
			}
			mark_layout(&g, v, n);
			check_invariants(&g, v, n);
			for (i = 0; i < n; i++)
				if (mark_grid_at(&g, v[i].col, v[i].row) != MARK_OUTSIDE && !v[i].placed &&
				    !(v[i].cluster < n && v[v[i].cluster].placed))
					fail_msg("round %d%s: site %zu at %d,%d is neither drawn nor in a"
					    " cluster", round, flagged ? " flagged" : "", i, v[i].col,
					    v[i].row);
			named[flagged] += v[cur].placed && v[cur].pos >= 0;
			mark_grid_free(&g);
		}
		seed = seed * 1103515245 + 12345;
	}
	print_message("the current site named in %d rounds flagged, %d unflagged\n", named[1],
	    named[0]);
	assert_true(named[1] >= named[0]);
	assert_true(named[1] > named[0]);
}

/* The same 20 sites, spread out and squeezed: clusters only where they crowd. */
static void
zoomed_out(void **state)
{
	struct mark_grid g;
	struct mark_item v[20];
	size_t i, placed, stands_for;
	int scale;

	(void)state;
	for (scale = 4; scale >= 1; scale--) {
		mark_grid_init(&g, 0, 1, 80, 22);
		for (i = 0; i < 20; i++) {
			/* a 5 x 4 lattice, 4 cells apart at scale 1 */
			int c = 4 + (int)(i % 5) * 4 * scale, r = 2 + (int)(i / 5) * 1 * scale;

			v[i] = item(c, r, 1 + (int)(i % 2), (int)i, 5, 10 + (int)i);
			v[i].lbase = 5;
			v[i].own = 10 + (int)i;
		}
		v[13].flags = MARK_CURRENT;
		v[13].own = 0;
		v[7].flags = MARK_SELECTED;
		v[7].own = 1;
		mark_layout(&g, v, 20);
		placed = stands_for = 0;
		for (i = 0; i < 20; i++) {
			if (!v[i].placed) {
				/* in a cluster, whose marker is drawn */
				assert_true(v[i].cluster < 20 && v[v[i].cluster].placed);
				continue;
			}
			placed++;
			stands_for += 1 + v[i].joined;
			if (v[i].pos >= 0) {
				int others = (int)(v[i].joined + v[i].unnamed);

				/* the width holds " +N" and the selection's brackets */
				assert_int_equal(v[i].lwidth, 5 + (others ? 2 + (others > 9 ? 2 : 1) : 0) +
				    (v[i].cflags & MARK_SELECTED ? 2 : 0));
			}
		}
		assert_int_equal(stands_for, 20);
		/* the current event's site is named on its own label, never in another's "+N" */
		assert_true(v[13].placed && v[13].pos >= 0 && (v[13].cflags & MARK_CURRENT));
		if (scale >= 3)
			assert_int_equal(placed, 20);	/* room for all: no cluster */
		if (scale == 1)
			assert_true(placed < 20 && placed <= 16 * 4 / MARK_CELLS_PER_SITE + 1);
		check_invariants(&g, v, 20);
		mark_grid_free(&g);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(groups_of_sites),
		cmocka_unit_test(groups_as_words),
		cmocka_unit_test(markers_apart),
		cmocka_unit_test(alone_stands_apart),
		cmocka_unit_test(clusters),
		cmocka_unit_test(positions_in_order),
		cmocka_unit_test(random_crowds),
		cmocka_unit_test(priority_wins),
		cmocka_unit_test(zoomed_out),
		cmocka_unit_test(current_wins),
		cmocka_unit_test(random_layouts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
