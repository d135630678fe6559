#!/bin/sh
# gen_ucdp.sh: a synthetic UCDP GED export in the real column layout. UCDP GED
# is CC BY 4.0, but tests stay synthetic all the same.
#   gen_ucdp.sh [-o] [-c] [ROWS] >file.csv
#   -o    the GED 20.1 layout (no relid, code_status, geom_wkt, priogrid_gid,
#         gwnoa; plain dates); the default is GED 23.1, every field quoted
#   -c    CRLF line ends (quoted text keeps its LF)
#   ROWS  rows in all (default 6): the first 6 are fixed, and
#         tests/unit/test_import.c checks them; the rest are made up from the
#         row number, the same on every run
set -eu
old=0 crlf=0
while getopts oc opt; do
	case $opt in
	o) old=1 ;;
	c) crlf=1 ;;
	*) echo "usage: $0 [-o] [-c] [ROWS]" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
rows=${1:-6}
case $rows in
''|*[!0-9]*) echo "$0: ROWS must be a number" >&2; exit 2 ;;
esac
exec awk -v old="$old" -v crlf="$crlf" -v rows="$rows" '
function q(s) {
	if (!old || s ~ /[",\r\n]/) {
		gsub(/"/, "\"\"", s)
		return "\"" s "\""
	}
	return s
}
function emit(   i) {
	printf "%s", q(r[cols[1]])
	for (i = 2; i <= ncols; i++)
		printf ",%s", q(r[cols[i]])
	printf "%s", eol
}
# GED 23.1 writes a time of day that says nothing; 20.1 wrote the date alone
function when(date, plain) {
	return old || plain ? date : date " 00:00:00.000"
}
function row(id, tv, conflict, dyad, side_a, side_b, src, wp, wc, wd, adm1, lat, lon, dp,
    start, end, best, low, high, plain,   k) {
	r["id"] = id
	r["relid"] = "MLI-2023-1-" id
	r["year"] = substr(start, 1, 4)
	r["active_year"] = 1
	r["code_status"] = "Clear"
	r["type_of_violence"] = tv
	r["conflict_dset_id"] = r["conflict_new_id"] = 11347 + tv
	r["conflict_name"] = conflict
	r["dyad_dset_id"] = r["dyad_new_id"] = 14000 + tv
	r["dyad_name"] = dyad
	r["side_a_dset_id"] = r["side_a_new_id"] = 432
	r["side_a"] = side_a
	r["side_b_dset_id"] = r["side_b_new_id"] = tv == 3 ? 1 : 7000 + tv
	r["side_b"] = side_b
	r["number_of_sources"] = 1 + (id % 3)
	r["source_article"] = src
	r["source_office"] = "Synthetic"
	r["source_date"] = start
	r["source_headline"] = dyad
	r["source_original"] = side_a
	r["where_prec"] = wp
	r["where_coordinates"] = wc
	r["where_description"] = wd
	r["adm_1"] = adm1
	r["adm_2"] = ""
	r["latitude"] = lat
	r["longitude"] = lon
	r["geom_wkt"] = "POINT (" lon " " lat ")"
	r["priogrid_gid"] = 150000 + id % 1000
	r["country"] = "Mali"
	r["country_id"] = 432
	r["region"] = "Africa"
	r["event_clarity"] = 1
	r["date_prec"] = dp
	r["date_start"] = when(start, plain)
	r["date_end"] = when(end, plain)
	k = best - low
	r["deaths_a"] = int(k / 2)
	r["deaths_b"] = k - int(k / 2)
	r["deaths_civilians"] = low
	r["deaths_unknown"] = 0
	r["best"] = best
	r["high"] = high
	r["low"] = low
	r["gwnoa"] = 432
	r["gwnob"] = ""
	emit()
}
function rnd(n) {
	seed = (seed * 75 + 74) % 65537
	return seed % n
}
BEGIN {
	eol = crlf ? "\r\n" : "\n"
	if (old)
		ncols = split("id,year,active_year,type_of_violence,conflict_new_id," \
		    "conflict_name,dyad_new_id,dyad_name,side_a,side_b,number_of_sources," \
		    "source_article,where_prec,where_coordinates,where_description,adm_1,adm_2," \
		    "latitude,longitude,country,region,event_clarity,date_prec,date_start," \
		    "date_end,deaths_a,deaths_b,deaths_civilians,deaths_unknown,best,high,low",
		    cols, ",")
	else
		ncols = split("id,relid,year,active_year,code_status,type_of_violence," \
		    "conflict_dset_id,conflict_new_id,conflict_name,dyad_dset_id,dyad_new_id," \
		    "dyad_name,side_a_dset_id,side_a_new_id,side_a,side_b_dset_id,side_b_new_id," \
		    "side_b,number_of_sources,source_article,source_office,source_date," \
		    "source_headline,source_original,where_prec,where_coordinates," \
		    "where_description,adm_1,adm_2,latitude,longitude,geom_wkt,priogrid_gid," \
		    "country,country_id,region,event_clarity,date_prec,date_start,date_end," \
		    "deaths_a,deaths_b,deaths_civilians,deaths_unknown,best,high,low,gwnoa,gwnob",
		    cols, ",")
	for (i = 1; i <= ncols; i++)
		r[cols[i]] = cols[i]
	emit()

	gov = "Government of Mali"
	# every date_prec; both date forms; quotes, commas and a newline in source_article
	row(500001, 1, "Mali: Government", "Government of Mali - CSP", gov, "CSP",
	    "Le Monde, \"Mali: clashes at Anefis\", 2023-10-08; Reuters, 2023-10-08", 1,
	    "Anefis town", "Anefis, Kidal region", "Kidal region", "18.0439", "0.6031", 1,
	    "2023-10-07", "2023-10-07", 12, 10, 15, 0)
	row(500002, 3, "JNIM - Civilians", "JNIM - Civilians", "JNIM", "Civilians",
	    "Studio Tamani, 2023-10-09", 2, "Tarkint village", "near Tarkint", "Gao region",
	    "17.4769", "0.1164", 2, "2023-10-05", "2023-10-08", 5, 5, 9, 0)
	row(500003, 2, "IS Sahel - JNIM", "IS Sahel - JNIM", "IS Sahel", "JNIM",
	    "AFP, 2023-10-10", 4, "M\303\251naka region", "M\303\251naka region",
	    "M\303\251naka region", "15.9182", "2.4022", 3, "2023-10-02", "2023-10-08", 20, 14,
	    31, 1)
	row(500004, 1, "Mali: Government", "Government of Mali - JNIM", gov, "JNIM",
	    "Reuters, 2023-11-02", 3, "Niono district", "Niono cercle", "S\303\251gou region",
	    "14.2526", "-5.9929", 4, "2023-10-01", "2023-10-31", 7, 7, 7, 1)
	row(500005, 1, "Mali: Government", "Government of Mali - CSP", gov, "CSP",
	    "UN Panel of Experts, annual report", 6, "Mali", "Mali, location unknown", "",
	    "17.0000", "-4.0000", 5, "2023-01-01", "2023-12-31", 40, 30, 60, 0)
	row(500006, 1, "Mali: Government", "Government of Mali - CSP", gov, "CSP",
	    "Local sources, 2023-10-10\nfollow-up, 2023-10-11", 1, "Anefis town",
	    "Anefis, Kidal region", "Kidal region", "18.0439", "0.6031", 1, "2023-10-09",
	    "2023-10-09", 2, 2, 3, 0)

	nloc = split("Kidal town:18.4411:1.4078:Kidal region,Gao town:16.2717:-0.0447:Gao region," \
	    "Timbuktu town:16.7735:-3.0074:Timbuktu region,Menaka town:15.9182:2.4022:Menaka region," \
	    "Mopti town:14.4843:-4.1827:Mopti region,Tessalit town:20.2011:1.0125:Kidal region," \
	    "Ansongo town:15.6594:0.5017:Gao region,Douentza town:15.0000:-2.9500:Mopti region," \
	    "Niono town:14.2526:-5.9929:Segou region,Bamako city:12.6392:-8.0029:Bamako", locs, ",")
	split("31,28,31,30,31,30,31,31,30,31,30,31", mdays, ",")
	split("Government of Mali - JNIM,JNIM - IS Sahel,IS Sahel - Civilians", dyads, ",")
	seed = 1
	for (n = 7; n <= rows; n++) {
		split(locs[1 + rnd(nloc)], l, ":")
		tv = 1 + rnd(3)
		split(dyads[tv], sides, " - ")
		y = 2022 + rnd(2)
		m = 1 + rnd(12)
		d = 1 + rnd(22)
		dp = 1 + n % 5
		if (dp == 1) {
			start = sprintf("%04d-%02d-%02d", y, m, d); end = start
		} else if (dp == 2) {
			start = sprintf("%04d-%02d-%02d", y, m, d)
			end = sprintf("%04d-%02d-%02d", y, m, d + 4)
		} else if (dp == 3) {
			start = sprintf("%04d-%02d-%02d", y, m, d)
			end = sprintf("%04d-%02d-%02d", y, m, d + 6)
		} else if (dp == 4) {
			start = sprintf("%04d-%02d-01", y, m)
			end = sprintf("%04d-%02d-%02d", y, m, mdays[m])
		} else {
			start = sprintf("%04d-01-01", y); end = sprintf("%04d-12-31", y)
		}
		low = rnd(10)
		best = low + rnd(10)
		row(600000 + n, tv, dyads[tv], dyads[tv], sides[1], sides[2],
		    "Synthetic source " n % 13 ", " start, 1 + rnd(7), l[1], "near " l[1], l[4],
		    l[2], l[3], dp, start, end, best, low, best + rnd(5), n % 2)
	}
}'
