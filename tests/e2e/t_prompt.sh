#!/bin/sh
# tests/e2e/t_prompt.sh: the line editor for t (date) and / (search):
# editing keys, the cursor, UTF-8, a long line, and each prompt's history.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

e2e_have_tmux jump-date bad-date search prompt-cancel edit-ctrl-u-left edit-keys \
    edit-utf8 long-line history history-per-prompt
e2e_server

START=$E2E_TMP/start-100x30
e2e_dump 100 30 >"$START" || { echo "FAIL jump-date"; exit 1; }

fresh()
{
	e2e_end
	e2e_start 100 30 --
	e2e_wait_same "$START"
}

case_jump_date()
{
	fresh || return 1
	e2e_keys t
	e2e_wait 'Date' || return 1
	e2e_type 2023-10-07
	e2e_wait '2023-10-07' || return 1
	e2e_keys Enter
	e2e_wait '^ sitmap: Mali \| 7 Oct 2023 '
}
e2e_check jump-date case_jump_date

case_bad_date()
{
	fresh || return 1
	e2e_keys t
	e2e_wait 'Date' || return 1
	e2e_type 2023-02-30
	e2e_keys Enter
	e2e_wait 'not a date' || return 1
	! e2e_dead_ || return 1
	# still alive and listening
	e2e_keys n
	e2e_wait '\| event 1/[0-9]+'
}
e2e_check bad-date case_bad_date

case_search()
{
	fresh || return 1
	e2e_keys /
	e2e_wait 'Place' || return 1
	e2e_type kidal
	e2e_keys Enter
	e2e_wait '^ ?Kidal \(|Kidal \([a-z]'
}
e2e_check search case_search

case_prompt_cancel()
{
	fresh || return 1
	e2e_keys t
	e2e_wait 'Date' || return 1
	e2e_type 2023-1
	e2e_keys BSpace
	e2e_wait 'Date.*: 2023-$' || return 1
	e2e_keys Escape
	e2e_wait_same "$START"
}
e2e_check prompt-cancel case_prompt_cancel

# the column of the cursor in the pane
cursor_at_()
{
	[ "$(e2e_fmt '#{cursor_x},#{cursor_y}')" = "$1" ]
}

DATE_LABEL='Date (YYYY-MM-DD or YYYY-MM): '

# t, then Ctrl-U to clear a wrong start, and Left to fix a missing dash
case_edit_ctrl_u_left()
{
	fresh || return 1
	e2e_keys t
	e2e_wait 'Date' || return 1
	e2e_type 1999-12
	e2e_wait 'Date.*: 1999-12$' || return 1
	e2e_keys C-u
	e2e_wait 'Date.*:$' || return 1
	e2e_type 2023-1007
	e2e_keys Left Left
	E2E_WHY="cursor not two columns left of the end"
	e2e_poll cursor_at_ "$((${#DATE_LABEL} + 7)),29" || return 1
	e2e_type -
	e2e_wait 'Date.*: 2023-10-07$' || return 1
	e2e_poll cursor_at_ "$((${#DATE_LABEL} + 8)),29" || return 1
	E2E_WHY=
	e2e_keys Enter
	e2e_wait '^ sitmap: Mali \| 7 Oct 2023 '
}
e2e_check edit-ctrl-u-left case_edit_ctrl_u_left

# Home, End, Delete, Ctrl-A/E/K/W, Backspace in the middle
case_edit_keys()
{
	fresh || return 1
	e2e_keys t
	e2e_wait 'Date' || return 1
	e2e_type 'x2023-11-14 junk'
	e2e_keys C-w
	# the blank before the word stays (a capture drops it: the cursor shows it)
	e2e_wait 'Date.*: x2023-11-14$' || return 1
	e2e_poll cursor_at_ "$((${#DATE_LABEL} + 12)),29" || return 1
	e2e_keys BSpace Home
	e2e_poll cursor_at_ "${#DATE_LABEL},29" || return 1
	e2e_keys DC
	e2e_wait 'Date.*: 2023-11-14$' || return 1
	e2e_keys C-e Left Left Left C-k
	e2e_wait 'Date.*: 2023-11$' || return 1
	e2e_keys C-a Right BSpace End
	e2e_wait 'Date.*: 023-11$' || return 1
	e2e_keys C-a
	e2e_type 2
	e2e_wait 'Date.*: 2023-11$' || return 1
	e2e_keys Enter
	e2e_wait '^ sitmap: Mali \| Nov 2023 '
}
e2e_check edit-keys case_edit_keys

# characters, not bytes: é is one column and one Left
case_edit_utf8()
{
	fresh || return 1
	e2e_keys /
	e2e_wait 'Place' || return 1
	e2e_type 'Mxénaka'
	e2e_wait 'Place: Mxénaka$' || return 1
	e2e_keys Left Left Left Left Left
	e2e_poll cursor_at_ "9,29" || return 1
	e2e_keys BSpace
	e2e_wait 'Place: Ménaka$' || return 1
	e2e_keys End Enter
	e2e_wait 'Ménaka \(un-camp\)'
}
e2e_check edit-utf8 case_edit_utf8

# a line longer than the screen: its end and the cursor stay in view; Home shows its start
case_long_line()
{
	fresh || return 1
	e2e_keys /
	e2e_wait 'Place' || return 1
	e2e_type "start$(printf '%0120d' 0)end"
	e2e_wait '0end$' || return 1
	E2E_WHY="the cursor is not in the last column"
	e2e_poll cursor_at_ "99,29" || return 1
	e2e_keys Home
	E2E_WHY="Home did not show the line's start"
	e2e_wait 'Place: start0000' || return 1
	e2e_poll cursor_at_ "7,29" || return 1
	E2E_WHY=
	e2e_keys Escape
	e2e_wait_same "$START"
}
e2e_check long-line case_long_line

# Up gives back the last answer; Down the line being typed
case_history()
{
	fresh || return 1
	e2e_keys t
	e2e_wait 'Date' || return 1
	e2e_type 2023-10-07
	e2e_keys Enter
	e2e_wait '7 Oct 2023' || return 1
	e2e_keys t
	e2e_wait 'Date.*:$' || return 1
	e2e_type 2023-1
	e2e_keys Up
	e2e_wait 'Date.*: 2023-10-07$' || return 1
	e2e_keys Down
	e2e_wait 'Date.*: 2023-1$' || return 1
	e2e_keys Up Enter
	e2e_wait 'as of 7 Oct 2023'
}
e2e_check history case_history

# each kind of prompt has its own history
case_history_per_prompt()
{
	fresh || return 1
	e2e_keys /
	e2e_wait 'Place' || return 1
	e2e_type gao
	e2e_keys Enter
	e2e_wait 'Gao \(town\)' || return 1
	e2e_keys t
	e2e_wait 'Date' || return 1
	e2e_keys Up
	e2e_snap "$E2E_TMP/date-up"
	grep -q 'Date.*:$' "$E2E_TMP/date-up" || return 1
	e2e_keys Escape /
	e2e_wait 'Place:$' || return 1
	e2e_keys Up
	e2e_wait 'Place: gao$'
}
e2e_check history-per-prompt case_history_per_prompt

e2e_end
e2e_exit
