/*
 * bench.c: in-process timings that a whole-process run cannot isolate:
 * interactive frames, and the timeline at scale. Prints one line per case,
 * "name median min max unit", for tests/bench/run.sh to tabulate.
 *
 *	bench frames DATA_DIR
 *	bench events PLACES.csv EVENTS.csv
 *	bench places PLACES.csv	(the load alone, in fresh processes)
 *	bench import RUNS ACLED.csv	(the ACLED import in fresh processes: rows/s, bytes/event)
 *	bench floor ACLED.csv	(what any first open must do, alone: see floor_runs())
 *	bench viewer ACLED.csv	(the viewer's operations over an imported export)
 *	bench decompress FILE	(instream read throughput; FILE plain, gzip or zip)
 *	bench cat FILE	(instream's decoded bytes to stdout)
 *	bench run N NAME -- COMMAND ARGS...	(whole process: wall time, peak RSS and
 *		peak anonymous memory (sampled every 5 ms); or
 *		"NAME ERROR message" with the first line the command wrote on stderr)
 *	bench pair N -- NAME CMD... [-- NAME CMD...]...	(the same, side by side:
 *		each round runs every command in turn; "first:NAME" on an empty cache)
 *	bench dlopen-proj	(only loads libproj and exits: the floor of a cold run)
 */
#include <dlfcn.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <fcntl.h>
#include <ftw.h>
#include <pthread.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "app.h"
#include "cache.h"
#include "csv.h"
#include "evlist.h"
#include "import.h"
#include "instream.h"
#include "load.h"
#include "render.h"
#include "text.h"
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
	int status;
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
	if ((app = app_new(&o, &status, &cause)) == NULL)
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

/* report() under "PREFIX-NAME" */
static void
report2(const char *prefix, const char *name, double *v, size_t n, const char *unit)
{
	char *full;

	xasprintf(&full, "%s-%s", prefix, name);
	report(full, v, n, unit);
	free(full);
}

/*
 * What the viewer does with a timeline, timed: the state at a date, a step
 * (n), a filter typed (f), a frame that aggregates every event per cell, and
 * the events list (E) opened and scrolled a screen at a time.
 */
