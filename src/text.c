/* text.c: strict UTF-8, the terminal sanitiser, display widths, search folding and ASCII output. */
#include "text.h"

#include <langinfo.h>
#include <locale.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define HAVE_AVX2_PATH	1
#endif

#include "util.h"

struct range {
	uint32_t	lo, hi;
};

/* What the sanitiser drops beyond C0, DEL and C1. */
static const struct range dropped[] = {
	{ 0x061c, 0x061c }, { 0x180e, 0x180e }, { 0x200b, 0x200f },
	{ 0x2028, 0x202e }, { 0x2060, 0x2064 }, { 0x2066, 0x2069 },
	{ 0xfeff, 0xfeff }, { 0xfff9, 0xfffb }
};

static int
in(const struct range *r, size_t n, uint32_t cp)
{
	size_t lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (cp > r[mid].hi)
			lo = mid + 1;
		else if (cp < r[mid].lo)
			hi = mid;
		else
			return 1;
	}
	return 0;
}

#define IN(table, cp)	in(table, sizeof table / sizeof table[0], cp)

size_t
text_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned char lo = 0x80, hi = 0xbf;	/* range of the second byte */
	uint32_t c;
	size_t n, i;

	*cp = 0xfffd;
	if (len == 0)
		return 0;
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if (u[0] >= 0xc2 && u[0] <= 0xdf) {
		n = 2;
		c = u[0] & 0x1f;
	} else if (u[0] >= 0xe0 && u[0] <= 0xef) {
		n = 3;
		c = u[0] & 0x0f;
		if (u[0] == 0xe0)
			lo = 0xa0;	/* overlong */
		else if (u[0] == 0xed)
			hi = 0x9f;	/* surrogates */
	} else if (u[0] >= 0xf0 && u[0] <= 0xf4) {
		n = 4;
		c = u[0] & 0x07;
		if (u[0] == 0xf0)
			lo = 0x90;	/* overlong */
		else if (u[0] == 0xf4)
			hi = 0x8f;	/* above U+10FFFF */
	} else
		return 1;		/* continuation, C0/C1 overlong, F5-FF */
	/* One U+FFFD per bad byte: on any fault only the lead byte is consumed. */
	if (len < n || u[1] < lo || u[1] > hi)
		return 1;
	for (i = 1; i < n; i++) {
		if ((u[i] & 0xc0) != 0x80)
			return 1;
		c = c << 6 | (u[i] & 0x3f);
	}
	*cp = c;
	return n;
}

