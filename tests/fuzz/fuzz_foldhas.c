/* fuzz_foldhas.c: text_fold_has() finds what folding the whole text and strstr() find. */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * The first byte is the needle's length (0 to 63) in the bytes that follow,
 * folded as a query is; the rest is the text, its NULs made spaces (the
 * texts searched are C strings), in a buffer of its own size.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *query, *needle, *s, *buf, *ref;
	size_t k, len, i;

	if (size == 0)
		return 0;
	k = data[0] % 64;
	if (k > size - 1)
		k = size - 1;
	query = malloc(k + 1);
	for (i = 0; i < k; i++)
		query[i] = data[1 + i] != 0 ? (char)data[1 + i] : 'a';
	query[k] = '\0';
	needle = text_fold(query);
	len = size - 1 - k;
	s = malloc(len > 0 ? len : 1);
	for (i = 0; i < len; i++)
		s[i] = data[1 + k + i] != 0 ? (char)data[1 + k + i] : ' ';
	buf = malloc(3 * len + 1);
	ref = malloc(3 * len + 1);
	text_fold_into(s, len, ref);
	assert(text_fold_has(s, len, needle, buf) == (strstr(ref, needle) != NULL));
	free(query);
	free(needle);
	free(s);
	free(buf);
	free(ref);
	return 0;
}