static void
timings(struct places *pl, const struct timeline *tl, const char *prefix)
{
	double t0, t[200];
	enum status *st;
	size_t i;

	st = xcalloc(pl->n, sizeof *st);
	for (i = 0; i < 50; i++) {
		day_t d = tl->events[(i * 7919) % tl->nevents].day;

		t0 = now_ms();
		timeline_state(tl, d, st, NULL);
		t[i] = now_ms() - t0;
	}
	report2(prefix, "state-at-date", t, 50, "ms");
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
	report2(prefix, "step", t, 200, "ms");
	{
		/* f: which events pass a filter, once per filter typed */
		unsigned char *match = xcalloc(tl->nevents, 1);
		size_t n = 0;

		for (i = 0; i < 3; i++) {
			t0 = now_ms();
			n = timeline_match(tl, "csp", match);
			t[i] = now_ms() - t0;
		}
		report2(prefix, "filter", t, 3, "ms");
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
		report2(prefix, "aggregated-frame", t, 20, "ms");
		/* stepping: frames at days spread over the timeline, not only its end */
		for (i = 0; i < 20; i++) {
			v.stop.ev = (uint32_t)((i * 7919 * 131 + 17) % tl->nevents);
			v.day = v.stop.day = tl->events[v.stop.ev].day;
			v.reached = v.stop.ev + 1;
			t0 = now_ms();
			render_scene(cv, &sc);
			t[i] = now_ms() - t0;
		}
		report2(prefix, "aggregated-frame-any-day", t, 20, "ms");
		canvas_free(cv);
	}
	{
		/*
		 * E: the events list opened over every event, then a screen of it
		 * (PgDn and the 50 rows of a 200x60 window drawn), as the viewer
		 * draws it; back to the top at the end.
		 */
		struct canvas *cv = canvas_new(200, 60, CANVAS_BRAILLE);
		struct evlist *el;
		struct listview *lv;

		t0 = now_ms();
		el = evlist_new(tl, pl);
		evlist_show(el, NULL, NULL, 0);
		lv = evlist_view(el);
		listview_resize(lv, 50);
		t[0] = now_ms() - t0;
		report2(prefix, "list-open", t, 1, "ms");
		for (i = 0; i < 200; i++) {
			t0 = now_ms();
			if (!listview_page(lv, 1))
				listview_first(lv);
			listview_draw(lv, cv, 0, 2, 200, 50);
			t[i] = now_ms() - t0;
		}
		report2(prefix, "list-screen", t, 200, "ms");
		evlist_free(el);
		canvas_free(cv);
	}
	free(st);
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
	double t0, t1, t[LOAD_RUNS];

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
	timings(pl, tl, "events");
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

/* Anonymous memory resident now (the heap, not mapped files), from /proc. */
static long
anon_kb_of(const char *status)
{
	FILE *f = fopen(status, "r");
	char line[256];
	long kb = -1;

	if (f == NULL)
		return -1;
	while (fgets(line, sizeof line, f) != NULL)
		if (sscanf(line, "RssAnon: %ld", &kb) == 1)
			break;
	fclose(f);
	return kb;
}

static long
rss_anon_kb(void)
{
	long kb = anon_kb_of("/proc/self/status");

	if (kb < 0)
		die("cannot read /proc/self/status");
	return kb;
}

/* A child's peak of anonymous memory, sampled every 5 ms while the parent waits for it. */
struct anon_watch {
	char		 status[64];
	long		 peak_kb;
	volatile int	 done;
};

static void *
watch_anon(void *arg)
{
	struct anon_watch *w = arg;
	const struct timespec pause = { 0, 5000000 };
	long kb;

	while (!w->done) {
		if ((kb = anon_kb_of(w->status)) > w->peak_kb)
			w->peak_kb = kb;
		nanosleep(&pause, NULL);
	}
	return NULL;
}

/*
 * The file mapped read-only, for import_load_mem(): the import as sitmap
 * runs it (a stream read a block at a time), the file's pages aside from
 * the heap it counts.
 */
static const char *
map_file(const char *path, size_t *len)
{
	struct stat st;
	void *p;
	int fd;

	if ((fd = open(path, O_RDONLY)) < 0 || fstat(fd, &st) != 0)
		die("%s: cannot open", path);
	if ((p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0)) == MAP_FAILED)
		die("%s: cannot map", path);
	close(fd);
	*len = (size_t)st.st_size;
	return p;
}

/*
 * The ACLED import in fresh processes, as a first open does it: its text
 * parsed into an events cache entry's rooms (the entry then dropped, not
 * written). Wall time (reading the file from the page cache included: the
 * pages are touched through the map), rows/s, and the heap it leaves per
 * event (RssAnon: the file's and the entry's pages do not count).
 */
static void
import_runs(int runs, const char *path)
{
	struct res { double ms, anon_kb; size_t n; } r;
	double t[LOAD_RUNS], anon = 0;
	size_t n = 0;
	int i;

	if (runs < 1 || runs > LOAD_RUNS)
		die("import: 1 to %d runs", LOAD_RUNS);
	for (i = 0; i < runs; i++) {
		int fd[2], status;
		pid_t pid;

		if (pipe(fd) != 0 || (pid = fork()) < 0)
			die("cannot fork");
		if (pid == 0) {
			struct places *pl;
			struct timeline *tl;
			struct import_kind kind;
			struct instream *s;
			char *cause = NULL, *key = cache_key("bench-import", "", &path, 1);
			struct cache_out *c = cache_begin(key);
			struct arena_rooms rooms = { cache_room, c, cache_scratch,
			    cache_scratch_drop };
			long a0;
			double t0;

			mallopt(M_MMAP_THRESHOLD, 1 << 20);	/* as sitmap's main() */
			a0 = rss_anon_kb();
			t0 = now_ms();

			if (c == NULL)
				die("%s: no cache entry to import into (XDG_CACHE_HOME?)", path);
			if ((s = instream_open(path, INSTREAM_MMAP, &cause)) == NULL ||
			    import_peek(s, IMPORT_ACLED, &kind, &cause) != 0)
				die("%s", cause);
			kind.rooms = &rooms;
			if (import_load_stream(s, &kind, &pl, &tl, &cause) < 0)
				die("%s", cause);
			r.ms = now_ms() - t0;
			r.anon_kb = (double)(rss_anon_kb() - a0);
			r.n = tl->nevents;
			cache_abandon(c);
			_exit(write(fd[1], &r, sizeof r) != sizeof r);
		}
		close(fd[1]);
		if (read(fd[0], &r, sizeof r) != sizeof r || waitpid(pid, &status, 0) != pid ||
		    !WIFEXITED(status) || WEXITSTATUS(status) != 0)
			die("%s: the import failed", path);
		close(fd[0]);
		t[i] = r.ms;
		n = r.n;
		anon = r.anon_kb;
	}
	qsort(t, (size_t)runs, sizeof *t, cmp_double);
	printf("import-load %.1f %.1f %.1f ms %zu rows %.0f rows/s %.0f bytes/event\n",
	    t[runs / 2], t[0], t[runs - 1], n, n / (t[runs / 2] / 1e3), anon * 1024 / (double)n);
}

