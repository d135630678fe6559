/*
 * options.c: what a run is told. One table of options serves the command
 * line and the config file alike: each option has one row and one
 * validator, so a value is checked, and its error worded, the same way
 * wherever it is given.
 */
#include "options.h"

#include <errno.h>
#include <getopt.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cache.h"
#include "import.h"
#include "places.h"
#include "report.h"
#include "text.h"
#include "util.h"

#define MAX_SIZE	2000

const char options_usage[] =
"usage: sitmap [options]\n"
"A terminal map of Mali's 2023 UN withdrawal, of any ACLED or UCDP export on a\n"
"world map fitted to it, or of any shapefile and events file.\n"
"\n"
"Output:\n"
"  (no option)            open the interactive viewer\n"
"  --dump                 print one frame as text and exit\n"
"  --size WxH             frame size for --dump (default 100x40)\n"
"  --charset braille|block|ascii   drawing characters (default: braille if UTF-8)\n"
"  --color, --no-color    ANSI colours in --dump; no colours in the viewer\n"
"  --list-events          print the events up to the moment (all without --date\n"
"                         or --event) in the window that pass the filter\n"
"  --format table|csv|json   how --list-events prints them (default table)\n"
"  --export csv|geojson   write every place's state at the moment, and exit\n"
"  -o, --output FILE      where --export and --list-events write (default stdout)\n"
"  --distance A B         straight-line distance between two places, in km\n"
"  --keys                 print the key bindings\n"
"  --cast FILE            record the timeline's playback as an asciinema v2 file\n"
"  --dump-all DIR         write a text frame per stop of an event into DIR\n"
"                         (a new or an empty one, unless --force)\n"
"  --force                let --dump-all write into a DIR that holds files\n"
"                         (a frame replaces a file, never a symlink's target)\n"
"  --step event|day|week|month   a frame per stop of an event (default), or per\n"
"                         day, week or month from the first event to the last\n"
"  --step-seconds S       seconds per frame in --cast (default 1; --fps N: 1/N)\n"
"\n"
"The moment and the view:\n"
"  --date YYYY-MM-DD|YYYY-MM   the situation at the end of that day (or month);\n"
"                         FROM..TO: each day (--dump, --export, --list-events)\n"
"  --event ID             the situation on the day of an event (e.g. E21)\n"
"  --center LAT,LON       centre of the view\n"
"  --zoom Z               zoom factor (1 = the whole map)\n"
"  --proj STRING          projection (proj-string or EPSG code)\n"
"  --window DAYS          count only the events of the DAYS days up to the moment\n"
"  --filter TEXT          only events whose type, actors, summary, place, id or\n"
"                         other columns have TEXT (accents and case ignored);\n"
"                         statuses still fold them all\n"
"\n"
"Data:\n"
"  --map FILE             draw this shapefile or GeoJSON file instead of the\n"
"                         default layers (repeatable)\n"
"  --overlay FILE         draw this shapefile or GeoJSON file on top of the\n"
"                         default layers (repeatable)\n"
"  --places FILE.csv      places (default: data/places.csv)\n"
"  --events FILE          events (default: data/events.csv), an ACLED or UCDP GED\n"
"                         export as CSV (, ; or tab) or API JSON, or an aggregate\n"
"                         (lat, lon, date, count: counts per cell and day),\n"
"                         detected from its start; .gz and .zip are read as they\n"
"                         are, and - (for --places too) is standard input\n"
"  --events-format acled|ucdp|sitmap|aggregate   the format of --events, when\n"
"                         detection is not wanted (--format NAME is the same)\n"
"  --scenario DIR         a scenario directory: scenario.conf, places, events and\n"
"                         layers (see man sitmap, SCENARIOS); default: the\n"
"                         bundled Mali\n"
"  --data-dir DIR         where maps/ and data/ are (default: looked up)\n"
"  --no-cache             neither read nor write the cache of projected layers\n"
"                         and loaded exports ($XDG_CACHE_HOME/sitmap;\n"
"                         SITMAP_NO_CACHE=1)\n"
"\n"
"  -h, --help             this text\n"
"  -V, --version          versions of sitmap and its libraries\n"
"\n"
"Exit status: 0 ok, 1 bad data or runtime error, 2 bad usage or no terminal.\n"
"Map data \xc2\xa9 OpenStreetMap contributors (ODbL 1.0), Natural Earth (public domain),\n"
"GeoNames (CC BY 4.0). See man sitmap and README.md.\n";

