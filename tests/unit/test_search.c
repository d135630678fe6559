/* test_search.c: the place search: substrings of names and alternatives, folded, ranked. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "places.h"
#include "search.h"

static struct places *
load(const char *csv)
{
	char *cause = NULL;
	struct places *pl = places_load_mem("test.csv", csv, strlen(csv), &cause);

	if (pl == NULL)
		fail_msg("%s", cause);
	return pl;
}

/* The ids of the matches of query, best first, space-separated. */
static void
expect(const struct search *s, const struct places *pl, const char *query, const char *want)
{
	struct search_hit *hits;
	size_t n = search_run(s, query, &hits), i;
	char got[1024] = "";

	for (i = 0; i < n; i++) {
		if (i > 0)
			strcat(got, " ");
		strcat(got, pl->v[hits[i].place].id);
	}
	if (strcmp(got, want) != 0)
		fail_msg("query \"%s\": got \"%s\", want \"%s\"", query, got, want);
	if (n == 0)
		assert_null(hits);
	free(hits);
}

/* The rank of the first match. */
static enum search_rank
first_rank(const struct search *s, const char *query)
{
	struct search_hit *hits;
	enum search_rank r;

	assert_true(search_run(s, query, &hits) > 0);
	r = hits[0].rank;
	free(hits);
	return r;
}

/* The real places: what the issue asks for. */
static void
test_real_places(void **state)
{
	char *cause = NULL;
	struct places *pl = places_load("data/places.csv", &cause);
	struct search *s;
	struct search_hit *hits;
	size_t n, at, i;

	(void)state;
	if (pl == NULL)
		fail_msg("%s", cause);
	s = search_new(pl);
	/* an alternative name of the Gao army camp holds it */
	expect(s, pl, "Firhoun Ag", "gao-army");
	expect(s, pl, "  firhoun   AG ", "gao-army");
	assert_int_equal(first_rank(s, "Firhoun Ag"), SEARCH_IN_ALT);
	/* the town, then its camps, then a place whose alternative names it */
	expect(s, pl, "Gao", "gao gao-un gao-army bamba");
	expect(s, pl, "gao", "gao gao-un gao-army bamba");
	/* "/Gao" again and again goes through them and comes back */
	n = search_run(s, "Gao", &hits);
	assert_int_equal(n, 4);
	at = search_next(hits, n, (size_t)-1, 1);	/* nothing selected: the best */
	assert_string_equal(pl->v[hits[at].place].id, "gao");
	at = search_next(hits, n, hits[at].place, 1);
	assert_string_equal(pl->v[hits[at].place].id, "gao-un");
	at = search_next(hits, n, hits[at].place, 1);
	assert_string_equal(pl->v[hits[at].place].id, "gao-army");
	at = search_next(hits, n, hits[at].place, 1);
	at = search_next(hits, n, hits[at].place, 1);
	assert_string_equal(pl->v[hits[at].place].id, "gao");
	at = search_next(hits, n, hits[at].place, -1);
	assert_string_equal(pl->v[hits[at].place].id, "bamba");
	free(hits);
	/* accents and case, either way */
	expect(s, pl, "menaka", "menaka");
	expect(s, pl, "M\xc3\xa9naka", "menaka");
	expect(s, pl, "ME\xcc\x81NAKA", "menaka");		/* E + combining acute */
	expect(s, pl, "sevare", "sevare-un");
	expect(s, pl, "L\xc3\xa9r\xc3\xa9", "lere");
	/* an exact alternative name before the alternatives that merely hold it */
	expect(s, pl, "Tombouctou", "timbuktu timbuktu-un");
	assert_int_equal(first_rank(s, "tombouctou"), SEARCH_EXACT_ALT);
	expect(s, pl, "Kidal", "kidal kidal-un");
	expect(s, pl, "kidal-un", "kidal-un");			/* the id */
	expect(s, pl, "Atlantis", "");
	expect(s, pl, "", "");
	expect(s, pl, "   ", "");
	/* a query cannot join two alternatives */
	expect(s, pl, "aguelhoc;adjelhoc", "");
	expect(s, pl, "hoc", "aguelhok");
	/* search_find() is the best match */
	assert_string_equal(search_find(pl, "Firhoun")->id, "gao-army");
	assert_string_equal(search_find(pl, "Gao")->id, "gao");
	assert_string_equal(search_find(pl, "Tombouctou")->id, "timbuktu");
	assert_string_equal(search_find(pl, "Anéfis")->id, "anefis");
	assert_null(search_find(pl, "Atlantis"));
	/* a group: the town and the camps that carry its name */
	{
		size_t out[64];

		n = search_group(pl, (size_t)(places_by_id(pl, "gao-un") - pl->v), out);
		assert_int_equal(n, 3);
		for (i = 0; i < n; i++)
			assert_string_equal(pl->v[out[i]].label, "Gao");
		assert_string_equal(pl->v[out[0]].id, "gao");
		n = search_group(pl, (size_t)(places_by_id(pl, "kidal") - pl->v), out);
		assert_int_equal(n, 2);
		assert_string_equal(pl->v[out[1]].id, "kidal-un");
		n = search_group(pl, (size_t)(places_by_id(pl, "tarkint") - pl->v), out);
		assert_int_equal(n, 1);
	}
	search_free(s);
	search_free(NULL);
	places_free(pl);
}

