# shellcheck shell=sh
# tests/e2e/lib.sh: sourced by tests/e2e/t_*.sh. Drives the real viewer in a
# private tmux server (never the user's), polling the screen instead of
# sleeping: a capture right after send-keys may show the previous frame.
#
# Each case prints one line, "PASS name" or "FAIL name" (or "SKIP name" when
# tmux is missing); screens of failed cases go to stderr.

E2E_ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SITMAP=${SITMAP:-$E2E_ROOT/sitmap}
E2E_TIMEOUT=${E2E_TIMEOUT:-5}		# seconds per wait
E2E_SOCK=sitmap-test-$$-$(od -An -N2 -tu2 /dev/urandom | tr -d " ")
E2E_TMP=$(mktemp -d "${TMPDIR:-/tmp}/sitmap-e2e.XXXXXX") || exit 1
E2E_FAILED=0
E2E_NSESS=0
E2E_SESS=
E2E_STDERR=				# set: e2e_start sends stderr there

# The environment every run shares, TUI and --dump alike.
E2E_ENV="LANG=C.UTF-8 LC_ALL= NO_COLOR=1 TERM=tmux-256color"

e2e_cleanup()
{
	sock=$(tmux -L "$E2E_SOCK" display -p '#{socket_path}' 2>/dev/null)
	tmux -L "$E2E_SOCK" kill-server 2>/dev/null
	[ -n "$sock" ] && rm -f "$sock"	# tmux leaves it behind
	rm -rf "$E2E_TMP"
}
trap 'e2e_cleanup' EXIT
trap 'exit 1' INT TERM HUP

e2e_tmux()
{
	tmux -L "$E2E_SOCK" "$@"
}

# e2e_have_tmux CASE...: prints SKIP for each case and exits 0 without tmux.
e2e_have_tmux()
{
	if command -v tmux >/dev/null 2>&1; then
		return 0
	fi
	for c in "$@"; do
		echo "SKIP $c (no tmux)"
	done
	exit 0
}

# A keeper session holds the server up, so remain-on-exit is set before any
# viewer runs: a viewer that dies at once still leaves its status behind.
e2e_server()
{
	e2e_tmux -f /dev/null new-session -d -s keep -x 20 -y 5 cat || exit 1
	e2e_tmux set -g remain-on-exit on >/dev/null || exit 1
}

