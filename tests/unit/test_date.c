/* test_date.c: calendar arithmetic against timegm(), strict parsing, human formats. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>
#include <time.h>

#include "date.h"

static day_t
ymd(int y, int m, int d)
{
	day_t day;

	assert_int_equal(date_from_ymd(y, m, d, &day), 0);
	return day;
}

static void
test_known_days(void **state)
{
	int y, m, d;

	(void)state;
	assert_int_equal(ymd(1970, 1, 1), 0);
	assert_int_equal(ymd(1969, 12, 31), -1);
	assert_int_equal(ymd(2000, 1, 1), 10957);
	/* Proleptic Gregorian ordinals: 0001-01-01 is day 1, 1970-01-01 is 719163. */
	assert_int_equal(ymd(1, 1, 1), 1 - 719163);
	assert_int_equal(ymd(9999, 12, 31), 3652059 - 719163);
	date_to_ymd(1 - 719163, &y, &m, &d);
	assert_true(y == 1 && m == 1 && d == 1);
	date_to_ymd(3652059 - 719163, &y, &m, &d);
	assert_true(y == 9999 && m == 12 && d == 31);
}

static void
test_invalid_dates(void **state)
{
	day_t day;

	(void)state;
	assert_int_equal(date_from_ymd(2024, 2, 29, &day), 0);
	assert_int_equal(date_from_ymd(2000, 2, 29, &day), 0);
	assert_int_equal(date_from_ymd(2023, 2, 29, &day), -1);
	assert_int_equal(date_from_ymd(1900, 2, 29, &day), -1);
	assert_int_equal(date_from_ymd(2100, 2, 29, &day), -1);
	assert_int_equal(date_from_ymd(2023, 2, 30, &day), -1);
	assert_int_equal(date_from_ymd(2023, 4, 31, &day), -1);
	assert_int_equal(date_from_ymd(2023, 12, 32, &day), -1);
	assert_int_equal(date_from_ymd(2023, 13, 1, &day), -1);
	assert_int_equal(date_from_ymd(2023, 0, 1, &day), -1);
	assert_int_equal(date_from_ymd(2023, 1, 0, &day), -1);
	assert_int_equal(date_from_ymd(0, 1, 1, &day), -1);
	assert_int_equal(date_from_ymd(10000, 1, 1, &day), -1);
	assert_int_equal(date_from_ymd(-5, 1, 1, &day), -1);
}

static void
test_weekday(void **state)
{
	(void)state;
	assert_int_equal(date_weekday(ymd(2023, 10, 7)), 5);	/* Saturday */
	assert_int_equal(date_weekday(ymd(1970, 1, 1)), 3);	/* Thursday */
	assert_int_equal(date_weekday(ymd(1969, 12, 29)), 0);	/* Monday, before the epoch */
	assert_int_equal(date_weekday(ymd(1, 1, 1)), 0);
	assert_int_equal(date_weekday(ymd(2024, 2, 29)), 3);
}

/* Every day of 1900-2100, with timegm() and gmtime_r() as the oracle. */
static void
test_round_trip_against_libc(void **state)
{
	struct tm tm, back;
	day_t day, prev = 0;
	int y, m, d, yy, mm, dd, days = 0, valid;
	time_t t;

	(void)state;
	for (y = 1900; y <= 2100; y++)
		for (m = 1; m <= 12; m++)
			for (d = 1; d <= 31; d++) {
				memset(&tm, 0, sizeof tm);
				tm.tm_year = y - 1900;
				tm.tm_mon = m - 1;
				tm.tm_mday = d;
				t = timegm(&tm);	/* normalises 30 Feb to March */
				valid = tm.tm_mday == d;
				assert_int_equal(date_from_ymd(y, m, d, &day),
				    valid ? 0 : -1);
				if (!valid)
					continue;
				assert_int_equal(day, t / 86400);
				if (days++ > 0)
					assert_int_equal(day, prev + 1);
				prev = day;
				date_to_ymd(day, &yy, &mm, &dd);
				assert_int_equal(yy, y);
				assert_int_equal(mm, m);
				assert_int_equal(dd, d);
				gmtime_r(&t, &back);
				assert_int_equal(date_weekday(day),
				    (back.tm_wday + 6) % 7);
			}
	assert_int_equal(days, 73414);	/* 201 years, 49 of them leap */
}

static void
expect_parse(const char *s, enum date_prec prec, day_t lo, day_t hi)
{
	enum date_prec p;
	day_t a, b;

	assert_int_equal(date_parse(s, strlen(s), &a, &b, &p), 0);
	assert_int_equal(p, prec);
	assert_int_equal(a, lo);
	assert_int_equal(b, hi);
}

static void
test_parse(void **state)
{
	enum date_prec p;
	day_t a, b;

	(void)state;
	expect_parse("2023-10-07", DATE_DAY, ymd(2023, 10, 7), ymd(2023, 10, 7));
	expect_parse("2023-11", DATE_MONTH, ymd(2023, 11, 1), ymd(2023, 11, 30));
	expect_parse("2024-02", DATE_MONTH, ymd(2024, 2, 1), ymd(2024, 2, 29));
	expect_parse("2023-02", DATE_MONTH, ymd(2023, 2, 1), ymd(2023, 2, 28));
	expect_parse("2023-12", DATE_MONTH, ymd(2023, 12, 1), ymd(2023, 12, 31));
	expect_parse("2023-09-28..2023-10-03", DATE_RANGE, ymd(2023, 9, 28),
	    ymd(2023, 10, 3));
	expect_parse("2023-10-07..2023-10-07", DATE_RANGE, ymd(2023, 10, 7),
	    ymd(2023, 10, 7));
	expect_parse("0001-01-01", DATE_DAY, ymd(1, 1, 1), ymd(1, 1, 1));
	expect_parse("9999-12", DATE_MONTH, ymd(9999, 12, 1), ymd(9999, 12, 31));
	/* Exactly len bytes are read. */
	assert_int_equal(date_parse("2023-10-07junk", 10, &a, &b, &p), 0);
	assert_int_equal(a, ymd(2023, 10, 7));
	assert_int_equal(date_parse("2023-10-07", 9, &a, &b, &p), -1);
}

