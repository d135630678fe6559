#!/bin/sh
# Synthetic scenario for benchmarks: gen_events.sh DIR NEVENTS writes
# DIR/places.csv (1,000 places in Mali's box) and DIR/events-NEVENTS.csv
# (sitmap's own columns; dates spread over 2012-2024; statuses and
# actors cycling as real ones do). Deterministic: the same files every time.
set -eu
dir=$1 n=$2
mkdir -p "$dir"
awk 'BEGIN {
	print "id,name,lat,lon,kind,initial,source"
	for (i = 0; i < 1000; i++) {
		lat = 10.5 + (i * 7919 % 1400) / 100; lon = -11.5 + (i * 104729 % 1500) / 100
		printf "p%d,Place %d,%.4f,%.4f,town,army-held,https://example.org/p%d\n", i, i, lat, lon, i
	}
}' >"$dir/places.csv"
awk -v n="$n" 'BEGIN {
	split("un-camp un-withdrawing handed-to-army army-held taken-by-rebels retaken-by-army contested attacked>army-held", st, " ")
	split("FAMa;Wagner|CSP|JNIM|MINUSMA|FAMa;CSP", ac, "|")
	print "id,date,end_date,precision,place,kind,effects,actors,summary,sources,note"
	for (i = 0; i < n; i++) {
		day = int(i * 4700 / n)			# in date order, as exports are
		y = 2012 + int(day / 336); r = day % 336; m = 1 + int(r / 28); d = 1 + r % 28
		p = (i * 7919) % 1000
		printf "S%d,%04d-%02d-%02d,,day,p%d,reported,p%d=%s,%s,Synthetic event %d at place %d,https://example.org/e%d,\n",
		    i, y, m, d, p, p, st[1 + i % 8], ac[1 + i % 5], i, p, i
	}
}' >"$dir/events-$n.csv"
