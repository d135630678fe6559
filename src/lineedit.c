/* lineedit.c: the prompts' line editor and their histories. */
#include "lineedit.h"

#include <stdlib.h>
#include <string.h>

#include "keys.h"
#include "text.h"
#include "util.h"

struct lineedit_hist {
	char		**v;		/* oldest first */
	size_t		  n, cap;
};

struct lineedit {
	char		  buf[LINEEDIT_MAX + 1];
	size_t		  len, cur;	/* bytes; cur on a character boundary */
	size_t		  scroll;	/* the first byte shown by lineedit_view() */
	char		  kill[LINEEDIT_MAX + 1];
	struct lineedit_hist *hist;
	size_t		  hpos;		/* the entry shown; hist->n: the line being edited */
	char		 *saved;	/* the line being edited, while an entry is shown */
};

struct lineedit_hist *
lineedit_hist_new(size_t cap)
{
	struct lineedit_hist *h = xcalloc(1, sizeof *h);

	h->cap = cap > 0 ? cap : LINEEDIT_HIST_CAP;
	return h;
}

void
lineedit_hist_free(struct lineedit_hist *h)
{
	size_t i;

	if (h == NULL)
		return;
	for (i = 0; i < h->n; i++)
		free(h->v[i]);
	free(h->v);
	free(h);
}

void
lineedit_hist_add(struct lineedit_hist *h, const char *line)
{
	char *s = text_sanitize(line, strlen(line), LINEEDIT_MAX);

	if (s[0] == '\0' || (h->n > 0 && strcmp(h->v[h->n - 1], s) == 0)) {
		free(s);
		return;
	}
	if (h->n == h->cap) {
		free(h->v[0]);
		memmove(h->v, h->v + 1, (h->n - 1) * sizeof *h->v);
		h->n--;
	}
	if (h->v == NULL)
		h->v = xcalloc(h->cap, sizeof *h->v);
	h->v[h->n++] = s;
}

size_t
lineedit_hist_count(const struct lineedit_hist *h)
{
	return h != NULL ? h->n : 0;
}

const char *
lineedit_hist_get(const struct lineedit_hist *h, size_t i)
{
	return h != NULL && i < h->n ? h->v[i] : NULL;
}

struct lineedit *
lineedit_new(struct lineedit_hist *hist)
{
	struct lineedit *le = xcalloc(1, sizeof *le);

	le->hist = hist;
	le->hpos = lineedit_hist_count(hist);
	return le;
}

void
lineedit_free(struct lineedit *le)
{
	if (le == NULL)
		return;
	free(le->saved);
	free(le);
}

/* The code point at byte i and its width; returns its length. */
static size_t
cp_at(const struct lineedit *le, size_t i, int *width)
{
	uint32_t cp;
	size_t n = text_decode(le->buf + i, le->len - i, &cp);

	*width = text_cp_width(cp);
	return n;
}

/* The end of the character starting at i: a code point and the zero-width ones after it. */
static size_t
next_char(const struct lineedit *le, size_t i)
{
	int w;

	if (i >= le->len)
		return le->len;
	i += cp_at(le, i, &w);
	while (i < le->len) {
		size_t n = cp_at(le, i, &w);

		if (w != 0)
			break;
		i += n;
	}
	return i;
}

/* The start of the code point before byte i (the text is valid UTF-8). */
static size_t
prev_cp(const struct lineedit *le, size_t i)
{
	if (i == 0)
		return 0;
	i--;
	while (i > 0 && ((unsigned char)le->buf[i] & 0xc0) == 0x80)
		i--;
	return i;
}

/* The start of the character before byte i. */
static size_t
prev_char(const struct lineedit *le, size_t i)
{
	int w;

	i = prev_cp(le, i);
	while (i > 0) {
		cp_at(le, i, &w);
		if (w != 0)
			break;
		i = prev_cp(le, i);
	}
	return i;
}

/* The first character boundary at or after byte i. */
static size_t
snap(const struct lineedit *le, size_t i)
{
	size_t b = 0;

	while (b < i && b < le->len)
		b = next_char(le, b);
	return b;
}

/* Columns of text[a .. b). */
static int
cols(const struct lineedit *le, size_t a, size_t b)
{
	int w, total = 0;

	while (a < b) {
		a += cp_at(le, a, &w);
		total += w;
	}
	return total;
}

