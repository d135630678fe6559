/* search.h: places by any part of a name or an alternative name, accents and case ignored, ranked. */
#ifndef SITMAP_SEARCH_H
#define SITMAP_SEARCH_H

#include <stddef.h>
#include "places.h"

/* How a place matches, best first. */
enum search_rank {
	SEARCH_EXACT,		/* the whole name, or the id */
	SEARCH_EXACT_ALT,	/* a whole alternative name */
	SEARCH_PREFIX,		/* the start of the name */
	SEARCH_WORD,		/* the start of a later word of the name */
	SEARCH_IN_NAME,		/* anywhere in the name */
	SEARCH_IN_ALT,		/* anywhere in an alternative name */
	SEARCH_RANKS
};

struct search_hit {
	size_t		 place;		/* index into the places */
	enum search_rank rank;
};

/*
 * The folded names of a set of places, made once (linear in the names) so
 * that a search per key typed costs no folding. The places are borrowed:
 * they must outlive the index and not change.
 */
struct search;
struct search	*search_new(const struct places *);
void		 search_free(struct search *);	/* NULL is fine */

/*
 * The places whose name or alternative names (places.csv alt, ';'-separated)
 * contain query as a substring, compared folded (text_fold(): case and
 * Latin accents ignored, "menaka" finds Ménaka) with runs of blanks as one
 * and blanks at the ends ignored. Best first: by rank, then by kind
 * (capital, town, village, UN camp, army camp, site: a town before the
 * camps named after it), then by folded name, then by file order. *hits
 * gets an allocated array (free() it; NULL when none); returns its length.
 * A blank query matches nothing.
 */
size_t		 search_run(const struct search *, const char *query,
		    struct search_hit **hits);
/*
 * For a "next match" key: the position in hits[0 .. n) of the match after
 * (dir > 0) or before (dir < 0) the one of place, wrapping around; 0 when
 * place is not among them (the best match first). n must be > 0.
 */
size_t		 search_next(const struct search_hit *hits, size_t n, size_t place, int dir);

/*
 * A town and its camps: the places whose label (the name on the map; a
 * camp's is its town's) is place's, place included, in file order, into
 * out (room for places->n). Returns how many.
 */
/*
 * The best match of a name, id or alternative spelling, or of any part of
 * one, for a single lookup (the / prompt and --distance); NULL if none.
 */
struct place	*search_find(const struct places *, const char *query);
size_t		 search_group(const struct places *, size_t place, size_t *out);

#endif
