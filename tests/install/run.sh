#!/usr/bin/env bash
# make install and make uninstall, into a DESTDIR: what is installed (the
# program, manual, maps/ with the world layers, data/, LICENSE and
# LICENSES-DATA under share/doc/sitmap, bash and zsh completions), that the
# manifest lists it, that uninstall removes exactly that and the
# directories install created, and that a user's files (beside sitmap's
# or an installed file the user changed) survive. Also that the generated
# completions offer every option --help lists. Ends "N passed, N failed".
set -u
cd "$(dirname "$0")/../.." || exit 2
export LC_ALL=C.UTF-8 NO_COLOR=1
pass=0 fail=0
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
ok() { pass=$((pass + 1)); echo "PASS $*"; }
ko() { fail=$((fail + 1)); echo "FAIL $*"; }
check() {	# NAME COMMAND...
	local name=$1
	shift
	if "$@" >"$T/check.out" 2>&1; then ok "$name"
	else ko "$name"; head -20 "$T/check.out"; fi
}

# --- completions ---------------------------------------------------------
make -s completions >/dev/null || ko "make completions"
B=build/completions/sitmap Z=build/completions/_sitmap
# every option the help names, in its option column or in a description
opts=$(./sitmap --help | grep -oE '(^|[ ,(])--?[a-zA-Z][a-z-]*' | sed 's/^[ ,(]//' | sort -u)
missing_in() {	# FILE PATTERN-PREFIX: the options of --help that FILE lacks
	local o
	for o in $opts; do
		grep -qE -- "(^|[^a-z-])$o([^a-z-]|$)" "$1" || echo "$o"
	done
}
check "help lists options" test "$(printf '%s\n' "$opts" | wc -l)" -ge 30
check "bash completion has every option" test -z "$(missing_in "$B")"
check "zsh completion has every option" test -z "$(missing_in "$Z")"
check "bash completion parses" bash -n "$B"
# bash: what completing offers, as bash would call the function
comp() {	# WORDS...: prints COMPREPLY for the last word, one per line
	bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _sitmap
		printf "%s\n" "${COMPREPLY[@]}"' sh "$B" sitmap "$@"
}
every_option_completes() {
	local o
	for o in $opts; do
		comp "$o" | grep -qx -- "$o" || { echo "$o does not complete"; return 1; }
	done
}
check "bash: every option completes" every_option_completes
check "bash: --charset values" test "$(comp --charset '' | tr '\n' ' ')" = "braille block ascii "
check "bash: --step values" test "$(comp --step m | tr '\n' ' ')" = "month "
check "bash: --format values" test "$(comp --format '' | tr '\n' ' ')" = "table csv json "
mkdir -p "$T/cwd/some dir" && touch "$T/cwd/x.shp" "$T/cwd/some dir/y"
check "bash: --map completes files" sh -c "cd '$T/cwd' && test \"\$(bash -c '. \"$PWD/$B\"; \
	COMP_WORDS=(sitmap --map x); COMP_CWORD=2; _sitmap; echo \"\${COMPREPLY[*]}\"')\" = x.shp"
check "bash: --data-dir completes directories" sh -c "cd '$T/cwd' && test \"\$(bash -c '. \"$PWD/$B\"; \
	COMP_WORDS=(sitmap --data-dir s); COMP_CWORD=2; _sitmap; echo \"\${COMPREPLY[*]}\"')\" = 'some dir'"
check "bash: --size takes a value, not an option" test -z "$(comp --size '')"
if command -v zsh >/dev/null 2>&1; then
	check "zsh completion parses" zsh -n "$Z"
else
	echo "SKIP zsh completion parses (no zsh)"
fi

