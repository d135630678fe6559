/* test_text.c: strict UTF-8, the sanitiser, display widths and folding. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>
#include <sys/mman.h>

#include "text.h"

#define FFFD	"\xef\xbf\xbd"

/* Sanitises len bytes of s with the given limit and compares with want. */
static void
expect_clean(const char *s, size_t len, size_t max, const char *want)
{
	char *out = text_sanitize(s, len, max);

	assert_string_equal(out, want);
	free(out);
}

#define CLEAN(s, want)	expect_clean(s, sizeof s - 1, 1024, want)

static void
test_escape_sequences(void **state)
{
	(void)state;
	CLEAN("A\x1b]0;PWNED\x07" "B", "A]0;PWNEDB");
	CLEAN("\x1b[2J\x1b[31mred", "[2J[31mred");
	CLEAN("a\0b\x01\x1f\x7f" "c", "abc");
	CLEAN("tab\there\r\nnext", "tab here  next");
	/* C1 controls as characters are dropped: CSI, NEL, APC. */
	CLEAN("x\xc2\x9b" "31my\xc2\x85z\xc2\x9f", "x31myz");
	CLEAN("\xc2\xa0\xc2\xa9", "\xc2\xa0\xc2\xa9");	/* U+00A0, U+00A9 stay */
}

static void
test_invisible_and_bidi(void **state)
{
	static const uint32_t gone[] = {
		0x061c, 0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x2028, 0x2029,
		0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068,
		0x2069, 0xfeff, 0xfff9, 0xfffa, 0xfffb
	};
	static const uint32_t kept[] = {
		0x061b, 0x061d, 0x200a, 0x2010, 0x2027, 0x202f, 0x2065, 0x206a,
		0xfefe, 0xfff8, 0xfffc, 0xfffd
	};
	char in[16], want[16];
	size_t i, n;

	(void)state;
	CLEAN("abc\xe2\x80\xae" "cba", "abccba");	/* U+202E */
	for (i = 0; i < sizeof gone / sizeof gone[0]; i++) {
		n = text_encode(gone[i], in + 1);
		in[0] = '<';
		in[n + 1] = '>';
		expect_clean(in, n + 2, 64, "<>");
	}
	for (i = 0; i < sizeof kept / sizeof kept[0]; i++) {
		n = text_encode(kept[i], in);
		memcpy(want, in, n);
		want[n] = '\0';
		expect_clean(in, n, 64, want);
	}
}

static void
test_invalid_utf8(void **state)
{
	(void)state;
	CLEAN("\xe9t\xe9", FFFD "t" FFFD);		/* Latin-1 */
	CLEAN("\xc0\xaf", FFFD FFFD);			/* overlong '/' */
	CLEAN("\xc1\xbf", FFFD FFFD);
	CLEAN("\xe0\x80\xaf", FFFD FFFD FFFD);		/* overlong, 3 bytes */
	CLEAN("\xe0\x9f\xbf", FFFD FFFD FFFD);
	CLEAN("\xf0\x80\x80\xaf", FFFD FFFD FFFD FFFD);	/* overlong, 4 bytes */
	CLEAN("\xed\xa0\x80", FFFD FFFD FFFD);		/* U+D800 */
	CLEAN("\xed\xbf\xbf", FFFD FFFD FFFD);		/* U+DFFF */
	CLEAN("\xf4\x90\x80\x80", FFFD FFFD FFFD FFFD);	/* U+110000 */
	CLEAN("\xf5\x80\x80\x80", FFFD FFFD FFFD FFFD);
	CLEAN("\xff\xfe", FFFD FFFD);
	CLEAN("\xe6\x9d", FFFD FFFD);			/* truncated at the end */
	CLEAN("\xe6\x9dx", FFFD FFFD "x");		/* truncated before ASCII */
	CLEAN("\xf0\x9f\x98", FFFD FFFD FFFD);
	CLEAN("\x80\xbf", FFFD FFFD);			/* lone continuations */
	CLEAN("\x9b", FFFD);				/* a raw C1 byte is invalid UTF-8 */
	/* The neighbours of each bad range are valid. */
	CLEAN("\xed\x9f\xbf\xee\x80\x80", "\xed\x9f\xbf\xee\x80\x80");
	CLEAN("\xf4\x8f\xbf\xbf", "\xf4\x8f\xbf\xbf");
	CLEAN("\xe0\xa0\x80\xf0\x90\x80\x80", "\xe0\xa0\x80\xf0\x90\x80\x80");
}

