/* cache.h: projected layers and points kept on disk, keyed by file identity and projection. */
#ifndef SITMAP_CACHE_H
#define SITMAP_CACHE_H

#include <stddef.h>
#include "geo.h"

/*
 * The cache directory is $XDG_CACHE_HOME/sitmap (default ~/.cache/sitmap);
 * SITMAP_NO_CACHE=1 or cache_disable() turns the cache off. Every entry
 * stores its full key and a checksum: a stale, truncated, corrupt or foreign
 * file is never trusted, just rebuilt. Failing to write is never an error.
 */
void		 cache_disable(void);

/*
 * The key for data derived from files (their device, inode, size and
 * mtime; a missing file counts as "absent") under a projection. NULL when
 * the cache is off or a file is not a regular one (a pipe). Caller frees.
 */
char		*cache_key(const char *kind, const char *proj, const char *const *files,
		    size_t nfiles);

/* A projected layer, or NULL (absent, stale or invalid). Free with geo_layer_free(). */
struct geo_layer *cache_get_layer(const char *key);
void		 cache_put_layer(const char *key, const struct geo_layer *);
/*
 * Builds a layer on an entry's body, buf[off .. off + len) with off a
 * multiple of 8: the fuzz entry point. Takes buf (malloc'd) in every case;
 * the layer's arrays point into it. NULL if invalid.
 */
struct geo_layer *cache_layer_from_body(char *buf, size_t off, size_t len);
/* n projected points; 0 if found and valid, else -1. */
int		 cache_get_points(const char *key, struct geo_pt *pts, size_t n);
void		 cache_put_points(const char *key, const struct geo_pt *pts, size_t n);

/* The file an entry lives in, for tests: "DIR/0123456789abcdef.bin". Caller frees. */
char		*cache_path(const char *key);

#endif
