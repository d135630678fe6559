#!/bin/sh
# tests/e2e/t_view.sh: start-up, the TUI-equals-dump property, moving the view,
# stepping through events, help, screenshot, resize and a tiny terminal.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

e2e_have_tmux startup tui-equals-dump pan zoom step first-last play help help-esc \
    screenshot screenshot-dangling-link screenshot-full-disk mouse-wheel mouse-drag resize \
    resize-screenshot tiny
e2e_server

START=$E2E_TMP/start-100x30
e2e_dump 100 30 >"$START" || { echo "FAIL startup"; exit 1; }

# Each case starts a fresh viewer at 100x30 and waits for the first frame.
fresh()
{
	e2e_end
	e2e_start 100 30 --
	e2e_wait 'Kidal' && e2e_wait 'sitmap: Mali'
}

if fresh; then e2e_pass startup; else e2e_fail startup "no map with Kidal and the title"; fi

e2e_check tui-equals-dump e2e_wait_same "$START"

case_pan()
{
	fresh && e2e_wait_same "$START" || return 1
	e2e_keys Right
	e2e_wait_differ "$START" || return 1
	e2e_keys Up Left
	e2e_snap "$E2E_TMP/panned"
	cmp -s "$E2E_TMP/panned" "$START" && return 1
	e2e_keys 0
	e2e_wait_same "$START"
}
e2e_check pan case_pan

case_zoom()
{
	fresh && e2e_wait_same "$START" || return 1
	e2e_keys +
	e2e_wait_differ "$START" || return 1
	e2e_keys 0
	e2e_wait_same "$START" || return 1
	e2e_keys -
	e2e_wait_differ "$START" || return 1
	e2e_keys 0
	e2e_wait_same "$START"
}
e2e_check zoom case_zoom

case_step()
{
	fresh && e2e_wait 'before event 1/[0-9]+' || return 1
	e2e_keys n
	e2e_wait '\| event 1/[0-9]+' || return 1
	e2e_keys n
	e2e_wait '\| event 2/[0-9]+' || return 1
	e2e_keys p
	e2e_wait '\| event 1/[0-9]+' || return 1
	e2e_keys p
	E2E_WHY="p at event 1 did not go back to the start screen (before event 1)"
	e2e_wait_same "$START"
}
e2e_check step case_step

case_first_last()
{
	fresh || return 1
	e2e_keys G
	e2e_wait '\| event ([0-9]+)/\1 ' || return 1
	e2e_keys g
	e2e_wait '\| event 1/[0-9]+'
}
e2e_check first-last case_first_last

# Playback at the fastest speed steps on its own, pauses, and starts again
# from the first event when Space is pressed at the last one.
case_play()
{
	fresh || return 1
	e2e_keys '>' '>' '>'
	e2e_wait '125 ms per event' || return 1
	e2e_keys Space
	# an event lasts 125 ms: a loaded machine may capture a later one first
	e2e_wait '\| event ([3-9]|[1-9][0-9]+)/[0-9]+' || return 1
	e2e_keys Space
	e2e_wait 'paused' || return 1
	e2e_snap "$E2E_TMP/paused"
	grep -q 'paused' "$E2E_TMP/paused" || return 1
	e2e_keys G
	e2e_wait '\| event ([0-9]+)/\1 ' || return 1
	# slowest, so that event 1 is still on screen when it is captured
	e2e_keys '<' '<' '<' '<' '<' '<' '<'
	e2e_wait '8000 ms per event' || return 1
	e2e_keys Space
	E2E_WHY="Space at the last event did not start again from the first"
	e2e_wait 'playing from the first event' || return 1
	e2e_wait '\| event 1/[0-9]+ '
}
e2e_check play case_play

case_help()
{
	fresh && e2e_wait_same "$START" || return 1
	e2e_keys '?'
	e2e_wait 'sitmap help' || return 1
	e2e_keys '?'
	e2e_wait_same "$START"
}
e2e_check help case_help

case_help_esc()
{
	fresh && e2e_wait_same "$START" || return 1
	e2e_keys '?'
	e2e_wait 'sitmap help' || return 1
	e2e_keys Escape
	e2e_wait_same "$START"
}
e2e_check help-esc case_help_esc

case_screenshot()
{
	fresh && e2e_wait_same "$START" || return 1
	e2e_keys s
	e2e_wait 'sitmap-1\.txt' || return 1
	cmp "$E2E_DIR/sitmap-1.txt" "$START" >&2
}
e2e_check screenshot case_screenshot

# A dangling sitmap-1.txt (a symlink to nothing) is a name taken: the next
# number is used, the link left alone, and every press saves.
case_screenshot_dangling()
{
	fresh && e2e_wait_same "$START" || return 1
	ln -s nowhere "$E2E_DIR/sitmap-1.txt"
	e2e_keys s
	e2e_wait 'saved .*/sitmap-2\.txt' || return 1
	e2e_keys s
	e2e_wait 'saved .*/sitmap-3\.txt' || return 1
	[ -L "$E2E_DIR/sitmap-1.txt" ] && [ "$(readlink "$E2E_DIR/sitmap-1.txt")" = nowhere ] &&
	    [ ! -e "$E2E_DIR/nowhere" ] && cmp "$E2E_DIR/sitmap-2.txt" "$START" >&2 &&
	    cmp "$E2E_DIR/sitmap-3.txt" "$START" >&2
}
e2e_check screenshot-dangling-link case_screenshot_dangling

