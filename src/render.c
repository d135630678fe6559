/*
 * render.c: the only code that decides what a frame looks like. The frame
 * is cut into regions (layout.c) that never overlap: layers are drawn in
 * the map region only, in order (later wins a shared cell), then the
 * current event's movement, then one marker per site (label.c groups the
 * places of a site, keeps markers apart or clusters them, and places their
 * labels), then the legend, the panel, the title, the strip and the footer
 * in their own regions.
 */
#include "render.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "label.h"
#include "text.h"
#include "util.h"

#define NONE ((size_t)-1)

static const uint32_t status_glyph[STATUS_COUNT] = {
#define X(id, name, label, ascii, glyph, style) glyph,
	STATUS_LIST
#undef X
};
static const char status_ascii[STATUS_COUNT] = {
#define X(id, name, label, ascii, glyph, style) ascii,
	STATUS_LIST
#undef X
};
static const enum style status_style[STATUS_COUNT] = {
#define X(id, name, label, ascii, glyph, style) style,
	STATUS_LIST
#undef X
};

/* a planned change still to come, drawn beside the status: ◷ and * */
#define GLYPH_PLANNED	0x25F7
#define ASCII_PLANNED	'*'

/* A movement shorter than this many cells is drawn with arrows, cell by cell. */
#define ROUTE_MIN_CELLS	6
/* The most glyphs a site's marker shows (its places' statuses and a planned mark). */
#define RUN_MAX		8
/* The most arrows a movement gets: the cells between the ends of a short one. */
#define ARROWS_MAX	8

/* A town of the base map: a white bullet, a capital a bullseye; in ASCII + and *. */
#define GLYPH_TOWN	0x25E6
#define GLYPH_CAPITAL	0x25CE
#define ASCII_TOWN	'+'
#define ASCII_CAPITAL	'*'
/* At most one town per this many cells of the map: a base map, not a gazetteer. */
#define TOWN_CELLS	100
/* A town whose name a data label near it already shows (cells each way) is left out. */
#define TOWN_SAME_COLS	12
#define TOWN_SAME_ROWS	3

/* A label the data's sites or cells drew: a town of the same name near it is not repeated. */
struct drawn_name {
	const char	*text;
	int		 col, row;
};

/*
 * Everything one frame needs besides the scene: its regions, and what the
 * map ended up showing, for the legend and the panel.
 */
struct frame {
	struct canvas	*cv;
	const struct scene *sc;
	struct layout	 lay;
	int		 ascii;
	int		 seen[STATUS_COUNT];	/* statuses drawn */
	int		 planned_seen, move_seen, cluster_seen;
	uint32_t	 group_cp[3];		/* a site's marker of several places, for the legend */
	enum style	 group_st[3];
	int		 ngroup;
	int		 agg_seen[4];
	size_t		 not_located;		/* aggregate mode: events without a point */
	char		*selection;		/* the selected site's places, for the panel */
	struct mark_grid grid;			/* the map's cells: the data's, then the towns' */
	struct drawn_name *names;		/* the data's labels drawn, for the towns */
	size_t		 nnames, names_cap;
	int		 town_seen, capital_seen;
	int		 narrow;		/* the movement's arrows: cells, and the glyph */
	int		 arrow_c[ARROWS_MAX], arrow_r[ARROWS_MAX];
	uint32_t	 arrow_cp;
};

static const struct event *
current_event(const struct scene *sc)
{
	const struct view *v = sc->view;

	if (sc->tl == NULL || !v->have_stop || v->stop.ev >= sc->tl->nevents)
		return NULL;
	return &sc->tl->events[v->stop.ev];
}

/* "event K/M": M counts the events that pass the filter */
static size_t
event_total(const struct scene *sc)
{
	return sc->view->match != NULL ? sc->view->nmatch : sc->tl != NULL ? sc->tl->nevents : 0;
}

static uint32_t
status_cp(int ascii, enum status st)
{
	return ascii ? (uint32_t)status_ascii[st] : status_glyph[st];
}

static int
to_cell(double v, int per_cell)
{
	v = floor(v / per_cell);
	return v < -1e6 ? -1000000 : v > 1e6 ? 1000000 : (int)v;
}

void
render_want(const struct places *pl, const struct timeline *tl, int aggregate,
    struct layout_want *w)
{
	int used[STATUS_COUNT] = { 0 }, k, n = 0;
	size_t i;

	w->strip = tl != NULL && tl->nevents > 0;
	w->panel = w->panel && w->strip;
	for (i = 0; pl != NULL && i < pl->n; i++)
		used[pl->v[i].initial] = 1;
	for (i = 0; tl != NULL && i < tl->neffects; i++) {
		used[tl->effects[i].status] = 1;
		if (tl->effects[i].attacked && !aggregate)
			used[STATUS_ATTACKED] = 1;
	}
	/* counts do not show a place without a status: a status legend entry is "place" */
	if (aggregate)
		used[STATUS_NONE] = 0;
	w->legend_width = aggregate ? 22 : 24;
	for (k = 0; k < STATUS_COUNT; k++)
		if (used[k]) {
			n++;
			/* a glyph, a blank, the words */
			if (text_width(status_label((enum status)k)) + 2 > w->legend_width)
				w->legend_width = text_width(status_label((enum status)k)) + 2;
		}
	/* aggregate: four classes of counts and the events not located, then the statuses */
	if (aggregate) {
		w->legend_lines = 5 + n;
		return;
	}
	/* and a planned mark, a movement, a site of several places, a cluster */
	n += (tl != NULL && timeline_nplans(tl) > 0) + (tl != NULL && tl->nroutes > 0) + 2;
	w->legend_lines = n;
}

int
render_towns_lines(const struct map_layer *layers, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (layers[i].towns)
			return 2;
	return 0;
}

void
render_layout(const struct scene *sc, int cols, int rows, struct layout *l)
{
	const struct view *v = sc->view;
	struct layout_want w;

	memset(&w, 0, sizeof w);
	w.cols = cols;
	w.rows = rows;
	w.panel = v->show_panel;
	w.legend = v->show_legend;
	render_want(sc->places, sc->tl, v->aggregate, &w);
	w.legend_lines += render_towns_lines(sc->layers, sc->nlayers);
	layout_compute(&w, l);
}
/* The strip column of a day; a day wider than a column (a short window) at its slice's end. */
static int
strip_col(day_t day, day_t first, double per, int cols)
{
	int c = per < 1 ? (int)((day - first + 1) / per) - 1 : (int)((day - first) / per);

	return c >= cols ? cols - 1 : c < 0 ? 0 : c;
}

/*
 * What the strip of a frame cols wide spans: its cells (two fewer than the
 * frame), the days first .. last (the whole timeline, or the window up to
 * the current day) and the days per cell. 0, or -1 without a strip.
 */
static int
strip_span(const struct timeline *tl, const struct view *v, int cols, int *ncols,
    day_t *first, day_t *last, double *per)
{
	*ncols = cols - 2;
	if (tl == NULL || tl->nevents == 0 || *ncols < 4)
		return -1;
	*first = tl->first_lo;
	*last = tl->last_day;
	if (v->window_days > 0 && v->have_day) {
		*last = v->day;
		*first = (day_t)((int64_t)v->day - v->window_days + 1 > INT32_MIN / 2 ?
		    v->day - v->window_days + 1 : INT32_MIN / 2);
	}
	*per = (double)((int64_t)*last - *first + 1) / *ncols;
	return 0;
}

int
render_strip_day(const struct timeline *tl, const struct view *v, int cols, int col,
    day_t *day)
{
	day_t first, last, lo, hi;
	double per;
	int n, c = col - 1;

	if (strip_span(tl, v, cols, &n, &first, &last, &per) != 0 || c < 0 || c >= n)
		return -1;
	/* the last day whose column is at most c: columns grow with days */
	lo = first;
	hi = last;
	if (strip_col(first, first, per, n) > c) {
		*day = first;
		return 0;
	}
	while (lo < hi) {
		day_t mid = (day_t)(lo + ((int64_t)hi - lo + 1) / 2);

		if (strip_col(mid, first, per, n) <= c)
			lo = mid;
		else
			hi = mid - 1;
	}
	*day = lo;
	return 0;
}

/*
 * A year's number where the year begins, on cells with no event and a
 * quiet cell either side (a quiet stretch reads as years), one blank from
 * the previous number: an axis that never hides a bar.
 */
static void
draw_years(struct canvas *cv, int row, const unsigned *count, int cols, day_t first,
    day_t last, double per)
{
	int y0, y1, y, m, d, end = -2;

	date_to_ymd(first, &y0, &m, &d);
	date_to_ymd(last, &y1, &m, &d);
	for (y = y0 + 1; y <= y1 && y <= 9999; y++) {
		char num[8];
		day_t jan1;
		int c, k, w;

		if (date_from_ymd(y, 1, 1, &jan1) != 0)
			continue;
		c = strip_col(jan1, first, per, cols);
		w = snprintf(num, sizeof num, "%d", y);
		if (c <= end + 1 || c + w > cols)
			continue;
		for (k = 0; k < w && count[c + k] == 0; k++)
			;
		/* and a quiet cell either side, so that it does not run into a bar */
		if (k < w || (c + w < cols && count[c + w] != 0) || (c > 0 && count[c - 1] != 0))
			continue;
		canvas_text(cv, 1 + c, row, num, w, STYLE_DIM);
		end = c + w;
	}
}

/*
 * One cell per slice of the whole time span (or of the window: its days up
 * to the current one): a bar as high as the number of events that pass the
 * filter in it, planned ones in their own style, the years where nothing
 * happened, and the current date in reverse video. The axis is linear in
 * time, so quiet years look quiet.
 */
static void
draw_strip(struct canvas *cv, const struct scene *sc, int row)
{
	const struct view *v = sc->view;
	static const uint32_t bars[8] = { 0x2581, 0x2582, 0x2583, 0x2584, 0x2585, 0x2586,
	    0x2587, 0x2588 };
	static const char ascii_bars[8] = { '_', '.', ':', '-', '=', '+', '*', '#' };
	const struct timeline *tl = sc->tl;
	int cols, c, ascii = canvas_mode(cv) == CANVAS_ASCII;
	unsigned *count, max = 0;
	unsigned char *planned;
	day_t first, last;
	double per;
	size_t i, end;

	if (strip_span(tl, v, canvas_cols(cv), &cols, &first, &last, &per) != 0)
		return;
	count = xcalloc((size_t)cols, sizeof *count);
	planned = xcalloc((size_t)cols, 1);
	/* events are sorted by day: a column's count is where the next one starts */
	end = timeline_upto_day(tl, last);
	for (i = timeline_upto_day(tl, first - 1), c = 0; c < cols; c++) {
		size_t lo = i, hi = end, k;

		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;

			if (strip_col(tl->events[mid].day, first, per, cols) <= c)
				lo = mid + 1;
			else
				hi = mid;
		}
		/* without a filter a column's count is a difference: no loop over events */
		if (tl->event_weight != NULL) {
			/* an aggregate's: the counts its rows give */
			for (k = i; k < lo; k++)
				if (v->match == NULL || v->match[k])
					count[c] = count[c] > UINT_MAX - tl->event_weight[k] ?
					    UINT_MAX : count[c] + tl->event_weight[k];
		} else if (v->match == NULL) {
			count[c] = (unsigned)(lo - i);
		}
		for (k = i; k < lo && v->match != NULL && tl->event_weight == NULL; k++)
			count[c] += v->match[k] != 0;
		max = count[c] > max ? count[c] : max;
		i = lo;
	}
	for (i = 0; i < tl->nplanned; i++) {
		const struct event *ev = &tl->events[tl->planned[i]];

		if (ev->day >= first && ev->day <= last &&
		    (v->match == NULL || v->match[tl->planned[i]]))
			planned[strip_col(ev->day, first, per, cols)] = 1;
	}
	for (c = 0; c < cols; c++) {
		enum style st = planned[c] ? STYLE_PLANNED : STYLE_DIM;
		uint32_t g;

		if (count[c] == 0)
			g = ascii ? ' ' : 0x00B7;
		else {
			unsigned level = (unsigned)(((uint64_t)count[c] * 8 + max - 1) /
			    (max ? max : 1));

			level = level < 1 ? 1 : level > 8 ? 8 : level;
			g = ascii ? (uint32_t)ascii_bars[level - 1] : bars[level - 1];
		}
		canvas_put(cv, 1 + c, row, g, st);
	}
	draw_years(cv, row, count, cols, first, last, per);
	/* a cursor that shows without colour too; none for a day outside the strip */
	if (v->have_day && v->day >= first && v->day <= last)
		canvas_put(cv, 1 + strip_col(v->day, first, per, cols), row, ascii ? '|' : 0x2503,
		    STYLE_HIGHLIGHT);
	free(count);
	free(planned);
}

static int
clamp_px(double v)
{
	if (!(v > -1e8))
		return -100000000;
	if (v > 1e8)
		return 100000000;
	return (int)lrint(v);
}

