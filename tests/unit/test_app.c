/*
 * test_app.c: the action table. Every action is one row, found by its id;
 * its handler takes what it does from its own row; the flags app_apply()
 * reads are the ones each action needs. So a row added anywhere in the
 * table (or the enum) changes no other action. Runs from the repository
 * root, on the bundled data.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "keys.h"
#include "canvas.h"
#include "report.h"
#include "cache.h"

static int
rows_with_id(enum action id)
{
	size_t i;
	int n = 0;

	for (i = 0; i < app_nactions; i++)
		n += app_actions[i].id == id;
	return n;
}

/* One row per action, found by its id wherever it stands, with a handler and a text. */
static void
every_action_has_one_row(void **state)
{
	int a;

	(void)state;
	assert_int_equal(app_nactions, ACT_COUNT);
	for (a = 0; a < ACT_COUNT; a++) {
		const struct action_entry *e = app_action((enum action)a);

		assert_non_null(e);
		assert_int_equal(e->id, a);
		assert_int_equal(rows_with_id((enum action)a), 1);
		assert_non_null(e->fn);
		assert_non_null(e->text);
		assert_true(e->text[0] != '\0');
	}
	assert_null(app_action(ACT_COUNT));
}

/*
 * The table is not in the enum's order (ACT_NONE, the enum's first, is
 * its last row): code that took a row by position would find another
 * action's. app_action() finds each row where it stands.
 */
static void
lookup_is_by_id(void **state)
{
	size_t i;

	(void)state;
	assert_int_not_equal(app_actions[0].id, ACT_NONE);
	for (i = 0; i < app_nactions; i++)
		assert_ptr_equal(app_action(app_actions[i].id), &app_actions[i]);
}

/* Exactly the actions that should have a flag have it. */
static void
flags_are_the_rows(void **state)
{
	static const enum action moves[] = { ACT_PAN_LEFT, ACT_PAN_RIGHT, ACT_PAN_UP,
	    ACT_PAN_DOWN, ACT_PAN_LEFT_BIG, ACT_PAN_RIGHT_BIG, ACT_PAN_UP_BIG,
	    ACT_PAN_DOWN_BIG, ACT_ZOOM_IN, ACT_ZOOM_OUT, ACT_ZOOM_SELECTED };
	static const enum action needs[] = { ACT_NEXT_EVENT, ACT_PREV_EVENT,
	    ACT_FIRST_EVENT, ACT_LAST_EVENT, ACT_JUMP_DATE, ACT_NEXT_DAY, ACT_PREV_DAY,
	    ACT_NEXT_WEEK, ACT_PREV_WEEK, ACT_NEXT_MONTH, ACT_PREV_MONTH, ACT_PLAY,
	    ACT_FILTER, ACT_WINDOW, ACT_EVENTS };
	size_t i, k;

	(void)state;
	for (i = 0; i < app_nactions; i++) {
		const struct action_entry *e = &app_actions[i];
		int moving = 0, needing = 0;

		for (k = 0; k < sizeof moves / sizeof moves[0]; k++)
			moving |= e->id == moves[k];
		for (k = 0; k < sizeof needs / sizeof needs[0]; k++)
			needing |= e->id == needs[k];
		assert_int_equal(!!(e->flags & ACTF_MOVES_VIEW), moving);
		assert_int_equal(!!(e->flags & ACTF_NEEDS_EVENTS), needing);
		/* only quit and Ctrl-L act through help; only s and Ctrl-L keep the message */
		assert_int_equal(!!(e->flags & ACTF_OVER_OVERLAY), e->id == ACT_QUIT ||
		    e->id == ACT_REDRAW);
		assert_int_equal(!!(e->flags & ACTF_KEEPS_MESSAGE), e->id == ACT_SCREENSHOT ||
		    e->id == ACT_REDRAW);
		/* the list's actions, and only they, are bound in a list */
		assert_int_equal(!!(e->flags & ACTF_IN_LIST), e->id >= ACT_LIST_DOWN &&
		    e->id <= ACT_LIST_CLOSE);
		for (k = 0; k < keymap_nkeys; k++)
			if (keymap_keys[k].action == e->id)
				assert_int_equal(keymap_keys[k].ctx == KEYCTX_LIST,
				    !!(e->flags & ACTF_IN_LIST));
		assert_int_equal(!!(e->flags & ACTF_NOT_IN_HELP), e->id == ACT_CLOSE);
	}
}