/*
 * The floor of any first open: what a loader cannot skip, without the rest.
 * The file is cut in two at a record boundary, as the import cuts it, and
 * each half read by a thread, four ways:
 *   tokenize	every record split into fields (csv_next())
 *   rowtext	that, and the text only a row has (its id and notes, which
 *		no dictionary shares) made safe to show (text_sanitize_buf()),
 *		kept (copied into an arena, as the import keeps it: written
 *		once), and the id added to the thread's map of ids: the least
 *		that finds a duplicate id, and what any loader that keeps the
 *		notes does per row, however it stores the columns that repeat
 *   sanitize	tokenize, and the text of every column the import keeps as
 *		text made safe to show, into a buffer used again
 *   keep	that text kept too, and the ids checked, as in rowtext
 * Numbers, dates, places, dictionaries, the sort and the cache entry are
 * left out. Each: wall ms (median of 3, the map's page faults included).
 */
static const char *const floor_text_cols[] = { "event_id_cnty", "disorder_type",
	"event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2",
	"assoc_actor_2", "inter2", "civilian_targeting", "region", "country", "admin1",
	"admin2", "admin3", "location", "source", "notes", "tags" };

enum { FLOOR_TOKENIZE, FLOOR_ROWTEXT, FLOOR_SANITIZE, FLOOR_KEEP, FLOOR_STAGES };

struct floor_half {
	const char	*map;
	size_t		 from, to, line, rows;
	int		 stage;
	int		 id_col;
	const unsigned char *text;	/* by column: 1 if sanitised (and kept) */
};

static void *
floor_half(void *arg)
{
	struct floor_half *h = arg;
	struct csv *csv = csv_new(h->map + h->from, h->to - h->from);
	int keep = h->stage == FLOOR_ROWTEXT || h->stage == FLOOR_KEEP;
	struct strmap *ids = keep ? strmap_new() : NULL;
	struct arena keys = { NULL, NULL };
	struct csv_row row;
	char *err = NULL, buf[CSV_MAX_FIELD + 1];
	size_t i, n;

#ifdef MADV_POPULATE_READ
	(void)madvise((void *)(uintptr_t)(h->map + (h->from & ~(size_t)4095)),
	    h->to - (h->from & ~(size_t)4095), MADV_POPULATE_READ);
#endif
	csv_resume(csv, h->line);
	h->rows = 0;
	while (csv_next(csv, &row, &err) == 1) {
		h->rows++;
		for (i = 0; h->stage != FLOOR_TOKENIZE && i < row.n && i < CSV_MAX_COLS; i++) {
			char *k;

			if (!h->text[i])
				continue;
			n = text_sanitize_buf(row.f[i], row.len[i], buf, sizeof buf);
			if (!keep)
				continue;
			k = arena_alloc(&keys, n + 1);
			memcpy(k, buf, n + 1);
			if ((int)i == h->id_col)
				(void)strmap_add(ids, k, n, h->rows);
		}
	}
	if (err != NULL)
		die("floor: %s", err);
	csv_free(csv);
	if (ids != NULL)
		strmap_free(ids);
	arena_free(&keys);
	return NULL;
}