# e2e_start W H [VAR=value...] -- [sitmap args...]: a new session running
# the viewer in its own scratch directory; sets E2E_SESS and E2E_DIR.
e2e_start()
{
	w=$1 h=$2
	shift 2
	envs=
	while [ $# -gt 0 ] && [ "$1" != "--" ]; do
		envs="$envs $1"
		shift
	done
	[ $# -gt 0 ] && shift
	E2E_NSESS=$((E2E_NSESS + 1))
	E2E_SESS=s$E2E_NSESS
	E2E_DIR=$E2E_TMP/$E2E_SESS
	mkdir -p "$E2E_DIR"
	# shellcheck disable=SC2016,SC2086	# $1 is sh's; the env lists split
	if [ -n "$E2E_STDERR" ]; then
		set -- sh -c 'f=$1; shift; exec "$@" 2>"$f"' sh "$E2E_STDERR" \
		    env $E2E_ENV $envs "$SITMAP" "$@"
	else
		set -- env $E2E_ENV $envs "$SITMAP" "$@"
	fi
	e2e_tmux new-session -d -s "$E2E_SESS" -x "$w" -y "$h" -c "$E2E_DIR" "$@" || return 1
	[ -n "$E2E_KEEP_HINT" ] || e2e_unhint
}

# The first screen's hint line goes at the first key: Ctrl-L (a repaint,
# nothing else) takes it away, so that the screen is the --dump of the
# view. Set E2E_KEEP_HINT to look at the first screen itself.
E2E_HINT='n next event (·|-) Space play'
E2E_KEEP_HINT=

e2e_hint_or_not_()
{
	e2e_dead_ && return 0
	e2e_capture | grep -Eq -- "$E2E_HINT|too small"
}

e2e_unhint()
{
	e2e_poll e2e_hint_or_not_ || return 1
	e2e_match_ "$E2E_HINT" || return 0
	e2e_keys C-l
	e2e_poll e2e_no_hint_
}

e2e_no_hint_()
{
	! e2e_match_ "$E2E_HINT"
}

# e2e_dump W H [sitmap args...] > file: the same frame through --dump.
e2e_dump()
{
	w=$1 h=$2
	shift 2
	# shellcheck disable=SC2086	# the list splits into words
	env $E2E_ENV "$SITMAP" --dump --size "${w}x$h" "$@"
}

e2e_capture()
{
	e2e_tmux capture-pane -p -t "$E2E_SESS"
}

e2e_keys()
{
	e2e_tmux send-keys -t "$E2E_SESS" "$@"
}

# Literal text, no key names.
e2e_type()
{
	e2e_tmux send-keys -t "$E2E_SESS" -l "$1"
}

e2e_fmt()
{
	e2e_tmux display -p -t "$E2E_SESS" "$1"
}

# e2e_poll CMD...: runs CMD every 50 ms until it succeeds or time runs out.
e2e_poll()
{
	i=0
	n=$((E2E_TIMEOUT * 20))
	while [ $i -lt "$n" ]; do
		"$@" && return 0
		sleep 0.05
		i=$((i + 1))
	done
	"$@"
}

e2e_match_()
{
	e2e_capture | grep -Eq -- "$1"
}

e2e_same_()
{
	e2e_capture >"$E2E_TMP/screen" && cmp -s "$E2E_TMP/screen" "$1"
}

e2e_differ_()
{
	e2e_capture >"$E2E_TMP/screen" && ! cmp -s "$E2E_TMP/screen" "$1"
}

e2e_dead_()
{
	[ "$(e2e_fmt '#{pane_dead}')" = 1 ]
}

# The dead pane's exit status or signal is known. Debian's tmux runs
# libutempter when a pane's fd closes; a SIGCHLD arriving meanwhile is lost
# (tmux/tmux#311), so nudge the server with one of our own.
e2e_status_set_()
{
	[ -n "$(e2e_fmt '#{pane_dead_status}#{pane_dead_signal}')" ] && return 0
	kill -CHLD "$(e2e_tmux display -p '#{pid}')" 2>/dev/null
	return 1
}

e2e_size_()
{
	[ "$(e2e_fmt '#{pane_width}x#{pane_height}')" = "$1" ]
}

# Waits; each returns non-zero on timeout.
e2e_wait()		{ e2e_poll e2e_match_ "$1"; }
e2e_wait_same()		{ e2e_poll e2e_same_ "$1"; }
e2e_wait_differ()	{ e2e_poll e2e_differ_ "$1"; }
e2e_wait_dead()		{ e2e_poll e2e_dead_ && e2e_poll e2e_status_set_; }
e2e_wait_size()		{ e2e_poll e2e_size_ "$1"; }

# e2e_snap FILE: the current screen, once it has stopped changing for 100 ms.
e2e_snap()
{
	e2e_capture >"$1"
	i=0
	while [ $i -lt 100 ]; do
		sleep 0.05
		e2e_capture >"$1.next"
		if cmp -s "$1" "$1.next"; then
			sleep 0.05
			e2e_capture >"$1.next"
			cmp -s "$1" "$1.next" && break
		fi
		mv "$1.next" "$1"
		i=$((i + 1))
	done
	rm -f "$1.next"
}

e2e_pass()
{
	echo "PASS $1"
}

# e2e_fail NAME [WHY] [FILE]: reports, with the screen (or FILE) on stderr.
e2e_fail()
{
	echo "FAIL $1"
	E2E_FAILED=1
	{
		echo "--- $1: ${2:-failed}"
		if [ -n "$3" ]; then
			cat "$3"
		elif [ -n "$E2E_SESS" ]; then
			e2e_capture 2>&1
		fi
		echo "---"
	} >&2
}

# e2e_check NAME CMD...: PASS if CMD succeeds, else FAIL with the screen
# and E2E_WHY, which CMD may set to say what it was waiting for.
e2e_check()
{
	name=$1
	shift
	E2E_WHY=
	if "$@"; then
		e2e_pass "$name"
	else
		e2e_fail "$name" "${E2E_WHY:-$*}"
	fi
}

# Ends the session of the current case; the server stays up for the next.
e2e_end()
{
	[ -n "$E2E_SESS" ] && e2e_tmux kill-session -t "$E2E_SESS" 2>/dev/null
	E2E_SESS=
}

e2e_exit()
{
	exit "$E2E_FAILED"
}
