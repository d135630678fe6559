#!/bin/sh
# Rewrites the key tables of README.md and sitmap.1 from ./sitmap --keys
# (keys in the first 17 columns, then the action), between their
# keys:begin and keys:end markers; tests/cli/doc_keys.sh checks they agree.
set -eu
cd "$(dirname "$0")/../.."
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
./sitmap --keys >"$T/keys"
{
	echo '| Keys | Action |'
	echo '|---|---|'
	while IFS= read -r line; do
		k=$(printf '%s' "$line" | cut -c1-17 | sed 's/ *$//')
		d=$(printf '%s' "$line" | cut -c18-)
		printf '|'
		for x in $k; do printf ' `%s`' "$x"; done
		printf ' | %s |\n' "$d"
	done <"$T/keys"
} >"$T/md"
{
	echo '.Bl -tag -width "S-Right L" -compact'
	while IFS= read -r line; do
		k=$(printf '%s' "$line" | cut -c1-17 | sed 's/ *$//')
		d=$(printf '%s' "$line" | cut -c18-)
		printf '.It Ic'
		# mdoc: a lone punctuation mark needs \& to be text, and - is \-
		for x in $k; do
			case $x in
			-) printf ' \\-' ;;
			[A-Za-z0-9]*) printf ' %s' "$x" ;;
			*) printf ' \\&%s' "$x" ;;
			esac
		done
		printf '\n%s\n' "$d"
	done <"$T/keys"
	echo '.El'
} >"$T/man"
replace() {	# FILE BEGIN END NEW
	# through the environment: awk -v would eat the backslash of .\"
	B=$2 E=$3 NEW=$4 awk '
		index($0, ENVIRON["B"]) { print; while ((getline l < ENVIRON["NEW"]) > 0) print l; skip = 1; next }
		index($0, ENVIRON["E"]) { skip = 0 }
		!skip' "$1" >"$T/out" && cat "$T/out" >"$1"
}
replace README.md '<!-- keys:begin -->' '<!-- keys:end -->' "$T/md"
replace sitmap.1 '.\" keys:begin' '.\" keys:end' "$T/man"