/* fmt has one %s, filled with arg cut short; text_error() makes it safe. */
static void __attribute__((noreturn))
usage_error(const char *fmt, const char *arg)
{
	char *clean = text_sanitize(arg, strlen(arg), 80);
	const char *hole = strstr(fmt, "%s");

	text_error("%.*s%s%s", (int)(hole - fmt), fmt, clean, hole + 2);
	fputs("Try 'sitmap --help'.\n", stderr);
	free(clean);
	exit(EXIT_USAGE);
}

/*
 * The validators: each reads an option's value (v[0], and v[1] for an
 * option of two), sets its part of the run, and returns 0, or -1 with
 * *why, the end of the message "--NAME \"VALUE\": WHY" (or "NAME \"VALUE\":
 * WHY" in the config file).
 */

static int
opt_size(struct options *r, const char *const *v, const char **why)
{
	const char *s = v[0];
	char *end;
	long a, b;

	*why = "expected WxH, each 1 to 2000";
	if (*s < '0' || *s > '9')
		return -1;
	a = strtol(s, &end, 10);
	if (*end != 'x' || end[1] < '0' || end[1] > '9')
		return -1;
	b = strtol(end + 1, &end, 10);
	if (*end != '\0' || a < 1 || b < 1 || a > MAX_SIZE || b > MAX_SIZE)
		return -1;
	r->w = (int)a;
	r->h = (int)b;
	return 0;
}

static int
opt_charset(struct options *r, const char *const *v, const char **why)
{
	static const char *const names[] = { "braille", "block", "ascii" };
	int i;

	for (i = 0; i < 3; i++)
		if (strcmp(v[0], names[i]) == 0) {
			r->charset = i == 0 ? CANVAS_BRAILLE : i == 1 ? CANVAS_BLOCK : CANVAS_ASCII;
			return 0;
		}
	*why = "expected braille, block or ascii";
	return -1;
}

/* --color is "always", --no-color "never"; the config file says which. */
static int
opt_color(struct options *r, const char *const *v, const char **why)
{
	if (strcmp(v[0], "always") == 0)
		r->color = 1;
	else if (strcmp(v[0], "never") == 0)
		r->color = 0;
	else if (strcmp(v[0], "auto") == 0)
		r->color = -1;
	else {
		*why = "expected auto, always or never";
		return -1;
	}
	return 0;
}

static int
opt_distance(struct options *r, const char *const *v, const char **why)
{
	(void)why;
	r->dist_a = v[0];
	r->dist_b = v[1];
	return 0;
}

/*
 * Why a --date FROM..TO is refused. A range is of days, as in the data
 * (date..end_date): a month at either end is given the days it stands for.
 */
static const char *
date_range_why(const char *s, const char *dots)
{
	static char buf[128];
	day_t alo, ahi, blo, bhi;
	enum date_prec ap, bp;
	char from[11], to[11];

	if (date_parse(s, (size_t)(dots - s), &alo, &ahi, &ap) != 0 || ap == DATE_RANGE ||
	    date_parse(dots + 2, strlen(dots + 2), &blo, &bhi, &bp) != 0 || bp == DATE_RANGE)
		return "expected a range of real days, YYYY-MM-DD..YYYY-MM-DD";
	if (alo > bhi)
		return "FROM is after TO";
	date_iso(from, alo);
	date_iso(to, bhi);
	snprintf(buf, sizeof buf, "a range FROM..TO is of days, YYYY-MM-DD..YYYY-MM-DD: "
	    "%s..%s for these", from, to);
	return buf;
}

