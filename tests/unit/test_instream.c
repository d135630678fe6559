/*
 * test_instream.c: files, pipes, FIFOs, stdin, gzip and zip read as one
 * stream. Every compressed fixture is made here with zlib: gzip members,
 * and zip archives written field by field (stored or deflated, with or
 * without data descriptors, zip64), so the tests need no gzip or zip tool.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "instream.h"

/* A growing byte buffer for the fixtures. */
struct buf {
	unsigned char	*p;
	size_t		 n, cap;
};

static void
add(struct buf *b, const void *p, size_t n)
{
	if (b->n + n > b->cap) {
		b->cap = (b->n + n) * 2;
		b->p = realloc(b->p, b->cap);
		assert_non_null(b->p);
	}
	memcpy(b->p + b->n, p, n);
	b->n += n;
}

static void
u16(struct buf *b, unsigned v)
{
	unsigned char x[2] = { v & 0xff, (v >> 8) & 0xff };

	add(b, x, 2);
}

static void
u32(struct buf *b, uint32_t v)
{
	u16(b, v & 0xffff);
	u16(b, v >> 16);
}

static void
u64(struct buf *b, uint64_t v)
{
	u32(b, (uint32_t)v);
	u32(b, (uint32_t)(v >> 32));
}

/* zlib's deflate: gzip (wbits 16 + 15) or raw (-15), into b. */
static void
deflate_to(struct buf *b, const void *data, size_t len, int wbits)
{
	z_stream z;
	unsigned char out[65536];
	int r;

	memset(&z, 0, sizeof z);
	assert_int_equal(deflateInit2(&z, 6, Z_DEFLATED, wbits, 8, Z_DEFAULT_STRATEGY), Z_OK);
	z.next_in = (Bytef *)(uintptr_t)data;
	z.avail_in = (uInt)len;
	do {
		z.next_out = out;
		z.avail_out = sizeof out;
		r = deflate(&z, Z_FINISH);
		assert_true(r == Z_OK || r == Z_STREAM_END);
		add(b, out, sizeof out - z.avail_out);
	} while (r != Z_STREAM_END);
	deflateEnd(&z);
}

static void
gzip_to(struct buf *b, const char *s)
{
	deflate_to(b, s, strlen(s), 16 + MAX_WBITS);
}

struct member {
	const char	*name, *data;
	int		 method;	/* 0 stored, 8 deflate */
};

#define Z_DESC		1	/* sizes and CRC in a data descriptor after the data */
#define Z_ZIP64		2	/* zip64 extra fields and end records */
#define Z_BADCRC	4	/* the recorded CRC of every member is off by one */