static const char fixture[] =
	"id,name,alt,lat,lon,kind,source\n"
	"p1,Port Sudan,,19.6,37.2,town,s\n"
	"p2,Sudan Camp,,15,30,un-camp,s\n"
	"p3,Khartoum,Al-Khartum;Sudan capital,15.5,32.5,capital,s\n"
	"p4,El Fasher,Al Fashir,13.6,25.3,town,s\n"
	"p5,Sudan,,15,30,village,s\n"
	"p6,Wadi Halfa,,21.8,31.3,town,s\n"
	"p7,Kassala,,15.4,36.4,site,s\n"
	"p8,Kassala,,15.5,36.4,town,s\n"
	"p9,Abu-Sudanese,,15,30,town,s\n"
	"p10,Zudan,Sudan East,15,30,town,s\n";

/* Each rank, and the order among them. */
static void
test_ranks(void **state)
{
	struct places *pl = load(fixture);
	struct search *s = search_new(pl);

	(void)state;
	/*
	 * p5 the name; p2 its start; p9 (a word after "-") and p1 a later
	 * word, by name; p3 and p10 in an alternative, the capital first.
	 */
	expect(s, pl, "sudan", "p5 p2 p9 p1 p3 p10");
	assert_int_equal(first_rank(s, "sudan"), SEARCH_EXACT);
	assert_int_equal(first_rank(s, "al-khartum"), SEARCH_EXACT_ALT);
	assert_int_equal(first_rank(s, "khar"), SEARCH_PREFIX);
	assert_int_equal(first_rank(s, "fasher"), SEARCH_WORD);
	assert_int_equal(first_rank(s, "arto"), SEARCH_IN_NAME);
	assert_int_equal(first_rank(s, "fashir"), SEARCH_IN_ALT);
	assert_int_equal(first_rank(s, "p4"), SEARCH_EXACT);
	/* a word start wins over a substring, whichever comes first in the name */
	expect(s, pl, "hal", "p6");
	assert_int_equal(first_rank(s, "alfa"), SEARCH_IN_NAME);
	/* same rank: by kind (town before site), then by name, then file order */
	expect(s, pl, "kassala", "p8 p7");
	/* p9 starts with it; then the capital, the towns by name, the village, the camp, the site */
	expect(s, pl, "a", "p9 p3 p4 p8 p1 p6 p10 p5 p2 p7");
	search_free(s);
	places_free(pl);
}

static void
test_next(void **state)
{
	struct search_hit h[3] = { { 7, SEARCH_EXACT }, { 2, SEARCH_PREFIX }, { 9, SEARCH_WORD } };

	(void)state;
	assert_int_equal(search_next(h, 3, 7, 1), 1);
	assert_int_equal(search_next(h, 3, 2, 1), 2);
	assert_int_equal(search_next(h, 3, 9, 1), 0);
	assert_int_equal(search_next(h, 3, 7, -1), 2);
	assert_int_equal(search_next(h, 3, 2, -1), 0);
	assert_int_equal(search_next(h, 3, 5, 1), 0);
	assert_int_equal(search_next(h, 3, 5, -1), 0);
	assert_int_equal(search_next(h, 1, 7, 1), 0);
	assert_int_equal(search_next(h, 1, 7, -1), 0);
}

/* Places without alternatives or with odd separators, and none at all. */
static void
test_edges(void **state)
{
	struct places *pl = load("id,name,alt,lat,lon,kind,source\n"
	    "a,Ségou,;; Segu ;;Ségou-Koura;,13.4,-6.3,town,s\n"
	    "b,  Two   Blanks ,,1,1,town,s\n");
	struct places none = { .n = 0 };
	struct search *s = search_new(pl);
	struct search_hit *hits = (struct search_hit *)1;

	(void)state;
	expect(s, pl, "segu", "a");
	assert_int_equal(first_rank(s, "segu"), SEARCH_EXACT_ALT);
	expect(s, pl, "segou-k", "a");
	expect(s, pl, "koura", "a");
	expect(s, pl, "two blanks", "b");
	assert_int_equal(first_rank(s, "two blanks"), SEARCH_EXACT);
	expect(s, pl, ";", "");
	search_free(s);
	s = search_new(&none);
	assert_int_equal(search_run(s, "x", &hits), 0);
	assert_null(hits);
	search_free(s);
	places_free(pl);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_real_places),
		cmocka_unit_test(test_ranks),
		cmocka_unit_test(test_next),
		cmocka_unit_test(test_edges),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
