/*
 * ui.c: the curses sink. It owns the terminal: start-up checks, the event
 * loop, key translation, blitting canvas rows and giving the terminal back
 * on every exit path, fatal signals included. It draws nothing of its own
 * beyond the "too small" notice and the prompt line. It owns the canvas, so
 * it writes the screenshots too.
 */
#define _XOPEN_SOURCE_EXTENDED 1

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include <curses.h>
#include <term.h>		/* setupterm(); it #defines lines, columns... */

#include "app.h"
#include "canvas.h"
#include "dump.h"
#include "keys.h"
#include "lineedit.h"
#include "style.h"
#include "ui.h"
#include "text.h"
#include "util.h"

#define UI_MIN_COLS	40
#define UI_MIN_ROWS	12
#define UI_IDLE_MS	200		/* how soon a signal flag is seen */
#define UI_DRAIN_MAX	512		/* keys applied before a frame is forced */
#define UI_PROMPT_KINDS	8		/* prompts with a history of their own */
/*
 * The curses key codes of keys_seqs[]: far above KEY_MAX and the codes
 * ncurses gives the terminfo's extended keys (kLFT5 and such) from there.
 */
#define UI_KEY_SEQ	0x6000

struct ui {
	struct app	*app;
	enum canvas_mode mode;
	struct canvas	*cv;		/* NULL while the terminal is too small */
	wchar_t		*run;		/* one row's worth of characters */
	int		 small;
	int		 redraw;
	int		 quit;
	int		 crash_key;	/* SITMAP_TEST_CRASH=1: '!' aborts */
	attr_t		 attr[STYLE_COUNT];
	short		 pair[STYLE_COUNT];
	int		 drag, drag_x, drag_y;
	int		 strip_drag;	/* button 1 went down on the timeline strip */
	const char	*shot_dir;	/* screenshots: NULL, the current directory */
	struct {
		char			*label;
		struct lineedit_hist	*h;
	}		 hist[UI_PROMPT_KINDS];
	size_t		 nhist;
};

/* Shared with signal handlers and the die hook, hence file-scope. */
static volatile sig_atomic_t ui_signal;
static struct termios	 ui_saved_tio;
static int		 ui_have_tio;
static char		 ui_restore_seq[512];
static size_t		 ui_restore_len;
static int		 ui_curses_up;

/*
 * Signals that end the viewer: each sets a flag the loop sees within
 * UI_IDLE_MS, the terminal is given back, and the process dies of the same
 * signal (128+N). A second one while the first waits is taken to mean
 * "now": the terminal is restored from the handler and the process dies.
 */
static const int ui_stop_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2,
	SIGALRM, SIGPIPE };
static const int ui_fatal_signals[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };
#define NSTOP	(sizeof ui_stop_signals / sizeof ui_stop_signals[0])
#define NFATAL	(sizeof ui_fatal_signals / sizeof ui_fatal_signals[0])
/* What the fatal handler replaced: it chains to them (ASan's, or the default). */
static struct sigaction	 ui_old_fatal[NFATAL];

/* Async-signal-safe only: the heap and curses may be in any state. */
static void
ui_restore_now(void)
{
	if (ui_have_tio)
		tcsetattr(STDIN_FILENO, TCSANOW, &ui_saved_tio);
	if (ui_restore_len > 0)
		(void)!write(STDOUT_FILENO, ui_restore_seq, ui_restore_len);
}

static void
ui_on_stop(int sig)
{
	if (ui_signal != 0 && ui_curses_up) {
		util_out_unlink_pending();
		ui_restore_now();
		signal(sig, SIG_DFL);
		raise(sig);	/* delivered, by default, when this returns */
		return;
	}
	ui_signal = sig;
}

static void
ui_on_fatal(int sig, siginfo_t *si, void *ctx)
{
	struct sigaction sa;
	size_t i;

	(void)ctx;
	util_out_unlink_pending();
	ui_restore_now();
	for (i = 0; i < NFATAL && ui_fatal_signals[i] != sig; i++)
		;
	sa = ui_old_fatal[i < NFATAL ? i : 0];
	if (i == NFATAL || (!(sa.sa_flags & SA_SIGINFO) && sa.sa_handler == SIG_IGN)) {
		/* ignored before: not now, with the terminal given back */
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = SIG_DFL;
	}
	sigaction(sig, &sa, NULL);
	/*
	 * A fault returns to the instruction, which faults again, now for the
	 * old handler; a signal that was sent is sent again (it stays pending
	 * until this handler returns).
	 */
	if (si == NULL || si->si_code <= 0)
		raise(sig);
}

