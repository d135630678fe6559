/* fuzz_csv.c: every byte string either parses into sane records or fails with a line number. */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csv *c = csv_new((const char *)data, size);
	struct csv_row row;
	size_t i, lines = 1, last = 0, total = 0;
	char *cause = NULL;
	int r;

	/* LF, CRLF and a CR alone each end a line */
	for (i = 0; i < size; i++)
		lines += data[i] == '\n' ||
		    (data[i] == '\r' && (i + 1 == size || data[i + 1] != '\n'));
	while ((r = csv_next(c, &row, &cause)) == 1) {
		assert(row.n >= 1 && row.n <= CSV_MAX_COLS);
		assert(row.line > last && row.line <= lines);
		last = row.line;
		for (i = 0; i < row.n; i++) {
			/* Touch every byte: fields hold no NUL. */
			assert(memchr(row.f[i], '\0', row.len[i]) == NULL);
			assert(row.len[i] <= CSV_MAX_FIELD);
			total += row.len[i];
		}
		(void)csv_column(&row, "name");
	}
	/* Unquoting only ever shrinks the text. */
	assert(total <= size);
	if (r == -1) {
		assert(cause != NULL && strncmp(cause, "line ", 5) == 0);
		assert(strtoul(cause + 5, NULL, 10) >= 1);
		free(cause);
		cause = NULL;
		assert(csv_next(c, &row, &cause) == 0);
	}
	assert(r != 1 && cause == NULL);
	csv_free(c);
	return 0;
}
