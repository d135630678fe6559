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

#include "evlist.h"
#include "import.h"
#include "label.h"
#include "layout.h"
#include "listview.h"
#include "load.h"
#include "search.h"
#include "text.h"
#include "util.h"
#include "whereami.h"

#define NONE		((size_t)-1)
#define PAN_STEP	0.1		/* of the map area */
#define PAN_BIG		0.4
#define ZOOM_STEP	1.5

enum prompt { PROMPT_NONE, PROMPT_DATE, PROMPT_SEARCH, PROMPT_FILTER, PROMPT_LIST };
enum list_kind { LIST_NONE, LIST_EVENTS, LIST_HISTORY };

#define APP_MESSAGE_MAX	1024
#define POPUP_MATCHES	6		/* a place search lists this many matches as it is typed */

struct app {
	struct load	*ld;		/* the data; the pointers below are borrowed from it */
	struct map_layer *layers;
	size_t		 nlayers;
	unsigned char	*layer_shown;	/* per layer, visible at start: what a dump shows */
	struct places	*places;
	struct timeline	*tl;
	const struct mark_groups *groups;	/* the places of each site: the load's */
	struct view	 view;		/* what a frame shows: the scene points to it */
	struct geo_bbox	 home;		/* what "reset the view" shows, metres */
	int		 vp_ready, cols, rows;
	int		 view_moved;	/* panned or zoomed since the view was fitted */
	double		 off_zoom;	/* the zoom that shows what lies off the map */
	enum canvas_mode mode;
	int		 have_center;
	double		 center_x, center_y, zoom;
	int		 show_help;
	int		 help_top;	/* help's first line shown, when it scrolls */
	int		 playing, delay_ms;
	int		 by_time, pace;	/* playback by time: pace_days[pace] days per second */
	int		 acc;		/* by time: day-milliseconds not yet played */
	enum prompt	 prompt;
	char		 message[APP_MESSAGE_MAX];
	char		 title[160];	/* "sitmap: Sudan" */
	char		 notice[256];	/* what lies off the map, or "" */
	char		*help_text;
	int		 key;		/* the key of the action being applied (app_press()) */
	int		 hint;		/* the first screen's hint is shown */
	int		 played;	/* playback was started: its state stays on the footer */
	int		 follow;	/* the current event's place is kept in view */
	size_t		 measure_from;	/* m: the place a distance is measured from, or NONE */
	/* the events list or a site's history, shown in place of the map */
	enum list_kind	 list;
	struct evlist	*evl;
	char		 list_title[256];
	char		 list_query[128];	/* its last search */
	/* the place search: its index, and the matches of its last query, for N */
	struct search	*search;
	struct search_hit *hits;
	size_t		 nhits;
	char		 last_query[128];
	char		*popup;		/* the matches as the query is typed */
	char		 status[64];
	struct render_report last;	/* what the last frame drew, for a click */
	/* words of the command line that a --dump of the view needs (@) */
	char		**args;		/* what a --dump of the view repeats of the command line */
	size_t		 nargs;
};

enum action
app_key(const struct app *app, int key)
{
	/* help scrolls as a list does */
	return keymap_action(key, app->list != LIST_NONE || app->show_help);
}

int
app_press(struct app *app, int key)
{
	int flags;

	app->key = key;
	flags = app_apply(app, app_key(app, key));
	app->key = 0;
	return flags;
}

