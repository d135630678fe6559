/*
 * cache.c: a flat binary file per entry. Layout, all little-endian as
 * written by this machine (the key includes the byte order and type sizes,
 * so a foreign file simply misses):
 *
 *	"SITMAPC1"  u32 key_len  key
 *	u64 count[5]            shapes, parts, points, fields, string bytes
 *	u32 kind  u32 pad       bbox (4 doubles)
 *	shapes (u32 first_part, u32 nparts, 4 doubles) ...
 *	parts (u32) x (nparts + 1)    points (2 doubles) ...
 *	chunk boxes (4 doubles) x (points / GEO_CHUNK + 1)    strings (NUL-ended)
 *	u64 checksum of everything before it
 *
 * Readers check every size against the file's length and every index
 * against its bounds before building a layer: the file is untrusted input.
 */
#include "cache.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

#define MAGIC		"SITMAPC1"
#define FORMAT		"sitmap-cache-4"
#define MAX_ENTRY	(512u << 20)

static int disabled;

void
cache_disable(void)
{
	disabled = 1;
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
hash_bytes(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;
	uint64_t lane[4] = { h, h ^ 0x9e3779b97f4a7c15ULL, h ^ 0xbf58476d1ce4e5b9ULL,
	    h ^ 0x94d049bb133111ebULL };
	size_t i, k;

	/* four independent lanes: a 9 MB world layer checks in about a millisecond */
	for (i = 0; i + 32 <= n; i += 32)
		for (k = 0; k < 4; k++) {
			uint64_t w;

			memcpy(&w, b + i + 8 * k, 8);
			lane[k] = (lane[k] ^ w) * 0x100000001b3ULL;
			lane[k] ^= lane[k] >> 29;
		}
	h = lane[0] ^ (lane[1] * 3) ^ (lane[2] * 5) ^ (lane[3] * 7);
	for (; i < n; i++)
		h = (h ^ b[i]) * 0x100000001b3ULL;
	return h ^ (h >> 31);
}

char *
cache_key(const char *kind, const char *proj, const char *const *files, size_t nfiles)
{
	size_t i, len;
	char *key, *k2;
	const uint16_t one = 1;

	if (cache_off())
		return NULL;
	xasprintf(&key, "%s|%s|%s|le=%d,d=%zu,p=%zu", FORMAT, kind, proj,
	    *(const unsigned char *)&one, sizeof(double), sizeof(struct geo_pt));
	for (i = 0; i < nfiles; i++) {
		struct stat st;
		char *real = realpath(files[i], NULL);

		if (stat(files[i], &st) == 0)
			xasprintf(&k2, "%s|%s:%ju:%ju:%jd:%ld.%09ld", key,
			    real ? real : files[i], (uintmax_t)st.st_dev, (uintmax_t)st.st_ino,
			    (intmax_t)st.st_size, (long)st.st_mtim.tv_sec,
			    (long)st.st_mtim.tv_nsec);
		else
			xasprintf(&k2, "%s|%s:absent", key, real ? real : files[i]);
		free(real);
		free(key);
		key = k2;
	}
	len = strlen(key);
	(void)len;
	return key;
}

char *
cache_path(const char *key)
{
	char *dir = cache_dir(), *p;

	if (dir == NULL)
		return NULL;
	xasprintf(&p, "%s/%016llx.bin", dir,
	    (unsigned long long)hash_bytes(0xcbf29ce484222325ULL, key, strlen(key)));
	free(dir);
	return p;
}

/* A growable output buffer. */
struct out {
	char	*b;
	size_t	 len, cap;
};

static void
put(struct out *o, const void *p, size_t n)
{
	if (o->len + n > o->cap) {
		o->cap = (o->len + n) * 2;
		o->b = xreallocarray(o->b, o->cap, 1);
	}
	memcpy(o->b + o->len, p, n);
	o->len += n;
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

/* Writes the entry atomically (temporary file, then rename); errors are ignored. */
static void
write_entry(const char *key, struct out *body)
{
	char *path = cache_path(key), *tmp = NULL, *slash;
	struct out o = { NULL, 0, 0 };
	uint64_t sum;
	int fd;

	if (path == NULL)
		return;
	put(&o, MAGIC, 8);
	put_u32(&o, (uint32_t)strlen(key));
	put(&o, key, strlen(key));
	put(&o, body->b, body->len);
	sum = hash_bytes(0xcbf29ce484222325ULL, o.b, o.len);
	put_u64(&o, sum);
	slash = strrchr(path, '/');
	*slash = '\0';
	mkdirs(path);
	*slash = '/';
	xasprintf(&tmp, "%s.%ld.tmp", path, (long)getpid());
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600)) != -1) {
		size_t done = 0;
		ssize_t w = 0;

		while (done < o.len && (w = write(fd, o.b + done, o.len - done)) > 0)
			done += (size_t)w;
		if (close(fd) == 0 && done == o.len)
			rename(tmp, path);
		else
			unlink(tmp);
	}
	free(tmp);
	free(path);
	free(o.b);
}