static void
test_decode_encode(void **state)
{
	char buf[4];
	uint32_t cp, got;
	size_t n;

	(void)state;
	/* Every scalar value survives encode then decode, in the shortest form. */
	for (cp = 0; cp <= 0x10ffff; cp++) {
		if (cp == 0xd800)
			cp = 0xe000;
		n = text_encode(cp, buf);
		assert_int_equal(n, cp < 0x80 ? 1 : cp < 0x800 ? 2 :
		    cp < 0x10000 ? 3 : 4);
		assert_int_equal(text_decode(buf, n, &got), n);
		assert_int_equal(got, cp);
		/* One byte short is a fault of the lead byte only. */
		if (n > 1) {
			assert_int_equal(text_decode(buf, n - 1, &got), 1);
			assert_int_equal(got, 0xfffd);
		}
	}
	assert_int_equal(text_encode(0xd800, buf), 3);
	assert_memory_equal(buf, FFFD, 3);
	assert_int_equal(text_encode(0x110000, buf), 3);
	assert_memory_equal(buf, FFFD, 3);
	assert_int_equal(text_decode("\xc3\xa9z", 3, &got), 2);
	assert_int_equal(got, 0xe9);
}

static void
test_cut(void **state)
{
	const char *s = "ab\xe6\x9d\xb1\xe4\xba\xac\xc3\xa9" "d\xf0\x9f\x98\x80";
	size_t len = strlen(s), max, n;
	uint32_t cp;
	char *out;

	(void)state;
	expect_clean(s, len, 0, "");
	expect_clean(s, len, 2, "ab");
	expect_clean(s, len, 4, "ab");
	expect_clean(s, len, 5, "ab\xe6\x9d\xb1");
	expect_clean(s, len, 13, "ab\xe6\x9d\xb1\xe4\xba\xac\xc3\xa9" "d");
	expect_clean(s, len, 17, s);
	expect_clean("\xff\xff", 2, 5, FFFD);
	/* Every limit: a prefix of the whole, on a boundary, as long as it can be. */
	for (max = 0; max <= len + 2; max++) {
		out = text_sanitize(s, len, max);
		n = strlen(out);
		assert_true(n <= max);
		assert_memory_equal(out, s, n);
		if (n < len) {
			text_decode(s + n, len - n, &cp);
			assert_true(n + text_encode(cp, (char [4]){ 0 }) > max);
		}
		free(out);
	}
	/* A dropped character does not count against the limit. */
	expect_clean("a\x1b\x1b\x1b" "bc", 6, 2, "ab");
}

/* text_cp_width() against wcwidth() in C.UTF-8, over every code point. */
static void
width_follows_libc(void)
{
	locale_t u8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0), old;
	uint32_t cp;
	int w, want;

	assert_non_null(u8);
	for (cp = 0xa0; cp <= 0x10ffff; cp++) {
		if (cp >= 0xd800 && cp <= 0xdfff)
			continue;
		old = uselocale(u8);
		want = wcwidth((wchar_t)cp);
		uselocale(old);
		w = text_cp_width(cp);
		if (w != (want < 0 ? 1 : want))
			fail_msg("U+%04X: width %d, wcwidth %d", (unsigned)cp, w, want);
		if (text_cp_shown(cp) != (want < 0 ? 0xfffd : cp))
			fail_msg("U+%04X: shown as U+%04X", (unsigned)cp,
			    (unsigned)text_cp_shown(cp));
	}
	freelocale(u8);
}

