/*
 * fuzz_foldhas.c: text_fold_has() finds what folding the whole text and
 * strstr() find; text_fold_marks() marks every text it finds something in.
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct marks {
	char	*in;		/* 1 for each byte of a marked text */
	size_t	 n;		/* the needle's length */
	const char *s, *needle;
};

static void
mark(void *ctx, size_t lo, size_t hi, size_t at)
{
	struct marks *m = ctx;
	size_t i;

	assert(lo < hi && (lo == 0 || m->s[lo - 1] == '\0') && memchr(m->s + lo, 0, hi - lo) == NULL);
	assert(at == (size_t)-1 || (at >= lo && at + m->n <= hi));
	for (i = 0; at != (size_t)-1 && i < m->n; i++)
		assert((m->s[at + i] >= 'A' && m->s[at + i] <= 'Z' ? m->s[at + i] + 32 :
		    m->s[at + i]) == m->needle[i]);
	memset(m->in + lo, 1, hi - lo);
}

/*
 * The same bytes as texts end to end (their NULs kept), marked in two
 * shares cut where the needle's length says: every place from which
 * text_fold_has() finds an ASCII needle lies in a marked text.
 */
static void
check_marks(const char *s, size_t len, const char *needle)
{
	struct marks m;
	char *buf = malloc(3 * len + 1);
	size_t i, cut, end;

	m.in = calloc(len + 1, 1);
	m.n = strlen(needle);
	m.s = s;
	m.needle = needle;
	for (i = 0; i < m.n; i++)
		if ((unsigned char)needle[i] >= 0x80)
			m.n = 0;
	if (m.n > 0 && len > 0) {
		cut = len * m.n / 64;
		text_fold_marks(s, len, 0, cut, needle, mark, &m);
		text_fold_marks(s, len, cut, len, needle, mark, &m);
		for (i = 0; i < len; i++) {
			end = i + strnlen(s + i, len - i);
			assert(m.in[i] || s[i] == '\0' || !text_fold_has(s + i, end - i, needle, buf));
		}
	}
	free(m.in);
	free(buf);
}

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
	for (i = 0; i < len; i++)
		s[i] = (char)data[1 + k + i];
	check_marks(s, len, needle);
	free(query);
	free(needle);
	free(s);
	free(buf);
	free(ref);
	return 0;
}
