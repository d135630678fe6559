/*
 * app.c: the viewer's state and everything a key can do: the action table,
 * the moment, the view, playback and the prompts. The data comes from
 * load.c, once, in app_new(); a frame is app_render(), which points a scene
 * at the view for render_scene(). The TUI, --dump and --cast all go
 * through it.
 */
#include "app.h"

#include <math.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "label.h"
#include "layout.h"
#include "load.h"
#include "search.h"
#include "text.h"
#include "util.h"

#define NONE		((size_t)-1)
#define PAN_STEP	0.1		/* of the map area */
#define PAN_BIG		0.4
#define ZOOM_STEP	1.5

const struct keybind app_keymap[] = {
	{ KEYC_LEFT, "Left", ACT_PAN_LEFT },	{ 'h', "h", ACT_PAN_LEFT },
	{ KEYC_RIGHT, "Right", ACT_PAN_RIGHT },	{ 'l', "l", ACT_PAN_RIGHT },
	{ KEYC_UP, "Up", ACT_PAN_UP },		{ 'k', "k", ACT_PAN_UP },
	{ KEYC_DOWN, "Down", ACT_PAN_DOWN },	{ 'j', "j", ACT_PAN_DOWN },
	{ KEYC_SLEFT, "S-Left", ACT_PAN_LEFT_BIG },	{ 'H', "H", ACT_PAN_LEFT_BIG },
	{ KEYC_SRIGHT, "S-Right", ACT_PAN_RIGHT_BIG },	{ 'L', "L", ACT_PAN_RIGHT_BIG },
	{ KEYC_SUP, "S-Up", ACT_PAN_UP_BIG },	{ 'K', "K", ACT_PAN_UP_BIG },
	{ KEYC_SDOWN, "S-Down", ACT_PAN_DOWN_BIG },	{ 'J', "J", ACT_PAN_DOWN_BIG },
	{ '+', "+", ACT_ZOOM_IN },		{ '=', "=", ACT_ZOOM_IN },
	{ '-', "-", ACT_ZOOM_OUT },		{ '0', "0", ACT_RESET_VIEW },
	{ 'n', "n", ACT_NEXT_EVENT },		{ ']', "]", ACT_NEXT_EVENT },
	{ 'p', "p", ACT_PREV_EVENT },		{ '[', "[", ACT_PREV_EVENT },
	{ KEYC_HOME, "Home", ACT_FIRST_EVENT },	{ 'g', "g", ACT_FIRST_EVENT },
	{ KEYC_END, "End", ACT_LAST_EVENT },	{ 'G', "G", ACT_LAST_EVENT },
	{ 't', "t", ACT_JUMP_DATE },
	{ '.', ".", ACT_NEXT_DAY },		{ ',', ",", ACT_PREV_DAY },
	{ '}', "}", ACT_NEXT_WEEK },		{ '{', "{", ACT_PREV_WEEK },
	{ ')', ")", ACT_NEXT_MONTH },		{ '(', "(", ACT_PREV_MONTH },
	{ ' ', "Space", ACT_PLAY },		{ 'P', "P", ACT_PLAY_MODE },
	{ '>', ">", ACT_FASTER },		{ '<', "<", ACT_SLOWER },
	{ '/', "/", ACT_SEARCH },		{ KEYC_TAB, "Tab", ACT_NEXT_PLACE },
	{ 'f', "f", ACT_FILTER },		{ 'w', "w", ACT_WINDOW },
	{ KEYC_BTAB, "S-Tab", ACT_PREV_PLACE },	{ KEYC_ENTER, "Enter", ACT_HISTORY },
	{ 'i', "i", ACT_TOGGLE_PANEL },		{ 'e', "e", ACT_TOGGLE_LEGEND },
	{ 'y', "y", ACT_TOGGLE_LAYERS },	{ 's', "s", ACT_SCREENSHOT },
	{ '?', "?", ACT_HELP },			{ KEYC_ESC, "Esc", ACT_CLOSE },
	{ 'q', "q", ACT_QUIT },			{ KEYC_CTRL_C, "C-c", ACT_QUIT },
};
const size_t app_nkeys = sizeof app_keymap / sizeof app_keymap[0];

enum prompt { PROMPT_NONE, PROMPT_DATE, PROMPT_SEARCH, PROMPT_FILTER };

struct app {
	struct load	*ld;		/* the data; the pointers below are borrowed from it */
	struct map_layer *layers;
	size_t		 nlayers;
	struct places	*places;
	struct timeline	*tl;
	struct mark_groups *groups;	/* the places of each site */
	struct view	 view;		/* what a frame shows: the scene points to it */
	struct geo_bbox	 home;		/* what "reset the view" shows, metres */
	int		 vp_ready, cols, rows;
	int		 view_moved;	/* panned or zoomed since the view was fitted */
	enum canvas_mode mode;
	int		 have_center;
	double		 center_x, center_y, zoom;
	int		 show_help;
	int		 playing, delay_ms;
	int		 by_time, pace;	/* playback by time: pace_days[pace] days per second */
	int		 acc;		/* by time: day-milliseconds not yet played */
	enum prompt	 prompt;
	char		 message[256];
	char		*help_text;
	char		*history;	/* a place's history, shown in the help overlay */
};

enum action
app_key(int key)
{
	size_t i;

	for (i = 0; i < app_nkeys; i++)
		if (app_keymap[i].key == key && app_keymap[i].name[0] != '\0')
			return app_keymap[i].action;
	return ACT_NONE;
}

