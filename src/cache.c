/*
 * cache.c: a flat binary file per entry, mapped and then used in place:
 * a layer's arrays point into the entry's mapping, nothing is copied.
 *
 *	"SITMAPC1"  u32 key_len  key  zero padding to a multiple of 8
 *	body, every section padded to a multiple of 8:
 *	  u64 count[5]            shapes, parts, points, fields, string bytes
 *	  u32 kind  u32 levels (0 or GEO_NLOD)  u32 all (every vertex projected)  u32 0
 *	  bbox (4 doubles)  units per degree (double)
 *	  shapes (u32 first_part, u32 nparts, 4 doubles: the box, projected if all)
 *	  parts (u32) x (nparts + 1)
 *	  if all: points (2 doubles), chunk boxes (4 doubles) x (points / GEO_CHUNK + 1)
 *	  levels x (u32 state  u32 0  u64 points; if the state is LEVEL_PROJECTED:
 *	            parts (u32) x (nparts + 1), points, shape boxes (4 doubles) x shapes)
 *	  strings (NUL-ended): name, path, fields, attributes
 *	u64 checksum of everything before it
 *
 * An entry holds the levels of detail that were projected when it was
 * written, at least the coarsest (it frames the view): a first run writes
 * what its frame drew, not the whole layer. A later run that needs a level
 * the entry lacks reads the shapefile, projects that level and writes the
 * entry anew, with every level it has: to a temporary file renamed over
 * the old one, so a reader sees the old entry or the new one, whole.
 *
 * Numbers are in this machine's byte order; the key names the byte order
 * and type sizes, so a foreign file simply misses. Readers check every size
 * against the entry's length and every index against its bounds before a
 * layer is built: the file is untrusted input.
 */
#include "cache.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "text.h"
#include "util.h"

#define MAGIC		"SITMAPC1"
#define FORMAT		"sitmap-cache-9"
#define MAX_ENTRY	(512u << 20)

/* A level's state in an entry */
enum { LEVEL_NOT_PROJECTED, LEVEL_ABSENT, LEVEL_PROJECTED };

/* An entry's last use is its mtime, set on a hit when it is older than this. */
#define TOUCH_SECONDS	60
/* A temporary file this old was left by a writer that died. */
#define STALE_SECONDS	3600

static int disabled;
static uint64_t max_bytes = CACHE_MAX_DEFAULT;

void
cache_disable(void)
{
	disabled = 1;
}

int
cache_parse_size(const char *s, uint64_t *bytes)
{
	static const char units[] = "KMGT";
	const char *u;
	uint64_t v = 0;
	int shift = 0;

	if (*s < '0' || *s > '9')
		return -1;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (v > (UINT64_MAX - 9) / 10)
			return -1;
		v = v * 10 + (uint64_t)(*s - '0');
	}
	if (*s != '\0' && (u = strchr(units, *s >= 'a' && *s <= 'z' ? *s - 32 : *s)) != NULL) {
		shift = 10 * (int)(u - units + 1);
		s++;
		if (strcmp(s, "iB") == 0 || strcmp(s, "B") == 0)
			s += strlen(s);
	} else if (strcmp(s, "B") == 0) {
		s++;
	}
	if (*s != '\0' || v > UINT64_MAX >> shift)
		return -1;
	*bytes = v << shift;
	return *bytes >= CACHE_MAX_MIN ? 0 : -1;
}

int
cache_set_max(uint64_t bytes, char **cause)
{
	const char *e = getenv("SITMAP_CACHE_SIZE");

	if (e != NULL && e[0] != '\0') {
		if (cache_parse_size(e, &max_bytes) != 0) {
			char *clean = text_sanitize(e, strlen(e), 80);

			xasprintf(cause, "SITMAP_CACHE_SIZE \"%s\": expected a size of at "
			    "least 1M, such as 500M or 2G", clean);
			free(clean);
			max_bytes = CACHE_MAX_DEFAULT;
			return -1;
		}
		return 0;
	}
	max_bytes = bytes != 0 ? bytes : CACHE_MAX_DEFAULT;
	return 0;
}

static int
cache_off(void)
{
	const char *e = getenv("SITMAP_NO_CACHE");

	return disabled || (e != NULL && e[0] != '\0' && strcmp(e, "0") != 0);
}

static char *
cache_dir(void)
{
	const char *x = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	char *d;

	/* relative XDG values are to be ignored */
	if (x != NULL && x[0] == '/')
		xasprintf(&d, "%s/sitmap", x);
	else if (home != NULL && home[0] == '/')
		xasprintf(&d, "%s/.cache/sitmap", home);
	else
		return NULL;
	return d;
}

static uint64_t
rotl(uint64_t v, int r)
{
	return v << r | v >> (64 - r);
}

/*
 * Four lanes of add-and-rotate over 32-byte blocks: not cryptographic, but
 * any flipped, lost or moved word changes it, and a 20 MB entry checks in a
 * few milliseconds. It runs over a stream, so entries are written without
 * being built in memory first.
 */