static int
opt_date(struct options *r, const char *const *v, const char **why)
{
	enum date_prec prec;
	const char *dots = strstr(v[0], "..");

	if (date_parse(v[0], strlen(v[0]), &r->range_lo, &r->range_hi, &prec) != 0) {
		*why = dots != NULL ? date_range_why(v[0], dots) :
		    "expected a real date, YYYY-MM-DD or YYYY-MM (or FROM..TO, of days)";
		return -1;
	}
	r->range = prec == DATE_RANGE;
	r->o.date = v[0];
	return 0;
}

static int
opt_center(struct options *r, const char *const *v, const char **why)
{
	const char *s = v[0], *comma = strchr(s, ',');
	double lat, lon;

	if (comma == NULL) {
		*why = "expected LAT,LON";
		return -1;
	}
	if (places_parse_double(s, (size_t)(comma - s), &lat) != 0 ||
	    places_parse_double(comma + 1, strlen(comma + 1), &lon) != 0 ||
	    lat < -90 || lat > 90 || lon < -180 || lon > 180) {
		*why = "expected LAT,LON in degrees";
		return -1;
	}
	r->o.have_center = 1;
	r->o.center_lat = lat;
	r->o.center_lon = lon;
	return 0;
}

static int
opt_zoom(struct options *r, const char *const *v, const char **why)
{
	if (places_parse_double(v[0], strlen(v[0]), &r->o.zoom) != 0 || r->o.zoom < 0.01 ||
	    r->o.zoom > 100000) {
		*why = "expected a number from 0.01 to 100000";
		return -1;
	}
	return 0;
}

/* Checked when PROJ is loaded (not for a run served from the cache); see load_new(). */
static int
opt_proj(struct options *r, const char *const *v, const char **why)
{
	(void)why;
	free(r->proj);
	r->proj = xstrdup(v[0]);
	free(r->proj_where);
	r->proj_where = NULL;
	return 0;
}

/* --map and --overlay: a file more on a list of at most OPTIONS_MAX_MAPS. */
static int
add_file(const char **list, size_t *n, const char *file, const char *full,
    const char **why)
{
	if (*n == OPTIONS_MAX_MAPS) {
		*why = full;
		return -1;
	}
	list[(*n)++] = file;
	return 0;
}

static int
opt_map(struct options *r, const char *const *v, const char **why)
{
	return add_file(r->maps, &r->o.load.nmaps, v[0], "too many maps", why);
}

static int
opt_overlay(struct options *r, const char *const *v, const char **why)
{
	return add_file(r->overlays, &r->o.load.noverlays, v[0], "too many overlays", why);
}

static int
opt_data_dir(struct options *r, const char *const *v, const char **why)
{
	(void)why;
	free(r->data_dir);
	r->data_dir = xstrdup(v[0]);
	return 0;
}

/* A scenario directory: it must hold a scenario.conf (what it says is checked when read). */
static int
opt_scenario(struct options *r, const char *const *v, const char **why)
{
	struct stat st;
	char *conf;
	int ok;

	xasprintf(&conf, "%s/scenario.conf", v[0]);
	ok = stat(v[0], &st) == 0 && S_ISDIR(st.st_mode) && stat(conf, &st) == 0;
	free(conf);
	if (!ok) {
		*why = "expected a directory holding a scenario.conf";
		return -1;
	}
	free(r->scenario);
	r->scenario = xstrdup(v[0]);
	return 0;
}

/* screenshot-dir, in the config file only: copied, as the file's text is freed. */
static int
opt_shot_dir(struct options *r, const char *const *v, const char **why)
{
	if (v[0][0] == '\0') {
		*why = "expected a directory";
		return -1;
	}
	free(r->shot_dir);
	r->shot_dir = xstrdup(v[0]);
	return 0;
}

