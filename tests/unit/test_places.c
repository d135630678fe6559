/*
 * test_places.c: places_parse_double(), whose common numbers skip strtod():
 * every double it gives must be strtod()'s, bit for bit.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "places.h"

static uint32_t
rnd(uint64_t *st)
{
	*st = *st * 6364136223846793005ull + 1442695040888963407ull;
	return (uint32_t)(*st >> 33);
}

/* s is parsed as strtod() in the C locale parses it, to the bit. */
static void
same_as_strtod(const char *s)
{
	static locale_t c;
	double got = 0, want;
	char *end;

	if (c == (locale_t)0)
		c = newlocale(LC_ALL_MASK, "C", (locale_t)0);
	want = strtod_l(s, &end, c);
	assert_true(*end == '\0');
	if (places_parse_double(s, strlen(s), &got) != 0)
		fail_msg("\"%s\" refused", s);
	if (memcmp(&got, &want, sizeof got) != 0)
		fail_msg("\"%s\": %.17g (%a), strtod() %.17g (%a)", s, got, got, want, want);
}

static void
test_edges(void **state)
{
	static const char *const cases[] = { "0", "-0", "+0", "0.0", "-0.0", ".5", "-.5", "5.",
		"14.1401", "-0.3895", "179.99999", "-90", "9007199254740992",
		"9007199254740993", "9007199254740991", "-9007199254740993", "18446744073709551615",
		"18446744073709551616", "1234567890123456789", "12345678901234567890",
		"0.1", "0.2", "0.3", "0.30000000000000004", "1.0000000000000000000001",
		"0.0000000000000000000001", "0.00000000000000000000001", "1e22", "1e23", "1.5e-3",
		"123456789012345.6789", "4.35", "0000000000000000000000012.5",
		"1.00000000000000000000", "2.2250738585072014e-308", "9999999999999999",
		"99999999999999999", "0.9999999999999999", "17.000000000000000000000000" };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		same_as_strtod(cases[i]);
}

/* Random decimals: coordinates as exports write them, and any length of either part. */
static void
test_random(void **state)
{
	uint64_t st = 7;
	char s[80];
	size_t n, k, i, c;

	(void)state;
	for (c = 0; c < 400000; c++) {
		n = 0;
		k = rnd(&st) % 4;
		if (k == 1)
			s[n++] = '-';
		else if (k == 2)
			s[n++] = '+';
		k = rnd(&st) % 3 == 0 ? rnd(&st) % 21 : 1 + rnd(&st) % 3;
		for (i = 0; i < k; i++)
			s[n++] = (char)('0' + (rnd(&st) % 5 == 0 ? 0 : rnd(&st) % 10));
		if (rnd(&st) % 8 != 0) {
			s[n++] = '.';
			k = rnd(&st) % 3 == 0 ? rnd(&st) % 26 : 4 + rnd(&st) % 3;
			for (i = 0; i < k; i++)
				s[n++] = (char)('0' + rnd(&st) % 10);
		}
		if (n == 0 || (n == 1 && (s[0] == '-' || s[0] == '+' || s[0] == '.')) ||
		    ((s[0] == '-' || s[0] == '+') && n == 2 && s[1] == '.'))
			s[n++] = '7';
		if (rnd(&st) % 16 == 0)
			n += (size_t)snprintf(s + n, sizeof s - n, "e%d", (int)(rnd(&st) % 40) - 20);
		s[n] = '\0';
		same_as_strtod(s);
	}
}

/* What is not a decimal number stays refused. */
static void
test_refused(void **state)
{
	static const char *const bad[] = { "", "-", "+", ".", "-.", "1.2.3", "0x10", "inf",
		"nan", "1e", "1e+", "--1", "1-", "1,5", "1 2", "1e999" };
	double d;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (places_parse_double(bad[i], strlen(bad[i]), &d) == 0)
			fail_msg("\"%s\" taken as %g", bad[i], d);
	assert_int_equal(places_parse_double(" 12.5\t", 6, &d), 0);
	assert_true(d == 12.5);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_edges),
		cmocka_unit_test(test_random),
		cmocka_unit_test(test_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
