/* options.h: what a run is told, by the config file and then the command line. */
#ifndef SITMAP_OPTIONS_H
#define SITMAP_OPTIONS_H

#include "app.h"
#include "date.h"

#define OPTIONS_MAX_MAPS	32	/* --map, and --overlay, each */

/* --step: a frame of --cast and --dump-all per stop of an event, or per day, week or month. */
enum options_step { OPTIONS_STEP_EVENT, OPTIONS_STEP_DAY, OPTIONS_STEP_WEEK, OPTIONS_STEP_MONTH };

/* Everything a run is told; each option's validator writes its part. */
struct options {
	struct app_options o;		/* the viewer's and the loader's part */
	const char	*maps[OPTIONS_MAX_MAPS], *overlays[OPTIONS_MAX_MAPS];
	char		*proj, *data_dir, *scenario;	/* copies: a config file's text is freed */
	char		*proj_where;	/* "FILE:LINE" when the config file set proj */
	char		*shot_dir;	/* screenshot-dir (config file only); NULL: none */
	int		 dump, list, keys, help, version;
	int		 force;		/* --dump-all into a non-empty directory */
	int		 charset;	/* enum canvas_mode */
	int		 color;		/* 1 always, 0 never, -1 auto */
	int		 w, h;		/* --size */
	int		 no_cache;
	uint64_t	 cache_max;	/* cache-size, in bytes; 0: the default */
	int		 list_format, export_format;	/* enum report_format, -1: none */
	int		 range;		/* --date FROM..TO */
	day_t		 range_lo, range_hi;
	const char	*cast_path, *dump_all_dir, *out_path, *dist_a, *dist_b;
	double		 step_seconds;	/* per frame of --cast */
	enum options_step step;		/* what a frame of --cast and --dump-all stands for */
	int		 step_given;	/* --step is on the command line */
};

/* The --help text. */
extern const char options_usage[];

/*
 * Reads $XDG_CONFIG_HOME/sitmap/config (or ~/.config/sitmap/config; none
 * is fine), then the command line, with the same names and validators;
 * then checks the options against each other and settles what they leave
 * open (the charset from the locale, utf8: whether it is UTF-8). Bad usage
 * prints "sitmap: ..." and exits 2. After --help, --version or --keys it
 * returns at once with that flag set, nothing else checked (not even the
 * config file, whose errors they ignore). data_dir stays
 * NULL unless given. Free with options_free().
 */
void	options_read(struct options *, int argc, char **argv, int utf8);
/*
 * The config file's text, buf[0..len) (any bytes), read into the run as
 * options_read() reads the file at path: 0, or -1 and *cause "PATH:LINE:
 * reason" at the first bad line. Exposed for the fuzzer.
 */
int	options_parse_config(struct options *, const char *path, const char *buf,
	    size_t len, char **cause);
void	options_free(struct options *);

#endif