struct hasher {
	uint64_t	lane[4];
	unsigned char	carry[32];
	size_t		ncarry, total;
};

static void
hasher_init(struct hasher *hs)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	hs->lane[0] = h;
	hs->lane[1] = h ^ 0x9e3779b97f4a7c15ULL;
	hs->lane[2] = h ^ 0xbf58476d1ce4e5b9ULL;
	hs->lane[3] = h ^ 0x94d049bb133111ebULL;
	hs->ncarry = hs->total = 0;
}

static void
hasher_block(struct hasher *hs, const unsigned char *b)
{
	int k;

	for (k = 0; k < 4; k++) {
		uint64_t w;

		memcpy(&w, b + 8 * k, 8);
		hs->lane[k] = rotl(hs->lane[k] + w, 29) ^ (w >> 17);
	}
}

static void
hasher_update(struct hasher *hs, const void *p, size_t n)
{
	const unsigned char *b = p;

	hs->total += n;
	if (hs->ncarry > 0) {
		size_t take = 32 - hs->ncarry < n ? 32 - hs->ncarry : n;

		memcpy(hs->carry + hs->ncarry, b, take);
		hs->ncarry += take;
		b += take;
		n -= take;
		if (hs->ncarry < 32)
			return;
		hasher_block(hs, hs->carry);
		hs->ncarry = 0;
	}
	for (; n >= 32; b += 32, n -= 32)
		hasher_block(hs, b);
	memcpy(hs->carry, b, n);
	hs->ncarry = n;
}

static uint64_t
hasher_final(const struct hasher *hs)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i;
	int k;

	for (k = 0; k < 4; k++) {
		h = (h ^ hs->lane[k]) * 0x100000001b3ULL;
		h ^= h >> 32;
	}
	for (i = 0; i < hs->ncarry; i++)
		h = (h ^ hs->carry[i]) * 0x100000001b3ULL;
	return h ^ (h >> 31) ^ hs->total;
}

static uint64_t
hash_bytes(const void *p, size_t n)
{
	struct hasher hs;

	hasher_init(&hs);
	hasher_update(&hs, p, n);
	return hasher_final(&hs);
}

uint64_t
cache_checksum(const void *p, size_t n)
{
	return hash_bytes(p, n);
}

/*
 * An absent file's name made absolute, its directory resolved: "m.prj" in
 * two directories are two names. NULL if the directory cannot be.
 */
static char *
absent_path(const char *file)
{
	const char *slash = strrchr(file, '/');
	char *dir, *real, *p;

	if (slash == file)
		dir = xstrdup("/");
	else
		dir = slash != NULL ? xstrndup(file, (size_t)(slash - file)) : xstrdup(".");
	real = realpath(dir, NULL);
	free(dir);
	if (real == NULL)
		return NULL;
	xasprintf(&p, "%s/%s", strcmp(real, "/") == 0 ? "" : real,
	    slash != NULL ? slash + 1 : file);
	free(real);
	return p;
}

char *
cache_key(const char *kind, const char *proj, const char *const *files, size_t nfiles)
{
	size_t i;
	char *key, *k2;
	const uint16_t one = 1;

	if (cache_off())
		return NULL;
	xasprintf(&key, "%s|%s|%s|le=%d,d=%zu,p=%zu", FORMAT, kind, proj,
	    *(const unsigned char *)&one, sizeof(double), sizeof(struct geo_pt));
	for (i = 0; i < nfiles; i++) {
		struct stat st;
		char *real = NULL;
		int found = stat(files[i], &st) == 0;

		/*
		 * By identity: where the file really is, and what it is now. A
		 * pipe has none (not cached); neither has a name that cannot be
		 * resolved, present or absent.
		 */
		if (found && S_ISREG(st.st_mode))
			real = realpath(files[i], NULL);
		else if (!found && errno == ENOENT)
			real = absent_path(files[i]);
		if (real == NULL) {
			free(key);
			return NULL;
		}
		if (found)
			xasprintf(&k2, "%s|%s:%ju:%ju:%jd:%lld.%09ld:%lld.%09ld", key, real,
			    (uintmax_t)st.st_dev, (uintmax_t)st.st_ino, (intmax_t)st.st_size,
			    (long long)st.st_mtim.tv_sec, (long)st.st_mtim.tv_nsec,
			    (long long)st.st_ctim.tv_sec, (long)st.st_ctim.tv_nsec);
		else
			xasprintf(&k2, "%s|%s:absent", key, real);
		free(real);
		free(key);
		key = k2;
	}
	return key;
}

/* The file an entry lives in, "DIR/0123456789abcdef.bin"; NULL without a cache directory. */
static char *
cache_path(const char *key)
{
	char *dir = cache_dir(), *p;

	if (dir == NULL)
		return NULL;
	xasprintf(&p, "%s/%016llx.bin", dir,
	    (unsigned long long)hash_bytes(key, strlen(key)));
	free(dir);
	return p;
}

