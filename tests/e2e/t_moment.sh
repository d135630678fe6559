#!/bin/sh
# tests/e2e/t_moment.sh: the moment is a day. t shows the day asked for;
# day, week and month steps; events of one day and days of one event; the
# filter changes what n reaches; playback by time.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

e2e_have_tmux jump-day tui-equals-dump-on-a-day day-steps month-steps month-end \
    one-day-two-events one-event-two-days filter-changes-n acled-filter-n play-by-time
e2e_server

START=$E2E_TMP/start-100x30
e2e_dump 100 30 >"$START" || { echo "FAIL jump-day"; exit 1; }

fresh()
{
	e2e_end
	e2e_start 100 30 --
	e2e_wait_same "$START"
}

# a frame whose event panel is a full-width band under the map, for the
# checks that read the panel's head on one line
fresh_band()
{
	e2e_end
	e2e_start 80 60 --
	e2e_wait '^ sitmap: Mali \|'
}

# t DATE Enter, and the title showing WANT
jump()
{
	e2e_keys t
	e2e_wait 'Date' || return 1
	e2e_type "$1"
	e2e_keys Enter
	title "$2"
}

title()
{
	E2E_WHY="the title does not show $1"
	e2e_wait "^ sitmap: Mali \\| $1 \\|"
}

case_jump_day()
{
	fresh || return 1
	jump 2023-10-10 '10 Oct 2023'
}
e2e_check jump-day case_jump_day

# once the status message is gone, the screen is the dump of that day
case_tui_dump_day()
{
	fresh || return 1
	e2e_dump 100 30 --date 2023-12-15 >"$E2E_TMP/dec15" || return 1
	jump 2023-12-15 '15 Dec 2023' || return 1
	e2e_keys e e
	E2E_WHY="the screen at 15 Dec 2023 is not --dump --date 2023-12-15"
	e2e_wait_same "$E2E_TMP/dec15"
}
e2e_check tui-equals-dump-on-a-day case_tui_dump_day

case_day_steps()
{
	fresh || return 1
	jump 2023-10-10 '10 Oct 2023' || return 1
	e2e_keys .
	title '11 Oct 2023' || return 1
	e2e_keys , ,
	title '9 Oct 2023' || return 1
	e2e_keys '}'
	title '16 Oct 2023' || return 1
	e2e_keys '{' '{'
	title '2 Oct 2023'
}
e2e_check day-steps case_day_steps

case_month_steps()
{
	fresh || return 1
	jump 2023-10-10 '10 Oct 2023' || return 1
	e2e_keys ')'
	title '10 Nov 2023' || return 1
	e2e_keys '(' '('
	title '10 Sep 2023' || return 1
	# a month stays a month
	jump 2023-11 'Nov 2023' || return 1
	e2e_keys ')'
	title 'Dec 2023' || return 1
	e2e_keys .
	title '1 Jan 2024'
}
e2e_check month-steps case_month_steps

# the same day of the month, or the month's last
case_month_end()
{
	fresh || return 1
	jump 2024-01-31 '31 Jan 2024' || return 1
	e2e_keys ')'
	title '29 Feb 2024' || return 1
	e2e_keys ')'
	title '29 Mar 2024'
}
e2e_check month-end case_month_end

# n steps through the events of one day: the panel changes, the day does not
case_one_day_two_events()
{
	fresh_band || return 1
	jump 2023-09-10 '10 Sep 2023' || return 1
	e2e_keys n
	title '11 Sep 2023' || return 1
	E2E_WHY="the panel does not show E10"
	e2e_wait '^ 11 Sep 2023 \| Timbuktu UN camp \| reported \| E10' || return 1
	e2e_keys n
	E2E_WHY="the panel does not show E11 on the same day"
	e2e_wait '^ 11 Sep 2023 \| Kidal \| reported \| E11' || return 1
	title '11 Sep 2023' || return 1
	e2e_keys p
	e2e_wait '\| E10' || return 1
	title '11 Sep 2023'
}
e2e_check one-day-two-events case_one_day_two_events

