#!/usr/bin/env bash
# The projected-layer cache never changes what is drawn: a cold run, a warm
# run and an uncached run give the same bytes, and a truncated, corrupted,
# foreign or stale entry is detected and rebuilt, never trusted.
set -u
cd "$(dirname "$0")/../.."
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

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
