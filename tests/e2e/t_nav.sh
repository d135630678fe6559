#!/bin/sh
# tests/e2e/t_nav.sh: navigating like tig and htop (issue 16): the first
# screen's hint, the events list, a site's history, following, the play
# state, layer digits, the search's matches, N, @, m, c, clicks on a place
# and on the strip, and a screenshot that cannot go where it should.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

e2e_have_tmux hint events-list-e21 events-list-80x24 history-scroll follow-playback play-state \
    layer-toggle search-as-typed next-match where-am-i where-options measure zoom-selection \
    click-place click-imported click-strip drag-strip-live help-scroll-80x24 screenshot-fallback tiny-10x4
e2e_server

START=$E2E_TMP/start-100x30
e2e_dump 100 30 >"$START" || { echo "FAIL hint"; exit 1; }

fresh()
{
	e2e_end
	e2e_start 100 30 -- "$@"
	e2e_wait 'sitmap: Mali'
}

# X10 mouse reports (kmous=\E[M): ESC [ M, button+32, col+32, row+32, 1-based.
mouse()
{
	e2e_type "$(printf '\033[M%s' "$1")"
}

# at COL ROW: the X10 bytes of cell COL, ROW (0-based, both under 95)
at()
{
	printf "\\$(printf %o $(($1 + 33)))\\$(printf %o $(($2 + 33)))"
}

# col_of FILE ROW TEXT: the column (0-based) where TEXT begins on ROW (1-based)
col_of()
{
	line=$(sed -n "$2p" "$1")
	case $line in *"$3"*) ;; *) return 1 ;; esac
	printf '%s' "${line%%"$3"*}" | LC_ALL=C.UTF-8 wc -m | tr -d ' '
}

# The hint until the first key; then the screen is the dump's.
case_hint()
{
	E2E_KEEP_HINT=1
	fresh
	E2E_KEEP_HINT=
	e2e_wait 'n next event · Space play · / search · E events · \? help' || return 1
	e2e_keys C-l
	e2e_wait_same "$START"
}
e2e_check hint case_hint

# E, a search for E21 in the list, Enter: the map on 7 Oct 2023, E21 in the panel
case_events_list()
{
	fresh || return 1
	e2e_keys E
	e2e_wait '^ Events: 57 .* 1/57$' || return 1
	e2e_keys /
	e2e_wait 'Search the list:' || return 1
	e2e_type E21
	e2e_keys Enter
	e2e_wait ' 25/57$' || return 1
	e2e_keys Enter
	e2e_wait '^ sitmap: Mali \| 7 Oct 2023 \| event 25/57' || return 1
	e2e_wait 'reported \| E21' || return 1
	e2e_wait 'E21, 7 Oct 2023: Anefis'
}
e2e_check events-list-e21 case_events_list

# at 80x24 the place and change columns give way, cut with a mark, so that
# the summary has a third of the width; a search still finds a cut place
case_events_list_80x24()
{
	e2e_end
	e2e_start 80 24 -- || return 1
	e2e_wait 'sitmap: Mali' || return 1
	e2e_keys E
	e2e_wait '^  E2   3 Aug 2023 +Ogossagou +handed to t… +Ogossagou temporary base …$' ||
		return 1
	e2e_keys /
	e2e_wait 'Search the list:' || return 1
	e2e_type 'gao army camp'
	e2e_keys Enter
	e2e_wait '^  E9   8 Sep 2023 +Gao army ca… '
}
e2e_check events-list-80x24 case_events_list_80x24

