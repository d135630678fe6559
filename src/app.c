/*
 * app.c: the viewer's state and everything a key can do. Data is loaded and
 * projected once in app_new(); a frame is app_render(), which only builds a
 * scene for render_scene(). The TUI and --dump both go through it.
 */
#include "app.h"

#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cache.h"
#include "import.h"
#include "layerfile.h"
#include "prj.h"
#include "text.h"
#include "util.h"

#define NONE		((size_t)-1)
#define MAX_LAYERS	64
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

static const char *const action_text[ACT_COUNT] = {
#define X(id, text) text,
	ACTION_LIST
#undef X
};

enum prompt { PROMPT_NONE, PROMPT_DATE, PROMPT_SEARCH, PROMPT_FILTER };

/* PROJ made in a thread while the shapefiles are read: the thread's until joined. */
struct prj_job {
	pthread_t	 thread;
	int		 on;		/* started, not joined */
	const char	*def;
	struct prj	*prj, *prj2;
	char		*cause;
};

struct app {
	char		*data_dir;
	char		*proj;		/* the projection definition in use */
	struct prj	*prj;		/* NULL until something needs projecting */
	struct prj	*prj2;		/* the same for a second core, on large loads */
	int		 prj2_tried;
	struct prj_job	 job;
	char		*cache_keys[MAX_LAYERS];	/* of layers read from files; NULL: no cache */
	struct map_layer layers[MAX_LAYERS];
	size_t		 nlayers;
	int		 default_layers;
	size_t		 home_layer;	/* the default layers' framing: Mali's outline */
	struct places	*places;
	struct timeline	*tl;
	struct geo_pt	*route_xy;	/* every route's geodesic, projected */
	size_t		*route_at;	/* route r is route_xy[route_at[r] .. route_at[r + 1]) */
	enum status	*status;
	unsigned char	*attacked;
	/* the moment: only set_moment() writes it */
	day_t		 day;		/* the map shows the end of this day */
	int		 month;		/* shown as its month (day is the month's last) */
	int		 have_day;	/* 0 only without events */
	struct stop	 stop;		/* the current stop: the panel's event */
	int		 have_stop;
	size_t		 reached;	/* events (that match) reached so far */
	unsigned char	*match;		/* per event: passes the filter; NULL: no filter */
	size_t		 nmatch;
	size_t		 selected;
	struct geo_bbox	 home;		/* what "reset the view" shows, metres */
	struct viewport	 vp;
	int		 vp_ready, cols, rows;
	int		 view_moved;	/* panned or zoomed since the view was fitted */
	enum canvas_mode mode;
	int		 have_center;
	double		 center_x, center_y, zoom;
	int		 show_panel, show_legend, show_layers, show_help;
	int		 playing, delay_ms;
	int		 by_time, pace;	/* playback by time: pace_days[pace] days per second */
	int		 acc;		/* by time: day-milliseconds not yet played */
	int		 aggregate, window_days;
	char		*filter;	/* folded */
	enum prompt	 prompt;
	char		 message[256];
	char		*help_text;
	char		*history;	/* a place's history, shown in the help overlay */
};

const char *
app_action_text(enum action a)
{
	return a < ACT_COUNT ? action_text[a] : "?";
}

enum action
app_key(int key)
{
	size_t i;

	for (i = 0; i < app_nkeys; i++)
		if (app_keymap[i].key == key && app_keymap[i].name[0] != '\0')
			return app_keymap[i].action;
	return ACT_NONE;
}

void
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

static void *
prj_thread_main(void *arg)
{
	struct prj_job *job = arg;

	job->prj = prj_new(job->def, &job->cause);
	/* a second one for the other core, when it is cheap */
	if (job->prj != NULL && prj_def_is_plain(job->def)) {
		char *ignored = NULL;

		job->prj2 = prj_new(job->def, &ignored);
		free(ignored);
	}
	return NULL;
}

/*
 * PROJ is created on first need: a run served from the cache never loads
 * it. Loading the library takes 15 ms or more, so it is started in a
 * thread as soon as a layer misses the cache, and the shapefiles are read
 * meanwhile. The thread writes only its job; app->prj and app->prj2 are
 * the main thread's, set from the job once it is joined.
 */
static void
app_prj_start(struct app *app)
{
	if (app->job.on || app->prj != NULL)
		return;
	app->job.def = app->proj;
	if (pthread_create(&app->job.thread, NULL, prj_thread_main, &app->job) == 0)
		app->job.on = 1;
}

/* Waits for the thread, if one runs, and takes what it made; -1 with *cause if it failed. */
static int
app_prj_join(struct app *app, char **cause)
{
	if (!app->job.on)
		return 0;
	pthread_join(app->job.thread, NULL);
	app->job.on = 0;
	app->prj = app->job.prj;
	app->prj2 = app->job.prj2;
	if (app->prj == NULL) {
		*cause = app->job.cause;
		app->job.cause = NULL;
		return -1;
	}
	free(app->job.cause);
	app->job.cause = NULL;
	return 0;
}

static struct prj *
app_prj(struct app *app, char **cause)
{
	if (app_prj_join(app, cause) != 0)
		return NULL;
	if (app->prj == NULL)
		app->prj = prj_new(app->proj, cause);
	return app->prj;
}

