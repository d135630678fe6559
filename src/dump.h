/* dump.h: a canvas as plain text (or with SGR colours) on a stdio stream. */
#ifndef SITMAP_DUMP_H
#define SITMAP_DUMP_H

#include <stdio.h>
#include "canvas.h"

/*
 * Writes every row, trailing blanks trimmed, each ending in '\n'. With
 * color, SGR codes are written only where the style changes, and reset at
 * each line end. Returns 0, or -1 on a write error.
 */
int	dump_write(const struct canvas *, FILE *fp, int color);

/*
 * asciinema v2: the header line, then one output event per frame at time t
 * seconds, which clears the screen and draws the frame with CR LF line ends
 * (the same text as dump_write). 0, or -1 on a write error.
 */
int	dump_cast_header(FILE *fp, int cols, int rows, const char *title);
int	dump_cast_frame(const struct canvas *, FILE *fp, double t, int color);

#endif
