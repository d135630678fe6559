/*
 * json.h: the one door to the JSON library (yajl): a streaming parser that
 * knows where it is in the text, and, on top of it, the records of an
 * array of objects as rows of named fields. Nothing is held but the token
 * being read and the record being put together, so a document of any size
 * streams through in bounded memory, from a file, a pipe or a decoder.
 */
#ifndef SITMAP_JSON_H
#define SITMAP_JSON_H

#include <stddef.h>

#define JSON_MAX_DEPTH		64		/* nested arrays and objects */
/* bytes of one string or number, or of blanks between two tokens */
#define JSON_MAX_TOKEN		((size_t)1 << 20)
#define JSON_MAX_VALUE		65536		/* bytes of one value of a record */
#define JSON_MAX_MEMBERS	512		/* members of one record */

struct json;

/*
 * What a parse calls back on, as the library does (a SAX parser: no tree
 * is built). Each returns 1 to go on and 0 to stop: after json_fail(), the
 * reason it gave is the error. A string (unescaped) or a number (its text
 * as written: "1e999" too) is a slice valid during the call only. A NULL
 * member takes nothing.
 */
struct json_callbacks {
	int	(*null)(void *ctx);
	int	(*boolean)(void *ctx, int value);
	int	(*number)(void *ctx, const char *s, size_t len);
	int	(*string)(void *ctx, const char *s, size_t len);
	int	(*start_map)(void *ctx);
	int	(*map_key)(void *ctx, const char *s, size_t len);
	int	(*end_map)(void *ctx);
	int	(*start_array)(void *ctx);
	int	(*end_array)(void *ctx);
};

/* json_new() flags */
#define JSON_ANY_BYTES	1	/* strings may hold bytes that are not UTF-8 (sanitised later) */

/*
 * A parser of one document; name (sanitised here) is for messages. A UTF-8
 * BOM before the text is skipped. Arrays and objects nested deeper than
 * JSON_MAX_DEPTH, and a token longer than JSON_MAX_TOKEN, are errors.
 */
struct json	*json_new(const char *name, const struct json_callbacks *, void *ctx,
		    int flags);
/*
 * The next len bytes of the text: 0, 1 when a callback stopped the parse
 * without a reason, or -1 with *cause "NAME:LINE:COLUMN: reason", the
 * column in characters: a callback's reason just after its token, invalid
 * JSON just after the last good token (so the same wherever the text was
 * cut into chunks). After 1 or -1 every call fails the same way.
 */
int		 json_feed(struct json *, const void *buf, size_t len, char **cause);
/* The end of the text: 0, 1 or -1 as json_feed() ("NAME: empty, not JSON" too). */
int		 json_end(struct json *, char **cause);
/* In a callback: the reason the parse stops (the first one stays); returns 0. */
int		 json_fail(struct json *, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));
/* Where the parser is, 1-based: just after the token being called back on. */
void		 json_where(struct json *, unsigned long *line, unsigned long *col);
void		 json_free(struct json *);	/* NULL is fine */
/* The library and its version, e.g. "yajl 2.1.0". */
const char	*json_version(void);

enum json_type { JSON_NULL, JSON_FALSE, JSON_TRUE, JSON_NUMBER, JSON_STRING, JSON_NESTED };

/* One record: an object's members in order, valid during the call only. */
struct json_row {
	unsigned long	 line, col;	/* where its '{' is */
	size_t		 n;
	const char	**key;
	const size_t	*klen;
	const char	**val;		/* "true", "false", a number's text, a string; "" for
					   null and for a nested array or object */
	const size_t	*vlen;
	const unsigned char *type;	/* enum json_type */
};

struct json_rows;

/*
 * The records of a document: the objects of the array that is the whole
 * document, or that is the value of a member of the root object named one
 * of keys (NULL-terminated, compared exactly: "data" for ACLED's API,
 * "Result" for UCDP's). Everything else is skipped. Each object is given
 * to row() when it closes; a record that is not an object is an error, and
 * so are a value longer than JSON_MAX_VALUE bytes and more than
 * JSON_MAX_MEMBERS members. row() returns 1 to go on, 0 to stop (after
 * json_fail(json_rows_parser()) for an error).
 */
struct json_rows *json_rows_new(const char *name, const char *const *keys, int flags,
		    int (*row)(void *ctx, const struct json_row *), void *ctx);
/* As json_feed() and json_end(). */
int		 json_rows_feed(struct json_rows *, const void *buf, size_t len, char **cause);
int		 json_rows_end(struct json_rows *, char **cause);
/* 1 once an array of records has opened (it may be empty). */
int		 json_rows_found(const struct json_rows *);
struct json	*json_rows_parser(struct json_rows *);
void		 json_rows_free(struct json_rows *);	/* NULL is fine */

#endif