/* --no-cache is "off"; the config file says on or off. */
static int
opt_cache(struct options *r, const char *const *v, const char **why)
{
	if (strcmp(v[0], "on") != 0 && strcmp(v[0], "off") != 0) {
		*why = "expected on or off";
		return -1;
	}
	r->no_cache = strcmp(v[0], "off") == 0;
	return 0;
}

/* The cache directory's cap: a size of at least 1M (cache.c reads it). */
static int
opt_cache_size(struct options *r, const char *const *v, const char **why)
{
	if (cache_parse_size(v[0], &r->cache_max) != 0) {
		*why = "expected a size of at least 1M, such as 500M or 2G";
		return -1;
	}
	return 0;
}

/* Seconds per frame of --cast: from 0.001 to 3600. */
static int
seconds(const char *s, double *out, const char **why)
{
	if (places_parse_double(s, strlen(s), out) != 0 || *out < 0.001 || *out > 3600) {
		*why = "expected a number from 0.001 to 3600";
		return -1;
	}
	return 0;
}

static int
opt_step(struct options *r, const char *const *v, const char **why)
{
	return seconds(v[0], &r->step_seconds, why);
}

static int
opt_step_by(struct options *r, const char *const *v, const char **why)
{
	static const struct {
		const char		*name;
		enum options_step	 step;
	} steps[] = {
		{ "event", OPTIONS_STEP_EVENT },
		{ "day", OPTIONS_STEP_DAY },
		{ "week", OPTIONS_STEP_WEEK },
		{ "month", OPTIONS_STEP_MONTH },
	};
	size_t i;

	for (i = 0; i < sizeof steps / sizeof steps[0]; i++)
		if (strcmp(v[0], steps[i].name) == 0) {
			r->step = steps[i].step;
			r->step_given = 1;
			return 0;
		}
	*why = "expected event, day, week or month (seconds per frame: --step-seconds)";
	return -1;
}

static int
opt_fps(struct options *r, const char *const *v, const char **why)
{
	double fps;

	if (seconds(v[0], &fps, why) != 0)
		return -1;
	r->step_seconds = 1 / fps;
	return 0;
}

static int
opt_window(struct options *r, const char *const *v, const char **why)
{
	char *end;
	long days = strtol(v[0], &end, 10);

	if (*v[0] < '0' || *v[0] > '9' || *end != '\0' || days < 0 || days > 100000) {
		*why = "expected a number of days, 0 to 100000";
		return -1;
	}
	r->o.window_days = (int)days;
	return 0;
}

/* The names of output and input formats differ: one option takes both. */
static int
opt_format(struct options *r, const char *const *v, const char **why)
{
	if ((r->list_format = report_format_from_name(v[0])) >= 0 &&
	    r->list_format != REPORT_GEOJSON)
		return 0;
	r->list_format = -1;
	if ((r->o.load.format = import_format_from_name(v[0])) < 0) {
		*why = "expected table, csv or json (for --list-events)";
		return -1;
	}
	return 0;
}

static int
opt_events_format(struct options *r, const char *const *v, const char **why)
{
	if ((r->o.load.format = import_format_from_name(v[0])) < 0) {
		*why = "expected acled, ucdp, sitmap or aggregate";
		return -1;
	}
	return 0;
}

static int
opt_export(struct options *r, const char *const *v, const char **why)
{
	r->export_format = report_format_from_name(v[0]);
	if (r->export_format != REPORT_CSV && r->export_format != REPORT_GEOJSON) {
		*why = "expected csv or geojson";
		return -1;
	}
	return 0;
}

#define ARGS	1		/* on the command line */
#define CONFIG	2		/* in the config file */
#define AT(f)	offsetof(struct options, f)

/*
 * The options: one row each, for the command line and the config file
 * alike, with one validator. A flag (nargs 0) passes the validator the
 * value it stands for: --color is color = always, --no-cache cache = off.
 * A row without a validator sets the run's field at: to 1 for a flag, else
 * to its value (command-line values live as long as the run). The config
 * file takes the rows marked CONFIG, by the name or alias the command line
 * takes, each with a value; they come first, in the order its "unknown
 * setting" message lists them.
 */
