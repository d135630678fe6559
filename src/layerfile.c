/*
 * layerfile.c: which reader a map layer file needs. The one place that
 * chooses between shp.c and geojson.c, for add_layer() and the cache key.
 */
#include "layerfile.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cache.h"
#include "geojson.h"
#include "instream.h"
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

static int
has_zip_name(const char *path)
{
	size_t n = strlen(path);

	return n >= 4 && strcasecmp(path + n - 4, ".zip") == 0;
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

/*
 * The kind of path by name, else by its first bytes (decompressed: a
 * .geojson.gz is GeoJSON); K_SHP when it does not exist. "-", a pipe or a
 * FIFO is not read here (*stream): it can be read only once.
 */
static enum kind
kind_of_file(const char *path, int *stream)
{
	enum kind k = by_name(path);
	struct instream *in;
	struct stat st;
	const char *head;
	char *cause = NULL;
	size_t n;

	*stream = strcmp(path, "-") == 0;
	if (k != K_UNKNOWN || *stream)
		return k;
	if (stat(path, &st) != 0)
		return K_SHP;		/* shapelib's rule, or the error to come */
	if (!S_ISREG(st.st_mode)) {
		*stream = 1;
		return K_UNKNOWN;
	}
	if ((in = instream_open(path, 0, &cause)) != NULL &&
	    instream_peek(in, SNIFF, &head, &n, &cause) == 0)
		k = by_content((const unsigned char *)head, n);
	free(cause);		/* loading it says what is wrong */
	instream_close(in);
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
	struct instream *in;
	struct geo_layer *l;
	const char *head;
	size_t n;

	if (kept.path != NULL && strcmp(kept.path, path) == 0) {
		l = kept.l;
		kept.l = NULL;
		keep(NULL, NULL);
		return l;
	}
	/* shapelib's rule ("maps/rivers" is maps/rivers.shp), or which .shp it looked for */
	if (k == K_SHP || (k == K_UNKNOWN && strcmp(path, "-") != 0 && access(path, F_OK) != 0))
		return shp_load(path, cause);
	/* one open, read once: "-", a pipe and gzip'd GeoJSON work too */
	if ((in = instream_open(path, 0, cause)) == NULL) {
		/* instream looks for an events file in a zip: a map's words instead */
		if (has_zip_name(path) && access(path, R_OK) == 0) {
			char *p = text_sanitize(path, strlen(path), MAX_PATH_BYTES);

			free(*cause);
			xasprintf(cause, "%s: no GeoJSON (.json) in the zip archive: unzip a "
			    "shapefile and give its .shp", p);
			free(p);
		}
		return NULL;
	}
	if (instream_peek(in, SNIFF, &head, &n, cause) != 0) {
		instream_close(in);
		return NULL;
	}
	if (k == K_UNKNOWN)
		k = by_content((const unsigned char *)head, n);
	if (k == K_SHP && instream_codec(in) == INSTREAM_PLAIN && strcmp(path, "-") != 0) {
		instream_close(in);
		return shp_load(path, cause);
	}
	l = k == K_GEOJSON ? geojson_load_stream(in, cause) : not_a_layer(path, cause);
	instream_close(in);
	return l;
}
