/* fuzz_date.c: whatever the parser accepts is canonical, valid and printable. */
#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "date.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_day(day_t day)
{
	day_t back;
	int y, m, d;

	date_to_ymd(day, &y, &m, &d);
	assert(date_from_ymd(y, m, d, &back) == 0 && back == day);
	assert(date_weekday(day) >= 0 && date_weekday(day) <= 6);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	char small[12], big[64], iso[11];
	enum date_prec prec;
	day_t lo, hi;
	size_t n;
	int y, m, d;

	if (date_parse(s, size, &lo, &hi, &prec) == -1)
		return 0;
	assert(lo <= hi);
	check_day(lo);
	check_day(hi);
	/* The strict grammar has one spelling per date: ours. */
	date_iso(iso, lo);
	switch (prec) {
	case DATE_DAY:
		assert(size == 10 && lo == hi && memcmp(s, iso, 10) == 0);
		break;
	case DATE_MONTH:
		assert(size == 7 && memcmp(s, iso, 7) == 0);
		date_to_ymd(lo, &y, &m, &d);
		assert(d == 1);
		date_to_ymd(hi + 1, &y, &m, &d);
		assert(d == 1 && hi - lo >= 27 && hi - lo <= 30);
		break;
	case DATE_RANGE:
		assert(size == 22 && memcmp(s, iso, 10) == 0);
		date_iso(iso, hi);
		assert(memcmp(s + 10, "..", 2) == 0 && memcmp(s + 12, iso, 10) == 0);
		break;
	}
	n = date_format(big, sizeof big, lo, hi, prec);
	assert(n == strlen(big) && n > 0 && n < sizeof big);
	assert(date_format(small, sizeof small, lo, hi, prec) == n);
	assert(strlen(small) == (n < sizeof small ? n : sizeof small - 1));
	assert(strncmp(small, big, sizeof small - 1) == 0);
	assert(date_format(NULL, 0, lo, hi, prec) == n);
	return 0;
}
