#!/usr/bin/env bash
# Display width: no line of any output is wider than its frame when every
# text field holds emoji (ZWJ sequences, VS16, keycaps, flags, skin tones),
# CJK, Hangul, fullwidth forms, combining marks and zero-width characters
# (tests/fixtures/wide_*.csv, tests/fixtures/acled_wide.csv). Widths are
# measured by measure.py (Python's Unicode database, no code of sitmap's)
# and by wc -L (the C library's wcwidth()). Ends "N passed, N failed".
set -u
cd "$(dirname "$0")/../.." || exit 2
export LC_ALL=C.UTF-8 NO_COLOR=1
SITMAP=$(realpath "${SITMAP:-./sitmap}")
pass=0 fail=0
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
F=tests/fixtures
PAIR=(--places "$F/wide_places.csv" --events "$F/wide_events.csv")
ACLED=(--events "$F/acled_wide.csv")
specs=()

# dump NAME COLSxROWS ARGS...: a dump to measure, and wc -L's width of it now
dump() {
	local name=$1 size=$2 w
	shift 2
	if ! "$SITMAP" --dump --size "$size" "$@" >"$T/$name" 2>"$T/err"; then
		fail=$((fail + 1)); echo "FAIL $name: exit status $?: $(head -1 "$T/err")"
		return
	fi
	w=$(wc -L <"$T/$name")
	if [ "$w" -gt "${size%x*}" ]; then
		fail=$((fail + 1)); echo "FAIL $name: wc -L says $w columns"
	fi
	specs+=("$size:$T/$name")
}

for size in 60x20 80x24 100x40; do
	for cs in braille block ascii; do
		for at in W1 'W2🚀' W3 W4; do
			dump "pair-$size-$cs-$at" "$size" --charset "$cs" "${PAIR[@]}" --event "$at"
		done
		dump "pair-$size-$cs-all" "$size" --charset "$cs" "${PAIR[@]}" --date 2023-10-31 \
		    --window 0
		for at in 2023-10-04 2023-10-07 2023-10-31; do
			dump "acled-$size-$cs-$at" "$size" --charset "$cs" "${ACLED[@]}" --date "$at"
		done
		dump "acled-$size-$cs-default" "$size" --charset "$cs" "${ACLED[@]}"
	done
done
# at a size where little fits: the title, panel and legend cut, never overflow
for size in 20x8 33x10 41x12; do
	dump "pair-tiny-$size" "$size" "${PAIR[@]}" --event W1
	dump "acled-tiny-$size" "$size" "${ACLED[@]}"
done

# in ASCII, a combining mark goes with its letter's accent (NFD "Ségou" is
# "Segou", not "Se?gou"); under LC_ALL=C every byte is ASCII, and still fits
ascii_ok() {	# NAME FILE: the marks gone, no '?' for them
	if grep -q 'Segou' "$2" && ! grep -q 'Se?gou' "$2"; then
		pass=$((pass + 1)); echo "PASS $1"
	else
		fail=$((fail + 1)); echo "FAIL $1: $(grep -m1 'gou' "$2")"
	fi
}
dump "ascii-marks" 80x24 --charset ascii "${PAIR[@]}" --event W3
ascii_ok "ascii: marks dropped, not shown as ?" "$T/ascii-marks"
LC_ALL=C dump "lang-c" 80x24 "${PAIR[@]}" --event W3
ascii_ok "LC_ALL=C: marks dropped, not shown as ?" "$T/lang-c"
if LC_ALL=C grep -q '[^ -~]' "$T/lang-c"; then
	fail=$((fail + 1)); echo "FAIL LC_ALL=C dump is ASCII"
else
	pass=$((pass + 1)); echo "PASS LC_ALL=C dump is ASCII"
fi

# the --list-events table lines up by display width
for set in pair acled; do
	if [ $set = pair ]; then set -- "${PAIR[@]}"; else set -- "${ACLED[@]}"; fi
	if "$SITMAP" --list-events "$@" >"$T/table-$set" 2>"$T/err"; then
		specs+=("table:$T/table-$set")
	else
		fail=$((fail + 1)); echo "FAIL table-$set: $(head -1 "$T/err")"
	fi
done

# one Python for all (its start-up is most of the time)
while IFS= read -r line; do
	case $line in
	PASS*) pass=$((pass + 1)); echo "${line/$T\//}" ;;
	*) fail=$((fail + 1)); echo "${line/$T\//}" ;;
	esac
done < <(python3 tests/width/measure.py "${specs[@]}")

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