# E13: Léré held by the CSP on 17 Sep, retaken on 18 Sep; n reaches both
case_one_event_two_days()
{
	fresh_band || return 1
	jump 2023-09-16 '16 Sep 2023' || return 1
	e2e_keys n
	title '17 Sep 2023' || return 1
	E2E_WHY="Léré is not held by rebels on 17 Sep"
	e2e_wait '◆ Léré|Léré ◆' || return 1
	e2e_keys n
	title '18 Sep 2023' || return 1
	E2E_WHY="Léré is not retaken on 18 Sep"
	e2e_wait '▴ Léré|Léré ▴' || return 1
	e2e_wait '^ 17-18 Sep 2023 \| Léré \| reported \| E13'
}
e2e_check one-event-two-days case_one_event_two_days

# without a filter n reaches C1; with one, the first event that matches
# (E11, whose actors are the CMA and the CSP)
case_filter_n()
{
	want=E11
	fresh_band || return 1
	e2e_keys n
	e2e_wait '\| reported \| C1' || return 1
	e2e_keys g
	e2e_keys f
	e2e_wait 'Filter' || return 1
	e2e_type CSP
	e2e_keys Enter
	e2e_wait 'filter "csp": [0-9]+ of 57 events' || return 1
	e2e_keys g
	E2E_WHY="g with the filter csp does not reach $want"
	e2e_wait "\\| reported \\| $want\$" || e2e_wait "\\| reported \\| $want " || return 1
	e2e_wait '\| event 1/[0-9]+ \| filter: csp' || return 1
	# one event matches "lere" (accents ignored): n reaches its two days, then stops;
	# the prompt does not say "type or actor" only, since a place matches too
	e2e_keys f
	e2e_wait '^Filter \(any text; empty: all\):' || return 1
	e2e_type LERE
	e2e_keys Enter
	e2e_wait 'filter "lere": 1 of 57 events' || return 1
	e2e_keys g
	title '17 Sep 2023' || return 1
	e2e_keys n
	title '18 Sep 2023' || return 1
	e2e_wait '\| E13' || return 1
	e2e_keys n
	E2E_WHY="n went past the only event that matches"
	e2e_wait 'no later event matches the filter "lere"' || return 1
	title '18 Sep 2023'
}
e2e_check filter-changes-n case_filter_n

# ACLED data: n and p go through the events the filter keeps, and only those
case_acled_filter()
{
	e2e_end
	e2e_start 80 60 -- --events "$E2E_ROOT/tests/fixtures/acled_small.csv"
	e2e_wait '\| MLI1007' || return 1
	e2e_keys f
	e2e_wait 'Filter' || return 1
	e2e_type protest
	e2e_keys Enter
	e2e_wait 'filter "protest": 1 of 8 events' || return 1
	E2E_WHY="the panel does not show the only protest, MLI1005"
	e2e_wait 'last: MLI1005, 7 Oct 2023 \| Bamako' || return 1
	e2e_keys n
	E2E_WHY="n went to an event the filter drops"
	e2e_wait 'no later event matches the filter "protest"' || return 1
	# p goes back to that event's day first, then finds no earlier one
	e2e_keys p
	E2E_WHY="p did not go back to MLI1005's day"
	e2e_wait '^ 7 Oct 2023 \| Bamako \| reported \| MLI1005' || return 1
	title '7 Oct 2023' || return 1
	e2e_keys p
	E2E_WHY="p went to an event the filter drops"
	e2e_wait 'no earlier event matches the filter "protest"'
}
e2e_check acled-filter-n case_acled_filter

# by time at 1 day per second: 11 Oct, then 12 Oct, whatever the events
case_play_by_time()
{
	fresh || return 1
	jump 2023-10-10 '10 Oct 2023' || return 1
	e2e_keys P
	e2e_wait 'playback by time, 7 days per second' || return 1
	e2e_keys '<' '<'
	e2e_wait 'playback by time, 1 day per second' || return 1
	e2e_keys Space
	e2e_wait 'playing by time, 1 day per second' || return 1
	title '11 Oct 2023' || return 1
	title '12 Oct 2023' || return 1
	e2e_keys Space
	e2e_wait 'paused' || return 1
	e2e_keys P
	e2e_wait 'playback by event, 1000 ms per event'
}
e2e_check play-by-time case_play_by_time

e2e_end
e2e_exit
