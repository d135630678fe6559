/*
 * keymap.c: the one table of key bindings, and the texts made from it and
 * the actions' rows: the help overlay and --keys (README and sitmap.1 are
 * checked against --keys). The actions' handlers are app.c's.
 */
#include "keymap.h"

#include <stdlib.h>
#include <string.h>

#include "keys.h"
#include "text.h"
#include "util.h"

/* A binding on the map (and over help), and one in a list. */
#define K(k, name, a)	{ k, name, a, KEYCTX_MAP }
#define KL(k, name, a)	{ k, name, a, KEYCTX_LIST }

const struct keybind keymap_keys[] = {
	K(KEYC_LEFT, "Left", ACT_PAN_LEFT),	K('h', "h", ACT_PAN_LEFT),
	K(KEYC_RIGHT, "Right", ACT_PAN_RIGHT),	K('l', "l", ACT_PAN_RIGHT),
	K(KEYC_UP, "Up", ACT_PAN_UP),		K('k', "k", ACT_PAN_UP),
	K(KEYC_DOWN, "Down", ACT_PAN_DOWN),	K('j', "j", ACT_PAN_DOWN),
	K(KEYC_SLEFT, "S-Left", ACT_PAN_LEFT_BIG),	K('H', "H", ACT_PAN_LEFT_BIG),
	K(KEYC_SRIGHT, "S-Right", ACT_PAN_RIGHT_BIG),	K('L', "L", ACT_PAN_RIGHT_BIG),
	K(KEYC_SUP, "S-Up", ACT_PAN_UP_BIG),	K('K', "K", ACT_PAN_UP_BIG),
	K(KEYC_SDOWN, "S-Down", ACT_PAN_DOWN_BIG),	K('J', "J", ACT_PAN_DOWN_BIG),
	K('+', "+", ACT_ZOOM_IN),		K('=', "=", ACT_ZOOM_IN),
	K('-', "-", ACT_ZOOM_OUT),		K('0', "0", ACT_RESET_VIEW),
	K('n', "n", ACT_NEXT_EVENT),		K(']', "]", ACT_NEXT_EVENT),
	K('p', "p", ACT_PREV_EVENT),		K('[', "[", ACT_PREV_EVENT),
	K(KEYC_HOME, "Home", ACT_FIRST_EVENT),	K('g', "g", ACT_FIRST_EVENT),
	K(KEYC_END, "End", ACT_LAST_EVENT),	K('G', "G", ACT_LAST_EVENT),
	K('t', "t", ACT_JUMP_DATE),
	K('.', ".", ACT_NEXT_DAY),		K(',', ",", ACT_PREV_DAY),
	K('}', "}", ACT_NEXT_WEEK),		K('{', "{", ACT_PREV_WEEK),
	K(')', ")", ACT_NEXT_MONTH),		K('(', "(", ACT_PREV_MONTH),
	K(' ', "Space", ACT_PLAY),		K('P', "P", ACT_PLAY_MODE),
	K('>', ">", ACT_FASTER),		K('<', "<", ACT_SLOWER),
	K('/', "/", ACT_SEARCH),		K(KEYC_TAB, "Tab", ACT_NEXT_PLACE),
	K('f', "f", ACT_FILTER),		K('w', "w", ACT_WINDOW),
	K(KEYC_BTAB, "S-Tab", ACT_PREV_PLACE),	K(KEYC_ENTER, "Enter", ACT_HISTORY),
	K('i', "i", ACT_TOGGLE_PANEL),		K('e', "e", ACT_TOGGLE_LEGEND),
	K('y', "y", ACT_TOGGLE_LAYERS),	K('s', "s", ACT_SCREENSHOT),
	K('?', "?", ACT_HELP),			K(KEYC_ESC, "Esc", ACT_CLOSE),
	K('q', "q", ACT_QUIT),			K(KEYC_CTRL_C, "C-c", ACT_QUIT),
	K('E', "E", ACT_EVENTS),		K('F', "F", ACT_FOLLOW),
	K('c', "c", ACT_ZOOM_SELECTED),	K('N', "N", ACT_NEXT_MATCH),
	/* one name for the nine: help and --keys list "1-9" */
	K('1', "1-9", ACT_LAYER), K('2', "", ACT_LAYER), K('3', "", ACT_LAYER),
	K('4', "", ACT_LAYER), K('5', "", ACT_LAYER), K('6', "", ACT_LAYER),
	K('7', "", ACT_LAYER), K('8', "", ACT_LAYER), K('9', "", ACT_LAYER),
	K('@', "@", ACT_WHERE),		K('m', "m", ACT_MEASURE),
	K(KEYC_CTRL('l'), "C-l", ACT_REDRAW),
	/* in the events list and a history, before the map's */
	KL(KEYC_DOWN, "Down", ACT_LIST_DOWN),
	KL('j', "j", ACT_LIST_DOWN),
	KL(KEYC_UP, "Up", ACT_LIST_UP),
	KL('k', "k", ACT_LIST_UP),
	KL(KEYC_PGDN, "PgDn", ACT_LIST_PAGE_DOWN),
	KL(' ', "Space", ACT_LIST_PAGE_DOWN),
	KL(KEYC_CTRL('f'), "C-f", ACT_LIST_PAGE_DOWN),
	KL(KEYC_PGUP, "PgUp", ACT_LIST_PAGE_UP),
	KL('b', "b", ACT_LIST_PAGE_UP),
	KL(KEYC_CTRL('b'), "C-b", ACT_LIST_PAGE_UP),
	KL(KEYC_HOME, "Home", ACT_LIST_FIRST),
	KL('g', "g", ACT_LIST_FIRST),
	KL(KEYC_END, "End", ACT_LIST_LAST),
	KL('G', "G", ACT_LIST_LAST),
	KL(KEYC_ENTER, "Enter", ACT_LIST_JUMP),
	KL('/', "/", ACT_LIST_SEARCH),
	KL('n', "n", ACT_LIST_NEXT_MATCH),
	KL('N', "N", ACT_LIST_PREV_MATCH),
	KL(KEYC_ESC, "Esc", ACT_LIST_CLOSE),
	KL('q', "q", ACT_LIST_CLOSE),
};
const size_t keymap_nkeys = sizeof keymap_keys / sizeof keymap_keys[0];