static void
floor_runs(const char *path)
{
	static const char *const stages[] = { "tokenize", "rowtext", "sanitize", "keep" };
	unsigned char text[CSV_MAX_COLS] = { 0 }, own[CSV_MAX_COLS] = { 0 };
	struct csv *csv;
	struct csv_row row;
	char *err = NULL;
	const char *map;
	size_t len, data, data_line, line, cut, q = 0, i, rows = 0;
	int stage, run, id_col;

	map = map_file(path, &len);
	csv = csv_new(map, len);
	if (csv_next(csv, &row, &err) != 1)
		die("%s: no header", path);
	id_col = csv_column(&row, "event_id_cnty");
	for (i = 0; i < sizeof floor_text_cols / sizeof floor_text_cols[0]; i++) {
		int c = csv_column(&row, floor_text_cols[i]);

		if (c >= 0)
			text[c] = 1;
	}
	if (id_col >= 0)
		own[id_col] = 1;
	if ((i = (size_t)csv_column(&row, "notes")) < CSV_MAX_COLS)
		own[i] = 1;
	data = csv_consumed(csv);
	data_line = line = csv_line(csv);
	csv_free(csv);
	/* the first line end at or after the middle with an even count of quotes before it */
	for (i = data; i < len / 2; i++)
		q += map[i] == '"';
	for (cut = len / 2; cut < len; cut++) {
		if (map[cut] == '"')
			q++;
		else if (map[cut] == '\n' && q % 2 == 0)
			break;
	}
	cut = cut < len ? cut + 1 : len;
	for (i = data; i < cut; i++)
		line += map[i] == '\n';
	for (stage = 0; stage < FLOOR_STAGES; stage++) {
		double t[3];

		for (run = 0; run < 3; run++) {
			const unsigned char *cols = stage == FLOOR_ROWTEXT ? own : text;
			struct floor_half h[2] = {
				{ map, data, cut, data_line, 0, stage, id_col, cols },
				{ map, cut, len, line, 0, stage, id_col, cols } };
			pthread_t th;
			double t0;

			(void)madvise((void *)(uintptr_t)map, len, MADV_DONTNEED);
			t0 = now_ms();
			if (pthread_create(&th, NULL, floor_half, &h[1]) != 0)
				die("floor: no thread");
			floor_half(&h[0]);
			pthread_join(th, NULL);
			t[run] = now_ms() - t0;
			rows = h[0].rows + h[1].rows;
		}
		qsort(t, 3, sizeof *t, cmp_double);
		printf("floor-%s %.1f %.1f %.1f ms %zu rows %.0f rows/s\n", stages[stage], t[1], t[0],
		    t[2], rows, rows / (t[1] / 1e3));
	}
	munmap((void *)(uintptr_t)map, len);
}

/*
 * The viewer's operations over an ACLED export (see timings()), opened as
 * sitmap opens it: through the events cache ($XDG_CACHE_HOME), written
 * first if it is not there, the timeline then read where the entry maps.
 */
static void
viewer(const char *path)
{
	struct load_options o;
	struct load *ld;
	char *cause = NULL;
	int status;

	mallopt(M_MMAP_THRESHOLD, 1 << 20);	/* as sitmap's main() */
	memset(&o, 0, sizeof o);
	o.data_dir = ".";
	o.events_path = path;
	o.format = -1;
	o.data_only = 1;
	if ((ld = load_new(&o, &status, &cause)) == NULL)
		die("%s", cause);
	printf("viewer-loaded %zu events %zu places\n", load_timeline(ld)->nevents,
	    load_places(ld)->n);
	timings(load_places(ld), load_timeline(ld), "viewer");
	load_free(ld);
}

/* instream_read() throughput, in 1 MiB blocks: decoded MB/s over 5 runs. */
static void
decompress(const char *path)
{
	size_t blk = (size_t)1 << 20;
	char *buf = xmalloc(blk), *cause = NULL;
	double t[5];
	uint64_t done = 0, total = 0, out = 0;
	enum instream_codec codec = INSTREAM_PLAIN;
	int i;

	for (i = 0; i < 5; i++) {
		struct instream *s;
		double t0 = now_ms();
		ssize_t got;

		if ((s = instream_open(path, 0, &cause)) == NULL)
			die("%s", cause);
		while ((got = instream_read(s, buf, blk, &cause)) > 0)
			;
		if (got < 0)
			die("%s", cause);
		t[i] = now_ms() - t0;
		instream_progress(s, &done, &total, &out);
		codec = instream_codec(s);
		instream_close(s);
	}
	qsort(t, 5, sizeof *t, cmp_double);
	printf("decompress-%s %.1f %.1f %.1f ms %.0f MB/s decoded from %.0f MB\n",
	    codec == INSTREAM_GZIP ? "gzip" : codec == INSTREAM_ZIP ? "zip" : "plain", t[2], t[0],
	    t[4], out / 1e6 / (t[2] / 1e3), done / 1e6);
	free(buf);
}