/* A zip archive of n members, as zip(1) and Windows write them. */
static void
zip_to(struct buf *b, const struct member *m, size_t n, int flags)
{
	struct buf cd = { NULL, 0, 0 }, data;
	uint32_t crc;
	uint64_t off, cdoff;
	size_t i, len;

	for (i = 0; i < n; i++) {
		memset(&data, 0, sizeof data);
		len = strlen(m[i].data);
		if (m[i].method == 8)
			deflate_to(&data, m[i].data, len, -MAX_WBITS);
		else if (len > 0)
			add(&data, m[i].data, len);
		crc = (uint32_t)crc32(0, (const Bytef *)m[i].data, (uInt)len);
		if (flags & Z_BADCRC)
			crc++;
		off = b->n;
		/* local header */
		u32(b, 0x04034b50);
		u16(b, flags & Z_ZIP64 ? 45 : 20);
		u16(b, flags & Z_DESC ? 8 : 0);
		u16(b, m[i].method);
		u16(b, 0);
		u16(b, 0x21);
		u32(b, flags & Z_DESC ? 0 : crc);
		if (flags & Z_ZIP64) {
			u32(b, 0xffffffff);
			u32(b, 0xffffffff);
		} else {
			u32(b, flags & Z_DESC ? 0 : (uint32_t)data.n);
			u32(b, flags & Z_DESC ? 0 : (uint32_t)len);
		}
		u16(b, strlen(m[i].name));
		u16(b, flags & Z_ZIP64 ? 20 : 0);
		add(b, m[i].name, strlen(m[i].name));
		if (flags & Z_ZIP64) {
			u16(b, 1);
			u16(b, 16);
			u64(b, flags & Z_DESC ? 0 : len);
			u64(b, flags & Z_DESC ? 0 : data.n);
		}
		if (data.n > 0)
			add(b, data.p, data.n);
		if (flags & Z_DESC) {
			u32(b, 0x08074b50);
			u32(b, crc);
			if (flags & Z_ZIP64) {
				u64(b, data.n);
				u64(b, len);
			} else {
				u32(b, (uint32_t)data.n);
				u32(b, (uint32_t)len);
			}
		}
		/* its central directory entry */
		u32(&cd, 0x02014b50);
		u16(&cd, 0x031e);
		u16(&cd, flags & Z_ZIP64 ? 45 : 20);
		u16(&cd, flags & Z_DESC ? 8 : 0);
		u16(&cd, m[i].method);
		u16(&cd, 0);
		u16(&cd, 0x21);
		u32(&cd, crc);
		u32(&cd, flags & Z_ZIP64 ? 0xffffffff : (uint32_t)data.n);
		u32(&cd, flags & Z_ZIP64 ? 0xffffffff : (uint32_t)len);
		u16(&cd, strlen(m[i].name));
		u16(&cd, flags & Z_ZIP64 ? 28 : 0);
		u16(&cd, 0);
		u16(&cd, 0);
		u16(&cd, 0);
		u32(&cd, 0);
		u32(&cd, flags & Z_ZIP64 ? 0xffffffff : (uint32_t)off);
		add(&cd, m[i].name, strlen(m[i].name));
		if (flags & Z_ZIP64) {
			u16(&cd, 1);
			u16(&cd, 24);
			u64(&cd, len);
			u64(&cd, data.n);
			u64(&cd, off);
		}
		free(data.p);
	}
	cdoff = b->n;
	add(b, cd.p, cd.n);
	if (flags & Z_ZIP64) {
		uint64_t end64 = b->n;

		u32(b, 0x06064b50);
		u64(b, 44);
		u16(b, 45);
		u16(b, 45);
		u32(b, 0);
		u32(b, 0);
		u64(b, n);
		u64(b, n);
		u64(b, cd.n);
		u64(b, cdoff);
		u32(b, 0x07064b50);
		u32(b, 0);
		u64(b, end64);
		u32(b, 1);
	}
	u32(b, 0x06054b50);
	u16(b, 0);
	u16(b, 0);
	u16(b, flags & Z_ZIP64 ? 0xffff : n);
	u16(b, flags & Z_ZIP64 ? 0xffff : n);
	u32(b, flags & Z_ZIP64 ? 0xffffffff : (uint32_t)cd.n);
	u32(b, flags & Z_ZIP64 ? 0xffffffff : (uint32_t)cdoff);
	u16(b, 0);
	free(cd.p);
}

/* Everything a stream gives, read chunk bytes at a time; NULL and *cause on error. */
static char *
slurp(struct instream *s, size_t chunk, size_t *len, char **cause)
{
	struct buf b = { NULL, 0, 0 };
	char *tmp = malloc(chunk);
	ssize_t got;

	assert_non_null(tmp);
	while ((got = instream_read(s, tmp, chunk, cause)) > 0)
		add(&b, tmp, (size_t)got);
	free(tmp);
	if (got < 0) {
		free(b.p);
		return NULL;
	}
	add(&b, "", 1);
	*len = b.n - 1;
	return (char *)b.p;
}

/*
 * The stream over b decodes to want, read 1, 7 and 64 KiB bytes at a time;
 * the last as a pipe would give it too when as_pipe.
 */
static void
expect_in(const struct buf *b, const char *want, enum instream_codec codec, int as_pipe)
{
	static const size_t chunks[] = { 1, 7, 65536, 65536 };
	size_t i, len;

	for (i = 0; i < 3 + (as_pipe != 0); i++) {
		char *cause = NULL, *got;
		struct instream *s = instream_open_mem("t", b->p, b->n, i == 3 ? INSTREAM_STREAM : 0,
		    &cause);

		assert_null(cause);
		assert_non_null(s);
		assert_int_equal(instream_codec(s), codec);
		got = slurp(s, chunks[i], &len, &cause);
		assert_null(cause);
		assert_non_null(got);
		assert_int_equal(len, strlen(want));
		assert_memory_equal(got, want, len);
		free(got);
		instream_close(s);
	}
}

