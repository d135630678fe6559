/* util.c: dying, allocation, whole-file reads, atomic outputs, an arena and a string map. */
#include "util.h"

#include <assert.h>
#include <dirent.h>
#include <errno.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <fcntl.h>
#include <stdint.h>
#include <unistd.h>

static void	(*die_hook)(void);

void
die_set_hook(void (*hook)(void))
{
	die_hook = hook;
}

static void __attribute__((noreturn, format(printf, 2, 0)))
vdie(int status, const char *fmt, va_list ap)
{
	char msg[1024], *p;

	if (die_hook != NULL) {
		void (*hook)(void) = die_hook;

		die_hook = NULL;	/* a failing hook must not loop */
		hook();
	}
	/*
	 * Below the sanitiser (text.c): the messages are ours (out of memory,
	 * PROJ missing), but dlerror() quotes a path, so nothing but
	 * printable ASCII passes.
	 */
	vsnprintf(msg, sizeof msg, fmt, ap);
	for (p = msg; *p != '\0'; p++)
		if (*p < ' ' || *p > '~')
			*p = '?';
	fprintf(stderr, "sitmap: %s\n", msg);
	exit(status);
}

void
die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdie(EXIT_DATA, fmt, ap);
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
	void *p = NULL;

	/* on a huge page's boundary, so that huge_hint() covers it to its ends */
	if (size >= (size_t)4 << 20) {
		if (posix_memalign(&p, (size_t)2 << 20, size) != 0)
			p = NULL;
	} else {
		p = malloc(size ? size : 1);
	}
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

void
util_release(void *p, size_t len)
{
	uintptr_t pg = (uintptr_t)sysconf(_SC_PAGESIZE), lo, hi;

	lo = ((uintptr_t)p + pg - 1) / pg * pg;
	hi = ((uintptr_t)p + len) / pg * pg;
	if (hi > lo)
		(void)madvise((void *)lo, hi - lo, MADV_DONTNEED);
}

void *
xreallocarray(void *ptr, size_t nmemb, size_t size)
{
	void *p;

	if (nmemb == 0 || size == 0)
		nmemb = size = 1;
#ifdef __GLIBC__
	/*
	 * A large block grown in place is moved by mremap(), which splits its
	 * huge pages, and the pages added after are small ones: filling a
	 * million events (88 MB) took 465 ms grown by realloc, 214 ms copied
	 * to a new block each time it doubles.
	 */
	if (ptr != NULL && nmemb <= SIZE_MAX / size && nmemb * size >= (size_t)4 << 20) {
		size_t old = malloc_usable_size(ptr);

		if (nmemb * size > old) {
			size_t off, step = (size_t)8 << 20, n;

			p = xmalloc(nmemb * size);
			for (off = 0; off < old; off += n) {
				n = old - off < step ? old - off : step;
				memcpy((char *)p + off, (char *)ptr + off, n);
				util_release((char *)ptr + off, n);
			}
			free(ptr);
			return p;
		}
	}
#endif
	p = reallocarray(ptr, nmemb, size);
	if (p == NULL)
		die("out of memory (%zu x %zu bytes)", nmemb, size);
	return huge_hint(p, nmemb * size);
}

void
xgrow(void *pp, size_t *cap, size_t need, size_t sz)
{
	void **p = pp;
	size_t n = *cap;

	if (need <= n)
		return;
	if (n < 64)
		n = 64;
	while (n < need)
		n = n > SIZE_MAX / 2 ? need : n * 2;
	*p = xreallocarray(*p, n, sz);
	*cap = n;
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
util_open_input(const char *path, size_t max_bytes, int flags, struct stat *st,
    char **cause)
{
	int fd, fl, err;

	/*
	 * O_NONBLOCK: opening a FIFO for reading waits for a writer, and a
	 * device may wait too; nothing is known of the file before fstat.
	 */
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)) == -1) {
		err = errno;
		xasprintf(cause, "%s: %s", path, strerror(err));
		errno = err;
		return -1;
	}
	if (fstat(fd, st) == -1) {
		err = errno;
		xasprintf(cause, "%s: %s", path, strerror(err));
	} else if (S_ISDIR(st->st_mode)) {
		err = EISDIR;
		xasprintf(cause, "%s: is a directory", path);
	} else if (!S_ISREG(st->st_mode) && (flags & UTIL_IN_REGULAR)) {
		err = EINVAL;
		xasprintf(cause, "%s: not a regular file", path);
	} else if (S_ISREG(st->st_mode) && (uintmax_t)st->st_size > max_bytes) {
		err = EFBIG;
		xasprintf(cause, "%s: file is larger than %zu bytes", path, max_bytes);
	} else if ((fl = fcntl(fd, F_GETFL)) == -1 ||
	    fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) == -1) {
		/* a stream is read blocking; a FIFO without a writer reads as empty */
		err = errno;
		xasprintf(cause, "%s: %s", path, strerror(err));
	} else
		return fd;
	close(fd);
	errno = err;
	return -1;
}

