/* canvas.h: a terminal-independent grid of cells; no curses here. */
#ifndef SITMAP_CANVAS_H
#define SITMAP_CANVAS_H

#include <stddef.h>
#include <stdint.h>
#include "style.h"

/* Combining marks a glyph of text keeps (NFD "e\u0301", Vietnamese takes two). */
#define CANVAS_MARKS	2

/* Sub-pixels per cell: braille 2x4 dots, block 2x2 quadrants, ASCII 2x2. */
enum canvas_mode { CANVAS_BRAILLE, CANVAS_BLOCK, CANVAS_ASCII };

struct canvas;			/* opaque */

/* A blank canvas of cols x rows cells (each at least 1); dies on OOM. Free with canvas_free(). */
struct canvas	*canvas_new(int cols, int rows, enum canvas_mode);
void		 canvas_free(struct canvas *);	/* NULL is fine */
void		 canvas_clear(struct canvas *);
int		 canvas_cols(const struct canvas *);
int		 canvas_rows(const struct canvas *);
enum canvas_mode canvas_mode(const struct canvas *);
/* Sub-pixels per cell across and down. */
int		 canvas_dx(const struct canvas *);
int		 canvas_dy(const struct canvas *);

/* One sub-pixel; off-canvas or on a text cell is ignored. */
void		 canvas_dot(struct canvas *, int x, int y, enum style);
/* Clipped line in sub-pixels, both ends included. */
void		 canvas_line(struct canvas *, int x0, int y0, int x1, int y1, enum style);
/* Sub-pixels x0..x1 of row y. */
void		 canvas_hspan(struct canvas *, int y, int x0, int x1, enum style);
/* A glyph in one cell (a width-2 glyph takes the next cell too; text_cp_width() decides). */
void		 canvas_put(struct canvas *, int col, int row, uint32_t cp, enum style);
/*
 * Sanitised UTF-8 text from (col, row), at most maxcols columns, clipped at
 * the edge. Widths are text_cp_width()'s. A combining mark stays on the
 * glyph before it (up to CANVAS_MARKS; in ASCII it goes, as the letter
 * loses its accent); other zero-width characters are dropped. Returns
 * columns used.
 */
int		 canvas_text(struct canvas *, int col, int row, const char *s,
		    int maxcols, enum style);
/* Fills cells with blanks of a style (a panel background), erasing dots. */
void		 canvas_fill(struct canvas *, int col, int row, int cols, int rows,
		    enum style);
/* 1 if the cell holds text (or a glyph) rather than dots or nothing. */
int		 canvas_is_text(const struct canvas *, int col, int row);

/* The code point shown in a cell (0 for the right half of a wide glyph) and its style. */
uint32_t	 canvas_cell(const struct canvas *, int col, int row, enum style *style);
/* The combining marks on the glyph of a cell, into marks; returns how many. */
int		 canvas_cell_marks(const struct canvas *, int col, int row,
		    uint32_t marks[CANVAS_MARKS]);
/*
 * Row as UTF-8, marks after their glyph, with trailing blanks trimmed (as tmux capture-pane does);
 * NUL-terminated, never writes past len. Returns the length.
 */
size_t		 canvas_row_utf8(const struct canvas *, int row, char *buf, size_t len);

#endif
