/* test_listview.c: the list model (cursor, window, pages, filter, search) and its drawing. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "canvas.h"
#include "listview.h"
#include "style.h"

/* Row r reads "row r". */
static const char *
numbered(void *ctx, size_t row, int cols, char *buf, size_t len)
{
	(void)ctx;
	(void)cols;
	snprintf(buf, len, "row %zu", row);
	return buf;
}

/* Rows from an array of strings. */
static const char *
from_array(void *ctx, size_t row, int cols, char *buf, size_t len)
{
	(void)cols;
	(void)buf;
	(void)len;
	return ((const char *const *)ctx)[row];
}

/* Cursor position, window top, selected row. */
#define AT(lv, c, t, sel) do {						\
	assert_int_equal(listview_cursor(lv), c);			\
	assert_int_equal(listview_top(lv), t);				\
	assert_int_equal(listview_selected(lv), sel);			\
} while (0)

static void
test_empty(void **state)
{
	struct listview *lv = listview_new(0, numbered, NULL);
	struct canvas *cv = canvas_new(10, 3, CANVAS_BRAILLE);
	char row[64];

	(void)state;
	listview_resize(lv, 5);
	assert_int_equal(listview_count(lv), 0);
	assert_int_equal(listview_cursor(lv), LISTVIEW_NONE);
	assert_int_equal(listview_selected(lv), LISTVIEW_NONE);
	assert_int_equal(listview_row(lv, 0), LISTVIEW_NONE);
	assert_int_equal(listview_top(lv), 0);
	assert_int_equal(listview_move(lv, 1), 0);
	assert_int_equal(listview_move(lv, -1), 0);
	assert_int_equal(listview_page(lv, 1), 0);
	assert_int_equal(listview_page(lv, -1), 0);
	assert_int_equal(listview_first(lv), 0);
	assert_int_equal(listview_last(lv), 0);
	assert_int_equal(listview_goto(lv, 0), 0);
	assert_int_equal(listview_search(lv, "row", 1), 0);
	listview_filter(lv, NULL, 0);
	assert_int_equal(listview_count(lv), 0);
	canvas_text(cv, 0, 0, "xxxxxxxxxx", 10, STYLE_LABEL);
	listview_draw(lv, cv, 0, 0, 10, 3);
	canvas_row_utf8(cv, 0, row, sizeof row);
	assert_string_equal(row, "");
	listview_free(lv);
	listview_free(NULL);
	canvas_free(cv);
}

static void
test_one_row(void **state)
{
	struct listview *lv = listview_new(1, numbered, NULL);

	(void)state;
	listview_resize(lv, 10);
	AT(lv, 0, 0, 0);
	assert_int_equal(listview_move(lv, 1), 0);
	assert_int_equal(listview_move(lv, -1), 0);
	assert_int_equal(listview_page(lv, 1), 0);
	assert_int_equal(listview_page(lv, -1), 0);
	assert_int_equal(listview_last(lv), 0);
	assert_int_equal(listview_first(lv), 0);
	assert_int_equal(listview_search(lv, "row 0", 1), 1);	/* itself, after a full turn */
	assert_int_equal(listview_search(lv, "row 1", 1), 0);
	AT(lv, 0, 0, 0);
	listview_free(lv);
}

/* j/k, g/G, the window following the cursor at both ends. */
static void
test_scroll(void **state)
{
	struct listview *lv = listview_new(100, numbered, NULL);
	int i;

	(void)state;
	listview_resize(lv, 10);
	assert_int_equal(listview_height(lv), 10);
	for (i = 0; i < 9; i++)
		assert_int_equal(listview_move(lv, 1), 1);
	AT(lv, 9, 0, 9);
	listview_move(lv, 1);
	AT(lv, 10, 1, 10);
	listview_move(lv, -1);			/* inside the window: no scroll */
	AT(lv, 9, 1, 9);
	listview_move(lv, -9);
	AT(lv, 0, 0, 0);
	assert_int_equal(listview_move(lv, -1), 0);
	assert_int_equal(listview_last(lv), 1);
	AT(lv, 99, 90, 99);
	assert_int_equal(listview_move(lv, 1), 0);
	assert_int_equal(listview_last(lv), 0);
	listview_move(lv, -1);
	AT(lv, 98, 90, 98);
	assert_int_equal(listview_first(lv), 1);
	AT(lv, 0, 0, 0);
	/* far beyond the ends stops there */
	listview_move(lv, 1000);
	AT(lv, 99, 90, 99);
	listview_move(lv, LONG_MIN);
	AT(lv, 0, 0, 0);
	listview_move(lv, LONG_MAX);
	AT(lv, 99, 90, 99);
	listview_free(lv);
}

