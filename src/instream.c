/*
 * instream.c: files, pipes, gzip and zip as one stream of bytes (see
 * instream.h). zlib does the inflating; the zip container is read here,
 * since only its first data member is wanted: the central directory of a
 * regular file, or the local headers of a stream.
 */
#include "instream.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "text.h"
#include "util.h"

/* Progress counters are read by a thread that shows them (load.c): relaxed atomics. */
#define SET(field, v)	__atomic_store_n(&(field), (v), __ATOMIC_RELAXED)
#define ADD(field, v)	(void)__atomic_fetch_add(&(field), (v), __ATOMIC_RELAXED)

#define READ_SIZE	((size_t)256 << 10)
#define UNNEED_STEP	((size_t)32 << 20)	/* a mapped file's bytes read and kept, at most */
#define NO_LIMIT	UINT64_MAX
#define NAME_BYTES	4096

#define SIG_LOCAL	0x04034b50u
#define SIG_CENTRAL	0x02014b50u
#define SIG_END		0x06054b50u
#define SIG_END64	0x06064b50u
#define SIG_LOC64	0x07064b50u
#define SIG_DESC	0x08074b50u

struct instream {
	char		*name;		/* sanitised */
	char		*member;	/* zip: sanitised member name */
	char		*err;		/* the first error, for every later call */
	enum instream_codec codec;
	int		 fd;		/* -1: memory */
	int		 own_fd;
	int		 seekable;	/* a regular file or memory */
	const unsigned char *mem;	/* the whole source, when in memory */
	size_t		 memlen;
	void		*map;		/* mmap()ed: unmapped on close */
	size_t		 unneeded;	/* map: the pages before it are out of the process */
	/* the source: win[0..winlen) is read and not yet consumed */
	unsigned char	*ibuf;
	const unsigned char *win;
	size_t		 winlen;
	int		 raw_eof;
	uint64_t	 limit;		/* source bytes that may still be consumed */
	uint64_t	 done, total;	/* progress: read by another thread (SET, ADD) */
	/* decoding */
	z_stream	 z;
	int		 zinit;
	int		 end;		/* all data decoded */
	int		 method;	/* zip: 0 stored, 8 deflate */
	int		 desc;		/* zip: sizes and CRC follow the data */
	int		 zip64;
	uint32_t	 crc, want_crc;
	uint64_t	 usize, want_usize;
	/* decoded bytes held for instream_peek() */
	unsigned char	*pbuf;
	size_t		 pcap, poff, plen;
	uint64_t	 out;
};

static uint16_t
le16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t
le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

static uint64_t
le64(const unsigned char *p)
{
	return le32(p) | (uint64_t)le32(p + 4) << 32;
}

/* Sets the stream's error (the first one stays) and copies it to *cause; -1. */
static int __attribute__((format(printf, 3, 4)))
fail(struct instream *s, char **cause, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	if (s->err == NULL) {
		va_start(ap, fmt);
		xvasprintf(&msg, fmt, ap);
		va_end(ap);
		if (s->member != NULL)
			xasprintf(&s->err, "%s: %s: %s", s->name, s->member, msg);
		else
			xasprintf(&s->err, "%s: %s", s->name, msg);
		free(msg);
	}
	*cause = xstrdup(s->err);
	return -1;
}

/* Bytes of the window that may be consumed now. */
static size_t
raw_len(const struct instream *s)
{
	return (uint64_t)s->winlen < s->limit ? s->winlen : (size_t)s->limit;
}

static void
raw_consume(struct instream *s, size_t n)
{
	size_t at, pg;

	s->win += n;
	s->winlen -= n;
	if (s->limit != NO_LIMIT)
		s->limit -= n;
	ADD(s->done, n);
	/* a mapped file's pages read, out of the process: memory stays bounded (they stay cached) */
	if (s->map != NULL && (at = (size_t)(s->win - s->mem)) > s->unneeded &&
	    at - s->unneeded >= UNNEED_STEP) {
		pg = (size_t)sysconf(_SC_PAGESIZE);
		at = at / pg * pg;
		(void)madvise((char *)s->map + s->unneeded, at - s->unneeded, MADV_DONTNEED);
		s->unneeded = at;
	}
}