# A full disk (here a 1 KB file size limit) says so and leaves no empty file.
case_screenshot_full()
{
	real=$SITMAP
	printf '#!/bin/sh\nulimit -f 1\nexec "%s" "$@"\n' "$real" >"$E2E_TMP/limited"
	chmod +x "$E2E_TMP/limited"
	SITMAP=$E2E_TMP/limited
	fresh
	ok=$?
	SITMAP=$real
	[ $ok = 0 ] && e2e_wait_same "$START" || return 1
	e2e_keys s
	e2e_wait 'cannot save .*/sitmap-1\.txt: File too large' || return 1
	e2e_keys s
	e2e_wait 'cannot save .*/sitmap-1\.txt: File too large' || return 1
	E2E_WHY="files left: $(ls -A "$E2E_DIR")"
	[ -z "$(ls -A "$E2E_DIR")" ]
}
e2e_check screenshot-full-disk case_screenshot_full

# X10 mouse reports (kmous=\E[M): ESC [ M, button+32, col+32, row+32, 1-based.
mouse()
{
	e2e_type "$(printf '\033[M%s' "$1")"
}

case_mouse_wheel()
{
	fresh && e2e_wait_same "$START" || return 1
	e2e_keys +
	e2e_wait_differ "$START" || return 1
	e2e_snap "$E2E_TMP/zoomed"
	e2e_keys 0
	e2e_wait_same "$START" || return 1
	mouse '`+&'			# wheel up at column 10, row 5
	e2e_wait_same "$E2E_TMP/zoomed" || return 1
	mouse 'a+&'			# wheel down
	e2e_wait_same "$START"
}
e2e_check mouse-wheel case_mouse_wheel

# Dragging 20 of 100 columns right pans left twice, as h h does. ncurses
# merges a press and release read at once, so a visible key (e, legend off)
# separates them.
case_mouse_drag()
{
	fresh && e2e_wait_same "$START" || return 1
	e2e_keys e h h
	e2e_wait_differ "$START" || return 1
	e2e_snap "$E2E_TMP/left2"
	e2e_keys 0 e
	e2e_wait_same "$START" || return 1
	mouse ' a/'			# press at column 65, row 15
	e2e_keys e
	e2e_wait_differ "$START" || return 1
	mouse '#u/'			# release at column 85
	e2e_wait_same "$E2E_TMP/left2"
}
e2e_check mouse-drag case_mouse_drag

case_resize()
{
	fresh && e2e_wait_same "$START" || return 1
	e2e_dump 80 24 >"$E2E_TMP/start-80x24" || return 1
	e2e_tmux resize-window -t "$E2E_SESS" -x 80 -y 24
	e2e_wait_size 80x24 || return 1
	E2E_WHY="after resize-window 80x24 the screen is not --dump --size 80x24"
	e2e_wait_same "$E2E_TMP/start-80x24" || return 1
	E2E_WHY=
	e2e_wait '^ sitmap: Mali .*\? help$'
}
e2e_check resize case_resize

# saved_ N FILE: sitmap-N.txt was written and holds FILE.
saved_()
{
	cmp -s "$E2E_DIR/sitmap-$1.txt" "$2"
}

# A resize and a screenshot in one batch of input: the screenshot read the
# canvas the resize had freed (heap-use-after-free under ASan). ncurses
# reports a resize only once the input runs dry, so s must arrive while the
# viewer is still handling the resize: the terminal is resized under tmux
# (stty, no waiting on tmux's resize timer) to a large size, slow to handle,
# and s follows at once. Each screenshot is the frame of the new size
# without the status line's message ("saved ..." from the round before), as
# --dump writes it. The screen is larger than the pane: the files are
# checked, not the screen.
case_resize_screenshot()
{
	e2e_end
	e2e_start 100 30 --
	e2e_wait 'sitmap: Mali' || return 1
	tty=$(e2e_fmt '#{pane_tty}')
	shots=0
	for size in 1000x300 999x301 1001x299; do
		cols=${size%x*} rows=${size#*x}
		e2e_dump "$cols" "$rows" >"$E2E_TMP/want-$size" || return 1
		stty -F "$tty" rows "$rows" cols "$cols" || return 1
		e2e_keys s
		shots=$((shots + 1))
		E2E_WHY="sitmap-$shots.txt is not --dump --size $size"
		e2e_poll saved_ "$shots" "$E2E_TMP/want-$size" || return 1
	done
	E2E_WHY="the viewer died"
	! e2e_dead_
}
e2e_check resize-screenshot case_resize_screenshot

case_tiny()
{
	e2e_end
	e2e_start 30 10 --
	e2e_wait 'terminal too small' || return 1
	e2e_keys n
	e2e_tmux resize-window -t "$E2E_SESS" -x 100 -y 30
	e2e_wait_size 100x30 || return 1
	e2e_wait_same "$START" || return 1
	e2e_tmux resize-window -t "$E2E_SESS" -x 30 -y 10
	e2e_wait 'terminal too small' || return 1
	e2e_keys q
	e2e_wait_dead
}
e2e_check tiny case_tiny

e2e_end
e2e_exit
