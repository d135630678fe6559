/* main.c: the locale, the data paths, and the choice between the viewer and the outputs. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <locale.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app.h"
#include "cache.h"
#include "canvas.h"
#include "date.h"
#include "dump.h"
#include "json.h"
#include "options.h"
#include "prj.h"
#include "report.h"
#include "shp.h"
#include "text.h"
#include "ui.h"
#include "util.h"

static int
has_data(const char *dir)
{
	struct stat st;
	char *p;
	int ok;

	xasprintf(&p, "%s/maps/mali_admin0.shp", dir);
	ok = stat(p, &st) == 0;
	free(p);
	return ok;
}

/*
 * $SITMAP_DATA, then beside the executable (a build tree) or in
 * ../share/sitmap, then the install path.
 */
static char *
find_data_dir(void)
{
	const char *env = getenv("SITMAP_DATA");
	char exe[PATH_MAX];
	ssize_t n;

	if (env != NULL && env[0] != '\0')
		return xstrdup(env);
	if ((n = readlink("/proc/self/exe", exe, sizeof exe - 1)) > 0) {
		char *slash;

		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL) {
			char *share;

			*slash = '\0';
			if (has_data(exe))
				return xstrdup(exe);
			/* PREFIX/bin/sitmap finds PREFIX/share/sitmap, even when relocated */
			xasprintf(&share, "%s/../share/sitmap", exe);
			if (has_data(share))
				return share;
			free(share);
		}
	}
	return xstrdup(SITMAP_DATADIR);
}

/*
 * Moves to frame i of a walk by day, week or month over first..last; 0, or
 * -1 after the last. Weeks end with a frame on the last day; a month's
 * frame is its last day (the last one: the last day of the walk).
 */
static int
step_to(struct app *app, enum options_step unit, size_t i, day_t first, day_t last, day_t *day)
{
	day_t d;

	if (unit == OPTIONS_STEP_MONTH) {
		int y, m, dd;

		date_to_ymd(first, &y, &m, &dd);
		m += (int)(i % 12) + 1;
		y += (int)(i / 12) + (m > 12);
		m = m > 12 ? m - 12 : m;
		if (y > 9999 || date_from_ymd(y, m, 1, &d) != 0)
			d = last + 1;
		d--;			/* the day before the next month's first */
	} else {
		d = (day_t)((int64_t)first + (int64_t)i * (unit == OPTIONS_STEP_WEEK ? 7 : 1));
	}
	if (d > last) {
		/* the walk ends on the last day, whatever the step */
		if (i > 0 && *day >= last)
			return -1;
		d = last;
	}
	*day = d;
	app_set_day(app, d);
	return 0;
}

/* One frame of --dump-all: DIR/NNNN-NAME.txt, written atomically. 0, or -1 and *cause. */
static int
write_frame(const struct canvas *cv, const char *dir, size_t i, const char *name,
    int flags, int color, char **cause)
{
	char *path, *id = text_sanitize(name, strlen(name), 64), *c;
	struct util_out *out;
	int r = -1;

	for (c = id; *c != '\0'; c++)	/* an id is no path */
		if (*c == '/' || *c == '.')
			*c = '_';
	xasprintf(&path, "%s/%04zu-%s.txt", dir, i + 1, id);
	free(id);
	if ((out = util_out_open(path, flags, cause)) != NULL) {
		(void)dump_write(cv, util_out_file(out), color);
		r = util_out_commit(out, cause);
	}
	free(path);
	return r;
}

/*
 * --cast and --dump-all: a frame per stop (an event is reached on each of its
 * days): on an event's first stop the same as --dump --event ID, on the last
 * stop of a day the same as --dump --date of that day. With --step day,
 * week or month, a frame per such day, the same as --dump --date. The cast
 * is titled as the viewer is, with the span it covers, and its last frame
 * lasts a step like the others. The recording is renamed into place when
 * it is whole, so a failed run leaves the old one; the frames go into a
 * directory of their own (or any, with --force).
 */