/* Every key names an action of the table; every action but NONE has a key. */
static void
keymap_names_rows(void **state)
{
	size_t i, k;

	(void)state;
	for (k = 0; k < keymap_nkeys; k++)
		assert_non_null(app_action(keymap_keys[k].action));
	for (i = 0; i < app_nactions; i++) {
		int bound = 0;

		for (k = 0; k < keymap_nkeys; k++)
			bound |= keymap_keys[k].action == app_actions[i].id;
		assert_int_equal(bound, app_actions[i].id != ACT_NONE);
	}
}

static struct app *
new_app(void)
{
	struct app_options o;
	struct canvas *cv = canvas_new(100, 40, CANVAS_BRAILLE);
	struct app *app;
	char *cause = NULL;
	int status;

	memset(&o, 0, sizeof o);
	o.load.data_dir = ".";
	o.load.format = -1;
	o.mode = CANVAS_BRAILLE;
	o.date = "2023-10-07";
	if ((app = app_new(&o, &status, &cause)) == NULL) {
		fprintf(stderr, "%s\n", cause);
		fail();
	}
	/* the first frame fits the view */
	app_render(app, cv);
	canvas_free(cv);
	return app;
}

/* Each pan moves the centre by its own row's direction and step, whatever its place. */
static void
pans_follow_their_rows(void **state)
{
	struct app *app = new_app();
	size_t i;

	(void)state;
	for (i = 0; i < app_nactions; i++) {
		const struct action_entry *e = &app_actions[i];
		struct viewport before = app_view(app)->vp;
		const struct viewport *after = &app_view(app)->vp;
		double w = before.w_px * before.m_per_px, h = before.h_px * before.m_per_px;

		if (e->fn != app_action(ACT_PAN_LEFT)->fn)
			continue;
		assert_int_equal(app_apply(app, e->id), APP_REDRAW);
		/* east is +x; down the screen is south, -y */
		assert_true(fabs(after->cx_m - (before.cx_m + e->dx * w * e->step)) < 1e-6 * w);
		assert_true(fabs(after->cy_m - (before.cy_m - e->dy * h * e->step *
		    before.px_aspect)) < 1e-6 * h * before.px_aspect);
		assert_true(e->step == 0.1 || e->step == 0.4);
	}
	/* and the rows say what their names say */
	assert_int_equal(app_action(ACT_PAN_LEFT)->dx, -1);
	assert_int_equal(app_action(ACT_PAN_DOWN_BIG)->dy, 1);
	assert_true(app_action(ACT_PAN_UP_BIG)->step > app_action(ACT_PAN_UP)->step);
	app_free(app);
}

/* Steps in time move the moment by their row's days or months. */
static void
time_steps_follow_their_rows(void **state)
{
	static const enum action steps[] = { ACT_NEXT_DAY, ACT_PREV_DAY, ACT_NEXT_WEEK,
	    ACT_PREV_WEEK };
	struct app *app = new_app();
	size_t k;

	(void)state;
	for (k = 0; k < sizeof steps / sizeof steps[0]; k++) {
		day_t before = app_view(app)->day;

		app_apply(app, steps[k]);
		assert_int_equal(app_view(app)->day, before + app_action(steps[k])->days);
	}
	assert_int_equal(app_action(ACT_NEXT_WEEK)->days, 7);
	assert_int_equal(app_action(ACT_PREV_MONTH)->months, -1);
	app_free(app);
}

/* While help is shown, an action only closes it; quit acts through it. */
static void
overlay_takes_a_key(void **state)
{
	struct app *app = new_app();
	struct viewport before;

	(void)state;
	assert_int_equal(app_apply(app, ACT_HELP), APP_REDRAW);
	before = app_view(app)->vp;
	assert_int_equal(app_apply(app, ACT_PAN_LEFT), APP_REDRAW);
	assert_true(app_view(app)->vp.cx_m == before.cx_m);
	/* closed: the same key now pans */
	app_apply(app, ACT_PAN_LEFT);
	assert_true(app_view(app)->vp.cx_m < before.cx_m);
	app_apply(app, ACT_HELP);
	assert_int_equal(app_apply(app, ACT_QUIT), APP_QUIT);
	app_free(app);
}

/* A toggle flips the one view flag its row names. */
static void
toggles_flip_their_flag(void **state)
{
	struct app *app = new_app();
	struct view v = *app_view(app);

	(void)state;
	app_apply(app, ACT_TOGGLE_LEGEND);
	assert_int_equal(app_view(app)->show_legend, !v.show_legend);
	assert_int_equal(app_view(app)->show_panel, v.show_panel);
	assert_int_equal(app_view(app)->show_layers, v.show_layers);
	app_apply(app, ACT_TOGGLE_LAYERS);
	assert_int_equal(app_view(app)->show_layers, !v.show_layers);
	assert_int_equal(app_view(app)->show_panel, v.show_panel);
	app_free(app);
}