static void
draw_layer(struct canvas *cv, const struct map_layer *ml, const struct viewport *vp)
{
	const struct geo_layer *l = ml->geo;
	const struct geo_bbox *chunks = l->chunks;
	const struct geo_pt *pts = l->pts;
	const uint32_t *parts = l->parts;
	double min_w = 3 * vp->m_per_px, min_h = 3 * vp->m_per_px * vp->px_aspect;
	double sx = 1 / vp->m_per_px, sy = 1 / (vp->m_per_px * vp->px_aspect);
	double ox = vp->x0_px + vp->w_px / 2.0 - vp->cx_m * sx;
	double oy = vp->y0_px + vp->h_px / 2.0 + vp->cy_m * sy;
	const struct geo_bbox *boxes = NULL;
	struct geo_bbox view;
	size_t s, p, i;
	int k = geo_layer_level(l, vp->m_per_px);

	/* the caller projects what a frame needs (app_render) */
	if (!geo_layer_level_ready(l, k))
		return;
	if (k >= 0) {
		pts = l->lod[k].pts;
		parts = l->lod[k].parts;
		boxes = l->lod[k].boxes;
		chunks = NULL;	/* the chunk boxes index every vertex */
	}
	vp_bbox(vp, &view);
	for (s = 0; s < l->nshapes; s++) {
		const struct geo_shape *sh = &l->shapes[s];
		const struct geo_bbox *bb = boxes != NULL ? &boxes[s] : &sh->bbox;

		/* culling keeps the cost of a zoomed-in frame off the unseen vertices */
		if (!geo_bbox_overlaps(bb, &view))
			continue;
		/* a polygon smaller than a dot is noise at this scale (ponds, islets) */
		if (l->kind == GEO_POLY && bb->x1 - bb->x0 < min_w && bb->y1 - bb->y0 < min_h)
			continue;
		for (p = sh->first_part; p < (size_t)sh->first_part + sh->nparts; p++) {
			int have = 0, lx = 0, ly = 0;

			for (i = parts[p]; i < parts[p + 1]; i++) {
				double fx, fy;
				int x, y;

				/* a chunk wholly outside the view: jump to its last vertex */
				if (chunks != NULL && i % GEO_CHUNK == 0 &&
				    !geo_bbox_overlaps(&chunks[i / GEO_CHUNK], &view) &&
				    i + GEO_CHUNK < parts[p + 1]) {
					i += GEO_CHUNK - 1;
					have = 0;
					continue;
				}
				if (isnan(pts[i].x)) {
					have = 0;
					continue;
				}
				/* vp_to_px(), unrolled: this is the per-vertex hot path */
				fx = ox + pts[i].x * sx;
				fy = oy - pts[i].y * sy;
				x = clamp_px(fx), y = clamp_px(fy);
				if (l->kind == GEO_POINT || !have)
					canvas_dot(cv, x, y, ml->style);
				else if (x != lx || y != ly)
					canvas_line(cv, lx, ly, x, y, ml->style);
				lx = x, ly = y, have = 1;
			}
		}
	}
}

/* The current event's movement: its first and last points, in cells and as a direction on screen. */
struct move_ends {
	int	 c0, r0, c1, r1;
	double	 dx, dy;	/* screen units, y down: a sub-pixel's height counts px_aspect */
	int	 is_long;	/* long enough for a dashed line; else arrows cell by cell */
};

static int
move_ends(const struct frame *f, struct move_ends *m)
{
	const struct scene *sc = f->sc;
	const struct view *v = sc->view;
	double x0, y0, x1, y1;
	size_t i, last = 0;
	int dc, dr;

	if (sc->nmove < 2 || isnan(sc->move[0].x))
		return 0;
	for (i = 1; i < sc->nmove && !isnan(sc->move[i].x); i++)
		last = i;
	vp_to_px(&v->vp, sc->move[0].x, sc->move[0].y, &x0, &y0);
	vp_to_px(&v->vp, sc->move[last].x, sc->move[last].y, &x1, &y1);
	m->c0 = to_cell(x0, canvas_dx(f->cv));
	m->r0 = to_cell(y0, canvas_dy(f->cv));
	m->c1 = to_cell(x1, canvas_dx(f->cv));
	m->r1 = to_cell(y1, canvas_dy(f->cv));
	m->dx = x1 - x0;
	m->dy = (y1 - y0) * v->vp.px_aspect;
	dc = abs(m->c1 - m->c0);
	dr = abs(m->r1 - m->r0) * 2;	/* a row is two columns tall */
	m->is_long = (dc > dr ? dc : dr) >= ROUTE_MIN_CELLS;
	return 1;
}

/*
 * The dashed line of a long movement, over the map and under the markers:
 * two dots on, two off, which no border or river is.
 */
static void
draw_move(struct canvas *cv, const struct scene *sc)
{
	size_t i;
	int lx = 0, ly = 0, step = 0;

	for (i = 0; i < sc->nmove; i++) {
		double fx, fy;
		int x, y, n, k;

		if (isnan(sc->move[i].x))
			return;
		vp_to_px(&sc->view->vp, sc->move[i].x, sc->move[i].y, &fx, &fy);
		x = clamp_px(fx), y = clamp_px(fy);
		if (i == 0 || abs(x - lx) > 100000 || abs(y - ly) > 100000) {
			lx = x, ly = y;
			continue;
		}
		n = abs(x - lx) > abs(y - ly) ? abs(x - lx) : abs(y - ly);
		for (k = 1; k <= n; k++, step++)
			if (step % 4 < 2)
				canvas_dot(cv, lx + (int)lrint((double)(x - lx) * k / n),
				    ly + (int)lrint((double)(y - ly) * k / n), STYLE_MOVE);
		lx = x, ly = y;
	}
}

/* The arrow that points along (dx, dy), y down: eight in Unicode, four in ASCII. */
static uint32_t
arrow_cp(int ascii, double dx, double dy)
{
	static const uint32_t eight[8] = { 0x2192, 0x2197, 0x2191, 0x2196, 0x2190, 0x2199,
	    0x2193, 0x2198 };
	static const char four[4] = { '>', '^', '<', 'v' };
	double a = atan2(-dy, dx);

	if (ascii)
		return (uint32_t)four[((int)lrint(a / (M_PI / 2)) + 4) % 4];
	return eight[((int)lrint(a / (M_PI / 4)) + 8) % 8];
}

/*
 * An arrow goes in a cell of the map no marker or label holds, touching no
 * marker on its row (where it would read as a status), nor (strict) a
 * label; put_arrow() puts it there and returns 1 if it may.
 */
static int
arrow_fits(const struct mark_grid *grid, int c, int r, int strict)
{
	int k;

	if (mark_grid_at(grid, c, r) != MARK_FREE)
		return 0;
	for (k = -1; k <= 1; k += 2) {
		int v = mark_grid_at(grid, c + k, r);

		if (v >= 0 && (strict || v % 2 == 0))
			return 0;
	}
	return 1;
}

static int
put_arrow(struct frame *f, struct mark_grid *grid, int c, int r, uint32_t cp, int strict)
{
	if (f->narrow >= ARROWS_MAX || !arrow_fits(grid, c, r, strict))
		return 0;
	f->arrow_c[f->narrow] = c;
	f->arrow_r[f->narrow++] = r;
	f->arrow_cp = cp;
	mark_grid_set(grid, c, r, MARK_MOVE);
	return 1;
}

/*
 * The direction of a movement, in cells of the grid that markers and
 * labels leave free (touching none if it can), kept in f->arrow_*: a long
 * one gets an arrow on
 * its line next to where it ends; a short one, which the dots would hardly
 * show, arrows in the cells between its ends, or at least one beside its
 * end on the side it comes from.
 */
static void
draw_arrows(struct frame *f, struct mark_grid *grid, const struct move_ends *m)
{
	uint32_t cp = arrow_cp(f->ascii, m->dx, m->dy);
	int n = abs(m->c1 - m->c0) > abs(m->r1 - m->r0) ? abs(m->c1 - m->c0) :
	    abs(m->r1 - m->r0), k, put = 0, strict, best, bc = 0, br = 0, x, y;

	for (strict = 1; strict >= 0 && put == 0; strict--) {
		/* from the end backwards: the first free cell (long), or every free one (short) */
		for (k = n - 1; k >= 1; k--) {
			int c = m->c0 + (int)lrint((double)(m->c1 - m->c0) * k / n);
			int r = m->r0 + (int)lrint((double)(m->r1 - m->r0) * k / n);

			put += put_arrow(f, grid, c, r, cp, strict);
			if (m->is_long && (put > 0 || k < n - 3))
				break;
		}
		if (put > 0)
			return;
		/*
		 * None between its ends: a free cell beside its end on the side it
		 * comes from, else beside its start on the side it goes to; the one
		 * nearest the line between them.
		 */
		best = INT32_MAX;
		for (k = 0; k < 2 && best == INT32_MAX; k++)
			for (y = -1; y <= 1; y++)
				for (x = -1; x <= 1; x++) {
					int c = (k ? m->c0 : m->c1) + x, r = (k ? m->r0 : m->r1) + y;
					double along = x * m->dx + y * 2 * m->dy;
					/* how far off the line, in cells (a row counting two) */
					int d = (int)lrint(fabs(x * 2 * m->dy - y * m->dx) * 100 /
					    (hypot(m->dx, 2 * m->dy) + 1e-9));

					if ((x == 0 && y == 0) || (k ? along < 0 : along > 0) || d >= best ||
					    !arrow_fits(grid, c, r, strict))
						continue;
					best = d;
					bc = c;
					br = r;
				}
		if (best < INT32_MAX)
			put += put_arrow(f, grid, bc, br, cp, strict);
	}
}

/* 1 if a planned change is still to come at place i: it gets a mark beside its status. */
static int
plan_pending(const struct scene *sc, size_t i)
{
	const struct view *v = sc->view;
	enum plan_state ps;

	if (sc->tl == NULL || timeline_nplans(sc->tl) == 0 || !v->have_day)
		return 0;
	(void)timeline_plan(sc->tl, i, v->day, v->status ? v->status[i] :
	    sc->places->v[i].initial, &ps);
	return ps == PLAN_PENDING;
}

/*
 * A site's marker: the status of each of its places in the group's order,
 * an attack instead of the status on its day, a place without a status
 * only when none of them has one; then a planned mark if a change is
 * pending at any of them. sid[] gets the statuses, -1 for the mark.
 */
static int
group_run(const struct scene *sc, const struct mark_groups *g, size_t k, int *sid)
{
	const struct view *v = sc->view;
	size_t j;
	int n = 0, any = 0, plan = 0;

	for (j = g->first[k]; j < g->first[k + 1]; j++) {
		size_t i = g->member[j];

		any |= (v->status ? v->status[i] : sc->places->v[i].initial) != STATUS_NONE ||
		    (v->attacked && v->attacked[i]);
	}
	for (j = g->first[k]; j < g->first[k + 1]; j++) {
		size_t i = g->member[j];
		int s = v->status ? (int)v->status[i] : (int)sc->places->v[i].initial;

		if (v->attacked && v->attacked[i])
			s = STATUS_ATTACKED;
		plan |= plan_pending(sc, i);
		if ((s == STATUS_NONE && (any || n > 0)) || n >= RUN_MAX - 1)
			continue;
		sid[n++] = s;
	}
	if (plan)
		sid[n++] = -1;
	return n;
}

static uint32_t
run_cp(const struct frame *f, int sid, enum style *st)
{
	if (sid < 0) {
		*st = STYLE_PLANNED;
		return f->ascii ? (uint32_t)ASCII_PLANNED : GLYPH_PLANNED;
	}
	*st = status_style[sid];
	return status_cp(f->ascii, (enum status)sid);
}

/*
 * Which site takes a contested cell first, and keeps its own name in a
 * cluster: the capital, then sites of more places, then by kind (a town
 * before a camp), then file order.
 */
static int
group_rank(const struct scene *sc, const struct mark_groups *g, size_t k)
{
	const struct place *p = &sc->places->v[g->member[g->first[k]]];
	size_t m = g->first[k + 1] - g->first[k];

	return (p->kind == PLACE_CAPITAL ? 0 : 100) + (int)(9 - (m > 9 ? 9 : m)) * 10 +
	    (int)p->kind;
}

/* "Gao (3 places): Gao, no status; ..." for the selection's line in the panel. */
static void
describe_site(const struct frame *f, const struct mark_groups *g, size_t k, char **out)
{
	const struct view *v = f->sc->view;
	char buf[1024];
	char *s;

	mark_group_text(g, f->sc->places, v->status, v->attacked, k, buf, sizeof buf);
	if (*out == NULL) {
		*out = xstrdup(buf);
		return;
	}
	xasprintf(&s, "%s; %s", *out, buf);
	free(*out);
	*out = s;
}