/* The decoded bytes to stdout. */
static int
cat(const char *path)
{
	char buf[65536], *cause = NULL;
	struct instream *s;
	ssize_t got;

	if ((s = instream_open(path, 0, &cause)) == NULL) {
		fprintf(stderr, "%s\n", cause);
		return 1;
	}
	while ((got = instream_read(s, buf, sizeof buf, &cause)) > 0)
		if (fwrite(buf, 1, (size_t)got, stdout) != (size_t)got)
			return 1;
	if (got < 0) {
		fprintf(stderr, "%s\n", cause);
		return 1;
	}
	instream_close(s);
	return fflush(stdout) != 0;
}

/*
 * Runs a command once, output to /dev/null and stderr to err: its wall
 * time and peak RSS (KiB), or -1 after printing "NAME ERROR " and the
 * first line it wrote on stderr: a benchmark reports what stops it rather
 * than hiding the row.
 */
static int
run_once(const char *name, char **argv, FILE *err, double *ms, long *rss, long *anon)
{
	struct rusage ru;
	struct anon_watch w = { "", 0, 0 };
	pthread_t th;
	double t0 = now_ms();
	int status, watched;
	pid_t pid = fork();

	if (pid == 0) {
		int fd = open("/dev/null", O_WRONLY);

		dup2(fd, 1);
		dup2(fileno(err), 2);
		execvp(argv[0], argv);
		_exit(127);
	}
	snprintf(w.status, sizeof w.status, "/proc/%ld/status", (long)pid);
	watched = pid > 0 && pthread_create(&th, NULL, watch_anon, &w) == 0;
	if (pid < 0 || wait4(pid, &status, 0, &ru) != pid)
		die("run: cannot run %s", argv[0]);
	*ms = now_ms() - t0;
	w.done = 1;
	if (watched)
		pthread_join(th, NULL);
	if (w.peak_kb > *anon)
		*anon = w.peak_kb;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		char line[512] = "";

		rewind(err);
		if (fgets(line, sizeof line, err) == NULL)
			snprintf(line, sizeof line, "exit status %d", WIFEXITED(status) ?
			    WEXITSTATUS(status) : 128 + WTERMSIG(status));
		line[strcspn(line, "\n")] = '\0';
		printf("%s ERROR %s\n", name, line);
		return -1;
	}
	if (ru.ru_maxrss > *rss)
		*rss = ru.ru_maxrss;
	return 0;
}

/* Runs a command n times (after one warm-up): median, min and max, peak RSS of the n. */
static void
run(int n, const char *name, char **argv)
{
	double t[1000], ms;
	long rss = 0, warmup_rss = 0, anon = 0, warmup_anon = 0;
	int i;
	FILE *err = tmpfile();

	if (n < 1 || n > 1000)
		die("run: 1 to 1000 runs");
	if (err == NULL)
		die("run: no temporary file");
	/* the warm-up's peak is not counted: it may be the run that fills the cache */
	for (i = -1; i < n; i++) {
		if (run_once(name, argv, err, &ms, i >= 0 ? &rss : &warmup_rss,
		    i >= 0 ? &anon : &warmup_anon) != 0) {
			fclose(err);
			return;
		}
		if (i >= 0)
			t[i] = ms;
	}
	fclose(err);
	qsort(t, (size_t)n, sizeof *t, cmp_double);
	printf("%s %.2f %.2f %.2f ms %.1f MiB %.1f MiB-anon\n", name, t[n / 2], t[0], t[n - 1],
	    rss / 1024.0, anon / 1024.0);
}

static int
rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

#define MAX_PAIRED	8