static void
expect_mem(const struct buf *b, const char *want, enum instream_codec codec)
{
	expect_in(b, want, codec, 1);
}

/* The stream over b fails, at open or while reading, with msg. */
static void
expect_mem_error(const struct buf *b, const char *msg)
{
	char *cause = NULL, *got;
	struct instream *s = instream_open_mem("t.gz", b->p, b->n, 0, &cause);
	size_t len;
	char c;

	if (s != NULL) {
		got = slurp(s, 5, &len, &cause);
		assert_null(got);
		/* sticky: the same message again */
		free(cause);
		cause = NULL;
		assert_int_equal(instream_read(s, &c, 1, &cause), -1);
		instream_close(s);
	}
	assert_non_null(cause);
	assert_string_equal(cause, msg);
	free(cause);
}

static const char csv[] = "event_id_cnty,event_date,notes\nMLI1,2023-10-07,\"a, b\"\n"
    "MLI2,2023-10-08,c\n";

static void
plain_memory(void **state)
{
	struct buf b = { NULL, 0, 0 };

	(void)state;
	add(&b, csv, strlen(csv));
	expect_mem(&b, csv, INSTREAM_PLAIN);
	b.n = 0;
	expect_mem(&b, "", INSTREAM_PLAIN);
	/* a lone 1f or "PK" is data, not a header */
	add(&b, "\x1f", 1);
	expect_mem(&b, "\x1f", INSTREAM_PLAIN);
	b.n = 0;
	add(&b, "PK\3", 3);
	expect_mem(&b, "PK\3", INSTREAM_PLAIN);
	free(b.p);
}

static void
gzip_members(void **state)
{
	struct buf b = { NULL, 0, 0 };
	size_t half = strlen(csv) / 2;
	char first[256];

	(void)state;
	gzip_to(&b, csv);
	expect_mem(&b, csv, INSTREAM_GZIP);
	/* two members make one stream, as gzip -d and cat a.gz b.gz do */
	b.n = 0;
	memcpy(first, csv, half);
	first[half] = '\0';
	gzip_to(&b, first);
	gzip_to(&b, csv + half);
	expect_mem(&b, csv, INSTREAM_GZIP);
	/* an empty member among them */
	gzip_to(&b, "");
	gzip_to(&b, "z");
	{
		char want[256];

		snprintf(want, sizeof want, "%sz", csv);
		expect_mem(&b, want, INSTREAM_GZIP);
	}
	/* zeros after the end, as tape blocks pad it */
	b.n = 0;
	gzip_to(&b, csv);
	add(&b, "\0\0\0\0\0\0\0\0", 8);
	expect_mem(&b, csv, INSTREAM_GZIP);
	free(b.p);
}

static void
gzip_errors(void **state)
{
	struct buf b = { NULL, 0, 0 };
	size_t n;

	(void)state;
	gzip_to(&b, csv);
	n = b.n;
	b.n = n - 5;
	expect_mem_error(&b, "t.gz: unexpected end of file: the gzip data is truncated");
	b.n = n;
	b.p[n - 6] ^= 0xff;	/* the CRC */
	expect_mem_error(&b, "t.gz: corrupt gzip data: incorrect data check");
	b.p[n - 6] ^= 0xff;
	b.p[3] = 0xff;		/* reserved flag bits */
	expect_mem_error(&b, "t.gz: corrupt gzip data: unknown header flags set");
	b.p[3] = 0;
	add(&b, "junk", 4);
	expect_mem_error(&b, "t.gz: trailing garbage after the gzip data");
	free(b.p);
}

static const struct member members[] = {
	{ "data/", "", 0 },
	{ "__MACOSX/._ged.csv", "resource fork", 0 },
	{ "README.md", "# not data\n", 8 },
	{ "dir/._x.csv", "apple double", 0 },
	{ "ged/GEDEvent_v24_1.CSV", csv, 8 },
	{ "second.csv", "never read\n", 0 },
};

