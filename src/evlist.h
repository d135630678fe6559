/* evlist.h: the events list: a row per event for a listview, every event, a filter's or a site's. */
#ifndef SITMAP_EVLIST_H
#define SITMAP_EVLIST_H

#include <stddef.h>
#include "listview.h"
#include "places.h"
#include "timeline.h"

#define EVLIST_NONE	((size_t)-1)

/*
 * The events of a timeline as the rows of a listview (source row i is
 * event i), in aligned columns: a mark for the current event, the id, the
 * date as the sources give it, the place, the change (the first status the
 * event sets, "+N" for more, "planned", or the type of imported data) and
 * the summary. The timeline and the places are borrowed.
 */
struct evlist;

struct evlist	*evlist_new(const struct timeline *, const struct places *);
void		 evlist_free(struct evlist *);	/* NULL is fine */
/* Its listview: moves, search and drawing. */
struct listview	*evlist_view(struct evlist *);

/*
 * Which events it shows: those that pass match (NULL: all) and, when n >
 * 0, concern one of place[0 .. n) (report_history_hit(): a site's history).
 * Returns how many it shows.
 */
size_t		 evlist_show(struct evlist *, const unsigned char *match, const size_t *place,
		    size_t n);
/* The event at the cursor, or EVLIST_NONE when nothing is shown. */
size_t		 evlist_event(const struct evlist *);
/* The current event (marked in its row), or EVLIST_NONE. */
void		 evlist_set_current(struct evlist *, size_t ev);
/*
 * Event ev's row (the listview's text function): as drawn in a list cols
 * wide, where the place and change columns give way (cut with "…") until
 * the summary has a third of the width; cols 0: every column whole.
 */
const char	*evlist_text(void *evlist, size_t ev, int cols, char *buf, size_t len);

#endif
