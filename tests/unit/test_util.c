/* test_util.c: inputs that never block or balloon, and outputs written atomically. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util.h"

static char	*dir;		/* a scratch directory for the whole run */

static char *
path_of(const char *name)
{
	char *p;

	xasprintf(&p, "%s/%s", dir, name);
	return p;
}

static void
write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
}

/* The file's text ("" if absent), at most 255 bytes. */
static const char *
read_text(const char *path)
{
	static char buf[256];
	FILE *f = fopen(path, "r");
	size_t n = 0;

	if (f != NULL) {
		n = fread(buf, 1, sizeof buf - 1, f);
		fclose(f);
	}
	buf[n] = '\0';
	return buf;
}

/* Entries of the scratch directory whose name holds ".tmp". */
static int
leftovers(void)
{
	struct dirent *e;
	DIR *d = opendir(dir);
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL)
		n += strstr(e->d_name, ".tmp") != NULL;
	closedir(d);
	return n;
}

/*
 * Runs fn in a child that SIGALRM kills after 2 s: a read or an open that
 * blocks fails the test instead of hanging it. The child's exit status.
 */
static int
in_child(int (*fn)(void))
{
	pid_t pid = fork();
	int st;

	assert_true(pid >= 0);
	if (pid == 0) {
		alarm(2);
		_exit(fn());
	}
	assert_int_equal(waitpid(pid, &st, 0), pid);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static int
read_fifo(void)
{
	char *p = path_of("fifo"), *buf = NULL, *cause = NULL;
	size_t len = 1;

	if (util_read_file(p, 100, &buf, &len, &cause) != 0 || len != 0)
		return 1;
	free(buf);
	if (util_read_input(p, 100, UTIL_IN_REGULAR, &buf, &len, &cause) != -1)
		return 2;
	if (strstr(cause, "fifo: not a regular file") == NULL)
		return 3;
	free(cause);
	free(p);
	return 0;
}

/* A FIFO without a writer: read as an empty stream, or refused; never waited on. */
static void
test_fifo_does_not_block(void **state)
{
	char *p = path_of("fifo");

	(void)state;
	assert_int_equal(mkfifo(p, 0600), 0);
	assert_int_equal(in_child(read_fifo), 0);
	unlink(p);
	free(p);
}

/* A stream is read up to its cap and one byte more, never further. */
static void
test_stream_cap(void **state)
{
	static char block[1 << 16];
	char *buf = NULL, *cause = NULL, path[64];
	size_t len, rest = 0;
	ssize_t got;
	int fd[2];

	(void)state;
	assert_int_equal(pipe(fd), 0);
	memset(block, 'x', sizeof block);
	/* a full pipe buffer (64 KiB) is waiting; then the writer end closes */
	assert_int_equal(write(fd[1], block, sizeof block), (ssize_t)sizeof block);
	close(fd[1]);
	snprintf(path, sizeof path, "/dev/fd/%d", fd[0]);
	assert_int_equal(util_read_file(path, 1000, &buf, &len, &cause), -1);
	assert_non_null(strstr(cause, "file is larger than 1000 bytes"));
	free(cause);
	while ((got = read(fd[0], block, sizeof block)) > 0)
		rest += (size_t)got;
	close(fd[0]);
	assert_int_equal(rest, sizeof block - 1001);

	/* exactly the cap is fine */
	assert_int_equal(pipe(fd), 0);
	assert_int_equal(write(fd[1], block, 1000), 1000);
	close(fd[1]);
	snprintf(path, sizeof path, "/dev/fd/%d", fd[0]);
	assert_int_equal(util_read_file(path, 1000, &buf, &len, &cause), 0);
	assert_int_equal(len, 1000);
	assert_int_equal(buf[1000], '\0');
	free(buf);
	close(fd[0]);
}

static void
test_devices(void **state)
{
	char *buf = NULL, *cause = NULL;
	size_t len;

	(void)state;
	assert_int_equal(util_read_file("/dev/zero", 4096, &buf, &len, &cause), -1);
	assert_string_equal(cause, "/dev/zero: file is larger than 4096 bytes");
	free(cause);
	assert_int_equal(util_read_input("/dev/zero", 4096, UTIL_IN_REGULAR, &buf, &len,
	    &cause), -1);
	assert_string_equal(cause, "/dev/zero: not a regular file");
	free(cause);
	assert_int_equal(util_read_file("/dev/null", 4096, &buf, &len, &cause), 0);
	assert_int_equal(len, 0);
	free(buf);
	assert_int_equal(util_read_file(dir, 4096, &buf, &len, &cause), -1);
	assert_non_null(strstr(cause, ": is a directory"));
	free(cause);
}

static void
test_out_basic(void **state)
{
	char *p = path_of("out.txt"), *cause = NULL;
	struct util_out *o;
	struct stat st;
	mode_t old = umask(022);

	(void)state;
	o = util_out_open(p, 0, &cause);
	assert_non_null(o);
	fputs("hello\n", util_out_file(o));
	/* nothing at the destination until the commit */
	assert_int_equal(access(p, F_OK), -1);
	assert_int_equal(leftovers(), 1);
	assert_int_equal(util_out_commit(o, &cause), 0);
	assert_string_equal(read_text(p), "hello\n");
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0644);
	assert_int_equal(leftovers(), 0);

	/* replaced whole */
	assert_int_equal(util_write_atomic(p, "bye\n", 4, 0, &cause), 0);
	assert_string_equal(read_text(p), "bye\n");

	/* abandoned: the old file stays */
	o = util_out_open(p, 0, &cause);
	fputs("half", util_out_file(o));
	util_out_abort(o);
	util_out_abort(NULL);
	assert_string_equal(read_text(p), "bye\n");
	assert_int_equal(leftovers(), 0);
	umask(old);
	unlink(p);
	free(p);
}

