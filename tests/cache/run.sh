#!/usr/bin/env bash
# The projected-layer cache never changes what is drawn: a cold run, a warm
# run and an uncached run give the same bytes, and a truncated, corrupted,
# foreign or stale entry is detected and rebuilt, never trusted.
set -u
cd "$(dirname "$0")/../.." || exit 2
export LC_ALL=C.UTF-8 NO_COLOR=1
unset SITMAP_NO_CACHE
pass=0 fail=0
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export XDG_CACHE_HOME=$T/cache
ARGS="--dump --size 120x40 --event E20"	# an event with a route: routes are cached too
ok() { pass=$((pass + 1)); echo "PASS $*"; }
ko() { fail=$((fail + 1)); echo "FAIL $*"; }
same() {	# NAME: a cached run must print the reference frame
	# shellcheck disable=SC2086
	./sitmap $ARGS >"$T/got" 2>"$T/err"
	if cmp -s "$T/ref" "$T/got" && [ ! -s "$T/err" ]; then ok "$1"
	else ko "$1"; diff "$T/ref" "$T/got" | head -5; head -3 "$T/err"; fi
}
entries() { find "$XDG_CACHE_HOME/sitmap" -name '*.bin' 2>/dev/null | sort; }

# shellcheck disable=SC2086
./sitmap $ARGS --no-cache >"$T/ref"
if [ -z "$(entries)" ]; then ok "no-cache writes nothing"; else ko "no-cache writes nothing"; fi
same "cold run equals uncached"
n=$(entries | wc -l)
if [ "$n" -eq 7 ]; then ok "one entry per layer, the places and the routes ($n)"
else ko "one entry per layer, the places and the routes ($n)"; fi
same "warm run equals uncached"

big=$(entries | xargs ls -S | head -1)
size=$(stat -c %s "$big")
truncate -s $((size / 2)) "$big"
same "truncated entry"
if [ "$(stat -c %s "$big")" -eq "$size" ]; then ok "truncated entry rebuilt"
else ko "truncated entry rebuilt"; fi

printf '\377' | dd of="$big" bs=1 seek=$((size / 3)) conv=notrunc status=none
same "corrupted byte"
if cmp -s <(./sitmap $ARGS --no-cache) "$T/ref"; then :; fi
small=$(entries | xargs ls -S | tail -1)
for f in $(entries); do [ "$f" != "$small" ] && cp "$small" "$f"; done
same "foreign entries (another key's file in every slot)"
for f in $(entries); do : >"$f"; done
same "empty entries"
head -c 5000 /dev/urandom >"$(entries | head -1)"
same "random bytes"

# a frame projects only the level of detail it draws, cached or not: the
# same bytes at every scale, down to every vertex
for z in 0.1 0.3 2 12 40; do
	# shellcheck disable=SC2086
	if cmp -s <(./sitmap $ARGS --center 18.44,1.41 --zoom $z --no-cache) \
	    <(./sitmap $ARGS --center 18.44,1.41 --zoom $z); then ok "zoom $z: uncached equals cached"
	else ko "zoom $z: uncached equals cached"; fi
done

