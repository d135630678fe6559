#!/bin/sh
# Checks that the key tables of README.md and sitmap.1 match `./sitmap --keys`.
# Run from the repository root after building. Whitespace is normalised;
# on a mismatch prints a diff (documented vs --keys) and exits 1.
#
# README.md: rows "| `KEY` `KEY` | description |" between the lines
#   <!-- keys:begin --> and <!-- keys:end -->
# sitmap.1: ".It Ic KEY KEY" followed by the description line(s), between
#   the comments .\" keys:begin and .\" keys:end
set -u
cd "$(dirname "$0")/../.." || exit 1

if [ ! -x ./sitmap ]; then
	echo "doc_keys: ./sitmap is not built; run make first" >&2
	exit 1
fi

T=$(mktemp -d) || exit 1
trap 'rm -rf "$T"' EXIT HUP INT TERM

# one line per binding, words separated by single spaces
norm() {
	tr -s ' \t' '  ' | sed 's/^ //; s/ $//; /^$/d'
}

LC_ALL=C ./sitmap --keys >"$T/raw" || {
	echo "doc_keys: ./sitmap --keys failed" >&2
	exit 1
}
norm <"$T/raw" >"$T/keys"
if [ ! -s "$T/keys" ]; then
	echo "doc_keys: ./sitmap --keys printed nothing" >&2
	exit 1
fi

# README.md: the first cell's backquotes and the first cell separator go
sed -n '/^<!-- keys:begin -->$/,/^<!-- keys:end -->$/p' README.md |
	grep '^| `' |
	sed 's/^| *//; s/ *|$//; s/ | / /; s/`//g' |
	norm >"$T/readme"

# sitmap.1: ".It Ic" line plus its text lines; mdoc escapes undone
awk '
	/^\.\\" keys:begin/ { on = 1; next }
	/^\.\\" keys:end/ { on = 0 }
	!on { next }
	/^\.It / {
		if (line != "") print line
		sub(/^\.It +/, ""); sub(/^Ic +/, "")
		line = $0
		next
	}
	/^\./ { next }
	{ line = line " " $0 }
	END { if (line != "") print line }
' sitmap.1 |
	sed 's/\\&//g; s/\\-/-/g; s/\\e/\\/g' |
	norm >"$T/man"

status=0
for doc in readme man; do
	case $doc in
	readme) file=README.md ;;
	man) file=sitmap.1 ;;
	esac
	if [ ! -s "$T/$doc" ]; then
		echo "FAIL $file: no key table between the keys:begin and keys:end markers"
		status=1
	elif diff -u "$T/$doc" "$T/keys" >"$T/diff"; then
		echo "PASS $file key table matches ./sitmap --keys ($(wc -l <"$T/keys" | tr -d ' ') rows)"
	else
		echo "FAIL $file key table differs from ./sitmap --keys:"
		sed "s|^--- $T/$doc.*|--- $file|; s|^+++ $T/keys.*|+++ ./sitmap --keys|" "$T/diff"
		status=1
	fi
done
exit $status