/* Sets the status-line message (copied, sanitised). */
static void __attribute__((format(printf, 2, 3)))
app_message(struct app *app, const char *fmt, ...)
{
	va_list ap;
	char buf[sizeof app->message], *clean;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	clean = text_sanitize(buf, strlen(buf), sizeof app->message - 1);
	snprintf(app->message, sizeof app->message, "%s", clean);
	free(clean);
}

static void	follow_event(struct app *);

/*
 * The one place the moment changes: --date, --event, every key that moves
 * in time, playback, --cast and --dump-all come here. The map is a function
 * of the day alone; st (NULL: the last stop on or before the day that
 * passes the filter) is the panel's event, so stepping through the events
 * of one day changes the panel, not the map.
 */
static void
set_moment(struct app *app, day_t day, int month, const struct stop *st)
{
	struct view *v = &app->view;
	size_t before = v->have_stop ? v->stop.ev : NONE;

	v->day = day;
	v->month = month;
	v->have_day = 1;
	if (st != NULL) {
		v->stop = *st;
		v->have_stop = 1;
	} else {
		v->have_stop = timeline_stop_at(app->tl, day, v->match, &v->stop) == 0;
	}
	v->reached = timeline_reached(app->tl, v->have_stop ? &v->stop : NULL, v->match);
	timeline_state(app->tl, day, v->status, v->attacked);
	if (v->have_stop && v->stop.ev != before)
		follow_event(app);
}

/* The filter (NULL or "": none), folded, and which events pass it. */
static void
set_filter(struct app *app, const char *text)
{
	char *clean;

	free(app->view.filter);
	free(app->view.match);
	app->view.filter = NULL;
	app->view.match = NULL;
	app->view.nmatch = 0;
	if (text == NULL || text[0] == '\0')
		return;
	clean = text_sanitize(text, strlen(text), 256);
	app->view.filter = text_fold(clean);
	free(clean);
	app->view.match = xcalloc(app->tl->nevents ? app->tl->nevents : 1, 1);
	app->view.nmatch = timeline_match(app->tl, app->view.filter, app->view.match);
}

static void
set_stop(struct app *app, const struct stop *st)
{
	set_moment(app, st->day, 0, st);
}

/*
 * Where the viewer starts: curated data the day before its earliest date,
 * an export (counts mean most once everything has happened) its last stop.
 */
static void
start_moment(struct app *app)
{
	struct stop st;

	if (app->tl->nevents == 0) {
		app->view.have_day = app->view.have_stop = 0;
		app->view.reached = 0;
		timeline_state(app->tl, 0, app->view.status, app->view.attacked);
		return;
	}
	if (app->view.aggregate && timeline_stop_prev(app->tl, NULL, NULL, &st) == 0)
		set_moment(app, st.day, 0, NULL);
	else
		set_moment(app, app->tl->first_lo - 1, 0, NULL);
}

/* The names of the keys bound to a, space-separated, in table order; returns how many. */
static int
keys_for(enum action a, char *buf, size_t len)
{
	size_t k;
	int n = 0;

	buf[0] = '\0';
	for (k = 0; k < app_nkeys; k++) {
		if (app_keymap[k].action != a)
			continue;
		if (n++ > 0)
			strncat(buf, " ", len - strlen(buf) - 1);
		strncat(buf, app_keymap[k].name, len - strlen(buf) - 1);
	}
	return n;
}

static char *
build_help(void)
{
	size_t a, cap = 8192, len = 0;
	char *s = xmalloc(cap);

	len += (size_t)snprintf(s + len, cap - len,
	    "sitmap help: keys (? or Esc closes)\n");
	for (a = 0; a < app_nactions; a++) {
		char keys[64];

		if (keys_for(app_actions[a].id, keys, sizeof keys) == 0 ||
		    (app_actions[a].flags & ACTF_NOT_IN_HELP))
			continue;
		len += (size_t)snprintf(s + len, cap - len, "%-14s %s\n", keys,
		    app_actions[a].text);
	}
	snprintf(s + len, cap - len, "\nMarkers show each place's status at the end\n"
	    "of the day in the title; the legend (e) names\n"
	    "them. A mark beside one: a planned change.\n"
	    "The places of one site share a marker, their\n"
	    "statuses side by side; \"Gao +3\": three more\n"
	    "places nearby. Tab selects a site and lists them.\n"
	    "Event data without statuses is counted per cell.\n"
	    "Map data \xc2\xa9 OpenStreetMap contributors (ODbL),\n"
	    "Natural Earth, GeoNames (CC BY 4.0).");
	return s;
}

