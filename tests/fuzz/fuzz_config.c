/*
 * fuzz_config.c: the config file's parser (options_parse_config) on any
 * bytes. It never crashes or exits; an error names the file and a line of
 * the input and quotes it short; what it accepts holds no NUL and sets only
 * values the validators allow; and the same text parses the same way twice.
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The run's fields as text, to compare two parses. */
static void
same(const struct options *a, const struct options *b)
{
	assert(a->w == b->w && a->h == b->h && a->charset == b->charset &&
	    a->color == b->color && a->no_cache == b->no_cache &&
	    a->step_seconds == b->step_seconds && a->step == b->step &&
	    a->o.window_days == b->o.window_days);
	assert((a->proj == NULL) == (b->proj == NULL));
	assert(a->proj == NULL || strcmp(a->proj, b->proj) == 0);
	assert((a->data_dir == NULL) == (b->data_dir == NULL));
	assert(a->data_dir == NULL || strcmp(a->data_dir, b->data_dir) == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	struct options a, b;
	char *ca = NULL, *cb = NULL;
	size_t lines = 1, i;
	int ra, rb;

	memset(&a, 0, sizeof a);
	memset(&b, 0, sizeof b);
	a.w = b.w = 100;
	a.h = b.h = 40;
	a.charset = b.charset = a.color = b.color = -1;
	a.step_seconds = b.step_seconds = 1;
	ra = options_parse_config(&a, "fuzz", s, size, &ca);
	rb = options_parse_config(&b, "fuzz", s, size, &cb);
	assert(ra == rb);
	for (i = 0; i < size; i++)
		lines += s[i] == '\n' || (s[i] == '\r' && (i + 1 == size || s[i + 1] != '\n'));
	if (ra != 0) {
		unsigned long line;
		char *end;

		assert(ca != NULL && cb != NULL && strcmp(ca, cb) == 0);
		assert(strncmp(ca, "fuzz:", 5) == 0);
		line = strtoul(ca + 5, &end, 10);
		assert(line >= 1 && line <= lines && end[0] == ':' && end[1] == ' ');
		/* a key or a value is quoted at most 80 bytes long */
		assert(strlen(ca) < 400);
	} else {
		assert(ca == NULL && memchr(s, '\0', size) == NULL);
		same(&a, &b);
		assert(a.w >= 1 && a.w <= 2000 && a.h >= 1 && a.h <= 2000);
		assert(a.charset >= -1 && a.charset <= 2 && a.color >= -1 && a.color <= 1);
		assert(a.step_seconds >= 1.0 / 3600 && a.step_seconds <= 3600);
		assert(a.step >= OPTIONS_STEP_EVENT && a.step <= OPTIONS_STEP_MONTH);
		assert(a.o.window_days >= 0 && a.o.window_days <= 100000);
		assert((a.proj == NULL) == (a.proj_where == NULL));
	}
	free(ca);
	free(cb);
	options_free(&a);
	options_free(&b);
	return 0;
}
