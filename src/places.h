/* places.h: towns and camps from places.csv, with lon/lat and projected metres. */
#ifndef SITMAP_PLACES_H
#define SITMAP_PLACES_H

#include <stddef.h>
#include "geo.h"
#include "style.h"
#include "util.h"

enum place_kind { PLACE_CAPITAL, PLACE_TOWN, PLACE_VILLAGE, PLACE_UN_CAMP, PLACE_ARMY_CAMP,
	PLACE_SITE, PLACE_KIND_COUNT };

struct place {
	char		*id;		/* slug, e.g. "kidal-un" */
	char		*name;		/* display name, sanitised UTF-8 */
	char		*label;		/* short map label (a camp shows its town's name) */
	char		*alt;		/* alternative spellings, ';'-separated */
	char		*region;
	char		*source;
	char		*note;
	char		*country;	/* the country an export names (ACLED, UCDP), or NULL */
	char		*area;		/* the export's world region ("Western Africa"), or NULL */
	enum place_kind	 kind;
	enum status	 initial;	/* status before the first event */
	int		 outside_mali;	/* 1 if the row says so; else must lie in Mali */
	int		 unlocated;	/* located only to a region or a country: not drawn as a point */
	double		 lon_deg, lat_deg;
	struct geo_pt	 xy;		/* projected metres, set by the loader (load.c) */
};

struct places {
	size_t		 n;
	struct place	*v;
	struct strmap	*ids;		/* id -> index, when loaded by places_load() */
	int		 borrowed;	/* the strings lie in an events cache image: not freed */
	/*
	 * The strings of places an import made: packed, and freed with the
	 * places, not one by one (a heap block each was most of a place).
	 */
	struct arena	 pool;
	int		 pooled;
	/* an import's: v may be in a scratch room of pool's rooms (scratch_resize()) */
	struct scratch	 room;
};

/*
 * Loads a places CSV (columns by header name: id, name, alt, lat, lon, kind,
 * initial, region, source, note, label, outside_mali; id, name, lat, lon, kind, source required).
 * Returns NULL with *cause "FILE:LINE: reason" for any bad row. Ids are
 * indexed (a hash): a load is linear in the rows.
 */
struct places	*places_load(const char *path, char **cause);
struct places	*places_load_mem(const char *name, const char *buf, size_t len, char **cause);
/*
 * The one number parser of every CSV loader: s[0..len), blanks around it
 * aside, must be a decimal number ([+-]d[.d][e[+-]d], C locale) and finite;
 * hex (0x10, 0x1p3), inf and nan are refused. 0 or -1.
 */
int		 places_parse_double(const char *s, size_t len, double *out);
/* Place with this id, or NULL: by the index if loaded so, else a scan. */
struct place	*places_by_id(const struct places *, const char *id);
const char	*place_kind_name(enum place_kind);
/* Status by its vocabulary name ("un-camp"); -1 if unknown. */
int		 status_from_name(const char *s, size_t len);
const char	*status_name(enum status);
/* What the legend, panel and lists call a status: a scenario's wording, else the vocabulary's. */
const char	*status_label(enum status);
/*
 * The one-line key's word for it: the name a scenario's label ends with in
 * parentheses ("held by rebels (CSP)": CSP), else the vocabulary's.
 */
const char	*status_word(enum status);
/*
 * A scenario's wording for a status (copied; NULL: the vocabulary's again),
 * for the run's scenario while its own events are shown.
 */
void		 status_set_label(enum status, const char *label);
/* Frees what one place owns (not the place itself). */
void		 place_clear(struct place *);
void		 places_free(struct places *);	/* NULL is fine */

#endif
