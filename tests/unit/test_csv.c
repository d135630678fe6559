/* test_csv.c: the RFC 4180 reader, its errors and their line numbers. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"

/* Reads the next record and checks it is made of the n expected fields. */
static void
expect_row(struct csv *c, size_t line, size_t n, const char *const *want)
{
	struct csv_row row;
	char *cause = NULL;
	size_t i;

	assert_int_equal(csv_next(c, &row, &cause), 1);
	assert_null(cause);
	assert_int_equal(row.line, line);
	assert_int_equal(row.n, n);
	for (i = 0; i < n; i++) {
		assert_int_equal(row.len[i], strlen(want[i]));
		assert_memory_equal(row.f[i], want[i], row.len[i]);
	}
}

static void
expect_end(struct csv *c)
{
	struct csv_row row;
	char *cause = NULL;

	assert_int_equal(csv_next(c, &row, &cause), 0);
	assert_int_equal(csv_next(c, &row, &cause), 0);
	assert_null(cause);
}

/* Reads records until the error and checks its message, then that the reader stays at end. */
static void
expect_error(const char *buf, size_t len, const char *msg)
{
	struct csv *c = csv_new(buf, len);
	struct csv_row row;
	char *cause = NULL;
	int r;

	while ((r = csv_next(c, &row, &cause)) == 1)
		;
	assert_int_equal(r, -1);
	assert_non_null(cause);
	assert_string_equal(cause, msg);
	free(cause);
	cause = NULL;
	assert_int_equal(csv_next(c, &row, &cause), 0);
	assert_null(cause);
	csv_free(c);
}

static void
test_plain(void **state)
{
	const char *s = "id,name,lat\n1,Gao,16.27\n2,Kidal,18.44\n";
	struct csv *c = csv_new(s, strlen(s));

	(void)state;
	expect_row(c, 1, 3, (const char *[]){ "id", "name", "lat" });
	expect_row(c, 2, 3, (const char *[]){ "1", "Gao", "16.27" });
	expect_row(c, 3, 3, (const char *[]){ "2", "Kidal", "18.44" });
	expect_end(c);
	csv_free(c);
}

static void
test_quoted_comma_newline(void **state)
{
	const char *s = "name,note\n\"Gao, Mali\",\"one\ntwo\n\"\nx,y\n\"a\nb\",c\nlast,1\n";
	struct csv *c = csv_new(s, strlen(s));

	(void)state;
	expect_row(c, 1, 2, (const char *[]){ "name", "note" });
	expect_row(c, 2, 2, (const char *[]){ "Gao, Mali", "one\ntwo\n" });
	/* The record above spans lines 2-4. */
	expect_row(c, 5, 2, (const char *[]){ "x", "y" });
	expect_row(c, 6, 2, (const char *[]){ "a\nb", "c" });
	expect_row(c, 8, 2, (const char *[]){ "last", "1" });
	expect_end(c);
	csv_free(c);
}

static void
test_escaped_quotes(void **state)
{
	const char *s = "\"say \"\"hi\"\"\",\"\",\"\"\"\"\n\"\"\"a\",\"b\"\"\"\n";
	struct csv *c = csv_new(s, strlen(s));

	(void)state;
	expect_row(c, 1, 3, (const char *[]){ "say \"hi\"", "", "\"" });
	expect_row(c, 2, 2, (const char *[]){ "\"a", "b\"" });
	expect_end(c);
	csv_free(c);
}

static void
test_crlf(void **state)
{
	const char *s = "a,b\r\n\"x\r\ny\",\"q\"\r\nc,\r\n";
	struct csv *c = csv_new(s, strlen(s));

	(void)state;
	expect_row(c, 1, 2, (const char *[]){ "a", "b" });
	expect_row(c, 2, 2, (const char *[]){ "x\r\ny", "q" });
	expect_row(c, 4, 2, (const char *[]){ "c", "" });
	expect_end(c);
	csv_free(c);
}

