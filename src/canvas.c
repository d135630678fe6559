/*
 * canvas.c: cells that hold either sub-pixel dots or one glyph, each with a
 * style. Text wins over dots; a later style wins over an earlier one in a
 * shared cell, so the renderer draws in layer order.
 *
 * Braille dot bits (U+2800 + bits), after drawille:
 *
 *	x=0   x=1
 *	0x01  0x08	y=0
 *	0x02  0x10	y=1
 *	0x04  0x20	y=2
 *	0x40  0x80	y=3
 *
 * Block and ASCII modes use 2x2 quadrants: bit 1 top-left, 2 top-right,
 * 4 bottom-left, 8 bottom-right.
 */
#include "canvas.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "util.h"

#define CELL_WIDE_TAIL	0x01	/* right half of a width-2 glyph */

struct cell {
	uint32_t	cp;		/* 0: draw from dots */
	uint32_t	mark[CANVAS_MARKS];	/* combining marks on cp, 0-ended */
	uint8_t		dots;
	uint8_t		style;
	uint8_t		flags;
};

struct canvas {
	int		 cols, rows;
	enum canvas_mode mode;
	int		 dx, dy;
	struct cell	*cells;
};

static const uint8_t braille_bit[4][2] = {
	{ 0x01, 0x08 }, { 0x02, 0x10 }, { 0x04, 0x20 }, { 0x40, 0x80 },
};

static const uint32_t quadrant[16] = {
	' ', 0x2598, 0x259D, 0x2580, 0x2596, 0x258C, 0x259E, 0x259B,
	0x2597, 0x259A, 0x2590, 0x259C, 0x2584, 0x2599, 0x259F, 0x2588,
};

static const char ascii_quad[17] = " `'\",|/#.\\|#_##" "#";

struct canvas *
canvas_new(int cols, int rows, enum canvas_mode mode)
{
	struct canvas *cv = xcalloc(1, sizeof *cv);

	cv->cols = cols < 1 ? 1 : cols;
	cv->rows = rows < 1 ? 1 : rows;
	cv->mode = mode;
	cv->dx = 2;
	cv->dy = mode == CANVAS_BRAILLE ? 4 : 2;
	cv->cells = xcalloc((size_t)cv->cols * (size_t)cv->rows, sizeof *cv->cells);
	return cv;
}

void
canvas_free(struct canvas *cv)
{
	if (cv == NULL)
		return;
	free(cv->cells);
	free(cv);
}

void
canvas_clear(struct canvas *cv)
{
	memset(cv->cells, 0, (size_t)cv->cols * (size_t)cv->rows * sizeof *cv->cells);
}

int
canvas_cols(const struct canvas *cv)
{
	return cv->cols;
}

int
canvas_rows(const struct canvas *cv)
{
	return cv->rows;
}

enum canvas_mode
canvas_mode(const struct canvas *cv)
{
	return cv->mode;
}

int
canvas_dx(const struct canvas *cv)
{
	return cv->dx;
}

int
canvas_dy(const struct canvas *cv)
{
	return cv->dy;
}

static struct cell *
cell_at(const struct canvas *cv, int col, int row)
{
	if (col < 0 || row < 0 || col >= cv->cols || row >= cv->rows)
		return NULL;
	return &cv->cells[(size_t)row * (size_t)cv->cols + (size_t)col];
}

void
canvas_dot(struct canvas *cv, int x, int y, enum style st)
{
	struct cell *c;
	int sx, sy;

	if (x < 0 || y < 0)
		return;
	c = cell_at(cv, x / cv->dx, y / cv->dy);
	if (c == NULL || c->cp != 0 || (c->flags & CELL_WIDE_TAIL))
		return;
	sx = x % cv->dx;
	sy = y % cv->dy;
	c->dots |= cv->mode == CANVAS_BRAILLE ? braille_bit[sy][sx] :
	    (uint8_t)(1u << (sy * 2 + sx));
	c->style = (uint8_t)st;
}

void
canvas_hspan(struct canvas *cv, int y, int x0, int x1, enum style st)
{
	int x, maxx = cv->cols * cv->dx - 1;

	if (y < 0 || y >= cv->rows * cv->dy)
		return;
	if (x0 < 0)
		x0 = 0;
	if (x1 > maxx)
		x1 = maxx;
	for (x = x0; x <= x1; x++)
		canvas_dot(cv, x, y, st);
}

/* Cohen-Sutherland outcode against the sub-pixel area. */
static int
outcode(const struct canvas *cv, long x, long y)
{
	int c = 0;

	if (x < 0)
		c |= 1;
	else if (x >= (long)cv->cols * cv->dx)
		c |= 2;
	if (y < 0)
		c |= 4;
	else if (y >= (long)cv->rows * cv->dy)
		c |= 8;
	return c;
}

