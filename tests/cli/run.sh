#!/usr/bin/env bash
# Command-line behaviour: exit statuses and the exact messages for bad input.
# Prints one line per case and ends with "N passed, N failed".
set -u
cd "$(dirname "$0")/../.." || exit 2
export LC_ALL=C.UTF-8 NO_COLOR=1
pass=0 fail=0
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export XDG_CONFIG_HOME="$T/config"
# The binary under test: tests/run.sh runs this suite again on ./sitmap-asan.
SITMAP=$(realpath "${SITMAP:-./sitmap}")
export SITMAP
[ "$SITMAP" = "$(realpath ./sitmap)" ] && release=1 || release=

# expect NAME STATUS STDERR-LINE -- ARGS...: exit status and the first stderr line
expect() {
	local name=$1 want_status=$2 want_err=$3 status err
	shift 4
	"$SITMAP" "$@" >"$T/out" 2>"$T/err" </dev/null
	status=$?
	err=$(head -n 1 "$T/err")
	if [ "$status" = "$want_status" ] && [ "$err" = "$want_err" ]; then
		pass=$((pass + 1)); echo "PASS $name"
	else
		fail=$((fail + 1)); echo "FAIL $name: status $status, stderr: $err"
		echo "     wanted $want_status, stderr: $want_err"
	fi
}
check() {	# NAME COMMAND...: the command must succeed
	local name=$1
	shift
	if "$@" >/dev/null 2>&1; then pass=$((pass + 1)); echo "PASS $name"
	else fail=$((fail + 1)); echo "FAIL $name"; fi
}

expect size-zero 2 'sitmap: --size "0x0": expected WxH, each 1 to 2000' -- --dump --size 0x0
expect size-huge 2 'sitmap: --size "100000x100000": expected WxH, each 1 to 2000' -- --dump --size 100000x100000
expect size-negative 2 'sitmap: --size "-5x10": expected WxH, each 1 to 2000' -- --dump --size -5x10
expect size-junk 2 'sitmap: --size "80x24x": expected WxH, each 1 to 2000' -- --dump --size 80x24x
expect charset 2 'sitmap: --charset "ebcdic": expected braille, block or ascii' -- --dump --charset ebcdic
expect bad-date 2 'sitmap: --date "2023-02-30": expected a real date, YYYY-MM-DD or YYYY-MM (or FROM..TO, of days)' -- --dump --date 2023-02-30
expect unknown-flag 2 'sitmap: unknown option "--bogus"' -- --bogus
expect missing-value 2 'sitmap: option --size needs a value' -- --dump --size
expect stray-arg 2 'sitmap: unexpected argument "extra"' -- --dump extra
expect hostile-arg 2 'sitmap: --charset "A]0;xB": expected braille, block or ascii' -- --charset $'A\e]0;x\aB'
expect date-and-event 2 'sitmap: --date and --event choose the same thing; give one' -- --dump --date 2023-10-07 --event E21
expect bad-center 2 'sitmap: --center "95,1": expected LAT,LON in degrees' -- --dump --center 95,1
expect bad-window 2 'sitmap: --window "-3": expected a number of days, 0 to 100000' -- --dump --window -3
expect bad-zoom 2 'sitmap: --zoom "0": expected a number from 0.01 to 100000' -- --dump --zoom 0
expect bad-proj 2 'sitmap: projection "+proj=nonsense": proj_create: Error 1027 (Invalid value for an argument): Unknown projection' -- --dump --proj +proj=nonsense
# a point the projection cannot take is bad usage too
expect center-outside-projection 2 'sitmap: --center "-90,-180": the point cannot be projected' -- --dump --center -90,-180
# a long bad value is quoted cut short, not echoed whole
"$SITMAP" --dump --proj "+proj=$(head -c 100000 /dev/zero | tr '\0' x)" >/dev/null 2>"$T/err"
check bad-proj-100k-exit-2 test $? = 2
check bad-proj-100k-short test "$(wc -c <"$T/err")" -lt 400
# no hexadecimal numbers, whatever the option
expect hex-center 2 'sitmap: --center "0x10,1": expected LAT,LON in degrees' -- --dump --center 0x10,1
expect hex-zoom 2 'sitmap: --zoom "0x1p3": expected a number from 0.01 to 100000' -- --dump --zoom 0x1p3
expect hex-step 2 'sitmap: --step-seconds "0x1": expected a number from 0.001 to 3600' -- --cast x --step-seconds 0x1
expect hex-fps 2 'sitmap: --fps "0x10": expected a number from 0.001 to 3600' -- --cast x --fps 0x10
expect hex-window 2 'sitmap: --window "0x10": expected a number of days, 0 to 100000' -- --dump --window 0x10
expect hex-size 2 'sitmap: --size "0x10x10": expected WxH, each 1 to 2000' -- --dump --size 0x10x10
# a range is of days, as in the data: a month at an end gets its days in the message
expect date-range-months 2 'sitmap: --date "2023-10..2023-12": a range FROM..TO is of days, YYYY-MM-DD..YYYY-MM-DD: 2023-10-01..2023-12-31 for these' -- --dump --date 2023-10..2023-12
expect date-range-backwards 2 'sitmap: --date "2023-10-08..2023-10-07": FROM is after TO' -- --export csv --date 2023-10-08..2023-10-07
expect date-range-bad 2 'sitmap: --date "2023-10-07..x": expected a range of real days, YYYY-MM-DD..YYYY-MM-DD' -- --dump --date 2023-10-07..x
# frame options are silent in reports, which draw nothing (sitmap.1, OPTIONS):
# the same rows, and no colour in them
"$SITMAP" --list-events >"$T/list-plain"
"$SITMAP" --export csv --date 2023-10-07 >"$T/export-plain"
check list-color-silent sh -c '"$0" --list-events --color --size 80x24 --charset ascii 2>&1 | \
	cmp - "$1"' "$SITMAP" "$T/list-plain"
check export-colour-silent sh -c '"$0" --export csv --date 2023-10-07 --colour --zoom 3 2>&1 | \
	cmp - "$1"' "$SITMAP" "$T/export-plain"
# a place's source is a column of every places file, a scenario's too (sitmap.1, FILES)
printf 'id,name,lat,lon,kind\nx,X,12.5,1,town\n' >"$T/nosource.csv"
expect places-need-source 1 "sitmap: $T/nosource.csv:1: missing column \"source\"" -- --dump --places "$T/nosource.csv"
expect unknown-event 2 'sitmap: --event "E999": no event has this id (--list-events lists them)' -- --dump --event E999
expect unknown-event-export 2 'sitmap: --event "E99": no event has this id (--list-events lists them)' -- --export csv --event E99
expect missing-places 1 "sitmap: $T/none.csv: No such file or directory" -- --dump --places "$T/none.csv"
expect missing-map 1 "sitmap: $T/none.shp: No such file or directory" -- --dump --map "$T/none.shp"
printf 'id,name,lat,lon,kind,source\nx,X,12.5,abc,town,s\n' >"$T/p.csv"
expect bad-lon 1 "sitmap: $T/p.csv:2: lon \"abc\" is not a longitude" -- --dump --places "$T/p.csv"
printf 'id,name,lat,lon,kind,source\nx,"X,12.5,1,town,s\n' >"$T/q.csv"
expect bad-quote 1 "sitmap: $T/q.csv:2: unterminated quoted field" -- --dump --places "$T/q.csv"
expect distance-unknown 2 'sitmap: --distance "Atlantis": no place has this name, id or spelling' -- --distance Atlantis Kidal
expect distance-unknown-second 2 'sitmap: --distance "Nowhere": no place has this name, id or spelling' -- --distance Gao Nowhere
expect help 0 '' -- --help
expect version 0 '' -- --version

