/* report.h: the text reports: the events, the state at a moment, a place's history, a distance. */
#ifndef SITMAP_REPORT_H
#define SITMAP_REPORT_H

#include <stddef.h>
#include <stdio.h>
#include "places.h"
#include "timeline.h"

enum report_format { REPORT_TABLE, REPORT_CSV, REPORT_JSON, REPORT_GEOJSON };

/* What a report is of: the data, the moment, the window and the filter. */
struct report_view {
	const struct places	*places;
	const struct timeline	*tl;
	day_t			 day;		/* the moment: the end of that day */
	size_t			 upto;		/* events [0, upto) are reached by then */
	day_t			 since;		/* and none whose first stop is before; INT32_MIN */
	int			 window_days;	/* 0: every event so far */
	const unsigned char	*match;		/* a byte per event; NULL: no filter */
	int			 aggregate;	/* event data without statuses */
	int			 ascii;		/* written in ASCII: a non-UTF-8 locale */
};

/* "table", "csv", "json", "geojson" and back; -1 if unknown. */
const char	*report_format_name(enum report_format);
int		 report_format_from_name(const char *s);

/*
 * --list-events: the events reached at the moment that are in the window
 * and pass the filter, as a table, CSV or JSON. 0, or -1 on a write error.
 * With v->ascii, every text is transliterated (the table's widths are those
 * of the text written) and JSON escapes every character past U+007F.
 */
int		 report_list(const struct report_view *, enum report_format, FILE *fp);

/*
 * --export: one row (CSV) or Point feature (GeoJSON) per place with its
 * state at the moment of each of the n views (one file, one header): see
 * sitmap(1) for the columns. 0, or -1 on a write error.
 */
int		 report_export(const struct report_view *, size_t n, enum report_format,
		    FILE *fp);

/*
 * The events at the n places of a site (their own, and those whose effects
 * name one), all of them whatever the moment, as lines of text for the
 * viewer's overlay; with several places each event names its place.
 * Allocated.
 */
char		*report_history(const struct places *, const struct timeline *,
		    const size_t *place, size_t n);
/*
 * Which of the n places event ev concerns: the one it is at, else the
 * first its effects name; (size_t)-1 if none. A site's history is the
 * events that concern one of its places.
 */
size_t		 report_history_hit(const struct timeline *, const struct event *ev,
		    const size_t *place, size_t n);

/*
 * --distance: the geodesic distance and initial bearing from place a to
 * place b (found as the search finds them), a line on fp in the locale's
 * charset. 0, or -1 with *cause when a name matches no place.
 */
int		 report_distance(const struct places *, const char *a, const char *b,
		    FILE *fp, char **cause);

#endif