static const struct opt_entry {
	const char	*name;		/* --NAME; NAME = in the config file */
	const char	*alias;		/* another spelling of it, or NULL */
	int		 letter;	/* -L as well, or 0 */
	int		 where;		/* ARGS, CONFIG or both */
	int		 nargs;		/* values it takes on the command line: 0, 1 or 2 */
	const char	*flag;		/* what a flag stands for */
	/* the validator, or NULL: then the row sets the field at */
	int		(*fn)(struct options *, const char *const *v, const char **why);
	size_t		 at;
} options[] = {
	{ "charset", NULL, 0, ARGS | CONFIG, 1, NULL, opt_charset, 0 },
	{ "color", "colour", 0, CONFIG, 1, NULL, opt_color, 0 },
	{ "size", NULL, 0, ARGS | CONFIG, 1, NULL, opt_size, 0 },
	{ "window", NULL, 0, ARGS | CONFIG, 1, NULL, opt_window, 0 },
	{ "step", NULL, 0, ARGS | CONFIG, 1, NULL, opt_step_by, 0 },
	{ "step-seconds", NULL, 0, ARGS | CONFIG, 1, NULL, opt_step, 0 },
	{ "cache", NULL, 0, CONFIG, 1, NULL, opt_cache, 0 },
	{ "cache-size", NULL, 0, CONFIG, 1, NULL, opt_cache_size, 0 },
	{ "proj", NULL, 0, ARGS | CONFIG, 1, NULL, opt_proj, 0 },
	{ "data-dir", NULL, 0, ARGS | CONFIG, 1, NULL, opt_data_dir, 0 },
	{ "scenario", NULL, 0, ARGS | CONFIG, 1, NULL, opt_scenario, 0 },
	{ "screenshot-dir", NULL, 0, CONFIG, 1, NULL, opt_shot_dir, 0 },
	{ "dump", NULL, 0, ARGS, 0, NULL, NULL, AT(dump) },
	{ "color", "colour", 0, ARGS, 0, "always", opt_color, 0 },
	{ "no-color", "no-colour", 0, ARGS, 0, "never", opt_color, 0 },
	{ "list-events", NULL, 0, ARGS, 0, NULL, NULL, AT(list) },
	{ "distance", NULL, 0, ARGS, 2, NULL, opt_distance, 0 },
	{ "keys", NULL, 0, ARGS, 0, NULL, NULL, AT(keys) },
	{ "date", NULL, 0, ARGS, 1, NULL, opt_date, 0 },
	{ "event", NULL, 0, ARGS, 1, NULL, NULL, AT(o.event_id) },
	{ "center", NULL, 0, ARGS, 1, NULL, opt_center, 0 },
	{ "zoom", NULL, 0, ARGS, 1, NULL, opt_zoom, 0 },
	{ "map", NULL, 0, ARGS, 1, NULL, opt_map, 0 },
	{ "overlay", NULL, 0, ARGS, 1, NULL, opt_overlay, 0 },
	{ "places", NULL, 0, ARGS, 1, NULL, NULL, AT(o.load.places_path) },
	{ "events", NULL, 0, ARGS, 1, NULL, NULL, AT(o.load.events_path) },
	{ "no-cache", NULL, 0, ARGS, 0, "off", opt_cache, 0 },
	{ "cast", NULL, 0, ARGS, 1, NULL, NULL, AT(cast_path) },
	{ "dump-all", NULL, 0, ARGS, 1, NULL, NULL, AT(dump_all_dir) },
	{ "force", NULL, 0, ARGS, 0, NULL, NULL, AT(force) },
	{ "fps", NULL, 0, ARGS, 1, NULL, opt_fps, 0 },
	{ "filter", NULL, 0, ARGS, 1, NULL, NULL, AT(o.filter) },
	{ "format", NULL, 0, ARGS, 1, NULL, opt_format, 0 },
	{ "events-format", NULL, 0, ARGS, 1, NULL, opt_events_format, 0 },
	{ "export", NULL, 0, ARGS, 1, NULL, opt_export, 0 },
	{ "output", NULL, 'o', ARGS, 1, NULL, NULL, AT(out_path) },
	{ "help", NULL, 'h', ARGS, 0, NULL, NULL, AT(help) },
	{ "version", NULL, 'V', ARGS, 0, NULL, NULL, AT(version) },
};
#define NOPTIONS	(sizeof options / sizeof options[0])