/* A symlink at the destination is replaced, its target never written. */
static void
test_out_symlink(void **state)
{
	char *p = path_of("link.txt"), *victim = path_of("victim"), *cause = NULL;
	struct stat st;

	(void)state;
	write_text(victim, "precious\n");
	assert_int_equal(symlink(victim, p), 0);
	assert_int_equal(util_write_atomic(p, "frame\n", 6, 0, &cause), 0);
	assert_string_equal(read_text(victim), "precious\n");
	assert_int_equal(lstat(p, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_string_equal(read_text(p), "frame\n");
	unlink(p);

	/* a new file must be new: a dangling symlink is there */
	assert_int_equal(symlink("no-such-target", p), 0);
	assert_int_equal(util_write_atomic(p, "x", 1, UTIL_OUT_NEW, &cause), -1);
	assert_non_null(strstr(cause, "link.txt: File exists"));
	free(cause);
	assert_int_equal(lstat(p, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_int_equal(access("no-such-target", F_OK), -1);
	/* and replaced when replacing is asked for */
	assert_int_equal(util_write_atomic(p, "x", 1, 0, &cause), 0);
	assert_int_equal(lstat(p, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_int_equal(leftovers(), 0);
	unlink(p);
	unlink(victim);
	free(p);
	free(victim);
}

/* A device is written in place: /dev/null stays /dev/null. */
static void
test_out_device(void **state)
{
	char *cause = NULL, *d = path_of("a-dir");
	struct stat st;

	(void)state;
	assert_int_equal(util_write_atomic("/dev/null", "x", 1, 0, &cause), 0);
	assert_int_equal(stat("/dev/null", &st), 0);
	assert_true(S_ISCHR(st.st_mode));
	assert_int_equal(mkdir(d, 0700), 0);
	assert_int_equal(util_write_atomic(d, "x", 1, 0, &cause), -1);
	assert_non_null(strstr(cause, "a-dir: is a directory"));
	free(cause);
	rmdir(d);
	free(d);
}

/*
 * A descriptor's name (/dev/stdout, /dev/fd/N, a symlink into /proc/self/fd)
 * is written through the descriptor, as a shell redirection would: the link
 * stays (replacing /dev/stdout would break the system), and a file opened
 * for appending is appended to. /dev/stdout itself is left out: a failure
 * here would replace it.
 */
static void
test_out_fd_names(void **state)
{
	char *file = path_of("log.txt"), *link = path_of("to-fd"), *cause = NULL, *target;
	char devfd[32];
	struct stat st;
	int fd;

	(void)state;
	write_text(file, "head\n");
	fd = open(file, O_WRONLY | O_APPEND);
	assert_true(fd >= 0);
	xasprintf(&target, "/proc/self/fd/%d", fd);
	assert_int_equal(symlink(target, link), 0);
	assert_int_equal(util_write_atomic(link, "one\n", 4, 0, &cause), 0);
	assert_int_equal(lstat(link, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	snprintf(devfd, sizeof devfd, "/dev/fd/%d", fd);
	assert_int_equal(util_write_atomic(devfd, "two\n", 4, 0, &cause), 0);
	assert_int_equal(util_write_atomic(target, "three\n", 6, 0, &cause), 0);
	assert_string_equal(read_text(file), "head\none\ntwo\nthree\n");
	assert_int_equal(leftovers(), 0);
	close(fd);
	unlink(link);
	unlink(file);
	free(target);
	free(link);
	free(file);
}

/* Writes 64 KiB under a 4 KiB file size limit; prints the cause. */
static int
write_too_much(void)
{
	static char block[1 << 16];
	struct rlimit rl = { 4096, 4096 };
	char *p = path_of("limited.txt"), *cause = NULL;
	struct util_out *o;

	signal(SIGXFSZ, SIG_IGN);	/* EFBIG instead of death */
	if (setrlimit(RLIMIT_FSIZE, &rl) != 0 || (o = util_out_open(p, 0, &cause)) == NULL)
		return 1;
	memset(block, 'y', sizeof block);
	fwrite(block, 1, sizeof block, util_out_file(o));
	if (util_out_commit(o, &cause) != -1)
		return 2;
	printf("%s\n", cause);
	fflush(stdout);		/* the child ends in _exit() */
	return 0;
}

/* A write that fails (EFBIG, as ENOSPC would) leaves the old file and no debris. */
static void
test_out_write_fails(void **state)
{
	char *p = path_of("limited.txt"), *cause = NULL, *want, line[4200];
	struct util_out *o;
	FILE *f;
	int fd[2], saved = dup(STDOUT_FILENO), st;

	(void)state;
	write_text(p, "the good recording\n");
	assert_int_equal(pipe(fd), 0);
	dup2(fd[1], STDOUT_FILENO);
	close(fd[1]);
	fflush(stdout);
	st = in_child(write_too_much);
	fflush(stdout);
	dup2(saved, STDOUT_FILENO);
	close(saved);
	f = fdopen(fd[0], "r");
	assert_non_null(fgets(line, sizeof line, f));
	fclose(f);
	assert_int_equal(st, 0);
	xasprintf(&want, "%s: File too large\n", p);
	assert_string_equal(line, want);
	free(want);
	assert_string_equal(read_text(p), "the good recording\n");
	assert_int_equal(leftovers(), 0);

	/* the rename fails: a directory took the name meanwhile */
	unlink(p);
	o = util_out_open(p, 0, &cause);
	assert_non_null(o);
	fputs("lost", util_out_file(o));
	assert_int_equal(mkdir(p, 0700), 0);
	assert_int_equal(util_out_commit(o, &cause), -1);
	xasprintf(&want, "%s: Is a directory", p);
	assert_string_equal(cause, want);
	free(want);
	free(cause);
	assert_int_equal(leftovers(), 0);
	rmdir(p);

	/* a full disk, on a device written in place */
	o = util_out_open("/dev/full", 0, &cause);
	assert_non_null(o);
	fputs("lost", util_out_file(o));
	assert_int_equal(util_out_commit(o, &cause), -1);
	assert_string_equal(cause, "/dev/full: No space left on device");
	free(cause);
	free(p);
}

/*
 * The temporary file cannot be made: the error names the output, and says
 * that it is a new file in its directory that could not be created.
 */
static void
test_out_no_dir(void **state)
{
	char *p = path_of("missing/out.txt"), *parent = path_of("missing"), *cause = NULL, *want;

	(void)state;
	assert_null(util_out_open(p, 0, &cause));
	xasprintf(&want, "%s: cannot write: no file can be created in %s (No such file or "
	    "directory)", p, parent);
	assert_string_equal(cause, want);
	free(want);
	free(parent);
	free(cause);
	free(p);
}

/* A file replaced keeps its mode: a private recording stays private. */
static void
test_out_keeps_mode(void **state)
{
	char *p = path_of("private.txt"), *cause = NULL;
	struct stat st;
	mode_t old = umask(022);

	(void)state;
	write_text(p, "secret\n");
	assert_int_equal(chmod(p, 0600), 0);
	assert_int_equal(util_write_atomic(p, "still secret\n", 13, 0, &cause), 0);
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	assert_string_equal(read_text(p), "still secret\n");
	umask(old);
	unlink(p);
	free(p);
}

/* A failure says why in errno too: the screenshot moves on after EEXIST. */
static void
test_out_errno(void **state)
{
	char *p = path_of("taken.txt"), *q = path_of("none/x.txt"), *cause = NULL;

	(void)state;
	write_text(p, "x");
	errno = 0;
	assert_null(util_out_open(p, UTIL_OUT_NEW, &cause));
	assert_int_equal(errno, EEXIST);
	free(cause);
	errno = 0;
	assert_int_equal(util_write_atomic(q, "x", 1, 0, &cause), -1);
	assert_int_equal(errno, ENOENT);
	free(cause);
	errno = 0;
	assert_int_equal(util_write_atomic("/dev/full", "x", 1, 0, &cause), -1);
	assert_int_equal(errno, ENOSPC);
	free(cause);
	unlink(p);
	free(p);
	free(q);
}

/* Standard output on /dev/full: the error is found when it is finished. */
static int
finish_full(void)
{
	char *cause = NULL;
	int fd = open("/dev/full", O_WRONLY);

	if (fd < 0 || dup2(fd, STDOUT_FILENO) < 0)
		return 1;
	util_stdout_checked();
	/* a flush that failed already (as --dump's does): its errno is kept */
	printf("a line that fills no disk\n");
	if (fflush(stdout) != EOF)
		return 4;
	if (util_finish_stdout(&cause) != -1 || errno != ENOSPC)
		return 2;
	if (strcmp(cause, "standard output: No space left on device") != 0)
		return 3;
	free(cause);
	return 0;
}

/* A closed standard output: held by /dev/null read-only, writes fail with EBADF. */
static int
finish_closed(void)
{
	char *cause = NULL;
	int fd;

	close(STDOUT_FILENO);
	util_std_fds();
	/* no file opened later takes the number 1 */
	if ((fd = open("/dev/zero", O_RDONLY)) == STDOUT_FILENO)
		return 1;
	close(fd);
	printf("lost\n");
	if (util_finish_stdout(&cause) != -1 || errno != EBADF)
		return 2;
	if (strcmp(cause, "standard output: Bad file descriptor") != 0)
		return 3;
	free(cause);
	return 0;
}

static int
finish_ok(void)
{
	char *cause = NULL;
	int fd = open("/dev/null", O_WRONLY);

	if (fd < 0 || dup2(fd, STDOUT_FILENO) < 0)
		return 1;
	printf("fine\n");
	return util_finish_stdout(&cause) == 0 ? 0 : 2;
}

/* Checked, finished, then flushed again as an exit handler does (libstdc++'s). */
static int
finish_then_flushed(void)
{
	char *cause = NULL;
	int fd = open("/dev/null", O_WRONLY);

	if (fd < 0 || dup2(fd, STDOUT_FILENO) < 0)
		return 1;
	util_stdout_checked();
	printf("fine\n");
	if (util_finish_stdout(&cause) != 0)
		return 2;
	/*
	 * Memory of a stream's size handed out again and scribbled on: a
	 * freed stream (glibc's is 280 bytes) now has a wild lock pointer,
	 * and the flush crashes (under ASan, whose quarantine keeps freed
	 * blocks, it does not)
	 */
	for (int i = 0; i < 16; i++)
		memset(xmalloc(280), 0x5a, 280);
	fflush(stdout);
	return 0;
}

static void
test_finish_stdout(void **state)
{
	(void)state;
	fflush(stdout);
	assert_int_equal(in_child(finish_full), 0);
	assert_int_equal(in_child(finish_closed), 0);
	assert_int_equal(in_child(finish_ok), 0);
	assert_int_equal(in_child(finish_then_flushed), 0);
}

/* die() is below the sanitiser: it lets printable ASCII through, nothing else. */
static int
die_dirty(void)
{
	die("cannot load PROJ (%s)", "/lib/\x1b]52;c;QUFB\x07libproj\xc3\xa9.so");
}

static void
test_die_ascii(void **state)
{
	char buf[256];
	int fd[2], saved = dup(STDERR_FILENO), st;
	ssize_t n;

	(void)state;
	assert_int_equal(pipe(fd), 0);
	fflush(stderr);
	dup2(fd[1], STDERR_FILENO);
	close(fd[1]);
	st = in_child(die_dirty);
	dup2(saved, STDERR_FILENO);
	close(saved);
	n = read(fd[0], buf, sizeof buf - 1);
	close(fd[0]);
	buf[n > 0 ? n : 0] = '\0';
	assert_int_equal(st, EXIT_DATA);
	assert_string_equal(buf, "sitmap: cannot load PROJ (/lib/?]52;c;QUFB?libproj??.so)\n");
}

static void
test_fresh_dir(void **state)
{
	char *d = path_of("frames"), *f = path_of("frames/0001.txt"), *cause = NULL;
	char *file = path_of("plain");

	(void)state;
	assert_int_equal(util_fresh_dir(d, 0, &cause), 0);	/* made */
	assert_int_equal(util_fresh_dir(d, 0, &cause), 0);	/* empty */
	write_text(f, "old frame");
	assert_int_equal(util_fresh_dir(d, 0, &cause), -1);
	assert_non_null(strstr(cause, "frames: directory is not empty"));
	free(cause);
	assert_int_equal(util_fresh_dir(d, 1, &cause), 0);	/* forced */
	write_text(file, "x");
	assert_int_equal(util_fresh_dir(file, 1, &cause), -1);
	assert_non_null(strstr(cause, "plain: Not a directory"));
	free(cause);
	unlink(f);
	unlink(file);
	rmdir(d);
	free(d);
	free(f);
	free(file);
}

/*
 * The strmap, through each of its ways in: keys of every length from 0
 * (each word and tail size of its hash), many alike but for one byte at
 * one place, found again by every way out, and keys it does not have not
 * found. Its hashed calls must agree with the plain ones.
 */
static void
test_strmap(void **state)
{
	enum { N = 6000 };
	static char keys[N][72];
	struct strmap *m = strmap_new(), *r = strmap_new();
	uint64_t st = 5;
	size_t i, len[N];
	char probe[72];

	(void)state;
	for (i = 0; i < N; i++) {
		size_t k;

		len[i] = i % 71;
		st = st * 6364136223846793005ull + 1442695040888963407ull;
		for (k = 0; k < len[i]; k++)
			keys[i][k] = (char)('a' + ((st >> (k % 50)) & 3));
		if (i >= 71 && len[i] > 0) {
			/* the key 71 before, of the same length, with one byte changed */
			memcpy(keys[i], keys[i - 71], len[i]);
			keys[i][(i / 71) % len[i]] ^= 0x40;
		}
		keys[i][len[i]] = '\0';
	}
	for (i = 0; i < N; i++) {
		uint32_t h = strmap_hash(keys[i], len[i]);
		long had = strmap_get(m, keys[i], len[i]);

		strmap_prefetch(m, h);
		strmap_prefetch_key(m, h);
		switch (i % 4) {
		case 0:
			strmap_put(m, keys[i], len[i], i);
			break;
		case 1:
			strmap_put_hashed(m, keys[i], len[i], h, i);
			break;
		case 2:
			assert_int_equal(strmap_add(m, keys[i], len[i], i), had);
			break;
		default:
			assert_int_equal(strmap_add_hashed(m, keys[i], len[i], h, i), had);
			break;
		}
		strmap_add(r, keys[i], len[i], i);
	}
	for (i = 0; i < N; i++) {
		uint32_t h = strmap_hash(keys[i], len[i]);
		long want = strmap_get(r, keys[i], len[i]), got = strmap_get(m, keys[i], len[i]);
		size_t first;

		/* the value of the first copy of the key, or of the last put over it */
		for (first = 0; strcmp(keys[first], keys[i]) != 0; first++)
			;
		assert_int_equal(want, (long)first);
		assert_true(got >= (long)first);
		assert_string_equal(keys[got], keys[i]);
		assert_int_equal(strmap_get_hashed(m, keys[i], len[i], h), got);
		if (len[i] > 0) {
			memcpy(probe, keys[i], len[i] + 1);
			probe[len[i] - 1] = '~';
			assert_int_equal(strmap_get(m, probe, len[i]), -1);
			assert_int_equal(strmap_get(m, keys[i], len[i] - 1) >= 0,
			    strmap_get(r, keys[i], len[i] - 1) >= 0);
		}
	}
	strmap_free(m);
	strmap_free(r);
}

/*
 * A block grown past 4 MiB is copied to a new one rather than moved by
 * realloc (util.c: huge pages): every byte it held comes along, at each
 * doubling from 1 KiB to 64 MiB, and a shrink keeps the head.
 */
static void
test_realloc_keeps_bytes(void **state)
{
	size_t n = 1024, i;
	uint32_t *v = xreallocarray(NULL, n, sizeof *v);

	(void)state;
	for (i = 0; i < n; i++)
		v[i] = (uint32_t)(i * 2654435761u);
	while (n < ((size_t)16 << 20)) {
		v = xreallocarray(v, n * 2, sizeof *v);
		for (i = 0; i < n; i++)
			if (v[i] != (uint32_t)(i * 2654435761u))
				fail_msg("word %zu of %zu lost growing to %zu", i, n, n * 2);
		for (i = n; i < n * 2; i++)
			v[i] = (uint32_t)(i * 2654435761u);
		n *= 2;
	}
	v = xreallocarray(v, 3000, sizeof *v);
	for (i = 0; i < 3000; i++)
		assert_int_equal(v[i], (uint32_t)(i * 2654435761u));
	free(v);
}

/* xgrow(): at least 64 elements, doubling to hold what is asked, the elements kept; never smaller. */
static void
test_grow(void **state)
{
	uint16_t *v = NULL;
	size_t cap = 0, i;

	(void)state;
	xgrow(&v, &cap, 1, sizeof *v);
	assert_int_equal(cap, 64);
	for (i = 0; i < 64; i++)
		v[i] = (uint16_t)(i * 7);
	xgrow(&v, &cap, 64, sizeof *v);
	assert_int_equal(cap, 64);
	xgrow(&v, &cap, 65, sizeof *v);
	assert_int_equal(cap, 128);
	xgrow(&v, &cap, 1000, sizeof *v);
	assert_int_equal(cap, 1024);
	for (i = 0; i < 64; i++)
		assert_int_equal(v[i], (uint16_t)(i * 7));
	v[1023] = 1;
	xgrow(&v, &cap, 10, sizeof *v);
	assert_int_equal(cap, 1024);
	free(v);
}

/* A room source for tests: anonymous mappings, numbered by where they would lie; fails when told. */
struct fake_rooms {
	uint64_t	 next;
	size_t		 given, largest;
	int		 fail;
};

static void *
fake_room(void *ctx, size_t n, uint64_t *at)
{
	struct fake_rooms *f = ctx;
	void *p;

	if (f->fail)
		return NULL;
	if ((p = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)) ==
	    MAP_FAILED)
		return NULL;
	*at = f->next;
	f->next += n;
	f->given++;
	if (n > f->largest)
		f->largest = n;
	return p;
}

/* An arena's blocks from rooms: placed, at most 8 MiB, from the heap when there is none. */
/* util_release(): only whole pages inside the range go, and a stepped realloc copies all. */
static void
test_release(void **state)
{
	size_t len = (size_t)6 << 20, pg = (size_t)sysconf(_SC_PAGESIZE), i, lo, hi;
	unsigned char *p = malloc(len), *q, vec;
	uint32_t *w;

	(void)state;
	assert_non_null(p);
	memset(p, 0xab, len);
	util_release(p + 100, (size_t)4 << 20);
	lo = (((uintptr_t)p + 100 + pg - 1) & ~(uintptr_t)(pg - 1)) - (uintptr_t)p;
	hi = (((uintptr_t)p + 100 + ((size_t)4 << 20)) & ~(uintptr_t)(pg - 1)) - (uintptr_t)p;
	assert_true(lo >= 100 && hi > lo + pg);
	for (i = 0; i < len; i++)
		if ((i >= lo && i < hi ? 0 : 0xab) != p[i])
			fail_msg("byte %zu is %#x (released %zu..%zu)", i, p[i], lo, hi);
	q = p + lo + pg;
	util_release(q, pg);
	assert_int_equal(mincore(q, pg, &vec), 0);
	assert_int_equal(vec & 1, 0);
	free(p);
	/* the large-block growth copies in steps, giving each back: nothing lost */
	w = xreallocarray(NULL, (size_t)5 << 20, sizeof *w);
	for (i = 0; i < (size_t)5 << 20; i++)
		w[i] = (uint32_t)(i * 2654435761u);
	w = xreallocarray(w, (size_t)11 << 20, sizeof *w);
	for (i = 0; i < (size_t)5 << 20; i++)
		if (w[i] != (uint32_t)(i * 2654435761u))
			fail_msg("word %zu lost in the growth", i);
	free(w);
}

static void
test_arena_rooms(void **state)
{
	struct fake_rooms f = { 4096, 0, 0, 0 };
	struct arena_rooms rooms = { fake_room, &f, NULL, NULL };
	struct arena a = { NULL, &rooms };
	const char *data;
	size_t used, i, total = 0;
	uint64_t at;
	char *p;

	(void)state;
	for (i = 0; i < 20000; i++) {
		p = arena_alloc(&a, 3000);
		memset(p, (int)(i & 0x7f) | 1, 3000);
		total += 3000;
	}
	assert_true(f.given >= 7 && f.largest == (size_t)8 << 20);
	for (i = 0, used = 0; arena_block(&a, i, &data, &used, &at) == 0; i++) {
		assert_true(at >= 4096 && at < f.next);
		total -= used;
	}
	assert_int_equal(i, f.given);
	assert_int_equal(total, 0);
	/* no room: the heap, said so */
	f.fail = 1;
	p = arena_alloc(&a, (size_t)9 << 20);
	memset(p, 1, (size_t)9 << 20);
	assert_int_equal(arena_block(&a, 0, &data, &used, &at), 0);
	assert_true(data == p && used == (size_t)9 << 20 && at == UINT64_MAX);
	assert_int_equal(arena_block(&a, 1, &data, &used, &at), 0);
	assert_true(at != UINT64_MAX);
	arena_free(&a);
	assert_null(a.head);
	/* the rooms are unmapped */
	{
		unsigned char vec;

		assert_int_equal(mincore((void *)((uintptr_t)data & ~(uintptr_t)4095), 4096, &vec),
		    -1);
		assert_int_equal(errno, ENOMEM);
	}
}

/* test_idmap()'s keys, by index: the map holds indices, not strings. */
static const char *
idmap_key(const void *ctx, uint32_t i)
{
	const char (*keys)[16] = ctx;

	return keys[i];
}

/*
 * The id map: 20,000 distinct keys added (the table doubling on the way),
 * each found again with its index, added again without change; a key
 * that only shares a hash with one it has is not found, nor added over
 * it; keys it does not have are not found.
 */
static void
test_idmap(void **state)
{
	enum { N = 20000 };
	static char keys[N + 1][16];
	struct idmap *m;
	size_t i;

	(void)state;
	for (i = 0; i < N; i++)
		snprintf(keys[i], sizeof keys[i], "ID%zu", i * 7919);
	m = idmap_new(idmap_key, keys);
	for (i = 0; i < N; i++) {
		uint32_t h = strmap_hash(keys[i], strlen(keys[i]));

		idmap_prefetch(m, h);
		assert_int_equal(idmap_add_hashed(m, keys[i], strlen(keys[i]), h, (uint32_t)i), -1);
	}
	for (i = 0; i < N; i++) {
		uint32_t h = strmap_hash(keys[i], strlen(keys[i]));
		char other[24];

		assert_int_equal(idmap_get_hashed(m, keys[i], strlen(keys[i]), h), (long)i);
		assert_int_equal(idmap_add_hashed(m, keys[i], strlen(keys[i]), h, 0), (long)i);
		/* the same hash, another key: a prefix, a longer one, one byte changed */
		assert_int_equal(idmap_get_hashed(m, keys[i], strlen(keys[i]) - 1, h), -1);
		snprintf(other, sizeof other, "%sx", keys[i]);
		assert_int_equal(idmap_get_hashed(m, other, strlen(other), h), -1);
		other[0] = 'J';
		assert_int_equal(idmap_get_hashed(m, other, strlen(keys[i]), h), -1);
		/* a key it does not have */
		snprintf(other, sizeof other, "ID%zu", i * 7919 + 1);
		assert_int_equal(idmap_get_hashed(m, other, strlen(other),
		    strmap_hash(other, strlen(other))), -1);
	}
	/* a key that shares a hash with one it has is added beside it */
	snprintf(keys[N], sizeof keys[N], "other");
	assert_int_equal(idmap_add_hashed(m, keys[N], 5, strmap_hash(keys[0], strlen(keys[0])),
	    N), -1);
	assert_int_equal(idmap_get_hashed(m, keys[N], 5, strmap_hash(keys[0], strlen(keys[0]))),
	    N);
	assert_int_equal(idmap_get_hashed(m, keys[0], strlen(keys[0]),
	    strmap_hash(keys[0], strlen(keys[0]))), 0);
	idmap_free(m);
	idmap_free(NULL);
}

/* Scratch rooms from anonymous memory, counted: zeroed, as new blocks of a file are. */
struct fake_scratch {
	size_t	 taken, dropped;
	int	 fail;
};

static void *
fake_scratch_room(void *ctx, size_t n, uint64_t *at)
{
	struct fake_scratch *f = ctx;
	void *p;

	assert_int_equal(n % (size_t)sysconf(_SC_PAGESIZE), 0);
	if (f->fail)
		return NULL;
	p = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	assert_true(p != MAP_FAILED);
	*at = (uint64_t)f->taken++ << 32;
	return p;
}

static void
fake_scratch_drop(void *ctx, void *p, size_t n, uint64_t at)
{
	struct fake_scratch *f = ctx;

	assert_true(at >> 32 < f->taken);
	assert_true(n == 0 || munmap(p, n) == 0);	/* 0 bytes: only the hold given back */
	f->dropped++;
}

static void
filled(const unsigned char *p, size_t from, size_t to, int zero)
{
	size_t i;

	for (i = from; i < to; i++)
		if (p[i] != (zero ? 0 : (unsigned char)(i * 131 >> 3)))
			fail_msg("byte %zu is %#x", i, p[i]);
}

/*
 * scratch_resize(): small arrays on the heap, large ones in scratch rooms,
 * each room dropped when the array moves on; the bytes kept, the rest
 * zeroed when asked; with no room the heap again. The id map's slots in
 * rooms: 600,000 keys found after it grew through them.
 */
static void
test_scratch(void **state)
{
	struct fake_scratch f = { 0, 0, 0 };
	struct arena_rooms rooms = { fake_room, NULL, fake_scratch_room, fake_scratch_drop };
	struct scratch sc = { 0, 0, 0 };
	size_t sizes[] = { 1000, (size_t)5 << 20, (size_t)9 << 20, (size_t)12 << 20 }, i, k, have = 0;
	unsigned char *p = NULL;
	enum { N = 600000 };
	char (*keys)[16] = malloc((size_t)N * sizeof *keys);
	struct idmap *m;

	(void)state;
	rooms.ctx = &f;
	for (k = 0; k < 4; k++) {
		f.fail = k == 3;
		p = scratch_resize(&rooms, &sc, p, have, sizes[k], 1);
		filled(p, 0, have, 0);
		filled(p, have, sizes[k], 1);
		for (i = have; i < sizes[k]; i++)
			p[i] = (unsigned char)(i * 131 >> 3);
		have = sizes[k];
		/* the heap first and last; rooms between, each the only one held */
		assert_int_equal(sc.bytes != 0, k == 1 || k == 2);
		assert_true(sc.bytes == 0 || (sc.bytes >= sizes[k] && sc.bytes < sizes[k] + 4096));
		assert_int_equal(f.taken - f.dropped, sc.bytes != 0);
	}
	/* not zeroed when not asked: the kept bytes only are said */
	p = scratch_resize(&rooms, &sc, p, have, have + 100, 0);
	filled(p, 0, have, 0);
	scratch_free(&rooms, &sc, p);
	assert_int_equal(f.taken, 2);
	assert_int_equal(f.dropped, 2);

	/* kept: the tail after the page of the last kept byte dropped, the rest only unmapped */
	f.fail = 0;
	for (k = 0; k < 2; k++) {
		size_t keep = k == 0 ? ((size_t)3 << 20) + 1 : (size_t)5 << 20;

		f.taken = f.dropped = 0;
		p = scratch_resize(&rooms, &sc, NULL, 0, (size_t)5 << 20, 1);
		memset(p, 0x5a, (size_t)5 << 20);
		scratch_keep(&rooms, &sc, p, keep);
		assert_int_equal(f.dropped, 1);
		assert_true(sc.kept && sc.bytes == (k == 0 ? ((size_t)3 << 20) + 4096 : keep));
		assert_int_equal(p[keep - 1], 0x5a);
		scratch_free(&rooms, &sc, p);
		assert_true(f.dropped == 1 && f.taken == 1 && sc.bytes == 0 && !sc.kept);
	}

	f.taken = f.dropped = 0;
	assert_non_null(keys);
	for (i = 0; i < N; i++)
		snprintf(keys[i], sizeof keys[i], "K%zu", i * 104729);
	m = idmap_new(idmap_key, keys);
	idmap_rooms(m, &rooms);
	for (i = 0; i < N; i++)
		assert_int_equal(idmap_add_hashed(m, keys[i], strlen(keys[i]),
		    strmap_hash(keys[i], strlen(keys[i])), (uint32_t)i), -1);
	assert_true(f.taken >= 2 && f.taken - f.dropped == 1);
	for (i = 0; i < N; i++)
		assert_int_equal(idmap_get_hashed(m, keys[i], strlen(keys[i]),
		    strmap_hash(keys[i], strlen(keys[i]))), (long)i);
	idmap_free(m);
	assert_int_equal(f.taken, f.dropped);
	free(keys);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_realloc_keeps_bytes),
		cmocka_unit_test(test_fifo_does_not_block),
		cmocka_unit_test(test_stream_cap),
		cmocka_unit_test(test_devices),
		cmocka_unit_test(test_out_basic),
		cmocka_unit_test(test_out_symlink),
		cmocka_unit_test(test_out_device),
		cmocka_unit_test(test_out_fd_names),
		cmocka_unit_test(test_out_write_fails),
		cmocka_unit_test(test_out_no_dir),
		cmocka_unit_test(test_fresh_dir),
		cmocka_unit_test(test_out_keeps_mode),
		cmocka_unit_test(test_out_errno),
		cmocka_unit_test(test_finish_stdout),
		cmocka_unit_test(test_strmap),
		cmocka_unit_test(test_idmap),
		cmocka_unit_test(test_scratch),
		cmocka_unit_test(test_arena_rooms),
		cmocka_unit_test(test_release),
		cmocka_unit_test(test_grow),
		cmocka_unit_test(test_die_ascii),
	};
	int r;

	xasprintf(&dir, "%s/sitmap-test-util-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") :
	    P_tmpdir);
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	r = cmocka_run_group_tests(tests, NULL, NULL);
	rmdir(dir);
	free(dir);
	return r;
}