/*
 * Makes at least want bytes (at most READ_SIZE) consumable, or all there
 * are: 0, or -1 with *cause on a read error. Fewer than want at the end.
 */
static int
raw_fill(struct instream *s, size_t want, char **cause)
{
	ssize_t got;

	if (want > s->limit)
		want = (size_t)s->limit;
	if (s->winlen >= want || s->fd < 0 || s->raw_eof)
		return 0;
	if (s->win != s->ibuf) {
		memmove(s->ibuf, s->win, s->winlen);
		s->win = s->ibuf;
	}
	while (s->winlen < want) {
		got = read(s->fd, s->ibuf + s->winlen, READ_SIZE - s->winlen);
		if (got < 0) {
			if (errno == EINTR)
				continue;
			return fail(s, cause, "%s", strerror(errno));
		}
		if (got == 0) {
			s->raw_eof = 1;
			break;
		}
		s->winlen += (size_t)got;
	}
	return 0;
}

/* Exactly n bytes of the source into dst; -1 with *cause if it ends first. */
static int
raw_read(struct instream *s, void *dst, size_t n, const char *what, char **cause)
{
	unsigned char *d = dst;

	while (n > 0) {
		size_t k;

		if (raw_fill(s, n < READ_SIZE ? n : READ_SIZE, cause) != 0)
			return -1;
		if ((k = raw_len(s)) == 0)
			return fail(s, cause, "unexpected end of file in %s", what);
		if (k > n)
			k = n;
		memcpy(d, s->win, k);
		raw_consume(s, k);
		d += k;
		n -= k;
	}
	return 0;
}

static int
raw_skip(struct instream *s, uint64_t n, const char *what, char **cause)
{
	while (n > 0) {
		size_t k;

		if (raw_fill(s, 1, cause) != 0)
			return -1;
		if ((k = raw_len(s)) == 0)
			return fail(s, cause, "unexpected end of file in %s", what);
		if (k > n)
			k = (size_t)n;
		raw_consume(s, k);
		n -= k;
	}
	return 0;
}