struct app *
app_new(const struct app_options *o, char **cause)
{
	struct app *app = xcalloc(1, sizeof *app);

	app->view.selected = NONE;
	app->mode = o->mode;
	app->view.show_panel = app->view.show_legend = 1;
	app->delay_ms = 1000;
	app->zoom = o->zoom > 0 ? o->zoom : 1;
	if ((app->ld = load_new(&o->load, cause)) == NULL)
		goto fail;
	app->layers = load_layers(app->ld, &app->nlayers);
	app->places = load_places(app->ld);
	app->tl = load_timeline(app->ld);
	load_home(app->ld, &app->home);
	app->groups = mark_groups_new(app->places);
	if (o->have_center && !o->load.data_only) {
		struct geo_pt c = { o->center_lon, o->center_lat };
		int r = load_project(app->ld, &c, 1, cause);

		if (r != 0) {
			if (r > 0)
				xasprintf(cause, "--center: the point cannot be projected");
			goto fail;
		}
		app->have_center = 1;
		app->center_x = c.x;
		app->center_y = c.y;
	}
	app->view.status = xcalloc(app->places->n ? app->places->n : 1,
	    sizeof *app->view.status);
	app->view.attacked = xcalloc(app->places->n ? app->places->n : 1, 1);

	/*
	 * data without statuses, or an imported export, is shown as counts per
	 * cell: the statuses an export sets are drawn over them
	 */
	app->view.aggregate = app->tl->nevents > 0 && (app->tl->neffects == 0 ||
	    app->tl->counted);
	app->view.window_days = o->window_days;
	app->pace = 2;
	if (o->filter != NULL && o->filter[0] != '\0')
		set_filter(app, o->filter);
	if (o->event_id != NULL) {
		long e = timeline_find(app->tl, o->event_id);
		struct stop st;

		if (e < 0) {
			char *id = text_sanitize(o->event_id, strlen(o->event_id), 64);

			xasprintf(cause, "--event: no event with id \"%s\"", id);
			free(id);
			goto fail;
		}
		st.day = app->tl->events[e].day;
		st.ev = (uint32_t)e;
		set_stop(app, &st);
	} else if (o->date != NULL) {
		day_t lo, hi;
		enum date_prec prec;

		if (date_parse(o->date, strlen(o->date), &lo, &hi, &prec) != 0) {
			char *d = text_sanitize(o->date, strlen(o->date), 64);

			xasprintf(cause, "--date: \"%s\" is not a date (YYYY-MM-DD or YYYY-MM)", d);
			free(d);
			goto fail;
		}
		/* a range FROM..TO (for reports and dumps) starts at its first day */
		set_moment(app, prec == DATE_RANGE ? lo : hi, prec == DATE_MONTH, NULL);
	} else {
		start_moment(app);
	}
	app->help_text = build_help();
	return app;
fail:
	app_free(app);
	return NULL;
}

void
app_free(struct app *app)
{
	if (app == NULL)
		return;
	mark_groups_free(app->groups);
	load_free(app->ld);
	free(app->view.status);
	free(app->view.attacked);
	free(app->help_text);
	free(app->history);
	free(app->view.filter);
	free(app->view.match);
	free(app);
}

/* The frame's regions: its size, the toggles, the data and the shape of the home extent. */
static void
app_layout(const struct app *app, struct layout *l)
{
	struct layout_want w;

	memset(&w, 0, sizeof w);
	w.cols = app->cols;
	w.rows = app->rows;
	w.panel = app->view.show_panel;
	w.legend = app->view.show_legend;
	if (app->home.x1 > app->home.x0 && app->home.y1 > app->home.y0)
		w.aspect = (app->home.x1 - app->home.x0) / (app->home.y1 - app->home.y0);
	render_want(app->places, app->tl, app->view.aggregate, &w);
	layout_compute(&w, l);
}

#define HOME_MARGIN	0.02
#define MIN_HOME_CELLS	16	/* zooming out stops when home is this many cells wide */

/* The home view in the map region the layout leaves. */
static void
fit_view(struct app *app)
{
	struct viewport *vp = &app->view.vp;
	const struct layout_rect *map = &app->view.layout.map;
	/* sub-pixels per cell: 2 across; 4 down in braille, 2 in blocks and ASCII */
	int dx = 2, dy = app->mode == CANVAS_BRAILLE ? 4 : 2;

	app_layout(app, &app->view.layout);
	vp->x0_px = map->col * dx;
	vp->y0_px = map->row * dy;
	vp->w_px = map->cols * dx;
	vp->h_px = map->rows * dy;
	vp->px_aspect = 2.0 * dx / dy;
	vp_fit(vp, &app->home, HOME_MARGIN);
}

/* The widest zoom: the home extent still MIN_HOME_CELLS wide, or the home view. */
static double
widest(const struct app *app)
{
	if (!(app->home.x1 > app->home.x0))
		return 2e5;
	return vp_widest(&app->view.vp, &app->home, HOME_MARGIN, MIN_HOME_CELLS, 2);
}

void
app_resize(struct app *app, int cols, int rows)
{
	struct viewport old = app->view.vp;
	int had = app->vp_ready;

	app->cols = cols;
	app->rows = rows;
	fit_view(app);
	/* an untouched view is refitted, so a resized screen equals a fresh dump */
	if (!had || !app->view_moved) {
		if (app->have_center) {
			app->view.vp.cx_m = app->center_x;
			app->view.vp.cy_m = app->center_y;
		}
		app->view.vp.m_per_px /= app->zoom;
		if (app->view.vp.m_per_px > widest(app))
			app->view.vp.m_per_px = widest(app);
	} else {
		/* keep the centre and the scale of the frame's width */
		app->view.vp.cx_m = old.cx_m;
		app->view.vp.cy_m = old.cy_m;
		app->view.vp.m_per_px = old.m_per_px * old.w_px /
		    (app->view.vp.w_px ? app->view.vp.w_px : 1);
	}
	app->vp_ready = 1;
}

