/* listview.c: the scroll arithmetic, search and drawing of the viewer's lists. */
#include "listview.h"

#include <stdlib.h>
#include <string.h>

#include "style.h"
#include "text.h"
#include "util.h"

struct listview {
	size_t		 nrows;		/* source rows */
	listview_text_fn text;
	void		*ctx;
	size_t		*shown;		/* source rows shown; NULL: all, in order */
	size_t		 n;		/* how many are shown */
	size_t		 cur, top;	/* positions; cur is 0 when n is 0 */
	int		 height;
};

struct listview *
listview_new(size_t nrows, listview_text_fn text, void *ctx)
{
	struct listview *lv = xcalloc(1, sizeof *lv);

	lv->nrows = lv->n = nrows;
	lv->text = text;
	lv->ctx = ctx;
	lv->height = 1;
	return lv;
}

void
listview_free(struct listview *lv)
{
	if (lv == NULL)
		return;
	free(lv->shown);
	free(lv);
}

/* The window holds the cursor and, when the rows fill it, no blank line at the bottom. */
static void
follow(struct listview *lv)
{
	size_t h = (size_t)lv->height, max_top = lv->n > h ? lv->n - h : 0;

	if (lv->cur < lv->top)
		lv->top = lv->cur;
	else if (lv->cur >= lv->top + h)
		lv->top = lv->cur - h + 1;
	if (lv->top > max_top)
		lv->top = max_top;
}

size_t
listview_count(const struct listview *lv)
{
	return lv->n;
}

size_t
listview_row(const struct listview *lv, size_t pos)
{
	if (pos >= lv->n)
		return LISTVIEW_NONE;
	return lv->shown != NULL ? lv->shown[pos] : pos;
}

size_t
listview_cursor(const struct listview *lv)
{
	return lv->n > 0 ? lv->cur : LISTVIEW_NONE;
}

size_t
listview_selected(const struct listview *lv)
{
	return listview_row(lv, lv->cur);
}

size_t
listview_top(const struct listview *lv)
{
	return lv->top;
}

int
listview_height(const struct listview *lv)
{
	return lv->height;
}

void
listview_filter(struct listview *lv, const size_t *rows, size_t n)
{
	size_t sel = listview_selected(lv), line = lv->cur - lv->top, i, k = 0;

	free(lv->shown);
	lv->shown = NULL;
	if (rows != NULL) {
		lv->shown = xreallocarray(NULL, n ? n : 1, sizeof *lv->shown);
		/* rows that do not exist are left out */
		for (i = 0; i < n; i++)
			if (rows[i] < lv->nrows)
				lv->shown[k++] = rows[i];
		n = k;
	} else
		n = lv->nrows;
	lv->n = n;
	for (i = 0; sel != LISTVIEW_NONE && i < n; i++)
		if (listview_row(lv, i) == sel)
			break;
	if (sel == LISTVIEW_NONE || i == n)
		i = lv->cur;		/* gone: the same position */
	lv->cur = n == 0 ? 0 : i < n ? i : n - 1;
	lv->top = lv->cur >= line ? lv->cur - line : 0;
	follow(lv);
}

void
listview_resize(struct listview *lv, int height)
{
	lv->height = height > 0 ? height : 1;
	follow(lv);
}

/* The cursor to position pos (clamped); 1 if it moved. */
static int
go(struct listview *lv, size_t pos)
{
	size_t old = lv->cur;

	if (lv->n == 0)
		return 0;
	lv->cur = pos < lv->n ? pos : lv->n - 1;
	follow(lv);
	return lv->cur != old;
}

int
listview_move(struct listview *lv, long delta)
{
	/* |delta| without overflow, LONG_MIN included */
	size_t d = delta < 0 ? (size_t)-(delta + 1) + 1 : (size_t)delta;

	if (delta < 0)
		return go(lv, d > lv->cur ? 0 : lv->cur - d);
	return go(lv, d > lv->n - lv->cur ? lv->n : lv->cur + d);
}

int
listview_page(struct listview *lv, int dir)
{
	size_t h = (size_t)lv->height, max_top = lv->n > h ? lv->n - h : 0;

	if (lv->n == 0)
		return 0;
	/* the window moves a page and the cursor with it, keeping its line */
	if (dir > 0) {
		lv->top = lv->top + h < max_top ? lv->top + h : max_top;
		return listview_move(lv, (long)h);
	}
	lv->top = lv->top > h ? lv->top - h : 0;
	return listview_move(lv, -(long)h);
}

int
listview_first(struct listview *lv)
{
	return go(lv, 0);
}

int
listview_last(struct listview *lv)
{
	return go(lv, lv->n);
}