/* PgDn/PgUp move the window and the cursor a page; the last page takes the cursor to the end. */
static void
test_pages(void **state)
{
	struct listview *lv = listview_new(25, numbered, NULL);

	(void)state;
	listview_resize(lv, 10);
	listview_move(lv, 3);
	assert_int_equal(listview_page(lv, 1), 1);
	AT(lv, 13, 10, 13);
	assert_int_equal(listview_page(lv, 1), 1);
	AT(lv, 23, 15, 23);			/* the window stops at the end */
	assert_int_equal(listview_page(lv, 1), 1);
	AT(lv, 24, 15, 24);
	assert_int_equal(listview_page(lv, 1), 0);
	assert_int_equal(listview_page(lv, -1), 1);
	AT(lv, 14, 5, 14);
	assert_int_equal(listview_page(lv, -1), 1);
	AT(lv, 4, 0, 4);
	assert_int_equal(listview_page(lv, -1), 1);
	AT(lv, 0, 0, 0);
	assert_int_equal(listview_page(lv, -1), 0);
	/* a list shorter than a page */
	listview_resize(lv, 40);
	assert_int_equal(listview_page(lv, 1), 1);
	AT(lv, 24, 0, 24);
	listview_free(lv);
}

static void
test_resize(void **state)
{
	struct listview *lv = listview_new(100, numbered, NULL);

	(void)state;
	listview_resize(lv, 10);
	listview_move(lv, 50);
	AT(lv, 50, 41, 50);
	listview_move(lv, -5);
	AT(lv, 45, 41, 45);
	/* smaller: the cursor stays in view */
	listview_resize(lv, 3);
	AT(lv, 45, 43, 45);
	listview_resize(lv, 0);
	assert_int_equal(listview_height(lv), 1);
	AT(lv, 45, 45, 45);
	/* larger at the end: no blank lines under the last row */
	listview_last(lv);
	listview_resize(lv, 20);
	AT(lv, 99, 80, 99);
	listview_resize(lv, 500);
	AT(lv, 99, 0, 99);
	listview_resize(lv, 10);
	AT(lv, 99, 90, 99);
	listview_free(lv);
}

static void
test_filter(void **state)
{
	struct listview *lv = listview_new(100, numbered, NULL);
	size_t even[50], odd[50], three[3] = { 5, 3, 9 }, bad[3] = { 7, 100, 12345 };
	size_t i;

	(void)state;
	for (i = 0; i < 50; i++) {
		even[i] = 2 * i;
		odd[i] = 2 * i + 1;
	}
	listview_resize(lv, 10);
	listview_move(lv, 55);
	listview_move(lv, -5);
	AT(lv, 50, 46, 50);			/* on the window's fifth line */
	/* the cursor's row is kept, on the same line of the window */
	listview_filter(lv, even, 50);
	assert_int_equal(listview_count(lv), 50);
	AT(lv, 25, 21, 50);
	assert_int_equal(listview_row(lv, 3), 6);
	assert_int_equal(listview_row(lv, 50), LISTVIEW_NONE);
	/* its row gone: the same position */
	listview_filter(lv, odd, 50);
	AT(lv, 25, 21, 51);
	assert_int_equal(listview_goto(lv, 50), 0);
	assert_int_equal(listview_goto(lv, 77), 1);
	AT(lv, 38, 29, 77);
	/* fewer rows than the position: the last; in the order given */
	listview_filter(lv, three, 3);
	AT(lv, 2, 0, 9);
	assert_int_equal(listview_row(lv, 0), 5);
	listview_first(lv);
	listview_move(lv, 1);
	assert_int_equal(listview_selected(lv), 3);
	/* rows that do not exist are not shown */
	listview_filter(lv, bad, 3);
	assert_int_equal(listview_count(lv), 1);
	AT(lv, 0, 0, 7);
	/* nothing, then everything again */
	listview_filter(lv, even, 0);
	assert_int_equal(listview_count(lv), 0);
	assert_int_equal(listview_selected(lv), LISTVIEW_NONE);
	listview_filter(lv, NULL, 0);
	assert_int_equal(listview_count(lv), 100);
	AT(lv, 0, 0, 0);
	listview_goto(lv, 95);
	listview_filter(lv, NULL, 0);
	AT(lv, 95, 86, 95);
	listview_free(lv);
}