static void
test_inner_quote_is_text(void **state)
{
	const char *s = "a b,5\" screen\nz\r";
	struct csv *c = csv_new(s, strlen(s));

	(void)state;
	expect_row(c, 1, 2, (const char *[]){ "a b", "5\" screen" });
	expect_row(c, 2, 1, (const char *[]){ "z" });
	expect_end(c);
	csv_free(c);
}

/*
 * Old Mac files end lines with a CR alone: each is a line end, as Python's
 * csv reads them, or a whole file would be one record (its header) and an
 * events file an empty timeline.
 */
static void
test_cr_line_ends(void **state)
{
	const char *s = "id,name\r1,Gao\r\r2,\"Kidal\rnorth\"\r3,\"x\"\r\n4,y\n5,z\r";
	struct csv *c = csv_new(s, strlen(s));
	struct csv_row row;
	char *cause = NULL;

	(void)state;
	expect_row(c, 1, 2, (const char *[]){ "id", "name" });
	expect_row(c, 2, 2, (const char *[]){ "1", "Gao" });
	expect_row(c, 4, 2, (const char *[]){ "2", "Kidal\rnorth" });
	expect_row(c, 6, 2, (const char *[]){ "3", "x" });	/* the field spans lines 4-5 */
	expect_row(c, 7, 2, (const char *[]){ "4", "y" });
	expect_row(c, 8, 2, (const char *[]){ "5", "z" });
	expect_end(c);
	csv_free(c);
	/* errors count CR-only lines too */
	expect_error("a\rb\r\"c\rd\0\"\r", 11, "line 4: NUL byte");
	expect_error("a\r\r\"b\"c\r", 8, "line 3: text after closing quote");

	/* streamed: a CR that ends a block may be a CRLF's first half */
	c = csv_new("", 0);
	csv_feed(c, "a,b\r", 4, 0);
	assert_int_equal(csv_next(c, &row, &cause), 0);
	assert_int_equal(csv_consumed(c), 0);
	csv_feed(c, "a,b\r\nc,d\r", 9, 0);
	expect_row(c, 1, 2, (const char *[]){ "a", "b" });
	assert_int_equal(csv_next(c, &row, &cause), 0);
	assert_int_equal(csv_consumed(c), 5);
	csv_feed(c, "c,d\re", 5, 1);
	expect_row(c, 2, 2, (const char *[]){ "c", "d" });
	expect_row(c, 3, 1, (const char *[]){ "e" });
	expect_end(c);
	csv_free(c);
}

/* A header naming a column twice is refused: a lookup would take the first in silence. */
static void
test_duplicate_columns(void **state)
{
	static const char *const dup[][2] = {
		{ "id,name,lat,Name\n1,a,2,b\n", "line 1: column \"Name\" appears twice" },
		{ "\n\n id ,x, ID\n", "line 3: column \"ID\" appears twice" },
		{ "a,\"b\x1b[2J\",b\x1b[2J\n", "line 1: column \"b[2J\" appears twice" },
	};
	const char *s = "id,name,\"\",,lat\n1,a,,,2\n";
	struct csv *c = csv_new(s, strlen(s));
	size_t i;

	(void)state;
	for (i = 0; i < sizeof dup / sizeof dup[0]; i++)
		expect_error(dup[i][0], strlen(dup[i][0]), dup[i][1]);
	/* unnamed columns are never looked up: several are fine */
	expect_row(c, 1, 5, (const char *[]){ "id", "name", "", "", "lat" });
	/* only the header: rows may repeat values */
	expect_row(c, 2, 5, (const char *[]){ "1", "a", "", "", "2" });
	expect_end(c);
	csv_free(c);
}

static void
test_bom(void **state)
{
	const char *s = "\xef\xbb\xbfid,name\n\xef\xbb\xbf,x\n";
	struct csv *c = csv_new(s, strlen(s));
	struct csv_row row;
	char *cause = NULL;

	(void)state;
	assert_int_equal(csv_next(c, &row, &cause), 1);
	assert_int_equal(row.len[0], 2);
	assert_memory_equal(row.f[0], "id", 2);
	assert_int_equal(csv_column(&row, "id"), 0);
	/* Only a leading BOM is skipped; later ones are data. */
	expect_row(c, 2, 2, (const char *[]){ "\xef\xbb\xbf", "x" });
	expect_end(c);
	csv_free(c);
}