static void
render(struct app *app, struct canvas *cv, const char *message, struct render_report *report)
{
	struct scene sc;

	if (!app->vp_ready || app->cols != canvas_cols(cv) || app->rows != canvas_rows(cv) ||
	    app->mode != canvas_mode(cv)) {
		app->mode = canvas_mode(cv);
		app_resize(app, canvas_cols(cv), canvas_rows(cv));
	} else {
		struct layout now;

		/* a toggle that changes the regions refits the view as a resize does */
		app_layout(app, &now);
		if (!layout_same(&now, &app->view.layout))
			app_resize(app, app->cols, app->rows);
	}
	load_ready(app->ld, app->view.vp.m_per_px);
	memset(&sc, 0, sizeof sc);
	sc.layers = app->layers;
	sc.nlayers = app->nlayers;
	sc.places = app->places;
	sc.tl = app->tl;
	sc.groups = app->groups;
	sc.view = &app->view;
	sc.overlay = app->history != NULL ? app->history : app->show_help ? app->help_text : NULL;
	sc.title = app_title(app);
	sc.attribution = load_bundled(app->ld) ? "" : NULL;
	sc.message = message;
	sc.report = report;
	/* a movement is drawn on its stop's day and while its event's dates last */
	if (app->view.have_stop && (app->view.stop.day == app->view.day ||
	    (app->tl->events[app->view.stop.ev].lo <= app->view.day &&
	    app->view.day <= app->tl->events[app->view.stop.ev].hi)))
		sc.move = load_route(app->ld, &app->tl->events[app->view.stop.ev], &sc.nmove);
	render_scene(cv, &sc);
}

void
app_render(struct app *app, struct canvas *cv)
{
	render(app, cv, app->message, NULL);
}

void
app_render_still(struct app *app, struct canvas *cv)
{
	render(app, cv, "", NULL);
}

void
app_render_report(struct app *app, struct canvas *cv, struct render_report *r)
{
	render(app, cv, app->message, r);
}

/* Re-centres on the current event's place when it is off screen. */
static void
follow_event(struct app *app)
{
	const struct event *ev;
	struct geo_bbox view;
	const struct place *p;

	if (!app->view.have_stop || !app->vp_ready)
		return;
	ev = &app->tl->events[app->view.stop.ev];
	if (ev->place == NONE)
		return;
	p = &app->places->v[ev->place];
	vp_bbox(&app->view.vp, &view);
	if (p->xy.x < view.x0 || p->xy.x > view.x1 || p->xy.y < view.y0 ||
	    p->xy.y > view.y1) {
		app->view.vp.cx_m = p->xy.x;
		app->view.vp.cy_m = p->xy.y;
		app->view_moved = 1;
	}
}

/* Days a day can be: years 1 to 9999, as dates are read. */
static day_t
day_min(void)
{
	day_t d;

	date_from_ymd(1, 1, 1, &d);
	return d;
}

static day_t
day_max(void)
{
	day_t d;

	date_from_ymd(9999, 12, 31, &d);
	return d;
}

/* The same day of the month n months on, or its last day if it has fewer. */
static day_t
add_months(day_t day, int n, int last)
{
	int y, m, d, k;
	day_t out;

	date_to_ymd(day, &y, &m, &d);
	k = y * 12 + (m - 1) + n;
	y = k / 12;
	m = k % 12 + 1;
	if (y < 1)
		return day_min();
	if (y > 9999)
		return day_max();
	if (last)
		d = 31;
	while (d > 28 && date_from_ymd(y, m, d, &out) != 0)
		d--;
	date_from_ymd(y, m, d, &out);
	return out;
}

/* Why a key that moves in time cannot: no events, or none that match. */
static int
no_events(struct app *app)
{
	if (app->tl->nevents == 0) {
		app_message(app, "no events loaded");
		return 1;
	}
	return 0;
}

static int
nothing_matches(struct app *app, const char *what)
{
	if (app->view.match != NULL)
		app_message(app, "no %s event matches the filter \"%.40s\"", what,
		    app->view.filter);
	else
		app_message(app, "no %s event", what);
	return APP_REDRAW;
}

/* Next (dir 1) or previous (-1) stop, from the current one. */
static int
step_event(struct app *app, int dir)
{
	const struct view *v = &app->view;
	struct stop st;

	if (dir > 0) {
		if (timeline_stop_next(app->tl, v->have_stop ? &v->stop : NULL, v->match,
		    &st) != 0)
			return nothing_matches(app, "later");
		set_stop(app, &st);
		return APP_REDRAW;
	}
	/* a moment after its last stop goes back to that stop first */
	if (v->have_stop && (v->stop.day < v->day || v->month)) {
		st = v->stop;
		set_stop(app, &st);
		return APP_REDRAW;
	}
	if (v->have_stop && timeline_stop_prev(app->tl, &v->stop, v->match, &st) == 0) {
		set_stop(app, &st);
		return APP_REDRAW;
	}
	/* before the first event: where the viewer started */
	if (v->match == NULL && !v->aggregate && v->day > app->tl->first_lo - 1) {
		set_moment(app, app->tl->first_lo - 1, 0, NULL);
		return APP_REDRAW;
	}
	return nothing_matches(app, "earlier");
}

