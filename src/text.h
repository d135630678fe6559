/* text.h: the one sanitiser for every string that may reach a terminal or a dump. */
#ifndef SITMAP_TEXT_H
#define SITMAP_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/*
 * Returns an allocated, NUL-terminated copy of s[0..len) that is valid UTF-8
 * and holds no control characters: invalid bytes become U+FFFD; TAB, CR and
 * LF become a space; C0, DEL, C1, bidi controls (U+061C, U+200E, U+200F,
 * U+202A-U+202E, U+2066-U+2069), zero-width and line/paragraph separators,
 * U+FEFF and U+FFF9-U+FFFB are dropped. At most max_bytes bytes are kept
 * (cut on a character boundary). Never fails except by dying on OOM.
 */
char	*text_sanitize(const char *s, size_t len, size_t max_bytes);
/* The same into out (cap bytes, NUL included); returns the length written. */
size_t	 text_sanitize_buf(const char *s, size_t len, char *out, size_t cap);
/* For tests: the same a byte at a time, the reference of the usual 16 at a time. */
size_t	 text_sanitize_buf_scalar(const char *s, size_t len, char *out, size_t cap);

/* Decodes one UTF-8 character from s (at most len bytes); returns bytes used (>= 1), cp = 0xFFFD if invalid. */
size_t	 text_decode(const char *s, size_t len, uint32_t *cp);
/* Encodes cp into buf (4 bytes); returns bytes written. */
size_t	 text_encode(uint32_t cp, char *buf);
/*
 * Display columns of one code point, as the C library's wcwidth() gives them
 * in a UTF-8 LC_CTYPE (the program's when it is UTF-8, else C.UTF-8), which
 * is what curses and terminals use: 0 (combining marks, format and
 * zero-width characters, variation selectors), 1, or 2 (wide: CJK, most
 * emoji). A code point the C library does not know (unassigned, or newer
 * than its Unicode) is 1: it is shown as U+FFFD (text_cp_shown()).
 */
int	 text_cp_width(uint32_t cp);
/* cp as it is shown: itself, or U+FFFD for one the C library has no width for. */
uint32_t text_cp_shown(uint32_t cp);
/*
 * A code point as ASCII, as text_for_charset() writes it, into out (4
 * bytes): é -> e, Æ -> AE, ’ -> ', © -> (c), ° -> " deg", else '?'; 0
 * for a combining mark. Returns the bytes (columns) written.
 */
size_t	 text_cp_ascii(uint32_t cp, char out[4]);
/* Display columns of a sanitised string (the sum of text_cp_width()). */
int	 text_width(const char *s);
/*
 * Sets *why to an allocated 'what "S" tail' where S is s[0..len) cut to 64
 * bytes and sanitised: for error messages that quote input. Returns -1.
 */
int	 text_quote_error(char **why, const char *what, const char *s, size_t len,
	    const char *tail);
/* Folds for search: lower case, accents removed from Latin letters (é -> e). Allocated. */
char	*text_fold(const char *s);
/* The same into out, which has room for 3 * len + 1 bytes; returns the length. */
size_t	 text_fold_into(const char *s, size_t len, char *out);
/*
 * 1 if s[0..len) folded contains folded (text_fold()ed), as strstr() on
 * text_fold_into()'s output finds it, 0 if not; buf has room for 3 * len + 1
 * bytes. ASCII is searched in place, case ignored, 16 bytes at a time;
 * text that is not ASCII (or a needle that is not) is folded into buf.
 */
int	 text_fold_has(const char *s, size_t len, const char *folded, char *buf);
/*
 * For one search over many texts at once: s[0..len) holds NUL-terminated
 * texts end to end. Calls mark(ctx, lo, hi, at) for each text s[lo..hi)
 * (hi: its NUL, or len) in which text_fold_has() may find folded: at is
 * where it holds an ASCII match of it (the first that was looked at), or
 * (size_t)-1 for a byte >= 0x80 (which only the whole fold can tell). A text
 * not marked holds no match, from whichever of its places it is read. Only
 * s[from..to) is looked at (a thread's share: a text that runs over either
 * end is marked whole). folded: ASCII, not empty.
 */
void	 text_fold_marks(const char *s, size_t len, size_t from, size_t to,
	    const char *folded, void (*mark)(void *ctx, size_t lo, size_t hi, size_t at),
	    void *ctx);

/*
 * Text output follows the locale's charset. Under UTF-8 (LC_CTYPE, after
 * setlocale()), text_sanitize() line by line (line ends are kept, other
 * controls go as there); otherwise the sanitised text as
 * ASCII, never a byte >= 0x80 (on an 8-bit terminal 0x9B is CSI): Latin
 * letters lose their accents and keep their case (é -> e, Œ -> OE,
 * ß -> ss), common punctuation becomes its ASCII look-alike (’ -> ',
 * « -> ", – -> -, … -> ...), combining marks go, and anything else is
 * '?'. Every text that sitmap prints (--list-events, --distance, error
 * messages) goes through one of these; the frames (canvas) do the same per
 * cell. Under UTF-8, a code point the C library does not know becomes
 * U+FFFD and variation selectors (U+FE0E, U+FE0F) go, so that what is
 * printed is as wide on every terminal as text_width() says. max_bytes
 * bounds the sanitised text, as for text_sanitize().
 */
int	 text_locale_utf8(void);
/* The same as text_for_locale() for a charset given: utf8 or ASCII. Allocated. */
char	*text_for_charset(const char *s, size_t len, size_t max_bytes, int utf8);
/* s[0..len) sanitised and fit for the locale's charset. Allocated. */
char	*text_for_locale(const char *s, size_t len, size_t max_bytes);
/* fputs() of text_for_locale(s): for --help, --keys and the reports. */
int	 text_fputs(const char *s, FILE *fp);

/* The longest message text_error() prints, in bytes. */
#define TEXT_MESSAGE_MAX	8192
/*
 * The one door to standard error: "sitmap: ", then fmt's text made one
 * line by text_sanitize() (so a line end or an escape in a file name is
 * harmless) and fit for the locale's charset, then a line end. Every
 * message goes through it, whatever it quotes.
 */
void	 text_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/*
 * Progress on long work: "sitmap: TEXT" on standard error, rewritten in
 * place, when standard error is a terminal (nothing otherwise); NULL
 * erases it. text_error() erases it before its message.
 */
void	 text_status(const char *text);

#endif
