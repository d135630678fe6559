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
		for (k = 0; k < app_nkeys; k++)
			if (app_keymap[k].action == e->id)
				assert_int_equal(app_keymap[k].ctx == KEYCTX_LIST,
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
	for (k = 0; k < app_nkeys; k++)
		assert_non_null(app_action(app_keymap[k].action));
	for (i = 0; i < app_nactions; i++) {
		int bound = 0;

		for (k = 0; k < app_nkeys; k++)
			bound |= app_keymap[k].action == app_actions[i].id;
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

	memset(&o, 0, sizeof o);
	o.load.data_dir = ".";
	o.load.format = -1;
	o.mode = CANVAS_BRAILLE;
	o.date = "2023-10-07";
	if ((app = app_new(&o, &cause)) == NULL) {
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
		cmocka_unit_test(toggles_flip_their_flag),
	};

	/* neither read nor leave the user's cache */
	cache_disable();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