/* Sets the status-line message (copied, each line sanitised: lines stay lines). */
static void __attribute__((format(printf, 2, 3)))
app_message(struct app *app, const char *fmt, ...)
{
	va_list ap;
	char buf[sizeof app->message];
	const char *p;
	size_t at = 0;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	app->message[0] = '\0';
	for (p = buf; p != NULL && at < sizeof app->message - 1; ) {
		const char *nl = strchr(p, '\n');
		size_t len = nl != NULL ? (size_t)(nl - p) : strlen(p);
		char *clean = text_sanitize(p, len, sizeof app->message - 1 - at);

		at += (size_t)snprintf(app->message + at, sizeof app->message - at, "%s%s",
		    p == buf ? "" : "\n", clean);
		free(clean);
		p = nl != NULL ? nl + 1 : NULL;
	}
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

/*
 * Nothing silently off the map: events (or places) outside the home view
 * and outside the view itself (a --zoom or --center may show them), said
 * on the status line and kept for --dump's standard error, with the zoom
 * that shows them.
 */
static void
say_off_map(struct app *app)
{
	const unsigned char *off = load_off_places(app->ld);
	size_t places, events = load_off_map(app->ld, &places, &app->off_zoom), i;
	int was = app->notice[0] != '\0' && strcmp(app->message, app->notice) == 0;
	char at[64] = "";

	if (off != NULL && app->vp_ready) {
		struct geo_bbox b;
		unsigned char *hidden = xcalloc(app->places->n + 1, 1);

		vp_bbox(&app->view.vp, &b);
		places = events = 0;
		for (i = 0; i < app->places->n; i++) {
			const struct geo_pt *p = &app->places->v[i].xy;

			hidden[i] = off[i] && !(p->x >= b.x0 && p->x <= b.x1 && p->y >= b.y0 &&
			    p->y <= b.y1);
			places += hidden[i];
		}
		for (i = 0; i < app->tl->nevents; i++)
			events += app->tl->events[i].place < app->places->n &&
			    hidden[app->tl->events[i].place];
		free(hidden);
	}
	app->notice[0] = '\0';
	if (places > 1)
		snprintf(at, sizeof at, " (%zu places)", places);
	if (places > 0 && events > 0)
		snprintf(app->notice, sizeof app->notice, "%zu event%s outside the map%s: --zoom %g "
		    "shows %s", events, events == 1 ? " lies" : "s lie", at, app->off_zoom,
		    events == 1 ? "it" : "them");
	else if (places > 0)
		snprintf(app->notice, sizeof app->notice, "%zu place%s outside the map: --zoom "
		    "%g shows %s", places, places == 1 ? " lies" : "s lie", app->off_zoom,
		    places == 1 ? "it" : "them");
	if (app->notice[0] != '\0' && (was || !app->vp_ready))
		app_message(app, "%s", app->notice);
	else if (was)
		app->message[0] = '\0';
}

/* A word more for @'s command line. */
static void
add_arg(struct app *app, const char *opt, const char *value)
{
	app->args = xreallocarray(app->args, app->nargs + 2, sizeof *app->args);
	app->args[app->nargs++] = xstrdup(opt);
	app->args[app->nargs++] = xstrdup(value);
}

/*
 * What a --dump of the view needs of the command line (and the config
 * file) besides the view's own words: whatever changes what is drawn.
 */
static void
dump_args(struct app *app, const struct app_options *o)
{
	const struct load_options *l = &o->load;
	size_t i;

	if (o->data_dir_given && l->data_dir != NULL)
		add_arg(app, "--data-dir", l->data_dir);
	if (l->scenario_dir != NULL)
		add_arg(app, "--scenario", l->scenario_dir);
	for (i = 0; i < l->nmaps; i++)
		add_arg(app, "--map", l->maps[i]);
	for (i = 0; i < l->noverlays; i++)
		add_arg(app, "--overlay", l->overlays[i]);
	if (l->proj != NULL)
		add_arg(app, "--proj", l->proj);
	if (l->places_path != NULL)
		add_arg(app, "--places", l->places_path);
	if (l->events_path != NULL)
		add_arg(app, "--events", l->events_path);
	if (l->format >= 0)
		add_arg(app, "--events-format", import_format_name(l->format));
}

struct app *
app_new(const struct app_options *o, int *status, char **cause)
{
	struct app *app = xcalloc(1, sizeof *app);

	*status = EXIT_DATA;
	app->view.selected = NONE;
	app->measure_from = NONE;
	app->follow = 1;
	app->mode = o->mode;
	app->view.show_panel = app->view.show_legend = 1;
	app->delay_ms = 1000;
	app->zoom = o->zoom > 0 ? o->zoom : 1;
	if ((app->ld = load_new(&o->load, status, cause)) == NULL)
		goto fail;
	app->layers = load_layers(app->ld, &app->nlayers);
	app->layer_shown = xcalloc(app->nlayers + 1, 1);
	for (size_t k = 0; k < app->nlayers; k++)
		app->layer_shown[k] = (unsigned char)app->layers[k].visible;
	app->places = load_places(app->ld);
	app->tl = load_timeline(app->ld);
	load_home(app->ld, &app->home);
	app->groups = load_groups(app->ld);
	if (load_title(app->ld) != NULL)
		snprintf(app->title, sizeof app->title, "sitmap: %s", load_title(app->ld));
	else
		snprintf(app->title, sizeof app->title, "sitmap");
	if (o->have_center && !o->load.data_only) {
		struct geo_pt c = { o->center_lon, o->center_lat };
		int r = load_project(app->ld, &c, 1, cause);

		if (r != 0) {
			/* a point outside the projection's domain is bad usage */
			if (r > 0)
				xasprintf(cause, "--center \"%.6g,%.6g\": the point cannot be "
				    "projected", o->center_lat, o->center_lon);
			*status = EXIT_USAGE;
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

			/* a name given on the command line that the data lacks: bad usage */
			xasprintf(cause, "--event \"%s\": no event has this id (--list-events "
			    "lists them)", id);
			free(id);
			*status = EXIT_USAGE;
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
	app->help_text = keymap_help(app_actions, app_nactions);
	app->search = search_new(app->places);
	dump_args(app, o);
	if (!o->load.data_only)
		say_off_map(app);
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
	load_free(app->ld);
	free(app->view.status);
	free(app->view.attacked);
	free(app->help_text);
	evlist_free(app->evl);
	search_free(app->search);
	free(app->hits);
	free(app->popup);
	free(app->last.sites);
	while (app->nargs > 0)
		free(app->args[--app->nargs]);
	free(app->args);
	free(app->layer_shown);
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
	w.legend_lines += render_towns_lines(app->layers, app->nlayers);
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
	struct viewport t = app->view.vp;
	struct geo_bbox b;
	double w;

	if (!(app->home.x1 > app->home.x0))
		return 2e5;
	w = vp_widest(&app->view.vp, &app->home, HOME_MARGIN, MIN_HOME_CELLS, 2);
	/* world layers cut to a region: no further out than it */
	if (load_bounds(app->ld, &b)) {
		vp_fit(&t, &b, 0);
		w = t.m_per_px < w ? t.m_per_px : w;
	}
	/* but far enough for what lies off the map */
	if (app->off_zoom > 0 && load_off_places(app->ld) != NULL) {
		vp_fit(&t, &app->home, HOME_MARGIN);
		w = t.m_per_px / app->off_zoom > w ? t.m_per_px / app->off_zoom : w;
	}
	return w;
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
	/* the first view may show what lies off the home view (--zoom, --center) */
	if (!had)
		say_off_map(app);
}

/* The play state for the footer's right end: "▶ 500 ms/event", "⏸ 7 days/s (fastest)". */
static void	play_state(struct app *, char *buf, size_t len);

/*
 * A frame; live: the viewer's, with its message, play state, list search
 * and hint (a screenshot's has none of them).
 */
static void
render(struct app *app, struct canvas *cv, int live, struct render_report *report)
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
	sc.overlay = app->show_help ? app->help_text : NULL;
	sc.overlay_top = app->help_top;
	if (app->list != LIST_NONE && !app->show_help) {
		struct listview *lv = evlist_view(app->evl);

		listview_resize(lv, app->view.layout.body.rows - 1);
		evlist_set_current(app->evl, app->view.have_stop ? app->view.stop.ev : EVLIST_NONE);
		sc.list = lv;
		sc.list_title = app->list_title;
		sc.list_keys = "Enter: jump  /: search  Esc: close";
	}
	sc.title = app_title(app);
	sc.attribution = load_bundled(app->ld) ? "" : load_world(app->ld) ?
	    "\xc2\xa9 Natural Earth, GeoNames" : NULL;
	if (live) {
		static const char hint[] = "n next event \xc2\xb7 Space play \xc2\xb7 / search"
		    " \xc2\xb7 E events \xc2\xb7 ? help";
		static const char hint_ascii[] = "n next event - Space play - / search - "
		    "E events - ? help";

		sc.message = app->message[0] != '\0' ? app->message : !app->hint ? NULL :
		    app->mode == CANVAS_ASCII ? hint_ascii : hint;
		if (app->played) {
			play_state(app, app->status, sizeof app->status);
			sc.status = app->status;
		}
		sc.popup = app->prompt == PROMPT_SEARCH ? app->popup : NULL;
	}
	/* the viewer's own frames say what they drew, for a click */
	if (report == NULL && live) {
		free(app->last.sites);
		memset(&app->last, 0, sizeof app->last);
		report = &app->last;
	}
	sc.report = report;
	/* a movement is drawn on its stop's day and while its event's dates last */
	if (app->view.have_stop && (app->view.stop.day == app->view.day ||
	    (app->tl->events[app->view.stop.ev].lo <= app->view.day &&
	    app->view.day <= app->tl->events[app->view.stop.ev].hi)))
		sc.move = load_route(app->ld, &app->tl->events[app->view.stop.ev], &sc.nmove);
	render_scene(cv, &sc);
	/* how far help scrolls, for the next key */
	if (report != NULL && report != &app->last) {
		app->last.overlay_lines = report->overlay_lines;
		app->last.overlay_rows = report->overlay_rows;
		app->last.overlay_top = report->overlay_top;
	}
	if (app->show_help && report != NULL)
		app->help_top = app->last.overlay_top;
}

void
app_render(struct app *app, struct canvas *cv)
{
	render(app, cv, 1, NULL);
}

void
app_render_still(struct app *app, struct canvas *cv)
{
	render(app, cv, 0, NULL);
}

void
app_render_report(struct app *app, struct canvas *cv, struct render_report *r)
{
	render(app, cv, 1, r);
}

const char *
app_message_text(const struct app *app)
{
	return app->message;
}

void
app_set_hint(struct app *app, int on)
{
	app->hint = on;
}

/* Re-centres on the current event's place when it is off screen. */
static void
follow_event(struct app *app)
{
	const struct event *ev;
	struct geo_bbox view;
	const struct place *p;

	if (!app->view.have_stop || !app->vp_ready || !app->follow)
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

#define DELAY_MIN	125		/* ms per event: the fastest playback by event */
#define DELAY_MAX	8000

/* " (fastest)", " (slowest)" or "". */
static const char *
pace_end(const struct app *app)
{
	if (app->by_time)
		return app->pace == NPACE - 1 ? " (fastest)" : app->pace == 0 ? " (slowest)" : "";
	return app->delay_ms <= DELAY_MIN ? " (fastest)" : app->delay_ms >= DELAY_MAX ?
	    " (slowest)" : "";
}

static void
say_pace(struct app *app, const char *what)
{
	if (app->by_time)
		app_message(app, "%s%sby time, %d day%s per second%s", what, what[0] ? " " : "",
		    pace_days[app->pace], pace_days[app->pace] > 1 ? "s" : "", pace_end(app));
	else
		app_message(app, "%s%sby event, %d ms per event%s", what, what[0] ? " " : "",
		    app->delay_ms, pace_end(app));
}

static void
play_state(struct app *app, char *buf, size_t len)
{
	int ascii = app->mode == CANVAS_ASCII;
	const char *sym = app->playing ? (ascii ? ">" : "\xe2\x96\xb6") :
	    (ascii ? "||" : "\xe2\x8f\xb8");

	if (app->by_time)
		snprintf(buf, len, "%s %d day%s/s%s", sym, pace_days[app->pace],
		    pace_days[app->pace] > 1 ? "s" : "", pace_end(app));
	else
		snprintf(buf, len, "%s %d ms/event%s", sym, app->delay_ms, pace_end(app));
}

/*
 * The selection changed (Tab, /, N, a click): says what is selected, or,
 * after m, the distance from the place m was pressed on.
 */
static void
selected_changed(struct app *app)
{
	char buf[APP_MESSAGE_MAX];
	size_t a = app->measure_from, b = app->view.selected;

	if (b == NONE)
		return;
	if (a != NONE && a != b) {
		app->measure_from = NONE;
		whereami_measure(buf, sizeof buf, &app->places->v[a], &app->places->v[b],
		    app->mode != CANVAS_ASCII);
		app_message(app, "%s", buf);
		return;
	}
	mark_group_text(app->groups, app->places, app->view.status, app->view.attacked,
	    app->groups->group_of[b], buf, sizeof buf);
	app_message(app, "%s", buf);
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
	selected_changed(app);
	return APP_REDRAW;
}

void
app_saved(struct app *app, const char *name, const char *error)
{
	if (error != NULL)
		app_message(app, "cannot save %s: %s", name, error);
	else
		app_message(app, "saved %s", name);
	app->hint = 0;
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
	{
		double px = vp->x0_px + w / 2, py = vp->y0_px + h / 2;
		size_t sel = app->view.selected;
		struct geo_bbox view;

		/* about the selected place when it is in view: it stays where it is */
		vp_bbox(vp, &view);
		if (sel != NONE) {
			const struct geo_pt *xy = &app->places->v[sel].xy;

			if (xy->x >= view.x0 && xy->x <= view.x1 && xy->y >= view.y0 &&
			    xy->y <= view.y1)
				vp_to_px(vp, xy->x, xy->y, &px, &py);
		}
		vp_zoom(vp, e->dir > 0 ? ZOOM_STEP : vp->m_per_px * ZOOM_STEP > widest(app) ?
		    vp->m_per_px / widest(app) : 1 / ZOOM_STEP, px, py);
	}
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

/* Playback has nothing left to play from the current moment. */
static int
at_the_end(const struct app *app)
{
	struct stop st;

	if (app->by_time)
		return app->view.day >= app->tl->last_day;
	return timeline_stop_next(app->tl, app->view.have_stop ? &app->view.stop : NULL,
	    app->view.match, &st) != 0;
}

static int
act_play(struct app *app, const struct action_entry *e)
{
	struct stop st;

	(void)e;
	app->playing = !app->playing;
	app->played = 1;
	app->acc = 0;
	if (!app->playing) {
		app_message(app, "paused");
		return APP_REDRAW;
	}
	/* at the end, Space plays again from the start */
	if (at_the_end(app) &&
	    timeline_stop_next(app->tl, NULL, app->view.match, &st) == 0) {
		set_stop(app, &st);
		say_pace(app, "playing from the first event,");
		return APP_REDRAW;
	}
	say_pace(app, "playing");
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
	else if (e->dir > 0 && !app->by_time && app->delay_ms > DELAY_MIN)
		app->delay_ms /= 2;
	else if (e->dir < 0 && app->by_time && app->pace > 0)
		app->pace--;
	else if (e->dir < 0 && !app->by_time && app->delay_ms < DELAY_MAX)
		app->delay_ms *= 2;
	say_pace(app, app->playing ? "playing" : "playback");
	return APP_REDRAW;
}

static int
act_cycle_place(struct app *app, const struct action_entry *e)
{
	return cycle_place(app, e->dir);
}

/* The list, made on first use, its cursor on the current event (or the last before it). */
static void
open_list(struct app *app, enum list_kind kind)
{
	struct listview *lv;
	size_t i;

	if (app->evl == NULL)
		app->evl = evlist_new(app->tl, app->places);
	app->list = kind;
	app->list_query[0] = '\0';
	lv = evlist_view(app->evl);
	listview_resize(lv, app->view.layout.body.rows > 1 ? app->view.layout.body.rows - 1 : 1);
	listview_first(lv);
	if (!app->view.have_stop)
		return;
	/* events are in time order: the last shown at or before the current one */
	for (i = 0; i < listview_count(lv) && listview_row(lv, i) <= app->view.stop.ev; i++)
		;
	if (i > 0)
		listview_goto(lv, listview_row(lv, i - 1));
}

static void
close_list(struct app *app)
{
	app->list = LIST_NONE;
}

static int
act_events(struct app *app, const struct action_entry *e)
{
	size_t n;

	(void)e;
	if (app->evl == NULL)
		app->evl = evlist_new(app->tl, app->places);
	n = evlist_show(app->evl, app->view.match, NULL, 0);
	if (app->view.match != NULL)
		snprintf(app->list_title, sizeof app->list_title, "Events: %zu of %zu match "
		    "\"%.40s\"", n, app->tl->nevents, app->view.filter);
	else
		snprintf(app->list_title, sizeof app->list_title, "Events: %zu", n);
	open_list(app, LIST_EVENTS);
	return APP_REDRAW;
}

static int
act_history(struct app *app, const struct action_entry *e)
{
	const size_t *member;
	size_t g, n, k, at, shown;

	(void)e;
	if (app->view.selected == NONE) {
		app_message(app, "select a place first (Tab, / or a click)");
		return APP_REDRAW;
	}
	/* the selected site's: Tab selects sites, and a town's events are often its camp's */
	if ((g = app->groups->group_of[app->view.selected]) != NONE) {
		member = app->groups->member + app->groups->first[g];
		n = app->groups->first[g + 1] - app->groups->first[g];
	} else {
		member = &app->view.selected;
		n = 1;
	}
	if (app->evl == NULL)
		app->evl = evlist_new(app->tl, app->places);
	shown = evlist_show(app->evl, NULL, member, n);
	/* the title names every place whose events it lists */
	at = (size_t)snprintf(app->list_title, sizeof app->list_title, "History: %zu event%s of ",
	    shown, shown == 1 ? "" : "s");
	for (k = 0; k < n && at < sizeof app->list_title; k++)
		at += (size_t)snprintf(app->list_title + at, sizeof app->list_title - at, "%s%s",
		    k == 0 ? "" : k == n - 1 ? " and " : ", ", app->places->v[member[k]].name);
	open_list(app, LIST_HISTORY);
	return APP_REDRAW;
}

static int
act_list_move(struct app *app, const struct action_entry *e)
{
	struct listview *lv = evlist_view(app->evl);

	switch (e->which) {
	case 0:
		listview_move(lv, e->dir);
		break;
	case 1:
		listview_page(lv, e->dir);
		break;
	default:
		if (e->dir > 0)
			listview_last(lv);
		else
			listview_first(lv);
		break;
	}
	return APP_REDRAW;
}

/* Enter in a list: the map at that event, its place selected. */
static int
act_list_jump(struct app *app, const struct action_entry *e)
{
	size_t i = evlist_event(app->evl);
	const struct event *ev;
	struct stop st;
	char date[64];

	(void)e;
	if (i == EVLIST_NONE)
		return APP_REDRAW;
	ev = &app->tl->events[i];
	close_list(app);
	st.day = ev->day;
	st.ev = (uint32_t)i;
	if (ev->place < app->places->n)
		app->view.selected = ev->place;
	set_stop(app, &st);
	/* the place in view even when following is off: it was asked for */
	if (!app->follow) {
		app->follow = 1;
		follow_event(app);
		app->follow = 0;
	}
	date_format(date, sizeof date, ev->lo, ev->hi, (enum date_prec)ev->prec);
	app_message(app, "%s, %s: %s", ev->id, date, ev->place < app->places->n ?
	    app->places->v[ev->place].name : "not located");
	return APP_REDRAW;
}

static int
act_list_search(struct app *app, const struct action_entry *e)
{
	(void)e;
	app->prompt = PROMPT_LIST;
	return APP_PROMPT;
}

static int
act_list_match(struct app *app, const struct action_entry *e)
{
	if (app->list_query[0] == '\0') {
		app_message(app, "no search yet: / searches the list");
		return APP_REDRAW;
	}
	if (!listview_search(evlist_view(app->evl), app->list_query, e->dir))
		app_message(app, "no row matches \"%.40s\"", app->list_query);
	return APP_REDRAW;
}

static int
act_list_close(struct app *app, const struct action_entry *e)
{
	(void)e;
	close_list(app);
	return APP_REDRAW;
}

static int
act_follow(struct app *app, const struct action_entry *e)
{
	(void)e;
	app->follow = !app->follow;
	if (app->follow)
		follow_event(app);
	app_message(app, app->follow ? "following: the current event's place stays in view" :
	    "not following: the map stays where it is");
	return APP_REDRAW;
}

/* The place on the map, a town's streets wide, unless the view is closer already. */
#define SELECTION_M_PER_PX	250.0

static int
act_zoom_selected(struct app *app, const struct action_entry *e)
{
	const struct place *p;

	(void)e;
	if (app->view.selected == NONE) {
		app_message(app, "select a place first (Tab, / or a click)");
		return APP_REDRAW;
	}
	p = &app->places->v[app->view.selected];
	app->view.vp.cx_m = p->xy.x;
	app->view.vp.cy_m = p->xy.y;
	if (app->view.vp.m_per_px > SELECTION_M_PER_PX)
		app->view.vp.m_per_px = SELECTION_M_PER_PX;
	app->view_moved = 1;
	selected_changed(app);
	return APP_REDRAW;
}

/* Selects a match of the last search and puts it in view. */
static void
select_match(struct app *app, size_t k)
{
	const struct place *p = &app->places->v[app->hits[k].place];
	struct geo_bbox view;

	app->view.selected = app->hits[k].place;
	vp_bbox(&app->view.vp, &view);
	if (p->xy.x < view.x0 || p->xy.x > view.x1 || p->xy.y < view.y0 || p->xy.y > view.y1 ||
	    app->nhits == 1 || k == 0) {
		app->view.vp.cx_m = p->xy.x;
		app->view.vp.cy_m = p->xy.y;
		app->view_moved = 1;
	}
	if (app->measure_from != NONE) {
		selected_changed(app);
		return;
	}
	/* the place found, not its site: "Gao (town)" among the camps named after it */
	if (app->nhits > 1)
		app_message(app, "%s (%s): %s (match %zu of %zu; N: the next)", p->name,
		    place_kind_name(p->kind), status_label(app->view.status[app->view.selected]),
		    k + 1, app->nhits);
	else
		app_message(app, "%s (%s): %s", p->name, place_kind_name(p->kind),
		    status_label(app->view.status[app->view.selected]));
}

static int
act_next_match(struct app *app, const struct action_entry *e)
{
	(void)e;
	if (app->nhits == 0) {
		app_message(app, "no search yet: / searches a place");
		return APP_REDRAW;
	}
	select_match(app, search_next(app->hits, app->nhits, app->view.selected, 1));
	return APP_REDRAW;
}

/* 1 .. 9: a layer on or off, for the session. */
static int
act_layer(struct app *app, const struct action_entry *e)
{
	size_t k = app->key >= '1' && app->key <= '9' ? (size_t)(app->key - '1') : 0;
	struct map_layer *l;

	(void)e;
	if (k >= app->nlayers) {
		app_message(app, "no layer %zu (y lists %zu)", k + 1, app->nlayers);
		return APP_REDRAW;
	}
	l = &app->layers[k];
	l->visible = !l->visible;
	app_message(app, "layer %zu, %s: %s", k + 1, l->title, l->visible ? "on" : "off");
	return APP_REDRAW;
}

/* @: the centre, and the command that prints this view. */
static int
act_where(struct app *app, const struct action_entry *e)
{
	static const char *const charset[] = { "braille", "block", "ascii" };
	const struct view *v = &app->view;
	struct whereami_view w;
	struct viewport home = v->vp;
	struct geo_pt c = { v->vp.cx_m, v->vp.cy_m };
	const char **args;
	char *cmd, *cause = NULL, pos[64], win[16], unlike[160];
	struct stop at;
	size_t k, n_off = 0;

	(void)e;
	if (load_unproject(app->ld, &c, 1, &cause) != 0 || !isfinite(c.x) || !isfinite(c.y)) {
		app_message(app, "the centre has no latitude and longitude%s%s", cause ? ": " : "",
		    cause ? cause : "");
		free(cause);
		return APP_REDRAW;
	}
	memset(&w, 0, sizeof w);
	w.lon = c.x;
	w.lat = c.y;
	vp_fit(&home, &app->home, HOME_MARGIN);
	w.zoom = home.m_per_px / v->vp.m_per_px;
	w.m_per_px = v->vp.m_per_px;
	w.cols = app->cols;
	w.rows = app->rows;
	w.have_day = v->have_day;
	w.day = v->day;
	w.month = v->month;
	/* --date would show another event of the day: name this one */
	if (v->have_stop && (timeline_stop_at(app->tl, v->day, v->match, &at) != 0 ||
	    at.ev != v->stop.ev))
		w.event_id = app->tl->events[v->stop.ev].id;
	args = xcalloc(app->nargs + 6, sizeof *args);
	for (k = 0; k < app->nargs; k++)
		args[k] = app->args[k];
	/* the filter as it is now: f may have changed the command line's */
	if (v->filter != NULL) {
		args[k++] = "--filter";
		args[k++] = v->filter;
	}
	args[k++] = "--charset";
	args[k++] = charset[app->mode];
	if (v->window_days > 0) {
		snprintf(win, sizeof win, "%d", v->window_days);
		args[k++] = "--window";
		args[k++] = win;
	}
	w.args = args;
	w.nargs = k;
	cmd = whereami_command(&w, &cause);
	free(args);
	if (cmd == NULL) {
		app_message(app, "%s", cause);
		free(cause);
		return APP_REDRAW;
	}
	/* what no option of a dump sets: said, so that the difference is no surprise */
	for (k = 0; k < app->nlayers; k++)
		if ((app->layers[k].visible != 0) != app->layer_shown[k])
			n_off++;
	snprintf(unlike, sizeof unlike, "%s%s%s%s%s", v->selected != NONE ? ", the selection" : "",
	    n_off > 0 ? ", the layers toggled" : "", !v->show_panel ? ", the panel hidden" : "",
	    !v->show_legend ? ", the legend hidden" : "", v->show_layers ? ", the layers list" : "");
	whereami_latlon(pos, sizeof pos, w.lat, w.lon, app->mode != CANVAS_ASCII);
	app_message(app, "centre %s; this view, as a dump%s%s%s:\n%s", pos,
	    unlike[0] != '\0' ? " (without " : "", unlike[0] != '\0' ? unlike + 2 : "",
	    unlike[0] != '\0' ? ")" : "", cmd);
	free(cmd);
	return APP_REDRAW;
}

static int
act_measure(struct app *app, const struct action_entry *e)
{
	(void)e;
	if (app->view.selected == NONE) {
		app_message(app, "m measures from the selected place: select one first "
		    "(Tab, / or a click)");
		return APP_REDRAW;
	}
	if (app->measure_from == app->view.selected) {
		app->measure_from = NONE;
		app_message(app, "no measure");
		return APP_REDRAW;
	}
	app->measure_from = app->view.selected;
	app_message(app, "measuring from %s: select another place (Tab, / or a click)",
	    app->places->v[app->measure_from].name);
	return APP_REDRAW;
}

static int
act_redraw(struct app *app, const struct action_entry *e)
{
	(void)app;
	(void)e;
	return APP_REPAINT | APP_REDRAW;
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
	app->help_top = 0;
	return APP_REDRAW;
}

/* j, k, PgUp, PgDn, g, G over help that does not fit: it scrolls, as a list does. */
static int
help_scroll(struct app *app, const struct action_entry *e)
{
	int rows = app->last.overlay_rows, max = app->last.overlay_lines - rows;

	if (max < 0)
		max = 0;
	if (e->which == 0)
		app->help_top += e->dir;
	else if (e->which == 1)
		app->help_top += e->dir * (rows > 1 ? rows - 1 : 1);
	else
		app->help_top = e->dir > 0 ? max : 0;
	if (app->help_top > max)
		app->help_top = max;
	if (app->help_top < 0)
		app->help_top = 0;
	return APP_REDRAW;
}

static int
act_close(struct app *app, const struct action_entry *e)
{
	(void)e;
	app->view.selected = NONE;
	app->measure_from = NONE;
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
#define LIST(a, t, f, ...)	{ ROW(a, "in a list: " t, f, ACTF_IN_LIST), __VA_ARGS__ }

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
	{ ROW(ACT_ZOOM_SELECTED, "zoom to the selected place", act_zoom_selected,
	    ACTF_MOVES_VIEW) },
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
	{ ROW(ACT_FOLLOW, "follow the current event's place on / off (on at start)",
	    act_follow, 0) },
	{ ROW(ACT_SEARCH, "search a place by name", act_prompt, 0), .which = PROMPT_SEARCH },
	{ ROW(ACT_NEXT_MATCH, "next place that matches the last search", act_next_match, 0) },
	{ ROW(ACT_FILTER, "filter events (type, actors, summary, place or id)", act_prompt,
	    NEEDS), .which = PROMPT_FILTER },
	{ ROW(ACT_WINDOW, "date window: all, 7, 30 or 365 days", act_window, NEEDS) },
	{ ROW(ACT_NEXT_PLACE, "select the next place on screen", act_cycle_place, 0),
	    .dir = 1 },
	{ ROW(ACT_PREV_PLACE, "select the previous place on screen", act_cycle_place, 0),
	    .dir = -1 },
	{ ROW(ACT_EVENTS, "events list: every event (that passes the filter)", act_events,
	    NEEDS) },
	{ ROW(ACT_HISTORY, "history of the selected site (all its places)", act_history, 0) },
	{ ROW(ACT_MEASURE, "measure from the selected place to the next one selected",
	    act_measure, 0) },
	{ ROW(ACT_WHERE, "where am I: the centre, and the command that prints this view",
	    act_where, 0) },
	TOGGLE(ACT_TOGGLE_PANEL, "event panel on / off", show_panel),
	TOGGLE(ACT_TOGGLE_LEGEND, "legend on / off", show_legend),
	TOGGLE(ACT_TOGGLE_LAYERS, "layers list on / off", show_layers),
	{ ROW(ACT_LAYER, "layer 1 to 9 of the layers list (y) on / off", act_layer, 0) },
	{ ROW(ACT_SCREENSHOT, "save the view as a text file", act_screenshot,
	    ACTF_KEEPS_MESSAGE) },
	{ ROW(ACT_HELP, "help on / off", act_help, 0) },
	/* the help overlay's own title says "Esc closes" */
	{ ROW(ACT_CLOSE, "close help, panel or prompt", act_close, ACTF_NOT_IN_HELP) },
	{ ROW(ACT_REDRAW, "redraw the screen", act_redraw,
	    ACTF_OVER_OVERLAY | ACTF_KEEPS_MESSAGE) },
	{ ROW(ACT_QUIT, "quit", act_quit, ACTF_OVER_OVERLAY) },
	LIST(ACT_LIST_DOWN, "next row", act_list_move, .dir = 1, .which = 0),
	LIST(ACT_LIST_UP, "previous row", act_list_move, .dir = -1, .which = 0),
	LIST(ACT_LIST_PAGE_DOWN, "next page", act_list_move, .dir = 1, .which = 1),
	LIST(ACT_LIST_PAGE_UP, "previous page", act_list_move, .dir = -1, .which = 1),
	LIST(ACT_LIST_FIRST, "first row", act_list_move, .dir = -1, .which = 2),
	LIST(ACT_LIST_LAST, "last row", act_list_move, .dir = 1, .which = 2),
	LIST(ACT_LIST_JUMP, "the map at that event", act_list_jump, .dir = 0),
	LIST(ACT_LIST_SEARCH, "search its rows", act_list_search, .dir = 0),
	LIST(ACT_LIST_NEXT_MATCH, "next row that matches", act_list_match, .dir = 1),
	LIST(ACT_LIST_PREV_MATCH, "previous row that matches", act_list_match, .dir = -1),
	LIST(ACT_LIST_CLOSE, "close it", act_list_close, .dir = 0),
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
	app->hint = 0;
	if ((e->flags & ACTF_IN_LIST) && app->show_help) {
		/* a list's moves scroll help; its other keys close it */
		if (e->fn == act_list_move)
			return help_scroll(app, e);
		app->show_help = 0;
		return APP_REDRAW;
	}
	if (e->flags & ACTF_IN_LIST)
		return app->list != LIST_NONE ? e->fn(app, e) : 0;
	if ((app->show_help || app->list != LIST_NONE) && !(e->flags & ACTF_OVER_OVERLAY)) {
		/* any key closes the overlay (help over a list: help only) */
		if (app->show_help)
			app->show_help = 0;
		else
			close_list(app);
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
		return "Filter (any text; empty: all): ";
	case PROMPT_LIST:
		return "Search the list: ";
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
	app->hint = 0;
	free(app->popup);
	app->popup = NULL;
	if (pr == PROMPT_LIST) {
		struct listview *lv = evlist_view(app->evl);

		if (text == NULL || text[0] == '\0')
			return APP_REDRAW;
		snprintf(app->list_query, sizeof app->list_query, "%s", text);
		if (!listview_search(lv, text, 0))
			app_message(app, "no row matches \"%.40s\"", text);
		else
			app_message(app, "n: the next match, N: the previous");
		return APP_REDRAW;
	}
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
		struct search_hit *hits = NULL;
		size_t n;

		/* the same query again goes on to the next match, as N does */
		if (app->nhits > 0 && strcmp(text, app->last_query) == 0 &&
		    app->view.selected != NONE) {
			select_match(app, search_next(app->hits, app->nhits, app->view.selected, 1));
			return APP_REDRAW;
		}
		n = search_run(app->search, text, &hits);
		snprintf(app->last_query, sizeof app->last_query, "%s", text);

		if (n == 0) {
			free(hits);
			app_message(app, "no place matches \"%.40s\"", text);
			return APP_REDRAW;
		}
		free(app->hits);
		app->hits = hits;
		app->nhits = n;
		select_match(app, 0);
	}
	return APP_REDRAW;
}

int
app_prompt_typing(struct app *app, const char *text)
{
	if (app->prompt == PROMPT_LIST && app->list != LIST_NONE) {
		/* as less and tig do: the cursor to the first match as it is typed */
		if (text != NULL && text[0] != '\0')
			listview_search(evlist_view(app->evl), text, 0);
		return APP_REDRAW;
	}
	if (app->prompt == PROMPT_SEARCH) {
		struct search_hit *hits = NULL;
		size_t n = search_run(app->search, text != NULL ? text : "", &hits), k, at = 0;
		size_t cap = 80 * (POPUP_MATCHES + 1);

		free(app->popup);
		app->popup = NULL;
		if (n > 0) {
			app->popup = xmalloc(cap);
			app->popup[0] = '\0';
			for (k = 0; k < n && k < POPUP_MATCHES && at < cap; k++) {
				const struct place *p = &app->places->v[hits[k].place];

				at += (size_t)snprintf(app->popup + at, cap - at, "%s%.40s (%s)",
				    k > 0 ? "\n" : "", p->name, place_kind_name(p->kind));
			}
			if (n > POPUP_MATCHES && at < cap)
				snprintf(app->popup + at, cap - at, "\n%zu more", n - POPUP_MATCHES);
		} else if (text != NULL && text[0] != '\0') {
			app->popup = xstrdup("no place matches");
		}
		free(hits);
		return APP_REDRAW;
	}
	return 0;
}

int
app_click(struct app *app, int col, int row, int drag)
{
	const struct layout *l = &app->view.layout;
	size_t i;

	if (!app->vp_ready)
		return 0;
	app->hint = 0;
	if (app->show_help)
		return 0;
	if (l->strip.rows > 0 && row >= l->strip.row && row < l->strip.row + l->strip.rows &&
	    app->tl->nevents > 0) {
		day_t day;
		char buf[64];

		if (render_strip_day(app->tl, &app->view, l->cols, col, &day) != 0)
			return 0;
		if (app->list != LIST_NONE)
			close_list(app);
		set_moment(app, day, 0, NULL);
		date_format(buf, sizeof buf, day, day, DATE_DAY);
		app_message(app, "as of %s", buf);
		return APP_REDRAW;
	}
	if (drag || app->list != LIST_NONE)
		return 0;
	/* a marker, then a label: the site it stands for */
	for (i = 0; i < app->last.nsites; i++) {
		const struct render_site *s = &app->last.sites[i];
		int on = s->placed && row == s->mrow && col >= s->mcol &&
		    col < s->mcol + s->mwidth;

		if (!on && s->labelled && row == s->lrow && col >= s->lcol &&
		    col < s->lcol + text_width(s->label))
			on = 1;
		if (!on || s->place >= app->places->n)
			continue;
		app->view.selected = s->place;
		/* a count's marker: what it counts, unless the click ends a measure */
		if (s->group == NONE && app->measure_from == NONE) {
			const struct place *p = &app->places->v[s->place];
			enum status st = app->view.status[s->place];
			char more[48] = "";

			if (s->places > 1)
				snprintf(more, sizeof more, " at %u places", s->places);
			app_message(app, "%s%s%s: %u event%s here%s (Enter: its history)", p->name,
			    st != STATUS_NONE ? ", " : "", st != STATUS_NONE ? status_label(st) : "",
			    s->events, s->events == 1 ? "" : "s", more);
		} else
			selected_changed(app);
		return APP_REDRAW;
	}
	return 0;
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
	app_message(app, "end of the timeline: Space plays it again from the start");
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
	return app->title;
}

const char *
app_notice(const struct app *app)
{
	return app->notice[0] != '\0' ? app->notice : NULL;
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
	keymap_print(fp, app_actions, app_nactions);
}
