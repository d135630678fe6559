/* main.c: flags, locale, data paths, and the choice between the viewer and --dump. */
#include <errno.h>
#include <getopt.h>
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app.h"
#include "cache.h"
#include "canvas.h"
#include "date.h"
#include "dump.h"
#include "geojson.h"
#include "import.h"
#include "places.h"
#include "prj.h"
#include "report.h"
#include "shp.h"
#include "text.h"
#include "ui.h"
#include "util.h"

#define MAX_SIZE	2000
#define MAX_MAPS	32

static const char usage_text[] =
"usage: sitmap [options]\n"
"A terminal map of Mali's 2023 UN withdrawal, or of any map layer and events file.\n"
"\n"
"Output:\n"
"  (no option)            open the interactive viewer\n"
"  --dump                 print one frame as text and exit\n"
"  --size WxH             frame size for --dump (default 100x40)\n"
"  --charset braille|block|ascii   drawing characters (default: braille if UTF-8)\n"
"  --color, --no-color    ANSI colours in --dump; no colours in the viewer\n"
"  --list-events          print the events up to the moment (all without --date or\n"
"                         --event) in the window that pass the filter\n"
"  --format table|csv|json   how --list-events prints them (default table)\n"
"  --export csv|geojson   write every place's state at the moment, and exit\n"
"  -o, --output FILE      where --export and --list-events write (default: stdout)\n"
"  --distance A B         straight-line distance between two places, in km\n"
"  --keys                 print the key bindings\n"
"  --cast FILE            write the timeline's playback as an asciinema v2 recording\n"
"  --dump-all DIR         write one text frame per stop of an event into DIR\n"
"  --step event|day|week|month   a frame per stop of an event (default), or per\n"
"                         day, week or month from the first event to the last\n"
"  --step-seconds S       seconds per frame in --cast (default 1); --fps N: N per second\n"
"\n"
"The moment and the view:\n"
"  --date YYYY-MM-DD|YYYY-MM   the situation at the end of that day (or month);\n"
"                         FROM..TO: every day of it (--dump, --export, --list-events)\n"
"  --event ID             the situation on the day of an event (e.g. E21)\n"
"  --center LAT,LON       centre of the view\n"
"  --zoom Z               zoom factor (1 = the whole map)\n"
"  --proj STRING          projection (proj-string or EPSG code)\n"
"  --window DAYS          count only events of the last DAYS days up to the moment\n"
"  --filter TEXT          only events whose type, actors, summary, place or id has\n"
"                         TEXT (accents and case ignored); statuses still fold them all\n"
"\n"
"Data:\n"
"  --map FILE             draw this shapefile or GeoJSON file instead of the default\n"
"                         layers (repeatable)\n"
"  --overlay FILE         draw this shapefile or GeoJSON file on top of the default\n"
"                         layers (repeatable)\n"
"  --places FILE.csv      places (default: data/places.csv)\n"
"  --events FILE.csv      events (default: data/events.csv), or an ACLED or UCDP GED\n"
"                         export, detected from its header\n"
"  --events-format acled|ucdp|sitmap   the format of --events, when detection is not\n"
"                         wanted (--format acled|ucdp|sitmap is the same)\n"
"  --data-dir DIR         where maps/ and data/ are (default: found automatically)\n"
"  --no-cache             neither read nor write the projected-layer cache\n"
"                         ($XDG_CACHE_HOME/sitmap; SITMAP_NO_CACHE=1 does the same)\n"
"\n"
"  -h, --help             this text\n"
"  -V, --version          versions of sitmap and its libraries\n"
"\n"
"Exit status: 0 ok, 1 bad data or runtime error, 2 bad usage or no terminal.\n"
"Map data \xc2\xa9 OpenStreetMap contributors (ODbL 1.0), Natural Earth (public domain),\n"
"GeoNames (CC BY 4.0). See man sitmap and README.md.\n";

