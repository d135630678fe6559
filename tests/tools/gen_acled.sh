#!/bin/sh
# gen_acled.sh: a synthetic ACLED export in the real column layout. Never real
# data: ACLED's terms forbid redistributing it, so tests make their own.
#   gen_acled.sh [-o] [-c] [-t] [ROWS] >file.csv
#   -o    the layout before 20 March 2023 (data_id, event_id_no_cnty, iso3;
#         no disorder_type, civilian_targeting, tags; numeric inter codes)
#   -c    CRLF line ends (quoted notes keep their LF)
#   -t    territory: after the fixed rows, a control map's worth of rows in 2024
#         (takeovers by each class of actor, a transfer, a base, a regain,
#         one located only to its region), with clashes around them
#   ROWS  rows in all (default 8): the first 8 are fixed, and
#         tests/unit/test_import.c checks them; the rest are made up from the
#         row number, the same on every run
set -eu
old=0 crlf=0 terr=0
while getopts oct opt; do
	case $opt in
	o) old=1 ;;
	c) crlf=1 ;;
	t) terr=1 ;;
	*) echo "usage: $0 [-o] [-c] [-t] [ROWS]" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
rows=${1:-8}
case $rows in
''|*[!0-9]*) echo "$0: ROWS must be a number" >&2; exit 2 ;;
esac
exec awk -v old="$old" -v crlf="$crlf" -v terr="$terr" -v rows="$rows" '
function q(s) {
	if (s ~ /[",\r\n]/) {
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
function year_of(date) {
	return date ~ /^[0-9][0-9][0-9][0-9]-/ ? substr(date, 1, 4) : substr(date, length(date) - 3)
}
function disorder(t) {
	if (t == "Protests" || t == "Riots")
		return "Demonstrations"
	if (t == "Strategic developments")
		return "Strategic developments"
	return "Political violence"
}
function inter(a) {
	if (a == "")
		return old ? "0" : ""
	if (a ~ /^Military Forces/)
		return old ? "1" : "State forces"
	if (a ~ /^Rioters/)
		return old ? "5" : "Rioters"
	if (a ~ /^Protesters/)
		return old ? "6" : "Protesters"
	if (a ~ /^Civilians/)
		return old ? "7" : "Civilians"
	if (a ~ /(Communal|Ethnic) Militia/)
		return old ? "4" : "Identity militia"
	if (a ~ /Militia/)
		return old ? "3" : "Political militia"
	if (a ~ /^Foreign/)
		return old ? "8" : "External/Other forces"
	return old ? "2" : "Rebel group"
}
function row(id, date, tp, etype, subt, a1, a2, loc, adm1, lat, lon, gp, src, notes, fat, ts) {
	nrow++
	r["data_id"] = 10000000 + nrow
	r["iso"] = 466
	r["iso3"] = "MLI"
	r["event_id_cnty"] = id
	r["event_id_no_cnty"] = substr(id, 4)
	r["event_date"] = date
	r["year"] = year_of(date)
	r["time_precision"] = tp
	r["disorder_type"] = disorder(etype)
	r["event_type"] = etype
	r["sub_event_type"] = subt
	r["actor1"] = a1
	r["assoc_actor_1"] = ""
	r["inter1"] = inter(a1)
	r["actor2"] = a2
	r["assoc_actor_2"] = ""
	r["inter2"] = inter(a2)
	r["interaction"] = old ? (inter(a1) inter(a2)) : (inter(a2) == "" ? (inter(a1) " only") : (inter(a1) "-" inter(a2)))
	r["civilian_targeting"] = etype == "Violence against civilians" ? "Civilian targeting" : ""
	r["region"] = "Western Africa"
	r["country"] = "Mali"
	r["admin1"] = adm1
	r["admin2"] = adm1
	r["admin3"] = ""
	r["location"] = loc
	r["latitude"] = lat
	r["longitude"] = lon
	r["geo_precision"] = gp
	r["source"] = src
	r["source_scale"] = "National"
	r["notes"] = notes
	r["fatalities"] = fat
	r["tags"] = fat > 0 ? "" : "casualties unknown"
	r["timestamp"] = ts
	emit()
}
# a small generator that every awk computes alike: products stay below 2^53
function rnd(n) {
	seed = (seed * 75 + 74) % 65537
	return seed % n
}
BEGIN {
	eol = crlf ? "\r\n" : "\n"
	if (old)
		ncols = split("data_id,iso,event_id_cnty,event_id_no_cnty,event_date,year," \
		    "time_precision,event_type,sub_event_type,actor1,assoc_actor_1,inter1," \
		    "actor2,assoc_actor_2,inter2,interaction,region,country,admin1,admin2," \
		    "admin3,location,latitude,longitude,geo_precision,source,source_scale," \
		    "notes,fatalities,timestamp,iso3", cols, ",")
	else
		ncols = split("event_id_cnty,event_date,year,time_precision,disorder_type," \
		    "event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2," \
		    "assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country," \
		    "admin1,admin2,admin3,location,latitude,longitude,geo_precision,source," \
		    "source_scale,notes,fatalities,tags,timestamp", cols, ",")
	for (i = 1; i <= ncols; i++)
		r[cols[i]] = cols[i]
	emit()

	fama = "Military Forces of Mali (2021-)"
	csp = "CSP-PSD: Permanent Strategic Framework for Peace, Security and Development"
	jnim = "JNIM: Group for Support of Islam and Muslims"
	# every event_date format and time_precision; notes with commas, quotes, newlines
	row("MLI1001", "2023-10-07", 1, "Battles", "Armed clash", fama, csp, "Anefis", "Kidal",
	    "18.0439", "0.6031", 1, "Le Monde; Reuters",
	    "On 7 October 2023, FAMa and Wagner Group clashed with CSP-PSD fighters near Anefis (Kidal). \"Heavy\" losses, per both sides.",
	    12, 1697040000)
	row("MLI1002", "07 October 2023", 1, "Explosions/Remote violence",
	    "Remote explosive/landmine/IED", "Unidentified Armed Group (Mali)", fama, "Anefis",
	    "Kidal", "18.0439", "0.6031", 1, "Studio Tamani",
	    "An IED hit a FAMa convoy near Anefis, no casualties reported.", 0, 1697040001)
	row("MLI1003", "7 October 2023", 2, "Violence against civilians", "Attack", jnim,
	    "Civilians (Mali)", "Tarkint", "Gao", "17.4769", "0.1164", 2, "Local sources",
	    "Around the week of 7 October 2023, JNIM militants attacked\nherders near Tarkint, killing 3.",
	    3, 1697040002)
	row("MLI1004", "07-October-2023", 3, "Strategic developments",
	    "Looting/property destruction", "Unidentified Armed Group (Mali)", "", "Timbuktu",
	    "Tombouctou", "16.7735", "-3.0074", 3, "Radio France Internationale",
	    "In October 2023 (day unknown), armed men looted shops in the Timbuktu region.", 0,
	    1697040003)
	row("MLI1005", "07-10-2023", 1, "Protests", "Peaceful protest", "Protesters (Mali)", "",
	    "Bamako", "Bamako", "12.6392", "-8.0029", 1, "Maliweb",
	    "Protesters gathered in Bamako, chanting \"MINUSMA out\".", 0, 1697040004)
	row("MLI1006", "14 November 2023", 1, "Battles", "Government regains territory", fama,
	    csp, "Kidal", "Kidal", "18.4411", "1.4078", 1, "AFP; Reuters",
	    "FAMa and Wagner Group retook Kidal,\r\nheld by CSP-PSD since 2012.", 0, 1700000000)
	row("MLI1007", "29 February 2024", 1, "Riots", "Mob violence", "Rioters (Mali)", "",
	    "S\303\251gou", "S\303\251gou", "13.4317", "-6.2157", 2, "Studio Tamani",
	    "A mob clashed with police in S\303\251gou; 1 killed.", 1, 1709300000)
	row("MLI1008", "2023-11-15", 2, "Battles", "Armed clash", fama, jnim, "Anefis", "Kidal",
	    "18.0500", "0.6100", 2, "Local sources",
	    "Clashes near Anefis during the week of 15 November 2023.", 5, 1700100000)

	if (terr) {
		# who holds what: each ACLED territorial sub-event type, each class of actor
		dozo = "Dozo Communal Militia (Mali)"
		ganda = "Ganda Izo Militia"
		iss = "Islamic State (Sahel)"
		row("MLI2001", "2024-01-08", 1, "Battles", "Armed clash", jnim, fama, "Boni",
		    "Mopti", "15.0597", "-1.9736", 1, "Local sources",
		    "JNIM fighters clashed with FAMa at Boni.", 4, 1704700000)
		row("MLI2002", "2024-01-10", 1, "Battles", "Non-state actor overtakes territory",
		    jnim, fama, "Boni", "Mopti", "15.0597", "-1.9736", 1, "Local sources",
		    "JNIM took control of Boni after FAMa withdrew.", 2, 1704800000)
		row("MLI2003", "2024-01-15", 1, "Battles", "Non-state actor overtakes territory",
		    dozo, jnim, "Djenne", "Mopti", "13.9061", "-4.5556", 1, "Studio Tamani",
		    "Dozo hunters took over Djenne from JNIM.", 6, 1704900000)
		row("MLI2004", "2024-01-20", 1, "Strategic developments",
		    "Headquarters or base established", iss, "", "Menaka", "Menaka", "15.9182",
		    "2.4022", 1, "AFP", "IS Sahel set up a base near Menaka.", 0, 1705000000)
		row("MLI2005", "2024-02-01", 1, "Strategic developments",
		    "Non-violent transfer of territory", csp, "", "Ber", "Tombouctou", "16.8667",
		    "-3.4167", 1, "Reuters", "The CSP-PSD took over Ber without fighting.", 0,
		    1705100000)
		row("MLI2006", "2024-02-05", 1, "Battles", "Non-state actor overtakes territory",
		    ganda, "", "Ansongo", "Gao", "15.6594", "0.5017", 1, "Local sources",
		    "Ganda Izo militiamen took Ansongo.", 3, 1705200000)
		row("MLI2007", "2024-02-08", 1, "Battles", "Non-state actor overtakes territory",
		    "Foreign Armed Group (Mali)", "", "Tessalit", "Kidal", "20.2011", "1.0125", 1,
		    "Local sources", "An armed group from abroad took Tessalit.", 1, 1705300000)
		row("MLI2008", "2024-02-10", 1, "Battles", "Government regains territory", fama,
		    jnim, "Boni", "Mopti", "15.0597", "-1.9736", 1, "AFP",
		    "FAMa retook Boni from JNIM.", 7, 1705400000)
		row("MLI2009", "2024-02-12", 1, "Battles", "Non-state actor overtakes territory",
		    jnim, "", "Mopti", "Mopti", "14.4843", "-4.1827", 3, "Local sources",
		    "JNIM took a village somewhere in Mopti region.", 0, 1705500000)
		row("MLI2010", "2024-02-14", 1, "Battles", "Armed clash", fama, dozo, "Djenne",
		    "Mopti", "13.9061", "-4.5556", 1, "Studio Tamani",
		    "Clashes between FAMa and Dozo hunters near Djenne.", 2, 1705600000)
		row("MLI2011", "2024-02-16", 1, "Violence against civilians", "Attack", iss,
		    "Civilians (Mali)", "Menaka", "Menaka", "15.9182", "2.4022", 1, "AFP",
		    "IS Sahel attacked villagers near Menaka.", 5, 1705700000)
	}

	nloc = split("Kidal:18.4411:1.4078:Kidal,Gao:16.2717:-0.0447:Gao," \
	    "Timbuktu:16.7735:-3.0074:Tombouctou,Menaka:15.9182:2.4022:Menaka," \
	    "Mopti:14.4843:-4.1827:Mopti,Sevare:14.5333:-4.1000:Mopti," \
	    "Tessalit:20.2011:1.0125:Kidal,Aguelhok:19.4650:0.8561:Kidal," \
	    "Ansongo:15.6594:0.5017:Gao,Bourem:16.9500:-0.3500:Gao," \
	    "Douentza:15.0000:-2.9500:Mopti,Djenne:13.9061:-4.5556:Mopti," \
	    "Segou:13.4317:-6.2157:Segou,Niono:14.2526:-5.9929:Segou," \
	    "Bamako:12.6392:-8.0029:Bamako,Kayes:14.4469:-11.4445:Kayes", locs, ",")
	ntype = split("Battles:Armed clash,Explosions/Remote violence:Air/drone strike," \
	    "Violence against civilians:Attack,Violence against civilians:Abduction/forced disappearance," \
	    "Protests:Peaceful protest,Riots:Mob violence,Strategic developments:Agreement", types, ",")
	split("January,February,March,April,May,June,July,August,September,October,November,December", mname, ",")
	seed = 1
	for (n = 9; n <= rows; n++) {
		split(locs[1 + rnd(nloc)], l, ":")
		split(types[1 + rnd(ntype)], t, ":")
		y = 2022 + rnd(3)
		m = 1 + rnd(12)
		d = 1 + rnd(28)
		f = n % 5
		if (f == 0)
			date = sprintf("%04d-%02d-%02d", y, m, d)
		else if (f == 1)
			date = sprintf("%02d %s %04d", d, mname[m], y)
		else if (f == 2)
			date = sprintf("%d %s %04d", d, mname[m], y)
		else if (f == 3)
			date = sprintf("%02d-%s-%04d", d, mname[m], y)
		else
			date = sprintf("%02d-%02d-%04d", d, m, y)
		fat = rnd(4) == 0 ? 0 : rnd(30)
		notes = "On " date ", an event of type " t[2] " was reported near " l[1] \
		    " (" l[4] "), with " fat " fatalities."
		if (n % 7 == 0)
			notes = notes "\nA second source, \"" l[1] " Info\", gives other numbers."
		row(sprintf("MLI%d", 100000 + n), date, 1 + rnd(3), t[1], t[2], fama,
		    n % 3 ? jnim : "", l[1], l[4], l[2], l[3], 1 + rnd(3), "Synthetic source " n % 17,
		    notes, fat, 1690000000 + n)
	}
}'
