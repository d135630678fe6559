/* fuzz_cache.c: a cache entry's body is untrusted input like any file. */
#include <assert.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cache.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = malloc(size ? size : 1);
	struct geo_layer *l;
	size_t s, p;

	memcpy(buf, data, size);
	l = cache_layer_from_body(buf, 0, size);
	if (l == NULL)
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