check help-attribution grep -q 'OpenStreetMap contributors' <("$SITMAP" --help)
check version-libs grep -q '^PROJ 9' <("$SITMAP" --version)
check keys-lists-quit grep -q 'quit$' <("$SITMAP" --keys)
check distance-gao-kidal grep -q '^Gao -> Kidal: 28[0-9]\.[0-9] km' <("$SITMAP" --distance Gao Kidal)
# a part of an alternative name, accents and case aside
check distance-substring grep -q '^Gao army camp -> Kidal UN camp: 28[0-9]\.[0-9] km' \
	<("$SITMAP" --distance 'FIRHOUN ag' 'minusma kidal')
check list-all-events test "$("$SITMAP" --list-events | wc -l)" -eq "$(($(grep -c '^[CEP][0-9]' data/events.csv) + 1))"
check plain-dump-no-escape sh -c '! "$SITMAP" --dump | grep -q "$(printf "\033")"'
check color-dump-has-sgr sh -c '"$SITMAP" --dump --color | grep -q "$(printf "\033")\["'
check lang-c-is-ascii sh -c '! LC_ALL=C "$SITMAP" --dump | LC_ALL=C grep -q "[^ -~]"'
check dump-size sh -c 'test "$("$SITMAP" --dump --size 37x11 | wc -l)" -eq 11'
check dump-width sh -c 'test "$("$SITMAP" --dump --size 37x11 | wc -L)" -le 37'
check tiny-dump sh -c '"$SITMAP" --dump --size 1x1 >/dev/null && "$SITMAP" --dump --size 10x4 >/dev/null'
# The build's own checks, which another binary under test would only repeat.
if [ -n "$release" ]; then
	check install sh -c "make -s install DESTDIR='$T/inst' PREFIX=/usr >/dev/null && \
		cd / && '$T/inst/usr/bin/sitmap' --dump --size 60x20 --date 2023-10-07 | \
		grep -q Anefis && test -f '$T/inst/usr/share/sitmap/data/events.csv'"
fi
( cd "$T" && "$SITMAP" --cast x.cast --dump-all frames --size 70x22 --step-seconds 0.5 )
check cast-valid build/tool_castframe "$T/x.cast" 1
# E21's frame, wherever the timeline puts it: the cast's frame of that number, and --event E21
e21=$(cd "$T/frames" && echo *-E21.txt)
check cast-frames-equal-dumps sh -c "build/tool_castframe '$T/x.cast' $((10#${e21%%-*})) | \
	cmp - '$T/frames/$e21' && "$SITMAP" --dump --size 70x22 --event E21 | cmp - '$T/frames/$e21'"