/* By n days, or (month) n months; a moment shown as a month stays one. */
static int
step_time(struct app *app, int days, int months)
{
	day_t d;
	int month = 0;

	if (months != 0) {
		month = app->view.month;
		d = add_months(app->view.day, months, month);
	} else {
		d = (int64_t)app->view.day + days < day_min() ? day_min() :
		    (int64_t)app->view.day + days > day_max() ? day_max() : app->view.day + days;
	}
	if (d == app->view.day && month == app->view.month) {
		app_message(app, days < 0 || months < 0 ? "the first day sitmap knows" :
		    "the last day sitmap knows");
		return APP_REDRAW;
	}
	set_moment(app, d, month, NULL);
	return APP_REDRAW;
}

/* Playback by time: days per second, and the ms between two frames. */
static const int pace_days[] = { 1, 2, 7, 14, 30, 91, 365 };
#define NPACE	((int)(sizeof pace_days / sizeof pace_days[0]))

static int
pace_ms(const struct app *app)
{
	int n = pace_days[app->pace];

	return n <= 8 ? 1000 / n : 125;
}

static void
say_pace(struct app *app, const char *what)
{
	if (app->by_time)
		app_message(app, "%s%sby time, %d day%s per second", what, what[0] ? " " : "",
		    pace_days[app->pace], pace_days[app->pace] > 1 ? "s" : "");
	else
		app_message(app, "%s%sby event, %d ms per event", what, what[0] ? " " : "",
		    app->delay_ms);
}

/* Places inside the view, in screen order left to right, for Tab. */
static size_t
visible_places(const struct app *app, size_t *out)
{
	struct geo_bbox view;
	size_t i, n = 0, j;

	vp_bbox(&app->view.vp, &view);
	for (i = 0; i < app->places->n; i++) {
		const struct place *p = &app->places->v[i];
		size_t g = app->groups->group_of[i];

		/* a site's places are one stop, its first place's */
		if (g == NONE || app->groups->member[app->groups->first[g]] != i)
			continue;
		if (p->xy.x >= view.x0 && p->xy.x <= view.x1 && p->xy.y >= view.y0 &&
		    p->xy.y <= view.y1) {
			for (j = n; j > 0 && app->places->v[out[j - 1]].xy.x > p->xy.x; j--)
				out[j] = out[j - 1];
			out[j] = i;
			n++;
		}
	}
	return n;
}

static int
cycle_place(struct app *app, int dir)
{
	size_t *v = xcalloc(app->places->n + 1, sizeof *v), n, i, k = NONE;

	n = visible_places(app, v);
	if (n == 0) {
		free(v);
		app_message(app, "no place on screen");
		return APP_REDRAW;
	}
	/* a place found with / stands for its site */
	for (i = 0; i < n && app->view.selected != NONE; i++)
		if (app->groups->group_of[v[i]] == app->groups->group_of[app->view.selected])
			k = i;
	if (k == NONE)
		k = dir > 0 ? 0 : n - 1;
	else
		k = (k + n + (size_t)(dir > 0 ? 1 : n - 1)) % n;
	app->view.selected = v[k];
	free(v);
	{
		char buf[sizeof app->message];

		mark_group_text(app->groups, app->places, app->view.status, app->view.attacked,
		    app->groups->group_of[app->view.selected], buf, sizeof buf);
		app_message(app, "%s", buf);
	}
	return APP_REDRAW;
}

void
app_saved(struct app *app, const char *name, const char *error)
{
	if (error != NULL)
		app_message(app, "cannot save %s: %s", name, error);
	else
		app_message(app, "saved %s", name);
}

/*
 * The actions. Each is a row of app_actions[] below: its text, its handler,
 * the arguments the handler takes from the row, and flags that app_apply()
 * reads. A handler returns APP_* flags.
 */
static int
act_none(struct app *app, const struct action_entry *e)
{
	(void)app;
	(void)e;
	return 0;
}

static int
act_pan(struct app *app, const struct action_entry *e)
{
	struct viewport *vp = &app->view.vp;
	double w = vp->w_px, h = vp->h_px;

	vp_pan(vp, e->dx * w * e->step, e->dy * h * e->step);
	return APP_REDRAW;
}

static int
act_zoom(struct app *app, const struct action_entry *e)
{
	struct viewport *vp = &app->view.vp;
	double w = vp->w_px, h = vp->h_px;

	if (e->dir > 0 && vp->m_per_px < 5) {
		app_message(app, "closest zoom");
		return APP_REDRAW;
	}
	/* out no further than a country still drawn under its markers */
	if (e->dir < 0 && vp->m_per_px >= widest(app) * 0.999) {
		app_message(app, "widest zoom");
		return APP_REDRAW;
	}
	vp_zoom(vp, e->dir > 0 ? ZOOM_STEP : vp->m_per_px * ZOOM_STEP > widest(app) ?
	    vp->m_per_px / widest(app) : 1 / ZOOM_STEP, vp->x0_px + w / 2, vp->y0_px + h / 2);
	return APP_REDRAW;
}

static int
act_reset_view(struct app *app, const struct action_entry *e)
{
	(void)e;
	app->vp_ready = 0;
	app->view_moved = 0;
	app->have_center = 0;
	app->zoom = 1;
	app_resize(app, app->cols, app->rows);
	return APP_REDRAW;
}

static int
act_step_event(struct app *app, const struct action_entry *e)
{
	return step_event(app, e->dir);
}

/* The first (dir > 0) or the last stop. */
static int
act_end_event(struct app *app, const struct action_entry *e)
{
	struct stop st;

	if ((e->dir > 0 ? timeline_stop_next(app->tl, NULL, app->view.match, &st) :
	    timeline_stop_prev(app->tl, NULL, app->view.match, &st)) != 0)
		return nothing_matches(app, e->dir > 0 ? "first" : "last");
	set_stop(app, &st);
	return APP_REDRAW;
}

