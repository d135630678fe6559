/* util.h: dying, allocation, inputs and outputs, an arena and a string map: for every module. */
#ifndef SITMAP_UTIL_H
#define SITMAP_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Exit statuses, documented in sitmap.1. */
#define EXIT_DATA	1	/* bad input file, or a fatal runtime error */
#define EXIT_USAGE	2	/* bad command line or environment */

/* Prints "sitmap: MSG" to stderr after running the die hook; exits EXIT_DATA. */
void	 die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
/* Runs before die() writes: the TUI registers endwin() here. */
void	 die_set_hook(void (*hook)(void));

/* Allocators that never return NULL: they die on out-of-memory or overflow. */
void	*xmalloc(size_t size);
void	*xcalloc(size_t nmemb, size_t size);
void	*xreallocarray(void *ptr, size_t nmemb, size_t size);
/* Grows *pp (an array of *cap elements of sz bytes) to hold need, doubling; *cap set. */
void	 xgrow(void *pp, size_t *cap, size_t need, size_t sz);
/*
 * The whole pages within p[0..len), a block of the heap about to be freed
 * whose bytes are read no more, given back now: a copy out of a large
 * block in steps holds one step of both, not both whole.
 */
void	 util_release(void *p, size_t len);
char	*xstrdup(const char *s);
char	*xstrndup(const char *s, size_t n);
/* Allocates and formats; returns the length. Caller frees *out. */
int	 xvasprintf(char **out, const char *fmt, va_list ap)
	    __attribute__((format(printf, 2, 0)));
