/*
 * whereami.c: prints whereami_command() for a view, so that the command-line
 * tests can run it and compare its frame with the view's own.
 *	whereami LAT LON ZOOM M_PER_PX WxH MOMENT [WORD...]
 * MOMENT is "none", "date:YYYY-MM-DD", "month:YYYY-MM" or "event:ID"; the
 * words are sitmap's further options, quoted by the command as needed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "whereami.h"

int
main(int argc, char **argv)
{
	struct whereami_view v;
	char *cmd, *cause = NULL;
	const char *m;
	enum date_prec prec;
	day_t lo;
	int cols, rows;

	if (argc < 7 || sscanf(argv[5], "%dx%d", &cols, &rows) != 2) {
		fprintf(stderr, "usage: whereami LAT LON ZOOM M_PER_PX WxH MOMENT [WORD...]\n");
		return 2;
	}
	memset(&v, 0, sizeof v);
	v.cols = cols;
	v.rows = rows;
	v.lat = strtod(argv[1], NULL);
	v.lon = strtod(argv[2], NULL);
	v.zoom = strtod(argv[3], NULL);
	v.m_per_px = strtod(argv[4], NULL);
	m = argv[6];
	if (strncmp(m, "event:", 6) == 0)
		v.event_id = m + 6;
	else if (strncmp(m, "date:", 5) == 0 || strncmp(m, "month:", 6) == 0) {
		const char *d = strchr(m, ':') + 1;

		if (date_parse(d, strlen(d), &lo, &v.day, &prec) != 0) {
			fprintf(stderr, "whereami: bad date %s\n", d);
			return 2;
		}
		v.month = prec == DATE_MONTH;
		v.have_day = 1;
	} else if (strcmp(m, "none") != 0) {
		fprintf(stderr, "whereami: bad moment %s\n", m);
		return 2;
	}
	v.args = (const char *const *)argv + 7;
	v.nargs = (size_t)argc - 7;
	if ((cmd = whereami_command(&v, &cause)) == NULL) {
		fprintf(stderr, "whereami: %s\n", cause);
		free(cause);
		return 1;
	}
	puts(cmd);
	free(cmd);
	return 0;
}