/* An option's value set: by its validator, or into its field; 0 or -1 with *why. */
static int
set_option(struct options *run, const struct opt_entry *e, const char *const *v,
    const char **why)
{
	char *field = (char *)run + e->at;

	if (e->fn != NULL)
		return e->fn(run, v, why);
	if (e->nargs == 0)
		*(int *)(void *)field = 1;
	else
		*(const char **)(void *)field = v[0];
	return 0;
}

/* A bad option value: "sitmap: --NAME "VALUE": WHY", then the pointer to --help. */
static void __attribute__((noreturn))
option_error(const struct opt_entry *e, const char *value, const char *why)
{
	char *fmt;

	xasprintf(&fmt, "--%s \"%%s\": %s", e->name, why);
	usage_error(fmt, value);
}

/* *cause = "PATH:LINE: " and fmt, whose one %s is filled with arg cut short; -1. */
static int
config_error(char **cause, const char *path, size_t line, const char *fmt, const char *arg)
{
	char *a = text_sanitize(arg, strlen(arg), 80);
	const char *hole = strstr(fmt, "%s");

	xasprintf(cause, "%s:%zu: %.*s%s%s", path, line, (int)(hole - fmt), fmt, a, hole + 2);
	free(a);
	return -1;
}

/* The row of an option by name or alias, among those that may stand where. */
static const struct opt_entry *
find_option(const char *name, int where)
{
	size_t i;

	for (i = 0; i < NOPTIONS; i++)
		if ((options[i].where & where) && (strcmp(name, options[i].name) == 0 ||
		    (options[i].alias != NULL && strcmp(name, options[i].alias) == 0)))
			return &options[i];
	return NULL;
}

/* The message for an unknown key, listing the known ones: "unknown setting \"%s\" (...)". */
static char *
unknown_setting_fmt(void)
{
	char *fmt = xstrdup("unknown setting \"%s\" ("), *more;
	size_t i;

	for (i = 0; i < NOPTIONS; i++) {
		if (!(options[i].where & CONFIG))
			continue;
		xasprintf(&more, "%s%s%s", fmt, fmt[strlen(fmt) - 1] == '(' ? "" : ", ",
		    options[i].name);
		free(fmt);
		fmt = more;
	}
	xasprintf(&more, "%s)", fmt);
	free(fmt);
	return more;
}

/* One "key = value" line (comments gone, NUL-terminated, cut in place); 0 or -1. */
static int
config_line(struct options *run, const char *path, size_t n, char *line, char **cause)
{
	const struct opt_entry *e;
	const char *why = NULL;
	char *key, *val, *eq, *c, *fmt;
	int r = 0;

	if ((c = strchr(line, '#')) != NULL)
		*c = '\0';
	key = util_trim_cut(line);
	if (*key == '\0')
		return 0;
	if ((eq = strchr(key, '=')) == NULL)
		return config_error(cause, path, n, "expected \"key = value\", not \"%s\"", key);
	*eq = '\0';
	key = util_trim_cut(key);
	val = util_trim_cut(eq + 1);
	if ((e = find_option(key, CONFIG)) == NULL) {
		fmt = unknown_setting_fmt();
		r = config_error(cause, path, n, fmt, key);
		free(fmt);
	} else if (set_option(run, e, (const char *const *)&val, &why) != 0) {
		/* the key as written: a name or its alias */
		xasprintf(&fmt, "%s \"%%s\": %s", key, why);
		r = config_error(cause, path, n, fmt, val);
		free(fmt);
	} else if (e->fn == opt_proj) {
		/* PROJ reads it later: its error names this line */
		xasprintf(&run->proj_where, "%s:%zu", path, n);
	}
	return r;
}

