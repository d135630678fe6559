/*
 * scenario.c: a scenario directory's scenario.conf, the world scenario the
 * view falls back to for data elsewhere, and the title of a file's
 * countries. The format is in scenario.h and sitmap.1 (SCENARIOS); the
 * bundled Mali data is data/scenario.conf.
 */
#include "scenario.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "places.h"
#include "text.h"
#include "util.h"

#define CONF_MAX_BYTES	65536

/*
 * The world layers, bottom first, each cut to the region a view needs
 * (fit_region()). As the Mali scenario draws Mali's regions and its
 * neighbours' outlines, the countries the data names have their regions
 * and a border of their own; the others are neighbours.
 */
static const struct {
	const char	*file;
	enum style	 style;
	int		 towns;
	int		 countries;	/* SCENARIO_IN, SCENARIO_OUT or 0 */
	const char	*field;		/* the country's name in it */
	const char	*title;
} world_layers[] = {
	{ "maps/world_lakes.shp", STYLE_WATER, 0, 0, NULL, "lakes" },
	{ "maps/world_rivers.shp", STYLE_RIVER, 0, 0, NULL, "rivers" },
	{ "maps/world_countries.shp", STYLE_NEIGHBOUR, 0, SCENARIO_OUT, "name",
	    "neighbouring countries" },
	{ "maps/world_admin1.shp", STYLE_REGION, 0, SCENARIO_IN, "adm0", "regions" },
	{ "maps/world_countries.shp", STYLE_BORDER, 0, SCENARIO_IN, "name", "countries" },
	{ "maps/world_towns.shp", STYLE_LABEL, 1, 0, NULL, "towns (GeoNames)" },
};
#define NWORLD	(sizeof world_layers / sizeof world_layers[0])

static const struct {
	const char	*name;
	enum style	 style;
} style_names[] = {
	{ "border", STYLE_BORDER }, { "region", STYLE_REGION },
	{ "neighbours", STYLE_NEIGHBOUR }, { "neighbors", STYLE_NEIGHBOUR },
	{ "water", STYLE_WATER }, { "river", STYLE_RIVER }, { "map", STYLE_MAP },
	{ "towns", STYLE_LABEL },
};

int
scenario_style(const char *name, int *towns)
{
	size_t i;

	*towns = strcmp(name, "towns") == 0;
	for (i = 0; i < sizeof style_names / sizeof style_names[0]; i++)
		if (strcmp(name, style_names[i].name) == 0)
			return (int)style_names[i].style;
	return -1;
}

static char *
join(const char *dir, const char *rel)
{
	char *p;

	if (rel[0] == '/')
		return xstrdup(rel);
	xasprintf(&p, "%s/%s", dir, rel);
	return p;
}

static int
exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

static void
add_world(struct scenario *sc, const char *data_dir)
{
	size_t i;

	for (i = 0; i < NWORLD && sc->nlayers < SCENARIO_MAX_LAYERS; i++) {
		struct scenario_layer *l = &sc->layers[sc->nlayers++];

		l->path = join(data_dir, world_layers[i].file);
		l->style = world_layers[i].style;
		l->towns = world_layers[i].towns;
		l->countries = world_layers[i].countries;
		l->field = world_layers[i].field;
		l->title = xstrdup(world_layers[i].title);
		l->cut = 1;
	}
}

struct scenario *
scenario_world(const char *data_dir)
{
	struct scenario *sc = xcalloc(1, sizeof *sc);

	sc->dir = xstrdup(data_dir);
	sc->path = xstrdup("(the world layers)");
	sc->home = SCENARIO_HOME_DATA;
	sc->initial_from = INT32_MIN;
	sc->world = 1;
	add_world(sc, data_dir);
	return sc;
}

void
scenario_free(struct scenario *sc)
{
	size_t i;

	if (sc == NULL)
		return;
	for (i = 0; i < sc->nlayers; i++) {
		free(sc->layers[i].path);
		free(sc->layers[i].title);
	}
	free(sc->dir);
	free(sc->path);
	free(sc->title);
	free(sc->proj);
	free(sc->home_layer);
	free(sc->places);
	free(sc->events);
	for (i = 0; i < STATUS_COUNT; i++)
		free(sc->status_label[i]);
	free(sc);
}