/* 1 if a marker stands next to the cell on its row. */
static int
touches_marker(const struct mark_grid *g, int c, int r)
{
	int k, v;

	for (k = -1; k <= 1; k += 2)
		if ((v = mark_grid_at(g, c + k, r)) >= 0 && v % 2 == 0)
			return 1;
	return 0;
}

/*
 * The site (an index into it) whose label names or counts site i: its own,
 * its cluster's, or the neighbour's that counts its cluster; NONE if none.
 */
static size_t
shown_by(const struct mark_item *it, size_t i)
{
	size_t c = it[i].cluster, s;

	if (c == NONE)
		return NONE;
	s = it[c].namer != NONE ? it[c].namer : it[c].pos >= 0 ? c : NONE;
	return s != NONE && it[s].pos >= 0 ? s : NONE;
}

/* Sites that no label names or counts. */
static size_t
nameless(const struct mark_item *it, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		k += shown_by(it, i) == NONE;
	return k;
}

#define ARROW_TRIES	8

/*
 * A movement whose ends stand so close among other sites that no cell is
 * left for its arrow once the labels stand (Gao to Tarkint at 80x24) would
 * not show at all. Its arrows are then chosen among the markers alone, and
 * the markers and labels laid out again around them, a blank away (as from
 * a blocked cell): a label that stood there moves, or is counted by a
 * neighbour's "+N". Of the cells the arrows may take, in draw_arrows()'s
 * order, the first that leaves no more sites without a name than before
 * wins. The arrow is the event's content: if none does, the one that
 * leaves the fewest wins (Ménaka to Gao, E7, at 60x20: Ménaka's label took
 * the only cell, and Gao's lost its room to it), as long as the current
 * event's site and the selection keep their own labels and no arrow
 * touches a marker; if none does that, there is no arrow.
 */
static void
make_room_for_arrows(struct frame *f, struct mark_grid *grid, struct mark_item *it, size_t n,
    const struct move_ends *mv)
{
	const struct layout_rect *map = &f->lay.map;
	struct mark_grid bare, trial, least = { 0 };
	struct mark_item *tmp = xcalloc(n + 1, sizeof *tmp), *least_it = NULL;
	size_t i, before = nameless(it, n), now, fewest = (size_t)-1;
	int x, t, found = 0, ok, least_c[ARROWS_MAX], least_r[ARROWS_MAX], nleast = 0;

	mark_grid_init(&bare, map->col, map->row, map->cols, map->rows);
	for (i = 0; i < n; i++)
		for (x = 0; it[i].placed && x < it[i].width; x++)
			mark_grid_set(&bare, it[i].mcol + x, it[i].mrow, (int)(2 * i));
	for (t = 0; t < ARROW_TRIES && !found; t++) {
		/* the cells a try takes stay taken in bare: the next try offers others */
		f->narrow = 0;
		draw_arrows(f, &bare, mv);
		if (f->narrow == 0)
			break;
		mark_grid_init(&trial, map->col, map->row, map->cols, map->rows);
		/* the arrows, and no marker beside one on its row (it would read as a status) */
		for (x = 0; x < f->narrow; x++) {
			int c = f->arrow_c[x], r = f->arrow_r[x], k;

			for (k = -1; k <= 1; k += 2)
				if (mark_grid_at(&trial, c + k, r) == MARK_FREE)
					mark_grid_set(&trial, c + k, r, MARK_MOVE);
		}
		for (x = 0; x < f->narrow; x++)
			mark_grid_set(&trial, f->arrow_c[x], f->arrow_r[x], MARK_BLOCKED);
		memcpy(tmp, it, n * sizeof *tmp);
		mark_layout(&trial, tmp, n);
		/* the markers may have moved: an arrow touching one on its row reads as a status */
		ok = 1;
		for (x = 0; x < f->narrow && ok; x++)
			ok = !touches_marker(&trial, f->arrow_c[x], f->arrow_r[x]);
		for (i = 0; i < n && ok; i++)
			ok = !(it[i].flags & (MARK_CURRENT | MARK_SELECTED)) || it[i].pos < 0 ||
			    tmp[i].pos >= 0;
		now = nameless(tmp, n);
		found = ok && now <= before;
		if (found) {
			mark_grid_free(grid);
			*grid = trial;
			memcpy(it, tmp, n * sizeof *tmp);
		} else if (ok && now < fewest) {
			fewest = now;
			if (least_it == NULL)
				least_it = xcalloc(n + 1, sizeof *least_it);
			memcpy(least_it, tmp, n * sizeof *tmp);
			if (least.cell != NULL)
				mark_grid_free(&least);
			least = trial;
			nleast = f->narrow;
			memcpy(least_c, f->arrow_c, sizeof least_c);
			memcpy(least_r, f->arrow_r, sizeof least_r);
		} else
			mark_grid_free(&trial);
	}
	if (!found && least_it != NULL) {
		mark_grid_free(grid);
		*grid = least;
		least.cell = NULL;
		memcpy(it, least_it, n * sizeof *it);
		f->narrow = nleast;
		memcpy(f->arrow_c, least_c, sizeof least_c);
		memcpy(f->arrow_r, least_r, sizeof least_r);
		found = 1;
	}
	if (!found)
		f->narrow = 0;
	if (least.cell != NULL)
		mark_grid_free(&least);
	mark_grid_free(&bare);
	free(least_it);
	free(tmp);
}

#define ALONE_TRIES	4
_Static_assert(STATUS_COUNT <= 32, "a site's statuses are bits of a uint32_t");

/*
 * The markers laid out (label.c), so that every status held in view is on
 * a marker (kinds[i]: the statuses site i's marker shows, a bit each). A
 * small map clusters most sites, and a cluster shows its first site's
 * marker: if a status is on none, the best-ranked site that shows it and
 * stood in no try yet stands apart (MARK_ALONE) and all is laid out again
 * (at 40x12 at E21, Kidal, the only site held by rebels, was in the
 * current event's "Anefis +7": neither the map nor the legend said that
 * rebels held anything).
 */
static void
lay_out(struct mark_grid *grid, struct mark_item *it, const uint32_t *kinds, size_t n)
{
	size_t cells = (size_t)grid->cols * (size_t)grid->rows, i;
	int *saved = xcalloc(cells + 1, sizeof *saved), t, s, again = 1;

	memcpy(saved, grid->cell, cells * sizeof *saved);
	for (t = 0; t < ALONE_TRIES && again; t++) {
		if (t > 0)
			memcpy(grid->cell, saved, cells * sizeof *saved);
		mark_layout(grid, it, n);
		again = 0;
		for (s = STATUS_NONE + 1; s < STATUS_COUNT; s++) {
			size_t best = NONE;
			int shown = 0;

			for (i = 0; i < n; i++)
				if (kinds[i] >> s & 1) {
					shown |= it[i].placed;
					if (!(it[i].flags & MARK_ALONE) &&
					    (best == NONE || it[i].rank < it[best].rank))
						best = i;
				}
			if (!shown && best != NONE) {
				it[best].flags |= MARK_ALONE;
				again = 1;
			}
		}
	}
	free(saved);
}

static void
add_name(struct frame *f, const char *text, int col, int row)
{
	if (f->nnames == f->names_cap) {
		f->names_cap = f->names_cap ? 2 * f->names_cap : 64;
		f->names = xreallocarray(f->names, f->names_cap, sizeof *f->names);
	}
	f->names[f->nnames].text = text;
	f->names[f->nnames].col = col;
	f->names[f->nnames++].row = row;
}

/*
 * One marker per site, kept apart or clustered (label.c), the current
 * movement's arrows, then the labels: the current event's site first, then
 * the selection, then by rank. A label reads "Gao", "Gao +3" for a cluster,
 * "[Gao]" when selected, with a blank between it and its marker.
 */
static void
draw_places(struct frame *f)
{
	const struct scene *sc = f->sc;
	const struct view *v = sc->view;
	const struct event *ev = current_event(sc);
	const struct layout_rect *map = &f->lay.map;
	struct mark_groups *own = NULL;
	const struct mark_groups *g = sc->groups;
	struct mark_grid *grid = &f->grid;
	struct mark_item *it;
	struct move_ends mv;
	size_t *grp, n = 0, i, j, k, sel = NONE;
	uint32_t *kinds;
	char **labels;
	int a;

	if (sc->places == NULL)
		return;
	if (g == NULL)
		g = own = mark_groups_new(sc->places);
	it = xcalloc(g->n + 1, sizeof *it);
	grp = xcalloc(g->n + 1, sizeof *grp);
	labels = xcalloc(g->n + 1, sizeof *labels);
	kinds = xcalloc(g->n + 1, sizeof *kinds);
	for (k = 0; k < g->n; k++) {
		const struct place *p = &sc->places->v[g->member[g->first[k]]];
		int sid[RUN_MAX], cls = 2, x;
		double fx, fy;

		if (isnan(p->xy.x) || isnan(p->xy.y))
			continue;
		vp_to_px(&v->vp, p->xy.x, p->xy.y, &fx, &fy);
		it[n].col = to_cell(fx, canvas_dx(f->cv));
		it[n].row = to_cell(fy, canvas_dy(f->cv));
		if (!layout_has(map, it[n].col, it[n].row))
			continue;
		it[n].x = fx / canvas_dx(f->cv);
		it[n].y = fy / canvas_dy(f->cv);
		it[n].width = group_run(sc, g, k, sid);
		it[n].rank = group_rank(sc, g, k);
		it[n].lbase = text_width(p->label);
		for (j = g->first[k]; j < g->first[k + 1]; j++) {
			if (ev != NULL && ev->place == g->member[j])
				it[n].flags |= MARK_CURRENT;
			if (v->selected == g->member[j])
				it[n].flags |= MARK_SELECTED;
		}
		/* labels: the current event's site, the selection, then by rank */
		if (it[n].flags & MARK_CURRENT)
			cls = 0;
		else if (it[n].flags & MARK_SELECTED)
			cls = 1;
		it[n].own = cls * 1000 + it[n].rank;
		for (x = 0; x < it[n].width; x++)
			if (sid[x] > STATUS_NONE)
				kinds[n] |= 1u << sid[x];
		grp[n++] = k;
	}
	lay_out(grid, it, kinds, n);
	/* the movement's direction where markers and labels leave room */
	if (move_ends(f, &mv)) {
		draw_arrows(f, grid, &mv);
		if (f->narrow == 0)
			make_room_for_arrows(f, grid, it, n, &mv);
		for (a = 0; a < f->narrow; a++)
			canvas_put(f->cv, f->arrow_c[a], f->arrow_r[a], f->arrow_cp, STYLE_MOVE);
		f->move_seen |= f->narrow > 0;
	}
	for (i = 0; i < n; i++) {
		int sid[RUN_MAX], w, x, nst = 0;
		size_t others = it[i].joined + it[i].unnamed;
		enum style st;
		char more[32] = "", *label;

		if (!it[i].placed)
			continue;
		if (it[i].cflags & MARK_SELECTED)
			sel = i;
		w = group_run(sc, g, grp[i], sid);
		for (x = 0; x < w; x++) {
			uint32_t cp = run_cp(f, sid[x], &st);

			canvas_put(f->cv, it[i].mcol + x, it[i].mrow, cp, st);
			if (sid[x] < 0)
				f->planned_seen = 1;
			else
				f->seen[sid[x]] = 1;
			nst += sid[x] >= 0;
		}
		/* the first site of several places on screen: the legend's example */
		if (nst > 1 && f->ngroup == 0)
			for (x = 0; x < w && f->ngroup < 3; x++)
				if (sid[x] >= 0) {
					f->group_cp[f->ngroup] = run_cp(f, sid[x], &st);
					f->group_st[f->ngroup++] = st;
				}
		if (it[i].pos < 0)
			continue;
		if (others > 0) {
			snprintf(more, sizeof more, " +%zu", others);
			f->cluster_seen = 1;
		}
		xasprintf(&label, "%s%s%s%s", it[i].cflags & MARK_SELECTED ? "[" : "",
		    sc->places->v[g->member[g->first[grp[i]]]].label, more,
		    it[i].cflags & MARK_SELECTED ? "]" : "");
		if (it[i].pos == MARK_RIGHT)
			canvas_put(f->cv, it[i].lcol - 1, it[i].lrow, ' ', STYLE_LABEL);
		else if (it[i].pos == MARK_LEFT)
			canvas_put(f->cv, it[i].lcol + it[i].lwidth, it[i].lrow, ' ', STYLE_LABEL);
		canvas_text(f->cv, it[i].lcol, it[i].lrow, label, it[i].lwidth,
		    it[i].cflags & MARK_CURRENT ? STYLE_CURRENT : it[i].cflags & MARK_SELECTED ?
		    STYLE_SELECTED : STYLE_LABEL);
		add_name(f, sc->places->v[g->member[g->first[grp[i]]]].label, it[i].lcol, it[i].lrow);
		if (sc->report != NULL)
			labels[i] = label;
		else
			free(label);
	}
	if (sc->report != NULL) {
		struct render_site *rs = xcalloc(n + 1, sizeof *rs);

		for (i = 0; i < n; i++) {
			rs[i].group = grp[i];
			rs[i].place = g->member[g->first[grp[i]]];
			rs[i].placed = it[i].placed;
			rs[i].mcol = it[i].mcol;
			rs[i].mrow = it[i].mrow;
			rs[i].mwidth = it[i].placed ? it[i].width : 0;
			rs[i].shown_by = shown_by(it, i);
			rs[i].labelled = it[i].placed && it[i].pos >= 0;
			rs[i].lcol = it[i].lcol;
			rs[i].lrow = it[i].lrow;
			if (labels[i] != NULL)
				snprintf(rs[i].label, sizeof rs[i].label, "%s", labels[i]);
		}
		sc->report->sites = rs;
		sc->report->nsites = n;
	}
	/* the selected site's places, or those of every site its label stands for */
	if (v->selected < sc->places->n && g->group_of[v->selected] != NONE) {
		if (sel == NONE)
			describe_site(f, g, g->group_of[v->selected], &f->selection);
		for (i = 0; sel != NONE && i < n; i++) {
			size_t c = it[i].cluster;

			if (c != NONE && (c == sel || it[c].namer == sel))
				describe_site(f, g, grp[i], &f->selection);
		}
	}
	for (i = 0; i < n; i++)
		free(labels[i]);
	free(labels);
	free(kinds);
	free(grp);
	free(it);
	mark_groups_free(own);
}

