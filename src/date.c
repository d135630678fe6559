/* date.c: proleptic Gregorian days, after Howard Hinnant's civil calendar algorithms. */
#include "date.h"

#include <stdio.h>

static const char months[12][4] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};

static int
days_in_month(int y, int m)
{
	static const unsigned char mdays[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 ? 28 + leap : mdays[m - 1];
}

int
date_from_ymd(int y, int m, int d, day_t *out)
{
	int era, yoe, doy, doe;

	if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 ||
	    d > days_in_month(y, m))
		return -1;
	/* Years start in March so that the leap day ends the year. */
	if (m <= 2)
		y--;
	era = y / 400;			/* y >= 0 here, so no floor fix-up */
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	*out = era * 146097 + doe - 719468;
	return 0;
}

void
date_to_ymd(day_t day, int *y, int *m, int *d)
{
	/* 64 bits: any day_t must be safe, even far outside years 1..9999. */
	int64_t z = (int64_t)day + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;

	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

int
date_weekday(day_t day)
{
	/* 1970-01-01 was a Thursday (3). */
	return (int)((((int64_t)day % 7) + 10) % 7);
}

/* Reads exactly n ASCII digits; -1 on anything else. */
static int
digits(const char *s, int n)
{
	int v = 0;

	while (n-- > 0) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s++ - '0');
	}
	return v;
}

static int
parse_ym(const char *s, int *y, int *m)
{
	*y = digits(s, 4);
	*m = digits(s + 5, 2);
	return *y < 0 || *m < 0 || s[4] != '-' ? -1 : 0;
}

static int
parse_day(const char *s, day_t *out)
{
	int y, m, d;

	if (parse_ym(s, &y, &m) == -1 || s[7] != '-' ||
	    (d = digits(s + 8, 2)) < 0)
		return -1;
	return date_from_ymd(y, m, d, out);
}

int
date_parse(const char *s, size_t len, day_t *lo, day_t *hi, enum date_prec *prec)
{
	day_t a, b;
	int y, m;

	switch (len) {
	case 7:
		if (parse_ym(s, &y, &m) == -1 || date_from_ymd(y, m, 1, &a) == -1)
			return -1;
		b = a + days_in_month(y, m) - 1;
		*prec = DATE_MONTH;
		break;
	case 10:
		if (parse_day(s, &a) == -1)
			return -1;
		b = a;
		*prec = DATE_DAY;
		break;
	case 22:
		if (parse_day(s, &a) == -1 || s[10] != '.' || s[11] != '.' ||
		    parse_day(s + 12, &b) == -1 || a > b)
			return -1;
		*prec = DATE_RANGE;
		break;
	default:
		return -1;
	}
	*lo = a;
	*hi = b;
	return 0;
}

size_t
date_format(char *buf, size_t n, day_t lo, day_t hi, enum date_prec prec)
{
	int y0, m0, d0, y1, m1, d1, r;

	date_to_ymd(lo, &y0, &m0, &d0);
	date_to_ymd(hi, &y1, &m1, &d1);
	if (prec == DATE_MONTH)
		r = snprintf(buf, n, "%s %d", months[m0 - 1], y0);
	else if (prec == DATE_DAY || lo == hi)
		r = snprintf(buf, n, "%d %s %d", d0, months[m0 - 1], y0);
	else if (y0 == y1 && m0 == m1)
		r = snprintf(buf, n, "%d-%d %s %d", d0, d1, months[m0 - 1], y0);
	else if (y0 == y1)
		r = snprintf(buf, n, "%d %s-%d %s %d", d0, months[m0 - 1], d1,
		    months[m1 - 1], y0);
	else
		r = snprintf(buf, n, "%d %s %d-%d %s %d", d0, months[m0 - 1], y0,
		    d1, months[m1 - 1], y1);
	return r < 0 ? 0 : (size_t)r;
}

void
date_iso(char *buf, day_t day)
{
	int y, m, d;

	date_to_ymd(day, &y, &m, &d);
	snprintf(buf, 11, "%04d-%02d-%02d", y, m, d);
}