static void
test_no_final_newline(void **state)
{
	struct csv *c = csv_new("a,b\nc,d", 7);

	(void)state;
	expect_row(c, 1, 2, (const char *[]){ "a", "b" });
	expect_row(c, 2, 2, (const char *[]){ "c", "d" });
	expect_end(c);
	csv_free(c);

	c = csv_new("a,\"b\"", 5);
	expect_row(c, 1, 2, (const char *[]){ "a", "b" });
	expect_end(c);
	csv_free(c);

	c = csv_new("a,", 2);
	expect_row(c, 1, 2, (const char *[]){ "a", "" });
	expect_end(c);
	csv_free(c);
}

static void
test_blank_lines_and_empty_input(void **state)
{
	const char *s = "\n\na\n\r\n\nb,c\n\n";
	struct csv *c = csv_new(s, strlen(s));

	(void)state;
	expect_row(c, 3, 1, (const char *[]){ "a" });
	expect_row(c, 6, 2, (const char *[]){ "b", "c" });
	expect_end(c);
	csv_free(c);

	c = csv_new("", 0);
	expect_end(c);
	csv_free(c);
	c = csv_new("\xef\xbb\xbf", 3);
	expect_end(c);
	csv_free(c);
	/* A quoted empty field is a record, not a blank line. */
	c = csv_new("\"\"\n", 3);
	expect_row(c, 1, 1, (const char *[]){ "" });
	expect_end(c);
	csv_free(c);
}

static void
test_unterminated_quote(void **state)
{
	const char *s = "a,b\nc,\"open\nmore\nstill\n";

	(void)state;
	expect_error(s, strlen(s), "line 2: unterminated quoted field");
	expect_error("\"", 1, "line 1: unterminated quoted field");
	/* A "" pair at the very end is an escaped quote, not a closing one. */
	expect_error("x\n\n\"ab\"\"", 8, "line 3: unterminated quoted field");
}

static void
test_nul(void **state)
{
	(void)state;
	expect_error("a,b\nc,d\0e\n", 10, "line 2: NUL byte");
	expect_error("a\n\"x\ny\0\"\n", 9, "line 3: NUL byte");
	expect_error("\0", 1, "line 1: NUL byte");
}

static void
test_text_after_quote(void **state)
{
	const char *s = "x\n\"ab\"c\n";

	(void)state;
	expect_error(s, strlen(s), "line 2: text after closing quote");
	/* Reported where the stray text is, after a multi-line field. */
	s = "\"a\nb\nc\"d,e\n";
	expect_error(s, strlen(s), "line 3: text after closing quote");
	s = "\"ab\" ,c\n";
	expect_error(s, strlen(s), "line 1: text after closing quote");
	s = "\"ab\"x\r";
	expect_error(s, strlen(s), "line 1: text after closing quote");
}

static void
test_field_length(void **state)
{
	size_t max = CSV_MAX_FIELD;
	char *buf = malloc(max + 16);
	struct csv_row row;
	struct csv *c;
	char *cause = NULL;

	(void)state;
	/* Exactly the limit is fine, unquoted and quoted. */
	memset(buf, 'x', max);
	memcpy(buf + max, ",y\n", 3);
	c = csv_new(buf, max + 3);
	assert_int_equal(csv_next(c, &row, &cause), 1);
	assert_int_equal(row.len[0], max);
	assert_int_equal(row.f[0][max - 1], 'x');
	assert_int_equal(row.len[1], 1);
	assert_int_equal(row.f[1][0], 'y');
	csv_free(c);

	buf[0] = '"';
	memset(buf + 1, 'q', max - 1);
	memcpy(buf + max, "\"\"\"\n", 4);	/* ends in an escaped quote */
	c = csv_new(buf, max + 4);
	assert_int_equal(csv_next(c, &row, &cause), 1);
	assert_int_equal(row.len[0], max);
	assert_int_equal(row.f[0][max - 2], 'q');
	assert_int_equal(row.f[0][max - 1], '"');
	csv_free(c);

	/* One more byte is not. */
	memcpy(buf, "ok\n", 3);
	memset(buf + 3, 'x', max + 1);
	expect_error(buf, max + 4, "line 2: field longer than 65536 bytes");
	buf[3] = '"';
	memset(buf + 4, 'x', max + 1);
	buf[max + 5] = '"';
	expect_error(buf, max + 6, "line 2: field longer than 65536 bytes");
	free(buf);
}

