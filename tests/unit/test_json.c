/*
 * test_json.c: the door to yajl: callbacks, positions in messages, the caps
 * yajl leaves to us, and records as rows of named fields, fed whole and a
 * byte at a time.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "util.h"

/* What the callbacks saw, one token a line: "k:a", "s:x", "n:1.5", "[", "{"... */
struct log {
	struct json	*j;
	char		 buf[4096];
	size_t		 len;
	int		 fail_on;	/* a string equal to "FAIL" makes json_fail() */
};

static int
add(struct log *l, const char *what, const char *s, size_t n)
{
	int k = snprintf(l->buf + l->len, sizeof l->buf - l->len, "%s%.*s\n", what,
	    (int)(n < 256 ? n : 256), s);

	l->len += (size_t)k < sizeof l->buf - l->len ? (size_t)k : sizeof l->buf - l->len - 1;
	return 1;
}

static int
l_null(void *ctx)
{
	return add(ctx, "null", "", 0);
}

static int
l_bool(void *ctx, int v)
{
	return add(ctx, v ? "true" : "false", "", 0);
}

static int
l_number(void *ctx, const char *s, size_t n)
{
	return add(ctx, "n:", s, n);
}

static int
l_string(void *ctx, const char *s, size_t n)
{
	struct log *l = ctx;

	if (n == 4 && memcmp(s, "FAIL", 4) == 0)
		return json_fail(l->j, "no %s here", "FAIL");
	if (n == 4 && memcmp(s, "STOP", 4) == 0)
		return 0;
	if (n == 5 && memcmp(s, "WHERE", 5) == 0) {
		unsigned long line, col;
		char w[64];

		json_where(l->j, &line, &col);
		snprintf(w, sizeof w, "at %lu:%lu", line, col);
		return add(ctx, w, "", 0);
	}
	return add(ctx, "s:", s, n);
}

static int
l_key(void *ctx, const char *s, size_t n)
{
	return add(ctx, "k:", s, n);
}

static int
l_start_map(void *ctx)
{
	return add(ctx, "{", "", 0);
}

static int
l_end_map(void *ctx)
{
	return add(ctx, "}", "", 0);
}

static int
l_start_array(void *ctx)
{
	return add(ctx, "[", "", 0);
}

static int
l_end_array(void *ctx)
{
	return add(ctx, "]", "", 0);
}

static const struct json_callbacks cbs = { l_null, l_bool, l_number, l_string, l_start_map,
	l_key, l_end_map, l_start_array, l_end_array };

/* Parses text in pieces of step bytes (0: whole): the status; the log and *cause. */
static int
parse(const char *text, size_t len, size_t step, struct log *l, char **cause)
{
	size_t off = 0, k;
	int r = 0;

	memset(l, 0, sizeof *l);
	l->j = json_new("t\x1b.json", &cbs, l, 0);
	*cause = NULL;
	while (r == 0 && off < len) {
		k = step == 0 || len - off < step ? len - off : step;
		r = json_feed(l->j, text + off, k, cause);
		off += k;
	}
	if (r == 0)
		r = json_end(l->j, cause);
	json_free(l->j);
	return r;
}

/* Whole and a byte at a time alike: the same status, log and message. */
static int
both(const char *text, struct log *l, char **cause)
{
	struct log l1;
	char *c1;
	int r1 = parse(text, strlen(text), 1, &l1, &c1), r = parse(text, strlen(text), 0, l, cause);

	assert_int_equal(r, r1);
	assert_string_equal(l->buf, l1.buf);
	if (*cause != NULL || c1 != NULL) {
		assert_non_null(*cause);
		assert_non_null(c1);
		assert_string_equal(*cause, c1);
	}
	free(c1);
	return r;
}

