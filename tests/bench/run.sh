#!/usr/bin/env bash
# make bench: whole-process and in-process timings against the targets of
# the speed issue. Inputs are prepared in tests/bench/inputs (ignored by git):
# the world-atlas 2.0.2 countries at 1:110m, 1:50m and 1:10m (npm + ogr2ogr,
# installed from Debian when missing) and synthetic events. A benchmark, not a
# test: it always exits 0 unless it cannot run at all.
set -u
cd "$(dirname "$0")/../.."
export LC_ALL=C.UTF-8 NO_COLOR=1
W=tests/bench/inputs
B=build/tool_bench
RUNS=${RUNS:-21}
mkdir -p "$W"
export XDG_CACHE_HOME=$PWD/$W/cache

world() {	# prepares $W/countries{110m,50m,10m}.shp; returns 1 if it cannot
	[ -f "$W/countries10m.shp" ] && return 0
	if ! command -v ogr2ogr >/dev/null || ! command -v npm >/dev/null; then
		sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
		$sudo apt-get install -y -qq gdal-bin npm >/dev/null 2>&1 || return 1
	fi
	(cd "$W" && npm pack --silent world-atlas@2.0.2 >/dev/null 2>&1 &&
		tar xzf world-atlas-2.0.2.tgz) || return 1
	for r in 110m 50m 10m; do
		ogr2ogr -f 'ESRI Shapefile' "$W/countries$r.shp" "$W/package/countries-$r.json" \
			countries -where "OGR_GEOM_AREA > 0" 2>/dev/null || return 1
	done
}

rows=()
row() { rows+=("$*"); }	# NAME MEDIAN MIN MAX RSS TARGET [NOTE...]
# run NAME TARGET -- command: median/min/max over RUNS, peak RSS
run() {
	local name=$1 target=$2 out
	shift 3
	# shellcheck disable=SC2046
	if out=$($B run "$RUNS" "$name" -- "$@"); then
		set -- $out
		row "$1 $2 $3 $4 $6MiB $target"
	else
		row "$name - - - - $target ERROR"
	fi
}

echo "sitmap bench: $(nproc) cores, $(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
rm -rf "$XDG_CACHE_HOME"
./sitmap --dump >/dev/null
# floors: a process that does nothing, and one that only loads libproj
run floor-empty-process - -- true
run floor-load-libproj - -- $B dlopen-proj
run mali-100x40-warm 10 -- ./sitmap --dump --size 100x40
run mali-100x40-cold 40 -- ./sitmap --dump --size 100x40 --no-cache
# the very first run: nothing cached yet, every level projected and written
# (through sh, to empty the cache before each run: about 1 ms more)
run mali-100x40-first - -- sh -c 'rm -rf "$XDG_CACHE_HOME/sitmap"; exec ./sitmap --dump --size 100x40'
run mali-200x60-warm - -- ./sitmap --dump --size 200x60
if world; then
	for r in 110m 50m 10m; do
		t_warm=- t_cold=-
		[ $r = 10m ] && t_warm=12 t_cold=30
		./sitmap --dump --map "$W/countries$r.shp" --size 160x50 >/dev/null
		run "world-$r-160x50-warm" $t_warm -- ./sitmap --dump --map "$W/countries$r.shp" --size 160x50
		run "world-$r-160x50-cold" $t_cold -- ./sitmap --dump --no-cache --map "$W/countries$r.shp" --size 160x50
	done
	run world-10m-160x50-first - -- sh -c 'rm -rf "$XDG_CACHE_HOME/sitmap"; exec ./sitmap --dump --map "$0" --size 160x50' "$W/countries10m.shp"
else
	row "world-* - - - - - SKIPPED: no npm or gdal-bin to prepare the world files"
fi

# in-process: interactive frames at 200x60 with the default layers
while read -r name med min max _; do
	case $name in
	frame-200x60) row "$name $med $min $max - 2/8" ;;
	*) row "$name $med $min $max - -" ;;
	esac
done < <($B frames .)

for n in 10000 100000 1000000; do
	[ -f "$W/events-$n.csv" ] || tests/bench/gen_events.sh "$W" "$n"
	# the load and memory targets are for a million events; smaller files
	# show how the costs scale (fixed costs weigh more there)
	t_load=- t_mem=-
	[ "$n" = 1000000 ] && t_load=1000 t_mem=150
	while read -r name a b c _ rest; do
		case $name in
		events-load) row "events-$n-load-ms $a $b $c - $t_load ${rest#* rows }" ;;
		events-memory) row "events-$n-bytes-per-event $a - - - $t_mem beyond the text" ;;
		events-state-at-date) row "events-$n-state-at-date $a $b $c - 10" ;;
		events-step) row "events-$n-step $a $b $c - 1" ;;
		events-filter) row "events-$n-filter $a $b $c - -" ;;
		events-aggregated-frame) row "events-$n-aggregated-frame $a $b $c - 20" ;;
		esac
	done < <($B events "$W/places.csv" "$W/events-$n.csv")
done

# places files of n rows (ids checked for duplicates while loading): a
# quadratic check took 0.18 s at 10k rows, 3.2 s at 40k, over 20 s at 100k
for n in 10000 40000 100000 200000; do
	[ -f "$W/places-$n.csv" ] || awk -v n="$n" 'BEGIN {
		print "id,name,lat,lon,kind,initial,source"
		for (i = 0; i < n; i++) {
			lat = 10.5 + (i * 7919 % 1400) / 100; lon = -11.5 + (i * 104729 % 1500) / 100
			printf "place-%d,Place %d,%.4f,%.4f,village,none,https://example.org/p%d\n", i, i, lat, lon, i
		}
	}' >"$W/places-$n.csv"
	t_load=-
	[ "$n" = 200000 ] && t_load=1000
	while read -r name a b c _ rows _; do
		[ "$name" = places-load ] && row "places-$n-load-ms $a $b $c - $t_load $rows rows"
	done < <($B places "$W/places-$n.csv")
done

printf '\n%-30s %9s %9s %9s %9s %7s %s\n' "case (ms unless said)" median min max "peak RSS" target ""
for r in "${rows[@]}"; do
	# shellcheck disable=SC2086
	set -- $r
	name=$1 med=$2 min=$3 max=$4 rss=$5 target=$6
	shift 6
	mark=""
	if [ "$target" != - ] && [ "$med" != - ]; then
		if [ "${target#*/}" != "$target" ]; then	# median/worst
			awk -v m="$med" -v x="$max" -v t="$target" 'BEGIN { split(t, a, "/");
				exit !(m <= a[1] && x <= a[2]) }' && mark=pass || mark=FAIL
		else
			awk -v m="$med" -v t="$target" 'BEGIN { exit !(m <= t) }' && mark=pass || mark=FAIL
		fi
	fi
	printf '%-30s %9s %9s %9s %9s %7s %-4s %s\n' "$name" "$med" "$min" "$max" "$rss" \
		"$target" "$mark" "$*"
done
