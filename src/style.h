/* style.h: the one list of semantic styles and place statuses. */
#ifndef SITMAP_STYLE_H
#define SITMAP_STYLE_H

/* Drawing styles; sinks map them to colours (or to nothing). Later ones win a shared cell. */
enum style {
	STYLE_NONE = 0,
	STYLE_NEIGHBOUR,	/* neighbouring countries, dim */
	STYLE_WATER,		/* lakes and river banks */
	STYLE_RIVER,
	STYLE_REGION,		/* Mali's region borders */
	STYLE_BORDER,		/* Mali's outline */
	STYLE_MAP,		/* user-supplied layers */
	STYLE_MOVE,		/* movement lines */
	STYLE_LABEL,
	STYLE_DIM,		/* secondary text */
	STYLE_TITLE,
	STYLE_PANEL,
	STYLE_HIGHLIGHT,	/* the timeline's cursor, the status-line message */
	STYLE_CURRENT,		/* the current event's place: reverse video */
	STYLE_SELECTED,		/* the selected place: underlined, and [bracketed] */
	STYLE_UN,		/* status styles from here on */
	STYLE_WITHDRAW,
	STYLE_ARMY,
	STYLE_REBEL,
	STYLE_ATTACK,
	STYLE_CONTESTED,
	STYLE_CLOSED,
	STYLE_PLANNED,
	STYLE_COUNT
};

/*
 * Place statuses: the vocabulary of data/events.csv. Each has a distinct
 * glyph so that a screen without colour still tells them apart. The held-by
 * statuses name the class of the holder (ACLED's actor types), so that the
 * legend of a control map says who holds what; an import sets them from
 * territorial sub-event types, and events.csv may use them too. The labels
 * name no one: a scenario names its own actors (status_set_label()).
 */
#define STATUS_LIST \
	X(NONE,		"none",		  "place",		     'o', 0x00B7, STYLE_LABEL) \
	X(UN_CAMP,	"un-camp",	  "UN camp",		     'U', 0x25A0, STYLE_UN) \
	X(UN_WITHDRAWING, "un-withdrawing", "UN withdrawing",	     'W', 0x25A1, STYLE_WITHDRAW) \
	X(HANDED,	"handed-to-army", "handed to the army",	     'H', 0x25B2, STYLE_ARMY) \
	X(ARMY,		"army-held",	  "army-held",		     'A', 0x25B3, STYLE_ARMY) \
	X(REBELS,	"taken-by-rebels", "held by rebels",	     'R', 0x25C6, STYLE_REBEL) \
	X(RETAKEN,	"retaken-by-army", "retaken by the army",    'T', 0x25B4, STYLE_ARMY) \
	X(ATTACKED,	"attacked",	  "attacked that day",	     '!', 0x2716, STYLE_ATTACK) \
	X(CONTESTED,	"contested",	  "contested / no holder",   '?', 0x25C8, STYLE_CONTESTED) \
	X(CLOSED,	"closed",	  "UN mission closed",	     'x', 0x00D7, STYLE_CLOSED) \
	X(HELD_REBEL,	"held-by-rebel-group", "held by a rebel group", 'G', 0x25BC, STYLE_REBEL) \
	X(HELD_POLITICAL, "held-by-political-militia", "held by a political militia", 'M', \
	    0x25BD, STYLE_REBEL) \
	X(HELD_IDENTITY, "held-by-identity-militia", "held by an identity militia", 'I', \
	    0x25CA, STYLE_REBEL) \
	X(HELD_NON_STATE, "held-by-non-state", "held by a non-state group", 'N', 0x25C7, \
	    STYLE_REBEL) \
	X(BASE,		"base",		  "armed group's base",	     'B', 0x25CE, STYLE_REBEL)

enum status {
#define X(id, name, label, ascii, glyph, style) STATUS_##id,
	STATUS_LIST
#undef X
	STATUS_COUNT
};

#endif