void
canvas_line(struct canvas *cv, int x0, int y0, int x1, int y1, enum style st)
{
	double ax = x0, ay = y0, bx = x1, by = y1;
	double xmax = cv->cols * cv->dx - 1, ymax = cv->rows * cv->dy - 1;
	int ca = outcode(cv, x0, y0), cb = outcode(cv, x1, y1);
	long dx, dy, sx, sy, err, x, y, ex, ey;

	/* clip first so that a far-off segment costs nothing per pixel */
	int guard = 0;

	while (ca | cb) {
		double cx = 0, cy = 0;
		int c;

		if ((ca & cb) || ++guard > 8)
			return;
		c = ca ? ca : cb;
		if (c & 8) {
			cx = ax + (bx - ax) * (ymax - ay) / (by - ay);
			cy = ymax;
		} else if (c & 4) {
			cx = ax + (bx - ax) * (0 - ay) / (by - ay);
			cy = 0;
		} else if (c & 2) {
			cy = ay + (by - ay) * (xmax - ax) / (bx - ax);
			cx = xmax;
		} else {
			cy = ay + (by - ay) * (0 - ax) / (bx - ax);
			cx = 0;
		}
		if (c == ca) {
			ax = cx, ay = cy;
			ca = outcode(cv, (long)(ax + 0.5), (long)(ay + 0.5));
		} else {
			bx = cx, by = cy;
			cb = outcode(cv, (long)(bx + 0.5), (long)(by + 0.5));
		}
	}
	x = (long)(ax + 0.5), y = (long)(ay + 0.5);
	ex = (long)(bx + 0.5), ey = (long)(by + 0.5);
	dx = labs(ex - x), dy = -labs(ey - y);
	sx = x < ex ? 1 : -1, sy = y < ey ? 1 : -1;
	err = dx + dy;
	for (;;) {
		long e2;

		canvas_dot(cv, (int)x, (int)y, st);
		if (x == ex && y == ey)
			break;
		e2 = 2 * err;
		if (e2 >= dy) {
			err += dy;
			x += sx;
		}
		if (e2 <= dx) {
			err += dx;
			y += sy;
		}
	}
}

void
canvas_put(struct canvas *cv, int col, int row, uint32_t cp, enum style st)
{
	struct cell *c = cell_at(cv, col, row), *next;
	int w = text_cp_width(cp);

	if (c == NULL || w == 0)
		return;
	if (w == 1 && cp >= 0x80)
		cp = text_cp_shown(cp);	/* one the C library does not know: U+FFFD */
	if (w == 2 && (next = cell_at(cv, col + 1, row)) == NULL)
		return;		/* half a wide glyph would break the row */
	/* overwriting half of a wide glyph: blank the other half */
	if (c->flags & CELL_WIDE_TAIL) {
		struct cell *head = cell_at(cv, col - 1, row);

		if (head != NULL) {
			head->cp = ' ';
			memset(head->mark, 0, sizeof head->mark);
		}
	}
	if (text_cp_width(c->cp) == 2) {
		struct cell *tail = cell_at(cv, col + 1, row);

		if (tail != NULL) {
			tail->flags = 0;
			tail->cp = ' ';
		}
	}
	c->cp = cp;
	memset(c->mark, 0, sizeof c->mark);
	c->dots = 0;
	c->style = (uint8_t)st;
	c->flags = 0;
	if (w == 2) {
		next = cell_at(cv, col + 1, row);
		if (text_cp_width(next->cp) == 2) {
			struct cell *t2 = cell_at(cv, col + 2, row);

			if (t2 != NULL) {
				t2->flags = 0;
				t2->cp = ' ';
			}
		}
		next->cp = 0;
		memset(next->mark, 0, sizeof next->mark);
		next->dots = 0;
		next->style = (uint8_t)st;
		next->flags = CELL_WIDE_TAIL;
	}
}

/*
 * The letter without its accent (É -> E; Æ -> A, ß -> s in their one cell),
 * or '?': ASCII frames keep names readable.
 */
static uint32_t
ascii_fallback(uint32_t cp)
{
	char enc[5], *folded;
	uint32_t out = '?';

	enc[text_encode(cp, enc)] = '\0';
	folded = text_fold(enc);
	if (folded[0] > 0x20 && folded[0] < 0x7f &&
	    (folded[1] == '\0' || (cp >= 0xc0 && cp <= 0x17f))) {
		out = (uint32_t)folded[0];
		if (cp >= 0xC0 && cp <= 0xDE && out >= 'a' && out <= 'z')
			out -= 'a' - 'A';
	}
	free(folded);
	return out;
}

/*
 * A zero-width code point that terminals draw on the character before it:
 * not a variation selector or a tag, whose width terminals disagree on
 * (some draw the emoji they select two columns wide).
 */
static int
is_mark(uint32_t cp)
{
	return !(cp >= 0xfe00 && cp <= 0xfe0f) && !(cp >= 0xe0000 && cp <= 0xe01ef) &&
	    !(cp >= 0x2060 && cp <= 0x206f) && cp != 0x200b && cp != 0x200c &&
	    cp != 0x200d && cp != 0xfeff;
}