/* Count classes of aggregate mode: glyph, ASCII, style, legend text, key word. */
static const struct {
	unsigned	 min;
	uint32_t	 glyph;
	char		 ascii;
	enum style	 style;
	const char	*label, *word;
} agg_class[4] = {
	{ 1, 0x00B7, ':', STYLE_LABEL, "1 event", "1" },
	{ 2, 0x2218, 'o', STYLE_CONTESTED, "2-4 events", "2-4" },
	{ 5, 0x25CF, 'O', STYLE_REBEL, "5-19 events", "5-19" },
	{ 20, 0x25C9, '@', STYLE_ATTACK, "20 or more", "20+" },
};

static int
agg_class_of(unsigned n)
{
	int k;

	for (k = 3; k > 0 && n < agg_class[k].min; k--)
		;
	return k;
}

/* A cell's mark and how soon it gets a label (see draw_aggregate()). */
struct cell_prio {
	int		 prio;
	size_t		 item;
};

static int
by_prio(const void *a, const void *b)
{
	const struct cell_prio *x = a, *y = b;

	if (x->prio != y->prio)
		return x->prio < y->prio ? -1 : 1;
	return x->item < y->item ? -1 : x->item > y->item;
}

/*
 * Aggregate mode: events per cell. The places' cells are computed once per
 * frame, so a million events cost one lookup each. An event located only
 * to a region or a country is no point: it is counted as not located.
 * The statuses an export set (territory taken, retaken, a base) are drawn
 * over the counts: a place's status takes its cell's marker, so an export
 * is a control map as well as a map of events. Labels go to the current
 * event's cell, then to every cell with a status (the busiest first), then
 * to the 40 busiest cells.
 */
static void
draw_aggregate(struct frame *f)
{
	const struct scene *sc = f->sc;
	const struct view *v = sc->view;
	const struct timeline *tl = sc->tl;
	const struct places *pl = sc->places;
	const struct event *ev = current_event(sc);
	const struct layout_rect *map = &f->lay.map;
	int cells = map->cols * map->rows, *cell_of = xcalloc(pl->n ? pl->n : 1, sizeof *cell_of);
	unsigned *count = xcalloc(cells > 0 ? (size_t)cells : 1, sizeof *count);
	size_t *label = xcalloc(cells > 0 ? (size_t)cells : 1, sizeof *label), i, end, n = 0;
	size_t *held = xcalloc(cells > 0 ? (size_t)cells : 1, sizeof *held), nheld = 0;
	struct place_count *per = xcalloc(pl->n ? pl->n : 1, sizeof *per);
	unsigned *nplaces = xcalloc(cells > 0 ? (size_t)cells : 1, sizeof *nplaces);
	struct mark_item *it;
	struct mark_grid *grid = &f->grid;
	day_t from = v->window_days > 0 ? v->day - v->window_days + 1 : INT32_MIN;
	int c, cur_cell = -1, sel_cell = -1;

	/* -1: off the map; -2: not a point (the second loop reads no place) */
	for (i = 0; i < pl->n; i++) {
		double fx, fy;
		int col, row;

		cell_of[i] = pl->v[i].unlocated ? -2 : -1;
		if (isnan(pl->v[i].xy.x) || pl->v[i].unlocated)
			continue;
		vp_to_px(&v->vp, pl->v[i].xy.x, pl->v[i].xy.y, &fx, &fy);
		col = to_cell(fx, canvas_dx(f->cv));
		row = to_cell(fy, canvas_dy(f->cv));
		if (layout_has(map, col, row))
			cell_of[i] = (row - map->row) * map->cols + (col - map->col);
	}
	/* events are sorted by day: the window is a range, read from the packed places */
	end = timeline_upto_day(tl, v->day);
	timeline_count_places(tl, from > INT32_MIN ? timeline_upto_day(tl, from - 1) : 0, end,
	    v->match, per, pl->n);
	/*
	 * Then a place at a time, not an event: a cell is named by its busiest
	 * place, the first to be so (the one whose last event came first).
	 */
	for (i = 0; i < pl->n; i++) {
		size_t at;

		if (per[i].n == 0)
			continue;
		if (cell_of[i] < 0) {
			if (cell_of[i] == -2)
				f->not_located += per[i].n;
			per[i].n = 0;
			continue;
		}
		c = cell_of[i];
		at = label[c];
		if (count[c] == 0)
			n++;
		if (count[c] == 0 || per[i].n > per[at].n ||
		    (per[i].n == per[at].n && per[i].last < per[at].last))
			label[c] = i;
		count[c] = count[c] > UINT_MAX - per[i].n ? UINT_MAX : count[c] + per[i].n;
	}
	for (i = 0; i < pl->n; i++)
		if (per[i].n > 0)
			nplaces[cell_of[i]]++;
	/* the selection's cell by the selected place, then the current event's */
	if (v->selected < pl->n && cell_of[v->selected] >= 0) {
		sel_cell = cell_of[v->selected];
		label[sel_cell] = v->selected;
	}
	/* the current event's cell by the current event's place: the panel names it */
	if (ev != NULL && ev->place < pl->n && cell_of[ev->place] >= 0) {
		cur_cell = cell_of[ev->place];
		if (count[cur_cell] > 0 && cur_cell != sel_cell)
			label[cur_cell] = ev->place;
	}
	/* the places with a status: the first in a cell holds it (held[] is index + 1) */
	for (i = 0; v->status != NULL && i < pl->n; i++)
		if (v->status[i] != STATUS_NONE && cell_of[i] >= 0 && held[cell_of[i]] == 0) {
			held[cell_of[i]] = i + 1;
			n += count[cell_of[i]] == 0;
			nheld++;
		}
	/* every marked cell is a marker the labels keep off */
	it = xcalloc(n + 1, sizeof *it);
	for (c = 0, n = 0; c < cells; c++) {
		unsigned busy = count[c] > INT32_MAX / 4 ? INT32_MAX / 4 : count[c];
		uint32_t cp;
		enum style st;
		int k;

		if (count[c] == 0 && held[c] == 0)
			continue;
		if (held[c] != 0) {
			enum status s = v->status[held[c] - 1];

			f->seen[s] = 1;
			cp = status_cp(f->ascii, s);
			st = status_style[s];
			if (c != sel_cell)
				label[c] = held[c] - 1;
		} else {
			k = agg_class_of(count[c]);
			f->agg_seen[k] = 1;
			cp = f->ascii ? (uint32_t)agg_class[k].ascii : agg_class[k].glyph;
			st = agg_class[k].style;
		}
		it[n].placed = 1;
		it[n].width = 1;
		it[n].cluster = n;
		it[n].mcol = it[n].col = map->col + c % map->cols;
		it[n].mrow = it[n].row = map->row + c / map->cols;
		it[n].prio = c == cur_cell ? INT32_MIN : c == sel_cell ? INT32_MIN + 1 :
		    held[c] != 0 ? -INT32_MAX / 2 - (int)busy : -(int)busy;
		it[n].rank = c;
		mark_grid_set(grid, it[n].mcol, it[n].mrow, (int)(2 * n));
		canvas_put(f->cv, it[n].mcol, it[n].mrow, cp, st);
		n++;
	}
	/*
	 * The labels: the current event's cell, the statuses, and the 40
	 * busiest cells; a tie goes to the cell first in reading order. Sorted,
	 * not picked one by one: thousands of cells with a status made that
	 * a tenth of a 2.7M-event frame.
	 */
	{
		struct cell_prio *o = xcalloc(n + 1, sizeof *o);
		size_t m = n, k, want = nheld + 40;

		for (i = 0; i < n; i++) {
			o[i].prio = it[i].prio;
			o[i].item = i;
		}
		qsort(o, m, sizeof *o, by_prio);
		for (k = 0; k < want && k < m; k++) {
			c = (it[o[k].item].mrow - map->row) * map->cols +
			    (it[o[k].item].mcol - map->col);
			/* the selected cell's label reads "[Gao]", as a site's does */
			it[o[k].item].lwidth = text_width(pl->v[label[c]].label) +
			    (c == sel_cell ? 2 : 0);
		}
		mark_label(grid, it, n);
		for (k = 0; k < want && k < m; k++) {
			const struct mark_item *x = &it[o[k].item];
			char *text;

			if (x->pos < 0)
				continue;
			c = (x->mrow - map->row) * map->cols + (x->mcol - map->col);
			if (x->pos == MARK_RIGHT)
				canvas_put(f->cv, x->lcol - 1, x->lrow, ' ', STYLE_LABEL);
			else if (x->pos == MARK_LEFT)
				canvas_put(f->cv, x->lcol + x->lwidth, x->lrow, ' ', STYLE_LABEL);
			xasprintf(&text, c == sel_cell ? "[%s]" : "%s", pl->v[label[c]].label);
			canvas_text(f->cv, x->lcol, x->lrow, text, x->lwidth,
			    c == cur_cell ? STYLE_CURRENT : c == sel_cell ? STYLE_SELECTED :
			    STYLE_LABEL);
			free(text);
			add_name(f, pl->v[label[c]].label, x->lcol, x->lrow);
		}
		free(o);
	}
	/* what a click on a cell finds: the place it is named by, its count */
	if (sc->report != NULL) {
		struct render_site *rs = xcalloc(n + 1, sizeof *rs);

		for (i = 0; i < n; i++) {
			c = (it[i].mrow - map->row) * map->cols + (it[i].mcol - map->col);
			rs[i].group = NONE;
			rs[i].place = label[c];
			rs[i].events = count[c];
			rs[i].places = nplaces[c];
			rs[i].placed = 1;
			rs[i].mcol = it[i].mcol;
			rs[i].mrow = it[i].mrow;
			rs[i].mwidth = 1;
			rs[i].shown_by = i;
			rs[i].labelled = it[i].pos >= 0;
			rs[i].lcol = it[i].lcol;
			rs[i].lrow = it[i].lrow;
			if (rs[i].labelled)
				snprintf(rs[i].label, sizeof rs[i].label, c == sel_cell ? "[%s]" : "%s",
				    pl->v[label[c]].label);
		}
		sc->report->sites = rs;
		sc->report->nsites = n;
	}
	/* the panel's line for the selection: its status, its cell's count */
	if (v->selected < pl->n) {
		unsigned k = sel_cell >= 0 ? count[sel_cell] : 0;
		enum status st = v->status != NULL ? v->status[v->selected] : STATUS_NONE;
		char places[48] = "";

		if (sel_cell >= 0 && nplaces[sel_cell] > 1)
			snprintf(places, sizeof places, " (at %u places)", nplaces[sel_cell]);
		xasprintf(&f->selection, "%s%s%s: %u event%s at its marker%s", pl->v[v->selected].name,
		    st != STATUS_NONE ? ", " : "", st != STATUS_NONE ? status_label(st) : "", k,
		    k == 1 ? "" : "s", places);
	}
	free(it);
	free(cell_of);
	free(count);
	free(label);
	free(held);
	free(per);
	free(nplaces);
}

/* 1 if a data label of this name stands near (col, row). */
static int
name_near(const struct frame *f, const char *name, int col, int row)
{
	size_t i;

	for (i = 0; i < f->nnames; i++)
		if (abs(f->names[i].col - col) <= TOWN_SAME_COLS &&
		    abs(f->names[i].row - row) <= TOWN_SAME_ROWS &&
		    strcmp(f->names[i].text, name) == 0)
			return 1;
	return 0;
}

