/* dump.c: the plain-text sink; no terminal, no curses. */
#include "dump.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "util.h"

/* SGR for each style: only basic colours, readable on dark and light backgrounds. */
static const char *const sgr[STYLE_COUNT] = {
	[STYLE_NONE] = "0",
	[STYLE_NEIGHBOUR] = "0;2",
	[STYLE_WATER] = "0;34",
	[STYLE_RIVER] = "0;34",
	[STYLE_REGION] = "0;2;33",
	[STYLE_BORDER] = "0;1",
	[STYLE_MAP] = "0",
	[STYLE_MOVE] = "0;35",
	[STYLE_LABEL] = "0",
	[STYLE_DIM] = "0;2",
	[STYLE_TITLE] = "0;7",
	[STYLE_PANEL] = "0",
	[STYLE_HIGHLIGHT] = "0;1;7",
	[STYLE_CURRENT] = "0;1;7",
	[STYLE_SELECTED] = "0;1;4;36",
	[STYLE_UN] = "0;1;34",
	[STYLE_WITHDRAW] = "0;1;36",
	[STYLE_ARMY] = "0;1;32",
	[STYLE_REBEL] = "0;1;31",
	[STYLE_ATTACK] = "0;1;91",
	[STYLE_CONTESTED] = "0;1;35",
	[STYLE_CLOSED] = "0;2",
	[STYLE_PLANNED] = "0;1;33",
};

int
dump_write(const struct canvas *cv, FILE *fp, int color)
{
	int cols = canvas_cols(cv), rows = canvas_rows(cv), r, c;
	size_t cap = (size_t)cols * 4 * (1 + CANVAS_MARKS) + 1;
	char *buf = xmalloc(cap);

	for (r = 0; r < rows; r++) {
		if (!color) {
			canvas_row_utf8(cv, r, buf, cap);
			if (fputs(buf, fp) == EOF || fputc('\n', fp) == EOF)
				goto fail;
			continue;
		}
		{
			int last = -1, end = 0;
			enum style st;

			/* trim trailing blanks as the plain dump does */
			for (c = 0; c < cols; c++) {
				uint32_t cp = canvas_cell(cv, c, r, &st);

				if (cp != ' ' && cp != 0)
					end = c + 1;
			}
			for (c = 0; c < end; c++) {
				uint32_t cp = canvas_cell(cv, c, r, &st), marks[CANVAS_MARKS];
				int m, nm = canvas_cell_marks(cv, c, r, marks);
				char enc[4];

				if (cp == 0)
					continue;
				if ((int)st != last) {
					fprintf(fp, "\033[%sm", sgr[st]);
					last = (int)st;
				}
				fwrite(enc, 1, text_encode(cp, enc), fp);
				for (m = 0; m < nm; m++)
					fwrite(enc, 1, text_encode(marks[m], enc), fp);
			}
			if (fputs(last >= 0 ? "\033[0m\n" : "\n", fp) == EOF)
				goto fail;
		}
	}
	free(buf);
	return fflush(fp) == EOF ? -1 : 0;
fail:
	free(buf);
	return -1;
}

/* JSON string body: quotes, backslashes and control characters escaped; UTF-8 kept. */
static void
json_text(FILE *fp, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '"' || c == '\\')
			fprintf(fp, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", fp);
		else if (c == '\r')
			fputs("\\r", fp);
		else if (c < 0x20 || c == 0x7f)
			fprintf(fp, "\\u%04x", c);
		else
			fputc(c, fp);
	}
}

int
dump_cast_header(FILE *fp, int cols, int rows, const char *title)
{
	fprintf(fp, "{\"version\": 2, \"width\": %d, \"height\": %d, \"title\": \"", cols,
	    rows);
	json_text(fp, title, strlen(title));
	fputs("\", \"env\": {\"TERM\": \"xterm-256color\"}}\n", fp);
	return ferror(fp) ? -1 : 0;
}

int
dump_cast_frame(const struct canvas *cv, FILE *fp, double t, int color)
{
	char *text = NULL;
	size_t len = 0, i;
	FILE *mem = open_memstream(&text, &len);
	int r;

	if (mem == NULL)
		die("out of memory");
	r = dump_write(cv, mem, color);
	fclose(mem);
	fprintf(fp, "[%.3f, \"o\", \"", t);
	json_text(fp, "\033[H\033[2J", 7);
	/* a terminal needs CR LF; the last line ends without one, like a screen */
	for (i = 0; i < len; i++) {
		if (text[i] == '\n') {
			if (i + 1 < len)
				json_text(fp, "\r\n", 2);
			continue;
		}
		json_text(fp, text + i, 1);
	}
	fputs("\"]\n", fp);
	free(text);
	return r != 0 || ferror(fp) ? -1 : 0;
}
