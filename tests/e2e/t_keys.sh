#!/bin/sh
# tests/e2e/t_keys.sh: Home, End, PgUp, Delete and shifted arrows arrive as
# xterm, rxvt, the VT220 and tmux send them, whatever TERM's terminfo says.
# tmux sends Home as \e[1~ and End as \e[4~ whatever the pane's TERM; under
# TERM=xterm-256color (khome=\eOH) they were read as Esc [ 1 ~.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

e2e_have_tmux home-end-xterm home-end-vt100 home-end-forms shift-arrows-xterm \
    shift-arrows-vt100 shift-arrows-rxvt ctrl-l-repaints
e2e_server

START=$E2E_TMP/start-100x30
e2e_dump 100 30 >"$START" || { echo "FAIL home-end-xterm"; exit 1; }

# fresh TERM: a viewer at 100x30 under that TERM, at its first frame (in
# braille, which it would not choose for a VT).
fresh()
{
	e2e_end
	e2e_start 100 30 TERM="$1" -- --charset braille
	e2e_wait_same "$START"
}

# Raw bytes, as a terminal other than tmux would send them.
bytes()
{
	# shellcheck disable=SC2046	# one word per byte
	e2e_keys -H $(printf '%s' "$1" | od -An -tx1)
}

home_end()
{
	fresh "$1" || return 1
	e2e_keys End
	E2E_WHY="End under TERM=$1 did not reach the last event"
	e2e_wait '\| event ([0-9]+)/\1 ' || return 1
	e2e_keys Home
	E2E_WHY="Home under TERM=$1 did not reach the first event"
	e2e_wait '\| event 1/[0-9]+'
}
e2e_check home-end-xterm home_end xterm-256color
e2e_check home-end-vt100 home_end vt100

# The forms tmux does not send: xterm's, its application mode's, rxvt's.
case_home_end_forms()
{
	fresh xterm-256color || return 1
	for pair in '\033[F:\033[H' '\033OF:\033OH' '\033[8~:\033[7~'; do
		end=$(printf '%b' "${pair%%:*}") home=$(printf '%b' "${pair#*:}")
		bytes "$end"
		E2E_WHY="$pair: End did not reach the last event"
		e2e_wait '\| event ([0-9]+)/\1 ' || return 1
		bytes "$home"
		E2E_WHY="$pair: Home did not reach the first event"
		e2e_wait '\| event 1/[0-9]+' || return 1
	done
}
e2e_check home-end-forms case_home_end_forms

# shift TERM KEY BIG [BYTES]: the shifted arrow (or the bytes) pans as BIG does.
shift_arrow()
{
	fresh "$1" || return 1
	e2e_keys "$3"
	e2e_wait_differ "$START" || return 1
	e2e_snap "$E2E_TMP/big"
	e2e_keys 0
	e2e_wait_same "$START" || return 1
	if [ -n "${4:-}" ]; then
		bytes "$(printf '%b' "$4")"
	else
		e2e_keys "$2"
	fi
	E2E_WHY="$2 under TERM=$1 did not pan as $3 does"
	e2e_wait_same "$E2E_TMP/big"
}
e2e_check shift-arrows-xterm shift_arrow xterm-256color S-Right L
e2e_check shift-arrows-vt100 shift_arrow vt100 S-Up K
e2e_check shift-arrows-rxvt shift_arrow xterm-256color 'rxvt S-Left' H '\033[d'

# Another program writes over the screen; curses does not know, so only a
# full repaint (Ctrl-L) brings the frame back.
case_ctrl_l()
{
	fresh tmux-256color || return 1
	printf '\033[5;20HSCRIBBLED OVER' >"$(e2e_fmt '#{pane_tty}')"
	e2e_wait 'SCRIBBLED OVER' || return 1
	e2e_keys n p
	e2e_snap "$E2E_TMP/scribbled"
	grep -q 'SCRIBBLED OVER' "$E2E_TMP/scribbled" || return 1
	e2e_keys C-l
	e2e_wait_same "$START"
}
e2e_check ctrl-l-repaints case_ctrl_l

e2e_end
e2e_exit