/* The next word of *s (a "double-quoted" one may hold blanks), cut in place; NULL at the end. */
static char *
word(char **s, int *bad)
{
	char *p = *s, *w;

	*bad = 0;
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '\0')
		return NULL;
	if (*p == '"') {
		w = ++p;
		if ((p = strchr(p, '"')) == NULL) {
			*bad = 1;
			return NULL;
		}
		*p++ = '\0';
	} else {
		w = p;
		while (*p != '\0' && *p != ' ' && *p != '\t')
			p++;
		if (*p != '\0')
			*p++ = '\0';
	}
	*s = p;
	return w;
}

/* Appends tail to *s. */
static void
free_append(char **s, const char *tail)
{
	char *t;

	xasprintf(&t, "%s%s", *s, tail);
	free(*s);
	*s = t;
}

/* "PATH:LINE: " and fmt, whose one %s gets arg sanitised; -1. */
static int
conf_error(char **cause, const struct scenario *sc, size_t line, const char *fmt,
    const char *arg)
{
	char *a = text_sanitize(arg, strlen(arg), 80);
	const char *hole = strstr(fmt, "%s");

	xasprintf(cause, "%s:%zu: %.*s%s%s", sc->path, line, (int)(hole - fmt), fmt, a,
	    hole + 2);
	free(a);
	return -1;
}

static int
parse_home(struct scenario *sc, char *val, size_t line, char **cause)
{
	double d[4];
	char v[256], *w, *rest = val;
	int bad, k;

	/* word() cuts val: v is the line's value for the messages */
	snprintf(v, sizeof v, "%s", val);
	if (strcmp(v, "data") == 0) {
		sc->home = SCENARIO_HOME_DATA;
		return 0;
	}
	if (strncmp(v, "layer", 5) == 0 && (v[5] == ' ' || v[5] == '\t')) {
		rest = val + 5;
		if ((w = word(&rest, &bad)) == NULL || word(&rest, &bad) != NULL)
			return conf_error(cause, sc, line, "home \"%s\": expected \"layer NAME\"",
			    v);
		sc->home = SCENARIO_HOME_LAYER;
		sc->home_layer = xstrdup(w);
		return 0;
	}
	for (k = 0; k < 4; k++)
		if ((w = word(&rest, &bad)) == NULL || places_parse_double(w, strlen(w), &d[k]) != 0)
			break;
	if (k < 4 || word(&rest, &bad) != NULL || d[0] < -180 || d[2] > 540 || d[0] >= d[2] ||
	    d[1] < -90 || d[3] > 90 || d[1] >= d[3])
		return conf_error(cause, sc, line, "home \"%s\": expected data, layer NAME, or "
		    "WEST SOUTH EAST NORTH in degrees", v);
	sc->home = SCENARIO_HOME_BOX;
	sc->home_box.x0 = d[0];
	sc->home_box.y0 = d[1];
	sc->home_box.x1 = d[2];
	sc->home_box.y1 = d[3];
	return 0;
}

static int
parse_layer(struct scenario *sc, char *val, size_t line, char **cause)
{
	struct scenario_layer *l;
	char v[256], *rest = val, *style, *file, *title;
	int st, towns, bad;

	snprintf(v, sizeof v, "%s", val);
	if ((style = word(&rest, &bad)) == NULL || (file = word(&rest, &bad)) == NULL)
		return conf_error(cause, sc, line, "layer \"%s\": expected STYLE FILE [TITLE] "
		    "(a FILE in double quotes may hold blanks)", v);
	if ((st = scenario_style(style, &towns)) < 0)
		return conf_error(cause, sc, line, "layer style \"%s\": expected border, region, "
		    "neighbours, water, river, map or towns", style);
	if (sc->nlayers == SCENARIO_MAX_LAYERS)
		return conf_error(cause, sc, line, "layer \"%s\": too many layers", file);
	title = util_trim_cut(rest);
	l = &sc->layers[sc->nlayers];
	l->path = join(sc->dir, file);
	if (!exists(l->path)) {
		int r = conf_error(cause, sc, line, "layer \"%s\": no such file", file);

		free(l->path);
		l->path = NULL;
		return r;
	}
	l->style = (enum style)st;
	l->towns = towns;
	l->title = text_sanitize(title, strlen(title), 80);
	sc->nlayers++;
	return 0;
}

