/* util.c: dying, warning, allocation and whole-file reads. */
#include "util.h"

#include <assert.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <stdint.h>
#include <unistd.h>

static void	(*die_hook)(void);
static int	  queue_on;
static char	 *queued;		/* warnings held while the TUI owns the screen */
static size_t	  queued_len;

void
die_set_hook(void (*hook)(void))
{
	die_hook = hook;
}

static void __attribute__((noreturn, format(printf, 2, 0)))
vdie(int status, const char *fmt, va_list ap)
{
	if (die_hook != NULL) {
		void (*hook)(void) = die_hook;

		die_hook = NULL;	/* a failing hook must not loop */
		hook();
	}
	util_flush_warnings();
	fputs("sitmap: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	exit(status);
}

void
die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdie(EXIT_DATA, fmt, ap);
}

void
die_status(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdie(status, fmt, ap);
}

void
warnf(const char *fmt, ...)
{
	va_list ap;
	char *msg;
	int n;

	va_start(ap, fmt);
	n = xvasprintf(&msg, fmt, ap);
	va_end(ap);
	if (!queue_on) {
		fprintf(stderr, "sitmap: warning: %s\n", msg);
		free(msg);
		return;
	}
	queued = xreallocarray(queued, queued_len + (size_t)n + 32, 1);
	queued_len += (size_t)sprintf(queued + queued_len, "sitmap: warning: %s\n", msg);
	free(msg);
}

void
util_queue_warnings(int on)
{
	queue_on = on;
}

void
util_flush_warnings(void)
{
	if (queued != NULL)
		fputs(queued, stderr);
	free(queued);
	queued = NULL;
	queued_len = 0;
}

/*
 * Asks for transparent huge pages on a large block: a million events touch
 * hundreds of megabytes, and one fault per 2 MiB instead of per 4 KiB is
 * a third of the load time on a virtual machine. A hint: errors are moot.
 */
static void *
huge_hint(void *p, size_t size)
{
	const uintptr_t huge = (uintptr_t)2 << 20;
	uintptr_t lo = ((uintptr_t)p + huge - 1) & ~(huge - 1);
	uintptr_t hi = ((uintptr_t)p + size) & ~(huge - 1);

	if (size >= 2 * huge && hi > lo)
		(void)madvise((void *)lo, hi - lo, MADV_HUGEPAGE);
	return p;
}

void *
xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (p == NULL)
		die("out of memory (%zu bytes)", size);
	return huge_hint(p, size);
}

void *
xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);

	if (p == NULL)
		die("out of memory (%zu x %zu bytes)", nmemb, size);
	return huge_hint(p, nmemb * size);
}

void *
xreallocarray(void *ptr, size_t nmemb, size_t size)
{
	void *p;

	if (nmemb == 0 || size == 0)
		nmemb = size = 1;
	p = reallocarray(ptr, nmemb, size);
	if (p == NULL)
		die("out of memory (%zu x %zu bytes)", nmemb, size);
	return huge_hint(p, nmemb * size);
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

int
xvasprintf(char **out, const char *fmt, va_list ap)
{
	int n = vasprintf(out, fmt, ap);

	if (n < 0)
		die("out of memory");
	return n;
}

int
xasprintf(char **out, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = xvasprintf(out, fmt, ap);
	va_end(ap);
	return n;
}

int
util_open_file(const char *path, size_t max_bytes, struct stat *st, char **cause)
{
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, st) == -1 || S_ISDIR(st->st_mode)) {
		xasprintf(cause, "%s: %s", path,
		    S_ISDIR(st->st_mode) ? "is a directory" : strerror(errno));
		close(fd);
		return -1;
	}
	if (S_ISREG(st->st_mode) && (uintmax_t)st->st_size > max_bytes) {
		xasprintf(cause, "%s: file is larger than %zu bytes", path, max_bytes);
		close(fd);
		return -1;
	}
	return fd;
}

int
util_read_file(const char *path, size_t max_bytes, char **buf, size_t *len,
    char **cause)
{
	struct stat st;
	size_t have = 0, cap;
	ssize_t got;
	char *p;
	int fd;

	if ((fd = util_open_file(path, max_bytes, &st, cause)) == -1)
		return -1;
	/* the size, the NUL, and a byte for the read that finds the end */
	cap = S_ISREG(st.st_mode) ? (size_t)st.st_size + 2 : 65536;
	p = xmalloc(cap);
	for (;;) {
		if (have + 1 >= cap) {
			if (cap > max_bytes) {
				xasprintf(cause, "%s: file is larger than %zu bytes",
				    path, max_bytes);
				goto fail;
			}
			cap *= 2;
			p = xreallocarray(p, cap, 1);
		}
		got = read(fd, p + have, cap - have - 1);
		if (got == 0)
			break;
		if (got < 0) {
			if (errno == EINTR)
				continue;
			xasprintf(cause, "%s: %s", path, strerror(errno));
			goto fail;
		}
		have += (size_t)got;
	}
	close(fd);
	p[have] = '\0';
	*buf = p;
	*len = have;
	return 0;
fail:
	close(fd);
	free(p);
	return -1;
}

