/*
 * bench.c: in-process timings that a whole-process run cannot isolate:
 * interactive frames, and the timeline at scale. Prints one line per case,
 * "name median min max unit", for tests/bench/run.sh to tabulate.
 *
 *	bench frames DATA_DIR
 *	bench events PLACES.csv EVENTS.csv
 *	bench places PLACES.csv	(the load alone, in fresh processes)
 *	bench run N NAME -- COMMAND ARGS...	(whole process: wall time, peak RSS)
 *	bench dlopen-proj	(only loads libproj and exits: the floor of a cold run)
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "app.h"
#include "render.h"
#include "timeline.h"
#include "util.h"

static double
now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void
report(const char *name, double *v, size_t n, const char *unit)
{
	qsort(v, n, sizeof *v, cmp_double);
	printf("%s %.3f %.3f %.3f %s\n", name, v[n / 2], v[0], v[n - 1], unit);
}

static void
frames(const char *data_dir, int zoomed, const char *name)
{
	static const enum action moves[] = { ACT_PAN_LEFT, ACT_PAN_RIGHT, ACT_ZOOM_IN,
	    ACT_ZOOM_OUT, ACT_NEXT_EVENT, ACT_PAN_UP, ACT_PAN_DOWN, ACT_PREV_EVENT };
	struct app_options o;
	struct canvas *cv = canvas_new(200, 60, CANVAS_BRAILLE);
	struct app *app;
	char *cause = NULL;
	double t[400];
	size_t i;

	memset(&o, 0, sizeof o);
	o.load.data_dir = data_dir;
	o.mode = CANVAS_BRAILLE;
	if (zoomed) {
		o.have_center = 1;
		o.center_lat = 18.44;
		o.center_lon = 1.41;
		o.zoom = 16;
	}
	if ((app = app_new(&o, &cause)) == NULL)
		die("%s", cause);
	app_render(app, cv);
	for (i = 0; i < 400; i++) {
		double t0;

		app_apply(app, moves[i % 8]);
		t0 = now_ms();
		app_render(app, cv);
		t[i] = now_ms() - t0;
	}
	report(name, t, 400, "ms");
	app_free(app);
	canvas_free(cv);
}

/*
 * Resident now, from /proc: getrusage's peak is only brought up to date
 * at some kernel events, so it misses most of a load's growth.
 */