# An entry grows: a first run writes the levels its frame drew, a frame
# that needs a finer one adds it. Each frame equals the uncached one, and a
# frame the entry can draw leaves it as it is (the same file, not rewritten).
W="--dump --size 120x40 --map maps/world_countries.shp --center 12,-2"
world_entry() { find "$XDG_CACHE_HOME/sitmap" -name '*.bin' -size +100k | head -1; }
grown() {	# NAME ZOOM WHAT: the frame at ZOOM from the cache, and what its entry did
	# shellcheck disable=SC2086
	./sitmap $W --zoom "$2" --no-cache >"$T/ref"
	before=$(stat -c '%i %s' "$(world_entry)" 2>/dev/null)
	# shellcheck disable=SC2086
	./sitmap $W --zoom "$2" >"$T/got" 2>"$T/err"
	after=$(stat -c '%i %s' "$(world_entry)" 2>/dev/null)
	if cmp -s "$T/ref" "$T/got" && [ ! -s "$T/err" ]; then ok "$1: equals uncached"
	else ko "$1: equals uncached"; diff "$T/ref" "$T/got" | head -5; fi
	case $3 in
	grew) [ "${after#* }" -gt "${before#* }" ] ;;
	kept) [ "$after" = "$before" ] ;;
	esac && ok "$1: entry $3 ($before -> $after)" || ko "$1: entry $3 ($before -> $after)"
}
rm -rf "$XDG_CACHE_HOME/sitmap"
# shellcheck disable=SC2086
./sitmap $W --zoom 1 >/dev/null
first=$(stat -c %s "$(world_entry)")
if [ "$first" -lt 1000000 ]; then ok "a first run writes the coarsest level only ($first bytes)"
else ko "a first run writes the coarsest level only ($first bytes)"; fi
grown "coarse frame, from the entry" 1 kept
grown "zoomed frame, a finer level" 3 grew
grown "zoomed further, every vertex" 12 grew
grown "coarse frame again" 1 kept
grown "zoomed frame again" 3 kept
grown "zoomed further again" 40 kept

# The directory's cap, least recently used first. An entry's last use is
# its mtime, set on a hit at most once a minute; ages are made with touch.
bins() { find "$XDG_CACHE_HOME/sitmap" -name '*.bin' -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }'; }
P() { echo "+proj=eqearth +lon_0=$1 +datum=WGS84 +units=m"; }
entry_of() {	# the world entry of projection $1 (its key names it), after a run with it
	# shellcheck disable=SC2086
	./sitmap $W --zoom 1 --proj "$(P "$1")" >/dev/null
	find "$XDG_CACHE_HOME/sitmap" -name '*.bin' -size +100k -print0 |
	    xargs -0 grep -lF -- "|layer with its sides|$(P "$1")|" | head -1
}
rm -rf "$XDG_CACHE_HOME/sitmap"
for lon in 10 20 30 40; do
	# shellcheck disable=SC2086
	SITMAP_CACHE_SIZE=1M ./sitmap $W --zoom 1 --proj "$(P $lon)" >/dev/null
done
n=$(find "$XDG_CACHE_HOME/sitmap" -name '*.bin' -size +100k | wc -l)
if [ "$(bins)" -le $((1 << 20)) ] && [ "$n" -eq 1 ]; then ok "the cap holds: $(bins) bytes, one world entry"
else ko "the cap holds: $(bins) bytes, $n world entries"; fi
# a cap smaller than an entry: the entry just written stays
# shellcheck disable=SC2086
SITMAP_CACHE_SIZE=1M ./sitmap $W --zoom 12 --proj "$(P 40)" >/dev/null
big=$(find "$XDG_CACHE_HOME/sitmap" -name '*.bin' -size +1024k | wc -l)
if [ "$big" -eq 1 ]; then ok "the entry just written stays, over the cap"
else ko "the entry just written stays, over the cap ($big)"; fi