/*
 * The towns of the base map, after the data's sites: capitals first, then
 * by population, each where its marker and its label fit among what is
 * drawn (label.c: mark_add()), at most one per TOWN_CELLS cells of the
 * map, none whose name a data label near it already shows. The data's
 * markers and labels keep their room: their cells are blocked.
 */
static void
draw_towns(struct frame *f)
{
	const struct scene *sc = f->sc;
	const struct viewport *vp = &sc->view->vp;
	const struct layout_rect *map = &f->lay.map;
	struct mark_grid *g = &f->grid;
	size_t cells = (size_t)map->cols * (size_t)map->rows, budget = cells / TOWN_CELLS,
	    drawn = 0, i, k;
	struct geo_bbox view;
	int any = 0;

	for (i = 0; i < sc->nlayers; i++)
		any |= sc->layers[i].visible && sc->layers[i].towns;
	if (!any || budget == 0)
		return;
	for (k = 0; k < cells; k++)
		if (g->cell[k] >= 0)
			g->cell[k] = MARK_BLOCKED;
	vp_bbox(vp, &view);
	for (i = 0; i < sc->nlayers; i++) {
		const struct map_layer *ml = &sc->layers[i];
		const struct geo_layer *l = ml->geo;
		int fname = geo_layer_field(l, "name"), fascii = geo_layer_field(l, "name_ascii"),
		    fcode = geo_layer_field(l, "fcode");

		if (!ml->visible || !ml->towns || l->kind != GEO_POINT || fname < 0)
			continue;
		for (k = 0; k < l->nshapes && drawn < budget; k++) {
			const struct geo_shape *sh = &l->shapes[k];
			const struct geo_pt *pt;
			const char *name, *full;
			struct mark_item it;
			double fx, fy;
			int capital;

			if (sh->nparts == 0)
				continue;
			pt = &l->pts[l->parts[sh->first_part]];
			if (!(pt->x >= view.x0 && pt->x <= view.x1 && pt->y >= view.y0 &&
			    pt->y <= view.y1))
				continue;
			full = geo_layer_attr(l, k, fname);
			/* an ASCII frame: the layer's own ASCII form (Ḩ, Ā have no accent to drop) */
			name = f->ascii && geo_layer_attr(l, k, fascii)[0] != '\0' ?
			    geo_layer_attr(l, k, fascii) : full;
			if (name[0] == '\0')
				continue;
			vp_to_px(vp, pt->x, pt->y, &fx, &fy);
			memset(&it, 0, sizeof it);
			it.col = to_cell(fx, canvas_dx(f->cv));
			it.row = to_cell(fy, canvas_dy(f->cv));
			if (!layout_has(map, it.col, it.row) || name_near(f, full, it.col, it.row))
				continue;
			it.lwidth = text_width(name);
			if (!mark_add(g, &it, drawn))
				continue;
			drawn++;
			capital = strcmp(geo_layer_attr(l, k, fcode), "PPLC") == 0;
			canvas_put(f->cv, it.mcol, it.mrow, capital ? (f->ascii ?
			    (uint32_t)ASCII_CAPITAL : GLYPH_CAPITAL) : f->ascii ?
			    (uint32_t)ASCII_TOWN : GLYPH_TOWN, STYLE_DIM);
			if (it.pos == MARK_RIGHT)
				canvas_put(f->cv, it.lcol - 1, it.lrow, ' ', STYLE_DIM);
			else if (it.pos == MARK_LEFT)
				canvas_put(f->cv, it.lcol + it.lwidth, it.lrow, ' ', STYLE_DIM);
			canvas_text(f->cv, it.lcol, it.lrow, name, it.lwidth, STYLE_DIM);
			f->capital_seen |= capital;
			f->town_seen |= !capital;
		}
	}
}

/* The title: whole parts, the least needed dropped first, never a number cut. */
static void
draw_title(struct frame *f)
{
	const struct scene *sc = f->sc;
	const struct view *v = sc->view;
	int cols = canvas_cols(f->cv), k, n = 0, drop;
	/* in the order shown; prio: which is dropped first (the highest) */
	struct {
		char	 text[128];
		int	 prio;
		int	 on;
	} part[5];
	char line[700], date[64] = "";

	canvas_fill(f->cv, 0, 0, cols, 1, STYLE_TITLE);
	snprintf(part[n].text, sizeof part[n].text, "%s", sc->title ? sc->title : "sitmap");
	part[n++].prio = 4;
	/* the moment itself, whatever event the panel shows */
	if (v->have_day) {
		date_format(date, sizeof date, v->day, v->day, v->month ? DATE_MONTH : DATE_DAY);
		snprintf(part[n].text, sizeof part[n].text, "%s", date);
		part[n++].prio = 0;
	}
	if (sc->tl != NULL && sc->tl->nevents > 0) {
		size_t total = event_total(sc);

		if (total == 0)
			snprintf(part[n].text, sizeof part[n].text, "no event matches");
		else if (v->reached == 0)
			snprintf(part[n].text, sizeof part[n].text, "before %s 1/%zu",
			    sc->tl->event_weight != NULL ? "row" : "event", total);
		else
			snprintf(part[n].text, sizeof part[n].text, "%s %zu/%zu",
			    sc->tl->event_weight != NULL ? "row" : "event", v->reached, total);
		part[n++].prio = 1;
	}
	/* the counts on the map depend on these: keep them in sight */
	if (v->aggregate) {
		char win[32] = "all so far";

		if (v->window_days > 0)
			snprintf(win, sizeof win, "last %d days", v->window_days);
		snprintf(part[n].text, sizeof part[n].text, "%s%s%.40s", win, v->filter ? ", " : "",
		    v->filter ? v->filter : "");
		part[n++].prio = 2;
	} else if (sc->tl != NULL) {
		if (v->window_days > 0 && v->have_day) {
			size_t m = timeline_count(sc->tl, (day_t)((int64_t)v->day -
			    v->window_days + 1 > INT32_MIN ? v->day - v->window_days + 1 :
			    INT32_MIN), v->day, v->match);

			snprintf(part[n].text, sizeof part[n].text, "last %d days: %zu event%s",
			    v->window_days, m, m == 1 ? "" : "s");
			part[n++].prio = 3;
		}
		if (v->filter != NULL) {
			snprintf(part[n].text, sizeof part[n].text, "filter: %.40s", v->filter);
			part[n++].prio = 2;
		}
	}
	for (k = 0; k < n; k++)
		part[k].on = 1;
	for (drop = 4; drop >= -1; drop--) {
		size_t used = 0;

		line[0] = '\0';
		for (k = 0; k < n; k++)
			if (part[k].on)
				used += (size_t)snprintf(line + used, sizeof line - used, "%s%s",
				    used ? " | " : " ", part[k].text);
		if (text_width(line) <= cols || drop < 0)
			break;
		for (k = 0; k < n; k++)
			if (part[k].prio == drop)
				part[k].on = 0;
	}
	if (text_width(line) > cols)
		line[0] = '\0';
	canvas_text(f->cv, 0, 0, line, cols, STYLE_TITLE);
	if (text_width(line) + 9 <= cols)
		canvas_text(f->cv, cols - 7, 0, "? help", 6, STYLE_TITLE);
}

/* The lines of s ('\n' between them), each word-wrapped to w columns: an array of *n. */
static char **
wrap_lines(const char *s, int w, int *n)
{
	char **out = NULL;
	const char *p = s;

	*n = 0;
	while (p != NULL) {
		const char *nl = strchr(p, '\n');
		size_t len = nl != NULL ? (size_t)(nl - p) : strlen(p);
		char *line = xstrndup(p, len), *at = line;

		/* at a blank before the width, else at the width */
		do {
			const char *q = at, *cut = NULL;
			int used = 0;

			while (*q != '\0') {
				uint32_t cp;
				size_t k = text_decode(q, strlen(q), &cp);

				if (used + text_cp_width(cp) > w)
					break;
				if (cp == ' ')
					cut = q;
				used += text_cp_width(cp);
				q += k;
			}
			if (*q != '\0' && cut != NULL && cut > at)
				q = cut;
			if (q == at && *q != '\0')
				q += text_decode(q, strlen(q), &(uint32_t){ 0 });
			out = xreallocarray(out, (size_t)*n + 1, sizeof *out);
			out[(*n)++] = xstrndup(at, (size_t)(q - at));
			at = (char *)q;
			while (*at == ' ')
				at++;
		} while (*at != '\0');
		free(line);
		p = nl != NULL ? nl + 1 : NULL;
	}
	return out;
}

/*
 * The status line's message where the footer has no room for it: its lines
 * on the rows above the footer, over the strip and the panel, from the
 * bottom up.
 */
static void
draw_message_above(struct canvas *cv, const char *msg, int footer_row)
{
	int cols = canvas_cols(cv), n, k, top;
	char **lines = wrap_lines(msg, cols - 2, &n);

	top = footer_row - n;
	for (k = 0; k < n; k++) {
		if (top + k >= 1) {
			canvas_fill(cv, 0, top + k, cols, 1, STYLE_HIGHLIGHT);
			canvas_text(cv, 1, top + k, lines[k], cols - 2, STYLE_HIGHLIGHT);
		}
		free(lines[k]);
	}
	free(lines);
}

/* A prompt's matches: a box at the left over the rows above the footer, the first highlighted. */
static void
draw_popup(struct canvas *cv, const char *text, int footer_row)
{
	int n, k, w = 0, top, cols = canvas_cols(cv);
	char **lines = wrap_lines(text, cols - 4, &n);

	for (k = 0; k < n; k++)
		if (text_width(lines[k]) > w)
			w = text_width(lines[k]);
	top = footer_row - n;
	for (k = 0; k < n; k++) {
		enum style st = k == 0 ? STYLE_HIGHLIGHT : STYLE_PANEL;

		if (top + k >= 1) {
			canvas_fill(cv, 0, top + k, w + 2, 1, st);
			canvas_text(cv, 1, top + k, lines[k], w, st);
		}
		free(lines[k]);
	}
	free(lines);
}

/*
 * The footer: the scale bar and the north arrow, then the attribution at
 * the right; in the viewer, its status: the state at the right end, the
 * message after the scale bar, in its place when it needs the room, or
 * above the footer when it has several lines or no room at all.
 */
static void
draw_footer(struct frame *f)
{
	struct canvas *cv = f->cv;
	const struct scene *sc = f->sc;
	int cols = canvas_cols(cv), row = canvas_rows(cv) - 1, ascii;
	double km_per_col = sc->view->vp.m_per_px * canvas_dx(cv) / 1000, best = 0;
	int used = 0, n, c, limit = cols;
	const char *msg = sc->message != NULL && sc->message[0] != '\0' ? sc->message : NULL;
	char buf[64];

	if (canvas_rows(cv) < 3)
		return;
	ascii = canvas_mode(cv) == CANVAS_ASCII;
	if (sc->status != NULL && sc->status[0] != '\0') {
		int w = text_width(sc->status);

		if (w + 4 <= cols) {
			canvas_text(cv, cols - 1 - w, row, sc->status, w, STYLE_TITLE);
			limit = cols - 1 - w - 2;
		}
	}
	if (msg != NULL && (strchr(msg, '\n') != NULL || text_width(msg) > limit - 1)) {
		draw_message_above(cv, msg, row);
		msg = NULL;
	} else if (msg != NULL && text_width(msg) > limit - 19) {
		/* the message wants the scale bar's room */
		canvas_text(cv, 1, row, msg, limit - 1, STYLE_HIGHLIGHT);
		return;
	}
	for (double p = 1e-3; p < 1e5 && km_per_col > 0; p *= 10) {
		static const double mult[] = { 1, 2, 5 };

		for (size_t k = 0; k < 3; k++)
			if (p * mult[k] / km_per_col <= (cols < 60 ? 6 : 12))
				best = p * mult[k];
	}
	if (best > 0) {
		n = (int)lrint(best / km_per_col);
		if (n < 2)
			n = 2;
		canvas_put(cv, 1, row, ascii ? '|' : 0x251C, STYLE_DIM);
		for (c = 2; c < n; c++)
			canvas_put(cv, c, row, ascii ? '-' : 0x2500, STYLE_DIM);
		canvas_put(cv, n, row, ascii ? '|' : 0x2524, STYLE_DIM);
		snprintf(buf, sizeof buf, " %g km", best);
		used = n + 1 + canvas_text(cv, n + 1, row, buf, cols - n - 1, STYLE_DIM);
	}
	used += canvas_text(cv, used, row, ascii ? "  N^" : "  N\xe2\x86\x91",
	    cols - used, STYLE_DIM);
	if (msg != NULL) {
		if (used + 2 + text_width(msg) <= limit)
			canvas_text(cv, used + 2, row, msg, limit - used - 2, STYLE_HIGHLIGHT);
		else {
			canvas_fill(cv, 0, row, limit, 1, STYLE_NONE);
			canvas_text(cv, 1, row, msg, limit - 1, STYLE_HIGHLIGHT);
		}
		return;
	}
	/* a frame too small for a legend says so, rather than leave the glyphs unexplained */
	if (f->lay.legend_hidden && f->lay.map.rows > 0) {
		static const char note[] = "legend: needs a taller window";

		/* whole or not at all: "  l" says nothing */
		if (used + 2 + text_width(note) <= limit)
			canvas_text(cv, used + 2, row, note, limit - used - 2, STYLE_DIM);
		return;
	}
	if (sc->attribution != NULL) {
		static const char *const forms[] = {
			"\xc2\xa9 OpenStreetMap contributors, Natural Earth, GeoNames",
			"\xc2\xa9 OpenStreetMap, Natural Earth, GeoNames",
			"\xc2\xa9 OSM, Natural Earth, GeoNames",
			"\xc2\xa9 OSM, NE, GeoNames",
		};
		const char *const *form = sc->attribution[0] != '\0' ? &sc->attribution : forms;
		size_t nforms = sc->attribution[0] != '\0' ? 1 : 4;
		int right = limit < cols ? limit : cols;

		for (size_t k = 0; k < nforms; k++) {
			const char *s = form[k];
			char *a = NULL;
			int w;

			if (ascii && strncmp(s, "\xc2\xa9", 2) == 0) {
				xasprintf(&a, "(c)%s", s + 2);
				s = a;
			}
			w = text_width(s);
			if (used + 2 + w <= right) {
				canvas_text(cv, right - w, row, s, w, STYLE_DIM);
				free(a);
				break;
			}
			free(a);
		}
	}
}