enum {
	OPT_DUMP = 256, OPT_SIZE, OPT_CHARSET, OPT_COLOR, OPT_NO_COLOR, OPT_LIST,
	OPT_DISTANCE, OPT_KEYS, OPT_DATE, OPT_EVENT, OPT_CENTER, OPT_ZOOM, OPT_PROJ,
	OPT_MAP, OPT_OVERLAY, OPT_PLACES, OPT_EVENTS, OPT_DATA_DIR, OPT_NO_CACHE,
	OPT_CAST, OPT_DUMP_ALL, OPT_STEP, OPT_FPS, OPT_WINDOW, OPT_FILTER, OPT_FORMAT,
	OPT_EVENTS_FORMAT, OPT_EXPORT, OPT_STEP_BY,
};

static const struct option long_options[] = {
	{ "dump", no_argument, NULL, OPT_DUMP },
	{ "size", required_argument, NULL, OPT_SIZE },
	{ "charset", required_argument, NULL, OPT_CHARSET },
	{ "color", no_argument, NULL, OPT_COLOR },
	{ "colour", no_argument, NULL, OPT_COLOR },
	{ "no-color", no_argument, NULL, OPT_NO_COLOR },
	{ "no-colour", no_argument, NULL, OPT_NO_COLOR },
	{ "list-events", no_argument, NULL, OPT_LIST },
	{ "distance", required_argument, NULL, OPT_DISTANCE },
	{ "keys", no_argument, NULL, OPT_KEYS },
	{ "date", required_argument, NULL, OPT_DATE },
	{ "event", required_argument, NULL, OPT_EVENT },
	{ "center", required_argument, NULL, OPT_CENTER },
	{ "zoom", required_argument, NULL, OPT_ZOOM },
	{ "proj", required_argument, NULL, OPT_PROJ },
	{ "map", required_argument, NULL, OPT_MAP },
	{ "overlay", required_argument, NULL, OPT_OVERLAY },
	{ "places", required_argument, NULL, OPT_PLACES },
	{ "events", required_argument, NULL, OPT_EVENTS },
	{ "data-dir", required_argument, NULL, OPT_DATA_DIR },
	{ "no-cache", no_argument, NULL, OPT_NO_CACHE },
	{ "cast", required_argument, NULL, OPT_CAST },
	{ "dump-all", required_argument, NULL, OPT_DUMP_ALL },
	{ "step", required_argument, NULL, OPT_STEP_BY },
	{ "step-seconds", required_argument, NULL, OPT_STEP },
	{ "fps", required_argument, NULL, OPT_FPS },
	{ "window", required_argument, NULL, OPT_WINDOW },
	{ "filter", required_argument, NULL, OPT_FILTER },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "events-format", required_argument, NULL, OPT_EVENTS_FORMAT },
	{ "export", required_argument, NULL, OPT_EXPORT },
	{ "output", required_argument, NULL, 'o' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

/* fmt has one %s, filled with arg made safe for the terminal. */
static void __attribute__((noreturn))
usage_error(const char *fmt, const char *arg)
{
	char *clean = text_sanitize(arg, strlen(arg), 80);
	const char *hole = strstr(fmt, "%s");

	fprintf(stderr, "sitmap: %.*s%s%s\nTry 'sitmap --help'.\n",
	    (int)(hole - fmt), fmt, clean, hole + 2);
	free(clean);
	exit(EXIT_USAGE);
}

static int
parse_size(const char *s, int *w, int *h)
{
	char *end;
	long a, b;

	if (*s < '0' || *s > '9')
		return -1;
	a = strtol(s, &end, 10);
	if (*end != 'x' || end[1] < '0' || end[1] > '9')
		return -1;
	b = strtol(end + 1, &end, 10);
	if (*end != '\0' || a < 1 || b < 1 || a > MAX_SIZE || b > MAX_SIZE)
		return -1;
	*w = (int)a;
	*h = (int)b;
	return 0;
}

static int
has_data(const char *dir)
{
	struct stat st;
	char *p;
	int ok;

	xasprintf(&p, "%s/maps/mali_admin0.shp", dir);
	ok = stat(p, &st) == 0;
	free(p);
	return ok;
}

/* $SITMAP_DATA, then beside the executable (a build tree) or in ../share/sitmap, then the install path. */
static char *
find_data_dir(void)
{
	const char *env = getenv("SITMAP_DATA");
	char exe[PATH_MAX];
	ssize_t n;

	if (env != NULL && env[0] != '\0')
		return xstrdup(env);
	if ((n = readlink("/proc/self/exe", exe, sizeof exe - 1)) > 0) {
		char *slash;

		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL) {
			char *share;

			*slash = '\0';
			if (has_data(exe))
				return xstrdup(exe);
			/* PREFIX/bin/sitmap finds PREFIX/share/sitmap, even when relocated */
			xasprintf(&share, "%s/../share/sitmap", exe);
			if (has_data(share))
				return share;
			free(share);
		}
	}
	return xstrdup(SITMAP_DATADIR);
}