/*
 * An entry is written in whole blocks of OUT_BLOCK bytes at offsets that are
 * multiples of it: the kernel then keeps the file's pages as 2 MiB folios,
 * which a reader maps a block at a time (PMD), not in 4 KiB pages, each a
 * fault (on this kind of VM, a trap to the hypervisor): the events cache of
 * 2.7M rows was 60,000 of them at each start.
 */
#define OUT_BLOCK	(2u << 20)

/* An entry being written: to its temporary file through a block, hashed on the way. */
struct out {
	int		 fd;		/* -1: none, or abandoned */
	char		*buf;		/* OUT_BLOCK bytes */
	size_t		 used;
	uint64_t	 at;		/* where buf's bytes go in the file */
	char		*tmp, *path;
	int		 hashed;	/* 0: a large entry, whose reader checks what it reads */
	struct hasher	 hs;
};

/* Writes the block's bytes; -1 (the entry abandoned) on an error. */
static int
flush_out(struct out *o)
{
	size_t done = 0;
	ssize_t w;

	while (o->fd != -1 && done < o->used) {
		if ((w = pwrite(o->fd, o->buf + done, o->used - done, (off_t)(o->at + done))) > 0) {
			done += (size_t)w;
		} else if (w == -1 && errno == EINTR) {
			continue;
		} else {
			close(o->fd);
			o->fd = -1;	/* the entry is abandoned; write_entry cleans up */
		}
	}
	o->at += o->used;
	o->used = 0;
	return o->fd != -1 ? 0 : -1;
}

static void
put(struct out *o, const void *p, size_t n)
{
	const char *s = p;
	size_t k;

	if (o->fd == -1 || n == 0)
		return;
	if (o->hashed)
		hasher_update(&o->hs, p, n);
	while (n > 0) {
		/* up to the next 2 MiB offset of the file: after a room, blocks stay aligned */
		size_t room = OUT_BLOCK - (size_t)((o->at + o->used) % OUT_BLOCK);

		k = room < n ? room : n;
		memcpy(o->buf + o->used, s, k);
		o->used += k;
		s += k;
		n -= k;
		if (k == room && flush_out(o) != 0)
			return;
	}
}

static void
put_u32(struct out *o, uint32_t v)
{
	put(o, &v, 4);
}

static void
put_u64(struct out *o, uint64_t v)
{
	put(o, &v, 8);
}

static void
mkdirs(const char *dir)
{
	char *d = xstrdup(dir), *s;

	for (s = d + 1; *s != '\0'; s++) {
		if (*s == '/') {
			*s = '\0';
			mkdir(d, 0700);
			*s = '/';
		}
	}
	mkdir(d, 0700);
	free(d);
}