/* A file a key names (it must exist), or its default name when the directory holds it. */
static int
data_file(struct scenario *sc, char **slot, size_t line, const char *dflt, char **cause)
{
	char *p;

	if (*slot != NULL)
		return exists(*slot) ? 0 : conf_error(cause, sc, line, "\"%s\": no such file",
		    *slot);
	p = join(sc->dir, dflt);
	if (exists(p))
		*slot = p;
	else
		free(p);
	return 0;
}

/*
 * "status-label = STATUS TEXT": the scenario's wording of a status, such
 * as the actor it names ("held by rebels (CSP)"); a status once.
 */
static int
parse_status_label(struct scenario *sc, char *val, size_t line, char **cause)
{
	size_t w = strcspn(val, " \t");
	const char *text = val + w + strspn(val + w, " \t");
	char v[256];
	int st;

	snprintf(v, sizeof v, "%s", val);
	if ((st = status_from_name(val, w)) < 0)
		return conf_error(cause, sc, line, "status-label \"%s\": expected a status of "
		    "the vocabulary, then its label", v);
	if (*text == '\0')
		return conf_error(cause, sc, line, "status-label \"%s\": no label", v);
	if (sc->status_label[st] != NULL)
		return conf_error(cause, sc, line, "status-label \"%s\": that status has a "
		    "label already", v);
	/* a legend line: at most 48 bytes */
	sc->status_label[st] = text_sanitize(text, strlen(text), 48);
	return 0;
}