static void
test_width(void **state)
{
	/* what the hand tables got wrong, and the cases that matter on screen */
	static const struct {
		uint32_t	cp;
		int		w;
	} cases[] = {
		{ 'a', 1 }, { ' ', 1 }, { 0x01, 0 }, { 0x7f, 0 }, { 0x9b, 0 },
		{ 0xe9, 1 }, { 0x0301, 0 }, { 0x0711, 0 },	/* Syriac mark */
		{ 0x1100, 2 }, { 0x1160, 0 }, { 0xa960, 2 },	/* Hangul Jamo Extended-A */
		{ 0xac00, 2 }, { 0x4e00, 2 }, { 0xff21, 2 }, { 0x3000, 2 },
		{ 0x231a, 2 },		/* watch: emoji presentation, wide */
		{ 0x2764, 1 },		/* heart: text presentation */
		{ 0xfe0f, 0 }, { 0xfe0e, 0 }, { 0x200b, 0 }, { 0x200d, 0 },
		{ 0x1f321, 1 },		/* thermometer: text presentation, narrow */
		{ 0x1f600, 2 }, { 0x1f680, 2 }, { 0x1f6d1, 2 }, { 0x1f7e2, 2 },
		{ 0x1f3fd, 2 },		/* skin tone modifier */
		{ 0x1f1f2, 1 },		/* regional indicator */
		{ 0x20000, 2 }, { 0xe000, 1 }, { 0xfffd, 1 },
		{ 0xffff, 1 }, { 0x1fffe, 1 }, { 0x10ffff, 1 },	/* noncharacters: U+FFFD */
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		if (text_cp_width(cases[i].cp) != cases[i].w)
			fail_msg("U+%04X: width %d, want %d", (unsigned)cases[i].cp,
			    text_cp_width(cases[i].cp), cases[i].w);
	assert_int_equal(text_cp_shown(0x10ffff), 0xfffd);
	assert_int_equal(text_cp_shown(0x1f680), 0x1f680);
	assert_int_equal(text_width("\xe6\x9d\xb1\xe4\xba\xac"), 4);	/* 東京 */
	assert_int_equal(text_width("e\xcc\x81"), 1);			/* e + U+0301 */
	assert_int_equal(text_width("Gao"), 3);
	assert_int_equal(text_width(""), 0);
	assert_int_equal(text_width("\xef\xbc\xa1" "b"), 3);		/* fullwidth A */
	/* the C locale (the program before setlocale, or LANG=C) gives the same widths */
	assert_non_null(setlocale(LC_CTYPE, "C"));
	width_follows_libc();
	assert_non_null(setlocale(LC_CTYPE, "C.UTF-8"));
	width_follows_libc();
	setlocale(LC_CTYPE, "C");
}

/* Under UTF-8, what is printed is as wide as text_width() says on every terminal. */
static void
test_shown(void **state)
{
	/* ❤️ (VS16), U+10FFFF, 🚀︎ (VS15), e + U+0301 */
	static const char in[] = "\xe2\x9d\xa4\xef\xb8\x8f|\xf4\x8f\xbf\xbf|"
	    "\xf0\x9f\x9a\x80\xef\xb8\x8e|e\xcc\x81";
	char *out;

	(void)state;
	out = text_for_charset(in, sizeof in - 1, 1024, 1);
	assert_string_equal(out, "\xe2\x9d\xa4|" FFFD "|\xf0\x9f\x9a\x80|e\xcc\x81");
	assert_int_equal(text_width(out), 1 + 1 + 1 + 1 + 2 + 1 + 1);
	free(out);
	out = text_for_charset("plain", 5, 1024, 1);
	assert_string_equal(out, "plain");
	free(out);
}

static void
expect_fold(const char *s, const char *want)
{
	char *out = text_fold(s);

	assert_string_equal(out, want);
	free(out);
}

static void
test_fold(void **state)
{
	(void)state;
	expect_fold("M\xc3\xa9naka", "menaka");
	expect_fold("TOMBOUCTOU", "tombouctou");
	expect_fold("Me\xcc\x81naka", "menaka");		/* decomposed é */
	expect_fold("S\xc3\xa9gou", "segou");
	expect_fold("\xc3\x87\xc3\xb8\xc3\x98\xc3\x85\xc3\xbf", "cooay");
	expect_fold("\xc3\x86\xc3\x9f\xc5\x92\xc3\xbe", "aessoeth");
	expect_fold("\xc5\x81\xc3\xb3\x64\xc5\xba", "lodz");	/* Łódź */
	expect_fold("\xc4\x9e\xc4\xb1\xc5\x9f\xc5\xbd\xc5\xbf", "giszs");
	expect_fold("Kidal-2 (N)", "kidal-2 (n)");
	/* Not Latin letters: kept as they are. */
	expect_fold("\xc3\x97\xc3\xb7", "\xc3\x97\xc3\xb7");	/* × ÷ */
	expect_fold("\xce\xa9\xd0\x96", "\xce\xa9\xd0\x96");	/* Ω Ж: only ASCII is lowered */
	expect_fold("\xe6\x9d\xb1\xe4\xba\xac", "\xe6\x9d\xb1\xe4\xba\xac");
	expect_fold("\xd8\xba\xd8\xa7\xd9\x88", "\xd8\xba\xd8\xa7\xd9\x88");	/* غاو */
	expect_fold("a\xff" "b", "a" FFFD "b");
	expect_fold("", "");
}

static void
expect_ascii(const char *s, const char *want)
{
	char *out = text_for_charset(s, strlen(s), 4096, 0);
	size_t i;

	assert_string_equal(out, want);
	for (i = 0; out[i] != '\0'; i++)
		assert_true((unsigned char)out[i] < 0x80);
	free(out);
}

/* Outside UTF-8, text output is ASCII: no byte >= 0x80 ever reaches the terminal. */
/*
 * The reference for text_fold_has(): timeline.c's search before it scanned
 * ASCII in place, kept as it was: s[0..len) folded into buf (ASCII eight
 * bytes at a time, anything else through text_fold_into()), then strstr().
 */
#define ONES	0x0101010101010101ull
static int
ref_fold_has(const char *s, size_t len, char *buf, const char *folded)
{
	uint64_t any = 0, x, up;
	size_t i;

	for (i = 0; i + 8 <= len; i += 8) {
		memcpy(&x, s + i, 8);
		any |= x;
		up = (x + 0x3f * ONES) & ~(x + 0x25 * ONES) & 0x80 * ONES;
		x |= up >> 2;
		memcpy(buf + i, &x, 8);
	}
	for (; i < len; i++) {
		unsigned char b = (unsigned char)s[i];

		any |= b;
		buf[i] = (char)(b >= 'A' && b <= 'Z' ? b + 'a' - 'A' : b);
	}
	buf[len] = '\0';
	if (any & 0x80 * ONES)
		text_fold_into(s, len, buf);
	return strstr(buf, folded) != NULL;
}
#undef ONES

/*
 * text_fold_has() on exactly len bytes of their own (no terminator: a read
 * past them is the address sanitiser's), against the reference.
 */
static int
fold_has_both(const char *s, size_t len, const char *folded)
{
	char *own = malloc(len > 0 ? len : 1), *buf = malloc(3 * len + 1);
	char *rbuf = malloc(3 * len + 1);
	int got, want;

	assert_non_null(own);
	assert_non_null(buf);
	assert_non_null(rbuf);
	memcpy(own, s, len);
	got = text_fold_has(own, len, folded, buf);
	want = ref_fold_has(s, len, rbuf, folded);
	if (got != want)
		fail_msg("text_fold_has(\"%.*s\", \"%s\") = %d, the reference says %d",
		    (int)len, s, folded, got, want);
	free(own);
	free(buf);
	free(rbuf);
	return got;
}

#define HAS(s, folded)	fold_has_both(s, sizeof s - 1, folded)

static void
test_fold_has(void **state)
{
	(void)state;
	assert_true(HAS("Attack near MENAKA by unidentified armed men", "menaka"));
	assert_true(HAS("Attack near MENAKA by unidentified armed men", "d armed"));
	assert_false(HAS("Attack near MENAKA by unidentified armed men", "menakaa"));
	assert_true(HAS("x", ""));
	assert_true(HAS("", ""));
	assert_false(HAS("", "a"));
	/* only the capitals gain 0x20: '@' is not '`', '[' not '{' */
	assert_false(HAS("a@b[c]d^e_f", "a`b"));
	assert_false(HAS("0123456789abcdefgh{ij}kl|mn", "[ij]"));
	assert_true(HAS("0123456789abcdefgh{IJ}kl|mn", "{ij}"));
	/* a capital in the needle is never found: what is searched is folded */
	assert_false(HAS("0123456789abcdefghijklmnopqrstuvwxyz", "Xyz"));
	/* first and last start of a block, the overlapping last block */
	assert_true(HAS("0123456789abcdefghijklmnopqrstuvwxyz", "0123"));
	assert_true(HAS("0123456789abcdefghijklmnopqrstuvwxyz", "pqrs"));
	assert_true(HAS("0123456789abcdefghijklmnopqrstuvwxyz", "qrst"));
	assert_true(HAS("0123456789abcdefghijklmnopqrstuvwxyz", "wxyz"));
	assert_true(HAS("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
	    "0123456789abcdefghijklmnopqrstuvwxyz"));
	assert_false(HAS("0123456789ABCDEFGHIJKLMNOPQRSTUVWXY",
	    "0123456789abcdefghijklmnopqrstuvwxyz"));
	/* accents fold away, anywhere in a long text */
	assert_true(HAS("Clashes were reported in the cercle of S\xc3\xa9gou overnight", "segou"));
	assert_true(HAS("Clashes were reported in the cercle of SE\xcc\x81GOU overnight", "segou"));
	assert_true(HAS("Clashes were reported in the cercle of Segou overnight \xc3\xa9",
	    "segou"));
	assert_true(HAS("\xc3\x86sir and the Stra\xc3\x9f" "e of the capital, reported by",
	    "strasse"));
	/* the bytes >= 0x80 only in the last bytes, past the last block's starts */
	assert_true(HAS("in the cercle of Bandiagara, a caf\xc3\xa9", "cafe"));
	assert_true(HAS("in the cercle of Bandiagara, a Cafe\xcc\x81", "cafe"));
	assert_true(HAS("in the cercle of Bandiagara, on the road to Ke\xcc\x81", "ke"));
	assert_true(HAS("an invisible\xe2\x80\x8bjoin in the middle of a long sentence",
	    "invisiblejoin"));
	/* other scripts keep their case: capital omega folds to itself */
	assert_false(HAS("Kidal \xce\xa9\xd0\x96 and Gao, a text with Greek and Cyrillic",
	    "\xcf\x89"));
	assert_true(HAS("Kidal \xce\xa9\xd0\x96 and Gao, a text with Greek and Cyrillic",
	    "\xce\xa9\xd0\x96"));
	assert_true(HAS("a stray byte \xff in a line of some forty bytes", FFFD " in"));
	assert_true(HAS("a stray byte \xff in a line of some forty bytes", "forty"));
	assert_false(HAS("a stray byte \xff in a line of some forty bytes", "fifty"));
}

/* A small generator of its own: the same cases on every run. */
static uint32_t
rnd(uint64_t *st)
{
	*st = *st * 6364136223846793005ull + 1442695040888963407ull;
	return (uint32_t)(*st >> 33);
}

/*
 * Random texts of ASCII (capitals, the bytes next to them, punctuation),
 * accented letters, combining marks, invisibles, other scripts and bad
 * bytes, against needles cut from their folds or made up, of 1 to 40 bytes,
 * at every offset around the 16-byte blocks: the fast path and the
 * reference agree on every one.
 */
static void
test_fold_has_random(void **state)
{
	static const char *const pieces[] = {
		"a", "b", "c", "s", "p", "z", "A", "C", "S", "P", "Z", " ", "-", "@", "`", "[", "{",
		"^", "~", "\x7f", "0", "9", "\xc3\xa9", "\xc3\x89", "\xc3\x9f", "\xc3\x86",
		"\xc5\x93",
		"\xcc\x81", "\xe2\x80\x8b", "\xce\xa9", "\xe6\x9d\xb1", "\xf0\x9f\x9a\x80", "\xff",
		"\xc3", "\xe2\x80", "\x80"
	};
	static const char asciiset[] = "abcspzACSPZ -@`[{^~09";
	char text[512], folded[3 * sizeof text + 1], needle[64];
	uint64_t st = 19;
	size_t len, n, at, k, hits = 0, cases = 0;
	int c;

	(void)state;
	for (c = 0; c < 60000; c++) {
		size_t want = rnd(&st) % (rnd(&st) % 4 == 0 ? 400 : 60);
		/* ASCII only, a piece in 40 (often one, or none), or one in 2 */
		uint32_t rare = (uint32_t[]){ 0, 40, 2 }[rnd(&st) % 3];

		for (len = 0; len < want; ) {
			const char *p = rare == 0 || rnd(&st) % rare != 0 ? NULL :
			    pieces[rnd(&st) % (sizeof pieces / sizeof *pieces)];

			if (p == NULL)
				text[len++] = asciiset[rnd(&st) % (sizeof asciiset - 1)];
			else if (len + strlen(p) < sizeof text) {
				memcpy(text + len, p, strlen(p));
				len += strlen(p);
			} else
				break;
		}
		n = 1 + rnd(&st) % (rnd(&st) % 3 == 0 ? 40 : 6);
		k = text_fold_into(text, len, folded);
		if (k >= n && rnd(&st) % 4 != 0) {
			/* a needle that is there, often at a block's edge */
			static const size_t edges[] = { 0, 1, 14, 15, 16, 17, 31, 32, 33, 47, 48 };

			at = rnd(&st) % 2 ? edges[rnd(&st) % (sizeof edges / sizeof *edges)] :
			    rnd(&st) % (k - n + 1);
			if (at > k - n)
				at = k - n;
			if (rnd(&st) % 3 == 0)
				at = k - n;
			memcpy(needle, folded + at, n);
		} else {
			for (k = 0; k < n; k++)
				needle[k] = "abcspz -@`[{^~09"[rnd(&st) % 16];
		}
		needle[n] = '\0';
		hits += (size_t)fold_has_both(text, len, needle);
		cases++;
	}
	/* the cases found something and missed something */
	assert_true(hits > cases / 10 && hits < cases - cases / 10);
}

/* text_fold_marks()'s calls, for test_fold_marks_random() to check. */
struct marked {
	size_t		 lo[64], hi[64], at[64];
	size_t		 n;
};

static void
note_mark(void *ctx, size_t lo, size_t hi, size_t at)
{
	struct marked *m = ctx;

	assert_true(m->n < 64);
	m->lo[m->n] = lo;
	m->hi[m->n] = hi;
	m->at[m->n++] = at;
}

/*
 * text_fold_marks() over texts end to end, the last one against a page the
 * process may not read (and the first just after one), in one to three
 * shares cut anywhere: every text it marks is whole, an ASCII match it
 * reports is there, and every place from which text_fold_has() finds the
 * needle (a text's start, or a place inside it) lies in a marked text.
 */
static void
test_fold_marks_random(void **state)
{
	static const char *const pieces[] = {
		"a", "c", "s", "p", "A", "C", "S", "P", " ", "@", "`", "\xc3\xa9", "\xc3\x89",
		"\xc3\x9f", "\xcc\x81", "\xe2\x80\x8b", "\xce\xa9", "\xff", "\xc3"
	};
	static const char asciiset[] = "acspACSP @`";
	size_t pg = (size_t)sysconf(_SC_PAGESIZE), room = 4 * pg;
	char *map, *s, folded[3 * 2048 + 1], needle[16], *buf = malloc(3 * 2048 + 1);
	uint64_t st = 7;
	size_t c, len, n, i, k, x, cuts[4], nmarked = 0, nsure = 0;

	(void)state;
	map = mmap(NULL, room + 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	assert_true(map != MAP_FAILED && buf != NULL);
	assert_int_equal(mprotect(map, pg, PROT_NONE), 0);
	assert_int_equal(mprotect(map + pg + room, pg, PROT_NONE), 0);
	for (c = 0; c < 4000; c++) {
		char text[2048];
		struct marked m;
		size_t ntexts = 1 + rnd(&st) % 12, t;
		uint32_t rare = (uint32_t[]){ 0, 30, 3 }[rnd(&st) % 3];

		/* the texts, NUL after each (but perhaps the last) */
		for (len = 0, t = 0; t < ntexts; t++) {
			size_t want = rnd(&st) % (rnd(&st) % 8 == 0 ? 300 : 40);

			for (k = 0; k < want && len + 4 < sizeof text; ) {
				const char *p = rare == 0 || rnd(&st) % rare != 0 ? NULL :
				    pieces[rnd(&st) % (sizeof pieces / sizeof *pieces)];

				if (p == NULL) {
					text[len++] = asciiset[rnd(&st) % (sizeof asciiset - 1)];
					k++;
				} else {
					memcpy(text + len, p, strlen(p));
					len += strlen(p);
					k += strlen(p);
				}
			}
			if (t + 1 < ntexts || rnd(&st) % 2 == 0)
				text[len++] = '\0';
		}
		if (len == 0)
			continue;
		/* a needle cut from the texts' fold (ASCII), or made up */
		n = 1 + rnd(&st) % 5;
		x = rnd(&st) % len;
		k = text_fold_into(text + x, strnlen(text + x, len - x), folded);
		for (i = 0; i < n && i < k && (unsigned char)folded[i] < 0x80; i++)
			needle[i] = folded[i];
		if (i < n || rnd(&st) % 4 == 0)
			for (i = 0; i < n; i++)
				needle[i] = "acsp @`"[rnd(&st) % 7];
		needle[n] = '\0';
		/* against the page after, or just after the page before */
		s = rnd(&st) % 2 ? map + pg + room - len : map + pg;
		memcpy(s, text, len);
		cuts[0] = 0;
		for (k = 1; k < 3; k++)
			cuts[k] = rnd(&st) % 2 ? rnd(&st) % (len + 1) : cuts[k - 1];
		cuts[3] = len;
		if (cuts[2] < cuts[1])
			cuts[2] = cuts[1];
		m.n = 0;
		for (k = 0; k < 3; k++)
			if (cuts[k + 1] > cuts[k])
				text_fold_marks(s, len, cuts[k], cuts[k + 1], needle, note_mark, &m);
		for (k = 0; k < m.n; k++) {
			/* a whole text, and a match where it says */
			assert_true(m.lo[k] < m.hi[k] && m.hi[k] <= len);
			assert_true(m.lo[k] == 0 || s[m.lo[k] - 1] == '\0');
			assert_true(m.hi[k] == len || s[m.hi[k]] == '\0');
			assert_null(memchr(s + m.lo[k], 0, m.hi[k] - m.lo[k]));
			if (m.at[k] != (size_t)-1) {
				assert_true(m.at[k] >= m.lo[k] && m.at[k] + n <= m.hi[k]);
				for (i = 0; i < n; i++) {
					unsigned char b = (unsigned char)s[m.at[k] + i];

					assert_int_equal(b >= 'A' && b <= 'Z' ? b + 32 : b,
					    (unsigned char)needle[i]);
				}
				nsure++;
			}
		}
		nmarked += m.n;
		/* every place a match is found from is in a marked text */
		for (x = 0; x < len; x++) {
			size_t end = x + strnlen(s + x, len - x);

			if (s[x] == '\0' || (x > 0 && s[x - 1] != '\0' && rnd(&st) % 8 != 0))
				continue;
			if (!text_fold_has(s + x, end - x, needle, buf))
				continue;
			for (k = 0; k < m.n && !(m.lo[k] <= x && x < m.hi[k]); k++)
				continue;
			if (k == m.n)
				fail_msg("case %zu: \"%s\" is found from %zu, in no marked text", c,
				    needle, x);
		}
	}
	/* it marked texts, and found ASCII matches */
	assert_true(nmarked > 1000 && nsure > 500);
	munmap(map, room + 2 * pg);
	free(buf);
}

static void
test_charset(void **state)
{
	char *out;

	(void)state;
	/* the case of the issue: Xě then ESC [2J; 0x9B would be CSI on an 8-bit terminal */
	expect_ascii("X\xc4\x9b\x1b[2J", "Xe[2J");
	expect_ascii("X\xc2\x9b" "2J", "X2J");
	expect_ascii("S\xc3\xa9gou, M\xc3\xa9NAKA, \xc3\x89 \xc3\x80", "Segou, MeNAKA, E A");
	expect_ascii("\xc3\x86 \xc3\xa6 \xc3\x9f \xc5\x92 \xc5\x93 \xc5\x81\xc3\xb3" "d\xc5\xba",
	    "AE ae ss OE oe Lodz");
	expect_ascii("\xc4\x80\xc4\x81 \xc4\xb9\xc4\xba \xc5\xb9\xc5\xba \xc5\xb8",
	    "Aa Ll Zz Y");
	expect_ascii("Me\xcc\x81naka", "Menaka");		/* decomposed */
	expect_ascii("l\xe2\x80\x99" "arm\xc3\xa9" "e \xc2\xab\xc2\xa0x\xc2\xa0\xc2\xbb "
	    "1\xe2\x80\x93" "2\xe2\x80\xa6", "l'armee \" x \" 1-2...");
	expect_ascii("\xc3\x97\xc3\xb7", "x?");
	/* the help's attribution and --distance's bearing */
	expect_ascii("\xc2\xa9 OSM, 45.2\xc2\xb0", "(c) OSM, 45.2 deg");
	expect_ascii("\xce\xa9 \xe6\x9d\xb1\xe4\xba\xac \xd8\xba", "? ?? ?");
	expect_ascii("a\xff" "b\xe2\x80\xae" "c", "a?bc");	/* U+FFFD, bidi dropped */
	expect_ascii("line one\nline\ttwo\r\n", "line one\nline two \n");
	expect_ascii("", "");
	/* under UTF-8: the sanitiser, line ends kept */
	out = text_for_charset("S\xc3\xa9gou\x1b[2J\nx\xc2\x9b", 14, 4096, 1);
	assert_string_equal(out, "S\xc3\xa9gou[2J\nx");
	free(out);
	/* bounded like text_sanitize() */
	out = text_for_charset("abcdef\nghi", 10, 4, 0);
	assert_string_equal(out, "abcd");
	free(out);
}

/* The locale decides; only LC_CTYPE's charset counts. */
static void
test_locale(void **state)
{
	char *out;

	(void)state;
	if (setlocale(LC_CTYPE, "C") == NULL)
		skip();
	assert_int_equal(text_locale_utf8(), 0);
	out = text_for_locale("Kidal \xe2\x80\x93 Tessalit", 18, 4096);
	assert_string_equal(out, "Kidal - Tessalit");
	free(out);
	if (setlocale(LC_CTYPE, "C.UTF-8") != NULL) {
		assert_int_equal(text_locale_utf8(), 1);
		out = text_for_locale("Kidal \xe2\x80\x93 Tessalit", 18, 4096);
		assert_string_equal(out, "Kidal \xe2\x80\x93 Tessalit");
		free(out);
	}
	setlocale(LC_CTYPE, "C");
}

/* What text_error() writes to stderr, at most 255 bytes. */
static const char *
error_text(const char *arg)
{
	static char buf[256];
	int fd[2], saved = dup(STDERR_FILENO);
	ssize_t n;

	assert_int_equal(pipe(fd), 0);
	fflush(stderr);
	dup2(fd[1], STDERR_FILENO);
	close(fd[1]);
	text_error("%s: bad", arg);
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	n = read(fd[0], buf, sizeof buf - 1);
	close(fd[0]);
	buf[n > 0 ? n : 0] = '\0';
	return buf;
}

/* Messages: one line, no control, bidi or (outside UTF-8) 8-bit byte. */
static void
test_error(void **state)
{
	/* ESC, OSC 52 (set the clipboard), a line end, U+202E, an accent */
	const char *evil = "a\x1b]52;c;QUFB\x07\nsitmap: fake\xe2\x80\xae" "c\xc3\xa9";

	(void)state;
	if (setlocale(LC_CTYPE, "C") == NULL)
		skip();
	assert_string_equal(error_text(evil), "sitmap: a]52;c;QUFB sitmap: fakece: bad\n");
	if (setlocale(LC_CTYPE, "C.UTF-8") != NULL)
		assert_string_equal(error_text(evil),
		    "sitmap: a]52;c;QUFB sitmap: fakec\xc3\xa9: bad\n");
	setlocale(LC_CTYPE, "C");
}

/*
 * The sanitiser's 16-byte scan of printable ASCII gives what its byte-at-a-
 * time one gives: on random text of runs as long as a vector or more, every
 * byte that ends a run (controls, DEL, C1, UTF-8 good and bad, what is
 * dropped) at every place of a load and of the cap, into a buffer of
 * exactly cap bytes (ASan sees a write past it).
 */
static void
test_sanitize_vector_random(void **state)
{
	static const char *const pieces[] = { "\t", "\n", "\r", "\x01", "\x1f", "\x7f",
		"\xc2\x85", "\xc3\xa9", "\xe2\x80\x8b", "\xe2\x80\xae", "\xef\xbb\xbf",
		"\xf0\x9f\x9a\x80", "\xff", "\xc3", "\xe2\x80", "\x80", " ", "~" };
	char text[600], *in, *a, *b;
	uint64_t st = 23;
	size_t len, want, cap, na, nb, run, i;
	int c;

	(void)state;
	for (c = 0; c < 40000; c++) {
		want = rnd(&st) % (rnd(&st) % 4 == 0 ? 500 : 70);
		for (len = 0; len < want; ) {
			if (rnd(&st) % 3 == 0) {
				const char *p = pieces[rnd(&st) % (sizeof pieces / sizeof *pieces)];

				if (len + strlen(p) > sizeof text)
					break;
				memcpy(text + len, p, strlen(p));
				len += strlen(p);
				continue;
			}
			run = rnd(&st) % (rnd(&st) % 4 == 0 ? 80 : 20);
			for (i = 0; i < run && len < sizeof text; i++)
				text[len++] = (char)(0x20 + rnd(&st) % 0x5f);
		}
		cap = rnd(&st) % 2 ? len * 3 + 1 : rnd(&st) % (len + 20);
		in = malloc(len ? len : 1);
		a = malloc(cap ? cap : 1);
		b = malloc(cap ? cap : 1);
		memcpy(in, text, len);
		na = text_sanitize_buf_scalar(in, len, a, cap);
		nb = text_sanitize_buf(in, len, b, cap);
		assert_int_equal(na, nb);
		if (cap > 0)
			assert_memory_equal(a, b, na + 1);
		free(in);
		free(a);
		free(b);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape_sequences),
		cmocka_unit_test(test_invisible_and_bidi),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_decode_encode),
		cmocka_unit_test(test_cut),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_shown),
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_fold_has),
		cmocka_unit_test(test_fold_has_random),
		cmocka_unit_test(test_fold_marks_random),
		cmocka_unit_test(test_sanitize_vector_random),
		cmocka_unit_test(test_charset),
		cmocka_unit_test(test_locale),
		cmocka_unit_test(test_error),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