/* Adds a combining mark to the glyph at col (dropped when the cell has no room). */
static void
add_mark(struct canvas *cv, int col, int row, uint32_t cp)
{
	struct cell *c = cell_at(cv, col, row);
	int k;

	if (c == NULL || c->cp == 0)
		return;
	for (k = 0; k < CANVAS_MARKS; k++)
		if (c->mark[k] == 0) {
			c->mark[k] = cp;
			return;
		}
}

int
canvas_text(struct canvas *cv, int col, int row, const char *s, int maxcols,
    enum style st)
{
	size_t len = strlen(s), i = 0;
	int used = 0, last = -1;	/* the column of the last glyph put */

	if (row < 0 || row >= cv->rows)
		return 0;
	while (i < len) {
		uint32_t cp;
		int w;

		i += text_decode(s + i, len - i, &cp);
		if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
			continue;
		/* a mark or an invisible goes before the ASCII fallback makes it a '?' */
		if (text_cp_width(cp) == 0) {
			/* in UTF-8 a mark stays on its letter (NFD "Se\u0301gou") */
			if (cv->mode != CANVAS_ASCII && last >= 0 && is_mark(cp))
				add_mark(cv, last, row, cp);
			continue;
		}
		if (cv->mode == CANVAS_ASCII && cp >= 0x80) {
			char a[4];
			size_t n = text_cp_ascii(cp, a), k;

			/*
			 * © is "(c)", ° " deg", … "...": as every text sitmap
			 * prints. A letter keeps its one cell (Æ is A), so that
			 * a name is as wide as its label's room says.
			 */
			if (n > 1 && !(cp >= 0xc0 && cp <= 0x17f)) {
				if (used + (int)n > maxcols || col + used + (int)n > cv->cols)
					break;
				for (k = 0; k < n; k++)
					if (col + used + (int)k >= 0)
						canvas_put(cv, col + used + (int)k, row,
						    (unsigned char)a[k], st);
				last = -1;
				used += (int)n;
				continue;
			}
			cp = ascii_fallback(cp);
		}
		w = text_cp_width(cp);
		if (used + w > maxcols || col + used + w > cv->cols)
			break;
		last = -1;
		if (col + used >= 0) {
			canvas_put(cv, col + used, row, cp, st);
			last = col + used;
		}
		used += w;
	}
	return used;
}

void
canvas_fill(struct canvas *cv, int col, int row, int cols, int rows, enum style st)
{
	int r, c;

	for (r = row; r < row + rows; r++)
		for (c = col; c < col + cols; c++)
			canvas_put(cv, c, r, ' ', st);
}

int
canvas_is_text(const struct canvas *cv, int col, int row)
{
	const struct cell *c = cell_at(cv, col, row);

	return c != NULL && (c->cp != 0 || (c->flags & CELL_WIDE_TAIL));
}

uint32_t
canvas_cell(const struct canvas *cv, int col, int row, enum style *st)
{
	const struct cell *c = cell_at(cv, col, row);

	if (c == NULL) {
		*st = STYLE_NONE;
		return ' ';
	}
	*st = (enum style)c->style;
	if (c->flags & CELL_WIDE_TAIL)
		return 0;
	if (c->cp != 0)
		return c->cp;
	if (c->dots == 0)
		return ' ';
	switch (cv->mode) {
	case CANVAS_BRAILLE:
		return 0x2800 + c->dots;
	case CANVAS_BLOCK:
		return quadrant[c->dots & 15];
	case CANVAS_ASCII:
		break;
	}
	return (uint32_t)(unsigned char)ascii_quad[c->dots & 15];
}

int
canvas_cell_marks(const struct canvas *cv, int col, int row, uint32_t marks[CANVAS_MARKS])
{
	const struct cell *c = cell_at(cv, col, row);
	int n = 0;

	while (c != NULL && c->cp != 0 && n < CANVAS_MARKS && c->mark[n] != 0) {
		marks[n] = c->mark[n];
		n++;
	}
	return n;
}

size_t
canvas_row_utf8(const struct canvas *cv, int row, char *buf, size_t len)
{
	size_t n = 0, keep = 0;
	int col;

	if (len == 0)
		return 0;
	for (col = 0; col < cv->cols; col++) {
		enum style st;
		uint32_t cp = canvas_cell(cv, col, row, &st), marks[CANVAS_MARKS];
		char enc[4 * (1 + CANVAS_MARKS)];
		size_t k;
		int m, nm = canvas_cell_marks(cv, col, row, marks);

		if (cp == 0)
			continue;
		k = text_encode(cp, enc);
		for (m = 0; m < nm; m++)
			k += text_encode(marks[m], enc + k);
		if (n + k >= len)
			break;
		memcpy(buf + n, enc, k);
		n += k;
		if (cp != ' ')
			keep = n;
	}
	buf[keep] = '\0';
	return keep;
}
