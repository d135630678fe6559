#!/bin/sh
# Installs the Debian packages sitmap needs to build and test, and only those
# that are missing. Does nothing (and needs no network) when all are present.
set -eu
PKGS="make gcc pkg-config libncurses-dev libshp-dev libproj-dev zlib1g-dev libyajl-dev libcmocka-dev tmux time python3"
# Nothing more for the sanitizer builds: gcc brings their runtimes (ASan,
# UBSan, LSan and TSan, through libgcc-12-dev on Debian 12), and the C++
# runtime they link comes with libproj (libstdc++6). objdump (binutils)
# comes with gcc, perl (perl-base) and stty (coreutils) with every system.
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "sitmap: installing missing packages:$missing" >&2
if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
