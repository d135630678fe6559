/* lineedit.h: a line of UTF-8 text with a cursor and a history, for prompts; no curses here. */
#ifndef SITMAP_LINEEDIT_H
#define SITMAP_LINEEDIT_H

#include <stddef.h>
#include <stdint.h>

/* Bytes of text a line holds, the NUL aside. */
#define LINEEDIT_MAX		1024
/* Entries a history keeps unless told otherwise. */
#define LINEEDIT_HIST_CAP	100

/*
 * A prompt's past answers, oldest first. Several lines (one at a time) may
 * share one: the UI keeps one per kind of prompt, for the session.
 */
struct lineedit_hist;

/* An empty history of at most cap entries (0: LINEEDIT_HIST_CAP). */
struct lineedit_hist	*lineedit_hist_new(size_t cap);
void			 lineedit_hist_free(struct lineedit_hist *);	/* NULL is fine */
/*
 * Adds line as the newest entry, sanitised. An empty line and a repeat of
 * the newest entry are not added; beyond the cap, the oldest is dropped.
 */
void			 lineedit_hist_add(struct lineedit_hist *, const char *line);
size_t			 lineedit_hist_count(const struct lineedit_hist *);
/* Entry i, 0 the oldest; NULL past the end. */
const char		*lineedit_hist_get(const struct lineedit_hist *, size_t i);

/*
 * The line. Its text is always sanitised UTF-8 (text_sanitize(): no
 * control character) and the cursor always sits between two characters,
 * a character being a code point with the combining marks after it: moves,
 * Backspace and Delete never split "e" from a combining acute accent, nor a
 * code point in two.
 */
struct lineedit;

/* An empty line; hist (may be NULL) is borrowed and must outlive it. */
struct lineedit	*lineedit_new(struct lineedit_hist *hist);
void		 lineedit_free(struct lineedit *);	/* NULL is fine */
/* Replaces the text (sanitised, cut to LINEEDIT_MAX on a character); the cursor goes to its end. */
void		 lineedit_set(struct lineedit *, const char *text);
/* The text, NUL-terminated; valid until the next change. */
const char	*lineedit_text(const struct lineedit *);
/* The cursor as a byte offset into the text. */
size_t		 lineedit_cursor(const struct lineedit *);
/* Columns of the text before the cursor (wide characters 2, combining marks 0). */
int		 lineedit_cursor_col(const struct lineedit *);

/*
 * The operations, each returning 1 if it changed the text or moved the
 * cursor, 0 if there was nothing to do (Left at the start, a full line).
 */
int	lineedit_insert(struct lineedit *, uint32_t cp);	/* refuses controls */
int	lineedit_insert_text(struct lineedit *, const char *s);	/* what fits, sanitised */
int	lineedit_left(struct lineedit *);
int	lineedit_right(struct lineedit *);
int	lineedit_home(struct lineedit *);
int	lineedit_end(struct lineedit *);
int	lineedit_backspace(struct lineedit *);		/* the character before the cursor */
int	lineedit_delete(struct lineedit *);		/* the character under the cursor */
/* Kills keep the text they remove for lineedit_yank(), as readline does. */
int	lineedit_kill_start(struct lineedit *);		/* Ctrl-U: start .. cursor */
int	lineedit_kill_end(struct lineedit *);		/* Ctrl-K: cursor .. end */
int	lineedit_kill_word(struct lineedit *);		/* Ctrl-W: blanks, then a word before the cursor */
int	lineedit_yank(struct lineedit *);		/* Ctrl-Y: the last kill, at the cursor */
/*
 * History: Up shows the previous entry, Down the next; past the newest
 * comes back the line that was being edited, as it was. An entry recalled
 * and edited is edited as a new line (the history keeps the original).
 */
int	lineedit_hist_prev(struct lineedit *);
int	lineedit_hist_next(struct lineedit *);
/* Enter: adds the text to the history, ends any walk in it and returns the text. */
const char *lineedit_accept(struct lineedit *);

/*
 * One key (keys.h): Left/Right (and Ctrl-B/Ctrl-F), Home/End (Ctrl-A/
 * Ctrl-E), Backspace, Delete (and Ctrl-D), Ctrl-U, Ctrl-K, Ctrl-W, Ctrl-Y,
 * Up/Down (Ctrl-P/Ctrl-N) and printable characters. Returns 0 for a key
 * that is not the line's (Enter, Esc, Tab, ...: the caller's), else
 * LINEEDIT_USED, with LINEEDIT_CHANGED if the text changed.
 */
#define LINEEDIT_USED		0x1
#define LINEEDIT_CHANGED	0x2
int	lineedit_key(struct lineedit *, int key);

/*
 * What a prompt shows in width columns: the bytes text[from .. to) and the
 * cursor at column col (0 .. width - 1) of them. The window scrolls only
 * when the cursor would leave it, keeps a column for the cursor past the
 * end, never starts or ends inside a character, and shows as much of the
 * text as fits. more_left, more_right: text is hidden on that side.
 */
struct lineedit_view {
	size_t	from, to;
	int	col;
	int	more_left, more_right;
};
void	lineedit_view(struct lineedit *, int width, struct lineedit_view *);

#endif