/*
 * Commands side by side: n rounds (after one warm-up), each running every
 * command once in turn, so that a machine busy with something else slows
 * them alike and their ratios hold. argv is NAME CMD ARGS... [-- NAME CMD
 * ARGS...]...; a NAME starting "first:" is run on an empty cache: the
 * tool removes $XDG_CACHE_HOME/sitmap before each of its runs, untimed.
 * One line per command, as run() prints.
 */
static void
pair(int n, char **argv)
{
	char **cmd[MAX_PAIRED], *dir = NULL;
	const char *x = getenv("XDG_CACHE_HOME");
	double t[MAX_PAIRED][1000], ms;
	long rss[MAX_PAIRED] = { 0 }, warmup_rss = 0, anon[MAX_PAIRED] = { 0 }, warmup_anon = 0;
	int ncmd = 0, i, k, failed[MAX_PAIRED] = { 0 };
	FILE *err = tmpfile();

	if (n < 1 || n > 1000)
		die("pair: 1 to 1000 runs");
	if (err == NULL)
		die("pair: no temporary file");
	if (x != NULL && x[0] == '/')
		xasprintf(&dir, "%s/sitmap", x);
	for (i = 0; argv[i] != NULL; ncmd++) {
		if (ncmd == MAX_PAIRED || argv[i + 1] == NULL)
			die("pair: NAME CMD... [-- NAME CMD...], at most %d", MAX_PAIRED);
		cmd[ncmd] = argv + i;
		while (argv[i] != NULL && strcmp(argv[i], "--") != 0)
			i++;
		if (argv[i] != NULL)
			argv[i++] = NULL;
	}
	for (i = -1; i < n; i++)
		for (k = 0; k < ncmd; k++) {
			if (failed[k])
				continue;
			if (strncmp(cmd[k][0], "first:", 6) == 0) {
				if (dir == NULL)
					die("pair: %s needs an absolute XDG_CACHE_HOME", cmd[k][0]);
				nftw(dir, rm_entry, 8, FTW_DEPTH | FTW_PHYS);
			}
			rewind(err);
			if (run_once(cmd[k][0], cmd[k] + 1, err, &ms,
			    i >= 0 ? &rss[k] : &warmup_rss, i >= 0 ? &anon[k] : &warmup_anon) != 0)
				failed[k] = 1;
			else if (i >= 0)
				t[k][i] = ms;
		}
	for (k = 0; k < ncmd; k++) {
		if (failed[k])
			continue;
		qsort(t[k], (size_t)n, sizeof *t[k], cmp_double);
		printf("%s %.2f %.2f %.2f ms %.1f MiB %.1f MiB-anon\n", cmd[k][0], t[k][n / 2],
		    t[k][0], t[k][n - 1], rss[k] / 1024.0, anon[k] / 1024.0);
	}
	fclose(err);
	free(dir);
}

int
main(int argc, char **argv)
{
	if (argc >= 6 && strcmp(argv[1], "run") == 0 && strcmp(argv[4], "--") == 0) {
		run(atoi(argv[2]), argv[3], argv + 5);
		return 0;
	}
	if (argc >= 6 && strcmp(argv[1], "pair") == 0 && strcmp(argv[3], "--") == 0) {
		pair(atoi(argv[2]), argv + 4);
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
	} else if (argc == 4 && strcmp(argv[1], "import") == 0) {
		import_runs(atoi(argv[2]), argv[3]);
	} else if (argc == 3 && strcmp(argv[1], "floor") == 0) {
		floor_runs(argv[2]);
	} else if (argc == 3 && strcmp(argv[1], "viewer") == 0) {
		viewer(argv[2]);
	} else if (argc == 3 && strcmp(argv[1], "decompress") == 0) {
		decompress(argv[2]);
	} else if (argc == 3 && strcmp(argv[1], "cat") == 0) {
		return cat(argv[2]);
	} else {
		fprintf(stderr, "usage: bench frames DATA_DIR | bench events PLACES EVENTS | "
		    "bench places PLACES | bench import RUNS ACLED | bench floor ACLED | "
		    "bench viewer ACLED | "
		    "bench decompress FILE | bench cat FILE | bench run N NAME -- CMD... | "
		    "bench pair N -- NAME CMD... [-- NAME CMD...]...\n");
		return 2;
	}
	return 0;
}
