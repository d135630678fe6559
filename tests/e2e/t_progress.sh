#!/bin/sh
# tests/e2e/t_progress.sh: a long import says how far it is on a terminal's
# standard error (the share of the file read), rewritten in place, and
# erases the line when done; with standard error elsewhere it says nothing.
# Its cache entry, cut short while the viewer has it mapped, is said. Once
# a first open has written the entry, the viewer holds the export as a
# later open does: mapped from the entry, its own parsed copy freed.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

e2e_have_tmux progress-shown progress-not-a-tty entry-cut first-open-mapped
e2e_server

# 400,000 rows: seconds of parsing, the line shows after half a second
big=$E2E_TMP/big.csv
"$E2E_ROOT/build/tool_acledgen" 400000 >"$big" || exit 1

case_progress_shown()
{
	E2E_NSESS=$((E2E_NSESS + 1))
	E2E_SESS=s$E2E_NSESS
	# shellcheck disable=SC2016,SC2086	# $1 is sh's; the env list splits
	e2e_tmux new-session -d -s "$E2E_SESS" -x 100 -y 10 \
	    sh -c 'f=$1; shift; "$@" --dump --size 80x24 --events "$f" >/dev/null
		echo "exit $?"; exec sleep 300' \
	    sh "$big" env $E2E_ENV XDG_CACHE_HOME="$E2E_TMP/cache" "$SITMAP" || return 1
	E2E_TIMEOUT=60 e2e_wait 'sitmap: reading .*big\.csv: [0-9]+% \([0-9]+ of 236 MB\)' ||
	    return 1
	E2E_TIMEOUT=120 e2e_wait '^exit 0' || return 1
	# erased: no line of it is left above the shell's (the pane is kept
	# alive: tmux may drop what a pane printed last when it dies)
	! e2e_capture | grep -q 'sitmap: '
}
e2e_check progress-shown case_progress_shown

case_progress_not_a_tty()
{
	# shellcheck disable=SC2086
	env $E2E_ENV XDG_CACHE_HOME="$E2E_TMP/cache2" "$SITMAP" --dump --size 80x24 \
	    --events "$big" >/dev/null 2>"$E2E_TMP/err" && [ ! -s "$E2E_TMP/err" ]
}
e2e_check progress-not-a-tty case_progress_not_a_tty

# The viewer on an export's cache entry that another program cuts short:
# the next read past its new end is said, naming the entry, with status 1,
# and the terminal is given back first (ui.c's handler chains to util.c's).
case_entry_cut()
{
	cache=$E2E_TMP/cache3
	# shellcheck disable=SC2086
	env $E2E_ENV XDG_CACHE_HOME="$cache" "$SITMAP" --dump --size 80x24 --events "$big" \
	    >/dev/null 2>&1 || return 1
	entry=$(ls -S "$cache"/sitmap/*.bin | head -1)
	E2E_NSESS=$((E2E_NSESS + 1))
	E2E_SESS=s$E2E_NSESS
	# shellcheck disable=SC2016,SC2086
	e2e_tmux new-session -d -s "$E2E_SESS" -x 100 -y 30 \
	    sh -c 'f=$1; shift; "$@" --events "$f"; echo "exit $?"; exec sleep 300' \
	    sh "$big" env $E2E_ENV XDG_CACHE_HOME="$cache" "$SITMAP" || return 1
	E2E_TIMEOUT=30 e2e_wait 'event 400000/400000' || return 1
	truncate -s 1M "$entry"
	e2e_keys E
	E2E_TIMEOUT=30 e2e_wait '^exit 1$' || return 1
	# -J: the message is longer than the pane is wide
	e2e_tmux capture-pane -p -J -t "$E2E_SESS" |
	    grep -q "^sitmap: $cache/sitmap/.*\.bin: a cache entry in use was cut short by another program: run sitmap again$"
}
# The viewer's anonymous memory (kB) once it shows the last of big.csv's
# events, XDG_CACHE_HOME=$1: the sitmap under the pane's sh.
viewer_anon()
{
	E2E_NSESS=$((E2E_NSESS + 1))
	E2E_SESS=s$E2E_NSESS
	# shellcheck disable=SC2016,SC2086
	e2e_tmux new-session -d -s "$E2E_SESS" -x 100 -y 30 \
	    sh -c 'f=$1; shift; "$@" --events "$f"; echo "exit $?"; exec sleep 300' \
	    sh "$big" env $E2E_ENV XDG_CACHE_HOME="$1" "$SITMAP" >&2 || return 1
	E2E_TIMEOUT=120 e2e_wait 'event 400000/400000' >&2 || return 1
	pid=$(pgrep -P "$(e2e_tmux display -p -t "$E2E_SESS" '#{pane_pid}')" | head -1)
	awk '$1 == "RssAnon:" { print $2 }' "/proc/$pid/status"
	# a subshell's: the next call's session has the same name
	e2e_tmux kill-session -t "$E2E_SESS"
}

# The parsed copy of 400,000 rows is 240 MB of heap more than a warm open
# holds (checked on the code before); mapped from its entry, a first open
# holds 43 MB more, PROJ's (a warm open does not load it) and the heap's
# fragments: a first open must end near where a warm one starts
case_first_open_mapped()
{
	cold=$(viewer_anon "$E2E_TMP/cache4") || return 1
	warm=$(viewer_anon "$E2E_TMP/cache4") || return 1
	echo "RssAnon: first open $cold kB, warm $warm kB"
	[ -n "$cold" ] && [ -n "$warm" ] && [ "$cold" -le $((warm + 100000)) ]
}

if nm "$SITMAP" 2>/dev/null | grep -q __asan_init; then
	echo "SKIP entry-cut (the sanitizers own SIGBUS)"
	echo "SKIP first-open-mapped (the sanitizers keep freed memory)"
else
	e2e_check entry-cut case_entry_cut
	e2e_check first-open-mapped case_first_open_mapped
fi

e2e_end
e2e_exit
