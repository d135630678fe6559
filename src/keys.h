/* keys.h: our key codes, and the escape sequences every terminal sends for them; no curses here. */
#ifndef SITMAP_KEYS_H
#define SITMAP_KEYS_H

#include <stddef.h>

/*
 * A key is a Unicode code point (a control character for Ctrl-A .. Ctrl-Z
 * except those below) or one of these, above every code point.
 */
enum {
	KEYC_NONE = 0,
	KEYC_BASE = 0x110000,		/* above every Unicode code point */
	KEYC_LEFT, KEYC_RIGHT, KEYC_UP, KEYC_DOWN,
	KEYC_SLEFT, KEYC_SRIGHT, KEYC_SUP, KEYC_SDOWN,
	KEYC_HOME, KEYC_END, KEYC_PGUP, KEYC_PGDN,
	KEYC_TAB, KEYC_BTAB, KEYC_ENTER, KEYC_ESC, KEYC_BACKSPACE,
	KEYC_CTRL_C,
	KEYC_DELETE,
};

/* Ctrl and a letter, as the terminal sends it: KEYC_CTRL('a') is 1. */
#define KEYC_CTRL(c)	((c) & 0x1f)

/*
 * The escape sequences of the keys above as xterm, rxvt, the VT220, the
 * Linux console, screen and tmux send them, in normal and application
 * (keypad) mode, whatever the terminfo entry of TERM says: inside tmux with
 * TERM=xterm-256color, Home arrives as "\033[1~" where terminfo says
 * "\033OH". The UI registers each one with the curses library (as htop's
 * CRT_init() does with define_key()). No sequence is a prefix of another.
 */
struct keys_seq {
	const char	*seq;
	int		 key;		/* KEYC_* */
};
extern const struct keys_seq keys_seqs[];
extern const size_t keys_nseqs;

/* The key that s[0..len) is the whole sequence of, or KEYC_NONE. */
int	keys_lookup(const char *s, size_t len);

#endif
