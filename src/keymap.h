/* keymap.h: what a key can do (the actions) and the one table of bindings. */
#ifndef SITMAP_KEYMAP_H
#define SITMAP_KEYMAP_H

#include <stddef.h>
#include <stdio.h>

/* What a key can do: each action is a row of app_actions[]. */
enum action {
	ACT_NONE,
	ACT_PAN_LEFT, ACT_PAN_RIGHT, ACT_PAN_UP, ACT_PAN_DOWN,
	ACT_PAN_LEFT_BIG, ACT_PAN_RIGHT_BIG, ACT_PAN_UP_BIG, ACT_PAN_DOWN_BIG,
	ACT_ZOOM_IN, ACT_ZOOM_OUT, ACT_RESET_VIEW,
	ACT_NEXT_EVENT, ACT_PREV_EVENT, ACT_FIRST_EVENT, ACT_LAST_EVENT,
	ACT_JUMP_DATE, ACT_NEXT_DAY, ACT_PREV_DAY, ACT_NEXT_WEEK, ACT_PREV_WEEK,
	ACT_NEXT_MONTH, ACT_PREV_MONTH,
	ACT_PLAY, ACT_PLAY_MODE, ACT_FASTER, ACT_SLOWER,
	ACT_SEARCH, ACT_FILTER, ACT_WINDOW,
	ACT_NEXT_PLACE, ACT_PREV_PLACE, ACT_HISTORY,
	ACT_TOGGLE_PANEL, ACT_TOGGLE_LEGEND, ACT_TOGGLE_LAYERS,
	ACT_SCREENSHOT, ACT_HELP, ACT_CLOSE, ACT_QUIT,
	ACT_EVENTS, ACT_FOLLOW, ACT_ZOOM_SELECTED, ACT_NEXT_MATCH, ACT_LAYER,
	ACT_WHERE, ACT_MEASURE, ACT_REDRAW,
	ACT_LIST_DOWN, ACT_LIST_UP, ACT_LIST_PAGE_DOWN, ACT_LIST_PAGE_UP, ACT_LIST_FIRST,
	ACT_LIST_LAST, ACT_LIST_JUMP, ACT_LIST_SEARCH, ACT_LIST_NEXT_MATCH,
	ACT_LIST_PREV_MATCH, ACT_LIST_CLOSE,
	ACT_COUNT
};

/* What app_apply() does around an action's handler, from the action's row. */
#define ACTF_MOVES_VIEW		0x01	/* pans or zooms: a resize then keeps the view */
#define ACTF_KEEPS_MESSAGE	0x02	/* the status-line message stays */
#define ACTF_OVER_OVERLAY	0x04	/* acts while help or a history is shown; any
					   other action only closes it */
#define ACTF_NEEDS_EVENTS	0x08	/* says "no events loaded" instead, without events */
#define ACTF_NOT_IN_HELP	0x10	/* not listed in the help overlay (--keys has it) */
#define ACTF_IN_LIST		0x20	/* acts on the events list or a history, while one
					   is shown; its keys are bound in KEYCTX_LIST */

struct app;

/*
 * One row of the action table, as tmux's cmd_entry: the handler and the
 * arguments it reads from its own row, so that no code depends on where
 * an action stands in the enum or the table.
 */
struct action_entry {
	enum action	 id;
	const char	*text;		/* help, --keys, README and sitmap.1 */
	int		(*fn)(struct app *, const struct action_entry *);	/* APP_* */
	unsigned	 flags;		/* ACTF_* */
	int		 dir;		/* +1 or -1: next or previous, in or out, faster or slower */
	int		 dx, dy;	/* a pan's direction, east and south */
	double		 step;		/* a pan's step, a fraction of the map area */
	int		 days, months;	/* a step in time */
	int		 which;		/* the prompt to open, or the view flag to toggle */
};

/* Where a binding holds: on the map (and help), or in a list, whose bindings come first. */
#define KEYCTX_MAP	0
#define KEYCTX_LIST	1

struct keybind {
	int		 key;		/* a code point or KEYC_* */
	const char	*name;		/* as shown in help: "Left", "n", "Space" */
	enum action	 action;
	int		 ctx;		/* KEYCTX_* */
};

/* The one key table: help, --keys, README and sitmap.1 come from it and the actions' rows. */
extern const struct keybind keymap_keys[];
extern const size_t keymap_nkeys;

/* The action bound to key: a list's bindings first when in_list, then the map's; or ACT_NONE. */
enum action	 keymap_action(int key, int in_list);
/* The help overlay's text: a line per action of acts[0..n) that has keys, then the notes. */
char		*keymap_help(const struct action_entry *acts, size_t n);
/* --keys: a line per action of acts[0..n) that has keys. */
void		 keymap_print(FILE *fp, const struct action_entry *acts, size_t n);

#endif