int
util_open_file(const char *path, size_t max_bytes, struct stat *st, char **cause)
{
	return util_open_input(path, max_bytes, 0, st, cause);
}

int
util_read_fd(int fd, const char *path, size_t max_bytes, char **buf, size_t *len,
    char **cause)
{
	struct stat st;
	size_t have = 0, cap;
	ssize_t got;
	char *p;

	/*
	 * The size, the NUL, and a byte for the read that finds the end; a
	 * stream grows the buffer up to max_bytes + 2, never past it: at most
	 * max_bytes + 1 bytes are read.
	 */
	if (max_bytes > SIZE_MAX - 2)
		max_bytes = SIZE_MAX - 2;
	cap = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    (uintmax_t)st.st_size <= max_bytes ? (size_t)st.st_size + 2 : 65536;
	if (cap > max_bytes + 2)
		cap = max_bytes + 2;
	p = xmalloc(cap);
	for (;;) {
		if (have + 1 >= cap) {
			if (have > max_bytes) {
				xasprintf(cause, "%s: file is larger than %zu bytes",
				    path, max_bytes);
				free(p);
				return -1;
			}
			cap = cap > (max_bytes + 2) / 2 ? max_bytes + 2 : cap * 2;
			p = xreallocarray(p, cap, 1);
		}
		got = read(fd, p + have, cap - have - 1);
		if (got == 0)
			break;
		if (got < 0) {
			if (errno == EINTR)
				continue;
			xasprintf(cause, "%s: %s", path, strerror(errno));
			free(p);
			return -1;
		}
		have += (size_t)got;
	}
	p[have] = '\0';
	*buf = p;
	*len = have;
	return 0;
}

int
util_read_input(const char *path, size_t max_bytes, int flags, char **buf, size_t *len,
    char **cause)
{
	struct stat st;
	int fd, r;

	if ((fd = util_open_input(path, max_bytes, flags, &st, cause)) == -1)
		return -1;
	r = util_read_fd(fd, path, max_bytes, buf, len, cause);
	close(fd);
	return r;
}

int
util_read_file(const char *path, size_t max_bytes, char **buf, size_t *len,
    char **cause)
{
	return util_read_input(path, max_bytes, 0, buf, len, cause);
}

/*
 * Outputs. The temporary file lives beside the destination, so that the
 * rename is atomic; O_EXCL never follows a symlink, and rename() replaces
 * a symlink at the destination, not its target.
 */
#define MAX_PENDING	16

struct util_out {
	FILE		*fp;		/* writes through out_write() */
	int		 fd;
	mode_t		 mode;		/* of the file replaced, if keep_mode */
	int		 keep_mode;
	int		 err;		/* errno of the first failed write */
	char		*path;
	char		*tmp;		/* NULL: written in place (a device or FIFO) */
	int		 flags;
	int		 replacing;	/* a file is there: fsync before it is replaced */
	int		 slot;		/* in pending[], or -1 */
};

/* Temporary files not yet renamed, for util_out_unlink_pending() in a signal handler. */
static char *volatile pending[MAX_PENDING];

void
util_out_unlink_pending(void)
{
	int i;

	for (i = 0; i < MAX_PENDING; i++)
		if (pending[i] != NULL)
			(void)unlink(pending[i]);
}

/*
 * Mapped files whose truncation by another program would kill the process
 * with SIGBUS when a page past the new end is read: an input mapped for
 * parsing, a cache entry mapped for the run. The handler says which file
 * and exits 1, as for any bad input; a fault elsewhere is left as it was.
 */
#define MAX_WATCHED	16

static struct watched {
	uintptr_t	 from, to;		/* 0, 0: a free slot */
	char		 msg[320];
	size_t		 len;
} watched[MAX_WATCHED];
static unsigned next_watch;
static struct sigaction bus_before;

