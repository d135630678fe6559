/*
 * fuzz_entry.c: a whole cache entry as the reader finds it in a file: the
 * header (magic, key length, key), the checksum, then a layer's or a run of
 * points' body. The first byte of the input steers:
 *	bit 0	forge the checksum, so that the fuzzer gets past it
 *	bit 1	read points (the second byte is how many), not a layer
 *	bit 2	put the real magic and this target's key in the header
 * and the rest is the entry (with bit 2, what follows the header it claims).
 */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cache.h"

#define KEY	"sitmap-cache-fuzz|layer|+proj=longlat|file:1:2:3:4.000000005"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The entry to read, malloc'd, of *len bytes. */
static char *
entry(const uint8_t *data, size_t size, size_t *len)
{
	const size_t klen = sizeof KEY - 1, start = (12 + klen + 7) / 8 * 8;
	size_t from = 0;
	uint32_t claim, k = (uint32_t)klen;
	char *buf;

	if ((data[0] & 4) && size >= 14) {
		/* the body starts where the claimed header ends */
		memcpy(&claim, data + 10, 4);
		from = 2 + ((size_t)claim + 12 + 7) / 8 * 8;
		if (claim > size || from > size)
			from = size;
		*len = start + (size - from);
		buf = calloc(1, *len ? *len : 1);
		memcpy(buf, "SITMAPC1", 8);
		memcpy(buf + 8, &k, 4);
		memcpy(buf + 12, KEY, klen);
		memcpy(buf + start, data + from, size - from);
	} else {
		*len = size - 2;
		buf = malloc(*len ? *len : 1);
		memcpy(buf, data + 2, *len);
	}
	if ((data[0] & 1) && *len >= 8) {
		uint64_t sum = cache_checksum(buf, *len - 8);

		memcpy(buf + *len - 8, &sum, 8);
	}
	return buf;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct geo_pt pts[256];
	struct geo_layer *l;
	size_t len, s, p;
	char *buf;

	if (size < 2)
		return 0;
	buf = entry(data, size, &len);
	if (data[0] & 2) {
		if (cache_points_from_entry(buf, len, KEY, pts, data[1]) == 0)
			for (s = 0; s < data[1]; s++)
				(void)pts[s].x;
		free(buf);
		return 0;
	}
	if ((l = cache_layer_from_entry(buf, len, KEY)) == NULL)
		return 0;
	for (s = 0; s < l->nshapes; s++) {
		const struct geo_shape *sh = &l->shapes[s];

		assert((uint64_t)sh->first_part + sh->nparts <= l->nparts);
		for (p = sh->first_part; p < (size_t)sh->first_part + sh->nparts; p++)
			assert(l->parts[p] <= l->parts[p + 1] && l->parts[p + 1] <= l->npts);
	}
	assert(geo_layer_attr(l, 0, 0) != NULL);
	geo_layer_free(l);
	return 0;
}