/* Starts an entry in a temporary file beside its final place; o->fp NULL if impossible. */
static void
begin_entry(struct out *o, const char *key, int hashed)
{
	char *slash;

	memset(o, 0, sizeof *o);
	o->fd = -1;
	if ((o->path = cache_path(key)) == NULL)
		return;
	slash = strrchr(o->path, '/');
	*slash = '\0';
	mkdirs(o->path);
	*slash = '/';
	xasprintf(&o->tmp, "%s.%ld.tmp", o->path, (long)getpid());
	/* read and write: a large entry's rooms are mapped shared (cache_room()) */
	if ((o->fd = open(o->tmp, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0666)) == -1) {
		unlink(o->tmp);		/* a leftover of a dead process with our pid */
		o->fd = open(o->tmp, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	}
	/* malloc'd large, it is mapped: a small entry touches only its first pages */
	o->buf = xmalloc(OUT_BLOCK);
	o->hashed = 1;
	hasher_init(&o->hs);
	put(o, MAGIC, 8);
	put_u32(o, (uint32_t)strlen(key));
	put(o, key, strlen(key));
	put(o, "\0\0\0\0\0\0\0", (8 - o->hs.total % 8) % 8);
	o->hashed = hashed;
}

/* 1 if name is one of ours: "0123456789abcdef.bin", or with ".PID.tmp" (*tmp set) after it. */
static int
our_file(const char *name, int *tmp)
{
	size_t i;

	for (i = 0; i < 16; i++)
		if (!((name[i] >= '0' && name[i] <= '9') || (name[i] >= 'a' && name[i] <= 'f')))
			return 0;
	if (strncmp(name + 16, ".bin", 4) != 0)
		return 0;
	*tmp = name[20] != '\0';
	if (!*tmp)
		return 1;
	if (name[20] != '.' || name[21] < '0' || name[21] > '9')
		return 0;
	for (i = 21; name[i] >= '0' && name[i] <= '9'; i++)
		;
	return strcmp(name + i, ".tmp") == 0;
}

struct victim {
	char		name[32];
	uint64_t	bytes;
	struct timespec	used;
};

static int
by_use(const void *a, const void *b)
{
	const struct victim *x = a, *y = b;

	if (x->used.tv_sec != y->used.tv_sec)
		return x->used.tv_sec < y->used.tv_sec ? -1 : 1;
	if (x->used.tv_nsec != y->used.tv_nsec)
		return x->used.tv_nsec < y->used.tv_nsec ? -1 : 1;
	return strcmp(x->name, y->name);
}

/*
 * The entries this process wrote or mapped since it last trimmed the
 * directory: kept by the trim. A mapped one is in use now, whatever its
 * recorded use says (recorded at most once a minute): were it evicted, an
 * export's entry over half the cap and the layers' would evict each other
 * at every other run, and every other open of the export would parse it.
 */
static char	*kept_dir;
static char	(*kept)[32];
static size_t	 nkept, cap_kept, nwritten;

static void
keep(const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t i, len = strlen(slash + 1);

	if (len >= sizeof *kept)
		return;		/* not one of ours */
	if (kept_dir == NULL)
		kept_dir = xstrndup(path, (size_t)(slash - path));
	for (i = 0; i < nkept; i++)
		if (strcmp(kept[i], slash + 1) == 0)
			return;
	if (nkept == cap_kept) {
		cap_kept = cap_kept ? 2 * cap_kept : 16;
		kept = xreallocarray(kept, cap_kept, sizeof *kept);
	}
	memcpy(kept[nkept++], slash + 1, len + 1);
}

static int
is_kept(const char *name)
{
	size_t i;

	for (i = 0; i < nkept; i++)
		if (strcmp(kept[i], name) == 0)
			return 1;
	return 0;
}

void
cache_trim(void)
{
	struct victim *v = NULL;
	size_t n = 0, cap = 0, i;
	uint64_t total = 0, bytes;
	struct timespec now;
	struct dirent *e;
	struct stat st;
	DIR *d;
	int fd, tmp;

	if (nwritten == 0 || (d = opendir(kept_dir)) == NULL)
		goto out;
	fd = dirfd(d);
	clock_gettime(CLOCK_REALTIME, &now);
	while ((e = readdir(d)) != NULL) {
		if (strlen(e->d_name) >= sizeof v->name || !our_file(e->d_name, &tmp) ||
		    fstatat(fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode))
			continue;
		if (tmp && now.tv_sec - st.st_mtim.tv_sec > STALE_SECONDS) {
			unlinkat(fd, e->d_name, 0);
			continue;
		}
		/* what it takes on disk: an events entry has holes where its scratch rooms were */
		bytes = (uint64_t)st.st_blocks * 512 < (uint64_t)st.st_size ?
		    (uint64_t)st.st_blocks * 512 : (uint64_t)st.st_size;
		total += bytes;
		/* a writer's temporary file counts, but is the writer's to remove */
		if (tmp || is_kept(e->d_name))
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			v = xreallocarray(v, cap, sizeof *v);
		}
		memcpy(v[n].name, e->d_name, strlen(e->d_name) + 1);	/* fits: checked above */
		v[n].bytes = bytes;
		v[n].used = st.st_mtim;
		n++;
	}
	if (total > max_bytes) {
		qsort(v, n, sizeof *v, by_use);
		for (i = 0; i < n && total > max_bytes; i++)
			if (unlinkat(fd, v[i].name, 0) == 0 || errno == ENOENT)
				total -= v[i].bytes;
	}
	closedir(d);
	free(v);
out:
	free(kept_dir);
	free(kept);
	kept_dir = NULL;
	kept = NULL;
	nkept = cap_kept = nwritten = 0;
}

/* Seals the entry with its checksum and renames it into place; errors are ignored. */
static int
write_entry(struct out *o)
{
	uint64_t sum = o->hashed ? hasher_final(&o->hs) : 0;
	int r = -1;

	if (o->fd != -1) {
		put(o, &sum, 8);
		if (flush_out(o) == 0 && close(o->fd) == 0 && rename(o->tmp, o->path) == 0) {
			keep(o->path);
			nwritten++;
			r = 0;
		}
		o->fd = -1;
	}
	free(o->buf);
	if (o->tmp != NULL)
		unlink(o->tmp);		/* nothing left if the rename happened */
	free(o->tmp);
	free(o->path);
	return r;
}

/*
 * Checks an entry, buf[0..len), for key: the magic, the key it holds and
 * the checksum. The body's offset (8-aligned) and length; -1 if invalid.
 */
static int
check_entry(const char *buf, size_t len, const char *key, size_t *off, size_t *body_len)
{
	size_t klen = strlen(key), start = (12 + klen + 7) / 8 * 8;
	uint64_t sum;
	uint32_t k;

	if (len < start + 8 || memcmp(buf, MAGIC, 8) != 0)
		return -1;
	memcpy(&k, buf + 8, 4);
	if (k != klen || memcmp(buf + 12, key, klen) != 0)
		return -1;		/* another key with the same hash, or stale */
	memcpy(&sum, buf + len - 8, 8);
	if (sum != hash_bytes(buf, len - 8))
		return -1;
	*off = start;
	*body_len = len - 8 - start;
	return 0;
}