static int
write_frames(struct app *app, const struct app_options *o, int w, int h, int color,
    const char *cast_path, const char *dir, int force, double step, enum options_step unit)
{
	struct canvas *cv = canvas_new(w, h, o->mode);
	struct util_out *cast = NULL;
	day_t first = 0, last = 0, day = 0;
	char *cause = NULL, *title, span[64] = "";
	size_t i;
	int have = app_span(app, &first, &last) == 0;

	if (cast_path != NULL && (cast = util_out_open(cast_path, 0, &cause)) == NULL)
		goto fail;
	if (dir != NULL && util_fresh_dir(dir, force, &cause) != 0) {
		if (errno == ENOTEMPTY) {
			char *why = cause;

			xasprintf(&cause, "%s (--force writes into it)", why);
			free(why);
		}
		goto fail;
	}
	if (have)
		date_format(span, sizeof span, first, last, first == last ? DATE_DAY : DATE_RANGE);
	xasprintf(&title, "%s%s%s", app_title(app), have ? " | " : "", span);
	if (cast != NULL)
		dump_cast_header(util_out_file(cast), w, h, title);
	free(title);
	for (i = 0; unit == OPTIONS_STEP_EVENT ? app_walk(app, i == 0) == 0 :
	    have && step_to(app, unit, i, first, last, &day) == 0; i++) {
		app_render(app, cv);
		/* a failed write (a full disk) ends the run: the commit says why */
		if (cast != NULL && dump_cast_frame(cv, util_out_file(cast), (double)i * step,
		    color) != 0)
			break;
		if (dir != NULL) {
			char name[16];
			const char *id = name;

			if (unit == OPTIONS_STEP_EVENT)
				id = app_event_id(app);
			else
				date_iso(name, day);
			if (write_frame(cv, dir, i, id, force ? 0 : UTIL_OUT_NEW, color,
			    &cause) != 0)
				goto fail;
		}
	}
	if (cast != NULL) {
		struct util_out *done = cast;

		/* the last frame is held for a step: a player ends at the last event's time */
		if (i > 0)
			fprintf(util_out_file(done), "[%.3f, \"o\", \"\"]\n", (double)i * step);
		cast = NULL;
		if (util_out_commit(done, &cause) != 0)
			goto fail;
	}
	canvas_free(cv);
	return 0;
fail:
	text_error("%s", cause);
	free(cause);
	util_out_abort(cast);
	canvas_free(cv);
	return EXIT_DATA;
}

/*
 * Standard output, finished: a write that failed is a message naming it and
 * EXIT_DATA; a reader that left (EPIPE, when SIGPIPE is ignored) is quiet.
 */
static int
finish_stdout(int status)
{
	char *cause = NULL;

	if (util_finish_stdout(&cause) == 0)
		return status;
	if (errno != EPIPE)
		text_error("%s", cause);
	free(cause);
	return EXIT_DATA;
}

/*
 * --list-events and --export: the report at the moment, to a file
 * (replaced atomically) or stdout. A range FROM..TO lists the events of
 * those days, and exports every day.
 */
static int
write_report(struct app *app, const struct app_options *o, int format, int list,
    const char *out_path, int range, day_t lo, day_t hi)
{
	struct report_view v, *vs = &v;
	struct util_out *out = NULL;
	char *cause = NULL;
	size_t n = 1, k;
	FILE *fp = stdout;
	int r;

	if (out_path != NULL && strcmp(out_path, "-") != 0) {
		if ((out = util_out_open(out_path, 0, &cause)) == NULL) {
			text_error("%s", cause);
			free(cause);
			return EXIT_DATA;
		}
		fp = util_out_file(out);
	}
	if (range && list) {
		app_set_day(app, hi);
		app_report_view(app, &v, 0);
		v.since = lo;
	} else if (range) {
		n = (size_t)((int64_t)hi - lo + 1);
		vs = xcalloc(n, sizeof *vs);
		for (k = 0; k < n; k++) {
			app_set_day(app, lo + (day_t)k);
			app_report_view(app, &vs[k], 0);
		}
	} else {
		/* a list without a moment is of every event */
		app_report_view(app, &v, list && o->date == NULL && o->event_id == NULL);
	}
	/* a file is UTF-8 (RFC 4180, 8259, 7946); what goes to the terminal, the locale's */
	for (k = 0; k < n; k++)
		vs[k].ascii = out == NULL && !text_locale_utf8();
	if (list)
		r = report_list(&v, format < 0 ? REPORT_TABLE : (enum report_format)format, fp);
	else
		r = report_export(vs, n, (enum report_format)format, fp);
	if (vs != &v)
		free(vs);
	if (out == NULL)
		return finish_stdout(0);
	(void)r;	/* the commit finds a failed write again, with its errno */
	if (util_out_commit(out, &cause) != 0) {
		text_error("%s", cause);
		free(cause);
		return EXIT_DATA;
	}
	return 0;
}

static void
print_version(void)
{
	printf("sitmap %s\n", SITMAP_VERSION);
	printf("PROJ %s\nshapelib %s\n%s\nncurses %s\n", prj_version(), shp_version(),
	    json_version(), ui_curses_version());
}

/*
 * The signals that end a run that writes files (the viewer has its own):
 * the temporary file of an output in progress is removed, and the process
 * dies of the signal. One ignored when sitmap started stays ignored.
 */
static const int stop_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2,
	SIGALRM, SIGPIPE };

static void
on_stop(int sig)
{
	util_out_unlink_pending();
	signal(sig, SIG_DFL);
	raise(sig);	/* delivered, by default, when this returns */
}

static void
catch_stop_signals(void)
{
	struct sigaction sa, old;
	size_t i;

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_stop;
	for (i = 0; i < sizeof stop_signals / sizeof stop_signals[0]; i++)
		if (sigaction(stop_signals[i], NULL, &old) == 0 &&
		    ((old.sa_flags & SA_SIGINFO) || old.sa_handler != SIG_IGN))
			sigaction(stop_signals[i], &sa, NULL);
}