# an entry the run mapped is in use: a run that maps it and writes another
# keeps it, however long ago its use was recorded (an export's entry and
# the layers' evicted each other at every other run)
rm -rf "$XDG_CACHE_HOME/sitmap"
tests/tools/gen_country.sh -n 40 niger >"$T/niger.csv"
# shellcheck disable=SC2086
SITMAP_CACHE_SIZE=1M ./sitmap $W --zoom 12 --proj "$(P 35)" >/dev/null
mapped=$(find "$XDG_CACHE_HOME/sitmap" -name '*.bin' -size +1024k)
touch -d '2 hours ago' "$XDG_CACHE_HOME"/sitmap/*.bin
# shellcheck disable=SC2086
SITMAP_CACHE_SIZE=1M ./sitmap $W --zoom 12 --proj "$(P 35)" --events "$T/niger.csv" >/dev/null
n=$(find "$XDG_CACHE_HOME/sitmap" -name '*.bin' -newer "$T/niger.csv" | wc -l)
if [ -n "$mapped" ] && [ -e "$mapped" ] && [ "$n" -ge 2 ]; then ok "an entry the run mapped stays, over the cap"
else ko "an entry the run mapped stays, over the cap (${mapped:-none}; $n written)"; fi

rm -rf "$XDG_CACHE_HOME/sitmap"
a=$(entry_of 10); b=$(entry_of 20)
touch -d '2 hours ago' "$XDG_CACHE_HOME"/sitmap/*.bin
touch -d '30 seconds ago' "$a"
before=$(stat -c %Y "$a")
entry_of 10 >/dev/null
if [ "$(stat -c %Y "$a")" = "$before" ]; then ok "a hit within the minute is not recorded again"
else ko "a hit within the minute is not recorded again"; fi
touch -d '2 minutes ago' "$a"
entry_of 10 >/dev/null
if [ $(($(date +%s) - $(stat -c %Y "$a"))) -lt 30 ]; then ok "a hit is recorded as the entry's last use"
else ko "a hit is recorded as the entry's last use"; fi
# leftovers: ours and old, ours and young, and a file that is not ours
old_tmp=$XDG_CACHE_HOME/sitmap/0123456789abcdef.bin.99999.tmp
young_tmp=$XDG_CACHE_HOME/sitmap/0123456789abcdef.bin.99998.tmp
: >"$old_tmp"; : >"$young_tmp"
touch -d '2 hours ago' "$old_tmp"
head -c 3000000 /dev/zero >"$XDG_CACHE_HOME/sitmap/notes.txt"
touch -d '3 hours ago' "$XDG_CACHE_HOME/sitmap/notes.txt"
# a third entry over the cap: b, the least recently used, goes; a stays
size=$(( $(bins) / 1024 + 300 ))K
SITMAP_CACHE_SIZE=$size entry_of 30 >/dev/null
if [ -e "$a" ] && [ ! -e "$b" ]; then ok "the least recently used goes first"
else ko "the least recently used goes first (a: $([ -e "$a" ] && echo kept), b: $([ -e "$b" ] && echo kept))"; fi
if [ ! -e "$old_tmp" ] && [ -e "$young_tmp" ]; then ok "a dead writer's old temporary file goes, a young one stays"
else ko "a dead writer's old temporary file goes, a young one stays"; fi
if [ -e "$XDG_CACHE_HOME/sitmap/notes.txt" ]; then ok "a file that is not an entry stays"
else ko "a file that is not an entry stays"; fi
rm -f "$young_tmp" "$XDG_CACHE_HOME/sitmap/notes.txt"
# the config file sets the cap, SITMAP_CACHE_SIZE overrides it
mkdir -p "$T/config/sitmap"
echo "cache-size = 1M" >"$T/config/sitmap/config"
for lon in 50 60 70; do
	# shellcheck disable=SC2086
	XDG_CONFIG_HOME=$T/config ./sitmap $W --zoom 1 --proj "$(P $lon)" >/dev/null
done
if [ "$(bins)" -le $((1 << 20)) ]; then ok "cache-size in the config file"
else ko "cache-size in the config file ($(bins) bytes)"; fi
for lon in 80 90; do
	# shellcheck disable=SC2086
	XDG_CONFIG_HOME=$T/config SITMAP_CACHE_SIZE=1G ./sitmap $W --zoom 1 --proj "$(P $lon)" \
	    >/dev/null
done
if [ "$(bins)" -gt $((1 << 20)) ]; then ok "SITMAP_CACHE_SIZE over the config file"
else ko "SITMAP_CACHE_SIZE over the config file ($(bins) bytes)"; fi
# the default cap keeps a global export's entry (2.7M ACLED rows: 1.18 GB;
# here a stand-in, older than the rest) when another map is opened; a 1 GiB
# cap would evict it. The cap counts what an entry takes on disk, not its
# holes: the stand-in's blocks are reserved
rm -rf "$XDG_CACHE_HOME/sitmap"
mkdir -p "$XDG_CACHE_HOME/sitmap"
export_entry=$XDG_CACHE_HOME/sitmap/fedcba9876543210.bin
fallocate -l 1300M "$export_entry" 2>/dev/null ||
	head -c 1300M /dev/zero >"$export_entry"
touch -d '2 hours ago' "$export_entry"
# shellcheck disable=SC2086
./sitmap $W --zoom 1 --proj "$(P 15)" >/dev/null
if [ -e "$export_entry" ]; then ok "the default cap keeps a 1.3 GB entry beside a new one"
else ko "the default cap keeps a 1.3 GB entry beside a new one"; fi
# shellcheck disable=SC2086
SITMAP_CACHE_SIZE=1G ./sitmap $W --zoom 1 --proj "$(P 25)" >/dev/null
if [ ! -e "$export_entry" ]; then ok "a 1G cap evicts the 1.3 GB entry"
else ko "a 1G cap evicts the 1.3 GB entry"; fi
# the same size in holes takes nothing: kept
truncate -s 1300M "$export_entry"
touch -d '2 hours ago' "$export_entry"
# shellcheck disable=SC2086
SITMAP_CACHE_SIZE=1G ./sitmap $W --zoom 1 --proj "$(P 35)" >/dev/null
if [ -e "$export_entry" ]; then ok "a 1G cap keeps a 1.3 GB entry of holes"
else ko "a 1G cap keeps a 1.3 GB entry of holes"; fi
rm -f "$export_entry"
if SITMAP_CACHE_SIZE=12x ./sitmap --dump >/dev/null 2>"$T/err"; then ko "a bad SITMAP_CACHE_SIZE"
elif [ $? -eq 2 ] && grep -q 'SITMAP_CACHE_SIZE "12x"' "$T/err"; then ok "a bad SITMAP_CACHE_SIZE: exit 2, named"
else ko "a bad SITMAP_CACHE_SIZE: $(cat "$T/err")"; fi

# Two processes at once, each evicting what the other writes and maps: no
# error and no other frame, an entry that has gone is a miss.
rm -rf "$XDG_CACHE_HOME/sitmap"
for lon in 10 20; do
	for z in 1 3; do
		# shellcheck disable=SC2086
		./sitmap $W --zoom $z --proj "$(P $lon)" --no-cache >"$T/ref$lon.$z"
	done
done
race() {	# LON: ten runs, alternately coarse and zoomed (entries grow, are rewritten)
	local i z
	for i in 1 2 3 4 5 6 7 8 9 10; do
		z=1; [ $((i % 2)) -eq 0 ] && z=3
		# shellcheck disable=SC2086
		SITMAP_CACHE_SIZE=1M ./sitmap $W --zoom $z --proj "$(P "$1")" >"$T/got$1.$i" \
		    2>>"$T/err$1" || echo "exit $?" >>"$T/err$1"
	done
}
: >"$T/err10"; : >"$T/err20"
race 10 & race 20 & wait
bad=0
for lon in 10 20; do
	[ -s "$T/err$lon" ] && bad=1
	for i in 1 2 3 4 5 6 7 8 9 10; do
		z=1; [ $((i % 2)) -eq 0 ] && z=3
		cmp -s "$T/ref$lon.$z" "$T/got$lon.$i" || bad=1
	done
done
if [ $bad -eq 0 ]; then ok "two processes at once, evicting each other"
else ko "two processes at once, evicting each other"; head -3 "$T/err10" "$T/err20"; fi

# a changed source file makes its entry stale: copy the data, then touch a layer
cp -r maps data "$T/"
ARGS="$ARGS --data-dir $T"
# shellcheck disable=SC2086
./sitmap $ARGS --no-cache >"$T/ref"
same "copied data, cold"
cp "$T/maps/mali_admin0.shp" "$T/x.shp" && cp "$T/x.shp" "$T/maps/mali_admin0.shp"
same "rewritten layer"
if [ -n "$(entries)" ] && ./sitmap --dump --no-cache >/dev/null; then ok "still usable"
else ko "still usable"; fi

# a GeoJSON layer is cached by the file's identity too: a cold and a warm
# run draw what an uncached one does, and a changed file is read again
printf '%s\n' '{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry":' \
	'{"type": "Polygon", "coordinates": [[[-4, 10], [4, 17], [-4, 25], [-12, 17], [-4, 10]]]}}]}' \
	>"$T/l.geojson"
ARGS="--dump --size 80x24 --map $T/l.geojson"
# shellcheck disable=SC2086
./sitmap $ARGS --no-cache >"$T/ref"
n=$(entries | wc -l)
same "geojson, cold"
if [ "$(entries | wc -l)" -gt "$n" ]; then ok "geojson layer cached"
else ko "geojson layer cached"; fi
same "geojson, warm"
sed -i 's/\[4, 17\]/[2, 18]/' "$T/l.geojson"
# shellcheck disable=SC2086
./sitmap $ARGS --no-cache >"$T/ref"
same "geojson changed, read again"

# The events cache: an export's places and timeline, by the file's identity.
# Every day of a span dumped from the cache is the day dumped without it,
# byte for byte, and so is the list of every event; a truncated or
# corrupt entry is said to be rebuilt, and rebuilt; a changed file misses.
build/tool_acledgen -s 5 9000 >"$T/acled.csv"	# over two chunks of 4096: checked on two threads
ev_entry() { grep -l 'events--1' $(entries) 2>/dev/null | head -1; }
ev_same() {	# NAME: the cached run prints the reference, saying nothing unless $2
	# shellcheck disable=SC2086
	./sitmap $ARGS >"$T/got" 2>"$T/err"
	if cmp -s "$T/ref" "$T/got" && { [ -n "${2:-}" ] || [ ! -s "$T/err" ]; }; then ok "$1"
	else ko "$1"; diff "$T/ref" "$T/got" | head -5; head -3 "$T/err"; fi
}
# cold_warm WHAT FILE ARGS: a cold run writes the entry, and it and a warm
# run print what an uncached run prints
cold_warm()
{
	ARGS="--events $2 $3"
	rm -rf "$XDG_CACHE_HOME"
	# shellcheck disable=SC2086
	./sitmap $ARGS --no-cache >"$T/ref"
	ev_same "$1: cold run equals uncached: $3"
	if [ -n "$(ev_entry)" ]; then ok "$1: entry written: $3"
	else ko "$1: entry written: $3"; fi
	ev_same "$1: warm run equals uncached: $3"
}
# A large export's events are built in scratch rooms of its entry (each
# block's, then the merged ones): the merged events and the id index are
# kept as the image's sections where they lie, the other rooms given back
# as holes. The entry reads as the uncached run, and takes on disk what an
# entry without the rooms would (its apparent size is larger)
build/tool_acledgen -s 6 150000 >"$T/big.csv"
# the filter scans the text's pieces that the image lists, not the holes
SITMAP_PARSE_THREADS=2 cold_warm "scratch rooms" "$T/big.csv" \
    "--list-events --format csv --filter csp"
SITMAP_PARSE_THREADS=2 cold_warm "scratch rooms" "$T/big.csv" \
    "--dump --size 100x30 --date 2020-01-01..2020-03-31 --window 30"
e=$(ev_entry)
if [ "$(( $(stat -c %b "$e") * $(stat -c %B "$e") ))" -lt "$(stat -c %s "$e")" ]; then
	ok "scratch rooms: holes in the entry"
elif fallocate -p -o 0 -l 4096 "$e" 2>/dev/null; then
	ko "scratch rooms: holes in the entry ($(stat -c '%b blocks, %s bytes' "$e"))"
else
	ok "scratch rooms: holes in the entry (the file system has none: not checked)"
fi
rm -f "$T/big.csv"
for args in "--dump --size 100x30 --date 2019-03-01..2019-04-15" \
    "--dump --size 80x24 --date 2021-07-01..2021-07-20 --window 30 --charset ascii" \
    "--list-events --format csv" "--list-events --format json --filter battles"; do
	cold_warm events "$T/acled.csv" "$args"
done
ARGS="--events $T/acled.csv --dump --size 100x30 --date 2019-03-01..2019-03-31"
# shellcheck disable=SC2086
./sitmap $ARGS --no-cache >"$T/ref"
ev_same "events: warm, another span"
e=$(ev_entry)
size=$(stat -c %s "$e")
truncate -s $((size / 2)) "$e"
ev_same "events: truncated entry" said
if grep -q 'events cache entry .*rebuilt' "$T/err"; then ok "events: truncated entry said"
else ko "events: truncated entry said"; cat "$T/err"; fi
if [ "$(stat -c %s "$(ev_entry)")" -eq "$size" ]; then ok "events: truncated entry rebuilt"
else ko "events: truncated entry rebuilt"; fi
ev_same "events: rebuilt entry read"
# where checked sections start: the image's trailer (368 bytes before the
# entry's last word) holds at[S_EVENTS] 192 bytes in, at[S_IDSLOTS] and
# at[S_PLACES] 80 and 88 bytes after it (src/timeline.c); the entry's body
# follows its magic, key length, key and padding. The text is bounded
# rather than summed: a byte changed there shows another text, not a crash
# (tests/unit/test_timeline.c). The events and the id index lie where they
# were built, in scratch rooms among the text's (9,000 events: 1.4 MB
# rooms), the other sections after the text.
klen=$(od -An -t u4 -j 8 -N 4 "$e" | tr -d ' ')
body=$(( (12 + klen + 7) / 8 * 8 ))
section() { echo $(( body + $(od -An -t u8 -j $((size - 8 - 368 + 192 + 8 * $1)) -N 8 "$e" |
    tr -d ' ') )); }
events=$(section 0) idslots=$(section 10) places=$(section 11)
if [ "$events" -gt "$body" ] && [ "$events" -lt "$places" ] && [ "$idslots" -lt "$places" ] &&
    [ "$places" -lt "$size" ]; then
	ok "events: the events and the id index in the body, before the places"
else ko "events: sections at $events, $idslots, $places of $size"; fi
for at in "$events" $((events + 4096)) "$idslots" "$places" $((size - 100)); do
	e=$(ev_entry)
	cp "$e" "$T/good"
	printf '\377\377\377\377' | dd of="$e" bs=1 seek="$at" conv=notrunc status=none
	if cmp -s "$e" "$T/good"; then printf '\0\0\0\0' | dd of="$e" bs=1 seek="$at" conv=notrunc status=none; fi
	ev_same "events: corrupt bytes at $at" said
	if grep -q 'events cache entry .*rebuilt' "$T/err"; then ok "events: corrupt bytes at $at said"
	else ko "events: corrupt bytes at $at said"; fi
done
# an entry of another layout (the tag in the image's trailer, 368 bytes
# before the entry's last word): said to come from another version, rebuilt
e=$(ev_entry)
size=$(stat -c %s "$e")
printf 'SMEVIMG0' | dd of="$e" bs=1 seek=$((size - 8 - 368)) conv=notrunc status=none
ev_same "events: entry of another version" said
if grep -q 'events cache entry written by another version: rebuilt' "$T/err"; then
	ok "events: entry of another version said"
else ko "events: entry of another version said"; cat "$T/err"; fi
ev_same "events: entry of another version rebuilt"
head -c 100000 /dev/urandom >"$(ev_entry)"
ev_same "events: random bytes" said
# a directory where the entry goes: no entry can be written there, so no
# run says it rebuilds one; each is read as an uncached one
e=$(ev_entry)
rm -f "$e"
mkdir "$e"
ev_same "events: a directory at the entry's path, read uncached, nothing said"
ev_same "events: a directory at the entry's path, again"
rmdir "$e"
touch -d '2001-01-01' "$T/acled.csv"
n=$(entries | wc -l)
ev_same "events: a changed file misses"
if [ "$(entries | wc -l)" -gt "$n" ]; then ok "events: a changed file has an entry of its own"
else ko "events: a changed file has an entry of its own"; fi
# shellcheck disable=SC2086
if gzip -c "$T/acled.csv" >"$T/acled.csv.gz" && cmp -s "$T/ref" <(./sitmap ${ARGS/acled.csv/acled.csv.gz}) &&
    cmp -s "$T/ref" <(./sitmap ${ARGS/acled.csv/acled.csv.gz}) &&
    cmp -s "$T/ref" <(./sitmap ${ARGS/$T\/acled.csv/-} <"$T/acled.csv"); then
	ok "events: gzip cached, standard input not"
else ko "events: gzip cached, standard input not"; fi

# a full disk (RLIMIT_FSIZE: 1 MiB, as ENOSPC would) while a first open
# parses the text into its entry's rooms: the first rooms fit, a later one
# is refused (memory instead), then the entry cannot be written. The run
# shows what an uncached one does, says nothing, and leaves no entry and
# no temporary file
rm -rf "$XDG_CACHE_HOME"
# shellcheck disable=SC2086
./sitmap $ARGS --no-cache >"$T/ref"
# shellcheck disable=SC2086
( ulimit -f 1024; exec ./sitmap $ARGS ) >"$T/got" 2>"$T/err"
status=$?
if [ "$status" = 0 ] && cmp -s "$T/ref" "$T/got" && [ ! -s "$T/err" ] && [ -z "$(ev_entry)" ] &&
    [ -z "$(find "$XDG_CACHE_HOME" -name '*.tmp')" ]; then
	ok "events: a full disk while the text is parsed into the entry"
else ko "events: a full disk while the text is parsed into the entry: status $status, $(head -c 200 "$T/err")"; fi
ev_same "events: then written whole"
if [ -n "$(ev_entry)" ]; then ok "events: then an entry"; else ko "events: then an entry"; fi

# An aggregate's counts (one weight per row) come back from the cache: the
# dumps, the list with its count column and the export that sums them are
# the uncached ones. Synthetic rows, over two chunks of 4096.
awk 'BEGIN { print "lat,lon,date,count,fatalities,label"
	for (i = 0; i < 9000; i++)
		printf "%.1f,%.1f,2024-%02d-%02d,%d,%s,%s\n", 12 + (i * 7) % 90 / 10,
		    -8 + (i * 13) % 120 / 10, 1 + i % 12, 1 + i % 28, (i * 31) % 977,
		    i % 5 ? i % 7 : "", i % 3 ? "cell " i % 50 : "" }' >"$T/agg.csv"
for args in "--dump --size 100x30" "--dump --size 80x24 --date 2024-06-15 --window 30 --charset ascii" \
    "--list-events --format csv" "--export csv --date 2024-03-31"; do
	cold_warm aggregate "$T/agg.csv" "$args"
done
# the counts are what is drawn: a cell of 977 events is not a cell of one row
if ./sitmap --events "$T/agg.csv" --export csv --date 2024-12-31 | python3 -c '
import csv, sys
got = sum(int(r["events"]) for r in csv.DictReader(sys.stdin))
want = sum(int(r["count"]) for r in csv.DictReader(open(sys.argv[1])))
sys.exit(got != want or want < 9000)' "$T/agg.csv"
then ok "aggregate: the export sums the counts, from the cache"
else ko "aggregate: the export sums the counts, from the cache"; fi

# The world view of an export: its title, the countries it names and the
# world layers cut and filtered by them come from the events cache's places
# and the layer cache's entries when warm. A zoom the cold run did not draw
# reads the cut layers again for a level their entries lack.
if tests/tools/gen_country.sh -n 60 sudan chad >"$T/sd.csv"; then
	for args in "--dump --size 160x50" "--dump --size 160x50 --zoom 12 --center 13.5,24"; do
		ARGS="--events $T/sd.csv $args"
		# shellcheck disable=SC2086
		./sitmap $ARGS --no-cache >"$T/ref"
		ev_same "world view, warm or cold, equals uncached: $args"
		ev_same "world view, warm, equals uncached: $args"
	done
	if head -1 "$T/ref" | grep -q 'Sudan'; then ok "world view: titled from the cached places"
	else ko "world view: titled from the cached places"; head -1 "$T/ref"; fi
else ko "world view: tests/tools/gen_country.sh"; fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