# Bamako's history at 80x12 is longer than a screen: End goes past it, Enter jumps
case_history_scroll()
{
	e2e_end
	e2e_start 80 12 --
	e2e_wait 'sitmap: Mali' || return 1
	e2e_keys /
	e2e_type bamako
	e2e_keys Enter
	e2e_wait 'Bamako \(' || return 1
	e2e_keys Enter
	e2e_wait '^ History: [0-9]+ events of Bamako and Bamako UN HQ camp' || return 1
	e2e_snap "$E2E_TMP/hist-top"
	first=$(sed -n 3p "$E2E_TMP/hist-top")
	n=$(grep -o ' 1/[0-9]*$' "$E2E_TMP/hist-top" | cut -d/ -f2)
	E2E_WHY="a history of $n events fits in one screen: nothing to scroll"
	[ "${n:-0}" -gt 8 ] || return 1
	e2e_keys End
	e2e_wait " $n/$n\$" || return 1
	E2E_WHY="the first row is still shown after End"
	e2e_capture | grep -qF -- "$first" && return 1
	E2E_WHY=
	e2e_keys PgUp k Enter
	e2e_wait '^ sitmap: Mali \| .* \| event [0-9]+/57'
}
e2e_check history-scroll case_history_scroll

# Zoomed in on Bamako, playback keeps each event's place in view: event 1
# (C1, Ménaka, far east) is shown with its label.
case_follow()
{
	fresh --center 12.64,-8.0 --zoom 8 || return 1
	e2e_keys '<' Space
	e2e_wait '\| event 1/57' || return 1
	e2e_capture >"$E2E_TMP/follow"
	grep -q '[■▲△◆▴·◇○◷] Ménaka' "$E2E_TMP/follow" || return 1
	# F: no more following; the map stays on Ménaka for Bamako's C2
	e2e_keys F
	e2e_wait 'not following' || return 1
	e2e_wait '\| event 2/57' || return 1
	e2e_keys Space
	e2e_wait '⏸' || return 1
	! e2e_match_ '[■▲△◆▴·◇○◷] Bamako'
}
e2e_check follow-playback case_follow

# ▶ and the pace while playing, ⏸ once paused, even after a pan; the ends marked
case_play_state()
{
	fresh || return 1
	e2e_keys '>' '>' '>'
	e2e_wait 'by event, 125 ms per event \(fastest\)' || return 1
	e2e_keys G Space
	e2e_wait 'playing from the first event' || return 1
	e2e_wait '▶ 125 ms/event \(fastest\)$' || return 1
	e2e_keys Space h
	e2e_wait '⏸ 125 ms/event \(fastest\)$'
}
e2e_check play-state case_play_state

# y, then 2 hides a layer and 2 shows it again: the same map as before
case_layer_toggle()
{
	fresh || return 1
	e2e_keys y
	e2e_wait '^.*Layers' || return 1
	e2e_snap "$E2E_TMP/layers"
	e2e_keys 2
	e2e_wait 'layer 2, .*: off' || return 1
	e2e_wait '2 \[ \]' || return 1
	e2e_keys 2
	e2e_wait 'layer 2, .*: on' || return 1
	e2e_snap "$E2E_TMP/layers-again"
	head -n 28 "$E2E_TMP/layers" >"$E2E_TMP/a"
	head -n 28 "$E2E_TMP/layers-again" >"$E2E_TMP/b"
	cmp -s "$E2E_TMP/a" "$E2E_TMP/b"
}
e2e_check layer-toggle case_layer_toggle

# at 80x24 a layer's title too long for the list ends in "...", not mid-word
case_layer_titles_cut()
{
	e2e_end
	e2e_start 80 24 -- || return 1
	e2e_wait 'sitmap: Mali' || return 1
	e2e_keys y
	e2e_wait '1 \[x\] neighbouring\.\.\.$' || return 1
	e2e_wait '2 \[x\] lakes and river\.\.\.$'
}
e2e_check layer-titles-cut case_layer_titles_cut

# the matches listed as the query is typed, an alternative name's inner part included
case_search_as_typed()
{
	fresh || return 1
	e2e_keys /
	e2e_type 'firhoun ag'
	e2e_wait '^ Gao army camp \(army-camp\)' || return 1
	e2e_keys BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace
	e2e_type gao
	e2e_wait '^ Gao \(town\)' || return 1
	e2e_wait '^ Gao UN camp \(un-camp\)' || return 1
	e2e_keys Escape
	e2e_wait_same "$START"
}
e2e_check search-as-typed case_search_as_typed