/*
 * line (malloc'd) cut to w columns with "..." at its end to show that text
 * was cut: whole characters off, then the blanks and the punctuation the
 * cut leaves at the end, so that "(E1)." does not become "(E1)....".
 * Returns the new line.
 */
static char *
cut_mark(char *line, int w)
{
	size_t ll = strlen(line);
	char *out;

	while (ll > 0 && text_width(line) > w - 3) {
		while (ll > 1 && (line[ll - 1] & 0xC0) == 0x80)
			ll--;
		line[--ll] = '\0';
	}
	while (ll > 0 && strchr(" .,;:", line[ll - 1]) != NULL)
		line[--ll] = '\0';
	xasprintf(&out, "%s...", line);
	free(line);
	return out;
}

/*
 * Word-wraps s into at most maxlines lines of width w, drawn from (col,
 * row); returns the lines. cv NULL: only counts them.
 */
static int
draw_wrapped(struct canvas *cv, int col, int row, int w, int maxlines, const char *s,
    enum style st)
{
	int lines = 0;

	if (w < 4)
		return 0;
	while (*s != '\0' && lines < maxlines) {
		const char *p = s, *cut = NULL;
		int cw = 0;

		while (*p != '\0') {
			uint32_t cp;
			size_t k = text_decode(p, strlen(p), &cp);
			int cpw = text_cp_width(cp);

			if (cw + cpw > w)
				break;
			if (cp == ' ')
				cut = p;
			cw += cpw;
			p += k;
		}
		if (*p != '\0' && cut != NULL && cut > s)
			p = cut;
		if (p == s)		/* a character wider than the line */
			p += text_decode(p, strlen(p), &(uint32_t){ 0 });
		{
			char *line = xstrndup(s, (size_t)(p - s));

			/* the last line shows that text was cut */
			if (lines == maxlines - 1 && *p != '\0')
				line = cut_mark(line, w);
			if (cv != NULL)
				canvas_text(cv, col, row + lines, line, w, st);
			free(line);
		}
		s = p;
		while (*s == ' ')
			s++;
		lines++;
	}
	return lines;
}

/*
 * The planned change at place, as a panel line: "Planned: handed to the
 * army 15-30 Nov 2023 (P8)", or once its dates have passed without a report
 * of it "..., not confirmed by any report". name: the place's name, for a
 * place other than the event's. 0 if there is none.
 */
static int
plan_line(const struct scene *sc, size_t place, const char *name, char *buf, size_t n)
{
	const struct view *v = sc->view;
	const struct plan *p;
	const struct event *ev;
	enum plan_state ps;
	char date[64], at[160] = "";

	if (sc->tl == NULL || timeline_nplans(sc->tl) == 0 || !v->have_day || place == NONE)
		return 0;
	if ((p = timeline_plan(sc->tl, place, v->day, v->status ? v->status[place] :
	    sc->places->v[place].initial, &ps)) == NULL)
		return 0;
	ev = &sc->tl->events[p->ev];
	date_format(date, sizeof date, ev->lo, ev->hi, (enum date_prec)ev->prec);
	if (name != NULL)
		snprintf(at, sizeof at, " at %s", name);
	if (ps == PLAN_PENDING)
		snprintf(buf, n, "Planned%s: %s %s (%s)", at,
		    status_label((enum status)sc->tl->effects[p->effect].status), date, ev->id);
	else
		snprintf(buf, n, "Planned%s for %s: %s (%s), not confirmed by any report", at,
		    date, status_label((enum status)sc->tl->effects[p->effect].status), ev->id);
	return 1;
}

/* "15 Dec", or "15 Dec 2024" when the other day is in another year. */
static void
short_day(char *buf, size_t n, day_t day, day_t other)
{
	int y, m, d, yo, mo, dm;

	date_to_ymd(day, &y, &m, &d);
	date_to_ymd(other, &yo, &mo, &dm);
	date_format(buf, n, day, day, DATE_DAY);
	if (y == yo && strlen(buf) > 5)
		buf[strlen(buf) - 5] = '\0';	/* " 2023" */
}

/*
 * "Label: value | Label: value" of an import's attributes that have a value
 * (allocated), or NULL when none has.
 */
static char *
event_details(const struct timeline *tl, const struct event *ev)
{
	size_t k, n = 1, used = 0;
	char *out;

	for (k = 0; k < tl->nattrs; k++)
		n += strlen(tl->attrs[k].label) + strlen(timeline_attr(tl, ev, k)) + 5;
	out = xmalloc(n);
	out[0] = '\0';
	for (k = 0; k < tl->nattrs; k++) {
		const char *v = timeline_attr(tl, ev, k);

		if (v[0] != '\0')
			used += (size_t)snprintf(out + used, n - used, "%s%s: %s", used ? " | " : "",
			    tl->attrs[k].label, v);
	}
	if (used == 0) {
		free(out);
		return NULL;
	}
	return out;
}

/* A block of the panel: a text, wrapped (or cut), in a style. */
struct block {
	char		*text;
	enum style	 st;
	int		 cut;		/* one line, cut rather than wrapped (a URL) */
	int		 need;		/* lines it would take */
	int		 got;		/* lines it gets */
};

/*
 * Where a head part wider than w breaks, leaving a first line of at most w
 * columns: after the last "; " or "> " that does ("no event on 15 Dec;" |
 * "last: E42, 11 Dec", "Goundam >" | "Timbuktu UN camp"), else at the last
 * space that does; 0 if none does. *next: where the rest starts.
 */
static size_t
head_break(const char *s, int w, size_t *next)
{
	size_t strong = 0, weak = 0, i;
	int used = 0;

	for (i = 0; s[i] != '\0';) {
		uint32_t cp;
		size_t k = text_decode(s + i, strlen(s + i), &cp);

		if (cp == ' ' && i > 0) {
			if (s[i - 1] == ';' || s[i - 1] == '>')
				strong = i;
			else if (s[i + 1] != '>')
				weak = i;
		}
		used += text_cp_width(cp);
		if (used > w)
			break;
		i += k;
	}
	weak = strong > 0 ? strong : weak;
	*next = weak + 1;
	return weak;
}

/*
 * s (allocated, or NULL) as an ASCII frame draws it, where "243°" is "243
 * deg": what is wrapped is what is drawn, never cut at the line's end.
 */
static char *
as_drawn(int ascii, char *s)
{
	char *a;

	if (!ascii || s == NULL)
		return s;
	a = text_for_charset(s, strlen(s), SIZE_MAX, 0);
	free(s);
	return a;
}

/*
 * The panel's head, "7 Oct 2023 | Anefis | reported | E21", as whole parts
 * over as many lines as the width needs: a part joins the line before when
 * it fits there, else starts a line; a part wider than a line is broken
 * (head_break()), never cut while there are lines for it.
 */
static int
head_lines(char parts[][200], int nparts, int w, char lines[][400], int maxlines)
{
	int n = 0, k;

	for (k = 0; k < nparts; k++) {
		const char *s = parts[k];

		if (s[0] == '\0')
			continue;
		if (n > 0 && text_width(lines[n - 1]) + 3 + text_width(s) <= w) {
			size_t len = strlen(lines[n - 1]);

			snprintf(lines[n - 1] + len, 400 - len, " | %.199s", s);
			continue;
		}
		if (n == maxlines)
			break;
		while (n < maxlines) {
			size_t next, cut = text_width(s) > w ? head_break(s, w, &next) : 0;

			if (cut == 0 || n == maxlines - 1) {
				snprintf(lines[n++], 400, "%.199s", s);
				break;
			}
			snprintf(lines[n++], 400, "%.*s", (int)cut, s);
			s += next;
		}
	}
	return n;
}

/*
 * The event panel, in its own region: the head, the summary, planned
 * changes, the selected site's places, actors, an import's other columns,
 * the note and the source. When the region is short, lines go first to the
 * head, then one each to the summary, the selection, the plans, the source,
 * the actors and the other columns, then to the rest of the summary, the
 * selection, the note, the actors and the columns.
 */
