/*
 * instream.h: one way in for every data input, whatever it came through: a
 * regular file, "-" (standard input), a pipe or FIFO, gzip data or a zip
 * archive, read as a stream of plain bytes with no size ceiling.
 *
 * Contract:
 * - Opening never blocks (util_open_input(): O_NONBLOCK, then fstat) and
 *   reads at most the first few bytes, to tell the encoding from its magic
 *   number (never from the name: a pipe has none): 1f 8b is gzip (several
 *   members one after the other are one stream, as gzip -d reads them),
 *   "PK\3\4" a zip archive, anything else plain bytes.
 * - A zip gives its first member whose name ends in .csv, .tsv, .txt or
 *   .json (any case; directories, __MACOSX/ and "._" files skipped), stored
 *   or deflated, its CRC-32 and size checked at its end. A regular file is
 *   found through its central directory (zip64 too); a pipe is read from the
 *   local headers on, once (a stored member with a data descriptor cannot be
 *   read that way, and says so).
 * - Memory is bounded whatever the input's size: a 256 KiB read buffer, the
 *   zlib state, and what instream_peek() asked to hold; a mapped file's
 *   pages leave the process every 32 MiB read (they stay in the page cache).
 * - Reading is pull-only and single-threaded: one instream, one thread.
 * - Every message is "NAME: reason" (NAME the path as given, or "(standard
 *   input)", passed through text_sanitize(), and for a zip
 *   "NAME: MEMBER: reason"): ready to print. After an error every call
 *   fails again with the same message.
 */
#ifndef SITMAP_INSTREAM_H
#define SITMAP_INSTREAM_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct instream;

enum instream_codec { INSTREAM_PLAIN, INSTREAM_GZIP, INSTREAM_ZIP };

/* Flags of instream_open(). */
#define INSTREAM_MMAP	1	/* map a regular file instead of reading it (see instream_map()) */
#define INSTREAM_STREAM	2	/* instream_open_mem(): read it as a pipe would be (no seeking) */

/* The most instream_peek() holds: enough for any header line and a sniff of rows. */
#define INSTREAM_PEEK_MAX	((size_t)16 << 20)

/*
 * Opens path ("-": standard input, which is then read as a stream, never
 * closed, never mapped). NULL with *cause ("data.csv: No such file or
 * directory", "d: is a directory", "x.zip: no .csv, .tsv, .txt or .json
 * member in the zip archive") on failure.
 */
struct instream	*instream_open(const char *path, int flags, char **cause);
/*
 * The same over buf[0..len), which must outlive the stream: taken as a
 * regular file (a zip is read through its central directory), or with
 * INSTREAM_STREAM as a pipe (from its local headers). For tests.
 */
struct instream	*instream_open_mem(const char *name, const void *buf, size_t len, int flags,
		    char **cause);

/*
 * Up to n decoded bytes into buf (n at most SSIZE_MAX): the count, 0 at the
 * end of the data, -1 with *cause on a read error or bad compressed data.
 * A short count is not the end: only 0 is.
 */
ssize_t		 instream_read(struct instream *, void *buf, size_t n, char **cause);
/*
 * The first n decoded bytes not yet read (n clamped to INSTREAM_PEEK_MAX),
 * without consuming them: *p (valid until the next call on the stream) and
 * *len, fewer than n only at the end of the data. The next instream_read()
 * starts with them. 0, or -1 with *cause as instream_read().
 */
int		 instream_peek(struct instream *, size_t n, const char **p, size_t *len,
		    char **cause);
/*
 * For a plain regular file opened with INSTREAM_MMAP: 0 with the whole
 * file in *p and *len (read-only, valid until instream_close()), whatever
 * has been read from the stream (which this does not move). -1 for every
 * other input: read it with instream_read().
 */
int		 instream_map(const struct instream *, const char **p, size_t *len);

enum instream_codec instream_codec(const struct instream *);
/* The zip member being read (sanitised), or NULL. */
const char	*instream_member(const struct instream *);
/* The name messages use (sanitised). */
const char	*instream_name(const struct instream *);
/*
 * Progress through the source: *done bytes of it consumed so far (for a
 * zip, of the member's compressed data) out of *total (0: unknown, a
 * stream). *out: decoded bytes given by instream_read() so far.
 */
void		 instream_progress(const struct instream *, uint64_t *done, uint64_t *total,
		    uint64_t *out);
/*
 * For a reader of the bytes instream_map() gives, which the stream does not
 * see read: n more of them read, counted in instream_progress()'s *done and
 * *out (from any thread: the counters are atomic).
 */
void		 instream_map_read(struct instream *, uint64_t n);
void		 instream_close(struct instream *);	/* NULL is fine */

#endif
