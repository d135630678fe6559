/* test_lineedit.c: the prompts' line editor: moves, kills, UTF-8, the window and history. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keys.h"
#include "lineedit.h"
#include "text.h"

#define E_ACUTE		"\xc3\xa9"		/* é, one code point */
#define COMBINING	"\xcc\x81"		/* U+0301 COMBINING ACUTE ACCENT */
#define TOKYO		"\xe6\x9d\xb1\xe4\xba\xac"	/* 東京, 4 columns */

static struct lineedit *
with(const char *text)
{
	struct lineedit *le = lineedit_new(NULL);

	lineedit_set(le, text);
	return le;
}

/* Sends each byte of keys (ASCII) as a key. */
static void
type(struct lineedit *le, const char *keys)
{
	for (; *keys != '\0'; keys++)
		assert_int_equal(lineedit_key(le, (unsigned char)*keys),
		    LINEEDIT_USED | LINEEDIT_CHANGED);
}

static void
test_insert_and_move(void **state)
{
	struct lineedit *le = lineedit_new(NULL);

	(void)state;
	assert_string_equal(lineedit_text(le), "");
	assert_int_equal(lineedit_cursor(le), 0);
	type(le, "abc");
	assert_string_equal(lineedit_text(le), "abc");
	assert_int_equal(lineedit_cursor(le), 3);
	assert_int_equal(lineedit_left(le), 1);
	assert_int_equal(lineedit_insert(le, 'X'), 1);
	assert_string_equal(lineedit_text(le), "abXc");
	assert_int_equal(lineedit_cursor(le), 3);
	assert_int_equal(lineedit_home(le), 1);
	assert_int_equal(lineedit_home(le), 0);
	assert_int_equal(lineedit_left(le), 0);
	assert_int_equal(lineedit_insert(le, '>'), 1);
	assert_string_equal(lineedit_text(le), ">abXc");
	assert_int_equal(lineedit_end(le), 1);
	assert_int_equal(lineedit_end(le), 0);
	assert_int_equal(lineedit_right(le), 0);
	assert_int_equal(lineedit_cursor(le), 5);
	lineedit_free(le);
	lineedit_free(NULL);
}

/* The same through keys: arrows, Home/End and their Ctrl forms. */
static void
test_keys(void **state)
{
	struct lineedit *le = with("2023-10-07");

	(void)state;
	assert_int_equal(lineedit_key(le, KEYC_CTRL('a')), LINEEDIT_USED);
	assert_int_equal(lineedit_cursor(le), 0);
	assert_int_equal(lineedit_key(le, KEYC_END), LINEEDIT_USED);
	assert_int_equal(lineedit_cursor(le), 10);
	assert_int_equal(lineedit_key(le, KEYC_HOME), LINEEDIT_USED);
	assert_int_equal(lineedit_key(le, KEYC_CTRL('e')), LINEEDIT_USED);
	assert_int_equal(lineedit_cursor(le), 10);
	assert_int_equal(lineedit_key(le, KEYC_LEFT), LINEEDIT_USED);
	assert_int_equal(lineedit_key(le, KEYC_CTRL('b')), LINEEDIT_USED);
	assert_int_equal(lineedit_cursor(le), 8);
	assert_int_equal(lineedit_key(le, KEYC_RIGHT), LINEEDIT_USED);
	assert_int_equal(lineedit_key(le, KEYC_CTRL('f')), LINEEDIT_USED);
	assert_int_equal(lineedit_cursor(le), 10);
	/* nothing to do is still the line's key: it must not reach the map */
	assert_int_equal(lineedit_key(le, KEYC_RIGHT), LINEEDIT_USED);
	assert_int_equal(lineedit_key(le, KEYC_BACKSPACE), LINEEDIT_USED | LINEEDIT_CHANGED);
	assert_string_equal(lineedit_text(le), "2023-10-0");
	assert_int_equal(lineedit_key(le, KEYC_HOME), LINEEDIT_USED);
	assert_int_equal(lineedit_key(le, KEYC_DELETE), LINEEDIT_USED | LINEEDIT_CHANGED);
	assert_int_equal(lineedit_key(le, KEYC_CTRL('d')), LINEEDIT_USED | LINEEDIT_CHANGED);
	assert_string_equal(lineedit_text(le), "23-10-0");
	/* the caller's keys */
	assert_int_equal(lineedit_key(le, KEYC_ENTER), 0);
	assert_int_equal(lineedit_key(le, KEYC_ESC), 0);
	assert_int_equal(lineedit_key(le, KEYC_TAB), 0);
	assert_int_equal(lineedit_key(le, KEYC_BTAB), 0);
	assert_int_equal(lineedit_key(le, KEYC_PGDN), 0);
	assert_int_equal(lineedit_key(le, KEYC_CTRL_C), 0);
	assert_int_equal(lineedit_key(le, KEYC_CTRL('l')), 0);
	assert_int_equal(lineedit_key(le, KEYC_CTRL('g')), 0);
	assert_int_equal(lineedit_key(le, 0x9b), 0);
	assert_string_equal(lineedit_text(le), "23-10-0");
	lineedit_free(le);
}

