/*
 * layout.c: where the title, the map, the legend, the event panel, the
 * timeline strip and the footer go. The regions depend on the frame's size,
 * the toggles and the data alone, never on the moment: the panel keeps its
 * place while the timeline plays, and the home view is fitted to the map
 * region that is left, so no chrome ever covers the map.
 */
#include "layout.h"

#define SIDE_MIN	26	/* a legend entry ("◷ planned change pending") and its margins */
#define SIDE_MAX	44
#define MAP_MIN_COLS	30	/* narrower, a side column is not worth it */
#define SIDE_PANEL_MIN	8	/* panel rows a side column keeps under the legend */

static struct layout_rect
rect(int col, int row, int cols, int rows)
{
	struct layout_rect r;

	if (cols <= 0 || rows <= 0)
		cols = rows = 0;
	r.col = col;
	r.row = row;
	r.cols = cols;
	r.rows = rows;
	return r;
}

/* Rows of a panel under the map: one or two on small frames, six on tall ones. */
static int
panel_rows(int rows)
{
	return rows >= 40 ? 6 : rows >= 30 ? 5 : rows >= 24 ? 4 : rows >= 16 ? 2 : 1;
}

/* How large the home extent is drawn in a map region: the rows it spans. */
static double
score(const struct layout_rect *map, double aspect)
{
	double across = map->cols / (2 * aspect);	/* a cell is twice as tall as wide */

	return map->rows < across ? map->rows : across;
}

/* Candidate f, or 0 if the frame has no room for it. */
static int
candidate(enum layout_form f, const struct layout_want *w, const struct layout_rect *body,
    struct layout *l)
{
	int top = body->row, h = body->rows, cols = w->cols, side, p, lw;

	lw = w->legend_width + 2 > SIDE_MIN ? w->legend_width + 2 : SIDE_MIN;
	p = w->panel ? panel_rows(w->rows) : 0;
	switch (f) {
	case LAYOUT_SIDE: {
		int lh = 0;

		side = cols * 3 / 10;
		side = side < lw ? lw : side > SIDE_MAX && SIDE_MAX >= lw ? SIDE_MAX : side;
		if ((!w->panel && !w->legend) || h < 8 || cols - side < MAP_MIN_COLS)
			return 0;
		if (w->legend) {
			lh = w->legend_lines + 1;
			if (w->panel && lh > h - SIDE_PANEL_MIN)
				lh = h - SIDE_PANEL_MIN;
			if (lh > h)
				lh = h;
			if (lh < 3)
				return 0;
			l->legend = rect(cols - side, top, side, lh);
		}
		if (w->panel)
			l->panel = rect(cols - side, top + lh, side, h - lh);
		l->map = rect(0, top, cols - side, h);
		return 1;
	}
	case LAYOUT_BOTTOM:
		if (!w->panel || !w->legend || h - p < w->legend_lines + 1 || h - p < 6 ||
		    cols - lw < MAP_MIN_COLS)
			return 0;
		l->map = rect(0, top, cols - lw, h - p);
		l->legend = rect(cols - lw, top, lw, h - p);
		l->panel = rect(0, top + h - p, cols, p);
		return 1;
	case LAYOUT_LINE:
		if (!w->legend || h - p - 1 < 3)
			return 0;
		l->map = rect(0, top, cols, h - p - 1);
		l->legend = rect(0, top + h - p - 1, cols, 1);
		l->panel = rect(0, top + h - p, cols, p);
		return 1;
	case LAYOUT_BARE:
		if (h - p < 1)
			p = h - 1 > 0 ? h - 1 : 0;
		l->map = rect(0, top, cols, h - p);
		l->panel = rect(0, top + h - p, cols, p);
		l->legend_hidden = w->legend;
		return 1;
	}
	return 0;
}

void
layout_compute(const struct layout_want *w, struct layout *out)
{
	int cols = w->cols > 0 ? w->cols : 1, rows = w->rows > 0 ? w->rows : 1;
	int strip = w->strip && rows >= 10, foot = rows >= 3;
	double aspect = w->aspect > 0 && w->aspect < 1e6 ? w->aspect : 1, best = -1;
	struct layout base, l;
	int f;

	/* title on top; the strip and the footer at the bottom */
	base = (struct layout){ 0 };
	base.cols = cols;
	base.rows = rows;
	base.title = rect(0, 0, cols, 1);
	base.footer = rect(0, rows - 1, cols, foot);
	base.strip = rect(0, rows - 1 - foot, cols, strip);
	base.body = rect(0, 1, cols, rows - 1 - foot - strip);
	if (rows < 3)
		base.body = rect(0, 1, cols, rows - 1);
	*out = base;
	out->form = LAYOUT_BARE;
	out->map = base.body;
	out->legend_hidden = w->legend;
	if (base.body.rows == 0)
		return;
	for (f = LAYOUT_SIDE; f <= LAYOUT_BARE; f++) {
		double s;

		l = base;
		l.form = (enum layout_form)f;
		if (!candidate((enum layout_form)f, w, &base.body, &l))
			continue;
		/* a frame without room for everything wanted is the last resort */
		if (l.legend_hidden && best >= 0)
			continue;
		s = score(&l.map, aspect);
		if (best < 0 || s > best * LAYOUT_TIE) {
			*out = l;
			best = s;
		}
	}
}

int
layout_has(const struct layout_rect *r, int col, int row)
{
	return col >= r->col && row >= r->row && col < r->col + r->cols &&
	    row < r->row + r->rows;
}

static int
rect_eq(const struct layout_rect *a, const struct layout_rect *b)
{
	return a->col == b->col && a->row == b->row && a->cols == b->cols && a->rows == b->rows;
}

int
layout_same(const struct layout *a, const struct layout *b)
{
	return a->cols == b->cols && a->rows == b->rows && a->form == b->form &&
	    rect_eq(&a->title, &b->title) && rect_eq(&a->map, &b->map) &&
	    rect_eq(&a->legend, &b->legend) && rect_eq(&a->panel, &b->panel) &&
	    rect_eq(&a->strip, &b->strip) && rect_eq(&a->footer, &b->footer) &&
	    a->legend_hidden == b->legend_hidden;
}

const char *
layout_form_name(enum layout_form f)
{
	static const char *const names[] = { "side", "bottom", "line", "bare" };

	return (unsigned)f < 4 ? names[f] : "?";
}
