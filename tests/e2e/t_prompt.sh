#!/bin/sh
# tests/e2e/t_prompt.sh: the line editor for t (date) and / (search).
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

e2e_have_tmux jump-date bad-date search prompt-cancel
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

e2e_end
e2e_exit