/* The same without the checksum, which would read every page. */
static int
check_head(const char *buf, size_t len, const char *key, size_t *off, size_t *body_len)
{
	size_t klen = strlen(key), start = (12 + klen + 7) / 8 * 8;
	uint32_t k;

	if (len < start + 8 || memcmp(buf, MAGIC, 8) != 0)
		return -1;
	memcpy(&k, buf + 8, 4);
	if (k != klen || memcmp(buf + 12, key, klen) != 0)
		return -1;
	*off = start;
	*body_len = len - 8 - start;
	return 0;
}

/*
 * Records a hit as the entry's last use, its mtime (atime is not kept on a
 * relatime or noatime mount), unless it was recorded within the minute:
 * eviction goes by it. Failing (another user's cache) is no matter.
 */
static void
touch(int fd, const struct stat *st)
{
	struct timespec now;

	clock_gettime(CLOCK_REALTIME, &now);
	if (now.tv_sec - st->st_mtim.tv_sec >= TOUCH_SECONDS ||
	    st->st_mtim.tv_sec - now.tv_sec >= TOUCH_SECONDS)
		(void)futimens(fd, NULL);
}

/*
 * Maps and checks an entry: returns the mapping (*map_len bytes), with the
 * body at *off (8-aligned) for *body_len bytes, or NULL. A mapping costs no
 * copy and no page zeroing: for a 13 MB world layer, 0.1 ms instead of 15.
 */
static char *map_big(const char *key, int whole, void *at, size_t *map_len, size_t *off,
    size_t *body_len);

static char *
map_entry(const char *key, size_t *map_len, size_t *off, size_t *body_len)
{
	return map_big(key, 1, NULL, map_len, off, body_len);
}

/*
 * whole: a layer's or points' entry, read whole (populated, checksummed,
 * at most MAX_ENTRY); else a large one whose reader checks what it reads.
 */
static char *
map_big(const char *key, int whole, void *at, size_t *map_len, size_t *off, size_t *body_len)
{
	char *path = cache_path(key), *buf;
	struct stat st;
	size_t len;
	int fd;

	if (path == NULL)
		return NULL;
	/* O_NONBLOCK: a FIFO put there must not block a run; it is a miss */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd == -1) {
		free(path);
		return NULL;
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) || st.st_size < 8 ||
	    (whole && (uintmax_t)st.st_size > MAX_ENTRY) || (uintmax_t)st.st_size > SIZE_MAX)
		goto miss;
	len = (size_t)st.st_size;
	/* a large entry's pages are read as they are used: its text may never be */
	buf = MAP_FAILED;
#ifdef MAP_FIXED_NOREPLACE
	/* where it was written for, if that is free; an old kernel may map it elsewhere */
	if (at != NULL)
		buf = mmap(at, len, PROT_READ, MAP_PRIVATE | MAP_FIXED_NOREPLACE, fd, 0);
#else
	(void)at;
#endif
	if (buf == MAP_FAILED)
		buf = mmap(NULL, len, PROT_READ, MAP_PRIVATE | (whole ? MAP_POPULATE : 0), fd, 0);
	if (buf == MAP_FAILED)
		goto miss;
#ifdef MADV_HUGEPAGE
	/*
	 * Its blocks mapped whole (see OUT_BLOCK), and read from the disk in
	 * blocks when not cached: a fault per 2 MiB, not per 4 KiB page.
	 */
	if (!whole)
		(void)madvise(buf, len, MADV_HUGEPAGE);
#endif
	if ((whole ? check_entry(buf, len, key, off, body_len) :
	    check_head(buf, len, key, off, body_len)) != 0) {
		munmap(buf, len);
		goto miss;
	}
	touch(fd, &st);
	keep(path);
	{
		char *msg, *safe;

		xasprintf(&msg, "%s: a cache entry in use was cut short by another program: "
		    "run sitmap again", path);
		safe = text_for_locale(msg, strlen(msg), 300);
		util_watch_map(buf, len, safe);
		free(safe);
		free(msg);
	}
	free(path);
	close(fd);
	*map_len = len;
	return buf;
miss:
	free(path);
	close(fd);
	return NULL;
}

static void
put_pad(struct out *o)
{
	put(o, "\0\0\0\0\0\0\0", (8 - o->hs.total % 8) % 8);
}

/* The state of level k of l, as an entry records it. */
static uint32_t
level_state(const struct geo_layer *l, int k)
{
	if (l->lod[k].absent)
		return LEVEL_ABSENT;
	return geo_layer_level_ready(l, k) ? LEVEL_PROJECTED : LEVEL_NOT_PROJECTED;
}