static void
test_backspace_delete(void **state)
{
	struct lineedit *le = with("ab");

	(void)state;
	assert_int_equal(lineedit_delete(le), 0);	/* at the end */
	assert_int_equal(lineedit_backspace(le), 1);
	assert_string_equal(lineedit_text(le), "a");
	assert_int_equal(lineedit_backspace(le), 1);
	assert_int_equal(lineedit_backspace(le), 0);	/* empty */
	assert_int_equal(lineedit_delete(le), 0);
	lineedit_set(le, "xyz");
	lineedit_home(le);
	assert_int_equal(lineedit_backspace(le), 0);	/* at the start */
	assert_int_equal(lineedit_delete(le), 1);
	assert_string_equal(lineedit_text(le), "yz");
	assert_int_equal(lineedit_cursor(le), 0);
	lineedit_free(le);
}

static void
test_kills(void **state)
{
	struct lineedit *le = with("hello world");

	(void)state;
	/* Ctrl-U: from the start to the cursor; Ctrl-Y puts it back */
	lineedit_home(le);
	for (int i = 0; i < 5; i++)
		lineedit_right(le);
	assert_int_equal(lineedit_key(le, KEYC_CTRL('u')), LINEEDIT_USED | LINEEDIT_CHANGED);
	assert_string_equal(lineedit_text(le), " world");
	assert_int_equal(lineedit_cursor(le), 0);
	assert_int_equal(lineedit_key(le, KEYC_CTRL('u')), LINEEDIT_USED);	/* nothing before */
	assert_int_equal(lineedit_key(le, KEYC_CTRL('y')), LINEEDIT_USED | LINEEDIT_CHANGED);
	assert_string_equal(lineedit_text(le), "hello world");
	assert_int_equal(lineedit_cursor(le), 5);
	/* Ctrl-K: from the cursor to the end */
	assert_int_equal(lineedit_key(le, KEYC_CTRL('k')), LINEEDIT_USED | LINEEDIT_CHANGED);
	assert_string_equal(lineedit_text(le), "hello");
	assert_int_equal(lineedit_key(le, KEYC_CTRL('k')), LINEEDIT_USED);
	lineedit_home(le);
	lineedit_yank(le);
	assert_string_equal(lineedit_text(le), " worldhello");
	assert_int_equal(lineedit_cursor(le), 6);
	lineedit_free(le);

	/* Ctrl-W: the blanks before the cursor, then the word before them */
	le = with("Firhoun Ag  Alansar");
	assert_int_equal(lineedit_kill_word(le), 1);
	assert_string_equal(lineedit_text(le), "Firhoun Ag  ");
	assert_int_equal(lineedit_kill_word(le), 1);
	assert_string_equal(lineedit_text(le), "Firhoun ");
	lineedit_yank(le);
	assert_string_equal(lineedit_text(le), "Firhoun Ag  ");
	lineedit_set(le, "Gao army camp");
	lineedit_home(le);
	for (int i = 0; i < 4; i++)
		lineedit_right(le);		/* after "Gao " */
	assert_int_equal(lineedit_key(le, KEYC_CTRL('w')), LINEEDIT_USED | LINEEDIT_CHANGED);
	assert_string_equal(lineedit_text(le), "army camp");
	assert_int_equal(lineedit_cursor(le), 0);
	assert_int_equal(lineedit_kill_word(le), 0);
	lineedit_set(le, "   ");
	assert_int_equal(lineedit_kill_word(le), 1);
	assert_string_equal(lineedit_text(le), "");
	lineedit_set(le, "S" E_ACUTE "gou " TOKYO);
	assert_int_equal(lineedit_kill_word(le), 1);
	assert_string_equal(lineedit_text(le), "S" E_ACUTE "gou ");
	assert_int_equal(lineedit_kill_word(le), 1);
	assert_string_equal(lineedit_text(le), "");
	lineedit_free(le);
}