/* --step: a frame per stop of an event, or per day, week (7 days) or month. */
enum { STEP_EVENT, STEP_DAY, STEP_WEEK, STEP_MONTH };

/*
 * Moves to frame i of a walk by day, week or month over first..last; 0, or
 * -1 after the last. Weeks end with a frame on the last day; a month's
 * frame is its last day (the last one: the last day of the walk).
 */
static int
step_to(struct app *app, int unit, size_t i, day_t first, day_t last, day_t *day)
{
	day_t d;

	if (unit == STEP_MONTH) {
		int y, m, dd;

		date_to_ymd(first, &y, &m, &dd);
		m += (int)(i % 12) + 1;
		y += (int)(i / 12) + (m > 12);
		m = m > 12 ? m - 12 : m;
		if (y > 9999 || date_from_ymd(y, m, 1, &d) != 0)
			d = last + 1;
		d--;			/* the day before the next month's first */
	} else {
		d = (day_t)((int64_t)first + (int64_t)i * (unit == STEP_WEEK ? 7 : 1));
	}
	if (d > last) {
		/* the walk ends on the last day, whatever the step */
		if (i > 0 && *day >= last)
			return -1;
		d = last;
	}
	*day = d;
	app_set_day(app, d);
	return 0;
}

/*
 * --cast and --dump-all: a frame per stop (an event is reached on each of its
 * days): on an event's first stop the same as --dump --event ID, on the last
 * stop of a day the same as --dump --date of that day. With --step day,
 * week or month, a frame per such day, the same as --dump --date. The cast
 * is titled as the viewer is, with the span it covers, and its last frame
 * lasts a step like the others.
 */
