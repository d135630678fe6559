/*
 * render.c: the only code that decides what a frame looks like. Layers are
 * drawn in order (later wins a shared cell), then place markers, then labels
 * (never over other text, never off the map area), then panels, which move
 * away from the current event's place rather than hide it.
 */
#include "render.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

void
render_map_area(int cols, int rows, int *col0, int *row0, int *ncols, int *nrows)
{
	*col0 = 0;
	*row0 = 1;
	*ncols = cols;
	/* title above; timeline strip and footer below (the strip only from 10 rows) */
	*nrows = rows >= 10 ? rows - 3 : rows > 2 ? rows - 2 : 1;
}

/* The strip column of a day; a day wider than a column (a short window) at its slice's end. */
static int
strip_col(day_t day, day_t first, double per, int cols)
{
	int c = per < 1 ? (int)((day - first + 1) / per) - 1 : (int)((day - first) / per);

	return c >= cols ? cols - 1 : c < 0 ? 0 : c;
}

/*
 * One cell per slice of the whole time span (or of the window: its days up
 * to the current one): a bar as high as the number of events that pass the
 * filter in it, planned ones in their own style, and the current date in
 * reverse video. The axis is linear in time, so quiet years look quiet.
 */
static void
draw_strip(struct canvas *cv, const struct scene *sc, int row)
{
	const struct view *v = sc->view;
	static const uint32_t bars[8] = { 0x2581, 0x2582, 0x2583, 0x2584, 0x2585, 0x2586,
	    0x2587, 0x2588 };
	static const char ascii_bars[8] = { '_', '.', ':', '-', '=', '+', '*', '#' };
	const struct timeline *tl = sc->tl;
	int cols = canvas_cols(cv) - 2, c, ascii = canvas_mode(cv) == CANVAS_ASCII;
	unsigned *count, max = 0;
	unsigned char *planned;
	day_t first, last;
	double per;
	size_t i, end;

	if (tl == NULL || tl->nevents == 0 || cols < 4)
		return;
	first = tl->first_lo;
	last = tl->last_day;
	if (v->window_days > 0 && v->have_day) {
		last = v->day;
		first = (day_t)((int64_t)v->day - v->window_days + 1 > INT32_MIN / 2 ?
		    v->day - v->window_days + 1 : INT32_MIN / 2);
	}
	per = (double)((int64_t)last - first + 1) / cols;
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
		if (v->match == NULL)
			count[c] = (unsigned)(lo - i);
		for (k = i; k < lo && v->match != NULL; k++)
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
			unsigned level = (unsigned)((count[c] * 8 + max - 1) / (max ? max : 1));

			level = level < 1 ? 1 : level > 8 ? 8 : level;
			g = ascii ? (uint32_t)ascii_bars[level - 1] : bars[level - 1];
		}
		canvas_put(cv, 1 + c, row, g, st);
	}
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

/*
 * The current event's movement, over the map and under the markers: a
 * dashed line (two dots on, two off), which no border or river is, so it
 * reads without colour too.
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

struct marker {
	size_t		place;
	int		col, row;
	int		prio;
};

static int
by_prio(const void *a, const void *b)
{
	const struct marker *x = a, *y = b;

	if (x->prio != y->prio)
		return y->prio - x->prio;
	return x->place < y->place ? -1 : x->place > y->place;
}

static const struct event *
current_event(const struct scene *sc)
{
	const struct view *v = sc->view;

	if (sc->tl == NULL || !v->have_stop || v->stop.ev >= sc->tl->nevents)
		return NULL;
	return &sc->tl->events[v->stop.ev];
}

static uint32_t
marker_glyph(const struct canvas *cv, enum status st, int attacked, enum style *style)
{
	int ascii = canvas_mode(cv) == CANVAS_ASCII;

	if (attacked)
		st = STATUS_ATTACKED;
	*style = status_style[st];
	return ascii ? (uint32_t)status_ascii[st] : status_glyph[st];
}

static int
to_cell(double v, int per_cell)
{
	v = floor(v / per_cell);
	return v < -1e6 ? -1000000 : v > 1e6 ? 1000000 : (int)v;
}

static int
in_area(int col, int row, int col0, int row0, int ncols, int nrows)
{
	return col >= col0 && row >= row0 && col < col0 + ncols && row < row0 + nrows;
}

/* Marker cells in priority order: the current event's place, the selection, attacks, statuses. */
static size_t
place_markers(const struct canvas *cv, const struct scene *sc, struct marker **out)
{
	const struct view *v = sc->view;
	const struct event *ev = current_event(sc);
	const struct places *pl = sc->places;
	struct marker *m = xcalloc(pl->n ? pl->n : 1, sizeof *m);
	size_t i, n = 0;

	for (i = 0; i < pl->n; i++) {
		const struct place *p = &pl->v[i];
		enum status st = v->status ? v->status[i] : p->initial;
		double fx, fy;

		if (isnan(p->xy.x))
			continue;
		vp_to_px(&v->vp, p->xy.x, p->xy.y, &fx, &fy);
		m[n].place = i;
		m[n].col = to_cell(fx, canvas_dx(cv));
		m[n].row = to_cell(fy, canvas_dy(cv));
		m[n].prio = (st != STATUS_NONE ? 20 : 0) +
		    (p->kind == PLACE_CAPITAL ? 15 : 0) +
		    (v->attacked && v->attacked[i] ? 30 : 0) +
		    (i == v->selected ? 50 : 0) +
		    (ev != NULL && ev->place == i ? 100 : 0);
		n++;
	}
	qsort(m, n, sizeof *m, by_prio);
	*out = m;
	return n;
}

