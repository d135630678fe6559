/*
 * layerfile.c: which reader a map layer file needs. The one place that
 * chooses between shp.c and geojson.c, for add_layer() and the cache key.
 */
#include "layerfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cache.h"
#include "geojson.h"
#include "shp.h"
#include "text.h"
#include "util.h"

#define SNIFF		64		/* bytes read to tell the kind */
#define MAX_PATH_BYTES	4096

enum kind { K_UNKNOWN, K_SHP, K_GEOJSON };

static enum kind
by_name(const char *path)
{
	const char *slash = strrchr(path, '/'), *dot = strrchr(path, '.');

	if (dot == NULL || (slash != NULL && dot < slash))
		return K_UNKNOWN;
	if (strcasecmp(dot, ".shp") == 0 || strcasecmp(dot, ".shx") == 0 ||
	    strcasecmp(dot, ".dbf") == 0)
		return K_SHP;
	if (strcasecmp(dot, ".geojson") == 0 || strcasecmp(dot, ".json") == 0)
		return K_GEOJSON;
	return K_UNKNOWN;
}

/* A shapefile's file code (9994, big-endian), or a JSON object after a BOM and blanks. */
static enum kind
by_content(const unsigned char *b, size_t n)
{
	size_t i = 0;

	if (n >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 0x27 && b[3] == 0x0a)
		return K_SHP;
	if (n >= 3 && b[0] == 0xef && b[1] == 0xbb && b[2] == 0xbf)
		i = 3;
	while (i < n && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n'))
		i++;
	return i < n && b[i] == '{' ? K_GEOJSON : K_UNKNOWN;
}

/* 1 if path names no file but shapelib's rule finds its .shp. */
static int
shp_beside(const char *path)
{
	char *files[SHP_NFILES];
	struct stat st;
	int r, i;

	shp_layer_files(path, files);
	r = stat(files[SHP_FILE_SHP], &st) == 0;
	for (i = 0; i < SHP_NFILES; i++)
		free(files[i]);
	return r;
}

static struct geo_layer *
not_a_layer(const char *path, char **cause)
{
	char *p = text_sanitize(path, strlen(path), MAX_PATH_BYTES);

	xasprintf(cause, "%s: not a shapefile or GeoJSON: convert it with ogr2ogr -f "
	    "'ESRI Shapefile' OUT.shp %s", p, p);
	free(p);
	return NULL;
}

/* Reads up to SNIFF bytes of fd; returns how many (0 on error or at the end). */
static size_t
sniff(int fd, unsigned char *buf)
{
	size_t n = 0;
	ssize_t r;

	while (n < SNIFF) {
		if ((r = read(fd, buf + n, SNIFF - n)) == -1 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	return n;
}

/* The kind of path by name, else by its first bytes; K_SHP when it does not exist. */
static enum kind
kind_of_file(const char *path, int *stream)
{
	enum kind k = by_name(path);
	unsigned char buf[SNIFF];
	struct stat st;
	int fd;

	*stream = 0;
	if (k != K_UNKNOWN)
		return k;
	if (stat(path, &st) != 0)
		return K_SHP;		/* shapelib's rule, or the error to come */
	if (!S_ISREG(st.st_mode)) {
		*stream = 1;		/* not read here: it can be read only once */
		return K_UNKNOWN;
	}
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) == -1)
		return K_UNKNOWN;
	k = by_content(buf, sniff(fd, buf));
	close(fd);
	return k;
}

/*
 * The GeoJSON layer the last peek read to find its box: the load that
 * follows takes it instead of reading the file again (the first run of a
 * GeoJSON map would read it twice). Not thread-safe, as loading is not.
 */
static struct {
	char		*path;
	struct geo_layer *l;
} kept;

static void
keep(const char *path, struct geo_layer *l)
{
	free(kept.path);
	geo_layer_free(kept.l);
	kept.path = path != NULL ? xstrdup(path) : NULL;
	kept.l = l;
}

int
layerfile_peek_bbox(const char *path, struct geo_bbox *box)
{
	struct geo_layer *l;
	struct geo_pt corner[2];
	char *key, *cause = NULL;
	int stream;

	switch (kind_of_file(path, &stream)) {
	case K_SHP:
		return shp_peek_bbox(path, box);
	case K_GEOJSON:
		break;
	default:
		return -1;
	}
	key = cache_key("geojson-bbox", "", &path, 1);
	if (cache_get_points(key, corner, 2) != 0) {
		if ((l = geojson_load(path, &cause)) == NULL) {
			free(cause);	/* loading it again says what is wrong */
			free(key);
			return -1;
		}
		corner[0].x = l->bbox.x0, corner[0].y = l->bbox.y0;
		corner[1].x = l->bbox.x1, corner[1].y = l->bbox.y1;
		keep(path, l);
		cache_put_points(key, corner, 2);
	}
	free(key);
	box->x0 = corner[0].x, box->y0 = corner[0].y;
	box->x1 = corner[1].x, box->y1 = corner[1].y;
	return 0;
}

char *
layerfile_cache_key(const char *path, const char *proj)
{
	char *files[SHP_NFILES], *key;
	int i, stream;

	switch (kind_of_file(path, &stream)) {
	case K_GEOJSON:
		return cache_key("geojson", proj, &path, 1);
	case K_SHP:
		break;
	default:
		return NULL;	/* a stream has no identity; anything else is refused */
	}
	/* the files the loader reads, by its own rule */
	shp_layer_files(path, files);
	key = cache_key("layer", proj, (const char *const *)files, SHP_NFILES);
	for (i = 0; i < SHP_NFILES; i++)
		free(files[i]);
	return key;
}

struct geo_layer *
layerfile_load(const char *path, char **cause)
{
	enum kind k = by_name(path);
	unsigned char buf[SNIFF];
	struct geo_layer *l;
	struct stat st;
	char *why = NULL;
	size_t n;
	int fd;

	if (kept.path != NULL && strcmp(kept.path, path) == 0) {
		l = kept.l;
		kept.l = NULL;
		keep(NULL, NULL);
		return l;
	}
	if (k == K_SHP || (k == K_UNKNOWN && access(path, F_OK) != 0 && shp_beside(path)))
		return shp_load(path, cause);
	if (k == K_UNKNOWN && access(path, F_OK) != 0)
		return shp_load(path, cause);	/* says which .shp it looked for */
	/* one open, read once: a pipe of GeoJSON works too */
	if ((fd = util_open_file(path, GEOJSON_MAX_FILE, &st, &why)) == -1) {
		*cause = text_sanitize(why, strlen(why), MAX_PATH_BYTES + 256);
		free(why);
		return NULL;
	}
	n = sniff(fd, buf);
	if (k == K_UNKNOWN)
		k = by_content(buf, n);
	if (k == K_SHP) {
		close(fd);
		return shp_load(path, cause);
	}
	if (k != K_GEOJSON) {
		close(fd);
		return not_a_layer(path, cause);
	}
	l = geojson_load_fd(path, fd, buf, n, cause);
	close(fd);
	return l;
}
