#!/usr/bin/env bash
# peer.sh DIR: builds the peer of issue 19's map rows, asciiworld v17.12 (C,
# shapelib and libgd, MIT), in DIR/asciiworld, outside the repository: its
# code is never committed here. Debian has no package of it, and this machine
# reaches no git host, so its single source file must be put in place by hand
# from its author's repository (tag v17.12, asciiworld.c, the version with
# -c, Hammer, -W and -t) as DIR/asciiworld/asciiworld.c. The build checks
# that file against the checksum below, so every run measures the same peer,
# installs libgd-dev from Debian when it is missing, and builds it with the
# flags of the peer's own Makefile. Prints the binary's path; exits 1, saying
# why, when it cannot.
set -eu
dir=$1/asciiworld
src=$dir/asciiworld.c
sum=498b8e727e7193411e3f1c1865d5ee9fc480ac33f74e84f4cbcf427d46e05b4f
if [ ! -f "$src" ]; then
	echo "no $src (asciiworld v17.12's asciiworld.c, put there by hand)"
	exit 1
fi
if [ "$(sha256sum <"$src" | cut -d' ' -f1)" != "$sum" ]; then
	echo "$src is not the asciiworld.c this bench was set up with (sha256 $sum)"
	exit 1
fi
if [ -x "$dir/asciiworld" ] && [ "$dir/asciiworld" -nt "$src" ]; then
	echo "$dir/asciiworld"
	exit 0
fi
if ! pkg-config --exists gdlib; then
	sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
	$sudo apt-get install -y -qq libgd-dev >/dev/null 2>&1 || {
		echo "cannot install libgd-dev"
		exit 1
	}
fi
# shellcheck disable=SC2046
cc -Wall -Wextra -O3 $(pkg-config --cflags gdlib) -DDEFAULT_MAP='"ne_110m_land.shp"' \
	-o "$dir/asciiworld" "$src" -lm -lshp $(pkg-config --libs gdlib) >/dev/null 2>&1 || {
	echo "cannot build $src"
	exit 1
}
echo "$dir/asciiworld"
