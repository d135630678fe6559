/*
 * bigshp.c: a large polygon layer over Mali, for the runs that must take
 * the threaded paths (make check-tsan): breaking and decimating a layer in
 * two threads needs 131,072 vertices or more, projecting on two cores
 * 4,096. The world files of make bench are not in the repository.
 *
 *   tool_bigshp PATH NVERTICES NRINGS	writes PATH.shp, .shx and .dbf
 *
 * Each ring is a jittered circle, so that every level of detail keeps
 * something of it; the same arguments always give the same bytes.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <shapefil.h>

#include "util.h"

int
main(int argc, char **argv)
{
	SHPHandle shp;
	DBFHandle dbf;
	double *x, *y;
	unsigned long seed = 12345;
	long nv, nr, per, r, i;
	char name[32];

	if (argc != 4 || (nv = atol(argv[2])) < 16 || (nr = atol(argv[3])) < 1 ||
	    (per = nv / nr) < 16) {
		fprintf(stderr, "usage: tool_bigshp PATH NVERTICES NRINGS "
		    "(16 or more vertices a ring)\n");
		return EXIT_USAGE;
	}
	if ((shp = SHPCreate(argv[1], SHPT_POLYGON)) == NULL ||
	    (dbf = DBFCreate(argv[1])) == NULL || DBFAddField(dbf, "name", FTString, 16, 0) < 0)
		die("%s: cannot create", argv[1]);
	x = xcalloc((size_t)per, sizeof *x);
	y = xcalloc((size_t)per, sizeof *y);
	for (r = 0; r < nr; r++) {
		/* centres on a grid over Mali's box, 12W-4E, 10N-25N */
		double cx = -11 + 14.0 * (double)(r % 8) / 7, cy = 11 + 13.0 * (double)(r / 8 % 8) / 7;
		SHPObject *o;

		for (i = 0; i < per - 1; i++) {
			double a = -2 * M_PI * (double)i / (double)(per - 1), k;

			seed = seed * 6364136223846793005UL + 1442695040888963407UL;
			k = 0.6 + 0.2 * (double)(seed >> 40) / (double)(1UL << 24);
			x[i] = cx + k * cos(a);
			y[i] = cy + k * sin(a);
		}
		x[per - 1] = x[0];	/* closed, clockwise: an outer ring */
		y[per - 1] = y[0];
		o = SHPCreateSimpleObject(SHPT_POLYGON, (int)per, x, y, NULL);
		snprintf(name, sizeof name, "ring %ld", r);
		if (o == NULL || SHPWriteObject(shp, -1, o) < 0 ||
		    !DBFWriteStringAttribute(dbf, (int)r, 0, name))
			die("%s: cannot write ring %ld", argv[1], r);
		SHPDestroyObject(o);
	}
	SHPClose(shp);
	DBFClose(dbf);
	free(x);
	free(y);
	return 0;
}