/* A regular source read at off: memory or pread(). -1 if it has fewer bytes. */
static int
src_pread(struct instream *s, uint64_t off, void *dst, size_t n)
{
	unsigned char *d = dst;
	ssize_t got;

	if (s->fd < 0) {
		if (off > s->memlen || n > s->memlen - off)
			return -1;
		memcpy(dst, s->mem + off, n);
		return 0;
	}
	while (n > 0) {
		if ((got = pread(s->fd, d, n, (off_t)off)) < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			return -1;
		d += got;
		off += (uint64_t)got;
		n -= (size_t)got;
	}
	return 0;
}

/* Moves a regular source to off, with n bytes to consume from there. */
static int
src_seek(struct instream *s, uint64_t off, uint64_t n, char **cause)
{
	if (s->fd < 0) {
		if (off > s->memlen || n > s->memlen - off)
			return fail(s, cause, "member data beyond the end of the archive");
		s->win = s->mem + off;
		s->winlen = s->memlen - (size_t)off;
	} else {
		if (lseek(s->fd, (off_t)off, SEEK_SET) == (off_t)-1)
			return fail(s, cause, "%s", strerror(errno));
		s->win = s->ibuf;
		s->winlen = 0;
		s->raw_eof = 0;
	}
	s->limit = n;
	SET(s->done, 0);
	SET(s->total, n);
	return 0;
}

/* Wanted: a data file, not a folder, nor the resource forks macOS adds. */
static int
member_wanted(const char *name, size_t len)
{
	static const char *const exts[] = { ".csv", ".tsv", ".txt", ".json" };
	const char *base = name;
	size_t i, e;

	if (len == 0 || name[len - 1] == '/' || (len >= 9 && strncmp(name, "__MACOSX/", 9) == 0))
		return 0;
	for (i = 0; i < len; i++)
		if (name[i] == '/' || name[i] == '\\')
			base = name + i + 1;
	if (strncmp(base, "._", 2) == 0)
		return 0;
	for (i = 0; i < sizeof exts / sizeof exts[0]; i++) {
		e = strlen(exts[i]);
		if (len > e && strncasecmp(name + len - e, exts[i], e) == 0)
			return 1;
	}
	return 0;
}

/* The zip64 sizes (and offset) an extra field holds, for the fields that were 0xffffffff. */
static void
zip64_extra(const unsigned char *x, size_t n, uint64_t *usize, uint64_t *csize,
    uint64_t *off)
{
	while (n >= 4) {
		size_t id = le16(x), k = le16(x + 2), at = 4;

		if (k > n - 4)
			return;
		if (id == 0x0001) {
			if (usize != NULL && *usize == 0xffffffffu && at + 8 <= 4 + k)
				*usize = le64(x + at), at += 8;
			if (csize != NULL && *csize == 0xffffffffu && at + 8 <= 4 + k)
				*csize = le64(x + at), at += 8;
			if (off != NULL && *off == 0xffffffffu && at + 8 <= 4 + k)
				*off = le64(x + at);
			return;
		}
		x += 4 + k;
		n -= 4 + k;
	}
}

static int
set_member(struct instream *s, const unsigned char *name, size_t len, int flags,
    int method, char **cause)
{
	s->member = text_sanitize((const char *)name, len, 1024);
	if (flags & 1)
		return fail(s, cause, "encrypted: not supported");
	if (method != 0 && method != 8)
		return fail(s, cause, "compression method %d: only stored and deflate are "
		    "supported", method);
	s->method = method;
	if (method == 8) {
		memset(&s->z, 0, sizeof s->z);
		if (inflateInit2(&s->z, -MAX_WBITS) != Z_OK)
			die("out of memory");
		s->zinit = 1;
	}
	s->crc = (uint32_t)crc32(0, Z_NULL, 0);
	return 0;
}

/*
 * A regular zip: the end of central directory record (in the last 64 KiB
 * and 22 bytes), zip64's if it says so, then the directory's first wanted
 * entry and its local header.
 */
static int
zip_directory(struct instream *s, uint64_t size, char **cause)
{
	unsigned char tail[65557], h[56], *e = NULL, *cd = NULL, *p;
	uint64_t n = size < sizeof tail ? size : sizeof tail, cdoff, cdsize, count, i;
	uint64_t csize, usize, off, data;
	size_t k, nl, xl, cl;
	int r = -1;

	if (src_pread(s, size - n, tail, (size_t)n) != 0)
		return fail(s, cause, "cannot read the zip directory");
	for (k = (size_t)n >= 22 ? (size_t)n - 22 + 1 : 0; k-- > 0;)
		if (le32(tail + k) == SIG_END) {
			e = tail + k;
			break;
		}
	if (e == NULL)
		return fail(s, cause, "not a complete zip archive (no central directory)");
	count = le16(e + 10);
	cdsize = le32(e + 12);
	cdoff = le32(e + 16);
	if ((count == 0xffff || cdsize == 0xffffffffu || cdoff == 0xffffffffu) && e - tail >= 20 &&
	    le32(e - 20) == SIG_LOC64) {
		if (src_pread(s, le64(e - 20 + 8), h, 56) != 0 || le32(h) != SIG_END64)
			return fail(s, cause, "bad zip64 end of central directory");
		count = le64(h + 32);
		cdsize = le64(h + 40);
		cdoff = le64(h + 48);
	}
	if (cdoff > size || cdsize > size - cdoff || cdsize > ((uint64_t)1 << 30))
		return fail(s, cause, "bad zip central directory");
	cd = xmalloc(cdsize ? (size_t)cdsize : 1);
	if (src_pread(s, cdoff, cd, (size_t)cdsize) != 0) {
		fail(s, cause, "cannot read the zip directory");
		goto out;
	}
	for (i = 0, p = cd; i < count; i++) {
		if ((uint64_t)(p - cd) + 46 > cdsize || le32(p) != SIG_CENTRAL) {
			fail(s, cause, "bad zip central directory");
			goto out;
		}
		nl = le16(p + 28);
		xl = le16(p + 30);
		cl = le16(p + 32);
		if ((uint64_t)(p - cd) + 46 + nl + xl + cl > cdsize) {
			fail(s, cause, "bad zip central directory");
			goto out;
		}
		if (!member_wanted((const char *)p + 46, nl)) {
			p += 46 + nl + xl + cl;
			continue;
		}
		csize = le32(p + 20);
		usize = le32(p + 24);
		off = le32(p + 42);
		zip64_extra(p + 46 + nl, xl, &usize, &csize, &off);
		if (set_member(s, p + 46, nl, le16(p + 8), le16(p + 10), cause) != 0)
			goto out;
		s->want_crc = le32(p + 16);
		s->want_usize = usize;
		if (src_pread(s, off, h, 30) != 0 || le32(h) != SIG_LOCAL) {
			fail(s, cause, "bad local header");
			goto out;
		}
		data = off + 30 + le16(h + 26) + le16(h + 28);
		if (data > size || csize > size - data) {
			fail(s, cause, "member data beyond the end of the archive");
			goto out;
		}
		r = src_seek(s, data, csize, cause);
		goto out;
	}
	fail(s, cause, "no .csv, .tsv, .txt or .json member in the zip archive");
out:
	free(cd);
	return r;
}

/*
 * A zip as a stream: local headers one after the other, until a wanted
 * member. Those before it are skipped: by their size, or, when a data
 * descriptor holds it, by inflating them to their end.
 */
static int
zip_stream(struct instream *s, char **cause)
{
	unsigned char h[30], *name = NULL, desc[24];
	uint64_t csize, usize;
	size_t nl, xl;
	int flags, method;

	for (;;) {
		if (raw_fill(s, 4, cause) != 0)
			return -1;
		if (raw_len(s) < 4 || le32(s->win) != SIG_LOCAL)
			return fail(s, cause, "no .csv, .tsv, .txt or .json member in the zip archive");
		if (raw_read(s, h, 30, "a zip local header", cause) != 0)
			return -1;
		flags = le16(h + 6);
		method = le16(h + 8);
		csize = le32(h + 18);
		usize = le32(h + 22);
		nl = le16(h + 26);
		xl = le16(h + 28);
		name = xmalloc(nl + xl + 1);
		if (raw_read(s, name, nl + xl, "a zip local header", cause) != 0)
			goto fail;
		s->zip64 = 0;
		if (csize == 0xffffffffu || usize == 0xffffffffu) {
			s->zip64 = 1;
			zip64_extra(name + nl, xl, &usize, &csize, NULL);
		}
		if (member_wanted((const char *)name, nl)) {
			if (set_member(s, name, nl, flags, method, cause) != 0)
				goto fail;
			free(name);
			s->desc = (flags & 8) != 0;
			if (s->desc && method == 0)
				return fail(s, cause, "a stored member of unknown size cannot be "
				    "read from a stream: read the archive from a file");
			s->want_crc = le32(h + 14);
			s->want_usize = usize;
			if (!s->desc) {
				s->limit = csize;
				SET(s->total, csize);
				SET(s->done, 0);
			}
			return 0;
		}
		if (!(flags & 8)) {
			free(name);
			name = NULL;
			if (raw_skip(s, csize, "a zip member", cause) != 0)
				return -1;
			continue;
		}
		if (method != 8 && nl > 0 && name[nl - 1] == '/') {
			/* a folder, as zip - writes it: stored, empty, then its descriptor */
			free(name);
			name = NULL;
			if (raw_fill(s, 4, cause) != 0)
				return -1;
			if (raw_len(s) >= 4 && le32(s->win) == SIG_DESC)
				raw_consume(s, 4);
			if (raw_read(s, desc, s->zip64 ? 20 : 12, "a zip data descriptor",
			    cause) != 0)
				return -1;
			continue;
		}
		free(name);
		name = NULL;
		if (method != 8)
			return fail(s, cause, "cannot skip a stored member of unknown size in a "
			    "stream");
		/* inflated to nowhere: raw deflate ends by itself */
		{
			unsigned char sink[16384];
			z_stream z;
			int r;

			memset(&z, 0, sizeof z);
			if (inflateInit2(&z, -MAX_WBITS) != Z_OK)
				die("out of memory");
			do {
				if (raw_fill(s, 1, cause) != 0) {
					inflateEnd(&z);
					return -1;
				}
				z.next_in = (Bytef *)(uintptr_t)s->win;
				z.avail_in = (uInt)(raw_len(s) < UINT_MAX ? raw_len(s) : UINT_MAX);
				if (z.avail_in == 0) {
					inflateEnd(&z);
					return fail(s, cause, "unexpected end of file in a zip member");
				}
				z.next_out = sink;
				z.avail_out = sizeof sink;
				r = inflate(&z, Z_NO_FLUSH);
				raw_consume(s, (size_t)(z.next_in - s->win));
			} while (r == Z_OK || (r == Z_BUF_ERROR && z.avail_out == 0));
			inflateEnd(&z);
			if (r != Z_STREAM_END)
				return fail(s, cause, "corrupt zip member data");
		}
		if (raw_fill(s, 4, cause) != 0)
			return -1;
		if (raw_len(s) >= 4 && le32(s->win) == SIG_DESC)
			raw_consume(s, 4);
		if (raw_read(s, desc, s->zip64 ? 20 : 12, "a zip data descriptor", cause) != 0)
			return -1;
	}
fail:
	free(name);
	return -1;
}

/* After the member's data: its descriptor, if any, then the CRC and size. */
static int
zip_end(struct instream *s, char **cause)
{
	unsigned char d[24];

	if (s->desc) {
		if (raw_fill(s, 4, cause) != 0)
			return -1;
		if (raw_len(s) >= 4 && le32(s->win) == SIG_DESC)
			raw_consume(s, 4);
		if (raw_read(s, d, s->zip64 ? 20 : 12, "a zip data descriptor", cause) != 0)
			return -1;
		s->want_crc = le32(d);
		s->want_usize = s->zip64 ? le64(d + 12) : le32(d + 8);
	}
	if (s->crc != s->want_crc)
		return fail(s, cause, "CRC-32 mismatch: the archive is corrupt");
	if (s->usize != s->want_usize)
		return fail(s, cause, "size mismatch: the archive is corrupt");
	return 0;
}

/* After the last gzip member: nothing, or zeros only. Sets end. */
static int
gzip_tail(struct instream *s, char **cause)
{
	size_t i, k;

	for (;;) {
		if (raw_fill(s, 1, cause) != 0)
			return -1;
		if ((k = raw_len(s)) == 0)
			break;
		for (i = 0; i < k; i++)
			if (s->win[i] != 0)
				return fail(s, cause, "trailing garbage after the gzip data");
		raw_consume(s, k);
	}
	s->end = 1;
	return 0;
}

/* Up to n decoded bytes into dst: the count, 0 at the end, -1 on error. */
static ssize_t
decode(struct instream *s, unsigned char *dst, size_t n, char **cause)
{
	size_t k;
	int r;

	if (s->err != NULL)
		return fail(s, cause, "%s", "");
	if (s->end || n == 0)
		return 0;
	if (n > (size_t)SSIZE_MAX)
		n = (size_t)SSIZE_MAX;
	if (s->codec == INSTREAM_PLAIN || (s->codec == INSTREAM_ZIP && s->method == 0)) {
		if (raw_len(s) == 0 && s->fd >= 0 && !s->raw_eof && n >= READ_SIZE &&
		    s->limit == NO_LIMIT) {
			/* a large read straight into the caller's buffer: no copy */
			ssize_t got;

			while ((got = read(s->fd, dst, n)) < 0 && errno == EINTR)
				;
			if (got < 0)
				return fail(s, cause, "%s", strerror(errno));
			ADD(s->done, (uint64_t)got);
			if (got > 0)
				return got;
			s->raw_eof = 1;
		}
		if (raw_fill(s, 1, cause) != 0)
			return -1;
		if ((k = raw_len(s)) == 0) {
			if (s->codec == INSTREAM_ZIP) {
				if (s->limit != 0)
					return fail(s, cause, "unexpected end of file in the "
					    "member's data");
				if (zip_end(s, cause) != 0)
					return -1;
			}
			s->end = 1;
			return 0;
		}
		if (k > n)
			k = n;
		memcpy(dst, s->win, k);
		raw_consume(s, k);
		if (s->codec == INSTREAM_ZIP) {
			s->crc = (uint32_t)crc32(s->crc, dst, (uInt)k);
			s->usize += k;
		}
		return (ssize_t)k;
	}
	/* gzip or a deflated member */
	for (;;) {
		if (raw_fill(s, 1, cause) != 0)
			return -1;
		k = raw_len(s);
		s->z.next_in = (Bytef *)(uintptr_t)s->win;
		s->z.avail_in = (uInt)(k < UINT_MAX ? k : UINT_MAX);
		s->z.next_out = dst;
		s->z.avail_out = (uInt)(n < UINT_MAX ? n : UINT_MAX);
		r = inflate(&s->z, Z_NO_FLUSH);
		raw_consume(s, (size_t)(s->z.next_in - s->win));
		k = (size_t)(s->z.next_out - dst);
		if (s->codec == INSTREAM_ZIP) {
			s->crc = (uint32_t)crc32(s->crc, dst, (uInt)k);
			s->usize += k;
		}
		if (r == Z_STREAM_END) {
			if (s->codec == INSTREAM_ZIP) {
				if (zip_end(s, cause) != 0)
					return -1;
				s->end = 1;
				return (ssize_t)k;
			}
			/* another gzip member may follow; trailing zeros (tape padding) end it */
			if (raw_fill(s, 2, cause) != 0)
				return -1;
			if (raw_len(s) >= 2 && s->win[0] == 0x1f && s->win[1] == 0x8b)
				inflateReset(&s->z);
			else if (gzip_tail(s, cause) != 0)
				return -1;
			if (k > 0 || s->end)
				return (ssize_t)k;
			continue;
		}
		if (r == Z_OK && k > 0)
			return (ssize_t)k;
		if (r == Z_OK)
			continue;
		/* no progress: raw_fill() found no more input, or the data is bad */
		if (r == Z_BUF_ERROR && raw_len(s) == 0)
			return fail(s, cause, s->codec == INSTREAM_GZIP ?
			    "unexpected end of file: the gzip data is truncated" :
			    "unexpected end of file in the member's data");
		if (r == Z_MEM_ERROR)
			die("out of memory");
		return fail(s, cause, "corrupt %s data%s%s", s->codec == INSTREAM_GZIP ?
		    "gzip" : "zip member", s->z.msg ? ": " : "", s->z.msg ? s->z.msg : "");
	}
}

/* Tells the codec from the first bytes and gets ready to decode. */
static int
start(struct instream *s, char **cause)
{
	struct stat st;

	if (raw_fill(s, 4, cause) != 0)
		return -1;
	if (raw_len(s) >= 2 && s->win[0] == 0x1f && s->win[1] == 0x8b) {
		s->codec = INSTREAM_GZIP;
		memset(&s->z, 0, sizeof s->z);
		if (inflateInit2(&s->z, 16 + MAX_WBITS) != Z_OK)
			die("out of memory");
		s->zinit = 1;
		return 0;
	}
	if (raw_len(s) >= 4 && le32(s->win) == SIG_LOCAL) {
		s->codec = INSTREAM_ZIP;
		if (!s->seekable)
			return zip_stream(s, cause);
		if (s->fd >= 0 && fstat(s->fd, &st) != 0)
			return fail(s, cause, "%s", strerror(errno));
		return zip_directory(s, s->fd >= 0 ? (uint64_t)st.st_size : s->memlen, cause);
	}
	s->codec = INSTREAM_PLAIN;
	return 0;
}

static struct instream *
new_stream(const char *name)
{
	struct instream *s = xcalloc(1, sizeof *s);

	s->name = text_sanitize(name, strlen(name), NAME_BYTES);
	s->fd = -1;
	s->limit = NO_LIMIT;
	return s;
}

static struct instream *
opened(struct instream *s, char **cause)
{
	if (start(s, cause) != 0) {
		instream_close(s);
		return NULL;
	}
	return s;
}

/* A mapping that another program's truncation must not turn into a crash. */
static void
watch(const void *p, size_t len, const char *name, const char *what)
{
	char *msg, *safe;

	xasprintf(&msg, "%s: %s", name, what);
	safe = text_for_locale(msg, strlen(msg), 300);
	util_watch_map(p, len, safe);
	free(safe);
	free(msg);
}

struct instream *
instream_open(const char *path, int flags, char **cause)
{
	struct instream *s;
	struct stat st;
	char *err;
	int fd;

	if (strcmp(path, "-") == 0) {
		s = new_stream("(standard input)");
		s->fd = 0;
	} else {
		if ((fd = util_open_input(path, SIZE_MAX, 0, &st, &err)) == -1) {
			*cause = text_sanitize(err, strlen(err), NAME_BYTES + 256);
			free(err);
			return NULL;
		}
		s = new_stream(path);
		s->fd = fd;
		s->own_fd = 1;
		if (S_ISREG(st.st_mode)) {
			s->seekable = 1;
			SET(s->total, (uint64_t)st.st_size);
			if ((flags & INSTREAM_MMAP) && st.st_size > 0 &&
			    (uint64_t)st.st_size <= SIZE_MAX &&
			    (s->map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd,
			    0)) != MAP_FAILED) {
				(void)madvise(s->map, (size_t)st.st_size, MADV_SEQUENTIAL);
				watch(s->map, (size_t)st.st_size, s->name,
				    "was cut short while it was read (another program "
				    "rewrites it?): read it again once it is whole");
				s->mem = s->map;
				s->memlen = (size_t)st.st_size;
				s->win = s->mem;
				s->winlen = s->memlen;
				close(fd);
				s->fd = -1;
				s->own_fd = 0;
				return opened(s, cause);
			}
			s->map = NULL;
		}
	}
	s->ibuf = xmalloc(READ_SIZE);
	s->win = s->ibuf;
	return opened(s, cause);
}