static void
test_tokens(void **state)
{
	struct log l;
	char *cause;

	(void)state;
	assert_int_equal(both("{\"a\": [1, -2.5e3, \"x\\u00e9\\n\", true, false, null], "
	    "\"b\": {}}", &l, &cause), 0);
	assert_null(cause);
	assert_string_equal(l.buf, "{\nk:a\n[\nn:1\nn:-2.5e3\ns:x\xc3\xa9\n\ntrue\nfalse\n"
	    "null\n]\nk:b\n{\n}\n}\n");
	/* numbers come as written, however large */
	assert_int_equal(both("[1e999999, 123456789012345678901234567890]", &l, &cause), 0);
	assert_string_equal(l.buf, "[\nn:1e999999\nn:123456789012345678901234567890\n]\n");
	/* a BOM before the text is not JSON's, but skipped */
	assert_int_equal(both("\xef\xbb\xbf[\"a\"]", &l, &cause), 0);
	assert_string_equal(l.buf, "[\ns:a\n]\n");
}

/* Where a callback is: just after its token, in lines and characters. */
static void
test_where(void **state)
{
	struct log l;
	char *cause;

	(void)state;
	assert_int_equal(both("[\"WHERE\",\n  \"\xc3\xa9\xc3\xa9\", \"WHERE\"]", &l, &cause), 0);
	assert_string_equal(l.buf, "[\nat 1:9\ns:\xc3\xa9\xc3\xa9\nat 2:16\n]\n");
}

static void
test_errors(void **state)
{
	struct log l;
	char *cause;

	(void)state;
	/* the name sanitised; line and column where the parser stopped */
	assert_int_equal(both("{\"a\": 1,\n \"b\" 2}", &l, &cause), -1);
	assert_string_equal(cause, "t.json:2:5: invalid JSON: parse error: object key and "
	    "value must be separated by a colon (':')");
	free(cause);
	assert_int_equal(both("[1, 2", &l, &cause), -1);
	assert_string_equal(cause, "t.json:1:6: invalid JSON: parse error: premature EOF");
	free(cause);
	assert_int_equal(both("[1] [2]", &l, &cause), -1);
	assert_string_equal(cause, "t.json:1:4: invalid JSON: parse error: trailing garbage");
	free(cause);
	assert_int_equal(both("  \n ", &l, &cause), -1);
	assert_string_equal(cause, "t.json: empty, not JSON");
	free(cause);
	assert_int_equal(both("", &l, &cause), -1);
	assert_string_equal(cause, "t.json: empty, not JSON");
	free(cause);
	/* a lone number or a cut string calls nothing back before the end: not empty */
	assert_int_equal(both(" 42", &l, &cause), 0);
	assert_string_equal(l.buf, "n:42\n");
	assert_int_equal(both("\"abc", &l, &cause), -1);
	assert_string_equal(cause, "t.json:1:1: invalid JSON: parse error: premature EOF");
	free(cause);
	/* a callback's reason, at its token */
	assert_int_equal(both("[\"a\",\n\"FAIL\"]", &l, &cause), -1);
	assert_string_equal(cause, "t.json:2:7: no FAIL here");
	free(cause);
	/* a callback's plain stop is 1, and stays so */
	assert_int_equal(both("[\"STOP\", \"b\"]", &l, &cause), 1);
	assert_null(cause);
	assert_string_equal(l.buf, "[\n");
}

/* The caps yajl leaves to us: nesting, and a token cut between chunks. */
static void
test_caps(void **state)
{
	char *text = xmalloc(JSON_MAX_TOKEN + 8192 + 64), *cause;
	struct log l;
	int i;

	(void)state;
	for (i = 0; i < JSON_MAX_DEPTH; i++)
		text[i] = '[';
	for (i = 0; i < JSON_MAX_DEPTH; i++)
		text[JSON_MAX_DEPTH + i] = ']';
	text[2 * JSON_MAX_DEPTH] = '\0';
	assert_int_equal(parse(text, strlen(text), 0, &l, &cause), 0);
	text[0] = '[';
	memmove(text + 1, text, 2 * JSON_MAX_DEPTH + 1);
	text[2 * JSON_MAX_DEPTH + 1] = ']';
	text[2 * JSON_MAX_DEPTH + 2] = '\0';
	assert_int_equal(parse(text, strlen(text), 0, &l, &cause), -1);
	assert_string_equal(cause, "t.json:1:66: nested more than 64 deep");
	free(cause);
	/* a string longer than the cap, in pieces of 4 KiB: refused, not buffered */
	text[0] = '[';
	text[1] = '"';
	memset(text + 2, 'x', JSON_MAX_TOKEN + 8192);
	strcpy(text + JSON_MAX_TOKEN + 8194, "\"]");
	assert_int_equal(parse(text, strlen(text), 4096, &l, &cause), -1);
	assert_string_equal(cause, "t.json:1:2: a string, number or run of blanks longer than "
	    "1048576 bytes follows");
	free(cause);
	free(text);
}

