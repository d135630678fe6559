/* render.h: a scene (layers, places, the moment, panels) drawn onto a canvas. */
#ifndef SITMAP_RENDER_H
#define SITMAP_RENDER_H

#include <stddef.h>
#include "canvas.h"
#include "geo.h"
#include "label.h"
#include "layout.h"
#include "listview.h"
#include "places.h"
#include "timeline.h"
#include "viewport.h"

struct map_layer {
	struct geo_layer *geo;		/* projected metres */
	enum style	 style;
	int		 visible;
	const char	*title;		/* for the layers list */
	/*
	 * A layer of towns is not drawn as dots: its points, in the order of
	 * their rank (capitals, then by population: load.c sorts them), get
	 * a marker and a label where they fit, after the data's own labels;
	 * the label is field "name" ("name_ascii" in ASCII frames), a capital
	 * has fcode "PPLC".
	 */
	int		 towns;
};

/*
 * What the viewer shows: the moment and the state of every place then,
 * which events count, where the map looks, what is selected and open. The
 * viewer owns one and changes it; a scene points to it.
 */
struct view {
	/* the moment: only the viewer's set_moment() writes it */
	day_t		 day;		/* the map shows the end of this day */
	int		 month;		/* shown as its month (day is the month's last) */
	int		 have_day;	/* 0 only without events */
	struct stop	 stop;		/* the current stop: the panel's event */
	int		 have_stop;
	size_t		 reached;	/* events (that match) reached by then */
	enum status	*status;	/* per place, at the end of day */
	unsigned char	*attacked;	/* per place: attacked that very day */
	/*
	 * Aggregate mode, for imported event data with no statuses: events
	 * in the window (days before the current day, 0 = all so far) that
	 * pass the filter are counted per cell. With statuses, the window
	 * narrows the timeline strip and the filter the events it counts.
	 */
	int		 aggregate;
	int		 window_days;
	char		*filter;	/* folded, as shown; NULL: none */
	unsigned char	*match;		/* per event, 1 if it passes the filter; NULL: all */
	size_t		 nmatch;	/* events that pass it */
	/*
	 * Where the map looks: the frame's regions for its size and toggles,
	 * and the viewport, whose area is the layout's map region.
	 */
	struct layout	 layout;	/* frames of another size use render_layout()'s */
	struct viewport	 vp;
	size_t		 selected;	/* selected place or (size_t)-1 */
	int		 show_panel, show_legend, show_layers;
};

/*
 * What a frame's map shows, for tests, tools and a click: one entry per
 * site in the map region, or, in an aggregate frame, per marked cell.
 */
struct render_site {
	size_t		 group;		/* the site: its index in mark_groups_new()'s groups;
					   (size_t)-1 in an aggregate frame */
	size_t		 place;		/* the place its marker and label name */
	unsigned	 events;	/* aggregate: the events its cell counts (else 0) */
	unsigned	 places;	/* aggregate: the places they are at (else 0) */
	int		 placed;	/* its marker is drawn: cells mcol .. mcol + mwidth - 1 of mrow */
	int		 mcol, mrow, mwidth;
	size_t		 shown_by;	/* the site (index into sites) whose label names or
					   counts it, itself when labelled; (size_t)-1: none */
	int		 labelled;	/* its own label is drawn from (lcol, lrow) */
	int		 lcol, lrow;
	char		 label[200];	/* as drawn, UTF-8 */
};

struct render_report {
	struct layout	 layout;
	struct render_site *sites;	/* allocated; free() it */
	size_t		 nsites;
	/*
	 * The overlay's lines as wrapped below its title, the rows that show
	 * them, and the first shown (0-based; the scene's overlay_top, within
	 * bounds): a help longer than the body scrolls.
	 */
	int		 overlay_lines, overlay_rows, overlay_top;
};

/* A frame to draw: the data, the view, and what the frame adds to them. */
struct scene {
	struct map_layer *layers;
	size_t		 nlayers;
	const struct places *places;	/* may be NULL */
	const struct timeline *tl;	/* may be NULL */
	const struct mark_groups *groups;	/* the places' sites; NULL: made for the frame */
	const struct view *view;
	/* the current event's movement, a projected polyline (NULL: none) */
	const struct geo_pt *move;
	size_t		 nmove;
	const char	*title;		/* e.g. "sitmap: Mali" */
	const char	*attribution;	/* NULL: none; "": the bundled Mali layers' sources; else its text */
	const char	*overlay;	/* text over the map (help), lines separated by
					   '\n'; NULL: none */
	int		 overlay_top;	/* the overlay's first line below its title shown,
					   when it does not fit (0: from the top) */
	/*
	 * A list over everything between the title and the strip (the events,
	 * a site's history), in place of the map: its title row (the
	 * title at the left, keys at the right when they fit, the cursor's
	 * position), then the list's window, list_cols wide (0: the whole
	 * width) and centred. The caller sizes the window first
	 * (listview_resize(): the rows between the title and the strip, less
	 * one). NULL: none.
	 */
	const struct listview *list;
	const char	*list_title, *list_keys;
	int		 list_cols;
	/*
	 * The viewer's status, never part of a dump or a screenshot: NULL in
	 * them. message: on the footer after the scale bar (or in its place);
	 * several lines ('\n'), or one too wide for the row, on the rows
	 * above the footer. status: its state at the footer's right end (the
	 * play state). popup: lines over the rows above the footer, left, the
	 * first highlighted (a prompt's matches as they are typed).
	 */
	const char	*message;
	const char	*status;
	const char	*popup;
	struct render_report *report;	/* filled when not NULL */
};

/*
 * Completes what a layout depends on with what the data may show: whether
 * there is a timeline strip and a panel (events), and the legend's entries
 * (the statuses the data uses, planned marks, movements, sites, clusters).
 * The caller sets cols, rows, panel, legend and aspect first.
 */
void	render_want(const struct places *, const struct timeline *, int aggregate,
	    struct layout_want *);
/* Legend lines the layers add to render_want()'s: a town and a capital, with a layer of towns. */
int	render_towns_lines(const struct map_layer *, size_t n);
/* The scene's layout for a frame of cols x rows, the home extent's shape unknown. */
void	render_layout(const struct scene *, int cols, int rows, struct layout *);
/*
 * The day a click on column col of a frame cols wide falls on, where the
 * timeline strip shows it (the last day of that column, so that the strip's
 * cursor lands on it): 0, or -1 when the column is outside the strip or
 * there is no strip.
 */
int	render_strip_day(const struct timeline *, const struct view *, int cols, int col,
	    day_t *day);
/*
 * Draws the whole frame. The canvas is cleared first. The regions are the
 * view's layout when it is for the canvas's size, else render_layout()'s.
 */
void	render_scene(struct canvas *, const struct scene *);

#endif
