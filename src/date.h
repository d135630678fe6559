/* date.h: calendar days as integers, and dates that carry their precision. */
#ifndef SITMAP_DATE_H
#define SITMAP_DATE_H

#include <stddef.h>
#include <stdint.h>

typedef int32_t day_t;		/* days since 1970-01-01 (proleptic Gregorian) */

enum date_prec {
	DATE_DAY,		/* the day is known */
	DATE_MONTH,		/* only the month is known: lo = 1st, hi = last day */
	DATE_RANGE		/* a span of days lo..hi, inclusive */
};

/* Valid years are 1..9999. Returns 0, or -1 for an impossible date (2023-02-30). */
int	 date_from_ymd(int y, int m, int d, day_t *out);
void	 date_to_ymd(day_t day, int *y, int *m, int *d);
/* Day of week, 0 = Monday. */
int	 date_weekday(day_t day);

/*
 * Parses exactly len bytes: "YYYY-MM-DD" (day), "YYYY-MM" (month) or
 * "YYYY-MM-DD..YYYY-MM-DD" (range, lo <= hi). Returns 0 or -1; no allocation.
 */
int	 date_parse(const char *s, size_t len, day_t *lo, day_t *hi,
	    enum date_prec *prec);

/*
 * Human form that never invents a day: "7 Oct 2023", "Nov 2023",
 * "15-30 Nov 2023", "28 Sep-3 Oct 2023", "30 Dec 2023-2 Jan 2024".
 * Always NUL-terminates when n > 0; returns the length it wanted.
 */
size_t	 date_format(char *buf, size_t n, day_t lo, day_t hi, enum date_prec prec);
/* "2023-10-07". buf needs 11 bytes. */
void	 date_iso(char *buf, day_t day);

#endif
