/*
 * fuzz_geojson.c: every byte string either loads into a sane layer (parts in
 * order, vertices in the lon/lat range, rings closed, boxes holding their
 * shapes) or fails with "NAME:LINE:COLUMN: ..." or "NAME: ...", one line.
 */
#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "geo.h"
#include "geojson.h"
#include "shp.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *cause = NULL;
	struct geo_layer *l = geojson_load_mem("f.geojson", data, size, &cause);
	size_t s, p, i;

	if (l == NULL) {
		assert(cause != NULL && strncmp(cause, "f.geojson:", 10) == 0);
		assert(strchr(cause, '\n') == NULL);
		free(cause);
		return 0;
	}
	assert(cause == NULL);
	assert(l->nshapes > 0 && l->nshapes <= SHP_MAX_SHAPES);
	assert(l->npts <= SHP_MAX_VERTICES && l->parts[0] == 0 && l->parts[l->nparts] == l->npts);
	assert(l->nfields <= 1);
	for (p = 0; p < l->nparts; p++)
		assert(l->parts[p] < l->parts[p + 1]);
	for (i = 0; i < l->npts; i++)
		assert(fabs(l->pts[i].x) <= 180 && fabs(l->pts[i].y) <= 90);
	for (s = 0; s < l->nshapes; s++) {
		const struct geo_shape *sh = &l->shapes[s];

		assert(sh->nparts > 0 && sh->first_part + sh->nparts <= l->nparts);
		assert(s == 0 || sh->first_part == l->shapes[s - 1].first_part +
		    l->shapes[s - 1].nparts);
		for (p = sh->first_part; p < sh->first_part + sh->nparts; p++)
			for (i = l->parts[p]; i < l->parts[p + 1]; i++)
				assert(l->pts[i].x >= sh->bbox.x0 && l->pts[i].x <= sh->bbox.x1 &&
				    l->pts[i].y >= sh->bbox.y0 && l->pts[i].y <= sh->bbox.y1);
		if (l->nfields == 1)
			assert(strlen(geo_layer_attr(l, s, 0)) <= 256);
	}
	if (l->kind == GEO_POLY)
		for (p = 0; p < l->nparts; p++) {
			const struct geo_pt *a = &l->pts[l->parts[p]], *b = &l->pts[l->parts[p + 1] - 1];

			assert(l->parts[p + 1] - l->parts[p] >= 4 && a->x == b->x && a->y == b->y);
		}
	geo_layer_free(l);
	return 0;
}