static const char *const events[] = {
	"E1  1 Aug 2023  Ber         handed over",
	"E2  13 Aug 2023 Ber         attacked",
	"E3  2 Oct 2023  Anéfis      contested",
	"E4  7 Oct 2023  Anefis      retaken",
	"E5  31 Oct 2023 Kidal       UN camp left",
	"E6  14 Nov 2023 Kidal       retaken",
	"E7  12 Dec 2023 M\xc3\xa9naka      handed over",
};

static void
test_search(void **state)
{
	struct listview *lv = listview_new(7, from_array, (void *)events);

	(void)state;
	listview_resize(lv, 3);
	/* next, wrapping; accents and case either way */
	assert_int_equal(listview_search(lv, "ANEFIS", 1), 1);
	AT(lv, 2, 0, 2);
	assert_int_equal(listview_search(lv, "anéfis", 1), 1);
	AT(lv, 3, 1, 3);
	assert_int_equal(listview_search(lv, "anefis", 1), 1);
	AT(lv, 2, 1, 2);
	assert_int_equal(listview_search(lv, "anefis", -1), 1);
	assert_int_equal(listview_selected(lv), 3);
	assert_int_equal(listview_search(lv, "menaka", 1), 1);
	AT(lv, 6, 4, 6);
	assert_int_equal(listview_search(lv, "handed", 1), 1);	/* wraps to the top */
	AT(lv, 0, 0, 0);
	assert_int_equal(listview_search(lv, "handed", -1), 1);	/* and back to the end */
	assert_int_equal(listview_selected(lv), 6);
	/* as typed: the cursor's own row first */
	listview_first(lv);
	assert_int_equal(listview_search(lv, "b", 0), 1);
	assert_int_equal(listview_selected(lv), 0);
	assert_int_equal(listview_search(lv, "be", 0), 1);
	assert_int_equal(listview_selected(lv), 0);
	assert_int_equal(listview_search(lv, "ber  ", 0), 1);
	assert_int_equal(listview_selected(lv), 0);
	assert_int_equal(listview_search(lv, "2023 kidal", 0), 1);
	assert_int_equal(listview_selected(lv), 4);
	/* nothing: the cursor stays */
	assert_int_equal(listview_search(lv, "Tessalit", 1), 0);
	assert_int_equal(listview_search(lv, "", 1), 0);
	assert_int_equal(listview_selected(lv), 4);
	/* only inside the rows shown */
	{
		size_t two[2] = { 0, 6 };

		listview_filter(lv, two, 2);
		assert_int_equal(listview_search(lv, "kidal", 1), 0);
		assert_int_equal(listview_search(lv, "handed", 1), 1);
		assert_int_equal(listview_selected(lv), 0);
	}
	listview_free(lv);
}

static const char *const rows_to_draw[] = {
	"short",
	"a row that is far too long for the list",
	"\xe6\x9d\xb1\xe4\xba\xac\xe6\x9d\xb1\xe4\xba\xac\xe6\x9d\xb1\xe4\xba\xac\xe6\x9d\xb1",	/* 14 columns */
	"bad \x1b[31mescape\x07",
	"twelve chars",
};

/* Line r of the canvas, and the style of its cell c. */
static const char *
line(const struct canvas *cv, int r, char *buf, size_t len)
{
	canvas_row_utf8(cv, r, buf, len);
	return buf;
}

static enum style
style_at(const struct canvas *cv, int c, int r)
{
	enum style st;

	canvas_cell(cv, c, r, &st);
	return st;
}

