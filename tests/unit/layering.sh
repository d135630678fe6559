#!/bin/sh
# The three doors: one file each may include curses, shapelib and PROJ, and
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
if nm -u build/libsitmap.a | grep -Eq '\b(initscr|newterm|wrefresh|endwin|getch|wgetch)\b'; then
	echo "libsitmap.a uses curses"
	status=1
fi
exit $status
