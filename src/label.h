/*
 * label.h: place markers that explain themselves. Places at one site form a
 * group with one marker and one label; markers that cannot stand apart
 * form a cluster; labels are placed around their markers without covering
 * anything. Cells only: no canvas, no projection.
 */
#ifndef SITMAP_LABEL_H
#define SITMAP_LABEL_H

#include <stddef.h>
#include "places.h"

/*
 * Groups: places at the same coordinates, or with the same label within
 * MARK_GROUP_KM of each other (a town, its UN camp and its army camp).
 * Members are in their glyphs' order: by kind (capital, town, village, UN
 * camp, army camp, site), then file order. Places not located to a point
 * (place.unlocated) are in no group.
 */
#define MARK_GROUP_KM	10.0

struct mark_groups {
	size_t	 n;		/* groups */
	size_t	*first;		/* n + 1 entries: group g is member[first[g] .. first[g + 1]) */
	size_t	*member;	/* place indexes */
	size_t	*group_of;	/* per place: its group, or (size_t)-1 */
	int	 borrowed;	/* the arrays lie in an events cache image: not freed */
};

struct mark_groups *mark_groups_new(const struct places *);
/*
 * Groups as words, for the events cache: the rules' version, n, first,
 * member, group_of (xmalloc'd, *nwords long); and back, read where they
 * lie (borrowed), or NULL if the words are not the groups of places made
 * by these rules (another version, out of bounds, inconsistent): then
 * mark_groups_new() makes them.
 */
uint64_t	*mark_groups_words(const struct mark_groups *, size_t nplaces, size_t *nwords);
struct mark_groups *mark_groups_from_words(const struct places *, const uint64_t *w, size_t nw);
/*
 * Group g's places and their statuses (status and attacked may be NULL:
 * initial statuses), as one line: "Kidal: held by rebels (CSP)", or
 * "Gao (3 places): Gao, no status; Gao UN camp, UN camp; ...".
 */
void		 mark_group_text(const struct mark_groups *, const struct places *,
		    const enum status *status, const unsigned char *attacked, size_t g,
		    char *buf, size_t n);
void		 mark_groups_free(struct mark_groups *);	/* NULL is fine */

/*
 * The cells a placer works in: the map region, each cell free, blocked
 * (not for markers or labels), or taken by an item's marker or label.
 */
#define MARK_FREE	(-1)
#define MARK_BLOCKED	(-2)	/* nothing on it nor beside it (a label needs room) */
#define MARK_OUTSIDE	(-3)
#define MARK_MOVE	(-4)	/* nothing on it; a label may pass beside it (a route's arrow) */

struct mark_grid {
	int	 col0, row0, cols, rows;
	int	*cell;		/* MARK_FREE, _BLOCKED, _MOVE, 2 * item (its marker), 2 * item + 1 (its label) */
};

void	mark_grid_init(struct mark_grid *, int col0, int row0, int cols, int rows);
void	mark_grid_free(struct mark_grid *);
int	mark_grid_at(const struct mark_grid *, int col, int row);	/* MARK_OUTSIDE off the grid */
void	mark_grid_set(struct mark_grid *, int col, int row, int what);

/*
 * Label positions, tried in this order: right of the marker (after a blank),
 * left of it (before a blank), centred above, centred below, then above
 * right, above left, below right, below left.
 */
#define MARK_CURRENT	0x1	/* holds the current event's place */
#define MARK_SELECTED	0x2	/* holds the selected place */
#define MARK_ALONE	0x4	/* its marker alone shows a status: it joins no cluster by radius */

enum mark_pos {
	MARK_RIGHT, MARK_LEFT, MARK_ABOVE, MARK_BELOW,
	MARK_ABOVE_RIGHT, MARK_ABOVE_LEFT, MARK_BELOW_RIGHT, MARK_BELOW_LEFT,
	MARK_NPOS
};

