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

e2e_have_tmux quit crash-restores sigterm ctrl-c sigquit sigusr1 sigusr2 sigalrm \
    sigpipe ctrl-backslash crash-chains term-dumb term-unknown
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

# Signals that end the viewer, seen from the shell that ran it: the pane
# lives on, so the cursor can be checked, and stty -a after must equal
# stty -a before. The wrapper records sitmap's pid and exit status; it
# survives the tty's signals (a trap, not an ignore, which sitmap would inherit).
cat >"$E2E_TMP/wrap.sh" <<'EOF'
ulimit -c 0
trap : INT QUIT
stty -a >before
sh -c 'echo $$ >pid; exec "$@" 2>err' sh "$@"
echo $? >rc
stty -a >after
exec cat
EOF

wrapped()	# [VAR=value... [-- SITMAP]]
{
	bin=$SITMAP envs=
	while [ $# -gt 0 ]; do
		case $1 in
		--) bin=$2; shift 2 ;;
		*) envs="$envs $1"; shift ;;
		esac
	done
	e2e_end
	E2E_NSESS=$((E2E_NSESS + 1))
	E2E_SESS=s$E2E_NSESS
	E2E_DIR=$E2E_TMP/$E2E_SESS
	mkdir -p "$E2E_DIR"
	# shellcheck disable=SC2086	# the list splits into words
	e2e_tmux new-session -d -s "$E2E_SESS" -x 100 -y 30 -c "$E2E_DIR" \
	    sh "$E2E_TMP/wrap.sh" env $E2E_ENV $envs "$bin" --data-dir "$E2E_ROOT" &&
	    e2e_wait 'Kidal' && [ -s "$E2E_DIR/pid" ] &&
	    [ "$(e2e_fmt '#{alternate_on} #{mouse_any_flag}#{mouse_standard_flag}')" = "1 11" ] &&
	    [ "$(e2e_fmt '#{cursor_flag}')" = 0 ]
}

given_back_()
{
	[ -s "$E2E_DIR/rc" ] && [ -s "$E2E_DIR/after" ] || return 1
	got="rc $(cat "$E2E_DIR/rc") $(e2e_fmt '#{alternate_on} #{mouse_standard_flag}#{mouse_button_flag}#{mouse_any_flag}#{mouse_sgr_flag}#{mouse_utf8_flag}')"
	got="$got $(e2e_fmt '#{keypad_cursor_flag} #{cursor_flag}')"
	[ "$got" = "rc $1 0 00000 0 1" ] && cmp -s "$E2E_DIR/before" "$E2E_DIR/after"
}

# given_back STATUS: exited with STATUS, screen, mouse, keypad, cursor and tty modes restored
given_back()
{
	e2e_poll given_back_ "$1" && return 0
	echo "want rc $1 0 00000 0 1 and stty -a unchanged; got $got" >&2
	diff "$E2E_DIR/before" "$E2E_DIR/after" >&2
	return 1
}

case_signal()	# SIGNAL STATUS
{
	wrapped || return 1
	kill -"$1" "$(cat "$E2E_DIR/pid")"
	given_back "$2"
}
e2e_check sigquit case_signal QUIT 131
e2e_check sigusr1 case_signal USR1 138
e2e_check sigusr2 case_signal USR2 140
e2e_check sigalrm case_signal ALRM 142
e2e_check sigpipe case_signal PIPE 141

case_ctrl_backslash()
{
	wrapped || return 1
	e2e_tmux send-keys -t "$E2E_SESS" -H 1c	# Ctrl-\\, the tty's QUIT character
	given_back 131
}
e2e_check ctrl-backslash case_ctrl_backslash

# The crash handler gives the terminal back, then chains to the handler it
# replaced: under ASan with handle_abort=1, ASan's, which reports and exits 1
# (reset to the default instead, the process died of SIGABRT, unreported).
asan=
if grep -q __asan_init "$SITMAP" 2>/dev/null; then asan=$SITMAP
elif [ -x "${SITMAP_ASAN:-$E2E_ROOT/sitmap-asan}" ]; then asan=${SITMAP_ASAN:-$E2E_ROOT/sitmap-asan}
fi
case_crash_chains()
{
	wrapped SITMAP_TEST_CRASH=1 ASAN_OPTIONS=handle_abort=1:detect_leaks=0 -- "$asan" ||
	    return 1
	e2e_keys '!'
	given_back 1 && grep -q 'ERROR: AddressSanitizer: ABRT' "$E2E_DIR/err"
}
if [ -n "$asan" ]; then e2e_check crash-chains case_crash_chains
else echo "SKIP crash-chains (no ASan build of sitmap: SITMAP_ASAN or ./sitmap-asan)"; fi

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