struct scenario *
scenario_load(const char *dir, const char *data_dir, char **cause)
{
	static const char *const keys[] = { "title", "projection", "home", "places", "events",
		"layers", "layer", "status-label", "initial-date" };
	struct scenario *sc = xcalloc(1, sizeof *sc);
	size_t len, n = 0, k, seen[9] = { 0 };
	char *path = join(dir, SCENARIO_CONF), *buf = NULL, *line, *save, *err = NULL;
	int own = -1;

	sc->dir = xstrdup(dir);
	sc->path = text_sanitize(path, strlen(path), 4096);
	sc->home = SCENARIO_HOME_DATA;
	sc->initial_from = INT32_MIN;
	if (util_read_input(path, CONF_MAX_BYTES, UTIL_IN_REGULAR, &buf, &len, &err) != 0) {
		char *clean = text_sanitize(err, strlen(err), 4096 + 256);

		if (errno == ENOENT)
			xasprintf(cause, "%s: not a scenario directory (no %s)", sc->path,
			    SCENARIO_CONF);
		else
			xasprintf(cause, "%s", clean);
		free(clean);
		free(err);
		goto fail;
	}
	free(path);
	path = NULL;
	for (line = buf; line != NULL; line = save) {
		char *key, *val, *eq;

		n++;
		if ((save = strchr(line, '\n')) != NULL)
			*save++ = '\0';
		key = util_trim_cut(line);
		if (*key == '\0' || *key == '#')
			continue;
		if ((eq = strchr(key, '=')) == NULL) {
			conf_error(cause, sc, n, "expected \"key = value\", not \"%s\"", key);
			goto fail;
		}
		*eq = '\0';
		key = util_trim_cut(key);
		val = util_trim_cut(eq + 1);
		for (k = 0; k < sizeof keys / sizeof keys[0] && strcmp(key, keys[k]) != 0; k++)
			;
		if (k == sizeof keys / sizeof keys[0]) {
			conf_error(cause, sc, n, "unknown key \"%s\" (title, projection, home, "
			    "places, events, layers, layer, status-label, initial-date)", key);
			goto fail;
		}
		if (seen[k] != 0 && strcmp(key, "layer") != 0 && strcmp(key, "status-label") != 0) {
			char tail[64];

			snprintf(tail, sizeof tail, "%zu)", seen[k]);
			conf_error(cause, sc, n, "%s given twice (also on line ", key);
			free_append(cause, tail);
			goto fail;
		}
		seen[k] = n;
		if (*val == '\0') {
			conf_error(cause, sc, n, "%s: no value", key);
			goto fail;
		}
		if (strcmp(key, "title") == 0) {
			sc->title = text_sanitize(val, strlen(val), 120);
		} else if (strcmp(key, "projection") == 0) {
			if (strcmp(val, "auto") != 0)
				sc->proj = xstrdup(val);
		} else if (strcmp(key, "home") == 0) {
			if (parse_home(sc, val, n, cause) != 0)
				goto fail;
		} else if (strcmp(key, "places") == 0) {
			sc->places = join(dir, val);
		} else if (strcmp(key, "events") == 0) {
			sc->events = join(dir, val);
		} else if (strcmp(key, "layers") == 0) {
			if (strcmp(val, "world") != 0 && strcmp(val, "own") != 0) {
				conf_error(cause, sc, n, "layers \"%s\": expected world or own", val);
				goto fail;
			}
			own = strcmp(val, "own") == 0;
		} else if (strcmp(key, "status-label") == 0) {
			if (parse_status_label(sc, val, n, cause) != 0)
				goto fail;
		} else if (strcmp(key, "initial-date") == 0) {
			day_t hi;
			enum date_prec prec;

			if (date_parse(val, strlen(val), &sc->initial_from, &hi, &prec) != 0 ||
			    prec != DATE_DAY) {
				conf_error(cause, sc, n, "initial-date \"%s\": expected a day, "
				    "YYYY-MM-DD", val);
				goto fail;
			}
		} else if (parse_layer(sc, val, n, cause) != 0) {
			goto fail;
		}
	}
	if (data_file(sc, &sc->places, seen[3], "places.csv", cause) != 0 ||
	    data_file(sc, &sc->events, seen[4], "events.csv", cause) != 0)
		goto fail;
	if (sc->events == NULL) {
		xasprintf(cause, "%s: no events: the directory holds no events.csv and no "
		    "\"events =\" line names a file", sc->path);
		goto fail;
	}
	if (sc->home == SCENARIO_HOME_LAYER) {
		for (k = 0; k < sc->nlayers; k++) {
			const char *base = strrchr(sc->layers[k].path, '/');
			size_t stem;

			base = base != NULL ? base + 1 : sc->layers[k].path;
			stem = strcspn(base, ".");
			if (strlen(sc->home_layer) == stem &&
			    strncmp(base, sc->home_layer, stem) == 0)
				break;
		}
		if (k == sc->nlayers) {
			conf_error(cause, sc, seen[2], "home: no layer \"%s\" (name a layer line's "
			    "file without its extension)", sc->home_layer);
			goto fail;
		}
	}
	/* the world layers under the scenario's own, unless it says otherwise */
	if (own == 0 || (own < 0 && sc->nlayers == 0)) {
		struct scenario_layer mine[SCENARIO_MAX_LAYERS];
		size_t m = sc->nlayers;

		if (m + NWORLD > SCENARIO_MAX_LAYERS) {
			conf_error(cause, sc, seen[5], "layers \"%s\": too many layers with the "
			    "world's", "world");
			goto fail;
		}
		memcpy(mine, sc->layers, m * sizeof *mine);
		sc->nlayers = 0;
		add_world(sc, data_dir);
		/* the towns' labels stay on top of everything */
		memmove(&sc->layers[m + NWORLD - 1], &sc->layers[NWORLD - 1],
		    sizeof sc->layers[0]);
		memcpy(&sc->layers[NWORLD - 1], mine, m * sizeof *mine);
		sc->nlayers = m + NWORLD;
		sc->world = 1;
	}
	free(buf);
	return sc;
fail:
	free(path);
	free(buf);
	scenario_free(sc);
	return NULL;
}

