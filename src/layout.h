/* layout.h: a frame's regions from its size and what it shows; arithmetic only, no canvas. */
#ifndef SITMAP_LAYOUT_H
#define SITMAP_LAYOUT_H

/* Cells col .. col + cols - 1 of rows row .. row + rows - 1; empty when either is 0. */
struct layout_rect {
	int	col, row, cols, rows;
};

/*
 * The arrangements, tried in this order; the one that draws the home
 * extent largest wins (a later one only when it does better by more than
 * LAYOUT_TIE):
 *   SIDE    legend above the panel, in a column right of the map
 *   BOTTOM  panel under the map, legend in a column right of the map
 *   LINE    panel under the map, legend as one key line between them
 *   BARE    the map and the panel; the legend has no room (tiny frames)
 */
enum layout_form { LAYOUT_SIDE, LAYOUT_BOTTOM, LAYOUT_LINE, LAYOUT_BARE };

#define LAYOUT_TIE	1.02

/* What the frame shows: everything the regions depend on, none of which changes while playing. */
struct layout_want {
	int	 cols, rows;
	int	 panel;		/* the event panel is on */
	int	 legend;	/* the legend is on */
	int	 strip;		/* a timeline strip (there are events) */
	int	 legend_lines;	/* entries the legend may ever list for this data */
	int	 legend_width;	/* columns its widest entry takes */
	double	 aspect;	/* the home extent's width over its height, on the ground; <= 0: 1 */
};

/*
 * The regions tile the frame and never overlap; a region that is not
 * shown is empty. The map region is the only one layers draw in.
 */
struct layout {
	int	 cols, rows;		/* the frame it tiles */
	enum layout_form form;
	struct layout_rect title, map, legend, panel, strip, footer;
	struct layout_rect body;	/* everything between the title and the strip: help goes here */
	int	 legend_hidden;		/* the legend is on but the frame has no room for it */
};

void	layout_compute(const struct layout_want *, struct layout *);
/* 1 if the cell is inside the rectangle. */
int	layout_has(const struct layout_rect *, int col, int row);
/* 1 if two layouts have the same regions. */
int	layout_same(const struct layout *, const struct layout *);
/* "side", "bottom", "line", "bare". */
const char *layout_form_name(enum layout_form);

#endif