struct half {
	struct prj	*prj;
	struct geo_pt	*pts;
	size_t		 n;
};

static void *
project_half(void *arg)
{
	struct half *h = arg;

	prj_fwd(h->prj, h->pts, h->n);
	return NULL;
}

/*
 * Below SPLIT_MIN_POINTS a thread costs more than it saves; below
 * MAKE_PRJ2_POINTS, so does making a second projection from an EPSG code
 * or WKT (a plain proj-string has one already, see prj_thread_main()).
 */
#define SPLIT_MIN_POINTS	4096
#define MAKE_PRJ2_POINTS	100000

/* Projects in place; many points are shared with a second projection on the other core. */
static void
project_pts(struct app *app, struct geo_pt *pts, size_t n)
{
	struct half h = { NULL, pts + n / 2, n - n / 2 };
	pthread_t t;

	if (n >= MAKE_PRJ2_POINTS && app->prj2 == NULL && !app->prj2_tried) {
		char *ignored = NULL;

		app->prj2 = prj_new(app->proj, &ignored);
		app->prj2_tried = 1;
		free(ignored);
	}
	h.prj = app->prj2;
	if (n >= SPLIT_MIN_POINTS && h.prj != NULL &&
	    pthread_create(&t, NULL, project_half, &h) == 0) {
		prj_fwd(app->prj, pts, n / 2);
		pthread_join(t, NULL);
	} else {
		prj_fwd(app->prj, pts, n);
	}
}

/*
 * Builds and projects level k of a layer (k < 0: every vertex) unless it
 * is ready or turns out absent. Levels are built from the points in
 * lon/lat: before those are projected in place, every level is built.
 */
static int
project_level(struct app *app, struct geo_layer *l, int k, char **cause)
{
	int j;

	if (geo_layer_level_ready(l, k) || (k >= 0 && l->lod[k].absent))
		return 0;
	if (app_prj(app, cause) == NULL)
		return -1;
	for (j = k < 0 ? 0 : k; j < (k < 0 ? l->nlod : k + 1); j++)
		if (l->lod[j].pts == NULL && !l->lod[j].absent)
			geo_layer_build_level(l, j);
	if (k >= 0 && l->lod[k].absent)
		return 0;
	if (k < 0)
		project_pts(app, l->pts, l->npts);
	else
		project_pts(app, l->lod[k].pts, l->lod[k].npts);
	geo_lod_projected(l, k);
	return 0;
}

static int
add_layer(struct app *app, const char *path, enum style style, const char *title,
    char **cause)
{
	struct geo_layer *l;
	char *key;

	if (app->nlayers == MAX_LAYERS) {
		xasprintf(cause, "%s: too many layers (at most %d)", path, MAX_LAYERS);
		return -1;
	}
	key = layerfile_cache_key(path, app->proj);
	if ((l = cache_get_layer(key)) != NULL) {
		free(l->path);
		l->path = text_sanitize(path, strlen(path), 4096);
		free(key);
	} else {
		app_prj_start(app);
		if ((l = layerfile_load(path, cause)) == NULL) {
			free(key);
			return -1;
		}
		if (l->kind != GEO_POINT) {
			struct geo_bbox box = l->bbox;

			geo_layer_break(l, l->kind == GEO_POLY ? &box : NULL);
		}
		/* projected by project_layers() */
		l->in_degrees = 1;
		l->nlod = l->kind == GEO_POINT ? 0 : GEO_NLOD;
		app->cache_keys[app->nlayers] = key;
	}
	app->layers[app->nlayers].geo = l;
	app->layers[app->nlayers].style = style;
	app->layers[app->nlayers].visible = 1;
	app->layers[app->nlayers].title = title ? title : l->name;
	app->nlayers++;
	return 0;
}

/*
 * Makes the level drawn at units_per_px (< 0: the coarsest) ready: a level
 * built and found absent moves the choice to a finer one.
 */
static int
make_ready(struct app *app, struct geo_layer *l, double units_per_px, char **cause)
{
	int k;

	while (!geo_layer_level_ready(l, k = units_per_px < 0 ? geo_layer_coarsest(l) :
	    geo_layer_level(l, units_per_px)))
		if (project_level(app, l, k, cause) != 0)
			return -1;
	return 0;
}

/*
 * Projects the layers add_layer() read from shapefiles. Without a cache
 * only the coarsest level is projected now (it frames the view) and the
 * rest when a frame needs it: a cache entry holds every level.
 */
static int
project_layers(struct app *app, char **cause)
{
	size_t i;
	int k;

	for (i = 0; i < app->nlayers; i++) {
		struct geo_layer *l = app->layers[i].geo;

		if (make_ready(app, l, -1, cause) != 0)
			return -1;
		if (app->cache_keys[i] == NULL)
			continue;
		for (k = 0; k < l->nlod; k++)
			if (project_level(app, l, k, cause) != 0)
				return -1;
		if (project_level(app, l, -1, cause) != 0)
			return -1;
		cache_put_layer(app->cache_keys[i], l);
		free(app->cache_keys[i]);
		app->cache_keys[i] = NULL;
	}
	return 0;
}

static char *
data_path(const struct app *app, const char *rel)
{
	char *p;

	xasprintf(&p, "%s/%s", app->data_dir, rel);
	return p;
}

