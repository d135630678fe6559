/*
 * fuzz_shp.c: shp_load_mem() on arbitrary .shp/.shx/.dbf bytes. A layer it
 * returns must be safe to walk: parts in order and inside the points, every
 * point finite lon/lat, every attribute a short clean string. Records read
 * in place and read through shapelib give the same layer or the same error.
 *
 * Input: u16 shx_len | u16 dbf_len | shx | dbf | shp, lengths little-endian
 * and clamped to what is there; dbf_len 0 loads without attributes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "geo.h"
#include "shp.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Like assert(), but kept under NDEBUG. */
#define CHECK(c)	do { if (!(c)) abort(); } while (0)

static void
walk(const struct geo_layer *l)
{
	size_t s, p, i;

	CHECK(l->name != NULL && l->path != NULL);
	CHECK(l->parts[l->nparts] == l->npts);
	for (s = 0; s < l->nshapes; s++) {
		const struct geo_shape *sh = &l->shapes[s];

		CHECK(sh->nparts > 0 && sh->first_part <= l->nparts &&
		    sh->nparts <= l->nparts - sh->first_part);
		for (p = sh->first_part; p < sh->first_part + sh->nparts; p++) {
			CHECK(l->parts[p] <= l->parts[p + 1]);
			CHECK(l->parts[p + 1] <= l->npts);
			for (i = l->parts[p]; i < l->parts[p + 1]; i++) {
				CHECK(l->pts[i].x >= -180 && l->pts[i].x <= 180);
				CHECK(l->pts[i].y >= -90 && l->pts[i].y <= 90);
				CHECK(l->pts[i].x >= sh->bbox.x0 &&
				    l->pts[i].x <= sh->bbox.x1);
			}
		}
	}
	for (i = 0; i < l->nfields; i++)
		CHECK(strlen(l->fields[i]) <= 256);
	for (i = 0; i < l->nshapes * l->nfields; i++)
		CHECK(strlen(l->attrs[i]) <= 256 &&
		    strchr(l->attrs[i], '\x1b') == NULL);
}

/* The same layer: read in place and through shapelib alike. */
static void
same(const struct geo_layer *a, const struct geo_layer *b)
{
	size_t s, i;

	CHECK(a->kind == b->kind && a->nshapes == b->nshapes && a->nparts == b->nparts &&
	    a->npts == b->npts && a->nfields == b->nfields);
	CHECK(memcmp(&a->bbox, &b->bbox, sizeof a->bbox) == 0);
	CHECK(memcmp(a->parts, b->parts, (a->nparts + 1) * sizeof *a->parts) == 0);
	CHECK(a->npts == 0 || memcmp(a->pts, b->pts, a->npts * sizeof *a->pts) == 0);
	for (s = 0; s < a->nshapes; s++)
		CHECK(memcmp(&a->shapes[s], &b->shapes[s], sizeof a->shapes[s]) == 0);
	for (i = 0; i < a->nshapes * a->nfields; i++)
		CHECK(strcmp(a->attrs[i], b->attrs[i]) == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t shx_len, dbf_len, off = 4;
	struct geo_layer *l, *l2;
	char *cause = NULL, *cause2 = NULL;

	if (size < 4)
		return 0;
	shx_len = (size_t)data[0] | (size_t)data[1] << 8;
	dbf_len = (size_t)data[2] | (size_t)data[3] << 8;
	if (shx_len > size - off)
		shx_len = size - off;
	off += shx_len;
	if (dbf_len > size - off)
		dbf_len = size - off;
	l = shp_load_mem("fuzz.shp", data + off + dbf_len, size - off - dbf_len,
	    data + 4, shx_len, dbf_len > 0 ? data + off : NULL, dbf_len,
	    NULL, 0, &cause);
	/* every record through shapelib: the same layer, or the same error */
	shp_read_in_place(0);
	l2 = shp_load_mem("fuzz.shp", data + off + dbf_len, size - off - dbf_len,
	    data + 4, shx_len, dbf_len > 0 ? data + off : NULL, dbf_len,
	    NULL, 0, &cause2);
	shp_read_in_place(1);
	CHECK((l == NULL) == (l2 == NULL));
	if (l == NULL) {
		CHECK(cause != NULL && strchr(cause, '\x1b') == NULL);
		CHECK(strcmp(cause, cause2) == 0);
		free(cause);
		free(cause2);
		return 0;
	}
	walk(l);
	same(l, l2);
	geo_layer_free(l);
	geo_layer_free(l2);
	return 0;
}