/* Characters, not bytes: é (2 bytes), 東京 (3 bytes, 2 columns each), e + U+0301. */
static void
test_utf8(void **state)
{
	struct lineedit *le = with("caf" E_ACUTE);

	(void)state;
	assert_int_equal(lineedit_cursor(le), 5);
	assert_int_equal(lineedit_cursor_col(le), 4);
	lineedit_left(le);
	assert_int_equal(lineedit_cursor(le), 3);
	lineedit_right(le);
	assert_int_equal(lineedit_cursor(le), 5);
	lineedit_backspace(le);
	assert_string_equal(lineedit_text(le), "caf");
	assert_int_equal(lineedit_insert(le, 0xe9), 1);
	assert_string_equal(lineedit_text(le), "caf" E_ACUTE);
	lineedit_free(le);

	le = with(TOKYO);
	assert_int_equal(lineedit_cursor_col(le), 4);
	lineedit_left(le);
	assert_int_equal(lineedit_cursor(le), 3);
	assert_int_equal(lineedit_cursor_col(le), 2);
	lineedit_insert(le, 'x');
	assert_string_equal(lineedit_text(le), "\xe6\x9d\xb1x\xe4\xba\xac");
	lineedit_home(le);
	lineedit_delete(le);
	assert_string_equal(lineedit_text(le), "x\xe4\xba\xac");
	lineedit_free(le);

	/* a letter and its combining accent move and go together */
	le = with("Se" COMBINING "gou");
	lineedit_home(le);
	lineedit_right(le);
	assert_int_equal(lineedit_cursor(le), 1);
	lineedit_right(le);
	assert_int_equal(lineedit_cursor(le), 4);	/* past the accent */
	assert_int_equal(lineedit_cursor_col(le), 2);
	lineedit_left(le);
	assert_int_equal(lineedit_cursor(le), 1);
	lineedit_delete(le);
	assert_string_equal(lineedit_text(le), "Sgou");
	lineedit_set(le, "Se" COMBINING);
	lineedit_backspace(le);
	assert_string_equal(lineedit_text(le), "S");
	/* a combining mark typed after a letter joins it */
	lineedit_insert(le, 0x301);
	assert_string_equal(lineedit_text(le), "S" COMBINING);
	lineedit_left(le);
	assert_int_equal(lineedit_cursor(le), 0);
	/* a letter typed before a leading mark takes it: the cursor stays on a boundary */
	lineedit_set(le, COMBINING "a");
	lineedit_home(le);
	lineedit_insert(le, 'e');
	assert_string_equal(lineedit_text(le), "e" COMBINING "a");
	assert_int_equal(lineedit_cursor(le), 3);
	lineedit_free(le);
}