static void
draw_panel(struct frame *f)
{
	const struct scene *sc = f->sc;
	const struct view *v = sc->view;
	const struct layout_rect *r = &f->lay.panel;
	const struct event *ev = current_event(sc);
	int w = r->cols - 2, row, k, left, nhead, nplan = 0;
	char date[64], way[160], plan[2][512], when[128] = "", parts[4][200], head[6][400];
	const char *where, *kind;
	char *where_buf = NULL;
	const struct route *rt;
	struct block b[7];	/* summary, plans x2, selection, actors, note, details */
	struct block src = { NULL, STYLE_DIM, 1, 0, 0 };

	if (r->rows == 0 || w < 4)
		return;
	canvas_fill(f->cv, r->col, r->row, r->cols, r->rows, STYLE_PANEL);
	if (ev == NULL) {
		const char *s = sc->tl != NULL && sc->tl->nevents > 0 && event_total(sc) == 0 ?
		    "No event matches the filter." : "No event yet: n steps to the first.";
		char known[160];
		int used;

		/* a map without statuses says why */
		if (sc->tl != NULL && sc->view->have_day && sc->view->day < sc->tl->initial_from) {
			date_format(date, sizeof date, sc->tl->initial_from, sc->tl->initial_from,
			    DATE_DAY);
			snprintf(known, sizeof known, "%s Statuses are known from %s.", s, date);
			s = known;
		}
		used = draw_wrapped(f->cv, r->col + 1, r->row, w, r->rows, s, STYLE_DIM);

		/* the selected site's places, which the footer's message may cut */
		if (f->selection != NULL && used < r->rows) {
			char *sel;

			xasprintf(&sel, "Selected: %s", f->selection);
			draw_wrapped(f->cv, r->col + 1, r->row + used, w, r->rows - used, sel,
			    STYLE_SELECTED);
			free(sel);
		}
		return;
	}
	date_format(date, sizeof date, ev->lo, ev->hi, ev->prec);
	/* a moment without an event of its own says which one the panel shows */
	if (v->month || v->stop.day != v->day) {
		char on[32], last[32], month[32];
		int y, m, d, ys, ms;

		short_day(on, sizeof on, v->day, v->stop.day);
		short_day(last, sizeof last, v->stop.day, v->day);
		date_format(month, sizeof month, v->day, v->day, DATE_MONTH);
		date_to_ymd(v->day, &y, &m, &d);
		date_to_ymd(v->stop.day, &ys, &ms, &d);
		if (v->month && y == ys && m == ms)
			snprintf(when, sizeof when, "last in %s: %s, %s", month, ev->id, last);
		else if (v->month)
			snprintf(when, sizeof when, "no event in %s; last: %s, %s", month, ev->id,
			    last);
		else
			snprintf(when, sizeof when, "no event on %s; last: %s, %s", on, ev->id,
			    last);
		/* the event's own date when it says more than that day */
		if (ev->prec == DATE_DAY && ev->lo == v->stop.day)
			date[0] = '\0';
	}
	where = ev->place != NONE ? sc->places->v[ev->place].name : "";
	/* a place known only to a region or a country is not on the map: say so */
	if (ev->place != NONE && sc->places->v[ev->place].unlocated) {
		xasprintf(&where_buf, "%s (not located)", where);
		where = where_buf;
	}
	/* a movement names its way instead: "Gao > Tarkint" */
	if ((rt = timeline_route(sc->tl, ev)) != NULL) {
		size_t j, used = 0;

		way[0] = '\0';
		for (j = 0; j < rt->n && used < sizeof way; j++)
			used += (size_t)snprintf(way + used, sizeof way - used, "%s%s",
			    j ? " > " : "", sc->places->v[sc->tl->stops[rt->first + j]].name);
		where = way;
	}
	/* an aggregate's row is counts, not a report: it has no kind */
	kind = ev->planned ? "PLANNED" : sc->tl->event_weight != NULL ? "" : "reported";
	if (when[0] != '\0') {
		const char *last = strstr(when, "; ");

		/* a one-line panel that cannot hold both: the title has the day */
		if (r->rows == 1 && last != NULL && text_width(when) > w)
			memmove(when, last + 2, strlen(last + 2) + 1);
		snprintf(parts[0], sizeof parts[0], "%s", when);
		snprintf(parts[1], sizeof parts[1], "%s", date);
		snprintf(parts[2], sizeof parts[2], "%s", where);
		snprintf(parts[3], sizeof parts[3], "%s", kind);
	} else {
		snprintf(parts[0], sizeof parts[0], "%s", date);
		snprintf(parts[1], sizeof parts[1], "%s", where);
		snprintf(parts[2], sizeof parts[2], "%s", kind);
		snprintf(parts[3], sizeof parts[3], "%s", ev->id);
	}
	free(where_buf);
	nhead = head_lines(parts, 4, w, head, r->rows < 6 ? r->rows : 6);

	/* planned changes at the event's place and at the selected place */
	nplan += plan_line(sc, ev->place, NULL, plan[nplan], sizeof plan[nplan]);
	if (v->selected != ev->place && v->selected != NONE)
		nplan += plan_line(sc, v->selected, sc->places->v[v->selected].name,
		    plan[nplan], sizeof plan[nplan]);
	memset(b, 0, sizeof b);
	b[0].text = xstrdup(ev->summary);
	b[0].st = STYLE_PANEL;
	for (k = 0; k < nplan; k++) {
		b[1 + k].text = xstrdup(plan[k]);
		b[1 + k].st = STYLE_PLANNED;
	}
	if (f->selection != NULL) {
		xasprintf(&b[3].text, "Selected: %s", f->selection);
		b[3].st = STYLE_SELECTED;
	}
	if (ev->actors[0] != '\0') {
		char fat[32] = "";

		if (ev->fatalities >= 0)
			snprintf(fat, sizeof fat, " | fatalities: %d", (int)ev->fatalities);
		xasprintf(&b[4].text, "%s%s%sActors: %s", sc->tl->types[ev->type],
		    sc->tl->types[ev->type][0] ? fat : fat + (fat[0] ? 3 : 0),
		    sc->tl->types[ev->type][0] || fat[0] ? " | " : "", ev->actors);
		b[4].st = STYLE_DIM;
	}
	/* where sources disagree, the note says so */
	if (ev->note[0] != '\0') {
		xasprintf(&b[5].text, "Note: %s", ev->note);
		b[5].st = STYLE_DIM;
	}
	/* an import's other columns: "Sub-event: Armed clash | Admin: Kidal / Tin-Essako" */
	if ((b[6].text = event_details(sc->tl, ev)) != NULL)
		b[6].st = STYLE_DIM;
	if (ev->sources[0] != '\0') {
		const char *s = ev->sources, *end = strstr(s, " ; ");
		char *first = end ? xstrndup(s, (size_t)(end - s)) : xstrdup(s);

		/* a URL is cut, not wrapped: its start says where it is from */
		xasprintf(&src.text, "Source: %s%s", first, end ? " (+more)" : "");
		free(first);
	}
	for (k = 0; k < 7; k++) {
		b[k].text = as_drawn(f->ascii, b[k].text);
		if (b[k].text != NULL)
			b[k].need = draw_wrapped(NULL, 0, 0, w, 1000, b[k].text, b[k].st);
	}
	src.text = as_drawn(f->ascii, src.text);
	/* the rows: the head, then one line each by need, then the rest */
	left = r->rows - nhead;
	{
		static const int first[] = { 0, 3, 1, 2 }, more[] = { 0, 3, 5, 4, 6, 1, 2 };

		for (k = 0; k < 4; k++)
			if (left > 0 && b[first[k]].need > 0) {
				b[first[k]].got = 1;
				left--;
			}
		if (left > 0 && src.text != NULL) {
			src.got = 1;
			left--;
		}
		if (left > 0 && b[4].need > 0) {
			b[4].got = 1;
			left--;
		}
		if (left > 0 && b[6].need > 0) {
			b[6].got = 1;
			left--;
		}
		for (k = 0; k < 7; k++) {
			struct block *x = &b[more[k]];
			int add = x->need - x->got;

			add = add < left ? add : left;
			if (add > 0) {
				x->got += add;
				left -= add;
			}
		}
	}
	/* a one-line panel: the head, then as much of the summary as fits */
	if (r->rows == 1 && nhead > 0) {
		int used = canvas_text(f->cv, r->col + 1, r->row, head[0], w, STYLE_TITLE);

		if (w - used - 3 >= 8) {
			canvas_text(f->cv, r->col + 1 + used, r->row, " |", 2, STYLE_TITLE);
			draw_wrapped(f->cv, r->col + 4 + used, r->row, w - used - 3, 1, b[0].text,
			    STYLE_PANEL);
		}
		for (k = 0; k < 7; k++)
			free(b[k].text);
		free(src.text);
		return;
	}
	row = r->row;
	for (k = 0; k < nhead && k < r->rows; k++)
		canvas_text(f->cv, r->col + 1, row++, head[k], w, STYLE_TITLE);
	{
		static const int shown[] = { 0, 1, 2, 3, 4, 6, 5 };

		for (k = 0; k < 7; k++) {
			struct block *x = &b[shown[k]];

			if (x->got > 0)
				row += draw_wrapped(f->cv, r->col + 1, row, w, x->got, x->text, x->st);
			free(x->text);
		}
	}
	/*
	 * the source on the panel's last line: a URL too long for it loses its
	 * scheme first, so that its host shows, and a cut says so
	 */
	if (src.got) {
		static const char *const scheme[] = { "Source: https://", "Source: http://" };

		for (k = 0; k < 2 && text_width(src.text) > w; k++)
			if (strncmp(src.text, scheme[k], strlen(scheme[k])) == 0)
				memmove(src.text + 8, src.text + strlen(scheme[k]),
				    strlen(src.text + strlen(scheme[k])) + 1);
		if (text_width(src.text) > w)
			src.text = cut_mark(src.text, w);
		canvas_text(f->cv, r->col + 1, r->row + r->rows - 1, src.text, w, STYLE_DIM);
	}
	free(src.text);
}

/* A legend entry: its key (a glyph or a few) and what it means, in full and as a word. */
struct entry {
	uint32_t	 cp[3];
	enum style	 st[3];
	int		 ncp;
	char		 text[64];
	char		 word[32];
};

/* Entry n of the legend: one glyph in its style, its text and its word; returns n + 1. */
static int
legend_entry(struct entry *e, int n, uint32_t cp, enum style st, const char *text,
    const char *word)
{
	e[n].cp[0] = cp;
	e[n].st[0] = st;
	e[n].ncp = 1;
	snprintf(e[n].text, sizeof e[n].text, "%s", text);
	snprintf(e[n].word, sizeof e[n].word, "%s", word);
	return n + 1;
}

/* The base map's towns, after the data's entries. */
static int
town_entries(const struct frame *f, struct entry *e, int n)
{
	if (f->capital_seen)
		n = legend_entry(e, n, f->ascii ? (uint32_t)ASCII_CAPITAL : GLYPH_CAPITAL,
		    STYLE_DIM, "capital (map)", "capital");
	if (f->town_seen)
		n = legend_entry(e, n, f->ascii ? (uint32_t)ASCII_TOWN : GLYPH_TOWN, STYLE_DIM,
		    "town (map)", "town");
	return n;
}

static int
entries(const struct frame *f, struct entry *e)
{
	const struct event *ev;
	int n = 0, k, first[STATUS_COUNT] = { 0 }, oneline = f->lay.legend.rows == 1;
	uint32_t i;

	memset(e, 0, sizeof *e * (STATUS_COUNT + 8));
	if (f->sc->view->aggregate) {
		for (k = 0; k < 4; k++)
			if (f->agg_seen[k])
				n = legend_entry(e, n, f->ascii ? (uint32_t)agg_class[k].ascii :
				    agg_class[k].glyph, agg_class[k].style, agg_class[k].label,
				    agg_class[k].word);
		/* the statuses over the counts: who holds the places whose control changed */
		for (k = 0; k < STATUS_COUNT; k++)
			if (f->seen[k])
				n = legend_entry(e, n, status_cp(f->ascii, (enum status)k),
				    status_style[k], status_label((enum status)k),
				    status_word((enum status)k));
		if (f->not_located > 0) {
			snprintf(e[n].text, sizeof e[n].text, "%zu event%s not located", f->not_located,
			    f->not_located == 1 ? "" : "s");
			snprintf(e[n++].word, sizeof e[0].word, "%zu not located", f->not_located);
		}
		return town_entries(f, e, n);
	}
	/*
	 * A one-line legend keeps what fits, in order: the statuses the
	 * current event set come first, so that its own is never the one cut,
	 * and a plain place, which says least, after the other statuses
	 */
	if (oneline && (ev = current_event(f->sc)) != NULL) {
		for (i = 0; i < 2 * ev->neffects; i++) {
			const struct effect *fx = &f->sc->tl->effects[ev->first_effect + i / 2];

			/* an attack that day, then the status it left */
			k = i % 2 == 0 ? (fx->attacked ? STATUS_ATTACKED : STATUS_COUNT) : fx->status;
			if (k < STATUS_COUNT && f->seen[k] && !first[k]) {
				first[k] = 1;
				n = legend_entry(e, n, status_cp(f->ascii, (enum status)k),
				    status_style[k], status_label((enum status)k),
				    status_word((enum status)k));
			}
		}
	}
	for (k = 0; k < STATUS_COUNT; k++)
		if (f->seen[k] && !first[k] && !(oneline && k == STATUS_NONE))
			n = legend_entry(e, n, status_cp(f->ascii, (enum status)k), status_style[k],
			    status_label((enum status)k), status_word((enum status)k));
	if (oneline && f->seen[STATUS_NONE] && !first[STATUS_NONE])
		n = legend_entry(e, n, status_cp(f->ascii, STATUS_NONE), status_style[STATUS_NONE],
		    status_label(STATUS_NONE), status_word(STATUS_NONE));
	if (f->planned_seen)
		n = legend_entry(e, n, f->ascii ? (uint32_t)ASCII_PLANNED : GLYPH_PLANNED,
		    STYLE_PLANNED, "planned change pending", "planned");
	if (f->move_seen)
		n = legend_entry(e, n, arrow_cp(f->ascii, 1, 0), STYLE_MOVE, "movement (this event)",
		    "movement");
	if (f->ngroup > 1) {
		memcpy(e[n].cp, f->group_cp, sizeof e[n].cp);
		memcpy(e[n].st, f->group_st, sizeof e[n].st);
		e[n].ncp = f->ngroup;
		snprintf(e[n].text, sizeof e[n].text, "places at one site");
		snprintf(e[n++].word, sizeof e[0].word, "one site");
	}
	if (f->cluster_seen) {
		e[n].cp[0] = '+';
		e[n].cp[1] = 'N';
		e[n].st[0] = e[n].st[1] = STYLE_LABEL;
		e[n].ncp = 2;
		snprintf(e[n].text, sizeof e[n].text, "N more places nearby");
		snprintf(e[n++].word, sizeof e[0].word, "more nearby");
	}
	return town_entries(f, e, n);
}

/* An entry at (col, row) in at most w columns: its key, a blank, its text or word. */
static int
draw_entry(struct canvas *cv, int col, int row, int w, const struct entry *e, int word)
{
	int k, used = 0;

	for (k = 0; k < e->ncp && used < w; k++)
		canvas_put(cv, col + used++, row, e->cp[k], e->st[k]);
	if (e->ncp > 0)
		used++;
	return used + canvas_text(cv, col + used, row, word ? e->word : e->text, w - used,
	    STYLE_PANEL);
}

/*
 * The legend names what the map shows, in its own region: a column, one
 * entry a line (two a line, in words, when they outnumber its rows), or one
 * key line of words.
 */
