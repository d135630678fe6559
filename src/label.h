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
};

struct mark_groups *mark_groups_new(const struct places *);
void		 mark_groups_free(struct mark_groups *);	/* NULL is fine */

/*
 * The cells a placer works in: the map region, each cell free, blocked
 * (not for markers or labels), or taken by an item's marker or label.
 */
#define MARK_FREE	(-1)
#define MARK_BLOCKED	(-2)
#define MARK_OUTSIDE	(-3)

struct mark_grid {
	int	 col0, row0, cols, rows;
	int	*cell;		/* MARK_FREE, MARK_BLOCKED, 2 * item (its marker), 2 * item + 1 (its label) */
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
enum mark_pos {
	MARK_RIGHT, MARK_LEFT, MARK_ABOVE, MARK_BELOW,
	MARK_ABOVE_RIGHT, MARK_ABOVE_LEFT, MARK_BELOW_RIGHT, MARK_BELOW_LEFT,
	MARK_NPOS
};

struct mark_item {
	/* in: for mark_place() */
	int	 col, row;	/* the cell its place falls in */
	int	 width;		/* cells its marker takes (>= 1) */
	int	 rank;		/* who takes a contested cell first: lower first */
	/* out */
	int	 placed;	/* 1: its marker is drawn at mcol, mrow */
	int	 mcol, mrow;
	size_t	 cluster;	/* the placed item that stands for it (itself if placed) */
	size_t	 joined;	/* placed items: how many others joined its cluster */
	/* in: for mark_label() */
	int	 label_width;	/* 0: no label */
	int	 prio;		/* who gets room for a label first: lower first */
	/* out */
	int	 pos;		/* enum mark_pos, or -1: no room */
	int	 lcol, lrow;	/* where the label starts */
};

/*
 * Markers, in rank order: each at its cell, its run centred there, with a
 * blank cell between it and any other marker on its row; else moved by at
 * most one row and one column, or two columns along its row; else it joins
 * the cluster of the marker in its way.
 */
void	mark_place(struct mark_grid *, struct mark_item *, size_t n);
/*
 * Labels of placed items, in prio order (then rank), at the first position
 * where the label and a blank cell on each side of it are free: a label
 * never covers or touches a marker, another label or a blocked cell, and
 * never leaves the grid. Items that find no room get pos -1.
 */
void	mark_label(struct mark_grid *, struct mark_item *, size_t n);
/* Where the label of an item whose marker is at (mcol, mrow) goes at pos. */
void	mark_label_at(const struct mark_item *, enum mark_pos, int *col, int *row);

#endif
