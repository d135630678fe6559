/* app.h: viewer state, the key map and actions; no curses here. */
#ifndef SITMAP_APP_H
#define SITMAP_APP_H

#include <stddef.h>
#include <stdio.h>
#include "canvas.h"
#include "load.h"
#include "render.h"
#include "report.h"

#include "keymap.h"

/* The table, in the order help and --keys list it. */
extern const struct action_entry app_actions[];
extern const size_t app_nactions;
/* The row of an action, looked up by id; NULL if there is none. */
const struct action_entry *app_action(enum action);


struct app_options {
	struct load_options load;	/* what to read */
	enum canvas_mode mode;
	const char	*date;		/* NULL: before the first event */
	const char	*event_id;
	int		 have_center;
	double		 center_lat, center_lon, zoom;
	int		 window_days;	/* 0 = all events so far */
	const char	*filter;	/* events whose text has it; NULL: all */
	int		 data_dir_given;	/* load.data_dir was set, not found: @ repeats it */
};

struct app;

/*
 * Loads everything; NULL with *cause, and *status EXIT_DATA for bad input
 * or EXIT_USAGE for an option that cannot be honoured (a projection PROJ
 * does not know, a --center outside it). Free with app_free().
 */
struct app	*app_new(const struct app_options *, int *status, char **cause);
void		 app_free(struct app *);

/* Draws the current view on cv, fitting the view to cv's size the first time. */
void		 app_render(struct app *, struct canvas *);
/* The same without the status-line message: the frame a screenshot saves. */
void		 app_render_still(struct app *, struct canvas *);
/* app_render(), and what the frame's map shows in *r (for tests and tools). */
void		 app_render_report(struct app *, struct canvas *, struct render_report *r);
/*
 * The action bound to key where the viewer is (a list's bindings while one
 * is shown, then the map's), or ACT_NONE.
 */
enum action	 app_key(const struct app *, int key);
/* A key pressed: app_key()'s action, applied (app_apply()); returns APP_* flags. */
int		 app_press(struct app *, int key);

#define APP_REDRAW	0x1
#define APP_QUIT	0x2
#define APP_PROMPT	0x4	/* the UI should read a line: see app_prompt_label() */
#define APP_SCREENSHOT	0x8	/* the UI should save the view: see app_saved() */
#define APP_REPAINT	0x10	/* the UI should send the next frame whole (Ctrl-L) */
/* Performs an action; returns APP_* flags. */
int		 app_apply(struct app *, enum action);
/* The prompt the last action asked for ("Date: ", "Place: ") or NULL. */
const char	*app_prompt_label(const struct app *);
/* Gives the prompt's answer (NULL: cancelled); returns APP_* flags. */
int		 app_prompt_answer(struct app *, const char *text);
/*
 * The prompt's line as it is being typed: the place search lists its
 * matches above the footer, a list's search moves to the first match.
 * Returns APP_* flags.
 */
int		 app_prompt_typing(struct app *, const char *text);
/*
 * A click (or, drag, a drag with the button held) on cell col, row of the
 * last frame: on a place's marker or label it selects the place, on the
 * timeline strip it moves to the day there. Returns APP_* flags; 0 when
 * the cell is neither.
 */
int		 app_click(struct app *, int col, int row, int drag);
/* The status-line message ("" when none): what the last action said. */
const char	*app_message_text(const struct app *);
/* The first screen's hint, shown on the footer until the next action (the TUI's, not a dump's). */
void		 app_set_hint(struct app *, int on);
/* Tells the app the frame size changed. */
void		 app_resize(struct app *, int cols, int rows);
/* The UI saved the view as name, or could not (error); sets the message. */
void		 app_saved(struct app *, const char *name, const char *error);
/* Playback: 1 while playing; the delay in ms between steps. */
int		 app_playing(const struct app *, int *delay_ms);
/* Steps playback once (called by the UI's timer); returns APP_* flags. */
int		 app_tick(struct app *);

/* --keys: the key table, a line per action. */
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
/* What a frame shows now: the moment, the viewport, the selection. */
const struct view *app_view(const struct app *);
/* What the frames are titled: "sitmap: Sudan", "sitmap: Mali", "sitmap" (for casts too). */
const char	*app_title(const struct app *);
/*
 * What lies outside the map ("3 events at 1 place outside the map: --zoom
 * 0.1 shows them"), for --dump's standard error; NULL if nothing does.
 */
const char	*app_notice(const struct app *);
/* The days of the first and the last stop that pass the filter; 0, or -1 if none. */
int		 app_span(const struct app *, day_t *first, day_t *last);
/* The id of the event of the current stop, or "". */
const char	*app_event_id(const struct app *);

#endif