static void
zip_directory_member(void **state)
{
	static const int variants[] = { 0, Z_DESC, Z_ZIP64, Z_DESC | Z_ZIP64 };
	struct buf b = { NULL, 0, 0 };
	struct member stored[6];
	size_t i;

	(void)state;
	for (i = 0; i < 4; i++) {
		char *cause = NULL;
		struct instream *s;

		b.n = 0;
		zip_to(&b, members, 6, variants[i]);
		/* stored members of unknown size before it: not from a pipe */
		expect_in(&b, csv, INSTREAM_ZIP, !(variants[i] & Z_DESC));
		s = instream_open_mem("ged.zip", b.p, b.n, 0, &cause);
		assert_non_null(s);
		assert_string_equal(instream_member(s), "ged/GEDEvent_v24_1.CSV");
		instream_close(s);
	}
	memcpy(stored, members, sizeof stored);
	stored[4].method = 0;
	b.n = 0;
	zip_to(&b, stored, 6, 0);
	expect_mem(&b, csv, INSTREAM_ZIP);
	free(b.p);
}

static void
zip_errors(void **state)
{
	struct buf b = { NULL, 0, 0 };
	struct member m = { "x.json", "{\"data\":[]}", 8 };
	size_t n;

	(void)state;
	zip_to(&b, members, 3, 0);
	expect_mem_error(&b, "t.gz: no .csv, .tsv, .txt or .json member in the zip archive");
	b.n = 0;
	zip_to(&b, &m, 1, Z_BADCRC);
	expect_mem_error(&b, "t.gz: x.json: CRC-32 mismatch: the archive is corrupt");
	b.n = 0;
	m.method = 12;
	zip_to(&b, &m, 1, 0);
	expect_mem_error(&b, "t.gz: x.json: compression method 12: only stored and deflate "
	    "are supported");
	/* cut before its end: the directory is gone */
	b.n = 0;
	m.method = 8;
	zip_to(&b, &m, 1, 0);
	n = b.n;
	b.n = n - 30;
	expect_mem_error(&b, "t.gz: not a complete zip archive (no central directory)");
	free(b.p);
}

/* A path in a fresh temporary directory, for files and FIFOs. */
static char tmpdir[4096];

static const char *
tmp_path(const char *name)
{
	static char path[4200];

	if (tmpdir[0] == '\0') {
		const char *t = getenv("TMPDIR");

		snprintf(tmpdir, sizeof tmpdir, "%s/sitmap-instream-XXXXXX",
		    t != NULL && *t != '\0' ? t : P_tmpdir);
		assert_non_null(mkdtemp(tmpdir));
	}
	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	return path;
}

static void
write_file(const char *path, const void *p, size_t n)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(p, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
}

/* A child that writes b to a pipe, slowly (in 3-byte writes); the read end. */
static int
pipe_from(const struct buf *b, pid_t *pid)
{
	int fd[2];
	size_t i;

	assert_int_equal(pipe(fd), 0);
	*pid = fork();
	assert_true(*pid >= 0);
	if (*pid == 0) {
		close(fd[0]);
		for (i = 0; i < b->n; i += 3)
			if (write(fd[1], b->p + i, b->n - i < 3 ? b->n - i : 3) < 0)
				_exit(1);
		_exit(0);
	}
	close(fd[1]);
	return fd[0];
}

/* Reads b through a pipe given as standard input ("-"); the result or the error. */
static char *
via_stdin(const struct buf *b, size_t *len, char **cause)
{
	struct instream *s;
	int saved = dup(0), rfd, status;
	pid_t pid;
	char *got = NULL;

	rfd = pipe_from(b, &pid);
	assert_int_equal(dup2(rfd, 0), 0);
	close(rfd);
	if ((s = instream_open("-", 0, cause)) != NULL) {
		assert_string_equal(instream_name(s), "(standard input)");
		got = slurp(s, 4096, len, cause);
		instream_close(s);
	}
	assert_int_equal(dup2(saved, 0), 0);
	close(saved);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	return got;
}