static int
load_default_layers(struct app *app, char **cause)
{
	static const struct {
		const char	*file;
		enum style	 style;
		const char	*title;
		int		 home;		/* frames the view, not the neighbours */
	} def[] = {
		{ "maps/neighbours.shp", STYLE_NEIGHBOUR, "neighbouring countries", 0 },
		{ "maps/water.shp", STYLE_WATER, "lakes and river banks", 0 },
		{ "maps/rivers.shp", STYLE_RIVER, "rivers", 0 },
		{ "maps/mali_admin1.shp", STYLE_REGION, "Mali regions", 0 },
		{ "maps/mali_admin0.shp", STYLE_BORDER, "Mali outline", 1 },
	};
	size_t i;

	for (i = 0; i < sizeof def / sizeof def[0]; i++) {
		char *p = data_path(app, def[i].file);
		int r = add_layer(app, p, def[i].style, def[i].title, cause);

		free(p);
		if (r != 0)
			return -1;
		if (def[i].home)
			app->home_layer = app->nlayers - 1;
	}
	app->default_layers = 1;
	return 0;
}

/*
 * The projection: the user's; Mali's LCC for the default layers; a world
 * projection when the maps' headers span more than a region.
 */
static const char *
choose_projection(const struct app_options *o)
{
	struct geo_bbox b, one;
	size_t i;

	if (o->proj != NULL)
		return o->proj;
	if (o->nmaps == 0)
		return PRJ_DEFAULT;
	geo_bbox_empty(&b);
	for (i = 0; i < o->nmaps; i++)
		if (layerfile_peek_bbox(o->maps[i], &one) == 0 && fabs(one.x0) <= 180 &&
		    fabs(one.x1) <= 180 && fabs(one.y0) <= 90 && fabs(one.y1) <= 90)
			geo_bbox_union(&b, &one);
	if (b.x1 - b.x0 > 60 || b.y1 - b.y0 > 50)
		return "+proj=eqearth +datum=WGS84 +units=m";
	return PRJ_DEFAULT;
}

static int
project_places(struct app *app, const char *places_path, char **cause)
{
	struct geo_pt *pts = xcalloc(app->places->n + 1, sizeof *pts);
	const char *files[1] = { places_path };
	char *key = cache_key("places", app->proj, files, 1);
	size_t i, n = app->places->n;

	if (cache_get_points(key, pts, n) != 0) {
		if (app_prj(app, cause) == NULL) {
			free(key);
			free(pts);
			return -1;
		}
		for (i = 0; i < n; i++) {
			pts[i].x = app->places->v[i].lon_deg;
			pts[i].y = app->places->v[i].lat_deg;
		}
		prj_fwd(app->prj, pts, n);
		cache_put_points(key, pts, n);
	}
	for (i = 0; i < n; i++)
		app->places->v[i].xy = pts[i];
	free(key);
	free(pts);
	if (app->have_center) {
		struct geo_pt c = { app->center_x, app->center_y };

		if (app_prj(app, cause) == NULL)
			return -1;
		if (prj_fwd(app->prj, &c, 1) != 1) {
			xasprintf(cause, "--center: the point cannot be projected");
			return -1;
		}
		app->center_x = c.x;
		app->center_y = c.y;
	}
	return 0;
}

/* Points per leg of a route: a geodesic, drawn as a polyline. */
#define LEG_POINTS	24

/*
 * Each route's legs as geodesics (great circles on the ellipsoid), projected
 * once at load and cached like the places: drawing one costs no PROJ.
 */
static int
project_routes(struct app *app, const char *events, const char *places, char **cause)
{
	const struct timeline *tl = app->tl;
	const char *files[2] = { events, places };
	size_t r, k, n = 0;
	char *key;

	if (tl->nroutes == 0)
		return 0;
	app->route_at = xcalloc(tl->nroutes + 1, sizeof *app->route_at);
	for (r = 0; r < tl->nroutes; r++) {
		app->route_at[r] = n;
		n += (tl->routes[r].n - 1) * (LEG_POINTS - 1) + 1;
	}
	app->route_at[r] = n;
	app->route_xy = xcalloc(n, sizeof *app->route_xy);
	key = cache_key("routes", app->proj, files, 2);
	if (cache_get_points(key, app->route_xy, n) != 0) {
		if (app_prj(app, cause) == NULL) {
			free(key);
			return -1;
		}
		for (r = 0; r < tl->nroutes; r++) {
			const struct route *rt = &tl->routes[r];

			/* leg k ends where leg k + 1 starts: they share that point */
			for (k = 0; k + 1 < rt->n; k++) {
				const struct place *a = &app->places->v[tl->stops[rt->first + k]];
				const struct place *b = &app->places->v[tl->stops[rt->first + k + 1]];

				prj_geod_line(a->lat_deg, a->lon_deg, b->lat_deg, b->lon_deg,
				    app->route_xy + app->route_at[r] + k * (LEG_POINTS - 1),
				    LEG_POINTS);
			}
		}
		prj_fwd(app->prj, app->route_xy, n);
		cache_put_points(key, app->route_xy, n);
	}
	free(key);
	return 0;
}

/*
 * The format of an events file, from its first line; -1 if unreadable. A
 * pipe (--events <(...)) can be read only once: it is taken to be sitmap's
 * format unless --format says otherwise.
 */