void
cache_put_layer(const char *key, const struct geo_layer *l)
{
	struct out o;
	size_t i, slen = 0, nstr = 2 + l->nfields + l->nshapes * l->nfields;
	int k, all = geo_layer_level_ready(l, -1);

	if (key == NULL)
		return;
	for (i = 0; i < nstr; i++) {
		const char *str = i == 0 ? l->name : i == 1 ? l->path :
		    i < 2 + l->nfields ? l->fields[i - 2] : l->attrs[i - 2 - l->nfields];

		slen += strlen(str) + 1;
	}
	begin_entry(&o, key, 1);
	put_u64(&o, l->nshapes);
	put_u64(&o, l->nparts);
	put_u64(&o, l->npts);
	put_u64(&o, l->nfields);
	put_u64(&o, slen);
	put_u32(&o, (uint32_t)l->kind);
	put_u32(&o, (uint32_t)l->nlod);
	put_u32(&o, (uint32_t)all);
	put_u32(&o, 0);
	put(&o, &l->bbox, sizeof l->bbox);
	put(&o, &l->units_per_deg, sizeof l->units_per_deg);
	for (i = 0; i < l->nshapes; i++) {
		struct geo_shape sh = l->shapes[i];

		/* a box in lon/lat would pass for a projected one */
		if (!all)
			geo_bbox_empty(&sh.bbox);
		put(&o, &sh, sizeof sh);
	}
	put(&o, l->parts, (l->nparts + 1) * sizeof *l->parts);
	put_pad(&o);
	if (all) {
		put(&o, l->pts, l->npts * sizeof *l->pts);
		put(&o, l->chunks, (l->npts / GEO_CHUNK + 1) * sizeof *l->chunks);
	}
	for (k = 0; k < l->nlod; k++) {
		uint32_t state = level_state(l, k);

		put_u32(&o, state);
		put_u32(&o, 0);
		put_u64(&o, state == LEVEL_PROJECTED ? l->lod[k].npts : 0);
		if (state != LEVEL_PROJECTED)
			continue;
		put(&o, l->lod[k].parts, (l->nparts + 1) * sizeof *l->lod[k].parts);
		put_pad(&o);
		put(&o, l->lod[k].pts, l->lod[k].npts * sizeof *l->lod[k].pts);
		put(&o, l->lod[k].boxes, l->nshapes * sizeof *l->lod[k].boxes);
	}
	for (i = 0; i < nstr; i++) {
		const char *str = i == 0 ? l->name : i == 1 ? l->path :
		    i < 2 + l->nfields ? l->fields[i - 2] : l->attrs[i - 2 - l->nfields];

		put(&o, str, strlen(str) + 1);
	}
	write_entry(&o);
}

/* The next NUL-terminated string in [*p, end), in place; NULL if there is none. */
static char *
next_string(char **p, char *end)
{
	char *s = *p, *nul = memchr(s, '\0', (size_t)(end - s));

	if (nul == NULL)
		return NULL;
	*p = nul + 1;
	return s;
}

/* Takes n bytes at *p (advanced, padded to 8) if they fit before end. */
static const char *
take(const char **p, const char *end, uint64_t n)
{
	const char *at = *p;
	uint64_t padded = (n + 7) / 8 * 8;

	if (padded < n || (uint64_t)(end - at) < padded)
		return NULL;
	*p = at + padded;
	return at;
}

/* Checks a part table: starts from 0, never decreases, ends at npts. */
static int
parts_ok(const uint32_t *parts, size_t nparts, size_t npts)
{
	size_t i;

	for (i = 0; i < nparts; i++)
		if (parts[i] > parts[i + 1])
			return 0;
	return parts[0] == 0 && parts[nparts] == npts;
}

/*
 * Builds a layer on an entry's body, the block of st at [off, off + len):
 * its arrays and strings point into the block, which the layer then owns.
 * Takes st's block in every case; NULL if the body is invalid.
 */
