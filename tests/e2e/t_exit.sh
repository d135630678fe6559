#!/bin/sh
# tests/e2e/t_exit.sh: the terminal comes back on every way out, and the
# viewer refuses terminals it cannot drive.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

# Not a tty needs no tmux.
case_notty()
{
	env LANG=C.UTF-8 NO_COLOR=1 TERM=xterm "$SITMAP" </dev/null >"$E2E_TMP/out" \
	    2>"$E2E_TMP/err"
	st=$?
	[ "$st" -ne 0 ] && grep -q -- '--dump' "$E2E_TMP/err" && [ ! -s "$E2E_TMP/out" ]
}
if case_notty; then e2e_pass not-a-tty; else e2e_fail not-a-tty "status $st" "$E2E_TMP/err"; fi

e2e_have_tmux quit crash-restores sigterm ctrl-c term-dumb term-unknown
e2e_server

# restored STATUS...: dead with one of those "exit-status/signal" pairs, out
# of the alternate screen, mouse and keypad modes off. The cursor cannot be
# checked: tmux hides it when it prints "Pane is dead".
restored_()
{
	got=$(e2e_fmt '#{pane_dead}:#{pane_dead_status}/#{pane_dead_signal} #{alternate_on} #{mouse_standard_flag}#{mouse_button_flag}#{mouse_any_flag}#{mouse_sgr_flag}#{mouse_utf8_flag} #{keypad_cursor_flag}')
	for want in "$@"; do
		[ "$got" = "1:$want 0 00000 0" ] && return 0
	done
	return 1
}

restored()
{
	e2e_wait_dead && e2e_poll restored_ "$@" && return 0
	echo "pane: $got (want one of: $*, then 0 00000 0)" >&2
	return 1
}

started()
{
	e2e_end
	e2e_start 100 30 "$@" -- && e2e_wait 'Kidal'
}

case_quit()
{
	started || return 1
	e2e_keys q
	restored 0/
}
e2e_check quit case_quit

case_crash()
{
	started SITMAP_TEST_CRASH=1 || return 1
	[ "$(e2e_fmt '#{alternate_on} #{mouse_standard_flag}')" = "1 1" ] || return 1
	e2e_keys '!'
	restored /6 134/
}
e2e_check crash-restores case_crash

case_sigterm()
{
	started || return 1
	kill -TERM "$(e2e_fmt '#{pane_pid}')"
	restored /15 143/
}
e2e_check sigterm case_sigterm

case_ctrl_c()
{
	started || return 1
	e2e_keys C-c
	restored /2 130/ 0/
}
e2e_check ctrl-c case_ctrl_c

# Refusals: a non-zero exit and a message naming --dump. stderr goes to a
# file: tmux may drop the last output of a pane whose process exits at once.
refused()
{
	e2e_end
	E2E_STDERR=$E2E_TMP/err-$1
	e2e_start 100 30 "TERM=$1" --
	E2E_STDERR=
	e2e_wait_dead || return 1
	st=$(e2e_fmt '#{pane_dead_status}')
	if [ "$st" -eq 0 ] || ! grep -q 'sitmap: .*--dump' "$E2E_TMP/err-$1"; then
		echo "status $st, stderr:" >&2
		cat "$E2E_TMP/err-$1" >&2
		return 1
	fi
}
e2e_check term-dumb refused dumb
e2e_check term-unknown refused no-such-terminal-xyz

e2e_end
e2e_exit