static long
rss_kb(void)
{
	FILE *f = fopen("/proc/self/statm", "r");
	long size = 0, resident = 0;

	if (f == NULL || fscanf(f, "%ld %ld", &size, &resident) != 2)
		die("cannot read /proc/self/statm");
	fclose(f);
	return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

#define LOAD_RUNS	9

static void
events(const char *places_path, const char *events_path)
{
	struct places *pl;
	struct timeline *tl;
	char *cause = NULL, *buf;
	size_t len, i;
	long rss0;
	double t0, t1, t[200];
	enum status *st;

	if ((pl = places_load(places_path, &cause)) == NULL ||
	    util_read_file(events_path, (size_t)4 << 30, &buf, &len, &cause) != 0)
		die("%s", cause);
	/*
	 * Each load in a child of its own: a fresh process pays for every page
	 * it touches, as sitmap does; a second load in one process would not.
	 * From the file, as sitmap loads it: reading is part of the cost.
	 */
	for (i = 0; i < LOAD_RUNS; i++) {
		int fd[2], status;
		pid_t pid;

		if (pipe(fd) != 0 || (pid = fork()) < 0)
			die("cannot fork");
		if (pid == 0) {
			t0 = now_ms();
			tl = timeline_load(events_path, pl, &cause);
			t1 = now_ms() - t0;
			_exit(tl == NULL || write(fd[1], &t1, sizeof t1) != sizeof t1);
		}
		close(fd[1]);
		if (read(fd[0], &t[i], sizeof t[i]) != sizeof t[i] || waitpid(pid, &status, 0) != pid ||
		    !WIFEXITED(status) || WEXITSTATUS(status) != 0)
			die("%s: the load failed", events_path);
		close(fd[0]);
	}
	rss0 = rss_kb();
	if ((tl = timeline_load_mem(events_path, buf, len, pl, &cause)) == NULL)
		die("%s", cause);
	qsort(t, LOAD_RUNS, sizeof *t, cmp_double);
	printf("events-load %.3f %.3f %.3f ms %zu rows %.0f rows/s\n", t[LOAD_RUNS / 2], t[0],
	    t[LOAD_RUNS - 1], tl->nevents, tl->nevents / (t[LOAD_RUNS / 2] / 1e3));
	{
		double text = 0;

		for (i = 0; i < tl->nevents; i++) {
			const struct event *ev = &tl->events[i];

			text += strlen(ev->id) + strlen(ev->actors) + strlen(ev->summary) +
			    strlen(ev->sources) + strlen(ev->note) + 5;
		}
		printf("events-memory %.1f bytes/event beyond %.0f bytes of text\n",
		    ((rss_kb() - rss0) * 1024.0 - text) / (double)tl->nevents, text);
	}
	st = xcalloc(pl->n, sizeof *st);
	for (i = 0; i < 50; i++) {
		day_t d = tl->events[(i * 7919) % tl->nevents].day;

		t0 = now_ms();
		timeline_state(tl, d, st, NULL);
		t[i] = now_ms() - t0;
	}
	report("events-state-at-date", t, 50, "ms");
	/* n: the next stop, and how many events are reached there ("event K/M") */
	for (i = 0; i < 200; i++) {
		struct stop at = { 0, 0 }, next;
		size_t k;

		at.ev = (uint32_t)((i * 7919) % tl->nevents);
		at.day = tl->events[at.ev].day;
		t0 = now_ms();
		if (timeline_stop_next(tl, &at, NULL, &next) == 0)
			k = timeline_reached(tl, &next, NULL);
		else
			k = 0;
		t[i] = now_ms() - t0;
		(void)k;
	}
	report("events-step", t, 200, "ms");
	{
		/* f: which events pass a filter, once per filter typed */
		unsigned char *match = xcalloc(tl->nevents, 1);
		size_t n = 0;

		for (i = 0; i < 3; i++) {
			t0 = now_ms();
			n = timeline_match(tl, "csp", match);
			t[i] = now_ms() - t0;
		}
		report("events-filter", t, 3, "ms");
		(void)n;
		free(match);
	}
	{
		/* every event aggregated per cell: the frame of an imported export */
		struct canvas *cv = canvas_new(200, 60, CANVAS_BRAILLE);
		struct geo_bbox b;
		struct view v;
		struct scene sc;

		geo_bbox_empty(&b);
		for (i = 0; i < pl->n; i++) {
			pl->v[i].xy.x = pl->v[i].lon_deg * 111000;
			pl->v[i].xy.y = pl->v[i].lat_deg * 111000;
			geo_bbox_add(&b, pl->v[i].xy.x, pl->v[i].xy.y);
		}
		memset(&v, 0, sizeof v);
		v.vp.y0_px = 4, v.vp.w_px = 400, v.vp.h_px = 57 * 4, v.vp.px_aspect = 1;
		vp_fit(&v.vp, &b, 0.02);
		v.aggregate = 1;
		v.show_legend = 1;
		v.have_stop = 1;
		v.stop.ev = (uint32_t)(tl->nevents - 1);
		v.day = v.stop.day = tl->events[tl->nevents - 1].day;
		v.reached = tl->nevents;
		v.have_day = 1;
		v.selected = (size_t)-1;
		memset(&sc, 0, sizeof sc);
		sc.places = pl;
		sc.tl = tl;
		sc.view = &v;
		for (i = 0; i < 20; i++) {
			t0 = now_ms();
			render_scene(cv, &sc);
			t[i] = now_ms() - t0;
		}
		report("events-aggregated-frame", t, 20, "ms");
		canvas_free(cv);
	}
	free(st);
	free(buf);
	timeline_free(tl);
	places_free(pl);
}

/* places_load() in LOAD_RUNS fresh processes: ids are checked for duplicates on the way. */
static void
places(const char *path)
{
	double t[LOAD_RUNS], t0, t1;
	size_t i, n = 0;

	for (i = 0; i < LOAD_RUNS; i++) {
		struct { double ms; size_t n; } r;
		struct places *pl;
		char *cause = NULL;
		int fd[2], status;
		pid_t pid;

		if (pipe(fd) != 0 || (pid = fork()) < 0)
			die("cannot fork");
		if (pid == 0) {
			t0 = now_ms();
			pl = places_load(path, &cause);
			t1 = now_ms() - t0;
			if (pl == NULL)
				die("%s", cause);
			r.ms = t1;
			r.n = pl->n;
			_exit(write(fd[1], &r, sizeof r) != sizeof r);
		}
		close(fd[1]);
		if (read(fd[0], &r, sizeof r) != sizeof r || waitpid(pid, &status, 0) != pid ||
		    !WIFEXITED(status) || WEXITSTATUS(status) != 0)
			die("%s: the load failed", path);
		close(fd[0]);
		t[i] = r.ms;
		n = r.n;
	}
	qsort(t, LOAD_RUNS, sizeof *t, cmp_double);
	printf("places-load %.3f %.3f %.3f ms %zu rows\n", t[LOAD_RUNS / 2], t[0],
	    t[LOAD_RUNS - 1], n);
}

/* Runs a command n times (after one warm-up), output to /dev/null. */
static void
run(int n, const char *name, char **argv)
{
	double t[1000];
	long rss = 0;
	int i;

	if (n < 1 || n > 1000)
		die("run: 1 to 1000 runs");
	for (i = -1; i < n; i++) {
		struct rusage ru;
		double t0 = now_ms();
		int status;
		pid_t pid = fork();

		if (pid == 0) {
			int fd = open("/dev/null", O_WRONLY);

			dup2(fd, 1);
			execvp(argv[0], argv);
			_exit(127);
		}
		if (pid < 0 || wait4(pid, &status, 0, &ru) != pid)
			die("run: cannot run %s", argv[0]);
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			die("run: %s failed", argv[0]);
		if (i < 0)
			continue;
		t[i] = now_ms() - t0;
		if (ru.ru_maxrss > rss)
			rss = ru.ru_maxrss;
	}
	qsort(t, (size_t)n, sizeof *t, cmp_double);
	printf("%s %.2f %.2f %.2f ms %.1f MiB\n", name, t[n / 2], t[0], t[n - 1], rss / 1024.0);
}

int
main(int argc, char **argv)
{
	if (argc >= 6 && strcmp(argv[1], "run") == 0 && strcmp(argv[4], "--") == 0) {
		run(atoi(argv[2]), argv[3], argv + 5);
		return 0;
	}
	if (argc == 2 && strcmp(argv[1], "dlopen-proj") == 0)
		return dlopen(SITMAP_PROJ_SONAME, RTLD_NOW) == NULL;
	if (argc == 3 && strcmp(argv[1], "frames") == 0) {
		frames(argv[2], 0, "frame-200x60");
		frames(argv[2], 1, "frame-200x60-kidal-x16");
	} else if (argc == 4 && strcmp(argv[1], "events") == 0) {
		events(argv[2], argv[3]);
	} else if (argc == 3 && strcmp(argv[1], "places") == 0) {
		places(argv[2]);
	} else {
		fprintf(stderr, "usage: bench frames DATA_DIR | bench events PLACES EVENTS | "
		    "bench places PLACES\n");
		return 2;
	}
	return 0;
}
