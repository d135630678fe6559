/* cache.h: projected layers and points kept on disk, keyed by file identity and projection. */
#ifndef SITMAP_CACHE_H
#define SITMAP_CACHE_H

#include <stddef.h>
#include <stdint.h>
#include "geo.h"

/*
 * The cache directory is $XDG_CACHE_HOME/sitmap (default ~/.cache/sitmap);
 * SITMAP_NO_CACHE=1 or cache_disable() turns the cache off. Every entry
 * stores its full key and a checksum: a stale, truncated, corrupt or foreign
 * file is never trusted, just rebuilt. Failing to write is never an error.
 */
void		 cache_disable(void);

/*
 * The directory is kept under a cap: cache_trim(), after entries were
 * written, removes the entries least recently used (a hit records its use,
 * at most once a minute) until the rest fit, never one this process wrote
 * or mapped since it last trimmed; nothing if it wrote none. Another process may
 * remove an entry at any time: a reader then misses, or keeps the mapping
 * it has.
 */
void		 cache_trim(void);
/* room for a global ACLED export's events entry (2.7M rows: 1.18 GB) beside the layers */
#define CACHE_MAX_DEFAULT	((uint64_t)4 << 30)
#define CACHE_MAX_MIN		((uint64_t)1 << 20)
/*
 * "N" bytes or "NK", "NM", "NG", "NT" (powers of 1024; "MiB", "MB" and
 * lower case too): 0, or -1 if it is not one or is under CACHE_MAX_MIN.
 */
int		 cache_parse_size(const char *s, uint64_t *bytes);
/*
 * Sets the cap: SITMAP_CACHE_SIZE when set, else bytes (0: the default).
 * -1 with *cause, and the default kept, if SITMAP_CACHE_SIZE is not a size.
 */
int		 cache_set_max(uint64_t bytes, char **cause);

/*
 * The key for data derived from files under a projection: each file by
 * identity, its real path (symlinks resolved), device, inode, size, mtime
 * and ctime (ns); a missing file as its absolute path and "absent", so that
 * its appearing changes the key. files must name what the loader reads
 * (shp_layer_files() for a layer). NULL when the cache is off, or a file is
 * not a regular one (a pipe: no identity) or cannot be resolved. Caller
 * frees. Entries are read non-blocking: whatever is at an entry's path
 * that is not a regular file is a miss, then replaced.
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
/*
 * A whole entry, buf[0..len) (malloc'd), checked for key (magic, key,
 * checksum) as a file is, then built as above: the fuzz entry point of the
 * reader. Takes buf in every case; NULL if invalid.
 */
struct geo_layer *cache_layer_from_entry(char *buf, size_t len, const char *key);
/* The same for an entry of n points: 0 and pts[] filled, or -1. */
int		 cache_points_from_entry(const char *buf, size_t len, const char *key,
		    struct geo_pt *pts, size_t n);
/* The checksum that ends an entry, of p[0..n): for tests that forge entries. */
uint64_t	 cache_checksum(const void *p, size_t n);
/* n projected points; 0 if found and valid, else -1. */
int		 cache_get_points(const char *key, struct geo_pt *pts, size_t n);
void		 cache_put_points(const char *key, const struct geo_pt *pts, size_t n);

/*
 * A large entry, written as a stream and read where it lies: cache_begin()
 * (NULL: no cache, or key NULL), cache_write() any number of times (its
 * signature is a writer callback's), cache_commit() to seal it (NULL is
 * fine; 0 if the entry is in place, -1 if it was abandoned). Its checksum
 * is 0, never read: cache_map() maps an entry whose magic and key match,
 * without reading its pages, and the caller checks what it reads. It
 * maps it at address at if that is free (at NULL: anywhere). The
 * mapping (*map_len bytes, to munmap()), the body at *off (8-aligned) for
 * *body_len bytes; NULL if there is none such.
 */
struct cache_out;
struct cache_out *cache_begin(const char *key);
void		 cache_write(void *cache_out, const void *p, size_t n);
int		 cache_commit(struct cache_out *);
/* Drops the entry being written (NULL is fine): nothing is put in place. */
void		 cache_abandon(struct cache_out *);
/*
 * Room for n bytes (a multiple of the page size) in the body of the entry
 * being written, past every byte in it so far: mapped shared and writable,
 * what the caller puts there is in the entry, at body offset *at, and
 * cache_write() goes on after it. NULL if there is no room (no entry, no
 * disk space): the caller keeps the bytes in memory. Thread-safe; an
 * arena_rooms' room (cache_out as its ctx). The mapping outlives the
 * entry: munmap() it.
 */
void		*cache_room(void *cache_out, size_t n, uint64_t *at);
/*
 * A room as cache_room()'s whose bytes the entry does not keep: given back
 * with cache_scratch_drop(), which unmaps it and frees its blocks in the
 * file (a hole). The cache_out lives on, after cache_commit() or
 * cache_abandon(), until its last scratch room is dropped.
 */
void		*cache_scratch(void *cache_out, size_t n, uint64_t *at);
void		 cache_scratch_drop(void *cache_out, void *p, size_t n, uint64_t at);
/* How many bytes of the body are in place: the offset cache_write() writes at. */
uint64_t	 cache_body_used(const struct cache_out *);
char		*cache_map(const char *key, void *at, size_t *map_len, size_t *off,
		    size_t *body_len);
/* Where an entry's body starts in its file. */
size_t		 cache_body_offset(const char *key);
/* 1 if an entry (valid or not) is at key's place: a regular file. */
int		 cache_entry_exists(const char *key);

#endif
