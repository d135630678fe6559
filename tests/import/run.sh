#!/usr/bin/env bash
# The importer's matrix (issue 18): the same synthetic events (gen_acled.sh,
# gen_ucdp.sh, re-shaped by tests/tools/variant.py, never real exports) must
# give the same dump and the same --list-events --format csv whatever the
# delimiter (, ; tab |), the value style (NA and its kin, 12.0, date-times,
# header case and order, BOM, CRLF), the encoding (CSV, or the source's API
# JSON), the compression (none, gzip, zip) and the transport (a file, "-"
# on standard input, a pipe, a FIFO, /dev/stdin). Every cell is compared
# with the plain CSV read from a file; one that differs fails, with a diff.
# QUICK=1 (the sanitizer pass) keeps every shape but fewer codecs and transports.
# Prints one line per cell and ends with "N passed, N failed".
set -u
cd "$(dirname "$0")/../.."
export LC_ALL=C.UTF-8 NO_COLOR=1
unset TERM COLUMNS LINES SITMAP_DATA SITMAP_NO_CACHE
pass=0 fail=0
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export XDG_CACHE_HOME=$T/cache XDG_CONFIG_HOME=$T/config
SITMAP=$(realpath "${SITMAP:-./sitmap}")
V=tests/tools/variant.py
ok() { pass=$((pass + 1)); echo "PASS $*"; }
ko() { fail=$((fail + 1)); echo "FAIL $*"; }

# out SOURCE TRANSPORT FILE: the dump and the list, each from one read of FILE
out() {
	local src=$1 tr=$2 f=$3 ev
	ev=MLI1006
	[ "$src" = ucdp ] && ev=500001
	# what an analyst's terminal would show for the event, and every event
	read_once "$tr" "$f" --dump --size 120x40 --event "$ev"
	read_once "$tr" "$f" --list-events --format csv
}

# read_once TRANSPORT FILE ARGS...: sitmap ARGS --events ..., FILE reaching it by TRANSPORT
read_once() {
	local tr=$1 f=$2 w
	shift 2
	case $tr in
	file) timeout 60 "$SITMAP" "$@" --events "$f" 2>&1 ;;
	stdin) timeout 60 "$SITMAP" "$@" --events - <"$f" 2>&1 ;;
	devstdin) cat "$f" | timeout 60 "$SITMAP" "$@" --events /dev/stdin 2>&1 ;;
	pipe) timeout 60 "$SITMAP" "$@" --events <(cat "$f") 2>&1 ;;
	fifo)
		rm -f "$T/fifo"
		mkfifo "$T/fifo"
		# the writer waits in open() before sitmap starts (a FIFO that no
		# writer holds yet reads as empty); a writer left waiting or
		# writing by a run that stopped early is killed, not waited for
		sh -c 'exec cat "$1" >"$2"' sh "$f" "$T/fifo" &
		w=$!
		for _ in $(seq 250); do
			[ "$(cat /proc/$w/wchan 2>/dev/null)" = wait_for_partner ] && break
			sleep 0.02
		done
		timeout 60 "$SITMAP" "$@" --events "$T/fifo" 2>&1
		kill "$w" 2>/dev/null
		wait "$w" 2>/dev/null
		;;
	esac
}

# cell SOURCE NAME TRANSPORT FILE: compared with the reference
cell() {
	local src=$1 name=$2 tr=$3 f=$4
	out "$src" "$tr" "$f" >"$T/got"
	if cmp -s "$T/ref-$src" "$T/got"; then
		ok "$src $name $tr"
	else
		ko "$src $name $tr"
		diff "$T/ref-$src" "$T/got" | head -8
	fi
}

codecs="plain gz zip"
transports="stdin pipe fifo devstdin"
if [ -n "${QUICK:-}" ]; then
	codecs="plain gz"
	transports="stdin fifo"
fi

for src in acled ucdp; do
	sh "tests/tools/gen_$src.sh" 400 >"$T/$src.csv"
	out "$src" file "$T/$src.csv" >"$T/ref-$src"
	# the reference itself: every row listed, no message
	n=$(grep -c '^\(MLI[0-9]*\|[56]0[0-9]\{4\}\),' "$T/ref-$src")
	if [ "$n" -eq 400 ] && ! grep -q '^sitmap:' "$T/ref-$src"; then
		ok "$src reference: 400 events"
	else
		ko "$src reference: $n events"
		head -3 "$T/ref-$src"
	fi
	# every shape, as CSV or JSON; each plain, gzipped and zipped, from a file
	while read -r name args; do
		ext=csv
		case $args in *--json*) ext=json ;; esac
		# shellcheck disable=SC2086
		python3 "$V" $args "$T/$src.csv" >"$T/$src-$name.$ext" || ko "variant.py $args"
		for c in $codecs; do
			f=$T/$src-$name.$ext
			case $c in
			gz) gzip -c "$f" >"$f.gz"; f=$f.gz ;;
			# shellcheck disable=SC2086
			zip) python3 "$V" $args --zip "$src-$name.$ext" "$T/$src.csv" >"$f.zip"
				f=$f.zip ;;
			esac
			cell "$src" "$name.$c" file "$f"
		done
	done <<-EOF
	comma
	semicolon --delim ;
	tab --delim tab
	bar --delim |
	crlf-bom --crlf --bom
	header --header
	style --style
	excel --style --header --delim ; --crlf --bom
	json --json $src
	EOF
	# every transport, on a few of them: what a pipe gives is read once
	for tr in $transports; do
		for f in comma.csv json.json.gz excel.csv.gz style.csv.zip tab.csv; do
			[ -f "$T/$src-$f" ] || continue
			cell "$src" "$f" "$tr" "$T/$src-$f"
		done
	done
