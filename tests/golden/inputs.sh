#!/bin/sh
# The inputs of the world goldens, made by the generators in the repository
# on every run (never committed): synthetic ACLED and UCDP exports whose
# events happen in real towns (tests/tools/gen_country.sh).
#   tests/golden/inputs.sh [DIR]   (default build/golden-inputs)
set -eu
cd "$(dirname "$0")/../.."
d=${1:-build/golden-inputs}
mkdir -p "$d"
gen() {	# NAME ARGS...: DIR/NAME from gen_country.sh ARGS
	name=$1
	shift
	tests/tools/gen_country.sh "$@" >"$d/$name.tmp"
	mv "$d/$name.tmp" "$d/$name"
}
for c in sudan colombia ukraine myanmar; do
	gen "$c.csv" "$c"
done
# two rows at 0, 0: strays, said on the status line and standard error
gen sudan_strays.csv -x sudan
# five countries of one region in UCDP's layout, and two of ACLED's regions
gen sahel_ucdp.csv -u -n 40 burkina niger mali chad nigeria
gen sudan_chad.csv -n 60 sudan chad
