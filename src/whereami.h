/* whereami.h: the texts that share a view: its centre, the command that redraws it, a distance. */
#ifndef SITMAP_WHEREAMI_H
#define SITMAP_WHEREAMI_H

#include <stddef.h>
#include "date.h"
#include "places.h"

/* What --zoom accepts (main.c). */
#define WHEREAMI_ZOOM_MIN	0.01
#define WHEREAMI_ZOOM_MAX	100000.0

/* A view as the options of a --dump give it. */
struct whereami_view {
	double		 lat, lon;	/* the centre, degrees (the viewport's, inverse-projected) */
	double		 zoom;		/* the scale of the view over the home view's: --zoom */
	double		 m_per_px;	/* the viewport's metres per sub-pixel (<= 0: unknown) */
	int		 cols, rows;	/* the frame: --size */
	/*
	 * The moment: --event ID when the panel's event is not the one --date
	 * would show (an earlier event of the same day); else --date, a month
	 * (YYYY-MM) or the day; nothing when have_day is 0.
	 */
	const char	*event_id;	/* NULL: use the date */
	day_t		 day;
	int		 month;
	int		 have_day;
	/* Further words as given on sitmap's command line (--events FILE ...), quoted as needed. */
	const char *const *args;
	size_t		 nargs;
};

/*
 * "sitmap --dump --size 100x40 --center 18.43889,1.40833 --zoom 3.375
 * --date 2023-11-14", allocated: a command for sh that prints the frame the
 * view shows. The centre has enough decimals that rounding moves it by less
 * than a millionth of a sub-pixel (m_per_px tells how many: 7 at Mali's
 * scale, 11 at the closest zoom), trailing zeros dropped; the zoom is the
 * shortest decimal that reads back as the same double. Words that a shell
 * would split or expand are single-quoted. NULL with *cause when the view
 * has no such options: a centre that is not a latitude and longitude
 * (off the projection) or a zoom outside 0.01 .. 100000.
 */
char	*whereami_command(const struct whereami_view *, char **cause);

/*
 * "18.4389°N 1.4083°E" (with utf8; "18.4389N 1.4083E" without): a position
 * to read, to about ten metres. Returns the length, as snprintf().
 */
int	 whereami_latlon(char *buf, size_t len, double lat, double lon, int utf8);

/*
 * The `m` measure: "Kidal → Gao: 286.0 km, bearing 213° (SSW)" (ASCII
 * without utf8: "->", " deg"), the geodesic on WGS 84 from a to b
 * (prj_geod_km()) and the initial bearing with its point of the 16-wind
 * compass; places at the same point give "Gao UN camp → Gao army camp: 0.0
 * km (the same point)". Returns the length, as snprintf().
 */
int	 whereami_measure(char *buf, size_t len, const struct place *a,
	    const struct place *b, int utf8);

#endif