# a frame per stop: every event's first day, and E13's and E42's second
nstops=$("$SITMAP" --list-events --format json | python3 -c 'import json, sys
print(sum(len(e["stops"]) for e in json.load(sys.stdin)))')
check dump-all-one-per-stop test "$(ls "$T/frames" | wc -l)" -eq "$nstops"
check dump-all-two-stops-of-E13 sh -c "ls '$T/frames' | grep -c -- '-E13.txt\$' | grep -qx 2 && \
	"$SITMAP" --dump --size 70x22 --date 2023-09-18 | cmp - \"\$(ls '$T'/frames/*-E13.txt | tail -1)\""
# The cast's title is the viewer's, with the span of its stops; the last frame
# is held for a step like the others (a player ends at the last event's time).
check cast-title test "$(build/tool_castframe "$T/x.cast" title)" = "sitmap: Mali | $(
	"$SITMAP" --list-events --format json | python3 -c 'import datetime, json, sys
d = sorted(s for e in json.load(sys.stdin) for s in e["stops"])
a, b = (datetime.date.fromisoformat(x) for x in (d[0], d[-1]))
print("%d %s-%d %s" % (a.day, a.strftime("%b %Y"), b.day, b.strftime("%b %Y")))')"
check cast-last-frame-held sh -c "build/tool_castframe '$T/x.cast' times | tail -2 | \
	awk 'NR == 1 { a = \$1 } NR == 2 { exit !(\$1 - a == 0.5) }'"
# --step day|week|month: a frame per day, week or month from the first stop to
# the last (the ACLED fixture's: 4-10 Oct, 7 Oct, 29 Feb 2024), as --dump --date
A=tests/fixtures/acled_small.csv
( cd "$T" && "$SITMAP" --events "$OLDPWD/$A" --size 70x22 --step day --dump-all days \
	--cast days.cast >/dev/null ) && ( cd "$T" && "$SITMAP" --events "$OLDPWD/$A" \
	--size 70x22 --step week --dump-all weeks >/dev/null ) && ( cd "$T" && "$SITMAP" \
	--events "$OLDPWD/$A" --size 70x22 --step month --dump-all months >/dev/null )
check step-day-frames test "$(ls "$T/days" | sed -n '1p;$p' | tr '\n' ' ')$(ls "$T/days" | wc -l)" \
	= "0001-2023-10-04.txt 0149-2024-02-29.txt 149"
check step-day-equals-dump sh -c "'$SITMAP' --dump --events $A --size 70x22 --date 2023-10-07 | \
	cmp - '$T/days/0004-2023-10-07.txt' && build/tool_castframe '$T/days.cast' 149 | \
	cmp - '$T/days/0149-2024-02-29.txt'"
check step-day-title test "$(build/tool_castframe "$T/days.cast" title)" = \
	"sitmap: Mali | 4 Oct 2023-29 Feb 2024"
check step-week-frames test "$(ls "$T/weeks" | sed -n '1p;2p;$p' | tr '\n' ' ')$(ls "$T/weeks" | wc -l)" \
	= "0001-2023-10-04.txt 0002-2023-10-11.txt 0023-2024-02-29.txt 23"
check step-month-frames test "$(ls "$T/months" | tr '\n' ' ')" = "0001-2023-10-31.txt \
0002-2023-11-30.txt 0003-2023-12-31.txt 0004-2024-01-31.txt 0005-2024-02-29.txt "
expect step-unknown 2 'sitmap: --step "fortnight": expected event, day, week or month (seconds per frame: --step-seconds)' -- --cast x.cast --step fortnight
expect step-alone 2 'sitmap: --step is for --cast and --dump-all' -- --dump --step week
# 5,000 ACLED rows over three years: a frame per week, not per row
tests/tools/gen_acled.sh 5000 >"$T/a5k.csv"
"$SITMAP" --events "$T/a5k.csv" --cast "$T/a5k.cast" --size 60x20 --step week
check step-week-5000-rows test "$(build/tool_castframe "$T/a5k.cast" times | tail -1)" = 158.000
# GeoJSON layers (RFC 7946) draw what the same numbers draw as a shapefile
# (written by tool_mkfixtures, with shapelib): COORDS has "X Y" lines, a
# blank line between parts, "--" between shapes.
G=$T/geo
mkdir -p "$G"
geojson_of() {	# KIND STYLE < COORDS: a FeatureCollection; STYLE: plain, reordered, collection
	awk -v kind="$1" -v style="$2" '
	function flush_part() { if (part != "") { parts = parts (parts == "" ? "" : ",") "[" part "]"; part = "" } }
	function flush_shape(   g, t) {
		flush_part()
		if (parts == "") return
		if (kind == "poly") { t = "Polygon"; c = "[" parts "]" }
		else if (kind == "line") { t = "MultiLineString"; c = "[" parts "]" }
		else { t = "MultiPoint"; c = "[" pts "]" }
		if (style == "reordered")
			g = "{\"coordinates\":" c ",\"bbox\":[0,0,1,1],\"type\":\"" t "\"}"
		else if (style == "collection")
			g = "{\"type\":\"GeometryCollection\",\"geometries\":[{\"type\":\"" t "\",\"coordinates\":" c "}]}"
		else
			g = "{\"type\":\"" t "\",\"coordinates\":" c "}"
		feats = feats (feats == "" ? "" : ",\n") (style == "reordered" ? \
		    "{\"geometry\":" g ",\"properties\":{\"name\":\"s" n "\"},\"type\":\"Feature\"}" : \
		    "{\"type\":\"Feature\",\"properties\":{\"name\":\"s" n "\"},\"geometry\":" g "}")
		n++; parts = ""; pts = ""
	}
	/^--$/ { flush_shape(); next }
	/^$/ { flush_part(); next }
	{ p = "[" $1 "," $2 "]"; part = part (part == "" ? "" : ",") p; pts = pts (pts == "" ? "" : ",") p }
	END { flush_shape(); print "{\"type\":\"FeatureCollection\",\"features\":[\n" feats "\n]}" }'
}
printf '%s\n' '-4 10' '4 17' '-4 25' '-12 17' '-4 10' '' '-4 14' '-1 17' '-4 20' '-7 17' '-4 14' \
	-- '-10.5 11.25' '-6 11.5' '-6.125 15' '-10.5 11.25' >"$G/poly.txt"
printf '%s\n' '-11 12' '-3 16.5' '2 15' '' '1 24' '3.5 20' -- '-8 22' '-2.25 23.75' >"$G/line.txt"
printf '%s\n' '-11 12' '-3 16.5' '2 15' -- '1 24' -- '-8 22' >"$G/point.txt"
for k in poly line point; do
	build/tool_mkfixtures --shape "$G" "$k" "$k" <"$G/$k.txt"
	"$SITMAP" --dump --size 80x24 --map "$G/$k.shp" >"$G/$k.want" 2>&1
	for style in plain reordered collection; do
		geojson_of "$k" "$style" <"$G/$k.txt" >"$G/$k-$style.geojson"
		check "geojson-$k-$style-equals-shapefile" cmp "$G/$k.want" \
			<("$SITMAP" --dump --size 80x24 --map "$G/$k-$style.geojson" 2>&1)
	done
	check "geojson-$k-overlay-equals-shapefile" cmp \
		<("$SITMAP" --dump --size 80x24 --overlay "$G/$k.shp" 2>&1) \
		<("$SITMAP" --dump --size 80x24 --overlay "$G/$k-plain.geojson" 2>&1)
done
check geojson-draws-something python3 -c 'import sys
sys.exit(sum(0x2801 <= ord(c) <= 0x28ff for c in open(sys.argv[1], encoding="utf-8").read()) < 20)' "$G/poly.want"
# by content, whatever the name; through a pipe, read once
cp "$G/poly-plain.geojson" "$G/poly-no-extension"
check geojson-by-content cmp "$G/poly.want" <("$SITMAP" --dump --size 80x24 --map "$G/poly-no-extension")
check geojson-from-a-pipe cmp "$G/poly.want" \
	<("$SITMAP" --dump --size 80x24 --map <(cat "$G/poly-plain.geojson"))
check geojson-crlf-bom cmp "$G/poly.want" <("$SITMAP" --dump --size 80x24 --map <(printf '\357\273\277'; \
	sed 's/$/\r/' "$G/poly-plain.geojson"))
# through instream, as events are: standard input, gzip (a file or a pipe),
# the .json member of a zip; a zipped shapefile is named for what it is
check geojson-from-stdin cmp "$G/poly.want" \
	<("$SITMAP" --dump --size 80x24 --map - <"$G/poly-plain.geojson")
gzip -c "$G/poly-plain.geojson" >"$G/poly.geojson.gz"
check geojson-gzip cmp "$G/poly.want" <("$SITMAP" --dump --size 80x24 --map "$G/poly.geojson.gz")
check geojson-gzip-stdin cmp "$G/poly.want" \
	<(gzip -c "$G/poly-plain.geojson" | "$SITMAP" --dump --size 80x24 --map -)
python3 -c 'import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
	z.write(sys.argv[2], "poly.json")
with zipfile.ZipFile(sys.argv[3], "w") as z:
	z.write("maps/rivers.shp", "rivers.shp")' "$G/poly.zip" "$G/poly-plain.geojson" "$G/shp.zip"
check geojson-zip cmp "$G/poly.want" <("$SITMAP" --dump --size 80x24 --map "$G/poly.zip")
expect zipped-shapefile 1 "sitmap: $G/shp.zip: no GeoJSON (.json) in the zip archive: unzip a shapefile and give its .shp" -- --dump --map "$G/shp.zip"
# a world layer converted by GDAL draws as its shapefile does
if command -v ogr2ogr >/dev/null 2>&1; then
	ogr2ogr -f GeoJSON "$G/world.geojson" maps/world_countries.shp 2>/dev/null
	check geojson-world-equals-shapefile cmp \
		<("$SITMAP" --dump --size 120x40 --map maps/world_countries.shp) \
		<("$SITMAP" --dump --size 120x40 --map "$G/world.geojson")
fi
printf 'just text\n' >"$G/notes.txt"
expect not-a-layer 1 "sitmap: $G/notes.txt: not a shapefile or GeoJSON: convert it with ogr2ogr -f 'ESRI Shapefile' OUT.shp $G/notes.txt" -- --dump --map "$G/notes.txt"
expect missing-geojson 1 "sitmap: $G/none.geojson: No such file or directory" -- --dump --map "$G/none.geojson"
printf '{"type": "FeatureCollection",\n  "features": [\n    {"type": "Feature", "geometry": {"type": "Point", "coordinates": [1, 2,]}}]}\n' >"$G/bad.geojson"
expect geojson-bad-json 1 "sitmap: $G/bad.geojson:3:75: invalid JSON: parse error: unallowed token at this point in JSON text" -- --dump --map "$G/bad.geojson"
# An overlay leaves the default framing (Mali's outline) alone: every cell
# is the same as without it but for the dots the overlay adds to braille
# cells, and it adds some.
only_dots_added() {	# WITHOUT WITH: prints the cells that gained dots
	perl -CSD -e '
		open(my $a, "<", $ARGV[0]) or die; open(my $b, "<", $ARGV[1]) or die;
		my @a = <$a>; my @b = <$b>; my $added = 0;
		exit 1 if @a != @b;
		for my $l (0 .. $#a) {
			chomp(my $x = $a[$l]); chomp(my $y = $b[$l]);
			my $n = length($x) > length($y) ? length($x) : length($y);
			$x .= " " x ($n - length $x); $y .= " " x ($n - length $y);
			for my $i (0 .. $n - 1) {
				my ($p, $q) = map { my $c = ord; $c == 32 ? 0x2800 : $c }
				    substr($x, $i, 1), substr($y, $i, 1);
				next if $p == $q;
				exit 1 if $p >> 8 != 0x28 || $q >> 8 != 0x28 || ($p & ~$q & 0xff);
				$added++;
			}
		}
		print "$added\n"; exit 0' "$1" "$2"
}
"$SITMAP" --dump --size 100x30 >"$T/home" 2>&1
"$SITMAP" --dump --size 100x30 --overlay maps/places.shp >"$T/home-overlay" 2>&1
added=$(only_dots_added "$T/home" "$T/home-overlay")
check overlay-keeps-home test "${added:-0}" -gt 0
mkdir -p "$T/config/sitmap"
printf '# my defaults\ncharset = ascii\n\n  size=50x12  \n' >"$T/config/sitmap/config"
check config-applies sh -c 'test "$("$SITMAP" --dump | wc -l)" -eq 12 && ! "$SITMAP" --dump | LC_ALL=C grep -q "[^ -~]"'
check config-overridden sh -c 'test "$("$SITMAP" --dump --size 50x14 | wc -l)" -eq 14'
printf 'charset = ascii\ncolours = always\n' >"$T/config/sitmap/config"
expect config-unknown 2 "sitmap: $T/config/sitmap/config:2: unknown setting \"colours\" (charset, color, size, window, step, step-seconds, cache, cache-size, proj, data-dir, scenario, screenshot-dir)" -- --dump
# the config file takes the command line's spellings: colour as --colour
printf 'charset = ascii\ncolour = yes\n' >"$T/config/sitmap/config"
expect config-colour-value 2 "sitmap: $T/config/sitmap/config:2: colour \"yes\": expected auto, always or never" -- --dump
printf 'colour = always\n' >"$T/config/sitmap/config"
check config-colour sh -c '"$SITMAP" --dump | grep -q "$(printf "\033")\["'
check config-colour-overridden sh -c '! "$SITMAP" --dump --no-colour | grep -q "$(printf "\033")"'
# the same validator on both: a bad window in the config as on the command line
printf 'window = -3\n' >"$T/config/sitmap/config"
expect config-window 2 "sitmap: $T/config/sitmap/config:1: window \"-3\": expected a number of days, 0 to 100000" -- --dump
# step in the config file is a default for casts, by --step's validator; the
# command line's --step overrides it, and it asks nothing of a run that is no cast
printf 'step = month\n' >"$T/config/sitmap/config"
rm -rf "$T/cfg-months" "$T/cfg-events"
check config-step sh -c "'$SITMAP' --events $A --size 70x22 --dump-all '$T/cfg-months' >/dev/null && \
	test \"\$(ls '$T/cfg-months' | tr '\n' ' ')\" = \"\$(ls '$T/months' | tr '\n' ' ')\" && \
	'$SITMAP' --events $A --size 70x22 --step event --dump-all '$T/cfg-events' >/dev/null && \
	test \"\$(ls '$T/cfg-events' | wc -l)\" -gt 5 && '$SITMAP' --dump --size 40x12 >/dev/null"
printf 'step = fortnight\n' >"$T/config/sitmap/config"
expect config-step-value 2 "sitmap: $T/config/sitmap/config:1: step \"fortnight\": expected event, day, week or month (seconds per frame: --step-seconds)" -- --dump
# a config that cannot be read is an error, not silently no config
rm "$T/config/sitmap/config"
ln -s config "$T/config/sitmap/config"
expect config-loop 2 "sitmap: $T/config/sitmap/config: Too many levels of symbolic links" -- --dump
rm "$T/config/sitmap/config"
printf '\n\nsize = 0x3\n' >"$T/config/sitmap/config"
expect config-bad-value 2 "sitmap: $T/config/sitmap/config:3: size \"0x3\": expected WxH, each 1 to 2000" -- --dump
rm "$T/config/sitmap/config"

# a NUL in the config hides nothing: an error naming its line
printf 'charset = ascii\nsize = 50x12\0size = 60x10\n' >"$T/config/sitmap/config"
expect config-nul 2 "sitmap: $T/config/sitmap/config:2: NUL byte" -- --dump
# a byte order mark is skipped; CR LF and a CR alone end lines too
printf '\357\273\277charset = ascii\r\nsize = 50x12\rwindow = 3\r' >"$T/config/sitmap/config"
check config-bom sh -c 'test "$("$SITMAP" --dump | wc -l)" -eq 12'
printf 'step-seconds = 0x1p3\n' >"$T/config/sitmap/config"
expect config-hex 2 "sitmap: $T/config/sitmap/config:1: step-seconds \"0x1p3\": expected a number from 0.001 to 3600" -- --dump
# a bad projection in the config names its line, and is bad usage
printf '\nproj = +proj=nonsense\n' >"$T/config/sitmap/config"
expect config-bad-proj 2 "sitmap: $T/config/sitmap/config:2: projection \"+proj=nonsense\": proj_create: Error 1027 (Invalid value for an argument): Unknown projection" -- --dump
# ... unless the command line gives another
check config-proj-overridden "$SITMAP" --dump --proj EPSG:3857
# a bad config stops no --help, --version or --keys
printf 'colours = always\n' >"$T/config/sitmap/config"
expect config-bad-help 0 '' -- --help
expect config-bad-version 0 '' -- --version
expect config-bad-keys 0 '' -- --keys
expect config-bad-dump 2 "sitmap: $T/config/sitmap/config:1: unknown setting \"colours\" (charset, color, size, window, step, step-seconds, cache, cache-size, proj, data-dir, scenario, screenshot-dir)" -- --dump
rm "$T/config/sitmap/config"

# Writing to standard output: a failure names it and exits 1, in every mode;
# a reader that leaves early (EPIPE) is no error to report.
write_fails() {	# NAME ARGS...: stdout on /dev/full, then closed
	local name=$1 status err
	shift
	"$SITMAP" "$@" >/dev/full 2>"$T/err" </dev/null
	status=$? err=$(head -n 1 "$T/err")
	if [ "$status" = 1 ] && [ "$err" = "sitmap: standard output: No space left on device" ]; then
		pass=$((pass + 1)); echo "PASS $name >/dev/full"
	else fail=$((fail + 1)); echo "FAIL $name >/dev/full: status $status, stderr: $err"; fi
	"$SITMAP" "$@" >&- 2>"$T/err" </dev/null
	status=$? err=$(head -n 1 "$T/err")
	if [ "$status" = 1 ] && [ "$err" = "sitmap: standard output: Bad file descriptor" ]; then
		pass=$((pass + 1)); echo "PASS $name >&-"
	else fail=$((fail + 1)); echo "FAIL $name >&-: status $status, stderr: $err"; fi
}
write_fails list-events --list-events
write_fails list-events-json --list-events --format json
write_fails export --export csv
write_fails keys --keys
write_fails help --help
write_fails version -V
write_fails distance --distance Gao Kidal
write_fails dump --dump --size 40x12
write_fails dump-range --dump --size 40x12 --date 2023-10-01..2023-10-03
"$SITMAP" --list-events 2>"$T/err" | head -1 >/dev/null
check list-events-epipe-quiet test ! -s "$T/err"
# with SIGPIPE ignored (as some parents leave it), a write fails with EPIPE: quiet too
(trap '' PIPE; "$SITMAP" --export geojson 2>"$T/err" | head -c 10 >/dev/null)
check export-epipe-ignored-quiet test ! -s "$T/err"

# the moment: every day shows itself and its state (the header, the panel, the strip)
check date-header sh -c '"$SITMAP" --dump --date 2023-12-15 | head -1 | grep -q "| 15 Dec 2023 | event "'
check month-header sh -c '"$SITMAP" --dump --date 2023-11 | head -1 | grep -q "| Nov 2023 | event "'
check before-first-shown sh -c '"$SITMAP" --dump --date 1999-01-01 | head -1 | grep -q "| 1 Jan 1999 | before event 1/"'
check after-last-shown sh -c '"$SITMAP" --dump --date 2030-01-01 | head -1 | grep -q "| 1 Jan 2030 | event 57/57"'
check default-start sh -c '"$SITMAP" --dump | head -1 | grep -q "| 31 Dec 2011 | before event 1/"'
# the panel's checks use a frame whose panel is a full-width band under the map (80x60)
check no-event-that-day sh -c '"$SITMAP" --dump --size 80x60 --date 2023-12-15 | grep -q "^ no event on 15 Dec; last: E42, 11 Dec | 11-28 Dec 2023 | Timbuktu UN camp"'
# in ASCII a blank parts a status letter from a name: "! Bourem" or "Bourem !"
check attacked-that-day-only sh -c '"$SITMAP" --dump --charset ascii --date 2023-09-12 | grep -Eq "! Bourem|Bourem !" && \
	! "$SITMAP" --dump --charset ascii --date 2023-09-15 | grep -Eq "! Bourem|Bourem !"'
check lere-rebel-held sh -c '"$SITMAP" --dump --charset ascii --date 2023-09-17 | grep -Eq "R Lere|Lere R" && \
	"$SITMAP" --dump --charset ascii --event E13 | grep -Eq "R Lere|Lere R" && \
	"$SITMAP" --dump --charset ascii --date 2023-09-18 | grep -Eq "T Lere|Lere T" && \
	"$SITMAP" --export csv --date 2023-09-17 | grep -q "^lere,.*,taken-by-rebels,2023-09-17,E13," && \
	"$SITMAP" --export csv --event E13 | grep -q "^lere,.*,taken-by-rebels,2023-09-17,E13,"'
check bamako-hq-real-status sh -c '"$SITMAP" --dump --charset ascii --date 2023-07-01 | grep -Eq "U Bamako|Bamako U" && \
	"$SITMAP" --dump --charset ascii --date 2024-01-15 | grep -Eq "W Bamako|Bamako W" && \
	"$SITMAP" --export csv --date 2024-01-15 | grep -q "^bamako-un,.*,un-withdrawing,2023-12-11,E40,Bamako,un-camp,0,,,,,"'
check planned-pending sh -c '"$SITMAP" --dump --size 80x60 --event P8 | grep -q "^ Planned: handed to the army 15-30 Nov 2023 (P8)" && \
	"$SITMAP" --export csv --date 2023-11-14 | \
	grep -q "^kidal-un,.*,retaken-by-army,2023-11-14,E36,Kidal,un-camp,0,handed-to-army,2023-11-15/2023-11-30,P8,pending,"'
check planned-unconfirmed sh -c '"$SITMAP" --export csv --date 2023-12-05 | grep -q ",handed-to-army,2023-11,P7,unconfirmed," && \
	"$SITMAP" --dump --size 80x60 --date 2023-12-05 | grep -q "Planned for Nov 2023: handed to the army (P7), not confirmed by any report" && \
	! "$SITMAP" --export csv --date 2023-12-08 | grep -q "^sevare-un,.*,P7," && \
	! "$SITMAP" --dump --size 80x60 --date 2023-12-08 | grep -q "Planned.*(P7)"'
check filter-panel sh -c '"$SITMAP" --dump --size 80x60 --date 2023-12-15 --filter lere | grep -q "^ no event on 15 Dec; last: E13, 18 Sep | 17-18 Sep 2023 | Léré" && \
	"$SITMAP" --dump --date 2023-12-15 --filter lere | head -1 | grep -q "| event 1/1 | filter: lere"'

# the situation on every day against a fold written in Python (tests/cli/moment.py)
if ! command -v python3 >/dev/null; then
	fail=$((fail + 1)); echo "FAIL moment-property: python3 is missing (make deps installs it)"
elif out=$(python3 tests/cli/moment.py "$SITMAP" 2>&1); then
	pass=$((pass + 1)); echo "PASS moment-property ($(printf '%s\n' "$out" | grep -c '^PASS') checks)"
else
	fail=$((fail + 1)); echo "FAIL moment-property"; printf '%s\n' "$out" | grep -v '^PASS'
fi

# --export: the header, the formats, the file it writes
check export-header sh -c '"$SITMAP" --export csv | head -1 | grep -q "^id,name,lat,lon,status,since,event,"'
check export-geojson-parses sh -c '"$SITMAP" --export geojson --date 2023-11-14 | python3 -c "import json, sys
d = json.load(sys.stdin)
assert d[\"type\"] == \"FeatureCollection\" and len(d[\"features\"]) == 26
f = [x for x in d[\"features\"] if x[\"properties\"][\"id\"] == \"kidal\"][0]
assert f[\"geometry\"] == {\"type\": \"Point\", \"coordinates\": [1.40833, 18.43889]}
assert f[\"properties\"][\"status\"] == \"retaken-by-army\" and f[\"properties\"][\"events\"] == 3
assert [x for x in d[\"features\"] if x[\"properties\"][\"id\"] == \"sevare-un\"][0][\"properties\"][\"name\"] == \"S\u00e9var\u00e9 UN camp\""'
if command -v ogrinfo >/dev/null; then
	"$SITMAP" --export geojson --date 2023-11-14 -o "$T/state.geojson"
	check export-geojson-ogrinfo sh -c "ogrinfo -ro -al -so '$T/state.geojson' 2>&1 | grep -q 'Feature Count: 26'"
else
	echo "SKIP export-geojson-ogrinfo (no ogrinfo: apt-get install gdal-bin)"
fi
check export-to-file sh -c "$SITMAP --export csv --date 2023-10-07 -o '$T/state.csv' && \
	"$SITMAP" --export csv --date 2023-10-07 | cmp - '$T/state.csv' && ! ls -a '$T' | grep -q '^\.state\.csv\.'"
# a symlink at the destination is replaced, as every output replaces one,
# and its target is never written
echo keep >"$T/target"
ln -s "$T/target" "$T/link.csv"
expect export-replaces-symlink 0 '' -- --export csv -o "$T/link.csv"
check export-symlink-target-kept grep -qx keep "$T/target"
check export-symlink-now-file sh -c "test -f '$T/link.csv' && ! test -L '$T/link.csv' && \
	grep -q '^kidal,' '$T/link.csv'"
expect export-write-error 1 'sitmap: /dev/full: No space left on device' -- --export csv -o /dev/full
expect export-no-dir 1 "sitmap: $T/none/x.csv: cannot write: no file can be created in $T/none (No such file or directory)" -- --export csv -o "$T/none/x.csv"
# a file that is there in a directory that takes no new file: the message
# says that it is the file beside it, renamed over it, that cannot be made
expect export-dir-takes-no-file 1 'sitmap: /proc/version: cannot write: no file can be created in /proc to rename over it (No such file or directory)' -- --export csv -o /proc/version
expect list-dir-takes-no-file 1 'sitmap: /proc/sitmap.csv: cannot write: no file can be created in /proc (No such file or directory)' -- --list-events -o /proc/sitmap.csv
expect export-bad-format 2 'sitmap: --export "kml": expected csv or geojson' -- --export kml
expect format-without-list 2 'sitmap: --format csv: only with --list-events (--export names its own)' -- --dump --format csv
expect output-without-report 2 'sitmap: -o "x.csv": only with --export or --list-events' -- --dump -o x.csv
expect range-in-viewer 2 'sitmap: --date "2023-10-01..2023-10-07": a range FROM..TO is for --dump, --export and --list-events' -- --date 2023-10-01..2023-10-07
check events-format-new-name sh -c '"$SITMAP" --list-events --events-format sitmap | head -1 | grep -q "^ID "'
check events-format-old-name sh -c '"$SITMAP" --list-events --format sitmap | head -1 | grep -q "^ID "'
# formula-looking text gets an apostrophe; commas and quotes are quoted
printf 'id,name,lat,lon,kind,initial,source\nx,"=HYPERLINK(""a,b"")",12.5,-8,town,un-camp,s\ny,@y,13,-7.5,town,none,s\n' >"$T/evil.csv"
printf 'id,date,precision,place,kind,summary\nA,2023-01-01,day,x,reported,-1+1\n' >"$T/evil-events.csv"
$SITMAP --export csv --places "$T/evil.csv" --events "$T/evil-events.csv" >"$T/evil-out.csv"
$SITMAP --list-events --format csv --places "$T/evil.csv" --events "$T/evil-events.csv" >"$T/evil-list.csv"
check export-csv-injection python3 -c "import csv, sys
r = list(csv.DictReader(open(sys.argv[1], encoding='utf-8')))
assert r[0]['name'] == '\'=HYPERLINK(\"a,b\")' and r[0]['lon'] == '-8', r[0]
assert r[1]['name'] == '\'@y' and r[1]['label'] == '\'@y', r[1]
assert list(csv.DictReader(open(sys.argv[2])))[0]['summary'] == '\'-1+1'
assert '\"\'=HYPERLINK(\"\"a,b\"\")\"' in open(sys.argv[1]).read()" "$T/evil-out.csv" "$T/evil-list.csv"

# --list-events: the moment, the window, the filter, the formats
check list-upto-date test "$("$SITMAP" --list-events --date 2023-09-17 | tail -1 | cut -d' ' -f1)" = E13
check list-window sh -c 'test "$("$SITMAP" --list-events --date 2023-10-07 --window 7 | sed 1d | cut -d" " -f1 | tr "\n" " ")" = "E16 E17 E18 E19 E20 E21 "'
check list-range sh -c 'test "$("$SITMAP" --list-events --date 2023-10-01..2023-10-04 | sed 1d | cut -d" " -f1 | tr "\n" " ")" = "E16 E17 E18 E19 "'
check list-filter sh -c 'test "$("$SITMAP" --list-events --filter "LÉRÉ" | sed 1d | cut -d" " -f1)" = E13'
check list-csv-parses sh -c '"$SITMAP" --list-events --format csv --date 2023-10 | python3 -c "import csv, sys
r = list(csv.DictReader(sys.stdin))
e13 = [x for x in r if x[\"id\"] == \"E13\"][0]
assert e13[\"stops\"] == \"2023-09-17;2023-09-18\" and e13[\"effects\"] == \"lere=taken-by-rebels;lere=retaken-by-army@2023-09-18\"
assert r[-1][\"id\"] == \"P5\" and r[-1][\"date\"] == \"2023-10\""'
check list-json-parses sh -c '"$SITMAP" --list-events --format json | python3 -c "import json, sys
d = json.load(sys.stdin)
assert len(d) == 57 and d[0][\"id\"] == \"C1\" and d[0][\"stops\"] == [\"2012-01-31\"]"'
# ACLED data: a row per place with its count and fatalities, and the status
# its territorial rows set (MLI1006: "Government regains territory" at Kidal)
check export-acled sh -c '"$SITMAP" --export csv --events tests/fixtures/acled_small.csv | python3 -c "import csv, sys
r = list(csv.DictReader(sys.stdin))
k = [x for x in r if x[\"name\"] == \"Kidal\"]
assert k and (k[0][\"status\"], k[0][\"since\"], k[0][\"event\"]) == (\"retaken-by-army\", \"2023-11-14\", \"MLI1006\"), k
assert all(x[\"status\"] == \"none\" and x[\"event\"] == \"\" for x in r if x[\"name\"] != \"Kidal\")
assert sum(int(x[\"events\"]) for x in r) == 8, sum(int(x[\"events\"]) for x in r)"'

# An aggregate (counts per cell and day, tests/fixtures/aggregate_small.csv,
# synthetic): the export sums its counts per place, the list has a count
# column, the title is the counts, never the Mali scenario's whose frame it
# lies in, and a pipe, gzip and standard input give the file's frame.
G=tests/fixtures/aggregate_small.csv
check export-aggregate sh -c '"$SITMAP" --export csv --events "$1" | python3 -c "import csv, sys
r = {x[\"name\"]: x for x in csv.DictReader(sys.stdin)}
assert (r[\"Kidal\"][\"events\"], r[\"Kidal\"][\"fatalities\"]) == (\"1750\", \"78\"), r[\"Kidal\"]
assert (r[\"Gao\"][\"events\"], r[\"Gao\"][\"fatalities\"]) == (\"42\", \"3\"), r[\"Gao\"]
assert r[\"16.8, -3\"][\"events\"] == \"1\" and r[\"Boni\"][\"events\"] == \"0\"
assert sum(int(x[\"events\"]) for x in r.values()) == 1842"' sh "$G"
check list-aggregate-count sh -c '"$SITMAP" --list-events --format csv --events "$1" | python3 -c "import csv, sys
r = list(csv.DictReader(sys.stdin))
assert [x[\"id\"] for x in r] == [\"L3\", \"L4\", \"L2\", \"L7\", \"L9\", \"L6\", \"L10\", \"L8\", \"L5\"], r
k = [x for x in r if x[\"id\"] == \"L10\"][0]
assert (k[\"count\"], k[\"fatalities\"], k[\"summary\"]) == (\"1500\", \"61\", \"1,500 events, 61 fatalities\"), k
assert [x for x in r if x[\"id\"] == \"L5\"][0][\"precision\"] == \"month\""' sh "$G"
check list-aggregate-json sh -c '"$SITMAP" --list-events --format json --events "$1" | python3 -c "import json, sys
assert sum(e[\"count\"] for e in json.load(sys.stdin)) == 1842"' sh "$G"
check aggregate-title sh -c 'test "$("$SITMAP" --dump --size 100x30 --events "$1" | head -1 | cut -d"|" -f1)" = " sitmap: aggregate: 1,842 events "' sh "$G"
printf 'lat,lon,date,count,country\n16.3,0,2024-01-02,3,Mali\n' >"$T/agg_country.csv"
check aggregate-title-country sh -c 'test "$("$SITMAP" --dump --size 100x30 --events "$1" | head -1 | cut -d"|" -f1)" = " sitmap: Mali "' sh "$T/agg_country.csv"
"$SITMAP" --dump --size 100x30 --events "$G" --no-cache >"$T/agg_ref.txt"
gzip -c "$G" >"$T/agg.csv.gz"
check aggregate-gzip sh -c 'test -s "$2" && "$SITMAP" --dump --size 100x30 --events "$1" | cmp -s - "$2"' sh "$T/agg.csv.gz" "$T/agg_ref.txt"
check aggregate-stdin sh -c 'test -s "$2" && "$SITMAP" --dump --size 100x30 --events - <"$1" | cmp -s - "$2"' sh "$G" "$T/agg_ref.txt"
check aggregate-pipe sh -c 'test -s "$2" && cat "$1" | "$SITMAP" --dump --size 100x30 --events /dev/stdin | cmp -s - "$2"' sh "$G" "$T/agg_ref.txt"
check aggregate-forced sh -c 'test -s "$2" && "$SITMAP" --dump --size 100x30 --events-format aggregate --events "$1" | cmp -s - "$2"' sh "$G" "$T/agg_ref.txt"
expect events-format-unknown 2 'sitmap: --events-format "gdelt": expected acled, ucdp, sitmap or aggregate' -- --dump --events-format gdelt

# ACLED's other columns: kept, listed by name, searched by the filter (an
# associated actor, a tag), whatever the encoding
printf 'event_id_cnty,event_date,event_type,sub_event_type,actor1,assoc_actor_1,actor2,latitude,longitude,location,tags\nX1,2023-10-07,Battles,Armed clash,FAMa,Wagner Group,CSP,18.04,0.60,Anefis,\nX2,2023-10-08,Protests,Peaceful protest,Protesters,,,12.6,-8.0,Bamako,crowd size=hundreds\n' >"$T/assoc.csv"
check filter-associated-actor sh -c 'test "$("$SITMAP" --list-events --filter wagner --events "$1" | sed 1d | cut -d" " -f1)" = X1' sh "$T/assoc.csv"
check filter-attribute sh -c 'test "$("$SITMAP" --list-events --filter "CROWD SIZE" --events "$1" | sed 1d | cut -d" " -f1)" = X2' sh "$T/assoc.csv"
check list-attribute-columns sh -c '"$SITMAP" --list-events --format csv --events "$1" | python3 -c "import csv, sys
r = list(csv.DictReader(sys.stdin))
assert [x[\"sub_event_type\"] for x in r] == [\"Armed clash\", \"Peaceful protest\"], r
assert r[0][\"actors\"] == \"FAMa (with Wagner Group); CSP\" and r[1][\"tags\"] == \"crowd size=hundreds\", r"' sh "$T/assoc.csv"
python3 tests/tools/variant.py --json acled "$T/assoc.csv" >"$T/assoc.json"
check json-same-list bash -c 'cmp -s <("$SITMAP" --list-events --format json --events "$1") <("$SITMAP" --list-events --format json --events "$2")' sh "$T/assoc.csv" "$T/assoc.json"
check events-stdin-gzip sh -c 'gzip -c "$1" | "$SITMAP" --list-events --filter wagner --events - | grep -q "^X1 "' sh "$T/assoc.csv"

check readme-outputs-current tests/tools/readme.sh
if [ -x tests/cli/doc_keys.sh ]; then check readme-keys tests/cli/doc_keys.sh; fi
if [ -n "$release" ]; then
	check readme-outputs-current tests/tools/readme.sh
	if [ -x tests/cli/doc_keys.sh ]; then check readme-keys tests/cli/doc_keys.sh; fi
fi

# events from a pipe, which can be read only once: the same frame as from the file
if cmp -s <(timeout 20 "$SITMAP" --dump --size 80x30 --event E20 --events <(cat data/events.csv) 2>&1) \
    <("$SITMAP" --dump --size 80x30 --event E20 --events data/events.csv 2>&1); then
	pass=$((pass + 1)); echo "PASS events-from-pipe"
else fail=$((fail + 1)); echo "FAIL events-from-pipe"; fi

# a duplicate id read from a pipe: the line is known without reading it again
dup='id,date,precision,place,kind,summary\nA,2023-01-01,day,gao,reported,x\nA,2023-01-02,day,gao,reported,y\n'
if timeout 20 "$SITMAP" --list-events --events <(printf "$dup") 2>&1 >/dev/null |
    grep -q ':3: duplicate id "A"$'; then
	pass=$((pass + 1)); echo "PASS duplicate-id-from-pipe"
else fail=$((fail + 1)); echo "FAIL duplicate-id-from-pipe"; fi

# Where am I: the command given for a view prints that view. Each view has
# a centre to 17 digits; the command rounds it to what the scale needs,
# told a scale coarser than the real one (2000 km over the frame's shorter
# side: Mali fills more), so with fewer decimals than the viewer's own.
mkdir -p "$T/dir with 'quote"
cp data/places.csv "$T/dir with 'quote/places.csv"
whereami_same() {	# NAME W H LAT LON ZOOM MOMENT [WORD...]: MOMENT as tool_whereami takes it
	local name=$1 w=$2 h=$3 lat=$4 lon=$5 zoom=$6 moment=$7 mpp cmd c when=()
	shift 7
	mpp=$(awk -v w="$w" -v h="$h" -v z="$zoom" \
	    'BEGIN { printf "%.17g", 2e6 / (w < h ? w : h) / z }')
	case $moment in
	event:*) when=(--event "${moment#event:}") ;;
	date:* | month:*) when=(--date "${moment#*:}") ;;
	esac
	"$SITMAP" --dump --size "${w}x$h" --center "$lat,$lon" --zoom "$zoom" "${when[@]}" "$@" \
	    >"$T/view" 2>&1
	if ! cmd=$(build/tool_whereami "$lat" "$lon" "$zoom" "$mpp" "${w}x$h" "$moment" "$@"); then
		fail=$((fail + 1)); echo "FAIL $name: no command"; return
	fi
	c=${cmd#*--center }
	c=${c%% *}
	eval "set -- $cmd"
	shift			# sitmap
	"$SITMAP" "$@" >"$T/shared" 2>&1
	if [ "$1" = --dump ] && [ ${#c} -lt $((${#lat} + ${#lon} + 1)) ] &&
	    grep -q . "$T/view" && cmp -s "$T/view" "$T/shared"; then
		pass=$((pass + 1)); echo "PASS $name"
	else
		fail=$((fail + 1)); echo "FAIL $name: $cmd"
		diff "$T/view" "$T/shared" | head -10
	fi
}
whereami_same whereami-kidal 100 40 18.438891234567891 1.4083312345678912 3.375 date:2023-11-14
whereami_same whereami-home 100 40 17.357123456789012 -3.5209876543210987 1 month:2023-10
whereami_same whereami-close 120 40 16.271234567890123 -0.041234567890123 1000 event:E21
whereami_same whereami-quoted 80 24 16.951234567890123 -0.3512345678901234 25.62890625 \
	date:2023-10-07 --places "$T/dir with 'quote/places.csv" --charset ascii
# ... and the comparison sees a small shift: 3 decimals (about 100 m) at that zoom
"$SITMAP" --dump --size 120x40 --center 16.271234567890123,-0.041234567890123 --zoom 1000 \
    --event E21 >"$T/view" 2>&1
"$SITMAP" --dump --size 120x40 --center 16.271,-0.041 --zoom 1000 --event E21 >"$T/shared" 2>&1
check whereami-can-fail sh -c "grep -q E21 '$T/view' && grep -q E21 '$T/shared' && \
	! cmp -s '$T/view' '$T/shared'"

# Scenario directories: a made-up island (its own shapefiles, places and events)
# opens with its title, its view (the coast, from its scenario.conf) and layers.
I="$T/island"
mkdir -p "$I"
build/tool_mkfixtures --island "$I"
cat >"$I/places.csv" <<'CSV'
id,name,lat,lon,kind,initial,region,source
puerto,Puerto Nuevo,-35.02,-125.12,town,none,Norte,made up for a test
cerro,Cerro Alto,-35.10,-125.00,village,none,Centro,made up for a test
bahia,Bahía Sur,-35.28,-124.95,village,army-held,Sur,made up for a test
faro,Faro Este,-35.05,-124.66,site,none,Este,made up for a test
CSV
cat >"$I/events.csv" <<'CSV'
id,date,precision,place,kind,effects,actors,summary,sources
I1,2024-03-01,day,puerto,reported,puerto=taken-by-rebels,Rebels,Made up: rebels take the port.,https://example.org/i1
I2,2024-03-05,day,bahia,reported,bahia=attacked>contested,Rebels; army,Made up: fighting at the south bay.,https://example.org/i2
I3,2024-03-09,day,puerto,reported,puerto=retaken-by-army,Army,Made up: the army retakes the port.,https://example.org/i3
CSV
cat >"$I/scenario.conf" <<'CONF'
# A made-up island for the scenario tests
title = Isla Prueba
projection = +proj=laea +lat_0=-35 +lon_0=-125 +datum=WGS84 +units=m
home = layer coast
layers = own
layer = border coast.shp the coast
layer = river  ridge.shp the ridge
CONF
# every cell of the expected frames was looked at: the island fills the map,
# the islet east of it, the ridge across it, the four places where they are
check scenario-island sh -c '"$SITMAP" --dump --scenario "$0/island" --size 80x24 \
	--date 2024-03-05 2>&1 | cmp - tests/cli/island_80x24.txt' "$T"
check scenario-island-ascii sh -c '"$SITMAP" --dump --scenario "$0/island" --size 60x20 \
	--charset ascii 2>&1 | cmp - tests/cli/island_60x20_ascii.txt' "$T"
# a status's wording is the scenario's: the island's own rebels by their name
# in its one-line key (Mali's "held by rebels (CSP)" is data/scenario.conf's);
# no scenario's actors in another's data
printf 'status-label = taken-by-rebels held by the Frente (FLI)\n' >>"$I/scenario.conf"
check scenario-status-label sh -c '"$SITMAP" --dump --scenario "$0/island" --size 80x24 \
	--date 2024-03-05 | grep -q "^ ✖ attacked  ◆ FLI  · place$"' "$T"
check mali-label-not-in-own-events sh -c '! "$SITMAP" --dump --size 100x40 --date 2023-10-07 \
	--events data/events.csv | grep -q "(CSP)" && "$SITMAP" --dump --size 100x40 \
	--date 2023-10-07 | grep -q "held by rebels (CSP)"'
printf 'status-label = taken-by-rebels again\n' >>"$I/scenario.conf"
expect scenario-status-label-twice 1 "sitmap: $I/scenario.conf:9: status-label \"taken-by-rebels again\": that status has a label already" -- --dump --scenario "$I"
sed -i '$d' "$I/scenario.conf"
printf 'status-label = rebel-held the Frente\n' >>"$I/scenario.conf"
expect scenario-status-label-unknown 1 "sitmap: $I/scenario.conf:9: status-label \"rebel-held the Frente\": expected a status of the vocabulary, then its label" -- --dump --scenario "$I"
sed -i '$d' "$I/scenario.conf"
sed -i '$d' "$I/scenario.conf"
# the same from the config file; the command line's --events still wins
printf 'scenario = %s\n' "$I" >"$T/config/sitmap/config"
check scenario-config sh -c '"$SITMAP" --dump --size 80x24 --date 2024-03-05 2>&1 | \
	cmp - tests/cli/island_80x24.txt'
check scenario-events-override sh -c '"$SITMAP" --dump --events tests/fixtures/acled_small.csv \
	| head -1 | grep -q "sitmap: Isla Prueba | 29 Feb 2024 | event 8/8"'
rm "$T/config/sitmap/config"
# a scenario of its own data only: the world layers around it, the view fitted
mkdir -p "$T/own"
cp "$I/places.csv" "$I/events.csv" "$T/own/"
printf 'title = Fitted\n' >"$T/own/scenario.conf"
check scenario-world-layers sh -c '"$SITMAP" --dump --scenario "$0/own" --size 80x24 2>&1 | \
	grep -q "Natural Earth, GeoNames" && "$SITMAP" --dump --scenario "$0/own" --size 80x24 | \
	head -1 | grep -q "^ sitmap: Fitted |" && "$SITMAP" --dump --scenario "$0/own" \
	--size 80x24 | grep -q "Puerto Nuevo"' "$T"
expect scenario-not-dir 2 "sitmap: --scenario \"$T/none\": expected a directory holding a scenario.conf" -- --dump --scenario "$T/none"
printf 'title = a\nlayer = map gone.shp\n' >"$T/own/scenario.conf"
expect scenario-bad-line 1 "sitmap: $T/own/scenario.conf:2: layer \"gone.shp\": no such file" -- --dump --scenario "$T/own"

# The world layers (issue 17): every file of maps/ as maps/SHA256SUMS lists it,
# and maps/ under 30 MB in all
check maps-checksums sh -c 'cd maps && sha256sum --quiet -c SHA256SUMS'
check maps-all-listed bash -c 'cd maps && diff <(ls | grep -v "^README$\|^SHA256SUMS$") \
	<(awk "{ print \$2 }" SHA256SUMS | sort)'
check maps-under-30mb sh -c 'test "$(du -sk maps | cut -f1)" -lt 30720'
# Any country: the title names it, and no event lies outside the frame (stderr empty)
tests/golden/inputs.sh "$T/gen" >/dev/null
for c in sudan colombia ukraine myanmar; do
	name=$(printf '%s' "$c" | sed 's/^./\U&/')
	check "world-$c-title" sh -c '"$SITMAP" --dump --events "$0/gen/$1.csv" 2>"$0/err" | \
		head -1 | grep -q "^ sitmap: $2 |" && ! test -s "$0/err"' "$T" "$c" "$name"
done
check world-ucdp-region sh -c '"$SITMAP" --dump --events "$0/gen/sahel_ucdp.csv" | head -1 | \
	grep -q "^ sitmap: Africa: 5 countries |"' "$T"
check world-two-countries sh -c '"$SITMAP" --dump --events "$0/gen/sudan_chad.csv" | head -1 | \
	grep -q "^ sitmap: Chad, Sudan |"' "$T"
# the country (the title's source) is read from ACLED's API JSON and UCDP's as from CSV
python3 tests/tools/variant.py --json acled "$T/gen/sudan.csv" >"$T/gen/sudan.json"
check world-json-same bash -c 'cmp -s <("$SITMAP" --dump --events "$0/gen/sudan.json") \
	<("$SITMAP" --dump --events "$0/gen/sudan.csv")' "$T"
check world-ucdp-json-gzip-stdin sh -c 'python3 tests/tools/variant.py --json ucdp \
	"$0/gen/sahel_ucdp.csv" | gzip | "$SITMAP" --dump --events - | head -1 | \
	grep -q "^ sitmap: Africa: 5 countries |"' "$T"
# nothing silently off the map: two rows at 0, 0
expect world-strays 0 "sitmap: 2 events lie outside the map: --zoom 0.2 shows them" -- --dump --events "$T/gen/sudan_strays.csv"
check world-strays-shown sh -c '"$SITMAP" --dump --events "$0/gen/sudan_strays.csv" --zoom 0.2 \
	--size 100x40 2>/dev/null | grep -q "0.0000, 0.0000\|Null Island"' "$T"
# ... and once they are in view, nothing is said of them (the notice is of what is hidden)
expect world-strays-zoomed 0 "" -- --dump --events "$T/gen/sudan_strays.csv" --zoom 0.2
check world-strays-zoomed-status sh -c '! "$SITMAP" --dump --events "$0/gen/sudan_strays.csv" \
	--zoom 0.2 | grep -q "outside the map"' "$T"
# a cast of an export is titled by its country
check world-cast-title sh -c '"$SITMAP" --cast "$0/w.cast" --events "$0/gen/sahel_ucdp.csv" \
	--size 60x20 && head -1 "$0/w.cast" | grep -q "\"title\": \"sitmap: Africa: 5 countries | 1 Jan-28 Dec 2023\""' "$T"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
