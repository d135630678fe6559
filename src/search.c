/* search.c: the place search behind /, its list of matches and --distance. */
#include "search.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "util.h"

struct search {
	const struct places *pl;
	char		**name;		/* folded, blanks squeezed */
	char		**alt;		/* the same, each alternative ending in ';' */
	struct arena	  text;
};

/*
 * s folded into out (room for 3 * strlen(s) + 2 bytes), runs of blanks
 * squeezed to one and blanks at the ends dropped; with alt, ';' separates
 * names and ends each one. Returns the length.
 */
static size_t
fold_into(const char *s, char *out, int alt)
{
	size_t i, n = 0;
	int blank = 1;			/* at a start: drop blanks */

	text_fold_into(s, strlen(s), out);
	/* in place: n never passes i */
	for (i = 0; out[i] != '\0'; i++) {
		char c = out[i];

		if (c == ' ' || c == '\t') {
			if (!blank)
				out[n++] = ' ';
			blank = 1;
			continue;
		}
		if (alt && c == ';') {
			if (n > 0 && out[n - 1] == ' ')
				n--;
			if (n > 0 && out[n - 1] != ';')
				out[n++] = ';';
			blank = 1;
			continue;
		}
		out[n++] = c;
		blank = 0;
	}
	if (n > 0 && out[n - 1] == ' ')
		n--;
	if (alt && n > 0 && out[n - 1] != ';')
		out[n++] = ';';
	out[n] = '\0';
	return n;
}

static char *
fold(struct arena *a, const char *s, int alt)
{
	char *f = arena_alloc(a, strlen(s) * 3 + 2);

	arena_trim(a, f, fold_into(s, f, alt) + 1);
	return f;
}

struct search *
search_new(const struct places *pl)
{
	struct search *s = xcalloc(1, sizeof *s);
	size_t i, n = pl != NULL ? pl->n : 0;

	s->pl = pl;
	s->name = xcalloc(n + 1, sizeof *s->name);
	s->alt = xcalloc(n + 1, sizeof *s->alt);
	for (i = 0; i < n; i++) {
		s->name[i] = fold(&s->text, pl->v[i].name, 0);
		s->alt[i] = fold(&s->text, pl->v[i].alt, 1);
	}
	return s;
}

void
search_free(struct search *s)
{
	if (s == NULL)
		return;
	arena_free(&s->text);
	free(s->name);
	free(s->alt);
	free(s);
}

/* A word starts at p: the name's start, or after a blank or punctuation. */
static int
word_start(const char *name, const char *p)
{
	unsigned char c;

	if (p == name)
		return 1;
	c = (unsigned char)p[-1];
	return !(c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z'));
}

/* The best rank of place i for the folded query q, or -1. */
static int
rank(const struct search *s, size_t i, const char *q, size_t qlen)
{
	const char *name = s->name[i], *a, *end, *p;
	int best = -1;

	if (strcmp(name, q) == 0 || strcmp(s->pl->v[i].id, q) == 0)
		return SEARCH_EXACT;
	for (a = s->alt[i]; *a != '\0'; a = end + 1) {
		end = strchr(a, ';');
		if ((size_t)(end - a) == qlen && memcmp(a, q, qlen) == 0)
			return SEARCH_EXACT_ALT;
	}
	if (strncmp(name, q, qlen) == 0)
		return SEARCH_PREFIX;
	for (p = strstr(name, q); p != NULL; p = strstr(p + 1, q)) {
		if (word_start(name, p))
			return SEARCH_WORD;
		best = SEARCH_IN_NAME;
	}
	if (best >= 0)
		return best;
	/* the ';' between alternatives is never in a query: no match spans two */
	if (strstr(s->alt[i], q) != NULL)
		return SEARCH_IN_ALT;
	return -1;
}

struct sortable {
	struct search_hit	 hit;
	int			 kind;
	const char		*name;
};

static int
cmp_hits(const void *va, const void *vb)
{
	const struct sortable *a = va, *b = vb;
	int c;

	if (a->hit.rank != b->hit.rank)
		return a->hit.rank < b->hit.rank ? -1 : 1;
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	if ((c = strcmp(a->name, b->name)) != 0)
		return c;
	return a->hit.place < b->hit.place ? -1 : a->hit.place > b->hit.place;
}

size_t
search_run(const struct search *s, const char *query, struct search_hit **hits)
{
	struct sortable *v = NULL;
	size_t i, n = 0, cap = 0, qlen;
	char *q = xreallocarray(NULL, strlen(query) + 1, 3);
	int r;

	*hits = NULL;
	qlen = fold_into(query, q, 0);
	/* a query with ';' could only match across two alternatives */
	if (qlen == 0 || strchr(q, ';') != NULL) {
		free(q);
		return 0;
	}
	for (i = 0; i < s->pl->n; i++) {
		if ((r = rank(s, i, q, qlen)) < 0)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			v = xreallocarray(v, cap, sizeof *v);
		}
		v[n].hit.place = i;
		v[n].hit.rank = (enum search_rank)r;
		v[n].kind = (int)s->pl->v[i].kind;
		v[n].name = s->name[i];
		n++;
	}
	free(q);
	if (n == 0)
		return 0;
	qsort(v, n, sizeof *v, cmp_hits);
	*hits = xreallocarray(NULL, n, sizeof **hits);
	for (i = 0; i < n; i++)
		(*hits)[i] = v[i].hit;
	free(v);
	return n;
}

size_t
search_next(const struct search_hit *hits, size_t n, size_t place, int dir)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (hits[i].place == place)
			return dir >= 0 ? (i + 1) % n : (i + n - 1) % n;
	return 0;
}

size_t
search_group(const struct places *pl, size_t place, size_t *out)
{
	const char *label = pl->v[place].label;
	size_t i, n = 0;

	for (i = 0; i < pl->n; i++)
		if (strcmp(pl->v[i].label, label) == 0)
			out[n++] = i;
	return n;
}

struct place *
search_find(const struct places *pl, const char *query)
{
	struct search *s = search_new(pl);
	struct search_hit *hits;
	struct place *best = NULL;

	if (search_run(s, query, &hits) > 0)
		best = &pl->v[hits[0].place];
	free(hits);
	search_free(s);
	return best;
}