static int
by_events(const void *a, const void *b)
{
	const struct scenario_country *x = a, *y = b;

	if (x->events != y->events)
		return x->events > y->events ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* The last word of s: its start, and its length. */
static const char *
last_word(const char *s, size_t *len)
{
	const char *e = s + strlen(s), *w;

	while (e > s && e[-1] == ' ')
		e--;
	for (w = e; w > s && w[-1] != ' '; w--)
		;
	*len = (size_t)(e - w);
	return w;
}

size_t
scenario_title(struct scenario_country *c, size_t n, char *buf, size_t len)
{
	const char *common = NULL, *w0;
	size_t i, used = 0, wlen = 0, w0len;
	int same = 1, sameword = 1;

	if (len > 0)
		buf[0] = '\0';
	if (n == 0 || len == 0)
		return 0;
	qsort(c, n, sizeof *c, by_events);
	if (n <= 3) {
		for (i = 0; i < n; i++)
			used += strlen(c[i].name) + (i > 0 ? 2 : 0);
		if (used <= SCENARIO_TITLE_MAX || n == 1) {
			for (i = 0, used = 0; i < n; i++)
				used += (size_t)snprintf(buf + used, used < len ? len - used : 0,
				    "%s%s", i > 0 ? ", " : "", c[i].name);
			return strlen(buf);
		}
	}
	w0 = last_word(c[0].region, &w0len);
	for (i = 0; i < n; i++) {
		const char *w = last_word(c[i].region, &wlen);

		same &= c[i].region[0] != '\0' && strcmp(c[i].region, c[0].region) == 0;
		sameword &= wlen > 0 && wlen == w0len && strncmp(w, w0, wlen) == 0;
	}
	if (same)
		common = c[0].region;
	if (common != NULL)
		snprintf(buf, len, "%s: %zu countries", common, n);
	else if (sameword)
		snprintf(buf, len, "%.*s: %zu countries", (int)w0len, w0, n);
	else
		snprintf(buf, len, "%zu countries", n);
	return strlen(buf);
}

/* Natural Earth's abbreviations, the words they stand for (lower case, no dot). */
static const struct {
	const char	*abbr, *word;
} abbrs[] = {
	{ "rep", "republic" }, { "dem", "democratic" }, { "is", "islands" }, { "i", "island" },
	{ "n", "north" }, { "s", "south" }, { "w", "western" }, { "eq", "equatorial" },
	{ "fr", "french" }, { "st", "saint" }, { "herz", "herzegovina" },
	{ "barb", "barbuda" }, { "ter", "territory" }, { "vin", "vincent" },
	{ "gren", "grenadines" }, { "geo", "georgia" }, { "dr", "democratic republic" },
};

/* Names that differ by more than words and abbreviations: their keys, and the key they mean. */
static const struct {
	const char	*from, *to;
} country_aliases[] = {
	{ "republic congo", "congo" }, { "congo brazzaville", "congo" },
	{ "congo kinshasa", "democratic republic congo" },
	{ "ivory coast", "cote divoire" }, { "united states", "united states america" },
	{ "usa", "united states america" }, { "czech republic", "czechia" },
	{ "north macedonia", "macedonia" }, { "swaziland", "eswatini" },
	{ "cape verde", "cabo verde" }, { "east timor", "timor leste" },
	{ "burma", "myanmar" }, { "viet nam", "vietnam" }, { "lao pdr", "laos" }, { "syrian arab republic", "syria" },
	{ "russian federation", "russia" }, { "iran islamic republic", "iran" },
	{ "korea democratic peoples republic", "north korea" },
	{ "korea republic", "south korea" }, { "turkiye", "turkey" },
	{ "palestinian territory", "palestine" },
};

void
scenario_country_key(const char *name, char *buf, size_t len)
{
	static const char *const stop[] = { "of", "the", "and", "&" };
	char *f, *w, *save = NULL, *p;
	size_t used = 0, i;

	if (len == 0)
		return;
	buf[0] = '\0';
	/* UCDP's "Myanmar (Burma)", "DR Congo (Zaire)": the name before the brackets */
	f = text_fold(name);
	if ((p = strchr(f, '(')) != NULL)
		*p = '\0';
	/* letters and digits; an apostrophe joins ("d'ivoire"), anything else parts */
	for (p = w = f; *p != '\0'; p++)
		if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    (unsigned char)*p >= 0x80)
			*w++ = *p;
		else if (*p != '\'')
			*w++ = ' ';
	*w = '\0';
	for (w = strtok_r(f, " ", &save); w != NULL; w = strtok_r(NULL, " ", &save)) {
		const char *word = w;

		for (i = 0; i < sizeof stop / sizeof stop[0] && strcmp(w, stop[i]) != 0; i++)
			;
		if (i < sizeof stop / sizeof stop[0])
			continue;
		for (i = 0; i < sizeof abbrs / sizeof abbrs[0]; i++)
			if (strcmp(w, abbrs[i].abbr) == 0)
				word = abbrs[i].word;
		used += (size_t)snprintf(buf + used, used < len ? len - used : 0, "%s%s",
		    used > 0 ? " " : "", word);
		if (used >= len) {
			buf[len - 1] = '\0';
			break;
		}
	}
	free(f);
	for (i = 0; i < sizeof country_aliases / sizeof country_aliases[0]; i++)
		if (strcmp(buf, country_aliases[i].from) == 0) {
			snprintf(buf, len, "%s", country_aliases[i].to);
			break;
		}
}
