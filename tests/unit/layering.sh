#!/bin/sh
# The four doors: one file each may include curses, shapelib, PROJ and the
# JSON library (yajl), and
# the core library (everything the unit tests link) has no curses symbol.
set -eu
cd "$(dirname "$0")/../.."
status=0
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
check yajl/yajl_parse.h src/geojson.c
# any header of yajl's, however spelt
found=$(grep -lE '#include [<"](yajl/)?yajl_' src/*.c src/*.h | tr '\n' ' ')
if [ "$found" != "src/geojson.c " ]; then
	echo "yajl is included by: $found(only src/geojson.c may)"
	status=1
fi
if nm -u build/libsitmap.a | grep -Eq '\b(initscr|newterm|wrefresh|endwin|getch|wgetch)\b'; then
	echo "libsitmap.a uses curses"
	status=1
fi
exit $status