# / gao lands on the town; N goes on to the next match, and so does / gao again
case_next_match()
{
	fresh || return 1
	e2e_keys /
	e2e_type gao
	e2e_keys Enter
	e2e_wait 'Gao \(town\): .*match 1 of' || return 1
	e2e_keys N
	e2e_wait 'match 2 of' || return 1
	# the same query again: on to the next, not back to the first
	e2e_keys /
	e2e_type gao
	e2e_keys Enter
	e2e_wait 'match 3 of'
}
e2e_check next-match case_next_match

# @ prints a command; run, it prints this very screen
case_where()
{
	fresh || return 1
	e2e_keys @
	e2e_wait '^ sitmap --dump --size 100x30 ' || return 1
	# the message wraps at a blank: its lines down to the footer, joined by one
	cmd=$(e2e_capture | sed -n '/^ sitmap --dump /,/├/p' | grep -v '├' |
	    sed 's/^ //; s/ *$//' | tr '\n' ' ' | sed 's/ *$//')
	E2E_WHY="the command ($cmd) does not print the view"
	# shellcheck disable=SC2086	# the command's words, as a shell would split them
	eval "env $E2E_ENV \"\$SITMAP\" ${cmd#sitmap }" >"$E2E_TMP/where" || return 1
	cmp -s "$E2E_TMP/where" "$START"
}
e2e_check where-am-i case_where

# @ after an export, other maps, a projection, a data directory, a filter
# typed with f, a zoom and a pan: the command prints what s saves. The
# export's directory needs quoting (a blank and a quote in its name).
case_where_options()
{
	dir="$E2E_TMP/it's here"
	mkdir -p "$dir" "$E2E_TMP/shots" && cp "$E2E_ROOT/tests/fixtures/acled_control.csv" "$dir/a.csv" ||
	    return 1
	e2e_end
	e2e_start 100 30 "SITMAP_SCREENSHOT_DIR=$E2E_TMP/shots" -- --events "$dir/a.csv" \
	    --map "$E2E_ROOT/maps/mali_admin0.shp" --overlay "$E2E_ROOT/maps/rivers.shp" \
	    --proj EPSG:32630 --data-dir "$E2E_ROOT" --charset ascii || return 1
	e2e_wait 'sitmap: Mali' || return 1
	e2e_keys f
	e2e_type riots
	e2e_keys Enter
	e2e_wait 'riots' || return 1
	e2e_keys + l p
	e2e_keys s
	e2e_wait 'saved .*/shots/sitmap-1\.txt' || return 1
	e2e_keys @
	e2e_wait '^ sitmap --dump --size 100x30 ' || return 1
	# the message's lines down to the footer, the screen's last line
	cmd=$(e2e_capture | sed -n '/^ sitmap --dump /,$p' | sed '$d' |
	    sed 's/^ //; s/ *$//' | tr '\n' ' ' | sed 's/ *$//')
	E2E_WHY="the command ($cmd) does not print the view"
	for o in --events --map --overlay --proj --data-dir --filter; do
		case $cmd in *" $o "*) ;; *) E2E_WHY="no $o in: $cmd"; return 1 ;; esac
	done
	# shellcheck disable=SC2086	# the command's words, as a shell would split them
	eval "env $E2E_ENV \"\$SITMAP\" ${cmd#sitmap }" >"$E2E_TMP/where-o" || return 1
	cmp "$E2E_TMP/where-o" "$E2E_TMP/shots/sitmap-1.txt" >&2
}
e2e_check where-options case_where_options

case_measure()
{
	fresh || return 1
	e2e_keys /
	e2e_type kidal
	e2e_keys Enter m
	e2e_wait 'measuring from Kidal' || return 1
	e2e_keys /
	e2e_type 'gao army'
	e2e_keys Enter
	e2e_wait 'Kidal → Gao army camp: [0-9]+\.[0-9] km, bearing [0-9]+°'
}
e2e_check measure case_measure

# c: to Kidal, closer; the place stays selected and on screen
case_zoom_selection()
{
	fresh || return 1
	e2e_keys /
	e2e_type kidal
	e2e_keys Enter c
	e2e_wait '├.*┤ [0-9]+ (km|m) ' || return 1
	! e2e_match_ '200 km' || return 1
	e2e_wait 'Kidal' && e2e_wait 'Selected: Kidal'
}
e2e_check zoom-selection case_zoom_selection