static void
on_bus(int sig, siginfo_t *si, void *ctx)
{
	uintptr_t a = (uintptr_t)si->si_addr;
	int i;

	for (i = 0; i < MAX_WATCHED; i++)
		if (a >= watched[i].from && a < watched[i].to) {
			util_out_unlink_pending();
			(void)!write(STDERR_FILENO, watched[i].msg, watched[i].len);
			_exit(1);
		}
	/* not ours: the fault happens again under the handler there was */
	(void)sig;
	(void)ctx;
	sigaction(SIGBUS, &bus_before, NULL);
}

void
util_catch_bus_errors(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_sigaction = on_bus;
	sa.sa_flags = SA_SIGINFO | SA_NODEFER;
	sigaction(SIGBUS, &sa, &bus_before);
}

void
util_watch_map(const void *p, size_t len, const char *message)
{
	struct watched *w;
	int i;

	for (i = 0; i < MAX_WATCHED; i++)
		if (watched[i].to == 0)
			break;
	/* all taken: the oldest goes (its mapping is the likeliest gone) */
	w = &watched[i < MAX_WATCHED ? (unsigned)i : next_watch++ % MAX_WATCHED];
	w->to = 0;
	w->len = (size_t)snprintf(w->msg, sizeof w->msg, "sitmap: %s\n", message);
	if (w->len >= sizeof w->msg) {
		w->len = sizeof w->msg - 1;
		w->msg[w->len - 1] = '\n';
	}
	w->from = (uintptr_t)p;
	__atomic_store_n(&w->to, (uintptr_t)p + len, __ATOMIC_RELEASE);
}

void
util_unwatch_map(const void *p)
{
	int i;

	for (i = 0; i < MAX_WATCHED; i++)
		if (watched[i].from == (uintptr_t)p && watched[i].to != 0) {
			watched[i].to = 0;
			watched[i].from = 0;
		}
}

static int __attribute__((format(printf, 3, 4)))
out_fail(char **cause, const char *path, const char *fmt, ...)
{
	va_list ap;
	char *why;
	int err = errno;

	va_start(ap, fmt);
	xvasprintf(&why, fmt, ap);
	va_end(ap);
	xasprintf(cause, "%s: %s", path, why);
	free(why);
	errno = err;
	return -1;
}

/* A new temporary file in path's directory, mode 0666 & ~umask; -1 on error. */
static int
out_tmp(struct util_out *o, char **cause)
{
	static unsigned counter;
	const char *slash = strrchr(o->path, '/'), *base = slash ? slash + 1 : o->path;
	int dirlen = slash ? (int)(slash - o->path + 1) : 0, fd, tries;
	struct timespec ts;

	for (tries = 0; tries < 100; tries++) {
		clock_gettime(CLOCK_REALTIME, &ts);
		free(o->tmp);
		/* a base name near NAME_MAX is cut: the name only has to be unique */
		xasprintf(&o->tmp, "%.*s.%.200s.%ld.%x%lx.tmp", dirlen, o->path, base,
		    (long)getpid(), counter++, (unsigned long)ts.tv_nsec);
		fd = open(o->tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_NOCTTY |
		    O_CLOEXEC, 0666);
		/* a private file stays private when it is replaced */
		if (fd >= 0 && o->keep_mode && fchmod(fd, o->mode) != 0) {
			int err = errno;

			close(fd);
			unlink(o->tmp);
			errno = err;
			break;
		}
		if (fd >= 0)
			return fd;
		if (errno != EEXIST)
			break;
	}
	/*
	 * The destination may well be writable: say that it is the new file
	 * beside it that could not be made, and where
	 */
	{
		int err = errno;
		char *dir = dirlen == 0 ? xstrdup(".") :
		    xstrndup(o->path, dirlen > 1 ? (size_t)dirlen - 1 : 1);

		errno = err;
		out_fail(cause, o->path, "cannot write: no file can be created in %s%s (%s)", dir,
		    o->replacing ? " to rename over it" : "", strerror(err));
		free(dir);
	}
	free(o->tmp);
	o->tmp = NULL;
	return -1;
}

/* stdio would keep only "an error happened": the first errno is kept here. */
static ssize_t
out_write(void *cookie, const char *buf, size_t n)
{
	struct util_out *o = cookie;
	size_t done = 0;
	ssize_t w;

	while (done < n) {
		if ((w = write(o->fd, buf + done, n - done)) < 0) {
			if (errno == EINTR)
				continue;
			if (o->err == 0)
				o->err = errno;
			return 0;	/* what fopencookie() takes for an error */
		}
		done += (size_t)w;
	}
	return (ssize_t)n;
}

