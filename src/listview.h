/* listview.h: a list of rows with a cursor, scrolling, search and a filter, drawn on a canvas. */
#ifndef SITMAP_LISTVIEW_H
#define SITMAP_LISTVIEW_H

#include <stddef.h>
#include "canvas.h"

#define LISTVIEW_NONE		((size_t)-1)
/* Bytes of a row's text that the list reads (the rest is not searched nor shown). */
#define LISTVIEW_TEXT_MAX	1024

/*
 * A row's text, one line of UTF-8 (sanitised when drawn): into buf (len
 * bytes) or any string that lives until the next call. row is a source
 * row, 0 .. nrows - 1. cols > 0: the row as it is drawn that wide (its
 * columns may be cut to fit it); 0: the whole row, which a search reads.
 */
typedef const char *(*listview_text_fn)(void *ctx, size_t row, int cols, char *buf,
		    size_t len);

/*
 * The model: source rows 0 .. nrows - 1, of which a subset is shown (all
 * of them until listview_filter()), in an order; a cursor on one of the
 * shown rows (none when none is shown); and a window of height rows,
 * scrolled so that the cursor is always in it and, once the rows fill it,
 * never blank at the bottom. Positions count shown rows, from 0.
 */
struct listview;

/* Every row shown, the cursor on the first, a window of one row until listview_resize(). */
struct listview	*listview_new(size_t nrows, listview_text_fn text, void *ctx);
void		 listview_free(struct listview *);	/* NULL is fine */

/*
 * Shows rows[0 .. n) (source rows, in that order; copied), or every row
 * when rows is NULL. The cursor stays on its row if it is still shown,
 * else on the position it had (or the last); it stays on the same line
 * of the window when it can.
 */
void		 listview_filter(struct listview *, const size_t *rows, size_t n);
/* The window's height in rows (at least 1): the cursor stays in view. */
void		 listview_resize(struct listview *, int height);

size_t		 listview_count(const struct listview *);	/* rows shown */
size_t		 listview_row(const struct listview *, size_t pos);	/* source row */
size_t		 listview_cursor(const struct listview *);	/* position, or LISTVIEW_NONE */
size_t		 listview_selected(const struct listview *);	/* source row, or LISTVIEW_NONE */
size_t		 listview_top(const struct listview *);		/* the window's first position */
int		 listview_height(const struct listview *);

/*
 * Moves: each returns 1 if the cursor moved, 0 if it could not (at an end,
 * or an empty list). The window follows.
 */
int		 listview_move(struct listview *, long delta);	/* j, k: by rows, stops at the ends */
/* PgDn (dir > 0) / PgUp: window and cursor by a page; at the last page, the cursor to the end. */
int		 listview_page(struct listview *, int dir);
int		 listview_first(struct listview *);		/* g, Home */
int		 listview_last(struct listview *);		/* G, End */
/* Puts the cursor on source row row if it is shown; 1, or 0 if it is not. */
int		 listview_goto(struct listview *, size_t row);
/*
 * Search: the next shown row (dir > 0), the previous (dir < 0), or the
 * cursor's own or the next (dir == 0: as the query is typed) whose text
 * holds query, accents and case ignored (text_fold()), wrapping around.
 * Moves the cursor there and returns 1; 0 if no row matches (or query is
 * empty), the cursor unmoved.
 */
int		 listview_search(struct listview *, const char *query, int dir);

/*
 * Draws the window in the canvas rectangle at (col, row), cols x rows
 * cells: a shown row per line from the window's first, the cursor's line
 * in STYLE_HIGHLIGHT across the full width, the others in STYLE_PANEL; a
 * row too long ends in "…" (">" on an ASCII canvas), never cut inside a
 * character; lines past the last row are blank. A "…" in a row (a cell
 * that listview_cell() cut) is one cell, ">" on an ASCII canvas too, so
 * that the columns stay aligned. Call listview_resize(lv, rows) first.
 */
void		 listview_draw(const struct listview *, struct canvas *, int col, int row,
		    int cols, int rows);

/*
 * Appends s to buf (len bytes, NUL-terminated; what does not fit is not
 * written), padded with blanks or cut (on a character) to exactly width
 * columns: for rows in aligned columns. Returns the length of buf.
 */
size_t		 listview_column(char *buf, size_t len, const char *s, int width);
/*
 * The same for a cell of a column width columns wide followed by gap
 * blanks: s wider than the cell is cut to end in "…", which says so.
 */
size_t		 listview_cell(char *buf, size_t len, const char *s, int width, int gap);

#endif
