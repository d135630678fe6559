/* util.h: dying, warning and allocation helpers shared by every module. */
#ifndef SITMAP_UTIL_H
#define SITMAP_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* Exit statuses, documented in sitmap.1. */
#define EXIT_DATA	1	/* bad input file, or a fatal runtime error */
#define EXIT_USAGE	2	/* bad command line or environment */

/* Prints "sitmap: MSG" to stderr after running the die hook; exits EXIT_DATA. */
void	 die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
/* Same, with an explicit exit status. */
void	 die_status(int status, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3), noreturn));
/* Prints "sitmap: warning: MSG" to stderr (or queues it while the TUI runs). */
void	 warnf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Runs before die() writes: the TUI registers endwin() here. */
void	 die_set_hook(void (*hook)(void));
/* While set, warnf() queues messages instead of writing them; util_flush_warnings() prints. */
void	 util_queue_warnings(int on);
void	 util_flush_warnings(void);

/* Allocators that never return NULL: they die on out-of-memory or overflow. */
void	*xmalloc(size_t size);
void	*xcalloc(size_t nmemb, size_t size);
void	*xreallocarray(void *ptr, size_t nmemb, size_t size);
char	*xstrdup(const char *s);
char	*xstrndup(const char *s, size_t n);
/* Allocates and formats; returns the length. Caller frees *out. */
int	 xvasprintf(char **out, const char *fmt, va_list ap)
	    __attribute__((format(printf, 2, 0)));
int	 xasprintf(char **out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

struct stat;
/*
 * Opens a file to read: -1 and *cause for what cannot be, a directory, or
 * a regular file over max_bytes. *st is its fstat().
 */
int	 util_open_file(const char *path, size_t max_bytes, struct stat *st, char **cause);
/* Reads a whole file up to max_bytes into a NUL-terminated buffer; -1 and *cause on error. */
int	 util_read_file(const char *path, size_t max_bytes, char **buf, size_t *len,
	    char **cause);

/* A bump allocator for many small strings that live and die together. */
struct arena {
	struct arena_block *head;
};
/* n bytes, unaligned; dies on OOM. */
char		*arena_alloc(struct arena *, size_t n);
/* Gives back the tail of the latest allocation p, keeping its first used bytes. */
void		 arena_trim(struct arena *, char *p, size_t used);
void		 arena_free(struct arena *);

/*
 * A map from byte strings to indexes below 2^32: open addressing, grows as
 * needed. Keys are borrowed, must be NUL-terminated where they live (the
 * NUL at key[len]) and must outlive the map; lookups need not be.
 */
struct strmap;
/* FNV-1a of s[0..len), folded to 32 bits: the strmap's hash, for maps of their own. */
uint32_t	 util_hash(const char *s, size_t len);
struct strmap	*strmap_new(void);
/* The value for key, or -1. */
long		 strmap_get(const struct strmap *, const char *key, size_t len);
/* Adds key (replacing its value if present). */
void		 strmap_put(struct strmap *, const char *key, size_t len, size_t value);
void		 strmap_free(struct strmap *);	/* NULL is fine */

#endif
