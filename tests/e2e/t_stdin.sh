#!/bin/sh
# tests/e2e/t_stdin.sh: an export piped to "--events -" opens the viewer,
# which then takes its keys from the terminal (as less(1) does), and quits.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

e2e_have_tmux stdin-export
e2e_server

case_stdin()
{
	fixture=$E2E_ROOT/tests/fixtures/acled_control.csv
	E2E_NSESS=$((E2E_NSESS + 1))
	E2E_SESS=s$E2E_NSESS
	# shellcheck disable=SC2016,SC2086	# $1 is sh's; the env list splits
	e2e_tmux new-session -d -s "$E2E_SESS" -x 100 -y 34 \
	    sh -c 'f=$1; shift; cat "$f" | exec "$@" --events -' sh "$fixture" \
	    env $E2E_ENV "$SITMAP" || return 1
	# the control map, then a key read from the terminal: "q" quits
	e2e_wait 'held by a rebel group' || return 1
	e2e_keys q
	e2e_wait_dead && [ "$(e2e_fmt '#{pane_dead_status}')" = 0 ]
}
e2e_check stdin-export case_stdin
e2e_end
e2e_exit