static void
test_columns(void **state)
{
	char buf[2 * (CSV_MAX_COLS + 1) + 8];
	struct csv_row row;
	struct csv *c;
	char *cause = NULL;
	size_t i, n;

	(void)state;
	memcpy(buf, "\"h\n\",1\n", 7);	/* a two-line record first */
	n = 7;
	for (i = 0; i < CSV_MAX_COLS; i++)
		buf[n++] = 'a', buf[n++] = ',';
	buf[n - 1] = '\n';
	c = csv_new(buf, n);
	assert_int_equal(csv_next(c, &row, &cause), 1);
	assert_int_equal(csv_next(c, &row, &cause), 1);
	assert_int_equal(row.n, CSV_MAX_COLS);
	assert_int_equal(row.line, 3);
	csv_free(c);

	buf[n - 1] = ',';
	buf[n++] = 'b';
	buf[n++] = '\n';
	expect_error(buf, n, "line 3: more than 128 fields");
}

static void
test_growth_keeps_rows_whole(void **state)
{
	size_t n = 0, i;
	char *buf = malloc(100000);
	struct csv_row row;
	struct csv *c;
	char *cause = NULL;

	(void)state;
	/*
	 * 100 quoted fields of 900 bytes, each with a "" that must be unescaped
	 * into the reader's own buffer: it grows several times within the row.
	 * (The header comes first: its names must differ.)
	 */
	memcpy(buf, "h\n", 2);
	n = 2;
	for (i = 0; i < 100; i++) {
		buf[n++] = '"';
		memset(buf + n, 'a' + (int)(i % 26), 899);
		n += 899;
		memcpy(buf + n, "\"\"\"", 3);
		n += 3;
		buf[n++] = i == 99 ? '\n' : ',';
	}
	c = csv_new(buf, n);
	assert_int_equal(csv_next(c, &row, &cause), 1);
	assert_int_equal(csv_next(c, &row, &cause), 1);
	assert_int_equal(row.n, 100);
	for (i = 0; i < 100; i++) {
		assert_int_equal(row.len[i], 900);
		assert_int_equal(row.f[i][0], 'a' + (int)(i % 26));
		assert_int_equal(row.f[i][898], 'a' + (int)(i % 26));
		assert_int_equal(row.f[i][899], '"');
	}
	expect_end(c);
	csv_free(c);
	free(buf);
}

static void
test_column_lookup(void **state)
{
	const char *s = " Name ,LAT,\tlon\t,,Event Date\n";
	struct csv *c = csv_new(s, strlen(s));
	struct csv_row row;
	char *cause = NULL;

	(void)state;
	assert_int_equal(csv_next(c, &row, &cause), 1);
	assert_int_equal(csv_column(&row, "name"), 0);
	assert_int_equal(csv_column(&row, "NAME"), 0);
	assert_int_equal(csv_column(&row, "lat"), 1);
	assert_int_equal(csv_column(&row, "Lon"), 2);
	assert_int_equal(csv_column(&row, "event date"), 4);
	assert_int_equal(csv_column(&row, "la"), -1);
	assert_int_equal(csv_column(&row, "latitude"), -1);
	assert_int_equal(csv_column(&row, "event"), -1);
	/* The field text itself is left untrimmed. */
	assert_int_equal(row.len[0], 6);
	assert_memory_equal(row.f[0], " Name ", 6);
	csv_free(c);
	csv_free(NULL);
}


