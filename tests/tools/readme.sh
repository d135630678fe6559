#!/bin/sh
# The outputs pasted in README.md are real: each ```text block right after an
# "<!-- output: COMMAND -->" line must be what COMMAND prints now.
#	tests/tools/readme.sh           check (exit 1 and a diff if stale)
#	tests/tools/readme.sh --update  rewrite the blocks (make readme)
set -eu
cd "$(dirname "$0")/../.."
export LC_ALL=C.UTF-8 NO_COLOR=1 SITMAP_NO_CACHE=1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
awk -v dir="$T" '
	/^<!-- output: .* -->$/ {
		cmd = $0; sub(/^<!-- output: /, "", cmd); sub(/ -->$/, "", cmd)
		n++; print cmd > (dir "/cmd" n); close(dir "/cmd" n)
		print; inblock = 0; want = 1; next
	}
	want && /^```text$/ { print; print "@@OUTPUT " n "@@"; inblock = 1; want = 0; next }
	inblock && /^```$/ { inblock = 0; print; next }
	inblock { next }
	{ print }' README.md >"$T/skeleton"
: >"$T/new"
while IFS= read -r line; do
	case $line in
	"@@OUTPUT "*"@@")
		n=${line#@@OUTPUT }; n=${n%@@}
		sh -c "$(cat "$T/cmd$n")" >>"$T/new" 2>&1 ;;
	*) printf '%s\n' "$line" >>"$T/new" ;;
	esac
done <"$T/skeleton"
if [ "${1:-}" = --update ]; then
	cat "$T/new" >README.md
elif ! cmp -s README.md "$T/new"; then
	echo "README.md has stale outputs (make readme rewrites them):"
	diff README.md "$T/new" | head -20
	exit 1
fi