static void
ui_die_hook(void)
{
	if (ui_curses_up) {
		ui_curses_up = 0;
		endwin();
	}
}

static void
ui_seq_add(const char *s)
{
	size_t n;

	if (s == NULL || s == (char *)-1)
		return;
	n = strlen(s);
	if (ui_restore_len + n >= sizeof ui_restore_seq)
		return;
	memcpy(ui_restore_seq + ui_restore_len, s, n);
	ui_restore_len += n;
}

/* Precomputed so the fatal handler needs neither malloc nor terminfo. */
static void
ui_make_restore_seq(void)
{
	char *xm = tigetstr("XM"), *kmous = tigetstr("kmous");

	ui_restore_len = 0;
	if (xm != NULL && xm != (char *)-1)
		ui_seq_add(tiparm(xm, 0));
	if (kmous != NULL && kmous != (char *)-1)
		ui_seq_add("\033[?1003l\033[?1002l\033[?1000l\033[?1006l");
	ui_seq_add(tigetstr("rmkx"));
	ui_seq_add(tigetstr("sgr0"));
	ui_seq_add(tigetstr("cnorm"));
	ui_seq_add(tigetstr("rmcup"));
}

/*
 * Checks the terminal before curses writes anything to it: newterm() on
 * "dumb" succeeds and then scribbles blanks over the shell.
 */
static int
ui_check_term(char **cause)
{
	const char *term = getenv("TERM");
	char *cup;
	int err = 0;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		xasprintf(cause, "the viewer needs a terminal on stdin and stdout; "
		    "use --dump to print a frame");
		return -1;
	}
	if (term == NULL || *term == '\0') {
		xasprintf(cause, "TERM is not set; use --dump to print a frame");
		return -1;
	}
	if (strcmp(term, "dumb") == 0) {
		xasprintf(cause, "TERM=dumb cannot show the viewer; use --dump");
		return -1;
	}
	if (setupterm(NULL, STDOUT_FILENO, &err) != OK) {
		/* TERM comes from outside: it is shown only sanitised */
		char *safe = text_sanitize(term, strlen(term), 40);

		xasprintf(cause, "%s terminal \"%s\"; use --dump",
		    err == 0 ? "unknown" : "no terminfo for", safe);
		free(safe);
		return -1;
	}
	cup = tigetstr("cup");
	del_curterm(cur_term);
	if (cup == NULL || cup == (char *)-1) {
		char *safe = text_sanitize(term, strlen(term), 40);

		xasprintf(cause, "terminal \"%s\" cannot move the cursor; use --dump", safe);
		free(safe);
		return -1;
	}
	return 0;
}