static void
test_parse_rejects(void **state)
{
	static const char *const bad[] = {
		"", "2023", "2023-1-07", "2023-10-7", " 2023-10-07", "2023-10-07 ",
		"+2023-10-07", "-023-10-07", "2023/10/07", "2023-10-0a", "2023-1O-07",
		"2023-10_07", "2023-02-29", "2023-02-30", "1900-02-29", "2023-13",
		"2023-00", "0000-01", "0000-01-01", "2023-00-10", "2023-10-00",
		"2023-1", "2023-10-07..", "2023-10-07..2023-10-0",
		"2023-10-07.2023-10-08", "2023-10-07--2023-10-08",
		"2023-10-07..2023-10-08x", "2023-10-08..2023-10-07",
		"2023-02-29..2023-03-01", "2023-10..2023-11", "2023-10-07...2023-10-08",
		"2023x10-07", "2023/11",
		"2/23-10-07", "2023-1.-07", "2023-10-/9",	/* '/' and '.' sit below '0' */
		"\xef\xbc\x92\xef\xbc\x90\xef\xbc\x92\xef\xbc\x93-10", /* fullwidth digits */
	};
	enum date_prec p;
	day_t a, b;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (date_parse(bad[i], strlen(bad[i]), &a, &b, &p) != -1)
			fail_msg("accepted \"%s\"", bad[i]);
	assert_int_equal(date_parse("2023-1\0-07", 10, &a, &b, &p), -1);
}

static void
expect_format(day_t lo, day_t hi, enum date_prec prec, const char *want)
{
	char buf[64];

	memset(buf, 'X', sizeof buf);
	assert_int_equal(date_format(buf, sizeof buf, lo, hi, prec), strlen(want));
	assert_string_equal(buf, want);
}

static void
test_format(void **state)
{
	static const char *const names[] = { "Jan", "Feb", "Mar", "Apr", "May",
	    "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	char buf[8] = "unused", want[16];
	int m;

	(void)state;
	expect_format(ymd(2023, 10, 7), ymd(2023, 10, 7), DATE_DAY, "7 Oct 2023");
	expect_format(ymd(2023, 11, 1), ymd(2023, 11, 30), DATE_MONTH, "Nov 2023");
	expect_format(ymd(2023, 11, 15), ymd(2023, 11, 30), DATE_RANGE,
	    "15-30 Nov 2023");
	expect_format(ymd(2023, 9, 28), ymd(2023, 10, 3), DATE_RANGE,
	    "28 Sep-3 Oct 2023");
	expect_format(ymd(2023, 12, 30), ymd(2024, 1, 2), DATE_RANGE,
	    "30 Dec 2023-2 Jan 2024");
	expect_format(ymd(2023, 10, 7), ymd(2024, 10, 8), DATE_RANGE,
	    "7 Oct 2023-8 Oct 2024");
	expect_format(ymd(2023, 10, 7), ymd(2023, 10, 7), DATE_RANGE, "7 Oct 2023");
	expect_format(ymd(2024, 1, 31), ymd(2024, 1, 31), DATE_DAY, "31 Jan 2024");
	expect_format(ymd(2024, 2, 1), ymd(2024, 2, 29), DATE_MONTH, "Feb 2024");
	expect_format(ymd(1, 3, 5), ymd(1, 3, 5), DATE_DAY, "5 Mar 1");
	for (m = 1; m <= 12; m++) {
		memcpy(want, names[m - 1], 3);
		memcpy(want + 3, " 2020", 6);
		expect_format(ymd(2020, m, 1), ymd(2020, m, 28), DATE_MONTH, want);
	}
	/* Truncation: still terminated, and the wanted length comes back. */
	assert_int_equal(date_format(buf, 5, ymd(2023, 10, 7), ymd(2023, 10, 7),
	    DATE_DAY), 10);
	assert_string_equal(buf, "7 Oc");
	assert_int_equal(date_format(buf, 0, ymd(2023, 12, 30), ymd(2024, 1, 2),
	    DATE_RANGE), 22);
	assert_string_equal(buf, "7 Oc");
}

static void
test_iso(void **state)
{
	char buf[11];

	(void)state;
	date_iso(buf, ymd(2023, 10, 7));
	assert_string_equal(buf, "2023-10-07");
	date_iso(buf, ymd(1, 1, 1));
	assert_string_equal(buf, "0001-01-01");
	date_iso(buf, ymd(9999, 12, 31));
	assert_string_equal(buf, "9999-12-31");
	date_iso(buf, -1);
	assert_string_equal(buf, "1969-12-31");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known_days),
		cmocka_unit_test(test_invalid_dates),
		cmocka_unit_test(test_weekday),
		cmocka_unit_test(test_round_trip_against_libc),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_parse_rejects),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_iso),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