# --- install and uninstall -----------------------------------------------
D=$T/dest P=/usr/local
S=$D$P/share/sitmap DOC=$D$P/share/doc/sitmap
mkdir -p "$S" "$DOC" "$D$P/bin"
echo "my notes" >"$S/notes.txt"
echo "my doc" >"$DOC/mine.txt"
echo "another tool" >"$D$P/bin/other"
snapshot() { (cd "$D" && find . | sort); }
before=$(snapshot)
if make -s install DESTDIR="$D" PREFIX="$P" >"$T/install.out" 2>&1; then ok "make install"
else ko "make install"; cat "$T/install.out"; fi
M=$S/install-manifest
installed_is() {	# PATH...: each is a file under DESTDIR
	local f
	for f in "$@"; do
		[ -f "$D$P/$f" ] || { echo "missing $f"; return 1; }
	done
}
check "installs the program and manual" installed_is bin/sitmap share/man/man1/sitmap.1
check "installs LICENSE and LICENSES-DATA under share/doc" installed_is \
	share/doc/sitmap/LICENSE share/doc/sitmap/LICENSES-DATA
check "installs the world layers" installed_is share/sitmap/maps/world_countries.shp \
	share/sitmap/maps/world_countries.dbf share/sitmap/maps/world_admin1.shx
check "installs the data" installed_is share/sitmap/data/events.csv share/sitmap/data/places.csv
check "installs the completions" installed_is share/bash-completion/completions/sitmap \
	share/zsh/site-functions/_sitmap
check "every map layer file" test "$(ls maps | wc -l)" -eq "$(ls "$S/maps" | wc -l)"
# the manifest: every file install added, and nothing else
manifest_is_exact() {
	local added listed
	added=$(comm -13 <(printf '%s\n' "$before") <(snapshot) | while read -r f; do
		[ -f "$D/$f" ] && [ "$D${f#.}" != "$M" ] && echo "${f#.}"; done | sort)
	listed=$(awk '$1 == "f" { print $3 }' "$M" | sort)
	[ "$added" = "$listed" ] || { diff <(echo "$added") <(echo "$listed"); return 1; }
}
check "the manifest lists exactly the files install wrote" manifest_is_exact
check "the manifest's sums are the files'" sh -c "awk '\$1 == \"f\" { print \$2 \"  $D\" \$3 }' \
	'$M' | sha256sum -c --quiet"
check "the installed program finds its data" sh -c "cd / && '$D$P/bin/sitmap' --data-dir \
	'$S' --dump --size 60x20 --date 2023-10-07 | grep -q Anefis"
check "the installed world layer opens" sh -c "cd / && '$D$P/bin/sitmap' --data-dir '$S' \
	--dump --size 60x20 --map '$S/maps/world_countries.shp' >/dev/null"
# a second install changes nothing but the files: no path listed twice
if make -s install DESTDIR="$D" PREFIX="$P" >"$T/install.out" 2>&1; then ok "make install again"
else ko "make install again"; cat "$T/install.out"; fi
check "reinstall lists each path once" test -z "$(awk '!/^#/ { print $1, $3 }' "$M" | sort | uniq -d)"
check "no temporary file left" test -z "$(find "$D" -name '*.tmp*')"
# the user's files survive uninstall, and nothing else of sitmap remains
if make -s uninstall DESTDIR="$D" PREFIX="$P" >"$T/un.out" 2>&1; then ok "make uninstall"
else ko "make uninstall"; cat "$T/un.out"; fi
check "user files survive" sh -c "test \"\$(cat '$S/notes.txt' '$DOC/mine.txt' '$D$P/bin/other')\" = \
	\"\$(printf 'my notes\nmy doc\nanother tool')\""
check "nothing else remains" test "$(snapshot)" = "$before"
make -s uninstall DESTDIR="$D" PREFIX="$P" >"$T/un.out" 2>&1
check "uninstall again fails" test $? -ne 0
check "uninstall again: no manifest" grep -q "sitmap: $M: no install manifest, nothing removed" \
	"$T/un.out"
check "without a manifest nothing is removed" test "$(snapshot)" = "$before"

# an installed file the user changed is kept, and said so
rm -rf "$D"
mkdir -p "$D"
make -s install DESTDIR="$D" PREFIX="$P" >/dev/null 2>&1
echo "my edit" >>"$S/data/README"
make -s uninstall DESTDIR="$D" PREFIX="$P" >"$T/un.out" 2>&1
check "a changed file is kept" grep -q 'my edit' "$S/data/README"
check "and uninstall says so" grep -q "kept $S/data/README: changed since make install" "$T/un.out"
check "and only it remains" test "$(cd "$D" && find . -type f)" = "./usr/local/share/sitmap/data/README"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