done

# Parallel blocks (import.c): a CSV the binary maps is parsed in blocks
# (SITMAP_PARSE_THREADS sets how many, small files too) and must give what
# one pass gives, byte for byte: the export, the list and a frame (no
# cache: the first run would write one the others read), or the
# same message. The variants (tests/tools/blockvar.py) put repeated ids,
# bad rows, notes over several lines, CRLF, a stray quote and CR line ends
# where the file is cut; test_import's test_blocks proves the blocks are
# merged, not parsed again in one pass.
# blocks NAME FILE: one pass against 2 and 3 blocks (QUICK: 2)
blocks() {
	local name=$1 f=$2 n
	for n in 1 $block_counts; do
		{
			SITMAP_PARSE_THREADS=$n timeout 120 "$SITMAP" --no-cache --export csv --events "$f" 2>&1
			echo "status $?"
			SITMAP_PARSE_THREADS=$n timeout 120 "$SITMAP" --no-cache --list-events --format csv \
			    --events "$f" 2>&1
			echo "status $?"
			SITMAP_PARSE_THREADS=$n timeout 120 "$SITMAP" --no-cache --dump --size 120x40 \
			    --events "$f" 2>&1
			echo "status $?"
		} >"$T/blocks-$n"
		[ "$n" = 1 ] && continue
		if cmp -s "$T/blocks-1" "$T/blocks-$n"; then
			ok "blocks $name: $n blocks as one pass"
		else
			ko "blocks $name: $n blocks"
			diff "$T/blocks-1" "$T/blocks-$n" | head -8
		fi
	done
}
block_counts="2 3"
[ -n "${QUICK:-}" ] && block_counts=2
build/tool_acledgen -s 7 4000 >"$T/b.csv" || ko "tool_acledgen"
blocks acledgen "$T/b.csv"
for m in dup-newer dup-older dup-mixed no-stamp bad-late bad-both multiline crlf stray cr; do
	python3 tests/tools/blockvar.py "$m" <"$T/b.csv" >"$T/b-$m.csv" || ko "blockvar.py $m"
	blocks "$m" "$T/b-$m.csv"
done
# what each must show, lest a variant make nothing to test
for want in "dup-older:4000" "no-stamp:duplicate event_id_cnty" \
    "bad-both:event_date \"yesterday\"" "multiline:4000"; do
	m=${want%%:*}
	SITMAP_PARSE_THREADS=1 "$SITMAP" --list-events --format csv --events "$T/b-$m.csv" \
	    >"$T/out" 2>&1
	case $want in
	*:4000) n=$(grep -c '^[A-Z]\{3\}[0-9]*,' "$T/out")
		[ "$n" -eq 4000 ] && ok "blocks $m: $n events" || ko "blocks $m: $n events" ;;
	*) grep -qF "${want#*:}" "$T/out" && ok "blocks $m: ${want#*:}" ||
		ko "blocks $m: $(head -c 200 "$T/out")" ;;
	esac
done
sh tests/tools/gen_ucdp.sh -c 3000 >"$T/b-ucdp.csv"
blocks ucdp-crlf "$T/b-ucdp.csv"
awk 'BEGIN { print "lat,lon,date,count,fatalities,label"
	for (i = 0; i < 4000; i++)
		printf "%d.5,%d.25,2024-01-%02d,%d,%d,%s\n", i % 9, i % 7, 1 + i % 28, i, i % 3,
		    i % 4 ? "" : "\"Cell,\nnamed\"" }' >"$T/b-agg.csv"
blocks aggregate "$T/b-agg.csv"
# a block judges after 16,384 events how many its bytes will make
# (expect_events()): rows far longer or shorter at first than later
build/tool_acledgen -s 3 80000 >"$T/big.csv" || ko "tool_acledgen 80000"
for m in long-first short-first; do
	python3 tests/tools/blockvar.py "$m" <"$T/big.csv" >"$T/b-$m.csv" || ko "blockvar.py $m"
	blocks "$m" "$T/b-$m.csv"
	SITMAP_PARSE_THREADS=2 XDG_CACHE_HOME="$T/cache-$m" timeout 120 "$SITMAP" --list-events \
	    --format csv --events "$T/b-$m.csv" >"$T/cold" 2>&1
	SITMAP_PARSE_THREADS=1 timeout 120 "$SITMAP" --no-cache --list-events --format csv \
	    --events "$T/b-$m.csv" >"$T/one" 2>&1
	n=$(grep -c '^[A-Z]\{3\}[0-9]*,' "$T/one")
	if cmp -s "$T/one" "$T/cold" && [ "$n" -eq 80000 ]; then
		ok "blocks $m: first open in rooms as one pass, $n events"
	else
		ko "blocks $m: first open in rooms ($n events)"
	fi
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
