#!/usr/bin/env bash
# The threaded loading and counting under ThreadSanitizer (./sitmap-tsan): a cold cache,
# so that libproj is created in its thread while the shapefile is read, a
# layer large enough to be broken and decimated in two threads and
# projected on two cores, and events read in blocks meanwhile. Any report
# fails. Prints one line per case and ends with "N passed, N failed".
set -u
cd "$(dirname "$0")/../.." || exit 2
export LC_ALL=C.UTF-8 NO_COLOR=1
unset TERM COLUMNS LINES SITMAP_DATA SITMAP_NO_CACHE
pass=0 fail=0
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export XDG_CONFIG_HOME=$T/config XDG_CACHE_HOME=$T/cache
export TSAN_OPTIONS="log_path=$T/reports/tsan:halt_on_error=0"
mkdir "$T/reports"
ok() { pass=$((pass + 1)); echo "PASS $*"; }
ko() { fail=$((fail + 1)); echo "FAIL $*"; }

if [ ! -x sitmap-tsan ] || [ ! -x build/tool_bigshp ]; then
	echo "FAIL ./sitmap-tsan or build/tool_bigshp missing (make check builds them)"
	echo "0 passed, 1 failed"
	exit 1
fi

# The layer's vertices must reach every threshold that starts a thread
# (two-thread breaking and decimating, two-core projection, a second
# projection made for it), or this test would pass without any thread.
NV=300000
for name in SPLIT_POINTS SPLIT_MIN_POINTS MAKE_PRJ2_POINTS; do
	v=$(grep -h "^#define[[:space:]]*$name[[:space:]]" src/*.c | awk '{ print $3 }')
	if [ -z "$v" ] || [ "$v" -gt "$NV" ]; then
		ko "threshold $name (${v:-not found in src/*.c}) above the layer's $NV vertices"
	fi
done
build/tool_bigshp "$T/big" "$NV" 64 || ko "tool_bigshp"
# over 4 MiB of events: read in more than one block
tests/bench/gen_events.sh "$T" 60000 || ko "gen_events.sh"
DATA=(--map "$T/big.shp" --places "$T/places.csv" --events "$T/events-60000.csv")

# case NAME ARGS...: a cold run (a fresh cache each) that draws a frame
case_() {
	local name=$1 lines
	shift
	rm -rf "$XDG_CACHE_HOME"
	lines=$(timeout 120 ./sitmap-tsan --dump --size 120x40 "$@" 2>"$T/err" | wc -l)
	if [ "$lines" -eq 40 ] && [ ! -s "$T/err" ]; then ok "$name"
	else ko "$name: $lines lines, stderr: $(head -n 1 "$T/err")"; fi
}
# a plain proj-string: the PROJ thread makes the second projection too
case_ "cold, default projection" "${DATA[@]}"
# an EPSG code: the second projection is made when a level is large
case_ "cold, EPSG:32630" "${DATA[@]}" --proj EPSG:32630
# the default layers and data, as a first run writes the cache
case_ "cold, default layers" --date 2023-10-07
# an export over two chunks of 4096 events: its cache entry checked on two
# threads at the second run (a warm one: the cache is kept), and filtered
# on two (MATCH_THREAD_EVENTS)
build/tool_acledgen -s 9 12000 >"$T/acled.csv" || ko "tool_acledgen"
v=$(grep -h "^#define[[:space:]]*MATCH_THREAD_EVENTS[[:space:]]" src/*.c | awk '{ print $3 }')
if [ -z "$v" ] || [ "$v" -gt 12000 ]; then
	ko "threshold MATCH_THREAD_EVENTS (${v:-not found in src/*.c}) above the export's 12000 events"
fi
case_ "events cache written" --events "$T/acled.csv" --date 2019-05-01
lines=$(timeout 120 ./sitmap-tsan --dump --size 120x40 --events "$T/acled.csv" --date 2019-05-01 \
    --filter battles 2>"$T/err" | wc -l)
if [ "$lines" -eq 40 ] && [ ! -s "$T/err" ]; then ok "events cache read on two threads"
else ko "events cache read on two threads: $lines lines, stderr: $(head -n 1 "$T/err")"; fi
# the export parsed in parallel blocks (import.c), clean and with ids that
# an earlier block has (that block parsed again after the others' merge)
python3 tests/tools/blockvar.py dup-mixed <"$T/acled.csv" >"$T/dup.csv" || ko "blockvar.py"
for f in acled dup; do
	for n in 2 3; do
		lines=$(SITMAP_PARSE_THREADS=$n timeout 120 ./sitmap-tsan --no-cache --dump \
		    --size 120x40 --events "$T/$f.csv" --date 2019-05-01 2>"$T/err" | wc -l)
		if [ "$lines" -eq 40 ] && [ ! -s "$T/err" ]; then ok "$f.csv parsed in $n blocks"
		else ko "$f.csv in $n blocks: $lines lines, stderr: $(head -n 1 "$T/err")"; fi
	done
done

# over 32768 events a block: each block's events, places and maps grow in
# scratch rooms of the cache entry (taken and dropped on both threads, the
# entry's last reference dropped after it is written), the events made the
# image's on two threads, then read warm
v=$(grep -h "^#define[[:space:]]*IMAGE_THREAD_EVENTS[[:space:]]" src/*.c | awk '{ print $3 }')
if [ -z "$v" ] || [ "$v" -gt 70000 ]; then
	ko "threshold IMAGE_THREAD_EVENTS (${v:-not found in src/*.c}) above the export's 70000 events"
fi
build/tool_acledgen -s 4 70000 >"$T/rooms.csv" || ko "tool_acledgen"
rm -rf "$XDG_CACHE_HOME"
for run in cold warm; do
	lines=$(SITMAP_PARSE_THREADS=2 timeout 300 ./sitmap-tsan --dump --size 120x40 \
	    --events "$T/rooms.csv" --date 2019-05-01 --filter csp 2>"$T/err" | wc -l)
	if [ "$lines" -eq 40 ] && [ ! -s "$T/err" ]; then ok "scratch rooms on two threads, $run"
	else ko "scratch rooms on two threads, $run: $lines lines, stderr: $(head -n 1 "$T/err")"; fi
done

# an aggregate over COUNT_SNAP_MIN * 2 rows: a frame's counts per place come
# from snapshots of the counts (taken on two threads) and the rows since,
# and a window's start is counted so too
v=$(grep -h "^#define[[:space:]]*COUNT_SNAP_MIN[[:space:]]" src/*.c | sed 's/.*<< *\([0-9]*\).*/\1/')
if [ -z "$v" ] || [ $((2 << v)) -gt 600000 ]; then
	ko "threshold COUNT_SNAP_MIN (2^${v:-?}) above half the aggregate's 600000 rows"
fi
awk 'BEGIN { print "lat,lon,date,count"; for (i = 0; i < 600000; i++)
	printf "%.2f,%.2f,%s,%d\n", 12 + (i * 7 % 300) / 50, -8 + (i * 13 % 500) / 50,
	    sprintf("2020-%02d-%02d", 1 + int(i / 50000), 1 + (i % 28)), 1 + i % 5 }' >"$T/agg.csv"
lines=$(timeout 300 ./sitmap-tsan --no-cache --dump --size 120x40 --events "$T/agg.csv" \
    --date 2020-07-15 --window 45 2>"$T/err" | wc -l)
if [ "$lines" -eq 40 ] && [ ! -s "$T/err" ]; then ok "aggregate of 600000 rows counted from snapshots"
else ko "aggregate counted from snapshots: $lines lines, stderr: $(head -n 1 "$T/err")"; fi

for f in "$T"/reports/*; do
	[ -e "$f" ] || continue
	ko "ThreadSanitizer report ${f##*/}"
	head -n 60 "$f"
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