int
options_parse_config(struct options *run, const char *path, const char *buf, size_t len,
    char **cause)
{
	char *text, *line;
	size_t i = 0, n = 0;
	int r = 0;

	/* a UTF-8 byte order mark, as some editors write one */
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	text = xstrndup(buf + i, len - i);
	len -= i;
	/* line by line: LF, CR LF, or a CR alone ends a line */
	for (i = 0; i <= len && r == 0; i++) {
		size_t end;

		n++;
		line = text + i;
		for (end = i; end < len && text[end] != '\n' && text[end] != '\r' &&
		    text[end] != '\0'; end++)
			;
		if (end < len && text[end] == '\0') {
			/* nothing after a NUL may be silently lost */
			r = config_error(cause, path, n, "NUL byte%s", "");
			break;
		}
		if (end < len && text[end] == '\r' && end + 1 < len && text[end + 1] == '\n')
			text[end++] = '\0';
		text[end] = '\0';
		r = config_line(run, path, n, line, cause);
		i = end;
	}
	free(text);
	return r;
}

/*
 * $XDG_CONFIG_HOME/sitmap/config (or ~/.config/sitmap/config), optional:
 * "key = value" lines, # comments, the keys being the options' names
 * (options[], CONFIG). Strict: an unknown key or a bad value is an error
 * naming the line; a file that is there but cannot be read is an error too.
 * 0, or -1 and *cause.
 */
static int
read_config(struct options *run, char **cause)
{
	const char *x = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	char *path, *buf;
	size_t len;
	int ret;

	if (x != NULL && x[0] == '/')
		xasprintf(&path, "%s/sitmap/config", x);
	else if (home != NULL && home[0] == '/')
		xasprintf(&path, "%s/.config/sitmap/config", home);
	else
		return 0;
	if (util_read_input(path, 65536, UTIL_IN_REGULAR, &buf, &len, cause) != 0) {
		/* nothing there (nor a directory for it): no config */
		int absent = errno == ENOENT || errno == ENOTDIR;

		if (absent) {
			free(*cause);
			*cause = NULL;
		}
		free(path);
		return absent ? 0 : -1;
	}
	ret = options_parse_config(run, path, buf, len, cause);
	free(buf);
	free(path);
	return ret;
}

/* The command line, by the same rows as the config file, after it. */
static void
parse_args(struct options *run, int argc, char **argv)
{
	struct option lo[2 * NOPTIONS + 1];
	char letters[3 * NOPTIONS + 2] = ":";
	size_t i, n = 0, k = 1;
	int c;

	for (i = 0; i < NOPTIONS; i++) {
		const struct opt_entry *e = &options[i];
		int has = e->nargs > 0 ? required_argument : no_argument;

		if (!(e->where & ARGS))
			continue;
		lo[n].name = e->name, lo[n].has_arg = has, lo[n].flag = NULL;
		lo[n++].val = 256 + (int)i;
		if (e->alias != NULL) {
			lo[n].name = e->alias, lo[n].has_arg = has, lo[n].flag = NULL;
			lo[n++].val = 256 + (int)i;
		}
		if (e->letter != 0) {
			letters[k++] = (char)e->letter;
			if (e->nargs > 0)
				letters[k++] = ':';
		}
	}
	memset(&lo[n], 0, sizeof lo[n]);
	letters[k] = '\0';
	opterr = 0;
	while ((c = getopt_long(argc, argv, letters, lo, NULL)) != -1) {
		const struct opt_entry *e = NULL;
		const char *v[2] = { NULL, NULL }, *why = NULL;

		if (c == ':')
			usage_error("option %s needs a value", argv[optind - 1]);
		if (c >= 256)
			e = &options[c - 256];
		for (i = 0; e == NULL && c != '?' && i < NOPTIONS; i++)
			if (options[i].letter == c)
				e = &options[i];
		if (e == NULL)
			usage_error("unknown option \"%s\"", argv[optind - 1]);
		v[0] = e->nargs > 0 ? optarg : e->flag;
		if (e->nargs == 2) {
			if (optind >= argc)
				option_error(e, optarg, "needs two places");
			v[1] = argv[optind++];
		}
		if (set_option(run, e, v, &why) != 0)
			option_error(e, v[0], why);
		/* --help and --version answer at once, whatever follows */
		if (run->help || run->version)
			return;
	}
	if (optind < argc)
		usage_error("unexpected argument \"%s\"", argv[optind]);
}


