/* import.h: ACLED and UCDP GED exports, as CSV or API JSON, as places and a timeline. */
#ifndef SITMAP_IMPORT_H
#define SITMAP_IMPORT_H

#include <stddef.h>
#include "places.h"
#include "timeline.h"

struct instream;

enum import_format { IMPORT_SITMAP, IMPORT_ACLED, IMPORT_UCDP, IMPORT_AGGREGATE };
enum import_encoding { IMPORT_CSV, IMPORT_JSON };

/* What the start of an input says it is. */
struct import_kind {
	int			 format;	/* enum import_format */
	enum import_encoding	 encoding;
	char			 delim;		/* of a CSV: ',', ';', a tab or '|' */
	/* where the events' text is written (timeline_text_rooms()); NULL: memory */
	const struct arena_rooms *rooms;
};

/*
 * Tells an input's kind from its first len decoded bytes (a UTF-8 BOM
 * aside). JSON when it starts with '{' or '[': an API answer (ACLED's
 * {"data": [...]}, UCDP's {"Result": [...]}) or a bare array of records;
 * else CSV, split on the delimiter csv_sniff() finds on the header line
 * (the others are tried too when it names no format). A format is known by
 * its columns, the header's names or the first record's keys, case aside:
 * ACLED has event_id_cnty and event_date; UCDP GED date_start and where_prec,
 * best or deaths_a; sitmap's events.csv effects or precision; an
 * aggregate a latitude, a longitude, a date and a count under any of the
 * names import.c lists (lat, lon, date, count...). fmt >= 0
 * names the format instead (--format); the encoding is still found.
 *
 * 0 with *kind set; 1 when the bytes end before it can tell and more may
 * come (!final); -1 with *cause "NAME: empty file, expected a header line",
 * "NAME:LINE:COL: invalid JSON: ..." or "NAME: not an events file: expected
 * sitmap's columns (id, date, ...), an ACLED export (event_id_cnty, ...) or
 * a UCDP GED export (id, date_start, ...); the first line has: ...".
 */
int		 import_sniff(const char *name, const char *buf, size_t len, int final, int fmt,
		    struct import_kind *, char **cause);
/* The same on an open stream, peeking as far as it takes (the stream does not move). */
int		 import_peek(struct instream *, int fmt, struct import_kind *, char **cause);
/* The format of a whole input buf[0..len), or -1 (import_sniff() with final set). */
int		 import_detect(const char *buf, size_t len);
/* "acled", "ucdp", "sitmap", "aggregate" and back (-1 if unknown): the --format names. */
const char	*import_format_name(enum import_format);
int		 import_format_from_name(const char *s);

/*
 * Loads an ACLED or UCDP GED export of kind (see import_sniff()) from s,
 * streaming: of any size, in one pass, holding one block (or one JSON
 * record) of the input at a time. New places, one per distinct location
 * (name and lat/lon to 4 decimals; ids "loc-1", "loc-2"...; kind site, no
 * initial status), and a timeline over them: one event per row, its type
 * the event type (UCDP: the type of violence), the source's other columns
 * kept as attributes (timeline_attr()). Columns are found by name, case
 * aside; "NA", "N/A", "#N/A", "NULL", "nan" and blanks are missing values;
 * a count may be written 12.0; a date may carry a time of day. ACLED rows
 * sharing an event_id_cnty keep the newest timestamp; any other duplicate
 * id is an error. ACLED's territorial sub-event types set the status of
 * their place (see import.c and sitmap(1)), so an export draws a control
 * map as well as counts (timeline.counted). An aggregate's row is a count
 * of events in a cell on a day (or a month, or a range of days): one event
 * that stands for them (timeline.event_weight), its id "L" and the line
 * ("L12"; a JSON record's "L3:40"), its place the row's label, else its
 * coordinates.
 *
 * Returns the format loaded with *pl and *tl set (timeline_free() before
 * places_free()), or -1 with *cause "FILE:LINE: reason" (a JSON record:
 * "FILE:LINE:COLUMN: reason") and nothing to free. IMPORT_SITMAP loads
 * nothing: *pl and *tl are NULL and the input is for timeline_load_stream().
 */
int		 import_load_stream(struct instream *, const struct import_kind *,
		    struct places **pl, struct timeline **tl, char **cause);
/*
 * A CSV that is a plain regular file the stream maps, of 32 MiB or more, is
 * parsed in parallel blocks, one per core (at most 8), and merged into what
 * one pass gives, byte for byte (see import.c). SITMAP_PARSE_THREADS=N sets
 * the number of blocks for any such file, small ones too (1: one pass).
 * For tests: how the calling thread's latest import_load_stream() went, in
 * *blocks (1: one pass) of which *merged were merged as their threads
 * parsed them (the others parsed again where one pass would have).
 */
void		 import_last_blocks(size_t *blocks, size_t *merged);
/* The same over memory (its encoding and delimiter found as above). */
int		 import_load_mem(const char *name, const char *buf, size_t len,
		    enum import_format, struct places **pl, struct timeline **tl,
		    char **cause);
/* The same from a path (any input instream_open() reads); fmt -1 detects the format. */
int		 import_load(const char *path, int fmt, struct places **pl,
		    struct timeline **tl, char **cause);

#endif