/* N if s is "PREFIX/N" for one of the prefixes naming our descriptors, else -1. */
static int
fd_number(const char *s)
{
	char own[32];
	const char *base = strrchr(s, '/');
	size_t dirlen = base != NULL ? (size_t)(base - s) : 0;
	long n;
	char *end;

	if (base == NULL || base[1] < '0' || base[1] > '9')
		return -1;
	snprintf(own, sizeof own, "/proc/%ld/fd", (long)getpid());
	if (!((dirlen == 13 && strncmp(s, "/proc/self/fd", 13) == 0) ||
	    (dirlen == strlen(own) && strncmp(s, own, dirlen) == 0)))
		return -1;
	n = strtol(base + 1, &end, 10);
	return *end == '\0' && n >= 0 && n <= INT32_MAX ? (int)n : -1;
}

/*
 * A descriptor's name (/dev/stdout, /dev/fd/N, /proc/self/fd/N): a symlink
 * into /proc, or one that lives there. Replacing it would replace
 * /dev/stdout itself: it is written as a shell redirection would, through
 * the descriptor (*fd, -1 if it is not one of ours: then in place).
 */
static int
fd_link(const char *path, int *fd)
{
	char target[PATH_MAX], real[PATH_MAX], *dir = xstrdup(path), *slash, *at;
	ssize_t n = readlink(path, target, sizeof target - 1);
	int r = 0;

	*fd = -1;
	if (n >= 6 && memcmp(target, "/proc/", 6) == 0) {
		target[n] = '\0';
		*fd = fd_number(target);
		r = 1;
	} else {
		if ((slash = strrchr(dir, '/')) == NULL)
			strcpy(dir, ".");
		else
			slash[slash == dir] = '\0';	/* "/x" has the directory "/" */
		if (realpath(dir, real) != NULL && strncmp(real, "/proc/", 6) == 0 &&
		    strlen(real) + strlen(path) + 2 < sizeof real) {
			at = strrchr(path, '/');
			strcat(real, "/");
			strcat(real, at != NULL ? at + 1 : path);
			*fd = fd_number(real);
			r = 1;
		}
	}
	free(dir);
	return r;
}

struct util_out *
util_out_open(const char *path, int flags, char **cause)
{
	static const cookie_io_functions_t io = { NULL, out_write, NULL, NULL };
	struct util_out *o;
	struct stat lst, st;
	int i, fd, exists = lstat(path, &lst) == 0;

	if (path[0] == '\0') {
		errno = ENOENT;
		out_fail(cause, path, "%s", strerror(ENOENT));
		return NULL;
	}
	if (exists && (flags & UTIL_OUT_NEW)) {
		errno = EEXIST;
		out_fail(cause, path, "%s", strerror(EEXIST));
		return NULL;
	}
	o = xcalloc(1, sizeof *o);
	o->path = xstrdup(path);
	o->flags = flags;
	o->slot = -1;
	o->fd = -1;
	if (exists && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		out_fail(cause, path, "is a directory");
		goto fail;
	}
	if (exists && S_ISLNK(lst.st_mode) && fd_link(path, &fd)) {
		/* /dev/stdout, /dev/fd/N: the descriptor, shared (its offset, O_APPEND) */
		if ((o->fd = fd >= 0 ? fcntl(fd, F_DUPFD_CLOEXEC, 3) :
		    open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC)) == -1) {
			out_fail(cause, path, "%s", strerror(errno));
			goto fail;
		}
	} else if (exists && stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		/* a device or FIFO (/dev/null, >(...)) is written in place */
		if ((o->fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC)) == -1) {
			out_fail(cause, path, "%s", strerror(errno));
			goto fail;
		}
	} else {
		o->replacing = exists;
		if (exists && S_ISREG(lst.st_mode)) {
			o->mode = lst.st_mode & 0777;
			o->keep_mode = 1;
		}
		if ((o->fd = out_tmp(o, cause)) == -1)
			goto fail;
		for (i = 0; i < MAX_PENDING && o->slot < 0; i++)
			if (pending[i] == NULL)
				pending[o->slot = i] = o->tmp;
	}
	if ((o->fp = fopencookie(o, "w", io)) == NULL) {
		out_fail(cause, path, "%s", strerror(errno));
		goto fail;
	}
	return o;
fail:
	i = errno;
	util_out_abort(o);
	errno = i;
	return NULL;
}