static int
peek_format(const char *path)
{
	char buf[8192];
	size_t n;
	struct stat st;
	FILE *fp;
	int f;

	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
		return IMPORT_SITMAP;
	if ((fp = fopen(path, "rb")) == NULL)
		return -1;
	n = fread(buf, 1, sizeof buf, fp);
	fclose(fp);
	f = import_detect(buf, n);
	return f < 0 ? IMPORT_SITMAP : f;
}

/*
 * Places and events: sitmap's two CSV files, or an ACLED or UCDP export
 * (detected from its header, or named by --format) that brings its own
 * places, one per location.
 */
static int
load_events(struct app *app, const struct app_options *o, char **cause)
{
	char *events = o->events_path ? xstrdup(o->events_path) :
	    data_path(app, "data/events.csv"), *places;
	int fmt = o->format >= 0 ? o->format : o->events_path ? peek_format(events) : IMPORT_SITMAP;

	if (fmt == IMPORT_ACLED || fmt == IMPORT_UCDP) {
		if (import_load(events, fmt, &app->places, &app->tl, cause) < 0 ||
		    (!o->data_only && project_places(app, events, cause) != 0)) {
			free(events);
			return -1;
		}
		free(events);
		return 0;
	}
	places = o->places_path ? xstrdup(o->places_path) : data_path(app, "data/places.csv");
	app->places = places_load(places, cause);
	/* the events before the places' projection, which may wait for PROJ */
	if (app->places == NULL ||
	    (app->tl = timeline_load(events, app->places, cause)) == NULL ||
	    (!o->data_only && (project_places(app, places, cause) != 0 ||
	    project_routes(app, events, places, cause) != 0))) {
		free(places);
		free(events);
		return -1;
	}
	free(places);
	free(events);
	return 0;
}

static void
set_home(struct app *app)
{
	size_t i;

	geo_bbox_empty(&app->home);
	if (app->default_layers) {
		/* Mali's outline, not the neighbours around it nor an overlay */
		geo_bbox_union(&app->home, &app->layers[app->home_layer].geo->bbox);
		return;
	}
	for (i = 0; i < app->nlayers; i++)
		geo_bbox_union(&app->home, &app->layers[i].geo->bbox);
	if (app->home.x0 > app->home.x1 && app->places != NULL)
		for (i = 0; i < app->places->n; i++)
			geo_bbox_add(&app->home, app->places->v[i].xy.x, app->places->v[i].xy.y);
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
	size_t before = app->have_stop ? app->stop.ev : NONE;

	app->day = day;
	app->month = month;
	app->have_day = 1;
	if (st != NULL) {
		app->stop = *st;
		app->have_stop = 1;
	} else {
		app->have_stop = timeline_stop_at(app->tl, day, app->match, &app->stop) == 0;
	}
	app->reached = timeline_reached(app->tl, app->have_stop ? &app->stop : NULL, app->match);
	timeline_state(app->tl, day, app->status, app->attacked);
	if (app->have_stop && app->stop.ev != before)
		follow_event(app);
}

/* The filter (NULL or "": none), folded, and which events pass it. */
static void
set_filter(struct app *app, const char *text)
{
	char *clean;

	free(app->filter);
	free(app->match);
	app->filter = NULL;
	app->match = NULL;
	app->nmatch = 0;
	if (text == NULL || text[0] == '\0')
		return;
	clean = text_sanitize(text, strlen(text), 256);
	app->filter = text_fold(clean);
	free(clean);
	app->match = xcalloc(app->tl->nevents ? app->tl->nevents : 1, 1);
	app->nmatch = timeline_match(app->tl, app->filter, app->match);
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
		app->have_day = app->have_stop = 0;
		app->reached = 0;
		timeline_state(app->tl, 0, app->status, app->attacked);
		return;
	}
	if (app->aggregate && timeline_stop_prev(app->tl, NULL, NULL, &st) == 0)
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
	for (a = 1; a < ACT_COUNT; a++) {
		char keys[64];

		if (keys_for((enum action)a, keys, sizeof keys) == 0 || a == ACT_CLOSE)
			continue;
		len += (size_t)snprintf(s + len, cap - len, "%-14s %s\n", keys,
		    action_text[a]);
	}
	snprintf(s + len, cap - len, "\nMarkers show each place's status at the end\n"
	    "of the day in the title; the legend (e) names\n"
	    "them. A mark beside one: a planned change.\n"
	    "Event data without statuses is counted per cell.\n"
	    "Map data \xc2\xa9 OpenStreetMap contributors (ODbL),\n"
	    "Natural Earth, GeoNames (CC BY 4.0).");
	return s;
}