/* A label needs its cells free and a blank on each side, its own marker aside. */
static int
try_label(struct canvas *cv, int col, int row, const char *s, enum style st,
    int col0, int row0, int ncols, int nrows, int marker_col)
{
	int w = text_width(s), c;

	if (w == 0 || row < row0 || row >= row0 + nrows || col < col0 ||
	    col + w > col0 + ncols)
		return 0;
	for (c = col - 1; c <= col + w; c++)
		if (c != marker_col && canvas_is_text(cv, c, row))
			return 0;
	canvas_text(cv, col, row, s, w, st);
	return 1;
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

static void
draw_places(struct canvas *cv, const struct scene *sc, int col0, int row0,
    int ncols, int nrows, int *cur_col, int *cur_row, int *planned_seen)
{
	const struct event *ev = current_event(sc);
	struct marker *m;
	size_t n, i;
	int *placed, *mark;

	*cur_col = *cur_row = -1;
	*planned_seen = 0;
	if (sc->places == NULL)
		return;
	n = place_markers(cv, sc, &m);
	placed = xcalloc(n ? n : 1, sizeof *placed);
	mark = xcalloc(n ? n : 1, sizeof *mark);	/* the planned mark's column, or 0 */
	/* markers first, so that no label covers a marker */
	for (i = 0; i < n; i++) {
		const struct place *p = &sc->places->v[m[i].place];
		enum status st = sc->view->status ? sc->view->status[m[i].place] : p->initial;
		int attacked = sc->view->attacked && sc->view->attacked[m[i].place];
		enum style style;
		uint32_t g = marker_glyph(cv, st, attacked, &style);

		if (!in_area(m[i].col, m[i].row, col0, row0, ncols, nrows))
			continue;
		if (ev != NULL && ev->place == m[i].place) {
			*cur_col = m[i].col;
			*cur_row = m[i].row;
		}
		/* a camp in its town's cell moves next door rather than vanish */
		{
			static const int nb[5][2] = { { 0, 0 }, { -1, 0 }, { 1, 0 }, { 0, -1 },
			    { 0, 1 } };
			int k;

			for (k = 0; k < 5; k++) {
				int c = m[i].col + nb[k][0], r = m[i].row + nb[k][1];

				if (in_area(c, r, col0, row0, ncols, nrows) &&
				    !canvas_is_text(cv, c, r)) {
					m[i].col = c;
					m[i].row = r;
					canvas_put(cv, c, r, g, style);
					placed[i] = 1;
					break;
				}
			}
		}
	}
	/*
	 * A pending planned change: a mark beside the status, never instead of
	 * it, and only in a free cell: it moves no status marker.
	 */
	for (i = 0; i < n; i++) {
		if (placed[i] && plan_pending(sc, m[i].place)) {
			int k;

			for (k = 1; k >= -1; k -= 2) {
				int c = m[i].col + k;

				if (in_area(c, m[i].row, col0, row0, ncols, nrows) &&
				    !canvas_is_text(cv, c, m[i].row)) {
					canvas_put(cv, c, m[i].row, canvas_mode(cv) == CANVAS_ASCII ?
					    (uint32_t)ASCII_PLANNED : GLYPH_PLANNED, STYLE_PLANNED);
					mark[i] = k;
					*planned_seen = 1;
					break;
				}
			}
		}
	}
	for (i = 0; i < n; i++) {
		const struct place *p = &sc->places->v[m[i].place];
		int cur = ev != NULL && ev->place == m[i].place;
		int sel = m[i].place == sc->view->selected;
		enum style st = cur || sel ? STYLE_HIGHLIGHT : STYLE_LABEL;
		const char *s = p->label;
		int w = text_width(s), done = 0;
		size_t j;

		/* a camp and its town share a name: label the pair once */
		for (j = 0; j < i && !done; j++)
			done = placed[j] == 2 && abs(m[j].col - m[i].col) <= 2 &&
			    abs(m[j].row - m[i].row) <= 1 &&
			    strcmp(sc->places->v[m[j].place].label, s) == 0;
		if (!placed[i] || done)
			continue;
		/* right of the marker (and of a planned mark there), else left of them */
		if (try_label(cv, m[i].col + 1 + (mark[i] > 0), m[i].row, s, st, col0, row0,
		    ncols, nrows, m[i].col + (mark[i] > 0)) ||
		    try_label(cv, m[i].col - w - (mark[i] < 0), m[i].row, s, st, col0, row0,
		    ncols, nrows, m[i].col - (mark[i] < 0)) ||
		    try_label(cv, m[i].col - w / 2, m[i].row - 1, s, st, col0, row0, ncols,
		    nrows, -1) ||
		    try_label(cv, m[i].col - w / 2, m[i].row + 1, s, st, col0, row0, ncols,
		    nrows, -1))
			placed[i] = 2;
	}
	free(placed);
	free(mark);
	free(m);
}

/* Count classes of aggregate mode: glyph, ASCII, style, legend text. */
static const struct {
	unsigned	 min;
	uint32_t	 glyph;
	char		 ascii;
	enum style	 style;
	const char	*label;
} agg_class[4] = {
	{ 1, 0x00B7, '.', STYLE_LABEL, "1 event" },
	{ 2, 0x2218, 'o', STYLE_CONTESTED, "2-4 events" },
	{ 5, 0x25CF, 'O', STYLE_REBEL, "5-19 events" },
	{ 20, 0x25C9, '@', STYLE_ATTACK, "20 or more" },
};

static int
agg_class_of(unsigned n)
{
	int k;

	for (k = 3; k > 0 && n < agg_class[k].min; k--)
		;
	return k;
}

/*
 * Aggregate mode: events per cell. The places' cells are computed once per
 * frame, so a million events cost one lookup each.
 */
static void
draw_aggregate(struct canvas *cv, const struct scene *sc, int col0, int row0, int ncols,
    int nrows, int *classes_seen, int *status_seen)
{
	const struct timeline *tl = sc->tl;
	const struct places *pl = sc->places;
	int cells = ncols * nrows, *cell_of = xcalloc(pl->n ? pl->n : 1, sizeof *cell_of);
	unsigned *count = xcalloc((size_t)cells, sizeof *count), best;
	size_t *label = xcalloc((size_t)cells, sizeof *label), i, end;
	day_t from = sc->view->window_days > 0 ? sc->view->day - sc->view->window_days + 1 :
	    INT32_MIN;
	int c, nlabels;

	for (i = 0; i < pl->n; i++) {
		double fx, fy;
		int col, row;

		cell_of[i] = -1;
		if (isnan(pl->v[i].xy.x))
			continue;
		vp_to_px(&sc->view->vp, pl->v[i].xy.x, pl->v[i].xy.y, &fx, &fy);
		col = to_cell(fx, canvas_dx(cv));
		row = to_cell(fy, canvas_dy(cv));
		if (in_area(col, row, col0, row0, ncols, nrows))
			cell_of[i] = (row - row0) * ncols + (col - col0);
	}
	/* events are sorted by day: the window is a range, read from the packed places */
	end = timeline_upto_day(tl, sc->view->day);
	for (i = from > INT32_MIN ? timeline_upto_day(tl, from - 1) : 0; i < end; i++) {
		uint32_t place = tl->event_place[i];

		if (place == UINT32_MAX || cell_of[place] < 0 ||
		    (sc->view->match != NULL && !sc->view->match[i]))
			continue;
		c = cell_of[place];
		if (count[c]++ == 0)
			label[c] = place;
	}
	for (c = 0; c < cells; c++) {
		int k;

		if (count[c] == 0)
			continue;
		k = agg_class_of(count[c]);
		classes_seen[k] = 1;
		canvas_put(cv, col0 + c % ncols, row0 + c / ncols, canvas_mode(cv) == CANVAS_ASCII ?
		    (uint32_t)agg_class[k].ascii : agg_class[k].glyph, agg_class[k].style);
	}
	/*
	 * The statuses an export set (territory taken, retaken, a base) over the
	 * counts, and labelled first: the control map on the map of events
	 */
	for (i = 0; sc->view->status != NULL && i < pl->n; i++) {
		enum status st = sc->view->status[i];
		enum style style;
		uint32_t g;

		if (st == STATUS_NONE || cell_of[i] < 0)
			continue;
		g = marker_glyph(cv, st, 0, &style);
		c = cell_of[i];
		canvas_put(cv, col0 + c % ncols, row0 + c / ncols, g, style);
		status_seen[st] = 1;
	}
	for (i = 0; sc->view->status != NULL && i < pl->n; i++) {
		int mc, mr, w;

		if (sc->view->status[i] == STATUS_NONE || cell_of[i] < 0)
			continue;
		mc = col0 + cell_of[i] % ncols;
		mr = row0 + cell_of[i] / ncols;
		w = text_width(pl->v[i].label);
		/* right of the marker, else left, above, below: as draw_places() does */
		(void)(try_label(cv, mc + 1, mr, pl->v[i].label, STYLE_LABEL, col0, row0, ncols,
		    nrows, mc) ||
		    try_label(cv, mc - w, mr, pl->v[i].label, STYLE_LABEL, col0, row0, ncols,
		    nrows, mc) ||
		    try_label(cv, mc - w / 2, mr - 1, pl->v[i].label, STYLE_LABEL, col0, row0,
		    ncols, nrows, -1) ||
		    try_label(cv, mc - w / 2, mr + 1, pl->v[i].label, STYLE_LABEL, col0, row0,
		    ncols, nrows, -1));
	}
	/* label the busiest cells first, as long as labels find room */
	for (nlabels = 0; nlabels < 40; nlabels++) {
		int at = -1;

		best = 0;
		for (c = 0; c < cells; c++)
			if (count[c] > best) {
				best = count[c];
				at = c;
			}
		if (at < 0)
			break;
		count[at] = 0;
		try_label(cv, col0 + at % ncols + 1, row0 + at / ncols, pl->v[label[at]].label,
		    STYLE_LABEL, col0, row0, ncols, nrows, col0 + at % ncols);
	}
	free(cell_of);
	free(count);
	free(label);
}

static void
draw_agg_legend(struct canvas *cv, const struct scene *sc, int col0, int row0, int ncols,
    int nrows, const int *seen, const int *status_seen)
{
	int n = 0, k, w = 24, col, row = row0;
	char head[64];

	for (k = 0; k < 4; k++)
		n += seen[k];
	for (k = 0; k < STATUS_COUNT; k++)
		if (status_seen[k]) {
			n++;
			if (text_width(status_label((enum status)k)) + 4 > w)
				w = text_width(status_label((enum status)k)) + 4;
		}
	if (n == 0 || n + 1 > nrows || ncols < w + 10)
		return;
	col = col0 + ncols - w;
	if (sc->view->window_days > 0)
		snprintf(head, sizeof head, "Events, last %d days", sc->view->window_days);
	else
		snprintf(head, sizeof head, "Events so far");
	canvas_fill(cv, col, row, w, n + 1, STYLE_PANEL);
	canvas_text(cv, col + 1, row, head, w - 1, STYLE_TITLE);
	for (k = 0; k < 4; k++) {
		if (!seen[k])
			continue;
		row++;
		canvas_put(cv, col + 1, row, canvas_mode(cv) == CANVAS_ASCII ?
		    (uint32_t)agg_class[k].ascii : agg_class[k].glyph, agg_class[k].style);
		canvas_text(cv, col + 3, row, agg_class[k].label, w - 4, STYLE_PANEL);
	}
	/* the statuses: what holds the places whose control changed, by class */
	for (k = 0; k < STATUS_COUNT; k++) {
		enum style st;
		uint32_t g;

		if (!status_seen[k])
			continue;
		row++;
		g = marker_glyph(cv, (enum status)k, 0, &st);
		canvas_put(cv, col + 1, row, g, st);
		canvas_text(cv, col + 3, row, status_label((enum status)k), w - 4, STYLE_PANEL);
	}
}

static void
draw_title(struct canvas *cv, const struct scene *sc)
{
	const struct view *v = sc->view;
	int cols = canvas_cols(cv);
	char date[64] = "", pos[64] = "", *line;
	/* "event K/M": M counts the events that pass the filter */
	size_t total = v->match != NULL ? v->nmatch :
	    sc->tl != NULL ? sc->tl->nevents : 0;

	canvas_fill(cv, 0, 0, cols, 1, STYLE_TITLE);
	/* the moment itself, whatever event the panel shows */
	if (v->have_day)
		date_format(date, sizeof date, v->day, v->day, v->month ? DATE_MONTH : DATE_DAY);
	if (sc->tl != NULL && sc->tl->nevents > 0) {
		if (total == 0)
			snprintf(pos, sizeof pos, "no event matches");
		else if (v->reached == 0)
			snprintf(pos, sizeof pos, "before event 1/%zu", total);
		else
			snprintf(pos, sizeof pos, "event %zu/%zu", v->reached, total);
	}
	{
		char agg[128] = "";

		/* the counts on the map depend on these: keep them in sight */
		if (v->aggregate) {
			char win[32] = "all so far";

			if (v->window_days > 0)
				snprintf(win, sizeof win, "last %d days", v->window_days);
			snprintf(agg, sizeof agg, " | %s%s%.40s", win, v->filter ? ", " : "",
			    v->filter ? v->filter : "");
		} else if (sc->tl != NULL) {
			size_t used = 0;

			if (v->window_days > 0 && v->have_day) {
				size_t n = timeline_count(sc->tl, (day_t)((int64_t)v->day -
				    v->window_days + 1 > INT32_MIN ? v->day - v->window_days + 1 :
				    INT32_MIN), v->day, v->match);

				used = (size_t)snprintf(agg, sizeof agg,
				    " | last %d days: %zu event%s", v->window_days, n, n == 1 ? "" : "s");
			}
			if (v->filter != NULL)
				snprintf(agg + used, sizeof agg - used, " | filter: %.40s",
				    v->filter);
		}
		xasprintf(&line, " %s%s%s%s%s%s", sc->title ? sc->title : "sitmap",
		    date[0] ? " | " : "", date, pos[0] ? " | " : "", pos, agg);
		/* a narrow frame keeps the moment rather than the title */
		if (text_width(line) > cols && date[0] != '\0') {
			free(line);
			xasprintf(&line, " %s%s%s%s", date, pos[0] ? " | " : "", pos, agg);
		}
	}
	canvas_text(cv, 0, 0, line, cols, STYLE_TITLE);
	if (text_width(line) + 9 <= cols)
		canvas_text(cv, cols - 7, 0, "? help", 6, STYLE_TITLE);
	free(line);
}

/* A round distance (1, 2 or 5 times a power of ten) that fits in max_cols. */
static void
draw_footer(struct canvas *cv, const struct scene *sc)
{
	int cols = canvas_cols(cv), row = canvas_rows(cv) - 1, ascii;
	double km_per_col = sc->view->vp.m_per_px * canvas_dx(cv) / 1000, best = 0;
	int used = 0, n, c;
	char buf[64];

	if (canvas_rows(cv) < 3)
		return;
	ascii = canvas_mode(cv) == CANVAS_ASCII;
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
	if (sc->message != NULL && sc->message[0] != '\0') {
		canvas_text(cv, used + 2, row, sc->message, cols - used - 2, STYLE_HIGHLIGHT);
		return;
	}
	if (sc->attribution != NULL) {
		static const char *const forms[] = {
			"\xc2\xa9 OpenStreetMap contributors, Natural Earth, GeoNames",
			"\xc2\xa9 OpenStreetMap, Natural Earth, GeoNames",
			"\xc2\xa9 OSM, Natural Earth, GeoNames",
			"\xc2\xa9 OSM, NE, GeoNames",
		};
		for (size_t k = 0; k < 4; k++) {
			const char *s = forms[k];
			char *a = NULL;
			int w;

			if (ascii) {
				xasprintf(&a, "(c)%s", s + 2);
				s = a;
			}
			w = text_width(s);
			if (used + 2 + w <= cols) {
				canvas_text(cv, cols - w, row, s, w, STYLE_DIM);
				free(a);
				break;
			}
			free(a);
		}
	}
}

/* Word-wraps s into at most maxlines lines of width w, drawn from (col, row). */
static int
draw_wrapped(struct canvas *cv, int col, int row, int w, int maxlines, const char *s,
    enum style st)
{
	int lines = 0;

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
		{
			char *line = xstrndup(s, (size_t)(p - s));

			if (lines == maxlines - 1 && *p != '\0') {
				/* the last line shows that text was cut */
				char *l2;
				size_t ll = strlen(line);

				while (ll > 0 && text_width(line) > w - 3)
					line[--ll] = '\0';
				xasprintf(&l2, "%s...", line);
				free(line);
				line = l2;
			}
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

/* "Label: value | Label: value" of an event's attributes that have a value (allocated). */
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
	return out;
}

static void
draw_panel(struct canvas *cv, const struct scene *sc, int col0, int row0, int ncols,
    int nrows, int cur_row)
{
	const struct event *ev = current_event(sc);
	int h = nrows >= 24 ? 6 : nrows >= 14 ? 5 : 3, w = ncols, row, r, nplan = 0, k;
	char date[64], *head, *src = NULL, way[160], plan[2][512], when[128] = "", *details;
	const char *where;
	const struct route *rt;

	if (ev == NULL || nrows < 8)
		return;
	row = row0 + nrows - h;
	/* the panel never hides the current event's place */
	if (cur_row >= row)
		row = row0;
	canvas_fill(cv, col0, row, w, h, STYLE_PANEL);
	date_format(date, sizeof date, ev->lo, ev->hi, ev->prec);
	/* a moment without an event of its own says which one the panel shows */
	if (sc->view->month || sc->view->stop.day != sc->view->day) {
		char on[32], last[32], month[32];
		int y, m, d, ys, ms;

		short_day(on, sizeof on, sc->view->day, sc->view->stop.day);
		short_day(last, sizeof last, sc->view->stop.day, sc->view->day);
		date_format(month, sizeof month, sc->view->day, sc->view->day, DATE_MONTH);
		date_to_ymd(sc->view->day, &y, &m, &d);
		date_to_ymd(sc->view->stop.day, &ys, &ms, &d);
		if (sc->view->month && y == ys && m == ms)
			snprintf(when, sizeof when, "last in %s: %s, %s", month, ev->id, last);
		else if (sc->view->month)
			snprintf(when, sizeof when, "no event in %s; last: %s, %s", month, ev->id,
			    last);
		else
			snprintf(when, sizeof when, "no event on %s; last: %s, %s", on, ev->id,
			    last);
		/* the event's own date when it says more than that day */
		if (ev->prec == DATE_DAY && ev->lo == sc->view->stop.day)
			date[0] = '\0';
	}
	where = ev->place != NONE ? sc->places->v[ev->place].name : "";
	/* a movement names its way instead: "Gao > Tarkint" */
	if ((rt = timeline_route(sc->tl, ev)) != NULL) {
		size_t j, used = 0;

		way[0] = '\0';
		for (j = 0; j < rt->n && used < sizeof way; j++)
			used += (size_t)snprintf(way + used, sizeof way - used, "%s%s",
			    j ? " > " : "", sc->places->v[sc->tl->stops[rt->first + j]].name);
		where = way;
	}
	if (when[0] != '\0')
		xasprintf(&head, " %s%s%s | %s | %s", when, date[0] ? " | " : "", date, where,
		    ev->planned ? "PLANNED" : "reported");
	else
		xasprintf(&head, " %s | %s | %s | %s", date, where,
		    ev->planned ? "PLANNED" : "reported", ev->id);
	canvas_text(cv, col0, row, head, w, STYLE_TITLE);
	free(head);
	/* planned changes at the event's place and at the selected place */
	if (h > 3) {
		size_t sel = sc->view->selected;

		nplan += plan_line(sc, ev->place, NULL, plan[nplan], sizeof plan[nplan]);
		if (sel != ev->place && sel != NONE)
			nplan += plan_line(sc, sel, sc->places->v[sel].name, plan[nplan],
			    sizeof plan[nplan]);
	}
	/* an import's other columns: "Sub-event: Armed clash | Admin: Kidal / Tin-Essako" */
	details = h > 3 ? event_details(sc->tl, ev) : xstrdup("");
	r = 1;
	r += draw_wrapped(cv, col0 + 1, row + r, w - 2, h - 2 - (h > 3) - nplan -
	    (details[0] != '\0'), ev->summary, STYLE_PANEL);
	for (k = 0; k < nplan; k++)
		r += draw_wrapped(cv, col0 + 1, row + r, w - 2, 1, plan[k], STYLE_PLANNED);
	if (h > 3 && ev->actors[0] != '\0' && r < h - 1) {
		char *a, fat[32] = "";

		if (ev->fatalities >= 0)
			snprintf(fat, sizeof fat, " | fatalities: %d", (int)ev->fatalities);
		xasprintf(&a, "%s%s%sActors: %s", sc->tl->types[ev->type],
		    sc->tl->types[ev->type][0] ? fat : fat + (fat[0] ? 3 : 0),
		    sc->tl->types[ev->type][0] || fat[0] ? " | " : "", ev->actors);
		r += draw_wrapped(cv, col0 + 1, row + r, w - 2, 1, a, STYLE_DIM);
		free(a);
	}
	if (details[0] != '\0' && r < h - 1)
		r += draw_wrapped(cv, col0 + 1, row + r, w - 2, 1, details, STYLE_DIM);
	free(details);
	/* where sources disagree, the note says so: it gets what room is left */
	if (ev->note[0] != '\0' && r < h - 1) {
		char *n;

		xasprintf(&n, "Note: %s", ev->note);
		draw_wrapped(cv, col0 + 1, row + r, w - 2, h - 1 - r, n, STYLE_DIM);
		free(n);
	}
	if (ev->sources[0] != '\0') {
		const char *s = ev->sources, *end = strstr(s, " ; ");
		char *first = end ? xstrndup(s, (size_t)(end - s)) : xstrdup(s);

		/* a URL is cut, not wrapped: its start says where it is from */
		xasprintf(&src, "Source: %s%s", first, end ? " (+more)" : "");
		free(first);
		canvas_text(cv, col0 + 1, row + h - 1, src, w - 2, STYLE_DIM);
		free(src);
	}
}

static void
draw_legend(struct canvas *cv, const struct scene *sc, int col0, int row0, int ncols,
    int nrows, int cur_col, int cur_row, int planned_seen)
{
	int seen[STATUS_COUNT + 2] = { 0 }, n = 0, w = 0, i, col, row, *cell, right, left;
	char line[STATUS_COUNT + 2][80];
	enum style lst[STATUS_COUNT + 2];
	uint32_t lg[STATUS_COUNT + 2];
	size_t p, ncell = 0;

	if (sc->places == NULL)
		return;
	cell = xcalloc(2 * sc->places->n + 1, sizeof *cell);
	for (p = 0; p < sc->places->n; p++) {
		double fx, fy;
		int c, r;

		vp_to_px(&sc->view->vp, sc->places->v[p].xy.x, sc->places->v[p].xy.y, &fx, &fy);
		if (!(fx >= 0 && fy >= 0 && fx < 1e6 && fy < 1e6))
			continue;
		c = (int)(fx / canvas_dx(cv));
		r = (int)(fy / canvas_dy(cv));
		if (!in_area(c, r, col0, row0, ncols, nrows))
			continue;
		cell[2 * ncell] = c;
		cell[2 * ncell++ + 1] = r;
		seen[sc->view->status ? sc->view->status[p] : sc->places->v[p].initial] = 1;
		if (sc->view->attacked && sc->view->attacked[p])
			seen[STATUS_ATTACKED] = 1;
	}
	seen[STATUS_COUNT] = planned_seen;
	seen[STATUS_COUNT + 1] = sc->nmove > 0;
	for (i = 0; i < STATUS_COUNT + 2; i++) {
		enum style st;

		if (!seen[i])
			continue;
		if (i == STATUS_COUNT + 1) {
			lg[n] = canvas_mode(cv) == CANVAS_ASCII ? '-' : 0x2504;
			st = STYLE_MOVE;
			snprintf(line[n], sizeof line[n], "movement (this event)");
		} else if (i == STATUS_COUNT) {
			lg[n] = canvas_mode(cv) == CANVAS_ASCII ? (uint32_t)ASCII_PLANNED :
			    GLYPH_PLANNED;
			st = STYLE_PLANNED;
			snprintf(line[n], sizeof line[n], "planned change pending");
		} else {
			lg[n] = marker_glyph(cv, (enum status)i, 0, &st);
			snprintf(line[n], sizeof line[n], "%s", status_label((enum status)i));
		}
		lst[n] = st;
		if (text_width(line[n]) > w)
			w = text_width(line[n]);
		n++;
	}
	if (n == 0 || n + 1 > nrows - 1 || (w += 4) > ncols) {
		free(cell);
		return;
	}
	row = row0;
	/* top right, unless it hides more places than the top left would */
	for (p = 0, right = left = 0; p < ncell; p++) {
		int c = cell[2 * p], r = cell[2 * p + 1];

		right += c >= col0 + ncols - w && r < row + n + 1;
		left += c < col0 + w && r < row + n + 1;
	}
	free(cell);
	col = right > left ? col0 : col0 + ncols - w;
	if (cur_col >= col0 + ncols - w && cur_row >= row && cur_row < row + n + 1)
		col = col0;		/* move aside for the current place */
	canvas_fill(cv, col, row, w, n + 1, STYLE_PANEL);
	canvas_text(cv, col + 1, row, "Legend", w - 1, STYLE_TITLE);
	for (i = 0; i < n; i++) {
		canvas_put(cv, col + 1, row + 1 + i, lg[i], lst[i]);
		canvas_text(cv, col + 3, row + 1 + i, line[i], w - 4, STYLE_PANEL);
	}
}

static void
draw_layers_list(struct canvas *cv, const struct scene *sc, int col0, int row0,
    int nrows)
{
	size_t i;
	int w = 14;

	for (i = 0; i < sc->nlayers; i++)
		if (text_width(sc->layers[i].title) + 6 > w)
			w = text_width(sc->layers[i].title) + 6;
	if ((int)sc->nlayers + 1 > nrows)
		return;
	canvas_fill(cv, col0, row0, w, (int)sc->nlayers + 1, STYLE_PANEL);
	canvas_text(cv, col0 + 1, row0, "Layers", w - 1, STYLE_TITLE);
	for (i = 0; i < sc->nlayers; i++) {
		char buf[128];

		snprintf(buf, sizeof buf, "%zu [%c] %s", i + 1,
		    sc->layers[i].visible ? 'x' : ' ', sc->layers[i].title);
		canvas_text(cv, col0 + 1, row0 + 1 + (int)i, buf, w - 2, STYLE_PANEL);
	}
}

/*
 * The help or history overlay: the text's first line as a title, the rest
 * below it; when the rest does not fit in one column and the frame is wide
 * enough it flows into two, and what still does not fit ends in "...".
 */
static void
draw_help(struct canvas *cv, const struct scene *sc, int col0, int row0, int ncols,
    int nrows)
{
	const char *s = sc->overlay, *nl;
	int n = 0, i, cols, per, w, colw, col, *hang;
	char **lines = NULL;

	for (; s != NULL && *s != '\0'; s = nl ? nl + 1 : NULL) {
		nl = strchr(s, '\n');
		lines = xreallocarray(lines, (size_t)n + 1, sizeof *lines);
		lines[n++] = nl ? xstrndup(s, (size_t)(nl - s)) : xstrdup(s);
	}
	cols = n - 1 > nrows - 1 && ncols >= 2 * 40 ? 2 : 1;
	w = cols == 2 ? (ncols > 150 ? 150 : ncols) : (ncols > 72 ? 72 : ncols);
	colw = w / cols;
	/*
	 * Long lines wrap at a space and hang under their text: after a key
	 * column (the first run of two spaces), else two past their indent.
	 */
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
	per = nrows - 1;
	col = col0 + (ncols - w) / 2;
	canvas_fill(cv, col, row0, w, nrows, STYLE_PANEL);
	if (n > 0)
		canvas_text(cv, col + 1, row0, lines[0], w - 2, STYLE_TITLE);
	for (i = 1; i < n; i++) {
		int k = i - 1, c = k / per, r = k % per;

		if (c >= cols || (c == cols - 1 && r == per - 1 && i < n - 1)) {
			canvas_text(cv, col + 1 + c * colw, row0 + 1 + r, "...", colw - 2, STYLE_PANEL);
			break;
		}
		canvas_text(cv, col + 1 + c * colw, row0 + 1 + r, lines[i], colw - 2, STYLE_PANEL);
	}
	for (i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
	free(hang);
}

void
render_scene(struct canvas *cv, const struct scene *sc)
{
	const struct view *v = sc->view;
	int col0, row0, ncols, nrows, cur_col, cur_row;
	size_t i;

	canvas_clear(cv);
	render_map_area(canvas_cols(cv), canvas_rows(cv), &col0, &row0, &ncols, &nrows);
	for (i = 0; i < sc->nlayers; i++)
		if (sc->layers[i].visible)
			draw_layer(cv, &sc->layers[i], &v->vp);
	draw_move(cv, sc);
	/* wipe what lines drew outside the map rows: title, strip and footer */
	canvas_fill(cv, 0, 0, canvas_cols(cv), 1, STYLE_NONE);
	canvas_fill(cv, 0, row0 + nrows, canvas_cols(cv), canvas_rows(cv) - row0 - nrows,
	    STYLE_NONE);
	if (canvas_rows(cv) >= 10)
		draw_strip(cv, sc, canvas_rows(cv) - 2);
	if (sc->overlay != NULL) {
		draw_title(cv, sc);
		draw_help(cv, sc, col0, row0, ncols, nrows);
		draw_footer(cv, sc);
		return;
	}
	if (v->aggregate && sc->tl != NULL && sc->places != NULL) {
		int seen[4] = { 0 }, status_seen[STATUS_COUNT] = { 0 };

		cur_col = cur_row = -1;
		draw_aggregate(cv, sc, col0, row0, ncols, nrows, seen, status_seen);
		if (v->show_legend)
			draw_agg_legend(cv, sc, col0, row0, ncols, nrows, seen, status_seen);
	} else {
		int planned_seen;

		draw_places(cv, sc, col0, row0, ncols, nrows, &cur_col, &cur_row, &planned_seen);
		if (v->show_legend)
			draw_legend(cv, sc, col0, row0, ncols, nrows, cur_col, cur_row,
			    planned_seen);
	}
	if (v->show_layers)
		draw_layers_list(cv, sc, col0, row0, nrows);
	if (v->show_panel)
		draw_panel(cv, sc, col0, row0, ncols, nrows, cur_row);
	draw_title(cv, sc);
	draw_footer(cv, sc);
}
