/*
 * scenario.h: what a view is of: a directory's scenario.conf (its title,
 * projection, home view, layers, places and events), the bundled world
 * layers, and a title from the countries of the data.
 */
#ifndef SITMAP_SCENARIO_H
#define SITMAP_SCENARIO_H

#include <stddef.h>
#include "date.h"
#include "geo.h"
#include "style.h"

#define SCENARIO_CONF		"scenario.conf"
#define SCENARIO_MAX_LAYERS	32

enum scenario_home {
	SCENARIO_HOME_DATA,	/* the extent of the located places (fit.h) */
	SCENARIO_HOME_LAYER,	/* one layer's extent */
	SCENARIO_HOME_BOX	/* a box lon/lat */
};

struct scenario_layer {
	char		*path;		/* as the loader opens it: joined to the directory */
	enum style	 style;
	char		*title;		/* for the layers list */
	int		 towns;		/* points with names: drawn as labelled towns */
	int		 cut;		/* a world layer: cut to the region a view needs */
	int		 countries;	/* SCENARIO_IN: only the data's countries' shapes;
					   SCENARIO_OUT: only the others'; 0: all */
	const char	*field;		/* then: the field naming a shape's country */
};

#define SCENARIO_IN	1
#define SCENARIO_OUT	2

struct scenario {
	char		*dir;
	char		*path;		/* its scenario.conf, for messages (sanitised) */
	char		*title;		/* NULL: none */
	char		*proj;		/* NULL: fitted to the home view (fit.h) */
	enum scenario_home home;
	char		*home_layer;	/* SCENARIO_HOME_LAYER: its file stem */
	struct geo_bbox	 home_box;	/* SCENARIO_HOME_BOX, lon/lat */
	char		*places, *events;	/* paths, or NULL: none */
	struct scenario_layer layers[SCENARIO_MAX_LAYERS];	/* bottom first */
	size_t		 nlayers;
	int		 world;		/* its layers are the world's (and its own on top) */
	char		*status_label[STATUS_COUNT];	/* its wording of a status; NULL: none */
	day_t		 initial_from;	/* its places' initial statuses hold from this day
					   (INT32_MIN: always) */
};

/*
 * Reads DIR/scenario.conf: "key = value" lines, blank lines and lines
 * starting with '#' skipped. Keys, each at most once but layer:
 *   title = TEXT
 *   projection = auto | PROJ-STRING | EPSG:CODE    (default auto)
 *   home = data | layer NAME | WEST SOUTH EAST NORTH   (default data)
 *   places = FILE, events = FILE   (default places.csv and events.csv
 *                                   when the directory holds them)
 *   layers = world | own           (default world when no layer is given)
 *   layer = STYLE FILE [TITLE]     (repeatable, bottom first; FILE may be
 *                                   "double-quoted"; STYLE border, region,
 *                                   neighbours, water, river, map or towns)
 *   status-label = STATUS TEXT     (repeatable, a status once: what the
 *                                   legend and panel call it, with the
 *                                   scenario's own events)
 *   initial-date = YYYY-MM-DD      (the day the places' initial statuses
 *                                   are known from; before it a place has
 *                                   no status but what events gave it)
 * Relative files are in DIR. data_dir holds maps/ (the world layers).
 * NULL with *cause "DIR/scenario.conf:LINE: reason" on a bad line, a
 * missing file, or neither places nor events.
 */
struct scenario	*scenario_load(const char *dir, const char *data_dir, char **cause);
/*
 * The world scenario: no title, a fitted projection, the data's extent as
 * home, and the world layers of data_dir/maps: lakes, rivers, the other
 * countries (neighbours), the first-level regions and the borders of the
 * countries the data names, and towns.
 */
struct scenario	*scenario_world(const char *data_dir);
void		 scenario_free(struct scenario *);	/* NULL is fine */
/* The style a layer line names ("border" ...), or -1; towns sets *towns. */
int		 scenario_style(const char *name, int *towns);

/* A country the data names, and how many of its events are there. */
struct scenario_country {
	const char	*name;
	const char	*region;	/* ACLED's or UCDP's region, or "" */
	size_t		 events;
};

/*
 * The title the countries give, into buf: none ("", returns 0) without a
 * country; "Sudan"; "Sudan, Chad" for two or three whose names fit in
 * SCENARIO_TITLE_MAX bytes (the most events first); else "Western Africa:
 * 5 countries" when all share one region, "Africa: 7 countries" when
 * their regions share their last word, else "7 countries". Sorts c.
 */
#define SCENARIO_TITLE_MAX	48
size_t		 scenario_title(struct scenario_country *c, size_t n, char *buf, size_t len);

/*
 * The key a country's name is compared by, so that ACLED's, UCDP's and
 * Natural Earth's names of one country meet: folded (case, accents),
 * UCDP's bracketed old name dropped ("Myanmar (Burma)"), punctuation a
 * blank but an apostrophe, "of", "the" and "and" dropped, Natural Earth's
 * abbreviations spelled out ("Dem. Rep. Congo", "Democratic Republic of
 * Congo": "democratic republic congo"), and a few other names mapped
 * ("Ivory Coast", "Czech Republic", "Swaziland" ...).
 */
void		 scenario_country_key(const char *name, char *buf, size_t len);

#endif