static void
streams(void **state)
{
	struct buf b = { NULL, 0, 0 };
	struct member m[3] = { { "notes.txt0", "skip me, deflated\n", 8 },
	    { "first.bin", "stored, skipped by size\n", 0 }, { "ged.csv", csv, 8 } };
	char *got, *cause = NULL;
	size_t len;

	(void)state;
	add(&b, csv, strlen(csv));
	got = via_stdin(&b, &len, &cause);
	assert_non_null(got);
	assert_string_equal(got, csv);
	free(got);
	b.n = 0;
	gzip_to(&b, csv);
	got = via_stdin(&b, &len, &cause);
	assert_non_null(got);
	assert_string_equal(got, csv);
	free(got);
	/* a zip from a pipe: local headers only; members before skipped */
	b.n = 0;
	zip_to(&b, m, 3, 0);
	got = via_stdin(&b, &len, &cause);
	assert_non_null(got);
	assert_string_equal(got, csv);
	free(got);
	/* with data descriptors (zip -, Windows): deflated members end by themselves */
	m[1].method = 8;
	b.n = 0;
	zip_to(&b, m, 3, Z_DESC);
	got = via_stdin(&b, &len, &cause);
	assert_non_null(got);
	assert_string_equal(got, csv);
	free(got);
	b.n = 0;
	zip_to(&b, m, 3, Z_DESC | Z_ZIP64);
	got = via_stdin(&b, &len, &cause);
	assert_non_null(got);
	assert_string_equal(got, csv);
	free(got);
	/* a folder before it, stored and empty with a descriptor, as zip - writes it */
	{
		struct member d[2] = { { "ged/", "", 0 }, { "ged/ged.csv", csv, 8 } };

		b.n = 0;
		zip_to(&b, d, 2, Z_DESC);
		got = via_stdin(&b, &len, &cause);
		assert_non_null(got);
		assert_string_equal(got, csv);
		free(got);
	}
	/* the end of a stored member of unknown size cannot be found in a stream */
	m[2].method = 0;
	b.n = 0;
	zip_to(&b, m + 2, 1, Z_DESC);
	got = via_stdin(&b, &len, &cause);
	assert_null(got);
	assert_string_equal(cause, "(standard input): ged.csv: a stored member of unknown size "
	    "cannot be read from a stream: read the archive from a file");
	free(cause);
	cause = NULL;
	/* the same archive as a regular file is read through its directory */
	write_file(tmp_path("stored.zip"), b.p, b.n);
	{
		struct instream *s = instream_open(tmp_path("stored.zip"), 0, &cause);

		assert_non_null(s);
		got = slurp(s, 100, &len, &cause);
		assert_non_null(got);
		assert_string_equal(got, csv);
		free(got);
		instream_close(s);
	}
	unlink(tmp_path("stored.zip"));
	free(b.p);
}

static void
files_and_fifos(void **state)
{
	struct buf b = { NULL, 0, 0 };
	struct instream *s;
	char *cause = NULL, *got;
	const char *p;
	size_t len;
	uint64_t done, total, out;
	struct timespec t0, t1;
	int flags;

	(void)state;
	write_file(tmp_path("e.csv"), csv, strlen(csv));
	for (flags = 0; flags <= INSTREAM_MMAP; flags++) {
		s = instream_open(tmp_path("e.csv"), flags, &cause);
		assert_non_null(s);
		if (flags) {
			assert_int_equal(instream_map(s, &p, &len), 0);
			assert_int_equal(len, strlen(csv));
			assert_memory_equal(p, csv, len);
		} else
			assert_int_equal(instream_map(s, &p, &len), -1);
		got = slurp(s, 10, &len, &cause);
		assert_string_equal(got, csv);
		free(got);
		instream_progress(s, &done, &total, &out);
		assert_int_equal(done, strlen(csv));
		assert_int_equal(total, strlen(csv));
		assert_int_equal(out, strlen(csv));
		instream_close(s);
	}
	/* mapped gzip: read through, and no map of plain bytes to give */
	gzip_to(&b, csv);
	write_file(tmp_path("e.csv.gz"), b.p, b.n);
	s = instream_open(tmp_path("e.csv.gz"), INSTREAM_MMAP, &cause);
	assert_non_null(s);
	assert_int_equal(instream_map(s, &p, &len), -1);
	got = slurp(s, 10, &len, &cause);
	assert_string_equal(got, csv);
	free(got);
	instream_progress(s, &done, &total, &out);
	assert_int_equal(done, b.n);
	assert_int_equal(total, b.n);
	assert_int_equal(out, strlen(csv));
	instream_close(s);
	/* a FIFO without a writer: the open does not wait, and it reads as empty */
	assert_int_equal(mkfifo(tmp_path("fifo"), 0600), 0);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	s = instream_open(tmp_path("fifo"), INSTREAM_MMAP, &cause);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	assert_non_null(s);
	assert_true(t1.tv_sec - t0.tv_sec < 2);
	got = slurp(s, 10, &len, &cause);
	assert_non_null(got);
	assert_int_equal(len, 0);
	free(got);
	instream_progress(s, &done, &total, &out);
	assert_int_equal(total, 0);
	instream_close(s);
	/* errors name the file */
	assert_null(instream_open(tmpdir, 0, &cause));
	assert_non_null(strstr(cause, ": is a directory"));
	free(cause);
	assert_null(instream_open(tmp_path("missing.csv"), 0, &cause));
	assert_non_null(strstr(cause, "missing.csv: No such file or directory"));
	free(cause);
	unlink(tmp_path("fifo"));
	unlink(tmp_path("e.csv"));
	unlink(tmp_path("e.csv.gz"));
	free(b.p);
}