void
options_read(struct options *run, int argc, char **argv, int utf8)
{
	char *config_cause = NULL;

	memset(run, 0, sizeof *run);
	run->o.load.format = -1;
	run->o.load.maps = run->maps;
	run->o.load.overlays = run->overlays;
	run->charset = run->color = run->list_format = run->export_format = -1;
	run->w = 100;
	run->h = 40;
	run->step_seconds = 1;
	/* told after the command line: --help, --version and --keys need no config */
	(void)read_config(run, &config_cause);
	/* the config file's step is a default for casts; the command line's asks for one */
	run->step_given = 0;
	parse_args(run, argc, argv);
	if (run->help || run->version || run->keys) {
		free(config_cause);
		return;
	}
	if (config_cause != NULL) {
		text_error("%s", config_cause);
		free(config_cause);
		exit(EXIT_USAGE);
	}
	if (run->force && run->dump_all_dir == NULL)
		usage_error("--force %s", "is for --dump-all: the other outputs replace their "
		    "file");
	if (run->o.date != NULL && run->o.event_id != NULL)
		usage_error("--date and --event %s", "choose the same thing; give one");
	if (run->list && run->export_format >= 0)
		usage_error("--list-events and --export %s", "are two reports; give one");
	if (run->list_format >= 0 && !run->list)
		usage_error("--format %s: only with --list-events (--export names its own)",
		    report_format_name((enum report_format)run->list_format));
	if (run->range && (run->cast_path != NULL || run->dump_all_dir != NULL ||
	    (!run->dump && !run->list && run->export_format < 0)))
		usage_error("--date \"%s\": a range FROM..TO is for --dump, --export and "
		    "--list-events", run->o.date);
	if (run->step_given && run->cast_path == NULL && run->dump_all_dir == NULL)
		usage_error("--step %s", "is for --cast and --dump-all");
	if (run->out_path != NULL && !run->list && run->export_format < 0)
		usage_error("-o \"%s\": only with --export or --list-events", run->out_path);
	/* a report needs no map: nothing is drawn or projected */
	run->o.load.data_only = run->list || run->export_format >= 0;
	if (run->charset < 0) {
		const char *term = getenv("TERM");

		/* the Linux console and real VTs have no braille glyphs */
		run->charset = utf8 && !(!run->dump && term != NULL &&
		    (strcmp(term, "linux") == 0 || strncmp(term, "vt", 2) == 0)) ?
		    CANVAS_BRAILLE : CANVAS_ASCII;
	}
	else if (!utf8 && run->charset != CANVAS_ASCII)
		run->charset = CANVAS_ASCII;	/* braille and blocks need a UTF-8 locale */
	run->o.mode = (enum canvas_mode)run->charset;
	run->o.load.proj = run->proj;
	run->o.load.proj_where = run->proj_where;
	run->o.load.scenario_dir = run->scenario;
}

void
options_free(struct options *run)
{
	free(run->proj);
	free(run->proj_where);
	free(run->data_dir);
	free(run->scenario);
	free(run->shot_dir);
}