static void
ui_colors(struct ui *ui, int color)
{
	/* Readable on dark and light backgrounds: no white, no black. */
	static const struct {
		enum style	 st;
		short		 fg;		/* -1: the terminal's own */
		attr_t		 attr;		/* with colour */
		attr_t		 mono;		/* without */
	} map[] = {
		{ STYLE_NEIGHBOUR,	-1,		A_DIM,		A_DIM },
		{ STYLE_WATER,		COLOR_BLUE,	0,		0 },
		{ STYLE_RIVER,		COLOR_BLUE,	0,		0 },
		{ STYLE_REGION,		-1,		0,		0 },
		{ STYLE_BORDER,		-1,		A_BOLD,		A_BOLD },
		{ STYLE_MAP,		COLOR_MAGENTA,	0,		0 },
		{ STYLE_MOVE,		COLOR_CYAN,	A_BOLD,		0 },
		{ STYLE_LABEL,		-1,		0,		0 },
		{ STYLE_DIM,		-1,		A_DIM,		A_DIM },
		{ STYLE_TITLE,		-1,		A_REVERSE,	A_REVERSE },
		{ STYLE_PANEL,		-1,		0,		0 },
		{ STYLE_HIGHLIGHT,	-1,		A_REVERSE | A_BOLD, A_REVERSE | A_BOLD },
		{ STYLE_CURRENT,	-1,		A_REVERSE | A_BOLD, A_REVERSE | A_BOLD },
		{ STYLE_SELECTED,	COLOR_CYAN,	A_UNDERLINE | A_BOLD, A_UNDERLINE | A_BOLD },
		{ STYLE_UN,		COLOR_BLUE,	A_BOLD,		A_BOLD },
		{ STYLE_WITHDRAW,	COLOR_CYAN,	A_BOLD,		A_BOLD },
		{ STYLE_ARMY,		COLOR_GREEN,	A_BOLD,		A_BOLD },
		{ STYLE_REBEL,		COLOR_RED,	A_BOLD,		A_BOLD },
		{ STYLE_ATTACK,		COLOR_RED,	A_BOLD | A_REVERSE, A_BOLD | A_REVERSE },
		{ STYLE_CONTESTED,	COLOR_MAGENTA,	A_BOLD,		A_BOLD },
		{ STYLE_CLOSED,		-1,		A_DIM,		A_BOLD },
		{ STYLE_PLANNED,	COLOR_YELLOW,	A_BOLD,		A_BOLD },
	};
	short bg = -1, dflt = -1;
	size_t i;

	memset(ui->attr, 0, sizeof ui->attr);
	memset(ui->pair, 0, sizeof ui->pair);
	if (color && has_colors() && start_color() == OK) {
		if (use_default_colors() != OK) {
			bg = COLOR_BLACK;
			dflt = COLOR_WHITE;
		}
	} else
		color = 0;
	for (i = 0; i < sizeof map / sizeof map[0]; i++) {
		enum style st = map[i].st;
		short fg = map[i].fg;

		if (!color) {
			ui->attr[st] = map[i].mono;
			continue;
		}
		ui->attr[st] = map[i].attr;
		/* A bright red when there is one, so an attack stands out from rebels. */
		if (st == STYLE_ATTACK && COLORS >= 16)
			fg = 9;
		if (fg == -1 && bg == -1)
			continue;
		if ((int)st >= COLOR_PAIRS)
			continue;
		if (init_pair((short)st, fg == -1 ? dflt : fg, bg) == OK)
			ui->pair[st] = (short)st;
	}
}

static void
ui_set_style(struct ui *ui, enum style st)
{
	if ((unsigned)st >= STYLE_COUNT)
		st = STYLE_NONE;
	attr_set(ui->attr[st], ui->pair[st], NULL);
}

/* Runs of one style become one attr_set() and one addnwstr(). */
static void
ui_put_row(struct ui *ui, int row)
{
	int col = 0, ncols = canvas_cols(ui->cv);

	while (col < ncols) {
		enum style st, runst;
		uint32_t cp = canvas_cell(ui->cv, col, row, &runst);
		int start = col, n = 0;

		if (cp == 0) {
			col++;		/* a stray wide tail */
			continue;
		}
		while (col < ncols) {
			cp = canvas_cell(ui->cv, col, row, &st);
			if (cp != 0) {
				uint32_t marks[CANVAS_MARKS];
				int m, nm = canvas_cell_marks(ui->cv, col, row, marks);

				if (st != runst)
					break;
				ui->run[n++] = (wchar_t)cp;
				/* curses puts a zero-width character on the cell before */
				for (m = 0; m < nm; m++)
					ui->run[n++] = (wchar_t)marks[m];
			}
			col++;
		}
		ui_set_style(ui, runst);
		/* the bottom-right cell returns ERR yet is drawn */
		mvaddnwstr(row, start, ui->run, n);
	}
}