FILE *
util_out_file(struct util_out *o)
{
	return o->fp;
}

/* Frees o; its temporary file, if any is left, goes first. */
static void
out_free(struct util_out *o)
{
	if (o->slot >= 0)
		pending[o->slot] = NULL;
	if (o->fp != NULL)
		fclose(o->fp);
	if (o->fd >= 0)
		close(o->fd);
	if (o->tmp != NULL)
		unlink(o->tmp);
	free(o->tmp);
	free(o->path);
	free(o);
}

void
util_out_abort(struct util_out *o)
{
	if (o != NULL)
		out_free(o);
}

/* Moves the finished temporary file to its destination. */
static int
out_rename(struct util_out *o)
{
	if (!(o->flags & UTIL_OUT_NEW))
		return rename(o->tmp, o->path);
	/* never over a file, a symlink (even dangling) or anything else */
	if (renameat2(AT_FDCWD, o->tmp, AT_FDCWD, o->path, RENAME_NOREPLACE) == 0)
		return 0;
	if (errno != EINVAL && errno != ENOSYS)
		return -1;
	/* a file system without RENAME_NOREPLACE: link() does not replace either */
	if (link(o->tmp, o->path) != 0)
		return -1;
	(void)unlink(o->tmp);
	return 0;
}

int
util_out_commit(struct util_out *o, char **cause)
{
	int err;

	if (fflush(o->fp) == EOF && o->err == 0)
		o->err = errno != 0 ? errno : EIO;
	if (ferror(o->fp) && o->err == 0)
		o->err = EIO;
	fclose(o->fp);		/* closes nothing: the fd is o's */
	o->fp = NULL;
	/* Replacing a file: its data must be on disk before the name moves. */
	if (o->err == 0 && o->tmp != NULL && o->replacing && fdatasync(o->fd) != 0)
		o->err = errno;
	if (close(o->fd) != 0 && o->err == 0)
		o->err = errno;
	o->fd = -1;
	if (o->err == 0 && o->tmp != NULL && out_rename(o) != 0)
		o->err = errno;
	if ((err = o->err) != 0)
		out_fail(cause, o->path, "%s", strerror(err));
	else if (o->tmp != NULL) {
		free(o->tmp);	/* renamed: nothing to remove */
		o->tmp = NULL;
	}
	out_free(o);
	errno = err;
	return err != 0 ? -1 : 0;
}

int
util_write_atomic(const char *path, const void *buf, size_t len, int flags, char **cause)
{
	struct util_out *o;

	if ((o = util_out_open(path, flags, cause)) == NULL)
		return -1;
	if (len > 0)
		(void)fwrite(buf, 1, len, util_out_file(o));
	return util_out_commit(o, cause);
}