static void
test_draw(void **state)
{
	struct listview *lv = listview_new(5, from_array, (void *)rows_to_draw);
	struct canvas *cv = canvas_new(20, 8, CANVAS_BRAILLE);
	char b[256];

	(void)state;
	/* a 12 x 4 rectangle at (3, 2) */
	canvas_text(cv, 0, 2, "ABCDEFGHIJKLMNOPQRST", 20, STYLE_LABEL);
	listview_resize(lv, 4);
	listview_move(lv, 1);
	listview_draw(lv, cv, 3, 2, 12, 4);
	assert_string_equal(line(cv, 2, b, sizeof b), "ABCshort       PQRST");
	assert_string_equal(line(cv, 3, b, sizeof b), "   a row that \xe2\x80\xa6");
	/* 東京東京東京東 cut to 11 columns: five wide characters (10), then the marker */
	assert_string_equal(line(cv, 4, b, sizeof b),
	    "   \xe6\x9d\xb1\xe4\xba\xac\xe6\x9d\xb1\xe4\xba\xac\xe6\x9d\xb1\xe2\x80\xa6");
	/* controls are gone before the text is measured */
	assert_string_equal(line(cv, 5, b, sizeof b), "   bad [31mesc\xe2\x80\xa6");
	/* the cursor's line, across the width, and no further */
	assert_int_equal(style_at(cv, 3, 3), STYLE_HIGHLIGHT);
	assert_int_equal(style_at(cv, 14, 3), STYLE_HIGHLIGHT);
	assert_int_equal(style_at(cv, 15, 3), STYLE_NONE);
	assert_int_equal(style_at(cv, 2, 3), STYLE_NONE);
	assert_int_equal(style_at(cv, 3, 2), STYLE_PANEL);
	assert_int_equal(style_at(cv, 14, 2), STYLE_PANEL);
	/* scrolled to the end: the last row fits exactly; blank lines past it */
	listview_last(lv);
	listview_resize(lv, 4);
	listview_draw(lv, cv, 3, 2, 12, 6);
	assert_string_equal(line(cv, 5, b, sizeof b), "   twelve chars");
	assert_string_equal(line(cv, 6, b, sizeof b), "");
	assert_string_equal(line(cv, 7, b, sizeof b), "");
	assert_int_equal(style_at(cv, 3, 6), STYLE_PANEL);
	canvas_free(cv);

	/* ASCII: the marker is ASCII too */
	cv = canvas_new(10, 2, CANVAS_ASCII);
	listview_first(lv);
	listview_move(lv, 1);
	listview_draw(lv, cv, 0, 0, 10, 2);
	assert_string_equal(line(cv, 1, b, sizeof b), "a row tha>");
	listview_draw(lv, cv, 0, 0, 0, 2);	/* nothing to draw in */
	canvas_free(cv);
	listview_free(lv);
}

static void
test_column(void **state)
{
	char buf[64] = "", small[8] = "";

	(void)state;
	assert_int_equal(listview_column(buf, sizeof buf, "Gao", 6), 6);
	assert_string_equal(buf, "Gao   ");
	listview_column(buf, sizeof buf, "Kidal UN camp", 5);
	assert_string_equal(buf, "Gao   Kidal");
	buf[0] = '\0';
	/* 東京東京 in 5 columns: 東京, then a blank */
	listview_column(buf, sizeof buf, "\xe6\x9d\xb1\xe4\xba\xac\xe6\x9d\xb1\xe4\xba\xac", 5);
	assert_string_equal(buf, "\xe6\x9d\xb1\xe4\xba\xac ");
	buf[0] = '\0';
	/* a combining mark stays with its letter */
	listview_column(buf, sizeof buf, "Se\xcc\x81gou", 2);
	assert_string_equal(buf, "Se\xcc\x81");
	buf[0] = '\0';
	listview_column(buf, sizeof buf, "", 3);
	assert_string_equal(buf, "   ");
	/* a small buffer takes what fits */
	listview_column(small, sizeof small, "Timbuktu UN camp", 12);
	assert_string_equal(small, "Timbukt");
	listview_column(small, sizeof small, "x", 3);
	assert_string_equal(small, "Timbukt");
}

static const char *rows_for_cell[1];