/* Controls, invisible and bidi characters never enter the line. */
static void
test_refused(void **state)
{
	static const uint32_t bad[] = { 0, 0x07, 0x1b, 0x7f, 0x85, 0x9b, 0x200e, 0x202e,
		0x2066, 0xfeff, 0xd800, 0xdfff, 0x110000, 0xffffffff };
	struct lineedit *le = lineedit_new(NULL);
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(lineedit_insert(le, bad[i]), 0);
	assert_string_equal(lineedit_text(le), "");
	lineedit_set(le, "a\033[31mb\tc\xff");
	assert_string_equal(lineedit_text(le), "a[31mb c\xef\xbf\xbd");
	assert_int_equal(lineedit_cursor(le), strlen(lineedit_text(le)));
	lineedit_insert_text(le, "\033]0;x\a");
	assert_string_equal(lineedit_text(le), "a[31mb c\xef\xbf\xbd]0;x");
	lineedit_free(le);
}

/* The line holds LINEEDIT_MAX bytes; a character that does not fit is refused whole. */
static void
test_full(void **state)
{
	struct lineedit *le = lineedit_new(NULL);
	char *big = malloc(LINEEDIT_MAX + 10);
	size_t i;

	(void)state;
	for (i = 0; i < LINEEDIT_MAX - 1; i++)
		assert_int_equal(lineedit_insert(le, 'a'), 1);
	assert_int_equal(lineedit_insert(le, 0xe9), 0);		/* 2 bytes, 1 left */
	assert_int_equal(lineedit_insert(le, 'b'), 1);
	assert_int_equal(lineedit_insert(le, 'c'), 0);
	assert_int_equal(strlen(lineedit_text(le)), LINEEDIT_MAX);
	assert_int_equal(lineedit_key(le, 'c'), LINEEDIT_USED);
	/* a yank fills what is left, on a code point's end */
	lineedit_set(le, "");
	for (i = 0; i < LINEEDIT_MAX - 3; i++)
		lineedit_insert(le, 'a');
	lineedit_insert_text(le, TOKYO);
	assert_int_equal(strlen(lineedit_text(le)), LINEEDIT_MAX);
	assert_memory_equal(lineedit_text(le) + LINEEDIT_MAX - 3, "\xe6\x9d\xb1", 3);
	/* set cuts on a character */
	memset(big, 'z', LINEEDIT_MAX + 9);
	big[LINEEDIT_MAX - 1] = '\xc3';
	big[LINEEDIT_MAX] = '\xa9';
	big[LINEEDIT_MAX + 9] = '\0';
	lineedit_set(le, big);
	assert_int_equal(strlen(lineedit_text(le)), LINEEDIT_MAX - 1);
	free(big);
	lineedit_free(le);
}

static void
test_history_store(void **state)
{
	struct lineedit_hist *h = lineedit_hist_new(3);
	char *e;

	(void)state;
	assert_int_equal(lineedit_hist_count(h), 0);
	assert_null(lineedit_hist_get(h, 0));
	lineedit_hist_add(h, "Gao");
	lineedit_hist_add(h, "Gao");		/* a repeat of the newest */
	lineedit_hist_add(h, "");
	assert_int_equal(lineedit_hist_count(h), 1);
	lineedit_hist_add(h, "Kidal");
	lineedit_hist_add(h, "Gao");		/* not the newest: added */
	assert_int_equal(lineedit_hist_count(h), 3);
	lineedit_hist_add(h, "Tessalit");	/* beyond the cap: the oldest goes */
	assert_int_equal(lineedit_hist_count(h), 3);
	assert_string_equal(lineedit_hist_get(h, 0), "Kidal");
	assert_string_equal(lineedit_hist_get(h, 2), "Tessalit");
	assert_null(lineedit_hist_get(h, 3));
	lineedit_hist_add(h, "a\033[2Jb");
	assert_string_equal(lineedit_hist_get(h, 2), "a[2Jb");
	lineedit_hist_free(h);
	lineedit_hist_free(NULL);
	assert_int_equal(lineedit_hist_count(NULL), 0);

	h = lineedit_hist_new(0);
	for (int i = 0; i < LINEEDIT_HIST_CAP + 5; i++) {
		char n[16];

		snprintf(n, sizeof n, "%d", i);
		lineedit_hist_add(h, n);
	}
	assert_int_equal(lineedit_hist_count(h), LINEEDIT_HIST_CAP);
	assert_string_equal(lineedit_hist_get(h, 0), "5");
	e = malloc(LINEEDIT_MAX + 50);
	memset(e, 'x', LINEEDIT_MAX + 49);
	e[LINEEDIT_MAX + 49] = '\0';
	lineedit_hist_add(h, e);
	assert_int_equal(strlen(lineedit_hist_get(h, LINEEDIT_HIST_CAP - 1)), LINEEDIT_MAX);
	free(e);
	lineedit_hist_free(h);
}

