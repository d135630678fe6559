/* test_cache.c: the cap's sizes, and SITMAP_CACHE_SIZE over the configured one. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "cache.h"

static uint64_t
size_of(const char *s)
{
	uint64_t v = 0;

	assert_int_equal(cache_parse_size(s, &v), 0);
	return v;
}

static void
test_sizes(void **state)
{
	static const char *const bad[] = {
		"", "M", "-1M", "1.5G", "1 M", "1MM", "1Mi", "1MBs", "1P", "12x", "0",
		"1048575", "1K", "1023K", "18446744073709551616", "20000000000000000000K",
	};
	uint64_t v = 7;
	size_t i;

	(void)state;
	assert_true(size_of("1048576") == 1048576);
	assert_true(size_of("1M") == (uint64_t)1 << 20);
	assert_true(size_of("1024K") == (uint64_t)1 << 20);
	assert_true(size_of("500m") == (uint64_t)500 << 20);
	assert_true(size_of("2G") == (uint64_t)2 << 30);
	assert_true(size_of("2GiB") == (uint64_t)2 << 30);
	assert_true(size_of("2GB") == (uint64_t)2 << 30);
	assert_true(size_of("3t") == (uint64_t)3 << 40);
	assert_true(size_of("16777215T") == (uint64_t)16777215 << 40);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (cache_parse_size(bad[i], &v) == 0)
			fail_msg("\"%s\" taken as %llu bytes", bad[i], (unsigned long long)v);
	}
	assert_int_equal(cache_parse_size("16777216T", &v), -1);
}

static void
test_environment_first(void **state)
{
	char *cause = NULL;

	(void)state;
	unsetenv("SITMAP_CACHE_SIZE");
	assert_int_equal(cache_set_max(0, &cause), 0);
	assert_int_equal(cache_set_max((uint64_t)5 << 20, &cause), 0);
	setenv("SITMAP_CACHE_SIZE", "64M", 1);
	assert_int_equal(cache_set_max((uint64_t)5 << 20, &cause), 0);
	assert_null(cause);
	setenv("SITMAP_CACHE_SIZE", "64\x1b[2J", 1);
	assert_int_equal(cache_set_max((uint64_t)5 << 20, &cause), -1);
	assert_non_null(cause);
	assert_null(strchr(cause, '\x1b'));
	assert_non_null(strstr(cause, "SITMAP_CACHE_SIZE"));
	free(cause);
	/* empty is unset */
	setenv("SITMAP_CACHE_SIZE", "", 1);
	cause = NULL;
	assert_int_equal(cache_set_max(0, &cause), 0);
	unsetenv("SITMAP_CACHE_SIZE");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sizes),
		cmocka_unit_test(test_environment_first),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