/* A cell: padded, or cut with "…" in its last column; then its gap. */
static void
test_cell(void **state)
{
	char buf[64] = "";
	struct listview *lv;
	struct canvas *cv;
	char b[64];

	(void)state;
	listview_cell(buf, sizeof buf, "Gao", 6, 2);
	assert_string_equal(buf, "Gao     ");
	buf[0] = '\0';
	listview_cell(buf, sizeof buf, "Kidal UN camp", 8, 2);
	assert_string_equal(buf, "Kidal U\xe2\x80\xa6  ");
	buf[0] = '\0';
	/* no blank before the mark */
	listview_cell(buf, sizeof buf, "Bamako UN HQ", 8, 1);
	assert_string_equal(buf, "Bamako\xe2\x80\xa6  ");
	buf[0] = '\0';
	/* 東京東京 in 4 columns: 東, the mark, a blank */
	listview_cell(buf, sizeof buf, "\xe6\x9d\xb1\xe4\xba\xac\xe6\x9d\xb1\xe4\xba\xac", 4, 0);
	assert_string_equal(buf, "\xe6\x9d\xb1\xe2\x80\xa6 ");
	/* on an ASCII canvas the mark keeps its one cell: the columns stay aligned */
	buf[0] = '\0';
	listview_cell(buf, sizeof buf, "Kidal UN camp", 8, 2);
	listview_cell(buf, sizeof buf, "held", 4, 0);
	rows_for_cell[0] = buf;
	lv = listview_new(1, from_array, (void *)rows_for_cell);
	cv = canvas_new(20, 1, CANVAS_ASCII);
	listview_resize(lv, 1);
	listview_draw(lv, cv, 0, 0, 20, 1);
	assert_string_equal(line(cv, 0, b, sizeof b), "Kidal U>  held");
	canvas_free(cv);
	listview_free(lv);
}


/*
 * Random moves, pages, filters and resizes: the cursor on a shown row, in
 * the window, and the window never blank at the bottom while rows are
 * above it.
 */
static void
test_random_ops(void **state)
{
	struct listview *lv = listview_new(60, numbered, NULL);
	size_t subset[60];
	unsigned long x = 99;
	long step;

	(void)state;
	for (step = 0; step < 100000; step++) {
		size_t n, cur, top, h, k, i;
		unsigned op;

		x = x * 6364136223846793005UL + 1442695040888963407UL;
		op = (unsigned)(x >> 33) % 10;
		switch (op) {
		case 0: listview_move(lv, 1); break;
		case 1: listview_move(lv, -1); break;
		case 2: listview_move(lv, (long)((x >> 40) % 200) - 100); break;
		case 3: listview_page(lv, 1); break;
		case 4: listview_page(lv, -1); break;
		case 5: (x >> 40) % 2 ? listview_first(lv) : listview_last(lv); break;
		case 6: listview_resize(lv, (int)((x >> 40) % 30)); break;
		case 7:
			k = (x >> 40) % 61;
			for (i = 0; i < k; i++)
				subset[i] = (size_t)((x >> (i % 20)) + i * 7) % 60;
			listview_filter(lv, (x >> 50) % 5 ? subset : NULL, k);
			break;
		case 8: listview_goto(lv, (size_t)(x >> 40) % 60); break;
		default: listview_search(lv, (x >> 40) % 2 ? "row 1" : "5", (int)((x >> 45) % 3) - 1);
		}
		n = listview_count(lv);
		cur = listview_cursor(lv);
		top = listview_top(lv);
		h = (size_t)listview_height(lv);
		assert_true(h >= 1);
		if (n == 0) {
			assert_int_equal(cur, LISTVIEW_NONE);
			assert_int_equal(listview_selected(lv), LISTVIEW_NONE);
			continue;
		}
		assert_true(cur < n);
		assert_true(listview_selected(lv) < 60);
		assert_true(top <= cur && cur < top + h);
		assert_true(top + h <= n || top == 0);
	}
	listview_free(lv);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_one_row),
		cmocka_unit_test(test_scroll),
		cmocka_unit_test(test_pages),
		cmocka_unit_test(test_resize),
		cmocka_unit_test(test_filter),
		cmocka_unit_test(test_search),
		cmocka_unit_test(test_draw),
		cmocka_unit_test(test_column),
		cmocka_unit_test(test_cell),
		cmocka_unit_test(test_random_ops),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