static int
act_step_time(struct app *app, const struct action_entry *e)
{
	return step_time(app, e->days, e->months);
}

static int
act_prompt(struct app *app, const struct action_entry *e)
{
	app->prompt = (enum prompt)e->which;
	return APP_PROMPT;
}

static int
act_window(struct app *app, const struct action_entry *e)
{
	static const int windows[] = { 0, 7, 30, 365 };
	size_t k;

	(void)e;
	for (k = 0; k < 4 && windows[k] != app->view.window_days; k++)
		;
	app->view.window_days = windows[(k + 1) % 4];
	if (app->view.window_days > 0 && app->view.aggregate)
		app_message(app, "counting the events of the last %d days",
		    app->view.window_days);
	else if (app->view.window_days > 0)
		app_message(app, "timeline strip and counts: the last %d days (the map "
		    "shows every status)", app->view.window_days);
	else
		app_message(app, "all events so far");
	return APP_REDRAW;
}

static int
act_play(struct app *app, const struct action_entry *e)
{
	(void)e;
	app->playing = !app->playing;
	app->acc = 0;
	if (app->playing)
		say_pace(app, "playing");
	else
		app_message(app, "paused");
	return APP_REDRAW;
}

static int
act_play_mode(struct app *app, const struct action_entry *e)
{
	(void)e;
	app->by_time = !app->by_time;
	app->acc = 0;
	say_pace(app, app->playing ? "playing" : "playback");
	return APP_REDRAW;
}

/* Faster (dir > 0) or slower playback. */
static int
act_pace(struct app *app, const struct action_entry *e)
{
	if (e->dir > 0 && app->by_time && app->pace < NPACE - 1)
		app->pace++;
	else if (e->dir > 0 && !app->by_time && app->delay_ms > 125)
		app->delay_ms /= 2;
	else if (e->dir < 0 && app->by_time && app->pace > 0)
		app->pace--;
	else if (e->dir < 0 && !app->by_time && app->delay_ms < 8000)
		app->delay_ms *= 2;
	say_pace(app, app->playing ? "playing" : "playback");
	return APP_REDRAW;
}

static int
act_cycle_place(struct app *app, const struct action_entry *e)
{
	return cycle_place(app, e->dir);
}

static int
act_history(struct app *app, const struct action_entry *e)
{
	size_t g;

	(void)e;
	if (app->view.selected == NONE) {
		app_message(app, "select a place first (Tab or /)");
		return APP_REDRAW;
	}
	free(app->history);
	/* the selected site's: Tab selects sites, and a town's events are often its camp's */
	if ((g = app->groups->group_of[app->view.selected]) != NONE)
		app->history = report_history(app->places, app->tl,
		    app->groups->member + app->groups->first[g],
		    app->groups->first[g + 1] - app->groups->first[g]);
	else
		app->history = report_history(app->places, app->tl, &app->view.selected, 1);
	return APP_REDRAW;
}

/* Turns a panel of the view on or off: the row names its flag by offset. */
static int
act_toggle(struct app *app, const struct action_entry *e)
{
	int *on = (int *)(void *)((char *)&app->view + e->which);

	*on = !*on;
	return APP_REDRAW;
}

static int
act_screenshot(struct app *app, const struct action_entry *e)
{
	(void)app;
	(void)e;
	/* written by the sink, which owns the canvas; see app_saved() */
	return APP_SCREENSHOT | APP_REDRAW;
}

static int
act_help(struct app *app, const struct action_entry *e)
{
	(void)e;
	app->show_help = 1;
	return APP_REDRAW;
}

static int
act_close(struct app *app, const struct action_entry *e)
{
	(void)e;
	app->view.selected = NONE;
	return APP_REDRAW;
}

static int
act_quit(struct app *app, const struct action_entry *e)
{
	(void)app;
	(void)e;
	return APP_QUIT;
}

/* A row's first fields, designated, so that a row names only the arguments it has. */
#define ROW(a, t, f, fl)	.id = a, .text = t, .fn = f, .flags = fl
#define PAN(a, t, x, y, by) \
	{ ROW(a, t, act_pan, ACTF_MOVES_VIEW), .dx = x, .dy = y, .step = by }
#define TOGGLE(a, t, field) \
	{ ROW(a, t, act_toggle, 0), .which = (int)offsetof(struct view, field) }
#define NEEDS	ACTF_NEEDS_EVENTS

/*
 * The action table, in the order help and --keys list it. It is looked up
 * by id (app_action()): no code depends on a row's place in it, so a row
 * added anywhere changes no other action.
 */
