/*
 * csv.h: an RFC 4180 reader over a memory buffer (quotes, CRLF or CR, BOM,
 * line numbers), with a delimiter other than the comma when asked.
 */
#ifndef SITMAP_CSV_H
#define SITMAP_CSV_H

#include <stddef.h>

#define CSV_MAX_FIELD	65536	/* bytes in one field */
#define CSV_MAX_COLS	128
/* bytes in one record: every field at its longest, quoted */
#define CSV_MAX_RECORD	((size_t)CSV_MAX_COLS * (CSV_MAX_FIELD + 3))

struct csv;			/* opaque */

/*
 * One record. Fields are slices of the input buffer (or, for a quoted field
 * with "" in it, of the reader's own storage): not NUL-terminated, borrowed
 * until the next csv_next().
 */
struct csv_row {
	size_t		  line;		/* 1-based line where the record starts */
	size_t		  n;		/* number of fields */
	const char	**f;		/* field text (quotes removed, "" unescaped) */
	size_t		 *len;		/* field lengths in bytes (fields may not contain NUL) */
};

/* Reader over buf[0..len); the buffer must outlive the reader. Skips a UTF-8 BOM. */
struct csv	*csv_new(const char *buf, size_t len);
/*
 * The delimiter: ',' (the default), ';' (spreadsheets in many locales), a
 * tab or '|'; anything else is taken as ','. Before the first csv_next().
 */
void		 csv_set_delim(struct csv *, char delim);
/*
 * The delimiter of the first record of buf[0..len) (a header line): the one
 * of ',', ';', a tab and '|' that appears most often outside quotes; ','
 * when none does or on a tie.
 */
char		 csv_sniff(const char *buf, size_t len);
/*
 * Streaming: gives the reader a block of the input, buf[0..len), whose
 * first byte is the first not consumed from the last block. Unless final,
 * a record that runs into the end of the block is not read: csv_next()
 * returns 0 and leaves it for the next block, which must then begin with
 * it (see csv_consumed()). Line numbers go on across blocks. A record still
 * unfinished after CSV_MAX_RECORD bytes is an error ("line 3: a record
 * longer than N bytes (an unterminated quoted field?)"), so that a block
 * never has to grow past that.
 */
void		 csv_feed(struct csv *, const char *buf, size_t len, int final);
/*
 * A reader that starts at a record boundary inside an input whose header
 * another reader read (a block of a file parsed in parallel, see import.c):
 * its first line is line, and it has no BOM and no header to check. Before
 * the first csv_next().
 */
void		 csv_resume(struct csv *, size_t line);
/* The line of the next byte csv_next() reads (1-based). */
size_t		 csv_line(const struct csv *);
/* Bytes of the current block that csv_next() is done with. */
size_t		 csv_consumed(const struct csv *);
/*
 * Next record: 1 and *row filled, 0 at end of input (of the block, when
 * streaming), -1 with *cause
 * ("line 14: unterminated quoted field", "line 3: NUL byte", "line 9: field
 * longer than 65536 bytes", "line 2: text after closing quote") set to an
 * allocated message without the file name. After -1 the reader stays at end.
 * Empty lines are skipped. Lines end in LF, CRLF or a CR alone (old Mac
 * files; inside quotes it is kept, and counted as a line). The first record
 * is the header: a name in it twice (as csv_column() compares them; unnamed
 * columns aside) is an error, 'line 1: column "X" appears twice'.
 */
int		 csv_next(struct csv *, struct csv_row *row, char **cause);
void		 csv_free(struct csv *);	/* NULL is fine */
/*
 * For tests: 1 scans fields a byte at a time, the reference that the
 * usual scan, 16 bytes at a time, must equal.
 */
void		 csv_set_scalar(struct csv *, int scalar);

/* *cause = "NAME:N: reason" from a csv_next() error "line N: reason" (allocated). */
void		 csv_cause(char **cause, const char *name, const char *err);
/* Field col of row and its length, or "" and 0 when col is -1 or past the row's end. */
const char	*csv_field(const struct csv_row *row, int col, size_t *len);
/* Index of the header field named name (ASCII case-insensitive, trimmed), or -1. */
int		 csv_column(const struct csv_row *header, const char *name);

/* A column a loader reads, by its header name. */
struct csv_col {
	const char	*name;
	int		 required;	/* a file without it is refused */
};

/*
 * The one header check of every loader: maps the header to col[i], the
 * index of cols[i].name (csv_column()) or -1. 0, or -1 with *cause
 * "NAME: empty file, expected a header line" when header is NULL (the
 * input has no record), or "NAME:LINE: missing column \"x\"" for the first
 * required column, in cols' order, that the header lacks. name is the
 * input's name as messages show it (sanitised by the caller).
 */
int		 csv_header(const struct csv_row *header, const struct csv_col *cols, size_t n,
		    int *col, const char *name, char **cause);
/*
 * The record's width against the header's ncols fields: more is an error,
 * and so is fewer when exact. 0, or -1 with *cause "NAME:LINE: N fields,
 * but the header names M".
 */
int		 csv_width(const struct csv_row *row, size_t ncols, int exact, const char *name,
		    char **cause);

#endif
