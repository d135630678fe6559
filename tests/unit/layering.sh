#!/bin/sh
# The module floors of ARCHITECTURE.md, and the four doors.
#
# Floors: the table in ARCHITECTURE.md (rows "| FLOOR | `module` | ...")
# puts every module of src/ (a .c with its .h, or a lone .h) on a floor. A
# module's files may include only modules on lower floors; every module
# must be on one floor, and every module the table names must exist. The
# check runs on src/ and, to show that it can fail, on a copy of src/ where
# app.c includes dump.h (the viewer must not: the sink that owns the canvas
# writes the screenshot), which it must refuse.
#
# Doors: one file each may include curses, shapelib, PROJ and the JSON
# library (yajl, under any spelling of its headers), and the core library
# (everything the unit tests link) has no curses symbol.
set -eu
cd "$(dirname "$0")/../.."
status=0

# floors FILE: "module floor" lines from the table
floors() {
	sed -n 's/^| *\([0-9][0-9]*\) *| *`\([a-z_]*\)` *|.*/\2 \1/p' "$1"
}

# check_floors SRCDIR FLOORS: prints each breach; fails if there is one
check_floors() {
	awk -v src="$1" '
	FNR == NR { floor[$1] = $2; next }
	{
		# a file of src/: its module and the modules it includes
		f = FILENAME
		m = f
		sub(".*/", "", m)
		sub("\\.[ch]$", "", m)
		seen[m] = 1
		if (!(m in floor)) {
			if (!(m in told))
				printf "%s: module %s is on no floor of ARCHITECTURE.md\n", f, m
			told[m] = 1
			bad = 1
			next
		}
		if ($0 !~ /^#include "/)
			next
		n = $0
		sub("^#include \"", "", n)
		sub("\\.h\".*", "", n)
		if (n == m)
			next
		if (!(n in floor)) {
			printf "%s: includes %s.h, which is on no floor\n", f, n
			bad = 1
		} else if (floor[n] >= floor[m]) {
			printf "%s: includes %s.h, on floor %d; %s is on floor %d and may " \
			    "include only lower floors\n", f, n, floor[n], m, floor[m]
			bad = 1
		}
	}
	END {
		for (m in floor)
			if (!(m in seen)) {
				printf "ARCHITECTURE.md puts %s on floor %d, but %s has no %s.c or %s.h\n",
				    m, floor[m], src, m, m
				bad = 1
			}
		exit bad
	}' "$2" "$1"/*.c "$1"/*.h
}

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
floors ARCHITECTURE.md >"$T/floors"
if [ ! -s "$T/floors" ]; then
	echo "ARCHITECTURE.md: no module table (rows \"| FLOOR | \`module\` | ...\")"
	exit 1
fi
check_floors src "$T/floors" || status=1

# the check must see a breach: the viewer including the dump sink
mkdir "$T/src"
cp src/*.c src/*.h "$T/src"
printf '#include "dump.h"\n' >>"$T/src/app.c"
if check_floors "$T/src" "$T/floors" >"$T/out"; then
	echo "the floor check missed app.c including dump.h"
	status=1
elif ! grep -q 'app.c: includes dump.h' "$T/out"; then
	echo "the floor check did not name app.c including dump.h:"
	cat "$T/out"
	status=1
fi

check() {	# header allowed-file
	found=$(grep -l "#include <$1>" src/*.c src/*.h | tr '\n' ' ')
	if [ "$found" != "$2 " ]; then
		echo "<$1> is included by: $found(only $2 may)"
		status=1
	fi
}
check curses.h src/ui.c
check shapefil.h src/shp.c
check proj.h src/prj.c
check yajl/yajl_parse.h src/json.c
# any header of yajl's, however spelt
found=$(grep -lE '#include [<"](yajl/)?yajl_' src/*.c src/*.h | tr '\n' ' ')
if [ "$found" != "src/json.c " ]; then
	echo "yajl is included by: $found(only src/json.c may)"
	status=1
fi
if nm -u build/libsitmap.a | grep -Eq '\b(initscr|newterm|wrefresh|endwin|getch|wgetch)\b'; then
	echo "libsitmap.a uses curses"
	status=1
fi
exit $status
