#!/usr/bin/env bash
# Runs every test kind and ends with "N passed, N failed".
#   tests/run.sh [unit|san|layering|replay|golden|cli|width|install|import|hostile|cache|e2e|asan|tsan ...]
#   UPDATE=1 tests/run.sh golden   rewrites the golden files for review
set -u
cd "$(dirname "$0")/.." || exit 2
export LC_ALL=C.UTF-8 NO_COLOR=1
unset TERM COLUMNS LINES SITMAP_DATA SITMAP_NO_CACHE
# a private cache, so that tests neither use nor leave the user's
XDG_CACHE_HOME=$(mktemp -d)
export XDG_CACHE_HOME
# and no user configuration
export XDG_CONFIG_HOME="$XDG_CACHE_HOME/no-config"
trap 'rm -rf "$XDG_CACHE_HOME"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "PASS $*"; }
ko() { fail=$((fail + 1)); echo "FAIL $*"; }

run_unit() {	# dir label
	local t found=
	for t in "$1"/test_*; do
		[ -x "$t" ] || continue
		found=1
		if out=$("$t" 2>&1); then ok "$2 $(basename "$t")"
		else ko "$2 $(basename "$t")"; printf '%s\n' "$out" | tail -20; fi
	done
	# a suite that was not built must not pass by running nothing
	[ -n "$found" ] || ko "$2: nothing in $1 (make check builds it)"
}

t_unit() { run_unit build unit; }
t_san() {
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
		run_unit build/san "unit(asan+ubsan)"
}

t_replay() {
	local r name found=
	for r in build/san/replay_*; do
		[ -x "$r" ] || continue
		found=1
		name=${r##*/replay_}
		set -- tests/fuzz/corpus/"$name"
		[ -d tests/fuzz/crashers/"$name" ] && set -- "$@" tests/fuzz/crashers/"$name"
		if out=$("$r" "$@" 2>&1); then
			ok "fuzz replay $name ($(printf '%s\n' "$out" | tail -1))"
		else ko "fuzz replay $name"; printf '%s\n' "$out" | tail -20; fi
	done
	[ -n "$found" ] || ko "fuzz replay: nothing in build/san (make check builds it)"
}

t_layering() {
	if out=$(tests/unit/layering.sh 2>&1); then ok "layering"
	else ko "layering"; printf '%s\n' "$out"; fi
}

t_golden() {
	local a name got
	# the generated inputs some goldens read (build/golden-inputs)
	if ! tests/golden/inputs.sh; then ko "golden inputs (tests/golden/inputs.sh)"; return; fi
	for a in tests/golden/*.args; do
		name=${a%.args}
		got=$(mktemp)
		# shellcheck disable=SC2046
		./sitmap --dump $(cat "$a") >"$got" 2>&1
		if [ "${UPDATE:-}" = 1 ]; then cp "$got" "$name.txt"; fi
		if cmp -s "$got" "$name.txt"; then ok "golden $(basename "$name")"
		else ko "golden $(basename "$name")"; diff "$name.txt" "$got" | head -20; fi
		rm -f "$got"
	done
}

# judge NAME STATUS OUTPUT: one line for a suite that ends "N passed, N failed".
# The suites that run the binary take it from $SITMAP (./sitmap when unset);
# $as names a binary other than ./sitmap in their lines.
as=
judge() {
	if [ "$2" -eq 0 ]; then ok "$1$as $(printf '%s\n' "$3" | tail -1)"
	else ko "$1$as"; printf '%s\n' "$3" | grep -v '^PASS' | tail -30; fi
}

t_cli() {
	local out
	out=$(tests/cli/run.sh 2>&1)
	judge cli $? "$out"
}

t_hostile() {
	local out
	out=$(tests/hostile/run.sh 2>&1)
	judge hostile $? "$out"
}

t_width() {
	local out
	out=$(tests/width/run.sh 2>&1)
	judge width $? "$out"
}

t_install() {
	local out
	out=$(tests/install/run.sh 2>&1)
	judge install $? "$out"
}

# The importer's matrix: the same events through every delimiter, style,
# encoding, compression and transport (about 90 runs of sitmap).
t_import() {
	local out
	out=$(tests/import/run.sh 2>&1)
	judge import $? "$out"
}

t_cache() {
	if out=$(tests/cache/run.sh 2>&1); then ok "cache $(printf '%s\n' "$out" | tail -1)"
	else ko "cache"; printf '%s\n' "$out" | tail -30; fi
}

t_e2e() {
	local s line
	for s in tests/e2e/t_*.sh; do
		[ -f "$s" ] || continue
		while IFS= read -r line; do
			case $line in
			PASS*) ok "e2e$as ${line#PASS }" ;;
			FAIL*) ko "e2e$as ${line#FAIL }" ;;
			*) echo "$line" ;;
			esac
		done < <(bash "$s" 2>&1)
	done
}

# The command-line, hostile-input and end-to-end suites once more, on the
# binary built with ASan, UBSan and LSan: any report fails, whichever process
# made it. Reports go to files, since the viewer's stderr is a tmux pane and
# a report in a pipeline may be lost; a cache of its own makes the first runs
# cold (libproj loaded, layers projected and written), the later ones warm.
t_asan() {
	local logs f n=0 pid st
	if [ ! -x sitmap-asan ]; then
		ko "asan: no ./sitmap-asan (make check builds it)"
		return
	fi
	logs=$(mktemp -d)
	mkdir "$logs/cache" "$logs/reports"
	local -x SITMAP=$PWD/sitmap-asan XDG_CACHE_HOME=$logs/cache
	local -x ASAN_OPTIONS="log_path=$logs/reports/asan:detect_leaks=1:abort_on_error=0"
	local -x UBSAN_OPTIONS="log_path=$logs/reports/ubsan:print_stacktrace=1"
	local as=" (asan)"
	# the hostile-input suite keeps a core busy, the end-to-end one mostly
	# waits on the screen: side by side, they take the time of the longer
	tests/hostile/run.sh >"$logs/hostile" 2>&1 &
	pid=$!
	t_cli
	t_width
	local -x QUICK=1	# the matrix's shapes, through fewer codecs and transports
	t_import
	t_e2e
	wait "$pid"
	st=$?
	judge hostile "$st" "$(cat "$logs/hostile")"
	for f in "$logs"/reports/*; do
		[ -e "$f" ] || continue
		n=$((n + 1))
		echo "--- $f"
		head -n 40 "$f"
	done
	if [ "$n" -eq 0 ]; then ok "asan: no sanitizer report"
	else ko "asan: $n sanitizer reports"; fi
	rm -rf "$logs"
}

# The threaded loading and counting under ThreadSanitizer (about 40 s; see tests/tsan/run.sh).
t_tsan() {
	if out=$(tests/tsan/run.sh 2>&1); then ok "tsan $(printf '%s\n' "$out" | tail -1)"
	else ko "tsan"; printf '%s\n' "$out" | grep -v '^PASS' | tail -60; fi
}

kinds=${*:-unit san layering replay golden cli width install import hostile cache e2e asan tsan}
for k in $kinds; do "t_$k"; done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