static struct geo_layer *
parse_layer(const struct geo_store *st, size_t off, size_t len)
{
	char *buf = st->block;
	const char *p = buf + off, *end = buf + off + len, *at;
	struct geo_layer *l = xcalloc(1, sizeof *l);
	uint64_t n[5], m;
	uint32_t kind, nlod, all, state;
	size_t i, nstr;
	int k;

	/* from here on, whatever points into the block is freed with it */
	l->store = *st;
	/* sizes first, bounded so that no product below can overflow */
	if (off % 8 != 0 || (at = take(&p, end, 96)) == NULL)
		goto bad;
	memcpy(n, at, 40);
	memcpy(&kind, at + 40, 4);
	memcpy(&nlod, at + 44, 4);
	memcpy(&all, at + 48, 4);
	if (n[0] > 10000000 || n[1] > 100000000 || n[2] > 100000000 || n[3] > 4096 ||
	    n[4] > MAX_ENTRY || kind > GEO_POLY || n[0] * n[3] > n[4] ||
	    (nlod != 0 && nlod != GEO_NLOD) || all > 1)
		goto bad;
	l->kind = (enum geo_kind)kind;
	l->nlod = (int)nlod;
	l->nshapes = n[0];
	l->nparts = n[1];
	l->npts = n[2];
	memcpy(&l->bbox, at + 56, 32);
	memcpy(&l->units_per_deg, at + 88, 8);
	if (!(l->units_per_deg > 0) || !isfinite(l->units_per_deg))
		goto bad;
	if ((l->shapes = (struct geo_shape *)take(&p, end, n[0] * 40)) == NULL ||
	    (l->parts = (uint32_t *)take(&p, end, (n[1] + 1) * 4)) == NULL ||
	    !parts_ok(l->parts, l->nparts, l->npts))
		goto bad;
	for (i = 0; i < l->nshapes; i++)
		if ((uint64_t)l->shapes[i].first_part + l->shapes[i].nparts > l->nparts)
			goto bad;
	/* without every vertex projected the points stay in the shapefile: not here */
	l->in_degrees = !all;
	if (all && ((l->pts = (struct geo_pt *)take(&p, end, n[2] * 16)) == NULL ||
	    (l->chunks = (struct geo_bbox *)take(&p, end, (n[2] / GEO_CHUNK + 1) * 32)) == NULL))
		goto bad;
	for (k = 0; k < l->nlod; k++) {
		struct geo_lod *lod = &l->lod[k];

		if ((at = take(&p, end, 16)) == NULL)
			goto bad;
		memcpy(&state, at, 4);
		memcpy(&m, at + 8, 8);
		if (state > LEVEL_PROJECTED || (state != LEVEL_PROJECTED && m != 0) || m > l->npts)
			goto bad;
		lod->absent = state == LEVEL_ABSENT;
		if (state != LEVEL_PROJECTED)
			continue;
		if ((lod->parts = (uint32_t *)take(&p, end, (n[1] + 1) * 4)) == NULL ||
		    (lod->pts = (struct geo_pt *)take(&p, end, m * 16)) == NULL ||
		    (lod->boxes = (struct geo_bbox *)take(&p, end, n[0] * 32)) == NULL ||
		    !parts_ok(lod->parts, l->nparts, m))
			goto bad;
		lod->npts = m;
	}
	/* the coarsest level frames the view: an entry always has it */
	if (!geo_layer_level_ready(l, geo_layer_coarsest(l)))
		goto bad;
	if ((uint64_t)(end - p) != n[4] || n[4] == 0)
		goto bad;
	/* the strings are used in place: fields and attributes point into them */
	{
		char *q = (char *)p, *qend = (char *)end, *name, *path;

		if (qend[-1] != '\0')
			goto bad;
		l->nfields = n[3];
		l->fields = xcalloc(l->nfields ? l->nfields : 1, sizeof *l->fields);
		nstr = l->nshapes * l->nfields;
		l->attrs = xcalloc(nstr ? nstr : 1, sizeof *l->attrs);
		if ((name = next_string(&q, qend)) == NULL ||
		    (path = next_string(&q, qend)) == NULL)
			goto bad;
		l->name = xstrdup(name);
		l->path = xstrdup(path);
		for (i = 0; i < l->nfields; i++)
			if ((l->fields[i] = next_string(&q, qend)) == NULL)
				goto bad;
		for (i = 0; i < nstr; i++)
			if ((l->attrs[i] = next_string(&q, qend)) == NULL)
				goto bad;
		if (q != qend)
			goto bad;
	}
	return l;
bad:
	geo_layer_free(l);
	return NULL;
}

struct geo_layer *
cache_layer_from_body(char *buf, size_t off, size_t len)
{
	struct geo_store st = { buf, 0 };

	return parse_layer(&st, off, len);
}

struct geo_layer *
cache_layer_from_entry(char *buf, size_t len, const char *key)
{
	size_t off, body_len;

	if (check_entry(buf, len, key, &off, &body_len) != 0) {
		free(buf);
		return NULL;
	}
	return cache_layer_from_body(buf, off, body_len);
}

struct geo_layer *
cache_get_layer(const char *key)
{
	struct geo_store st;
	size_t off, len;

	if (key == NULL || (st.block = map_entry(key, &st.mapped, &off, &len)) == NULL)
		return NULL;
	return parse_layer(&st, off, len);
}

void
cache_put_points(const char *key, const struct geo_pt *pts, size_t n)
{
	struct out o;

	if (key == NULL)
		return;
	begin_entry(&o, key, 1);
	put_u64(&o, n);
	put(&o, pts, n * sizeof *pts);
	write_entry(&o);
}

/* The n points of a checked entry's body; -1 if it holds another number. */
static int
points_from_body(const char *body, size_t len, struct geo_pt *pts, size_t n)
{
	uint64_t m;

	if (len < 8 || (memcpy(&m, body, 8), m != n) || len - 8 != n * sizeof *pts)
		return -1;
	memcpy(pts, body + 8, n * sizeof *pts);
	return 0;
}

int
cache_points_from_entry(const char *buf, size_t len, const char *key, struct geo_pt *pts,
    size_t n)
{
	size_t off, body_len;

	if (check_entry(buf, len, key, &off, &body_len) != 0)
		return -1;
	return points_from_body(buf + off, body_len, pts, n);
}

int
cache_get_points(const char *key, struct geo_pt *pts, size_t n)
{
	size_t map_len, off, len;
	char *buf;
	int r;

	if (key == NULL || (buf = map_entry(key, &map_len, &off, &len)) == NULL)
		return -1;
	r = points_from_body(buf + off, len, pts, n);
	munmap(buf, map_len);
	return r;
}