struct app *
app_new(const struct app_options *o, char **cause)
{
	struct app *app = xcalloc(1, sizeof *app);
	size_t i;

	app->data_dir = xstrdup(o->data_dir);
	app->selected = NONE;
	app->mode = o->mode;
	app->show_panel = app->show_legend = 1;
	app->delay_ms = 1000;
	app->zoom = o->zoom > 0 ? o->zoom : 1;
	if (o->have_center) {
		app->have_center = 1;
		app->center_x = o->center_lon;
		app->center_y = o->center_lat;
	}
	app->proj = xstrdup(choose_projection(o));
	/* reports need no map */
	if (!o->data_only && o->nmaps == 0 && load_default_layers(app, cause) != 0)
		goto fail;
	for (i = 0; i < o->nmaps && !o->data_only; i++)
		if (add_layer(app, o->maps[i], STYLE_MAP, NULL, cause) != 0)
			goto fail;
	for (i = 0; i < o->noverlays && !o->data_only; i++)
		if (add_layer(app, o->overlays[i], STYLE_MAP, NULL, cause) != 0)
			goto fail;

	if (load_events(app, o, cause) != 0 ||
	    (!o->data_only && project_layers(app, cause) != 0))
		goto fail;
	app->status = xcalloc(app->places->n ? app->places->n : 1, sizeof *app->status);
	app->attacked = xcalloc(app->places->n ? app->places->n : 1, 1);

	set_home(app);

	/* data without statuses (an imported export) is shown as counts per cell */
	app->aggregate = app->tl->nevents > 0 && app->tl->neffects == 0;
	app->window_days = o->window_days;
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
	char *ignored = NULL;
	size_t i;

	if (app == NULL)
		return;
	/* what the PROJ thread made is freed with the rest */
	app_prj_join(app, &ignored);
	free(ignored);
	for (i = 0; i < app->nlayers; i++) {
		geo_layer_free(app->layers[i].geo);
		free(app->cache_keys[i]);
	}
	timeline_free(app->tl);
	places_free(app->places);
	free(app->route_xy);
	free(app->route_at);
	free(app->status);
	free(app->attacked);
	free(app->help_text);
	free(app->history);
	free(app->filter);
	free(app->match);
	free(app->data_dir);
	free(app->proj);
	prj_free(app->prj);
	prj_free(app->prj2);
	free(app);
}

static void
fit_view(struct app *app)
{
	int col0, row0, ncols, nrows;
	double dx = app->mode == CANVAS_BRAILLE || app->mode == CANVAS_BLOCK ||
	    app->mode == CANVAS_ASCII ? 2 : 2;
	double dy = app->mode == CANVAS_BRAILLE ? 4 : 2;

	render_map_area(app->cols, app->rows, &col0, &row0, &ncols, &nrows);
	app->vp.x0_px = col0 * (int)dx;
	app->vp.y0_px = row0 * (int)dy;
	app->vp.w_px = ncols * (int)dx;
	app->vp.h_px = nrows * (int)dy;
	app->vp.px_aspect = 2.0 * dx / dy;
	vp_fit(&app->vp, &app->home, 0.02);
}

void
app_resize(struct app *app, int cols, int rows)
{
	struct viewport old = app->vp;
	int had = app->vp_ready;

	app->cols = cols;
	app->rows = rows;
	fit_view(app);
	/* an untouched view is refitted, so a resized screen equals a fresh dump */
	if (!had || !app->view_moved) {
		if (app->have_center) {
			app->vp.cx_m = app->center_x;
			app->vp.cy_m = app->center_y;
		}
		app->vp.m_per_px /= app->zoom;
	} else {
		/* keep the centre and the scale of the frame's width */
		app->vp.cx_m = old.cx_m;
		app->vp.cy_m = old.cy_m;
		app->vp.m_per_px = old.m_per_px * old.w_px / (app->vp.w_px ? app->vp.w_px : 1);
	}
	app->vp_ready = 1;
}

static void
render(struct app *app, struct canvas *cv, const char *message)
{
	struct scene sc;
	size_t i;

	if (!app->vp_ready || app->cols != canvas_cols(cv) || app->rows != canvas_rows(cv) ||
	    app->mode != canvas_mode(cv)) {
		app->mode = canvas_mode(cv);
		app_resize(app, canvas_cols(cv), canvas_rows(cv));
	}
	for (i = 0; i < app->nlayers; i++) {
		struct geo_layer *l = app->layers[i].geo;
		char *cause = NULL;

		/* PROJ is loaded already: the coarsest levels were projected */
		if (app->layers[i].visible && make_ready(app, l, app->vp.m_per_px, &cause) != 0)
			free(cause);
	}
	memset(&sc, 0, sizeof sc);
	sc.layers = app->layers;
	sc.nlayers = app->nlayers;
	sc.places = app->places;
	sc.tl = app->tl;
	sc.status = app->status;
	sc.attacked = app->attacked;
	sc.day = app->day;
	sc.month = app->month;
	sc.have_day = app->have_day;
	sc.cur = app->have_stop ? app->stop.ev : NONE;
	sc.cur_day = app->stop.day;
	sc.reached = app->reached;
	sc.total = app->match != NULL ? app->nmatch : app->tl->nevents;
	sc.match = app->match;
	sc.selected = app->selected;
	sc.vp = &app->vp;
	sc.show_panel = app->show_panel;
	sc.show_legend = app->show_legend;
	sc.show_layers = app->show_layers;
	sc.show_help = app->show_help || app->history != NULL;
	sc.help_text = app->history ? app->history : app->help_text;
	sc.aggregate = app->aggregate;
	sc.window_days = app->window_days;
	sc.filter = app->filter;
	sc.title = app_title(app);
	sc.attribution = app->default_layers ? "" : NULL;
	sc.message = message;
	/* a movement is drawn on its stop's day and while its event's dates last */
	if (app->have_stop && app->route_xy != NULL && (app->stop.day == app->day ||
	    (app->tl->events[app->stop.ev].lo <= app->day &&
	    app->day <= app->tl->events[app->stop.ev].hi))) {
		const struct route *rt = timeline_route(app->tl, &app->tl->events[app->stop.ev]);

		if (rt != NULL) {
			size_t r = (size_t)(rt - app->tl->routes);

			sc.move = app->route_xy + app->route_at[r];
			sc.nmove = app->route_at[r + 1] - app->route_at[r];
		}
	}
	render_scene(cv, &sc);
}