static void
draw_legend(struct frame *f)
{
	const struct view *v = f->sc->view;
	const struct layout_rect *r = &f->lay.legend;
	struct entry e[STATUS_COUNT + 8];
	int n = entries(f, e), k, col, w;
	char head[64];

	if (r->rows == 0 || r->cols < 4)
		return;
	canvas_fill(f->cv, r->col, r->row, r->cols, r->rows, STYLE_PANEL);
	if (r->rows == 1) {
		for (k = 0, col = r->col + 1; k < n; k++) {
			int need = e[k].ncp + (e[k].ncp > 0) + text_width(e[k].word);

			if (col + need > r->col + r->cols - 1)
				break;
			col += draw_entry(f->cv, col, r->row, need, &e[k], 1) + 2;
		}
		return;
	}
	if (v->aggregate && v->window_days > 0)
		snprintf(head, sizeof head, "Events, last %d days", v->window_days);
	else
		snprintf(head, sizeof head, "%s", v->aggregate ? "Events so far" : "Legend");
	canvas_text(f->cv, r->col + 1, r->row, head, r->cols - 1, STYLE_TITLE);
	w = r->cols - 2;
	if (n <= r->rows - 1) {
		for (k = 0; k < n; k++)
			draw_entry(f->cv, r->col + 1, r->row + 1 + k, w, &e[k], 0);
		return;
	}
	for (k = 0; k < n && k / 2 < r->rows - 1; k++)
		draw_entry(f->cv, r->col + 1 + (k % 2) * (w / 2 + 1), r->row + 1 + k / 2, w / 2,
		    &e[k], 1);
}
/* The layers list, at (col0, row0) in at most maxw columns and nrows rows. */
static void
draw_layers_list(struct canvas *cv, const struct scene *sc, int col0, int row0,
    int nrows, int maxw)
{
	size_t i;
	int w = 14;

	for (i = 0; i < sc->nlayers; i++)
		if (text_width(sc->layers[i].title) + 6 > w)
			w = text_width(sc->layers[i].title) + 6;
	w = w > maxw ? maxw : w;
	if ((int)sc->nlayers + 1 > nrows || w < 8)
		return;
	canvas_fill(cv, col0, row0, w, (int)sc->nlayers + 1, STYLE_PANEL);
	canvas_text(cv, col0 + 1, row0, "Layers", w - 1, STYLE_TITLE);
	for (i = 0; i < sc->nlayers; i++) {
		char buf[128];

		snprintf(buf, sizeof buf, "%zu [%c] %s", i + 1,
		    sc->layers[i].visible ? 'x' : ' ', sc->layers[i].title);
		/* a title too long for the column says so: "neighbouring..." */
		draw_wrapped(cv, col0 + 1, row0 + 1 + (int)i, w - 2, 1, buf, STYLE_PANEL);
	}
}

/*
 * The overlay's text in lines of at most colw - 2 columns: the first (the
 * title) as it is, the others wrapped at a space, hanging under their text:
 * after a key column (the first run of two spaces), else two past their
 * indent; ascii: as an ASCII frame draws them (© is "(c)"). Returns how
 * many; *out is allocated, each line too.
 */
static int
help_wrap(const char *s, int colw, int ascii, char ***out)
{
	const char *nl;
	int n = 0, i, *hang;
	char **lines = NULL;

	for (; s != NULL && *s != '\0'; s = nl ? nl + 1 : NULL) {
		nl = strchr(s, '\n');
		lines = xreallocarray(lines, (size_t)n + 1, sizeof *lines);
		lines[n] = nl ? xstrndup(s, (size_t)(nl - s)) : xstrdup(s);
		lines[n] = as_drawn(ascii, lines[n]);
		n++;
	}
	hang = xcalloc((size_t)n + 1, sizeof *hang);
	for (i = 0; i < n; i++) {
		const char *l = lines[i], *gap;

		for (hang[i] = 0; l[hang[i]] == ' '; hang[i]++)
			;
		if ((gap = strstr(l + hang[i], "  ")) != NULL && gap[strspn(gap, " ")] != '\0')
			hang[i] = (int)(gap - l + (ptrdiff_t)strspn(gap, " "));
		else
			hang[i] += 2;
	}
	for (i = 1; i < n; i++) {
		const char *p = lines[i], *cut = NULL;
		int used = 0;

		while (*p != '\0') {
			uint32_t cp;
			size_t k = text_decode(p, strlen(p), &cp);

			if (used + text_cp_width(cp) > colw - 2)
				break;
			if (cp == ' ' && p > lines[i] + hang[i])
				cut = p;
			used += text_cp_width(cp);
			p += k;
		}
		if (*p != '\0' && cut != NULL) {
			char *rest;

			xasprintf(&rest, "%*s%s", hang[i], "", cut + 1);
			lines[i][cut - lines[i]] = '\0';
			lines = xreallocarray(lines, (size_t)n + 1, sizeof *lines);
			hang = xreallocarray(hang, (size_t)n + 1, sizeof *hang);
			memmove(&lines[i + 2], &lines[i + 1], (size_t)(n - i - 1) * sizeof *lines);
			memmove(&hang[i + 2], &hang[i + 1], (size_t)(n - i - 1) * sizeof *hang);
			lines[i + 1] = rest;
			hang[i + 1] = hang[i];
			n++;
		}
	}
	free(hang);
	*out = lines;
	return n;
}

static void
free_lines(char **lines, int n)
{
	int i;

	for (i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

/*
 * The help overlay: the text's first line as a title, the rest below it;
 * when the rest does not fit in one column and the frame is wide enough it
 * flows into two. What two columns cannot hold is shown in one, from line
 * overlay_top, with the keys that scroll it and the lines shown
 * ("12-30/64") at the title's right.
 */
static void
draw_help(struct canvas *cv, const struct scene *sc, int col0, int row0, int ncols,
    int nrows)
{
	const char *s = sc->overlay;
	int n, raw = 0, i, cols, per = nrows - 1, w, colw, col, top = 0, scroll = 0;
	char **lines;

	for (i = 0; s[i] != '\0'; i++)
		raw += s[i] == '\n';
	cols = raw > per && ncols >= 2 * 40 ? 2 : 1;
	w = cols == 2 ? (ncols > 150 ? 150 : ncols) : (ncols > 72 ? 72 : ncols);
	colw = w / cols;
	n = help_wrap(s, colw, canvas_mode(cv) == CANVAS_ASCII, &lines);
	if (n - 1 > cols * per && cols == 2) {
		free_lines(lines, n);
		cols = 1;
		w = colw = ncols > 72 ? 72 : ncols;
		n = help_wrap(s, colw, canvas_mode(cv) == CANVAS_ASCII, &lines);
	}
	if (n - 1 > per && per > 0) {
		scroll = 1;
		top = sc->overlay_top < 0 ? 0 : sc->overlay_top;
		if (top > n - 1 - per)
			top = n - 1 - per;
	}
	if (sc->report != NULL) {
		sc->report->overlay_lines = n > 0 ? n - 1 : 0;
		sc->report->overlay_rows = scroll ? per : n > 0 ? n - 1 : 0;
		sc->report->overlay_top = top;
	}
	col = col0 + (ncols - w) / 2;
	canvas_fill(cv, col, row0, w, nrows, STYLE_PANEL);
	if (n > 0) {
		char pos[48];
		const char *keys = "j k PgUp PgDn g G";
		int pw = 0, tw, kw = text_width(keys);

		if (scroll) {
			snprintf(pos, sizeof pos, "%d-%d/%d", top + 1, top + per, n - 1);
			pw = text_width(pos);
		}
		tw = canvas_text(cv, col + 1, row0, lines[0], w - 2 - (pw ? pw + 2 : 0),
		    STYLE_TITLE);
		if (scroll && pw + 2 <= w)
			canvas_text(cv, col + w - 1 - pw, row0, pos, pw, STYLE_TITLE);
		if (scroll && 1 + tw + 2 + kw + 2 + pw + 1 <= w)
			canvas_text(cv, col + w - 1 - pw - 2 - kw, row0, keys, kw, STYLE_TITLE);
	}
	for (i = 1 + top; i < n; i++) {
		int k = i - 1 - top, c = k / per, r = k % per;

		if (c >= cols)
			break;
		canvas_text(cv, col + 1 + c * colw, row0 + 1 + r, lines[i], colw - 2, STYLE_PANEL);
	}
	free_lines(lines, n);
}


/*
 * A list in the body: a title row (the title at the left, the cursor's
 * position at the right, the keys before it when they fit), then the
 * list's window, list_cols wide (0: the whole body) and centred.
 */
static void
draw_list(struct canvas *cv, const struct scene *sc, const struct layout_rect *b)
{
	const struct listview *lv = sc->list;
	int w = sc->list_cols > 0 && sc->list_cols < b->cols ? sc->list_cols : b->cols;
	int col = b->col + (b->cols - w) / 2, tw, pw, kw;
	size_t n = listview_count(lv), cur = listview_cursor(lv);
	char pos[48];

	canvas_fill(cv, b->col, b->row, b->cols, b->rows, STYLE_PANEL);
	canvas_fill(cv, col, b->row, w, 1, STYLE_TITLE);
	if (n == 0)
		snprintf(pos, sizeof pos, "none");
	else
		snprintf(pos, sizeof pos, "%zu/%zu", cur == LISTVIEW_NONE ? 0 : cur + 1, n);
	pw = text_width(pos);
	tw = canvas_text(cv, col + 1, b->row, sc->list_title != NULL ? sc->list_title : "",
	    w - pw - 3 > 0 ? w - pw - 3 : 0, STYLE_TITLE);
	if (pw + 2 <= w)
		canvas_text(cv, col + w - 1 - pw, b->row, pos, pw, STYLE_TITLE);
	/* the keys whole or not at all, two blanks from the title and the position */
	if (sc->list_keys != NULL && (kw = text_width(sc->list_keys)) > 0 &&
	    1 + tw + 2 + kw + 2 + pw + 1 <= w)
		canvas_text(cv, col + w - 1 - pw - 2 - kw, b->row, sc->list_keys, kw, STYLE_TITLE);
	if (b->rows > 1)
		listview_draw(lv, cv, col, b->row + 1, w, b->rows - 1);
}

void
render_scene(struct canvas *cv, const struct scene *sc)
{
	const struct view *v = sc->view;
	struct frame f;
	const struct layout_rect *map;
	struct move_ends mv;
	size_t i;
	int r, rows = canvas_rows(cv), cols = canvas_cols(cv);

	memset(&f, 0, sizeof f);
	f.cv = cv;
	f.sc = sc;
	f.ascii = canvas_mode(cv) == CANVAS_ASCII;
	canvas_clear(cv);
	if (v->layout.cols == cols && v->layout.rows == rows)
		f.lay = v->layout;
	else
		render_layout(sc, cols, rows, &f.lay);
	map = &f.lay.map;
	if (sc->report != NULL) {
		sc->report->layout = f.lay;
		sc->report->sites = NULL;
		sc->report->nsites = 0;
	}
	for (i = 0; i < sc->nlayers; i++)
		if (sc->layers[i].visible && !sc->layers[i].towns)
			draw_layer(cv, &sc->layers[i], &v->vp);
	if (move_ends(&f, &mv) && mv.is_long) {
		draw_move(cv, sc);
		f.move_seen = 1;
	}
	/* what lines drew outside the map region goes: chrome never shares a cell with the map */
	for (r = 0; r < rows; r++) {
		if (r < map->row || r >= map->row + map->rows) {
			canvas_fill(cv, 0, r, cols, 1, STYLE_NONE);
			continue;
		}
		canvas_fill(cv, 0, r, map->col, 1, STYLE_NONE);
		canvas_fill(cv, map->col + map->cols, r, cols - map->col - map->cols, 1, STYLE_NONE);
	}
	if (f.lay.strip.rows > 0)
		draw_strip(cv, sc, f.lay.strip.row);
	if (sc->overlay != NULL || sc->list != NULL) {
		const struct layout_rect *b = &f.lay.body;

		draw_title(&f);
		if (b->rows > 0 && sc->overlay != NULL)
			draw_help(cv, sc, b->col, b->row, b->cols, b->rows);
		else if (b->rows > 0)
			draw_list(cv, sc, b);
		draw_footer(&f);
		if (sc->popup != NULL && sc->popup[0] != '\0')
			draw_popup(cv, sc->popup, rows - 1);
		return;
	}
	mark_grid_init(&f.grid, map->col, map->row, map->cols, map->rows);
	if (v->aggregate && sc->tl != NULL && sc->places != NULL)
		draw_aggregate(&f);
	else
		draw_places(&f);
	draw_towns(&f);
	mark_grid_free(&f.grid);
	free(f.names);
	if (v->show_layers && f.lay.legend.rows >= (int)sc->nlayers + 1) {
		canvas_fill(cv, f.lay.legend.col, f.lay.legend.row, f.lay.legend.cols,
		    f.lay.legend.rows, STYLE_PANEL);
		draw_layers_list(cv, sc, f.lay.legend.col, f.lay.legend.row, f.lay.legend.rows,
		    f.lay.legend.cols);
	} else {
		draw_legend(&f);
		/* a layers list the legend's region cannot hold goes over the map */
		if (v->show_layers)
			draw_layers_list(cv, sc, map->col, map->row, map->rows, map->cols);
	}
	draw_panel(&f);
	draw_title(&f);
	draw_footer(&f);
	if (sc->popup != NULL && sc->popup[0] != '\0')
		draw_popup(cv, sc->popup, rows - 1);
	free(f.selection);
}