struct cache_out {
	struct out	 o;
	pthread_mutex_t	 mu;		/* rooms are taken by parsing threads */
	uint64_t	 body_off;
	int		 refs;		/* 1 until committed or abandoned, 1 a scratch room */
	int		 scratch_fd;	/* the entry's file, for holes after it is written */
};

static void
out_release(struct cache_out *c)
{
	int last;

	pthread_mutex_lock(&c->mu);
	last = --c->refs == 0;
	pthread_mutex_unlock(&c->mu);
	if (!last)
		return;
	if (c->scratch_fd != -1)
		close(c->scratch_fd);
	pthread_mutex_destroy(&c->mu);
	free(c);
}

struct cache_out *
cache_begin(const char *key)
{
	struct cache_out *c;

	if (key == NULL)
		return NULL;
	c = xcalloc(1, sizeof *c);
	/* not hashed: its rooms never pass through put(); the image sums its sections */
	begin_entry(&c->o, key, 0);
	c->body_off = cache_body_offset(key);
	c->refs = 1;
	c->scratch_fd = -1;
	pthread_mutex_init(&c->mu, NULL);
	return c;
}

void
cache_write(void *c, const void *p, size_t n)
{
	put(&((struct cache_out *)c)->o, p, n);
}

int
cache_commit(struct cache_out *c)
{
	int r;

	if (c == NULL)
		return -1;
	pthread_mutex_lock(&c->mu);
	r = write_entry(&c->o);
	pthread_mutex_unlock(&c->mu);
	out_release(c);
	return r;
}

void
cache_abandon(struct cache_out *c)
{
	if (c != NULL && c->o.fd != -1) {
		pthread_mutex_lock(&c->mu);
		close(c->o.fd);
		c->o.fd = -1;
		pthread_mutex_unlock(&c->mu);
	}
	(void)cache_commit(c);
}

/*
 * The room's blocks are reserved (fallocate) before they are mapped: a
 * write into a mapped hole of a full disk is a SIGBUS, not an error. Past
 * the body's first 8 bytes, which stay zero: offset 0 of the text is "".
 */
static void *
take_room(struct cache_out *c, size_t n, uint64_t *at, int scratch)
{
	long page = sysconf(_SC_PAGESIZE);
	uint64_t off;
	void *p = NULL;

	if (page <= 0 || n % (size_t)page != 0)
		return NULL;
	pthread_mutex_lock(&c->mu);
	if (c->o.fd == -1 || flush_out(&c->o) != 0)
		goto out;
	if (scratch && c->scratch_fd == -1 &&
	    (c->scratch_fd = fcntl(c->o.fd, F_DUPFD_CLOEXEC, 0)) == -1)
		goto out;
	off = c->o.at > c->body_off + 8 ? c->o.at : c->body_off + 8;
	off = (off + (uint64_t)page - 1) / (uint64_t)page * (uint64_t)page;
	if (off > (uint64_t)INT64_MAX - n || fallocate(c->o.fd, 0, (off_t)off, (off_t)n) != 0)
		goto out;
	p = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_SHARED, c->o.fd, (off_t)off);
	if (p == MAP_FAILED) {
		p = NULL;
		goto out;
	}
	c->o.at = off + n;	/* what is written next goes after the room */
	*at = off - c->body_off;
	c->refs += scratch;
out:
	pthread_mutex_unlock(&c->mu);
#ifdef MADV_POPULATE_WRITE
	/* its pages made in one call (a fault each costs a trap out of a VM), unlocked */
	if (p != NULL)
		(void)madvise(p, n, MADV_POPULATE_WRITE);
#endif
	return p;
}

void *
cache_room(void *ctx, size_t n, uint64_t *at)
{
	return take_room(ctx, n, at, 0);
}

void *
cache_scratch(void *ctx, size_t n, uint64_t *at)
{
	return take_room(ctx, n, at, 1);
}

/*
 * The hole keeps the file's size: the entry's offsets stay where they are.
 * A file system without holes keeps the blocks, unused, in the entry.
 */
void
cache_scratch_drop(void *ctx, void *p, size_t n, uint64_t at)
{
	struct cache_out *c = ctx;

	if (n > 0) {
		munmap(p, n);
		(void)fallocate(c->scratch_fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
		    (off_t)(c->body_off + at), (off_t)n);
	}
	out_release(c);
}

uint64_t
cache_body_used(const struct cache_out *c)
{
	return c->o.at + c->o.used - c->body_off;
}

char *
cache_map(const char *key, void *at, size_t *map_len, size_t *off, size_t *body_len)
{
	return key != NULL ? map_big(key, 0, at, map_len, off, body_len) : NULL;
}

size_t
cache_body_offset(const char *key)
{
	return (12 + strlen(key) + 7) / 8 * 8;
}

int
cache_entry_exists(const char *key)
{
	char *path = key != NULL ? cache_path(key) : NULL;
	struct stat st;
	/* a directory there is no entry: no rebuild can replace it, so none is said */
	int r = path != NULL && stat(path, &st) == 0 && S_ISREG(st.st_mode);

	free(path);
	return r;
}