static void
test_history_walk(void **state)
{
	struct lineedit_hist *h = lineedit_hist_new(0);
	struct lineedit *le = lineedit_new(h), *other;

	(void)state;
	/* an empty history: Up and Down do nothing, but are the line's keys */
	assert_int_equal(lineedit_key(le, KEYC_UP), LINEEDIT_USED);
	assert_int_equal(lineedit_key(le, KEYC_DOWN), LINEEDIT_USED);
	type(le, "2023-10");
	assert_string_equal(lineedit_accept(le), "2023-10");
	lineedit_set(le, "2023-11-14");
	lineedit_accept(le);
	lineedit_set(le, "2023-11-14");
	lineedit_accept(le);			/* the same again: once */
	assert_int_equal(lineedit_hist_count(h), 2);

	/* the line being edited is kept while walking up and back down */
	lineedit_set(le, "2023-0");
	lineedit_left(le);
	assert_int_equal(lineedit_key(le, KEYC_UP), LINEEDIT_USED | LINEEDIT_CHANGED);
	assert_string_equal(lineedit_text(le), "2023-11-14");
	assert_int_equal(lineedit_cursor(le), 10);
	assert_int_equal(lineedit_key(le, KEYC_CTRL('p')), LINEEDIT_USED | LINEEDIT_CHANGED);
	assert_string_equal(lineedit_text(le), "2023-10");
	assert_int_equal(lineedit_hist_prev(le), 0);	/* the oldest */
	assert_string_equal(lineedit_text(le), "2023-10");
	/* an entry edited is a new line: the history keeps the original */
	type(le, "-07");
	assert_int_equal(lineedit_hist_next(le), 1);
	assert_string_equal(lineedit_text(le), "2023-11-14");
	assert_int_equal(lineedit_hist_prev(le), 1);
	assert_string_equal(lineedit_text(le), "2023-10");
	assert_int_equal(lineedit_key(le, KEYC_DOWN), LINEEDIT_USED | LINEEDIT_CHANGED);
	assert_int_equal(lineedit_key(le, KEYC_CTRL('n')), LINEEDIT_USED | LINEEDIT_CHANGED);
	assert_string_equal(lineedit_text(le), "2023-0");
	assert_int_equal(lineedit_hist_next(le), 0);
	assert_string_equal(lineedit_text(le), "2023-0");

	/* accepting a recalled entry makes it the newest */
	lineedit_hist_prev(le);
	lineedit_hist_prev(le);
	assert_string_equal(lineedit_accept(le), "2023-10");
	assert_int_equal(lineedit_hist_count(h), 3);
	assert_string_equal(lineedit_hist_get(h, 2), "2023-10");
	/* after an accept the walk starts again from the newest */
	lineedit_set(le, "");
	lineedit_hist_prev(le);
	assert_string_equal(lineedit_text(le), "2023-10");

	/* another line of the same prompt sees the same history */
	other = lineedit_new(h);
	lineedit_hist_prev(other);
	lineedit_hist_prev(other);
	assert_string_equal(lineedit_text(other), "2023-11-14");
	lineedit_free(other);
	lineedit_free(le);
	lineedit_hist_free(h);
}