static void
ui_draw_small(void)
{
	char full[96], a[64], b[32];
	const char *msg[2];
	int n, i, y;

	snprintf(full, sizeof full, "terminal too small (%dx%d); need %dx%d",
	    COLS, LINES, UI_MIN_COLS, UI_MIN_ROWS);
	snprintf(a, sizeof a, "terminal too small (%dx%d);", COLS, LINES);
	snprintf(b, sizeof b, "need %dx%d", UI_MIN_COLS, UI_MIN_ROWS);
	if ((int)strlen(full) <= COLS) {
		msg[0] = full;
		n = 1;
	} else if ((int)strlen(a) <= COLS) {
		msg[0] = a;
		msg[1] = b;
		n = 2;
	} else {
		/* a 10x4 terminal: the words that fit, never a cut one */
		msg[0] = "too small";
		msg[1] = b;
		n = (int)strlen(b) <= COLS ? 2 : 1;
	}
	attr_set(A_NORMAL, 0, NULL);
	erase();
	y = (LINES - n) / 2;
	for (i = 0; i < n; i++) {
		int len = (int)strlen(msg[i]), x = (COLS - len) / 2;

		if (x < 0)
			x = 0;
		mvaddnstr(y + i, x, msg[i], COLS);
	}
}

/* Composes the frame in stdscr; the caller flushes it with doupdate(). */
static void
ui_compose(struct ui *ui)
{
	int r;

	if (ui->small || ui->cv == NULL) {
		ui_draw_small();
		wnoutrefresh(stdscr);
		return;
	}
	app_render(ui->app, ui->cv);
	for (r = 0; r < canvas_rows(ui->cv); r++)
		ui_put_row(ui, r);
	attr_set(A_NORMAL, 0, NULL);
	wnoutrefresh(stdscr);
}

/* Ctrl-L: the next frame is sent whole, whatever curses thinks the screen holds. */
static void
ui_repaint(struct ui *ui)
{
	clearok(curscr, TRUE);
	ui->redraw = 1;
}

static void
ui_draw(struct ui *ui)
{
	ui_compose(ui);
	doupdate();
	ui->redraw = 0;
}

/* Follows the terminal's size: a new canvas, and the app told once. */
static void
ui_resize(struct ui *ui, int tell_app)
{
	ui->small = COLS < UI_MIN_COLS || LINES < UI_MIN_ROWS;
	if (!ui->small && (ui->cv == NULL || canvas_cols(ui->cv) != COLS ||
	    canvas_rows(ui->cv) != LINES)) {
		canvas_free(ui->cv);
		ui->cv = canvas_new(COLS, LINES, ui->mode);
		free(ui->run);
		ui->run = xcalloc((size_t)COLS * (1 + CANVAS_MARKS) + 1, sizeof *ui->run);
		if (tell_app)
			app_resize(ui->app, COLS, LINES);
	}
	erase();
	ui->redraw = 1;
}

/*
 * Curses keys to ours: the sequences of keys_seqs[], registered with codes
 * of their own, then the terminfo's keys in one switch. Function keys are
 * negated so that KEY_LEFT (0x104) cannot be mistaken for the code point
 * U+0104.
 */
static int
ui_translate(int ret, wint_t wc)
{
	int k = ret == KEY_CODE_YES ? -(int)wc : (int)wc;

	if (ret == KEY_CODE_YES && wc >= UI_KEY_SEQ && wc - UI_KEY_SEQ < keys_nseqs)
		return keys_seqs[wc - UI_KEY_SEQ].key;
	switch (k) {
	case -KEY_LEFT:		return KEYC_LEFT;
	case -KEY_RIGHT:	return KEYC_RIGHT;
	case -KEY_UP:		return KEYC_UP;
	case -KEY_DOWN:		return KEYC_DOWN;
	case -KEY_SLEFT:	return KEYC_SLEFT;
	case -KEY_SRIGHT:	return KEYC_SRIGHT;
	case -KEY_SR:		return KEYC_SUP;
	case -KEY_SF:		return KEYC_SDOWN;
	case -KEY_HOME:		return KEYC_HOME;
	case -KEY_END:		return KEYC_END;
	case -KEY_PPAGE:	return KEYC_PGUP;
	case -KEY_NPAGE:	return KEYC_PGDN;
	case -KEY_BTAB:		return KEYC_BTAB;
	case -KEY_ENTER:	return KEYC_ENTER;
	case -KEY_BACKSPACE:	return KEYC_BACKSPACE;
	case -KEY_DC:		return KEYC_DELETE;
	case '\t':		return KEYC_TAB;
	case '\r':
	case '\n':		return KEYC_ENTER;
	case 27:		return KEYC_ESC;
	case 127:
	case 8:			return KEYC_BACKSPACE;
	case 3:			return KEYC_CTRL_C;
	}
	if (k < 0 || k >= KEYC_BASE)
		return KEYC_NONE;
	return k;
}

