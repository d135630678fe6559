#!/usr/bin/env bash
# Command-line behaviour: exit statuses and the exact messages for bad input.
# Prints one line per case and ends with "N passed, N failed".
set -u
cd "$(dirname "$0")/../.."
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
expect bad-date 2 'sitmap: --date "2023-02-30": expected a real date, YYYY-MM-DD or YYYY-MM' -- --dump --date 2023-02-30
expect unknown-flag 2 'sitmap: unknown option "--bogus"' -- --bogus
expect missing-value 2 'sitmap: option --size needs a value' -- --dump --size
expect stray-arg 2 'sitmap: unexpected argument "extra"' -- --dump extra
expect hostile-arg 2 'sitmap: --charset "A]0;xB": expected braille, block or ascii' -- --charset $'A\e]0;x\aB'
expect date-and-event 2 'sitmap: --date and --event choose the same thing; give one' -- --dump --date 2023-10-07 --event E21
expect bad-center 2 'sitmap: --center "95,1": expected LAT,LON in degrees' -- --dump --center 95,1
expect bad-window 2 'sitmap: --window "-3": expected a number of days, 0 to 100000' -- --dump --window -3
expect bad-zoom 2 'sitmap: --zoom "0": expected a number from 0.01 to 100000' -- --dump --zoom 0
expect bad-proj 1 'sitmap: projection "+proj=nonsense": proj_create: Error 1027 (Invalid value for an argument): Unknown projection' -- --dump --proj +proj=nonsense
expect unknown-event 1 'sitmap: --event: no event with id "E999"' -- --dump --event E999
expect missing-places 1 "sitmap: $T/none.csv: No such file or directory" -- --dump --places "$T/none.csv"
expect missing-map 1 "sitmap: $T/none.shp: No such file or directory" -- --dump --map "$T/none.shp"
printf 'id,name,lat,lon,kind,source\nx,X,12.5,abc,town,s\n' >"$T/p.csv"
expect bad-lon 1 "sitmap: $T/p.csv:2: lon \"abc\" is not a longitude" -- --dump --places "$T/p.csv"
printf 'id,name,lat,lon,kind,source\nx,"X,12.5,1,town,s\n' >"$T/q.csv"
expect bad-quote 1 "sitmap: $T/q.csv:2: unterminated quoted field" -- --dump --places "$T/q.csv"
expect distance-unknown 2 'sitmap: --distance: no place matches "Atlantis"' -- --distance Atlantis Kidal
expect help 0 '' -- --help
expect version 0 '' -- --version

check help-attribution grep -q 'OpenStreetMap contributors' <("$SITMAP" --help)
check version-libs grep -q '^PROJ 9' <("$SITMAP" --version)
check keys-lists-quit grep -q 'quit$' <("$SITMAP" --keys)
check distance-gao-kidal grep -q '^Gao -> Kidal: 28[0-9]\.[0-9] km' <("$SITMAP" --distance Gao Kidal)
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
check cast-frames-equal-dumps sh -c "build/tool_castframe '$T/x.cast' 26 | cmp - \
	\"\$(ls '$T'/frames/0026-*.txt)\" && '$SITMAP' --dump --size 70x22 --event E21 | cmp - '$T/frames/0026-E21.txt'"
check dump-all-one-per-event test "$(ls "$T/frames" | wc -l)" -eq "$(($("$SITMAP" --list-events | wc -l) - 1))"
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
printf 'charset = ascii\ncolour = yes\n' >"$T/config/sitmap/config"
expect config-unknown 2 "sitmap: $T/config/sitmap/config:2: unknown setting \"colour\" (charset, color, size, window, step-seconds, cache, proj, data-dir)" -- --dump
printf '\n\nsize = 0x3\n' >"$T/config/sitmap/config"
expect config-bad-value 2 "sitmap: $T/config/sitmap/config:3: size \"0x3\": expected WxH, each 1 to 2000" -- --dump
rm "$T/config/sitmap/config"
if [ -n "$release" ]; then
	check readme-outputs-current tests/tools/readme.sh
	if [ -x tests/cli/doc_keys.sh ]; then check readme-keys tests/cli/doc_keys.sh; fi
fi

# events from a pipe, which can be read only once: the same frame as from the file
if cmp -s <(timeout 20 "$SITMAP" --dump --size 80x30 --event E20 --events <(cat data/events.csv) 2>&1) \
    <("$SITMAP" --dump --size 80x30 --event E20 2>&1); then
	pass=$((pass + 1)); echo "PASS events-from-pipe"
else fail=$((fail + 1)); echo "FAIL events-from-pipe"; fi

# a duplicate id read from a pipe: the line is known without reading it again
dup='id,date,precision,place,kind,summary\nA,2023-01-01,day,gao,reported,x\nA,2023-01-02,day,gao,reported,y\n'
if timeout 20 "$SITMAP" --list-events --events <(printf "$dup") 2>&1 >/dev/null |
    grep -q ':3: duplicate id "A"$'; then
	pass=$((pass + 1)); echo "PASS duplicate-id-from-pipe"
else fail=$((fail + 1)); echo "FAIL duplicate-id-from-pipe"; fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