int
listview_goto(struct listview *lv, size_t row)
{
	size_t i;

	for (i = 0; i < lv->n; i++)
		if (listview_row(lv, i) == row) {
			go(lv, i);
			return 1;
		}
	return 0;
}

int
listview_search(struct listview *lv, const char *query, int dir)
{
	char buf[LISTVIEW_TEXT_MAX], folded[LISTVIEW_TEXT_MAX * 3 + 1], *q;
	size_t k, pos, len;
	int found = 0;

	if (lv->n == 0)
		return 0;
	len = strlen(query);
	q = xreallocarray(NULL, len + 1, 3);
	if (text_fold_into(query, len, q) == 0) {
		free(q);
		return 0;
	}
	/* k = 1 .. n: every row once, the cursor's own last (first when dir is 0) */
	for (k = dir == 0 ? 0 : 1; k <= lv->n && !found; k++) {
		const char *t;
		size_t step = k % lv->n;

		pos = dir < 0 ? (lv->cur + lv->n - step) % lv->n : (lv->cur + step) % lv->n;
		t = lv->text(lv->ctx, listview_row(lv, pos), 0, buf, sizeof buf);
		len = strnlen(t, sizeof buf - 1);
		text_fold_into(t, len, folded);
		if (strstr(folded, q) != NULL) {
			go(lv, pos);
			found = 1;
		}
	}
	free(q);
	return found;
}

void
listview_draw(const struct listview *lv, struct canvas *cv, int col, int row, int cols,
    int rows)
{
	char buf[LISTVIEW_TEXT_MAX];
	int r;

	if (cols <= 0 || rows <= 0)
		return;
	canvas_fill(cv, col, row, cols, rows, STYLE_PANEL);
	for (r = 0; r < rows && lv->top + (size_t)r < lv->n; r++) {
		size_t pos = lv->top + (size_t)r;
		const char *t = lv->text(lv->ctx, listview_row(lv, pos), cols, buf, sizeof buf);
		char *line = text_sanitize(t, strnlen(t, sizeof buf - 1), sizeof buf - 1), *e;
		enum style st = pos == lv->cur ? STYLE_HIGHLIGHT : STYLE_PANEL;
		int used;

		/* a cut cell's "…" keeps its one cell: ASCII would make it "..." */
		while (canvas_mode(cv) == CANVAS_ASCII && (e = strstr(line, "\xe2\x80\xa6")) != NULL) {
			*e = '>';
			memmove(e + 1, e + 3, strlen(e + 3) + 1);
		}

		if (st != STYLE_PANEL)
			canvas_fill(cv, col, row + r, cols, 1, st);
		if (text_width(line) <= cols) {
			canvas_text(cv, col, row + r, line, cols, st);
		} else {
			used = canvas_text(cv, col, row + r, line, cols - 1, st);
			canvas_put(cv, col + used, row + r,
			    canvas_mode(cv) == CANVAS_ASCII ? '>' : 0x2026, st);
		}
		free(line);
	}
}

size_t
listview_column(char *buf, size_t len, const char *s, int width)
{
	size_t at = strnlen(buf, len), i = 0, slen = strlen(s), n;
	int used = 0;

	if (at >= len)
		return at;	/* not a string: left alone */
	while (i < slen) {
		uint32_t cp;
		int w;

		n = text_decode(s + i, slen - i, &cp);
		w = text_cp_width(cp);
		/* a combining mark (w 0) still joins the last character kept */
		if (used + w > width || at + n >= len)
			break;
		memcpy(buf + at, s + i, n);
		at += n;
		i += n;
		used += w;
	}
	while (used < width && at + 1 < len) {
		buf[at++] = ' ';
		used++;
	}
	buf[at] = '\0';
	return at;
}

size_t
listview_cell(char *buf, size_t len, const char *s, int width, int gap)
{
	size_t at = strnlen(buf, len);

	if (width >= 1 && text_width(s) > width) {
		/* the cell's text but its last column, then the mark */
		char *cut = xstrdup(s);
		size_t n = strlen(cut);

		while (n > 0 && text_width(cut) > width - 1) {
			while (n > 1 && (cut[n - 1] & 0xC0) == 0x80)
				n--;
			cut[--n] = '\0';
		}
		/* blanks before the mark say nothing */
		while (n > 0 && cut[n - 1] == ' ')
			cut[--n] = '\0';
		listview_column(buf, len, cut, text_width(cut));
		at = listview_column(buf, len, "\xe2\x80\xa6", width - text_width(cut));
		free(cut);
	} else
		at = listview_column(buf, len, s, width > 0 ? width : 0);
	return gap > 0 ? listview_column(buf, len, "", gap) : at;
}