/*
 * text[0..len) as a new sitmap-N.txt in dir, N the first free, written whole
 * (util_out): a name taken by anything, a dangling symlink too, moves on to
 * the next number, and a full disk leaves no empty file. 0 and the full path
 * in *path (allocated), or -1 with errno (EEXIST: no free name up to 9999).
 */
static int
ui_shot_write(const char *dir, const char *text, size_t len, char **path)
{
	char *abs = realpath(dir, NULL), *cause = NULL;
	int i, err = EEXIST;

	*path = NULL;
	if (abs == NULL)
		return -1;
	for (i = 1; i <= 9999; i++) {
		free(*path);
		xasprintf(path, "%s%ssitmap-%d.txt", abs, strcmp(abs, "/") == 0 ? "" : "/", i);
		if (util_write_atomic(*path, text, len, UTIL_OUT_NEW, &cause) == 0) {
			free(abs);
			return 0;
		}
		err = errno;
		free(cause);
		cause = NULL;
		if (err != EEXIST)
			break;
	}
	free(abs);
	errno = err;
	return -1;
}

/*
 * The view as sitmap-N.txt, as --dump would write it at this size: no
 * status message, play state, hint nor prompt is part of it. It goes to
 * $SITMAP_SCREENSHOT_DIR, else the config file's screenshot-dir, else the
 * current directory; when that cannot take it, to $HOME, then $TMPDIR (or
 * /tmp). The message names the full path. The canvas is the one the next
 * frame is drawn on.
 */
static void
ui_screenshot(struct ui *ui)
{
	const char *env = getenv("SITMAP_SCREENSHOT_DIR"), *tmp = getenv("TMPDIR");
	const char *home = getenv("HOME");
	const char *dirs[3];
	char *text = NULL, *name = NULL, *first = NULL;
	size_t k, n = 0, len = 0;
	FILE *mem;
	int err = 0;

	if (ui->cv == NULL)
		return;
	app_render_still(ui->app, ui->cv);
	if ((mem = open_memstream(&text, &len)) == NULL)
		die("out of memory");
	(void)dump_write(ui->cv, mem, 0);
	fclose(mem);
	dirs[n++] = env != NULL && env[0] != '\0' ? env : ui->shot_dir != NULL ? ui->shot_dir :
	    ".";
	if (home != NULL && home[0] != '\0')
		dirs[n++] = home;
	dirs[n++] = tmp != NULL && tmp[0] != '\0' ? tmp : "/tmp";
	for (k = 0; k < n; k++) {
		if (ui_shot_write(dirs[k], text, len, &name) == 0)
			break;
		if (k == 0) {
			err = errno;
			first = name != NULL ? name : xstrdup(dirs[0]);
		} else
			free(name);
		name = NULL;
	}
	if (name == NULL)
		app_saved(ui->app, first, err == EEXIST ? "no free name up to sitmap-9999.txt" :
		    strerror(err));
	else if (first != NULL) {
		/* the fallback, and why the first choice was not taken */
		char *said;

		xasprintf(&said, "%s (not %s: %s)", name, first, err == EEXIST ?
		    "no free name" : strerror(err));
		app_saved(ui->app, said, NULL);
		free(said);
	} else
		app_saved(ui->app, name, NULL);
	free(text);
	free(name);
	free(first);
	ui->redraw = 1;
}

static void
ui_flags(struct ui *ui, int flags)
{
	if (flags & APP_REPAINT)
		ui_repaint(ui);
	if (flags & APP_SCREENSHOT)
		ui_screenshot(ui);
	if (flags & APP_REDRAW)
		ui->redraw = 1;
	if (flags & APP_QUIT)
		ui->quit = 1;
}

/* The history of a kind of prompt, for the session: prompts are told apart by their labels. */
static struct lineedit_hist *
ui_history(struct ui *ui, const char *label)
{
	size_t i;

	for (i = 0; i < ui->nhist; i++)
		if (strcmp(ui->hist[i].label, label) == 0)
			return ui->hist[i].h;
	if (ui->nhist == UI_PROMPT_KINDS)
		return NULL;
	ui->hist[ui->nhist].label = xstrdup(label);
	ui->hist[ui->nhist].h = lineedit_hist_new(0);
	return ui->hist[ui->nhist++].h;
}

