/* test_canvas.c: exact glyphs for known dot patterns, clipping and text cells. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "canvas.h"

static const char *
row(struct canvas *cv, int r)
{
	static char buf[1024];

	canvas_row_utf8(cv, r, buf, sizeof buf);
	return buf;
}

static void
braille_bits(void **state)
{
	struct canvas *cv = canvas_new(3, 1, CANVAS_BRAILLE);

	(void)state;
	canvas_dot(cv, 0, 0, STYLE_BORDER);		/* 0x01 */
	canvas_dot(cv, 3, 3, STYLE_BORDER);		/* cell 1: 0x80 */
	canvas_dot(cv, 3, 1, STYLE_BORDER);		/* cell 1: 0x10 */
	canvas_line(cv, 4, 0, 4, 3, STYLE_BORDER);	/* cell 2: left column 0x47 */
	assert_string_equal(row(cv, 0), "\xe2\xa0\x81\xe2\xa2\x90\xe2\xa1\x87");
	canvas_free(cv);
}

static void
block_and_ascii(void **state)
{
	struct canvas *b = canvas_new(2, 1, CANVAS_BLOCK), *a = canvas_new(2, 1, CANVAS_ASCII);

	(void)state;
	canvas_hspan(b, 0, 0, 1, STYLE_BORDER);		/* top half: ▀ */
	canvas_line(b, 2, 0, 3, 1, STYLE_BORDER);	/* diagonal: ▚ */
	assert_string_equal(row(b, 0), "\xe2\x96\x80\xe2\x96\x9a");
	canvas_hspan(a, 1, 0, 1, STYLE_BORDER);		/* bottom pair: _ */
	canvas_line(a, 2, 0, 2, 1, STYLE_BORDER);	/* left column: | */
	assert_string_equal(row(a, 0), "_|");
	canvas_free(b);
	canvas_free(a);
}

static void
clipping(void **state)
{
	struct canvas *cv = canvas_new(2, 2, CANVAS_ASCII);

	(void)state;
	/* a line from far outside crosses the canvas diagonally and stops at its edge */
	canvas_line(cv, -1000000, -1000000, 1000000, 1000000, STYLE_BORDER);
	assert_string_equal(row(cv, 0), "\\");
	assert_string_equal(row(cv, 1), " \\");
	canvas_clear(cv);
	canvas_line(cv, -50, 10, -10, 90, STYLE_BORDER);	/* wholly outside */
	assert_string_equal(row(cv, 0), "");
	canvas_free(cv);
}

static void
text_wins_and_trims(void **state)
{
	struct canvas *cv = canvas_new(8, 1, CANVAS_BRAILLE);

	(void)state;
	assert_int_equal(canvas_text(cv, 1, 0, "Ab\x1b[31m", 8, STYLE_LABEL), 6);
	canvas_dot(cv, 2, 0, STYLE_BORDER);	/* under 'A': ignored */
	assert_string_equal(row(cv, 0), " Ab[31m");
	assert_true(canvas_is_text(cv, 1, 0));
	assert_false(canvas_is_text(cv, 0, 0));
	canvas_free(cv);
}

static void
wide_glyphs(void **state)
{
	struct canvas *cv = canvas_new(5, 1, CANVAS_BRAILLE);

	(void)state;
	/* 東京 takes four columns; the fifth cell stays */
	assert_int_equal(canvas_text(cv, 0, 0, "\xe6\x9d\xb1\xe4\xba\xac!", 5, STYLE_LABEL), 5);
	assert_string_equal(row(cv, 0), "\xe6\x9d\xb1\xe4\xba\xac!");
	/* half a wide glyph at the edge is not drawn */
	canvas_clear(cv);
	assert_int_equal(canvas_text(cv, 4, 0, "\xe6\x9d\xb1", 5, STYLE_LABEL), 0);
	/* overwriting the right half blanks the left half */
	canvas_text(cv, 0, 0, "\xe6\x9d\xb1", 5, STYLE_LABEL);
	canvas_put(cv, 1, 0, 'x', STYLE_LABEL);
	assert_string_equal(row(cv, 0), " x");
	canvas_free(cv);
}

