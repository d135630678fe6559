/* fuzz_text.c: the sanitiser's output is valid UTF-8, free of controls, and within its limit. */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* An independent UTF-8 check: shortest form, no surrogates, <= U+10FFFF, nothing the sanitiser drops. */
static void
check_clean(const char *out)
{
	const unsigned char *u = (const unsigned char *)out;
	uint32_t cp;
	size_t n, i;

	while (*u != '\0') {
		n = *u < 0x80 ? 1 : (*u & 0xe0) == 0xc0 ? 2 : (*u & 0xf0) == 0xe0 ?
		    3 : (*u & 0xf8) == 0xf0 ? 4 : 0;
		assert(n != 0);
		cp = n == 1 ? *u : *u & (0x7f >> n);
		for (i = 1; i < n; i++) {
			assert((u[i] & 0xc0) == 0x80);
			cp = cp << 6 | (u[i] & 0x3f);
		}
		assert(n == 1 || cp >= (n == 2 ? 0x80u : n == 3 ? 0x800u : 0x10000u));
		assert(cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff));
		assert(cp >= 0x20 && cp != 0x7f && (cp < 0x80 || cp > 0x9f));
		assert(cp != 0x061c && cp != 0x200e && cp != 0x200f);
		assert((cp < 0x202a || cp > 0x202e) && (cp < 0x2066 || cp > 0x2069));
		assert((cp < 0x200b || cp > 0x200d) && cp != 0x2028 && cp != 0x2029);
		assert(cp != 0xfeff && (cp < 0xfff9 || cp > 0xfffb));
		u += n;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const size_t limits[] = { 0, 1, 2, 3, 5, 7, 64 };
	const char *s = (const char *)data;
	char *whole, *out, *fold;
	size_t i, n;

	whole = text_sanitize(s, size, SIZE_MAX);
	check_clean(whole);
	assert(strlen(whole) <= 3 * size);
	assert(text_width(whole) >= 0);
	fold = text_fold(whole);
	check_clean(fold);
	free(fold);
	for (i = 0; i < sizeof limits / sizeof limits[0]; i++) {
		out = text_sanitize(s, size, limits[i]);
		n = strlen(out);
		/* A cut is a prefix of the whole, and loses at most one character. */
		assert(n <= limits[i] && memcmp(out, whole, n) == 0);
		assert(n == strlen(whole) || n + 4 > limits[i]);
		check_clean(out);
		free(out);
	}
	free(whole);
	return 0;
}