/* The prompt on the last row: the label, the part of the line that fits, the cursor in it. */
static void
ui_prompt_row(struct ui *ui, const char *label, struct lineedit *le)
{
	struct lineedit_view v;
	const char *text = lineedit_text(le);
	int lw = text_width(label), y = LINES - 1;

	if (lw > COLS - 1)
		lw = COLS - 1;
	lineedit_view(le, COLS - lw, &v);
	attr_set(ui->attr[STYLE_TITLE], ui->pair[STYLE_TITLE], NULL);
	mvaddnstr(y, 0, label, lw);
	attr_set(A_NORMAL, 0, NULL);
	{
		/* as wide as lineedit counted it; ASCII when the terminal is not UTF-8 */
		char *a = text_for_charset(text + v.from, v.to - v.from, LINEEDIT_MAX * 2,
		    text_locale_utf8());

		addnstr(a, text_locale_utf8() ? (int)strlen(a) : COLS - lw);
		free(a);
	}
	clrtoeol();
	move(y, lw + v.col);
	wnoutrefresh(stdscr);
	doupdate();
}

/*
 * Reads a line on the last row with the line editor (lineedit.h) and the
 * prompt's history; Enter answers, Escape or Ctrl-C cancels.
 */
static int
ui_prompt(struct ui *ui)
{
	const char *lab = app_prompt_label(ui->app);
	struct lineedit *le;
	char label[128];
	int flags;

	/* the app's labels are ours, but a label is shown only sanitised */
	text_sanitize_buf(lab != NULL ? lab : "> ", strlen(lab != NULL ? lab : "> "), label,
	    sizeof label);
	le = lineedit_new(ui_history(ui, label));
	curs_set(1);
	ui->redraw = 1;
	for (;;) {
		wint_t wc;
		int ret, key;

		if (ui_signal) {
			flags = app_prompt_answer(ui->app, NULL);
			break;
		}
		if (ui->redraw) {
			ui_compose(ui);
			ui->redraw = 0;
			if (ui->small)
				doupdate();
		}
		if (!ui->small)
			ui_prompt_row(ui, label, le);
		timeout(UI_IDLE_MS);
		ret = get_wch(&wc);
		if (ret == ERR)
			continue;
		if (ret == KEY_CODE_YES && wc == KEY_RESIZE) {
			ui_resize(ui, 1);
			continue;
		}
		key = ui_translate(ret, wc);
		if (key == KEYC_ESC || key == KEYC_CTRL_C) {
			flags = app_prompt_answer(ui->app, NULL);
			break;
		}
		if (key == KEYC_ENTER) {
			flags = app_prompt_answer(ui->app, lineedit_accept(le));
			break;
		}
		if (key == KEYC_CTRL('l')) {
			ui_repaint(ui);
		} else if (lineedit_key(le, key) & LINEEDIT_CHANGED) {
			/* the place search lists its matches, a list's moves to the first */
			if (app_prompt_typing(ui->app, lineedit_text(le)) & APP_REDRAW)
				ui->redraw = 1;
		}
	}
	curs_set(0);
	lineedit_free(le);
	return flags;
}

/* What an action asked for: a prompt reads its line here, as often as it asks again. */
static void
ui_after(struct ui *ui, int flags)
{
	ui_flags(ui, flags);
	while ((flags & APP_PROMPT) && !ui->quit && !ui_signal) {
		flags = ui_prompt(ui);
		ui_flags(ui, flags | APP_REDRAW);
	}
}

static void
ui_apply(struct ui *ui, enum action act)
{
	ui_after(ui, app_apply(ui->app, act));
}

static void
ui_press(struct ui *ui, int key)
{
	ui_after(ui, app_press(ui->app, key));
}

#if NCURSES_MOUSE_VERSION > 1
/*
 * Wheel zooms; a click on a place selects it, on the timeline strip moves
 * in time (and a drag along it); a drag with button 1 elsewhere pans by
 * about the distance dragged.
 */
