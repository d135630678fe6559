/* import.h: ACLED and UCDP GED exports as places and a timeline without effects. */
#ifndef SITMAP_IMPORT_H
#define SITMAP_IMPORT_H

#include <stddef.h>
#include "places.h"
#include "timeline.h"

enum import_format { IMPORT_SITMAP, IMPORT_ACLED, IMPORT_UCDP };

/*
 * The format named by the header line: ACLED has event_id_cnty and
 * event_date; UCDP GED has date_start and where_prec, best or deaths_a;
 * sitmap's events.csv has effects or precision. -1 if none.
 */
int		 import_detect(const char *buf, size_t len);
/* "acled", "ucdp", "sitmap" and back (-1 if unknown): the --format names. */
const char	*import_format_name(enum import_format);
int		 import_format_from_name(const char *s);

/*
 * Loads an ACLED or UCDP GED export: new places, one per distinct location
 * (name and lat/lon to 4 decimals; ids "loc-1", "loc-2"...; kind site, no
 * status), and a timeline over them whose events change no status. Columns
 * are found by header name. ACLED rows sharing an event_id_cnty keep the
 * newest timestamp; any other duplicate id is an error.
 *
 * Returns the format loaded with *pl and *tl set (timeline_free() before
 * places_free()), or -1 with *cause "FILE:LINE: reason" and nothing to
 * free. IMPORT_SITMAP loads nothing: *pl and *tl are NULL and the file is
 * for places_load() and timeline_load().
 */
int		 import_load_mem(const char *name, const char *buf, size_t len,
		    enum import_format, struct places **pl, struct timeline **tl,
		    char **cause);
/* The same from a file (at most 1 GiB); fmt -1 detects the format. */
int		 import_load(const char *path, int fmt, struct places **pl,
		    struct timeline **tl, char **cause);

#endif
