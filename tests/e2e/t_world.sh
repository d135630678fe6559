#!/bin/sh
# tests/e2e/t_world.sh: an export of another country in the viewer. It opens
# on the world's layers titled by its country, as its dump does; zooming
# out stops at the region its layers are cut to (capitals labelled there),
# zooming in draws the borders finer; strays are said on the status line.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

e2e_have_tmux world-startup world-tui-equals-dump world-zoom world-strays
e2e_server

G=$E2E_TMP/gen
"$E2E_ROOT/tests/golden/inputs.sh" "$G" >/dev/null || { echo "FAIL world-startup"; exit 1; }
START=$E2E_TMP/world-100x30
e2e_dump 100 30 --events "$G/sudan.csv" >"$START" || { echo "FAIL world-startup"; exit 1; }

fresh()
{
	e2e_end
	e2e_start 100 30 -- --events "$G/sudan.csv"
	e2e_wait 'sitmap: Sudan' && e2e_wait 'Khartoum'
}

if fresh; then e2e_pass world-startup
else e2e_fail world-startup "no Sudan title or no Khartoum"; fi

e2e_check world-tui-equals-dump e2e_wait_same "$START"

# out until the limit, a step at a time: capitals of the region by then
case_zoom()
{
	fresh && e2e_wait_same "$START" || return 1
	n=0
	while [ $n -lt 12 ]; do
		e2e_keys -
		n=$((n + 1))
		e2e_capture | grep -q 'widest zoom' && break
	done
	E2E_WHY="zooming out never said: widest zoom"
	e2e_wait 'widest zoom' || return 1
	E2E_WHY="no capital of the region at the widest zoom"
	e2e_wait 'Cairo|Addis Ababa|N.Djamena' || return 1
	e2e_keys 0
	e2e_wait_same "$START" || return 1
	e2e_keys + + +
	E2E_WHY="zoomed in three steps, the frame is the start's"
	e2e_wait_differ "$START" || return 1
	e2e_keys 0
	e2e_wait_same "$START"
}
e2e_check world-zoom case_zoom

case_strays()
{
	e2e_end
	e2e_start 100 30 -- --events "$G/sudan_strays.csv"
	E2E_WHY="the status line does not count the strays"
	e2e_wait '2 events lie outside the map: --zoom 0.2 shows them'
}
e2e_check world-strays case_strays

e2e_exit