/* Other delimiters: the comma is then text, quotes work as before. */
static void
test_delimiters(void **state)
{
	static const char *const r1[] = { "a", "b,c", "d;e" };
	static const char *const r2[] = { "1,5", "x", "" };
	struct csv *c;

	(void)state;
	c = csv_new("a;b,c;\"d;e\"\n1,5;x;\n", 19);
	csv_set_delim(c, ';');
	expect_row(c, 1, 3, r1);
	expect_row(c, 2, 3, r2);
	expect_end(c);
	csv_free(c);
	c = csv_new("a\tb,c\t\"d;e\"\n1,5\tx\t\n", 19);
	csv_set_delim(c, '\t');
	expect_row(c, 1, 3, r1);
	expect_row(c, 2, 3, r2);
	expect_end(c);
	csv_free(c);
	/* a quote closes before the delimiter, not before a comma */
	{
		struct csv_row row;
		char *cause = NULL;

		c = csv_new("\"a\",b\n", 7);
		csv_set_delim(c, ';');
		assert_int_equal(csv_next(c, &row, &cause), -1);
		assert_string_equal(cause, "line 1: text after closing quote");
		free(cause);
		csv_free(c);
	}
	/* anything else is a comma */
	c = csv_new("a;b,c\n", 6);
	csv_set_delim(c, 'x');
	{
		static const char *const w[] = { "a;b", "c" };

		expect_row(c, 1, 2, w);
	}
	csv_free(c);
}

/* The delimiter of the header line: the most frequent outside quotes. */
static void
test_sniff(void **state)
{
	(void)state;
	assert_int_equal(csv_sniff("a,b,c\n1;2;3;4;5\n", 18), ',');
	assert_int_equal(csv_sniff("a;b;c\n", 6), ';');
	assert_int_equal(csv_sniff("a\tb\tc", 5), '\t');
	assert_int_equal(csv_sniff("a|b|c\r\n", 7), '|');
	/* quoted delimiters do not count, a quoted line end does not end the line */
	assert_int_equal(csv_sniff("\"a,b,c,d\";e;f\n", 14), ';');
	assert_int_equal(csv_sniff("\"x\ny,z,w\";a;b\n", 15), ';');
	assert_int_equal(csv_sniff("\xef\xbb\xbf" "a;b", 6), ';');
	/* none, or a tie: the comma */
	assert_int_equal(csv_sniff("abc\n", 4), ',');
	assert_int_equal(csv_sniff("a;b,c\n", 6), ',');
	assert_int_equal(csv_sniff("", 0), ',');
}

/* Streaming: a record that never ends is refused once it passes the cap. */
static void
test_record_cap(void **state)
{
	size_t n = CSV_MAX_RECORD + 16;
	char *buf = malloc(n);
	struct csv_row row;
	char *cause = NULL;
	struct csv *c;

	(void)state;
	assert_non_null(buf);
	memset(buf, 'x', n);
	memcpy(buf, "a,b\n\"", 5);
	c = csv_new(buf, 0);
	csv_feed(c, buf, 4096, 0);
	assert_int_equal(csv_next(c, &row, &cause), 1);		/* the header */
	assert_int_equal(csv_next(c, &row, &cause), 0);		/* more, please */
	assert_null(cause);
	csv_feed(c, buf + csv_consumed(c), n - 4, 0);
	assert_int_equal(csv_next(c, &row, &cause), -1);
	assert_non_null(cause);
	assert_non_null(strstr(cause, "line 2: a record longer than "));
	assert_non_null(strstr(cause, "(an unterminated quoted field?)"));
	free(cause);
	csv_free(c);
	free(buf);
}

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint32_t
rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (uint32_t)(rng_state >> 16);
}

/*
 * Random text of the bytes a CSV reader stops at, among runs of others as
 * long as a vector or more, so that every stop byte comes at every place
 * of a 16-byte load, and at the buffer's end.
 */