/* The place of a name in the bundled data. */
static size_t
place_named(struct app *app, const char *name)
{
	const struct view *v = app_view(app);
	size_t i;

	(void)v;
	assert_int_equal(app_apply(app, ACT_SEARCH), APP_PROMPT);
	app_prompt_answer(app, name);
	i = app_view(app)->selected;
	assert_true(i != (size_t)-1);
	return i;
}

/* In a list, j, G, Enter are the list's; once closed, the map's again. */
static void
list_keys_come_first(void **state)
{
	struct app *app = new_app();
	struct viewport before = app_view(app)->vp;

	(void)state;
	assert_int_equal(app_key(app, 'j'), ACT_PAN_DOWN);
	app_press(app, 'E');
	assert_int_equal(app_key(app, 'j'), ACT_LIST_DOWN);
	assert_int_equal(app_key(app, KEYC_ENTER), ACT_LIST_JUMP);
	/* a map key the list has not closes it, and does nothing else */
	assert_int_equal(app_key(app, 'y'), ACT_TOGGLE_LAYERS);
	app_press(app, 'y');
	assert_int_equal(app_view(app)->show_layers, 0);
	assert_int_equal(app_key(app, 'j'), ACT_PAN_DOWN);
	/* E, G, Enter: the last event, whatever the date was */
	app_press(app, 'E');
	app_press(app, 'G');
	app_press(app, KEYC_ENTER);
	assert_int_equal(app_view(app)->stop.ev, 56);
	assert_true(strstr(app_message_text(app), app_event_id(app)) != NULL);
	/* list keys out of a list do nothing */
	assert_int_equal(app_apply(app, ACT_LIST_DOWN), 0);
	(void)before;
	app_free(app);
}

/* Following: n keeps the event's place in view, pans only when it would leave it; F stops it. */
static void
follow_keeps_the_place_in_view(void **state)
{
	struct app *app = new_app();
	const struct view *v = app_view(app);
	struct report_view rv;
	int k, moved = 0, still = 0;

	(void)state;
	app_report_view(app, &rv, 1);
	for (k = 0; k < 6; k++)
		app_apply(app, ACT_ZOOM_IN);
	for (k = 0; k < 25; k++) {
		struct viewport before = v->vp;
		struct geo_bbox b, was;
		const struct event *ev;
		const struct place *p;

		vp_bbox(&before, &was);
		app_apply(app, ACT_NEXT_EVENT);
		ev = &rv.tl->events[v->stop.ev];
		if (ev->place >= rv.places->n)
			continue;
		p = &rv.places->v[ev->place];
		vp_bbox(&v->vp, &b);
		assert_true(p->xy.x >= b.x0 && p->xy.x <= b.x1 && p->xy.y >= b.y0 &&
		    p->xy.y <= b.y1);
		/* in view already: the map did not move */
		if (p->xy.x >= was.x0 && p->xy.x <= was.x1 && p->xy.y >= was.y0 &&
		    p->xy.y <= was.y1) {
			assert_true(before.cx_m == v->vp.cx_m && before.cy_m == v->vp.cy_m);
			still = 1;
		} else {
			moved = 1;
		}
	}
	assert_true(moved && still);
	/* F: the view stays */
	app_apply(app, ACT_FOLLOW);
	{
		struct viewport before = v->vp;

		for (k = 0; k < 10; k++)
			app_apply(app, ACT_NEXT_EVENT);
		assert_true(before.cx_m == v->vp.cx_m && before.cy_m == v->vp.cy_m);
	}
	app_free(app);
}

/* Space at the end plays again from the first event; the pace's ends say so. */
static void
play_restarts_at_the_end(void **state)
{
	struct app *app = new_app();
	int k, delay;

	(void)state;
	app_apply(app, ACT_LAST_EVENT);
	app_apply(app, ACT_PLAY);
	assert_true(app_playing(app, &delay));
	assert_int_equal(app_view(app)->stop.ev, 0);
	assert_non_null(strstr(app_message_text(app), "from the first event"));
	for (k = 0; k < 8; k++)
		app_apply(app, ACT_FASTER);
	assert_non_null(strstr(app_message_text(app), "(fastest)"));
	for (k = 0; k < 12; k++)
		app_apply(app, ACT_SLOWER);
	assert_non_null(strstr(app_message_text(app), "(slowest)"));
	app_free(app);
}