static void
peeking(void **state)
{
	struct buf b = { NULL, 0, 0 };
	struct instream *s;
	char *cause = NULL, *got, tmp[8];
	const char *p;
	size_t len, n = strlen(csv);

	(void)state;
	gzip_to(&b, csv);
	s = instream_open_mem("t.gz", b.p, b.n, 0, &cause);
	assert_non_null(s);
	assert_int_equal(instream_peek(s, 13, &p, &len, &cause), 0);
	assert_int_equal(len, 13);
	assert_memory_equal(p, "event_id_cnty", 13);
	/* a longer peek, then a shorter one: the same start */
	assert_int_equal(instream_peek(s, 40, &p, &len, &cause), 0);
	assert_int_equal(len, 40);
	assert_memory_equal(p, csv, 40);
	assert_int_equal(instream_peek(s, 5, &p, &len, &cause), 0);
	assert_int_equal(len, 5);
	/* reading takes the peeked bytes first */
	assert_int_equal(instream_read(s, tmp, 6, &cause), 6);
	assert_memory_equal(tmp, "event_", 6);
	assert_int_equal(instream_peek(s, 1000, &p, &len, &cause), 0);
	assert_int_equal(len, n - 6);
	assert_memory_equal(p, csv + 6, len);
	got = slurp(s, 3, &len, &cause);
	assert_int_equal(len, n - 6);
	assert_memory_equal(got, csv + 6, len);
	free(got);
	assert_int_equal(instream_peek(s, 10, &p, &len, &cause), 0);
	assert_int_equal(len, 0);
	instream_close(s);
	free(b.p);
}

/*
 * No size ceiling: 1.1 GiB of decoded data (the old import ceiling was
 * 1 GiB), from 1,100 gzip members of 1 MiB of zeros each, read in 1 MiB
 * blocks. Memory stays the stream's own, whatever the size.
 */
static void
no_ceiling(void **state)
{
	struct buf one = { NULL, 0, 0 }, b = { NULL, 0, 0 };
	size_t mib = (size_t)1 << 20, i, total = 0;
	char *zeros = calloc(1, mib), *cause = NULL;
	struct instream *s;
	ssize_t got;

	(void)state;
	assert_non_null(zeros);
	deflate_to(&one, zeros, mib, 16 + MAX_WBITS);
	for (i = 0; i < 1100; i++)
		add(&b, one.p, one.n);
	s = instream_open_mem("big.gz", b.p, b.n, INSTREAM_STREAM, &cause);
	assert_non_null(s);
	while ((got = instream_read(s, zeros, mib, &cause)) > 0) {
		total += (size_t)got;
		assert_int_equal(zeros[0], 0);
	}
	assert_int_equal(got, 0);
	assert_int_equal(total, 1100 * mib);
	instream_close(s);
	free(zeros);
	free(one.p);
	free(b.p);
}

static int
cleanup(void **state)
{
	(void)state;
	if (tmpdir[0] != '\0')
		rmdir(tmpdir);
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(plain_memory),
		cmocka_unit_test(gzip_members),
		cmocka_unit_test(gzip_errors),
		cmocka_unit_test(zip_directory_member),
		cmocka_unit_test(zip_errors),
		cmocka_unit_test(streams),
		cmocka_unit_test(files_and_fifos),
		cmocka_unit_test(peeking),
		cmocka_unit_test(no_ceiling),
	};

	return cmocka_run_group_tests(tests, NULL, cleanup);
}