int	 xasprintf(char **out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

struct stat;
/*
 * Inputs. Nothing blocks on open: a file is opened O_NONBLOCK, then fstat()
 * decides. A directory, a regular file over max_bytes and, with
 * UTIL_IN_REGULAR, anything but a regular file ("FILE: not a regular
 * file": a shapefile or a cache entry must be seekable) are refused; a
 * pipe, FIFO or device is otherwise a stream, read once, blocking (a FIFO
 * without a writer reads as empty), and never past max_bytes + 1 bytes.
 */
#define UTIL_IN_REGULAR	1
/* An fd to read (blocking), *st its fstat(); -1, *cause "FILE: reason" and errno. */
int	 util_open_input(const char *path, size_t max_bytes, int flags, struct stat *st,
	    char **cause);
/* util_open_input() for a regular file or a stream. */
int	 util_open_file(const char *path, size_t max_bytes, struct stat *st, char **cause);
/*
 * Reads fd to its end, at most max_bytes, into a NUL-terminated buffer;
 * -1 and *cause naming path on error or when there is more.
 */
int	 util_read_fd(int fd, const char *path, size_t max_bytes, char **buf, size_t *len,
	    char **cause);
/* Opens with util_open_input() and reads the whole file. */
int	 util_read_input(const char *path, size_t max_bytes, int flags, char **buf,
	    size_t *len, char **cause);
/* util_read_input() for a regular file or a stream. */
int	 util_read_file(const char *path, size_t max_bytes, char **buf, size_t *len,
	    char **cause);

/*
 * Outputs written atomically: into a new temporary file beside the
 * destination (O_CREAT | O_EXCL, mode 0666 & ~umask, or the mode of the
 * file it replaces), renamed over it once written, flushed and closed
 * without error; fdatasync()ed first when it replaces a file. A symlink at
 * the destination is replaced, never written through; an existing device
 * or FIFO (/dev/null, >(...)) is written in place, and a descriptor's name
 * (/dev/stdout, /dev/fd/N: symlinks into /proc) through the descriptor, as
 * a shell redirection would. On any failure the temporary
 * file is removed, the destination is as it was and errno says why.
 * Messages are "PATH: reason", with path as given: the caller sanitises
 * them, as every util message.
 */
struct util_out;
/* The destination must not exist yet (a dangling symlink counts): EEXIST, never replaced. */
#define UTIL_OUT_NEW	1
/* Starts an output; NULL and *cause if the temporary file cannot be made. */
struct util_out	*util_out_open(const char *path, int flags, char **cause);
/* Where to write; owned by the output (do not fclose it). */
FILE		*util_out_file(struct util_out *);
/* Checks every write, renames into place and frees; 0, or -1 and *cause. */
int		 util_out_commit(struct util_out *, char **cause);
/* Removes the temporary file and frees; NULL is fine. */
void		 util_out_abort(struct util_out *);
/* The temporary files of outputs in progress, removed: async-signal-safe. */
void		 util_out_unlink_pending(void);
/*
 * A file mapped at p[0..len) that another program may truncate: a read
 * past its new end (SIGBUS) prints "sitmap: MESSAGE" and exits 1, once
 * util_catch_bus_errors() has been called. Unwatched when unmapped.
 */
void		 util_catch_bus_errors(void);
void		 util_watch_map(const void *p, size_t len, const char *message);
void		 util_unwatch_map(const void *p);
/* The whole of buf[0..len) to path, atomically as above. */
int		 util_write_atomic(const char *path, const void *buf, size_t len, int flags,
		    char **cause);
/*
 * A directory for a fresh set of outputs (--dump-all): created (mode 0777 &
 * ~umask) if missing; an existing one must be empty unless force. 0, or -1
 * and *cause ("DIR: directory is not empty" with errno ENOTEMPTY, "DIR: Not
 * a directory").
 */
int		 util_fresh_dir(const char *dir, int force, char **cause);

/*
 * Standard input, output and error that were closed when the program
 * started are opened on /dev/null read-only: no file the program opens
 * takes their numbers, and a write to them still fails (EBADF).
 */
void		 util_std_fds(void);
/*
 * Standard output through a stream that keeps the errno of its first failed
 * write, so that util_finish_stdout() can say why. Not for curses, which
 * needs stdout's descriptor: for the modes that print.
 */
void		 util_stdout_checked(void);
/*
 * Standard output, finished: flushed, checked and closed. 0, or -1 with
 * errno and *cause "standard output: REASON" (errno EPIPE: the reader left,
 * which the caller keeps quiet).
 */
int		 util_finish_stdout(char **cause);

/*
 * Where an arena's blocks may come from instead of the heap: room(ctx, n,
 * &at) maps n writable bytes (a multiple of the page size), which
 * arena_free() unmaps, and says where they lie in ctx's terms (*at: an
 * events cache entry's body offset); NULL: the block comes from the heap.
 * scratch() is a room for bytes that are built for a while (a timeline's
 * events while it is built), given back with drop(), which may come after
 * the entry is written, or kept as ctx's (scratch_keep()); both may be
 * NULL. drop() of 0 bytes gives back only the room's hold on ctx. Called
 * from any thread.
 */
struct arena_rooms {
	void		*(*room)(void *ctx, size_t n, uint64_t *at);
	void		*ctx;
	void		*(*scratch)(void *ctx, size_t n, uint64_t *at);
	void		 (*drop)(void *ctx, void *p, size_t n, uint64_t at);
};

/* A bump allocator for many small strings that live and die together. */
struct arena {
	struct arena_block *head;
	const struct arena_rooms *rooms;	/* NULL: the heap */
};
/* n bytes, unaligned; dies on OOM. */
char		*arena_alloc(struct arena *, size_t n);
/* Gives back the tail of the latest allocation p, keeping its first used bytes. */
void		 arena_trim(struct arena *, char *p, size_t used);
void		 arena_free(struct arena *);
/*
 * Takes every block of from into a, behind a's newest (which stays the one
 * that allocations and arena_trim() go to); from is left empty. What lives
 * in from's blocks lives on, as long as a.
 */
void		 arena_take(struct arena *, struct arena *from);
/*
 * Block i of an arena (newest first): 0 with its bytes, how many are used
 * and where its room lies (*at; UINT64_MAX: on the heap), or -1 past the last.
 */
int		 arena_block(const struct arena *, size_t i, const char **data, size_t *used,
		    uint64_t *at);

/*
 * A large array that is built, then dropped or kept where it lies (see
 * scratch_keep()): in a scratch room of rooms (see arena_rooms) when it
 * has them and the array is at least SCRATCH_MIN bytes, the size from
 * which malloc() would map it too (main() sets its threshold), else on
 * the heap. scratch_resize() gives p (NULL at first) resized from keep
 * bytes to n, the first keep kept, the rest zeroed if zero; it dies on
 * OOM. The array is freed with scratch_free() only.
 */
#define SCRATCH_MIN	((size_t)1 << 20)
struct scratch {
	size_t		 bytes;		/* the room's; 0: on the heap */
	uint64_t	 at;
	int		 kept;		/* scratch_keep(): ctx's now, only unmapped */
};
void		*scratch_resize(const struct arena_rooms *, struct scratch *, void *p,
		    size_t keep, size_t n, int zero);
void		 scratch_free(const struct arena_rooms *, struct scratch *, void *p);
/*
 * The first keep bytes of s's room (p) become part of what ctx keeps: a
 * section of the events cache entry, written where it was built. The rest
 * of the room is dropped; scratch_free() then only unmaps it. s must be
 * in a room.
 */
void		 scratch_keep(const struct arena_rooms *, struct scratch *, void *p, size_t keep);

/* s[0..*n) without its leading and trailing blanks (spaces and tabs): moves *s, shortens *n. */
void		 util_trim(const char **s, size_t *n);
/* s without leading and trailing blanks, and a trailing CR: cut in place. */
char		*util_trim_cut(char *s);

/*
 * A map from byte strings to indexes below 2^32: open addressing, grows as
 * needed. Keys are borrowed, must be NUL-terminated where they live (the
 * NUL at key[len]) and must outlive the map; lookups need not be.
 */
struct strmap;
/* FNV-1a of s[0..len), folded to 32 bits: for hash tables of their own (not the strmap's). */
uint32_t	 util_hash(const char *s, size_t len);
struct strmap	*strmap_new(void);
/* The value for key, or -1. */
long		 strmap_get(const struct strmap *, const char *key, size_t len);
/* Adds key (replacing its value if present). */
void		 strmap_put(struct strmap *, const char *key, size_t len, size_t value);
/*
 * Adds key with value unless it is there: -1 when added, else the value it
 * has (the map unchanged). One probe where strmap_get() and strmap_put() take two.
 */
long		 strmap_add(struct strmap *, const char *key, size_t len, size_t value);
/*
 * A lookup in steps, for a caller with other work to do while memory
 * answers: the key's hash once; the slot it starts at asked for early (a
 * cache miss in a large map); then, once that has come, the key the slot
 * points to, if its hash is the key's; then the lookup itself, with the
 * same hash. A map that has grown in between is only a wasted prefetch.
 */
uint32_t	 strmap_hash(const char *key, size_t len);
void		 strmap_prefetch(const struct strmap *, uint32_t hash);
void		 strmap_prefetch_key(const struct strmap *, uint32_t hash);
long		 strmap_get_hashed(const struct strmap *, const char *key, size_t len,
		    uint32_t hash);
void		 strmap_put_hashed(struct strmap *, const char *key, size_t len, uint32_t hash,
		    size_t value);
long		 strmap_add_hashed(struct strmap *, const char *key, size_t len, uint32_t hash,
		    size_t value);

/*
 * A map of distinct keys that lie elsewhere (an export's event ids, in
 * its events) to their index there: 8 bytes a slot where a strmap's are
 * 16, a key read through key_of(ctx, value) only when a slot's hash is
 * the key's. The hash is strmap_hash()'s.
 */
struct idmap;
struct idmap	*idmap_new(const char *(*key_of)(const void *ctx, uint32_t value),
		    const void *ctx);
/* Its slots from then on in rooms' scratch rooms, when large (see scratch_resize()). */
void		 idmap_rooms(struct idmap *, const struct arena_rooms *rooms);
void		 idmap_prefetch(const struct idmap *, uint32_t hash);
/* The value of key, or -1. */
long		 idmap_get_hashed(const struct idmap *, const char *key, size_t len, uint32_t hash);
/* Adds key with value unless it is there: -1 when added, else the value it has. */
long		 idmap_add_hashed(struct idmap *, const char *key, size_t len, uint32_t hash,
		    uint32_t value);
void		 idmap_free(struct idmap *);	/* NULL is fine */
void		 strmap_free(struct strmap *);	/* NULL is fine */

#endif