# a click on Kidal's label (row 13, column 58 of the first frame, 31 Dec 2011:
# no status yet) selects it
case_click_place()
{
	fresh || return 1
	e2e_wait_same "$START" || return 1
	sed -n 13p "$START" | grep -q '· Kidal' || { E2E_WHY="Kidal moved"; return 1; }
	mouse ' Z-'			# press at column 58, row 13
	e2e_wait 'Selected: Kidal' || return 1
	mouse '#Z-'			# release
	e2e_wait 'Kidal \([0-9] places\)'
}
e2e_check click-place case_click_place

# An export is drawn as counts per cell: a click on a count's label or marker
# selects the place it is named by and says what the cell counts.
case_click_imported()
{
	csv=$E2E_ROOT/tests/fixtures/acled_control.csv
	e2e_dump 100 30 --events "$csv" >"$E2E_TMP/imported" || return 1
	fresh --events "$csv" || return 1
	e2e_wait_same "$E2E_TMP/imported" || return 1
	row=$(grep -n '▴ Kidal' "$E2E_TMP/imported" | head -n 1 | cut -d: -f1)
	E2E_WHY="no Kidal on the first frame"
	col=$(col_of "$E2E_TMP/imported" "$row" Kidal) || return 1
	E2E_WHY=
	mouse " $(at $((col + 2)) $((row - 1)))"
	mouse "#$(at $((col + 2)) $((row - 1)))"
	e2e_wait 'Kidal, retaken by the army: 1 event here \(Enter: its history\)' || return 1
	e2e_wait '▴ \[Kidal\]' || return 1
	e2e_wait 'Selected: Kidal, retaken by' || return 1
	# Anefis's marker counts 2-4 events
	row=$(grep -n '∘ Anefis' "$E2E_TMP/imported" | head -n 1 | cut -d: -f1)
	col=$(col_of "$E2E_TMP/imported" "$row" '∘ Anefis') || return 1
	mouse " $(at "$col" $((row - 1)))"
	mouse "#$(at "$col" $((row - 1)))"
	e2e_wait 'Anefis: [2-4] events here' || return 1
	e2e_wait '∘ \[Anefis\]' || return 1
	e2e_keys Enter
	e2e_wait '^ History: [2-4] events of Anefis'
}
e2e_check click-imported case_click_imported

# a click on the strip where "2016" begins (row 29, column 32): a day of 2016;
# a drag along it
case_click_strip()
{
	fresh || return 1
	e2e_wait_same "$START" || return 1
	sed -n 29p "$START" | grep -q '^ ▁······2013····2014·······▁···2016' ||
	    { E2E_WHY="the strip moved"; return 1; }
	mouse ' @='
	e2e_wait '^ sitmap: Mali \| [0-9]+ [A-Z][a-z]+ 2016 ' || return 1
	e2e_wait 'as of [0-9]+ [A-Z][a-z]+ 2016' || return 1
	mouse '#@='
	e2e_wait 'event 2/57' || return 1
	# a drag along the strip: pressed at 2016, let go at column 92, in 2023
	mouse ' @='
	e2e_wait 'as of [0-9]+ [A-Z][a-z]+ 2016' || return 1
	mouse '#|='
	e2e_wait '^ sitmap: Mali \| [0-9]+ [A-Z][a-z]+ 2023 '
}
e2e_check click-strip case_click_strip

# While the button is held on the strip, the day follows the pointer before
# it is let go: the viewer asks for motion reports (1002 or 1003) and reads them
case_drag_strip_live()
{
	fresh || return 1
	e2e_wait_same "$START" || return 1
	E2E_WHY="the viewer does not ask the terminal for motion reports"
	[ "$(e2e_fmt '#{mouse_button_flag}#{mouse_any_flag}')" != 00 ] || return 1
	E2E_WHY=
	mouse " $(at 31 28)"		# press where 2016 begins
	e2e_wait 'as of [0-9]+ [A-Z][a-z]+ 2016' || return 1
	mouse "@$(at 58 28)"		# moved with button 1 held: 2019
	e2e_wait '^ sitmap: Mali \| [0-9]+ [A-Z][a-z]+ 2019 ' || return 1
	mouse "@$(at 91 28)"		# on to 2023, still held
	e2e_wait '^ sitmap: Mali \| [0-9]+ [A-Z][a-z]+ 2023 ' || return 1
	mouse "#$(at 91 28)"		# let go: the day stays
	e2e_wait 'as of [0-9]+ [A-Z][a-z]+ 2023'
}
e2e_check drag-strip-live case_drag_strip_live

