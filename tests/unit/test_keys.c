/* test_keys.c: the escape sequences decoded whatever TERM says. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "keys.h"

#define LOOKUP(s)	keys_lookup(s, sizeof s - 1)

/* What tmux, xterm, rxvt, the VT220 and the Linux console send. */
static void
test_common_forms(void **state)
{
	(void)state;
	/* Home and End: tmux and the Linux console, xterm, xterm application mode, rxvt */
	assert_int_equal(LOOKUP("\033[1~"), KEYC_HOME);
	assert_int_equal(LOOKUP("\033[4~"), KEYC_END);
	assert_int_equal(LOOKUP("\033[H"), KEYC_HOME);
	assert_int_equal(LOOKUP("\033[F"), KEYC_END);
	assert_int_equal(LOOKUP("\033OH"), KEYC_HOME);
	assert_int_equal(LOOKUP("\033OF"), KEYC_END);
	assert_int_equal(LOOKUP("\033[7~"), KEYC_HOME);
	assert_int_equal(LOOKUP("\033[8~"), KEYC_END);
	/* arrows in both cursor modes */
	assert_int_equal(LOOKUP("\033[A"), KEYC_UP);
	assert_int_equal(LOOKUP("\033OB"), KEYC_DOWN);
	assert_int_equal(LOOKUP("\033[C"), KEYC_RIGHT);
	assert_int_equal(LOOKUP("\033OD"), KEYC_LEFT);
	/* shifted arrows: xterm, rxvt */
	assert_int_equal(LOOKUP("\033[1;2A"), KEYC_SUP);
	assert_int_equal(LOOKUP("\033[1;2B"), KEYC_SDOWN);
	assert_int_equal(LOOKUP("\033[1;2C"), KEYC_SRIGHT);
	assert_int_equal(LOOKUP("\033[1;2D"), KEYC_SLEFT);
	assert_int_equal(LOOKUP("\033[a"), KEYC_SUP);
	assert_int_equal(LOOKUP("\033[b"), KEYC_SDOWN);
	assert_int_equal(LOOKUP("\033[c"), KEYC_SRIGHT);
	assert_int_equal(LOOKUP("\033[d"), KEYC_SLEFT);
	assert_int_equal(LOOKUP("\033[5~"), KEYC_PGUP);
	assert_int_equal(LOOKUP("\033[6~"), KEYC_PGDN);
	assert_int_equal(LOOKUP("\033[3~"), KEYC_DELETE);
	assert_int_equal(LOOKUP("\033[Z"), KEYC_BTAB);
}

static void
test_not_keys(void **state)
{
	(void)state;
	assert_int_equal(LOOKUP(""), KEYC_NONE);
	assert_int_equal(LOOKUP("\033"), KEYC_NONE);
	assert_int_equal(LOOKUP("\033["), KEYC_NONE);
	assert_int_equal(LOOKUP("\033[1"), KEYC_NONE);
	assert_int_equal(LOOKUP("\033[1~x"), KEYC_NONE);
	assert_int_equal(LOOKUP("[1~"), KEYC_NONE);
	/* the mouse's prefix is the terminal's (kmous), never ours */
	assert_int_equal(LOOKUP("\033[M"), KEYC_NONE);
	assert_int_equal(LOOKUP("\033[<"), KEYC_NONE);
}

/*
 * Every sequence starts with ESC and names a key; none is a prefix of
 * another (curses would wait for more, or never see the longer one), nor of
 * the mouse reports, and none is there twice.
 */
static void
test_table_sound(void **state)
{
	size_t i, j, li, lj;

	(void)state;
	assert_true(keys_nseqs >= 28);
	for (i = 0; i < keys_nseqs; i++) {
		li = strlen(keys_seqs[i].seq);
		assert_true(li >= 2 && li <= 8);
		assert_int_equal(keys_seqs[i].seq[0], '\033');
		assert_true(keys_seqs[i].key > KEYC_BASE);
		/* "\033[M" and "\033[<" start the mouse reports */
		assert_false(li < 3 && memcmp(keys_seqs[i].seq, "\033[", li) == 0);
		assert_false(li >= 3 && (memcmp(keys_seqs[i].seq, "\033[M", 3) == 0 ||
		    memcmp(keys_seqs[i].seq, "\033[<", 3) == 0));
		for (j = 0; j < keys_nseqs; j++) {
			if (i == j)
				continue;
			lj = strlen(keys_seqs[j].seq);
			if (li <= lj && memcmp(keys_seqs[i].seq, keys_seqs[j].seq, li) == 0)
				fail_msg("sequence %zu is a prefix of (or equal to) sequence %zu", i, j);
		}
	}
}

static void
test_ctrl(void **state)
{
	(void)state;
	assert_int_equal(KEYC_CTRL('a'), 1);
	assert_int_equal(KEYC_CTRL('A'), 1);
	assert_int_equal(KEYC_CTRL('l'), 12);
	assert_int_equal(KEYC_CTRL('w'), 23);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_common_forms),
		cmocka_unit_test(test_not_keys),
		cmocka_unit_test(test_table_sound),
		cmocka_unit_test(test_ctrl),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