const struct action_entry app_actions[] = {
	PAN(ACT_PAN_LEFT, "pan left", -1, 0, PAN_STEP),
	PAN(ACT_PAN_RIGHT, "pan right", 1, 0, PAN_STEP),
	PAN(ACT_PAN_UP, "pan up", 0, -1, PAN_STEP),
	PAN(ACT_PAN_DOWN, "pan down", 0, 1, PAN_STEP),
	PAN(ACT_PAN_LEFT_BIG, "pan left, big step", -1, 0, PAN_BIG),
	PAN(ACT_PAN_RIGHT_BIG, "pan right, big step", 1, 0, PAN_BIG),
	PAN(ACT_PAN_UP_BIG, "pan up, big step", 0, -1, PAN_BIG),
	PAN(ACT_PAN_DOWN_BIG, "pan down, big step", 0, 1, PAN_BIG),
	{ ROW(ACT_ZOOM_IN, "zoom in", act_zoom, ACTF_MOVES_VIEW), .dir = 1 },
	{ ROW(ACT_ZOOM_OUT, "zoom out", act_zoom, ACTF_MOVES_VIEW), .dir = -1 },
	{ ROW(ACT_RESET_VIEW, "reset the view", act_reset_view, 0) },
	{ ROW(ACT_NEXT_EVENT, "next event", act_step_event, NEEDS), .dir = 1 },
	{ ROW(ACT_PREV_EVENT, "previous event", act_step_event, NEEDS), .dir = -1 },
	{ ROW(ACT_FIRST_EVENT, "first event", act_end_event, NEEDS), .dir = 1 },
	{ ROW(ACT_LAST_EVENT, "last event", act_end_event, NEEDS), .dir = -1 },
	{ ROW(ACT_JUMP_DATE, "jump to a date (YYYY-MM-DD or YYYY-MM)", act_prompt, NEEDS),
	    .which = PROMPT_DATE },
	{ ROW(ACT_NEXT_DAY, "next day", act_step_time, NEEDS), .days = 1 },
	{ ROW(ACT_PREV_DAY, "previous day", act_step_time, NEEDS), .days = -1 },
	{ ROW(ACT_NEXT_WEEK, "next week", act_step_time, NEEDS), .days = 7 },
	{ ROW(ACT_PREV_WEEK, "previous week", act_step_time, NEEDS), .days = -7 },
	{ ROW(ACT_NEXT_MONTH, "next month (same day of the month)", act_step_time, NEEDS),
	    .months = 1 },
	{ ROW(ACT_PREV_MONTH, "previous month (same day of the month)", act_step_time,
	    NEEDS), .months = -1 },
	{ ROW(ACT_PLAY, "play / pause", act_play, NEEDS) },
	{ ROW(ACT_PLAY_MODE, "play by event or by time (days per second)", act_play_mode,
	    0) },
	{ ROW(ACT_FASTER, "play faster", act_pace, 0), .dir = 1 },
	{ ROW(ACT_SLOWER, "play slower", act_pace, 0), .dir = -1 },
	{ ROW(ACT_SEARCH, "search a place by name", act_prompt, 0), .which = PROMPT_SEARCH },
	{ ROW(ACT_FILTER, "filter events (type, actors, summary, place or id)", act_prompt,
	    NEEDS), .which = PROMPT_FILTER },
	{ ROW(ACT_WINDOW, "date window: all, 7, 30 or 365 days", act_window, NEEDS) },
	{ ROW(ACT_NEXT_PLACE, "select the next place on screen", act_cycle_place, 0),
	    .dir = 1 },
	{ ROW(ACT_PREV_PLACE, "select the previous place on screen", act_cycle_place, 0),
	    .dir = -1 },
	{ ROW(ACT_HISTORY, "history of the selected site (all its places)", act_history, 0) },
	TOGGLE(ACT_TOGGLE_PANEL, "event panel on / off", show_panel),
	TOGGLE(ACT_TOGGLE_LEGEND, "legend on / off", show_legend),
	TOGGLE(ACT_TOGGLE_LAYERS, "layers list on / off", show_layers),
	{ ROW(ACT_SCREENSHOT, "save the view as a text file", act_screenshot,
	    ACTF_KEEPS_MESSAGE) },
	{ ROW(ACT_HELP, "help on / off", act_help, 0) },
	/* the help overlay's own title says "Esc closes" */
	{ ROW(ACT_CLOSE, "close help, panel or prompt", act_close, ACTF_NOT_IN_HELP) },
	{ ROW(ACT_QUIT, "quit", act_quit, ACTF_OVER_OVERLAY) },
	/* bound to no key: last, so that the table's order is not the enum's */
	{ ROW(ACT_NONE, "do nothing", act_none, 0) },
};
const size_t app_nactions = sizeof app_actions / sizeof app_actions[0];

const struct action_entry *
app_action(enum action id)
{
	size_t i;

	for (i = 0; i < app_nactions; i++)
		if (app_actions[i].id == id)
			return &app_actions[i];
	return NULL;
}

int
app_apply(struct app *app, enum action a)
{
	const struct action_entry *e = app_action(a);

	if (e == NULL)
		return 0;
	if (!(e->flags & ACTF_KEEPS_MESSAGE))
		app->message[0] = '\0';
	if ((app->show_help || app->history) && !(e->flags & ACTF_OVER_OVERLAY)) {
		/* any key closes the overlay; only ? and Esc are needed */
		app->show_help = 0;
		free(app->history);
		app->history = NULL;
		return APP_REDRAW;
	}
	if (e->flags & ACTF_MOVES_VIEW)
		app->view_moved = 1;
	if ((e->flags & ACTF_NEEDS_EVENTS) && no_events(app))
		return APP_REDRAW;
	return e->fn(app, e);
}

const char *
app_prompt_label(const struct app *app)
{
	switch (app->prompt) {
	case PROMPT_DATE:
		return "Date (YYYY-MM-DD or YYYY-MM): ";
	case PROMPT_SEARCH:
		return "Place: ";
	case PROMPT_FILTER:
		return "Filter (type or actor; empty: all): ";
	case PROMPT_NONE:
		break;
	}
	return NULL;
}