struct instream *
instream_open_mem(const char *name, const void *buf, size_t len, int flags, char **cause)
{
	struct instream *s = new_stream(name);

	s->seekable = !(flags & INSTREAM_STREAM);
	s->mem = buf;
	s->memlen = len;
	s->win = s->mem;
	s->winlen = len;
	SET(s->total, len);
	return opened(s, cause);
}

ssize_t
instream_read(struct instream *s, void *buf, size_t n, char **cause)
{
	ssize_t got;
	size_t k;

	if (s->plen > 0) {
		k = s->plen < n ? s->plen : n;
		memcpy(buf, s->pbuf + s->poff, k);
		s->poff += k;
		s->plen -= k;
		ADD(s->out, k);
		return (ssize_t)k;
	}
	if ((got = decode(s, buf, n, cause)) > 0)
		ADD(s->out, (uint64_t)got);
	return got;
}

int
instream_peek(struct instream *s, size_t n, const char **p, size_t *len, char **cause)
{
	ssize_t got;

	if (n > INSTREAM_PEEK_MAX)
		n = INSTREAM_PEEK_MAX;
	if (s->plen < n) {
		if (s->pcap < n) {
			s->pcap = n < 4096 ? 4096 : n;
			s->pbuf = xreallocarray(s->pbuf, s->pcap, 1);
		}
		if (s->poff > 0) {
			memmove(s->pbuf, s->pbuf + s->poff, s->plen);
			s->poff = 0;
		}
		while (s->plen < n) {
			if ((got = decode(s, s->pbuf + s->plen, n - s->plen, cause)) < 0)
				return -1;
			if (got == 0)
				break;
			s->plen += (size_t)got;
		}
	}
	*p = (const char *)s->pbuf + s->poff;
	*len = s->plen < n ? s->plen : n;
	return 0;
}

