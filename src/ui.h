/* ui.h: the interactive viewer; the only module that knows curses. */
#ifndef SITMAP_UI_H
#define SITMAP_UI_H

#include "app.h"

struct ui_options {
	int	color;			/* 1: use colour if the terminal has it; 0: never */
	int	ascii;			/* 1: the app draws ASCII; no braille or ACS */
	enum canvas_mode mode;		/* the canvas the viewer draws on */
	const char *shot_dir;		/* screenshots go there (config: screenshot-dir); NULL: . */
};

/*
 * Runs the viewer on the controlling terminal until the user quits.
 * Returns 0, or -1 with *cause when there is no usable terminal
 * ("TERM=dumb cannot show the viewer; use --dump"). Restores the terminal on
 * every exit path, including fatal signals. On SIGINT, SIGTERM or SIGHUP it
 * restores the terminal, then dies of the same signal (exit status 128+N).
 */
int	ui_run(struct app *, const struct ui_options *, char **cause);
/* "6.4.20221231" */
const char *ui_curses_version(void);

#endif
