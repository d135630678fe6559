#!/bin/sh
# tests/e2e/t_width.sh: emoji, CJK, combining and zero-width text in every
# field (tests/fixtures/wide_*.csv, acled_wide.csv) on a real terminal:
# tmux lays out the viewer's cells by its own widths, so the screen equals
# the dump only where sitmap's widths are the terminal's; the help overlay
# and the event panel over that text stay within the screen.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

e2e_have_tmux wide-tui-equals-dump wide-acled-tui-equals-dump wide-help-fits
e2e_server

F=$E2E_ROOT/tests/fixtures
PAIR="--places $F/wide_places.csv --events $F/wide_events.csv --event W1"
ACLED="--events $F/acled_wide.csv --date 2023-10-07"

case_same()
{
	# shellcheck disable=SC2086	# the lists split into words
	e2e_dump 100 30 $1 >"$E2E_TMP/want" || return 1
	e2e_end
	# shellcheck disable=SC2086
	e2e_start 100 30 -- $1
	E2E_WHY="the screen never equalled the dump (a width tmux counts otherwise)"
	e2e_wait_same "$E2E_TMP/want"
}
e2e_check wide-tui-equals-dump case_same "$PAIR"
e2e_check wide-acled-tui-equals-dump case_same "$ACLED"

case_help()
{
	e2e_end
	# shellcheck disable=SC2086
	e2e_start 60 20 -- $PAIR
	e2e_wait 'Kidal' || return 1
	e2e_keys '?'
	e2e_wait 'sitmap help' || return 1
	e2e_snap "$E2E_TMP/help"
	E2E_WHY="a line of the help screen is wider than 60 columns"
	python3 "$E2E_ROOT/tests/width/measure.py" "60x20:$E2E_TMP/help" >/dev/null
}
e2e_check wide-help-fits case_help

e2e_end
e2e_exit