int
util_fresh_dir(const char *dir, int force, char **cause)
{
	struct dirent *e;
	struct stat st;
	DIR *d;
	int found = 0;

	if (mkdir(dir, 0777) == 0)
		return 0;
	if (errno != EEXIST)
		return out_fail(cause, dir, "%s", strerror(errno));
	if (stat(dir, &st) != 0)
		return out_fail(cause, dir, "%s", strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return out_fail(cause, dir, "%s", strerror(ENOTDIR));
	if (force)
		return 0;
	if ((d = opendir(dir)) == NULL)
		return out_fail(cause, dir, "%s", strerror(errno));
	while (!found && (e = readdir(d)) != NULL)
		found = strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	closedir(d);
	if (!found)
		return 0;
	errno = ENOTEMPTY;
	return out_fail(cause, dir, "directory is not empty");
}

void
util_std_fds(void)
{
	int fd;

	for (fd = 0; fd <= 2; fd++) {
		int nfd;

		if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
			continue;
		/* read-only: a write fails with EBADF, as on the closed descriptor */
		if ((nfd = open("/dev/null", O_RDONLY | O_NOCTTY)) == -1)
			continue;
		if (nfd != fd) {
			dup2(nfd, fd);
			close(nfd);
		}
	}
}

/* Standard output through out_write(), which keeps the first errno; NULL: stdio's own. */
static struct util_out	*stdout_out;

void
util_stdout_checked(void)
{
	static const cookie_io_functions_t io = { NULL, out_write, NULL, NULL };
	static struct util_out so;
	FILE *fp;

	if (stdout_out != NULL)
		return;
	so.fd = STDOUT_FILENO;
	if ((fp = fopencookie(&so, "w", io)) == NULL)
		return;
	fflush(stdout);
	/* glibc's stdout is a variable that may be set ("Standard Streams") */
	stdout = fp;
	stdout_out = &so;
}

int
util_finish_stdout(char **cause)
{
	int err = 0;

	errno = 0;
	if (fflush(stdout) == EOF)
		err = errno != 0 ? errno : EIO;
	else if (ferror(stdout))
		err = EIO;
	/* a write that failed before: its own errno, kept */
	if (stdout_out != NULL && stdout_out->err != 0)
		err = stdout_out->err;
	/*
	 * The checked stream is flushed, not closed (it owns no descriptor):
	 * libstdc++, which PROJ brings, keeps the stdout it found when loaded
	 * and flushes it at exit, which was a write into freed memory once it
	 * was closed (glibc's heap check then aborted a run now and then).
	 */
	if (stdout_out == NULL && fclose(stdout) == EOF && err == 0)
		err = errno != 0 ? errno : EIO;
	/* the cookie closes nothing: the descriptor, last (NFS reports there) */
	if (stdout_out != NULL && close(STDOUT_FILENO) != 0 && err == 0)
		err = errno;
	if (err == 0)
		return 0;
	xasprintf(cause, "standard output: %s", strerror(err));
	errno = err;
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

/*
 * The map's own hash, 8 bytes a step: FNV-1a's byte at a time was most of
 * a lookup's cost (an import hashes hundreds of bytes of keys a row).
 * MurmurHash64A's mixing of each word, its final avalanche, and the
 * length in the seed (keys are not padded); the last word of a key of 8
 * bytes or more overlaps the one before, a shorter key is read in two
 * overlapping halves or three bytes.
 */
static uint32_t
map_hash(const char *s, size_t len)
{
	const uint64_t m = 0xc6a4a7935bd1e995ULL;
	uint64_t h = 0x8445d61a4e774912ULL ^ (len * m), w;
	size_t i;

	for (i = 0; i + 8 <= len; i += 8) {
		memcpy(&w, s + i, 8);
		w *= m;
		w ^= w >> 47;
		h = (h ^ w * m) * m;
	}
	if (i < len) {
		if (len >= 8) {
			memcpy(&w, s + len - 8, 8);
		} else if (len >= 4) {
			uint32_t a, b;

			memcpy(&a, s, 4);
			memcpy(&b, s + len - 4, 4);
			w = (uint64_t)a << 32 | b;
		} else {
			w = (uint64_t)(unsigned char)s[0] << 16 |
			    (uint64_t)(unsigned char)s[len / 2] << 8 | (unsigned char)s[len - 1];
		}
		w *= m;
		w ^= w >> 47;
		h = (h ^ w * m) * m;
	}
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return (uint32_t)h;
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

uint32_t
strmap_hash(const char *key, size_t len)
{
	return map_hash(key, len);
}

void
strmap_prefetch(const struct strmap *m, uint32_t hash)
{
	__builtin_prefetch(&m->slots[hash & (m->cap - 1)]);
}

void
strmap_prefetch_key(const struct strmap *m, uint32_t hash)
{
	const struct strmap_slot *sl = &m->slots[hash & (m->cap - 1)];

	if (sl->key != NULL && sl->hash == hash)
		__builtin_prefetch(sl->key);
}

long
strmap_get_hashed(const struct strmap *m, const char *key, size_t len, uint32_t hash)
{
	const struct strmap_slot *sl = strmap_find(m, key, len, hash);

	return sl->key != NULL ? (long)sl->value : -1;
}

long
strmap_get(const struct strmap *m, const char *key, size_t len)
{
	return strmap_get_hashed(m, key, len, map_hash(key, len));
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

/* key's slot, room made for one more key first: empty, or key's own. */
static struct strmap_slot *
slot_for(struct strmap *m, const char *key, size_t len, size_t value, uint32_t h)
{
	assert(key[len] == '\0' && value <= UINT32_MAX);
	if ((m->n + 1) * 4 > m->cap * 3)
		strmap_resize(m, m->cap * 2);
	return strmap_find(m, key, len, h);
}

void
strmap_put_hashed(struct strmap *m, const char *key, size_t len, uint32_t hash, size_t value)
{
	struct strmap_slot *sl = slot_for(m, key, len, value, hash);

	if (sl->key == NULL)
		m->n++;
	sl->key = key;
	sl->hash = hash;
	sl->value = (uint32_t)value;
}

void
strmap_put(struct strmap *m, const char *key, size_t len, size_t value)
{
	strmap_put_hashed(m, key, len, map_hash(key, len), value);
}

long
strmap_add_hashed(struct strmap *m, const char *key, size_t len, uint32_t hash, size_t value)
{
	struct strmap_slot *sl = slot_for(m, key, len, value, hash);

	if (sl->key != NULL)
		return (long)sl->value;
	m->n++;
	sl->key = key;
	sl->hash = hash;
	sl->value = (uint32_t)value;
	return -1;
}

long
strmap_add(struct strmap *m, const char *key, size_t len, size_t value)
{
	return strmap_add_hashed(m, key, len, map_hash(key, len), value);
}

void
strmap_free(struct strmap *m)
{
	if (m == NULL)
		return;
	free(m->slots);
	free(m);
}

/* A slot: the key's hash in the high half, its value + 1 in the low (0: empty). */
struct idmap {
	uint64_t	*slots;
	size_t		 n, cap;	/* cap is a power of two */
	const char	*(*key_of)(const void *, uint32_t);
	const void	*ctx;
	const struct arena_rooms *rooms;
	struct scratch	 room;		/* where slots are */
};

struct idmap *
idmap_new(const char *(*key_of)(const void *ctx, uint32_t value), const void *ctx)
{
	struct idmap *m = xcalloc(1, sizeof *m);

	m->cap = 16;
	m->slots = xcalloc(m->cap, sizeof *m->slots);
	m->key_of = key_of;
	m->ctx = ctx;
	return m;
}

void
idmap_rooms(struct idmap *m, const struct arena_rooms *rooms)
{
	m->rooms = rooms;
}

void
idmap_prefetch(const struct idmap *m, uint32_t hash)
{
	__builtin_prefetch(&m->slots[hash & (m->cap - 1)]);
}

/* key's slot: empty, or key's own. */
static uint64_t *
idmap_find(const struct idmap *m, const char *key, size_t len, uint32_t hash)
{
	size_t i = hash & (m->cap - 1);

	for (;; i = (i + 1) & (m->cap - 1)) {
		uint64_t sl = m->slots[i];
		const char *k;

		if (sl == 0)
			return &m->slots[i];
		if ((uint32_t)(sl >> 32) == hash &&
		    (k = m->key_of(m->ctx, (uint32_t)sl - 1)) != NULL &&
		    memcmp(k, key, len) == 0 && k[len] == '\0')
			return &m->slots[i];
	}
}

long
idmap_get_hashed(const struct idmap *m, const char *key, size_t len, uint32_t hash)
{
	uint64_t sl = *idmap_find(m, key, len, hash);

	return sl != 0 ? (long)(uint32_t)(sl - 1) : -1;
}

long
idmap_add_hashed(struct idmap *m, const char *key, size_t len, uint32_t hash, uint32_t value)
{
	uint64_t *sl;

	assert(value < UINT32_MAX);
	if ((m->n + 1) * 4 > m->cap * 3) {
		/* rehashed without a key read: the keys are distinct */
		uint64_t *old = m->slots;
		size_t i, j, oldcap = m->cap;

		struct scratch was = m->room;

		m->cap *= 2;
		m->room.bytes = 0;
		m->slots = scratch_resize(m->rooms, &m->room, NULL, 0, m->cap * sizeof *m->slots, 1);
		for (i = 0; i < oldcap; i++) {
			if (old[i] == 0)
				continue;
			for (j = (old[i] >> 32) & (m->cap - 1); m->slots[j] != 0;
			    j = (j + 1) & (m->cap - 1))
				;
			m->slots[j] = old[i];
		}
		scratch_free(m->rooms, &was, old);
	}
	sl = idmap_find(m, key, len, hash);
	if (*sl != 0)
		return (long)(uint32_t)(*sl - 1);
	*sl = (uint64_t)hash << 32 | (uint64_t)(value + 1);
	m->n++;
	return -1;
}

void
idmap_free(struct idmap *m)
{
	if (m == NULL)
		return;
	scratch_free(m->rooms, &m->room, m->slots);
	free(m);
}

void *
scratch_resize(const struct arena_rooms *r, struct scratch *s, void *p, size_t keep, size_t n,
    int zero)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE), bytes;
	uint64_t at = 0;
	void *v = NULL;

	assert(keep <= n);
	if (n > SIZE_MAX - page)
		die("out of memory (%zu bytes)", n);
	bytes = (n + page - 1) / page * page;
	if (r != NULL && r->scratch != NULL && bytes >= SCRATCH_MIN)
		v = r->scratch(r->ctx, bytes, &at);	/* zeroed: new blocks of the file */
	if (v == NULL && s->bytes == 0) {
		v = p == NULL && zero ? xcalloc(1, n) : xreallocarray(p, 1, n);
		if (zero && p != NULL && n > keep)
			memset((char *)v + keep, 0, n - keep);
		return v;
	}
	if (v == NULL) {
		v = zero ? xcalloc(1, n) : xmalloc(n);
		bytes = 0;
	}
	if (keep > 0)
		memcpy(v, p, keep);
	scratch_free(r, s, p);
	s->bytes = bytes;
	s->at = at;
	return v;
}

void
scratch_free(const struct arena_rooms *r, struct scratch *s, void *p)
{
	if (s->kept) {
		if (s->bytes > 0)
			munmap(p, s->bytes);
		s->kept = 0;
	} else if (s->bytes != 0) {
		r->drop(r->ctx, p, s->bytes, s->at);
	} else {
		free(p);
	}
	s->bytes = 0;
}

void
scratch_keep(const struct arena_rooms *r, struct scratch *s, void *p, size_t keep)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);

	assert(s->bytes != 0 && !s->kept && keep <= s->bytes);
	keep = (keep + page - 1) / page * page;
	r->drop(r->ctx, (char *)p + keep, s->bytes - keep, s->at + keep);
	s->bytes = keep;
	s->kept = 1;
}