static void
ui_mouse(struct ui *ui)
{
	MEVENT ev;
	int dx, dy, n, i, flags;

	if (getmouse(&ev) != OK)
		return;
	if (ui->strip_drag) {
		/* along the strip while held, and where it is let go */
		ui_flags(ui, app_click(ui->app, ev.x, ev.y, 1));
		if (ev.bstate & BUTTON1_RELEASED)
			ui->strip_drag = 0;
		return;
	}
	if (ev.bstate & BUTTON4_PRESSED) {
		ui_apply(ui, ACT_ZOOM_IN);
		return;
	}
	if (ev.bstate & BUTTON5_PRESSED) {
		ui_apply(ui, ACT_ZOOM_OUT);
		return;
	}
	if (ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)) {
		if ((flags = app_click(ui->app, ev.x, ev.y, 0)) != 0) {
			ui_flags(ui, flags);
			/* a press on the strip drags the day along it */
			ui->strip_drag = (ev.bstate & BUTTON1_PRESSED) &&
			    app_click(ui->app, ev.x, ev.y, 1) != 0;
			return;
		}
		if (ev.bstate & BUTTON1_CLICKED)
			return;
		ui->drag = 1;
		ui->drag_x = ev.x;
		ui->drag_y = ev.y;
		return;
	}
	if (!(ev.bstate & BUTTON1_RELEASED) || !ui->drag)
		return;
	ui->drag = 0;
	/* app pans a tenth of the map area per step */
	dx = ev.x - ui->drag_x;
	dy = ev.y - ui->drag_y;
	n = (abs(dx) * 10 + COLS / 2) / (COLS > 0 ? COLS : 1);
	for (i = 0; i < n && i < 20; i++)
		ui_apply(ui, dx > 0 ? ACT_PAN_LEFT : ACT_PAN_RIGHT);
	n = (abs(dy) * 10 + LINES / 2) / (LINES > 0 ? LINES : 1);
	for (i = 0; i < n && i < 20; i++)
		ui_apply(ui, dy > 0 ? ACT_PAN_UP : ACT_PAN_DOWN);
}
#endif

/*
 * The terminal's size, if it changed and curses does not know yet: ncurses
 * reports a resize only once the input runs dry, so a key typed right after
 * one (s, a screenshot) would act on the frame of the old size.
 */
static void
ui_follow_size(struct ui *ui)
{
	struct winsize ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) != 0 || ws.ws_row == 0 || ws.ws_col == 0 ||
	    (ws.ws_row == LINES && ws.ws_col == COLS))
		return;
	if (resizeterm(ws.ws_row, ws.ws_col) == OK)
		ui_resize(ui, 1);
}

static void
ui_key(struct ui *ui, int ret, wint_t wc)
{
	enum action act;
	int key;

	if (ret == KEY_CODE_YES && wc == KEY_RESIZE) {
		ui_resize(ui, 1);
		return;
	}
	ui_follow_size(ui);
#if NCURSES_MOUSE_VERSION > 1
	if (ret == KEY_CODE_YES && wc == KEY_MOUSE) {
		if (!ui->small)
			ui_mouse(ui);
		return;
	}
#endif
	key = ui_translate(ret, wc);
	if (key == '!' && ui->crash_key)
		abort();
	act = app_key(ui->app, key);
	/* a screen too small to show anything only listens for quit and Ctrl-L */
	if (ui->small && act != ACT_QUIT && act != ACT_REDRAW) {
		/* but it was a first key: the hint goes */
		app_set_hint(ui->app, 0);
		return;
	}
	if (act != ACT_NONE)
		ui_press(ui, key);
}

static long long
ui_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
ui_loop(struct ui *ui)
{
	long long deadline = 0;
	int ticking = 0;

	while (!ui->quit && !ui_signal) {
		wint_t wc;
		int ret, delay, wait = UI_IDLE_MS, n;

		if (ui->redraw)
			ui_draw(ui);
		if (!ui->small && app_playing(ui->app, &delay)) {
			long long now = ui_now_ms();

			if (delay < 1)
				delay = 1;
			if (!ticking) {
				deadline = now + delay;
				ticking = 1;
			}
			if (now >= deadline) {
				deadline = now + delay;
				ui_flags(ui, app_tick(ui->app));
				continue;
			}
			if (deadline - now < wait)
				wait = (int)(deadline - now);
		} else
			ticking = 0;
		timeout(wait);
		ret = get_wch(&wc);
		if (ret == ERR)
			continue;
		ui_key(ui, ret, wc);
		/* apply what queued up while we drew, then draw once */
		timeout(0);
		for (n = 0; n < UI_DRAIN_MAX && !ui->quit && !ui_signal; n++) {
			if ((ret = get_wch(&wc)) == ERR)
				break;
			ui_key(ui, ret, wc);
		}
	}
}