void
app_render(struct app *app, struct canvas *cv)
{
	render(app, cv, app->message);
}

void
app_render_still(struct app *app, struct canvas *cv)
{
	render(app, cv, "");
}

/* Re-centres on the current event's place when it is off screen. */
static void
follow_event(struct app *app)
{
	const struct event *ev;
	struct geo_bbox view;
	const struct place *p;

	if (!app->have_stop || !app->vp_ready)
		return;
	ev = &app->tl->events[app->stop.ev];
	if (ev->place == NONE)
		return;
	p = &app->places->v[ev->place];
	vp_bbox(&app->vp, &view);
	if (p->xy.x < view.x0 || p->xy.x > view.x1 || p->xy.y < view.y0 ||
	    p->xy.y > view.y1) {
		app->vp.cx_m = p->xy.x;
		app->vp.cy_m = p->xy.y;
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
	if (app->match != NULL)
		app_message(app, "no %s event matches the filter \"%.40s\"", what, app->filter);
	else
		app_message(app, "no %s event", what);
	return APP_REDRAW;
}

/* Next (dir 1) or previous (-1) stop, from the current one. */
static int
step_event(struct app *app, int dir)
{
	struct stop st;

	if (no_events(app))
		return APP_REDRAW;
	if (dir > 0) {
		if (timeline_stop_next(app->tl, app->have_stop ? &app->stop : NULL, app->match,
		    &st) != 0)
			return nothing_matches(app, "later");
		set_stop(app, &st);
		return APP_REDRAW;
	}
	/* a moment after its last stop goes back to that stop first */
	if (app->have_stop && (app->stop.day < app->day || app->month)) {
		st = app->stop;
		set_stop(app, &st);
		return APP_REDRAW;
	}
	if (app->have_stop && timeline_stop_prev(app->tl, &app->stop, app->match, &st) == 0) {
		set_stop(app, &st);
		return APP_REDRAW;
	}
	/* before the first event: where the viewer started */
	if (app->match == NULL && !app->aggregate && app->day > app->tl->first_lo - 1) {
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

	if (no_events(app))
		return APP_REDRAW;
	if (months != 0) {
		month = app->month;
		d = add_months(app->day, months, month);
	} else {
		d = (int64_t)app->day + days < day_min() ? day_min() :
		    (int64_t)app->day + days > day_max() ? day_max() : app->day + days;
	}
	if (d == app->day && month == app->month) {
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

	vp_bbox(&app->vp, &view);
	for (i = 0; i < app->places->n; i++) {
		const struct place *p = &app->places->v[i];

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
	for (i = 0; i < n; i++)
		if (v[i] == app->selected)
			k = i;
	if (k == NONE)
		k = dir > 0 ? 0 : n - 1;
	else
		k = (k + n + (size_t)(dir > 0 ? 1 : n - 1)) % n;
	app->selected = v[k];
	free(v);
	app_message(app, "%s (%s): %s", app->places->v[app->selected].name,
	    place_kind_name(app->places->v[app->selected].kind),
	    status_label(app->status[app->selected]));
	return APP_REDRAW;
}

static void
show_history(struct app *app)
{
	const struct place *p = &app->places->v[app->selected];
	size_t cap = 4096, len = 0, i, e, n = 0;
	char *s = xmalloc(cap);

	len += (size_t)snprintf(s, cap, "%s: history (Esc closes)\n", p->name);
	for (i = 0; i < app->tl->nevents; i++) {
		const struct event *ev = &app->tl->events[i];
		int hit = ev->place == app->selected;
		char date[64], *line;
		size_t k;

		for (e = ev->first_effect; !hit && e < ev->first_effect + ev->neffects; e++)
			hit = app->tl->effects[e].place == app->selected;
		if (!hit)
			continue;
		date_format(date, sizeof date, ev->lo, ev->hi, ev->prec);
		k = (size_t)xasprintf(&line, "%s %s%s: %s\n  %s%s%s\n", date, ev->id,
		    ev->planned ? " (planned)" : "", ev->summary, ev->sources,
		    ev->note[0] ? "\n  Note: " : "", ev->note);
		if (len + k + 1 > cap) {
			cap = (len + k + 1) * 2;
			s = xreallocarray(s, cap, 1);
		}
		memcpy(s + len, line, k + 1);
		len += k;
		free(line);
		n++;
	}
	if (n == 0)
		snprintf(s + len, cap - len, "no events at this place\n");
	free(app->history);
	app->history = s;
}

void
app_saved(struct app *app, const char *name, const char *error)
{
	if (error != NULL)
		app_message(app, "cannot save %s: %s", name, error);
	else
		app_message(app, "saved %s", name);
}

int
app_apply(struct app *app, enum action a)
{
	double w = app->vp.w_px, h = app->vp.h_px;

	if (a != ACT_SCREENSHOT)
		app->message[0] = '\0';
	if (a >= ACT_PAN_LEFT && a <= ACT_ZOOM_OUT)
		app->view_moved = 1;
	if ((app->show_help || app->history) && a != ACT_QUIT) {
		/* any key closes the overlay; only ? and Esc are needed */
		app->show_help = 0;
		free(app->history);
		app->history = NULL;
		return APP_REDRAW;
	}
	if (a >= ACT_PAN_LEFT && a <= ACT_PAN_DOWN_BIG) {
		/* left, right, up, down; then the same, bigger */
		static const int dir[4][2] = { { -1, 0 }, { 1, 0 }, { 0, -1 }, { 0, 1 } };
		int k = a - ACT_PAN_LEFT;
		double step = k < 4 ? PAN_STEP : PAN_BIG;

		vp_pan(&app->vp, dir[k % 4][0] * w * step, dir[k % 4][1] * h * step);
		return APP_REDRAW;
	}
	switch (a) {
	case ACT_NONE:
		return 0;
	case ACT_ZOOM_IN:
	case ACT_ZOOM_OUT:
		if (a == ACT_ZOOM_IN && app->vp.m_per_px < 5) {
			app_message(app, "closest zoom");
			return APP_REDRAW;
		}
		if (a == ACT_ZOOM_OUT && app->vp.m_per_px > 2e5) {
			app_message(app, "widest zoom");
			return APP_REDRAW;
		}
		vp_zoom(&app->vp, a == ACT_ZOOM_IN ? ZOOM_STEP : 1 / ZOOM_STEP,
		    app->vp.x0_px + w / 2, app->vp.y0_px + h / 2);
		break;
	case ACT_RESET_VIEW:
		app->vp_ready = 0;
		app->view_moved = 0;
		app->have_center = 0;
		app->zoom = 1;
		app_resize(app, app->cols, app->rows);
		break;
	case ACT_NEXT_EVENT:
	case ACT_PREV_EVENT:
		return step_event(app, a == ACT_NEXT_EVENT ? 1 : -1);
	case ACT_FIRST_EVENT:
	case ACT_LAST_EVENT: {
		struct stop st;

		if (no_events(app))
			return APP_REDRAW;
		if ((a == ACT_FIRST_EVENT ? timeline_stop_next(app->tl, NULL, app->match, &st) :
		    timeline_stop_prev(app->tl, NULL, app->match, &st)) != 0)
			return nothing_matches(app, a == ACT_FIRST_EVENT ? "first" : "last");
		set_stop(app, &st);
		break;
	}
	case ACT_NEXT_DAY:
	case ACT_PREV_DAY:
		return step_time(app, a == ACT_NEXT_DAY ? 1 : -1, 0);
	case ACT_NEXT_WEEK:
	case ACT_PREV_WEEK:
		return step_time(app, a == ACT_NEXT_WEEK ? 7 : -7, 0);
	case ACT_NEXT_MONTH:
	case ACT_PREV_MONTH:
		return step_time(app, 0, a == ACT_NEXT_MONTH ? 1 : -1);
	case ACT_JUMP_DATE:
		if (no_events(app))
			return APP_REDRAW;
		app->prompt = PROMPT_DATE;
		return APP_PROMPT;
	case ACT_SEARCH:
		app->prompt = PROMPT_SEARCH;
		return APP_PROMPT;
	case ACT_FILTER:
		if (no_events(app))
			return APP_REDRAW;
		app->prompt = PROMPT_FILTER;
		return APP_PROMPT;
	case ACT_WINDOW: {
		static const int windows[] = { 0, 7, 30, 365 };
		size_t k;

		if (no_events(app))
			return APP_REDRAW;
		for (k = 0; k < 4 && windows[k] != app->window_days; k++)
			;
		app->window_days = windows[(k + 1) % 4];
		if (app->window_days > 0 && app->aggregate)
			app_message(app, "counting the events of the last %d days",
			    app->window_days);
		else if (app->window_days > 0)
			app_message(app, "timeline strip and counts: the last %d days (the map "
			    "shows every status)", app->window_days);
		else
			app_message(app, "all events so far");
		break;
	}
	case ACT_PLAY:
		if (no_events(app))
			return APP_REDRAW;
		app->playing = !app->playing;
		app->acc = 0;
		if (app->playing)
			say_pace(app, "playing");
		else
			app_message(app, "paused");
		break;
	case ACT_PLAY_MODE:
		app->by_time = !app->by_time;
		app->acc = 0;
		say_pace(app, app->playing ? "playing" : "playback");
		break;
	case ACT_FASTER:
		if (app->by_time && app->pace < NPACE - 1)
			app->pace++;
		else if (!app->by_time && app->delay_ms > 125)
			app->delay_ms /= 2;
		say_pace(app, app->playing ? "playing" : "playback");
		break;
	case ACT_SLOWER:
		if (app->by_time && app->pace > 0)
			app->pace--;
		else if (!app->by_time && app->delay_ms < 8000)
			app->delay_ms *= 2;
		say_pace(app, app->playing ? "playing" : "playback");
		break;
	case ACT_NEXT_PLACE:
		return cycle_place(app, 1);
	case ACT_PREV_PLACE:
		return cycle_place(app, -1);
	case ACT_HISTORY:
		if (app->selected == NONE) {
			app_message(app, "select a place first (Tab or /)");
			return APP_REDRAW;
		}
		show_history(app);
		break;
	case ACT_TOGGLE_PANEL:
		app->show_panel = !app->show_panel;
		break;
	case ACT_TOGGLE_LEGEND:
		app->show_legend = !app->show_legend;
		break;
	case ACT_TOGGLE_LAYERS:
		app->show_layers = !app->show_layers;
		break;
	case ACT_SCREENSHOT:
		/* written by the sink, which owns the canvas; see app_saved() */
		return APP_SCREENSHOT | APP_REDRAW;
	case ACT_HELP:
		app->show_help = 1;
		break;
	case ACT_CLOSE:
		app->selected = NONE;
		break;
	case ACT_QUIT:
		return APP_QUIT;
	default:		/* the pans, handled above */
		break;
	}
	return APP_REDRAW;
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
		if (app->have_day)
			set_moment(app, app->day, app->month, NULL);
		if (app->filter == NULL)
			app_message(app, "no filter");
		else if (app->nmatch == 0)
			app_message(app, "filter \"%.40s\": no event matches", app->filter);
		else
			app_message(app, "filter \"%.40s\": %zu of %zu events%s", app->filter,
			    app->nmatch, app->tl->nevents, app->aggregate ? "" :
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
		struct place *p = places_find(app->places, text);

		if (p == NULL) {
			app_message(app, "no place matches \"%.40s\"", text);
			return APP_REDRAW;
		}
		app->selected = (size_t)(p - app->places->v);
		app->vp.cx_m = p->xy.x;
		app->vp.cy_m = p->xy.y;
		app->view_moved = 1;
		app_message(app, "%s (%s): %s", p->name, place_kind_name(p->kind),
		    status_label(app->status[app->selected]));
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
		if (timeline_stop_next(app->tl, app->have_stop ? &app->stop : NULL, app->match,
		    &st) != 0)
			return stop_playing(app);
		set_stop(app, &st);
		return APP_REDRAW;
	}
	if (app->day >= app->tl->last_day)
		return stop_playing(app);
	/* whole days only; the rest is kept for the next frame */
	app->acc += pace_days[app->pace] * pace_ms(app);
	days = app->acc / 1000;
	app->acc %= 1000;
	if (days == 0)
		return 0;
	set_moment(app, app->day + days > app->tl->last_day ? app->tl->last_day :
	    app->day + days, 0, NULL);
	return APP_REDRAW;
}

int
app_distance(const struct app *app, const char *a, const char *b, FILE *fp, char **cause)
{
	const struct place *pa = places_find(app->places, a), *pb = places_find(app->places, b);
	double az, km;

	if (pa == NULL || pb == NULL) {
		const char *q = pa == NULL ? a : b;
		char *s = text_sanitize(q, strlen(q), 64);

		xasprintf(cause, "--distance: no place matches \"%s\"", s);
		free(s);
		return -1;
	}
	km = prj_geod_km(pa->lat_deg, pa->lon_deg, pb->lat_deg, pb->lon_deg, &az);
	fprintf(fp, "%s -> %s: %.1f km (straight line on the WGS 84 ellipsoid), "
	    "initial bearing %.1f\xc2\xb0\n", pa->name, pb->name, km, az);
	return 0;
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

	if (timeline_stop_next(app->tl, first || !app->have_stop ? NULL : &app->stop,
	    app->match, &st) != 0)
		return -1;
	set_stop(app, &st);
	return 0;
}

int
app_span(const struct app *app, day_t *first, day_t *last)
{
	struct stop a, b;

	if (timeline_stop_next(app->tl, NULL, app->match, &a) != 0 ||
	    timeline_stop_prev(app->tl, NULL, app->match, &b) != 0)
		return -1;
	*first = a.day;
	*last = b.day;
	return 0;
}

const char *
app_title(const struct app *app)
{
	return app->default_layers ? "sitmap: Mali" : "sitmap";
}

const char *
app_event_id(const struct app *app)
{
	return app->have_stop ? app->tl->events[app->stop.ev].id : "";
}

void
app_report_view(const struct app *app, struct report_view *v, int all)
{
	memset(v, 0, sizeof *v);
	v->since = INT32_MIN;
	v->places = app->places;
	v->tl = app->tl;
	v->window_days = app->window_days;
	v->match = app->match;
	v->aggregate = app->aggregate;
	if (all) {
		/* every event: the window ends with the timeline */
		v->day = app->tl->last_day;
		v->upto = app->tl->nevents;
	} else {
		v->day = app->day;
		v->upto = app->have_stop ? timeline_reached(app->tl, &app->stop, NULL) : 0;
	}
}

void
app_print_keys(FILE *fp)
{
	size_t a;

	for (a = 1; a < ACT_COUNT; a++) {
		char keys[64];

		if (keys_for((enum action)a, keys, sizeof keys) > 0)
			fprintf(fp, "%-16s %s\n", keys, action_text[a]);
	}
}