enum action
keymap_action(int key, int in_list)
{
	size_t i;
	int ctx;

	for (ctx = in_list ? KEYCTX_LIST : KEYCTX_MAP; ctx >= KEYCTX_MAP; ctx--)
		for (i = 0; i < keymap_nkeys; i++)
			if (keymap_keys[i].key == key && keymap_keys[i].ctx == ctx)
				return keymap_keys[i].action;
	return ACT_NONE;
}

/* The names of the keys bound to a, space-separated, in table order; returns how many. */
static int
keys_for(enum action a, char *buf, size_t len)
{
	size_t k;
	int n = 0;

	buf[0] = '\0';
	for (k = 0; k < keymap_nkeys; k++) {
		if (keymap_keys[k].action != a || keymap_keys[k].name[0] == '\0')
			continue;
		if (n++ > 0)
			strncat(buf, " ", len - strlen(buf) - 1);
		strncat(buf, keymap_keys[k].name, len - strlen(buf) - 1);
	}
	return n;
}

char *
keymap_help(const struct action_entry *acts, size_t n)
{
	size_t a, cap = 8192, len = 0;
	char *s = xmalloc(cap);

	len += (size_t)snprintf(s + len, cap - len,
	    "sitmap help: keys (? Esc q close it)\n");
	for (a = 0; a < n; a++) {
		char keys[64];

		if (keys_for(acts[a].id, keys, sizeof keys) == 0 ||
		    (acts[a].flags & ACTF_NOT_IN_HELP))
			continue;
		len += (size_t)snprintf(s + len, cap - len, "%-14s %s\n", keys,
		    acts[a].text);
	}
	snprintf(s + len, cap - len, "\nMarkers show each place's status at the end\n"
	    "of the day in the title; the legend (e) names\n"
	    "them. A mark beside one: a planned change.\n"
	    "The places of one site share a marker, their\n"
	    "statuses side by side; \"Gao +3\": three more\n"
	    "places nearby. Tab selects a site and lists them.\n"
	    "Event data without statuses is counted per cell.\n"
	    "The strip above the footer is the timeline: a bar\n"
	    "per slice of time, as high as its events, the\n"
	    "years where nothing happened, the current day\n"
	    "as a cursor. Click or drag on it to move in time.\n"
	    "Mouse: a click selects a place (on counts, the\n"
	    "place a count is named by, and what it counts),\n"
	    "the wheel zooms, a drag pans.\n"
	    "This help scrolls as a list does when it is longer\n"
	    "than the screen: j k, PgUp PgDn (Space b), g G.\n"
	    "Map data \xc2\xa9 OpenStreetMap contributors (ODbL),\n"
	    "Natural Earth, GeoNames (CC BY 4.0).");
	return s;
}

void
keymap_print(FILE *fp, const struct action_entry *acts, size_t n)
{
	size_t a;

	for (a = 0; a < n; a++) {
		char keys[64], *line;

		if (keys_for(acts[a].id, keys, sizeof keys) == 0)
			continue;
		xasprintf(&line, "%-16s %s\n", keys, acts[a].text);
		text_fputs(line, fp);
		free(line);
	}
}