# help at 80x24 is longer than the screen: it scrolls as a list, its title
# says which lines are shown, and Esc leaves the map as it was
case_help_scroll()
{
	e2e_end
	e2e_start 80 24 -- || return 1
	e2e_wait 'sitmap: Mali' || return 1
	e2e_snap "$E2E_TMP/help-map"
	e2e_keys '?'
	e2e_wait 'sitmap help.* 1-[0-9]+/[0-9]+$' || return 1
	e2e_snap "$E2E_TMP/help-top"
	all=$(sed -n 2p "$E2E_TMP/help-top" | sed 's/.*\///')
	per=$(sed -n 2p "$E2E_TMP/help-top" | sed 's/.* 1-//; s/\/.*//')
	E2E_WHY="the help's first screen does not begin with the keys"
	sed -n 3p "$E2E_TMP/help-top" | grep -q 'Left h  *pan left' || return 1
	E2E_WHY="the help's last line is on its first screen at 80x24"
	grep -q 'GeoNames (CC BY' "$E2E_TMP/help-top" && return 1
	E2E_WHY=
	e2e_keys j
	e2e_wait " 2-$((per + 1))/$all\$" || return 1
	e2e_wait '^ *Right l  *pan right' || return 1
	e2e_keys G
	e2e_wait " $((all - per + 1))-$all/$all\$" || return 1
	e2e_wait 'Natural Earth, GeoNames \(CC BY 4\.0\)\.' || return 1
	# past the end stays at the end; k and PgUp go back, g to the top
	e2e_keys j
	e2e_keys k
	e2e_wait " $((all - per))-$((all - 1))/$all\$" || return 1
	e2e_keys PgUp
	e2e_wait " $((all - 2 * per + 1))-$((all - per))/$all\$" || return 1
	e2e_keys PgDn g
	e2e_wait " 1-$per/$all\$" || return 1
	e2e_keys Escape
	e2e_wait_same "$E2E_TMP/help-map"
}
e2e_check help-scroll-80x24 case_help_scroll

# the screenshot directory cannot take it: $HOME does, and the message says
# where and why; the file is the dump, without the message
case_screenshot_fallback()
{
	mkdir -p "$E2E_TMP/home"
	if [ "$(id -u)" = 0 ]; then
		# root writes anywhere: a directory that is not there stands for read-only
		dir=$E2E_TMP/not-there
	else
		dir=$E2E_TMP/ro
		mkdir -p "$dir" && chmod 555 "$dir"
	fi
	e2e_end
	e2e_start 100 30 "HOME=$E2E_TMP/home" "SITMAP_SCREENSHOT_DIR=$dir" -- || return 1
	e2e_wait 'sitmap: Mali' || return 1
	e2e_keys n
	e2e_wait 'event 1/57' || return 1
	e2e_keys s
	e2e_wait "saved .*/home/sitmap-1\.txt \(not .*: " || return 1
	env $E2E_ENV "$SITMAP" --dump --size 100x30 --event C1 >"$E2E_TMP/c1"
	cmp "$E2E_TMP/home/sitmap-1.txt" "$E2E_TMP/c1" >&2
}
e2e_check screenshot-fallback case_screenshot_fallback

# a 10x4 terminal: whole words only, and q still quits
case_tiny()
{
	e2e_end
	e2e_start 10 4 -- || return 1
	e2e_wait '^too small$' || return 1
	e2e_wait '^need 40x12$' || return 1
	e2e_keys q
	e2e_wait_dead
}
e2e_check tiny-10x4 case_tiny

e2e_end
e2e_exit
