#!/bin/sh
# gen_country.sh: a synthetic ACLED (or UCDP GED) export of one or more
# countries, for the world view's tests. Never real data: the events are
# made up from the row number, the same on every run; only the towns they
# happen in are real (names and positions as GeoNames has them in
# maps/world_towns), so that a map of the export can be checked by eye.
#   gen_country.sh [-u] [-x] [-n ROWS] COUNTRY...
#   -u       UCDP GED 23.1's layout (default: ACLED's since March 2023)
#   -x       two more rows per country at 0, 0 (strays: a missing position
#            written as zeros)
#   -n ROWS  rows per country (default 120)
#   COUNTRY  sudan colombia ukraine myanmar burkina niger mali chad nigeria
# Half the events are in a town itself, the rest in made-up villages up to
# about 25 km from one; one in twenty is located only to its region
# (ACLED geo_precision 3, UCDP where_prec 4).
set -eu
ucdp=0 stray=0 rows=120
while getopts uxn: opt; do
	case $opt in
	u) ucdp=1 ;;
	x) stray=1 ;;
	n) rows=$OPTARG ;;
	*) echo "usage: $0 [-u] [-x] [-n ROWS] COUNTRY..." >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
case $rows in
''|*[!0-9]*) echo "$0: ROWS must be a number" >&2; exit 2 ;;
esac
[ $# -gt 0 ] || { echo "usage: $0 [-u] [-x] [-n ROWS] COUNTRY..." >&2; exit 2; }
exec awk -v ucdp="$ucdp" -v stray="$stray" -v rows="$rows" -v want="$*" '
function q(s) {
	if (ucdp || s ~ /[",\r\n]/) {
		gsub(/"/, "\"\"", s)
		return "\"" s "\""
	}
	return s
}
function emit(   i) {
	printf "%s", q(r[cols[1]])
	for (i = 2; i <= ncols; i++)
		printf ",%s", q(r[cols[i]])
	printf "\n"
}
# every awk computes it alike: products stay below 2^53
function rnd(n) {
	seed = (seed * 75 + 74) % 65537
	return seed % n
}
function village(   n, i, s) {
	n = 2 + rnd(2)
	s = ""
	for (i = 0; i < n; i++)
		s = s syl[1 + rnd(nsyl)]
	return toupper(substr(s, 1, 1)) substr(s, 2)
}
function country(key, name, iso, iso3, aregion, uregion, gwno, towns) {
	keys[++nk] = key
	cname[key] = name; ciso[key] = iso; ciso3[key] = iso3
	careg[key] = aregion; cureg[key] = uregion; cgw[key] = gwno
	ctowns[key] = towns
}
function acled(id, date, et, st, a1, a2, loc, adm1, lat, lon, gp, fat, notes, k) {
	r["event_id_cnty"] = id; r["event_date"] = date; r["year"] = substr(date, 1, 4)
	r["time_precision"] = 1
	r["disorder_type"] = et == "Protests" ? "Demonstrations" : "Political violence"
	r["event_type"] = et; r["sub_event_type"] = st
	r["actor1"] = a1; r["assoc_actor_1"] = ""; r["inter1"] = "State forces"
	r["actor2"] = a2; r["assoc_actor_2"] = ""; r["inter2"] = a2 == "" ? "" : "Rebel group"
	r["interaction"] = a2 == "" ? "State forces only" : "State forces-Rebel group"
	r["civilian_targeting"] = ""
	r["iso"] = ciso[k]; r["region"] = careg[k]; r["country"] = cname[k]
	r["admin1"] = adm1; r["admin2"] = ""; r["admin3"] = ""; r["location"] = loc
	r["latitude"] = lat; r["longitude"] = lon; r["geo_precision"] = gp
	r["source"] = "Synthetic source " nrow % 11; r["source_scale"] = "National"
	r["notes"] = notes; r["fatalities"] = fat; r["tags"] = ""
	r["timestamp"] = 1700000000 + nrow
	emit()
}
function ged(id, date, tv, a1, a2, loc, adm1, lat, lon, wp, fat, k) {
	r["id"] = id; r["relid"] = ciso3[k] "-2023-1-" id; r["year"] = substr(date, 1, 4)
	r["active_year"] = 1; r["code_status"] = "Clear"; r["type_of_violence"] = tv
	r["conflict_dset_id"] = r["conflict_new_id"] = 20000 + cgw[k]
	r["conflict_name"] = cname[k] ": Government"
	r["dyad_dset_id"] = r["dyad_new_id"] = 30000 + cgw[k]
	r["dyad_name"] = a1 " - " a2
	r["side_a_dset_id"] = r["side_a_new_id"] = cgw[k]; r["side_a"] = a1
	r["side_b_dset_id"] = r["side_b_new_id"] = 9000 + cgw[k]; r["side_b"] = a2
	r["number_of_sources"] = 1; r["source_article"] = "Synthetic source " nrow % 11
	r["source_office"] = "Synthetic"; r["source_date"] = date
	r["source_headline"] = a1; r["source_original"] = a1
	r["where_prec"] = wp; r["where_coordinates"] = loc; r["where_description"] = loc
	r["adm_1"] = adm1; r["adm_2"] = ""; r["latitude"] = lat; r["longitude"] = lon
	r["geom_wkt"] = "POINT (" lon " " lat ")"; r["priogrid_gid"] = 100000 + nrow
	r["country"] = cname[k]; r["country_id"] = cgw[k]; r["region"] = cureg[k]
	r["event_clarity"] = 1; r["date_prec"] = 1
	r["date_start"] = date " 00:00:00.000"; r["date_end"] = date " 00:00:00.000"
	r["deaths_a"] = int(fat / 2); r["deaths_b"] = fat - int(fat / 2)
	r["deaths_civilians"] = 0; r["deaths_unknown"] = 0
	r["best"] = fat; r["high"] = fat + 2; r["low"] = fat
	r["gwnoa"] = cgw[k]; r["gwnob"] = ""
	emit()
}
function event(k, n, lat, lon, loc, adm1, gp,   date, fat, t, id) {
	nrow++
	date = sprintf("2023-%02d-%02d", n > rows ? 12 : 1 + int((n - 1) * 12 / rows),
	    1 + rnd(28))
	fat = rnd(4) == 0 ? rnd(20) : 0
	t = 1 + rnd(ntype)
	id = ciso3[k] (100000 + n)
	if (ucdp)
		ged(nrow + 700000, date, 1 + rnd(3), "Government of " cname[k],
		    "Synthetic armed group " (1 + rnd(3)), loc, adm1, lat, lon,
		    gp == 3 ? 4 : gp, fat, k)
	else
		acled(id, date, etype[t], esub[t], "Military Forces of " cname[k],
		    rnd(3) ? "Synthetic armed group " (1 + rnd(3)) : "", loc, adm1, lat, lon, gp,
		    fat, "A made-up " esub[t] " near " loc ", " fat " killed.", k)
}
BEGIN {
	nsyl = split("ba ko ri ma nda lu se ti go ra mi ne sa ku lo", syl, " ")
	ntype = split("Battles:Armed clash,Explosions/Remote violence:Shelling/artillery/missile attack," \
	    "Violence against civilians:Attack,Protests:Peaceful protest," \
	    "Explosions/Remote violence:Air/drone strike", types, ",")
	for (i = 1; i <= ntype; i++) {
		split(types[i], tt, ":")
		etype[i] = tt[1]; esub[i] = tt[2]
	}
	country("sudan", "Sudan", 729, "SDN", "Northern Africa", "Africa", 625,
	    "Khartoum:15.5518:32.5324,Nyala:12.0489:24.8807,Port Sudan:19.6175:37.2164," \
	    "Kassala:15.4510:36.4000,El Obeid:13.1842:30.2167,Al Qadarif:14.0349:35.3834," \
	    "Kosti:13.1629:32.6635,Wad Medani:14.4012:33.5199,El Daein:11.4619:26.1258," \
	    "El Fasher:13.6279:25.3494,Geneina:13.4526:22.4473,Atbara:17.7022:33.9864," \
	    "Kadugli:11.0111:29.7183,Zalingei:12.9092:23.4706")
	country("colombia", "Colombia", 170, "COL", "South America", "Americas", 100,
	    "Bogot\303\241:4.6097:-74.0817,Cali:3.4372:-76.5225,Medell\303\255n:6.2518:-75.5636," \
	    "Barranquilla:10.9685:-74.7813,Cartagena:10.3997:-75.5144,C\303\272cuta:7.8939:-72.5078," \
	    "Bucaramanga:7.1254:-73.1198,Pasto:1.2136:-77.2811,Villavicencio:4.1420:-73.6266," \
	    "Popay\303\241n:2.4382:-76.6132,Quibd\303\263:5.6919:-76.6583,Arauca:7.0847:-70.7591," \
	    "Florencia:1.6144:-75.6062,Tumaco:1.7911:-78.7927,Riohacha:11.5444:-72.9072," \
	    "Yopal:5.3377:-72.3959,Leticia:-4.2153:-69.9406")
	country("ukraine", "Ukraine", 804, "UKR", "Europe", "Europe", 369,
	    "Kyiv:50.4547:30.5238,Kharkiv:49.9808:36.2527,Dnipro:48.4593:35.0386," \
	    "Donetsk:48.0230:37.8022,Odesa:46.4775:30.7326,Zaporizhzhia:47.8229:35.1903," \
	    "Lviv:49.8383:24.0232,Mykolaiv:46.9659:31.9974,Mariupol:47.0951:37.5413," \
	    "Luhansk:48.5671:39.3171,Kherson:46.6558:32.6178,Sumy:50.9216:34.8003," \
	    "Chernihiv:51.5055:31.2849,Rivne:50.6231:26.2274,Bakhmut:48.5944:37.9998")
	country("myanmar", "Myanmar", 104, "MMR", "Southeast Asia", "Asia", 775,
	    "Yangon:16.8053:96.1561,Mandalay:21.9747:96.0836,Nay Pyi Taw:19.7450:96.1297," \
	    "Mawlamyine:16.4905:97.6282,Bago:17.3352:96.4814,Pathein:16.7792:94.7321," \
	    "Monywa:22.1086:95.1358,Sittwe:20.1462:92.8983,Myitkyina:25.3833:97.3964," \
	    "Lashio:22.9359:97.7498,Taunggyi:20.7892:97.0378,Hpa-An:16.8895:97.6348," \
	    "Dawei:14.0823:98.1915,Hakha:22.6445:93.6108,Loikaw:19.6780:97.2097," \
	    "Myeik:12.4395:98.6003")
	country("burkina", "Burkina Faso", 854, "BFA", "Western Africa", "Africa", 439,
	    "Ouagadougou:12.3657:-1.5339,Bobo-Dioulasso:11.1771:-4.2979,Djibo:14.0994:-1.6255," \
	    "Dori:14.0354:-0.0345,Fada N'\''gourma:12.0616:0.3584,Kaya:13.0917:-1.0844," \
	    "Ouahigouya:13.5828:-2.4216")
	country("niger", "Niger", 562, "NER", "Western Africa", "Africa", 436,
	    "Niamey:13.5137:2.1098,Tillab\303\251ri:14.2071:1.4542,Diffa:13.3154:12.6113," \
	    "Agadez:16.9733:7.9911,Maradi:13.5000:7.1017,Tahoua:14.8888:5.2692," \
	    "Zinder:13.8072:8.9881")
	country("mali", "Mali", 466, "MLI", "Western Africa", "Africa", 432,
	    "Bamako:12.6500:-8.0000,Gao:16.2717:-0.0447,Mopti:14.4843:-4.1830," \
	    "Timbuktu:16.7735:-3.0074,S\303\251gou:13.4317:-6.2157")
	country("chad", "Chad", 148, "TCD", "Middle Africa", "Africa", 483,
	    "N'\''Djamena:12.1067:15.0444,Ab\303\251ch\303\251:13.8292:20.8324," \
	    "Moundou:8.5667:16.0833")
	country("nigeria", "Nigeria", 566, "NGA", "Western Africa", "Africa", 475,
	    "Maiduguri:11.8469:13.1571,Kano:12.0001:8.5167,Sokoto:13.0627:5.2432," \
	    "Abuja:9.0579:7.4951,Lagos:6.4541:3.3947")
	if (ucdp)
		ncols = split("id,relid,year,active_year,code_status,type_of_violence," \
		    "conflict_dset_id,conflict_new_id,conflict_name,dyad_dset_id,dyad_new_id," \
		    "dyad_name,side_a_dset_id,side_a_new_id,side_a,side_b_dset_id,side_b_new_id," \
		    "side_b,number_of_sources,source_article,source_office,source_date," \
		    "source_headline,source_original,where_prec,where_coordinates," \
		    "where_description,adm_1,adm_2,latitude,longitude,geom_wkt,priogrid_gid," \
		    "country,country_id,region,event_clarity,date_prec,date_start,date_end," \
		    "deaths_a,deaths_b,deaths_civilians,deaths_unknown,best,high,low,gwnoa,gwnob",
		    cols, ",")
	else
		ncols = split("event_id_cnty,event_date,year,time_precision,disorder_type," \
		    "event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2," \
		    "assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country," \
		    "admin1,admin2,admin3,location,latitude,longitude,geo_precision,source," \
		    "source_scale,notes,fatalities,tags,timestamp", cols, ",")
	for (i = 1; i <= ncols; i++)
		r[cols[i]] = cols[i]
	emit()
	nw = split(want, w, " ")
	for (j = 1; j <= nw; j++) {
		k = w[j]
		if (!(k in cname)) {
			print "gen_country.sh: unknown country \"" k "\"" > "/dev/stderr"
			exit 2
		}
		seed = 1 + j
		nt = split(ctowns[k], towns, ",")
		for (n = 1; n <= rows; n++) {
			# the first towns are the busiest
			i = rnd(2) ? 1 + rnd(nt < 4 ? nt : 4) : 1 + rnd(nt)
			split(towns[i], tw, ":")
			adm1 = tw[1] " region"
			if (n % 20 == 0)
				event(k, n, tw[2], tw[3], adm1, adm1, 3)
			else if (rnd(2))
				event(k, n, tw[2], tw[3], tw[1], adm1, 1)
			else
				event(k, n, sprintf("%.4f", tw[2] + (rnd(41) - 20) / 100),
				    sprintf("%.4f", tw[3] + (rnd(41) - 20) / 100), village(), adm1, 2)
		}
		if (stray) {
			event(k, rows + 1, "0.0000", "0.0000", "Null Island", "", 1)
			event(k, rows + 2, "0.0000", "0.0000", "Null Island", "", 1)
		}
	}
}'