/*
 * Events or places read from standard input leave it at its end: the viewer
 * then takes its keys from the terminal itself, as less(1) does, so that
 * "cat export.csv | sitmap --events -" opens the viewer.
 */
static void
keys_from_tty(const struct options *run)
{
	const char *e = run->o.load.events_path, *p = run->o.load.places_path;
	int fd;

	if (isatty(STDIN_FILENO) || !((e != NULL && strcmp(e, "-") == 0) ||
	    (p != NULL && strcmp(p, "-") == 0)))
		return;
	if ((fd = open("/dev/tty", O_RDONLY | O_NOCTTY | O_CLOEXEC)) < 0)
		return;		/* the viewer says it needs a terminal */
	if (fd != STDIN_FILENO) {
		(void)dup2(fd, STDIN_FILENO);
		close(fd);
	}
}

int
main(int argc, char **argv)
{
	struct options run;
	struct ui_options uo;
	struct app *app;
	char *cause = NULL;
	int status = 0, bad;

	util_std_fds();
	/* a file over RLIMIT_FSIZE is a write error (EFBIG) that names it, not a core dump */
	signal(SIGXFSZ, SIG_IGN);
#ifdef __GLIBC__
	/*
	 * Blocks of 1 MiB and more mapped on their own, always: once one is
	 * freed, glibc's threshold otherwise rises to its size, and the next
	 * ones come from the heap and stay held when freed. A 1M-row first
	 * open then held the id maps and the per-row state it had freed
	 * through the finish: 315 MiB of anonymous memory at its peak, 205 so.
	 */
	mallopt(M_MMAP_THRESHOLD, 1 << 20);
#endif
	/* curses needs LC_CTYPE from the environment; numbers are always read as in C */
	setlocale(LC_ALL, "");
	setlocale(LC_NUMERIC, "C");
	options_read(&run, argc, argv, text_locale_utf8());
	/* every mode but the viewer prints, and may write files */
	if (run.help || run.version || run.keys || run.dump || run.list ||
	    run.export_format >= 0 || run.dist_a != NULL || run.cast_path != NULL ||
	    run.dump_all_dir != NULL) {
		util_stdout_checked();
		catch_stop_signals();
	}
	if (run.help) {
		text_fputs(options_usage, stdout);
		return finish_stdout(0);
	}
	if (run.version) {
		print_version();
		return finish_stdout(0);
	}
	if (run.keys) {
		app_print_keys(stdout);
		return finish_stdout(0);
	}
	/* a mapped input or cache entry cut short by another program: said, exit 1 */
	util_catch_bus_errors();
	if (run.no_cache)
		cache_disable();
	if (cache_set_max(run.cache_max, &cause) != 0) {
		text_error("%s", cause);
		free(cause);
		options_free(&run);
		return EXIT_USAGE;
	}
	run.o.data_dir_given = run.data_dir != NULL;
	if (run.data_dir == NULL)
		run.data_dir = find_data_dir();
	run.o.load.data_dir = run.data_dir;

	if ((app = app_new(&run.o, &bad, &cause)) == NULL) {
		text_error("%s", cause);
		free(cause);
		status = bad;
	} else if (run.list || run.export_format >= 0) {
		status = write_report(app, &run.o, run.list ? run.list_format : run.export_format,
		    run.list, run.out_path, run.range, run.range_lo, run.range_hi);
	} else if (run.dist_a != NULL) {
		struct report_view v;

		app_report_view(app, &v, 1);
		if (report_distance(v.places, run.dist_a, run.dist_b, stdout, &cause) != 0) {
			text_error("%s", cause);
			free(cause);
			status = EXIT_USAGE;
		}
		status = finish_stdout(status);
	} else if (run.cast_path != NULL || run.dump_all_dir != NULL) {
		status = write_frames(app, &run.o, run.w, run.h, run.color == 1, run.cast_path,
		    run.dump_all_dir, run.force, run.step_seconds, run.step);
	} else if (run.dump) {
		struct canvas *cv = canvas_new(run.w, run.h, run.o.mode);
		day_t d = run.range_lo;

		/* a range: a frame per day, one after the other, until a write fails */
		do {
			if (run.range)
				app_set_day(app, d);
			app_render(app, cv);
		} while (dump_write(cv, stdout, run.color == 1) == 0 && run.range &&
		    d++ < run.range_hi);
		canvas_free(cv);
		/* nothing silently off the map: the frame's status line says it too */
		if (app_notice(app) != NULL)
			text_error("%s", app_notice(app));
		status = finish_stdout(0);
	} else {
		const char *nc = getenv("NO_COLOR");

		keys_from_tty(&run);
		uo.color = run.color != 0 && !(nc != NULL && nc[0] != '\0');
		uo.ascii = run.o.mode == CANVAS_ASCII;
		uo.mode = run.o.mode;
		uo.shot_dir = run.shot_dir;
		if (ui_run(app, &uo, &cause) != 0) {
			text_error("%s", cause);
			free(cause);
			status = EXIT_USAGE;
		}
	}
	app_free(app);
	options_free(&run);
	return status;
}