int
instream_map(const struct instream *s, const char **p, size_t *len)
{
	if (s->map == NULL || s->codec != INSTREAM_PLAIN)
		return -1;
	*p = (const char *)s->mem;
	*len = s->memlen;
	return 0;
}

enum instream_codec
instream_codec(const struct instream *s)
{
	return s->codec;
}

const char *
instream_member(const struct instream *s)
{
	return s->member;
}

const char *
instream_name(const struct instream *s)
{
	return s->name;
}

void
instream_map_read(struct instream *s, uint64_t n)
{
	ADD(s->done, n);
	ADD(s->out, n);
}

void
instream_progress(const struct instream *s, uint64_t *done, uint64_t *total, uint64_t *out)
{
	*done = __atomic_load_n(&s->done, __ATOMIC_RELAXED);
	*total = __atomic_load_n(&s->total, __ATOMIC_RELAXED);
	*out = __atomic_load_n(&s->out, __ATOMIC_RELAXED);
}

void
instream_close(struct instream *s)
{
	if (s == NULL)
		return;
	if (s->zinit)
		inflateEnd(&s->z);
	if (s->map != NULL) {
		util_unwatch_map(s->map);
		munmap(s->map, s->memlen);
	}
	if (s->own_fd)
		close(s->fd);
	free(s->ibuf);
	free(s->pbuf);
	free(s->name);
	free(s->member);
	free(s->err);
	free(s);
}