#define VIEW(le, w, f, t, c, ml, mr) do {				\
	struct lineedit_view v_;					\
									\
	lineedit_view(le, w, &v_);					\
	assert_int_equal(v_.from, f);					\
	assert_int_equal(v_.to, t);					\
	assert_int_equal(v_.col, c);					\
	assert_int_equal(v_.more_left, ml);				\
	assert_int_equal(v_.more_right, mr);				\
} while (0)

static void
test_view_ascii(void **state)
{
	struct lineedit *le = with("abc");
	int i;

	(void)state;
	VIEW(le, 10, 0, 3, 3, 0, 0);
	lineedit_set(le, "abcdefghijklmnopqrst");	/* 20 */
	/* the end, and a column for the cursor */
	VIEW(le, 10, 11, 20, 9, 1, 0);
	/* moving inside the window does not scroll it */
	for (i = 0; i < 5; i++)
		lineedit_left(le);
	VIEW(le, 10, 11, 20, 4, 1, 0);
	lineedit_home(le);
	VIEW(le, 10, 0, 10, 0, 0, 1);
	for (i = 0; i < 9; i++)
		lineedit_right(le);
	VIEW(le, 10, 0, 10, 9, 0, 1);
	/* one more scrolls by one */
	lineedit_right(le);
	VIEW(le, 10, 1, 11, 9, 1, 1);
	/* back left inside the window: no scroll; past its start: scrolls */
	for (i = 0; i < 9; i++)
		lineedit_left(le);
	VIEW(le, 10, 1, 11, 0, 1, 1);
	lineedit_left(le);
	VIEW(le, 10, 0, 10, 0, 0, 1);
	/* text removed: the window shows what fits again */
	lineedit_end(le);
	VIEW(le, 10, 11, 20, 9, 1, 0);
	for (i = 0; i < 5; i++)
		lineedit_backspace(le);
	VIEW(le, 10, 6, 15, 9, 1, 0);
	lineedit_kill_start(le);
	VIEW(le, 10, 0, 0, 0, 0, 0);
	/* a narrower screen */
	lineedit_set(le, "abcdefghijklmnopqrst");
	VIEW(le, 10, 11, 20, 9, 1, 0);
	VIEW(le, 4, 17, 20, 3, 1, 0);
	VIEW(le, 30, 0, 20, 20, 0, 0);
	/* one column: only the cursor */
	VIEW(le, 1, 20, 20, 0, 1, 0);
	VIEW(le, 0, 20, 20, 0, 1, 0);
	lineedit_home(le);
	VIEW(le, 1, 0, 1, 0, 0, 1);
	lineedit_free(le);
}

static void
test_view_wide(void **state)
{
	struct lineedit *le = with(TOKYO TOKYO TOKYO);	/* 12 columns, 18 bytes */
	int i;

	(void)state;
	VIEW(le, 7, 9, 18, 6, 1, 0);
	/* 4 columns would be 8: a wide character is never cut at the edge */
	lineedit_home(le);
	VIEW(le, 7, 0, 9, 0, 0, 1);
	VIEW(le, 8, 0, 12, 0, 0, 1);
	/* one column cannot show it, but the cursor is there */
	VIEW(le, 1, 0, 0, 0, 0, 1);
	lineedit_end(le);
	VIEW(le, 2, 18, 18, 0, 1, 0);
	VIEW(le, 3, 15, 18, 2, 1, 0);
	lineedit_free(le);

	/* e + U+0301, ten times: ten columns, 30 bytes */
	le = lineedit_new(NULL);
	for (i = 0; i < 10; i++)
		lineedit_insert_text(le, "e" COMBINING);
	assert_int_equal(lineedit_cursor_col(le), 10);
	VIEW(le, 5, 18, 30, 4, 1, 0);
	lineedit_left(le);
	lineedit_left(le);
	VIEW(le, 5, 18, 30, 2, 1, 0);
	lineedit_home(le);
	VIEW(le, 5, 0, 15, 0, 0, 1);
	lineedit_free(le);
}