int
ui_run(struct app *app, const struct ui_options *opts, char **cause)
{
	struct sigaction sa, old_stop[NSTOP];
	const char *crash = getenv("SITMAP_TEST_CRASH");
	struct ui ui;
	SCREEN *scr;
	size_t i;
	int sig;

	if (ui_check_term(cause) != 0)
		return -1;
	memset(&ui, 0, sizeof ui);
	ui.app = app;
	ui.mode = opts->mode;
	ui.crash_key = crash != NULL && strcmp(crash, "1") == 0;
	ui.shot_dir = opts->shot_dir;
	ui_have_tio = tcgetattr(STDIN_FILENO, &ui_saved_tio) == 0;

	/* before newterm(), so ncurses does not install its own */
	ui_signal = 0;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = ui_on_stop;
	sa.sa_flags = 0;		/* no SA_RESTART: wake get_wch() */
	for (i = 0; i < NSTOP; i++) {
		sigaction(ui_stop_signals[i], &sa, &old_stop[i]);
		/* ignored when we started (nohup, a background job): stays so */
		if (!(old_stop[i].sa_flags & SA_SIGINFO) && old_stop[i].sa_handler == SIG_IGN)
			sigaction(ui_stop_signals[i], &old_stop[i], NULL);
	}

	scr = newterm(NULL, stdout, stdin);
	if (scr == NULL) {
		for (i = 0; i < NSTOP; i++)
			sigaction(ui_stop_signals[i], &old_stop[i], NULL);
		{
			const char *term = getenv("TERM");
			char *safe = text_sanitize(term ? term : "", term ? strlen(term) : 0, 40);

			xasprintf(cause, "cannot start curses on TERM=\"%s\"; use --dump", safe);
			free(safe);
		}
		return -1;
	}
	ui_curses_up = 1;
	die_set_hook(ui_die_hook);
	ui_make_restore_seq();
	sa.sa_sigaction = ui_on_fatal;
	sa.sa_flags = SA_SIGINFO;
	for (i = 0; i < NFATAL; i++)
		sigaction(ui_fatal_signals[i], &sa, &ui_old_fatal[i]);

	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	/* after keypad(): its first call loads the terminfo keys, which would win */
	for (i = 0; i < keys_nseqs; i++)
		define_key(keys_seqs[i].seq, UI_KEY_SEQ + (int)i);
	curs_set(0);
	set_escdelay(25);
#if NCURSES_MOUSE_VERSION > 1
	mousemask(ALL_MOUSE_EVENTS | REPORT_MOUSE_POSITION, NULL);
	mouseinterval(0);
#endif
	ui_colors(&ui, opts->color);

	ui_resize(&ui, 0);
	app_set_hint(app, 1);
	ui_loop(&ui);

	sig = ui_signal;
	ui_curses_up = 0;
	endwin();
	delscreen(scr);
	for (i = 0; i < NFATAL; i++)
		sigaction(ui_fatal_signals[i], &ui_old_fatal[i], NULL);
	for (i = 0; i < NSTOP; i++)
		sigaction(ui_stop_signals[i], &old_stop[i], NULL);
	die_set_hook(NULL);
	canvas_free(ui.cv);
	free(ui.run);
	for (i = 0; i < ui.nhist; i++) {
		free(ui.hist[i].label);
		lineedit_hist_free(ui.hist[i].h);
	}
	if (sig != 0) {
		/* die of the signal, so the shell sees 128+N */
		fflush(stdout);
		signal(sig, SIG_DFL);
		raise(sig);
	}
	return 0;
}

const char *
ui_curses_version(void)
{
	const char *v = curses_version();

	if (strncmp(v, "ncurses ", 8) == 0)
		v += 8;
	return v;
}