struct mark_item {
	/* in: for mark_place() */
	int	 col, row;	/* the cell its place falls in */
	double	 x, y;		/* where in cells, to a fraction: col <= x < col + 1 */
	int	 width;		/* cells its marker takes (>= 1) */
	int	 rank;		/* who takes a contested cell first: lower first */
	/* out */
	int	 placed;	/* 1: its marker is drawn at mcol, mrow */
	int	 mcol, mrow;
	size_t	 cluster;	/* the placed item that stands for it (itself if placed) */
	size_t	 joined;	/* placed items: how many others joined its cluster */
	/* in: for mark_label() (mark_layout() sets them from the next three) */
	int	 lwidth;	/* 0: no label */
	int	 prio;		/* who gets room for a label first: lower first */
	/* in: for mark_layout() */
	int	 lbase;		/* the width of its name; 0: none */
	int	 own;		/* its own label priority: lower first */
	int	 flags;		/* MARK_CURRENT, MARK_SELECTED, MARK_ALONE */
	int	 cflags;	/* out: the flags of all its label stands for */
	/* out */
	int	 pos;		/* enum mark_pos, or -1: no room */
	int	 lcol, lrow;	/* where the label starts */
	/* out of mark_name() */
	size_t	 namer;		/* the item whose label counts it, or (size_t)-1 */
	size_t	 unnamed;	/* labelled items: sites near it its label counts ("+N") */
};

/*
 * Markers, in rank order: a site within radius cells (a row counting two)
 * of a marker placed before joins its cluster (unless MARK_ALONE: the
 * status its marker shows would be on none); else its marker stands at
 * its cell, its run centred there, with a blank cell between it and any
 * other marker on its row; else moved by at most one row and one column,
 * or two columns along its row; else it joins the cluster of the marker in
 * its way.
 */
void	mark_place(struct mark_grid *, struct mark_item *, size_t n, int radius);
/*
 * Labels of placed items (any placed before are taken off first), in prio
 * order (then rank), at the first position where the label is free and no
 * other marker, label or blocked cell is within MARK_CLEAR cells of it on
 * its row (its own marker is a blank away): a label never covers a marker,
 * another label or a blocked cell, two names never read as one, and a label
 * never leaves the grid. A label that finds no room gets one repair: if a
 * single other label is in its way at one of its positions and moves to
 * another of its own, both are placed. Items that find no room get pos -1.
 */
#define MARK_CLEAR	2
void	mark_label(struct mark_grid *, struct mark_item *, size_t n);
/*
 * After mark_label(): each placed item whose label found no room is counted
 * by the nearest labelled item within MARK_NAME_COLS columns and
 * MARK_NAME_ROWS rows of its marker (its "+N" grows by it and what joined
 * it), so that no marker is left without a name near it. Returns how many;
 * the caller then widens those labels and calls mark_label() again.
 */
#define MARK_NAME_COLS	4
#define MARK_NAME_ROWS	2
size_t	mark_name(struct mark_item *, size_t n);
/*
 * All of it, as the map draws it: markers (mark_place()) with a radius of
 * 0, then 1, 2, 3, 4, 6, 8 and 12 cells until there are no more markers
 * than one per MARK_CELLS_PER_SITE cells of the area the sites span, and no
 * more than one in MARK_NAMELESS without a name (neither its own label nor
 * a neighbour's that counts it), MARK_ALONE ones aside (no radius clusters
 * them); labels (mark_label()), counted by a neighbour (mark_name()) when
 * they find no room. Each label
 * stands for its site and those clustered with it or counted by it: its
 * prio is their best own, its flags theirs together (cflags), its width
 * lbase, 2 more for brackets around the selection, and " +N" for N others.
 * The sites of the current event (MARK_CURRENT) and of the selection
 * (MARK_SELECTED) are the ones the user looks for: if that leaves one
 * without a label of its own (in a cluster, or counted by a neighbour),
 * all of it again (from the radius the first layout kept) with them
 * first, the current event's before the selection, their markers on
 * their cells and their labels' room kept before any other marker stands
 * (the first's at each position in turn), so that their neighbours move,
 * join them or are counted by their "+N".
 * Of these layouts and the first, the best: the current event's site
 * named, then the selection, then the sites without a label of their own
 * the least important (by rank, the best-ranked of them compared first).
 */
#define MARK_CELLS_PER_SITE	6
#define MARK_NAMELESS	8
void	mark_layout(struct mark_grid *, struct mark_item *, size_t n);
/*
 * One item more on a grid already laid out, moving nothing: a town of the
 * base map after the data's sites. Its marker (one cell) stands at (col,
 * row) when nothing is within MARK_CLEAR cells of it on its row (the edge
 * of the map aside) nor straight above or below it, and its label of
 * lwidth cells at the first position where it fits, as mark_label()
 * places labels. Returns 1 with both placed (cells 2 * i and 2 * i + 1),
 * or 0 and the grid as it was.
 */
int	mark_add(struct mark_grid *, struct mark_item *, size_t i);
/* Where the label of an item whose marker is at (mcol, mrow) goes at pos. */
void	mark_label_at(const struct mark_item *, enum mark_pos, int *col, int *row);

#endif