/* Columns of s[a .. b), as the editor counts them. */
static int
span_cols(const char *s, size_t a, size_t b)
{
	int w = 0;

	while (a < b) {
		uint32_t cp;

		a += text_decode(s + a, b - a, &cp);
		w += text_cp_width(cp);
	}
	return w;
}

/* i starts a character: not inside a code point, nor before a combining mark (but at 0). */
static int
on_boundary(const char *s, size_t i)
{
	uint32_t cp;

	if (i == 0 || s[i] == '\0')
		return 1;
	if (((unsigned char)s[i] & 0xc0) == 0x80)
		return 0;
	text_decode(s + i, strlen(s + i), &cp);
	return text_cp_width(cp) != 0;
}

/*
 * Random keys, characters of every width and controls, on random screen
 * widths: the text stays sanitised, the cursor and the window's ends on
 * character boundaries, the window within its width with the cursor in it.
 */
static void
test_random_keys(void **state)
{
	static const int keys[] = { KEYC_LEFT, KEYC_RIGHT, KEYC_HOME, KEYC_END, KEYC_BACKSPACE,
		KEYC_DELETE, KEYC_UP, KEYC_DOWN, KEYC_CTRL('u'), KEYC_CTRL('k'), KEYC_CTRL('w'),
		KEYC_CTRL('y'), KEYC_ENTER, KEYC_ESC, 'a', 'Z', ' ', ' ', 0xe9, 0x301, 0x300,
		0x6771, 0x4eac, 0x1f600, 0x1b, 0x7f, 0x9b, 0x202e, 0xfeff, 0xfffd };
	struct lineedit_hist *h = lineedit_hist_new(5);
	struct lineedit *le = lineedit_new(h);
	unsigned long x = 12345;
	long step;

	(void)state;
	for (step = 0; step < 200000; step++) {
		struct lineedit_view v;
		const char *t;
		char *clean;
		size_t cur;
		int key, width;

		x = x * 6364136223846793005UL + 1442695040888963407UL;
		key = keys[(x >> 33) % (sizeof keys / sizeof keys[0])];
		if (key == KEYC_ENTER)
			lineedit_accept(le);
		else if (key == KEYC_ESC)
			lineedit_set(le, (x >> 40) % 2 ? "" : "a\xcc\x81" "b");
		else
			lineedit_key(le, key);
		t = lineedit_text(le);
		cur = lineedit_cursor(le);
		clean = text_sanitize(t, strlen(t), LINEEDIT_MAX);
		assert_string_equal(clean, t);
		free(clean);
		assert_true(strlen(t) <= LINEEDIT_MAX);
		assert_true(cur <= strlen(t));
		assert_true(on_boundary(t, cur));
		assert_int_equal(lineedit_cursor_col(le), span_cols(t, 0, cur));
		width = 1 + (int)((x >> 20) % 12);
		lineedit_view(le, width, &v);
		assert_true(v.from <= cur && cur <= strlen(t));
		assert_true(v.from <= v.to && v.to <= strlen(t));
		assert_true(on_boundary(t, v.from));
		assert_true(on_boundary(t, v.to));
		assert_int_equal(v.col, span_cols(t, v.from, cur));
		assert_true(v.col <= width - 1);
		assert_true(span_cols(t, v.from, v.to) <= width);
		assert_int_equal(v.more_left, v.from > 0);
		assert_int_equal(v.more_right, v.to < strlen(t));
	}
	lineedit_free(le);
	lineedit_hist_free(h);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_insert_and_move),
		cmocka_unit_test(test_keys),
		cmocka_unit_test(test_backspace_delete),
		cmocka_unit_test(test_kills),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_full),
		cmocka_unit_test(test_history_store),
		cmocka_unit_test(test_history_walk),
		cmocka_unit_test(test_view_ascii),
		cmocka_unit_test(test_view_wide),
		cmocka_unit_test(test_random_keys),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