/* Records: what row() was given, one line each: "LINE:COL k=v(type) ...". */
struct rows {
	struct json_rows *r;
	char		 buf[8192];
	size_t		 len;
	int		 stop_after;
};

static int
on_row(void *ctx, const struct json_row *row)
{
	struct rows *rs = ctx;
	size_t i;

	rs->len += (size_t)snprintf(rs->buf + rs->len, sizeof rs->buf - rs->len, "%lu:%lu",
	    row->line, row->col);
	for (i = 0; i < row->n; i++)
		rs->len += (size_t)snprintf(rs->buf + rs->len, sizeof rs->buf - rs->len,
		    " %.*s=%.*s(%d)", (int)row->klen[i], row->key[i], (int)row->vlen[i],
		    row->val[i], row->type[i]);
	rs->len += (size_t)snprintf(rs->buf + rs->len, sizeof rs->buf - rs->len, "\n");
	return --rs->stop_after != 0;
}

static int
rows_parse(const char *text, size_t step, struct rows *rs, int *found, char **cause)
{
	static const char *const keys[] = { "data", "Result", NULL };
	size_t off = 0, len = strlen(text), k;
	int r = 0;

	memset(rs, 0, sizeof *rs);
	rs->stop_after = -1;
	rs->r = json_rows_new("r.json", keys, JSON_ANY_BYTES, on_row, rs);
	*cause = NULL;
	while (r == 0 && off < len) {
		k = step == 0 || len - off < step ? len - off : step;
		r = json_rows_feed(rs->r, text + off, k, cause);
		off += k;
	}
	if (r == 0)
		r = json_rows_end(rs->r, cause);
	*found = json_rows_found(rs->r);
	json_rows_free(rs->r);
	return r;
}

/* The same records whole and a byte at a time. */
static int
rows_both(const char *text, struct rows *rs, int *found, char **cause)
{
	struct rows one;
	char *c1;
	int f1, r1 = rows_parse(text, 1, &one, &f1, &c1), r = rows_parse(text, 0, rs, found, cause);

	assert_int_equal(r, r1);
	assert_int_equal(*found, f1);
	assert_string_equal(rs->buf, one.buf);
	if (c1 != NULL || *cause != NULL) {
		assert_non_null(c1);
		assert_non_null(*cause);
		assert_string_equal(c1, *cause);
	}
	free(c1);
	return r;
}