size_t
text_encode(uint32_t cp, char *buf)
{
	unsigned char *u = (unsigned char *)buf;

	if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		cp = 0xfffd;
	if (cp < 0x80) {
		u[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		u[0] = (unsigned char)(0xc0 | cp >> 6);
		u[1] = (unsigned char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		u[0] = (unsigned char)(0xe0 | cp >> 12);
		u[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
		u[2] = (unsigned char)(0x80 | (cp & 0x3f));
		return 3;
	}
	u[0] = (unsigned char)(0xf0 | cp >> 18);
	u[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3f));
	u[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
	u[3] = (unsigned char)(0x80 | (cp & 0x3f));
	return 4;
}

/*
 * The end of the run of printable ASCII (0x20 to 0x7e) that starts at s[i],
 * at most at s[to]: 16 bytes at a time when vector (an import sanitises
 * every field it keeps, and most of them are such runs), else one.
 */
static size_t
ascii_run(const char *s, size_t i, size_t to, int vector)
{
#if defined(__SSE2__)
	const __m128i lo = _mm_set1_epi8(0x1f), hi = _mm_set1_epi8(0x7f);

	/* signed bytes: 0x80 and up are negative, below lo */
	for (; vector && to - i >= 16; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_and_si128(_mm_cmpgt_epi8(v, lo),
		    _mm_cmplt_epi8(v, hi)));

		if (m != 0xffff)
			return i + (size_t)__builtin_ctz(~m);
	}
#else
	(void)vector;
#endif
	while (i < to && (unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7f)
		i++;
	return i;
}

static size_t
sanitize(const char *s, size_t len, char *out, size_t cap, int vector)
{
	size_t used = 0, i = 0, n;
	uint32_t cp;
	char enc[4];

	if (cap == 0)
		return 0;
	cap--;				/* room for the NUL */
	while (i < len) {
		/* runs of printable ASCII need no decoding: the common case, by far */
		if ((unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7f) {
			size_t to = i + (len - i < cap - used ? len - i : cap - used);
			size_t j = to > i ? ascii_run(s, i + 1, to, vector) : i;

			memcpy(out + used, s + i, j - i);
			used += j - i;
			i = j;
			if (used == cap)
				break;
			continue;
		}
		i += text_decode(s + i, len - i, &cp);
		if (cp == '\t' || cp == '\r' || cp == '\n')
			cp = ' ';
		else if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || IN(dropped, cp))
			continue;
		n = text_encode(cp, enc);
		if (n > cap - used)
			break;		/* the cut: never half a character */
		memcpy(out + used, enc, n);
		used += n;
	}
	out[used] = '\0';
	return used;
}

size_t
text_sanitize_buf(const char *s, size_t len, char *out, size_t cap)
{
	return sanitize(s, len, out, cap, 1);
}

size_t
text_sanitize_buf_scalar(const char *s, size_t len, char *out, size_t cap)
{
	return sanitize(s, len, out, cap, 0);
}

char *
text_sanitize(const char *s, size_t len, size_t max_bytes)
{
	size_t cap;
	char *out;

	/* A byte becomes at most 3 (U+FFFD); stay clear of overflow on absurd sizes. */
	cap = len < SIZE_MAX / 4 ? len * 3 : SIZE_MAX / 4;
	if (cap > max_bytes)
		cap = max_bytes;
	out = xmalloc(cap + 1);
	text_sanitize_buf(s, len, out, cap + 1);
	return out;
}

/*
 * Widths come from the C library, not from tables of our own: curses (the
 * viewer) and the terminals it drives (tmux, xterm, VTE, ...) advance the
 * cursor by wcwidth(), so a frame laid out by any other table drifts from
 * the screen; hand tables disagreed with glibc on some 10,000 code points
 * (Hangul Jamo Extended, Syriac marks, emoji such as U+231A or U+1F680).
 * wcwidth() answers for the calling thread's LC_CTYPE: the program's own
 * when it is UTF-8 (what curses sees), else C.UTF-8, which glibc (2.35
 * and later) and musl always have.
 */
static pthread_once_t	 utf8_once = PTHREAD_ONCE_INIT;
static locale_t		 utf8_locale;

static void
utf8_locale_init(void)
{
	utf8_locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
}

static int
libc_width(uint32_t cp)
{
	locale_t old;
	int w;

	/* wchar_t is UCS-4 in every glibc and musl locale: cp is the wide character */
	if (MB_CUR_MAX > 1 && (w = wcwidth((wchar_t)cp)) >= 0)
		return w;
	pthread_once(&utf8_once, utf8_locale_init);
	if (utf8_locale == (locale_t)0)
		return -1;
	old = uselocale(utf8_locale);
	w = wcwidth((wchar_t)cp);
	uselocale(old);
	return w;
}

int
text_cp_width(uint32_t cp)
{
	int w;

	if (cp < 0x7f)
		return cp >= 0x20;
	if (cp <= 0x9f)
		return 0;
	/* unknown to the C library (unassigned, or newer than its Unicode): shown as U+FFFD */
	return (w = libc_width(cp)) < 0 ? 1 : w;
}

uint32_t
text_cp_shown(uint32_t cp)
{
	if (cp < 0x7f)
		return cp;
	return libc_width(cp) < 0 ? 0xfffd : cp;
}

int
text_width(const char *s)
{
	size_t len, i = 0;
	uint32_t cp;
	int w = 0;

	/* printable ASCII, most text there is, a column a byte */
	while ((unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7f)
		i++;
	w = (int)i;
	len = i + strlen(s + i);
	while (i < len) {
		i += text_decode(s + i, len - i, &cp);
		w += text_cp_width(cp);
	}
	return w;
}

/*
 * Base letters of U+00C0-U+017F, lower case. '.' keeps the character (x, /);
 * capitals stand for two letters: A ae, I ij, O oe, S ss, T th.
 */
static const char latin_base[] =
	"aaaaaaAceeeeiiiidnooooo.ouuuuyTS"	/* C0-DF */
	"aaaaaaAceeeeiiiidnooooo.ouuuuyTy"	/* E0-FF */
	"aaaaaaccccccccddddeeeeeeeeeegggg"	/* 100-11F */
	"gggghhhhiiiiiiiiiiIIjjkkklllllll"	/* 120-13F */
	"lllnnnnnnnnnooooooOOrrrrrrssssss"	/* 140-15F */
	"ssttttttuuuuuuuuuuuuwwyyyzzzzzzs";	/* 160-17F */

char *
text_fold(const char *s)
{
	size_t len = strlen(s);
	char *out = xreallocarray(NULL, len + 1, 3);	/* a bad byte grows to U+FFFD */

	text_fold_into(s, len, out);
	return out;
}

size_t
text_fold_into(const char *s, size_t len, char *out)
{
	size_t i = 0, used = 0;
	const char *two;
	uint32_t cp;
	char b;

	while (i < len) {
		/* most text is ASCII: no decoding for it */
		if ((unsigned char)s[i] < 0x80) {
			b = s[i++];
			out[used++] = b >= 'A' && b <= 'Z' ? (char)(b + 'a' - 'A') : b;
			continue;
		}
		i += text_decode(s + i, len - i, &cp);
		if (cp >= 'A' && cp <= 'Z')
			cp += 'a' - 'A';
		else if (cp >= 0xc0 && cp <= 0x17f && latin_base[cp - 0xc0] != '.') {
			b = latin_base[cp - 0xc0];
			if (b >= 'a' && b <= 'z') {
				out[used++] = b;
				continue;
			}
			two = strchr("AaeIijOoeSssTth", b);
			out[used++] = two[1];
			out[used++] = two[2];
			continue;
		} else if (cp >= 0x80 && text_cp_width(cp) == 0)
			continue;	/* combining marks and invisibles */
		used += text_encode(cp, out + used);
	}
	out[used] = '\0';
	return used;
}

/* 1 if s holds folded[0..n) (ASCII, lower case) once its capitals are lowered, as folding does. */
static int
ascii_at(const char *s, const char *folded, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++) {
		unsigned char b = (unsigned char)s[k];

		if ((b >= 'A' && b <= 'Z' ? b + 'a' - 'A' : b) != (unsigned char)folded[k])
			return 0;
	}
	return 1;
}

#if defined(__SSE2__)

/*
 * Candidates for folded[0..n) at s + i .. s + i + 15: where the first and
 * the last byte match (W. Mula's SIMD substring search), both sides with
 * 0x20 set: a superset of the case-folded matches, which ascii_at() sorts
 * out. Sets *hi to the bytes >= 0x80 of s + i .. s + i + 15.
 */
static unsigned
candidates(const char *s, size_t i, size_t n, __m128i first, __m128i last, __m128i *hi)
{
	const __m128i c20 = _mm_set1_epi8(0x20);
	__m128i a = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
	__m128i b = _mm_loadu_si128((const __m128i *)(const void *)(s + i + n - 1));

	*hi = _mm_or_si128(*hi, a);
	return (unsigned)_mm_movemask_epi8(_mm_and_si128(
	    _mm_cmpeq_epi8(_mm_or_si128(a, c20), first),
	    _mm_cmpeq_epi8(_mm_or_si128(b, c20), last)));
}

/*
 * text_fold_has() for an ASCII folded of n >= 1 bytes: 1 or 0 when s[0..len)
 * is ASCII (where folding only lowers capitals, byte for byte); else 1 if
 * a run of its ASCII holds folded (a run folds to itself lowered, whatever
 * surrounds it: the decoder never takes an ASCII byte into a character),
 * and -1 when only the whole fold can tell.
 */
static int
ascii_has(const char *s, size_t len, const char *folded, size_t n)
{
	__m128i first, last, hi = _mm_setzero_si128();
	size_t i, j, starts;
	unsigned m;

	if (len < n + 15) {
		/* fewer than 16 places to start: byte by byte */
		unsigned char any = 0;

		for (i = 0; i < len; i++)
			any |= (unsigned char)s[i];
		for (i = 0; i + n <= len; i++)
			if (ascii_at(s + i, folded, n))
				return 1;
		return any & 0x80 ? -1 : 0;
	}
	first = _mm_set1_epi8((char)(folded[0] | 0x20));
	last = _mm_set1_epi8((char)(folded[n - 1] | 0x20));
	starts = len - n + 1;
	for (i = 0; i + 16 <= starts; i += 16)
		for (m = candidates(s, i, n, first, last, &hi); m != 0; m &= m - 1)
			if (ascii_at(s + i + (unsigned)__builtin_ctz(m), folded, n))
				return 1;
	if (i < starts) {
		/* the last starts, in a block that overlaps the one before */
		j = starts - 16;
		m = candidates(s, j, n, first, last, &hi) & ~0u << (i - j);
		for (; m != 0; m &= m - 1)
			if (ascii_at(s + j + (unsigned)__builtin_ctz(m), folded, n))
				return 1;
	}
	/* the blocks read s[0 .. starts); the rest for bytes >= 0x80 */
	for (i = starts; i + 16 <= len; i += 16)
		hi = _mm_or_si128(hi, _mm_loadu_si128((const __m128i *)(const void *)(s + i)));
	if (i < len) {
		i = len - 16;
		hi = _mm_or_si128(hi, _mm_loadu_si128((const __m128i *)(const void *)(s + i)));
	}
	return _mm_movemask_epi8(hi) != 0 ? -1 : 0;
}
#endif

int
text_fold_has(const char *s, size_t len, const char *folded, char *buf)
{
#if defined(__SSE2__)
	size_t n;
	int r;

	for (n = 0; folded[n] != '\0' && (unsigned char)folded[n] < 0x80; n++)
		continue;
	if (n == 0 || folded[n] != '\0')
		;	/* empty (in every text) or not ASCII: the whole fold */
	else if ((r = ascii_has(s, len, folded, n)) >= 0)
		return r;
#endif
	text_fold_into(s, len, buf);
	return strstr(buf, folded) != NULL;
}

/* 1 if s[i] marks its text for text_fold_marks(): a byte >= 0x80, or an ASCII match in s[0..len). */
static int
marks(const char *s, size_t len, size_t i, const char *folded, size_t n)
{
	return (unsigned char)s[i] >= 0x80 || (i + n <= len && ascii_at(s + i, folded, n));
}

#if defined(__SSE2__)
/* The 16 places at p: a byte's top bit set where a match may start or the byte is >= 0x80. */
static __m128i
mark_block(const char *p, size_t n, __m128i first, __m128i last, __m128i c20)
{
	__m128i a = _mm_loadu_si128((const __m128i *)(const void *)p);
	__m128i b = _mm_loadu_si128((const __m128i *)(const void *)(p + n - 1));

	return _mm_or_si128(a, _mm_and_si128(_mm_cmpeq_epi8(_mm_or_si128(a, c20), first),
	    _mm_cmpeq_epi8(_mm_or_si128(b, c20), last)));
}
#endif

#if defined(HAVE_AVX2_PATH)
/*
 * next_mark()'s loop, 32 places at a time where the CPU has AVX2: the
 * filter's scan reads 800 MB at 2.7M events, and 16 places at a time made
 * it bound by the instructions, not by memory (58 ms, where it took 90).
 * Returns where its 64-byte steps stop: a place that marks, or the first
 * place not tested.
 */
__attribute__((target("avx2"))) static size_t
next_mark_avx2(const char *s, size_t len, size_t i, size_t to, const char *folded, size_t n)
{
	const __m256i c20 = _mm256_set1_epi8(0x20);
	const __m256i first = _mm256_set1_epi8((char)(folded[0] | 0x20));
	const __m256i last = _mm256_set1_epi8((char)(folded[n - 1] | 0x20));
	__m256i v[2];
	size_t k;
	unsigned m;

	for (; i + 64 <= to && i + 63 + n <= len; i += 64) {
		for (k = 0; k < 2; k++) {
			const char *p = s + i + 32 * k;
			__m256i a = _mm256_loadu_si256((const __m256i *)(const void *)p);
			__m256i b = _mm256_loadu_si256((const __m256i *)(const void *)(p + n - 1));

			v[k] = _mm256_or_si256(a, _mm256_and_si256(
			    _mm256_cmpeq_epi8(_mm256_or_si256(a, c20), first),
			    _mm256_cmpeq_epi8(_mm256_or_si256(b, c20), last)));
		}
		if (_mm256_movemask_epi8(_mm256_or_si256(v[0], v[1])) == 0)
			continue;
		for (k = 0; k < 2; k++)
			for (m = (unsigned)_mm256_movemask_epi8(v[k]); m != 0; m &= m - 1)
				if (marks(s, len, i + 32 * k + (unsigned)__builtin_ctz(m), folded,
				    n))
					return i + 32 * k + (unsigned)__builtin_ctz(m);
	}
	return i;
}

#endif

/* The first place in s[i..to) that marks its text, or to. */
static size_t
next_mark(const char *s, size_t len, size_t i, size_t to, const char *folded, size_t n)
{
#if defined(__SSE2__)
	const __m128i c20 = _mm_set1_epi8(0x20);
	const __m128i first = _mm_set1_epi8((char)(folded[0] | 0x20));
	const __m128i last = _mm_set1_epi8((char)(folded[n - 1] | 0x20));
	unsigned m;

#if defined(HAVE_AVX2_PATH)
	if (__builtin_cpu_supports("avx2")) {
		i = next_mark_avx2(s, len, i, to, folded, n);
		if (i + 64 <= to && i + 63 + n <= len)
			return i;	/* it stopped at a mark */
	}
#endif
	/* 16 places at a time (text_fold_has()'s candidates, and bytes >= 0x80) */
	for (; i + 16 <= to && i + 15 + n <= len; i += 16)
		for (m = (unsigned)_mm_movemask_epi8(mark_block(s + i, n, first, last, c20));
		    m != 0; m &= m - 1)
			if (marks(s, len, i + (unsigned)__builtin_ctz(m), folded, n))
				return i + (unsigned)__builtin_ctz(m);
#endif
	for (; i < to; i++)
		if (marks(s, len, i, folded, n))
			return i;
	return to;
}

void
text_fold_marks(const char *s, size_t len, size_t from, size_t to, const char *folded,
    void (*mark)(void *ctx, size_t lo, size_t hi, size_t at), void *ctx)
{
	size_t n = strlen(folded), i = from, lo, hi;
	const char *nul;

	/* a marked text is found from one place in it, then passed over whole */
	while ((i = next_mark(s, len, i, to, folded, n)) < to) {
		nul = memrchr(s, 0, i);
		lo = nul != NULL ? (size_t)(nul - s) + 1 : 0;
		nul = memchr(s + i, 0, len - i);
		hi = nul != NULL ? (size_t)(nul - s) : len;
		mark(ctx, lo, hi, (unsigned char)s[i] < 0x80 ? i : (size_t)-1);
		i = hi + 1;
	}
}

int
text_quote_error(char **why, const char *what, const char *s, size_t len, const char *tail)
{
	char *clean = text_sanitize(s, len > 64 ? 64 : len, 192);

	xasprintf(why, "%s \"%s\"%s", what, clean, tail);
	free(clean);
	return -1;
}

int
text_locale_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs != NULL && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

/* 1 for the capitals of U+00C0-U+017F (which alternate in Latin Extended-A). */
static int
latin_upper(uint32_t cp)
{
	if (cp >= 0xc0 && cp <= 0xde)
		return cp != 0xd7;
	if ((cp >= 0x100 && cp <= 0x137) || (cp >= 0x14a && cp <= 0x177))
		return cp % 2 == 0;
	if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17e))
		return cp % 2 == 1;
	return cp == 0x178;
}

/* Punctuation sources often hold, as ASCII. */
static const char *
ascii_punct(uint32_t cp)
{
	switch (cp) {
	case 0x00a0: case 0x2002: case 0x2003: case 0x2009: case 0x202f:
		return " ";
	case 0x00ab: case 0x00bb: case 0x201c: case 0x201d: case 0x201e:
		return "\"";
	case 0x2018: case 0x2019: case 0x201a: case 0x2032:
		return "'";
	case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
	case 0x2212:
		return "-";
	case 0x2026:
		return "...";
	case 0x00b7: case 0x2022:
		return "*";
	case 0x00d7:
		return "x";
	case 0x00a9:
		return "(c)";
	case 0x00b0:
		return " deg";
	default:
		return NULL;
	}
}

/* One character as ASCII into out (4 bytes): é -> e, Æ -> AE, ’ -> ', else ?. */
static size_t
ascii_translit(uint32_t cp, char *out)
{
	char enc[5], *folded;
	const char *p;
	size_t n = 0, i;

	if ((p = ascii_punct(cp)) != NULL) {
		n = strlen(p);
		memcpy(out, p, n);
		return n;
	}
	if (cp >= 0xc0 && cp <= 0x17f) {
		enc[text_encode(cp, enc)] = '\0';
		folded = text_fold(enc);
		n = strlen(folded);
		if (n == 0 || n > 2 || (unsigned char)folded[0] >= 0x80)
			n = 0;
		for (i = 0; i < n; i++)
			out[i] = latin_upper(cp) && folded[i] >= 'a' && folded[i] <= 'z' ?
			    (char)(folded[i] - 'a' + 'A') : folded[i];
		free(folded);
	}
	if (n == 0) {
		if (text_cp_width(cp) == 0)
			return 0;	/* a combining accent: its letter is there */
		out[n++] = '?';
	}
	return n;
}

size_t
text_cp_ascii(uint32_t cp, char out[4])
{
	return ascii_translit(cp, out);
}

/*
 * The sanitised text as a terminal is to show it: a code point the C
 * library does not know becomes U+FFFD (tmux drops one, other terminals
 * give it a column: either breaks a layout); a variation selector goes,
 * since after a narrow character VS16 makes some terminals draw two
 * columns and others one (U+2764 U+FE0F), and the character alone is one
 * column on all. Takes clean (allocated) and returns it or a new string.
 */
static char *
shown_utf8(char *clean, size_t n)
{
	size_t i = 0, used = 0, k;
	char *out = NULL;
	uint32_t cp, shown;

	while (i < n) {
		if ((unsigned char)clean[i] < 0x80) {
			if (out != NULL)
				out[used++] = clean[i];
			i++;
			continue;
		}
		k = text_decode(clean + i, n - i, &cp);
		shown = text_cp_shown(cp);
		if (out == NULL && (shown != cp || cp == 0xfe0e || cp == 0xfe0f)) {
			out = xreallocarray(NULL, n + 1, 2);	/* 2 bytes may become 3 */
			memcpy(out, clean, i);
			used = i;
		}
		i += k;
		if (out == NULL)
			continue;
		if (cp != 0xfe0e && cp != 0xfe0f)
			used += text_encode(shown, out + used);
	}
	if (out == NULL)
		return clean;
	out[used] = '\0';
	free(clean);
	return out;
}

char *
text_for_charset(const char *s, size_t len, size_t max_bytes, int utf8)
{
	size_t cap, used = 0, a, b, n, i = 0;
	char *clean, *out;
	uint32_t cp;

	cap = len < SIZE_MAX / 4 ? len * 3 : SIZE_MAX / 4;
	if (cap > max_bytes)
		cap = max_bytes;
	clean = xmalloc(cap + 1);
	/* line by line: the sanitiser makes a line end a space */
	for (a = 0; a <= len && used < cap; a = b + 1) {
		const char *nl = memchr(s + a, '\n', len - a);

		b = nl != NULL ? (size_t)(nl - s) : len;
		used += text_sanitize_buf(s + a, b - a, clean + used, cap + 1 - used);
		if (b == len)
			break;
		if (used < cap)
			clean[used++] = '\n';
	}
	clean[used] = '\0';
	if (utf8)
		return shown_utf8(clean, used);
	n = used;
	used = 0;
	out = xreallocarray(NULL, n + 1, 3);	/* at most 2 bytes a byte: U+00B0 -> " deg" */
	while (i < n) {
		if ((unsigned char)clean[i] < 0x80) {
			out[used++] = clean[i++];
			continue;
		}
		i += text_decode(clean + i, n - i, &cp);
		used += ascii_translit(cp, out + used);
	}
	out[used] = '\0';
	free(clean);
	return out;
}

char *
text_for_locale(const char *s, size_t len, size_t max_bytes)
{
	return text_for_charset(s, len, max_bytes, text_locale_utf8());
}

int
text_fputs(const char *s, FILE *fp)
{
	char *t = text_for_locale(s, strlen(s), SIZE_MAX);
	int r = fputs(t, fp);

	free(t);
	return r;
}

/* The status line and the messages come from two threads: one at a time. */
static pthread_mutex_t stderr_lock = PTHREAD_MUTEX_INITIALIZER;
static int status_shown;

/* Erases the status line, if one is shown; stderr_lock held. */
static void
status_erase(void)
{
	if (status_shown)
		fputs("\r\033[K", stderr);
	status_shown = 0;
}

void
text_error(const char *fmt, ...)
{
	va_list ap;
	char *msg, *line, *safe;
	int n;

	va_start(ap, fmt);
	n = xvasprintf(&msg, fmt, ap);
	va_end(ap);
	/* one line: a line end in a name must not forge a second message */
	line = text_sanitize(msg, (size_t)n, TEXT_MESSAGE_MAX);
	safe = text_for_locale(line, strlen(line), TEXT_MESSAGE_MAX);
	pthread_mutex_lock(&stderr_lock);
	status_erase();
	fprintf(stderr, "sitmap: %s\n", safe);
	pthread_mutex_unlock(&stderr_lock);
	free(safe);
	free(line);
	free(msg);
}

void
text_status(const char *text)
{
	char *line, *safe;

	if (!isatty(STDERR_FILENO))
		return;
	if (text == NULL) {
		pthread_mutex_lock(&stderr_lock);
		status_erase();
		fflush(stderr);
		pthread_mutex_unlock(&stderr_lock);
		return;
	}
	/* short enough for one row of an 80-column terminal: it is rewritten in place */
	line = text_sanitize(text, strlen(text), 70);
	safe = text_for_locale(line, strlen(line), SIZE_MAX);
	pthread_mutex_lock(&stderr_lock);
	fprintf(stderr, "\rsitmap: %s\033[K", safe);
	fflush(stderr);
	status_shown = 1;
	pthread_mutex_unlock(&stderr_lock);
	free(safe);
	free(line);
}