static int
write_frames(struct app *app, const struct app_options *o, int w, int h, int color,
    const char *cast_path, const char *dir, double step, int unit)
{
	struct canvas *cv = canvas_new(w, h, o->mode);
	FILE *cast = NULL;
	day_t first = 0, last = 0, day = 0;
	char *title, span[64] = "";
	size_t i;
	int status = 0, have = app_span(app, &first, &last) == 0;

	if (cast_path != NULL && (cast = fopen(cast_path, "w")) == NULL) {
		fprintf(stderr, "sitmap: %s: %s\n", cast_path, strerror(errno));
		canvas_free(cv);
		return EXIT_DATA;
	}
	if (dir != NULL && mkdir(dir, 0777) == -1 && errno != EEXIST) {
		fprintf(stderr, "sitmap: %s: %s\n", dir, strerror(errno));
		status = EXIT_DATA;
		goto out;
	}
	if (have)
		date_format(span, sizeof span, first, last, first == last ? DATE_DAY : DATE_RANGE);
	xasprintf(&title, "%s%s%s", app_title(app), have ? " | " : "", span);
	if (cast != NULL)
		dump_cast_header(cast, w, h, title);
	free(title);
	for (i = 0; unit == STEP_EVENT ? app_walk(app, i == 0) == 0 :
	    have && step_to(app, unit, i, first, last, &day) == 0; i++) {
		app_render(app, cv);
		if (cast != NULL && dump_cast_frame(cv, cast, (double)i * step, color) != 0) {
			fprintf(stderr, "sitmap: %s: write error\n", cast_path);
			status = EXIT_DATA;
			goto out;
		}
		if (dir != NULL) {
			char *path, *id, *c;
			FILE *fp;

			if (unit == STEP_EVENT) {
				id = text_sanitize(app_event_id(app), strlen(app_event_id(app)), 64);
			} else {
				id = xmalloc(11);
				date_iso(id, day);
			}
			for (c = id; *c != '\0'; c++)	/* an id is no path */
				if (*c == '/' || *c == '.')
					*c = '_';
			xasprintf(&path, "%s/%04zu-%s.txt", dir, i + 1, id);
			free(id);
			if ((fp = fopen(path, "w")) == NULL || dump_write(cv, fp, color) != 0) {
				fprintf(stderr, "sitmap: %s: %s\n", path, strerror(errno));
				if (fp != NULL)
					fclose(fp);
				free(path);
				status = EXIT_DATA;
				goto out;
			}
			fclose(fp);
			free(path);
		}
	}
	/* the last frame is held for a step: a player ends at the last event's time */
	if (cast != NULL && i > 0)
		fprintf(cast, "[%.3f, \"o\", \"\"]\n", (double)i * step);
out:
	if (cast != NULL && fclose(cast) != 0 && status == 0) {
		fprintf(stderr, "sitmap: %s: write error\n", cast_path);
		status = EXIT_DATA;
	}
	canvas_free(cv);
	return status;
}

/* What a config file may set; the command line overrides it. */
struct settings {
	int		 charset, color, w, h, window;
	double		 step;
	char		*proj, *data_dir;
	int		 no_cache;
};

/* s without leading and trailing blanks (cut in place). */
static char *
trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	for (e = s + strlen(s); e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'); e--)
		e[-1] = '\0';
	return s;
}

static int
config_error(const char *path, size_t line, const char *fmt, const char *arg)
{
	char *a = text_sanitize(arg, strlen(arg), 80), *p = text_sanitize(path,
	    strlen(path), 4096);
	const char *hole = strstr(fmt, "%s");

	fprintf(stderr, "sitmap: %s:%zu: %.*s%s%s\n", p, line, (int)(hole - fmt), fmt, a,
	    hole + 2);
	free(a);
	free(p);
	return -1;
}

/*
 * $XDG_CONFIG_HOME/sitmap/config (or ~/.config/sitmap/config), optional:
 * "key = value" lines, # comments. Strict: an unknown key or a bad value
 * is an error naming the line.
 */