/* Combining marks stay on their glyph; other zero-width characters go. */
static void
marks(void **state)
{
	struct canvas *cv = canvas_new(10, 2, CANVAS_BRAILLE), *a = canvas_new(10, 1, CANVAS_ASCII);
	uint32_t m[CANVAS_MARKS];

	(void)state;
	/* NFD "Ségou", then u with three acutes (two kept), ❤️ (VS16 goes) */
	assert_int_equal(canvas_text(cv, 0, 0, "Se\xcc\x81gou\xcc\x81\xcc\x81\xcc\x81", 10,
	    STYLE_LABEL), 5);
	assert_string_equal(row(cv, 0), "Se\xcc\x81gou\xcc\x81\xcc\x81");
	assert_int_equal(canvas_cell_marks(cv, 1, 0, m), 1);
	assert_int_equal(m[0], 0x301);
	assert_int_equal(canvas_cell_marks(cv, 0, 0, m), 0);
	assert_int_equal(canvas_text(cv, 0, 1, "\xe2\x9d\xa4\xef\xb8\x8f!", 10, STYLE_LABEL), 2);
	assert_string_equal(row(cv, 1), "\xe2\x9d\xa4!");
	/* a glyph put over a cell takes its marks away */
	canvas_put(cv, 1, 0, 'x', STYLE_LABEL);
	assert_string_equal(row(cv, 0), "Sxgou\xcc\x81\xcc\x81");
	/* a mark with nothing before it in the text is not put on the map's cell */
	canvas_text(cv, 9, 1, "\xcc\x81", 1, STYLE_LABEL);
	assert_int_equal(canvas_cell_marks(cv, 9, 1, m), 0);
	/* ASCII: the accent goes with the letter's */
	canvas_text(a, 0, 0, "Se\xcc\x81gou", 10, STYLE_LABEL);
	assert_string_equal(row(a, 0), "Segou");
	canvas_free(cv);
	canvas_free(a);
}

/* In ASCII, a character with a longer ASCII form takes it, as printed text does. */
static void
ascii_forms(void **state)
{
	struct canvas *a = canvas_new(16, 2, CANVAS_ASCII);

	(void)state;
	/* 243° (WSW), © OSM: "deg" and "(c)", never '?' */
	assert_int_equal(canvas_text(a, 0, 0, "243\xc2\xb0 \xc3\x89", 16, STYLE_PANEL), 9);
	assert_string_equal(row(a, 0), "243 deg E");
	assert_int_equal(canvas_text(a, 0, 1, "\xc2\xa9 OSM\xe2\x80\xa6", 16, STYLE_PANEL), 10);
	assert_string_equal(row(a, 1), "(c) OSM...");
	/* a letter keeps its one cell, as a label's room is counted: Æ is A, ß s */
	canvas_fill(a, 0, 0, 16, 2, STYLE_PANEL);
	assert_int_equal(canvas_text(a, 0, 0, "\xc3\x86ro Gie\xc3\x9f", 16, STYLE_PANEL), 8);
	assert_string_equal(row(a, 0), "Aro Gies");
	/* a form that does not fit is left out whole */
	canvas_fill(a, 0, 0, 16, 2, STYLE_PANEL);
	assert_int_equal(canvas_text(a, 0, 0, "5\xc2\xb0", 3, STYLE_PANEL), 1);
	assert_string_equal(row(a, 0), "5");
	canvas_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(braille_bits),
		cmocka_unit_test(marks),
		cmocka_unit_test(block_and_ascii),
		cmocka_unit_test(clipping),
		cmocka_unit_test(text_wins_and_trims),
		cmocka_unit_test(wide_glyphs),
		cmocka_unit_test(ascii_forms),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