static size_t
random_csv(char *buf, size_t cap)
{
	static const char stops[] = { ',', ';', '"', '"', '\n', '\r', '\0', '|', '\t' };
	size_t n = 0, len = rng() % cap, run, i;

	while (n < len) {
		if (rng() % 3 == 0) {
			buf[n++] = stops[rng() % (sizeof stops - (rng() % 8 != 0))];
			continue;
		}
		run = rng() % (rng() % 4 == 0 ? 70 : 18);
		for (i = 0; i < run && n < len; i++)
			buf[n++] = (char)("ab x\xc3\xa9"[rng() % 6]);
	}
	return len;
}

/* Everything a reader gives for buf[0..len): records, lines, errors, where it stops. */
static void
read_all(const char *buf, size_t len, char delim, int final, int resume, int scalar,
    char *out, size_t cap, size_t *used)
{
	struct csv *c = csv_new(buf, 0);
	struct csv_row row;
	char *cause = NULL;
	size_t i, n = 0;
	int r;

	csv_set_delim(c, delim);
	csv_set_scalar(c, scalar);
	csv_feed(c, buf, len, final);
	if (resume)
		csv_resume(c, 7);
	do {
		r = csv_next(c, &row, &cause);
		n += (size_t)snprintf(out + n, cap - n, "r%d l%zu c%zu n%zu|", r,
		    r == 1 ? row.line : csv_line(c), csv_consumed(c), r == 1 ? row.n : 0);
		for (i = 0; r == 1 && i < row.n && n < cap; i++) {
			n += (size_t)snprintf(out + n, cap - n, "%zu:", row.len[i]);
			if (row.len[i] < cap - n) {
				memcpy(out + n, row.f[i], row.len[i]);
				n += row.len[i];
			}
		}
		if (cause != NULL) {
			n += (size_t)snprintf(out + n, cap - n, "E%s", cause);
			free(cause);
			cause = NULL;
		}
		assert_true(n < cap);
	} while (r == 1);
	*used = n;
	csv_free(c);
}

/* The 16-byte scans give what the byte-at-a-time ones give, on random text and at every cut. */
static void
test_scan_matches_scalar(void **state)
{
	static const char delims[] = { ',', ';', '\t', '|' };
	size_t cap = 1 << 16, len, n0, n1, iter;
	char *out0 = malloc(cap), *out1 = malloc(cap);

	(void)state;
	for (iter = 0; iter < 20000; iter++) {
		char tmp[400], *buf;
		char delim = delims[iter % 4];
		int final = rng() % 4 != 0, resume = rng() % 2;

		len = random_csv(tmp, sizeof tmp);
		/* exactly len bytes on the heap: a load past the end is one ASan sees */
		buf = malloc(len ? len : 1);
		memcpy(buf, tmp, len);
		read_all(buf, len, delim, final, resume, 1, out0, cap, &n0);
		read_all(buf, len, delim, final, resume, 0, out1, cap, &n1);
		if (n0 != n1 || memcmp(out0, out1, n0) != 0)
			fail_msg("input %zu (%zu bytes, delim %d, final %d): scalar and vector "
			    "scans differ:\n%.*s\n%.*s", iter, len, delim, final, (int)n0, out0,
			    (int)n1, out1);
		free(buf);
	}
	free(out0);
	free(out1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain),
		cmocka_unit_test(test_quoted_comma_newline),
		cmocka_unit_test(test_escaped_quotes),
		cmocka_unit_test(test_crlf),
		cmocka_unit_test(test_inner_quote_is_text),
		cmocka_unit_test(test_cr_line_ends),
		cmocka_unit_test(test_duplicate_columns),
		cmocka_unit_test(test_bom),
		cmocka_unit_test(test_no_final_newline),
		cmocka_unit_test(test_blank_lines_and_empty_input),
		cmocka_unit_test(test_unterminated_quote),
		cmocka_unit_test(test_nul),
		cmocka_unit_test(test_text_after_quote),
		cmocka_unit_test(test_field_length),
		cmocka_unit_test(test_columns),
		cmocka_unit_test(test_growth_keeps_rows_whole),
		cmocka_unit_test(test_column_lookup),
		cmocka_unit_test(test_delimiters),
		cmocka_unit_test(test_sniff),
		cmocka_unit_test(test_record_cap),
		cmocka_unit_test(test_scan_matches_scalar),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