/* Reads and checks an entry; returns its body (after the key) or NULL. */
static char *
read_entry(const char *key, size_t *body_len)
{
	char *path = cache_path(key), *buf = NULL, *cause = NULL;
	size_t len, klen = strlen(key);
	uint64_t sum;
	uint32_t k;

	if (path == NULL)
		return NULL;
	if (util_read_file(path, MAX_ENTRY, &buf, &len, &cause) != 0) {
		free(cause);
		free(path);
		return NULL;
	}
	free(path);
	if (len < 8 + 4 + klen + 8 || memcmp(buf, MAGIC, 8) != 0)
		goto bad;
	memcpy(&k, buf + 8, 4);
	if (k != klen || memcmp(buf + 12, key, klen) != 0)
		goto bad;		/* another key with the same hash, or stale */
	memcpy(&sum, buf + len - 8, 8);
	if (sum != hash_bytes(0xcbf29ce484222325ULL, buf, len - 8))
		goto bad;
	*body_len = len - 8 - 12 - klen;
	memmove(buf, buf + 12 + klen, *body_len);
	return buf;
bad:
	free(buf);
	return NULL;
}

void
cache_put_layer(const char *key, const struct geo_layer *l)
{
	struct out o = { NULL, 0, 0 };
	size_t i, slen = 0;

	if (key == NULL)
		return;
	for (i = 0; i < 2 + l->nfields + l->nshapes * l->nfields; i++) {
		const char *s = i == 0 ? l->name : i == 1 ? l->path :
		    i < 2 + l->nfields ? l->fields[i - 2] : l->attrs[i - 2 - l->nfields];

		slen += strlen(s) + 1;
	}
	put_u64(&o, l->nshapes);
	put_u64(&o, l->nparts);
	put_u64(&o, l->npts);
	put_u64(&o, l->nfields);
	put_u64(&o, slen);
	put_u32(&o, (uint32_t)l->kind);
	put_u32(&o, 0);
	put(&o, &l->bbox, sizeof l->bbox);
	for (i = 0; i < l->nshapes; i++) {
		put_u32(&o, l->shapes[i].first_part);
		put_u32(&o, l->shapes[i].nparts);
		put(&o, &l->shapes[i].bbox, sizeof l->shapes[i].bbox);
	}
	put(&o, l->parts, (l->nparts + 1) * sizeof *l->parts);
	put(&o, l->pts, l->npts * sizeof *l->pts);
	put(&o, l->chunks, (l->npts / GEO_CHUNK + 1) * sizeof *l->chunks);
	for (i = 0; i < 2 + l->nfields + l->nshapes * l->nfields; i++) {
		const char *s = i == 0 ? l->name : i == 1 ? l->path :
		    i < 2 + l->nfields ? l->fields[i - 2] : l->attrs[i - 2 - l->nfields];

		put(&o, s, strlen(s) + 1);
	}
	write_entry(key, &o);
	free(o.b);
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

struct geo_layer *
cache_layer_from_body(const char *buf, size_t len)
{
	struct geo_layer *l;
	const char *p, *end;
	char *q, *qend;
	uint64_t n[5];
	uint32_t kind;
	size_t i, need, nstr;

	if (len < 40 + 8 + 32)
		return NULL;
	memcpy(n, buf, 40);
	memcpy(&kind, buf + 40, 4);
	/* bounded counts first, so that the size sum cannot overflow */
	if (n[0] > 10000000 || n[1] > 100000000 || n[2] > 100000000 || n[3] > 4096 ||
	    n[4] > MAX_ENTRY || kind > GEO_POLY)
		return NULL;
	need = 48 + 32 + n[0] * 40 + (n[1] + 1) * 4 + n[2] * 16 +
	    (n[2] / GEO_CHUNK + 1) * 32 + n[4];
	if (need != len || n[0] * n[3] > n[4])
		return NULL;	/* every attribute takes at least its NUL */
	l = xcalloc(1, sizeof *l);
	l->kind = (enum geo_kind)kind;
	l->nshapes = n[0];
	l->nparts = n[1];
	l->npts = n[2];
	memcpy(&l->bbox, buf + 48, 32);
	p = buf + 80;
	l->shapes = xcalloc(l->nshapes ? l->nshapes : 1, sizeof *l->shapes);
	for (i = 0; i < l->nshapes; i++, p += 40) {
		memcpy(&l->shapes[i].first_part, p, 4);
		memcpy(&l->shapes[i].nparts, p + 4, 4);
		memcpy(&l->shapes[i].bbox, p + 8, 32);
		if ((uint64_t)l->shapes[i].first_part + l->shapes[i].nparts > l->nparts)
			goto bad;
	}
	l->parts = xcalloc(l->nparts + 1, sizeof *l->parts);
	memcpy(l->parts, p, (l->nparts + 1) * 4);
	p += (l->nparts + 1) * 4;
	for (i = 0; i < l->nparts; i++)
		if (l->parts[i] > l->parts[i + 1])
			goto bad;
	if (l->parts[0] != 0 || l->parts[l->nparts] != l->npts)
		goto bad;
	l->pts = xcalloc(l->npts ? l->npts : 1, sizeof *l->pts);
	memcpy(l->pts, p, l->npts * 16);
	p += l->npts * 16;
	l->chunks = xcalloc(l->npts / GEO_CHUNK + 1, sizeof *l->chunks);
	memcpy(l->chunks, p, (l->npts / GEO_CHUNK + 1) * 32);
	p += (l->npts / GEO_CHUNK + 1) * 32;
	end = buf + len;
	/* one copy of all the strings; fields and attributes point into it */
	l->strings = xmalloc((size_t)(end - p) + 1);
	memcpy(l->strings, p, (size_t)(end - p));
	l->strings[end - p] = '\0';
	q = l->strings;
	qend = l->strings + (end - p);
	l->nfields = n[3];
	l->fields = xcalloc(l->nfields ? l->nfields : 1, sizeof *l->fields);
	nstr = l->nshapes * l->nfields;
	l->attrs = xcalloc(nstr ? nstr : 1, sizeof *l->attrs);
	{
		char *name = next_string(&q, qend), *path = next_string(&q, qend);

		if (name == NULL || path == NULL)
			goto bad;
		l->name = xstrdup(name);
		l->path = xstrdup(path);
	}
	for (i = 0; i < l->nfields; i++)
		if ((l->fields[i] = next_string(&q, qend)) == NULL)
			goto bad;
	for (i = 0; i < nstr; i++)
		if ((l->attrs[i] = next_string(&q, qend)) == NULL)
			goto bad;
	p = end - (qend - q);
	if (p != end)
		goto bad;
	return l;
bad:
	geo_layer_free(l);
	return NULL;
}

struct geo_layer *
cache_get_layer(const char *key)
{
	struct geo_layer *l;
	size_t len;
	char *buf;

	if (key == NULL || (buf = read_entry(key, &len)) == NULL)
		return NULL;
	l = cache_layer_from_body(buf, len);
	free(buf);
	return l;
}

void
cache_put_points(const char *key, const struct geo_pt *pts, size_t n)
{
	struct out o = { NULL, 0, 0 };

	if (key == NULL)
		return;
	put_u64(&o, n);
	put(&o, pts, n * sizeof *pts);
	write_entry(key, &o);
	free(o.b);
}

int
cache_get_points(const char *key, struct geo_pt *pts, size_t n)
{
	size_t len;
	uint64_t m;
	char *buf;

	if (key == NULL || (buf = read_entry(key, &len)) == NULL)
		return -1;
	if (len < 8 || (memcpy(&m, buf, 8), m != n) || len != 8 + n * sizeof *pts) {
		free(buf);
		return -1;
	}
	memcpy(pts, buf + 8, n * sizeof *pts);
	free(buf);
	return 0;
}
