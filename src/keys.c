/* keys.c: the escape sequences of the keys that are not characters. */
#include "keys.h"

#include <string.h>

#define ESC	"\033"

const struct keys_seq keys_seqs[] = {
	/* arrows: normal mode (VT100, rxvt, Linux), then application mode */
	{ ESC "[A", KEYC_UP },		{ ESC "OA", KEYC_UP },
	{ ESC "[B", KEYC_DOWN },	{ ESC "OB", KEYC_DOWN },
	{ ESC "[C", KEYC_RIGHT },	{ ESC "OC", KEYC_RIGHT },
	{ ESC "[D", KEYC_LEFT },	{ ESC "OD", KEYC_LEFT },
	/* shifted arrows: xterm (and tmux, screen), then rxvt */
	{ ESC "[1;2A", KEYC_SUP },	{ ESC "[a", KEYC_SUP },
	{ ESC "[1;2B", KEYC_SDOWN },	{ ESC "[b", KEYC_SDOWN },
	{ ESC "[1;2C", KEYC_SRIGHT },	{ ESC "[c", KEYC_SRIGHT },
	{ ESC "[1;2D", KEYC_SLEFT },	{ ESC "[d", KEYC_SLEFT },
	/* Home, End: xterm normal and application mode, VT220 Find/Select (Linux, tmux), rxvt */
	{ ESC "[H", KEYC_HOME },	{ ESC "OH", KEYC_HOME },
	{ ESC "[1~", KEYC_HOME },	{ ESC "[7~", KEYC_HOME },
	{ ESC "[F", KEYC_END },		{ ESC "OF", KEYC_END },
	{ ESC "[4~", KEYC_END },	{ ESC "[8~", KEYC_END },
	/* VT220 editing keypad */
	{ ESC "[5~", KEYC_PGUP },	{ ESC "[6~", KEYC_PGDN },
	{ ESC "[3~", KEYC_DELETE },
	{ ESC "[Z", KEYC_BTAB },
	/* Enter on the numeric keypad in application mode */
	{ ESC "OM", KEYC_ENTER },
};
const size_t keys_nseqs = sizeof keys_seqs / sizeof keys_seqs[0];

int
keys_lookup(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < keys_nseqs; i++)
		if (strlen(keys_seqs[i].seq) == len && memcmp(keys_seqs[i].seq, s, len) == 0)
			return keys_seqs[i].key;
	return KEYC_NONE;
}