/* 1-9 toggle the layers, for the session; a digit past the last says so. */
static void
digits_toggle_layers(void **state)
{
	struct app *app = new_app();

	(void)state;
	assert_int_equal(app_press(app, '1'), APP_REDRAW);
	assert_non_null(strstr(app_message_text(app), "layer 1, "));
	assert_non_null(strstr(app_message_text(app), ": off"));
	app_press(app, '1');
	assert_non_null(strstr(app_message_text(app), ": on"));
	app_press(app, '9');
	assert_non_null(strstr(app_message_text(app), "no layer 9"));
	app_free(app);
}

/* m, then another place: the geodesic distance; @: a --dump command of the view. */
static void
measure_and_where(void **state)
{
	struct app *app = new_app();
	const char *m;

	(void)state;
	place_named(app, "Kidal");
	app_press(app, 'm');
	assert_non_null(strstr(app_message_text(app), "measuring from Kidal"));
	place_named(app, "Gao");
	m = app_message_text(app);
	assert_non_null(strstr(m, "Kidal \xe2\x86\x92 Gao: "));
	assert_non_null(strstr(m, " km"));
	app_press(app, '@');
	m = app_message_text(app);
	assert_non_null(strstr(m, "\nsitmap --dump --size 100x40 --center "));
	assert_non_null(strstr(m, " --date 2023-10-07"));
	app_free(app);
}

/* A click on the strip moves to the day there; on a place's marker, selects its site. */
static void
clicks(void **state)
{
	struct app *app = new_app();
	struct canvas *cv = canvas_new(100, 40, CANVAS_BRAILLE);
	struct render_report r;
	const struct layout *l;
	day_t day;
	size_t i;

	(void)state;
	app_render(app, cv);
	l = &app_view(app)->layout;
	assert_true(l->strip.rows > 0);
	assert_int_equal(app_click(app, 10, l->strip.row, 0), APP_REDRAW);
	assert_int_equal(render_strip_day(NULL, app_view(app), 100, 10, &day), -1);
	assert_non_null(strstr(app_message_text(app), "as of "));
	/* the strip's cursor lands where the click was */
	app_render(app, cv);
	{
		enum style st;

		assert_int_equal(canvas_cell(cv, 10, l->strip.row, &st), 0x2503);
	}
	/* a marker */
	memset(&r, 0, sizeof r);
	app_render_report(app, cv, &r);
	for (i = 0; i < r.nsites && !r.sites[i].placed; i++)
		;
	assert_true(i < r.nsites);
	assert_int_equal(app_click(app, r.sites[i].mcol, r.sites[i].mrow, 0), 0 | APP_REDRAW);
	assert_true(app_view(app)->selected != (size_t)-1);
	/* the title row is neither */
	app_render(app, cv);
	assert_int_equal(app_click(app, 50, 0, 0), 0);
	free(r.sites);
	canvas_free(cv);
	app_free(app);
}

/* The hint is on a frame only once asked for, and goes at the first action. */
static void
hint_until_the_first_key(void **state)
{
	struct app *app = new_app();
	struct canvas *cv = canvas_new(100, 40, CANVAS_BRAILLE);
	char row[1024];

	(void)state;
	app_render(app, cv);
	canvas_row_utf8(cv, 39, row, sizeof row);
	assert_null(strstr(row, "Space play"));
	app_set_hint(app, 1);
	app_render(app, cv);
	canvas_row_utf8(cv, 39, row, sizeof row);
	assert_non_null(strstr(row, "Space play"));
	/* never on a screenshot */
	app_render_still(app, cv);
	canvas_row_utf8(cv, 39, row, sizeof row);
	assert_null(strstr(row, "Space play"));
	app_press(app, KEYC_CTRL('l'));
	app_render(app, cv);
	canvas_row_utf8(cv, 39, row, sizeof row);
	assert_null(strstr(row, "Space play"));
	canvas_free(cv);
	app_free(app);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_action_has_one_row),
		cmocka_unit_test(lookup_is_by_id),
		cmocka_unit_test(flags_are_the_rows),
		cmocka_unit_test(keymap_names_rows),
		cmocka_unit_test(pans_follow_their_rows),
		cmocka_unit_test(time_steps_follow_their_rows),
		cmocka_unit_test(overlay_takes_a_key),
		cmocka_unit_test(list_keys_come_first),
		cmocka_unit_test(follow_keeps_the_place_in_view),
		cmocka_unit_test(play_restarts_at_the_end),
		cmocka_unit_test(digits_toggle_layers),
		cmocka_unit_test(measure_and_where),
		cmocka_unit_test(clicks),
		cmocka_unit_test(hint_until_the_first_key),
		cmocka_unit_test(toggles_flip_their_flag),
	};

	/* neither read nor leave the user's cache */
	cache_disable();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
