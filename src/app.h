/* app.h: viewer state, the key map and actions; no curses here. */
#ifndef SITMAP_APP_H
#define SITMAP_APP_H

#include <stddef.h>
#include <stdio.h>
#include "canvas.h"
#include "keys.h"
#include "render.h"
#include "report.h"

#define ACTION_LIST \
	X(NONE,		"do nothing") \
	X(PAN_LEFT,	"pan left") \
	X(PAN_RIGHT,	"pan right") \
	X(PAN_UP,	"pan up") \
	X(PAN_DOWN,	"pan down") \
	X(PAN_LEFT_BIG,	"pan left, big step") \
	X(PAN_RIGHT_BIG, "pan right, big step") \
	X(PAN_UP_BIG,	"pan up, big step") \
	X(PAN_DOWN_BIG,	"pan down, big step") \
	X(ZOOM_IN,	"zoom in") \
	X(ZOOM_OUT,	"zoom out") \
	X(RESET_VIEW,	"reset the view") \
	X(NEXT_EVENT,	"next event") \
	X(PREV_EVENT,	"previous event") \
	X(FIRST_EVENT,	"first event") \
	X(LAST_EVENT,	"last event") \
	X(JUMP_DATE,	"jump to a date (YYYY-MM-DD or YYYY-MM)") \
	X(NEXT_DAY,	"next day") \
	X(PREV_DAY,	"previous day") \
	X(NEXT_WEEK,	"next week") \
	X(PREV_WEEK,	"previous week") \
	X(NEXT_MONTH,	"next month (same day of the month)") \
	X(PREV_MONTH,	"previous month (same day of the month)") \
	X(PLAY,		"play / pause") \
	X(PLAY_MODE,	"play by event or by time (days per second)") \
	X(FASTER,	"play faster") \
	X(SLOWER,	"play slower") \
	X(SEARCH,	"search a place by name") \
	X(FILTER,	"filter events (type, actors, summary, place or id)") \
	X(WINDOW,	"date window: all, 7, 30 or 365 days") \
	X(NEXT_PLACE,	"select the next place on screen") \
	X(PREV_PLACE,	"select the previous place on screen") \
	X(HISTORY,	"history of the selected place") \
	X(TOGGLE_PANEL,	"event panel on / off") \
	X(TOGGLE_LEGEND, "legend on / off") \
	X(TOGGLE_LAYERS, "layers list on / off") \
	X(SCREENSHOT,	"save the view as a text file") \
	X(HELP,		"help on / off") \
	X(CLOSE,	"close help, panel or prompt") \
	X(QUIT,		"quit")

enum action {
#define X(id, text) ACT_##id,
	ACTION_LIST
#undef X
	ACT_COUNT
};

struct keybind {
	int		 key;		/* a code point or KEYC_* */
	const char	*name;		/* as shown in help: "Left", "n", "Space" */
	enum action	 action;
};

/* The one key table: help, --keys, README and sitmap.1 come from it. */
extern const struct keybind app_keymap[];
extern const size_t app_nkeys;
const char	*app_action_text(enum action);

struct app_options {
	const char	*data_dir;	/* holds maps/ and data/ */
	const char	**maps;		/* replace the default layers */
	size_t		 nmaps;
	const char	**overlays;	/* drawn on top of the default layers */
	size_t		 noverlays;
	const char	*places_path, *events_path;	/* NULL: the defaults */
	const char	*proj;		/* NULL: automatic */
	enum canvas_mode mode;
	const char	*date;		/* NULL: before the first event */
	const char	*event_id;
	int		 have_center;
	double		 center_lat, center_lon, zoom;
	int		 window_days;	/* 0 = all events so far */
	const char	*filter;	/* events whose text has it; NULL: all */
	int		 format;	/* enum import_format of --events; -1: detect */
	int		 data_only;	/* no map layers, nothing projected: for reports */
};

struct app;

/* Loads everything; NULL with *cause on bad input. Free with app_free(). */
struct app	*app_new(const struct app_options *, char **cause);
void		 app_free(struct app *);

/* Draws the current view on cv, fitting the view to cv's size the first time. */
void		 app_render(struct app *, struct canvas *);
/* The same without the status-line message: the frame a screenshot saves. */
void		 app_render_still(struct app *, struct canvas *);
/* The action bound to key, or ACT_NONE. */
enum action	 app_key(int key);

#define APP_REDRAW	0x1
#define APP_QUIT	0x2
#define APP_PROMPT	0x4	/* the UI should read a line: see app_prompt_kind() */
#define APP_SCREENSHOT	0x8	/* the UI should save the view: see app_saved() */
/* Performs an action; returns APP_* flags. */
int		 app_apply(struct app *, enum action);
/* The prompt the last action asked for ("Date: ", "Place: ") or NULL. */
const char	*app_prompt_label(const struct app *);
/* Gives the prompt's answer (NULL: cancelled); returns APP_* flags. */
int		 app_prompt_answer(struct app *, const char *text);
/* Tells the app the frame size changed. */
void		 app_resize(struct app *, int cols, int rows);
/* The UI saved the view as name, or could not (error); sets the message. */
void		 app_saved(struct app *, const char *name, const char *error);
/* Sets the status-line message (copied). */
void		 app_message(struct app *, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));
/* Playback: 1 while playing; the delay in ms between steps. */
int		 app_playing(const struct app *, int *delay_ms);
/* Steps playback once (called by the UI's timer); returns APP_* flags. */
int		 app_tick(struct app *);

/* --distance and --keys: print to fp; 0 or -1 with *cause. */
int		 app_distance(const struct app *, const char *a, const char *b, FILE *fp,
		    char **cause);
void		 app_print_keys(FILE *fp);
/*
 * The moment and what it shows, for the reports (report.h). all: 1 if no
 * --date or --event was given.
 */
void		 app_report_view(const struct app *, struct report_view *, int all);
/*
 * Walking every stop that passes the filter, as --cast and --dump-all do:
 * moves to the first (first = 1) or the next stop; 0, or -1 if none is left.
 */
int		 app_walk(struct app *, int first);
/* Moves to the end of a day, as --date does. */
void		 app_set_day(struct app *, day_t day);
/* The days of the first and the last stop that pass the filter; 0, or -1 if none. */
int		 app_span(const struct app *, day_t *first, day_t *last);
/* The title the viewer shows in its top line ("sitmap: Mali"). */
const char	*app_title(const struct app *);
/* The id of the event of the current stop, or "". */
const char	*app_event_id(const struct app *);

#endif