struct arena_block {
	struct arena_block	*next;
	size_t			 used, cap;
	char			*data;		/* the bytes after the block, or its room */
	uint64_t		 at;		/* the room's place; UINT64_MAX: on the heap */
};

char *
arena_alloc(struct arena *a, size_t n)
{
	struct arena_block *b = a->head;

	if (b == NULL || b->cap - b->used < n) {
		/*
		 * Blocks double up to 64 MiB: few of them, and large enough for
		 * huge pages. Rooms from 64 KiB: a small export's entry stays small.
		 */
		size_t cap = a->rooms != NULL ? (size_t)64 << 10 : (size_t)1 << 20;
		uint64_t at = UINT64_MAX;
		char *room = NULL;

		if (b != NULL)
			cap = b->cap >= (size_t)32 << 20 ? (size_t)64 << 20 : b->cap * 2;
		if (cap < n)
			cap = (n + ((size_t)1 << 20) - 1) & ~(((size_t)1 << 20) - 1);
		if (cap < n || cap > SIZE_MAX - sizeof *b)
			die("out of memory (%zu bytes)", n);
		/* a room's unused tail is space taken in its file: at most 8 MiB a thread */
		if (a->rooms != NULL && cap > (size_t)8 << 20 && n <= (size_t)8 << 20)
			cap = (size_t)8 << 20;
		if (a->rooms != NULL)
			room = a->rooms->room(a->rooms->ctx, cap, &at);
		if (room != NULL) {
			b = xmalloc(sizeof *b);
			b->data = room;
		} else {
			b = xmalloc(sizeof *b + cap);
			b->data = (char *)(b + 1);
			at = UINT64_MAX;
		}
		b->at = at;
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

int
arena_block(const struct arena *a, size_t i, const char **data, size_t *used, uint64_t *at)
{
	const struct arena_block *b = a->head;

	for (; b != NULL && i > 0; i--)
		b = b->next;
	if (b == NULL)
		return -1;
	*data = b->data;
	*used = b->used;
	*at = b->at;
	return 0;
}

void
arena_take(struct arena *a, struct arena *from)
{
	struct arena_block *last;

	if (from->head == NULL)
		return;
	if (a->head == NULL) {
		a->head = from->head;
	} else {
		for (last = from->head; last->next != NULL; last = last->next)
			;
		last->next = a->head->next;
		a->head->next = from->head;
	}
	from->head = NULL;
}

void
arena_free(struct arena *a)
{
	struct arena_block *b = a->head, *next;

	for (; b != NULL; b = next) {
		next = b->next;
		if (b->at != UINT64_MAX)
			munmap(b->data, b->cap);
		free(b);
	}
	a->head = NULL;
}

void
util_trim(const char **s, size_t *n)
{
	while (*n > 0 && (**s == ' ' || **s == '\t'))
		(*s)++, (*n)--;
	while (*n > 0 && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t'))
		(*n)--;
}

char *
util_trim_cut(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	for (e = s + strlen(s); e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'); e--)
		e[-1] = '\0';
	return s;
}