static void
test_rows(void **state)
{
	struct rows rs;
	char *cause;
	int found;

	(void)state;
	/* ACLED's answer: other members skipped, arrays of objects among them too */
	assert_int_equal(rows_both("{\"status\": 200, \"messages\": [{\"x\": 1}], \"count\": 2,\n"
	    " \"data\": [{\"id\": \"A1\", \"lat\": \"16.2\", \"n\": 3},\n"
	    "  {\"id\": \"A\\\"2\", \"deep\": {\"a\": [1, {\"b\": 2}]}, \"t\": true, \"z\": null}],"
	    " \"filename\": \"f\"}", &rs, &found, &cause), 0);
	assert_null(cause);
	assert_true(found);
	assert_string_equal(rs.buf, "2:11 id=A1(4) lat=16.2(4) n=3(3)\n"
	    "3:3 id=A\"2(4) deep=(5) t=true(2) z=(0)\n");
	/* UCDP's, pretty-printed */
	assert_int_equal(rows_both("{\n  \"TotalCount\": 1,\n  \"Result\": [\n    {\n"
	    "      \"id\": 500001,\n      \"active_year\": false\n    }\n  ]\n}\n", &rs, &found,
	    &cause), 0);
	assert_string_equal(rs.buf, "4:5 id=500001(3) active_year=false(1)\n");
	/* a bare array; an empty one; no array at all */
	assert_int_equal(rows_both("[{\"a\": \"1\"}, {}]", &rs, &found, &cause), 0);
	assert_string_equal(rs.buf, "1:2 a=1(4)\n1:14\n");
	assert_int_equal(rows_both("{\"data\": []}", &rs, &found, &cause), 0);
	assert_true(found);
	assert_string_equal(rs.buf, "");
	assert_int_equal(rows_both("{\"rows\": [{\"a\": 1}], \"data\": 5}", &rs, &found, &cause),
	    0);
	assert_false(found);
	assert_string_equal(rs.buf, "");
	/* keys are compared exactly; only the first array of records is read */
	assert_int_equal(rows_both("{\"DATA\": [{\"a\": 1}], \"Result\": [{\"b\": 2}], "
	    "\"data\": [{\"c\": 3}]}", &rs, &found, &cause), 0);
	assert_string_equal(rs.buf, "1:33 b=2(3)\n");
	/* a record that is not an object */
	assert_int_equal(rows_both("{\"data\": [{\"a\": 1},\n 7]}", &rs, &found, &cause), -1);
	assert_string_equal(cause, "r.json:2:3: a record is a number, not an object");
	free(cause);
	assert_int_equal(rows_both("[[1]]", &rs, &found, &cause), -1);
	assert_string_equal(cause, "r.json:1:3: a record is an array, not an object");
	free(cause);
	assert_int_equal(rows_both("[\"x\"]", &rs, &found, &cause), -1);
	assert_string_equal(cause, "r.json:1:5: a record is a string, not an object");
	free(cause);
	/* row() stops the parse: 1, no message */
	memset(&rs, 0, sizeof rs);
	{
		static const char *const keys[] = { "data", NULL };
		struct json_rows *r;

		rs.stop_after = 1;
		r = json_rows_new("r.json", keys, 0, on_row, &rs);
		assert_int_equal(json_rows_feed(r, "[{\"a\": 1}, {\"b\": 2}]", 20, &cause), 1);
		assert_int_equal(json_rows_end(r, &cause), 1);
		assert_string_equal(rs.buf, "1:2 a=1(3)\n");
		json_rows_free(r);
	}
}

static void
test_row_caps(void **state)
{
	size_t n = JSON_MAX_VALUE + 64, i, at;
	char *text = xmalloc(JSON_MAX_MEMBERS * 16 + n), *cause;
	struct rows rs;
	int found;

	(void)state;
	strcpy(text, "[{\"a\": \"");
	memset(text + 8, 'v', JSON_MAX_VALUE + 1);
	strcpy(text + 8 + JSON_MAX_VALUE + 1, "\"}]");
	assert_int_equal(rows_parse(text, 0, &rs, &found, &cause), -1);
	assert_string_equal(cause, "r.json:1:65547: a value longer than 65536 bytes");
	free(cause);
	at = (size_t)sprintf(text, "[{");
	for (i = 0; i <= JSON_MAX_MEMBERS; i++)
		at += (size_t)sprintf(text + at, "%s\"k%zu\": 1", i ? ", " : "", i);
	strcpy(text + at, "}]");
	assert_int_equal(rows_parse(text, 0, &rs, &found, &cause), -1);
	assert_non_null(strstr(cause, ": a record with more than 512 members"));
	free(cause);
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tokens),
		cmocka_unit_test(test_where),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_caps),
		cmocka_unit_test(test_rows),
		cmocka_unit_test(test_row_caps),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