static int
read_config(struct settings *st)
{
	const char *x = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	char *path, *buf, *cause = NULL, *line, *save = NULL;
	size_t len, n = 0;
	int ret = 0;

	if (x != NULL && x[0] == '/')
		xasprintf(&path, "%s/sitmap/config", x);
	else if (home != NULL && home[0] == '/')
		xasprintf(&path, "%s/.config/sitmap/config", home);
	else
		return 0;
	if (access(path, F_OK) != 0) {
		free(path);
		return 0;
	}
	if (util_read_file(path, 65536, &buf, &len, &cause) != 0) {
		fprintf(stderr, "sitmap: %s\n", cause);
		free(cause);
		free(path);
		return -1;
	}
	/* strtok_r would merge blank lines and lose the numbering */
	for (line = buf; line != NULL && ret == 0; line = save) {
		char *key, *val, *eq, *e;
		double d;

		n++;
		if ((save = strchr(line, '\n')) != NULL)
			*save++ = '\0';
		if ((e = strchr(line, '#')) != NULL)
			*e = '\0';
		key = trim(line);
		if (*key == '\0')
			continue;
		if ((eq = strchr(key, '=')) == NULL) {
			ret = config_error(path, n, "expected \"key = value\", not \"%s\"", key);
			break;
		}
		*eq = '\0';
		key = trim(key);
		val = trim(eq + 1);
		if (strcmp(key, "charset") == 0) {
			st->charset = strcmp(val, "braille") == 0 ? CANVAS_BRAILLE :
			    strcmp(val, "block") == 0 ? CANVAS_BLOCK :
			    strcmp(val, "ascii") == 0 ? CANVAS_ASCII : -2;
			if (st->charset == -2)
				ret = config_error(path, n,
				    "charset \"%s\": expected braille, block or ascii", val);
		} else if (strcmp(key, "color") == 0) {
			st->color = strcmp(val, "always") == 0 ? 1 : strcmp(val, "never") == 0 ?
			    0 : strcmp(val, "auto") == 0 ? -1 : -2;
			if (st->color == -2)
				ret = config_error(path, n,
				    "color \"%s\": expected auto, always or never", val);
		} else if (strcmp(key, "size") == 0) {
			if (parse_size(val, &st->w, &st->h) != 0)
				ret = config_error(path, n,
				    "size \"%s\": expected WxH, each 1 to 2000", val);
		} else if (strcmp(key, "window") == 0) {
			long v = strtol(val, &e, 10);

			if (*val < '0' || *val > '9' || *e != '\0' || v > 100000)
				ret = config_error(path, n,
				    "window \"%s\": expected a number of days, 0 to 100000", val);
			st->window = (int)v;
		} else if (strcmp(key, "step-seconds") == 0) {
			if (places_parse_double(val, strlen(val), &d) != 0 || d < 0.001 || d > 3600)
				ret = config_error(path, n,
				    "step-seconds \"%s\": expected a number from 0.001 to 3600", val);
			st->step = d;
		} else if (strcmp(key, "cache") == 0) {
			st->no_cache = strcmp(val, "off") == 0;
			if (!st->no_cache && strcmp(val, "on") != 0)
				ret = config_error(path, n, "cache \"%s\": expected on or off", val);
		} else if (strcmp(key, "proj") == 0) {
			free(st->proj);
			st->proj = xstrdup(val);
		} else if (strcmp(key, "data-dir") == 0) {
			free(st->data_dir);
			st->data_dir = xstrdup(val);
		} else {
			ret = config_error(path, n, "unknown setting \"%s\" (charset, color, "
			    "size, window, step-seconds, cache, proj, data-dir)", key);
		}
	}
	free(buf);
	free(path);
	return ret;
}

static const char *
format_name(int f)
{
	static const char *const names[] = { "table", "csv", "json", "geojson" };

	return f >= 0 && f < 4 ? names[f] : "?";
}

/*
 * --list-events and --export: the report at the moment, to a file or stdout.
 * A range FROM..TO lists the events of those days, and exports every day.
 */
static int
write_report(struct app *app, const struct app_options *o, int format, int list,
    const char *out_path, int range, day_t lo, day_t hi)
{
	struct report_view v, *vs = &v;
	struct report_out *out;
	char *cause = NULL;
	size_t n = 1, k;
	FILE *fp;
	int r;

	if ((out = report_open(out_path, &fp, &cause)) == NULL) {
		fprintf(stderr, "sitmap: %s\n", cause);
		free(cause);
		return EXIT_DATA;
	}
	if (range && list) {
		app_set_day(app, hi);
		app_report_view(app, &v, 0);
		v.since = lo;
	} else if (range) {
		n = (size_t)((int64_t)hi - lo + 1);
		vs = xcalloc(n, sizeof *vs);
		for (k = 0; k < n; k++) {
			app_set_day(app, lo + (day_t)k);
			app_report_view(app, &vs[k], 0);
		}
	} else {
		/* a list without a moment is of every event */
		app_report_view(app, &v, list && o->date == NULL && o->event_id == NULL);
	}
	if (list)
		r = report_list(&v, format < 0 ? REPORT_TABLE : (enum report_format)format, fp);
	else
		r = report_export(vs, n, (enum report_format)format, fp);
	if (vs != &v)
		free(vs);
	if (report_close(out, &cause) != 0) {
		fprintf(stderr, "sitmap: %s\n", cause);
		free(cause);
		return EXIT_DATA;
	}
	return r == 0 ? 0 : EXIT_DATA;
}

