/* util.c: dying, warning, allocation and whole-file reads. */
#include "util.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
	n = vasprintf(&msg, fmt, ap);
	va_end(ap);
	if (n < 0)
		die("out of memory");
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

void *
xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (p == NULL)
		die("out of memory (%zu bytes)", size);
	return p;
}

void *
xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);

	if (p == NULL)
		die("out of memory (%zu x %zu bytes)", nmemb, size);
	return p;
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
	return p;
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
xasprintf(char **out, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vasprintf(out, fmt, ap);
	va_end(ap);
	if (n < 0)
		die("out of memory");
	return n;
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

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == -1 || S_ISDIR(st.st_mode)) {
		xasprintf(cause, "%s: %s", path,
		    S_ISDIR(st.st_mode) ? "is a directory" : strerror(errno));
		close(fd);
		return -1;
	}
	if (S_ISREG(st.st_mode) && (uintmax_t)st.st_size > max_bytes) {
		xasprintf(cause, "%s: file is larger than %zu bytes", path, max_bytes);
		close(fd);
		return -1;
	}
	cap = S_ISREG(st.st_mode) ? (size_t)st.st_size + 1 : 65536;
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