/* 16 bytes a slot: keys are NUL-terminated where they live, so no length is kept. */
struct strmap_slot {
	const char	*key;		/* NULL: empty */
	uint32_t	 hash;
	uint32_t	 value;
};

struct strmap {
	size_t			 n, cap;	/* cap is a power of two */
	struct strmap_slot	*slots;
};

uint32_t
util_hash(const char *s, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 0x100000001b3ULL;
	return (uint32_t)(h ^ (h >> 32));
}

struct strmap *
strmap_new(void)
{
	struct strmap *m = xcalloc(1, sizeof *m);

	m->cap = 64;
	m->slots = xcalloc(m->cap, sizeof *m->slots);
	return m;
}

static struct strmap_slot *
strmap_find(const struct strmap *m, const char *key, size_t len, uint32_t h)
{
	size_t i = h & (m->cap - 1);

	for (;; i = (i + 1) & (m->cap - 1)) {
		struct strmap_slot *sl = &m->slots[i];

		if (sl->key == NULL || (sl->hash == h && memcmp(sl->key, key, len) == 0 &&
		    sl->key[len] == '\0'))
			return sl;
	}
}

long
strmap_get(const struct strmap *m, const char *key, size_t len)
{
	const struct strmap_slot *sl = strmap_find(m, key, len, util_hash(key, len));

	return sl->key != NULL ? (long)sl->value : -1;
}

/* Rehashes into a table of cap slots: keys are distinct, so no key is compared. */
static void
strmap_resize(struct strmap *m, size_t cap)
{
	struct strmap_slot *old = m->slots;
	size_t i, j, oldcap = m->cap;

	m->cap = cap;
	m->slots = xcalloc(m->cap, sizeof *m->slots);
	for (i = 0; i < oldcap; i++) {
		if (old[i].key == NULL)
			continue;
		for (j = old[i].hash & (cap - 1); m->slots[j].key != NULL; j = (j + 1) & (cap - 1))
			;
		m->slots[j] = old[i];
	}
	free(old);
}

void
strmap_put(struct strmap *m, const char *key, size_t len, size_t value)
{
	uint32_t h = util_hash(key, len);
	struct strmap_slot *sl;

	assert(key[len] == '\0' && value <= UINT32_MAX);
	if ((m->n + 1) * 4 > m->cap * 3)
		strmap_resize(m, m->cap * 2);
	sl = strmap_find(m, key, len, h);
	if (sl->key == NULL)
		m->n++;
	sl->key = key;
	sl->hash = h;
	sl->value = (uint32_t)value;
}

void
strmap_free(struct strmap *m)
{
	if (m == NULL)
		return;
	free(m->slots);
	free(m);
}

struct arena_block {
	struct arena_block	*next;
	size_t			 used, cap;
	char			 data[];
};

char *
arena_alloc(struct arena *a, size_t n)
{
	struct arena_block *b = a->head;

	if (b == NULL || b->cap - b->used < n) {
		/* blocks double up to 64 MiB: few of them, and large enough for huge pages */
		size_t cap = (size_t)1 << 20;

		if (b != NULL)
			cap = b->cap >= (size_t)32 << 20 ? (size_t)64 << 20 : b->cap * 2;
		if (cap < n)
			cap = n;
		if (cap > SIZE_MAX - sizeof *b)
			die("out of memory (%zu bytes)", n);
		b = xmalloc(sizeof *b + cap);
		b->next = a->head;
		b->used = 0;
		b->cap = cap;
		a->head = b;
	}
	b->used += n;
	return b->data + b->used - n;
}

void
arena_trim(struct arena *a, char *p, size_t used)
{
	struct arena_block *b = a->head;

	if (b != NULL && p >= b->data && p <= b->data + b->used)
		b->used = (size_t)(p - b->data) + used;
}

void
arena_free(struct arena *a)
{
	struct arena_block *b = a->head, *next;

	for (; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	a->head = NULL;
}