/* Removes text[a .. b), keeping it for a yank if kill. */
static int
cut(struct lineedit *le, size_t a, size_t b, int kill)
{
	if (a >= b)
		return 0;
	if (kill) {
		memcpy(le->kill, le->buf + a, b - a);
		le->kill[b - a] = '\0';
	}
	memmove(le->buf + a, le->buf + b, le->len - b + 1);
	le->len -= b - a;
	if (le->cur >= b)
		le->cur -= b - a;
	else if (le->cur > a)
		le->cur = a;
	return 1;
}

/* Inserts s[0 .. n) at the cursor, or as much of it as fits on a code point's end. */
static int
paste(struct lineedit *le, const char *s, size_t n)
{
	if (n > LINEEDIT_MAX - le->len) {
		n = LINEEDIT_MAX - le->len;
		/* back to the start of the code point that would be cut */
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	if (n == 0)
		return 0;
	memmove(le->buf + le->cur + n, le->buf + le->cur, le->len - le->cur + 1);
	memcpy(le->buf + le->cur, s, n);
	le->len += n;
	/* a letter typed before a leading combining mark takes it */
	le->cur = snap(le, le->cur + n);
	return 1;
}

void
lineedit_set(struct lineedit *le, const char *text)
{
	le->len = text_sanitize_buf(text, strlen(text), le->buf, sizeof le->buf);
	le->cur = le->len;
	le->scroll = 0;
}

const char *
lineedit_text(const struct lineedit *le)
{
	return le->buf;
}

size_t
lineedit_cursor(const struct lineedit *le)
{
	return le->cur;
}

int
lineedit_cursor_col(const struct lineedit *le)
{
	return cols(le, 0, le->cur);
}

int
lineedit_insert(struct lineedit *le, uint32_t cp)
{
	char enc[4], clean[8];
	size_t n;

	if (cp < 0x20 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	n = text_encode(cp, enc);
	/* what the sanitiser would drop or change (DEL, C1, bidi controls) is refused */
	if (text_sanitize_buf(enc, n, clean, sizeof clean) != n || memcmp(clean, enc, n) != 0)
		return 0;
	return paste(le, enc, n);
}

int
lineedit_insert_text(struct lineedit *le, const char *s)
{
	char *clean = text_sanitize(s, strlen(s), LINEEDIT_MAX);
	int r = paste(le, clean, strlen(clean));

	free(clean);
	return r;
}

int
lineedit_left(struct lineedit *le)
{
	if (le->cur == 0)
		return 0;
	le->cur = prev_char(le, le->cur);
	return 1;
}

int
lineedit_right(struct lineedit *le)
{
	if (le->cur == le->len)
		return 0;
	le->cur = next_char(le, le->cur);
	return 1;
}

int
lineedit_home(struct lineedit *le)
{
	if (le->cur == 0)
		return 0;
	le->cur = 0;
	return 1;
}

int
lineedit_end(struct lineedit *le)
{
	if (le->cur == le->len)
		return 0;
	le->cur = le->len;
	return 1;
}

int
lineedit_backspace(struct lineedit *le)
{
	return cut(le, prev_char(le, le->cur), le->cur, 0);
}

int
lineedit_delete(struct lineedit *le)
{
	return cut(le, le->cur, next_char(le, le->cur), 0);
}

int
lineedit_kill_start(struct lineedit *le)
{
	return cut(le, 0, le->cur, 1);
}

int
lineedit_kill_end(struct lineedit *le)
{
	return cut(le, le->cur, le->len, 1);
}

int
lineedit_kill_word(struct lineedit *le)
{
	size_t a = le->cur;

	/* blanks are ASCII: no byte of a multibyte character is one */
	while (a > 0 && le->buf[a - 1] == ' ')
		a--;
	while (a > 0 && le->buf[a - 1] != ' ')
		a--;
	return cut(le, a, le->cur, 1);
}

int
lineedit_yank(struct lineedit *le)
{
	return paste(le, le->kill, strlen(le->kill));
}

int
lineedit_hist_prev(struct lineedit *le)
{
	size_t n = lineedit_hist_count(le->hist);

	if (le->hpos > n)
		le->hpos = n;	/* the history was shared and shortened */
	if (le->hpos == 0)
		return 0;
	if (le->hpos == n) {
		free(le->saved);
		le->saved = xstrdup(le->buf);
	}
	le->hpos--;
	lineedit_set(le, le->hist->v[le->hpos]);
	return 1;
}

int
lineedit_hist_next(struct lineedit *le)
{
	size_t n = lineedit_hist_count(le->hist);

	if (le->hpos >= n)
		return 0;
	le->hpos++;
	if (le->hpos < n) {
		lineedit_set(le, le->hist->v[le->hpos]);
		return 1;
	}
	lineedit_set(le, le->saved != NULL ? le->saved : "");
	free(le->saved);
	le->saved = NULL;
	return 1;
}

const char *
lineedit_accept(struct lineedit *le)
{
	if (le->hist != NULL)
		lineedit_hist_add(le->hist, le->buf);
	free(le->saved);
	le->saved = NULL;
	le->hpos = lineedit_hist_count(le->hist);
	return le->buf;
}

int
lineedit_key(struct lineedit *le, int key)
{
	size_t len = le->len;
	char before[LINEEDIT_MAX + 1];
	int r;

	memcpy(before, le->buf, len + 1);
	switch (key) {
	case KEYC_LEFT:
	case KEYC_CTRL('b'):
		lineedit_left(le);
		break;
	case KEYC_RIGHT:
	case KEYC_CTRL('f'):
		lineedit_right(le);
		break;
	case KEYC_HOME:
	case KEYC_CTRL('a'):
		lineedit_home(le);
		break;
	case KEYC_END:
	case KEYC_CTRL('e'):
		lineedit_end(le);
		break;
	case KEYC_BACKSPACE:
		lineedit_backspace(le);
		break;
	case KEYC_DELETE:
	case KEYC_CTRL('d'):
		lineedit_delete(le);
		break;
	case KEYC_CTRL('u'):
		lineedit_kill_start(le);
		break;
	case KEYC_CTRL('k'):
		lineedit_kill_end(le);
		break;
	case KEYC_CTRL('w'):
		lineedit_kill_word(le);
		break;
	case KEYC_CTRL('y'):
		lineedit_yank(le);
		break;
	case KEYC_UP:
	case KEYC_CTRL('p'):
		lineedit_hist_prev(le);
		break;
	case KEYC_DOWN:
	case KEYC_CTRL('n'):
		lineedit_hist_next(le);
		break;
	default:
		if (key < 0x20 || key >= KEYC_BASE || (key >= 0x7f && key <= 0x9f))
			return 0;
		lineedit_insert(le, (uint32_t)key);
		break;
	}
	r = LINEEDIT_USED;
	if (le->len != len || memcmp(before, le->buf, len) != 0)
		r |= LINEEDIT_CHANGED;
	return r;
}

void
lineedit_view(struct lineedit *le, int width, struct lineedit_view *v)
{
	int head, tail, w, used;
	size_t to, p, e;

	if (width < 1)
		width = 1;
	le->scroll = le->scroll > le->cur ? le->cur : snap(le, le->scroll);
	/* head: columns from the window's start to the cursor, tail: to the end */
	head = cols(le, le->scroll, le->cur);
	tail = head + cols(le, le->cur, le->len);
	/* the cursor needs a column of its own past what is before it */
	while (head > width - 1) {
		e = next_char(le, le->scroll);
		w = cols(le, le->scroll, e);
		head -= w;
		tail -= w;
		le->scroll = e;
	}
	/*
	 * No blank on the right while text is hidden on the left (after a
	 * deletion, or a wider screen); the column past the end stays free
	 * wherever the cursor is, so moving it never scrolls the text.
	 */
	while (le->scroll > 0) {
		p = prev_char(le, le->scroll);
		w = cols(le, p, le->scroll);
		if (tail + w + 1 > width || head + w > width - 1)
			break;
		head += w;
		tail += w;
		le->scroll = p;
	}
	to = le->scroll;
	used = 0;
	while (to < le->len) {
		e = next_char(le, to);
		w = cols(le, to, e);
		if (used + w > width)
			break;
		used += w;
		to = e;
	}
	v->from = le->scroll;
	v->to = to;
	v->col = head;
	v->more_left = le->scroll > 0;
	v->more_right = to < le->len;
}