int
app_prompt_answer(struct app *app, const char *text)
{
	enum prompt pr = app->prompt;

	app->prompt = PROMPT_NONE;
	app->message[0] = '\0';
	if (pr == PROMPT_FILTER && text != NULL) {
		set_filter(app, text);
		/* the same day; the panel's event is the last that passes */
		if (app->view.have_day)
			set_moment(app, app->view.day, app->view.month, NULL);
		if (app->view.filter == NULL)
			app_message(app, "no filter");
		else if (app->view.nmatch == 0)
			app_message(app, "filter \"%.40s\": no event matches", app->view.filter);
		else
			app_message(app, "filter \"%.40s\": %zu of %zu events%s", app->view.filter,
			    app->view.nmatch, app->tl->nevents, app->view.aggregate ? "" :
			    " (the map shows every status)");
		return APP_REDRAW;
	}
	if (text == NULL || text[0] == '\0')
		return APP_REDRAW;
	if (pr == PROMPT_DATE) {
		day_t lo, hi;
		enum date_prec prec;
		char buf[64];

		if (date_parse(text, strlen(text), &lo, &hi, &prec) != 0 || prec == DATE_RANGE) {
			app_message(app, "not a date: \"%.40s\" (use YYYY-MM-DD or YYYY-MM)", text);
			return APP_REDRAW;
		}
		set_moment(app, hi, prec == DATE_MONTH, NULL);
		follow_event(app);
		date_format(buf, sizeof buf, lo, hi, prec);
		app_message(app, "as of %s", buf);
		return APP_REDRAW;
	}
	if (pr == PROMPT_SEARCH) {
		struct place *p = search_find(app->places, text);

		if (p == NULL) {
			app_message(app, "no place matches \"%.40s\"", text);
			return APP_REDRAW;
		}
		app->view.selected = (size_t)(p - app->places->v);
		app->view.vp.cx_m = p->xy.x;
		app->view.vp.cy_m = p->xy.y;
		app->view_moved = 1;
		app_message(app, "%s (%s): %s", p->name, place_kind_name(p->kind),
		    status_label(app->view.status[app->view.selected]));
	}
	return APP_REDRAW;
}

int
app_playing(const struct app *app, int *delay_ms)
{
	*delay_ms = app->by_time ? pace_ms(app) : app->delay_ms;
	return app->playing;
}

static int
stop_playing(struct app *app)
{
	app->playing = 0;
	app_message(app, "end of the timeline");
	return APP_REDRAW;
}

int
app_tick(struct app *app)
{
	struct stop st;
	int days;

	if (!app->playing)
		return 0;
	if (!app->by_time) {
		if (timeline_stop_next(app->tl, app->view.have_stop ? &app->view.stop : NULL,
		    app->view.match, &st) != 0)
			return stop_playing(app);
		set_stop(app, &st);
		return APP_REDRAW;
	}
	if (app->view.day >= app->tl->last_day)
		return stop_playing(app);
	/* whole days only; the rest is kept for the next frame */
	app->acc += pace_days[app->pace] * pace_ms(app);
	days = app->acc / 1000;
	app->acc %= 1000;
	if (days == 0)
		return 0;
	set_moment(app, app->view.day + days > app->tl->last_day ? app->tl->last_day :
	    app->view.day + days, 0, NULL);
	return APP_REDRAW;
}

void
app_set_day(struct app *app, day_t day)
{
	set_moment(app, day, 0, NULL);
}

int
app_walk(struct app *app, int first)
{
	struct stop st;

	if (timeline_stop_next(app->tl, first || !app->view.have_stop ? NULL : &app->view.stop,
	    app->view.match, &st) != 0)
		return -1;
	set_stop(app, &st);
	return 0;
}

const struct view *
app_view(const struct app *app)
{
	return &app->view;
}

int
app_span(const struct app *app, day_t *first, day_t *last)
{
	struct stop a, b;

	if (timeline_stop_next(app->tl, NULL, app->view.match, &a) != 0 ||
	    timeline_stop_prev(app->tl, NULL, app->view.match, &b) != 0)
		return -1;
	*first = a.day;
	*last = b.day;
	return 0;
}

const char *
app_title(const struct app *app)
{
	return load_bundled(app->ld) ? "sitmap: Mali" : "sitmap";
}

const char *
app_event_id(const struct app *app)
{
	return app->view.have_stop ? app->tl->events[app->view.stop.ev].id : "";
}

void
app_report_view(const struct app *app, struct report_view *v, int all)
{
	memset(v, 0, sizeof *v);
	v->since = INT32_MIN;
	v->places = app->places;
	v->tl = app->tl;
	v->window_days = app->view.window_days;
	v->match = app->view.match;
	v->aggregate = app->view.aggregate;
	if (all) {
		/* every event: the window ends with the timeline */
		v->day = app->tl->last_day;
		v->upto = app->tl->nevents;
	} else {
		v->day = app->view.day;
		v->upto = app->view.have_stop ? timeline_reached(app->tl, &app->view.stop, NULL) :
		    0;
	}
}

void
app_print_keys(FILE *fp)
{
	size_t a;

	for (a = 0; a < app_nactions; a++) {
		char keys[64];

		if (keys_for(app_actions[a].id, keys, sizeof keys) > 0)
			fprintf(fp, "%-16s %s\n", keys, app_actions[a].text);
	}
}