static void
print_version(void)
{
	printf("sitmap %s\n", SITMAP_VERSION);
	printf("PROJ %s\nshapelib %s\n%s\nncurses %s\n", prj_version(), shp_version(),
	    geojson_version(), ui_curses_version());
}

int
main(int argc, char **argv)
{
	const char *maps[MAX_MAPS], *overlays[MAX_MAPS], *dist_a = NULL, *dist_b = NULL;
	struct app_options o;
	struct ui_options uo;
	struct app *app;
	char *cause = NULL, *data_dir = NULL;
	int dump = 0, list = 0, keys = 0, color = -1, w = 100, h = 40, c, utf8;
	int charset = -1, status = 0, list_format = -1, export_format = -1, range = 0;
	day_t range_lo = 0, range_hi = 0;
	const char *cast_path = NULL, *dump_all_dir = NULL, *out_path = NULL;
	char *config_proj = NULL;
	double step_seconds = 1;
	int step_unit = STEP_EVENT;

	/* curses needs LC_CTYPE from the environment; numbers are always read as in C */
	setlocale(LC_ALL, "");
	setlocale(LC_NUMERIC, "C");
	utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;

	memset(&o, 0, sizeof o);
	o.format = -1;
	o.maps = maps;
	o.overlays = overlays;
	{
		struct settings st = { -1, -1, 100, 40, 0, 1, NULL, NULL, 0 };

		if (read_config(&st) != 0)
			return EXIT_USAGE;
		charset = st.charset;
		color = st.color;
		w = st.w;
		h = st.h;
		o.window_days = st.window;
		step_seconds = st.step;
		/* kept for the whole run, like argv */
		o.proj = config_proj = st.proj;
		data_dir = st.data_dir;
		if (st.no_cache)
			cache_disable();
	}
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":hVo:", long_options, NULL)) != -1) {
		switch (c) {
		case OPT_DUMP:
			dump = 1;
			break;
		case OPT_SIZE:
			if (parse_size(optarg, &w, &h) != 0)
				usage_error("--size \"%s\": expected WxH, each 1 to 2000", optarg);
			break;
		case OPT_CHARSET:
			if (strcmp(optarg, "braille") == 0)
				charset = CANVAS_BRAILLE;
			else if (strcmp(optarg, "block") == 0)
				charset = CANVAS_BLOCK;
			else if (strcmp(optarg, "ascii") == 0)
				charset = CANVAS_ASCII;
			else
				usage_error("--charset \"%s\": expected braille, block or ascii",
				    optarg);
			break;
		case OPT_COLOR:
			color = 1;
			break;
		case OPT_NO_COLOR:
			color = 0;
			break;
		case OPT_LIST:
			list = 1;
			break;
		case OPT_DISTANCE:
			if (optind >= argc)
				usage_error("--distance \"%s\": needs two places", optarg);
			dist_a = optarg;
			dist_b = argv[optind++];
			break;
		case OPT_KEYS:
			keys = 1;
			break;
		case OPT_DATE: {
			enum date_prec prec;

			if (date_parse(optarg, strlen(optarg), &range_lo, &range_hi, &prec) != 0)
				usage_error("--date \"%s\": expected a real date, YYYY-MM-DD or "
				    "YYYY-MM (or FROM..TO)", optarg);
			range = prec == DATE_RANGE;
			o.date = optarg;
			break;
		}
		case OPT_EVENT:
			o.event_id = optarg;
			break;
		case OPT_CENTER: {
			char *end;
			double lat, lon;

			if ((end = strchr(optarg, ',')) == NULL)
				usage_error("--center \"%s\": expected LAT,LON", optarg);
			if (places_parse_double(optarg, (size_t)(end - optarg), &lat) != 0 ||
			    places_parse_double(end + 1, strlen(end + 1), &lon) != 0 ||
			    lat < -90 || lat > 90 || lon < -180 || lon > 180)
				usage_error("--center \"%s\": expected LAT,LON in degrees", optarg);
			o.have_center = 1;
			o.center_lat = lat;
			o.center_lon = lon;
			break;
		}
		case OPT_ZOOM:
			if (places_parse_double(optarg, strlen(optarg), &o.zoom) != 0 || o.zoom < 0.01 ||
			    o.zoom > 100000)
				usage_error("--zoom \"%s\": expected a number from 0.01 to 100000",
				    optarg);
			break;
		case OPT_PROJ:
			o.proj = optarg;
			break;
		case OPT_MAP:
			if (o.nmaps == MAX_MAPS)
				usage_error("--map \"%s\": too many maps", optarg);
			maps[o.nmaps++] = optarg;
			break;
		case OPT_OVERLAY:
			if (o.noverlays == MAX_MAPS)
				usage_error("--overlay \"%s\": too many overlays", optarg);
			overlays[o.noverlays++] = optarg;
			break;
		case OPT_PLACES:
			o.places_path = optarg;
			break;
		case OPT_EVENTS:
			o.events_path = optarg;
			break;
		case OPT_DATA_DIR:
			free(data_dir);
			data_dir = xstrdup(optarg);
			break;
		case OPT_NO_CACHE:
			cache_disable();
			break;
		case OPT_CAST:
			cast_path = optarg;
			break;
		case OPT_WINDOW: {
			char *end;
			long v = strtol(optarg, &end, 10);

			if (*optarg < '0' || *optarg > '9' || *end != '\0' || v < 0 || v > 100000)
				usage_error("--window \"%s\": expected a number of days, 0 to 100000",
				    optarg);
			o.window_days = (int)v;
			break;
		}
		case OPT_FILTER:
			o.filter = optarg;
			break;
		case OPT_FORMAT:
			/* the names of output and input formats differ: one option takes both */
			if ((list_format = report_format_from_name(optarg)) >= 0 &&
			    list_format != REPORT_GEOJSON)
				break;
			list_format = -1;
			if ((o.format = import_format_from_name(optarg)) < 0)
				usage_error("--format \"%s\": expected table, csv or json (for "
				    "--list-events)", optarg);
			break;
		case OPT_EVENTS_FORMAT:
			if ((o.format = import_format_from_name(optarg)) < 0)
				usage_error("--events-format \"%s\": expected acled, ucdp or sitmap",
				    optarg);
			break;
		case OPT_EXPORT:
			export_format = report_format_from_name(optarg);
			if (export_format != REPORT_CSV && export_format != REPORT_GEOJSON)
				usage_error("--export \"%s\": expected csv or geojson", optarg);
			break;
		case 'o':
			out_path = optarg;
			break;
		case OPT_DUMP_ALL:
			dump_all_dir = optarg;
			break;
		case OPT_STEP:
		case OPT_FPS: {
			double v;

			if (places_parse_double(optarg, strlen(optarg), &v) != 0 || v < 0.001 || v > 3600)
				usage_error(c == OPT_STEP ?
				    "--step-seconds \"%s\": expected a number from 0.001 to 3600" :
				    "--fps \"%s\": expected a number from 0.001 to 3600", optarg);
			step_seconds = c == OPT_STEP ? v : 1 / v;
			break;
		}
		case OPT_STEP_BY: {
			static const char *const units[] = { "event", "day", "week", "month" };

			for (step_unit = 0; step_unit < 4; step_unit++)
				if (strcmp(optarg, units[step_unit]) == 0)
					break;
			if (step_unit == 4)
				usage_error("--step \"%s\": expected event, day, week or month (seconds "
				    "per frame: --step-seconds)", optarg);
			break;
		}
		case 'h':
			fputs(usage_text, stdout);
			return 0;
		case 'V':
			print_version();
			return 0;
		case ':':
			usage_error("option %s needs a value", argv[optind - 1]);
		default:
			usage_error("unknown option \"%s\"", argv[optind - 1]);
		}
	}
	if (optind < argc)
		usage_error("unexpected argument \"%s\"", argv[optind]);
	if (keys) {
		app_print_keys(stdout);
		return 0;
	}
	if (o.date != NULL && o.event_id != NULL)
		usage_error("--date and --event %s", "choose the same thing; give one");
	if (list && export_format >= 0)
		usage_error("--list-events and --export %s", "are two reports; give one");
	if (list_format >= 0 && !list)
		usage_error("--format %s: only with --list-events (--export names its own)",
		    format_name(list_format));
	if (range && (cast_path != NULL || dump_all_dir != NULL ||
	    (!dump && !list && export_format < 0)))
		usage_error("--date \"%s\": a range FROM..TO is for --dump, --export and "
		    "--list-events", o.date);
	if (step_unit != STEP_EVENT && cast_path == NULL && dump_all_dir == NULL)
		usage_error("--step %s", "is for --cast and --dump-all");
	if (out_path != NULL && !list && export_format < 0)
		usage_error("-o \"%s\": only with --export or --list-events", out_path);
	/* a report needs no map: nothing is drawn or projected */
	o.data_only = list || export_format >= 0;
	if (charset < 0) {
		const char *term = getenv("TERM");

		/* the Linux console and real VTs have no braille glyphs */
		charset = utf8 && !(!dump && term != NULL && (strcmp(term, "linux") == 0 ||
		    strncmp(term, "vt", 2) == 0)) ? CANVAS_BRAILLE : CANVAS_ASCII;
	}
	else if (!utf8 && charset != CANVAS_ASCII)
		charset = CANVAS_ASCII;	/* braille and blocks need a UTF-8 locale */
	o.mode = (enum canvas_mode)charset;
	o.data_dir = data_dir != NULL ? data_dir : (data_dir = find_data_dir());

	if ((app = app_new(&o, &cause)) == NULL) {
		fprintf(stderr, "sitmap: %s\n", cause);
		free(cause);
		free(data_dir);
		return EXIT_DATA;
	}
	if (list || export_format >= 0) {
		status = write_report(app, &o, list ? list_format : export_format, list,
		    out_path, range, range_lo, range_hi);
	} else if (dist_a != NULL) {
		if (app_distance(app, dist_a, dist_b, stdout, &cause) != 0) {
			fprintf(stderr, "sitmap: %s\n", cause);
			free(cause);
			status = EXIT_USAGE;
		}
	} else if (cast_path != NULL || dump_all_dir != NULL) {
		status = write_frames(app, &o, w, h, color == 1, cast_path, dump_all_dir,
		    step_seconds, step_unit);
	} else if (dump) {
		struct canvas *cv = canvas_new(w, h, o.mode);
		day_t d = range_lo;

		/* a range: a frame per day, one after the other */
		do {
			if (range)
				app_set_day(app, d);
			app_render(app, cv);
			if (dump_write(cv, stdout, color == 1) != 0) {
				fprintf(stderr, "sitmap: cannot write the dump to standard "
				    "output\n");
				status = EXIT_DATA;
				break;
			}
		} while (range && d++ < range_hi);
		canvas_free(cv);
	} else {
		const char *nc = getenv("NO_COLOR");

		uo.color = color != 0 && !(nc != NULL && nc[0] != '\0');
		uo.ascii = o.mode == CANVAS_ASCII;
		uo.mode = o.mode;
		if (ui_run(app, &uo, &cause) != 0) {
			fprintf(stderr, "sitmap: %s\n", cause);
			free(cause);
			status = EXIT_USAGE;
		}
	}
	app_free(app);
	free(data_dir);
	free(config_proj);
	return status;
}
